"""Rebuilding the database from WARC files alone, with no network.

Every response record goes through :func:`archive.ingest.ingest_response`, the function the
live crawl uses, so a replay of a crawl's WARCs into an empty database gives the crawl's rows.
Re-running is harmless: rows are keyed by WARC record and forum ids. A revisit record (a page
unchanged since an earlier capture, or a 304) becomes a capture row pointing at the original,
as in the live crawl. A torn file is replayed up to the tear (``forum-archiver warc repair``
trims it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from archive.ingest import ingest_response
from archive.database import checkpoint, open_archive
from archive.warc_reader import WarcReadError, iter_responses

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
            f"  errors:           {len(self.errors)}",
        ]
        lines.extend(f"    - {error}" for error in self.errors[:20])
        if len(self.errors) > 20:
            lines.append(f"    ... and {len(self.errors) - 20} more")
        return "\n".join(lines)


def replay(paths: Iterable[str], db_path: str, engine: str | None = None,
           progress: Callable[[ReplayStats], None] | None = None, progress_every: int = 200,
           batch_size: int = BATCH_SIZE) -> ReplayStats:
    """Re-parse every response in ``paths`` into the database at ``db_path``.

    :param progress: called every ``progress_every`` records with the running stats
    :param batch_size: captures committed together (see :class:`_Batch`)
    An unreadable file is reported in ``stats.errors`` after its readable records are stored.
    """
    db = open_archive(db_path)
    # The WARCs are the source of truth: a commit lost to a power cut is redone by replaying
    # again, so replay does not wait for each commit to reach the disk (WAL stays consistent).
    db.execute("PRAGMA synchronous=NORMAL")
    # Indexes are written all over as the archive grows: a bigger page cache saves re-reading them.
    db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    stats = ReplayStats()
    batch = _Batch(db, batch_size)
    try:
        for path in paths:
            stats.files += 1
            try:
                for response in iter_responses(path):
                    batch.begin()
                    stats.records += 1
                    stats.revisits += response.is_revisit
                    _count(stats, ingest_response(db, response, engine=engine), response.url)
                    batch.done()
                    if progress and stats.records % progress_every == 0:
                        progress(stats)
            except WarcReadError as exc:
                stats.errors.append(str(exc))
            except OSError as exc:
                stats.errors.append(f"{path}: {exc}")
            batch.commit()  # a file's records are stored before the next file (or its error) is read
    finally:
        batch.commit()
        try:
            checkpoint(db)  # the rebuilt .db file alone holds every row (no -wal beside it)
        finally:
            db.close()
    return stats


class _Batch:
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
