"""A board's listing of topics (``forum_page``): what changed since the archive last saw it."""

from __future__ import annotations

from ..dates import parse_iso
from ..html_text import element_text
from ..markup import xpath as _X
from ..models import ListedThread, PageResult
from ..urls import joined
from ..values import first as _first
from ..values import to_int as _int
from ..values import words as _words
from .common import ENGINE
from .thread import next_page


_TOPIC_ROW_LINK = _X(".//h4[contains(@class, 'ipsDataItem_title')]//a[contains(@href, '/topic/')]")
_TOPIC_ROW_NUMBERS = _X(".//ul[contains(@class, 'ipsDataItem_stats')]//*[contains(@class, 'ipsDataItem_stats_number')]/text()")
_TOPIC_ROW_LAST_POST = _X(".//ul[contains(@class, 'ipsDataItem_lastPoster')]//time/@datetime")


def forum_page(root, url: str, rows) -> PageResult:
    """A board or sub-forum listing: each topic with its reply count and last post time."""
    result = PageResult(kind="forum_page", url=url, engine=ENGINE)
    for row in rows:
        link = _first(_TOPIC_ROW_LINK(row))
        if link is None:
            continue
        numbers = [_int(n) for n in _TOPIC_ROW_NUMBERS(row)]
        result.listed_threads.append(ListedThread(
            url=joined(url, link.get("href")).split("#", 1)[0], id=row.get("data-rowid"),
            title=_words([element_text(link)]) or None, replies=numbers[0] if numbers else None,
            last_post_at=parse_iso(_first(_TOPIC_ROW_LAST_POST(row)))))
    pagination = _first(root.xpath("(//ul[contains(@class, 'ipsPagination')])[not(contains(@class, 'mini'))][1]"))
    result.next_page_url = next_page(root, url, pagination)
    return result
