"""A full disk stops the crawl at once: a non-zero exit, the finish reason recorded, WARC files
that end on whole records, no secrets in the log; after space is freed a plain rerun completes.

The disk is a real 320 KiB tmpfs mounted for the test where the machine allows it (root); else
the crawl process gets a file-size limit (RLIMIT_FSIZE), under which the kernel refuses writes
past it with EFBIG, as a full disk refuses them with ENOSPC.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlite_utils
from conftest import serve_pages
from thread_pages import write_thread
from warcio.archiveiterator import ArchiveIterator

from crawler.cli import main as cli
from crawler.demo import crawl_command, scrapy_env

TOPIC = "topic/70-disk-full"
SECRET = "s3cr3t-cookie-" + uuid.uuid4().hex[:8]
PAGES, PER_PAGE = 12, 8


def words(n: int) -> str:
    """About 2 KB of text that gzip cannot shrink much (hex of random bytes)."""
    return os.urandom(1000).hex() + f" post {n}"


@contextmanager
def small_disk(path: Path, size_kib: int):
    """A real tmpfs of ``size_kib`` at ``path``; yields None when mounting is not allowed here."""
    path.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(path)],
                             capture_output=True).returncode == 0 if shutil.which("mount") else False
    try:
        yield path if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], check=False)


def crawl(url: str, warc_dir: Path, db: Path, file_limit: int | None = None) -> subprocess.CompletedProcess:
    cookies = db.parent / "cookies.txt"
    host = url.split("//")[1].split(":")[0]
    cookies.write_text(f"# Netscape HTTP Cookie File\n{host}\tFALSE\t/\tFALSE\t4102444800\tsession\t{SECRET}\n")
    limit = (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))) if file_limit else None
    return subprocess.run([*crawl_command(url, warc_dir, db), "-s", f"ARCHIVE_COOKIES_FILE={cookies}",
                           "-s", "LOG_LEVEL=INFO"], env=scrapy_env(), capture_output=True, text=True,
                          timeout=180, preexec_fn=limit)


def assert_whole_warcs(warc_dir: Path, scratch: Path) -> int:
    """Every WARC file reads to its end record by record; returns how many responses they hold."""
    responses = 0
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                record.content_stream().read()
                responses += record.rec_type == "response"
        copy = scratch / (path.name + ".copy")  # off the full disk
        assert "nothing cut" in subprocess.run(
            [str(Path(__file__).parent.parent / ".venv/bin/forum-archiver"), "warc", "repair", str(path),
             "--out", str(copy)], capture_output=True, text=True).stdout
        copy.unlink(missing_ok=True)
    return responses


def test_a_full_disk_stops_the_crawl_and_a_rerun_completes(tmp_path):
    site = tmp_path / "site"
    write_thread(site, [(7000 + n, words(n)) for n in range(PAGES * PER_PAGE)], topic=TOPIC, per_page=PER_PAGE)
    db = tmp_path / "archive.db"
    server = serve_pages(site)
    try:
        url = server.url(f"/{TOPIC}/")
        with small_disk(tmp_path / "disk", 320) as disk:
            if disk is not None:  # the WARC folder's disk fills up; the database is elsewhere
                warc_dir, filler = disk / "warc", disk / "filler"
                filler.write_bytes(b"\0" * 250_000)  # about 70 KiB left: room for a few pages only
                done = crawl(url, warc_dir, db)
            else:  # every file of the crawl is limited, the database first to reach it
                warc_dir, filler = tmp_path / "warc", None
                done = crawl(url, warc_dir, db, file_limit=600_000)
            assert done.returncode == 3, done.stderr[-3000:]
            assert "crawl archive_write_failed" in done.stderr and "page(s) lost" in done.stderr
            assert done.stderr.count("Traceback") <= 1  # the first failure's, not one per page
            assert SECRET not in done.stderr and "Cookie:" not in done.stderr
            archived = assert_whole_warcs(warc_dir, tmp_path)
            assert 0 < archived < PAGES
            rows = sqlite_utils.Database(db)
            assert rows.execute("pragma integrity_check").fetchone()[0] == "ok"
            if filler is not None:  # the database had room to say what happened
                (run,) = list(rows.query("select finish_reason, stats from crawl_runs"))
                assert run["finish_reason"] == "archive_write_failed"
                assert json.loads(run["stats"])["archive/lost_pages"] >= 1
                assert {r[0] for r in rows.execute("select kind from crawl_errors")} == {"write_failed"}
            rows.close()
            assert cli(["check", str(db)]) == 1

            if filler is not None:
                filler.unlink()  # space freed
                again = crawl(url, warc_dir, db)
            else:
                again = crawl(url, warc_dir, db)  # no file-size limit this time
            assert again.returncode == 0, again.stderr[-3000:]
            assert assert_whole_warcs(warc_dir, tmp_path) >= PAGES
    finally:
        server.stop()
    assert cli(["check", str(db)]) == 0
    rows = sqlite_utils.Database(db)
    assert rows.execute("select count(*) from posts").fetchone()[0] == PAGES * PER_PAGE
