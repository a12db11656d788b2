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
from archive.store import open_archive
from archive.warc_reader import WarcReadError, iter_responses


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
           progress: Callable[[ReplayStats], None] | None = None, progress_every: int = 200) -> ReplayStats:
    """Re-parse every response in ``paths`` into the database at ``db_path``.

    :param progress: called every ``progress_every`` records with the running stats
    An unreadable file is reported in ``stats.errors`` after its readable records are stored.
    """
    db = open_archive(db_path)
    stats = ReplayStats()
    try:
        for path in paths:
            stats.files += 1
            try:
                for response in iter_responses(path):
                    stats.records += 1
                    stats.revisits += response.is_revisit
                    _count(stats, ingest_response(db, response, engine=engine), response.url)
                    if progress and stats.records % progress_every == 0:
                        progress(stats)
            except WarcReadError as exc:
                stats.errors.append(str(exc))
            except OSError as exc:
                stats.errors.append(f"{path}: {exc}")
    finally:
        db.close()
    return stats


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
