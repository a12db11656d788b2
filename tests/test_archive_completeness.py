"""archive/completeness.py on a real crawl of the sample thread: pages against the page count,
posts against the reply count the Invision page shows (JSON-LD ``commentCount``: 12 replies, so
13 posts, as tests/data/sample_thread.expected.json lists), where a re-crawl reads on from, and
which crawl errors are still open.

Captures "as an older parser stored them" are the crawl's rows with their ``errors`` rewritten:
what a parser that lost a post on that page would have written."""

from __future__ import annotations

import json
import sqlite3

import sqlite_utils

from archive.check import check_archive
from archive.completeness import (CLUSTER_FRONTIER, FRONTIER_STAT, START_POINTS_STAT, failed_pages, failed_requisites,
                                  resume_url, start_points_stat,
                                  thread_completeness, unfinished_runs, unresolved_errors)
from archive.errors import record_error, requisite_detail
from archive.store import record_crawl_run
from crawler.cli import main as cli
from crawler.demo import SAMPLE_TOPIC
from parsers.clock import unstated_zone_error
from parsers.registry import CUT_SHORT

# An engine's words for a post block it found and could not read (a restyled post): the thread
# lost that post (parsers/losses.py).
POST_PASSED_OVER = "post 504: no post body found; post skipped"


def copy_of(sample_crawl, tmp_path):
    """A copy of the crawl's archive (through SQLite's backup, which reads the WAL too)."""
    source, copy = sqlite3.connect(sample_crawl / "archive.db"), sqlite3.connect(tmp_path / "archive.db")
    source.backup(copy)
    source.close()
    return sqlite_utils.Database(copy)


def test_the_sample_thread_is_complete_and_read_on_from_its_last_page(sample_crawl, sample_server, expected_thread):
    db = sqlite_utils.Database(sample_crawl / "archive.db")
    (thread,) = thread_completeness(db)
    assert (thread.page_count, thread.pages_archived, thread.reply_count) == (3, [1, 2, 3], 12)
    assert thread.posts == len(expected_thread["posts"]) == 13
    assert thread.complete and thread.missing_posts == 0
    assert resume_url(db, sample_server.url(SAMPLE_TOPIC)) == sample_server.url(SAMPLE_TOPIC + "page/3/")
    assert resume_url(db, sample_server.url("/topic/1-never-archived/")) is None


def test_a_missing_post_and_a_missing_page_make_the_thread_incomplete(sample_crawl, sample_server, tmp_path):
    db = copy_of(sample_crawl, tmp_path)
    with db.conn:  # (foreign keys are not enforced on this connection)
        db.execute("delete from posts where page = 3")
        db.execute("delete from captures where page = 2")
    (thread,) = thread_completeness(db)
    assert thread.missing_pages == [2] and thread.posts < 13 and thread.missing_posts == 13 - thread.posts
    assert thread.describe().startswith("2 of 3 pages; missing page(s) 2; ")
    # The gap is read again from page 1, the last page before it.
    assert resume_url(db, sample_server.url(SAMPLE_TOPIC)) == sample_server.url(SAMPLE_TOPIC)
    report = check_archive(tmp_path / "archive.db")
    assert not report.complete and report.incomplete == [thread]


def test_a_page_archived_cut_short_is_a_gap_read_again(sample_crawl, sample_server, tmp_path):
    # Page 2's newest capture as if its download had stopped early (its parse says so): its last
    # posts and its link to page 3 may be missing, so the next crawl reads on from page 1.
    db = copy_of(sample_crawl, tmp_path)
    with db.conn:
        db.execute("update captures set errors = ? where page = 2 and kind = 'thread_page'", [json.dumps([CUT_SHORT])])
    assert resume_url(db, sample_server.url(SAMPLE_TOPIC)) == sample_server.url(SAMPLE_TOPIC)
    (thread,) = thread_completeness(db)
    assert thread.pages_with_errors == [2]


