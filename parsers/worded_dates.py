"""Dates printed with words of the page's language, read without dateparser where its answer is
certain: a month's name ("Mo 4. Mär 2024, 10:15", "12 янв 2010, 15:27", "14 نوفمبر 2023, 21:05"), and
today or yesterday with a time of day ("Heute, 09:30", "الأمس, 23:40", "Yesterday 9:00 PM").

Why: a forum prints one date a post, and a board in German, French, Russian or Arabic prints its
month by name, and a recent post's day as "today" or "yesterday". :func:`parsers.dates.parse_text_date`
handed every such date to dateparser, 1.3 to 1.8 ms a date once its language is loaded, so a German
phpBB page of twenty posts spent about 35 ms in dateparser against about 6 ms for the rest of an
English page's parse (measured 2026-12-08). English dates of the month-name shapes have been read
without it since issue 19 (:func:`parsers.dates.english_wall_clock`); this does the same in every
language, from dateparser's own month, weekday, day and skipped words, so that it reads exactly the
words dateparser would.

It answers only where dateparser's answer is certain, and otherwise returns None, which leaves the
text to dateparser as before:

- the whole text is one shape: an optional weekday, then a day and a month name or a month name
  and a day, a year from 1900 to 2099, and perhaps a time of day ("10:15", "10:15:30"; "9:05 pm"
  only in a language whose own words for the halves of the day include "am" and "pm"); or a
  word for today or yesterday, perhaps one word the language skips ("um", "في", "à"), and a
  time of day (a word after it, "Heute um 10:12 Uhr", is dateparser's: "ayer en 12:00 am en" is
  two days later to it);
- the languages are tried in the caller's order, as dateparser is asked them one at a time
  (``parsers.dates._read_with_dateparser``): a language in which every word of the text is a month,
  weekday or day name in its place reads it; a language that knows a word of the text in another
  role (a weekday where the month stands, a word of its relative dates) sends the whole text to
  dateparser, which might read it otherwise; a language that knows none of its words is passed
  over, as dateparser passes over a language in which the text is not a date;
- a word of the text that is also a zone's abbreviation ("Set." is September in Portuguese and
  the zone SET; "Mart" March in Turkish and the Marquesas' MART): dateparser, in a language that
  knows no month of that name, reads the word as the zone and the rest as a date, so it decides;
- a name two months share in one language, or a month and a weekday, a weekday that does not
  fit the date, or a day the month lacks: dateparser decides.

Words are compared as dateparser compares them: lower case, accents dropped (Unicode NFKD without
its combining marks). ``tests/test_parsers_worded_dates.py`` checks every answer against
dateparser's, on every name of every month, weekday and day word of 33 languages, in every shape.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from functools import lru_cache

from dateparser.languages.loader import default_loader
from dateparser.timezones import timezone_info_list

_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_WORD = r"[^\W\d_]+"
# A time of day ("10:15", "10:15:30", "9:05 pm"; the half of the day any word, judged by _hour).
_CLOCK = rf"(?P<hour>[0-9]{{1,2}}):(?P<minute>[0-9]{{2}})(?::(?P<second>[0-9]{{2}}))?(?:\s*(?P<half>{_WORD}))?"
_TIME = rf"(?:,?\s+{_CLOCK})?"
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
_WEEKDAY = rf"(?:(?P<weekday>{_WORD})\.?,?\s+)?"
_SHAPES = tuple(re.compile(pattern) for pattern in (
    rf"{_WEEKDAY}(?P<day>[0-9]{{1,2}})\.?\s+(?P<month>{_WORD})\.?,?\s+{_YEAR}{_TIME}",
    rf"{_WEEKDAY}(?P<month>{_WORD})\.?\s+(?P<day>[0-9]{{1,2}})\.?,?\s+{_YEAR}{_TIME}",
))


# "Heute, 09:30", "الأمس في 23:40", "Yesterday 9:00 PM": a day word, perhaps a skipped word, a time of day.
_DAY_WORD_SHAPE = re.compile(rf"(?P<day>[^\W\d_][^\W\d_']*),?\s+(?:(?P<skip>{_WORD})\s+)?{_CLOCK}")


def day_word_wall_clock(text: str, languages, local_base: datetime) -> datetime | None:
    """The naive wall clock of "Heute, 09:30" or "Yesterday 9:00 PM" on the day of ``local_base``
    (the base dateparser is given) or the day before, as dateparser reads it in the first of
    ``languages`` that knows its words, or None where that is not certain (see the module)."""
    match = _DAY_WORD_SHAPE.fullmatch(text)
    if match is None:
        return None
    printed = [word for word in (match["day"], match["skip"], match["half"]) if word]
    if any(word.upper() in zone_names() for word in printed):
        return None
    words = [normalised(word) for word in printed]
    for language in languages:
        names = language_names(language)
        if names is None:
            return None
        if not any(word in names.known for word in words):
            continue
        back = names.days_back.get(normalised(match["day"]))
        if back is None or (match["skip"] and normalised(match["skip"]) not in names.skipped):
            return None
        hour = _hour(match, names)
        if hour is None:
            return None
        day = local_base.date() - timedelta(days=back)
        try:
            return datetime(day.year, day.month, day.day, hour, int(match["minute"]), int(match["second"] or 0))
        except ValueError:
            return None
    return None


def _hour(match: re.Match, names: "LanguageNames") -> int | None:
    """The hour of a matched time of day, its half of the day ("pm") read where the language says
    "am"/"pm"; None for a half in other words or an hour out of its range."""
    hour = int(match["hour"] or 0)
    if match["half"]:
        half = normalised(match["half"])
        if half not in ("am", "pm") or half not in names.halves or not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    return hour


def named_month_wall_clock(text: str, languages) -> datetime | None:
    """The naive date and time of day of ``text`` as dateparser reads it in the first of
    ``languages`` that knows its words, or None where that is not certain (see the module)."""
    match = next((found for found in (shape.fullmatch(text) for shape in _SHAPES) if found), None)
    if match is None:
        return None
    printed = [word for word in (match["weekday"], match["month"], match["half"]) if word]
    if any(word.upper() in zone_names() for word in printed):
        return None  # dateparser may read it as a zone in a language that knows no month of that name
    words = [normalised(word) for word in printed]
    for language in languages:
        names = language_names(language)
        if names is None:
            return None  # a language dateparser does not know: its own error path decides
        if not any(word in names.known for word in words):
            continue
        return _reading(match, names)
    return None


def _reading(match: re.Match, names: "LanguageNames") -> datetime | None:
    month = names.months.get(normalised(match["month"]))
    weekday = names.weekdays.get(normalised(match["weekday"])) if match["weekday"] else None
    if month is None or (match["weekday"] and weekday is None):
        return None
    hour = _hour(match, names)
    if hour is None:
        return None
    try:
        found = datetime(int(match["year"]), month, int(match["day"]), hour, int(match["minute"] or 0),
                         int(match["second"] or 0))
    except ValueError:
        return None
    if weekday is not None and weekday != found.weekday():
        return None
    return found


def normalised(word: str) -> str:
    """A word as dateparser matches it: lower case, accents dropped (NFKD without combining marks)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if unicodedata.category(c) != "Mn")


