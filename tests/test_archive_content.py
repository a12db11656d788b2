"""archive.content: bodies decode as their Content-Encoding says, or fail with a clear error."""

from __future__ import annotations

import gzip
import zlib

import pytest

from archive.content import ContentDecodingError, decode_content

BODY = "<p>Shafaq News/ الكاظمي</p>".encode()


def test_identity_and_missing_encoding_pass_through():
    assert decode_content(BODY, None) == BODY
    assert decode_content(BODY, "identity") == BODY


def test_gzip_and_both_deflate_flavours():
    assert decode_content(gzip.compress(BODY), "gzip") == BODY
    assert decode_content(zlib.compress(BODY), "deflate") == BODY
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert decode_content(raw.compress(BODY) + raw.flush(), "deflate") == BODY


def test_stacked_encodings_are_undone_last_first():
    assert decode_content(gzip.compress(zlib.compress(BODY)), "deflate, gzip") == BODY


def test_truncated_gzip_is_an_error_not_a_short_page():
    data = gzip.compress(BODY * 50)
    with pytest.raises(ContentDecodingError, match="gzip"):
        decode_content(data[: len(data) // 2], "gzip")


def test_body_that_is_not_gzip_at_all():
    with pytest.raises(ContentDecodingError):
        decode_content(BODY, "gzip")


def test_unknown_encoding_is_named():
    with pytest.raises(ContentDecodingError, match="compress"):
        decode_content(BODY, "compress")
