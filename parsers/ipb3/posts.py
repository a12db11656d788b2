"""One IP.Board 3 post read into a :class:`parsers.models.Post`: author, number, times, edit line, words."""

from __future__ import annotations

import copy
import re
from datetime import datetime

from ..dates import parse_iso
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import has_class, inside, show_real_addresses
from ..models import Author, Link, Post
from ..post_blocks import shared_error
from ..quote_depth import depth_errors
from ..urls import urljoin
from ..values import words as _words
from .page import PostParts
from .quotes import read_quote, top_level_quotes, without_quotes

# The member's profile: index.php?showuser=N, and the friendly addresses /user/N-slug/ (with or
# without index.php?/ in front, as the board's FURL setting prints them).
USER_ID = re.compile(r"(?:[?&;]showuser=|/user/)(\d+)")
_NUMBER = re.compile(r"#\s*(\d+)")
_SIGNED_NUMBER = re.compile(r"-?\d+")
# "This post has been edited by <b>X</b>: 12 May 2013 - 10:20 AM" (lang edited_by), read when
# the name is not in its own <b>.
_EDITED = re.compile(r"edited by\s+(?P<who>.+?)\s*:\s*(?P<when>.+)$", re.S | re.I)
# The parts of a guest's h3 that are not the name: the number, the IP, a moderator's checkbox.
_HEAD_EXTRAS = ("post_id", "ip", "right")
# What else in a guest's h3 is never the name, whatever a theme calls it: the number is a link
# (a guest's name never is), the IP and number spans carry the template's classes (a guest group's
# formatting of the name is a class-less <span style> or <b>), a checkbox is a form's.
_NOT_NAME_TAGS = frozenset({"a", "input", "label", "select", "button", "img"})


