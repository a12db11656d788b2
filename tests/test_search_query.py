"""Ranked search (archive/search_query.py) and the ranking stored in the full-text indexes.

The first page ranks only the newest matches when a query has more than ``newest``: these tests
check it against a ranking done the slow way (every match scored, then cut to the newest), that
phrase, prefix and Arabic queries keep working through it, and that every program ranking with
FTS5's ``rank`` gets the column weights (titles above bodies).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_archive_search import QUERIES, write_arabic_archive

from archive.database import FULL_TEXT, enable_full_text, full_text_rank, open_archive, rank_function
from archive.search import search_extra
from archive.search_query import search, search_sql
from crawler.cli import main

WORDS = ["minister", "drones", "Basra", "prime", "council", "budget", "river", "market"]


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory) -> Path:
    """The Arabic posts of the search tests, then 300 English posts whose words recur in a pattern."""
    path = write_arabic_archive(tmp_path_factory.mktemp("ranked") / "archive.db")
    db = open_archive(str(path))
    rows = []
    for n in range(300):
        words = [WORDS[(n * k + k) % len(WORDS)] for k in range(1, 4 + n % 7)]
        if n % 10 == 0:
            words += ["prime", "minister"]
        text = " ".join(words) + f" number{n}"
        rows.append({"id": f"en/{n}", "author_name": f"member{n % 9}", "text": text, "search_extra": search_extra(text)})
    db["posts"].insert_all(rows)
    db.conn.commit()
    db.close()
    return path


def ranked_slowly(path: Path, query: str, newest: int | None, limit: int = 20) -> list[str]:
    """Every match scored by the index's stored ``rank``, cut to the ``newest`` highest rowids, best
    first (equal scores newest first): what search() must give."""
    with sqlite3.connect(path) as conn:
        scored = conn.execute("select posts_fts.rowid, rank, posts.id from posts_fts join posts on "
                              "posts.rowid = posts_fts.rowid where posts_fts match ?", [query]).fetchall()
    if newest is not None:
        scored = sorted(scored, key=lambda row: -row[0])[:newest]
    return [post_id for _, _, post_id in sorted(scored, key=lambda row: (row[1], -row[0]))[:limit]]


def ids(path: Path, query: str, **options) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row["id"] for row in search(conn, query, **options)]


@pytest.mark.parametrize("query", ["minister", "drones", '"prime minister"', "dron*", "minister AND basra",
                                   "NEAR(prime council)", "member3"])
@pytest.mark.parametrize("newest", [None, 5, 40, 10_000])
def test_first_page_is_the_best_of_the_newest_matches(archive_db, query, newest):
    got = ids(archive_db, query, newest=newest)
    assert got and got == ranked_slowly(archive_db, query, newest)


def test_later_pages_follow_the_first(archive_db):
    first, second = ids(archive_db, "minister", limit=10), ids(archive_db, "minister", limit=10, offset=10)
    assert first + second == ids(archive_db, "minister", limit=20)


def test_newest_bounds_the_matches_ranked(archive_db):
    """With newest=5 only the five matches stored last can be shown, whatever their rank."""
    with sqlite3.connect(archive_db) as conn:
        last_five = {row[0] for row in conn.execute(
            "select posts.id from posts_fts join posts on posts.rowid = posts_fts.rowid where posts_fts match "
            "'minister' order by posts_fts.rowid desc limit 5")}
    assert set(ids(archive_db, "minister", newest=5)) == last_five


@pytest.mark.parametrize("query", list(QUERIES))
def test_arabic_forms_are_found_through_the_ranked_search(archive_db, query):
    found = {post_id.rsplit("/", 1)[-1] for post_id in ids(archive_db, f'"{query}"', newest=2, limit=100)}
    assert found <= set(QUERIES[query]["expected"])
    assert {post_id.rsplit("/", 1)[-1] for post_id in ids(archive_db, f'"{query}"', limit=100)} == set(
        QUERIES[query]["expected"])


def test_search_sql_names_only_indexed_tables():
    assert "quotes_fts" in search_sql("quotes")
    with pytest.raises(ValueError):
        search_sql("posts; drop table posts")


def test_every_index_stores_its_ranking(archive_db):
    with sqlite3.connect(archive_db) as conn:
        for table in FULL_TEXT:
            assert conn.execute(f"select v from {table}_fts_config where k = 'rank'").fetchone()[0] == \
                rank_function(table)


def test_titles_rank_above_bodies_in_every_program(tmp_path):
    """An article naming the word in its title comes before one mentioning it twice in its body,
    for the ranked search and for the stock ``sqlite-utils search`` (both use the index's rank)."""
    path = tmp_path / "archive.db"
    db = open_archive(str(path))
    filler = " ".join(["the council met on the budget of the river market"] * 3)
    db["articles"].insert_all([
        {"id": "body", "title": "Council budget approved", "text": f"Drones drones were discussed. {filler}"},
        {"id": "title", "title": "Drones over Basra", "text": f"Officials spoke. {filler}"},
    ])
    db.conn.commit()
    db.close()
    with sqlite3.connect(path) as conn:
        assert [row["id"] for row in search(conn, "drones", table="articles")] == ["title", "body"]
        plain = conn.execute("select articles.id from articles_fts join articles on articles.rowid = "
                             "articles_fts.rowid where articles_fts match 'drones' "
                             "order by bm25(articles_fts)").fetchall()
    assert [row[0] for row in plain] == ["body", "title"]  # without the weights the body wins
    command = [str(Path(sys.executable).with_name("sqlite-utils")), "search", str(path), "articles", "drones",
               "-c", "id", "--csv"]
    assert subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()[1:] == ["title", "body"]


def test_an_archive_without_the_ranking_gets_it_and_keeps_its_index(tmp_path, archive_db):
    old = tmp_path / "old.db"
    old.write_bytes(archive_db.read_bytes())
    with sqlite3.connect(old) as conn:
        for table in FULL_TEXT:
            conn.execute(f"delete from {table}_fts_config where k = 'rank'")
        conn.execute("PRAGMA user_version=9")
    db = open_archive(str(old))
    assert all(full_text_rank(db, table) == rank_function(table) for table in FULL_TEXT)
    db.execute("insert into posts (id, text) values ('late', 'minister of drones')")
    db.execute("delete from posts where id = 'en/290'")
    db.conn.commit()
    db.close()
    assert "late" in ids(old, "minister", limit=1000) and "en/290" not in ids(old, "minister", limit=1000)
    with sqlite3.connect(old) as conn:
        conn.execute("insert into posts_fts(posts_fts) values ('integrity-check')")


def test_the_command_prints_a_line_a_result(archive_db, capsys):
    assert main(["search", "minister", "--db", str(archive_db), "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all("minister" in line for line in lines)
    assert main(["search", "minister", "--db", str(archive_db), "--all", "--json", "--limit", "1"]) == 0
    assert '"id": "en/' in capsys.readouterr().out


def test_the_command_reports_a_malformed_query(archive_db, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["search", "prime AND", "--db", str(archive_db)])
    assert exit_.value.code == 2 and "syntax error" in capsys.readouterr().err


def test_enable_full_text_rebuilds_an_index_from_the_rows(tmp_path, archive_db):
    """What a bulk load calls at its end: the index, its triggers and its ranking, from the rows."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(archive_db.read_bytes())
    db = open_archive(str(copy))
    before = ids(copy, "minister", newest=None, limit=1000)
    db["posts"].disable_fts()
    assert not db["posts"].detect_fts()
    enable_full_text(db, "posts")
    db.conn.commit()
    assert full_text_rank(db, "posts") == rank_function("posts")
    db.execute("insert into posts (id, text) values ('after', 'minister')")  # the triggers are back
    db.conn.commit()
    db.close()
    after = ids(copy, "minister", newest=None, limit=1000)
    assert sorted(after) == sorted(["after", *before])
