"""Turning page bytes and HTML fragments into text and safe HTML.

Decoding goes through w3lib's ``html_to_unicode`` (the function Scrapy itself uses for
``response.text``), so a live crawl and an offline replay of the same bytes read the same
characters. Sanitising uses nh3 (a binding to the Rust ``ammonia`` sanitiser).
"""

from __future__ import annotations

import copy
import re

import nh3
from lxml import etree
from w3lib.encoding import html_to_unicode

# Elements after which a reader sees a line break.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template"))
_BLANK_LINES = re.compile(r"\n{3,}")  # line edges are already stripped, so blank lines are empty

SAFE_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "blockquote": {"cite"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """Decode a response body the way Scrapy does: BOM, then HTTP charset, then <meta>, then guess."""
    _encoding, text = html_to_unicode(content_type, body)
    return text


def element_text(element) -> str:
    """Visible text of an lxml element: block elements become line breaks, runs of spaces collapse.

    Paragraphs that only hold spaces or ``&nbsp;`` (IPS pads posts with them) disappear.
    """
    parts: list[str] = []
    add = parts.append

    # Newlines inside text are source formatting, not line breaks: only block elements and <br>
    # break lines. Replacing them here keeps the line count (and the work below) small.
    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else None
        if tag in _SKIP_TAGS:
            if node.tail:
                add(node.tail.replace("\n", " "))
            return
        if tag == "br":
            add("\n")
        elif tag in _BLOCK_TAGS:
            add("\n")
        if tag is not None and node.text:
            add(node.text.replace("\n", " "))
        for child in node:
            walk(child)
        if tag in _BLOCK_TAGS and tag != "br":
            add("\n")
        if node.tail:
            add(node.tail.replace("\n", " "))

    # The element's own tail belongs to its parent, not to it.
    tail, element.tail = element.tail, None
    try:
        walk(element)
    finally:
        element.tail = tail
    # str.split() per line: C-speed whitespace collapsing (NBSP included); this runs on every post.
    raw = "".join(parts).replace("\u200b", "")
    text = "\n".join(" ".join(line.split()) for line in raw.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def without(element, xpath: str):
    """A copy of ``element`` with every node matching ``xpath`` removed (tails kept)."""
    clone = copy.deepcopy(element)
    for node in clone.xpath(xpath):
        drop_node(node)
    return clone


def drop_node(node) -> None:
    """Remove ``node`` from its tree, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def inner_html(element) -> str:
    """The markup inside ``element`` (its children and text, not its own tag)."""
    # One serialisation of the whole element, then its own tags cut off: far cheaper than one
    # tostring() per child on long posts.
    markup = etree.tostring(element, encoding="unicode", method="html", with_tail=False)
    start = markup.find(">") + 1
    end = markup.rfind("</")
    return markup[start:end] if end >= start else markup[start:]


def sanitise(fragment: str) -> str:
    """Markup safe to show in a browser: scripts, styles, event handlers and unknown attributes go."""
    return nh3.clean(fragment, attributes=SAFE_ATTRIBUTES, link_rel="noopener noreferrer nofollow").strip()
