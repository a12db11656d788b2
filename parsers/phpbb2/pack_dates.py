"""phpBB 2's default date format ("D M d, Y g:i a") as the Russian and German language packs print
it ("Вс Мар 06, 2005 5:45 pm", "So Mär 06, 2005 5:45 pm"), given back with English names.

Why: the shared clock reads English month names by regular expression but hands any other
language to dateparser, which costs two milliseconds a date: on a Russian page of three posts,
six times the rest of the parse. phpBB 2 prints its dates from a fixed table of names per
language pack (``$lang['datetime']`` in ``lang_main.php``), so the same date with the English
names of that table is read by the clock's own reader, to the same time dateparser gives
(tests/test_parsers_phpbb2.py checks a grid of dates against dateparser). Anything that is not
exactly this shape, or whose weekday does not fit its date, is left as it was (for dateparser).
"""

from __future__ import annotations

import re
from datetime import date

_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ENGLISH_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Per language: (month names January first, weekday names Monday first), from the packs' tables.
PACK_NAMES = {
    "ru": ("Янв Фев Мар Апр Май Июн Июл Авг Сен Окт Ноя Дек".split(), "Пн Вт Ср Чт Пт Сб Вс".split()),
    "de": ("Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez".split(), "Mo Di Mi Do Fr Sa So".split()),
}
# Packs whose names dateparser does not read as the pack means them, so the table is the only
# reader: lang_thai's short months drop the inner dot ("มีค.", not "มี.ค."; dateparser reads
# "ศ. มีค. 07, 2003" as 7 January) and its 'Sun' is the full "อาทิตย์".
OWN_PACK_NAMES = {
    "th": ("มค. กพ. มีค. เมย. พค. มิย. กค. สค. กย. ตค. พย. ธค.".split(),
           "จ. อ. พ. พฤ. ศ. ส. อาทิตย์".split()),
}
_ALL_PACK_NAMES = {**PACK_NAMES, **OWN_PACK_NAMES}

# The names are any non-space run (a pack's table says which are names): the Thai pack's carry dots
# and vowel signs, which are no word characters.
_DEFAULT_FORMAT = re.compile(r"(?P<day_name>\S+) (?P<month>\S+) (?P<day>\d{2}), (?P<year>(?:19|20)\d{2}) "
                             r"(?P<hour>\d{1,2}):(?P<minute>[0-5]\d) (?P<meridiem>[ap]m)")


def in_english(text: str, language: str) -> str:
    """``text`` with the English names of its pack's day and month when it is a date in phpBB 2's
    default format printed by the pack of ``language`` (the clock's primary language); else
    ``text`` unchanged. A page whose language is none of the packs here (no lang, or a wrong
    "en", as boards keep) is tried with every pack of OWN_PACK_NAMES: the weekday must fit the
    date, and the packs that fit must agree on it."""
    match = _DEFAULT_FORMAT.fullmatch(" ".join(text.split()))
    if match is None or not 1 <= int(match["hour"]) <= 12:
        return text
    # The packs dateparser reads (PACK_NAMES) only for their own language, a speed-up: it reads
    # them on any page. The packs it does not read are its only reader, whatever the page says.
    packs = [_ALL_PACK_NAMES[language]] if language in _ALL_PACK_NAMES else OWN_PACK_NAMES.values()
    readings = {reading for names in packs if (reading := _english(match, names)) is not None}
    return readings.pop() if len(readings) == 1 else text


def _english(match, names) -> str | None:
    """The default-format date of ``match`` with English names, read with one pack's ``names``;
    None when its month or weekday is not that pack's or the weekday does not fit the date."""
    months, days = names
    if match["month"] not in months or match["day_name"] not in days:
        return None
    month = months.index(match["month"]) + 1
    try:
        weekday = date(int(match["year"]), month, int(match["day"])).weekday()
    except ValueError:  # a day the month lacks
        return None
    if days[weekday] != match["day_name"]:
        return None
    return (f"{_ENGLISH_DAYS[weekday]} {_ENGLISH_MONTHS[month - 1]} {match['day']}, {match['year']} "
            f"{match['hour']}:{match['minute']} {match['meridiem']}")


_OWN_MONTHS = frozenset(name for months, _ in OWN_PACK_NAMES.values() for name in months)


def names_an_own_pack_month(text: str) -> bool:
    """Does ``text`` print a month name of a pack in OWN_PACK_NAMES? Such a date that
    :func:`in_english` left as printed (its weekday does not fit) must not go to dateparser,
    which reads the Thai "มีค." (March) as January."""
    return any(word in _OWN_MONTHS for word in (text or "").split())


# The default format with any pack's names, dotted abbreviations too ("Szomb. Máj. 07, 2016 10:30 pm",
# Hungarian): the weekday, then the rest of the date.
_DEFAULT_SHAPE = re.compile(r"[^\W\d_]+\.? (?P<rest>[^\W\d_]+\.? \d{2}, (?:19|20)\d{2} \d{1,2}:[0-5]\d [ap]m)")


def without_weekday(text: str) -> str | None:
    """A date in phpBB 2's default format less its weekday, or None for any other text.

    Why: a pack's weekday abbreviation the reader does not know ("Szomb.", "Hétf." of the Hungarian
    pack, which dateparser reads in no language) left every post of such a board without a time,
    though the day, month and year are all printed after it; the weekday adds nothing to them."""
    match = _DEFAULT_SHAPE.fullmatch(" ".join((text or "").split()))
    return match["rest"] if match else None


# Per language: the month names dateparser reads in that language, January first, each with or without
# its dot and in any case ("Máj.", "márc"), from dateparser's own table (date_translation_data/hu.py),
# so the English month is the one dateparser finds.
_READ_MONTHS = {
    "hu": "jan febr márc ápr máj jún júl aug szept okt nov dec".split(),
}
_WEEKDAY_LESS = re.compile(r"(?P<month>[^\W\d_]+)\.? (?P<day>\d{2}), (?P<year>(?:19|20)\d{2}) "
                           r"(?P<hour>\d{1,2}):(?P<minute>[0-5]\d) (?P<meridiem>[ap]m)")


def month_in_english(rest: str, language: str) -> str:
    """The default format less its weekday (what :func:`without_weekday` gives: "Máj. 07, 2016 11:02 pm")
    with the English month ("May 07, 2016 11:02 pm") when its month is one of ``language``'s names in
    :data:`_READ_MONTHS`; else ``rest`` unchanged (for dateparser).

    Why: the clock reads English month names by regular expression in microseconds, where dateparser
    spends two to five milliseconds on each Hungarian date, most of such a page's parse.
    tests/test_parsers_phpbb2.py checks a grid of such dates against what the clock read before."""
    months = _READ_MONTHS.get(language)
    match = _WEEKDAY_LESS.fullmatch(rest) if months else None
    if match is None or not 1 <= int(match["hour"]) <= 12 or match["month"].lower() not in months:
        return rest
    month = months.index(match["month"].lower()) + 1
    try:
        date(int(match["year"]), month, int(match["day"]))
    except ValueError:  # a day the month lacks
        return rest
    return (f"{_ENGLISH_MONTHS[month - 1]} {match['day']}, {match['year']} "
            f"{match['hour']}:{match['minute']} {match['meridiem']}")
