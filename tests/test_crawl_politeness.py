"""Politeness and errors: faults end up in crawl_errors or are retried to success; walls pause a site.

The crawls run against ``tests/fault_server.py`` on 127.0.0.1 with tiny delays (Retry-After: 1,
``ARCHIVE_MAX_BACKOFF=1``, ``DOWNLOAD_TIMEOUT=1``) and a low ``DOWNLOAD_MAXSIZE``.
"""

from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from types import SimpleNamespace

import pytest
import sqlite_utils
from conftest import LoopbackServer, run_crawl
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from archive.errors import ensure_errors_table, record_error
from crawler.demo import SAMPLE_TOPIC
from crawler.middlewares.backoff import backoff_delay, parse_retry_after
from crawler.middlewares.cookies_file import CookiesFileMiddleware
from crawler.middlewares.errors import PausedRequest
from crawler.middlewares.user_agent import ContactUserAgentMiddleware
from crawler.middlewares.walls import WallPauseMiddleware

FAST = ["-s", "RETRY_TIMES=1", "-s", "DOWNLOAD_TIMEOUT=1", "-s", "ARCHIVE_MAX_BACKOFF=1",
        "-s", "ARCHIVE_BACKOFF_BASE=0.1", "-s", "DOWNLOAD_MAXSIZE=150000",
        # Pages only: with one-second timeouts, the sample page's pictures would take the slots the
        # retries are timed in (requisites are tests/test_crawl_requisites.py's).
        "-s", "ARCHIVE_REQUISITES=False"]


@pytest.fixture(scope="module")
def fault_server():
    server = LoopbackServer(["tests/fault_server.py"])
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fault_crawl(fault_server, tmp_path_factory):
    out = tmp_path_factory.mktemp("politeness")
    paths = ["too-many-requests", "unavailable", "hang", "reset", "truncated", "windows-1256", "gzip-bomb", "large"]
    run_crawl([fault_server.url(f"/faults/{p}/") for p in paths], out, *FAST, lost=True)
    return sqlite_utils.Database(out / "archive.db")


def _errors(db) -> dict[str, dict]:
    return {r["url"].split("/faults/")[1].strip("/"): r for r in db.query(
        "select url, kind, status, detail, crawl_run_id, time from crawl_errors where url like '%/faults/%'")}


def _statuses(db, name: str) -> list[int]:
    return [r["status"] for r in db.query("select status from captures where url like ? order by captured_at",
                                          [f"%/faults/{name}/"])]


def test_final_failures_are_recorded_with_their_kind(fault_crawl):
    errors = _errors(fault_crawl)
    assert {name: row["kind"] for name, row in errors.items()} == {
        "hang": "timeout", "reset": "connection", "truncated": "dataloss", "gzip-bomb": "too_large",
        "large": "too_large",
        # Retried to success, but what they serve then is a plain page, not a forum thread.
        "too-many-requests": "parser", "unavailable": "parser",
    }
    assert "reset" in errors["reset"]["detail"] and "Content-Length" in errors["truncated"]["detail"]
    assert "DOWNLOAD_MAXSIZE" in errors["gzip-bomb"]["detail"]
    run = next(fault_crawl.query("select id, finish_reason, stats from crawl_runs"))
    assert run["finish_reason"] == "finished"
    assert {row["crawl_run_id"] for row in errors.values()} == {run["id"]}
    stats = json.loads(run["stats"])
    assert stats["errors/too_large"] == 2 and stats["errors/timeout"] == 1 and stats["errors/dataloss"] == 1
    # Each record has a UTC time.
    assert all(datetime.fromisoformat(row["time"]).utcoffset() == timedelta(0) for row in errors.values())


