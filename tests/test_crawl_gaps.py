"""Nothing lost silently: a page lost once is fetched again by the next plain run, traps and the
page cap stop a walk with an error row, a full disk stops the crawl with a non-zero exit and a
whole WARC, and two crawls started together into one archive both keep every post.

Every case is a real ``scrapy crawl`` process against a real loopback server, checked through
the real archive (SQLite rows, WARC records) and ``forum-archiver check``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlite_utils
from conftest import ROOT, run_crawl, serve_pages, warc_uris
from thread_pages import write_thread
from warcio.archiveiterator import ArchiveIterator

from crawler.demo import crawl_command, scrapy_env

GAPS = "topic/56-gaps"


def check(db: Path) -> subprocess.CompletedProcess:
    """``forum-archiver check DB --json`` as a user runs it."""
    return subprocess.run([str(ROOT / ".venv/bin/forum-archiver"), "check", str(db), "--json"],
                          capture_output=True, text=True, timeout=60)


def posts_of(db: Path) -> set[str]:
    return {row[0] for row in sqlite_utils.Database(db).execute("select native_id from posts")}


def error_kinds(db: Path) -> list[str]:
    return [row[0] for row in sqlite_utils.Database(db).execute("select kind from crawl_errors order by id")]


def test_a_page_lost_once_is_fetched_again_by_the_next_plain_run(tmp_path):
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(200 + n, f"post {n}") for n in range(9)], topic=GAPS)  # pages 1-3
    page_two = site / GAPS / "page" / "2" / "index.html"
    saved = page_two.read_bytes()
    page_two.unlink()  # a one-off failure: page 2 answers 404 this time
    server = serve_pages(site)
    try:
        url = server.url(f"/{GAPS}/")
        done = run_crawl([url], out, lost=True)
        assert "1 page(s) lost (1 http)" in done.stderr
        before = check(out / "archive.db")
        assert before.returncode == 1
        report = json.loads(before.stdout)
        (thread,) = report["threads"]
        assert (thread["page_count"], thread["pages_archived"], thread["missing_pages"]) == (3, [1], [2, 3])
        assert [e["url"] for e in report["open_errors"]] == [server.url(f"/{GAPS}/page/2/")]

        page_two.write_bytes(saved)
        run_crawl([url], out)  # a plain run, no -a full=1
    finally:
        server.stop()
    after = check(out / "archive.db")
    assert after.returncode == 0, after.stdout
    report = json.loads(after.stdout)
    assert report["complete"] and report["threads"][0]["pages_archived"] == [1, 2, 3]
    assert report["open_errors"] == []
    assert posts_of(out / "archive.db") == {str(200 + n) for n in range(9)}


def test_a_gap_in_the_middle_is_refilled_from_the_page_before_it(tmp_path):
    """Pages 1 and 3 archived, 2 not: the next run reads on from page 1, not from page 3."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(300 + n, f"post {n}") for n in range(9)], topic=GAPS)
    server = serve_pages(site)
    try:
        url = server.url(f"/{GAPS}/")
        run_crawl([url], out)
        db = sqlite_utils.Database(out / "archive.db")
        with db.conn:  # the capture of page 2 lost (as a failed write leaves it)
            db.execute("delete from posts where page = 2")
            db.execute("delete from captures where page = 2")
        db.close()
        assert json.loads(check(out / "archive.db").stdout)["threads"][0]["missing_pages"] == [2]
        first = {p.name for p in (out / "warc").glob("*.warc.gz")}
        run_crawl([url], out)
    finally:
        server.stop()
    asked = [uri for uri in warc_uris(out / "warc", "request", skip=first) if "/topic/" in uri]
    assert asked[:2] == [server.url(f"/{GAPS}/"), server.url(f"/{GAPS}/page/2/")]
    assert check(out / "archive.db").returncode == 0
    assert posts_of(out / "archive.db") == {str(300 + n) for n in range(9)}


