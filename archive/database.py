"""The archive database: its schema, and connections that wait their turn for the write lock.

Every process that writes the archive (crawls, replays, ``check``) opens it here: the schema is
brought up to date under the write lock, and writes go through :func:`write_transaction`, which
takes the lock at its start, so overlapping runs queue behind each other for
``busy_timeout`` seconds instead of failing. Table-by-table documentation: ``docs/database.md``.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from archive.search import search_extra

SCHEMA_VERSION = 11

# Tables and columns; sqlite-utils creates them, foreign keys and indexes come after.
TABLES = {
    "sites": ({"id": str, "engine": str}, "id"),
    "captures": ({
        "id": str, "url": str, "status": int, "captured_at": str, "warc_file": str,
        "warc_offset": int, "warc_length": int, "payload_digest": str, "content_type": str,
        "ip_address": str, "site_id": str, "kind": str, "engine": str, "thread_id": str,
        "page": int, "reason": str, "errors": str, "etag": str, "last_modified": str, "refers_to": str,
    }, "id"),
    "threads": ({
        "id": str, "site_id": str, "native_id": str, "title": str, "url": str, "forum": str,
        "page_count": int, "reply_count": int, "starter_id": str, "started_at": str, "tags": str, "vanished_at": str,
        "capture_id": str,
        "captured_at": str,
    }, "id"),
    "authors": ({"id": str, "site_id": str, "native_id": str, "name": str, "url": str}, "id"),
    "posts": ({
        "id": str, "site_id": str, "native_id": str, "thread_id": str, "author_id": str,
        "author_name": str, "position": int, "page": int, "position_on_page": int, "url": str,
        "published_at": str, "edited_at": str, "edited_by": str, "text": str, "html": str,
        "links": str, "images": str, "attachments": str, "news_repost": int, "comment": str, "embeds": str,
        "deleted_at": str, "deleted_capture_id": str,
        "capture_id": str, "captured_at": str, "search_extra": str,
    }, "id"),
    "quotes": ({
        "id": str, "post_id": str, "parent_id": str, "depth": int, "position": int,
        "quoted_author": str, "quoted_author_id": str, "quoted_post_id": str,
        "quoted_thread_id": str, "quoted_at": str, "citation": str, "text": str, "search_extra": str,
    }, "id"),
    "reactions": ({"post_id": str, "name": str, "count": int}, ("post_id", "name")),
    "articles": ({
        "id": str, "url": str, "canonical_url": str, "site": str, "language": str, "title": str,
        "summary": str, "authors": str, "publisher": str, "published_at": str, "published_utc": str,
        "updated_at": str, "section": str,
        "tags": str, "text": str, "blocks": str, "images": str, "capture_id": str, "captured_at": str,
        "search_extra": str,
    }, "id"),
    "post_revisions": ({
        "id": str, "post_id": str, "text": str, "html": str, "edited_at": str, "edited_by": str,
        "capture_id": str, "captured_at": str, "replaced_by_capture": str, "replaced_at": str,
    }, "id"),
    "reposts": ({
        "id": str, "post_id": str, "position": int, "headline": str, "outlet": str, "dateline": str,
        "date_text": str, "published_at": str, "byline": str, "url": str, "text": str,
        "article_id": str, "similarity": float, "group_id": str, "search_extra": str,
    }, "id"),
    "shingles": ({"kind": str, "owner_id": str, "hash": int}, ("kind", "owner_id", "hash")),
    "article_captures": ({
        "article_id": str, "capture_id": str, "page_url": str, "main": int, "position": int,
    }, ("article_id", "capture_id")),
    "crawl_runs": ({
        "id": str, "spider": str, "started_at": str, "finished_at": str, "finish_reason": str,
        "warc_files": str, "stats": str,
    }, "id"),
}
FOREIGN_KEYS = [
    ("captures", "site_id", "sites", "id"),
    ("threads", "site_id", "sites", "id"),
    ("threads", "capture_id", "captures", "id"),
    ("threads", "starter_id", "authors", "id"),
    ("authors", "site_id", "sites", "id"),
    ("posts", "site_id", "sites", "id"),
    ("posts", "thread_id", "threads", "id"),
    ("posts", "author_id", "authors", "id"),
    ("posts", "capture_id", "captures", "id"),
    ("quotes", "post_id", "posts", "id"),
    ("quotes", "parent_id", "quotes", "id"),
    ("reactions", "post_id", "posts", "id"),
    ("articles", "capture_id", "captures", "id"),
    ("reposts", "post_id", "posts", "id"),
    ("post_revisions", "post_id", "posts", "id"),
    ("reposts", "article_id", "articles", "id"),
    ("article_captures", "article_id", "articles", "id"),
    ("article_captures", "capture_id", "captures", "id"),
]
INDEXES = [
    ("captures", ["url"]), ("captures", ["warc_file", "warc_offset"]), ("captures", ["thread_id"]),
    ("captures", ["payload_digest"]),
    ("posts", ["thread_id", "position"]), ("posts", ["author_id"]), ("posts", ["published_at"]),
    ("posts", ["capture_id"]), ("quotes", ["post_id"]), ("quotes", ["quoted_author"]),
    ("threads", ["site_id"]),
    ("articles", ["site"]), ("articles", ["published_utc"]), ("article_captures", ["capture_id"]),
    ("reposts", ["post_id"]), ("post_revisions", ["post_id"]), ("reposts", ["article_id"]), ("reposts", ["group_id"]), ("shingles", ["kind", "hash"]),
]
# Indexes on an expression (name, table, expression). A thread is looked up by its address without
# a trailing slash (``archive.completeness.resume_url``, ``archive.store.thread_state``: where each
# thread of a crawl reads on from, whether a listed thread changed): without this index every
# lookup read the whole threads table (1.3 ms a lookup at 20,000 threads, 0.004 ms with it).
EXPRESSION_INDEXES = [("idx_threads_url_trimmed", "threads", "rtrim(url, '/')")]
# Full-text search, kept in step by triggers. ``search_extra`` holds the other forms of the
# row's Arabic words (archive/search.py), so a search finds them with their prefixes too.
FULL_TEXT = {"posts": ["text", "author_name", "search_extra"], "quotes": ["text", "quoted_author", "search_extra"],
             "articles": ["title", "text", "search_extra"], "reposts": ["headline", "text", "outlet", "search_extra"]}
# bm25 weight of each FULL_TEXT column, in the same order: a title or headline naming the searched
# word says more about an article than one mention in its body, and an outlet's name more about a
# repost. Kept in each index's ``rank`` option (FTS5 stores it in the table), so ``ORDER BY rank``
# weighs columns alike in every program: ``sqlite-utils search``, Datasette, ``forum-archiver search``.
RANK_WEIGHTS = {"posts": (1.0, 1.0, 1.0), "quotes": (1.0, 1.0, 1.0), "articles": (10.0, 1.0, 1.0),
                "reposts": (10.0, 1.0, 5.0, 1.0)}
# Which columns each table's ``search_extra`` is computed from.
SEARCH_SOURCES = {"posts": ("text",), "quotes": ("text",), "articles": ("title", "text"),
                  "reposts": ("headline", "text")}
# Each post's images and attachments (the JSON lists in posts.images and posts.attachments), one
# row each, with the capture that holds it: the newest capture of that exact URL that answered 200
# (for a revisit, the record it refers to holds the bytes). capture_id is null when the picture was
# not archived (off-site, over a cap, or failed: crawl_errors says which). A view, not a table, so
# it is always in step with the posts and the captures, and a replay rebuilds it by itself.
VIEWS = {
    "post_media": """
