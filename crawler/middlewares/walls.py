"""Pause a site once it puts up a wall (login wall, guest-view limit, bot challenge).

The WARC extension parses every response as it arrives and leaves the result in
``request.meta["page_result"]``; a result of kind ``blocked`` is a wall (it is archived as a
capture of that kind, never as content). This middleware then records a ``wall`` error with the
parser's reason (under the address the crawl asked for, when a redirect led to the wall), logs
a warning and pauses the host: for ``ARCHIVE_WALL_PAUSE`` seconds (0: for the rest of the crawl)
every further request to it is dropped before it is sent, each recorded as ``paused``, and the
walled request itself is not retried (the retry would only be dropped). A negative
``ARCHIVE_WALL_PAUSE`` records walls and changes nothing else. A page requisite behind a
wall (an attachment for members only) pauses nothing: it is recorded as ``requisite_skipped``.
In a cluster (``ARCHIVE_CLUSTER``) the pause is also kept in Redis, so it holds for every worker
(with ``ARCHIVE_WALL_PAUSE = 0``, until the next round of seeds).

Priority 570: ``process_response`` runs before the backoff (560) and retry (550) middlewares.
With ``ARCHIVE_ENABLED = False`` there is no parse result and the page is parsed here instead.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit

from crawler.cluster.config import CrawlKeys, cluster_url, connect, host_key
from crawler.extensions.crawl_errors import report_error
from crawler.middlewares.errors import WALL_META, PausedRequest
from crawler.middlewares.redirects import chain_start
from crawler.requisites import META as REQUISITE_META, SKIPPED as REQUISITE_SKIPPED

logger = logging.getLogger(__name__)


class WallPauseMiddleware:
    def __init__(self, crawler, pause: float, clock=time.monotonic) -> None:
        self.crawler = crawler
        self.pause = pause
        self.clock = clock
        self.paused: dict[str, tuple[float, str]] = {}  # host -> (until, reason)
        self.archiving = crawler.settings.getbool("ARCHIVE_ENABLED")
        url = cluster_url(crawler.settings)
        self.cluster = connect(url) if url else None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.getfloat("ARCHIVE_WALL_PAUSE"))

    def process_request(self, request):
        host = _host(request.url)
        entry = self.paused.get(host)
        if entry is None and self.cluster is not None:
            shared = self.cluster.get(host_key(host, "wall"))
            if shared is not None:
                raise PausedRequest(f"{host} paused after a wall (seen by another worker): {shared.decode('utf-8', 'replace')}")
        if entry is None:
            return
        until, reason = entry
        if self.clock() >= until:
            del self.paused[host]
            logger.info("%s: pause over, crawling it again", host)
            return
        raise PausedRequest(f"{host} paused after a wall: {reason}")

    def process_response(self, request, response):
        result = request.meta.get("page_result")
        if result is None and not self.archiving and "archive_capture_id" not in request.meta:
            result = _parse(request, response)
        if result is None or getattr(result, "kind", None) != "blocked":
            return response
        reason = result.reason or "blocked"
        if request.meta.get(REQUISITE_META):
            # An attachment or picture for members only: the forum's pages are still open, so the
            # site is not paused; the requisite is recorded as left out, with the wall's reason.
            report_error(self.crawler, request, kind=REQUISITE_SKIPPED, status=response.status,
                         detail=f"behind a wall ({reason}); the site is not paused for a requisite")
            return response
        host = _host(request.url)
        request.meta[WALL_META] = reason
        # Under the address the crawl asked for: a page sent to a login page is the page lost, and
        # its error is filled once that page is stored (the login page's address never is).
        asked = chain_start(request)
        detail = reason if asked == request.url else f"{reason} (redirected to {request.url})"
        report_error(self.crawler, url=asked, kind="wall", status=response.status, detail=detail)
        self.crawler.stats.inc_value("walls/count")
        if self.pause < 0:
            logger.warning("%s: %s (%s); not pausing (ARCHIVE_WALL_PAUSE < 0)", host, reason, request.url)
            return response
        request.meta["dont_retry"] = True  # the retry would only be dropped as paused
        if host not in self.paused:
            if self.pause == 0:
                logger.warning("%s: %s; stopping the crawl of this site (%s)", host, reason, request.url)
            else:
                logger.warning("%s: %s; pausing this site for %s (%s)", host, reason, _duration(self.pause),
                               request.url)
        until = math.inf if self.pause == 0 else self.clock() + self.pause
        self.paused[host] = (until, reason)
        if self.cluster is not None:
            self.cluster.set(host_key(host, "wall"), reason, ex=math.ceil(self.pause) if self.pause > 0 else None)
            self.cluster.sadd(CrawlKeys(self.crawler.spider.name).paused_hosts, host)
        return response


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _duration(seconds: float) -> str:
    if seconds >= 60:
        minutes = seconds / 60
        return f"{minutes:g} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} second{'s' if seconds != 1 else ''}"


def _parse(request, response):
    from parsers.registry import parse_page

    try:
        return parse_page(response.body, response.url, datetime.now(timezone.utc),
                          content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
                          status=response.status)
    except Exception:
        logger.debug("could not parse %s to look for a wall", request.url, exc_info=True)
        return None
