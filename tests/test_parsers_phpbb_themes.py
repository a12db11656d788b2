"""parsers.phpbb on hand-written pages of phpBB 3 styles other than the prosilver the first tests
were written for (tests/data/phpbb_themes/, one page per style, each naming the public templates
it follows): prosilver 3.0 and 3.3, subsilver2's tables, Absolution's ``div.vtouter#pN`` (the post
id on a div without the "post" class) and a style that moved the id onto an inner anchor.

Every expected value below was read off the fixture's markup by hand: post ids from the ``pN``
anchors, authors from the name markup, times from the printed date in the zone the page states
(or the ``<time datetime>``), own text from the message less its quotes.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA
from parsel import Selector

from parsers import phpbb
from parsers.clock import UNSTATED_ZONE_ERROR
from parsers.html_text import decode_body
from parsers.registry import parse_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
THEMES = DATA / "phpbb_themes"
URL = "https://ponds.example/forum/viewtopic.php?t={topic}"


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=timezone.utc)


# Per style: the topic, then per post (id, author, author id, published, own text starts with,
# quoted author or None, edited at or None).
EXPECTED = {
    "prosilver30.html": ("300", "Winter care for lilies", [
        ("3001", "Marsh Marigold", "12", at(2016, 3, 6, 4, 45), "Do hardy lilies need", None, None),
        ("3002", "Passing Heron", None, at(2016, 3, 6, 6, 10), "No, just sink the baskets", "Marsh Marigold", None),
        ("3003", "Duckweed", "40", at(2016, 3, 7, 21, 30), "Mine stayed in all winter", None, at(2016, 3, 7, 22, 2)),
    ]),
    "prosilver33.html": ("410", "Frogspawn in March", [
        ("4101", "Tadpole Tom", "55", at(2024, 3, 10, 8, 15), "The first clumps of spawn", None, None),
        ("4102", "Newt Watcher", None, at(2024, 3, 10, 11, 40), "Same here, two weeks early.", "Tadpole Tom", None),
        ("4103", "Reedmace", "2", at(2024, 3, 11, 19, 5), "Keep the net on", None, at(2024, 3, 11, 19, 20)),
    ]),
    "subsilver2.html": ("77", "Blanket weed again", [  # "All times are UTC - 5 hours"
        ("771", "Algae Al", "2", at(2016, 3, 6, 10, 45), "The blanket weed is back", None, None),
        ("772", "Pond Visitor", None, at(2016, 3, 7, 2, 0), "Barley straw worked for me", "Algae Al", None),
        ("775", "Waterboatman 2016", "31", at(2016, 3, 7, 5, 5), "A UV clarifier only helps", None,
         at(2016, 3, 7, 5, 30)),
    ]),
    "absolution.html": ("812", "Raid night pond meetup", [  # "All times are UTC - 4 hours"
        ("8120", "Greywater", "77", at(2019, 6, 2, 0, 30), "Meet at the big pond", None, None),
        ("8121", "Wandering Bard", None, at(2019, 6, 2, 1, 2), "Can guests come too?", "Greywater", None),
        ("8125", "Greywater", "77", at(2019, 6, 2, 14, 15), "Yes, everyone is welcome.", None, at(2019, 6, 2, 14, 40)),
        ("8126", None, None, at(2019, 6, 2, 15, 0), "I will bring the nets.", None, None),
    ]),
    "inner_anchor.html": ("905", "Pond liner repair", [
        ("9051", "Liner Lou", "301", at(2023, 5, 20, 14, 0), "My liner has a small tear", None, None),
        ("9052", "Helpful Stranger", None, at(2023, 5, 20, 15, 30), "Patch it, EPDM patches", "Liner Lou", None),
        ("9060", "Liner Lou", "301", at(2023, 5, 22, 8, 45), "Patched it, no leaks", None, at(2023, 5, 22, 9, 5)),
    ]),
}


def parse(name: str):
    topic = EXPECTED[name][0]
    return parse_page((THEMES / name).read_bytes(), URL.format(topic=topic), CAPTURED)


@pytest.mark.parametrize("name", EXPECTED)
def test_every_style_is_detected_as_phpbb(name):
    doc = Selector(text=decode_body((THEMES / name).read_bytes()))
    assert phpbb.detect(doc)


@pytest.mark.parametrize("name", EXPECTED)
def test_posts_ids_authors_and_dates(name):
    topic, title, posts = EXPECTED[name]
    result = parse(name)
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    assert result.thread.title == title
    assert [p.post_id for p in result.posts] == [post[0] for post in posts]
    assert [p.author.name for p in result.posts] == [post[1] for post in posts]
    assert [p.author.id for p in result.posts] == [post[2] for post in posts]
    assert [p.published_at for p in result.posts] == [post[3] for post in posts]


@pytest.mark.parametrize("name", EXPECTED)
def test_own_text_quotes_and_edits(name):
    posts = EXPECTED[name][2]
    result = parse(name)
    for post, (post_id, _author, _id, _when, starts, quoted, edited) in zip(result.posts, posts):
        assert post.text.startswith(starts), post_id
        assert [q.author for q in post.quotes] == ([quoted] if quoted else []), post_id
        for quote in post.quotes:  # the quote's words are not the poster's
            assert quote.text and quote.text not in post.text
        assert post.edited_at == edited, post_id


@pytest.mark.parametrize("name", EXPECTED)
def test_permalinks_lead_to_the_post(name):
    topic, _title, posts = EXPECTED[name]
    result = parse(name)
    for post in result.posts:
        assert post.url == f"https://ponds.example/forum/viewtopic.php?p={post.post_id}#p{post.post_id}"


def test_a_post_without_name_markup_has_no_author_and_says_so():
    """Absolution's fourth post prints only its profile column ("Registered Users", "Posts: 5"):
    neither is a name."""
    result = parse("absolution.html")
    assert result.posts[3].author.name is None
    assert "post 8126: no author name found" in result.errors
    names = {p.author.name for p in result.posts}
    assert not names & {"Posts:", "Registered Users", "Guild Officer", "Posts"}


def test_only_the_absolution_post_without_a_name_is_an_error():
    for name in EXPECTED:
        errors = parse(name).errors
        assert errors == (["post 8126: no author name found"] if name == "absolution.html" else []), name


def test_subsilver2_signature_and_profile_column_are_not_the_post():
    result = parse("subsilver2.html")
    first = result.posts[0]
    assert first.text == "The blanket weed is back, thicker than last year.\nBarley straw or a UV lamp?"
    assert "Ponds are never finished" not in first.text
    assert first.author.url == "https://ponds.example/forum/memberlist.php?mode=viewprofile&u=2"
    # The third post's subject holds a date ("12.03.2016 10:00"); its time is the "Posted:" one.
    assert result.posts[2].published_at == at(2016, 3, 7, 5, 5)
    assert result.posts[2].edited_by == "Waterboatman 2016"


def test_subsilver2_forum_path_is_read_from_its_breadcrumbs_paragraph():
    """subsilver2 prints its crumbs as ``p.breadcrumbs`` links, not prosilver's ``li.breadcrumbs``:
    a subsilver2 board's threads (theavalanches.com's, checked by hand) were filed under no forum."""
    assert parse("subsilver2.html").thread.forum == ["Board index", "Algae"]


def test_subsilver2_quote_is_read_as_a_quote():
    quote = parse("subsilver2.html").posts[1].quotes[0]
    assert (quote.author, quote.text) == ("Algae Al", "Barley straw or a UV lamp?")


def test_prosilver33_quote_names_the_quoted_post_and_its_time():
    quote = parse("prosilver33.html").posts[1].quotes[0]
    assert (quote.author, quote.author_id, quote.post_id) == ("Tadpole Tom", "55", "4101")
    assert quote.published_at == at(2024, 3, 10, 8, 15)  # 9:15 am in Europe/Paris


def test_a_post_anchor_without_a_message_box_is_reported_not_guessed():
    page = (b'<html><body><a href="./viewtopic.php?t=1">t</a><a href="./posting.php?mode=reply&amp;t=1">Reply</a>'
            b'<table><tr><td><a name="p1"></a><b class="postauthor">Ann</b></td></tr>'
            b'<tr><td><div class="postbody">Hello there.</div></td></tr></table>'
            b'<table><tr><td colspan="2"><a name="p2"></a>This post was hidden.</td></tr></table>'
            b'</body></html>')
    result = parse_page(page, "https://ponds.example/viewtopic.php?t=1", CAPTURED)
    assert [p.post_id for p in result.posts] == ["1"]
    assert any("post 2:" in error for error in result.errors)


def test_prosilver_post_whose_name_markup_is_missing_has_no_author():
    """The known junk: with the author line's name and the profile column's ``dt`` name gone, the
    first bold words of the column are "Posts:"; they are not a name."""
    html = (THEMES / "prosilver30.html").read_text(encoding="utf-8")
    html = html.replace('by <strong><a href="./memberlist.php?mode=viewprofile&amp;u=40">Duckweed</a></strong> &raquo; ', "")
    html = html.replace('<dt><a href="./memberlist.php?mode=viewprofile&amp;u=40">Duckweed</a></dt>', "<dt></dt>")
    result = parse_page(html.encode(), URL.format(topic="300"), CAPTURED)
    post = result.posts[2]
    assert (post.post_id, post.author.name) == ("3003", None)
    assert post.published_at == at(2016, 3, 7, 21, 30)
    assert "post 3003: no author name found" in result.errors


def test_an_anchor_standing_before_its_post_takes_the_post_that_follows_it():
    """The inner anchors of inner_anchor.html moved out, each before its post's div (siblings)."""
    html = (THEMES / "inner_anchor.html").read_text(encoding="utf-8")
    for post_id in ("9051", "9052", "9060"):
        anchor = f'<a id="p{post_id}" class="anchor"></a>'
        html = html.replace(f"\t\t{anchor}\n", "", 1)
        html = html.replace('\t<div class="post has-profile', f'\t<a name="p{post_id}"></a><div data-moved class="post has-profile', 1)
    assert html.count("data-moved") == 3 and 'id="p9051"' not in html
    result = parse_page(html.encode(), URL.format(topic="905"), CAPTURED)
    assert [(p.post_id, p.author.name) for p in result.posts] == [
        ("9051", "Liner Lou"), ("9052", "Helpful Stranger"), ("9060", "Liner Lou")]
    assert result.errors == []


