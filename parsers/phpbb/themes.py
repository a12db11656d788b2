"""Posts of phpBB 3 styles that do not print prosilver's ``div.post#pN``, and their authors and dates.

Why: a style may rename or drop every class prosilver uses (``div.vtouter#pN`` in "Absolution",
``<div class="post"><a id="pN"></a>`` in others, subsilver2's tables with ``<a name="pN"></a>``),
but what phpBB itself needs stays: the post's anchor ``pN`` (every "#pN" link and quote source
leads to it), the ``viewtopic.php?p=N#pN`` permalink, the ``memberlist.php?mode=viewprofile&u=N``
profile links and the message in a ``.content``/``.postbody`` box. This module finds each post's
block from its anchor (:func:`themed_blocks`) and reads what prosilver's classes no longer mark
(:func:`themed_author`, :func:`themed_date`, :func:`themed_permalink`, :func:`themed_notices`).

A post's block is the smallest element around its anchor that holds a message box and no other
post's anchor (subsilver2: the table of the post); an anchor standing before its post's box (a
sibling) takes the box that follows it; a post that is rows of a table holding every post takes
its rows up to the next post's ("acidtech": its time is in the row after its message). Nothing here guesses: a block without a message is
reported, an author only comes from name markup (a profile link's words, a ``username`` or
``postauthor`` element), never from the words of a profile column ("Posts:", a rank, a group).

Speed: prosilver pages never come here (their ``div.post#pN`` is found in the page pass); the
walks here run only for other styles.
"""

from __future__ import annotations

import re
from datetime import timedelta

from ..clock import ForumClock
from ..dates import TIME_WORDS, parse_iso
from ..markup import inside
from ..markup import xpath as _X
from ..post_blocks import plausible_name
from .common import POST_ID, text_of


# Elements named after a post: an id ``pN`` on any element, or a named anchor ``<a name="pN">``.
_MARKERS = _X("//*[starts-with(@id, 'p')] | //a[starts-with(@name, 'p')]")
# Where a style has no ``pN`` anchor at all: the ids phpBB's own JavaScript and templates give
# the message box (``post_contentN``), or that styles give the post (``postN``, ``postdivN``).
_OTHER_MARKERS = _X("//*[starts-with(@id, 'post')]")
_OTHER_ID = re.compile(r"^(?:post_content|postdiv|post)(\d+)$")
# The message box: prosilver's ``.content``, subsilver2's ``.postbody``, and their renamings.
_BODY_CLASSES = frozenset({
    "content", "postbody", "post-body", "post_body", "postcontent", "post-content", "post_content",
    "posttext", "post-text", "post_text", "message-content", "entry-content"})
_BODY_ID = re.compile(r"^(?:postdiv|message_?)\d+$")
_PROFILE_LINK = re.compile(r"mode=viewprofile|memberlist\.php\?(?:[^#]*[&;])?u=\d")
# "profile-author": CA Black's (3.0) p.profile-author > a.profile-link, the plain name, whose href is
# "javascript:void(0);" for a guest (a link to nowhere, not the name of a linked member).
_NAME_CLASSES = frozenset({"postauthor", "post-author", "author-name", "poster-name", "postername", "profile-author"})
# A text that may be a printed date: a year, a day and month in digits, or a time of day.
_DATE_LIKE = re.compile(r"\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2}|\d{1,2}[:h.]\d{2}", re.I)
# What a printed post time holds besides its day: every phpBB date format but "|d M Y|" prints the
# time of day; "5 minutes ago" is the exception. A year alone ("Joined: 2012", "Posts: 1234") is not one.
_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}\s?[:h.]\s?\d{2}(?!\d)|\bago\b", re.I)
_EARLIEST_YEAR = 2000  # phpBB 3 dates from 2007, phpBB 1 from 2000
_NOT_NAMES = frozenset({"contact", "dropdown", "rank", "signature"})
_NOT_NAME_TAGS = frozenset({"blockquote", "dd"})
# Where a printed date is the member's (joined, last visit), not the post's, or a name may hold digits.
_NOT_DATES = frozenset({"profile", "userinfo", "user-info", "user_info", "userdetails", "user-details",
                        "signature", "username", "postauthor"})
_DATE_PROPS = frozenset({"datePublished", "dateCreated", "uploadDate"})


def is_body(node) -> bool:
    """A message box: a ``div`` with one of :data:`_BODY_CLASSES`, or a ``postdivN`` id."""
    classes = node.get("class")
    if classes and not _BODY_CLASSES.isdisjoint(classes.split()):
        return True
    node_id = node.get("id")
    return bool(node_id and _BODY_ID.match(node_id))


