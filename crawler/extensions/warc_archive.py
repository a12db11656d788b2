"""Archive every HTTP exchange to WARC, then ingest it into the SQLite archive.

Connected to ``response_downloaded``, which fires before any downloader middleware touches the
response, so the body is archived exactly as the server sent it (Content-Encoding intact) and
every hop of a redirect is its own exchange. The freshly written record is ingested at once
through :func:`archive.ingest.ingest_response`, the function replay uses, and the parse result
is left in ``request.meta["page_result"]`` for the spider to follow pagination from.

Unchanged pages are not stored twice: a 200 whose payload digest equals that of an earlier 200
capture of the same URL is written as a ``revisit`` record (identical-payload-digest) pointing at
it, and a 304 answering a conditional request (crawler/middlewares/conditional.py) as a
``revisit`` record (server-not-modified) pointing at the capture holding the body. Either is
ingested as a capture row only; the spider still gets the page's parse (of the same bytes, or of
the original read back from its WARC) to follow pagination.

Settings: ``ARCHIVE_ENABLED``, ``ARCHIVE_WARC_DIR``, ``ARCHIVE_WARC_MAX_SIZE``,
``ARCHIVE_CRAWL_NAME``, ``ARCHIVE_DB``, ``ARCHIVE_NEWS_OUTLETS``, ``ARCHIVE_REVISITS`` (docs/settings.md). The forced
parser and the extra outlets are written into each WARC's warcinfo, so replay parses alike.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archive.ingest import ingest_response, parse_response, revisit_kind
from archive.store import as_utc_text, open_archive, record_crawl_run
from archive.warc_reader import ArchivedResponse, read_response_at
from archive.warc_writer import Exchange, RevisitOf, RotatingWarcWriter, payload_digest
from crawler.middlewares.user_agent import contact_user_agent
from parsers.dates import parse_iso

logger = logging.getLogger(__name__)


class WarcArchive:
    def __init__(self, crawler, warc_dir: str, max_size: int, db_path: str, crawl_name: str) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.warc_dir = warc_dir
        self.max_size = max_size
        self.db_path = db_path
        self.crawl_name = crawl_name
        self.writer: RotatingWarcWriter | None = None
        self.db = None
        self.run: dict = {}
        self.outlets: tuple[str, ...] = ()
        self.revisits = True

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured
        extension = cls(crawler, settings.get("ARCHIVE_WARC_DIR"), settings.getint("ARCHIVE_WARC_MAX_SIZE"),
                        settings.get("ARCHIVE_DB"), settings.get("ARCHIVE_CRAWL_NAME"))
        extension.revisits = settings.getbool("ARCHIVE_REVISITS", True)
        extension.outlets = tuple(name.strip() for name in settings.getlist("ARCHIVE_NEWS_OUTLETS") if name.strip())
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:
        name = self.crawl_name or spider.name
        self.writer = RotatingWarcWriter(self.warc_dir, name, max_size=self.max_size, warcinfo={
            "isPartOf": name, "robots": "obey" if self.crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": contact_user_agent(self.crawler.settings.get("ARCHIVE_CONTACT", ""),
                                                         self.crawler.settings.get("USER_AGENT")),
            # The parser the spider forces (news, or -a engine=...): replay reads it back from here.
            **({"parser": spider.engine} if getattr(spider, "engine", None) else {}),
            **({"news-outlets": "; ".join(self.outlets)} if self.outlets else {}),
        })
        try:
            self.db = open_archive(self.db_path)
        except Exception as exc:  # sqlite3 errors and OSError alike: no archive, no crawl
            # Crawling on without the archive would fetch pages and keep nothing: stop at once.
            logger.error("cannot open the archive database %s: %s; stopping the crawl", self.db_path, exc)
            self.writer = None
            self.crawler.engine.close_spider(spider, "archive_unavailable")
            return
        self.run = {"id": f"{name}-{self.writer.started}", "spider": spider.name,
                    "started_at": as_utc_text(datetime.now(timezone.utc))}
        record_crawl_run(self.db, self.run)

    def response_downloaded(self, response, request, spider) -> None:
        if self.db is None:
            return
        exchange = _exchange(request, response)
        original = self._original(exchange, request)
        revisit_of = (RevisitOf(original["id"], original["url"], parse_iso(original["captured_at"]))
                      if original else None)
        written = self.writer.write_exchange(exchange, revisit_of=revisit_of)
        self.stats.inc_value("archive/warc_exchanges")
        archived = ArchivedResponse(
            warc_file=written.warc_file, offset=written.offset, length=written.length,
            record_id=written.record_id, url=exchange.url, captured_at=written.captured_at,
            status=exchange.status, headers=exchange.response_headers, body=exchange.response_body,
            payload_digest=written.payload_digest, ip_address=exchange.ip_address,
            engine=getattr(spider, "engine", None), outlets=self.outlets,
            record_type=written.record_type, refers_to=written.refers_to,
        )
        result = ingest_response(self.db, archived)
        if archived.is_revisit:
            self.stats.inc_value(f"archive/{revisit_kind(archived)}")
            # Stored as a capture row only; the spider still needs the page to go on from.
            result = self._page_of(archived, original, spider)
        request.meta["archive_capture_id"] = written.record_id
        request.meta["page_result"] = result
        if result is not None:
            self.stats.inc_value(f"archive/pages/{result.kind}")
            self.stats.inc_value("archive/posts", len(result.posts))
            if result.errors:
                self.stats.inc_value("archive/parse_errors", len(result.errors))
                logger.warning("parse errors on %s: %s", exchange.url, "; ".join(result.errors))

    def _original(self, exchange: Exchange, request) -> dict | None:
        """The earlier capture this response repeats, or None to archive it in full.

        A 304 to a conditional request repeats the capture whose validators were sent; a 200
        whose body has the payload digest of an earlier 200 capture of the URL repeats that one.
        """
        if exchange.status == 304:
            return request.meta.get("archive_validated")
        if exchange.status != 200 or not self.revisits:
            return None
        row = self.db.execute(
            "select id, url, captured_at, warc_file, warc_offset from captures where url = ? and status = 200 "
            "and payload_digest = ? and refers_to is null order by captured_at desc limit 1",
            [exchange.url, payload_digest(exchange.response_body)]).fetchone()
        return dict(zip(("id", "url", "captured_at", "warc_file", "warc_offset"), row)) if row else None

    def _page_of(self, archived: ArchivedResponse, original: dict, spider):
        """The parse of a revisited page: its own bytes (identical payload), or the original's (304)."""
        if archived.status != 304:
            return parse_response(dataclasses.replace(archived, record_type="response", refers_to=None))
        path = Path(self.warc_dir) / original["warc_file"]
        try:
            stored = read_response_at(path, original["warc_offset"])
        except (OSError, ValueError, StopIteration) as exc:
            logger.warning("304 for %s: cannot read the confirmed capture %s from %s: %s", archived.url,
                           original["id"], path, exc)
            return None
        return parse_response(dataclasses.replace(stored, engine=getattr(spider, "engine", None),
                                                  outlets=self.outlets))

    def spider_closed(self, spider, reason) -> None:
        if self.writer is not None:
            self.writer.close()
        if self.db is not None:
            stats = {k: v for k, v in self.stats.get_stats().items() if isinstance(v, (int, float, str))}
            self.run.update(finished_at=as_utc_text(datetime.now(timezone.utc)), finish_reason=reason,
                            warc_files=json.dumps([p.name for p in self.writer.files]),
                            stats=json.dumps(stats, sort_keys=True))
            record_crawl_run(self.db, self.run)
            self.db.close()


def _exchange(request, response) -> Exchange:
    request_headers = _header_list(request.headers)
    if not any(name.lower() == "host" for name, _ in request_headers):
        # Twisted adds Host on the wire; Scrapy's request object never sees it.
        request_headers.insert(0, ("Host", urlsplit(request.url).netloc))
    return Exchange(
        url=response.url,
        method=request.method,
        request_headers=request_headers,
        request_body=request.body or b"",
        status=response.status,
        reason=_reason_phrase(response.status),
        protocol=getattr(response, "protocol", None) or "HTTP/1.1",
        response_headers=_header_list(response.headers),
        response_body=response.body,
        ip_address=str(response.ip_address) if getattr(response, "ip_address", None) else None,
    )


def _header_list(headers) -> list[tuple[str, str]]:
    """Every (name, value) pair, repeated headers such as Set-Cookie included."""
    return [(name.decode("latin-1"), value.decode("latin-1"))
            for name, values in headers.items() for value in values]


def _reason_phrase(status: int) -> str:
    # Scrapy's Response does not keep the server's reason phrase; the standard one stands in.
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
