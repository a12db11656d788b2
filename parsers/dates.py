"""Dates as forums print them, resolved without ever looking at the wall clock.

Machine-readable sources (``<time datetime>``, Unix timestamps) are preferred. Text such as
"6 hours ago" or "On 11/7/2021 at 8:40 AM" is resolved by dateparser against a base time the
caller passes in (the capture time, or the time of the post that contains the text), so the same
page parsed twice gives the same answer.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import dateparser

_IPS_CITATION = re.compile(r"^\s*(?:On\s+)?(?P<when>.+?),\s+(?P<who>.+?)\s+said:\s*$", re.S)


def parse_iso(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp ("2024-04-17T21:13:04Z"); naive values are taken as UTC (None for
    anything else, a JSON number included)."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


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
    settings = {
        "RELATIVE_BASE": local_base,
        "TIMEZONE": timezone_name,
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DATES_FROM": "past",
    }
    cleaned = " ".join(re.sub(r"\bat\b", " ", text).split())
    zone_name, plain = timezone_name, cleaned
    words = cleaned.rsplit(" ", 1)
    if len(words) == 2 and words[1].upper() in _ZONE_ABBREVIATIONS:  # "3:59 PM ET"
        plain, zone_name = words[0], _ZONE_ABBREVIATIONS[words[1].upper()]
    fast = _common_format(plain, languages)
    if fast is not None:
        return fast.replace(tzinfo=ZoneInfo(zone_name)).astimezone(timezone.utc)
    try:
        parsed = dateparser.parse(cleaned, languages=languages or ["en"], settings=settings)
    except ValueError:  # a language dateparser does not know (a broken <html lang>): read it as English
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings) if languages != ["en"] else None
    return parsed.astimezone(timezone.utc) if parsed else None


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


def _common_format(text: str, languages: list[str] | None) -> datetime | None:
    english = not languages or "en" in languages
    for pattern in _ANY_LANGUAGE_FORMATS + (_ENGLISH_FORMATS if english else ()):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def split_ips_citation(citation: str) -> tuple[str | None, str | None]:
    """("6 hours ago", "coorslite21") from "6 hours ago, coorslite21 said:"; (None, None) if unlike it."""
    match = _IPS_CITATION.match(citation or "")
    if not match:
        return None, None
    return match.group("when").strip(), match.group("who").strip()
