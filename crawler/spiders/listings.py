"""Reading RSS/Atom feeds and XML sitemaps into the article URLs they list, with their dates.

Sitemaps go through Scrapy's own ``Sitemap`` reader (``urlset`` entries are articles,
``sitemapindex`` entries further sitemaps; Google News ``publication_date`` kept); feeds are read
with lxml, entity expansion and network access off. Used by the ``news`` spider.
"""

from __future__ import annotations

import email.utils
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urldefrag, urljoin

from lxml import etree
from scrapy.http import Response
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap

from crawler.spiders.start_urls import is_http_url

logger = logging.getLogger(__name__)

FEED_ROOTS = ("rss", "RDF", "feed")


SITEMAP_ROOTS = ("urlset", "sitemapindex")


ATOM_NS = "http://www.w3.org/2005/Atom"


_W3C_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class ListingError(Exception):
    """A feed or sitemap response that cannot be read at all."""


@dataclass(frozen=True)
class Entry:
    """One feed item or sitemap entry: an article, or (``sitemap``) a further sitemap to fetch."""

    url: str
    date: datetime | None = None
    sitemap: bool = False


def listing_body(response: Response, max_size: int = 0) -> bytes:
    """The XML of a feed or sitemap response, gunzipped when it is a ``.gz`` file.

    Scrapy has already undone any ``Content-Encoding``; a body that still starts with the gzip
    magic number is a gzip file (``sitemap.xml.gz`` served as ``application/x-gzip``).
    """
    if not gzip_magic_number(response):
        return response.body
    try:
        return gunzip(response.body, max_size=max_size)
    except Exception as exc:  # corrupt gzip, or larger than DOWNLOAD_MAXSIZE once unpacked
        raise ListingError(f"cannot gunzip: {type(exc).__name__}: {exc}") from exc


def listing_entries(body: bytes, url: str) -> tuple[str, list[Entry]]:
    """What the listing is (its root element: rss, RDF, feed, urlset, sitemapindex) and its entries.

    Sitemaps are read by Scrapy's own :class:`scrapy.utils.sitemap.Sitemap`, feeds with lxml;
    both recover what they can from broken XML and never resolve entities or fetch anything.
    Entry URLs are absolute (relative ones resolved against the listing, ``xml:base`` honoured),
    http(s) only, without fragment, each once, in document order.
    """
    if not body.strip():
        raise ListingError("empty body")
    try:
        sitemap = _NewsSitemap(body)
    except Exception as exc:  # lxml raises XMLSyntaxError, or StopIteration when nothing parses
        raise ListingError(f"not XML ({type(exc).__name__}: {exc})" if str(exc) else "not XML") from exc
    kind = sitemap.type
    if kind in SITEMAP_ROOTS:
        found = list(_sitemap_entries(sitemap, url))
    elif kind in FEED_ROOTS:
        found = list(_feed_entries(body, url))
    else:
        raise ListingError(f"neither a feed nor a sitemap (root element <{kind}>)")
    entries: dict[str, Entry] = {}
    for entry in found:
        entries.setdefault(entry.url, entry)
    return kind, list(entries.values())


def _sitemap_entries(sitemap: Sitemap, url: str):
    index = sitemap.type == "sitemapindex"
    try:
        for item in sitemap:
            loc = _absolute(item.get("loc"), url)
            if loc:
                yield Entry(loc, parse_date(item.get("publication_date") or item.get("lastmod")), sitemap=index)
    except etree.LxmlError as exc:
        logger.warning("%s: sitemap XML broken, read up to the break: %s", url, exc)


class _NewsSitemap(Sitemap):
    """Scrapy's Sitemap, also keeping Google News ``<news:publication_date>`` (a grandchild of ``<url>``)."""

    __slots__ = ()

    def _process_sitemap_element(self, elem):
        published = elem.findtext("{*}news/{*}publication_date")
        found = super()._process_sitemap_element(elem)
        if found is not None and published and published.strip():
            found["publication_date"] = published.strip()
        return found