def test_retry_after_is_honoured_and_the_retry_succeeds(fault_crawl):
    assert _statuses(fault_crawl, "too-many-requests") == [429, 200]
    assert _statuses(fault_crawl, "unavailable") == [503, 200]
    times = [datetime.fromisoformat(r["captured_at"]) for r in fault_crawl.query(
        "select captured_at from captures where url like '%/faults/too-many-requests/' order by captured_at")]
    assert times[1] - times[0] >= timedelta(seconds=0.9)  # Retry-After: 1
    # Retried to success: no download error (the page served then is recorded as no forum page).
    assert fault_crawl.execute("select count(*) from crawl_errors where (url like '%too-many%' "
                               "or url like '%unavailable%') and kind != 'parser'").fetchone()[0] == 0


def _windows_1256_texts(db) -> tuple[dict, list[str]]:
    capture = next(db.query("select id, kind from captures where url like '%/faults/windows-1256/'"))
    return capture, [r["text"] for r in db.query("select text from posts where capture_id = ?", [capture["id"]])]


def test_windows_1256_page_without_charset_is_archived_and_parsed(fault_crawl):
    capture, texts = _windows_1256_texts(fault_crawl)
    assert capture["kind"] == "thread_page"
    assert len(texts) == 5 and "Tensions Escalate in Iraq" in texts[0]
    assert not fault_crawl.execute("select count(*) from crawl_errors where url like '%windows-1256%'").fetchone()[0]


def test_windows_1256_arabic_in_a_mostly_english_page_decodes(fault_crawl):
    _, texts = _windows_1256_texts(fault_crawl)
    assert "نجاة رئيس الوزراء العراقي" in texts[0]


def test_walls_pause_the_site_and_are_not_stored_as_content(fault_server, tmp_path):
    urls = [fault_server.url("/faults/guest-limit/"), fault_server.url(SAMPLE_TOPIC),
            fault_server.url("/faults/too-many-requests/?after-wall")]
    done = run_crawl(urls, tmp_path, "-s", "ARCHIVE_WALL_PAUSE=0", "-s", "CONCURRENT_REQUESTS=1", *FAST, lost=True)
    assert "guests may view" in done.stderr and "stopping the crawl of this site" in done.stderr
    db = sqlite_utils.Database(tmp_path / "archive.db")
    kinds = {r["url"].removeprefix(fault_server.base_url): r for r in db.query("select url, kind, detail from crawl_errors")}
    assert kinds["/faults/guest-limit/"]["kind"] == "wall" and "guests may view" in kinds["/faults/guest-limit/"]["detail"]
    assert kinds[SAMPLE_TOPIC]["kind"] == "paused"
    assert kinds["/faults/too-many-requests/?after-wall"]["kind"] == "paused"
    # Paused requests were never sent (every sent request is archived), and the wall is no content.
    captured = [r["url"] for r in db.query("select url from captures where url not like '%robots.txt'")]
    assert captured == [urls[0]]
    assert db["posts"].count == 0 and db["threads"].count == 0
    assert next(db.query("select finish_reason from crawl_runs"))["finish_reason"] == "finished"


# --- the pieces, in process -------------------------------------------------------------------

def test_retry_after_parsing():
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after(b"120") == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now=now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None and parse_retry_after("") is None


def test_backoff_is_exponential_jittered_and_capped():
    rng = random.Random(1)
    for retries in range(12):
        delay = backoff_delay(retries, 2.0, 300, rng)
        assert 0 <= delay <= min(300, 2.0 * 2 ** retries)
    assert max(backoff_delay(20, 2.0, 300, rng) for _ in range(200)) > 200  # reaches toward the cap


def _crawler(**settings):
    crawler = get_crawler(settings_dict=settings)
    crawler.stats = MemoryStatsCollector(crawler)
    return crawler


def _blocked_response(url: str, request: Request) -> HtmlResponse:
    request.meta["page_result"] = SimpleNamespace(kind="blocked", reason="guest view limit reached")
    return HtmlResponse(url, status=403, body=b"<html></html>", request=request)


