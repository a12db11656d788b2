"""Where a Flarum discussion lives: its page and API addresses, profiles, and mention links.

A discussion's address is ``/d/{id}-{slug}`` (``/d/7-garden-shed-roof``; ``/d/7`` redirects
there), a post's ``/d/{id}-{slug}/{number}``, a profile ``/u/{slug}`` (the username unless the
forum slugs users by id). The API answers ``/api/discussions/{id}`` and
``/api/posts?filter[discussion]={id}&page[offset]=N`` (brackets percent-encoded in the
``links.next`` Flarum writes: ``page%5Boffset%5D=40``). A forum installed in a folder
(``https://example.com/forum/d/7``) keeps the folder in every address.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlencode

from ..urls import urlsplit
from .common import PAGE_SIZE, as_int

_DISCUSSION_PATH = re.compile(r"/d/(?P<id>\d+)(?:-(?P<slug>[^/?#]*))?(?:/(?P<number>\d+))?/?$")
_API_DISCUSSION_PATH = re.compile(r"/api/discussions/(?P<id>\d+)/?$")
_MENTION_TARGET = re.compile(r"/d/(?P<id>\d+)(?:-[^/]*)?/(?P<number>\d+)")


class DiscussionAddress:
    """The parts of a page or API address: the site base (with a folder install's path), the
    discussion id, the ``?page=N`` of a noscript page and the ``page[offset]`` of an API answer."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        path = parts.path
        marker = next((m for m in ("/api/", "/d/") if m in path), None)
        self.base = self.origin + (path[:path.find(marker)] if marker else "")
        self.query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        match = _DISCUSSION_PATH.search(path) or _API_DISCUSSION_PATH.search(path)
        self.discussion_id = match.group("id") if match else self.query.get("filter[discussion]")
        self.slug = (match.groupdict().get("slug") or None) if match else None
        # The post number a post's address ends in (/d/7-slug/25): the noscript view then shows the
        # page holding it (Flarum 1.x Content/Discussion: page 1 + near // 20), not page 1.
        self.near = as_int(match.groupdict().get("number")) if match else None
        self.is_api = "/api/" in path

    @property
    def page(self) -> int | None:
        """The ``?page=N`` of a noscript page (None when the address names none)."""
        page = as_int(self.query.get("page"))
        return page if page and page > 0 else None

    @property
    def offset(self) -> int:
        return max(0, as_int(self.query.get("page[offset]")) or 0)

    @property
    def limit(self) -> int:
        limit = as_int(self.query.get("page[limit]"))
        return limit if limit and limit > 0 else PAGE_SIZE

    def discussion_url(self, slug: str | None) -> str | None:
        """``{base}/d/{id}-{slug}``; the slug as Flarum 1.x serialises it ("7-garden-shed-roof"), bare
        as the betas did ("garden-tools"), or else the one in this address."""
        if not self.discussion_id:
            return None
        slug = slug or self.slug
        if slug and (slug == self.discussion_id or slug.startswith(f"{self.discussion_id}-")):
            return f"{self.base}/d/{slug}"
        return f"{self.base}/d/{self.discussion_id}-{slug}" if slug else f"{self.base}/d/{self.discussion_id}"

    def profile(self, slug: str | None) -> str | None:
        return f"{self.base}/u/{quote(slug)}" if slug else None

    def posts_url(self, offset: int) -> str:
        """The API request for the discussion's posts from ``offset`` on, in the order of the discussion."""
        query = urlencode({"filter[discussion]": self.discussion_id, "sort": "number", "page[offset]": offset})
        return f"{self.base}/api/posts?{query}"


def mention_target(href: str | None) -> tuple[str | None, int | None]:
    """(discussion id, post number) of a post mention's link ("/d/7-garden-shed-roof/2" -> ("7", 2))."""
    match = _MENTION_TARGET.search(href or "")
    return (match.group("id"), int(match.group("number"))) if match else (None, None)
