"""Real ``scrapy crawl forum`` runs of a NodeBB topic on a loopback server: the HTML pages (the
Harmony theme, ``?page=N`` pagination from ``<link rel="next">``), the read API
(``/api/topic/31/quoting-the-quoted`` and its ``?page=2``), and a Persona 1.x page read from its
markup.

The server is the sample-forum server with the routes NodeBB has and it lacks: ``/api/...`` paths
served as ``application/json`` from ``<path>/index.json`` (``<path>/page-N/index.json`` for
``?page=N``), and ``?page=N`` of a page served from ``<path>/page-N/index.html``.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_records, warc_uris
from loopback import PageQueryHandler, serving

SITE = DATA / "nodebb_site"
TOPIC = "/topic/31/quoting-the-quoted"
NOT_FOUND_JSON = b'{"status": {"code": "not-found", "message": "Not Found"}, "response": {}}'


class NodeBBHandler(PageQueryHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        page = parse_qs(parts.query).get("page", [""])[0]
        folder = parts.path.rstrip("/") + (f"/page-{page}" if page.isdigit() and page != "1" else "")
        if parts.path.startswith("/api/"):
            file = SITE / folder.strip("/") / "index.json"
            if ".." not in folder and file.is_file():
                return self._send(200, file.read_bytes(), "application/json; charset=utf-8")
            return self._send(404, NOT_FOUND_JSON, "application/json; charset=utf-8")
        if page.isdigit() and page != "1":
            return self._send_page_n(parts.path, page)
        return super().do_GET()


@pytest.fixture(scope="module")
def nodebb_server():
    with serving(SITE, NodeBBHandler) as url:
        yield url


@pytest.fixture(scope="module")
def html_crawl(nodebb_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nodebb-html")
    run_crawl([f"{nodebb_server}{TOPIC}"], out)
    return out


@pytest.fixture(scope="module")
def api_crawl(nodebb_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nodebb-api")
    run_crawl([f"{nodebb_server}/api{TOPIC}"], out)
    return out


@pytest.fixture(scope="module")
def persona_crawl(nodebb_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nodebb-persona")
    run_crawl([f"{nodebb_server}/topic/7/which-mower"], out)
    return out


# Read by hand off the fixtures: (pid, position, page, author, uid, text).
TOPIC_31_POSTS = [
    ("301", 1, 1, "marigold", "11", "How often should I turn the compost heap?"),
    ("302", 2, 1, "basil", "12", "Every two weeks in summer."),
    ("303", 3, 1, "thyme", "13", ""),  # deleted: kept in its place, its words hidden from guests
    ("304", 4, 2, "marigold", "11", "Thanks. My grandmother's rule:\n\nSee the guide 🌱"),
    ("305", 5, 2, "sorrel", "14", "Turning it weekly works for me."),
]


def stored_posts(out: Path) -> list[tuple]:
    db = sqlite_utils.Database(out / "archive.db")
    rows = list(db.query("""select p.native_id, p.position, p.page, p.author_name, a.native_id as uid, p.text
                            from posts p left join authors a on a.id = p.author_id order by p.position"""))
    assert db.execute("select count(*) from posts").fetchone()[0] == len({r["native_id"] for r in rows})
    return [(r["native_id"], r["position"], r["page"], r["author_name"], r["uid"], r["text"]) for r in rows]


def fetched(out: Path) -> set[str]:
    return set(warc_uris(out / "warc", pages_only=True))


def test_html_crawl_follows_page_two(html_crawl, nodebb_server):
    topic = f"{nodebb_server}{TOPIC}"
    assert fetched(html_crawl) == {f"{nodebb_server}/robots.txt", topic, f"{topic}?page=2"}


def test_html_crawl_stores_every_post_once_with_its_author(html_crawl):
    assert stored_posts(html_crawl) == TOPIC_31_POSTS


def test_html_crawl_stores_the_quote_tree_and_votes(html_crawl):
    db = sqlite_utils.Database(html_crawl / "archive.db")
    quotes = list(db.query("""select q.quoted_author, q.quoted_post_id, q.text from quotes q
                              join posts p on p.id = q.post_id where p.native_id = '304'"""))
    assert {(q["quoted_author"], q["quoted_post_id"], q["text"]) for q in quotes} == {
        ("basil", "302", "Every two weeks in summer."),
        ("marigold", "301", "How often should I turn the compost heap?"),
        (None, None, "Green then brown."),
    }
    votes = list(db.query("""select r.name, r.count from reactions r join posts p on p.id = r.post_id
                             where p.native_id = '302' order by r.name"""))
    assert votes == [{"name": "Downvote", "count": 1}, {"name": "Upvote", "count": 2}]
    thread = next(db.query("select * from threads"))
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("31", "Quoting the quoted", 2)
    assert json.loads(thread["forum"]) == ["Outdoors", "Gardening"]


def test_api_crawl_pages_on_through_the_api(api_crawl, nodebb_server):
    api = f"{nodebb_server}/api{TOPIC}"
    assert fetched(api_crawl) == {f"{nodebb_server}/robots.txt", api, f"{api}?page=2"}
    records = warc_records(api_crawl / "warc")
    first = next(r for r in records if r[1] == "response" and r[2].get_header("WARC-Target-URI") == api)
    assert first[3].get_header("Content-Type").startswith("application/json")


def test_api_crawl_stores_the_same_posts(api_crawl):
    assert stored_posts(api_crawl) == TOPIC_31_POSTS
    db = sqlite_utils.Database(api_crawl / "archive.db")
    (edited,) = db.query("select edited_at, edited_by from posts where native_id = '301'")
    assert (edited["edited_at"], edited["edited_by"]) == ("2024-05-01T09:30:00+00:00", "marigold")


def test_persona_page_is_stored_from_its_markup(persona_crawl):
    assert [row[:5] for row in stored_posts(persona_crawl)] == [
        ("70", 1, 1, "oakleaf", "3"), ("71", 2, 1, "pine needle", "4"), ("72", 3, 1, "fern", "5"),
        ("73", 4, 1, "oakleaf", "3")]
