"""Article bodies as ordered blocks, and the pictures that go with them.

The main text is found by trafilatura (a well-kept main-content extractor), asked for XML so
paragraphs, subheadings, quotes and lists keep their kind. Pictures are read from the markup
(``<figure>`` with its ``<figcaption>``), since an extractor keeps the image but not its caption
and credit; they are taken out before extraction so captions never become body paragraphs.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import etree

from ..html_text import drop_node, element_text, inner_html
from ..models import Block, Image
from ..urls import urljoin

_BLOCK_TYPES = {"p": "paragraph", "head": "subheading", "quote": "quote", "list": "list"}
# "... in Gaza City, April 11, 2025. (Reuters)" or "REUTERS/Ammar Awad Purchase Licensing Rights"
_TRAILING_CREDIT = re.compile(r"\s*\((?P<credit>[^()]{2,60})\)\s*$")
_AGENCY_CREDIT = re.compile(r"\s*(?P<credit>(?:REUTERS|AFP|AP|Reuters|AP Photo)/[^.]*?)(?:\s+Purchase Licensing Rights)?\s*$")


def extract_blocks(element, url: str, title: str | None = None) -> list[Block]:
    """The body of the article in ``element`` (a page or one article's container), in order.

    A leading heading equal to the title is the title, not a body block.
    """
    if element.tag == "html":
        markup = etree.tostring(element, encoding="unicode", method="html")
    else:
        # The container's own classes ("views-row", "article-item") look like page furniture to
        # the extractor, which would drop the whole article: hand it the contents alone.
        markup = f"<html><body><article>{inner_html(element)}</article></body></html>"
    xml = trafilatura.extract(markup, url=url, output_format="xml", include_images=False, include_tables=False,
                              include_comments=False, include_formatting=False, with_metadata=False,
                              deduplicate=False)
    if not xml:
        return []
    blocks = []
    for node in etree.fromstring(xml.encode("utf-8")).iterfind(".//main/*"):
        kind = _BLOCK_TYPES.get(node.tag)
        if kind is None:
            continue
        if kind == "list":
            text = "\n".join(" ".join("".join(item.itertext()).split()) for item in node.iter("item"))
        else:
            text = " ".join("".join(node.itertext()).split())
        if text:
            blocks.append(Block(kind, text))
    if blocks and blocks[0].type == "subheading" and title and _same(blocks[0].text, title):
        blocks.pop(0)
    return blocks


def take_figures(element, base_url: str) -> list[Image]:
    """Remove every ``<figure>`` (and captioned picture) from ``element`` and return them as images."""
    images = []
    for figure in list(element.iter("figure")):
        image = _figure_image(figure, base_url)
        if image is not None and all(image.url != seen.url for seen in images):
            images.append(image)
        drop_node(figure)
    return images


def split_credit(caption: str | None) -> tuple[str | None, str | None]:
    """("Burning debris are seen ...", "Reuters") from "Burning debris are seen ... (Reuters)"."""
    if not caption:
        return None, None
    for pattern in (_AGENCY_CREDIT, _TRAILING_CREDIT):
        match = pattern.search(caption)
        if match:
            return caption[:match.start()].strip() or None, match.group("credit").strip()
    return caption, None


def _figure_image(figure, base_url: str) -> Image | None:
    image = next(figure.iter("img"), None)
    if image is None:
        return None
    src = image.get("data-src") or image.get("src")
    if not src or src.startswith("data:"):
        return None
    caption_node = next(figure.iter("figcaption"), None)
    credit_node = next((n for n in figure.iter() if isinstance(n.tag, str) and "credit" in (n.get("class") or "")), None)
    credit = element_text(credit_node) if credit_node is not None else None
    if credit_node is not None and caption_node is not None:
        drop_node(credit_node)  # a credit inside the caption is not caption text
    caption = element_text(caption_node) if caption_node is not None else (image.get("alt") or None)
    if credit is None:
        caption, credit = split_credit(caption)
    return Image(url=urljoin(base_url, src), caption=caption or None, credit=credit or None)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
