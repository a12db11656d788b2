"""The newest releases of each engine, read from pages written by hand after their public templates
(tests/data/field_newest/, one file per engine and markup; each file's header names the templates,
the version and every expected value, written by hand from the page).

Why: boards upgrade, and a new release adds markup beside the posts (XenForo's pinned question and
its solution box, NodeBB's server-rendered topic events, Flarum 2.0's asset manifest before its
payload) that must be neither a post, nor a lost post, nor words of the post beside it. Engines
found already right are guarded here so a later change cannot break them unseen.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

CAPTURED = datetime(2025, 6, 1, tzinfo=timezone.utc)
UTC = timezone.utc
FIXTURES = DATA / "field_newest"


def parsed(name: str, url: str):
    return parse_page((FIXTURES / name).read_bytes(), url, CAPTURED)


def rows(result) -> list[tuple]:
    return [(p.post_id, p.position, p.author.name, p.author.id, p.published_at, p.edited_at, p.edited_by,
             p.reactions, p.text) for p in result.posts]


# --- XenForo 2.2 / 2.3 thread types ------------------------------------------------------------


def test_xenforo_23_question_thread_page_keeps_the_pinned_question_and_skips_the_solution_box():
    """Page 2 of a question thread: the question is pinned above every page's answers, and the
    solution box (an <article class="message message--simple"> without data-content) repeats the
    solution's author, time and words. The box is neither a post nor a lost one; the answers keep
    their places, votes column and solution mark aside."""
    result = parsed("xenforo_23_question_thread_page2.html",
                    "https://roofline.example/threads/primer-for-galvanised-gutters.4410/page-2")
    assert (result.kind, result.engine, result.errors, lost_content(result)) == ("thread_page", "xenforo", [], [])
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "4410", "Primer for galvanised gutters", 2, 3)
    assert result.next_page_url == "https://roofline.example/threads/primer-for-galvanised-gutters.4410/page-3"
    assert rows(result) == [
        ("81001", 1, "Ilse Varga", "31", datetime(2025, 3, 10, 8, 0, tzinfo=UTC), None, None, {},
         "Which primer holds on galvanised gutters?"),
        ("81021", 21, "Pella Moor", "52", datetime(2025, 3, 12, 10, 30, tzinfo=UTC), None, None, {},
         "Etch primer first, then the topcoat."),
        ("81022", 22, "Teodor Brann", "44", datetime(2025, 3, 12, 11, 45, tzinfo=UTC),
         datetime(2025, 3, 12, 12, 5, tzinfo=UTC), "Teodor Brann", {},
         "Washing it with vinegar before the etch primer is what made mine hold."),
        ("81023", 23, "Ilse Varga", "31", datetime(2025, 3, 13, 7, 20, tzinfo=UTC), None, None, {"Like": 1},
         "Thanks, the vinegar wash did it."),
    ]
    quote = result.posts[2].quotes[0]
    assert (quote.author, quote.post_id, quote.text, quote.quotes) == ("Pella Moor", "81021", "Etch primer first", [])


def test_xenforo_23_article_thread_reads_the_article_author_from_its_aside():
    """An article thread's first post has no user column and no "#1": its author stands in
    aside.message-articleUserInfo (h3.message-articleUserName), beside the author's message count
    and reaction score, and a moderator's edit names no editor."""
    result = parsed("xenforo_23_article_thread.html",
                    "https://roofline.example/threads/winter-care-for-clay-roof-tiles.5120/")
    assert (result.kind, result.engine, result.errors, lost_content(result)) == ("thread_page", "xenforo", [], [])
    assert (result.thread.id, result.thread.title, result.next_page_url) == (
        "5120", "Winter care for clay roof tiles", None)
    assert rows(result) == [
        ("92001", 1, "Orla Quist", "61", datetime(2025, 4, 2, 9, 0, tzinfo=UTC),
         datetime(2025, 4, 2, 15, 30, tzinfo=UTC), None, {"Like": 3},
         "Clay tiles crack when water freezes in them. Check the ridge each November."),
        ("92002", 2, "Bram Ellery", "70", datetime(2025, 4, 2, 11, 10, tzinfo=UTC), None, None, {},
         "I check mine after the first frost instead."),
        ("92003", 3, "Orla Quist", "61", datetime(2025, 4, 3, 8, 45, tzinfo=UTC), None, None, {},
         "That works too if the frost comes late."),
    ]
    quote = result.posts[1].quotes[0]
    assert (quote.author, quote.post_id, quote.text) == ("Orla Quist", "92001", "Check the ridge each November.")


# --- NodeBB 4.x (Harmony) ----------------------------------------------------------------------


def test_nodebb_4_topic_events_between_posts_are_not_posts():
    """NodeBB 4 renders each post's events (pinned, moved, shared) on the server right after it, as
    li[component="topic/event"], and a "3 months later" li[component="topic/necro-post"]; read
    from the HTML alone (no ajaxify-data), only the two posts are posts."""
    result = parsed("nodebb_4_topic_events_between_posts.html",
                    "https://kiln.example.org/topic/88/glaze-crawling-on-bisque")
    assert (result.kind, result.engine, result.errors, lost_content(result)) == ("thread_page", "nodebb", [], [])
    assert (result.thread.id, result.thread.title, result.next_page_url) == ("88", "Glaze crawling on bisque", None)
    remote = "https://potters.example.social/users/wedge_ko"
    assert rows(result) == [
        ("901", 1, "bisque_bo", "14", datetime(2024, 11, 1, 10, 0, tzinfo=UTC), None, None, {"Upvote": 2},
         "My glaze pulls back from the bisque in bald patches. Why?"),
        (f"{remote}/statuses/113402", 2, "wedge_ko@potters.example.social", remote,
         datetime(2024, 11, 1, 12, 0, tzinfo=UTC), None, None, {"Upvote": 1},
         "Dust on the bisque. Wipe it with a damp sponge first."),
    ]


