"""Dates as forums print them, resolved without ever looking at the wall clock.

Machine-readable sources (``<time datetime>``, Unix timestamps) are preferred. Text such as
"6 hours ago" or "On 11/7/2021 at 8:40 AM" is resolved by dateparser against a base time the
caller passes in (the capture time, or the time of the post that contains the text), so the same
page parsed twice gives the same answer.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

import dateparser
from dateparser.date import DateDataParser
from dateparser.timezone_parser import pop_tz_offset_from_string
from dateutil.relativedelta import relativedelta

from .levant_months import BARE_ALEFS
from .worded_dates import day_word_wall_clock, named_month_wall_clock

# Longer than any printed date, whitespace collapsed (the longest among the 500 saved pages has 74
# characters, with its labels): such a text is a post's words or a page's garbage, which dateparser's
# zone search reads in seconds (2 s for 4 KB), never a date.
LONGEST_PRINTED_DATE = 300

_IPS_CITATION = re.compile(r"^\s*(?:On\s+)?(?P<when>.+?),\s+(?P<who>.+?)\s+said:\s*$", re.S)


def parse_iso(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp ("2024-04-17T21:13:04Z"); naive values are taken as UTC (None for
    anything else, a JSON number included)."""
    parsed = parse_iso_keep_offset(value)
    return parsed.astimezone(timezone.utc) if parsed is not None else None


def parse_iso_keep_offset(value: str | None, naive_offset: tzinfo | None = timezone.utc) -> datetime | None:
    """An ISO 8601 timestamp with the offset the page wrote ("2019-11-19T10:32:00-05:00" stays
    -05:00): the same instant as :func:`parse_iso` gives, but the page's local day and clock are
    kept, which news pages print and readers quote. A naive value is read at ``naive_offset``
    (UTC unless the caller knows the page's offset; with ``naive_offset=None`` it stays naive, for
    a caller that wants an offset written). None for anything else, a JSON number included.
    """
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=naive_offset)


def from_unix(value: str | int | None) -> datetime | None:
    """A Unix timestamp in seconds, as IPS writes in ``data-ipsquote-timestamp``."""
    if value in (None, ""):
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def parse_text_date(text: str, base: datetime, timezone_name: str = "UTC",
                    languages: list[str] | None = None) -> datetime | None:
    """A printed date, absolute or relative, read against ``base`` (never against now).

    ``timezone_name`` is the zone the forum printed absolute times in; results are in UTC.
    """
    if not text or base is None:
        return None
    # dateparser reads RELATIVE_BASE as a wall-clock time in TIMEZONE, so give it the base
    # as the forum's clock showed it; "6 hours ago" and "Yesterday at 3:12 PM" then both land right.
    local_base = base.astimezone(ZoneInfo(timezone_name)).replace(tzinfo=None)
    cleaned = " ".join(_POST_COUNTER.sub(" ", re.sub(r"\bat\b", " ", dotted_clock_as_colon(text))).split())
    if len(cleaned) > LONGEST_PRINTED_DATE:
        return None
    if timezone_name == "UTC" and (not languages or "en" in languages):
        ago = _time_ago(cleaned, base)
        if ago is not None:
            return ago if ago is not _NO_DAY else None
    if timezone_name == "UTC":
        # "Today, 11:15", "Heute um 09:30", "الأمس, 23:40": a recent post's day in words (1.3 to 1.8 ms
        # a date in dateparser, as much as the rest of the post).
        recent = day_word_wall_clock(cleaned, languages or ["en"], local_base)
        if recent is not None:
            return recent.replace(tzinfo=timezone.utc)
    if timezone_name == "UTC" and cleaned.startswith(_ARABIC_AGO_WORDS):
        ago = arabic_time_ago(cleaned, base)
        if ago is not None:
            return ago if ago is not _NO_DAY else None
    zone_name, plain = timezone_name, cleaned
    words = cleaned.rsplit(" ", 1)
    if len(words) == 2 and words[1].upper() in _ZONE_ABBREVIATIONS:  # "3:59 PM ET"
        plain, zone_name = words[0], _ZONE_ABBREVIATIONS[words[1].upper()]
    fast = _common_format(plain, languages)
    if fast is None and zone_name == timezone_name == "UTC":
        fast = english_wall_clock(plain) if _english_only(languages) else named_month_wall_clock(plain, languages)
    if fast is not None:
        return fast.replace(tzinfo=ZoneInfo(zone_name)).astimezone(timezone.utc)
    whole = bool(PRINTED_YEAR.search(cleaned))
    if whole and names_no_month(cleaned):
        return None
    day_first = bool(_DAY_MONTH_NAME_SHORT_YEAR.search(cleaned))
    try:
        parsed, period = _read_with_dateparser(cleaned, tuple(languages or ["en"]), local_base, timezone_name, whole,
                                               day_first)
    except ValueError:  # a language dateparser does not know (a broken <html lang>): read it as English
        parsed, period = (_read_with_dateparser(cleaned, ("en",), local_base, timezone_name, whole, day_first)
                          if languages != ["en"] else (None, None))
    if parsed and not clock_agrees(cleaned, parsed.astimezone(ZoneInfo(timezone_name))):
        return None
    if parsed and period in _DAY_UNKNOWN and not whole:
        return None
    return parsed.astimezone(timezone.utc) if parsed else None


