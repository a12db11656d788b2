"""The words Discourse serves in place of a post's own: a post its author deleted, one hidden by flags.

Why: these are no one's words, and read as the post's text they were archived as what the member
wrote. Discourse keeps such a post in the topic, with its author, number and time (it counts in the
topic's posts and pages), so it stays a post, with empty words:

- deleted by its author: ``PostDestroyer`` replaces the post's raw with ``js.post.deleted_by_author_simple``
  ("(post deleted by author)", "(topic deleted by author)" for a first post) or, before 2023,
  ``js.post.deleted_by_author`` ("(post withdrawn by author, will be automatically deleted in 24 hours
  unless flagged)"); the JSON says ``user_deleted: true`` whatever the site's language;
- hidden after flags: the JSON gives an empty ``cooked`` with ``cooked_hidden: true`` to whoever may not
  see it; the crawler view (``topics/show.html.erb``) prints ``flagging.user_must_edit`` ("This post was
  flagged by the community and is temporarily hidden.") in its place. Its words are still the board's,
  only not served to this reader: the page's errors say so (not a loss: the page holds all it shows).

The HTML views (crawler view, and the app view saved from a browser) have no flag, so only the
English wording is known there.
"""

from __future__ import annotations

import re

from ..html_text import element_text
from ..values import words as _words

# "(post deleted by author)", "(topic withdrawn by author, will be automatically deleted in 24 hours unless flagged)"
_BY_AUTHOR = re.compile(r"^\((?:post|topic) (?:deleted|withdrawn) by author(?:,[^()]*)?\)$")
_FLAGGED = "This post was flagged by the community and is temporarily hidden."


def placeholder_words(body) -> str | None:
    """The words of a post body that may be one of these notices (one paragraph at most, with no
    markup inside: ``<p>(post deleted by author)</p>``), else None. Why: reading every post's words
    once more to compare them cost a tenth of the parse of a long topic; a notice is one line."""
    if len(body) > 1 or any(len(child) for child in body):
        return None
    return element_text(body)


def deleted_by_author(text: str) -> bool:
    """Are these a post's whole words the notice of its author's deletion?"""
    return bool(_BY_AUTHOR.match(_words([text])))


def hidden_by_flags(text: str) -> bool:
    """Are these a post's whole words the crawler view's notice of a post hidden by flags?"""
    return _words([text]) == _FLAGGED


def clear(body) -> None:
    """Leave a post body in place with no words: the placeholder's are no one's."""
    for child in list(body):
        body.remove(child)
    body.text = None


def hidden_error(post_id: str) -> str:
    return (f"post {post_id}: hidden after members flagged it; its words are not served to this reader"
            " (kept without them)")
