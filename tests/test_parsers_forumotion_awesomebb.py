"""parsers.forumotion: the AwesomeBB version, on hand-written pages.

The fixtures are tests/data/forumotion_awesomebb/ (hand-written from AwesomeBB's public templates,
each file says which and where they were read): topic 50 over two pages (English, five posts a page,
a "Sponsored content" block after the first post, a guest on each page, an edited post on each page,
nested quotes, "Yesterday at" and "Today at" dates), the login page a guest meets in front of a
members-only topic, and the message page a deleted topic's address gives. Every expected value
below was read off the pages by hand.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA
from parsel import Selector

from parsers.forumotion import ZONE_ERROR
from parsers.html_text import decode_body
from parsers.registry import ENGINES, build_tree, detect_engine, parse_page

SITE = DATA / "forumotion_awesomebb"
BASE = "https://ridge.forumotion.com"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
FIRST, SECOND = "/t50-the-long-winter", "/t50p5-the-long-winter"


def served(path: str) -> str:
    """A fixture page as the loopback server sends it (its {{BASE_URL}} made the site's address)."""
    return (SITE / path.strip("/") / "index.html").read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE)


def page(path: str, text: str | None = None):
    body = (text if text is not None else served(path)).encode()
    return parse_page(body, BASE + path, CAPTURED, content_type="text/html; charset=utf-8")


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def tree(quotes) -> list:
    """Quotes as (author, citation, text, [nested]) tuples."""
    return [(q.author, q.citation, q.text, tree(q.quotes)) for q in quotes]


@pytest.fixture(scope="module")
def first():
    return page(FIRST)


@pytest.fixture(scope="module")
def second():
    return page(SECOND)


def test_first_page_thread_and_pagination(first):
    assert (first.kind, first.engine, first.errors) == ("thread_page", "forumotion", [ZONE_ERROR])
    thread = first.thread
    assert (thread.id, thread.title, thread.url) == ("50", "The long winter", f"{BASE}/t50-the-long-winter")
    assert thread.forum == ["Outdoors", "Trip reports"]  # the board's home link is not a board
    assert (thread.page, thread.page_count) == (1, 2)
    assert first.next_page_url == f"{BASE}/t50p5-the-long-winter"
    assert first.canonical_url == f"{BASE}/t50-the-long-winter"
    assert (thread.starter.name, thread.starter.id, thread.started_at) == ("Skadi", "3", at(2023, 3, 12, 10, 15))


def test_the_sponsored_block_is_not_a_post(first):
    assert [(p.post_id, p.position, p.position_on_page) for p in first.posts] == [
        ("501", 1, 1), ("502", 2, 2), ("503", 3, 3), ("504", 4, 4), ("505", 5, 5)]
    assert not any("Sponsored" in (p.author.name or "") or "tyres" in p.text for p in first.posts)


def test_member_post_without_its_signature(first):
    post = first.posts[0]
    assert (post.author.name, post.author.id, post.author.url) == ("Skadi", "3", f"{BASE}/u3")
    assert post.published_at == at(2023, 3, 12, 10, 15)  # "Sun 12 Mar 2023 - 10:15"
    assert post.url == f"{BASE}/t50-the-long-winter#501"
    assert post.text == ("Snow came early this year: the pass closed on the first of March.\n\n"
                         "Route notes are in the route thread.")
    assert "ridge warden" not in post.text and "ridge warden" not in post.html
    assert [(link.url, link.text) for link in post.links] == [(f"{BASE}/t12-route-notes", "the route thread")]
    assert [(image.url, image.text) for image in post.images] == [
        ("https://i.servimg.com/u/f21/11/22/33/44/pass10.jpg", "The pass under snow")]
    assert (post.edited_at, post.edited_by, post.quotes, post.reactions) == (None, None, [], {})


