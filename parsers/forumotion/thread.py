"""The thread around a Forumotion page's posts: id, title, boards above it, pages, next page.

Why from addresses: every version prints its topic URLs the same way, whatever its template:
``/t7-forums-regeln`` is topic 7's first page, ``/t7p15-forums-regeln`` the page starting after
post 15; boards are ``/f18-slug``, categories ``/c1-slug``. The page links in ``.pagination``
(or ``.paging``) give the page size (the offset of the link numbered N is (N-1) times it) and
the next page (the link with the smallest offset past this page's); where no numbered link
shows the size (the last page links back to page 1 only), the page's own number is the one the
pagination prints unlinked in ``<strong>``. Only links the page prints are followed: no page
address is made up.
"""

from __future__ import annotations

import re

from ..html_text import element_text
from ..models import Thread
from ..pagination import PageAddress, linked_next_page
from ..urls import absolute, urlsplit
from ..values import to_int as _int
from ..values import words as _words
from .versions import classes_of

TOPIC_PATH = re.compile(r"^/t(?P<id>\d+)(?:p(?P<start>\d+))?-(?P<slug>[^/?#]*)$")
_BOARD_PATH = re.compile(r"^/[cf]\d+-")


def topic_address(url: str | None) -> tuple[str | None, int, str | None]:
    """(topic id, offset of the page's first post, the topic's first-page URL) of a topic page address."""
    if not url:
        return None, 0, None
    parts = urlsplit(url)
    match = TOPIC_PATH.match(parts.path or "")
    if not match:
        return None, 0, None
    first_page = f"{parts.scheme}://{parts.netloc}/t{match.group('id')}-{match.group('slug')}"
    return match.group("id"), int(match.group("start") or 0), first_page


def topic_page_address(url: str) -> PageAddress | None:
    """The topic and the offset of the page's first post a topic page address names, None for others."""
    topic_id, start, _first_page = topic_address(url)
    return PageAddress(topic_id, start) if topic_id else None


class Pages:
    """This page's number, the page count and the next page's address, from the pagination links."""

    def __init__(self, root, url: str, topic_id: str | None, start: int) -> None:
        self.page, self.count, self.next_url, self.per_page = 1, 1, None, None
        links: dict[int, tuple[str, int | None]] = {}  # offset -> (href, printed page number)
        current = None  # the page number the pagination prints unlinked, in <strong>
        containers = _paginations(root)
        for container in containers:
            for strong in container.iter("strong", "b"):
                number = _int(_words(strong.itertext()))
                if number and strong.find(".//a") is None and current is None:
                    current = number
            for anchor in container.iter("a"):
                href = (anchor.get("href") or "").strip()
                target, offset, _first = topic_address(absolute(url, href))
                if target is None or target != topic_id:
                    continue
                number = _int(_words(anchor.itertext()))
                known = links.get(offset)
                links[offset] = (href, number or (known[1] if known else None))
        for offset, (_href, number) in links.items():
            if number and number > 1 and offset and offset % (number - 1) == 0:
                self.per_page = offset // (number - 1)
                break
        later = sorted(offset for offset in links if offset > start)
        if later:
            self.next_url = absolute(url, links[later[0]][0]).split("#", 1)[0]
        elif not containers:  # a template's pagination restyled (not found): the next page linked anywhere
            self.next_url = linked_next_page(root, url, topic_page_address, by_offset=True)
        if self.per_page:
            self.page = start // self.per_page + 1
        elif current:
            self.page = current
        numbers = [number for _href, number in links.values() if number]
        self.count = max([self.page, *numbers])


def _paginations(root) -> list:
    """The page-link blocks: ``.pagination`` in phpBB2, phpBB3, Invision and ModernBB, ``.paging`` in PunBB."""
    # The class attribute tested as a string first: splitting every element's classes cost more
    # than the rest of the walk.
    return [node for node in root.iter("div", "p", "td", "span")
            if "pag" in (node.get("class") or "") and {"pagination", "paging"} & set(classes_of(node))]


def title_and_forum(root) -> tuple[str | None, list[str]]:
    """The topic title (``h1.page-title``, ``h1.cattitle``, the Invision ``.maintitle`` heading, the
    AwesomeBB ``div.topic-header > h1``, else ``<title>``) and the boards above it: the breadcrumb's
    category and board links, outermost first."""
    title = None
    for node in root.iter("h1", "h2", "h3"):
        classes = classes_of(node)
        parent = node.getparent()
        if ("page-title" in classes or "cattitle" in classes
                or (parent is not None and {"maintitle", "topic-header"} & set(classes_of(parent)))):
            title = _words([element_text(node)]) or None
            if title:
                break
    if title is None:
        title = _words("".join(t.itertext()) for t in root.iter("title")) or None
    forum: list[str] = []
    for container in _breadcrumbs(root):
        for anchor in container.iter("a"):
            if _BOARD_PATH.match(urlsplit((anchor.get("href") or "").strip()).path or ""):
                name = _words([element_text(anchor)])
                if name and name not in forum:
                    forum.append(name)
        if forum:
            break
    return title, forum


def _breadcrumbs(root) -> list:
    """Invision's ``#navstrip``, phpBB3's ``.pathname-box``, ModernBB's ``.sub-header-path``,
    PunBB's ``.crumbs``, phpBB2's ``span.nav``, AwesomeBB's ``div#breadcrumbs``."""
    found = []
    for node in root.iter("ul", "div", "p", "span", "td"):
        value = node.get("class")
        if node.get("id") is None and not (value and ("crumbs" in value or "-box" in value or "-path" in value
                                                      or "nav" in value)):
            continue  # neither tested below (the class attribute as a string first: it is cheaper)
        classes = set(classes_of(node))
        if node.get("id") in ("navstrip", "breadcrumbs") or {"pathname-box", "sub-header-path", "crumbs"} & classes \
                or (node.tag == "span" and "nav" in classes):
            found.append(node)
    return found


def thread_of(root, url: str, canonical: str | None, pages: Pages, title: str | None, forum: list[str]) -> Thread:
    topic_id, _start, first_page = topic_address(canonical)
    if topic_id is None:
        topic_id, _start, first_page = topic_address(url)
    return Thread(id=topic_id, title=title, url=first_page or url.split("#", 1)[0], forum=forum,
                  page=pages.page, page_count=max(pages.count, pages.page))
