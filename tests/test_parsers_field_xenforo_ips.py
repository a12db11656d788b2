"""XenForo and Invision Community markup met on real pages the parsers had not seen, each
reproduced by a small hand-written page in tests/data/field_xenforo/ or tests/data/field_ips/ (no
third-party text or markup: each file's header says which kind of board it imitates). Every
expected value was written by hand from the fixture.

Why: a field check on saved pages of unseen boards found these; each test pins the general rule
the fix keys on (what every theme of the engine keeps), so a later change cannot lose it again.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 3, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str):
    return parse_page((DATA / relative).read_bytes(), url, CAPTURED)


# --- XenForo --------------------------------------------------------------------------------


def test_xenforo_post_date_link_in_the_user_pane_gives_the_exact_time():
    """A XenForo 2 style without the message-attribution header prints the post's date link
    (".../post-N" around a ``<time data-time>``) under the member's name, in the user pane. The
    user pane's other times are the member's, but one inside a link to the post is the post's:
    without it the time came from the lightbox caption, to the minute and in the board's zone read
    as UTC (an hour late in British summer time, with only a page-wide error)."""
    result = parsed("field_xenforo/post_date_link_in_user_pane.html",
                    "https://hedgetalk.example/threads/allotment-rota-for-the-summer.5120/")
    assert (result.kind, result.engine) == ("thread_page", "xenforo")
    assert result.errors == []
    assert (result.thread.id, result.thread.title) == ("5120", "Allotment rota for the summer")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at, p.url) for p in result.posts] == [
        ("770101", 1, "Parsnip_Pat", "311", datetime(2023, 7, 5, 22, 15, 7, tzinfo=UTC),
         "https://hedgetalk.example/threads/allotment-rota-for-the-summer.5120/post-770101"),
        ("770144", 2, "Marrow Mo", "902", datetime(2023, 7, 6, 6, 2, 40, tzinfo=UTC),
         "https://hedgetalk.example/threads/allotment-rota-for-the-summer.5120/post-770144"),
    ]
    assert [p.text for p in result.posts] == ["Who waters the beans in August?", "I can take the first fortnight."]
    quote = result.posts[1].quotes[0]
    assert (quote.author, quote.post_id, quote.text) == ("Parsnip_Pat", "770101", "Who waters the beans in August?")


def test_xenforo_reactions_bar_whose_last_name_is_left_open_counts_the_others():
    """forum.statcounter.com: "<span>C</bdi> and 8 others" (a stray end tag) left the name element
    open over the rest of the line, and the count it holds was lost: 3 likes for 11."""
    result = parsed("field_xenforo/reactions_bar_name_left_open.html",
                    "https://garden.example/threads/pump-seal-replacement.9001/")
    assert {post.post_id: post.reactions for post in result.posts}["70001"] == {"Like": 11}


def test_xenforo_double_post_merge_line_is_not_the_posters_words():
    """www.android-hilfe.de's double-post add-on prints its line between a post and the one merged
    into it ("-- Dieser Beitrag wurde automatisch mit dem folgenden Beitrag zusammengeführt --"):
    the board's words, kept as the poster's."""
    result = parsed("field_xenforo/double_post_merge_line.html", "https://garden.example/threads/pump-seal-replacement.9001/")
    post = {post.post_id: post for post in result.posts}["70002"]
    assert post.text == "Check the clamp first, it is cheaper than a seal.\nAnd if the clamp is fine, look at the hose."


def test_xenforo_1_title_dates_with_the_language_packs_words_around_the_clock():
    """A XenForo 1 post older than a week has no Unix time: its ``span.DateTime`` prints the day and
    keeps the time in its title, in the pack's "{date} at {time}" phrase. dateparser does not know
    every pack's word for "at" (Swedish "kl.", Greek "στις", Bulgarian "в", Catalan "a les"...):
    the title was not read, and the printed day alone gave the post its local midnight, silently.
    The words between the date's year and the clock are now left out when the whole does not read."""
    result = parsed("field_xenforo/xf1_title_date_connector_words.html",
                    "https://fiskeforum.example/forum/threads/gaddor-i-vassen.88/")
    assert (result.kind, result.engine) == ("thread_page", "xenforo")
    assert result.errors == []
    assert (result.thread.id, result.thread.title) == ("88", "Gäddor i vassen")
    # serverTimeInfo: the board's zone is two hours ahead of UTC.
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at, p.edited_at) for p in result.posts] == [
        ("701", 1, "Abborre", "4", datetime(2018, 5, 15, 14, 2, tzinfo=UTC), None),
        ("702", 2, "Gädda Grön", "9", datetime(2018, 5, 16, 7, 15, tzinfo=UTC), datetime(2018, 5, 17, 19, 40, tzinfo=UTC)),
    ]
    assert (result.thread.starter.name, result.thread.started_at) == ("Abborre", datetime(2018, 5, 15, 14, 2, tzinfo=UTC))
    assert [p.text for p in result.posts] == ["Vilket drag tar gäddan i vassen?", "En röd wobbler i skymningen."]


