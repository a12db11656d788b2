"""The CDXJ index replay tools read this archive by: one line per capture, sorted.

Built with ``cdxj_indexer`` (webrecorder's indexer, the one py-wacz uses), for the WACZ package
(archive/wacz.py) and for the pywb of ``serve --replay`` (archive/pywb_replay.py) alike, with one
thing left out: a 304's server-not-modified revisit that has a replay copy beside it
(archive/warc_writer.py). The two share URL and second, and ReplayWeb.page keeps one capture per
URL and timestamp, the last line read: the 304's, which replays as nothing. The 304 record stays
in the WARC (the wire truth); the index points replay at its copy. A 304 without a copy (its
confirmed capture could not be read when it was written) stays listed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_index(warcs: Iterable[str | os.PathLike], out: str | os.PathLike, dir_root: str | None = None,
                digest_records: bool = False) -> int:
    """Write the sorted CDXJ index of ``warcs`` to ``out``; return its lines.

    POST requests get their bodies appended to the key (``post_append``), as pywb and py-wacz do,
    so a replayed form or API call finds its own capture. ``dir_root``: the ``filename`` fields are
    relative to it (else the files' names); ``digest_records``: each line carries its record's sha256.
    """
    from cdxj_indexer.main import CDXJIndexer

    with tempfile.TemporaryDirectory(prefix="forum-archiver-cdxj-") as scratch:
        raw = Path(scratch) / "all.cdxj"
        CDXJIndexer(str(raw), [str(w) for w in sorted(map(str, warcs))], sort=True, post_append=True,
                    fields="referrer", dir_root=dir_root, digest_records=digest_records).process_all()
        lines = raw.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = without_copied_not_modified(lines)
    Path(out).write_text("".join(kept), encoding="utf-8")
    return len(kept)


def without_copied_not_modified(lines: list[str]) -> list[str]:
    """``lines`` (sorted CDXJ) without the 304 revisits that have a 200 revisit at their URL and second."""
    copies = {_key(line) for line in lines if _fields(line).get("status") == "200" and _revisit(line)}
    return [line for line in lines
            if not (_revisit(line) and _fields(line).get("status") == "304" and _key(line) in copies)]


def _key(line: str) -> tuple[str, str, str]:
    urlkey, timestamp, _ = line.split(" ", 2)
    return urlkey, timestamp, _fields(line).get("url", "")


def _revisit(line: str) -> bool:
    return _fields(line).get("mime") == "warc/revisit"


def _fields(line: str) -> dict:
    try:
        return json.loads(line.split(" ", 2)[2])
    except (IndexError, ValueError):
        return {}
