"""Reading archived responses back out of WARC files, with their positions.

Yields one :class:`ArchivedResponse` per ``response`` or ``revisit`` record: the raw body as
archived, the HTTP headers, and the record's file, offset and length, so every database row can
cite it. A revisit (identical payload, or a 304 "server not modified") has no body of its own and
names the record it repeats in ``refers_to``; ``resolve_revisits=True`` fills its body from that
record, looked up by record id in the WARC files beside it.
The *replay copy* the writer puts beside a 304's server-not-modified revisit (a 200 revisit of
the confirmed capture, ``WARC-Concurrent-To`` the 304 record, there for pywb and ReplayWeb.page;
see ``archive.warc_writer``) is not a capture of its own and is not yielded.
A truncated or corrupt file ends the iteration with a :class:`WarcReadError` carrying how far
reading got; the records before that point have already been yielded.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.warc_writer import NOT_MODIFIED_PROFILE, REVISIT_PROFILE
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
    record_type: str = "response"  # or "revisit"
    refers_to: str | None = None  # a revisit's WARC-Refers-To: the record id of the response it repeats
    profile: str | None = None  # a revisit's WARC-Profile

    @property
    def is_revisit(self) -> bool:
        return self.record_type == "revisit"

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


def iter_responses(path: str | os.PathLike, resolve_revisits: bool = False,
                   originals: Iterable[str | os.PathLike] | None = None) -> Iterator[ArchivedResponse]:
    """Every HTTP ``response`` and ``revisit`` record of one WARC file, in file order.

    :param resolve_revisits: give each revisit the body (and payload digest) of the response it
        refers to, found by record id in ``originals`` (default: the WARC files in the same folder)
    """
    name = os.path.basename(path)
    index = _OriginalIndex(path, originals) if resolve_revisits else None
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh, arc2warc=False)
        engine, outlets = None, ()
        not_modified: set[str] = set()  # record ids of the 304 revisits read so far in this file
        start = end = 0  # where the last whole record starts and ends
        try:
            for record in records:
                if record.rec_type is None or record.length is None or _headless_http(record):  # a header cut short
                    raise WarcReadError(f"{name}: unreadable after offset {end}: a record header is cut short "
                                        "(a torn tail: `forum-archiver warc repair` trims it)")
                capture = (record.rec_type in ("response", "revisit") and record.http_headers is not None
                           and not (record.rec_type == "revisit" and is_replay_copy(record.rec_headers, not_modified)))
                if record.rec_type == "warcinfo":
                    block = record.content_stream().read()
                    engine = _warcinfo_field(block, "parser") or engine
                    listed = _warcinfo_field(block, "news-outlets")
                    outlets = tuple(n.strip() for n in listed.split(";") if n.strip()) if listed else outlets
                # Every record is read to its end, captures or not: a tear anywhere is found.
                body = record.raw_stream.read() if capture else _drain(record.raw_stream)
                _check_whole(record, records, name)
                records.read_to_end(record)
                start = records.get_record_offset()
                end = start + records.get_record_length()
                if not capture:
                    continue
                response = _archived(record, name, records.get_record_offset(), records.get_record_length(),
                                     body, engine, outlets)
                if response.profile == NOT_MODIFIED_PROFILE:
                    not_modified.add(response.record_id)
                if index is not None:
                    index.seen(response, path)
                    if response.is_revisit and response.refers_to:
                        original = index.find(response.refers_to)
                        if original is not None:
                            response.body = original.body
                            response.payload_digest = response.payload_digest or original.payload_digest
                yield response
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, KeyError, IndexError) as exc:
            # (warcio raises AttributeError and the like on a record header cut in the middle.)
            raise WarcReadError(f"{name}: unreadable after offset {fh.tell()}: {exc}") from exc
        _check_tail(fh, end, name)
        _check_last_member(fh, start, end, name)


def _headless_http(record) -> bool:
    """An HTTP response or revisit record without its HTTP headers: its WARC header block was cut."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    return record.rec_type in ("response", "revisit") and record.http_headers is None and uri.startswith("http")


def _drain(stream) -> bytes:
    while stream.read(BLOCK):
        pass
    return b""