def test_the_page_cap_cuts_a_walk_with_an_error_and_the_next_run_reads_on(tmp_path):
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(400 + n, f"post {n}") for n in range(12)], topic=GAPS)  # 4 pages
    server = serve_pages(site)
    try:
        url = server.url(f"/{GAPS}/")
        done = run_crawl([url], out, "-s", "ARCHIVE_MAX_THREAD_PAGES=2", lost=True)
        assert "1 page_cap" in done.stderr and error_kinds(out / "archive.db") == ["page_cap"]
        assert json.loads(check(out / "archive.db").stdout)["threads"][0]["missing_pages"] == [3, 4]
        run_crawl([url], out, "-s", "ARCHIVE_MAX_THREAD_PAGES=3")  # reads on from page 2: 2, 3, 4
    finally:
        server.stop()
    assert check(out / "archive.db").returncode == 0
    assert len(posts_of(out / "archive.db")) == 12


def restyle_post_504(page: Path) -> None:
    """Page 2's middle post printed by another template (its classes renamed, no author pane, no
    time, no content role): the parser reads the other posts, and the post's id says one was
    passed over."""
    html = page.read_text(encoding="utf-8")
    start = html.index('<article id="elComment_504"')
    end = html.index("</article>", start) + len("</article>")
    page.write_text(html[:start] + '<article id="elComment_504" class="thm-x"><div class="thm-body">'
                    "<p>post 4</p></div></article>" + html[end:], encoding="utf-8")


def test_a_page_stored_with_a_post_not_read_ends_the_crawl_with_an_error_not_finished(tmp_path):
    # The page and its posts are stored; the run must not end "finished, nothing lost".
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(500 + n, f"post {n}") for n in range(9)], topic=GAPS)  # pages 1-3
    restyle_post_504(site / GAPS / "page" / "2" / "index.html")
    server = serve_pages(site)
    try:
        url = server.url(f"/{GAPS}/")
        done = run_crawl([url], out, lost=True)
    finally:
        server.stop()
    assert "1 page(s) lost (1 incomplete)" in done.stderr
    db = sqlite_utils.Database(out / "archive.db")
    (row,) = db.execute("select kind, url, detail from crawl_errors").fetchall()
    assert row[:2] == ("incomplete", server.url(f"/{GAPS}/page/2/")) and row[2].startswith("post 504:"), row
    # Everything else was read and stored: the walk went on to page 3.
    assert posts_of(out / "archive.db") == {str(500 + n) for n in range(9)} - {"504"}
    report = check(out / "archive.db")
    assert report.returncode == 1
    assert [e["kind"] for e in json.loads(report.stdout)["open_errors"]] == ["incomplete"]


def test_a_page_stored_incomplete_is_read_again_by_the_next_plain_run(tmp_path):
    """The page is archived, so neither the walk (which reads on from the last page) nor a
    conditional request (a 304: unchanged) would read it again: post 504 stayed lost and the next
    run ended "finished". Now the next plain run reads it again whole: still incomplete while the
    board prints it so (exit 1 again), and once the board prints the post, it is stored and
    ``check`` is clean."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(500 + n, f"post {n}") for n in range(9)], topic=GAPS)  # pages 1-3
    page_two = site / GAPS / "page" / "2" / "index.html"
    whole = page_two.read_bytes()
    restyle_post_504(page_two)
    server = serve_pages(site)
    page_two_url = server.url(f"/{GAPS}/page/2/")
    try:
        url = server.url(f"/{GAPS}/")
        run_crawl([url], out, lost=True)
        again = run_crawl([url], out, lost=True)  # a plain run, the board unchanged
        assert "1 page(s) lost (1 incomplete)" in again.stderr
        db = sqlite_utils.Database(out / "archive.db")
        assert [status for (status,) in db.execute(
            "select status from captures where url = ? order by captured_at", [page_two_url])] == [200, 200]
        assert check(out / "archive.db").returncode == 1

        page_two.write_bytes(whole)  # the board prints post 504 as the others again
        run_crawl([url], out)
    finally:
        server.stop()
    assert posts_of(out / "archive.db") == {str(500 + n) for n in range(9)}
    report = check(out / "archive.db")
    assert report.returncode == 0, report.stdout
    assert json.loads(report.stdout)["open_errors"] == []


class TrapHandler(BaseHTTPRequestHandler):
    """A thread whose every "next page" is the first page again, under a new address each time:
    ``?page=N`` links to ``?page=N+1`` and the body names its own address (so no two bodies are
    identical), or, under /same/, the very same bytes each time."""

    hits = 0
    template = (ROOT / "tests" / "thread_pages.py")  # only to prove the handler's source is ours

    def do_GET(self):
        TrapHandler.hits += 1
        if self.path == "/robots.txt":
            self.send_error(404)
            return
        number = int(self.path.split("page=")[1]) if "page=" in self.path else 1
        base = f"http://{self.headers['Host']}"
        prefix = "/same" if self.path.startswith("/same") else "/topic/57-trap/"
        next_link = f"{base}{prefix}?page={number + 1}" if not prefix.startswith("/same") else f"{base}/same?page=2"
        echo = "" if prefix == "/same" else f"<!-- {self.path} -->"
        body = f"""<!DOCTYPE html><html><head><title>Trap</title>
