"""What every date and address on a XenForo page is read against: the page's base, language and zone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from lxml import etree

from ..clock import ENGLISH_MONTHS, hour_of_day, order_of_numbers
from ..dates import PRINTED_YEAR, parse_text_date
from ..markup import language_tag
from ..zone_rules import zone_keeping_rules


# Language codes XenForo packs use that dateparser knows by another name (Norwegian Bokmål).
_LANGUAGE_ALIASES = {"no": "nb"}
_SERVER_TODAY = re.compile(r"serverTimeInfo\s*:\s*\{[^}]*?today\s*:\s*(\d+)", re.DOTALL)


class Context:
    """What every date and address on the page is read against."""

    def __init__(self, root, page, base: str, captured_at: datetime) -> None:
        self.base = base
        self.captured_at = captured_at
        self.root = root
        self.region = (language_tag(root) or "").replace("_", "-")
        self._day_first: bool | None = None  # the page's day/month order, learnt on first need
        lang = self.region.split("-")[0]
        self.language = lang if re.fullmatch(r"[a-z]{2,3}", lang) else "en"
        self.language = _LANGUAGE_ALIASES.get(self.language, self.language)
        shown = _server_offset(page.scripts)
        if shown is None and root.get("id") != "XF" and root.get("data-xf") is None:
            # (XenForo 1 only: XenForo 2 prints its times in <time>, each with its Unix time, and no
            # abbr.DateTime to walk the page for)
            shown = shown_offset(root)
        # The zone of the page's country that showed that offset then, with its summer time
        # (parsers.zone_rules), else the offset itself where it is whole hours (an Etc zone)
        zone = None
        if shown is not None:
            minutes, at = shown
            zone = zone_keeping_rules(timedelta(minutes=minutes), at, self.region) or (
                _zone_of_hours(minutes // 60) if minutes % 60 == 0 else None)
        self.zone_stated = zone is not None
        self.timezone = zone or "UTC"
        # A printed date was read without a stated zone (XF2 states none, XF1 its serverTimeInfo):
        # the page says so (ZONE_ERROR).
        self.read_unzoned = False
        # Titles with a clock time that could not be read, whose element gave only the day.
        self.unread_titles: list[str] = []

    def text_date(self, text: str | None) -> datetime | None:
        if not text:
            return None
        if not self.zone_stated:
            self.read_unzoned = True
        if self.language == "en":
            fast = _english_date(text, self.timezone)
            if fast is not None:
                return fast
        text = _DOTTED_DATE.sub(_dotted_as_iso, text) if "." in text else text
        if self.language == "en" and ("/" in text or "-" in text):
            text = self._slashed_day_first(text)
        return self._read(text) or self._without_connector(text)

    def _slashed_day_first(self, text: str) -> str:
        """``text`` with a numeric date whose day and month are both 12 or less ("05/03/2018")
        written as ISO when the page's dates are day first (:meth:`day_first`): dateparser, asked
        in English, reads it month first, which a British board or a pack that kept the English
        language code does not print (3 May for 5 March, silently)."""
        match = _SLASHED_DATE.search(text)
        if match is None or int(match.group(1)) > 12 or int(match.group(3)) > 12 or not self.day_first():
            return text
        day, month = int(match.group(1)), int(match.group(3))
        return f"{text[:match.start()]}{match.group(4)}-{month:02d}-{day:02d}{text[match.end():]}"

    def day_first(self) -> bool:
        """Whether the page's slashed dates are day first: shown by a date of the page whose first
        number is over 12 (or whose second is: month first); else by one that read month first
        would fall after the capture (no post is written after the page was saved); else by the
        region of ``<html lang>`` ("en-gb" and the other day-first English regions). Read once a
        page, from the DateTime titles and date strings."""
        if self._day_first is None:
            self._day_first = self._learn_day_first()
        return self._day_first

    def _learn_day_first(self) -> bool:
        dates = ((int(first), int(second), int(year), True) for value in _DATE_STRINGS(self.root)
                 for first, _separator, second, year in _SLASHED_DATE.findall(str(value)))
        found = order_of_numbers(dates, self.captured_at.date())
        return found if found is not None else self.region in _DAY_FIRST_ENGLISH

    def _read(self, text: str) -> datetime | None:
        """dateparser's reading in the page's language, else in English; one that names another year
        than the text prints is no reading ("15/05/2018 às 16h02" came back as the day before the
        capture)."""
        for languages in ([self.language], ["en"]) if self.language != "en" else (["en"],):
            try:
                parsed = parse_text_date(text, self.captured_at, self.timezone, languages)
            except (ValueError, KeyError):  # a language dateparser does not know
                parsed = None
            if parsed is not None and _year_agrees(text, parsed):
                return parsed
        return None

    def _without_connector(self, text: str) -> datetime | None:
        """The date again without the words its language's "{date} at {time}" phrase puts around
        the clock ("15 maj 2018 kl. 16:02", "15 Μαΐ 2018 στις 16:02", "15/05/2018 a las 16:02 hs"),
        which dateparser does not know for every language. Only words after the date's last number are
        dropped (its year), never a month name. Why: a XenForo 1 post older than a
        week has no Unix time, only this title, and without it the post's day alone was read (its
        midnight), silently."""
        match = _CLOCK_AFTER_WORDS.match(" ".join(text.split()))
        if match is None:
            return None
        clock = match.group(3).replace('h', ':')
        # A dropped word that is the locale's half of the day ("下午 4:02", "4:02 μμ") is kept as
        # "PM": dropped, the afternoon's time was read twelve hours early, silently.
        half = next((_DAY_HALF[word] for word in (match.group(2).split()[-1], match.group(4))
                     if word in _DAY_HALF), None)
        if half and not re.search(r"[AaPp]\.?[Mm]\.?$", clock):
            clock = f"{clock} {half}"
        return self._read(f"{match.group(1)} {clock}")


_DAY = timedelta(days=1)


def _year_agrees(text: str, parsed: datetime) -> bool:
    """Does the reading fall in a year the text prints (a day either side: the zone may move it
    across New Year)? A text without a four-digit year agrees with any reading."""
    years = {int(year) for year in PRINTED_YEAR.findall(text)}
    return not years or bool(years & {parsed.year, (parsed - _DAY).year, (parsed + _DAY).year})


# A date ending in its year (four digits, or two after a numeric day and month; perhaps a dot or
# comma after it), one to three words without digits, and a clock time ("16:02", "4:02 PM",
# "16h02"), perhaps with a short word for hours after it ("16:02 hs", "16:02 ч.").
_CLOCK_AFTER_WORDS = re.compile(r"^(.*(?:(?<!\d)(?:19|20)\d\d|\d[./-]\d\d)[.,]?) ((?:[^\s\d]+ ){1,3})"
                                r"(\d{1,2}[:.h]\d\d(?: ?[AaPp]\.?[Mm]\.?)?)(?: ([^\s\d]{1,4}))?$")
# The half of the day in the locales that print it in words, before the clock (Chinese, Japanese,
# Korean: strftime's %p) or after it (Greek "μμ", Arabic "م", Persian "ب.ظ").
_DAY_HALF = {"上午": "AM", "下午": "PM", "午前": "AM", "午後": "PM", "오전": "AM", "오후": "PM",
             "πμ": "AM", "μμ": "PM", "π.μ.": "AM", "μ.μ.": "PM", "\u0635": "AM", "\u0645": "PM",
             "\u0642.\u0638": "AM", "\u0628.\u0638": "PM"}


# A numeric date written with dots ("05.03.2018", "05. 03. 2018"): day first in every pack that
# prints one (German, Russian, Czech, Polish, Turkish, ...). dateparser reads it month first on a
# page whose lang is "en" or missing (a pack that kept the English language code): 3 May, silently.
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\. ?(\d{1,2})\. ?((?:19|20)\d\d)(?!\d)")


def _dotted_as_iso(match: re.Match) -> str:
    day, month = int(match.group(1)), int(match.group(2))
    return f"{match.group(3)}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else match.group(0)


# A numeric date with slashes or dashes and a four-digit year ("05/03/2018", "05-03-2018").
_SLASHED_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2((?:19|20)\d\d)(?!\d)")
# The dates a XenForo 1 page prints in full: span.DateTime's title, abbr.DateTime's date string.
# Every title and data-datestring of the page, not only those of ``.DateTime`` elements: a post whose
# theme renamed that class still prints its dates there, and the one date that proves the page's
# order may be in it (a restyled post's edit time "07/02/2024"; without it, the other posts' dates
# were read month first, silently).
_DATE_STRINGS = etree.XPath("//@*[name()='title' or name()='data-datestring'][contains(., '/')]")
# English regions that write the day first.
_DAY_FIRST_ENGLISH = frozenset({"en-gb", "en-au", "en-nz", "en-ie", "en-za", "en-in"})


_ENGLISH_DATE = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})(?:,? at (\d{1,2}):(\d\d)(?: ?([AaPp][Mm]))?)?$")


def _english_date(text: str, timezone_name: str) -> datetime | None:
    """XenForo's default English format ("May 15, 2018 at 4:02 PM") without dateparser, which costs
    a millisecond or more per date; anything else (relative days, other formats) returns None."""
    match = _ENGLISH_DATE.match(" ".join(text.split()))
    month = ENGLISH_MONTHS.get(match.group(1).lower()) if match else None
    if month is None:
        return None
    hour, minute = hour_of_day(int(match.group(4) or 0), (match.group(6) or "").lower()), int(match.group(5) or 0)
    if hour is None:
        return None
    try:
        local = datetime(int(match.group(3)), month, int(match.group(2)), hour, minute, tzinfo=ZoneInfo(timezone_name))
    except ValueError:
        return None
    return local.astimezone(timezone.utc)


# The clock a recent time's element prints beside its Unix time: "11:18", "9:15 PM".
_SHOWN_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*(?:([AaPp])\.?[Mm]\.?)?\s*$")


def shown_offset(root) -> tuple[int, datetime] | None:
    """(minutes east of UTC, when) of XenForo 1's recent times' elements, each of which gives the
    time twice: ``abbr.DateTime[data-time]`` (Unix) and ``data-timestring`` (the clock it prints,
    "11:18"). The offset is the printed clock less the Unix time's, the same for every such
    element; None when there is no such element or they disagree.

    Why: the zone is otherwise read from the page's ``serverTimeInfo`` script, which a copy saved
    without its scripts has lost (a public corpus's copy of musiker-board): the older posts, their
    times only printed ("21.04.20 um 10:58 Uhr"), were read as UTC, two hours late, while the
    recent ones beside them said the board prints UTC+2."""
    offsets, latest = set(), None
    for node in root.iter("abbr"):
        unix, shown = (node.get("data-time") or "").strip(), node.get("data-timestring")
        match = _SHOWN_CLOCK.match(shown or "")
        if not unix.isdigit() or match is None:
            continue
        hour, minute = int(match.group(1)), int(match.group(2))
        if match.group(3):
            hour = hour % 12 + (12 if match.group(3) in "Pp" else 0)
        at = datetime.fromtimestamp(int(unix), timezone.utc)
        offsets.add(((hour * 60 + minute) - (at.hour * 60 + at.minute)) % 1440)
        latest = at if latest is None or at > latest else latest
    if len(offsets) != 1:
        return None
    minutes = offsets.pop()
    return (minutes - 1440 if minutes > 14 * 60 else minutes), latest


def _zone_of_hours(hours: int) -> str:
    """The IANA name of a whole-hour offset east of UTC (POSIX sign: Etc/GMT-1 is one hour ahead)."""
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def _server_offset(scripts: list[str]) -> tuple[int, datetime] | None:
    """(minutes east of UTC, when): XenForo 1 prints dates in the forum's zone, and
    ``serverTimeInfo.today`` (local midnight, Unix) gives its offset on the day of capture."""
    for text in scripts:
        match = _SERVER_TODAY.search(text)
        if match:
            seconds = -(int(match.group(1)) % 86400)
            if seconds < -12 * 3600:
                seconds += 86400
            return seconds // 60, datetime.fromtimestamp(int(match.group(1)), timezone.utc)
    return None
