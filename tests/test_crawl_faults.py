"""Bad responses are archived and recorded with a reason; the crawl carries on."""

from __future__ import annotations

import sqlite_utils
from conftest import LoopbackServer, run_crawl


def test_bad_responses_become_recorded_captures_not_crashes(tmp_path):
    server = LoopbackServer(["tests/fault_server.py"])
    try:
        urls = [server.url(p) for p in ("/faults/bad-gzip/", "/faults/server-error/", "/faults/cloudflare/",
                                        "/faults/guest-limit/")]
        # Two walls on one host: record both rather than pause the host after the first.
        run_crawl(urls, tmp_path, "-s", "RETRY_TIMES=1", "-s", "RETRY_HTTP_CODES=500", "-s", "ARCHIVE_WALL_PAUSE=-1", lost=True)
    finally:
        server.stop()
    db = sqlite_utils.Database(tmp_path / "archive.db")
    rows = {r["url"].split("/faults/")[1]: r for r in db.query(
        "select url, status, kind, reason from captures where url like '%/faults/%' order by captured_at")}
    assert rows["bad-gzip/"]["kind"] == "unsupported"
    assert "does not decode as gzip" in rows["bad-gzip/"]["reason"]
    assert rows["cloudflare/"]["kind"] == "blocked" and "Cloudflare" in rows["cloudflare/"]["reason"]
    assert rows["guest-limit/"]["kind"] == "blocked" and "guests may view" in rows["guest-limit/"]["reason"]
    # A retried 500 is archived once per attempt, each attempt its own capture.
    attempts = db.execute("select count(*) from captures where url like '%/faults/server-error/'").fetchone()[0]
    assert attempts == 2
    assert db["posts"].count == 0


def test_a_database_that_cannot_be_opened_stops_the_crawl_instead_of_losing_pages(sample_server, tmp_path):
    import subprocess

    from crawler.demo import SAMPLE_TOPIC, crawl_command, scrapy_env

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")
    command = crawl_command(sample_server.url(SAMPLE_TOPIC), tmp_path / "warc", blocker / "archive.db")
    done = subprocess.run(command, env=scrapy_env(), capture_output=True, text=True, timeout=120)
    assert "cannot open the archive database" in done.stderr
    assert not list((tmp_path / "warc").glob("*.warc.gz"))  # nothing fetched and thrown away
