"""Which page requisites a crawl fetches, and the requests that fetch them.

A thread page's pictures (the posts' images and attachments, avatars, reaction icons) and its
stylesheets are archived with it, so the page replays as it looked in pywb and ReplayWeb.page,
and the thread reader shows the posts' pictures from the archive. They are fetched like any page:
through robots.txt, the politeness settings and the WARC extension; so a requisite is one more
request to the forum, which is why they are bounded:

- **hosts**: the page's own site (its registered domain: ``cdn.example.com`` for a page on
  ``forum.example.com``) and the hosts of ``ARCHIVE_REQUISITE_HOSTS``, whose default lists the
  hosted engines' own CDNs; ``["*"]`` there means any host;
- **count**: at most ``ARCHIVE_REQUISITES_PER_PAGE`` per page, posts' images first; the rest is one
  ``requisite_skipped`` row in ``crawl_errors`` for the page;
- **size**: at most ``ARCHIVE_REQUISITE_MAX_BYTES`` each (Scrapy's ``download_maxsize``); a larger
  one is cut off and recorded as ``requisite_skipped`` too.

A requisite already archived (``crawler/middlewares/requisites.py``) is not fetched again, and one
whose bytes the site already holds under another URL is stored as a revisit (the WARC extension's
dedupe by payload digest), so a stylesheet or an avatar shown on every page is stored once.
Skips are policy, not losses: ``requisite_skipped`` rows do not make the crawl exit non-zero. A
requisite that failed (a timeout, a 5xx after the retries) is an ordinary error row naming its
page (``archive.errors.requisite_detail``), and the next forum crawl of the site asks for it again
at its start, whether or not it walks that page again; a 404 or 410 is archived as the answer it is.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from urllib.parse import urlsplit

import scrapy

from archive.content import ContentDecodingError, decode_content
from crawler.extensions.crawl_errors import report_error
from parsers.requisites import Requisite, page_requisites

META = "archive_requisite"  # request.meta: the requisite's kind (parsers.requisites.KINDS)
PAGE_META = "archive_requisite_page"  # request.meta: the page it was found on (named in its error row)
CONFIRMED_META = "archive_confirmed"  # request.meta: the stored capture a 304 confirmed (WARC extension)
SKIPPED = "requisite_skipped"  # the crawl_errors kind of a requisite left out by policy
# Definitive answers about a requisite: archived as they are, not errors, not fetched again.
FINAL_STATUSES = (401, 403, 404, 410, 451)
# Requisite URLs a crawl remembers having requested (the most recently asked for): a stylesheet,
# logo, icon or avatar shown on every page is not turned into a request again on each page.
RECENT_REQUISITES = 10_000
@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """``example.co.uk`` of ``forum.example.co.uk``, from tldextract's bundled suffix list (no network);
    an IP address or a bare name is its own."""
    extracted = _extractor()(host)
    # tldextract 5.3 renamed registered_domain (kept as a deprecated alias).
    domain = getattr(extracted, "top_domain_under_public_suffix", None)
    return domain if domain is not None else (extracted.registered_domain or host)


@lru_cache(maxsize=1)
def _extractor():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=8192)
def site_of(url: str) -> str:
    """The site a URL belongs to, for scope and for dedupe: its registered domain. Cached: the
    page's own URL is asked once for each of its requisites, and the requisites repeat page after page."""
    host = (urlsplit(url).hostname or "").lower()
    return registered_domain(host) or host


class RequisitePolicy:
    """The settings that decide which requisites are fetched, and how."""

    def __init__(self, enabled: bool, per_page: int, max_bytes: int, hosts: list[str]) -> None:
        self.enabled = enabled
        self.per_page = per_page
        self.max_bytes = max_bytes
        self.any_host = "*" in hosts
        self.hosts = tuple(host.strip().lower().lstrip(".") for host in hosts if host.strip() not in ("", "*"))

    @classmethod
    def from_settings(cls, settings) -> RequisitePolicy:
        return cls(settings.getbool("ARCHIVE_REQUISITES") and settings.getbool("ARCHIVE_ENABLED"),
                   settings.getint("ARCHIVE_REQUISITES_PER_PAGE"), settings.getint("ARCHIVE_REQUISITE_MAX_BYTES"),
                   settings.getlist("ARCHIVE_REQUISITE_HOSTS"))

    def in_scope(self, url: str, page_url: str) -> bool:
        if self.any_host:
            return True
        host = (urlsplit(url).hostname or "").lower()
        if site_of(url) == site_of(page_url):
            return True
        return any(host == suffix or host.endswith("." + suffix) for suffix in self.hosts)

    def select(self, requisites: list[Requisite], page_url: str) -> tuple[list[Requisite], list[Requisite]]:
        """The requisites to fetch (in scope, within the per-page cap) and those over the cap."""
        wanted = [requisite for requisite in requisites if self.in_scope(requisite.url, page_url)]
        return wanted[:self.per_page], wanted[self.per_page:]

    def request(self, requisite: Requisite, page_url: str, callback) -> scrapy.Request:
        """The request for one requisite: after pages (lower priority), size-capped, with the
        definitive 4xx answers handed to ``callback`` rather than reported as errors."""
        return scrapy.Request(requisite.url, callback=callback, priority=-10,
                              headers={"Referer": page_url},
                              meta={META: requisite.kind, PAGE_META: page_url, "download_maxsize": self.max_bytes,
                                    "handle_httpstatus_list": list(FINAL_STATUSES)})


