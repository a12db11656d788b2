"""Report requests that finally failed, for ``crawler/extensions/crawl_errors.py`` to record.

:class:`FinalErrorsMiddleware` sits below the retry middleware (priority 540 < 550). Scrapy calls
``process_exception`` and ``process_response`` in decreasing priority order, so a retried failure
never reaches it: the retry middleware returns the new request and the chain stops there. It
therefore sees only final failures: download exceptions after the last retry, and error responses
(status >= 400) that the HttpError spider middleware is about to drop.

:class:`DecompressionGuard` sits just above the HttpCompression middleware (595 > 590): that
middleware *raises* from ``process_response`` on a decompression bomb, and an exception raised there
skips every other middleware, so the guard checks the decoded size itself first.
"""

from __future__ import annotations

import zlib

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from twisted.internet import error as tx_error

from crawler.extensions.crawl_errors import report_error
from archive.errors import requisite_detail
from crawler.requisites import META as REQUISITE_META, PAGE_META as REQUISITE_PAGE_META, SKIPPED as REQUISITE_SKIPPED

WALL_META = "archive_wall"  # set by the walls middleware on a request whose response was a wall


class PausedRequest(IgnoreRequest):
    """Not sent: its site is paused after a wall (raised by ``crawler/middlewares/walls.py``)."""


def classify(exception: BaseException) -> str:
    """The ``crawl_errors`` kind of a download exception."""
    text = str(exception)
    if isinstance(exception, PausedRequest):
        return "paused"
    if isinstance(exception, (DownloadTimeoutError, tx_error.TimeoutError, TimeoutError)):
        return "timeout"
    if isinstance(exception, (CannotResolveHostError, tx_error.DNSLookupError)):
        return "dns"
    if isinstance(exception, ResponseDataLossError):
        # Twisted gives the way the connection ended next to the data loss: a reset
        # (ConnectionLost) is a connection failure, a clean close before the end a truncated body.
        return "connection" if _reset(exception) else "dataloss"
    if isinstance(exception, DownloadCancelledError) or "DOWNLOAD_MAXSIZE" in text or "maxsize" in text:
        return "too_large"
    if isinstance(exception, IgnoreRequest) and "robots.txt" in text:
        return "robots"
    if isinstance(exception, (DownloadConnectionRefusedError, DownloadFailedError, tx_error.ConnectError,
                              tx_error.ConnectionLost, tx_error.ConnectionDone, ConnectionError)):
        return "connection"
    if isinstance(exception, (zlib.error, UnicodeError)):
        return "decoding"
    return "other"


def _reset(exception: BaseException) -> bool:
    reasons = getattr(exception.__cause__, "reasons", None) or []
    return any(getattr(reason, "check", lambda *_: False)(tx_error.ConnectionLost) for reason in reasons)


def describe(exception: BaseException) -> str:
    text = str(exception)
    if isinstance(exception, ResponseDataLossError) and not text:
        text = ("connection reset before the end of the body" if _reset(exception)
                else "the body ended before its announced Content-Length")
    return f"{type(exception).__name__}: {text}" if text else type(exception).__name__


class FinalErrorsMiddleware:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.allow_all = settings.getbool("HTTPERROR_ALLOW_ALL")
        self.allowed = [int(code) for code in settings.getlist("HTTPERROR_ALLOWED_CODES")]

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        if _robots_txt(request):
            return response  # a site without robots.txt (404) is the common case, not a lost page
        if response.status >= 400 and not request.meta.get(WALL_META) and self._dropped(request, response):
            report_error(self.crawler, request, kind="http", status=response.status,
                         detail=_with_page(request, f"HTTP {response.status}"))
        return response

    def process_exception(self, request, exception):
        kind = classify(exception)
        if isinstance(exception, IgnoreRequest) and kind not in ("paused", "too_large", "robots"):
            return  # offsite, duplicates, requisites archived already: filtering, not errors
        if request.meta.get(REQUISITE_META) and kind in ("too_large", "robots"):
            kind = REQUISITE_SKIPPED  # left out by the caps or by robots.txt: policy, not a loss
        detail = describe(exception)
        report_error(self.crawler, request, kind=kind, detail=detail if kind == REQUISITE_SKIPPED else _with_page(request, detail))
        return

    def _dropped(self, request, response) -> bool:
        """Whether Scrapy's HttpError spider middleware will drop this response (its own rules).

        ``request.meta``, not ``response.meta``: in a downloader middleware the response is not
        tied to its request yet."""
        meta = request.meta
        if meta.get("handle_httpstatus_all", False):
            return False
        if "handle_httpstatus_list" in meta:
            return response.status not in meta["handle_httpstatus_list"]
        if self.allow_all:
            return False
        allowed = getattr(self.crawler.spider, "handle_httpstatus_list", self.allowed)
        return response.status not in allowed


def _with_page(request, detail: str) -> str:
    """A failed page requisite's detail names its kind and page: the next crawl of the site asks for
    it again even when it does not walk that page again (archive.completeness.failed_requisites)."""
    kind, page = request.meta.get(REQUISITE_META), request.meta.get(REQUISITE_PAGE_META)
    return requisite_detail(detail, kind, page) if kind and page else detail


def _robots_txt(request) -> bool:
    """Scrapy's own robots.txt request (RobotsTxtMiddleware marks it ``dont_obey_robotstxt``)."""
    return bool(request.meta.get("dont_obey_robotstxt")) and request.url.split("?")[0].endswith("/robots.txt")


class DecompressionGuard:
    """Record (``too_large``/``decoding``) a compressed body that inflates past DOWNLOAD_MAXSIZE or
    does not decode; the HttpCompression middleware then drops or keeps it as it always does."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        if request.method == "HEAD":
            return response
        encodings = [value.decode("latin-1").strip().lower()
                     for value in response.headers.getlist("Content-Encoding")]
        if not encodings or any(e not in ("gzip", "x-gzip", "deflate") for e in encodings):
            return response
        max_size = request.meta.get("download_maxsize", self.max_size)
        body = response.body
        try:
            for encoding in reversed(encodings):
                body = _inflate(body, encoding, max_size)
        except _TooLarge as exc:
            report_error(self.crawler, request, kind=REQUISITE_SKIPPED if request.meta.get(REQUISITE_META) else "too_large", status=response.status,
                         detail=f"{len(response.body)} B compressed, more than {exc.args[0]} B decompressed "
                                f"(DOWNLOAD_MAXSIZE {max_size} B)")
        except zlib.error as exc:
            report_error(self.crawler, request, kind="decoding", status=response.status,
                         detail=f"Content-Encoding {', '.join(encodings)} does not decode: {exc}")
        return response


class _TooLarge(Exception):
    pass


def _inflate(body: bytes, encoding: str, max_size: int) -> bytes:
    if not body:
        return body
    wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
    try:
        decompressor = zlib.decompressobj(wbits)
        limit = max_size + 1 if max_size else 0
        out = decompressor.decompress(body, limit)
    except zlib.error:
        if encoding != "deflate":
            raise
        decompressor = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
        out = decompressor.decompress(body, max_size + 1 if max_size else 0)
    if max_size and len(out) > max_size:
        raise _TooLarge(max_size)
    return out