def _feed_entries(body: bytes, url: str):
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser, base_url=url)
    except etree.LxmlError as exc:
        raise ListingError(f"not XML: {exc}") from exc
    if root is None:
        raise ListingError("not XML")
    if parser.error_log:
        logger.warning("%s: feed XML has errors, read what could be recovered: %s", url, parser.error_log[0])
    if etree.QName(root).localname == "feed":
        for entry in root.iter("{*}entry"):
            link = _atom_link(entry, url)
            if link:
                yield Entry(link, _first_date(entry, ("published", "updated", "issued", "modified")))
    else:  # RSS 0.9x/2.0 (<rss><channel><item>) and RSS 1.0 (<rdf:RDF><item>)
        for item in root.iter("{*}item"):
            link = _rss_link(item, url)
            if link:
                yield Entry(link, _first_date(item, ("pubDate", "date", "published", "updated", "issued")))


def _atom_link(entry, url: str) -> str | None:
    links = [link for link in _children(entry, "link")
             if link.get("href") and (link.get("rel") or "alternate") == "alternate"]
    links.sort(key=lambda link: 0 if "html" in (link.get("type") or "html") else 1)
    for link in links:
        found = _absolute(link.get("href"), link.base or url)
        if found:
            return found
    return None


def _rss_link(item, url: str) -> str | None:
    for link in _children(item, "link"):
        if etree.QName(link).namespace != ATOM_NS and link.text and link.text.strip():
            found = _absolute(link.text, url)
            if found:
                return found
    for guid in _children(item, "guid"):
        if (guid.get("isPermaLink") or "true").strip().lower() != "false":
            found = _absolute(guid.text, url)
            if found:
                return found
    for link in _children(item, "link"):  # <atom:link href> inside an RSS item
        if link.get("href") and (link.get("rel") or "alternate") == "alternate":
            found = _absolute(link.get("href"), url)
            if found:
                return found
    return None


def _children(element, localname: str) -> list:
    return [child for child in element if isinstance(child.tag, str) and etree.QName(child).localname == localname]


def _first_date(element, names: tuple[str, ...]) -> datetime | None:
    for name in names:
        for child in _children(element, name):
            found = parse_date(child.text)
            if found is not None:
                return found
    return None


def _absolute(link: str | None, base: str) -> str | None:
    if not link or not link.strip():
        return None
    found = urldefrag(urljoin(base, link.strip()))[0]
    return found if is_http_url(found) else None


def parse_date(text: str | None) -> datetime | None:
    """A feed or sitemap date as an aware datetime (UTC when none is given), or None.

    Reads W3C/ISO 8601 (``2024-03-01``, ``2024-03``, ``2024-03-01T10:00:00Z``, with offsets) as
    Atom and sitemaps write it, and RFC 822 (``Fri, 01 Mar 2024 10:00:00 +0000``) as RSS does.
    """
    text = (text or "").strip()
    if not text:
        return None
    value: datetime | None = None
    partial = _W3C_PARTIAL.match(text)
    try:
        if partial:
            year, month, day = partial.groups()
            value = datetime(int(year), int(month or 1), int(day or 1))
        else:
            iso = text[:-1] + "+00:00" if text[-1] in "Zz" else text
            value = datetime.fromisoformat(iso)
    except ValueError:
        value = None
    if value is None:
        try:
            value = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def since_filter(entries: list[Entry], since: datetime | None) -> list[Entry]:
    """The entries not dated before ``since`` (undated ones are kept)."""
    if since is None:
        return list(entries)
    return [entry for entry in entries if entry.date is None or entry.date >= since]


def newest_first(entries: list[Entry], limit: int | None) -> list[Entry]:
    """Dated entries newest first, then undated ones in the order found; at most ``limit``."""
    dated = sorted((e for e in entries if e.date is not None), key=lambda e: e.date, reverse=True)
    ordered = dated + [e for e in entries if e.date is None]
    return ordered if limit is None else ordered[:limit]
