"""parsers.xenforo on small hand-written pages, one per markup variant (tests/data/xenforo/), and on the
real saved XenForo pages in ../shared (skipped when that folder is absent).

Each expected value below was read off the fixture's markup by hand: Unix times converted by hand
(1714550400 is 2024-05-01T08:00:00Z), printed XenForo 1 times shifted by the page's zone
(``serverTimeInfo.today`` 1425445200 is local midnight at 05:00 UTC, so the forum runs at UTC-5).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA, REAL_FIXTURES
from parsel import Selector

from parsers import xenforo
from parsers.html_text import decode_body
from parsers.registry import build_tree, detect_engine, parse_page

CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
UTC = timezone.utc
XF = DATA / "xenforo"
XF2_URL = "https://board.example/threads/printer-trouble.555/page-2"
XF1_URL = "https://old.example/community/threads/fax-machines.321/"
REAL = REAL_FIXTURES / "xenforo"
needs_shared = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/fixtures/real is absent")


def parse_file(name: str, url: str, captured_at: datetime = CAPTURED):
    return parse_page((XF / name).read_bytes(), url, captured_at)


@pytest.fixture(scope="module")
def xf2():
    return parse_file("xf2_variants.html", XF2_URL)


@pytest.fixture(scope="module")
def xf1():
    return parse_file("xf1_variants.html", XF1_URL, datetime(2015, 3, 4, 20, 15, tzinfo=UTC))


def doc_of(html: str) -> Selector:
    return Selector(root=build_tree(html), type="html")


# --- XenForo 2 -----------------------------------------------------------------------------------


def test_xf2_thread_fields(xf2):
    assert (xf2.kind, xf2.engine) == ("thread_page", "xenforo")
    thread = xf2.thread
    # The prefix label "Solved" is not part of the title; the JSON-LD and og:title are fallbacks only.
    assert (thread.id, thread.title) == ("555", "Printer trouble")
    assert thread.url == "https://board.example/threads/printer-trouble.555/"
    assert xf2.canonical_url == XF2_URL
    assert thread.forum == ["Forums", "Hardware", "Printers"]  # the top breadcrumb, not the bottom copy
    assert (thread.page, thread.page_count) == (2, 3)
    assert xf2.next_page_url == "https://board.example/threads/printer-trouble.555/page-3"
    assert (thread.starter.name, thread.starter.id, thread.starter.url) == (
        "Ink Jet", "77", "https://board.example/members/ink-jet.77/")
    assert thread.started_at == datetime(2024, 4, 24, 23, 6, 40, tzinfo=UTC)
    assert thread.tags == ["printers", "paper jam"]


@needs_shared
def test_json_ld_values_of_other_types_are_no_starter_and_no_error():
    """A real XenForo 2 page whose thread starter comes from its JSON-LD, with values that are not
    words there (a true as the author's address, a number as the headline, a true as the date):
    they are not read, and the page is read as before, not lost to an exception (found by
    bench/fuzz_parsers.py --seed 19)."""
    page = (REAL / "physicsforums-thread-1066181.html").read_text(encoding="utf-8")
    url = "https://www.physicsforums.com/threads/buying-microsoft-office-2024-but-not-from-microsoft.1066181/"
    before = parse_page(page.encode(), url, CAPTURED)
    assert before.thread.starter.url == "https://www.physicsforums.com/members/paulb203.737169/"
    changed = page.replace('"url": "https://www.physicsforums.com/members/paulb203.737169/"', '"url": true', 1)
    changed = changed.replace('"datePublished": "2024-10-08T10:58:20+00:00"', '"datePublished": true', 1)
    assert changed.count('"url": true') == 1 and changed.count('"datePublished": true') == 1
    result = parse_page(changed.encode(), url, CAPTURED)
    assert result.kind == "thread_page" and not any("parser error" in error for error in result.errors)
    assert (result.thread.starter.name, result.thread.starter.url) == ("paulb203", None)
    assert [p.post_id for p in result.posts] == [p.post_id for p in before.posts]

def test_xf2_posts_positions_and_the_deleted_placeholder(xf2):
    # The deleted post's placeholder (a <div>, no body) is not a post; the last post prints no
    # number and follows the one before it.
    assert [p.post_id for p in xf2.posts] == ["1001", "1002", "1003", "1004"]
    assert [(p.position, p.position_on_page) for p in xf2.posts] == [(21, 1), (22, 2), (23, 3), (24, 4)]
    assert xf2.errors == ["post 1004: no publication time found"]


def test_xf2_member_post(xf2):
    post = xf2.posts[0]
    assert (post.author.name, post.author.id, post.author.url) == (
        "Ink Jet", "77", "https://board.example/members/ink-jet.77/")
    assert post.url == "https://board.example/threads/printer-trouble.555/post-1001"
    # data-timestamp, not the join date <time> in the user pane
    assert post.published_at == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    assert (post.edited_at, post.edited_by) == (datetime(2024, 5, 1, 9, 0, tzinfo=UTC), "Ink Jet")


def test_xf2_text_is_the_posters_words_only(xf2):
    post = xf2.posts[0]
    # The code block's "Code:" caption, the link card's title and snippet (kept as its URL), the
    # script, the signature, the edit notice and the reactions bar are not the poster's words.
    assert post.text == ("Printer says PC LOAD LETTER.\nthe manual did not help, asked @Toner Tom.\n\n"
                         "lpstat -p\n\nhttps://news.example/printers-2024")
    for chrome in ("Code:", "Printers of 2024", "card snippet", "evil", "Sent from my fax", "Last edited",
                   "Toner Tom, Paper Pat", "tray.png", "Reactions"):
        assert chrome not in post.text
    assert "<script" not in post.html and "evil()" not in post.html
    assert "lpstat -p" in post.html and "Sent from my fax" not in post.html


def test_xf2_links_images_and_attachments(xf2):
    post = xf2.posts[0]
    assert [(l.url, l.text) for l in post.links] == [
        ("https://printers.example/manual", "the manual"),
        ("https://board.example/members/toner-tom.88/", "@Toner Tom"),
        ("https://news.example/printers-2024", "https://news.example/printers-2024"),
    ]
    # Full-size addresses: the lightbox link around the inline thumbnail, the attachment list's link.
    assert [(i.url, i.text) for i in post.images] == [
        ("https://board.example/attachments/jam-jpg.31/", "jam.jpg"),
        ("https://board.example/attachments/tray-png.32/", "tray.png"),
    ]
    assert [(a.url, a.text) for a in post.attachments] == [("https://board.example/attachments/driver-zip.33/", "driver.zip")]
    assert [(l.url, l.text) for l in xf2.posts[2].links] == [("https://www.youtube.com/embed/abc123?wmode=opaque", None)]


def test_xf2_reactions(xf2):
    # Two reaction types and five people: the bar does not say who gave which, so only the total.
    assert xf2.posts[0].reactions == {"Reactions": 5}
    assert xf2.posts[1].reactions == {"Like": 2}  # "Ink Jet and Paper Pat"
    assert xf2.posts[2].reactions == {}  # an empty bar
    assert xf2.posts[3].reactions == {"Haha": 1}  # "Reactions: 2cool": a name, not a number


def test_xf2_guest_with_a_moderator_edit_and_an_iso_time_without_colon(xf2):
    post = xf2.posts[1]
    assert (post.author.name, post.author.id, post.author.url) == ("Visitor Vic", None, None)
    assert post.published_at == datetime(2024, 5, 1, 10, 30, tzinfo=UTC)  # 05:30-0500
    # "Last edited by a moderator": the phrase names no member, so no editor (not "a moderator")
    assert (post.edited_at, post.edited_by) == (datetime(2024, 5, 2, tzinfo=UTC), None)
    assert post.url == XF2_URL + "#post-1002"
    assert post.text == "Try the other tray."


def test_xf2_nested_quotes(xf2):
    (outer,) = xf2.posts[1].quotes
    (inner,) = outer.quotes
    assert (outer.author, outer.author_id, outer.post_id, outer.citation, outer.text) == (
        "Ink Jet", "77", "1001", "Ink Jet said:", "Outer words.")
    # The quoted post is on this page: its time and thread are known.
    assert (outer.published_at, outer.thread_id) == (datetime(2024, 5, 1, 8, 0, tzinfo=UTC), "555")
    # XenForo 2.1 quote: no data attributes, only the citation and its jump link.
    assert (inner.author, inner.author_id, inner.post_id, inner.citation, inner.text) == (
        "Old Timer", None, "900", "Old Timer said:", "Inner words.")
    assert (inner.published_at, inner.thread_id, inner.quotes) == (None, None, [])
    assert "Click to expand" not in xf2.posts[1].html


def test_xf2_unix_data_time_and_unattributed_quote(xf2):
    third, fourth = xf2.posts[2], xf2.posts[3]
    assert third.published_at == datetime(2024, 5, 1, 21, 46, 40, tzinfo=UTC)  # data-time="1714600000"
    assert third.text == "Watch this."
    assert (fourth.author.name, fourth.author.id, fourth.author.url) == ("Toner Tom", "88", None)
    assert fourth.published_at is None
    (quote,) = fourth.quotes
    assert (quote.author, quote.citation, quote.post_id, quote.text) == (None, None, None, "Pasted from a manual.")
    assert fourth.text == "Same here."  # the TL;DR custom field is not the post body


# --- XenForo 1 -----------------------------------------------------------------------------------


def test_xf1_thread_fields(xf1):
    thread = xf1.thread
    assert (thread.id, thread.title, thread.url) == ("321", "Fax machines", XF1_URL)
    assert xf1.canonical_url == XF1_URL  # a <link> lxml moves out of <head> after the <noscript>
    assert thread.forum == ["Home", "Forums", "Office Gear"]
    assert (thread.page, thread.page_count) == (1, 2)
    # From the PageNav's data-baseurl, against <base href>.
    assert xf1.next_page_url == "https://old.example/community/threads/fax-machines.321/page-2"
    assert (thread.starter.name, thread.starter.id, thread.starter.url) == (
        "Fax Fan", "11", "https://old.example/community/members/fax-fan.11/")
    assert thread.started_at == datetime(2015, 3, 2, 12, 40, tzinfo=UTC)  # 7:40 AM at UTC-5
    assert thread.tags == ["fax", "retro"]
    assert xf1.errors == []


def test_xf1_posts(xf1):
    assert [(p.post_id, p.position, p.position_on_page) for p in xf1.posts] == [
        ("5001", 1, 1), ("5002", 2, 2), ("5003", 3, 3)]  # the deleted post is left out
    first, second, guest = xf1.posts
    assert (first.author.name, first.author.id, first.author.url) == (
        "Fax Fan", "11", "https://old.example/community/members/fax-fan.11/")
    assert first.published_at == datetime(2015, 3, 2, 12, 40, tzinfo=UTC)  # abbr data-time 1425300000
    # The permalink of #1 is the thread address: the post's anchor is added.
    assert first.url == XF1_URL + "#post-5001"
    assert second.url == XF1_URL + "#post-5002"
    # A printed date only ("Mar 3, 2015 at 9:15 PM" in the title), in the forum's zone, UTC-5.
    assert second.published_at == datetime(2015, 3, 4, 2, 15, tzinfo=UTC)
    assert (guest.author.name, guest.author.id, guest.author.url) == ("Guest Gus", None, None)
    assert guest.published_at == datetime(2015, 3, 4, 20, 13, 20, tzinfo=UTC)  # "Today at 3:13 PM"


# A like add-on's summary (musiker-board's XenForo 1 style, 2020): a heart image in a span, then the
# count in a span of its own, no names. Invented count.
ADDON_LIKE_SUMMARY = ('<span class="LikeText"><span class="mbLikeTxt mb_centerTxt"><img src="styles/heart.svg"'
                      ' alt="no longer like" class="mb_herzchen"/></span>\n<span class="mb_othersLike">\n\n'
                      '4 Person(en) gefällt das\n\n</span>\n</span>')


def test_xf1_a_like_addons_count_line_is_a_count_not_one_name():
    """Before: {"Like": 1} for any count, the line read as one liker's name."""
    markup = (XF / "xf1_variants.html").read_text(encoding="utf-8")
    stock = markup[markup.index('<span class="LikeText">'):]
    stock = stock[:stock.index("like this.</span>") + len("like this.</span>")]
    result = parse_page(markup.replace(stock, ADDON_LIKE_SUMMARY).encode(), XF1_URL,
                        datetime(2015, 3, 4, 20, 15, tzinfo=UTC))
    assert result.posts[0].reactions == {"Like": 4}

def test_xf1_saved_without_its_scripts_still_reads_printed_dates_in_the_boards_zone():
    """Without the serverTimeInfo script (a copy saved without scripts), the zone comes from the
    recent times' elements, each giving its Unix time and the clock it prints ("7:40 AM" for
    12:40 UTC: UTC-5): the post dated by its printed title alone is read at UTC-5 as before, and
    no zone error. Before: read as UTC, five hours early, with the error."""
    markup = (XF / "xf1_variants.html").read_text(encoding="utf-8")
    start = markup.index("<script>\njQuery.extend(true, XenForo,")
    without = markup[:start] + markup[markup.index("</script>", start) + len("</script>"):]
    assert "serverTimeInfo" not in without
    result = parse_page(without.encode(), XF1_URL, datetime(2015, 3, 4, 20, 15, tzinfo=UTC))
    assert result.posts[1].published_at == datetime(2015, 3, 4, 2, 15, tzinfo=UTC)  # "Mar 3, 2015 at 9:15 PM"
    assert not any("zone" in error for error in result.errors)

def test_xf1_own_words_likes_edit_and_attachments(xf1):
    first = xf1.posts[0]
    assert first.text == "Who still uses a fax?"
    assert "Fax me" not in first.text and "Fax me" not in first.html  # the signature is a .messageText too
    assert (first.edited_at, first.edited_by) == (datetime(2015, 3, 2, 13, 0, tzinfo=UTC), "Fax Fan")
    assert first.reactions == {"Like": 5}  # two names "and 3 others"
    # The proxied picture's original address (data-url); the smiley is not a picture.
    assert [(i.url, i.text) for i in first.images] == [
        ("http://pics.example/fax.jpg", "[\u200bIMG]"),
        ("https://old.example/community/attachments/toner-jpg.61/", "toner.jpg"),
    ]
    assert [(a.url, a.text) for a in first.attachments] == [
        ("https://old.example/community/attachments/manual-pdf.62/", "manual.pdf")]
    assert xf1.posts[1].reactions == {}


def test_xf1_three_levels_of_quotes(xf1):
    second = xf1.posts[1]
    assert second.text == "My reply."
    (outer,) = second.quotes
    (middle,) = outer.quotes
    (inner,) = middle.quotes
    assert (outer.author, outer.post_id, outer.citation, outer.text) == ("Fax Fan", "5001", "Fax Fan said:", "Level one.")
    assert (outer.published_at, outer.thread_id) == (datetime(2015, 3, 2, 12, 40, tzinfo=UTC), "321")
    assert (middle.author, middle.post_id, middle.citation, middle.text) == ("Ink", "4000", "Ink said:", "Level two.")
    assert (middle.published_at, middle.thread_id) == (None, None)  # post 4000 is not on the page
    assert (inner.author, inner.citation, inner.text, inner.quotes) == (None, None, "Level three.", [])
    assert "Click to expand" not in second.html and "Level three." in second.html


# --- Pages that are not threads ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kind", "reason"), [
    ("xf2_login_required.html", "blocked", "login required: You must be logged-in to do that."),
    ("xf2_error.html", "blocked", "error page: The requested thread could not be found."),
    ("xf1_login_required.html", "blocked", "login required: The following error occurred: You must be logged-in to do that."),
    ("xf2_forum_list.html", "unsupported", "XenForo page without posts (forum_view): Printers | Board Example"),
])
def test_walls_errors_and_other_pages_are_never_empty_threads(name, kind, reason):
    result = parse_file(name, "https://board.example/threads/x.1/")
    assert (result.kind, result.engine, result.reason) == (kind, "xenforo", reason)
    assert result.posts == []


