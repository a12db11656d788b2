"""parsers.mybb on MyBB's other layouts, views, URL schemes and date styles (tests/data/mybb_layouts/).

Each page is hand-written from MyBB's public templates (its header names them and where they were
read): MyBB 1.8's classic postbit with search engine friendly URLs, threaded mode, a third-party
theme with Google SEO URLs, a day-first board whose only telling dates are the relative ones, and
an early 1.8 language pack's bare "Today" / "5 minutes ago" words with two-digit years. Every
expected value below was read off the fixture's markup by hand (times converted to UTC by hand
with the offset its footer clock shows).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA
from parsel import Selector

from parsers.html_text import decode_body
from parsers.losses import lost_content
from parsers.registry import ENGINES, build_tree, detect_engine, parse_page

UTC = timezone.utc
LAYOUTS = DATA / "mybb_layouts"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def parse(name: str, url: str, captured: datetime = CAPTURED, replace: tuple[str, str] | None = None):
    body = (LAYOUTS / name).read_bytes()
    if replace:
        body = body.replace(replace[0].encode(), replace[1].encode())
    return parse_page(body, url, captured)


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=UTC)


@pytest.fixture(scope="module")
def classic():
    """postbit_classic, page 1 of 2, MyBB's friendly URLs; the footer clock says UTC."""
    return parse("mybb18_classic.html", "https://tackle.example/thread-88.html")


@pytest.fixture(scope="module")
def threaded():
    """Threaded mode showing the thread's third post, two days later."""
    return parse("mybb18_threaded.html", "https://tackle.example/showthread.php?tid=88&pid=903&mode=threaded",
                 at(2024, 6, 3, 12, 0))


@pytest.fixture(scope="module")
def themed():
    """The Premium Multicolors postbit with Google SEO URLs, page 51 of 52; the footer clock is UTC+2."""
    return parse("mybb18_theme_google_seo.html", "https://pond.example/Thread-Night-fishing-for-tench?page=51")


# --- MyBB 1.8 classic postbit --------------------------------------------------------------------


def test_classic_postbit_posts_authors_and_permalinks(classic):
    assert (classic.kind, classic.engine, classic.errors) == ("thread_page", "mybb", [])
    assert [p.post_id for p in classic.posts] == ["901", "902", "903"]
    assert [(p.position, p.position_on_page) for p in classic.posts] == [(1, 1), (2, 2), (3, 3)]
    assert [p.url for p in classic.posts] == [f"https://tackle.example/thread-88-post-{n}.html#pid{n}"
                                              for n in (901, 902, 903)]
    assert [(p.author.name, p.author.id, p.author.url) for p in classic.posts] == [
        ("Carp Carl", "31", "https://tackle.example/user-31.html"),
        ("Passing Pete", None, None),  # a guest: the name in span.largetext, no link
        ("Reel Rita", "42", "https://tackle.example/user-42.html"),
    ]


def test_classic_postbit_dates_and_edits(classic):
    first, guest, reply = classic.posts
    assert first.published_at == at(2024, 5, 14, 19, 45)
    assert (first.edited_at, first.edited_by) == (at(2024, 5, 14, 20, 2), "Carp Carl")
    assert guest.published_at == at(2024, 5, 15, 6, 10)
    assert (guest.edited_at, guest.edited_by) == (None, None)
    # '<span title="06-01-2024, 09:40 AM">2 hours ago</span>',
    # edited '<span title="06-01-2024, 11:55 AM">5 minutes ago</span>' by Mod Molly
    assert reply.published_at == at(2024, 6, 1, 9, 40)
    assert (reply.edited_at, reply.edited_by) == (at(2024, 6, 1, 11, 55), "Mod Molly")


def test_classic_postbit_words_and_quote(classic):
    first, _guest, reply = classic.posts
    assert first.text == "Float over the lilies or a method feeder in the margins?"  # no signature
    assert reply.text == "Float at dawn, feeder after nine."
    (quote,) = reply.quotes
    assert (quote.author, quote.post_id, quote.thread_id) == ("Carp Carl", "901", "88")
    assert quote.published_at == at(2024, 5, 14, 19, 45)


