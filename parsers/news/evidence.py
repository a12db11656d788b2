"""Is this page an article? What the page says about itself, then what its shape shows.

A page is read as news when any of these holds, tried in this order (the first one found is the
verdict's evidence, kept for the record):

1. JSON-LD of an article type (``NewsArticle``, ``BlogPosting``, ...), in any shape publishers
   write: arrays, ``@graph``, ``@type`` lists (:func:`.metadata.json_ld_articles`);
2. ``og:type`` ``article``, in ``property`` or ``name`` (both are seen), any case, anywhere;
3. schema.org microdata of an article type (``itemtype=".../NewsArticle"``);
4. the shape of an article: a headline (``<h1>``, ``og:title`` or ``<title>``) and one container
   holding at least :data:`RUNNING_TEXT` characters of running text, in paragraphs or as loose
   text between line breaks. A page of teaser cards holds one short paragraph per container,
   and never passes.

Forum pages are not decided here: the registry asks :mod:`parsers.forum_evidence` first, so a
board that declares ``og:type=article`` or has long posts is never an article.
"""

from __future__ import annotations

import re

from lxml import etree

from ..page_index import page_index
from .metadata import ARTICLE_TYPES, json_ld_articles

RUNNING_TEXT = 400  # characters of running text in one container that make a page an article
SHORT_LINE = 40  # shorter paragraphs are captions, buttons and teaser lines, not running text
_OG_TYPES = etree.XPath("//meta[translate(@property, 'OGTYPE', 'ogtype')='og:type' "
                        "or translate(@name, 'OGTYPE', 'ogtype')='og:type']/@content", smart_strings=False)
_ITEM_TYPES = etree.XPath("//@itemtype", smart_strings=False)
_HEADLINE = etree.XPath("boolean(//h1 | //meta[@property='og:title'] | //title)")
# Text nodes long enough to be a line of running text (the exact length is checked once collapsed).
# descendant::text() is descendant-or-self::*/text() (the text of an element and its descendants),
# in one walk of libxml2's instead of two.
_LOOSE_TEXT = etree.XPath(f"descendant::text()[string-length(normalize-space()) >= {SHORT_LINE}]")
_ANY_TEXT = etree.XPath("descendant::text()[normalize-space()]")
_SKIPPED = frozenset({"script", "style", "noscript", "template", "textarea", "select"})


def article_evidence(root) -> str | None:
    """Why the page is an article ("JSON-LD NewsArticle", "page shape: ..."), or None."""
    if "application/ld+json" in page_index(root).script_types:
        found = json_ld_articles(root)
        if found:
            return f"JSON-LD {_type_name(found[0])}"
    if any(value.strip().lower() == "article" for value in _OG_TYPES(root)):
        return "og:type article"
    for item_type in _ITEM_TYPES(root):
        name = item_type.rstrip("/").rsplit("/", 1)[-1]
        if name in ARTICLE_TYPES:
            return f"microdata {name}"
    running = longest_running_text(root)
    if running >= RUNNING_TEXT and _HEADLINE(root):
        return f"page shape: a headline and {running} characters of running text in one container"
    return None


def longest_running_text(root, shortest: int = SHORT_LINE) -> int:
    """The most running text any one element holds directly: its paragraph children's text
    plus its own loose text (text between ``<br>``s), in characters.

    Lines shorter than ``shortest`` do not count: by default captions, buttons and teaser lines,
    which make no article; 0 counts every line (how much text one container holds at all).
    """
    totals: dict = {}
    for paragraph in root.iter("p"):
        length = running_length(" ".join("".join(paragraph.itertext()).split()))
        parent = paragraph.getparent()
        if length >= max(shortest, 1) and parent is not None:
            totals[parent] = totals.get(parent, 0) + length
    for text in (_LOOSE_TEXT if shortest >= SHORT_LINE else _ANY_TEXT)(root):
        length = running_length(" ".join(text.split()))
        owner = text.getparent()
        if text.is_tail:
            owner = owner.getparent()
        if length >= max(shortest, 1) and owner is not None and owner.tag not in _SKIPPED and owner.tag != "p":
            totals[owner] = totals.get(owner, 0) + length
    return max(totals.values(), default=0)


def _type_name(item: dict) -> str:
    types = item.get("@type")
    names = [t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str) and t in ARTICLE_TYPES]
    return names[0] if names else "article"


def running_length(text: str) -> int:
    """The length of a line of running text in characters, a Chinese or Japanese character
    counted twice: those scripts say in one character what a word of letters says in several, and
    put no space between words, so a Chinese article of 300 characters, a long read, was held
    too short to be one (its page "unsupported")."""
    return len(text) if text.isascii() else len(text) + unspaced_characters(text)


def unspaced_characters(text: str) -> int:
    """How many characters of ``text`` are of scripts written without spaces between words (Han
    ideographs, Hiragana, Katakana)."""
    return len(_UNSPACED_SCRIPT.findall(text))


_UNSPACED_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
