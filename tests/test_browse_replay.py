"""``forum-archiver serve --replay``: the reader beside a real pywb, each post linked to its capture
("view as archived"), and the posts' pictures shown from the archive, never from the network.

Run as a user runs it: the ``forum-archiver`` command in a process of its own, over the sample crawl
(which archived the thread's pictures as page requisites). Texts were read in the sample pages.
"""

from __future__ import annotations

import html
import re
import subprocess

import pytest
import sqlite_utils
from conftest import ROOT
from test_browse_browser import forum_archiver, free_port, wait_until_serving
from test_crawl_requisites import POST_PICTURES
from test_replay_recrawl_pywb import fetch

from crawler.demo_site.server import PAGES

WAYBACK = ROOT / ".venv-replay" / "bin" / "wayback"
# A post on page 2 of the sample topic, and one of its pictures.
PAGE2_WORDS = "I have no issues with the every day soldier and the work they do daily for US citizens"


@pytest.fixture(scope="module")
def served_with_replay(sample_crawl):
    if not WAYBACK.exists():
        pytest.skip("no .venv-replay/bin/wayback: scripts/install-replay installs pywb")
    db = sample_crawl / "archive.db"
    port = free_port()
    process = subprocess.Popen([*forum_archiver(), "serve", str(db), "--port", str(port), "--replay",
                                "--pywb", str(WAYBACK)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base + "/-/versions.json", process, seconds=90)
        thread_id = sqlite_utils.Database(db).execute("select id from threads").fetchone()[0]
        yield base, thread_id
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_each_post_links_to_its_page_replayed_in_pywb(served_with_replay):
    base, thread_id = served_with_replay
    status, body, _ = fetch(f"{base}/-/thread?id={thread_id}")
    assert status == 200
    page = body.decode("utf-8")
    links = [html.unescape(link) for link in re.findall(r'class="view-archived" href="([^"]+)"', page)]
    assert len(links) == page.count('class="capture"') == 13  # one per post
    assert all(link.startswith("http://127.0.0.1:") and "/archive/" in link for link in links)
    replayed = {}
    for link in set(links):
        status, body, content_type = fetch(link)
        assert status == 200 and content_type.startswith("text/html"), link
        replayed[link] = body.decode("utf-8")
    assert any(PAGE2_WORDS in text for text in replayed.values())
    assert all("/page/2/" not in link or PAGE2_WORDS in text for link, text in replayed.items())


def test_the_reader_shows_the_posts_pictures_from_the_archive(served_with_replay):
    base, thread_id = served_with_replay
    _, body, _ = fetch(f"{base}/-/thread?id={thread_id}")
    sources = [html.unescape(src) for src in re.findall(r'<img[^>]* src="([^"]+)"', body.decode("utf-8"))]
    archived = [src for src in sources if src.startswith("/-/archived-image?")]
    # Every picture of every post (eight, by hand from the pages), each from the archive.
    assert len(archived) == len(POST_PICTURES) and len(archived) == len(sources)
    for src in archived:
        status, picture, content_type = fetch(base + src)
        assert status == 200 and content_type == "image/jpeg"
        assert any(picture == (PAGES / path.lstrip("/")).read_bytes() for path in POST_PICTURES)


def test_stopping_the_server_stops_its_pywb(sample_crawl):
    """SIGTERM (what a service manager or Ctrl-C in a supervisor sends) ends pywb too: its port
    closes; nothing is left listening."""
    import socket
    import time

    if not WAYBACK.exists():
        pytest.skip("no .venv-replay/bin/wayback: scripts/install-replay installs pywb")
    db = sample_crawl / "archive.db"
    port, replay_port = free_port(), free_port()
    process = subprocess.Popen([*forum_archiver(), "serve", str(db), "--port", str(port), "--replay",
                                "--replay-port", str(replay_port), "--pywb", str(WAYBACK)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/-/versions.json", process, seconds=90)
        assert fetch(f"http://127.0.0.1:{replay_port}/archive/")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=20)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", replay_port)) != 0:
                return
        time.sleep(0.2)
    pytest.fail(f"pywb still listens on {replay_port} after the server ended")