def test_mirrored_profile_links_give_the_member_id_of_their_u_parameter():
    """allanstyle_mirrored.html: an offline mirror's profile links carry a hash in the file name
    ("memberlist8beb.html?...&u=5056", "memberlist2675.html?...&u=2988"); the id is the u= parameter,
    never the hash's digits (found on a real mirrored phpBB 3.2 page, where two of three members got
    the ids "8" and "2675")."""
    result = parse_page((THEMES / "allanstyle_mirrored.html").read_bytes(),
                        "https://ponds.example/forum/viewtopic.php?t=512", CAPTURED)
    # The mirror kept no "All times are ..." footer: the times are read as UTC, and the page says so.
    assert (result.kind, result.engine, result.errors) == ("thread_page", "phpbb", [UNSTATED_ZONE_ERROR])
    assert result.thread.title == "Topping up in a heatwave"
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("5120", "Lily Pad", "5056", at(2018, 9, 5, 10, 44)),
        ("5123", "Old Carp", "2988", at(2018, 9, 5, 18, 17)),
        ("5127", "Reed Warbler", "1265", at(2018, 9, 6, 10, 34)),
    ]
    assert result.posts[0].author.url == "https://ponds.example/forum/memberlist8beb.html?mode=viewprofile&u=5056"
    quote = result.posts[2].quotes[0]
    assert (quote.author, quote.author_id, quote.post_id, quote.published_at) == (
        "Old Carp", "2988", "5123", at(2018, 9, 5, 18, 17))
    assert result.posts[2].text == "Rain water butts are even better for topping up."


