"""The zone a vBulletin 5 page prints its times in, learned from the times it shows both ways.

Why: vBulletin 5 prints every time in the viewer's zone, summer time included, and states no zone
beside it; each post also carries its exact Unix time (``data-node-publishdate``), and the footer
says the zone when the page was made ("All times are GMT-8"). A real board (forums.sneakycrab.com,
Alaska time) printed its December posts at GMT-9 and its summer edit lines at GMT-8, on a page
made in June that says "GMT-8": one offset for the whole page put either the winter comments or
the summer edits an hour off. The times that carry no Unix time (edit lines, comments on replies)
are read here at the offset seen nearest to them in the year.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo

_YEAR_DAYS = 366


class SeasonalZone(tzinfo):
    """A zone whose offset is the one seen on the nearest day of the year among ``samples``
    ((UTC time, offset) pairs; the earliest of equally near ones). Summer time follows the
    seasons, not the year: December's offset holds for another December."""

    def __init__(self, samples: list[tuple[datetime, timedelta]]) -> None:
        self._samples = [(when.timetuple().tm_yday, offset) for when, offset in samples]

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return self._samples[0][1]
        day = dt.timetuple().tm_yday
        return min(self._samples, key=lambda sample: _days_apart(sample[0], day))[1]

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def fromutc(self, dt: datetime) -> datetime:
        return dt + self.utcoffset(dt)

    def tzname(self, dt: datetime | None) -> str:
        return "printed zone"


def _days_apart(one: int, other: int) -> int:
    apart = abs(one - other)
    return min(apart, _YEAR_DAYS - apart)


def zone_of(samples: list[tuple[datetime, timedelta]]) -> tzinfo | None:
    """The fixed zone of ``samples`` when they all show one offset, a :class:`SeasonalZone` when
    they show more (summer time), None for no sample."""
    offsets = {offset for _when, offset in samples}
    if not offsets:
        return None
    if len(offsets) == 1:
        return timezone(offsets.pop())
    return SeasonalZone(samples)
