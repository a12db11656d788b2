"""The one reader of the dates forum pages print, shared by every engine that prints dates as text.

Why a reader of its own rather than :func:`parsers.dates.parse_text_date` on every date:
dateparser costs one to two milliseconds a call, more than parsing a whole post, and a page prints
dozens of dates. :class:`ForumClock` reads the common shapes by regular expression and hands only
the rest (other languages' words, "5 minutes ago") to dateparser.

What it holds for a page: the zone the forum prints its times in (a ``ZoneInfo``, or a fixed
offset stated in the footer), the page's language, the capture time ("Today" and "3 hours ago"
are read against it, never against the machine's clock) and whether numeric dates such as
"05-06-2019" are day first (as the page's own dates prove, see :meth:`ForumClock.learn_order`,
else as the language writes them: month first for "en" and "en-us", day first otherwise).

Two readings of the text, chosen with ``labelled``:

- a bare date (phpBB, MyBB print the date alone in its own element): the whole text must be one of
  the common English and numeric shapes (:func:`_bare_date`), anything else goes to dateparser;
- a labelled date (vBulletin, SMF print it among words: "Posted Apr 11, 2020, 1:02 PM",
  "« Reply #3 on: Today at 10:15 »"): the date is searched for in the text, month names and
  "Today"/"Yesterday" in a dozen languages included (:func:`_date_among_words`).

They differ in small ways (hour checks, two-digit years, how dots settle day order) that decide
some printed dates one way or the other, so each engine keeps the reading its pages were
measured with.

A page that does not say which zone it prints its times in still gets them read (as UTC, or the
engine's default), but a board in UTC+3 then has every post three hours off with nothing to show
it: the engine builds its clock with no zone (``None``), and once the clock has read a printed
time (:attr:`ForumClock.read_unzoned`) the page's errors get :data:`UNSTATED_ZONE_ERROR`, the same
words for every engine. Times read from ISO datetimes or Unix timestamps never pass through here.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from .dates import TIME_WORDS, dotted_clock_as_colon, parse_text_date, prints_time_of_day
from .levant_months import holds_arabic_letters, levant_months_as_read

UTC = timezone.utc

ENGLISH_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}

# Month names as vBulletin and SMF language packs print them.
MONTHS = {name: number for number, names in enumerate((
    "january jan janvier janv januar jän jänner enero gennaio januari",
    "february feb février févr fevrier februar febrero febbraio februari",
    "march mar mars märz maerz marzo maart",
    "april apr avril abril aprile",
    "may mai mayo maggio mei",
    "june jun juin juni junio giugno",
    "july jul juillet juil juli julio luglio",
    "august aug août aout agosto augustus",
    "september sep sept septembre septiembre settembre",
    "october oct octobre oktober okt octubre ottobre",
    "november nov novembre noviembre",
    "december dec décembre déc decembre dezember dez diciembre dicembre"), start=1) for name in names.split()}
# Arabic packs print the Egyptian/Gulf names (Syriac ones are put so first, parsers.levant_months).
MONTHS.update({name: number for number, names in enumerate((
    "يناير", "فبراير", "مارس", "ابريل أبريل إبريل", "مايو", "يونيو يونيه", "يوليو يوليه", "اغسطس أغسطس",
    "سبتمبر", "اكتوبر أكتوبر", "نوفمبر", "ديسمبر"), start=1) for name in names.split()})

# Words for "today" and "yesterday" as vBulletin and SMF language packs print them.
_RELATIVE_DAYS = (
    ("aujourd'hui", 0), ("aujourd\u2019hui", 0), ("today", 0), ("heute", 0), ("hoy", 0), ("oggi", 0),
    ("vandaag", 0), ("hoje", 0), ("idag", 0), ("i dag", 0), ("dzisiaj", 0), ("сегодня", 0), ("bugün", 0),
    ("yesterday", 1), ("gestern", 1), ("ayer", 1), ("ieri", 1), ("gisteren", 1), ("ontem", 1), ("igår", 1),
    ("i går", 1), ("wczoraj", 1), ("вчера", 1), ("dün", 1), ("hier", 1),
    # Arabic (with and without the hamza most people leave out) and Persian.
    ("اليوم", 0), ("امروز", 0), ("أمس", 1), ("امس", 1), ("دیروز", 1),
    # Romanian, Czech and Slovak, Hungarian, Finnish, Greek, Bulgarian, Ukrainian, Vietnamese.
    ("astăzi", 0), ("dnes", 0), ("tänään", 0), ("σήμερα", 0), ("днес", 0), ("сьогодні", 0), ("hôm nay", 0),
    ("včera", 1), ("tegnap", 1), ("eilen", 1), ("χθες", 1), ("вчора", 1), ("hôm qua", 1),
    # Chinese, Japanese, Korean, Hebrew, Indonesian: read on a page whose lang is missing or "en" too.
    ("今天", 0), ("今日", 0), ("오늘", 0), ("היום", 0), ("hari ini", 0),
    ("昨天", 1), ("昨日", 1), ("어제", 1), ("אתמול", 1), ("kemarin", 1),
)


def hour_of_day(hour: int, meridiem: str) -> int | None:
    """The 24-hour hour of a 12-hour clock reading ("am"/"pm"; "" for a 24-hour one); None for an
    hour a 12-hour clock cannot show ("13 pm", "0 am")."""
    if not meridiem:
        return hour
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if meridiem == "pm" else 0)


def offset_zone(sign: str, hours: str, fraction: str | None = None, in_minutes: bool = False) -> tzinfo | None:
    """The fixed zone of a UTC offset a footer prints ("GMT + 5.5", "GMT+5:30"): ``fraction`` is a
    fraction of an hour ("5" of "5.5", "75" of "5.75"), or minutes with ``in_minutes`` ("30" of
    "5:30"); a minus sign ("-", "\u2212") is west. UTC for a zero offset; None for one no zone
    has (see :func:`a_zone_has`)."""
    minutes = int(hours) * 60
    if fraction:
        minutes += int(fraction) if in_minutes else round(float("0." + fraction) * 60)
    minutes = -minutes if sign in ("-", "\u2212") else minutes
    if not a_zone_has(minutes):
        return None
    if not minutes:
        return UTC
    return timezone(timedelta(minutes=minutes))


def a_zone_has(minutes: int) -> bool:
    """Whether some time zone is ``minutes`` from UTC (-12 h to +14 h). A footer's "GMT +8" with a
    stray digit after it ("GMT +80", a page decoded in the wrong charset) is no zone: read as one,
    it gave every time of the page 80 hours off, or ``timezone`` refused it (past a day) and the
    parse failed."""
    return -12 * 60 <= minutes <= 14 * 60


# The note a page's ``errors`` gets when its printed times were read in a zone the page never named:
# every one of them may be hours off, and nothing else would say so.
UNSTATED_ZONE_ERROR = "printed times read as UTC: the page does not say which zone it prints them in"


def unstated_zone_error(detail: str) -> str:
    """:data:`UNSTATED_ZONE_ERROR` with what an engine knows of the zone its pages print (the
    viewer's, the board's default): the note starts the same for every engine, so it reads as one."""
    return f"{UNSTATED_ZONE_ERROR} ({detail})"


# The printed dates the current parse read as counted in days ("2 days ago", "vor 3 Tagen",
# "Yesterday" with no time): their day is read, their time of day is the capture's, which the page
# does not print. Collected while :func:`day_counted_dates` runs (parsers.registry, around each parse).
_day_counted: ContextVar[set | None] = ContextVar("day_counted", default=None)


@contextmanager
def day_counted_dates():
    """Collect, into the set it yields, the printed dates read as counted in days while it runs."""
    token = _day_counted.set(set())
    try:
        yield _day_counted.get()
    finally:
        _day_counted.reset(token)


def day_counted_error(texts: set) -> str:
    """The page's note for the dates :func:`day_counted_dates` collected."""
    example = sorted(texts, key=lambda text: (len(text), text))[0]
    return (f"{len(texts)} printed date(s) counted in days with no time of day (\"{example[:40]}\"): read as that"
            " day at the capture's time of day, which the page does not print")


