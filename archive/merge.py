"""``forum-archiver merge``: the shard databases of crawl workers, into one archive.

In cluster mode each worker writes its own WARC files (one shared folder, the worker in the file
name) and its own SQLite shard (the archive's schema). Merging does not copy the shards' rows:
every capture a shard lists and the archive lacks is read back from its WARC record and stored
with :func:`archive.ingest.ingest_response`, the path the live crawl and replay take, so the
merged archive holds what a replay of those WARC files would give. Captures go in replay's order
(:func:`archive.replay.responses_in_capture_order`: capture time, then file, then place in the
file), all shards together: post revisions and deletion marks depend on that order.

Run metadata, which no WARC holds, is copied: ``crawl_runs`` rows by their id, ``crawl_errors``
rows by their content (the table's integer id is each database's own), so ``forum-archiver check``
sees the workers' errors. A second merge adds nothing.

Late arrivals: captures merged after newer captures of the same thread (a worker's shard merged
late) are stored but counted; revisions and deletion marks of those threads may then differ from
a replay in time order, which ``forum-archiver replay`` of all the WARC files rebuilds.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from archive.database import checkpoint, open_archive, write_transaction
from archive.errors import COLUMNS as ERROR_COLUMNS, TABLE as ERRORS_TABLE, ensure_errors_table
from archive.ingest import ingest_response
from archive.replay import BATCH_SIZE, Batch, error_lines, responses_in_capture_order

# Columns a shard's captures table must have: where each capture's WARC record is, and when.
SHARD_COLUMNS = {"id", "warc_file", "warc_offset", "captured_at", "thread_id"}
CHUNK = 500  # ids per "in (...)" lookup (SQLite's limit on parameters of one statement)


class MergeError(Exception):
    """A shard that cannot be merged at all (not an archive database, or the archive itself)."""


@dataclass
class ShardCapture:
    """A capture a shard lists and the archive lacks: where its record is, and for late arrivals
    its time and thread."""
    shard: str
    warc_file: str
    offset: int
    captured_at: str
    thread_id: str | None


@dataclass
class MergeSummary:
    db_path: str = ""
    shards: int = 0
    listed: int = 0  # captures the shards list (one listed by two shards counts twice)
    new: int = 0  # of them, not in the archive before this merge
    merged: int = 0  # stored from their WARC records
    files: int = 0  # WARC files read
    pages: int = 0
    posts: int = 0
    unlisted: int = 0  # records of the files read that no shard lists and the archive lacked: merged too
    late: int = 0  # merged captures older than a capture of their thread already in the archive
    late_threads: set[str] = field(default_factory=set)
    runs: int = 0  # crawl_runs rows added or updated
    crawl_errors: int = 0  # crawl_errors rows added
    errors: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def render(self) -> str:
        """The text summary ``forum-archiver merge`` prints."""
        lines = [
            f"merged {self.shards} shard(s) into {self.db_path} in {time.monotonic() - self.started:.1f}s",
            f"  captures listed:  {self.listed} ({self.listed - self.new} already in the archive)",
            f"  captures merged:  {self.merged} of {self.new}, from {self.files} WARC file(s)",
            f"  thread pages:     {self.pages} ({self.posts} posts)",
            f"  crawl runs:       {self.runs} added or updated",
            f"  crawl errors:     {self.crawl_errors} added",
        ]
        if self.unlisted:
            lines.append(f"  WARC records no shard lists: {self.unlisted}, merged from the WARC files "
                         "(a worker stopped between its WARC write and its database write)")
        if self.late:
            lines.append(f"  late arrivals:    {self.late} capture(s) of {len(self.late_threads)} thread(s) are older "
                         "than captures of the same thread merged before; their post revisions and deletion marks "
                         "may differ from a replay in time order: `forum-archiver replay` of all the WARC files "
                         "into an empty database rebuilds the exact order")
        return "\n".join(lines + error_lines(self.errors))


def merge_shards(shards: list[str | Path], db_path: str | Path, warc_dir: str | Path,
                 batch_size: int = BATCH_SIZE) -> MergeSummary:
    """Merge the shard databases ``shards`` into the archive at ``db_path`` (created if missing),
    reading their captures from the WARC files in ``warc_dir``.

    Raises :class:`MergeError` before writing anything when a shard is not an archive database.
    A missing WARC file, an unreadable one, or a capture not found in its file is an error in the
    summary; everything else is merged.
    """
    summary = MergeSummary(db_path=str(db_path), shards=len(shards))
    connections = _open_shards(shards, db_path)
    db = open_archive(str(db_path))
    # The shards and WARCs stay: a commit lost to a power cut is redone by merging again.
    db.execute("PRAGMA synchronous=NORMAL")
    try:
        wanted: dict[str, ShardCapture] = {}
        for name, shard in connections:
            summary.listed += _list_new_captures(db, name, shard, wanted)
        summary.new = len(wanted)
        _ingest_captures(db, wanted, Path(warc_dir), summary, batch_size)
        for name, shard in connections:
            with write_transaction(db):
                summary.runs += _copy_runs(db, shard)
                summary.crawl_errors += _copy_crawl_errors(db, shard)
    finally:
        for _, shard in connections:
            shard.close()
        try:
            checkpoint(db)  # the merged .db file alone holds every row (no -wal beside it)
        finally:
            db.close()
    return summary


def _open_shards(shards: list[str | Path], db_path: str | Path) -> list[tuple[str, sqlite3.Connection]]:
    """Every shard opened and checked before the archive is touched (a bad one closes the others)."""
    connections: list[tuple[str, sqlite3.Connection]] = []
    try:
        for path in shards:
            connections.append((str(path), open_shard(path, db_path)))
    except MergeError:
        for _, shard in connections:
            shard.close()
        raise
    return connections


def open_shard(path: str | Path, db_path: str | Path) -> sqlite3.Connection:
    """A read-only connection to a shard, checked to be an archive database other than the target.

    Read-only: a worker may still be crawling into it, and merging must never change it."""
    path = Path(path)
    if not path.is_file():
        raise MergeError(f"{path}: no such shard database")
    if path.resolve() == Path(db_path).resolve():
        raise MergeError(f"{path}: is the archive merged into, not a shard")
    try:
        shard = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        columns = {row[1] for row in shard.execute("pragma table_info(captures)")}
    except sqlite3.DatabaseError as exc:
        raise MergeError(f"{path}: not an archive database ({exc})") from exc
    if not SHARD_COLUMNS <= columns:
        shard.close()
        raise MergeError(f"{path}: not an archive database (no captures table with "
                         f"{', '.join(sorted(SHARD_COLUMNS))})")
    return shard


def _list_new_captures(db, name: str, shard: sqlite3.Connection, wanted: dict[str, ShardCapture]) -> int:
    """Add to ``wanted`` the shard's captures the archive lacks; returns how many it lists."""
    rows = shard.execute("select id, warc_file, warc_offset, captured_at, thread_id from captures")
    listed = 0
    while chunk := rows.fetchmany(CHUNK):
        listed += len(chunk)
        known = _known_ids(db, [row[0] for row in chunk])
        for capture_id, warc_file, offset, captured_at, thread_id in chunk:
            if capture_id not in known and capture_id not in wanted:
                # The file as the reader names it (a basename), looked for in the WARC folder.
                wanted[capture_id] = ShardCapture(name, Path(warc_file or "").name, offset, captured_at, thread_id)
    return listed


