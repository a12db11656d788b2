"""One phpBB post read into a :class:`parsers.models.Post`: author, times, edit notice, body."""

from __future__ import annotations

import re
from datetime import datetime
from itertools import chain

from ..clock import ENGLISH_MONTHS, MONTHS, ForumClock
from ..dates import from_unix, parse_iso
from ..edit_notices import notice_not_read
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import top_level_blockquotes
from ..models import Author, Post
from ..post_blocks import SHARED_ERROR_MARK, plausible_name, shared_error
from ..quote_depth import depth_errors
from ..values import author_name_errors
from ..values import words as _words
from .common import clean_url, member_id, text_of
from .parts import PostParts
from .quotes import read_quote
from .references import (body_nodes, outermost_quotes, post_love_reactions, read_references,
                         show_real_post_addresses, thanks_reactions)
from .themes import (
    convert_subsilver_quotes,
    subject_links,
    themed_author,
    themed_date,
    themed_notices,
    themed_permalink,
)


_EDITED_EN = re.compile(
    r"Last edited by\s+(?P<who>.+?)\s+on\s+(?P<when>.+?),\s+edited\s+\d+\s+times?\s+in\s+total", re.S)
# What follows the editor's name: "on <date>, edited N times in total." in any language; some packs
# put the date straight after the name ("Последний раз редактировалось X 12 янв 2010, 15:27, всего
# редактировалось 1 раз."), their first word then the date's own day.
# The count's clause may follow a full-width comma (the Chinese packs' "最後由 X 於 2024年 6月 1日, 07:00
# 編輯，總共編輯了 2 次。", whose default date format "Y年 M j日, H:i" holds a Latin comma): the last comma
# of either kind ends the date, and a clause holding a clock time is the date's, never the count's
# (cut at the date's own comma, the day was read at its midnight, silently).
_EDIT_TAIL = re.compile(r"^\s*(?P<first>\S+)\s+(?P<when>.+)[,\uff0c]\s*(?P<count>[^,\uff0c]*\d+[^,\uff0c]*)$", re.S)
_CLOCK_TIME = re.compile(r"\d{1,2}[:.]\d{2}")
# The Arabic pack ends the date with an Arabic comma and spells the count ("في 15 أيار 2024, 22:15،
# تم التعديل مرتين في المجمل."): the count's clause has no digit and the date may hold a Latin
# comma, so the last Arabic comma is where the date ends (the time was cut off at the Latin one).
_EDIT_TAIL_ARABIC = re.compile(r"^\s*(?P<first>\S+)\s+(?P<when>.+)\u060c[^\u060c]*$", re.S)

_QUOTES = frozenset({"blockquote"})


def foe_post_error(parts: PostParts) -> str:
    """What the page says of a post phpBB 3.0 printed as its foe notice alone (``S_IGNORE_POST``:
    "This post was made by <strong>X</strong> who is currently on your ignore list."): the post is
    the board's, with its words, but this page (fetched by a member ignoring X) holds none of them,
    nor its time. It is no post to keep (no words, no time), yet unlike vBulletin's and XenForo's
    deletion notices the board still has the post: the archive lacks it, so the error is a loss
    (``; not read``, :mod:`parsers.losses`), and a crawl logged in as that member ends with it
    recorded ``incomplete`` rather than "finished". The page still counts it among its posts."""
    strong = parts.foe_notice.find(".//strong")  # POST_BY_FOE: "... made by <strong>%1$s</strong> who ..."
    name = (_words(strong.itertext()) if strong is not None else "") or "a member"
    return (f"post {parts.post_id}: a post by {name}, on the ignore list of the member who fetched the page: the"
            " page shows its notice in its place, without its words or time; not read")


