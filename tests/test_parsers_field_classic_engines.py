"""phpBB, MyBB, SMF and FluxBB markup met on real boards (or the gaps such boards showed), each
reproduced by a small hand-written page in tests/data/field_<engine>/ (no third-party text: each
file's header says which kind of board it imitates, with invented names and words). Every expected
value was written by hand from the fixture.

Why: a field check of saved pages of unseen boards of these engines found these; each test pins the
general rule the fix keys on (what every theme of the engine keeps), so a later change cannot lose it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

UTC = timezone.utc


def parsed(relative: str, url: str, captured: datetime):
    return parse_page((DATA / relative).read_bytes(), url, captured)


# --- Month names of a language the page does not name (phpBB, MyBB) -------------------------------


def test_phpbb_turkish_month_names_without_lang_are_read_not_guessed():
    """A Turkish phpBB page saved without ``<html lang>`` printing "16 Mart 2018, 11:45": read as
    English, dateparser took "Mart" for the Marquesas zone and gave 16 April 21:15 (silently, every
    post and quote hours and a month off). The packs' month names are read first."""
    result = parsed("field_phpbb/turkish_months_without_lang.html",
                    "https://bisiklet.example/viewtopic.php?f=4&t=880", datetime(2018, 4, 5, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("2001", "kavak_ali", datetime(2018, 3, 16, 11, 45, tzinfo=UTC)),
        ("2002", "deniz_tekerlek", datetime(2018, 3, 17, 8, 5, tzinfo=UTC)),
        ("2003", "yokus_selin", datetime(2018, 4, 2, 19, 30, tzinfo=UTC)),  # "02 Nisan 2018"
    ]
    [quote] = result.posts[1].quotes
    assert (quote.author, quote.post_id, quote.published_at) == (
        "kavak_ali", "2001", datetime(2018, 3, 16, 11, 45, tzinfo=UTC))
    assert result.posts[1].text == "Her yüz kilometrede bir."
    assert not [e for e in result.errors if "no publication time" in e]
    assert result.thread.started_at == datetime(2018, 3, 16, 11, 45, tzinfo=UTC)


def test_mybb_spanish_abbreviated_months_and_weekday_without_lang_are_read():
    """A Spanish MyBB theme without ``<html lang>`` printing "Mié Ago 27, 2025, 05:04 PM": no post
    and no quote had a time. The weekday in the pack's language is passed over, "Ago" is August."""
    result = parsed("field_mybb/spanish_months_without_lang.html",
                    "https://pesca.example/showthread.php?tid=90", datetime(2025, 9, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "mybb")
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("801", "Remo Tranquilo", "21", datetime(2025, 8, 27, 17, 4, tzinfo=UTC)),
        ("802", "Sedal Fino", "22", datetime(2025, 8, 30, 9, 40, tzinfo=UTC)),
    ]
    [quote] = result.posts[1].quotes
    assert (quote.author, quote.post_id, quote.published_at) == (
        "Remo Tranquilo", "801", datetime(2025, 8, 27, 17, 4, tzinfo=UTC))
    assert result.posts[1].text == "Lombriz pequeña, sin duda."


def test_month_names_are_translated_only_in_a_dates_month_slot():
    """Only the word between a day and a year (or before a day and a year) is a month: "ago",
    "set" and "out" are English words elsewhere, and a name of two meanings ("lis": November in
    Polish, October in Croatian) stays unread, so such a date gets no time rather than a wrong one."""
    from parsers.clock import ForumClock
    from parsers.pack_dates import UnnamedLanguageClock, months_in_english

    assert months_in_english("27 Ago 2026 17:04") == "27 August 2026 17:04"
    assert months_in_english("Çar Ağu 27, 2026 17:04") == "Çar August 27, 2026 17:04"
    assert months_in_english("2 days ago") == "2 days ago"
    assert months_in_english("set out 3 ago") == "set out 3 ago"
    clock = UnnamedLanguageClock(datetime(2026, 9, 10, 12, tzinfo=UTC))
    assert clock.read("27 lis 2026, 17:04") is None
    assert clock.read("Ср 27 авг 2026, 17:04") == datetime(2026, 8, 27, 17, 4, tzinfo=UTC)
    assert clock.read("Di 27. Okt 2026, 17:04") == datetime(2026, 10, 27, 17, 4, tzinfo=UTC)
    # A relative day keeps its word (the weekday is dropped only before a whole date).
    plain = ForumClock(datetime(2026, 9, 10, 12, tzinfo=UTC))
    assert clock.read("Today, 10:04") == plain.read("Today, 10:04") == datetime(2026, 9, 10, 10, 4, tzinfo=UTC)


# --- Edit notices whose language pack puts the date elsewhere (phpBB) ------------------------------


def test_phpbb_edit_notice_with_the_date_before_the_editor_is_read():
    """Polish (and Romanian, Turkish 3.1) packs print "Ostatnio zmieniony <date> przez <name>,
    łącznie zmieniany N raz.": the name has only the count after it, so every edited post had
    neither an edit time nor an editor. The date is found before the name."""
    result = parsed("field_phpbb/polish_edit_notice_date_first.html",
                    "https://rowery.example/viewtopic.php?f=2&t=310", datetime(2018, 4, 5, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    assert [(p.post_id, p.author.name, p.published_at, p.edited_at, p.edited_by) for p in result.posts] == [
        ("4101", "szprycha", datetime(2018, 3, 16, 11, 45, tzinfo=UTC),
         datetime(2018, 3, 16, 12, 2, tzinfo=UTC), "szprycha"),
        ("4102", "wentyl_presta", datetime(2018, 3, 17, 8, 5, tzinfo=UTC),
         datetime(2018, 3, 18, 19, 40, tzinfo=UTC), "moderator_ola"),
    ]
    assert result.posts[1].text == "Łatki samoprzylepne wystarczą."


def test_phpbb_edit_notice_date_is_found_among_words_in_either_order():
    """The date among a notice's words: before the name, or after it with words around it (Turkish
    3.0: "En son X tarafından <date> tarihinde düzenlendi, toplamda N kere düzenlendi.")."""
    from parsers.phpbb.posts import notice_date

    assert notice_date("En son kavak tarafından 17 Mart 2018, 09:30 tarihinde düzenlendi, toplamda 1 kere "
                        "düzenlendi.", "kavak") == "17 Mart 2018, 09:30"
    assert notice_date("En son 17 Mar 2018, 09:30 tarihinde kavak tarafından olmak üzere toplamda 1 kere "
                        "düzenlendi.", "kavak") == "17 Mar 2018, 09:30"
    assert notice_date("Ultima oară modificat Sun Mar 18, 2018 7:40 pm de către ion, modificat 1 dată în total.",
                        "ion") == "Sun Mar 18, 2018 7:40 pm"
    assert notice_date("Edited by nobody", "nobody") is None


def test_smf_short_month_names_of_a_language_pack_are_read():
    """SMF prints the pack's short month names for a member's "%d %b %Y" time format ("16 Ago
    2018, 11:45"): no post, edit notice or quote header had a time (the word is no month the
    reader knew, so it was rightly not guessed). They are read as the month they name."""
    result = parsed("field_smf/spanish_short_month_names.html", "https://barcas.example/index.php?topic=42.0",
                    datetime(2024, 1, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("9001", "remo_lento", datetime(2018, 8, 16, 11, 45, tzinfo=UTC)),
        ("9002", "vela_roja", datetime(2018, 12, 3, 8, 10, tzinfo=UTC)),
    ]
    first, second = result.posts
    assert (first.edited_at, first.edited_by) == (datetime(2018, 8, 16, 12, 30, tzinfo=UTC), "remo_lento")
    [quote] = second.quotes
    assert (quote.author, quote.post_id, quote.published_at) == (
        "remo_lento", "9001", datetime(2018, 8, 16, 11, 45, tzinfo=UTC))
    assert second.text == "La fibra pesa menos."
    assert not [e for e in result.errors if "no publication time" in e]


def test_phpbb_pack_words_for_yesterday_without_lang_are_read_never_dropped():
    """A German phpBB page saved without ``<html lang>`` printing "Gestern, 09:40": read as
    English, the word was dropped and the time taken for one of the capture day, a day off with
    nothing to show it. The packs' "today" and "yesterday" are read; a time after a word still
    unknown ("Gestern, um 10:05") is not read from the time alone (the post gets an error)."""
    result = parsed("field_phpbb/german_relative_days_without_lang.html",
                    "https://rad.example/viewtopic.php?f=9&t=4400", datetime(2024, 5, 10, 12, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("7001", "ritzel_rolf", datetime(2024, 5, 9, 9, 40, tzinfo=UTC)),
        ("7002", "nabe_nina", None),
        ("7003", "ritzel_rolf", datetime(2024, 5, 10, 11, 15, tzinfo=UTC)),
    ]
    assert "post 7002: no publication time found" in result.errors


def test_phpbb_a_time_after_a_packs_time_word_is_not_read_once_its_day_word_is_dropped():
    """The same page as a Finnish-style pack prints the time ("Gestern, klo 10.05": a dotted clock
    after its word for "at", which is read since 2026-12-05). The reader that drops a label's words
    dropped the unknown "Gestern," and read "klo 10.05" as 10:05 of the capture day, a day off."""
    page = (DATA / "field_phpbb/german_relative_days_without_lang.html").read_bytes()
    result = parse_page(page.replace(b"Gestern, um 10:05", b"Gestern, klo 10.05"),
                        "https://rad.example/viewtopic.php?f=9&t=4400", datetime(2024, 5, 10, 12, tzinfo=UTC))
    assert [(p.post_id, p.published_at) for p in result.posts][1] == ("7002", None)
    assert "post 7002: no publication time found" in result.errors


def test_phpbb_style_without_a_title_heading_takes_the_topic_title_from_the_page_title():
    """A phpBB 3.0 board's own style prints no topic-title heading: the thread's title was the whole
    ``<title>``, board name and "Consulter le sujet :" included. The ``<title>``'s end that is a
    post's subject (a reply's without "Re: ") is the topic's title; the posts of this theme
    (``div.vtouter``, French weekday and month names) are read as before."""
    result = parsed("field_phpbb/title_only_in_page_title.html",
                    "https://castelbloc.example/viewtopic.php@f=2&t=40&start=10.html", datetime(2023, 1, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "40", "Quel biome pour la capitale ?", 2, 2)
    assert [(p.post_id, p.position, p.author.name, p.published_at) for p in result.posts] == [
        ("901", 11, "bloc_de_sable", datetime(2015, 7, 7, 11, 12, tzinfo=UTC)),
        ("905", 12, "maire_pixel", datetime(2015, 7, 24, 22, 23, tzinfo=UTC)),
    ]
    assert result.next_page_url is None
