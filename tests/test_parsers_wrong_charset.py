"""A page read in another charset than its own: read in the page's own <meta> charset when its
server's UTF-8 label is plainly wrong (parsers.html_text.decode_body), else its garbled names and
words are said, never kept silently (parsers/registry.py with parsers.values.garbled_name_errors
and parsers.html_text.undecoded_characters).

Why: bench/fuzz_parsers.py's ``wrong_encoding`` mutation sent a MyBB page's windows-1256 bytes
labelled UTF-8; each post came back with a name of U+FFFD stand-ins and words of them, and the
page's only error was the unstated zone. The engines that check names themselves (XenForo,
vBulletin, IPS, phpBB) said so; the others did not.

The page is the project's hand-written Arabic MyBB fixture (tests/data/arabic_packs), whose four
posts and names were read off its markup: 7701 سجاد الموسوي, 7702 هدى الربيعي, 7703 عباس الخزرجي,
7704 هدى الربيعي.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.html_text import decode_body, undecoded_characters
from parsers.models import Author, Post
from parsers.registry import parse_page
from parsers.values import garbled_name_errors

CAPTURED = datetime(2024, 5, 20, 9, 0, tzinfo=timezone.utc)
URL = "https://basra-forum.example/showthread.php?tid=88"
ARABIC_PAGE = (DATA / "arabic_packs" / "mybb18_arabic.html").read_text(encoding="utf-8")
NAMES = {"7701": "سجاد الموسوي", "7702": "هدى الربيعي", "7703": "عباس الخزرجي", "7704": "هدى الربيعي"}


def test_windows_1256_bytes_labelled_utf8_say_each_garbled_name_and_the_page_s_stand_ins():
    body = ARABIC_PAGE.encode("windows-1256")
    result = parse_page(body, URL, CAPTURED, content_type="text/html; charset=utf-8")
    assert result.kind == "thread_page" and result.engine == "mybb"
    assert [post.post_id for post in result.posts] == list(NAMES)  # every post kept, in order
    for post_id in NAMES:
        (said,) = [error for error in result.errors if error.startswith(f"post {post_id}: author name")]
        assert "has no letter or digit (a wrong character encoding?)" in said
    (page_error,) = [error for error in result.errors if "not in the charset it was read in" in error]
    # Every Arabic letter of the page is one byte in windows-1256 and no UTF-8 sequence: one stand-in each
    # (a run of such bytes may fold into fewer, never into none).
    count = int(page_error.split()[0])
    assert 0 < count <= sum(1 for c in ARABIC_PAGE if not c.isascii())


def test_the_same_bytes_labelled_rightly_read_every_name_with_no_such_error():
    body = ARABIC_PAGE.encode("windows-1256")
    result = parse_page(body, URL, CAPTURED, content_type="text/html; charset=windows-1256")
    assert {post.post_id: post.author.name for post in result.posts} == NAMES
    assert not any("author name" in error or "charset" in error for error in result.errors)


def test_a_board_that_stored_the_stand_in_itself_is_not_a_decoding_fault():
    # Valid UTF-8 bytes of U+FFFD (a board whose old posts were garbled when it changed charsets):
    # the page was read in its own charset.
    body = "<p>caf\ufffd au lait, and one broken: \xe9</p>".encode("utf-8").replace(b"\xc3\xa9", b"\xe9")
    text = decode_body(body, "text/html; charset=utf-8")
    assert text.count("\ufffd") == 2
    assert undecoded_characters(body, text) == 1  # the stray Latin-1 byte only
    assert undecoded_characters(b"<p>plain</p>", "<p>plain</p>") == 0


def test_a_legacy_page_labelled_utf8_by_its_server_is_read_in_its_own_meta_charset():
    # A server that labels every page UTF-8 in front of a German board whose <meta> says ISO-8859-1:
    # each umlaut is one byte, no UTF-8. Read in the header's charset, every one became U+FFFD.
    page = '<html><head><meta charset="ISO-8859-1"></head><body><p>Grüße aus Zürich, schön!</p></body></html>'
    text = decode_body(page.encode("latin-1"), "text/html; charset=utf-8")
    assert "Grüße aus Zürich, schön!" in text and "\ufffd" not in text


def test_a_utf8_page_with_one_stray_byte_keeps_its_header_s_charset_whatever_its_meta_says():
    # Its characters outnumber the byte: the header is right, the <meta> is not.
    page = '<meta charset="iso-8859-1"><p>café naïve Ünïcödé</p>'.encode("utf-8") + b"\xe9"
    text = decode_body(page, "text/html; charset=utf-8")
    assert "café naïve Ünïcödé" in text and text.endswith("\ufffd")
    assert undecoded_characters(page, text) == 1


def test_a_page_saved_as_utf8_under_its_legacy_label_keeps_its_letters():
    """A scraper that writes out its decoded text, and a public corpus that stores pages as UTF-8,
    keep the ``<meta charset="windows-1256">`` the board served the page with: read in that label,
    every name came back as "ط³ط¬ط§ط¯ ط§ظ„ظ…ظˆط³ظˆظٹ", silently (only Latin labels were read as UTF-8
    then). Legacy text with letters beyond ASCII is never valid UTF-8, so such bytes are UTF-8."""
    saved = ARABIC_PAGE.replace("<head>", '<head><meta charset="windows-1256">', 1)
    assert "windows-1256" in saved and "charset=" not in ARABIC_PAGE
    result = parse_page(saved.encode("utf-8"), URL, CAPTURED)
    assert {post.post_id: post.author.name for post in result.posts} == NAMES
    for label, words in (("windows-1251", "Привет, мир"), ("gbk", "你好，世界"), ("shift_jis", "こんにちは"),
                         ("windows-1250", "Žluťoučký kůň")):
        page = f'<html><head><meta charset="{label}"></head><body><p>{words}</p></body></html>'
        assert words in decode_body(page.encode("utf-8")), label
        # The same page in its own charset is still read in it (its bytes are no UTF-8).
        assert words in decode_body(page.encode(label)), label


def post(post_id: str, name: str | None) -> Post:
    return Post(post_id=post_id, url=None, position=int(post_id), author=Author(name=name), published_at=None,
                text="", html="")


def test_garbled_names_are_said_once_even_where_the_engine_said_it():
    posts = [post("1", "\ufffd\ufffd\ufffd"), post("2", "Ali\ufffd"), post("3", "Zoé"), post("4", "????"),
             post("5", None)]
    engine_said = ["post 4: author name '????' has no letter or digit (a wrong character encoding?)"]
    said = garbled_name_errors(posts, engine_said)
    assert said == [
        "post 1: author name '\ufffd\ufffd\ufffd' has no letter or digit (a wrong character encoding?)",
        "post 2: author name 'Ali\ufffd' holds characters the page's charset could not decode"
        " (a wrong character encoding?)",
    ]
