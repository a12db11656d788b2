"""Popular add-ons of the main engines print beside or below each post: their names, dates and
counts must never become the post's author, date, edit or words, and their counts are kept as
reactions named after the add-on where the page says them plainly.

Fixtures: ``tests/data/field_addons/<engine>/``, hand-written from each add-on's public templates
(their headers name the templates and list the expected values, written by hand).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.registry import parse_page

UTC = timezone.utc
CAPTURED = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def parsed(relative: str, url: str, replace: tuple[bytes, bytes] | None = None):
    body = (DATA / "field_addons" / relative).read_bytes()
    if replace is not None:
        assert replace[0] in body
        body = body.replace(*replace)
    return parse_page(body, url, CAPTURED)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# --- phpBB ------------------------------------------------------------------------------------

POST_LOVE_URL = "https://marsh.example/forum/viewtopic.php?t=620"


def test_phpbb_post_love_counts_are_read_and_are_no_words():
    """anavaro/postlove prints ``div.postlove`` with the count in ``span#like_N`` (the likers'
    names in its title) after the post's notices. The posts were read right already; the likes
    were lost: now ``{"Post Love": N}``, and a count of 0 is no reaction."""
    result = parsed("phpbb/post_love.html", POST_LOVE_URL)
    assert (result.kind, result.engine, result.errors) == ("thread_page", "phpbb", [])
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("6201", "Sedge Warbler", "81", at(2026, 5, 10, 7, 0)),
        ("6202", "Bittern Boom", "82", at(2026, 5, 10, 8, 15)),
        ("6203", "Sedge Warbler", "81", at(2026, 5, 11, 19, 40)),
    ]
    assert [(p.edited_at, p.edited_by) for p in result.posts] == [
        (None, None), (at(2026, 5, 10, 8, 20), "Bittern Boom"), (None, None)]
    assert [p.text for p in result.posts] == [
        "Reed beds cut back too early this year: the warblers moved on.",
        "They come back when the new shoots are tall enough.",
        "Fingers crossed then.",
    ]
    assert [p.reactions for p in result.posts] == [{"Post Love": 3}, {"Post Love": 1}, {}]


def test_phpbb_post_love_1x_box_prints_count_with_x():
    """Post Love 1.x (styles/all/template/event/viewtopic_body_postrow_post_notices_after.html in
    satanasov/postlove) prints ``div#postlove`` without the class and "3 x " in the span."""
    body = (DATA / "field_addons/phpbb/post_love.html").read_bytes()
    assert body.count(b'class="postlove">') == 3 and body.count(b'id="like_6201">3</span>') == 1
    body = body.replace(b'class="postlove">', b'id="postlove">').replace(
        b'id="like_6201">3</span>', b'id="like_6201">3 x </span>')
    result = parse_page(body, POST_LOVE_URL, CAPTURED)
    assert [p.reactions for p in result.posts] == [{"Post Love": 3}, {"Post Love": 1}, {}]


def test_phpbb_post_love_prosilver_copy_keeps_the_count_in_the_title():
    """A prosilver copy of the template (satanasov/postlove, styles/prosilver/template/event/
    viewtopic_body_postrow_post_notices_after.html) leaves ``span.likers_display#like_N`` empty
    for its script, in ``div.postlove_likers``, the count in the span's title."""
    result = parsed("phpbb/post_love.html", POST_LOVE_URL, (
        b'<span title="Bittern Boom, Marsh Harrier, Water Rail" style="font-size: 1.3em;" id="like_6201">3</span>',
        b'</div>\n<div class="postlove_likers">\n\t<span class="likers_display" title="3" id="like_6201"></span>'))
    assert [p.reactions for p in result.posts] == [{"Post Love": 3}, {"Post Love": 1}, {}]
    assert result.posts[0].text == "Reed beds cut back too early this year: the warblers moved on."


def test_phpbb_like_span_outside_the_post_love_box_is_no_like():
    """Only the extension's box is read: a ``span#like_N`` elsewhere (another extension's) is not."""
    result = parse_page(
        (DATA / "field_addons/phpbb/post_love.html").read_bytes().replace(b'class="postlove"', b'class="other"'),
        POST_LOVE_URL, CAPTURED)
    assert [p.reactions for p in result.posts] == [{}, {}, {}]


