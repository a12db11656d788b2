"""Parsing a page leaves no reference cycle behind: its tree and records are freed when the parse ends.

Why: an object in a reference cycle outlives its last use until Python's garbage collector runs.
A parser that left one (a function defined inside another that calls itself holds itself in its
closure, with whatever it reaches: posts, elements, and through any element the page's whole
tree) kept each page's tree in memory after its parse, and made the collector run in the middle
of later pages, milliseconds each (XenForo's quote walk did, on every quote: 0.4 ms a page of a
collector's time on the shared XenForo pages, measured before the fix). ``parse_page`` frees the
tree when it is done (``TreeMemo.forget_trees``); that holds only if nothing else holds it.

Only the project's own objects are counted: html5lib's tree builder, which reads a page whose
posts lxml's tree mixed up (``parsers.browser_tree``), links its nodes both ways by design.
"""

from __future__ import annotations

import gc
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from parsers.registry import parse_page

DATA = Path(__file__).parent / "data"
CAPTURED = datetime(2026, 12, 7, tzinfo=timezone.utc)
# Every page and API answer written for the tests.
FOLDERS = sorted(p for p in DATA.iterdir() if p.is_dir())


def garbage_of(path: Path) -> Counter:
    """The project's objects (its functions, its classes' instances) that one parse of ``path`` left
    in reference cycles, by name."""
    body = path.read_bytes()
    gc.collect()
    gc.freeze()  # what lived before the parse is set aside: each collection then looks at the parse's objects only
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        parse_page(body, "https://forum.example/threads/a-thread.1/", CAPTURED, budget_seconds=None)
        gc.collect()
        return Counter(_name(thing) for thing in gc.garbage if _name(thing).startswith("parsers."))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.unfreeze()


def _name(thing) -> str:
    if callable(thing) and hasattr(thing, "__qualname__") and not isinstance(thing, type):
        return f"{getattr(thing, '__module__', None)}.{thing.__qualname__}"
    return f"{type(thing).__module__}.{type(thing).__qualname__}"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_no_page_leaves_a_reference_cycle(folder):
    pages = sorted(p for p in folder.rglob("*") if p.suffix in (".html", ".htm", ".json") and p.is_file())
    left = {path.relative_to(DATA).as_posix(): garbage_of(path) for path in pages}
    assert {name: dict(kinds) for name, kinds in left.items() if kinds} == {}
