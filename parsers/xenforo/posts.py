"""One XenForo post read into a :class:`parsers.models.Post`: author, times, edit notice, position, body."""

from __future__ import annotations

import re
from datetime import datetime

from ..dates import from_unix, parse_iso
from ..html_text import drop_node, element_text, inner_html, remove_matching, sanitise
from ..markup import xpath as _X
from ..models import Author, Post, Quote
from ..quote_depth import depth_errors
from ..values import to_int as _int
from ..values import words as _words
from .common import _POST_ID, _absolute, _author_of
from .context import _Context
from .parts import _PostParts
from .quotes import _quote, _top_level_quotes
from .references import _reactions, _references, _show_real_addresses, _unfurl_to_link


# Inside one post body: what a reader sees that is not the poster's words, or not words at all.
_BODY_CHROME = _X(
    ".//*[contains(@class, 'bbCodeBlock-expandLink') or contains(@class, 'quoteExpand')"
    " or contains(@class, 'messageTextEndMarker') or contains(@class, 'js-selectToQuoteEnd')]"
    " | .//*[contains(@class, 'bbCodeBlock--code') or contains(@class, 'bbCodeCode')]"
    "/*[contains(@class, 'bbCodeBlock-title') or @class = 'type']"
    " | .//script | .//noscript | .//style | .//template"
)
_UNFURLS = _X(".//*[contains(@class, 'bbCodeBlock--unfurl')]")
_POSITION = re.compile(r"^#\s*(\d[\d,.]*)$")
_EDITED_BY = re.compile(r"\bby\s+(?P<who>.+?)\s*:", re.DOTALL)
_OFFSET_WITHOUT_COLON = re.compile(r"([+-]\d\d)(\d\d)$")


def _post(node, page_url: str, context: _Context, index: int, fallback_position: int,
          errors: list[str]) -> Post | None:
    post_id = (node.get("data-content") or "").removeprefix("post-") or _POST_ID.match(node.get("id")).group(1)
    parts = _PostParts(node)
    author = _post_author(node, parts, context.base)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    time_node = _post_time_node(parts)
    published = _time_value(time_node, context) if time_node is not None else None
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(parts.edit, author.name, context)
    # The tree is this parse's own (the registry builds one per page): edit the body in place.
    remove_matching(body, _BODY_CHROME)
    _show_real_addresses(body, context.base)
    html = sanitise(inner_html(body))
    for card in _UNFURLS(body):
        _unfurl_to_link(card)
    quote_nodes = _top_level_quotes(body)
    quotes = [_quote(q) for q in quote_nodes]
    errors.extend(depth_errors(post_id, quotes))
    for quote_node in quote_nodes:
        drop_node(quote_node)
    links, images, attachments = _references(body, parts.attachments, context.base)
    position = _position(parts)
    return Post(
        post_id=post_id,
        url=_permalink(parts, post_id, page_url, context.base),
        position=position if position is not None else fallback_position,
        position_on_page=index,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body),
        html=html,
        reactions=_reactions(parts),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _post_author(node, parts: _PostParts, base: str) -> Author:
    user = None
    if parts.user is not None:
        user = next((n for n in parts.user.iter("a", "span", "bdi")
                     if "username" in (n.get("class") or "").split()), None)
    author = _author_of(user, node.get("data-author"), base) if user is not None else None
    if author is None:
        author = Author(name=(node.get("data-author") or "").strip() or None)
    return author


def _post_time_node(parts: _PostParts):
    """XF2: the first <time> of the attribution header; XF1: the permalink's DateTime, else the first one."""
    for container in (parts.attribution, parts.permalink):
        if container is None:
            continue
        for candidate in container.iter("time", "abbr", "span"):
            if candidate.tag == "time" or "DateTime" in (candidate.get("class") or "").split():
                return candidate
    return parts.times[0] if parts.times else None


def _time_value(node, context: _Context) -> datetime | None:
    """Machine-readable first: Unix ``data-timestamp``/``data-time``, ``datetime``; then the printed date."""
    for attribute in ("data-timestamp", "data-time"):
        value = (node.get(attribute) or "").strip()
        if value.isdigit():
            return from_unix(value)
    value = parse_iso(_colon_offset(node.get("datetime")))
    if value is not None:
        return value
    date = node.get("data-date-string") or node.get("data-datestring") or node.get("data-date")
    clock = node.get("data-time-string") or node.get("data-timestring")
    if date and clock:
        value = context.text_date(f"{date} {clock}")
        if value is not None:
            return value
    return context.text_date(node.get("title")) or context.text_date(_words([element_text(node)]))


def _colon_offset(value: str | None) -> str | None:
    """"2020-04-19T00:01:11-0700" as Python 3.10 reads it ("-07:00")."""
    return _OFFSET_WITHOUT_COLON.sub(r"\1:\2", value.strip()) if value else value


def _edit_notice(notice, author_name: str | None, context: _Context) -> tuple[datetime | None, str | None]:
    """"Last edited: <time>" (the author's own edit, by XenForo's template) or "Last edited by a moderator: ..."."""
    if notice is None:
        return None, None
    time_node = next((t for t in notice.iter("time", "abbr", "span")
                      if t.tag == "time" or "DateTime" in (t.get("class") or "").split()), None)
    when = _time_value(time_node, context) if time_node is not None else None
    words = _words([element_text(notice)])
    match = _EDITED_BY.search(words)
    if match:
        return when, match.group("who")
    return when, author_name if words.lower().startswith("last edited:") else None


def _position(parts: _PostParts) -> int | None:
    """The post number the forum prints ("#12"): XF2 in the attribution header, XF1 in ``a.postNumber``."""
    candidates = [parts.number] if parts.number is not None else []
    if parts.attribution is not None:
        candidates += parts.attribution.iter("a", "li")
    for node in candidates:
        text = (node.text or "").strip()
        if text.startswith("#"):
            match = _POSITION.match(" ".join(text.split()))
            if match:
                return _int(match.group(1).replace(".", ""))
    return None


def _permalink(parts: _PostParts, post_id: str, page_url: str, base: str) -> str:
    """The post's own link: one that names its id, else the page address with the post's anchor."""
    containers = [c for c in (parts.attribution, parts.permalink, parts.number) if c is not None]
    for container in containers:
        for anchor in container.iter("a"):
            href = anchor.get("href") or ""
            if re.search(rf"(?:post-|posts/|#post-){post_id}(?:\D|$)", href):
                return _absolute(base, href)
    return f"{page_url.split('#')[0]}#post-{post_id}"


def _quotes_of_posts_on_the_page(posts: list[Post], thread_id: str | None) -> None:
    """A quote of a post shown on the same page takes that post's time and thread (XenForo quotes carry neither)."""
    times = {post.post_id: post.published_at for post in posts}

    def fill(quotes: list[Quote]) -> None:
        for quote in quotes:
            if quote.post_id in times:
                quote.published_at = quote.published_at or times[quote.post_id]
                quote.thread_id = quote.thread_id or thread_id
            fill(quote.quotes)

    for post in posts:
        fill(post.quotes)
