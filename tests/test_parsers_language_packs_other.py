"""Language packs of Discuz!, FluxBB/PunBB, phpBB 2, Forumotion and IP.Board 3 as boards run them: the
pack's words for relative times, dates, quote heads and edit notices, each reproduced by a small
hand-written page in tests/data/field_<engine>/ (no third-party text: each file's header says which
engine version and which language pack and file it imitates, with invented names and words). Every
expected value was written by hand from the pack's strings.

Why: a field check of these engines' real language packs (Discuz! lang_core.php / lang_misc.php in
the Thai, Vietnamese, Arabic and Russian packs, FluxBB's Japanese and Greek common.php, phpBB 2's
lang_thai) found posts left without a time, quotes whose author was lost and edit notices whose
editor was lost without a word in ``errors``. Each test pins the rule: the pack's own words read,
and a head or notice in words no rule knows said in ``errors``, never dropped silently.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from conftest import DATA

from parsers.discuz.common import read_relative_time, zone_of
from parsers.registry import parse_page

UTC = timezone.utc


def parsed(relative: str, url: str, captured: datetime):
    return parse_page((DATA / relative).read_bytes(), url, captured)


# --- Discuz!: dgmdate()'s relative times in the packs' words -----------------------------------


def test_discuz_touch_relative_times_of_the_vietnamese_pack():
    """The touch template prints recent times bare, joined from the Vietnamese pack's 'date' words:
    "nửa giờgiờ trước" (half an hour ago: the pack's half is "nửa giờ", then hour "giờ"), "hôm
    kia 21:05" (the day before yesterday) and "4 ngày trước" (the day only: its midnight, said in
    the errors). They gave no time at all."""
    captured = datetime(2024, 1, 1, tzinfo=UTC)
    result = parsed("field_discuz/touch_vietnamese_pack_relative_times.html",
                    "http://bencang.example.vn/forum.php?mod=viewthread&tid=12&mobile=2", captured)
    assert (result.kind, result.engine) == ("thread_page", "discuz")
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("61", "thuy_trieu", datetime(2023, 12, 31, 23, 30, tzinfo=UTC)),
        ("62", "coc_buoc", datetime(2023, 12, 30, 21, 5, tzinfo=UTC)),
        ("63", "coi_suong", datetime(2023, 12, 28, tzinfo=UTC)),
    ]
    assert "post 63: only its day is printed ('4 ngày trước'); its time is that day's midnight" in result.errors
    assert not any("no publication time" in error for error in result.errors)


@pytest.mark.parametrize(("printed", "back"), [
    # Thai (discuzth lang_core.php): hour "ชั่วโมง", half "ครึ่ง", before "ที่แล้ว", now "ตอนนี้".
    ("3\xa0ชั่วโมงที่แล้ว", timedelta(hours=3)),
    ("ครึ่งชั่วโมงที่แล้ว", timedelta(minutes=30)),
    ("ตอนนี้", timedelta(0)),
    # Arabic (ar-discuz): "N ساعة قبل", half "نصف", min "دقيقة".
    ("3\xa0ساعة قبل ", timedelta(hours=3)),
    ("نصف ساعة قبل ", timedelta(minutes=30)),
    ("12\xa0دقيقة قبل ", timedelta(minutes=12)),
    # Russian (Discuz-X3.1_one-st.ru): "час.", "мин.", "сек.", before " назад ", half "пол".
    ("3\xa0час. назад ", timedelta(hours=3)),
    ("полчас. назад ", timedelta(minutes=30)),
    ("40\xa0сек. назад ", timedelta(seconds=40)),
])
def test_discuz_units_ago_in_the_thai_arabic_and_russian_packs(printed, back):
    """"N <unit><before>", "<half><hour><before>" and "now" as each pack's 'date' words print them:
    the capture time less that much."""
    captured = datetime(2024, 1, 1, tzinfo=UTC)
    assert read_relative_time(printed, captured, zone_of("+7")) == captured - back


@pytest.mark.parametrize(("printed", "day"), [
    ("เมื่อวาน\xa021:05", 31), ("เมื่อวานซืน\xa021:05", 30),  # Thai: yday, byday (byday begins with yday)
    ("أمس \xa021:05", 31), ("أول أمس\xa021:05", 30),  # Arabic: byday ends with yday
    ("Вчера\xa021:05", 31), ("Позавчера\xa021:05", 30),  # Russian, capitalised
])
def test_discuz_yesterday_and_the_day_before_in_the_packs(printed, day):
    """"<yday> H:i" and "<byday> H:i" in the page's zone (here UTC): the day before yesterday is
    never read as yesterday because its word holds yesterday's."""
    captured = datetime(2024, 1, 1, tzinfo=UTC)
    assert read_relative_time(printed, captured, zone_of(None)) == datetime(2023, 12, day, 21, 5, tzinfo=UTC)


