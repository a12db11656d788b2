"""From one archived HTTP response to database rows: the path shared by crawl and replay.

The live crawl calls :func:`ingest_response` right after writing a response to the WARC, and
replay calls it for every response record read back, with the same bytes and the same capture
time, so both produce the same rows. Which responses are parsed is decided here alone.
"""

from __future__ import annotations

import logging

from archive.content import ContentDecodingError, decode_content
from archive.store import as_utc_text, store_capture
from archive.warc_reader import ArchivedResponse
from parsers.models import PageResult
from parsers.registry import parse_page

logger = logging.getLogger(__name__)
# HTML pages, and JSON for forums read through their API (Discourse, NodeBB; Flarum's JSON:API
# is application/vnd.api+json: any "+json" type counts too).
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "application/json", "")


def should_parse(response: ArchivedResponse) -> bool:
    """Pages worth parsing: not redirects, not robots.txt, and HTML or JSON (or no declared type)."""
    if 300 <= response.status < 400 or response.status < 200:
        return False
    if response.url.split("?")[0].endswith("/robots.txt"):
        return False
    content_type = (response.header("Content-Type") or "").split(";")[0].strip().lower()
    return content_type in _PAGE_TYPES or content_type.endswith("+json")


def capture_row(response: ArchivedResponse) -> dict:
    """The ``captures`` row of a response; a revisit's row also says which capture it repeats
    (``refers_to``) and how (``kind``: ``revisit``, or ``not_modified`` for a 304)."""
    row = {
        "id": response.record_id,
        "url": response.url,
        "status": response.status,
        "captured_at": as_utc_text(response.captured_at),
        "warc_file": response.warc_file,
        "warc_offset": response.offset,
        "warc_length": response.length,
        "payload_digest": response.payload_digest,
        "content_type": response.header("Content-Type"),
        "ip_address": response.ip_address,
        "etag": response.header("ETag"),
        "last_modified": response.header("Last-Modified"),
        "refers_to": response.refers_to,
    }
    if response.is_revisit:
        row["kind"] = revisit_kind(response)
    return row


def revisit_kind(response: ArchivedResponse) -> str:
    return "not_modified" if response.status == 304 else "revisit"


def parse_response(response: ArchivedResponse, engine: str | None = None,
                   requisites: bool = False) -> PageResult | None:
    """The parse result of an archived response, or None when it is not a page.

    ``engine`` forces a parser; else the one the crawl forced (recorded in the WARC), else detection.
    ``requisites``: also read the page's stylesheets and pictures (``PageResult.requisites``), for
    a crawl that fetches them.
    """
    engine = engine or response.engine
    if not should_parse(response):
        return None
    try:
        body = decode_content(response.body, response.header("Content-Encoding"))
    except ContentDecodingError as exc:
        return PageResult(kind="unsupported", url=response.url, reason=str(exc))
    try:
        return parse_page(body, response.url, response.captured_at, content_type=response.header("Content-Type"),
                          status=response.status, engine=engine, outlets=response.outlets, requisites=requisites)
    except Exception as exc:  # a parser bug must cost one page, never the capture or the crawl
        logger.exception("parser failed on %s", response.url)
        return PageResult(kind="unsupported", url=response.url, reason=f"parser error: {type(exc).__name__}: {exc}")


def wants_parse(response: ArchivedResponse) -> bool:
    """Whether :func:`ingest_response` parses this response: a page, and not a revisit (whose
    content is the original's, stored already)."""
    return not response.is_revisit and should_parse(response)


def ingest_response(db, response: ArchivedResponse, engine: str | None = None) -> PageResult | None:
    """Parse ``response`` (when it is a page) and store the capture and what it holds.

    A revisit (same payload as an earlier capture, or a 304) is stored as a capture row only:
    its content is the original's, already stored. It returns None.
    """
    result = parse_response(response, engine) if wants_parse(response) else None
    return store_response(db, response, result)


def store_response(db, response: ArchivedResponse, result: PageResult | None,
                   link_reposts: bool = True) -> PageResult | None:
    """Store ``response`` with its parse result (:func:`parse_response`'s, made anywhere: replay
    parses in worker processes); a revisit is stored as a capture row only and returns None.

    :param link_reposts: False while bulk-loading an empty archive, which links every repost
        once at the end (``archive.bulk_load``)
    """
    if response.is_revisit:
        store_capture(db, capture_row(response), None, link_reposts=link_reposts)
        return None
    store_capture(db, capture_row(response), result, link_reposts=link_reposts)
    return result
