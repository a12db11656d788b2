"""Real ``scrapy crawl forum`` runs of Discourse topics on a loopback server: the JSON API (a topic
whose stream is longer than its first answer, fetched on through posts.json batches) and the HTML
crawler view (``?page=N`` pagination).

The server is the sample-forum server with the few Discourse routes it lacks: ``.json`` paths
served as ``application/json``, ``/t/{id}/posts.json?post_ids[]=...`` answered from the topic's
full post list by the ids asked, and ``?page=N`` served from ``<path>/page-N/index.html``.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, warc_records
from loopback import PageQueryHandler, serving

SITE = DATA / "discourse_site"
TOPIC_JSON = SITE / "t" / "garden-shed" / "77.json"
ALL_POSTS = SITE / "t" / "77" / "all-posts.json"


class DiscourseHandler(PageQueryHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        segments = parts.path.strip("/").split("/")
        if len(segments) == 3 and segments[0] == "t" and segments[1].isdigit() and segments[2] == "posts.json":
            return self._posts(segments[1], query.get("post_ids[]", []))
        if parts.path.endswith(".json"):
            file = SITE / parts.path.strip("/")
            if ".." not in parts.path and file.is_file():
                return self._send(200, file.read_bytes(), "application/json; charset=utf-8")
            return self._send(404, b'{"errors": ["not found"], "error_type": "not_found"}', "application/json")
        page = query.get("page", [""])[0]
        if page.isdigit() and page != "1":
            return self._send_page_n(parts.path, page)
        return super().do_GET()

    def _posts(self, topic_id: str, wanted: list[str]) -> None:
        store = SITE / "t" / topic_id / "all-posts.json"
        if not store.is_file():
            return self._send(404, b'{"errors": ["not found"], "error_type": "not_found"}', "application/json")
        ids = {int(i) for i in wanted if i.isdigit()}
        posts = [p for p in json.loads(store.read_text(encoding="utf-8"))["posts"] if p["id"] in ids]
        body = json.dumps({"post_stream": {"posts": posts}, "id": int(topic_id)}).encode("utf-8")
        return self._send(200, body, "application/json; charset=utf-8")


@pytest.fixture(scope="module")
def discourse_server():
    with serving(SITE, DiscourseHandler) as url:
        yield url


@pytest.fixture(scope="module")
def json_crawl(discourse_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("discourse-json")
    run_crawl([f"{discourse_server}/t/garden-shed/77.json"], out)
    return out


@pytest.fixture(scope="module")
def html_crawl(discourse_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("discourse-html")
    run_crawl([f"{discourse_server}/t/pond-pump/88"], out)
    return out


def test_every_post_of_the_stream_is_stored_once(json_crawl):
    topic = json.loads(TOPIC_JSON.read_text(encoding="utf-8"))
    stream = topic["post_stream"]["stream"]
    assert len(stream) == 45 and len(topic["post_stream"]["posts"]) == 20  # 25 left for posts.json
    db = sqlite_utils.Database(json_crawl / "archive.db")
    rows = list(db.query("select native_id, position, author_name, text from posts order by position"))
    assert sorted(int(r["native_id"]) for r in rows) == sorted(stream)
    assert db.execute("select count(*) from posts").fetchone()[0] == len(stream) == len({r["native_id"] for r in rows})
    everything = {p["id"]: p for p in json.loads(ALL_POSTS.read_text(encoding="utf-8"))["posts"]}
    for row in rows:
        post = everything[int(row["native_id"])]
        assert (row["position"], row["author_name"]) == (post["post_number"], post["username"])
        assert row["text"] == f"Shed note {post['post_number']} from {post['username']}."
    thread = next(db.query("select * from threads"))
    assert thread["native_id"] == "77"


def test_thread_metadata_from_the_topic_answer_survives_the_batches(json_crawl):
    thread = next(sqlite_utils.Database(json_crawl / "archive.db").query("select * from threads"))
    assert (thread["title"], json.loads(thread["tags"] or "[]")) == ("Garden shed", ["sheds"])
    assert thread["started_at"] == "2024-04-01T11:00:00+00:00"


def test_warc_holds_the_batched_posts_json_requests(json_crawl, discourse_server):
    records = warc_records(json_crawl / "warc")
    requests = [r[2].get_header("WARC-Target-URI") for r in records if r[1] == "request"]
    batches = [u for u in requests if urlsplit(u).path == "/t/77/posts.json"]
    asked = [[int(i) for i in parse_qs(urlsplit(u).query)["post_ids[]"]] for u in batches]
    # The first answer held posts 1-21 (post 13 was deleted, so that is 20 posts): 22-46 are asked for.
    assert sorted(asked, key=len, reverse=True) == [list(range(7722, 7742)), [7742, 7743, 7744, 7745, 7746]]
    responses = [r for r in records if r[1] == "response"]
    topic_response = next(r for r in responses if r[2].get_header("WARC-Target-URI").endswith("/t/garden-shed/77.json"))
    assert topic_response[3].get_header("Content-Type").startswith("application/json")
    assert {r[2].get_header("WARC-Target-URI") for r in responses} == {
        f"{discourse_server}/robots.txt", f"{discourse_server}/t/garden-shed/77.json", *batches}


def test_quote_across_batches_is_stored(json_crawl):
    db = sqlite_utils.Database(json_crawl / "archive.db")
    (quote,) = db.query("select q.* from quotes q join posts p on p.id = q.post_id where p.position = 40")
    # Post 40 came in a posts.json batch that does not hold post 2: the quote names it by number.
    assert (quote["quoted_author"], quote["quoted_post_id"], quote["quoted_thread_id"]) == ("birch", "77/2", "77")
    likes = list(db.query("select r.name, r.count from reactions r join posts p on p.id = r.post_id where p.position = 3"))
    assert likes == [{"name": "Like", "count": 1}]


def test_crawler_view_pagination_is_followed_to_the_last_page(html_crawl, discourse_server):
    records = warc_records(html_crawl / "warc")
    fetched = {r[2].get_header("WARC-Target-URI") for r in records if r[1] == "response"}
    topic = f"{discourse_server}/t/pond-pump/88"
    assert fetched == {f"{discourse_server}/robots.txt", topic, f"{topic}?page=2", f"{topic}?page=3"}


def test_crawler_view_posts_are_stored_with_their_authors(html_crawl):
    db = sqlite_utils.Database(html_crawl / "archive.db")
    rows = list(db.query("select native_id, position, page, author_name, published_at, text from posts order by position"))
    assert [(r["native_id"], r["position"], r["page"], r["author_name"]) for r in rows] == [
        ("88/1", 1, 1, "lily_pad"), ("88/2", 2, 1, "koi_keeper"), ("88/3", 3, 1, "lily_pad"),
        ("88/4", 4, 2, "lily_pad"), ("88/5", 5, 2, "frog_fan"), ("88/6", 6, 2, "koi_keeper"),
        ("88/7", 7, 3, "lily_pad"),
    ]
    assert rows[0]["published_at"] == "2024-07-01T06:00:00+00:00"
    assert rows[2]["text"] == "Will do tonight."
    (quote,) = db.query("select * from quotes")
    assert (quote["quoted_author"], quote["quoted_post_id"], quote["text"]) == ("koi_keeper", "88/2",
                                                                                "Check the impeller for grit.")
    thread = next(db.query("select * from threads"))
    assert (thread["native_id"], thread["title"], thread["page_count"]) == ("88", "Pond pump hums at night", 3)
    assert json.loads(thread["forum"]) == ["Ponds"]
