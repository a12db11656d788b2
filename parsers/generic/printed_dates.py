"""Printed dates of boards no engine knows, in shapes the shared clock does not read by itself,
rewritten into one it does.

Why: the clock hands any date it cannot read to dateparser, which costs one to four milliseconds a
date, more than the rest of a small page's parse. Two such shapes are rewritten, on English pages
only, where the clock then reads the rewrite to the time dateparser gives the original
(tests/test_parsers_generic.py checks grids of both against dateparser):

- "Mon 04-Mar-19 10:15:00" (a weekday, the day, the month's abbreviation and a two-digit year
  joined by dashes, then the time: a large parenting board prints every post time so), written
  "04 Mar 2019 10:15:00" when the weekday fits the date, the time is valid and the year is before
  the capture's (dateparser takes a two-digit year for one in the past);
- "Tuesday 9th June" (a day of the month without its year), written "9 June 2023": the year is
  the capture's when that day has begun by the capture, else the one before, as dateparser
  decides (it prefers dates in the past, and reads no weekday beside a day and month).

Anything else is left as it was, for the clock and dateparser.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ..clock import ENGLISH_MONTHS, ForumClock

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = frozenset(_WEEKDAYS + ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_DASHED = re.compile(r"(?P<weekday>[A-Za-z]{3}) (?P<day>\d{2})-(?P<month>[A-Za-z]{3})-(?P<year>\d{2}) "
                     r"(?P<time>(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)")
_DAY_AND_MONTH = re.compile(r"(?:(?P<weekday>[A-Za-z]{3,9}) )?(?P<day>\d{1,2})(?P<ordinal>st|nd|rd|th)? "
                            r"(?P<month>[A-Za-z]{3,9})")


def clock_readable(text: str, clock: ForumClock) -> str:
    """``text`` in a shape the clock reads (see the module's docstring) when it is wholly one of
    the two shapes above on an English page and the rewrite is certain to read as dateparser reads
    the original; else ``text``."""
    if clock.primary != "en":
        return text
    plain = " ".join(text.split())
    return _dashed(plain, clock) or _day_and_month(plain, clock) or text


def _dashed(text: str, clock: ForumClock) -> str | None:
    """"Mon 04-Mar-19 10:15:00" as "04 Mar 2019 10:15:00", or None."""
    match = _DASHED.fullmatch(text)
    if match is None:
        return None
    month = ENGLISH_MONTHS.get(match["month"].lower())
    year = 2000 + int(match["year"])
    if month is None or year >= clock.local_now.year or not _capitalised(match["weekday"], match["month"]):
        return None
    try:
        weekday = date(year, month, int(match["day"])).weekday()
    except ValueError:  # a day the month lacks
        return None
    if _WEEKDAYS[weekday] != match["weekday"].lower():
        return None
    return f"{match['day']} {match['month']} {year} {match['time']}"


def _day_and_month(text: str, clock: ForumClock) -> str | None:
    """"Tuesday 9th June" as "9 June 2023" (the year as dateparser picks it), or None."""
    match = _DAY_AND_MONTH.fullmatch(text)
    if match is None or (match["weekday"] and match["weekday"].lower() not in _WEEKDAY_NAMES):
        return None
    if not _capitalised(*filter(None, (match["weekday"], match["month"]))):
        return None
    name = match["month"].lower()
    month = next((n for n, full in enumerate(_MONTH_NAMES, start=1) if name in (full, full[:3])), None)
    day = int(match["day"])
    if month is None or (match["ordinal"] and match["ordinal"] != _ordinal(day)):
        return None
    now = clock.local_now
    try:
        year = now.year if datetime(now.year, month, day) <= now else now.year - 1
        datetime(year, month, day)
    except ValueError:  # a day the month lacks (in one of the two years)
        return None
    return f"{day} {match['month']} {year}"


def _capitalised(*names: str) -> bool:
    """Are the names written as the tests checked them against dateparser ("Tuesday", "Jun")?"""
    return all(name.istitle() for name in names)


def _ordinal(day: int) -> str:
    """The English ordinal suffix of a day of the month ("st" of 1, "th" of 11)."""
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
