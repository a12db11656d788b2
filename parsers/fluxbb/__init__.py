"""FluxBB (1.2 to 1.5) and PunBB (1.2, 1.3, 1.4), and the forks that keep their markup.

Two post layouts, both keyed on the post id in ``id="pN"``:

- FluxBB and PunBB 1.2 (styles Air, Oxygen, Cobalt, Lithium...): ``div.blockpost#pN``; its ``h2``
  holds the post's number ("#3") in ``span.conr`` and the permalink (``viewtopic.php?pid=N#pN``) whose
  words are the time; the author is ``.postleft dl dt strong`` (a ``profile.php?id=N`` link, the bare
  name for guests); the words are ``div.postmsg`` (not ``div.postsignature``, which FluxBB 1.4+ also
  classes ``postmsg``) with the edit notice ``p.postedit`` ("Last edited by X (2024-01-02 10:00:00)");
- PunBB 1.3/1.4: ``div.post`` around ``div.posthead#pN``; ``h3.post-ident`` holds ``span.post-num``,
  ``span.post-byline`` ("Reply by <a>X</a>", ``<strong>`` for guests) and ``a.permalink`` (the time);
  the words are ``div.entry-content`` with ``p.lastedit`` and the signature ``div.sig-content`` inside.

Quotes: ``div.quotebox > cite "X wrote:" + blockquote`` (FluxBB 1.4+, PunBB 1.3+; no ``cite`` for
an unattributed quote) and ``blockquote > div.incqbox > h4 "X wrote:"`` (1.2); they nest. The 1.2
code box's title (``div.codebox > div.incqbox > h4`` "Code:") is the board's, left out of the words.
Pagination: ``p.pagelink`` (FluxBB, PunBB 1.2) or ``p.paging`` (PunBB 1.3+): the current page in
``<strong>``, the others linked; the next page is ``a[rel=next]``, ``<link rel="next">`` or the link to
the page after the current one. Breadcrumbs: ``ul.crumbs`` (FluxBB 1.4+), the ``ul`` of
``div.linkst`` (1.2), ``span.crumb`` (PunBB 1.3+); the topic is the last crumb.

Times are printed in the viewer's zone, which no page states: they are read as UTC (the zone a guest
sees on a default board) and every page that prints one says so in ``errors``. "Today 10:12:00" and "Yesterday" (in
the page's language) are read against the capture time.

Checked against fluxbb/fluxbb ``viewtopic.php``, ``include/functions.php`` (paginate, format_time),
``include/parser.php``; punbb/punbb ``viewtopic.php``, ``include/functions.php`` (generate_crumbs);
a PunBB 1.2 page as served (public template output, Oxygen style).
"""

from __future__ import annotations

from datetime import datetime
from itertools import islice

from parsel import Selector

from ..budget import check_budget
from ..clock import ForumClock, unstated_zone_error
from ..html_text import element_text
from ..markup import is_forumotion, language_tag
from ..models import PageResult
from ..page_index import page_index, parsed_tree_has_id
from ..pagination import linked_next_page
from ..post_blocks import nested_block_error, parts_of_other_posts, say_unread_posts, separate_nested
from ..tree_memo import TreeMemo
from ..values import words as _words
from .page import POST_ID, FORUMOTION, PageParts, PostParts, post_blocks
from .posts import opens_topic, read_post
from .thread import next_page, read_thread, topic_page_address

__all__ = ["ENGINE", "claims", "detect", "parse"]

ENGINE = "fluxbb"

ZONE_ERROR = unstated_zone_error("FluxBB and PunBB print them in the viewer's zone")
# Ids of a post's parts, with the post's number: div#pN (the 1.3+ head), h4#pcN (the 1.3+ subject).
_POST_PART_IDS = frozenset({"p", "pc"})


# The topic page's wrapper, written by the templates around every style: FluxBB and PunBB 1.2's
# main.tpl ``<div id="pun<pun_page>" class="pun">``, PunBB 1.3 and later ``<div id="brd-<forum_page>">``.
_TOPIC_WRAPPER_IDS = ("punviewtopic", "brd-viewtopic")


def claims(root) -> bool:
    """Does the page carry the topic view's wrapper id (asked of libxml2's table of the page's ids,
    no walk), and is it a page :func:`detect` takes? :func:`parsers.registry.detect_engine` asks
    every engine's ``claims`` before any ``detect``: a FluxBB page then skips the twelve ``detect``
    before this one, which cost more than building a small page's tree."""
    return parsed_tree_has_id(root, *_TOPIC_WRAPPER_IDS) and _shows_own_posts(root)


