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
REWRITTEN_THREAD = re.compile(r"/thread-(\d+)-(\d+)-(\d+)\.html")
PAGE_IN_QUERY = re.compile(r"[?&]page=(\d+)")
# The dates dgmdate() prints with Discuz!'s default formats ("Y-n-j H:i", seconds in span titles).
PRINTED_TIME = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?")
# The footer's "GMT+8, 2024-3-8 10:00" ($_G[timenow]); "GMT," alone is UTC.
FOOTER_ZONE = re.compile(r"\bGMT\s*([+-]\d{1,2}(?:[.:]\d{1,2})?)?\s*,\s*\d{4}-\d{1,2}-\d{1,2}")


def read_time(text: str | None, zone: tzinfo | None) -> datetime | None:
    """The UTC time of the first "2024-3-5 14:20[:33]" in ``text``, read in ``zone``; None without
    one, or without a zone (the mobile API's messages print local times of a zone it never states)."""
    match = PRINTED_TIME.search(text or "")
    if not match or zone is None:
        return None
    year, month, day, hour, minute = map(int, match.group(1, 2, 3, 4, 5))
    try:
        wall = datetime(year, month, day, hour, minute, int(match.group(6) or 0))
    except ValueError:
        return None
    return wall.replace(tzinfo=zone).astimezone(UTC)


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