def test_phpbb_topic_solved_words_stay_out_of_the_title_and_posts():
    """tierra/topicsolved appends "[Solved]" (a link to the solving post) to ``h2.topic-title``:
    it was read into the thread's title. The posts, whose buttons hold "Mark topic solved", were
    read right already."""
    result = parsed("phpbb/topic_solved.html", "https://clay.example/forum/viewtopic.php?t=640")
    assert (result.kind, result.engine, result.errors) == ("thread_page", "phpbb", [])
    assert (result.thread.id, result.thread.title) == ("640", "Kiln shelf cracked")
    assert [(p.post_id, p.author.name, p.published_at, p.edited_at, p.edited_by) for p in result.posts] == [
        ("6401", "Raku Rosa", at(2026, 5, 20, 6, 30), None, None),
        ("6402", "Saggar Sid", at(2026, 5, 20, 8, 0), None, None),
        ("6403", "Raku Rosa", at(2026, 5, 20, 9, 10), at(2026, 5, 20, 9, 12), "Raku Rosa"),
    ]
    assert [p.text for p in result.posts] == [
        "A crack right across the shelf after the last firing. Bin it?",
        "Flip it each firing and it will last; a crack that size means bin it.",
        "Binned. Thanks.",
    ]


def test_phpbb_reputation_system_scores_are_no_words_and_no_reactions():
    """Pico/phpBB-Reputation-System prints each post's net score among its buttons and the
    member's total in the profile column (a link): read right already, pinned. A net score (it
    may be negative) is no count of reactions, so none is read."""
    result = parsed("phpbb/reputation_system.html", "https://shore.example/forum/viewtopic.php?t=650")
    assert (result.kind, result.engine, result.errors) == ("thread_page", "phpbb", [])
    assert [(p.post_id, p.author.name, p.author.id, p.published_at, p.edited_at) for p in result.posts] == [
        ("6501", "Tern Tally", "95", at(2026, 5, 22, 10, 0), None),
        ("6502", "Plover Pete", "96", at(2026, 5, 22, 11, 30), None),
    ]
    assert [p.text for p in result.posts] == [
        "Low tide at six: the mudflats are open for the count.", "Bringing the long lens."]
    assert [p.reactions for p in result.posts] == [{}, {}]


# --- SMF --------------------------------------------------------------------------------------

def test_smf_like_posts_counts_are_read_and_totals_are_not():
    """siddhartha-gupta/SMF-Likes prints ``span#like_count_N`` "(3 people liked this)" below the
    message, "(You & 1 other person liked this)" for a viewer who liked it (its button then the
    ``unlike_link``), and the member's "Total likes: 48" as a profile link in the poster column.
    The posts were read right already; the likes were lost: now ``{"Like Posts": N}``."""
    result = parsed("smf/like_posts.html", "https://bay.example/index.php?topic=910.0")
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert result.errors == ["printed times read as UTC: the page does not say which zone it prints them in"]
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("9101", "reed_rita", "31", at(2026, 3, 14, 8, 5, 10)),
        ("9102", "gull_gus", "32", at(2026, 3, 14, 9, 12, 0)),
        ("9103", "reed_rita", "31", at(2026, 3, 14, 10, 0, 0)),
    ]
    assert [(p.edited_at, p.edited_by) for p in result.posts] == [
        (None, None), (at(2026, 3, 14, 9, 20, 41), "gull_gus"), (None, None)]
    assert [p.text for p in result.posts] == [
        "The ice went out of the bay last night.", "Saw the first terns this morning.", "Terns already? Early."]
    assert [p.reactions for p in result.posts] == [{"Like Posts": 3}, {"Like Posts": 2}, {}]


def test_smf_like_posts_viewer_alone():
    """"(You liked this)": no number, the viewer alone."""
    result = parsed("smf/like_posts.html", "https://bay.example/index.php?topic=910.0",
                    (b"(You &amp; 1 other person liked this)", b"(You liked this)"))
    assert [p.reactions for p in result.posts] == [{"Like Posts": 3}, {"Like Posts": 1}, {}]


# --- XenForo ----------------------------------------------------------------------------------

def test_xenforo1_post_ratings_are_read_by_kind():
    """XenForo 1's Post Ratings (dark_postrating) lists "Funny x <strong>2</strong>" in
    ``ul.dark_postrating_outputlist`` in place of the likes box (the kind only as the image's
    title on boards with many kinds), the member's totals in the user pane, and for a post with
    negative ratings its "hidden" placeholder beside the message. The posts were read right
    already; the ratings were lost."""
    result = parsed("xenforo/xf1_post_ratings.html", "https://pond.example/forum/threads/frozen-pond.73/")
    assert (result.kind, result.engine, result.errors) == ("thread_page", "xenforo", [])
    assert [(p.post_id, p.author.name, p.published_at, p.edited_at, p.edited_by) for p in result.posts] == [
        ("7301", "Heron Hattie", at(2019, 12, 20, 12, 40), None, None),
        ("7302", "Coot Colin", at(2019, 12, 20, 13, 5), at(2019, 12, 20, 13, 30), "Coot Colin"),
        ("7303", "Grebe Gail", at(2019, 12, 20, 14, 10), None, None),
    ]
    assert [p.text for p in result.posts] == [
        "The pond froze over at dawn.", "Skating on it already? Brave.", "Ice is always safe after one night."]
    assert [p.reactions for p in result.posts] == [{"Funny": 2, "Love": 1}, {"Like": 3}, {"Disagree": 5, "Like": 1}]


