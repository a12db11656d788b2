"""One MyBB post read into a :class:`parsers.models.Post`: author, number, times, edit notice, body."""

from __future__ import annotations

import re
from datetime import datetime

from ..clock import ForumClock
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import inside, top_level_blockquotes
from ..models import Author, Post
from ..post_blocks import shared_error
from ..quote_depth import depth_errors
from ..urls import urljoin
from ..values import words as _words
from .parts import _PostParts, _span_titles_text
from .quotes import _quote
from .references import _references, _show_real_addresses


_USER_ID = re.compile(r"(?:[?&;]uid=|user-)(\d+)")
_POST_NUMBER = re.compile(r"^#\s*(\d+)$")

_QUOTES = frozenset({"blockquote"})


def _post(parts: _PostParts, page_url: str, clock: ForumClock, index: int, errors: list[str]) -> Post | None:
    post_id = parts.post_id
    author = _author(parts, page_url) if not parts.shared else Author(name=None)
    if parts.shared:
        errors.append(shared_error(post_id))
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = clock.read(parts.date_text())
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(parts.edit, clock)
    _show_real_addresses(body, page_url)
    for box in parts.attachment_boxes:
        _show_real_addresses(box, page_url)
    _drop_chrome(body)
    quotes = [_quote(bq, clock) for bq in top_level_blockquotes(body)]
    errors.extend(depth_errors(post_id, quotes))
    links, images, attachments = _references(body, parts.attachment_boxes)
    number, permalink = _number_and_permalink(parts, page_url)
    return Post(
        post_id=post_id,
        url=permalink,
        position=number or index,
        position_on_page=index,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body, skip=_QUOTES),
        html=sanitise(inner_html(body)),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _author(parts: _PostParts, page_url: str) -> Author:
    """The poster, from the author box (else the whole post, never its message: quotes name others)."""
    box = parts.author_box if parts.author_box is not None else parts.node
    words = set(parts.body.iter()) if parts.body is not None and inside(parts.body, box) else ()
    for span in box.iter("span"):
        if "largetext" not in (span.get("class") or "").split() or (words and span in words):
            continue
        anchor = span.find(".//a")
        name = _words(span.itertext()) or None
        if anchor is None or not anchor.get("href"):
            return Author(name=name)  # a guest: the name without a profile link
        url = urljoin(page_url, anchor.get("href"))
        match = _USER_ID.search(url)
        return Author(name=name, id=match.group(1) if match else None, url=url)
    return Author(name=None)


def _number_and_permalink(parts: _PostParts, page_url: str) -> tuple[int | None, str]:
    """The post's number in the thread ("#4") and its own link, from the post head."""
    for anchor in (parts.head if parts.head is not None else parts.node).iter("a"):
        href = anchor.get("href") or ""
        if f"pid{parts.post_id}" in href or f"post-{parts.post_id}" in href:
            match = _POST_NUMBER.match(_words(anchor.itertext()))
            return (int(match.group(1)) if match else None), urljoin(page_url, href)
    return None, urljoin(page_url, f"showthread.php?pid={parts.post_id}#pid{parts.post_id}")


def _edit_notice(edit, clock: ForumClock) -> tuple[datetime | None, str | None]:
    """"(This post was last modified: <date> by <a>X</a>. Edited N times in total.)" -> (time, X).

    Any language: the editor is the link; the date follows the first colon, less the last word ("by").
    """
    if edit is None:
        return None, None
    anchor = edit.find(".//a")
    if anchor is None:
        return None, None
    before = []
    for node in anchor.itersiblings(preceding=True):
        before.append(node.tail or "")
        before.append(_span_titles_text(node) if node.tag.__class__ is str else "")
    parent = anchor.getparent()
    before.append(parent.text or "")
    lead = " ".join("".join(reversed(before)).split())
    when = lead.split(":", 1)[1] if ":" in lead else lead
    when = when.rsplit(None, 1)[0] if len(when.split()) > 1 else when
    return clock.read(when), _words(anchor.itertext()) or None


def _drop_chrome(body) -> None:
    """Remove, in place, what a post body shows that the poster did not write: "Code:" titles
    of code blocks and the empty floats MyBB pads bodies with."""
    doomed = []
    for node in body.iter("div"):
        classes = (node.get("class") or "").split()
        if "codeblock" in classes:
            doomed.extend(child for child in node if child.tag == "div" and "title" in (child.get("class") or ""))
        elif "float_right" in classes and not _words(node.itertext()) and len(node) == 0:
            doomed.append(node)
    for node in doomed:
        drop_node(node)
