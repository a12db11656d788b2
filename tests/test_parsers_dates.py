"""parsers.dates: printed dates read without dateparser where it is not needed, with its answers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import dateparser
import pytest

from parsers.dates import english_wall_clock, parse_news_date, parse_text_date

# Bases that make month and year arithmetic show its edges: a month's last day, a leap day, a
# clock change (in Europe; the reading is in UTC), the first of January.
BASES = [datetime(2024, 3, 31, 1, 30, 15, 123456, tzinfo=timezone.utc),
         datetime(2024, 2, 29, 23, 59, 59, tzinfo=timezone.utc),
         datetime(2025, 1, 1, 0, 0, tzinfo=timezone.utc),
         datetime(2026, 10, 25, 1, 5, tzinfo=timezone.utc)]
AGO = ["5 minutes ago", "a minute ago", "an hour ago", "1 hour ago", "2 days ago", "10 seconds ago",
       "0 minutes ago", "one day ago", "5 mins ago", "2 hrs ago", "5 Minutes Ago", "15 min ago", "2 secs ago",
       "100 days ago"]
# "Today, 11:15" and kin, as phpBB, MyBB and XenForo print a recent post's date ("at" is taken off
# before the reading).
RECENT_DAYS = [f"{day}{comma} {clock}{half}" for day in ("Today", "yesterday", "YESTERDAY") for comma in (",", "")
               for clock in ("0:05", "9:40", "12:00", "13:30", "23:59:30") for half in ("", " AM", " pm", "am")] + [
    "Yesterday at 9:00 PM"]
# Counted in weeks or coarser: they name no day ("3 weeks ago" is any day of a week), so no date is
# read, where dateparser answers the capture's clock that far back.
AGO_NAMING_NO_DAY = ["3 weeks ago", "1 month ago", "13 months ago", "1 year ago", "1 wk ago", "a week ago",
                     "2 Years Ago"]


def dateparser_reading(text: str, base: datetime) -> datetime | None:
    """What dateparser itself answers, with the settings parse_text_date gives it for a UTC board."""
    return dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": base.replace(tzinfo=None), "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DATES_FROM": "past"})


@pytest.mark.parametrize("base", BASES, ids=lambda base: base.isoformat())
def test_today_and_yesterday_are_read_as_dateparser_reads_them(base):
    for text in RECENT_DAYS:
        expected = dateparser_reading(text, base)
        assert parse_text_date(text, base) == expected, text
        assert parse_text_date(text, base, languages=["de", "en"]) == expected, text
    # By hand: the base's day (in UTC, as the caller reads it), or the day before, at the clock shown.
    day = base.replace(hour=0, minute=0, second=0, microsecond=0)
    assert parse_text_date("Today, 9:40", base) == day.replace(hour=9, minute=40)
    assert parse_text_date("Yesterday 9:00 PM", base) == day.replace(hour=21) - timedelta(days=1)


@pytest.mark.parametrize("base", BASES, ids=lambda base: base.isoformat())
def test_time_ago_is_read_as_dateparser_reads_it(base):
    for text in AGO:
        expected = dateparser_reading(text, base)
        assert expected is not None, text
        assert parse_text_date(text, base) == expected, text
        assert parse_text_date(text, base, languages=["ru", "en"]) == expected, text


def test_time_ago_by_hand():
    base = datetime(2024, 3, 31, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date("5 minutes ago", base) == datetime(2024, 3, 31, 11, 55, tzinfo=timezone.utc)
    assert parse_text_date("2 days ago", base) == datetime(2024, 3, 29, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date("an hour ago", base) == datetime(2024, 3, 31, 11, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("base", BASES, ids=lambda base: base.isoformat())
def test_time_ago_in_weeks_months_or_years_is_no_date(base):
    for text in AGO_NAMING_NO_DAY:
        assert dateparser_reading(text, base) is not None, text  # dateparser guesses a day
        assert parse_text_date(text, base) is None, text
        assert parse_text_date(text, base, "Europe/Berlin") is None, text


@pytest.mark.parametrize(("text", "language"), [
    ("il y a 3 semaines", "fr"), ("vor einem Jahr", "de"), ("2 месяца назад", "ru"), ("hace 2 semanas", "es")])
def test_other_languages_weeks_months_or_years_ago_are_no_date(text, language):
    noon = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date(text, noon, languages=[language]) is None
    # Counted in days or hours, the day is named: read ("vor 2 Tagen" is 30 May).
    assert parse_text_date("vor 2 Tagen", noon, languages=["de"]) == datetime(2024, 5, 30, 12, 0, tzinfo=timezone.utc)


def test_words_around_time_ago_still_go_to_dateparser():
    # Not the plain shape: dateparser reads it (two units), the quick reading does not guess.
    base = datetime(2024, 3, 31, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date("1 day, 2 hours ago", base) == datetime(2024, 3, 30, 10, 0, tzinfo=timezone.utc)
    assert parse_text_date("5 minutes ago by mod_mo", base) == dateparser_reading("5 minutes ago by mod_mo", base)


# --- English dates read without dateparser (parsers.dates.english_wall_clock) -------------------
# Every date text the saved news pages (../shared/fixtures/real/news) and the news benchmark
# (../shared/fixtures/real/news-bench) sent to dateparser when these tests were written: as
# parse_news_date hands it over (its zone taken off), then as parse_text_date is given it.
NEWS_READINGS = [
    "01:38:07 PM Nov 20, 2019", "18 NOV 2019", "19 Nov 2019 05:44", "19 Nov 2019 07:09", "20 Nov 2019 08:00",
    "20 Nov 2019 08:02", "25. September 2018", "30. Juli 2018", "Arnold November 15, 2019",
    "Deutsch March 7, 20247:55 AM", "Fri 6:45 PM, Feb 16, 2018", "Mon, 18 Nov 2019 16:07:38",
    "Nov 19, 2019, 10:31 pm", "Nov 19, 2019, 8:15 pm", "November 18, 2019 19:14", "November 19, 2019, 07:47 PM",
    "November 20, 2019 12:32", "November 20, 2019 13:42", "Tue Nov 19 2019 03:05:46", "Tue Nov 19 2019 03:15:39",
    "Tue Nov 19 2019 05:44:06", "Tue Nov 19 2019 08:41:00 (UTC)", "Tue, 19 Nov 2019 06:13:48",
    "Updated: Sat 8:31 PM, Feb 17, 2018", "Wed Nov 20 2019 08:00:58", "Wed Nov 20 2019 09:28:00 (UTC)",
    "segunda-feira, 22 de janeiro de 2018 às 0:13", "sexta-feira, 22 de outubro de 2010 às 20:13",
]
TEXT_READINGS = [
    "- Nov. 18th 2019 12:12 pm PT", "- Nov. 18th 2019 8:54 am PT", "11/18/19 11:04 PM EST", "11/19/19 06:56 AM EST",
    "11:26 pm EST, Tuesday, November 19, 2019", "19 NOV 2019", "19 Nov 2019 05:44 GMT", "20 Nov 2019 08:00 GMT",
    "21:17 18.11.2019", "4:00 am CST, Wednesday, November 20, 2019",
    "August 13, 2018 Posted by Vortex Leave a comment", "By Carrie Arnold November 15, 2019",
    "By Louis Jacobson on Monday, November 18th, 2019 11:04 a.m.",
    "By Matthew Digby , Minh Do on Monday, November 18th, 2019 11:08 a.m.",
    "By Maya Gebeily and Anthony Deutsch March 7, 20247:55 AM UTCUpdated ago",
    "Chris Davies - Nov 19, 2019, 10:31 pm CST", "Chris Davies - Nov 19, 2019, 8:15 pm CST",
    "Nov 18, 2019, 11:47am EST", "Nov 19, 2019, 7:53pm EST", "Nov. 20, 2019",
    "November 18, 2019 -- 19:14 GMT (19:14 GMT)", "November 19, 2019, 9:02 AM", "November 20 15:23 2019",
    "November 20, 2019 - 11:28 AMT", "November 20, 2019 / 1:07 AM", "November 20, 2019 / 1:07 AM / CBS News",
    "October 5, 2018 Posted by Vortex Leave a comment",
    "PUBLISHED: November 19, 2019 8:59 pm | UPDATED: November 19, 2019 10:16 pm", "Posted Nov 18, 8:19 PM",
    "Posted Nov 19, 6:51 AM", "Published 10:02 AM EST Nov 19, 2019", "Published 18 November 2019",
    "Updated: Sat 8:31 PM, Feb 17, 2018", "VICTOR TANGERMANN, FUTURISM 18 NOV 2019",
    "segunda-feira, 22 de janeiro de 2018 às 0:13", "sexta-feira, 22 de outubro de 2010 às 20:13",
]
# Made-up dates of the same shapes, and near misses the reader must leave to dateparser.
MADE_UP = [f"{day} {month} {year}{time}" for day in ("1", "09", "29", "31") for month in ("Feb", "MARCH", "may", "Sep")
           for year in ("1999", "2024") for time in ("", " 0:05", " 23:59:59")] + [
    f"{weekday}{month} {day}{comma} {year}{time}" for weekday in ("", "Sun ", "Mon, ", "Thursday ")
    for month in ("Jan", "February", "Dec") for day in ("1", "29") for comma in ("", ",") for year in ("2000", "2024")
    for time in ("", " 12:00 am", ", 12:30 PM", " 7:05pm", " 13:00 pm", " 0:15 am")] + [
    f"{time} {month} {day}, 2019" for time in ("01:38:07 PM", "12:00 AM", "9:59 am", "00:10 pm") for month in ("Nov", "july")
    for day in ("1", "20", "31")] + [
    "20 Nov 2019 24:00", "20 Nov 2019 8:0", "20 Nov 2019 08:00:5", "Sept 20, 2019", "Tues Nov 19 2019",
    "20 Nov. 2019", "20 Nov 1899", "20 Nov 2100", "Nov 20 2019 08:00:58.5", "20 Nov 2019T08:00"]
NEWS_BASES = [datetime(2018, 1, 1, tzinfo=timezone.utc), datetime(2019, 11, 20, 12, 0, tzinfo=timezone.utc),
              datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)]


def dateparser_news_reading(text: str, base: datetime) -> datetime | None:
    """What dateparser answers with the settings parse_news_date gives it (a naive wall clock)."""
    return dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": base.replace(tzinfo=None), "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False})


def without_zone(text: str) -> str:
    """The text parse_text_date hands to its exact readers: a last word naming UTC taken off."""
    words = text.rsplit(" ", 1)
    return words[0] if len(words) == 2 and words[1] in ("GMT", "UTC") else text


@pytest.mark.parametrize("base", NEWS_BASES, ids=lambda base: base.date().isoformat())
def test_english_wall_clock_answers_as_dateparser_does(base):
    texts = NEWS_READINGS + [without_zone(t) for t in TEXT_READINGS] + MADE_UP
    answered = 0
    for text in texts:
        found = english_wall_clock(text)
        if found is None:
            continue  # left to dateparser, as before
        answered += 1
        assert found == dateparser_news_reading(text, base), text
        assert found.replace(tzinfo=timezone.utc) == dateparser_reading(text, base), text
    assert answered >= 150


@pytest.mark.parametrize("base", NEWS_BASES, ids=lambda base: base.date().isoformat())
def test_news_dates_read_as_before(base):
    # End to end: what the news metadata asks of parse_news_date and parse_text_date is what
    # dateparser answers, on every text of the saved pages the quick reading takes.
    for text in NEWS_READINGS:
        if english_wall_clock(text) is not None:
            assert parse_news_date(text, base, ["en"]) == dateparser_news_reading(text, base).replace(
                tzinfo=timezone.utc), text
    for text in TEXT_READINGS:
        if english_wall_clock(without_zone(text)) is not None:
            assert parse_text_date(text, base, languages=["en"]) == dateparser_reading(text, base), text


def test_english_wall_clock_takes_its_shapes_only():
    assert english_wall_clock("Wed Nov 20 2019 08:00:58") == datetime(2019, 11, 20, 8, 0, 58)
    assert english_wall_clock("01:38:07 PM Nov 20, 2019") == datetime(2019, 11, 20, 13, 38, 7)
    assert english_wall_clock("Nov 19, 2019, 12:31 am") == datetime(2019, 11, 19, 0, 31)
    for text in ("Mon Nov 20 2019 08:00:58",  # the weekday does not fit: dateparser decides
                 "Nov 19, 2019, 0:31 pm", "Nov 31, 2019", "Sept 20, 2019", "20 Nov 2019 24:00",
                 "Deutsch March 7, 20247:55 AM", "30. Juli 2018"):
        assert english_wall_clock(text) is None, text


def test_words_longer_than_any_printed_date_are_no_date():
    """A post's words that begin like a date, or a torn page's garbage, handed over as a date text:
    never a date (and never seconds of dateparser's zone search)."""
    base = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date("5 minutes ago", base) == datetime(2026, 12, 1, 11, 55, tzinfo=timezone.utc)
    assert parse_text_date("5 minutes ago " + "ago, and then the pump stopped " * 12, base) is None
    # Before: dateparser read 400 characters of "yesterday yesterday ..." as yesterday.
    assert parse_text_date("yesterday " * 40, base) is None
    # Whitespace is not length: pretty-printed markup around a date stays a date.
    assert parse_text_date("\n\t\t\t" + " " * 400 + "5 minutes ago\n", base) == datetime(2026, 12, 1, 11, 55,
                                                                                        tzinfo=timezone.utc)


@pytest.mark.parametrize("text, languages, expected", [
    # German and French print the day first: read as English, day and month swapped silently.
    ("08.11.2009, 11:49", ["de", "en"], datetime(2009, 11, 8, 11, 49, tzinfo=timezone.utc)),
    ("10/05/2006, 13h16", ["fr", "en"], datetime(2006, 5, 10, 13, 16, tzinfo=timezone.utc)),
    # Turkish "Mart" is March, not the Marquesas' zone (which gave 21:15 on 16 December).
    ("16 Mart 2018, 11:45", ["tr", "en"], datetime(2018, 3, 16, 11, 45, tzinfo=timezone.utc)),
    # English stays the fallback for words the page's language does not have.
    ("Yesterday at 3:12 PM", ["de", "en"], datetime(2026, 11, 30, 15, 12, tzinfo=timezone.utc)),
])
def test_the_pages_language_is_asked_before_english(text, languages, expected):
    base = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date(text, base, "UTC", languages) == expected


# Arabic packs' "N units ago" (phpBB's ar pack: "منذ %d دقائق", "منذ دقيقتين", "منذ أقل من دقيقة";
# vBulletin and XenForo packs: "منذ ساعة", "قبل يومين"). Worked out by hand against noon, 1 June.
@pytest.mark.parametrize(("text", "expected"), [
    ("منذ ساعة", datetime(2024, 6, 1, 11, 0, tzinfo=timezone.utc)),  # one hour: the unit alone
    ("منذ دقيقتين", datetime(2024, 6, 1, 11, 58, tzinfo=timezone.utc)),  # the dual: two minutes
    ("قبل يومين", datetime(2024, 5, 30, 12, 0, tzinfo=timezone.utc)),
    ("منذ أسبوعين", None),  # two weeks, three weeks, a month, two years: no day named, no date
    ("منذ 3 اسابيع", None),
    ("منذ شهر", None),
    ("منذ عامين", None),
    ("منذ 15 دقيقة", datetime(2024, 6, 1, 11, 45, tzinfo=timezone.utc)),  # singular after 11 and more
    ("منذ أقل من دقيقة", datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)),  # less than a minute
])
def test_arabic_time_ago(text, expected):
    noon = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date(text, noon, languages=["ar"]) == expected


