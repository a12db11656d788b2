"""Crawl errors as data: the ``crawl_errors`` table, one row per request that finally failed.

Kinds: ``http`` (a status >= 400 the crawl dropped), ``timeout``, ``connection`` (refused, reset,
closed early), ``dns``, ``dataloss`` (body shorter than announced), ``too_large`` (past
``DOWNLOAD_MAXSIZE``, compressed or not), ``decoding`` (a Content-Encoding that does not decode),
``wall`` (login wall, guest-view limit, bot challenge), ``paused`` (not sent: its site was paused
after a wall), ``robots`` (forbidden by robots.txt), ``spider`` (a callback raised), ``dropped``
(the scheduler refused it), ``offsite_redirect`` (a redirect to another host, not followed),
``bad_redirect`` (to a non-http URL), ``redirect_limit``, ``retry_after_too_long`` (the server
asked to wait past ``ARCHIVE_MAX_BACKOFF``), ``parser`` (fetched, but no parser could read it as
the page it should be), ``incomplete`` (a thread page stored with part of it not read:
parsers/losses.py), ``trap`` (a next page repeating one already read), ``page_cap`` (the
thread's walk stopped at ``ARCHIVE_MAX_THREAD_PAGES``), ``write_failed`` and ``lock_timeout``
(fetched, not archived), ``requisite_skipped`` (a page requisite left out by policy: over
``ARCHIVE_REQUISITE_MAX_BYTES`` or the per-page cap, or forbidden by robots.txt; not a lost page),
``other``.

Every row but ``requisite_skipped`` is a page the crawl wanted and did not store whole: the crawl's exit status and
``forum-archiver check`` (archive/check.py) are computed from them.

A page requisite that failed ends its ``detail`` with "; requisite (KIND) of PAGE"
(:func:`requisite_detail`): the next crawl of its site asks for it again
(``archive.completeness.failed_requisites``) even when it does not walk that page again (a
thread is read on from its last page).

The table is created on demand by :func:`ensure_errors_table`, not by ``archive.store``'s schema,
so archives written before it existed simply gain it on the next crawl.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import sqlite_utils

from archive.database import write_transaction
from archive.store import as_utc_text

TABLE = "crawl_errors"
COLUMNS = {"id": int, "crawl_run_id": str, "url": str, "time": str, "kind": str, "status": int, "detail": str}
KINDS = ("http", "timeout", "connection", "dns", "dataloss", "too_large", "decoding", "wall", "paused",
         "robots", "spider", "dropped", "offsite_redirect", "bad_redirect", "redirect_limit",
         "retry_after_too_long", "parser", "incomplete", "trap", "page_cap", "write_failed", "lock_timeout", "requisite_skipped",
         "other")


REQUISITE_MARK = "; requisite ("
_REQUISITE_OF = re.compile(r"; requisite \((?P<kind>[^)]*)\) of (?P<page>\S+)$")


def requisite_detail(detail: str | None, kind: str, page_url: str) -> str:
    """The ``detail`` of a failed page requisite: what failed, then its kind and page."""
    return f"{detail or 'failed'}{REQUISITE_MARK}{kind}) of {page_url}"


def requisite_of(detail: str | None) -> tuple[str, str] | None:
    """(kind, page URL) of a :func:`requisite_detail`, or None for another error's detail."""
    match = _REQUISITE_OF.search(detail or "")
    return (match["kind"], match["page"]) if match else None


def ensure_errors_table(db: sqlite_utils.Database) -> sqlite_utils.db.Table:
    """The ``crawl_errors`` table, created with its indexes (url, kind) if missing."""
    table = db[TABLE]
    if not table.exists():
        table.create(COLUMNS, pk="id")
    existing = {tuple(index.columns) for index in table.indexes}
    for columns in (["url"], ["kind"], ["crawl_run_id"]):
        if tuple(columns) not in existing:
            table.create_index(columns, if_not_exists=True)
    return table


def record_error(db: sqlite_utils.Database, row: dict) -> int:
    """Insert one error row (``time`` defaults to now, UTC ISO); returns its id."""
    row = {key: row.get(key) for key in COLUMNS if key != "id"}
    if not row["time"]:
        row["time"] = utc_now_text()
    if row["kind"] is None:
        row["kind"] = "other"
    with write_transaction(db):
        table = ensure_errors_table(db)
        table.insert(row)
    return table.last_pk


def utc_now_text() -> str:
    """Now, in the text form the archive uses for times (``archive.store.as_utc_text``)."""
    return as_utc_text(datetime.now(timezone.utc))
