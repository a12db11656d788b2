"""The topic around an IP.Board 3 page's posts: id, title, forum, pages, next page."""

from __future__ import annotations

import copy
import math
import re

from ..html_text import drop_node
from ..markup import has_class
from ..models import Thread
from ..pagination import PageAddress
from ..urls import urljoin
from ..values import to_int as _int
from ..values import words as _words
from .page import PageParts

# showtopic=N (plain addresses), /topic/N-slug/ (friendly ones, also behind index.php?/), t=N (app=forums&...&t=N).
_TOPIC_ID = re.compile(r"(?:[?&;]showtopic=|/topic/|[?&;]t=)(\d+)")
# Where a page of a topic says which page it is: page__st__20 (3.0/3.1 FURLs), /page-2 (3.2+ FURLs,
# "varPage":"page-"), &st=20 (plain addresses).
_PAGE_PART = re.compile(r"(?:page__st__\d+|page-\d+/?|[?&;]st=\d+)")
_PAGE_OF = re.compile(r"(\d+)\D+?(\d+)")
_TOPIC_IN_QUERY = re.compile(r"[?&]showtopic=(\d+)(?=$|[&#])")
_TOPIC_IN_PATH = re.compile(r"/topic/(\d+)(?:-[^/?#&]*)?/?(?:page(?:__st__|-)\d+/?)?(?=$|[?#&])")
_PLACE_IN_ADDRESS = re.compile(r"(?:[?&]st=|page__st__)(\d+)|page-(\d+)")
_NOT_A_PAGE = re.compile(r"findpost|[?&](?:p|pid|view)=|__p__|__view__")


def read_thread(page: PageParts, url: str) -> Thread:
    names = _crumbs(page)
    title = page.heading() or _title_from_head(page.title, names)
    if names and title and names[-1] == title:
        names = names[:-1]  # a skin that lists the topic itself last
    thread_id = str(page.numbers["topic_id"]) if "topic_id" in page.numbers else None
    for candidate in (url, page.canonical(url), page.link_next):
        if thread_id:
            break
        match = _TOPIC_ID.search(candidate or "")
        thread_id = match.group(1) if match else None
    number, count = page_numbers(page)
    return Thread(id=thread_id, title=title, url=_first_page_url(page, url, thread_id), forum=names,
                  page=number or 1, page_count=max(count or 1, number or 1),
                  reply_count=page.numbers["total"] - 1 if page.numbers.get("total") else None)


def _crumbs(page: PageParts) -> list[str]:
    """The names of the top breadcrumb (``ol.breadcrumb``), the board first: each ``li``'s
    ``span[itemprop=title]`` (3.2+ microdata), else its words without the ``span.nav_sep`` arrow."""
    if page.crumbs is None:
        return []
    names = []
    for item in page.crumbs:
        if item.tag != "li" or has_class(item.get("class") or "", "right"):
            continue
        titled = [s for s in item.iter("span") if s.get("itemprop") == "title"]
        if titled:
            name = _words(titled[0].itertext())
        else:
            clone = copy.deepcopy(item)
            for arrow in [s for s in clone.iter("span") if has_class(s.get("class") or "", "nav_sep")]:
                drop_node(arrow)
            name = _words(clone.itertext())
        name = name.strip(" \u2192\u203a\u00bb>")
        if name:
            names.append(name)
    return names


def _title_from_head(title: str, crumbs: list[str]) -> str | None:
    """"Topic - Forum - Board" in ``<title>``: the topic is what comes before the forum's name."""
    if not title:
        return None
    for name in reversed(crumbs):
        marker = f" - {name}"
        if marker in title:
            return title.split(marker, 1)[0].strip() or None
    return None


def page_numbers(page: PageParts) -> tuple[int | None, int | None]:
    """(this page, page count): from the topic script's start, page size and post total, else
    from the pagination (``li.page.active``, "Page 1 of 3" in ``li.pagejump``)."""
    numbers = page.numbers
    if numbers.get("per_page") and "start" in numbers and numbers.get("total"):
        per_page = numbers["per_page"]
        return numbers["start"] // per_page + 1, math.ceil(numbers["total"] / per_page)
    current = count = None
    for holder in page.pagination:
        for item in holder.iter("li"):
            classes = item.get("class") or ""
            if current is None and has_class(classes, "active"):
                current = _int(_words(item.itertext()))
            elif count is None and has_class(classes, "pagejump"):
                match = _PAGE_OF.search(_words(item.itertext()))
                if match:
                    current, count = current or int(match.group(1)), int(match.group(2))
        if current:
            break
    return current, count


def next_page(page: PageParts, url: str) -> str | None:
    """The pagination's ``li.next`` link (``rel='next'``), else ``<link rel="next">``, else the
    link to the page after the active one."""
    href = None
    for holder in page.pagination:
        for item in holder.iter("li"):
            if has_class(item.get("class") or "", "next"):
                anchor = item.find(".//a")
                href = anchor.get("href") if anchor is not None else None
                break
        if not href:
            href = next((a.get("href") for a in holder.iter("a") if (a.get("rel") or "").lower() == "next"), None)
        if href:
            break
    href = href or page.link_next
    if not href:
        current, _count = page_numbers(page)
        for holder in page.pagination[:1]:
            href = next((a.get("href") for a in holder.iter("a")
                         if current and _int(_words(a.itertext())) == current + 1), None)
    if not href or not href.strip() or href.strip().startswith("#"):
        return None
    return urljoin(url, href.strip().replace("&amp;", "&")).split("#", 1)[0]


def topic_page_address(address: str) -> PageAddress | None:
    """The topic and page an IP.Board 3 page address names (``index.php?showtopic=42&st=20``,
    ``/topic/42-slug/page__st__20``, ``/topic/42-slug/page-2``; the offset ``st`` or the page
    number, whichever the board's addresses use; none: 1); None for other links, a post's
    (``findpost``, ``p=``, ``pid``) and the last or new post's (``view=getlastpost``) too."""
    if _NOT_A_PAGE.search(address):
        return None
    match = _TOPIC_IN_QUERY.search(address) or _TOPIC_IN_PATH.search(address)
    if match is None:
        return None
    place = _PLACE_IN_ADDRESS.search(address[match.start():])
    return PageAddress(match[1], int(place[1] or place[2]) if place else 1)


def _first_page_url(page: PageParts, url: str, thread_id: str | None) -> str | None:
    """The topic's own address, its page part taken off: the canonical link's (which names the page
    on later pages), else the fetched URL's."""
    base = page.canonical(url) or url
    if thread_id is None or not _TOPIC_ID.search(base):
        return urljoin(url, f"index.php?showtopic={thread_id}") if thread_id else None
    cleaned = _PAGE_PART.sub("", base.split("#", 1)[0])
    cleaned = cleaned.replace("?&", "?").rstrip("?&")
    return cleaned
