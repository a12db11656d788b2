"""Dates in words of the page's language, read without dateparser (parsers.worded_dates): a
month's name, and today or yesterday with a time of day.

The readers must answer exactly as dateparser does wherever they answer, so each answer here is
checked against dateparser's own, asked as ``parse_text_date`` asks it (one language at a time,
with its settings): on every month, weekday and day name dateparser knows in 33 languages,
in every shape the readers take, with the page's languages in several orders. The expected dates
of the hand-written cases are read off the texts by hand.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone
from functools import lru_cache

import pytest
from dateparser.date import DateDataParser
from dateparser.languages.loader import default_loader

from parsers.dates import parse_text_date
from parsers.worded_dates import day_word_wall_clock, named_month_wall_clock

LANGUAGES = ("de", "fr", "es", "it", "nl", "pt", "pl", "ru", "tr", "sv", "da", "nb", "fi", "cs", "sk", "hu", "ro",
             "el", "uk", "bg", "hr", "sr", "sl", "lt", "lv", "et", "ca", "id", "vi", "he", "ar", "fa", "en")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BASE = datetime(2025, 6, 1, 12, 0)
TIMES = ("", " 9:05", ", 19:45", " 10:15:30", " 9:05 pm", " 12:00 am", " 0:05 am", " 25:00")
DAYS = (1, 4, 12, 13, 28, 29, 30, 31)


def dateparser_answer(text: str, languages: tuple[str, ...], base: datetime, whole_date: bool) -> datetime | None:
    """dateparser's reading, naive, as parse_text_date asks it: each language alone, in order, the
    first answer kept; with the base as the forum's UTC wall clock, and the day, month and year
    required of a text that prints its year (``whole_date``)."""
    for language in languages:
        data = date_data_parser(language, base, whole_date).get_date_data(text)
        if data and data["date_obj"] is not None:
            return data["date_obj"].replace(tzinfo=None)
    return None


@lru_cache(maxsize=None)
def date_data_parser(language: str, base: datetime, whole_date: bool) -> DateDataParser:
    settings = {"RELATIVE_BASE": base, "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True,
                "PREFER_DATES_FROM": "past"}
    if whole_date:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    return DateDataParser(languages=[language], settings=settings)


def dateparser_wall(text: str, languages: tuple[str, ...]) -> datetime | None:
    return dateparser_answer(text, languages, BASE, True)


def grid_texts(language: str, rng: random.Random) -> list[str]:
    """Every month name of ``language``, two of its writings (as written, capitalised, upper case,
    with a dot), each in a shape drawn at random: a day before or after it, a weekday or none, a
    time or none. (Every writing in every shape and order, 40 times as many, agreed when run by hand.)"""
    info = default_loader.get_locale(language).info
    texts = []
    for key in MONTHS:
        for name in info.get(key, ()):
            for written in rng.sample((name, name.capitalize(), name.upper(), name + "."), 2):
                weekday = rng.choice(info.get(rng.choice(WEEKDAYS)) or [""])
                day, year = rng.choice(DAYS), rng.choice((1999, 2010, 2024, 2025))
                shape = rng.choice((f"{day} {written} {year}", f"{day}. {written} {year}",
                                    f"{weekday} {day} {written} {year}", f"{weekday}, {day}. {written} {year}",
                                    f"{written} {day}, {year}", f"{weekday} {written} {day}, {year}"))
                texts.append(" ".join((shape + rng.choice(TIMES)).split()))
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_answers_as_dateparser_does_on_every_month_name(language):
    rng = random.Random(f"named-month-{language}")
    answered = 0
    for text in grid_texts(language, rng):
        orders = ((language,), (language, "en"), ("en", language), (rng.choice(LANGUAGES), language))
        for languages in rng.sample(orders, 2):
            found = named_month_wall_clock(text, languages)
            if found is None:
                continue  # left to dateparser, as before
            answered += 1
            assert found == dateparser_wall(text, languages), (text, languages)
    # Every language whose month names are single words gets answers (Vietnamese writes "tháng 1").
    assert answered > 0 or all(" " in name for key in MONTHS
                               for name in default_loader.get_locale(language).info.get(key, ()))


# Dates of the saved fixtures that went to dateparser before this reader, with the page's languages.
SAVED = [
    ("Mo 4. Mär 2024, 10:15", ("de", "en"), datetime(2024, 3, 4, 10, 15)),
    ("3. Januar 2025 9:05", ("de", "en"), datetime(2025, 1, 3, 9, 5)),
    ("13. Januar 2025 21:30", ("de", "en"), datetime(2025, 1, 13, 21, 30)),
    ("12 янв 2010, 15:27", ("ru", "en"), datetime(2010, 1, 12, 15, 27)),
    ("14 نوفمبر 2023, 21:05", ("ar", "en"), datetime(2023, 11, 14, 21, 5)),
    ("Mar 07 Juil 2015, 11:12", ("fr", "en"), datetime(2015, 7, 7, 11, 12)),
    ("Ven 24 Juil 2015, 22:23", ("fr", "en"), datetime(2015, 7, 24, 22, 23)),
    ("12 led 2010 15:27", ("cs", "en"), datetime(2010, 1, 12, 15, 27)),
    ("15 maj 2018 16:02", ("sv",), datetime(2018, 5, 15, 16, 2)),
    ("4. Mär 2024, 10:15 pm", ("de",), datetime(2024, 3, 4, 22, 15)),  # dateparser's German knows "pm"
]


@pytest.mark.parametrize("text, languages, expected", SAVED, ids=[text for text, _, _ in SAVED])
def test_saved_pages_dates(text, languages, expected):
    assert named_month_wall_clock(text, languages) == expected
    assert dateparser_wall(text, languages) == expected
    assert parse_text_date(text, BASE.replace(tzinfo=timezone.utc), "UTC", list(languages)) == expected.replace(
        tzinfo=timezone.utc)


@pytest.mark.parametrize("text, languages", [
    # A word that is also a zone's abbreviation: dateparser, in a language without a month of that
    # name, reads it as the zone ("Set." is September in Portuguese and Spanish, SET a zone): before
    # this check the reader said 12 September 21:05 where dateparser says 12 December 20:05.
    ("12. Set. 2025 9:05 pm", ("fa", "es")),
    ("16 Mart 2018, 11:45", ("tr", "en")),  # Turkish March, and the Marquesas' MART
    ("Mo 5. Mär 2024, 10:15", ("de",)),  # 5 March 2024 is a Tuesday: dateparser decides
    ("31. Februar 2024 10:15", ("de",)),  # no such day
    ("15 maj 2018 4:02 pm", ("sv",)),  # Swedish says "em", not "pm": dateparser decides
    ("15 Μαΐ 2018 4:02 μμ", ("el",)),  # the halves of the day in other words than am/pm: the same
    ("4. Mär 2024 um 10:15 Uhr", ("de",)),  # words around the time: not the shape
    ("4 Mär 1899", ("de",)),  # a year out of range
    ("4 Mär 2024", ("xx",)),  # a language dateparser does not know
])
def test_leaves_to_dateparser(text, languages):
    assert named_month_wall_clock(text, languages) is None


def test_language_order_decides_like_dateparser():
    # "mar" is Tuesday in French and March in English: asked French first, the French reading (a
    # weekday where a month must stand) is dateparser's to make; asked English first, March.
    assert named_month_wall_clock("07 Mar 2015", ("fr", "en")) is None
    assert named_month_wall_clock("07 Mar 2015", ("en", "fr")) == datetime(2015, 3, 7)
    assert dateparser_wall("07 Mar 2015", ("en", "fr")) == datetime(2015, 3, 7)


# --- Today and yesterday with a time of day ---------------------------------------------------
DAY_BASES = (datetime(2024, 3, 1, 0, 30), datetime(2024, 12, 31, 23, 59), datetime(2025, 6, 1, 12, 0))
DAY_TIMES = ("9:05", "19:45", "10:15:30", "9:05 pm", "12:00 am", "0:05 am", "24:00")


def day_texts(language: str, rng: random.Random) -> list[str]:
    """Each of the language's words for today and yesterday (as written or capitalised), with or
    without a comma, with one of its skipped words or none before a time of day drawn at random.
    (Every writing, skipped word and time, 12 times as many, agreed when run by hand.)"""
    info = default_loader.get_locale(language).info
    relative = info.get("relative-type", {})
    skips = [word for word in info.get("skip", ()) if word.strip() and word.isalpha()] + ["", ""]
    return [" ".join(f"{rng.choice((word, word.capitalize()))}{rng.choice((',', ''))} {rng.choice(skips)} "
                     f"{rng.choice(DAY_TIMES)}".split())
            for key in ("0 day ago", "1 day ago") for word in relative.get(key, ()) for _ in range(3)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_day_words_answer_as_dateparser_does(language):
    rng = random.Random(f"day-word-{language}")
    for text in day_texts(language, rng):
        base = rng.choice(DAY_BASES)
        orders = ((language,), (language, "en"), ("en", language), (rng.choice(LANGUAGES), language))
        for languages in rng.sample(orders, 2):
            found = day_word_wall_clock(text, languages, base)
            if found is not None:
                assert found == dateparser_answer(text, languages, base, False), (text, languages, base)


@pytest.mark.parametrize("text, languages, expected", [
    ("Heute, 09:30", ("de", "en"), datetime(2025, 6, 1, 9, 30)),
    ("Heute um 10:12", ("de",), datetime(2025, 6, 1, 10, 12)),
    ("الأمس, 23:40", ("ar", "en"), datetime(2025, 5, 31, 23, 40)),
    ("اليوم في 10:15", ("ar",), datetime(2025, 6, 1, 10, 15)),
    ("Hier à 19:45", ("fr",), datetime(2025, 5, 31, 19, 45)),
    ("Вчера в 19:45", ("ru",), datetime(2025, 5, 31, 19, 45)),
    ("Yesterday 9:00 PM", ("en",), datetime(2025, 5, 31, 21, 0)),
    ("Today, 12:00 am", ("en",), datetime(2025, 6, 1, 0, 0)),
    ("Gestern, 9:05 pm", ("de", "en"), datetime(2025, 5, 31, 21, 5)),  # dateparser's German has "pm"
])
def test_day_words_by_hand(text, languages, expected):
    assert day_word_wall_clock(text, languages, BASE) == expected
    assert dateparser_answer(text, languages, BASE, False) == expected


@pytest.mark.parametrize("text, languages", [
    ("ayer en 12:00 am en", ("es",)),  # a word after the time: dateparser reads two days later
    ("Heute um 10:12 Uhr", ("de",)),  # the same shape: dateparser's
    ("today th 9:05", ("en",)),  # English's skipped ordinal endings: dateparser reads them otherwise
    ("Today, 13:30 pm", ("en",)),  # an hour past 12 beside pm
    ("Today, 12:00 am", ("de", "en")),  # German knows "am" but not "today": dateparser's to read
    ("Tomorrow, 9:05", ("en",)),  # not today or yesterday
])
def test_day_words_left_to_dateparser(text, languages):
    assert day_word_wall_clock(text, languages, BASE) is None
