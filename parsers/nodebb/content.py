"""A NodeBB post body (its ``content`` HTML, the same in the read API and the page): words,
quotes, links and pictures.

NodeBB's composer quotes a post by writing, in Markdown (nodebb-plugin-composer-default's
``addQuote``, with the ``composer.user-said-in`` string "%1 said in %2:")::

    @marigold said in [Quoting the quoted](/post/301):
    > How often should I turn the compost heap?

which the Markdown plugin renders as a citation paragraph *followed by* the quote (a ``>`` line
interrupts a paragraph)::

    <p dir="auto"><a class="plugin-mentions-user plugin-mentions-a" href="/user/marigold">@marigold</a>
      said in <a href="/post/301">Quoting the quoted</a>:</p>
    <blockquote><p dir="auto">How often should I turn the compost heap?</p></blockquote>

Quoting a post that quotes puts its citation and ``>`` lines one level down, so a nested quote is
a citation paragraph and a blockquote inside the outer blockquote. Members who type the citation
themselves put it inside (``> @name said in ...:``); both are read. The citation is known by its
shape, not its words (the phrase is translated: "a dit dans", "hat in ... geschrieben"): a
paragraph whose link points to ``/post/{pid}`` and whose text ends with a colon (or, in the
Turkish pack's "%1, içinde söyledi: %2", has its colon just before that link, which ends it),
right before the blockquote or first inside it. A blockquote without one is a quote without an
author.
"""

from __future__ import annotations

import re

from ..budget import check_budget
from ..html_text import element_text, inner_html, iter_outside, sanitise
from ..markup import show_real_addresses, top_level_blockquotes
from ..models import Link, Quote
from ..page_tree import fragment_tree
from ..quote_depth import read_deeper

# Citation paragraphs are renamed to this tag once read, so that the text readers skip them.
CITATION_TAG = "nodebb-citation"
_NOT_OWN_WORDS = frozenset({"blockquote", CITATION_TAG})
_POST_LINK = re.compile(r"/post/(\d+)/?(?:[?#].*)?$")
_AT_NAME = re.compile(r"@([^\s:@,]+)")  # no comma: NodeBB names have none ("@name, içinde söyledi:")
_SKIPPED_IMAGES = ("emoji", "avatar")  # nodebb-plugin-emoji's <img class="not-responsive emoji ...">


class Body:
    """What a post's content HTML holds, read once: ``html`` (sanitised, quotes included),
    ``text`` (the poster's own words), ``quotes`` (with their nesting), ``links`` and ``images``."""

    def __init__(self, content: str, base: str) -> None:
        self.element, self.problems = fragment_tree(content)
        show_real_addresses(self.element, base + "/")
        self.html = sanitise(inner_html(self.element))
        self.quotes = [_quote(node, 1) for node in top_level_blockquotes(self.element)]
        self.text = element_text(self.element, skip=_NOT_OWN_WORDS)
        self.links, self.images = _references(self.element)


def _citation_before(blockquote):
    """The citation paragraph right before ``blockquote`` (nothing but blanks between), or None."""
    previous = blockquote.getprevious()
    if previous is None or (previous.tail or "").strip() or not _is_citation(previous):
        return None
    return previous


def _citation_inside(blockquote):
    """The citation paragraph a member typed first inside ``blockquote`` ("> @name said in ...:"),
    unless a blockquote follows it: then it is that nested quote's citation."""
    first = next((child for child in blockquote if isinstance(child.tag, str)), None)
    if first is None or (blockquote.text or "").strip() or not _is_citation(first):
        return None
    following = first.getnext()
    return None if following is not None and following.tag == "blockquote" else first


def _is_citation(node) -> bool:
    """A paragraph that links a post and ends with a colon ("@name said in <a href=/post/N>...</a>:"),
    or whose colon comes just before that link, which ends it: the Turkish pack's user_said_in is
    "%1, içinde söyledi: %2" ("@name, içinde söyledi: <a href=/post/N>topic</a>"). The link first:
    most paragraphs next to a quote link no post, and their words cost a walk."""
    if node.tag not in ("p", CITATION_TAG):
        return False
    if _quoted_pid(node) is None:
        return False
    text = element_text(node).rstrip()
    if text.endswith((":", "：")):
        return True
    last = node[-1] if len(node) else None
    if last is None or last.tag != "a" or (last.tail or "").strip() or not _POST_LINK.search(last.get("href") or ""):
        return False
    link_text = element_text(last).strip()
    return bool(link_text) and text.endswith(link_text) and text[:-len(link_text)].rstrip().endswith((":", "："))


def _quoted_pid(node) -> str | None:
    for anchor in node.iter("a"):
        match = _POST_LINK.search(anchor.get("href") or "")
        if match:
            return match.group(1)
    return None


def _quote(blockquote, depth: int) -> Quote:
    """A blockquote and the quotes nested in it (see :mod:`parsers.quote_depth`)."""
    check_budget()
    citation = _citation_before(blockquote)
    if citation is None:
        citation = _citation_inside(blockquote)
    author = post_id = words = None
    if citation is not None:
        words = element_text(citation)
        post_id = _quoted_pid(citation)
        mention = next((a for a in citation.iter("a") if "plugin-mentions-a" in (a.get("class") or "")), None)
        named = _AT_NAME.search(element_text(mention) if mention is not None else words)
        author = named.group(1) if named else None
        citation.tag = CITATION_TAG
    inner = [_quote(node, depth + 1) for node in top_level_blockquotes(blockquote)] if read_deeper(depth) else []
    return Quote(author=author, post_id=post_id, citation=words or None,
                 text=element_text(blockquote, skip=_NOT_OWN_WORDS), quotes=inner)


def _references(element) -> tuple[list[Link], list[Link]]:
    """Links and pictures in the poster's own words (mentions and smileys left out)."""
    links, images = [], []
    for node in iter_outside(element, ("a", "img"), skip=_NOT_OWN_WORDS):
        classes = (node.get("class") or "").split()
        if node.tag == "img":
            src = node.get("src")
            if src and not src.startswith("data:") and not any(name in classes for name in _SKIPPED_IMAGES):
                images.append(Link(src, node.get("alt")))
            continue
        href = node.get("href")
        if href and not href.startswith("#") and "plugin-mentions-a" not in classes:
            links.append(Link(href, element_text(node) or None))
    return links, images