# --- Discuz!: the Russian pack's quote header and edit notice ---------------------------------


def test_discuz_russian_pack_quote_header_and_edit_notice():
    """'post_reply_quote' "добавил X в <date>" names the quoted member (the quoted post is on
    another page, so only the header can); 'post_edithtml' "Отредактировано: X, <date>" names the
    editor. Both were lost without an error."""
    result = parsed("field_discuz/x31_russian_pack_quote_edit_notice.html",
                    "https://glina.example.ru/forum.php?mod=viewthread&tid=620", datetime(2024, 2, 4, tzinfo=UTC))
    assert (result.kind, result.engine, result.errors) == ("thread_page", "discuz", [])
    first, reply = result.posts
    # GMT+3: 11:45 on the board is 08:45 UTC.
    assert (first.author.name, first.edited_by, first.edited_at) == (
        "pech_nik", "pech_nik", datetime(2024, 2, 3, 8, 45, tzinfo=UTC))
    assert first.text == "Верхняя полка греется сильнее нижней."
    [quote] = reply.quotes
    assert (quote.author, quote.post_id, quote.published_at) == (
        "pech_nik", "30011", datetime(2024, 2, 1, 15, 30, tzinfo=UTC))
    assert reply.text == "Оставьте зазор между полками."


def test_discuz_unknown_pack_quote_header_and_edit_notice_are_said():
    """A header and a notice in words no pack rule knows, whose quoted post is not on the page: the
    quote's author and the editor stay absent, and the errors say so (the edit time is still read)."""
    page = (DATA / "field_discuz/x31_russian_pack_quote_edit_notice.html").read_text("utf-8")
    page = page.replace("Отредактировано: pech_nik, 2024", "Zuletzt pech_nik am 2024")
    page = page.replace("добавил pech_nik в 2024", "pech_nik schrieb am 2024")
    result = parse_page(page.encode("utf-8"), "https://glina.example.ru/forum.php?mod=viewthread&tid=620",
                        datetime(2024, 2, 4, tzinfo=UTC))
    first, reply = result.posts
    assert (first.edited_by, first.edited_at) == (None, datetime(2024, 2, 3, 8, 45, tzinfo=UTC))
    assert reply.quotes[0].author is None
    assert result.errors == [
        "post 30101: edit notice 'Zuletzt pech_nik am 2024-2-3 11:45': its editor is not read",
        "post 30102: the quote's author in 'pech_nik schrieb am 2024-2-1 18:30' is not read",
    ]


# --- FluxBB: the Japanese pack's relative days and quote citation -----------------------------


