"""parsers.quote_times: a quote of a post on the same page takes that post's time."""

from __future__ import annotations

from datetime import datetime, timezone

from parsers.models import Author, Post, Quote
from parsers.quote_times import date_quotes

AT = datetime(2024, 3, 5, 14, 20, tzinfo=timezone.utc)


def post(post_id: str, published_at, quotes=()) -> Post:
    return Post(post_id=post_id, url=None, position=1, author=Author(name="ann"), published_at=published_at,
                text="words", html="<p>words</p>", quotes=list(quotes))


def test_quotes_of_posts_on_the_page_take_their_times_nested_ones_too():
    inner = Quote(author="bob", post_id="1", text="first")
    elsewhere = Quote(author="cy", post_id="99", text="not here", quotes=[inner])
    own_time = datetime(2020, 1, 1, tzinfo=timezone.utc)
    dated = Quote(author="bob", post_id="1", text="first", published_at=own_time)
    posts = [post("1", AT), post("2", None, [elsewhere, dated])]
    date_quotes(posts)
    assert (elsewhere.published_at, inner.published_at, dated.published_at) == (None, AT, own_time)
