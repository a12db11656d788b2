"""``scrapy crawl``, with an exit status that says whether anything was lost.

Scrapy's own ``crawl`` exits 0 whenever the spider started, even when pages failed or the crawl
was stopped half-way; cron and Scrapyd users would never hear of the gap. This one reads the run's
stats when it ends and, when anything was lost, prints one line to stderr and exits non-zero:

- **0**: the crawl finished and every page it wanted was stored;
- **1**: it finished, but some pages (or page requisites) were not stored (each is a ``crawl_errors`` row, and the
  next ordinary run fetches the thread's missing pages again);
- **3**: it was stopped before the end (the archive could not be written, was locked by another
  process, or any other finish reason than ``finished``).

Requisites left out by policy (``requisite_skipped``: over a cap, or forbidden by robots.txt) are
recorded but are no loss: they do not change the exit status.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.requisites import SKIPPED as REQUISITE_SKIPPED

EXIT_PAGES_LOST = 1
EXIT_STOPPED = 3
# Stats under errors/ that are no lost page: the total, and requisites left out by policy (caps, robots).
NOT_LOSSES = ("errors/count", f"errors/{REQUISITE_SKIPPED}")


@dataclass
class CrawlOutcome:
    """What a finished run's stats say was lost."""

    finish_reason: str | None
    errors: dict[str, int]  # crawl_errors kind -> pages
    lost_writes: int  # pages fetched but not archived (disk full, locked database)

    @classmethod
    def from_stats(cls, stats: dict) -> CrawlOutcome:
        errors = {key.removeprefix("errors/"): value for key, value in stats.items()
                  if key.startswith("errors/") and key not in NOT_LOSSES and value}
        return cls(stats.get("finish_reason"), errors, int(stats.get("archive/lost_pages") or 0))

    @property
    def lost(self) -> int:
        return sum(self.errors.values()) + self.lost_writes

    @property
    def exit_status(self) -> int:
        if self.finish_reason != "finished":
            return EXIT_STOPPED
        return EXIT_PAGES_LOST if self.lost else 0

    def summary(self) -> str:
        """One line for stderr: how many pages were lost and why."""
        kinds = [f"{count} {kind}" for kind, count in sorted(self.errors.items())]
        if self.lost_writes:
            kinds.append(f"{self.lost_writes} not archived")
        what = f"{self.lost} page(s) lost ({', '.join(kinds)})" if self.lost else "no page lost"
        if self.finish_reason != "finished":
            # Stopped early: the pages it had not reached yet are counted nowhere ("no page lost"
            # said otherwise); check lists the run until one of its spider finishes.
            what = f"stopped before the end, {what} besides the pages not reached yet"
        return (f"forum-archiver: crawl {self.finish_reason or 'did not finish'}: {what}; "
                "the crawl_errors table and `forum-archiver check` list them")


class Command(ScrapyCrawlCommand):
    def run(self, args, opts) -> None:
        if len(args) != 1:
            raise UsageError("name exactly one spider: scrapy crawl forum|news ...")
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        outcome = CrawlOutcome.from_stats(crawler.stats.get_stats())
        self.exitcode = outcome.exit_status
        if self.exitcode:
            print(outcome.summary(), file=sys.stderr, flush=True)
