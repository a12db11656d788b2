"""The archive writer: gzip level, the writer thread's order and failures, and crawl = replay.

The archive gzips WARC records at ``ARCHIVE_WARC_GZIP_LEVEL`` (each record its own gzip member)
and writes WARC and SQLite in a writer of its own (``ARCHIVE_WRITE_QUEUE``; a process by default,
a thread with ``ARCHIVE_WRITER=thread``, the loop they share tested here); nothing of what the
archive promises may change with either: records readable by any WARC tool, every row citing its
record, rows written in the order the pages came, a revisit found even for a page still queued,
a failed write recorded and the crawl closed cleanly, and replay rebuilding the same database.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlite_utils
from scrapy import Spider
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from archive.database import open_archive, RUN_METADATA_TABLES
from archive.warc_reader import read_response_at
from archive.warc_writer import Exchange, RotatingWarcWriter
from archive.writer_thread import ArchiveWriter
from conftest import run_crawl, warc_uris
from crawler.cli import main as cli
from crawler.demo import SAMPLE_TOPIC
from crawler.extensions.warc_archive import WarcArchive

PAGE_2 = SAMPLE_TOPIC + "page/2/"


def sample_body(page: int) -> bytes:
    folder = Path(__file__).resolve().parent.parent / "crawler" / "demo_site" / "pages" / SAMPLE_TOPIC.strip("/")
    return (folder / ("index.html" if page == 1 else f"page/{page}/index.html")).read_bytes()


def exchange(url: str, body: bytes) -> Exchange:
    return Exchange(url=url, method="GET", request_headers=[("Host", "forum.example")], request_body=b"",
                    status=200, reason="OK", protocol="HTTP/1.1",
                    response_headers=[("Content-Type", "text/html; charset=UTF-8")], response_body=body)


def gzip_members(path: Path) -> list[bytes]:
    """The decompressed members of a gzip file, one by one."""
    data, members = path.read_bytes(), []
    while data:
        member = zlib.decompressobj(zlib.MAX_WBITS + 16)
        members.append(member.decompress(data) + member.flush())
        data = member.unused_data
    return members


def write_sample(folder: Path, level: int) -> tuple[Path, list]:
    writer = RotatingWarcWriter(folder, f"level{level}", gzip_level=level)
    written = [writer.write_exchange(exchange(f"http://forum.example/topic/1/page/{n}/", sample_body(n)))
               for n in (1, 2, 3)]
    writer.close()
    return writer.files[0], written


@pytest.mark.parametrize("level", [1, 9])
def test_each_record_is_its_own_gzip_member_that_warcio_reads(tmp_path, level):
    path, written = write_sample(tmp_path, level)
    members = gzip_members(path)
    # warcinfo, then a response and a request per exchange; each member holds exactly one record.
    assert len(members) == 1 + 2 * len(written)
    assert all(member.startswith(b"WARC/1.1\r\n") and member.count(b"\r\nWARC-Type: ") == 1 for member in members)
    check = subprocess.run([str(Path(sys.executable).with_name("warcio")), "check", "-v", str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    for n, record in zip((1, 2, 3), written):
        read = read_response_at(path, record.offset)
        assert read.record_id == record.record_id and read.body == sample_body(n)
    with gzip.open(path) as whole:  # the file is also one valid gzip stream to plain gzip readers
        assert whole.read().count(b"WARC-Type: response") == 3


def test_a_lower_level_writes_a_larger_file_and_levels_are_checked(tmp_path):
    fast, _ = write_sample(tmp_path / "fast", 1)
    small, _ = write_sample(tmp_path / "small", 9)
    assert fast.stat().st_size > small.stat().st_size
    with pytest.raises(ValueError):
        RotatingWarcWriter(tmp_path, "bad", gzip_level=10)


def test_the_caller_can_fix_record_id_and_date_before_writing(tmp_path):
    writer = RotatingWarcWriter(tmp_path, "fixed")
    when = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)
    written = writer.write_exchange(exchange("http://forum.example/t/", b"<p>x</p>"), captured_at=when,
                                    record_id="<urn:uuid:00000000-0000-4000-8000-000000000001>")
    writer.close()
    read = read_response_at(writer.files[0], written.offset)
    assert read.record_id == "<urn:uuid:00000000-0000-4000-8000-000000000001>"
    assert read.captured_at == when == written.captured_at


# --- the writer thread ---------------------------------------------------------------------------

class Insert:
    """A job writing one row; ``fail`` makes it raise after writing (the row must not stay)."""

    def __init__(self, n: int, fail: bool = False, log: list | None = None) -> None:
        self.n, self.fail, self.log = n, fail, log

    def __call__(self, db) -> None:
        with db.atomic():
            db["seen"].insert({"n": n_thread(self.n)})
            if self.fail:
                raise RuntimeError(f"job {self.n} fails")

    def after_commit(self) -> None:
        if self.log is not None:
            self.log.append(self.n)


def n_thread(n: int) -> str:
    return f"{n}:{threading.current_thread().name}"


@pytest.mark.parametrize("queue_size", [0, 3])
def test_writer_runs_jobs_in_order_and_a_failing_job_costs_only_itself(tmp_path, queue_size):
    failures, committed = [], []
    writer = ArchiveWriter(str(tmp_path / "a.db"), queue_size,
                           on_error=lambda db, job, exc: failures.append((job.n, str(exc))))
    writer.start()
    for n in range(40):
        writer.submit(Insert(n, fail=(n == 17), log=committed))
    writer.close()
    rows = [row["n"] for row in sqlite_utils.Database(tmp_path / "a.db")["seen"].rows_where(order_by="rowid")]
    assert [int(row.split(":")[0]) for row in rows] == [n for n in range(40) if n != 17]
    assert {row.split(":")[1] for row in rows} == {"archive-writer" if queue_size else "MainThread"}
    assert failures == [(17, "job 17 fails")]
    assert committed == list(range(40))
    assert (writer.done, writer.failed) == (39, 1)


def test_writer_start_raises_when_the_database_cannot_open(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    writer = ArchiveWriter(str(tmp_path / "file" / "a.db"), 4, on_error=lambda *a: None)
    with pytest.raises(Exception):
        writer.start()


def test_a_page_still_queued_is_found_for_revisit_detection(tmp_path):
    """The same URL and body twice while the first is still waiting for the writer: the second
    is written as a revisit of the first, as it would be once the first is in the database."""
    crawler = get_crawler(Spider, {"ARCHIVE_DB": str(tmp_path / "a.db"), "ARCHIVE_WARC_DIR": str(tmp_path / "warc"),
                                   "ARCHIVE_ENABLED": True, "ARCHIVE_WRITE_QUEUE": 8, "ARCHIVE_REVISITS": True,
                                   "ARCHIVE_WRITER": "thread"})  # the process's own: test_warc_writer_process.py
    spider = Spider(name="forum")
    archive = WarcArchive.from_crawler(crawler)
    archive.spider_opened(spider)
    gate = threading.Event()
    archive.archive_writer.submit(lambda db: gate.wait(30))  # holds the writer until both pages are in
    url = "http://forum.example" + SAMPLE_TOPIC
    requests = [Request(url), Request(url, dont_filter=True)]
    for request in requests:
        response = HtmlResponse(url, body=sample_body(1), headers={"Content-Type": "text/html; charset=UTF-8"},
                                request=request, status=200)
        archive.response_downloaded(response, request, spider)
        assert request.meta["page_result"].kind == "thread_page"  # the spider can follow either
    assert [key[0] for key in archive.pending] == [url]  # the first, still queued; the second is its revisit
    gate.set()
    archive.spider_closed(spider, "finished")
    db = sqlite_utils.Database(tmp_path / "a.db")
    first, second = (requests[0].meta["archive_capture_id"], requests[1].meta["archive_capture_id"])
    rows = {row["id"]: row for row in db["captures"].rows}
    assert rows[first]["refers_to"] is None and rows[second]["refers_to"] == first
    assert rows[second]["kind"] == "revisit"
    assert archive.pending == {}
    path = tmp_path / "warc" / rows[second]["warc_file"]
    assert read_response_at(path, rows[second]["warc_offset"]).record_type == "revisit"


# --- real crawls -------------------------------------------------------------------------------

def archive_rows(db_path: Path) -> dict[str, list[tuple]]:
    db = sqlite_utils.Database(db_path)
    tables = [t for t in db.table_names() if "_fts" not in t and t not in RUN_METADATA_TABLES]
    return {t: sorted(tuple(row.values()) for row in db[t].rows) for t in tables}


def test_rows_follow_the_warc_in_order_and_cite_their_records(sample_crawl):
    """Writes stay first in, first out: capture times (fixed as pages arrive) rise with WARC offsets."""
    db = sqlite_utils.Database(sample_crawl / "archive.db")
    rows = list(db.query("select id, url, captured_at, warc_file, warc_offset from captures "
                         "order by warc_file, warc_offset"))
    assert len(rows) >= 3
    assert [row["captured_at"] for row in rows] == sorted(row["captured_at"] for row in rows)
    for row in rows:
        record = read_response_at(sample_crawl / "warc" / row["warc_file"], row["warc_offset"])
        assert (record.record_id, record.url) == (row["id"], row["url"])
    run = db.execute("select stats from crawl_runs").fetchone()
    assert json.loads(run[0])["archive/warc_exchanges"] == len(rows)


def test_inline_writes_at_gzip_level_1_replay_to_the_same_rows(sample_server, tmp_path):
    out = tmp_path / "inline"
    run_crawl([sample_server.url(SAMPLE_TOPIC)], out, "-s", "ARCHIVE_WRITE_QUEUE=0", "-s", "ARCHIVE_WARC_GZIP_LEVEL=1")
    replayed = tmp_path / "replayed.db"
    assert cli(["replay", str(out / "warc"), "--db", str(replayed), "--quiet"]) == 0
    live, again = archive_rows(out / "archive.db"), archive_rows(replayed)
    assert live == again
    assert len(live["posts"]) == 13


@pytest.mark.parametrize("writer", ["process", "thread"])
def test_a_crawl_with_either_writer_replays_to_the_same_rows(sample_server, tmp_path, writer):
    out = tmp_path / writer
    run_crawl([sample_server.url(SAMPLE_TOPIC)], out, "-s", f"ARCHIVE_WRITER={writer}")
    replayed = tmp_path / "replayed.db"
    assert cli(["replay", str(out / "warc"), "--db", str(replayed), "--quiet"]) == 0
    live = archive_rows(out / "archive.db")
    assert live == archive_rows(replayed) and len(live["posts"]) == 13


@pytest.mark.parametrize("writer", ["process", "thread"])
def test_a_failed_write_is_recorded_and_the_crawl_closes_cleanly(sample_server, tmp_path, writer):
    """SQLite refuses the capture of page 2 (a trigger): that page is logged, counted and recorded
    in crawl_errors with its URL; the crawl still follows the thread to page 3 and ends, saying
    (exit 1) that a page was lost, and the WARC keeps page 2 for a replay."""
    out = tmp_path / "failing"
    db = open_archive(str(out / "archive.db"))
    db.execute("create trigger refuse_page_2 before insert on captures when new.url like '%/page/2/' "
               "begin select raise(abort, 'refused by the test trigger'); end")
    db.close()
    done = run_crawl([sample_server.url(SAMPLE_TOPIC)], out, "-s", f"ARCHIVE_WRITER={writer}", lost=True)
    assert "archiving " in done.stderr and "refused by the test trigger" in done.stderr
    assert "1 page(s) lost (1 not archived)" in done.stderr
    db = sqlite_utils.Database(out / "archive.db")
    errors = list(db["crawl_errors"].rows)
    assert [(e["url"], e["kind"]) for e in errors] == [(sample_server.url(PAGE_2), "write_failed")]
    assert errors[0]["detail"].startswith("archive write failed:") and "refused" in errors[0]["detail"]
    run = db.execute("select id, finish_reason, stats from crawl_runs").fetchone()
    assert run[1] == "finished" and errors[0]["crawl_run_id"] == run[0]
    assert json.loads(run[2])["archive/write_errors"] == 1
    captured = {row["url"] for row in db["captures"].rows}
    assert sample_server.url(SAMPLE_TOPIC + "page/3/") in captured and sample_server.url(PAGE_2) not in captured
    assert sample_server.url(PAGE_2) in warc_uris(out / "warc")
    pages = {row["page"] for row in db.query("select distinct page from posts")}
    assert pages == {1, 3}


def test_warc_records_of_a_threaded_crawl_iterate_cleanly(sample_crawl):
    for path in sorted((sample_crawl / "warc").glob("*.warc.gz")):
        with open(path, "rb") as fh:
            types = [record.rec_type for record in ArchiveIterator(fh)]
        assert types[0] == "warcinfo" and types.count("response") == types.count("request")