def _known_ids(db, ids: list[str]) -> set[str]:
    """Those of ``ids`` (at most CHUNK) the archive has a capture of."""
    marks = ",".join("?" * len(ids))
    return {row[0] for row in db.execute(f"select id from captures where id in ({marks})", ids)}


def _ingest_captures(db, wanted: dict[str, ShardCapture], warc_dir: Path, summary: MergeSummary,
                     batch_size: int) -> None:
    """Store the ``wanted`` captures from their WARC records, in replay's order over their files.

    Why whole files through replay's ordered stream rather than a seek to each offset: the order
    is then replay's by construction, and each record comes with its file's warcinfo (the parser
    the crawl forced, the news outlets), which a record read alone lacks."""
    by_file: dict[str, list[str]] = defaultdict(list)
    for capture_id, capture in wanted.items():
        by_file[capture.warc_file].append(capture_id)
    paths = []
    for name in sorted(by_file, key=replay_file_order):
        if (warc_dir / name).is_file():
            paths.append(warc_dir / name)
        else:
            shards = sorted({wanted[capture_id].shard for capture_id in by_file[name]})
            summary.errors.append(f"{name}: no such WARC file in {warc_dir} ({len(by_file[name])} capture(s) "
                                  f"listed by {', '.join(shards)} not merged)")
    summary.files = len(paths)
    newest = _newest_by_thread(db, {c.thread_id for c in wanted.values() if c.thread_id})
    pending = {capture_id for path in paths for capture_id in by_file[path.name]}
    batch = Batch(db, batch_size)
    try:
        for response in responses_in_capture_order(paths, summary.errors):
            if response.record_id in pending:
                pending.discard(response.record_id)
                _note_late(summary, wanted[response.record_id], newest)
            elif _known_ids(db, [response.record_id]):
                continue
            else:
                # Written to the WARC, but its shard's row was lost (a worker killed between the
                # two writes): the WARC is the record, so it is merged, as replay would store it.
                summary.unlisted += 1
            batch.begin()
            result = ingest_response(db, response)
            batch.done()
            summary.merged += 1
            if result is not None and result.kind == "thread_page":
                summary.pages += 1
                summary.posts += len(result.posts)
    finally:
        batch.commit()
    _report_not_found(summary, wanted, pending)


