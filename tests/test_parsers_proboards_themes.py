"""parsers.proboards on boards whose ``Post`` layout template was edited (tests/data/proboards_themes/).

Each fixture's header names the template change it imitates and the values written by hand; the
rule checked is the project's: a post is given its own poster and date, or the page says it could
not tell, never another member's name.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

THEMES = DATA / "proboards_themes"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(name: str, url: str):
    return parse_page((THEMES / name).read_bytes(), url, CAPTURED, content_type="text/html; charset=utf-8")


def test_a_likes_line_before_a_right_hand_card_is_not_taken_for_the_poster():
    result = parsed("rightcard_likes.html", "https://whittle.example/thread/77/spoon-carving-woods")
    assert result.kind == "thread_page" and result.engine == "proboards"
    first, second = result.posts
    assert first.post_id == "501"
    # Not Mira Toft, the first liker: the likes line's links are the likers' (since 2026-12-06,
    # seventh session, the card's link is read; before, an error said the poster was not known).
    assert (first.author.name, first.author.id) == ("Hollis Varn", "12")
    assert first.published_at == datetime(2024, 3, 9, 16, 0, tzinfo=UTC)
    assert (second.post_id, second.author.name, second.author.id) == ("502", "Mira Toft", "30")
    assert second.published_at == datetime(2024, 3, 9, 17, 0, tzinfo=UTC)
    assert not any(error.startswith("post 502:") for error in result.errors)


def test_a_page_cut_in_the_likes_line_does_not_give_the_liker_the_post():
    """The same page cut just after the first liker's link (a transfer that stopped there): post
    501 kept one member link, Mira Toft's in its likes line, and lost its poster's card, so the one
    link was taken for the poster's (24 of 1,500 cuts drawn by the fuzzer's ``truncate``). A likes
    line's links are the likers'; the post has no poster the page shows, and says so."""
    body = (THEMES / "rightcard_likes.html").read_bytes()
    cut = body.index(b'data-id="30">Mira Toft</a>, ') + len(b'data-id="30">Mira Toft</a>, ')
    result = parse_page(body[:cut], "https://whittle.example/thread/77/spoon-carving-woods", CAPTURED,
                        content_type="text/html; charset=utf-8")
    assert [(p.post_id, p.author.name) for p in result.posts] == [("501", None)]
    assert "post 501: no author name found" in result.errors


def test_a_bare_display_name_card_says_no_author_and_keeps_the_dates():
    result = parsed("plainname_card.html", "https://weave.example/thread/40/loom-warping")
    assert result.kind == "thread_page" and result.engine == "proboards"
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("601", None, datetime(2024, 3, 21, 5, 46, 40, tzinfo=UTC)),
        ("602", None, datetime(2024, 3, 21, 6, 46, 40, tzinfo=UTC)),
    ]
    assert "post 601: no author name found" in result.errors
    assert "post 602: no author name found" in result.errors


def test_a_wrapper_of_the_message_named_for_likes_is_not_a_likes_line():
    """A theme that names the post's content wrapper for its likes feature ("likes-enabled"): its
    member links are not the likers', and the message inside it is the post's words."""
    body = (THEMES / "rightcard_likes.html").read_bytes()
    assert body.count(b"<article><div class=\"message\">Birch or cherry") == 1
    body = body.replace(b"<article><div class=\"message\">Birch or cherry",
                        b"<article class=\"likes-enabled\"><div class=\"message\">Birch or cherry")
    result = parse_page(body, "https://whittle.example/thread/77/spoon-carving-woods", CAPTURED,
                        content_type="text/html; charset=utf-8")
    assert [(p.post_id, p.author.name, p.text) for p in result.posts][0] == (
        "501", "Hollis Varn", "Birch or cherry for a first spoon?")