def test_fluxbb_japanese_pack_today_yesterday_and_quote_citations():
    """FluxBB's Japanese pack prints "今日 09:15:00" / "昨日 23:40:12" (read on a page with no lang),
    joins its 'wrote' ("さんの発言:") to the name with no space and heads its edit line "編集者";
    the Greek pack's "έγραψε:" is a 'wrote' word too. The dates were unread, both quotes' authors
    lost without an error, the editor unread."""
    result = parsed("field_fluxbb/fluxbb/japanese_pack_today_quote_suffix.html",
                    "https://ike.example.jp/viewtopic.php?id=8", datetime(2024, 3, 10, 12, 0, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "fluxbb")
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("801", "葦原", datetime(2024, 3, 9, 23, 40, 12, tzinfo=UTC)),
        ("802", "石垣", datetime(2024, 3, 10, 9, 15, tzinfo=UTC)),
    ]
    reply = result.posts[1]
    assert [(q.author, q.text) for q in reply.quotes] == [
        ("葦原", "毎日二センチ下がります。"), ("Λίμνης", "Κοίτα τη μεμβράνη.")]
    assert reply.text == "縁の石の下のシートを見てください。\n\n別の掲示板の答えです。"
    # Japanese/topic.php's 'Last edit' => '編集者': "編集者 石垣 (今日 09:40:00)".
    assert (reply.edited_by, reply.edited_at) == ("石垣", datetime(2024, 3, 10, 9, 40, tzinfo=UTC))
    assert not any("not read" in error or "no publication" in error for error in result.errors)


def test_fluxbb_quote_citation_of_an_unknown_pack_is_said():
    """A citation "X <wrote>:" in a pack's words the reader does not know (the Hungarian "írta:" is
    not among them) leaves the author absent, and the errors say so."""
    page = (DATA / "field_fluxbb/fluxbb/japanese_pack_today_quote_suffix.html").read_text("utf-8")
    page = page.replace("<cite>葦原さんの発言:</cite>", "<cite>Nádas Ede írta:</cite>")
    result = parse_page(page.encode("utf-8"), "https://ike.example.jp/viewtopic.php?id=8",
                        datetime(2024, 3, 10, 12, 0, tzinfo=UTC))
    assert result.posts[1].quotes[0].author is None
    assert "post 802: the quote's author in 'Nádas Ede írta:' is not read" in result.errors


# --- phpBB 2: the Thai pack's date names, quote head and edit notice --------------------------


def test_phpbb2_thai_pack_dates_quote_and_edit_notice_without_a_lang():
    """lang_thai prints the default "D M d, Y g:i a" with its own names ("จ. มีค. 07, 2016 10:30 pm";
    Sunday as the full "อาทิตย์"), heads quotes "X บันทึก:" and notes edits "แก้ไขครั้งสุดท้ายโดย X
    เมื่อ <date>, แก้ไขทั้งหมด N ครั้ง". The page names no language: the pack is found by its names,
    the weekday fitting the date. No post had a time, and the quote's author was lost silently."""
    result = parsed("field_phpbb2/phpbb2/thai_pack_default_dates.html",
                    "http://suan.example.th/viewtopic.php?t=2208", datetime(2016, 6, 1, tzinfo=UTC))
    assert (result.kind, result.engine, result.errors) == ("thread_page", "phpbb2", [])
    # "All times are GMT + 7 Hours": 10:30 pm on 7 March is 15:30 UTC.
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("5120", "Somchai Kaew", datetime(2016, 3, 7, 15, 30, tzinfo=UTC)),
        ("5127", "Malee Suk", datetime(2016, 3, 13, 2, 5, tzinfo=UTC)),
        ("5133", "Somchai Kaew", datetime(2016, 5, 5, 11, 40, tzinfo=UTC)),
    ]
    [quote] = result.posts[1].quotes
    assert (quote.author, quote.text) == ("Somchai Kaew", "Should I drain the fuel from the mower for winter?")
    last = result.posts[2]
    assert (last.edited_by, last.edited_at) == ("Somchai Kaew", datetime(2016, 5, 7, 16, 2, tzinfo=UTC))


