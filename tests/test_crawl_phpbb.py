"""A real ``scrapy crawl forum`` of a small phpBB 3 topic on a loopback server.

The three pages in tests/data/phpbb_site/ (path-style URLs: ``/viewtopic/t-5/``,
``/viewtopic/t-5/start-3/``, ``/viewtopic/t-5/start-6/``) link each to the next with phpBB 3.3's
``a[rel=next]``; the crawl must follow them to the last page and store every post.
"""

from __future__ import annotations

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, serve_pages, warc_uris

SITE = DATA / "phpbb_site"
TOPIC = "/viewtopic/t-5/"
POSTS = [  # (post id, position, author, author id), read off the three pages by hand
    ("501", 1, "Moss Mike", "11"), ("502", 2, "Reed Rosa", "12"), ("503", 3, "Algae Al", "13"),
    ("504", 4, "Moss Mike", "11"), ("505", 5, "Lotus Liz", "14"), ("506", 6, "Reed Rosa", "12"),
    ("507", 7, "Pebble Pat", "15"), ("508", 8, "Moss Mike", "11"),
]


@pytest.fixture(scope="module")
def server():
    server = serve_pages(SITE)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawl(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("phpbb-crawl")
    run_crawl([server.url(TOPIC)], out)
    return out


def test_the_crawl_followed_the_pagination_to_the_last_page(crawl, server):
    fetched = set(warc_uris(crawl / "warc", pages_only=True))
    pages = {server.url(TOPIC), server.url(TOPIC + "start-3/"), server.url(TOPIC + "start-6/")}
    assert fetched - {server.url("/robots.txt")} == pages


def test_the_database_holds_every_post_with_its_author(crawl, server):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.text"
        " from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["author_name"], r["author_id"]) for r in rows] == POSTS
    assert [r["page"] for r in rows] == [1, 1, 1, 2, 2, 2, 3, 3]
    assert rows[0]["text"] == "Which plants keep the water clear?"
    (thread,) = db.query("select native_id, title, page_count, forum from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("5", "Clear water plants", 3)
    captures = list(db.query("select engine, kind from captures where url != ?", [server.url("/robots.txt")]))
    assert captures and all((c["engine"], c["kind"]) == ("phpbb", "thread_page") for c in captures)
