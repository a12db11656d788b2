"""Conditional requests: ask the server whether a page changed since the archive last saw it.

For a GET of a URL the archive already holds a 200 capture of, the newest such capture's
``ETag`` and ``Last-Modified`` (``captures.etag``, ``captures.last_modified``) go out as
``If-None-Match`` and ``If-Modified-Since``. A 304 answer is still archived and ingested (as a
``not_modified`` capture pointing at the capture holding the body); the WARC extension gives the
spider that body's parse, so pagination goes on. ``request.meta["archive_validated"]`` names that
capture; 304 is added to the request's ``handle_httpstatus_list`` so the spider receives it.

Settings: ``ARCHIVE_CONDITIONAL_REQUESTS`` (and ``ARCHIVE_ENABLED``, ``ARCHIVE_DB``). robots.txt is
never made conditional: Scrapy's robots parser needs the body.
"""

from __future__ import annotations

import logging
import sqlite3
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

from archive.completeness import HOLDS_A_LOSS
from archive.database import open_readonly

logger = logging.getLogger(__name__)
_HEADERS = (b"If-None-Match", b"If-Modified-Since")
META = "archive_validated"
# (database, URL) of a request the database held no 200 capture of when it went out: the WARC
# extension, writing that same database, then looks for the capture the response repeats only among
# those still queued for writing, not in the database again (a read that, amid the writer's work,
# cost Scrapy's thread 0.7 ms a page).
UNSEEN_META = "archive_url_unseen"
# Past every URL that starts with a given origin, in SQLite's text order (the URL index's).
_PAST_PREFIX = "\U0010ffff"


class ConditionalRequests:
    def __init__(self, db_path: str, crawler=None) -> None:
        self.db_path = db_path
        self.crawler = crawler
        self._db: sqlite3.Connection | None = None
        self._origins_known: dict[str, bool] = {}  # origin -> the archive held a capture of it at first ask

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not (settings.getbool("ARCHIVE_ENABLED") and settings.getbool("ARCHIVE_CONDITIONAL_REQUESTS")):
            raise NotConfigured
        return cls(settings.get("ARCHIVE_DB"), crawler)

    def process_request(self, request, spider=None):
        request.meta.pop(UNSEEN_META, None)  # a redirect's copy of the meta speaks of another URL
        validated = request.meta.get(META)
        if validated is not None:
            if validated["request_url"] == request.url:
                return None  # already conditional (a retry)
            # A redirect copies the headers of the request it replaces: they were for another URL.
            del request.meta[META]
            for name in _HEADERS:
                request.headers.pop(name, None)
        if request.method != "GET" or request.url.split("?")[0].endswith("/robots.txt"):
            return None
        if any(name in request.headers for name in _HEADERS):
            return None  # the caller set its own
        capture = self._newest_capture(request.url, request)
        if capture is None:
            return None
        if capture["etag"]:
            request.headers[b"If-None-Match"] = capture["etag"]
        if capture["last_modified"]:
            request.headers[b"If-Modified-Since"] = capture["last_modified"]
        request.meta[META] = {**capture["original"], "request_url": request.url}
        spider = spider or getattr(self.crawler, "spider", None)
        allowed = request.meta.get("handle_httpstatus_list", getattr(spider, "handle_httpstatus_list", []))
        if 304 not in allowed:
            request.meta["handle_httpstatus_list"] = [*allowed, 304]
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value("archive/conditional_requests")
        return None

    def _newest_capture(self, url: str, request) -> dict | None:
        """The newest 200 capture of ``url`` with a validator, and the capture holding its body;
        ``request`` is marked (:data:`UNSEEN_META`) when there is no 200 capture of ``url`` at all."""
        db = self.connection()
        if db is None:
            return None
        try:
            if not self._origin_known(db, url):
                request.meta[UNSEEN_META] = (self.db_path, url)
                return None
            row = db.execute(f"select id, etag, last_modified, refers_to, {HOLDS_A_LOSS} as lost "
                             "from captures where url = ? and status = 200 order by captured_at desc limit 1",
                             [url]).fetchone()
            if row is None:
                request.meta[UNSEEN_META] = (self.db_path, url)
                return None
            if not (row["etag"] or row["last_modified"]) or row["lost"]:
                # A page archived with part of it not read (cut short, a post passed over:
                # parsers/losses.py) is fetched whole again, never "not modified".
                return None
            original = db.execute("select id, url, captured_at, warc_file, warc_offset from captures where id = ?",
                                  [row["refers_to"] or row["id"]]).fetchone()
        except sqlite3.Error as exc:
            logger.warning("conditional requests: cannot read %s: %s", self.db_path, exc)
            return None
        if original is None or original["warc_file"] is None:
            return None
        return {"etag": row["etag"], "last_modified": row["last_modified"], "original": dict(original)}

    def _origin_known(self, db: sqlite3.Connection, url: str) -> bool:
        """Whether the archive held any capture of ``url``'s origin when this crawl first asked.

        Why: a first crawl of a board asks once per origin instead of once per request. Each
        lookup lets go of the GIL and waits to get it back from the archive writer's threads,
        0.14 ms a page in the crawl's profile. What the crawl archives itself is not looked up
        again: Scrapy fetches a URL once a run, and a page stored whole instead of as a revisit
        costs bytes, never a page."""
        origin = _origin(url)
        known = self._origins_known.get(origin)
        if known is None:
            # Every URL starting with the origin's text: another host sharing the prefix
            # ("http://a.b" and "http://a.bc") only costs lookups, never a conditional request.
            known = db.execute("select 1 from captures where url >= ? and url < ? limit 1",
                               [origin, origin + _PAST_PREFIX]).fetchone() is not None
            self._origins_known[origin] = known
        return known

    def connection(self) -> sqlite3.Connection | None:
        """The middleware's read-only connection to the archive, opened on first use (None when
        there is no database yet)."""
        if self._db is None:
            self._db = open_readonly(self.db_path)
        return self._db


def _origin(url: str) -> str:
    """``scheme://host[:port]`` of an absolute URL, as it is written at the start of the URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
