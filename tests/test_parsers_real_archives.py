"""Markup seen on real saved pages in three public repositories of saved boards, checked page by page
(studioetc/theavalanches-forum-archive: Wayback captures of one phpBB 2 and phpBB 3 board, 2002-2020;
29th/vanilla-forums-archive: a wget mirror of a Vanilla 3.3 board; Undead-Lords/udl-wbm-forum-archive:
2005 Wayback pages of an IP.Board 2.1 board). Each variant a parser misread is reproduced by a small
hand-written page in tests/data/field_real_archives/<engine>/ (invented names and words; each file's
header names the real page it imitates, the template it follows and what the old code did). Every
expected value was written by hand from the fixture.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2004, 3, 6, 14, 28, tzinfo=timezone.utc)
UTC = timezone.utc
NAMED_ZONE_PAGE = "field_real_archives/phpbb2/phpbb2_named_zone_est_australia.html"
TOPIC_URL = "http://lanterns.example.org/phpBB2/viewtopic.php?t=412"


def parsed_with_footer(zone_words: str):
    body = (DATA / NAMED_ZONE_PAGE).read_bytes()
    body = body.replace(b"All times are EST (Australia)", f"All times are {zone_words}".encode())
    return parse_page(body, TOPIC_URL, CAPTURED)


# --- phpBB 2.0: a zone the footer names instead of printing its offset ---------------------------


def test_phpbb2_footer_est_australia_is_gmt_plus_ten():
    """phpBB 2.0.0's "All times are EST (Australia)" ($lang['10'] of lang_main.php) is GMT + 10: the
    old code read every time as UTC, 10 hours off, and said the page names no zone."""
    result = parse_page((DATA / NAMED_ZONE_PAGE).read_bytes(), TOPIC_URL, CAPTURED)
    assert result.kind == "thread_page"
    assert result.engine == "phpbb2"
    assert result.errors == []
    assert [p.post_id for p in result.posts] == ["7001", "7002", "7003"]
    assert [p.author.name for p in result.posts] == ["Wombatine", "Kestrel_Jo", "Pemberly"]
    assert [p.author.id for p in result.posts] == ["41", "58", "63"]
    assert [p.published_at for p in result.posts] == [
        datetime(2004, 2, 29, 23, 5, tzinfo=UTC),  # Mon Mar 01, 2004 9:05 am at GMT + 10
        datetime(2004, 3, 1, 13, 40, tzinfo=UTC),  # Mon Mar 01, 2004 11:40 pm
        datetime(2004, 3, 1, 21, 15, tzinfo=UTC),  # Tue Mar 02, 2004 7:15 am
    ]
    assert [q.author for q in result.posts[2].quotes] == ["Wombatine"]
    assert result.posts[2].published_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize(("zone_words", "first_post"), [
    ("CST (Australia)", datetime(2004, 2, 29, 23, 35, tzinfo=UTC)),  # GMT + 9.5
    ("WST (Australia)", datetime(2004, 3, 1, 1, 5, tzinfo=UTC)),  # GMT + 8
    ("EST (U.S./Canada)", datetime(2004, 3, 1, 14, 5, tzinfo=UTC)),  # GMT - 5
    ("CET (Europe)", datetime(2004, 3, 1, 8, 5, tzinfo=UTC)),  # GMT + 1
])
def test_phpbb2_footer_names_other_zones_of_its_language_file(zone_words, first_post):
    """The other names of lang_main.php's offset list: "CST" is GMT + 9.5 in Australia and GMT - 6
    in the U.S., so the region word decides."""
    result = parsed_with_footer(zone_words)
    assert result.errors == []
    assert result.posts[0].published_at == first_post


def test_phpbb2_footer_with_an_unknown_named_zone_still_says_times_are_utc():
    """A name outside the list is no zone: the times are read as UTC, and the page says so."""
    result = parsed_with_footer("XYZ (Nowhere)")
    assert result.posts[0].published_at == datetime(2004, 3, 1, 9, 5, tzinfo=UTC)
    assert any("times read as UTC" in error for error in result.errors)


# --- IP.Board 2: no parser; the verdict must say it is a forum page ------------------------------


def test_ipb2_topic_is_an_unsupported_forum_page_without_invented_posts():
    """An IP.Board 2.1 page (the global "var ipb_var_base_url" script every 2.x page prints): no
    parser reads it, so it is unsupported, with no posts and no article, and the reason says it is a
    forum page. The old code said only "no parser recognises this page"."""
    body = (DATA / "field_real_archives/generic/ipb21_topic_charcoal.html").read_bytes()
    result = parse_page(body, "http://www.lanternguild.example.net/forums/index.php?showtopic=21", CAPTURED)
    assert result.kind == "unsupported"
    assert result.posts == []
    assert result.articles == []
    assert "a forum page no parser reads yet (Invision Power Board 2 page)" in result.reason