def test_classic_postbit_thread_and_next_page(classic):
    thread = classic.thread
    assert (thread.id, thread.title) == ("88", "Float or feeder for tench?")
    assert thread.url == "https://tackle.example/thread-88.html"
    assert thread.forum == ["Tackle Talk", "Tench"]
    assert (thread.page, thread.page_count) == (1, 2)
    assert classic.next_page_url == "https://tackle.example/thread-88-page-2.html"
    assert (thread.starter.name, thread.started_at) == ("Carp Carl", at(2024, 5, 14, 19, 45))


def test_a_post_link_is_not_the_threads_url():
    # The same page fetched through its third post's friendly link ("thread-88-post-903.html").
    result = parse("mybb18_classic.html", "https://tackle.example/thread-88-post-903.html")
    assert result.thread.url == "https://tackle.example/thread-88.html"
    assert result.thread.id == "88"


def test_next_page_without_the_pagination_next_class():
    # A theme that restyles multipage_nextpage without its class: the link numbered one past the current page.
    result = parse("mybb18_classic.html", "https://tackle.example/thread-88.html",
                   replace=('class="pagination_next"', 'class="button"'))
    assert result.next_page_url == "https://tackle.example/thread-88-page-2.html"


# --- Threaded mode -------------------------------------------------------------------------------


def test_threaded_mode_reads_the_one_post_shown_not_the_tree(threaded):
    # The tree links posts 901, 902 and 904, which this page does not hold: a crawl started here
    # must not end "finished" with one post (parsers.losses counts the error as lost content).
    assert (threaded.kind, threaded.errors) == ("thread_page", [
        "MyBB threaded mode: the page shows 1 post(s) of the thread and links 3 other(s) from its tree"
        " (posts 901, 902, 904), which may be missing: the linear view (showthread.php?tid=N) shows every"
        " post in order"])
    assert lost_content(threaded) == threaded.errors
    (post,) = threaded.posts  # the tree lists 901, 902 and 904 too: they are links, not posts
    assert (post.post_id, post.position, post.position_on_page) == ("903", 3, 1)
    assert (post.author.name, post.author.id) == ("Reel Rita", "42")
    assert post.author.url == "https://tackle.example/member.php?action=profile&uid=42"
    assert post.published_at == at(2024, 6, 1, 9, 40)
    assert post.url == "https://tackle.example/showthread.php?tid=88&pid=903#pid903"
    assert post.text == "Float at dawn, feeder after nine."


def test_threaded_mode_thread_fields(threaded):
    thread = threaded.thread
    assert (thread.id, thread.title) == ("88", "Float or feeder for tench?")
    assert thread.url == "https://tackle.example/showthread.php?tid=88"  # not the threaded view's pid/mode
    assert (thread.page, thread.page_count) == (1, 1)
    assert threaded.next_page_url is None  # threaded mode prints no multipage; the tree is no next page
    # The post shown is the third: it did not start the thread.
    assert (thread.starter, thread.started_at) == (None, None)


# --- A third-party theme with Google SEO URLs ----------------------------------------------------


def test_theme_profile_link_outside_largetext(themed):
    member, guest = themed.posts
    assert [p.post_id for p in themed.posts] == ["1205", "1206"]
    # The name is the profile link's words; the id comes from the post's Find button (Google SEO's
    # "User-Ledger-Lou" names none).
    assert (member.author.name, member.author.id, member.author.url) == (
        "Ledger Lou", "23", "https://pond.example/User-Ledger-Lou")
    # The guest's name is a bare word in this theme: unread and said so, never the member the
    # guest's message links to.
    assert guest.author.name is None
    assert themed.errors == ["post 1206: no author name found"]
    assert guest.text == "What Ledger Lou said. Owls at midnight, tench at dawn."


