"""parsers.phpbb on hand-written pages of third-party phpBB styles whose post markup departs from
prosilver's (tests/data/phpbb_styles/, one page per variant group, each naming the public template it
follows): X-Treme's subsilver2 tables with a bare ``b.postauthor`` name, PBWoW 3's author line
without a name, a Bootstrap 3 style's ``div#pN`` without the "post" class and its name in
``dd.author-name``, SiteSplat's ``div#pN.clearfix`` with a by-line and a mini-profile modal, and a
style that moved the post id onto an empty ``span.post_anchor`` before an id-less ``div.post``,
CA Black's profile column ``div.postprofile#profile{row number}`` with the date first in its author
line, and "acidtech" (Artodia's subsilver2 family) printing every post as rows of one table, the
post's time in the row after its message.

Every expected value below was read off the fixture's markup by hand (each fixture's header lists
them): post ids from the ``pN`` anchors, authors from the name markup, times from the printed
date in the zone the footer names (UTC on every page), own text from the message less its quotes.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA
from parsel import Selector

from parsers import phpbb
from parsers.html_text import decode_body
from parsers.losses import lost_content
from parsers.registry import parse_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
STYLES = DATA / "phpbb_styles"
BOARD = "https://ponds.example/forum/"


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=timezone.utc)


# Per page: the topic's URL query, its title, then per post (id, author, author id, published,
# own text starts with, quoted author or None, (edited at, edited by) or None).
EXPECTED = {
    "xtreme_subsilver_tables.html": ("f=3&t=510", "Lily pads", [
        ("5101", "Heron Hal", "48", at(2016, 3, 6, 5, 45), "Lily pads are spreading", None, None),
        ("5102", "Visiting Vole", None, at(2016, 3, 6, 19, 10), "Thin them now", "Heron Hal", None),
        ("5104", "Heron Hal", "48", at(2016, 3, 7, 8, 2), "Thinned a third", None,
         (at(2016, 3, 7, 8, 30), "Heron Hal")),
    ]),
    "pbwow3_name_in_profile_only.html": ("f=2&t=700", "Raid tonight", [
        ("7001", "Frost Mage", "12", at(2017, 1, 10, 21, 15), "Who is up for the raid", None, None),
        ("7002", "Guest Tauren", None, at(2017, 1, 10, 21, 40), "Count me in", "Frost Mage", None),
        ("7003", "Shadow Priest", "31", at(2017, 1, 11, 7, 5), "Good raid", None,
         (at(2017, 1, 11, 7, 20), "Shadow Priest")),
    ]),
    "bootstrap_panel_author_dd.html": ("f=4&t=880", "Koi not eating", [
        ("8801", "Koi Keeper", "5", at(2018, 9, 7, 18, 30), "My koi stopped eating", None, None),
        ("8802", "Mud Larker", None, at(2018, 9, 7, 19, 2), "At 14 degrees", "Koi Keeper", None),
        ("8803", "Koi Keeper", "5", at(2018, 9, 8, 8, 0), "They ate a little", None,
         (at(2018, 9, 8, 8, 12), "Koi Keeper")),
    ]),
    "sitesplat_clearfix_mini_profile.html": ("f=6&t=990", "Heron trouble", [
        ("9901", "Reed Warbler", "7", at(2015, 5, 6, 16, 20), "Herons took three fish", None, None),
        ("9902", "Net Seller", None, at(2015, 5, 6, 17, 5), "Netting. Decoys", "Reed Warbler", None),
        ("9903", "Reed Warbler", "7", at(2015, 5, 7, 9, 0), "Net is up", None,
         (at(2015, 5, 7, 9, 45), "Reed Warbler")),
    ]),
    "ca_black_date_before_hidden_author.html": ("f=5&t=440", "Winter care for lilies", [
        ("4401", "Marsh Marigold", "12", at(2016, 3, 6, 4, 45), "Do hardy lilies", None, None),
        ("4402", "Passing Heron", None, at(2016, 3, 6, 6, 10), "No, just sink", "Marsh Marigold", None),
        ("4403", "May 2016", "40", at(2016, 3, 7, 21, 30), "Mine stayed in", None, (at(2016, 3, 7, 22, 2), "May 2016")),
    ]),
    "acidtech_one_table_date_row.html": ("f=7&t=220", "Snails on the lilies", [
        ("2201", "Sea Snail", "8", at(2016, 3, 6, 5, 45), "Snails ate every lily leaf", None, None),
        ("2202", "Roaming Newt", None, at(2016, 3, 6, 19, 0), "Ducks, every time.", "Sea Snail", None),
        ("2203", "Sea Snail", "8", at(2016, 3, 7, 8, 15), "Borrowed two ducks", None, (at(2016, 3, 7, 9, 0), "Sea Snail")),
    ]),
    "post_anchor_span_sibling.html": ("f=8&t=660", "Dragonfly nymphs", [
        ("6601", "Dragonfly Dee", "21", at(2015, 7, 4, 15, 0), "Nymphs climbing", None, None),
        ("6602", "Pond Skater", None, at(2015, 7, 4, 15, 45), "They are about to hatch", "Dragonfly Dee", None),
        ("6603", "Dragonfly Dee", "21", at(2015, 7, 5, 6, 10), "Three hatched", None,
         (at(2015, 7, 5, 6, 30), "Dragonfly Dee")),
    ]),
}


def parse(name: str):
    return parse_page((STYLES / name).read_bytes(), f"{BOARD}viewtopic.php?{EXPECTED[name][0]}", CAPTURED)


@pytest.mark.parametrize("name", EXPECTED)
def test_every_style_is_detected_as_phpbb(name):
    assert phpbb.detect(Selector(text=decode_body((STYLES / name).read_bytes())))


@pytest.mark.parametrize("name", EXPECTED)
def test_posts_ids_authors_and_dates(name):
    _query, title, posts = EXPECTED[name]
    result = parse(name)
    assert (result.kind, result.engine, result.thread.title) == ("thread_page", "phpbb", title)
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        post[:4] for post in posts]


@pytest.mark.parametrize("name", EXPECTED)
def test_own_text_quotes_and_edits(name):
    result = parse(name)
    for post, (post_id, _author, _id, _when, starts, quoted, edit) in zip(result.posts, EXPECTED[name][2]):
        assert post.text.startswith(starts), post_id
        assert [q.author for q in post.quotes] == ([quoted] if quoted else []), post_id
        for quote in post.quotes:  # the quote's words are not the poster's
            assert quote.text and quote.text not in post.text
        assert (post.edited_at, post.edited_by) == (edit or (None, None)), post_id


def test_signatures_and_profile_dates_stay_out_of_the_posts():
    """X-Treme's signature is a span.postbody under a picture; its "Joined:" date (2010) and
    SiteSplat's modal "Joined:" (2013) stand before or after the post's time, never for it."""
    xtreme = parse("xtreme_subsilver_tables.html")
    assert "Ponds forever" not in xtreme.posts[0].text
    sitesplat = parse("sitesplat_clearfix_mini_profile.html")
    assert "Fish first" not in sitesplat.posts[2].text
    assert all(post.published_at.year == 2015 for post in sitesplat.posts)


@pytest.mark.parametrize("name", EXPECTED)
def test_permalinks_are_the_posts_own_links(name):
    """The post's address is phpBB's U_MINI_POST ("viewtopic.php?p=N#pN") or, without one, built
    from its id; never another script's link that names the post ("posting.php?mode=quote&p=N")."""
    for post in parse(name).posts:
        assert post.url == f"{BOARD}viewtopic.php?p={post.post_id}#p{post.post_id}"


