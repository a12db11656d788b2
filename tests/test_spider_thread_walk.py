"""crawler/spiders/thread_walk.py: which next pages a thread's walk refuses, and why."""

from __future__ import annotations

from crawler.spiders.thread_walk import ThreadWalk


def test_a_walk_takes_new_pages_in_order():
    walk = ThreadWalk(max_pages=10)
    assert walk.accept("u1", b"page one", ["1", "2"], 1, None) is None
    assert walk.accept("u2", b"page two", ["3", "4"], 2, 1) is None
    assert walk.accept("u3", None, ["5"], 3, 2) is None  # a 304: no body of its own to compare
    assert walk.accept("u4", None, ["6"], 4, 3) is None  # a second 304 is not "the same page"
    assert walk.pages == 4 and walk.next_page_refused() is None


def test_identical_bytes_repeated_posts_and_a_page_number_going_back_are_traps():
    walk = ThreadWalk(max_pages=10)
    walk.accept("u1", b"page one", ["1", "2"], 1, None)
    same = walk.accept("u1?x", b"page one", ["1", "2"], 2, 1)
    assert (same.kind, same.detail) == ("trap", "the same page again: its body is identical to u1")
    posts = walk.accept("u1?y", b"page one, other ads", ["1", "2"], 2, 1)
    assert posts.kind == "trap" and "the same 2 post(s) as u1" in posts.detail
    back = walk.accept("u9", b"another", ["9"], 1, 1)
    assert back.kind == "trap" and "says it is page 1" in back.detail
    assert walk.pages == 1  # none of them was taken


def test_the_page_cap_refuses_the_next_page():
    walk = ThreadWalk(max_pages=2)
    walk.accept("u1", b"one", ["1"], 1, None)
    assert walk.next_page_refused() is None
    walk.accept("u2", b"two", ["2"], 2, 1)
    refused = walk.next_page_refused()
    assert refused.kind == "page_cap" and "2 pages read in this run" in refused.detail
