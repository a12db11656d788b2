"""parsers.urls.urljoin caches joins on the base's directory: every answer must still be the
standard library's, whatever the base's query and fragment and however the link starts."""

from __future__ import annotations

import itertools
import urllib.parse

from parsers.urls import urljoin

BASES = [
    "https://board.example/forum/viewtopic.php?t=5&start=20#p9",
    "https://board.example/forum/viewtopic.php?t=5&sid=0123456789abcdef0123456789abcdef",
    "https://board.example/forum/viewtopic.php",
    "https://board.example/forum/;params?q=1",
    "https://board.example/a/b/c.php;x=1?y=2#z",
    "https://board.example?only=query",
    "https://board.example/forum/#frag?not-a-query",
    "http://[fe80::1/broken?x",
    "",
]
HREFS = [
    "", "?p=3", "#p3", ";x=2", "./memberlist.php?mode=viewprofile&u=2", "../index.php", "memberlist.php",
    "/abs/path?q", "//other.example/x", "https://other.example/y?z#w", " ?p=4", "\t#frag", "\n\x01?q=1",
    " ./x", "mailto:a@b.example", "javascript:void(0)", ".", "..", "a;b?c#d", "?", "#",
]


def stdlib(base: str, href: str) -> str:
    try:
        return urllib.parse.urljoin(base, href)
    except ValueError:
        return href


def test_every_join_is_the_standard_librarys():
    for base, href in itertools.product(BASES, HREFS):
        assert urljoin(base, href) == stdlib(base, href), (base, href)


def test_pages_of_one_topic_share_their_joins_and_keep_their_own_query_links():
    first, second = "https://b.example/f/viewtopic.php?t=5", "https://b.example/f/viewtopic.php?t=5&start=20"
    assert urljoin(first, "memberlist.php?u=2") == urljoin(second, "memberlist.php?u=2") == (
        "https://b.example/f/memberlist.php?u=2")
    assert urljoin(second, "?start=40") == "https://b.example/f/viewtopic.php?start=40"
    assert urljoin(second, "#p7") == "https://b.example/f/viewtopic.php?t=5&start=20#p7"
    assert urljoin(second, "") == second


def test_a_session_parameter_goes_without_leaving_a_question_mark_before_the_fragment():
    """SMF's queryless addresses carry the session id alone, before the post's anchor (seen on a real
    board: "topic,66925.msg556541.html?PHPSESSID=…#msg556541"); a fragment is no query."""
    from parsers.urls import without_session
    assert (without_session("https://board.example/index.php/topic,66.msg55.html?PHPSESSID=9f8e7d6c#msg55")
            == "https://board.example/index.php/topic,66.msg55.html#msg55")
    assert (without_session("https://board.example/index.php?PHPSESSID=9f8e&topic=66.0#msg55")
            == "https://board.example/index.php?topic=66.0#msg55")
    assert (without_session("https://board.example/viewtopic.php?t=5&sid=0123456789abcdef0123456789abcdef")
            == "https://board.example/viewtopic.php?t=5")
    assert without_session("https://board.example/a?b=1#c?sid=2") == "https://board.example/a?b=1#c?sid=2"


def test_a_web_archives_replay_address_keeps_the_boards_address_whole():
    """The Wayback Machine replays a page at "https://web.archive.org/web/<time>/<the board's
    address>": urllib drops the empty segment of its "https://" when it joins a relative link
    ("page-2"), which browsers keep; the next page of a XenForo 1 thread read from the archive led
    to "https:/old.example/...". Other joins stay the standard library's (the test above)."""
    from parsers.urls import replayed_original
    base = "https://web.archive.org/web/20160218173937/https://old.example/community/threads/fax.321/?a=1#f"
    board = "https://web.archive.org/web/20160218173937/https://old.example/community/threads"
    assert urljoin(base, "page-2") == f"{board}/fax.321/page-2"
    assert urljoin(base, "../../members/ann.5/") == f"{board[:-len('/threads')]}/members/ann.5/"
    assert urljoin(base, "../fax.322/") == f"{board}/fax.322/"
    assert urljoin(base, "./x?q=1#r") == f"{board}/fax.321/x?q=1#r"
    assert urljoin(base, "?page=2") == f"{board}/fax.321/?page=2"
    assert urljoin(base, "/web/20160218173937/https://old.example/u/1") == (
        "https://web.archive.org/web/20160218173937/https://old.example/u/1")
    # The board's own address, for numbers read from it (a thread's, a member's).
    assert replayed_original(f"{board}/fax.321/page-2") == "https://old.example/community/threads/fax.321/page-2"
    assert replayed_original("/web/20160218173937im_/http://old.example/a.png") == "http://old.example/a.png"
    assert replayed_original("https://board.example/web/2016/page") == "https://board.example/web/2016/page"