def _check_tail(fh, end: int, name: str) -> None:
    """Raise :class:`WarcReadError` when bytes after the last whole record are not a record.

    warcio ends its iteration quietly at a gzip member cut short (a crash mid-write, a copy
    interrupted), so the records lost there would go unnoticed: what follows the last record
    read whole must be nothing, or the blank lines an uncompressed WARC ends with."""
    size = os.fstat(fh.fileno()).st_size
    if end >= size:
        return
    fh.seek(end)
    if fh.read(min(size - end, 1 << 20)).strip(b"\r\n"):
        raise WarcReadError(f"{name}: unreadable after offset {end}: the last {size - end} bytes are not a whole "
                            "record (a torn tail: `forum-archiver warc repair` trims it)")


def _check_last_member(fh, start: int, end: int, name: str) -> None:
    """Raise :class:`WarcReadError` when the file's last gzip member lacks its end.

    A cut in the last dozen bytes of a member (the record's closing blank lines and the gzip
    trailer) leaves warcio a whole-looking record and nothing after it, so the cut, and every
    record that followed it, would pass unnoticed: the member must decompress to its end."""
    if end <= start:
        return
    fh.seek(start)
    head = fh.read(2)
    if head != b"\x1f\x8b":  # an uncompressed file: a record read whole is whole
        return
    fh.seek(start)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while not inflater.eof and fh.tell() < end:
            inflater.decompress(fh.read(min(BLOCK, end - fh.tell())), BLOCK)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, BLOCK)
    except zlib.error as exc:
        raise WarcReadError(f"{name}: unreadable after offset {start}: {exc}") from exc
    if not inflater.eof:
        raise WarcReadError(f"{name}: unreadable after offset {start}: the last record's gzip member is cut "
                            "short (a torn tail: `forum-archiver warc repair` trims it)")


BLOCK = 1 << 16


def _check_whole(record, records, name: str) -> None:
    """Raise :class:`WarcReadError` when the record's block ended before its Content-Length."""
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise WarcReadError(f"{name}: record {record.rec_headers.get_header('WARC-Record-ID')} "
                            f"is truncated ({missing} bytes missing); unreadable after offset "
                            f"{records.get_record_offset()}")


def is_replay_copy(warc_headers, not_modified: set[str]) -> bool:
    """Whether a revisit record is the replay copy of a 304 revisit among ``not_modified``."""
    return (warc_headers.get_header("WARC-Profile") == REVISIT_PROFILE
            and warc_headers.get_header("WARC-Concurrent-To") in not_modified)


def read_response_at(path: str | os.PathLike, offset: int) -> ArchivedResponse:
    """The response (or revisit) record starting at ``offset`` of WARC file ``path``."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        records = ArchiveIterator(fh, arc2warc=False)
        record = next(iter(records))
        body = record.raw_stream.read()
        records.read_to_end(record)
        return _archived(record, os.path.basename(path), offset, records.get_record_length(), body, None, ())


def _archived(record, name: str, offset: int, length: int, body: bytes, engine, outlets) -> ArchivedResponse:
    headers = record.rec_headers
    return ArchivedResponse(
        warc_file=name,
        offset=offset,
        length=length,
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
        record_type=record.rec_type,
        refers_to=headers.get_header("WARC-Refers-To"),
        profile=headers.get_header("WARC-Profile"),
    )


class _OriginalIndex:
    """Where each response record is (record id to file and offset), for resolving revisits."""

    def __init__(self, path, originals) -> None:
        if originals is None:
            folder = Path(path).resolve().parent
            originals = sorted(folder.glob("*.warc.gz")) + sorted(folder.glob("*.warc"))
        self.pending = [Path(p) for p in originals]
        self.where: dict[str, tuple[Path, int]] = {}

    def seen(self, response: ArchivedResponse, path) -> None:
        if not response.is_revisit:
            self.where[response.record_id] = (Path(path), response.offset)

    def find(self, record_id: str) -> ArchivedResponse | None:
        while record_id not in self.where and self.pending:
            self._scan(self.pending.pop(0))
        if record_id not in self.where:
            return None
        path, offset = self.where[record_id]
        return read_response_at(path, offset)

    def _scan(self, path: Path) -> None:
        try:
            with open(path, "rb") as fh:
                records = ArchiveIterator(fh, arc2warc=False)
                for record in records:
                    if record.rec_type == "response":
                        self.where.setdefault(record.rec_headers.get_header("WARC-Record-ID"),
                                              (path, records.get_record_offset()))
        except (ArchiveLoadFailed, EOFError, OSError, ValueError):
            pass  # a torn file: what was indexed before the tear stays usable


def _warcinfo_field(block: bytes, name: str) -> str | None:
    """One field of a warcinfo record's ``application/warc-fields`` block."""
    for line in block.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == name:
            return value.strip() or None
    return None
