"""Parsing archived responses in worker processes, handed back in the order they were read.

Why: a replay reads, parses and stores; parsing is independent per record and deterministic given
the record's bytes and capture time, while storing must happen in capture order in one writer
(revisions, deletion marks and revisits depend on it). So the records are parsed by a pool of
worker processes a few records ahead, and the writer takes the results in the order the records
came, holding no more than :func:`in_flight` records at once (memory stays flat).

Nothing is lost silently: a parser exception is an ``unsupported`` result with the error, as in
:func:`archive.ingest.parse_response`; a worker process that dies (a crash in a C library, the
OOM killer) breaks the pool, and every record it held is parsed again, one at a time in a fresh
pool, so the one that kills its worker again is found and stored as ``unsupported`` with the
reason, and counted in :attr:`Parser.worker_deaths`.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from archive.ingest import parse_response, wants_parse
from archive.warc_reader import ArchivedResponse
from parsers.models import PageResult

# Parse workers of a replay: one per CPU, as the writer mostly waits on them (``--jobs``).
DEFAULT_JOBS = os.cpu_count() or 1


def in_flight(jobs: int) -> int:
    """Records handed to the pool and not yet stored: enough to keep every worker busy while the
    writer stores, few enough that memory does not grow with the archive."""
    return 4 * jobs


class Parser:
    """Parses records in ``jobs`` worker processes (or here, with ``jobs=1``) and hands back the
    results in the order of the records; a context manager that ends the workers on exit.

    :param parse: the parse function, ``parse(response, engine) -> PageResult | None``; a
        module-level function (the workers receive it by name)
    """

    def __init__(self, engine: str | None, jobs: int = DEFAULT_JOBS,
                 parse: Callable[[ArchivedResponse, str | None], PageResult | None] = parse_response) -> None:
        self.engine, self.jobs, self.parse = engine, max(jobs, 1), parse
        self.worker_deaths: list[str] = []  # one line per record that killed its worker
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Parser:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def parsed(self, items: Iterable) -> Iterator[tuple[object, PageResult | None]]:
        """``(item, parse result)`` for every item, in order; a revisit, a response that is not a
        page, or an item that is not a response (a marker) comes with None."""
        if self.jobs == 1:
            for item in items:
                yield item, (self.parse(item, self.engine) if _wanted(item) else None)
            return
        pending: deque[tuple[object, Future | None]] = deque()
        try:
            for item in items:
                pending.append((item, self._submit(item)))
                while len(pending) > in_flight(self.jobs) or (pending and _done(pending[0][1])):
                    yield self._result(pending)
            while pending:
                yield self._result(pending)
        finally:
            for _, future in pending:
                if future is not None:
                    future.cancel()

    def map(self, function: Callable, items: Iterable, chunksize: int = 16) -> Iterator:
        """``map(function, items)`` over the workers, results in order (pure functions of their
        argument: a bulk load's end uses it to hash texts). Every item is handed to the workers
        at once, so the caller can do other work while they compute and take the results later.
        A pool that breaks is left for this process, which computes what it had not returned."""
        if self.jobs == 1:
            return map(function, items)
        items = list(items)
        try:
            results = self._executor().map(function, items, chunksize=chunksize)
        except BrokenProcessPool:
            self._restart()
            return map(function, items)
        return self._taken(function, items, results)

    def _taken(self, function: Callable, items: list, results: Iterator) -> Iterator:
        done = 0
        try:
            for result in results:
                yield result
                done += 1
        except BrokenProcessPool:
            self._restart()
            yield from map(function, items[done:])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _submit(self, item) -> Future | None:
        if not _wanted(item):
            return None
        try:
            return self._executor().submit(self.parse, item, self.engine)
        except BrokenProcessPool:
            self._restart()
            return self._executor().submit(self.parse, item, self.engine)

    def _result(self, pending: deque) -> tuple[object, PageResult | None]:
        item, future = pending.popleft()
        if future is None:
            return item, None
        try:
            return item, future.result()
        except BrokenProcessPool:
            # A worker died: this record and every one still pending were lost with the pool.
            self._restart()
            result = self._parse_alone(item)
            for index, (other, other_future) in enumerate(pending):
                if _lost(other_future):
                    try:
                        pending[index] = (other, self._executor().submit(self.parse, other, self.engine))
                    except BrokenProcessPool:
                        # The fresh pool died too (the killing record was among these): the rest
                        # keep their lost futures and are redone the same way when their turn comes.
                        break
            return item, result

    def _parse_alone(self, response: ArchivedResponse) -> PageResult:
        """Parse one record in a fresh pool of its own: if its worker dies again, it is the record
        that kills workers, and it is stored as unsupported with the reason."""
        with ProcessPoolExecutor(max_workers=1, initializer=_exit_with_parent, initargs=(os.getpid(),)) as alone:
            try:
                return alone.submit(self.parse, response, self.engine).result()
            except BrokenProcessPool as exc:
                reason = f"parser error: the parse worker process died on this page ({exc})"
                self.worker_deaths.append(f"{response.url}: {reason}")
                return PageResult(kind="unsupported", url=response.url, reason=reason)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_exit_with_parent,
                                             initargs=(os.getpid(),))
        return self._pool

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _wanted(item) -> bool:
    return isinstance(item, ArchivedResponse) and wants_parse(item)


def _lost(future: Future | None) -> bool:
    """Whether a pending parse went down with a broken pool (one finished before is kept)."""
    if future is None:
        return False
    return not future.done() or future.cancelled() or isinstance(future.exception(), BrokenProcessPool)


def _done(future: Future | None) -> bool:
    return future is None or future.done()


def _exit_with_parent(parent: int) -> None:
    """In a worker: end when the replay process is gone. Why: a replay killed outright (SIGKILL)
    cannot stop its pool, and a worker waiting on its task queue would wait for ever."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()
