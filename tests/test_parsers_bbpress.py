"""parsers.bbpress on hand-written pages of bbPress 2.6 and 2.5 topics (WordPress forums).

The fixtures: tests/data/bbpress/topic_page2_lead_apart.html (2.6, page 2 of 3, the lead post
shown apart, a quote naming its author, a guest's reply, a revision log by another member),
tests/data/bbpress/topic_threaded_2_5.html (2.5 author links, threaded replies, a guest's bare
name) and the three pages of the loopback site tests/data/bbpress_site/topic-88/. Each file says
which public templates of bbpress/bbPress it follows. Every expected value below was read off the
fixture's markup by hand. Before this parser every one of these pages came back ``unsupported``
("a forum page no parser reads yet (bbPress topic)"): no post was stored.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

PAGES = DATA / "bbpress"
SITE = DATA / "bbpress_site" / "topic-88"
UTC = timezone.utc
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
FROST = "https://copperleaf.example.net/forums/topic/frost-on-the-cold-frame/"
BEANS = "https://oakmere.example.org/forums/topic/swapping-bean-seeds/"
ZONE_NOTE = ("printed times read as UTC: the page does not say which zone it prints them in (bbPress prints"
             " them in the WordPress site's zone, which no page names)")


def parse(body: bytes, url: str, captured: datetime = datetime(2025, 2, 1, tzinfo=UTC)):
    return parse_page(body, url, captured, content_type="text/html; charset=utf-8")


def frost_page() -> bytes:
    return (PAGES / "topic_page2_lead_apart.html").read_bytes()


def test_page_with_the_lead_apart_reads_every_post_in_its_place():
    result = parse(frost_page(), FROST + "page/2/")
    assert (result.kind, result.engine) == ("thread_page", "bbpress")
    jsonschema.validate(result.to_dict(), SCHEMA)
    posts = result.posts
    assert [p.post_id for p in posts] == ["9300", "9361", "9365", "9372", "9380"]
    # the lead is post 1; the replies' bbp-reply-position-5..8 count replies only, so 6..9
    assert [p.position for p in posts] == [1, 6, 7, 8, 9]
    assert [(p.author.name, p.author.id) for p in posts] == [
        ("Tamsin Hollyoak", "14"), ("Odo Brackenridge", "27"), ("Wandering Gardener", None),
        ("Tamsin Hollyoak", "14"), ("Ingrid Fallowmere", "3")]
    assert posts[1].author.url == "https://copperleaf.example.net/forums/users/odo-brackenridge/"
    assert posts[2].author.url is None  # a guest: no profile link
    assert [p.published_at for p in posts] == [
        datetime(2025, 1, 8, 19, 45, tzinfo=UTC), datetime(2025, 1, 10, 8, 5, tzinfo=UTC),
        datetime(2025, 1, 10, 13, 30, tzinfo=UTC), datetime(2025, 1, 11, 9, 12, tzinfo=UTC),
        datetime(2025, 1, 12, 18, 58, tzinfo=UTC)]
    assert posts[1].url == FROST + "page/2/#post-9361"
    assert result.errors == [ZONE_NOTE]
    assert lost_content(result) == []


def test_thread_pagination_and_breadcrumb():
    result = parse(frost_page(), FROST + "page/2/")
    thread = result.thread
    assert (thread.id, thread.title, thread.url) == ("9300", "Frost on the cold frame", FROST)
    assert thread.forum == ["Forums", "Seed Starting"]
    assert (thread.page, thread.page_count, thread.reply_count) == (2, 3, 10)
    assert result.next_page_url == FROST + "page/3/"
    assert (thread.starter.name, thread.started_at) == ("Tamsin Hollyoak", datetime(2025, 1, 8, 19, 45, tzinfo=UTC))


def test_a_restyled_pager_still_gives_the_next_page_by_its_address():
    """A theme that renames the pager's classes (found by the fuzzer's rename_pagination): the next
    page was lost, the crawl ending at page 2 as finished. WordPress's page addresses stay."""
    page = frost_page().decode("utf-8")
    for name in ("bbp-pagination-links", "bbp-pagination-count", "bbp-pagination", "next page-numbers",
                 "prev page-numbers", "page-numbers current", 'class="page-numbers"'):
        page = page.replace(name, "pager-x" if "class" not in name else 'class="pager-y"')
    assert "page-numbers" not in page and "bbp-pagination" not in page
    result = parse(page.encode("utf-8"), FROST + "page/2/")
    assert result.next_page_url == FROST + "page/3/"