def test_a_page_archived_with_a_post_passed_over_is_a_gap_and_a_caveat_is_not(sample_crawl, sample_server, tmp_path):
    db = copy_of(sample_crawl, tmp_path)
    with db.conn:
        db.execute("update captures set errors = ? where page = 2 and kind = 'thread_page'",
                   [json.dumps([POST_PASSED_OVER])])
    assert resume_url(db, sample_server.url(SAMPLE_TOPIC)) == sample_server.url(SAMPLE_TOPIC)
    # Times read as UTC are a caveat on what was read, not a part of the thread missing.
    with db.conn:
        db.execute("update captures set errors = ? where page = 2 and kind = 'thread_page'",
                   [json.dumps([unstated_zone_error("the board's default")])])
    assert resume_url(db, sample_server.url(SAMPLE_TOPIC)) == sample_server.url(SAMPLE_TOPIC + "page/3/")


def test_an_incomplete_page_that_a_replay_reads_whole_is_no_longer_an_open_error(sample_crawl, sample_server,
                                                                                  tmp_path):
    # Page 2 as an older parser stored it (a post passed over) with the crawl's ``incomplete`` row;
    # ``forum-archiver replay`` reads the same WARC records with today's parser, which reads it whole.
    db = copy_of(sample_crawl, tmp_path)
    page_two = sample_server.url(SAMPLE_TOPIC + "page/2/")
    with db.conn:
        changed = db.execute("update captures set errors = ? where url = ? and status = 200",
                             [json.dumps([POST_PASSED_OVER]), page_two]).rowcount
    assert changed == 1
    record_error(db, {"url": page_two, "kind": "incomplete", "detail": POST_PASSED_OVER})
    record_error(db, {"url": sample_server.url("/topic/9-other/"), "kind": "http", "status": 503})
    assert sorted(e["kind"] for e in unresolved_errors(db)) == ["http", "incomplete"]
    assert not check_archive(tmp_path / "archive.db").complete

    assert cli(["replay", str(sample_crawl / "warc"), "--db", str(tmp_path / "archive.db"), "--quiet"]) == 0
    # The page's capture now holds no loss: its error is filled. The other error stays open (a
    # replay fetches nothing).
    assert [e["kind"] for e in unresolved_errors(db)] == ["http"]


def test_a_killed_run_is_open_until_its_spider_finishes_but_a_cluster_workers_is_not(sample_crawl, sample_server, tmp_path):
    """Runs killed (no finish recorded) after the sample crawl: a forum run's unreached pages are in
    no row, so it is open; a cluster worker's stay in the cluster's queue (its stats say so from its
    start), so it is not; a later finished forum run closes the forum one."""
    db = copy_of(sample_crawl, tmp_path)
    record_crawl_run(db, {"id": "forum-killed", "spider": "forum", "started_at": "2030-01-01T00:00:00.000000+00:00"})
    record_crawl_run(db, {"id": "forum-worker-killed", "spider": "forum", "started_at": "2030-01-01T00:00:01.000000+00:00",
                          "stats": json.dumps({FRONTIER_STAT: CLUSTER_FRONTIER})})
    assert [run["id"] for run in unfinished_runs(db)] == ["forum-killed"]
    record_crawl_run(db, {"id": "forum-again", "spider": "forum", "started_at": "2030-01-02T00:00:00.000000+00:00",
                          "finished_at": "2030-01-02T00:01:00.000000+00:00", "finish_reason": "finished"})
    assert unfinished_runs(db) == []


