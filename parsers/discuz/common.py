"""The engine's name and the patterns the Discuz! modules share: ids, addresses and printed times."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

from ..clock import offset_zone

ENGINE = "discuz"
UTC = timezone.utc

POST_BLOCK_ID = re.compile(r"^post_(\d+)$")  # desktop: div#post_123
TOUCH_BLOCK_ID = re.compile(r"^pid(\d+)$")  # touch: div.plc#pid123 (desktop's table#pid123 sits inside div#post_123)
USER_ID = re.compile(r"[?&]uid=(\d+)")
# A profile link: "home.php?mod=space&uid=7", or the same under Discuz!'s own URL rewriting (the
# "home_space" rule of 全局 > SEO 设置, "space-{user}-{value}.html"): "space-uid-7.html", or
# "space-username-NAME.html", which names the user but gives no id.
_REWRITTEN_SPACE = re.compile(r"(?:^|/)space-(uid|username)-([^/?#]+)\.html(?:[?#]|$)")
_LEGACY_SPACE = re.compile(r"(?:^|/)space\.php\?(?:[^#]*&)?uid=\d")
QUOTED_POST = re.compile(r"[?&]pid=(\d+)")
QUOTED_THREAD = re.compile(r"[?&]ptid=(\d+)")
THREAD_IN_URL = re.compile(r"(?:[?&]tid=|/thread-)(\d+)")
# "thread-{tid}-{page}-{prevpage}.html" (the "forum_viewthread" rule of 全局 > SEO 设置), whole or as
# multi() links it: relative, "thread-7-2-1.html", with no slash before it.
REWRITTEN_THREAD = re.compile(r"(?:^|/)thread-(\d+)-(\d+)-(\d+)\.html")
PAGE_IN_QUERY = re.compile(r"[?&]page=(\d+)")
# The dates dgmdate() prints with Discuz!'s default formats ("Y-n-j H:i", seconds in span titles),
# or its 12-hour clock ("时间格式" set to 12 小时制: "h:i A", "2014-12-29 05:51 PM").
PRINTED_TIME = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                          r"(?:\s*([AaPp])\.?[Mm]\b\.?)?")
# The footer's "GMT+8, 2024-3-8 10:00" ($_G[timenow]); "GMT," alone is UTC.
FOOTER_ZONE = re.compile(r"\bGMT\s*([+-]\d{1,2}(?:[.:]\d{1,2})?)?\s*,\s*\d{4}-\d{1,2}-\d{1,2}")


def read_time(text: str | None, zone: tzinfo | None) -> datetime | None:
    """The UTC time of the first "2024-3-5 14:20[:33]" in ``text``, read in ``zone``; None without
    one, or without a zone (the mobile API's messages print local times of a zone it never states)."""
    match = PRINTED_TIME.search(text or "")
    if not match or zone is None:
        return None
    year, month, day, hour, minute = map(int, match.group(1, 2, 3, 4, 5))
    if match.group(7):
        if not 1 <= hour <= 12:
            return None  # "13:05 PM": no clock a 12-hour format prints
        hour = hour % 12 + (12 if match.group(7) in "Pp" else 0)
    try:
        wall = datetime(year, month, day, hour, minute, int(match.group(6) or 0))
    except ValueError:
        return None
    return wall.replace(tzinfo=zone).astimezone(UTC)


# What dgmdate()'s "u" format prints for a recent time where no span title keeps the full one (the
# touch template of X3.5/X5 prints "49&nbsp;秒前" bare): just now, N seconds / minutes / hours ago,
# half an hour ago, yesterday or the day before at a clock time, and N days ago. dgmdate() joins the
# words of the pack's 'date' array (source/language/lang_core.php: before, day, yday, byday, hour,
# half, min, sec, now) in fixed orders: "N&nbsp;" + unit + before, half + hour + before, yday or
# byday + "&nbsp;" + H:i, "N&nbsp;" + day + before. The words of the packs boards run: simplified and
# traditional Chinese (Comsenz, DiscuzX_TW), Thai (discuzth), Vietnamese (Discuz_X3.5_VN), Arabic
# (ar-discuz) and Russian (Discuz-X3.1_one-st.ru); the Vietnamese pack's half is "nửa giờ", so it
# prints "nửa giờgiờ trước". Each may follow the template's label ("发表于 半小时前").
_BEFORE = ("前", "ที่แล้ว", "trước", "قبل", "назад")
_UNIT_SECONDS = {"秒": 1, "分钟": 60, "分鐘": 60, "小时": 3600, "小時": 3600,
                 "วินาที": 1, "นาที": 60, "ชั่วโมง": 3600, "giây": 1, "phút": 60, "giờ": 3600,
                 "ثانية": 1, "دقيقة": 60, "ساعة": 3600, "сек.": 1, "мин.": 60, "час.": 3600}
_HALF = ("半", "ครึ่ง", "nửa giờ", "نصف", "пол")
_DAY_UNIT = ("天", "วัน", "ngày", "يوم", "дн.")
_DAYS_BACK_WORDS = {"昨天": 1, "前天": 2, "เมื่อวาน": 1, "เมื่อวานซืน": 2, "hôm qua": 1, "hôm kia": 2,
                    "أمس": 1, "أول أمس": 2, "вчера": 1, "позавчера": 2}
_NOW = ("刚刚", "剛剛", "现在", "ตอนนี้", "vừa xong", "الآن", "только-что")


def _among(words) -> str:
    """A regex alternation of ``words``, the longest first ("เมื่อวานซืน" before "เมื่อวาน")."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_BEFORE_RE = rf"\s*(?:{_among(_BEFORE)})"
_JUST_NOW = re.compile(rf"(?:^|\s)(?:{_among(_NOW)})$")
_UNITS_AGO = re.compile(rf"(?:^|\s)(\d{{1,4}})\s*({_among(_UNIT_SECONDS)}){_BEFORE_RE}$")
_HALF_HOUR_AGO = re.compile(rf"(?:^|\s)(?:{_among(_HALF)})\s*(?:小时|小時|ชั่วโมง|giờ|ساعة|час\.){_BEFORE_RE}$")
_DAYS_BACK = re.compile(rf"(?:^|\s)({_among(_DAYS_BACK_WORDS)})\s*(\d{{1,2}}):(\d{{2}})$")
# "3 天前" (3 to 7 days back): the day only, no clock time.
_DAYS_AGO = re.compile(rf"(?:^|\s)(\d{{1,2}})\s*(?:{_among(_DAY_UNIT)}){_BEFORE_RE}$")


def _relative_words(text: str | None) -> str:
    """A relative time's words, spaces made one and lower case (the Russian pack's "Вчера")."""
    return " ".join((text or "").replace("\xa0", " ").split()).lower()


def read_relative_time(text: str | None, captured_at: datetime | None, zone: tzinfo | None) -> datetime | None:
    """The UTC time a relative Discuz! time ("49 秒前", "半小时前", "昨天 08:18") names, read against
    the capture time (the page was served then) and, for a day, the page's zone; "3 天前" (the day
    only, see :func:`names_day_only`) is that day's midnight. None for any other text. Why: a post
    printed this way (the touch template never prints the full time in a title) would otherwise
    get no time at all."""
    words = _relative_words(text)
    if not words or captured_at is None:
        return None
    if _JUST_NOW.search(words):
        return captured_at.astimezone(UTC)
    match = _UNITS_AGO.search(words)
    if match:
        return (captured_at - timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2)])).astimezone(UTC)
    if _HALF_HOUR_AGO.search(words):
        return (captured_at - timedelta(minutes=30)).astimezone(UTC)
    match = _DAYS_BACK.search(words)
    if match and zone is not None:
        day = captured_at.astimezone(zone).date() - timedelta(days=_DAYS_BACK_WORDS[match.group(1)])
        hour, minute = int(match.group(2)), int(match.group(3))
        if hour > 23 or minute > 59:
            return None
        wall = datetime(day.year, day.month, day.day, hour, minute)
        return wall.replace(tzinfo=zone).astimezone(UTC)
    match = _DAYS_AGO.search(words)
    if match and zone is not None:
        day = captured_at.astimezone(zone).date() - timedelta(days=int(match.group(1)))
        return datetime(day.year, day.month, day.day).replace(tzinfo=zone).astimezone(UTC)
    return None


def names_day_only(text: str | None) -> bool:
    """Does a relative time name a day and no clock time ("3 天前")?"""
    return bool(_DAYS_AGO.search(_relative_words(text)))


def zone_of(offset: str | None) -> tzinfo | None:
    """The zone of a footer offset ("+8", "-3.5", "+5:30", None for plain "GMT"); None when out of range."""
    if not offset:
        return UTC
    hours, _, fraction = offset[1:].replace(":", ".").partition(".")
    zone = offset_zone(offset[0], hours, fraction, in_minutes=":" in offset)
    return zone if zone is not None and abs(zone.utcoffset(None)) <= timedelta(hours=14) else None


def space_link(href: str) -> tuple[bool, str | None]:
    """Is ``href`` a member's profile link, and the member's id if it says one. Discuz! 6 and 7
    link a member as ``space.php?uid=N`` (``space.php?action=viewpro&uid=N`` in 6), X as
    ``home.php?mod=space&uid=N``."""
    if "mod=space" in href or _LEGACY_SPACE.search(href):
        match = USER_ID.search(href)
        return (True, match.group(1)) if match else (False, None)
    match = _REWRITTEN_SPACE.search(href)
    if match is None:
        return False, None
    return True, (match.group(2) if match.group(1) == "uid" and match.group(2).isdigit() else None)
