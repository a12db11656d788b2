"""parsers/news/evidence.py: which pages are articles, and why, on hand-written pages
(tests/data/news_shapes, each says in its header what it shows)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.news.evidence import RUNNING_TEXT, article_evidence, longest_running_text, running_length
from parsers.page_tree import page_tree
from parsers.registry import parse_page

SHAPES = DATA / "news_shapes"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)


def tree(markup: str):
    return page_tree(markup)[0]


def paragraphs(count: int, words: int = 12) -> str:
    line = " ".join(["word"] * words) + "."
    return "".join(f"<p>{line}</p>" for _ in range(count))


@pytest.mark.parametrize("page, evidence", [
    ("json_ld_graph.html", "JSON-LD NewsArticle"),  # og:type says website; the @graph says NewsArticle
    ("og_name_nested_divs.html", "og:type article"),  # <meta name="og:type">, not property
    ("infinite_scroll.html", "og:type article"),
])
def test_what_the_page_declares(page, evidence):
    assert article_evidence(tree((SHAPES / page).read_text(encoding="utf-8"))) == evidence


def test_og_type_in_any_case_and_microdata():
    assert article_evidence(tree('<html><head><meta property="og:type" content="Article"></head><body></body></html>')) \
        == "og:type article"
    assert article_evidence(tree('<html><body><div itemscope itemtype="https://schema.org/NewsArticle/">'
                                 '<h1>x</h1></div></body></html>')) == "microdata NewsArticle"
    # Another schema.org type is no article.
    assert article_evidence(tree('<html><body><div itemscope itemtype="https://schema.org/Product">'
                                 '<h1>x</h1></div></body></html>')) is None


def test_shape_of_an_article_without_any_metadata():
    page = (SHAPES / "shape_only_loose_text.html").read_text(encoding="utf-8")
    evidence = article_evidence(tree(page))
    # The three loose-text paragraphs between <br>s: 193 + 195 + 184 characters (len() of the page's sentences).
    assert evidence == "page shape: a headline and 572 characters of running text in one container"


def test_a_page_of_teaser_cards_is_no_article():
    page = (SHAPES / "teaser_listing.html").read_text(encoding="utf-8")
    assert article_evidence(tree(page)) is None
    result = parse_page(page.encode(), "https://courier.example/local/", CAPTURED)
    assert result.kind == "unsupported" and result.reason.startswith("no parser recognises this page")


def test_running_text_counts_one_container_and_skips_short_lines():
    # 12 words of 4 letters, 11 spaces and a full stop: 60 characters a paragraph, over the 40 of a short line.
    one_parent = tree(f"<html><body><h1>t</h1><div>{paragraphs(7)}</div></body></html>")
    assert longest_running_text(one_parent) == 7 * 60
    spread = tree("<html><body><h1>t</h1>" + "".join(f"<div>{paragraphs(1)}</div>" for _ in range(7)) + "</body></html>")
    assert longest_running_text(spread) == 60
    short = tree(f"<html><body><h1>t</h1><div>{paragraphs(20, words=3)}</div></body></html>")
    assert longest_running_text(short) == 0
    assert longest_running_text(short, shortest=0) == 20 * len("word word word.")  # every line counted
    assert article_evidence(one_parent).startswith("page shape") and article_evidence(spread) is None
    assert 7 * 60 >= RUNNING_TEXT > 60


def test_running_text_without_a_headline_is_not_enough():
    assert article_evidence(tree(f"<html><body><div>{paragraphs(10)}</div></body></html>")) is None


def test_scripts_and_styles_are_no_running_text():
    script = "var x = 'a long line of code that is not running text at all, far over forty characters';" * 20
    assert longest_running_text(tree(f"<html><body><h1>t</h1><script>{script}</script></body></html>")) == 0


def test_chinese_and_japanese_characters_count_twice_in_running_text():
    assert running_length("The ferry left at seven.") == 24
    assert running_length("渡轮七点开出。") == 7 + 6  # six ideographs and a full stop
    assert running_length("フェリーは七時に出た") == 20
    assert running_length("Café au lait") == 12
