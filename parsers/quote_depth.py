"""How deep quotes are read: a cap, recorded as an error when a post reaches it.

Why: a quote holds the quotes nested in it (``Quote.quotes``), and what reads a parse result
(``to_dict``, the JSON encoder, the archive) walks that nesting recursively. Real posts nest
quotes a few levels deep; a post nesting 500 made every engine raise RecursionError. Engines
read quotes down to :data:`MAX_QUOTE_DEPTH` levels; what is nested deeper is not read as quotes
(its words stay in the post's ``html``), and the post gets an error that says so.
"""

from __future__ import annotations

from .models import Quote

MAX_QUOTE_DEPTH = 30


def read_deeper(depth: int) -> bool:
    """Whether the quotes inside a quote at ``depth`` (1 for a post's own quotes) are read."""
    return depth < MAX_QUOTE_DEPTH


def quote_depth(quotes: list[Quote]) -> int:
    """How many levels deep ``quotes`` go (0 for none)."""
    deepest, level = 0, quotes
    while level:
        deepest += 1
        level = [inner for quote in level for inner in quote.quotes]
    return deepest


def depth_errors(post_id: str, quotes: list[Quote]) -> list[str]:
    """The error to record for a post whose quotes reach the cap ([] for any other)."""
    if quote_depth(quotes) < MAX_QUOTE_DEPTH:
        return []
    return [f"post {post_id}: quotes nested {MAX_QUOTE_DEPTH} levels deep or more; those deeper are not read"
            " as quotes (they stay in the post's html)"]