def detect(doc: Selector) -> bool:
    """True for a FluxBB/PunBB topic page (see :func:`is_topic_page`)."""
    return is_topic_page(doc.root)


def is_topic_page(root) -> bool:
    """True for a FluxBB/PunBB topic page: a post block of either layout (with its message) whose
    head links the post's own permalink (``...#pN``), on a page without Forumotion's markers.

    The permalink is asked for because Forumotion's "PunBB" version prints ``div.blockpost`` and
    ``.postmsg`` too, with addresses of its own; its scripts and hosts are refused outright.
    """
    # The page's ids and classes (read once for every engine) first: a post block is a div#pN of
    # class blockpost, or of class posthead inside a div.post.
    index = page_index(root)
    if not (index.id_matches(POST_ID) and index.has_class("blockpost", "posthead")):
        return False
    return _shows_own_posts(root)


def _shows_own_posts(root) -> bool:
    """The structural half of :func:`is_topic_page` (its index look only says no sooner): one of
    the first three post blocks has a message and links its own permalink, on a page without
    Forumotion's markers."""
    first_posts = list(islice(post_blocks(root), 3))  # not the whole page's parts: parse reads them
    if not first_posts or is_forumotion(root):
        return False
    kept = _detected_parts(root)
    for post in first_posts:
        parts = kept[post] = PostParts(*post)
        if parts.body is not None and parts.permalink_href() is not None:
            return True
    return False


# The posts' parts detection read (by (block, post id, layout)), of the tree last asked about:
# :func:`parse` takes them instead of walking those blocks again, as long as nothing in the tree
# moved in between (a FluxBB page is small: the first post's walk was a twentieth of its parse).
_detected_parts: TreeMemo[dict] = TreeMemo("fluxbb_detected_parts", lambda root: {})


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one FluxBB/PunBB topic page; other pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    if is_forumotion(root):
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"a Forumotion page ({FORUMOTION})")
    page = PageParts(root)
    if not page.posts:
        return _without_posts(page, url)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=page.canonical(url))
    clock = ForumClock(captured_at, None, language_tag(root), labelled=True)
    thread = result.thread = read_thread(page, url)
    # A restyled page list (its classes renamed): the topic's next page linked anywhere.
    result.next_page_url = next_page(page, url) or linked_next_page(root, url, topic_page_address, result.canonical_url)
    blocks = [block for block, _, _ in page.posts]
    # Each detected post's parts are taken once (popped): this parse edits the blocks as it reads them.
    kept = _detected_parts(root) if not separate_nested(blocks) else {}
    parts = [kept.pop(post, None) or PostParts(*post) for post in page.posts]
    for index in parts_of_other_posts(blocks, [p.post_id for p in parts], _POST_PART_IDS):
        parts[index].shared = True
    for post_parts in parts:
        post_parts.shared = post_parts.shared or post_parts.other_head is not None or bool(post_parts.other_blocks)
        if post_parts.other_blocks:
            result.errors.append(nested_block_error(post_parts.post_id, "a div"))
    clock.learn_order(p.date_text() for p in parts)
    opening = None
    for index, post_parts in enumerate(parts, start=1):
        check_budget()
        post = read_post(post_parts, url, clock, index, result.errors)
        if post is not None:
            if not result.posts and opens_topic(post_parts):
                opening = post
            result.posts.append(post)
    if opening is not None:
        # Only a post the page marks as the topic's first (its number "#1", its topic-first
        # class) names the starter: page 1's first post may be a later one (a view opened at a
        # post, a reversed order), whose poster is not the thread's starter.
        thread.starter = opening.author
        thread.started_at = opening.published_at
    if clock.read_unzoned:
        result.errors.append(ZONE_ERROR)
    say_unread_posts(root, POST_ID, "p", [post.post_id for post in result.posts], result.errors)
    return result


def _without_posts(page: PageParts, url: str) -> PageResult:
    if page.message is not None:
        # FluxBB's message(): "<div id="msg" class="block"><h2>Info</h2>...<p>Bad request...</p>"
        said = next((w for w in (_words([element_text(p)]) for p in page.message.iter("p")) if w), None)
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {said or page.title}"[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"FluxBB/PunBB page without posts: {page.title}")
