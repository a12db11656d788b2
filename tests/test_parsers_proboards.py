"""parsers.proboards: the classic table layout over three pages and a div-based theme.

The fixtures are the loopback site in tests/data/proboards_site/ (hand-written from ProBoards'
markup as public ProBoards tools read it; each file says which): thread 12 in the classic
layout (``/thread/12/pike-on-the-fly``, ``?page=2``, ``?page=3``, stored as page-2/, page-3/) and
thread 20 in a div-based theme. Every expected value below was read off the fixture by hand.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA
from parsel import Selector

from parsers import proboards
from parsers.registry import ENGINES, build_tree, parse_page

SITE = DATA / "proboards_site"
BASE = "https://anglers.proboards.example"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
UTC = timezone.utc
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
THREAD_12 = f"{BASE}/thread/12/pike-on-the-fly"


def served(relative: str) -> bytes:
    return (SITE / relative).read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE).encode("utf-8")


def page(relative: str, url: str):
    return parse_page(served(relative), url, CAPTURED, content_type="text/html; charset=utf-8")


def tree(quotes) -> list:
    return [(q.author, q.author_id, q.post_id, q.published_at, q.text, tree(q.quotes)) for q in quotes]


@pytest.fixture(scope="module")
def page_1():
    return page("thread/12/pike-on-the-fly/index.html", THREAD_12)


@pytest.fixture(scope="module")
def page_2():
    return page("thread/12/pike-on-the-fly/page-2/index.html", f"{THREAD_12}?page=2")


@pytest.fixture(scope="module")
def page_3():
    return page("thread/12/pike-on-the-fly/page-3/index.html", f"{THREAD_12}?page=3")


@pytest.fixture(scope="module")
def div_theme():
    return page("thread/20/ice-fishing/index.html", f"{BASE}/thread/20/ice-fishing")


def test_engine_is_registered_before_news():
    names = list(ENGINES)
    assert names.index("proboards") < names.index("news")


@pytest.mark.parametrize("markup", [
    # a ProBoards board listing: the scripts, no post block
    "<html><head><script>proboards.data([['route',{}]]);</script></head><body><table><tr class='item thread'>"
    "<td>x</td></tr></table></body></html>",
    # post-N rows without ProBoards' scripts
    "<html><body><table><tr class='item post' id='post-3'><td><div class='message'>x</div></td></tr></table></body></html>",
    # a site that merely links to a ProBoards forum's script, with no post holding a message
    "<html><head><script src='//storage.proboards.com/x.js'></script></head><body><div id='post-4' class='post'>x</div>"
    "</body></html>",
])
def test_other_pages_are_not_claimed(markup):
    assert not proboards.detect(Selector(root=build_tree(markup), type="html"))


def test_page_1_thread(page_1):
    assert (page_1.kind, page_1.engine, page_1.errors) == ("thread_page", "proboards", [])
    thread = page_1.thread
    assert (thread.id, thread.title, thread.url) == ("12", "Pike on the fly", THREAD_12)
    assert thread.forum == ["Northern Anglers", "Freshwater", "Pike"]
    assert (thread.page, thread.page_count) == (1, 3)
    assert (thread.starter.name, thread.starter.id) == ("Bob", "5")
    assert thread.started_at == datetime(2024, 3, 5, 14, 20, tzinfo=UTC)
    assert page_1.next_page_url == f"{THREAD_12}?page=2"


def test_page_1_posts(page_1):
    posts = page_1.posts
    assert [(p.post_id, p.position, p.position_on_page) for p in posts] == [("1201", 1, 1), ("1202", 2, 2), ("1203", 3, 3)]
    first, guest, edited = posts
    assert (first.author.name, first.author.id, first.author.url) == ("Bob", "5", f"{BASE}/user/5")
    assert first.url == f"{BASE}/post/1201/thread"
    # the date of the post, not the member's "Joined" date in the mini-profile
    assert first.published_at == datetime(2024, 3, 5, 14, 20, tzinfo=UTC)
    assert first.text == "Anyone tried 10wt rods for pike? Here is my setup:\n\nMore at flyfish.example"
    assert "Tight lines from" not in first.html  # the signature
    assert [(i.url, i.text) for i in first.images] == [("https://i.imgur.example/pike-rod.jpg", "pike rod")]
    assert [(link.url, link.text) for link in first.links] == [("https://flyfish.example/pike", "flyfish.example")]
    assert (guest.author.name, guest.author.id, guest.author.url) == ("Angler Joe", None, None)
    assert guest.published_at == datetime(2024, 3, 5, 15, 20, tzinfo=UTC)
    assert (edited.author.name, edited.author.id) == ("Kari", "7")
    assert (edited.edited_at, edited.edited_by) == (datetime(2024, 3, 5, 16, 30, tzinfo=UTC), "Kari")
    assert edited.text == "Yes, a 10wt with a wire leader."
    assert tree(edited.quotes) == [("Bob", "5", "1201", datetime(2024, 3, 5, 14, 20, tzinfo=UTC),
                                    "Anyone tried 10wt rods for pike?", [])]


def test_page_2(page_2):
    assert page_2.errors == []
    assert (page_2.thread.page, page_2.thread.page_count, page_2.thread.url) == (2, 3, THREAD_12)
    assert page_2.thread.starter is None
    assert page_2.next_page_url == f"{THREAD_12}?page=3"
    posts = page_2.posts
    # page 2 is not the last, so it is full: its three posts follow page 1's three
    assert [(p.post_id, p.position, p.author.name) for p in posts] == [("1204", 4, "Bob"), ("1205", 5, "Kari"),
                                                                       ("1206", 6, "Lars")]
    nested, attached, smiley = posts
    assert nested.text == "Wire leader it is, thanks!"
    assert tree(nested.quotes) == [
        ("Kari", "7", "1203", datetime(2024, 3, 5, 16, 20, tzinfo=UTC), "Yes, a 10wt with a wire leader.",
         [("Bob", "5", "1201", datetime(2024, 3, 5, 14, 20, tzinfo=UTC), "Anyone tried 10wt rods for pike?", [])])]
    assert attached.text == "Für den Hecht nehme ich immer Stahlvorfach. Meine Fliegenmuster im Anhang."
    assert [(a.url, a.text) for a in attached.attachments] == [(f"{BASE}/attachment/download/88", "pike-flies.pdf")]
    assert smiley.text == "Gjedda tar fluen best om våren"
    assert smiley.images == []  # the smiley is no picture of the post


def test_page_3_the_last(page_3):
    assert page_3.next_page_url is None
    assert (page_3.thread.page, page_3.thread.page_count) == (3, 3)
    (post,) = page_3.posts
    assert (post.post_id, post.author.name, post.published_at) == ("1207", "Bob", datetime(2024, 3, 7, 10, tzinfo=UTC))
    # the last page cannot know the page size: its position is counted on the page, and it says so
    assert (post.position, post.position_on_page) == (1, 1)
    assert page_3.errors == ["page 3 (the last): ProBoards prints no post numbers and the page size is unknown;"
                             " positions counted from 1 on this page"]


def test_div_theme(div_theme):
    assert (div_theme.kind, div_theme.engine, div_theme.errors) == ("thread_page", "proboards", [])
    thread = div_theme.thread
    assert (thread.id, thread.title, thread.forum) == ("20", "Pilkkiminen", ["Northern Anglers", "Talvi", "Jäällä"])
    assert (thread.page, thread.page_count, div_theme.next_page_url) == (1, 1, None)
    matti, ville = div_theme.posts
    assert (matti.post_id, matti.position, matti.author.name, matti.author.id) == ("2001", 1, "Matti", "31")
    assert matti.published_at == datetime(2024, 1, 15, 8, tzinfo=UTC)
    assert matti.text == "Jää on nyt 30 cm paksua. Ahvenia tuli kymmenen."
    assert "Kalaonnea" not in matti.html
    assert (ville.post_id, ville.author.name, ville.author.id) == ("2002", "Vieras Ville", None)
    assert ville.text == "Missä järvessä?"
    # a quote header without a user link: the name from "Quote from X on ..."
    assert tree(ville.quotes) == [("Matti", None, "2001", datetime(2024, 1, 15, 8, tzinfo=UTC),
                                   "Jää on nyt 30 cm paksua.", [])]


def test_a_post_without_its_mini_profile_takes_no_author_from_its_quotes():
    # The fuzzer's find: with post 1204's left panel gone, the first user link of the block is the
    # quoted member's; the post must come back without an author (and say so), never as Kari's.
    markup = served("thread/12/pike-on-the-fly/page-2/index.html").decode()
    start = markup.index('<td class="left-panel">')
    markup = markup[:start] + markup[markup.index("</td>", start) + len("</td>"):]
    result = parse_page(markup.encode(), f"{THREAD_12}?page=2", CAPTURED, content_type="text/html; charset=utf-8")
    post = result.posts[0]
    assert (post.post_id, post.author.name) == ("1204", None)
    assert "post 1204: no author name found" in result.errors
    assert [p.author.name for p in result.posts[1:]] == ["Kari", "Lars"]


def test_every_result_validates_against_the_schema(page_1, page_2, page_3, div_theme):
    for result in (page_1, page_2, page_3, div_theme):
        jsonschema.validate(result.to_dict(), SCHEMA)
