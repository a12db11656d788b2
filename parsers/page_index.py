"""What every engine's ``detect`` looks for in a page, read once, instead of one XPath scan per engine.

Why: ``parse_page`` asks each engine in turn whether a page is its own, and an engine that answers
with ``//*[@id='a' or @id='b']`` or ``//script[contains(., 'x')]`` walks the whole tree to say no.
With sixteen engines, detection cost twice as much as building the tree on the shared real pages
(5.0 ms against 2.4 ms a page). The index reads the ids, the class attributes, and the page's
scripts, and its links, forms and metas once each, on first use (one walk for each of the four,
0.3 to 0.6 ms; the scripts' walk is the cheap one most engines' first question needs), and answers
every engine's question by a lookup (detection: 1.9 ms a page). An engine whose verdict needs the
page's structure (a ``div#pN`` holding a message box) asks the index first and walks the tree only on the pages that pass: the index's answers are
supersets of the structural tests, never guesses.

Each lookup keeps the meaning of the XPath it replaces: ``has_id`` is ``//*[@id=...]``;
``script_says`` is ``//script[contains(., ...)]`` over every script, those with a ``src`` too, by
its string value; ``class_contains`` is ``//*[contains(@class, ...)]``, a substring of the class
attribute; ``has_class`` is a class token as ``str.split`` gives them (the XPath ``class_test``
splits on fewer characters, so a token found there is always found here).

The index of the page being parsed is kept in a context variable (one slot, per thread and
task), so that the engines asked about the same tree share one walk and nothing outlives the
parse (:meth:`parsers.tree_memo.TreeMemo.forget_trees`). It is read as the tree stands when first
asked: callers that edit a tree must not ask again about the same root expecting the edits to show.
"""

from __future__ import annotations

import re
from functools import cached_property

from lxml import etree

from .tree_memo import TreeMemo

_IDS = etree.XPath("//@id", smart_strings=False)
_CLASSES = etree.XPath("//@class", smart_strings=False)
_STRING = etree.XPath("string()", smart_strings=False)
# Joins the values of one kind into one string for substring tests: lxml never holds a NUL in a
# text or attribute value, so no needle (without one) can match across two values.
_SEPARATOR = "\x00"


