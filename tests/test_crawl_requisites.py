"""Page requisites: a real ``scrapy crawl forum`` of the sample thread against a loopback server.

The expected requisites were read off the sample pages by hand (crawler/demo_site/pages/topic/...):
one stylesheet and sixteen pictures under /uploads/, of which the eight JPEGs are in posts
(``class="ipsImage"``); the rest are the logo, six reaction icons and a sponsor banner. Avatars in
the sample are ``data:`` URIs, which are not fetched.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections import Counter
from pathlib import Path

import pytest
from conftest import run_crawl
from test_crawl_gaps_more import check
from test_replay import archive_rows
from loopback import serving
from warcio.archiveiterator import ArchiveIterator

from archive.replay import replay
from archive.warc_reader import iter_responses
from crawler.demo import SAMPLE_TOPIC
from crawler.demo_site.server import PAGES, SampleForumHandler
from crawler.requisites import RecentUrls

POST_PICTURES = {f"/uploads/monthly_2021_11/{name}" for name in (
    "38eb8f35-3965-43f2-bd6c-31f55562dbd1-860x475.jpg", "75000-vehicles.jpg", "mil-1.jpeg", "mil-2.jpeg",
    "mil-3.jpeg", "mil-4.jpeg", "us-equipment-afghanistan-left-for-taliban.jpg",
    "us-equipment-afghanistan-left-for-taliban-2.jpg")}
OTHER_PICTURES = {"/uploads/monthly_2019_05/logo.png.8c1f6e2b.png", "/uploads/sponsors/crypto-rewards.png",
                  *(f"/uploads/reactions/react_{name}.png" for name in ("haha", "like", "pow", "sad", "thanks", "upvote"))}
STYLESHEET = "/uploads/css_built_1/framework.css"
PNG_BYTES = (PAGES / "uploads/reactions/react_thanks.png").read_bytes()
# The twins' bytes, unlike any picture of the sample site (whose reaction icon would otherwise be
# the one full record, and both twins revisits of it, depending on which came first).
TWIN_BYTES = (PAGES / "uploads/sponsors/crypto-rewards.png").read_bytes() + b"twin"
TOPIC_PAGE = PAGES / SAMPLE_TOPIC.strip("/") / "index.html"
LOGIN_PAGE = (Path(__file__).parent / "data" / "ips_login_required.html").read_bytes()


class CountingHandler(SampleForumHandler):
    """The sample server, counting requests by path, with a few requisites of its own:
    ``/extra/twin-a.png`` and ``twin-b.png`` (the same bytes under two URLs, found nowhere else on the site), ``/extra/big.png``
    (larger than the test's cap), ``/extra/flaky.png`` (503 the first time it is asked, then 200)."""

    def do_GET(self):  # noqa: N802
        path = self.path.split("?")[0]
        with self.server.lock:
            self.server.requests[path] += 1
        if path in ("/extra/twin-a.png", "/extra/twin-b.png"):
            return self._send(200, TWIN_BYTES, "image/png")
        if path == "/extra/members-only.png":
            # What IPS answers a guest asking for a members' attachment: a login page, 200.
            return self._send(200, LOGIN_PAGE, "text/html;charset=UTF-8")
        if path == "/extra/big.png":
            return self._send(200, PNG_BYTES + b"\0" * 50_000, "image/png")
        if path == "/extra/flaky.png":
            if self.server.requests[path] > 1:
                return self._send(200, PNG_BYTES, "image/png")
            return self._send(503, b"busy", "text/plain")
        return super().do_GET()


def site_with(tmp_path: Path, extra_images: list[str]) -> Path:
    """A copy of the sample pages whose first topic page also shows ``extra_images``."""
    site = tmp_path / "site"
    shutil.copytree(PAGES, site)
    page = site / SAMPLE_TOPIC.strip("/") / "index.html"
    tags = "".join(f'<img src="{src}" alt="">' for src in extra_images)
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", tags + "</body>"), encoding="utf-8")
    return site


class Site:
    """The counting server over ``folder``: ``with Site(folder) as site:`` gives ``site.base`` and
    ``site.requests`` (path -> requests the server answered)."""

    def __init__(self, folder: Path, **attrs) -> None:
        self.folder, self.attrs = folder, attrs
        self.requests: Counter = Counter()

    def __enter__(self) -> Site:
        self._serving = serving(self.folder, CountingHandler, requests=self.requests, lock=threading.Lock(),
                                **self.attrs)
        self.base = self._serving.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._serving.__exit__(*exc)


def captures(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {url: (status, content_type, refers_to) for url, status, content_type, refers_to in conn.execute(
            "select url, status, content_type, refers_to from captures order by captured_at")}


def errors(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        if not conn.execute("select 1 from sqlite_master where name = 'crawl_errors'").fetchone():
            return []
        return conn.execute("select kind, url, detail from crawl_errors order by id").fetchall()


def test_a_thread_is_archived_with_its_pictures_and_stylesheet(recrawled_sample):
    # The first crawl (conftest.recrawled_sample), as it left the archive.
    base, first_db = recrawled_sample.base, recrawled_sample.first_db
    archived = captures(first_db)
    for path in POST_PICTURES | OTHER_PICTURES:
        status, content_type, _ = archived[base + path]
        assert status == 200 and content_type.startswith("image/"), path
    assert archived[base + STYLESHEET][1].startswith("text/css")
    # Each requisite was asked for once, though the reaction icons are on every page.
    assert {path: n for path, n in recrawled_sample.first_requests.items() if path.startswith("/uploads/")} == \
        {path: 1 for path in POST_PICTURES | OTHER_PICTURES | {STYLESHEET}}
    with sqlite3.connect(first_db) as conn:
        media = conn.execute("select url, capture_id, kind from post_media").fetchall()
    # Every picture in a post is linked to the capture holding it.
    assert {url.removeprefix(base) for url, _, _ in media} == POST_PICTURES
    assert all(capture_id for _, capture_id, _ in media) and {kind for *_, kind in media} == {"image"}
    assert errors(first_db) == []


def test_a_recrawl_fetches_no_requisite_again_and_replays_exactly(recrawled_sample, tmp_path):
    out, requests = recrawled_sample.out, recrawled_sample.recrawl_requests
    assert not [path for path in requests if path.startswith("/uploads/")]
    assert requests[SAMPLE_TOPIC] == 1  # the page itself was asked again (and answered 304)
    replayed = tmp_path / "replayed.db"
    replay(sorted(str(p) for p in (out / "warc").glob("*.warc.gz")), str(replayed))
    assert archive_rows(replayed) == archive_rows(out / "archive.db")
    assert media_rows(replayed) == media_rows(out / "archive.db") != []


def media_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select * from post_media order by post_id, url").fetchall()


def test_the_same_bytes_under_two_urls_are_stored_once(tmp_path):
    folder = site_with(tmp_path, ["/extra/twin-a.png", "/extra/twin-b.png"])
    out = tmp_path / "out"
    with Site(folder) as site:
        run_crawl([site.base + SAMPLE_TOPIC], out)
    base = site.base
    archived = captures(out / "archive.db")
    statuses = {archived[base + "/extra/twin-a.png"][2] is None, archived[base + "/extra/twin-b.png"][2] is None}
    assert statuses == {True, False}, "one twin is a full record, the other a revisit of it"
    revisits = [r for r in iter_responses(next((out / "warc").glob("*.warc.gz"))) if r.url.startswith(base + "/extra/twin")]
    assert sorted(r.record_type for r in revisits) == ["response", "revisit"]


def test_an_unchanged_page_gets_a_replay_copy_beside_its_304(recrawled_sample):
    out, base = recrawled_sample.out, recrawled_sample.base
    (recrawl,) = set((out / "warc").glob("*.warc.gz")) - recrawled_sample.first_files
    records = []
    with open(recrawl, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "revisit":
                records.append((record.rec_headers.get_header("WARC-Target-URI"),
                                record.rec_headers.get_header("WARC-Record-ID"),
                                record.rec_headers.get_header("WARC-Profile").rsplit("/", 1)[-1],
                                record.http_headers.get_statuscode(),
                                record.rec_headers.get_header("WARC-Concurrent-To"),
                                record.rec_headers.get_header("WARC-Refers-To-Target-URI")))
    pages = [base + SAMPLE_TOPIC + suffix for suffix in ("", "page/2/", "page/3/")]
    for page in pages:
        (not_modified,) = [r for r in records if r[0] == page and r[2] == "server-not-modified"]
        (copy,) = [r for r in records if r[0] == page and r[2] == "identical-payload-digest"]
        assert not_modified[3] == "304" and copy[3] == "200"
        assert copy[4] == not_modified[1] and copy[5] == page
    # Readers of the archive see the 304 as the capture, and not the copy.
    read = [r for r in iter_responses(recrawl) if r.url in pages]
    assert sorted((r.url, r.status) for r in read) == sorted((page, 304) for page in pages)


def test_size_cap_and_host_scope_are_recorded_not_lost(tmp_path):
    folder = site_with(tmp_path, ["/extra/big.png", "http://localhost:1/elsewhere.png", "/login/avatar.png"])
    out = tmp_path / "out"
    with Site(folder) as site:
        done = run_crawl([site.base + SAMPLE_TOPIC], out, "-s", "ARCHIVE_REQUISITE_MAX_BYTES=20000")
    assert done.returncode == 0  # skips are policy: the crawl lost nothing
    rows = {url: (kind, detail) for kind, url, detail in errors(out / "archive.db")}
    # The sample robots.txt disallows /login/: that picture is not even asked for.
    assert set(rows) == {site.base + "/extra/big.png", site.base + "/login/avatar.png"}
    assert {kind for kind, _ in rows.values()} == {"requisite_skipped"}
    assert "20000" in rows[site.base + "/extra/big.png"][1]
    assert "robots.txt" in rows[site.base + "/login/avatar.png"][1] and "/login/avatar.png" not in site.requests
    # Another host (localhost is not 127.0.0.1's site) is out of scope: not even asked.
    assert not any("localhost" in url for url in captures(out / "archive.db"))


def test_the_per_page_cap_keeps_the_posts_pictures_first(tmp_path):
    out = tmp_path / "out"
    with Site(PAGES) as site:
        done = run_crawl([site.base + SAMPLE_TOPIC], out, "-s", "ARCHIVE_REQUISITES_PER_PAGE=7")
    assert done.returncode == 0
    # By hand from the pages: page 1 names 8 requisites, page 2 names 14 (7 pictures in posts),
    # page 3 names 4. With 7 a page, the posts' pictures all fit.
    rows = {url: detail for kind, url, detail in errors(out / "archive.db") if kind == "requisite_skipped"}
    assert set(rows) == {site.base + SAMPLE_TOPIC, site.base + SAMPLE_TOPIC + "page/2/"}
    assert rows[site.base + SAMPLE_TOPIC].startswith("1 requisite(s) past ARCHIVE_REQUISITES_PER_PAGE=7")
    assert rows[site.base + SAMPLE_TOPIC + "page/2/"].startswith("7 requisite(s)")
    archived = captures(out / "archive.db")
    assert all(site.base + path in archived for path in POST_PICTURES)


def test_a_failed_requisite_is_an_error_and_the_next_run_fetches_it(tmp_path):
    folder = site_with(tmp_path, ["/extra/flaky.png", "/extra/missing.png"])
    out = tmp_path / "out"
    with Site(folder) as site:
        done = run_crawl([site.base + SAMPLE_TOPIC], out, "-s", "RETRY_TIMES=0", lost=True)
        assert "1 page(s) lost (1 http)" in done.stderr  # the 503; the 404 is an answer, archived
        assert [row[:2] for row in errors(out / "archive.db")] == [("http", site.base + "/extra/flaky.png")]
        assert captures(out / "archive.db")[site.base + "/extra/missing.png"][0] == 404
        run_crawl([site.base + SAMPLE_TOPIC], out, "-a", "full=1")
    assert site.requests["/extra/flaky.png"] == 2
    assert site.requests["/extra/missing.png"] == 1  # a 404 is not asked again
    assert captures(out / "archive.db")[site.base + "/extra/flaky.png"][0] == 200


def test_a_failed_requisite_of_an_earlier_page_is_fetched_by_the_next_plain_run(tmp_path):
    """The picture that failed is on page 1 of the three-page thread. A plain re-run reads the thread
    on from its last page (page 3), so page 1 and its pictures were never asked for again: the
    error stayed open in ``check`` for ever, while every later run ended "finished". The next run
    now asks again for each requisite whose failure no later capture filled, on the sites it crawls."""
    folder = site_with(tmp_path, ["/extra/flaky.png"])
    out = tmp_path / "out"
    with Site(folder) as site:
        run_crawl([site.base + SAMPLE_TOPIC], out, "-s", "RETRY_TIMES=0", lost=True)
        ((kind, url, detail),) = errors(out / "archive.db")
        assert (kind, url) == ("http", site.base + "/extra/flaky.png")
        assert detail == f"HTTP 503; requisite (page image) of {site.base + SAMPLE_TOPIC}"
        pages_before = site.requests[SAMPLE_TOPIC]
        done = run_crawl([site.base + SAMPLE_TOPIC], out)
        assert site.requests[SAMPLE_TOPIC] == pages_before  # read on from page 3: page 1 not asked again
        assert site.requests["/extra/flaky.png"] == 2
        assert captures(out / "archive.db")[site.base + "/extra/flaky.png"][0] == 200
        report = check(out / "archive.db")
        assert report.returncode == 0, report.stdout
        # Filled: a third run does not ask for it again.
        run_crawl([site.base + SAMPLE_TOPIC], out)
        assert site.requests["/extra/flaky.png"] == 2
    assert done.returncode == 0


def test_scope_is_the_site_and_the_listed_hosts():
    from crawler.requisites import RequisitePolicy
    from crawler.settings import ARCHIVE_REQUISITE_HOSTS

    policy = RequisitePolicy(True, 100, 10, ARCHIVE_REQUISITE_HOSTS)
    page = "https://forum.example.co.uk/topic/1"
    assert policy.in_scope("https://cdn.example.co.uk/a.png", page)  # the same registered domain
    assert not policy.in_scope("https://example.com/a.png", page)
    assert not policy.in_scope("https://i.imgur.com/a.png", page)  # hot-linked from elsewhere
    assert policy.in_scope("https://2img.net.illiweb.com/a.png", "https://board.forumotion.com/t1")  # engine CDN
    assert not RequisitePolicy(True, 100, 10, [""]).in_scope("https://2img.net.illiweb.com/a.png", page)
    assert RequisitePolicy(True, 100, 10, ["*"]).in_scope("https://i.imgur.com/a.png", page)


def test_a_requisite_behind_a_wall_does_not_pause_the_site(tmp_path):
    folder = site_with(tmp_path, ["/extra/members-only.png"])
    out = tmp_path / "out"
    with Site(folder) as site:
        done = run_crawl([site.base + SAMPLE_TOPIC], out)
    assert done.returncode == 0
    rows = errors(out / "archive.db")
    assert [row[:2] for row in rows] == [("requisite_skipped", site.base + "/extra/members-only.png")]
    assert "behind a wall" in rows[0][2]
    with sqlite3.connect(out / "archive.db") as conn:
        assert conn.execute("select count(*) from posts").fetchone()[0] == 13  # every page still read
    assert all(site.base + path in captures(out / "archive.db") for path in POST_PICTURES)


def test_recent_urls_remember_what_was_asked_for_most_recently():
    """A requisite URL asked for already is not made into a request again (Scrapy's duplicate
    filter would drop it); past its size the memory forgets the least recently seen first, which
    the duplicate filter then drops as before."""
    recent = RecentUrls(2)
    assert [recent.seen(url) for url in ("/a.css", "/b.png", "/a.css")] == [False, False, True]
    assert recent.seen("/c.png") is False  # /b.png, the least recently seen, is forgotten
    assert [recent.seen(url) for url in ("/a.css", "/c.png", "/b.png")] == [True, True, False]
