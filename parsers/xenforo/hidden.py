"""The notice a hide add-on prints for a guest in place of a post's hidden words: left out of the
poster's words, and said.

Why: XenForo 2 add-ons that hide links, media or words from guests ("Hide Links/Medias to Guests",
whose public template ``bb_code_hide`` prints ``<div class="messageHide messageHide--{tag}">`` with
the board's phrase in it) leave that phrase where the hidden part was, in the post body, e.g.
forum.ragezone.com's "To view the content, you need to sign in or register". Read as text, the
board's phrase stood in the poster's own words and nothing said the post was incomplete for this
visitor. It is a caveat on what was read, not a lost post: the page's other words are whole.
"""

from __future__ import annotations

from ..html_text import drop_node

HIDDEN_CONTENT = "content the board hides from this visitor (a hide add-on's notice) is not read"

# The notice holds the board's phrase (a sign-in link at most); a box holding blocks of words is
# something else, kept.
_BLOCK_TAGS = frozenset({"div", "p", "blockquote", "pre", "table", "ul", "ol", "img", "article"})


def drop_hide_notices(body) -> bool:
    """Remove the hide notices (``div.messageHide``) from a post body, in place; True when there
    was one (the post's words are then incomplete for this visitor)."""
    notices = [node for node in body.iter("div")
               if "messageHide" in (node.get("class") or "").split()
               and not any(inner.tag in _BLOCK_TAGS for inner in node.iterdescendants())]
    for node in notices:
        drop_node(node)
    return bool(notices)
