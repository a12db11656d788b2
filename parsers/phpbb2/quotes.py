"""phpBB 2 quotes, nested: subSilver's ``table`` ("<span class="genmed"><b>X wrote:</b></span>" above
``td.quote``) and the ``div.quotetitle`` + ``div.quotediv`` of themes derived from it."""

from __future__ import annotations

import re

from ..budget import check_budget
from ..clock import UTC, offset_zone
from ..html_text import drop_node, element_text
from ..markup import has_class
from ..models import Quote
from ..quote_depth import read_deeper
from ..values import words as _words
from .pack_dates import in_english

# "{USERNAME} {L_WROTE}:" in phpBB 2's language packs ($lang['wrote'] of lang_main.php; the Thai
# pack's is "บันทึก"); "{L_QUOTE}:" alone is an unattributed quote.
_WROTE = re.compile(
    r"^(?P<who>.+?)\s+(?:wrote|hat folgendes geschrieben|schrieb|a écrit|escribió|escrito|dijo|ha scritto|schreef"
    r"|escreveu|napisał|napsal|napísal|je napisal|je napisao|писал|пишет|написал|пише|írta|skrev|kirjoitti|yazdı"
    r"|έγραψε|כתב|บันทึก)(?:\s*\([aа]\)|/l?a)?\s*:?\s*$",  # "napisał(a)", "napisał/a": both genders
    re.S | re.I)


# A modified board's quote head: "<b>Zitat - </b>X hat folgendes geschrieben:", the bold label before the name.
_LABEL_END = ("-", ":", "\u2013")
# Its first line in td.quote: "(Datum Originalbeitrag: 20.05.2016 16:05 GMT +1)", the quoted post's time.
_ORIGINAL_DATE = re.compile(r"^\(\s*[^():]{3,40}:\s*(?P<when>.+?)\s+GMT\s*(?:(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})"
                            r"(?:[.:](?P<part>\d{1,2}))?)?\s*\)$")


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


def read_quote(node, depth: int = 1, clock=None) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`). The nested quotes are
    taken out of this one's tree once read, so that its text is its own words. ``clock`` (the
    post's :class:`parsers.clock.ForumClock`) reads the quoted post's time where a modified board
    prints it ("(Datum Originalbeitrag: 20.05.2016 16:05 GMT +1)")."""
    check_budget()
    label = ""
    if node.tag == "table":
        content = _quote_cell(node)
        title_row = _rows(node)[0] if _rows(node) else None
        citation = _words([element_text(title_row)]) if title_row is not None and content not in title_row else ""
        label = _bold_label(title_row) if citation else ""
    else:
        title, content = _div_parts(node)
        citation = _words([element_text(title)])
    match = _WROTE.match(citation[len(label):].strip() if label and citation.startswith(label) else citation)
    published, dated = _original_date(content, clock)
    if dated:
        citation = _words([citation, dated])
    nested = []
    if read_deeper(depth):
        for inner in top_level_quotes(content):
            nested.append(read_quote(inner, depth + 1, clock))
            drop_node(inner)
    who = match.group("who").strip(" \u00ab\u00bb\"") if match else None
    return Quote(author=who or None, citation=citation or None, published_at=published, text=element_text(content),
                 quotes=nested)


def _bold_label(title_row) -> str:
    """The words of a bold label that opens a quote head and ends in a dash or colon ("Zitat -"),
    or ""; a bold "X wrote:" (subSilver's own head) is no label: a name follows none."""
    for span in title_row.iter("span"):
        bold = span[0] if len(span) and span[0].tag == "b" and not (span.text or "").strip() else None
        if bold is None or not (bold.tail or "").strip():
            return ""
        words = _words([element_text(bold)])
        return words if words.endswith(_LABEL_END) else ""
    return ""


def _original_date(content, clock):
    """(the quoted post's time or None, the words of its line) from the first element of the quote
    cell, "(Datum Originalbeitrag: 20.05.2016 16:05 GMT +1)", which is taken out of the quoted
    words; (None, "") when the cell opens otherwise."""
    first = next(iter(content), None) if content is not None else None
    if first is None or first.tag != "span" or (content.text or "").strip():
        return None, ""
    words = _words([element_text(first)])
    match = _ORIGINAL_DATE.match(words)
    if not match:
        return None, ""
    following = first.getnext()
    for _ in range(2):  # the <br /><br /> after the line
        if following is None or following.tag != "br" or (first.tail or "").strip():
            break
        after = following.getnext()
        drop_node(following)
        following = after
    drop_node(first)
    published = None
    if clock is not None:
        wall = clock.local(in_english(match.group("when"), clock.primary))
        zone = (offset_zone(match.group("sign"), match.group("hours"), match.group("part"))
                if match.group("hours") else UTC)
        if wall is not None and zone is not None:
            published = wall.replace(tzinfo=zone).astimezone(UTC)
    return published, words
