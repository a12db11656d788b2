"""``forum-archiver crawl``: real crawls of the loopback sample site, run as the installed command
from an empty folder outside the repository (no scrapy.cfg, no SCRAPY_SETTINGS_MODULE), exported
with ``-O`` as post and article items.

Expected values are written by hand from the sample pages (crawler/demo_site/pages): each post's
``data-commentid``, author link and ``<time datetime>``; each article's ``<title>`` and
``article:published_time``.
"""

from __future__ import annotations

import csv
import json
import os
import shlex
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import sqlite_utils
from conftest import ROOT, warc_records

from crawler.demo import SAMPLE_TOPIC

FORUM_ARCHIVER = Path(sys.executable).with_name("forum-archiver")
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]

# (post id, author, time, page) of the 13 posts, from the three pages of the sample topic.
POSTS = [
    ("2100101", "currenzcraze", "2021-11-07T21:14:37+00:00", 1),
    ("2100187", "yota691", "2021-11-08T12:05:19+00:00", 1),
    ("2100203", "yota691", "2021-11-08T13:22:48+00:00", 1),
    ("2100342", "jg1", "2021-11-09T18:35:07+00:00", 1),
    ("2100367", "coorslite21", "2021-11-09T22:47:30+00:00", 1),
    ("2100371", "jg1", "2021-11-09T23:35:52+00:00", 2),
    ("2100374", "coorslite21", "2021-11-09T23:58:05+00:00", 2),
    ("2100590", "yota691", "2021-11-11T19:12:44+00:00", 2),
    ("2100622", "yota691", "2021-11-12T11:48:26+00:00", 2),
    ("2100658", "Pitcher", "2021-11-12T16:20:09+00:00", 2),
    ("2101477", "yota691", "2021-11-27T14:05:31+00:00", 3),
    ("2101512", "Laid Back Jack", "2021-11-27T23:19:47+00:00", 3),
    ("2103265", "yota691", "2021-12-29T17:26:40+00:00", 3),
]
TITLE = "Iraqi officials: Prime minister survives assassination attempt"
FEED = "/aawsat/feed/rss.xml"
# The feed's two articles: the page's own (main) article's title and publication time.
FEED_ARTICLES = {
    "/aawsat/arab-world/3323981-head-irans-quds-force-visited-iraq-after-attack-pm/":
        ("Head of Iran’s Quds Force Visited Iraq after Attack on PM", "2021-11-08T16:45:00+03:00"),
    "/aawsat/arab-world/2160471-iraqi-intelligence-denies-involvement-soleimanis-assassination/":
        ("Iraqi Intelligence Denies Involvement in Soleimani's Assassination", "2020-03-04T11:00:00+03:00"),
}


