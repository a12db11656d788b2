"""parsers.mybb on small hand-written pages, one per markup variant (tests/data/mybb/), and on the
real saved MyBB page in ../shared/fixtures/real/mybb (skipped when that folder is absent).

Each expected value for the hand-written pages was read off the fixture's markup by hand.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
from conftest import DATA, REAL_FIXTURES
from parsel import Selector

from parsers import mybb
from parsers.clock import UNSTATED_ZONE_ERROR
from parsers.evaluate import plain, visible_text
from parsers.html_text import decode_body
from parsers.registry import build_tree, detect_engine, parse_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc
MYBB = DATA / "mybb"
REAL = REAL_FIXTURES / "mybb"
needs_shared = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/fixtures/real is absent")


def parse(name: str, url: str, captured: datetime = CAPTURED):
    return parse_page((MYBB / name).read_bytes(), url, captured)


@pytest.fixture(scope="module")
def classic():
    """MyBB 1.8 default theme, page 2 of 3; the footer says "Current time: 06-01-2024, 02:00 PM"."""
    return parse("mybb18_default.html", "https://anglers.example/thread-314-page-2.html")


@pytest.fixture(scope="module")
def table():
    """MyBB 1.6 table layout, dates written day first ("23-02-2019, 21:14"), no current time."""
    return parse("mybb16_table.html", "http://reels.example/showthread.php?tid=12")


# --- MyBB 1.8 ----------------------------------------------------------------------------------


def test_thread_fields_ignore_the_forums_page_list_in_the_breadcrumb(classic):
    assert classic.kind == "thread_page" and classic.engine == "mybb"
    thread = classic.thread
    assert (thread.id, thread.title) == ("314", "Best bait for carp")
    assert thread.url == "https://anglers.example/thread-314.html"
    assert thread.forum == ["Anglers Board", "Coarse fishing", "Carp"]
    assert (thread.page, thread.page_count) == (2, 3)
    assert classic.next_page_url == "https://anglers.example/thread-314-page-3.html"  # not forum-5-page-3.html
    assert classic.errors == []


def test_positions_from_the_post_numbers(classic):
    assert [p.post_id for p in classic.posts] == ["5001", "5002"]
    assert [(p.position, p.position_on_page) for p in classic.posts] == [(11, 1), (12, 2)]
    assert classic.posts[0].url == "https://anglers.example/thread-314-post-5001.html#pid5001"


def test_relative_dates_read_from_span_titles_in_the_boards_zone(classic):
    post, guest = classic.posts
    # The board's clock showed 14:00 at the 12:00 UTC capture: UTC+2.
    # "<span title="05-31-2024">Yesterday</span>, 09:14 PM" -> 19:14 UTC.
    assert post.published_at == datetime(2024, 5, 31, 19, 14, tzinfo=UTC)
    assert (post.edited_at, post.edited_by) == (datetime(2024, 6, 1, 6, 0, tzinfo=UTC), "Reel Rita")
    assert guest.published_at == datetime(2024, 5, 30, 21, 0, tzinfo=UTC)
    assert (guest.edited_at, guest.edited_by) == (None, None)


def test_member_and_guest_authors(classic):
    member, guest = (p.author for p in classic.posts)
    assert (member.name, member.id, member.url) == ("Reel Rita", "42", "https://anglers.example/user-42.html")
    assert (guest.name, guest.id, guest.url) == ("Visitor Val", None, None)


def test_own_words_leave_out_quotes_signature_edit_note_and_code_title(classic):
    post = classic.posts[0]
    assert post.text == "Boilies in winter, sweetcorn in summer.\n\nhair rig, size 8 hook\n\nSee the bait guide."
    for not_words in ("Wrote", "Sweetcorn, every", "Tight lines", "last modified", "Code:", "Attached Files"):
        assert not_words not in post.text
    assert "Hook Harry Wrote:" in post.html and "<script" not in post.html


def test_nested_quotes_with_post_ids_and_times(classic):
    (outer,) = classic.posts[0].quotes
    assert (outer.author, outer.post_id, outer.citation) == ("Hook Harry", "4990", "Hook Harry Wrote:")
    assert outer.published_at == datetime(2024, 5, 30, 20, 15, tzinfo=UTC)  # "05-30-2024, 10:15 PM" at UTC+2
    assert outer.text == "Sweetcorn, every time."
    (inner,) = outer.quotes
    assert (inner.author, inner.post_id, inner.text) == ("Net Nell", "4950", "Boilies or sweetcorn?")
    assert inner.published_at == datetime(2024, 5, 29, 5, 0, tzinfo=UTC)


def test_a_comment_inside_a_quote_citation_is_no_words_and_no_error():
    """A citation holding an HTML comment (stray characters made one of a fuzzed page's ``<!``):
    the comment adds nothing to the citation, and the page is read as before, not lost to an
    exception (lxml's itertext refuses a comment)."""
    page = (MYBB / "mybb18_default.html").read_bytes().replace(
        b"<cite><span> (05-30-2024, 10:15 PM)</span>Hook Harry Wrote:",
        b"<cite><span> (05-30-2024, 10:15 PM)</span><!-- a note -->Hook Harry Wrote:", 1)
    result = parse_page(page, "https://anglers.example/thread-314-page-2.html", CAPTURED)
    assert result.kind == "thread_page" and not any("parser error" in error for error in result.errors)
    (outer,) = result.posts[0].quotes
    assert (outer.author, outer.post_id, outer.citation) == ("Hook Harry", "4990", "Hook Harry Wrote:")

def test_unattributed_quote(classic):
    (quote,) = classic.posts[1].quotes
    assert (quote.author, quote.citation, quote.text) == (None, "Quote:", "Carp love bread.")
    assert classic.posts[1].text == "Bread works for me too."


def test_links_images_and_attachments(classic):
    post = classic.posts[0]
    assert [(link.url, link.text) for link in post.links] == [("https://baits.example/guide", "the bait guide")]
    assert [i.url for i in post.images] == [
        "http://photos.example/carp.jpg",  # the original address, not the image proxy's
        "https://anglers.example/attachment.php?aid=77",  # the thumbnail's full-size picture
    ]
    assert [(a.url, a.text) for a in post.attachments] == [
        ("https://anglers.example/attachment.php?aid=78", "bait-calendar.pdf")]


def test_first_page_of_the_site_thread_is_the_starter_page():
    body = (DATA / "mybb_site" / "thread-7" / "index.html").read_text(encoding="utf-8")
    result = parse_page(body.replace("{{BASE_URL}}", "http://127.0.0.1:8000").encode(),
                        "http://127.0.0.1:8000/thread-7/", CAPTURED)
    assert (result.thread.page, result.thread.page_count) == (1, 3)
    assert result.thread.starter.name == "Bait Bob"
    assert result.thread.started_at == datetime(2024, 4, 1, 9, 0, tzinfo=UTC)
    assert result.next_page_url == "http://127.0.0.1:8000/thread-7/page-2/"


# --- MyBB 1.6 ----------------------------------------------------------------------------------


def test_table_layout_posts(table):
    assert [p.post_id for p in table.posts] == ["301", "302"]
    assert [(p.author.name, p.author.id) for p in table.posts] == [("Spool Sam", "7"), ("Crank Cathy", "9")]
    assert table.posts[0].author.url == "http://reels.example/member.php?action=profile&uid=7"
    assert [p.position for p in table.posts] == [1, 2]
    assert table.posts[0].url == "http://reels.example/showthread.php?tid=12&pid=301#pid301"
    assert table.thread.forum == ["Old Reels Club", "Restoration"]
    assert (table.thread.id, table.thread.title) == ("12", "Restoring a 1950s reel")
    # MyBB 1.6's footer prints no "Current time": the times are read as UTC, and the page says so.
    assert table.next_page_url is None and table.errors == [UNSTATED_ZONE_ERROR]


def test_day_first_dates_are_learnt_from_the_page(table):
    first, second = table.posts
    assert first.published_at == datetime(2019, 2, 23, 21, 14, tzinfo=UTC)
    assert second.published_at == datetime(2019, 3, 5, 8, 0, tzinfo=UTC)  # "05-03-2019": 5 March
    assert (first.edited_at, first.edited_by) == (datetime(2019, 2, 24, 9, 30, tzinfo=UTC), "Spool Sam")
    assert first.text == "Found this reel at a car boot sale. Where do I start?"
    (quote,) = second.quotes
    assert (quote.author, quote.published_at, quote.text) == (
        "Spool Sam", datetime(2019, 2, 23, 21, 14, tzinfo=UTC), "Where do I start?")
    assert second.text == "Strip it down and soak the parts in paraffin."


# --- Pages that are not threads ----------------------------------------------------------------


def test_no_permission_page_is_blocked_not_the_quick_login_box():
    result = parse("mybb_no_permission.html", "https://anglers.example/thread-999.html")
    assert (result.kind, result.engine) == ("blocked", "mybb")
    assert result.reason == "login required: You do not have permission to access this page"


def test_error_page_is_blocked():
    result = parse("mybb_error.html", "https://anglers.example/thread-999.html")
    assert (result.kind, result.reason) == ("blocked", "error page: The specified thread does not exist.")


def test_forum_listing_is_unsupported():
    result = parse("mybb_forumdisplay.html", "https://anglers.example/forum-5.html")
    assert (result.kind, result.engine, result.posts) == ("unsupported", "mybb", [])


def test_a_current_time_far_from_the_capture_is_no_zone_hint(classic):
    result = parse("mybb18_default.html", "https://anglers.example/thread-314-page-2.html",
                   datetime(2025, 1, 1, tzinfo=UTC))
    assert result.posts[1].published_at == datetime(2024, 5, 30, 23, 0, tzinfo=UTC)  # read as UTC


# --- Detection ---------------------------------------------------------------------------------


def test_detection_on_the_hand_written_pages():
    for page in sorted(MYBB.glob("*.html")):
        doc = Selector(root=build_tree(decode_body(page.read_bytes())), type="html")
        assert detect_engine(doc) == "mybb", page.name


@needs_shared
def test_detection_is_true_exactly_for_the_real_mybb_pages():
    for page in sorted(REAL_FIXTURES.rglob("*.html")):
        doc = Selector(root=build_tree(decode_body(page.read_bytes())), type="html")
        assert mybb.detect(doc) == (page.parent.name == "mybb"), page
        if page.parent.name == "mybb":
            assert detect_engine(doc) == "mybb", page  # no engine tried earlier claims it


# --- The real page -----------------------------------------------------------------------------


@needs_shared
def test_real_community_thread():
    expected = REAL / "mybb-community-thread-222085.expected.json"
    truth = json.loads(expected.read_text(encoding="utf-8"))["ground_truth"]
    raw = (REAL / "mybb-community-thread-222085.html").read_bytes()
    result = parse_page(raw, "https://community.mybb.com/thread-222085.html",
                        datetime(2019, 2, 23, tzinfo=UTC))
    # Its footer's "Current time" was not the capture day's: no zone learnt, and the page says so.
    assert result.kind == "thread_page" and result.errors == [UNSTATED_ZONE_ERROR]
    assert result.thread.title == truth["title"]
    assert (result.thread.id, result.thread.page, result.thread.page_count) == ("222085", 1, 2)
    assert result.next_page_url == "https://community.mybb.com/thread-222085-page-2.html"
    assert result.posts[0].author.name == truth["author"]
    assert result.posts[0].published_at == datetime(2019, 2, 23, 21, 14, tzinfo=UTC)
    assert [p.position for p in result.posts] == list(range(1, 11))
    # Each post's name and printed date, as main_content lists them ("StarredSkies\n2019-02-23, 09:14 PM").
    printed = re.findall(r"^(.+)\n(\d{4}-\d\d-\d\d, \d\d:\d\d [AP]M)$", truth["main_content"], re.M)
    assert [(p.author.name, p.published_at.strftime("%Y-%m-%d, %I:%M %p")) for p in result.posts] == printed
    everything = plain(" ".join(visible_text(p, with_author=True) for p in result.posts))
    own_words = " ".join(" ".join(p.text.split()) for p in result.posts)
    for snippet in truth["with"]:
        assert plain(snippet) in everything, snippet
    for chrome in truth["without"]:
        assert chrome not in own_words, chrome
    quotes = [q for p in result.posts for q in p.quotes]
    assert len(quotes) == raw.decode().count('<blockquote class="mycode_quote">')
    assert {q.author for q in quotes} == {"StarredSkies"}
    first = result.posts[0]
    assert (first.edited_at, first.edited_by) == (datetime(2024, 1, 5, 3, 27, tzinfo=UTC), "StarredSkies")


def test_a_later_posts_name_after_a_guests_message_is_not_the_guests():
    """hostile/mybb_next_posts_name_after_a_guests_message.html: a theme without author box
    classes; guest post 3402 lost its </div> and post 3403 every tag with its id, so 3403's name
    link stands in 3402's block after 3402's message. MyBB prints the poster before the message.
    Before: 3402 was given "Perch Percy", silently (fuzz seed 132, ``delete_tags``)."""
    body = (DATA / "hostile" / "mybb_next_posts_name_after_a_guests_message.html").read_bytes()
    result = parse_page(body, "https://weirpool.example/showthread.php?tid=34", CAPTURED)
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("3401", "Roach Rita", "7"), ("3402", None, None), ("3404", "Roach Rita", "7")]
    assert result.posts[1].text == "Which feeder, open end or cage?"
    assert result.posts[1].published_at == datetime(2024, 5, 30, 7, 25, tzinfo=timezone.utc)
    assert "post 3402: no author name found" in result.errors


def test_a_guests_hover_card_in_a_theme_of_its_own_class_names_is_not_the_poster():
    """hostile/mybb_guest_card_in_a_theme_of_its_own_class_names.html: Premium Multicolors with its
    author box and status classes renamed (no "post_author" box on the page); the members' status
    images keep MyBB's file names, the guest's box holds another member's hover card. Before: 3502
    was given "Zander Zoe", silently (fuzz seed 124, ``rename_classes``)."""
    body = (DATA / "hostile" / "mybb_guest_card_in_a_theme_of_its_own_class_names.html").read_bytes()
    result = parse_page(body, "https://lockcut.example/Thread-Zander-in-the-lock-cut", CAPTURED)
    assert [(p.post_id, p.author.name) for p in result.posts] == [
        ("3501", "Pike Petra"), ("3502", None), ("3503", "Zander Zoe")]
    assert result.posts[0].author.url == "https://lockcut.example/User-Pike-Petra"
    assert [p.published_at for p in result.posts] == [
        datetime(2024, 5, 14, h, m, tzinfo=timezone.utc) for h, m in ((5, 30), (6, 20), (8, 55))]
    assert result.posts[1].text == "Did you fish it on the drop or hard on the bottom?"
    assert "post 3502: no author name found" in result.errors


def test_a_member_line_between_a_guests_head_and_words_is_not_the_poster():
    """hostile/mybb_member_lines_before_a_guests_words.html: a theme with neither author box
    classes nor online status; between each post's head and its message a line names other
    members ("In reply to NAME's post", "Liked by NAME, NAME"). A guest's bare name is unreadable
    there, and the member of its reply line is not its poster. Before: 3602 was given "Dace
    Dorian", silently (fuzz seeds 144 and 145, ``other_members_near_header``)."""
    body = (DATA / "hostile" / "mybb_member_lines_before_a_guests_words.html").read_bytes()
    result = parse_page(body, "https://millrace.example/showthread.php?tid=36", CAPTURED)
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("3601", "Tench Tilly", "21"), ("3602", None, None), ("3603", "Tench Tilly", "21")]
    assert [p.published_at for p in result.posts] == [
        datetime(2024, 6, 18, h, m, tzinfo=timezone.utc) for h, m in ((6, 5), (6, 40), (7, 15))]
    assert result.posts[1].text == "Did the float hold in that flow?"
    assert "post 3602: no author name found" in result.errors


