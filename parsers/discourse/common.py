"""The engine's name, its page size and the value readers the Discourse modules share."""

from __future__ import annotations


ENGINE = "discourse"
CHUNK = 20  # posts a crawler-view page shows, and post ids asked for in one posts.json request


# --- Small helpers ---------------------------------------------------------------------------


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip().replace(",", ""))
    except (TypeError, ValueError):
        return None


def _str(value) -> str | None:
    return None if value is None or value == "" else str(value)
