"""Reading archived responses back out of WARC files, with their positions.

Yields one :class:`ArchivedResponse` per ``response`` record: the raw body as archived, the
HTTP headers, and the record's file, offset and length, so every database row can cite it.
A truncated or corrupt file ends the iteration with a :class:`WarcReadError` carrying how far
reading got; the records before that point have already been yielded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from parsers.dates import parse_iso


class WarcReadError(Exception):
    """A WARC file could not be read to its end."""


@dataclass
class ArchivedResponse:
    warc_file: str
    offset: int
    length: int
    record_id: str
    url: str
    captured_at: datetime
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    payload_digest: str | None
    ip_address: str | None
    engine: str | None = None  # the parser the crawl forced (warcinfo "parser"), or None to detect
    outlets: tuple[str, ...] = ()  # extra news outlets the crawl recognised (warcinfo "news-outlets")

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


def iter_responses(path: str | os.PathLike) -> Iterator[ArchivedResponse]:
    """Every HTTP ``response`` record of one WARC file, in file order."""
    name = os.path.basename(path)
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh, arc2warc=False)
        engine, outlets = None, ()
        try:
            for record in records:
                if record.rec_type == "warcinfo":
                    block = record.content_stream().read()
                    engine = _warcinfo_field(block, "parser") or engine
                    listed = _warcinfo_field(block, "news-outlets")
                    outlets = tuple(n.strip() for n in listed.split(";") if n.strip()) if listed else outlets
                    continue
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                body = record.raw_stream.read()
                missing = getattr(record.raw_stream, "limit", 0)
                if missing:
                    raise WarcReadError(f"{name}: record {record.rec_headers.get_header('WARC-Record-ID')} "
                                        f"is truncated ({missing} bytes missing); unreadable after offset "
                                        f"{records.get_record_offset()}")
                records.read_to_end(record)
                headers = record.rec_headers
                yield ArchivedResponse(
                    warc_file=name,
                    offset=records.get_record_offset(),
                    length=records.get_record_length(),
                    record_id=headers.get_header("WARC-Record-ID"),
                    url=headers.get_header("WARC-Target-URI"),
                    captured_at=parse_iso(headers.get_header("WARC-Date")),
                    status=int(record.http_headers.get_statuscode() or 0),
                    headers=list(record.http_headers.headers),
                    body=body,
                    payload_digest=headers.get_header("WARC-Payload-Digest"),
                    ip_address=headers.get_header("WARC-IP-Address"),
                    engine=engine,
                    outlets=outlets,
                )
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            raise WarcReadError(f"{name}: unreadable after offset {fh.tell()}: {exc}") from exc


def _warcinfo_field(block: bytes, name: str) -> str | None:
    """One field of a warcinfo record's ``application/warc-fields`` block."""
    for line in block.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == name:
            return value.strip() or None
    return None
