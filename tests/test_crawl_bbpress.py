"""A real ``scrapy crawl forum`` of a bbPress topic on a loopback server.

The three pages of tests/data/bbpress_site/topic-88/ are served at bbPress's pretty addresses,
``/forums/topic/hive-stands/`` and ``.../page/2/``, ``.../page/3/`` (WordPress's paged slug); each
links the others from ``div.bbp-pagination-links`` (``a.next.page-numbers`` to the next). The crawl
must follow them to the last page and store every post once.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_uris
from loopback import serving

from crawler.demo_site.server import SampleForumHandler

SITE = DATA / "bbpress_site"
TOPICS = {"hive-stands": 88}
_TOPIC_PAGE = re.compile(r"^/forums/topic/([a-z-]+)/(?:page/(\d+)/)?$")
POSTS = [  # (post id, position, page, author, author id, published), read off the three pages by hand
    ("880", 1, 1, "Marigold Fenwick", "5", "2023-05-06T07:00:00+00:00"),
    ("884", 2, 1, "Barnaby Skep", "9", "2023-05-06T08:30:00+00:00"),
    ("887", 3, 1, "Passing Keeper", None, "2023-05-06T11:45:00+00:00"),
    ("890", 4, 2, "Marigold Fenwick", "5", "2023-05-07T09:10:00+00:00"),
    ("893", 5, 2, "Barnaby Skep", "9", "2023-05-07T14:20:00+00:00"),
    ("897", 6, 2, "Wren Alderley", "12", "2023-05-08T18:05:00+00:00"),
    ("901", 7, 3, "Marigold Fenwick", "5", "2023-05-09T10:00:00+00:00"),
    ("905", 8, 3, "Barnaby Skep", "9", "2023-05-10T16:45:00+00:00"),
]


class BbPressHandler(SampleForumHandler):
    """``/forums/topic/<slug>/page/M/`` from ``topic-N/page-M.html``; everything else as the sample server."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        match = _TOPIC_PAGE.match(urlsplit(self.path).path)
        if match and match.group(1) in TOPICS:
            file = SITE / f"topic-{TOPICS[match.group(1)]}" / f"page-{int(match.group(2) or 1)}.html"
            if file.is_file():
                return self._send(200, self._render(file), "text/html; charset=UTF-8")
            return self._send(404, b"<html><body><p>Page not found</p></body></html>", "text/html")
        return super().do_GET()


@pytest.fixture(scope="module")
def base_url():
    with serving(SITE, BbPressHandler) as url:
        yield url


@pytest.fixture(scope="module")
def crawl(base_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("bbpress-crawl")
    run_crawl([f"{base_url}/forums/topic/hive-stands/"], out)
    return out


def test_the_crawl_followed_the_pagination_to_the_last_page(crawl, base_url):
    fetched = set(warc_uris(crawl / "warc", pages_only=True))
    topic = f"{base_url}/forums/topic/hive-stands/"
    assert fetched - {f"{base_url}/robots.txt"} == {topic, f"{topic}page/2/", f"{topic}page/3/"}


def test_every_post_is_stored_once_with_its_author(crawl, base_url):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.published_at,"
        " p.edited_by, p.text from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"], r["author_id"], r["published_at"])
            for r in rows] == POSTS
    assert rows[4]["edited_by"] == "Marigold Fenwick"
    assert rows[4]["text"] == "A spade\u2019s depth, tamped hard."  # the revision log is not the poster's words
    quotes = list(db.query("select q.quoted_author from quotes q join posts p on p.id = q.post_id"
                           " where p.native_id = '890'"))
    assert [q["quoted_author"] for q in quotes] == ["Barnaby Skep"]
    (thread,) = db.query("select native_id, title, page_count, forum from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("880", "Hive stands on a slope", 3)
    assert json.loads(thread["forum"]) == ["Forums", "Equipment"]
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {f"{base_url}/robots.txt"}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 3 and all((c["engine"], c["kind"]) == ("bbpress", "thread_page") for c in captures)
    assert "crawl_errors" not in db.table_names()  # nothing lost (run_crawl also saw the crawl exit 0)
