"""parsers/html_text.py: the visible text of an element.

Expected values written by hand from the markup in each test.
"""

from __future__ import annotations

from lxml import etree

from parsers.html_text import element_text


def tree(markup: str):
    return etree.fromstring(markup, etree.HTMLParser())


def test_comments_and_processing_instructions_print_nothing():
    """Templates leave comments anywhere ("<!-- message -->"), and a stray "<?php ?>" is parsed as
    one too. A reader asking for the text of such a child (a header's last child, a block's previous
    sibling) was given the comment's source as the page's words ("Anna wrote:" from a comment read as
    a quote's citation); the text around them stays."""
    div = tree("<html><body><div>Before<!-- Anna wrote: --> after <?php echo 1; ?><b>bold</b></div></body></html>"
               ).find(".//div")
    comment, instruction = div[0], div[1]
    assert element_text(comment) == ""
    assert element_text(instruction) == ""
    assert element_text(div) == "Before after bold"
