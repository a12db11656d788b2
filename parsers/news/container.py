"""The one element that holds the article's body, when the page leaves no doubt which.

Why: trafilatura's reading of the whole page was most of a news parse (issue 19: 60 to 70% of
it, 8 to 14 times the cost of building the page's tree), and its cost grows with the page: most
of it goes to finding the body among the page's menus, teasers and footers. On most article
pages the page itself shows where its body is: one element holds most of its running text.
Handed only that element (1% to a third of the page's elements on the five pages of the goal),
trafilatura reads the body at a fraction of the cost, and still leaves out the furniture inside
it (bylines, captions, newsletter boxes).

The element (:func:`body_container`) is found from the page's lines of running text: paragraphs
and paragraph-like elements (loose text, as between ``<br>``s) with at least
:data:`.evidence.SHORT_LINE` characters outside links. Link text is not running text: a
teaser's headline and a menu are links, and a page of teasers must not look like a long
article. Each line belongs to the element it sits in beside other content (its *owner*); a
wrapper holding nothing but the line (``<div><p>``, one per paragraph, as BBC and Reuters write
them) is part of the line. The owner holding the most is the body's element, with two
widenings, when the checks below hold:

- when its parent owns lines too, the parent is the body's element: the body goes on beside it
  (a lede above the body's ``<div>``, CNN's first paragraph beside its "read all" box). Only
  the parent: lines further out are the page's (an address, a cookie notice);
- running text between the page's headline and the element is the body's start (a header-only
  ``<article>`` holding the first paragraph, the rest in a sibling): the body's element is then
  the one around both; not when more than :data:`LEDE_LINES` lines come between (a photo
  carousel's captions, teasers under a site logo written as an ``<h1>``).

Checks: it holds at least :data:`.evidence.RUNNING_TEXT` characters and at least
:data:`CONCENTRATED` of the page's running text (the rest is then footers' "about us",
carousel captions, teaser summaries); it is not the page itself (``<body>``, ``<html>``) and not
in a footer, navigation, aside or header, by tag or by a class or id naming a footer (a page
whose body is too short to count may have its longest text in the footer). On the 181 pages of
the article benchmark 143 pass, holding 0.6 to 1.0 of their page's running text, and their
bodies read this way score a mean token F1 of 0.977 against 0.971 from the whole page
(``docs/news.md``).
"""

from __future__ import annotations

from lxml import etree

from .evidence import RUNNING_TEXT, SHORT_LINE

CONCENTRATED = 0.6  # of the page's running text the body's element must hold
# A layout table's cell holding this share of the table's running text is the body's element: the
# table's other rows are its crumbs, headline and date line (an old site's article table).
BODY_CELL = 0.8
_TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr"})
_CELLS = frozenset({"td", "th"})
LEDE_LINES = 3  # lines of running text between the headline and the body's element that start the body
# Loose text long enough to be a line of running text, outside paragraphs and links. The text
# nodes below an element are those of it and its descendants (descendant-or-self::*/text()), which
# libxml2 finds in one walk instead of a list of every element and then each one's text: half
# the time on a large page (LBCI: 2.0 -> 1.0 ms).
_LOOSE_TEXT = etree.XPath(f"descendant::text()[string-length(normalize-space()) >= {SHORT_LINE}]"
                          "[not(ancestor::a)][not(ancestor::p)]")
_INLINE = frozenset({"span", "strong", "b", "em", "i", "u", "small", "big", "font", "sub", "sup", "mark", "abbr",
                     "cite", "q", "time", "code", "s", "del", "ins", "a"})
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "ul", "ol", "table", "blockquote", "h1", "h2", "h3",
                     "h4", "h5", "h6", "header", "footer", "aside", "nav", "form", "li", "dl", "pre", "figure"})
_NOT_LINES = frozenset({"textarea", "select", "option", "title", "button", "label", "script", "style",
                        "noscript", "template"})
_FURNITURE = frozenset({"footer", "nav", "aside", "header"})
_PAGE = frozenset({"html", "body"})


def body_container(element) -> tuple | None:
    """The element inside ``element`` (a page or one article's container) that holds the body,
    with the characters of running text it holds; None when the page does not show clearly that
    one element does (see the module docstring)."""
    lines = list(running_lines(element))
    totals: dict = {}
    for _line, length, owner in lines:
        totals[owner] = totals.get(owner, 0) + length
    if not totals:
        return None
    container = _around(max(totals, key=totals.get), totals)
    container = _with_lede(container, [line for line, _length, _owner in lines], element)
    held = sum(length for line, length, _owner in lines if line is container or _inside(line, container))
    if held < RUNNING_TEXT or held < CONCENTRATED * sum(totals.values()) or _furniture(container):
        return None
    if container.tag in _TABLE_PARTS:
        cell = next((line for line, length, _owner in lines if line.tag in _CELLS and length >= BODY_CELL * held
                     and _inside(line, container)), None)
        if cell is not None:
            return cell, held
    return container, held


