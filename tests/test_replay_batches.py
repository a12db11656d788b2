"""Replay commits captures in batches: the rows do not depend on the batch size, and a replay
killed mid-batch leaves a consistent database that a second replay completes without duplicates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from conftest import ROOT
from test_replay import archive_rows

from archive.replay import replay
from archive.warc_reader import iter_responses

sys.path.insert(0, str(ROOT / "bench"))
import warcs

PAGES, POSTS = 30, 3


@pytest.fixture(scope="module")
def generated_warcs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("generated") / "warc"
    warcs.build(folder, PAGES, POSTS, max_size=200_000)  # several files
    return sorted(str(p) for p in folder.glob("*.warc.gz"))


def test_rows_do_not_depend_on_the_batch_size(generated_warcs, sample_crawl, tmp_path):
    paths = [*generated_warcs, *sorted(str(p) for p in (sample_crawl / "warc").glob("*.warc.gz"))]
    one = replay(paths, str(tmp_path / "one.db"), batch_size=1)
    many = replay(paths, str(tmp_path / "many.db"), batch_size=7)
    assert (one.records, one.pages, one.posts, one.errors) == (many.records, many.pages, many.posts, [])
    assert one.pages == PAGES + 3 and one.posts == PAGES * POSTS + 13
    assert archive_rows(tmp_path / "one.db") == archive_rows(tmp_path / "many.db")


def test_a_torn_file_keeps_every_record_before_the_tear(generated_warcs, tmp_path):
    whole = replay(generated_warcs[:1], str(tmp_path / "whole.db"))
    torn = tmp_path / Path(generated_warcs[0]).name
    data = Path(generated_warcs[0]).read_bytes()
    torn.write_bytes(data[: int(len(data) * 0.7)])
    stats = replay([str(torn)], str(tmp_path / "torn.db"), batch_size=1000)
    assert len(stats.errors) == 1 and "unreadable after offset" in stats.errors[0]
    db = sqlite_utils.Database(tmp_path / "torn.db")
    assert 0 < db["captures"].count == stats.records < whole.records
    assert db["posts"].count == stats.posts == stats.records * POSTS


KILLED_REPLAY = """
import os, signal, sys
from archive.replay import replay

def progress(stats):
    if stats.records == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)

replay(sys.argv[4:], sys.argv[1], batch_size=int(sys.argv[2]), progress=progress, progress_every=1)
"""


def committed_before(paths: list[str], batch: int, killed_at: int) -> int:
    """Records committed before record ``killed_at``: a batch commits when full and at each file's end."""
    committed = seen = 0
    for path in paths:
        in_batch = 0
        for _ in iter_responses(path):
            seen += 1
            in_batch += 1
            if seen == killed_at:
                return committed
            if in_batch == batch:
                committed, in_batch = seen, 0
        committed = seen
    return committed


def test_a_replay_killed_mid_batch_is_completed_by_the_next(generated_warcs, tmp_path):
    db_path = tmp_path / "killed.db"
    done = subprocess.run([sys.executable, "-c", KILLED_REPLAY, str(db_path), "7", "17", *generated_warcs],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == -9, done.stderr
    db = sqlite_utils.Database(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    committed = committed_before(generated_warcs, batch=7, killed_at=17)
    assert 0 < committed < 17
    assert db["captures"].count == committed  # whole batches and whole files only
    assert db["posts"].count == committed * POSTS
    db.close()

    stats = replay(generated_warcs, str(db_path), batch_size=7)
    assert stats.errors == [] and stats.records == PAGES
    clean = tmp_path / "clean.db"
    replay(generated_warcs, str(clean))
    assert archive_rows(db_path) == archive_rows(clean)
