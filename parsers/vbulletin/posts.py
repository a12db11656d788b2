"""One vBulletin post read into a :class:`parsers.models.Post`: author, times, edit notice, body."""

from __future__ import annotations

import copy
import re
from datetime import datetime

from ..clock import ForumClock
from ..dates import from_unix, parse_iso
from ..edit_notices import editor_not_read, notice_not_read, one_marked_name
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import has_class, show_real_addresses
from ..models import Author, Post
from ..post_blocks import shared_error
from ..quote_depth import depth_errors
from ..urls import absolute, without_session
from ..values import author_name_errors
from ..values import words as _words
from .common import PROFILE_ID, profile_id
from .parts import Raw
from .quotes import read_quote, top_level_quotes
from .references import read_reactions, read_references


# "Last edited by X; date" in the packs' words; Arabic packs print "آخر تعديل بواسطة X ; DATE الساعة TIME"
# ("بواسطة" is "by"), where an editor read from no known word would be lost. "by" is also Italian
# "di", Greek "από", Hebrew "על ידי", Persian "توسط", Indonesian "oleh" ("Ultima modifica di X; …").
_EDITED = re.compile(
    r"^\s*(?P<lead>[^;:(]{2,60}?)\s+(?:by|von|par|door|por|da|di|av|przez|от|bởi|بواسطة|από|על ידי|توسط|oleh)"
    r"\s+(?P<who>[^;(]+?)\s*(?:;|\()\s*"
    r"(?P<when>[^)]*?)\s*\)?\s*\.?\s*(?:(?:Reason|Grund|Raison|Motif|Motivo|Reden)\s*:.*)?$",
    re.DOTALL | re.IGNORECASE)
# Packs whose phrase has no "by" and names the editor right after its words: the Russian pack's
# "Последний раз редактировалось X; 22.08.2016 в 04:10." (its editor was lost, only the time kept).
_EDITED_NAME_AFTER = re.compile(r"^\s*Последний\s+раз\s+редактировалось\s+(?P<who>[^;]+?)\s*;", re.IGNORECASE)


def read_post(raw: Raw, base: str, page_url: str, clock: ForumClock, position: int, errors: list[str]) -> Post:
    post_id, body = raw.post_id, raw.body
    author = _author(raw, base)
    if raw.shared:
        errors.append(shared_error(post_id))
    if author.name and not any(character.isalnum() for character in author.name):
        # No letter nor digit ("????", "$"): the decoder's stand-ins for a name in another charset, or
        # what is left of name markup whose quotes were garbled; said as the other engines say it,
        # and no name kept (a symbol is no member's name).
        errors.extend(author_name_errors(post_id, author.name))
        author.name = None
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    # The printed time only when no Unix time is there: reading it says the zone mattered.
    published = from_unix(raw.unix_time) or _printed_time(raw, clock) or parse_iso(raw.machine_time)
    if published is None:
        errors.append(f"post {post_id}: no publication time found"
                      + (f" (could not read {raw.date_text!r})" if raw.date_text else ""))
    edited_at, edited_by = _edit_notice(raw, clock, errors)
    for node in list(body.iter("script", "style", "noscript")):
        drop_node(node)
    show_real_addresses(body, base)
    html = sanitise(inner_html(body))
    found = top_level_quotes(body)
    quotes = [read_quote(node, box) for node, box in found]
    errors.extend(depth_errors(post_id, quotes))
    for node, _box in found:
        drop_node(node)
    links, images, attachments = read_references(body, raw, base)
    permalink = without_session(absolute(base, raw.permalink)) if raw.permalink else None
    return Post(
        post_id=post_id,
        url=permalink or f"{page_url.split('#')[0]}#post{post_id}",
        position=position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body),
        html=html,
        reactions=read_reactions(raw),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _printed_time(raw: Raw, clock: ForumClock) -> datetime | None:
    """The first of the post's date texts that reads as a time. A text already tried is not read
    again: the boxes around a permalink often print the same words ("#661" in two boxes), and a
    text that does not read as a date costs the most to try."""
    tried = set()
    for text in raw.date_texts():
        if text in tried:
            continue
        tried.add(text)
        time = clock.read(text)
        if time is not None:
            return time
    return None