def test_xenforo_1_title_dates_misread_by_dateparser_or_not_read_at_all():
    """A Portuguese pack printing hours as "16h02": dateparser read "15/05/2018 às 16h02" as the
    day before the capture (2024), silently; a reading in another year than the title prints is no
    reading, and the title without its "às" reads right. A title whose clock is still not read
    ("21h40min") leaves the post its printed day, and the page says so instead of keeping quiet."""
    result = parsed("field_xenforo/xf1_title_date_hour_formats.html",
                    "https://aquario.example/threads/peixes-de-agua-doce.450/")
    assert (result.kind, result.engine) == ("thread_page", "xenforo")
    # serverTimeInfo: the board's zone is three hours behind UTC.
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("3301", 1, "Lambari", "31", datetime(2018, 5, 15, 19, 2, tzinfo=UTC)),
        ("3307", 2, "Tetra Azul", "57", datetime(2018, 5, 16, 11, 30, tzinfo=UTC)),
        ("3312", 3, "Cascudo", "80", datetime(2018, 5, 17, 3, 0, tzinfo=UTC)),  # the day's local midnight
    ]
    assert result.errors == [
        "1 dates read to the day only (the time in their titles not read, such as '17 maio 2018 às 21h40min')"]


# --- Invision Community ---------------------------------------------------------------------


def test_ips_widget_heading_before_the_topic_header_is_not_the_title():
    """A featured-content slider in IPS's header widget area prints its own
    ``h1.ipsType_pageTitle`` ("Trending now") before the topic's header: the topic was titled
    after the widget. Blocks of the widget areas (``data-role="widgetReceiver"``,
    ``[data-blockid]``) name themselves, not the topic."""
    result = parsed("field_ips/widget_page_title_before_topic_title.html",
                    "https://lantern.example/index.php?/forums/topic/4410-harbour-lights-at-dusk/")
    assert (result.kind, result.engine) == ("thread_page", "ips")
    assert result.errors == []
    thread = result.thread
    assert (thread.id, thread.title, thread.forum) == ("4410", "Harbour lights at dusk", ["Home", "Photo Walks"])
    assert (thread.page, thread.page_count, result.next_page_url) == (1, 1, None)
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("90211", "wick_wren", "88", datetime(2021, 10, 2, 18, 40, 11, tzinfo=UTC)),
    ]
    assert result.posts[0].text == "Long exposure from the sea wall, twelve seconds."


def test_xenforo_thread_id_under_a_route_the_board_renamed():
    """XenForo's route filters rename ``threads/`` ("t/", "thema/"); a German XenForo 1 board
    serves its threads as ``/forum/t/slug.N/``. The thread id was read only after "threads/", so
    it was None and each page of the thread was stored as a thread of its own (keyed by its
    address). The XenForo 1 page below is this suite's own Swedish fixture with the route renamed."""
    page = (DATA / "field_xenforo/xf1_british_day_first_slashed_dates.html").read_bytes().replace(b"threads/", b"t/")
    first = parse_page(page, "https://fiskeforum.example/forum/t/gaddor-i-vassen.88/", CAPTURED)
    assert (first.thread.id, first.thread.page) == ("88", 1)
    canonical = b'<link rel="canonical" href="https://fiskeforum.example/forum/t/gaddor-i-vassen.88/" />'
    without_canonical = page.replace(canonical, b"")
    assert without_canonical != page
    second = parse_page(without_canonical, "https://fiskeforum.example/forum/t/gaddor-i-vassen.88/page-2", CAPTURED)
    assert (second.thread.id, second.thread.page) == ("88", 2)
    assert [post.post_id for post in second.posts] == ["701", "702"]
    # A number without a slug after a renamed route ("/t/88/") could be any route's: not taken.
    assert parse_page(without_canonical, "https://fiskeforum.example/forum/t/88/", CAPTURED).thread.id is None


def test_xenforo_page_whose_posts_link_into_several_threads_is_not_a_thread():
    """A home page of an add-on whose template's name holds "thread" (a real board's is
    ``thread_home_blog_Xenbros``) passes the template test; if it prints the first posts of
    several threads in XenForo's post markup, they were read as one thread of three posts,
    silently. Each post's own link names its thread (``threads/slug.N/post-M``): posts whose
    links name several threads are no thread's page."""
    result = parsed("field_xenforo/home_blog_posts_of_several_threads.html", "https://cubemine.example/")
    assert (result.kind, result.engine) == ("unsupported", "xenforo")
    assert result.posts == []
    assert "name 3 threads" in result.reason and "397, 402, 410" in result.reason


