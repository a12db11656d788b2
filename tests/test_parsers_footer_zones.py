"""A footer's UTC offset that no zone has is no zone (parsers.clock.a_zone_has).

Why: bench/fuzz_parsers.py's ``wrong_encoding`` mutation read a Chinese vBulletin page's footer
"所有時間均為 GMT +8。" as "GMT +80" (a garbled character after the 8 became a digit): vBulletin
took it as 80 hours, ``timezone`` refused it and the whole page came back ``unsupported`` with a
parser error; phpBB's footer reader would have done the same, and an offset of 20 hours was taken
as the board's zone. Real zones run from -12 h to +14 h.

The pages are the project's hand-written fixtures with their footer's offset changed here.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.clock import UNSTATED_ZONE_ERROR, a_zone_has, offset_zone
from parsers.registry import parse_page
from parsers.vbulletin.thread import utc_offset

CAPTURED = datetime(2024, 3, 1, tzinfo=timezone.utc)


def test_offsets_no_zone_has_are_refused():
    assert a_zone_has(14 * 60) and a_zone_has(-12 * 60) and a_zone_has(0) and a_zone_has(5 * 60 + 30)
    assert not a_zone_has(14 * 60 + 15) and not a_zone_has(-13 * 60) and not a_zone_has(80 * 60)
    assert offset_zone("+", "20") is None and offset_zone("-", "13") is None
    assert offset_zone("+", "5", "30", in_minutes=True).utcoffset(None).total_seconds() == 5.5 * 3600
    assert utc_offset("All times are GMT +80") is None
    assert utc_offset("All times are GMT -5").total_seconds() == -5 * 3600


def test_a_vbulletin_footer_offset_with_a_stray_digit_is_no_zone_and_no_parser_failure():
    page = (DATA / "field_vbulletin" / "zh_tw_half_of_day_before_clock.html").read_text(encoding="utf-8")
    assert page.count("GMT +8。現在") == 1
    page = page.replace("GMT +8。現在", "GMT +80現在")
    result = parse_page(page.encode("utf-8"), "https://board.example.tw/showthread.php?t=41", CAPTURED)
    assert result.kind == "thread_page", result.reason
    assert [post.post_id for post in result.posts] == ["880030", "880025", "880021"]
    assert UNSTATED_ZONE_ERROR in result.errors


def test_a_phpbb_footer_offset_no_zone_has_is_not_the_board_s_zone():
    page = (DATA / "phpbb" / "phpbb30_prosilver.html").read_text(encoding="utf-8")
    assert page.count("All times are UTC - 5 hours") == 1
    page = page.replace("All times are UTC - 5 hours", "All times are UTC + 80 hours")
    result = parse_page(page.encode("utf-8"), "https://board.example/viewtopic.php?t=1", CAPTURED)
    assert result.kind == "thread_page", result.reason
    assert result.posts
    assert any(error.startswith(UNSTATED_ZONE_ERROR) for error in result.errors)
