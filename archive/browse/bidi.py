"""Bidirectional-text controls in names, titles and URLs, made harmless and visible.

A forum member can call themselves ``"Eve\\u202egnp.exe"`` and be shown as ``Eveexe.png``: the
right-to-left override reverses what follows it, here and in whatever the page puts after the
name. The archive shows such text isolated (``<bdi dir="auto">``, so nothing inside can reorder
anything outside) and every control character that can reorder it replaced by a visible marker
such as ``[RLO]``, so a reader sees that the name was built to mislead. The letters themselves are
untouched: Arabic stays Arabic and, being isolated with ``dir="auto"``, is laid out right to left.

Which characters count:

- the explicit embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the
  Arabic letter mark (U+061C): always marked;
- the implicit marks LRM and RLM (U+200E, U+200F): Arabic and Hebrew writers use them to place
  punctuation and digits, so in text with right-to-left letters they are kept; in text without
  any (a Latin name, a URL's host and path as ASCII) they can only be there to reorder, and are
  marked. In a URL shown as text every one of them is marked: a URL must read as it resolves.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

# Short names shown in the marker, by code point.
ALWAYS_MARKED = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI", "\u061c": "ALM",
}
IMPLICIT_MARKS = {"\u200e": "LRM", "\u200f": "RLM"}
BIDI_CONTROLS = {**ALWAYS_MARKED, **IMPLICIT_MARKS}

_ALWAYS = re.compile("[" + "".join(ALWAYS_MARKED) + "]")
_ANY = re.compile("[" + "".join(BIDI_CONTROLS) + "]")
# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, ... and the Arabic
# presentation forms), whose writers have a use for LRM and RLM.
_RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")


def has_bidi_controls(text: str | None) -> bool:
    return bool(text) and _ANY.search(text) is not None


def _pattern(text: str, url: bool) -> re.Pattern:
    """The controls to mark in ``text``: all in a URL or text without right-to-left letters."""
    return _ANY if url or not _RTL_LETTERS.search(text) else _ALWAYS


def marker(control: str) -> str:
    return f"[{BIDI_CONTROLS[control]}]"


def plain(text: object, url: bool = False) -> str:
    """``text`` with its reordering controls replaced by visible markers, for places that take
    text only (a page's ``<title>``, a link's ``title`` attribute)."""
    if text is None:
        return ""
    text = str(text)
    return _pattern(text, url).sub(lambda found: marker(found.group()), text)


def isolated(text: object, url: bool = False) -> Markup:
    """``text`` escaped, its reordering controls shown as markers, inside ``<bdi dir="auto">``.

    Each marker is a ``<span class="bidi-control">`` whose title names the character, so the
    page can style it and a reader can hover it.
    """
    if text is None:
        return Markup("")
    text = str(text)
    pattern = _pattern(text, url)
    parts, last = [], 0
    for found in pattern.finditer(text):
        control = found.group()
        parts.append(escape(text[last:found.start()]))
        parts.append(Markup('<span class="bidi-control" title="U+{:04X} {}">{}</span>').format(
            ord(control), unicodedata.name(control, "BIDI CONTROL"), marker(control)))
        last = found.end()
    parts.append(escape(text[last:]))
    return Markup('<bdi dir="auto">{}</bdi>').format(Markup("").join(parts))


def isolated_path(parts: list[str], separator: str = " › ") -> Markup:
    """A breadcrumb (a forum's path), each part isolated on its own."""
    return Markup(escape(separator)).join(isolated(part) for part in parts)