class ForumClock:
    """Reads the dates a page prints into UTC: in its zone, its language, against the capture time.

    ``zone`` is a ``ZoneInfo`` or a fixed-offset ``timezone``; ``language`` the page's
    ``<html lang>`` ("en-gb" or "en"); ``labelled`` picks the reading (see the module docstring).

    ``zone`` None says the page never named its zone: times are read as UTC, :attr:`read_unzoned`
    turns True once a printed time is read, and the engine adds :data:`UNSTATED_ZONE_ERROR` to the
    page's errors, since every such time may be hours off with nothing else to show it.
    """

    def __init__(self, captured_at: datetime, zone: tzinfo | None = UTC, language: str | None = None,
                 labelled: bool = False) -> None:
        self.zone = zone or UTC
        self.zone_stated = zone is not None
        self.read_unzoned = False
        self.labelled = labelled
        # Syriac month names are read on pages in Arabic or in no named language (see _read_local).
        self.reads_levant_months = language is None or language.lower().split("-")[0].split("_")[0] == "ar"
        self.language = (language or "en").lower()
        self.primary = self.language.split("-")[0].split("_")[0]
        self.languages = [self.primary] if self.primary == "en" else [self.primary, "en"]
        self.day_first = self.language not in ("en", "en-us")
        # The capture time as the forum's clock showed it: what relative dates are read against.
        self.local_now = captured_at.astimezone(self.zone).replace(tzinfo=None)
        self._dateparser_base = self.local_now.replace(tzinfo=UTC)
        # What each printed date read as, by (text, day_first): a page prints many of its times
        # more than once (a quote's header repeats the quoted post's time, posts share a minute).
        self._walls: dict[tuple[str | None, bool], datetime | None] = {}

    def learn_order(self, texts) -> None:
        """Settle day/month order from the page's numeric dates, if one of them shows it."""
        found = _order_among_words(texts, self.local_now.date()) if self.labelled else _bare_order(texts)
        if found is not None:
            self.day_first = found

    def read(self, text: str | None) -> datetime | None:
        """The UTC time of a printed date, or None when it does not read as one."""
        wall = self.local(text)
        if wall is None:
            return None
        if not self.zone_stated:
            self.read_unzoned = True
        return wall.replace(tzinfo=self.zone).astimezone(UTC)

    def local(self, text: str | None) -> datetime | None:
        """A printed date as the naive wall-clock time the page showed, or None. Each text is read
        once a page for each day/month order (MyBB settles the order after its first dates)."""
        key = (text, self.day_first)
        if key not in self._walls:
            self._walls[key] = wall = self._read_local(text)
            if wall is not None and self._counted_in_days(wall, text):
                collected = _day_counted.get()
                if collected is not None:
                    collected.add(" ".join(text.split()))
        return self._walls[key]

    def _counted_in_days(self, wall: datetime, text: str) -> bool:
        """Whether ``wall`` is what a date counted in days reads as: another day than the capture's,
        at the capture's time of day to the second, from a text that prints no time of day (a
        capture at midnight proves nothing: a date without a time reads as midnight too)."""
        now = self.local_now
        return (wall.time() == now.time() and wall.date() != now.date() and now.time() != time(0)
                and not prints_time_of_day(text))

    def _read_local(self, text: str | None) -> datetime | None:
        languages = self.languages
        text = dotted_clock_as_colon(text) if text else text
        if text and self.reads_levant_months and holds_arabic_letters(text):
            # "15 أيار 2024 - 10:15 م" (an Iraqi or Levantine board) as dateparser reads it; and a
            # page that names no language but prints Arabic dates is read in Arabic too.
            text = levant_months_as_read(text)
            languages = ["ar", *languages] if "ar" not in languages else languages
        if self.labelled:
            text = " ".join(text.replace("|", " ").split()) if text else ""
            wall = _date_among_words(text, self.day_first, self.local_now, self.primary) if text else None
            if wall is TIME_NOT_READ:
                return None
        else:
            text = " ".join((text or "").split()).strip(" ,;|()[]\u00bb\u00ab")
            wall = _bare_date(text, self.day_first) if text else None
        if not text:
            return None
        if wall is None and self.primary == "fa":
            wall = jalali_date(text)
        if wall is None and not _POST_NUMBER.fullmatch(text) and not _YEAR_AND_TIME.fullmatch(text) \
                and not _STAND_INS.search(text):
            parsed = parse_text_date(text, self._dateparser_base, "UTC", languages)
            wall = parsed.replace(tzinfo=None) if parsed is not None and not _day_not_printed(text, parsed) else None
        # A year before any forum ran is another calendar's ("1390/12/21" is Persian solar, "1432/04/07"
        # Hijri) read as if it were Gregorian: no time rather than one six centuries off.
        return wall if wall is None or wall.year >= 1970 else None


