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

from ..forum_evidence import document_position
from ..markup import has_class, inside
from ..values import words

POST_CLASS = re.compile(r"(?:^|\s)post-(\d+)(?:\s|$)")
POST_ID = re.compile(r"^post-(\d+)$")
_BLOCK_ID = re.compile(r"^(?:post|reply)-\d+$")  # a theme that moved the header's id to the post's block
_CONTENT_CLASSES = ("bbp-reply-content", "bbp-topic-content")
_AUTHOR_CLASSES = ("bbp-reply-author", "bbp-topic-author")
_HEADER_CLASSES = ("bbp-reply-header", "bbp-topic-header")
DATE_CLASSES = ("bbp-reply-post-date", "bbp-topic-post-date", "bbp-reply-date")
# The list's column titles ("Author", "Posts"): li.bbp-header and li.bbp-footer.
_TITLE_ROWS = ("bbp-header", "bbp-footer")
NAME_CLASSES = ("bbp-author-name",)
REVISION_LOGS = ("bbp-reply-revision-log", "bbp-topic-revision-log")
# The log's items (``li.bbp-reply-revision-log-item``, bbp_get_reply_revision_log()): a theme that
# restyles the list itself keeps them, and the log is still known by them.
REVISION_LOG_ITEMS = ("bbp-reply-revision-log-item", "bbp-topic-revision-log-item")
# A printed date with its year and its time of day ("March 3, 2024 at 9:15 am", "03.03.2024 um 09:15");
# WordPress's time formats all print the hour and the minutes ("9:15 am", "09:15", "9 h 15 min").
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
TIME_OF_DAY = re.compile(r"\d{1,2}\s*[:h.]\s*\d{2}")


class PostParts:
    """One post: its id, the element around its words (``block``), its words, its author column,
    its header and date, what a theme printed inside its words that is no part of them
    (``furniture``), and whether it is the lead post shown apart (``ul.bbp-lead-topic``).

    Where each part is, for the themes that move them (docs: tests/data/bbpress_themes/): the
    header is the element just before the block (the default), or one inside the block (Marketify,
    Evolve, OneSocial print ``div#post-N.bbp-reply-header`` inside ``div.bbp-reply-content``); the
    author column is the block's child (the default), else deeper in the block (BuddyBoss), else in
    the header (Eino, Mina Olen); the author's name (``name``, ``bbp_get_reply_author_link()``'s
    ``bbp-author-name``) is the column's, else the block's outside the words (BuddyBoss prints the
    avatar and the name apart), else the header's (Oenology), else the one at the head of the
    words outside quotes and revision logs (SmartMag's "meta" line, ``meta``); the date is the
    header's date ``span``, else an element of the block classed as a date, else the one element
    outside the words (or in the meta line) whose whole text is a printed date with its year and
    time of day (BuddyBoss's ``span.bs-timestamp``, SmartMag's ``span.post-date``)."""

    def __init__(self, post_id: str, block, content) -> None:
        self.post_id = post_id
        self.block = block
        self.content = content
        self.lead_apart = any(has_class(a.get("class") or "", "bbp-lead-topic") for a in block.iterancestors("ul"))
        self.header = None  # (read by _own while the header is looked for inside the block)
        self.header = _header(block, post_id)
        if self.header is None:
            self.header = _inner_header(block, post_id, self)
        self.author = next((node for node in block if classed(node, _AUTHOR_CLASSES)), None)
        if self.author is None:
            self.author = _first(block, _AUTHOR_CLASSES, content, self)
        header_apart = self.header is not None and not inside(self.header, block)
        if self.author is not None and _after(self.author, content):
            # Every bbPress template prints the author before the words (in the block, or in the
            # header before it: Eino): an author column in the block after the words is a later
            # post's, whose header or block lost its start tag (fuzz seed 164, stray_characters:
            # the guest's post took the next post's member).
            self.author = None
        if self.author is None and header_apart:
            self.author = _first(self.header, _AUTHOR_CLASSES, None, self)
        self.name, self.meta = _name(self, post_id)
        self.date = _first(self.header, DATE_CLASSES, None, self) if self.header is not None else None
        if self.date is None:
            self.date = _first(block, DATE_CLASSES, None, self)
        if self.date is None:
            self.date = _printed_date(block, content, self)
        if self.date is None and self.meta is not None:
            self.date = _printed_date(self.meta, None, self)
        self.furniture = [node for node in (self.header, self.meta, self.date)
                          if node is not None and node is not content and inside(node, content)]
        classes = block.get("class") or ""
        self.classes = classes.split()


