"""The engine's name, the page sizes Vanilla uses, and the JSON value readers the Vanilla modules share."""

from __future__ import annotations

ENGINE = "vanilla"

# Comments a discussion page shows when the page does not say (Vanilla's default
# ``Vanilla.Comments.PerPage``), and the ``limit`` the crawler asks of ``/api/v2/comments``
# (the API's own default).
COMMENTS_PER_PAGE = 30
API_PAGE_SIZE = 30


def as_int(value) -> int | None:
    """A whole number from JSON or markup ("12", 12), or None (booleans are not numbers)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(str(value).strip().replace(",", ""))
    except (TypeError, ValueError):
        return None


def as_id(value) -> str | None:
    """An id as the contract stores it: a string, None for a missing or empty one."""
    if value is None or value == "" or isinstance(value, (bool, dict, list)):
        return None
    return str(value)


def as_text(value) -> str | None:
    """A JSON field that should hold words, or None when it holds anything else (a number, a list)."""
    return value if isinstance(value, str) and value.strip() else None


def as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def as_list(value) -> list:
    return value if isinstance(value, list) else []
