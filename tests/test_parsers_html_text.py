"""parsers/html_text.py: the visible text of an element.

Expected values written by hand from the markup in each test.
"""

from __future__ import annotations

import lxml.html
import pytest
from lxml import etree

from parsers.html_text import element_text, picture_words


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


@pytest.mark.parametrize("image, formula", [
    ('<img src="https://latex.codecogs.com/gif.latex?x%5E2" alt="x^2">', "x^2"),
    ('<img src="/cgi-bin/mimetex.cgi?a+b" alt="a+b">', "a+b"),
    ('<img src="https://s0.wp.com/latex.php?latex=e%5E%7Bi%5Cpi%7D&amp;bg=ffffff" alt="e^{i\\pi}" class="latex">',
     "e^{i\\pi}"),
    ('<img src="/latexrender/pictures/3f2a.png" alt="[tex]\\sqrt{2}[/tex]">', "[tex]\\sqrt{2}[/tex]"),
    ('<img src="/images/formula-71.png" class="tex" alt="\\int_0^1 f">', "\\int_0^1 f"),
    ('<img src="/images/smilies/smile.png" alt=":)" class="inlineimg">', None),
    ('<img src="https://i.imgur.example/pond.jpg" alt="The pond in May">', None),
    ('<img src="https://latex.codecogs.com/png.latex?x" alt=" ">', None),
    ('<img class="smilie smilie--emoji" src="/data/emoji/1f602.png" alt="😂">', "😂"),
    ('<img class="not-responsive emoji" src="/plugins/emoji/1f1eb-1f1f7.png" alt="🇫🇷">', "🇫🇷"),
    ('<img class="emoji" src="/twemoji/2764.png" alt="❤️">', "❤️"),
    ('<img class="smilies" src="/images/smilies/icon_e_wink.gif" alt=";)">', None),
    ('<img class="inlineimg" src="/images/smilies/5.gif" alt="5">', None),
])
def test_a_formula_or_emoji_picture_gives_its_words_and_no_other_picture_does(image, formula):
    assert picture_words(lxml.html.fragment_fromstring(image)) == formula
    words = element_text(lxml.html.fragment_fromstring(f"<p>Then {image} holds.</p>"))
    assert words == (f"Then {formula} holds." if formula else "Then holds.")
