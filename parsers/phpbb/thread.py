"""The thread around a phpBB page's posts: id, title, forum, pages, next page."""

from __future__ import annotations

import re

from ..html_text import element_text
from ..markup import xpath as _X
from ..models import Thread
from ..pagination import PageAddress, linked_next_page
from ..values import first as _first
from ..values import to_int as _int
from ..values import words as _words
from .common import PAGE_TITLE, START, TOPIC_ID, clean_url, without_start, words_of
from .parts import PageParts


_LINK_NEXT = _X("/html/head/link[@rel='next']/@href")
_NOT_A_PAGE = re.compile(r"[?&;](?:p|view)=")
_SEO_START = re.compile(r"(?:-t|/topic)\d+-(\d+)\.html")


def read_thread(root, page: PageParts, url: str, canonical: str | None) -> Thread:
    title_node, title_link = _title(page)
    title = _heading_title(title_node) if title_node is not None else None
    thread_id = page.topic_input if (page.topic_input or "").isdigit() else None
    for candidate in (canonical, url, title_link):
        if thread_id is None and candidate:
            match = TOPIC_ID.search(candidate)
            thread_id = match.group(1) if match else None
    topic_url = canonical or title_link
    topic_url = without_start(clean_url(url, topic_url)) if topic_url else without_start(clean_url(url, url))
    number, count = _page_numbers(page.paginations[:1])
    if not title:
        page_title = _words(PAGE_TITLE(root))
        title = (subject_in_page_title(page_title, page.posts) or _heading_ending(page_title, page.titles)
                 or page_title) if page_title else None
    return Thread(id=thread_id, title=title or None, url=topic_url,
                  forum=_breadcrumb(page.breadcrumb, title), page=number or 1, page_count=max(count or 1, number or 1))


# The prefix a reply's subject gets ("Re: ", and the packs' own: "AW:", "Odp:", "Ynt:", "Rif:"...).
_REPLY_PREFIX = re.compile(r"^(?:re|aw|sv|vs|odp|ynt|rif|res|antw|отв|rép)\s*(?:\[\d+\])?\s*:\s*", re.I)


def subject_in_page_title(page_title: str, blocks) -> str | None:
    """The topic's title as the page's ``<title>`` ends with it, found by the posts' subjects (a
    reply's without its "Re: "), for a style without a title heading: the ``<title>`` alone also
    holds the board's name and the pack's "View topic" ("EagleCraft - Consulter le sujet : X").
    A post's subject is its ``h3``, or "acidtech"'s ``div.postsubject`` (a subsilver2 style).
    None when no subject ends the ``<title>``."""
    lowered = page_title.lower()
    best = 0
    for block in blocks:
        heading = next(block.iter("h3"), None)
        if heading is None:
            heading = next((div for div in block.iter("div") if "postsubject" in (div.get("class") or "").split()), None)
        subject = _REPLY_PREFIX.sub("", _words([element_text(heading)])) if heading is not None else ""
        if len(subject) > max(best, 2) and lowered.endswith(subject.lower()):
            best = len(subject)
    return page_title[-best:] if best else None


def _heading_ending(page_title: str, headings) -> str | None:
    """The words of the first ``h2`` that end the page's ``<title>``, for a style whose topic heading
    has neither the class nor a link to the topic (a Raspberry Pi forum's "raspite": "<h2>omxplayer
    playing from pipe ...</h2>", its ``<title>`` "Raspberry Pi • View topic - omxplayer playing from
    pipe ..."): the title was the whole ``<title>``, the board's name and "View topic" with it."""
    lowered = page_title.lower()
    for heading in headings:
        words = _words([element_text(heading)])
        if len(words) > 2 and words != page_title and lowered.endswith(words.lower()):
            return words
    return None


def _title(page: PageParts):
    """The topic title heading and its link: ``h2.topic-title`` (3.1+), else the first ``h2`` whose
    link leads to the topic (3.0)."""
    fallback = None
    for h2 in page.titles:
        anchor = next(h2.iterdescendants("a"), None)  # find(".//a"), without ElementPath's cost
        href = anchor.get("href") if anchor is not None else None
        if "topic-title" in (h2.get("class") or ""):
            return h2, href
        if fallback is None and href and ("viewtopic" in href or TOPIC_ID.search(href)):
            fallback = (h2, href)
    return fallback or (None, None)


