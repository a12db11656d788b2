"""The forum checks' per-block counts, read from the page's lengths and holders, give what the walks gave.

Why: :func:`parsers.forum_evidence.own_words` looks its counts up in the page's measured text lengths,
and :func:`parsers.forum_evidence.holds_a_list` follows the block's chain of author-and-date
holders, where both used to walk every element of the block (a tenth of the forum checks on a
board no engine reads). Each must answer as the walk it replaced, which is written out here, on
every holder of the generic parser's sample pages and of a hand-written page of teasers, nested
links, a script inside a link and long labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.forum_evidence import (author_and_date_holders, holds_a_list, names_profile, own_words, says_author,
                                    says_date, text_length)
from parsers.html_text import decode_body
from parsers.registry import build_tree

from conftest import DATA

# Hand-written (invented names and words): a column of teasers, each with its own author and date
# (a list, not a post), beside a post whose link holds a script and a link inside it, and whose
# date label is longer than a short label (80 characters or more: its words count as the post's).
TEASERS_AND_A_POST = """<html><body>
<div class="column">
  <div class="teaser"><a href="/member/1">Quillon</a> <span class="date">3 May 2024</span> Short teaser one.</div>
  <div class="teaser"><a href="/member/2">Brassick</a> <span class="date">4 May 2024</span> Short teaser two.</div>
</div>
<div class="post">
  <span class="author">Marrowby</span><!-- a comment between -->
 <span class="posted">Posted on the fourth of May in the year two thousand and twenty four, in the late afternoon</span>
  <p>Words of the post with <a href="https://example.org/a">an outer link <b>bold</b>
     <script>var hidden = 1;</script></a> and more words after it.</p>
  <time datetime="2024-05-04T17:00:00Z">4 May</time>
</div>
</body></html>"""


def walked_own_words(block) -> int:
    """own_words as the block walks count it: a short label (under 80 characters) is taken out
    unless it stands inside a label taken out already or inside a link (whose text is taken out
    as link text)."""
    labels = [e for e in block.xpath(".//*[@class] | .//time")
              if e.tag == "time" or says_author(e.get("class", "")) or says_date(e.get("class", ""))]
    counted: list = []
    for label in labels:
        around = list(label.iterancestors())
        around = around[:around.index(block)] if block in around else around
        if text_length(label) < 80 and not any(a in counted or a.tag == "a" for a in around):
            counted.append(label)
    label_text = sum(text_length(e) for e in counted)
    return text_length(block) - text_length(block, links_only=True) - label_text


def walked_holds_a_list(block) -> bool:
    """holds_a_list as one pass from the leaves up answered it."""
    inside: dict = {}
    for element in reversed(list(block.iter())):
        if not isinstance(element.tag, str):
            continue
        author = date = False
        dated = 0
        for child in element:
            if not isinstance(child.tag, str):
                continue
            below_author, below_date = inside.get(child, (False, False))
            dated += below_author and below_date
            own_author = (child.tag == "a" and names_profile(child.get("href") or "")) \
                or says_author(child.get("class") or "")
            own_date = child.tag == "time" or says_date(child.get("class") or "")
            author, date = author or below_author or own_author, date or below_date or own_date
        if dated >= 2:
            return True
        inside[element] = (author, date)
    return False


def pages() -> list[tuple[str, bytes]]:
    found = [(path.name, path.read_bytes()) for folder in ("field_generic", "generic")
             for path in sorted((DATA / folder).glob("*.html"))]
    return found + [("teasers_and_a_post", TEASERS_AND_A_POST.encode("utf-8"))]


@pytest.mark.parametrize("name,body", pages(), ids=[name for name, _ in pages()])
def test_counts_from_lengths_and_holders_are_the_walks(name: str, body: bytes):
    root = build_tree(decode_body(body))
    holders = author_and_date_holders(root)
    for block in holders:
        assert own_words(block) == walked_own_words(block), (name, block.tag, block.get("class"))
        assert holds_a_list(block, holders) == walked_holds_a_list(block), (name, block.tag, block.get("class"))


def test_the_hand_written_page_has_a_list_and_a_post():
    root = build_tree(TEASERS_AND_A_POST)
    holders = author_and_date_holders(root)
    column = next(e for e in root.iter("div") if e.get("class") == "column")
    post = next(e for e in root.iter("div") if e.get("class") == "post")
    assert holds_a_list(column, holders) and not holds_a_list(post, holders)
    # Counted by hand (each text node's blanks stripped at its ends): "Marrowby" 8, the "posted" line 91,
    # "Words of the post with" 22, "an outer link" 13, "bold" 4, "and more words after it." 24,
    # "4 May" 5: 167 characters; less the link's 17 and the short labels' 13 (the author's 8 and the
    # time's 5; the posted line, 80 characters or more, stays): 137.
    assert own_words(post) == walked_own_words(post) == 137
