"""Article bodies as ordered blocks, and the pictures that go with them.

The main text is found by trafilatura (a well-kept main-content extractor), whose body tree
keeps paragraphs, subheadings, quotes and lists apart. When one element of the page plainly
holds the body (:mod:`.container`), trafilatura is handed that element alone: the same reading
at a fraction of the cost, since most of its work on a whole page is finding the body. Pictures are read from the markup
(``<figure>`` with its ``<figcaption>``), since an extractor keeps the image but not its caption
and credit; they are taken out before extraction so captions never become body paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import copy

import trafilatura
from lxml import etree
from trafilatura.settings import Extractor

from ..html_text import drop_node, element_text
from ..models import Block, Image
from ..urls import urljoin
from .container import body_container
from .date_lines import is_date_line
from .evidence import RUNNING_TEXT, longest_running_text
from .extractor_tree import contents_copy, page_copy, rename_unnamable
from .reading import fast_body
from .visible import dated_byline_line

SPREAD_OUT = 3  # a fast reading this many times the densest container's text is checked by the full algorithm
ELEMENT_SHARE = 0.6  # of the page's words an <article> element's reading must hold to be the body
KEPT = 0.5  # of the body element's running text its reading must keep to be the body
FOUND_IN_PAGE = 0.9  # of the element's words the page's reading must also hold
_WORD = re.compile(r"\w+")
_WORD_CHARACTER = re.compile(r"\w")
_BLOCK_TYPES = {"p": "paragraph", "head": "subheading", "quote": "quote", "list": "list", "table": "table"}
# "... in Gaza City, April 11, 2025. (Reuters)" or "REUTERS/Ammar Awad Purchase Licensing Rights"
_TRAILING_CREDIT = re.compile(r"\s*\((?P<credit>[^()]{2,60})\)\s*$")
_AGENCY_CREDIT = re.compile(r"\s*(?P<credit>(?:REUTERS|AFP|AP|Reuters|AP Photo)/[^.]*?)(?:\s+Purchase Licensing Rights)?\s*$")


def extract_blocks(element, url: str, title: str | None = None) -> list[Block]:
    """The body of the article in ``element`` (a page or one article's container), in order.

    A leading heading equal to the title is the title, not a body block. When one element
    plainly holds the body (:mod:`.container`), trafilatura reads that element alone.
    """
    try:
        blocks = _body_blocks(element, url)
    except ValueError as error:
        # A tag name lxml keeps from a torn page but refuses trafilatura's copy of it: renamed in
        # the page's tree (words kept), then read again; any other ValueError is a fault to report.
        if not str(error).startswith("Invalid tag name") or not rename_unnamable(element):
            raise
        blocks = _body_blocks(element, url)
    # (a paragraph too: an old site's headline is a styled <p> or table cell, "p.Title_Big_News")
    if blocks and blocks[0].type in ("subheading", "paragraph") and title and _same(blocks[0].text, title):
        blocks.pop(0)
    while blocks and is_date_line(blocks[-1].text):
        blocks.pop()
    while blocks and is_date_line(blocks[0].text):
        blocks.pop(0)
    if blocks and dated_byline_line(blocks[0].text):  # "11.09.2011, 16:20 von NAME": the byline's
        blocks.pop(0)
    return _without_related_links(blocks, element)


# The label of a line that points to another story ("Related: ...", "READ MORE: ...", "Lire aussi
# : ...", "اقرأ أيضا: ..."), in the languages the project meets: a separator must follow it.
_RELATED_WORDS = (
    r"\s*(?:related(?:\s+(?:coverage|content|articles?|stor(?:y|ies)|reading|news|links?))?|read\s+(?:more|also)"
    r"|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|don'?t\s+miss|must\s+read"
    r"|(?:à\s+)?lire(?:\s+(?:aussi|également))?|voir\s+aussi|lesen\s+sie\s+auch|mehr\s+zum\s+thema|lea\s+también"
    r"|leer\s+más|(?:اقرأ|إقرأ|اقرا)\s+(?:أيضا|أيضاً|ايضا|ايضاً|المزيد)|شاهد\s+(?:أيضا|ايضا))\s*")
_RELATED_LABEL = re.compile(_RELATED_WORDS + r"[:：»|–—-]\s*(?=\S)", re.I)
# The label alone, its links left out by the extractor ("<p>Related:</p><ul>...</ul>", Today.com).
_RELATED_LABEL_ALONE = re.compile(_RELATED_WORDS + r"[:：»|–—-]?\s*", re.I)


# Links a page classes as pointers to related stories ("ra-related", "related-link", "relatedStory").
_RELATED_CLASSED_LINKS = etree.XPath(".//a[contains(translate(@class, 'R', 'r'), 'related')]")
_CLASS_WORDS = re.compile(r"[\s_-]+|(?<=[a-z])(?=[A-Z])")


def _without_related_links(blocks: list[Block], element) -> list[Block]:
    """The blocks but the lines that only point to other stories: a paragraph of a label
    (:data:`_RELATED_LABEL`) and nothing but one link's words ("<a>Related: Workers plan a
    strike</a>", CNN; "<strong>Related:</strong> <a>The new race to build...</a>", NBC); a
    paragraph that is all one link the page classes as related ("<p><a class="ra-related">...</a></p>",
    the New York Daily News); a label left alone ("<p>Related:</p>", its list of links not read,
    Today.com). The extractor keeps them as paragraphs of the body, which they are not; a
    labelled line whose words are the page's own (no link holds them) stays."""
    paragraphs = [index for index, block in enumerate(blocks) if block.type == "paragraph"]
    alone = {index for index in paragraphs
             if len(blocks[index].text) <= 40 and _RELATED_LABEL_ALONE.fullmatch(blocks[index].text)}
    labelled = {index: match for index in paragraphs
                if index not in alone and (match := _RELATED_LABEL.match(blocks[index].text))}
    classed = {_folded_line(element_text(link)) for link in _RELATED_CLASSED_LINKS(element)
               if "related" in (word.lower() for word in _CLASS_WORDS.split(link.get("class") or ""))}
    if not alone and not labelled and not classed:
        return blocks
    links = {_folded_line(element_text(link)) for link in element.iter("a")} if labelled else set()
    pointers = alone | {index for index in paragraphs if _folded_line(blocks[index].text) in classed}
    pointers |= {index for index, match in labelled.items()
                 if _folded_line(blocks[index].text) in links or _folded_line(blocks[index].text[match.end():]) in links}
    return [block for index, block in enumerate(blocks) if index not in pointers] if pointers else blocks


def _folded_line(text: str) -> str:
    return " ".join(text.casefold().split())


def _body_blocks(element, url: str) -> list[Block]:
    blocks = _container_reading(element, url)
    return blocks if blocks is not None else _extracted(element, url)


def _container_reading(element, url: str) -> list[Block] | None:
    """trafilatura's fast reading of the element that holds the body (:func:`.container.body_container`),
    or None when no element plainly does, or when the reading kept less than :data:`KEPT` of
    that element's running text (trafilatura took it for furniture: the whole page decides).

    No check by the full algorithm: it is there for menus and link lists from all over the
    page, and the element holds no more than the body's surroundings.
    """
    found = body_container(element)
    if found is None:
        return None
    container, held = found
    main = fast_body(lambda: contents_copy(container), _options(url, fast=True))
    blocks = blocks_of(main) if main is not None else []
    return blocks if sum(len(b.text) for b in blocks) >= KEPT * held else None


def _extracted(element, url: str) -> list[Block]:
    """trafilatura's reading of ``element``: its fast path, checked by its full algorithm when the
    fast one reads far more than any one container holds."""
    if element.tag == "html":
        page = page_copy(element)
    else:
        # The container's own classes ("views-row", "article-item") look like page furniture to
        # the extractor, which would drop the whole article: hand it the contents alone.
        page = contents_copy(element)
    blocks = _read(page, url, fast=True)
    read = sum(len(b.text) for b in blocks)
    if read > SPREAD_OUT * RUNNING_TEXT and read > SPREAD_OUT * longest_running_text(element, shortest=0):
        # Far more text than the page's densest container holds (short lines included, so a
        # long list in one place is not "spread out"): the fast path may have let menus and
        # link lists from all over the page through. trafilatura's full algorithm checks its reading against
        # readability's and jusText's, at about twice the cost, so only here.
        blocks = _read(page, url, fast=False)
    return blocks


def _read(page, url: str, fast: bool) -> list[Block]:
    # bare_extraction hands back trafilatura's body tree: the same blocks as its XML output,
    # without writing the XML, fingerprinting it and parsing it again (a fifth of its cost).
    # ``page`` is a tree from .extractor_tree (copied by trafilatura, so it serves both readings).
    document = trafilatura.bare_extraction(page, options=_options(url, fast))
    if document is None or document.body is None:
        return []
    return blocks_of(document.body)


def _options(url: str, fast: bool) -> Extractor:
    """trafilatura's settings for a reading: body only (no comments, metadata, images, formatting
    or deduplication), tables kept, and text output, which only the body tree is read from.

    Why: what ``bare_extraction``'s arguments made, without its cost. Its settings object reads
    its configuration file's values each time it is made, and its default output ("python")
    writes the body out as plain text besides, which the parser never reads; made once here,
    each reading gets a copy that names the page's address, as the arguments named it."""
    options = copy(_READINGS[fast])
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


_READINGS = {fast: Extractor(output_format="txt", fast=fast, comments=False, formatting=False, links=False,
                             images=False, tables=True, dedup=False, with_metadata=False) for fast in (True, False)}


def blocks_of(main) -> list[Block]:
    """Every block of trafilatura's ``<main>``, at any depth, in reading order.

    trafilatura wraps paragraphs in ``<div>``s when the page does, and leaves text that sat
    loose in the page's markup as loose text beside its ``<head>``s: both are body. A block's
    own inner elements (line breaks, list items) belong to it; loose text becomes a paragraph.
    """
    blocks: list[Block] = []
    if main is None:
        return blocks

    def loose(text: str | None) -> None:
        text = " ".join((text or "").split())
        if text:
            blocks.append(Block("paragraph", text))

    walk = etree.iterwalk(main, events=("start", "end"))
    for event, node in walk:
        kind = _BLOCK_TYPES.get(node.tag)
        if event == "start":
            if kind is None or (kind == "table" and _is_layout(node)):
                loose(node.text)
                continue
            walk.skip_subtree()
            if kind == "list":
                text = "\n".join(_list_lines(node))
            elif kind == "table":
                text = "\n".join(" | ".join(" ".join("".join(cell.itertext()).split()) for cell in row.iter("cell"))
                                 for row in node.iter("row"))
            elif kind == "paragraph":
                # Text between <br>s (trafilatura's <lb/>) is paragraphs of its own.
                blocks.extend(Block(kind, line) for line in _lines(node))
                continue
            else:
                text = "\n".join(_lines(node)) if kind == "quote" else " ".join("".join(node.itertext()).split())
            if text:
                blocks.append(Block(kind, text))
        elif node is not main:
            loose(node.tail)
    return blocks


# What trafilatura writes for blocks: a table cell holding one of them lays out the body's
# paragraphs, it holds no datum.
_CELL_BLOCKS = frozenset({"p", "head", "list", "quote", "table"})


def _is_layout(table) -> bool:
    """Is trafilatura's ``<table>`` a page's layout (a cell holding paragraphs: an old site's body
    cell) rather than a table of data? Its cells are then read as the body's blocks: read as a
    table, its paragraphs ran together as one block ("...more words.Second paragraph...")."""
    return any(child.tag in _CELL_BLOCKS for cell in table.iter("cell") for child in cell)


def body_scope(inner: list[Block], whole: list[Block]) -> str:
    """Whether the article's body is its ``<article>`` element's extraction ("element") or the
    whole page's ("page").

    trafilatura, given the whole page, lets some furniture through (related stories, newsletter
    boxes, "most read" lists); given the ``<article>`` element alone, it loses whatever part of
    the body the page keeps outside that element (a header-only ``<article>``, a teaser, a body
    continued in a sibling). The element's reading wins when it holds at least
    :data:`ELEMENT_SHARE` of the page's reading and nearly all of it is found there: the rest of
    the page's reading is then outside the article and read as chrome. On the 181-page article
    benchmark the element held 0.71 to 0.93 of the page's reading where the extra text was
    chrome, and 0.48 or less where the element missed part of the body.
    """
    return _scope(word_counts(inner), word_counts(whole))


def blocks_within(blocks: list[Block], element) -> list[Block]:
    """The blocks whose words are (nearly all) in ``element``'s text: the page's reading cut to one element."""
    inside = _WordsOf(element)
    return [block for block in blocks if inside.hold(*_folded(block))]


def element_reading(whole: list[Block], element) -> tuple[list[Block], str]:
    """:func:`blocks_within` ``(whole, element)``, and :func:`body_scope` of those blocks against
    ``whole``: the same answers, for less. The blocks kept are some of ``whole``'s, so every word
    of theirs is in ``whole``'s reading (the share found there is 1) and the two word totals
    alone decide."""
    inside = _WordsOf(element)
    folded = [_folded(block) for block in whole]
    kept = [index for index, (text, total) in enumerate(folded) if inside.hold(text, total)]
    inner_total = sum(folded[index][1] for index in kept)
    return [whole[index] for index in kept], _decide(inner_total, sum(total for _, total in folded), found=1.0)


def _folded(block: Block) -> tuple[str, int]:
    """The block's text case-folded (as its words are compared), and how many words it has."""
    text = block.text.casefold()
    return text, len(_WORD.findall(text))


class _WordsOf:
    """The words of an element's text, to ask whether a block's words are (nearly all) among them.

    Why: counting every word of the element and of each block was most of choosing between
    the ``<article>`` element's reading and the page's. A block whose text stands in the
    element's text as it is written (case and spacing aside) has its words there, each as often,
    but perhaps the first and the last, which may run on into the text around it (the element's
    text joins its paragraphs with no space between: "...said.The next"). Most blocks are read
    from that text, so this answers for most of them without counting anything; the others are
    asked by counting, as before."""

    def __init__(self, element) -> None:
        self.text = " ".join("".join(element.itertext()).casefold().split())
        self._counts: Counter | None = None

    def hold(self, folded: str, total: int) -> bool:
        """Whether at least :data:`FOUND_IN_PAGE` of a block's words are in the element's text, from
        its case-folded text and its number of words (:func:`_folded`)."""
        shown = " ".join(folded.split())
        at = self.text.find(shown)
        if at >= 0 and total - self._run_on(at, shown) >= FOUND_IN_PAGE * total:
            return True
        if self._counts is None:
            self._counts = _words(self.text)
        return _mostly_in(_words(folded), self._counts)

    def _run_on(self, at: int, shown: str) -> int:
        """How many of the words at the two ends of ``shown``, found at ``at``, run on into a longer
        word of the text (0 to 2); every other word of it is a word of the text."""
        if not shown:
            return 0
        end = at + len(shown)
        before = at > 0 and _WORD_CHARACTER.match(self.text[at - 1]) and _WORD_CHARACTER.match(shown[0])
        after = end < len(self.text) and _WORD_CHARACTER.match(self.text[end]) and _WORD_CHARACTER.match(shown[-1])
        return bool(before) + bool(after)


def word_counts(blocks: list[Block]) -> Counter:
    return _words(" ".join(block.text for block in blocks))


def _words(text: str) -> Counter:
    return Counter(_WORD.findall(text.casefold()))


def _shared(words: Counter, other: Counter) -> int:
    """How many of ``words`` ``other`` holds too: ``sum((words & other).values())``, without
    building the intersection (Counter's ``&`` and its missing keys run in Python)."""
    get = other.get
    return sum(min(count, get(word, 0)) for word, count in words.items())


def _mostly_in(words: Counter, inside: Counter) -> bool:
    return _shared(words, inside) >= FOUND_IN_PAGE * sum(words.values())


def _scope(inner_words: Counter, whole_words: Counter) -> str:
    inner_total = sum(inner_words.values())
    found = _shared(inner_words, whole_words) / inner_total if inner_total else 0.0
    return _decide(inner_total, sum(whole_words.values()), found)


def _decide(inner_total: int, whole_total: int, found: float) -> str:
    """:func:`body_scope`'s rule, from the inner reading's words, the whole reading's, and the
    share of the inner words found in the whole reading."""
    if not inner_total or not whole_total:
        return "element" if inner_total else "page"
    return "element" if found >= FOUND_IN_PAGE and inner_total / whole_total >= ELEMENT_SHARE else "page"


def _list_lines(node) -> list[str]:
    """The items of trafilatura's ``<list>``, one a line; a list inside an item gives its items
    lines of their own, after the line of the item's own words.

    Why: an item holding a list of its own ("Clean the file: <ol><li>Open it</li>...</ol>") was
    read with its sub-items' words run together on its line ("...Open it.Check it..."), and then
    each sub-item again on a line of its own (every ``item`` at any depth): the steps twice."""
    lines: list[str] = []
    for item in node.iter("item"):
        if _inside_an_item(item, node):
            continue
        own: list[str] = [item.text or ""]
        nested: list[str] = []
        walk = etree.iterwalk(item, events=("start", "end"))
        for event, element in walk:
            if element is item:
                continue
            if event == "start":
                if element.tag == "list":
                    nested.extend(_list_lines(element))
                    walk.skip_subtree()
                    own.append(" ")  # the words before and after the list are apart
                elif element.text:
                    own.append(element.text)
            elif element.tail:
                own.append(element.tail)
        line = " ".join("".join(own).split())
        if line:
            lines.append(line)
        lines.extend(nested)
    return lines


def _inside_an_item(item, owner) -> bool:
    """Is ``item`` inside another item of ``owner`` (read with that item, as its nested list)?"""
    parent = item.getparent()
    while parent is not None and parent is not owner:
        if parent.tag == "item":
            return True
        parent = parent.getparent()
    return False


def _lines(node) -> list[str]:
    """The text of ``node`` cut at its line breaks (``<lb/>``), each line's spaces collapsed."""
    lines: list[list[str]] = [[]]
    for event, element in etree.iterwalk(node, events=("start", "end")):
        if event == "start":
            if element.tag == "lb":
                lines.append([])
            elif element.text:
                lines[-1].append(element.text)
        elif element is not node and element.tail:
            lines[-1].append(element.tail)
    joined = (" ".join("".join(parts).split()) for parts in lines)
    return [line for line in joined if line]


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
