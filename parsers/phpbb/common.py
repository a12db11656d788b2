"""Patterns and address helpers the phpBB modules share (and the page language MyBB reads too)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..markup import xpath as _X
from ..urls import LEADING_BLANKS, urljoin
from ..values import words


PAGE_TITLE = _X("/html/head/title/text()")

POST_ID = re.compile(r"^p(\d+)$")

# A member's id in a profile address: the ``u=`` parameter wherever it stands, else an SEO path's
# number ("/member123.html", "name-u123/", a French pack's "/membre6344/"). The parameter is asked first: a mirrored or rewritten
# path may carry digits of its own before it ("memberlist8beb.html?mode=viewprofile&u=5056", an
# offline copy's hashed file name), which are no member's id.
_USER_ID_PARAM = re.compile(r"[?&;]u=(\d+)")
_USER_ID_PATH = re.compile(r"(?:/(?:member|membre|miembro|membro|mitglied)(?:list)?[/-]?|-u)(\d+)(?![0-9A-Za-z])")

TOPIC_ID = re.compile(r"(?:[?&;]t=|/t-|-t|/topic)(\d+)")
START = re.compile(r"(?:[?&;]start=|/start-)(\d+)")
_SID_PARAM = re.compile(r"([?&;])sid=[0-9a-f]{32}(?:[&;]|(?=#)|$)")
_EMPTY_QUERY_PART = re.compile(r"[?&;](?=#|$)")
_START_PARAM = re.compile(r"([?&;])start=\d+(?:[&;]|(?=#)|$)")
_START_PATH = re.compile(r"(?<=/)start-\d+/?$")


def member_id(href: str) -> str | None:
    """The member id a profile address names (see above), or None."""
    match = _USER_ID_PARAM.search(href) or _USER_ID_PATH.search(href)
    return match.group(1) if match else None


def text_of(node) -> str:
    """``" ".join(node.itertext())``, read without lxml's text iterator where the element's children
    have none of their own (a name's link, a date, an avatar's link around its picture): that
    iterator costs several times these few reads, and names are read so for every post. As
    ``itertext`` does, a comment's or processing instruction's own text is left out, its tail kept."""
    if not len(node):
        return node.text or ""
    pieces = [] if node.text is None else [node.text]
    for child in node:
        if len(child):
            return " ".join(node.itertext())
        if child.text is not None and child.tag.__class__ is str:
            pieces.append(child.text)
        if child.tail is not None:
            pieces.append(child.tail)
    return " ".join(pieces)


def words_of(node) -> str:
    """``words(node.itertext())`` (:func:`parsers.values.words`), an element with no child read as
    :func:`text_of` reads it."""
    return " ".join(node.text.split()) if not len(node) and node.text else words(node.itertext())


# --- Small helpers -----------------------------------------------------------------------------


def clean_url(base: str, href: str) -> str:
    """``href`` made absolute, without phpBB's per-visit ``sid=<32 hex digits>`` (fragment kept:
    post permalinks are ``...?p=N#pN``; callers drop it from page URLs).

    Cached on what the join reads of ``base``: an address that is already absolute reads none of
    it, and one with a path of its own (every profile, post and attachment link phpBB prints,
    "./memberlist.php?...") only its directory (as :func:`parsers.urls.urljoin` caches). Keyed on the
    whole page address, each page of a crawl (and each timed pass, :func:`bench.common.as_new_visit`)
    missed the cache on every link it shows."""
    href = href.strip()
    if href.startswith(("http://", "https://")):
        base = ""
    elif href.lstrip(LEADING_BLANKS)[:1] not in ("", "?", "#", ";"):
        base = base.split("#", 1)[0].split("?", 1)[0]
    return _clean_url(base, href)


@lru_cache(maxsize=4096)  # the same profile and topic links recur on every page
def _clean_url(base: str, href: str) -> str:
    absolute = href if href.startswith(("http://", "https://")) else urljoin(base, href)
    if "sid=" not in absolute:
        return absolute
    # A regular expression rather than parse_qsl/urlencode: it runs for every link of every post,
    # and it leaves the rest of the address exactly as the forum wrote it.
    return _EMPTY_QUERY_PART.sub("", _SID_PARAM.sub(_separator, absolute))


def _separator(match: re.Match) -> str:
    """The separator before a dropped ``sid`` (``?``, ``&`` or ``;``), kept: what the template
    ``r"\\1"`` gives, at half its cost (Python 3.11 expands a template in Python at every match,
    and pages saved by a guest carry a ``sid`` in every link)."""
    return match.group(1)


def without_start(url: str) -> str:
    """A topic URL without its page offset (``start=N``, or a path's ``start-N/``) or fragment:
    the topic's first page."""
    url = _EMPTY_QUERY_PART.sub("", _START_PARAM.sub(r"\1", url.split("#", 1)[0]))
    return _START_PATH.sub("", url)
