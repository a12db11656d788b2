"""parsers.ipb3 on hand-written pages of IP.Board 3.0 to 3.4.

The fixtures: topic 42 of the loopback site tests/data/ipb3_site/ (3.4 default skin, friendly URLs
off, three posts a page, three pages) and single pages in tests/data/ipb3/: a 3.4 page as a
browser shows it to a member (quote citations built by the board's script, reputation, a board
at GMT+2), a page with the 3.0-3.3 quote markup and relative dates, the error page for a topic
closed to guests, the error page of a broken link and the sign-in page. Each file says which
public templates it follows. Every expected value below was read off the fixture's markup by hand.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA
from parsel import Selector

from parsers import ipb3
from parsers.models import Author
from parsers.registry import ENGINES, build_tree, detect_engine, parse_page

SITE = DATA / "ipb3_site" / "topic-42"
PAGES = DATA / "ipb3"
BASE = "http://koi.example.org"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
ZONE_NOTE = ("printed times read as UTC: the page does not say which zone it prints them in (IP.Board 3 prints"
             " them in the viewer's zone, and no post shows its exact time beside its printed one)")


def parse(path: Path, url: str):
    """The page read by this engine (which engine the registry picks is tested on its own, below)."""
    return parse_page(path.read_bytes(), url, CAPTURED, content_type="text/html; charset=UTF-8", engine="ipb3")


def tree(quotes) -> list:
    """Quotes as (author, post id, time, citation, text, [nested]) tuples."""
    return [(q.author, q.post_id, q.published_at, q.citation, q.text, tree(q.quotes)) for q in quotes]


@pytest.fixture(scope="module")
def page1():
    return parse(SITE / "page-1.html", f"{BASE}/index.php?showtopic=42")


@pytest.fixture(scope="module")
def page2():
    return parse(SITE / "page-2.html", f"{BASE}/index.php?showtopic=42&st=3")


@pytest.fixture(scope="module")
def page3():
    return parse(SITE / "page-3.html", f"{BASE}/index.php?showtopic=42&st=6")


@pytest.fixture(scope="module")
def saved34():
    return parse(PAGES / "ipb34_browser_saved.html", "http://pond.example.com/topic/77-pond-liner-repair/page-2")


@pytest.fixture(scope="module")
def cited32():
    return parse(PAGES / "ipb32_citations.html",
                 "http://koiclub.example.org/index.php?/topic/315-koi-in-winter/page__st__20")


# --- 3.4, friendly URLs off (the loopback site) --------------------------------------------------


def test_the_topic_its_forum_and_its_pages(page1, page2, page3):
    for number, result in enumerate((page1, page2, page3), start=1):
        assert (result.kind, result.engine) == ("thread_page", "ipb3")
        thread = result.thread
        assert (thread.id, thread.title) == ("42", "Winter heater for a small pond")
        assert thread.url == f"{BASE}/index.php?showtopic=42"
        assert thread.forum == ["Koi Keepers", "Ponds and Pools", "Water Gardens"]
        assert (thread.page, thread.page_count, thread.reply_count) == (number, 3, 6)
        assert result.errors == []
    assert page1.next_page_url == f"{BASE}/index.php?showtopic=42&st=3"
    assert page2.next_page_url == f"{BASE}/index.php?showtopic=42&st=6"
    assert page3.next_page_url is None
    assert page2.canonical_url == f"{BASE}/index.php?showtopic=42&st=3"


def test_posts_numbers_and_permalinks(page1, page2, page3):
    posts = page1.posts + page2.posts + page3.posts
    assert [p.post_id for p in posts] == ["1001", "1002", "1003", "1004", "1005", "1006", "1007"]
    assert [p.position for p in posts] == [1, 2, 3, 4, 5, 6, 7]  # the "#N" of each post's bookmark
    assert [p.position_on_page for p in page2.posts] == [1, 2, 3]
    assert page1.posts[0].url == f"{BASE}/index.php?showtopic=42&#entry1001"  # as the template prints page 1
    assert page2.posts[0].url == f"{BASE}/index.php?showtopic=42&st=3#entry1004"


def test_members_and_a_guest(page1):
    member, guest, other = (p.author for p in page1.posts)
    assert (member.name, member.id, member.url) == ("Marta", "7", f"{BASE}/index.php?showuser=7")
    assert (guest.name, guest.id, guest.url) == ("visitor_tom", None, None)
    assert (other.name, other.id) == ("Ravi", "12")
    assert page1.thread.starter == member
    assert page1.thread.started_at == datetime(2024, 1, 14, 8, 30, tzinfo=UTC)


def test_later_pages_name_the_starter_from_the_header(page2, saved34, cited32):
    assert page2.thread.starter == Author("Marta", "7", f"{BASE}/index.php?showuser=7")
    assert saved34.thread.starter == Author("Jonas", "33", "http://pond.example.com/user/33-jonas/")
    assert cited32.thread.starter is None  # its header prints the name without span[itemprop=creator]
    assert page2.thread.started_at is None  # the header's date has no time of day


def test_times_come_from_the_abbr_title(page1, page3):
    assert [p.published_at for p in page1.posts] == [
        datetime(2024, 1, 14, 8, 30, tzinfo=UTC), datetime(2024, 1, 14, 9, 5, tzinfo=UTC),
        datetime(2024, 1, 14, 10, 12, tzinfo=UTC)]
    # "Today, 09:40 AM" printed, 2024-06-01T09:40:00+00:00 in the title.
    assert page3.posts[0].published_at == datetime(2024, 6, 1, 9, 40, tzinfo=UTC)


def test_a_34_quote_is_left_out_of_the_posters_words(page1):
    post = page1.posts[2]
    assert post.text == "Agreed, mine runs on 60 W all winter."
    # data-time="1705223100" is 2024-01-14 09:05 UTC; no citation is printed before the browser's script runs.
    assert tree(post.quotes) == [("visitor_tom", "1002", datetime(2024, 1, 14, 9, 5, tzinfo=UTC), None,
                                  "A floating de-icer uses less power than a heater.", [])]
    assert "de-icer" in post.html  # the html shows the quote, as the page does


def test_nested_34_quotes_an_edit_line_with_a_reason_and_a_link(page2):
    edited, quoting, pictured = page2.posts
    assert (edited.edited_by, edited.edited_at) == ("Marta", datetime(2024, 1, 15, 18, 2, tzinfo=UTC))
    assert edited.text == "Ordered one from the pond shop."
    assert "Reason for edit" not in edited.html and "This post has been edited" not in edited.html
    assert [(link.url, link.text) for link in edited.links] == [("http://shop.example.com/deicer", "the pond shop")]
    assert tree(quoting.quotes) == [
        ("Marta", "1004", datetime(2024, 1, 15, 17, 40, tzinfo=UTC), None, "Ordered one from the pond shop.",
         [("Ravi", "1003", datetime(2024, 1, 14, 10, 12, tzinfo=UTC), None, "Agreed, mine runs on 60 W all winter.",
           [])])]
    assert quoting.text == "Keep the receipt, the cheap ones crack."
    assert pictured.text == "Mine after the first frost"  # the smiley is no word, the signature none of hers here
    assert [(i.url, i.text) for i in pictured.images] == [("http://images.example.org/pond-ice.jpg", "Posted Image")]
    assert pictured.links == [] and "My pond diary" not in pictured.html


# --- 3.4 as a browser shows it to a member, board at GMT+2 ---------------------------------------


def test_friendly_urls_and_the_last_page(saved34):
    assert (saved34.kind, saved34.engine) == ("thread_page", "ipb3")
    thread = saved34.thread
    assert (thread.id, thread.title) == ("77", "Pond liner repair")
    assert thread.url == "http://pond.example.com/topic/77-pond-liner-repair/"
    assert thread.forum == ["Pond Builders Forum", "Liners and Construction"]
    assert (thread.page, thread.page_count, thread.reply_count) == (2, 2, 22)
    assert saved34.next_page_url is None
    assert [(p.post_id, p.position) for p in saved34.posts] == [("5121", 21), ("5122", 22), ("5123", 23)]
    jonas = saved34.posts[0].author
    assert (jonas.name, jonas.id, jonas.url) == ("Jonas", "33", "http://pond.example.com/user/33-jonas/")
    assert saved34.errors == []  # the zone is learned: no note about UTC


def test_the_zone_is_learned_from_the_abbr_and_reads_the_edit_line(saved34):
    guest = saved34.posts[1]
    assert (guest.author.name, guest.author.id) == ("pond_visitor", None)
    assert guest.published_at == datetime(2013, 5, 12, 9, 31, tzinfo=UTC)
    # "12 May 2013 - 12:02 PM" at GMT+2 (the abbrs print 10:20 AM for 08:20 UTC).
    assert (guest.edited_by, guest.edited_at) == ("Anna_mod", datetime(2013, 5, 12, 10, 2, tzinfo=UTC))
    assert guest.text == "Mine is PVC, sadly."


def test_built_citations_nest_and_keep_the_exact_time(saved34):
    post = saved34.posts[2]
    jonas = ("Jonas", "5121", datetime(2013, 5, 12, 8, 20, tzinfo=UTC), "Jonas, on 12 May 2013 - 10:20 AM, said:",
             "Patch kits work if the liner is EPDM.", [])
    assert tree(saved34.posts[1].quotes) == [jonas]
    assert tree(post.quotes) == [("pond_visitor", "5122", datetime(2013, 5, 12, 9, 31, tzinfo=UTC),
                                  "pond_visitor, on 12 May 2013 - 11:31 AM, said:", "Mine is PVC, sadly.", [jonas])]
    assert post.text == "For PVC use a PVC patch and this glue."
    assert [(link.url, link.text) for link in post.links] == [
        ("http://pond.example.com/topic/12-pvc-glue/", "this glue")]
    # The attached thumbnail: its link is the full picture.
    assert [(i.url, i.text) for i in post.images] == [(
        "http://pond.example.com/index.php?app=core&module=attach&section=attach&attach_rel_module=post&attach_id=88",
        "Attached Image: patch.jpg")]
    assert "building ponds since 1998" not in post.text


def test_an_attached_file_is_no_word_of_the_post(saved34):
    post = saved34.posts[0]
    assert post.text == "Patch kits work if the liner is EPDM."
    assert [(a.url, a.text) for a in post.attachments] == [
        ("http://pond.example.com/index.php?app=core&module=attach&section=attach&attach_id=87", "liner-guide.pdf")]
    assert post.links == [] and post.images == []  # the file's links and its type's icon


def test_reputation(saved34):
    assert [p.reactions for p in saved34.posts] == [{"Reputation": 3}, {}, {"Reputation": 0}]


# --- 3.0-3.3 quotes, relative dates, no zone to learn ---------------------------------------------


def test_old_friendly_urls_and_the_bottom_breadcrumb(cited32):
    thread = cited32.thread
    assert (thread.id, thread.title) == ("315", "Koi in winter")
    assert thread.url == "http://koiclub.example.org/index.php?/topic/315-koi-in-winter/"
    assert thread.forum == ["Koi Club", "Koi", "Fish Health"]  # the privacy link beside it is no crumb
    assert (thread.page, thread.page_count) == (2, 3)
    assert cited32.next_page_url == "http://koiclub.example.org/index.php?/topic/315-koi-in-winter/page__st__40"
    authors = [(p.author.name, p.author.id) for p in cited32.posts]
    assert authors == [("koi_carl", "56"), ("Guest_Pia", None), ("mira_k", "61")]


def test_citations_read_against_the_capture_time_in_utc(cited32):
    carl = ("koi_carl", "8801", datetime(2024, 5, 31, 21, 15, tzinfo=UTC), "koi_carl, on Yesterday, 09:15 PM, said:",
            "My koi stopped eating at 8 °C.", [])
    guest, last = cited32.posts[1:]
    assert tree(guest.quotes) == [carl]
    assert guest.text == "That is normal below 10 °C."
    assert tree(last.quotes) == [
        ("Guest_Pia", "8802", datetime(2024, 6, 1, 8, 2, tzinfo=UTC), "Guest_Pia, on Today, 08:02 AM, said:",
         "That is normal below 10 °C.", [carl]),
        (None, None, None, "Quote", "Do not feed below 5 °C.", [])]
    assert last.text == "Stop feeding until spring, see the feeding chart."
    assert [link.url for link in last.links] == ["http://koiclub.example.org/index.php?/topic/120-feeding-chart/"]
    assert "Mira's koi pond" not in last.html


def test_minutes_ago_in_the_edit_line_and_the_utc_note(cited32):
    last = cited32.posts[2]
    assert last.published_at == datetime(2024, 6, 1, 11, 40, tzinfo=UTC)  # the abbr's title, not "20 minutes ago"
    assert (last.edited_by, last.edited_at) == ("mira_k", datetime(2024, 6, 1, 11, 55, tzinfo=UTC))
    assert cited32.errors == [ZONE_NOTE]


# --- Walls, errors, other pages -------------------------------------------------------------------


def test_an_error_page_for_a_closed_forum_is_blocked():
    result = parse(PAGES / "error_no_permission.html", f"{BASE}/index.php?showtopic=9")
    assert (result.kind, result.engine) == ("blocked", "ipb3")
    assert result.reason == "IP.Board 3 error page: [#10333] Sorry, you don't have permission for that!"


def test_a_broken_link_error_page_is_unsupported():
    result = parse(PAGES / "error_broken_link.html", f"{BASE}/index.php?showtopic=9")
    assert (result.kind, result.engine) == ("unsupported", "ipb3")
    assert result.reason == ("IP.Board 3 error page: [#10340] Sorry, the link that brought you to this page"
                             " seems to be out of date or broken.")


def test_the_sign_in_page_is_blocked():
    result = parse(PAGES / "sign_in.html", f"{BASE}/index.php?showtopic=42")
    assert (result.kind, result.engine) == ("blocked", "ipb3")
    assert result.reason == "login required: IP.Board 3 sign-in form (Sign In - Koi Keepers)"


def test_the_hidden_sign_in_form_of_every_guest_page_is_no_wall(page1):
    assert "inline_login_form" in (SITE / "page-1.html").read_text(encoding="utf-8")
    assert page1.kind == "thread_page"


def test_a_topic_view_without_post_blocks_is_never_an_empty_thread():
    markup = (SITE / "page-3.html").read_text(encoding="utf-8")
    start, end = markup.index("<!--post:1007-->"), markup.index("\t\t</div>\n\t</div>\n\t<hr />")
    result = parse_page((markup[:start] + markup[end:]).encode(), f"{BASE}/index.php?showtopic=42&st=6", CAPTURED)
    assert (result.kind, result.engine) == ("unsupported", "ipb3")
    assert result.reason == "IP.Board 3 topic page without posts: Winter heater for a small pond"


def test_a_hidden_post_shown_to_a_moderator_is_skipped_with_an_error():
    # skin_topic softDeletedPostBit: the moderators' note in div.post_body#postsDelete_N.
    markup = (SITE / "page-1.html").read_text(encoding="utf-8")
    start, end = markup.index("<!--post:1002-->"), markup.index("<!--post:1003-->")
    hidden = ("<!--post:1002-->\n<div class='post_block hentry clear moderated' id='post_id_1002'>"
              "<a id='entry1002'></a><div class='post_wrap'><h3 class='row2 guest'>visitor_tom</h3>"
              "<div class='post_body' id='postsDelete_1002' style='margin-left: 0;'>"
              "<div class='post entry-content' style='padding:10px'>Deleted by <a href='index.php?showuser=3'>"
              "Anna_mod</a> 15 January 2024 - 08:00 AM.</div></div></div></div>\n")
    result = parse_page((markup[:start] + hidden + markup[end:]).encode(), f"{BASE}/index.php?showtopic=42",
                        CAPTURED, engine="ipb3")
    assert [p.post_id for p in result.posts] == ["1001", "1003"]
    assert [p.position for p in result.posts] == [1, 3]
    assert any(e.startswith("post 1002: a hidden (soft-deleted) post") for e in result.errors)
    assert result.reason is None  # not mistaken for posts lxml mixed up (no second reading)


def test_a_post_without_its_time_or_author_says_so():
    markup = (SITE / "page-1.html").read_text(encoding="utf-8")
    markup = markup.replace('title="2024-01-14T08:30:00+00:00">14 January 2024 - 08:30 AM', 'title="">')
    markup = markup.replace('<span itemprop="creator name" class="author vcard"><a hovercard-ref="member" '
                            'hovercard-id="12" class="_hovertrigger url fn name " href=\'index.php?showuser=12\' '
                            'title=\'View Profile\'><span itemprop="name">Ravi</span></a></span>', "")
    result = parse_page(markup.encode(), f"{BASE}/index.php?showtopic=42", CAPTURED, engine="ipb3")
    first, _, third = result.posts
    assert first.published_at is None and third.author.name is None
    assert "post 1001: no publication time found" in result.errors
    assert "post 1003: no author name found" in result.errors


# --- Detection and contract -----------------------------------------------------------------------


def detect(markup: str | bytes) -> bool:
    text = markup.decode("utf-8") if isinstance(markup, bytes) else markup
    return ipb3.detect(Selector(root=build_tree(text), type="html"))


def test_every_fixture_is_detected_as_ipb3():
    for path in [*SITE.glob("*.html"), *PAGES.glob("*.html")]:
        assert detect_engine(Selector(root=build_tree(path.read_text(encoding="utf-8")), type="html")) == "ipb3", path


def test_other_engines_pages_are_not_claimed():
    others = [p for p in DATA.rglob("*.html") if p.is_file() and not {"ipb3", "ipb3_site", "ipb3_skins"} & set(p.parts)]
    assert len(others) > 50
    for path in others:  # IPS 4/5 and Forumotion's Invision version among them
        assert not detect(path.read_bytes()), path


def test_a_post_block_without_the_board_script_is_not_enough():
    """Without ``ipb.vars`` a ``div.post_block#post_id_N`` alone is anybody's markup; its ``a#entryN``
    anchor, which every IP.Board 3 skin prints before it (permalinks end "#entryN"), pairs the
    number as no other engine does: a copy of the page saved without its scripts is still IP.Board 3."""
    markup = (SITE / "page-1.html").read_text(encoding="utf-8").replace("ipb.vars", "board.vars")
    markup = markup.replace("id='ipboard_body'", "id='board_body'")  # globalTemplate's body id, IP.Board 3's too
    assert not detect(re.sub(r"<a id='entry\d+'></a>", "", markup))
    assert detect(markup)
    without_scripts = re.sub(r"(?s)<script\b.*?</script>", "", (SITE / "page-1.html").read_text(encoding="utf-8"))
    result = parse_page(without_scripts.encode(), f"{BASE}/index.php?showtopic=42", CAPTURED,
                        content_type="text/html; charset=utf-8")
    assert (result.kind, result.engine) == ("thread_page", "ipb3")
    assert [p.post_id for p in result.posts] == [p.post_id for p in parse_page(
        (SITE / "page-1.html").read_bytes(), f"{BASE}/index.php?showtopic=42", CAPTURED).posts]


def test_engine_is_registered_right_after_ips():
    names = list(ENGINES)
    assert names.index("ipb3") == names.index("ips") + 1


def test_every_result_validates_against_the_schema(page1, page2, page3, saved34, cited32):
    for result in (page1, page2, page3, saved34, cited32):
        jsonschema.validate(result.to_dict(), SCHEMA)


def test_a_post_inside_another_posts_block_gets_no_other_posts_author():
    # A lost </div>: post 1002's block inside post 1001's words. Neither takes the other's author.
    markup = (SITE / "page-1.html").read_text(encoding="utf-8")
    start, end = markup.index("<!--post:1002-->"), markup.index("<!--post:1003-->")
    second = markup[start:end]
    broken = markup[:start] + markup[end:]
    broken = broken.replace("keep a hole in the ice?</p>", "keep a hole in the ice?</p>" + second, 1)
    result = parse_page(broken.encode(), f"{BASE}/index.php?showtopic=42", CAPTURED, engine="ipb3")
    authors = {p.post_id: p.author.name for p in result.posts}
    assert authors["1002"] in ("visitor_tom", None) and authors["1001"] in ("Marta", None)
    assert authors["1003"] == "Ravi"


def test_the_next_page_without_the_next_button():
    # A skin that drops li.next: <link rel="next"> when the head has one, else the page after the active one.
    markup = (PAGES / "ipb32_citations.html").read_text(encoding="utf-8")
    url = "http://koiclub.example.org/index.php?/topic/315-koi-in-winter/page__st__20"
    without_button = "".join(part.split("</li>", 1)[1] if i else part
                             for i, part in enumerate(markup.split("<li class='next'>")))
    assert "<li class='next'>" not in without_button
    numbered = parse_page(without_button.encode(), url, CAPTURED, engine="ipb3")
    assert numbered.next_page_url == "http://koiclub.example.org/index.php?/topic/315-koi-in-winter/page__st__40"
    linked = without_button.replace(
        "</head>", "<link rel='next' href='http://koiclub.example.org/index.php?showtopic=315&amp;st=40' /></head>")
    assert parse_page(linked.encode(), url, CAPTURED, engine="ipb3").next_page_url == \
        "http://koiclub.example.org/index.php?showtopic=315&st=40"


def test_a_post_keeping_only_its_entry_anchor_is_said_not_read():
    """ipb32_citations.html with post 8802 printed by another template (a skin's staff reply:
    its ``div.post_block#post_id_8802`` now a ``div.staff_reply`` without the id), keeping only its
    ``a#entry8802`` anchor: the post is not read, and the page says so. Before: the other two posts
    came back and 8802 was lost with no word."""
    markup = (PAGES / "ipb32_citations.html").read_text(encoding="utf-8")
    block = "<div class='post_block hentry clear clearfix ' id='post_id_8802'>"
    assert markup.count(block) == 1 and markup.count("<a id='entry8802'></a>") == 1
    result = parse_page(markup.replace(block, "<div class='staff_reply'>").encode("utf-8"),
                        "http://koiclub.example.org/index.php?/topic/315-koi-in-winter/page__st__20", CAPTURED)
    assert [post.post_id for post in result.posts] == ["8801", "8803"]
    assert "post 8802: its block was not read (the page names it by its id; its markup fits no post this" \
           " parser reads)" in result.errors
