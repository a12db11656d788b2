"""Addresses as forum pages write them, made absolute and stable, shared by the engine parsers."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import SplitResult
from urllib.parse import urljoin as _urljoin
from urllib.parse import urlsplit as _urlsplit

LEADING_BLANKS = "".join(map(chr, range(33)))  # what urllib strips from the start of an address
_SESSION = re.compile(r"(?<=[?&;])(?:s|sid|phpsessid)=[^&;#]*[&;]?", re.IGNORECASE)


def urljoin(base: str, href: str) -> str:
    """``urllib.parse.urljoin`` that never raises: an address it cannot read (a host in brackets
    never closed, "http://[fe80::1/") comes back as written. Pages hold whatever their authors typed,
    and the engines join every link they show; one broken link must not cost the page.

    Joins are cached on the base's directory, not the whole base: a link with a path of its own
    (anything but "", "?..." or "#..." and ";...") takes nothing from the base's query or fragment
    (RFC 3986, 5.2.2; urllib drops leading blanks and controls first, as here), so every page of a board, whatever its page number or ``sid``, shares the
    joins of the profile and post links they all show (7 us a join, dozens a page)."""
    if href.lstrip(LEADING_BLANKS)[:1] not in ("", "?", "#", ";"):
        base = base.split("#", 1)[0].split("?", 1)[0]
    return cached_join(base, href)


@lru_cache(maxsize=4096)
def cached_join(base: str, href: str) -> str:
    try:
        return _urljoin(base, href)
    except ValueError:
        return href


def urlsplit(url: str) -> SplitResult:
    """``urllib.parse.urlsplit`` that never raises: the parts of an address it cannot read are empty."""
    try:
        return _urlsplit(url)
    except ValueError:
        return _urlsplit("")


def absolute(base: str, href: str | None) -> str | None:
    """``href`` against ``base``; an address that is already absolute is kept as written; None for
    a missing or blank one."""
    if not href or not href.strip():
        return None
    href = href.strip()
    return href if href.startswith(("https://", "http://")) else urljoin(base, href)


def joined(base: str, href: str | None) -> str | None:
    """``urljoin(base, href)`` with the link's surrounding blanks dropped; None without a link."""
    return urljoin(base, href.strip()) if href else None


def without_session(url: str | None) -> str | None:
    """The URL without the per-visit session parameter forums append (``s=``, ``sid=``, ``PHPSESSID=``).

    The rest of the query is kept byte for byte (SMF writes ``action=profile;u=5`` and ``topic=1.0;all``).
    """
    if not url or "?" not in url:
        return url
    address, hash_mark, fragment = url.partition("#")  # "topic,1.msg5.html?PHPSESSID=…#msg5": no "?#" left
    cleaned = _SESSION.sub("", address)
    if cleaned == address:
        return url
    return cleaned.replace("?&", "?").replace("?;", "?").rstrip("?&;") + hash_mark + fragment
