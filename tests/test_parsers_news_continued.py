"""parsers/news/continued.py: the other pages of an article split into pages, and the error that
says only one page of it was read. Pages built here (invented words), after the markup of
People's Daily's article pages (culture.people.com.cn, 2019: div.zdfy "【1】【2】【3】【4】" linking
"c1013-31153719-2.html" and on, and a "next page" picture) and WordPress's paginated posts."""

from __future__ import annotations

from datetime import datetime, timezone

from lxml import html

from parsers.news import CONTINUED
from parsers.news.continued import article_pages
from parsers.registry import parse_page

CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
PARAGRAPH = ("<p>The harbour board met on Monday to decide how the new quay will be paid for, and the members"
             " agreed to borrow half of the cost from the regional bank over twenty years.</p>")


def links(*anchors: str):
    return html.fromstring(f"<div>{''.join(anchors)}</div>")


def test_numbered_page_links_of_a_portals_article_are_its_pages_in_order():
    url = "http://culture.daily.example/n1/2019/0615/c1013-3115.html"
    root = links('<a href="/n1/2019/0615/c1013-3115.html">【1】</a>', '<a href="/n1/2019/0615/c1013-3115-3.html">【3】</a>',
                 '<a href="/n1/2019/0615/c1013-3115-2.html">【2】</a>',
                 '<a href="/n1/2019/0615/c1013-3115-2.html"><img src="/img/next_page.jpg"></a>')
    assert article_pages(root, url) == ["http://culture.daily.example/n1/2019/0615/c1013-3115-2.html",
                                        "http://culture.daily.example/n1/2019/0615/c1013-3115-3.html"]
    # Read from page 2, the other pages are 1 and 3.
    assert article_pages(root, "http://culture.daily.example/n1/2019/0615/c1013-3115-2.html") == [
        "http://culture.daily.example/n1/2019/0615/c1013-3115.html",
        "http://culture.daily.example/n1/2019/0615/c1013-3115-3.html"]


def test_wordpress_and_query_pages_count_only_when_linked_as_pages():
    post = "https://blog.example/2019/06/15/quay-vote/"
    root = links('<a href="/2019/06/15/quay-vote/2/">2</a>', '<a href="/2019/06/15/quay-vote/3/">Next »</a>')
    assert article_pages(root, post) == ["https://blog.example/2019/06/15/quay-vote/2/",
                                         "https://blog.example/2019/06/15/quay-vote/3/"]
    story = "https://news.example/story.php?id=5"
    assert article_pages(links('<a href="story.php?id=5&amp;page=2">Page 2</a>'), story) == [
        "https://news.example/story.php?id=5&page=2"]


def test_links_that_are_no_pages_of_the_article_are_none():
    url = "https://blog.example/2019/06/15/quay-vote.html"
    root = links('<a href="/2019/06/15/quay-vote-2.html">Quay vote: the second ballot</a>',  # another article
                 '<a href="https://other.example/2019/06/15/quay-vote-2.html">2</a>',  # another site
                 '<a href="/2019/06/15/quay-vote-3.html">2</a>',  # its words name another page
                 '<a href="/2019/06/15/quay-vote/comment-page-2/">2</a>', '<a href="#comments">2</a>')
    assert article_pages(root, url) == []
    other_story = links('<a href="story.php?id=6&amp;page=2">2</a>')
    assert article_pages(other_story, "https://news.example/story.php?id=5") == []


def test_an_article_split_into_pages_says_only_this_pages_part_is_read():
    url = "http://culture.daily.example/n1/2019/0615/c1013-3115.html"
    page = (f"<html><head><title>Quay vote</title><meta property='og:type' content='article'></head><body>"
            f"<h1>Harbour board borrows for the new quay</h1>{PARAGRAPH * 4}"
            "<div class='zdfy clearfix'><a href='/n1/2019/0615/c1013-3115.html'>【1】</a>"
            "<a href='/n1/2019/0615/c1013-3115-2.html'>【2】</a><a href='/n1/2019/0615/c1013-3115-3.html'>【3】</a></div>"
            "</body></html>")
    result = parse_page(page.encode(), url, CAPTURED)
    assert result.kind == "article_page"
    assert result.errors == [f"{url}: {CONTINUED} 3 pages, the next at http://culture.daily.example/n1/2019/0615/"
                             "c1013-3115-2.html: only this page's part of it is read"]
    single = page.split("<div class='zdfy")[0] + "</body></html>"
    assert parse_page(single.encode(), url, CAPTURED).errors == []
