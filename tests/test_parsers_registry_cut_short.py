"""A thread page cut short says so (``parsers.registry.cut_short``).

Why: a page whose bytes stop early (a server that drops the connection with no length to check,
a record copied short) still parses: lxml closes what is open, and the posts after the cut are
simply not there. Without a word, the archive holds a page of 2 posts where the board showed 5,
and its next page is never fetched. The page here is the project's own XenForo fixture (five
posts: ids 1001, 1002, 1099 (a deleted one), 1003 and 1004, read by hand from its markup), cut in
the middle of the third post's block.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from parsers.registry import CUT_SHORT, parse_page

PAGE = Path(__file__).parent / "data" / "xenforo" / "xf2_variants.html"
URL = "https://board.example/threads/printer-trouble.555/page-2"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)


def test_the_whole_page_says_nothing_of_a_cut():
    result = parse_page(PAGE.read_bytes(), URL, CAPTURED)
    assert CUT_SHORT not in result.errors
    assert result.next_page_url == "https://board.example/threads/printer-trouble.555/page-3"


def test_a_page_cut_inside_a_post_says_it_may_be_cut_short():
    body = PAGE.read_bytes()
    cut = body[:body.index(b'data-content="post-1099"')]
    result = parse_page(cut, URL, CAPTURED)
    assert result.kind == "thread_page"
    assert [post.post_id for post in result.posts][:2] == ["1001", "1002"]
    assert "1003" not in {post.post_id for post in result.posts}
    assert CUT_SHORT in result.errors


def test_a_news_page_or_a_json_answer_is_not_judged_by_it():
    # Only thread pages: an article's own checks judge its body, and JSON has no </html>.
    assert CUT_SHORT not in parse_page(b'{"post_stream": {"posts": []}}', URL, CAPTURED).errors


def test_an_end_tag_named_in_a_comment_is_no_end_of_the_page():
    """A short phpBB 2 page (the project's fiappleblue fixture, whose header comment names
    "</html>") cut after its second post's words, before the third post, 714 (fuzz, truncate at
    3,965 bytes). Before: the "</html>" of the comment,
    within the last 4 KB of so short a page, passed for the document's end, and post 714 was lost
    with no error. Now an end tag inside a comment does not count."""
    page = Path(__file__).parent / "data" / "phpbb2_templates" / "forumer_fiappleblue_classed_cells.html"
    body = page.read_bytes()
    assert b"after </html>." in body[:1000]
    end = b"the hard work will be worth it.</td>"
    cut = body[:body.index(end) + len(end)]
    assert len(cut) < 4096  # the comment stands among the last 4 KB, where the end tag is looked for
    result = parse_page(cut, "https://keelboat.forumer.example/viewtopic.php?t=88", CAPTURED)
    assert [post.post_id for post in result.posts] == ["711", "712"]
    assert CUT_SHORT in result.errors
    assert CUT_SHORT not in parse_page(body, "https://keelboat.forumer.example/viewtopic.php?t=88", CAPTURED).errors
