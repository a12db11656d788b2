"""Addresses as forum pages write them, made absolute and stable, shared by the engine parsers."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import SplitResult
from urllib.parse import urljoin as _urljoin
from urllib.parse import urlsplit as _urlsplit
from urllib.parse import urlunsplit

LEADING_BLANKS = "".join(map(chr, range(33)))  # what urllib strips from the start of an address
_SESSION = re.compile(r"(?<=[?&;])(?:s|sid|phpsessid)=[^&;#]*[&;]?", re.IGNORECASE)
# The Wayback Machine's replay of a page: its own address and every link it shows are rewritten to
# "https://web.archive.org/web/20160218173937/http://board.example/..." (or "/web/...", with a
# mode such as "im_" for pictures) around the address the board wrote.
_REPLAY_PREFIX = re.compile(r"^(?:(?:https?:)?//web\.archive\.org)?/web/[0-9]{1,14}(?:[a-z]{2}_)?/(?=https?:)",
                            re.IGNORECASE)


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
        joined = _urljoin(base, href)
    except ValueError:
        return href
    if "//" in base[base.find("//") + 2:]:  # an empty segment past the scheme's "//"
        return _join_keeping_empty_segments(base, href, joined)
    return joined


def _join_keeping_empty_segments(base: str, href: str, joined: str) -> str:
    """RFC 3986's join of a relative path (5.2.2 to 5.2.4) to a base whose path holds an empty
    segment ("//"), which urllib drops and browsers keep: a web archive's replay address
    ("https://web.archive.org/web/2016/https://board.example/forum/") joined to "page-2" lost a
    slash of the board's "https://", and the address led nowhere."""
    reference, parts = _urlsplit(href.lstrip(LEADING_BLANKS)), urlsplit(base)
    if reference.scheme or reference.netloc or not reference.path or reference.path.startswith("/"):
        return joined  # not a relative path: urllib merges nothing
    merged = parts.path[:parts.path.rfind("/") + 1] + reference.path
    segments: list[str] = []
    for segment in merged.split("/"):
        if segment == "..":
            if len(segments) > 1:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    if merged.endswith(("/.", "/..")):
        segments.append("")
    return urlunsplit((parts.scheme, parts.netloc, "/".join(segments), reference.query, reference.fragment))


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


def replayed_original(url: str) -> str:
    """The address a web archive's replay address stands for (``https://web.archive.org/web/<time>/``
    taken off); any other address as it is. Numbers read from an address (a thread's, a member's)
    must be the board's, not the capture's time: a board gone from the web is crawled from the
    archive's copies, whose every link is rewritten so."""
    return _REPLAY_PREFIX.sub("", url, count=1) if "/web/" in url else url


_HOST_LABEL = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")


def plausible_host(host: str | None) -> bool:
    """Whether ``host`` can name a site: an IP address, or dot-separated labels of letters, digits
    and hyphens, none of them empty (".tramino.de", a template's host with its site's name left out,
    cannot)."""
    if not host:
        return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    return all(_HOST_LABEL.fullmatch(label) for label in host.removesuffix(".").split("."))
