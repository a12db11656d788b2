"""The topic around an ElkArte page's posts: its title, boards, id, page number and next page.

ElkArte keeps SMF 2.0's addresses (``index.php?topic=77.15``: the topic and the offset of the
page's first post) and page index (``ul.pagelinks``: ``a.navPages`` for the other pages,
``strong.current_page`` for this one; the theme's ``page_index_template``). The link tree is
``.navigate_section`` (its last item the topic). So the page addresses are read by SMF's own reader
(:func:`parsers.smf.thread.topic_address`).
"""

from __future__ import annotations

import re

from ..html_text import element_text
from ..markup import has_class
from ..pagination import linked_next_page
from ..smf.thread import topic_address
from ..urls import urljoin, without_session
from ..values import words

_TOPIC = re.compile(r"topic[=,](\d+)")
# The offset of ``topic=77.15`` and of the queryless ``index.php/topic,77.15.html`` (queryless_urls).
_START = re.compile(r"topic[=,]\d+\.(\d+)(?:(?![\d.])|(?=\.html))")


class Pagination:
    """Page N of M, the posts a page holds, and the next page, from the page index."""

    def __init__(self, root, url: str) -> None:
        self.links: dict[int, str] = {}
        current = None
        for holder in root.iter("ul", "div", "nav"):
            if not has_class(holder.get("class") or "", "pagelinks"):
                continue
            for node in holder.iter("a", "strong"):
                text = words(node.itertext())
                if not text.isdigit():
                    continue
                if node.tag == "a" and node.get("href"):
                    self.links.setdefault(int(text), node.get("href"))
                elif node.tag == "strong" and current is None:
                    current = int(text)
            break  # printed above and below the posts: the first is enough
        self.per_page = next((int(m.group(1)) // (n - 1) for n, href in sorted(self.links.items())
                              if n > 1 and (m := _START.search(href)) and int(m.group(1)) > 0), None)
        start = _START.search(url)
        self.start = int(start.group(1)) if start else None
        if current is None and self.start is not None and self.per_page:
            current = self.start // self.per_page + 1
        self.page = current or 1
        self.count = max([self.page, *self.links])
        if self.start is None:
            self.start = (self.page - 1) * self.per_page if self.per_page else (0 if self.page == 1 else None)

    def next_url(self, root, url: str, canonical: str | None) -> str | None:
        """The page index's link to the next page; a page without a page index we know: the link
        to the topic's next offset anywhere on it (:func:`parsers.pagination.linked_next_page`)."""
        href = self.links.get(self.page + 1)
        if href:
            return without_session(urljoin(url, href.strip()).split("#", 1)[0])
        if self.links:
            return None
        found = linked_next_page(root, url, topic_address, canonical, by_offset=True)
        return without_session(found) if found else None


def title_and_forum(root, posts) -> tuple[str | None, list[str]]:
    """The topic's title and the boards above it, from the link tree (the topic is its last item);
    without a link tree, the first post's subject."""
    names = []
    for holder in root.iter("ul", "div", "nav"):
        if has_class(holder.get("class") or "", "navigate_section") or holder.get("id") == "navigate_section":
            names = [_crumb(li) for li in holder.iter("li") if not has_class(li.get("class") or "", "unread_links")]
            break
    names = [name for name in names if name]
    if names:
        return names[-1], names[:-1]
    subject = None
    if posts and posts[0].block is not None:
        wanted = f"post_subject_{posts[0].post_id}"
        node = next((n for n in posts[0].block.iter("h2", "span") if n.get("id") == wanted), None)
        subject = words(node.itertext()) if node is not None else None
    return subject, []


def _crumb(li) -> str:
    link = next((a for a in li.iter("a") if a.get("href")), None)
    return words(element_text(link if link is not None else li).replace("\u25ba", " ").replace("\u25c4", " ").split())


def thread_id(root, canonical: str | None, url: str) -> str | None:
    """The topic's number: the canonical address's, the fetched one's, else the quick moderation form's."""
    for candidate in (canonical, url):
        match = _TOPIC.search(candidate or "")
        if match:
            return match.group(1)
    for form in root.iter("form"):
        if form.get("id") == "quickModForm":
            match = _TOPIC.search(form.get("action") or "")
            if match:
                return match.group(1)
    return None