# XenForo 2's notice in every page's <noscript> (the PAGE_CONTAINER template), before the page's own message.
NO_JS_NOTICE = ('<noscript><div class="blockMessage blockMessage--important blockMessage--iconic u-noJsOnly">'
                "JavaScript is disabled. For a better experience, please enable JavaScript in your browser before"
                " proceeding.</div></noscript>")


@pytest.mark.parametrize(("name", "reason"), [
    ("xf2_login_required.html", "login required: You must be logged-in to do that."),
    ("xf2_error.html", "error page: The requested thread could not be found."),
])
def test_the_no_javascript_notice_is_never_the_pages_message(name, reason):
    """Before: the notice was the error page's reason, and the login wall, its message unread, an error page."""
    markup = (XF / name).read_text(encoding="utf-8")
    body = markup.index(">", markup.index("<body")) + 1
    result = parse_page((markup[:body] + NO_JS_NOTICE + markup[body:]).encode(), "https://board.example/threads/x.1/",
                        CAPTURED)
    assert (result.kind, result.reason) == ("blocked", reason)


def test_every_xf1_page_carries_a_login_form_and_is_still_a_thread(xf1):
    assert 'type="password"' in (XF / "xf1_variants.html").read_text(encoding="utf-8")
    assert xf1.kind == "thread_page"


