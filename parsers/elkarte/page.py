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

from ..markup import has_class, inside
from ..smf.parts import MESSAGE_ID  # the message's id, msg_N: SMF's, which its fork keeps
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
        self.shared = False  # the block holds a part of another post too (see below and find_posts)
        self.info = self.edit = self.author_link = self.likes = self.files = None
        self.time = None  # the date line's <time> (1.1+; see posts.post_time)
        if block is None:
            return
        # (the signature, div#msg_N_signature, is outside the message: never in the words)
        ids = {f"info_{post_id}": "info", f"modified_{post_id}": "edit", f"msg_{post_id}_footer": "files"}
        for node in block.iter():
            if not isinstance(node.tag, str):
                continue
            node_id = node.get("id")
            if node_id:
                part = ids.get(node_id)
                if part and getattr(self, part) is None:
                    setattr(self, part, node)
                # A part of another post in the block (a wrapper whose end tag a torn page lost, so
                # the next post stands inside it): the block is shared, its poster link may be theirs.
                other = _PART_ID.match(node_id)
                if other and other.group(1) != post_id:
                    self.shared = True
            classes = node.get("class") or ""
            if (node.tag == "a" and self.author_link is None and has_class(classes, "name") and _in_poster(node)
                    and not inside(node, body)):
                # (a poster list inside the post's own words is another post's, whose wrapper a torn
                # page lost: its poster is not this post's; fuzz seed 214)
                self.author_link = node
            elif self.likes is None and _is_likes(node, classes):
                self.likes = node
        if self.info is not None:
            self.time = next(self.info.iter("time"), None)


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
    """The post's wrapper by its class; a theme that renames it (or a page that lost its tag): the
    widest element around the message that holds its date line (``h5#info_N``) and no part of
    another post, so its author and time are still read."""
    for ancestor in body.iterancestors("article", "div"):
        classes = ancestor.get("class") or ""
        if any(has_class(classes, name) for name in _WRAPPER_CLASSES):
            return ancestor
    number = MESSAGE_ID.match(body.get("id")).group(1)
    info = f"info_{number}"
    found = next((a for a in body.iterancestors() if any(n.get("id") == info for n in a.iter())), None)
    while found is not None and found.getparent() is not None and not _holds_another(found.getparent(), number):
        found = found.getparent()
    return found


# The ids of a post's parts, each naming its message's number: the message (``msg_N``, and its
# ``msg_N_...`` boxes), the anchor before it (``msgN``), the date line, the subject, the icon, the
# edit notice and the buttons.
_PART_ID = re.compile(r"^(?:msg_?|info_|post_subject_|messageicon_|modified_|buttons_)(\d+)")


def _holds_another(element, number: str) -> bool:
    """Does ``element`` hold a part of another post than message ``number``? Why: not only its
    message: a post whose message id was torn is still there (its date line, its poster list), and
    a wrapper grown over it gave this post that post's poster, silently (fuzz stray_characters)."""
    for node in element.iter():
        match = _PART_ID.match(node.get("id") or "") if isinstance(node.tag, str) else None
        if match and match.group(1) != number:
            return True
    return False