class PageIndex:
    """What engines detect pages by, each part read from the tree on first use."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root

    # --- ids and classes -------------------------------------------------------------------

    @cached_property
    def ids(self) -> frozenset[str]:
        """Every ``id`` attribute's value, of any element."""
        return frozenset(_IDS(self.root))

    @cached_property
    def _class_list(self) -> list[str]:
        return _CLASSES(self.root)

    @property
    def class_list(self) -> list[str]:
        """Every ``class`` attribute's value, one an element that has one, in page order (``//@class``)."""
        return self._class_list

    @cached_property
    def class_values(self) -> frozenset[str]:
        """Every ``class`` attribute's whole value, as written."""
        return frozenset(self._class_list)

    @cached_property
    def classes(self) -> frozenset[str]:
        """Every class token (``str.split`` of each class attribute)."""
        return frozenset(name for value in self._class_list for name in value.split())

    @cached_property
    def _class_text(self) -> str:
        return _SEPARATOR.join(self._class_list)

    def has_id(self, *names: str) -> bool:
        return not self.ids.isdisjoint(names)

    @cached_property
    def _id_text(self) -> str:
        return _SEPARATOR + _SEPARATOR.join(self.ids)

    def has_id_prefix(self, prefix: str) -> bool:
        """Does some id start with ``prefix``? (One substring test of the ids joined by NULs.)"""
        return (_SEPARATOR + prefix) in self._id_text

    def id_matches(self, pattern: re.Pattern) -> bool:
        """Does ``pattern.match`` accept some id of the page?"""
        return any(pattern.match(name) for name in self.ids)

    def numbered_ids(self, prefix: str) -> frozenset[str]:
        """The numbers N of the page's ids that are ``prefix`` and N, digits only ("subject_" gives
        "42" for ``id="subject_42"``, nothing for ``post_subject_42`` or ``subject_42_extra``): one
        search of the ids joined by NULs. Engines pair two such ids of one post to know their markup."""
        if (_SEPARATOR + prefix) not in self._id_text:
            return frozenset()
        return frozenset(re.findall(f"{_SEPARATOR}{re.escape(prefix)}([0-9]+)(?={_SEPARATOR}|$)", self._id_text))

    def ids_share_a_number(self, *prefixes: str) -> bool:
        """Does one number N stand in an id of each prefix ("subject_N" and "msg_N")?"""
        numbers = self.numbered_ids(prefixes[0])
        for prefix in prefixes[1:]:
            if not numbers:
                return False
            numbers = numbers & self.numbered_ids(prefix)
        return bool(numbers)

    def has_class(self, *names: str) -> bool:
        """Is one of ``names`` a class token of some element? A substring test first: most pages
        never need the tokens. Then the token set where an earlier question built it, else the
        distinct class values one by one (building the set of every token of the page costs more
        than a few of these questions)."""
        text = self._class_text
        if not any(name in text for name in names):
            return False
        if "classes" in self.__dict__:  # cached_property: built by an earlier question
            return not self.classes.isdisjoint(names)
        return any(name in value and name in value.split() for value in self.class_values for name in names)

    def class_contains(self, *parts: str) -> bool:
        """Does some class attribute hold one of ``parts`` as a substring (``contains(@class, ...)``)?"""
        return any(part in self._class_text for part in parts)

    # --- scripts (one walk), then links, forms and metas (one walk over these four tag names) ----

    @cached_property
    def _scripts(self) -> "_Scripts":
        return _Scripts(self.root)

    @cached_property
    def _tags(self) -> "_Tags":
        return _Tags(self.root)

    @property
    def script_texts(self) -> tuple[str, ...]:
        """Each script's string value (what ``contains(., ...)`` reads), those with a ``src`` too."""
        return self._scripts.texts

    @property
    def script_sources(self) -> tuple[str, ...]:
        """Each script's ``src``, where it has one."""
        return self._scripts.sources

    @property
    def script_ids(self) -> frozenset[str]:
        return self._scripts.ids

    @property
    def script_types(self) -> frozenset[str]:
        return self._scripts.types

    @property
    def hrefs(self) -> tuple[str, ...]:
        """Each ``<a>``'s ``href``, where it has one."""
        return self._tags.hrefs

    @property
    def link_titles(self) -> frozenset[str]:
        """Each ``<a>``'s ``title``, where it has one."""
        return self._tags.link_titles

    @property
    def anchor_names(self) -> tuple[str, ...]:
        """Each ``<a>``'s ``name``, where it has one."""
        return self._tags.anchor_names

    @property
    def link_tags(self) -> tuple[tuple[str | None, str | None], ...]:
        """Each ``<link>`` element's (rel, href), wherever it stands; None for an attribute it lacks."""
        return self._tags.link_tags

    @cached_property
    def addresses(self) -> tuple[str, ...]:
        """Of each ``a``, ``form``, ``script`` and ``link``: its ``href``, else its ``action``, else its
        ``src`` (the first that is not empty), or "" (the scripts' last, not in document order)."""
        return self._tags.addresses + self._scripts.addresses

    @property
    def generators(self) -> tuple[str, ...]:
        """The ``content`` of each ``<meta name="generator">`` (the name as written, anywhere in the page)."""
        return self._tags.generators

    def script_says(self, *words: str) -> bool:
        """Does a script hold one of ``words`` (``//script[contains(., word)]``)?"""
        text = self._scripts.text
        return any(word in text for word in words)

    def script_from(self, *parts: str) -> bool:
        """Is a script loaded from an address holding one of ``parts`` (``//script[contains(@src, part)]``)?"""
        text = self._scripts.source_text
        return any(part in text for part in parts)

    def links_to(self, *parts: str) -> bool:
        """Does an ``<a>``'s ``href`` hold one of ``parts`` (``//a[contains(@href, part)]``)?"""
        text = self._tags.href_text
        return any(part in text for part in parts)

    def link_matches(self, pattern: re.Pattern) -> bool:
        """Does an ``<a>``'s ``href`` match ``pattern`` (searched in the hrefs joined by NULs, which
        no attribute value holds: a pattern that spans two links must not cross a NUL)?"""
        return pattern.search(self._tags.href_text) is not None

    def link_tag_to(self, *parts: str) -> bool:
        """Does a ``<link>``'s ``href`` hold one of ``parts`` (``//link[contains(@href, part)]``)?"""
        return any(part in href for _rel, href in self.link_tags if href is not None for part in parts)


