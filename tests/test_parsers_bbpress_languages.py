"""parsers.bbpress on bbPress topics in other languages: WordPress's date and time formats as sites
in each language set them, bbPress's translated "date at time", revision log and a quote's "wrote" line.

The page: tests/data/bbpress_languages/topic_german_pack.html, a hand-written topic in the words of a
public copy of bbPress's German pack (markawightman75/FlyingRunner-Website
wp-content/languages/plugins/bbpress-de_DE.po, 2.5.x: its "date at time" is untranslated, so the
page prints "3. Januar 2025 at 9:05"). Each row below puts another language's strings into that page:
the ``<html lang>`` WordPress prints (get_bloginfo('language'), "de-DE"), the four posts' times in a
date and time format sites in that language use, with bbPress's "date at time" in the language
(French "%1$s à %2$s" and the revision log "Cette réponse a été modifiée le %1$s par %2$s." from
the fr_FR pack of the same repository; Russian "Этот ответ был изменен %1$s от %2$s." from its
ru_RU pack; the other rows' words written from the language), the revision log's sentence around
the editor's link, and a quote's first line "X <wrote>:" as a poster types it.

Every expected value was written by hand from the strings: posts 701-704 were written on
3 January 2025 09:05, 8 January 19:45, 13 January 21:30 and 14 January 07:02 (read as UTC: no page
names its zone); the quote in post 702 names Henrike Moosbach; the edit of post 704 is Ludwina Kerbel's.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

UTC = timezone.utc
URL = "https://moosbach.example.de/forums/topic/kaltkeimer-im-januar/"
PAGE = (DATA / "bbpress_languages" / "topic_german_pack.html").read_text(encoding="utf-8")
CAPTURED = datetime(2025, 2, 1, tzinfo=UTC)
TIMES = [datetime(2025, 1, 3, 9, 5, tzinfo=UTC), datetime(2025, 1, 8, 19, 45, tzinfo=UTC),
         datetime(2025, 1, 13, 21, 30, tzinfo=UTC), datetime(2025, 1, 14, 7, 2, tzinfo=UTC)]
GERMAN_DATES = ("3. Januar 2025 at 9:05", "8. Januar 2025 at 19:45", "13. Januar 2025 at 21:30",
                "14. Januar 2025 at 7:02")
GERMAN_LOG = ("Diese Antwort wurde geändert vor 2 Tagen von <a", "</a>.\n")
GERMAN_QUOTE = "Henrike Moosbach schrieb:"

# lang, the four dates, (the log's words before the editor's link, after it), the quote's head
PACKS = {
    "de (the pack's untranslated 'at')": ("de-DE", GERMAN_DATES, None, GERMAN_QUOTE),
    "de ('um', G:i)": ("de-DE", ("3. Januar 2025 um 9:05", "8. Januar 2025 um 19:45", "13. Januar 2025 um 21:30",
                                 "14. Januar 2025 um 7:02"), None, "Henrike Moosbach schrieb:"),
    "fr (G\\hi)": ("fr-FR", ("3 janvier 2025 à 9h05", "8 janvier 2025 à 19h45", "13 janvier 2025 à 21h30",
                             "14 janvier 2025 à 7h02"),
                   ("Cette réponse a été modifiée le il y a 2 jours par", "."), "Henrike Moosbach a écrit :"),
    "fr (G \\h i \\m\\i\\n)": ("fr-FR", ("3 janvier 2025 à 9 h 05 min", "8 janvier 2025 à 19 h 45 min",
                                         "13 janvier 2025 à 21 h 30 min", "14 janvier 2025 à 7 h 02 min"),
                               None, "Henrike Moosbach a écrit :"),
    "fr (G \\h i)": ("fr-FR", ("3 janvier 2025 à 9 h 05", "8 janvier 2025 à 19 h 45", "13 janvier 2025 à 21 h 30",
                               "14 janvier 2025 à 7 h 02"), None, "Henrike Moosbach a écrit :"),
    "es": ("es-ES", ("3 de enero de 2025 a las 09:05", "8 de enero de 2025 a las 19:45",
                     "13 de enero de 2025 a las 21:30", "14 de enero de 2025 a las 07:02"),
           ("Esta respuesta fue modificada hace 2 días por", "."), "Henrike Moosbach escribió:"),
    "it": ("it-IT", ("3 gennaio 2025 alle 9:05", "8 gennaio 2025 alle 19:45", "13 gennaio 2025 alle 21:30",
                     "14 gennaio 2025 alle 7:02"),
           ("Questa risposta è stata modificata 2 giorni fa da", "."), "Henrike Moosbach ha scritto:"),
    "nl": ("nl-NL", ("3 januari 2025 om 09:05", "8 januari 2025 om 19:45", "13 januari 2025 om 21:30",
                     "14 januari 2025 om 07:02"),
           ("Deze reactie is 2 dagen geleden gewijzigd door", "."), "Henrike Moosbach schreef:"),
    "pl": ("pl-PL", ("3 stycznia 2025 o 09:05", "8 stycznia 2025 o 19:45", "13 stycznia 2025 o 21:30",
                     "14 stycznia 2025 o 07:02"),
           ("Ta odpowiedź została zmodyfikowana 2 dni temu przez", "."), "Henrike Moosbach napisał(a):"),
    "ru (d.m.Y)": ("ru-RU", ("03.01.2025 в 09:05", "08.01.2025 в 19:45", "13.01.2025 в 21:30", "14.01.2025 в 07:02"),
                   ("Этот ответ был изменен 2 дня назад от", "."), "Henrike Moosbach писал(а):"),
    "ru (j F Y)": ("ru-RU", ("3 января 2025 в 09:05", "8 января 2025 в 19:45", "13 января 2025 в 21:30",
                             "14 января 2025 в 07:02"), None, "Henrike Moosbach написал:"),
    "pt-BR": ("pt-BR", ("3 de janeiro de 2025 às 09:05", "8 de janeiro de 2025 às 19:45",
                        "13 de janeiro de 2025 às 21:30", "14 de janeiro de 2025 às 07:02"),
              ("Esta resposta foi modificada há 2 dias por", "."), "Henrike Moosbach escreveu:"),
    "tr": ("tr-TR", ("3 Ocak 2025 saat 09:05", "8 Ocak 2025 saat 19:45", "13 Ocak 2025 saat 21:30",
                     "14 Ocak 2025 saat 07:02"),
           ("Bu yanıt 2 gün önce", " tarafından düzenlendi."), "Henrike Moosbach yazdı:"),
    "ja": ("ja", ("2025年1月3日 9:05 AM", "2025年1月8日 7:45 PM", "2025年1月13日 9:30 PM", "2025年1月14日 7:02 AM"),
           ("この返信は2日前に", "によって変更されました。"), "Henrike Moosbach は書きました:"),
    "zh-CN": ("zh-CN", ("2025年1月3日 上午9:05", "2025年1月8日 下午7:45", "2025年1月13日 下午9:30",
                        "2025年1月14日 上午7:02"),
              ("此回复由", "于2天前修改。"), "Henrike Moosbach 写道："),
    "ar": ("ar", ("3 يناير، 2025 في 9:05 ص", "8 يناير، 2025 في 7:45 م", "13 يناير، 2025 في 9:30 م",
                  "14 يناير، 2025 في 7:02 ص"),
           ("تم تعديل هذا الرد منذ يومين بواسطة", "."), "Henrike Moosbach كتب:"),
    "he": ("he-IL", ("3 בינואר 2025 ב-09:05", "8 בינואר 2025 ב-19:45", "13 בינואר 2025 ב-21:30",
                     "14 בינואר 2025 ב-07:02"),
           ("תגובה זו נערכה לפני יומיים על ידי", "."), "Henrike Moosbach כתב:"),
    "sv": ("sv-SE", ("3 januari 2025 kl. 09:05", "8 januari 2025 kl. 19:45", "13 januari 2025 kl. 21:30",
                     "14 januari 2025 kl. 07:02"),
           ("Detta svar ändrades för 2 dagar sedan av", "."), "Henrike Moosbach skrev:"),
    "el": ("el", ("3 Ιανουαρίου 2025 στις 9:05 πμ", "8 Ιανουαρίου 2025 στις 7:45 μμ",
                  "13 Ιανουαρίου 2025 στις 9:30 μμ", "14 Ιανουαρίου 2025 στις 7:02 πμ"),
           ("Αυτή η απάντηση τροποποιήθηκε πριν από 2 ημέρες από", "."), "Henrike Moosbach έγραψε:"),
    "en-GB (d/m/Y, a day past 12 settles the order)": (
        "en-GB", ("03/01/2025 at 09:05", "08/01/2025 at 19:45", "13/01/2025 at 21:30", "14/01/2025 at 07:02"),
        ("This reply was modified 2 days ago by", "."), "Henrike Moosbach wrote:"),
}


def page_in(lang: str | None, dates, log, quote: str) -> bytes:
    page = PAGE.replace('<html lang="de-DE">', f'<html lang="{lang}">' if lang is not None else "<html>")
    for german, printed in zip(GERMAN_DATES, dates):
        assert page.count(f">{german}<") == 1
        page = page.replace(f">{german}<", f">{printed}<")
    if log is not None:
        page = page.replace(GERMAN_LOG[0], f"{log[0]} <a").replace(GERMAN_LOG[1], f"</a>{log[1]}\n")
    return page.replace(GERMAN_QUOTE, quote).encode("utf-8")


def parse(body: bytes, captured: datetime = CAPTURED):
    return parse_page(body, URL, captured, content_type="text/html; charset=utf-8")


@pytest.mark.parametrize("name", list(PACKS))
def test_every_language_reads_the_times_the_quote_and_the_editor(name):
    lang, dates, log, quote = PACKS[name]
    result = parse(page_in(lang, dates, log, quote))
    assert (result.kind, result.engine) == ("thread_page", "bbpress")
    posts = result.posts
    assert [(p.post_id, p.position, p.author.name) for p in posts] == [
        ("701", 1, "Henrike Moosbach"), ("702", 2, "Ottokar Rübsam"), ("703", 3, "Wanderfalke"),
        ("704", 4, "Henrike Moosbach")]
    assert [p.published_at for p in posts] == TIMES
    (cited,) = posts[1].quotes
    assert (cited.author, cited.text) == ("Henrike Moosbach",
                                          "Die Christrosen-Samen liegen seit Dezember im Kühlschrank.")
    assert (posts[3].edited_by, posts[3].edited_at) == ("Ludwina Kerbel", None)
    assert posts[3].text == "Die Schalen stehen jetzt unter dem Vordach."
    assert all("zone" in error for error in result.errors), result.errors  # only the unstated zone
    assert lost_content(result) == []


@pytest.mark.parametrize("lang", ["en-US", None])
@pytest.mark.parametrize("name", ["fr (G\\hi)", "de ('um', G:i)", "es", "it", "nl", "pt-BR"])
def test_a_page_in_another_language_marked_english_or_unmarked_still_reads_its_times(name, lang):
    """Themes print lang="en-US" whatever the site's language, and some pages name none: the month
    names of the languages the shared clock knows are read all the same (they were no time at all)."""
    _, dates, log, quote = PACKS[name]
    result = parse(page_in(lang, dates, log, quote))
    assert [p.published_at for p in result.posts] == TIMES


# More of the formats WordPress sites in other languages print (date, the pack's connector, time);
# each row's four dates are the same four times as above.
MORE_FORMATS = {
    "ar, Arabic-Indic digits": ("ar", ("٣ يناير، ٢٠٢٥ في ٩:٠٥ ص", "٨ يناير، ٢٠٢٥ في ٧:٤٥ م",
                                       "١٣ يناير، ٢٠٢٥ في ٩:٣٠ م", "١٤ يناير، ٢٠٢٥ في ٧:٠٢ ص")),
    # 14 Dey 1403 is 3 January 2025 (1 Dey 1403 is 21 December 2024): wp-parsidate's solar dates
    "fa, solar months": ("fa-IR", ("۱۴ دی ۱۴۰۳ در ۹:۰۵", "۱۹ دی ۱۴۰۳ در ۱۹:۴۵", "۲۴ دی ۱۴۰۳ در ۲۱:۳۰",
                                   "۲۵ دی ۱۴۰۳ در ۷:۰۲")),
    "ko": ("ko-KR", ("2025년 1월 3일 오전 9:05", "2025년 1월 8일 오후 7:45", "2025년 1월 13일 오후 9:30",
                     "2025년 1월 14일 오전 7:02")),
    "zh-TW": ("zh-TW", ("2025 年 1 月 3 日 上午 9:05", "2025 年 1 月 8 日 下午 7:45", "2025 年 1 月 13 日 下午 9:30",
                        "2025 年 1 月 14 日 上午 7:02")),
    "uk": ("uk", ("3 січня 2025 о 09:05", "8 січня 2025 о 19:45", "13 січня 2025 о 21:30", "14 січня 2025 о 07:02")),
    "da": ("da-DK", ("3. januar 2025 kl. 09:05", "8. januar 2025 kl. 19:45", "13. januar 2025 kl. 21:30",
                     "14. januar 2025 kl. 07:02")),
    "nb, dotted clock": ("nb-NO", ("3. januar 2025 kl. 09.05", "8. januar 2025 kl. 19.45", "13. januar 2025 kl. 21.30",
                                   "14. januar 2025 kl. 07.02")),
    "fi": ("fi", ("3.1.2025 klo 9.05", "8.1.2025 klo 19.45", "13.1.2025 klo 21.30", "14.1.2025 klo 7.02")),
    "hu": ("hu-HU", ("2025. január 3. 9:05", "2025. január 8. 19:45", "2025. január 13. 21:30",
                     "2025. január 14. 7:02")),
    "ro": ("ro-RO", ("3 ianuarie 2025 la 09:05", "8 ianuarie 2025 la 19:45", "13 ianuarie 2025 la 21:30",
                     "14 ianuarie 2025 la 07:02")),
    "cs, spaced numeric": ("cs-CZ", ("3. 1. 2025 v 9:05", "8. 1. 2025 v 19:45", "13. 1. 2025 v 21:30",
                                     "14. 1. 2025 v 7:02")),
    "de, dotted with Uhr": ("de-DE", ("03.01.2025 um 09:05 Uhr", "08.01.2025 um 19:45 Uhr", "13.01.2025 um 21:30 Uhr",
                                      "14.01.2025 um 07:02 Uhr")),
    "vi, d/m/Y": ("vi", ("03/01/2025 lúc 09:05", "08/01/2025 lúc 19:45", "13/01/2025 lúc 21:30",
                         "14/01/2025 lúc 07:02")),
    "id": ("id-ID", ("3 Januari 2025 pada 09:05", "8 Januari 2025 pada 19:45", "13 Januari 2025 pada 21:30",
                     "14 Januari 2025 pada 07:02")),
    "ca": ("ca", ("3 gener 2025 a les 9:05", "8 gener 2025 a les 19:45", "13 gener 2025 a les 21:30",
                  "14 gener 2025 a les 7:02")),
}


@pytest.mark.parametrize("name", list(MORE_FORMATS))
def test_more_formats_read_to_the_minute(name):
    lang, dates = MORE_FORMATS[name]
    result = parse(page_in(lang, dates, None, GERMAN_QUOTE))
    assert [p.published_at for p in result.posts] == TIMES
    assert all("zone" in error for error in result.errors), result.errors


@pytest.mark.parametrize("name", ["ru (j F Y)", "pl", "tr", "ja", "zh-CN", "ar", "he", "sv", "el"])
def test_more_languages_under_lang_en_us(name):
    """The same pages under a theme's lang="en-US": the month names (or the 年/월 signs) say the language."""
    _, dates, log, quote = PACKS[name]
    result = parse(page_in("en-US", dates, log, quote))
    assert [p.published_at for p in result.posts] == TIMES


