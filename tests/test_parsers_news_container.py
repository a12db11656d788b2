"""parsers/news/container.py: which element holds the body, on hand-written pages in the shapes
the article benchmark shows (one ``<div>`` per paragraph, a first paragraph beside a "read all"
box, loose text beside an ad, a header-only ``<article>``), and the pages where no element
plainly does (teaser listings, a footer holding the most text). Then the body read from that
element through ``parse_page``, its kinds of blocks kept and the page's furniture left out."""

from __future__ import annotations

from datetime import datetime, timezone

from parsers.html_text import decode_body
from parsers.models import Block
from parsers.news.container import CONCENTRATED, body_container
from parsers.registry import build_tree, parse_page

CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
SENTENCES = [
    "The harbour wall that collapsed in the January storms will be rebuilt by the end of the summer.",
    "Engineers found that the old stone blocks had been undermined by the sea over many winters.",
    "The council will pay for most of the work from a fund it keeps for damage caused by floods.",
    "Fishing boats have been moored in the next bay since the storm, an hour's walk from the market.",
    "The harbour master said the boats could return as soon as the first section of the wall stands.",
    "A public meeting about the plans will be held in the lifeboat station on the first Monday of May.",
]
ITEMS = ["The first section of the wall, by the fish market, is to be finished in June.",
         "The second section, across the mouth of the harbour, is to follow in August."]
FOOTER = ("<footer><p>The Coast Courier is published by Coast Media Limited, registered in England, and "
          "has reported on the towns of the coast since eighteen ninety.</p></footer>")


def tree(body: str, head: str = "<title>Harbour wall</title>"):
    return build_tree(decode_body(f"<html><head>{head}</head><body>{body}</body></html>".encode()))


def found(root) -> str | None:
    """The body element's id (or tag), or None when no element plainly holds the body."""
    result = body_container(root)
    return None if result is None else (result[0].get("id") or result[0].tag)


def paragraphs(sentences, wrap: str = "{}") -> str:
    return "".join(wrap.format(f"<p>{s}</p>") for s in sentences)


def teasers(count: int) -> str:
    return "".join(f'<div class="card"><a href="/s/{i}">A long teaser headline that is a link to story '
                   f'number {i}</a><p>A teaser summary of story {i}, long enough to be a line of text.</p></div>'
                   for i in range(count))


def test_paragraphs_wrapped_one_per_div_make_the_element_around_them_the_body():
    root = tree(f"<h1>Harbour wall</h1><article id='story'>{paragraphs(SENTENCES, '<div class=p>{}</div>')}"
                f"</article><aside>{teasers(2)}</aside>{FOOTER}")
    assert found(root) == "story"


def test_a_page_of_teasers_has_no_body_element():
    # Each card holds one summary line: the running text is spread over the cards.
    assert found(tree(f"<h1>Latest news</h1><main>{teasers(12)}</main>")) is None


def test_link_text_is_not_running_text():
    # The same cards with no summaries: their long headlines are links and count for nothing.
    cards = "".join(f'<div><a href="/s/{i}">{s}</a></div>' for i, s in enumerate(SENTENCES))
    assert found(tree(f"<h1>Latest news</h1><main id='cards'>{cards}</main>")) is None


def test_a_footer_holding_the_most_running_text_is_never_the_body():
    about = " ".join(SENTENCES[:5])
    root = tree(f"<h1>Harbour wall</h1><div id='story'><p>{SENTENCES[0]}</p></div>"
                f"<div class='site-footer'><p>{about}</p></div>")
    assert body_container(root) is None


def test_too_little_of_the_page_in_one_element_leaves_the_page_to_trafilatura():
    # Two halves of equal size: neither holds CONCENTRATED of the running text.
    assert CONCENTRATED > 0.5
    root = tree(f"<h1>Harbour wall</h1><div id='one'>{paragraphs(SENTENCES[:3])}</div>"
                f"<div id='two'>{paragraphs(SENTENCES[3:])}</div>")
    assert body_container(root) is None


def test_the_parent_owning_the_first_paragraph_is_the_body_element():
    # CNN's shape: the first paragraph beside the box holding the rest ("read all").
    root = tree(f"<h1>Harbour wall</h1><div id='body-text'><p>{SENTENCES[0]}</p>"
                f"<div id='read-all'>{paragraphs(SENTENCES[1:])}</div></div>{FOOTER}")
    assert found(root) == "body-text"


def test_loose_text_beside_an_ad_block_belongs_to_the_element_holding_it():
    # JPost's shape: the body is text between <br>s, with an ad's <div> among it.
    lines = "<br>".join(SENTENCES[:3]) + "<div class='ad'>Advertisement</div>" + "<br>".join(SENTENCES[3:])
    root = tree(f"<h1>Harbour wall</h1><div id='article-body'>{lines}</div>{FOOTER}")
    assert found(root) == "article-body"


def test_running_text_between_the_headline_and_the_body_element_widens_it():
    # A header-only <article> holds the first paragraph; the rest sits in its sibling.
    root = tree(f"<div id='page'><article><h1>Harbour wall</h1><p>{SENTENCES[0]}</p></article>"
                f"<div id='rest'>{paragraphs(SENTENCES[1:])}</div></div>")
    assert found(root) == "page"


def test_the_body_read_from_its_element_keeps_its_kinds_of_blocks_and_leaves_the_furniture_out():
    body = (f"<h1>Harbour wall to be rebuilt</h1><div class='byline'>By Ann Marsh</div>"
            f"<article id='story'>{paragraphs(SENTENCES[:2], '<div class=p>{}</div>')}"
            f"<h2>What happens next</h2>{paragraphs(SENTENCES[2:4], '<div class=p>{}</div>')}"
            f"<blockquote>We will have the boats back before the summer visitors arrive.</blockquote>"
            f"<ul><li>{ITEMS[0]}</li><li>{ITEMS[1]}</li></ul>"
            f"{paragraphs(SENTENCES[4:], '<div class=p>{}</div>')}</article>"
            f"<aside><h3>Most read</h3>{teasers(2)}</aside>{FOOTER}")
    head = '<title>Harbour wall to be rebuilt</title><meta property="og:type" content="article">'
    root = tree(body, head)
    assert found(root) == "story"
    html = f"<html><head>{head}</head><body>{body}</body></html>".encode()
    (article,) = parse_page(html, "https://courier.example/harbour", CAPTURED).articles
    assert [b.type for b in article.blocks] == ["paragraph"] * 2 + ["subheading"] + ["paragraph"] * 2 + [
        "quote", "list"] + ["paragraph"] * 2
    assert article.blocks[2] == Block("subheading", "What happens next")
    assert article.blocks[6] == Block("list", "\n".join(ITEMS))
    assert [b.text for b in article.blocks if b.type == "paragraph"] == SENTENCES
    assert "teaser" not in article.text and "Coast Media" not in article.text
