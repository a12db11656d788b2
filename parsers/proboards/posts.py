"""One ProBoards post block (``tr.post#post-N`` or ``div.post#post-N``) read into a :class:`Post`."""

from __future__ import annotations

import re

from ..budget import check_budget
from ..dates import from_unix
from ..edit_notices import editor_not_read
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import has_class, inside, top_level
from ..models import Author, Link, Post, Quote
from ..post_blocks import nested_block_error, shared_error
from ..quote_depth import read_deeper
from ..urls import urljoin
from ..values import words as _words

ENGINE = "proboards"

POST_ID = re.compile(r"^post-(\d+)$")
_USER_ID = re.compile(r"/user/(\d+)")
_QUOTED_POST = re.compile(r"/post/(\d+)")
_QUOTED_THREAD = re.compile(r"/thread/(\d+)")
_QUOTE_FROM = re.compile(r"^Quote from\s+(.+?)(?:\s+on\b.*)?$", re.S)
_SAID = re.compile(r"^(.+?)\s+said:?$", re.S)  # v5's header without its links: a guest's "Y said:"


def post_addresses(page_url: str) -> str:
    """Where a post's permalink ``/post/{id}/thread`` starts: ``urljoin(page_url, "/post/")``. Joined once
    a page: the digits and "/thread" after it are plain path segments, which a join keeps as they are."""
    return urljoin(page_url, "/post/")


def read_post(node, post_id: str, page_url: str, permalinks: str, shared: bool, errors: list[str]) -> Post:
    """The post of one block; ``permalinks`` is :func:`post_addresses` of ``page_url``."""
    parts = _Parts(node)
    if parts.other_posts:
        # A torn page: the block lost its end tag and holds the next post's block, whose id was
        # torn too (a block with its id is read on its own). That post's card and links are not
        # this post's poster: the poster is not surely known (fuzz seed 1001, stray characters).
        errors.append(nested_block_error(post_id, "a div.post"))
    if shared or parts.other_posts:
        if shared:
            errors.append(shared_error(post_id))
        author = Author(name=None)
    else:
        author = _author(parts, page_url)
        others = _other_members(parts)
        if others:
            # A Post template without the mini-profile, and more than one member linked outside the
            # message (a likes line, a card on the right): the first link is not surely the poster's.
            errors.append(f"post {post_id}: no mini-profile, and several members are linked outside the"
                          f" message ({', '.join(others)}): the poster is not known")
            author = Author(name=None)
        elif not author.name:
            errors.append(f"post {post_id}: no author name found")
        elif not any(character.isalnum() for character in author.name):
            # "???": what a page decoded with the wrong charset shows of a name; kept, but said
            errors.append(f"post {post_id}: the author's name {author.name!r} has no letter or digit (wrong charset?)")
    published = _timestamp(parts.date)
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    edited_at = edited_by = None
    if parts.edit is not None:
        edited_at = _timestamp(next(parts.edit.iter("abbr"), None))
        editor = next((a for a in parts.edit.iter("a") if _USER_ID.search(a.get("href") or "")), None)
        edited_by = (_words(editor.itertext()) or None) if editor is not None else None
        notice = _words(parts.edit.itertext())
        if edited_by is None and notice:  # an editor printed without its member link: not guessed, said
            errors.append(editor_not_read(post_id, notice))
    body = parts.body
    quotes: list[Quote] = []
    links, images, attachments = [], [], []
    text = html = ""
    if body is None:
        errors.append(f"post {post_id}: no message found; its text is empty")
    else:
        _real_addresses(body, page_url)
        for box in parts.attachment_boxes:
            _real_addresses(box, page_url)
        quote_nodes = top_level(body, _is_quote)
        quotes = [_quote(q, page_url) for q in quote_nodes]
        for quote_node in quote_nodes:
            drop_node(quote_node)
        links, images, attachments = _references(body, parts.attachment_boxes)
        text, html = element_text(body), sanitise(inner_html(body))
    return Post(post_id=post_id, url=f"{permalinks}{post_id}/thread", position=0, author=author,
                published_at=published, edited_at=edited_at, edited_by=edited_by, text=text, html=html,
                quotes=quotes, links=links, images=images, attachments=attachments)


