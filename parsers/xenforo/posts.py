"""One XenForo post read into a :class:`parsers.models.Post`: author, times, edit notice, position, body."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from lxml import etree

from ..dates import from_unix, parse_iso
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import first_in_walk, inside
from ..markup import xpath as _X
from ..models import Author, Post, every_quote
from ..quote_depth import depth_errors
from ..values import author_name_errors
from ..values import to_int as _int
from ..values import words as _words
from .common import absolute, author_of, names_post
from .context import Context
from .hidden import HIDDEN_CONTENT, drop_hide_notices
from .parts import POST_ROLES, PostParts, post_number
from .quotes import QUOTE_CLASSES, is_quote, read_quote, top_level_quotes
from .references import read_reactions, read_references, show_real_post_addresses, unfurl_to_link


# Inside one post body, what a reader sees that is not the poster's words, or not words at all
# (see _body_chrome): elements of these tags, elements with one of these class names (substrings,
# as XPath's contains()), and code blocks' titles.
_CHROME_TAGS = frozenset({"script", "noscript", "style", "template"})
# (and the double-post merge add-on's line between a post and the one merged into it, "-- Dieser Beitrag
# wurde automatisch mit dem folgenden Beitrag zusammengeführt --": the board's words, not the poster's)
_CHROME_CLASSES = ("bbCodeBlock-expandLink", "quoteExpand", "messageTextEndMarker", "js-selectToQuoteEnd", "doublePost")
_CODE_BLOCK_CLASSES = ("bbCodeBlock--code", "bbCodeCode")
_UNFURLS = _X(".//*[contains(@class, 'bbCodeBlock--unfurl')]")
# "#1,234": XenForo 2 prints the number with its language's thousands separator ("." in German,
# a space in French or Russian, an apostrophe in Swiss packs); XF1 prints the digits alone.
_POSITION = re.compile(r"^#\s*(\d{1,3}(?:[,.\s'\u2019]\d{3})+|\d+)$")
# The words of XenForo's "last_edited" phrase, the one its post template (XF1 ``div.editDate``, XF2
# ``div.message-lastEdit``) prints before the time when the poster edited the post; a moderator's
# edit prints "last_edited_by_moderator" instead, and neither names a member. Read off the packs'
# compiled templates: English, Russian ("Последнее редактирование", whose moderator phrase is the
# same words and "модератором", so only the whole label is compared), Vietnamese; the others as the
# larger packs print them (Arabic: "آخر تعديل:", its moderator phrase "آخر تعديل بواسطة مشرف:";
# Ukrainian, xen-foro.com.ua's pack: "Останнє редагування:"). A label not here (another pack, a
# board's own wording) names no editor.
_OWN_EDIT_LABELS = frozenset({
    "last edited", "последнее редактирование", "останнє редагування", "sửa lần cuối", "zuletzt bearbeitet",
    "dernière édition", "última edición", "última edição", "ultima modifica", "laatst bewerkt", "ostatnia edycja",
    "son düzenleme", "senast redigerad", "آخر تعديل",
})
# One word of each label (its longest): a post whose text holds none has no labelled notice.
_EDIT_LABEL_WORDS = tuple(max(label.split(), key=len) for label in _OWN_EDIT_LABELS)
_LABEL_END = re.compile(r"\s*[:\uff1a]")
_EDITED_AT = re.compile(r"^[^:]*?:\s*(?P<when>.+)$", re.DOTALL)
_OFFSET_WITHOUT_COLON = re.compile(r"([+-]\d\d)(\d\d)$")


def read_post(node, page_url: str, context: Context, index: int, fallback_position: int,
          errors: list[str], numbered: set | None = None) -> Post | None:
    """One post; its id goes into ``numbered`` when the page prints its number (see _position)."""
    post_id = post_number(node)
    parts = PostParts(node)
    author = _post_author(node, parts, context.base)
    errors.extend(author_name_errors(post_id, author.name))
    # A style that renames the edit notice keeps XF 2.3's itemprop on its time: its parent is the notice.
    notice = parts.edit if parts.edit is not None or parts.modified is None else parts.modified.getparent()
    if notice is None:
        notice = _labelled_notice(node, parts)
        if notice is not None:  # its times are the edit's, never the post's
            parts.times = [t for t in parts.times if not inside(t, notice)]
            parts.times_after_body = [t for t in parts.times_after_body if not inside(t, notice)]
    published = _published(node, post_id, parts, context)
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body if parts.body is not None else _body_elsewhere(node, parts)
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(notice, author.name, context)
    if notice is not None and edited_at is None:
        # A pack's words the date readers do not know ("Hier à 10:15" on a page left lang="en"):
        # the post was edited, and when is lost; said, not left silent.
        errors.append(f"post {post_id}: edited, but the edit notice's time is not read"
                      f" ({_words([element_text(notice)])[:80]!r})")
    # The tree is this parse's own (the registry builds one per page): edit the body in place.
    chrome, may_unfurl = _body_chrome(body)
    for node in chrome:
        drop_node(node)
    show_real_post_addresses(body, context.base)
    markup = inner_html(body)
    if "messageHide" in markup and drop_hide_notices(body):
        errors.append(f"post {post_id}: {HIDDEN_CONTENT}")
        markup = inner_html(body)
    html = sanitise(markup)
    for card in _UNFURLS(body) if may_unfurl else ():
        unfurl_to_link(card)
    # A body whose markup names neither quote class holds no quote (a card's link put in its place
    # has no class): most posts skip the walk that calls is_quote for each of their elements.
    quote_nodes = top_level_quotes(body) if any(name in markup for name in QUOTE_CLASSES) else []
    quotes = [read_quote(q) for q in quote_nodes]
    errors.extend(depth_errors(post_id, quotes))
    for quote_node in quote_nodes:
        drop_node(quote_node)
    links, images, attachments = read_references(body, parts.attachments, context.base)
    position = _position(parts, post_id)
    if position is not None and numbered is not None:
        numbered.add(post_id)
    return Post(
        post_id=post_id,
        url=_permalink(parts, post_id, page_url, context.base),
        position=position if position is not None else fallback_position,
        position_on_page=index,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body),
        html=html,
        reactions=read_reactions(parts),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _body_chrome(body) -> tuple[list, bool]:
    """What a post body shows that is not the poster's words, in document order: the XPath
    ``.//*[contains(@class, 'bbCodeBlock-expandLink') or ...] | .//*[code block]/*[its title] |
    .//script | .//noscript | .//style | .//template``, by one walk of the body; and whether the
    body may hold a link card (an element whose class holds ``bbCodeBlock--unfurl``), which
    ``_UNFURLS`` then finds.

    Why not those XPaths: the union walked the body once a branch, and both called into libxml2's
    XPath machinery for every post; one lxml iteration with a class test an element cost a third
    as much, and most posts have no card to look for.
    """
    found, may_unfurl = [], False
    for node in body.iterdescendants(etree.Element):
        tag = node.tag
        if tag in _CHROME_TAGS:
            found.append(node)
            continue
        classes = node.get("class")
        if not classes:
            if tag == "div" and _ad_label(node, body):  # (only a div is one: no call for the others)
                found.append(node)
            continue
        unfurl, kind = _chrome_class(classes)
        may_unfurl = may_unfurl or unfurl
        if kind == "chrome":
            found.append(node)
        elif kind == "title":
            parent = node.getparent()  # the code block: below the body, not the body itself
            if parent is not body and any(name in (parent.get("class") or "") for name in _CODE_BLOCK_CLASSES):
                found.append(node)
    return found, may_unfurl


@lru_cache(maxsize=4096)
def _chrome_class(classes: str) -> tuple[bool, str | None]:
    """What a class attribute says to :func:`_body_chrome`: whether it may be a link card's
    (``bbCodeBlock--unfurl`` in it), and "chrome" (one of ``_CHROME_CLASSES`` in it), "title" (a
    code block's title, if its parent is a code block) or None. Remembered: a page's posts repeat
    the same few class attributes."""
    if any(name in classes for name in _CHROME_CLASSES):
        kind = "chrome"
    elif "bbCodeBlock-title" in classes or classes == "type":
        kind = "title"
    else:
        kind = None
    return "bbCodeBlock--unfurl" in classes, kind


def _ad_label(node, body) -> bool:
    """A label the board's ad code puts in the post body, e.g. DIGITAL FERNSEHEN's XenForo 1
    ``<div>Anzeige</div><!-- DF Forum - Nachrichteninhalt -->`` before the first post's words.

    Certain, not guessed: XenForo renders BB code, so a post's own words hold neither an HTML
    comment nor a ``<div>`` without attributes (its divs carry a class or a style). So a bare
    ``<div>`` straight below the body, holding a few words and no element, that an HTML comment
    follows, was put there by the board's templates, not by the poster.
    """
    if node.tag != "div" or node.attrib or node.getparent() is not body:
        return False
    if any(child.tag.__class__ is str for child in node):  # a comment inside is no element
        return False
    words = "".join([node.text or "", *(child.tail or "" for child in node)]).strip()
    if not words or len(words) > 30 or (node.tail or "").strip():
        return False
    following = node.getnext()
    return following is not None and following.tag is etree.Comment


def _post_author(node, parts: PostParts, base: str) -> Author:
    """``data-author`` (XenForo's own, for quoting: every style keeps it) with the id and profile link
    of the ``.username`` in the user pane, else of a ``.username`` or ``/members/`` link elsewhere in
    the post's frame that shows the same name (a restyled post)."""
    name = (node.get("data-author") or "").strip() or None
    user = None
    if parts.user is not None:
        user = next((n for n in parts.user.iter("a", "span", "bdi")
                     if "username" in (n.get("class") or "").split()), None)
    if user is None and parts.username is not None and (
            name is None or _words([element_text(parts.username)]) == name):
        user = parts.username
    if user is None and name is not None:
        user = next((a for a in parts.member_links if _words([element_text(a)]) == name), None)
    author = author_of(user, name, base) if user is not None else Author(name=name)
    if author.id is None:
        author.id = avatar_user_id(parts.user)
    return author


# XenForo 2's avatar class with the member's id: "avatar-u12345" or, with its size, "avatar-u12345-m".
_AVATAR_USER = re.compile(r"avatar-u(\d+)(?:-[a-z]+)?")


def avatar_user_id(pane) -> str | None:
    """The member id in the class of an avatar in the post's user pane (``avatar-u12345``,
    ``avatar-u12345-m``; 0, a guest's, is none). Some styles' guest views print the name without
    ``data-user-id`` or a profile link, and the avatar XenForo 2 renders is then the only place the
    id is; only the post's own pane is looked in, so a member shown elsewhere in the post never
    lends it an id."""
    if pane is None:
        return None
    for node in pane.iter("a", "span", "img", "div"):
        classes = node.get("class")
        if not classes or "avatar-u" not in classes:
            continue
        for token in classes.split():
            match = _AVATAR_USER.fullmatch(token)
            if match and match.group(1).lstrip("0"):
                return match.group(1)
    return None


def _body_elsewhere(node, parts: PostParts):
    """The words when the walk found no BB code wrapper where it looks: one inside a part it does not
    enter (a style that leaves a tag open there), else the style's own body element."""
    found = first_in_walk(node, _is_bb_wrapper, _is_signature_or_quote)
    return found if found is not None else parts.fallback_body


def _is_bb_wrapper(node) -> bool:
    return _has_token(node, "bbWrapper") or _has_token(node, "messageText")


def _is_signature_or_quote(node) -> bool:
    tokens = (node.get("class") or "").split()
    return any(POST_ROLES.get(t) == "signature" for t in tokens) or (bool(tokens) and is_quote(node))


def _has_token(node, token: str) -> bool:
    return token in (node.get("class") or "").split()


def _published(node, post_id: str, parts: PostParts, context: Context) -> datetime | None:
    """The post's time, most reliable first: the ``<time>`` inside the post's own permalink (every
    XenForo style links the date to the post; outside the user pane, else in it), the header's
    ``<time>`` or ``DateTime`` (its Unix time, ``datetime`` or title), any other ``<time>`` before
    the words, ``meta[itemprop=datePublished]``, the lightbox caption XenForo writes on the post
    ("name · Jul 5, 2024 at 5:39 PM"), a ``<time>`` after the words, and last a date printed
    anywhere in the post's frame (a style that prints ``date_time()`` as text)."""
    linked = next((t for t in parts.times if _in_permalink(t, post_id)), None)
    if linked is None:  # a style that prints the post's date link in the user pane, or after the words
        # (XF1's messageMeta, its datePermalink renamed: the edit notice's time came first there)
        linked = next((t for t in (*parts.user_times, *parts.times_after_body) if _in_permalink(t, post_id)), None)
    time_node = linked if linked is not None else _post_time_node(parts)
    if time_node is not None:
        value = time_value(time_node, context)
        if value is not None:
            return value
    for candidate in parts.times[1:]:
        if candidate is time_node:  # read above (a failed printed date costs dateparser milliseconds)
            continue
        value = time_value(candidate, context)
        if value is not None:
            return value
    if parts.published_meta is not None:
        content = (parts.published_meta.get("content") or "").strip()
        if "T" in content:  # a bare day is not a time
            value = parse_iso(colon_offset(content))
            if value is not None:
                return value
    if parts.caption and "\u00b7" in parts.caption:
        value = context.text_date(parts.caption.rsplit("\u00b7", 1)[1].strip())
        if value is not None:
            return value
    for candidate in parts.times_after_body:
        value = time_value(candidate, context)
        if value is not None:
            return value
    return _printed_date(node, parts, context)


def _in_permalink(time_node, post_id: str) -> bool:
    """True when a link to this post (".../post-N", "/posts/N/", "#post-N") holds ``time_node``
    within three levels: a restyled user column may show other times (last seen) before it."""
    ancestor = time_node.getparent()
    for _ in range(3):
        if ancestor is None:
            return False
        if ancestor.tag == "a":
            href = ancestor.get("href") or ""
            return names_post(href, post_id)
        ancestor = ancestor.getparent()
    return False


# A date as XenForo prints it, in any language: a clock time, a four-digit year, or both.
_CLOCK = re.compile(r"\d{1,2}[:.h]\d\d")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Words XenForo's phrases use for recent days ("Today at 10:12 AM", "Monday at 5:39 PM"), in the
# languages of its larger language packs (and the today/yesterday words parsers.clock reads): with a clock time they are a date, read against the capture.
_DAY_WORD = re.compile(
    r"(?i)\b(?:today|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|heute|gestern|montag|dienstag|mittwoch"
    r"|donnerstag|freitag|samstag|sonntag|aujourd|hier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hoy|ayer"
    r"|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|oggi|ieri|vandaag|gisteren|hoje|ontem"
    r"|dzisiaj|wczoraj|idag|ig[aå]r|astăzi|dnes|včera|tegnap|tänään|eilen|hôm nay|hôm qua)\b"
    r"|сегодня|вчера|днес|сьогодні|вчора|σήμερα|χθες")
_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_LABEL = re.compile(r"^[^\d:]{0,40}?[:\u00b7|\u2022]\s*")
# Elements whose text is never the post's time: the member's details (joined, last seen), scripts.
_NOT_POST_TIME = frozenset({"dl", "script", "style", "noscript", "template", "select"})


def _printed_date(node, parts: PostParts, context: Context) -> datetime | None:
    """A date printed as text in the post's frame (outside its words, quotes, signature, user pane and
    edit notice): first one with a clock time ("Jul 5, 2024 at 5:39 PM", "Today at 10:12 AM",
    "5. Juli 2024 um 17:39"), else a bare day."""
    skipped = {part for part in (parts.body, parts.user, parts.edit, parts.reactions, parts.likes) if part is not None}
    with_clock, day_only = [], []
    stack = [iter(node)]
    while stack:
        for child in stack[-1]:
            if child.tag.__class__ is not str:
                continue
            classes = child.get("class")
            tokens = classes.split() if classes else ()
            if child in skipped or child.tag in _NOT_POST_TIME or (tokens and (
                    is_quote(child) or any(POST_ROLES.get(t) in ("signature", "body") for t in tokens))):
                text = None
            elif _edit_label_first(child.text):
                # An edit notice a style renamed (no div.editDate): its date is the edit's, and was
                # read as the post's time ("Senast redigerad: 07.03.2018"), silently.
                text = None
            else:
                text = child.text
            for fragment in (text, child.tail):
                fragment = " ".join((fragment or "").split())
                if not 6 <= len(fragment) <= 80:
                    continue
                year = _YEAR.search(fragment)
                if _CLOCK.search(fragment) and (year or _DAY_WORD.search(fragment)):
                    with_clock.append(fragment)
                elif year and _DAY_NUMBER.search(fragment):
                    day_only.append(fragment)
            if text is not None and len(child):
                stack.append(iter(child))
                break
        else:
            stack.pop()
    for fragment in (with_clock + day_only)[:12]:  # dateparser costs milliseconds a call
        for text in (fragment, _LABEL.sub("", fragment, count=1)):
            value = context.text_date(text)
            if value is not None:
                return value
    return None


def _edit_label_first(text: str | None) -> bool:
    """Does ``text`` open with the words of an edit notice's label (:data:`_OWN_EDIT_LABELS`; the
    moderator's phrase opens with the same words: "Last edited by a moderator:")?"""
    words = " ".join((text or "").split()).casefold()
    return bool(words) and any(words.startswith(label) for label in _OWN_EDIT_LABELS)


def _labelled_notice(node, parts: PostParts):
    """An edit notice a style renamed (no ``div.editDate``, no ``message-lastEdit``): the element
    outside the post's words and user pane whose own text opens with an edit label. Without it the
    edit was lost, with no word."""
    # Most posts have no edit notice at all: one pass over the post's text outside its words (in C)
    # rules them out before the walk (which cost an eighth of a XenForo page's parse, run for every
    # unedited post).
    # A label's longest word is looked for in the folded text before its spaces are collapsed:
    # casefold() neither makes nor takes white space, so a label in the collapsed text has each of
    # its words in the folded one, and most posts skip the collapse (a third of this test's cost).
    folded = _text_outside(node, parts.body).casefold()
    if not any(word in folded for word in _EDIT_LABEL_WORDS):
        return None
    words = " ".join(folded.split())
    if not any(label in words for label in _OWN_EDIT_LABELS):
        return None
    skipped = {part for part in (parts.body, parts.user) if part is not None}
    return first_in_walk(node, lambda child: _edit_label_first(child.text),
                         lambda child: child in skipped or child.tag in _NOT_POST_TIME)


def _text_outside(node, body) -> str:
    """The text of ``node`` (XPath ``string()``) less the text of ``body`` below it, when that text
    stands once in it (so that where it stands is the body's own place); else all of it.

    Why: :func:`_labelled_notice`'s walk never enters the body, so a label only its words hold
    finds nothing; yet its test folded and searched the body's words (a quarter to a half of a
    post's text on the saved pages) for every post. The two sides are kept apart by a line break."""
    text = _all_text(node)
    if body is None:
        return text
    own = _all_text(body)
    at = text.find(own)
    if not own or at != text.rfind(own):
        return text
    return f"{text[:at]}\n{text[at + len(own):]}"


def _all_text(node) -> str:
    """XPath's ``string()`` of ``node`` (its text and its descendants', comments left out), as
    libxml2 serialises it: no XPath context set up for each call."""
    return etree.tostring(node, method="text", encoding=str, with_tail=False)


def _post_time_node(parts: PostParts):
    """XF2: the first <time> of the attribution header; XF1: the permalink's DateTime, else the first one."""
    for container in (parts.attribution, parts.permalink):
        if container is None:
            continue
        for candidate in container.iter("time", "abbr", "span"):
            if candidate.tag == "time" or "DateTime" in (candidate.get("class") or "").split():
                return candidate
    return parts.times[0] if parts.times else None


def time_value(node, context: Context) -> datetime | None:
    """Machine-readable first: Unix ``data-timestamp``/``data-time``, ``datetime``; then the printed date."""
    for attribute in ("data-timestamp", "data-time"):
        value = (node.get(attribute) or "").strip()
        if value.isdigit():
            return from_unix(value)
    value = parse_iso(colon_offset(node.get("datetime")))
    if value is not None:
        return value
    date = node.get("data-date-string") or node.get("data-datestring") or node.get("data-date")
    clock = node.get("data-time-string") or node.get("data-timestring")
    if date and clock:
        value = context.text_date(f"{date} {clock}")
        if value is not None:
            return value
    title = node.get("title")
    value = context.text_date(title)
    if value is not None:
        return value
    value = context.text_date(_words([element_text(node)]))
    if value is not None and title and _CLOCK.search(title):
        # The title gives the time ("15 maj 2018 kl. 16:02"); the printed words only the day.
        context.unread_titles.append(title)
    return value


def colon_offset(value: str | None) -> str | None:
    """"2020-04-19T00:01:11-0700" as Python 3.10 reads it ("-07:00")."""
    return _OFFSET_WITHOUT_COLON.sub(r"\1:\2", value.strip()) if value else value


def _edit_notice(notice, author_name: str | None, context: Context) -> tuple[datetime | None, str | None]:
    """The edit notice's time and editor. XenForo's template prints one of two phrases before the
    time: "Last edited:" (the poster's own edit: the editor is the poster) or "Last edited by a
    moderator:" (no name: the moderator is not said). So the editor is a member link a style puts in
    the notice, else the poster when the label is a pack's "last_edited" words, else unknown: a
    label's other words ("a moderator", a board's "Sửa bởi Amin") are a phrase, not a member."""
    if notice is None:
        return None, None
    time_node = next((t for t in notice.iter("time", "abbr", "span")
                      if t.tag == "time" or "DateTime" in (t.get("class") or "").split()), None)
    if time_node is None:  # DateTime renamed by a style: the title still holds the time, the words only the day
        time_node = next((t for t in notice.iter() if t is not notice and _CLOCK.search(t.get("title") or "")), None)
    when = time_value(time_node, context) if time_node is not None else None
    words = _words([element_text(notice)])
    if time_node is None:  # a style that prints the date as text: "Last edited: Jul 6, 2024 at 9:40 AM"
        printed = _EDITED_AT.search(words)
        when = context.text_date(printed.group("when")) if printed else None
    member = next((a for a in notice.iter("a") if "username" in (a.get("class") or "").split()
                   or "/members/" in (a.get("href") or "")), None)
    if member is not None:
        return when, _words([element_text(member)]) or None
    label = _LABEL_END.split(words, maxsplit=1)
    own = len(label) == 2 and label[0].strip().casefold() in _OWN_EDIT_LABELS
    return when, author_name if own else None


def _position(parts: PostParts, post_id: str | None) -> int | None:
    """The post number the forum prints ("#12"): XF2 in the attribution header, XF1 in ``a.postNumber``;
    a style without those classes still prints it as a "#N" link to the post itself, or (VerticalScope's
    "California") beside a schema.org ``meta[itemprop=position]``. Without it a page opened at a later
    post (a permalink, a style that shows the first post apart) would number its first post 1 and
    make its poster the thread's starter."""
    candidates = [parts.number] if parts.number is not None else []
    if parts.attribution is not None:
        candidates += parts.attribution.iter("a", "li")
    if post_id:
        candidates += [link for link in parts.number_links if names_post(link.get("href") or "", post_id, ("post-",))]
    for node in candidates:
        text = (node.text or "").strip()
        if text.startswith("#"):
            match = _POSITION.match(" ".join(text.split()))
            if match:
                return int(re.sub(r"\D", "", match.group(1)))
    content = (parts.position_meta.get("content") or "").strip() if parts.position_meta is not None else ""
    return _int(content) if content.isdigit() else None


def _permalink(parts: PostParts, post_id: str, page_url: str, base: str) -> str:
    """The post's own link: one that names its id (in the header, the permalink, the post number, or
    the link around the post's date), else the page address with the post's anchor."""
    containers = [c for c in (parts.attribution, parts.permalink, parts.number) if c is not None]
    containers += [t.getparent() for t in parts.times[:3] + parts.user_times[:3] if t.getparent() is not None]
    for container in containers:
        for anchor in container.iter("a"):
            href = anchor.get("href") or ""
            if names_post(href, post_id):  # ("#post-N" holds "post-N")
                return absolute(base, href)
    return f"{page_url.split('#')[0]}#post-{post_id}"


def quotes_of_posts_on_the_page(posts: list[Post], thread_id: str | None) -> None:
    """A quote of a post shown on the same page takes that post's time and thread (XenForo quotes carry neither)."""
    times = {post.post_id: post.published_at for post in posts}
    for post in posts:
        for quote in every_quote(post.quotes):
            if quote.post_id in times:
                quote.published_at = quote.published_at or times[quote.post_id]
                quote.thread_id = quote.thread_id or thread_id