def read_post(parts: PostParts, page_url: str, clock: ForumClock, position: int, errors: list[str]) -> Post | None:
    post_id = parts.post_id
    shared = parts.shared or bool(parts.other_posts)
    author = _author(parts, page_url) if not shared else Author(name=None)
    if parts.other_posts:
        # Its profile column may be theirs (a lost anchor or tag left their header in this block).
        errors.append(f"post {post_id}: {SHARED_ERROR_MARK} (the headers of posts {', '.join(parts.other_posts)});"
                      " its author is not read from it")
    elif parts.shared:
        errors.append(shared_error(post_id))
    errors.extend(author_name_errors(post_id, author.name))
    body = parts.content
    notices = parts.notices or (themed_notices(parts.div, body) if parts.themed and body is not None else [])
    published = _published(parts, clock)
    if published is None and not parts.other_posts:  # the first date of the block may be theirs
        published = themed_date(parts.div, _not_header(parts) | set(notices) | _other_members_lines(parts, author),
                                clock)
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(notices, clock)
    if edited_at is None and edited_by is None:
        errors.extend(_unread_notices(post_id, parts.notices))
    if edited_by is not None and edited_at is None:
        errors.append(f"post {post_id}: the edit notice's time is not read (its editor kept)")
    if parts.themed:
        convert_subsilver_quotes(body)
    nodes = body_nodes(body)  # one walk of the body for the steps below, while none drops a node
    show_real_post_addresses(chain((body,), nodes), page_url)
    if parts.attachbox is not None:
        show_real_post_addresses(parts.attachbox.iter("a", "img", "blockquote"), page_url)
    hidden, dropped = _drop_chrome(body, nodes)
    if hidden:
        errors.append(f"post {post_id}: {HIDDEN_CONTENT}")
    if parts.deletion_notice is not None:
        # Only a moderator sees a soft-deleted post (3.1+), whole: kept as served, and said.
        errors.append(f"post {post_id}: soft-deleted ({_words(parts.deletion_notice.itertext())}); kept as served")
    if dropped:  # the walk's list may hold what went with the dropped nodes: the body as it is now
        found, outside_quotes = top_level_blockquotes(body), None
    else:
        found, inside = outermost_quotes(nodes)
        outside_quotes = [node for node in nodes if node.tag != "blockquote" and node not in inside]
    quotes = [read_quote(bq, clock, page_url) for bq in found]
    errors.extend(depth_errors(post_id, quotes))
    links, images, attachments = read_references(body, parts.attachbox, outside_quotes)
    return Post(
        post_id=post_id,
        url=_permalink(parts, page_url),
        position=position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body, skip=_QUOTES),
        html=sanitise(inner_html(body)),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
        reactions=thanks_reactions(parts.thanks) | (post_love_reactions(parts.div, post_id) if parts.post_love else {}),
    )


def _author(parts: PostParts, page_url: str) -> Author:
    """The poster: ``data-poster-*`` attributes, else the author line, else the profile column, else
    the name markup anywhere in the post's header (see themes.py); never the words around it."""
    details = parts.details
    name = details.get("data-poster-name") if details is not None else None
    user_id = details.get("data-poster-id") if details is not None else None
    user_id = user_id if user_id and user_id != "1" else None  # 1 is phpBB's "Anonymous" user
    profile = None
    for container in (parts.author_line, parts.profile):
        if container is None:
            continue
        found_name, found_url = _name_in(container, _outside_body(parts), parts.div)
        if found_name or found_url:
            name, profile = name or found_name, found_url
            break
    if not name:
        # A style without prosilver's author line and profile column classes (themes.py).
        found_name, found_url = themed_author(parts.div, _outside_body(parts))
        name, profile = found_name, found_url or profile
    profile = clean_url(page_url, profile) if profile else None
    if user_id is None and profile:
        user_id = member_id(profile)
    return Author(name=name or None, id=user_id, url=profile)


def _outside_body(parts: PostParts) -> set:
    """The parts of a post that are not its header: its message, signatures and notices."""
    return {node for node in (parts.content, *parts.signatures, *parts.notices) if node is not None}


