"""Redirects that stay on the crawled site, and redirects that fail visibly.

Scrapy's redirect middlewares follow a ``Location`` (or a ``<meta http-equiv="refresh">``)
wherever it points, and give up on a chain past ``REDIRECT_MAX_TIMES`` or on a ``javascript:``,
``mailto:`` or ``ftp://`` target without a trace in ``crawl_errors`` (a ``javascript:`` target even
logs a traceback). The two subclasses here replace them (same priorities, 600 and 580) and record
each of these as a ``crawl_errors`` row instead, through :func:`report_error`:

- ``offsite_redirect``: a hop to another site than the one the chain started on (the first URL of
  ``redirect_urls``, else the request's own), not followed. A forum that redirects a thread to an
  ad server, a login portal or a parked domain would otherwise have those pages archived as the
  thread. ``ARCHIVE_FOLLOW_OFFSITE_REDIRECTS`` follows them anyway; ``ARCHIVE_REDIRECT_HOSTS``
  names sites that redirects may lead to (a forum's new domain);
- ``bad_redirect``: a target that is not http(s), not followed;
- ``redirect_limit``: more hops than ``REDIRECT_MAX_TIMES`` (a loop, most often).

The same site (:func:`same_site`) means the same host name, compared without case, without one
leading ``www.``, and whatever the scheme and port: ``http://example.com/t/1`` ->
``https://www.example.com/t/1`` is the forum moving to https, and is followed;
``forum.example.com`` -> ``example.com`` is not (another host, though the same registrable domain).
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_meta_refresh
from w3lib.url import safe_url_string

from crawler.extensions.crawl_errors import report_error

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
FOLLOWED_SCHEMES = ("http", "https")


def site_host(url: str) -> str:
    """The host name that identifies ``url``'s site: lower case, one leading ``www.`` removed."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def same_site(url: str, other_url: str) -> bool:
    """Whether two URLs are on the same site (:func:`site_host`; scheme and port do not count)."""
    return site_host(url) == site_host(other_url)


def chain_start(request) -> str:
    """The URL the redirect chain of ``request`` started from."""
    return (request.meta.get("redirect_urls") or [request.url])[0]


class RedirectPolicy:
    """Which redirect targets are followed: http(s) only, on the chain's own site unless allowed."""

    def __init__(self, follow_offsite: bool, allowed_hosts: list[str]) -> None:
        self.follow_offsite = follow_offsite
        self.allowed_hosts = [host.strip().lower().removeprefix("www.") for host in allowed_hosts if host.strip()]

    @classmethod
    def from_settings(cls, settings) -> RedirectPolicy:
        return cls(settings.getbool("ARCHIVE_FOLLOW_OFFSITE_REDIRECTS"), settings.getlist("ARCHIVE_REDIRECT_HOSTS"))

    def refusal(self, request, target: str) -> tuple[str, str] | None:
        """``(kind, detail)`` when the hop from ``request`` to ``target`` must not be followed."""
        scheme = urlsplit(target).scheme.lower()
        if scheme not in FOLLOWED_SCHEMES:
            return "bad_redirect", f"redirect from {request.url} to {target!r}: not an http(s) URL, not followed"
        start = chain_start(request)
        if self.follow_offsite or same_site(start, target) or self._allowed(target):
            return None
        return ("offsite_redirect", f"redirect from {request.url} to {target}: another host than {site_host(start)} "
                                    f"(the chain started at {start}), not followed")

    def _allowed(self, target: str) -> bool:
        host = site_host(target)
        return any(host == allowed or host.endswith("." + allowed) for allowed in self.allowed_hosts)


def location_target(request, response) -> str | None:
    """The absolute URL a 3xx response's ``Location`` points to, resolved as Scrapy resolves it."""
    if response.status not in REDIRECT_STATUSES or b"Location" not in response.headers:
        return None
    raw = response.headers[b"Location"]
    location = safe_url_string(raw)
    if raw.startswith(b"//"):
        location = urlsplit(request.url).scheme + "://" + location.lstrip("/")
    return urljoin(request.url, location)


