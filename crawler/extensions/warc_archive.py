"""Archive every HTTP exchange to WARC, then ingest it into the SQLite archive.

Connected to ``response_downloaded``, which fires before any downloader middleware touches the
response, so the body is archived exactly as the server sent it (Content-Encoding intact) and
every hop of a redirect is its own exchange. The freshly written record is ingested at once
through :func:`archive.ingest.ingest_response`, the function replay uses, and the parse result
is left in ``request.meta["page_result"]`` for the spider to follow pagination from.

Settings: ``ARCHIVE_ENABLED``, ``ARCHIVE_WARC_DIR``, ``ARCHIVE_WARC_MAX_SIZE``,
``ARCHIVE_CRAWL_NAME``, ``ARCHIVE_DB``, ``ARCHIVE_NEWS_OUTLETS`` (docs/settings.md). The forced
parser and the extra outlets are written into each WARC's warcinfo, so replay parses alike.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archive.ingest import ingest_response
from archive.store import as_utc_text, open_archive, record_crawl_run
from archive.warc_reader import ArchivedResponse
from archive.warc_writer import Exchange, RotatingWarcWriter

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

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured
        extension = cls(crawler, settings.get("ARCHIVE_WARC_DIR"), settings.getint("ARCHIVE_WARC_MAX_SIZE"),
                        settings.get("ARCHIVE_DB"), settings.get("ARCHIVE_CRAWL_NAME"))
        extension.outlets = tuple(name.strip() for name in settings.getlist("ARCHIVE_NEWS_OUTLETS") if name.strip())
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:
        name = self.crawl_name or spider.name
        self.writer = RotatingWarcWriter(self.warc_dir, name, max_size=self.max_size, warcinfo={
            "isPartOf": name, "robots": "obey" if self.crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": self.crawler.settings.get("USER_AGENT"),
            # The parser the spider forces (news, or -a engine=...): replay reads it back from here.
            **({"parser": spider.engine} if getattr(spider, "engine", None) else {}),
            **({"news-outlets": "; ".join(self.outlets)} if self.outlets else {}),
        })
        self.db = open_archive(self.db_path)
        self.run = {"id": f"{name}-{self.writer.started}", "spider": spider.name,
                    "started_at": as_utc_text(datetime.now(timezone.utc))}
        record_crawl_run(self.db, self.run)

    def response_downloaded(self, response, request, spider) -> None:
        exchange = _exchange(request, response)
        written = self.writer.write_exchange(exchange)
        self.stats.inc_value("archive/warc_exchanges")
        archived = ArchivedResponse(
            warc_file=written.warc_file, offset=written.offset, length=written.length,
            record_id=written.record_id, url=exchange.url, captured_at=written.captured_at,
            status=exchange.status, headers=exchange.response_headers, body=exchange.response_body,
            payload_digest=written.payload_digest, ip_address=exchange.ip_address,
            engine=getattr(spider, "engine", None), outlets=self.outlets,
        )
        result = ingest_response(self.db, archived)
        request.meta["archive_capture_id"] = written.record_id
        request.meta["page_result"] = result
        if result is not None:
            self.stats.inc_value(f"archive/pages/{result.kind}")
            self.stats.inc_value("archive/posts", len(result.posts))
            if result.errors:
                self.stats.inc_value("archive/parse_errors", len(result.errors))
                logger.warning("parse errors on %s: %s", exchange.url, "; ".join(result.errors))

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