def _other_members_lines(parts: PostParts, author: Author) -> set:
    """The boxes around links to profiles other than the poster's (a theme's "In reply to X's post
    of May 29, 2024", "Thanks from: X (Yesterday, 09:12 PM)"; fuzz other_members_near_header): a
    date printed there is that member's, never the post's."""
    boxes = set()
    for link in parts.div.iter("a"):
        other = member_id(link.get("href") or "")
        box = link.getparent()
        if other and other != author.id and box is not None and box is not parts.div:
            boxes.add(box)
    return boxes


def _not_header(parts: PostParts) -> set:
    """What a printed date is not read from: the message, signatures, notices, and the subject
    and permalink anchors (a subject may hold a date)."""
    return _outside_body(parts) | subject_links(parts.div, parts.post_id)


def _name_in(container, outside: set, block) -> tuple[str | None, str | None]:
    """(name, profile href) of the member named in an author line or a profile column's ``dt``
    (both found in the post's ``block``).

    Never from inside the post's body, notices or signatures (``outside``), which a lost end tag
    may put in the column: its quotes link the profiles of the members they quote, an edit notice
    its editor's (seed 69: a torn profile column held the notice "Last edited by X", and the post
    was given X); never from a profile column's ``dd`` rows (its rank, "Posts:", a group), nor
    words that are a label.
    """
    found = _author_line_names(container, outside) if container.tag == "p" else None
    if found is not None:
        candidates, words = found
    else:
        words = {node for part in outside if _inside_within(part, container, block) for node in part.iter()}
        candidates = _profile_column_names(container)
    bare = []  # a name's link or span comes first; these bold words only stand in for a missing one
    for node in candidates:
        if words and node in words:
            continue
        tag, classes = node.tag, node.get("class") or ""
        if tag == "a":
            href = node.get("href")
            # (3.0's author line prints POST_AUTHOR_FULL in a <strong>: its link is the poster's
            # profile whatever an SEO mod made of the address, "membre6344/": forums.maladiesraresinfo.org)
            if href and ("username" in classes or "mode=viewprofile" in href
                         or (container.tag == "p" and node.getparent() is not None and node.getparent().tag == "strong"
                             and not href.startswith("#"))):
                text = plausible_name(text_of(node))
                if text:  # not the avatar's link
                    return text, href
        elif tag == "span":
            if "username" in classes:  # a guest, or a deleted member: a name without a profile
                text = plausible_name(text_of(node))
                if text:
                    return text, None
        else:
            bare.append(node)
    # 3.0 guests: "by <strong>Name</strong> »": the first bold words without a link that are a name.
    for node in bare:
        if next(node.iterdescendants("a"), None) is None:  # find(".//a"), cheaper
            name = plausible_name(text_of(node))
            if name:
                return name, None
    return None, None


def _author_line_names(line, outside: set) -> tuple[list, set] | None:
    """What :func:`_name_in` reads in an author line (``p.author``: "by <strong><a>name</a></strong>
    » date"): its ``a``, ``span`` and ``strong`` elements and the elements of ``outside`` parts it
    holds (a torn post's message, with everything below them), from one lxml iteration over its few
    elements; None where the line holds a ``dd`` or ``dt`` (markup torn into it), to be sorted as in
    a profile column. Asked for every post: the three lxml iterators of a profile column's order,
    and a walk up from each of the post's parts, cost more than the line has elements."""
    nodes, words = [], set()
    for node in line.iterdescendants():
        tag = node.tag
        if tag in ("a", "span", "strong"):
            nodes.append(node)
        elif tag in ("dd", "dt"):
            return None
        if node in outside:
            words.update(node.iter())
    return nodes, words


