"""One MyBB post read into a :class:`parsers.models.Post`: author, number, times, edit notice, body."""

from __future__ import annotations

import re
from datetime import datetime

from ..clock import ForumClock
from ..edit_notices import notice_not_read
from ..html_text import drop_node, element_text, inner_html, iter_outside, sanitise
from ..markup import inside, top_level_blockquotes
from ..models import Author, Post
from ..post_blocks import shared_error
from ..quote_depth import depth_errors
from ..reply_labels import follows_a_reply_label
from ..urls import urljoin
from ..values import words as _words
from .common import FIND_USER, PROFILE_LINK
from .parts import PostParts, is_status_image, printed, span_titles_text
from .quotes import read_quote
from .references import read_references, show_real_post_addresses


_USER_ID = re.compile(r"(?:[?&;]uid=|user-)(\d+)")
# "#12", and "#1,234" in a long thread: my_number_format() groups thousands with the board's separator.
_POST_NUMBER = re.compile(r"^#\s*(\d{1,3}(?:[,.\s\u00a0'\u2019]\d{3})+|\d+)$")

# A link to one post without the "#pidN" anchor (get_post_link in each URL scheme): not editpost.php?pid=N.
_POST_LINK = r"(?:showthread\.php\?[^#]*\bpid=|thread-\d+-post-|(?:^|/)post-|Thread-[^?#]*\?[^#]*\bpid=)"

_QUOTES = frozenset({"blockquote"})
# A printed date up to its last time of day and the day half after it ("06-01-2024 , 08:00 AM").
_DATE_END = re.compile(r".*(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[AaPp]\.?\s?[Mm]\b\.?|\u0635|\u0645(?!\w)|πμ|μμ))?",
                       re.S)


def read_post(parts: PostParts, page_url: str, clock: ForumClock, index: int, errors: list[str]) -> Post | None:
    post_id = parts.post_id
    author = _author(parts, page_url) if not parts.shared else Author(name=None)
    if parts.shared:
        errors.append(shared_error(post_id))
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = clock.read(parts.date_text())
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(parts.edit, clock)
    if edited_by is not None and edited_at is None:
        errors.append(f"post {post_id}: the edit notice's time is not read (its editor kept)")
    elif edited_by is None and (unread := _unread_notice(parts.edit)):
        errors.append(notice_not_read(post_id, unread))
    show_real_post_addresses(body, page_url)
    for box in parts.attachment_boxes:
        show_real_post_addresses(box, page_url)
    _drop_chrome(body)
    quotes = [read_quote(bq, clock) for bq in top_level_blockquotes(body)]
    errors.extend(depth_errors(post_id, quotes))
    links, images, attachments = read_references(body, parts.attachment_boxes)
    number, permalink = _number_and_permalink(parts, page_url)
    return Post(
        post_id=post_id,
        url=permalink,
        position=number or index,
        position_on_page=index,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body, skip=_QUOTES),
        html=sanitise(inner_html(body)),
        reactions=_likes(parts),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


# MyBB itself has no likes; the "Thank You/Like" plugin (mybbgroup/MyBB_Thank-you-like-plugin) is
# how boards add them. Its name for them is the plugin's own: a board sets it to say "Like" or
# "Thank You", in its language, and the words around the count are the language pack's.
LIKES = "Thank You/Like"


def _likes(parts: PostParts) -> dict[str, int]:
    """The plugin's likers of the post: one member link each in ``span#tyl_data_N`` (its
    thankyoulike_users template: ``<a href="{profile_link}" class="smalltext">name</a>``, or an
    avatar in the link), printed after the post's message even when the list is collapsed or the
    board shows avatars instead of names. The count printed in the heading is not read: its words
    are the pack's, and the liked member's name stands among them."""
    if parts.likers is None:
        return _simple_likes(parts.like_bar)
    count = sum(1 for anchor in parts.likers.iter("a") if anchor.get("href"))
    return {LIKES: count} if count else {}


# The "Simple Likes" plugin (MyBBStuff/SimpleLikes), another way boards add likes, named after it.
SIMPLE_LIKES = "Simple Likes"
_NUMBER = re.compile(r"\d+")


