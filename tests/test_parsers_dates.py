"""parsers.dates: printed dates read without dateparser where it is not needed, with its answers."""

from __future__ import annotations

from datetime import datetime, timezone

import dateparser
import pytest

from parsers.dates import parse_text_date

# Bases that make month and year arithmetic show its edges: a month's last day, a leap day, a
# clock change (in Europe; the reading is in UTC), the first of January.
BASES = [datetime(2024, 3, 31, 1, 30, 15, 123456, tzinfo=timezone.utc),
         datetime(2024, 2, 29, 23, 59, 59, tzinfo=timezone.utc),
         datetime(2025, 1, 1, 0, 0, tzinfo=timezone.utc),
         datetime(2026, 10, 25, 1, 5, tzinfo=timezone.utc)]
AGO = ["5 minutes ago", "a minute ago", "an hour ago", "1 hour ago", "2 days ago", "3 weeks ago",
       "1 month ago", "13 months ago", "1 year ago", "10 seconds ago", "0 minutes ago", "one day ago",
       "5 mins ago", "2 hrs ago", "5 Minutes Ago", "15 min ago", "2 secs ago", "1 wk ago", "100 days ago"]


def dateparser_reading(text: str, base: datetime) -> datetime | None:
    """What dateparser itself answers, with the settings parse_text_date gives it for a UTC board."""
    return dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": base.replace(tzinfo=None), "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DATES_FROM": "past"})


@pytest.mark.parametrize("base", BASES, ids=lambda base: base.isoformat())
def test_time_ago_is_read_as_dateparser_reads_it(base):
    for text in AGO:
        expected = dateparser_reading(text, base)
        assert expected is not None, text
        assert parse_text_date(text, base) == expected, text
        assert parse_text_date(text, base, languages=["ru", "en"]) == expected, text


def test_time_ago_by_hand():
    base = datetime(2024, 3, 31, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date("5 minutes ago", base) == datetime(2024, 3, 31, 11, 55, tzinfo=timezone.utc)
    assert parse_text_date("1 month ago", base) == datetime(2024, 2, 29, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date("an hour ago", base) == datetime(2024, 3, 31, 11, 0, tzinfo=timezone.utc)


def test_words_around_time_ago_still_go_to_dateparser():
    # Not the plain shape: dateparser reads it (two units), the quick reading does not guess.
    base = datetime(2024, 3, 31, 12, 0, tzinfo=timezone.utc)
    assert parse_text_date("1 day, 2 hours ago", base) == datetime(2024, 3, 30, 10, 0, tzinfo=timezone.utc)
    assert parse_text_date("5 minutes ago by mod_mo", base) == dateparser_reading("5 minutes ago by mod_mo", base)
