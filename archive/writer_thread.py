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

Some failures are the archive's, not the job's: a full disk, a read-only or vanished file, a
database another process keeps locked past the busy timeout (retried ``lock_retries`` times
first). Going on would fetch pages only to lose them, so the writer turns *fatal*: ``fatal``
holds the error, ``on_fatal(exc)`` is called once (in the writer's thread), and every job from
then on fails at once with that error instead of being tried. Jobs may be retried, so a job must
be safe to run again (the exchange job skips its WARC write the second time).

With ``queue_size=0`` the jobs run inline, in the caller's thread, as soon as they are submitted.
The same loop (``serve``) runs in the writer process (``archive/writer_process.py``), which keeps
these guarantees out of Scrapy's process and off its GIL.
"""

from __future__ import annotations

import errno
import logging
import queue
import sqlite3
import threading
from typing import Callable

from archive.database import ArchiveLocked, open_archive, write_transaction

logger = logging.getLogger(__name__)

Job = Callable[[object], None]  # called with the writer's database connection
STOP = None  # put in the queue after the last job: the writer finishes the jobs before it and ends
# OS errors that mean the archive cannot be written at all, whatever the page.
_FATAL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG, errno.ENOENT, errno.EACCES}
# SQLite's words for the same (sqlite3 gives no error codes before Python 3.11's sqlite_errorcode).
_FATAL_SQLITE = ("disk is full", "readonly database", "disk i/o error", "unable to open database",
                 "database disk image is malformed")


class ArchiveUnwritable(Exception):
    """A job not tried because the archive cannot be written (the writer's fatal error)."""


def notify_fatal(on_fatal: Callable[[BaseException], None] | None, exc: BaseException) -> None:
    """Call a writer's ``on_fatal`` once it turned fatal; its own failure is logged, never raised
    into the writer (the thread's or the process's listener), which must go on failing jobs."""
    if on_fatal is not None:
        try:
            on_fatal(exc)
        except Exception:
            logger.exception("archive writer: on_fatal failed")


def is_locked(exc: BaseException) -> bool:
    """The database stayed locked by another connection for the whole busy timeout."""
    return isinstance(exc, ArchiveLocked) or (isinstance(exc, sqlite3.OperationalError) and
                                              ("database is locked" in str(exc) or "database is busy" in str(exc)))


def is_fatal(exc: BaseException) -> bool:
    """Whether ``exc`` means no page can be archived any more (disk full, read-only, lock lost)."""
    if isinstance(exc, ArchiveUnwritable) or is_locked(exc):
        return True
    if isinstance(exc, OSError) and exc.errno in _FATAL_ERRNOS:
        return True
    return isinstance(exc, sqlite3.DatabaseError) and any(words in str(exc).lower() for words in _FATAL_SQLITE)


class ArchiveWriter:
    """Runs jobs against its own connection to ``db_path``, in submission order.

    :param db_path: the SQLite archive; opened (with the schema) in the thread that runs the jobs
    :param queue_size: jobs that may wait before ``submit`` blocks; 0 runs each job inline
    :param on_error: called as ``on_error(db, job, exception)`` when a job raises
    :param on_fatal: called once as ``on_fatal(exception)`` when the archive turns unwritable
    :param busy_timeout: seconds each connection waits for another process's write lock
    :param lock_retries: further tries of a batch that found the database locked, before fatal
    """

    def __init__(self, db_path: str, queue_size: int, on_error: Callable[[object, Job, BaseException], None],
                 on_fatal: Callable[[BaseException], None] | None = None, busy_timeout: float | None = None,
                 lock_retries: int = 2) -> None:
        self.db_path = db_path
        self.queue_size = queue_size
        self.on_error = on_error
        self.on_fatal = on_fatal
        self.busy_timeout = busy_timeout
        self.lock_retries = lock_retries
        self.done = 0  # jobs finished without an exception
        self.failed = 0
        self.unrecorded = 0  # failures on_error itself could not record
        self.fatal: BaseException | None = None
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
            self._db = self._open()
            return
        self._queue = queue.Queue(maxsize=self.queue_size)
        self._thread = threading.Thread(target=self.serve, args=(self._queue, self._opened), name="archive-writer",
                                        daemon=True)
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
            self._queue.put(STOP)
            self._thread.join()
            self._thread = None
        elif self._db is not None:
            self._db.close()
        self._db = None

    def _opened(self, error: BaseException | None) -> None:
        self._open_error = error  # handed to start(), which raises it in the caller's thread
        self._ready.set()

    def serve(self, inbox, opened: Callable[[BaseException | None], None]) -> None:
        """Open the database, then run the jobs of ``inbox`` in batches until it yields ``STOP``.

        Why public: the writer thread runs it on its own ``queue.Queue``, and the writer process
        (archive/writer_process.py) on the jobs it receives, so both keep one order, one batching
        and one failure policy. ``inbox`` has ``get()`` and ``get_nowait()`` (raising
        ``queue.Empty``) as ``queue.Queue`` has; ``opened`` is called with the error opening the
        database raised, or None, before any job runs.
        """
        try:
            db = self._open()
        except BaseException as exc:
            opened(exc)
            return
        opened(None)
        try:
            db.execute("PRAGMA synchronous=NORMAL")
            stop = False
            while not stop:
                batch = [inbox.get()]
                while batch[-1] is not STOP and len(batch) < self.queue_size:
                    try:
                        batch.append(inbox.get_nowait())
                    except queue.Empty:
                        break
                if batch[-1] is STOP:
                    stop = True
                    batch.pop()
                if batch:
                    self._run_batch(db, batch)
        finally:
            db.close()

    def _open(self):
        return open_archive(self.db_path) if self.busy_timeout is None else open_archive(self.db_path, self.busy_timeout)

    def _run_batch(self, db, batch: list[Job]) -> None:
        """The jobs of ``batch`` in one transaction; when the commit itself fails, each job has failed.

        ``BEGIN IMMEDIATE`` takes the write lock before the first read: other connections write
        too (crawl errors, the crawl-run row, other crawls), and a deferred transaction whose
        snapshot they outdated would fail at its first write at once instead of waiting for the lock.
        A batch that found the database locked is tried again, ``lock_retries`` times.
        """
        done, failed = self.done, self.failed
        for attempt in range(self.lock_retries + 1):
            if self.fatal is not None:
                exc = ArchiveUnwritable(f"not archived: {self.fatal}")
                break
            try:
                db.execute("BEGIN IMMEDIATE")
                for job in batch:
                    self._run(db, job)
                db.execute("COMMIT")
                exc = None
                break
            except Exception as error:
                exc = error
                if db.conn.in_transaction:
                    db.conn.rollback()
                self.done, self.failed = done, failed
                if not is_locked(error):
                    break
                logger.warning("archive writer: %s is locked by another process (try %d of %d)",
                               self.db_path, attempt + 1, self.lock_retries + 1)
        if exc is not None:
            self._turn_fatal(exc)
            for job in batch:
                self._failed(db, job, exc)
        for job in batch:
            _after_commit(job)

    def _run(self, db, job: Job) -> None:
        if self.fatal is not None:
            self._failed(db, job, ArchiveUnwritable(f"not archived: {self.fatal}"))
        else:
            try:
                if self.threaded:
                    job(db)  # inside the batch's transaction
                else:
                    with write_transaction(db):
                        job(db)
            except Exception as exc:
                if is_fatal(exc) and self.threaded:
                    raise  # the whole batch is rolled back and failed (or retried, when locked)
                self._turn_fatal(exc)
                self._failed(db, job, exc)
            else:
                self.done += 1
        if not self.threaded:
            _after_commit(job)

    def _turn_fatal(self, exc: BaseException) -> None:
        if self.fatal is not None or not is_fatal(exc):
            return
        self.fatal = exc
        logger.error("archive writer: the archive cannot be written any more (%s: %s)", type(exc).__name__, exc)
        notify_fatal(self.on_fatal, exc)

    def _failed(self, db, job: Job, exc: BaseException) -> None:
        self.failed += 1
        try:
            self.on_error(db, job, exc)
        except Exception as error:
            # Logged once, by URL only: a job holds request headers (cookies) and bodies.
            self.unrecorded += 1
            if self.unrecorded == 1:
                logger.error("archive writer: could not record the failure of %s either (%s: %s); "
                             "further unrecorded failures are only counted",
                             getattr(job, "url", "a job"), type(error).__name__, error)


def _after_commit(job: Job) -> None:
    after = getattr(job, "after_commit", None)
    if after is not None:
        try:
            after()
        except Exception:
            logger.exception("archive writer: a job for %s failed after its commit", getattr(job, "url", "?"))
