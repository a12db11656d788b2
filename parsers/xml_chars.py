"""Characters lxml refuses in a tree, taken out of a page before it is parsed.

Why: libxml2's HTML parser keeps C0 control characters (written raw, or as ``&#2;``) and the
non-characters U+FFFE and U+FFFF in the tree it builds, but lxml refuses them in any string set
back into a tree ("ValueError: All strings must be XML compatible"): one such character in a
post made every engine that edits its tree raise. Lone surrogates (JSON can carry them) cannot
even be encoded, by lxml or by the archive. None of them is anything a reader sees, so they go,
and a page with them reads as the page without them (form feed too, though HTML counts it as
white space: a space in its place would change words and attribute values that no reader sees
a space in).
"""

from __future__ import annotations

import re

_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Numeric references that may name a refused character (the replacement decides by value).
_REFERENCE = re.compile(
    r"&#(?:[xX]0*(?P<hex>1?[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F])|0*(?P<dec>[12]?[0-9]|3[01]|6553[45])(?![0-9]));?")
_KEPT = frozenset({0, 9, 10, 13})  # libxml2 reads &#0; as U+FFFD; the others are white space


def _without_reference(match: re.Match) -> str:
    value = int(match.group("hex"), 16) if match.group("hex") else int(match.group("dec"))
    return match.group() if value in _KEPT else ""


def xml_safe(text: str) -> str:
    """``text`` without the characters (raw or as numeric references) lxml refuses."""
    if _REFUSED.search(text):
        text = _REFUSED.sub("", text)
    if "&#" in text:
        text = _REFERENCE.sub(_without_reference, text)
    return text


def xml_safe_values(data):
    """A decoded JSON document with every string (keys too) made :func:`xml_safe`: its words go
    into trees and into the archive. One walk with its own stack: JSON may nest deep."""
    root = [data]
    stack = [(root, 0)]
    while stack:
        holder, key = stack.pop()
        value = holder[key]
        if isinstance(value, str):
            holder[key] = xml_safe(value)
        elif isinstance(value, list):
            stack.extend((value, index) for index in range(len(value)))
        elif isinstance(value, dict):
            cleaned = {xml_safe(k) if isinstance(k, str) else k: v for k, v in value.items()}
            holder[key] = cleaned
            stack.extend((cleaned, k) for k in cleaned)
    return root[0]
