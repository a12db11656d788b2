"""Dates with a month's name in the page's language, read without dateparser (parsers.named_month_dates).

The reader must answer exactly as dateparser does wherever it answers, so each answer here is
checked against dateparser's own (``parsers.dates._read_with_dateparser``, the call
``parse_text_date`` makes): on every month and weekday name dateparser knows in 33 languages, in
every shape the reader takes, with the page's languages in several orders. The expected dates of
the hand-written cases are read off the texts by hand.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest
from dateparser.languages.loader import default_loader

from parsers.dates import _read_with_dateparser, parse_text_date  # noqa: PLC2701 (the call parse_text_date makes)
from parsers.named_month_dates import named_month_wall_clock

LANGUAGES = ("de", "fr", "es", "it", "nl", "pt", "pl", "ru", "tr", "sv", "da", "nb", "fi", "cs", "sk", "hu", "ro",
             "el", "uk", "bg", "hr", "sr", "sl", "lt", "lv", "et", "ca", "id", "vi", "he", "ar", "fa", "en")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BASE = datetime(2025, 6, 1, 12, 0)
TIMES = ("", " 9:05", ", 19:45", " 10:15:30", " 9:05 pm", " 12:00 am", " 0:05 am", " 25:00")
DAYS = (1, 4, 12, 13, 28, 29, 30, 31)


def dateparser_wall(text: str, languages: tuple[str, ...]) -> datetime | None:
    found, _period = _read_with_dateparser(text, languages, BASE, "UTC", True, False)
    return found.replace(tzinfo=None) if found is not None else None


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