class PageRequisites:
    """The requisite requests of one page, for a spider: ``yield from requisites.requests(response, result)``.

    Their callback is the spider's ``requisite_archived`` method (nothing to follow: the WARC
    extension has archived the requisite): a method of the spider, so a cluster's queue can store
    the request (scrapy-redis serialises a callback by its name on the spider).

    The page's bytes are the response's, or, for a 304, those of the capture it confirmed (the WARC
    extension leaves it in ``request.meta[CONFIRMED_META]``): an unchanged page's requisites that
    failed before are tried again.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.policy = RequisitePolicy.from_settings(crawler.settings)
        self.requested = RecentUrls(RECENT_REQUISITES)

    def requests(self, response, result):
        if not self.policy.enabled:
            return
        confirmed = response.meta.get(CONFIRMED_META)
        if confirmed is not None:
            body, content_type = decoded_body(confirmed), confirmed.header("Content-Type")
        else:
            body = response.body if response.status == 200 else b""
            content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        found = page_requisites(body, response.url, result, content_type=content_type)
        wanted, over = self.policy.select(found, response.url)
        stats = self.crawler.stats
        if over:
            stats.inc_value("archive/requisites_over_cap", len(over))
            report_error(self.crawler, url=response.url, kind=SKIPPED,
                         detail=f"{len(over)} requisite(s) past ARCHIVE_REQUISITES_PER_PAGE={self.policy.per_page} "
                                f"not fetched, from {over[0].url}")
        for requisite in wanted:
            if self.requested.seen(requisite.url):
                continue  # asked for already: Scrapy's duplicate filter would drop the request
            stats.inc_value("archive/requisites_requested")
            yield self.policy.request(requisite, response.url, callback=self.crawler.spider.requisite_archived)


    def retried(self, failed: list[tuple[str, str, str]], sites: set[str]):
        """Requests for requisites that failed in earlier runs (``archive.completeness.failed_requisites``:
        URL, kind, page URL), those found on a page of one of ``sites``. A crawl reads a thread on
        from its last page, so the page that showed one is not walked again."""
        if not self.policy.enabled:
            return
        for url, kind, page_url in failed:
            if site_of(page_url) not in sites or self.requested.seen(url):
                continue
            self.crawler.stats.inc_value("archive/requisites_retried")
            yield self.policy.request(Requisite(url, kind), page_url, callback=self.crawler.spider.requisite_archived)


class RecentUrls:
    """The ``size`` URLs most recently asked about, to skip requests Scrapy would drop as duplicates.

    Why: a requisite shown on every page (a stylesheet, icons, the avatars of a thread's regulars)
    was made into a request on every page, passed through the spider middlewares and the scheduler,
    and only there dropped by the duplicate filter: about half a millisecond of Scrapy's thread a
    page. A URL asked for in this crawl is skipped here instead; what this forgets (past ``size``
    URLs, least recently seen first) the duplicate filter still drops, so nothing is fetched twice
    and nothing that would have been fetched is skipped: only requests the filter would have
    dropped are never made.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.urls: OrderedDict[str, None] = OrderedDict()

    def seen(self, url: str) -> bool:
        """Was ``url`` asked about before? It is remembered as the most recent either way."""
        if url in self.urls:
            self.urls.move_to_end(url)
            return True
        self.urls[url] = None
        if len(self.urls) > self.size:
            self.urls.popitem(last=False)
        return False


def decoded_body(capture) -> bytes:
    """An archived response's body with its Content-Encoding undone; b"" when it does not decode
    (the page's own parse has said so already: it is read from the same bytes)."""
    try:
        return decode_content(capture.body, capture.header("Content-Encoding"))
    except ContentDecodingError:
        return b""
