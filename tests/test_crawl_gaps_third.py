"""Nothing lost silently, a third round at the crawl's level: pages a run wanted and did not read
while it ended "finished", or gaps no later plain run would ever fill.

- A board listing's re-crawl skips a thread whose reply count and last post are as archived. A
  thread with a page whose later request failed (a ``-a full=1`` run that got a 500) or whose
  newest capture passed a post over (``incomplete``) still holds its old posts, so it counts as
  unchanged: it was skipped by every listing run, its error never filled (``check`` said "NOT
  FILLED" for ever) and what the page changed in the meantime was never read.
- A news article that answers 200 with a body that is no page (a picture, a PDF) was archived
  and nothing else: no article, no error row, the run "finished" while the feed rolled on.
- A news article that failed (a 503) and that the feed had dropped by the next run was never asked
  for again: its error stayed open for ever. Now each news run asks again for its sites' pages
  that earlier runs failed to read for a reason that may pass.
- Likewise a thread page that failed, when the next listing run did not name its thread (a board
  crawled with ``-a max_threads``): now each forum run asks again for its sites' failed pages.
- A news run killed after its feed, before its articles, left no row naming the articles not
  reached: ``check`` called the archive whole. Now it lists the run until one of its spider
  finishes from the same start points (a finished run on another article, feed or board does not
  cover it).

Looked at and found sound (no test here): a thread page with a broken or cut gzip body, a body
shorter than its Content-Length or cut by a closed connection (``parser``, ``dataloss``,
``incomplete`` rows, filled by the next run); a SIGTERM'd forum run (exit 3, ``check`` lists the
thread's missing pages); two crawls of one thread at once (every post once, ``check`` clean); a
news article answering JSON, an empty body, a 403 page, a cookie wall or a challenge
(``parser``, ``http``, ``wall`` rows).

Each case is a real ``scrapy crawl`` process against a loopback server, checked through the real
archive and ``forum-archiver check``.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time

import pytest
import sqlite_utils
from conftest import run_crawl, warc_uris
from loopback import serving
from test_crawl_gaps_more import FEED, HTML, Faults, check, new_requests, news_crawl, posts_of, warc_names
from thread_pages import write_thread

from crawler.demo import crawl_command, scrapy_env
from crawler.demo_site.server import PAGES, SampleForumHandler

TOPIC = "topic/61-listed"
BOARD = "forum/13-quiet"
# A sub-forum listing of one topic, cut down from the sample board's IPS 4 listing
# (crawler/demo_site/pages/forum/12-political-news: a cTopicList row with data-rowID, the reply
# count in ipsDataItem_stats, the last post time in ipsDataItem_lastPoster). 8 replies: the nine posts 610-618; the newest is dated 2024-01-09
# (post 611: thread_pages dates post N on day N % 9 + 1).
LISTING = """<!DOCTYPE html><html lang="en"><head><title>Quiet corner - Board</title></head>
<body class="ipsApp"><h1 class="ipsType_pageTitle">Quiet corner</h1>
<ol class="ipsDataList cTopicList" data-role="tableRows">
<li class="ipsDataItem" data-rowID="61">
<div class="ipsDataItem_main"><h4 class="ipsDataItem_title"><span class="ipsType_break">
<a href="{{BASE_URL}}/topic/61-listed/">Listed</a></span></h4></div>
<ul class="ipsDataItem_stats"><li><span class="ipsDataItem_stats_number">8</span>
<span class="ipsDataItem_stats_type"> replies</span></li></ul>
<ul class="ipsDataItem_lastPoster"><li><time datetime="2024-01-09T10:00:00Z">Jan 9</time></li></ul>
</li></ol></body></html>"""
POSTS = [(610 + n, f"post {n}") for n in range(9)]  # page 1: 610-612, page 2: 613-615, page 3: 616-618


def restyle_last_post_of_page_two(page) -> None:
    """Post 615 (the last on page 2) printed by another template: no author pane, no time, no
    content role, its id kept; the parser passes it over and the page says so (``incomplete``).
    Being past the last post read, it is not marked deleted: the thread still counts nine posts."""
    html = page.read_text(encoding="utf-8")
    start = html.index('<article id="elComment_615"')
    end = html.index("</article>", start) + len("</article>")
    page.write_text(html[:start] + '<article id="elComment_615" class="thm-x"><div class="thm-body">'
                    "<p>post 5, reworded</p></div></article>" + html[end:], encoding="utf-8")


@pytest.mark.parametrize("fault", ["http", "incomplete"])
def test_a_listed_thread_counted_unchanged_with_an_open_error_is_read_again(tmp_path, fault):
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, POSTS, topic=TOPIC)
    (site / BOARD).mkdir(parents=True)
    (site / BOARD / "index.html").write_text(LISTING, encoding="utf-8")
    page_two = site / TOPIC / "page" / "2" / "index.html"
    faults: dict = {}
    with serving(site, Faults, faults=faults) as base:
        listing, page_two_url = f"{base}/{BOARD}/", f"{base}/{TOPIC}/page/2/"
        run_crawl([listing], out)
        assert posts_of(out / "archive.db") == {str(pid) for pid, _ in POSTS}
        # A full re-read of the thread where page 2 fails once, or is printed with a post passed over.
        if fault == "http":
            faults[f"/{TOPIC}/page/2/"] = [(500, b"<html><body><p>Database error</p></body></html>", HTML)]
        else:
            restyle_last_post_of_page_two(page_two)
        run_crawl([f"{base}/{TOPIC}/"], out, "-a", "full=1", "-s", "RETRY_TIMES=0", lost=True)
        report = check(out / "archive.db")
        assert report.returncode == 1
        assert [(e["kind"], e["url"]) for e in json.loads(report.stdout)["open_errors"]] == [(fault, page_two_url)]
        # The thread still holds every post the listing counts, up to its last post.
        assert posts_of(out / "archive.db") == {str(pid) for pid, _ in POSTS}

        write_thread(site, [*POSTS[:5], (615, "post 5, reworded"), *POSTS[6:]], topic=TOPIC)  # the board whole again
        before = warc_names(out)
        run_crawl([listing], out)  # a plain listing run
        asked = new_requests(out, before)
    # Read on from page 1, the page before the gap (old: the thread was skipped as unchanged).
    whole_thread = [f"{base}/{TOPIC}/", page_two_url, f"{base}/{TOPIC}/page/3/"]
    if fault == "incomplete":
        assert asked == whole_thread
    else:
        # A failed page is also asked for at the run's start, as a failed page of the site, and
        # read on from: once it is stored, the listing may find the thread whole and skip page 1.
        assert len(asked) == len(set(asked)) and set(whole_thread[1:]) <= set(asked) <= set(whole_thread), asked
    report = check(out / "archive.db")
    assert report.returncode == 0, report.stdout
    assert json.loads(report.stdout)["open_errors"] == []
    db = sqlite_utils.Database(out / "archive.db")
    assert db.execute("select text from posts where native_id = '615'").fetchone()[0] == "post 5, reworded"



NEWER = "topic/62-newer"
# The listing above with another topic before it (posts 620-622; post 620 is dated 2024-01-09,
# as thread_pages dates post N on day N % 9 + 1).
TWO_TOPICS = LISTING.replace('<li class="ipsDataItem" data-rowID="61">', """<li class="ipsDataItem" data-rowID="62">
<div class="ipsDataItem_main"><h4 class="ipsDataItem_title"><span class="ipsType_break">
<a href="{{BASE_URL}}/topic/62-newer/">Newer</a></span></h4></div>
<ul class="ipsDataItem_stats"><li><span class="ipsDataItem_stats_number">2</span>
<span class="ipsDataItem_stats_type"> replies</span></li></ul>
<ul class="ipsDataItem_lastPoster"><li><time datetime="2024-01-09T10:00:00Z">Jan 9</time></li></ul>
</li>
<li class="ipsDataItem" data-rowID="61">""")


def test_a_failed_page_of_a_thread_the_listing_no_longer_gives_is_read_by_the_next_run(tmp_path):
    """A board crawled with ``-a max_threads=1`` (its newest thread) after a run in which page 2
    of an older thread failed: the listing's one thread is the newer one, so no walk reached the
    older thread's page 2 again (nor its page 3, never reached), the run ended "finished" and the
    error stayed open for ever. Now each forum run asks again for its sites' pages that earlier
    runs failed to read for a reason that may pass (archive.completeness.failed_pages)."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, POSTS, topic=TOPIC)
    write_thread(site, [(620 + n, f"newer {n}") for n in range(3)], topic=NEWER)
    (site / BOARD).mkdir(parents=True)
    (site / BOARD / "index.html").write_text(TWO_TOPICS, encoding="utf-8")
    faults: dict = {}
    with serving(site, Faults, faults=faults) as base:
        listing, page_two_url = f"{base}/{BOARD}/", f"{base}/{TOPIC}/page/2/"
        faults[f"/{TOPIC}/page/2/"] = [(503, b"<html><body><p>Down for a moment</p></body></html>", HTML)]
        run_crawl([listing], out, "-s", "RETRY_TIMES=0", lost=True)
        assert posts_of(out / "archive.db") == {"610", "611", "612", "620", "621", "622"}
        before = warc_names(out)
        run_crawl([listing], out, "-a", "max_threads=1")
        asked = new_requests(out, before)
    # Old: [] (the newer thread was unchanged; the older one was not taken).
    assert asked == [page_two_url, f"{base}/{TOPIC}/page/3/"]
    assert posts_of(out / "archive.db") == {str(pid) for pid, _ in POSTS} | {"620", "621", "622"}
    report = check(out / "archive.db")
    assert report.returncode == 0, report.stdout
    assert json.loads(report.stdout)["open_errors"] == []

