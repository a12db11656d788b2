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
