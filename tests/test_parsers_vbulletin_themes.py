"""parsers.vbulletin on hand-written pages of vBulletin 4 skins (tests/data/vbulletin_themes/, one
page per skin, each naming what it follows): the default skin's postbit_legacy and horizontal
postbit templates, and a customised skin without span.date, the "username" class or a.postcounter.

Every expected value below was read off the fixture's markup by hand: post ids from
``post_message_N``, authors from the name markup, times from the printed date in the footer's zone
(relative days against the capture time), own text from the message less its quotes.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
SKINS = DATA / "vbulletin_themes"


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=timezone.utc)


# Per skin: the thread id, title, then per post (id, author, author id, published, own text starts
# with, quoted author or None, edited at or None).
EXPECTED = {
    "vb4_postbit_legacy.html": ("555", "Koi not eating in spring", [  # "All times are GMT -5"
        ("5550", "Koi Carer", "81", at(2016, 3, 6, 10, 45), "My koi have not eaten", None, None),
        ("5553", "Fish Fan", None, at(2016, 3, 6, 14, 30), "Not below 10 degrees", "Koi Carer", None),
        ("5561", "Water Lily", "9", at(2016, 3, 8, 4, 5), "Test the water for ammonia", None, at(2016, 3, 8, 4, 20)),
    ]),
    "vb4_postbit.html": ("610", "Heron netting ideas", [  # "All times are GMT +1", captured 1 June 12:00 UTC
        ("6101", "Net Ned", "120", at(2024, 5, 31, 21, 10), "A heron took three fish", None, None),
        ("6104", "Bird Watcher", None, at(2024, 6, 1, 7, 5), "A decoy heron worked", "Net Ned", None),
        ("6107", "Net Ned", "120", at(2024, 6, 1, 10, 15), "Fishing line strung", None, at(2024, 6, 1, 10, 40)),
    ]),
    "vb4_custom_skin.html": ("720", "Teichfilter selber bauen", [  # "Alle Zeitangaben in WEZ +1"
        ("7201", "Seerose", "14", at(2016, 3, 6, 4, 45), "Ich baue gerade einen Tonnenfilter", None, None),
        ("7202", "Gast Kurt", None, at(2016, 3, 6, 7, 10), "Für einen kleinen Teich ja.", "Seerose", None),
        ("7206", "Seerose", "14", at(2016, 3, 7, 18, 30), "Danke, der Filter läuft jetzt.", None,
         at(2016, 3, 7, 18, 55)),
        ("7209", "Filterfreund", "33", at(2016, 3, 8, 6, 0), "Schöner Bau", None, None),
        ("7210", None, None, at(2016, 3, 8, 6, 30), "Fotos kommen am Wochenende.", None, None),
    ]),
}


def parse(name: str):
    thread = EXPECTED[name][0]
    return parse_page((SKINS / name).read_bytes(), f"https://ponds.example/forum/showthread.php?t={thread}",
                      CAPTURED)


@pytest.mark.parametrize("name", EXPECTED)
def test_posts_ids_authors_and_dates(name):
    thread, title, posts = EXPECTED[name]
    result = parse(name)
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert (result.thread.id, result.thread.title) == (thread, title)
    assert [p.post_id for p in result.posts] == [post[0] for post in posts]
    assert [p.author.name for p in result.posts] == [post[1] for post in posts]
    assert [p.author.id for p in result.posts] == [post[2] for post in posts]
    assert [p.published_at for p in result.posts] == [post[3] for post in posts]


@pytest.mark.parametrize("name", EXPECTED)
def test_own_text_quotes_and_edits(name):
    result = parse(name)
    for post, (post_id, _author, _id, _when, starts, quoted, edited) in zip(result.posts, EXPECTED[name][2]):
        assert post.text.startswith(starts), post_id
        assert [q.author for q in post.quotes] == ([quoted] if quoted else []), post_id
        for quote in post.quotes:
            assert quote.text and quote.text not in post.text
        assert post.edited_at == edited, post_id


@pytest.mark.parametrize("name", EXPECTED)
def test_errors_only_for_a_post_without_name_markup(name):
    errors = parse(name).errors
    assert errors == (["post 7210: no author name found"] if name == "vb4_custom_skin.html" else [])


def test_custom_skin_reads_the_permalink_counter_and_never_the_user_column():
    result = parse("vb4_custom_skin.html")
    assert [p.position for p in result.posts] == [41, 42, 43, 44, 45]
    assert result.posts[0].url == "https://ponds.example/forum/showpost.php?p=7201&postcount=41"
    assert result.posts[3].author.url == "https://ponds.example/forum/member.php?u=33"
    names = {p.author.name for p in result.posts}
    assert not names & {"Stammgast", "Neuling", "Gast", "Beiträge:", "Profil ansehen"}
    assert result.posts[2].edited_by == "Seerose"


def test_default_skins_permalinks_and_quoted_posts():
    legacy = parse("vb4_postbit_legacy.html")
    assert legacy.posts[0].url == "https://ponds.example/forum/showthread.php?t=555&p=5550#post5550"
    assert legacy.posts[1].quotes[0].post_id == "5550"
    horizontal = parse("vb4_postbit.html")
    assert horizontal.posts[1].quotes[0].post_id == "6101"
    assert horizontal.posts[2].edited_by == "Net Ned"


def test_a_skin_without_post_message_ids_is_read_from_its_post_blocks():
    """postbit_legacy with every ``div#post_message_N`` renamed: the posts are ``li#post_N`` and
    their ``blockquote.postcontent``."""
    html = (SKINS / "vb4_postbit_legacy.html").read_text(encoding="utf-8").replace('id="post_message_', 'id="msg_')
    assert 'id="post_message_' not in html
    result = parse_page(html.encode(), "https://ponds.example/forum/showthread.php?t=555", CAPTURED)
    posts = EXPECTED["vb4_postbit_legacy.html"][2]
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [post[:2] + post[3:4] for post in posts]
    assert [p.text[:20] for p in result.posts] == [post[4][:20] for post in posts]
    assert result.posts[2].edited_at == posts[2][6]
    assert result.posts[1].quotes[0].author == "Koi Carer"


def test_friendly_url_profiles_give_the_member_id():
    """vb4_friendly_urls.html: vBulletin 4's "basic" friendly URLs write a profile as
    "member.php?70024-name", the id first in the query string (as on a real vB 4.2.2 board in the
    ThemeCrate debutant skin); the author id is that number, not None."""
    result = parse_page((SKINS / "vb4_friendly_urls.html").read_bytes(),
                        "https://ponds.example/forum/showthread.php?880-Duckweed-everywhere", CAPTURED)
    assert (result.kind, result.engine, result.errors) == ("thread_page", "vbulletin", [])
    # No hidden t= or searchthreadid field on this page: the thread id is read from its address alone.
    assert result.thread.id == "880"
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("8801", "Green Water", "70024", at(2017, 10, 4, 16, 0)),  # GMT -5
        ("8805", "Moorhen", "1935", at(2017, 11, 12, 1, 42)),
    ]
    assert result.posts[1].author.url == "https://ponds.example/forum/member.php?1935-Moorhen"
    assert [q.author for q in result.posts[1].quotes] == ["Green Water"]
    assert result.posts[1].text == "Goldfish and ducks do. Or scoop it out with a net every week."


def test_a_message_torn_into_the_previous_posts_block_takes_no_name_from_it():
    """hostile/vbulletin_message_torn_into_the_previous_posts_block.html: post 7303 (no name
    printed) lost its ``<li>`` start and post 7302 its counter's start tag, its message box and its
    ``</li>``, so 7303's message stands inside li#post_7302, below 7302's name box, and nothing in
    that block names 7302. Before: 7303 was given "Filterfreund",
    silently (fuzz seed 127, ``delete_tags``, on vb4_custom_skin.html)."""
    body = (DATA / "hostile" / "vbulletin_message_torn_into_the_previous_posts_block.html").read_bytes()
    result = parse_page(body, "https://ponds.example/forum/showthread.php?t=730", CAPTURED)
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("7301", "Seerose", "14"), ("7303", None, None), ("7304", "Seerose", "14")]
    assert result.posts[1].text == "Bei mir läuft sie auf kleiner Stufe durch."
    assert any(e.startswith("post 7303: its block of the page holds other posts too") for e in result.errors)
    assert any(e.startswith("post 7302: its block was not read") for e in result.errors)


def test_a_guests_name_box_left_open_gives_the_name_alone():
    """hostile/vbulletin_guest_name_box_left_open.html: two guests' name boxes lost their </div>;
    one runs on over the next post and the footer. The name is the box's words before its first
    block or user title. Before: "Gast Kurt Gast" and "Gast Ute Gast Alle Zeitangaben in WEZ +1.
    Es ist jetzt 13:00 Uhr.", silently (fuzz seed 127, ``delete_tags``)."""
    body = (DATA / "hostile" / "vbulletin_guest_name_box_left_open.html").read_bytes()
    result = parse_page(body, "https://ponds.example/forum/showthread.php?t=740", CAPTURED)
    assert [(p.post_id, p.author.name, p.author.url) for p in result.posts] == [
        ("7401", "Gast Kurt", None), ("7402", "Gast Ute", None),
        ("7403", "Seerose", "https://ponds.example/forum/member.php?u=14")]