select media.post_id, media.thread_id, media.kind, media.url, media.label,
       (select c.id from captures c where c.url = media.url and c.status = 200
        order by c.captured_at desc limit 1) as capture_id
from (
  select posts.id as post_id, posts.thread_id, 'image' as kind, json_extract(item.value, '$.url') as url,
         json_extract(item.value, '$.alt') as label
  from posts, json_each(posts.images) as item where json_valid(posts.images)
  union all
  select posts.id, posts.thread_id, 'attachment', json_extract(item.value, '$.url'),
         json_extract(item.value, '$.name')
  from posts, json_each(posts.attachments) as item where json_valid(posts.attachments)
) as media""",
}
# Tables that describe a crawl run rather than the archive: left out when comparing databases.
RUN_METADATA_TABLES = ("crawl_runs", "crawl_errors")


# Seconds a connection waits for another one's write lock before "database is locked"; crawls
# that overlap on one archive take turns. crawler/settings.py ARCHIVE_DB_BUSY_TIMEOUT is the setting.
DEFAULT_BUSY_TIMEOUT = 60.0


class ArchiveLocked(sqlite3.OperationalError):
    """The archive stayed locked by another process for the whole busy timeout."""


def open_archive(path: str, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> sqlite_utils.Database:
    """Open (creating if needed) the archive database at ``path`` with the current schema.

    Raises :class:`ArchiveLocked` when another process holds the write lock past ``busy_timeout``
    seconds (two crawls creating one new archive at once simply take turns)."""
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=busy_timeout))
    try:
        with explain_lock(path, busy_timeout):
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            ensure_schema(db)
    except BaseException:
        db.close()
        raise
    return db


def open_readonly(path: str | None) -> sqlite3.Connection | None:
    """A read-only connection to the archive at ``path`` (rows as ``sqlite3.Row``), or None when
    there is no archive there yet. For lookups made while a crawl writes (which requests are
    conditional, which requisites are archived already): never a writer, never a lock holder."""
    if not path or not Path(path).exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    connection.row_factory = sqlite3.Row
    return connection


def checkpoint(db: sqlite_utils.Database, wait: float = 5.0) -> bool:
    """Copy the write-ahead log into the database file and empty it (``wal_checkpoint(TRUNCATE)``).

    Why: in WAL mode committed rows sit in ``archive.db-wal`` until a checkpoint; a user who copies
    ``archive.db`` alone after a crawl would get an empty archive. Crawls, replays and the demo call
    this as they end, so the ``.db`` file holds everything.

    :param wait: seconds to wait for another process's readers and writer (an overlapping crawl)
        before giving up; that process checkpoints in its turn when it ends
    :return: whether the whole log was copied and emptied
    """
    (previous,) = db.execute("PRAGMA busy_timeout").fetchone()
    db.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
    try:
        (busy, _, _) = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        db.execute(f"PRAGMA busy_timeout={previous}")
    return busy == 0


@contextmanager
def explain_lock(path: str, busy_timeout: float):
    """Turn SQLite's bare "database is locked" into :class:`ArchiveLocked` naming the file."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise ArchiveLocked(f"the archive {path} stayed locked by another process for "
                                f"{busy_timeout:g} s (ARCHIVE_DB_BUSY_TIMEOUT): {exc}") from exc
        raise


