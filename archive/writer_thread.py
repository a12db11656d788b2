"""One archive writer working through a queue of jobs, in a thread of its own or inline.

Why: gzip-compressing WARC records and writing SQLite rows take about as long as fetching and
parsing a page, and in Scrapy's reactor thread they would stall the crawl. zlib and sqlite3 let
go of the GIL while they work, so a second thread puts the second core to use. The jobs run one
at a time in the order they were submitted (FIFO), each with the thread's own database
connection (a sqlite3 connection belongs to the thread that opened it). The queue is bounded:
when the writer falls behind, ``submit`` waits, which slows the crawl instead of filling memory.

The thread commits once per batch: the jobs waiting in the queue when it takes the next one
(each job's own transaction becomes a savepoint), so a crawl that outruns the writer pays for
fewer commits, and one the writer keeps up with still sees each page committed at once. Its
connection uses ``synchronous=NORMAL``, which in WAL mode keeps the database consistent through
any crash and may lose only the last commits on a power failure; the WARC files, written first,
hold those pages for replay. After the commit each job's ``after_commit()`` is called, if it has one.

A job that raises costs that job only: the error goes to ``on_error`` (which logs and records
it), and the writer goes on with the next one. ``close`` waits until every queued job is done.

With ``queue_size=0`` the jobs run inline, in the caller's thread, as soon as they are submitted.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Callable

from archive.store import open_archive

logger = logging.getLogger(__name__)

Job = Callable[[object], None]  # called with the writer's database connection
_STOP = object()


class ArchiveWriter:
    """Runs jobs against its own connection to ``db_path``, in submission order.

    :param db_path: the SQLite archive; opened (with the schema) in the thread that runs the jobs
    :param queue_size: jobs that may wait before ``submit`` blocks; 0 runs each job inline
    :param on_error: called as ``on_error(db, job, exception)`` when a job raises
    """

    def __init__(self, db_path: str, queue_size: int, on_error: Callable[[object, Job, BaseException], None]) -> None:
        self.db_path = db_path
        self.queue_size = queue_size
        self.on_error = on_error
        self.done = 0  # jobs finished without an exception
        self.failed = 0
        self._db = None
        self._queue: queue.Queue | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._open_error: BaseException | None = None

    @property
    def threaded(self) -> bool:
        return self.queue_size > 0

    def start(self) -> None:
        """Open the database (in the writer's thread); raise what opening it raised."""
        if not self.threaded:
            self._db = open_archive(self.db_path)
            return
        self._queue = queue.Queue(maxsize=self.queue_size)
        self._thread = threading.Thread(target=self._work, name="archive-writer", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._open_error is not None:
            self._thread.join()
            raise self._open_error

    def submit(self, job: Job) -> None:
        """Queue ``job`` (waiting while the queue is full), or run it now when inline."""
        if self._queue is None:
            self._run(self._db, job)
        else:
            self._queue.put(job)

    def close(self) -> None:
        """Run every queued job, then close the connection; a second call does nothing."""
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join()
            self._thread = None
        elif self._db is not None:
            self._db.close()
        self._db = None

    def _work(self) -> None:
        try:
            db = open_archive(self.db_path)
        except BaseException as exc:  # handed to start(), which raises it in the caller's thread
            self._open_error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            db.execute("PRAGMA synchronous=NORMAL")
            stop = False
            while not stop:
                batch = [self._queue.get()]
                while batch[-1] is not _STOP and len(batch) < self.queue_size:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                if batch[-1] is _STOP:
                    stop = True
                    batch.pop()
                if batch:
                    self._run_batch(db, batch)
        finally:
            db.close()

    def _run_batch(self, db, batch: list[Job]) -> None:
        """The jobs of ``batch`` in one transaction; when the commit itself fails, each job has failed.

        ``BEGIN IMMEDIATE`` takes the write lock before the first read: other connections write
        too (crawl errors, the crawl-run row), and a deferred transaction whose snapshot they
        outdated would fail at its first write at once instead of waiting for the lock.
        """
        done, failed = self.done, self.failed
        try:
            db.execute("BEGIN IMMEDIATE")
            for job in batch:
                self._run(db, job)
            db.execute("COMMIT")
        except Exception as exc:
            if db.conn.in_transaction:
                db.conn.rollback()
            self.done, self.failed = done, failed
            for job in batch:
                self._failed(db, job, exc)
        for job in batch:
            _after_commit(job)

    def _run(self, db, job: Job) -> None:
        try:
            job(db)
        except Exception as exc:
            self._failed(db, job, exc)
        else:
            self.done += 1
        if not self.threaded:
            _after_commit(job)

    def _failed(self, db, job: Job, exc: BaseException) -> None:
        self.failed += 1
        try:
            self.on_error(db, job, exc)
        except Exception:
            logger.exception("archive writer: could not record the failure of %r", job)


def _after_commit(job: Job) -> None:
    after = getattr(job, "after_commit", None)
    if after is not None:
        try:
            after()
        except Exception:
            logger.exception("archive writer: %r failed after its commit", job)
