"""A real ``scrapy crawl forum`` of a board no engine parser knows, on a loopback server.

The page (tests/data/generic_site/, a copy of the hand-written tests/data/generic/sibling_board.html)
has no engine fingerprint: the crawl must store it as a ``generic`` thread page, with the reason
that says how it was read, and its three posts with their authors and times.
"""

from __future__ import annotations

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, serve_pages

SITE = DATA / "generic_site"
THREAD = "/heizung/pfeift-3310/"
POSTS = [  # (post id, position, author, published_at), read off the page by hand
    ("20417", 1, "Kalle", "2024-03-12T14:05:00+00:00"),
    ("20418", 2, "Sabine R.", "2024-03-12T15:30:00+00:00"),
    ("20421", 3, "Kalle", "2024-03-13T09:12:00+00:00"),
]


@pytest.fixture(scope="module")
def server():
    server = serve_pages(SITE)
    yield server
    server.stop()


@pytest.mark.parametrize("forced", [False, True], ids=["fallback", "engine=generic"])
def test_the_database_holds_the_posts_of_a_board_no_engine_knows(server, tmp_path, forced):
    out = tmp_path / "crawl"
    run_crawl([server.url(THREAD)], out, *(["-a", "engine=generic"] if forced else []))
    db = sqlite_utils.Database(out / "archive.db")
    rows = list(db.query("select native_id, position, author_name, published_at from posts order by position"))
    assert [(r["native_id"], r["position"], r["author_name"], r["published_at"]) for r in rows] == POSTS
    (capture,) = db.query("select engine, kind, reason from captures where url = ?", [server.url(THREAD)])
    assert (capture["engine"], capture["kind"]) == ("generic", "thread_page")
    assert capture["reason"].startswith("read by the generic parser from 3 sibling post blocks .beitrag")
    (thread,) = db.query("select native_id, title from threads")
    assert (thread["native_id"], thread["title"]) == ("3310", "Heizung pfeift nach Entlüften")