def themed_blocks(root, anchors_only: bool = False) -> tuple[list, list[str], list[str]]:
    """(blocks, post ids, errors) of a page whose posts are not ``div.post#pN``, in page order.

    Each post's first anchor in page order stands for it. An anchor whose block cannot be told
    (no message box around it without another post's anchor too) is reported, not guessed.
    ``anchors_only``: leave out the ``postN``-style ids (detection: other engines use them too).
    """
    markers: dict[str, object] = {}
    for node in _MARKERS(root):
        value = node.get("id") or ""
        match = POST_ID.match(value) or (POST_ID.match(node.get("name") or "") if node.tag == "a" else None)
        if match and node.tag.__class__ is str:
            markers.setdefault(match.group(1), node)
    if not markers and not anchors_only:
        for node in _OTHER_MARKERS(root):
            match = _OTHER_ID.match(node.get("id") or "")
            if match:
                markers.setdefault(match.group(1), node)
    if not markers:
        return [], [], []
    around_body: set = set()
    for div in root.iter("div"):
        if is_body(div):
            for ancestor in div.iterancestors():
                if ancestor in around_body:
                    break
                around_body.add(ancestor)
    holders: dict = {}
    for post_id, node in markers.items():
        for ancestor in node.iterancestors():
            holders.setdefault(ancestor, set()).add(post_id)
    blocks, ids, errors, taken = [], [], [], set()
    for post_id, node in markers.items():
        block = _block(node, post_id, around_body, holders)
        if block is not None and block.tag == "tr" and not anchors_only:
            block = _with_its_rows(block, holders, around_body)
        if block is None or block in taken:
            errors.append(f"post {post_id}: its anchor has no message box of its own; post skipped")
            continue
        taken.add(block)
        blocks.append(block)
        ids.append(post_id)
    return blocks, ids, errors


def _block(marker, post_id: str, around_body: set, holders: dict):
    """The post's block: the marker itself when it holds a message box (a broken page may have
    put the next post inside it: :func:`parsers.post_blocks.separate_nested` moves it out), else
    the nearest element around it holding a box and no other post's anchor, else the box that
    follows it, before the next post's anchor."""
    if marker in around_body and marker.tag != "a":
        return marker
    last = marker
    for ancestor in marker.iterancestors():
        if holders.get(ancestor, {post_id}) != {post_id}:
            break
        if ancestor in around_body:
            return ancestor
        last = ancestor
    for sibling in last.itersiblings():
        if sibling.tag.__class__ is not str:
            continue
        if sibling in holders or _is_marker(sibling):
            return None
        if sibling in around_body or is_body(sibling):
            return sibling
    return None


def _with_its_rows(row, holders: dict, around_body: set):
    """A post that is a row of a table holding every post ("acidtech", Artodia's subsilver2 styles
    with $CA_SPLIT_POSTS off): the row with its author and message, and the rows after it up to the
    next post's: the post's time and profile button stand in the next row ("td.postbottom"), and its
    block was the first row alone (the time read was the member's "Joined:" date). A row of fewer
    than two cells (a spacer, the table's closing "sort" row) or holding another post's anchor or
    message ends the post. The rows are wrapped in a ``tbody`` so that the post is one element (the
    page's tree, parsed for this page, is changed as :func:`parsers.post_blocks.separate_nested`
    changes it; never in detection)."""
    rows = []
    for sibling in row.itersiblings():
        if sibling.tag != "tr" or sibling in holders or sibling in around_body:
            break
        if sum(1 for cell in sibling if cell.tag in ("td", "th")) < 2:
            break
        rows.append(sibling)
    if not rows:
        return row
    wrapper = row.makeelement("tbody", {})
    row.addprevious(wrapper)
    for part in (row, *rows):
        wrapper.append(part)
    return wrapper


def _is_marker(node) -> bool:
    return bool(POST_ID.match(node.get("id") or "") or (node.tag == "a" and POST_ID.match(node.get("name") or "")))


def themed_body(block):
    """The message box of a block without ``div.content``: the first innermost box (subsilver2's
    first ``div.postbody``; its second one is the signature)."""
    boxes = [div for div in block.iter("div") if is_body(div)]
    for box in boxes:
        if not any(other is not box and inside(other, box) for other in boxes):
            return box
    return None


def _walk(block, skip: set, skip_classes: frozenset = frozenset(), skip_tags: frozenset = frozenset({"blockquote"})):
    """(element, None) on entering each element of ``block`` and (None, text) for each text, in
    page order; elements in ``skip``, with a tag of ``skip_tags``, or with a class token that
    contains one of ``skip_classes`` are not entered (their tails are read)."""
    if block.text:
        yield None, block.text
    stack = [(iter(block), None)]
    while stack:
        for node in stack[-1][0]:
            if node.tag.__class__ is not str:
                if node.tail:
                    yield None, node.tail
                continue
            if node in skip or node.tag in skip_tags or (skip_classes and _has_class_part(node, skip_classes)):
                if node.tail:
                    yield None, node.tail
                continue
            yield node, None
            if node.text:
                yield None, node.text
            stack.append((iter(node), node))
            break
        else:
            owner = stack.pop()[1]
            if owner is not None and owner.tail:
                yield None, owner.tail


