"""A real ``scrapy crawl forum`` of a phpBB 2 topic on a loopback server.

The three pages of tests/data/phpbb2_site/topic-8/ are served at phpBB 2's own addresses,
``/viewtopic.php?t=8`` then ``...&start=3`` and ``...&start=6`` (a small handler maps the query to
the file); each links the next from its "Gehe zu Seite 1, 2, 3  Weiter" list. The crawl must
follow them to the last page and store every post once.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_uris
from loopback import serving

from crawler.demo_site.server import SampleForumHandler

SITE = DATA / "phpbb2_site"
POSTS = [  # (post id, position, page, author, author id), read off the three pages by hand
    ("801", 1, 1, "Jens", "5"), ("802", 2, 1, "Gast_Heike", None), ("803", 3, 1, "Birgit", "9"),
    ("804", 4, 2, "Jens", "5"), ("805", 5, 2, "Birgit", "9"), ("806", 6, 2, "Uwe", "12"),
    ("807", 7, 3, "Gast_Heike", None), ("808", 8, 3, "Jens", "5"),
]
NEXT = "postdays=0&postorder=asc&start="


class PhpBB2Handler(SampleForumHandler):
    """``/viewtopic.php?t=N[&start=M]`` from ``topic-N/start-M.html``; everything else as the sample server."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        if parts.path == "/viewtopic.php":
            query = parse_qs(parts.query)
            topic, start = query.get("t", [""])[0], query.get("start", ["0"])[0]
            file = SITE / f"topic-{topic}" / f"start-{start}.html"
            if topic.isdigit() and start.isdigit() and file.is_file():
                return self._send(200, self._render(file), "text/html; charset=UTF-8")
            return self._send(404, b"<html><body>The topic or post you requested does not exist</body></html>",
                              "text/html")
        return super().do_GET()


@pytest.fixture(scope="module")
def base_url():
    with serving(SITE, PhpBB2Handler) as url:
        yield url


@pytest.fixture(scope="module")
def crawl(base_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("phpbb2-crawl")
    run_crawl([f"{base_url}/viewtopic.php?t=8"], out)
    return out


def test_the_crawl_followed_the_pagination_to_the_last_page(crawl, base_url):
    fetched = set(warc_uris(crawl / "warc", pages_only=True))
    topic = f"{base_url}/viewtopic.php?t=8"
    assert fetched - {f"{base_url}/robots.txt"} == {topic, f"{topic}&{NEXT}3", f"{topic}&{NEXT}6"}


def test_every_post_is_stored_once_with_its_author(crawl, base_url):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.edited_by,"
        " p.published_at, p.text from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"], r["author_id"]) for r in rows] == POSTS
    assert rows[0]["published_at"].startswith("2005-03-06T16:45:00")  # 17:45 at GMT + 1
    assert rows[3]["edited_by"] == "Jens"
    assert rows[3]["text"] == "Es war der Schwamm. Ausgewaschen, läuft wieder."
    quotes = list(db.query("select q.quoted_author from quotes q join posts p on p.id = q.post_id"
                           " where p.native_id = '804' order by q.rowid"))
    assert quotes and quotes[0]["quoted_author"] == "Birgit"
    (thread,) = db.query("select native_id, title, page_count, forum from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("8", "Filter läuft über", 3)
    assert json.loads(thread["forum"]) == ["Teichfreunde Forum Foren-Übersicht", "Pumpen und Filter"]
    # The pages only: their pictures and stylesheets are captures too (tests/test_crawl_requisites.py).
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {f"{base_url}/robots.txt"}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 3 and all((c["engine"], c["kind"]) == ("phpbb2", "thread_page") for c in captures)
    assert "crawl_errors" not in db.table_names()  # nothing lost (run_crawl also saw the crawl exit 0)