@pytest.mark.parametrize("notice", [
    "En son Somchai Kaew tarafından ส. พค. 07, 2016 11:02 pm tarihinde değiştirildi, toplam 1 kere değiştirildi",
    "Legutóbb Somchai Kaew szerkesztette (ส. พค. 07, 2016 11:02 pm), összesen 1 alkalommal",
    "נערך לאחרונה על-ידי Somchai Kaew בתאריך ส. พค. 07, 2016 11:02 pm, סך-הכל נערך פעם אחת",
    "Senast ändrad av Somchai Kaew den ส. พค. 07, 2016 11:02 pm, ändrad totalt 1 gång",
])
def test_phpbb2_edit_notices_of_the_turkish_hungarian_hebrew_and_swedish_packs(notice):
    """Edited_time_total of lang_turkish, lang_hungarian, lang_hebrew and lang_swedish (the date the
    Thai page's): the editor and the time, which had no editor (said in the errors)."""
    page = (DATA / "field_phpbb2/phpbb2/thai_pack_default_dates.html").read_text("utf-8")
    page = page.replace("แก้ไขครั้งสุดท้ายโดย Somchai Kaew เมื่อ ส. พค. 07, 2016 11:02 pm, แก้ไขทั้งหมด 1 ครั้ง", notice)
    result = parse_page(page.encode("utf-8"), "http://suan.example.th/viewtopic.php?t=2208",
                        datetime(2016, 6, 1, tzinfo=UTC))
    last = result.posts[2]
    assert (last.edited_by, last.edited_at) == ("Somchai Kaew", datetime(2016, 5, 7, 16, 2, tzinfo=UTC))
    assert result.errors == []


def test_phpbb2_thai_names_with_a_weekday_that_does_not_fit_are_not_read():
    """The weekday checks the pack: "อาทิตย์" (Sunday) printed for Monday 7 March 2016 is no Thai
    pack date, and the post has no time (said), never a guessed one."""
    page = (DATA / "field_phpbb2/phpbb2/thai_pack_default_dates.html").read_text("utf-8")
    page = page.replace("Posted: จ. มีค. 07, 2016", "Posted: อาทิตย์ มีค. 07, 2016")
    result = parse_page(page.encode("utf-8"), "http://suan.example.th/viewtopic.php?t=2208",
                        datetime(2016, 6, 1, tzinfo=UTC))
    assert result.posts[0].published_at is None
    assert "post 5120: no publication time found" in result.errors


# --- Forumotion and IP.Board 3: a quote head in words no rule knows ---------------------------


def test_forumotion_quote_head_in_an_unknown_interface_language_is_said():
    """A cite "X כתב:" (a 'wrote' word the reader's list lacks, no profile link) leaves the quote's
    author absent and the errors say so; a one-word head ("ציטוט:") is an unattributed quote, no
    error. Hebrew relative days ("היום ב- 10:12") are read; an edit line no pattern reads is said."""
    result = parsed("field_forumotion/modernbb_unknown_pack_quote_head.html",
                    "https://harim.forumotion.co.il/t31-topic", datetime(2024, 3, 10, 12, 0, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "forumotion")
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("301", "Galit Ron", datetime(2024, 3, 9, 22, 1, tzinfo=UTC)),
        ("302", "Oren Tal", datetime(2024, 3, 10, 10, 12, tzinfo=UTC)),
    ]
    assert [(q.author, q.citation) for q in result.posts[1].quotes] == [
        (None, "Galit Ron כתב:"), (None, "ציטוט:")]
    assert [e for e in result.errors if "quote" in e] == [
        "post 302: the quote's author in 'Galit Ron כתב:' is not read"]
    # An edit line in a pack's words the edit reader does not know: no edit read, and said.
    assert (result.posts[1].edited_at, result.posts[1].edited_by) == (None, None)
    assert ("post 302: edit line 'נערך לאחרונה על-ידי Oren Tal בתאריך היום ב- 10:20, סך-הכל נערך פעם אחת'"
            " not understood") in result.errors


