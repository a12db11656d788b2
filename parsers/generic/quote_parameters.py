"""SMF's quote tag printed as its parameters: the member, post, topic and time a quote head names.

Why: SMF stores a quote as ``[quote author=NAME link=topic=T.msgM#msgM date=EPOCH]`` and its own
pages print it as "Quote from: NAME on DATE". A page made from SMF's database without SMF's BBCode
reader prints the parameters as they are: a static export of an SMF board (opendcl/forum-archive,
``<cite> author=SpEEDY link=topic=1155.msg6137#msg6137 date=1264611174 wrote:</cite>``). Read as a
"NAME wrote:" line, such a head is longer than any name, and the quote's author was dropped with
nothing to show it (a shorter head would have made the whole parameter string the author).

SMF takes the parameters in any order (``[quote link=... author=... date=...]`` too). The author is
what runs from ``author=`` to the next parameter or the closing "wrote:"; the date is a Unix time,
so in UTC (a tool writing no date puts 0: no time is read from it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

_AUTHOR = re.compile(r"(?:^|\s)author=(?P<who>.+?)(?=\s+(?:link|date)=|\s+wrote\s*:?\s*$|\s*$)", re.I)
_LINK = re.compile(r"(?:^|\s)link=topic=(?P<topic>\d+)(?:\.msg(?P<msg>\d+))?", re.I)
_DATE = re.compile(r"(?:^|\s)date=(?P<epoch>[1-9]\d{8,9})(?!\d)", re.I)


@dataclass
class QuoteParameters:
    """What an SMF quote head names: the quoted member, post, topic and the post's time (UTC)."""

    author: str
    post_id: str | None
    thread_id: str | None
    published_at: datetime | None


def quote_parameters(citation: str | None) -> QuoteParameters | None:
    """The parameters of an SMF quote head ("author=X link=topic=T.msgM#msgM date=E wrote:"), or
    None when ``citation`` is not one: an ``author=`` and a ``link=topic=`` or ``date=`` beside it."""
    if not citation or "author=" not in citation.lower():
        return None
    author, link, date = _AUTHOR.search(citation), _LINK.search(citation), _DATE.search(citation)
    if author is None or (link is None and date is None):
        return None
    who = author["who"].strip()
    if not who:
        return None
    published_at = datetime.fromtimestamp(int(date["epoch"]), timezone.utc) if date else None
    return QuoteParameters(author=who, post_id=link["msg"] if link else None,
                           thread_id=link["topic"] if link else None, published_at=published_at)
