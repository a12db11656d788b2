"""A page whose elements nest too deep for the HTML parser, rewritten so that the rest of it can be read.

Why: libxml2 stops reading a page at 2048 levels of nesting (even with ``huge_tree``), and
everything after that point is lost: one post quoting itself 2,000 times would cost every post
after it. :func:`flattened` drops the tags that would open an element below ``limit`` levels
(and the tags that close those elements), keeping all the words: what was nested deeper is read
as the flat contents of the deepest element kept, and the page's structure above that level, the
posts after it included, is read as written.

It is a small tokenizer, not an HTML parser: it knows the elements that never hold others (``br``,
``img``), the elements whose contents are not markup (``script``, ``textarea``), and the end tags
HTML leaves out (a ``<p>``, ``<li>`` or ``<td>`` closes the one before it), which is enough to
count levels as the parser will. It runs only on pages the parser gave up on.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(rb"<!--.*?(?:-->|\Z)|<[!?][^>]*>|<(/?)([A-Za-z][^\s/>]*)[^>]*>", re.DOTALL)
_VOID = frozenset(b"area base br col embed hr img input keygen link meta param source track wbr basefont frame".split())
_RAW_TEXT = frozenset(b"script style textarea title xmp iframe noembed noframes plaintext".split())
# An opening tag of the key closes the nearest open element of the value's first set, when no
# element of the second set stands between them (HTML's optional end tags, simplified).
_CLOSES = {
    b"p": ({b"p"}, {b"div", b"td", b"th", b"table", b"blockquote", b"li", b"body"}),
    b"li": ({b"li"}, {b"ul", b"ol", b"menu"}),
    b"dt": ({b"dt", b"dd"}, {b"dl"}),
    b"dd": ({b"dt", b"dd"}, {b"dl"}),
    b"tr": ({b"tr", b"td", b"th"}, {b"table", b"tbody", b"thead", b"tfoot"}),
    b"td": ({b"td", b"th"}, {b"tr", b"table"}),
    b"th": ({b"td", b"th"}, {b"tr", b"table"}),
    b"option": ({b"option"}, {b"select", b"datalist"}),
    b"a": ({b"a"}, {b"td", b"th", b"table"}),
}
_BLOCKS_CLOSING_P = frozenset(b"div ul ol dl table blockquote pre form h1 h2 h3 h4 h5 h6 hr address article aside "
                              b"section header footer nav main figure fieldset details menu".split())
_SEARCH = 64  # how far down the open elements an end tag or an optional end is looked for


def flattened(body: bytes, limit: int) -> bytes:
    """``body`` (UTF-8 HTML) without the tags of elements nested below ``limit`` levels."""
    lowered = body.lower()
    out: list[bytes] = []
    stack: list[tuple[bytes, bool]] = []  # open elements: (name, whether its tags are kept)
    depth = 0  # open elements kept
    position = 0
    while True:
        match = _TOKEN.search(body, position)
        if match is None:
            out.append(body[position:])
            return b"".join(out)
        out.append(body[position:match.start()])
        position = match.end()
        tag = match.group(0)
        name = (match.group(2) or b"").lower()
        if not name:  # a comment, a doctype
            out.append(tag)
        elif match.group(1):  # an end tag
            opened = _nearest(stack, {name}, ())
            if opened is None:
                out.append(tag)  # closes nothing: the parser passes over it too
                continue
            depth -= sum(kept for _name, kept in stack[opened:])
            if stack[opened][1]:
                out.append(tag)
            del stack[opened:]
        elif name in _RAW_TEXT:
            end = lowered.find(b"</" + name, position)
            end = len(body) if end < 0 else end
            out.append(tag + body[position:end])
            position = end
        elif name in _VOID or tag.endswith(b"/>"):
            out.append(tag)
        else:
            depth -= _close_optional(stack, name)
            kept = depth < limit
            stack.append((name, kept))
            depth += kept
            if kept:
                out.append(tag)


def _close_optional(stack: list, name: bytes) -> int:
    """Close what an opening ``name`` tag closes (see ``_CLOSES``); how many kept elements closed."""
    closes, stops = _CLOSES.get(name, (None, None))
    if closes is None and name in _BLOCKS_CLOSING_P:
        closes, stops = _CLOSES[b"p"]
    if closes is None:
        return 0
    opened = _nearest(stack, closes, stops)
    if opened is None:
        return 0
    closed = sum(kept for _name, kept in stack[opened:])
    del stack[opened:]
    return closed


def _nearest(stack: list, names: set, stops) -> int | None:
    """The index of the nearest open element named in ``names``, looking down at most ``_SEARCH``
    elements and never past one named in ``stops``."""
    for index in range(len(stack) - 1, max(-1, len(stack) - 1 - _SEARCH), -1):
        name = stack[index][0]
        if name in names:
            return index
        if name in stops:
            return None
    return None