def test_ipb3_citation_of_another_pack_takes_the_snapback_post_on_the_page():
    """IP.Board 3.2's citation in another pack's bbc_full_cite ("X, am <date>, sagte:") is not the
    English pattern; its snapback links post 8801, on this page, whose poster is the quote's author.
    The same citation linking no post here leaves the author absent, said in the errors."""
    url = "http://koiclub.example.org/index.php?showtopic=120"
    captured = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    page = (DATA / "ipb3/ipb32_citations.html").read_text("utf-8")
    german = page.replace("koi_carl, on Yesterday, 09:15 PM, said:", "koi_carl, am Gestern, 21:15, sagte:")
    result = parse_page(german.encode("utf-8"), url, captured)
    assert result.posts[1].quotes[0].author == "koi_carl"
    assert not any("quote's author" in error for error in result.errors)
    elsewhere = german.replace("findpost&amp;pid=8801'", "findpost&amp;pid=7001'")
    result = parse_page(elsewhere.encode("utf-8"), url, captured)
    assert result.posts[1].quotes[0].author is None
    assert "post 8802: the quote's author in 'koi_carl, am Gestern, 21:15, sagte:' is not read" in result.errors


# --- NodeBB: the Turkish pack's quote head -----------------------------------------------------


@pytest.mark.parametrize("view", ["ajaxify-data", "html"])
def test_nodebb_turkish_pack_quote_head_with_its_colon_before_the_topic_link(view):
    """The composer's quote head from the Turkish pack, "@marigold, içinde söyledi: <topic link>",
    ends with the topic's link, not a colon: it was not taken for a citation, so the quote lost
    its author and the head stood in the reply's own words. Read from the ajaxify-data script
    and from the HTML view alike."""
    import re

    page = (DATA / "field_nodebb/turkish_pack_quote_head_colon_before_link.html").read_bytes()
    if view == "html":
        page = re.sub(rb'<script id="ajaxify-data".*?</script>', b"", page, flags=re.S)
    result = parse_page(page, "https://nodebb.example/topic/31/quoting-the-quoted", datetime(2024, 5, 3, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "nodebb")
    reply = result.posts[1]
    assert (reply.post_id, reply.author.name) == ("302", "basil")
    [quote] = reply.quotes
    assert (quote.author, quote.post_id) == ("marigold", "301")
    assert quote.text == "How often should I turn the compost heap?"
    assert reply.text == "Every two weeks in summer."


# --- Vanilla: the German locale's edit notice ---------------------------------------------------


def test_vanilla_german_locale_edit_notice_names_its_editor():
    """The German locale writes the edit notice's title "Von <date> bearbeitet <editor>." (its
    'Edited %s by %s.'), with no editor link: the editor is alice_admin, not the comment's author
    carol (who was taken for the editor), and the time 17:55 on the board (UTC-4, which the
    post's own time shows) is 21:55 UTC."""
    result = parsed("field_vanilla/german_locale_edited_by_title.html",
                    "https://talk.example.com/discussion/2183693/ask-me-anything", datetime(2020, 5, 1, tzinfo=UTC))
    assert (result.kind, result.engine, result.errors) == ("thread_page", "vanilla", [])
    edited = result.posts[2]
    assert (edited.post_id, edited.author.name) == ("1002", "carol")
    assert (edited.edited_at, edited.edited_by) == (datetime(2020, 4, 20, 21, 55, tzinfo=UTC), "alice_admin")


def test_vanilla_edit_notice_of_an_unknown_locale_names_no_editor_by_guess():
    """A locale's title this does not know ("Modificato <date> da <editor>.", invented words) may
    name another editor: the editor stays absent, said in the errors, never the author by guess."""
    page = (DATA / "field_vanilla/german_locale_edited_by_title.html").read_text("utf-8")
    page = page.replace("Von 20. April 2020 17:55 bearbeitet alice_admin.", "Modificato 20/04/2020 17:55 da alice_admin.")
    result = parse_page(page.encode("utf-8"), "https://talk.example.com/discussion/2183693/ask-me-anything",
                        datetime(2020, 5, 1, tzinfo=UTC))
    assert result.posts[2].edited_by is None
    assert ("post 1002: the editor in the edit notice 'Modificato 20/04/2020 17:55 da alice_admin.' is not read"
            in result.errors)
