"""SMF and MyBB markup met on real boards the parsers had not seen, each reproduced by a small
hand-written page in tests/data/field_smf/ or tests/data/field_mybb/ (no third-party text: each
file's header says which board's markup it imitates, with invented names and words). Every
expected value was written by hand from the fixture.

Why: a field check of saved pages of unseen SMF and MyBB boards found these; each test pins the
general rule the fix keys on (what every theme of the engine keeps), so a later change cannot lose it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 1, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str, captured: datetime = CAPTURED):
    return parse_page((DATA / relative).read_bytes(), url, captured)


# --- SMF ------------------------------------------------------------------------------------


def test_smf_spanish_dates_with_de_are_read():
    """SMF's Spanish pack prints "25 de Octubre de 2013, 12:12:00 pm" and SMF 2.0 writes no
    ``<html lang>``: every post, edit notice and quote header of such a board had no time. The
    "de" between a day, a known month name and a year is read past; "Cita de: X en <date>" names X."""
    result = parsed("field_smf/spanish_de_dates.html", "http://juegos.example/index.php?topic=700.0")
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert not [e for e in result.errors if "no publication time" in e]
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("5001", "lino_ruiz", datetime(2013, 10, 25, 12, 12, 0, tzinfo=UTC)),
        ("5002", "ana_costa", datetime(2013, 11, 2, 21, 5, 9, tzinfo=UTC)),
    ]
    first, second = result.posts
    assert (first.edited_at, first.edited_by) == (datetime(2013, 10, 25, 14, 50, 27, tzinfo=UTC), "mod_marta")
    [quote] = second.quotes
    assert (quote.author, quote.post_id, quote.published_at) == (
        "lino_ruiz", "5001", datetime(2013, 10, 25, 12, 12, 0, tzinfo=UTC))
    assert second.text == "Yo lo reservo ya."
    assert result.thread.started_at == datetime(2013, 10, 25, 12, 12, 0, tzinfo=UTC)


def test_smf_de_is_dropped_only_before_a_month_name():
    """No date is made up: "de" before a word that is no month name is left as printed."""
    from parsers.pack_dates import without_connectors

    assert without_connectors("25 de Octubre de 2013, 12:12:00 pm") == "25 Octubre 2013, 12:12:00 pm"
    assert without_connectors("3 d'octubre de 2019, 10:00") == "3 octubre 2019, 10:00"
    assert without_connectors("25 de mesa de 2013") == "25 de mesa de 2013"


def test_smf_hungarian_quote_header_with_a_dash_names_the_quoted_member():
    """SMF's Hungarian pack writes "Idézetet írta: X - <date>" (a dash for "on") and "Utoljára
    szerkesztve: <date> írta X": the quote's author was "X - <date>" with no time, and the editor
    was lost. The dash splits only before a date with its time of day ("Team - 2" stays a name)."""
    result = parsed("field_smf/hungarian_dash_quote.html", "http://jatek.example/index.php?topic=4242.50")
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert [(p.post_id, p.position, p.author.name, p.published_at) for p in result.posts] == [
        ("9101", 51, "kovacs_bea", datetime(2011, 7, 31, 18, 42, 46, tzinfo=UTC)),
        ("9102", 52, "Vendeg_Ottó", datetime(2011, 8, 30, 16, 50, 57, tzinfo=UTC)),
        ("9103", 53, "szabo_pal", datetime(2011, 9, 1, 8, 0, 0, tzinfo=UTC)),
    ]
    first, _guest, third = result.posts
    [quote] = first.quotes
    assert (quote.author, quote.post_id, quote.published_at) == (
        "nagy_ede", "9050", datetime(2011, 7, 29, 16, 44, 10, tzinfo=UTC))
    assert first.text == "Szerintem igen, főleg hétvégén."
    assert (first.edited_at, first.edited_by) == (datetime(2014, 4, 8, 21, 11, 34, tzinfo=UTC), "[MOD]Lili")
    [undated] = third.quotes
    assert (undated.author, undated.published_at) == ("Team - 2", None)
    assert result.thread.page == 3 and result.thread.page_count == 4


def test_smf_print_view_is_unsupported_with_its_reason():
    """SMF's print view (``action=printpage``) shows the posts with no ids or permalinks: it is no
    thread page the archive can key, and it is said to be the print view, not "a page without posts"."""
    for url in ("https://board.example/index.php?action=printpage;topic=77.0",
                "https://board.example/print/77"):
        result = parsed("field_smf/print_view.html", url)
        assert (result.kind, result.engine) == ("unsupported", "smf")
        assert "print view" in result.reason and result.posts == []


# --- MyBB -----------------------------------------------------------------------------------


def test_mybb_archive_view_is_unsupported_with_its_reason():
    """MyBB's archive ("lite") view has no header script and no post ids: it was left to "no parser
    recognises this page". It is claimed by its "Full Version" link and said to be the archive
    view, with the thread's own address to read instead."""
    result = parsed("field_mybb/archive_view.html", "https://board.example/archive/index.php?thread-77.html")
    assert (result.kind, result.engine) == ("unsupported", "mybb")
    assert "archive view" in result.reason
    assert "https://board.example/showthread.php?tid=77" in result.reason


