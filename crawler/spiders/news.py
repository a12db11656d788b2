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
reads them in :meth:`NewsSpider.parse_listing` with :mod:`crawler.spiders.listings`. Every article response is archived and parsed by
the extension with ``engine = "news"``, which leaves the result in ``response.meta["page_result"]``;
the spider parses itself only when that extension is switched off. It yields one
:class:`crawler.items.ArticleItem` per article (``-O articles.jsonl``). Links inside article pages
are never followed. A feed or sitemap answered with 304 (unchanged since the archive's capture) is
read from that capture, so its articles are visited again.

Feed and sitemap entries are deduplicated across all listings and against the direct URLs. With
``limit`` the spider waits until every listing is read (the crawl is idle), then fetches the N
newest entries, dated ones first, newest first. ``since`` applies to every dated feed/sitemap
entry, sitemap-index entries included; undated entries are kept.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, UsageError
from scrapy.http import Response

from archive.completeness import failed_pages
from archive.content import decode_content
from archive.database import open_readonly
from archive.warc_reader import read_response_at
from crawler.extensions.crawl_errors import report_error
from crawler.items import FEED_EXPORTERS, ArticleItem, read_from
from crawler.middlewares.conditional import META as VALIDATED
from crawler.requisites import site_of
from crawler.spiders.listings import Entry, ListingError, listing_body, listing_entries, newest_first, since_filter
from crawler.spiders.start_urls import URL_ARGUMENTS, start_urls, url_list
from parsers.models import PageResult
from parsers.registry import parse_page

logger = logging.getLogger(__name__)

ENGINE = "news"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "")