# --- Detection -----------------------------------------------------------------------------------


def test_detection_by_html_id_and_by_post_markup_when_a_theme_drops_it():
    for name in ("xf2_variants.html", "xf1_variants.html", "xf2_forum_list.html"):
        html = (XF / name).read_text(encoding="utf-8")
        assert detect_engine(doc_of(html)) == "xenforo", name
    bare2 = re.sub(r'id="XF"|data-xf="[^"]*"', "", (XF / "xf2_variants.html").read_text(encoding="utf-8"))
    bare1 = (XF / "xf1_variants.html").read_text(encoding="utf-8").replace('id="XenForo"', "")
    assert xenforo.detect(doc_of(bare2)) and xenforo.detect(doc_of(bare1))
    result = parse_page(bare2.encode(), XF2_URL, CAPTURED)
    assert result.engine == "xenforo" and len(result.posts) == 4


def test_other_pages_are_not_xenforo():
    for path in sorted((DATA / "ips").glob("*.html")) + [DATA / "ips_login_required.html"]:
        assert not xenforo.detect(doc_of(path.read_text(encoding="utf-8"))), path.name
    lookalike = ('<html><body><ul><li id="post_12" class="postbit" data-author="x">vBulletin</li>'
                 '<li id="post-3" data-author="y">no message class</li></ul>'
                 '<article data-author="z" data-content="profile-post-4">a profile post</article></body></html>')
    assert not xenforo.detect(doc_of(lookalike))


