"""parsers.ipb3 on hand-written pages of third-party IP.Board 3 skins (tests/data/ipb3_skins/).

tabled_posts.html: a 3.4 skin that lays each post out as a ``<table>`` with no ``div.post_block``
around it (the markup public scrapers of such boards rely on; the rest of skin_topic post() kept:
the ``<!--post:N-->`` comment, the ``a#entryN`` anchor, ``span.author.vcard``, ``abbr.published``,
``div.entry-content``). Before the fix the page came back ``unsupported`` and all its posts were
lost. Every expected value below was read off the fixture's markup by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

PAGES = DATA / "ipb3_skins"
URL = "http://allot.example.com/topic/31-winter-kale/"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc


def parse(body: bytes):
    return parse_page(body, URL, CAPTURED, content_type="text/html; charset=UTF-8")


def tabled() -> bytes:
    return (PAGES / "tabled_posts.html").read_bytes()


def test_a_skin_printing_posts_as_tables_gives_every_post_with_its_author_and_time():
    result = parse(tabled())
    assert (result.kind, result.engine) == ("thread_page", "ipb3")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("4401", 1, "Marrow Mae", "12", datetime(2014, 11, 3, 9, 14, tzinfo=UTC)),
        ("4402", 2, "Sprout_visitor", None, datetime(2014, 11, 3, 10, 2, tzinfo=UTC)),
        ("4403", 3, "Leek Lars", "15", datetime(2014, 11, 4, 18, 40, tzinfo=UTC)),
    ]
    assert [p.text for p in result.posts] == [
        "Does kale really taste better after a frost?",
        "Yes, the cold turns the starch sweet.",
        "Mine went bitter anyway.",
    ]
    last = result.posts[2]
    assert (last.edited_by, last.edited_at) == ("Leek Lars", datetime(2014, 11, 4, 18, 55, tzinfo=UTC))
    assert result.errors == []
    assert lost_content(result) == []


def test_the_tabled_skins_thread_and_starter():
    thread = parse(tabled()).thread
    assert (thread.id, thread.title, thread.page, thread.page_count) == ("31", "Winter kale", 1, 1)
    assert thread.forum == ["Allotment Chat", "Kitchen Gardens"]
    assert thread.starter.name == "Marrow Mae"


def test_a_tabled_post_whose_comment_is_gone_is_bounded_by_its_neighbours():
    # Without <!--post:4402-->, the post's table is the widest element around a#entry4402 that holds
    # no other post's anchor: its own table, not its neighbours'.
    body = tabled().replace(b"<!--post:4402-->", b"")
    posts = parse(body).posts
    assert [(p.post_id, p.author.name, p.published_at) for p in posts] == [
        ("4401", "Marrow Mae", datetime(2014, 11, 3, 9, 14, tzinfo=UTC)),
        ("4402", "Sprout_visitor", datetime(2014, 11, 3, 10, 2, tzinfo=UTC)),
        ("4403", "Leek Lars", datetime(2014, 11, 4, 18, 40, tzinfo=UTC)),
    ]


def test_a_lone_tabled_post_without_its_comment_is_not_guessed():
    # One post and no comment: nothing bounds its block short of the whole page (whose header and
    # sidebars may hold other names and times), so the page says it cannot read it.
    text = tabled().decode()
    start, end = text.index("<!--post:4402-->"), text.index("<hr />", text.index("<!--post:4403-->")) + len("<hr />")
    lone = text[:start] + text[end:]
    lone = lone.replace("<!--post:4401-->", "")
    result = parse(lone.encode())
    assert result.kind == "unsupported"
    assert result.posts == []
