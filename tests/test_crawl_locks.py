"""Crawls that meet a locked archive take turns, and one locked out for good says so and fails.

Another process holds SQLite's write lock on the archive (``BEGIN IMMEDIATE`` on its own
connection) while a real ``scrapy crawl`` starts against the same database.
"""

from __future__ import annotations

import sqlite3
import subprocess
import threading
import time

import sqlite_utils
from conftest import run_crawl

from archive.database import open_archive
from crawler.demo import SAMPLE_TOPIC, crawl_command, scrapy_env


def hold_write_lock(db_path, seconds: float, until: threading.Event | None = None) -> threading.Thread:
    """A thread that takes the archive's write lock and keeps it ``seconds`` (or until ``until`` is set,
    ``seconds`` at the most)."""
    taken = threading.Event()

    def hold():
        connection = sqlite3.connect(db_path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        taken.set()
        (until or threading.Event()).wait(seconds)
        connection.execute("ROLLBACK")
        connection.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    taken.wait(10)
    return thread


def test_a_crawl_waits_for_a_lock_held_a_while_and_keeps_every_post(sample_server, tmp_path):
    open_archive(str(tmp_path / "archive.db")).close()
    holder = hold_write_lock(tmp_path / "archive.db", 3)
    started = time.monotonic()
    run_crawl([sample_server.url(SAMPLE_TOPIC)], tmp_path)
    holder.join()
    assert time.monotonic() - started >= 3  # it did wait
    db = sqlite_utils.Database(tmp_path / "archive.db")
    assert db["posts"].count == 13


def test_a_crawl_locked_out_past_the_busy_timeout_stops_with_a_clear_message(sample_server, tmp_path):
    open_archive(str(tmp_path / "archive.db")).close()
    # Held until the crawl has ended, however long its start takes (its writer process starts first).
    crawl_ended = threading.Event()
    holder = hold_write_lock(tmp_path / "archive.db", 120, until=crawl_ended)
    command = crawl_command(sample_server.url(SAMPLE_TOPIC), tmp_path / "warc", tmp_path / "archive.db")
    try:
        done = subprocess.run([*command, "-s", "ARCHIVE_DB_BUSY_TIMEOUT=1"], env=scrapy_env(), capture_output=True,
                              text=True, timeout=120)
    finally:
        crawl_ended.set()
        holder.join()
    assert done.returncode == 3, done.stderr[-3000:]
    assert "stayed locked by another process for 1 s (ARCHIVE_DB_BUSY_TIMEOUT)" in done.stderr
    assert "crawl archive_locked" in done.stderr
    assert sqlite_utils.Database(tmp_path / "archive.db")["posts"].count == 0
