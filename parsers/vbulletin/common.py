"""Patterns and small readers the vBulletin modules share."""

from __future__ import annotations

import re


# vBulletin 4's friendly URLs put the id first: "member.php/70024-name" (advanced) and
# "member.php?70024-name" (basic mode, the query string itself).
PROFILE_ID = re.compile(r"(?:[?&;]u=|[?&]userid=|/members?/|member\.php/|member\.php\?)(\d+)")
NUMBERS = re.compile(r"\d[\d.,\u00a0\u202f]*")


# --- Small helpers ---------------------------------------------------------------------------


def profile_id(url: str | None) -> str | None:
    match = PROFILE_ID.search(url or "")
    return match.group(1) if match else None


def int_value(value) -> int | None:
    try:
        return int(re.sub(r"[\s.,\u00a0\u202f]", "", str(value)))
    except (TypeError, ValueError):
        return None