def test_bboots_list_pager_footer_zone_title_and_media_embeds():
    """SiteSplat's BBOOTS theme (forum.ebaumsworld.com): its pager is a Bootstrap ul.pagination, its
    zone only in a small.pull-right's span[title], and the Media Embed extension's videos are
    iframes. Page 48 of 58 was read as page 1 of 1 with its first poster as the topic's starter,
    the times as UTC (7 to 8 hours off), and a post that was only a video came back with nothing."""
    body = (DATA / "phpbb_styles" / "bboots_list_pager_zone_title_media.html").read_bytes()
    result = parse_page(body, "https://reel.example/viewtopic.php?f=14&t=42095&start=6", datetime(2020, 6, 3, tzinfo=timezone.utc))
    assert (result.thread.page, result.thread.page_count, result.thread.starter) == (3, 5, None)
    assert result.next_page_url == "https://reel.example/viewtopic.php?f=14&t=42095&start=9"
    assert [(p.post_id, p.position, p.author.name, p.published_at) for p in result.posts] == [
        ("171193", 7, "reel_rita", datetime(2019, 12, 16, 0, 58, tzinfo=timezone.utc)),
        ("171714", 8, "film_fred", datetime(2020, 1, 18, 22, 56, tzinfo=timezone.utc)),
        ("171716", 9, "reel_rita", datetime(2020, 1, 18, 23, 22, tzinfo=timezone.utc))]
    assert [link.url for link in result.posts[0].links] == ["https://www.youtube.com/embed/AbCdEfGhIjK"]
    assert result.posts[2].text == "The soundtrack carries it."
    assert [link.url for link in result.posts[2].links] == ["https://www.youtube.com/embed/ZyXwVuTsRqP"]
    assert result.errors == []