_POST_LINK = re.compile(r"/post/(\d+)(?:/|$)")


def another_posts_date_link(node, post_id: str) -> str | None:
    """The number of another post whose time stands in the block as ProBoards prints a post's time:
    a link to the post (``/post/M/thread``) around an ``abbr`` with its ``data-timestamp``, outside
    quotes (a quote's header links the quoted post so). A member's own link to a post, in the
    words or a signature, holds no such ``abbr``."""
    for link in node.iter("a"):
        match = _POST_LINK.search(link.get("href") or "")
        if match is None or match.group(1) == post_id:
            continue
        if next((abbr for abbr in link.iter("abbr") if abbr.get("data-timestamp")), None) is None:
            continue
        if not any(has_class(a.get("class") or "", "quote") for a in link.iterancestors("div")):
            return match.group(1)
    return None


class _Parts:
    """The parts of one post block, from one walk (quotes' own parts left out)."""

    def __init__(self, node) -> None:
        self.body = self.date = self.edit = self.profile = None
        self.attachment_boxes = []
        self.other_posts = []  # div.post blocks inside this one: posts whose ids were lost, not walked into
        self.dates = []  # abbr[data-timestamp] outside the message, quotes, edit notice and mini-profile
        # Author elements outside the message, its quotes, the edit notice and the signature: where
        # the author is read from when the block lost its mini-profile (never from a quote's link).
        self.author_marks = []
        stack = [iter(node)]
        while stack:
            for child in stack[-1]:
                tag = child.tag
                if tag.__class__ is not str:
                    continue
                classes = child.get("class")
                if classes and _likes_line(child, classes):
                    continue  # its member links are the likers', never the poster's
                if tag == "div":
                    if classes:  # a div without a class is none of these: walked into below
                        if has_class(classes, "quote"):
                            continue  # a quote's abbr and user links are the quote's
                        if has_class(classes, "post"):
                            self.other_posts.append(child)
                            continue
                        if self.body is None and has_class(classes, "message"):
                            self.body = child
                            continue
                        if has_class(classes, "edited_by"):
                            self.edit = child
                            continue
                        if has_class(classes, "signature"):
                            continue
                        if has_class(classes, "mini-profile"):
                            self.profile = child if self.profile is None else self.profile
                            continue  # its dates (registration, last online) are the member's
                        if has_class(classes, "attachments") or has_class(classes, "post-attachments"):
                            self.attachment_boxes.append(child)
                            continue
                elif tag == "abbr":
                    if child.get("data-timestamp"):
                        self.dates.append(child)
                elif tag == "a" or tag == "span":
                    if classes and (has_class(classes, "user-link") or has_class(classes, "user-guest")):
                        self.author_marks.append(child)
                if len(child):
                    stack.append(iter(child))
                    break
            else:
                stack.pop()
        self.date = self._post_date(node)

    def _post_date(self, block):
        """The first date outside the mini-profile. A theme that renamed ``mini-profile`` still
        prints the member's dates ("Joined: Jul 2017") beside the poster's link, in a column apart
        from the message: without the class, dates in that column (the poster's link's highest
        ancestor in the block that does not hold the message) are the member's, never the post's."""
        if not self.dates or self.profile is not None or not self.author_marks:
            return self.dates[0] if self.dates else None
        column = self.author_marks[0]
        for parent in column.iterancestors():
            if parent is block or (self.body is not None and inside(self.body, parent)):
                break
            column = parent
        return next((date for date in self.dates if not inside(date, column)), None)


_LIKES = re.compile(r"(?<![a-z])lik(?:e|es|ed|ers?)(?![a-z])", re.IGNORECASE)


