"""What a phpBB post links to, shows and attaches."""

from __future__ import annotations

from ..html_text import element_text, iter_outside
from ..models import Link
from ..values import words as _words
from .common import clean_url


# The attribute holding each tag's address.
_ADDRESS_ATTRIBUTE = {"a": "href", "img": "src", "blockquote": "cite"}


def show_real_post_addresses(element, page_url: str) -> None:
    """Absolute links and image addresses (and quotes' ``cite``), without phpBB's per-visit ``sid``."""
    for node in element.iter("a", "img", "blockquote"):
        attribute = _ADDRESS_ATTRIBUTE[node.tag]
        value = node.get(attribute)
        if value and not value.startswith(("#", "data:", "mailto:", "javascript:")):
            node.set(attribute, clean_url(page_url, value))


def read_references(body, attachbox) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments of the poster's own words (quoted ones belong to the quote).

    Attached files (``dl.file`` with a download link) are attachments; attached pictures
    (``dl.file dt.attach-image img``, ``dl.thumbnail`` linking the full size) are images; in
    subsilver2's ``div.attachcontent`` likewise (a file's download link an attachment, a picture or
    a thumbnail's link to the full size an image); smileys
    are left out. Addresses are already absolute (see :func:`_show_real_addresses`).
    """
    links, images, attachments = [], [], []
    attached = set()
    # One walk of the body for its boxes, links and pictures (each kind in document order).
    own = {"dl": [], "a": [], "img": [], "div": []}
    for node in iter_outside(body, ("dl", "a", "img", "div"), skip="blockquote"):
        own[node.tag].append(node)
    for box in own["div"]:
        # subsilver2's inline attachment (``div.attachcontent``): the picture, a thumbnail linking
        # the full size, or the file's download link (its icon and size lines were dropped).
        if "attachcontent" not in (box.get("class") or "").split():
            continue
        for anchor in box.iter("a"):
            href = anchor.get("href")
            thumb = anchor.find(".//img")
            if href and thumb is not None:
                images.append(Link(href, thumb.get("alt")))
            elif href:
                attachments.append(Link(href, _words(anchor.itertext()) or None))
        for image in box.iter("img"):
            if image.get("src") and image.getparent().tag != "a":
                images.append(Link(image.get("src"), image.get("alt")))
        attached.update(box.iter("a", "img"))
    for box in [body, attachbox] if attachbox is not None else [body]:
        for dl in own["dl"] if box is body else iter_outside(box, ("dl",), skip="blockquote"):
            classes = (dl.get("class") or "").split()
            if "thumbnail" in classes:
                anchor, image = dl.find(".//a"), dl.find(".//img")
                if anchor is not None and anchor.get("href"):
                    images.append(Link(anchor.get("href"), image.get("alt") if image is not None else None))
                attached.update(dl.iter("a", "img"))
            elif "file" in classes:
                for image in dl.iter("img"):  # the picture itself, not the file type icon
                    parent = image.getparent()
                    if image.get("src") and ("postimage" in (image.get("class") or "")
                                             or "attach-image" in (parent.get("class") or "")):
                        images.append(Link(image.get("src"), image.get("alt")))
                for anchor in dl.iter("a"):
                    if anchor.get("href"):
                        attachments.append(Link(anchor.get("href"), _words(anchor.itertext()) or None))
                attached.update(dl.iter("a", "img"))
    for anchor in own["a"]:
        href = anchor.get("href")
        if href and not href.startswith(("#", "javascript:")) and anchor not in attached:
            links.append(Link(href, element_text(anchor) or None))
    for image in own["img"]:
        src = image.get("src")
        if image in attached or not src or src.startswith("data:") or "smilies" in (image.get("class") or ""):
            continue
        images.append(Link(src, image.get("alt")))
    return links, images, attachments