# dateparser's period of a reading counted in weeks or coarser ("3 weeks ago", "il y a 2 mois",
# "vor einem Jahr"): such a text names no day ("3 weeks ago" is any day of a week), and reading it
# as the capture's clock that far back gave a plausible wrong date, with nothing to say so. No date
# is read (the post's error says so). A text that prints its year is an absolute date, read whole.
_DAY_UNKNOWN = frozenset({"week", "month", "year"})
# What the quick readings of "N units ago" answer for such a unit (:data:`_DAY_UNKNOWN`): no date.
_NO_DAY = object()
_UNITS_NAMING_NO_DAY = frozenset({"weeks", "months", "years"})


# A time of day as printed ("10:15", "16.02", "13h16"), in any script's digits; never a piece of a
# date ("15.05" of "15.05.2018"). A text that states its own zone or offset is left alone.
_TIME_PRINTED = re.compile(r"(?<![\d.:/-])(\d{1,2})\s*[:.h]\s*(\d{2})(?![\d:/-]|\.\d)")
_STATED_ZONE = re.compile(r"UTC|GMT|[+\-\u2212]\s*\d", re.I)


def prints_time_of_day(text: str) -> bool:
    """Whether ``text`` prints a time of day ("10:15", "16.02", "13h16", "12:00:00")."""
    return bool(_TIME_PRINTED.search(text) or _CLOCK_WITH_SECONDS.search(text))


_CLOCK_WITH_SECONDS = re.compile(r"(?<!\d)\d{1,2}:\d{2}:\d{2}(?!\d)")


def clock_agrees(text: str, local: datetime) -> bool:
    """Whether dateparser's reading (``local``: in the forum's zone) has a time of day the text
    prints, when it prints one. dateparser skips a time it cannot read ("8.١٥", mixed digits) and
    keeps the day: the base's clock, or midnight, came back as the post's time."""
    printed = _TIME_PRINTED.findall(text)
    if not printed or _STATED_ZONE.search(text):
        return True
    return any(int(hour) % 12 == local.hour % 12 and int(minute) == local.minute for hour, minute in printed)


# The words packs print before a time of day ("klo", "kl.", "um", "à", "at", ...), as a pattern.
TIME_WORDS = r"klo|kl\.?|um|à|alle|om|saat|в|at|às|a las|ob"
# A clock time printed with a dot after such a word: Finnish "Eilen klo 16.02", Danish and
# Norwegian "i går kl. 16.02", German "um 16.02". dateparser reads no time in it (the base's clock
# came back) and the forum clock read midnight. Never before another ".digit" (a date, "16.02.2018").
_DOTTED_CLOCK = re.compile(rf"(?i)(?<![^\W\d_])({TIME_WORDS})\s+([01]?\d|2[0-3])\.([0-5]\d)(?![\d.]|\.\d)")


def dotted_clock_as_colon(text: str) -> str:
    """``text`` with a dotted clock time after a time word ("klo 16.02") written "klo 16:02"."""
    return _DOTTED_CLOCK.sub(r"\1 \2:\3", text) if "." in text else text


