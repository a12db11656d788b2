"""How much text each element of a page holds, measured once per tree.

Why: the forum checks (:mod:`parsers.forum_evidence`) and the generic parser (:mod:`parsers.generic`)
weigh elements by their text: the page's body, each candidate group of post blocks, each block,
its labels, then again each block as the generic parser picks its body. Each asked a walk of its
own, so the same text nodes were measured four or five times over on a board no engine knows (a
sixth of such a page's parse). One walk of the whole tree, children before parents, gives every
element's length; the askers look theirs up.

The lengths are those of :func:`parsers.forum_evidence.text_length`: characters of the text with
each text node's blanks stripped, script and style left out (comments count nothing, the text after
them counts). They are read from the tree as it stands when first asked, and kept for that tree
alone (:class:`parsers.tree_memo.TreeMemo`): callers must
not edit the tree and ask again. An element of another tree (a copy) is measured on its own.
"""

from __future__ import annotations

from .tree_memo import TreeMemo

_SKIPPED = ("script", "style")



def tree_text_lengths(element) -> dict:
    """Every node of ``element``'s tree -> the characters of text inside it (see the module's docstring).

    Keyed by the nodes themselves, not their ``id``: lxml makes a new proxy object, with a new id,
    each time a node is reached again once the last one is gone; the dict keeps each one alive."""
    return _measured(element.getroottree().getroot())


def measure(top) -> dict:
    """The text length of ``top`` and of every node below it, in one walk (children before parents:
    a post nesting 20,000 elements must not cost a text walk per element)."""
    lengths: dict = {}
    for node in reversed(list(top.iter())):
        tag = node.tag
        if tag.__class__ is not str or tag in _SKIPPED:
            lengths[node] = 0
            continue
        text = node.text  # read once: each read decodes the node's text anew
        total = len(text.strip()) if text else 0
        if len(node):  # most elements have no children: no second walk over none
            for child in node:
                tail = child.tail
                total += lengths[child] + (len(tail.strip()) if tail else 0)
        lengths[node] = total
    return lengths


def text_length_in_tree(element) -> int:
    """The text length of ``element``, looked up in its tree's lengths (measured once per tree)."""
    lengths = tree_text_lengths(element)
    found = lengths.get(element)
    return found if found is not None else measure(element)[element]


_measured: TreeMemo[dict] = TreeMemo("text_lengths", measure)