def _simple_likes(bar) -> dict[str, int]:
    """The plugin's like bar (templates/likebar.html, ``div.likebar#post_likes_N``, printed after
    the post's message; LikeManager::formatLikes): the viewer's "You" first when the viewer liked
    the post (words before the first link), then up to the board's number of likers, each a
    member link, then "and <a href="#pidN">4 others</a>" (a count, not a liker), then the pack's
    "like this post". Before, these likes were lost."""
    if bar is None:
        return {}
    count = 1 if (bar.text or "").strip() else 0
    for anchor in bar.iter("a"):
        href = anchor.get("href") or ""
        if href.startswith("#"):
            count += sum(int(number) for number in _NUMBER.findall(element_text(anchor)))
        elif href:
            count += 1
    return {SIMPLE_LIKES: count} if count else {}


def _author(parts: PostParts, page_url: str) -> Author:
    """The poster: the name MyBB's postbit wraps in ``span.largetext`` in the author box (the
    whole post where a theme has none, never its message: quotes name others), else the profile
    link with words in the author box (the one to the avatar's profile, or the box's only one), or,
    in a post without an author box, in the post outside its message, signature and
    edit notice (the editor's link): themes print ``{$post['profilelink']}`` in boxes of their own
    (the Premium Multicolors postbit: ``<center><div style="...">{$post['profilelink']}</div>``).
    A guest's name is a bare word that only ``span.largetext`` tells from the rest: without that
    span it stays unread (and the post gets an error), never guessed."""
    box = parts.author_box if parts.author_box is not None else parts.node
    words = set(parts.body.iter()) if parts.body is not None and inside(parts.body, box) else ()
    later = _after_message(parts)
    for span in box.iter("span"):
        if "largetext" not in (span.get("class") or "").split() or (words and span in words) or span in later:
            continue
        anchor = span.find(".//a")
        name = _words(span.itertext()) or None
        if anchor is None or not anchor.get("href"):
            return Author(name=name)  # a guest: the name without a profile link
        url = urljoin(page_url, anchor.get("href"))
        match = _USER_ID.search(url)
        return Author(name=name, id=match.group(1) if match else _find_user(parts), url=url)
    not_the_poster = {parts.body, parts.edit, *parts.signatures} - {None}
    # Where the post has an author box, the poster is named in it: a link elsewhere in the post (a
    # theme's "In reply to" or "Liked by" line) names another member. In the box, the worded link
    # to the profile the avatar links to; without an avatar, the first, unless the box links other
    # profiles too (a theme's hover card of another member), or the post shows none of the marks
    # of a member's post (:func:`_member_marks`; a guest's box holding another member's hover card
    # is one link and no avatar too): then none is taken. A post whose box lost its class (a torn
    # page; the page's other posts have theirs) is held to the same rule. A post without an author
    # box, a date or a head (a torn post) shows no place for its poster: no lone link is taken.
    scope = parts.author_box if parts.author_box is not None else parts.node
    # (never the member a reply line answers: a head whose end tag was lost holds the reply line)
    links = [anchor for anchor in _links_outside(scope, not_the_poster)
             if anchor not in later and PROFILE_LINK.search((anchor.get("href") or "").split("#", 1)[0])
             and not follows_a_reply_label(anchor)]
    worded = [anchor for anchor in links if _words(anchor.itertext())]
    avatar = {anchor.get("href") for anchor in links
              if not _words(anchor.itertext()) and anchor.find(".//img") is not None}
    chosen = [anchor for anchor in worded if anchor.get("href") in avatar] or (
        worded if (parts.author_box is None and not parts.box_lost and not parts.status_shown
                   and (parts.body is None or _date_line(parts) is not None)) or (
            len({anchor.get("href") for anchor in worded}) == 1 and _member_marks(parts, worded[0])) else [])
    if chosen:
        anchor = chosen[0]
        url = urljoin(page_url, anchor.get("href"))
        match = _USER_ID.search(url)
        return Author(name=_words(anchor.itertext()), id=match.group(1) if match else _find_user(parts), url=url)
    return Author(name=None)


