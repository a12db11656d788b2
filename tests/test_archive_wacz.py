"""``forum-archiver wacz`` on real crawls: the package py-wacz validates, its pages, its selection.

The demo archive (the sample forum and news, crawled by real scrapy processes) is built once for
the module; the package is made by the real command and checked by py-wacz's own validator
(``.venv-replay/bin/wacz``, from ``scripts/install-replay``), then replayed in a real pywb.
Expected values were read from the sample site's files by hand, not from the command's output.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import subprocess
import sys
import urllib.request
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import ROOT, run_crawl

from archive.pywb_replay import start_replay
from archive.wacz import build_wacz, read_pages
from crawler.demo import SAMPLE_TOPIC

REPLAY_BIN = ROOT / ".venv-replay" / "bin"
WAYBACK, WACZ_TOOL = REPLAY_BIN / "wayback", REPLAY_BIN / "wacz"
NO_REPLAY_TOOLS = "no .venv-replay/bin/wayback: scripts/install-replay installs pywb and py-wacz"
PAGES = ROOT / "crawler" / "demo_site" / "pages"

# By hand: the sample topic is three files, topic/4242-.../index.html, page/2/index.html and
# page/3/index.html (test_thread_pages_counted_by_hand checks the folder still says so).
THREAD_PAGES = 3
THREAD_TITLE = "Iraqi officials: Prime minister survives assassination attempt"  # the pages' <title>, before " - Page N"
# Posts' words read in the sample pages' HTML, one from each page.
PAGE_TEXTS = {1: "drones signals can be disabled, right?",
              2: "I have no issues with the every day soldier and the work they do daily for US citizens",
              3: "Of course not they are a bunch of sneaky cowards."}
# The Arabic page (aawsat-ar/node/4567890, served in windows-1256 with no charset): its headline
# and words of its first paragraph, as read in the file.
ARABIC_PATH = "/aawsat-ar/node/4567890/"
ARABIC_TITLE = "قائد «فيلق القدس» زار بغداد بعد محاولة اغتيال الكاظمي"
ARABIC_WORDS = "الإيراني، إسماعيل قاآني، بغداد"
CREATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def forum_archiver(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)


@pytest.fixture(scope="module")
def demo(demo_archive) -> Path:
    return demo_archive


@pytest.fixture(scope="module")
def package(demo, tmp_path_factory) -> Path:
    """The whole demo archive, as the README's user would make it (WARCs found beside the database)."""
    out = tmp_path_factory.mktemp("wacz") / "demo.wacz"
    done = forum_archiver("wacz", str(out), "--db", str(demo / "archive.db"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "3 thread page(s) of 1 thread(s)" in done.stdout
    return out


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, params).fetchall()


def test_thread_pages_counted_by_hand():
    topic = PAGES / SAMPLE_TOPIC.strip("/")
    assert sorted(str(p.relative_to(topic)) for p in topic.rglob("index.html")) == \
        ["index.html", "page/2/index.html", "page/3/index.html"]
    assert THREAD_PAGES == 3


def test_py_wacz_validates_the_package(package):
    if not WAYBACK.exists():
        pytest.skip(NO_REPLAY_TOOLS)
    assert WACZ_TOOL.exists(), "scripts/install-replay installs py-wacz beside pywb"
    done = subprocess.run([str(WACZ_TOOL), "validate", "-f", str(package)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Validation succeeded" in done.stdout


def test_a_tampered_package_fails_validation(package, tmp_path):
    """The validator does look at the hashes: one changed byte of pages.jsonl fails it."""
    if not WAYBACK.exists():
        pytest.skip(NO_REPLAY_TOOLS)
    tampered = tmp_path / "tampered.wacz"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "pages/pages.jsonl":
                data = data.replace(b"drones", b"Drones", 1)
            dst.writestr(info, data)
    done = subprocess.run([str(WACZ_TOOL), "validate", "-f", str(tampered)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr


def test_layout_hashes_and_stored_members(package, demo):
    with zipfile.ZipFile(package) as wacz:
        members = {info.filename: info for info in wacz.infolist()}
        datapackage = json.loads(wacz.read("datapackage.json"))
        digest = json.loads(wacz.read("datapackage-digest.json"))
        assert digest == {"path": "datapackage.json",
                          "hash": "sha256:" + hashlib.sha256(wacz.read("datapackage.json")).hexdigest()}
        listed = {resource["path"]: resource for resource in datapackage["resources"]}
        assert set(listed) == set(members) - {"datapackage.json", "datapackage-digest.json"}
        for path, resource in listed.items():
            data = wacz.read(path)
            assert resource["bytes"] == len(data) and resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    warcs = sorted(p.name for p in (demo / "warc").glob("*.warc.gz"))
    assert [m for m in members if m.startswith("archive/")] == [f"archive/{name}" for name in warcs]
    for name in [*(f"archive/{w}" for w in warcs), "indexes/index.cdx.gz"]:
        assert members[name].compress_type == zipfile.ZIP_STORED, name
    assert {"indexes/index.idx", "pages/pages.jsonl"} <= set(members)
    assert datapackage["profile"] == "data-package" and datapackage["wacz_version"] == "1.1.1"
    assert datapackage["software"].startswith("forum-archiver")
    # The whole archive (one thread, and news) names no main page.
    assert "mainPageURL" not in datapackage


def test_pages_list_every_thread_page_and_article(package, demo):
    pages = read_pages(package)
    header, entries = pages[0], pages[1:]
    assert header["format"] == "json-pages-1.0" and header["id"] == "pages" and header["title"]
    db = demo / "archive.db"
    thread_urls = {url for (url,) in rows(db, "select distinct url from captures where kind = 'thread_page'")}
    assert len(thread_urls) == THREAD_PAGES
    by_url = {}
    for entry in entries:
        assert {"id", "url", "ts", "title"} <= set(entry)
        by_url.setdefault(entry["url"], []).append(entry)
    thread_entries = [by_url[url][0] for url in sorted(thread_urls)]
    assert all(len(by_url[url]) == 1 for url in thread_urls)
    base = next(iter(thread_urls)).split("/topic/")[0]
    for page, words in PAGE_TEXTS.items():
        url = base + SAMPLE_TOPIC + ("" if page == 1 else f"page/{page}/")
        (entry,) = by_url[url]
        assert entry["title"] == THREAD_TITLE + ("" if page == 1 else f" — page {page}")
        assert words in entry["text"]
        assert all(other not in entry["text"] for n, other in PAGE_TEXTS.items() if n != page)
        # ts is the capture's time, as its WARC record says
        (captured_at,) = rows(db, "select captured_at from captures where url = ? and kind = 'thread_page'", url)[0]
        assert datetime.fromisoformat(entry["ts"].replace("Z", "+00:00")) == datetime.fromisoformat(captured_at)
    assert len(thread_entries) == THREAD_PAGES
    # One entry per article; the Arabic page's text is the database's, whatever its charset was.
    articles = [e for e in entries if e["url"] not in thread_urls]
    assert len(articles) == rows(db, "select count(*) from articles")[0][0] == 11
    (arabic,) = [e for e in articles if e["url"] == base + ARABIC_PATH]
    assert arabic["title"] == ARABIC_TITLE
    assert ARABIC_WORDS in arabic["text"]
    assert len({e["id"] for e in entries}) == len(entries)


def test_same_archive_same_bytes_but_created(demo, tmp_path):
    db, warc = demo / "archive.db", demo / "warc"
    first = build_wacz(db, warc, tmp_path / "a.wacz", created=CREATED).path.read_bytes()
    again = build_wacz(db, warc, tmp_path / "b.wacz", created=CREATED).path.read_bytes()
    assert first == again
    later = build_wacz(db, warc, tmp_path / "c.wacz", created=datetime(2027, 1, 1, tzinfo=timezone.utc)).path
    with zipfile.ZipFile(tmp_path / "a.wacz") as a, zipfile.ZipFile(later) as c:
        differing = [name for name in a.namelist() if a.read(name) != c.read(name)]
        assert differing == ["datapackage.json", "datapackage-digest.json"]
        assert json.loads(c.read("datapackage.json"))["created"] == "2027-01-01T00:00:00Z"


def test_a_thread_selection_and_its_pywb_replay(demo, tmp_path):
    db = demo / "archive.db"
    ((thread_id,),) = rows(db, "select id from threads")
    out = tmp_path / "thread.wacz"
    done = forum_archiver("wacz", str(out), "--db", str(db), "--warc-dir", str(demo / "warc"), "--thread", thread_id)
    assert done.returncode == 0, done.stderr[-3000:]
    with zipfile.ZipFile(out) as wacz:
        warcs = [n for n in wacz.namelist() if n.startswith("archive/")]
        datapackage = json.loads(wacz.read("datapackage.json"))
    # The thread's pages (and, with the page requisites, its pictures) are in the forum crawl's file only.
    (forum_file,) = {f for (f,) in rows(db, "select warc_file from captures where kind = 'thread_page'")}
    assert warcs == [f"archive/{forum_file}"]
    entries = read_pages(out)[1:]
    assert len(entries) == THREAD_PAGES and entries[0]["title"] == THREAD_TITLE
    assert datapackage["title"] == THREAD_TITLE and datapackage["mainPageURL"].endswith(SAMPLE_TOPIC)
    # --where over threads chooses the same thread: the same package
    same = build_wacz(db, demo / "warc", tmp_path / "where.wacz", where="title like 'Iraqi officials:%'", created=CREATED)
    named = build_wacz(db, demo / "warc", tmp_path / "named.wacz", threads=[thread_id], created=CREATED)
    assert same.path.read_bytes() == named.path.read_bytes()
    assert forum_archiver("wacz", str(tmp_path / "none.wacz"), "--db", str(db), "--thread", "nope").returncode == 2

    if not WAYBACK.exists():
        pytest.skip(NO_REPLAY_TOOLS)
    page2 = next(e for e in entries if e["title"].endswith("page 2"))
    with start_replay(out) as replay:
        when = datetime.fromisoformat(page2["ts"].replace("Z", "+00:00"))
        with urllib.request.urlopen(replay.replay_url(page2["url"], when), timeout=30) as answer:
            assert answer.status == 200
            assert PAGE_TEXTS[2] in answer.read().decode("utf-8")


def test_the_arabic_page_replays_from_the_package_as_served(package):
    """pywb gives the windows-1256 bytes back as archived (``id_``), while pages.jsonl has its text."""
    if not WAYBACK.exists():
        pytest.skip(NO_REPLAY_TOOLS)
    (arabic,) = [e for e in read_pages(package)[1:] if e["url"].endswith(ARABIC_PATH)]
    with start_replay(package) as replay:
        when = datetime.fromisoformat(arabic["ts"].replace("Z", "+00:00"))
        with urllib.request.urlopen(replay.replay_url(arabic["url"], when, raw=True), timeout=30) as answer:
            assert answer.status == 200
            assert ARABIC_WORDS.encode("windows-1256") in answer.read()


@pytest.fixture(scope="module")
def recrawled(sample_server, tmp_path_factory) -> Path:
    """The sample topic crawled twice (the second crawl's 304 refers to the first crawl's file),
    then one more capture of a post's picture in a WARC file of its own, ingested by
    ``forum-archiver replay`` as any WARC is."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = tmp_path_factory.mktemp("recrawl")
    run_crawl([sample_server.url(SAMPLE_TOPIC)], out)
    run_crawl([sample_server.url(SAMPLE_TOPIC)], out)
    image_url = sample_server.url("/uploads/monthly_2021_11/mil-1.jpeg")
    picture = out / "warc" / "pictures-00000.warc.gz"
    with open(picture, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        body = (PAGES / "uploads" / "monthly_2021_11" / "mil-1.jpeg").read_bytes()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg"), ("Content-Length", str(len(body)))],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(image_url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": "2026-01-01T00:00:00Z"}))
    done = forum_archiver("replay", str(picture), "--db", str(out / "archive.db"), "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_a_selection_follows_revisits_and_pictures(recrawled, tmp_path):
    db = recrawled / "archive.db"
    ((thread_id,),) = rows(db, "select id from threads")
    # By hand: page 3 was fetched again by the second crawl and answered 304, a capture in the
    # second crawl's file that refers to the first crawl's capture.
    ((second_file, first_file),) = rows(db, """
        select c.warc_file, o.warc_file from captures c join captures o on o.id = c.refers_to
        where c.kind = 'not_modified' and c.url like '%/page/3/'""")
    assert second_file != first_file
    pictures = {item["url"] for (images,) in rows(db, "select images from posts where images is not null")
                for item in json.loads(images)}
    ((picture_url,),) = rows(db, "select url from captures where warc_file = 'pictures-00000.warc.gz'")
    assert picture_url in pictures
    summary = build_wacz(db, recrawled / "warc", tmp_path / "t.wacz", threads=[thread_id], created=CREATED)
    assert summary.warc_files == sorted([first_file, second_file, "pictures-00000.warc.gz"])
    # The newest capture of each thread page that is a page (not the 304) is the one listed.
    entries = read_pages(summary.path)[1:]
    assert len(entries) == THREAD_PAGES
    (page3,) = [e for e in entries if e["url"].endswith("/page/3/")]
    ((first_capture,),) = rows(db, "select captured_at from captures where url = ? and kind = 'thread_page'", page3["url"])
    assert datetime.fromisoformat(page3["ts"].replace("Z", "+00:00")) == datetime.fromisoformat(first_capture)
    if not WAYBACK.exists():
        pytest.skip(NO_REPLAY_TOOLS)
    done = subprocess.run([str(WACZ_TOOL), "validate", "-f", str(summary.path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
