"""The archive writer in a process of its own: WARC gzip and SQLite writes off Scrapy's GIL.

Why: the writer thread (``archive/writer_thread.py``) spends about 3 ms of Python a page
(warcio's record building, sqlite-utils' rows) and holds the GIL meanwhile, so on two cores
Scrapy's thread waits for it. Here the same writer loop (``ArchiveWriter.serve``) runs in a
child process started with ``spawn`` (never ``fork``: Scrapy's process has threads); Scrapy's
side only pickles each job (the raw exchange, the parse result) into a pipe.

What the writer thread guarantees holds here, for these reasons:

- **FIFO and batched commits**: one queue, one reader, the same ``serve`` loop.
- **Bounded queue with back-pressure**: a ``multiprocessing.Queue`` of at most ``queue_size``
  jobs (in batches, below); ``submit`` waits while it is full.
- **A failing job costs only itself and is recorded**: the child writes its ``crawl_errors``
  row (``record_write_failure``) and tells this side, which calls ``on_lost(job, exc)``
  (logging, stats) in its listener thread.
- **Fatal archive errors**: the child turns fatal as the thread does and says so; ``fatal`` is
  set here and ``on_fatal(exc)`` called once, in the listener thread. If the child dies without
  a word, that is fatal too, and every job it had not confirmed is reported through ``on_lost``.
- **Queued pages are known to revisit detection**: each job's ``after_commit`` runs here when
  the child confirms the job's batch was committed (or failed).
- **close waits for every job**, then hands over the child's counts and WARC file names.
- **A killed crawl**: the child asks Linux to kill it with its parent (``PR_SET_PDEATHSIG``),
  and elsewhere ends at once when it sees its parent gone, so it never writes behind the back of
  the next run; what it wrote is as consistent as the thread's (WARC record first, then the commit).

Jobs are handed over in batches of up to ``BATCH_JOBS`` when the caller gives ``call_later`` (the
reactor's): each ``Queue.put`` wakes its feeder thread, which takes Scrapy's GIL to pickle, and the
child, which wakes the listener thread with its reply. One page at a time, those hand-overs cost
Scrapy's thread about 0.8 ms a page in a crawl profile on two busy cores (``Condition.notify`` in
``Queue.put``). A batch goes once it is full, or ``BATCH_DELAY`` after its first job, or at
``close``, so a page waits that long at most before its write starts; revisit detection is
unaffected (a job is in ``pending`` from ``submit`` until its commit is confirmed).

Jobs that are not picklable (a crawl error recorded through a ``lambda``) run on this side,
on ``local_db`` in a write transaction: they are rare, and one write lock wait is cheaper than
shipping code to the child.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import traceback
import types
from typing import Callable

from archive.database import write_transaction
from archive.exchange_job import ExchangeJob, record_write_failure
from archive.warc_writer import RotatingWarcWriter
from archive.writer_thread import STOP, ArchiveUnwritable, ArchiveWriter, notify_fatal

logger = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
START_TIMEOUT = 120.0  # seconds the child may take to import and open the database
BATCH_JOBS = 8  # jobs handed to the child in one put (see the module's docstring)
BATCH_DELAY = 0.1  # seconds a batch waits for more jobs: at 80 pages/s or more, batches fill first


@contextlib.contextmanager
def main_module_hidden():
    """While a ``spawn`` child starts, a ``__main__`` without a name or file, so the child does not
    import the caller's main module.

    Why: ``spawn`` runs the parent's main script again in the child (as ``__mp_main__``), so a
    script that starts a crawl (``CrawlerProcess``) without an ``if __name__ == "__main__":``
    guard would start a second crawl in the writer process, which then fails to start. The child
    needs nothing of the main module: it runs ``serve`` of this module, with picklable arguments.
    The preparation data that names the main module is read while ``Process.start`` runs, in this
    thread, so ``__main__`` is put back as soon as it returns.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class WriterProcessDied(Exception):
    """The writer process ended without being asked to (killed, or crashed)."""


