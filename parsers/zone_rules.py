"""The zone, with its summer time, that a board printed its times in, from one offset it showed.

Why: a page gives its zone as an offset seen at one instant: XenForo 1's ``serverTimeInfo.today``
(local midnight at capture) or its recent times' ``data-time`` beside the clock they print. Read
as a fixed offset, every post of the other season is an hour off where the board's zone keeps
summer time: a page of musiker-board.de saved in April (UTC+2) read its January posts (UTC+1) an
hour early, silently. The page's language tag names a country ("de-DE"); of that country's
zones (the tz database's country table, as pytz ships it), those with that offset at that instant
are the board's candidates, and where they all keep the same rules, the first (the country's
principal zone, as the table lists it) is the board's zone (UTC, which any board may choose,
among them at offset 0). Anywhere else (no country, a zone of
another country, candidates whose rules differ) the caller keeps the fixed offset.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import pytz

# The instants two zones are compared at: the 1st and the 15th of every month from XenForo 1's
# first release (2010) on. Imported posts older than that may differ in a zone whose rules
# changed before (Indiana's counties, say); those zones agree on everything since.
_PROBES = tuple(datetime(year, month, day, 12, tzinfo=timezone.utc)
                for year in range(2010, 2036) for month in range(1, 13) for day in (1, 15))


def zone_keeping_rules(offset: timedelta, at: datetime, language_tag: str | None) -> str | None:
    """The IANA zone of the page's country whose offset at ``at`` is ``offset``, where all such
    zones keep the same rules; None where the tag names no country or no single rule fits."""
    parts = (language_tag or "").replace("_", "-").split("-")
    country = parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha() else None
    if country is None:
        return None
    return _zone_of_country(country, int(offset.total_seconds()), at.astimezone(timezone.utc).date().toordinal())


@lru_cache(maxsize=256)
def _zone_of_country(country: str, offset_seconds: int, day: int) -> str | None:
    """(Cached by the capture's day: every page of one crawl of a board asks the same.)"""
    at = datetime.fromordinal(day).replace(hour=12, tzinfo=timezone.utc)
    matching = [name for name in pytz.country_timezones.get(country, ())
                if _offset(name, at) == offset_seconds]
    if matching and offset_seconds == 0:
        matching.append("UTC")  # a board anywhere may keep UTC, which has no summer time
    if not matching:
        return None
    first = matching[0]
    if all(_offset(first, probe) == _offset(other, probe) for other in matching[1:] for probe in _PROBES):
        return first
    return None


def _offset(name: str, at: datetime) -> int | None:
    try:
        offset = ZoneInfo(name).utcoffset(at)
    except (KeyError, ValueError, OSError):  # a name the machine's tz database lacks
        return None
    return int(offset.total_seconds()) if offset is not None else None
