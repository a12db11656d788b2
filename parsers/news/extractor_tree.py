"""The tree trafilatura reads: a copy of the page's own tree, with no markup written or parsed again.

Why: handed markup, trafilatura parses it with ``lxml.html``'s parser, so the news parser used to
write its (already parsed, scripts stripped) tree out as HTML for trafilatura to parse back: both
steps cost about as much as building the page's tree. And ``lxml.html``'s element class lookup is
a Python method (``HtmlElementClassLookup.lookup``) run for every element proxy lxml creates, a
few hundred thousand calls over the article benchmark, only to give ``<form>``, ``<input>``,
``<select>``, ``<textarea>`` and ``<label>`` form helpers that trafilatura never uses.

So the page's elements are copied (lxml's C deep copy) into a document whose parser has lxml's
C-level default lookup, giving every element the plain ``HtmlElement`` class trafilatura expects.
trafilatura copies a tree it is given before changing it, so one copy serves both of
:func:`.body.extract_blocks`'s readings (the fast one and, where needed, the full algorithm).
The parse output is the same as from the written markup, byte for byte, on every saved page
(``bench/parse_digest.py``, issue 19).
"""

from __future__ import annotations

from copy import copy

from lxml import etree
from lxml import html as lxml_html

# Only its class lookup is used: elements made by it (and nodes moved into their documents) are HtmlElements.
_PARSER = lxml_html.HTMLParser()
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity))


# Elements whose name holds a character outside what the page's own markup uses for tags: from a
# torn or garbled page ("<ta\ufffd(]>"), rarely from a custom element with other letters. Found by
# libxml2 (no Python object made per element); each is then asked of lxml (see rename_unnamable).
_ODD_NAMES = etree.XPath("descendant::*[translate(name(), 'abcdefghijklmnopqrstuvwxyz0123456789-_.:', '') != '']")


def rename_unnamable(holder) -> bool:
    """Rename to ``span`` every element of ``holder`` whose name lxml refuses to give a new element;
    True if there was one.

    Why: lxml's HTML parser keeps whatever follows a "<" as a tag's name, garbage bytes too
    ("<ta\ufffd\u03b5(]\u02e1>"), but trafilatura copies the elements it keeps into new ones
    (``SubElement(parent, element.tag)``) and lxml refuses such a name there: a ValueError, and the
    whole article lost to a few torn bytes. An unknown element is shown as its words by a browser
    (an inline element, like a span): so the words stay, under a name lxml takes. Only run once a
    reading failed so (see :func:`.body.extract_blocks`): the walk would cost every page a few
    per cent of its parse for what only a torn page shows.
    """
    renamed = False
    for element in _ODD_NAMES(holder):
        try:
            etree.Element(element.tag)
        except ValueError:
            element.tag = "span"
            renamed = True
    return renamed


# Elements marked as an article's body (schema.org microdata), one or several.
_MARKED_BODIES = etree.XPath("descendant::*[contains(@itemprop, 'articleBody')]")


def unmark_split_body(holder) -> None:
    """Take the ``articleBody`` mark off a copy whose body is marked in several elements (CNBC
    marks each of an article's six sections ``<div class="group" itemprop="articleBody">``).

    Why: trafilatura's fast reading takes the first element its body expressions find, and the
    mark is among the first it asks for: it read the first section alone and lost the rest of
    the article (five sections, two subheadings), silently. Unmarked, the sections are read
    where they stand together. One marked element is left as it is."""
    marked = _MARKED_BODIES(holder)
    if len(marked) < 2:
        return
    for node in marked:
        rest = " ".join(token for token in node.get("itemprop", "").split() if token != "articleBody")
        if rest:
            node.set("itemprop", rest)
        else:
            del node.attrib["itemprop"]


def page_copy(root):
    """A copy of the page ``root`` (its ``<html>`` element) as a tree of this module's parser, for
    trafilatura: what parsing its serialisation gives, without writing and parsing the markup
    (processing instructions and comments dropped, as trafilatura's parser drops them)."""
    holder = _PARSER.makeelement(root.tag, dict(root.attrib))
    holder.text = root.text
    for child in root:
        holder.append(copy(child))  # appended into the holder's document: its elements become HtmlElements
    etree.strip_elements(holder, etree.ProcessingInstruction, etree.Comment, with_tail=False)
    unmark_split_body(holder)
    return holder


# Elements whose children are a table's rows or row groups: copied into a bare table of their own.
_ROW_HOLDERS = frozenset({"table", "tbody", "thead", "tfoot"})
_CELLS = frozenset({"td", "th"})


def contents_copy(element):
    """``<html><body><article>`` holding a copy of ``element``'s contents (not its own tag or
    classes), as a tree of this module's parser: see :func:`page_copy`. A table's rows, or a cell's
    contents, stay in a table (a bare one, without its classes): trafilatura dropped a cell's words
    before its first line break when its row stood outside any table (a layout table's body cell,
    "<td>LONDON: ... lead ...<BR>The ban ...": the lead paragraph lost, silently)."""
    holder = _PARSER.makeelement("html")
    article = etree.SubElement(etree.SubElement(holder, "body"), "article")
    if element.tag in _ROW_HOLDERS:
        article = etree.SubElement(article, "table")
    elif element.tag in _CELLS:
        # A cell's lines between <br>s: in a bare table's cell trafilatura keeps each line apart,
        # loose in an <article> it ran them into one paragraph.
        article = etree.SubElement(etree.SubElement(etree.SubElement(article, "table"), "tr"), element.tag)
    article.text = element.text
    # One copy of the element, whose children are then moved (with their tails, as a copy of each
    # would bring them): one new document instead of one per child (the body's element of a news
    # page has tens of children).
    for child in list(copy(element)):
        article.append(child)
    etree.strip_elements(holder, etree.ProcessingInstruction, etree.Comment, with_tail=False)
    unmark_split_body(holder)
    return holder