# A post's number as a theme prints it beside the date ("#1 05 set 2018 10:44"): no date format has
# a "#", and dateparser reads the number as the month or the day when a word of the date is one it
# does not know (the month of a language not named).
_POST_COUNTER = re.compile(r"#\s*\d+")
# A four-digit year: the text is a whole date, whose day and month must be printed too. dateparser
# drops a word it cannot read ("maj", "set": a month in a language not named) and fills the month in
# from the base, a plausible wrong date: told to require the day, the month and the year, it says no.
PRINTED_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# A numeric date ("23.05.2016", "2016-05-23", "05/23/16"), and the half of the day.
_NUMERIC_DAY = re.compile(r"\d{1,4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{2,4}")
_HALF_DAY = re.compile(r"(?<![^\W\d_])[ap]\.?\s?m\.?(?![^\W\d_])", re.I)


def names_no_month(text: str) -> bool:
    """Whether a text names no month at all, in words or in a numeric date: "07, 2016 11:02 pm",
    what is left of a date whose month word a reader dropped. Given a year, dateparser finds a
    month in the numbers left (Hungarian: the day, 7 July) even told to require one."""
    if _NUMERIC_DAY.search(text):
        return False
    rest = _HALF_DAY.sub(" ", _TIME_PRINTED.sub(" ", text))
    return not any(character.isalpha() for character in rest)


# "5 minutes ago", "an hour ago", "3 wks ago": what dateparser reads as the base less that much
# (a month or a year as dateutil's relativedelta counts it), read here at about 1/70 of its cost.
_AGO = re.compile(r"(?P<count>\d{1,4}|an?|one) (?P<unit>sec|second|min|minute|hr|hour|day|wk|week|month|year)s? ago",
                  re.IGNORECASE)
_AGO_UNITS = {"sec": "seconds", "second": "seconds", "min": "minutes", "minute": "minutes", "hr": "hours",
              "hour": "hours", "day": "days", "wk": "weeks", "week": "weeks", "month": "months", "year": "years"}


def _time_ago(text: str, base: datetime) -> datetime | None:
    """``base`` less the time a plain English "N units ago" names (in UTC: the caller reads it in
    UTC, where dateparser's answer is the same subtraction), :data:`_NO_DAY` for weeks, months and
    years (no day named), or None for any other text.

    Why: forums print the dates of recent posts this way ("5 minutes ago" on IP.Board 3, XenForo,
    vBulletin), and dateparser costs two to three milliseconds to read one, more than the post.
    tests/test_parsers_dates.py checks the answers against dateparser's own."""
    match = _AGO.fullmatch(text)
    if match is None:
        return None
    count = match["count"].lower()
    amount = int(count) if count.isdigit() else 1
    unit = _AGO_UNITS[match["unit"].lower()]
    if unit in _UNITS_NAMING_NO_DAY:
        return _NO_DAY
    try:
        return (base - relativedelta(**{unit: amount})).astimezone(timezone.utc)
    except (OverflowError, ValueError):  # before year 1: left to dateparser
        return None


# "منذ 5 دقائق", "منذ دقيقتين", "قبل ساعة": Arabic packs' "N units ago". dateparser reads the plural
# with a number, but not a unit alone (one: "منذ ساعة"), the dual ("منذ ساعتين" on its own says two),
# weeks, months and years, nor phpBB's "منذ أقل من دقيقة" (less than a minute ago): such posts had no time.
_ARABIC_AGO_WORDS = ("منذ", "قبل")
_ARABIC_AGO = re.compile(r"(?:منذ|قبل) (?:(?P<less>اقل من) )?(?:(?P<count>\d{1,4}) )?(?P<unit>\w+)")
# Each unit's words: singular (one, or after a number of 11 and more), dual (two), plural (3 to 10).
_ARABIC_UNIT_WORDS = (("seconds", "ثانية", "ثانيتين ثانيتان", "ثوان ثواني"),
                      ("minutes", "دقيقة", "دقيقتين دقيقتان", "دقائق"),
                      ("hours", "ساعة", "ساعتين ساعتان", "ساعات"),
                      ("days", "يوم", "يومين يومان", "ايام"),
                      ("weeks", "اسبوع", "اسبوعين اسبوعان", "اسابيع"),
                      ("months", "شهر", "شهرين شهران", "اشهر شهور"),
                      ("years", "سنة عام", "سنتين سنتان عامين عامان", "سنوات سنين اعوام"))
