"""What a MyBB post links to, shows and attaches."""

from __future__ import annotations


from ..html_text import element_text, iter_outside
from ..models import Link
from ..urls import urljoin
from ..values import words as _words


def show_real_post_addresses(element, page_url: str) -> None:
    """Absolute addresses; pictures MyBB serves through its image proxy get their original one."""
    for node in element.iter("a", "img"):
        if node.tag == "img":
            value = node.get("data-original-url") or node.get("src")
            attribute = "src"
        else:
            value, attribute = node.get("href"), "href"
        if value and not value.startswith(("#", "data:", "mailto:", "javascript:")):
            node.set(attribute, urljoin(page_url, value.strip()))


def read_references(body, boxes: list) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments of the poster's own words; quoted ones belong to the quote.

    ``attachment.php?aid=N`` links are attachments (a thumbnail inside one makes it a picture,
    linked at full size); smileys are left out.
    """
    links, images, attachments = [], [], []
    for container in [body, *boxes]:
        for node in iter_outside(container, ("a", "img"), skip="blockquote"):
            if node.tag == "a":
                href = node.get("href")
                if not href or href.startswith(("#", "javascript:")):
                    continue
                if "attachment.php" in href:
                    thumbnail = node.find(".//img")
                    if thumbnail is not None:
                        images.append(Link(href, thumbnail.get("alt") or thumbnail.get("title")))
                    else:
                        attachments.append(Link(href, _words(node.itertext()) or None))
                elif container is body:
                    links.append(Link(href, element_text(node) or None))
            else:
                src, classes = node.get("src"), node.get("class") or ""
                parent = node.getparent()
                if not src or src.startswith("data:") or "smilie" in classes:
                    continue
                if parent is not None and parent.tag == "a" and "attachment.php" in (parent.get("href") or ""):
                    continue  # recorded with its link above
                if "attachment" in classes or container is body:
                    images.append(Link(src, node.get("alt") or None))
    return links, images, attachments