def find_posts(forums) -> list[PostParts]:
    """Every post block inside ``#bbpress-forums`` in page order, each once. Two blocks that give
    one id are both kept: whether they are one post printed twice or a torn page's mix-up is
    :mod:`parsers.shared_post_ids`'s to tell (passing over the second lost it, silently)."""
    posts, seen = [], set()
    for node in forums.iter("div", "td"):  # td: the themes that print posts as table rows (Lucia)
        if not classed(node, _CONTENT_CLASSES) or _in_title_row(node):
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
    the wrapper it prints around every post; and the post's permalink, ``bbp_reply_url()`` printed
    "#N" (a theme that prints no header id and restyles one post, its classes all renamed, leaves
    only that: the post was dropped with no error). A link so printed inside a quote is a copy of
    another post's, not a trace of one here."""
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
        if node.tag == "a":
            number = permalink_number(node)
            if number is not None and next(node.iterancestors("blockquote"), None) is None:
                traces.append(f"post-{number}")
    return traces


def permalink_number(link) -> str | None:
    """N for a link printed as bbPress prints a post's permalink: "#N" to an address ending "#post-N"."""
    text = (link.text or "").strip()
    if len(link) or not text.startswith("#") or not text[1:].isdigit() or not text[1:].isascii():
        return None
    return text[1:] if (link.get("href") or "").endswith(f"#post-{text[1:]}") else None


def classed(node, names) -> bool:
    """Does ``node`` carry one of the class tokens ``names``?"""
    classes = node.get("class") or ""
    return any(has_class(classes, name) for name in names)


def _in_title_row(node) -> bool:
    return any(classed(a, _TITLE_ROWS) for a in node.iterancestors("li"))


def _header(block, post_id: str):
    """The header element just before the post's block: ``div#post-N.bbp-reply-header`` (a reply,
    whose id must be this post's) or ``div.bbp-topic-header`` (the lead shown apart). A block
    printed twice (a cache's or a lazy loader's copy) stands after its first print: the header
    before that is both's."""
    previous = block.getprevious()
    while previous is not None and (not isinstance(previous.tag, str)
                                    or (not classed(previous, _HEADER_CLASSES) and _names(previous) == post_id)):
        previous = previous.getprevious()
    if previous is None or not classed(previous, _HEADER_CLASSES):
        return None
    number = POST_ID.match(previous.get("id") or "")
    if number is not None and number.group(1) != post_id:
        return None  # another post's header: this post's own was lost
    if number is None and has_class(previous.get("class") or "", "bbp-reply-header") and not _named_by_id(block):
        return None
    if number is None and any(_names(node) not in (None, post_id) for node in previous.iter() if isinstance(node.tag, str)):
        return None  # it holds another post's block: a torn page's header left open over it, not this post's
    # (a header without an id is this post's where the theme moved the id to the block itself:
    # Oenology, Eino, Mina Olen, Lucia's table rows; the default's header keeps the id)
    return previous


def _names(node) -> str | None:
    """The post an element names by its id or its "post-N" class, if any."""
    found = POST_ID.match(node.get("id") or "") or POST_CLASS.search(node.get("class") or "")
    return found.group(1) if found else None


def _named_by_id(block) -> bool:
    return bool(_BLOCK_ID.match(block.get("id") or ""))


def _inner_header(block, post_id: str, parts: PostParts):
    """A header the theme printed inside the post's block (its id, if any, this post's). One
    without an id just before another post's block is that post's (a torn page nested it here)."""
    found = _first(block, _HEADER_CLASSES, None, parts)
    if found is None or _after(found, parts.content):
        return None  # (a header after the words is a later post's: every template prints it before)
    if any(_names(node) not in (None, post_id) for node in found.iter() if isinstance(node.tag, str)):
        return None  # it holds another post: a torn page's, not this post's header
    if found.get("id"):
        return found
    following = found.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    named = _names(following) if following is not None else None
    return None if named is not None and named != post_id else found


def _after(node, content) -> bool:
    """Does ``node`` stand after ``content`` (outside it) in the page?"""
    return content is not None and not inside(node, content) and document_position(node) > document_position(content)