def test_ips_question_shown_apart_on_a_later_page_is_post_one_and_the_starters():
    """A question topic of an IPS 4 Q&A forum prints its question (the topic's first post) above
    the answers on every page, in a box of its own outside the comment feed
    (``data-role="commentFeed"``) that holds the answers. On page 2 it was numbered as if it were
    the page's first reply (post 4 here, three answers a page) and gave no starter; the post shown
    apart before a feed holding all the others is the topic's first post."""
    result = parsed("field_ips/question_topic_first_post_apart.html",
                    "https://eaves.example/topic/610-which-glue-for-slate/page/2/")
    assert (result.kind, result.engine) == ("thread_page", "ips")
    assert result.errors == []
    thread = result.thread
    assert (thread.id, thread.title, thread.page, thread.page_count) == ("610", "Which glue for slate?", 2, 3)
    assert result.next_page_url == "https://eaves.example/topic/610-which-glue-for-slate/page/3/"
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("7001", 1, "Ridge Tile", "12", datetime(2022, 4, 2, 9, 0, tzinfo=UTC)),
        # Answers 4 to 6 (sorted by votes): posts 5 to 7 after the question.
        ("7020", 5, "Lead Flash", "31", datetime(2022, 4, 5, 9, 13, 20, tzinfo=UTC)),
        ("7011", 6, "Gutter Gull", "44", datetime(2022, 4, 3, 12, 46, 40, tzinfo=UTC)),
        ("7033", 7, "Soffit Sam", "52", datetime(2022, 4, 7, 2, 53, 20, tzinfo=UTC)),
    ]
    assert (thread.starter.name, thread.starter.id, thread.started_at) == (
        "Ridge Tile", "12", datetime(2022, 4, 2, 9, 0, tzinfo=UTC))
    assert [p.text for p in result.posts] == [
        "A slate slipped. What holds it back?", "Use a copper tingle, not glue.",
        "Roofing mastic holds for a while.", "Call a roofer."]


def test_ips_comments_of_a_blog_entry_are_not_a_forum_topic():
    """Blog entries, gallery images, downloads, Pages records and calendar events print their
    comments in IPS's ``article#elComment_N`` markup: the page was read as topic 355 (the entry's
    id in the quote data, merging it with forum topic 355 in the archive), the entry's own words
    lost and its first comment taken for the opening post. IPS names the item's application on
    every comment for its quoting script (``data-commentapp``, ``contentapp``): only "forums"
    comments are a topic's posts."""
    result = parsed("field_ips/blog_entry_comments.html", "https://garden.example/blogs/entry/355-spring-planting-notes/")
    assert (result.kind, result.engine) == ("unsupported", "ips")
    assert result.posts == [] and result.thread is None
    assert result.reason.startswith("IPS blog page, not a forum topic") and "Spring planting notes" in result.reason


def test_ips_later_page_without_a_printed_page_size_counts_positions_from_the_pages_before():
    # Page 2 of 3 whose pagination prints no data-ipsPagination-perPage: a page before the last is
    # full, so its two posts are the page size and they are posts 3 and 4 (they were 1 and 2, page
    # 1's positions, and a reader ordering the topic by position mixed the pages).
    url = "https://kitchen.example/topic/812-kettle-descaling/page/2/"
    result = parsed("field_ips/later_pages_without_page_size.html", url)
    assert (result.thread.page, result.thread.page_count) == (2, 3)
    assert [(p.post_id, p.position, p.author.name) for p in result.posts] == [
        ("9041", 3, "limescale_lou"), ("9044", 4, "hardwater_hal")]
    assert result.errors == []
    # The same page as the topic's last (2 of 2): its size cannot be known, and the errors say so.
    body = (DATA / "field_ips/later_pages_without_page_size.html").read_bytes()
    last = body.replace(b'data-pages="3"', b'data-pages="2"').replace(b'rel="next"', b'rel="nofollow"')
    last = last.replace(b'<li class="ipsPagination_page"><a href="https://kitchen.example/topic/812-kettle-descaling/page/3/">3</a></li>', b"")
    result = parse_page(last, url, CAPTURED)
    assert (result.thread.page, result.thread.page_count) == (2, 2)
    assert [p.position for p in result.posts] == [1, 2]
    assert result.errors == ["page 2 (the last) prints no page size: its posts' positions are counted from its"
                             " first post, not their places in the topic"]
