"""A real ``scrapy crawl forum`` of a FluxBB topic on a loopback server.

The three pages of tests/data/fluxbb_site/topic-5/ are served at FluxBB's own addresses,
``/viewtopic.php?id=5``, ``?id=5&p=2``, ``?id=5&p=3`` (a small handler maps the query to the file);
each links the next from its ``p.pagelink`` and ``<link rel="next">``. The crawl must follow them to
the last page and store every post once.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_uris
from loopback import serving

from crawler.demo_site.server import SampleForumHandler

SITE = DATA / "fluxbb_site"
POSTS = [  # (post id, position, page, author, author id), read off the three pages by hand
    ("101", 1, 1, "Élodie", "2"), ("102", 2, 1, "Visiteur Paul", None), ("103", 3, 1, "Marc", "3"),
    ("104", 4, 2, "Marc", "3"), ("105", 5, 2, "Élodie", "2"), ("106", 6, 2, "Jérôme", "4"),
    ("107", 7, 3, "Élodie", "2"), ("108", 8, 3, "Anonyme", None),
]


class FluxHandler(SampleForumHandler):
    """``/viewtopic.php?id=N[&p=M]`` from ``topic-N/page-M.html``; everything else as the sample server."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        if parts.path == "/viewtopic.php":
            query = parse_qs(parts.query)
            topic, page = query.get("id", [""])[0], query.get("p", ["1"])[0]
            file = SITE / f"topic-{topic}" / f"page-{page}.html"
            if topic.isdigit() and page.isdigit() and file.is_file():
                return self._send(200, self._render(file), "text/html; charset=utf-8")
            return self._send(404, b"<html><body><div id='msg'>Bad request.</div></body></html>", "text/html")
        return super().do_GET()


@pytest.fixture(scope="module")
def base_url():
    with serving(SITE, FluxHandler) as url:
        yield url


@pytest.fixture(scope="module")
def crawl(base_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("fluxbb-crawl")
    run_crawl([f"{base_url}/viewtopic.php?id=5"], out)
    return out


def test_the_crawl_followed_the_pagination_to_the_last_page(crawl, base_url):
    fetched = set(warc_uris(crawl / "warc", pages_only=True))
    topic = f"{base_url}/viewtopic.php?id=5"
    assert fetched - {f"{base_url}/robots.txt"} == {topic, f"{topic}&p=2", f"{topic}&p=3"}


def test_every_post_is_stored_once_with_its_author(crawl, base_url):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.edited_by, p.text"
        " from posts p left join authors a on a.id = p.author_id order by p.position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"], r["author_id"]) for r in rows] == POSTS
    assert rows[3]["edited_by"] == "Marc"
    assert rows[3]["text"] == "Paul a raison : la bâche d'abord, la pompe ensuite."
    quotes = list(db.query("select q.quoted_author from quotes q join posts p on p.id = q.post_id"
                           " where p.native_id = '104' order by q.rowid"))
    assert quotes and quotes[0]["quoted_author"] == "Visiteur Paul"
    (thread,) = db.query("select native_id, title, page_count, forum from threads")
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("5", "Bassin qui fuit après l'hiver", 3)
    assert json.loads(thread["forum"]) == ["Index", "Jardin aquatique"]
    # The pages only: their pictures and stylesheets are captures too (tests/test_crawl_requisites.py).
    pages = set(warc_uris(crawl / "warc", pages_only=True)) - {f"{base_url}/robots.txt"}
    captures = [c for c in db.query("select url, engine, kind from captures") if c["url"] in pages]
    assert len(captures) == 3 and all((c["engine"], c["kind"]) == ("fluxbb", "thread_page") for c in captures)
    assert "crawl_errors" not in db.table_names()  # nothing lost (run_crawl also saw the crawl exit 0)
