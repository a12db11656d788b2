"""The archive writer in a process of its own (``ARCHIVE_WRITER=process``, the default).

The writer thread's tests (order, failed writes, disk full, locks, SIGKILL, revisits, re-crawls)
cover the loop both share; every crawl test runs the process, the default. Here are what only the
process has (a reply channel, a child that can die on its own, a child started without the
script's main module); a real crawl with each writer that replays to the same rows is in
tests/test_warc_writer_thread.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import sqlite_utils
from scrapy import Spider
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from archive.warc_reader import read_response_at
from archive.writer_process import BATCH_DELAY, BATCH_JOBS, ArchiveWriterProcess, WriterProcessDied
from crawler.demo import SAMPLE_TOPIC, scrapy_env
from crawler.extensions.warc_archive import WarcArchive
from test_warc_writer_thread import sample_body

URL = "http://forum.example" + SAMPLE_TOPIC


def opened_archive(tmp_path) -> tuple[WarcArchive, Spider]:
    crawler = get_crawler(Spider, {"ARCHIVE_DB": str(tmp_path / "a.db"), "ARCHIVE_WARC_DIR": str(tmp_path / "warc"),
                                   "ARCHIVE_ENABLED": True, "ARCHIVE_WRITE_QUEUE": 8, "ARCHIVE_REVISITS": True,
                                   "ARCHIVE_WRITER": "process"})
    spider = Spider(name="forum")
    archive = WarcArchive.from_crawler(crawler)
    archive.spider_opened(spider)
    assert isinstance(archive.archive_writer, ArchiveWriterProcess)
    return archive, spider


def download(archive: WarcArchive, spider: Spider, request: Request) -> None:
    response = HtmlResponse(URL, body=sample_body(1), headers={"Content-Type": "text/html; charset=UTF-8"},
                            request=request, status=200)
    archive.response_downloaded(response, request, spider)


def test_a_page_queued_in_the_writer_process_is_found_for_revisit_detection(tmp_path):
    """The child is stopped (SIGSTOP) while the same page comes twice: the second is a revisit of
    the first, still unconfirmed; once the child goes on, both are written and ``pending`` empties."""
    archive, spider = opened_archive(tmp_path)
    child = archive.archive_writer.pid
    os.kill(child, signal.SIGSTOP)
    try:
        requests = [Request(URL), Request(URL, dont_filter=True)]
        for request in requests:
            download(archive, spider, request)
        assert [key[0] for key in archive.pending] == [URL]
    finally:
        os.kill(child, signal.SIGCONT)
    archive.spider_closed(spider, "finished")
    assert archive.pending == {}
    rows = {row["id"]: row for row in sqlite_utils.Database(tmp_path / "a.db")["captures"].rows}
    first, second = (request.meta["archive_capture_id"] for request in requests)
    assert rows[first]["refers_to"] is None and rows[second]["refers_to"] == first
    assert read_response_at(tmp_path / "warc" / rows[second]["warc_file"], rows[second]["warc_offset"]).is_revisit
    assert archive.stats.get_value("archive/warc_exchanges") == 2


def wait_until(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def test_pages_go_to_the_writer_process_in_batches_a_begun_batch_at_most_batch_delay_later(tmp_path):
    """Each hand-over wakes a thread of Scrapy's process (the queue's feeder, then the listener with
    the reply): pages go over BATCH_JOBS at a time. A batch begun is handed over by the reactor's
    call BATCH_DELAY later at the latest; a full one at once; ``close`` hands over the rest."""
    archive, spider = opened_archive(tmp_path)
    writer = archive.archive_writer
    scheduled = []
    writer.call_later = lambda delay, function: scheduled.append((delay, function))

    def page(number: int) -> None:
        url = f"{URL}page/{number}/"
        request = Request(url)
        response = HtmlResponse(url, body=sample_body(1), headers={"Content-Type": "text/html; charset=UTF-8"},
                                request=request, status=200)
        archive.response_downloaded(response, request, spider)

    for number in (1, 2, 3):
        page(number)
    time.sleep(0.3)  # time enough for the child to confirm them, had they been handed over
    assert len(archive.pending) == 3  # not handed over: no confirmation came back
    assert scheduled == [(BATCH_DELAY, writer.flush)]  # one call for the batch
    scheduled[0][1]()  # the reactor's call, BATCH_DELAY later
    assert wait_until(lambda: not archive.pending)
    for number in range(4, 4 + BATCH_JOBS):
        page(number)
    assert wait_until(lambda: not archive.pending)  # a full batch goes at once
    assert len(scheduled) == 2  # one call for the full batch's first page, which will find nothing to do
    page(99)
    archive.spider_closed(spider, "finished")  # the last page is handed over by close
    assert archive.stats.get_value("archive/warc_exchanges") == 3 + BATCH_JOBS + 1
    urls = sorted(row["url"] for row in sqlite_utils.Database(tmp_path / "a.db")["captures"].rows)
    assert urls == sorted(f"{URL}page/{number}/" for number in [*range(1, 4 + BATCH_JOBS), 99])


def test_a_writer_process_that_dies_stops_the_crawl_and_counts_every_page_after_it(tmp_path):
    archive, spider = opened_archive(tmp_path)
    writer = archive.archive_writer
    os.kill(writer.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    # fatal is set first, then on_fatal records the reason (in the listener thread): wait for both.
    while (writer.fatal is None or archive.stats.get_value("archive/fatal_error") is None) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert isinstance(writer.fatal, WriterProcessDied)
    assert archive.stats.get_value("archive/fatal_error").startswith("WriterProcessDied")
    request = Request(URL)
    download(archive, spider, request)
    assert request.meta["archive_lost"] and archive.stats.get_value("archive/lost_pages") == 1
    archive.spider_closed(spider, "finished")


UNGUARDED_SCRIPT = """\
# A crawl started from a script without an `if __name__ == "__main__":` guard.
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

settings = get_project_settings()
settings.setdict({{"ARCHIVE_WRITER": "process", "ARCHIVE_WARC_DIR": {warc!r}, "ARCHIVE_DB": {db!r},
                  "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "WARNING"}})
process = CrawlerProcess(settings)
process.crawl("forum", url={url!r})
process.start()
print("crawled")
"""


def test_a_script_without_a_main_guard_crawls_with_the_writer_process(sample_server, tmp_path):
    """``spawn`` imports the parent's main script in the child: the writer process must start without it,
    or an unguarded script would start a second crawl there and the writer would never open."""
    script = tmp_path / "crawl_script.py"
    script.write_text(UNGUARDED_SCRIPT.format(warc=str(tmp_path / "warc"), db=str(tmp_path / "archive.db"),
                                              url=sample_server.url(SAMPLE_TOPIC)), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], env=scrapy_env(), cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.count("crawled") == 1, done.stderr[-3000:]
    assert sqlite_utils.Database(tmp_path / "archive.db")["posts"].count == 13
