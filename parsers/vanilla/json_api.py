"""Vanilla's API v2: ``GET /api/v2/discussions/{id}`` and ``GET /api/v2/comments?discussionID={id}&page=N&limit=30``.

The discussion answer is an object: ``discussionID``, ``name``, ``body`` (rendered HTML),
``insertUser`` ``{userID, name, url}``, ``dateInserted``, ``dateUpdated`` (null until edited),
``updateUserID``, ``countComments``, ``url``, and with ``expand=`` also ``category``, ``tags`` and
``reactions`` (``[{"urlcode": "Like", "name": "Like", "count": 3}, ...]``). It is the opening
post, and its ``countComments`` says how many comment pages there are: every one is returned in
``follow_urls``.

A comments answer is a JSON *list* of comments (``commentID``, ``discussionID``, ``body``,
``insertUser``, ``dateInserted``, ``dateUpdated``, ``url``...); the server states the paging only in
the ``Link`` / ``x-app-page-*`` headers, which a parse does not see. So a comments page names no
next page (the discussion answer listed them all), and its ``page_count`` is an estimate: this
page, or the next one too when this page is full.
"""

from __future__ import annotations

import math
from datetime import datetime

from ..budget import check_budget
from ..dates import parse_iso
from ..models import Author, PageResult, Post, Thread
from ..page_tree import fragment_tree
from ..quote_depth import depth_errors
from ..urls import absolute
from .addresses import DiscussionAddress, comment_id_in, opening_post_id, profile_id_in
from .body import Body
from .common import ENGINE, as_dict, as_id, as_int, as_list, as_text


def is_discussion(data) -> bool:
    return isinstance(data, dict) and "discussionID" in data and "commentID" not in data \
        and ("countComments" in data or "dateInserted" in data) and "name" in data


def is_comment_list(data) -> bool:
    return isinstance(data, list) and bool(data) and all(
        isinstance(item, dict) and "commentID" in item and "discussionID" in item for item in data)


def discussion_answer(data: dict, url: str) -> PageResult:
    address = DiscussionAddress(url)
    discussion_id = as_id(data.get("discussionID")) or address.discussion_id
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    thread_url = absolute(address.base + "/", as_text(data.get("canonicalUrl")) or as_text(data.get("url"))) \
        or address.discussion_url(discussion_id)
    post = _post(data, opening_post_id(discussion_id), thread_url, 1, address, result.errors)
    if post is not None:
        post.position_on_page = 1
        result.posts.append(post)
    count = as_int(data.get("countComments"))
    pages = math.ceil(count / address.api_limit) if count else 0
    result.follow_urls = [address.comments_api_url(discussion_id, n, address.api_limit) for n in range(1, pages + 1)]
    category = as_text(as_dict(data.get("category")).get("name"))
    result.thread = Thread(
        id=discussion_id, title=as_text(data.get("name")), url=thread_url, forum=[category] if category else [],
        page=1, page_count=max(1, pages), starter=post.author if post else None,
        started_at=post.published_at if post else parse_iso(as_text(data.get("dateInserted"))),
        tags=[n for tag in as_list(data.get("tags")) if (n := as_text(as_dict(tag).get("name")))],
        reply_count=count,
    )
    return result


def comments_answer(data: list, url: str) -> PageResult:
    address = DiscussionAddress(url)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    discussion_id = next((i for c in data if (i := as_id(c.get("discussionID")))), None) or address.discussion_id
    first_position = 2 + (address.page - 1) * address.api_limit
    for index, raw in enumerate(data):
        check_budget()
        comment_id = as_id(raw.get("commentID"))
        if comment_id is None:
            result.errors.append("a comment without an id; not read")
            continue
        link = absolute(address.base + "/", as_text(raw.get("url")))
        if comment_id_in(link) not in (None, comment_id):
            # "commentID": 2022 with "url": ".../comment/2023": the answer is damaged and this record
            # holds another comment's fields; none of them is this comment's author or time.
            result.errors.append(f"post {comment_id}: its url names comment {comment_id_in(link)}; not read")
            raw = {"commentID": comment_id, "body": raw.get("body")}
            link = None
        post = _post(raw, comment_id, link or address.comment_url(comment_id), first_position + index, address,
                     result.errors)
        if post is not None:
            post.position_on_page = len(result.posts) + 1
            result.posts.append(post)
    full = len(data) >= address.api_limit
    result.thread = Thread(id=discussion_id, title=None, url=None,  # the discussion answer has the URL with its slug

                           page=address.page, page_count=address.page + (1 if full else 0))
    return result


def _post(raw: dict, post_id: str, url: str | None, position: int, address: DiscussionAddress,
          errors: list[str]) -> Post | None:
    user = as_dict(raw.get("insertUser"))
    profile = absolute(address.base + "/", as_text(user.get("url")))
    author = Author(name=as_text(user.get("name")), id=as_id(user.get("userID")) or as_id(raw.get("insertUserID"))
                    or profile_id_in(profile), url=profile)
    if not author.name:
        errors.append(f"post {post_id}: no author name")
    published = parse_iso(as_text(raw.get("dateInserted")))
    if published is None:
        errors.append(f"post {post_id}: no publication time")
    edited_at = parse_iso(as_text(raw.get("dateUpdated")))
    edited_by = None
    if edited_at is not None:
        editor = as_dict(raw.get("updateUser"))
        same = as_id(raw.get("updateUserID")) in (None, author.id)
        edited_by = as_text(editor.get("name")) or (author.name if same else None)
    element, problems = fragment_tree(as_text(raw.get("body")) or "")
    errors.extend(f"post {post_id}: {problem}" for problem in problems)
    body = Body(element, address.base)
    errors.extend(depth_errors(post_id, body.quotes))
    return Post(post_id=post_id, url=url, position=position, author=author, published_at=published,
                edited_at=edited_at, edited_by=edited_by, text=body.text, html=body.html,
                reactions=_reactions(raw), quotes=body.quotes, links=body.links, images=body.images)


def _reactions(raw: dict) -> dict[str, int]:
    reactions: dict[str, int] = {}
    for reaction in as_list(raw.get("reactions")):
        reaction = as_dict(reaction)
        name = as_text(reaction.get("name")) or as_text(reaction.get("urlcode"))
        count = as_int(reaction.get("count"))
        if name and count:
            reactions[name] = count
    return reactions


def parse_answer(data, url: str, captured_at: datetime) -> PageResult:
    if is_discussion(data):
        return discussion_answer(data, url)
    if is_comment_list(data):
        return comments_answer(data, url)
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason="Vanilla JSON that is neither a "
                      "discussion nor a list of comments")
