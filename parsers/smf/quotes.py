"""SMF quotes (``blockquote.bbc_standard_quote`` with a ``<cite>`` in 2.1; a ``div.quoteheader`` before the quote in 1.x and 2.0), nested."""

from __future__ import annotations

import re
from datetime import datetime

from ..budget import check_budget
from ..clock import ForumClock
from ..html_text import drop_node, element_text
from ..models import Quote
from ..quote_depth import read_deeper
from ..pack_dates import starts_with_date
from .common import TOPIC


_MSG = re.compile(r"msg[=_]?(\d+)")
# "في" is the Arabic pack's search_on ("مقتبس من: X في 14 تشرين الثاني 2023, …"): without it the
# date stayed in the author's name, and the quote had no time.
_CITATION = re.compile(r"^(?P<label>[^:]{1,40}):\s*(?P<who>.+)\s+(?:on|am|le|el|en|il|op|em|dnia|den|på|في)\s+"
                       r"(?P<when>.*\d.*)$", re.DOTALL)
# "<label>: X <on> <date>" where the pack's "on" is none of the words above: "от" (Russian), "-"
# (Hungarian), "poslato" (Croatian), "auf"... (see _split_at_date).
_LABELLED = re.compile(r"^[^:]{1,40}:\s*(?P<rest>.+)$", re.DOTALL)
_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}")
_CITATION_AUTHOR_ONLY = re.compile(r"^[^:]{1,40}:\s*(?P<who>.+?)\s*$", re.DOTALL)


# --- Quotes ----------------------------------------------------------------------------------


class _QuoteNodes:
    """A quote's body with the header before it (2.0, 1.x) or the ``<cite>`` inside it (2.1), and 2.0's footer."""

    __slots__ = ("body", "footer", "header")

    def __init__(self, body) -> None:
        self.body = body
        self.header = self.footer = None
        first = next((child for child in body if isinstance(child.tag, str)), None)
        if first is not None and first.tag == "cite":
            self.header = first
        else:
            previous = body.getprevious()
            if previous is not None and "quoteheader" in (previous.get("class") or ""):
                self.header = previous
        following = body.getnext()
        if following is not None and "quotefooter" in (following.get("class") or ""):
            self.footer = following


def _is_quote_body(node) -> bool:
    """A ``blockquote`` but a code box's, or a ``div.quote`` (the name's substring test first: this
    is asked of every div of every post, and few are quotes)."""
    classes = node.get("class") or ""
    if node.tag == "blockquote":
        return "code" not in classes
    return node.tag == "div" and "quote" in classes and "quote" in classes.split()


def top_level_quotes(element) -> list[_QuoteNodes]:
    """The quotes in ``element`` that no other quote in it holds (one walk: linear however deep
    they nest; testing each node against every quote found was cubic in the nesting).

    lxml's own iteration finds the candidates (a quote body is a ``blockquote`` or a ``div``), in
    document order, and the elements inside each outermost one, which are not outermost: still
    linear (the outermost quotes do not overlap), without a Python step for every element of the
    message.
    """
    found, inner = [], set()
    for node in element.iterdescendants("blockquote", "div"):
        if node not in inner and _is_quote_body(node):
            found.append(node)
            inner.update(node.iterdescendants("blockquote", "div"))
    return [_QuoteNodes(node) for node in found]


def _split_at_date(citation: str, clock: ForumClock) -> tuple[str, str] | None:
    """(X, date) of "<label>: X <word> <date>", the word being the language pack's "on" (SMF writes
    ``$txt['search_on']`` there: "on", "am", "от", "-", "poslato"...). Tried from the longest name
    down, and taken only where the rest opens with a whole date and its time of day that reads: a
    name's own words ("Team - 2") stay the name."""
    labelled = _LABELLED.match(citation)
    tokens = labelled.group("rest").split() if labelled else []
    for index in range(len(tokens) - 2, 0, -1):
        word, when = tokens[index], " ".join(tokens[index + 1:])
        if len(word) > 12 or any(c.isdigit() for c in word):
            continue
        if starts_with_date(when) and clock.local(when) is not None:
            return " ".join(tokens[:index]), when
    # A date of a shape the reader does not know ("2016年03月05日, 22:10:00", "2016 3月 05, 22:10:00"
    # after a pack's "日時", "于"): it is still no part of the name. It opens with a number after one
    # word (the pack's "on"), and a time of day follows. The first such place whose date reads is
    # taken; else the only such place, its date unread; with two or more and none read, no author
    # (a name's own number, "Team 2 于 …", or a word inside the date, "05 מרץ 2016", cannot tell).
    places = [index for index in range(2, len(tokens))
              if any(c.isdigit() for c in tokens[index]) and not any(c.isdigit() for c in tokens[index - 1])
              and len(tokens[index - 1]) <= 12 and _TIME_OF_DAY.search(" ".join(tokens[index:]))]
    for index in places:
        if clock.local(" ".join(tokens[index:])) is not None:
            return " ".join(tokens[:index - 1]), " ".join(tokens[index:])
    if len(places) == 1:
        return " ".join(tokens[:places[0] - 1]), " ".join(tokens[places[0]:])
    return None


def remove_quote(quote: _QuoteNodes) -> None:
    for node in (quote.header, quote.body, quote.footer):
        if node is not None:
            drop_node(node)


def read_quote(quote: _QuoteNodes, clock: ForumClock, quoting_time: datetime | None, depth: int = 1) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`; deeper ones stay in its text)."""
    check_budget()
    citation = " ".join(element_text(quote.header).split()) if quote.header is not None else None
    author = when = post_id = thread_id = None
    if citation:
        match = _CITATION.match(citation)
        split = _split_at_date(citation, clock) if not match else None
        if match:
            author, when = match.group("who").strip(), match.group("when")
        elif split:
            author, when = split
        elif (match := _CITATION_AUTHOR_ONLY.match(citation)) and not _TIME_OF_DAY.search(match.group("who")):
            author = match.group("who").strip()  # "Quote from: X" (no date); a rest with a time is no name
        for anchor in quote.header.iter("a"):
            href = anchor.get("href") or ""
            msg = _MSG.search(href)
            topic = TOPIC.search(href)
            post_id = post_id or (msg.group(1) if msg else None)
            thread_id = thread_id or (topic.group(1) if topic else None)
    if quote.header is not None and quote.header.getparent() is quote.body:
        drop_node(quote.header)
    nested = top_level_quotes(quote.body) if read_deeper(depth) else []
    published = clock.read(when) if when else None
    inner = [read_quote(q, clock, published or quoting_time, depth + 1) for q in nested]
    for q in nested:
        remove_quote(q)
    return Quote(author=author or None, author_id=None, post_id=post_id, thread_id=thread_id, published_at=published,
                 citation=citation or None, text=element_text(quote.body), quotes=inner)