def test_edit_line_and_quote(first):
    post = first.posts[1]
    assert (post.author.name, post.author.id, post.published_at) == ("Bjorn", "5", at(2023, 3, 13, 8, 5))
    # "Last edited by Bjorn on Mon 13 Mar 2023 - 9:40; edited 1 time in total", printed bare after the message.
    assert (post.edited_by, post.edited_at) == ("Bjorn", at(2023, 3, 13, 9, 40))
    assert tree(post.quotes) == [("Skadi", "Skadi wrote:",
                                  "Snow came early this year: the pass closed on the first of March.", [])]
    assert post.text == "It opened again on the twentieth, but only for sledges."
    assert "edited" not in post.html and not post.html.endswith("<br>")


def test_guest_and_yesterday(first):
    guest = first.posts[2]
    assert (guest.author.name, guest.author.id, guest.author.url) == ("Wanderer", None, None)
    assert guest.published_at == at(2024, 5, 31, 22, 40)  # "Yesterday at 22:40", captured 1 June 2024
    assert guest.text == "Passing through as a guest: is the hut at the lake open in winter?"


def test_nested_quotes_and_attachment(first):
    post = first.posts[3]
    assert (post.author.name, post.author.id, post.published_at) == ("lupa", "1", at(2024, 6, 1, 9, 5))
    assert tree(post.quotes) == [("Bjorn", "Bjorn wrote:", "It opened again on the twentieth.", [
        ("Skadi", "Skadi wrote:", "the pass closed on the first of March.", [])])]
    assert post.text == "Sledges only until April, says the warden's log."
    assert [(a.url, a.text) for a in post.attachments] == [(f"{BASE}/download?id=31", "wardens-log.pdf")]
    assert "Downloaded" not in post.text and "lupa, admin" not in post.text


def test_quote_with_its_cite_before_the_words(first):
    post = first.posts[4]
    assert tree(post.quotes) == [("Wanderer", "Wanderer wrote:", "is the hut at the lake open in winter?", [])]
    assert (post.text, post.published_at) == ("Yes, the key is with the warden.", at(2024, 6, 1, 10, 15))


def test_second_page(second):
    assert (second.kind, second.errors) == ("thread_page", [ZONE_ERROR])
    thread = second.thread
    assert (thread.id, thread.url, thread.page, thread.page_count) == ("50", f"{BASE}/t50-the-long-winter", 2, 2)
    assert second.next_page_url is None and thread.starter is None
    assert [(p.post_id, p.position, p.position_on_page, p.author.name, p.author.id) for p in second.posts] == [
        ("506", 6, 1, "Bjorn", "5"), ("507", 7, 2, "Passer-by", None)]
    assert [p.published_at for p in second.posts] == [at(2024, 6, 1, 11, 2), at(2024, 6, 1, 11, 47)]
    guest = second.posts[1]
    assert (guest.edited_by, guest.edited_at) == ("Passer-by", at(2024, 6, 1, 11, 50))  # "on Today at 11:50"
    assert guest.text == "Safe trip! Take the lower path after the bridge."


def test_login_page_is_a_wall():
    result = page("/login")
    assert (result.kind, result.engine, result.posts) == ("blocked", "forumotion", [])
    assert result.reason == "login required: Forumotion's login page stands in front of /t60-members-only-meeting"


def test_message_page_is_not_a_thread():
    result = page("/t61-old-news")
    assert (result.kind, result.engine, result.posts) == ("unsupported", "forumotion", [])
    assert result.reason == ("Forumotion message page, not a topic: Information: The topic or post you"
                             " requested does not exist")


def test_date_in_the_header_of_a_later_template():
    # Some boards' AwesomeBB prints span.post-date in the post header's h2 instead of the footer.
    text = served(FIRST)
    text = text.replace('<span class="post-date">Today at 09:05</span>', "")
    text = text.replace('<a href="/t50-the-long-winter#504">Re: The long winter</a></span></h2>',
                        '<a href="/t50-the-long-winter#504">Re: The long winter</a></span>'
                        ' <span class="post-date">Today at 09:06</span></h2>')
    result = page(FIRST, text)
    assert result.posts[3].published_at == at(2024, 6, 1, 9, 6)