@contextmanager
def write_transaction(db: sqlite_utils.Database):
    """A write transaction that takes the write lock at once (``BEGIN IMMEDIATE``), or a savepoint
    inside one already open.

    Why not ``db.atomic()``: its deferred ``BEGIN`` reads first, and in WAL mode a transaction whose
    snapshot another process outdated fails at its first write with "database is locked" at once,
    without waiting for the busy timeout. ``BEGIN IMMEDIATE`` waits its turn instead."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    db.conn.execute("COMMIT")


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Bring the database to the current schema: every step only adds what is missing, so an
    empty database and one of an older version (``PRAGMA user_version``) end up alike. The check is
    made again under the write lock: another process may have built the schema meanwhile."""
    if _schema_current(db):
        return
    with write_transaction(db):
        if _schema_current(db):
            return
        for name, (columns, pk) in TABLES.items():
            table = db[name]
            if not table.exists():
                table.create(columns, pk=pk, not_null={c for c in ([pk] if isinstance(pk, str) else pk)})
                continue
            present = table.columns_dict
            for column, kind in columns.items():
                if column not in present:
                    table.add_column(column, kind)
        for table, column, other, other_column in FOREIGN_KEYS:
            db[table].add_foreign_key(column, other, other_column, ignore=True)
        for table, columns in INDEXES:
            db[table].create_index(columns, if_not_exists=True)
        for name, table, expression in EXPRESSION_INDEXES:
            db.execute(f"create index if not exists [{name}] on [{table}]({expression})")
        for table, columns in FULL_TEXT.items():
            _backfill_search_extra(db, table)
            if not db[table].detect_fts() or _fts_columns(db, table) != columns:
                # New, or built by an older schema over other columns: (re)built from the rows.
                enable_full_text(db, table)
            elif full_text_rank(db, table) != rank_function(table):
                set_full_text_rank(db, table)
        for name, sql in VIEWS.items():
            db.create_view(name, sql.strip(), replace=True)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def enable_full_text(db: sqlite_utils.Database, table: str) -> None:
    """(Re)create ``table``'s FTS5 index (``<table>_fts`` over :data:`FULL_TEXT` columns, porter
    tokenizer), built from the rows already there, with the triggers that keep it in step and its
    ranking (:data:`RANK_WEIGHTS`).

    Why public: a bulk load (a replay into an empty archive) can drop the index, write the rows
    without paying for the triggers, and build the index once at the end by calling this."""
    if db[table].detect_fts():
        db[table].disable_fts()
    db[table].enable_fts(FULL_TEXT[table], create_triggers=True, tokenize="porter")
    set_full_text_rank(db, table)


def rank_function(table: str) -> str:
    """The ``rank`` option of ``table``'s index: bm25 with the table's column weights."""
    return f"bm25({', '.join(f'{weight:.1f}' for weight in RANK_WEIGHTS[table])})"


def full_text_rank(db: sqlite_utils.Database, table: str) -> str | None:
    """The ``rank`` option stored in ``table``'s index, or None when it has the default (plain bm25)."""
    row = db.execute(f"select v from [{table}_fts_config] where k = 'rank'").fetchone()
    return row[0] if row else None


def set_full_text_rank(db: sqlite_utils.Database, table: str) -> None:
    """Store :func:`rank_function` as the ``rank`` of ``table``'s index (FTS5's own ``rank`` option)."""
    db.execute(f"insert into [{table}_fts]([{table}_fts], rank) values ('rank', ?)", [rank_function(table)])


def _schema_current(db: sqlite_utils.Database) -> bool:
    return db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION and db["posts"].exists()


def _fts_columns(db: sqlite_utils.Database, table: str) -> list[str]:
    return [column.name for column in db[f"{table}_fts"].columns]


def _backfill_search_extra(db: sqlite_utils.Database, table: str) -> None:
    """Fill ``search_extra`` of rows written before the column existed (none on a new database)."""
    sources = SEARCH_SOURCES[table]
    rows = db.execute(f"select rowid, {', '.join(sources)} from [{table}] where search_extra is null").fetchall()
    updates = [(extra, rowid) for rowid, *texts in rows if (extra := search_extra(*texts))]
    db.conn.executemany(f"update [{table}] set search_extra = ? where rowid = ?", updates)
