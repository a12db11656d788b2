"""A real ``scrapy crawl forum`` of a ProBoards thread on a loopback server.

ProBoards addresses a thread's later pages with a query (``/thread/12/pike-on-the-fly?page=2``);
the sample server serves ``<path>/index.html`` and ignores queries, so this test's handler serves
``?page=N`` from the thread folder's ``page-N/index.html``. The pages link each to the next with
``ul.ui-pagination li.next``; the crawl must follow them to the last page and store every post
exactly once.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_uris
from loopback import PageQueryHandler, serving

# The pages name pictures on the engine's CDN, in scope by default (ARCHIVE_REQUISITE_HOSTS); this
# test runs offline, where they would be DNS errors: the page's own site only.
OFFLINE = ("-s", "ARCHIVE_REQUISITE_HOSTS=")

SITE = DATA / "proboards_site"
THREAD = "/thread/12/pike-on-the-fly"
POSTS = [  # (post id, page, position on the page, author, author id, published_at), read off the pages by hand
    ("1201", 1, 1, "Bob", "5", "2024-03-05T14:20:00+00:00"),
    ("1202", 1, 2, "Angler Joe", None, "2024-03-05T15:20:00+00:00"),
    ("1203", 1, 3, "Kari", "7", "2024-03-05T16:20:00+00:00"),
    ("1204", 2, 1, "Bob", "5", "2024-03-06T09:00:00+00:00"),
    ("1205", 2, 2, "Kari", "7", "2024-03-06T10:00:00+00:00"),
    ("1206", 2, 3, "Lars", "9", "2024-03-06T11:00:00+00:00"),
    ("1207", 3, 1, "Bob", "5", "2024-03-07T10:00:00+00:00"),
]


class ProBoardsHandler(PageQueryHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        page = parse_qs(parts.query).get("page", ["1"])[0]
        if page.isdigit() and int(page) > 1:
            return self._send_page_n(parts.path, page, modified=True)
        return super().do_GET()


@pytest.fixture(scope="module")
def server():
    with serving(SITE, ProBoardsHandler) as url:
        yield url


@pytest.fixture(scope="module")
def crawl(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("proboards-crawl")
    run_crawl([f"{server}{THREAD}"], out, *OFFLINE)
    return out


def test_the_crawl_followed_the_pagination_to_the_last_page(crawl, server):
    fetched = set(warc_uris(crawl / "warc", pages_only=True)) - {f"{server}/robots.txt"}
    assert fetched == {f"{server}{THREAD}", f"{server}{THREAD}?page=2", f"{server}{THREAD}?page=3"}


def test_the_database_holds_every_post_once_with_its_author(crawl, server):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.page, p.position_on_page, p.author_name, a.native_id as author_id, p.published_at"
        " from posts p left join authors a on a.id = p.author_id order by p.page, p.position_on_page"))
    assert [(r["native_id"], r["page"], r["position_on_page"], r["author_name"], r["author_id"], r["published_at"])
            for r in rows] == POSTS
    (thread,) = db.query("select native_id, title, page_count from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("12", "Pike on the fly", 3)
    # The pages only: their pictures and stylesheets are captures too (tests/test_crawl_requisites.py).
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {f"{server}/robots.txt"}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 3 and all((c["engine"], c["kind"]) == ("proboards", "thread_page") for c in captures)
