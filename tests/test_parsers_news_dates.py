"""parsers.dates readers for news pages (parse_news_date, has_clock), on strings seen on real pages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from parsers.dates import has_clock, names_a_zone, parse_news_date, parse_text_date

BASE = datetime(2019, 12, 1, tzinfo=timezone.utc)


def zone(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize("text, languages, expected", [
    ("November 19, 2019", None, datetime(2019, 11, 19, tzinfo=timezone.utc)),
    ("Monday, November 18th, 2019 at 11:08 a.m.", None, datetime(2019, 11, 18, 11, 8, tzinfo=timezone.utc)),
    ("30. Juli 2018", ["de", "en"], datetime(2018, 7, 30, tzinfo=timezone.utc)),
    ("20 Nov 2019 08:02 GMT", None, datetime(2019, 11, 20, 8, 2, tzinfo=timezone.utc)),
    ("Wed Nov 20 2019 08:00:58 GMT+0000", None, datetime(2019, 11, 20, 8, 0, 58, tzinfo=timezone.utc)),
    ("Wed, 20 Nov 2019 13:38:07 +0530", None, datetime(2019, 11, 20, 13, 38, 7, tzinfo=zone(5.5))),
    ("Nov 19, 2019, 10:31 pm CST", None, datetime(2019, 11, 19, 22, 31, tzinfo=zone(-6))),
    ("November 18, 2019 -- 19:14 GMT", None, datetime(2019, 11, 18, 19, 14, tzinfo=timezone.utc)),
    ("Nov 19, 2019 8:03 am ET", None, datetime(2019, 11, 19, 8, 3, tzinfo=zone(-5))),  # EST in November
    ("June 3, 2019 8:03 am ET", None, datetime(2019, 6, 3, 8, 3, tzinfo=zone(-4))),  # EDT in June
    ("01:38:07 PM IST Nov 20, 2019", None, datetime(2019, 11, 20, 13, 38, 7, tzinfo=zone(5.5))),
    ("NOVEMBER 18, 2019 AT 11:08 AM MSK", None, datetime(2019, 11, 18, 11, 8, tzinfo=zone(3))),  # "AT" is no zone
])
def test_parse_news_date_keeps_the_printed_wall_clock_and_zone(text, languages, expected):
    found = parse_news_date(text, BASE, languages)
    assert found == expected
    assert found.utcoffset() == expected.utcoffset()  # the page's offset, not UTC


def test_an_ambiguous_zone_takes_the_pages_offset_when_it_is_one_of_its_meanings():
    israel = parse_news_date("01:38 PM IST Nov 20, 2019", BASE, page_offsets=(timedelta(hours=2),))
    assert israel.utcoffset() == timedelta(hours=2)
    # An offset IST never stands for does not bend it: the usual meaning (India).
    usual = parse_news_date("01:38 PM IST Nov 20, 2019", BASE, page_offsets=(timedelta(hours=-5),))
    assert usual.utcoffset() == timedelta(hours=5, minutes=30)
    china = parse_news_date("Nov 20, 2019 9:00 am CST", BASE, page_offsets=(timedelta(hours=8),))
    assert china.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("text", ["13 Aug", "13", "", None, "5 Min Read", "Nov 20 9:00 GMT", "x" * 200])
def test_parse_news_date_wants_a_whole_date(text):
    assert parse_news_date(text, BASE) is None


@pytest.mark.parametrize("text, clock", [
    ("2019-11-19T11:21:08+00:00", True), ("2019-11-19", False), ("2019-11-19T00:00:00Z", False),
    ("November 19, 2019", False), ("on Monday, November 18th, 2019 at 11:08 a.m.", True),
    ("Publié le 3 mai 2024 à 14h05", True), ("20.11.2019", False), ("9 am, Nov 3, 2019", True), (None, False),
])
def test_has_clock(text, clock):
    assert has_clock(text) is clock


@pytest.mark.parametrize("text, named", [
    ("2019-11-19T10:32:00-05:00", True), ("2019-11-19T10:32:00Z", True), ("2019-11-19T10:32:00", False),
    ("2019-11-18 17:19:53 GMT", True), ("November 19, 2019, 07:47 PM EST", True), ("Wed, 20 Nov 2019 13:38:07 +0530", True),
    ("November 20, 2019 - 11:28 AMT", True),  # a zone dateparser reads (Armenia), not in the news table
    ("NOVEMBER 18, 2019 AT 11:08 AM", False),  # "AT" and "AM" are no zones
    ("Fri 6:45 PM, Feb 16, 2018", False), ("By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.", False),
    ("2019-11-20 15:23", False), (None, False),
])
def test_names_a_zone(text, named):
    assert names_a_zone(text) is named


def test_forum_reading_is_unchanged():
    # parse_text_date still converts to UTC, as forums rely on.
    assert parse_text_date("Nov 19, 2019 3:59 PM ET", BASE) == datetime(2019, 11, 19, 20, 59, tzinfo=timezone.utc)
    assert parse_text_date("November 19, 2019", BASE) == datetime(2019, 11, 19, tzinfo=timezone.utc)
