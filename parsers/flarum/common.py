"""The engine's name, its page size and the JSON value readers the Flarum modules share."""

from __future__ import annotations

ENGINE = "flarum"
PAGE_SIZE = 20  # posts a noscript page shows and an API answer holds by default (Discussion.php, ListPostsController)


def as_int(value) -> int | None:
    """A whole number from JSON or markup ("20", 20), or None (a boolean is no number)."""
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def as_id(value) -> str | None:
    """A JSON:API id as a string ("7001"), or None for a missing or empty one."""
    if value is None or value == "" or isinstance(value, (bool, dict, list)):
        return None
    return str(value)


def as_text(value) -> str | None:
    """A JSON field that should hold words, or None when it holds anything else."""
    return value if isinstance(value, str) and value else None


def as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def as_list(value) -> list:
    return value if isinstance(value, list) else []