def forum_archiver(cwd: Path, *args: str, status: int = 0) -> subprocess.CompletedProcess:
    """The installed ``forum-archiver`` in ``cwd``, without any Scrapy project setting in the environment."""
    env = {name: value for name, value in os.environ.items() if name != "SCRAPY_SETTINGS_MODULE"}
    done = subprocess.run([str(FORUM_ARCHIVER), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == status, done.stderr[-3000:]
    return done


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """An empty folder with no scrapy.cfg in it or above it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    assert not any((parent / "scrapy.cfg").exists() for parent in [folder, *folder.parents])
    assert ROOT not in [folder, *folder.parents]
    return folder


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def readme_recipe(start: str) -> list[str]:
    """The README line starting with ``start``, as arguments (its comment left out)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [line] = [line for line in readme.splitlines() if line.startswith(start)]
    return shlex.split(line, comments=True)


def test_forum_crawl_from_anywhere_exports_one_line_per_post(sample_server, elsewhere, tmp_path):
    db, warc = tmp_path / "out" / "forum.db", tmp_path / "out" / "warc"
    recipe = readme_recipe("forum-archiver crawl forum -a url=THREAD_URL -O posts.jsonl")
    recipe[recipe.index("url=THREAD_URL")] = f"url={sample_server.url(SAMPLE_TOPIC)}"
    forum_archiver(elsewhere, *recipe[1:], "-O", "posts.csv", "-s", f"ARCHIVE_DB={db}",
                   "-s", f"ARCHIVE_WARC_DIR={warc}", *FAST)
    posts = jsonl(elsewhere / "posts.jsonl")
    assert [(p["post_id"], p["author"]["name"], p["published_at"], p["page"]) for p in posts] == POSTS
    assert [p["position"] for p in posts] == list(range(1, 14))
    assert {(p["thread_id"], p["thread_title"], p["engine"]) for p in posts} == {("4242", TITLE, "ips")}
    jack = posts[11]
    assert jack["text"] == "Of course not they are a bunch of sneaky cowards."  # the quote below it left out
    assert [(q["author"], q["citation"]) for q in jack["quotes"]] == [("yota691", "9 hours ago, yota691 said:")]
    # -s ARCHIVE_DB and ARCHIVE_WARC_DIR honoured: nothing written where the command ran but the exports.
    assert sorted(p.name for p in elsewhere.iterdir()) == ["posts.csv", "posts.jsonl"]
    assert len(list(warc.glob("forum-*.warc.gz"))) == 1
    # Each item names the WARC record its post was read from, as the archive does.
    stored = {row["native_id"]: row["capture_id"] for row in sqlite_utils.Database(db)["posts"].rows}
    assert {p["post_id"]: p["capture_id"] for p in posts} == stored
    records = {headers.get_header("WARC-Record-ID"): headers.get_header("WARC-Target-URI")
               for _, kind, headers, _, _ in warc_records(warc) if kind == "response"}
    assert all(records[p["capture_id"]] == p["page_url"] for p in posts)
    # The CSV export: one row per post, nested fields as JSON text.
    with open(elsewhere / "posts.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["post_id"], json.loads(r["author"])["name"], r["published_at"]) for r in rows] == [
        (post_id, author, time) for post_id, author, time, _ in POSTS]
    assert rows[11]["text"] == jack["text"] and json.loads(rows[11]["quotes"])[0]["author"] == "yota691"


def test_crawl_that_loses_a_page_exits_1_as_scrapy_crawl_does(sample_server, elsewhere, tmp_path):
    done = forum_archiver(elsewhere, "crawl", "forum", "-a", f"url={sample_server.url('/topic/9999-gone/')}",
                          "-s", f"ARCHIVE_DB={tmp_path / 'a.db'}", "-s", f"ARCHIVE_WARC_DIR={tmp_path / 'warc'}",
                          *FAST, status=1)
    assert "1 page(s) lost (1 http)" in done.stderr


def test_bad_usage_fails_before_any_request(elsewhere):
    done = forum_archiver(elsewhere, "crawl", "forum", "-a", "url=ftp://f.example/x", status=1)
    assert "not http(s) URLs" in done.stderr
    assert forum_archiver(elsewhere, "crawl", "nosuch", status=1).stderr.count("Spider not found: nosuch")
    assert "-O FILE" in forum_archiver(elsewhere, "crawl", "-h").stdout
    assert list(elsewhere.iterdir()) == []


def news_crawl(cwd: Path, out: Path, server, name: str) -> tuple[list[dict], str]:
    done = forum_archiver(cwd, "crawl", "news", "-a", f"feed={server.url(FEED)}", "-O", name,
                          "-s", f"ARCHIVE_DB={out / 'news.db'}", "-s", f"ARCHIVE_WARC_DIR={out / 'warc'}", *FAST)
    return jsonl(cwd / name), done.stderr


def main_articles(items: list[dict], server) -> dict:
    return {item["page_url"].removeprefix(server.base_url): (item["title"], datetime.fromisoformat(item["published_at"]))
            for item in items if item["main"]}


def test_news_crawl_yields_article_items_and_reads_a_304_feed_from_the_archive(sample_server, elsewhere, tmp_path):
    expected = {path: (title, datetime.fromisoformat(time)) for path, (title, time) in FEED_ARTICLES.items()}
    first, _ = news_crawl(elsewhere, tmp_path, sample_server, "first.jsonl")
    assert main_articles(first, sample_server) == expected  # the same instants, whatever offset the item keeps
    assert all(item["capture_id"] and item["text"] for item in first)
    assert len(first) > 2  # the pages append further articles (infinite scroll): items of their own

    # Again: the server answers the conditional request for the feed with 304 (unchanged).
    second, stderr = news_crawl(elsewhere, tmp_path, sample_server, "second.jsonl")
    assert "cannot read feed" not in stderr and "'news/listings_not_modified': 1" in stderr
    feed_records = [(kind, http.get_statuscode()) for _, kind, headers, http, _ in warc_records(tmp_path / "warc")
                    if headers.get_header("WARC-Target-URI") == sample_server.url(FEED) and kind != "request"]
    # The 304 is followed by its replay copy (a 200 revisit of the stored feed, for pywb).
    assert feed_records == [("response", "200"), ("revisit", "304"), ("revisit", "200")]
    # Its articles were visited again (and read from their stored captures, themselves 304 now).
    assert main_articles(second, sample_server) == expected
    assert sorted(item["capture_id"] for item in second) == sorted(item["capture_id"] for item in first)


def test_a_304_feed_whose_stored_copy_is_gone_is_a_crawl_error_and_the_run_exits_1(sample_server, elsewhere, tmp_path):
    news_crawl(elsewhere, tmp_path, sample_server, "first.jsonl")
    for warc in (tmp_path / "warc").glob("*.warc.gz"):
        warc.unlink()  # the archive still knows the feed's capture; its WARC file is gone
    done = forum_archiver(elsewhere, "crawl", "news", "-a", f"feed={sample_server.url(FEED)}",
                          "-s", f"ARCHIVE_DB={tmp_path / 'news.db'}", "-s", f"ARCHIVE_WARC_DIR={tmp_path / 'warc'}",
                          *FAST, status=1)
    assert "cannot read " + sample_server.url(FEED) in done.stderr
    rows = list(sqlite_utils.Database(tmp_path / "news.db").query(
        "select kind, status from crawl_errors where url = ?", [sample_server.url(FEED)]))
    assert rows == [{"kind": "parser", "status": 304}]
