"""Discourse's topic JSON (``/t/slug/ID.json``, ``posts.json``): the API the crawler prefers."""

from __future__ import annotations

import math
from datetime import datetime

from ..budget import check_budget
from ..dates import parse_iso
from ..models import Author, PageResult, Post, Thread
from ..page_tree import fragment_tree
from ..quote_depth import depth_errors
from ..quote_times import date_quotes
from ..urls import urljoin
from .addresses import PostIds, TopicAddress
from .body import post_from_body
from .common import CHUNK, ENGINE, int_value, list_value, revision_time, str_value, text_value
from .placeholders import hidden_error


_LIKE_ACTION = 2  # actions_summary id of "like"
_SMALL_ACTION = 3  # post_type of "closed this topic"-style notices: not posts


# --- JSON ------------------------------------------------------------------------------------


def parse_json(data: dict, url: str, captured_at: datetime) -> PageResult:
    """A topic JSON or posts.json answer; Discourse's error answers come back ``blocked``."""
    stream = data.get("post_stream")
    if not isinstance(stream, dict) or not isinstance(stream.get("posts"), list):
        errors = list_value(data.get("errors"))
        message = "; ".join(str(e) for e in errors) or "no message"
        return PageResult(kind="blocked", url=url, engine=ENGINE,
                          reason=f"Discourse error ({data.get('error_type')}): {message}"[:500])
    address = TopicAddress(url)
    raw_posts = [p for p in stream["posts"] if isinstance(p, dict)]
    topic_id = str_value(data.get("id")) or next((str_value(p.get("topic_id")) for p in raw_posts if p.get("topic_id")), None) \
        or address.topic_id
    slug = text_value(data.get("slug")) or next((s for p in raw_posts if (s := text_value(p.get("topic_slug")))), None) \
        or address.slug
    thread_url = address.topic_url(slug, topic_id)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    ids = PostIds(topic_id, {n: str_value(p.get("id")) for p in raw_posts
                              if (n := int_value(p.get("post_number"))) is not None and p.get("id") is not None})
    for index, raw in enumerate(raw_posts, start=1):
        check_budget()
        post = _json_post(raw, index, address, thread_url, ids, captured_at, result.errors)
        if post is not None:
            post.position_on_page = len(result.posts) + 1
            result.posts.append(post)
    date_quotes(result.posts)
    page, page_count = _json_pages(data, stream, raw_posts)
    result.thread = Thread(
        id=topic_id, title=text_value(data.get("title")), url=thread_url, forum=[], page=page,
        page_count=page_count, starter=_json_starter(data, address), started_at=parse_iso(data.get("created_at")),
        tags=_json_tags(data.get("tags")),
    )
    first = next((p for p in result.posts if p.position == 1), None)
    if first is not None:
        result.thread.starter = result.thread.starter or first.author
        result.thread.started_at = result.thread.started_at or first.published_at
    if isinstance(stream.get("stream"), list) and topic_id:
        result.follow_urls = _batch_urls(address, topic_id, stream["stream"], raw_posts)
    return result


def _json_post(raw: dict, index: int, address: TopicAddress, thread_url: str | None, ids: PostIds,
               captured_at: datetime, errors: list[str]) -> Post | None:
    post_id = str_value(raw.get("id"))
    if post_id is None:
        errors.append("a post without an id; not read")
        return None
    cooked = text_value(raw.get("cooked")) or ""
    if raw.get("post_type") == _SMALL_ACTION and not cooked.strip():
        return None  # "closed this topic", "pinned globally": a notice in the stream, not a post
    number = int_value(raw.get("post_number"))
    username = text_value(raw.get("username"))
    author = Author(name=username or text_value(raw.get("name")), id=str_value(raw.get("user_id")),
                    url=address.profile(username))
    if not author.name:
        errors.append(f"post {post_id}: no author name")
    published = parse_iso(raw.get("created_at"))
    if published is None:
        errors.append(f"post {post_id}: no publication time")
    edited_at = revision_time(raw)
    if text_value(raw.get("post_url")):
        url = urljoin(address.origin + "/", raw["post_url"])
    else:
        url = f"{thread_url}/{number}" if thread_url and number else None
    body, problems = fragment_tree(cooked)
    errors.extend(f"post {post_id}: {problem}" for problem in problems)
    if raw.get("user_deleted") is True or raw.get("cooked_hidden") is True:
        # Words served in place of the post's own (see .placeholders): kept with none.
        if raw.get("user_deleted") is not True:
            errors.append(hidden_error(post_id))
        body, _ = fragment_tree("")
    elif raw.get("deleted_at"):
        # Only staff are served a post a moderator deleted: kept as served, and said.
        errors.append(f"post {post_id}: deleted by a moderator at {raw['deleted_at']}; kept as served")
    post = post_from_body(body, post_id, url, number or index, author, published, edited_at, _json_reactions(raw),
                 address, ids, captured_at)
    errors.extend(depth_errors(post_id, post.quotes))
    return post


