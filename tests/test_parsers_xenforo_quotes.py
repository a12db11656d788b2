"""``parsers.xenforo.quotes.own_parts``: one walk finding a quote's citation and content boxes,
where up to three walks (one per set of class names, each ending at its find; the third only when
the second found nothing) did before. Each must be the element its own walk found: the first in
document order, at most three levels down, never inside a nested quote. Checked on the quotes of
the hand-written XenForo fixtures and on generated trees."""

from __future__ import annotations

import random

from conftest import DATA
from lxml import etree

from parsers.xenforo.quotes import PART_NAMES, own_parts, is_quote

NAMES = (("bbCodeBlock-title", "attribution"), ("bbCodeBlock-expandContent", "quote"), ("bbCodeBlock-content",))
CLASSES = ("bbCodeBlock-title", "attribution", "bbCodeBlock-expandContent", "quote", "bbCodeBlock-content",
           "bbCodeBlock--quote", "bbCodeQuote", "other", "", None, "quote other",
           "bbCodeBlock-content bbCodeBlock-title")


def _own_part(quote, names, depth=3):
    """The walk each set had (the code this replaced)."""
    for child in quote:
        if child.tag.__class__ is not str or is_quote(child):
            continue
        if any(name in names for name in (child.get("class") or "").split()):
            return child
        if depth > 1 and len(child):
            found = _own_part(child, names, depth - 1)
            if found is not None:
                return found
    return None


def _same(quote) -> bool:
    citation, content = own_parts(quote)
    expected = _own_part(quote, NAMES[1])
    if expected is None:
        expected = _own_part(quote, NAMES[2])
    return citation is _own_part(quote, NAMES[0]) and content is expected


def test_the_part_names_are_those_of_each_walk():
    assert tuple(frozenset(names) for names in NAMES) == PART_NAMES


def test_one_walk_finds_what_each_walk_found_in_the_fixtures():
    quotes = [node for path in sorted(DATA.glob("*xenforo*/**/*.html"))
              for node in etree.parse(str(path), etree.HTMLParser()).getroot().iter() if is_quote(node)]
    assert len(quotes) > 10
    assert all(_same(quote) for quote in quotes)


def test_one_walk_finds_what_each_walk_found_in_generated_trees():
    rng = random.Random(5)

    def grow(parent, depth):
        for _ in range(rng.randint(0, 3)):
            if rng.random() < 0.1:
                parent.append(etree.Comment("c"))
                continue
            child = etree.SubElement(parent, "div")
            name = rng.choice(CLASSES)
            if name is not None:
                child.set("class", name)
            if depth < 5:
                grow(child, depth + 1)

    for _ in range(2000):
        quote = etree.Element("blockquote")
        grow(quote, 0)
        assert _same(quote)
