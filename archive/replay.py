"""Rebuilding the database from WARC files alone, with no network.

Every response record goes through :func:`archive.ingest.ingest_response`, the function the
live crawl uses, so a replay of a crawl's WARCs into an empty database gives the crawl's rows.
Re-running is harmless: rows are keyed by WARC record and forum ids. A revisit record (a page
unchanged since an earlier capture, or a 304) becomes a capture row pointing at the original,
as in the live crawl. A torn file is replayed up to the tear (``forum-archiver warc repair``
trims it).

Records are replayed in capture order across files (:func:`responses_in_capture_order`), not
file after file: post revisions and deletion marks depend on captures arriving in time order, and
the WARC files of several crawl workers cover the same hours. A single crawl's files, rotated in
time, replay exactly as they did file after file.

Records are parsed by ``jobs`` worker processes (``archive.parse_pool``) while this process
stores the results in capture order; into an empty database the full-text indexes and repost
links are made once at the end (``archive.bulk_load``). Both give the rows of a record-by-record
replay (``jobs=1`` into a database that has rows): ``docs/replay.md``, "Rebuilding fast".
"""

from __future__ import annotations

import heapq
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from archive import bulk_load
from archive.database import checkpoint, open_archive
from archive.ingest import store_response
from archive.parse_pool import DEFAULT_JOBS, Parser
from archive.warc_reader import ArchivedResponse, WarcReadError, iter_responses

BATCH_SIZE = 100  # captures a transaction: commits cost more than a page's rows
CACHE_KIB = 65536  # SQLite page cache of a replay (64 MiB; SQLite's default is 2 MiB)


@dataclass
class ReplayStats:
    files: int = 0
    records: int = 0
    pages: int = 0
    posts: int = 0
    blocked: int = 0
    unsupported: int = 0
    revisits: int = 0  # revisit records (same payload as before, or 304): capture rows only
    worker_deaths: int = 0  # records whose parse worker process died (stored as unsupported)
    errors: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def progress_line(self) -> str:
        rate = self.pages / self.elapsed if self.elapsed > 0 else 0.0
        return (f"{self.records} records, {self.pages} pages ({rate:.1f} pages/s), "
                f"{self.posts} posts, {len(self.errors)} errors")

    def summary(self) -> str:
        lines = [
            f"replayed {self.files} WARC file(s) in {self.elapsed:.1f}s",
            f"  response records: {self.records}",
            f"  thread pages:     {self.pages} ({self.posts} posts)",
            f"  revisits/304s:    {self.revisits}",
            f"  blocked pages:    {self.blocked}",
            f"  not parsed/unsupported: {self.unsupported}",
        ]
        return "\n".join(lines + error_lines(self.errors))


def error_lines(errors: list[str], shown: int = 20) -> list[str]:
    """The summary's error lines (replay's and merge's): the count, then the first ``shown``."""
    lines = [f"  errors:           {len(errors)}", *(f"    - {error}" for error in errors[:shown])]
    if len(errors) > shown:
        lines.append(f"    ... and {len(errors) - shown} more")
    return lines


def replay(paths: Iterable[str], db_path: str, engine: str | None = None,
           progress: Callable[[ReplayStats], None] | None = None, progress_every: int = 200,
           batch_size: int = BATCH_SIZE, jobs: int = DEFAULT_JOBS, bulk: bool = True) -> ReplayStats:
    """Re-parse every response in ``paths`` into the database at ``db_path``.

    :param progress: called every ``progress_every`` records with the running stats
    :param batch_size: captures committed together (see :class:`Batch`), and at each file's end
    :param jobs: parse worker processes (``archive.parse_pool``); 1 parses in this process
    :param bulk: load an empty archive in bulk (``archive.bulk_load``); False stores it row by
        row, as into an archive with rows (the rows are the same: for tests and benchmarks).
        A bulk load cut short is finished in bulk whatever this says.
    Records go in capture order across files (:func:`responses_in_capture_order`). An unreadable
    file is reported in ``stats.errors`` when reading reaches the break, after its readable
    records are stored; the other files go on.
    """
    db = open_archive(db_path)
    # The WARCs are the source of truth: a commit lost to a power cut is redone by replaying
    # again, so replay does not wait for each commit to reach the disk (WAL stays consistent).
    db.execute("PRAGMA synchronous=NORMAL")
    # Indexes are written all over as the archive grows: a bigger page cache saves re-reading them.
    db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    paths = list(paths)
    stats = ReplayStats(files=len(paths))
    batch = Batch(db, batch_size)
    try:
        in_bulk = bulk_load.start(db, begin=bulk)
        with Parser(engine, jobs) as parser:
            # Each file's records are committed as the file ends (a torn file: at its tear), as
            # when files were replayed one after the other.
            for item, result in parser.parsed(_with_file_ends(paths, stats.errors)):
                if isinstance(item, FileEnd):
                    batch.commit()
                    continue
                batch.begin()
                stats.records += 1
                stats.revisits += item.is_revisit
                _count(stats, store_response(db, item, result, link_reposts=not in_bulk), item.url)
                batch.done()
                if progress and stats.records % progress_every == 0:
                    progress(stats)
            batch.commit()
            stats.worker_deaths = len(parser.worker_deaths)
            stats.errors.extend(parser.worker_deaths)
            if in_bulk:
                bulk_load.finish(db, mapper=parser.map)
    finally:
        batch.commit()
        try:
            checkpoint(db)  # the rebuilt .db file alone holds every row (no -wal beside it)
        finally:
            db.close()
    return stats