# --- Flarum 2.0 --------------------------------------------------------------------------------


def test_flarum_20_page_reads_its_payload_after_the_asset_manifest():
    """Flarum 2.0's page shell writes a second JSON script, #flarum-rev-manifest, before
    #flarum-json-payload, and its JSON:API writes isHidden only for hidden posts: the payload is
    still the one read, an event post is no post, a deleted account's post is kept and said."""
    result = parsed("flarum_20_page_rev_manifest_first.html",
                    "https://bakehouse.example/d/58-sourdough-starter-smells-of-acetone")
    assert (result.kind, result.engine) == ("thread_page", "flarum")
    assert result.errors == ["post 904: no author (a deleted account)"]
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "58", "Sourdough starter smells of acetone", 1, 1)
    assert result.next_page_url is None
    assert rows(result) == [
        ("901", 1, "fennel", "5", datetime(2025, 5, 2, 9, 0, tzinfo=UTC), None, None, {"Like": 2},
         "My starter smells of acetone after two days."),
        ("903", 3, "rowan", "9", datetime(2025, 5, 2, 10, 15, tzinfo=UTC), datetime(2025, 5, 2, 10, 20, tzinfo=UTC),
         "rowan", {}, "Feed it twice a day, it is hungry."),
        ("904", 4, None, None, datetime(2025, 5, 3, 7, 40, tzinfo=UTC), None, None, {"Like": 1},
         "It worked, thank you."),
    ]
    quote = result.posts[1].quotes[0]
    assert (quote.post_id, quote.author_id, quote.text) == ("901", "5", "My starter smells of acetone")


# --- Discourse 2025 (discourse-reactions bundled) ----------------------------------------------


def test_discourse_reactions_list_holds_the_likes_and_is_not_added_to_actions_summary():
    """Discourse bundles discourse-reactions since 2025. Its ``reactions`` list holds every reaction,
    the likes under the like emoji ("heart"), and leaves out the likes a counted-as-like reaction
    also made; ``actions_summary``'s like count is those same people. The old code gave both:
    {"Like": 3, "heart": 2, "+1": 1} for three people."""
    result = parse_page((FIXTURES / "discourse_2025_reactions_plugin_topic.json").read_bytes(),
                        "https://garden.example/t/slugs-on-lettuce/812.json", CAPTURED)
    assert (result.kind, result.engine, result.errors, lost_content(result)) == ("thread_page", "discourse", [], [])
    assert (result.thread.id, result.thread.title, result.next_page_url) == ("812", "Slugs on lettuce", None)
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at, p.edited_at, p.reactions, p.text)
            for p in result.posts] == [
        ("5101", 1, "mossgrove", "21", datetime(2025, 9, 1, 8, 0, tzinfo=UTC), None, {"heart": 2, "+1": 1},
         "Which mulch keeps slugs off the lettuce?"),
        ("5102", 2, "fernhollow", "34", datetime(2025, 9, 1, 9, 30, tzinfo=UTC), datetime(2025, 9, 1, 9, 45, tzinfo=UTC),
         {}, "Wool pellets. They hate the texture."),
        ("5103", 3, "mossgrove", "21", datetime(2025, 9, 2, 7, 15, tzinfo=UTC), None, {"laughing": 1},
         "Wool pellets worked, thanks."),
    ]
    quote = result.posts[1].quotes[0]
    assert (quote.author, quote.post_id, quote.text) == ("mossgrove", "5101", "Which mulch keeps slugs off")


def test_nodebb_4_emoji_reactions_are_read_beside_the_votes():
    """nodebb-plugin-reactions prints each emoji's count in ``small.reaction-emoji-count[data-count]``
    (an empty element) and adds ``reactions`` to each post of the embedded topic object; the old
    code read the votes only, from either."""
    url = "https://shed.example.net/topic/120/tomato-seedlings-at-night"
    page = (FIXTURES / "nodebb_4_plugin_reactions.html").read_bytes()
    without_data = re.sub(rb'<script id="ajaxify-data".*?</script>', b"", page, flags=re.S)
    for body in (page, without_data):
        result = parse_page(body, url, CAPTURED)
        assert (result.kind, result.engine, result.errors, lost_content(result)) == ("thread_page", "nodebb", [], [])
        assert (result.thread.id, result.thread.title) == ("120", "Tomato seedlings at night")
        assert rows(result) == [
            ("1201", 1, "loam_lena", "7", datetime(2025, 2, 10, 9, 0, tzinfo=UTC), None, None,
             {"Upvote": 3, "+1": 4, "seedling": 2}, "Do tomato seedlings need light at night?"),
            ("1202", 2, "grit_gus", "9", datetime(2025, 2, 10, 10, 30, tzinfo=UTC), None, None,
             {"Upvote": 1, "heart": 1}, "No, give them eight hours of dark."),
        ]