def _json_reactions(raw: dict) -> dict[str, int]:
    """``{"Like": N}`` from ``actions_summary``; on a board with the discourse-reactions plugin
    (bundled with Discourse since 2025), its ``reactions`` list instead:
    ``[{"id": "heart", "type": "emoji", "count": 2}, ...]``. That list already holds the likes,
    under the like reaction's emoji ("heart" unless the site chose another), and
    ``actions_summary`` counts the same people again, with those whose reaction also counts as a
    like (``reactions_serializer_helpers.rb``, ``reactions_for_post``): adding both counted every
    like twice."""
    reactions: dict[str, int] = {}
    listed = raw.get("reactions")
    if isinstance(listed, list):
        for reaction in listed:
            if isinstance(reaction, dict) and reaction.get("id") and (int_value(reaction.get("count")) or 0) > 0:
                reactions[str(reaction["id"])] = int_value(reaction["count"])
        return reactions
    for action in list_value(raw.get("actions_summary")):
        if isinstance(action, dict) and action.get("id") == _LIKE_ACTION and (int_value(action.get("count")) or 0) > 0:
            reactions["Like"] = int_value(action["count"])
    return reactions


def _json_starter(data: dict, address: TopicAddress) -> Author | None:
    details = data.get("details") if isinstance(data.get("details"), dict) else {}
    creator = details.get("created_by") if isinstance(details.get("created_by"), dict) else None
    username = text_value(creator.get("username")) if creator else None
    name = username or (text_value(creator.get("name")) if creator else None)
    if not name:
        return None
    return Author(name=name, id=str_value(creator.get("id")), url=address.profile(username))


def _json_tags(tags) -> list[str]:
    """Tag names: plain strings, or ``{"name": ...}`` objects in newer versions."""
    names = []
    for tag in list_value(tags):
        name = tag.get("name") or tag.get("slug") if isinstance(tag, dict) else tag
        if isinstance(name, str) and name:
            names.append(name)
    return list(dict.fromkeys(names))


def _json_pages(data: dict, stream: dict, raw_posts: list[dict]) -> tuple[int, int]:
    """Page N of M in crawler-view pages of 20: exact from the stream; a posts.json answer has no
    stream, so its page is estimated from its first post number and the topic's post count."""
    ids = stream.get("stream")
    if isinstance(ids, list) and ids:
        first = raw_posts[0].get("id") if raw_posts else None
        index = ids.index(first) if first in ids else 0
        return index // CHUNK + 1, max(1, math.ceil(len(ids) / CHUNK))
    count = int_value(data.get("posts_count")) or next((int_value(p.get("posts_count")) for p in raw_posts
                                                    if p.get("posts_count")), None)
    numbers = [n for p in raw_posts if (n := int_value(p.get("post_number")))]
    page_count = max(1, math.ceil(count / CHUNK)) if count else 1
    page = (min(numbers) - 1) // CHUNK + 1 if numbers else 1
    return page, max(page_count, page)


def _batch_urls(address: TopicAddress, topic_id: str, stream: list, raw_posts: list[dict]) -> list[str]:
    """posts.json requests for the stream's posts this answer does not hold, 20 ids each."""
    held = {p.get("id") for p in raw_posts if _is_id(p.get("id"))}
    missing = [post_id for post_id in dict.fromkeys(i for i in stream if _is_id(i)) if post_id not in held]
    return [f"{address.base}/t/{topic_id}/posts.json?" + "&".join(f"post_ids[]={i}" for i in missing[at:at + CHUNK])
            for at in range(0, len(missing), CHUNK)]


def _is_id(value) -> bool:
    """A post id as the stream lists them: a whole number (not a boolean, a list or a string)."""
    return isinstance(value, int) and not isinstance(value, bool)
