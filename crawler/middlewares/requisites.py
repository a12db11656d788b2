"""Skip page requisites the archive already holds, and record the ones policy leaves out.

A thread re-crawled every hour names the same avatars, icons and stylesheets on every page; once
one is archived (a 200 capture, or a definitive 401/403/404/410/451 answer) it is not fetched
again, so a re-crawl costs what changed. A requisite that failed before (no such capture) is tried
again: that is how the next run fills the gap. Counted in the stats as
``archive/requisites_already_archived``.

Sits before the conditional-requests middleware (555 < 560), so an archived requisite is dropped
before any conditional header is added.
"""

from __future__ import annotations

import logging
import sqlite3

from scrapy.exceptions import IgnoreRequest, NotConfigured

from archive.database import open_readonly
from crawler.requisites import FINAL_STATUSES, META

logger = logging.getLogger(__name__)


class AlreadyArchived(IgnoreRequest):
    """A requisite the archive already holds: not fetched again (not an error)."""


class RequisiteFilter:
    def __init__(self, db_path: str, stats=None) -> None:
        self.db_path = db_path
        self.stats = stats
        self._db: sqlite3.Connection | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not (settings.getbool("ARCHIVE_ENABLED") and settings.getbool("ARCHIVE_REQUISITES")):
            raise NotConfigured
        return cls(settings.get("ARCHIVE_DB"), crawler.stats)

    def process_request(self, request, spider=None):
        if not request.meta.get(META) or not self._archived(request.url):
            return None
        if self.stats is not None:
            self.stats.inc_value("archive/requisites_already_archived")
        raise AlreadyArchived(f"{request.url} is archived already")

    def _archived(self, url: str) -> bool:
        if self._db is None:
            self._db = open_readonly(self.db_path)
            if self._db is None:
                return False  # no archive yet: nothing is archived
        statuses = ", ".join(str(status) for status in (200, *FINAL_STATUSES))
        try:
            return self._db.execute(f"select 1 from captures where url = ? and status in ({statuses}) limit 1",
                                    [url]).fetchone() is not None
        except sqlite3.Error as exc:
            logger.warning("requisites: cannot read %s (%s); fetching %s", self.db_path, exc, url)
            return False
