"""The README's crawl recipes ("Crawling a real forum", "Crawling news"), each run as written with
its example addresses replaced by loopback ones: the sample site (an Invision thread of 13 posts
over three pages, a board listing, Asharq Al-Awsat and Arab News pages, a feed and a sitemap) and
the hand-written Discourse site. ``scrapy crawl`` lines run in an empty folder with
``SCRAPY_SETTINGS_MODULE=crawler.settings`` (the README's "or anywhere with ..."), so the archive
goes to that folder's ``data/``; ``forum-archiver crawl`` lines need nothing. The one line with a
XenForo thread runs in tests/test_readme_forum_recipes.py.

The recipes crawl at the project's real politeness (a second between requests), so each one spends
its half minute waiting, not working: they are all started at once, each in a folder of its own,
and each test reads its own recipe's outcome."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlite_utils
from conftest import ROOT, SAMPLE_TOPIC
from loopback import serving
from test_crawl_discourse import SITE as DISCOURSE_SITE
from test_crawl_discourse import DiscourseHandler

BIN = Path(sys.executable).parent
DISCOURSE_POSTS = len(json.loads((DISCOURSE_SITE / "t" / "77" / "all-posts.json").read_text(encoding="utf-8"))["posts"])


def recipes(section: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    text = readme.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines() if line.strip()]


FORUM = recipes("Crawling a real forum")
NEWS = recipes("Crawling news")
FORUM_HERE = [line for line in FORUM[1:] if "engine=xenforo" not in line]


def test_the_sections_hold_these_recipes():
    assert FORUM[0] == ". .venv/bin/activate"  # the shell set-up: here, the venv's bin/ is on PATH
    assert len(FORUM) == 11 and len(NEWS) == 4
    assert "scrapy crawl forum -a url=URL -a engine=xenforo" in FORUM  # run in test_readme_forum_recipes.py


@pytest.fixture(scope="module")
def addresses(sample_server):
    topic = sample_server.url(SAMPLE_TOPIC)
    with serving(DISCOURSE_SITE, DiscourseHandler) as discourse:
        yield {
            "https://forum.example.com/topic/4242-some-thread/": topic,
            "THREAD_URL": topic,
            "URL1,URL2": f"{topic},{topic}page/2/",
            "https://forum.example/t/some-topic/77.json": f"{discourse}/t/garden-shed/77.json",
            "https://forum.example.com/forum/12-news/": sample_server.url("/forum/12-political-news/"),
            "https://english.aawsat.com/arab-world/2160471-...": sample_server.url(
                "/aawsat/arab-world/2160471-iraqi-intelligence-denies-involvement-soleimanis-assassination/"),
            "https://example.com/rss.xml": sample_server.url("/aawsat/feed/rss.xml"),
            "https://www.arabnews.com/sitemap.xml": sample_server.url("/arabnews/sitemap.xml"),
        }


def run_recipe(line: str, addresses: dict, folder: Path) -> subprocess.CompletedProcess:
    for example, loopback in addresses.items():
        line = line.replace(example, loopback)
    line = line.replace("/srv/", f"{folder}/srv/")
    (folder / "threads.txt").write_text(f"# the sample thread\n{addresses['THREAD_URL']}\n", encoding="utf-8")
    argv = shlex.split(line)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings",
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([str(BIN / argv[0]), *argv[1:]], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=180)


@pytest.fixture(scope="module")
def ran(addresses, tmp_path_factory) -> dict[str, tuple[Path, Future]]:
    """Every recipe of this module started at once, each in a fresh folder: recipe -> (its folder,
    its finished process, once ``.result()`` is asked)."""
    started = {}
    with ThreadPoolExecutor(max_workers=len(FORUM_HERE) + len(NEWS)) as pool:
        for index, line in enumerate(FORUM_HERE + NEWS):
            folder = tmp_path_factory.mktemp(f"recipe{index}")
            started[line] = folder, pool.submit(run_recipe, line, addresses, folder)
        yield started


def archive(folder: Path) -> sqlite_utils.Database:
    path = folder / "srv" / "archive.db" if (folder / "srv" / "archive.db").exists() else folder / "data" / "archive.db"
    return sqlite_utils.Database(path)


@pytest.mark.parametrize("line", FORUM_HERE)
def test_forum_recipe(line, ran):
    tmp_path, running = ran[line]
    done = running.result()
    assert done.returncode == 0, done.stderr[-3000:]
    db = archive(tmp_path)
    if "max_age_days=7" in line:
        # The sample board's threads last changed in 2021: the listing is read, no thread taken.
        assert db["captures"].count >= 1 and db["posts"].count == 0
    elif "77.json" in line:
        assert db["posts"].count == DISCOURSE_POSTS
    else:
        assert db["posts"].count == 13
    if "-O posts.jsonl" in line:
        rows = [json.loads(row) for row in (tmp_path / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [row["position"] for row in rows] == list(range(1, 14)) and rows[0]["author"]["name"] == "currenzcraze"
    if "-O posts.csv" in line:
        with (tmp_path / "posts.csv").open(encoding="utf-8", newline="") as file:
            assert len(list(csv.DictReader(file))) == 13


@pytest.mark.parametrize("line", NEWS)
def test_news_recipe(line, addresses, ran):
    tmp_path, running = ran[line]
    done = running.result()
    assert done.returncode == 0, done.stderr[-3000:]
    db = archive(tmp_path)
    urls = {row["url"] for row in db.query("select url from captures")}
    if "since=2024-03-01" in line:
        # The sample sitemap's one article was last changed on 2024-02-19: read, and nothing taken.
        assert addresses["https://www.arabnews.com/sitemap.xml"] in urls and db["articles"].count == 0
    else:
        assert db["articles"].count >= 1
    if "-O articles.jsonl" in line:
        rows = [json.loads(row) for row in (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {row["url"] for row in rows} <= {row["url"] for row in db.query("select url from articles")} and rows
