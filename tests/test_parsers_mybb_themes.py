"""parsers.mybb on third-party themes' postbit templates (tests/data/mybb_themes/).

Each page is hand-written from one theme's public template (its header names the repository and
file). The Adaptive Theme Framework prints each post as <article id="post_N"> and its date in
<time class="post_date">. Every expected value was read off the fixture's markup by hand; the
footer clock equals the capture time, so the board's zone is UTC.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

UTC = timezone.utc
THEMES = DATA / "mybb_themes"
CAPTURED = datetime(2024, 6, 5, 10, 0, tzinfo=UTC)


def parse(name: str, url: str):
    return parse_page((THEMES / name).read_bytes(), url, CAPTURED)


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def test_article_post_blocks_and_time_dates_are_read():
    """The posts were looked for only among <div> and <table>: the page was "MyBB page without
    posts", with two posts on it."""
    result = parse("atf_article_postbit.html", "https://felt.example/showthread.php?tid=57")
    assert (result.kind, result.engine) == ("thread_page", "mybb")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("3101", 1, "Lark Ives", "12", at(2024, 6, 1, 8, 0)),
        ("3102", 2, "Moth Penn", "19", at(2024, 6, 2, 21, 30)),
    ]
    first, second = result.posts
    assert (first.edited_at, first.edited_by) == (None, None)
    assert (second.edited_at, second.edited_by) == (at(2024, 6, 3, 7, 15), "Moth Penn")
    assert [p.text for p in result.posts] == ["Which wool felts best?", "Merino, washed hot."]
    assert second.url == "https://felt.example/showthread.php?tid=57&pid=3102#pid3102"
    assert result.thread.id == "57"
    assert result.errors == []
