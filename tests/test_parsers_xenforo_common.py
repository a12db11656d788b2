"""``parsers.xenforo.common.names_post``: the string search that replaced a pattern compiled for
each post's id (``(?:post-|posts/|#post-){id}(?:\\D|$)``), which a crawl (every post id new, Python
keeping 512 patterns) compiled anew for every post. It must answer as the pattern did."""

from __future__ import annotations

import itertools
import re

from parsers.xenforo.common import names_post

PIECES = ("post-", "posts/", "#post-", "threads/a.9/", "12", "123", "3", "\u0663", "\u00b2", "/", "#", "x", "?p=1")
IDS = ("12", "123", "3", "\u0663", "1\u00b2")


def test_names_post_answers_as_the_patterns_it_replaced():
    checked = 0
    for size in range(4):
        for pieces in itertools.product(PIECES, repeat=size):
            href = "".join(pieces)
            for post_id in IDS:
                assert names_post(href, post_id) == bool(
                    re.search(rf"(?:post-|posts/|#post-){post_id}(?:\D|$)", href)), (href, post_id)
                assert names_post(href, post_id, ("post-",)) == bool(
                    re.search(rf"post-{post_id}(?:\D|$)", href)), (href, post_id)
                checked += 1
    assert checked > 10_000


def test_names_post_examples():
    assert names_post("https://forum.example/threads/a.9/post-12", "12")
    assert names_post("/posts/12/", "12")
    assert names_post("threads/a.9/#post-12", "12")
    assert not names_post("threads/a.9/post-123", "12")  # another post
    assert names_post("post-123#post-12", "12")  # a later place names it
    assert not names_post("post-12\u0663", "12")  # an Arabic-Indic digit is a digit to the pattern too
    assert not names_post("posts/12/", "12", ("post-",))