class ArchiveWriterProcess:
    """``ArchiveWriter``'s interface (start, submit, close, fatal, done, failed, unrecorded) over a child process.

    :param db_path: the SQLite archive, opened in the child
    :param queue_size: jobs that may wait before ``submit`` blocks (at least 1)
    :param warc: the keyword arguments of the child's ``RotatingWarcWriter`` (picklable: no clock)
    :param on_lost: called as ``on_lost(job, exc)`` in the listener thread for each job that failed
    :param on_fatal: called once as ``on_fatal(exception)`` when the archive turns unwritable
    :param local_db: a connection of this side, for jobs that cannot be pickled
    :param call_later: ``call_later(seconds, function)``, the reactor's ``callLater``: with it, jobs
        are handed over in batches (``flush`` is then called at most ``BATCH_DELAY`` after a job);
        without it, one at a time
    """

    def __init__(self, db_path: str, queue_size: int, warc: dict, on_lost: Callable[[object, BaseException], None],
                 on_fatal: Callable[[BaseException], None] | None = None, busy_timeout: float | None = None,
                 local_db=None, call_later: Callable[[float, Callable[[], None]], object] | None = None) -> None:
        self.db_path = db_path
        self.queue_size = max(1, queue_size)
        self.warc = warc
        self.on_lost = on_lost
        self.on_fatal = on_fatal
        self.busy_timeout = busy_timeout
        self.local_db = local_db
        self.call_later = call_later
        self.batch_jobs = min(BATCH_JOBS, self.queue_size)  # a batch never holds more than the queue may
        self._batch: list[ExchangeJob] = []  # jobs submitted and not yet handed to the child
        self.done = 0
        self.failed = 0
        self.unrecorded = 0
        self.fatal: BaseException | None = None
        self.warc_files: list[str] = []  # the child's WARC file names, once closed
        self._context = multiprocessing.get_context("spawn")
        self._jobs = None
        self._replies = None
        self._process = None
        self._listener: threading.Thread | None = None
        self._inflight: dict[int, ExchangeJob] = {}
        self._seq = 0
        self._lost_here = 0  # jobs this side reported lost without the child (it had died, or turned fatal)
        self._unrecorded_here = 0  # jobs run on this side (crawl_errors rows) that could not be written
        self._closed = threading.Event()

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the child and wait until it has opened the database; raise what opening it raised."""
        # In batches of up to BATCH_JOBS, so that no more than queue_size jobs wait in the queue.
        batches = self.queue_size if self.call_later is None else max(1, self.queue_size // self.batch_jobs)
        self._jobs = self._context.Queue(maxsize=batches)
        self._replies = self._context.Queue()
        self._process = self._context.Process(
            target=serve, name="archive-writer", daemon=True,
            args=(self.db_path, self.queue_size, self.busy_timeout, self.warc, self._jobs, self._replies))
        with main_module_hidden():
            self._process.start()
        reply = self._next_reply(START_TIMEOUT)
        if reply is None or reply[0] != "opened":
            self._process.kill()
            raise WriterProcessDied(f"the archive writer process did not start (exit code {self._process.exitcode})")
        if reply[1] is not None:
            self._process.join()
            raise reply[1]
        self._listener = threading.Thread(target=self._listen, name="archive-writer-replies", daemon=True)
        self._listener.start()
        logger.info("archive writer process %d writes %s", self._process.pid, self.db_path)

    def submit(self, job) -> None:
        """Queue an ``ExchangeJob`` for the child (waiting while the queue is full); run any other job here."""
        if not isinstance(job, ExchangeJob):
            self._run_here(job)
            return
        if self.fatal is not None:
            self._lose(job, ArchiveUnwritable(f"not archived: {self.fatal}"))
            return
        self._seq += 1
        job.seq = self._seq
        self._inflight[job.seq] = job
        if self.call_later is None:
            self._hand_over(job, [job])
            return
        self._batch.append(job)
        if len(self._batch) >= self.batch_jobs:
            self.flush()
        elif len(self._batch) == 1:
            self.call_later(BATCH_DELAY, self.flush)

    def flush(self) -> None:
        """Hand the jobs submitted so far to the child (waiting while the queue is full)."""
        if self._batch:
            batch, self._batch = self._batch, []
            self._hand_over(batch, batch)

    def _hand_over(self, item, jobs: list[ExchangeJob]) -> None:
        if self._put(item):
            return
        for job in jobs:
            if self._inflight.pop(job.seq, None) is not None:
                self._lose(job, self.fatal or WriterProcessDied("the archive writer process ended"))

    def _put(self, item) -> bool:
        """Queue ``item``, waiting while the queue is full; False when the child is gone."""
        while not self._closed.is_set():
            try:
                self._jobs.put(item, timeout=1.0)
                return True
            except queue.Full:
                continue
        return False

    def close(self) -> None:
        """Let the child finish every queued job and exit; a second call does nothing."""
        if self._process is None:
            return
        self.flush()
        self._put(STOP)
        self._listener.join()
        # A job queued just as the child died (after the listener reported what it had): lost, never silently.
        for seq in sorted(self._inflight):
            self._lose(self._inflight.pop(seq), self.fatal or WriterProcessDied("the archive writer process ended"))
        self._process.join()
        self._jobs.close()
        self._replies.close()
        self._process = None

    def _run_here(self, job) -> None:
        try:
            with write_transaction(self.local_db):
                job(self.local_db)
        except Exception as exc:  # a crawl_errors row that could not be written: counted, as the thread counts it
            self._unrecorded_here += 1
            self.unrecorded += 1
            logger.error("archive writer: a job for %s failed in the crawl's process: %s: %s",
                         getattr(job, "url", "?"), type(exc).__name__, exc)

    def _next_reply(self, timeout: float):
        """The child's next reply, or None when it died (or said nothing for ``timeout`` seconds)."""
        waited = 0.0
        while waited < timeout:
            try:
                return self._replies.get(timeout=1.0)
            except queue.Empty:
                waited += 1.0
                if not self._process.is_alive():
                    try:  # it may have replied just before it ended
                        return self._replies.get(timeout=0.1)
                    except queue.Empty:
                        return None
        return None

    def _listen(self) -> None:
        """In a thread of its own: the child's replies, until it closes or dies."""
        while True:
            reply = self._next_reply(float("inf"))
            if reply is None:
                self._died()
                break
            kind = reply[0]
            if kind == "done":
                for seq, exc in reply[1]:
                    job = self._inflight.pop(seq)
                    if exc is not None:
                        self.failed += 1
                        self._report(job, exc)
                    else:
                        self.done += 1
                    job.after_commit()
            elif kind == "fatal":
                self._turn_fatal(reply[1], logged=True)
            elif kind == "closed":
                done, failed, unrecorded, self.warc_files = reply[1:]
                self.done, self.failed, self.unrecorded = (done, failed + self._lost_here,
                                                              unrecorded + self._lost_here + self._unrecorded_here)
                break
        self._closed.set()

    def _died(self) -> None:
        exc = WriterProcessDied(f"the archive writer process ended unexpectedly (exit code {self._process.exitcode})")
        self._turn_fatal(exc)
        for seq in sorted(self._inflight):
            self._lose(self._inflight.pop(seq), exc)

    def _lose(self, job: ExchangeJob, exc: BaseException) -> None:
        """A job the child never confirmed: reported here (no crawl_errors row: the child wrote the database)."""
        self._lost_here += 1
        self.failed += 1
        self.unrecorded += 1
        self._report(job, exc)
        job.after_commit()

    def _report(self, job, exc: BaseException) -> None:
        try:
            self.on_lost(job, exc)
        except Exception:
            logger.exception("archive writer: on_lost failed")

    def _turn_fatal(self, exc: BaseException, logged: bool = False) -> None:
        """``logged``: the child has logged it already (its log goes to the same stderr)."""
        if self.fatal is not None:
            return
        self.fatal = exc
        if not logged:
            logger.error("archive writer: the archive cannot be written any more (%s: %s)", type(exc).__name__, exc)
        notify_fatal(self.on_fatal, exc)