def _first(node, names, skip, parts: PostParts):
    """The first element below ``node`` classed one of ``names``, outside ``skip``, and this post's
    (see :func:`_own`)."""
    for child in node.iter():
        if (isinstance(child.tag, str) and child is not node and classed(child, names) and not inside(child, skip)
                and _own(child, node, parts)):
            return child
    return None


def _own(node, top, parts: PostParts) -> bool:
    """No element from ``node`` up to ``top`` names another post ("post-M" as its id or class), is
    a header other than the post's own, or holds another post's words: a block whose closing tag
    was lost holds the next post, whose name and date are not this one's, even where its header
    has no id (Eino) or its block's class was torn (fuzz: stray characters)."""
    for element in (node, *node.iterancestors()):
        if element is top:
            return True
        named = _names(element)
        if named is not None and named != parts.post_id:
            return False
        if element is not node and element is not parts.header and classed(element, _HEADER_CLASSES):
            return False
        if element.getparent() is top and element is not parts.content and any(
                other is not parts.content and classed(other, _CONTENT_CLASSES)
                for other in element.iter("div", "td")):
            return False
    return True


def _name(parts: PostParts, post_id: str):
    """(the post's ``bbp-author-name`` element, the theme's meta line inside the words holding it
    or None); (None, None) where none is found for sure: a 2.5 guest's bare name is then read from
    the column (:mod:`parsers.bbpress.posts`)."""
    if parts.author is not None:
        found = _first(parts.author, NAME_CLASSES, None, parts)
        # (a column whose link was left open holds the words too, and a revision log's or a quote's
        # name is then the column's first: another member's, never the poster's)
        if found is not None and not _quoted_or_logged(found, parts.author):
            return found, None
    # the block's, before the words (after them stand a torn page's next post's remnants), or the
    # header's; never a revision log's or a quote's (their names are others')
    for place in (parts.block, parts.header):
        if place is None:
            continue
        for node in place.iter():
            if node is parts.content:
                break
            if (isinstance(node.tag, str) and node is not place and classed(node, NAME_CLASSES)
                    and not inside(node, parts.content) and _own(node, place, parts)
                    and not _quoted_or_logged(node, place)):
                return node, None
    # a theme that prints the name in a line at the head of the words (SmartMag's div.reply-meta):
    # the one name in the words outside quotes and revision logs (whose names are others'), in a
    # short child of the words (the line, taken out of the words)
    names = [node for node in parts.content.iter() if isinstance(node.tag, str) and classed(node, NAME_CLASSES)
             and _own(node, parts.block, parts) and not _quoted_or_logged(node, parts.content)]
    if len(names) != 1:
        return None, None
    line = names[0]
    while line.getparent() is not parts.content:
        line = line.getparent()
    if line is not names[0] and (len(words(line.itertext())) > 200 or next(line.iter("blockquote"), None) is not None):
        return None, None  # a name in a long part of the words is no meta line's: not taken
    return names[0], (line if line is not names[0] else None)


def _quoted_or_logged(node, top) -> bool:
    """``node`` stands in a quote or a revision log below ``top``."""
    for ancestor in node.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag == "blockquote" or is_revision_log(ancestor):
            return True
    return False


def is_revision_log(node) -> bool:
    """A revision log: classed one of :data:`REVISION_LOGS`, or an item of one, or a list of such
    items (its own class restyled or torn: its names are still the editors', never the poster's)."""
    if classed(node, REVISION_LOGS) or classed(node, REVISION_LOG_ITEMS):
        return True
    return node.tag == "ul" and any(classed(item, REVISION_LOG_ITEMS) for item in node.iterchildren("li"))


def _printed_date(block, content, parts: PostParts):
    """The one element of the block, outside the post's words, that holds nothing but a date with
    its year and time of day (``bbp_reply_post_date()``'s output in a theme's own element); None
    where there is none or more than one (which would be a guess)."""
    found = []
    for node in block.iter():
        if not isinstance(node.tag, str) or node is block or inside(node, content) or node is content:
            continue
        if any(isinstance(child.tag, str) for child in node):
            continue
        text = " ".join((node.text or "").split())
        if len(text) <= 60 and _YEAR.search(text) and TIME_OF_DAY.search(text) and _own(node, block, parts):
            found.append(node)
    return found[0] if len(found) == 1 else None
