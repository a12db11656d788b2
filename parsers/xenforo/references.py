"""What a XenForo post links to, shows and attaches, and the reactions it got."""

from __future__ import annotations

import re

from lxml import etree

from ..html_text import element_text
from ..markup import embedded_address
from ..models import Link
from ..values import to_int as _int
from ..values import words as _words
from .common import absolute, joined_url
from .parts import PostParts


_NUMBER = re.compile(r"\d[\d,.\u00a0\u202f ]*")
# "... and 8 others" at the end of a name element's words: the packs' conjunction, a count, a word.
_OTHERS_AT_END = re.compile(r"\s(?:and|und|et|y|e|en|i|og|och|ja|és|ve|и|і|و)\s+(?P<count>\d[\d,.\u00a0\u202f]*)(?:\s+\S+){1,2}$",
                            re.IGNORECASE)
# Words that open with a count and go on ("2 Person(en) gefällt das", "3 people like this").
_COUNT_LINE = re.compile(r"\d[\d,.\u00a0\u202f]*\s+\S+\s+\S+")
# An attachment's address: "/attachments/name.12/" with friendly URLs, "index.php?attachments/name.12/"
# without them (the route then stands in the query).
_ATTACHMENT_ROUTE = re.compile(r"[/?]attachments/")


def show_real_post_addresses(element, base: str) -> None:
    """Make links and images absolute; lazy-loaded images get their real address (``data-src``) in ``src``."""
    for node in element.iter("a", "img"):
        attribute = "href" if node.tag == "a" else "src"
        value = node.get(attribute)
        if node.tag == "img" and node.get("data-src") and (not value or value.startswith("data:")):
            value = node.get("data-src")
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:", "javascript:")):
            value = joined_url(base, value.strip())
        if value:
            node.set(attribute, value)


def unfurl_to_link(card) -> None:
    """A link-preview card is XenForo's rendering of a bare URL the poster wrote: keep the URL."""
    address = card.get("data-url") or next((a.get("href") for a in card.iter("a") if a.get("href")), None)
    link = etree.Element("a", href=address) if address else etree.Element("span")
    link.text = address or ""
    link.tail = card.tail
    parent = card.getparent()
    if parent is not None:
        parent.replace(card, link)


def read_references(body, attachment_lists: list, base: str) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments in the poster's own words (quotes are already out of ``body``)."""
    links, images, attachments = [], [], []
    # [ATTACH] of a file that is no picture renders, in the words, the same ``ul.attachmentList`` item
    # (an icon link, then the file's name) as the attachments box: read as one, with its name.
    inline_lists = [ul for ul in body.iter("ul") if "attachmentList" in (ul.get("class") or "").split()]
    in_lists = {node for ul in inline_lists for node in ul.iter("a", "img")}
    for anchor in body.iter("a"):
        href = anchor.get("href")
        if not href or href.startswith(("#", "javascript:")) or anchor in in_lists:
            continue
        if any(img.get("class") and _is_picture(img) for img in anchor.iter("img")):
            continue  # a lightbox link around a picture: recorded with the picture below
        target = attachments if _ATTACHMENT_ROUTE.search(href) else links
        target.append(Link(href, _words([element_text(anchor)]) or None))
    for frame in body.iter("iframe"):  # embedded media ([MEDIA] and s9e embeds): the address of what was embedded
        src = embedded_address(frame)
        if src:
            links.append(Link(absolute(base, src), None))
    for image in body.iter("img"):
        if image in in_lists or not _is_picture(image):
            continue
        parent = image.getparent()
        full_size = parent.get("href") if parent is not None and parent.tag == "a" and (
            "js-lbImage" in (parent.get("class") or "") or "LbTrigger" in (parent.get("class") or "")) else None
        src = full_size or image.get("data-url") or image.get("src")
        if src and not src.startswith("data:"):
            images.append(Link(absolute(base, src), image.get("alt")))
    for container in inline_lists + list(attachment_lists):
        for item in container.iter("li"):
            anchor = next((a for a in item.iter("a") if a.get("href")), None)
            if anchor is None:
                continue
            href = absolute(base, anchor.get("href"))
            name_node = next((n for n in item.iter("span", "h6", "div")
                              if "file-name" in (n.get("class") or "") or n.tag == "h6"), None)
            name = _words([element_text(name_node)]) if name_node is not None else None
            thumbnail = next(iter(item.iter("img")), None)
            if thumbnail is not None:
                images.append(Link(href, name or thumbnail.get("alt")))
            else:
                attachments.append(Link(href, name or _words([element_text(anchor)]) or None))
    return links, images, attachments


