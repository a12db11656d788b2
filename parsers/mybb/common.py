"""Patterns the MyBB modules share."""

from __future__ import annotations

import re

from ..markup import xpath as _X


PAGE_TITLE = _X("/html/head/title/text()")

POST_ID = re.compile(r"^post_(\d+)$")
# "showthread.php?tid=7", "thread-7.html", "thread-7-post-70.html": "thread-" opens a path segment, so
# that a Google SEO slug ("Thread-best-thread-12-ideas") names no id.
THREAD_ID = re.compile(r"(?:[?&;]tid=|(?:^|/)thread-)(\d+)")

# A member's profile in each URL scheme MyBB boards use (inc/functions.php get_profile_link):
# "member.php?action=profile&uid=7", "user-7.html" (MyBB's search engine friendly URLs) and the
# Google SEO plugin's "User-Reel-Rita" (frostschutz/MyBB-Google-SEO, htaccess.example.txt), which
# names no id.
PROFILE_LINK = re.compile(r"(?:^|/)(?:member\.php\?[^#]*\baction=profile\b|user-\d+\.html(?![^?#])"
                           r"|User-[^/?#.]+(?![^?#]))")
# The post's "Find" button (postbit_find: "search.php?action=finduser&uid=7"): the poster's id
# where the profile link names none (Google SEO URLs).
FIND_USER = re.compile(r"search\.php\?[^#]*\baction=finduser\b[^#]*?[?&;]uid=(\d+)")
