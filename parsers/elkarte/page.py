"""The posts of an ElkArte topic page, each found by its message's id, with the parts of its block.

ElkArte (elkarte/Elkarte, themes/default/Display.template.php ``template_messages()``) prints each
post as ``article.post_wrapper`` (1.1, 2.0; ``div.windowbg``/``windowbg2``/``approvebg`` in 1.0)
around the poster list ``ul.poster`` (GenericMessages.template.php ``template_build_poster_div()``),
the date line ``h5#info_N``, the words ``section#msg_N.messageContent`` (1.0: ``div.inner#msg_N``),
the files attached ``#msg_N_footer.attachments`` (``template_display_attachments()``), the edit
notice ``li#modified_N``, the likes button and the signature ``div#msg_N_signature``. The
message's id is what every version and theme keeps, so the posts are found by it, and each post's
block is the wrapper around it.
"""

from __future__ import annotations

import re

from ..markup import has_class

MESSAGE_ID = re.compile(r"^msg_(\d+)$")
# 1.1+ wraps a post in <article class="post_wrapper">; 1.0 in a div classed by its row colour.
_WRAPPER_CLASSES = ("post_wrapper", "windowbg", "windowbg2", "approvebg")
# 1.0's like button, by what the viewer may do: like, unlike, or only see the count.
_LIKE_BUTTONS = ("like_button", "unlike_button", "likes_button")


class PostParts:
    """One post's block and the parts of it the parser reads (None where the block has none)."""

    def __init__(self, post_id: str, body, block) -> None:
        self.post_id = post_id
        self.body = body
        self.block = block
        self.shared = False  # the block holds another post's message too
        self.info = self.edit = self.author_link = self.likes = self.files = None
        if block is None:
            return
        # (the signature, div#msg_N_signature, is outside the message: never in the words)
        ids = {f"info_{post_id}": "info", f"modified_{post_id}": "edit", f"msg_{post_id}_footer": "files"}
        for node in block.iter():
            if not isinstance(node.tag, str):
                continue
            part = ids.get(node.get("id") or "")
            if part and getattr(self, part) is None:
                setattr(self, part, node)
            classes = node.get("class") or ""
            if node.tag == "a" and self.author_link is None and has_class(classes, "name") and _in_poster(node):
                self.author_link = node
            elif self.likes is None and _is_likes(node, classes):
                self.likes = node


def _in_poster(node) -> bool:
    """Is the link in the poster list (``ul.poster``), not in the post's words?"""
    return any(a.tag == "ul" and has_class(a.get("class") or "", "poster") for a in node.iterancestors("ul"))


def _is_likes(node, classes: str) -> bool:
    """1.1+: ``span.likes_indicator`` (the count); 1.0: the like button itself, "&nbsp;3&nbsp;Likes"."""
    if node.tag == "span":
        return has_class(classes, "likes_indicator")
    return node.tag == "a" and any(has_class(classes, name) for name in _LIKE_BUTTONS)


def find_posts(root) -> list[PostParts]:
    """Every post of the page in page order, by its message (``msg_N``, a ``section`` or a ``div``)."""
    posts, seen = [], set()
    for node in root.iter("section", "div"):
        match = MESSAGE_ID.match(node.get("id") or "")
        if not match or match.group(1) in seen:
            continue
        seen.add(match.group(1))
        posts.append(PostParts(match.group(1), node, _wrapper(node)))
    holders: dict[int, list[PostParts]] = {}
    for post in posts:
        if post.block is not None:
            holders.setdefault(id(post.block), []).append(post)
    for group in holders.values():
        if len(group) > 1:
            for post in group:
                post.shared = True
    return posts


def _wrapper(body):
    """The post's wrapper by its class; a theme that renames it: the widest element around the
    message that holds its date line (``h5#info_N``) and no other post's message, so its author
    and time are still read."""
    for ancestor in body.iterancestors("article", "div"):
        classes = ancestor.get("class") or ""
        if any(has_class(classes, name) for name in _WRAPPER_CLASSES):
            return ancestor
    own = body.get("id")
    info = f"info_{MESSAGE_ID.match(own).group(1)}"
    found = next((a for a in body.iterancestors() if any(n.get("id") == info for n in a.iter())), None)
    while found is not None and found.getparent() is not None and not _holds_another(found.getparent(), own):
        found = found.getparent()
    return found


def _holds_another(element, own: str) -> bool:
    return any(MESSAGE_ID.match(n.get("id") or "") and n.get("id") != own for n in element.iter("section", "div"))
