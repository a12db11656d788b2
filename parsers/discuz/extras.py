"""What Discuz! prints in a post block beside its message: the classified-info table of the
thread's first post, and a floor-reply plugin's replies under a floor.

**Classified information** (``分类信息``, a forum with thread sorts: a flat to rent, a car to sell):
``forum/viewthread_node.htm`` prints ``$threadsortshow['optionlist']`` for the first post only, before
the message's ``div.t_fsz``: ``div.typeoption > table.cgtl`` with a ``caption`` (the sort's name) and
one ``tr`` a field (``th`` "租金:", ``td`` its value and unit); the touch template and many themes a
``div.box_ex2.viewsort`` with an ``h4`` and "title: value" lines (or a table). It is what the poster
filled in, so it is part of the post: its lines come first in the post's text and its markup first
in its html. A board's own ``typetemplate`` (printed without a wrapper) is not recognised.

**Floor replies** ("楼中楼", plugins such as cack_lzl): short replies shown under a floor in a
``div.lzl_view_list`` of ``.lzl_reply`` items. Their markup differs from plugin to plugin and
version to version (no public template to read them by), so they are not read as posts: each
floor's count is named in ``errors`` (never lost without a word), and a list printed inside the
floor's message is taken out of it (the words are other members', not the floor poster's).
"""

from __future__ import annotations

from lxml import etree

from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import has_class
from ..values import words as _words

_REPLY_ITEMS = ("lzl_reply", "lzl_single_post", "lzl_li")


class Extras:
    """The sort boxes and floor-reply lists of a page's post blocks, by the block's id."""

    def __init__(self, root, blocks: list) -> None:
        self.sorts: dict[int, object] = {}
        self.floor_lists: dict[int, list] = {}
        self.loose_replies: dict[int, list] = {}
        owners = {id(block): block for block in blocks}
        for node in _candidates(root):
            classes = node.get("class") or ""
            owner = _owner(node, owners)
            if owner is None:
                continue
            if node.tag == "div" and (has_class(classes, "typeoption") or
                                      (has_class(classes, "viewsort") and has_class(classes, "box_ex2"))):
                self.sorts.setdefault(id(owner), node)
            elif has_class(classes, "lzl_view_list"):
                self.floor_lists.setdefault(id(owner), []).append(node)
            elif any(has_class(classes, name) for name in _REPLY_ITEMS):
                self.loose_replies.setdefault(id(owner), []).append(node)

    def sort_box(self, block):
        """The classified-info box of ``block`` (its first post) when it stands outside the message
        (desktop: before ``div.t_fsz``), or None: one inside the message (the touch template's
        ``div.message``) is read with it already."""
        box = self.sorts.get(id(block))
        if box is None:
            return None
        for ancestor in box.iterancestors():
            if ancestor is block:
                return box
            classes = ancestor.get("class") or ""
            if (ancestor.get("id") or "").startswith("postmessage_") or has_class(classes, "message") \
                    or has_class(classes, "t_f"):
                return None
        return box

    def take_floor_replies(self, block, post_id: str, errors: list[str]) -> None:
        """Name in ``errors`` the floor replies under ``block`` (not read) and take their list out
        of the block, so no reader of the message takes their words for the floor poster's."""
        lists = [node for node in self.floor_lists.get(id(block), []) if not _inside_any(node, self.floor_lists[id(block)])]
        loose = [item for item in self.loose_replies.get(id(block), []) if not _inside_any(item, lists)]
        count = sum(_replies_in(node) for node in lists) + len(loose)
        if not count:
            return
        errors.append(f"post {post_id}: {count} floor repl{'y' if count == 1 else 'ies'} (楼中楼, div.lzl_view_list)"
                      " under this floor not read: their markup is a plugin's own")
        for node in lists + loose:
            if node.getparent() is not None:
                drop_node(node)


def sort_text_and_html(box) -> tuple[str, str]:
    """The box's words, one field a line ("租金: 1500 元/月"), and its markup."""
    lines = []
    rows = list(box.iter("tr"))
    if rows:
        caption = next(iter(box.iter("caption")), None)
        if caption is not None and _words(caption.itertext()):
            lines.append(_words(caption.itertext()))
        for row in rows:
            cells = [_words(cell.itertext()) for cell in row if cell.tag in ("th", "td")]
            line = " ".join(cell for cell in cells if cell)
            if line:
                lines.append(line)
        text = "\n".join(lines)
    else:
        text = element_text(box)
    return text, sanitise(inner_html(box))


def _candidates(root):
    """One walk of the page for both (a post block holds either rarely): every element whose class
    names a sort box or a floor-reply part, in document order; the tokens are tested by the caller.

    Why a walk in Python: the XPath ``//*[contains(@class, ...) or ...]`` cost three times as much
    (0.3 ms of a 10 KB page, a sixth of its parse)."""
    for node in root.getroottree().iter(etree.Element):
        classes = node.get("class")
        if classes and ("typeoption" in classes or "viewsort" in classes or "lzl_" in classes):
            yield node


def _owner(node, owners: dict):
    for ancestor in node.iterancestors():
        block = owners.get(id(ancestor))
        if block is not None:
            return block
    return None


def _inside_any(node, others: list) -> bool:
    return any(other is not node and any(a is other for a in node.iterancestors()) for other in others)


def _replies_in(holder) -> int:
    """The replies a floor's list holds: its ``.lzl_reply`` (or like) items, else its element
    children that are no pager."""
    items = [n for n in holder.iter() if n is not holder and isinstance(n.tag, str)
             and any(has_class(n.get("class") or "", name) for name in _REPLY_ITEMS)]
    if items:
        return len([item for item in items if not _inside_any(item, items)])
    return sum(1 for child in holder if isinstance(child.tag, str)
               and not any(word in (child.get("class") or "") for word in ("pg", "page", "more")))
