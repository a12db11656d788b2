"""What a page's ``<html>``, ``<head>`` and ``<body>`` elements say, read in one pass for every engine's ``claims``.

Why: :func:`parsers.registry.detect_engine` asks each engine's ``claims`` in turn, and each asked
libxml2 an XPath of the head or the root (``/html/head/script[contains(., 'ipb.vars')]``,
``/html/head/meta[@name='generator']/@content``, ``/html/body[@id='phpbb']``). However few elements
a head holds, each evaluation costs about 2 us of set-up: the engines asked before FluxBB or
ProBoards spent 0.05 to 0.09 ms a page saying no, a tenth of building a small page's tree. Here the
document element's few children are read once (a Python step an element of the head), and each
engine's question is a string test of what was read.

Each answer keeps the meaning of the XPath it replaces: the same elements (the document element
named ``html``, its children named ``head`` or ``body``, theirs named ``script``, ``meta`` or
``link``; a namespaced or other tree has none), a script's text as its string value (what
``contains(., ...)`` reads), an attribute's value as lxml gives it. Read as the tree stood when
first asked (see :mod:`parsers.tree_memo`): the engines ask before any parse edits the tree.
"""

from __future__ import annotations

import re

from lxml import etree

from .tree_memo import TreeMemo

_STRING = etree.XPath("string()", smart_strings=False)
# XPath's normalize-space() splits on these four alone (str.split() splits on more).
_XML_SPACE = re.compile("[ \t\r\n]+")


class PageHead:
    """The document element's class, its bodies' ids, classes and metas, and its heads' scripts,
    metas and links."""

    def __init__(self, root: etree._Element) -> None:
        top = root.getroottree().getroot()  # what an XPath's leading "/html" starts from
        self.html_class = ""
        body_ids, body_classes, body_generators = [], [], []
        scripts, metas, link_hrefs = [], [], []
        for part in (top if top.tag == "html" else ()):
            if part.tag == "head":
                for node in part:
                    tag = node.tag
                    if tag == "script":
                        scripts.append(((node.text or "") if not len(node) else _STRING(node), node.get("src") or ""))
                    elif tag == "meta":
                        metas.append((node.get("name"), node.get("content")))
                    elif tag == "link":
                        link_hrefs.append(node.get("href") or "")
            elif part.tag == "body":
                if (body_id := part.get("id")) is not None:
                    body_ids.append(body_id)
                body_classes.append(part.get("class") or "")
                body_generators += [node.get("content") for node in part
                                    if node.tag == "meta" and node.get("name") == "generator"
                                    and node.get("content") is not None]
        if top.tag == "html":
            self.html_class = top.get("class") or ""
        self.body_ids: tuple[str, ...] = tuple(body_ids)  # /html/body/@id
        self.body_classes: tuple[str, ...] = tuple(body_classes)  # each body's @class ("" without one)
        self.body_generators: tuple[str, ...] = tuple(body_generators)  # /html/body/meta[@name='generator']/@content
        self.scripts: tuple[tuple[str, str], ...] = tuple(scripts)  # /html/head/script: (string value, @src or "")
        self.metas: tuple[tuple[str | None, str | None], ...] = tuple(metas)  # /html/head/meta: (@name, @content)
        self.link_hrefs: tuple[str, ...] = tuple(link_hrefs)  # /html/head/link: @href or ""

    @property
    def generators(self) -> list[str]:
        """``/html/head/meta[@name='generator']/@content``."""
        return [content for name, content in self.metas if name == "generator" and content is not None]

    def script_says(self, *words: str) -> bool:
        """``/html/head/script[contains(., w1) or contains(., w2) ...]``: does a head script hold a word?"""
        return any(word in text for text, _src in self.scripts for word in words)

    def script_from(self, *parts: str) -> bool:
        """``/html/head/script[contains(@src, p1) or ...]``: is a head script loaded from such an address?"""
        return any(part in src for _text, src in self.scripts for part in parts)

    def has_meta(self, *names: str) -> bool:
        """``/html/head/meta[@name=n1 or @name=n2 ...]``."""
        return any(name in names for name, _content in self.metas)

    def links_to(self, *parts: str) -> bool:
        """``/html/head/link[contains(@href, p1) or ...]``."""
        return any(part in href for href in self.link_hrefs for part in parts)

    def body_has_class(self, name: str) -> bool:
        """``/html/body[contains(concat(' ', normalize-space(@class), ' '), ' name ')]`` (a class token,
        split as XPath splits it)."""
        return any(name in value and name in _XML_SPACE.split(value) for value in self.body_classes)


_heads: TreeMemo[PageHead] = TreeMemo("page_head", PageHead)


def page_head(root: etree._Element) -> PageHead:
    """The :class:`PageHead` of the tree whose root element is ``root``, read on the first call for this tree."""
    return _heads(root)
