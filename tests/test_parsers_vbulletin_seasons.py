"""parsers.vbulletin.seasons: the zone of a vBulletin 5 page's printed times, season by season.

Why: a board in a zone with summer time prints December times an hour off June's; one offset for
the page put either the winter comments or the summer edit lines an hour off (sneakycrab.com).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from parsers.vbulletin.seasons import SeasonalZone, zone_of

UTC = timezone.utc
WINTER, SUMMER = timedelta(hours=-9), timedelta(hours=-8)


def test_one_offset_is_a_fixed_zone_and_none_is_no_zone():
    assert zone_of([(datetime(2016, 12, 20, tzinfo=UTC), WINTER)] * 2) == timezone(WINTER)
    assert zone_of([]) is None


def test_each_time_takes_the_offset_seen_nearest_in_the_year():
    zone = zone_of([(datetime(2016, 12, 20, 2, tzinfo=UTC), WINTER), (datetime(2023, 6, 18, 1, tzinfo=UTC), SUMMER)])
    assert isinstance(zone, SeasonalZone)
    # 7:47 PM on 19 December at GMT-9; 2:21 PM on 14 August at GMT-8; early January near December.
    assert datetime(2016, 12, 19, 19, 47, tzinfo=zone).astimezone(UTC) == datetime(2016, 12, 20, 4, 47, tzinfo=UTC)
    assert datetime(2021, 8, 14, 14, 21, tzinfo=zone).astimezone(UTC) == datetime(2021, 8, 14, 22, 21, tzinfo=UTC)
    assert datetime(2019, 1, 8, 1, 10, tzinfo=zone).astimezone(UTC) == datetime(2019, 1, 8, 10, 10, tzinfo=UTC)
    # and back: a UTC time shown in the zone
    assert datetime(2021, 8, 14, 22, 21, tzinfo=UTC).astimezone(zone).replace(tzinfo=None) == datetime(2021, 8, 14, 14, 21)
