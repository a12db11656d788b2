"""parsers.smf on third-party themes' Display.template.php (tests/data/smf_themes/).

Each page is hand-written from one theme's public template (its header names the repository and
file): SMFTricks' Redsy (the poster column beside div.postarea in Bootstrap columns, the edit
notice after div.postarea), dhayzon's Bootstrap theme for 2.0 (the date inside the subject's h5),
the Spirate theme for 2.1 (no profile address, the edit notice a sibling of the subject) and
SychO9's Potato theme for 2.1 (no subject ids at all). Every expected value was read off the
fixture's markup by hand; SMF 2.0 pages state no zone, so their times are UTC and the page says so.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.clock import UNSTATED_ZONE_ERROR
from parsers.registry import parse_page

UTC = timezone.utc
THEMES = DATA / "smf_themes"
CAPTURED = datetime(2024, 1, 1, tzinfo=UTC)


def parse(name: str, url: str):
    return parse_page((THEMES / name).read_bytes(), url, CAPTURED)


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def test_redsy_poster_column_beside_the_post_area_gives_authors_and_edits():
    """Redsy's subject sits in div.postarea, a Bootstrap column beside the poster column: the post
    was taken as div.postarea, every author was lost (an error each) and msg 7101's edit notice,
    printed after div.postarea, was dropped with no error."""
    result = parse("redsy_bootstrap_columns.html", "http://doors.example/index.php?topic=880.0")
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("7101", 1, "quill_harrow", "41", at(2016, 3, 6, 5, 45, 12)),
        ("7102", 2, "mossy_latch", "58", at(2016, 3, 7, 21, 10)),
    ]
    first, second = result.posts
    assert (first.edited_at, first.edited_by) == (at(2016, 3, 6, 6, 0), "quill_harrow")
    assert (second.edited_at, second.edited_by) == (None, None)
    assert [p.text for p in result.posts] == ["Brass hinges want oil twice a year.", "Mine squeak anyway."]
    assert result.errors == [UNSTATED_ZONE_ERROR]


def test_bootstrap_date_inside_the_subject_is_read():
    """dhayzon's Bootstrap theme prints "<small><span class="badge">Reply 1</span> on DATE</small>"
    inside h5#subject_N and no date line beside it: every post lost its time (and, its block
    taken as div.panel, its author)."""
    result = parse("bootstrap_date_in_subject.html", "http://kiln.example/index.php?topic=412.0")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("6201", 1, "cobalt_finch", "14", at(2016, 3, 6, 5, 45, 12)),
        ("6202", 2, "ember_vole", "22", at(2016, 3, 7, 21, 10)),
    ]
    assert [p.text for p in result.posts] == ["Which glaze fires blue?", "Cobalt oxide, a pinch."]
    assert result.errors == [UNSTATED_ZONE_ERROR]


def test_spirate_edit_notice_is_never_the_post_time():
    """Spirate prints the edit notice (span.smalltext.modified#modified_N) as a sibling of the
    subject and the post time where SMF's themes do not: msg 9302 was given its edit time as its
    publication time, silently. Now each post says what it lacks; the edit stays the edit."""
    result = parse("spirate_comment_layout.html", "https://lamps.example/index.php?topic=77.0")
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("9301", None, None), ("9302", None, None)]
    second = result.posts[1]
    assert (second.edited_at, second.edited_by) == (at(2016, 3, 8, 10, 0), "fern_quill")
    assert second.text == "Colza oil, every time."
    for post_id in ("9301", "9302"):
        assert f"post {post_id}: no author name found" in result.errors
        assert f"post {post_id}: no publication time found" in result.errors


def test_potato_theme_without_subject_ids_is_said_unsupported_with_its_messages():
    """Potato prints no id="subject_N": the page was "SMF page without posts", as if it had none."""
    result = parse("potato_no_subject_ids.html", "https://tubers.example/index.php?topic=31.0")
    assert (result.kind, result.engine) == ("unsupported", "smf")
    assert result.reason == ("SMF theme without subject ids (subject_N): 2 message(s) not read"
                             " (msg_5501, msg_5502): Potato soup")


def test_babylon_for_20_strong_author_names_are_read():
    """Babylon for 2.0 keeps 1.x's table layout but prints the author as <strong>, not <b>: every
    post came back without its author. A guest's bare name is read too; a guest viewer's page
    has no div#msg_N (printed only where the viewer may modify), the message is div.post."""
    result = parse("babylon20_strong_author.html", "http://river.example/index.php?topic=93.0")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("4401", 1, "hazel_brook", "21", at(2012, 5, 14, 8, 20)),
        ("4402", 2, "Wanderer Tove", None, at(2012, 5, 14, 10, 45, 30)),
    ]
    assert [p.text for p in result.posts] == ["Is the ford passable in May?", "Knee deep last week."]
    assert result.errors == [UNSTATED_ZONE_ERROR]


def test_lithium_grid_cells_without_poster_column_or_msg_block():
    """Lithium has no div.poster and no div#msgN: the block is the element holding the subject and
    the message, the author its first worded profile link before the subject; the edit notice
    (a sibling of the subject, after the date link) is the edit's, never the post's time."""
    result = parse("lithium_grid_cells.html", "https://wicks.example/index.php?topic=640.0")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("8801", 1, "sable_wick", "5", at(2021, 6, 2, 10, 4, 11)),
        ("8802", 2, "tallow_fenn", "8", at(2021, 6, 3, 18, 30)),
    ]
    first, second = result.posts
    assert (first.edited_at, first.edited_by) == (None, None)
    assert (second.edited_at, second.edited_by) == (at(2021, 6, 3, 19, 0), "tallow_fenn")
    assert result.errors == [UNSTATED_ZONE_ERROR]