def test_prosilver_30_author_line_with_seo_profile_addresses_names_its_poster():
    """phpBB 3.0's author line prints the poster's link in a <strong>: with the phpBB SEO mod's
    addresses ("/membre6344/", no memberlist.php, no username class) no post had an author
    (forums.maladiesraresinfo.org)."""
    body = (DATA / "phpbb_styles" / "prosilver30_seo_profile_addresses.html").read_bytes()
    result = parse_page(body, "https://jardins.example/pret-et-assurance-t2720.html", datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("10168", "rose_des_vents", "6344", datetime(2017, 10, 29, 16, 46, tzinfo=timezone.utc)),
        ("10172", "Modérateur", "57", datetime(2017, 10, 30, 13, 0, tzinfo=timezone.utc))]
    assert not any("no author" in error for error in result.errors)
    assert UNSTATED_ZONE_ERROR in result.errors


def test_phpbb_style_heading_without_link_and_zone_in_a_list_item_of_its_own():
    """A phpBB 3.0 style whose topic <h2> has no class nor link, and whose footer prints "All times
    are UTC + 1 hour" in a plain <li>: the title was the whole <title>, board name and "View topic"
    with it, and the times were read as UTC, an hour late, with an error saying no zone was named.
    A list inside a post ("20:00 GMT+5") is the poster's, never the page's zone."""
    body = (DATA / "phpbb_styles" / "raspite_heading_without_link_zone_in_own_item.html").read_bytes()
    result = parse_page(body, "https://berry.example/viewtopic.php?t=280", datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert result.thread.title == "Playing video from a named pipe"
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("5101", "pipe_fitter", datetime(2013, 1, 2, 18, 14, tzinfo=timezone.utc)),
        ("5107", "Maxwell", datetime(2013, 1, 2, 20, 30, tzinfo=timezone.utc))]
    assert result.errors == []
    without_footer_zone = body.replace(b"<li><i class=\"icon icon-time\"></i> All times are UTC + 1 hour </li>", b"")
    assert without_footer_zone != body
    unzoned = parse_page(without_footer_zone, "https://berry.example/viewtopic.php?t=280",
                         datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert unzoned.posts[0].published_at == datetime(2013, 1, 2, 19, 14, tzinfo=timezone.utc)
    assert any("printed times read as UTC" in error for error in unzoned.errors)