@needs_shared
def test_detection_over_every_real_page():
    for path in sorted(REAL_FIXTURES.rglob("*.html")):
        doc = doc_of(decode_body(path.read_bytes()))
        assert xenforo.detect(doc) == (path.parent.name == "xenforo"), path.name


# --- The real pages ------------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize(("name", "url", "posts", "thread_id"), [
    ("freebsd-thread-91732.html", "https://forums.FreeBSD.org/threads/2024-the-year-of-desktop-freebsd.91732/", 25, "91732"),
    ("gtplanet-thread-378195.xf1.html", "https://www.gtplanet.net/forum/threads/f1-2018-general-discussion.378195/", 30, "378195"),
    ("macrumors-thread-2231616.html", "https://forums.macrumors.com/threads/se-or-11.2231616/", 25, "2231616"),
    ("macrumors-thread-2350553.html", "https://forums.macrumors.com/threads/messages-in-icloud-still-taking-up-space-after-having-disabled-it.2350553/", 19, "2350553"),
    ("physicsforums-thread-1066181.html", "https://www.physicsforums.com/threads/buying-microsoft-office-2024-but-not-from-microsoft.1066181/", 11, "1066181"),
    ("wordreference-thread-3691417.html", "https://forum.wordreference.com/threads/attuned-to-the-reiki-symbols.3691417/", 30, "3691417"),
])
def test_real_pages_parse_whole(name, url, posts, thread_id):
    result = parse_page((REAL / name).read_bytes(), url, CAPTURED)
    assert (result.kind, result.engine, result.errors) == ("thread_page", "xenforo", [])
    assert (len(result.posts), result.thread.id) == (posts, thread_id)
    assert all(p.author.name and p.published_at for p in result.posts)
    assert [p.position for p in result.posts] == list(range(1, posts + 1))
    for post in result.posts:
        for chrome in ("Click to expand", "Last edited:", " and 3 others"):
            assert chrome not in post.text, (post.post_id, chrome)


