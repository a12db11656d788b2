"""phpBB 2 quotes, nested: subSilver's ``table`` ("<span class="genmed"><b>X wrote:</b></span>" above
``td.quote``) and the ``div.quotetitle`` + ``div.quotediv`` of themes derived from it."""

from __future__ import annotations

import re

from ..budget import check_budget
from ..html_text import drop_node, element_text
from ..markup import has_class
from ..models import Quote
from ..quote_depth import read_deeper
from ..values import words as _words

# "{USERNAME} {L_WROTE}:" in phpBB 2's language packs; "{L_QUOTE}:" alone is an unattributed quote.
_WROTE = re.compile(
    r"^(?P<who>.+?)\s+(?:wrote|hat folgendes geschrieben|schrieb|a écrit|escribió|ha scritto|schreef|escreveu"
    r"|napisał(?:\(a\))?|napsal|писал(?:\(а\))?|пишет|написал(?:\(а\))?|skrev|kirjoitti|yazdı|έγραψε)\s*:?\s*$",
    re.S | re.I)


def _rows(table) -> list:
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("tbody", "thead"):
            rows.extend(row for row in child if row.tag == "tr")
    return rows


def _quote_cell(table):
    """The ``td.quote`` of a subSilver quote table (its own, not a nested table's), or None."""
    for row in _rows(table):
        for cell in row:
            if cell.tag == "td" and has_class(cell.get("class") or "", "quote"):
                return cell
    return None


def _div_parts(div):
    """(title, content) of a derived theme's quote: ``div.quotetitle`` + ``div.quotediv``."""
    title = content = None
    for child in div:
        if child.tag != "div":
            continue
        classes = child.get("class") or ""
        if title is None and has_class(classes, "quotetitle"):
            title = child
        elif content is None and (has_class(classes, "quotediv") or has_class(classes, "quotecontent")):
            content = child
    return (title, content) if title is not None and content is not None else (None, None)


def is_quote(node) -> bool:
    if node.tag == "table":
        return _quote_cell(node) is not None
    return node.tag == "div" and _div_parts(node)[1] is not None


def top_level_quotes(element) -> list:
    """The quotes below ``element`` that no other quote below it holds, in document order (what
    ``top_level(element, is_quote)`` finds), from lxml's own iteration over the tables and divs
    (a quote is one of them) instead of a Python step for every element of the post. The tables
    and divs inside each quote found are set aside once, so this stays linear however deep
    quotes nest."""
    found, inner = [], set()
    for node in element.iterdescendants("table", "div"):
        if node not in inner and is_quote(node):
            found.append(node)
            inner.update(node.iterdescendants("table", "div"))
    return found


def read_quote(node, depth: int = 1) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`). The nested quotes are
    taken out of this one's tree once read, so that its text is its own words."""
    check_budget()
    if node.tag == "table":
        content = _quote_cell(node)
        title_row = _rows(node)[0] if _rows(node) else None
        citation = _words([element_text(title_row)]) if title_row is not None and content not in title_row else ""
    else:
        title, content = _div_parts(node)
        citation = _words([element_text(title)])
    match = _WROTE.match(citation)
    nested = []
    if read_deeper(depth):
        for inner in top_level_quotes(content):
            nested.append(read_quote(inner, depth + 1))
            drop_node(inner)
    who = match.group("who").strip(" \u00ab\u00bb\"") if match else None
    return Quote(author=who or None, citation=citation or None, text=element_text(content), quotes=nested)
