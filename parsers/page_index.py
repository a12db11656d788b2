"""What every engine's ``detect`` looks for in a page, read once, instead of one XPath scan per engine.

Why: ``parse_page`` asks each engine in turn whether a page is its own, and an engine that answers
with ``//*[@id='a' or @id='b']`` or ``//script[contains(., 'x')]`` walks the whole tree to say no.
With sixteen engines, detection cost more than building the tree (47 ms against 16 ms a page on
the shared real pages, measured with ``bench/parse_engines.py``'s pages). The index reads the ids,
class names, script addresses and inline script text once each, on first use (one XPath for all
of a kind: 1 to 3 ms on those pages), and answers every engine's question by a lookup.

The index of the page being parsed is kept in a context variable (one slot, per thread and
task), so that the engines asked about the same tree share one walk and nothing outlives the next
parse.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cached_property

from lxml import etree

_IDS = etree.XPath("//@id")
_CLASSES = etree.XPath("//@class")
_SCRIPT_SOURCES = etree.XPath("//script/@src")
_SCRIPT_TEXTS = etree.XPath("//script[not(@src)]/text()")
_GENERATOR = etree.XPath("//meta[translate(@name, 'GENRATO', 'genrato')='generator']/@content")


class PageIndex:
    """What engines detect pages by, each part read from the tree on first use (one XPath each)."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root

    @cached_property
    def ids(self) -> frozenset[str]:
        return frozenset(str(name) for name in _IDS(self.root))

    @cached_property
    def classes(self) -> frozenset[str]:
        return frozenset(name for value in _CLASSES(self.root) for name in value.split())

    @cached_property
    def script_sources(self) -> tuple[str, ...]:
        return tuple(str(source) for source in _SCRIPT_SOURCES(self.root))

    @cached_property
    def script_text(self) -> str:
        return "\n".join(_SCRIPT_TEXTS(self.root))

    @cached_property
    def generator(self) -> str:
        return " ".join(str(value) for value in _GENERATOR(self.root))

    def has_id(self, *names: str) -> bool:
        return any(name in self.ids for name in names)

    def has_class(self, *names: str) -> bool:
        return any(name in self.classes for name in names)

    def has_id_prefix(self, prefix: str) -> bool:
        return any(name.startswith(prefix) for name in self.ids)

    def script_says(self, *words: str) -> bool:
        """Does an inline script hold one of ``words``?"""
        return any(word in self.script_text for word in words)

    def script_from(self, *parts: str) -> bool:
        """Is a script loaded from an address holding one of ``parts``?"""
        return any(part in source for source in self.script_sources for part in parts)


_current: ContextVar[tuple[object, PageIndex] | None] = ContextVar("page_index", default=None)


def page_index(root: etree._Element) -> PageIndex:
    """The index of ``root``'s tree, built on the first call for this tree."""
    slot = _current.get()
    if slot is not None and slot[0] is root:
        return slot[1]
    index = PageIndex(root)
    _current.set((root, index))
    return index
