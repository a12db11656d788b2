"""archive.fts_build: the full-text indexes built beside the archive in a thread and copied in are
the ones :func:`archive.database.enable_full_text` builds in place (the same FTS5 tables, row for
row, the same definitions and triggers); an index left from an earlier load is replaced; a build
that fails is raised by ``install`` and leaves the archive as it was. Issue 19 (replay speed)."""

from __future__ import annotations

import shutil

import pytest
import sqlite_utils

from archive import bulk_load, fts_build
from archive.database import FULL_TEXT, enable_full_text, open_archive
from archive.fts_build import FullTextBuild

WORDS = ["minister", "port", "summit", "drone", "refinery", "treaty", "council", "border", "العراق", "وزير"]


def rows(index: int) -> dict[str, dict]:
    """One row of each indexed table (null foreign keys: the index reads only its own columns)."""
    text = " ".join(WORDS[(index + k) % len(WORDS)] for k in range(7 + index % 5))
    return {
        "posts": {"id": f"p{index}", "text": text, "author_name": f"writer{index % 3}", "search_extra": None},
        "quotes": {"id": f"q{index}", "text": text[::-1], "quoted_author": "quoted", "search_extra": ""},
        "articles": {"id": f"a{index}", "title": f"headline {index}", "text": text, "search_extra": None},
        "reposts": {"id": f"r{index}", "headline": "pasted", "text": text, "outlet": "Agency", "search_extra": None},
    }


@pytest.fixture
def unindexed(tmp_path):
    """An archive whose tables have rows and no full-text index, as a bulk load leaves it."""
    path = tmp_path / "archive.db"
    db = open_archive(str(path))
    assert bulk_load.start(db)  # empty: the indexes and their triggers are dropped
    db.execute("PRAGMA synchronous=OFF")
    for table in FULL_TEXT:
        db[table].insert_all(rows(index)[table] for index in range(60))
    db.execute("delete from posts where id = 'p7'")  # a gap in the rowids
    db.conn.commit()
    db.close()
    return path


def index_tables(path) -> dict:
    """Every row of every FTS5 table behind the indexes, and the indexes' and triggers' definitions."""
    db = sqlite_utils.Database(path)
    found = {"schema": db.execute("select type, name, tbl_name, sql from sqlite_master "
                                  "where name like '%fts%' or type = 'trigger' order by name").fetchall()}
    for (name,) in db.execute("select name from sqlite_master where type = 'table' and name like '%\\_fts\\_%' "
                              "escape '\\' order by name").fetchall():
        found[name] = db.execute(f"select * from [{name}] order by 1, 2").fetchall()
    for table in FULL_TEXT:
        db.execute(f"insert into [{table}_fts] ([{table}_fts], rank) values ('integrity-check', 1)")
    found["matches"] = db.execute("select p.id from posts p join posts_fts f on f.rowid = p.rowid "
                                  "where posts_fts match 'summit' order by p.id").fetchall()
    db.close()
    return found


def built_in_place(path) -> dict:
    db = sqlite_utils.Database(path)
    for table in FULL_TEXT:
        enable_full_text(db, table)
    db.close()
    return index_tables(path)


def test_indexes_built_beside_are_the_ones_built_in_place(unindexed, tmp_path):
    in_place = tmp_path / "in_place.db"
    shutil.copy(unindexed, in_place)
    with FullTextBuild(str(unindexed)) as build:
        build.install()
    found = index_tables(unindexed)
    assert found == built_in_place(in_place)
    assert {name for name in found if name.endswith("_fts_data")} == {f"{table}_fts_data" for table in FULL_TEXT}
    assert len(found["matches"]) > 10 and ("p7",) not in found["matches"]
    assert sum(kind == "trigger" for kind, *_ in found["schema"]) == 3 * len(FULL_TEXT)


def test_install_replaces_an_index_left_by_an_earlier_load(unindexed, tmp_path):
    in_place = tmp_path / "in_place.db"
    shutil.copy(unindexed, in_place)
    db = sqlite_utils.Database(unindexed)
    enable_full_text(db, "posts")  # a load cut short after installing one index
    db.execute("insert into posts (id, text) values ('late', 'summit')")  # indexed by its trigger
    db.conn.commit()
    db.close()
    db = sqlite_utils.Database(in_place)
    db.execute("insert into posts (id, text) values ('late', 'summit')")
    db.conn.commit()
    db.close()
    with FullTextBuild(str(unindexed)) as build:
        build.install()
    found = index_tables(unindexed)
    assert found == built_in_place(in_place)
    assert ("late",) in found["matches"]


def test_a_failed_build_is_raised_by_install_and_changes_nothing(unindexed, monkeypatch):
    def broken(table):
        raise RuntimeError(f"no rank for {table}")

    monkeypatch.setattr(fts_build, "rank_function", broken)
    with FullTextBuild(str(unindexed)) as build:
        with pytest.raises(RuntimeError, match="no rank for posts"):
            build.install()
    db = sqlite_utils.Database(unindexed)
    assert [table for table in FULL_TEXT if db[table].detect_fts()] == []
    assert db.execute("select count(*) from sqlite_master where type = 'trigger'").fetchone()[0] == 0
    db.close()