def _heading_title(heading) -> str:
    """The topic's title from its heading: the words of the heading's link to the topic, which
    prints TOPIC_TITLE alone, when the link opens the heading and more follows it (words appended through
    viewtopic_topic_title_append: "Topic Solved", tierra/topicsolved, adds a "[Solved]" link to
    the solving post, which became part of the title); else the heading's words."""
    anchor = heading[0] if len(heading) > 1 and not (heading.text or "").strip() else None
    if anchor is not None and anchor.tag == "a" and TOPIC_ID.search(anchor.get("href") or ""):
        own = _words([element_text(anchor)])
        if own:
            return own
    return _words([element_text(heading)])


def _breadcrumb(item, title: str | None) -> list[str]:
    """Forum names above the topic, outermost first: ``.crumb`` items (3.1+) or the 3.0 links."""
    if item is None:
        return []
    crumbs = [node for node in item.iter("span") if "crumb" in (node.get("class") or "").split()]
    nodes = crumbs or [a for a in item.iter("a")]
    names = []
    for node in nodes:
        name = _words([element_text(node)])
        if name and name != title:
            names.append(name)
    return names


def _page_numbers(paginations) -> tuple[int | None, int | None]:
    """(this page, page count) from a ``.pagination`` block.

    "Page <strong>1</strong> of <strong>2</strong>" where the block prints it (3.0, and 3.1+ on
    single pages or in the page-jump menu); the ``li.active`` item and the highest page link in 3.1+.
    """
    number = count = None
    for pagination in paginations:
        strongs = [_int(words_of(s)) for s in pagination.iter("strong")]
        strongs = [n for n in strongs if n]
        numbers = [n for n in (_int(words_of(a)) for a in pagination.iter("a", "span")) if n]
        for li in pagination.iter("li"):
            if "active" in (li.get("class") or "").split():
                number = _int(words_of(li)) or number
        if number is None and strongs:
            number = strongs[0]
        if len(strongs) >= 2:
            count = strongs[1]
        if numbers or number:
            count = max([count or 0, number or 0, *numbers])
    return number, count


def next_page(root, page: PageParts, url: str) -> str | None:
    href = None
    for pagination in page.paginations:
        for anchor in pagination.iter("a"):
            parent = anchor.getparent()
            if anchor.get("rel") == "next" or (parent is not None and parent.tag == "li"
                                               and "next" in (parent.get("class") or "").split()):
                href = anchor.get("href")
                break
        if href:
            break
        # 3.0: "<strong>1</strong><span class="page-sep">, </span><a href="...start=30">2</a>", in a
        # <span> (prosilver) or straight in the list around the "Go to page" link (subsilver2)
        for strong in pagination.iter("strong"):
            parent = strong.getparent()
            if parent is None or (parent.tag != "span" and parent is not pagination):
                continue
            following = next((s for s in strong.itersiblings() if s.tag == "a"), None)
            if following is not None:
                href = following.get("href")
                break
        if href:
            break
    if not href and page.display_options is not None:
        anchor = next((a for a in page.display_options.iter("a") if "right-box" in (a.get("class") or "")), None)
        href = anchor.get("href") if anchor is not None else None
    href = href or _first(_LINK_NEXT(root))
    if not href and not page.paginations:
        # No pager found (a style that restyled it): the topic's next start linked anywhere.
        href = linked_next_page(root, url, topic_address, by_offset=True)
    return clean_url(url, href).split("#", 1)[0] if href and not href.startswith("#") else None


def topic_address(address: str) -> PageAddress | None:
    """The topic and the start of the page a phpBB page address names (``viewtopic.php?t=5&start=30``,
    ``/viewtopic/t-5/start-30/``, an SEO mod's ``-t5-30.html``; no start: 0); None for other links,
    a post's (``?p=123``) and the next or previous topic's (``view=next``) too."""
    topic = TOPIC_ID.search(address)
    if topic is None or _NOT_A_PAGE.search(address):
        return None
    start = START.search(address) or _SEO_START.search(address)
    return PageAddress(topic[1], int(start[1]) if start else 0)