# --- MyBB -------------------------------------------------------------------------------------

SIMPLE_LIKES_URL = "https://clay.example/showthread.php?tid=83"


def test_mybb_simple_likes_bar_is_counted_and_its_likers_are_no_authors():
    """MyBBStuff/SimpleLikes prints ``div.likebar#post_likes_N`` after the message: up to three
    likers' profile links, "and <a href="#pidN">4 others</a>", "like this post". The posts were
    read right already; the likes were lost: now ``{"Simple Likes": N}``."""
    result = parsed("mybb/simplelikes_likebar.html", SIMPLE_LIKES_URL)
    assert (result.kind, result.engine) == ("thread_page", "mybb")
    assert result.errors == ["printed times read as UTC: the page does not say which zone it prints them in"]
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("8301", "kiln_keeper", "14", at(2024, 7, 2, 9, 15)),
        ("8302", "slip_caster", "21", at(2024, 7, 2, 10, 40)),
        ("8303", "kiln_keeper", "14", at(2024, 7, 3, 18, 5)),
    ]
    assert [p.edited_at for p in result.posts] == [None, None, None]
    assert [p.text for p in result.posts] == [
        "Cone 6 glazes run on a vertical tile; test first.", "Mine crazed after a week.", "Slow the cooling."]
    assert [p.reactions for p in result.posts] == [{"Simple Likes": 7}, {"Simple Likes": 1}, {}]


def test_mybb_simple_likes_viewer_first():
    """A viewer who liked the post is named first in the pack's word ("You"), not linked."""
    result = parsed("mybb/simplelikes_likebar.html", SIMPLE_LIKES_URL, (
        b'\t<a href="https://clay.example/member.php?action=profile&amp;uid=14">kiln_keeper</a> likes this post',
        b'\tYou and <a href="https://clay.example/member.php?action=profile&amp;uid=14">kiln_keeper</a>'
        b' like this post'))
    assert [p.reactions for p in result.posts] == [{"Simple Likes": 7}, {"Simple Likes": 2}, {}]


# --- vBulletin --------------------------------------------------------------------------------

DBTECH_URL = "https://hedgerow.example/showthread.php?t=510"


def test_vbulletin_dbtech_post_thanks_like_counts_are_read():
    """DragonByte Tech's "Advanced Post Thanks / Like" prints one button per kind in the post's
    footer, its count in ``span.clickcount[data-button][data-postid]``, and the member's total
    thanks in the user pane (beside vBulletin's own reputation gems and button). The posts were
    read right already; the counts were lost: now one reaction per button ("thanks" as "Thanks",
    "likes" as "Like"), a count of 0 none."""
    result = parsed("vbulletin/dbtech_thanks_like.html", DBTECH_URL)
    assert (result.kind, result.engine, result.errors) == ("thread_page", "vbulletin", [])
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("5101", 1, "Marten Moss", "71", at(2011, 3, 3, 14, 27)),
        ("5102", 2, "Stoat Stella", "72", at(2011, 3, 3, 15, 5)),
        ("5103", 3, "Marten Moss", "71", at(2011, 3, 4, 9, 40)),
    ]
    assert [(p.edited_at, p.edited_by, p.quotes) for p in result.posts] == [(None, None, [])] * 3
    assert [p.text for p in result.posts] == [
        "The new pump arrived: fitted it in ten minutes.", "Which one did you get?",
        "The small solar one from the garden shop."]
    assert [p.reactions for p in result.posts] == [{"Thanks": 3}, {}, {"Thanks": 1, "Like": 2}]


def test_vbulletin_dbtech_count_of_another_post_is_not_this_posts():
    """Only the count naming this post's id is its own (a count copied into another post's
    footer by a theme is not)."""
    result = parsed("vbulletin/dbtech_thanks_like.html", DBTECH_URL, (
        b'clickcount" data-button="thanks" data-postid="5101">3<',
        b'clickcount" data-button="thanks" data-postid="5999">3<'))
    assert [p.reactions for p in result.posts] == [{}, {}, {"Thanks": 1, "Like": 2}]


