"""parsers/quote_authors.py: a quote whose author was not read takes the poster of the post it
links when that post is on the page, and is otherwise said in the errors (never left silent); a
one-word head ("Quote:") is an unattributed quote, not a lost author."""

from __future__ import annotations

from parsers.models import Author, Post, Quote
from parsers.quote_authors import name_quotes_of_posts_here, say_unread_quote_authors


def post(post_id: str, name: str, quotes: list[Quote]) -> Post:
    return Post(post_id=post_id, url=None, position=1, author=Author(name=name), published_at=None,
                text="words", html="<p>words</p>", quotes=quotes)


def test_a_quote_linking_a_post_on_the_page_takes_its_poster_and_the_others_are_said():
    linked = Quote(author=None, post_id="11", citation="Hans schrieb am 3. Mai:")
    unlinked = Quote(author=None, post_id="99", citation="Greta schrieb am 4. Mai:")
    label_only = Quote(author=None, citation="Zitat:")
    nested = Quote(author=None, post_id="11", citation="Hans schrieb:")
    posts = [post("11", "hans_h", []), post("12", "greta_g", [linked, unlinked, label_only,
                                                                 Quote(author="greta_g", quotes=[nested])])]
    errors: list[str] = []
    name_quotes_of_posts_here(posts, errors)
    assert (linked.author, nested.author, unlinked.author, label_only.author) == ("hans_h", "hans_h", None, None)
    assert errors == ["post 12: the quote's author in 'Greta schrieb am 4. Mai:' is not read"]


def test_unread_quote_authors_are_said_at_every_depth():
    inner = Quote(author=None, citation="Ola skrev:")
    errors: list[str] = []
    say_unread_quote_authors("7", [Quote(author="kari", quotes=[inner]), Quote(author=None, citation="Sitat")], errors)
    assert errors == ["post 7: the quote's author in 'Ola skrev:' is not read"]
