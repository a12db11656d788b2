"""Posts of one page that came back under one id: the same post twice, or a torn page's mix-up.

Why: the archive keys a post by its site and id, so of two posts read under one id only the last
written is kept. When they are one post printed twice (the same author and words), that costs
nothing. When they differ, a block of the page lost its own id or took another's (a flipped byte
in a ``data-post-id``, fuzz seed 131 on Discourse's app view): one post would overwrite the other,
silently, and which of them is the post of that id the page cannot tell. Both are left out, each
said not read (a loss, :mod:`parsers.losses`), so the crawl ends ``incomplete`` and the next
fetch of the page fills them.
"""

from __future__ import annotations

from .models import PageResult


def drop_posts_sharing_an_id(result: PageResult) -> None:
    """Keep one of posts printed twice; leave out, with an error, posts that share an id and differ."""
    seen: dict[str, object] = {}
    repeated: set[int] = set()
    conflicting: set[str] = set()
    for index, post in enumerate(result.posts):
        first = seen.setdefault(post.post_id, post)
        if first is post:
            continue
        repeated.add(index)
        if (first.author.name, first.text) != (post.author.name, post.text):
            conflicting.add(post.post_id)
    if not repeated:
        return
    counts: dict[str, int] = {}
    for post in result.posts:
        counts[post.post_id] = counts.get(post.post_id, 0) + 1
    result.posts = [post for index, post in enumerate(result.posts)
                    if index not in repeated and post.post_id not in conflicting]
    for post_id in sorted(conflicting, key=lambda n: (len(n), n)):
        result.errors.append(f"post {post_id}: {counts[post_id]} blocks of the page give this id, with other authors"
                             " or words (a torn page?); which is the post cannot be told; not read")