def _likes_line(node, classes: str) -> bool:
    """Whether ``node``, of class attribute ``classes``, is a likes line ("likes", "post-likes",
    "liked-by"): the members it links liked the post. A custom template's card with the poster's link may come after it
    (``tests/data/proboards_themes/rightcard_likes.html``); a page cut in the likes line kept one
    liker, who was taken for the poster when the card was lost."""
    if "ik" not in classes or _LIKES.search(classes) is None:
        return False
    # A wrapper of the message ("likes-enabled" on the post's content) is no likes line.
    return not any(has_class(div.get("class") or "", "message") for div in node.iter("div"))


def _author(parts: _Parts, page_url: str) -> Author:
    marks = _profile_marks(parts) if parts.profile is not None else parts.author_marks
    for node in marks:
        classes = node.get("class") or ""
        if node.tag == "span" and has_class(classes, "user-guest"):
            return Author(name=_words(node.itertext()) or None)
        if node.tag == "a" and has_class(classes, "user-link"):
            href = node.get("href") or ""
            match = _USER_ID.search(href)
            user_id = node.get("data-id") or (match.group(1) if match else None)
            return Author(name=_words(node.itertext()) or None, id=user_id,
                          url=urljoin(page_url, href) if href else None)
    return Author(name=None)


def _profile_marks(parts: _Parts):
    """The links and spans of the post's mini-profile up to where its own part ends: a
    mini-profile that lost its end tag holds the post's content cell, its message and what
    follows, a later post's mini-profile too, whose member is not this post's poster (fuzz seed
    171, ``delete_tags``)."""
    for node in parts.profile.iter("a", "span", "div", "td", "tr"):
        if node.tag in ("a", "span"):
            yield node
        elif node is not parts.profile and (node.tag in ("td", "tr") or any(
                has_class(node.get("class") or "", name) for name in _PROFILE_ENDS)):
            return


# What ends a mini-profile's own part (its end tag lost): the post's content, its message, another
# post's mini-profile.
_PROFILE_ENDS = ("message", "mini-profile", "content-head", "content")


def _other_members(parts: _Parts) -> list[str]:
    """The names of the members linked outside the message when they are more than one and the
    block has no mini-profile (a custom ``Post`` template that prints ``$[user]`` in a card of its
    own, beside a likes line's member links); empty otherwise. A member linked twice counts once."""
    if parts.profile is not None:
        return []
    seen: dict[str, str] = {}
    for node in parts.author_marks:
        name = _words(node.itertext())
        match = _USER_ID.search(node.get("href") or "")
        key = node.get("data-id") or (match.group(1) if match else None) or f"guest:{name}"
        seen.setdefault(key, name)
    return list(seen.values()) if len(seen) > 1 else []


