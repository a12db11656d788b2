"""XenForo quotes (``blockquote.bbCodeQuote`` in XF1 and XF2), nested, with who and what they quote."""

from __future__ import annotations

import re

from ..budget import check_budget
from ..html_text import drop_node, element_text
from ..markup import top_level
from ..models import Quote
from ..quote_depth import read_deeper
from ..values import words as _words


_GOTO_POST = re.compile(r"(?:goto/post\?id=|posts/|#post-|post-)(\d+)")
# The pack's "x_said" phrase around the name, for a quote whose markup does not carry the name
# (``data-quote``): English "X said:", the language packs' verbs after the name (German "X schrieb:",
# French "X a dit :", Russian "X сказал(а):", ...), Arabic packs "X قال:" or "قال X:" (a verb before or after).
_SAID_WORDS = ("said", "wrote", "schrieb", "sagte", "a dit", "a écrit", "dijo", "escribió", "ha detto",
               "ha scritto", "zei", "schreef", "disse", "escreveu", "сказал", "сказала", "сказал(а)",
               "написал", "написала", "написал(а)", "сказав", "написав", "napisał", "napisała", "napisał(a)",
               "dedi", "demiş", "yazdı", "napsal", "napsala", "skrev", "sanoi", "kirjoitti", "írta",
               "a spus", "a scris", "είπε", "έγραψε", "قال", "قالت", "كتب", "كتبت")
_SAID = re.compile(rf"^(?P<who>.+?)\s+(?:{'|'.join(re.escape(word) for word in _SAID_WORDS)})\s*:?\s*$",
                   re.DOTALL | re.IGNORECASE)
_SAID_FIRST = re.compile(r"^(?:قال|قالت|كتب|كتبت)\s+(?P<who>.+?)\s*:?\s*$", re.DOTALL)


# The class tokens of a quote (XF2, XF1), as is_quote tests them: a body whose markup names neither
# holds no quote (see posts.read_post).
QUOTE_CLASSES = ("bbCodeBlock--quote", "bbCodeQuote")


def is_quote(node) -> bool:
    classes = node.get("class")
    if not classes:
        return False
    tokens = classes.split()
    return "bbCodeBlock--quote" in tokens or "bbCodeQuote" in tokens


def top_level_quotes(element) -> list:
    """Quotes in ``element`` that no other quote below ``element`` holds."""
    return top_level(element, is_quote)


def read_quote(node, depth: int = 1) -> Quote:
    """One quote (XF2 ``blockquote.bbCodeBlock--quote`` or XF1 ``.bbCodeQuote``) and the quotes
    inside it (see :mod:`parsers.quote_depth`; deeper ones stay in this quote's text)."""
    check_budget()
    attrs = node.attrib
    citation_node, content = own_parts(node)
    citation, source_post = _citation(citation_node)
    author = attrs.get("data-quote") or attrs.get("data-author")
    if not author and citation:
        said = _SAID.match(citation) or _SAID_FIRST.match(citation)
        # A head of one word before the colon is the name ("Townes:"); of more words in a phrase no
        # pattern knows, it is the name and a pack's verb the reader cannot tell apart ("Townes
        # schrieb:" was the author "Townes schrieb"): no author is read from it (the quoted post's
        # poster names it where that post is on the page, else the page's errors say so).
        bare = citation.rstrip(": \u00a0").strip() if citation.endswith(":") else ""
        author = said.group("who") if said else bare if len(bare.split()) == 1 else None
    member = _MEMBER.search(attrs.get("data-attributes") or "")
    source = _SOURCE.search(attrs.get("data-source") or "")
    if content is None:  # a bare quote: its own children, less the citation
        content = node
        if citation_node is not None:
            drop_node(citation_node)
    inner_quotes = top_level_quotes(content) if read_deeper(depth) else []
    nested = [read_quote(inner, depth + 1) for inner in inner_quotes]
    for inner in inner_quotes:
        drop_node(inner)
    return Quote(
        author=author.strip() if author else None,
        author_id=member.group(1) if member else None,
        post_id=source.group(1) if source else source_post,
        citation=citation or None,
        text=element_text(content),
        quotes=nested,
    )


_MEMBER = re.compile(r"member:\s*(\d+)")
_SOURCE = re.compile(r"^post:\s*(\d+)")
# The class names of a quote's parts: its citation, its content (XF2's expandable box, XF1's), and
# XF2's content box, the content of a quote without the expandable one.
PART_NAMES = (frozenset({"bbCodeBlock-title", "attribution"}), frozenset({"bbCodeBlock-expandContent", "quote"}),
               frozenset({"bbCodeBlock-content"}))


def own_parts(quote, depth: int = 3) -> tuple:
    """The quote's citation and content: for each of :data:`PART_NAMES`, the first element below
    ``quote`` (``depth`` levels at most, in document order) with a class of that set, not inside a
    nested quote; the content is the second set's, else the third's. One walk for the three sets
    (each set's own walk entered the same elements, in the same order, up to its find), each
    element's classes split once; it ends once the citation and the second set's content are found."""
    found: list = [None, None, None]
    _find_parts(quote, depth, found)
    citation, content, bare_content = found
    return citation, content if content is not None else bare_content


def _find_parts(parent, depth: int, found: list) -> bool:
    """:func:`own_parts`'s walk, filling ``found``: True once the citation and the content are found.
    (A function of the module: one defined inside ``own_parts`` calling itself was a reference
    cycle holding the quote's elements, and so the page's tree, until the garbage collector ran.)"""
    for child in parent:
        if child.tag.__class__ is not str:
            continue
        tokens = (child.get("class") or "").split()
        if "bbCodeBlock--quote" in tokens or "bbCodeQuote" in tokens:  # (is_quote)
            continue
        for index, names in enumerate(PART_NAMES):
            if found[index] is None and not names.isdisjoint(tokens):
                found[index] = child
        if found[0] is not None and found[1] is not None:
            return True
        if depth > 1 and len(child) and _find_parts(child, depth - 1, found):
            return True
    return False


def _citation(node) -> tuple[str | None, str | None]:
    """The citation as written ("PMc said:", XF1 "baldgye:" without its "↑" jump link) and the post it jumps to."""
    if node is None:
        return None, None
    post_id = None
    for anchor in node.iter("a"):
        href = anchor.get("href") or ""
        selector = anchor.get("data-content-selector") or ""
        match = _GOTO_POST.search(href) or _GOTO_POST.search(selector)
        if match and post_id is None:
            post_id = match.group(1)
    parts = [node.text or ""]
    for child in node:
        if child.tag.__class__ is not str:
            parts.append(child.tail or "")
            continue
        jump = child.tag == "a" and "AttributionLink" in (child.get("class") or "")
        if not jump:
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return _words(parts) or None, post_id
