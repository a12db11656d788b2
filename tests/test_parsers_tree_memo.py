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
