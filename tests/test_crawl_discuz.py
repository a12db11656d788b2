"""A real ``scrapy crawl forum`` of a Discuz! thread on a loopback server.

The three desktop pages in tests/data/discuz_site/ use Discuz!'s rewrite addresses
(``/thread-7-1-1.html``, ``-2-1``, ``-3-1``, each served from its folder's index.html) and link each
to the next with ``multi()``'s ``a.nxt``; the crawl must follow them to the last page and store
every post exactly once.
"""

from __future__ import annotations

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, serve_pages, warc_uris

SITE = DATA / "discuz_site"
PAGES = ["/thread-7-1-1.html", "/thread-7-2-1.html", "/thread-7-3-1.html"]
POSTS = [  # (post id, position, page, author, author id, published_at), read off the three pages by hand (GMT+8)
    ("701", 1, 1, "老王", "11", "2024-03-05T06:20:00+00:00"),
    ("702", 2, 1, "匿名", None, "2024-03-05T07:02:11+00:00"),
    ("703", 3, 1, "Mei", "12", "2024-03-05T08:45:30+00:00"),
    ("704", 4, 2, "Chen", "13", "2024-03-06T00:05:00+00:00"),
    ("705", 5, 2, "老王", "11", "2024-03-06T01:10:00+00:00"),
    ("706", 6, 2, "Mei", "12", "2024-03-06T13:30:45+00:00"),
    ("707", 7, 3, "Chen", "13", "2024-03-07T14:10:05+00:00"),
]


@pytest.fixture(scope="module")
def server():
    server = serve_pages(SITE)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawl(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("discuz-crawl")
    run_crawl([server.url(PAGES[0])], out)
    return out


def test_the_crawl_followed_the_pagination_to_the_last_page(crawl, server):
    fetched = warc_uris(crawl / "warc", pages_only=True)
    assert set(fetched) - {server.url("/robots.txt")} == {server.url(p) for p in PAGES}


def test_the_database_holds_every_post_once_with_its_author(crawl, server):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.published_at"
        " from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"], r["author_id"], r["published_at"])
            for r in rows] == POSTS
    (thread,) = db.query("select native_id, title, page_count from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("7", "春季钓鱼装备讨论", 3)
    # The pages only: their pictures and stylesheets are captures too (tests/test_crawl_requisites.py).
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {server.url("/robots.txt")}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 3 and all((c["engine"], c["kind"]) == ("discuz", "thread_page") for c in captures)
