"""The topic around a bbPress page's posts: its id, title, forums, page, positions and next page.

- pages (pagination-replies.php): ``div.bbp-pagination-count`` ("Viewing 15 posts - 16 through 30
  (of 32 total)", ``bbp_get_topic_pagination_count()``; "replies" where the lead post is shown
  apart, since the count leaves it out; "Viewing 3 posts" on a topic of one page) and
  ``div.bbp-pagination-links`` (WordPress ``paginate_links()``: ``span.page-numbers.current``,
  ``a.page-numbers``, ``a.next.page-numbers``; addresses ``<topic>/page/N/`` or ``?paged=N``);
- the breadcrumb (includes/common/template.php ``bbp_get_breadcrumb()``): ``div.bbp-breadcrumb``,
  ``a.bbp-breadcrumb-home`` (the site: left out), ``a.bbp-breadcrumb-root`` and
  ``a.bbp-breadcrumb-forum`` (the forums), ``span.bbp-breadcrumb-current`` (the topic);
- the topic's number: ``ul#topic-N-replies`` (loop-replies.php), ``ul#bbp-topic-N-lead``, or a
  post's ``bbp-parent-topic-N`` class.
"""

from __future__ import annotations

import re

from ..markup import has_class
from ..pagination import PageAddress
from ..urls import absolute, urlsplit, without_session
from ..values import words

_TOPIC_LIST = re.compile(r"^(?:bbp-)?topic-(\d+)-(?:replies|lead)$")
_PARENT_TOPIC = re.compile(r"^bbp-parent-topic-(\d+)$")
_NUMBER = re.compile(r"\d+(?:[,.\u00a0\u202f]\d{3})*")
_PATH_PAGE = re.compile(r"/page/(\d+)/?$")
_QUERY_PAGE = re.compile(r"(?:^|&)paged=(\d+)(?:&|$)")
_QUERY_TOPIC = re.compile(r"(?:^|&)topic=([^&]+)")


class Pagination:
    """This page's number, the topic's page count, the page's posts as the count line gives them
    (``shown``: how many, ``first``: the first one's number, ``replies``: numbers of replies, the
    lead shown apart left out), and the next page's address."""

    def __init__(self, forums, url: str) -> None:
        self.shown = self.first = self.total = None
        self.replies = False
        self.threaded = False
        self.page = None
        numbers: list[int] = []
        self.next_url = None
        for node in forums.iter("div"):
            classes = node.get("class") or ""
            if has_class(classes, "bbp-pagination-count") and self.shown is None:
                self._read_count(node)
            elif has_class(classes, "bbp-pagination-links") and not numbers:
                for item in node.iter("a", "span"):
                    item_classes = item.get("class") or ""
                    text = words(item.itertext())
                    if item.tag == "a" and has_class(item_classes, "next") and self.next_url is None:
                        self.next_url = without_session(absolute(url, (item.get("href") or "").strip()) or None)
                    if text.isdigit():
                        numbers.append(int(text))
                        if item.tag == "span" and has_class(item_classes, "current"):
                            self.page = int(text)
        if self.page is None:
            address = topic_page_address(url)
            self.page = address.place if address else 1
        self.count = max([self.page, *numbers])

    def _read_count(self, node) -> None:
        text = words(node.itertext())
        if "thread" in text.lower():  # "Viewing 3 reply threads": threads, not posts
            self.threaded = True
            return
        found = [int(re.sub(r"\D", "", n)) for n in _NUMBER.findall(text)]
        self.replies = "repl" in text.lower()
        if len(found) == 4:
            self.shown, self.first, _, self.total = found
        elif len(found) == 2:  # "Viewing 16 post (of 16 total)": one post, the page's only
            self.shown, self.first, self.total = 1, found[0], found[1]
        elif len(found) == 1:  # "Viewing 3 posts": the whole topic on one page
            self.shown = self.total = found[0]
            self.first = 1


def topic_id(forums, posts) -> str | None:
    for node in forums.iter("ul"):
        match = _TOPIC_LIST.match(node.get("id") or "")
        if match:
            return match.group(1)
    for post in posts:
        for name in post.classes:
            match = _PARENT_TOPIC.match(name)
            if match:
                return match.group(1)
    return None


def topic_url(canonical: str | None, url: str) -> str:
    """The topic's first page: the address without ``/page/N/`` or ``paged=N``."""
    address = (canonical or url).split("#", 1)[0]
    return re.sub(r"/page/\d+/?$", "/", re.sub(r"[?&]paged=\d+$", "", address))


def title_and_forum(root, forums) -> tuple[str | None, list[str]]:
    """The topic's title and the forums above it (the breadcrumb; without a current item, the
    page's ``h1``)."""
    title, names = None, []
    crumbs = next((n for n in forums.iter("div") if has_class(n.get("class") or "", "bbp-breadcrumb")), None)
    if crumbs is not None:
        for node in crumbs.iter("a", "span"):
            classes = node.get("class") or ""
            if has_class(classes, "bbp-breadcrumb-root") or has_class(classes, "bbp-breadcrumb-forum"):
                names.append(words(node.itertext()))
            elif has_class(classes, "bbp-breadcrumb-current"):
                title = words(node.itertext()) or None
    if title is None:
        heading = next((n for n in root.iter("h1") if words(n.itertext())), None)
        if heading is None:
            heading = next((n for n in forums.iter("div", "h2", "h3")
                            if has_class(n.get("class") or "", "bbp-topic-title")), None)
        title = words(heading.itertext()) if heading is not None else None
    return title or None, [name for name in names if name]


def topic_page_address(url: str) -> PageAddress | None:
    """The topic and page number a bbPress topic address names, for :func:`parsers.pagination.linked_next_page`
    when a theme restyled the pager: ``/forums/topic/<slug>/page/2/`` (pretty permalinks; the slugs
    are the site's settings), ``?topic=<slug>&paged=2`` (plain ones). The topic is the address's
    path without its page part (and its ``topic`` parameter): every link to another page of the
    topic holds it. None for an address with neither a path nor a ``topic`` parameter."""
    parts = urlsplit(url)
    path, place = parts.path, 1
    paged = _PATH_PAGE.search(path)
    if paged:
        path, place = path[:paged.start()], int(paged.group(1))
    path = path.rstrip("/")
    query_page = _QUERY_PAGE.search(parts.query)
    if query_page:
        place = int(query_page.group(1))
    topic = _QUERY_TOPIC.search(parts.query)
    if topic:
        return PageAddress(f"topic={topic.group(1)}", place)
    return PageAddress(path, place) if path else None