def test_a_torn_post_without_its_head_takes_no_member_of_its_other_lines():
    """The same page with guest post 3602's head (its date line and permalink) torn out: nothing
    shows where the theme names its poster, so its reply line's member is not taken. Before:
    3602 was given "Dace Dorian", silently (fuzz seed 153, ``flip_bytes``, on
    hostile/mybb_posted_by_header_with_a_reply_line.html: a flipped byte in the head's class
    and its date's)."""
    body = (DATA / "hostile" / "mybb_member_lines_before_a_guests_words.html").read_text(encoding="utf-8")
    head = body[body.index('<div class="post_head">', body.index('id="post_3602"')):]
    head = head[:head.index("</div>") + len("</div>")]
    assert "06-18-2024, 06:40 AM" in head and head.count("<div") == 1
    result = parse_page(body.replace(head, "", 1).encode("utf-8"), "https://millrace.example/showthread.php?tid=36",
                        CAPTURED)
    assert [(p.post_id, p.author.name) for p in result.posts] == [
        ("3601", "Tench Tilly"), ("3602", None), ("3603", "Tench Tilly")]
    assert result.posts[1].text == "Did the float hold in that flow?"
    assert {"post 3602: no author name found", "post 3602: no publication time found"} <= set(result.errors)


def test_a_poster_named_after_the_date_in_its_line_is_kept_beside_a_reply_line():
    """hostile/mybb_posted_by_header_with_a_reply_line.html: "Posted DATE by NAME" in the post
    head, then a reply line naming another member before the message. The name in the date's line
    is the poster; the reply line's member never is (a guest's post gets none, and an error)."""
    body = (DATA / "hostile" / "mybb_posted_by_header_with_a_reply_line.html").read_bytes()
    result = parse_page(body, "https://gravelrun.example/showthread.php?tid=37", CAPTURED)
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("3701", "Barbel Ben", "31"), ("3702", None, None), ("3703", "Gudgeon Gail", "52")]
    assert [p.published_at for p in result.posts] == [
        datetime(2024, 7, 22, h, m, tzinfo=timezone.utc) for h, m in ((5, 50), (6, 20), (7, 5))]
    assert "post 3702: no author name found" in result.errors
    assert "post 3701: no author name found" not in result.errors


def test_a_post_without_its_block_id_is_said_not_read():
    """hostile/mybb_member_lines_before_a_guests_words.html with post 3602 printed by another
    template (a skin's staff post: ``<div class="post staff">``, no ``id="post_3602"``), keeping its
    ``a#pid3602`` anchor and its message ``div#pid_3602``: the post is not read, and the page says
    so. Before: the other two posts came back and 3602 was lost with no word."""
    body = (DATA / "hostile" / "mybb_member_lines_before_a_guests_words.html").read_text(encoding="utf-8")
    block = '<div class="post" id="post_3602">'
    assert body.count(block) == 1
    result = parse_page(body.replace(block, '<div class="post staff">').encode("utf-8"),
                        "https://millrace.example/showthread.php?tid=36", CAPTURED)
    assert [post.post_id for post in result.posts] == ["3601", "3603"]
    assert "post 3602: its block was not read (the page names it by its id; its markup fits no post this" \
           " parser reads)" in result.errors
