"""The README's "Querying the archive" recipes, run exactly as written (they name
``data/archive.db``, so they run in a folder whose ``data/archive.db`` is a real crawl of the
sample topic; the Arabic search in one whose archive holds the Arabic posts of
tests/data/arabic_posts.json). Output is checked against the hand-written expectations."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_archive_search import QUERIES, write_arabic_archive
from test_browse_recipes import fetch_when_served, free_port

BIN = Path(sys.executable).parent


def recipes() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Querying the archive", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines() if line.strip()]


def recipe(start: str) -> str:
    found = [line for line in recipes() if line.startswith(start)]
    assert len(found) == 1, f"one README recipe starting {start!r}: {found}"
    return found[0]


def run(line: str, folder: Path) -> subprocess.CompletedProcess:
    argv = shlex.split(line)
    done = subprocess.run([str(BIN / argv[0]), *argv[1:]], cwd=folder, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


@pytest.fixture(scope="module")
def crawled(sample_crawl, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("query")
    (folder / "data").mkdir()
    shutil.copy(sample_crawl / "archive.db", folder / "data" / "archive.db")
    return folder


def test_the_readme_has_these_recipes():
    assert [shlex.split(line)[:3] for line in recipes()] == [
        ["sqlite-utils", "data/archive.db", "select position, author_name, published_at, substr(text, 1, 60) "
                                            "from posts order by position"],
        ["sqlite-utils", "search", "data/archive.db"], ["sqlite-utils", "search", "data/archive.db"],
        ["forum-archiver", "search", "drones"],
        ["sqlite-utils", "data/archive.db", "select p.author_name, q.depth, q.quoted_author, q.citation "
                                            "from quotes q join posts p on p.id = q.post_id"],
        ["forum-archiver", "serve", "data/archive.db"],
        ["sqlite-utils", "data/archive.db", "select p.author_name, r.outlet, r.headline, r.article_id, "
                                            "r.similarity from reposts r join posts p on p.id = r.post_id"],
        ["sqlite-utils", "search", "data/archive.db"],
    ]


def test_posts_in_thread_order(crawled, expected_thread):
    out = run(recipe('sqlite-utils data/archive.db "select position'), crawled).stdout
    # A row starts "position  author  published_at  ..." (the text's start may run over lines).
    rows = re.findall(r"^\s*(\d+)\s{2,}(\S.*?)\s{2,}\d{4}-\d\d-\d\dT", out, re.MULTILINE)
    assert [(int(position), author) for position, author in rows] == [
        (post["position"], post["author"]["name"]) for post in expected_thread["posts"]]


def test_search_finds_the_drone_posts(crawled, expected_thread):
    out = run(recipe("sqlite-utils search data/archive.db posts drones"), crawled).stdout
    for post in expected_thread["posts"]:
        if re.search(r"\bdrones?\b", post["text"], re.IGNORECASE):
            assert f"/{post['post_id']} " in out, post["post_id"]


def test_ranked_search_finds_the_drone_posts(crawled, expected_thread):
    out = run(recipe("forum-archiver search drones"), crawled).stdout
    wanted = {str(post["post_id"]) for post in expected_thread["posts"]
              if re.search(r"\bdrones?\b", post["text"], re.IGNORECASE)}
    # A line is "rank  post id  author  published  text": the post id is the archive's "site/id" key.
    found = {line.split()[1].rsplit("/", 1)[-1] for line in out.splitlines() if line.strip()}
    assert wanted and found == wanted


def test_arabic_search_finds_every_prefixed_form(tmp_path):
    (tmp_path / "data").mkdir()
    write_arabic_archive(tmp_path / "data" / "archive.db")
    out = run(recipe("sqlite-utils search data/archive.db posts العراق"), tmp_path).stdout
    found = set(re.findall(r"/topic/7-x/\?do=findComment&comment=(\w+)", out))
    assert found == set(QUERIES["العراق"]["expected"])


def test_quotes_and_reposts_queries(crawled, expected_thread):
    quotes = run(recipe('sqlite-utils data/archive.db "select p.author_name, q.depth'), crawled).stdout
    # "6 hours ago, coorslite21 said:" nested in "On 11/7/2021 at 8:40 AM, jg1 said:" (the sample thread).
    assert "coorslite21" in quotes and "jg1" in quotes
    reposts = run(recipe('sqlite-utils data/archive.db "select p.author_name, r.outlet'), crawled).stdout
    pasted = {post["author"]["name"] for post in expected_thread["posts"] if post["news_repost"]}
    assert pasted and all(name in reposts for name in pasted)
    kadhimi = run(recipe("sqlite-utils search data/archive.db reposts Kadhimi"), crawled).stdout
    assert "Kadhimi" in kadhimi


def test_serve_recipe_serves_the_posts(crawled):
    argv = shlex.split(recipe("forum-archiver serve"))
    port = free_port()  # the one addition: a free port instead of Datasette's default
    process = subprocess.Popen([str(BIN / argv[0]), *argv[1:], "--port", str(port)], cwd=crawled,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = fetch_when_served(f"http://127.0.0.1:{port}/archive/posts", process)
        assert page is not None and "13 rows" in page
    finally:
        process.terminate()
        process.wait(timeout=10)
