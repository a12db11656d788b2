"""What every date and address on a XenForo page is read against: the page's base, language and zone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from ..clock import ENGLISH_MONTHS, hour_of_day
from ..dates import parse_text_date


# Language codes XenForo packs use that dateparser knows by another name (Norwegian Bokmål).
_LANGUAGE_ALIASES = {"no": "nb"}
_SERVER_TODAY = re.compile(r"serverTimeInfo\s*:\s*\{[^}]*?today\s*:\s*(\d+)", re.DOTALL)


class Context:
    """What every date and address on the page is read against."""

    def __init__(self, root, page, base: str, captured_at: datetime) -> None:
        self.base = base
        self.captured_at = captured_at
        lang = (root.get("lang") or "").split("-")[0].lower()
        self.language = lang if re.fullmatch(r"[a-z]{2,3}", lang) else "en"
        self.language = _LANGUAGE_ALIASES.get(self.language, self.language)
        self.timezone = _server_timezone(page.scripts)
        self.zone_stated = any(_SERVER_TODAY.search(text) for text in page.scripts)
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
        return self._read(text) or self._without_connector(text)

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
        return self._read(f"{match.group(1)} {match.group(2).replace('h', ':')}")


_DAY = timedelta(days=1)
_FULL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _year_agrees(text: str, parsed: datetime) -> bool:
    """Does the reading fall in a year the text prints (a day either side: the zone may move it
    across New Year)? A text without a four-digit year agrees with any reading."""
    years = {int(year) for year in _FULL_YEAR.findall(text)}
    return not years or bool(years & {parsed.year, (parsed - _DAY).year, (parsed + _DAY).year})


# A date ending in its year (four digits, or two after a numeric day and month; perhaps a dot or
# comma after it), one to three words without digits, and a clock time ("16:02", "4:02 PM",
# "16h02"), perhaps with a short word for hours after it ("16:02 hs", "16:02 ч.").
_CLOCK_AFTER_WORDS = re.compile(r"^(.*(?:(?<!\d)(?:19|20)\d\d|\d[./-]\d\d)[.,]?) (?:[^\s\d]+ ){1,3}"
                                r"(\d{1,2}[:.h]\d\d(?: ?[AaPp]\.?[Mm]\.?)?)(?: [^\s\d]{1,4})?$")


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


def _server_timezone(scripts: list[str]) -> str:
    """XenForo 1 prints dates in the forum's zone; ``serverTimeInfo.today`` (local midnight, Unix) gives its offset."""
    for text in scripts:
        match = _SERVER_TODAY.search(text)
        if match:
            seconds = -(int(match.group(1)) % 86400)
            if seconds < -12 * 3600:
                seconds += 86400
            if seconds % 3600 == 0:
                hours = seconds // 3600
                # POSIX sign: Etc/GMT-1 is one hour ahead of UTC.
                return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return "UTC"
