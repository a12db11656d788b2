"""Take session ids out of URLs before they are fetched, archived and deduplicated.

Forum engines that do not trust the client to keep a cookie put the session id in every link,
and a guest crawler gets a new one on every page. Each variant of a page is then a new URL to
Scrapy's duplicate filter, to the WARC and to the archive: the same page is fetched and stored
again and again. :class:`SessionIdMiddleware` runs first among the downloader middlewares
(priority 25): a request whose URL carries a session id is checked against the scheduler's
duplicate filter under its cleaned URL. A page already scheduled or fetched is dropped there and
then (IgnoreRequest, counted as ``session_ids/duplicates``: not a lost page, so no ``crawl_errors``
row); any other is answered with the same request at the cleaned URL, which Scrapy sends back
through the scheduler (``dont_filter``, as the filter has just recorded it). The WARC and the
archive only ever see canonical URLs. Each rewrite is counted (``session_ids/stripped``).

Which parameters are session ids (docs/settings.md):

- ``ARCHIVE_SESSION_PARAMS``: names that are a session id whatever their value: PHP's
  ``PHPSESSID`` (SMF, MyBB and PHP sites with ``session.use_trans_sid``), ``sessionid``,
  ``SESSID``, ``osCsid`` (osCommerce), ``jsessionid`` (Java servlets, also as the path parameter
  ``/page;jsessionid=...``);
- ``ARCHIVE_SESSION_TOKEN_PARAMS``: short names that are a session id only when the value looks like
  one, 32 hex digits (the MD5 the engines use): ``s`` (vBulletin 3/4, IP.Board 1-3) and ``sid``
  (phpBB). Elsewhere ``s=`` is a search (WordPress ``?s=term``) and ``sid`` a story or section id,
  which must stay.

Names match without case. Query parameters are split on ``&`` and, as SMF writes them, on ``;``;
everything else in the URL, the order and spelling of other parameters included, is left as it is.
``utm_*`` and ``_ga`` are not session ids: they are left alone.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote, urlsplit, urlunsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured

logger = logging.getLogger(__name__)

SESSION_TOKEN = re.compile(r"[0-9a-fA-F]{32}")


class SessionParams:
    """The session-id parameter names, and the rule for each: any value, or 32-hex values only."""

    def __init__(self, any_value: list[str], token_only: list[str]) -> None:
        self.any_value = {name.strip().lower() for name in any_value if name.strip()}
        self.token_only = {name.strip().lower() for name in token_only if name.strip()}

    def __bool__(self) -> bool:
        return bool(self.any_value or self.token_only)

    def is_session_id(self, name: str, value: str) -> bool:
        name = unquote(name).strip().lower()
        if name in self.any_value:
            return True
        return name in self.token_only and SESSION_TOKEN.fullmatch(unquote(value).strip()) is not None


def strip_session_ids(url: str, params: SessionParams) -> str:
    """``url`` without its session-id query parameters and ``;name=value`` path parameters."""
    parts = urlsplit(url)
    path = _strip_path_params(parts.path, params)
    query = "&".join(kept for kept in (_strip_segments(piece, params) for piece in parts.query.split("&")) if kept)
    if path == parts.path and query == parts.query:
        return url
    return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment))


def _strip_segments(piece: str, params: SessionParams) -> str:
    """One ``&``-separated query piece without its session ids; SMF joins parameters with ``;``."""
    segments = piece.split(";")
    kept = [segment for segment in segments if not _is_session_pair(segment, params)]
    return ";".join(kept) if len(kept) != len(segments) else piece


def _is_session_pair(pair: str, params: SessionParams) -> bool:
    name, _, value = pair.partition("=")
    return bool(name) and params.is_session_id(name, value)


def _strip_path_params(path: str, params: SessionParams) -> str:
    """``/a;jsessionid=X/b`` -> ``/a/b``: session ids given as path parameters."""
    if ";" not in path:
        return path
    segments = []
    for segment in path.split("/"):
        head, *path_params = segment.split(";")
        kept = [p for p in path_params if not _is_session_pair(p, params)]
        segments.append(";".join([head, *kept]))
    return "/".join(segments)


class SessionIdMiddleware:
    def __init__(self, crawler, params: SessionParams) -> None:
        self.crawler = crawler
        self.params = params

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        params = SessionParams(settings.getlist("ARCHIVE_SESSION_PARAMS"),
                               settings.getlist("ARCHIVE_SESSION_TOKEN_PARAMS"))
        if not params:
            raise NotConfigured
        return cls(crawler, params)

    def process_request(self, request):
        canonical_url = strip_session_ids(request.url, self.params)
        if canonical_url == request.url:
            return None
        self.crawler.stats.inc_value("session_ids/stripped")
        canonical = request.replace(url=canonical_url)
        if not request.dont_filter:
            if self.seen_before(canonical):
                self.crawler.stats.inc_value("session_ids/duplicates")
                raise IgnoreRequest(f"{request.url} is {canonical_url} with a session id: fetched already")
            canonical = canonical.replace(dont_filter=True)
        logger.debug("session id taken out: %s -> %s", request.url, canonical_url)
        return canonical

    def seen_before(self, request) -> bool:
        """Whether the scheduler's duplicate filter knows ``request`` (and from now on it does).

        Asked here, not left to the scheduler, because a request the scheduler refuses is
        reported as dropped (``request_dropped``), and a session-id variant is no lost page."""
        scheduler = getattr(self.crawler.engine, "scheduler", None)
        dupefilter = getattr(scheduler, "df", None)  # Scrapy's Scheduler; another may have none
        return dupefilter is not None and dupefilter.request_seen(request)
