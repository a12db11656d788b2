"""A quote's time from the post it quotes, where that post is on the same page.

Why: most engines' quotes name the quoted post (its id, in a link or an attribute) but not its
time; the quoted post, when the page holds it, has one. A quote kept without it cannot be placed
in the thread's timeline, though the page says when it was written.
"""

from __future__ import annotations

from .models import Post, every_quote


def date_quotes(posts: list[Post]) -> None:
    """Give each quote (nested ones too) without a time the time of the post it quotes, when that
    post is one of ``posts``."""
    times = {post.post_id: post.published_at for post in posts}
    for post in posts:
        for quote in every_quote(post.quotes):
            if quote.published_at is None and quote.post_id in times:
                quote.published_at = times[quote.post_id]
