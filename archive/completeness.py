"""How complete each archived thread is, and where the next crawl must read it on from.

A thread is complete when every page from 1 to its ``page_count`` is archived as a thread page
and, where the engine shows a reply count, the archive holds that many posts after the first.
A page lost to a one-off failure (a timeout, a full disk, a parser error that left the capture
``unsupported``) leaves a gap; :func:`resume_url` starts the next ordinary crawl just before the
first gap, so the crawl walks through the gap instead of only reading on after the last page.

A crawl error is *resolved* once a later capture of its URL answered 200 (or 304: the archive's
copy is current; or a redirect: the page moved on): what remains are the gaps nobody has filled
yet (:func:`unresolved_errors`). A crawl run that did not finish, with no finished run of its
spider from the same start points after it, is open too (:func:`unfinished_runs`). ``forum-archiver check`` prints them all.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

import sqlite_utils

from archive.errors import REQUISITE_MARK, requisite_of
from archive.errors import TABLE as ERRORS_TABLE
from parsers.losses import LOSS_MARKS


def _holds_a_loss(column: str = "errors") -> str:
    """SQL true when a capture's stored parse errors (its JSON list, ``column``) say part of the
    thread was not read: a post passed over, a page short or cut short (parsers/losses.py). The
    marks are plain text, so each is looked for as the JSON list holds it, inlined as a literal."""
    marks = (json.dumps(mark)[1:-1].replace("'", "''") for mark in LOSS_MARKS)
    return "(" + " or ".join(f"instr(coalesce({column}, ''), '{mark}') > 0" for mark in marks) + ")"


# Why these are gaps, and not only errors: such a page is archived, so neither the page walk nor
# a conditional request would ever read it again; the post it lost stayed lost while every later
# run ended "finished". The next crawl reads it again whole (crawler/middlewares/conditional.py),
# from the page before it (resume_url).
HOLDS_A_LOSS = _holds_a_loss()

# SQL true when the crawl error ``e`` was filled since: a later capture of its URL answered 200, or
# 304 (the server confirmed the archive's copy is current: a page that failed once and came back
# unchanged is answered so, and its error stayed open for ever), or a redirect (a page moved: an
# error at its old address, the one the crawl asked for, is filled once it leads on; where the
# hop fails again, that run records a new error).
_FILLED = """exists (select 1 from captures f where f.url = e.url and f.status in (200, 304, 301, 302, 303, 307, 308)
                     and f.captured_at > e.time)"""

# SQL true when the page of capture ``c`` has a crawl error not filled since (a stored page that a
# later request of it failed: a run with -a full=1, or a listing's re-crawl). The plain runs read on
# after such a page, so it was never asked again and ``check`` said "NOT FILLED" for ever. Losses
# in the page itself are HOLDS_A_LOSS's; requisites left out by policy are no gap.
_OPEN_ERROR_ON_PAGE = f"""exists (select 1 from [{ERRORS_TABLE}] e where e.url = c.url
                          and e.kind not in ('requisite_skipped', 'incomplete') and not {_FILLED})"""


@dataclass
class ThreadCompleteness:
    thread_id: str
    title: str | None
    url: str | None
    page_count: int
    pages_archived: list[int]
    posts: int
    reply_count: int | None = None
    pages_with_errors: list[int] = field(default_factory=list)

    @property
    def missing_pages(self) -> list[int]:
        archived = set(self.pages_archived)
        return [page for page in range(1, self.page_count + 1) if page not in archived]

    @property
    def missing_posts(self) -> int | None:
        """Posts the engine counts that the archive lacks (None where it shows no count)."""
        return None if self.reply_count is None else max(0, self.reply_count + 1 - self.posts)

    @property
    def complete(self) -> bool:
        return not self.missing_pages and not self.missing_posts

    def describe(self) -> str:
        parts = [f"{len(self.pages_archived)} of {self.page_count} pages"]
        if self.missing_pages:
            parts.append("missing page(s) " + _ranges(self.missing_pages))
        if self.reply_count is not None:
            parts.append(f"{self.posts} of {self.reply_count + 1} posts")
        if self.pages_with_errors:
            parts.append("parse errors on page(s) " + _ranges(self.pages_with_errors))
        return "; ".join(parts)

    def to_dict(self) -> dict:
        return {"thread_id": self.thread_id, "title": self.title, "url": self.url, "page_count": self.page_count,
                "pages_archived": self.pages_archived, "missing_pages": self.missing_pages, "posts": self.posts,
                "reply_count": self.reply_count, "missing_posts": self.missing_posts,
                "pages_with_errors": self.pages_with_errors, "complete": self.complete}


def thread_completeness(db: sqlite_utils.Database, thread_id: str | None = None) -> list[ThreadCompleteness]:
    """Every archived thread (or the one with ``thread_id``), with the pages and posts it has."""
    where, params = ("where t.id = ?", [thread_id]) if thread_id else ("", [])
    threads = db.execute(
        f"""select t.id, t.title, t.url, coalesce(t.page_count, 1), t.reply_count,
                   (select count(*) from posts p where p.thread_id = t.id and p.deleted_at is null)
            from threads t {where} order by t.id""", params).fetchall()
    pages: dict[str, dict[int, bool]] = {}
    for thread, page, with_errors in db.execute(
            """select thread_id, page, max(errors is not null and errors != '[]') from captures
               where kind = 'thread_page' and thread_id is not null group by thread_id, page"""):
        pages.setdefault(thread, {})[page] = bool(with_errors)
    return [ThreadCompleteness(thread_id=key, title=title, url=url, page_count=max(1, page_count),
                               pages_archived=sorted(pages.get(key, {})), posts=posts, reply_count=replies,
                               pages_with_errors=sorted(p for p, bad in pages.get(key, {}).items() if bad))
            for key, title, url, page_count, replies, posts in threads]


def resume_url(db: sqlite_utils.Database, thread_url: str) -> str | None:
    """Where a crawl of the thread at ``thread_url`` (its first-page URL, with or without the
    trailing slash) reads on from: the last page of the unbroken run of archived pages from
    page 1, so a gap further on is fetched again. A page whose newest capture was cut short
    (its parse says so) is a gap too: its last posts and its next page are missing. None for a
    thread never archived, gone (404 or 410), or whose first page is missing: the crawl then
    starts at the top. Any page whose newest capture lost part of the thread (:data:`HOLDS_A_LOSS`:
    a post not read, a page short) is such a gap too, and so is a page whose URL has a crawl error
    not filled since (:func:`unresolved_errors`)."""
    thread_id = _archived_thread(db, thread_url)
    if thread_id is None:
        return None
    last = 0
    for page in _whole_pages(db, thread_id):
        if page != last + 1:
            break
        last = page
    if last == 0:
        return None
    row = db.execute(
        """select url from captures where thread_id = ? and kind = 'thread_page' and page = ?
           order by captured_at desc limit 1""", [thread_id, last]).fetchone()
    return row[0] if row else None


def has_gap(db: sqlite_utils.Database, thread_url: str) -> bool:
    """True when the archived thread at ``thread_url`` has a page that :func:`resume_url` counts as
    a gap: one missing below its ``page_count``, one whose newest capture lost part of the thread,
    or one with a crawl error not filled since. A board listing's "unchanged" (reply count and last
    post as archived) must not skip such a thread: its gap would never be read again, and the
    error never filled (crawler/spiders/forum.py). False for a thread never archived."""
    thread_id = _archived_thread(db, thread_url)
    if thread_id is None:
        return False
    page_count = db.execute("select coalesce(page_count, 1) from threads where id = ?", [thread_id]).fetchone()[0]
    return not set(range(1, max(1, page_count) + 1)) <= set(_whole_pages(db, thread_id))


def _archived_thread(db: sqlite_utils.Database, thread_url: str) -> str | None:
    found = db.execute(
        """select t.id from threads t where rtrim(t.url, '/') = rtrim(?, '/') and t.vanished_at is null
           limit 1""", [thread_url.split("#")[0]]).fetchone()
    return found[0] if found else None


def _whole_pages(db: sqlite_utils.Database, thread_id: str) -> list[int]:
    """The thread's archived pages, in order, leaving out each whose newest capture lost part of
    the thread or whose URL has a crawl error not filled since."""
    open_error = _OPEN_ERROR_ON_PAGE if _has_tables(db, ERRORS_TABLE) else "0"
    return [page for page, lost in db.execute(
        f"""select page, {HOLDS_A_LOSS} or {open_error} from captures c
           where thread_id = ? and kind = 'thread_page'
             and captured_at = (select max(captured_at) from captures o
                                where o.thread_id = c.thread_id and o.kind = 'thread_page' and o.page = c.page)
           group by page order by page""", [thread_id]) if not lost]


def unresolved_errors(db: sqlite_utils.Database) -> list[dict]:
    """Crawl errors whose URL no later capture answered with 200, 304 or a redirect (:data:`_FILLED`):
    the gaps still open, newest first.
    Requisites left out by policy (``requisite_skipped``) are no gap. A page stored ``incomplete``
    is also filled once its newest capture holds no loss: ``forum-archiver replay`` re-read it with
    a parser that reads it whole (the capture's errors are rewritten; no new capture is made)."""
    if not _has_tables(db, ERRORS_TABLE):
        return []
    rows = db.execute(
        f"""select e.url, e.kind, e.detail, max(e.time) as time, count(*) as times from [{ERRORS_TABLE}] e
            where e.url is not null and e.kind != 'requisite_skipped' and not {_FILLED}
            and not (e.kind = 'incomplete' and coalesce((
                select not {_holds_a_loss("c.errors")} from captures c
                where c.url = e.url and c.status = 200 and c.kind = 'thread_page'
                order by c.captured_at desc limit 1), 0))
            group by e.url, e.kind order by time desc""").fetchall()
    return [dict(zip(("url", "kind", "detail", "time", "times"), row)) for row in rows]


# A run's stat naming where the pages it had not reached are kept: a cluster worker's frontier is
# the cluster's queue (Redis), not the run (crawler/extensions/warc_archive.py sets it).
FRONTIER_STAT = "archive/frontier"
CLUSTER_FRONTIER = "cluster queue"
# The run's start points (its thread, board, article, feed and sitemap URLs, one a line, sorted),
# in its stats from its start: a run killed before it could write its stats still names them.
START_POINTS_STAT = "archive/start_points"


def start_points_stat(urls) -> str:
    """The :data:`START_POINTS_STAT` value of a run started from ``urls``."""
    return "\n".join(sorted(set(urls)))


def unfinished_runs(db: sqlite_utils.Database) -> list[dict]:
    """Crawl runs that did not finish (killed: no finish recorded; or stopped: a finish reason
    other than ``finished``) and that no later finished run of their spider covered, newest first.
    Such a run left no row for the pages it had not reached yet (a feed's articles not visited,
    a listing's threads not started): only the run itself says they are missing. A crawl still
    running is listed too: it has not finished.

    Later finished runs cover it when, together, they started from every start point it had: one
    archive often holds crawls of several boards by one spider, and a finished crawl of one board
    says nothing of another's killed run. Runs recorded before start points were kept are
    matched by their spider alone, as they always were.

    A cluster worker's run is never listed (its stats say :data:`CLUSTER_FRONTIER`): the pages it
    had not reached stay in the cluster's queue for the other workers and the next (docs/cluster.md),
    and a worker run as a service (``ARCHIVE_CLUSTER_IDLE_CLOSE=0``) never finishes."""
    if not _has_tables(db, "crawl_runs"):
        return []
    stat = "case when json_valid(stats) then json_extract(stats, '$.\"{}\"') end"  # a torn row is still a run
    rows = db.execute(f"""select id, spider, started_at, finish_reason, {stat.format(FRONTIER_STAT)},
                                 {stat.format(START_POINTS_STAT)} from crawl_runs order by started_at desc""").fetchall()
    covered: dict[str, set[str]] = {}  # spider -> start points of the finished runs after this one
    legacy_finished: set[str] = set()  # spiders with a finished run after this one that kept none
    open_runs = []
    for run_id, spider, started_at, reason, frontier, points in rows:
        points = None if points is None else [point for point in str(points).split("\n") if point]
        if reason == "finished":
            if points is None:
                legacy_finished.add(spider)
            else:
                covered.setdefault(spider, set()).update(points)
        elif frontier != CLUSTER_FRONTIER and spider not in legacy_finished and not (
                spider in covered and (points is None or covered[spider].issuperset(points))):
            open_runs.append({"id": run_id, "spider": spider, "started_at": started_at, "finish_reason": reason,
                              "start_points": points})
    return open_runs


def failed_requisites(db: sqlite_utils.Database | sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(URL, kind, page URL) of each page requisite that failed and that no later capture filled.

    Why: a failed requisite was asked for again only when its page was walked again, and a plain
    crawl reads a thread on from its last page: a picture that failed on an earlier page stayed an
    open error for ever (``check`` said "NOT FILLED" on every run). The forum spider asks for
    these again at its start (crawler/spiders/forum.py), through its read-only connection."""
    if not _has_tables(db, ERRORS_TABLE):
        return []
    rows = db.execute(
        f"""select e.url, max(e.detail) from [{ERRORS_TABLE}] e
            where e.url is not null and e.kind != 'requisite_skipped'
              and instr(coalesce(e.detail, ''), '{REQUISITE_MARK}') > 0 and not {_FILLED}
            group by e.url order by e.url""").fetchall()
    found = []
    for url, detail in rows:
        of = requisite_of(detail)
        if of is not None:
            found.append((url, *of))
    return found


# Failures a later request may well not meet again (a 5xx, a timeout, a wall, an error page served
# as 200, a write that failed), as against answers that stay (a 404, robots.txt, a redirect
# off the site, a page past the size cap): :func:`failed_pages` lists the first kind only.
_SETTLED_KINDS = ("requisite_skipped", "incomplete", "robots", "offsite_redirect", "bad_redirect", "redirect_limit",
                  "too_large", "trap", "page_cap")
_SETTLED_STATUSES = (401, 403, 404, 410, 451)


def failed_pages(db: sqlite_utils.Database | sqlite3.Connection, spider: str) -> list[str]:
    """URLs that runs of ``spider`` wanted, failed to read for a reason that may pass, and that no
    later capture filled (page requisites apart: :func:`failed_requisites`).

    Why: the news spider asks for what its feeds and sitemaps list today. An article that failed
    (a 503, a timeout) and that the feed has since dropped was never asked for again: its error
    stayed open for ever. Likewise a thread page that failed, when no later listing run named its
    thread (``-a max_threads`` takes the newest threads only). Both spiders ask for these again at
    their start (crawler/spiders/news.py, crawler/spiders/forum.py)."""
    if not _has_tables(db, ERRORS_TABLE, "crawl_runs"):
        return []
    settled_kinds = ", ".join(f"'{kind}'" for kind in _SETTLED_KINDS)
    settled_statuses = ", ".join(str(status) for status in _SETTLED_STATUSES)
    return [url for (url,) in db.execute(
        f"""select distinct e.url from [{ERRORS_TABLE}] e join crawl_runs r on r.id = e.crawl_run_id
            where r.spider = ? and e.url is not null and e.kind not in ({settled_kinds})
              and not (e.kind = 'http' and coalesce(e.status, 0) in ({settled_statuses}))
              and instr(coalesce(e.detail, ''), '{REQUISITE_MARK}') = 0 and not {_FILLED}
            order by e.url""", [spider])]


def _has_tables(db: sqlite_utils.Database | sqlite3.Connection, *names: str) -> bool:
    """Does the archive hold every table of ``names``? (An archive no crawl has written errors or
    runs to lacks them; the spiders ask through a plain read-only connection, hence SQL.)"""
    found = {row[0] for row in db.execute(
        f"select name from sqlite_master where type = 'table' and name in ({', '.join('?' for _ in names)})", names)}
    return found == set(names)


def _ranges(pages: list[int]) -> str:
    """[1, 2, 3, 7] -> "1-3, 7"."""
    spans: list[list[int]] = []
    for page in pages:
        if spans and page == spans[-1][1] + 1:
            spans[-1][1] = page
        else:
            spans.append([page, page])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
