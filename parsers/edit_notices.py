"""The editor of a post's edit notice read without knowing its language pack's words, and the
caveat each engine records when the editor is not read.

Why: an edit notice is one phrase of the board's language pack with the editor's name put in
("Last edited by X; date", "Naposledy upravil X; …", "En son X tarafından düzenlendi; …",
"本帖最后由 X 于 … 编辑"). A reader that knows the pack's words finds the name after them; in a
pack it does not know, the name may stand anywhere, and guessing it gives the edit to another
member. Several engines kept such an edit's time and dropped its editor with no error, the silent
loss this project must not have. Where the board puts the name in its own element (a link to the
member's profile, or ``<strong>``/``<b>`` around it) that element names the editor in any language,
when the notice holds exactly one; otherwise the engine says the editor is not read.

An unread editor (or a notice of which nothing is read) is a caveat on a post that was read, not
part of the thread missing, so the words of :data:`EDITOR_NOT_READ` and :data:`NOTICE_NOT_READ`
are no mark of :mod:`parsers.losses` (the page is not incomplete).
"""

from __future__ import annotations

from collections.abc import Callable

from .values import words

# The wording every engine's error uses (SMF's first), so a reader of the errors finds them all.
EDITOR_NOT_READ = "the edit notice's editor is not read"
NOTICE_NOT_READ = "the edit notice's time and editor are not read"


def editor_not_read(post_id: str | None, notice: str | None = None) -> str:
    """The error for a post whose edit notice is there but whose editor is not read, with the
    notice's first words when given ("post 12: the edit notice's editor is not read: '…'")."""
    return _said(post_id, EDITOR_NOT_READ, notice)


def notice_not_read(post_id: str | None, notice: str) -> str:
    """The error for a post whose edit notice is there but of which nothing is read, neither its
    time nor its editor ("post 12: the edit notice's time and editor are not read: '…'")."""
    return _said(post_id, NOTICE_NOT_READ, notice)


def _said(post_id: str | None, what: str, notice: str | None) -> str:
    shown = " ".join((notice or "").split())
    return f"post {post_id}: {what}" + (f": {shown[:80]!r}" if shown else "")


def one_marked_name(notice, is_profile_link: Callable[[str], bool]) -> str | None:
    """The editor named by the notice's own markup: the words of its one link whose address
    ``is_profile_link`` accepts, else of its one ``<strong>`` or ``<b>``; None when there is none,
    or more than one (a notice naming two members, or a bold date, names no editor for sure), or
    when that element holds the whole notice (a style that sets the phrase itself in bold).
    Elements that are not the notice's own (the vBulletin 4 reason, ``span.reason``) are left to
    the caller to take out."""
    whole = words(notice.itertext())
    links = [a for a in notice.iter("a") if is_profile_link(a.get("href") or "")]
    if links:
        return _only_name(links, whole)
    return _only_name(list(notice.iter("strong", "b")), whole)


def _only_name(nodes: list, whole: str) -> str | None:
    if len(nodes) != 1:
        return None
    name = words(nodes[0].itertext())
    return name if name and name != whole else None
