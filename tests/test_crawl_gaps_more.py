"""More of "nothing lost silently", at the crawl's level: a page the walk wanted that the duplicate
filter dropped unread, and a feed read as nothing, each ended a run "finished, nothing lost".

- A resumed thread whose last archived page answers 404 once is read again from its first page;
  that walk then links to the same page, which this run had already asked for, so Scrapy's
  duplicate filter dropped it: the posts on it (and any page after it) were not read, the run
  exited 0 and ``check`` said the thread was complete.
- A next page that redirects to a page this run already read (a page past the end sent back to
  the first, a page moved onto another) was dropped by the duplicate filter the same way: the
  run exited 0 with the thread's later pages never fetched.
- A news feed that answers 200 with something that is no feed (an error page, an empty body) was
  only logged: its articles were not visited and the run exited 0.

And where ``check`` said a gap was open for ever after it was filled, or a plain run never filled
it: an error filled by a 304 (the page came back unchanged); a stored page that failed in a run
with ``-a full=1`` (the plain runs read on after it); a wall or a trap reached through a redirect
(recorded under the login page's or the other thread's address, which no later crawl stores).

Each case is a real ``scrapy crawl`` process against a loopback server (the sample server with a
test's own routes), checked through the archive and ``forum-archiver check``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import sqlite_utils
from conftest import ROOT, run_crawl, warc_uris
from loopback import serving
from thread_pages import write_thread

from crawler.demo import crawl_command, scrapy_env
from crawler.demo_site.server import PAGES, SampleForumHandler

TOPIC = "topic/58-more-gaps"
FEED = "/aawsat/feed/rss.xml"
HTML = [("Content-Type", "text/html; charset=utf-8")]


class Faults(SampleForumHandler):
    """The sample server, except that a path in ``server.faults`` gets the answers listed there,
    one per request, ``(status, body, headers)`` each (``{{BASE_URL}}`` filled in in the headers),
    and then the page as the folder holds it."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        answers = self.server.faults.get(self.path)
        if not answers:
            return super().do_GET()
        status, body, headers = answers.pop(0)
        base = self._base_url()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value.replace("{{BASE_URL}}", base))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


NOT_FOUND = (404, b"<html><body><div id='elError'>Sorry, we could not find that!</div></body></html>", HTML)


def check(db) -> subprocess.CompletedProcess:
    """``forum-archiver check DB --json`` in a process of its own (``python -m crawler``: the
    command of this checkout)."""
    return subprocess.run([sys.executable, "-m", "crawler", "check", str(db), "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def posts_of(db) -> set[str]:
    return {row[0] for row in sqlite_utils.Database(db).execute("select native_id from posts")}


def new_requests(out, first: set[str]) -> list[str]:
    """The thread pages the crawl after ``first`` (its WARC file names) asked for, in order."""
    return [uri for uri in warc_uris(out / "warc", "request", skip=first) if "/topic/" in uri]


def warc_names(out) -> set[str]:
    return {path.name for path in (out / "warc").glob("*.warc.gz")}


def test_a_resumed_page_that_404s_once_is_read_when_the_walk_from_the_top_links_it(tmp_path):
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(800 + n, f"post {n}") for n in range(5)], topic=TOPIC)  # page 1: 800-802, page 2: 803-804
    faults: dict = {}
    with serving(site, Faults, faults=faults) as base:
        run_crawl([f"{base}/{TOPIC}/"], out)
        first = warc_names(out)
        # Post 805 lands on page 2, which answers 404 once (a hiccup of the board's database).
        write_thread(site, [(800 + n, f"post {n}") for n in range(6)], topic=TOPIC)
        faults[f"/{TOPIC}/page/2/"] = [NOT_FOUND]
        run_crawl([f"{base}/{TOPIC}/"], out)  # plain: resumed at page 2, "gone", read from the top
    assert new_requests(out, first) == [f"{base}/{TOPIC}/page/2/", f"{base}/{TOPIC}/", f"{base}/{TOPIC}/page/2/"]
    assert posts_of(out / "archive.db") == {str(800 + n) for n in range(6)}
    report = check(out / "archive.db")
    assert report.returncode == 0, report.stdout


