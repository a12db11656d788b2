"""Markup seen on real saved pages of the engines the earlier held-out hunts found no page of
(Vanilla, ProBoards, Forumotion, IP.Board 3, Flarum, MyBB, ...), found in public repositories and
checked by hand as a held-out check. Each variant worth keeping is reproduced by a small
hand-written page in tests/data/field_real_variants_more/<engine>/ (invented names and words; each
file's header names the real page it imitates and what the parser did with it). Every expected
value was written by hand from the fixture.

Why: the parsers of these engines were written from public templates only; a real board's input
format or theme prints a shape no template shows (a Markdown quote whose author is only its first
line), and pinned here no later change loses it silently.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2026, 6, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str):
    return parse_page((DATA / "field_real_variants_more" / relative).read_bytes(), url, CAPTURED)


def test_vanilla_markdown_quote_takes_its_author_from_the_said_line():
    """Vanilla's Markdown format renders the Quotes plugin's "> @name said:" as a plain
    blockquote.UserQuote whose first line is the profile link and "said:" (a real Vanilla 3.3
    board): the quote gets that author, and the line is not counted as quoted words."""
    result = parsed("vanilla/vanilla3_markdown_said_quote.html",
                    "https://walkers.example/discussion/7300/ford-or-ridge-path")
    assert (result.kind, result.engine, result.errors) == ("thread_page", "vanilla", [])
    assert [p.post_id for p in result.posts] == ["discussion/7300", "88101", "88107"]
    assert [p.author.name for p in result.posts] == ["Fen Walder", "Ossa Brill", "Rook Tamsin"]
    assert [p.published_at for p in result.posts] == [datetime(2021, 4, 2, 18, 5, 10, tzinfo=UTC),
                                                      datetime(2021, 4, 2, 19, 40, tzinfo=UTC),
                                                      datetime(2021, 4, 3, 8, 12, 45, tzinfo=UTC)]
    reply = result.posts[2]
    assert (reply.edited_at, reply.edited_by) == (datetime(2021, 4, 3, 8, 20, tzinfo=UTC), "Rook Tamsin")
    said, plain = reply.quotes
    assert (said.author, said.citation, said.text) == ("Ossa Brill", "@Ossa Brill said:",
                                                       "The north ford floods every spring.")
    assert (plain.author, plain.text) == (None, "Bring boots.")
    assert reply.text == "Then we take the ridge path instead."


def test_mybb_theme_breadcrumb_div_gives_the_forum_path_without_its_home_glyph():
    """A MyBB 1.8 theme (sinister.ly's "modern") prints the nav template as a
    ``div.breadcrumb`` list with no span.nav_bit and no div.navigation, its first crumb a home
    glyph ("i") linking to the same index page as the board's named crumb: the forum path is the
    named crumbs, not none, and the glyph is not a forum."""
    result = parsed("mybb/mybb18_div_breadcrumb_icon_crumb.html",
                    "https://boats.example/Thread-Caulking-a-clinker-hull")
    assert (result.kind, result.engine) == ("thread_page", "mybb")
    thread = result.thread
    assert thread.forum == ["Riverbank", "Workshop", "Boat Repair"]
    assert (thread.id, thread.title, thread.page, thread.page_count) == ("880", "Caulking a clinker hull", 1, 2)
    assert result.next_page_url == "https://boats.example/Thread-Caulking-a-clinker-hull?page=2"
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("7001", "Tarn Oakes", "41"), ("7012", "Mina Reedley", "57")]
    assert [p.published_at for p in result.posts] == [datetime(2014, 3, 9, 16, 5, tzinfo=UTC),
                                                      datetime(2014, 3, 10, 9, 40, tzinfo=UTC)]
    quote, = result.posts[1].quotes
    assert (quote.author, quote.published_at, quote.text) == (
        "Tarn Oakes", datetime(2014, 3, 9, 16, 5, tzinfo=UTC), "Which caulk holds best between the planks?")
    assert result.posts[1].text == "Cotton and linseed putty, never modern sealant."
