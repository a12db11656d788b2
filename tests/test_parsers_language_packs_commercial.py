"""vBulletin, XenForo and Invision Community pages printed through a language pack other than
English, each reproduced by a small hand-written page in tests/data/field_vbulletin/ (no
third-party text or markup: each file's header says which pack's way of printing it imitates).
Every expected value was written by hand from the fixture.

Why: a check of each engine's language packs found dates whose time was read twelve hours early,
silently, or not at all; each test pins the general rule the fix keys on (how the pack's locale
prints the half of the day, the pack's "today"/"yesterday" words), so a later change cannot lose it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 3, 1, tzinfo=timezone.utc)
UTC = timezone.utc
URL = "https://albine.example/forum/showthread.php?t=7710"


def posts_of(relative: str):
    result = parse_page((DATA / relative).read_bytes(), URL, CAPTURED)
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert result.errors == []
    return [(p.post_id, p.author.name, p.published_at) for p in result.posts]


def test_vbulletin_chinese_pack_half_of_day_printed_before_the_clock():
    """A Traditional Chinese pack's locale prints the half of the day before the clock ("下午 09:05",
    strftime's %p for zh_TW): the reader looked for it only after the clock, so every afternoon
    post was twelve hours early with no error."""
    assert posts_of("field_vbulletin/zh_tw_half_of_day_before_clock.html") == [
        ("880030", "Matca_Mare", datetime(2024, 2, 27, 13, 5, tzinfo=UTC)),
        ("880025", "Fagure", datetime(2024, 2, 29, 13, 40, tzinfo=UTC)),
        ("880021", "Apicultor_Ion", datetime(2024, 2, 29, 23, 15, tzinfo=UTC)),
    ]


def test_vbulletin_korean_pack_half_of_day_and_today_words_on_a_page_left_in_english():
    """A Korean pack prints "오후 01:05" (p.m., before the clock) and "오늘"/"어제" for today and
    yesterday; the board kept lang="en", so nothing but the pack's own words tells how to read
    them. Before: 13:05 read as 01:05 silently, and the "today"/"yesterday" posts had no time."""
    assert posts_of("field_vbulletin/ko_half_of_day_and_today_words_lang_en.html") == [
        ("880030", "Matca_Mare", datetime(2024, 2, 27, 4, 5, tzinfo=UTC)),
        ("880025", "Fagure", datetime(2024, 2, 29, 0, 5, tzinfo=UTC)),
        ("880021", "Apicultor_Ion", datetime(2024, 2, 29, 23, 15, tzinfo=UTC)),
    ]


def test_vbulletin_greek_pack_half_of_day_after_the_clock():
    """A Greek pack's locale prints "09:05 μμ" (μ.μ., p.m.) and "01:15 πμ" (π.μ., a.m.): the
    marks were not known, so evening posts were twelve hours early with no error."""
    assert posts_of("field_vbulletin/el_half_of_day_after_clock.html") == [
        ("880030", "Matca_Mare", datetime(2024, 2, 27, 19, 5, tzinfo=UTC)),
        ("880025", "Fagure", datetime(2024, 2, 29, 19, 40, tzinfo=UTC)),
        ("880021", "Apicultor_Ion", datetime(2024, 2, 29, 23, 15, tzinfo=UTC)),
    ]


def test_vbulletin_french_pack_day_first_dates_told_by_the_capture_time():
    """A French pack prints "05/02/2024" (day first) on a board left with lang="en", and no date
    of the page has a day over 12. Read month first, "11/02/2024" is 2 November: after the page
    was saved, which no post can be. Such a date proves the order, as a day over 12 does; before,
    the page's dates were read month first, silently."""
    assert posts_of("field_vbulletin/fr_day_first_dates_lang_en_before_capture.html") == [
        ("880030", "Matca_Mare", datetime(2024, 2, 5, 21, 15, tzinfo=UTC)),
        ("880025", "Fagure", datetime(2024, 2, 11, 8, 5, tzinfo=UTC)),
        ("880021", "Apicultor_Ion", datetime(2024, 2, 29, 23, 15, tzinfo=UTC)),
    ]


# --- XenForo 1 ------------------------------------------------------------------------------

XF1_URL = "https://fiskeforum.example/forum/threads/gaddor-i-vassen.88/"


