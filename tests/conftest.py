"""Shared fixtures: the sample forum as a real loopback server, and real scrapy crawls of it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.demo import SAMPLE_TOPIC, crawl_command, scrapy_env

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
REAL_FIXTURES = SHARED / "fixtures" / "real"


class LoopbackServer:
    """A server process on a free 127.0.0.1 port (default: ``python -m crawler.demo_site.server``)."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, *(command or ["-m", "crawler.demo_site.server", "--port", "0"])],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on "):
            self.process.kill()
            raise RuntimeError(f"sample server did not start: {line!r}")
        self.base_url = line.removeprefix("listening on ")

    def url(self, path: str) -> str:
        return self.base_url + path

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def serve_pages(folder: Path) -> LoopbackServer:
    """The sample server serving ``folder`` instead of the sample forum."""
    return LoopbackServer(["-m", "crawler.demo_site.server", "--pages", str(folder), "--port", "0"])


def warc_uris(warc_dir: Path, rec_type: str = "response", skip: set[str] = frozenset(),
              pages_only: bool = False) -> list[str]:
    """``WARC-Target-URI`` of every ``rec_type`` record in the WARC files of ``warc_dir``, in file
    order, leaving out the files named in ``skip`` (those of an earlier crawl) and, with
    ``pages_only``, the page requisites the archived pages name (:func:`requisites_named`)."""
    from warcio.archiveiterator import ArchiveIterator

    uris = []
    for path in sorted(Path(warc_dir).glob("*.warc.gz")):
        if path.name in skip:
            continue
        with open(path, "rb") as fh:
            uris += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh) if r.rec_type == rec_type]
    if pages_only:
        named = requisites_named(warc_dir)
        uris = [uri for uri in uris if uri not in named]
    return uris


def requisites_named(warc_dir: Path) -> set[str]:
    """Every page requisite (pictures, attachments, stylesheets: parsers/requisites.py) that the pages
    archived in ``warc_dir`` name, so a pagination test can tell the pages a crawl followed from
    what it fetched with them (tests/test_crawl_requisites.py tests the requisites themselves)."""
    from archive.content import ContentDecodingError, decode_content
    from archive.ingest import parse_response
    from archive.warc_reader import iter_responses
    from parsers.requisites import page_requisites

    named: set[str] = set()
    for path in sorted(Path(warc_dir).glob("*.warc.gz")):
        for response in iter_responses(path):
            if response.is_revisit or response.status != 200:
                continue
            try:
                body = decode_content(response.body, response.header("Content-Encoding"))
            except ContentDecodingError:
                continue
            result = parse_response(response)
            named.update(r.url for r in page_requisites(body, response.url, result, response.header("Content-Type")))
    return named


def warc_records(warc_dir: Path) -> list[tuple]:
    """Every record of the WARC files of ``warc_dir``, in file order, as ``(file name, record type,
    WARC headers, HTTP headers, payload)``, digests checked."""
    from warcio.archiveiterator import ArchiveIterator

    found = []
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, check_digests=True):
                found.append((path.name, record.rec_type, record.rec_headers, record.http_headers,
                              record.raw_stream.read()))
    return found


@pytest.fixture(scope="session")
def sample_server():
    server = LoopbackServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def expected_thread() -> dict:
    return json.loads((DATA / "sample_thread.expected.json").read_text(encoding="utf-8"))


def run_crawl(urls: list[str], out: Path, *extra: str, lost: bool = False) -> subprocess.CompletedProcess:
    """A real ``scrapy crawl forum`` process writing into ``out/warc`` and ``out/archive.db``.

    With ``lost=True`` the crawl is expected to lose pages on purpose (faults, walls): it must
    exit 1 with its one-line summary; otherwise it must exit 0."""
    command = crawl_command(urls[0], out / "warc", out / "archive.db")
    if len(urls) > 1:
        command[command.index(f"url={urls[0]}")] = "urls=" + ",".join(urls)
    done = subprocess.run([*command, *extra], env=scrapy_env(), capture_output=True, text=True, timeout=120)
    if lost:
        assert done.returncode == 1 and "page(s) lost" in done.stderr, (done.returncode, done.stderr[-3000:])
    else:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory) -> Path:
    """One real ``forum-archiver demo`` run (archive.db and warc/), shared by the tests that only read
    it: they write what they make (WACZ files, pywb folders) elsewhere."""
    out = tmp_path_factory.mktemp("demo") / "demo"
    done = subprocess.run([sys.executable, "-m", "crawler", "demo", "--out", str(out)], capture_output=True,
                          text=True, timeout=180, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@dataclass
class Recrawl:
    """A first crawl of the sample topic and a default re-crawl of it (see :func:`recrawled_sample`)."""

    out: Path  # warc/ and archive.db after both crawls
    base: str  # the server's base URL, as the archive names the pages (the server is stopped)
    first_db: Path  # a copy of archive.db as the first crawl left it
    first_files: set[Path]  # the WARC files the first crawl wrote
    first_requests: Counter  # path -> requests the server answered during the first crawl
    recrawl_requests: Counter  # path -> requests the server answered during the re-crawl


@pytest.fixture(scope="session")
def recrawled_sample(tmp_path_factory) -> Recrawl:
    """A real crawl of the sample topic with its requisites, then a default re-crawl of every page
    (``-a full=1``: conditional requests, so each unchanged page answers 304 and no requisite is
    asked again), both from the counting server of tests/test_crawl_requisites.py. Shared by the
    tests that only read them (requisites, pywb and ReplayWeb.page replays of 304s)."""
    from test_crawl_requisites import Site

    from crawler.demo_site.server import PAGES

    folder = tmp_path_factory.mktemp("recrawl")
    out = folder / "out"
    with Site(PAGES) as site:
        run_crawl([site.base + SAMPLE_TOPIC], out)
        first_requests = Counter(site.requests)
        first_files = set((out / "warc").glob("*.warc.gz"))
        first_db = folder / "first-crawl.db"
        source, copy = sqlite3.connect(out / "archive.db"), sqlite3.connect(first_db)
        source.backup(copy)
        source.close()
        copy.close()
        site.requests.clear()
        run_crawl([site.base + SAMPLE_TOPIC], out, "-a", "full=1")
        recrawl_requests = Counter(site.requests)
    return Recrawl(out, site.base, first_db, first_files, first_requests, recrawl_requests)


@pytest.fixture(scope="session")
def sample_crawl(sample_server, tmp_path_factory) -> Path:
    """One crawl of the sample topic, shared by the tests that only read its output."""
    out = tmp_path_factory.mktemp("crawl")
    run_crawl([sample_server.url(SAMPLE_TOPIC)], out)
    return out


def pytest_report_header(config):
    return f"shared fixtures: {'present' if REAL_FIXTURES.is_dir() else 'absent (real-page tests skip)'}"
