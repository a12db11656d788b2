"""parsers/tree_memo.py: an answer is computed once per tree, never handed to another tree or thread."""

from __future__ import annotations

import threading

from lxml import etree

from parsers.tree_memo import TreeMemo


def test_one_computation_per_tree_and_a_new_one_for_another_tree():
    asked = []
    memo = TreeMemo("test_count", lambda root: asked.append(root) or len(asked))
    first, second = etree.fromstring("<html><p/></html>"), etree.fromstring("<html><b/></html>")
    assert [memo(first), memo(first), memo(second), memo(second)] == [1, 1, 2, 2]
    assert memo(first) == 3  # only the last tree asked about is kept
    assert asked == [first, second, first]


def test_a_thread_never_gets_the_answer_of_another_threads_tree():
    memo = TreeMemo("test_thread", lambda root: root.tag)
    root = etree.fromstring("<html/>")
    assert memo(root) == "html"
    seen = []
    other = etree.fromstring("<body/>")
    thread = threading.Thread(target=lambda: seen.append(memo(other)))
    thread.start()
    thread.join()
    assert seen == ["body"] and memo(root) == "html"


def test_forgetting_the_trees_empties_every_slot():
    asked = []
    memo = TreeMemo("test_forget", lambda root: asked.append(root) or len(asked))
    root = etree.fromstring("<html><p/></html>")
    assert memo(root) == 1
    TreeMemo.forget_trees()
    assert memo(root) == 2  # computed again: the slot no longer held the tree


def test_a_parse_keeps_no_tree_once_it_is_over():
    # parse_page forgets the trees of every memo when it returns: a slot kept its tree until the next page.
    from datetime import datetime, timezone

    from parsers.registry import parse_page

    asked = []
    memo = TreeMemo("test_parse_forgets", lambda root: asked.append(root) or len(asked))
    root = etree.fromstring("<html><p/></html>")
    assert memo(root) == 1
    parse_page(b"<html><body><div class='post'>words</div></body></html>", "https://forum.example/t/1",
               datetime(2026, 1, 15, tzinfo=timezone.utc))
    assert memo(root) == 2
