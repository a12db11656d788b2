"""After a crawl or a replay, ``archive.db`` alone holds the archive: the write-ahead log is emptied
into it (``PRAGMA wal_checkpoint(TRUNCATE)``), so a user who copies just the .db file has every row."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.demo import SAMPLE_TOPIC
from tests.conftest import run_crawl


def assert_self_contained(db_path: Path, tmp_path: Path, posts: int) -> None:
    """The -wal file is empty or gone, and a copy of the .db file alone reads ``posts`` posts."""
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, f"{wal} holds {wal.stat().st_size} bytes"
    copy_dir = tmp_path / "copied"
    copy_dir.mkdir()
    copy = copy_dir / "archive.db"
    shutil.copyfile(db_path, copy)
    db = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        assert db.execute("select count(*) from posts").fetchone()[0] == posts
        assert db.execute("select count(*) from posts where text like '%drones%'").fetchone()[0] > 0
    finally:
        db.close()


@pytest.fixture(scope="module")
def crawled(sample_server, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wal-crawl")
    run_crawl([sample_server.url(SAMPLE_TOPIC)], out)
    return out


def test_crawl_leaves_everything_in_the_db_file(crawled, expected_thread, tmp_path):
    assert (crawled / "archive.db").stat().st_size > 4096
    assert_self_contained(crawled / "archive.db", tmp_path, len(expected_thread["posts"]))


def test_replay_leaves_everything_in_the_db_file(crawled, expected_thread, tmp_path, capsys):
    rebuilt = tmp_path / "rebuilt" / "archive.db"
    assert main(["replay", str(crawled / "warc"), "--db", str(rebuilt), "--quiet"]) == 0
    assert_self_contained(rebuilt, tmp_path, len(expected_thread["posts"]))
