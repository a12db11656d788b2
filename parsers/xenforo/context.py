"""What every date and address on a XenForo page is read against: the page's base, language and zone."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from ..clock import ENGLISH_MONTHS, hour_of_day
from ..dates import parse_text_date


_SERVER_TODAY = re.compile(r"serverTimeInfo\s*:\s*\{[^}]*?today\s*:\s*(\d+)", re.DOTALL)


class Context:
    """What every date and address on the page is read against."""

    def __init__(self, root, page, base: str, captured_at: datetime) -> None:
        self.base = base
        self.captured_at = captured_at
        lang = (root.get("lang") or "").split("-")[0].lower()
        self.language = lang if re.fullmatch(r"[a-z]{2,3}", lang) else "en"
        self.timezone = _server_timezone(page.scripts)
        self.zone_stated = any(_SERVER_TODAY.search(text) for text in page.scripts)
        # A printed date was read without a stated zone (XF2 states none, XF1 its serverTimeInfo):
        # the page says so (ZONE_ERROR).
        self.read_unzoned = False

    def text_date(self, text: str | None) -> datetime | None:
        if not text:
            return None
        if not self.zone_stated:
            self.read_unzoned = True
        if self.language == "en":
            fast = _english_date(text, self.timezone)
            if fast is not None:
                return fast
        for languages in ([self.language], ["en"]) if self.language != "en" else (["en"],):
            try:
                parsed = parse_text_date(text, self.captured_at, self.timezone, languages)
            except (ValueError, KeyError):  # a language dateparser does not know
                parsed = None
            if parsed is not None:
                return parsed
        return None


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
