"""``forum-archiver check``: is the archive whole? Threads with gaps, and errors not filled since.

Meant for cron and for a person after a crawl: exit status 0 when every thread has all its pages
(and, where the engine shows a reply count, all its posts), every recorded crawl error has
been filled by a later capture, and no crawl run was killed or stopped with no finished run of
its spider after it; 1 otherwise. A plain re-crawl of the incomplete threads fetches
the missing pages (archive/completeness.py), after which ``check`` says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from archive import bulk_load
from archive.completeness import ThreadCompleteness, thread_completeness, unfinished_runs, unresolved_errors
from archive.database import open_archive


@dataclass
class CheckReport:
    threads: list[ThreadCompleteness]
    open_errors: list[dict]
    # A replay's bulk load cut short (archive/bulk_load.py): full-text indexes and repost links wait for
    # the next replay, and rows written meanwhile are neither searchable nor linked until it runs.
    unfinished_bulk_load: bool = False
    # Crawl runs killed or stopped before the end, not followed by a finished run of their spider
    # (archive/completeness.py): the pages they had not reached are in no other row.
    unfinished_runs: list[dict] = field(default_factory=list)

    @property
    def incomplete(self) -> list[ThreadCompleteness]:
        return [thread for thread in self.threads if not thread.complete]

    @property
    def complete(self) -> bool:
        return (not self.incomplete and not self.open_errors and not self.unfinished_bulk_load
                and not self.unfinished_runs)

    def render(self, show_complete: bool = False) -> str:
        lines = []
        for thread in self.threads:
            if show_complete or not thread.complete:
                mark = "complete  " if thread.complete else "INCOMPLETE"
                lines.append(f"{mark} {thread.thread_id} {thread.title or ''}\n           {thread.url or ''}: "
                             f"{thread.describe()}")
        for error in self.open_errors:
            lines.append(f"NOT FILLED {error['kind']}: {error['url']} ({error['times']}x, last {error['time']}): "
                         f"{error['detail'] or ''}")
        for run in self.unfinished_runs:
            how = (f"stopped ({run['finish_reason']})" if run["finish_reason"]
                   else "never finished (killed, or still running)")
            started_on = f" on {', '.join(run['start_points'])}" if run["start_points"] else ""
            lines.append(f"UNFINISHED CRAWL {run['id']} ({run['spider']}, started {run['started_at']}{started_on}): "
                         f"{how}; the pages it had not reached are not listed: run the crawl again")
        if self.unfinished_bulk_load:
            lines.append("UNFINISHED REPLAY: a replay into this archive was cut short; its full-text indexes and "
                         "repost links are not built yet: run the same `forum-archiver replay` again")
        kinds = Counter(error["kind"] for error in self.open_errors)
        lines.append(f"{len(self.incomplete)} of {len(self.threads)} thread(s) incomplete; "
                     f"{len(self.open_errors)} crawl error(s) not filled since"
                     + (f" ({', '.join(f'{n} {kind}' for kind, n in sorted(kinds.items()))})" if kinds else "")
                     + (f"; {len(self.unfinished_runs)} crawl run(s) not finished" if self.unfinished_runs else "")
                     + ("" if self.complete else "; a plain re-crawl of these threads fetches what is missing"))
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict:
        return {"complete": self.complete, "unfinished_bulk_load": self.unfinished_bulk_load, "threads": [thread.to_dict() for thread in self.threads],
                "incomplete_threads": len(self.incomplete), "open_errors": self.open_errors,
                "unfinished_runs": self.unfinished_runs}


def check_archive(db_path: str | Path) -> CheckReport:
    db = open_archive(str(db_path))
    try:
        return CheckReport(thread_completeness(db), unresolved_errors(db), db[bulk_load.MARKER].exists(),
                           unfinished_runs(db))
    finally:
        db.close()