def test_quotes_keep_a_printed_author_and_leave_the_poster_his_own_words():
    posts = parse(frost_page(), FROST + "page/2/").posts
    (quote,) = posts[1].quotes
    assert (quote.author, quote.citation) == ("Tamsin Hollyoak", "Tamsin Hollyoak wrote:")
    assert quote.text == "The lid of my cold frame frosts over on the inside every morning."
    assert posts[1].text.startswith("That is the lettuce\u2019s own damp")
    (plain,) = posts[2].quotes
    assert (plain.author, plain.text) == (None, "Prop the lid a hand\u2019s width")
    assert posts[2].text == "A brick on its end does the job and does not blow away."


def test_revision_log_gives_the_last_editor_and_no_invented_time():
    post = parse(frost_page(), FROST + "page/2/").posts[3]
    assert (post.edited_by, post.edited_at) == ("Ingrid Fallowmere", None)  # "20 hours ago": not read
    assert post.text == ("Two days of the brick and the glass stays clear until evening."
                         " The limp leaves are growing back.")
    assert "modified" not in post.html


def test_links_keep_the_posters_and_leave_smileys_out():
    post = parse(frost_page(), FROST + "page/2/").posts[4]
    assert [(link.url, link.text) for link in post.links] == [
        ("https://copperleaf.example.net/guides/cold-frames/", "cold frame guide")]
    assert post.images == []


def test_a_reply_in_markup_of_its_own_is_said_lost():
    # A theme's other template for one reply (its words' class renamed): the page still names it
    # by its header's id, and the count line says four replies are shown.
    body = frost_page().replace(b'<div class="bbp-reply-content">\n\t\t\t\t\t<blockquote><p>Prop',
                                b'<div class="guest-words">\n\t\t\t\t\t<blockquote><p>Prop')
    result = parse(body, FROST + "page/2/")
    assert [p.post_id for p in result.posts] == ["9300", "9361", "9372", "9380"]
    lost = lost_content(result)
    assert lost[0].startswith("post 9365: its block was not read")
    assert lost[1] == "page 2: the page says it shows 4 posts and 3 were read: 1 may be missing"


def test_threaded_25_topic_reads_positions_and_a_guests_bare_name():
    result = parse((PAGES / "topic_threaded_2_5.html").read_bytes(), BEANS, datetime(2016, 5, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "bbpress")
    posts = result.posts
    assert [(p.post_id, p.position) for p in posts] == [("5120", 1), ("5124", 2), ("5131", 4), ("5127", 3)]
    assert [(p.author.name, p.author.id) for p in posts] == [
        ("Rowan Quickthorn", "8"), ("Hester Pennywhistle", "19"), ("Seed Swapper", None), ("Rowan Quickthorn", "8")]
    assert posts[0].author.url == "https://oakmere.example.org/forums/users/rowan-quickthorn/"
    assert [p.published_at for p in posts] == [
        datetime(2016, 4, 2, 10, 20, tzinfo=UTC), datetime(2016, 4, 2, 12, 5, tzinfo=UTC),
        datetime(2016, 4, 3, 8, 40, tzinfo=UTC), datetime(2016, 4, 2, 18, 15, tzinfo=UTC)]
    assert posts[2].text == "If there are any Blue Lake left after that, I would take a few."
    thread = result.thread
    assert (thread.id, thread.title, thread.forum) == ("5120", "Swapping bean seeds", ["Forums", "Seed Library"])
    assert (thread.page, thread.page_count, result.next_page_url) == (1, 1, None)
    assert result.errors == [ZONE_NOTE]


def test_relative_times_are_not_read():
    # bbp_get_time_since() "3 weeks ago" in a theme's own header: no date rather than a guess
    body = frost_page().replace(b"January 10, 2025 at 8:05 am", b"3 weeks, 1 day ago")
    result = parse(body, FROST + "page/2/")
    assert result.posts[1].published_at is None
    assert ("post 9361: its time is printed without the time of day ('3 weeks, 1 day ago'), so it is not read"
            " (it would be a guess)") in result.errors
    assert lost_content(result) == []  # a time not read is no post lost


def test_site_pages_give_positions_and_the_next_page():
    url = "http://127.0.0.1:8000"
    pages = [parse((SITE / f"page-{n}.html").read_text().replace("{{BASE_URL}}", url).encode(),
                   f"{url}/forums/topic/hive-stands/" + ("" if n == 1 else f"page/{n}/")) for n in (1, 2, 3)]
    assert [[p.position for p in page.posts] for page in pages] == [[1, 2, 3], [4, 5, 6], [7, 8]]
    assert [page.next_page_url for page in pages] == [
        f"{url}/forums/topic/hive-stands/page/2/", f"{url}/forums/topic/hive-stands/page/3/", None]
    assert all(page.errors == [ZONE_NOTE] for page in pages)
    assert pages[0].thread.reply_count == 7  # "(of 8 total)" posts, the lead among them


def test_a_theme_wrapper_keeps_its_posts_read_or_said_lost():
    # A theme's wrapper div.post-N around every reply and no header ids (fuzz seeds 300, 301): the
    # words in a div of the theme's own are still read, and a reply printed by another template,
    # whose number only the wrapper keeps, is said lost.
    body = (DATA / "hostile" / "bbpress_theme_wrapped_replies.html").read_bytes()
    result = parse(body, "https://hollowmere.example/topic/pruning-an-old-pear-tree")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("6201", 2, "Odo Brackenfield", "31", None), ("6203", 4, "Odo Brackenfield", "31", None)]
    assert result.posts[0].text.startswith("Take out the crossing branches first")
    lost = lost_content(result)
    assert any(line.startswith("post 6202: its block was not read") for line in lost)
    assert not any(line.startswith(("post 6201", "post 6203")) for line in lost)


