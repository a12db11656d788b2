"""ProBoards (v5/v6 hosted forums): the thread page of the classic table layout and of div-based themes.

A thread is ``/thread/{id}/{slug}``, its later pages ``?page=N``; a post's permalink is
``/post/{id}/thread``, a member's profile ``/user/{id}``.

Markup this reads (the default theme's ``thread`` and ``post`` templates, as ProBoards serves
them and as the public ProBoards scrapers and plugins read them):

- posts: ``tr.item.post#post-{id}`` in the classic layout's ``table.list``, ``div.post#post-{id}``
  in div-based themes; the author is the mini-profile's ``a.user-link`` (``href="/user/5"``,
  class ``user-5``), a guest ``span.user-guest``; the time an ``abbr.o-timestamp`` / ``abbr.time``
  whose ``data-timestamp`` is Unix milliseconds (so no zone is involved); the message
  ``article div.message``; the edit notice ``div.edited_by`` ("Last Edit: <abbr> by <a>X</a>");
  the signature ``div.signature``, outside the message;
- quotes: ``div.quote`` with ``div.quote_header`` ("Quote from <a>X</a> on <abbr>", a
  ``/post/N/thread`` link) and ``div.quote_body``, nested quotes inside the body; v5's own quotes
  put the header inside the body, after the quoted member's avatar ("<date link> <a>X</a> said:");
- the thread: the title ``div.container.posts .title-bar h1``, the breadcrumb ``ul#nav-tree``,
  the pages ``ul.ui-pagination`` (``li.state-selected`` this page, ``li.next`` the next, disabled
  with ``state-disabled`` on the last page).

Positions: ProBoards prints no post numbers. Page 1 counts from 1; a page before the last is full,
so its size gives the page size; the last page past page 1 cannot know how many came before it
(the page size is a board setting it never prints) and counts from 1 on that page, saying so.

Detection: ProBoards' scripts (``proboards.data(...)`` inline or a script from ``*.proboards.com``)
and a ``post-{id}`` post block holding a ``div.message``; without the scripts, such a block holding
ProBoards' time (``abbr[data-timestamp]`` in milliseconds).
"""

from __future__ import annotations

import re
from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..markup import class_test, has_class
from ..markup import xpath as _X
from ..models import PageResult, Thread
from ..page_head import page_head
from ..page_index import page_index
from ..pagination import PageAddress, linked_next_page
from ..post_blocks import parts_of_other_posts, say_unread_numbered_posts, say_unread_posts, separate_nested
from ..quote_depth import depth_errors
from ..urls import urljoin
from ..values import first as _first
from ..values import to_int as _int
from ..values import words as _words
from .posts import ENGINE, POST_ID, another_posts_date_link, post_addresses, read_post

__all__ = ["ENGINE", "claims", "detect", "parse"]

# "/descendant::x[...]" rather than "//x[...]": the same elements (no predicate here counts
# positions), without libxml2's step from every node of the page, text nodes too, to its children.
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
# The h1 below a div.title-bar below a div.posts. Asked from the h1s up (the same nodes, in the same
# order, as /descendant::div[posts]/descendant::div[title-bar]/descendant::h1): the class test then
# runs on a page's few h1s' ancestors, not on every div (a fourth of the time).
_TITLE = _X(f"/descendant::h1[ancestor::div[{class_test('title-bar')}][ancestor::div[{class_test('posts')}]]]")
_PAGE_TITLE = _X("/html/head/title/text()")
_CRUMBS = _X("/descendant::ul[@id='nav-tree']/li//a")
_FIRST_PAGINATION = _X(f"/descendant::ul[{class_test('ui-pagination')}][1]")  # libxml2 stops at it
_POST_ID_HOLDERS = _X("/descendant::*/@id[starts-with(., 'post-')]/..")  # in page order
_THREAD_ID = re.compile(r"/thread/(\d+)")
_MILLISECONDS = re.compile(r"[0-9]{12,14}")  # a data-timestamp: Unix time in ms (1973 to 5138)
_PAGE_IN_URL = re.compile(r"[?&]page=(\d+)")
_THREAD_PAGE = re.compile(r"/thread/(\d+)(?:/[^/?#&]*)?/?(?=$|[?#&])")


def claims(root) -> bool:
    """Does the page's head hold ProBoards' scripts, and does it show a post block (what
    :func:`detect` asks)? The head alone says no on every other page (no walk):
    :func:`parsers.registry.detect_engine` asks every engine's ``claims`` before any ``detect``,
    and a ProBoards page then skips the fifteen ``detect`` before this one."""
    # The head's scripts of every ProBoards page: its route data, or its scripts from its own hosts.
    head = page_head(root)
    return ((head.script_says("proboards.data(") or head.script_from(".proboards.com/"))
            and next(_post_blocks(root), None) is not None)


def detect(doc: Selector) -> bool:
    """True for ProBoards thread pages: its scripts and a post block (see the module docstring)."""
    root = doc.root
    index = page_index(root)  # the page's scripts, read once for every engine
    if index.script_from(".proboards.com/") or index.script_says("proboards.data("):
        return next(_post_blocks(root), None) is not None
    return index.has_id_prefix("post-") and _stamped_post_block(root)