@dataclass(frozen=True)
class FileEnd:
    """In the stream of records: every record of this file was handed over before this."""

    path: str


def _with_file_ends(paths: list[str], errors: list[str]) -> Iterator[ArchivedResponse | FileEnd]:
    """:func:`responses_in_capture_order` with a :class:`FileEnd` after each file's last record.

    Why markers rather than its ``on_file_end`` callback: records are parsed ahead of the writer,
    so the callback fires before the file's last records are stored; the marker reaches the
    writer right after them, where the file's records are committed."""
    ended: list[str] = []
    for response in responses_in_capture_order(paths, errors, on_file_end=ended.append):
        yield from (FileEnd(str(path)) for path in ended)
        ended.clear()
        yield response
    yield from (FileEnd(str(path)) for path in ended)


def responses_in_capture_order(paths: Iterable[str | os.PathLike], errors: list[str],
                               on_file_end: Callable[[str | os.PathLike], None] | None = None
                               ) -> Iterator[ArchivedResponse]:
    """Every response and revisit record of the WARC files ``paths``, in capture order across files.

    Why: ``archive.store`` keeps post revisions and deletion marks right only when captures arrive
    in time order, and the files of parallel crawl workers interleave in time. The order is that of
    :func:`heapq.merge` over the files' streams keyed on ``captured_at``: records of one file keep
    their file order, ties go to the file given first, and a crawl's rotated files (one after the
    other in time) come out one file after the other, as before. Replay and ``forum-archiver merge``
    (``archive.merge``) both read through this function, so both store captures in the same order.

    A file is opened only when the merge reaches the time of its first capture (read by a first
    look at the file), so an archive of thousands of rotated files does not hold them all open at
    once (file handles, gzip buffers); the order is still heapq.merge's over all of them.

    :param errors: a file that cannot be read to its end adds its error here when the merge
        reaches the break, after its readable records were yielded; the other files go on
    :param on_file_end: called with a file's path once its stream is done (its last record
        handled, or its error added), before any other record is read: replay commits there, so
        what a file held is stored whole, as when files were replayed one after the other
    """
    waiting = []
    for index, path in enumerate(paths):
        first = _first_capture_time(path, errors)
        if first is not None:
            waiting.append((first, index, path))
    waiting.sort(key=lambda entry: entry[:2], reverse=True)  # popped from the end: earliest first
    heap: list[tuple] = []  # (capture time, file index, response, path, the file's stream): one per open file
    while heap or waiting:
        while waiting and (not heap or waiting[-1][0] <= heap[0][0]):
            _, index, path = waiting.pop()
            _push_next(heap, index, path, _file_stream(path, errors), on_file_end)
        _, index, response, path, stream = heapq.heappop(heap)
        yield response
        _push_next(heap, index, path, stream, on_file_end)


def _push_next(heap: list[tuple], index: int, path, stream: Iterator[ArchivedResponse],
               on_file_end: Callable | None) -> None:
    """Put the next record of file ``index`` on the heap, or say the file is done."""
    response = next(stream, None)
    if response is not None:
        heapq.heappush(heap, (_capture_time(response), index, response, path, stream))
    elif on_file_end is not None:
        on_file_end(path)


def _file_stream(path: str | os.PathLike, errors: list[str]) -> Iterator[ArchivedResponse]:
    """One file's records; a read error ends the stream and is added to ``errors``."""
    try:
        yield from iter_responses(path)
    except WarcReadError as exc:
        errors.append(str(exc))
    except OSError as exc:
        errors.append(f"{path}: {exc}")


def _first_capture_time(path: str | os.PathLike, errors: list[str]) -> datetime | None:
    """The capture time of the file's first record, or None when it has none (or cannot be read:
    the error is added to ``errors``, and the file is left out)."""
    stream = _file_stream(path, errors)
    try:
        first = next(stream, None)
    finally:
        stream.close()
    return None if first is None else _capture_time(first)


def _capture_time(response: ArchivedResponse) -> datetime:
    """The sort key: the capture time, a time without zone taken as UTC (an aware and a naive time
    cannot be compared), a missing one first."""
    value = response.captured_at
    if value is None:
        return datetime.min.replace(tzinfo=timezone.utc)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class Batch:
    """One transaction for every ``size`` captures instead of one each.

    Why: a commit costs more than writing a page's rows, and replay writes nothing but what the
    WARCs hold. Each capture is still all-or-nothing (``store_capture`` writes it inside a
    savepoint), what was stored before a torn record or an error is committed, and a replay
    killed mid-batch loses only uncommitted captures, which the next replay writes again.
    """

    def __init__(self, db, size: int) -> None:
        self.db, self.size, self.pending = db, max(size, 1), 0

    def begin(self) -> None:
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN IMMEDIATE")  # waits its turn behind a crawl writing the same archive

    def done(self) -> None:
        self.pending += 1
        if self.pending >= self.size:
            self.commit()

    def commit(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")
        self.pending = 0


def _count(stats: ReplayStats, result, url: str) -> None:
    if result is None:
        return
    if result.kind == "thread_page":
        stats.pages += 1
        stats.posts += len(result.posts)
        stats.errors.extend(f"{url}: {error}" for error in result.errors)
    elif result.kind == "blocked":
        stats.blocked += 1
    else:
        stats.unsupported += 1
