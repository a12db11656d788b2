"""Patterns the MyBB modules share."""

from __future__ import annotations

import re

from ..markup import xpath as _X


_PAGE_TITLE = _X("/html/head/title/text()")

_POST_ID = re.compile(r"^post_(\d+)$")
_THREAD_ID = re.compile(r"(?:[?&;]tid=|thread-)(\d+)")
