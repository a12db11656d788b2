"""Characters lxml refuses in a tree, taken out of a page before it is parsed.

Why: libxml2's HTML parser keeps C0 control characters (written raw, or as ``&#2;``) and the
non-characters U+FFFE and U+FFFF in the tree it builds, but lxml refuses them in any string set
back into a tree ("ValueError: All strings must be XML compatible"): one such character in a
post made every engine that edits its tree raise. Lone surrogates (JSON can carry them) cannot
even be encoded, by lxml or by the archive. None of them is anything a reader sees, so they go,
and a page with them reads as the page without them (form feed too, though HTML counts it as
white space: a space in its place would change words and attribute values that no reader sees
a space in).

:func:`xml_safe_page` runs on every page, so it works on the UTF-8 bytes lxml is handed anyway
(deleting bytes is C-speed); :func:`loads_xml_safe` decodes JSON (API answers, JSON-LD, data
attributes), whose escapes ("\\u0002") pass the page's own clean-up.
"""

from __future__ import annotations

import json
import re

_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROL_BYTES = bytes(code for code in range(32) if code not in (9, 10, 13))
# Numeric references that may name a refused character: values 0 to 31, U+FFFE and U+FFFF.
_REFERENCE = (r"&#(?:[xX]0*(?P<hex>1?[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F])"
              r"|0*(?P<dec>[12]?[0-9]|3[01]|6553[45])(?![0-9]));?")
_KEPT = frozenset({0, 9, 10, 13})  # libxml2 reads &#0; as U+FFFD; the others are white space
# The same references less those of a kept value (the whole run of digits is 0, 9, 10 or 13), so
# that every match is removed without a Python call per match: a page may write "&#13;" at the
# end of each of its thousands of lines. (A reference holds no "&", so leaving a kept one unmatched
# cannot start another match inside it.)
_REFUSED_REFERENCE = r"&#(?!(?:[xX]0*[09aAdD](?![0-9a-fA-F])|0*(?:0|9|10|13)(?![0-9])))" + _REFERENCE[2:]
_REFERENCE_TEXT = re.compile(_REFUSED_REFERENCE)
_REFERENCE_BYTES = re.compile(_REFUSED_REFERENCE.encode())
# The characters lxml refuses but the surrogates, which no str that encodes to UTF-8 holds.
_REFUSED_CHARACTERS = (*(chr(code) for code in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))), "\ufffe", "\uffff")
# JSON escapes that decode to a character lxml refuses: a control character ("\\b" and "\\f" too),
# U+FFFE/U+FFFF, a surrogate (alone; a pair is one character, an emoji); and what to skip before
# looking for them: escaped backslashes (so "\\\\ud83d" in the JSON, the words "\\ud83d", is no
# escape) and surrogate pairs.
_REFUSED_ESCAPE = re.compile(r"\\(?:[bf]|u(?:00[01][0-9a-fA-F]|[fF]{3}[eEfF]|[dD][89a-fA-F][0-9a-fA-F]{2}))")
_HARMLESS_ESCAPES = re.compile(r"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def xml_safe(text: str) -> str:
    """``text`` without the characters (raw or as numeric references) lxml refuses."""
    if _REFUSED.search(text):
        text = _REFUSED.sub("", text)
    if "&#" in text:
        text = _REFERENCE_TEXT.sub("", text)
    return text


def xml_safe_page(text: str) -> bytes:
    """A decoded page as the UTF-8 bytes to parse, without the characters lxml refuses."""
    if not text.isascii() and ("\ufffe" in text or "\uffff" in text):
        text = text.replace("\ufffe", "").replace("\uffff", "")
    try:
        body = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        body = _SURROGATES.sub("", text).encode("utf-8")
    body = body.translate(None, _CONTROL_BYTES)
    if b"&#" in body:
        body = _REFERENCE_BYTES.sub(b"", body)
    return body


def loads_xml_safe(raw: str):
    """``json.loads(raw)``, its strings without the characters lxml refuses (see :func:`xml_safe_values`).
    Raises what ``json.loads`` raises (ValueError; RecursionError for JSON nested very deep).

    The walk over every decoded string runs only when the text holds such a character or an escape
    of one: not for a surrogate pair (JSON's way of writing an emoji, one character lxml takes),
    which used to send a quarter of a Flarum page's parse into the walk."""
    data = json.loads(raw)
    if holds_refused_character(raw) or ("\\" in raw and _REFUSED_ESCAPE.search(_HARMLESS_ESCAPES.sub("", raw))):
        data = xml_safe_values(data)
    return data


def holds_refused_character(text: str) -> bool:
    """Does ``text`` hold a character lxml refuses, as written? What ``_REFUSED.search`` asks, at
    a tenth of its cost on a long text (one C substring test per character, and an encoding, which
    fails on any surrogate): :func:`loads_xml_safe` asks it of every API answer and JSON-LD block."""
    if any(character in text for character in _REFUSED_CHARACTERS):
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def xml_safe_values(data):
    """A decoded JSON document with the refused characters taken out of every string (keys too):
    its words go into trees and into the archive. References ("&#2;") stay: in JSON they are
    words, not characters. One walk with its own stack: JSON may nest deep."""
    root = [data]
    stack = [(root, 0)]
    while stack:
        holder, key = stack.pop()
        value = holder[key]
        if isinstance(value, str):
            holder[key] = _REFUSED.sub("", value)
        elif isinstance(value, list):
            stack.extend((value, index) for index in range(len(value)))
        elif isinstance(value, dict):
            cleaned = {_REFUSED.sub("", k) if isinstance(k, str) else k: v for k, v in value.items()}
            holder[key] = cleaned
            stack.extend((cleaned, k) for k in cleaned)
    return root[0]
