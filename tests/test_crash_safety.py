"""A crawl killed with SIGKILL mid-run: closed WARCs valid, the open one repairable, the database
consistent, and a rerun completes the thread without duplicating anything.

The thread is tests/data/slow_thread (30 pages, two posts each), served by a server subprocess
that waits a little before each page, so the crawl is still running when it is killed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
from conftest import DATA, LoopbackServer, run_crawl
from warcio.archiveiterator import ArchiveIterator

from archive.warc_repair import repair
from crawler.cli import main as cli
from crawler.demo import crawl_command, scrapy_env

PAGES = DATA / "slow_thread" / "pages"
TOPIC = "/topic/9000-slow-thread/"
SLOW_SERVER = """
import sys, time
from pathlib import Path
from crawler.demo_site import server

class Slow(server.SampleForumHandler):
    def do_GET(self):
        if "/topic/" in self.path:
            time.sleep(float(sys.argv[2]))
        super().do_GET()

httpd = server.make_server(0, Path(sys.argv[1]))
httpd.RequestHandlerClass = Slow
print(f"listening on http://127.0.0.1:{httpd.server_address[1]}", flush=True)
httpd.serve_forever()
"""


@pytest.fixture
def slow_server():
    server = LoopbackServer(["-c", SLOW_SERVER, str(PAGES), "0.25"])
    yield server
    server.stop()


def responses_in(path: Path) -> int:
    """Whole response/revisit records readable from a WARC that may still be being written."""
    count = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                count += record.rec_type in ("response", "revisit")
    except Exception:  # noqa: BLE001 - a record being written
        pass
    return count


def reads_to_the_end(path: Path) -> bool:
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            record.raw_stream.read()
            if getattr(record.raw_stream, "limit", 0):
                return False
            records.read_to_end(record)
    return True


def warcio_check(paths) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *map(str, paths)],
                          capture_output=True, text=True)


def test_sigkill_mid_crawl_then_rerun(slow_server, tmp_path):
    warc_dir, db_path = tmp_path / "warc", tmp_path / "archive.db"
    small_files = ("-s", "ARCHIVE_WARC_MAX_SIZE=4000")  # a few exchanges a file: closed files and an open one
    command = [*crawl_command(slow_server.url(TOPIC), warc_dir, db_path), *small_files]
    crawl = subprocess.Popen(command, env=scrapy_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while sum(responses_in(p) for p in warc_dir.glob("*.warc.gz")) < 8:
            assert crawl.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline, "the crawl wrote nothing"
            time.sleep(0.05)
        crawl.kill()  # SIGKILL: no spider_closed, no file closing
    finally:
        if crawl.poll() is None:
            crawl.kill()
        crawl.wait(timeout=10)
    assert crawl.returncode == -9

    files = sorted(warc_dir.glob("*.warc.gz"))
    assert len(files) >= 2
    *closed, open_file = files
    done = warcio_check(closed)
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(reads_to_the_end(path) for path in closed)
    result = repair(open_file)  # cuts nothing unless the kill tore the record being written
    assert reads_to_the_end(open_file) and result.kept == open_file.stat().st_size
    done = warcio_check([open_file])
    assert done.returncode == 0, done.stdout + done.stderr

    db = sqlite_utils.Database(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("select count(*) from posts where capture_id not in (select id from captures)").fetchone()[0] == 0
    killed_posts = db["posts"].count
    assert 0 < killed_posts < 60
    db.close()

    run_crawl([slow_server.url(TOPIC)], tmp_path, *small_files)
    db = sqlite_utils.Database(db_path)
    assert db["posts"].count == 60
    assert [r[0] for r in db.execute("select position from posts order by position")] == list(range(1, 61))
    assert db.execute("select count(distinct page) from posts").fetchone()[0] == 30
    # The rerun read on from the last page the killed run had stored: no page is stored twice.
    assert db.execute("select url from captures where kind = 'thread_page' group by url "
                      "having count(*) > 1").fetchall() == []
    assert db.execute("select count(*) from posts where capture_id not in (select id from captures)").fetchone()[0] == 0

    # Everything is in the WARCs: a replay of them all rebuilds the whole thread.
    replayed = tmp_path / "replayed.db"
    assert cli(["replay", str(warc_dir), "--db", str(replayed), "--quiet"]) == 0
    assert sqlite_utils.Database(replayed)["posts"].count == 60
    done = warcio_check(sorted(warc_dir.glob("*.warc.gz")))
    assert done.returncode == 0, done.stdout + done.stderr