def _profile_column_names(column):
    """The ``a``, ``span`` and ``strong`` elements of a profile column where :func:`_name_in` looks
    for its poster's name, in that order: those of its ``dt`` children first (prosilver's
    viewtopic_body.html names the poster there: a block a theme prints before it, another member's
    hover card, fuzz other_members_near_header, is no poster's), then every one outside its ``dd``
    rows. Lazily: the name is in the ``dt`` of almost every post, and the rest is never looked at."""
    for dt in column.iterchildren("dt"):
        yield from dt.iterdescendants("a", "span", "strong")
    if next(column.iterdescendants("dd"), None) is None:  # lxml's own iteration: no dd to keep out
        yield from column.iterdescendants("a", "span", "strong")
    else:
        yield from _outside_dd(column)


def _outside_dd(container):
    """The ``a``, ``span`` and ``strong`` elements below ``container`` that no ``dd`` holds, in
    document order: what ``iter_outside(container, ("a", "span", "strong"), skip="dd")`` gives, from
    one lazy lxml iteration. A profile column's name is in its ``dt``, before the ``dd`` rows, so
    the caller's early return usually comes before any ``dd`` is met, where iter_outside would
    have listed every ``dd``'s links first. Each outermost ``dd``'s descendants are set aside
    once: linear however deep they nest."""
    in_dd: set = set()
    for node in container.iterdescendants("a", "span", "strong", "dd"):
        if node.tag == "dd":
            if node not in in_dd:
                in_dd.update(node.iterdescendants("a", "span", "strong", "dd"))
        elif node not in in_dd:
            yield node


def _inside_within(node, ancestor, block) -> bool:
    """``node`` stands below ``ancestor`` (:func:`parsers.markup.inside`), both found in the post's
    ``block``: the walk up stops at the block instead of the page's root (it runs for every post)."""
    parent = node.getparent()  # not iterancestors(): its iterator costs more than the few steps up
    while parent is not None:
        if parent is ancestor:
            return True
        if parent is block:
            return False
        parent = parent.getparent()
    return False


def _published(parts: PostParts, clock: ForumClock) -> datetime | None:
    line = parts.author_line
    if line is not None:
        for node in line.iter("time"):
            value = parse_iso(node.get("datetime"))
            if value:
                return value
    if parts.details is not None:
        value = from_unix(parts.details.get("data-posttime"))
        if value:
            return value
    return clock.read(parts.date_text())


def _edit_notice(notices: list, clock: ForumClock) -> tuple[datetime | None, str | None]:
    """("Last edited by X on <date>, edited N times in total.") -> (time, X); (None, None) if none.

    The editor is the notice's name link (any language); the time is the text after it, less
    its first word ("on") unless that word is the date's day, and less the last clause ("edited N
    times in total"). A notice naming its editor and printing a time whose date is not read gives
    (None, X): the editor is kept and the caller reports the unread time (it was dropped silently).
    """
    unread = None
    for notice in notices:
        words = _words([element_text(notice)])
        if _bump(notice, words):
            continue
        match = _EDITED_EN.search(words)
        if match:
            return clock.read(match.group("when")), match.group("who")
        name = next((node for node in notice.iter("a", "span")
                     if node.tag == "a" or "username" in (node.get("class") or "")), None)
        if name is None:
            continue
        editor = _words(name.itertext()) or None
        tail_text = " ".join((name.tail or "").split())
        tail = (_EDIT_TAIL_ARABIC if "\u060c" in tail_text else _EDIT_TAIL).match(tail_text)
        if tail and "count" in tail.groupdict() and _CLOCK_TIME.search(tail.group("count")):
            tail = None  # that comma was the date's own: its time stood after it
        if tail:
            # A first word with a digit is the date's day, not a preposition ("on", "le", "am"):
            # without it the day was lost, and the month and year read as the capture's day.
            first = tail.group("first")
            when = f"{first} {tail.group('when')}" if any(c.isdigit() for c in first) else tail.group("when")
            edited = clock.read(when) or (clock.read(notice_date(words, editor)) if editor else None)
            return edited, editor
        edited = clock.read(notice_date(words, editor)) if editor else None
        if edited is not None:  # the date before the name, the count alone after it
            return edited, editor
        if editor and _CLOCK_TIME.search(words):
            unread = editor  # a notice naming its editor and printing a time: an edit, its date unread
    return None, unread