def _stamped_post_block(root) -> bool:
    """Without ProBoards' scripts (a copy of the page saved without them): does a post block hold
    ProBoards' own time, an ``abbr`` whose ``data-timestamp`` is Unix milliseconds? Its templates
    print one for every post, for its script to show in the reader's zone; ``post-N`` blocks and
    ``div.message`` alone are anybody's class names."""
    return any(_MILLISECONDS.fullmatch(abbr.get("data-timestamp") or "")
               for block in _post_blocks(root) for abbr in block.iter("abbr"))


def _post_blocks(root):
    """The post blocks (``post-N`` holding a ``div.message``) in page order, one at a time:
    detection needs the first only. The elements whose id starts with "post-" come from one XPath
    walk (a Python walk over every tr and div took several times as long)."""
    for node in _POST_ID_HOLDERS(root):
        if node.tag not in ("tr", "div"):
            continue
        if POST_ID.match(node.get("id")) and has_class(node.get("class") or "", "post"):
            if any(has_class(d.get("class") or "", "message") for d in node.iter("div")):
                yield node


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    root = doc.root
    blocks = list(_post_blocks(root))
    if not blocks:
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason="a ProBoards page without posts")
    canonical = _first(_CANONICAL(root))
    canonical = urljoin(url, canonical) if canonical else None
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    page, count, next_url = _pages(root, url)
    # A restyled pagination (its classes renamed): the thread's next page linked anywhere.
    result.next_page_url = next_url or linked_next_page(root, url, thread_page_address, canonical)
    thread_id = next((m.group(1) for m in (_THREAD_ID.search(u or "") for u in (url, canonical)) if m), None)
    separate_nested(blocks)
    ids = [POST_ID.match(b.get("id")).group(1) for b in blocks]
    shared = parts_of_other_posts(blocks, ids)
    permalinks = post_addresses(url)
    linked: list[str] = []  # posts whose dated permalink stands in another post's block
    for index, block in enumerate(blocks, start=1):
        check_budget()
        # Another post's time, a link to that post, in this block: its header is here, its block's
        # start lost with its id (fuzz seed 1256, 5 tags deleted: the post was given the next post's
        # card, and the next post was lost with no error).
        other = another_posts_date_link(block, ids[index - 1])
        if other is not None:
            linked.append(other)
        post = read_post(block, ids[index - 1], url, permalinks, index - 1 in shared or other is not None,
                         result.errors)
        post.position_on_page = index
        result.errors.extend(depth_errors(post.post_id, post.quotes))
        result.posts.append(post)
    _number(result.posts, page, count, result.errors)
    title = _first(_TITLE(root))
    title = _words(title.itertext()) if title is not None else None
    if not title:
        title = _words(_PAGE_TITLE(root)).split(" | ")[0] or None
    forum = [_words(a.itertext()) for a in _CRUMBS(root) if "/thread/" not in (a.get("href") or "")]
    thread_url = (canonical or url).split("#", 1)[0]
    thread_url = _PAGE_IN_URL.sub("", thread_url).rstrip("?&")
    result.thread = Thread(id=thread_id, title=title, url=thread_url, forum=[f for f in forum if f], page=page,
                           page_count=count)
    if page == 1 and result.posts:
        result.thread.starter, result.thread.started_at = result.posts[0].author, result.posts[0].published_at
    read = [post.post_id for post in result.posts]
    say_unread_posts(root, POST_ID, "post-", read, result.errors)
    if linked:
        # Such a post's block and id were lost: only its permalink names it.
        say_unread_numbered_posts(linked, read, result.errors)
    return result


def thread_page_address(address: str) -> PageAddress | None:
    """The thread and page number a ProBoards page address names (``/thread/42/slug?page=3``; no
    page: 1); None for other links, a post's (``/post/9/thread``) too."""
    match = _THREAD_PAGE.search(address)
    if match is None:
        return None
    page = _PAGE_IN_URL.search(address)
    return PageAddress(match[1], int(page[1]) if page else 1)


def _pages(root, url: str) -> tuple[int, int, str | None]:
    """(this page, page count, next page) from the first ``ul.ui-pagination``."""
    number = count = next_url = None
    for pagination in _FIRST_PAGINATION(root):
        for item in pagination.iter("li"):
            classes = item.get("class") or ""
            if has_class(classes, "next"):
                anchor = item.find(".//a")
                if not has_class(classes, "state-disabled") and anchor is not None and anchor.get("href"):
                    next_url = urljoin(url, anchor.get("href")).split("#", 1)[0]
                continue
            if has_class(classes, "previous"):
                continue
            value = _int(_words(item.itertext()))
            if value is None:
                continue
            count = max(count or 0, value)
            if has_class(classes, "state-selected") or has_class(classes, "state-active"):
                number = value
    if number is None:
        match = _PAGE_IN_URL.search(url)
        number = int(match.group(1)) if match and int(match.group(1)) > 0 else 1
    return number, max(count or 1, number), next_url


def _number(posts: list, page: int, count: int, errors: list[str]) -> None:
    """Positions (see the module docstring): exact on page 1 and on full pages, counted on the last."""
    if page > 1 and page == count:
        errors.append(f"page {page} (the last): ProBoards prints no post numbers and the page size is unknown;"
                      " positions counted from 1 on this page")
        offset = 0
    else:
        offset = (page - 1) * len(posts)
    for index, post in enumerate(posts, start=1):
        post.position = offset + index