# word -> (unit, how many it says alone: 1, 2, or None for a plural, which needs its number)
_ARABIC_UNITS = {word: (unit, alone) for unit, *forms in _ARABIC_UNIT_WORDS
                 for words, alone in zip(forms, (1, 2, None)) for word in words.split()}


def arabic_time_ago(text: str, base: datetime) -> datetime | None:
    """``base`` less the time an Arabic "N units ago" names (see :data:`_ARABIC_AGO`), in UTC, or
    None for any other text. A plural without its number says no amount: None. Weeks, months and
    years name no day: :data:`_NO_DAY`."""
    match = _ARABIC_AGO.fullmatch(text.translate(BARE_ALEFS))
    if match is None or match["unit"] not in _ARABIC_UNITS:
        return None
    unit, alone = _ARABIC_UNITS[match["unit"]]
    if match["less"]:
        return base.astimezone(timezone.utc) if match["count"] is None and unit in ("seconds", "minutes") else None
    amount = int(match["count"]) if match["count"] is not None else alone
    if amount is None:
        return None
    if unit in _UNITS_NAMING_NO_DAY:
        return _NO_DAY
    try:
        return (base - relativedelta(**{unit: amount})).astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None


# A month's name between a day and a two-digit year, "16-Jun-20" (Mumsnet's "Tue 16-Jun-20 16:12:14"):
# the day first, as every board and site that prints it means. Read in a language whose own order is
# year first (Swedish, Hungarian, Lithuanian), dateparser took 20 June 2016.
_DAY_MONTH_NAME_SHORT_YEAR = re.compile(r"(?<![\d.:/-])\d{1,2}[-/. ]+[^\W\d_]{3,}\.?[-/. ]+\d{2}(?![\d.:/-])")


def _read_with_dateparser(text: str, languages: tuple[str, ...], local_base: datetime, timezone_name: str,
                          whole_date: bool = False, day_first: bool = False):
    """What ``dateparser.parse(text, languages=..., settings=...)`` returns, with the period
    dateparser read it to ("day", "week", "month", "year"), from a parser kept for
    the page: ``dateparser.parse`` builds a new ``DateDataParser`` (its languages' data, its
    settings) on every call, half of a call's milliseconds, and a page's dates share all of it."""
    for language in languages:
        # One language at a time, the page's first: given several at once, dateparser may read a word
        # of the first as a zone of the next ("16 Mart 2018, 11:45" with Turkish and English: "Mart"
        # the Marquesas' zone, 21:15 in December).
        data = _date_data_parser((language,), local_base, timezone_name, whole_date, day_first).get_date_data(text)
        if data and data["date_obj"] is not None:
            return data["date_obj"], data["period"]
    return None, None


@lru_cache(maxsize=16)
def _date_data_parser(languages: tuple[str, ...], local_base: datetime, timezone_name: str,
                      whole_date: bool = False, day_first: bool = False) -> DateDataParser:
    """One parser per (languages, base, zone): the same for every date of one page. ``whole_date``:
    the text prints a year, so its day and month must be read from it too, never filled in.
    ``day_first``: the day before the month whatever the language's own order."""
    settings = {
        "RELATIVE_BASE": local_base,
        "TIMEZONE": timezone_name,
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DATES_FROM": "past",
    }
    if whole_date:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    if day_first:
        settings["DATE_ORDER"] = "DMY"
    return DateDataParser(languages=list(languages), settings=settings)


