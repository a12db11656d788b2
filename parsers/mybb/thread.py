"""The thread around a MyBB page's posts: the board's zone, id, title, forum and pages."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from ..clock import UTC, ForumClock
from ..html_text import element_text
from ..models import Thread
from ..urls import urljoin
from ..values import to_int as _int
from ..values import words as _words
from .common import _PAGE_TITLE, _THREAD_ID
from .parts import _PageParts, _span_titles_text


_PAGE_IN_URL = re.compile(r"(?:-page-\d+(?=\.html)|[?&;]page=\d+|/page-\d+/?$)")
_YEAR = re.compile(r"\d{4}")


def _zone(page: _PageParts, captured_at: datetime):
    """The board's offset from UTC, from the footer's "Current time: ..." read against the capture
    time (to the quarter hour); UTC when the page has none or was not captured when it says."""
    if page.current_time is None:
        return UTC
    label = page.current_time.find("strong")  # "<strong>Current time:</strong> 2026-03-05, 12:41 PM"
    text = _span_titles_text(page.current_time, skip=label)
    shown = ForumClock(captured_at).read(text)
    if shown is None:
        return UTC
    difference = shown - captured_at
    if not _YEAR.search(text):  # "Today, 12:41 PM": only the time of day is known
        while difference > timedelta(hours=14):
            difference -= timedelta(days=1)
        while difference < timedelta(hours=-12):
            difference += timedelta(days=1)
    if not timedelta(hours=-12) <= difference <= timedelta(hours=14):
        return UTC
    quarters = round(difference / timedelta(minutes=15))
    return timezone(timedelta(minutes=15 * quarters)) if quarters else UTC


def _thread(root, page: _PageParts, url: str, canonical: str | None) -> Thread:
    title = _words([element_text(page.active_crumb)]) if page.active_crumb is not None else None
    thread_id = page.thread_input
    for candidate in (canonical, url):
        if thread_id is None and candidate:
            match = _THREAD_ID.search(candidate)
            thread_id = match.group(1) if match else None
    number, count = _page_numbers(page.paginations[:1])
    first_page = page.pagination_link("pagination_first")
    if first_page is None and number and number > 1:
        first_page = next((a.get("href") for pagination in page.paginations[:1] for a in pagination.iter("a")
                           if _words(a.itertext()) == "1"), None)
    if canonical:
        thread_url = _PAGE_IN_URL.sub("", urljoin(url, canonical).split("#", 1)[0])
    elif first_page:
        thread_url = urljoin(url, first_page).split("#", 1)[0]
    else:
        thread_url = _PAGE_IN_URL.sub("", url.split("#", 1)[0])
    forum = [name for name in (_words([element_text(crumb)]) for crumb in _crumbs(page)) if name and name != title]
    return Thread(id=thread_id, title=title or _words(_PAGE_TITLE(root)) or None, url=thread_url, forum=forum,
                  page=number or 1, page_count=max(count or 1, number or 1))


def _crumbs(page: _PageParts) -> list:
    """The breadcrumb items: ``span.nav_bit`` (1.8), else the links of ``.navigation`` (1.6), never
    the forum's own page list that 1.8 tucks into the breadcrumb."""
    if page.crumbs or page.navigation is None:
        return page.crumbs
    return [a for a in page.navigation.iter("a")
            if not any("pagination" in (d.get("class") or "") for d in a.iterancestors("div"))]


def _page_numbers(paginations) -> tuple[int | None, int | None]:
    """(this page, page count): ``.pagination_current`` and the highest page number shown."""
    number = count = None
    for pagination in paginations:
        for node in pagination.iter("span", "a"):
            value = _int(_words(node.itertext()))
            if value is None:
                pages = re.search(r"\((\d+)\)", _words(node.itertext()))  # "Pages (2):"
                value = int(pages.group(1)) if pages and "pages" in (node.get("class") or "") else None
            if value is None:
                continue
            if "pagination_current" in (node.get("class") or ""):
                number = value
            count = max(count or 0, value)
    return number, count
