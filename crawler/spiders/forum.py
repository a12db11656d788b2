"""The ``forum`` spider: every page of each thread it is given, by the engine's pagination.

    scrapy crawl forum -a url=THREAD_URL
    scrapy crawl forum -a urls=URL1,URL2
    scrapy crawl forum -a urls_file=threads.txt   (one URL a line, # comments allowed)
    scrapy crawl forum -a url=THREAD_URL -a engine=ips   (skip engine detection)
    scrapy crawl forum -a url=THREAD_URL -a full=1       (every page again, not just from the last known one)
    scrapy crawl forum -a url=FORUM_URL -a max_threads=50 -a max_age_days=7
                                                         (a board's threads that changed, from its listing)

The spider only fetches and follows. Archiving and parsing happen in the WARC extension, which
leaves the parse result in ``response.meta["page_result"]``; the spider parses itself only when
that extension is switched off. It yields one :class:`crawler.items.PostItem` per post of each
thread page it accepts (``scrapy crawl forum -a url=... -O posts.jsonl``), naming the WARC record
the page was read from; the archive is written whether or not items are exported. It follows a
next-page link only when it stays on the same host and the page it leads to belongs to the same
thread, and stops a thread's walk at a trap
(crawler/spiders/thread_walk.py). Nothing is dropped silently: a page no parser could read, a
trap and the page cap are each a ``crawl_errors`` row (kinds ``parser``, ``trap``, ``page_cap``),
and so is a thread page stored with part of it not read (``incomplete``: a post the page holds
that no post read has, a page short or cut short, a next page counted and not linked;
parsers/losses.py). A next page that redirects to a page this run already asked for is a
``trap`` row too: Scrapy's duplicate filter drops such a hop unread and only counts it.
With each thread page it fetches the page's requisites (pictures, attachments, stylesheets;
crawler/requisites.py), so the page replays as it looked.

A thread archived before is read on from the last page of its unbroken run of archived pages
(archive/completeness.py), so a page lost in an earlier run is fetched again by the next one.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
import scrapy
from scrapy import signals
from scrapy.exceptions import UsageError

from archive.completeness import failed_pages, failed_requisites, has_gap, resume_url
from archive.database import open_readonly
from archive.store import thread_state
from crawler.cluster.config import cluster_url
from crawler.extensions.crawl_errors import report_error
from crawler.items import FEED_EXPORTERS, PostItem, read_from
from crawler.middlewares.redirects import same_site
from crawler.requisites import PageRequisites, site_of
from crawler.spiders.start_urls import URL_ARGUMENTS, start_urls
from crawler.spiders.thread_walk import ThreadWalk
from parsers.dates import parse_iso
from parsers.losses import lost_content
from parsers.registry import ENGINES, parse_page

# The URLs a resumed walk found gone and restarted from the top over: read again if linked.
REFETCH_META = "thread_refetch"


class ForumSpider(scrapy.Spider):
    name = "forum"
    custom_settings = {"FEED_EXPORTERS": FEED_EXPORTERS}

    def __init__(self, url: str | None = None, urls: str | None = None, urls_file: str | None = None,
                 engine: str | None = None, full: str | None = None, max_threads: str | None = None,
                 max_age_days: str | None = None, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.start_urls = thread_urls(url, urls, urls_file)
        if engine is not None and engine not in ENGINES:
            raise UsageError(f"unknown engine {engine!r}; known engines: {', '.join(ENGINES)}")
        self.engine = engine
        self.full = full not in (None, "", "0", "false", "no")
        self.max_threads = _positive_int(max_threads, "max_threads")
        self.max_age_days = _positive_int(max_age_days, "max_age_days")
        self.threads_taken = 0
        self.walks: dict[str, ThreadWalk] = {}  # thread start URL -> its walk in this run
        self.archive_reader = None  # see _ask_archive

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if not spider.start_urls and not cluster_url(crawler.settings):
            # A cluster worker may start with none: its seeds come from Redis (forum-archiver cluster seed).
            raise UsageError(f"give the thread(s) to crawl: {URL_ARGUMENTS}")
        spider.requisites = PageRequisites(crawler)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        return spider

    async def start(self):
        for url in self.start_urls:
            yield self._thread_request(url)
        for request in self.retry_requests({site_of(url) for url in self.start_urls}, set(self.start_urls)):
            yield request

    def retry_requests(self, sites: set[str], starts: set[str]):
        """Requests for what earlier runs failed to fetch on ``sites`` and no later capture filled,
        other than the ``starts`` this run asks for anyway: page requisites (a run reads a thread on
        from its last page, so the page that showed one is not walked again), and pages failed for
        a reason that may pass (a listing that named their thread may name it no more: ``-a
        max_threads``, a moved thread; so no walk would reach them again), each read on from there.
        A cluster worker asks for these for the sites of the seeds it takes (crawler/cluster/worker.py)."""
        yield from self.requisites.retried(self._ask_archive(lambda db, _url: failed_requisites(db), "") or [], sites)
        for url in self._ask_archive(lambda db, _url: failed_pages(db, self.name), "") or []:
            if site_of(url) in sites and url not in starts:
                self.crawler.stats.inc_value("forum/failed_before_requested")
                yield self._thread_request(url)

    def seed_request(self, url: str) -> scrapy.Request:
        """The start request for a thread or board URL given as a cluster seed."""
        return self._thread_request(url)

    def _thread_request(self, url: str) -> scrapy.Request:
        """The first request for a thread. One archived before is read on from the last page of its
        unbroken run of archived pages (new posts land at the end, and a page lost earlier is
        fetched again), unless -a full=1 asks for every page again (to catch edits on earlier
        pages); if that page is gone (posts deleted, thread moved), from the top."""
        resume = None if self.full else self._ask_archive(resume_url, url)
        meta = {"thread_start": url}
        if resume and resume != url:
            self.logger.info("%s: archived before, reading on from %s", url, resume)
            meta.update(resumed=True, handle_httpstatus_list=[404, 410])
        return scrapy.Request(resume or url, callback=self.parse_thread_page, meta=meta)

    def parse_listing(self, response, result):
        """A board or sub-forum page: its threads that changed since the archive last read them
        (reply count or last post time), within ``max_threads`` and ``max_age_days``; then the
        listing's next page while threads are still wanted."""
        oldest = datetime.now(timezone.utc) - timedelta(days=self.max_age_days) if self.max_age_days else None
        for listed in result.listed_threads:
            if self.max_threads is not None and self.threads_taken >= self.max_threads:
                return
            if oldest and listed.last_post_at and listed.last_post_at < oldest:
                self.crawler.stats.inc_value("forum/threads_too_old")
                continue
            self.threads_taken += 1
            if self._unchanged(listed):
                self.crawler.stats.inc_value("forum/threads_unchanged")
                continue
            yield self._thread_request(listed.url)
        if result.next_page_url and (self.max_threads is None or self.threads_taken < self.max_threads):
            yield response.follow(result.next_page_url, callback=self.parse_thread_page,
                                  meta={"thread_start": response.meta["thread_start"]})

    def _unchanged(self, listed) -> bool:
        """The archive holds every post the listing counts, up to its last post, and no page of
        the thread is a gap (archive.completeness.has_gap): a page stored with a post not read,
        or one a later request of failed, keeps its count and is read again, or its error stays
        open for ever while every listing's run skips the thread."""
        state = self._ask_archive(thread_state, listed.url) if listed.replies is not None else None
        if state is None or self._ask_archive(has_gap, listed.url):
            return False
        posts, newest = state
        newest_at = parse_iso(newest) if newest else None
        return posts >= listed.replies + 1 and (listed.last_post_at is None or
                                                 (newest_at is not None and newest_at >= listed.last_post_at))

    def _ask_archive(self, lookup, url: str):
        """``lookup(db, url)`` on the archive database, or None when there is none yet.

        One read-only connection serves every lookup of the crawl (each thread to start, each
        listed thread): opening the archive for each cost 1.4 ms, 14 s for a crawl of 10,000
        threads. The archive's writer has brought its schema up to date before the first request."""
        settings = self.crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED"):
            return None
        if self.archive_reader is None:
            self.archive_reader = open_readonly(settings.get("ARCHIVE_DB"))
            if self.archive_reader is None:
                return None
        return lookup(self.archive_reader, url)

    def closed(self, reason: str) -> None:
        if self.archive_reader is not None:
            self.archive_reader.close()
            self.archive_reader = None

    def parse_thread_page(self, response):
        if response.status in (404, 410) and response.meta.get("resumed"):
            self.logger.info("%s is gone; reading the thread from its first page", response.url)
            # The walk from the top may link to that page again (a 404 that was a one-off): this
            # run asked for it already, so the duplicate filter would drop it unread, silently.
            gone = [*response.meta.get("redirect_urls", []), response.url]
            yield scrapy.Request(response.meta["thread_start"], callback=self.parse_thread_page,
                                 meta={"thread_start": response.meta["thread_start"], REFETCH_META: gone},
                                 dont_filter=True)
            return
        result = response.meta.get("page_result")
        if result is None and "archive_capture_id" not in response.meta:
            result = parse_page(response.body, response.url, datetime.now(timezone.utc),
                                content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
                                status=response.status, engine=self.engine)
        if result is None:
            if not response.meta.get("archive_lost"):
                self._lost(response, "parser", "the page could not be parsed (no parse result)")
            return
        if result.kind == "forum_page":
            yield from self.parse_listing(response, result)
            return
        if result.kind == "unsupported":
            self._lost(response, "parser", f"not read as a thread page: {result.reason}")
        expected_thread = response.meta.get("thread_id")
        thread_id = result.thread.id if result.thread else None
        if result.kind == "thread_page" and expected_thread and thread_id != expected_thread:
            # (A page that is not a thread page at all is recorded above, or by the walls middleware.)
            self.logger.warning("%s belongs to thread %s, not %s: not following it", response.url,
                                thread_id, expected_thread)
            self._lost(response, "trap", f"the next page of thread {expected_thread} belongs to thread {thread_id}")
            return
        if result.kind == "thread_page":
            refusal = self._walk(response).accept(
                response.url, response.body if response.status == 200 else None,
                [post.post_id for post in result.posts], result.thread.page if result.thread else None,
                response.meta.get("follows_page"), body_digest=response.meta.get("archive_payload_digest"))
            if refusal is not None:
                self._lost(response, refusal.kind, refusal.detail)
                return
            lost = lost_content(result)
            if not result.posts:
                self._lost(response, "parser", "a thread page without posts" +
                           (f": {'; '.join(result.errors)}" if result.errors else ""))
            elif lost:
                # Read, stored, and yet part of it missing (parsers.losses): never a quiet "finished".
                self._lost(response, "incomplete", "; ".join(lost))
        if result.kind != "thread_page":
            return
        capture_id = read_from(response)
        for post in result.posts:
            yield PostItem.from_post(post, result, response.url, capture_id)
        yield from self.requisites.requests(response, result)
        page = result.thread.page if result.thread else None
        for next_url in filter(None, [result.next_page_url, *result.follow_urls]):
            if same_site(response.urljoin(next_url), response.url):  # www. and https hops are the same site
                refusal = self._walk(response).next_page_refused()
                if refusal is not None:
                    self.logger.warning("%s: %s: %s", next_url, refusal.kind, refusal.detail)
                    report_error(self.crawler, url=response.urljoin(next_url), kind=refusal.kind, detail=refusal.detail)
                    return
                refetch = response.meta.get(REFETCH_META, [])
                yield response.follow(next_url, callback=self.parse_thread_page,
                                      dont_filter=response.urljoin(next_url) in refetch,
                                      meta={"thread_start": response.meta["thread_start"], "thread_id": thread_id,
                                            "follows_page": page if next_url == result.next_page_url else None,
                                            REFETCH_META: refetch})

    def request_dropped(self, request, spider=None) -> None:
        """A thread's next page redirected to a page this run already asked for (a page past the
        end sent back to the first, a page moved onto one read already) is dropped unread by the
        duplicate filter, which only counts it: the page the walk wanted was not read, and the run
        would end "finished". It is a ``trap`` row (a next page repeating one already read)."""
        hops = request.meta.get("redirect_urls")
        if hops and request.meta.get("thread_id") and request.callback == self.parse_thread_page:
            detail = f"redirected to {request.url}, which this crawl had already asked for: not read again"
            self.logger.warning("%s: trap: %s", hops[0], detail)
            report_error(self.crawler, url=hops[0], kind="trap", detail=detail)

    def requisite_archived(self, response) -> None:
        """A page requisite's callback: the WARC extension has archived it; nothing to follow."""
        return None

    def _walk(self, response) -> ThreadWalk:
        start = response.meta.get("thread_start", response.url)
        if start not in self.walks:
            self.walks[start] = ThreadWalk(self.crawler.settings.getint("ARCHIVE_MAX_THREAD_PAGES"))
        return self.walks[start]

    def _lost(self, response, kind: str, detail: str) -> None:
        """A page wanted and not read (or a walk cut short): logged and recorded in crawl_errors,
        under the address the walk asked for when a redirect led elsewhere (another thread, an
        error page): that page's error is filled once it is stored, the other address's never
        would be. A page stored with part of it not read (``incomplete``) keeps its own."""
        asked = (response.meta.get("redirect_urls") or [response.url])[0]
        if kind != "incomplete" and asked != response.url:
            detail, url = f"{detail} (redirected to {response.url})", asked
        else:
            url = response.url
        self.logger.warning("%s: %s: %s", url, kind, detail)
        report_error(self.crawler, url=url, kind=kind, status=response.status, detail=detail)


def _positive_int(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    if not str(value).isdigit() or int(value) < 1:
        raise UsageError(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


def thread_urls(url: str | None, urls: str | None, urls_file: str | None) -> list[str]:
    """The thread URLs from the spider arguments, in order, without duplicates (none is checked
    once the settings say whether this is a cluster worker)."""
    return start_urls(url, urls, urls_file)