class NewsSpider(scrapy.Spider):
    name = "news"
    engine = ENGINE
    # Feeds and sitemaps point through redirectors and at an outlet's other hosts: news pages are
    # wanted wherever their links lead (the forum spider keeps to the thread's host).
    custom_settings = {"ARCHIVE_FOLLOW_OFFSITE_REDIRECTS": True, "FEED_EXPORTERS": FEED_EXPORTERS}

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
        # Articles of these sites that earlier runs failed to read: the feed may have dropped them since.
        sites = {site_of(url) for url in (*self.start_urls, *self.feed_urls, *self.sitemap_urls)}
        for url in self._failed_before():
            if site_of(url) in sites and _key(url) not in self._articles_seen and _key(url) not in self._listings_seen:
                self._articles_seen.add(_key(url))
                self._inc("news/failed_before_requested")
                yield self._article_request(url)

    # --- feeds and sitemaps ---------------------------------------------------------------------

    def _listing_request(self, url: str, kind: str) -> scrapy.Request:
        self._listings_seen.add(_key(url))
        return scrapy.Request(url, callback=self.parse_listing, errback=self.listing_failed,
                              meta={"news_listing": kind})

    def parse_listing(self, response: Response):
        """Read a feed or sitemap: queue its articles, fetch the sitemaps a sitemap index lists.

        A 304 (the archive's conditional request: unchanged since the last capture) is read from
        that capture, so the articles it lists are visited again."""
        if response.status == 304:
            response = self._stored_listing(response)
            if response is None:
                return
        try:
            kind, entries = listing_entries(listing_body(response, self._max_size()), response.url)
        except ListingError as exc:
            # Its articles are not visited this run: a crawl_errors row, so the run does not end
            # "finished, nothing lost" (a feed rolls on; what it listed today may be gone tomorrow).
            kind = response.meta.get("news_listing", "listing")
            self.logger.error("cannot read %s %s: %s", kind, response.url, exc)
            self._inc("news/listing_errors")
            if getattr(self, "crawler", None) is not None:
                report_error(self.crawler, url=response.url, kind="parser", status=response.status,
                             detail=f"{kind} not read: {exc}")
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

    def _stored_listing(self, response: Response) -> Response | None:
        """The 304'd feed or sitemap as the archive stored it: the body of the capture the
        conditional request named (crawler/middlewares/conditional.py), read back from its WARC
        record with its Content-Encoding undone; None (logged, counted) when it cannot be read."""
        kind = response.meta.get("news_listing", "listing")
        validated = response.meta.get(VALIDATED)
        if not validated:
            self._unread_listing(response, f"a 304 to a request the archive did not make conditional ({kind})")
            return None
        path = Path(self.settings.get("ARCHIVE_WARC_DIR")) / validated["warc_file"]
        try:
            stored = read_response_at(path, validated["warc_offset"])
            body = decode_content(stored.body, stored.header("Content-Encoding"))
        except (OSError, ValueError, StopIteration) as exc:  # ContentDecodingError is a ValueError
            self._unread_listing(response, f"{kind} answered 304, and its capture {validated['id']} cannot be "
                                           f"read from {path}: {exc}")
            return None
        self._inc("news/listings_not_modified")
        self.logger.info("%s %s not modified: reading the capture of %s", kind, response.url, validated["captured_at"])
        return response.replace(status=stored.status, body=body)

    def _unread_listing(self, response: Response, detail: str) -> None:
        """A 304'd listing whose stored copy cannot be read: its articles are not visited this run,
        so it is a crawl_errors row (the run exits non-zero and the next one fetches it again)."""
        self.logger.error("cannot read %s: %s", response.url, detail)
        self._inc("news/listing_errors")
        report_error(self.crawler, url=response.url, kind="parser", status=response.status, detail=detail)

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
        """One :class:`ArticleItem` per article the page holds (infinite scroll: several); nothing
        is followed from it. A page without an article is logged and counted (``news/pages/<kind>``)."""
        result = response.meta.get("page_result")
        if result is None and "archive_capture_id" not in response.meta:
            result = self._parse_here(response)
        kind = result.kind if result is not None else "not_parsed"
        self._inc(f"news/pages/{kind}")
        if result is None or not result.articles:
            self.logger.info("no article at %s: %s: %s", response.url, kind,
                             result.reason if result is not None else _why_not_parsed(response))
            if getattr(self, "crawler", None) is None:
                return
            if result is not None and result.kind == "unsupported":
                # An HTML page a feed or sitemap listed as an article that no parser reads as one (a
                # site's error page answering 200, a cookie wall): the article is not archived, so
                # the run must not end "finished". (Walls are the walls middleware's rows.)
                report_error(self.crawler, url=response.url, kind="parser", status=response.status,
                             detail=f"not read as an article: {result.reason}")
            elif result is None and not response.meta.get("archive_lost") and not is_the_document_it_names(response):
                # An article address answering a picture, a PDF, any body that is not a page (a
                # CDN's placeholder, a site's error image): its bytes are archived, no article is
                # read from them, and a feed rolls on, so the run must not end "finished" either.
                # (A page not archived is the archive's own loss, counted there; a feed entry
                # that names a document, "report.pdf" answering a PDF, is archived whole.)
                report_error(self.crawler, url=response.url, kind="parser", status=response.status,
                             detail=f"not read as an article: {_why_not_parsed(response)}")
            return
        capture_id = read_from(response)
        for article in result.articles:
            yield ArticleItem.from_article(article, response.url, capture_id)

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

    def _failed_before(self) -> list[str]:
        """Pages earlier news runs failed to read, not filled since (archive.completeness.failed_pages)."""
        settings = getattr(self, "settings", None)
        if settings is None or not settings.getbool("ARCHIVE_ENABLED"):
            return []
        reader = open_readonly(settings.get("ARCHIVE_DB"))
        if reader is None:
            return []
        try:
            return failed_pages(reader, self.name)
        finally:
            reader.close()

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


def _key(url: str) -> str:
    return urldefrag(url)[0]


def _why_not_parsed(response: Response) -> str:
    if response.meta.get("archive_lost"):
        return "not archived: the archive cannot be written"
    content_type = _content_type(response)
    if content_type.split(";")[0].strip().lower() not in _PAGE_TYPES:
        return f"not an HTML page ({content_type})"
    return "no parse result"


def is_the_document_it_names(response: Response) -> bool:
    """Whether the address names a document by its extension (".pdf", ".png") and the answer is
    of that very type. Why: a feed may list a report or a picture as an entry; its bytes archived
    are all there is to keep, and an error row for it would fail every run for as long as the
    feed lists it. Any other answer that is no page (a picture where an article should be) is
    a `parser` row, read again by the next run."""
    named, _ = mimetypes.guess_type(urlsplit(response.url).path)
    answered = _content_type(response).split(";")[0].strip().lower()
    return named is not None and named not in _PAGE_TYPES and named == answered


def _content_type(response: Response) -> str:
    return response.headers.get("Content-Type", b"").decode("latin-1")