def test_a_time_in_words_no_reader_knows_is_absent_with_an_error():
    """Welsh month names on a page that says en-US: no reader here knows them, so no time and an
    error each (never a guess)."""
    dates = ("3 Ionawr 2025 am 9:05", "8 Ionawr 2025 am 19:45", "13 Ionawr 2025 am 21:30", "14 Ionawr 2025 am 7:02")
    result = parse(page_in("en-US", dates, None, GERMAN_QUOTE))
    assert [p.published_at for p in result.posts] == [None, None, None, None]
    for number, printed in zip(("701", "702", "703", "704"), dates):
        assert f"post {number}: no publication time found (could not read {printed!r})" in result.errors
    assert lost_content(result) == []


def test_czech_month_names_on_a_page_marked_english_are_read_in_czech():
    """"3. ledna 2025 v 9:05" (Czech genitive months, "v" before the time) under lang="en-US"."""
    dates = ("3. ledna 2025 v 9:05", "8. ledna 2025 v 19:45", "13. ledna 2025 v 21:30", "14. ledna 2025 v 7:02")
    result = parse(page_in("en-US", dates, None, GERMAN_QUOTE))
    assert [p.published_at for p in result.posts] == TIMES


# --- Numeric dates: day first or month first, settled or not read --------------------------------

