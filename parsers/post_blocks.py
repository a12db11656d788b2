"""Each post's own block of the page, when the page does not close its posts properly.

Why: engines read a post's author, time and words from inside the element that holds the post
(its block, or container). When a closing tag is lost, the HTML parser puts the next post's block
inside this one's, and "the first author link inside the block" becomes the next post's author:
a post given another post's author, silently. Two repairs, run before any post is read:

- :func:`separate_nested` moves a post block that stands inside another post's block out of it,
  to follow it, so that each block holds one post again (:func:`with_blocks_inside` adds the
  blocks of posts the engine passed over, a post whose message is gone: they hold an author too);
- :func:`shared_blocks` finds the posts whose block is not their own (it is another post's block
  too, or holds another post's marker: engines that find a block by walking up from the post's
  body may land on an element around several posts), and :func:`parts_of_other_posts` those
  whose block holds a part of another post (its profile column, its author line) that lost the
  block around it. Nothing read from such a block can be told to be this post's: the engine reads
  no author from it and records an error (:func:`shared_error`).

:func:`plausible_name` tells a name in a block's name markup from a label or a count that a
style prints there instead ("Posts:", "12").
"""

from __future__ import annotations

import re

from lxml import etree

from .budget import check_budget
from .html_text import drop_node
from .markup import inside, xpath
from .page_index import page_index
from .values import words

_NUMBERED_ID = re.compile(r"^(\D*)(\d+)$")  # (the prefix is every non-digit before the digits: no backtracking)
# What an engine never writes in an id: stray bytes a torn page leaves in one ("msg_9701\ufffd",
# "post\x7fcount5561"), and the quotes of an attribute whose own quote was lost (id=\ufffd"post_5561").
_NOT_PRINTABLE_ASCII = re.compile(r"[^\x21-\x7e]+|[\"']")
# Whether a value holds one: the same characters as one class, which the regex engine scans for
# in C (the alternatives above are tried at each position).
_HAS_NOT_PRINTABLE_ASCII = re.compile(r"[\x00-\x20\x7f-\U0010ffff\"']")
# The ids below a block (not its own), as plain strings: no element object made per id.
_IDS_BELOW = xpath("descendant::*/@id")
_JUNK_NAME = re.compile(r"[:：]\s*$|^\d+$")


def separate_nested(blocks: list) -> int:
    """Move every block of ``blocks`` (in document order) that stands inside another one out of
    the outermost block around it, to follow it; the posts keep their order, and the text after a
    moved block stays where it was. Returns how many blocks were moved (0: the tree is unchanged,
    and what was read from the blocks before still holds)."""
    moved = 0
    chosen = set(blocks)
    for block in reversed(blocks):
        outermost = None
        for ancestor in block.iterancestors():
            if ancestor in chosen:
                outermost = ancestor
        if outermost is None or outermost.getparent() is None:
            # A block that is the page's root (what is left of a page that lost its <html> and
            # <body>) has no "after": the nesting stays, and the engines' shared-block checks say so.
            continue
        drop_node(block)
        block.tail = None
        outermost.addnext(block)
        moved += 1
    return moved


def with_blocks_inside(blocks: list, tags: tuple[str, ...], is_block) -> list:
    """``blocks`` (in document order) and the elements inside them with one of ``tags`` that
    ``is_block`` accepts, in document order, each once: what :func:`separate_nested` is to separate."""
    found: dict = {}
    for block in blocks:
        check_budget()  # blocks nested in a chain make this quadratic in the number of posts
        found.setdefault(block, None)
        for node in block.iter(*tags):
            if node is not block and is_block(node):
                found.setdefault(node, None)
    return list(found)


def shared_blocks(blocks: list, markers: list) -> set[int]:
    """Indexes of the posts whose block is not their own: the same element as another post's
    block, or an element around another post's marker (its body, its subject). ``blocks[i]`` and
    ``markers[i]`` belong to post ``i``."""
    posts_of: dict = {}
    for index, block in enumerate(blocks):
        posts_of.setdefault(block, []).append(index)
    shared = {index for indexes in posts_of.values() if len(indexes) > 1 for index in indexes}
    for index, marker in enumerate(markers):
        for ancestor in marker.iterancestors():
            # Most ancestors are no post's block: asked first, no generator made for them (a
            # marker may stand 30 levels deep in a table layout, on every post of the page).
            others = posts_of.get(ancestor)
            if others is not None:
                shared.update(other for other in others if other != index)
    return shared


def parts_of_other_posts(blocks: list, numbers: list[str], known: frozenset[str] = frozenset()) -> set[int]:
    """Indexes of the posts whose block holds an element named as a part of another post.

    ``numbers[i]`` is post ``i``'s number (the digits of its id). Which ids name a post's parts:
    the ``known`` id prefixes of the engine's own markup ("profile" in phpBB), and those the page
    shows, that at least half the blocks (and two) carry with their own post's number
    ("profile70021" in post 70021's block). In a block, such an id with another number
    ("profile70022") is a part of another post, even of one whose own block lost its markup and
    that the engine does not see.
    """
    ids = [[numbered for value in _IDS_BELOW(block) if (numbered := _numbered_id(value, known))]
           for block in blocks]
    carried: dict[str, int] = {}
    for number, named in zip(numbers, ids):
        for prefix in {prefix for prefix, digits in named if digits == number}:
            carried[prefix] = carried.get(prefix, 0) + 1
    per_post = known | {prefix for prefix, count in carried.items() if count >= max(2, len(blocks) / 2)}
    return {index for index, (number, named) in enumerate(zip(numbers, ids))
            if any(prefix in per_post and digits != number for prefix, digits in named)}


