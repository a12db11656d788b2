"""Pages that are walls, not threads, come back ``blocked`` with a reason, never as empty threads."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from parsel import Selector

from parsers.blocked import challenge_reason
from parsers.registry import parse_page

DATA = Path(__file__).parent / "data"
WHEN = datetime(2021, 11, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize("name, status, reason_part", [
    ("ips_guest_limit.html", 403, "limit of pages that guests may view"),
    ("cloudflare_challenge.html", 503, "Cloudflare"),
    ("ips_login_required.html", 200, "login required"),
    ("cloudflare_error_1008.html", 403, "Cloudflare error 1008: Access denied (HTTP 403)"),
    ("cloudflare_error_1008.html", 200, "Cloudflare error 1008: Access denied"),
])
def test_walls_are_blocked_with_a_reason(name, status, reason_part):
    result = parse_page((DATA / name).read_bytes(), "https://forum.example.com/topic/4242-x/", WHEN, status=status)
    assert result.kind == "blocked"
    assert reason_part in result.reason
    assert result.posts == []


def test_page_of_no_known_engine_is_unsupported_not_an_empty_thread():
    body = b"<html><head><title>Some blog</title></head><body><p>Hello</p></body></html>"
    result = parse_page(body, "https://blog.example.com/", WHEN)
    assert result.kind == "unsupported"
    assert "Some blog" in result.reason


def test_empty_body_is_unsupported():
    assert parse_page(b"", "https://forum.example.com/", WHEN, status=200).kind == "unsupported"


def test_naive_capture_time_is_refused():
    with pytest.raises(ValueError):
        parse_page(b"<html></html>", "https://forum.example.com/", datetime(2021, 1, 1))


@pytest.mark.parametrize("text, encoding", [
    ("<p>Le café est très bon à Paris, où l’été est chaud.</p>", "cp1252"),
    ("<p>Привет, как дела? Это страница на русском языке.</p>", "cp1251"),
    ("<p>Hello world, and some Arabic: قائد فيلق القدس زار بغداد بعد محاولة الاغتيال</p>", "cp1256"),
])
def test_undeclared_legacy_encodings_are_guessed_from_their_non_ascii_bytes(text, encoding):
    from parsers.html_text import decode_body

    assert text in decode_body(text.encode(encoding), "text/html")


_CHALLENGE_MARKUP = '<html><body><form id="challenge-form"></form></body></html>'


@pytest.mark.parametrize("text", [
    "no marker at all", "a challenge, a challenge-platform/ without its host", "challenge-form",
    "x challenge challenge-running", "/cdn-cgi/challenge-platform/h/b", "challenge/cdn-cgi/challenge-platform/",
    "cdn-cgi/challenge-platform/", "challenge-for", "challengechallenge-form", "\u2019 challenge-running \u2019",
])
def test_the_challenge_text_test_is_a_test_for_each_marker(text):
    """The page's text is scanned once for "challenge": the verdict is asking for each marker in turn."""
    markers = ("challenge-form", "challenge-running", "/cdn-cgi/challenge-platform/")
    doc = Selector(text=_CHALLENGE_MARKUP, type="html")
    assert (challenge_reason(doc, text, 200) is not None) == any(marker in text for marker in markers)