def test_theme_post_numbers_past_a_thousand_and_seo_permalinks(themed):
    assert [p.position for p in themed.posts] == [1001, 1002]  # "#1,001", "#1,002"
    assert [p.url for p in themed.posts] == [
        "https://pond.example/Thread-Night-fishing-for-tench?pid=1205#pid1205",
        "https://pond.example/Thread-Night-fishing-for-tench?pid=1206#pid1206",
    ]


def test_theme_dates_in_the_footer_clocks_zone(themed):
    # "05-28-2024, 10:05 PM" and "05-29-2024, 01:30 AM" on a board two hours ahead of UTC.
    assert [p.published_at for p in themed.posts] == [at(2024, 5, 28, 20, 5), at(2024, 5, 28, 23, 30)]


def test_theme_thread_from_seo_urls(themed):
    thread = themed.thread
    assert thread.id == "7"  # no search box: the Print button's "printthread.php?tid=7"
    assert thread.title == "Night fishing for tench"
    assert thread.url == "https://pond.example/Thread-Night-fishing-for-tench"
    assert (thread.page, thread.page_count) == (51, 52)
    assert themed.next_page_url == "https://pond.example/Thread-Night-fishing-for-tench?page=52"
    assert thread.starter is None


def test_a_seo_slug_with_a_number_names_no_thread():
    # "Thread-tench-thread-12-tips": the slug's "thread-12" is no thread id; the Print button's is.
    slug = "Thread-tench-thread-12-tips"
    result = parse("mybb18_theme_google_seo.html", f"https://pond.example/{slug}?page=51",
                   replace=("Thread-Night-fishing-for-tench", slug))
    assert result.thread.id == "7"
    assert result.thread.url == f"https://pond.example/{slug}"


# --- Dates -----------------------------------------------------------------------------------------


def test_day_first_board_told_by_its_relative_dates():
    # "d-m-Y" with no day past the 12th: "<span title="01-06-2024">Yesterday</span>" and the footer's
    # "02-06-2024, 02:00 PM" at the 2024-06-02 12:00 UTC capture read only day first (UTC+2).
    result = parse("mybb18_dates_day_first.html", "https://river.example/showthread.php?tid=61",
                   at(2024, 6, 2, 12, 0))
    assert result.errors == []
    first, yesterday, hours_ago, today = result.posts
    assert first.published_at == at(2024, 5, 3, 7, 0)  # "03-05-2024, 09:00 AM": 3 May
    assert (first.edited_at, first.edited_by) == (at(2024, 5, 4, 8, 20), "Rod Rosa")
    assert yesterday.published_at == at(2024, 6, 1, 20, 15)
    assert hours_ago.published_at == at(2024, 6, 2, 7, 0)
    assert (hours_ago.edited_at, hours_ago.edited_by) == (at(2024, 6, 2, 11, 55), "Rod Rosa")
    assert today.published_at == at(2024, 6, 2, 9, 30)
    (quote,) = today.quotes
    assert (quote.post_id, quote.thread_id, quote.published_at) == ("1301", "61", at(2024, 5, 3, 7, 0))
    assert result.thread.started_at == at(2024, 5, 3, 7, 0)


def test_relative_words_without_titles_and_two_digit_years():
    result = parse("mybb18_dates_words.html", "https://canal.example/showthread.php?tid=62")
    assert result.errors == []
    assert [p.published_at for p in result.posts] == [
        at(2024, 5, 30, 21, 0),   # "05-30-24, 09:00 PM"
        at(2024, 5, 31, 21, 0),   # "Yesterday, 09:00 PM"
        at(2024, 6, 1, 8, 15),    # "Today, 08:15 AM"
        at(2024, 6, 1, 11, 0),    # "1 hour ago"
        at(2024, 6, 1, 11, 35),   # "25 minutes ago"
        at(2024, 6, 1, 11, 59),   # "Less than 1 minute ago": at most a minute before the capture
    ]
    today = result.posts[2]
    assert (today.edited_at, today.edited_by) == (at(2024, 6, 1, 8, 20), "Pole Polly")
    (quote,) = today.quotes
    assert quote.published_at == at(2024, 5, 30, 21, 0)