def _has_class_part(node, parts: frozenset) -> bool:
    classes = node.get("class")
    return bool(classes) and any(part in token for token in classes.lower().split() for part in parts)


def themed_author(block, skip: set) -> tuple[str | None, str | None]:
    """(name, profile href) from the name markup of a block, outside its message (``skip``):
    a profile link's words, a ``username`` element (guests), a ``postauthor`` element (subsilver2,
    its profile link found elsewhere in the block). (None, None) when there is none."""
    named = None
    # Profile columns' ``dd`` rows (rank, post count, contact links to the profile) never hold the name.
    for node, _text in _walk(block, skip, _NOT_NAMES, _NOT_NAME_TAGS):
        if node is None:
            continue
        tag, classes = node.tag, (node.get("class") or "")
        tokens = classes.split()
        if tag == "a":
            href = node.get("href") or ""
            if _PROFILE_LINK.search(href) or "username" in tokens or "username-coloured" in tokens:
                name = plausible_name(text_of(node))
                if name:
                    return (named or name), href or None
                continue
        if named is None and ("username" in tokens or "username-coloured" in tokens
                              or not _NAME_CLASSES.isdisjoint(tokens)):
            if not _leads_somewhere(node):
                named = plausible_name(text_of(node))
                if named and "username" in classes:
                    return named, None  # a guest: a name without a profile
    if named:
        return named, _profile_href(block, skip)
    return None, None


def names_two_members(block) -> bool:
    """Do the block's name elements (``b.postauthor`` and kin, :data:`_NAME_CLASSES`), outside
    quotes, name two different members? A style prints one poster's name, perhaps twice (a header
    and a profile column), never two: the second is another post's, whose anchor a torn page lost
    with its block's start, so that its header stands in this block (fuzz seed 1228, 200 tags
    deleted from a subsilver2 copy: the later post was given the earlier one's name and words)."""
    names = set()
    for node in block.iter():
        if not isinstance(node.tag, str) or _NAME_CLASSES.isdisjoint((node.get("class") or "").split()):
            continue
        if next(node.iterancestors("blockquote"), None) is None:
            name = plausible_name(text_of(node))
            if name:
                names.add(name)
    return len(names) > 1


def _leads_somewhere(node) -> bool:
    """Does ``node`` hold a link with an address ("javascript:void(0);", CA Black's guest name, has none)?"""
    for link in node.iter("a"):
        href = (link.get("href") or "").strip()
        if href and not href.lower().startswith("javascript:"):
            return True
    return False


def _profile_href(block, skip: set) -> str | None:
    """The first profile link of a block (subsilver2's profile button under the post)."""
    for node, _text in _walk(block, skip):
        if node is not None and node.tag == "a" and _PROFILE_LINK.search(node.get("href") or ""):
            return node.get("href")
    return None


def themed_date(block, skip: set, clock: ForumClock):
    """The post's time from a block's header, outside its message, profile columns and notices:
    ``<time datetime>``, microdata (``itemprop=datePublished``), then the first printed text that
    reads as a date (the post's subject link left out: a subject may hold a date)."""
    printed = []
    for node, text in _walk(block, skip | _name_cells(block), _NOT_DATES):
        if node is not None:
            if node.tag == "time":
                value = parse_iso(node.get("datetime"))
                if value:
                    return value
            elif node.get("itemprop") in _DATE_PROPS:
                value = parse_iso(node.get("content") or node.get("datetime"))
                if value:
                    return value
            continue
        if text and _DATE_LIKE.search(text):
            printed.append(text)
    for text in printed:
        value = _read_printed(text, clock)
        if value is not None:
            return value
    return None


# A day of the month ("27", "07.") before a word that may be a month ("Ago", "Okt.", "févr."): part of
# the date, never of a label, whether or not the month is one the clock knows.
_DAY_NUMBER = re.compile(r"\d{1,2}\.?,?")
_MONTH_WORD = re.compile(r"[^\W\d_]{3,}\.?,?")
# A year followed by the time of day and nothing naming a day: dateparser reads "2026 17:04" as the
# capture day of 2026, so a date whose month it did not know ("27 Ago 2026 17:04" on a page without
# lang="es") must not be read from its year on.
_YEAR_FIRST = re.compile(r"\d{4}\b,?\s*(?:\S{1,3}\s+)?\d{1,2}[:h.]\d{2}")
# A time of day alone, perhaps after its pack's word for "at": what is left of "Gestern, um 10:04" or
# "Gestern, klo 9.40" (a pack's "Yesterday" the clock did not read) once its words are dropped, which
# dateparser reads as that time of the capture day.
_TIME_ONLY = re.compile(rf"(?:(?:{TIME_WORDS})\s+)?\d{{1,2}}[:h.]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?\s?m\.?)?", re.I)


