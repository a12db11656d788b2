"""parsers.elkarte on hand-written pages of ElkArte 1.1 and 1.0 (the fork of SMF 2.0).

The fixtures: tests/data/elkarte/elkarte11_topic_page2.html (1.1, page 2 of 3, nested quotes, an
edit by another member, likes, a guest, a signature),
tests/data/elkarte/elkarte10_topic.html (1.0: dates printed as text only, "Today", the 1.0 like
button) and the three pages of the loopback site tests/data/elkarte_site/topic-42/ (1.1). Each file
says which public templates of elkarte/Elkarte it follows. Every expected value below was read off
the fixture's markup by hand. Before this parser every one of these pages came back
``unsupported`` ("a forum page no parser reads yet (ElkArte page)"): no post was stored.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

PAGES = DATA / "elkarte"
SITE = DATA / "elkarte_site" / "topic-42"
UTC = timezone.utc
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
ORCHARD = "https://orchard.example/index.php"
VEG = "https://veg.example/forum/index.php"
# ElkArte prints every time in the viewer's zone and never names it (sources/Subs.php htmlTime()).
ZONE_NOTE = ("printed times read as UTC: the page does not say which zone it prints them in (ElkArte prints"
             " them in the viewer's zone, its <time datetime> too)")


def parse(path: Path, url: str, captured: datetime = datetime(2024, 1, 1, tzinfo=UTC), **kwargs):
    return parse_page(path.read_bytes(), url, captured, content_type="text/html; charset=utf-8", **kwargs)


def tree(quotes) -> list:
    """Quotes as (author, post id, published, text, [nested]) tuples."""
    return [(q.author, q.post_id, q.published_at, q.text, tree(q.quotes)) for q in quotes]


def test_an_elkarte_11_page_is_read_by_elkarte_with_its_thread_and_pages():
    result = parse(PAGES / "elkarte11_topic_page2.html", f"{ORCHARD}?topic=310.4")
    assert (result.kind, result.engine) == ("thread_page", "elkarte")
    thread = result.thread
    assert (thread.id, thread.title, thread.forum) == ("310", "Pruning an old pear tree", ["Orchard Talk", "Fruit Trees"])
    assert (thread.page, thread.page_count, thread.url) == (2, 3, f"{ORCHARD}?topic=310.0")
    assert result.next_page_url == f"{ORCHARD}?topic=310.8"
    assert thread.starter is None  # page 2: the topic's first post is not here
    assert result.errors == [ZONE_NOTE]
    assert lost_content(result) == []  # a caveat, not a loss
    jsonschema.validate(result.to_dict(), SCHEMA)


def test_elkarte_11_posts_authors_times_positions_likes():
    posts = parse(PAGES / "elkarte11_topic_page2.html", f"{ORCHARD}?topic=310.4").posts
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in posts] == [
        ("4105", 5, "Moss Maple", "21"), ("4106", 6, "Wandering Wren", None),
        ("4107", 7, "Fennel Frank", "22"), ("4108", 8, "Moss Maple", "21")]
    assert [p.published_at for p in posts] == [
        datetime(2019, 5, 4, 10, 15, tzinfo=UTC), datetime(2019, 5, 4, 11, 2, tzinfo=UTC),
        datetime(2019, 5, 4, 12, 20, tzinfo=UTC), datetime(2019, 5, 4, 14, 0, tzinfo=UTC)]
    assert [p.reactions for p in posts] == [{}, {"Like": 3}, {}, {}]  # 4105's button says "Like": no count
    assert posts[0].url == f"{ORCHARD}?topic=310.msg4105#msg4105"
    assert posts[0].author.url == f"{ORCHARD}?action=profile;u=21"
    assert posts[1].author.url is None  # a guest's name links nowhere


def test_elkarte_11_edit_by_another_member_files_attached_and_the_signature_left_out():
    post = parse(PAGES / "elkarte11_topic_page2.html", f"{ORCHARD}?topic=310.4").posts[2]
    # "Last Edit: May 04, 2019, 01:40:00 pm by Moss Maple"
    assert (post.edited_at, post.edited_by) == (datetime(2019, 5, 4, 13, 40, tzinfo=UTC), "Moss Maple")
    assert post.text == "Every other year is normal for an old pear."
    files = f"{ORCHARD}?action=dlattach;topic=310.0;attach="
    assert [(link.url, link.text) for link in post.attachments] == [
        (f"{files}77", "old-pear.jpg"), (f"{files}79", "pruning-calendar.pdf")]
    assert [link.url for link in post.images] == [f"{files}77;image"]  # the picture its thumbnail links to
    unedited = parse(PAGES / "elkarte11_topic_page2.html", f"{ORCHARD}?topic=310.4").posts[0]
    assert (unedited.edited_at, unedited.edited_by) == (None, None)  # the empty, hidden li#modified_N


def test_elkarte_11_nested_quotes_kept_apart_from_the_posters_words():
    posts = parse(PAGES / "elkarte11_topic_page2.html", f"{ORCHARD}?topic=310.4").posts
    assert posts[0].text == "I tried that and lost a whole branch. So I wait until February now."
    assert tree(posts[0].quotes) == [
        ("Fennel Frank", "4101", datetime(2019, 5, 3, 21, 0, tzinfo=UTC),
         "Cut it back hard in autumn.\nDo not listen to me.",
         [("Moss Maple", "4100", datetime(2019, 5, 3, 19, 30, tzinfo=UTC), "Should I cut the top?", [])])]
    assert tree(posts[3].quotes) == [("Fennel Frank", None, None, "Every other year is normal", [])]
    assert posts[3].text == "February it is. The pear guide agrees."
    assert [link.url for link in posts[3].links] == ["https://pears.example/guide"]


def test_an_elkarte_10_page_printed_dates_today_and_the_old_like_button():
    result = parse(PAGES / "elkarte10_topic.html", f"{VEG}?topic=58.0", datetime(2014, 3, 13, 23, 0, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "elkarte")
    thread = result.thread
    assert (thread.id, thread.title, thread.forum, thread.page, thread.page_count) == (
        "58", "Parsnips in clay soil", ["Veg Patch", "Roots"], 1, 1)
    assert result.next_page_url is None
    posts = result.posts
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in posts] == [
        ("611", 1, "Pip Parsnip", "5", datetime(2014, 3, 12, 16, 5, 6, tzinfo=UTC)),
        ("612", 2, "Lost Lettuce", None, datetime(2014, 3, 13, 8, 30, tzinfo=UTC)),
        ("613", 3, "Pip Parsnip", "5", datetime(2014, 3, 13, 21, 45, tzinfo=UTC))]
    assert (thread.starter.name, thread.started_at) == ("Pip Parsnip", datetime(2014, 3, 12, 16, 5, 6, tzinfo=UTC))
    assert [p.reactions for p in posts] == [{"Like": 2}, {}, {}]
    assert tree(posts[1].quotes) == [("Pip Parsnip", "611", datetime(2014, 3, 12, 16, 5, 6, tzinfo=UTC), "three legs", [])]
    assert [p.text for p in posts] == ["Mine fork into three legs every year.", "Stones in the bed. Sieve it.",
                                       "Sieved. Two legs now."]
    assert (posts[2].edited_at, posts[2].edited_by) == (datetime(2014, 3, 13, 22, 1, tzinfo=UTC), "Pip Parsnip")
    assert result.errors == [ZONE_NOTE]
    assert lost_content(result) == []


def test_the_site_pages_chain_to_each_other_and_number_their_posts():
    base = "http://127.0.0.1:8000"
    nexts, positions = [], []
    for number, start in ((1, 0), (2, 3), (3, 6)):
        body = (SITE / f"page-{number}.html").read_text().replace("{{BASE_URL}}", base).encode()
        result = parse_page(body, f"{base}/index.php?topic=42.{start}", datetime(2024, 1, 1, tzinfo=UTC))
        assert (result.engine, result.errors, result.thread.page, result.thread.page_count) == (
            "elkarte", [ZONE_NOTE], number, 3)
        nexts.append(result.next_page_url)
        positions += [(p.post_id, p.position) for p in result.posts]
    assert nexts == [f"{base}/index.php?topic=42.3", f"{base}/index.php?topic=42.6", None]
    assert positions == [(str(701 + i), i + 1) for i in range(8)]


def test_the_time_elements_datetime_where_its_words_do_not_read():
    """A theme or language whose printed date the reader does not know: the ``datetime`` beside it
    (htmlTime()'s "Y-m-d H:i", the same wall clock) gives the time, to the minute."""
    html = (PAGES / "elkarte11_topic_page2.html").read_text().replace(">May 04, 2019, 11:02:00 am<", ">un rato<", 1)
    result = parse_page(html.encode(), f"{ORCHARD}?topic=310.4", datetime(2024, 1, 1, tzinfo=UTC))
    assert result.posts[1].published_at == datetime(2019, 5, 4, 11, 2, tzinfo=UTC)
    assert result.errors == [ZONE_NOTE]


def test_a_theme_that_renames_the_post_wrapper_still_gives_each_post_its_author():
    """The wrapper's class renamed (a custom theme): each post's block is the widest element around
    its message that holds its own date line and no other message, so nothing is read from a neighbour."""
    html = (PAGES / "elkarte11_topic_page2.html").read_text().replace('class="post_wrapper forumposts"', 'class="msg_box"')
    result = parse_page(html.encode(), f"{ORCHARD}?topic=310.4", datetime(2024, 1, 1, tzinfo=UTC))
    assert [(p.post_id, p.author.name, p.edited_by, p.reactions) for p in result.posts] == [
        ("4105", "Moss Maple", None, {}), ("4106", "Wandering Wren", None, {"Like": 3}),
        ("4107", "Fennel Frank", "Moss Maple", {}), ("4108", "Moss Maple", None, {})]
    assert result.errors == [ZONE_NOTE]


def test_an_elkarte_page_without_posts_is_said_unsupported_as_elkarte():
    page = (b"<html><head><title>Orchard Talk - Index</title><script>var elk_scripturl = 'https://orchard.example/index.php';"
            b"</script></head><body><div id='boardindex_table'></div></body></html>")
    result = parse_page(page, f"{ORCHARD}", datetime(2024, 1, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("unsupported", "elkarte")
    assert result.reason == "ElkArte page without posts: Orchard Talk - Index"


def test_a_post_whose_block_holds_another_posts_message_says_so():
    """Two messages in one wrapper (a closing tag lost): neither is given the other's author silently."""
    html = (PAGES / "elkarte11_topic_page2.html").read_text()
    html = html.replace("Every other year is normal for an old pear.",
                        'Every other year is normal for an old pear.<section id="msg_4199" class="messageContent">'
                        "Stray words.</section>", 1)
    result = parse_page(html.encode(), f"{ORCHARD}?topic=310.4", datetime(2024, 1, 1, tzinfo=UTC))
    shared = {p.post_id: p.author.name for p in result.posts if p.post_id in ("4107", "4199")}
    assert shared == {"4107": None, "4199": None}
    assert any(e.startswith("post 4107: its block of the page holds other posts too") for e in result.errors)


def test_a_post_keeping_only_its_anchor_is_said_not_read():
    """elkarte/elkarte10_topic.html with post 612 printed by another template that kept only its
    ``a.post_anchor#msg612`` (its words' ``div#msg_612`` id gone): the post is not read, and the page
    says so. Before: 611 and 613 came back and 612 was lost with no word."""
    body = (DATA / "elkarte" / "elkarte10_topic.html").read_text(encoding="utf-8")
    assert body.count('id="msg_612"') == 1 and body.count('id="msg612"') == 1
    result = parse_page(body.replace('id="msg_612"', 'id="m612"').encode("utf-8"),
                        "https://x.example/index.php?topic=61.0", datetime(2024, 8, 1, 12, 0, tzinfo=timezone.utc))
    assert [post.post_id for post in result.posts] == ["611", "613"]
    assert "post 612: its block was not read (the page names it by its id; its markup fits no post this" \
           " parser reads)" in result.errors