def redirect_limit_detail(request, max_times: int) -> str:
    hops = [*request.meta.get("redirect_urls", []), request.url]
    return (f"more than REDIRECT_MAX_TIMES ({max_times}) redirects, from {hops[0]}; "
            f"gave up at {request.url}")


class RedirectRefusals:
    """Records a refused or failed redirect (``crawl_errors`` row, stats) and stops the request."""

    def __init__(self, crawler, policy: RedirectPolicy) -> None:
        self.crawler = crawler
        self.policy = policy

    def check(self, request, response, target: str) -> None:
        """Raise IgnoreRequest, after recording why, when the hop to ``target`` is refused."""
        refusal = self.policy.refusal(request, target)
        if refusal is None:
            return
        kind, detail = refusal
        self.stop(request, response, kind, detail)

    def stop(self, request, response, kind: str, detail: str) -> None:
        self.crawler.stats.inc_value(f"redirects/{kind}")
        logger.warning("%s", detail)
        report_error(self.crawler, request, kind=kind, status=response.status, detail=detail)
        # Scrapy logs an IgnoreRequest from a downloader middleware without a traceback.
        raise IgnoreRequest(detail)


class SameSiteRedirectMiddleware(RedirectMiddleware):
    """Scrapy's RedirectMiddleware, following 3xx hops only within the site (:class:`RedirectPolicy`)."""

    @classmethod
    def from_crawler(cls, crawler):
        middleware = super().from_crawler(crawler)
        middleware.refusals = RedirectRefusals(crawler, RedirectPolicy.from_settings(crawler.settings))
        return middleware

    def process_response(self, request, response):
        if self.follows(request, response):
            target = location_target(request, response)
            if target is not None:
                self.refusals.check(request, response, target)
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            # The only IgnoreRequest RedirectMiddleware raises: the chain is too long.
            self.refusals.stop(request, response, "redirect_limit",
                               redirect_limit_detail(request, self.max_redirect_times))

    def follows(self, request, response) -> bool:
        """Whether Scrapy's RedirectMiddleware would act on this response (its own conditions)."""
        handled = getattr(self.crawler.spider, "handle_httpstatus_list", ())
        return not (request.meta.get("dont_redirect", False) or response.status in handled
                    or response.status in request.meta.get("handle_httpstatus_list", ())
                    or request.meta.get("handle_httpstatus_all", False))


class SameSiteMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware, following a ``<meta http-equiv="refresh">`` only within the
    site and only to http(s) (:class:`RedirectPolicy`)."""

    @classmethod
    def from_crawler(cls, crawler):
        middleware = super().from_crawler(crawler)
        middleware.refusals = RedirectRefusals(crawler, RedirectPolicy.from_settings(crawler.settings))
        middleware.ignore_tags = crawler.settings.getlist("METAREFRESH_IGNORE_TAGS")
        middleware.max_delay = crawler.settings.getint("METAREFRESH_MAXDELAY")
        return middleware

    def process_response(self, request, response):
        target = self.refresh_target(request, response)
        if target is not None:
            self.refusals.check(request, response, target)
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            self.refusals.stop(request, response, "redirect_limit",
                               redirect_limit_detail(request, self.max_redirect_times))

    def refresh_target(self, request, response) -> str | None:
        """The URL a meta refresh that Scrapy's MetaRefreshMiddleware would follow points to."""
        if (request.meta.get("dont_redirect", False) or request.method == "HEAD"
                or not isinstance(response, HtmlResponse)
                or urlsplit(request.url).scheme not in FOLLOWED_SCHEMES):
            return None
        interval, url = get_meta_refresh(response, ignore_tags=self.ignore_tags)
        if not url or interval >= self.max_delay:
            return None
        return url