def test_bootstrap_quote_button_is_not_the_first_posts_address():
    """The Bootstrap style prints no U_MINI_POST: the first link holding "p=8801" in the post's
    header was its quote button, and the post was archived under
    posting.php?mode=quote&f=4&p=8801 (a reply form), not its own address."""
    first = parse("bootstrap_panel_author_dd.html").posts[0]
    assert "posting.php" not in first.url
    assert first.url == f"{BOARD}viewtopic.php?p=8801#p8801"


def test_xtreme_foe_post_is_said_and_counted_as_lost():
    """X-Treme (subsilver2) prints a foe's post as its ignore notice alone, around the post's anchor:
    no words, no time. The page says it was not read, as a loss the crawl records."""
    result = parse("xtreme_subsilver_tables.html")
    assert [p.post_id for p in result.posts] == ["5101", "5102", "5104"]
    assert result.errors == ["post 5103: its anchor has no message box of its own; post skipped"]
    assert lost_content(result) == result.errors


@pytest.mark.parametrize("name", [name for name in EXPECTED if name != "xtreme_subsilver_tables.html"])
def test_no_errors_on_the_other_styles(name):
    assert parse(name).errors == []


def test_ca_black_row_numbered_profile_ids_are_not_other_posts_parts():
    """CA Black numbers its profile columns by row (div#profile0, div#profile1, ...), not by post:
    "profile0" read as post 0's profile column made every post "share its block" with another, and
    none was given its author (3 errors, 3 posts without authors). The guest's name is the plain
    text of a.profile-link, whose href is "javascript:void(0);"."""
    result = parse("ca_black_date_before_hidden_author.html")
    assert [p.author.name for p in result.posts] == ["Marsh Marigold", "Passing Heron", "May 2016"]
    assert result.posts[0].author.url == f"{BOARD}memberlist.php?mode=viewprofile&u=12"
    assert result.posts[1].author.url is None
    assert result.errors == []


def test_acidtech_post_rows_give_the_posts_time_not_the_members_joined_date():
    """acidtech prints all posts as rows of one table, the time in the row after the message
    (td.postbottom) and "Joined: <date>" under the name: the block was the first row alone, and the
    first and third posts were given their poster's joining date (2010) as their time, silently;
    the guest's post had no time, the edit notice (div.edited > p.gensmall) was not read and the
    profile button (in the time's row) was out of reach."""
    result = parse("acidtech_one_table_date_row.html")
    assert [p.published_at for p in result.posts] == [
        at(2016, 3, 6, 5, 45), at(2016, 3, 6, 19, 0), at(2016, 3, 7, 8, 15)]
    assert (result.posts[2].edited_at, result.posts[2].edited_by) == (at(2016, 3, 7, 9, 0), "Sea Snail")
    assert result.posts[0].author.url == f"{BOARD}memberlist.php?mode=viewprofile&u=8"
    assert "Slow and steady" not in result.posts[0].text
    assert result.thread.title == "Snails on the lilies"  # the subject (div.postsubject) ending the <title>
    assert result.errors == []