# Absolute dates as forums and news sites most often print them, read with strptime before
# dateparser, which costs a few milliseconds a call (and every page has dozens of dates).
_ZONE_ABBREVIATIONS = {
    "UTC": "UTC", "GMT": "UTC", "Z": "UTC", "ET": "America/New_York", "EST": "America/New_York",
    "EDT": "America/New_York", "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "MT": "America/Denver", "PT": "America/Los_Angeles", "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles", "BST": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris",
    "AST": "Asia/Riyadh",
}
_ANY_LANGUAGE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
_ENGLISH_FORMATS = (
    "%B %d, %Y %I:%M %p", "%B %d, %Y %I:%M%p", "%B %d, %Y", "%b %d, %Y %I:%M %p", "%b %d, %Y %I:%M%p",
    "%b %d, %Y", "%A, %B %d, %Y %I:%M %p", "%A, %B %d, %Y", "%d %B %Y", "%d %B, %Y", "%d %B %Y %H:%M",
    "%m/%d/%Y %I:%M %p", "%m/%d/%Y",
)


# A format that opens with a number ("%Y", "%m", "%d") cannot match a text that opens with a
# letter, nor one that opens with a name ("%B", "%b", "%A") a text that opens with a digit: each
# failed strptime costs a few microseconds and a raised error, and most texts fail most formats.
_OPENS_WITH_NAME = ("%B", "%b", "%A")


def _common_format(text: str, languages: list[str] | None) -> datetime | None:
    english = not languages or "en" in languages
    first = text[:1]
    for pattern in _ANY_LANGUAGE_FORMATS + (_ENGLISH_FORMATS if english else ()):
        if (first.isalpha() if not pattern.startswith(_OPENS_WITH_NAME) else first.isdecimal()):
            continue
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


# Dates in English that news pages write in their metadata and bylines ("20 Nov 2019 08:00",
# "Wed Nov 20 2019 08:00:58", "Mon, 18 Nov 2019 16:07:38", "Nov 19, 2019, 10:31 pm",
# "01:38:07 PM Nov 20, 2019"): a named month, a day and a four-digit year, and perhaps a time of day.
_MONTH_NUMBERS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_WEEKDAY_NUMBERS = {name: number for number, names in enumerate(
    [("mon", "monday"), ("tue", "tuesday"), ("wed", "wednesday"), ("thu", "thursday"), ("fri", "friday"),
     ("sat", "saturday"), ("sun", "sunday")]) for name in names}
_WORD_WEEKDAY = r"(?:(?P<weekday>[a-z]{3,9}),? )?"
_WORD_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?: ?(?P<meridiem>[ap]m))?"
_WORD_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WORD_DATES = [re.compile(pattern, re.ASCII | re.IGNORECASE) for pattern in (
    rf"{_WORD_WEEKDAY}(?P<day>\d{{1,2}}) (?P<month>[a-z]{{3,9}}) {_WORD_YEAR}(?:,? {_WORD_TIME})?",
    rf"{_WORD_WEEKDAY}(?P<month>[a-z]{{3,9}}) (?P<day>\d{{1,2}}),? {_WORD_YEAR}(?:,? {_WORD_TIME})?",
    rf"{_WORD_TIME} (?P<month>[a-z]{{3,9}}) (?P<day>\d{{1,2}}), {_WORD_YEAR}",
)]


def english_wall_clock(text: str) -> datetime | None:
    """The naive date and time of day of an English date in one of a few exact shapes (above),
    or None for anything else, which the caller leaves to dateparser.

    Why: dateparser costs 1 to 7 ms to read one of these (more for the first date of a page, as
    it builds its reader), and a news page's metadata holds several; this reads them in
    microseconds. It answers only where dateparser's answer is certain: English month and weekday
    names (a weekday that does not fit the date, an hour of 0 or over 12 beside am/pm, a day the
    month lacks: dateparser decides), no zone (the callers take it off first), years 1900 to 2099.
    tests/test_parsers_dates.py checks it against dateparser on every date of this shape the saved
    news pages and the news benchmark give, and on a grid of made-up ones."""
    match = next((m for m in (p.fullmatch(text) for p in _WORD_DATES) if m), None)
    if match is None:
        return None
    month = _MONTH_NUMBERS.get(match["month"].lower())
    hour, meridiem = int(match["hour"] or 0), (match["meridiem"] or "").lower()
    if month is None or (meridiem and not 1 <= hour <= 12):
        return None
    if meridiem:
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    try:
        found = datetime(int(match["year"]), month, int(match["day"]), hour, int(match["minute"] or 0),
                         int(match["second"] or 0))
    except ValueError:
        return None
    weekday = match.groupdict().get("weekday")
    if weekday is not None and _WEEKDAY_NUMBERS.get(weekday.lower()) != found.weekday():
        return None
    return found