def xf1_times(relative: str):
    result = parse_page((DATA / relative).read_bytes(), XF1_URL, CAPTURED)
    assert (result.kind, result.engine) == ("thread_page", "xenforo")
    assert result.errors == []
    return [(p.post_id, p.author.name, p.published_at, p.edited_at) for p in result.posts]


def test_xenforo_1_greek_pack_half_of_day_after_the_title_clock():
    """A Greek pack's title "15 Μαΐ 2018 στις 4:02 μμ": the words around the clock are dropped for
    dateparser, and "μμ" (p.m.) went with them, so each afternoon time was twelve hours early with
    no error. The half of the day is kept as "PM"."""
    assert xf1_times("field_xenforo/xf1_greek_pack_half_of_day_after_clock.html") == [
        ("701", "Abborre", datetime(2018, 5, 15, 14, 2, tzinfo=UTC), None),
        ("702", "Gädda Grön", datetime(2018, 5, 16, 7, 15, tzinfo=UTC), datetime(2018, 5, 17, 19, 40, tzinfo=UTC)),
    ]


def test_xenforo_1_chinese_pack_half_of_day_before_the_title_clock_on_a_page_left_in_english():
    """A Traditional Chinese pack's title "2018-5-15 下午 4:02" on a board that kept lang="en-US":
    "下午" (p.m.) stands between the date and the clock, among the words dropped for dateparser, so
    each afternoon time was twelve hours early with no error."""
    assert xf1_times("field_xenforo/xf1_chinese_pack_half_of_day_before_clock_lang_en.html") == [
        ("701", "Abborre", datetime(2018, 5, 15, 14, 2, tzinfo=UTC), None),
        ("702", "Gädda Grön", datetime(2018, 5, 16, 7, 15, tzinfo=UTC), datetime(2018, 5, 17, 19, 40, tzinfo=UTC)),
    ]


def test_vbulletin_3_greek_pack_panel_quote_edit_note_and_half_of_day():
    """A vBulletin 3.8 page in a Greek pack: "11:40 μμ" (p.m. after the clock), the edit note's
    "από" ("by") before the editor, and a quote drawn as a panel under the pack's "Παράθεση:"
    label. Before: p.m. times twelve hours early, no editor, and the quote's words read as the
    reply's own (its author lost), all with no error."""
    result = parse_page((DATA / "field_vbulletin/vb3_greek_pack_panel_quote_half_of_day.html").read_bytes(),
                        "https://naftiko.example/forum/showthread.php?t=300", CAPTURED)
    assert (result.kind, result.engine, result.errors) == ("thread_page", "vbulletin", [])
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at, p.edited_at, p.edited_by)
            for p in result.posts] == [
        ("2101", 1, "Ψαράς", "31", datetime(2011, 3, 12, 8, 15, tzinfo=UTC), None, None),
        ("2104", 2, "Βαρκάρης", "44", datetime(2011, 3, 12, 21, 40, tzinfo=UTC),
         datetime(2011, 3, 13, 19, 5, tzinfo=UTC), "Ψαράς"),
    ]
    reply = result.posts[1]
    assert reply.text == "Εγώ βάφω κάθε άνοιξη."
    assert [(q.author, q.post_id, q.text) for q in reply.quotes] == [("Ψαράς", "2101", "Πρώτα γυαλόχαρτο, μετά αστάρι.")]


def test_vbulletin_czech_pack_dates_with_a_space_after_each_dot_on_a_page_naming_no_language():
    """A Czech pack prints "03. 11. 2023" (day first, a space after each dot) on a page whose
    <html> names no language: not seen as a numeric date, it went to dateparser in English and
    came back month first (11 March), silently. A dotted date is day first, spaced or not."""
    assert posts_of("field_vbulletin/cs_spaced_dotted_dates_no_lang.html") == [
        ("880030", "Matca_Mare", datetime(2023, 11, 3, 21, 15, tzinfo=UTC)),
        ("880025", "Fagure", datetime(2023, 11, 5, 8, 5, tzinfo=UTC)),
        ("880021", "Apicultor_Ion", datetime(2024, 2, 29, 23, 15, tzinfo=UTC)),
    ]