def _author(raw: Raw, base: str) -> Author:
    node = raw.author_node if raw.author_node is not None else raw.author_fallback
    if node is None:
        return Author(name=None)
    name = _words([element_text(node) if node is raw.author_node else _leading_words(node)]) or None
    link = node if node.tag == "a" else next((a for a in node.iter("a") if a.get("href")), None)
    url = without_session(absolute(base, link.get("href"))) if link is not None else None
    if url and not PROFILE_ID.search(url) and "member" not in url and "/users/" not in url:
        url = None  # an avatar or popup link, not a profile (vBSEO writes "/members/name/" or "/users/name/")
    user_id = profile_id(url) or _reputation_member(raw)
    if url is None and name and raw.member_menu is not None and (node is raw.author_node
                                                                 or _menu_names(raw.member_menu, name)):
        # vBulletin 3 prints the poster's profile link in the post's popup menu (its "View Public
        # Profile" item) too: a style whose name link has no address (domenforum.net's
        # ``<a class="bigusername">X</a>``, LinuxQuestions.org's ``<div class="bigusername">``, read
        # as the name box's words) left every poster without an id. The menu is only taken for the
        # name box's words when its own heading names the same member.
        url, user_id = _menu_profile(raw.member_menu, base)
    return Author(name=name, id=user_id, url=url)


def _reputation_member(raw: Raw) -> str | None:
    """The poster's member id from the post's reputation mark (``span#repdisplay_{post}_{member}``,
    vBulletin 3 and 4): a search engine URL add-on (vBSEO) that rewrites the profile link to
    "/users/name/" leaves the id nowhere else in the post, and every poster had none."""
    if raw.container is None or not raw.post_id:
        return None
    prefix = f"repdisplay_{raw.post_id}_"
    for span in raw.container.iter("span"):
        mark = span.get("id")
        if mark and mark.startswith(prefix) and mark[len(prefix):].isdigit():
            return mark[len(prefix):]
    return None


# What ends a name in a name box: a block (the user column's next box, a post's parts) or the
# user title vBulletin prints after the name (span.usertitle).
_BLOCK_TAGS = frozenset({"div", "p", "ul", "ol", "li", "dl", "table", "blockquote", "form", "hr", "br", "h1", "h2",
                         "h3", "h4", "h5", "h6", "section", "article", "aside", "header", "footer", "fieldset"})


def _leading_words(box) -> str:
    """The words of a name box (``div#postmenu_N``: a guest's name as bare words, or the member's
    link in the usergroup's markup) up to its first block or user title: no name holds one (a
    block before any words is the name's own, read alone).

    Why: a guest's name box that lost its ``</div>`` took in what followed it, the user title,
    the message's words, the page's footer, the next posts: "Gast Kurt" was read "Gast Kurt
    Gast", or "Gast Kurt Gast #43 07.03.2016, 19:30 Seerose ...", silently (fuzz seed 127,
    ``delete_tags``, on vbulletin_themes/vb4_custom_skin.html: 123 of 4,000 mutants). The name
    is one run of words, the box's own text or one element's: with the user title's class renamed
    too, the title's element after a guest's bare name made "Gast Kurt Gast" (seed 145,
    ``rename_classes``, on hostile/vbulletin_guest_name_box_left_open.html)."""
    parts = [box.text or ""]
    for child in box:
        if isinstance(child.tag, str):
            if has_class(child.get("class") or "", "usertitle"):
                break
            if child.tag in _BLOCK_TAGS:
                if not "".join(parts).strip():  # the name's own block (vBulletin 3's div.bigusername)
                    parts.append(element_text(child))
                break
            if child.tag not in ("script", "style", "noscript"):  # vBulletin 3's menu script
                words = element_text(child)
                if words.strip() and "".join(parts).strip():
                    break  # a name is one run of words: the box's own, or one element's
                parts.append(words)
        parts.append(child.tail or "")
    return " ".join(parts)


def _menu_names(menu, name: str) -> bool:
    """Does the popup menu's heading (``td.thead``, the member's name in vBulletin 3) name ``name``?"""
    heading = next((cell for cell in menu.iter("td") if "thead" in (cell.get("class") or "")), None)
    return heading is not None and _words([element_text(heading)]) == name


_FIND_USER = re.compile(r"do=finduser\b.*?[?&;]u=(\d+)|[?&;]u=(\d+).*?do=finduser\b")


def _menu_profile(menu, base: str) -> tuple[str | None, str | None]:
    """(profile address, member id) from a vBulletin 3 post's popup menu: its member-profile link,
    else the id of its stock "Find More Posts by X" item (``search.php?do=finduser&u=N``), which
    search engine URL add-ons leave alone when they rewrite the profile link ("user/name-642915/",
    LinuxQuestions.org): the profile address is then the menu's link that names that id."""
    user_id = None
    for anchor in menu.iter("a"):
        href = anchor.get("href") or ""
        if "member.php" in href and PROFILE_ID.search(href):
            url = without_session(absolute(base, href))
            return url, profile_id(url)
        if user_id is None and "finduser" in href:
            match = _FIND_USER.search(href)
            user_id = (match.group(1) or match.group(2)) if match else None
    if user_id is None:
        return None, None
    named = re.compile(rf"(?<!\d){user_id}(?!\d)")
    for anchor in menu.iter("a"):
        href = anchor.get("href") or ""
        if named.search(href) and not any(word in href for word in ("search.php", "private.php", "sendmessage")):
            return without_session(absolute(base, href)), user_id
    return None, user_id


