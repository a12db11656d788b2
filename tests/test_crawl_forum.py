"""A real ``scrapy crawl forum`` of the sample topic on a loopback server: WARC and database."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import sqlite_utils
from conftest import run_crawl, warc_records
from warcio.archiveiterator import ArchiveIterator

from crawler.demo import SAMPLE_TOPIC


def test_every_page_of_the_thread_is_fetched_and_nothing_outside_it(sample_crawl, sample_server, expected_thread):
    responses = [r for r in warc_records(sample_crawl / "warc") if r[1] == "response"]
    urls = {r[2].get_header("WARC-Target-URI") for r in responses}
    topic = sample_server.url(SAMPLE_TOPIC)
    pages = {topic} | {f"{topic}page/{n}/" for n in range(2, expected_thread["thread"]["page_count"] + 1)}
    assert pages <= urls
    # Besides the pages: robots.txt and the pages' requisites (tests/test_crawl_requisites.py), nothing.
    others = {url for url in urls - pages if not url.startswith(sample_server.url("/uploads/"))}
    assert others == {sample_server.url("/robots.txt")}


def test_warc_files_pass_warcio_check(sample_crawl):
    files = sorted((sample_crawl / "warc").glob("*.warc.gz"))
    assert files and all(f.name.startswith("forum-") for f in files)
    done = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *map(str, files)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_gzip_response_is_archived_raw_with_repeated_headers(sample_crawl, sample_server):
    records = warc_records(sample_crawl / "warc")
    assert records[0][1] == "warcinfo"
    by_id = {r[2].get_header("WARC-Record-ID"): r for r in records}
    response = next(r for r in records if r[1] == "response"
                    and r[2].get_header("WARC-Target-URI") == sample_server.url(SAMPLE_TOPIC))
    http = response[3]
    assert http.protocol == "HTTP/1.1" and http.statusline == "200 OK"
    assert http.get_header("Content-Encoding") == "gzip"
    body = response[4]
    assert body[:2] == b"\x1f\x8b", "the body must be stored as sent, still gzip-compressed"
    assert b"elComment_" in gzip.decompress(body)
    assert len([v for k, v in http.headers if k.lower() == "set-cookie"]) == 2
    assert response[2].get_header("WARC-IP-Address") == "127.0.0.1"
    request = next(r for r in records if r[1] == "request"
                   and r[2].get_header("WARC-Concurrent-To") == response[2].get_header("WARC-Record-ID"))
    assert request[3].get_header("Host") == sample_server.base_url.removeprefix("http://")
    assert "gzip" in request[3].get_header("Accept-Encoding")
    assert len(by_id) == len(records)


def test_redirect_hops_and_query_strings_are_recorded(sample_server, expected_thread, tmp_path):
    post = expected_thread["posts"][7]  # on page 2
    permalink = sample_server.url(post["url_path"])
    assert "?" in permalink
    run_crawl([permalink], tmp_path)
    records = warc_records(tmp_path / "warc")
    hop = next(r for r in records if r[1] == "response" and r[2].get_header("WARC-Target-URI") == permalink)
    assert hop[3].statusline == "301 Moved Permanently"
    assert hop[3].get_header("Location").endswith(f"/page/2/#comment-{post['post_id']}")
    hop_request = next(r for r in records if r[1] == "request"
                       and r[2].get_header("WARC-Concurrent-To") == hop[2].get_header("WARC-Record-ID"))
    assert hop_request[3].statusline.startswith(permalink.split(sample_server.base_url)[1] + " ")
    db = sqlite_utils.Database(tmp_path / "archive.db")
    assert db.execute("select count(*) from captures where status = 301").fetchone()[0] == 1
    # The crawl went on from page 2 to the last page.
    assert db.execute("select count(distinct page) from posts").fetchone()[0] == 2


def test_database_holds_the_thirteen_posts_as_written(sample_crawl, sample_server, expected_thread):
    db = sqlite_utils.Database(sample_crawl / "archive.db")
    posts = list(db.query("select * from posts order by position"))
    expected = expected_thread["posts"]
    assert len(posts) == len(expected) == 13
    for row, want in zip(posts, expected):
        assert row["native_id"] == want["post_id"]
        assert row["position"] == want["position"]
        assert row["author_name"] == want["author"]["name"]
        author = db["authors"].get(row["author_id"])
        assert author["native_id"] == want["author"]["id"]
        assert row["published_at"] == want["published_at"]
        assert row["edited_at"] == want["edited_at"] and row["edited_by"] == want["edited_by"]
        assert bool(row["news_repost"]) == want["news_repost"], f"post {want['position']}"
        reposts = db.execute("select count(*) from reposts where post_id = ?", [row["id"]]).fetchone()[0]
        assert reposts == int(want["news_repost"]), f"post {want['position']}"
        assert " ".join(row["text"].split()) == want["text"], f"post {want['position']}"
        reactions = {r["name"]: r["count"] for r in db.query("select * from reactions where post_id = ?", [row["id"]])}
        assert reactions == want["reactions"], f"post {want['position']}"
        assert quote_tree(db, row["id"]) == [strip_quote(q) for q in want["quotes"]], f"post {want['position']}"
        capture = db["captures"].get(row["capture_id"])
        assert capture["warc_file"].endswith(".warc.gz") and capture["status"] == 200


def test_posts_trace_back_to_their_warc_record(sample_crawl):
    db = sqlite_utils.Database(sample_crawl / "archive.db")
    row = next(db.query("select c.* from posts p join captures c on c.id = p.capture_id limit 1"))
    with open(sample_crawl / "warc" / row["warc_file"], "rb") as fh:
        fh.seek(row["warc_offset"])
        record = next(iter(ArchiveIterator(fh)))
        assert record.rec_headers.get_header("WARC-Record-ID") == row["id"]
        assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]


def test_second_crawl_adds_no_duplicates(sample_server, tmp_path):
    run_crawl([sample_server.url(SAMPLE_TOPIC)], tmp_path)
    db_path = tmp_path / "archive.db"
    before = table_counts(db_path)
    run_crawl([sample_server.url(SAMPLE_TOPIC)], tmp_path, "-a", "full=1")  # every page again
    after = table_counts(db_path)
    for table in ("sites", "threads", "authors", "posts", "quotes", "reactions"):
        assert after[table] == before[table], table
    # The second run's exchanges are new captures (history), each stored once: robots.txt and
    # the three pages; the requisites are archived already and not fetched again.
    assert after["captures"] == before["captures"] + 4
    assert after["crawl_runs"] == 2


def quote_tree(db, post_id: str, parent: str | None = None) -> list[dict]:
    rows = db.query("select * from quotes where post_id = ? and parent_id is ? order by position", [post_id, parent])
    return [{"author": q["quoted_author"], "author_id": q["quoted_author_id"], "post_id": q["quoted_post_id"],
             "thread_id": q["quoted_thread_id"], "published_at": q["quoted_at"], "citation": q["citation"],
             "text": " ".join(q["text"].split()), "quotes": quote_tree(db, post_id, q["id"])} for q in rows]


def strip_quote(quote: dict) -> dict:
    return {key: ([strip_quote(q) for q in quote["quotes"]] if key == "quotes" else quote[key])
            for key in ("author", "author_id", "post_id", "thread_id", "published_at", "citation", "text", "quotes")}


def table_counts(db_path: Path) -> dict[str, int]:
    db = sqlite_utils.Database(db_path)
    return {name: db[name].count for name in db.table_names()}


def test_small_rotation_size_gives_several_whole_files(sample_server, tmp_path):
    run_crawl([sample_server.url(SAMPLE_TOPIC)], tmp_path, "-s", "ARCHIVE_WARC_MAX_SIZE=10000")
    files = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert len(files) >= 3
    for path in files:
        with open(path, "rb") as fh:
            kinds = [r.rec_type for r in ArchiveIterator(fh)]
        assert kinds[0] == "warcinfo"
        assert kinds[1:] == ["response", "request"] * ((len(kinds) - 1) // 2)
    db = sqlite_utils.Database(tmp_path / "archive.db")
    assert db["posts"].count == 13
    assert {r["warc_file"] for r in db.query("select warc_file from captures")} == {f.name for f in files}