def _after_message(parts: PostParts) -> set:
    """In a post without an author box, the elements after its message (outside it), and those
    after its date line: every MyBB postbit (1.6 and 1.8, classic and horizontal) prints the poster
    before the message, and before its date line or in it ("Posted DATE by NAME"), so a name after
    the message is not the poster's but a later post's whose block lost its start tag, and one
    between the date line and the message is a theme's line about other members ("In reply to
    NAME's post", "Liked by NAME").

    Why: a guest post whose name box lost its tags, with the next post's ``<div id="post_N">`` and
    author box deleted, held that post's name link after its own message: the guest post took the
    next poster's name, silently (fuzz seed 132, ``delete_tags``). In a theme with neither author
    boxes nor online status, a guest's post took the member of a reply line before its words
    (seeds 144 and 145, ``other_members_near_header``)."""
    if parts.author_box is not None or parts.body is None:
        return set()
    line = _date_line(parts)
    words = set(parts.body.iter())
    kept = _line_words(line, parts.date) if line is not None else set()
    later, seen = set(), False
    for node in parts.node.iter():
        if node is parts.body:
            if not seen:
                kept = set()  # a date line after the message is no place for the poster either
            seen = True
        elif node is line and not seen:
            seen = True
        elif seen and node not in words and node not in kept:
            later.add(node)
    return later


# Elements that start a line of their own: in a date line, one after the date is another line
# (a torn page's "In reply to" box that the head swallowed when it lost its end tag).
_LINE_TAGS = frozenset("div p table ul ol li dl blockquote section article header footer".split())


def _line_words(line, date) -> set:
    """The elements of the date's line up to the first element after the date that starts a line
    of its own: a poster named in the line ("Posted DATE by NAME") stands before it. Without a
    date (its class lost), the post head's elements up to the first such element in it."""
    around = set(date.iterancestors()) if date is not None else {line}
    kept, passed = set(), date is None
    for node in line.iter():
        if node is date:
            passed = True
        elif passed and node.tag in _LINE_TAGS and node not in around and not inside(node, date):
            break
        kept.add(node)
    return kept


def _date_line(parts: PostParts):
    """The line that holds the post's date: the post head, or the date's own parent (where a theme
    prints "Posted DATE by NAME" around it), or the date itself standing in the post's block; the
    post head where no date is found (a torn page lost its class)."""
    date = parts.date
    if date is None:
        return parts.head
    if parts.head is not None and inside(date, parts.head):
        return parts.head
    parent = date.getparent()
    return date if parent is None or parent is parts.node else parent


def _member_marks(parts: PostParts, anchor) -> bool:
    """Whether the post shows what build_postbit (inc/functions_post.php) prints only for a
    registered poster, and so whether ``anchor`` may be the poster's own link in an author box
    without an avatar: the online status (postbit_online, postbit_offline, postbit_away: an
    ``img.buddy_status``) or the "Find" button (postbit_find), the latter for the member the link
    names where both carry an id. A guest's post gets neither (``onlinestatus`` and
    ``button_find`` are emptied), and its author box (postbit_author_guest) links no profile: a
    member link in it is a theme's (a hover card of another member), never the poster. A post
    whose author box lost its class counts only a status before its message, where the box
    stands: one after it is a torn later post's, left behind when that post was moved out. So
    does a post on a page with no author box anywhere whose theme shows a member's status
    (``PostParts.status_shown``); a status image counts by its class or its default file name."""
    excluded = {parts.body, *parts.signatures} - {None}
    finder = _find_user(parts)
    if finder is not None:
        named = _USER_ID.search(anchor.get("href") or "")
        return named is None or named.group(1) == finder
    order = {node: index for index, node in enumerate(parts.node.iter())} \
        if (parts.box_lost or parts.status_shown) and parts.body is not None else {}
    return any(is_status_image(image)
               for image in iter_outside(parts.node, ("img",), "blockquote")
               if not any(inside(image, node) for node in excluded)
               and (not order or order[image] < order[parts.body]))


