"""Wait before a retry: the server's ``Retry-After`` on 429 and 503, else exponential backoff.

Sits just above the retry middleware (560 > 550), so it sees a response or exception before the
retry middleware turns it into a retry. When that retry will happen (a status in
``RETRY_HTTP_CODES`` or an exception in ``RETRY_EXCEPTIONS``, retries left, no ``dont_retry``), it
waits, without blocking the reactor (``process_response``/``process_exception`` are coroutines),
then hands the response on unchanged. The wait is ``Retry-After`` (seconds or an HTTP date) on 429
and 503, otherwise ``ARCHIVE_BACKOFF_BASE * 2**retries`` with full jitter, capped at
``ARCHIVE_MAX_BACKOFF`` seconds. The domain's download slot is free while a request waits, so
other pages of the site keep their normal pace.

A server that asks for longer than ``ARCHIVE_MAX_BACKOFF`` is not retried early against its
word, nor waited for (a crawl blocked for hours): the request is given up at once, recorded in
``crawl_errors`` as ``retry_after_too_long`` with the delay asked for, and counted
(``backoff/gave_up``). Its response is archived like any other.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import load_object
from twisted.internet.task import deferLater

from crawler.extensions.crawl_errors import report_error

logger = logging.getLogger(__name__)

RETRY_AFTER_STATUSES = (429, 503)


def parse_retry_after(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date), or None."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def backoff_delay(retries: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter: uniform in [0, min(cap, base * 2**retries)]."""
    ceiling = min(cap, base * (2 ** retries))
    return (rng or random).uniform(0, ceiling)


class BackoffMiddleware:
    def __init__(self, crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.enabled = settings.getbool("RETRY_ENABLED")
        self.max_retry_times = settings.getint("RETRY_TIMES")
        self.retry_http_codes = {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}
        self.retry_exceptions = tuple(load_object(x) if isinstance(x, str) else x
                                      for x in settings.getlist("RETRY_EXCEPTIONS"))
        self.base = settings.getfloat("ARCHIVE_BACKOFF_BASE")
        self.cap = settings.getfloat("ARCHIVE_MAX_BACKOFF")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _will_retry(self, request) -> bool:
        if not self.enabled or request.meta.get("dont_retry", False):
            return False
        return request.meta.get("retry_times", 0) < request.meta.get("max_retry_times", self.max_retry_times)

    async def process_response(self, request, response):
        if response.status in self.retry_http_codes and self._will_retry(request):
            delay = None
            if response.status in RETRY_AFTER_STATUSES:
                delay = parse_retry_after(response.headers.get("Retry-After"))
            if delay is not None and delay > self.cap:
                self._give_up(request, response, delay)
            source = "Retry-After" if delay is not None else "backoff"
            if delay is None:
                delay = backoff_delay(request.meta.get("retry_times", 0), self.base, self.cap)
            await self._wait(request, delay, f"HTTP {response.status}, {source}")
        return response

    def _give_up(self, request, response, delay: float) -> None:
        """Record a request whose server asks for a longer wait than ARCHIVE_MAX_BACKOFF, and drop it."""
        asked = response.headers.get("Retry-After", b"").decode("latin-1").strip()
        detail = (f"HTTP {response.status} asks to retry after {delay:.0f} s (Retry-After: {asked}), more than "
                  f"ARCHIVE_MAX_BACKOFF ({self.cap:.0f} s): not retried")
        self.crawler.stats.inc_value("backoff/gave_up")
        logger.warning("giving up on %s: %s", request.url, detail)
        report_error(self.crawler, request, kind="retry_after_too_long", status=response.status, detail=detail)
        # Raised from process_response: the retry and final-errors middlewares below never see it.
        raise IgnoreRequest(detail)

    async def process_exception(self, request, exception):
        if isinstance(exception, self.retry_exceptions) and self._will_retry(request):
            delay = backoff_delay(request.meta.get("retry_times", 0), self.base, self.cap)
            await self._wait(request, delay, type(exception).__name__)

    async def _wait(self, request, delay: float, why: str) -> None:
        self.crawler.stats.inc_value("backoff/count")
        self.crawler.stats.inc_value("backoff/seconds", round(delay, 3))
        logger.info("retrying %s in %.1f s (%s)", request.url, delay, why)
        if delay > 0:
            from twisted.internet import reactor

            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
