"""A real ``scrapy crawl forum`` of an IP.Board 3 topic on a loopback server.

The three pages of tests/data/ipb3_site/topic-42/ are served at IP.Board 3's own addresses with
friendly URLs off, ``/index.php?showtopic=42``, ``&st=3``, ``&st=6`` (three posts a page; a small
handler maps the query to the file); each links the next from the pagination's ``li.next`` link.
The crawl must follow them to the last page and store every post once.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_uris
from loopback import serving

from crawler.demo_site.server import SampleForumHandler

SITE = DATA / "ipb3_site"
PER_PAGE = 3
POSTS = [  # (post id, position, page, author, author id), read off the three pages by hand
    ("1001", 1, 1, "Marta", "7"), ("1002", 2, 1, "visitor_tom", None), ("1003", 3, 1, "Ravi", "12"),
    ("1004", 4, 2, "Marta", "7"), ("1005", 5, 2, "Ravi", "12"), ("1006", 6, 2, "Ines", "15"),
    ("1007", 7, 3, "Marta", "7"),
]


class IPB3Handler(SampleForumHandler):
    """``/index.php?showtopic=N[&st=M]`` from ``topic-N/page-(M/3+1).html``; the rest as the sample server."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        if parts.path == "/index.php":
            query = parse_qs(parts.query)
            topic, start = query.get("showtopic", [""])[0], query.get("st", ["0"])[0]
            if topic.isdigit() and start.isdigit():
                file = SITE / f"topic-{topic}" / f"page-{int(start) // PER_PAGE + 1}.html"
                if file.is_file():
                    return self._send(200, self._render(file), "text/html; charset=UTF-8")
            return self._send(404, b"<html><body><p>Not found.</p></body></html>", "text/html")
        return super().do_GET()


@pytest.fixture(scope="module")
def base_url():
    with serving(SITE, IPB3Handler) as url:
        yield url


@pytest.fixture(scope="module")
def crawl(base_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("ipb3-crawl")
    run_crawl([f"{base_url}/index.php?showtopic=42"], out)
    return out


def test_the_crawl_followed_the_pagination_to_the_last_page(crawl, base_url):
    fetched = set(warc_uris(crawl / "warc", pages_only=True))
    topic = f"{base_url}/index.php?showtopic=42"
    assert fetched - {f"{base_url}/robots.txt"} == {topic, f"{topic}&st=3", f"{topic}&st=6"}


def test_every_post_is_stored_once_with_its_author(crawl, base_url):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.edited_by, p.text"
        " from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"], r["author_id"]) for r in rows] == POSTS
    assert rows[3]["edited_by"] == "Marta"
    assert rows[3]["text"] == "Ordered one from the pond shop."
    quotes = list(db.query("select q.quoted_author, q.depth from quotes q join posts p on p.id = q.post_id"
                           " where p.native_id = '1005' order by q.rowid"))
    assert [(q["quoted_author"], q["depth"]) for q in quotes] == [("Marta", 1), ("Ravi", 2)]
    (thread,) = db.query("select native_id, title, page_count, forum from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("42", "Winter heater for a small pond", 3)
    assert json.loads(thread["forum"]) == ["Koi Keepers", "Ponds and Pools", "Water Gardens"]
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {f"{base_url}/robots.txt"}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 3 and all((c["engine"], c["kind"]) == ("ipb3", "thread_page") for c in captures)
    assert "crawl_errors" not in db.table_names()  # nothing lost (run_crawl also saw the crawl exit 0)
