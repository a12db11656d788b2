"""parsers.browser_tree: a page whose posts lxml's tree mixes up is read again as a browser reads it.

The fixture (tests/data/broken_markup/smf21_stray_cell.html, hand-written) is an SMF 2.1 topic
page of four posts where the first post's words hold a table row outside any table and the third
a stray ``</td></tr>``. Expected authors, dates and words were read off the fixture by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA
from parsel import Selector

from parsers.browser_tree import BROWSER_TREE_NOTE, better_reading, browser_tree, mixed_up_posts
from parsers.models import Author, PageResult, Post
from parsers.page_tree import page_tree
from parsers.registry import ENGINES, parse_page

PAGE = DATA / "broken_markup" / "smf21_stray_cell.html"
URL = "https://smf21.example/index.php?topic=700.0"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
UTC = timezone.utc
EXPECTED = [  # (id, author, published, start of the words), read off the fixture
    ("7001", "Ada", datetime(2024, 5, 30, 15, 29, 46, tzinfo=UTC), "Here are the rates I copied:"),
    ("7002", "Bob", datetime(2024, 5, 30, 16, 2, 10, tzinfo=UTC), "Thanks, same at my exchange office."),
    ("7003", "Cyd", datetime(2024, 5, 30, 17, 45, tzinfo=UTC), "Mine ends the table wrong too:"),
    ("7004", "Guest Gina", datetime(2024, 5, 30, 18, 10, tzinfo=UTC), "Any news from the central bank?"),
]


def read(posts) -> list[tuple]:
    return [(p.post_id, p.author.name, p.published_at, p.text[:len(want[3])]) for p, want in zip(posts, EXPECTED)]


def test_lxml_tree_alone_mixes_up_the_posts():
    """What the second reading is for: from lxml's tree, the first post's block holds the next ones."""
    text = PAGE.read_text(encoding="utf-8")
    alone = ENGINES["smf"].parse(Selector(root=page_tree(text)[0], type="html"), URL, CAPTURED)
    assert alone.posts[0].author.name is None
    assert mixed_up_posts(alone) >= 1


def test_parse_page_reads_every_post_from_the_browser_tree():
    result = parse_page(PAGE.read_bytes(), URL, CAPTURED, "text/html; charset=utf-8")
    assert result.kind == "thread_page" and result.engine == "smf"
    assert read(result.posts) == EXPECTED
    assert len(result.posts) == 4
    assert "read from the tree a browser builds (html5lib)" in result.reason
    assert mixed_up_posts(result) == 0


def test_unbroken_page_is_read_from_lxml_tree_only():
    text = PAGE.read_text(encoding="utf-8").replace("<tr><td>IQD", "IQD").replace("</td></tr>", "")
    result = parse_page(text.encode(), URL, CAPTURED, "text/html; charset=utf-8")
    assert [p.author.name for p in result.posts] == ["Ada", "Bob", "Cyd", "Guest Gina"]
    assert result.reason is None


def test_browser_tree_is_a_plain_lxml_tree_without_namespaces():
    root = browser_tree('<p>a<td>b</td><div id="x" @click="go()">c</div>')
    assert root.tag == "html"
    assert root.xpath("//div[@id='x']/text()") == ["c"]
    assert not root.xpath("//td")  # a cell outside a table is not an element for a browser


def test_browser_tree_refuses_pages_over_its_size_cap(monkeypatch):
    from parsers import browser_tree as module
    monkeypatch.setattr(module, "MAX_BYTES", 100)
    assert module.browser_tree("<p>" + "x" * 200) is None


def test_a_name_html5lib_cannot_fit_for_lxml_leaves_the_page_to_lxmls_tree():
    """An attribute name with a character beyond U+FFFF (a fuzzed page had one) passes html5lib's
    renaming and lxml refuses it: no browser tree, and the page keeps its reading from lxml's tree
    instead of becoming a parser error."""
    assert browser_tree('<div a\U000ff82eb="1">x</div>') is None
    text = PAGE.read_text(encoding="utf-8").replace("<body", '<body data-x\U000ff82e="1"', 1)
    result = parse_page(text.encode(), URL, CAPTURED, "text/html; charset=utf-8")
    assert result.kind == "thread_page" and result.engine == "smf"
    assert len(result.posts) == 4 and mixed_up_posts(result) >= 1
    assert result.reason is None or "html5lib" not in result.reason
    # Said, not silent: the mixed-up posts are errors already, and why the page was not read again.
    assert any("could not be read again as a browser builds it" in error for error in result.errors)


def test_a_page_whose_posts_are_not_mixed_up_never_asks_for_the_browser_tree():
    text = PAGE.read_text(encoding="utf-8").replace("<tr><td>IQD", "IQD").replace("</td></tr>", "")
    text = text.replace("<body", '<body data-x\U000ff82e="1"', 1)
    result = parse_page(text.encode(), URL, CAPTURED, "text/html; charset=utf-8")
    assert [p.author.name for p in result.posts] == ["Ada", "Bob", "Cyd", "Guest Gina"]
    assert not any("browser" in error for error in result.errors)


def test_deep_nesting_is_read_flat_and_quickly():
    root = browser_tree("<div>" * 5000 + "deep words" + "</div>" * 5000 + "<p id='after'>after</p>")
    assert root.xpath("string(//p[@id='after'])") == "after"
    assert "deep words" in root.xpath("string(//body)")


def post(post_id: str, author: str | None) -> Post:
    return Post(post_id=post_id, url=None, position=1, author=Author(author), published_at=None, text="", html="")


@pytest.mark.parametrize("second_posts, second_errors, kept", [
    (["1", "2"], [], "second"),  # no post mixed up, none lost
    (["1"], [], "first"),  # a post lost
    (["1", "2"], ["post 2: its block of the page holds other posts too (x)"], "first"),  # no better
])
def test_better_reading_keeps_the_second_only_when_strictly_better(second_posts, second_errors, kept):
    first = PageResult(kind="thread_page", url=URL, engine="smf", posts=[post("1", None), post("2", "B")],
                       errors=["post 1: its block of the page holds other posts too (a closing tag is missing?)"])
    second = PageResult(kind="thread_page", url=URL, engine="smf", posts=[post(i, "A") for i in second_posts],
                        errors=second_errors)
    chosen = better_reading(first, second)
    assert chosen is (second if kept == "second" else first)
    if kept == "second":
        assert chosen.reason == BROWSER_TREE_NOTE.format(lxml=1, posts=2)


def test_mixed_up_posts_counts_shared_blocks_skipped_posts_and_an_empty_page():
    page = PageResult(kind="thread_page", url=URL, engine="xenforo", posts=[post("1", "A")], errors=[
        "post 2: no post body found; post skipped",
        "post 3: its block of the page holds other posts too (a closing tag is missing?); its author is not read",
        "post 1: quotes nested deeper than 30 levels",
    ])
    assert mixed_up_posts(page) == 2
    assert mixed_up_posts(PageResult(kind="thread_page", url=URL, engine="xenforo")) == 1
    assert mixed_up_posts(PageResult(kind="unsupported", url=URL, reason="x")) == 0