@needs_shared
def test_real_xf1_page_times_links_and_quotes():
    url = "https://www.gtplanet.net/forum/threads/f1-2018-general-discussion.378195/"
    result = parse_page((REAL / "gtplanet-thread-378195.xf1.html").read_bytes(), url, CAPTURED)
    first = result.posts[0]
    # "May 15, 2018 at 1:20 PM" at the forum's UTC+1 (serverTimeInfo); profile links against <base href>.
    assert first.published_at == datetime(2018, 5, 15, 12, 20, tzinfo=UTC)
    assert first.author.url == "https://www.gtplanet.net/forum/members/khr1s.279499/"
    assert (first.edited_at, first.reactions) == (datetime(2018, 5, 15, 13, 4, tzinfo=UTC), {"Like": 3})
    assert result.thread.forum == ["Forums", "Games", "F1 Series", "F1 2018"]
    assert result.next_page_url == url + "page-2" and result.thread.page_count == 12
    quoting = next(p for p in result.posts if p.post_id == "12323300")
    (quote,) = quoting.quotes
    assert (quote.author, quote.post_id, quote.citation) == ("baldgye", "12323222", "baldgye:")
    assert quote.text == "Isn't it coming out a month sooner than they traditionally do?"
    assert quoting.text.startswith("Previous two games") and "baldgye" not in quoting.text


