"""IP.Board 3 quotes, nested, in the two shapes the versions print.

- 3.0 to 3.3 (the ``quote`` BBCode plugin, ``bbcode_quote::_buildOutput``): a citation paragraph,
  then the quoted words::

      <p class='citation'><a class='snapback' rel='citation' href='...findpost&amp;pid=N'>...</a>
        X, on 12 May 2013 - 10:20 AM, said:</p>
      <div class="blockquote"><div class='quote'>words</div></div>

  ("X said:" without a date, the bare "Quote" without either).
- 3.4 (``quoteToBlockquote``): ``<blockquote class='ipsBlockquote' data-author="X" data-cid="N"
  data-time="UNIX">``; the board's JavaScript (``parseQuoteBoxes``) writes the ``p.citation`` before
  it in the browser, and marks it ``built``: a page saved from a browser has both.
"""

from __future__ import annotations

import copy
import re

from ..budget import check_budget
from ..dates import from_unix
from ..html_text import drop_node, element_text
from ..markup import has_class, top_level
from ..models import Quote
from ..quote_depth import read_deeper
from ..values import words as _words


# The English pack's bbc_full_cite ("%s, on %s, said:") and bbc_name_cite ("%s said:").
_FULL_CITE = re.compile(r"^(?P<who>.+?),\s+on\s+(?P<when>.+?),\s+said\s*:?\s*$", re.S)
_NAME_CITE = re.compile(r"^(?P<who>.+?)\s+said\s*:?\s*$", re.S)
_SNAPBACK_POST = re.compile(r"[?&;]pid=(\d+)")


def is_quote(node) -> bool:
    """A quote's outermost element: ``div.blockquote`` (3.0-3.3) or ``blockquote.ipsBlockquote`` (3.4;
    any ``blockquote`` a post holds is a quote)."""
    if node.tag == "blockquote":
        return True
    return node.tag == "div" and has_class(node.get("class") or "", "blockquote")


def is_citation(node) -> bool:
    return node.tag == "p" and has_class(node.get("class") or "", "citation")


def top_level_quotes(element) -> list:
    """The quotes directly in ``element`` (each with its nested quotes inside it)."""
    return top_level(element, is_quote)


def citation_of(node):
    """The ``p.citation`` printed just before a quote (only blank text between them), or None."""
    previous = node.getprevious()
    if previous is None or not is_citation(previous) or (previous.tail or "").strip():
        return None
    return previous


def without_quotes(element):
    """A copy of ``element`` without its quotes and their citations: the words around them."""
    clone = copy.deepcopy(element)
    for quote in top_level_quotes(clone):
        citation = citation_of(quote)
        if citation is not None:
            drop_node(citation)
        drop_node(quote)
    for stray in [node for node in clone.iter("p") if is_citation(node)]:
        drop_node(stray)  # a citation whose quote is gone (broken markup): never the poster's words
    return clone


def read_quote(node, clock, depth: int = 1) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`).

    The time is 3.4's ``data-time`` (a Unix time, exact) when there is one, else the date the
    citation prints, read in the board's zone by ``clock`` (:class:`parsers.clock.ForumClock`).
    """
    check_budget()
    cite = citation_of(node)
    citation = _words(cite.itertext()) if cite is not None else None
    author = post_id = published = None
    if node.tag == "blockquote":
        author = (node.get("data-author") or "").strip() or None
        post_id = (node.get("data-cid") or "").strip() or None
        published = from_unix((node.get("data-time") or "").strip() or None)
        content = node
    else:
        content = next((child for child in node if child.tag == "div" and has_class(child.get("class") or "", "quote")),
                       node)
    if cite is not None:
        match = _FULL_CITE.match(citation or "") or _NAME_CITE.match(citation or "")
        if match:
            author = author or match.group("who").strip()
            when = match.groupdict().get("when")
            if published is None and when:
                published = clock.read(when)
        for anchor in cite.iter("a"):
            found = _SNAPBACK_POST.search((anchor.get("href") or "").replace("&amp;", "&"))
            if found:
                post_id = post_id or found.group(1)
                break
    if post_id is not None and not post_id.isdigit():
        post_id = None
    return Quote(
        author=author,
        post_id=post_id,
        published_at=published,
        citation=citation or None,
        text=element_text(_own_words(content), skip=frozenset({"cite"})),
        quotes=[read_quote(inner, clock, depth + 1) for inner in top_level_quotes(content)]
        if read_deeper(depth) else [],
    )


def _own_words(content):
    """The quote's words without the quotes nested in it (and without a 3.4 ``<cite>`` title)."""
    return without_quotes(content) if top_level_quotes(content) else content
