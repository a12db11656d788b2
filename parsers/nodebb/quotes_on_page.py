"""Quotes of posts the same page holds: their topic, time and poster's name filled in.

A NodeBB citation names the quoted post by its pid (``/post/301``) and the poster by the
``@userslug`` the composer wrote; it carries no topic id and no time. When the quoted post is on
this page, the quote gets that post's topic and time.
"""

from __future__ import annotations

from ..models import Post, every_quote


def complete_quotes(posts: list[Post], topic_id: str | None) -> None:
    known = {post.post_id: post for post in posts}
    for post in posts:
        for quote in every_quote(post.quotes):
            quoted = known.get(quote.post_id) if quote.post_id else None
            if quoted is not None:
                quote.thread_id = quote.thread_id or topic_id
                quote.published_at = quote.published_at or quoted.published_at
                quote.author_id = quote.author_id or quoted.author.id
