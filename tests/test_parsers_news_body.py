"""parsers/news/body.py and the news parser's choice of scope and of appended articles, on
hand-written pages (tests/data/news_shapes, each says in its header what it shows). The expected
paragraphs are the pages' own sentences, read from the files."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA
from lxml import etree

from parsers.models import Block
from parsers.news.body import ELEMENT_SHARE, FOUND_IN_PAGE, blocks_of, blocks_within, body_scope
from parsers.registry import parse_page

SHAPES = DATA / "news_shapes"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)


def read(page: str, url: str = "https://courier.example/story"):
    result = parse_page((SHAPES / page).read_bytes(), url, CAPTURED)
    assert result.kind == "article_page", result.reason
    return result


def opening_words(article) -> list[str]:
    return [" ".join(block.text.split()[:4]) for block in article.blocks]


def test_paragraphs_in_nested_divs_and_a_table_are_all_kept_and_the_sidebar_is_not():
    (article,) = read("og_name_nested_divs.html").articles
    assert opening_words(article) == [
        "The small car ferry", "Commuters who had been", "The council said the", "Crossing | Cars 06:10",
        "Fares are unchanged at"]
    assert article.blocks[3] == Block("table", "Crossing | Cars\n06:10 | 11\n06:40 | 9")
    assert "Related stories" not in article.text and "bridge toll" not in article.text
    assert "All rights reserved" not in article.text and "Weather" not in article.text


def test_loose_text_between_line_breaks_is_one_paragraph_each_and_the_menu_is_left_out():
    (article,) = read("shape_only_loose_text.html").articles
    assert article.title == "Town hall clock is ticking again"
    assert opening_words(article) == ["The clock on the", "The restorer, who learnt", "The chimes will stay"]
    assert "Waste and recycling" not in article.text and "Privacy" not in article.text


def test_a_header_only_article_element_does_not_hide_the_rest_of_the_body():
    (article,) = read("header_only_article.html").articles
    assert opening_words(article) == [
        "The public swimming pool", "Inspectors found that several", "The leisure trust that",
        "Season ticket holders will", "The trust said it", "The repairs will cost"]


def test_an_article_element_holding_the_story_keeps_teasers_and_share_boxes_out():
    (article,) = read("chrome_outside_article.html").articles
    assert opening_words(article) == [
        "A family bakery on", "The judges praised the", "The owner, whose grandmother", "The bakery will go"]
    assert "bridge free of tolls" not in article.text and "SHARE YOUR STORY" not in article.text


def test_infinite_scroll_is_split_into_whole_articles_and_a_shop_card_is_none_of_them():
    result = read("infinite_scroll.html", "https://courier.example/transport/rail-line-reopens")
    assert [(a.main, a.url, a.title) for a in result.articles] == [
        (True, "https://courier.example/transport/rail-line-reopens", "Rail line to reopen in spring"),
        (False, "https://courier.example/local/ferry-returns", "River ferry returns after two-year pause"),
        (False, "https://courier.example/local/clock-ticks-again", "Town hall clock is ticking again"),
    ]
    main = result.articles[0]
    assert opening_words(main) == ["The branch line between", "Engineers removed more than", "Trains will run every"]
    assert "ferry" not in main.text and "Model railway" not in main.text
    assert not any("amazon" in a.url for a in result.articles)
    assert result.errors == []


def trafilatura_body(markup: str):
    return etree.fromstring(f"<body>{markup}</body>")


def test_a_layout_tables_body_cell_keeps_its_lead_and_each_line_is_a_paragraph():
    (article,) = read("layout_table_body_cell.html").articles
    paragraphs = [block.text for block in article.blocks if block.type == "paragraph"]
    lead = ("HARBOURTOWN: The port authority opened its second container berth yesterday, two months"
            " ahead of the schedule it set when the work began.")
    assert lead in paragraphs
    assert paragraphs[paragraphs.index(lead) + 1:paragraphs.index(lead) + 4] == [
        "The berth adds room for three feeder ships at a time, and the cranes ordered for it arrived by sea"
        " in the last week of December.",
        "Shipping lines that call at the port said the wait for a berth had grown to four days during the autumn.",
        "The authority said a third berth would be tendered in the spring, once the dredging of the channel is"
        " finished. \u2013 Staff"]
    assert "All rights reserved" not in article.text


def test_a_table_cell_of_lines_between_breaks_is_paragraphs_not_one_table_block():
    (article,) = read("layout_table_cell_alone.html").articles
    assert [(block.type, " ".join(block.text.split()[:3])) for block in article.blocks] == [
        ("paragraph", "The port authority"), ("paragraph", "The berth adds"), ("paragraph", "Shipping lines said"),
        ("paragraph", "A third berth")]


def test_without_metadata_titles_the_headline_agreeing_with_the_page_title_is_the_title():
    page = (SHAPES / "headline_div_hidden_form_section_label.html").read_bytes()
    (article,) = parse_page(page, "https://coast.example/2008/01/09/pilots", CAPTURED).articles
    assert article.title == "Harbour pilots to work in pairs at night"
    # With no element agreeing with the <title>, the first heading a reader sees: never a hidden one.
    unagreeing = page.replace(b"<title>Harbour pilots to work in pairs at night - Coast Times</title>",
                              b"<title>Coast Times</title>")
    unagreeing = unagreeing.replace(b'<div class="categories"><h2>Harbours</h2></div>', b"")
    assert b"<h2>Harbours" not in unagreeing and b"<h2>Please log in" in unagreeing
    (article,) = parse_page(unagreeing, "https://coast.example/2008/01/09/pilots", CAPTURED).articles
    assert article.title is None
    # A wrapper classed as a title area around the heading and a date line is not the title: the heading is.
    wrapped = page.replace(b'<div class="headline">Harbour pilots to work in pairs at night</div>',
                           b'<div class="title-area"><h2>Harbour pilots to work in pairs at night</h2>'
                           b'<span>January 9, 2008</span></div>')
    assert wrapped != page
    (article,) = parse_page(wrapped, "https://coast.example/2008/01/09/pilots", CAPTURED).articles
    assert article.title == "Harbour pilots to work in pairs at night"


def test_a_headline_printed_as_the_bodys_first_paragraph_is_the_title_not_a_block():
    """An old site prints its headline as a styled paragraph ("p.Title_Big_News") at the top of
    the body, with no metadata title: it came back as the title and as the body's first block."""
    lines = "".join(f"<p>Paragraph {n} of the story about the lighthouse keepers, long enough to be running"
                    f" text of the body, with a few more words to make it so.</p>" for n in range(1, 5))
    page = (f"<html><head><title>harbour times : Lighthouse keepers return</title></head><body>"
            f"<div><a href='/'>Home</a></div><div class='news'><p class='Title_Big_News'><b>Lighthouse keepers"
            f" return</b></p>{lines}</div></body></html>").encode()
    (article,) = parse_page(page, "https://harbour.example/index_View.asp?code=7", CAPTURED).articles
    assert article.title == "Lighthouse keepers return"
    assert article.blocks[0].text.startswith("Paragraph 1 of the story")


