"""A real ``scrapy crawl forum`` of a Forumotion topic in the AwesomeBB version on a loopback server.

The two pages in tests/data/forumotion_awesomebb/ are served at Forumotion's own addresses,
``/t50-the-long-winter`` and ``/t50p5-the-long-winter`` (the sample server serves
``<path>/index.html``); the first links the second from its ``div.pagination``. The crawl must follow
it and store the 7 posts once each, never the "Sponsored content" block (``post--0``) printed after
the first, and never the login or message pages beside them (nothing links them).
"""

from __future__ import annotations

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, serve_pages, warc_uris

# The pages name pictures on the engine's CDN, in scope by default (ARCHIVE_REQUISITE_HOSTS); this
# test runs offline, where they would be DNS errors: the page's own site only.
OFFLINE = ("-s", "ARCHIVE_REQUISITE_HOSTS=")

SITE = DATA / "forumotion_awesomebb"
THREAD = "/t50-the-long-winter"
# (post id, position, page, author, author id), read off the two pages by hand.
POSTS = [
    ("501", 1, 1, "Skadi", "3"), ("502", 2, 1, "Bjorn", "5"), ("503", 3, 1, "Wanderer", None),
    ("504", 4, 1, "lupa", "1"), ("505", 5, 1, "Skadi", "3"),
    ("506", 6, 2, "Bjorn", "5"), ("507", 7, 2, "Passer-by", None),
]


@pytest.fixture(scope="module")
def server():
    server = serve_pages(SITE)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawl(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("forumotion-awesomebb-crawl")
    run_crawl([server.url(THREAD)], out, *OFFLINE)
    return out


def test_the_crawl_followed_the_pagination_to_the_second_page(crawl, server):
    fetched = warc_uris(crawl / "warc", pages_only=True)
    pages = [u for u in fetched if u != server.url("/robots.txt")]
    assert sorted(pages) == sorted([server.url(THREAD), server.url("/t50p5-the-long-winter")])  # each once


def test_every_post_is_stored_once_with_its_author(crawl, server):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id"
        " from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"], r["author_id"]) for r in rows] == POSTS
    (thread,) = db.query("select native_id, title, page_count from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("50", "The long winter", 2)
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {server.url("/robots.txt")}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 2 and all((c["engine"], c["kind"]) == ("forumotion", "thread_page") for c in captures)
    edited = next(db.query("select edited_by, text from posts where native_id = '502'"))
    assert (edited["edited_by"], edited["text"]) == ("Bjorn", "It opened again on the twentieth, but only for sledges.")
    assert "crawl_errors" not in db.table_names()  # nothing lost (run_crawl also saw the crawl exit 0)
