"""One answer per page tree, computed on the first question and kept until another tree is asked about.

Why: several readers of a page ask the same costly question of its tree (its index of ids and
classes, its groups of post blocks, every element's text length), from modules that do not pass
answers to each other. Each answer is kept in one slot per thread and asyncio task (a
``ContextVar``), holding the tree's root and the answer: a parse in another thread or task never
sees this one's, and only the last tree asked about stays in memory, until the parse of its page
is over (:meth:`TreeMemo.forget_trees`). The answer is the tree's as it stood when first asked:
callers do not edit the tree and ask again.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Callable, Generic, TypeVar

Answer = TypeVar("Answer")


class TreeMemo(Generic[Answer]):
    """``compute(root)``, computed once for the tree whose root element is ``root``."""

    _every: list["TreeMemo"] = []

    def __init__(self, name: str, compute: Callable[[object], Answer]) -> None:
        self._slot: ContextVar[tuple[object, Answer] | None] = ContextVar(name, default=None)
        self._compute = compute
        TreeMemo._every.append(self)

    @classmethod
    def forget_trees(cls) -> None:
        """Empty every memo's slot of this thread or task: :func:`parsers.registry.parse_page` calls
        it when a page's parse is over. A slot kept its tree alive until the next page's first
        question: memory a crawl holds for nothing between two pages, and a tree freed then, after
        other work (the crawler's, another page's), cost more to free than one freed while it is
        still in the processor's caches (0.05 to 0.3 ms a real page, measured with another page
        parsed between two; up to 0.5 ms where the index was read in detection)."""
        for memo in cls._every:
            if memo._slot.get() is not None:
                memo._slot.set(None)

    def __call__(self, root) -> Answer:
        slot = self._slot.get()
        if slot is not None and slot[0] is root:
            return slot[1]
        answer = self._compute(root)
        self._slot.set((root, answer))
        return answer
