"""parsers.xenforo on hand-written pages in XenForo styles other than the ones the shared pages show
(tests/data/xenforo_themes/, one file per style; each file's header says which public markup it follows).

Why: real boards run third-party and custom styles; the parser must find every post by what every
XenForo style keeps (data-author, the post's number, .bbWrapper, the permalinked date), and read a
date that a style prints as text. Every expected value below was read off the fixture by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers import xenforo
from parsers.registry import parse_page

THEMES = DATA / "xenforo_themes"
UTC = timezone.utc


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# file, page URL, capture time, thread (id, title, starter), posts:
# (post id, author name, author id, published, edited at, own text starts with, quote tree)
# A quote tree is [(author, post id, [inner quotes])].
CASES = {
    "xf2_default": (
        "https://garden.example/threads/pump-seal-replacement.9001/", at(2024, 7, 10),
        ("9001", "Pump seal replacement", "Marta Lind"),
        [
            ("70001", "Marta Lind", "11", at(2024, 7, 5, 17, 39), None, "Has anyone replaced the pump seal", []),
            ("70002", "Visitor Joe", None, at(2024, 7, 5, 18, 2), None, "Check the clamp first",
             [("Marta Lind", "70001", [])]),
            ("70003", "Oskar", "12", at(2024, 7, 6, 9, 15), at(2024, 7, 6, 9, 40), "The clamp was it.",
             [("Visitor Joe", "70002", [("Marta Lind", "70001", [])])]),
        ],
    ),
    "xf2_custom_no_time": (
        "https://motor.example/community/threads/winter-tyres-on-a-budget.4410/", at(2024, 7, 8, 12, 0),
        ("4410", "Winter tyres on a budget", "Rhea Stone"),
        [
            ("880", "Rhea Stone", "301", at(2024, 7, 5, 17, 39), None, "Which winter tyres are worth it", []),
            # a guest: no microdata, only the printed "Jul 5, 2024 at 6:02 PM"
            ("881", "Passer-by", None, at(2024, 7, 5, 18, 2), None, "Budget brands from the big makers",
             [("Rhea Stone", "880", [])]),
            # the meta's seconds (09:15:27) show the microdata is read before the printed "9:15 AM";
            # the edit notice is printed text: "Last edited: Jul 6, 2024 at 9:40 AM"
            ("882", "Tomasz K", "302", at(2024, 7, 6, 9, 15, 27), at(2024, 7, 6, 9, 40), "Agreed, I run the budget line",
             [("Passer-by", "881", [("Rhea Stone", "880", [])])]),
            # "Today at 10:12 AM", read against the capture day
            ("883", "Nightowl", None, at(2024, 7, 8, 10, 12), None, "Check the load index too.", []),
        ],
    ),
    "xf2_renamed_classes": (
        "https://bake.example/threads/sourdough-starter-went-grey.5120/", at(2024, 7, 10),
        # No starter: the style prints the post number in a span of its own (no "#1" link, no
        # attribution header), so the first post shown is not known to be the thread's first.
        ("5120", "Sourdough starter went grey", None),
        [
            # the user column's "Last seen" <time> (Jul 8) comes first; the post's is the permalinked one
            ("3301", "Ilse", "71", at(2024, 7, 5, 17, 39), None, "My starter has a grey liquid on top.", []),
            ("3302", "Crumb Lover", None, at(2024, 7, 5, 18, 2), None, "That is hooch.", [("Ilse", "3301", [])]),
            ("3303", "Baker Ben", "72", at(2024, 7, 6, 9, 15), at(2024, 7, 6, 9, 40), "Poured it off, fed it twice",
             [("Crumb Lover", "3302", [("Ilse", "3301", [])])]),
        ],
    ),
    "xf1_default": (
        "https://radio.example/forum/threads/valve-amp-hum.812/", at(2015, 3, 4, 12, 0),
        ("812", "Valve amp hum", "Solder Sam"),
        [
            ("6001", "Solder Sam", "21", at(2015, 3, 2, 7, 40), None, "My old valve amp hums at idle.", []),
            ("6002", "Curious Listener", None, at(2015, 3, 2, 8, 5), None, "Start with the filter caps",
             [("Solder Sam", "6001", [])]),
            ("6003", "Valve Vera", "22", at(2015, 3, 4, 6, 55), at(2015, 3, 4, 12, 0), "Caps first, then check",
             [("Curious Listener", "6002", [("Solder Sam", "6001", [])])]),
        ],
    ),
}


def quote_tree(quotes) -> list:
    return [(q.author, q.post_id, quote_tree(q.quotes)) for q in quotes]


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    url, captured, thread, posts = CASES[request.param]
    result = parse_page((THEMES / f"{request.param}.html").read_bytes(), url, captured)
    return request.param, result, thread, posts


def test_every_fixture_file_has_a_case():
    assert sorted(p.stem for p in THEMES.glob("*.html")) == sorted(CASES)


def test_fixtures_say_they_are_hand_written():
    for path in THEMES.glob("*.html"):
        head = path.read_text(encoding="utf-8")[:1500]
        assert "Hand-written, not a capture" in head, path.name


def test_thread(case):
    name, result, (thread_id, title, starter), _ = case
    assert (result.kind, result.engine) == ("thread_page", "xenforo"), name
    starter_name = result.thread.starter.name if result.thread.starter is not None else None
    assert (result.thread.id, result.thread.title, starter_name) == (thread_id, title, starter)
    # Only the style that prints its times as text says they were read without a stated zone.
    assert result.errors == ([xenforo.ZONE_ERROR] if name == "xf2_custom_no_time" else [])


def test_posts_ids_authors_and_dates(case):
    name, result, _, posts = case
    found = [(p.post_id, p.author.name, p.author.id, p.published_at, p.edited_at) for p in result.posts]
    assert found == [(i, a, aid, pub, edit) for i, a, aid, pub, edit, _, _ in posts], name


def test_guests_have_no_member_link(case):
    _, result, _, posts = case
    for post, expected in zip(result.posts, posts):
        if expected[2] is None:
            assert (post.author.id, post.author.url) == (None, None)
        else:
            assert post.author.url and post.author.url.endswith(f".{expected[2]}/")


def test_own_words_and_nested_quotes(case):
    name, result, _, posts = case
    for post, expected in zip(result.posts, posts):
        assert post.text.startswith(expected[5]), (name, post.post_id, post.text)
        assert "said:" not in post.text and "Click to expand" not in post.text and "Last edited" not in post.text
        assert quote_tree(post.quotes) == expected[6], (name, post.post_id)


def test_a_printed_date_is_not_taken_from_the_user_pane():
    # The custom style's user pane prints "Joined Feb 11, 2019 at 8:00 AM": never a post's date.
    url, captured, _, _ = CASES["xf2_custom_no_time"]
    result = parse_page((THEMES / "xf2_custom_no_time.html").read_bytes(), url, captured)
    assert all(p.published_at.year == 2024 for p in result.posts)


def test_a_post_with_no_date_anywhere_says_so():
    page = ('<html id="XF" data-template="thread_view"><body>'
            '<article class="message" data-author="Ann" data-content="post-5" id="js-post-5">'
            '<a class="username" href="/members/ann.1/" data-user-id="1">Ann</a>'
            '<div class="bbWrapper">Posted in 2024, more or less.</div></article></body></html>').encode()
    result = parse_page(page, "https://forum.example/threads/t.9/", at(2024, 7, 10))
    assert [(p.post_id, p.author.id, p.published_at) for p in result.posts] == [("5", "1", None)]
    assert "post 5: no publication time found" in result.errors