def _unread_notices(post_id: str, notices: list) -> list[str]:
    """What to say of ``div.notice`` edit notices of which nothing was read. phpBB 3.0 prints the
    editor bare (no link, no ``span.username``) to a reader who may not view profiles and for a
    name without a colour, so a pack whose words :data:`_EDITED_EN` does not know ("Naposledy
    upravil(a) X dne <date>, …") lost the whole edit, time and editor, with no error. A notice
    holding a clock time is an edit (a bump's "Last bumped by" and ``<br>``-led notice excepted)."""
    said = []
    for notice in notices:
        words = _words([element_text(notice)])
        if not _bump(notice, words) and _CLOCK_TIME.search(words):
            said.append(notice_not_read(post_id, words))
    return said


def _bump(notice, words: str) -> bool:
    """"<br /><br />Last bumped by X on <date>.": a bump's notice, not an edit's."""
    return words.startswith("Last bumped") or (not (notice.text or "").strip() and len(notice) > 0
                                                and notice[0].tag == "br")


# Words that belong to a printed date although they hold no digit: English weekday names (month
# names are the clock's to know, so any word before the day that is not a label is tried with it).
_DATE_WORDS = frozenset(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
# A day then a comma ("07,"): the day of phpBB's default "D M d, Y g:i a", whose month word (a pack's
# abbreviation the reader may not know, "máj.") stands before it; without it "07, 2016 11:02 pm" was
# read as 7 July.
_DAY_THEN_COMMA = re.compile(r"\d{1,2},")


def notice_date(words: str, editor: str) -> str | None:
    """The date among an edit notice's words, wherever its language pack puts it: before the
    editor's name ("Ostatnio zmieniony 17 mar 2018, 09:30 przez X, łącznie zmieniany 1 raz.",
    "En son 17 Mar 2018, 09:30 tarihinde X tarafından olmak üzere toplamda 1 kere düzenlendi.")
    or after it, among other words ("En son X tarafından 17 Mart 2018, 09:30 tarihinde
    düzenlendi, toplamda 1 kere düzenlendi."): the run from the first word with a digit to the
    last one (an a.m./p.m. after it, and a month or weekday name before it, kept), before the
    name if that holds a digit, else after the name less the notice's last clause (the count).

    Why: these packs' notices gave no edit time (Polish, Romanian, Turkish: every edited post), or
    no editor either (Polish, Romanian: the name has only the count after it)."""
    at = words.find(editor)
    if at < 0:
        return None
    before, after = words[:at], words[at + len(editor):]
    cut = max(after.rfind(","), after.rfind("\uff0c"))
    if cut >= 0 and not _CLOCK_TIME.search(after[cut:]):  # the count's clause, never the date's time
        after = after[:cut]
    for part in (before, after):
        tokens = part.replace("[", " ").replace("]", " ").split()
        digits = [i for i, token in enumerate(tokens) if any(c.isdigit() for c in token)]
        if not digits:
            continue
        start, end = digits[0], digits[-1] + 1
        if start > 0 and _DAY_THEN_COMMA.fullmatch(tokens[start]):
            start -= 1  # "máj. 07, 2016": in phpBB's "M d, Y" the word before the day is its month
        while start > 0 and _month_or_weekday(tokens[start - 1]):
            start -= 1
        if end < len(tokens) and tokens[end].lower().strip(".,") in ("am", "pm", "a.m", "p.m"):
            end += 1
        return " ".join(tokens[start:end]).strip(" ,;")
    return None


def _month_or_weekday(token: str) -> bool:
    word = token.lower().strip(".,")
    return word in _DATE_WORDS or word in MONTHS or word in ENGLISH_MONTHS


# A hide BBCode box (ABBC3's [hidden], the Hide BBCode extension's [hide]) as a visitor who may not
# see it gets it: the box's title and the board's notice in place of the poster's words.
HIDDEN_CONTENT = "content the board hides from this visitor (a hide BBCode box) is not read"


def _drop_chrome(body, nodes: list) -> tuple[bool, bool]:
    """Remove what a reader sees in a post body that the poster did not write, in place: code box
    headers ("Code: Select all"), the name/size/download count line of inline attachments, and the
    title of a hide box (``div.hidebox_title``) with, when the visitor may not see its words, the
    board's notice in their place (``div.hidebox_hidden`` inside ``div.hidebox``: "This board
    requires you to be registered and logged-in to view hidden content."). True when such a notice
    stood for hidden words (the post's words are then incomplete).

    subsilver2's own BBCode and attachment templates print these as ``div.codetitle`` ("Code:"),
    ``div.attachtitle`` ("Attachment:") and, in ``div.attachcontent``, ``span.gensmall`` lines
    ("name [ 8.58 KiB | Viewed 318 times ]", "Downloaded 9 times"), a file's type icon and its
    "[size]" after its link; a file comment's "File comment:" label (its words are the poster's).
    Before, all of them stood in the post's words on subsilver2 boards.

    ``nodes``: the body's elements below it (:func:`body_nodes`), read for their ``dl`` and ``div``.
    Returns (hidden words, anything dropped)."""
    doomed = []
    hidden = False
    for node in chain((body,), nodes):
        tag = node.tag
        if tag != "div" and tag != "dl":
            continue
        classes = node.get("class")
        if not classes or ("codebox" not in classes and "file" not in classes and "title" not in classes
                           and "attachcontent" not in classes and "hidebox" not in classes):
            continue  # a substring test before the split: most of a post's boxes are neither
        classes = classes.split()
        if "hidebox_title" in classes or ("hidebox_hidden" in classes and "hidebox" not in classes):
            hidden = hidden or "hidebox_title" not in classes
            doomed.append(node)
        elif "codebox" in classes:
            header = next((child for child in node if child.tag in ("dt", "p")), None)
            if header is not None:
                doomed.append(header)
        elif node.tag == "dl" and "file" in classes:
            doomed.extend(dd for dd in node if dd.tag == "dd" and dd.find(".//em") is None)
        elif node.tag == "div" and ("codetitle" in classes or "attachtitle" in classes):
            doomed.append(node)
        elif node.tag == "div" and "attachcontent" in classes:
            doomed.extend(_subsilver_attachment_chrome(node))
    for node in doomed:
        drop_node(node)
    return hidden, bool(doomed)


def _subsilver_attachment_chrome(box) -> list:
    """The parts of a subsilver2 ``div.attachcontent`` that the board printed: its ``span.gensmall``
    lines but a file comment's words (only its bold label), and a file line's icon; the "[size]"
    after the file's link is cut from the link's tail here."""
    doomed = []
    for span in box.iter("span"):
        classes = (span.get("class") or "").split()
        if "gensmall" in classes:
            labels = [b for b in span if b.tag == "b"]
            doomed.extend(labels if labels else [span])
        elif "genmed" in classes:
            doomed.extend(span.iter("img"))
            for anchor in span.iter("a"):
                anchor.tail = None
    return doomed


def _permalink(parts: PostParts, page_url: str) -> str:
    wanted, fragment = f"p={parts.post_id}", f"#p{parts.post_id}"
    line = parts.author_line
    if line is not None:
        for anchor in line.iter("a"):
            href = anchor.get("href") or ""
            if wanted in href or href.endswith(fragment):
                if href.startswith("#"):
                    break
                return clean_url(page_url, href)
    elif parts.themed:
        href = themed_permalink(parts.div, parts.post_id, _outside_body(parts))
        if href:
            return clean_url(page_url, href)
    return clean_url(page_url, f"./viewtopic.php?p={parts.post_id}#p{parts.post_id}")
