"""Real ``scrapy crawl forum`` runs of a Flarum discussion on a loopback server: the forum pages
(payload and noscript view, ``?page=N`` from ``<link rel="next">``) and the JSON:API
(``/api/discussions/7``, then ``/api/posts?filter[discussion]=7&page[offset]=N`` by ``links.next``).

The server is the sample-forum server with the routes Flarum has and it lacks: ``?page=N`` served
from ``<path>/page-N/index.html``, ``/api/discussions/{id}`` from ``api/discussions/{id}.json`` and
``/api/posts`` from ``api/posts/{discussion}/offset-{N}.json``.

Flarum answers its API as ``application/vnd.api+json``; the shared API crawl here is served as
``application/json``, and one more crawl is served with Flarum's own type, which the archive's
ingest (``archive/ingest.py``, ``should_parse``) reads as any ``+json`` type.
The fixture site is tests/data/flarum_site (see its SOURCE.md): 45 posts, one of them the rename
event that is no post, so 44 posts, ids 7001-7045 without 7004.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_records, warc_uris
from loopback import PageQueryHandler, serving

SITE = DATA / "flarum_site"
API_TYPE = "application/vnd.api+json"  # what Flarum sends
JSON_TYPE = "application/json; charset=utf-8"
NOT_FOUND = b'{"errors":[{"status":"404","code":"not_found"}]}'
POST_IDS = [str(7000 + n) for n in range(1, 46) if n != 4]


def author_of(number: int) -> str:
    """The fixture's authors, read off SOURCE.md and posts 1-9 and 40 of the fixture."""
    special = {1: "birch", 2: "maple", 3: "oak_leaf", 5: "willow", 6: "spammer_joe", 7: "maple", 8: None,
               9: "birch", 40: "willow"}
    return special[number] if number in special else ["birch", "maple", "oak_leaf", "willow"][number % 4]


class FlarumHandler(PageQueryHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path.startswith("/api/discussions/"):
            return self._json(SITE / "api" / "discussions" / f"{parts.path.rsplit('/', 1)[-1]}.json")
        if parts.path == "/api/posts":
            discussion = query.get("filter[discussion]", [""])[0]
            offset = query.get("page[offset]", ["0"])[0]
            return self._json(SITE / "api" / "posts" / discussion / f"offset-{offset}.json")
        page = query.get("page", [""])[0]
        if page.isdigit() and page != "1":
            return self._send_page_n(parts.path, page)
        return super().do_GET()

    def _json(self, file: Path) -> None:
        if ".." in file.as_posix() or not file.is_file():
            return self._send(404, NOT_FOUND, self.server.api_type)
        return self._send(200, self._render(file), self.server.api_type)


@pytest.fixture(scope="module")
def flarum_server():
    with serving(SITE, FlarumHandler, api_type=JSON_TYPE) as url:
        yield url


@pytest.fixture(scope="module")
def html_crawl(flarum_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("flarum-html")
    run_crawl([f"{flarum_server}/d/7-garden-shed-roof"], out)
    return out


@pytest.fixture(scope="module")
def api_crawl(flarum_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("flarum-api")
    run_crawl([f"{flarum_server}/api/discussions/7"], out)
    return out


def fetched(crawl: Path) -> set[str]:
    return set(warc_uris(crawl / "warc", pages_only=True))


def stored_posts(crawl: Path) -> list[dict]:
    db = sqlite_utils.Database(crawl / "archive.db")
    return list(db.query("select native_id, position, page, author_name, published_at, text from posts"
                         " order by position"))


def test_page_links_are_followed_to_the_last_page(html_crawl, flarum_server):
    topic = f"{flarum_server}/d/7-garden-shed-roof"
    assert fetched(html_crawl) == {f"{flarum_server}/robots.txt", topic, f"{topic}?page=2", f"{topic}?page=3"}


def test_pages_store_every_post_once_with_its_author(html_crawl):
    rows = stored_posts(html_crawl)
    assert [r["native_id"] for r in rows] == POST_IDS  # once each, in order
    for row in rows:
        number = int(row["native_id"]) - 7000
        assert (row["position"], row["author_name"]) == (number, author_of(number))
        assert row["page"] == (number - 1) // 20 + 1
    assert rows[0]["published_at"] == "2024-04-01T11:00:00+00:00"
    assert next(r for r in rows if r["native_id"] == "7021")["text"] == "Shed note 21 from maple."
    thread = next(sqlite_utils.Database(html_crawl / "archive.db").query("select * from threads"))
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("7", "Garden shed roof leaks", 3)
    assert json.loads(thread["forum"]) == ["Outdoors", "Roofing"]


def test_pages_store_the_quote_tree(html_crawl):
    db = sqlite_utils.Database(html_crawl / "archive.db")
    quotes = list(db.query("select q.quoted_author, q.quoted_post_id, q.text from quotes q join posts p"
                           " on p.id = q.post_id where p.native_id = '7005' order by q.id"))
    assert {(q["quoted_author"], q["quoted_post_id"], q["text"]) for q in quotes} == {
        ("Oak Leaf", "7003", "Ridge caps are cheap, agreed."), ("Maple", "7002", "Try a new ridge cap first.")}


def test_api_answers_are_followed_by_links_next(api_crawl, flarum_server):
    posts = f"{flarum_server}/api/posts?filter%5Bdiscussion%5D=7&sort=number"
    assert fetched(api_crawl) == {f"{flarum_server}/robots.txt", f"{flarum_server}/api/discussions/7",
                                  f"{posts}&page%5Boffset%5D=20", f"{posts}&page%5Boffset%5D=40"}
    records = warc_records(api_crawl / "warc")
    discussion = next(r for r in records if r[1] == "response"
                      and r[2].get_header("WARC-Target-URI").endswith("/api/discussions/7"))
    assert discussion[3].get_header("Content-Type") == JSON_TYPE


def test_api_stores_every_post_once_with_its_author(api_crawl):
    rows = stored_posts(api_crawl)
    assert [r["native_id"] for r in rows] == POST_IDS
    for row in rows:
        number = int(row["native_id"]) - 7000
        assert (row["position"], row["author_name"]) == (number, author_of(number))
    db = sqlite_utils.Database(api_crawl / "archive.db")
    assert db.execute("select count(*) from posts").fetchone()[0] == 44
    thread = next(db.query("select * from threads"))
    assert (thread["native_id"], thread["title"], thread["started_at"]) == (
        "7", "Garden shed roof leaks", "2024-04-01T11:00:00+00:00")
    likes = list(db.query("select r.name, r.count from reactions r join posts p on p.id = r.post_id"
                          " where p.native_id = '7002'"))
    assert likes == [{"name": "Like", "count": 3}]


def test_api_crawl_with_flarums_own_content_type(tmp_path):
    with serving(SITE, FlarumHandler, api_type=API_TYPE) as url:
        run_crawl([f"{url}/api/discussions/7"], tmp_path)
    assert [r["native_id"] for r in stored_posts(tmp_path)] == POST_IDS
