"""What a page needs to look as it did: its posts' images and attachments, its other pictures
(avatars, reaction icons, the logo) and its stylesheets.

A pure function of the page's bytes, its URL and its parse: the crawler decides which of these
it fetches (host scope, caps; ``crawler/requisites.py``). The posts' own images and attachments
come first, from the parse (they are what a reader of the thread came for, and what the
database links to its captures); then stylesheets and icons, then every other ``<img>`` of the
page. Lazy-loading themes keep the real address in ``data-src`` (XenForo, IPS) and a placeholder
in ``src``: both are taken. ``data:`` and ``javascript:`` URLs are not fetchable and are left out,
as are fragments (one picture, one URL).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import lxml.html
from lxml import etree
from w3lib.url import safe_url_string
from urllib.parse import urljoin, urlsplit

from parsers.models import PageResult

# The kinds, in the order they are wanted.
POST_IMAGE, ATTACHMENT, STYLESHEET, ICON, PAGE_IMAGE = "post image", "attachment", "stylesheet", "icon", "page image"
KINDS = (POST_IMAGE, ATTACHMENT, STYLESHEET, ICON, PAGE_IMAGE)
LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-url")


@dataclass(frozen=True)
class Requisite:
    url: str
    kind: str


def page_requisites(body: bytes, url: str, result: PageResult | None = None,
                    content_type: str | None = None) -> list[Requisite]:
    """Every fetchable requisite of the page, each URL once (under its first kind), in order of want.

    Only an HTML page is searched for stylesheets and pictures: in a JSON API answer (Discourse,
    NodeBB, Flarum) the markup sits inside strings, escaped, and an HTML parser would read addresses
    like ``\\"/uploads/x.png\\"`` out of it. The posts' own images and attachments, from the parse,
    count whatever the page's type. The page's own part is read from ``body`` (none from an empty
    one): by the parse of these bytes when it read them (``result.requisites``, from the tree the
    parse built anyway), else from a tree of its own.
    """
    found: dict[str, str] = {}
    for post in (result.posts if result is not None else ()):
        for image in post.images:
            _add(found, fetchable(image.url, url), POST_IMAGE)
        for attachment in post.attachments:
            _add(found, fetchable(attachment.url, url), ATTACHMENT)
    if body.strip() and is_html(content_type, body):
        read = result.requisites if result is not None else None
        if read is None:
            root = _tree(body)
            read = tree_requisites(root, url) if root is not None else []
        for requisite in read:
            _add(found, requisite.url, requisite.kind)
    return [Requisite(address, kind) for address, kind in found.items()]


def tree_requisites(root, url: str) -> list[Requisite]:
    """The stylesheets, icons and pictures of a page's tree, fetchable and absolute (against its
    ``<base>``), in order of want; a URL may repeat (:func:`page_requisites` keeps its first kind).

    Read before a parser edits the tree: :func:`parsers.registry.parse_page` calls it on its own
    tree when asked, so the crawler does not build a second tree of every page.
    """
    base = url
    for element in root.iter("base"):
        base = urljoin(url, (element.get("href") or "").strip()) or url
        break
    found: list[Requisite] = []

    def add(address: str | None, kind: str) -> None:
        absolute = fetchable(address, base)
        if absolute is not None:
            found.append(Requisite(absolute, kind))

    links = [(element.get("rel") or "").lower().split() for element in root.iter("link")]
    for element, rel in zip(root.iter("link"), links):
        if "stylesheet" in rel:
            add(element.get("href"), STYLESHEET)
    for element, rel in zip(root.iter("link"), links):
        if "icon" in rel or "apple-touch-icon" in rel:
            add(element.get("href"), ICON)
    for element in root.iter("img"):
        for attribute in ("src", *LAZY_SOURCES):
            add(element.get(attribute), PAGE_IMAGE)
    return found


def _add(found: dict[str, str], absolute: str | None, kind: str) -> None:
    if absolute is not None and absolute not in found:
        found[absolute] = kind


def fetchable(address: str | None, base: str) -> str | None:
    """``address`` made absolute against ``base``, escaped as Scrapy requests it, without its
    fragment; None unless http(s). The query is left in its order: replay tools and the database
    look the picture up by the URL the page names."""
    address = (address or "").strip()
    if not address or address.startswith(("data:", "javascript:", "#", "about:", "blob:")):
        return None
    try:
        joined = urljoin(base, address)
    except ValueError:  # a malformed host ("http://[fe80::1/")
        return None
    return escaped_fetchable(joined)


@lru_cache(maxsize=8192)
def escaped_fetchable(joined: str) -> str | None:
    """:func:`fetchable`'s answer for an address already joined to its page.

    Why cached: a board's pages name the same stylesheet, icons, logo and avatars page after page,
    and w3lib's escaping took about 0.2 ms of every page a crawl archives (most of the requisites
    step), for an answer that depends on the address alone."""
    try:
        absolute = safe_url_string(joined).split("#", 1)[0]
        parts = urlsplit(absolute)
        return absolute if parts.scheme in ("http", "https") and parts.hostname else None
    except ValueError:  # a malformed port or host
        return None


def is_html(content_type: str | None, body: bytes) -> bool:
    """An HTML (or XHTML) page by its Content-Type; without one, by its first non-blank byte."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media:
        return media in ("text/html", "application/xhtml+xml")
    return body.lstrip()[:1] == b"<"


def _tree(body: bytes):
    if not body or not body.strip():
        return None
    try:
        return lxml.html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return None