def test_a_resumed_page_that_stays_gone_while_the_walk_links_it_is_an_error(tmp_path):
    """Page 1 still links page 2, which answers 404 to the resumed request and again to the walk
    from the top: the run says a page was lost (exit 1) instead of passing it over."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(820 + n, f"post {n}") for n in range(5)], topic=TOPIC)
    faults: dict = {}
    with serving(site, Faults, faults=faults) as base:
        run_crawl([f"{base}/{TOPIC}/"], out)
        first = warc_names(out)
        faults[f"/{TOPIC}/page/2/"] = [NOT_FOUND, NOT_FOUND]
        done = run_crawl([f"{base}/{TOPIC}/"], out, "-s", "RETRY_TIMES=0", lost=True)
        assert "1 page(s) lost (1 http)" in done.stderr
        assert new_requests(out, first) == [f"{base}/{TOPIC}/page/2/", f"{base}/{TOPIC}/", f"{base}/{TOPIC}/page/2/"]
        report = json.loads(check(out / "archive.db").stdout)
        assert [(e["kind"], e["url"]) for e in report["open_errors"]] == [("http", f"{base}/{TOPIC}/page/2/")]
        run_crawl([f"{base}/{TOPIC}/"], out)  # the board answers again: the error is filled
    assert check(out / "archive.db").returncode == 0


SERVER_ERROR = (500, b"<html><body><h1>Internal Server Error</h1></body></html>", HTML)


def test_an_error_filled_by_a_304_is_no_longer_open(tmp_path):
    """Page 3 fails once (500) when a run asks for it, then comes back unchanged: the next run's
    conditional request is answered 304, the archive's copy of it confirmed current. ``check``
    counted only a 200 as filling an error, so it said "NOT FILLED" (exit 1) for as long as
    the page did not change."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(860 + n, f"post {n}") for n in range(9)], topic=TOPIC)  # pages 1-3
    faults: dict = {}
    with serving(site, Faults, faults=faults) as base:
        run_crawl([f"{base}/{TOPIC}/"], out)
        faults[f"/{TOPIC}/page/3/"] = [SERVER_ERROR]
        run_crawl([f"{base}/{TOPIC}/"], out, "-s", "RETRY_TIMES=0", lost=True)  # resumed at page 3: 500
        assert [e["kind"] for e in json.loads(check(out / "archive.db").stdout)["open_errors"]] == ["http"]
        run_crawl([f"{base}/{TOPIC}/"], out)
    db = sqlite_utils.Database(out / "archive.db")
    assert [status for (status,) in db.execute("select status from captures where url = ? order by captured_at",
                                               [f"{base}/{TOPIC}/page/3/"])] == [200, 500, 304]
    report = check(out / "archive.db")
    assert report.returncode == 0, report.stdout


