"""FluxBB/PunBB quotes, nested: ``div.quotebox > cite + blockquote`` (1.3+/1.4+) and
``blockquote > div.incqbox > h4`` (1.2)."""

from __future__ import annotations

import re

from ..budget import check_budget
from ..html_text import element_text
from ..markup import has_class, top_level
from ..models import Quote
from ..quote_depth import read_deeper
from ..values import words as _words

# Left out of a post's own words, and of a quote's: the quotes inside it and their citations.
# FluxBB's BBCode writes no <cite>, <h4> or <blockquote> of its own, so the tags say it.
QUOTE_TAGS = frozenset({"blockquote", "cite"})
_QUOTE_TEXT_SKIP = frozenset({"blockquote", "cite", "h4"})
# "X wrote:" in the language packs of FluxBB and PunBB ("Quote:" alone is an unattributed quote): the
# cite is the name, a space and the pack's ``wrote`` string, which may give both genders ("napisał/a:",
# "napsal(a):", "je napisao/la:"); Spanish packs say "dijo", Brazilian ones "Comentou", FeatherBB "said",
# the Greek pack "έγραψε:", the Korean one "씀:"; the Japanese one joins its "さんの発言:" to the name
# with no space (fluxbb/langs */common.php 'wrote').
_WROTE = re.compile(
    r"^(?P<who>.+?)(?:\s+(?:wrote|said|a écrit|a ecrit|hat geschrieben|schrieb|escribió|escribio|dijo|dixo|ha scritto"
    r"|schreef|escreveu|comentou|napisał|napsal|napísal|je napisal|je napisao|писал|пишет|написал|пише|skrev"
    r"|kirjoitti|yazdı|rašė|raðë|shkroi|כתב|ने लिखा|έγραψε|씀)|\s*さんの発言)(?:\s*\([aа]\)|/l?a)?\s*:?\s*$",
    re.S | re.I)
_POST_LINK = re.compile(r"(?:[?&;]pid=|#p|/post/)(\d+)")


def _is_quote(node) -> bool:
    """A quote's outermost element: ``div.quotebox``, or a ``blockquote`` that is not a quotebox's own."""
    if node.tag == "div":
        return has_class(node.get("class") or "", "quotebox")
    if node.tag != "blockquote":
        return False
    parent = node.getparent()
    return parent is None or not (parent.tag == "div" and has_class(parent.get("class") or "", "quotebox"))


def top_level_quotes(element) -> list:
    """The quotes directly in ``element`` (each with its nested quotes inside it)."""
    return top_level(element, _is_quote)


def read_quote(node, depth: int = 1) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`)."""
    check_budget()
    if node.tag == "div":  # div.quotebox: [<cite>X wrote:</cite>]<blockquote><div>words</div></blockquote>
        cite = next((child for child in node if child.tag == "cite"), None)
        content = next((child for child in node if child.tag == "blockquote"), node)
    else:  # blockquote > div.incqbox > [<h4>X wrote:</h4>] <p>words</p>
        box = next((child for child in node if child.tag == "div" and has_class(child.get("class") or "", "incqbox")),
                   None)
        content = box if box is not None else node
        cite = next((child for child in content if child.tag == "h4"), None)
    citation = _words(cite.itertext()) if cite is not None else None
    match = _WROTE.match(citation or "")
    post_id = None
    if cite is not None:
        for anchor in cite.iter("a"):
            found = _POST_LINK.search(anchor.get("href") or "")
            if found:
                post_id = found.group(1)
                break
    return Quote(
        author=match.group("who") if match else None,
        post_id=post_id,
        citation=citation or None,
        text=element_text(content, skip=_QUOTE_TEXT_SKIP),
        quotes=[read_quote(inner, depth + 1) for inner in top_level_quotes(content)]
        if read_deeper(depth) else [],
    )