def test_a_linked_date_and_an_edit_line_in_an_element_of_its_own():
    # Themes that link the post's date, or that wrap {EDITED_MESSAGE} in an element of their own.
    text = served(FIRST).replace('<span class="post-date">Today at 10:15</span>',
                                 '<span class="post-date"><a href="#505">Today at 10:16</a></span>')
    text = text.replace("<br /><br />Last edited by Bjorn on Mon 13 Mar 2023 - 9:40; edited 1 time in total",
                        '<div class="edited">Last edited by Bjorn on Mon 13 Mar 2023 - 9:41; edited 2 times in total</div>')
    result = page(FIRST, text)
    assert result.posts[4].published_at == at(2024, 6, 1, 10, 16)
    edited = result.posts[1]
    assert (edited.edited_by, edited.edited_at) == ("Bjorn", at(2023, 3, 13, 9, 41))
    assert edited.text == "It opened again on the twentieth, but only for sledges."


def test_a_post_without_a_name_or_date_is_reported():
    text = served(FIRST).replace('<span class="post-date">Yesterday at 22:40</span>', '<span class="post-date"></span>')
    text = text.replace('<span class="post-author-name">Wanderer</span>', '<span class="post-author-name"></span>')
    result = page(FIRST, text)
    assert (result.posts[2].author.name, result.posts[2].published_at) == (None, None)  # never guessed
    assert {"post 503: no author name found", "post 503: publication time not found"} <= set(result.errors)


def test_a_name_beside_another_posts_body_is_not_taken():
    # hostile/forumotion_awesomebb_name_beside_another_body.html (its header says how it is torn):
    # post 811's own name span lost its class, and post 812's body and guest name fell into 811's
    # block beside 811's div.post-body. The old code gave 811 the guest "Wanderer", silently.
    body = (DATA / "hostile" / "forumotion_awesomebb_name_beside_another_body.html").read_bytes()
    result = parse_page(body, "https://pass.forumotion.com/t81-over-the-pass", CAPTURED,
                        content_type="text/html; charset=utf-8")
    posts = {post.post_id: post for post in result.posts}
    assert list(posts) == ["811", "813"]
    assert posts["811"].author.name is None
    assert "post 811: no author name found" in result.errors
    assert posts["811"].text == "We crossed the pass before noon and the snow held."
    assert posts["811"].published_at == at(2024, 6, 1, 9, 12)
    assert any(error.startswith("post 812:") and "skipped" in error for error in result.errors)
    assert (posts["813"].author.name, posts["813"].author.id) == ("Sigrun", "14")
    assert (posts["813"].text, posts["813"].published_at) == ("Good to hear it held.", at(2024, 6, 1, 10, 40))


def test_a_board_template_without_the_name_is_unsupported():
    text = served(FIRST).replace("post-author-name", "poster")
    result = page(FIRST, text)
    assert (result.kind, result.engine, result.posts) == ("unsupported", "forumotion", [])
    assert "own template" in result.reason


def test_every_result_fits_the_schema(first, second):
    for result in (first, second, page("/login"), page("/t61-old-news")):
        jsonschema.validate(result.to_dict(), SCHEMA)


def test_detected_as_forumotion_and_by_no_other_engine():
    for path in (FIRST, SECOND, "/login", "/t61-old-news"):
        doc = Selector(root=build_tree(decode_body(served(path).encode())), type="html")
        assert detect_engine(doc) == "forumotion", path
        claims = [name for name, module in ENGINES.items() if name != "forumotion" and module.detect(doc)]
        assert claims == [], path
    # Without Forumotion's scripts a login form or a message block is anybody's page.
    bare = served("/t61-old-news").replace("illiweb.com", "example.org").replace("_userdata", "_data")
    doc = Selector(root=build_tree(bare), type="html")
    assert not ENGINES["forumotion"].detect(doc)
