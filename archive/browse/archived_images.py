"""Images the archive captured, shown from their WARC record instead of fetched from their server.

An image counts as captured when ``captures`` has a row for its exact URL with status 200 and an
image Content-Type (the response's header, stored in ``captures.content_type``) of a raster
format browsers show as a picture. A revisit row (same bytes as an earlier capture) stands for the
record it refers to. The bytes are read back from the WARC file the row names, in the folder the
archive's WARCs live in, with the record's own status and Content-Type checked again, and the
Content-Encoding the server applied undone.

SVG is left out on purpose: opened on its own, an SVG document served from this origin could run
script, so an SVG picture stays a link to where it came from.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from warcio.exceptions import ArchiveLoadFailed

from archive.content import ContentDecodingError, decode_content
from archive.warc_reader import read_response_at

SHOWN_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
                         "image/x-icon", "image/vnd.microsoft.icon"})
# The archived image response gets its own policy: as a document it may load and run nothing.
IMAGE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"


def media_type(content_type: str | None) -> str:
    """``image/png`` of ``image/png; charset=binary``, lower-cased ('' for none)."""
    return (content_type or "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class ImageCapture:
    """Where an image's bytes are: the WARC record holding them (for a revisit, the original's)."""

    url: str
    record_url: str
    media_type: str
    warc_file: str
    warc_offset: int


def find_image_capture(conn: sqlite3.Connection, url: str) -> ImageCapture | None:
    """The newest capture of ``url`` that is an image the reader may show, or None."""
    found = conn.execute(
        """select c.content_type, c.refers_to, o.id, coalesce(o.url, c.url),
                  case when c.refers_to is null then c.warc_file else o.warc_file end,
                  case when c.refers_to is null then c.warc_offset else o.warc_offset end
           from captures c left join captures o on o.id = c.refers_to
           where c.url = ? and c.status = 200 and lower(c.content_type) like 'image/%'
           order by c.captured_at desc""", [url]).fetchall()
    for content_type, refers_to, original, record_url, warc_file, warc_offset in found:
        if media_type(content_type) not in SHOWN_TYPES or (refers_to and original is None):
            continue
        if warc_file and warc_offset is not None:
            return ImageCapture(url=url, record_url=record_url, media_type=media_type(content_type),
                                warc_file=warc_file, warc_offset=warc_offset)
    return None


def warc_path(warc_dir: str | os.PathLike, warc_file: str) -> Path | None:
    """The WARC file ``warc_file`` inside ``warc_dir``; None for a name that is not a plain file
    name (the database is data, and a path in it must not lead elsewhere) or a missing file."""
    if not warc_file or Path(warc_file).name != warc_file or warc_file in (".", ".."):
        return None
    path = Path(warc_dir) / warc_file
    return path if path.is_file() else None


def read_image(warc_dir: str | os.PathLike, capture: ImageCapture) -> tuple[str, bytes] | None:
    """The image's media type and bytes as the browser should get them, or None when the WARC
    record is missing, unreadable, or not the image response the database says it is."""
    path = warc_path(warc_dir, capture.warc_file)
    if path is None:
        return None
    try:
        record = read_response_at(path, capture.warc_offset)
    except (ArchiveLoadFailed, OSError, ValueError, StopIteration, EOFError):
        return None
    kind = media_type(record.header("Content-Type"))
    if record.is_revisit or record.status != 200 or record.url != capture.record_url or kind not in SHOWN_TYPES:
        return None
    try:
        return kind, decode_content(record.body, record.header("Content-Encoding"))
    except ContentDecodingError:
        return None
