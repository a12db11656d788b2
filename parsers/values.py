"""Tiny value helpers the engine parsers share (each engine module imports what it uses)."""

from __future__ import annotations


def first(values):
    """The first item of a list (an XPath result), or None."""
    return values[0] if values else None


def words(texts) -> str:
    """Texts joined, every whitespace run collapsed to one space (missing texts, None, skipped).

    ``filter(None, ...)`` skips them in C: a generator costs a Python step a text, and this runs
    for most names, dates and titles of every page."""
    return " ".join(" ".join(filter(None, texts)).split())


def to_int(value) -> int | None:
    """A count as forums print it ("1,318", " 12 "), or None."""
    try:
        return int(str(value).strip().replace(",", ""))
    except (TypeError, ValueError):
        return None