def _is_picture(image) -> bool:
    """A picture the poster posted: not a smiley, an emoji or a link card's favicon."""
    tokens = (image.get("class") or "").split()
    return not any(t in ("smilie", "mceSmilie", "smilie--emoji", "bbCodeBlockUnfurl-icon") or t.startswith("smilie")
                   for t in tokens)


def read_reactions(parts: PostParts) -> dict[str, int]:
    """Reaction name to count, read from "X, Y and 3 others" (the bar names the people, not the counts).

    One reaction type shown: all the people count for it. Several types: the bar does not say who
    gave which, so the total is kept as ``{"Reactions": N}``. XenForo 1 and 2.0 show likes only.
    """
    if parts.reactions is not None:
        bar = parts.reactions
        names: list[str] = []
        for image in bar.iter("img"):
            name = (image.get("alt") or image.get("title") or "").strip()
            if name and name not in names:
                names.append(name)
        if not names:  # reactions drawn without an image: the span's title names them
            names = list(dict.fromkeys(s.get("title").strip() for s in bar.iter("span")
                                       if "reaction" in (s.get("class") or "").split() and s.get("title")))
        people = next((n for n in bar.iter("a", "span") if any(
            c in ("reactionsBar-link", "reactionsBar-reactors") for c in (n.get("class") or "").split())), None)
        total = _people(people) if people is not None else 0
        if not total:
            return {}
        return {names[0]: total} if len(names) == 1 else {"Reactions": total}
    if parts.ratings is not None:
        return _ratings(parts.ratings)
    if parts.likes is not None:
        # The element whose children are the names (XF1 .LikeText, XF2.0 a link holding <bdi>s).
        likes = next((n for n in parts.likes.iter() if n.tag.__class__ is str and any(
            c.tag in ("bdi",) or "username" in (c.get("class") or "") for c in n)), parts.likes)
        total = _people(likes)
        return {"Like": total} if total else {}
    return {}


def _ratings(output) -> dict[str, int]:
    """XenForo 1's "Post Ratings" add-on (dark_postrating): its ``ul.dark_postrating_outputlist``
    holds one ``li`` a rating kind the post got, "<img> Funny x <strong>2</strong>" (the kind's
    title in the board's words, or only in the image's title on boards with many kinds, then its
    count), and a last ``li`` linking to the list of raters ("List", no count). Before, these
    counts were lost."""
    ratings: dict[str, int] = {}
    for item in output.iterchildren("li"):
        count = item.find("strong")
        if count is None:
            continue
        name = " ".join((item.xpath("string()") or "").split())
        name = re.sub(r"\s*[x\u00d7]\s*" + re.escape(" ".join(element_text(count).split())) + r"\s*$", "", name)
        if not name:  # a board with many kinds prints each as its image alone, the title in alt/title
            image = item.find("img")
            name = " ".join(((image.get("title") or image.get("alt") or "") if image is not None else "").split())
        number = _int(re.sub(r"[,.\s\u00a0\u202f]", "", element_text(count)))
        if name and number:
            ratings[name] = ratings.get(name, 0) + number
    return ratings


def _people(node) -> int:
    """How many people "<bdi>A</bdi>, <bdi>B</bdi> and 3 others" names: one per name, plus the numbers said."""
    total = 0
    texts = [node.text or ""]
    for child in node:
        if child.tag.__class__ is not str:
            texts.append(child.tail or "")
            continue
        words = _words([element_text(child)])
        # XenForo 1 links "3 others" to the list of likers: a number, not a name.
        if child.tag == "a" and ("OverlayTrigger" in (child.get("class") or "") or "/likes" in (child.get("href") or "")):
            texts.append(words)
        elif child.tag == "span" and _COUNT_LINE.match(words) and "username" not in (child.get("class") or ""):
            # A like add-on's line in a span of its own ("2 Person(en) gefällt das", musiker-board's
            # XenForo 1): a count, not a name (before, every such post had 1 like).
            texts.append(words)
        elif child.tag in ("bdi", "a", "span") and words:
            total += 1
            # A name element left open ("<span>C</bdi> and 8 others", a stray end tag of the
            # board's markup) holds the rest of the line: its count still counts (forum.statcounter.com
            # gave 3 likes for 11).
            others = _OTHERS_AT_END.search(words)
            if others:
                texts.append(others.group("count"))
        texts.append(child.tail or "")
    for number in _NUMBER.findall(" ".join(texts)):
        total += _int(re.sub(r"[,.\s\u00a0\u202f]", "", number)) or 0
    return total