def test_smf_board_crumb_leaves_out_the_moderators_after_the_link():
    """SMF prints a board's moderators after its link in the link tree item ("Group Buys
    (Moderator: X)"); the board's name is its link's words."""
    result = parsed("field_smf/board_moderator_crumb.html", "https://keys.example/index.php?topic=500.0")
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert result.thread.forum == ["Keys Board", "Market", "Group Buys"]
    assert result.thread.title == "[GB] Walnut case"
    assert [(p.post_id, p.position, p.author.name, p.published_at) for p in result.posts] == [
        ("8001", 1, "cap_carl", datetime(2017, 10, 13, 21, 52, 42, tzinfo=UTC)),
        ("8002", 2, "stem_sue", datetime(2017, 10, 13, 23, 23, 18, tzinfo=UTC)),
    ]


def test_smf_turkish_month_names_are_read_not_taken_for_a_time_zone():
    """A Turkish SMF board prints "16 Mart 2018, 11:45": dateparser took "Mart" (March) for the
    Marquesas time zone (11:45 read as 21:15 UTC, "10 Mart 2018" as 20 October) and the header
    clock's pair for a wrong offset. SMF language packs' month names are read as months."""
    result = parsed("field_smf/turkish_month_names.html", "https://sunu.example/index.php?topic=60.15",
                    datetime(2018, 3, 20, 9, 0, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert result.errors == []
    assert [(p.post_id, p.position, p.author.name, p.published_at) for p in result.posts] == [
        ("701", 16, "ayse_k", datetime(2018, 3, 10, 8, 25, tzinfo=UTC)),
        ("702", 17, "mert_y", datetime(2018, 3, 16, 8, 45, tzinfo=UTC)),
        ("703", 18, "guest_can", datetime(2018, 2, 4, 10, 34, tzinfo=UTC)),
    ]


def test_smf_month_name_of_an_unnamed_language_is_not_guessed():
    """On a page that names no language, a date whose month word the reader does not know is not
    read (the post gets an error) rather than handed to dateparser's guesses; a name that means
    different months in different languages ("listopad") is not in the table."""
    from parsers.smf.clock import SmfClock

    clock = SmfClock(CAPTURED, None, None, labelled=True)
    assert clock.read("06 listopada 2016, 05:45:12") is None
    assert clock.read("06 Foo 2016, 05:45:12") is None
    assert clock.read("06 marca 2016, 05:45:12") == datetime(2016, 3, 6, 5, 45, 12, tzinfo=UTC)
    assert clock.read("06 Марта 2016, 05:45:12") == datetime(2016, 3, 6, 5, 45, 12, tzinfo=UTC)
    assert clock.read("Fri, 13 October 2017, 21:52:42") == datetime(2017, 10, 13, 21, 52, 42, tzinfo=UTC)


def test_smf_quote_header_with_any_language_packs_on_word_names_the_quoted_member():
    """SMF writes "<Quote from>: X <on> <date>" with the pack's own "on" ("от" in Russian, as the
    Hungarian pack's dash): the quote's author is the words before the last one-word separator that
    a whole date with its time follows, never "X от 06 Марта 2016, 05:45:12"."""
    result = parsed("field_smf/russian_quote_header.html", "https://rybalka.example/index.php?topic=33.0")
    assert (result.kind, result.engine) == ("thread_page", "smf")
    first, second = result.posts
    assert (first.author.name, first.published_at) == ("ivan_p", datetime(2016, 3, 6, 5, 45, 12, tzinfo=UTC))
    assert (first.edited_at, first.edited_by) == (datetime(2016, 3, 6, 6, 10, tzinfo=UTC), "mod_olga")
    assert (second.author.name, second.published_at) == ("petr_s", datetime(2016, 3, 7, 10, 0, tzinfo=UTC))
    [quote] = second.quotes
    assert (quote.author, quote.post_id, quote.published_at) == (
        "Иван Петров", "3301", datetime(2016, 3, 6, 5, 45, 12, tzinfo=UTC))
    assert second.text == "Держит, но осторожно."
