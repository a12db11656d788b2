"""A thread's next page when a theme restyled its pager (``parsers.pagination`` and each engine's
reader of its own page addresses).

Why: a theme that renames the pager's classes (and prints no ``rel="next"``) made most engines see
"page 1 of 1": the crawl stopped at the first page and said it had finished. The pages here are
the project's own fixtures, parsed at the address the board would serve them from; the restyled pager is ``bench/fuzz_parsers.py``'s ``restyled_page_nav`` (every
class of the pager's links and their ancestors renamed, ``rel="next"`` dropped from the head and
the pager). Every expected address was read by hand from the fixture's pager links.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone
from pathlib import Path

import pytest
from parsel import Selector

from bench import fuzz_parsers as fuzz
from parsers import (discourse, discuz, fluxbb, forumotion, ipb3, ips, mybb, nodebb, phpbb, proboards, smf, vanilla,
                     vbulletin, xenforo)
from parsers.pagination import PageAddress, linked_next_page, say_short_page
from parsers.registry import parse_page

DATA = Path(__file__).parent / "data"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)

# Hand-written: a page 2 of thread 42 whose pager the parser does not know, with a link to this
# page, to pages 1, 3 and 9, a post's permalink, another board's page 3 and another thread's page 3.
PAGE_TWO = b"""<html><body>
<div class="thm-nav"><a href="/threads/talk.42/">1</a> <b>2</b> <a href="/threads/talk.42/page-9">9</a>
<a href="https://other.example/threads/talk.42/page-3">3</a> <a href="/threads/else.43/page-3">3</a>
<a href="/threads/talk.42/post-77">#77</a> <a href="/threads/talk.42/page-3#posts">3</a></div>
</body></html>"""


def tree(body: bytes):
    return Selector(text=body.decode("utf-8"), type="html").root


def test_the_nearest_later_page_of_the_same_thread_on_the_same_board():
    found = linked_next_page(tree(PAGE_TWO), "https://board.example/threads/talk.42/page-2",
                             xenforo.thread.thread_page_address)
    assert found == "https://board.example/threads/talk.42/page-3"


def test_the_last_page_links_no_later_page():
    found = linked_next_page(tree(PAGE_TWO), "https://board.example/threads/talk.42/page-9",
                             xenforo.thread.thread_page_address)
    assert found is None


def test_a_fetched_address_that_names_no_page_is_read_through_the_canonical_one():
    # A shortened address ("/t/42") says nothing of the page; the canonical one does.
    read = xenforo.thread.thread_page_address
    assert linked_next_page(tree(PAGE_TWO), "https://board.example/go/42", read) is None
    found = linked_next_page(tree(PAGE_TWO), "https://board.example/go/42", read,
                             canonical="https://board.example/threads/talk.42/page-2")
    assert found == "https://board.example/threads/talk.42/page-3"


def test_relative_links_resolve_against_the_pages_base():
    body = b'<html><body><a href="threads/talk.42/page-3">3</a></body></html>'
    found = linked_next_page(tree(body), "https://board.example/community/threads/talk.42/page-2",
                             xenforo.thread.thread_page_address, base="https://board.example/community/")
    assert found == "https://board.example/community/threads/talk.42/page-3"


def test_a_number_ending_a_titles_words_never_sends_the_crawl_back():
    # vBSEO addresses: page 1 "42-iphone-5.html" reads as page 5, page 2 is "42-iphone-5-2.html".
    # On page 2, the link to page 1 is not the next page; the link to page 3 is.
    body = (b'<html><body><a href="/f/42-iphone-5.html">1</a> <b>2</b> <a href="/f/42-iphone-5-3.html">3</a>'
            b'</body></html>')
    found = linked_next_page(tree(body), "https://b.example/f/42-iphone-5-2.html", vbulletin.thread.thread_page_address)
    assert found == "https://b.example/f/42-iphone-5-3.html"


@pytest.mark.parametrize("read, address, expected", [
    (xenforo.thread.thread_page_address, "https://b.example/threads/slug.42/page-3", PageAddress("42", 3)),
    (xenforo.thread.thread_page_address, "https://b.example/index.php?threads/42/", PageAddress("42", 1)),
    (xenforo.thread.thread_page_address, "https://b.example/threads/slug.42/post-9", None),
    (ips.thread.topic_page_address, "https://b.example/topic/42-slug/page/3/#comments", PageAddress("42", 3)),
    (ips.thread.topic_page_address, "https://b.example/topic/42-slug/?page=3", PageAddress("42", 3)),
    (ips.thread.topic_page_address, "https://b.example/topic/42-slug/?do=findComment&comment=9", None),
    (vbulletin.thread.thread_page_address, "https://b.example/showthread.php?t=42&page=3", PageAddress("42", 3)),
    (vbulletin.thread.thread_page_address, "https://b.example/showthread.php?42-slug/page3", PageAddress("42", 3)),
    (vbulletin.thread.thread_page_address, "https://b.example/forum/news/42-slug/page3", PageAddress("42", 3)),
    (vbulletin.thread.thread_page_address, "https://b.example/showthread.php?p=9#post9", None),
    (vbulletin.thread.thread_page_address, "https://b.example/news/42-slug-words-3.html", PageAddress("42", 3)),
    (phpbb.thread.topic_address, "https://b.example/viewtopic.php?f=2&t=42&start=30", PageAddress("42", 30)),
    (phpbb.thread.topic_address, "https://b.example/viewtopic.php?t=42", PageAddress("42", 0)),
    (phpbb.thread.topic_address, "https://b.example/viewtopic.php?t=42&view=next", None),
    (phpbb.thread.topic_address, "https://b.example/viewtopic.php?p=9#p9", None),
    (smf.thread.topic_address, "https://b.example/index.php?topic=42.30", PageAddress("42", 30)),
    (smf.thread.topic_address, "https://b.example/index.php/topic,42.30.html", PageAddress("42", 30)),
    (smf.thread.topic_address, "https://b.example/index.php?topic=42.msg9#msg9", None),
    (mybb.thread.thread_page_address, "https://b.example/thread-42-page-3.html", PageAddress("42", 3)),
    (mybb.thread.thread_page_address, "https://b.example/showthread.php?tid=42&page=3", PageAddress("42", 3)),
    (mybb.thread.thread_page_address, "https://b.example/Thread-slug?page=3", PageAddress("slug", 3)),
    (mybb.thread.thread_page_address, "https://b.example/showthread.php?tid=42&pid=9#pid9", None),
    (mybb.thread.thread_page_address, "https://b.example/thread-42-post-9.html", None),
    (discuz.page.thread_page_address, "https://b.example/thread-42-3-1.html", PageAddress("42", 3)),
    (discuz.page.thread_page_address, "https://b.example/forum.php?mod=viewthread&tid=42&page=3", PageAddress("42", 3)),
    (discuz.page.thread_page_address, "https://b.example/forum.php?mod=viewthread&tid=42&authorid=7", None),
    (ipb3.thread.topic_page_address, "https://b.example/index.php?/topic/42-slug/page__st__40", PageAddress("42", 40)),
    (ipb3.thread.topic_page_address, "https://b.example/index.php?showtopic=42&st=40", PageAddress("42", 40)),
    (ipb3.thread.topic_page_address, "https://b.example/index.php?showtopic=42&view=findpost&p=9", None),
    (fluxbb.thread.topic_page_address, "https://b.example/viewtopic.php?id=42&p=3", PageAddress("42", 3)),
    (fluxbb.thread.topic_page_address, "https://b.example/topic/42/slug/page/3/", PageAddress("42", 3)),
    (fluxbb.thread.topic_page_address, "https://b.example/viewtopic.php?pid=9#p9", None),
    (proboards.thread_page_address, "https://b.example/thread/42/slug?page=3", PageAddress("42", 3)),
    (proboards.thread_page_address, "https://b.example/post/9/thread", None),
    (discourse.topic_page_address, "https://b.example/t/slug/42?page=3", PageAddress("42", 3)),
    (discourse.topic_page_address, "https://b.example/t/slug/42/17", None),
    (vanilla.addresses.discussion_page_address, "https://b.example/discussion/42/slug/p3", PageAddress("42", 3)),
    (vanilla.addresses.discussion_page_address, "https://b.example/index.php?p=/discussion/42/slug", PageAddress("42", 1)),
    (vanilla.addresses.discussion_page_address, "https://b.example/discussion/comment/1007#Comment_1007", None),
    (nodebb.addresses.topic_page_address, "https://b.example/topic/31/slug?page=3", PageAddress("31", 3)),
    (nodebb.addresses.topic_page_address, "https://b.example/topic/31/slug/7", None),
    (forumotion.thread.topic_page_address, "https://b.example/t7p15-slug", PageAddress("7", 15)),
    (forumotion.thread.topic_page_address, "https://b.example/t7-slug", PageAddress("7", 0)),
    (forumotion.thread.topic_page_address, "https://b.example/f18-board", None),
])
def test_each_engines_page_addresses(read, address, expected):
    assert read(address) == expected


RESTYLED = [
    # (fixture, the address the board serves it from, its next page as its pager links it)
    ("arabic_packs/xf2_arabic.html", "https://baghdad.example/threads/provincial-elections.321/page-2",
     "https://baghdad.example/threads/provincial-elections.321/page-3"),
    ("ips/ips5_variants.html", "https://five.example/topic/888-printer-help/",
     "https://five.example/topic/888-printer-help/page/2/"),
    ("vbulletin/vb5_variants.html", "https://vb5.example/forum/hardware/9900-printer-help",
     "https://vb5.example/forum/hardware/9900-printer-help/page2"),
    ("vbulletin/vb3_variants.html", "https://vb3.example/forum/showthread.php?t=4321&page=2",
     "https://vb3.example/forum/showthread.php?t=4321&page=3"),
    ("phpbb/phpbb33_prosilver.html", "https://ponds.example/forum/viewtopic.php?t=5150&start=20",
     "https://ponds.example/forum/viewtopic.php?t=5150&start=30"),
    ("smf/smf21_variants.html", "https://smf21.example/index.php?topic=600.15",
     "https://smf21.example/index.php?topic=600.30"),
    ("mybb/mybb18_default.html", "https://mybb.example/thread-314-page-2.html",
     "https://mybb.example/thread-314-page-3.html"),
    ("fluxbb/punbb13_german.html", "https://punbb.example/viewtopic.php?id=12",
     "https://punbb.example/viewtopic.php?id=12&p=2"),
    ("ipb3/ipb32_citations.html", "http://koiclub.example.org/index.php?/topic/315-koi-in-winter/page__st__20",
     "http://koiclub.example.org/index.php?/topic/315-koi-in-winter/page__st__40"),
    ("field_discuz/x2_jammer_edit_notice_gmt12.html", "http://bbs.nandao.example/forum.php?mod=viewthread&tid=4410002",
     "http://bbs.nandao.example/forum.php?mod=viewthread&tid=4410002&extra=page%3D1&page=2"),
    ("discourse/crawler_2023_page2.html", "https://talk.example/t/rain-barrel-overflow/4321?page=2",
     "https://talk.example/t/rain-barrel-overflow/4321?page=3"),
    # loopback sites' pages, their {{BASE_URL}} filled in with the board's address
    ("forumotion_site/t7-forums-regeln/index.html", "https://forum.example/t7-forums-regeln",
     "https://forum.example/t7p15-forums-regeln"),
    ("vanilla_site/discussion/42/pond-liner-leaks/index.html", "https://forum.example/discussion/42/pond-liner-leaks",
     "https://forum.example/discussion/42/pond-liner-leaks/p2"),
]


@pytest.mark.parametrize("fixture, address, next_page", RESTYLED, ids=[row[0] for row in RESTYLED])
def test_a_restyled_pager_still_gives_the_next_page(fixture, address, next_page):
    body = (DATA / fixture).read_bytes().replace(b"{{BASE_URL}}", b"https://forum.example")
    page = fuzz.Page(fixture, body, address, None, parse_page(body, address, CAPTURED))
    assert page.original.next_page_url.replace("&sid=fedcba9876543210fedcba9876543210", "") == next_page
    mutant = fuzz.restyled_page_nav(page, random.Random(1), drop_link_next=True)
    assert "page nav classes renamed" in mutant.mutation
    assert not tree(mutant.body).xpath("//*[@rel='next']")
    result = parse_page(mutant.body, address, CAPTURED)
    assert result.next_page_url == next_page
    assert len(result.posts) == len(page.original.posts)


def test_the_fuzzers_pager_mutation_finds_what_it_should():
    # The check this mutation feeds: a next page lost with no error is silent drift; one the parse
    # says it did not find is not.
    body = (DATA / "ips/ips5_variants.html").read_bytes()
    address = "https://five.example/topic/888-printer-help/"
    original = parse_page(body, address, CAPTURED)
    lost = parse_page(body, address, CAPTURED)
    lost.next_page_url = None
    assert fuzz.drift_problems(original, lost) == [
        "next page https://five.example/topic/888-printer-help/page/2/ became None, no error"]
    lost.errors.append("page 1 of 2: no link to the next page found")
    assert fuzz.drift_problems(original, lost) == []


def test_a_discourse_page_short_of_its_topics_posts_without_a_next_link_says_so():
    # The project's crawler-view fixture, every link to page 2 taken out, with the preloaded topic
    # data a browser page carries (45 posts: 3 pages of 20): no next page can be found, and the
    # page must say so rather than end the crawl at page 1 as if the topic were read (the rule
    # every engine's thread page keeps: parsers.registry.say_missing_next_page).
    body = (DATA / "discourse/crawler_2017.html").read_text(encoding="utf-8")
    body = body.replace('<link rel="next" href="/t/seed-swap/12?page=2">', "")
    body = body.replace('<a href="/t/seed-swap/12?page=2" rel="next" itemprop="name">next page →</a>', "")
    assert "page=2" not in body
    preloaded = '{"topic_12": "{\\"posts_count\\": 45}"}'
    body = body.replace('<body class="crawler">', f"<body class=\"crawler\"><div id=\"data-preloaded\" "
                                                  f"data-preloaded='{preloaded}'></div>")
    result = parse_page(body.encode("utf-8"), "https://older.example/t/seed-swap/12", CAPTURED)
    assert (result.thread.page, result.thread.page_count, result.next_page_url) == (1, 3, None)
    assert "page 1 of 3: no link to the next page found" in result.errors


def test_a_page_before_the_last_short_of_the_boards_page_size_says_posts_may_be_missing():
    # ips5_variants: page 1 of 2 whose pagination says 25 posts a page (data-ipsPagination-perPage),
    # and two posts: a page before the last is always full, so 23 were not read.
    body = (DATA / "ips/ips5_variants.html").read_bytes()
    result = parse_page(body, "https://five.example/topic/888-printer-help/", CAPTURED)
    assert (result.thread.page, result.thread.page_count, len(result.posts)) == (1, 2, 2)
    assert "page 1 of 2 holds 2 posts where the board shows 25 a page: 23 may be missing" in result.errors


def test_the_last_page_or_a_full_one_says_nothing_of_its_size():
    result = parse_page((DATA / "ips/ips5_variants.html").read_bytes(), "https://five.example/topic/888-printer-help/",
                        CAPTURED)
    result.errors.clear()
    say_short_page(result, 2)  # as many posts as a page holds
    result.thread.page = result.thread.page_count  # the last page may hold fewer
    say_short_page(result, 25)
    assert result.errors == []
