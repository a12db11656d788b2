"""A post's likes and reactions as Discourse's browser app prints them under the post (app view).

Why: the topic JSON gives the counts (:mod:`.json_api`), but a page saved from a browser holds
only what the app drew; read nowhere, every post of it came back with no reactions although the
page prints them. What the app draws (discourse/discourse's post menu, widgets/post-menu.js and
later components/post/menu/buttons/like.gjs; discourse/discourse-reactions' counter, list and
state panel, as widgets and as Glimmer components, the same classes):

- without the reactions plugin: the like count, a ``button.like-count`` in the post menu
  (``nav.post-controls``, in a ``div.double-button`` beside the heart) whose words are the count;
  no button when nobody liked the post. Read as ``{"Like": N}``, as the JSON's likes.
- with it: ``div.discourse-reactions-counter`` whose ``span.reactions-counter`` is the number of
  people who reacted (each reacts once: the sum of the reactions' counts). Beside it, unless the
  only reaction is the like reaction (the counter is then ``only-like``), the list of the
  reactions given, ``div.discourse-reactions-list-emoji`` each (its id ends in the reaction's
  name, its ``img.emoji`` has it as ``:name:``), without each one's count. The state panel, drawn
  only while the reader had it open, prints each count (``.discourse-reactions-state-panel-reaction``:
  the emoji and ``.count``).

So: the panel's counts when it is open; else one reaction listed takes the whole count; else no
list means the like reaction (its emoji's name is a setting the page does not print: "Like");
else several reactions with one total between them: the names are known, not their counts, and
the error says so rather than guessing a split. Names are the reactions' ids, as the JSON's.
"""

from __future__ import annotations

import re
from typing import Callable

from ..html_text import element_text
from ..markup import class_test
from ..markup import xpath as _X
from ..values import first as _first
from ..values import words as _words
from .common import int_value

# Never in a post the reader unfolded inside this one (``section.embedded-posts``).
_OWN = f"[not(ancestor::*[{class_test('embedded-posts')}])]"
_LIKE_COUNT = _X(f".//nav[{class_test('post-controls')}]//button[{class_test('like-count')}]{_OWN}")
_COUNTER = _X(f".//*[{class_test('discourse-reactions-counter')}]{_OWN}")
_TOTAL = _X(f".//span[{class_test('reactions-counter')}]")
_LISTED = _X(f".//*[{class_test('discourse-reactions-list-emoji')}]")
_PANEL_REACTIONS = _X(f".//*[{class_test('discourse-reactions-state-panel-reaction')}]")
_PANEL_COUNT = _X(f".//*[{class_test('count')}]")
_EMOJI_ALT = _X(f".//img[{class_test('emoji')}]/@alt")
_LIST_ID = re.compile(r"^discourse-reactions-list-emoji-\d+-(.+)$")


def app_reactions(article, post_id: str | None, own: Callable[[list], list], errors: list[str]) -> dict[str, int]:
    """The reactions printed under the post ``article`` (see the module docstring); ``own`` keeps
    the nodes that are this post's (never a post unfolded inside it, nor a torn page's next post)."""
    counter = _first(own(_COUNTER(article)))
    if counter is not None:
        return _plugin_reactions(counter, post_id, errors)
    button = _first(own(_LIKE_COUNT(article)))
    count = _count(button)
    return {"Like": count} if count else {}


def _plugin_reactions(counter, post_id: str | None, errors: list[str]) -> dict[str, int]:
    total = _count(_first(_TOTAL(counter)))
    panel = {}
    for reaction in _PANEL_REACTIONS(counter):
        name, count = _emoji_name(reaction), _count(_first(_PANEL_COUNT(reaction)))
        if name and count:
            panel[name] = count
    if panel:
        return panel
    if not total:
        return {}
    listed = _LISTED(counter)
    if not listed:
        return {"Like": total}  # no list: the one reaction is the like reaction ("only-like")
    names = list(dict.fromkeys(n for n in (_emoji_name(item) for item in listed) if n))
    if len(names) == 1:
        return {names[0]: total}
    errors.append(f"post {post_id}: {total} reactions ({', '.join(names) or 'names not printed'}) without each"
                  " one's count (the app prints only the total); left out")
    return {}


def _emoji_name(node) -> str | None:
    """A reaction's name: the list item's id ends in it; an emoji image's alt is ``:name:``."""
    match = _LIST_ID.match(node.get("id") or "")
    if match:
        return match.group(1)
    alt = (_first(_EMOJI_ALT(node)) or "").strip()
    return alt.strip(":") or None


def _count(node) -> int | None:
    """The whole number a count's words are ("3", " 3 "), or None."""
    if node is None:
        return None
    count = int_value(_words([element_text(node)]))
    return count if count is not None and count > 0 else None