def test_a_guests_name_box_left_open_gives_the_name_alone_with_the_titles_class_renamed_too():
    """The same page with span.usertitle's class renamed by a theme ("rank"): the user title's
    element after the guest's bare name is not part of the name, which is one run of words.
    Before: "Gast Kurt Gast" and "Gast Ute Gast", silently (fuzz seed 145, ``rename_classes``:
    59 of 400 mutants of the page)."""
    body = (DATA / "hostile" / "vbulletin_guest_name_box_left_open.html").read_bytes()
    assert body.count(b'class="usertitle"') == 3
    result = parse_page(body.replace(b'class="usertitle"', b'class="rank"'),
                        "https://ponds.example/forum/showthread.php?t=740", CAPTURED)
    assert [(p.post_id, p.author.name, p.author.url) for p in result.posts] == [
        ("7401", "Gast Kurt", None), ("7402", "Gast Ute", None),
        ("7403", "Seerose", "https://ponds.example/forum/member.php?u=14")]


def test_a_member_link_reopened_over_the_next_posts_head_is_not_its_poster():
    """broken_markup/vbulletin_member_link_reopened_over_the_next_head.html (read from the browser's
    tree, so left out of the fuzzer's pages): post 7201's name link lost its </a>; the browser's
    tree (html5lib) reopens it around post 7202's head, whose counter and name box lost their
    start tags. Before: 7202 was named "#42" with 7201's poster's profile,
    silently (fuzz seed 127, ``delete_tags``)."""
    body = (DATA / "broken_markup" / "vbulletin_member_link_reopened_over_the_next_head.html").read_bytes()
    result = parse_page(body, "https://ponds.example/forum/showthread.php?t=720", CAPTURED)
    post = next(p for p in result.posts if p.post_id == "7202")
    assert (post.author.name, post.author.url, post.author.id) == (None, None, None)
    assert post.text == "Für einen kleinen Teich ja."
    assert "post 7202: no author name found" in result.errors
