"""One crawled exchange as a job for the archive writer: its WARC records, then its database rows.

Why a module of its own: the job runs in the writer thread of Scrapy's process or in the writer
process (``archive/writer_process.py``), so it must be picklable and must not need the crawler.
It carries what the crawl fixed beforehand (record ID, capture time, the revisit decision and
the parse result), and does what :func:`archive.ingest.ingest_response` does with the parse
handed in: a revisit is stored as a capture row only, any other response with its parse.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from archive.errors import record_error
from archive.ingest import capture_row
from archive.store import store_capture
from archive.warc_reader import ArchivedResponse
from archive.warc_writer import Exchange, RevisitOf, RotatingWarcWriter
from archive.writer_thread import is_locked


@dataclasses.dataclass
class ExchangeJob:
    """Write ``exchange`` to ``warc`` (once, even when the job is retried), then its rows to ``db``.

    ``warc`` and ``on_committed`` belong to the side that runs or watches the job and are not
    pickled: the writer process sets its own ``warc``, and Scrapy's side keeps ``on_committed``.
    """

    exchange: Exchange
    revisit_of: RevisitOf | None
    draft: ArchivedResponse  # the response as parsed: record ID and capture time fixed, no WARC place yet
    result: object  # the parse result stored with it (None for a revisit or a non-page)
    pending_key: tuple  # (dedupe key, payload digest): this capture's entry in the revisit lookup
    crawl_run_id: str | None = None  # for the crawl_errors row when the write fails
    warc: RotatingWarcWriter | None = None
    on_committed: Callable[["ExchangeJob"], None] | None = None
    written: object = None  # the WARC record, once written: a retried job does not write it again
    seq: int = 0  # the writer process's number for it, so its reply finds it

    @property
    def url(self) -> str:
        return self.exchange.url

    def __call__(self, db) -> None:
        if self.written is None:
            self.written = self.warc.write_exchange(self.exchange, revisit_of=self.revisit_of,
                                                    captured_at=self.draft.captured_at,
                                                    record_id=self.draft.record_id)
        written = self.written
        archived = dataclasses.replace(self.draft, warc_file=written.warc_file, offset=written.offset,
                                       length=written.length, payload_digest=written.payload_digest)
        store_capture(db, capture_row(archived), self.result)

    def after_commit(self) -> None:
        # Committed (or failed): from now on the database answers revisit lookups, or nothing does.
        if self.on_committed is not None:
            self.on_committed(self)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "warc": None, "on_committed": None}


def record_write_failure(db, job: ExchangeJob, exc: BaseException) -> None:
    """The ``crawl_errors`` row of a page fetched but not archived (kind ``lock_timeout`` or ``write_failed``)."""
    kind = "lock_timeout" if is_locked(exc) else "write_failed"
    record_error(db, {"crawl_run_id": job.crawl_run_id, "url": job.url, "kind": kind,
                      "detail": f"archive write failed: {type(exc).__name__}: {exc}"})