# A post's number as its permalink prints it ("#661", "# 12"), which themes put in the boxes around
# the date: never a date, yet dateparser reads "#12" as a December and "#2019" as a year (and
# spends milliseconds on "#661" to say no), so it is never handed one. Nor a number alone ("1",
# "12."): a box a theme wraps around the post's counter holds only that, and dateparser read "1" as
# the 1st of the capture's month, a plausible wrong date. (Ten digits, a Unix time, are left to it.)
_POST_NUMBER = re.compile(r"#\s*\d+|\d{1,7}\.?")
# A year and a time of day and nothing else ("2026 17:04"): what is left of a date whose day and
# month were not read (a label-dropping reader took "27 Ago" for a label). dateparser fills in the
# missing day and month from the capture time, a plausible wrong date; no page prints a post's time so.
# A run of a decoder's stand-ins ("13 ??? 2010, 08:10": a page's bytes read in another charset than
# its own): dateparser drops the word it cannot read and fills the month in from the capture time,
# a plausible wrong date; no date is read from such a text, never a guess.
_STAND_INS = re.compile("[?\ufffd]{2,}")
_YEAR_AND_TIME = re.compile(r"(?:19|20)\d{2},?\s*(?:(?:at|@|-|\u2013)\s+)?\d{1,2}[:.h]\d{2}(?::\d{2})?"
                            r"\s*(?:[ap]\.?\s?m\.?)?", re.I)


