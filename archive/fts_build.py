"""Full-text indexes of a bulk load built beside the archive, in a thread, while the writer links.

Why: at the end of a replay into an empty archive (``archive.bulk_load``) the writer builds every
full-text index from its rows and links the reposts. Both are single-threaded SQLite work, and while
they ran one after the other the replay's second CPU idled (issue 19). SQLite lets one connection at
a time write a database file, so a second connection builds the indexes into a scratch database of
its own (a private temporary file, which SQLite deletes when the connection closes), reading the
archive's committed rows, while the writer links reposts in the archive; then the indexes' FTS5
tables are copied into the archive in one transaction. SQLite releases Python's lock while it
works, so the thread runs on the other CPU.

The copy is the index :func:`archive.database.enable_full_text` builds: FTS5's own tables
(``<table>_fts_data``, ``_idx``, ``_docsize``, ``_config``), made by the same SQLite from the same
rows in rowid order under the same definition, then its ``rank`` set; the definition and the
triggers installed are the statements ``enable_full_text`` runs, read from an empty in-memory copy
of the table. ``tests/test_replay_bulk.py`` checks the indexes (FTS5's integrity check, matches,
definitions, configuration) against those of a record-by-record replay.
"""

from __future__ import annotations

import sqlite3
import threading

import sqlite_utils

from archive.database import DEFAULT_BUSY_TIMEOUT, FULL_TEXT, enable_full_text, rank_function

SCRATCH = "fts_build"  # the scratch database's name on the building connection


class FullTextBuild:
    """Builds the full-text indexes of ``tables`` from the committed rows of the archive file at
    ``path`` in a thread; :meth:`install` waits for it and puts them in the archive. A context
    manager: leaving it waits for the thread and closes its connection (the scratch file goes)."""

    def __init__(self, path: str, tables=tuple(FULL_TEXT), busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        self.tables = list(tables)
        self.statements = {table: definition(table) for table in self.tables}
        self.conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._build, name="full-text-build", daemon=True)
        self.thread.start()

    def __enter__(self) -> FullTextBuild:
        return self

    def __exit__(self, *exc_info) -> None:
        self.thread.join()
        self.conn.close()

    def install(self) -> None:
        """Wait for the build, then replace each table's index and triggers in the archive with
        the built ones, all in one transaction (taken at once: it waits its turn for the lock)."""
        self.thread.join()
        if self.error is not None:
            raise self.error
        conn, archive = self.conn, sqlite_utils.Database(self.conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in self.tables:
                if archive[table].detect_fts():
                    archive[table].disable_fts()
                fts_sql, triggers = self.statements[table]
                conn.execute(fts_sql)
                for shadow in _shadow_tables(conn, f"{table}_fts"):
                    conn.execute(f"delete from main.[{shadow}]")
                    conn.execute(f"insert into main.[{shadow}] select * from {SCRATCH}.[{shadow}]")
                for trigger in triggers:
                    conn.execute(trigger)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _build(self) -> None:
        conn = self.conn
        try:
            conn.execute(f"attach '' as {SCRATCH}")
            conn.execute("BEGIN")  # one snapshot of the archive for every index
            for table in self.tables:
                fts_sql, _ = self.statements[table]
                conn.execute(_in_scratch(fts_sql))
                columns = ", ".join(f"[{column}]" for column in FULL_TEXT[table])
                conn.execute(f"insert into {SCRATCH}.[{table}_fts] (rowid, {columns}) "
                             f"select rowid, {columns} from main.[{table}]")
                conn.execute(f"insert into {SCRATCH}.[{table}_fts] ([{table}_fts], rank) values ('rank', ?)",
                             [rank_function(table)])
            conn.execute("COMMIT")
        except BaseException as exc:  # handed to install(), in the writer's thread
            self.error = exc
            if conn.in_transaction:
                conn.execute("ROLLBACK")


def definition(table: str) -> tuple[str, list[str]]:
    """The statements :func:`archive.database.enable_full_text` runs for ``table``: its FTS5 table's
    and its triggers', read from an empty in-memory table of the same name and indexed columns."""
    empty = sqlite_utils.Database(memory=True)
    try:
        empty[table].create({column: str for column in FULL_TEXT[table]})
        enable_full_text(empty, table)
        fts_sql = empty.execute("select sql from sqlite_master where name = ?", [f"{table}_fts"]).fetchone()[0]
        triggers = [sql for (sql,) in empty.execute(
            "select sql from sqlite_master where type = 'trigger' and tbl_name = ? order by name", [table])]
    finally:
        empty.close()
    return fts_sql, triggers


def _in_scratch(fts_sql: str) -> str:
    """The FTS5 table's statement, creating it in the scratch database."""
    start = "CREATE VIRTUAL TABLE "
    if not fts_sql.startswith(start):
        raise ValueError(f"unexpected full-text definition: {fts_sql[:60]}")
    return f"{start}{SCRATCH}.{fts_sql[len(start):]}"


def _shadow_tables(conn: sqlite3.Connection, fts: str) -> list[str]:
    """FTS5's tables behind the index ``fts`` (``_data``, ``_idx``, ``_docsize``, ``_config``), as
    built in the scratch database."""
    return [name for (name,) in conn.execute(
        f"select name from {SCRATCH}.sqlite_master where type = 'table' and name glob ? order by name",
        [f"{fts}_*"])]
