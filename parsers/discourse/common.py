"""The engine's name, its page size and the value readers the Discourse modules share."""

from __future__ import annotations

from datetime import datetime

from ..dates import parse_iso

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


def revision_time(raw: dict) -> datetime | None:
    """When a post of the JSON (``/t/N.json``, the browser page's preloaded topic) was last revised,
    or None when it never was: its ``version`` above 1 (a revision Discourse kept), at its
    ``last_wiki_edit``, else its ``updated_at``. ``updated_at`` alone is no edit: a board's
    migration or a grace-period edit moves it with the version still 1."""
    if (int_value(raw.get("version")) or 1) > 1:
        return parse_iso(raw.get("last_wiki_edit")) or parse_iso(raw.get("updated_at"))
    return None
