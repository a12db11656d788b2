"""Where a Vanilla discussion lives: its page URLs, its API URLs, its posts' permalinks.

Vanilla's addresses (a subfolder install keeps its prefix, ``https://example.com/forum/...``):

- discussion pages: ``/discussion/42/pond-liner-leaks`` (page 1), ``.../p2``, ``.../p3``; also
  ``/discussion/42`` without a slug, and ``/index.php?p=/discussion/42/...`` on boards without
  pretty URLs;
- a comment's permalink: ``/discussion/comment/1007#Comment_1007``;
- profiles: ``/profile/alice`` (2.2 and later), ``/profile/7/alice`` (2.0-2.1);
- API v2: ``/api/v2/discussions/42`` and ``/api/v2/comments?discussionID=42&page=2&limit=30``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from ..pagination import PageAddress
from ..urls import urlsplit
from .common import API_PAGE_SIZE, as_int

_DISCUSSION_PATH = re.compile(r"^(?P<base>.*?)/discussion/(?P<id>\d+)(?:/(?P<slug>(?!p\d+(?:/|$))[^/?#]+))?"
                              r"(?:/p(?P<page>\d+))?/?$")
_COMMENT_PATH = re.compile(r"/discussion/comment/(?P<id>\d+)")
_PROFILE_ID = re.compile(r"/profile/(?P<id>\d+)/[^/]+/?$")
_API_PATH = re.compile(r"^(?P<base>.*?)/api/v2/(?P<resource>discussions|comments)(?:/(?P<id>\d+))?/?$")


class DiscussionAddress:
    """The parts of a discussion page URL, or of an API v2 URL about a discussion.

    ``base`` is the site root with a subfolder install's path ("https://example.com/forum");
    ``page`` is the page of the HTML view, or the page of comments an API request asks for.
    """

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        query = parse_qs(parts.query)
        path = parts.path
        if query.get("p", [""])[0].startswith("/"):  # /index.php?p=/discussion/42/slug
            path = path.rsplit("/", 1)[0] + query["p"][0]
        self.base, self.discussion_id, self.slug, self.page = self.origin, None, None, 1
        self.api_resource: str | None = None
        self.api_limit = API_PAGE_SIZE
        api = _API_PATH.match(path)
        if api:
            self.base = self.origin + api["base"]
            self.api_resource = api["resource"]
            self.discussion_id = api["id"] if api["resource"] == "discussions" else \
                (query.get("discussionID") or [None])[0]
            self.page = as_int((query.get("page") or ["1"])[0]) or 1
            self.api_limit = as_int((query.get("limit") or [""])[0]) or API_PAGE_SIZE
            return
        found = _DISCUSSION_PATH.match(path)
        if found:
            self.base = self.origin + found["base"]
            self.discussion_id, self.slug = found["id"], found["slug"]
            self.page = int(found["page"]) if found["page"] else 1

    def discussion_url(self, discussion_id: str | None = None, slug: str | None = None) -> str | None:
        """The discussion's first page ("https://example.com/discussion/42/pond-liner-leaks")."""
        discussion_id = discussion_id or self.discussion_id
        if not discussion_id:
            return None
        slug = slug if slug is not None else self.slug
        return f"{self.base}/discussion/{discussion_id}" + (f"/{slug}" if slug else "")

    def comment_url(self, comment_id: str) -> str:
        return f"{self.base}/discussion/comment/{comment_id}#Comment_{comment_id}"

    def comments_api_url(self, discussion_id: str, page: int, limit: int = API_PAGE_SIZE) -> str:
        return f"{self.base}/api/v2/comments?discussionID={discussion_id}&page={page}&limit={limit}"


def page_of(url: str | None) -> int | None:
    """The page number a discussion URL names ("/discussion/42/slug/p3" is 3), None for others."""
    if not url:
        return None
    address = DiscussionAddress(url)
    return address.page if address.discussion_id and not address.api_resource else None


def discussion_page_address(url: str) -> PageAddress | None:
    """The discussion and page number a discussion page URL names (``/discussion/42/slug/p3``; no
    page: 1), None for other links: a comment's permalink, an API address."""
    address = DiscussionAddress(url)
    if address.discussion_id is None or address.api_resource:
        return None
    return PageAddress(address.discussion_id, address.page)


def comment_id_in(url: str | None) -> str | None:
    """The comment id of a permalink ("/discussion/comment/1007#Comment_1007" is "1007")."""
    found = _COMMENT_PATH.search(url or "")
    if found:
        return found["id"]
    fragment = (url or "").partition("#Comment_")[2]
    return fragment if fragment.isdigit() else None


def discussion_id_in(url: str | None) -> str | None:
    """The discussion id of a discussion URL ("/discussion/42/slug" is "42")."""
    return DiscussionAddress(url).discussion_id if url and "/discussion/" in url else None


def profile_id_in(url: str | None) -> str | None:
    """The user id of a 2.0-2.1 profile URL ("/profile/7/alice" is "7"); newer ones name no id."""
    found = _PROFILE_ID.search(urlsplit(url).path) if url else None
    return found["id"] if found else None


def opening_post_id(discussion_id: str) -> str:
    """The post id of a discussion's opening post: Vanilla numbers discussions and comments apart
    (discussion 42 and comment 42 may both exist), so the opening post is "discussion/42" and a
    comment is its plain comment id ("1007")."""
    return f"discussion/{discussion_id}"