def test_a_killed_run_stays_open_until_later_runs_started_from_all_its_start_points_finish(sample_crawl, tmp_path):
    """One archive, one spider, two boards: a finished crawl of board B says nothing of board A's
    killed run (runs matched by their spider alone called it covered). Later finished runs cover a
    killed run when, together, they started from all its start points."""
    db = copy_of(sample_crawl, tmp_path)
    board_a, board_b = "https://a.example/forum/1-news/", "https://b.example/forum/2-chat/"

    def run(run_id, day, stats, finished=True):
        record_crawl_run(db, {"id": run_id, "spider": "forum", "started_at": f"2030-01-{day:02d}T00:00:00.000000+00:00",
                              "stats": stats, **({"finish_reason": "finished"} if finished else {})})

    def started_on(*points):
        return json.dumps({START_POINTS_STAT: start_points_stat(points)})

    def still_open():
        return [found["id"] for found in unfinished_runs(db)]

    run("a-killed", 1, started_on(board_a), finished=False)
    run("b-done", 2, started_on(board_b))
    (open_run,) = unfinished_runs(db)
    assert (open_run["id"], open_run["start_points"]) == ("a-killed", [board_a])
    report = check_archive(tmp_path / "archive.db")
    assert not report.complete
    assert f"UNFINISHED CRAWL a-killed (forum, started 2030-01-01T00:00:00.000000+00:00 on {board_a})" in report.render()

    run("both-killed", 3, started_on(board_a, board_b), finished=False)
    run("a-done", 4, started_on(board_a))
    assert still_open() == ["both-killed"]  # b-done came before it
    run("b-done-again", 5, started_on(board_b))
    assert still_open() == []

    # A finished cluster worker's run (its start points recorded empty: its seeds are in Redis) covers nothing.
    run("a-killed-again", 6, started_on(board_a), finished=False)
    run("worker-done", 7, json.dumps({START_POINTS_STAT: "", FRONTIER_STAT: CLUSTER_FRONTIER}))
    assert still_open() == ["a-killed-again"]
    # A run whose stats cannot be read is still a run. Its start points unknown, it is covered, as a
    # run of an older version (no start points kept) is, by any later finished run of its spider.
    run("torn", 8, '{"archive/start_points": "https://a.example/', finished=False)
    run("older-version-killed", 9, None, finished=False)
    assert still_open() == ["older-version-killed", "torn", "a-killed-again"]
    run("c-done", 10, started_on("https://c.example/forum/3-other/"))
    assert still_open() == ["a-killed-again"]


def test_failed_pages_are_those_a_later_request_may_read_and_failed_requisites_name_their_page(sample_crawl, tmp_path):
    """What the spiders ask for again at their start: a news run's pages that failed for a reason
    that may pass (a 503, a timeout, an error page served as 200), not a 404 or a robots.txt
    refusal, not another spider's, not one a later capture filled; and the failed requisites,
    each with its kind and page."""
    db = copy_of(sample_crawl, tmp_path)
    record_crawl_run(db, {"id": "news-1", "spider": "news", "started_at": "2030-01-01T00:00:00.000000+00:00"})
    record_crawl_run(db, {"id": "forum-1", "spider": "forum", "started_at": "2030-01-01T00:00:00.000000+00:00"})
    site = "https://news.example/"
    for path, kind, status, run in (("a", "http", 503, "news-1"), ("b", "timeout", None, "news-1"),
                                    ("c", "parser", None, "news-1"), ("d", "http", 404, "news-1"),
                                    ("e", "robots", None, "news-1"), ("f", "http", 503, "forum-1")):
        record_error(db, {"url": site + path, "kind": kind, "status": status, "crawl_run_id": run,
                          "time": "2030-01-01T00:00:01.000000+00:00"})
    picture, page = site + "pics/1.png", site + "a"
    record_error(db, {"url": picture, "kind": "http", "status": 503, "crawl_run_id": "news-1",
                      "time": "2030-01-01T00:00:01.000000+00:00", "detail": requisite_detail("HTTP 503", "post image", page)})
    assert failed_pages(db, "news") == [site + "a", site + "b", site + "c"]
    assert failed_pages(db, "forum") == [site + "f"]
    assert failed_requisites(db) == [(picture, "post image", page)]
    # Filled by a later capture answering 200: asked for no more.
    db["captures"].insert({"id": "filled-b", "url": site + "b", "status": 200,
                           "captured_at": "2030-01-02T00:00:00.000000+00:00"}, alter=True)
    assert failed_pages(db, "news") == [site + "a", site + "c"]