def _numbered_id(value: str, known: frozenset[str]) -> tuple[str, str] | None:
    """``value`` as (prefix, digits), or None. An id of one of the engine's ``known`` parts still
    names its post when characters no engine writes in an id (control characters, U+FFFD, spaces, quotes)
    crept into it, as a torn page leaves them: the part is still another post's."""
    match = _NUMBERED_ID.match(value)
    if known and (match is None or match.group(1) not in known) and _HAS_NOT_PRINTABLE_ASCII.search(value):
        # (a stray character inside the prefix, "post\x7fcount5561", made a prefix of its own)
        cleaned = _NUMBERED_ID.match(_NOT_PRINTABLE_ASCII.sub("", value))
        if cleaned is not None and cleaned.group(1) in known:
            match = cleaned
        elif match is None:
            return None
    return (match.group(1), match.group(2)) if match else None


def link_to_another_post(block, post_id: str, names_post: re.Pattern, outside: list):
    """The first link in ``block`` whose address names another post than ``post_id`` (the first
    group of ``names_post`` that took part in the match: a permalink "#p102", a button
    "p=102&mode=quote") and that stands outside each of ``outside`` (the post's message and
    signatures, where a link to another post is the poster's own), or None.

    Why: a torn page (a lost tag) leaves a post's rows, its author's name among them, in the
    block of the post before it; a link of that post, its permalink or its buttons, is often all
    that shows it, and the block's post would otherwise take the first name there."""
    for link in block.iter("a"):
        match = names_post.search((link.get("href") or "").strip())
        if match is None:
            continue
        number = next((group for group in match.groups() if group), None)
        if number != post_id and not any(part is not None and inside(link, part) for part in outside):
            return link
    return None


def nested_block_error(post_id: str, block: str) -> str:
    """The error of a post whose block holds another post's ``block`` ("a div.post") that lost its id:
    that post is not read on its own, and the words "may be missing" make it a loss
    (:mod:`parsers.losses`)."""
    return f"post {post_id}: its block holds another post's block ({block} without its id): that post may be missing"


SHARED_ERROR_MARK = "its block of the page holds other posts too"


def shared_error(post_id: str) -> str:
    """The error a post whose block is not its own carries (see :func:`shared_blocks`)."""
    return f"post {post_id}: {SHARED_ERROR_MARK} (a closing tag is missing?); its author is not read from it"


def plausible_name(text: str | None) -> str | None:
    """A name as a post block prints it (whitespace collapsed), or None for words that are a label
    ("Posts:") or a number: what a style's name markup holds when the name itself is missing."""
    text = words([text or ""])
    if not text or len(text) > 100 or _JUNK_NAME.search(text):
        return None
    return text


def say_unread_posts(root, post_id: re.Pattern, part: str, read: list, errors: list[str],
                     ids: list[str] | None = None) -> None:
    """Add an error for each post the page's ids name (``post_id``'s first group: "4711" of phpBB's
    "p4711"; ``part``, what every such id holds) that no post read has (``read``: the posts' ids)
    and no error names yet, by number. ``ids``: the page's ids holding ``part`` (:func:`ids_with`),
    where the engine has read them already for another question at this same point of its parse;
    else those of the page as parsed (:func:`parsed_ids_with`).

    Why: every theme keeps a post's id, but a theme may print some posts with another template (a
    first post styled apart, a highlighted answer, a staff member's post): with their classes
    renamed, the parser found the other posts and passed over these without a word. The id, which
    no theme drops, is the trace they left."""
    have = set(read)
    named = {error.split(":", 1)[0] for error in errors}
    # (a number 0 is no post: Forumotion's reply form is "#p0")
    # (an id a stray character crept into, "\ufffd\"post_5561\"", still names its post: fuzz seed 76)
    lost = {match.group(1) for value in (ids if ids is not None else parsed_ids_with(root, part))
            if (match := post_id.match(value) or _cleaned_match(post_id, value)) and match.group(1).strip("0")}
    for number in sorted(lost - have, key=lambda n: (len(n), n)):
        if f"post {number}" not in named:
            errors.append(f"post {number}: its block was not read (the page names it by its id; its markup fits"
                          " no post this parser reads)")


_A_NUMBER = re.compile(r"(\d+)$")


def say_unread_numbered_posts(numbers: list[str], read: list, errors: list[str]) -> None:
    """:func:`say_unread_posts` for posts the page names only by a number outside their blocks (a
    permalink, a number link left in another post's block by a torn page), not by an id."""
    say_unread_posts(None, _A_NUMBER, "", read, errors, numbers)


def _cleaned_match(pattern: re.Pattern, value: str) -> re.Match | None:
    """``pattern``'s match of ``value`` without the characters no engine writes in an id, if it has any."""
    return pattern.match(_NOT_PRINTABLE_ASCII.sub("", value)) if _HAS_NOT_PRINTABLE_ASCII.search(value) else None


_IDS_WITH = etree.XPath("//@id[contains(., $part)]", smart_strings=False)


def ids_with(root, part: str) -> list[str]:
    """Every ``id`` of the page that holds ``part`` (``//@id[contains(., part)]``), as the tree stands
    now, after the edits an engine made to it (vBulletin takes each message out of its block)."""
    return _IDS_WITH(root, part=part)


def parsed_ids_with(root, part: str) -> list[str]:
    """The distinct ``id`` values of the page that hold ``part``, as the page was parsed: from the
    page's index (:func:`parsers.page_index.page_index`), which detection has read already on most
    pages. Why: a walk of the whole tree for each question (0.2 to 0.9 ms on a real page, two on a
    MyBB page) cost more than every post's id read; the index's set is read once a page."""
    return [value for value in page_index(root).ids if part in value]
