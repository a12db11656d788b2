"""The engine's name, its page size and the value readers the Discourse modules share."""

from __future__ import annotations


ENGINE = "discourse"
CHUNK = 20  # posts a crawler-view page shows, and post ids asked for in one posts.json request


# --- Small helpers ---------------------------------------------------------------------------


def int_value(value) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip().replace(",", ""))
    except (TypeError, ValueError):
        return None


def str_value(value) -> str | None:
    return None if value is None or value == "" else str(value)


def list_value(value) -> list:
    """A JSON field that should hold a list, or [] when it holds anything else."""
    return value if isinstance(value, list) else []


def text_value(value) -> str | None:
    """A JSON field that should hold words, or None when it holds anything else (a number, a list)."""
    return value if isinstance(value, str) and value else None