# --- the child ------------------------------------------------------------------------------------

def serve(db_path: str, queue_size: int, busy_timeout: float | None, warc: dict, jobs, replies) -> None:
    """The writer process: run the jobs of ``jobs`` with ``ArchiveWriter.serve``, replying on ``replies``."""
    _die_with_parent()
    # Its warnings (a lock waited for, the archive turning unwritable) go to the crawl's stderr, as Scrapy logs.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    warc_writer = RotatingWarcWriter(**warc)

    def on_error(db, job, exc: BaseException) -> None:
        job.error = exc
        if isinstance(job.job, ExchangeJob):
            record_write_failure(db, job.job, exc)

    def on_fatal(exc: BaseException) -> None:
        replies.put(("fatal", _portable(exc)))

    writer = ArchiveWriter(db_path, queue_size, on_error, on_fatal=on_fatal, busy_timeout=busy_timeout)
    inbox = _Inbox(jobs, warc_writer, replies)
    try:
        writer.serve(inbox, lambda error: replies.put(("opened", None if error is None else _portable(error))))
    finally:
        warc_writer.close()
        inbox.send_confirmations()  # what was committed is said so, whatever ended the loop
    replies.put(("closed", writer.done, writer.failed, writer.unrecorded, [path.name for path in warc_writer.files]))
    replies.close()
    replies.join_thread()


