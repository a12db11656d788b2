"""parsers/news/discard.py: trafilatura's discard XPaths asked in Python give the XPaths' elements.

The Python forms stand in for ``OVERALL_DISCARD_XPATH``, ``DISCARD_IMAGE_ELEMENTS`` and
``TEASER_DISCARD_XPATH`` during the parser's own reading
(:func:`parsers.news.reading.fast_body`), so they must give the same elements in the same order on
any tree: hand-made cases for each test of the expressions (attribute order included: an
``@id|@class`` node-set's string is the attribute written first), and the project's own news pages,
whole and as trafilatura cleans them. ``tests/test_parsers_news_reading.py`` checks the bodies read
with them against ``bare_extraction``'s.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA
from lxml import etree
from trafilatura import main_extractor, xpaths
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.settings import Extractor

from parsers.html_text import decode_body
from parsers.news.discard import python_discards
from parsers.news.extractor_tree import page_copy
from parsers.news.reading import FOLLOWED_VERSION, fast_body
from parsers.registry import build_tree

ROOT = Path(__file__).resolve().parent.parent
OWN_PAGES = sorted([*(ROOT / "crawler" / "demo_site" / "pages" / "arabnews").rglob("*.html"),
                    *(DATA / "news_bench_mini").rglob("*.html")])[:12]
DISCARDS = python_discards()
pytestmark = pytest.mark.skipif(len(DISCARDS) < 3, reason=f"trafilatura's expressions are not {FOLLOWED_VERSION}'s")

CASES = [
    "<div class='lead' id='cookie-box'>a</div>",  # @id|@class: the id, written last, is not read
    "<div id='cookie-box' class='lead'>a</div>",  # the id written first is
    "<div class='cookie-box' id='lead'>a</div>", "<div id='lead' class='cookie-box'>a</div>",
    "<span role='Navigation'>a</span>", "<span role='NAV'>a</span>", "<b role='nav'>a</b>",
    "<p data-lp-replacement-content=''>a</p>", "<section data-component='TheMostPopularStories'>a</section>",
    "<div id='ad-12'>a</div>", "<div id='top-ad-12'>a</div>", "<div class='box ad-12'>a</div>",
    "<div class='dfpAd'>a</div>", "<div class='Footer'>a</div>", "<div class='article-body'>a</div>",
    "<a class='reply-link' id='c1'>a</a>", "<a id='c1' class='reply-link'>a</a>",
    "<i id='x' style='visibility: hidden'>a</i>", "<i style='hidden' id='x'>a</i>",
    "<i style='display: none'>a</i>", "<i style='display:none'>a</i>", "<i class='comments-title'>a</i>",
    "<i class='comments-title x'>a</i>", "<i aria-hidden='true'>a</i>", "<i aria-hidden='TRUE'>a</i>",
    "<em class='x hide'>a</em>", "<em id='reader-comments'>a</em>", "<em>a<!-- note --><?pi x?></em>",
    "<div class='wp-caption'>a</div>", "<p id='captionbox'>a</p>", "<span class='Caption'>a</span>",
    "<div class='Teaser'>a</div>", "<section id='TeaserList'>a</section>", "<div class='TEASER'>a</div>",
]


def same(tree) -> bool:
    return all(expression(tree) == python(tree) for name, forms in DISCARDS.items()
               for expression, python in zip(getattr(xpaths, name), forms, strict=True))


@pytest.mark.parametrize("markup", CASES)
def test_each_test_of_the_expressions(markup):
    tree = etree.HTML(f"<html><body><div><div>{markup}</div>{markup}</div></body></html>")
    assert same(tree), markup


def test_one_matching_case_per_expression():
    sections, hidden = DISCARDS["OVERALL_DISCARD_XPATH"]
    # "cookie" is tested on the attribute written first of id and class: a's id, b's class "x".
    tree = etree.HTML("<html><body><div id='cookie' class='x'>a</div><div class='x' id='cookie'>b</div>"
                      "<p style='display: none'>c</p></body></html>")
    assert [e.text for e in sections(tree)] == ["a"]
    assert [e.text for e in hidden(tree)] == ["c"]


def test_own_news_pages_whole_and_cleaned():
    options = Extractor(fast=True, tables=True, comments=False, images=False)
    assert OWN_PAGES
    for path in OWN_PAGES:
        root = build_tree(decode_body(path.read_bytes()))
        assert same(root), path
        assert same(convert_tags(tree_cleaning(page_copy(root), options), options)), path


def test_trafilaturas_own_expressions_are_put_back():
    tree = etree.HTML("<html><body><article><p>" + "Words of the story. " * 30 + "</p></article></body></html>")
    options = Extractor(output_format="txt", fast=True, comments=False, formatting=False, links=False,
                        images=False, tables=True, dedup=False, with_metadata=False)
    assert fast_body(lambda: page_copy(tree), options) is not None
    for name in ("OVERALL_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS", "TEASER_DISCARD_XPATH"):
        assert getattr(main_extractor, name) is getattr(xpaths, name)
