"""The quotes (and edit notice) of JSON-LD posts, read from each post's own element of the page.

Why: a board's JSON-LD gives a post's words without the quotes in it (Invision 4 and 5 write
``text`` with every ``blockquote.ipsQuote`` left out), so a post read from the JSON alone lost
each quote and the member it names, and its edit notice, with nothing to say so. The post's element is the one whose
id names the post's number ("elComment_598535667", "post-123": :data:`.blocks.POST_ID`); read as
a sibling block would be (:func:`.blocks.read_block`), it gives the quotes, and is trusted only
when it shows the JSON's time (within a minute): the number and the time are two keys. A post
without a number (Invision's opening post, declared as the ``DiscussionForumPosting`` itself) is
looked for among the numbered elements no other post took, by its time and its author (name or
profile: a block's author is read by looking, neowin's came out "Wanyoike Alex 5" with the
member's post count), and gets that element's number.

An element that holds quotes but does not agree with its post is not used: the post keeps its
JSON words and the page's errors say its quotes are not read.
"""

from __future__ import annotations

from ..markup import xpath
from .blocks import POST_ID, BlockPost, read_block

MAX_APART = 60  # seconds: Invision's JSON-LD times and its markup's <time> may differ by a second
_WITH_ID = xpath("//body//*[@id]")


def add_markup_quotes(root, url: str, clock, posts: list[BlockPost]) -> None:
    """Give each JSON-LD post in ``posts`` the quotes (and, where it has none, the id) of its element."""
    if not posts:
        return
    elements: dict[str, object] = {}
    for node in _WITH_ID(root):
        match = POST_ID.match(node.get("id") or "")
        # Of the elements naming one number, the one holding the most: Invision puts an empty
        # <a id="comment-598535667"> before its article#elComment_598535667.
        if match and (match.group(1) not in elements or _size(node) > _size(elements[match.group(1)])):
            elements[match.group(1)] = node
    if not elements:
        return
    taken = {post.post_id for post in posts if post.post_id in elements}
    for post in posts:
        if post.quotes:
            continue
        if post.post_id is not None:
            node = elements.get(post.post_id)
            if node is not None:
                _take_quotes(post, node, url, clock, adopt_id=None)
            continue
        for number, node in elements.items():
            if number not in taken and _take_quotes(post, node, url, clock, adopt_id=number):
                taken.add(number)
                break


def _take_quotes(post: BlockPost, node, url: str, clock, adopt_id: str | None) -> bool:
    """Give ``post`` the quotes of ``node`` when its block names the same author and time; True then.
    ``adopt_id``: the element's number, for a post found by author and time (it then has no id)."""
    block = read_block(node, url, clock)
    if not _same_time(post, block) or (adopt_id is not None and not _same_author(post, block)):
        if adopt_id is None and block.quotes:
            post.notes.append(f"post {post.post_id}: {len(block.quotes)} quotes in its markup not read"
                              " (its element does not show the JSON-LD's time)")
        return False
    words = " ".join(post.text.split())
    post.quotes = [quote for quote in block.quotes if not _quoted_in(quote.text, words)]
    post.edit_note = post.edit_note or block.edit_note  # Invision's JSON leaves its edit line out too
    if adopt_id is not None:
        post.post_id = adopt_id
    return True


def _same_time(post: BlockPost, block: BlockPost) -> bool:
    if post.published_at is None or block.published_at is None:
        return False
    return abs((post.published_at - block.published_at).total_seconds()) <= MAX_APART


def _same_author(post: BlockPost, block: BlockPost) -> bool:
    if post.author is None or block.author is None:
        return False
    same_name = bool(post.author.name) and (post.author.name or "").casefold() == (block.author.name or "").casefold()
    return same_name or (bool(post.author.url) and post.author.url == block.author.url)


def _quoted_in(quoted: str, words: str) -> bool:
    """Does the JSON's text already hold the quote's words (a board whose JSON keeps them)?"""
    start = " ".join(quoted.split())[:40]
    return bool(start) and start in words


def _size(node) -> int:
    return sum(1 for _ in node.iter())
