"""Patterns the Invision Community modules share."""

from __future__ import annotations

import re


ENGINE = "ips"  # the name registry.py and the archive know this parser by
QUOTES = frozenset({"blockquote"})

COMMENT_ID = re.compile(r"^elComment_(\d+)$")
# Every id IPS 4 and 5 print for a post: the post's block (elComment_N), the anchor before it
# (comment-N, what ?do=findComment links land on) and its content's wrapper (comment-N_wrap,
# which IPS's comment controller needs). A post whose block lost its id still has the others.
POST_NAMING_ID = re.compile(r"^(?:elComment_|comment-)(\d+)(?:_wrap)?$")
POST_NAMING_ID_PART = "omment"  # what every one of them holds
