"""A page read as an article (the news spider forces the news parser on every page a feed lists)
that holds a line of words and nothing that says article is no article (parsers/news/__init__.py).

Why: a site's "Database Error" page answering 200 was stored as an article of 23 characters, and the
real article was never read while the crawl said "finished". A short brief is still an article when
the page marks it one: a date, a byline, a canonical address, a description or a publisher.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from parsers.news import THIN_ARTICLE_WORDS
from parsers.registry import parse_page

CAPTURED = datetime(2024, 1, 1, tzinfo=timezone.utc)
URL = "https://news.example/world/2024/01/01/brief-123/"


def news(markup: str):
    return parse_page(markup.encode("utf-8"), URL, CAPTURED, engine="news")


def test_an_error_page_answering_200_is_no_article():
    result = news("<html><head><title>Database Error</title></head><body><p>Please try again later.</p></body></html>")
    assert result.kind == "unsupported" and result.articles == []
    assert result.reason.startswith("no article: 4 words, and nothing on the page marks one")


def test_a_cookie_wall_with_a_heading_is_no_article():
    result = news("<html><head><title>Consent</title></head><body><h1>Your privacy</h1>"
                  "<p>Please accept cookies to read on.</p></body></html>")
    assert result.kind == "unsupported"


def test_a_short_brief_the_page_marks_as_an_article_is_one():
    brief = "Iraq's parliament met on Sunday and approved the budget after a long delay."
    assert len(brief.split()) < THIN_ARTICLE_WORDS
    result = news("<html><head><title>Budget approved</title>"
                  '<meta property="article:published_time" content="2024-01-01T08:00:00Z">'
                  f"</head><body><article><h1>Budget approved</h1><p>{brief}</p></article></body></html>")
    assert result.kind == "article_page"
    assert result.articles[0].text == brief
    assert result.articles[0].published_at == datetime(2024, 1, 1, 8, 0, tzinfo=timezone.utc)


def test_a_page_of_words_enough_is_read_as_before_without_any_mark():
    words = " ".join(f"word{n}" for n in range(THIN_ARTICLE_WORDS))
    result = news(f"<html><body><p>{words}</p></body></html>")
    assert result.kind == "article_page" and len(result.articles[0].text.split()) == THIN_ARTICLE_WORDS


def test_a_script_applications_shell_of_unfilled_template_expressions_is_no_article():
    """The hand-written AngularJS shell in tests/data/news_shapes (its header names the markup):
    whether the news parser is asked (the news spider asks it of every page a feed lists, and its
    reason says the article is drawn by scripts) or the registry picks one, no article."""
    page = (Path(__file__).parent / "data" / "news_shapes" / "angularjs_shell_editing_panel.html").read_bytes()
    url = "https://www.riverside-courier.example/commune/le-bac/la-derniere-saison-du-bac"
    for engine in ("news", None):
        result = parse_page(page, url, CAPTURED, engine=engine)
        assert (result.kind, result.articles) == ("unsupported", []), engine
    assert "template expressions no script filled in" in parse_page(page, url, CAPTURED, engine="news").reason


def test_a_few_template_expressions_in_an_article_leave_it_an_article():
    words = " ".join(["The river ferry ran again on Sunday after the repairs to its landing stage."] * 3)
    result = news(f"<html><head><title>Ferry back</title></head><body><h1>Ferry back</h1><p>{words}</p>"
                  "<p>Share: {{share.count}}</p></body></html>")
    assert result.kind == "article_page"
