"""What an Invision Community post links to, shows and attaches."""

from __future__ import annotations


from ..html_text import element_text, iter_outside
from ..models import Link
from ..urls import urljoin


def show_real_addresses(element, page_url: str) -> None:
    """Make links absolute and put lazy-loaded images' real address (``data-src``) in ``src``."""
    for node in element.iter("a", "img"):
        attribute = "href" if node.tag == "a" else "src"
        value = node.get("data-src") or node.get(attribute) if node.tag == "img" else node.get(attribute)
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:")):
            value = urljoin(page_url, value.strip())
        if value:
            node.set(attribute, value)


def read_references(shown) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments in the poster's own words (quoted ones belong to the quote).

    Addresses are already absolute (see :func:`_show_real_addresses`).
    """
    links, images, attachments = [], [], []
    # One walk of the post for its links and pictures (each kind in document order).
    anchors, pictures = [], []
    for node in iter_outside(shown, ("a", "img"), skip="blockquote"):
        (anchors if node.tag == "a" else pictures).append(node)
    for anchor in anchors:
        href, classes = anchor.get("href"), anchor.get("class") or ""
        if not href or href.startswith("#") or "ipsAttachLink_image" in classes:
            continue  # an attached image's full-size link is recorded with the image below
        # IPS file attachments: <a class="ipsAttachLink" href=".../attachment.php?id=N">name.pdf</a>
        target = attachments if "ipsAttachLink" in classes else links
        target.append(Link(href, element_text(anchor) or None))
    for image in pictures:
        if image.get("data-emoticon") is not None or "ipsEmoji" in (image.get("class") or ""):
            continue  # smileys are part of the words, not pictures the poster posted
        parent = image.getparent()
        full_size = parent.get("href") if parent is not None and "ipsAttachLink_image" in (parent.get("class") or "") else None
        src = full_size or image.get("src")
        if src and not src.startswith("data:"):
            images.append(Link(src, image.get("alt")))
    return links, images, attachments
