"""Writing HTTP exchanges to rotating, gzip-per-record WARC/1.1 files with warcio.

Each file opens with a ``warcinfo`` record. An exchange is a ``request`` and a ``response``
record joined by ``WARC-Concurrent-To`` (the response may be a ``revisit`` record instead, when the
caller says which earlier record it repeats); a file is only rotated between exchanges, so a pair is
never split. Digests are computed by warcio. The clock and the record-ID source are injectable
so tests can pin them; a caller that must know a record's ID and date before it is written (to
parse the page with the capture time replay will read back) passes them to ``write_exchange``.

Each record is its own gzip member, compressed at ``gzip_level``: warcio's own wrapper hard-codes
level 9, which on forum pages takes 1.2 to 3 times the CPU of level 6 for files at most 3% smaller.
"""

from __future__ import annotations

import base64
import hashlib
import os
import random
import socket
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import Callable

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_VERSION = "WARC/1.1"
# The body Scrapy hands over has its chunked framing removed, so this header no longer
# describes it; it is kept under the name pywb uses for rewritten headers.
_REFRAMED_HEADERS = {"transfer-encoding": "X-Archive-Orig-Transfer-Encoding"}
DEFAULT_GZIP_LEVEL = 6  # zlib's own default; crawler/settings.py ARCHIVE_WARC_GZIP_LEVEL is the setting


class _GzipMember:
    """A file-like that compresses what one record writes into one gzip member of ``out``."""

    def __init__(self, out, level: int) -> None:
        self.out = out
        self.compressor = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        # warcio calls this once, after the record's last bytes: it ends the member. The file
        # itself is flushed by the caller once per exchange.
        self.out.write(self.compressor.flush())


class _LeveledWARCWriter(WARCWriter):
    """warcio's WARCWriter with gzip-per-record at a chosen compression level."""

    def __init__(self, filebuf, gzip_level: int, **kwargs) -> None:
        super().__init__(filebuf, gzip=False, **kwargs)
        self.gzip_level = gzip_level

    def _write_warc_record(self, out, record):
        super()._write_warc_record(_GzipMember(out, self.gzip_level), record)


@dataclass
class Exchange:
    """One HTTP request and the response it got, as they went over the wire."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    status: int
    reason: str
    protocol: str
    response_headers: list[tuple[str, str]]
    response_body: bytes
    ip_address: str | None = None


REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"


@dataclass
class RevisitOf:
    """The earlier response record a ``revisit`` record points at (``WARC-Refers-To``).

    For a 304, ``status_line``, ``headers`` and ``payload_digest`` are the confirmed capture's:
    with them the writer adds a replay copy beside the 304 record (see ``write_exchange``).
    """

    record_id: str
    url: str
    captured_at: datetime
    status_line: str | None = None
    headers: list[tuple[str, str]] | None = None
    payload_digest: str | None = None


# hashlib lets go of the GIL while it hashes 2,048 bytes or more at once. In a crawl, Scrapy's thread
# digests every page while the archive writer (a thread, or the pipe to its process) waits for the
# GIL: let go, the GIL went to the writer for its whole switch interval, and the 50 us digest of a
# 41 KB page showed up in a crawl profile as 0.9 ms. Fed in smaller pieces, it keeps the GIL.
GIL_HELD_PIECE = 2047


def payload_digest(body: bytes) -> str:
    """The ``WARC-Payload-Digest`` warcio writes for ``body``: ``sha1:`` and base32."""
    digest, view = hashlib.sha1(), memoryview(body)
    for start in range(0, len(view), GIL_HELD_PIECE):
        digest.update(view[start:start + GIL_HELD_PIECE])
    return "sha1:" + base64.b32encode(digest.digest()).decode("ascii")


@dataclass
class WrittenRecord:
    """Where a response record landed: enough to read it back and to cite it from the database."""

    warc_file: str
    offset: int
    length: int
    record_id: str
    captured_at: datetime
    payload_digest: str | None
    request_record_id: str = ""
    extra: dict = field(default_factory=dict)
    record_type: str = "response"
    refers_to: str | None = None


def warc_date(value: datetime) -> str:
    """WARC/1.1 date with microseconds, as in ``2026-11-21T23:15:27.123456Z``."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_record_id() -> str:
    """A new ``<urn:uuid:...>`` record ID: a version 4 UUID of 122 random bits.

    Why not ``uuid.uuid4()``: it asks the OS for 16 random bytes each time, a system call that
    lets go of the GIL, and in Scrapy's thread, beside the archive writer, getting the GIL back
    cost 0.15 ms a page (the crawl's profile). Python's generator is seeded from the OS once per
    process, and again in a forked child, so the IDs are as unique as ``uuid4``'s.
    """
    return f"<urn:uuid:{uuid.UUID(int=random.getrandbits(128), version=4)}>"


