"""Flarum: the JSON:API (``/api/discussions/{id}``, ``/api/posts?filter[discussion]={id}``) and the
forum pages (their ``flarum-json-payload`` when present, else the ``<noscript>`` view).

Sources read to write this engine (flarum/framework, 0.1.0-beta.8 to 1.8 and the 2.0 branch):
``views/frontend/app.blade.php`` and ``content.blade.php`` (the page shell, the payload, the
noscript block), ``views/frontend/content/discussion.blade.php`` (the noscript discussion),
``src/Forum/Content/Discussion.php`` (20 posts a page, ``?page=N``, the ``apiDocument``),
``src/Frontend/Document.php`` (``<link rel="next">``, canonical), the API serializers
(``BasicPostSerializer``, ``PostSerializer``, ``BasicUserSerializer``, ``DiscussionSerializer``),
flarum/mentions ``ConfigureMentions.php`` (post and user mention markup), flarum/likes
``extend.php`` and fof/reactions ``PostAttributes.php``.

**Pages**: :mod:`.payload` finds the page's JSON:API document, read by :mod:`.api_view` as the
API answer it is; the next page is the head's ``<link rel="next">`` (1.2 and later) or the view's
"Next Page" link. A page without a payload is read from its noscript view (:mod:`.html_view`).
With both, the view's post bodies stand for the payload's posts' HTML where they are certainly
its tree (:mod:`.view_bodies`), instead of parsing each post's HTML again.

**API**: :mod:`.api_view`. A discussion answer returns the posts it holds and, as the next page,
``/api/posts?filter[discussion]={id}&sort=number&page[offset]=N`` for the posts after them; a
posts answer returns its posts and its ``links.next``.

Posts (:mod:`.posts`): the id is Flarum's post id, the position its ``number`` (events such as
renames take numbers too, and are not posts), the author the username with the user id and
``/u/{slug}``, times ``createdAt``/``editedAt`` (``editedUser`` the editor), likes ``{"Like": N}``
and fof/reactions counts by name. Quotes (:mod:`.body`) are Markdown quotes led by a post
mention, BBCode quotes with a ``<cite>``, and reply mentions (a quote with no words).
"""

from __future__ import annotations

from datetime import datetime

from parsel import Selector

from ..markup import xpath
from ..models import PageResult
from ..page_index import page_index, parsed_tree_has_id
from ..urls import joined
from ..values import first
from .addresses import DiscussionAddress
from .api_view import read_document
from .common import ENGINE
from .documents import ApiDocument
from .html_view import next_link_of, noscript_content, post_bodies, read_noscript, shows_posts, view_links
from .payload import api_document, forum_resources, page_payload
from .view_bodies import ViewBodies

__all__ = ["ENGINE", "claims", "detect", "detect_json", "parse", "parse_json"]

# The ids and scripts Flarum's page shell writes (app.blade.php, content.blade.php): no other
# engine or news site uses these names.
_SIGNATURE_IDS = ("flarum-json-payload", "flarum-loading", "flarum-content", "flarum-loading-error")
_SIGNATURE_SCRIPT = "flarum.core.app"
_CANONICAL = xpath("/html/head/link[@rel='canonical']/@href")
_HEAD_NEXT = xpath("/html/head/link[@rel='next']/@href")


def claims(root) -> bool:
    """Does the page carry one of the ids Flarum's page shell writes? Asked of libxml2's table of
    the page's ids, no walk: :func:`parsers.registry.detect_engine` asks every engine's ``claims``
    before any ``detect``, and a Flarum page then skips the ten ``detect`` before this one (more
    than building a small page's tree)."""
    return parsed_tree_has_id(root, *_SIGNATURE_IDS)


def detect(doc: Selector) -> bool:
    """True for pages of Flarum's page shell (its payload script, loading notice or noscript content)."""
    index = page_index(doc.root)  # the page's ids and scripts, read once for every engine
    return index.has_id(*_SIGNATURE_IDS) or index.script_says(_SIGNATURE_SCRIPT)


def detect_json(data: dict) -> bool:
    """A Flarum discussion or post answer: JSON:API ``discussions``/``posts`` resources."""
    primary = data.get("data")
    if isinstance(primary, dict):
        attributes = primary.get("attributes")
        return isinstance(attributes, dict) and (
            (primary.get("type") == "discussions" and "title" in attributes)
            or (primary.get("type") == "posts" and "contentType" in attributes))
    if isinstance(primary, list):
        if not primary:  # a posts answer past the end: known by its own address
            links = data.get("links")
            return isinstance(links, dict) and "/api/posts" in str(links.get("first", ""))
        return all(_is_post_resource(item) for item in primary)
    return False


def _is_post_resource(item) -> bool:
    if not isinstance(item, dict):
        return False
    attributes = item.get("attributes")
    return item.get("type") == "posts" and isinstance(attributes, dict) and "contentType" in attributes


def parse_json(data: dict, url: str, captured_at: datetime) -> PageResult:
    """An API answer: the posts it holds, and the next answer to fetch."""
    return read_document(ApiDocument(data), url, DiscussionAddress(url))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """A discussion page; other Flarum pages (the index, profiles) come back ``unsupported``."""
    root = doc.root
    canonical = joined(url, first(_CANONICAL(root)))
    address = DiscussionAddress(url)
    if not address.discussion_id and canonical:
        address = DiscussionAddress(canonical)
    payload = page_payload(root)
    document = api_document(payload)
    content = noscript_content(root)
    head_next = joined(url, first(_HEAD_NEXT(root)))
    if document:
        # The view's links are read before its post bodies stand in for the posts' HTML (reading a
        # post edits its body: addresses made absolute, quotes' mentions taken out).
        links = view_links(content) if content is not None and not head_next else []
        views = ViewBodies(post_bodies(content)) if content is not None else None
        result = read_document(ApiDocument(document, extra=forum_resources(payload)), url, address, views)
        page = result.thread.page
        result.next_page_url = head_next or next_link_of(links, url, page)
        if result.next_page_url and result.thread.page_count <= page:
            result.thread.page_count = page + 1
    elif content is not None and shows_posts(content):
        result = read_noscript(content, url, address, canonical, head_next)
    else:
        title = " ".join(" ".join(root.xpath("//title/text()")).split())
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason=f"a Flarum page that shows no discussion: {title}"[:300])
    result.canonical_url = canonical
    return result
