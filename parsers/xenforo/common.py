"""Patterns and address helpers the XenForo modules share."""

from __future__ import annotations

import re
from functools import lru_cache

from ..html_text import element_text
from ..models import Author
from ..urls import urljoin
from ..values import words as _words


POST_ID = re.compile(r"^(?:js-)?post-(\d+)$")
_MEMBER_ID = re.compile(r"members/(?:[^/?#]*\.)?(\d+)(?:/|$|[?#])")


def author_of(user, name: str | None, base: str) -> Author:
    """A member from a ``.username`` element: name, ``data-user-id`` (0 for guests), profile link."""
    href = user.get("href") if user.tag == "a" else None
    url = absolute(base, href) if href and not href.startswith(("#", "javascript:")) else None
    user_id = user.get("data-user-id") or member_id(url)
    name = (name or "").strip() or _words([element_text(user)]) or None
    return Author(name=name, id=user_id if user_id and user_id != "0" else None, url=url)


def names_post(href: str, post_id: str, prefixes: tuple[str, ...] = ("post-", "posts/")) -> bool:
    """Does ``href`` name post ``post_id`` after one of ``prefixes`` ("post-12", "posts/12/", not
    "post-123"): the test ``re.search(rf"(?:post-|posts/){post_id}(?:\\D|$)", href)`` makes ("#post-12"
    holds "post-12"), by string search. Why: such a pattern is compiled anew for every post (a
    crawl's post ids are all new, Python keeps 512 patterns), which cost more than the test."""
    for prefix in prefixes:
        key = prefix + post_id
        at = href.find(key)
        while at != -1:
            end = at + len(key)
            if end == len(href) or not href[end].isdecimal():  # (regex \d: a Unicode decimal digit)
                return True
            at = href.find(key, at + 1)
    return False


def member_id(url: str | None) -> str | None:
    match = _MEMBER_ID.search(url or "")
    return match.group(1) if match else None


def absolute(base: str, href: str | None) -> str | None:
    return joined_url(base, href.strip()) if href else None


@lru_cache(maxsize=4096)
def joined_url(base: str, href: str) -> str:
    """``urljoin``, remembered: the same member and thread links recur on every page."""
    return urljoin(base, href)