# vBulletin 3.0's phrase puts no ";" after the editor (3.5's does): "Ultima modifica di X  25-01-2005 alle
# ore <span class="time">09:05</span>." (Italian pack, a real 3.0.7 board). The name ends where the
# numeric date begins; a note whose date is words ("Oggi") is not read by this, and is said unread.
# Asked of 3.0's posts alone: in another pack's phrase the words between name and date ("Zuletzt von X
# bearbeitet: …") would be taken for the name.
_EDITED_BEFORE_DATE = re.compile(
    r"^\s*[^;:(]{2,60}?\s+(?:by|von|par|door|por|da|di|av|przez|от|bởi|oleh)\s+(?P<who>[^;]+?)\s*:?\s+"
    r"(?P<when>\d{1,4}[-./]\d{1,2}[-./]\d{1,4}\b[^;]*?)\s*\.?\s*$", re.DOTALL | re.IGNORECASE)


# What follows the last ";" of an edit note, up to its reason: the date in every language pack's
# "last edited" phrase ("Последний раз редактировалось X; 12.03.2011 в 10:15", "En son X tarafından
# düzenlendi; 12-03-2011 saat 10:15").
_AFTER_SEMICOLON = re.compile(r";(?P<when>[^;]*?)\s*\.?\s*$", re.DOTALL)


def _edit_notice(raw: Raw, clock: ForumClock, errors: list[str]) -> tuple[datetime | None, str | None]:
    """Editor and time of "Last edited by X; date" (3: ``<em>``; 4: ``blockquote.lastedited``; 5: ``.b-post__edit``).

    A language whose words :data:`_EDITED` does not know still gets the edit's time, from after the
    phrase's last ";", when the note has the ``<span class="time">`` that vBulletin 3 and 4 put in
    every language pack's phrase (a note without both keeps none). Its editor is the note's one
    member link or bold name where a style prints one (:func:`parsers.edit_notices.one_marked_name`),
    else the name after words known to come right before it (:data:`_EDITED_NAME_AFTER`, Russian);
    else none, and ``errors`` says so: the stock phrase prints the name as bare text, which its
    words may put anywhere (the Turkish pack's "En son X tarafından düzenlendi; …" before them),
    and a guessed name would be another member. Before, such a note's editor was dropped silently.
    vBulletin 3.0's phrase, with no ";", is read by :data:`_EDITED_BEFORE_DATE` (its posts alone).
    """
    unread = None
    for node in raw.edit_nodes:
        text = element_text(node)
        match = _EDITED.match(text)
        if match:
            return clock.read(match.group("when")), match.group("who").strip() or None
        if node.find(".//span[@class='time']") is None:
            if "b-post__edit" in (node.get("class") or "") and any(c.isdigit() for c in text):
                unread = unread or text  # vBulletin 5's note, which prints no span.time
            elif node is raw.edit_comment_note:
                unread = unread or text  # the box after the template's <!-- edit note --> (see Raw.read)
            continue
        unread = unread or text
        reason = node.find(".//span[@class='reason']")
        cut = text.find(element_text(reason)) if reason is not None else -1
        text = text[:cut] if cut > 0 else text  # "Reason: …" after the date, in the pack's words
        tail = _AFTER_SEMICOLON.search(text)
        if tail is None and raw.vb30 and (dated := _EDITED_BEFORE_DATE.match(text)):
            when = clock.read(dated.group("when"))
            if when is not None:
                return when, dated.group("who").strip() or None
        if tail:
            when = clock.read(tail.group("when"))
            if when is not None:
                named = _EDITED_NAME_AFTER.match(text)
                who = (named.group("who").strip() or None) if named else _marked_editor(node)
                if who is None:
                    errors.append(editor_not_read(raw.post_id, text))
                return when, who
    if unread is not None:
        # A note in words no reader knows, whose time is not read either: the edit is said, not dropped.
        errors.append(notice_not_read(raw.post_id, unread))
    return None, None


def _marked_editor(note) -> str | None:
    """The editor a style marks in the note (a member link, a bold name), the reason left out."""
    note = copy.deepcopy(note)
    for reason in note.findall(".//span[@class='reason']"):
        drop_node(reason)
    return one_marked_name(note, lambda href: bool(PROFILE_ID.search(href)))
