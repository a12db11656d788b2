"""Arabic-aware full-text search (archive/search.py): a search for a word finds it with prefixes.

The posts and, for each query, the written forms a reader wants found and the posts holding them
are in tests/data/arabic_posts.json, written by hand.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from archive.search import normalise, search_extra, word_forms
from archive.database import FULL_TEXT, open_archive
from archive.store import store_capture
from parsers.models import Author, PageResult, Post, Quote, Thread

DATA = json.loads((Path(__file__).parent / "data" / "arabic_posts.json").read_text(encoding="utf-8"))
QUERIES = {q["query"]: q for q in DATA["queries"]}
SITE = "http://forum.example.iq"
CAPTURED = datetime(2021, 11, 8, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("word", "wanted"), [
    ("والعراق", {"العراق", "عراق"}),          # and + the + Iraq
    ("بالعراق", {"العراق", "عراق"}),          # in + the + Iraq
    ("للعراق", {"العراق", "عراق"}),           # for + the (contracted) + Iraq
    ("وبغداد", {"بغداد"}),                   # and + Baghdad
    ("أمريكا", {"امريكا"}),                  # hamza on the alef
    ("مُحَمَّد", {"محمد"}),                   # vowel marks
])
def test_word_forms_include_the_word_without_its_prefixes(word, wanted):
    assert wanted <= word_forms(word)


def test_words_without_prefixes_or_arabic_add_nothing():
    assert word_forms("في") == set()
    assert search_extra("Iraqi officials said on Sunday", None) is None
    assert normalise("إِسْلَام") == "اسلام"


def test_search_extra_lists_each_form_once():
    extra = search_extra("والعراق والعراق", "بالعراق")
    assert extra.split() == ["العراق", "عراق"]


def test_the_hand_listed_forms_pick_the_hand_listed_posts():
    """The fixture agrees with itself: the forms of each query occur in exactly its expected posts."""
    for query in DATA["queries"]:
        holding = {post["id"] for post in DATA["posts"] if _holds_form(post["text"], query["forms"])}
        assert holding == set(query["expected"]), query["query"]


def _holds_form(text: str, forms: list[str]) -> bool:
    return any(re.search(rf"(?<![\w\u064b-\u0652]){re.escape(form)}(?![\w\u064b-\u0652])", text) for form in forms)


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory) -> Path:
    return write_arabic_archive(tmp_path_factory.mktemp("search") / "archive.db")


def write_arabic_archive(path: Path) -> Path:
    """The posts stored through the archive's own write path, each quoting the previous one."""
    db = open_archive(str(path))
    posts = []
    for position, item in enumerate(DATA["posts"], start=1):
        quotes = [Quote(author="earlier", text=DATA["posts"][position - 2]["text"])] if position > 1 else []
        posts.append(Post(post_id=item["id"], url=f"{SITE}/topic/7-x/?do=findComment&comment={item['id']}",
                          position=position, author=Author(name=f"member{position}", id=str(position)),
                          published_at=CAPTURED, text=item["text"], html=f"<p>{item['text']}</p>", quotes=quotes))
    result = PageResult(kind="thread_page", url=f"{SITE}/topic/7-x/", engine="ips",
                        thread=Thread(id="7", title="أخبار العراق", url=f"{SITE}/topic/7-x/"), posts=posts)
    store_capture(db, {"id": "<urn:uuid:arabic>", "url": result.url, "status": 200,
                       "captured_at": "2021-11-08T12:00:00Z"}, result)
    db.conn.close()
    return path


def _post_ids(db_path: Path, query: str, table: str = "posts") -> set[str]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(f"select {table}.id from {table} join {table}_fts on {table}_fts.rowid = {table}.rowid "
                            f"where {table}_fts match ?", [f'"{query}"']).fetchall()
    return {row[0].rsplit("/", 1)[-1] for row in rows}


@pytest.mark.parametrize("query", list(QUERIES))
def test_search_finds_every_post_with_the_word_under_any_prefix(archive_db, query):
    assert _post_ids(archive_db, query) == set(QUERIES[query]["expected"])


def test_plain_fts5_misses_prefixed_words_the_archive_finds(archive_db):
    """Without the extra forms the same index finds fewer than half the posts: the gap is real."""
    with sqlite3.connect(archive_db) as conn:
        def plain(query: str) -> set[str]:
            rows = conn.execute("select posts.id from posts join posts_fts on posts_fts.rowid = posts.rowid "
                                "where posts_fts match ?", [f'text : "{query}"']).fetchall()
            return {row[0].rsplit("/", 1)[-1] for row in rows}
        found_plain = sum(len(plain(q)) for q in QUERIES)
        iraq_plain = plain("العراق")
    wanted = sum(len(q["expected"]) for q in DATA["queries"])
    assert found_plain < wanted / 2
    assert iraq_plain < set(QUERIES["العراق"]["expected"])


def test_quotes_are_searchable_the_same_way(archive_db):
    # Post n quotes post n-1, so the quotes holding a form are those of the posts after the holders.
    order = [post["id"] for post in DATA["posts"]]
    wanted = {order[order.index(post_id) + 1] for post_id in QUERIES["الحكومة"]["expected"] if post_id != order[-1]}
    with sqlite3.connect(archive_db) as conn:
        rows = conn.execute("select quotes.post_id from quotes join quotes_fts on quotes_fts.rowid = quotes.rowid "
                            "where quotes_fts match ?", ['"الحكومة"']).fetchall()
    assert {row[0].rsplit("/", 1)[-1] for row in rows} == wanted


def test_sqlite_utils_search_command_finds_prefixed_forms(archive_db):
    """The README recipe: the stock ``sqlite-utils search`` needs nothing from this project."""
    command = [str(Path(sys.executable).with_name("sqlite-utils")), "search", str(archive_db), "posts", "العراق",
               "-c", "id", "--csv"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    ids = {line.rsplit("/", 1)[-1] for line in output.split()[1:]}
    assert ids == set(QUERIES["العراق"]["expected"])


def test_an_archive_of_the_older_schema_is_upgraded_and_backfilled(tmp_path, archive_db):
    """A database whose FTS predates ``search_extra`` gets the column filled and its index rebuilt."""
    old = tmp_path / "old.db"
    old.write_bytes(archive_db.read_bytes())
    db = open_archive(str(old))
    for table in FULL_TEXT:
        db[table].disable_fts()
        db[table].enable_fts([c for c in FULL_TEXT[table] if c != "search_extra"], create_triggers=True,
                             tokenize="porter")
    db.execute("update posts set search_extra = null")
    db.execute("PRAGMA user_version=6")
    db.conn.commit()
    db.conn.close()
    assert _post_ids(old, "الحكومة") == {"a2"}  # the old index only knows the exact form

    open_archive(str(old)).conn.close()
    assert _post_ids(old, "الحكومة") == set(QUERIES["الحكومة"]["expected"])
