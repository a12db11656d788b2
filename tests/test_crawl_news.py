"""A real ``scrapy crawl news`` of the sample news (feed, sitemap, direct URLs), and its replay."""

from __future__ import annotations

import json
import subprocess

import pytest
import sqlite_utils
from conftest import DATA
from test_replay import archive_rows

from crawler.cli import main as cli
from crawler.demo import crawl_command, news_arguments, scrapy_env

TRUTH = json.loads((DATA / "news_samples.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def news_crawl(sample_server, tmp_path_factory):
    out = tmp_path_factory.mktemp("news")
    command = crawl_command("", out / "warc", out / "archive.db", "news", news_arguments(sample_server.base_url))
    done = subprocess.run(command, env=scrapy_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_every_sample_article_is_archived_once(news_crawl):
    db = sqlite_utils.Database(news_crawl / "archive.db")
    want = {a["url"] for page in TRUTH["pages"] for a in page["articles"]}
    got = {row["url"] for row in db.query("select url from articles")}
    assert got == want
    # Five pages: each page's own article, plus the appended ones, each linked to its capture.
    assert db.execute("select count(*) from article_captures where main = 1").fetchone()[0] == 5
    assert db.execute("select count(*) from article_captures where main = 0").fetchone()[0] == \
        sum(not a["main"] for page in TRUTH["pages"] for a in page["articles"])


def test_one_article_at_two_urls_is_one_row_with_two_captures(news_crawl):
    db = sqlite_utils.Database(news_crawl / "archive.db")
    rows = list(db.query("""select a.id, count(distinct c.url) as urls from articles a
                            join article_captures ac on ac.article_id = a.id and ac.main = 1
                            join captures c on c.id = ac.capture_id group by a.id having urls > 1"""))
    assert [r["urls"] for r in rows] == [2]
    assert rows[0]["id"] == "english.aawsat.com/arab-world/2160471-iraqi-intelligence-denies-involvement-soleimanis-assassination"


def test_arabic_page_in_windows_1256_is_read_right(news_crawl):
    db = sqlite_utils.Database(news_crawl / "archive.db")
    row = db["articles"].get("aawsat.com/node/4567890")
    page = next(p for p in TRUTH["pages"] if p["path"].startswith("/aawsat-ar/"))
    want = page["articles"][0]
    assert (row["title"], row["language"]) == (want["title"], "ar")
    # Printed "١٦:٤٥ بتوقيت السعودية": 16:45 Saudi time, kept in the page's own offset; sortable in UTC.
    assert (row["published_at"], row["published_utc"]) == ("2021-11-08T16:45:00+03:00", "2021-11-08T13:45:00+00:00")
    assert " ".join(want["first_paragraph"].split()) in row["text"]


def test_replay_rebuilds_the_news_rows_with_the_parser_the_crawl_used(news_crawl, tmp_path):
    replayed = tmp_path / "replayed.db"
    assert cli(["replay", str(news_crawl / "warc"), "--db", str(replayed), "--quiet"]) == 0
    live, again = archive_rows(news_crawl / "archive.db"), archive_rows(replayed)
    assert live["articles"] and again == live