_FULL_YEAR = re.compile(r"(?<!\d)(?:1[3-9]|20)\d{2}(?!\d)")
_SMALL_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_CLOCK_TIME = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?")


def _day_not_printed(text: str, parsed: datetime) -> bool:
    """Whether dateparser's reading of a dated text ("янв 2010, 09:05": a year printed) has a day
    the text does not print: dateparser fills a missing day in from the capture time, a plausible
    wrong date; a text with a year and no day is no post's time."""
    if not _FULL_YEAR.search(text):
        return False  # "Yesterday, 10:15", "Вчера": relative, their day is the capture's by right
    numbers = {int(number) for number in _SMALL_NUMBER.findall(_CLOCK_TIME.sub(" ", text))}
    return parsed.day not in numbers


# --- Bare dates (phpBB, MyBB) ------------------------------------------------------------------

_BARE_TIME = r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
_JOIN = r"(?:\s*,\s*|\s+)(?:(?:at|@|-|\u2013)\s+)?"
_WEEKDAY = r"(?:[A-Za-z]{2,9}\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_BARE_FORMS = (
    # "Sun Mar 06, 2016 5:45 am", "March 6th, 2016, 5:45 PM"
    re.compile(rf"^{_WEEKDAY}(?P<mon>[A-Za-z]{{3,9}})\.?\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})"
               rf"{_JOIN}{_BARE_TIME}$", re.I),
    # "17 Jul 2011 17:51", "Sat 01 Jun 2024, 10:00"
    re.compile(rf"^{_WEEKDAY}(?P<d>\d{{1,2}}){_ORDINAL}\.?\s+(?P<mon>[A-Za-z]{{3,9}})\.?,?\s+(?P<y>\d{{4}})"
               rf"{_JOIN}{_BARE_TIME}$", re.I),
    # "2019-02-23, 09:14 PM"
    re.compile(rf"^(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_JOIN}{_BARE_TIME}$", re.I),
    # "02-23-2019, 09:14 PM", "23.02.2019 21:14", "23/02/2019 9:14 pm", "03/14/10 07:21 PM": day/month
    # order from the page (a two-digit year last, as UBB and vBulletin's "m-d-y" print it: dateparser
    # reads "03/14/10" on a Swedish page as 14 October 2003); a pack's word before the time too
    # ("06-01-2024, klo 14.00": dateparser read it in Finnish day first, whatever the page's order)
    re.compile(rf"^(?P<a>\d{{1,2}})(?P<sep>[-./])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})"
               rf"(?:\s*,\s*|\s+)(?:(?:@|-|\u2013|{TIME_WORDS})\s+)?{_BARE_TIME}$", re.I),
)
_BARE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})([-./])(\d{1,2})\2(?:\d{4}|\d{2})(?!\d)")


