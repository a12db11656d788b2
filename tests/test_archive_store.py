"""archive.store: the schema, and databases of an older version brought up to date."""

from __future__ import annotations

import sqlite_utils

from archive.database import open_archive, SCHEMA_VERSION, TABLES


def test_new_database_has_every_table_key_and_full_text_index(tmp_path):
    db = open_archive(str(tmp_path / "a.db"))
    for name, (columns, pk) in TABLES.items():
        assert set(columns) <= set(db[name].columns_dict), name
        assert db[name].pks == ([pk] if isinstance(pk, str) else list(pk)), name
    assert {fk.other_table for fk in db["posts"].foreign_keys} == {"sites", "threads", "authors", "captures"}
    assert db["posts"].detect_fts() and db["articles"].detect_fts()
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_older_database_gains_missing_tables_and_columns_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["posts"].insert({"id": "f.example/1", "text": "kept"}, pk="id")
    old["threads"].insert({"id": "f.example/9", "title": "old"}, pk="id")
    old.execute("PRAGMA user_version=1")
    old.close()
    db = open_archive(str(path))
    assert db["posts"].get("f.example/1")["text"] == "kept"
    assert "position_on_page" in db["posts"].columns_dict and "starter_id" in db["threads"].columns_dict
    assert db["articles"].exists() and db["article_captures"].exists()
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_the_database_folder_is_created(tmp_path):
    db = open_archive(str(tmp_path / "new" / "folder" / "a.db"))
    assert db["posts"].exists()


def test_a_capture_is_stored_whole_or_not_at_all(tmp_path, monkeypatch):
    """A failure half-way through a page (say, the process dies) must not leave the capture row
    without its posts: the next crawl would take the page as archived."""
    from datetime import datetime, timezone

    import archive.store as store
    from parsers.models import Author, PageResult, Post, Thread

    db = open_archive(str(tmp_path / "a.db"))
    post = Post(post_id="1", url=None, position=1, author=Author("ann"),
                published_at=datetime(2024, 1, 1, tzinfo=timezone.utc), text="hello", html="<p>hello</p>")
    result = PageResult(kind="thread_page", url="https://f.example/topic/1-x/", engine="ips",
                        thread=Thread(id="1", title="T", url="https://f.example/topic/1-x/"), posts=[post])

    def fail(*args, **kwargs):
        raise RuntimeError("killed half-way")

    monkeypatch.setattr(store, "_replace_children", fail)
    capture = {"id": "<urn:uuid:1>", "url": result.url, "status": 200, "captured_at": "2024-01-01T00:00:00.000000+00:00"}
    try:
        store.store_capture(db, capture, result)
    except RuntimeError:
        pass
    assert db["captures"].count == 0 and db["posts"].count == 0


def test_a_thread_is_found_by_its_address_through_an_index(tmp_path):
    """Where a crawl reads each thread on from is looked up by the thread's address without its
    trailing slash: through an index, not a read of every thread (a crawl of many threads asked it
    once a thread)."""
    db = open_archive(str(tmp_path / "a.db"))
    db["threads"].insert_all([{"id": f"t{i}", "url": f"https://f.example/topic/{i}/"} for i in range(50)])
    plan = " ".join(row[-1] for row in db.execute(
        "explain query plan select t.id from threads t where rtrim(t.url, '/') = rtrim(?, '/') "
        "and t.vanished_at is null limit 1", ["https://f.example/topic/7"]).fetchall())
    assert "USING INDEX idx_threads_url_trimmed" in plan
