"""The noscript view's post bodies, reused as the payload's posts' ``contentHtml`` trees.

Why: a forum page holds each post's ``contentHtml`` twice, in the payload's JSON and printed raw
by the noscript view (``content/discussion.blade.php``: ``<div class="Post-body">{!! contentHtml !!}</div>``),
which the page's tree has parsed already. Parsing each post's JSON HTML again as a tree of its
own was the largest part of a page's parse after the page's tree itself.

A view's body stands for a post's ``contentHtml`` only when it is certainly the same tree: when
its markup, as lxml writes it back, is that HTML character for character, once the template's
own spaces and newlines around it are left out. Libxml2 then built the same tree from the same
characters (a body the page's parser had to repair, a stray ``</div>`` closing it early, a tag
left open, no longer writes back as the JSON's HTML). Anything else, a body not found, a post
whose HTML the view shows otherwise (an extension's view, a torn page), falls back to parsing
the JSON's HTML, as before. The match is by the HTML itself, never by the post's place, so a
view that shows other posts, or in another order, gives no post another's words.

A body is read (and edited: quotes' mentions taken out) once: each is handed out once, and a
body inside another body (a torn page) is never handed out, nor the one around it.
"""

from __future__ import annotations

from ..html_text import inner_html

# What the template writes around ``contentHtml`` inside ``div.Post-body``: indentation and newlines.
# (Other white space, a carriage return, lxml writes back as a character reference: never cut.)
_TEMPLATE_SPACE = " \n\t"


class ViewBodies:
    """The view's post bodies by the HTML they write back as, each handed out once."""

    def __init__(self, bodies: list) -> None:
        chosen = set(bodies)
        self._by_html: dict[str, list] = {}
        for body in bodies:
            if any(ancestor in chosen for ancestor in body.iterancestors()) or any(
                    inner in chosen for inner in body.iterdescendants("div")):
                continue
            self._by_html.setdefault(inner_html(body).strip(_TEMPLATE_SPACE), []).append(body)

    def take(self, content_html: str):
        """The view's body that is ``content_html``'s tree (the template's spaces around it taken
        out), or None: the caller parses ``content_html`` itself."""
        found = self._by_html.get(content_html)
        if not found:
            return None
        body = found.pop(0)
        _trim(body)
        return body


def _trim(body) -> None:
    """Take the template's spaces out of ``body``'s first text and last tail, as a tree parsed from
    the post's HTML alone has them (None where nothing is left). The trimmed body writes back as
    its markup stripped of the same characters, the key it was found by, with no second writing to
    check: lxml writes a space, newline or tab as itself, and what stands between the first text
    and the last tail (an element, a comment, a reference) starts with ``<`` or ``&`` and ends
    with ``>`` or ``;``, never one of those."""
    if len(body):
        body.text = (body.text or "").lstrip(_TEMPLATE_SPACE) or None
        last = body[-1]
        last.tail = (last.tail or "").rstrip(_TEMPLATE_SPACE) or None
    else:
        body.text = (body.text or "").strip(_TEMPLATE_SPACE) or None
