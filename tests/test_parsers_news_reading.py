"""parsers/news/reading.py: its fast reading gives exactly the body trafilatura's ``bare_extraction`` gives.

``fast_body`` takes trafilatura's own steps for the parser's one setting, leaving out work that a
tree made for the reading does not need; wherever it cannot be sure, it calls ``bare_extraction``.
Here both read every element between each page's first paragraph and its ``<body>`` (the
candidates the parser hands over), on the project's own news pages and, when present, the news
pages of ``../shared`` (its news pages and 40 of the news benchmark's), and must give the same body, tag for tag.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import lxml.html
import pytest
import trafilatura
from conftest import DATA, REAL_FIXTURES
from lxml import etree
from trafilatura.settings import Extractor

from parsers.news.extractor_tree import contents_copy
from parsers.news.reading import FOLLOWED_VERSION, fast_body

ROOT = Path(__file__).resolve().parent.parent
OWN_PAGES = sorted([*(ROOT / "crawler" / "demo_site" / "pages").glob("aawsat*/**/*.html"),
                    *(ROOT / "crawler" / "demo_site" / "pages" / "arabnews").rglob("*.html"),
                    *(DATA / "news_bench_mini").rglob("*.html"), *(DATA / "news_spider").rglob("*.html")])
SHARED_PAGES = ([*sorted((REAL_FIXTURES / "news").glob("*.html")), *sorted((REAL_FIXTURES / "news-bench" / "html").glob("*.html.gz"))[:40]]
                if REAL_FIXTURES.is_dir() else [])


def options(url: str) -> Extractor:
    # The parser's fast reading (parsers/news/body.py): body only, tables kept, text output.
    made = Extractor(output_format="txt", fast=True, comments=False, formatting=False, links=False, images=False,
                     tables=True, dedup=False, with_metadata=False)
    made.url = made.source = url
    return made


def candidates(path: Path) -> list:
    data = path.read_bytes()
    root = lxml.html.fromstring(gzip.decompress(data) if path.suffix == ".gz" else data)
    first = next(root.iter("p"), None)
    if first is None:
        return []
    return [element for element in [first, *first.iterancestors()] if element.tag not in ("html", "p")]


def body_text(body) -> bytes | None:
    return None if body is None else etree.tostring(body, encoding="utf-8")


def check(path: Path) -> int:
    url = f"https://news.example/{path.name}"
    read = 0
    for element in candidates(path):
        expected = trafilatura.bare_extraction(contents_copy(element), options=options(url))
        assert body_text(fast_body(lambda: contents_copy(element), options(url))) == body_text(
            expected.body if expected is not None else None), (path, element.tag, element.get("class"))
        read += 1
    return read


def test_the_installed_trafilatura_is_the_one_whose_steps_are_followed():
    """Another version is read correctly too (through bare_extraction), only slower: this says so."""
    assert trafilatura.__version__ == FOLLOWED_VERSION


def test_the_fast_reading_is_trafilaturas_on_the_projects_own_news_pages():
    assert len(OWN_PAGES) >= 5
    assert sum(check(path) for path in OWN_PAGES) >= 10


@pytest.mark.skipif(not SHARED_PAGES, reason="../shared/fixtures/real is absent")
def test_the_fast_reading_is_trafilaturas_on_real_news_pages():
    assert sum(check(path) for path in SHARED_PAGES) >= 200