def replay_file_order(name: str) -> tuple[bool, str]:
    """The order ``forum-archiver replay FOLDER`` reads a folder's files in (``*.warc.gz`` by
    name, then ``*.warc``): ties of capture time go to the earlier file, as in replay."""
    return (not name.endswith(".warc.gz"), name)


def _newest_by_thread(db, thread_ids: set[str]) -> dict[str, str]:
    """The newest capture time of each of ``thread_ids`` in the archive before this merge."""
    newest: dict[str, str] = {}
    ids = sorted(thread_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        newest.update(db.execute(f"select thread_id, max(captured_at) from captures where thread_id in "
                                 f"({','.join('?' * len(chunk))}) group by thread_id", chunk).fetchall())
    return newest


def _note_late(summary: MergeSummary, capture: ShardCapture, newest: dict[str, str]) -> None:
    """Count a capture older than its thread's newest one merged before (a late arrival)."""
    before = newest.get(capture.thread_id) if capture.thread_id else None
    if before is not None and capture.captured_at < before:
        summary.late += 1
        summary.late_threads.add(capture.thread_id)


def _report_not_found(summary: MergeSummary, wanted: dict[str, ShardCapture], pending: set[str]) -> None:
    """One error per file for captures its shard lists that reading the file did not find."""
    missing: dict[str, list[ShardCapture]] = defaultdict(list)
    for capture_id in pending:
        missing[wanted[capture_id].warc_file].append(wanted[capture_id])
    for name, captures in sorted(missing.items()):
        first = min(capture.offset or 0 for capture in captures)
        shards = sorted({capture.shard for capture in captures})
        summary.errors.append(f"{name}: {len(captures)} capture(s) listed by {', '.join(shards)} not found in "
                              f"the file (the first at offset {first}), not merged")


def _shard_columns(shard: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in shard.execute(f"pragma table_info([{table}])")]


def _copy_runs(db, shard: sqlite3.Connection) -> int:
    """Copy the shard's ``crawl_runs`` rows by id; returns how many were added or updated.

    A row already there with other values (the run had not finished at an earlier merge) takes the
    shard's: the shard is the run's own record."""
    columns = [c for c in _shard_columns(shard, "crawl_runs") if c in db["crawl_runs"].columns_dict]
    if "id" not in columns:
        return 0
    names = ", ".join(f"[{c}]" for c in columns)
    changed = 0
    for row in shard.execute(f"select {names} from crawl_runs"):
        if db.execute(f"select {names} from crawl_runs where id = ?", [row[columns.index('id')]]).fetchone() != row:
            db["crawl_runs"].upsert(dict(zip(columns, row)), pk="id")
            changed += 1
    return changed


def _copy_crawl_errors(db, shard: sqlite3.Connection) -> int:
    """Copy the shard's ``crawl_errors`` rows the archive lacks; returns how many were added.

    A row is known by everything but its id (the run, URL, time to the microsecond, kind, status
    and detail), and each distinct row is copied as many times as the shard has it, less those
    already there: merging again, or merging a copy of the shard, adds nothing."""
    present = _shard_columns(shard, ERRORS_TABLE)
    if not present:
        return 0
    columns = [c for c in ERROR_COLUMNS if c != "id"]
    select = ", ".join(f"[{c}]" if c in present else "null" for c in columns)
    counts = Counter(shard.execute(f"select {select} from [{ERRORS_TABLE}]").fetchall())
    if not counts:
        return 0
    table = ensure_errors_table(db)
    match = " and ".join(f"[{c}] is ?" for c in columns)
    added = 0
    for row, count in counts.items():
        (have,) = db.execute(f"select count(*) from [{ERRORS_TABLE}] where {match}", row).fetchone()
        if count > have:
            table.insert_all([dict(zip(columns, row))] * (count - have))
            added += count - have
    return added
