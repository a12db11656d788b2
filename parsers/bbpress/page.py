"""The posts of a bbPress topic page, each found by its words, with the parts around them.

bbPress (bbpress/bbPress, templates/default/bbpress/) prints a post in two sibling elements, so no
one element holds a post's date and its author:

- a reply (loop-single-reply.php): ``div#post-N.bbp-reply-header`` (the date
  ``span.bbp-reply-post-date`` and the permalink "#N"), then the reply's own ``div`` classed by
  ``bbp_reply_class()`` ("post-N", "user-id-U", "bbp-reply-position-P", "reply" or "topic" for the
  lead post in the loop) around ``div.bbp-reply-author`` and ``div.bbp-reply-content``;
- the lead post shown apart (content-single-topic-lead.php, ``ul.bbp-lead-topic``, when the theme
  turns ``bbp_show_lead_topic`` on): ``div.bbp-topic-header`` (``span.bbp-topic-post-date``), then
  ``div#post-N`` around ``div.bbp-topic-author`` and ``div.bbp-topic-content``.

Threaded replies (bbp_list_replies(), BBP_Walker_Reply) print the same pair inside ``li`` items of
nested ``ul.bbp-threaded-replies``. bbPress 2.5 prints the same elements (its author link differs,
see :mod:`parsers.bbpress.posts`). So a post is found by its words (``div.bbp-reply-content`` or
``div.bbp-topic-content`` outside the list's header and footer rows, which repeat the classes as
column titles), its id is the "post-N" class of the element around them (a theme's own ``div``
between them passed over), and its date is in the header element just before that one.
"""

from __future__ import annotations

import re

from ..markup import has_class

POST_CLASS = re.compile(r"(?:^|\s)post-(\d+)(?:\s|$)")
POST_ID = re.compile(r"^post-(\d+)$")
_CONTENT_CLASSES = ("bbp-reply-content", "bbp-topic-content")
_AUTHOR_CLASSES = ("bbp-reply-author", "bbp-topic-author")
_HEADER_CLASSES = ("bbp-reply-header", "bbp-topic-header")
_DATE_CLASSES = ("bbp-reply-post-date", "bbp-topic-post-date")
# The list's column titles ("Author", "Posts"): li.bbp-header and li.bbp-footer.
_TITLE_ROWS = ("bbp-header", "bbp-footer")


class PostParts:
    """One post: its id, the element around its words (``block``), its words, its author column,
    its date, and whether it is the lead post shown apart (``ul.bbp-lead-topic``)."""

    def __init__(self, post_id: str, block, content) -> None:
        self.post_id = post_id
        self.block = block
        self.content = content
        self.author = next((node for node in block if _classed(node, _AUTHOR_CLASSES)), None)
        self.lead_apart = any(has_class(a.get("class") or "", "bbp-lead-topic") for a in block.iterancestors("ul"))
        self.header = _header(block, post_id)
        self.date = _date(self.header) if self.header is not None else None
        classes = block.get("class") or ""
        self.classes = classes.split()


def find_posts(forums) -> list[PostParts]:
    """Every post block inside ``#bbpress-forums`` in page order, each once. Two blocks that give
    one id are both kept: whether they are one post printed twice or a torn page's mix-up is
    :mod:`parsers.shared_post_ids`'s to tell (passing over the second lost it, silently)."""
    posts, seen = [], set()
    for node in forums.iter("div"):
        if not _classed(node, _CONTENT_CLASSES) or _in_title_row(node):
            continue
        block, match = _block(node, forums)
        if match is None or block in seen:
            continue
        seen.add(block)
        posts.append(PostParts(match.group(1), block, node))
    return posts


def _block(content, forums):
    """(the element around a post's words that names the post, the match of its number): the
    words' parent, or, where a theme wrapped the words in a ``div`` of its own (fuzz seed 301,
    wrap_elements), the nearest element up to three levels out, never past a list's item."""
    block = content.getparent()
    for _ in range(3):
        if block is None or block is forums or block.tag in ("li", "ul", "ol", "body"):
            return None, None
        match = POST_CLASS.search(block.get("class") or "")
        if match is None:
            # the block's own id names the post when its classes do not (the lead shown apart)
            match = POST_ID.match(block.get("id") or "")
        if match is not None:
            return block, match
        block = block.getparent()
    return None, None


def post_traces(forums) -> list[str]:
    """What names the posts in ``forums``, in one walk, for :func:`parsers.post_blocks.say_unread_posts`:
    every id holding "post-" (a reply's header, the lead's block), and every "post-N" class token
    (``bbp_reply_class()``'s), since a theme that prints one post with a template of its own keeps
    the wrapper it prints around every post."""
    traces = []
    for node in forums.iter():
        if not isinstance(node.tag, str):
            continue
        value = node.get("id")
        if value and "post-" in value:
            traces.append(value)
        match = POST_CLASS.search(node.get("class") or "")
        if match:
            traces.append(f"post-{match.group(1)}")
    return traces


def _classed(node, names) -> bool:
    classes = node.get("class") or ""
    return any(has_class(classes, name) for name in names)


def _in_title_row(node) -> bool:
    return any(_classed(a, _TITLE_ROWS) for a in node.iterancestors("li"))


def _header(block, post_id: str):
    """The header element just before the post's block: ``div#post-N.bbp-reply-header`` (a reply,
    whose id must be this post's) or ``div.bbp-topic-header`` (the lead shown apart)."""
    previous = block.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is None or not _classed(previous, _HEADER_CLASSES):
        return None
    number = POST_ID.match(previous.get("id") or "")
    if number is not None and number.group(1) != post_id:
        return None  # another post's header: this post's own was lost
    if number is None and has_class(previous.get("class") or "", "bbp-reply-header"):
        return None
    return previous


def _date(header):
    return next((node for node in header.iter("span") if _classed(node, _DATE_CLASSES)), None)
