"""The README's "Crawling a real forum" recipe that forces an engine, run as written.

The line is read from the README (so it cannot drift from what works). Its ``URL`` placeholder
becomes a loopback XenForo thread (tests/data/xenforo_site, three pages); nothing else changes:
the default settings, in a fresh folder holding the project's ``scrapy.cfg``, as a user who
followed "Set-up" and activated the venv runs it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT, serve_pages

RECIPE_START = "scrapy crawl forum -a url=URL -a engine="
THREAD = "/threads/paper-jams.700/"


def readme_recipe() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = [line for line in readme.splitlines() if line.startswith(RECIPE_START)]
    assert len(found) == 1, f"one README recipe starting {RECIPE_START!r}: {found}"
    return shlex.split(found[0], comments=True)


@pytest.fixture(scope="module")
def xenforo_server():
    server = serve_pages(DATA / "xenforo_site")
    yield server
    server.stop()


def test_forced_engine_recipe_archives_the_whole_thread(xenforo_server, tmp_path):
    command = readme_recipe()
    assert command[:3] == ["scrapy", "crawl", "forum"] and "engine=xenforo" in command
    command[command.index("url=URL")] = f"url={xenforo_server.url(THREAD)}"
    shutil.copy(ROOT / "scrapy.cfg", tmp_path / "scrapy.cfg")
    venv_bin = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    with sqlite3.connect(tmp_path / "data" / "archive.db") as db:
        pages = db.execute("select engine, page from captures where kind = 'thread_page' order by page").fetchall()
        posts = db.execute("select count(*) from posts").fetchone()[0]
    assert pages == [("xenforo", 1), ("xenforo", 2), ("xenforo", 3)]
    assert posts > 0
    assert list((tmp_path / "data" / "warc").glob("*.warc.gz"))
