"""The thread around a MyBB page's posts: the board's zone, id, title, forum and pages."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

from ..clock import UTC, ForumClock
from ..html_text import element_text
from ..models import Thread
from ..pack_dates import UnnamedLanguageClock
from ..pagination import PageAddress
from ..urls import urljoin
from ..values import to_int as _int
from ..values import words as _words
from .common import PAGE_TITLE, THREAD_ID
from .parts import PageParts, printed, span_titles_text


_PAGE_IN_URL = re.compile(r"(?:-page-\d+(?=\.html)|[?&;]page=\d+|/page-\d+/?$)")
# What a URL to one post or one view of a thread adds to the thread's own URL: MyBB's friendly
# "thread-7-post-70.html", "thread-7-lastpost.html" (the rewrite rules of MyBB's htaccess.txt),
# and the query's post, page, mode (threaded/linear) and action.
_THREAD_PAGE_HTML = re.compile(r"(?:^|/)thread-(\d+)(?:-page-(\d+))?\.html")
_THREAD_IN_QUERY = re.compile(r"showthread\.php\?(?:[^#]*?[&;])?tid=(\d+)(?=$|[&;#])")
# Google SEO's "Thread-slug", written from the root or relative to it as themes link it
# ("Thread-Caulking-a-clinker-hull?page=2" on sinister.ly's pager).
_SEO_THREAD = re.compile(r"(?:^|/)Thread-([^/?#&]+)")
_PAGE_IN_QUERY = re.compile(r"[?&;]page=(\d+)(?=$|[&;#])")
_NOT_A_PAGE = re.compile(r"[?&;](?:pid|action|mode)=")
_POST_IN_PATH = re.compile(r"(thread-\d+)-(?:post-\d+|lastpost|newpost|nextnewest|nextoldest)(?=\.html)")
_VIEW_PARAMETERS = frozenset({"pid", "page", "mode", "action", "highlight"})
# Scripts that act on this thread and name its id: the Reply, Print and Send buttons
# ("newreply.php?tid=7", "printthread.php?tid=7", "sendthread.php?tid=7").
_THREAD_SCRIPT = re.compile(r"(?:newreply|printthread|sendthread)\.php\?(?:[^#]*?[&;])?tid=(\d+)")
_YEAR = re.compile(r"\d{4}")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([-/])(\d{1,2})\2(\d{4})(?!\d)")


def day_first_near(texts, captured_at: datetime) -> bool | None:
    """Day first (True) or month first (False), as dates printed near the capture time show.

    The footer's "Current time" and the dates MyBB 1.8 writes in the ``title`` of a relative date
    ("<span title="01-06-2024">Today</span>", "<span title="01-06-2024, 09:40 AM">2 hours ago</span>",
    my_date('relative') in inc/functions.php) fall within a day or two of the capture; of the two
    readings of an ambiguous "01-06-2024" only one does. None when no such date tells; dotted
    dates are left to the clock, which reads them day first.
    """
    day = captured_at.astimezone(UTC).date()
    for text in texts:
        for first, _separator, second, year in _NUMERIC_DATE.findall(text or ""):
            a, b = int(first), int(second)
            if a == b or a > 12 or b > 12:
                continue  # the same either way, or the clock sees the order itself
            month_first, day_first = _near(int(year), a, b, day), _near(int(year), b, a, day)
            if month_first != day_first:
                return day_first
    return None


def _near(year: int, month: int, day_of_month: int, day) -> bool:
    try:
        return abs((date(year, month, day_of_month) - day).days) <= 2
    except ValueError:
        return False


def current_time_text(page: PageParts) -> str:
    if page.current_time is None:
        return ""
    label = page.current_time.find("strong")  # "<strong>Current time:</strong> 2026-03-05, 12:41 PM"
    return printed(span_titles_text(page.current_time, skip=label))


def zone(page: PageParts, captured_at: datetime, day_first: bool | None = None,
         language: str | None = None) -> tzinfo | None:
    """The board's offset from UTC, from the footer's "Current time: ..." read against the capture
    time (to the quarter hour, in the day/month order ``day_first`` when known); None when the page
    has none or was not captured when it says (its times are then read as UTC, MyBB's default zone,
    and its errors say so). Read as the posts' dates are, in the page's ``language`` (its pack
    prints both): read in English, a Finnish "2024-06-01, klo 14.00" gave no zone, and every post
    was read two hours late."""
    if page.current_time is None:
        return None
    text = current_time_text(page)
    clock = (ForumClock if language else UnnamedLanguageClock)(captured_at, UTC, language)
    if day_first is not None:
        clock.day_first = day_first
    shown = clock.read(text)
    if shown is None:
        return None
    difference = shown - captured_at
    if not _YEAR.search(text):  # "Today, 12:41 PM": only the time of day is known
        while difference > timedelta(hours=14):
            difference -= timedelta(days=1)
        while difference < timedelta(hours=-12):
            difference += timedelta(days=1)
    if not timedelta(hours=-12) <= difference <= timedelta(hours=14):
        return None
    quarters = round(difference / timedelta(minutes=15))
    return timezone(timedelta(minutes=15 * quarters)) if quarters else UTC


def read_thread(root, page: PageParts, url: str, canonical: str | None) -> Thread:
    title = _words([element_text(page.active_crumb)]) if page.active_crumb is not None else None
    thread_id = page.thread_input
    for candidate in (canonical, url):
        if thread_id is None and candidate:
            match = THREAD_ID.search(candidate)
            thread_id = match.group(1) if match else None
    if thread_id is None:  # Google SEO's "Thread-slug" and no search box: the thread's own buttons
        thread_id = next((m.group(1) for a in root.iter("a") for m in [_THREAD_SCRIPT.search(a.get("href") or "")]
                          if m), None)
    number, count = _page_numbers(page.paginations[:1])
    first_page = page.pagination_link("pagination_first")
    if first_page is None and number and number > 1:
        first_page = next((a.get("href") for pagination in page.paginations[:1] for a in pagination.iter("a")
                           if _words(a.itertext()) == "1"), None)
    if canonical:
        thread_url = _first_page_url(urljoin(url, canonical))
    elif first_page:
        thread_url = urljoin(url, first_page).split("#", 1)[0]
    else:
        thread_url = _first_page_url(url)
    forum = [name for name in (_words([element_text(crumb)]) for crumb in _crumbs(page, url)) if name and name != title]
    return Thread(id=thread_id, title=title or _words(PAGE_TITLE(root)) or None, url=thread_url, forum=forum,
                  page=number or 1, page_count=max(count or 1, number or 1))


def _first_page_url(url: str) -> str:
    """The thread's own URL from the URL of one of its pages, posts or views: "showthread.php?tid=7"
    from "showthread.php?tid=7&pid=70&mode=threaded#pid70", "thread-7.html" from
    "thread-7-post-70.html" and "thread-7-page-2.html", "Thread-slug" from "Thread-slug?page=2"."""
    url = _POST_IN_PATH.sub(r"\1", url.split("#", 1)[0])
    base, mark, query = url.partition("?")
    if mark:
        pairs = query.split("&")
        kept = [pair for pair in pairs if pair.split("=", 1)[0] not in _VIEW_PARAMETERS]
        if len(kept) != len(pairs):
            url = base + ("?" + "&".join(kept) if kept else "")
    return _PAGE_IN_URL.sub("", url)


def next_page_link(page: PageParts) -> str | None:
    """The next page's link: ``a.pagination_next``, else (a theme that restyles multipage_nextpage
    without its class) the link numbered one past ``.pagination_current``."""
    link = page.pagination_link("pagination_next")
    if link is not None:
        return link
    number, _count = _page_numbers(page.paginations[:1])
    if number is None:
        return None
    return next((a.get("href") for pagination in page.paginations[:1] for a in pagination.iter("a")
                 if a.get("href") and _words(a.itertext()) == str(number + 1)), None)


def thread_page_address(address: str) -> PageAddress | None:
    """The thread and page number a MyBB page address names (``showthread.php?tid=7&page=3``,
    ``thread-7-page-3.html``, Google SEO's ``Thread-slug?page=3``; no page: 1); None for other
    links, a post's (``&pid=70``, ``thread-7-post-70.html``) and "last post" links too."""
    if _NOT_A_PAGE.search(address):
        return None
    match = _THREAD_PAGE_HTML.search(address)
    if match:
        return PageAddress(match[1], int(match[2] or 1))
    match = _THREAD_IN_QUERY.search(address) or _SEO_THREAD.search(address)
    if match is None:
        return None
    page = _PAGE_IN_QUERY.search(address)
    return PageAddress(match[1], int(page[1]) if page else 1)


def _crumbs(page: PageParts, url: str) -> list:
    """The breadcrumb items: ``span.nav_bit`` (1.8), else the links of ``.navigation`` (1.6), never
    the forum's own page list that 1.8 tucks into the breadcrumb; else the links of a theme's
    ``ol.breadcrumb`` or ``div.breadcrumb`` (Bootstrap themes and sinister.ly's "modern" rewrite
    the nav template as a list), one link a page."""
    if page.crumbs:
        return page.crumbs
    if page.navigation is None:
        if page.breadcrumb_list is None:
            return []
        return _one_link_a_page(list(page.breadcrumb_list.iter("a")), url)
    return [a for a in page.navigation.iter("a")
            if not any("pagination" in (d.get("class") or "") for d in a.iterancestors("div"))]


def _one_link_a_page(links: list, url: str) -> list:
    """The crumbs of a theme's list with two links in a row to one page made one, the one with
    more words, and without a link into this page ("#"), the thread's own crumb: sinister.ly's
    "modern" theme opens its list with a home glyph ("i", drawn by an icon font) linking to the
    index page the board's named crumb links to next, and ends it with ``<a href="#"
    class="active">`` and the thread's title; neither is a forum."""
    kept: list = []
    for link in links:
        href = link.get("href")
        if href and href.startswith("#"):
            continue
        if kept and href and urljoin(url, href) == urljoin(url, kept[-1].get("href") or ""):
            if len(_words(link.itertext())) > len(_words(kept[-1].itertext())):
                kept[-1] = link
            continue
        kept.append(link)
    return kept


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