def test_blocks_of_reads_every_depth_and_loose_text_in_order():
    body = trafilatura_body("<head>Deals</head>Loose text after a heading."
                            "<div><p>In a div.</p><div><p>Deeper<lb/>and a second line.</p></div></div>"
                            "<list><item>one</item><item>two</item></list><quote>Said <hi>so</hi>.</quote>tail text")
    assert blocks_of(body) == [
        Block("subheading", "Deals"), Block("paragraph", "Loose text after a heading."),
        Block("paragraph", "In a div."), Block("paragraph", "Deeper"), Block("paragraph", "and a second line."),
        Block("list", "one\ntwo"), Block("quote", "Said so."), Block("paragraph", "tail text")]
    assert blocks_of(None) == []


def words(count: int, word: str = "word") -> list[Block]:
    return [Block("paragraph", " ".join([word] * count))]


@pytest.mark.parametrize("inner, whole, scope", [
    (words(70), words(70) + words(30, "teaser"), "element"),  # 70% of the page's reading, all found there
    (words(45), words(45) + words(55, "more"), "page"),  # the element holds under 60%: body outside it
    (words(70, "other"), words(100), "page"),  # the element's words are not the page's reading
    ([], words(10), "page"),
    (words(10), [], "element"),
])
def test_body_scope_by_share_and_containment(inner, whole, scope):
    assert ELEMENT_SHARE == 0.6 and FOUND_IN_PAGE == 0.9
    assert body_scope(inner, whole) == scope


def test_blocks_within_keeps_the_blocks_whose_words_are_in_the_element():
    element = etree.fromstring("<article><p>Alpha beta gamma.</p><p>Delta epsilon.</p></article>")
    blocks = [Block("paragraph", "Alpha beta gamma."), Block("paragraph", "Most read: zeta eta theta."),
              Block("paragraph", "Delta epsilon.")]
    assert blocks_within(blocks, element) == [blocks[0], blocks[2]]


def test_a_list_inside_a_list_item_gives_each_step_once_on_a_line_of_its_own():
    (article,) = read("nested_ordered_list.html").articles
    (steps,) = [block.text.splitlines() for block in article.blocks if block.type == "list"]
    assert steps == [
        "Keep the original file somewhere safe, so that we can always start again from nothing.",
        "Put a copy of the file into the project folder.",
        "Give the copy a full wash, that is:",
        "Recover the copy with recover and then save it.",
        "Check the drawing with audit and let it fix every error, then save it.",
        "Purge the drawing with purge, nested items included.",
        "Check the units",
        "Measure a length you know, such as a door opening.",
        "If the drawing was not drawn at full size:",
        "switch on and thaw every layer",
        "scale everything by the inverse of the drawing scale",
        "Save the file once more.",
        "Attach the washed copy to our own drawing as an external reference, near the origin.",
    ]


def test_blocks_of_reads_a_nested_list_after_its_items_own_words_and_keeps_the_text_after_it():
    body = trafilatura_body("<list><item>Wash it:<list><item>rinse</item><item>dry</item></list>then store it</item>"
                            "<item>Label it</item></list>")
    assert blocks_of(body) == [Block("list", "Wash it: then store it\nrinse\ndry\nLabel it")]
