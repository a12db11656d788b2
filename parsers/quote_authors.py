"""Quotes whose author was not read: named from the quoted post when it is on the page, else said.

Why: a quote's head in a language pack the engine's quote reader does not know ("X <wrote>:" in
words no pattern lists) still leaves the quote apart from the reply's own words, but its author
is gone with nothing to show it. Where the quote links the post it quotes and that post is on the
page, its poster is the author; otherwise the page's errors say the author was not read. A head of
one word ("Quote:", "Zitat", "Цитата:") is a pack's label for an unattributed quote: nobody is lost.
"""

from __future__ import annotations

from .models import Post, Quote


def say_unread_quote_authors(post_id: str, quotes: list[Quote], errors: list[str]) -> None:
    """Add an error for each quote of ``quotes`` (nested ones too) whose head names someone the
    reader did not read."""
    pending = list(quotes)
    while pending:
        quote = pending.pop()
        label = (quote.citation or "").rstrip(" :\u00a0")
        if quote.author is None and len(label.split()) > 1:
            errors.append(f"post {post_id}: the quote's author in {quote.citation[:80]!r} is not read")
        pending.extend(quote.quotes)


def name_quotes_of_posts_here(posts: list[Post], errors: list[str]) -> None:
    """Give each quote without an author that links a post on this page (``quote.post_id``) that
    post's poster; then say the quotes still without one (:func:`say_unread_quote_authors`)."""
    authors = {post.post_id: post.author.name for post in posts if post.post_id and post.author.name}
    for post in posts:
        pending = list(post.quotes)
        while pending:
            quote = pending.pop()
            if quote.author is None and quote.post_id in authors:
                quote.author = authors[quote.post_id]
            pending.extend(quote.quotes)
        say_unread_quote_authors(post.post_id, post.quotes, errors)