def test_two_digit_years_on_a_day_first_board():
    # The same page on a "d-m-y" board: "03-05-24" is 3 May, as the footer's "01-06-24" at the
    # 2024-06-01 capture shows (read month first it would be 5 March).
    result = parse_page((LAYOUTS / "mybb18_dates_words.html").read_bytes()
                        .replace(b"05-30-24, 09:00 PM", b"03-05-24, 09:00 PM")
                        .replace(b"06-01-24, 12:00 PM", b"01-06-24, 12:00 PM"),
                        "https://canal.example/showthread.php?tid=62", CAPTURED)
    first = result.posts[0]
    assert first.published_at == at(2024, 5, 3, 21, 0)
    assert result.posts[2].quotes[0].published_at == at(2024, 5, 3, 21, 0)
    assert result.posts[1].published_at == at(2024, 5, 31, 21, 0)  # "Yesterday" is unchanged


def test_a_post_holding_the_author_box_of_another_post_gets_no_author():
    """Post 1406's ``div.post`` and ``div.post_author`` start tags garbled into unknown tags, the
    ids of its parts garbled, and the end tag of 1405's message too (stray characters did that to a
    fuzzed page): libxml2 keeps the tags as elements of no known name, so 1406 is no post and its
    ``author_information``, with Towpath Tim's profile link, stands in post 1405's block, where
    1405's own name markup is unrecognisable. 1405 gets no author and says why; it never takes the
    other post's poster."""
    page = (LAYOUTS / "mybb18_dates_words.html").read_bytes()
    start_tags = b'<div class="post " style="" id="post_1406">\n<div class="post_author">'
    own_name = b'<strong><span class="largetext"><a href="https://canal.example/member.php?action=profile&amp;uid=62">Lock Larry</a>'
    assert page.count(start_tags) == 1 and page.count(own_name) == 2
    first, rest = page.split(own_name, 1)
    page = first + own_name + rest.replace(own_name, b'<strong><span><a href="/lock-larry">Lock Larry</a>', 1)
    page = page.replace(start_tags, start_tags.replace(b"<div", b"<di\x7fv"))
    unclosed = b"Hemp and tares on the pole line.\n\t</div>"  # 1405's message: its end tag garbled too
    page = page.replace(unclosed, unclosed.replace(b"</div>", b"<\x7f/div>"))
    for part in (b'id="post_1406"', b'id="pid1406"', b'id="pid_1406"', b'id="post_meta_1406"',
                 b'id="edited_by_1406"'):
        page = page.replace(part, part.replace(b"1406", b"14\x7f06"))
    result = parse_page(page, "https://canal.example/showthread.php?tid=62", CAPTURED)
    authors = {p.post_id: p.author.name for p in result.posts}
    assert "1406" not in authors and authors["1405"] is None
    assert any("post 1405: its block of the page holds other posts too" in error for error in result.errors)
    assert [authors[n] for n in ("1401", "1402", "1403", "1404")] == ["Pole Polly", "Lock Larry", "Pole Polly",
                                                                      "Towpath Tim"]


def test_textual_date_formats():
    # MyBB's other date formats ("F jS, Y", "l, F jS, Y", "jS F, Y") print month names: no order to learn.
    for printed in ("May 14th, 2024, 07:45 PM", "Tuesday, May 14th, 2024, 07:45 PM", "14th May, 2024, 07:45 PM"):
        result = parse("mybb18_classic.html", "https://tackle.example/thread-88.html",
                       replace=("05-14-2024, 07:45 PM <span", f"{printed} <span"))
        assert result.posts[0].published_at == at(2024, 5, 14, 19, 45), printed


# --- Detection ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in LAYOUTS.glob("*.html")))
def test_every_layout_is_mybbs_and_no_other_engines(name):
    doc = Selector(root=build_tree(decode_body((LAYOUTS / name).read_bytes())), type="html")
    assert detect_engine(doc) == "mybb"
    assert [engine for engine, module in ENGINES.items() if engine != "mybb" and module.detect(doc)] == []
