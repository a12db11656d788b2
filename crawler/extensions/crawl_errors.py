"""Record every crawl error in the ``crawl_errors`` table and count it in the stats.

The downloader middlewares (``crawler/middlewares/errors.py``, ``walls.py``) report errors by
sending the :data:`crawl_error` signal; this extension writes each one into ``ARCHIVE_DB`` (a cluster worker's shard)
(through :func:`archive.errors.record_error`) and counts it as ``errors/<kind>`` in the Scrapy
stats, which the WARC extension copies into the run's ``crawl_runs`` row. It also records the
``spider_error`` (a callback raised) signal; ``request_dropped`` (the scheduler's duplicate
filter refused a request already asked for) is only counted. With ``ARCHIVE_ENABLED = False``
errors are only counted and logged, not written.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from scrapy import signals

from archive.errors import record_error
from archive.database import open_archive
from archive.store import as_utc_text
from crawler.cluster.config import written_db

logger = logging.getLogger(__name__)

# Sent with keyword arguments: request (or url), kind, status=None, detail=None.
crawl_error = object()


def report_error(crawler, request=None, *, kind: str, url: str | None = None, status: int | None = None,
                 detail: str | None = None) -> None:
    """Send :data:`crawl_error` (what the middlewares call)."""
    crawler.signals.send_catch_log(crawl_error, url=url or (request.url if request is not None else None),
                                   kind=kind, status=status, detail=detail)


class CrawlErrors:
    def __init__(self, crawler, db_path: str | None) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.db_path = db_path
        self.db = None
        self.run_id: str | None = None
        self.fallback_run_id: str | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        db_path = written_db(settings) if settings.getbool("ARCHIVE_ENABLED") else None
        extension = cls(crawler, db_path)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.on_crawl_error, signal=crawl_error)
        crawler.signals.connect(extension.on_spider_error, signal=signals.spider_error)
        crawler.signals.connect(extension.on_request_dropped, signal=signals.request_dropped)
        return extension

    def spider_opened(self, spider) -> None:
        self.fallback_run_id = f"{spider.name}-{datetime.now(timezone.utc).strftime('%Y%m%d%H%M%S')}"
        if self.db_path:
            # The table itself appears with the first error (record_error creates it).
            self.db = open_archive(self.db_path, self.crawler.settings.getfloat("ARCHIVE_DB_BUSY_TIMEOUT"))

    def spider_closed(self, spider, reason) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def on_crawl_error(self, url: str | None, kind: str, status: int | None = None, detail: str | None = None,
                       **_) -> None:
        self.stats.inc_value(f"errors/{kind}")
        self.stats.inc_value("errors/count")
        if self.db is None:
            return
        row = {"crawl_run_id": self._run_id(), "url": url, "kind": kind, "status": status,
               "detail": detail, "time": as_utc_text(datetime.now(timezone.utc))}
        writer = self._archive_writer()
        if writer is not None:
            # The archive's writer thread owns the writes while it runs: one writer, no lock fights.
            writer.submit(lambda db: record_error(db, row))
            return
        record_error(self.db, row)

    def _archive_writer(self):
        """The WARC extension's archive writer while it runs (archive/writer_thread.py), or None."""
        for instance in getattr(self.crawler.extensions, "middlewares", ()):
            writer = getattr(instance, "archive_writer", None)
            if writer is not None:
                return writer
        return None

    def on_spider_error(self, failure, response, spider) -> None:
        self.on_crawl_error(response.url, "spider", response.status, _describe(failure.value))

    def on_request_dropped(self, request, spider) -> None:
        # The scheduler refuses a request its duplicate filter has seen: that page was (or will
        # be) fetched once already, so it is counted, not recorded as a lost page. (A thread's next
        # page that redirected onto such a page is lost: the forum spider's request_dropped says so.)
        self.stats.inc_value("scheduler/refused")

    def _run_id(self) -> str:
        """The WARC extension's crawl-run id, so errors join ``crawl_runs``; else our own."""
        if self.run_id is None:
            for instance in getattr(self.crawler.extensions, "middlewares", ()):
                run = getattr(instance, "run", None)
                if isinstance(run, dict) and run.get("id"):
                    self.run_id = run["id"]
                    break
        return self.run_id or self.fallback_run_id


def _describe(exception: BaseException) -> str:
    text = str(exception)
    return f"{type(exception).__name__}: {text}" if text else type(exception).__name__
