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


def author_name_errors(post_id: str, name: str | None) -> list[str]:
    """What a post's author name says is wrong with it: none found, or one with no letter or digit
    ("????", U+FFFD runs: the page's bytes were decoded in another charset than its own, so the name
    is the decoder's stand-ins, not the member's; it is kept, but never silently)."""
    if not name:
        return [f"post {post_id}: no author name found"]
    if not any(c.isalnum() for c in name):
        return [f"post {post_id}: author name {name!r} has no letter or digit (a wrong character encoding?)"]
    if "\ufffd" in name:
        return [f"post {post_id}: author name {name!r} holds characters the page's charset could not decode"
                " (a wrong character encoding?)"]
    return []


def garbled_name_errors(posts, errors: list[str]) -> list[str]:
    """:func:`author_name_errors` for each post whose author's name is garbled (no letter or digit,
    or U+FFFD stand-ins) and of which no error in ``errors`` speaks yet.

    Why: the engines that check every name themselves (XenForo, vBulletin, IPS, phpBB) have said
    it already; the others kept such a name silently. A MyBB page whose windows-1256 bytes were
    labelled UTF-8 gave each post a name of stand-ins and no error (bench/fuzz_parsers.py,
    ``wrong_encoding``). The registry runs this once on every thread page, so no engine can miss it.
    """
    said = []
    for post in posts:
        name = post.author.name if post.author is not None else None
        if not name or ("\ufffd" not in name and any(c.isalnum() for c in name)):
            continue
        mark = f"post {post.post_id}: "
        if not any(error.startswith(mark) and "author name" in error for error in errors):
            said += author_name_errors(post.post_id, name)
    return said