def test_a_second_block_under_a_posts_id_is_said_not_read():
    """Post 9380's reply block given post 9372's id (its class "post-9380" made "post-9372", as a
    torn page leaves it). Before: the second block was passed over unread and post 9372 stored from
    the first (only 9380's header id still said 9380 was lost; a theme without header ids says nothing).
    Now both blocks are left out as not read: which is post 9372 the page cannot tell."""
    page = frost_page().decode("utf-8").replace(" post-9380 ", " post-9372 ")
    assert page.count(" post-9372 ") == 2
    result = parse(page.encode("utf-8"), FROST + "page/2/")
    assert [p.post_id for p in result.posts] == ["9300", "9361", "9365"]
    assert [e for e in lost_content(result) if e.startswith("post 9372:")]


def test_an_author_column_that_lost_its_closing_tag_gives_no_other_posts_name():
    """Reply 5131's author column (a guest's bare name, "Seed Swapper") and its words' div without
    their "</div>": in lxml's tree the column runs on over the next post, whose member link (Rowan
    Quickthorn) it then holds. Before: 5131 was given Rowan Quickthorn's name, silently (fuzz,
    delete_closing_tags). Now a column holding another post's parts gives no name, and the page is
    read again from the tree a browser builds, where the column ends where it should."""
    page = (PAGES / "topic_threaded_2_5.html").read_text(encoding="utf-8")
    words = "\t<div class=\"bbp-reply-content\">\n\t\t<p>If there are any Blue Lake left after that, I would take a few.</p>\n\t"
    whole = f"<br />Seed Swapper\n\t</div>\n{words}</div>\n</div>\n"
    assert whole in page
    damaged = page.replace(whole, f"<br />Seed Swapper\n\t\n{words}\n</div>\n")
    result = parse(damaged.encode("utf-8"), BEANS)
    assert [(p.post_id, p.author.name) for p in result.posts] == [
        ("5120", "Rowan Quickthorn"), ("5124", "Hester Pennywhistle"), ("5131", "Seed Swapper"),
        ("5127", "Rowan Quickthorn")]
    assert "browser builds" in result.reason


def site_page(number: int) -> str:
    return (SITE / f"page-{number}.html").read_text().replace("{{BASE_URL}}", "http://127.0.0.1:8000")


def test_a_revision_log_whose_list_was_restyled_is_known_by_its_items():
    """Post 893's revision log (bbp_get_reply_revision_log(): ``ul.bbp-reply-revision-log`` around
    ``li.bbp-reply-revision-log-item``) with its list's class and id renamed, as a theme's filter may
    print it; and then its author column's name element restyled too. Before: the log stood in the
    post's words, its editor unread, and with the name restyled the log's editor (Marigold Fenwick,
    who did not write it) was taken for the author, silently (fuzz, stray characters). Now the log is
    known by its items: its editor read, out of the words, and never the author."""
    page = site_page(2)
    log = '<ul id="bbp-reply-revision-log-893" class="bbp-reply-revision-log">'
    assert log in page
    page = page.replace(log, '<ul class="reply-edits">')
    url = "http://127.0.0.1:8000/forums/topic/hive-stands/page/2/"
    post = next(p for p in parse(page.encode(), url).posts if p.post_id == "893")
    assert (post.author.name, post.edited_by, post.text) == ("Barnaby Skep", "Marigold Fenwick",
                                                             "A spade\u2019s depth, tamped hard.")
    name = '<span class="bbp-author-name">Barnaby Skep</span>'
    assert page.count(name) == 1
    result = parse(page.replace(name, '<span class="author-label">Barnaby Skep</span>').encode(), url)
    post = next(p for p in result.posts if p.post_id == "893")
    assert post.author.name is None and post.edited_by == "Marigold Fenwick"
    assert "post 893: no author name found" in result.errors
