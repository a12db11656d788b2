"""parsers.phpbb.common's speed helpers give what the slower code they replaced gave.

``text_of`` and ``words_of`` stand for ``" ".join(node.itertext())`` and ``words(node.itertext())``
without lxml's text iterator where they can; ``clean_url`` caches on the part of the page address
a join reads. Each expected value below is the replaced expression's own answer, asked of the same
element or address, or was worked out by hand (the addresses).
"""

from __future__ import annotations

import pytest
from lxml import etree, html

from parsers.phpbb.common import clean_url, text_of, words_of
from parsers.urls import urljoin
from parsers.values import words

ELEMENTS = [
    "<a>Name</a>",
    "<a></a>",
    "<a>  spaced\n name </a>",
    '<a href="x"><img src="a.png"></a>',
    '<a href="x"> <img src="a.png"> Name </a>',
    "<strong>x<!-- a comment -->y</strong>",
    "<span>one<b>two</b>three<i>four<u>five</u></i>six</span>",
    "<li><a>1</a> <strong>2</strong></li>",
]


@pytest.mark.parametrize("markup", ELEMENTS)
def test_text_of_and_words_of_read_what_itertext_reads(markup):
    node = html.fragment_fromstring(markup)
    assert text_of(node) == " ".join(node.itertext())
    assert words_of(node) == words(node.itertext())


def test_a_processing_instruction_and_empty_texts_read_as_itertext_reads_them():
    node = etree.fromstring("<a>x<?pi data?>t<b/>u</a>")
    assert text_of(node) == " ".join(node.itertext()) == "x t u"  # the PI's own text left out
    node = html.fragment_fromstring("<a>x<img>y</a>")
    node.text, node[0].text, node[0].tail = "", "", ""  # set by hand: a parsed page never has them
    assert text_of(node) == " ".join(node.itertext()) == "  "


PAGE = "https://forum.example/board/viewtopic.php?t=7&start=15&sid=0123456789abcdef0123456789abcdef#p9"


@pytest.mark.parametrize("href, expected", [
    # a path of its own: the page's directory alone is read, the sid dropped
    ("./memberlist.php?mode=viewprofile&u=5&sid=0123456789abcdef0123456789abcdef",
     "https://forum.example/board/memberlist.php?mode=viewprofile&u=5"),
    ("./viewtopic.php?p=9#p9", "https://forum.example/board/viewtopic.php?p=9#p9"),
    # a query or fragment alone: the page's path and (for a fragment) its query are read
    ("?t=7&start=30", "https://forum.example/board/viewtopic.php?t=7&start=30"),
    ("#p9", "https://forum.example/board/viewtopic.php?t=7&start=15#p9"),
    # written whole: nothing of the page's
    ("https://other.example/x.php?sid=0123456789abcdef0123456789abcdef", "https://other.example/x.php"),
])
def test_clean_url_reads_of_the_page_address_what_the_join_reads(href, expected):
    assert clean_url(PAGE, href) == expected
    # the same as joining against the whole address, then dropping the sid by hand
    joined = urljoin(PAGE, href).replace("sid=0123456789abcdef0123456789abcdef", "")
    assert clean_url(PAGE, href) == joined.replace("?&", "?").replace("&#", "#").rstrip("?&")


def test_clean_url_answers_each_page_of_a_board_for_its_own_address():
    # two pages of one topic share the answer for a path link, not for a query-only link
    other = "https://forum.example/board/viewtopic.php?t=8"
    assert clean_url(PAGE, "./viewtopic.php?p=3") == clean_url(other, "./viewtopic.php?p=3")
    assert clean_url(other, "?start=30") == "https://forum.example/board/viewtopic.php?start=30"
    assert clean_url(PAGE, "?start=30") == "https://forum.example/board/viewtopic.php?start=30"
    assert clean_url(other, "#p1") == "https://forum.example/board/viewtopic.php?t=8#p1"
