"""Invision Community quotes (``blockquote.ipsQuote`` with ``data-ipsquote-*``), nested, with their citations read."""

from __future__ import annotations

from datetime import datetime

from ..budget import check_budget
from ..dates import from_unix, parse_text_date, split_ips_citation
from ..html_text import element_text, without
from ..markup import top_level_blockquotes
from ..models import Quote
from ..quote_depth import read_deeper
from .common import QUOTES


def quote(blockquote, quoting_time: datetime, depth: int = 1) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`); ``quoting_time``
    resolves a bare "6 hours ago"."""
    check_budget()
    attrs = blockquote.attrib
    citation_node = contents = None
    for child in blockquote:
        classes = child.get("class") or "" if child.tag.__class__ is str else ""
        if citation_node is None and "ipsQuote_citation" in classes:
            citation_node = child
        elif contents is None and "ipsQuote_contents" in classes:
            contents = child
    citation = element_text(citation_node) if citation_node is not None else None
    body = contents if contents is not None else without(blockquote, "./*[contains(@class, 'ipsQuote_citation')]")
    when_text, who = split_ips_citation(citation or "")
    published = from_unix(attrs.get("data-ipsquote-timestamp"))
    if published is None and when_text:
        published = parse_text_date(when_text, quoting_time)
    return Quote(
        author=attrs.get("data-ipsquote-username") or who,
        author_id=_member(attrs.get("data-ipsquote-userid")),
        post_id=attrs.get("data-ipsquote-contentcommentid") or None,
        thread_id=attrs.get("data-ipsquote-contentid") or None,
        published_at=published,
        citation=citation,
        text=element_text(body, skip=QUOTES),
        quotes=[quote(bq, published or quoting_time, depth + 1) for bq in top_level_blockquotes(body)]
        if read_deeper(depth) else [],
    )


def _member(user_id: str | None) -> str | None:
    """A quoted member's id; IPS writes 0 for a guest, who has none."""
    return user_id if user_id and user_id.strip() != "0" else None