AMBIGUOUS = ("03/01/2025 at 09:05", "08/01/2025 at 19:45", "10/01/2025 at 21:30", "11/01/2025 at 07:02")


def test_slashed_dates_on_an_english_page_are_settled_by_the_capture_time():
    """d/m/Y (one of WordPress's offered formats) on a site left at en-US, every day 12 or less:
    read month first, 1 March to 1 November, after the page was saved on 1 February, silently.
    The capture time settles it: day first."""
    result = parse(page_in("en-US", AMBIGUOUS, None, GERMAN_QUOTE))
    assert [p.published_at for p in result.posts] == [
        datetime(2025, 1, 3, 9, 5, tzinfo=UTC), datetime(2025, 1, 8, 19, 45, tzinfo=UTC),
        datetime(2025, 1, 10, 21, 30, tzinfo=UTC), datetime(2025, 1, 11, 7, 2, tzinfo=UTC)]


def test_slashed_dates_nothing_settles_are_not_read():
    """The same page saved in December: both orders fall before the capture and no day passes 12.
    Read month first by the page's en-US, 3 January came out as 1 March, silently; now no time
    for those posts, and an error each."""
    result = parse(page_in("en-US", AMBIGUOUS, None, GERMAN_QUOTE), datetime(2025, 12, 20, tzinfo=UTC))
    assert [p.published_at for p in result.posts] == [None, None, None, None]
    for number, printed in zip(("701", "702", "703", "704"), AMBIGUOUS):
        assert (f"post {number}: its date {printed!r} reads day first and month first and nothing on the page"
                " settles which, so it is not read") in result.errors
    assert lost_content(result) == []


def test_a_day_past_12_on_the_page_settles_a_month_first_page():
    """m/d/Y with one date past the 12th: month first, for every post of the page."""
    dates = ("01/03/2025 at 09:05", "01/08/2025 at 19:45", "01/13/2025 at 21:30", "01/14/2025 at 07:02")
    result = parse(page_in("en-GB", dates, None, GERMAN_QUOTE), datetime(2025, 12, 20, tzinfo=UTC))
    assert [p.published_at for p in result.posts] == TIMES


def test_a_quote_head_in_words_no_pattern_knows_is_said():
    """A "X <wrote>:" line in a language the reader does not list: the quote keeps no author, and
    the page's errors say so (it was dropped silently: no citation, no error)."""
    result = parse(page_in("fi", GERMAN_DATES, None, "Henrike Moosbach kirjoitti näin:"))
    (cited,) = result.posts[1].quotes
    assert cited.author is None
    assert "post 702: the quote's author in 'Henrike Moosbach kirjoitti näin:' is not read" in result.errors
