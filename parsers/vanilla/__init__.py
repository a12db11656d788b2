"""Vanilla Forums: the discussion page (every theme: 2.x classic to Keystone/Foundation) and API v2.

**HTML**: a discussion page is ``/discussion/{id}/{slug}`` then ``.../p2``, ``.../p3``. Page 1
shows the discussion itself (``div#Discussion_42.ItemDiscussion``), the opening post; every page
lists comments ``li#Comment_1007.ItemComment``. See :mod:`.html_view` for the post markup,
:mod:`.body` for quotes, :mod:`.page_parts` for the pager and breadcrumbs.

**API v2** (JSON): ``/api/v2/discussions/{id}`` (an object: the opening post, and every comment
page to fetch in ``follow_urls``) and ``/api/v2/comments?discussionID={id}&page=N&limit=30`` (a
list of comments); see :mod:`.json_api`.

Post ids: a comment's is its ``commentID`` ("1007"); the opening post's is "discussion/42", since
Vanilla numbers discussions and comments apart. Positions count the opening post as 1.

Detection keys on what Vanilla writes whatever the theme: ``<body id="vanilla_discussion_index"``
(``vanilla_{controller}_{method}``), the ``gdn.meta`` script object, asset paths under
``/applications/vanilla/`` or ``/applications/dashboard/``, or a "Vanilla" generator meta.
"""

from __future__ import annotations

import re
from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..clock import UNSTATED_ZONE_ERROR, ForumClock
from ..markup import language_tag
from ..models import PageResult, Thread
from ..page_head import page_head
from ..page_index import page_index
from ..pagination import linked_next_page
from ..post_blocks import say_unread_posts
from ..quote_depth import depth_errors
from . import page_parts
from .addresses import DiscussionAddress, discussion_page_address
from .common import ENGINE
from .html_view import read_item
from .json_api import is_comment_list, is_discussion, parse_answer

__all__ = ["ENGINE", "READS_JSON_LISTS", "detect", "detect_json", "parse", "parse_json"]

# parsers.registry hands a JSON *list* only to engines that say they read one: /api/v2/comments answers a list.
READS_JSON_LISTS = True

# Page 1 of a discussion always shows the discussion itself above its comments (views/discussion/
# index.php includes discussion.php when the page is 1); a theme whose discussion.php drops the
# ``#Discussion_N`` item (its words in a div of its own) leaves only the comments to read. Said,
# with a loss mark (parsers.losses), so the crawl does not call the page complete.
OPENING_POST_UNREAD = ("the opening post is not in a #Discussion_N item on page 1 (a theme's own markup):"
                       " it is not read and may be missing")

# Asked of the page's index (its scripts and links, read once for every engine's detection).
_GDN_SCRIPT_WORDS = ("gdn.meta", "gdn=window.gdn")
# A comment's id, which every theme keeps ("li#Comment_1007"): a comment whose item lost its
# "Item" class to a theme is still named by it.
_COMMENT_ID = re.compile(r"Comment_(\d+)$")
_ASSET_PATHS = ("/applications/vanilla/", "/applications/dashboard/")


def claims(root) -> bool:
    """Does the page's body id or generator meta say Vanilla (``body#vanilla_...``)? No walk:
    :func:`parsers.registry.detect_engine` asks every engine's ``claims`` before any ``detect``."""
    head = page_head(root)  # /html/body/@id and the head's metas, read once for every engine
    return (any(value.startswith("vanilla_") for value in head.body_ids)
            or any(value.strip().lower().startswith("vanilla") for value in head.generators))


def detect(doc: Selector) -> bool:
    """True for pages Vanilla rendered (see the module docstring for the signs)."""
    root = doc.root
    if claims(root):
        return True
    index = page_index(root)
    return (index.script_says(*_GDN_SCRIPT_WORDS) or index.link_tag_to(*_ASSET_PATHS)
            or index.script_from(*_ASSET_PATHS))


def detect_json(data) -> bool:
    """An API v2 discussion object, or a non-empty list of API v2 comments."""
    return is_discussion(data) or is_comment_list(data)


def parse_json(data, url: str, captured_at: datetime) -> PageResult:
    return parse_answer(data, url, captured_at)


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """One discussion page; any other Vanilla page (a listing, a profile) comes back ``unsupported``."""
    root = doc.root
    parts = page_parts.PageParts(root)
    items = parts.items
    if not items:
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason="a Vanilla page without a discussion or comments")
    canonical = page_parts.canonical(root, url)
    address = DiscussionAddress(url)
    if address.discussion_id is None and canonical:
        address = DiscussionAddress(canonical)
    opening = next((i.get("id")[len("Discussion_"):] for i in items if i.get("id").startswith("Discussion_")), None)
    address.discussion_id = opening or address.discussion_id
    clock = ForumClock(captured_at, None, language_tag(root))  # Vanilla pages name no zone
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    comments_seen = 0
    for item in items:
        check_budget()
        is_comment = item.get("id").startswith("Comment_")
        post = read_item(item, comments_seen + 1 if is_comment else 0, address, clock, result.errors)
        comments_seen += is_comment
        if post is None:
            continue
        result.errors.extend(depth_errors(post.post_id, post.quotes))
        post.position_on_page = len(result.posts) + 1
        result.posts.append(post)
    say_unread_posts(root, _COMMENT_ID, "Comment_", [post.post_id for post in result.posts], result.errors)
    if opening is None and comments_seen and DiscussionAddress(url).discussion_id and address.page == 1:
        result.errors.append(OPENING_POST_UNREAD)
    # A restyled pager (its classes renamed, no rel=next): the discussion's next page linked anywhere.
    result.next_page_url = parts.next_page(url) or linked_next_page(root, url, discussion_page_address)
    title = page_parts.title(root)
    first_post = next((p for p in result.posts if p.position == 1), None)
    result.thread = Thread(
        id=address.discussion_id, title=title, url=address.discussion_url(), forum=parts.forum_path(title),
        page=address.page, page_count=parts.page_count(url, address.page, result.next_page_url),
        starter=first_post.author if first_post else None,
        started_at=first_post.published_at if first_post else None, tags=parts.tags(),
    )
    if clock.read_unzoned:
        result.errors.append(UNSTATED_ZONE_ERROR)
    return result
