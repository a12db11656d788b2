"""A reply line's member: the link after "In reply to" names the member a post answers.

Why its own module: the generic parser and the MyBB parser both keep that member from being
taken for the post's author (a guest's post took the member its reply line answers, silently).
"""

from __future__ import annotations

import re

# The words before a link to the member a post answers ("In reply to <a>Name</a>'s post"): that
# member is never the post's author.
_REPLY_LABEL = re.compile(r"(?:\bin reply to|\breplying to|\breply to|\bin response to|\bresponding to"
                          r"|\bantwort auf|\ben réponse à|\bréponse à)\s*$", re.I)


def follows_a_reply_label(link) -> bool:
    """Does the text right before ``link`` end with a reply label ("In reply to")?

    Why: a guest's post, its poster a bare name in "Posted DATE by NAME", under a theme's "In
    reply to <a>NAME</a>'s post" line took that member as its author, silently: in the generic
    parser wherever its rule for a page's posters' line could not tell the lines apart (fuzz: a
    MyBB page read by that fallback, its head's class torn on one post), in the MyBB parser where
    a torn head held the reply line (fuzz seed 752)."""
    previous = link.getprevious()
    if previous is None:
        before = (link.getparent().text if link.getparent() is not None else None) or ""
    else:
        before = previous.tail or ""
        if not before.strip():
            # the label inside the element before (a browser's tree closes a permalink left open
            # at the next link: "<a>#2 In reply to </a><a>NAME</a>")
            before = "".join(previous.itertext()) + before
    return bool(_REPLY_LABEL.search(before[-40:]))