def read_post(parts: PostParts, page_url: str, clock, position: int, errors: list[str]) -> Post | None:
    """The post, or None for a block without its ``entry-content`` or a hidden post (``errors`` says so).

    ``clock`` reads printed dates (see :class:`parsers.clock.ForumClock`); ``position`` is the
    post's place in the topic when its own "#N" is missing.
    """
    post_id = parts.post_id
    if parts.deleted:
        # Worded apart from "...; post skipped" (parsers.browser_tree.SKIPPED_POST_MARK): nothing
        # is mixed up here, and a second reading of the page would find the same note.
        errors.append(f"post {post_id}: a hidden (soft-deleted) post: the page shows the moderators' note"
                      " in its place, not the post")
        return None
    author = _author(parts, page_url) if not parts.shared else Author(name=None)
    if parts.shared:
        errors.append(shared_error(post_id))
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = _published(parts, clock)
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_line(parts, clock, errors)
    for node in [parts.edit, *parts.signatures]:
        if node is not None and inside(node, body):
            drop_node(node)
    show_real_addresses(body, page_url)
    quotes = [read_quote(node, clock) for node in top_level_quotes(body)]
    errors.extend(depth_errors(post_id, quotes))
    own = without_quotes(body)
    attachments = _attachments(own)
    links, images = _references(own)
    href = parts.bookmark.get("href") if parts.bookmark is not None else None
    return Post(
        post_id=post_id,
        # Without its bookmark: the anchor the template puts in every post block, on this page.
        url=urljoin(page_url, href.strip()) if href and href.strip() else f"{page_url.split('#', 1)[0]}#entry{post_id}",
        position=_number(parts, post_id) or position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(own),
        html=sanitise(inner_html(body)),
        reactions=_reputation(parts),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _author(parts: PostParts, page_url: str) -> Author:
    """The member's hovercard link in ``span.author.vcard``; a guest's bare name in ``h3.guest``."""
    box = parts.author_box
    if box is not None:
        # Without a link: a member whose profile the viewer may not open, the name alone.
        return member_link(box, page_url) or Author(name=_words(box.itertext()) or None)
    head = parts.head
    if head is None or not has_class(head.get("class") or "", "guest"):
        return Author(name=None)
    clone = copy.deepcopy(head)
    for node in list(clone.iterdescendants()):
        if node.tag.__class__ is not str:
            continue
        classes = node.get("class")
        if (node.tag in _NOT_NAME_TAGS or (node.tag == "span" and classes and classes.strip())
                or any(has_class(classes or "", name) for name in _HEAD_EXTRAS)
                or next(node.iterdescendants("a", "input"), None) is not None):
            if node.getparent() is not None:
                drop_node(node)
    return Author(name=_words(clone.itertext()) or None)


def member_link(holder, page_url: str) -> Author | None:
    """The member a hovercard link inside ``holder`` names (``?showuser=N``, ``/user/N-slug/``), or None."""
    anchor = next((a for a in holder.iter("a") if USER_ID.search(a.get("href") or "")), None)
    if anchor is None:
        return None
    url = urljoin(page_url, anchor.get("href").strip())
    named = next((s for s in anchor.iter("span") if s.get("itemprop") == "name"), anchor)
    return Author(name=_words(named.itertext()) or None, id=USER_ID.search(url).group(1), url=url)


def _published(parts: PostParts, clock) -> datetime | None:
    """The ``abbr.published`` title (``date('c')``: the instant, with its offset), else the printed
    words ("12 May 2013 - 10:20 AM", "Today, 10:20 AM", "5 minutes ago") read by ``clock``."""
    if parts.published is not None:
        exact = parse_iso((parts.published.get("title") or "").strip() or None)
        if exact is not None:
            return exact
    text = parts.date_text()
    when = clock.read(text)
    if when is None and " " in text:
        when = clock.read(text.split(None, 1)[1])  # "Posted 5 minutes ago": the label left out
    return when


def _number(parts: PostParts, post_id: str) -> int | None:
    """The post's number in the topic, "#2" in the ``a[rel=bookmark]`` of its head. A "#N" that is
    the post's own id is no number (search results print the id there) and is not taken: the
    place on the page, with the page's offset, stands instead."""
    if parts.bookmark is None:
        return None
    match = _NUMBER.search(_words(parts.bookmark.itertext()))
    if not match or int(match.group(1)) <= 0:
        return None
    number = int(match.group(1))
    return None if number > 1 and str(number) == post_id else number


def _edit_line(parts: PostParts, clock, errors: list[str]) -> tuple[datetime | None, str | None]:
    """"This post has been edited by <b>X</b>: 12 May 2013 - 10:20 AM" -> (time, X); the reason
    (``span.reason``) is not part of either."""
    if parts.edit is None:
        return None, None
    line = copy.deepcopy(parts.edit)
    for reason in [node for node in line.iter("span") if has_class(node.get("class") or "", "reason")]:
        drop_node(reason)
    words = _words([element_text(line)])
    named = next(iter(line.iter("b", "strong")), None)
    who = _words(named.itertext()) if named is not None else ""
    when = ""
    if who and who in words:
        when = words[words.index(who) + len(who):].lstrip(" :")
    else:
        match = _EDITED.search(words)
        if match:
            who, when = match.group("who").strip(), match.group("when").strip()
    if not who:
        errors.append(f"post {parts.post_id}: the editor's name in {words[:80]!r} is not read")
    edited_at = clock.read(when) if when else None
    if edited_at is None:
        errors.append(f"post {parts.post_id}: edit time in {words[:80]!r} is not read")
    return edited_at, who or None


def _reputation(parts: PostParts) -> dict[str, int]:
    """The reputation total of the post's ``rep_bar`` (``span.reputation.rep_show``), where shown."""
    if parts.reputation is None:
        return {}
    match = _SIGNED_NUMBER.search(_words(parts.reputation.itertext()).replace("\u2212", "-"))
    return {"Reputation": int(match.group(0))} if match else {}


def _attachments(own) -> list[Link]:
    """The files of the post's attachment list (``div#attach_wrap``, skin_topic
    ``show_attachment_title``: each file's download link, ``...section=attach&attach_id=N``, around
    its name). The list is taken out of ``own``: its title and sizes are not the poster's words."""
    found = []
    for wrap in [node for node in own.iter("div") if node.get("id") == "attach_wrap"]:
        for anchor in wrap.iter("a"):
            href = anchor.get("href") or ""
            name = _words(anchor.itertext())
            if "attach_id=" in href and name:
                found.append(Link(href, name))
        drop_node(wrap)
    return found


def _references(own) -> tuple[list[Link], list[Link]]:
    """Links and pictures of the poster's own words (quotes already left out); emoticons
    (``img.bbc_emoticon``) are no pictures, and a picture's lightbox link is the picture's."""
    links = []
    for anchor in own.iter("a"):
        href = anchor.get("href")
        if not href or href.startswith(("#", "javascript:")):
            continue
        if has_class(anchor.get("class") or "", "resized_img") or (
                len(anchor) == 1 and anchor[0].tag == "img" and not _words(anchor.itertext())):
            continue  # the link around an attached or resized picture: the picture is listed below
        links.append(Link(href, element_text(anchor) or None))
    images = []
    for image in own.iter("img"):
        src = image.get("src")
        if not src or src.startswith("data:") or has_class(image.get("class") or "", "bbc_emoticon"):
            continue
        if "/mime_types/" in src:
            continue  # a file type's icon beside an attached file
        holder = image.getparent()
        full = holder.get("href") if holder is not None and holder.tag == "a" and holder.get("href") else None
        images.append(Link(full if full and has_class(holder.get("class") or "", "resized_img") else src,
                           image.get("alt")))
    return links, images
