"""Re-crawling an unchanged thread: revisit records or 304 exchanges, no second copy of anything.

Real ``scrapy crawl forum`` runs against the sample server, twice into the same WARC folder and
database; the records are checked with warcio and the database against a replay of the WARCs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from conftest import run_crawl
from test_replay import archive_rows
from warcio.archiveiterator import ArchiveIterator

from archive.warc_reader import iter_responses
from archive.warc_writer import NOT_MODIFIED_PROFILE, REVISIT_PROFILE
from crawler.cli import main as cli
from crawler.demo import SAMPLE_TOPIC


def records(paths) -> list[tuple]:
    found = []
    for path in paths:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, check_digests=True):
                found.append((record.rec_type, record.rec_headers, record.http_headers, record.raw_stream.read()))
    return found


def crawl_twice(server, out: Path, *second: str) -> tuple[list[Path], list[Path]]:
    run_crawl([server.url(SAMPLE_TOPIC)], out)
    first = sorted((out / "warc").glob("*.warc.gz"))
    run_crawl([server.url(SAMPLE_TOPIC)], out, "-a", "full=1", *second)  # every page again
    return first, sorted(set((out / "warc").glob("*.warc.gz")) - set(first))


@pytest.fixture(scope="module")
def revisited(sample_server, tmp_path_factory):
    """Second crawl with conditional requests off: the server answers 200, the archive sees the same bytes."""
    out = tmp_path_factory.mktemp("revisits")
    return (out, *crawl_twice(sample_server, out, "-s", "ARCHIVE_CONDITIONAL_REQUESTS=False"))


@pytest.fixture(scope="module")
def not_modified(sample_server, tmp_path_factory):
    """Second crawl with the defaults: conditional requests, answered 304 by the sample server."""
    out = tmp_path_factory.mktemp("conditional")
    return (out, *crawl_twice(sample_server, out))


def thread_urls(server) -> set[str]:
    topic = server.url(SAMPLE_TOPIC)
    return {topic, f"{topic}page/2/", f"{topic}page/3/"}


def assert_replay_equals_live(out: Path, tmp_path: Path) -> None:
    replayed = tmp_path / "replayed.db"
    assert cli(["replay", str(out / "warc"), "--db", str(replayed), "--quiet"]) == 0
    live, again = archive_rows(out / "archive.db"), archive_rows(replayed)
    # Tables other features keep for crawl runs only (not rebuilt by replay) are left out.
    assert set(again) <= set(live) and {"captures", "posts", "threads"} <= set(again)
    for table in again:
        assert again[table] == live[table], table


def test_second_crawl_writes_revisit_records_only(revisited, sample_server):
    out, first, second = revisited
    assert second, "the second crawl wrote its own WARC file"
    old = {r[1].get_header("WARC-Target-URI"): r for r in records(first) if r[0] == "response"}
    new = records(second)
    assert {r[0] for r in new} == {"warcinfo", "request", "revisit"}
    revisits = [r for r in new if r[0] == "revisit"]
    assert {r[1].get_header("WARC-Target-URI") for r in revisits} == thread_urls(sample_server) | {
        sample_server.url("/robots.txt")}
    for rec_type, headers, http, payload in revisits:
        original = old[headers.get_header("WARC-Target-URI")]
        assert headers.protocol == "WARC/1.1"
        assert headers.get_header("WARC-Profile") == REVISIT_PROFILE
        assert headers.get_header("WARC-Refers-To") == original[1].get_header("WARC-Record-ID")
        assert headers.get_header("WARC-Refers-To-Target-URI") == original[1].get_header("WARC-Target-URI")
        assert headers.get_header("WARC-Refers-To-Date") == original[1].get_header("WARC-Date")
        assert headers.get_header("WARC-Payload-Digest") == original[1].get_header("WARC-Payload-Digest")
        assert http.statusline == "200 OK" and http.get_header("ETag") == original[2].get_header("ETag")
        assert payload == b"", "a revisit keeps the HTTP headers and no payload"
        request = next(r for r in new if r[0] == "request"
                       and r[1].get_header("WARC-Concurrent-To") == headers.get_header("WARC-Record-ID"))
        assert request[2].get_header("If-None-Match") is None
    done = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *map(str, first + second)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_revisits_are_capture_rows_and_no_post_is_duplicated(revisited, tmp_path):
    out, first, second = revisited
    db = sqlite_utils.Database(out / "archive.db")
    assert db["posts"].count == 13
    rows = list(db.query("select r.url, r.kind, r.refers_to, o.id as original, o.kind as original_kind "
                         "from captures r join captures o on o.id = r.refers_to"))
    assert len(rows) == 4 and {r["kind"] for r in rows} == {"revisit"}
    # 4 exchanges (robots.txt, 3 pages) twice, and the 17 requisites once (not fetched again)
    assert db.execute("select count(*) from captures").fetchone()[0] == 4 * 2 + 17
    assert db.execute("select count(*) from posts where capture_id in (select id from captures where refers_to "
                      "is not null)").fetchone()[0] == 0
    assert_replay_equals_live(out, tmp_path)


def test_reader_resolves_a_revisit_to_its_original_body(revisited):
    out, first, second = revisited
    originals = {r.record_id: r for path in first for r in iter_responses(path)}
    plain = [r for path in second for r in iter_responses(path)]
    assert plain and all(r.is_revisit and r.body == b"" and r.refers_to in originals for r in plain)
    resolved = [r for path in second for r in iter_responses(path, resolve_revisits=True)]
    for revisit in resolved:
        assert revisit.body == originals[revisit.refers_to].body and revisit.body


def test_second_crawl_sends_conditional_requests_and_archives_304s(not_modified, sample_server, tmp_path):
    out, first, second = not_modified
    old = {r[1].get_header("WARC-Target-URI"): r for r in records(first) if r[0] == "response"}
    new = records(second)
    assert {r[0] for r in new} == {"warcinfo", "request", "revisit"}
    for url in thread_urls(sample_server):
        original = old[url]
        revisit = next(r for r in new if r[0] == "revisit" and r[1].get_header("WARC-Target-URI") == url)
        assert revisit[2].statusline == "304 Not Modified"
        assert revisit[1].get_header("WARC-Profile") == NOT_MODIFIED_PROFILE
        assert revisit[1].get_header("WARC-Refers-To") == original[1].get_header("WARC-Record-ID")
        request = next(r for r in new if r[0] == "request"
                       and r[1].get_header("WARC-Concurrent-To") == revisit[1].get_header("WARC-Record-ID"))
        assert request[2].get_header("If-None-Match") == original[2].get_header("ETag")
        assert request[2].get_header("If-Modified-Since") == original[2].get_header("Last-Modified")
    robots = next(r for r in new if r[1].get_header("WARC-Target-URI") == sample_server.url("/robots.txt")
                  and r[0] == "revisit")
    assert robots[1].get_header("WARC-Profile") == REVISIT_PROFILE  # never made conditional
    done = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *map(str, first + second)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr

    db = sqlite_utils.Database(out / "archive.db")
    assert db["posts"].count == 13
    confirmed = list(db.query("select url, refers_to from captures where kind = 'not_modified'"))
    assert {r["url"] for r in confirmed} == thread_urls(sample_server)  # pagination followed after each 304
    assert {r["refers_to"] for r in confirmed} == {old[u][1].get_header("WARC-Record-ID")
                                                   for u in thread_urls(sample_server)}
    etags = {r["url"]: r["etag"] for r in db.query("select url, etag from captures where status = 200 "
                                                   "and refers_to is null")}
    assert all(etags[u] == old[u][2].get_header("ETag") for u in thread_urls(sample_server))
    assert_replay_equals_live(out, tmp_path)