<link rel="canonical" href="{base}/topic/57-trap/"></head><body class="ipsApp">{echo}
<h1 class="ipsType_pageTitle">Trap</h1>
<ul class="ipsPagination" data-pages="1000"><li class="ipsPagination_next"><a href="{next_link}" rel="next">Next</a></li></ul>
<article id="elComment_9001" class="cPost ipsComment">
<aside class="cAuthorPane"><h3 class="cAuthorPane_author"><a href="{base}/profile/1-m/">member1</a></h3></aside>
<div id="comment-9001_wrap" data-commentid="9001" data-quotedata='{{"userid":1,"username":"member1","timestamp":1704103200}}'>
<div class="ipsComment_meta"><time datetime="2024-01-01T10:00:00Z">Jan</time></div>
<div data-role="commentContent"><p>the only post</p></div></div></article></body></html>""".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def trap_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), TrapHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    TrapHandler.hits = 0
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("start", ["/topic/57-trap/", "/same"], ids=["same-posts-new-address", "identical-bytes"])
def test_a_trap_stops_by_itself_with_an_error_row(tmp_path, start):
    with trap_server() as base:
        done = run_crawl([base + start], tmp_path, lost=True)
        hits = TrapHandler.hits
    assert "1 trap" in done.stderr
    assert hits <= 3  # robots.txt, the page, the one repeat that gave the trap away
    db = sqlite_utils.Database(tmp_path / "archive.db")
    (row,) = db.execute("select kind, detail from crawl_errors").fetchall()
    assert row[0] == "trap" and ("same" in row[1])
    assert posts_of(tmp_path / "archive.db") == {"9001"}


THREADS = [f"topic/{600 + n}-overlap" for n in range(2)]


def test_two_crawls_started_together_into_one_archive_keep_every_post(tmp_path):
    site, out = tmp_path / "site", tmp_path / "out"
    for number, topic in enumerate(THREADS):
        write_thread(site, [(10_000 * (number + 1) + n, f"post {n} of {topic}") for n in range(120)],
                     topic=topic, per_page=10)
    server = serve_pages(site)
    try:
        commands = [crawl_command(server.url(f"/{topic}/"), out / "warc", out / "archive.db")
                    for topic in THREADS]
        # Inline writes for one of them: its transactions compete with the other's writer thread.
        commands[1] += ["-s", "ARCHIVE_WRITE_QUEUE=0"]
        processes = [subprocess.Popen(command, env=scrapy_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True) for command in commands]
        results = [process.communicate(timeout=180) for process in processes]
    finally:
        server.stop()
    for process, (_, stderr) in zip(processes, results):
        assert process.returncode == 0, stderr[-3000:]
    db = sqlite_utils.Database(out / "archive.db")
    posts = posts_of(out / "archive.db")
    assert len(posts) == 240
    assert {p for p in posts if p.startswith("1")} == {str(10_000 + n) for n in range(120)}
    runs = list(db.query("select id, finish_reason, warc_files from crawl_runs"))
    assert len(runs) == 2 and {r["finish_reason"] for r in runs} == {"finished"}
    files = [set(json.loads(r["warc_files"])) for r in runs]
    assert files[0] and files[1] and not files[0] & files[1]
    # Every post's capture is a record in the WARC file its row names.
    for warc_file, offset in db.execute("select distinct warc_file, warc_offset from captures c "
                                        "join posts p on p.capture_id = c.id"):
        with open(out / "warc" / warc_file, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
            assert record.rec_type == "response"
    assert check(out / "archive.db").returncode == 0
