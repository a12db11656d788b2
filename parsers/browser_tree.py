"""A second reading of a page, as browsers build its tree, for pages whose posts lxml's tree mixes up.

Why: libxml2 (under lxml and parsel) repairs broken markup by its own rules, browsers by the
WHATWG tree-construction algorithm. They mostly agree, but not on table parts outside a table: a
stray ``<td>`` in one post's words opens, in libxml2's tree, a cell that only a ``</td>`` further
down closes, so the posts in between end up inside the first one's block and lose their author
(the engines then say so: :func:`parsers.post_blocks.shared_error`, or "post skipped" when a block
lost its message). A browser ignores the stray tag.

What the measurements say (``bench/browser_tree.py``: one stray tag pair, 21 × 21 kinds, put
into the words of the first and third post of 25 real pages of ``../shared``, 11,025 cases; a case
is right when every post keeps the id and author it has on the unbroken page):

- from lxml's tree alone 10,678 cases are right, from the browser's tree alone 10,547: libxml2's
  repair is the better one on most pages (on the MyBB page the browser's tree loses authors in
  176 of 441 cases where lxml's loses them in 4; on vBulletin pages in 42 of 441 where lxml's
  loses none);
- but on the SMF page the browser's tree is right in 400 cases where lxml's is in 289, and on the
  Forumotion page in 362 where lxml's is in 258;
- reading lxml's tree, then the browser's only where lxml's mixed posts up, as ``parse_page`` does:
  10,900 right (98.9%).

So lxml's tree is read first, always (it is 30 to 70 times faster than html5lib's pure-Python
parser), and the browser's tree only for a page whose posts came out of lxml's tree mixed up
(:func:`mixed_up_posts`). Its result is kept only when it is strictly better: fewer mixed-up
posts and no post fewer. The page's result then says in ``reason`` which tree it was read from.

html5lib builds the lxml tree itself (its ``lxml`` tree builder), so the engines read it as they
read lxml's; BeautifulSoup would only add a conversion step around the same parser.
"""

from __future__ import annotations

import warnings

import html5lib
from lxml import etree

from .budget import check_budget
from .deep_nesting import flattened
from .models import PageResult
from .post_blocks import SHARED_ERROR_MARK
from .xml_chars import xml_safe_page

# html5lib is pure Python and its cost grows with nesting (quadratically past a few hundred
# levels): the page is read flat below this many levels, and not at all past this size.
FLAT_BELOW = 300
MAX_BYTES = 2_000_000

SKIPPED_POST_MARK = "; post skipped"
BROWSER_TREE_NOTE = "posts read from the tree a browser builds (html5lib): lxml's tree mixed up {lxml} of {posts} posts"
# A page no engine reads whose post blocks lxml's tree nests one inside another
# (:func:`parsers.forum_evidence.nested_post_blocks`), read from the browser's tree instead.
NESTED_BLOCKS_NOTE = ("posts read from the tree a browser builds (html5lib): lxml's tree put {blocks} post blocks"
                      " one inside another")
# The error a page gets when its posts are mixed up in lxml's tree and browser_tree gives None:
# the page keeps lxml's reading, and says why it was not read the other way.
NO_BROWSER_TREE = ("lxml's tree mixed up {lxml} post(s), and the page could not be read again as a browser"
                   " builds it (over {max_bytes:,} bytes, or a name html5lib cannot make fit for lxml):"
                   " lxml's reading kept")


def browser_tree(text: str) -> etree._Element | None:
    """The page's tree as the WHATWG algorithm builds it, as a plain lxml tree; None for a page
    over :data:`MAX_BYTES`, or one whose names html5lib cannot make fit for lxml (it renames most
    that XML cannot hold, but lets through an attribute name with a character beyond U+FFFF,
    which lxml refuses): the page is then read from lxml's tree alone."""
    body = xml_safe_page(text.strip())
    if len(body) > MAX_BYTES:
        return None
    with warnings.catch_warnings():
        # html5lib warns on every attribute name XML cannot hold (Vue's "@click"); it renames them.
        warnings.simplefilter("ignore")
        try:
            document = html5lib.parse(flattened(body, FLAT_BELOW).decode("utf-8", "replace"), treebuilder="lxml",
                                      namespaceHTMLElements=False)
        except ValueError:  # "Invalid attribute name"
            return None
    check_budget()
    return document.getroot()


def mixed_up_posts(result: PageResult) -> int:
    """How many posts of a thread page its engine could not tell apart from others: posts whose
    block holds other posts (their author is then not read), posts skipped because their block
    lacks its message ("...; post skipped", the engines' common wording), and, for a page of no
    posts, one."""
    if result.kind != "thread_page":
        return 0
    if not result.posts:
        return 1
    return sum(SHARED_ERROR_MARK in error or error.endswith(SKIPPED_POST_MARK) for error in result.errors)


def better_reading(first: PageResult, second: PageResult) -> PageResult:
    """``second`` (read from the browser's tree) when it mixes up fewer posts and loses none,
    with a note in its ``reason``; else ``first``."""
    mixed_first, mixed_second = mixed_up_posts(first), mixed_up_posts(second)
    if second.kind != "thread_page" or mixed_second >= mixed_first or len(second.posts) < len(first.posts):
        return first
    note = BROWSER_TREE_NOTE.format(lxml=mixed_first, posts=max(len(first.posts), len(second.posts)))
    second.reason = f"{second.reason}; {note}" if second.reason else note
    return second