def _links_outside(element, excluded: set):
    """The links below ``element``, in document order, outside the ``excluded`` elements and quotes."""
    for anchor in iter_outside(element, ("a",), "blockquote"):
        if anchor not in excluded and not any(inside(anchor, node) for node in excluded):
            yield anchor


def _find_user(parts: PostParts) -> str | None:
    """The poster's id from the post's own "Find" button, where the profile URL carries none."""
    for anchor in _links_outside(parts.node, {parts.body, *parts.signatures} - {None}):
        match = FIND_USER.search(anchor.get("href") or "")
        if match:
            return match.group(1)
    return None


def _number_and_permalink(parts: PostParts, page_url: str) -> tuple[int | None, str]:
    """The post's number in the thread ("#4", "#1,234") and its own link, from the post head (else
    the post outside its quotes): the link to "#pid4411" that postbit_posturl prints in every URL
    scheme ("showthread.php?tid=1&pid=4411#pid4411", "thread-1-post-4411.html#pid4411", Google
    SEO's "Thread-slug?pid=4411#pid4411"), else a link to the post without the anchor."""
    post_id = parts.post_id
    scope = parts.head if parts.head is not None else parts.node
    anchors = [a for a in _links_outside(scope, set()) if a.get("href")]
    for own in (re.compile(rf"#pid{post_id}(?!\d)"), re.compile(rf"{_POST_LINK}{post_id}(?!\d)")):
        for anchor in anchors:
            if own.search(anchor.get("href")):
                match = _POST_NUMBER.match(_words(anchor.itertext()))
                number = int(re.sub(r"\D", "", match.group(1))) if match else None
                return number, urljoin(page_url, anchor.get("href"))
    return None, urljoin(page_url, f"showthread.php?pid={post_id}#pid{post_id}")


def _edit_notice(edit, clock: ForumClock) -> tuple[datetime | None, str | None]:
    """"(This post was last modified: <date> by <a>X</a>. Edited N times in total.)" -> (time, X).

    Any language: the editor is the link; the date follows the first colon and ends at its time of
    day (with a day half after it), else less the last word ("by"). Why: a pack with no word before
    the name ("düzenlendi: {1} {2}") or one glued to the time ("08:00，修改者") lost the time with
    that last word, and the edit was read at the day's midnight, silently.
    """
    if edit is None:
        return None, None
    anchor = edit.find(".//a")
    if anchor is None:
        return None, None
    before = []
    for node in anchor.itersiblings(preceding=True):
        before.append(node.tail or "")
        if node.tag == "span" and node.get("title"):  # '<span title="06-01-2024, 11:55 AM">5 minutes ago</span>'
            before.append(node.get("title"))
        else:
            before.append(span_titles_text(node) if node.tag.__class__ is str else "")
    parent = anchor.getparent()
    before.append(parent.text or "")
    lead = printed(" ".join("".join(reversed(before)).split()))
    when = lead.split(":", 1)[1] if ":" in lead else lead
    end = _DATE_END.match(when)
    if end:  # the date ends at its time of day, whatever words a pack puts before the name
        when = end.group(0)
    elif len(when.split()) > 1:
        when = when.rsplit(None, 1)[0]
    return clock.read(when), _words(anchor.itertext()) or None


def _unread_notice(edit) -> str:
    """The words of an edit notice :func:`_edit_notice` read nothing from, when they hold a digit
    (a date): MyBB links the editor (``build_profile_link``) except for a user id 0, whose name it
    prints bare, and such a notice's edit, time and editor, was dropped with no error."""
    shown = _words([element_text(edit)]) if edit is not None and edit.find(".//a") is None else ""
    return shown if any(character.isdigit() for character in shown) else ""


def _drop_chrome(body) -> None:
    """Remove, in place, what a post body shows that the poster did not write: "Code:" titles
    of code blocks and the empty floats MyBB pads bodies with."""
    doomed = []
    for node in body.iter("div"):
        classes = (node.get("class") or "").split()
        if "codeblock" in classes:
            doomed.extend(child for child in node if child.tag == "div" and "title" in (child.get("class") or ""))
        elif "float_right" in classes and not _words(node.itertext()) and len(node) == 0:
            doomed.append(node)
    for node in doomed:
        drop_node(node)
