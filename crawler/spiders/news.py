"""The ``news`` spider: news articles, given directly or listed by RSS/Atom feeds and XML sitemaps.

    scrapy crawl news -a url=ARTICLE_URL
    scrapy crawl news -a urls=URL1,URL2
    scrapy crawl news -a urls_file=articles.txt          (one URL a line, # comments allowed)
    scrapy crawl news -a feed=FEED_URL[,FEED_URL...]     (RSS 2.0/1.0 or Atom: every item is an article)
    scrapy crawl news -a sitemap=SITEMAP_URL[,...]       (urlset: articles; sitemapindex: more sitemaps; .xml.gz too)
    scrapy crawl news -a feed=URL -a limit=20            (the 20 newest feed/sitemap articles)
    scrapy crawl news -a sitemap=URL -a since=2024-03-01 (skip entries dated before that day, UTC)

Like the forum spider it only fetches. Feeds and sitemaps are ordinary requests, so the WARC
extension archives them like any exchange (ingest skips them: they are not HTML); the spider
reads them in :meth:`NewsSpider.parse_listing`. Every article response is archived and parsed by
the extension with ``engine = "news"``, which leaves the result in ``response.meta["page_result"]``;
the spider parses itself only when that extension is switched off. Links inside article pages
are never followed.

Feed and sitemap entries are deduplicated across all listings and against the direct URLs. With
``limit`` the spider waits until every listing is read (the crawl is idle), then fetches the N
newest entries, dated ones first, newest first. ``since`` applies to every dated feed/sitemap
entry, sitemap-index entries included; undated entries are kept.
"""

from __future__ import annotations

import email.utils
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from urllib.parse import urldefrag, urljoin

import scrapy
from lxml import etree
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, UsageError
from scrapy.http import Response
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap

from crawler.spiders.start_urls import URL_ARGUMENTS, is_http_url, start_urls, url_list
from parsers.models import PageResult
from parsers.registry import parse_page

logger = logging.getLogger(__name__)

ENGINE = "news"
FEED_ROOTS = ("rss", "RDF", "feed")
SITEMAP_ROOTS = ("urlset", "sitemapindex")
ATOM_NS = "http://www.w3.org/2005/Atom"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_W3C_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "")


class ListingError(Exception):
    """A feed or sitemap response that cannot be read at all."""


@dataclass(frozen=True)
class Entry:
    """One feed item or sitemap entry: an article, or (``sitemap``) a further sitemap to fetch."""

    url: str
    date: datetime | None = None
    sitemap: bool = False


