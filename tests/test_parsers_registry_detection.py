"""parsers.registry.detect_engine: the engines' ``claims`` (a look at the root and head alone) are asked
before any ``detect``, and that must never change which engine reads a page.

Checked on every HTML page the project has: the hand-written fixtures of ``tests/data`` and, when
``../shared`` is there, the real saved pages. For each page, every ``claims`` that says yes must be
backed by the same engine's ``detect``, and the two-round answer must be the one asking every
``detect`` in ``ENGINES`` order gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA
from parsel import Selector

from parsers.html_text import decode_body
from parsers.page_tree import page_tree
from parsers.registry import ENGINES, detect_engine

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "real"
CLAIMING = [name for name, module in ENGINES.items() if hasattr(module, "claims")]


def pages() -> list[Path]:
    found = sorted(path for path in DATA.glob("**/*.html") if path.is_file())
    if REAL.is_dir():
        found += sorted(REAL.glob("*/*.html"))
    return found


def in_order(doc: Selector) -> str | None:
    """The answer before ``claims``: every ``detect`` in order."""
    return next((name for name, module in ENGINES.items() if module.detect(doc)), None)


def test_the_engines_that_claim_pages():
    # The engines with a root or head signature every theme keeps; the rest are found by detect alone.
    assert set(CLAIMING) == {"ips", "xenforo", "phpbb", "vbulletin", "smf", "mybb", "discourse", "vanilla",
                             "forumotion", "flarum", "elkarte",
                             "nodebb", "fluxbb", "phpbb2", "discuz", "proboards", "ipb3"}


@pytest.mark.parametrize("path", pages(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_claims_never_change_which_engine_reads_a_page(path):
    text = decode_body(path.read_bytes())
    doc = Selector(root=page_tree(text)[0], type="html")
    for name in CLAIMING:
        if ENGINES[name].claims(doc.root):
            assert ENGINES[name].detect(doc), f"{name} claims a page its detect does not take"
    assert detect_engine(doc) == in_order(Selector(root=page_tree(text)[0], type="html"))


def test_a_page_with_no_signature_is_claimed_by_none():
    doc = Selector(root=page_tree("<html><head><title>x</title></head><body><p>words</p></body></html>")[0],
                   type="html")
    assert not any(ENGINES[name].claims(doc.root) for name in CLAIMING)
    assert detect_engine(doc) is None