def test_a_stored_page_that_failed_in_a_full_run_is_asked_again_by_the_next_plain_run(tmp_path):
    """Pages 1-3 are archived; a run with -a full=1 (to catch edits) gets a 500 for page 2. The
    plain runs read on from page 3, after it: page 2 was never asked again, and ``check`` said
    "NOT FILLED ... a plain re-crawl of these threads fetches what is missing" for ever. A page
    with an open crawl error is a gap now: the next plain run reads on from page 1."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(880 + n, f"post {n}") for n in range(9)], topic=TOPIC)
    faults: dict = {}
    with serving(site, Faults, faults=faults) as base:
        run_crawl([f"{base}/{TOPIC}/"], out)
        faults[f"/{TOPIC}/page/2/"] = [SERVER_ERROR]
        run_crawl([f"{base}/{TOPIC}/"], out, "-a", "full=1", "-s", "RETRY_TIMES=0", lost=True)
        assert check(out / "archive.db").returncode == 1
        first = warc_names(out)
        run_crawl([f"{base}/{TOPIC}/"], out)
    # Each page once. The failed page is also asked for at the run's start, as a failed page of the
    # site (and read on from), so it may come before page 1: either order fills the gap.
    assert sorted(new_requests(out, first)) == [f"{base}/{TOPIC}/", f"{base}/{TOPIC}/page/2/", f"{base}/{TOPIC}/page/3/"]
    report = check(out / "archive.db")
    assert report.returncode == 0, report.stdout


def test_a_next_page_redirected_to_a_page_read_already_is_a_trap_and_the_next_run_reads_it(tmp_path):
    """Page 2 sends the crawler back to the thread's first page (as boards do with a page number
    past the end, here once): Scrapy's duplicate filter dropped that hop unread, and the run
    ended "finished" with pages 2 and 3 never read. Now it is a ``trap`` row under page 2's
    address, and the next plain run reads on from page 1 and fills it."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(840 + n, f"post {n}") for n in range(9)], topic=TOPIC)  # pages 1-3
    faults: dict = {}
    with serving(site, Faults, faults=faults) as base:
        page_two = f"{base}/{TOPIC}/page/2/"
        faults[f"/{TOPIC}/page/2/"] = [(301, b"", [("Location", f"{{{{BASE_URL}}}}/{TOPIC}/")])]
        done = run_crawl([f"{base}/{TOPIC}/"], out, lost=True)
        assert "1 page(s) lost (1 trap)" in done.stderr
        db = sqlite_utils.Database(out / "archive.db")
        (row,) = db.execute("select kind, url, detail from crawl_errors").fetchall()
        assert row[:2] == ("trap", page_two) and f"redirected to {base}/{TOPIC}/" in row[2], row
        before = check(out / "archive.db")
        assert before.returncode == 1
        assert json.loads(before.stdout)["threads"][0]["missing_pages"] == [2, 3]
        run_crawl([f"{base}/{TOPIC}/"], out)
    assert posts_of(out / "archive.db") == {str(840 + n) for n in range(9)}
    after = check(out / "archive.db")
    assert after.returncode == 0, after.stdout


# A login page as Invision Community serves one to a guest: the sign-in form, no posts. Hand-written
# (invented): the parser keys on html/body ``ipsApp`` and a form posting to ``/login/``.
LOGIN_PAGE = b"""<!DOCTYPE html><html lang="en"><head><title>Sign In - Board</title></head>
<body class="ipsApp"><h1 class="ipsType_pageTitle">Sign In</h1>
<form action="/login/" method="post"><input type="text" name="auth">
<input type="password" name="password"><button type="submit">Sign In</button></form></body></html>"""


def test_a_page_sent_to_a_login_page_once_is_the_page_lost_and_filled_by_the_next_run(tmp_path):
    """Page 2 redirects to the sign-in page once. The wall was recorded under the sign-in page's
    address, which no later crawl stores: once page 2 was read, ``check`` still said "NOT
    FILLED wall" (exit 1) for ever. Now the row names page 2, and page 2 stored fills it."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(900 + n, f"post {n}") for n in range(6)], topic=TOPIC)
    faults: dict = {}
    with serving(site, Faults, faults=faults) as base:
        faults[f"/{TOPIC}/page/2/"] = [(302, b"", [("Location", "{{BASE_URL}}/signin/?ref=page2")])]
        faults["/signin/?ref=page2"] = [(200, LOGIN_PAGE, HTML)]
        done = run_crawl([f"{base}/{TOPIC}/"], out, lost=True)
        assert "1 page(s) lost (1 wall)" in done.stderr
        (row,) = sqlite_utils.Database(out / "archive.db").execute("select kind, url, detail from crawl_errors")
        assert row[:2] == ("wall", f"{base}/{TOPIC}/page/2/") and f"redirected to {base}/signin/?ref=page2" in row[2]
        run_crawl([f"{base}/{TOPIC}/"], out)
    assert posts_of(out / "archive.db") == {str(900 + n) for n in range(6)}
    report = check(out / "archive.db")
    assert report.returncode == 0, report.stdout


def test_a_next_page_sent_to_another_thread_once_is_recorded_under_the_page_the_walk_wanted(tmp_path):
    """Page 2 redirects once to another thread (as a board does for a thread merged away). The
    ``trap`` row named the other thread's address: after the next run read page 2, ``check``
    still said it was not filled."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(920 + n, f"post {n}") for n in range(6)], topic=TOPIC)
    write_thread(site, [(940 + n, f"other {n}") for n in range(3)], topic="topic/59-elsewhere")
    faults: dict = {}
    with serving(site, Faults, faults=faults) as base:
        faults[f"/{TOPIC}/page/2/"] = [(301, b"", [("Location", "{{BASE_URL}}/topic/59-elsewhere/")])]
        done = run_crawl([f"{base}/{TOPIC}/"], out, lost=True)
        assert "1 page(s) lost (1 trap)" in done.stderr
        (row,) = sqlite_utils.Database(out / "archive.db").execute("select kind, url, detail from crawl_errors")
        assert row[:2] == ("trap", f"{base}/{TOPIC}/page/2/") and "belongs to thread 59" in row[2], row
        run_crawl([f"{base}/{TOPIC}/"], out)
    assert {str(920 + n) for n in range(6)} <= posts_of(out / "archive.db")
    report = check(out / "archive.db")
    assert report.returncode == 0, report.stdout


