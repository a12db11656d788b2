"""NodeBB: the topic page (any theme) and the read API ``/api/topic/{tid}/{slug}?page=N``.

**Read API** (``/api/topic/31/quoting-the-quoted?page=2``): one page of the topic as JSON
(public/openapi/read/topic/topic_id.yaml), read by :mod:`.topic_data`; its next page is the API's
own ``?page=N+1`` while ``pagination.next.active`` holds.

**HTML topic page**: every NodeBB page embeds that same object as
``<script id="ajaxify-data" type="application/json">``, whatever the theme: it is read first. A
page without it (saved without scripts) is read from the markup the core partials put on every
theme's posts (:mod:`.html_view`): Persona (NodeBB 1.x-2.x) and Harmony (3.x) are covered.
Pagination is ``?page=N`` (``<link rel="next" href="?page=2">`` in the head), 20 posts a page by
default (``postsPerPage``); a post's position is its ``index`` + 1.

Post ids are NodeBB's ``pid``s (unique on the site), authors ``{username, uid, /user/{userslug}}``,
votes ``{"Upvote": n, "Downvote": m}`` (Persona's markup shows only the score: ``{"Votes": n}``),
with nodebb-plugin-reactions' emoji counts beside them by emoji name (``{"+1": 4}``).
Quotes are read as :mod:`.content` explains; a deleted post is kept, empty when its words are
hidden (:mod:`.topic_data`).
"""

from __future__ import annotations

from datetime import datetime

from parsel import Selector

from ..html_text import element_text
from ..models import PageResult, Thread
from ..page_index import parsed_tree_tag_has_id
from ..pagination import linked_next_page
from ..urls import joined
from ..values import first, words
from .addresses import TopicAddress, topic_page_address
from .common import ENGINE, as_dict, as_int
from .html_view import (
    PAGE_NUMBERS,
    POST_COUNT,
    TAG_NAMES,
    TOPIC_ID,
    TOPIC_TITLE,
    breadcrumb,
    markup_post,
)
from .page import (
    canonical,
    embedded_data,
    has_nodebb_head,
    is_nodebb_page,
    next_link,
    post_blocks,
    reordered_replies,
    title,
)
from .quotes_on_page import complete_quotes
from .topic_data import is_topic, topic_page

__all__ = ["ENGINE", "claims", "detect", "detect_json", "parse", "parse_json"]


def claims(root) -> bool:
    """Does the page's head load NodeBB's client script or hold its settings, or does it carry the
    render data script (``script#ajaxify-data``, asked of libxml2's table of ids: a theme may move
    the settings out of the head)? No walk: :func:`parsers.registry.detect_engine` asks every
    engine's ``claims`` before any ``detect``, and a NodeBB page then skips the nine ``detect``
    before this one (more than building a small page's tree)."""
    return has_nodebb_head(root) or parsed_tree_tag_has_id(root, "script", "ajaxify-data")


def detect(doc: Selector) -> bool:
    """True for pages NodeBB rendered (see :mod:`.page`)."""
    return is_nodebb_page(doc.root)


def detect_json(data: dict) -> bool:
    """A read-API topic: ``tid`` and ``posts`` whose entries carry a ``pid``."""
    return is_topic(data)


def parse_json(data: dict, url: str, captured_at: datetime) -> PageResult:
    if not is_topic(data):
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason="NodeBB JSON that is not a topic")
    result = topic_page(data, url, captured_at, from_api=True)
    _say_reordered(result, reordered_replies(None, url))
    return result


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """One topic page; other NodeBB pages come back ``blocked`` (login) or ``unsupported``."""
    root = doc.root
    data = embedded_data(root)
    if is_topic(data):
        result = topic_page(data, url, captured_at, from_api=False)
    else:
        blocks = post_blocks(root)
        if not blocks:
            return _without_posts(data, root, url)
        result = _markup_page(root, blocks, url)
    result.canonical_url = joined(url, canonical(root))
    head_next = next_link(root)
    if head_next:
        result.next_page_url = joined(url, head_next)
    elif result.next_page_url is None:  # a page without its data, a restyled pager: a next page linked anywhere
        result.next_page_url = linked_next_page(root, url, topic_page_address, result.canonical_url)
    if result.next_page_url and result.thread and result.thread.page_count <= result.thread.page:
        result.thread.page_count = result.thread.page + 1  # at least one page more than this one
    _say_reordered(result, reordered_replies(root, url))
    return result


def _say_reordered(result: PageResult, order: str | None) -> None:
    """A page whose replies are shown in another order than the topic's: their positions (their
    ``index`` + 1) are their ranks in that order, which the errors say (the opening post's stays 1)."""
    if order and any(post.position != 1 for post in result.posts):
        result.errors.append(f"replies shown {order}: their positions are their places in that order,"
                             " not in the topic")


def _markup_page(root, blocks: list, url: str) -> PageResult:
    address = TopicAddress(url)
    topic_id = first(TOPIC_ID(root)) or address.topic_id
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    for order, block in enumerate(blocks, start=1):
        post = markup_post(block, order, address, result.errors)
        post.position_on_page = order
        result.posts.append(post)
    complete_quotes(result.posts, topic_id)
    heading = first(TOPIC_TITLE(root))
    topic_title = words([element_text(heading)]) if heading is not None else title(root) or None
    page = address.page or 1
    numbers = [n for n in (as_int(v) for v in PAGE_NUMBERS(root)) if n]
    page_count = max([page, *numbers])
    count_node = first(POST_COUNT(root))
    postcount = as_int(count_node.get("title") or element_text(count_node)) if count_node is not None else None
    # The opening post by its own data-index 0: a block without one is numbered by its place on
    # the page, which on page 1 is not always the topic's first (a deleted first post, a reversed sort).
    opening = next((p for p, b in zip(result.posts, blocks) if as_int(b.get("data-index")) == 0), None)
    result.thread = Thread(
        id=topic_id, title=topic_title, url=address.topic_url(), forum=breadcrumb(root, topic_title, address.base),
        page=page, page_count=page_count, starter=opening.author if opening else None,
        started_at=opening.published_at if opening else None,
        tags=list(dict.fromkeys(t.strip() for t in TAG_NAMES(root) if t.strip())),
        reply_count=postcount - 1 if postcount else None,
    )
    return result


def _without_posts(data: dict, root, url: str) -> PageResult:
    template = as_dict(data.get("template")).get("name")
    page_title = title(root)
    if template == "login" or "/login" in url:
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {page_title}"[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE,
                      reason=f"NodeBB page without posts ({template or 'no template named'}): {page_title}"[:500])
