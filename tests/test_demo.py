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
    # The sample thread's pages name a stylesheet and 16 pictures, 8 of them in posts (read off the pages).
    assert "pictures and stylesheets: 17 archived with the pages (8 of the 8 pictures in posts)" in done.stdout
    assert f"forum-archiver serve {out / 'archive.db'}" in done.stdout
    assert "sqlite-utils search" in done.stdout
    warcs = sorted((out / "warc").glob("*.warc.gz"))
    checked = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, warcs)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    db = sqlite_utils.Database(out / "archive.db")
    hits = list(db["posts"].search("drones"))
    assert hits, "full-text search over posts finds the drone discussion"


def test_the_readme_demo_command_as_written():
    """``./scripts/demo`` (README, "Set-up: two commands"): set-up, then the demo into demo-output/.

    It writes where the README says, in the checkout; a checkout that already has a demo-output/
    (a user's own run) is left alone and the test skips."""
    import shutil

    import pytest
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./scripts/demo     # install into .venv, then crawl the bundled sample forum offline" in readme
    out = ROOT / "demo-output"
    if out.exists():
        pytest.skip("demo-output/ exists in this checkout: not overwriting a user's demo")
    try:
        done = subprocess.run(["./scripts/demo"], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "posts:     13" in done.stdout and "Traceback" not in done.stdout + done.stderr
        assert sqlite_utils.Database(out / "archive.db")["posts"].count == 13
    finally:
        shutil.rmtree(out, ignore_errors=True)