class LanguageNames:
    """One language's month and weekday names as dateparser knows them (each name standing for one
    month or one weekday only), its one-word names of today and yesterday (days back), its words
    for the halves of the day, the words it skips, and every word it knows."""

    def __init__(self, info: dict) -> None:
        self.months = _one_meaning(info, _MONTH_KEYS)
        self.weekdays = _one_meaning(info, _WEEKDAY_KEYS)
        self.halves = frozenset(normalised(word) for key in ("am", "pm") for word in info.get(key, ()))
        # English skips ordinal endings and the like ("th", "m", "ad"), which dateparser reads otherwise
        # beside a time of day: none is taken as skipped here (the caller drops English "at" itself).
        self.skipped = frozenset() if info.get("name") == "en" else frozenset(
            normalised(word) for word in info.get("skip", ()) if re.fullmatch(_WORD, word))
        relative = info.get("relative-type", {})
        back: dict[str, set[int]] = {}
        for days, key in enumerate(("0 day ago", "1 day ago")):
            for word in relative.get(key, ()):
                if re.fullmatch(r"[^\W\d_][^\W\d_']*", word):
                    back.setdefault(normalised(word), set()).add(days)
        names = self.months.keys() | self.weekdays.keys() | self.halves | self.skipped
        self.days_back = {word: next(iter(days)) for word, days in back.items() if len(days) == 1 and word not in names}
        known = set()
        for value in info.values():
            for word in _strings(value):
                known.update(normalised(part) for part in re.findall(_WORD, word))
        self.known = frozenset(known)


@lru_cache(maxsize=64)  # a page's language tag is its own: a crawl meets a few, a hostile page any
def language_names(language: str) -> LanguageNames | None:
    """:class:`LanguageNames` of a language dateparser knows (None for another)."""
    try:
        return LanguageNames(default_loader.get_locale(language).info)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """The zone abbreviations dateparser finds in any text whatever its language ("SET", "MART"), upper case."""
    return frozenset(name.upper() for entry in timezone_info_list for name, _offset in entry["timezones"])


def _one_meaning(info: dict, keys: tuple[str, ...]) -> dict[str, int]:
    """Name -> number (1-12 for months, 0-6 for weekdays), leaving out a name of two meanings
    (two months, or a month and a weekday, in one language)."""
    others = {normalised(word) for key, value in info.items() if key not in keys
              and key in _MONTH_KEYS + _WEEKDAY_KEYS for word in _strings(value)}
    numbers: dict[str, set[int]] = {}
    start = 1 if keys == _MONTH_KEYS else 0
    for number, key in enumerate(keys, start=start):
        for word in info.get(key, ()):
            numbers.setdefault(normalised(word), set()).add(number)
    return {word: next(iter(found)) for word, found in numbers.items() if len(found) == 1 and word not in others}


def _strings(value):
    """Every string in a locale entry (lists, and the dictionaries of its simplifications)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
