"""Elements found by one attribute, without a Python step for every element of the page.

Why: the byline and date finders (:mod:`.visible`, :mod:`.profile`) looked for their candidates by
walking every element of the page in Python (``iterdescendants``, ``get("class")``): 0.4 to 2 ms a
walk on a large page, and a page whose metadata names no person was walked three or four times
(issue 19). Here each kind of candidate is found on its own, only when a reader asks for it:

- a class holding a word part (``contains(@class, 'author')``): first the class attributes of the
  whole page, which engine detection has read already (:func:`parsers.page_index.page_index`),
  answer whether any element can hold it at all; most pages hold none of the parts asked, and
  then no element is looked at. Otherwise libxml2 tests the class attributes themselves
  (``descendant::*/@class[contains(., part)]/parent::*``), several times faster than testing a
  predicate on every element;
- an attribute of one value (``@itemprop='author'``): from the attributes up, the same way.

Each gives the elements the walk gave, in document order. The page index was read from the tree
before the news parser removed anything from it (scripts, figures), and nothing in the parser adds
a class attribute, so a part the index does not hold is in no element of the tree as it stands.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from ..page_index import page_index


def classed(scope, part: str) -> list:
    """The elements below ``scope`` whose class attribute holds ``part``, in document order: what
    ``[n for n in scope.iterdescendants() if part in (n.get("class") or "")]`` gives."""
    if not page_index(scope.getroottree().getroot()).class_contains(part):
        return []
    return _class_holding(part)(scope)


def page_has_class_part(scope, *parts: str) -> bool:
    """Whether some class attribute of ``scope``'s page may hold one of ``parts`` (False: none does)."""
    return page_index(scope.getroottree().getroot()).class_contains(*parts)


def with_attribute(scope, name: str, value: str) -> list:
    """The elements below ``scope`` whose attribute ``name`` is ``value``, in document order:
    ``[n for n in scope.iterdescendants() if n.get(name) == value]``."""
    return _attribute_is(name, value)(scope)


@lru_cache(maxsize=None)
def _class_holding(part: str) -> etree.XPath:
    return etree.XPath(f"descendant::*/@class[contains(., {_literal(part)})]/parent::*")


@lru_cache(maxsize=None)
def _attribute_is(name: str, value: str) -> etree.XPath:
    return etree.XPath(f"descendant::*/@{name}[. = {_literal(value)}]/parent::*")


def _literal(text: str) -> str:
    if "'" in text:
        raise ValueError(f"no quote in a part: {text!r}")
    return f"'{text}'"