def news_crawl(out, feed_url: str, lost: bool) -> subprocess.CompletedProcess:
    command = crawl_command("", out / "warc", out / "archive.db", "news", [f"feed={feed_url}"])
    done = subprocess.run([*command, "-s", "RETRY_TIMES=0"], env=scrapy_env(), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == (1 if lost else 0), done.stderr[-3000:]
    return done


def test_a_feed_that_answers_an_error_page_is_a_lost_page_not_a_finished_run(tmp_path):
    """The sample feed (two articles) answers 200 with the board's "database error" page once."""
    faults: dict = {}
    with serving(PAGES, Faults, faults=faults) as base:
        faults[FEED] = [(200, b"<html><head><title>Database Error</title></head><body><p>Please try again "
                              b"later.</p></body></html>", HTML)]
        done = news_crawl(tmp_path, base + FEED, lost=True)
        assert "1 page(s) lost (1 parser)" in done.stderr
        report = json.loads(check(tmp_path / "archive.db").stdout)
        assert [(e["kind"], e["url"]) for e in report["open_errors"]] == [("parser", base + FEED)]
        assert report["open_errors"][0]["detail"].startswith("feed not read: ")
        news_crawl(tmp_path, base + FEED, lost=False)  # the feed is back: its articles are read
    db = sqlite_utils.Database(tmp_path / "archive.db")
    read = {url.rsplit("/", 2)[1] for (url,) in db.execute(
        "select url from captures where kind = 'article_page' and url like '%/arab-world/%'")}
    assert read == {"3323981-head-irans-quds-force-visited-iraq-after-attack-pm",
                    "2160471-iraqi-intelligence-denies-involvement-soleimanis-assassination"}
    assert check(tmp_path / "archive.db").returncode == 0


def test_an_article_that_answers_an_error_page_once_is_a_lost_page_read_by_the_next_run(tmp_path):
    """An article the feed lists answers 200 with the site's "database error" page once. It was
    stored as an article of 23 characters ("Please try again later."), the real one never read,
    and the run ended "finished"; now the news parser reads no article there (no date, byline,
    canonical address: a line of words) and the run records a ``parser`` row that the next run fills."""
    article = "/aawsat/arab-world/3323981-head-irans-quds-force-visited-iraq-after-attack-pm/"
    faults: dict = {}
    with serving(PAGES, Faults, faults=faults) as base:
        faults[article] = [(200, b"<html><head><title>Database Error</title></head><body><p>Please try again "
                                 b"later.</p></body></html>", HTML)]
        done = news_crawl(tmp_path, base + FEED, lost=True)
        assert "1 page(s) lost (1 parser)" in done.stderr
        report = json.loads(check(tmp_path / "archive.db").stdout)
        assert [(e["kind"], e["url"]) for e in report["open_errors"]] == [("parser", base + article)]
        assert report["open_errors"][0]["detail"].startswith("not read as an article: no article: 4 words")
        news_crawl(tmp_path, base + FEED, lost=False)  # the article is back
    db = sqlite_utils.Database(tmp_path / "archive.db")
    kinds = [kind for (kind,) in db.execute("select kind from captures where url = ? order by captured_at",
                                            [base + article])]
    assert kinds == ["unsupported", "article_page"]
    assert not list(db.execute("select 1 from articles where text like 'Please try again%'"))
    assert check(tmp_path / "archive.db").returncode == 0
