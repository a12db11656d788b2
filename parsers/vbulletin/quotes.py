"""vBulletin quotes: the "Quote:" boxes of vBulletin 3, ``bbcode_container`` of 4 and ``bbcode_quote`` of 5, nested."""

from __future__ import annotations

import re

from ..budget import check_budget
from ..html_text import drop_node, element_text
from ..markup import has_class, top_level
from ..models import Quote
from ..quote_depth import read_deeper
from ..values import words as _words


_QUOTED_POST = re.compile(r"(?:[?&]p=|#post|[-/]post)(\d+)")
# The "Quote:" label over a vBulletin 3 quote drawn as a panel (a table needs none), in the packs'
# words: Arabic packs print "اقتباس:", Greek "Παράθεση:", Hebrew "ציטוט:", Persian "نقل قول:",
# Chinese and Japanese "引用:" (or with the full-width "："), Korean "인용:", Vietnamese "Trích dẫn:".
_QUOTE_LABEL = re.compile(
    r"^(?:quote|zitat|citation|cita|citazione|citaat|citação|cytat|цитата|цитат|alıntı|lainaus|idézet|citát|citace"
    r"|citácia|citat|sitat|kutipan|trích dẫn|παράθεση|ציטוט|اقتباس|نقل قول|引用|인용)\s*[:：]$",
    re.IGNORECASE)


# --- Quotes ----------------------------------------------------------------------------------


def top_level_quotes(element) -> list[tuple]:
    """(the node to remove, the quote box) for each quote in ``element`` not inside another quote
    (one walk that never enters a quote: linear however deep quotes nest). Every quote is a
    ``div``: an element without one below it (most posts) holds none, which lxml's own iteration
    says without the walk's Python step for each element."""
    if next(element.iterdescendants("div"), None) is None:
        return []
    return [(div, _quote_box(div)) for div in top_level(element, _is_quote_div)]


def _is_quote_div(node) -> bool:
    return node.tag == "div" and _quote_box(node) is not None


def _quote_box(div):
    """The box of a quote when ``div`` is one: vBulletin 4/5 ``div.bbcode_container`` holding a
    ``div.bbcode_quote``, or vBulletin 3's wrapper (a "Quote:" label, then a table or a panel)."""
    classes = div.get("class") or ""
    if "bbcode_container" in classes:
        for child in div:
            if child.tag == "div" and "bbcode_quote" in (child.get("class") or ""):
                return child
        return None
    first = next((child for child in div if isinstance(child.tag, str)), None)
    if first is None or first.tag != "div":
        return None
    box = first.getnext()
    while box is not None and not isinstance(box.tag, str):
        box = box.getnext()
    if box is None or box.tag not in ("table", "div"):
        return None
    label = _short_words(first, 25)
    if label is None or len(label) > 25 or not label.endswith((":", "：")) or "code" in label.lower():
        return _unlabelled_quote_box(div)
    if box.tag == "table" or _QUOTE_LABEL.match(label):
        return box
    return None


_VIEW_POST_LINK = re.compile(r"[?&;]p=(\d+)[^#]*#post\1\b")


def _unlabelled_quote_box(div):
    """A board's own vBulletin 3 quote template without the "Quote:" label (domenforum.net: wrapper
    divs around ``div.tcat`` "Сообщение от <strong>X</strong> <a href="showthread.php?p=N#postN">"
    and a ``div`` with the quoted words): what every such template keeps from the stock one is the
    citation (a ``<strong>`` name and the "view post" link to ``p=N#postN``) followed by the quoted
    words' ``div``. ``div`` is the box when it holds just these two (the empty wrappers around it
    stay); the quote's words were read as the poster's own, and no quote was read."""
    children = [child for child in div if isinstance(child.tag, str)]
    if len(children) != 2 or children[0].tag != "div" or children[1].tag != "div":
        return None
    citation = children[0]
    if next(citation.iter("strong", "b"), None) is None:
        return None
    if any(_VIEW_POST_LINK.search(anchor.get("href") or "") for anchor in citation.iter("a")):
        return div
    return None


def _short_words(node, limit: int) -> str | None:
    """The words of ``node`` when they are at most about ``limit`` characters, else None: read
    only as far as needed, since this runs for every ``div`` of a post, however much it holds."""
    pieces, size = [], 0
    for piece in node.itertext():
        pieces.append(piece)
        size += len(piece.strip())
        if size > limit:
            return None
    return _words(pieces)


def read_quote(node, box, depth: int = 1) -> Quote:
    """A quote and those nested in it (see :mod:`parsers.quote_depth`; deeper ones stay in its text).
    Quote boxes give no time; the post link gives the quoted post."""
    check_budget()
    citation_node, contents = _quote_parts(box)
    citation = _words([element_text(citation_node)]) if citation_node is not None else None
    author = post_id = None
    if citation_node is not None:
        strong = next(citation_node.iter("strong", "b"), None)
        author = _words([element_text(strong)]) if strong is not None else None
        if not author and citation:
            author = re.sub(r"^.*?\b(?:by|von|par|de)\s+", "", citation, flags=re.IGNORECASE) or None
        for anchor in citation_node.iter("a"):
            match = _QUOTED_POST.search(anchor.get("href") or "")
            if match:
                post_id = match.group(1)
                break
    nested = top_level_quotes(contents) if read_deeper(depth) else []
    quotes = [read_quote(inner, inner_box, depth + 1) for inner, inner_box in nested]
    for inner, _box in nested:
        drop_node(inner)
    return Quote(author=author or None, author_id=None, post_id=post_id, thread_id=None, published_at=None,
                 citation=citation, text=element_text(contents), quotes=quotes)


def _quote_parts(box):
    """(citation element or None, contents element) of a quote box."""
    if box.tag == "table":
        box = next(box.iter("td"), box)
    holder = box
    for child in box:
        if child.tag == "div" and "quote_container" in (child.get("class") or ""):
            holder = child  # vBulletin 4/5
            break
    citation = contents = None
    for child in holder:
        if not isinstance(child.tag, str):
            continue
        classes = child.get("class") or ""
        if "bbcode_postedby" in classes:
            citation = child
        elif has_class(classes, "message"):
            contents = child
    if citation is None and contents is None:
        # vBulletin 3: <div>Originally Posted by <strong>X</strong> <a …></div><div style="font-style:italic">…</div>
        divs = [child for child in holder if child.tag == "div"]
        if len(divs) >= 2 and next(divs[0].iter("strong", "b"), None) is not None:
            citation, contents = divs[0], divs[1]
    if contents is None:
        contents = holder
        for child in list(holder):
            if child is citation or (child.tag == "div" and "bbcode_quote_container" in (child.get("class") or "")):
                drop_node(child)
    return citation, contents