def _timestamp(abbr):
    """The time of an ``abbr`` whose ``data-timestamp`` is Unix milliseconds (seconds accepted)."""
    if abbr is None:
        return None
    value = (abbr.get("data-timestamp") or "").strip()
    if not value.isdigit():
        return None
    number = int(value)
    return from_unix(number // 1000 if number > 10_000_000_000 else number)


def _is_quote(node) -> bool:
    return node.tag == "div" and has_class(node.get("class") or "", "quote")


def _child_with_class(node, name: str):
    return next((c for c in node if c.tag == "div" and has_class(c.get("class") or "", name)), None)


def _quote(node, page_url: str, depth: int = 1) -> Quote:
    """``<div class="quote" data-timestamp><div class="quote_header">Quote from <a class="user-link"
    href="/user/5">X</a> on <abbr data-timestamp> <a href="/post/N/thread"></a></div><div class=
    "quote_body">words, nested quotes</div></div>``, or v5's own form, where the header sits inside the
    body after the quoted member's avatar: ``<div class="quote" source="/post/N/thread" author="@x">
    <div class="quote_body"><div class="quote_avatar_container">…</div><div class="quote_header"><a
    href="/post/N/thread"><abbr data-timestamp></a> <a class="user-link" href="/user/5">X</a> said:</div>
    words<div class="quote_clear"></div></div></div>`` (a guest's header has the bare name, "Y said:")."""
    check_budget()
    header = _child_with_class(node, "quote_header")
    body = _child_with_class(node, "quote_body")
    header_in_body = header is None and body is not None
    if header_in_body:
        header = _child_with_class(body, "quote_header")
    author = author_id = post_id = thread_id = citation = None
    published = _timestamp(node) if node.get("data-timestamp") else None
    if header is not None:
        citation = _words(header.itertext()) or None
        for anchor in header.iter("a"):
            href = anchor.get("href") or ""
            user = _USER_ID.search(href)
            if user and author is None:
                author, author_id = _words(anchor.itertext()) or None, user.group(1)
            post = _QUOTED_POST.search(href)
            if post and post_id is None:
                post_id = post.group(1)
            thread = _QUOTED_THREAD.search(href)
            if thread and thread_id is None and not post:
                thread_id = thread.group(1)
        if published is None:
            published = _timestamp(next((a for a in header.iter("abbr") if a.get("data-timestamp")), None))
        if author is None:
            match = _QUOTE_FROM.match(citation or "") or _SAID.match(_words(_outside_links(header)))
            author = match.group(1).strip() if match else None
    # v5's ``author`` attribute is the member's "@username" (not the name the page shows) or a guest's name
    guest = node.get("author") or ""
    author = author or node.get("data-author") or (guest if guest and not guest.startswith("@") else None)
    if post_id is None:
        source = _QUOTED_POST.search(node.get("source") or "")
        post_id = source.group(1) if source else None
    container = body if body is not None else node
    nested = top_level(container, _is_quote) if read_deeper(depth) else []
    inner = [_quote(q, page_url, depth + 1) for q in nested]
    for quote_node in nested:
        drop_node(quote_node)
    if header is not None and (body is None or header_in_body):
        drop_node(header)
    if header_in_body:  # the quoted member's avatar (or its placeholder) beside the header
        for child in list(body):
            if child.tag == "div" and (has_class(child.get("class") or "", "quote_avatar_container")
                                       or has_class(child.get("class") or "", "no_avatar_placeholder")):
                drop_node(child)
    return Quote(author=author, author_id=author_id, post_id=post_id, thread_id=thread_id, published_at=published,
                 citation=citation, text=element_text(container), quotes=inner)


def _outside_links(header):
    """The header's own text, without its links' (the quoted post's date link, a member's link)."""
    parts = [header.text or ""]
    for child in header:
        if child.tag != "a":
            parts.extend(child.itertext())
        parts.append(child.tail or "")
    return parts


def _real_addresses(element, page_url: str) -> None:
    for node in element.iter("a", "img"):
        attribute = "src" if node.tag == "img" else "href"
        value = node.get(attribute)
        if value and not value.startswith(("#", "data:", "mailto:", "javascript:")):
            node.set(attribute, urljoin(page_url, value.strip()))


def _references(body, boxes: list) -> tuple[list[Link], list[Link], list[Link]]:
    """Links and pictures of the poster's own words, and the post's attachments; smileys
    (``img.smile``, ``/smiley/`` images) left out."""
    links, images, attachments = [], [], []
    for container in [body, *boxes]:
        for node in container.iter("a", "img"):
            if node.tag == "a":
                href = node.get("href") or ""
                if not href or href.startswith(("#", "javascript:")):
                    continue
                if container is not body or "/attachment/download/" in href:
                    if node.find(".//img") is None:
                        attachments.append(Link(href, _words(node.itertext()) or None))
                else:
                    links.append(Link(href, element_text(node) or None))
            else:
                src = node.get("src") or ""
                if not src or src.startswith("data:") or has_class(node.get("class") or "", "smile") \
                        or "/smiley/" in src:
                    continue
                images.append(Link(src, node.get("alt") or node.get("title") or None))
    return links, images, attachments