class NewsSpider(scrapy.Spider):
    name = "news"
    engine = ENGINE

    def __init__(self, url: str | None = None, urls: str | None = None, urls_file: str | None = None,
                 feed: str | None = None, sitemap: str | None = None, limit: str | int | None = None,
                 since: str | None = None, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.start_urls = start_urls(url, urls, urls_file)
        self.feed_urls = url_list(feed, "feed")
        self.sitemap_urls = url_list(sitemap, "sitemap")
        if not (self.start_urls or self.feed_urls or self.sitemap_urls):
            raise UsageError(f"give the article(s), feed(s) or sitemap(s) to crawl: {URL_ARGUMENTS}, "
                             "-a feed=FEED_URL[,...] or -a sitemap=SITEMAP_URL[,...]")
        self.limit = parse_limit(limit)
        self.since = parse_since(since)
        if (self.limit is not None or self.since is not None) and not (self.feed_urls or self.sitemap_urls):
            raise UsageError("limit and since choose among feed and sitemap entries: "
                             "give -a feed=FEED_URL or -a sitemap=SITEMAP_URL too")
        self.engine = ENGINE
        self._articles_seen = {_key(u) for u in self.start_urls}  # article URLs requested, no fragment
        self._listings_seen = {_key(u) for u in self.feed_urls + self.sitemap_urls}  # feeds and sitemaps requested
        self._pool: dict[str, Entry] = {}        # with a limit: entries waiting for the crawl to go idle

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        return spider

    async def start(self):
        for url in self.feed_urls:
            yield self._listing_request(url, "feed")
        for url in self.sitemap_urls:
            yield self._listing_request(url, "sitemap")
        for url in self.start_urls:
            yield self._article_request(url)

    # --- feeds and sitemaps ---------------------------------------------------------------------

    def _listing_request(self, url: str, kind: str) -> scrapy.Request:
        self._listings_seen.add(_key(url))
        return scrapy.Request(url, callback=self.parse_listing, errback=self.listing_failed,
                              meta={"news_listing": kind})

    def parse_listing(self, response: Response):
        """Read a feed or sitemap: queue its articles, fetch the sitemaps a sitemap index lists."""
        try:
            kind, entries = listing_entries(listing_body(response, self._max_size()), response.url)
        except ListingError as exc:
            self.logger.error("cannot read %s %s: %s", response.meta.get("news_listing", "listing"), response.url, exc)
            self._inc("news/listing_errors")
            return
        self._inc(f"news/listings/{kind}")
        self._inc("news/entries", len(entries))
        kept = since_filter(entries, self.since)
        if len(kept) < len(entries):
            self._inc("news/entries_before_since", len(entries) - len(kept))
        self.logger.info("%s %s: %d entries, %d kept", kind, response.url, len(entries), len(kept))
        for entry in kept:
            if entry.sitemap:
                if _key(entry.url) not in self._listings_seen:
                    yield self._listing_request(entry.url, "sitemap")
            elif self.limit is not None:
                self._pool_entry(entry)
            elif _key(entry.url) not in self._articles_seen:
                self._articles_seen.add(_key(entry.url))
                yield self._article_request(entry.url)

    def listing_failed(self, failure) -> None:
        request = failure.request
        self.logger.error("cannot fetch %s %s: %s", request.meta.get("news_listing", "listing"), request.url,
                          failure.getErrorMessage())
        self._inc("news/listing_errors")

    def _pool_entry(self, entry: Entry) -> None:
        key = _key(entry.url)
        known = self._pool.get(key)
        if known is None or (entry.date and (known.date is None or entry.date > known.date)):
            self._pool[key] = entry

    def spider_idle(self) -> None:
        """With a limit: once every listing is read, fetch the newest ``limit`` entries."""
        if not self._pool:
            return
        chosen = newest_first(list(self._pool.values()), self.limit)
        self._inc("news/entries_over_limit", len(self._pool) - len(chosen))
        self._pool.clear()
        scheduled = 0
        for rank, entry in enumerate(chosen):
            if _key(entry.url) in self._articles_seen:
                continue
            self._articles_seen.add(_key(entry.url))
            # Newest first: a higher priority is fetched earlier.
            self.crawler.engine.crawl(self._article_request(entry.url, priority=len(chosen) - rank))
            scheduled += 1
        self.logger.info("limit %d: fetching %d of the newest feed/sitemap articles", self.limit, scheduled)
        if scheduled:
            raise DontCloseSpider

    # --- articles -------------------------------------------------------------------------------

    def _article_request(self, url: str, priority: int = 0) -> scrapy.Request:
        self._inc("news/articles_requested")
        return scrapy.Request(url, callback=self.parse_article, priority=priority)

    def parse_article(self, response: Response):
        """One item per article page; nothing is followed from it."""
        result = response.meta.get("page_result")
        if result is None and "archive_capture_id" not in response.meta:
            result = self._parse_here(response)
        yield {
            "url": response.url,
            "kind": result.kind if result is not None else None,
            "capture_id": response.meta.get("archive_capture_id"),
            "articles": len(getattr(result, "articles", None) or []),
            "reason": result.reason if result is not None else
            f"not parsed: not an HTML page ({_content_type(response) or 'no Content-Type'})",
        }

    def _parse_here(self, response: Response):
        """Parse without the archive extension, as ingest would."""
        content_type = _content_type(response)
        if content_type.split(";")[0].strip().lower() not in _PAGE_TYPES:
            return None
        try:
            return parse_page(response.body, response.url, datetime.now(timezone.utc), content_type=content_type,
                              status=response.status, engine=self.engine)
        except Exception as exc:  # a parser bug costs one page, never the crawl
            self.logger.exception("parser failed on %s", response.url)
            return PageResult(kind="unsupported", url=response.url,
                              reason=f"parser error: {type(exc).__name__}: {exc}")

    # --- helpers --------------------------------------------------------------------------------

    def _max_size(self) -> int:
        settings = getattr(self, "settings", None)
        return settings.getint("DOWNLOAD_MAXSIZE") if settings is not None else 0

    def _inc(self, key: str, count: int = 1) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            crawler.stats.inc_value(key, count)


# --- arguments ------------------------------------------------------------------------------------

def parse_limit(value: str | int | None) -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"limit must be a whole number of articles, 1 or more, not {value!r}")
    return int(text)


def parse_since(value: str | None) -> datetime | None:
    """``since=YYYY-MM-DD`` as midnight UTC that day."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if not _DAY.match(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"since must be a date as YYYY-MM-DD, not {value!r}") from None
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


# --- reading feeds and sitemaps -------------------------------------------------------------------

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


def _key(url: str) -> str:
    return urldefrag(url)[0]


def _content_type(response: Response) -> str:
    return response.headers.get("Content-Type", b"").decode("latin-1")


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
