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


def test_relative_printed_times_still_give_their_zone_samples():
    """A vBulletin 5 page saved the day after its recent posts prints them "Yesterday, 04:56 PM",
    "Today, 03:24 PM": their clocks against their Unix times still show the zone (GMT-9 in
    December). Before, only dated texts gave samples, so the footer's summer GMT-8 was read for the
    comment printed with its date and for the edit line: each an hour off, silently (the fuzz's
    relative_dates on this page)."""
    from conftest import DATA

    from parsers.registry import parse_page

    page = DATA / "field_real_variants_more/vbulletin/vb5_comment_and_summer_time_footer.html"
    body = page.read_bytes()
    for dated, relative in ((b">12-19-2016, 04:56 PM</time>", b">Yesterday, 04:56 PM</time>"),
                            (b">12-19-2016, 05:02 PM</time>", b">Yesterday, 05:02 PM</time>"),
                            (b">12-20-2016, 03:24 PM</time>", b">Today, 03:24 PM</time>")):
        assert body.count(dated) == 1
        body = body.replace(dated, relative)
    captured = datetime(2016, 12, 21, 7, 35, tzinfo=timezone.utc)  # 22:35 on 20 December at GMT-9
    result = parse_page(body, "https://harbour.example/forum/harbour-tales/7040-winter-ferry-stories", captured)
    assert result.errors == []
    by_id = {post.post_id: post for post in result.posts}
    assert by_id["7043"].published_at == datetime(2016, 12, 20, 4, 47, tzinfo=timezone.utc)  # 07:47 PM at GMT-9
    assert by_id["7044"].edited_at == datetime(2016, 12, 21, 0, 41, tzinfo=timezone.utc)  # 03:41 PM at GMT-9
    assert by_id["7044"].published_at == datetime(2016, 12, 21, 0, 24, 15, tzinfo=timezone.utc)