def test_wall_pause_expires(caplog):
    clock = [1000.0]
    crawler = _crawler()
    reported = []
    from crawler.extensions.crawl_errors import crawl_error
    crawler.signals.connect(lambda **kw: reported.append(kw), signal=crawl_error, weak=False)
    middleware = WallPauseMiddleware(crawler, pause=600, clock=lambda: clock[0])
    request = Request("https://forum.example.com/topic/1/")
    middleware.process_response(request, _blocked_response(request.url, request))
    assert "forum.example.com: guest view limit reached; pausing this site for 10 minutes" in caplog.text
    assert request.meta["dont_retry"] is True
    with pytest.raises(PausedRequest):
        middleware.process_request(Request("https://forum.example.com/topic/2/"))
    assert middleware.process_request(Request("https://other.example.org/")) is None
    clock[0] += 601
    assert middleware.process_request(Request("https://forum.example.com/topic/2/")) is None
    assert [r["kind"] for r in reported] == ["wall"]


def test_user_agent_names_the_contact():
    request = Request("https://forum.example.com/")
    ContactUserAgentMiddleware.from_crawler(_crawler(ARCHIVE_CONTACT="archivist@example.org")).process_request(request)
    assert request.headers["User-Agent"] == b"forum-archiver/0.1 (+archivist@example.org)"
    request = Request("https://forum.example.com/")
    ContactUserAgentMiddleware.from_crawler(_crawler(
        ARCHIVE_CONTACT="", USER_AGENT="forum-archiver/0.1 (+https://github.com/forum-archiver/forum-archiver)",
    )).process_request(request)
    assert request.headers["User-Agent"].endswith(b"(+https://github.com/forum-archiver/forum-archiver)")


def test_cookies_file_cookies_go_to_matching_domains_only(tmp_path):
    cookies = tmp_path / "cookies.txt"
    cookies.write_text(
        "# Netscape HTTP Cookie File\n"
        ".forum.example.com\tTRUE\t/\tFALSE\t4102444800\tsession\tabc123\n"
        "forum.example.com\tFALSE\t/private/\tFALSE\t4102444800\tdeep\tyes\n"
        ".other.example.org\tTRUE\t/\tFALSE\t4102444800\tsession\tnope\n"
        ".forum.example.com\tTRUE\t/\tFALSE\t1000000000\texpired\tgone\n", encoding="utf-8")
    middleware = CookiesFileMiddleware.from_crawler(_crawler(ARCHIVE_COOKIES_FILE=str(cookies)))
    # The middleware writes the Cookie header itself, after Scrapy's cookies middleware built it,
    # adding only the names it lacks: each cookie goes once.
    request = Request("https://forum.example.com/topic/1/", headers={"Cookie": "session=mine"})
    middleware.process_request(request)
    assert request.headers.getlist("Cookie") == [b"session=mine"]  # the request's own cookie wins
    request = Request("https://www.forum.example.com/private/x")
    middleware.process_request(request)
    assert request.headers.getlist("Cookie") == [b"session=abc123"]  # host-only cookie not sent to www.
    request = Request("https://forum.example.com/private/x")
    middleware.process_request(request)
    assert request.headers.getlist("Cookie") == [b"deep=yes; session=abc123"]
    request = Request("https://unrelated.example.net/")
    middleware.process_request(request)
    assert request.headers.getlist("Cookie") == []


def test_errors_table_is_created_on_demand_with_indexes(tmp_path):
    db = sqlite_utils.Database(tmp_path / "a.db")
    ensure_errors_table(db)
    ensure_errors_table(db)  # idempotent
    indexed = {tuple(index.columns) for index in db["crawl_errors"].indexes}
    assert {("url",), ("kind",)} <= indexed
    row_id = record_error(db, {"crawl_run_id": "forum-1", "url": "https://x/", "kind": "timeout", "detail": "slow"})
    row = db["crawl_errors"].get(row_id)
    assert row["kind"] == "timeout" and row["status"] is None and re.match(r"\d{4}-\d\d-\d\dT", row["time"])
