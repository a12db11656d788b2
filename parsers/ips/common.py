"""Patterns the Invision Community modules share."""

from __future__ import annotations

import re


ENGINE = "ips"  # the name registry.py and the archive know this parser by
QUOTES = frozenset({"blockquote"})

COMMENT_ID = re.compile(r"^elComment_(\d+)$")
