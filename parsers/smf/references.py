"""What an SMF post links to, shows and attaches, and the likes it got."""

from __future__ import annotations

import re

from ..html_text import drop_node, element_text
from ..markup import show_real_addresses
from ..models import Link
from ..urls import absolute, without_session
from .parts import Raw


_NUMBER = re.compile(r"\d+")


# --- Links, images, attachments, likes -------------------------------------------------------


def show_real_post_addresses(element, base: str) -> None:
    """Absolute link and image addresses; the code boxes' "[Select]" links (page chrome) go first."""
    for node in [a for a in element.iter("a") if "codeoperation" in (a.get("class") or "")]:
        drop_node(node)
    show_real_addresses(element, base)


def read_references(body, raw: Raw, base: str) -> tuple[list[Link], list[Link], list[Link]]:
    """Links and pictures in the poster's own words; files attached below the message (``action=dlattach``)."""
    links, images, attachments = [], [], []
    for node in body.iter("a", "img", "div"):
        if node.tag == "div":
            video = _embedded_video(node)
            if video is not None:
                links.append(video)
            continue
        if node.tag == "a":
            href = node.get("href")
            if not href or href.startswith(("#", "javascript:")):
                continue
            if "action=dlattach" in href:
                if next(node.iter("img"), None) is None:
                    attachments.append(Link(without_session(href), element_text(node) or None))
                continue
            links.append(Link(href, element_text(node) or None))
        elif _is_picture(node):
            parent = node.getparent()
            full = parent.get("href") if parent is not None and parent.tag == "a" and "dlattach" in (parent.get("href") or "") else None
            images.append(Link(without_session(full or node.get("src")), node.get("alt") or None))
    for anchor in raw.files:
        # A thumbnail (its <img> is itself served by dlattach) is a picture; any other link is the file.
        href = without_session(absolute(base, anchor.get("href")))
        thumbnail = next((img for img in anchor.iter("img") if "dlattach" in (img.get("src") or "")), None)
        if thumbnail is not None:
            if all(image.url != href for image in images):
                images.append(Link(href, thumbnail.get("alt") or None))
        elif all(a.url != href for a in attachments) and all(image.url != href for image in images):
            attachments.append(Link(href, " ".join(element_text(anchor).split()) or None))
    return links, images, attachments


# The Ohara YouTube Embed mod's placeholder for a video in a post, which its script fills in the
# browser: <div class="oharaEmbed youtube" id="oh_VnOIbJmiz0A">, the id the video's.
_OHARA_VIDEO = re.compile(r"^oh_([A-Za-z0-9_-]{11})$")


def _embedded_video(div) -> Link | None:
    """The YouTube address of an Ohara YouTube Embed placeholder, or None. Why: the placeholder
    holds nothing until the browser's script runs, so a post's video (geekhack, SMF 2.0) was
    archived as an empty ``<div>``, no link to what was posted."""
    classes = (div.get("class") or "").split()
    match = _OHARA_VIDEO.match(div.get("id") or "")
    if match is None or "oharaEmbed" not in classes or "youtube" not in classes:
        return None
    return Link(f"https://www.youtube.com/watch?v={match.group(1)}", None)


def _is_picture(img) -> bool:
    src = img.get("src") or ""
    classes = img.get("class") or ""
    return bool(src) and not src.startswith("data:") and "smiley" not in classes and "/Smileys/" not in src


# The reaction kind of the "Like Posts" mod for SMF 2.0 (siddhartha-gupta/SMF-Likes), named after it.
LIKE_POSTS = "Like Posts"


def read_reactions(raw: Raw) -> dict[str, int]:
    """SMF 2.1 likes: "1 person likes this.", "You and 2 others like this."; else the "Like Posts"
    mod's count (:func:`like_posts_reactions`)."""
    if raw.likes is None:
        return like_posts_reactions(raw)
    text = element_text(raw.likes)
    numbers = [int(n) for n in _NUMBER.findall(text)]
    count = (numbers[0] if numbers else 0) + (1 if text.lower().startswith("you") else 0)
    return {"Like": count} if count else {}


def like_posts_reactions(raw: Raw) -> dict[str, int]:
    """The "Like Posts" mod's count of a post's likes (installer/Modification.xml,
    LikePostsUtils::isPostLiked): ``span#like_count_N`` prints "(3 people liked this)" in the
    board's words; for a viewer who liked the post, "(You &amp; 2 other people liked this)" or
    "(You liked this)", and then its button ``a#like_N`` is the ``unlike_link``: the number counts
    the others, the viewer is one more. The member's own total in the poster column ("Total
    likes: 48") is not the post's. Before, the likes were lost."""
    if raw.like_posts is None:
        return {}
    text = element_text(raw.like_posts)
    numbers = [int(n) for n in _NUMBER.findall(text)]
    button = raw.like_posts_button
    viewer = button is not None and "unlike_link" in (button.get("class") or "").split()
    count = (numbers[0] if numbers else 0) + (1 if viewer or (not numbers and text.strip()) else 0)
    return {LIKE_POSTS: count} if count else {}
