"""parsers.xenforo on hand-written pages imitating XenForo style and add-on overrides of the post
templates found in public repositories (tests/data/xenforo_styles/, one file per override; each
file's header names the template it follows and the values expected, read off the page by hand).

Why: a board's style may rewrite post_macros (XF2) or the message/post templates (XF1): staff
badges and icons in the header, the date and "#N" moved into the user pane, the poster's name
printed again beside the date, replies drawn as posts nested in their parent. Each post must still
come back with its own author, date and number, from what every style keeps (data-author, the
post's number, .bbWrapper/.messageText, the date inside the link to the post).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.registry import parse_page

STYLES = DATA / "xenforo_styles"
UTC = timezone.utc


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# file: page URL, capture time, (thread id, title, starter),
# posts: (post id, position, author, author id, published, edited at, edited by, text starts with, quotes)
# quotes: [(author, post id)]
CASES = {
    "xf2_staff_badges_post_bottom": (
        "https://engine.example/threads/carburettor-icing-on-cold-mornings.7730/", at(2024, 7, 10),
        ("7730", "Carburettor icing on cold mornings", "Hedda Vos"),
        [
            ("91001", 1, "Hedda Vos", "5", at(2024, 1, 9, 7, 12), None, None, "Every cold morning", []),
            ("91002", 2, "Loke", "88", at(2024, 1, 9, 8, 30), None, None, "Fit the warm-air hose",
             [("Hedda Vos", "91001")]),
            ("91003", 3, "Road Ruth", None, at(2024, 1, 10, 19, 5), at(2024, 1, 10, 19, 20), "Road Ruth",
             "Same here; a carb heater kit cured it.", []),
        ],
    ),
    "xf2_threadedcomments_nested_replies": (
        "https://tools.example/threads/which-bench-grinder-wheel.4402/", at(2024, 7, 10),
        ("4402", "Which bench grinder wheel", "Ansel Brook"),
        [
            ("6001", 1, "Ansel Brook", "31", at(2023, 11, 2, 10, 0), None, None, "White or grey wheel", []),
            # replies print no number: each follows the post before it
            ("6004", 2, "Mirela", "47", at(2023, 11, 2, 11, 30), None, None, "Grey for high-speed steel", []),
            ("6007", 3, "Shed Tom", None, at(2023, 11, 3, 8, 45), None, None, "Dress the white wheel", []),
        ],
    ),
    "xf2_uix_date_and_number_in_user_pane": (
        "https://veg.example/threads/tomato-blight-this-early.2290/", at(2024, 7, 10),
        ("2290", "Tomato blight this early?", "Greta"),
        [
            ("17001", 1, "Greta", "602", at(2021, 6, 2, 6, 40), None, None, "Brown patches on the lower leaves", []),
            ("17002", 2, "Allotment Al", None, at(2021, 6, 2, 7, 55), None, None, "More likely early blight", []),
            ("17003", 3, "Greta", "602", at(2021, 6, 3, 19, 20), None, None, "Removed them", []),
        ],
    ),
    "xf1_uix_meta_author_before_date": (
        "https://resin.example/forum/threads/resin-cracking-after-curing.318/", at(2015, 3, 3, 13, 40),
        ("318", "Resin cracking after curing", "Kasia Rook"),
        [
            ("2201", 1, "Kasia Rook", "14", at(2015, 3, 2, 7, 30), None, None, "My epoxy pour cracked", []),
            # span.DateTime title "Mar 2, 2015 at 9:10 AM", the board's zone UTC (serverTimeInfo)
            ("2202", 2, "Hobby Hal", None, at(2015, 3, 2, 9, 10), None, None, "Too thick a pour", []),
            ("2203", 3, "Ivo Marsh", "15", at(2015, 3, 3, 10, 0), None, None, "Layers worked for me",
             [("Kasia Rook", "2201")]),
        ],
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    url, captured, thread, posts = CASES[request.param]
    result = parse_page((STYLES / f"{request.param}.html").read_bytes(), url, captured)
    return request.param, result, thread, posts


def test_every_fixture_file_has_a_case():
    assert sorted(p.stem for p in STYLES.glob("*.html")) == sorted(CASES)


def test_fixtures_say_they_are_hand_written():
    for path in STYLES.glob("*.html"):
        assert "Hand-written fixture (invented names and words) imitating" in path.read_text(encoding="utf-8")[:400]


def test_thread_and_no_errors(case):
    name, result, (thread_id, title, starter), _ = case
    assert (result.kind, result.engine) == ("thread_page", "xenforo"), name
    starter_name = result.thread.starter.name if result.thread.starter is not None else None
    assert (result.thread.id, result.thread.title, starter_name) == (thread_id, title, starter)
    assert result.errors == [], name


def test_each_post_has_its_own_author_date_and_number(case):
    name, result, _, posts = case
    found = [(p.post_id, p.position, p.author.name, p.author.id, p.published_at, p.edited_at, p.edited_by)
             for p in result.posts]
    assert found == [expected[:7] for expected in posts], name


def test_own_words_and_quotes(case):
    name, result, _, posts = case
    for post, expected in zip(result.posts, posts):
        assert post.text.startswith(expected[7]), (name, post.post_id, post.text)
        assert "STAFF" not in post.text and "Thread Starter" not in post.text and "Last edited" not in post.text
        assert [(q.author, q.post_id) for q in post.quotes] == expected[8], (name, post.post_id)


def test_links_to_each_post_are_its_own(case):
    # The "#N" links, date links and reply links of one post never lend their address to another.
    _, result, _, _ = case
    for post in result.posts:
        assert post.url.endswith((f"post-{post.post_id}", f"/posts/{post.post_id}/")), post.url
