"""Undoing HTTP Content-Encoding on archived bodies.

The WARC keeps the body exactly as the server sent it (still gzip-compressed, say). Both the
live crawl and an offline replay decode it here, so both hand the parsers the same bytes.
"""

from __future__ import annotations

import zlib

try:  # brotli is optional: Scrapy only advertises "br" when it is installed.
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None


class ContentDecodingError(ValueError):
    """The body does not decode with the Content-Encoding the server declared."""


def decode_content(body: bytes, content_encoding: str | None) -> bytes:
    """The body with every listed Content-Encoding removed, last applied first."""
    if not content_encoding:
        return body
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    for coding in reversed(codings):
        body = _decode_one(body, coding)
    return body


def _decode_one(body: bytes, coding: str) -> bytes:
    if coding in ("identity", ""):
        return body
    try:
        if coding in ("gzip", "x-gzip"):
            return _inflate(body, 16 + zlib.MAX_WBITS)
        if coding == "deflate":
            try:
                return _inflate(body, zlib.MAX_WBITS)
            except zlib.error:  # many servers send raw deflate without the zlib header
                return _inflate(body, -zlib.MAX_WBITS)
        if coding == "br" and brotli is not None:
            return brotli.decompress(body)
    except (zlib.error, EOFError, Exception) as exc:  # brotli raises its own error type
        raise ContentDecodingError(f"body does not decode as {coding}: {exc}") from exc
    raise ContentDecodingError(f"unsupported Content-Encoding {coding!r}")


def _inflate(body: bytes, wbits: int) -> bytes:
    decompressor = zlib.decompressobj(wbits)
    data = decompressor.decompress(body) + decompressor.flush()
    if not decompressor.eof:
        raise EOFError("compressed stream is truncated")
    return data
