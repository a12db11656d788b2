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


def test_what_an_iframe_video_or_audio_holds_is_not_shown():
    """A browser draws the frame or the player, never the fallback words inside it ("Your browser
    does not support iframes"): they are not a poster's words. The text around them stays."""
    div = tree('<html><body><div>Watch this:<iframe src="https://video.example/e/1">Your browser does not'
               ' support iframes.</iframe> <video src="a.mp4">Get a better browser</video><audio>No audio'
               '</audio>then tell me.</div></body></html>').find(".//div")
    assert element_text(div) == "Watch this: then tell me."