def _bare_order(texts) -> bool | None:
    """Day first (True) or month first (False) as the first telling numeric date shows; dots mean day first."""
    for text in texts:
        for first, separator, second in _BARE_NUMERIC.findall(text or ""):
            if int(first) > 12 or separator == ".":
                return True
            if int(second) > 12:
                return False
    return None


def _bare_date(text: str, day_first: bool) -> datetime | None:
    """The wall-clock time of a text that is wholly one of the common shapes; None for anything else."""
    for form in _BARE_FORMS:
        match = form.match(text)
        if not match:
            continue
        fields = match.groupdict()
        if fields.get("mon") is not None:
            month = ENGLISH_MONTHS.get(fields["mon"].lower())
            if month is None:
                return None  # a month name in another language: dateparser's job
        elif fields.get("m") is not None:
            month = int(fields["m"])
        else:
            first, second = int(fields["a"]), int(fields["b"])
            first_is_day = first > 12 or (second <= 12 and (fields["sep"] == "." or day_first))
            month, fields["d"] = (second, first) if first_is_day else (first, second)
        ampm = (fields.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        hour = hour_of_day(int(fields["H"]), ampm)
        if hour is None:
            return None
        try:
            return datetime(_full_year(fields["y"]), month, int(fields["d"]), hour, int(fields["M"]),
                            int(fields.get("S") or 0))
        except ValueError:
            return None
    return None


# --- Dates among words (vBulletin, SMF) --------------------------------------------------------

# "06-03-2016", "06/03/2016", "06.03.2016", and "06. 03. 2016" (Czech, Slovak, Hungarian packs).
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,4})([-/]|\. ?)(\d{1,2})\2(\d{2,4})(?!\d)")
_MONTH_FIRST = re.compile(r"(?<![^\W\d_])([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([^\W\d_]{3,10})\.?,?\s+(\d{4})(?!\d)")
# The time of day, with its a.m./p.m. mark: English "AM"/"p.m.", or Arabic "ص"/"م" (vBulletin's
# Arabic packs print "10:15 م" for 22:15), Persian "ق.ظ"/"ب.ظ" and Greek "πμ"/"μμ" (el_GR's %p).
_TIME_OF_DAY = re.compile(r"(?<![\d:])(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*:\s*(\d{2}))?"
                          r"(?:\s*(?:([AaPp])\.?\s*[Mm]\.?|(\u0635|\u0645|\u0642\.\u0638|\u0628\.\u0638"
                          r"|[\u03c0\u03bc]\.?\s?\u03bc\.?))(?![^\W\d_]))?")
# The half of the day that Chinese, Japanese and Korean locales print BEFORE the clock (strftime's
# %p for zh_TW "下午 09:40", ja "午後 9:40", ko "오후 9:40"): read after it, it was 12 hours early.
_HALF_BEFORE = re.compile(r"(\u4e0a\u5348|\u4e0b\u5348|\u5348\u524d|\u5348\u5f8c|\uc624\uc804|\uc624\ud6c4)"
                          rf"\s*(?:(?:{TIME_WORDS})\s+)?$", re.IGNORECASE)
# What _date_among_words gives for a day whose printed time of day it could not read: no date,
# and not one for dateparser to guess either (it keeps the day and takes the base's clock).
TIME_NOT_READ = datetime.min
# Digits on both sides of a clock's separator, in any script: a time of day the text prints.
_CLOCK_LIKE = re.compile(r"\d\s*[:.h]\s*\d")
_AFTERNOON = {"\u0645": "p", "\u0628.\u0638": "p", "\u0635": "a", "\u0642.\u0638": "a"}
_HALF_OF_DAY = {"\u4e0a\u5348": "a", "\u4e0b\u5348": "p", "\u5348\u524d": "a", "\u5348\u5f8c": "p",
                "\uc624\uc804": "a", "\uc624\ud6c4": "p", "\u03c0\u03bc": "a", "\u03bc\u03bc": "p"}