class _Scripts:
    """The page's scripts, from one walk over ``<script>`` alone: the engines asked first (IP.Board 3
    asks for ``ipb.vars``) need only these, and a page holds tens of scripts against hundreds of links."""

    def __init__(self, root: etree._Element) -> None:
        texts, sources, ids, types, addresses = [], [], set(), set(), []
        for node in root.iter("script"):
            texts.append((node.text or "") if not len(node) else _STRING(node))
            src, kind, script_id = node.get("src"), node.get("type"), node.get("id")
            if src is not None:
                sources.append(src)
            if kind is not None:
                types.add(kind)
            if script_id is not None:
                ids.add(script_id)
            addresses.append(node.get("href") or node.get("action") or src or "")
        self.texts, self.sources = tuple(texts), tuple(sources)
        self.ids, self.types, self.addresses = frozenset(ids), frozenset(types), tuple(addresses)
        self.text = _SEPARATOR.join(self.texts)
        self.source_text = _SEPARATOR.join(self.sources)


class _Tags:
    """The page's links, forms and metas, from one walk over their tag names."""

    def __init__(self, root: etree._Element) -> None:
        hrefs, titles, names, link_tags, addresses, generators = [], set(), [], [], [], []
        for node in root.iter("a", "link", "form", "meta"):
            tag = node.tag
            if tag == "meta":
                if node.get("name") == "generator":
                    content = node.get("content")
                    if content is not None:
                        generators.append(content)
                continue
            href = node.get("href")
            if tag == "a":
                if href is not None:
                    hrefs.append(href)
                title, name = node.get("title"), node.get("name")
                if title is not None:
                    titles.add(title)
                if name is not None:
                    names.append(name)
            elif tag == "link":
                link_tags.append((node.get("rel"), href))
            addresses.append(href or node.get("action") or node.get("src") or "")
        self.hrefs, self.link_titles, self.anchor_names = tuple(hrefs), frozenset(titles), tuple(names)
        self.link_tags, self.addresses, self.generators = tuple(link_tags), tuple(addresses), tuple(generators)
        self.href_text = _SEPARATOR.join(self.hrefs)


_BY_ID = etree.XPath("id($names)")


def parsed_tree_has_id(root: etree._Element, *names: str) -> bool:
    """``//*[@id=...]`` for one of ``names``, on a tree as the HTML parser built it (before any edit),
    by libxml2's own table of ids instead of a walk over the page (microseconds against milliseconds).

    libxml2's HTML parser files every ``id`` (the first element of each value; ``<a name>`` too) in
    its document's ID table, which XPath's ``id()`` reads. A tree built otherwise (html5lib's, an
    XML document: no table) or an answer the table leaves open (an ``<a name>`` holding the value,
    names with spaces) falls back to the page's index.
    """
    if root.getroottree().docinfo.xml_version is None and not any(" " in name for name in names):
        found = _BY_ID(root, names=" ".join(names))
        if not found:
            return False
        if any(node.get("id") in names for node in found):
            return True
    return page_index(root).has_id(*names)


def parsed_tree_tag_has_id(root: etree._Element, tag: str, name: str) -> bool:
    """Is ``name`` the id of a ``tag`` element by libxml2's table of ids (see :func:`parsed_tree_has_id`)?
    A True is certain (``//tag[@id=name]`` holds); a False is not: the table files only the first
    element of each value (another tag's, an ``<a name>``), and a tree built otherwise has none.
    For an engine's ``claims``, which may only say yes to pages its ``detect`` takes."""
    if root.getroottree().docinfo.xml_version is not None or " " in name:
        return False
    return any(node.tag == tag and node.get("id") == name for node in _BY_ID(root, names=name))


_indexes: TreeMemo[PageIndex] = TreeMemo("page_index", PageIndex)


def page_index(root: etree._Element) -> PageIndex:
    """The index of the tree whose root element is ``root``, built on the first call for this tree."""
    return _indexes(root)
