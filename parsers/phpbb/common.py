"""Patterns and address helpers the phpBB modules share (and the page language MyBB reads too)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..markup import xpath as _X
from ..urls import urljoin


PAGE_TITLE = _X("/html/head/title/text()")

POST_ID = re.compile(r"^p(\d+)$")
USER_ID = re.compile(r"(?:[?&;]u=|/member(?:list)?[/-]?|-u)(\d+)")
TOPIC_ID = re.compile(r"(?:[?&;]t=|/t-|-t|/topic)(\d+)")
START = re.compile(r"(?:[?&;]start=|/start-)(\d+)")
_SID_PARAM = re.compile(r"([?&;])sid=[0-9a-f]{32}(?:[&;]|(?=#)|$)")
_EMPTY_QUERY_PART = re.compile(r"[?&;](?=#|$)")
_START_PARAM = re.compile(r"([?&;])start=\d+(?:[&;]|(?=#)|$)")
_START_PATH = re.compile(r"(?<=/)start-\d+/?$")


# --- Small helpers -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # the same profile and topic links recur on every page
def clean_url(base: str, href: str) -> str:
    """``href`` made absolute, without phpBB's per-visit ``sid=<32 hex digits>`` (fragment kept:
    post permalinks are ``...?p=N#pN``; callers drop it from page URLs)."""
    href = href.strip()
    absolute = href if href.startswith(("http://", "https://")) else urljoin(base, href)
    if "sid=" not in absolute:
        return absolute
    # A regular expression rather than parse_qsl/urlencode: it runs for every link of every post,
    # and it leaves the rest of the address exactly as the forum wrote it.
    return _EMPTY_QUERY_PART.sub("", _SID_PARAM.sub(r"\1", absolute))


def without_start(url: str) -> str:
    """A topic URL without its page offset (``start=N``, or a path's ``start-N/``) or fragment:
    the topic's first page."""
    url = _EMPTY_QUERY_PART.sub("", _START_PARAM.sub(r"\1", url.split("#", 1)[0]))
    return _START_PATH.sub("", url)