def _in_day_half(hour: int, half: str) -> int:
    """A printed hour on the 24-hour clock, given its day half ("a", "p", or "" when none is
    printed): 10 p.m. is 22, 12 a.m. is 0; an hour already past 12 stays as printed."""
    if half == "p" and hour < 12:
        return hour + 12
    if half == "a" and hour == 12:
        return 0
    return hour


def _order_among_words(texts, today: date | None = None) -> bool | None:
    """Day first (True) or month first (False) from the texts' numeric dates (year-first dates say
    nothing; a dotted one is read day first anyway, so its order is not open): see
    :func:`order_of_numbers`."""
    return order_of_numbers(((int(first), int(second), _full_year(year), separator[0] != ".")
                             for text in texts for first, separator, second, year in _NUMERIC_DATE.findall(text or "")
                             if len(first) != 4), today)


def order_of_numbers(dates, today: date | None = None) -> bool | None:
    """Day first (True) or month first (False) from a page's numeric dates, given in page order as
    (first number, second number, year, whether its order is open): proven by a first number above
    12, disproved by a second one. Failing those, by a date whose order is open that one order puts
    after ``today`` (the capture's day, two days' slack for zones) and the other does not: no post
    is written after the page was saved ("06/03/2016" saved on 8 March 2016 is not 3 June)."""
    ambiguous = []
    for first, second, year, order_open in dates:
        if first > 12:
            return True
        if second > 12:
            return False
        if first != second and order_open:
            ambiguous.append((first, second, year))
    if today is not None:
        latest = today + timedelta(days=2)
        for first, second, year in ambiguous:
            day_first, month_first = _safe_date(year, second, first), _safe_date(year, first, second)
            if day_first and month_first and (day_first > latest) != (month_first > latest):
                return day_first <= latest  # the order that keeps it before the capture
    return None


def _date_among_words(text: str, day_first: bool, local_now: datetime, language: str) -> datetime | None:
    """The wall-clock time of the first date found in the text (and the time of day after it)."""
    day, rest = _day_among_words(text, day_first, local_now, language)
    if day is None:
        return None
    clock = _TIME_OF_DAY.search(rest)
    if clock is None and _CLOCK_LIKE.search(rest):
        return TIME_NOT_READ  # a time of day printed in a form not read ("8.١٥"): not the day's midnight
    hour = minute = second = 0
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        second = int(clock.group(3) or 0)
        half = clock.group(4) or _AFTERNOON.get(clock.group(5) or "", "")
        if not half and clock.group(5):
            half = _HALF_OF_DAY.get(clock.group(5).replace(".", "").replace(" ", ""), "")
        if not half:
            before = _HALF_BEFORE.search(rest, 0, clock.start())
            half = _HALF_OF_DAY[before.group(1)] if before else ""
        hour = _in_day_half(hour, half.lower())
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return None


def _day_among_words(text: str, day_first: bool, local_now: datetime, language: str) -> tuple[date | None, str]:
    """The day a text names, and the text left after it (where its time of day is)."""
    match = _NUMERIC_DATE.search(text)
    if match:
        first, separator, second, third = match.groups()
        if len(first) == 4:
            year, month, day = int(first), int(second), int(third)
        else:
            year = _full_year(third)
            # A number over 12 is the day whatever the page's order ("03/14/10" on a Swedish page).
            first_is_day = int(first) > 12 or (int(second) <= 12 and (separator[0] == "." or day_first))
            day, month = (int(first), int(second)) if first_is_day else (int(second), int(first))
        return _safe_date(year, month, day), text[:match.start()] + " " + text[match.end():]
    match = _MONTH_FIRST.search(text)
    if match and match.group(1).lower() in MONTHS:
        month = MONTHS[match.group(1).lower()]
        return _safe_date(int(match.group(3)), month, int(match.group(2))), text[match.end():]
    match = _DAY_FIRST.search(text)
    if match and match.group(2).lower() in MONTHS:
        month = MONTHS[match.group(2).lower()]
        return _safe_date(int(match.group(3)), month, int(match.group(1))), text[match.end():]
    lowered = text.lower()
    if not _A_LETTER.search(lowered):
        # Each word below holds a letter: a text of none ("#661", a permalink's words beside the
        # date) names no day, said in C instead of one search a word.
        return None, text
    for word, days_back in _RELATIVE_DAYS:
        position = lowered.find(word)
        end = position + len(word)
        # A whole word only: "eilen" is Finnish for yesterday, and also the end of German "Zeilen".
        if position >= 0 and (word != "hier" or language == "fr") and not (
                position and lowered[position - 1].isalpha() or end < len(lowered) and lowered[end].isalpha()):
            return (local_now - timedelta(days=days_back)).date(), text[end:]
    return None, text