def test_arabic_plural_without_its_number_is_no_time():
    # "منذ دقائق": "minutes ago", no amount said: no time rather than a guess.
    assert parse_text_date("منذ دقائق", datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc), languages=["ar"]) is None



@pytest.mark.parametrize("text,expected", [
    ("2019-11-20 08:00", datetime(2019, 11, 20, 8, 0)), ("2019-11-20", datetime(2019, 11, 20)),
    ("November 19, 2019 10:31 pm", datetime(2019, 11, 19, 22, 31)), ("Nov 19, 2019", datetime(2019, 11, 19)),
    ("Wednesday, November 20, 2019 8:00 AM", datetime(2019, 11, 20, 8, 0)),
    ("20 November 2019", datetime(2019, 11, 20)), ("20 November 2019 08:00", datetime(2019, 11, 20, 8, 0)),
    ("11/20/2019 10:31 PM", datetime(2019, 11, 20, 22, 31)), ("may 5, 2019", datetime(2019, 5, 5)),
    ("٢٠١٩-١١-٢٠", datetime(2019, 11, 20))])
def test_common_formats_opening_with_a_digit_or_a_name(text, expected):
    """The strptime formats are tried only where they can open as the text does (a number or a
    name): each shape still reads, Arabic-Indic digits too (strptime's digits are Unicode's)."""
    assert parse_news_date(text, BASES[0]) == expected.replace(tzinfo=timezone.utc)


@pytest.mark.parametrize(("text", "languages"), [
    ("tis 16-jun-20 16:12:14", ["sv"]),  # Swedish: dateparser's order is year first
    ("16-jún-20 16:12", ["hu"]),
    ("Tue 16-Jun-20 16:12:14", ["en"]),
    ("16-Jun-20 16:12", ["de"]),
])
def test_a_month_name_between_a_day_and_a_two_digit_year_is_day_first_in_any_language(text, languages):
    """Mumsnet's "Tue 16-Jun-20 16:12:14" with its words in a language pack whose own order is
    year first (fuzz seed 733, translate_dates): before, 20 June 2016 for all five posts, silently."""
    found = parse_text_date(text, datetime(2024, 1, 1, tzinfo=timezone.utc), "UTC", languages)
    assert (found.year, found.month, found.day, found.hour, found.minute) == (2020, 6, 16, 16, 12)