# --- Invision Community -----------------------------------------------------------------------

def test_ips4_solved_answer_badges_votes_and_solution_count_are_no_words():
    """IPS 4's solved question topic: the best answer's tick and vote column (cRatingColumn,
    li.cPostRating_count), its phone badges ("Solution", "Popular Post"), the question's own vote
    count in the header and the author pane's solutions count (a link to the member's
    "solutions" tab). Read right already: pinned."""
    result = parsed("ips/solved_best_answer.html", "https://hearth.example/topic/910-kiln-lid-sticking/")
    assert (result.kind, result.engine, result.errors) == ("thread_page", "ips", [])
    assert (result.thread.id, result.thread.title) == ("910", "Kiln lid sticking")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("9101", 1, "Flint Fenn", "61", at(2023, 3, 1, 8, 0)),
        ("9102", 2, "Chert Cole", "62", at(2023, 3, 1, 9, 30)),
        ("9103", 3, "Opal Pike", "63", at(2023, 3, 2, 10, 0)),
    ]
    assert [(p.edited_at, p.edited_by, p.quotes) for p in result.posts] == [(None, None, [])] * 3
    assert [p.text for p in result.posts] == [
        "How do I stop the kiln lid sticking?", "Rub the rim with alumina hydrate before each firing.",
        "Kiln wash works too."]
    assert [p.reactions for p in result.posts] == [{}, {"Like": 2}, {}]


# --- Discourse --------------------------------------------------------------------------------

APP_VIEW = DATA / "field_discourse" / "browser_app_view_saved.html"
APP_VIEW_URL = "https://clay.example.org/t/which-glaze-for-a-first-firing/812"
# discourse-solved's SolvedAcceptedAnswer component (assets/javascripts/discourse/components/
# solved-accepted-answer.gjs in discourse/discourse-solved): the solver's and the accepter's user
# cards, a toggle, the accepted answer's excerpt.
_SOLVED_BOX = (
    '<aside class="quote accepted-answer" data-post="4" data-topic="812" data-expanded="false">'
    '<div class="title quote__title--can-toggle-content"><div class="accepted-answer--solver-accepter">'
    '<div class="accepted-answer--solver"><svg class="fa d-icon d-icon-square-check svg-icon accepted">'
    '<use href="#square-check"></use></svg> Solved by <a href="/u/slip_ada" data-user-card="slip_ada">slip_ada</a>'
    ' in <a href="/t/which-glaze-for-a-first-firing/812/4">post #4</a></div>'
    '<div class="accepted-answer--accepter">Marked as solved by <a href="/u/wren_potter"'
    ' data-user-card="wren_potter">wren_potter</a></div></div>'
    '<div class="quote-controls"><button aria-controls="accepted-answer-812-4" aria-expanded="false"'
    ' class="quote-toggle btn-flat" type="button"></button></div></div>'
    '<blockquote id="accepted-answer-812-4">A clear cone 6 glaze runs the least.</blockquote></aside>')


@pytest.mark.parametrize("box", [
    "<div>" + _SOLVED_BOX + "</div>",  # the widget post stream: RenderGlimmer's plain div after the cooked
    _SOLVED_BOX,  # the Glimmer post stream: renderAfterWrapperOutlet("post-content-cooked-html")
], ids=["widget", "glimmer"])
def test_discourse_solved_box_of_newer_plugin_is_no_words_nor_author(box):
    """discourse-solved 2024-2025 draws the accepted answer's box after the first post's
    div.cooked (no div.cooked of its own any more, see initializers/extend-for-solved-button.gjs),
    naming the solver and who marked it: the question keeps its poster and words, and the box is
    no quote of it. Read right already: pinned."""
    body = APP_VIEW.read_text(encoding="utf-8")
    start = body.index('<div class="cooked"><aside class="quote accepted-answer"')
    end = body.index("</aside></div>", start) + len("</aside></div>")
    result = parse_page((body[:start] + box + body[end:]).encode(), APP_VIEW_URL, CAPTURED)
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("5101", "wren_potter", "301"), ("5102", "kiln_bo", "93"), ("5104", "slip_ada", "68"), ("5105", "kiln_bo", "93")]
    first = result.posts[0]
    assert (first.text, first.quotes) == (
        "My kiln is new and I have never glazed anything. Which glaze is forgiving?", [])
    assert first.published_at == at(2023, 3, 3, 13, 5)
