"""``forum-archiver demo`` end to end, as a user runs it: server, real scrapy process, summary."""

from __future__ import annotations

import subprocess
import sys

import sqlite_utils


def test_demo_crawls_the_sample_forum_and_explains_what_to_do_next(tmp_path):
    out = tmp_path / "demo"
    done = subprocess.run([sys.executable, "-m", "crawler", "demo", "--out", str(out)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "posts:     13" in done.stdout
    assert "threads:   1" in done.stdout
    assert "articles:  11 (12 article captures, 7 appended by infinite scroll)" in done.stdout
    assert f"forum-archiver serve {out / 'archive.db'}" in done.stdout
    assert "sqlite-utils search" in done.stdout
    warcs = sorted((out / "warc").glob("*.warc.gz"))
    checked = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, warcs)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    db = sqlite_utils.Database(out / "archive.db")
    hits = list(db["posts"].search("drones"))
    assert hits, "full-text search over posts finds the drone discussion"
