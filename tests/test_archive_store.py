"""archive.store: the schema, and databases of an older version brought up to date."""

from __future__ import annotations

import sqlite_utils

from archive.store import SCHEMA_VERSION, TABLES, open_archive


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
