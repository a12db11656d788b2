"""What a vBulletin post links to, shows and attaches, and the thanks and likes it got."""

from __future__ import annotations

from lxml import etree

from ..html_text import element_text
from ..markup import has_class
from ..models import Link
from ..urls import absolute, without_session
from .common import NUMBERS, int_value
from .parts import Raw


# DragonByte Tech's stock buttons (a board may add its own: named by their varname).
_DBTECH_KINDS = {"thanks": "Thanks", "likes": "Like", "dislikes": "Dislike"}

_SKIP_IMAGE = ("/smilies/", "/smileys/", "images/misc/", "images/buttons/", "images/statusicon/")


# --- Links, images, attachments, reactions ---------------------------------------------------


def read_references(body, raw: Raw, base: str) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, pictures and attachments in the poster's own words (quotes are already out of ``body``),
    and the files attached below the message (vBulletin 4 ``div.attachments``, vBulletin 3 fieldsets)."""
    links, images, attachments = [], [], []
    for node in body.iter("a", "img"):
        if node.tag == "a":
            href = node.get("href")
            if not href or href.startswith(("#", "javascript:")):
                continue
            if "attachment" in href:
                if next(node.iter("img"), None) is None:
                    attachments.append(Link(without_session(href), element_text(node) or None))
                continue  # an attached picture's full-size link is recorded with the picture
            links.append(Link(href, element_text(node) or None))
        else:
            src = node.get("src")
            if _is_picture(node, src):
                parent = node.getparent()
                full = parent.get("href") if parent is not None and parent.tag == "a" and "attachment" in (parent.get("href") or "") else None
                images.append(Link(without_session(full or src), node.get("alt") or None))
    for region in raw.attachment_regions:
        for node in region.iter("a", "img"):
            if node.tag == "a":
                href = absolute(base, node.get("href"))
                if href and next(node.iter("img"), None) is None:
                    attachments.append(Link(without_session(href), element_text(node) or None))
            else:
                parent = node.getparent()
                src = absolute(base, parent.get("href") if parent is not None and parent.tag == "a" else None) \
                    or absolute(base, node.get("src"))
                if src and _is_picture(node, node.get("src")):
                    images.append(Link(without_session(src), node.get("alt") or None))
    return links, images, attachments


def _is_picture(img, src: str | None) -> bool:
    """A picture the poster posted, not a smiley or a forum icon."""
    if not src or src.startswith("data:"):
        return False
    return "inlineimg" not in (img.get("class") or "") and not any(part in src for part in _SKIP_IMAGE)


def read_reactions(raw: Raw) -> dict[str, int]:
    """vBSEO likes ("A, B and 2 others like this"), vBulletin 5's vote count, the thanks hack's box,
    thumbs-up counts, DragonByte Tech's "Advanced Post Thanks / Like" counts."""
    reactions: dict[str, int] = {}
    if raw.likes is not None:
        count = 0
        for anchor in raw.likes.iter("a"):
            numbers = NUMBERS.findall(element_text(anchor))
            count += (int_value(numbers[0]) or 0) if numbers else 1
        if count:
            reactions["Like"] = count
    if raw.votes is not None and "Like" not in reactions:
        # vBulletin 5 counts a post's likes as votes: the footer's ``votecount`` prints the number
        # (vBulletin 3 and 4 likes, vBSEO's, are a "Like" count too).
        numbers = NUMBERS.findall(element_text(raw.votes))
        count = int_value(numbers[0]) if numbers else None
        if count:
            reactions["Like"] = count
    if raw.thanks is not None:
        count = _thanks_count(raw.thanks)
        if count:
            reactions["Thanks"] = count
    if raw.thumbs is not None:
        tool = next((s for s in raw.thumbs.iter("span") if has_class(s.get("class") or "", "tool")), None)
        count = int_value(element_text(tool)) if tool is not None else None
        if count:
            reactions["Thumbs up"] = count
    for node in raw.clicks:
        # DragonByte Tech's "Advanced Post Thanks / Like": a count per button, named by the
        # button's varname ("thanks", "likes", a board's own): the same kinds as above.
        count = int_value(element_text(node))
        if count and count > 0:
            button = node.get("data-button").strip().lower()
            reactions.setdefault(_DBTECH_KINDS.get(button, button.capitalize()), count)
    return reactions


def _thanks_count(box) -> int | None:
    """How many members thanked: the number the heading prints ("The Following 3 Users Say Thank
    You to X"), else one per member link.

    Why the heading alone: a pack's heading for a single thanker prints no number ("The Following
    User Says Thank You", Arabic boards' "الأعضاء الذين قالوا شكراً لـ X"), and boards show the day of
    each thanks after the name ("(19-05-2024)"): the first number of the whole box was that day's."""
    heading, members = [], 0
    for event, node in etree.iterwalk(box, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        if node.tag == "a" and "member" in (node.get("href") or ""):
            if event == "start":
                members += 1
            continue
        if members:
            continue
        if event == "start":
            heading.append(node.text or "")
        elif node is not box:
            heading.append(node.tail or "")
    numbers = NUMBERS.findall(" ".join(heading))
    return int_value(numbers[0]) if numbers else members