def _english_only(languages: list[str] | None) -> bool:
    """Whether a date is read as English alone (no language named means English, as dateparser is
    then asked in English): the only reading :func:`english_wall_clock` knows."""
    return not languages or list(languages) == ["en"]


def split_ips_citation(citation: str) -> tuple[str | None, str | None]:
    """("6 hours ago", "coorslite21") from "6 hours ago, coorslite21 said:"; (None, None) if unlike it."""
    match = _IPS_CITATION.match(citation or "")
    if not match:
        return None, None
    return match.group("when").strip(), match.group("who").strip()


# --- News dates: the page's own wall clock and offset ------------------------------------------
# Zone abbreviations news pages print, with every offset each one stands for (standard meaning
# first). "IST" is India, Israel or Ireland, "CST" US Central or China: an ambiguous one is read
# with the offset the page's machine-readable times carry when that is one of its meanings.
# Zones with summer time are named, so the offset is the one in force on the printed day.
_NEWS_ZONES: dict[str, tuple[str, ...]] = {
    "UTC": ("+00:00",), "GMT": ("+00:00",), "Z": ("+00:00",),
    "ET": ("America/New_York",), "EST": ("-05:00",), "EDT": ("-04:00",),
    "CT": ("America/Chicago",), "CST": ("-06:00", "+08:00"), "CDT": ("-05:00",),
    "MT": ("America/Denver",), "MST": ("-07:00",), "MDT": ("-06:00",),
    "PT": ("America/Los_Angeles",), "PST": ("-08:00",), "PDT": ("-07:00",),
    "BST": ("+01:00", "+06:00"), "IST": ("+05:30", "+02:00", "+01:00"), "CET": ("+01:00",),
    "CEST": ("+02:00",), "EET": ("+02:00",), "EEST": ("+03:00",), "MSK": ("+03:00",),
    "AST": ("+03:00", "-04:00"), "GST": ("+04:00",), "PKT": ("+05:00",), "WIB": ("+07:00",),
    "SGT": ("+08:00",), "HKT": ("+08:00",), "JST": ("+09:00",), "KST": ("+09:00",),
    "AEST": ("+10:00",), "AEDT": ("+11:00",), "NZST": ("+12:00",), "NZDT": ("+13:00",),
    "SAST": ("+02:00",), "WAT": ("+01:00",), "EAT": ("+03:00",),
}
# A zone's name may follow the clock's digits with no space ("2016-12-13T15:45:00CST", the
# Chicago Tribune's <time datetime>: read as UTC it was 6 hours early, silently).
_ZONE_TOKEN = re.compile(
    r"(?:(?<![^\W\d+-])(?P<name>[A-Z]{2,5}|Z)(?:\s*(?P<sign1>[+-])(?P<h1>\d{1,2}):?(?P<m1>\d{2})?)?"
    r"|(?<![\w+-])(?P<sign2>[+-])(?P<h2>\d{2}):?(?P<m2>\d{2}))(?![\w:])")
_MERIDIEM = re.compile(r"\b([ap])\.\s?m\.?(?!\w)", re.I)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.I)
# A printed time of day: "11:08", "14h05", "3 pm", "19時23分" (Chinese, Japanese), "19시 23분" (Korean).
_PRINTED_CLOCK = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}(?!\d)|\d\s*[ap]\.?m\b|\d{1,2}\s*[時时시]\s*\d{1,2}\s*[分분]", re.I)
# "November 29, 2016: 3:33 AM ET" (CNN): a colon between the year and the time of day, which no
# format reads (the page's date was then the day alone, from its address).
_YEAR_COLON = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*:\s+(?=\d{1,2}\s*[:h]\s*\d{2})")


