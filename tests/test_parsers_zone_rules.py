"""parsers.zone_rules: the zone with its summer time, from one offset a page showed and its
language tag's country. Expected zones from the tz database's country table, by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from parsers.zone_rules import zone_keeping_rules

UTC = timezone.utc


@pytest.mark.parametrize(("offset", "at", "tag", "zone"), [
    (timedelta(hours=2), datetime(2020, 4, 24, tzinfo=UTC), "de-DE", "Europe/Berlin"),  # summer time
    (timedelta(hours=1), datetime(2019, 1, 29, tzinfo=UTC), "de_DE", "Europe/Berlin"),  # winter, "_"
    (timedelta(hours=1), datetime(2015, 6, 10, tzinfo=UTC), "en-GB", "Europe/London"),
    # Every US zone at -5 in January keeps New York's rules since 2010 (Indiana's counties too)
    (timedelta(hours=-5), datetime(2024, 1, 10, tzinfo=UTC), "en-US", "America/New_York"),
    (timedelta(hours=5, minutes=30), datetime(2024, 1, 10, tzinfo=UTC), "en-IN", "Asia/Kolkata"),
    (timedelta(hours=3), datetime(2020, 4, 24, tzinfo=UTC), "ar-IQ", "Asia/Baghdad"),
])
def test_the_countrys_zone_with_that_offset_then(offset, at, tag, zone):
    assert zone_keeping_rules(offset, at, tag) == zone


@pytest.mark.parametrize(("offset", "at", "tag"), [
    (timedelta(hours=2), datetime(2020, 4, 24, tzinfo=UTC), "de"),  # no country
    (timedelta(hours=2), datetime(2020, 4, 24, tzinfo=UTC), None),
    # Australia at +10 in July: Sydney keeps summer time, Brisbane does not; which is a guess
    (timedelta(hours=10), datetime(2024, 7, 10, tzinfo=UTC), "en-AU"),
    # an English pack's "en-US" on a board in Britain: no US zone is at +0
    (timedelta(hours=0), datetime(2024, 1, 10, tzinfo=UTC), "en-US"),
    # "en-GB" in winter: London's time or UTC (which any board may keep), which is a guess
    (timedelta(hours=0), datetime(2015, 1, 10, tzinfo=UTC), "en-GB"),
])
def test_no_zone_where_the_country_or_its_rules_do_not_settle_it(offset, at, tag):
    assert zone_keeping_rules(offset, at, tag) is None
