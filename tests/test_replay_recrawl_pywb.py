"""A real pywb over a first crawl and a default re-crawl of the sample site (conditional requests,
so every unchanged page is a 304): every capture of every thread page answers 200 with its posts,
and the pictures of the posts answer 200, all from the archive.

Without the replay copy beside each 304 (archive/warc_writer.py), pywb answers the newest capture
of an unchanged page with an empty 304, and browsing by time lands on a blank page. The posts'
texts below were read by hand in the sample pages (crawler/demo_site/pages/topic/...).
"""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.request
from datetime import datetime

import pytest
from conftest import ROOT
from test_crawl_requisites import POST_PICTURES

from archive.pywb_replay import replay_url, start_replay
from crawler.demo import SAMPLE_TOPIC
from crawler.demo_site.server import PAGES

WAYBACK = ROOT / ".venv-replay" / "bin" / "wayback"
pytestmark = pytest.mark.skipif(not WAYBACK.exists(),
                                reason="no .venv-replay/bin/wayback: scripts/install-replay installs pywb")
# One post's words on each page of the sample topic.
POST_ON_PAGE = {
    "": "In Iraq, when the election results are unsatisfactory, they try to blow up the prime minister.",
    "page/2/": "I have no issues with the every day soldier and the work they do daily for US citizens",
    "page/3/": "There has been no claim of responsibility for the November 7 assassination attempt",
}


def fetch(url: str) -> tuple[int, bytes, str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=30) as answer:
            return answer.status, answer.read(), answer.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


@pytest.fixture(scope="module")
def recrawled(recrawled_sample):
    """The shared first crawl and re-crawl of every page (304s), conftest.recrawled_sample."""
    out = recrawled_sample.out
    with sqlite3.connect(out / "archive.db") as db:
        captures = db.execute("select url, status, captured_at from captures order by captured_at").fetchall()
    return out, recrawled_sample.base, captures


def test_the_recrawl_was_answered_304(recrawled):
    out, base, captures = recrawled
    pages = [base + SAMPLE_TOPIC + suffix for suffix in POST_ON_PAGE]
    assert sorted(status for url, status, _ in captures if url in pages) == [200] * 3 + [304] * 3


def test_every_capture_of_every_thread_page_replays_with_its_posts(recrawled):
    out, base, captures = recrawled
    with start_replay(out / "warc") as pywb:
        for suffix, words in POST_ON_PAGE.items():
            url = base + SAMPLE_TOPIC + suffix
            times = [datetime.fromisoformat(at) for page, _, at in captures if page == url]
            assert len(times) == 2
            for captured_at in times:  # the first crawl's 200 and the re-crawl's 304
                for raw in (True, False):
                    status, body, content_type = fetch(replay_url(pywb.url, url, captured_at, raw=raw))
                    assert status == 200, (url, captured_at, raw, status)
                    assert words in body.decode("utf-8"), (url, captured_at, raw)
            # Browsing to "now" lands on the newest capture: the 304's copy, not a blank page.
            status, body, _ = fetch(f"{pywb.url}2099/{url}")
            assert status == 200 and words in body.decode("utf-8")


def test_the_pictures_of_the_posts_replay_from_the_archive(recrawled):
    out, base, captures = recrawled
    with start_replay(out / "warc") as pywb:
        for path in sorted(POST_PICTURES):
            status, body, content_type = fetch(f"{pywb.url}2099id_/{base}{path}")
            assert status == 200 and content_type == "image/jpeg", path
            assert body == (PAGES / path.lstrip("/")).read_bytes(), path
