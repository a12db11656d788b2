"""A topic as NodeBB's read API gives it (``/api/topic/{tid}/{slug}?page=N``), which is also the
object a page embeds as ``<script id="ajaxify-data" type="application/json">``: one reader for both.

The fields read (public/openapi/read/topic/topic_id.yaml): ``tid``, ``slug`` ("31/quoting-the-quoted"),
``titleRaw``/``title``, ``postcount``, ``timestampISO``, ``tags`` (``[{"value": "compost"}]``;
plain strings in old versions), ``breadcrumbs`` (Home first, the topic last),
``pagination.currentPage``/``pageCount``/``next``, ``relative_path``, and ``posts[]`` with
``pid``, ``index`` (0 for the opening post), ``user`` (``uid``, ``username``, ``userslug``),
``content``, ``timestamp``/``timestampISO``, ``edited``/``editedISO``/``editor``, ``deleted``,
``upvotes``/``downvotes``, and the emoji reactions plugin's ``reactions``
(``[{"reaction": "+1", "reactionCount": 4, ...}]``, nodebb-plugin-reactions).

A deleted post stays in the topic (it keeps its index and counts in ``postcount``: NodeBB only
flags it), so it is kept as a post, with its id, author and time; a guest is sent
``"[[topic:post-is-deleted]]"`` (``post_is_deleted`` in 1.x; "This post is deleted!" once the
page is translated) instead of its words, and then its text and html are empty.
"""

from __future__ import annotations

from datetime import datetime

from ..budget import check_budget
from ..models import Author, PageResult, Post, Thread
from ..quote_depth import depth_errors
from .addresses import TopicAddress
from .common import (ENGINE, as_dict, as_id, as_int, as_list, as_text, is_set, is_untranslated, moment,
                     remote_uid)
from .content import Body
from .quotes_on_page import complete_quotes

DELETED_PLACEHOLDERS = frozenset({"[[topic:post-is-deleted]]", "[[topic:post_is_deleted]]", "This post is deleted!"})


def is_topic(data: dict) -> bool:
    """A topic object: a ``tid`` and a ``posts`` list whose entries carry a ``pid``."""
    posts = data.get("posts")
    return as_int(data.get("tid")) is not None and isinstance(posts, list) and \
        any(isinstance(p, dict) and "pid" in p for p in posts)


def topic_page(data: dict, url: str, captured_at: datetime, from_api: bool) -> PageResult:
    """The posts and the topic of one page of a topic object; ``from_api`` for a read-API answer
    (its next page is the API's), else the object embedded in an HTML page."""
    relative_path = data.get("relative_path") if isinstance(data.get("relative_path"), str) else None
    address = TopicAddress(url, relative_path)
    slug = as_text(data.get("slug")) or address.slug
    topic_id = as_id(data.get("tid")) or address.topic_id
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    for raw in as_list(data.get("posts")):
        check_budget()
        if not isinstance(raw, dict):
            continue
        post = _post(raw, len(result.posts) + 1, address, result.errors)
        if post is not None:
            post.position_on_page = len(result.posts) + 1
            result.posts.append(post)
    complete_quotes(result.posts, topic_id)
    pagination = as_dict(data.get("pagination"))
    page = as_int(pagination.get("currentPage")) or address.page or 1
    page_count = max(page, as_int(pagination.get("pageCount")) or page)
    following = as_dict(pagination.get("next"))
    next_page = as_int(following.get("page"))
    if following.get("active") and next_page and next_page > page:
        result.next_page_url = address.page_url(next_page, slug, api=from_api)
    postcount = as_int(data.get("postcount"))
    result.thread = Thread(
        id=topic_id, title=as_text(data.get("titleRaw")) or as_text(data.get("title")),
        url=address.topic_url(slug), forum=_forum(data), page=page, page_count=page_count,
        starter=_starter(data, result.posts, address), started_at=moment(data.get("timestampISO"), data.get("timestamp")),
        tags=_tags(data.get("tags")), reply_count=postcount - 1 if postcount else None,
    )
    return result


