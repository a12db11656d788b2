"""A real ``scrapy crawl forum`` of a Forumotion topic (phpBB2 version) on a loopback server.

The two pages in tests/data/forumotion_site/ are served at Forumotion's own addresses,
``/t7-forums-regeln`` and ``/t7p15-forums-regeln`` (the sample server serves ``<path>/index.html``);
the first links the second from its ``.pagination`` cell. The crawl must follow it and store the
19 posts once each, never the "Gesponserte Inhalte" advert block (``#p0``) printed after the first.
"""

from __future__ import annotations

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, serve_pages, warc_uris

# The pages name pictures on the engine's CDN, in scope by default (ARCHIVE_REQUISITE_HOSTS); this
# test runs offline, where they would be DNS errors: the page's own site only.
OFFLINE = ("-s", "ARCHIVE_REQUISITE_HOSTS=")

SITE = DATA / "forumotion_site"
THREAD = "/t7-forums-regeln"
# (post id, position, page, author, author id), read off the two pages by hand.
POSTS = [
    ("101", 1, 1, "Wolfsherz", "2"), ("102", 2, 1, "Nachtwind", "5"), ("103", 3, 1, "Wanderer", None),
    ("104", 4, 1, "lupa", "1"), ("105", 5, 1, "Graufell", "7"), ("106", 6, 1, "lupa", "1"),
    ("107", 7, 1, "Nachtwind", "5"), ("108", 8, 1, "lupa", "1"), ("109", 9, 1, "Graufell", "7"),
    ("110", 10, 1, "Wolfsherz", "2"), ("111", 11, 1, "Nachtwind", "5"), ("112", 12, 1, "Wolfsherz", "2"),
    ("113", 13, 1, "Graufell", "7"), ("114", 14, 1, "lupa", "1"), ("115", 15, 1, "Nachtwind", "5"),
    ("116", 16, 2, "Wolfsherz", "2"), ("117", 17, 2, "lupa", "1"), ("118", 18, 2, "Wanderer", None),
    ("119", 19, 2, "Graufell", "7"),
]


@pytest.fixture(scope="module")
def server():
    server = serve_pages(SITE)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawl(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("forumotion-crawl")
    run_crawl([server.url(THREAD)], out, *OFFLINE)
    return out


def test_the_crawl_followed_the_pagination_to_the_second_page(crawl, server):
    fetched = warc_uris(crawl / "warc", pages_only=True)
    pages = [u for u in fetched if u != server.url("/robots.txt")]
    assert sorted(pages) == sorted([server.url(THREAD), server.url("/t7p15-forums-regeln")])  # each fetched once


def test_every_post_is_stored_once_with_its_author(crawl, server):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id"
        " from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"], r["author_id"]) for r in rows] == POSTS
    (thread,) = db.query("select native_id, title, page_count from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("7", "Forums-Regeln", 2)
    # The pages only: their pictures and stylesheets are captures too (tests/test_crawl_requisites.py).
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {server.url("/robots.txt")}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 2 and all((c["engine"], c["kind"]) == ("forumotion", "thread_page") for c in captures)
    edited = next(db.query("select edited_by, text from posts where native_id = '104'"))
    assert (edited["edited_by"], edited["text"]) == ("lupa", "Gäste dürfen mitlesen, schreiben nur im Gästebuch.")
    assert "crawl_errors" not in db.table_names()  # nothing lost (run_crawl also saw the crawl exit 0)
