"""XenForo pages as language packs print them: quote heads in the pack's own words."""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

PAGES = DATA / "xenforo_languages"
CAPTURED = datetime(2024, 8, 1, tzinfo=timezone.utc)


def quotes_of(quotes) -> list:
    return [(quote.author, quote.post_id, quotes_of(quote.quotes)) for quote in quotes]


def test_german_quote_heads_name_the_member_without_the_packs_verb():
    """A style that drops the quotes' data attributes leaves the pack's "{name} schrieb:" as all
    that names the quoted member (uhrforum.de): the whole head was taken for the name, "Townes
    schrieb", on 17 quotes of one page, silently. The packs' verbs are known; a head of several
    words in a phrase no pattern knows names nobody the reader can tell, and the page says so."""
    result = parse_page((PAGES / "xf2_german_quotes_without_attributes.html").read_bytes(),
                        "https://garden.example/threads/pump-seal-replacement.9001/", CAPTURED)
    assert result.engine == "xenforo"
    posts = {post.post_id: post for post in result.posts}
    assert quotes_of(posts["70002"].quotes) == [("Marta Lind", "70001", [])]
    assert quotes_of(posts["70003"].quotes) == [
        ("Visitor Joe", "70002", [("Marta Lind", "70001", [])]),
        ("Erik Sand", "69990", []),
        (None, "69991", [])]
    assert "post 70003: the quote's author in 'Ilka Berg meinte:' is not read" in result.errors
    assert posts["70003"].text == "The clamp was it. Tightened it and the drip stopped."