def _post(raw: dict, order: int, address: TopicAddress, errors: list[str]) -> Post | None:
    pid = as_id(raw.get("pid"))
    if pid is None:
        errors.append("a post without a pid; not read")
        return None
    author = author_of(as_dict(raw.get("user")), raw, address)
    if not author.name:
        errors.append(f"post {pid}: no author name")
    published = moment(raw.get("timestampISO"), raw.get("timestamp"))
    if published is None:
        errors.append(f"post {pid}: no publication time")
    edited_at = moment(raw.get("editedISO"), raw.get("edited"))
    editor = as_dict(raw.get("editor"))
    content = raw.get("content") if isinstance(raw.get("content"), str) else ""
    if is_set(raw.get("deleted")) and content.strip() in DELETED_PLACEHOLDERS:
        content = ""
    body = Body(content, address.base)
    errors.extend(f"post {pid}: {problem}" for problem in body.problems)
    index = as_int(raw.get("index"))
    post = Post(
        post_id=pid, url=address.post_url(pid), position=index + 1 if index is not None and index >= 0 else order,
        author=author, published_at=published, edited_at=edited_at,
        edited_by=(as_text(editor.get("username")) or as_text(editor.get("userslug"))) if edited_at else None,
        text=body.text, html=body.html,
        reactions={**votes(raw.get("upvotes"), raw.get("downvotes")),
                   **emoji_reactions((item.get("reaction"), item.get("reactionCount"))
                                     for item in as_list(raw.get("reactions")) if isinstance(item, dict))},
        quotes=body.quotes, links=body.links, images=body.images,
    )
    errors.extend(depth_errors(pid, post.quotes))
    return post


def author_of(user: dict, raw: dict, address: TopicAddress) -> Author:
    """The poster: username, uid and profile; a guest (uid 0) has a name only (its ``handle``); a
    remote account's uid is its actor's address (:func:`.common.remote_uid`)."""
    raw_uid = user.get("uid") if "uid" in user else raw.get("uid")
    uid = as_int(raw_uid) or remote_uid(raw_uid)
    name = as_text(user.get("username"))
    if not uid:
        handle = as_text(raw.get("handle"))
        name = handle or (None if name is None or is_untranslated(name) else name) or "Guest"
        return Author(name=name)
    return Author(name=name or as_text(user.get("displayname")), id=str(uid),
                  url=address.profile(as_text(user.get("userslug"))))


def votes(upvotes, downvotes) -> dict[str, int]:
    """``{"Upvote": n, "Downvote": m}``, counts above zero only."""
    counts = {"Upvote": as_int(upvotes) or 0, "Downvote": as_int(downvotes) or 0}
    return {name: count for name, count in counts.items() if count > 0}


def emoji_reactions(pairs) -> dict[str, int]:
    """The emoji reactions plugin's counts by emoji name (``{"+1": 4, "heart": 1}``), from
    (name, count) pairs, counts above zero only. Why: boards with nodebb-plugin-reactions (as
    community.nodebb.org) print them beside the votes, and they were not read."""
    found: dict[str, int] = {}
    for name, count in pairs:
        name, count = as_text(name), as_int(count)
        if name and count and count > 0:
            found[name] = count
    return found


def _starter(data: dict, posts: list[Post], address: TopicAddress) -> Author | None:
    """The topic's ``author`` (NodeBB 3), else the opening post's author when this page holds it."""
    author = as_dict(data.get("author"))
    if author.get("username"):
        return author_of(author, {}, address)
    # Only a post whose own index is 0 (one without an index is numbered by its place on the page).
    if not any(isinstance(r, dict) and as_int(r.get("index")) == 0 for r in as_list(data.get("posts"))):
        return None
    first = next((p for p in posts if p.position == 1), None)
    return first.author if first else None


def _forum(data: dict) -> list[str]:
    """Breadcrumb names between Home (the first, its URL the site root) and the topic (the last, no URL)."""
    crumbs = [c for c in as_list(data.get("breadcrumbs")) if isinstance(c, dict)]
    names = [as_text(c.get("text")) for c in crumbs[1:] if c.get("url")]
    return [n for n in names if n and not is_untranslated(n)]


def _tags(tags) -> list[str]:
    names = []
    for tag in as_list(tags):
        name = tag.get("value") if isinstance(tag, dict) else tag
        if isinstance(name, str) and name:
            names.append(name)
    return list(dict.fromkeys(names))
