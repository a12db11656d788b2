"""archive/completeness.py on a real crawl of the sample thread: pages against the page count,
posts against the reply count the Invision page shows (JSON-LD ``commentCount``: 12 replies, so
13 posts, as tests/data/sample_thread.expected.json lists), and where a re-crawl reads on from."""

from __future__ import annotations

import json
import sqlite3

import sqlite_utils

from archive.check import check_archive
from archive.completeness import resume_url, thread_completeness
from crawler.demo import SAMPLE_TOPIC
from parsers.registry import CUT_SHORT


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
