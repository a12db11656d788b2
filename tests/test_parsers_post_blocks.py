"""parsers/post_blocks.py: post blocks that stand inside one another (a lost </div>) are moved apart.

The pages are written here, a few lines each; what each test expects is read off them by hand.
"""

from __future__ import annotations

from lxml import etree

from parsers.post_blocks import separate_nested

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


def test_a_block_that_is_the_root_keeps_the_blocks_inside_it():
    """What is left of a page that lost its <html> and <body> tags: the first post's block is the
    tree's root, and nothing can follow the root. The nesting stays (the engines' shared-block checks
    report it) instead of raising."""
    root = etree.fromstring('<div id="post_1">one<div id="post_2">two</div></div>', etree.XMLParser())
    separate_nested(blocks_of(root))
    assert [node.get("id") for node in root.iter("div")] == ["post_1", "post_2"]
    assert root.find("div").get("id") == "post_2"
