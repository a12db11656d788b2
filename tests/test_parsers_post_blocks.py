"""parsers/post_blocks.py: post blocks that stand inside one another (a lost </div>) are moved apart.

The pages are written here, a few lines each; what each test expects is read off them by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

from parsers.post_blocks import separate_nested
from parsers.registry import parse_page

CAPTURED_AT = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
DATA = Path(__file__).parent / "data"

PARSER = etree.HTMLParser()


def blocks_of(root) -> list:
    return [node for node in root.iter("div") if (node.get("id") or "").startswith("post_")]


def test_a_block_inside_another_is_moved_to_follow_it_with_the_text_after_it_kept():
    root = etree.fromstring('<html><body><div id="post_1">one<div id="post_2">two</div>tail of one</div>'
                            '<div id="post_3">three</div></body></html>', PARSER)
    separate_nested(blocks_of(root))
    body = root.find("body")
    assert [(child.get("id"), "".join(child.itertext())) for child in body] == [
        ("post_1", "onetail of one"), ("post_2", "two"), ("post_3", "three")]


def test_separate_nested_says_how_many_blocks_it_moved():
    """An engine may keep what it read from the blocks before (the FluxBB parser keeps its
    detection's post parts) only when nothing moved: 0 for apart blocks, 1 for one moved out."""
    apart = etree.fromstring('<html><body><div id="post_1">one</div><div id="post_2">two</div></body></html>', PARSER)
    assert separate_nested(blocks_of(apart)) == 0
    nested = etree.fromstring('<html><body><div id="post_1">one<div id="post_2">two</div></div>'
                              '<div id="post_3">three</div></body></html>', PARSER)
    assert separate_nested(blocks_of(nested)) == 1


def test_a_block_that_is_the_root_keeps_the_blocks_inside_it():
    """What is left of a page that lost its <html> and <body> tags: the first post's block is the
    tree's root, and nothing can follow the root. The nesting stays (the engines' shared-block checks
    report it) instead of raising."""
    root = etree.fromstring('<div id="post_1">one<div id="post_2">two</div></div>', etree.XMLParser())
    separate_nested(blocks_of(root))
    assert [node.get("id") for node in root.iter("div")] == ["post_1", "post_2"]
    assert root.find("div").get("id") == "post_2"


# --- say_unread_posts: a post the page names by its id, passed over --------------------------------

def _one_post_restyled(path: str, container: str) -> bytes:
    """The project's page with every class inside one post container (the XPath ``container``)
    renamed, as a theme that prints some posts with another template ("one-" and the class spelled
    backwards)."""
    root = etree.fromstring((DATA / path).read_bytes(), etree.HTMLParser(encoding="utf-8"))
    (container,) = root.xpath(container)
    for node in container.iter(etree.Element):
        if node.get("class"):
            node.set("class", " ".join("one-" + token[::-1] for token in node.get("class").split()))
    return etree.tostring(root, method="html", encoding="utf-8")


@pytest.mark.parametrize("path, url, container, post_id", [
    # phpBB 3.3 prosilver: post 70022's div#p70022 keeps its id; its classes are renamed.
    ("phpbb/phpbb33_prosilver.html", "https://ponds.example/forum/viewtopic.php?t=5150&start=20",
     "//div[@id='p70022']", "70022"),
    # vBulletin 5: the second post's li (data-node-id 4462, its anchor a#post4462) keeps its ids.
    ("arabic_packs/vb5_arabic.html", "https://dijla.example/forum/economy/4400-oil-report/page2",
     "//li[@data-node-id='4462']", "4462"),
])
def test_a_post_printed_by_another_template_is_named_not_passed_over(path, url, container, post_id):
    result = parse_page(_one_post_restyled(path, container), url, CAPTURED_AT)
    assert post_id not in [post.post_id for post in result.posts]
    assert (f"post {post_id}: its block was not read (the page names it by its id; its markup fits no post this "
            "parser reads)") in result.errors


def test_a_deleted_posts_placeholder_is_not_an_unread_post():
    # xf2_variants: post 1099 is a deleted post's placeholder (div.message--deleted), never read as
    # a post and never said to be lost.
    result = parse_page((DATA / "xenforo" / "xf2_variants.html").read_bytes(),
                        "https://board.example/threads/printer-trouble.555/page-2", CAPTURED_AT)
    assert "1099" not in [post.post_id for post in result.posts]
    assert not any(error.startswith("post 1099:") for error in result.errors)
