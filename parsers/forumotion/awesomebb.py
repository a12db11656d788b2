"""AwesomeBB, the sixth Forumotion version (2019): where its post block puts the message.

Why a module of its own: every other version wraps the message in an element of its own
(``<div>{postrow.displayed.MESSAGE}</div>``); AwesomeBB's default ``viewtopic_body`` (Forumotion's
template editor; the public template backup Etana/template, ``src/awesomebb/viewtopic_body.tpl``)
prints it bare::

    <div class="post-content">
        {postrow.displayed.MESSAGE}
        {postrow.displayed.EDITED_MESSAGE}
        <div class="attachbox">...</div>
        <div class="post-signature" id="sig{U_POST_ID}">{SIGNATURE_NEW}</div>
    </div>

so the poster's words are ``div.post-content`` less its attachments, signature and edit line. The
edit line is phpBB 2's ``EDITED_MESSAGE`` ("<br /><br />Last edited by ..."): the last run of text
at the top of ``div.post-content`` that opens with a language pack's edit words (a quote's words
are inside its ``blockquote``, never at the top). A board that wraps it in an element of its own
(a ``span``, a ``div``) is read the same way.
"""

from __future__ import annotations

import copy

from ..html_text import drop_node
from ..values import words as _words
from .edits import starts_edit_line

# The blocks the template prints after the message inside div.post-content: never the poster's words.
_NOT_MESSAGE = frozenset({"attachbox", "post-signature", "signature_div"})


def split_content(content) -> tuple[object, str, object]:
    """(the message, the edit line's words or "", the attachment box or None) of ``div.post-content``.

    The message is a copy of ``div.post-content`` with the signature, attachments and edit line
    taken out: the page's tree is left as it is.
    """
    attachbox = next((child for child in content if _classes(child) & {"attachbox"}), None)
    message = copy.deepcopy(content)
    message.tail = None
    for child in list(message):
        if _classes(child) & _NOT_MESSAGE:
            drop_node(child)
    return message, _take_edit_line(message), attachbox


def _take_edit_line(message) -> str:
    """Remove the edit line (and the ``<br />``s before it) from the top of ``message``; its words."""
    children = [child for child in message if isinstance(child.tag, str)]
    # Where the edit line can start: the text after a child (its tail), or a child of its own.
    start = None
    for index in range(len(children) - 1, -1, -1):
        child = children[index]
        if starts_edit_line(_words([child.tail or ""])):
            start = (index, "tail")
            break
        if child.tag not in ("br", "blockquote") and starts_edit_line(_words(child.itertext())):
            start = (index, "element")
            break
    if start is None:
        return ""
    index, where = start
    anchor = children[index]
    if where == "tail":  # "<br />Last edited by ...": the line is the tail of a <br />
        parts = [anchor.tail or ""]
        anchor.tail = None
    else:
        parts = [" ".join(anchor.itertext()), anchor.tail or ""]
    for child in children[index + 1:]:
        parts.append(" ".join(child.itertext()))
        parts.append(child.tail or "")
        message.remove(child)
    before = index - 1
    if where == "element" or anchor.tag == "br":
        message.remove(anchor)
    else:  # the line follows a part of the message (a picture, a link): that part stays
        before = -1
    # The template's "<br /><br />" before the line: line breaks with nothing after them.
    while before >= 0 and children[before].tag == "br" and not (children[before].tail or "").strip():
        message.remove(children[before])
        before -= 1
    return _words(parts)


def _classes(node) -> set[str]:
    return set((node.get("class") or "").split()) if isinstance(node.tag, str) else set()