_A_LETTER = re.compile(r"[^\W\d_]")


def _full_year(text: str) -> int:
    """A printed year: "09" is 2009, "98" is 1998."""
    year = int(text)
    if len(text) <= 2:
        year += 2000 if year < 70 else 1900
    return year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- Persian solar (Jalali) dates --------------------------------------------------------------

# The month names of the Persian solar calendar, which Persian language packs print instead of the
# Gregorian ones ("شنبه 19 اسفند 1396 17:27"): a name of its own, so such a date is in that calendar.
_JALALI_MONTHS = {name: number for number, name in enumerate((
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"), start=1)}
_JALALI = re.compile(r"(?<!\d)(\d{1,2})\s+([^\W\d_]+)\s+(1[34]\d{2})(?!\d)"
                     r"(?:[\s,\u060c]+(?:\D{0,8}?\s)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
# Persian and Arabic-Indic digits, and the Arabic letters ي and ك some packs type for Persian ی and ک.
_PERSIAN_PLAIN = str.maketrans("\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
                               "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u064a\u0643",
                               "01234567890123456789\u06cc\u06a9")


def jalali_date(text: str) -> datetime | None:
    """The Gregorian wall-clock time of a Persian solar date with its month's name and, when printed,
    its time ("ب.ظ" is p.m., "ق.ظ" a.m.); None for any other text."""
    plain = text.translate(_PERSIAN_PLAIN)
    match = _JALALI.search(plain)
    if not match or match.group(2) not in _JALALI_MONTHS:
        return None
    day, month, year = int(match.group(1)), _JALALI_MONTHS[match.group(2)], int(match.group(3))
    if not 1 <= day <= (31 if month <= 6 else 30):
        return None
    hour, minute, second = (int(match.group(4) or 0), int(match.group(5) or 0), int(match.group(6) or 0))
    after = plain[match.end():match.end() + 6]  # "ب.ظ" after noon, "ق.ظ" before it
    half = next((_AFTERNOON[mark] for mark in ("\u0628.\u0638", "\u0642.\u0638") if mark in after), "")
    hour = _in_day_half(hour, half)
    found = _safe_date(*_jalali_to_gregorian(year, month, day))
    if found is None or hour > 23 or minute > 59:
        return None
    return datetime(found.year, found.month, found.day, hour, minute, second)


def _jalali_to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int]:
    """The Gregorian day of a Persian solar one (the arithmetic of the calendar's 33-year cycles).

    Why not convertdate's ``persian.to_gregorian``: it finds each year's equinox astronomically,
    about 50 ms a date, more than a whole page's parse; on 504 dates of 1370 to 1409 AP (1991 to
    2031) both give the same day."""
    year += 1595
    days = -355668 + 365 * year + (year // 33) * 8 + ((year % 33) + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    gregorian = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gregorian += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gregorian += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gregorian += (days - 1) // 365
        days = (days - 1) % 365
    day_of_month = days + 1
    leap = (gregorian % 4 == 0 and gregorian % 100 != 0) or gregorian % 400 == 0
    for number, length in enumerate((31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1):
        if day_of_month <= length:
            return gregorian, number, day_of_month
        day_of_month -= length
    return gregorian, 12, 31
