"""Two shortcuts of ``parsers.vbulletin.parts`` that must give what the walks they replaced gave.

- ``blocks_to_separate``: the post blocks :func:`parsers.post_blocks.separate_nested` is to move.
  It was ``with_blocks_inside(named, ("li", "div"), is_post_block)``, a Python test of every li
  and div of every post; now the page's one pass lists the post blocks (``PageParts.block_like``)
  and the walk is made only when one of them stands inside a named block.
- ``elements_after``: the elements after a post's message in its block, found after the message is taken
  out (from its next sibling and its box), for the few posts that ask, instead of before it for all.

Checked on every page of the hand-written vBulletin fixtures, and on a torn page
written here (a post's block left open around the next post's: the walk is made)."""

from __future__ import annotations

from conftest import DATA
from lxml import etree

from parsers.html_text import drop_node
from parsers.post_blocks import with_blocks_inside
from parsers.vbulletin.parts import PageParts, elements_after, blocks_to_separate, is_post_block, find_posts

# Hand-written (invented names and words), after vBulletin 3's postbit: post 11's div#edit11 is not
# closed, so post 12's block stands inside it.
TORN = b"""<html><body><div id="posts">
<div id="edit11"><table id="post11"><tr><td><a class="bigusername" href="member.php?u=1">Ada Fenwick</a></td></tr>
<tr><td><div id="post_message_11">First words.</div></td></tr></table>
<div id="edit12"><table id="post12"><tr><td><a class="bigusername" href="member.php?u=2">Bo Marsh</a></td></tr>
<tr><td><div id="post_message_12">Second words.</div></td></tr></table></div>
</div></body></html>"""


def _pages():
    for path in sorted(DATA.glob("*vbulletin*/**/*.html")):
        if path.is_file():
            yield etree.parse(str(path), etree.HTMLParser()).getroot()
    yield etree.fromstring(TORN, etree.HTMLParser())


def _old_after(node, container) -> list:
    """The elements after ``node`` in ``container``, read before it is taken out (the code this replaced)."""
    found = []
    while node is not None and node is not container:
        found.extend(node.itersiblings())
        node = node.getparent()
    return found


def test_blocks_to_separate_are_those_the_walk_found():
    nested = checked = 0
    for root in _pages():
        page = PageParts(root)
        named = [raw.container for raw in _raws(page)]
        expected = with_blocks_inside(named, ("li", "div"), is_post_block)
        assert [id(node) for node in blocks_to_separate(named, page.block_like)] == [id(node) for node in expected]
        checked += bool(named)
        chosen = set(named)
        nested += any(ancestor in chosen for node in page.block_like for ancestor in node.iterancestors())
    assert checked > 20 and nested >= 1


def _raws(page):
    """The posts find_posts reads, without its separation of nested blocks (what blocks_to_separate is asked)."""
    import parsers.vbulletin.parts as parts

    kept = parts._own_blocks
    try:
        parts._own_blocks = lambda raws, block_like: raws
        return find_posts(page)
    finally:
        parts._own_blocks = kept


def test_after_a_message_taken_out_is_what_stood_after_it():
    checked = 0
    for root in _pages():
        for raw in find_posts(PageParts(root)):
            expected = _old_after(raw.body, raw.container)
            following, above = (None, None) if raw.body is raw.container else (raw.body.getnext(), raw.body.getparent())
            drop_node(raw.body)
            assert [id(node) for node in elements_after(following, above, raw.container)] == [id(node) for node in expected]
            checked += 1
    assert checked > 50