def _read_printed(text: str, clock: ForumClock):
    """A printed date, read whole, else without up to three leading words of a label ("Posted:",
    "Posted on", "#3"): styles print the label and the date in one text."""
    if not _TIME_OF_DAY.search(text):
        return None
    words = text.strip(" \u00a0\u00bb\u00ab,;:|-\u2013").split()
    latest = clock.local_now + timedelta(days=2)
    for skip in range(min(4, len(words))):
        if skip and (_DATE_LIKE.search(words[skip - 1])
                     or (_DAY_NUMBER.fullmatch(words[skip - 1]) and _MONTH_WORD.fullmatch(words[skip]))):
            break  # the words left out would be part of the date ("27" of "27 Ago 2026 17:04")
        if skip and _YEAR_FIRST.match(" ".join(words[skip:])):
            break  # what is left is a year and a time ("2026 17:04"): its day and month were left out
        if skip and _TIME_ONLY.fullmatch(" ".join(words[skip:])):
            break  # only the time is left ("10:04" of "Gestern, um 10:04"): its day was left out
        value = clock.read(" ".join(words[skip:]))
        if value is not None:
            wall = value.replace(tzinfo=None)
            return value if _EARLIEST_YEAR <= value.year and wall <= latest else None
    return None


def subject_links(block, post_id: str) -> set:
    """The post's subject and permalink anchors (their words are the subject, not the date)."""
    found = set()
    for node in block.iter("a", "h2", "h3"):
        href = node.get("href") or ""
        if node.tag != "a" or href.endswith(f"#p{post_id}") or f"p={post_id}" in href:
            found.add(node)
    return found


def themed_permalink(block, post_id: str, skip: set) -> str | None:
    """The href of the post's own link, outside its message: phpBB's ``U_MINI_POST``, which ends
    with the post's anchor in every version and rewriting ("viewtopic.php?p=N#pN",
    "viewtopic.php?f=2&t=7&p=N#pN"). A link that only holds "p=N" is another script's: a Bootstrap
    style's quote button ("posting.php?mode=quote&f=4&p=N") stands before any permalink of the post
    (tests/data/phpbb_styles/bootstrap_panel_author_dd.html), and "p=12" is in post 123's links too."""
    wanted = f"#p{post_id}"
    for node, _text in _walk(block, skip):
        if node is not None and node.tag == "a":
            href = node.get("href") or ""
            if href.endswith(wanted) and not href.startswith("#"):
                return href
    return None


def _name_cells(block) -> set:
    """The table cells of a block holding the poster's name element (:data:`_NAME_CLASSES`): the
    author cell of subsilver2-like tables, where "acidtech" prints "Joined: <date>" under the name
    (``div.postdetails``), before the post's own time: a date printed there is the member's."""
    cells = set()
    for node in block.iter():
        classes = node.get("class") if node.tag.__class__ is str else None
        if classes and not _NAME_CLASSES.isdisjoint(classes.split()):
            cell = next(node.iterancestors("td"), None)
            if cell is not None and inside(cell, block):
                cells.add(cell)
    return cells


def themed_notices(block, content) -> list:
    """Edit notices printed outside ``div.notice``: subsilver2's ``span.gensmall`` after the message
    ("Last edited by X on <date>, edited 1 time in total."), "acidtech"'s ``div.edited >
    p.gensmall``; what they say is read as an edit notice only when it holds a name and a date (see
    ``posts._edit_notice``)."""
    found = []
    after = False
    for node in block.iter("div", "span", "p"):
        if node is content:
            after = True
            continue
        if after and not inside(node, content) and "gensmall" in (node.get("class") or ""):
            found.append(node)
    return found


def convert_subsilver_quotes(body) -> None:
    """subsilver2's quotes (``div.quotetitle`` "X wrote:" + ``div.quotecontent``) rewritten in
    place to prosilver 3.0's shape (``blockquote > div > cite``), so that one reader reads both."""
    pairs = []
    for title in body.iter("div"):
        if "quotetitle" in (title.get("class") or "").split():
            following = title.getnext()
            if following is not None and "quotecontent" in (following.get("class") or "").split():
                pairs.append((title, following))
    for title, content in pairs:
        quote = title.makeelement("blockquote", {})
        title.addprevious(quote)
        quote.tail = content.tail
        content.tail = None
        title.attrib.clear()
        title.tag = "cite"
        tail = title.tail
        title.tail = None
        content.attrib.pop("class", None)
        content.insert(0, title)
        title.tail = (tail or "") + (content.text or "")
        content.text = None
        quote.append(content)