def parse_news_date(text: str | None, base: datetime, languages: list[str] | None = None,
                    page_offsets: tuple = ()) -> datetime | None:
    """A date a news page writes as text ("01:38:07 PM IST Nov 20, 2019", "November 19, 2019",
    "Monday, November 18th, 2019 at 11:08 a.m.", "30. Juli 2018"), in the offset it names.

    The wall clock printed is kept, with the offset of the zone written beside it ("GMT+0000",
    "+0530", "EST"; an ambiguous abbreviation, "IST", takes the one of ``page_offsets`` it can
    stand for, else its usual meaning); with no zone written the time is UTC. A day, a month and
    a year must all be printed ("13 Aug" alone is not a date). ``languages`` are given to
    dateparser, which reads the text only when the common English and ISO formats do not fit
    (every locale would cost ~80 ms a call). None when nothing in the text is such a date.
    """
    if not text or not isinstance(text, str) or base is None or len(text) > 120:
        return None
    plain = _ORDINAL.sub(r"\1", _MERIDIEM.sub(r"\1m", _YEAR_COLON.sub(r"\1 ", " ".join(text.split()))))
    offset: tzinfo = timezone.utc
    # The first zone written: a word in capitals that is no zone ("AT", "NEWS") is left to the date.
    zone = next((m for m in _ZONE_TOKEN.finditer(plain) if m.group("name") in _NEWS_ZONES or m.group("sign2")), None)
    if zone is not None:
        offset = _zone_offset(zone, page_offsets)
        plain = " ".join((plain[:zone.start()] + " " + plain[zone.end():]).split())
    plain = " ".join(re.sub(r"\b(?:at|um|à|a las|alle)\b|--|[|]", " ", plain).split()).strip(" ,-")
    wall = _common_format(plain, languages)
    if wall is None and _english_only(languages):
        wall = english_wall_clock(plain)
    if wall is None:
        settings = {"RELATIVE_BASE": base.replace(tzinfo=None), "PREFER_DATES_FROM": "past",
                    "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
        try:
            wall = dateparser.parse(plain, languages=languages or ["en"], settings=settings)
        except ValueError:  # a language dateparser does not know
            wall = dateparser.parse(plain, languages=["en"], settings=settings)
    if wall is None:
        return None
    return wall.replace(tzinfo=offset)


def names_a_zone(text: str | None) -> bool:
    """Whether a written time says which zone its wall clock is in: an ISO offset or "Z"
    ("2019-11-19T10:32:00-05:00"), or a zone's name or offset as :func:`parse_news_date` reads
    them ("7:47 PM EST", "GMT+0000", "+0530"), or one of the zone names dateparser reads ("11:28
    AMT", converted to UTC as it read it). A time that names none was read as UTC, a guess."""
    if not isinstance(text, str):
        return False
    iso = parse_iso_keep_offset(text, naive_offset=None)
    if iso is not None:
        return iso.tzinfo is not None
    if any(match.group("name") in _NEWS_ZONES or match.group("sign2") for match in _ZONE_TOKEN.finditer(text)):
        return True
    return pop_tz_offset_from_string(text)[1] is not None


def has_clock(text: str | None) -> bool:
    """Whether a written date gives a time of day ("11:08 a.m.", "T23:06", "14h05"), not a day only.
    A time of exactly midnight is taken as a day written as a timestamp ("2019-11-19T00:00:00")."""
    if not isinstance(text, str):
        return False
    clock = _PRINTED_CLOCK.search(text[10:] if re.match(r"\d{4}-\d{2}-\d{2}", text.strip()) else text)
    return clock is not None and not re.fullmatch(r"0?0\s*[:h]\s*00", clock.group(0))


def _zone_offset(match: re.Match, page_offsets: tuple) -> tzinfo:
    sign, hours, minutes = (match.group("sign1"), match.group("h1"), match.group("m1")) if match.group("name") \
        else (match.group("sign2"), match.group("h2"), match.group("m2"))
    name = match.group("name")
    if sign:  # "GMT+0000", "+0530", "UTC-5"
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        return timezone(-delta if sign == "-" else delta)
    meanings = _NEWS_ZONES[name]
    fixed = [timezone(_offset_delta(m)) for m in meanings if m[0] in "+-"]
    for known in page_offsets:
        if known in {f.utcoffset(None) for f in fixed}:
            return timezone(known)
    return ZoneInfo(meanings[0]) if meanings[0][0] not in "+-" else fixed[0]


def _offset_delta(text: str) -> timedelta:
    hours, minutes = text[1:].split(":")
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    return -delta if text[0] == "-" else delta
