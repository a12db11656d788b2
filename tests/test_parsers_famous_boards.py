"""Markup of the big, well-known boards, seen on their real saved pages in public repositories
(scrapers' examples, research corpora) and checked post by post as a held-out check. Each variant
worth keeping is reproduced by a small hand-written page in tests/data/field_famous_boards/<engine>/
(invented names and words; each file's header names the real page it imitates, its repository and
path, and what the parser did with it). Every expected value was written by hand from the fixture.

Why: the pages a crawl meets most are those of a few famous boards, and each of them runs its own
changes to its engine (bitcointalk.org's SMF 1.1 moved the edit notice into the date's title, numbers
its posts only with a "#21" link beside their buttons, and serves hidden decoy posts); pinned here,
no later change to an engine's parser loses them silently.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

UTC = timezone.utc
ZONE_NOTE = "printed times read as UTC"


def parsed(relative: str, url: str, captured: datetime):
    return parse_page((DATA / "field_famous_boards" / relative).read_bytes(), url, captured)


def test_smf11_bitcointalk_edit_notice_in_the_dates_title_is_read():
    """bitcointalk.org prints an edited post's date as <span class="edited" title="Last edit: DATE
    by NAME">POSTED</span> and leaves the footer's td#modified_N empty: the edit's time and editor
    come from the title (they were lost with no error), the post's time from the span's words."""
    result = parsed("smf/smf11_bitcointalk_last_edit_in_date_title.html",
                    "https://forum.relaytalk.example/index.php?topic=88.20", datetime(2024, 3, 5, 12, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert [error for error in result.errors if ZONE_NOTE not in error] == []
    assert [p.post_id for p in result.posts] == ["7001", "7002", "7005"]
    assert [(p.author.name, p.author.id) for p in result.posts] == [
        ("Quillon Brask", "501"), ("Mirela Voss", "502"), ("Tobin Arkwell", "503")]
    assert [p.published_at for p in result.posts] == [datetime(2024, 3, 2, 8, 10, 11, tzinfo=UTC),
                                                      datetime(2024, 3, 2, 9, 5, 44, tzinfo=UTC),
                                                      datetime(2024, 3, 3, 23, 20, tzinfo=UTC)]
    assert [(p.edited_at, p.edited_by) for p in result.posts] == [
        (None, None),
        (datetime(2024, 3, 2, 9, 47, 30, tzinfo=UTC), "Mirela Voss"),
        (datetime(2024, 3, 4, 1, 2, 3, tzinfo=UTC), "Hask Moderata")]
    assert [p.text for p in result.posts] == ["Is the relay list still kept?", "It is, see the pinned note.",
                                              "Moved the note to the wiki."]
    assert result.next_page_url is None


def test_smf11_bitcointalk_hidden_decoy_rows_are_no_posts():
    """bitcointalk.org's rows of numbers hidden by the page's style (no subject id) are no posts."""
    result = parsed("smf/smf11_bitcointalk_hidden_decoy_rows.html",
                    "https://coinboard.example/index.php?topic=31.0", datetime(2013, 5, 6, 9, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert [error for error in result.errors if ZONE_NOTE not in error] == []
    assert [p.post_id for p in result.posts] == ["8101", "8107"]
    assert [(p.author.name, p.author.id) for p in result.posts] == [("Ferrin Quade", "61"), ("Lio Marsh", "62")]
    assert [p.published_at for p in result.posts] == [datetime(2013, 5, 4, 10, 0, 1, tzinfo=UTC),
                                                      datetime(2013, 5, 4, 11, 30, 45, tzinfo=UTC)]
    assert [p.text for p in result.posts] == ["Where do the old blocks go?", "Nowhere, they stay."]
    assert result.next_page_url is None


def test_smf11_bitcointalk_message_number_gives_the_place_of_a_post_address_page():
    """A bitcointalk.org page asked for by a post's address (topic=N.msgM) that is the topic's last
    page links no later page, so neither the address nor the links give its first post's place; the
    board prints no "Reply #N" line but a "#21" link (a.message_number) beside each post's buttons.
    The posts were numbered 1, 2, 3 with no error; they are #21 to #23."""
    result = parsed("smf/smf11_bitcointalk_message_number_last_page_by_post_address.html",
                    "https://talk.mirrorfolk.example/index.php?topic=64.msg9101", datetime(2026, 3, 1, 8, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert [error for error in result.errors if ZONE_NOTE not in error] == []
    assert [p.post_id for p in result.posts] == ["9101", "9104", "9110"]
    assert [p.position for p in result.posts] == [21, 22, 23]
    assert [(p.author.name, p.author.id) for p in result.posts] == [
        ("Orrin Vale", "71"), ("Bexley Rowan", "72"), ("Orrin Vale", "71")]
    assert [p.published_at for p in result.posts] == [datetime(2011, 2, 3, 4, 5, 6, tzinfo=UTC),
                                                      datetime(2011, 2, 3, 9, 15, 30, tzinfo=UTC),
                                                      datetime(2011, 2, 4, 13, 45, tzinfo=UTC)]
    assert [(p.edited_at, p.edited_by) for p in result.posts] == [
        (None, None), (datetime(2011, 2, 3, 10, 0, tzinfo=UTC), "Orrin Vale"), (None, None)]
    quoted = [[(q.author, q.published_at, q.post_id) for q in p.quotes] for p in result.posts]
    assert quoted == [[("Bexley Rowan", datetime(2011, 2, 2, 22, 10, tzinfo=UTC), "9099")], [], [(None, None, None)]]
    assert [p.text for p in result.posts] == ["Then the mirror list is stale.", "I will ask the host.", "Done, thanks."]
    assert (result.thread.page, result.thread.page_count) == (2, 2)
    assert result.next_page_url is None
