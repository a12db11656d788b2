"""archive/pywb_replay.py: a real pywb (``.venv-replay/bin/wayback``) over the demo's WARC folder.

The demo archive is built once for the module by the real ``forum-archiver demo``; pywb reads its
WARC folder in place. Tests that need pywb skip, with the reason, only when
``.venv-replay/bin/wayback`` is missing (``scripts/install-replay`` makes it). Expected texts were
read by hand in the sample site's files.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT

from archive.pywb_replay import (PywbError, PywbNotFound, assert_offline, find_wayback, free_port, replay_url,
                                 start_replay)
from crawler.demo import SAMPLE_TOPIC

WAYBACK = ROOT / ".venv-replay" / "bin" / "wayback"
needs_pywb = pytest.mark.skipif(not WAYBACK.exists(),
                                reason="no .venv-replay/bin/wayback: scripts/install-replay installs pywb")
# A post on page 2 of the sample topic, as its HTML has it.
PAGE2_POST = "I have no issues with the every day soldier and the work they do daily for US citizens"
# crawler/demo_site/server.py's robots.txt, which the news crawl stored as a revisit of the forum
# crawl's copy (same bytes): a record in one file whose payload is in another.
ROBOTS = b"User-agent: *\nDisallow: /login/\n"


def when(captured_at: str) -> datetime:
    return datetime.fromisoformat(captured_at)


def fetch(url: str) -> tuple[int, bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def demo(demo_archive) -> Path:
    return demo_archive


@pytest.fixture(scope="module")
def captures(demo) -> dict[str, list[tuple[str, str]]]:
    """url -> [(kind, captured_at)] of the demo's captures."""
    import sqlite3

    found: dict[str, list[tuple[str, str]]] = {}
    with sqlite3.connect(demo / "archive.db") as db:
        for url, kind, captured_at in db.execute("select url, kind, captured_at from captures order by captured_at"):
            found.setdefault(url, []).append((kind, captured_at))
    return found


@pytest.fixture(scope="module")
def replay(demo):
    if not WAYBACK.exists():
        pytest.skip("no .venv-replay/bin/wayback: scripts/install-replay installs pywb")
    with start_replay(demo / "warc") as running:
        yield running
    assert running.process.poll() is not None, "stop() ends wayback"
    assert not running.workdir.exists(), "the temporary working folder is removed"


def test_replay_urls_hand_checked():
    base = "http://127.0.0.1:8080/archive/"
    moment = datetime(2021, 11, 8, 2, 16, 5, 123456, tzinfo=timezone.utc)
    assert replay_url(base, "http://example.com/a?b=1", moment) == \
        "http://127.0.0.1:8080/archive/20211108021605/http://example.com/a?b=1"
    assert replay_url(base.rstrip("/"), "http://example.com/", moment, raw=True) == \
        "http://127.0.0.1:8080/archive/20211108021605id_/http://example.com/"
    # Baghdad time 05:16:05 is 02:16:05 UTC; a naive time is UTC.
    baghdad = datetime(2021, 11, 8, 5, 16, 5, tzinfo=timezone(timedelta(hours=3)))
    assert replay_url(base, "http://example.com/", baghdad).endswith("/20211108021605/http://example.com/")
    assert replay_url(base, "http://example.com/", datetime(2021, 11, 8, 2, 16, 5)).endswith("/20211108021605/http://example.com/")


def test_finding_wayback(tmp_path, monkeypatch):
    with pytest.raises(PywbNotFound, match="scripts/install-replay"):
        find_wayback(tmp_path / "no-such-wayback")
    monkeypatch.setenv("FORUM_ARCHIVER_PYWB", str(tmp_path / "nor-this-one"))
    with pytest.raises(PywbNotFound, match="FORUM_ARCHIVER_PYWB"):
        find_wayback()
    if not WAYBACK.exists():
        pytest.skip("no .venv-replay/bin/wayback: scripts/install-replay installs pywb")
    monkeypatch.setenv("FORUM_ARCHIVER_PYWB", str(WAYBACK))
    assert find_wayback() == WAYBACK
    assert find_wayback(WAYBACK) == WAYBACK
    monkeypatch.delenv("FORUM_ARCHIVER_PYWB")
    # With nothing named, a wayback on PATH comes first, else the checkout's .venv-replay.
    monkeypatch.setenv("PATH", os.defpath)
    assert find_wayback() == WAYBACK.resolve()


