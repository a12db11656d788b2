"""A post's edit notice on a board no engine knows: found, read where its markup says who and
when, and kept out of the poster's words.

Why: the generic parser had no notion of an edit. A notice whose class named it (XenForo's
``message-lastEdit``, vBulletin's ``lastedited``) was dropped with the post's chrome, another
(phpBB's ``div.notice``, Kunena's ``div.alert``) was left out with the column it stands in, and
the editor and time were lost with no error; where the notice stood inside the words (vBulletin 4's
``blockquote.lastedited``, bbPress's revision log) it was read as the poster's words.

Found: the first element of the post outside its quotes whose class says edit notice
(:data:`EDIT_CLASS`) or whose words begin as one (:data:`EDIT_WORDS`, English and a few other
languages' usual phrases). Read only from its markup, never by guessing in its words: the editor is
the one profile link (or ``<strong>``/``<b>``) in it (:func:`parsers.edit_notices.one_marked_name`)
or its ``data-editor`` attribute (NodeBB),
the time a ``<time datetime>`` in it or the ``title`` the notice or an element in it carries, when
the clock reads it as a date. What is not read is said in the page's errors (caveats, not losses:
see :mod:`parsers.edit_notices`). A template's empty placeholder (the phrase alone, no name, no
time, on every post) is no notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from ..clock import ForumClock
from ..dates import parse_iso_keep_offset
from ..edit_notices import editor_not_read, notice_not_read, one_marked_name
from ..forum_evidence import names_profile
from ..markup import cached_search, inside

# Class words of an edit notice: XenForo's message-lastEdit, vBulletin's lastedited, bbPress's
# bbp-reply-revision-log, "editedby", "edit-note", "edit-notice", "editinfo".
EDIT_CLASS = re.compile(r"(?:lastedit|editedby|edited-by|edit-?note|edit_note|edit-?notice|revision-log|editinfo)",
                        re.I)
# The first words of a notice whose class does not say it: phpBB's "Last edited by", Kunena's
# "Last edit:", Invision's "Edited <time> by X", bbPress's "This reply was modified", vBulletin's
# German "Zuletzt bearbeitet von" / "Geändert von", French "Dernière modification".
EDIT_WORDS = re.compile(r"^\s*(?:last edit(?:ed)?\b|edited\b|modified by\b|this (?:reply|topic|post) was modified\b"
                        r"|zuletzt (?:bearbeitet|geändert)\b|geändert von\b|bearbeitet von\b|dernière modification\b)",
                        re.I)
MAX_NOTICE = 300  # characters: a notice is a line, not a paragraph of the post
# EDIT_CLASS as a remembered test of a class value (see parsers.markup.cached_search): it runs for
# every element of every post, and a page repeats a few class values.
_edit_class = cached_search(EDIT_CLASS)


@dataclass
class EditNote:
    """What a post's edit notice gives: the element (to keep out of the words), its editor and time
    where read, and the errors for what was not."""

    node: object
    edited_by: str | None
    edited_at: datetime | None
    text: str

    def errors(self, post_id: str | None) -> list[str]:
        if self.edited_by is None and self.edited_at is None:
            return [notice_not_read(post_id, self.text)]
        if self.edited_by is None:
            return [editor_not_read(post_id, self.text)]
        if self.edited_at is None:
            return [f"post {post_id}: the edit notice's time is not read: {self.text[:80]!r}"]
        return []


def find_edit_note(outside: list, body, labels: list, clock: ForumClock) -> EditNote | None:
    """The post's edit notice among ``outside`` (the block's elements outside its quotes, in page
    order), read; None when it shows none. A notice found by its words only stands outside the
    post's ``body`` or holds a ``<time datetime>`` (Invision writes its edit line inside the words,
    a poster's own line "Edited by ..." can hold no such element and stays theirs), and none holds
    a label (the post's author or date element)."""
    for node in outside:
        if node.tag in ("a", "time", "script", "style"):
            continue
        classes = node.get("class")
        if not (classes and _edit_class(classes)) and not (
                _begins_as_notice(node) and (node is not body and not inside(node, body) or _holds_a_time(node))):
            continue
        if any(label is node or inside(label, node) for label in labels):
            continue
        text = " ".join(" ".join(node.itertext()).split())
        if not text or len(text) > MAX_NOTICE or _placeholder(node, text):
            continue
        editor = one_marked_name(node, names_profile) or _named_editor(node)
        return EditNote(node=node, edited_by=editor, edited_at=_edit_time(node, clock), text=text)
    return None


def _placeholder(node, text: str) -> bool:
    """A notice the template prints, hidden, on every post, edited or not: its phrase and nothing
    after it, no name and no time (NodeBB's ``[component=post/editor]`` "Last edited by" with an
    empty ``data-editor`` and a ``title=""``): no edit, and no error to say."""
    match = EDIT_WORDS.match(text)
    rest = [word for word in re.findall(r"\w+", text[match.end():] if match else text) if word.lower() not in _LINKING]
    return not rest and not _holds_a_time(node)


_LINKING = frozenset({"by", "von", "par", "door", "da", "de", "av"})  # "Last edited by", "Geändert von"


def _named_editor(node) -> str | None:
    """The editor a notice names in an attribute (NodeBB's ``data-editor="oakleaf"``)."""
    value = " ".join((node.get("data-editor") or "").split())
    return value if 0 < len(value) <= 60 else None


def _holds_a_time(node) -> bool:
    return any(time.get("datetime") for time in node.iter("time"))


def _begins_as_notice(node) -> bool:
    """Do the element's own first words say it is an edit notice (its text before any child)?"""
    text = node.text  # read once: each read decodes the node's text anew
    return bool(text and EDIT_WORDS.match(text))


def _edit_time(node, clock: ForumClock) -> datetime | None:
    """The notice's time: a ``<time datetime>`` in it, else a ``title`` on it or an element in it
    that the clock reads. Its words are not read: "Last edit: 12 Mar 2024 18:02 by Moss" is a
    phrase of the board's language pack, and a lone "13:53" (vBulletin's ``span.time``) is no date."""
    for time in node.iter("time"):
        parsed = parse_iso_keep_offset(time.get("datetime"), clock.zone)
        if parsed is not None:
            return parsed.astimezone(timezone.utc)
    for element in node.iter():
        title = element.get("title") if isinstance(element.tag, str) else None
        if title and re.search(r"\d{4}", title) and re.search(r"\d{1,2}:\d{2}", title):
            parsed = clock.read(title)
            if parsed is not None:
                return parsed
    return None
