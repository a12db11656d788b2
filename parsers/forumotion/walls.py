"""What a Forumotion board shows instead of a topic: its login page, or a message page.

Why here: a guest who asks for a topic of a forum only members may read is sent to the board's
login page (phpBB 2's ``viewtopic``, which Forumotion keeps: ``redirect(login?redirect=...)``), and
a topic that is gone gives a message page ("The topic or post you requested does not exist"). Neither
holds a post block, and neither may become an empty thread page.

- The login page: a form with a password field and the hidden ``redirect`` field that names the
  page asked for (phpBB 2's ``login_body``; Forumotion's login page is not among the templates a
  board edits). A wall: ``blocked``.
- A message page in the AwesomeBB version: its ``message_body`` template (Forumotion's template
  editor; Etana/template ``src/awesomebb/message_body.tpl``) is
  ``<div class="block"><div class="block-header">{MESSAGE_TITLE}</div>
  <div class="block-content">{MESSAGE_TEXT}</div></div>``, alone on a page without the topic's
  ``main`` element. Not a topic: ``unsupported``, with the message.
"""

from __future__ import annotations

from ..html_text import element_text
from ..values import words as _words

# What a message's block-content never holds: the listings and forms of a board's other pages.
_NOT_A_MESSAGE = ("table", "ul", "ol", "dl", "form")


def wall_of(root) -> tuple[str, str] | None:
    """``(kind, reason)`` for a Forumotion login or message page, or None for any other page."""
    for form in root.iter("form"):
        inputs = list(form.iter("input"))
        if not any((node.get("type") or "").lower() == "password" for node in inputs):
            continue
        asked = next((node.get("value") for node in inputs
                      if node.get("name") == "redirect" and (node.get("type") or "").lower() == "hidden"), None)
        if asked is not None:
            return "blocked", f"login required: Forumotion's login page stands in front of {asked.strip() or 'the page'}"[:500]
    if next(root.iter("main"), None) is not None:
        return None
    messages = [block for block in root.iter("div") if "block" in (block.get("class") or "").split()
                and _is_message(block)]
    if len(messages) != 1:
        return None
    header, content = (child for child in messages[0] if isinstance(child.tag, str))
    title, said = _words([element_text(header)]), _words([element_text(content)])
    return "unsupported", f"Forumotion message page, not a topic: {title}: {said}"[:500]


def _is_message(block) -> bool:
    children = [child for child in block if isinstance(child.tag, str)]
    if [(child.tag, (child.get("class") or "").split()) for child in children] != [
            ("div", ["block-header"]), ("div", ["block-content"])]:
        return False
    return next(children[1].iter(*_NOT_A_MESSAGE), None) is None
