"""The project's own WACZ (``forum-archiver wacz``) in ReplayWeb.page's packaged viewer, in headless
Chromium, offline: the demo's thread pages show their posts and the posts' pictures, and so does the
newest capture of a page a re-crawl found unchanged (its 304 replays through the replay copy).

The texts were read by hand in the sample pages (crawler/demo_site/pages/topic/...); the pictures
are the ones the pages' posts show (tests/test_crawl_requisites.py lists them). Skips, with the
reason, when a piece the set-up scripts install is missing (tests/test_setup_tools.py fails then).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT
from replayweb import CHROMIUM, installed_version, launch_chromium, replayed_page
from test_crawl_requisites import POST_PICTURES

from crawler.demo import SAMPLE_TOPIC

WACZ_CLI = ROOT / ".venv-replay" / "bin" / "wacz"
pytestmark = [
    pytest.mark.skipif(installed_version() is None, reason="no .replayweb/: scripts/install-replayweb installs it"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: scripts/install-browser installs it"),
    pytest.mark.skipif(not WACZ_CLI.exists(), reason="no .venv-replay/bin/wacz: scripts/install-replay installs it"),
]
PAGE2_WORDS = "I have no issues with the every day soldier and the work they do daily for US citizens"
PAGE2_PICTURES = {path for path in POST_PICTURES if "mil-" in path or "75000" in path or "us-equipment" in path}


def package(db: Path, out: Path) -> Path:
    wacz = out / "archive.wacz"
    done = subprocess.run([sys.executable, "-m", "crawler", "wacz", str(wacz), "--db", str(db)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    checked = subprocess.run([str(WACZ_CLI), "validate", "-f", str(wacz)], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]
    return wacz


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def demo_wacz(demo_archive, tmp_path_factory) -> tuple[Path, str]:
    with sqlite3.connect(demo_archive / "archive.db") as db:
        (page2,) = db.execute("select url from captures where url like ? and kind = 'thread_page'",
                              ["%" + SAMPLE_TOPIC + "page/2/"]).fetchone()
    return package(demo_archive / "archive.db", tmp_path_factory.mktemp("demo-wacz")), page2


def shown_pictures(replayed) -> set[str]:
    return {"/uploads/" + img["src"].split("/uploads/", 1)[1] for img in replayed.loaded_images
            if "/uploads/monthly_2021_11/" in img["src"]}


def test_a_demo_thread_page_replays_with_its_pictures_in_replaywebpage(browser, demo_wacz):
    wacz, page2 = demo_wacz
    replayed = replayed_page(browser, wacz, page2, timeout=60, wait_for_text=PAGE2_WORDS)
    assert PAGE2_WORDS in replayed.text
    assert shown_pictures(replayed) == PAGE2_PICTURES, replayed.images
    assert replayed.blocked == [], "nothing may be fetched from the internet"


def test_the_newest_capture_of_an_unchanged_page_replays_in_replaywebpage(browser, recrawled_sample, tmp_path):
    out = recrawled_sample.out  # a first crawl, then a re-crawl of every page: 304s
    page2 = recrawled_sample.base + SAMPLE_TOPIC + "page/2/"
    with sqlite3.connect(out / "archive.db") as db:
        (newest, status), = db.execute("select captured_at, status from captures where url = ? "
                                       "order by captured_at desc limit 1", [page2]).fetchall()
    assert status == 304
    ts = datetime.fromisoformat(newest).strftime("%Y%m%d%H%M%S")
    replayed = replayed_page(browser, package(out / "archive.db", tmp_path), page2, ts=ts, timeout=60,
                             wait_for_text=PAGE2_WORDS)
    assert PAGE2_WORDS in replayed.text and f"{ts}" in replayed.frame_url
    assert shown_pictures(replayed) == PAGE2_PICTURES
    assert replayed.blocked == []