def test_configurations_that_could_reach_the_network_are_refused():
    local = {"enable_auto_colls": False, "collections": {"archive": {"index_paths": "/x/index.cdxj"}}}
    assert_offline(local)
    for bad in ({**local, "proxy": {"coll": "archive"}}, {**local, "recorder": "live"},
                {**local, "enable_auto_colls": True}, {**local, "collections": {"live": "$live"}},
                {**local, "collections": {"archive": {"index": "$live"}}},
                {**local, "collections": {"archive": {"index_paths": "cdx+https://example.com/cdx"}}}):
        with pytest.raises(PywbError):
            assert_offline(bad)


def test_a_thread_page_replays_from_the_warc_folder(replay, captures, demo):
    (url,) = [u for u in captures if u.endswith(SAMPLE_TOPIC + "page/2/")]
    ((kind, captured_at),) = captures[url]
    assert kind == "thread_page"
    status, body = fetch(replay_url(replay.url, url, when(captured_at)))
    assert status == 200
    page = body.decode("utf-8")
    assert PAGE2_POST in page
    assert "wbinfo" in page, "rewritten by pywb (not the raw bytes)"
    status, raw = fetch(replay.replay_url(url, when(captured_at), raw=True))
    assert status == 200 and PAGE2_POST.encode() in raw and b"wbinfo" not in raw
    # Read in place: the collection's archive is the demo's WARC folder, nothing copied.
    config = (replay.workdir / "config.yaml").read_text(encoding="utf-8")
    assert str((demo / "warc").resolve()) in config
    assert not list(replay.workdir.rglob("*.warc.gz"))


def test_a_revisit_replays_with_the_payload_of_another_file(replay, captures):
    (url,) = [u for u in captures if u.endswith("/robots.txt")]
    (revisit,) = [captured_at for kind, captured_at in captures[url] if kind == "revisit"]
    status, body = fetch(replay_url(replay.url, url, when(revisit), raw=True))
    assert (status, body) == (200, ROBOTS)


class Counting(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        Counting.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_no_live_web(replay):
    """A URL the archive lacks is a 404: pywb does not go and fetch it (the server it names, on
    this machine, sees no request)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/never-archived"
        for raw in (False, True):
            status, _ = fetch(replay_url(replay.url, url, datetime.now(timezone.utc), raw=raw))
            assert status == 404
        assert Counting.hits == []
    finally:
        server.shutdown()
        server.server_close()
    config = json.loads((replay.workdir / "config.yaml").read_text(encoding="utf-8").split("\n", 1)[1])
    assert not {"live", "proxy", "recorder"} & set(config) and config["enable_auto_colls"] is False
    assert list(config["collections"]) == ["archive"]
    assert config["collections"]["archive"]["index_paths"].endswith("index.cdxj")


@needs_pywb
def test_a_given_working_folder_and_port(demo, tmp_path, captures):
    (url,) = [u for u in captures if u.endswith(SAMPLE_TOPIC)]
    port = free_port()
    with start_replay(demo / "warc", workdir=tmp_path / "pywb", port=port) as running:
        assert running.url == f"http://127.0.0.1:{port}/archive/"
        status, body = fetch(running.replay_url(url, when(captures[url][-1][1]), raw=True))
        assert status == 200 and b"drones signals can be disabled, right?" in body
    assert (tmp_path / "pywb" / "config.yaml").is_file(), "a given working folder is kept"
    assert running.process.poll() is not None


@needs_pywb
def test_unusable_sources(tmp_path):
    with pytest.raises(PywbError, match="no WARC files"):
        start_replay(tmp_path)
    (tmp_path / "notes.txt").write_text("not an archive")
    with pytest.raises(PywbError, match="not a WARC folder"):
        start_replay(tmp_path / "notes.txt")
