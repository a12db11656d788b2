"""A real ``scrapy crawl forum`` of a small MyBB thread on a loopback server.

The three pages in tests/data/mybb_site/ (path-style URLs: ``/thread-7/``, ``/thread-7/page-2/``,
``/thread-7/page-3/``) link each to the next with MyBB's ``a.pagination_next``; the crawl must
follow them to the last page and store every post.
"""

from __future__ import annotations

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, serve_pages, warc_uris

SITE = DATA / "mybb_site"
THREAD = "/thread-7/"
POSTS = [  # (post id, position, author, author id, published_at), read off the three pages by hand
    ("701", 1, "Bait Bob", "21", "2024-04-01T09:00:00+00:00"),
    ("702", 2, "Float Fran", "22", "2024-04-01T11:20:00+00:00"),
    ("703", 3, "Ledger Lou", "23", "2024-04-02T18:05:00+00:00"),
    ("704", 4, "Bait Bob", "21", "2024-04-03T07:30:00+00:00"),
    ("705", 5, "Ledger Lou", "23", "2024-04-03T08:15:00+00:00"),
]


@pytest.fixture(scope="module")
def server():
    server = serve_pages(SITE)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawl(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("mybb-crawl")
    run_crawl([server.url(THREAD)], out)
    return out


def test_the_crawl_followed_the_pagination_to_the_last_page(crawl, server):
    fetched = set(warc_uris(crawl / "warc", pages_only=True))
    pages = {server.url(THREAD), server.url(THREAD + "page-2/"), server.url(THREAD + "page-3/")}
    assert fetched - {server.url("/robots.txt")} == pages


def test_the_database_holds_every_post_with_its_author(crawl, server):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.published_at"
        " from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["author_name"], r["author_id"], r["published_at"]) for r in rows] == POSTS
    assert [r["page"] for r in rows] == [1, 1, 2, 2, 3]
    (thread,) = db.query("select native_id, title, page_count from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("7", "Night fishing for tench", 3)
    captures = list(db.query("select engine, kind from captures where url != ?", [server.url("/robots.txt")]))
    assert captures and all((c["engine"], c["kind"]) == ("mybb", "thread_page") for c in captures)
