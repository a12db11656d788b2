"""The notices vBulletin 3 and 4 print in a post's place, told apart from posts the parser missed.

Why: a soft-deleted post, a post by a member on the viewer's ignore list and a post by a member the
administrator silenced ("should be quiet") keep their post id but print no message: vBulletin 3's
templates postbit_deleted, postbit_ignore and postbit_ignore_global (a ``table#postN`` with the
poster's name and one line of notice, no ``post_message_N`` and no ``postmenu_N``), vBulletin 4's
the same templates (``li.postbitdeleted#post_N``, ``li.postbitignored#post_N``). The page's count
("Results 1 to 15") counts them. Without this module each was reported as a post block not read,
and the page as short: a crawl error over a notice the board always shows.

Such a notice is no post (it holds no words to read). A deleted post's words are gone for every
reader: nothing is said. A silenced member's post is hidden by the board's moderation from every
reader: its errors say so, in words that are no loss mark (:mod:`parsers.losses`). A post of a member
on the ignore list of the account that fetched the page is shown to every other reader: the archive
lacks it, so its error is a loss ("; not read"), as phpBB 3.0's foe notice is, and a crawl logged in
as that account ends with it recorded ``incomplete`` instead of "finished".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..html_text import element_text
from ..markup import has_class
from ..markup import xpath as _X
from ..post_blocks import plausible_name
from .parts import POST_ANY_ID

_BY_ID = _X("id($names)")


@dataclass
class Notice:
    """A notice in a post's place: ``kind`` is "deleted", "ignored" (the viewer's ignore list) or
    "hidden" (a member the board silenced)."""

    post_id: str
    kind: str
    author: str | None


def notices(root, read: list[str], post_ids: list[str]) -> list[Notice]:
    """The notices of the posts the page names by id (``post_N``, ``postN``) that no post ``read``
    holds. ``post_ids``: the page's ids holding "post" (:func:`parsers.post_blocks.ids_with`), read
    once by the parser for this and its unread-posts check. A page without such an id is not walked."""
    unread = {match.group(1) for name in post_ids
              if not name.startswith("post_message_") and (match := POST_ANY_ID.match(name))} - set(read)
    if not unread:
        return []
    found: dict[str, Notice] = {}
    names = " ".join(f"post_{number} post{number}" for number in sorted(unread))
    for block in _BY_ID(root, names=names):
        # (libxml2 files an anchor's ``name`` as an id too: ``<a name="post123">`` is no block)
        match = POST_ANY_ID.match(block.get("id") or "")
        if match is None:
            continue
        post_id = match.group(1)
        notice = _vb4_notice(block, post_id) if block.tag == "li" else _vb3_notice(block, post_id)
        if notice is not None and post_id not in found:
            found[post_id] = notice
    return list(found.values())


def _vb4_notice(block, post_id: str) -> Notice | None:
    classes = block.get("class") or ""
    kind = "deleted" if has_class(classes, "postbitdeleted") else "hidden" if has_class(classes, "postbitignored") \
        else None
    if kind is None:
        return None
    if kind == "hidden" and any(_links_ignore_list(node.get("href") or "") for node in block.iter("a")):
        kind = "ignored"  # postbit_ignore links the viewer's ignore list; postbit_ignore_global nothing
    name = next((element_text(node) for node in block.iter("a", "span", "strong")
                 if has_class(node.get("class") or "", "username")), None)
    return Notice(post_id, kind, plausible_name(name))


def _vb3_notice(block, post_id: str) -> Notice | None:
    """vBulletin 3's ``table#postN``: a header, the poster's name, and one ``div.smallfont`` of notice;
    no message (``post_message_N``) and no name menu (``postmenu_N``), which every post template prints."""
    if block.tag not in ("table", "div"):
        return None
    notes, author, ignore_link = [], None, False
    for node in block.iter("div", "a"):
        node_id = node.get("id") or ""
        if node_id.startswith(("post_message_", "postmenu_")):
            return None
        if node.tag == "div":
            if has_class(node.get("class") or "", "smallfont"):
                notes.append(node)
            continue
        href = node.get("href") or ""
        if _links_ignore_list(href):
            ignore_link = True
        elif author is None and "member.php" in href and not any(node in note.iter("a") for note in notes):
            author = plausible_name(element_text(node))
    if not notes:
        return None
    # postbit_deleted's notice names who deleted it with a link to their profile ("This message has
    # been deleted by X"); postbit_ignore's links the ignore list; postbit_ignore_global's links nothing.
    deleted_by = not ignore_link and any("member.php" in (a.get("href") or "") for note in notes for a in note.iter("a"))
    return Notice(post_id, "deleted" if deleted_by else "ignored" if ignore_link else "hidden", author)


def _links_ignore_list(href: str) -> bool:
    """Does the address edit the viewer's ignore list (postbit_ignore's links)?"""
    return "userlist=ignore" in href or "do=editlist" in href or "do=ignorelist" in href


def hidden_error(notice: Notice) -> str:
    """What a post hidden behind a notice says: a loss for the viewer's ignore list (the board shows
    the post to everyone else), a caveat for a member the board silenced (it shows it to nobody)."""
    by = f" by {notice.author}" if notice.author else ""
    if notice.kind == "ignored":
        return (f"post {notice.post_id}: a post{by}, on the ignore list of the member who fetched the page: the page"
                " shows a notice in its place, without its words or time; not read")
    return (f"post {notice.post_id}: the page shows a notice in its place{by} (a member the board silenced):"
            " its words are not on this page")
