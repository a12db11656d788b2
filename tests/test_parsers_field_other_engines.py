"""Markup of real boards on the engines checked by helper h3 (NodeBB, Flarum, Vanilla, Discuz!,
ProBoards, Forumotion, and boards read by the generic parser) that the parsers misread, each
reproduced by a small hand-written page in tests/data/field_<engine>/ (invented names and words;
each file's header names the kind of board it imitates). Every expected value was written by hand
from the fixture.

Why: a Discuz! X5 install's touch template, as served, prints recent times bare ("49 秒前"), shows a
bought thread's lock notice in place of the opening post's words, and answers a thread above the
reader's permission with div.jump_c; the parser gave no time, took the lock notice (also in the
mobile API's messages) for the poster's words, and called the notice page a page no parser reads.
Each test pins the rule.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 1, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str, **kwargs):
    return parse_page((DATA / relative).read_bytes(), url, CAPTURED, **kwargs)


# --- Discuz! touch template ------------------------------------------------------------------

TOUCH_URL = "http://pier.example.cn/forum.php?mod=viewthread&tid=12&mobile=2"


def test_discuz_touch_bare_relative_times_read_against_the_capture_time():
    """li.mtime printing "49&nbsp;秒前", "昨天&nbsp;21:05" and "4&nbsp;天前" with no span title: the
    capture time less 49 seconds, yesterday's 21:05 in the page's zone (none stated: UTC, which
    the page's errors say), and a day four days back."""
    result = parsed("field_discuz/touch_priced_relative_time.html", TOUCH_URL)
    assert (result.kind, result.engine) == ("thread_page", "discuz")
    first, second, third = result.posts
    assert (first.post_id, first.author.name, first.author.id) == ("51", "潮汐表", "31")
    assert first.published_at == datetime(2023, 12, 31, 23, 59, 11, tzinfo=UTC)
    assert (second.post_id, second.author.name, second.author.id) == ("52", "缆桩", "32")
    assert second.published_at == datetime(2023, 12, 31, 21, 5, tzinfo=UTC)
    assert second.text == "先看看船期再说。"
    # "4 天前": the day only (1 January less four days), at its midnight, and the errors say so.
    assert (third.post_id, third.author.name, third.text) == ("53", "雾笛", "旧票我还留着两张。")
    assert third.published_at == datetime(2023, 12, 28, tzinfo=UTC)
    assert "post 53: only its day is printed ('4 天前'); its time is that day's midnight" in result.errors
    assert not any("no publication time" in error for error in result.errors)
    assert result.thread.starter.name == "潮汐表"
    assert result.thread.started_at == datetime(2023, 12, 31, 23, 59, 11, tzinfo=UTC)


def test_discuz_locked_notice_is_not_the_posters_words():
    """A thread sold for credits: div.locked ("本主题需向作者支付 8 金钱 才能浏览") stands where the
    words are; the post keeps no text, and the errors name the notice."""
    result = parsed("field_discuz/touch_priced_relative_time.html", TOUCH_URL)
    first = result.posts[0]
    assert first.text == ""
    assert "金钱" not in first.html
    assert ("post 51: the board's notice '购买主题 本主题需向作者支付 8 金钱 才能浏览' was left out of its words"
            " (words it hides are not on the page)") in result.errors


def test_discuz_touch_notice_page_is_blocked():
    """The touch template's refusal (div.jump_c) is a Discuz! notice like the desktop's
    div#messagetext: blocked, with the notice's words, never a page without a reader."""
    result = parsed("field_discuz/touch_notice_readperm.html", TOUCH_URL)
    assert (result.kind, result.engine) == ("blocked", "discuz")
    assert "本帖要求阅读权限高于 150 才能浏览" in result.reason
    assert result.posts == []


def test_discuz_relative_time_words_after_the_label_and_in_traditional_chinese():
    """dgmdate()'s relative forms as a template may print them bare: after the label "发表于",
    in the traditional pack, "半小时前", "刚刚" and "前天 HH:MM" (read in the page's zone, here
    GMT+8). "3 天前" names a day only: its midnight in that zone."""
    from datetime import timedelta

    from parsers.discuz.common import read_relative_time, zone_of

    eight = zone_of("+8")
    assert read_relative_time("发表于 半小时前", CAPTURED, eight) == CAPTURED - timedelta(minutes=30)
    assert read_relative_time("發表於 3 分鐘前", CAPTURED, eight) == CAPTURED - timedelta(minutes=3)
    assert read_relative_time("刚刚", CAPTURED, eight) == CAPTURED
    # 2024-01-01 00:00 UTC is 08:00 on 1 January at GMT+8; the day before yesterday is 30 December.
    assert read_relative_time("前天\xa023:10", CAPTURED, eight) == datetime(2023, 12, 30, 15, 10, tzinfo=UTC)
    # 08:00 on 1 January at GMT+8, three days back: 29 December, whose midnight is 16:00 UTC the day before.
    assert read_relative_time("3 天前", CAPTURED, eight) == datetime(2023, 12, 28, 16, tzinfo=UTC)
    assert read_relative_time("一周前", CAPTURED, eight) is None
    assert read_relative_time("49 秒前", None, eight) is None


def test_discuz_api_message_hide_notice_is_not_the_posters_words():
    """The mobile API's message HTML carries the same div.locked a [hide] tag writes: left out of
    the words, named in the errors; the words after it are the poster's."""
    result = parsed("field_discuz/api_message_hide_notice.json",
                    "http://pier.example.cn/api/mobile/index.php?version=4&module=viewthread&tid=12&page=1")
    assert (result.kind, result.engine) == ("thread_page", "discuz")
    first, second = result.posts
    assert (first.post_id, first.text) == ("61", "码头的旧票还收吗？")
    assert (second.post_id, second.author.name, second.text) == ("62", "缆桩", "收的，周三来。")
    assert second.published_at == datetime(2024, 1, 1, 1, 30, tzinfo=UTC)
    assert ("post 62: the board's notice '本帖隐藏的内容需要回复才可以浏览' was left out of its words"
            " (words it hides are not on the page)") in result.errors
