"""The topic around an SMF page's posts: the forum's UTC offset, title, boards, id, pages and starter."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ..clock import ForumClock
from ..dates import parse_iso
from ..html_text import element_text
from ..markup import xpath as _X
from ..models import Author, PageResult
from ..pagination import PageAddress, linked_next_page
from ..urls import urljoin, without_session
from .clock import SmfClock
from .common import TOPIC
from .parts import PageParts, Raw


_TOPIC_START = re.compile(r"topic[=,]\d+\.(\d+)(?![\d.])")
# SMF 2.0's page index links (``a.navPages``), for a theme that prints them in a holder of its own.
_NAV_PAGES = _X("//a[contains(concat(' ', normalize-space(@class), ' '), ' navPages ')][1]")
# "بواسطة" is the Arabic packs' "by" ("بدء بواسطة X, <date>"): without it an Arabic page 2 had no starter.
_STARTER = re.compile(r"^\S+(?:\s+\S+)?\s+(?:by|von|par|por|da|door|av|بواسطة)\s+(?P<who>.+?),\s+(?P<when>.*\d.*)$",
                      re.DOTALL)
_TOPIC_PAGE = re.compile(r"topic=(\d+)\.\d+(?:;all)?")
_TOPIC_ADDRESS = re.compile(r"topic[=,](\d+)(?:\.(\d+))?(?=$|[;&#/]|\.html)")
_TOPIC_PAGE_HTML = re.compile(r"topic,(\d+)\.\d+\.html")
# SMF 2.0's core theme prints its link tree as ``ul.linktree`` (``#linktree_upper``), not in ``div.navigate_section``.
_LINKTREE = _X("//ul[@id='linktree_upper' or @class='linktree']")
_READ_TIMES = re.compile(r"\s*\(\s*[^\W\d_][^()\d]*\s[\d.,\s]+\s*[^\W\d_][^()\d]*\)\s*$")


# --- Thread ----------------------------------------------------------------------------------


def forum_offset(page: PageParts, captured_at: datetime, language: str | None) -> timedelta | None:
    """SMF 2.1 prints the current time as UTC in ``datetime`` and as the forum's clock in the text;
    None when no such pair is on the page (1.x and 2.0 state no zone: the page's errors say so)."""
    for node in page.times[:3]:
        utc = parse_iso(node.get("datetime"))
        shown = SmfClock(captured_at, language=language, labelled=True).local(element_text(node))
        if utc is None or shown is None:
            continue
        minutes = round((shown - utc.replace(tzinfo=None)).total_seconds() / 900) * 15
        if abs(minutes) <= 14 * 60:
            return timedelta(minutes=minutes)
    return None


def title_and_forum(page: PageParts) -> tuple[str | None, list[str]]:
    """The topic's title and the boards above it, from the link tree (the topic is its last item)."""
    if page.navigate is not None:
        names = [_crumb_name(li) for li in page.navigate.iter("li")]
    elif page.nav_1x is not None:
        names = [" ".join(element_text(a).split()) for a in page.nav_1x.iter("a") if a.get("class") == "nav"]
    else:
        tree = next(iter(_LINKTREE(page.root)), None)
        names = [_crumb_name(li) for li in tree.iter("li")] if tree is not None else []
    names = [n for n in names if n]
    title = _top_subject(page)
    if names and (title is None or names[-1] == title):
        title = title or names[-1]
        names = names[:-1]
    return title or page.title or None, names


def _crumb_name(li) -> str:
    """A link tree item's name: its link's words where it has one, since SMF writes the board's
    moderators after the link in the same item ("Board (Moderator: X)", the item's ``extra_after``)."""
    link = next((a for a in li.iter("a") if a.get("href") and element_text(a).strip()), None)
    text = element_text(link if link is not None else li)
    return " ".join(text.replace("\u25ba", " ").split()).strip("»›> ").strip()


def _top_subject(page: PageParts) -> str | None:
    if page.top_subject is None:
        return None
    text = " ".join(element_text(page.top_subject).split())
    if _READ_TIMES.search(text):
        # 1.x and 2.0: "Topic: Title  (Read 1050 times)"
        text = _READ_TIMES.sub("", text)
        # The label only ("Topic: FAQ: Title" keeps "FAQ: Title"): a two-word label's first word has no colon.
        text = re.sub(r"^(?:[^:\s]+\s+)?[^:\s]{1,20}:\s+", "", text, count=1)
    return text or None


def thread_id_of(page: PageParts, canonical: str | None, url: str, raws: list[Raw]) -> str | None:
    for candidate in (canonical, url, *page.topic_values):
        if candidate and candidate.isdigit():
            return candidate
        match = TOPIC.search(candidate or "")
        if match:
            return match.group(1)
    for anchor in raws[0].subject.iter("a"):
        match = TOPIC.search(anchor.get("href") or "")
        if match:
            return match.group(1)
    return None


def topic_url(address: str, thread_id: str | None) -> str:
    """The topic's first page: ``topic=N.0`` for SMF's own URL styles, else the address without its fragment."""
    address = without_session(address.split("#", 1)[0])
    if thread_id and thread_id.isdecimal():
        # Patterns compiled once, the topic compared in Python: a pattern made with the topic's
        # number was compiled anew for each topic of a crawl (the digits before the "." are the
        # whole number, so this is the same test).
        address = _TOPIC_PAGE.sub(lambda m: f"topic={thread_id}.0" if m[1] == thread_id else m[0], address)
        address = _TOPIC_PAGE_HTML.sub(lambda m: f"topic,{thread_id}.0.html" if m[1] == thread_id else m[0], address)
    elif thread_id:  # "digits" ``\d`` does not match ("²"), from a page's own topic field
        address = re.sub(rf"topic=({thread_id})\.\d+(?:;all)?", r"topic=\1.0", address)
        address = re.sub(rf"topic,({thread_id})\.\d+\.html", r"topic,\1.0.html", address)
    return address


class Pagination:
    """Page N of M and the next page, from the page links ("Pages: [1] 2 3", ``span.current_page``)."""

    def __init__(self, page: PageParts, url: str) -> None:
        self.links: dict[int, str] = {}
        self.per_page: int | None = None
        current = None
        # The links are printed above and below the posts: the first holder with page links is enough.
        # A theme that prints SMF 2.0's page index in a bare element of its own (a Bulma theme: a
        # <span> after "Pages:"): the element holding its first page link.
        holders = page.page_links_holders or [link.getparent() for link in _NAV_PAGES(page.root)]
        for holder in holders:
            for node in holder.iter("a", "span", "strong", "b"):
                text = element_text(node).strip()
                if not text.isdigit():
                    continue
                classes = node.get("class") or ""
                if node.tag == "a":
                    if node.get("href") and ("navPages" in classes or "nav_page" in classes or not classes):
                        self.links.setdefault(int(text), node.get("href"))
                elif current is None and (node.tag != "span" or "current_page" in classes):
                    current = int(text)  # 2.1: span.current_page; 1.x and 2.0: "[<b>1</b>]"
            if self.links or current is not None:
                break
        match = _TOPIC_START.search(url)
        url_start = int(match.group(1)) if match else None
        self._per_page()
        if current is None and url_start is not None and self.per_page:
            current = url_start // self.per_page + 1
        self.page = current or 1
        self.count = max([self.page, *self.links])
        if url_start is not None:
            self.start = url_start
        elif self.per_page:
            self.start = (self.page - 1) * self.per_page
        else:
            self.start = 0 if self.page == 1 else None

    def _per_page(self) -> None:
        for number, href in self.links.items():
            match = _TOPIC_START.search(href)
            if match and number > 1 and int(match.group(1)) > 0:
                self.per_page = int(match.group(1)) // (number - 1)
                return

    def next_url(self, page: PageParts, url: str, root) -> str | None:
        """The next page from the page links; when the theme's page links were not found at all,
        from ``<link rel="next">``, else from a link to the topic's next offset anywhere on the page
        (:mod:`parsers.pagination`): without them the page looked like the topic's only page."""
        pager_found = bool(self.links or page.page_links_holders)
        link_next = page.link_next
        if link_next and "prev_next" in link_next:
            # SMF 2.0 heads every topic with ``<link rel="next" href="...topic=N.0;prev_next=next">``: the
            # next topic of the board, never this topic's next page.
            link_next = None
        href = self.links.get(self.page + 1) or (link_next if self.page < self.count or not pager_found else None)
        if not href and not pager_found:
            found = linked_next_page(root, url, topic_address, page.canonical, by_offset=True)
            return without_session(found) if found else None
        return without_session(urljoin(url, href.strip()).split("#", 1)[0]) if href and href.strip() else None


def topic_address(address: str) -> PageAddress | None:
    """The topic and the offset of the first post an SMF page address names (``topic=7.20``,
    ``topic,7.20.html``; no offset: 0); None for other links, a post's (``topic=7.msg45``) too."""
    match = _TOPIC_ADDRESS.search(address)
    return PageAddress(match[1], int(match[2] or 0)) if match else None


def thread_starter(page: PageParts, result: PageResult, clock: ForumClock) -> None:
    """Page 1's first post, else SMF 2.1's "Started by X, <date>" under the title."""
    thread = result.thread
    if thread.page == 1 and result.posts and result.posts[0].position == 1:
        thread.starter, thread.started_at = result.posts[0].author, result.posts[0].published_at
        return
    line = page.display_head.find("p") if page.display_head is not None else None
    match = _STARTER.match(" ".join(element_text(line).split())) if line is not None else None
    if match:
        thread.starter = Author(name=match.group("who"))
        thread.started_at = clock.read(match.group("when"))