def test_xenforo_1_german_pack_dotted_dates_on_a_page_left_in_english():
    """A German pack's title "05.03.2018 um 16:02" on a board whose pack kept lang="en-US":
    dateparser, asked in English, read the dotted date month first (3 May), silently. A dotted
    numeric date is day first in every pack that prints one."""
    assert xf1_times("field_xenforo/xf1_german_pack_dotted_dates_lang_en.html") == [
        ("701", "Abborre", datetime(2018, 3, 5, 14, 2, tzinfo=UTC), None),
        ("702", "Gädda Grön", datetime(2018, 3, 6, 7, 15, tzinfo=UTC), datetime(2018, 3, 7, 19, 40, tzinfo=UTC)),
    ]


def test_xenforo_1_british_board_slashed_dates_are_day_first():
    """A British board (lang="en-GB") whose admin set the date format to "d/m/Y": with every day
    12 or less nothing on the page tells the order but the region, and dateparser, asked in
    English, read them month first (3 May for 5 March), silently."""
    assert xf1_times("field_xenforo/xf1_british_day_first_slashed_dates.html") == [
        ("701", "Abborre", datetime(2018, 3, 5, 14, 2, tzinfo=UTC), None),
        ("702", "Gädda Grön", datetime(2018, 3, 6, 7, 15, tzinfo=UTC), datetime(2018, 3, 7, 19, 40, tzinfo=UTC)),
    ]


def test_xenforo_1_french_pack_slashed_dates_told_by_the_capture_time():
    """A French pack's "05/02/2024 à 16:02" on a board left with lang="en-US": read month first,
    the edit's "07/02/2024" is 2 July 2024, after the page was saved, which no date on it can be.
    Such a date proves the order for the page's other dates; before, all were read month first."""
    assert xf1_times("field_xenforo/xf1_french_pack_slashed_dates_after_capture_lang_en.html") == [
        ("701", "Abborre", datetime(2024, 2, 5, 14, 2, tzinfo=UTC), None),
        ("702", "Gädda Grön", datetime(2024, 2, 6, 7, 15, tzinfo=UTC), datetime(2024, 2, 7, 19, 40, tzinfo=UTC)),
    ]


def test_xenforo_1_order_proved_by_a_restyled_post_s_date_still_holds_for_the_others():
    """The only date proving the order may stand in a post whose theme renamed its classes (here
    post 702's ``DateTime`` spans, among the rest: the post itself is then not read, and says so).
    Its edit's "07/02/2024" still proves the page day first: before, the order was learnt from
    ``.DateTime`` elements only, and post 701 became 2 May, silently (bench/fuzz_parsers.py,
    ``restyle_one_post``). Saved on 2024-06-01: 05/02 read month first (2 May) is no later."""
    page = (DATA / "field_xenforo/xf1_french_pack_slashed_dates_after_capture_lang_en.html").read_text(encoding="utf-8")
    start = page.index('<li id="post-702"')
    end = page.index("</li>", page.index('class="messageMeta', start))
    restyled = page[start:end].replace("DateTime", "msgTime").replace('class="message ', 'class="msg-card ')
    assert restyled.count("msgTime") == 2
    page = page[:start] + restyled + page[end:]
    result = parse_page(page.encode("utf-8"), XF1_URL, datetime(2024, 6, 1, 12, tzinfo=UTC))
    assert result.posts[0].post_id == "701"
    assert result.posts[0].published_at == datetime(2024, 2, 5, 14, 2, tzinfo=UTC)


def test_xenforo_1_edit_notice_whose_time_no_reader_knows_is_said():
    """The French pack's relative edit time ("Hier à 21:40") on a page left lang="en": no reader
    takes "Hier" for yesterday in English, so the edit's time is lost. It was lost silently; the
    post now keeps its own time, and the errors say the edit notice's time was not read."""
    page = (DATA / "field_xenforo/xf1_french_pack_slashed_dates_after_capture_lang_en.html").read_bytes()
    page = page.replace(b'<span class="DateTime" title="07/02/2024 \xc3\xa0 21:40">07/02/2024</span>',
                        b'<span class="DateTime" title="Hier \xc3\xa0 21:40">Hier \xc3\xa0 21:40</span>')
    result = parse_page(page, XF1_URL, CAPTURED)
    assert [(p.post_id, p.published_at, p.edited_at) for p in result.posts] == [
        ("701", datetime(2024, 2, 5, 14, 2, tzinfo=UTC), None),
        ("702", datetime(2024, 2, 6, 7, 15, tzinfo=UTC), None),
    ]
    assert result.errors == ["post 702: edited, but the edit notice's time is not read"
                             " ('Senast redigerad: Hier \u00e0 21:40')"]
