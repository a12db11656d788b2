"""A real ``scrapy crawl forum`` of two small vBulletin threads on a loopback server, in one run.

tests/data/vbulletin_site/ holds a vBulletin 4 thread in three pages and a vBulletin 3 thread in
two, both with vBSEO-style path URLs (``/forum/dinar-chat/4321-dinar-rates.html``, ``…-2.html``,
``…-3.html``) and each page linking the next with ``a[rel=next]``. The crawl must follow both to
their last page and store every post with its author.
"""

from __future__ import annotations

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, serve_pages, warc_uris

SITE = DATA / "vbulletin_site"
VB4 = "/forum/dinar-chat/4321-dinar-rates"
VB3 = "/forum/archive/77-old-rates"
VB4_POSTS = [  # (post id, position, author, author id, published), read off the three pages by hand
    ("7001", 1, "Moss Mike", "11", "2024-03-01T14:00:00+00:00"),
    ("7002", 2, "Reed Rosa", "12", "2024-03-01T15:15:00+00:00"),
    ("7003", 3, "Algae Al", "13", "2024-03-03T01:30:00+00:00"),
    ("7004", 4, "Moss Mike", "11", "2024-03-03T12:45:00+00:00"),
    ("7005", 5, "Lotus Liz", "14", "2024-03-04T17:00:00+00:00"),
    ("7006", 6, "Reed Rosa", "12", "2024-03-05T23:10:00+00:00"),
    ("7007", 7, "Pebble Pat", "15", "2024-03-06T16:11:00+00:00"),
    ("7008", 8, "Moss Mike", "11", "2024-03-08T02:30:00+00:00"),
]
VB3_POSTS = [
    ("801", 1, "Old Owl", "21", "2007-12-24T20:00:00+00:00"),
    ("802", 2, "Night Heron", "22", "2007-12-25T09:15:00+00:00"),
    ("803", 3, "Old Owl", "21", "2008-01-02T10:00:00+00:00"),
]


@pytest.fixture(scope="module")
def server():
    server = serve_pages(SITE)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawl(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("vbulletin-crawl")
    run_crawl([server.url(VB4 + ".html"), server.url(VB3 + ".html")], out)
    return out


def test_the_crawl_followed_both_threads_to_their_last_page(crawl, server):
    fetched = set(warc_uris(crawl / "warc", pages_only=True))
    pages = {server.url(VB4 + suffix) for suffix in (".html", "-2.html", "-3.html")}
    pages |= {server.url(VB3 + suffix) for suffix in (".html", "-2.html")}
    assert fetched - {server.url("/robots.txt")} == pages


def posts_of(db, thread_native_id: str) -> list[dict]:
    return list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.published_at, p.text"
        " from posts p join threads t on t.id = p.thread_id left join authors a on a.id = p.author_id"
        " where t.native_id = ? order by p.position", [thread_native_id]))


def test_the_database_holds_every_vb4_post_with_its_author(crawl):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = posts_of(db, "4321")
    assert [(r["native_id"], r["position"], r["author_name"], r["author_id"], r["published_at"]) for r in rows] == VB4_POSTS
    assert [r["page"] for r in rows] == [1, 1, 1, 2, 2, 2, 3, 3]
    assert rows[3]["text"] == "Then we wait."  # the quote of post 7003 is not Mike's words
    (quote,) = db.query("select q.quoted_author, q.quoted_post_id from quotes q join posts p on p.id = q.post_id"
                        " where p.native_id = '7004'")
    assert (quote["quoted_author"], quote["quoted_post_id"]) == ("Algae Al", "7003")


def test_the_database_holds_every_vb3_post_without_signatures(crawl):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = posts_of(db, "77")
    assert [(r["native_id"], r["position"], r["author_name"], r["author_id"], r["published_at"]) for r in rows] == VB3_POSTS
    assert [r["page"] for r in rows] == [1, 1, 2]
    assert all("signs every post" not in r["text"] for r in rows)


def test_threads_and_captures(crawl, server):
    db = sqlite_utils.Database(crawl / "archive.db")
    threads = {r["native_id"]: r for r in db.query("select native_id, title, page_count, forum from threads")}
    assert (threads["4321"]["title"], threads["4321"]["page_count"]) == ("Dinar rates", 3)
    assert (threads["77"]["title"], threads["77"]["page_count"]) == ("Old rates", 2)
    # The pages only: their pictures and stylesheets are captures too (tests/test_crawl_requisites.py).
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {server.url("/robots.txt")}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 5 and all((c["engine"], c["kind"]) == ("vbulletin", "thread_page") for c in captures)
