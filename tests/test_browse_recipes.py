"""The README's "Browsing the demo archive" recipes, run as written against a crawl of the sample site.

Each command is read from the README (so the README cannot drift from what works), the demo's
path ``demo-output/archive.db`` replaced by the test crawl's database, and run with the real
``sqlite-utils`` and ``forum-archiver`` commands of this environment. Their output is checked
against the hand-written expectations of the sample thread.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

DEMO_DB = "demo-output/archive.db"
BIN = Path(sys.executable).parent


def recipes() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Browsing the demo archive", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    commands = [shlex.split(line.split("  #")[0]) for line in block.splitlines() if line.strip()]
    assert {command[0] for command in commands} == {"sqlite-utils", "forum-archiver"}
    return commands


def recipe(*start: str) -> list[str]:
    found = [command for command in recipes() if tuple(command[:len(start)]) == start]
    assert len(found) == 1, f"one README recipe starting {start}: {found}"
    return found[0]


def run(command: list[str], db: Path, **options) -> subprocess.CompletedProcess:
    assert DEMO_DB in command, "the recipes use the path the demo writes"
    argv = [str(BIN / command[0])] + [str(db) if part == DEMO_DB else part for part in command[1:]]
    return subprocess.run(argv, check=False, capture_output=True, text=True, timeout=60, cwd=ROOT, **options)


def table_rows(output: str) -> list[list[str]]:
    """Rows of a ``--table`` printout (two or more spaces between cells)."""
    lines = output.strip().splitlines()
    assert len(lines) >= 3 and set(lines[1].replace(" ", "")) == {"-"}, output
    return [re.split(r"\s{2,}", line.strip()) for line in lines[2:]]


def test_every_recipe_is_a_known_command():
    assert len(recipes()) == 3


def test_query_recipe_counts_posts_per_author(sample_crawl, expected_thread):
    done = run(recipe("sqlite-utils", "query"), sample_crawl / "archive.db")
    assert done.returncode == 0, done.stderr
    posts = Counter(post["author"]["name"] for post in expected_thread["posts"])
    reposts = Counter(post["author"]["name"] for post in expected_thread["posts"] if post["news_repost"])
    assert [(name, int(count), int(pasted)) for name, count, pasted in table_rows(done.stdout)] == sorted(
        ((name, count, reposts[name]) for name, count in posts.items()), key=lambda row: (-row[1], row[0]))


def test_search_recipe_finds_the_drone_posts(sample_crawl, expected_thread):
    done = run(recipe("sqlite-utils", "search"), sample_crawl / "archive.db")
    assert done.returncode == 0, done.stderr
    found = {(int(position), author) for position, author in table_rows(done.stdout)}
    # The index stems words (porter): "drones" also finds "drone".
    want = {(post["position"], post["author"]["name"]) for post in expected_thread["posts"]
            if re.search(r"\bdrones?\b", post["text"], re.IGNORECASE)}
    assert found == want and found


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_when_served(url: str, process: subprocess.Popen, seconds: float = 30) -> str | None:
    """The page at ``url`` once the server ``process`` answers (None if it never does or exits)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    return None


def test_serve_recipe_serves_the_archive_with_the_reader(sample_crawl, expected_thread):
    command = recipe("forum-archiver", "serve")
    port = free_port()
    argv = [str(BIN / command[0]), *[str(sample_crawl / "archive.db") if part == DEMO_DB else part
                                     for part in command[1:]], "--port", str(port)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        page = fetch_when_served(f"http://127.0.0.1:{port}/archive/threads", process)
        assert page is not None, f"nothing served on port {port}: {process.stdout.read() if process.poll() is not None else ''}"
        reader = re.search(r'<a class="reader-link" href="([^"]+)">', page).group(1).replace("&amp;", "&")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{reader}", timeout=10) as response:
            thread = response.read().decode()
        assert thread.count('<li class="post') == len(expected_thread["posts"])
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_refuses_a_missing_database_clearly(tmp_path):
    done = subprocess.run([str(BIN / "forum-archiver"), "serve", str(tmp_path / "none.db")],
                          check=False, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert f"no archive database at {tmp_path / 'none.db'}" in done.stderr


def test_serve_defaults_to_the_archive_db_setting(tmp_path):
    from crawler.settings import ARCHIVE_DB

    done = subprocess.run([str(BIN / "forum-archiver"), "serve"], check=False, capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert done.returncode == 2 and f"no archive database at {ARCHIVE_DB}" in done.stderr


@pytest.mark.parametrize("argument", ["--port", "--host"])
def test_serve_documents_its_options(argument):
    done = subprocess.run([str(BIN / "forum-archiver"), "serve", "--help"], check=False, capture_output=True, text=True,
                          timeout=60)
    assert argument in done.stdout and "8001" in done.stdout and "127.0.0.1" in done.stdout
