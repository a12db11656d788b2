"""Readers for the loosely typed values of forum APIs' JSON (NodeBB, Vanilla, Flarum).

Why: the same field is a number in one version and a string in another (``"tid": "53324"``),
or a boolean where a number belongs; a reader that raises or stores ``"True"`` as an id would
cost a page or invent data, so each returns None (or an empty container) for the wrong type.
"""

from __future__ import annotations


def as_int(value) -> int | None:
    """A whole number from a JSON number or a numeric string ("20", 20), or None (booleans and
    anything else)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def as_id(value) -> str | None:
    """An id as the contract stores it: a string ("7001"), None for a missing, empty or non-scalar one."""
    if value is None or value == "" or isinstance(value, (bool, dict, list)):
        return None
    return str(value)


def as_text(value) -> str | None:
    """A field that should hold words, or None when it holds anything else (a number, a list, blanks)."""
    return value if isinstance(value, str) and value.strip() else None


def as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def as_list(value) -> list:
    return value if isinstance(value, list) else []