ARTICLE = "/aawsat/arab-world/3323981-head-irans-quds-force-visited-iraq-after-attack-pm/"
# A picture where the article should be (a CDN's placeholder), and a PDF: 8 and 30 bytes, invented.
NOT_PAGES = {"picture": (b"\x89PNG\r\n\x1a\n", "image/png"),
             "pdf": (b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")}


@pytest.mark.parametrize("answer", sorted(NOT_PAGES))
def test_an_article_that_answers_no_page_once_is_a_lost_page_read_by_the_next_run(tmp_path, answer):
    """An article the sample feed lists answers 200 with a body that is no page once. Its bytes
    were archived, no article was read, nothing was recorded and the run ended "finished" (old:
    exit 0, ``check`` clean), though the feed may list it no more by the next run. Now it is a
    ``parser`` row, and the next run, which reads the article, fills it."""
    body, content_type = NOT_PAGES[answer]
    faults: dict = {}
    with serving(PAGES, Faults, faults=faults) as base:
        faults[ARTICLE] = [(200, body, [("Content-Type", content_type)])]
        done = news_crawl(tmp_path, base + FEED, lost=True)
        assert "1 page(s) lost (1 parser)" in done.stderr
        report = check(tmp_path / "archive.db")
        assert report.returncode == 1
        (error,) = json.loads(report.stdout)["open_errors"]
        assert (error["kind"], error["url"]) == ("parser", base + ARTICLE)
        assert error["detail"] == f"not read as an article: not an HTML page ({content_type})"
        news_crawl(tmp_path, base + FEED, lost=False)  # the article is back
    db = sqlite_utils.Database(tmp_path / "archive.db")
    kinds = [kind for (kind,) in db.execute("select kind from captures where url = ? order by captured_at",
                                            [base + ARTICLE])]
    assert kinds == [None, "article_page"]
    assert check(tmp_path / "archive.db").returncode == 0


def archived(warc_dir) -> list[str]:
    """The response URLs of a WARC folder a crawl is still writing (a record being written: not yet)."""
    try:
        return warc_uris(warc_dir)
    except Exception:  # noqa: BLE001 - a gzip member cut where the writer is
        return []


class HeldArticles(SampleForumHandler):
    """The sample server, each article page held back until ``server.release`` is set."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        if "/arab-world/" in self.path:
            self.server.release.wait(30)
        super().do_GET()


def kill_after_the_feed(out, base: str) -> None:
    """A news crawl of the sample feed into ``out``, killed (SIGKILL) once the feed is archived
    (the server holds the articles back: none has answered)."""
    command = crawl_command("", out / "warc", out / "archive.db", "news", [f"feed={base + FEED}"])
    crawl = subprocess.Popen(command, env=scrapy_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while base + FEED not in archived(out / "warc"):
            assert crawl.poll() is None and time.monotonic() < deadline, "the feed was not archived"
            time.sleep(0.1)
    finally:
        crawl.kill()
        crawl.wait(timeout=10)


def test_a_news_crawl_killed_before_its_articles_is_not_a_whole_archive(tmp_path):
    """A news run killed (SIGKILL) once the feed is archived, before either article answered: no
    row named the articles not reached, so ``check`` said the archive was whole (exit 0). Now the
    run is listed as unfinished until a run of its spider finishes, which reads both articles."""
    release = threading.Event()
    with serving(PAGES, HeldArticles, release=release) as base:
        kill_after_the_feed(tmp_path, base)
        report = check(tmp_path / "archive.db")
        assert report.returncode == 1, report.stdout
        (run,) = json.loads(report.stdout)["unfinished_runs"]
        assert (run["spider"], run["finish_reason"]) == ("news", None)

        release.set()
        news_crawl(tmp_path, base + FEED, lost=False)
    db = sqlite_utils.Database(tmp_path / "archive.db")
    assert db.execute("select count(*) from captures where kind = 'article_page' and url like ?",
                      [f"{base}/aawsat/arab-world/%"]).fetchone()[0] == 2
    report = check(tmp_path / "archive.db")
    assert report.returncode == 0, report.stdout
    assert json.loads(report.stdout)["unfinished_runs"] == []


OTHER_OUTLETS_ARTICLE = "/arabnews/node/2462461/middle-east/"


def test_a_finished_crawl_of_another_start_point_does_not_cover_a_killed_one(tmp_path):
    """The news spider killed while reading the Asharq Al-Awsat feed, then run to its end on one
    Arab News article: a run of the same spider finished after the killed one, so ``check`` called
    the archive whole although the feed's articles were never read. Now a killed run stays open
    until finished runs started from its own start points (the feed) follow it."""
    release = threading.Event()
    with serving(PAGES, HeldArticles, release=release) as base:
        kill_after_the_feed(tmp_path, base)
        other = crawl_command("", tmp_path / "warc", tmp_path / "archive.db", "news", [f"url={base + OTHER_OUTLETS_ARTICLE}"])
        done = subprocess.run(other, env=scrapy_env(), capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
        report = check(tmp_path / "archive.db")
        assert report.returncode == 1, report.stdout
        (run,) = json.loads(report.stdout)["unfinished_runs"]
        assert (run["spider"], run["finish_reason"], run["start_points"]) == ("news", None, [base + FEED])

        release.set()
        news_crawl(tmp_path, base + FEED, lost=False)
    report = check(tmp_path / "archive.db")
    assert report.returncode == 0, report.stdout


def test_an_article_that_failed_is_read_by_the_next_run_after_the_feed_dropped_it(tmp_path):
    """An article of the feed answers 503 (RETRY_TIMES=0): an ``http`` row, exit 1. By the next
    run the feed has rolled on and no longer lists it: the run asked only for what the feed listed,
    so the article was never read and its row stayed open for ever. Now each run asks again at its
    start for the pages of its sites that earlier runs of its spider failed to read."""
    faults: dict = {}
    with serving(PAGES, Faults, faults=faults) as base:
        faults[ARTICLE] = [(503, b"busy", HTML)]
        news_crawl(tmp_path, base + FEED, lost=True)
        feed = (PAGES / FEED.strip("/")).read_text(encoding="utf-8").replace("{{BASE_URL}}", base)
        start = feed.index("<item>")
        rolled_on = feed[:start] + feed[feed.index("</item>", start) + len("</item>"):]
        assert ARTICLE not in rolled_on and "2160471" in rolled_on
        faults[FEED] = [(200, rolled_on.encode("utf-8"), [("Content-Type", "application/rss+xml")])]
        news_crawl(tmp_path, base + FEED, lost=False)
    db = sqlite_utils.Database(tmp_path / "archive.db")
    assert db.execute("select status, kind from captures where url = ? order by captured_at desc limit 1",
                      [base + ARTICLE]).fetchone() == (200, "article_page")
    report = check(tmp_path / "archive.db")
    assert report.returncode == 0, report.stdout


# A feed (written for this test, RSS 2.0) whose one entry is a report in PDF: the address names the
# document it answers with.
REPORT = "/aawsat/reports/annual-report-2021.pdf"
REPORT_FEED = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Reports</title>"
               "<link>{base}/aawsat/</link><item><title>Annual report 2021</title><link>{base}" + REPORT +
               "</link><pubDate>Sun, 07 Nov 2021 10:00:00 GMT</pubDate></item></channel></rss>")


def test_a_feed_entry_that_names_a_pdf_and_answers_one_is_archived_without_an_error(tmp_path):
    """A feed that lists a PDF report: the report is archived whole, and the run is "finished" (a
    `parser` row for it would fail every run for as long as the feed lists it), unlike an article
    address answering a PDF (the test above)."""
    body, content_type = NOT_PAGES["pdf"]
    faults: dict = {}
    with serving(PAGES, Faults, faults=faults) as base:
        feed = REPORT_FEED.format(base=base).encode()
        faults[FEED] = [(200, feed, [("Content-Type", "application/rss+xml")])]
        faults[REPORT] = [(200, body, [("Content-Type", content_type)])]
        news_crawl(tmp_path, base + FEED, lost=False)
    assert base + REPORT in warc_uris(tmp_path / "warc")
    assert check(tmp_path / "archive.db").returncode == 0