class RotatingWarcWriter:
    """Append exchanges to ``<folder>/<prefix>-<UTC timestamp>-<run token>-<serial>.warc.gz`` files.

    The run token (random unless given) keeps the names of two crawls started in the same second
    apart, so overlapping runs into one folder never collide. Each exchange is built in memory and
    written with one ``write`` on an unbuffered file: when that fails (a full disk), the file is cut
    back to where the exchange began and closed, so it ends on a whole record and the next exchange
    starts a new file; the error is raised to the caller.

    :param folder: where WARC files go (created if missing)
    :param prefix: the crawl name, first part of each file name
    :param max_size: rotate once a file reaches this many bytes (checked after each exchange)
    :param warcinfo: fields for the ``warcinfo`` record at the head of each file
    :param clock: returns the current UTC time; tests pass a fixed one
    :param make_id: returns a new ``<urn:uuid:...>`` record ID
    :param gzip_level: zlib compression level of each record's gzip member, 0 (none) to 9 (smallest)
    :param run_token: the part of the file names that tells this run from another of the same second
    :param started: the UTC timestamp part of the file names (default: now), for a writer in another
        process naming its files as the crawl announced them (archive/writer_process.py)
    """

    def __init__(self, folder: str | os.PathLike, prefix: str, max_size: int = 10**9,
                 warcinfo: dict[str, str] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 make_id: Callable[[], str] = new_record_id, gzip_level: int = DEFAULT_GZIP_LEVEL,
                 run_token: str | None = None, started: str | None = None) -> None:
        if not 0 <= gzip_level <= 9:
            raise ValueError(f"gzip level must be 0 to 9, not {gzip_level}")
        self.gzip_level = gzip_level
        self.folder = Path(folder)
        self.prefix = prefix
        self.max_size = max_size
        self.warcinfo = dict(warcinfo or {})
        self.clock = clock
        self.make_id = make_id
        self.started = started or clock().strftime("%Y%m%d%H%M%S")
        self.run_token = run_token or uuid.uuid4().hex[:8]
        self.serial = 0
        self.files: list[Path] = []
        self._fh = None
        self._writer: WARCWriter | None = None

    @property
    def current_path(self) -> Path | None:
        return self.files[-1] if self._fh else None

    def write_exchange(self, exchange: Exchange, revisit_of: RevisitOf | None = None,
                       captured_at: datetime | None = None, record_id: str | None = None) -> WrittenRecord:
        """Write the request and response records of one exchange; return where the response went.

        :param revisit_of: write the response as a ``revisit`` record pointing at this earlier
            record, HTTP headers kept and no payload: with the identical-payload-digest profile
            for a 2xx whose body is that record's, with the server-not-modified profile for a 304.
            A 304 whose ``revisit_of`` carries the confirmed capture's headers is followed by its
            *replay copy*: an identical-payload-digest revisit with that capture's status line and
            headers, ``WARC-Concurrent-To`` the 304 record. pywb and ReplayWeb.page answer a 3xx
            revisit with its headers alone, so without the copy the newest capture of an
            unchanged page replays blank; with it they replay the confirmed body. Readers of this
            archive skip the copy (``archive.warc_reader.iter_responses``): the 304 is the capture.
        :param captured_at: the response's WARC-Date, when the caller fixed it beforehand (else now)
        :param record_id: the response's WARC-Record-ID, when the caller fixed it beforehand
        """
        if self._fh is None:
            self._open()
        now = captured_at or self.clock()
        date = warc_date(now)
        response_id, request_id = record_id or self.make_id(), self.make_id()
        http_headers = StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".strip(),
            _reframed(exchange.response_headers),
            protocol=exchange.protocol,
        )
        if revisit_of is None:
            response = self._writer.create_warc_record(
                exchange.url, "response",
                payload=BytesIO(exchange.response_body),
                length=len(exchange.response_body),
                http_headers=http_headers,
                warc_headers_dict=_warc_headers(response_id, date, exchange.ip_address),
            )
        else:
            refers = {"WARC-Refers-To": revisit_of.record_id}
            if exchange.status == 304:
                response = self._writer.create_warc_record(
                    exchange.url, "revisit", http_headers=http_headers,
                    warc_headers_dict={**_warc_headers(response_id, date, exchange.ip_address), **refers})
                response.rec_headers.add_header("WARC-Profile", NOT_MODIFIED_PROFILE)
                response.rec_headers.add_header("WARC-Refers-To-Target-URI", revisit_of.url)
                response.rec_headers.add_header("WARC-Refers-To-Date", warc_date(revisit_of.captured_at))
            else:
                response = self._writer.create_revisit_record(
                    exchange.url, payload_digest(exchange.response_body), revisit_of.url,
                    warc_date(revisit_of.captured_at), http_headers=http_headers,
                    warc_headers_dict={**_warc_headers(response_id, date, exchange.ip_address), **refers})
                response.rec_headers.replace_header("WARC-Profile", REVISIT_PROFILE)
        replay_copy = (self._replay_copy(exchange.url, revisit_of, response_id, date)
                       if exchange.status == 304 and revisit_of is not None and revisit_of.headers is not None
                       else None)
        request = self._writer.create_warc_record(
            exchange.url, "request",
            payload=BytesIO(exchange.request_body),
            length=len(exchange.request_body),
            http_headers=StatusAndHeaders(
                f"{exchange.method} {_request_target(exchange.url)} HTTP/1.1",
                exchange.request_headers, is_http_request=True,
            ),
            warc_headers_dict={**_warc_headers(request_id, date, exchange.ip_address),
                               "WARC-Concurrent-To": response_id},
        )
        buffer = BytesIO()
        self._writer.out = buffer
        self._writer.write_record(response)
        length = buffer.tell()
        if replay_copy is not None:
            self._writer.write_record(replay_copy)
        self._writer.write_record(request)
        offset = self._append(buffer.getbuffer())
        written = WrittenRecord(
            warc_file=self.files[-1].name, offset=offset, length=length, record_id=response_id,
            captured_at=now, payload_digest=response.rec_headers.get_header("WARC-Payload-Digest"),
            request_record_id=request_id, record_type=response.rec_type,
            refers_to=revisit_of.record_id if revisit_of else None,
        )
        if self._fh.tell() >= self.max_size:
            self.close()
        return written

    def _replay_copy(self, url: str, revisit_of: RevisitOf, not_modified_id: str, date: str):
        """The 200 revisit standing beside a 304 for replay tools (see ``write_exchange``)."""
        record = self._writer.create_revisit_record(
            url, revisit_of.payload_digest, revisit_of.url, warc_date(revisit_of.captured_at),
            http_headers=StatusAndHeaders(revisit_of.status_line, revisit_of.headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Record-ID": self.make_id(), "WARC-Date": date,
                               "WARC-Refers-To": revisit_of.record_id, "WARC-Concurrent-To": not_modified_id})
        record.rec_headers.replace_header("WARC-Profile", REVISIT_PROFILE)
        return record

    def _append(self, data) -> int:
        """Write ``data`` at the end of the current file; return where it starts. On failure the
        file is cut back to that point and closed, and the error raised."""
        offset = self._fh.tell()
        try:
            view = memoryview(data)
            while view:
                view = view[self._fh.write(view):]
        except BaseException:
            path = self.files[-1]
            try:
                os.ftruncate(self._fh.fileno(), offset)
            finally:
                self.close()
            if path.stat().st_size == 0:
                path.unlink()  # not even the warcinfo record made it
                self.files.pop()
            raise
        return offset

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self._writer = None

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{self.prefix}-{self.started}-{self.run_token}-{self.serial:05d}.warc.gz"
        self.serial += 1
        self._fh = open(path, "xb", buffering=0)
        self.files.append(path)
        buffer = BytesIO()
        self._writer = _LeveledWARCWriter(buffer, self.gzip_level, warc_version=WARC_VERSION)
        info = {"software": "forum-archiver", "format": "WARC File Format 1.1",
                "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                "hostname": socket.gethostname(), **self.warcinfo}
        record = self._writer.create_warcinfo_record(path.name, info)
        record.rec_headers.replace_header("WARC-Record-ID", self.make_id())
        record.rec_headers.replace_header("WARC-Date", warc_date(self.clock()))
        self._writer.write_record(record)
        self._append(buffer.getbuffer())


def _warc_headers(record_id: str, date: str, ip_address: str | None) -> dict[str, str]:
    headers = {"WARC-Record-ID": record_id, "WARC-Date": date}
    if ip_address:
        headers["WARC-IP-Address"] = ip_address
    return headers


def _reframed(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(_REFRAMED_HEADERS.get(name.lower(), name), value) for name, value in headers]


def _request_target(url: str) -> str:
    """The request-target of the request line: path and query string, never the fragment."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return target
