"""The forum checks' XPaths, written from the attributes up, find what their plain forms found.

Why: libxml2 tests a predicate on ``//*`` for every element of the page, and ``//body`` for every
node, several times slower than it collects attribute nodes or lxml's tag filter walks; the
forum checks run on every news page, so :mod:`parsers.forum_evidence` asks the faster forms
(issue 19). They must give the same nodes in the same order on every sample page, and on every
shared real page when ../shared is present.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from lxml import etree

from parsers import forum_evidence
from parsers.html_text import decode_body
from parsers.registry import build_tree

from conftest import DATA, REAL_FIXTURES, ROOT

DEMO_PAGES = ROOT / "crawler" / "demo_site" / "pages"


def saved_pages() -> list[Path]:
    pages = [p for base in (DEMO_PAGES, DATA) for p in base.rglob("*.html") if p.is_file()]
    if REAL_FIXTURES.is_dir():
        pages += list(REAL_FIXTURES.glob("*/*.html")) + list((REAL_FIXTURES / "news-bench" / "html").glob("*.html.gz"))
    return sorted(pages)


def test_fast_xpaths_find_what_the_plain_ones_found():
    misses = []
    for path in saved_pages():
        body = path.read_bytes()
        root = build_tree(decode_body(gzip.decompress(body) if path.name.endswith(".gz") else body))
        if forum_evidence.ITEM_TYPES(root) != root.xpath("//*[@itemscope]/@itemtype", smart_strings=False):
            misses.append(f"{path.name}: item types")
        if forum_evidence.bodies(root) != root.xpath("//body"):
            misses.append(f"{path.name}: bodies")
        # The <body> itself may be among the id holders: it never makes a group of three siblings.
        anchored = [e for e in forum_evidence.ANCHORED(root) if e.tag != "body"]
        if anchored != root.xpath("//body//*[@id]"):
            misses.append(f"{path.name}: anchored")
        if forum_evidence.ROWS(root) != root.xpath("//body//tr[td]"):
            misses.append(f"{path.name}: rows")
        if forum_evidence.json_ld_texts(root) != root.xpath("//script[@type='application/ld+json']/text()"):
            misses.append(f"{path.name}: JSON-LD texts")
    assert not misses, misses[:20]


def test_a_body_with_an_id_makes_no_group_of_anchors():
    page = ("<html><body id='post-1234'><div id='post-1001'><a href='/member/a'>a</a> 11.06.2020</div>"
            "<div id='post-1002'><a href='/member/b'>b</a> 12.06.2020</div></body></html>")
    root = etree.HTML(page)
    assert [e.get("id") for e in forum_evidence.ANCHORED(root)] == ["post-1234", "post-1001", "post-1002"]
    assert forum_evidence.anchored_post_rows(root) is None


def test_json_ld_texts_are_the_xpaths_text_nodes():
    page = ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script>"
            "<script>var x = 1;</script><script type='application/ld+json'></script>"
            "<script type='text/ld+json'>{}</script></head><body><p>Words</p>"
            "<script type='application/ld+json'>[{\"@type\": \"Comment\"}]</script></body></html>")
    root = etree.HTML(page)
    assert forum_evidence.json_ld_texts(root) == root.xpath("//script[@type='application/ld+json']/text()") \
        == ['{"@type": "NewsArticle"}', '[{"@type": "Comment"}]']