class _ChildJob:
    """A received job, bound to the child's WARC writer; its ``after_commit`` tells the parent
    (through the inbox, which sends a batch's confirmations together)."""

    def __init__(self, job: ExchangeJob, inbox: "_Inbox") -> None:
        self.job = job
        self.inbox = inbox
        self.error: BaseException | None = None

    @property
    def url(self) -> str:
        return self.job.url

    def __call__(self, db) -> None:
        self.error = None  # a batch retried after a lock runs its jobs again
        self.job(db)

    def after_commit(self) -> None:
        self.inbox.confirmations.append((self.job.seq, None if self.error is None else _portable(self.error)))


class _Inbox:
    """``jobs`` as ``ArchiveWriter.serve`` reads it, ending when the parent is gone.

    The jobs of a batch are confirmed to the parent in one reply, sent before the inbox waits for
    the next batch: one pickling, one pipe write and one wake-up of the parent's listener thread
    (which takes Scrapy's GIL) a batch rather than a page. Nothing waits longer for it: the next
    batch is only read after the reply is on its way, so a fatal error still follows them."""

    def __init__(self, jobs, warc_writer: RotatingWarcWriter, replies) -> None:
        self.jobs = jobs
        self.warc_writer = warc_writer
        self.replies = replies
        self.parent = os.getppid()
        self.confirmations: list[tuple[int, BaseException | None]] = []
        self.received: collections.deque = collections.deque()  # the rest of a batch received

    def send_confirmations(self) -> None:
        if self.confirmations:
            self.replies.put(("done", self.confirmations))
            self.confirmations = []

    def get(self):
        self.send_confirmations()
        while not self.received:
            try:
                self._receive(self.jobs.get(timeout=1.0))
            except queue.Empty:
                if os.getppid() != self.parent:  # the crawl was killed: write nothing behind its back
                    os._exit(1)
        return self._bind(self.received.popleft())

    def get_nowait(self):
        if not self.received:
            self._receive(self.jobs.get_nowait())
        return self._bind(self.received.popleft())

    def _receive(self, item) -> None:
        """A batch of jobs (a list), or one job, or STOP."""
        self.received.extend(item if isinstance(item, list) else [item])

    def _bind(self, job):
        if job is STOP:
            return STOP
        job.warc = self.warc_writer
        return _ChildJob(job, self)


def _die_with_parent() -> None:
    """Linux: have the kernel kill this process when the crawl's process dies (SIGKILL included)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # not Linux: _Inbox.get notices the parent's end within a second


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a plain exception with its type name and message; either
    way with its traceback as text in ``writer_traceback`` (a traceback object does not pickle)."""
    text = "".join(traceback.format_exception(exc))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    exc.writer_traceback = text
    return exc
