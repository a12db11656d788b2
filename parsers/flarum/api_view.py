"""A Flarum JSON:API document as a thread page: ``/api/discussions/{id}``, ``/api/posts?...``,
or the ``apiDocument`` a forum page embeds in its ``flarum-json-payload``.

The discussion answer lists every post id of the discussion in ``relationships.posts.data`` and
holds 20 of them in ``included`` (from ``page[near]``/``page[offset]``, the first 20 without
either). The page of those posts is their place in that list, 20 a page, as the noscript view
counts ``?page=N``. The rest comes from ``/api/posts?filter[discussion]={id}&sort=number&page[offset]=N``,
whose answers carry ``links.next`` while more follow.
"""

from __future__ import annotations

import math

from ..budget import check_budget
from ..dates import parse_iso
from ..models import Author, PageResult, Post, Thread, every_quote
from .addresses import DiscussionAddress
from .common import ENGINE, PAGE_SIZE, as_id, as_int, as_text
from .documents import ApiDocument, attributes
from .posts import is_comment, read_post, user_author
from .view_bodies import ViewBodies


def read_document(document: ApiDocument, url: str, address: DiscussionAddress,
                  views: ViewBodies | None = None) -> PageResult:
    """The thread page a document holds; the caller sets ``next_page_url`` for a noscript page.
    ``views``: a forum page's noscript post bodies, the trees of its posts' HTML (:mod:`.view_bodies`)."""
    discussion = document.discussion
    if not address.discussion_id:
        address.discussion_id = as_id(discussion.get("id"))
    stream = document.related_ids(discussion, "posts") if document.data is discussion else None
    if isinstance(document.data, list):
        resources = [r for r in document.data
                     if isinstance(r, dict) and r.get("type") == "posts" and as_id(r.get("id"))]
    else:
        listed = set(stream) if stream is not None else None  # a discussion lists every post id it has
        resources = [p for p in document.posts() if listed is None or as_id(p.get("id")) in listed]
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    thread_url = address.discussion_url(as_text(attributes(discussion).get("slug")))
    held = held_places(document, stream)
    page, page_count = _pages(address, stream, held)
    first_position = (page - 1) * PAGE_SIZE
    for resource in resources:
        check_budget()
        if not is_comment(resource):
            continue  # "discussionRenamed" and other events: notices, not posts
        post = read_post(resource, document, address, thread_url, first_position + len(result.posts) + 1, result.errors,
                         views)
        post.position_on_page = len(result.posts) + 1
        result.posts.append(post)
    date_quotes(result.posts)
    before_holes = say_posts_missing_from_the_window(document, stream, result.errors, held)
    for post in result.posts:
        if post.post_id in before_holes:
            post.author = Author(name=None)
            result.errors.append(f"post {post.post_id}: the posts after it are missing from the page's data, which"
                                 " may have been cut from inside its own: its author is not read, its words may"
                                 " hold another post's")
    result.thread = _thread(document, discussion, address, thread_url, page, page_count)
    result.next_page_url = _next(document, address, stream, held)
    if result.next_page_url and result.thread.page_count <= page:
        result.thread.page_count = page + 1
    return result


def held_places(document: ApiDocument, stream: list[str] | None) -> list[int]:
    """The places in the discussion's list of post ids (``stream``) of the posts the answer holds."""
    return [index for index, post_id in enumerate(stream or ()) if attributes(document.find("posts", post_id))]


def say_posts_missing_from_the_window(document: ApiDocument, stream: list[str] | None, errors: list[str],
                                      held: list[int] | None = None) -> set[str]:
    """Say which posts the discussion lists among the ones this answer holds but the answer lacks,
    and return the ids of the held posts each run of them follows.

    Why: the answer holds a run of the discussion's list of post ids (20 from the one asked for),
    never a run with holes. A payload torn inside one post's words (a damaged save) kept valid
    JSON whose next posts were gone: five posts lost with no error, and the torn post, its record
    ending with the last lost one's, given that post's poster. A hole says the answer is not
    whole: those posts are not read, and the page is said to have lost them (the crawl reads it
    again); the post before a hole may hold the lost posts' tail."""
    if not stream:
        return set()
    held = held_places(document, stream) if held is None else held
    if not held or held[-1] - held[0] + 1 == len(held):
        return set()
    present = set(held)
    missing = [stream[index] for index in range(held[0], held[-1]) if index not in present]
    errors.append(f"posts {', '.join(missing[:10])}{' ...' if len(missing) > 10 else ''}: listed by the discussion"
                  " among this page's posts but missing from its data (a torn page?); not read")
    return {stream[index] for index in held if index != held[-1] and index + 1 not in present}


def date_quotes(posts: list[Post]) -> None:
    """A quote of a post on the same page gets that post's time and author id (mentions carry neither)."""
    known = {post.post_id: post for post in posts}
    for post in posts:
        for quote in every_quote(post.quotes):
            quoted = known.get(quote.post_id)
            if quoted is not None:
                quote.published_at = quote.published_at or quoted.published_at
                quote.author_id = quote.author_id or quoted.author.id


def _pages(address: DiscussionAddress, stream: list[str] | None, held: list[int]) -> tuple[int, int]:
    """Page N of M, 20 posts a page: from the place of the held posts in the discussion's list of
    post ids (``held``), else from an API request's ``page[offset]``, else from a page's ``?page=N``."""
    if stream:
        page = held[0] // PAGE_SIZE + 1 if held else (address.page or 1)
        return page, max(page, math.ceil(len(stream) / PAGE_SIZE))
    if address.is_api:
        page = address.offset // address.limit + 1
        return page, page
    page = address.page or 1
    return page, page


def _next(document: ApiDocument, address: DiscussionAddress, stream: list[str] | None, held: list[int]) -> str | None:
    if not address.is_api:
        return None  # a noscript page: its <link rel="next"> says
    if isinstance(document.data, list):
        return as_text(document.links.get("next"))
    if not stream or not address.discussion_id:
        return None
    return address.posts_url(held[-1] + 1) if held and held[-1] + 1 < len(stream) else None


def _thread(document: ApiDocument, discussion: dict, address: DiscussionAddress, thread_url: str | None,
            page: int, page_count: int) -> Thread:
    attrs = attributes(discussion)
    starter = document.related(discussion, "user") or document.related(discussion, "startUser")  # beta name
    comments = as_int(attrs.get("commentCount", attrs.get("commentsCount")))  # "commentsCount" in the betas
    forum, tags = _tags(document, discussion)
    return Thread(
        id=address.discussion_id, title=as_text(attrs.get("title")), url=thread_url, forum=forum, page=page,
        page_count=page_count, starter=user_author(starter, address) if starter else None,
        started_at=parse_iso(attrs.get("createdAt")) or parse_iso(attrs.get("startTime")),
        tags=tags, reply_count=comments - 1 if comments else None,
    )


def _tags(document: ApiDocument, discussion: dict) -> tuple[list[str], list[str]]:
    """(primary tags, parent first: the forum the discussion sits in; secondary tags) from flarum/tags."""
    found = [document.find("tags", tag_id) for tag_id in document.related_ids(discussion, "tags") or []]
    named = [(attributes(tag), as_text(attributes(tag).get("name"))) for tag in found]
    primary = [(attrs.get("isChild") is True, name) for attrs, name in named
               if name and attrs.get("position") is not None]
    secondary = [name for attrs, name in named if name and attrs.get("position") is None]
    return [name for _, name in sorted(primary, key=lambda pair: pair[0])], secondary
