"""Real ``scrapy crawl forum`` runs of Vanilla discussions on a loopback server: the HTML view
(``/discussion/42/pond-liner-leaks`` then ``/p2``, ``/p3``) and API v2 (``/api/v2/discussions/43``,
whose 65 comments come in three ``/api/v2/comments`` pages).

The server is the sample-forum server (it serves ``<path>/index.html``, so the discussion pages
need nothing more) with the API routes it lacks: ``/api/v2/discussions/{id}`` from
``api/v2/discussions/{id}.json``, and ``/api/v2/comments?discussionID=&page=&limit=`` sliced from
``api/v2/comments/{id}.json`` with the ``Link`` and ``x-app-page-*`` headers Vanilla sends.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_records, warc_uris
from loopback import serving

from crawler.demo_site.server import SampleForumHandler

SITE = DATA / "vanilla_site"
JSON_TYPE = "application/json; charset=utf-8"


class VanillaHandler(SampleForumHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        segments = parts.path.strip("/").split("/")
        if segments[:3] == ["api", "v2", "discussions"] and len(segments) == 4 and segments[3].isdigit():
            file = SITE / "api" / "v2" / "discussions" / f"{segments[3]}.json"
            if file.is_file():
                return self._send(200, self._render(file), JSON_TYPE)
            return self._send(404, b'{"message": "Discussion not found.", "status": 404}', JSON_TYPE)
        if segments == ["api", "v2", "comments"]:
            return self._comments(parse_qs(parts.query))
        return super().do_GET()

    def _comments(self, query: dict) -> None:
        discussion = query.get("discussionID", [""])[0]
        store = SITE / "api" / "v2" / "comments" / f"{discussion}.json"
        if not discussion.isdigit() or not store.is_file():
            return self._send(404, b'{"message": "Discussion not found.", "status": 404}', JSON_TYPE)
        page, limit = int(query.get("page", ["1"])[0]), int(query.get("limit", ["30"])[0])
        comments = json.loads(self._render(store))["comments"]
        body = json.dumps(comments[(page - 1) * limit:page * limit]).encode("utf-8")
        pages = max(1, math.ceil(len(comments) / limit))
        address = f"{self._base_url()}/api/v2/comments?discussionID={discussion}&limit={limit}&page="
        links = [f'<{address}1>; rel="first"'] + ([f'<{address}{page + 1}>; rel="next"'] if page < pages else [])
        return self._send(200, body, JSON_TYPE, extra=[
            ("Link", ", ".join(links)), ("x-app-page-current", str(page)), ("x-app-page-limit", str(limit)),
            ("x-app-page-result-count", str(len(comments)))])


@pytest.fixture(scope="module")
def vanilla_server():
    with serving(SITE, VanillaHandler) as url:
        yield url


@pytest.fixture(scope="module")
def html_crawl(vanilla_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("vanilla-html")
    run_crawl([f"{vanilla_server}/discussion/42/pond-liner-leaks"], out)
    return out


@pytest.fixture(scope="module")
def api_crawl(vanilla_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("vanilla-api")
    run_crawl([f"{vanilla_server}/api/v2/discussions/43"], out)
    return out


def test_html_pagination_is_followed_to_the_last_page(html_crawl, vanilla_server):
    fetched = set(warc_uris(html_crawl / "warc", pages_only=True))
    thread = f"{vanilla_server}/discussion/42/pond-liner-leaks"
    assert fetched == {f"{vanilla_server}/robots.txt", thread, f"{thread}/p2", f"{thread}/p3"}


def test_html_posts_are_stored_once_with_their_authors(html_crawl):
    db = sqlite_utils.Database(html_crawl / "archive.db")
    rows = list(db.query("select native_id, position, page, author_name, edited_by, text from posts order by position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"]) for r in rows] == [
        ("discussion/42", 1, 1, "reed_warbler"), ("1001", 2, 1, "fen_otter"), ("1002", 3, 1, "marsh_tit"),
        ("1003", 4, 1, "fen_otter"), ("1004", 5, 2, "marsh_tit"), ("1005", 6, 2, "reed_warbler"),
        ("1006", 7, 2, "fen_otter"), ("1007", 8, 3, "reed_warbler"),
    ]
    assert rows[6]["edited_by"] == "mod_kim"
    assert rows[5]["text"] == "Found it: a split under the third stone. Patch kit ordered."
    quotes = list(db.query("select q.quoted_author, q.text from quotes q join posts p on p.id = q.post_id"
                           " where p.native_id = '1005' order by q.rowid"))
    assert quotes and quotes[0]["quoted_author"] == "marsh_tit"
    thread = next(db.query("select * from threads"))
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("42", "Pond liner leaks after the frost", 3)
    assert json.loads(thread["forum"]) == ["Garden", "Liners"]
    assert "crawl_errors" not in db.table_names()  # nothing lost (run_crawl also saw the crawl exit 0)


def test_api_comment_pages_are_all_fetched(api_crawl, vanilla_server):
    records = warc_records(api_crawl / "warc")
    fetched = {r[2].get_header("WARC-Target-URI") for r in records if r[1] == "response"}
    comments = f"{vanilla_server}/api/v2/comments?discussionID=43"
    assert fetched == {f"{vanilla_server}/robots.txt", f"{vanilla_server}/api/v2/discussions/43",
                       *(f"{comments}&page={n}&limit=30" for n in (1, 2, 3))}
    response = next(r for r in records if r[1] == "response" and "page=2" in r[2].get_header("WARC-Target-URI"))
    assert response[3].get_header("x-app-page-current") == "2"  # the headers are archived with the answer


def test_api_posts_are_stored_once_with_their_authors(api_crawl):
    db = sqlite_utils.Database(api_crawl / "archive.db")
    rows = list(db.query("select native_id, position, author_name, text from posts order by position"))
    assert len(rows) == 66 == len({r["native_id"] for r in rows})
    assert (rows[0]["native_id"], rows[0]["position"], rows[0]["author_name"]) == ("discussion/43", 1, "marsh_tit")
    names = {0: "fen_otter", 1: "marsh_tit", 2: "reed_warbler"}
    for n, row in enumerate(rows[1:], start=1):
        assert (row["native_id"], row["position"], row["author_name"]) == (str(2000 + n), n + 1, names[n % 3])
        assert row["text"] == f"Filter note {n} from {names[n % 3]}."
    thread = next(db.query("select * from threads"))
    assert (thread["native_id"], thread["title"], thread["reply_count"]) == ("43", "Which pond filter for 3000 litres?", 65)
    assert thread["url"].endswith("/discussion/43/which-pond-filter")
