"""parsers.ips on hand-written pages in Invision Community themes other than the ones the shared
pages show (tests/data/ips_themes/, one file per theme; each file's header says which public
templates it follows).

Why: a theme may redraw the post's frame (author pane, meta line); the parser must still find each
post, its author and date by what IPS's own scripts need (elComment_N, data-quotedata,
data-role=commentContent, the ?do=findComment permalink). Every expected value below was read off
the fixture by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.registry import parse_page

THEMES = DATA / "ips_themes"
UTC = timezone.utc


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# file, page URL, thread (id, title, starter), posts:
# (post id, author name, author id, published, edited at, own text starts with, quote tree)
CASES = {
    "ips4_restyled_comments": (
        "https://green.example/topic/4242-balcony-tomatoes-split-after-rain/",
        # No starter: no JSON-LD, and IPS 4 prints no post numbers, so the first post shown is not
        # known to be the topic's first (that one may be deleted, hidden, or sorted elsewhere).
        ("4242", "Balcony tomatoes split after rain", None),
        [
            ("91001", "Lena Marsh", "501", at(2024, 7, 5, 17, 39), None, "My balcony tomatoes split", []),
            ("91002", "Roaming Reader", None, at(2024, 7, 5, 18, 2), None, "Yes, uneven watering.",
             [("Lena Marsh", "501", "91001", [])]),
            ("91003", "Petr Novak", "502", at(2024, 7, 6, 9, 15), at(2024, 7, 6, 9, 40), "Mulch helped mine a lot",
             [("Roaming Reader", None, "91002", [("Lena Marsh", "501", "91001", [])])]),
        ],
    ),
    "ips5_header_only": (
        "https://clay.example/topic/6060-kiln-temperature-drift/",
        ("6060", "Kiln temperature drift", "Mara Quill"),
        [
            ("77001", "Mara Quill", "901", at(2024, 7, 5, 17, 39), None, "My kiln overshoots cone 6", []),
            ("77002", "Studio Visitor", None, at(2024, 7, 5, 18, 2), None, "Thermocouples drift with age.",
             [("Mara Quill", "901", "77001", [])]),
            ("77003", "Olu Ade", "902", at(2024, 7, 6, 9, 15), at(2024, 7, 6, 9, 40), "New thermocouple fixed it",
             [("Studio Visitor", None, "77002", [("Mara Quill", "901", "77001", [])])]),
        ],
    ),
}
CAPTURED = at(2024, 7, 10)


def quote_tree(quotes) -> list:
    return [(q.author, q.author_id, q.post_id, quote_tree(q.quotes)) for q in quotes]


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    url, thread, posts = CASES[request.param]
    result = parse_page((THEMES / f"{request.param}.html").read_bytes(), url, CAPTURED)
    return request.param, url, result, thread, posts


def test_every_fixture_file_has_a_case():
    assert sorted(p.stem for p in THEMES.glob("*.html")) == sorted(CASES)


def test_fixtures_say_they_are_hand_written():
    for path in THEMES.glob("*.html"):
        assert "Hand-written, not a capture" in path.read_text(encoding="utf-8")[:1500], path.name


def test_thread(case):
    name, _, result, (thread_id, title, starter), _ = case
    assert (result.kind, result.engine) == ("thread_page", "ips"), name
    starter_name = result.thread.starter.name if result.thread.starter is not None else None
    assert (result.thread.id, result.thread.title, starter_name) == (thread_id, title, starter)
    assert result.errors == []


def test_posts_ids_authors_and_dates(case):
    name, _, result, _, posts = case
    found = [(p.post_id, p.author.name, p.author.id, p.published_at, p.edited_at) for p in result.posts]
    assert found == [(i, a, aid, pub, edit) for i, a, aid, pub, edit, _, _ in posts], name


def test_profile_links_and_permalinks(case):
    _, url, result, _, posts = case
    for post, expected in zip(result.posts, posts):
        if expected[2] is None:
            assert post.author.url is None
        else:
            assert f"/profile/{expected[2]}-" in post.author.url
        assert post.url == f"{url}?do=findComment&comment={expected[0]}"


def test_own_words_and_nested_quotes(case):
    name, _, result, _, posts = case
    for post, expected in zip(result.posts, posts):
        assert post.text.startswith(expected[5]), (name, post.post_id, post.text)
        assert "said:" not in post.text and "Edited" not in post.text
        assert quote_tree(post.quotes) == expected[6], (name, post.post_id)


# A theme that also drops the quote data's time, draws the post as a <div> and the words without
# data-role: the post is still found, dated by its permalinked <time>, its words by the rich-text block.
BARE_THEME = """<html><body class="ipsApp">
<h1 class="ipsType_pageTitle">Bare</h1>
<div id="elComment_5" class="cPost barePost">
  <div class="bare-head"><a href="https://bare.example/profile/7-ana/">Ana</a>
    <span>Last visit <time datetime="2024-07-09T08:00:00Z">July 9</time></span>
    <a href="https://bare.example/topic/3-bare/?do=findComment&amp;comment=5"><time datetime="2024-07-05T17:39:00Z">July 5</time></a></div>
  <div id="comment-5_wrap" data-commentid="5" data-quotedata='{"userid":7,"username":"Ana"}'>
    <div class="ipsType_normal ipsType_richText">Only the words.</div>
    <div data-role="memberSignature"><div class="ipsType_richText">A signature.</div></div>
  </div>
</div></body></html>"""


def test_a_bare_theme_post_is_found_by_what_ips_scripts_need():
    result = parse_page(BARE_THEME.encode(), "https://bare.example/topic/3-bare/", CAPTURED)
    assert result.engine == "ips"
    assert [(p.post_id, p.author.name, p.author.id, p.author.url, p.published_at, p.text) for p in result.posts] == [
        ("5", "Ana", "7", "https://bare.example/profile/7-ana/", at(2024, 7, 5, 17, 39), "Only the words.")]
