"""Trimming the torn tail of a WARC file, as a crash mid-write leaves it.

The writer flushes after each exchange, so a crash loses at most the record being written: the
file then ends in a partial gzip member (or, uncompressed, a partial record). :func:`repair`
finds the end of the last whole record and cuts the file there (or writes the good part to
another file), so ``warcio check`` and replay read it to the end. Nothing before the tear is
touched.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

_CHUNK = 1 << 20


@dataclass
class RepairResult:
    path: Path  # the repaired file (the input, or --out)
    size: int  # bytes the input had
    kept: int  # bytes kept: the end of the last whole record
    records: int  # whole records kept
    last_record: str | None  # "<type> <target URI>" of the last record kept

    @property
    def cut(self) -> int:
        return self.size - self.kept

    def summary(self) -> str:
        if not self.cut:
            return f"{self.path}: intact, {self.records} records, {self.size} bytes; nothing cut"
        return (f"{self.path}: cut {self.cut} bytes of torn tail after offset {self.kept}; kept {self.records} "
                f"whole records ({self.kept} bytes), the last: {self.last_record or 'none'}")


def whole_length(path: str | os.PathLike) -> tuple[int, int, str | None]:
    """(bytes up to the end of the last whole record, number of whole records, the last one)."""
    limit = _whole_gzip_members(path) if _is_gzip(path) else os.path.getsize(path)
    kept, count, last = 0, 0, None
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh, arc2warc=False, no_record_parse=False)
        try:
            for record in records:
                record.raw_stream.read()
                if getattr(record.raw_stream, "limit", 0):
                    break  # the record's content is cut short
                records.read_to_end(record)
                end = records.get_record_offset() + records.get_record_length()
                if end > limit:
                    break
                kept, count = end, count + 1
                last = f"{record.rec_type} {record.rec_headers.get_header('WARC-Target-URI') or ''}".strip()
        except Exception:  # noqa: BLE001 - any read error is where the tear starts
            pass
    return kept, count, last


def repair(path: str | os.PathLike, out: str | os.PathLike | None = None) -> RepairResult:
    """Cut ``path`` after its last whole record (in place, or into ``out``)."""
    path = Path(path)
    size = path.stat().st_size
    kept, count, last = whole_length(path)
    target = Path(out) if out else path
    if out:
        with open(path, "rb") as src, open(target, "wb") as dst:
            _copy(src, dst, kept)
    elif kept < size:
        os.truncate(path, kept)
    return RepairResult(target, size, kept, count, last)


def _is_gzip(path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _whole_gzip_members(path) -> int:
    """The end offset of the last complete gzip member of a gzip-per-record file."""
    good = position = 0
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            while chunk:
                try:
                    decompressor.decompress(chunk)
                except zlib.error:
                    return good
                if decompressor.eof:
                    rest = decompressor.unused_data
                    position += len(chunk) - len(rest)
                    good = position
                    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
                    chunk = rest
                else:
                    position += len(chunk)
                    chunk = b""
    return good


def _copy(src, dst, length: int) -> None:
    while length > 0:
        block = src.read(min(_CHUNK, length))
        if not block:
            break
        dst.write(block)
        length -= len(block)


__all__ = ["RepairResult", "repair", "whole_length"]
