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

The page is parsed here, in the reactor thread, because the spider needs its result at once; the
rest (gzip and WARC write, SQLite rows) goes to the archive writer, which works through a bounded
queue in order: a process of its own (``archive/writer_process.py``, ``ARCHIVE_WRITER=process``, so
it does not hold Scrapy's GIL) or a thread (``archive/writer_thread.py``). When the archive cannot be
written any more (disk full, read-only, locked by another process past the busy timeout), the
writer turns fatal and the crawl is stopped at once with the finish reason ``archive_write_failed``;
pages fetched after that are counted as lost (``archive/lost_pages``), never silently dropped. The record ID and WARC-Date are
fixed here before the page is parsed, so the parse sees the capture time replay will read back.
A page still queued is already known for revisit detection (``self.pending``). A failed write is
logged (by URL, never with headers or body), counted (``archive/write_errors``) and recorded in
``crawl_errors`` (kind ``write_failed``, or ``lock_timeout``) with the page's URL when the database
still takes it.

Settings: ``ARCHIVE_ENABLED``, ``ARCHIVE_WARC_DIR``, ``ARCHIVE_WARC_MAX_SIZE``,
``ARCHIVE_CRAWL_NAME``, ``ARCHIVE_DB`` (a cluster worker's ``ARCHIVE_SHARD_DB``, its id in the WARC names), ``ARCHIVE_NEWS_OUTLETS``, ``ARCHIVE_REVISITS``,
``ARCHIVE_WARC_GZIP_LEVEL``, ``ARCHIVE_WRITE_QUEUE``, ``ARCHIVE_WRITER``, ``ARCHIVE_DB_BUSY_TIMEOUT``,
``ARCHIVE_WARC_REDACT_CREDENTIALS`` (docs/settings.md). The forced parser and the extra outlets
are written into each WARC's warcinfo, so replay parses alike.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archive.completeness import CLUSTER_FRONTIER, FRONTIER_STAT, START_POINTS_STAT, start_points_stat
from archive.exchange_job import ExchangeJob, record_write_failure
from archive.ingest import parse_response, revisit_kind
from archive.database import ArchiveLocked, checkpoint, explain_lock, open_archive
from archive.store import as_utc_text, record_crawl_run
from archive.warc_reader import ArchivedResponse, read_response_at
from archive.warc_writer import DEFAULT_GZIP_LEVEL, Exchange, RevisitOf, RotatingWarcWriter, payload_digest
from archive.writer_process import ArchiveWriterProcess
from archive.writer_thread import ArchiveUnwritable, ArchiveWriter, is_locked
from crawler.cluster.config import cluster_url, worker_id, written_db
from crawler.cluster.scheduler import INFLIGHT_META
from crawler.middlewares.conditional import UNSEEN_META
from crawler.middlewares.redaction import REDACT_CREDENTIALS_META, REDACTED, redact_credentials
from crawler.middlewares.user_agent import contact_user_agent
from crawler.requisites import CONFIRMED_META, META as REQUISITE_META, RequisitePolicy, site_of
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
        self.archive_writer: ArchiveWriter | None = None
        self.db = None  # the reactor thread's connection: lookups and the crawl_runs row
        self.run: dict = {}
        self.outlets: tuple[str, ...] = ()
        self.revisits = True
        self.gzip_level = DEFAULT_GZIP_LEVEL
        self.queue_size = 0
        self.writer_kind = "process"  # ARCHIVE_WRITER
        self.busy_timeout = 60.0
        self.spider = None
        # (url, payload digest) -> the capture, for 200 responses queued but not yet in the database.
        self.pending: dict[tuple[str, str], dict] = {}
        self.last_remote_traceback: str | None = None  # of the writer process's last failed page

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured
        extension = cls(crawler, settings.get("ARCHIVE_WARC_DIR"), settings.getint("ARCHIVE_WARC_MAX_SIZE"),
                        written_db(settings), settings.get("ARCHIVE_CRAWL_NAME"))
        extension.revisits = settings.getbool("ARCHIVE_REVISITS", True)
        extension.outlets = tuple(name.strip() for name in settings.getlist("ARCHIVE_NEWS_OUTLETS") if name.strip())
        extension.gzip_level = settings.getint("ARCHIVE_WARC_GZIP_LEVEL", DEFAULT_GZIP_LEVEL)
        extension.queue_size = max(0, settings.getint("ARCHIVE_WRITE_QUEUE"))
        extension.busy_timeout = settings.getfloat("ARCHIVE_DB_BUSY_TIMEOUT")
        extension.writer_kind = settings.get("ARCHIVE_WRITER", "process")
        # The parse reads the page's stylesheets and pictures from its own tree when the spider will fetch them.
        extension.reads_requisites = RequisitePolicy.from_settings(settings).enabled
        if extension.writer_kind not in ("thread", "process"):
            raise ValueError(f"ARCHIVE_WRITER must be 'thread' or 'process', not {extension.writer_kind!r}")
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:
        name = self.crawl_name or spider.name
        if cluster_url(self.crawler.settings):
            name = f"{name}-{worker_id(self.crawler.settings)}"  # each worker its own files
        warcinfo = {
            "isPartOf": name, "robots": "obey" if self.crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": contact_user_agent(self.crawler.settings.get("ARCHIVE_CONTACT", ""),
                                                         self.crawler.settings.get("USER_AGENT")),
            # The parser the spider forces (news, or -a engine=...): replay reads it back from here.
            **({"parser": spider.engine} if getattr(spider, "engine", None) else {}),
            **({"news-outlets": "; ".join(self.outlets)} if self.outlets else {}),
            # ARCHIVE_WARC_REDACT_CREDENTIALS: readers must know the request records are not as sent.
            **({"redaction": f"request header values of Cookie, Authorization, Proxy-Authorization are {REDACTED}"}
               if self.crawler.settings.getbool("ARCHIVE_WARC_REDACT_CREDENTIALS") else {}),
        }
        self.writer = RotatingWarcWriter(self.warc_dir, name, max_size=self.max_size, gzip_level=self.gzip_level,
                                         warcinfo=warcinfo)
        self.spider = spider
        # One id per run, never shared with a crawl started in the same second (the WARC run token).
        self.run = {"id": f"{name}-{self.writer.started}-{self.writer.run_token}", "spider": spider.name,
                    "started_at": as_utc_text(datetime.now(timezone.utc))}
        # Written with the run's first row, so that a run killed before its end still says what
        # it was started on (archive.completeness.unfinished_runs).
        start = {START_POINTS_STAT: start_points_stat(
            [*getattr(spider, "start_urls", ()), *getattr(spider, "feed_urls", ()), *getattr(spider, "sitemap_urls", ())])}
        if cluster_url(self.crawler.settings):
            # The pages a cluster worker has not reached stay in the cluster's queue when it stops
            # or is killed: its run is no gap of this archive.
            start[FRONTIER_STAT] = CLUSTER_FRONTIER
        for key, value in start.items():
            self.stats.set_value(key, value)
        self.run["stats"] = json.dumps(start, sort_keys=True)
        archive_writer = None
        try:
            self.db = open_archive(self.db_path, self.busy_timeout)
            with explain_lock(self.db_path, self.busy_timeout):
                record_crawl_run(self.db, self.run)
            archive_writer = self._archive_writer(name, warcinfo)
            archive_writer.start()
        except Exception as exc:  # sqlite3 errors and OSError alike: no archive, no crawl
            # Crawling on without the archive would fetch pages and keep nothing: stop at once.
            reason = "archive_locked" if isinstance(exc, ArchiveLocked) or is_locked(exc) else "archive_unavailable"
            logger.error("cannot open the archive database %s: %s; stopping the crawl", self.db_path, exc)
            if self.db is not None:
                self.db.close()
            self.writer = self.db = None
            self.crawler.engine.close_spider(spider, reason)
            return
        self.archive_writer = archive_writer

    def _archive_writer(self, name: str, warcinfo: dict):
        """The writer thread, or with ``ARCHIVE_WRITER=process`` (and a queue) the writer process,
        which writes WARC files named as ``self.writer`` announced them (same start time and run token)."""
        if self.writer_kind == "process" and self.queue_size > 0:
            from twisted.internet import reactor

            warc = {"folder": self.warc_dir, "prefix": name, "max_size": self.max_size, "warcinfo": warcinfo,
                    "gzip_level": self.gzip_level, "run_token": self.writer.run_token, "started": self.writer.started}
            return ArchiveWriterProcess(self.db_path, self.queue_size, warc, self._page_lost, on_fatal=self._writer_fatal,
                                        busy_timeout=self.busy_timeout, local_db=self.db,
                                        call_later=reactor.callLater)  # jobs go over in batches
        return ArchiveWriter(self.db_path, self.queue_size, self._write_failed, on_fatal=self._writer_fatal,
                             busy_timeout=self.busy_timeout)

    def _writer_fatal(self, exc: BaseException) -> None:
        """In the writer's thread (or the writer process's listener): the archive cannot be written;
        stop the crawl from the reactor."""
        from twisted.internet import reactor

        reason = "archive_locked" if is_locked(exc) else "archive_write_failed"
        self.stats.set_value("archive/fatal_error", f"{type(exc).__name__}: {exc}")
        reactor.callFromThread(self._stop_crawl, reason)

    def _stop_crawl(self, reason: str) -> None:
        logger.error("stopping the crawl: the archive cannot be written (%s)", self.stats.get_value("archive/fatal_error"))
        self.crawler.engine.close_spider(self.spider, reason)

    def response_downloaded(self, response, request, spider) -> None:
        if self.archive_writer is None:
            return
        if self.archive_writer.fatal is not None:
            # The crawl is stopping: this page is lost, and counted so the run cannot end "clean".
            self.stats.inc_value("archive/lost_pages")
            request.meta["archive_lost"] = True
            # A cluster worker keeps it in flight for good: when it stops, the page goes back
            # to the shared queue for a worker whose archive can be written.
            self._hold_in_flight(request)
            return
        exchange = _exchange(request, response)
        digest = payload_digest(exchange.response_body) if exchange.status == 200 else None
        # A page repeats only itself; a requisite any of its site's (one avatar under many URLs).
        dedupe_key = ("site", site_of(exchange.url)) if request.meta.get(REQUISITE_META) else exchange.url
        original = self._original(exchange, request, digest, dedupe_key)
        # A 304 confirms a stored capture: read it back, for the spider and for the replay copy.
        confirmed = self._confirmed(exchange.url, original) if original and exchange.status == 304 else None
        revisit_of = (RevisitOf(original["id"], original["url"], parse_iso(original["captured_at"]),
                                **replay_copy_fields(confirmed)) if original else None)
        # Fixed before the write, so the page is parsed with the capture time replay will read.
        captured_at, record_id = self.writer.clock(), self.writer.make_id()
        archived = ArchivedResponse(
            warc_file="", offset=0, length=0, record_id=record_id, url=exchange.url, captured_at=captured_at,
            status=exchange.status, headers=exchange.response_headers, body=exchange.response_body,
            payload_digest=digest, ip_address=exchange.ip_address,
            engine=getattr(spider, "engine", None), outlets=self.outlets,
            record_type="revisit" if revisit_of else "response",
            refers_to=revisit_of.record_id if revisit_of else None,
        )
        if archived.is_revisit:
            self.stats.inc_value(f"archive/{revisit_kind(archived)}")
            # Stored as a capture row only; the spider still needs the page to go on from.
            stored, result = None, self._page_of(archived, confirmed, spider)
        else:
            stored = result = parse_response(archived, requisites=self.reads_requisites)
            if digest is not None and self.revisits:
                self.pending[(dedupe_key, digest)] = {"id": record_id, "url": exchange.url,
                                                      "captured_at": as_utc_text(captured_at)}
        # A cluster worker's request stays in flight until this write is committed (a kill before loses nothing).
        archived_callback = self._hold_in_flight(request)
        self.archive_writer.submit(ExchangeJob(exchange, revisit_of, archived, stored, (dedupe_key, digest),
                                               crawl_run_id=self.run.get("id"), warc=self.writer,
                                               on_committed=(self._committed if archived_callback is None else
                                                             functools.partial(self._committed,
                                                                               then=archived_callback))))
        request.meta["archive_capture_id"] = record_id
        # The record holding the bytes page_result was read from (a revisit's original): posts.capture_id.
        request.meta["archive_read_from"] = revisit_of.record_id if revisit_of else record_id
        request.meta["page_result"] = result
        # The body's digest, for the spider's trap check (crawler/spiders/thread_walk.py): hashed once.
        request.meta["archive_payload_digest"] = digest
        if confirmed is not None:
            # The spider finds the page's requisites in the capture the 304 confirmed.
            request.meta[CONFIRMED_META] = confirmed
        if result is not None:
            self.stats.inc_value(f"archive/pages/{result.kind}")
            self.stats.inc_value("archive/posts", len(result.posts))
            if result.errors:
                self.stats.inc_value("archive/parse_errors", len(result.errors))
                logger.warning("parse errors on %s: %s", exchange.url, "; ".join(result.errors))

    def _hold_in_flight(self, request):
        """A cluster worker's request kept in its in-flight set until the returned callable is
        called (:meth:`crawler.cluster.scheduler.ClusterScheduler.hold_for_archive`); None on one machine."""
        return self.crawler.engine.scheduler.hold_for_archive(request) if INFLIGHT_META in request.meta else None

    def _original(self, exchange: Exchange, request, digest: str | None, dedupe_key) -> dict | None:
        """The earlier capture this response repeats, or None to archive it in full.

        A 304 to a conditional request repeats the capture whose validators were sent; a 200
        whose body has the payload digest of an earlier 200 capture of the URL repeats that one,
        whether it is still queued for writing or already in the database (looked up in that
        order: the writer drops a capture from ``pending`` only once its row is committed). A page
        requisite repeats any earlier 200 capture of its site with that digest, whatever its URL
        (``dedupe_key`` is then the site): the revisit names the other URL, as replay tools expect.
        """
        if exchange.status == 304:
            return request.meta.get("archive_validated")
        if exchange.status != 200 or not self.revisits:
            return None
        queued = self.pending.get((dedupe_key, digest))
        if queued is not None:
            return queued
        if dedupe_key == exchange.url and request.meta.get(UNSEEN_META) == (self.db_path, exchange.url):
            # This database held no 200 capture of the URL when the request went out, and one
            # archived since is still queued (pending) unless another request of the same URL was
            # fetched at the same time (Scrapy filters those out): at worst the page is then stored
            # whole rather than as a revisit, never lost.
            return None
        fields = ("id", "url", "captured_at", "warc_file", "warc_offset")
        if dedupe_key == exchange.url:
            row = self.db.execute(
                "select id, url, captured_at, warc_file, warc_offset from captures where url = ? and status = 200 "
                "and payload_digest = ? and refers_to is null order by captured_at desc limit 1",
                [exchange.url, digest]).fetchone()
            return dict(zip(fields, row)) if row else None
        rows = self.db.execute(
            "select id, url, captured_at, warc_file, warc_offset from captures where payload_digest = ? "
            "and status = 200 and refers_to is null order by captured_at desc", [digest]).fetchall()
        same_site = (row for row in rows if ("site", site_of(row[1])) == dedupe_key)
        row = next(same_site, None)
        return dict(zip(fields, row)) if row else None

    def _confirmed(self, url: str, original: dict) -> ArchivedResponse | None:
        """The stored capture a 304 confirmed, read back from its WARC (None, logged, if unreadable)."""
        path = Path(self.warc_dir) / original["warc_file"]
        try:
            return read_response_at(path, original["warc_offset"])
        except (OSError, ValueError, StopIteration) as exc:
            logger.warning("304 for %s: cannot read the confirmed capture %s from %s: %s", url,
                           original["id"], path, exc)
            return None

    def _page_of(self, archived: ArchivedResponse, confirmed: ArchivedResponse | None, spider):
        """The parse of a revisited page: its own bytes (identical payload), or the confirmed capture's (304)."""
        if archived.status != 304:
            return parse_response(dataclasses.replace(archived, record_type="response", refers_to=None),
                                  requisites=self.reads_requisites)
        if confirmed is None:
            return None
        return parse_response(dataclasses.replace(confirmed, engine=getattr(spider, "engine", None),
                                                  outlets=self.outlets), requisites=self.reads_requisites)

    def _committed(self, job: ExchangeJob, then=None) -> None:
        # Committed (or failed): from now on the database answers revisit lookups, or nothing does.
        self.pending.pop(job.pending_key, None)
        # ``then`` lets a cluster worker's request leave its in-flight set: not once the archive
        # turned unwritable (the page is not in it, and its failure not recorded), so the
        # worker, stopping, puts the page back in the shared queue for another worker.
        if then is not None and self.archive_writer.fatal is None:
            then()

    def _write_failed(self, db, job, exc: BaseException) -> None:
        """In the writer's thread: a page that could not be archived is logged and recorded.

        Only the URL and the error are logged: the job holds request headers (cookies) and bodies.
        A page refused because the archive already turned unwritable gets no traceback of its own."""
        if not isinstance(job, ExchangeJob):
            # A crawl_errors row that could not be written: its error is already counted in the
            # stats (and so in the exit status); it is not a page of its own.
            logger.error("a crawl error could not be recorded in %s: %s: %s", self.db_path, type(exc).__name__, exc)
            return
        self._page_lost(job, exc)
        record_write_failure(db, job, exc)

    def _page_lost(self, job: ExchangeJob, exc: BaseException) -> None:
        """A page fetched and not archived: counted and logged (by the writer process, recorded too)."""
        self.stats.inc_value("archive/lost_pages")
        if isinstance(exc, ArchiveUnwritable):
            logger.warning("not archived: %s (the archive cannot be written)", job.url)
        else:
            # From the writer process the traceback comes as text: a traceback object does not pickle.
            # The pages of a batch whose write failed share one error: its traceback is logged once.
            remote = getattr(exc, "writer_traceback", None)
            repeated, self.last_remote_traceback = remote is not None and remote == self.last_remote_traceback, remote
            logger.error("archiving %s failed: %s: %s%s", job.url, type(exc).__name__, exc,
                         f"\n{remote}" if remote and not is_locked(exc) and not repeated else "",
                         exc_info=None if is_locked(exc) or remote else exc)

    def spider_closed(self, spider, reason) -> None:
        """Finish every queued write, then the crawl-run row, then empty the write-ahead log into
        ARCHIVE_DB. Each step is tried on its own, so a full disk in one still lets the others run,
        and the failure is logged, not raised."""
        writer = self.archive_writer
        if writer is not None:
            writer.close()  # every queued exchange written (or failed) first
            self.stats.set_value("archive/warc_exchanges", writer.done)
            if writer.failed:
                self.stats.set_value("archive/write_errors", writer.failed)
            if writer.unrecorded:
                self.stats.set_value("archive/unrecorded_errors", writer.unrecorded)
            if writer.fatal is not None and reason == "finished":
                reason = "archive_write_failed"
            self.archive_writer = None
        files = []
        if self.writer is not None:
            self.writer.close()
            files = [p.name for p in self.writer.files] + getattr(writer, "warc_files", [])
        if self.db is not None:
            stats = {k: v for k, v in self.stats.get_stats().items() if isinstance(v, (int, float, str))}
            self.run.update(finished_at=as_utc_text(datetime.now(timezone.utc)), finish_reason=reason,
                            warc_files=json.dumps(files), stats=json.dumps(stats, sort_keys=True))
            try:
                record_crawl_run(self.db, self.run)
            except Exception as exc:
                self.stats.set_value("archive/run_not_recorded", f"{type(exc).__name__}: {exc}")
                logger.error("could not record the crawl run %s (finish reason %s): %s: %s",
                             self.run["id"], reason, type(exc).__name__, exc)
            finally:
                self._checkpoint()
                self.db.close()
                self.db = None

    def _checkpoint(self) -> None:
        """Empty the write-ahead log into ARCHIVE_DB, so the .db file alone holds the crawl."""
        try:
            if not checkpoint(self.db):
                logger.info("%s: another process is using the archive; it will checkpoint it when it ends",
                            self.db_path)
        except Exception as exc:  # a full disk: the rows are safe in the -wal file all the same
            logger.warning("could not checkpoint %s: %s: %s", self.db_path, type(exc).__name__, exc)


def replay_copy_fields(confirmed: ArchivedResponse | None) -> dict:
    """What ``RevisitOf`` needs to write a 304's replay copy: the confirmed capture's status line,
    headers and payload digest ({} when it could not be read: the 304 is then written alone)."""
    if confirmed is None:
        return {}
    return {"status_line": f"{confirmed.status} {_reason_phrase(confirmed.status)}".strip(),
            "headers": confirmed.headers,
            "payload_digest": confirmed.payload_digest or payload_digest(confirmed.body)}


def _exchange(request, response) -> Exchange:
    request_headers = _header_list(request.headers)
    if not any(name.lower() == "host" for name, _ in request_headers):
        # Twisted adds Host on the wire; Scrapy's request object never sees it.
        request_headers.insert(0, ("Host", urlsplit(request.url).netloc))
    if request.meta.get(REDACT_CREDENTIALS_META):
        request_headers = redact_credentials(request_headers)
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