@needs_shared
def test_real_xf2_reactions_edits_and_quote_attributes():
    url = "https://forums.FreeBSD.org/threads/2024-the-year-of-desktop-freebsd.91732/"
    result = parse_page((REAL / "freebsd-thread-91732.html").read_bytes(), url, CAPTURED)
    by_id = {p.post_id: p for p in result.posts}
    assert by_id["636320"].reactions == {"Reactions": 6}  # Thanks and Like, "reddy, dbdemon, 3301 and 3 others"
    assert by_id["636372"].reactions == {"Thanks": 2}
    assert by_id["636405"].edited_at == datetime(2024, 7, 13, 19, 48, 12, tzinfo=UTC)
    (quote,) = by_id["636338"].quotes
    assert (quote.author, quote.author_id, quote.post_id, quote.thread_id) == ("PMc", "52756", "636332", "91732")
    assert quote.published_at == by_id["636332"].published_at
    assert result.thread.starter.name == "piizog" and (result.thread.page, result.thread.page_count) == (1, 20)


@needs_shared
def test_real_xf2_prefix_label_is_not_the_title():
    result = parse_page((REAL / "macrumors-thread-2231616.html").read_bytes(),
                        "https://forums.macrumors.com/threads/se-or-11.2231616/", CAPTURED)
    assert result.thread.title == "SE or 11"
    assert result.thread.forum == ["Forums", "iPhone, iPad, and iPod Touch", "iPhone", "iPhone"]



def test_results_validate_against_the_published_schema(xf2, xf1):
    schema = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
    blocked = parse_file("xf2_login_required.html", "https://board.example/threads/x.1/")
    for result in (xf2, xf1, blocked):
        jsonschema.validate(result.to_dict(), schema)


def test_body_chrome_is_found_by_tag_class_and_code_block_title():
    """What the body walk leaves out (it stands for an XPath union): scripts and styles, the quote's
    "Click to expand..." and the select-to-quote end mark by class, a code block's title (XF2's
    ``bbCodeBlock-title``, XF1's ``div.type``) only inside a code block."""
    body = ('<div class="bbWrapper">Own words.<script>evil()</script><style>p{}</style>'
            '<div class="bbCodeBlock bbCodeBlock--code"><div class="bbCodeBlock-title">Code:</div>'
            '<div class="bbCodeBlock-content">ls -l</div></div>'
            '<div class="bbCodeCode"><div class="type">PHP:</div><pre>echo 1;</pre></div>'
            '<div class="bbCodeBlock-title">A title outside any code block</div>'
            '<div class="bbCodeBlock-expandLink">Click to expand...</div>'
            '<div class="js-selectToQuoteEnd">&#160;</div>After.</div>')
    page = ('<html id="XF" data-template="thread_view"><body><article class="message" data-author="Ann"'
            f' data-content="post-7" id="js-post-7"><time datetime="2024-05-01T09:00:00+0000">x</time>{body}'
            '</article></body></html>')
    post = parse_page(page.encode(), "https://forum.example/threads/t.1/", CAPTURED).posts[0]
    assert post.text == "Own words.\n\nls -l\n\necho 1;\n\nA title outside any code block\nAfter."
    for chrome in ("evil", "Code:", "PHP:", "Click to expand"):
        assert chrome not in post.text and chrome not in post.html
