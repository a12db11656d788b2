"""Where a NodeBB topic lives: the site base, the topic's id and slug, its pages, posts and people.

NodeBB's topic slug carries the topic id: ``"slug": "53324/do-i-wanna-auto-refresh-opera"``, so
the topic is ``/topic/53324/do-i-wanna-auto-refresh-opera`` and its read API
``/api/topic/53324/do-i-wanna-auto-refresh-opera``, page N adding ``?page=N``. A post's permalink is
``/post/{pid}`` and a profile ``/user/{userslug}``. A forum installed in a subfolder puts its
``relative_path`` ("/forum") before all of them.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote

from ..pagination import PageAddress
from ..urls import urlsplit
from .common import as_int


class TopicAddress:
    """The parts of a fetched topic URL (HTML page or read API) and the URLs built from them."""

    def __init__(self, url: str, relative_path: str | None = None) -> None:
        parts = urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        path = parts.path
        at = path.find("/api/topic/")
        marker = "/api/topic/"
        if at < 0:
            at, marker = path.find("/topic/"), "/topic/"
        if relative_path is not None:
            prefix = relative_path.rstrip("/")
        else:
            prefix = path[:at] if at >= 0 else ""
        self.base = self.origin + prefix
        segments = [s for s in path[at + len(marker):].split("/") if s] if at >= 0 else []
        self.topic_id = segments[0] if segments and segments[0].isdigit() else None
        self.slug = f"{segments[0]}/{segments[1]}" if self.topic_id and len(segments) > 1 else self.topic_id
        self.is_api = marker == "/api/topic/" and at >= 0
        pages = parse_qs(parts.query).get("page")
        self.page = as_int(pages[0]) if pages else None

    def topic_url(self, slug: str | None = None) -> str | None:
        """The topic's first page; ``slug`` is NodeBB's own ("31/quoting-the-quoted")."""
        slug = slug or self.slug
        return f"{self.base}/topic/{slug}" if slug else None

    def page_url(self, page: int, slug: str | None = None, api: bool = False) -> str | None:
        slug = slug or self.slug
        if not slug:
            return None
        return f"{self.base}{'/api' if api else ''}/topic/{slug}?page={page}"

    def post_url(self, pid: str | None) -> str | None:
        # Every character escaped, as NodeBB's own links (encodeURIComponent): a remote post's pid
        # is its address, whose slashes would otherwise split the /post/:pid route.
        return f"{self.base}/post/{quote(pid, safe='')}" if pid else None

    def profile(self, userslug: str | None) -> str | None:
        return f"{self.base}/user/{quote(userslug)}" if userslug else None


def topic_page_address(url: str) -> PageAddress | None:
    """The topic and page number a topic page URL names (``/topic/31/slug?page=3``; no page: 1), None
    for other links: a post's place in the topic (``/topic/31/slug/7``, a post index, not a page)."""
    address = TopicAddress(url)
    segments = [s for s in urlsplit(url).path.split("/topic/", 1)[-1].split("/") if s]
    if address.topic_id is None or len(segments) > 2:
        return None
    return PageAddress(address.topic_id, address.page or 1)
