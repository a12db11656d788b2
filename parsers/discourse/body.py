"""A Discourse post's cooked body, the same in the JSON API and the HTML view: text, quotes, links, pictures."""

from __future__ import annotations

import re
from datetime import datetime

from ..budget import check_budget
from ..html_text import drop_node, element_text, inner_html, iter_outside, sanitise, without
from ..markup import class_test, top_level
from ..markup import xpath as _X
from ..models import Author, Link, Post, Quote
from ..quote_depth import read_deeper
from ..urls import urljoin
from ..values import first as _first
from ..values import words as _words
from .addresses import PostIds, TopicAddress


# Inside one post body (the tree is this parse's own: chrome is removed in place).
_CHROME = _X(f".//div[{class_test('quote-controls')}] | .//div[{class_test('lightbox-wrapper')}]//div[{class_test('meta')}]"
             " | .//script | .//style")
_TITLE_DIV = _X(f"./div[{class_test('title')}]")
_CITATION_NAME = re.compile(r"^\s*(?P<who>[^:\n]+?)\s*:\s*$")
_QUOTES = frozenset({"blockquote", "aside"})  # quotes and link previews: not the poster's words
_IMAGE_SKIP = ("emoji", "avatar", "site-icon")


# --- The post body, shared by both views -----------------------------------------------------


def post_from_body(body, post_id: str, url: str | None, position: int, author: Author, published: datetime | None,
          edited_at: datetime | None, reactions: dict[str, int], address: TopicAddress, ids: PostIds,
          captured_at: datetime) -> Post:
    for node in _CHROME(body):
        drop_node(node)
    _absolute_addresses(body, address.origin)
    links, images, attachments = _references(body)
    return Post(
        post_id=post_id, url=url, position=position, author=author, published_at=published,
        edited_at=edited_at, text=element_text(body, skip=_QUOTES), html=sanitise(inner_html(body)),
        reactions=reactions, quotes=[_quote(node, ids) for node in _top_quotes(body)],
        links=links, images=images, attachments=attachments,
    )


def date_quotes(posts: list[Post]) -> None:
    """Quotes carry no time: give a quote of a post on this page that post's time."""
    times = {post.post_id: post.published_at for post in posts}

    def walk(quotes: list[Quote]) -> None:
        for quote in quotes:
            if quote.published_at is None and quote.post_id in times:
                quote.published_at = times[quote.post_id]
            walk(quote.quotes)

    for post in posts:
        walk(post.quotes)


def _classes(node) -> list[str]:
    return (node.get("class") or "").split()


def _is_quote_aside(node) -> bool:
    return node.tag == "aside" and "quote" in _classes(node)


def _is_quote(node) -> bool:
    """An ``aside.quote``, or a bare ``blockquote`` (not the body of an ``aside.quote``)."""
    if node.tag == "aside":
        return "quote" in _classes(node)
    parent = node.getparent()
    return node.tag == "blockquote" and not (parent is not None and _is_quote_aside(parent))


def _top_quotes(container) -> list:
    """The quotes in ``container`` not inside another quote or a link preview (one walk that
    enters neither: linear however deep quotes nest)."""
    return [node for node in top_level(container, _is_quote_or_aside) if _is_quote(node)]


def _is_quote_or_aside(node) -> bool:
    return node.tag == "aside" or _is_quote(node)


def _quote(node, ids: PostIds, depth: int = 1) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`)."""
    check_budget()
    if node.tag == "blockquote":  # Markdown "> ...": quoted words without an author
        return Quote(author=None, text=element_text(node, skip=_QUOTES),
                     quotes=[_quote(q, ids, depth + 1) for q in _top_quotes(node)] if read_deeper(depth) else [])
    title = _first(_TITLE_DIV(node))
    citation = _words([element_text(title)]) if title is not None else None
    body = next((child for child in node if child.tag == "blockquote"), None)
    if body is None:
        body = without(node, f"./div[{class_test('title')}]")
    author = node.get("data-username") or None
    if author is None and citation:
        match = _CITATION_NAME.match(citation)
        author = match.group("who") if match else None
    thread_id = node.get("data-topic") or None
    return Quote(
        author=author, post_id=ids.post_id(thread_id, node.get("data-post")), thread_id=thread_id,
        citation=citation or None, text=element_text(body, skip=_QUOTES),
        quotes=[_quote(q, ids, depth + 1) for q in _top_quotes(body)] if read_deeper(depth) else [],
    )


def _absolute_addresses(body, origin: str) -> None:
    for node in body.iter("a", "img"):
        attribute = "href" if node.tag == "a" else "src"
        value = node.get(attribute)
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:")):
            node.set(attribute, urljoin(origin + "/", value.strip()))


def _references(body) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments in the poster's own words; a link preview counts as its link."""
    links, images, attachments = [], [], []
    for node in iter_outside(body, ("a", "img", "aside"), skip=_QUOTES):
        classes = _classes(node)
        if node.tag == "aside":
            if "onebox" in classes:
                href = node.get("data-onebox-src") or next((a.get("href") for a in node.iter("a") if a.get("href")), None)
                heading = next((h for h in node.iter("h3", "h4") if element_text(h)), None)
                if href:
                    links.append(Link(href, element_text(heading) if heading is not None else None))
            continue
        if node.tag == "img":
            if any(name in classes for name in _IMAGE_SKIP):
                continue  # smileys and avatars are not pictures the poster posted
            parent = next((a for a in node.iterancestors("a") if "lightbox" in _classes(a)), None)
            src = parent.get("href") if parent is not None else node.get("src")
            if src and not src.startswith("data:"):
                images.append(Link(src, node.get("alt")))
            continue
        href = node.get("href")
        if not href or href.startswith("#") or any(c in classes for c in ("mention", "anchor", "lightbox")):
            continue
        target = attachments if "attachment" in classes else links
        target.append(Link(href, element_text(node) or None))
    return links, images, attachments