def running_lines(element):
    """(line, characters outside links, owner) for every line of running text in ``element``.

    A paragraph is a line. Loose text belongs to the nearest element around it that is not
    inline: when that element holds no blocks it is a paragraph written as a ``<div>`` (a line);
    when it does, the text is its own lines (text between ``<br>``s beside an ad's ``<div>``).
    """
    for paragraph in element.iter("p"):
        length = _unlinked_length(paragraph)
        if length >= SHORT_LINE:
            yield paragraph, length, _owner(paragraph, element)
    loose: dict = {}
    for text in _LOOSE_TEXT(element):
        holder = text.getparent()
        if text.is_tail:
            holder = holder.getparent()
        while holder is not None and holder.tag in _INLINE:
            holder = holder.getparent()
        if holder is not None and holder.tag not in _NOT_LINES:
            loose[holder] = loose.get(holder, 0) + len(" ".join(text.split()))
    for holder, length in loose.items():
        if _has_block(holder):
            yield holder, length, holder
        else:
            length = _unlinked_length(holder)
            if length >= SHORT_LINE:
                yield holder, length, _owner(holder, element)


def _owner(line, element):
    """The element ``line`` sits in beside other content, above any wrappers that hold it alone;
    never above ``element`` (the page, or the one article's container being read)."""
    if line is element:
        return element
    node, parent = line, line.getparent()
    while parent is not element and len(parent) == 1 and not (parent.text or "").strip() \
            and not (node.tail or "").strip() and parent.tag not in _PAGE:
        node, parent = parent, parent.getparent()
    return parent


def _around(owner, totals: dict):
    """``owner``'s parent when it owns lines too (the body goes on beside ``owner``: a lede
    above the body's ``<div>``, CNN's first paragraph beside its "read all" box), else ``owner``.

    Only the parent, and never the page itself: lines further out are the page's (an address,
    a cookie notice, a footer's "about us"), and taking them in read a page's footer into its
    body on the benchmark.
    """
    parent = owner.getparent()
    return parent if parent is not None and parent in totals and parent.tag not in _PAGE else owner


def _with_lede(container, lines: list, element):
    """``container``, or the element around both it and the running text between the page's
    headline (the last ``<h1>`` before it) and it: a reader meets that text first, so the body
    starts there (a header-only ``<article>`` holding the first paragraph, the rest of the body in
    a sibling). Not when more
    than :data:`LEDE_LINES` lines come between: those are a photo carousel's captions (AP) or
    teasers under a site logo written as an ``<h1>``, not the start of the body."""
    headline = next(element.iter("h1"), None)
    if headline is None or _inside(headline, container):
        return container  # no headline before the element: no walk of the page
    before = _after_last_headline(element, container, set(lines))
    if before is None or len(before) > LEDE_LINES:
        return container
    around = set(container.iterancestors())
    for line in before:
        while container is not line and not _inside(line, container):
            container = next(a for a in line.iterancestors() if a in around)
            around = {container, *container.iterancestors()}
    return container


def _after_last_headline(element, last, wanted: set) -> list | None:
    """The elements of ``wanted`` after the last ``<h1>`` that comes before ``last`` and before
    ``last`` in reading order, not around ``last``; None when no ``<h1>`` comes before ``last``.
    One walk of the page, stopped at ``last``.

    The last headline, not the first: a site whose logo is an ``<h1>`` (France 24: "France 24 -
    International news 24/7" in its side bar) has the article's own ``<h1>`` after it, and the
    teaser lines between the two (a "latest shows" board) and the article's ``<h1>`` itself
    (a line of 40 characters of loose text) were counted as the body's start: the body's element
    became the page's wrapper, and the byline, "Latest update : ...", the related story and
    "COMMENT(S)" were read as the body."""
    found = None
    for node in element.iter():
        if node is last:
            break
        if node.tag == "h1":
            found = []
        elif found is not None and node in wanted and not _inside(last, node):
            found.append(node)
    return found


def _inside(node, container) -> bool:
    return any(ancestor is container for ancestor in node.iterancestors())


def _furniture(owner) -> bool:
    """The page itself, or page furniture (a footer, navigation, an aside, a header), not a body.

    A class or id naming a footer is furniture unless the element also holds a headline
    (``<h1>``): no footer holds the article's headline, and layout classes name footers in
    passing (France 24 wraps its article and headline in ``<div class="col-1 highfooter">``; its
    body was read from the whole page, its byline and "Latest update : ..." line included). Asked
    only of the few elements whose class or id says footer."""
    if owner.tag in _PAGE:
        return True
    for node in (owner, *owner.iterancestors()):
        if node.tag in _FURNITURE:
            return True
        if "footer" in f"{node.get('class') or ''} {node.get('id') or ''}".lower() \
                and next(node.iter("h1"), None) is None:
            return True
    return False


def _unlinked_length(node) -> int:
    """Characters of ``node``'s text outside its links, spaces collapsed."""
    whole = len(" ".join("".join(node.itertext()).split()))
    linked = sum(len(" ".join("".join(link.itertext()).split())) for link in node.iter("a"))
    return whole - linked


def _has_block(node) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in node.iterdescendants())
