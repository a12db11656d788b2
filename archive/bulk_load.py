"""Loading an empty archive in bulk: full-text indexes and repost links made once, at the end.

Why: a replay into an empty database writes every row once, and per row the full-text triggers
re-index its text and :mod:`archive.reposts` looks up and links its reposts. Done once at the end
(each index built from the rows by :func:`archive.database.enable_full_text`, the schema's own
set-up, and every repost linked by :func:`archive.repost_links.link_all`), the rows are the same and
the work is a fraction.

A load cut short (killed, a power cut) leaves the ``bulk_load`` table, and the full-text indexes
dropped or lagging: the database is consistent (every committed capture whole), only searching
and repost links wait. The next replay sees the table, goes on in bulk, and finishes it: indexes
rebuilt from every row, every repost linked, table dropped last. Until then nothing else should
write the archive (a crawl's rows would not be linked or indexed), so run the replay again first;
``forum-archiver check`` reports the unfinished load (exit status 1) until then.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from archive.database import FULL_TEXT, enable_full_text, write_transaction
from archive.fts_build import FullTextBuild
from archive.repost_links import Linking

MARKER = "bulk_load"  # the table that says a bulk load is under way


def start(db: sqlite_utils.Database, begin: bool = True) -> bool:
    """Begin a bulk load when the archive is empty (and ``begin``), or resume one cut short;
    returns whether the caller stores in bulk (``link_reposts=False``) and must call :func:`finish`.

    Beginning drops the full-text indexes with their triggers, so rows go in without them."""
    with write_transaction(db):
        if db[MARKER].exists():
            return True
        if not begin or db.execute("select 1 from captures limit 1").fetchone():
            return False
        db.execute(f"create table [{MARKER}] (started integer)")
        for table in FULL_TEXT:
            if db[table].detect_fts():
                db[table].disable_fts()
    return True


def finish(db: sqlite_utils.Database, mapper: Callable | None = None) -> None:
    """Index and link every repost and article (:class:`archive.repost_links.Linking`, hashing
    through ``mapper``), build every full-text index from its rows, and drop the marker last: a cut
    at any point leaves the marker, and the next replay does all of it again.

    The full-text indexes are built from the committed rows by a second connection in a thread
    (:class:`archive.fts_build.FullTextBuild`) while this one links, so the two use both CPUs, and
    go into the archive once the links are written (the links change no indexed column). An
    archive with no file (in memory) builds them here, one after the other."""
    if db.conn.in_transaction:
        db.conn.commit()  # the rows the indexes are built from
    path = _file_of(db)
    if path is None:
        _link(db, mapper)
        for table in FULL_TEXT:
            _index(db, table)
    else:
        with FullTextBuild(path) as indexes:
            _link(db, mapper)
            indexes.install()
    with write_transaction(db):
        db.execute(f"drop table [{MARKER}]")


def _link(db: sqlite_utils.Database, mapper: Callable | None) -> None:
    linking = Linking(db, mapper)  # writes only temp tables
    if db.conn.in_transaction:
        db.conn.commit()
    with write_transaction(db):
        linking.finish()


def _file_of(db: sqlite_utils.Database) -> str | None:
    """The archive's file, or None for a database in memory."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return file or None
    return None


def _index(db: sqlite_utils.Database, table: str) -> None:
    enable_full_text(db, table)  # sqlite-utils commits as it goes: not inside one transaction
    if db.conn.in_transaction:
        db.conn.commit()
