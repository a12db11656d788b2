"""The README's cron recipe, run as cron runs it: twice, against a loopback thread that gains a page
in between, so the second run must archive the new posts (a persisted ``JOBDIR`` dupefilter once
made every run after the first fetch nothing and still exit 0).

The command is the README line after its five schedule fields, run by ``sh -c`` (cron's shell)
with cron's bare environment. Only two paths change: ``/srv/forum-archiver`` becomes a temporary
folder, and the lock file moves to the test's own temporary folder. The stand-in checkout holds what
the recipe uses of a real one, without copies: ``.venv`` and ``scrapy.cfg`` are links to the venv
running these tests (the project is installed in it) and to the project's ``scrapy.cfg``,
``threads.txt`` names the loopback thread, and there is no ``data/`` yet (the recipe must make it
before the shell opens ``data/cron.log``). Nothing is written into the repository.
"""

from __future__ import annotations

import fcntl
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, serve_pages
from thread_pages import write_thread

TOPIC = "topic/61-cron"
CHECKOUT = "/srv/forum-archiver"
LOCK = "/tmp/forum-archiver.lock"


def cron_command() -> str:
    """The command of the README's cron line (what cron hands to ``sh -c``)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running on a schedule", 1)[1].split("\n## ", 1)[0]
    lines = re.search(r"```cron\n(.*?)```", section, re.DOTALL).group(1).strip().splitlines()
    assert len(lines) == 1, lines
    *schedule, command = lines[0].split(None, 5)
    assert schedule == ["0", "*", "*", "*", "*"]
    assert command.startswith(f"cd {CHECKOUT} && ") and LOCK in command
    return command


def checkout(folder: Path, thread_url: str) -> Path:
    """A folder standing in for the checkout: links to the venv and scrapy.cfg, and threads.txt."""
    folder.mkdir()
    venv = Path(sys.prefix)
    assert (venv / "bin" / "scrapy").is_file(), f"the recipe runs .venv/bin/scrapy; {venv} has none"
    (folder / ".venv").symlink_to(venv, target_is_directory=True)
    (folder / "scrapy.cfg").symlink_to(ROOT / "scrapy.cfg")
    (folder / "threads.txt").write_text(f"# the loopback thread\n{thread_url}\n", encoding="utf-8")
    return folder


def run_cron(command: str, home: Path) -> subprocess.CompletedProcess:
    # cron's environment: no venv activated, no SCRAPY_SETTINGS_MODULE, a short PATH (with flock's folder).
    path = os.pathsep.join(dict.fromkeys([str(Path(shutil.which("flock")).parent), "/usr/bin", "/bin"]))
    env = {"PATH": path, "HOME": str(home), "SHELL": "/bin/sh", "LOGNAME": os.environ.get("LOGNAME", "cron")}
    return subprocess.run(["/bin/sh", "-c", command], cwd=home, env=env, capture_output=True, text=True, timeout=150)


def archived(db: Path) -> tuple[list[str], list[int]]:
    with sqlite3.connect(db) as conn:
        texts = [row[0] for row in conn.execute("select text from posts order by position")]
        pages = [row[0] for row in conn.execute(
            "select distinct page from captures where kind = 'thread_page' order by page")]
    return texts, pages


@pytest.mark.skipif(shutil.which("flock") is None, reason="the cron recipe needs flock (util-linux)")
def test_each_cron_run_archives_the_posts_added_since_the_last(tmp_path):
    site = tmp_path / "site"
    posts = [(700 + n, f"post {n}") for n in range(6)]  # two pages of three
    write_thread(site, posts, topic=TOPIC)
    server = serve_pages(site)
    try:
        url = server.url(f"/{TOPIC}/")
        folder = checkout(tmp_path / "forum-archiver", url)
        lock = tmp_path / "forum-archiver.lock"
        command = cron_command().replace(CHECKOUT, shlex.quote(str(folder))).replace(LOCK, shlex.quote(str(lock)))
        log, db = folder / "data" / "cron.log", folder / "data" / "archive.db"

        first = run_cron(command, tmp_path)
        assert first.returncode == 0, (first.stderr, log.read_text() if log.exists() else "no data/cron.log")
        assert archived(db) == ([f"post {n}" for n in range(6)], [1, 2])

        # While another run holds the lock, the next one is skipped and changes nothing.
        with open(lock, "a") as held:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            assert run_cron(command, tmp_path).returncode == 1
        assert log.read_text(encoding="utf-8").count("Spider closed (finished)") == 1

        write_thread(site, posts + [(706, "post 6"), (707, "post 7")], topic=TOPIC)  # a third page
        second = run_cron(command, tmp_path)
        assert second.returncode == 0, (second.stderr, log.read_text())
    finally:
        server.stop()
    assert archived(db) == ([f"post {n}" for n in range(8)], [1, 2, 3])
    text = log.read_text(encoding="utf-8")
    assert text.count("Spider closed (finished)") == 2
