"""A real ``scrapy crawl forum`` of an ElkArte topic on a loopback server.

The three pages of tests/data/elkarte_site/topic-42/ are served at ElkArte's own addresses,
``/index.php?topic=42.0``, ``?topic=42.3``, ``?topic=42.6`` (the topic and the offset of the page's
first post; a small handler maps the offset to the file, three posts a page); each links the others
from its ``ul.pagelinks``. The crawl must follow them to the last page and store every post once.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_uris
from loopback import serving

from crawler.demo_site.server import SampleForumHandler

SITE = DATA / "elkarte_site"
PER_PAGE = 3
POSTS = [  # (msg id, position, page, author, author id, published), read off the three pages by hand
    ("701", 1, 1, "Hazel Hive", "3", "2021-04-10T07:00:00+00:00"),
    ("702", 2, 1, "Drone Dave", "4", "2021-04-10T08:00:00+00:00"),
    ("703", 3, 1, "Visiting Vera", None, "2021-04-10T09:30:00+00:00"),
    ("704", 4, 2, "Hazel Hive", "3", "2021-04-10T10:00:00+00:00"),
    ("705", 5, 2, "Drone Dave", "4", "2021-04-10T11:00:00+00:00"),
    ("706", 6, 2, "Queen Quill", "6", "2021-04-10T12:00:00+00:00"),
    ("707", 7, 3, "Hazel Hive", "3", "2021-04-11T07:30:00+00:00"),
    ("708", 8, 3, "Drone Dave", "4", "2021-04-11T09:00:00+00:00"),
]


class ElkArteHandler(SampleForumHandler):
    """``/index.php?topic=N.S`` from ``topic-N/page-M.html`` (M = S / 3 + 1); everything else as the sample server."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        if parts.path == "/index.php":
            topic, _, start = parse_qs(parts.query).get("topic", [""])[0].partition(".")
            if topic.isdigit() and start.isdigit() and int(start) % PER_PAGE == 0:
                file = SITE / f"topic-{topic}" / f"page-{int(start) // PER_PAGE + 1}.html"
                if file.is_file():
                    return self._send(200, self._render(file), "text/html; charset=UTF-8")
            return self._send(404, b"<html><body><div id='fatal_error'>The topic does not exist.</div></body></html>",
                              "text/html")
        return super().do_GET()


@pytest.fixture(scope="module")
def base_url():
    with serving(SITE, ElkArteHandler) as url:
        yield url


@pytest.fixture(scope="module")
def crawl(base_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("elkarte-crawl")
    run_crawl([f"{base_url}/index.php?topic=42.0"], out)
    return out


def test_the_crawl_followed_the_pagination_to_the_last_page(crawl, base_url):
    fetched = set(warc_uris(crawl / "warc", pages_only=True))
    topic = f"{base_url}/index.php?topic=42"
    assert fetched - {f"{base_url}/robots.txt"} == {f"{topic}.0", f"{topic}.3", f"{topic}.6"}


def test_every_post_is_stored_once_with_its_author(crawl, base_url):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.published_at,"
        " p.edited_by, p.text from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"], r["author_id"], r["published_at"])
            for r in rows] == POSTS
    assert rows[4]["edited_by"] == "Drone Dave"
    assert rows[3]["text"] == "Very crowded, nine frames of brood."
    quotes = list(db.query("select q.quoted_author from quotes q join posts p on p.id = q.post_id"
                           " where p.native_id = '704'"))
    assert [q["quoted_author"] for q in quotes] == ["Drone Dave"]
    (thread,) = db.query("select native_id, title, page_count, forum from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("42", "Bees swarming early", 3)
    assert json.loads(thread["forum"]) == ["Hive Chat", "Swarms"]
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {f"{base_url}/robots.txt"}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 3 and all((c["engine"], c["kind"]) == ("elkarte", "thread_page") for c in captures)
    assert "crawl_errors" not in db.table_names()  # nothing lost (run_crawl also saw the crawl exit 0)
