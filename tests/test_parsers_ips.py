"""parsers.ips on the sample board (hand-checked expected file) and on real saved IPS pages."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import dateparser
import pytest
from conftest import REAL_FIXTURES

from parsers.evaluate import plain, visible_text
from parsers.registry import parse_page

TOPIC = (Path(__file__).parent.parent / "crawler" / "demo_site" / "pages" / "topic"
         / "4242-iraqi-officials-prime-minister-survives-assassination-attempt")
BASE = "http://127.0.0.1:8000"
CAPTURED = datetime(2021, 12, 30, 12, 0, tzinfo=timezone.utc)
IPS = REAL_FIXTURES / "ips"
needs_shared = pytest.mark.skipif(not IPS.is_dir(), reason="../shared/fixtures/real is absent")


def sample_page(n: int):
    path = TOPIC / "index.html" if n == 1 else TOPIC / "page" / str(n) / "index.html"
    html = path.read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE)
    url = f"{BASE}/topic/4242-iraqi-officials-prime-minister-survives-assassination-attempt/" + (f"page/{n}/" if n > 1 else "")
    return parse_page(html.encode(), url, CAPTURED, content_type="text/html;charset=UTF-8")


def test_thread_metadata_of_the_sample(expected_thread):
    want = expected_thread["thread"]
    for n in (1, 2, 3):
        result = sample_page(n)
        assert result.thread.id == want["id"] and result.thread.title == want["title"]
        assert result.thread.forum == want["forum"]
        assert (result.thread.page, result.thread.page_count) == (n, want["page_count"])
        assert result.thread.url == BASE + want["url_path"]
        assert result.next_page_url == (f"{BASE}{want['url_path']}page/{n + 1}/" if n < 3 else None)
        assert result.errors == []


def test_chrome_never_leaks_into_post_text(expected_thread):
    texts = [p.text for n in (1, 2, 3) for p in sample_page(n).posts]
    quotes = [q.text for n in (1, 2, 3) for p in sample_page(n).posts for q in p.quotes]
    for chrome in expected_thread["not_posts"]:
        assert not any(chrome in text for text in texts), chrome
        assert not any(chrome in text for text in quotes), chrome


def test_the_advertising_pseudo_post_is_not_a_post(expected_thread):
    ids = [p.post_id for n in (1, 2, 3) for p in sample_page(n).posts]
    assert ids == [p["post_id"] for p in expected_thread["posts"]]


def test_quote_time_comes_from_the_attribute_not_the_crawl_time():
    post5 = next(p for p in sample_page(1).posts if p.position == 5)
    (quote,) = post5.quotes
    assert quote.citation == "4 hours ago, jg1 said:"
    # Read against the crawl time "4 hours ago" would be 2021-12-30T08:00; the attribute says otherwise.
    assert quote.published_at == datetime(2021, 11, 9, 18, 35, 7, tzinfo=timezone.utc)


def test_citation_without_attributes_resolves_against_the_quoting_post():
    html = (TOPIC / "index.html").read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE)
    html = re.sub(r'data-ipsquote-timestamp="\d+"', "", html)
    result = parse_page(html.encode(), BASE + "/topic/4242-x/", CAPTURED)
    post5 = next(p for p in result.posts if p.position == 5)
    # 4 hours before post 5 (2021-11-09T22:47:30Z), to the minute the citation allows.
    assert post5.quotes[0].published_at == datetime(2021, 11, 9, 18, 47, 30, tzinfo=timezone.utc)


def test_html_is_sanitised():
    html = (TOPIC / "index.html").read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE)
    html = html.replace("<p>", '<p onclick="steal()"><script>alert(1)</script>', 1)
    result = parse_page(html.encode(), BASE + "/topic/4242-x/", CAPTURED)
    assert all("<script" not in p.html and "onclick" not in p.html for p in result.posts)
    assert all("alert(1)" not in p.text for p in result.posts)


def test_windows_1252_page_without_charset_header_decodes_by_its_meta():
    html = (TOPIC / "index.html").read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE)
    html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    result = parse_page(html.encode("cp1252", errors="replace"), BASE + "/topic/4242-x/", CAPTURED, content_type="text/html")
    assert "’" in result.posts[0].text  # the curly apostrophe of "That’s what happened"


# --- Real pages ------------------------------------------------------------------------------


def real_pages(kind: str) -> list[Path]:
    if not IPS.is_dir():
        return []
    pages = []
    for expected in sorted(IPS.glob("*.expected.json")):
        data = json.loads(expected.read_text(encoding="utf-8"))
        if (kind == "posts") == ("gold_standard_annotation" in data):
            pages.append(expected)
    return pages


def parse_real(expected: Path):
    data = json.loads(expected.read_text(encoding="utf-8"))
    html = expected.with_name(expected.name.replace(".expected.json", ".html"))
    url = data.get("source_url") or data.get("url")
    return data, parse_page(html.read_bytes(), url, CAPTURED)


@needs_shared
@pytest.mark.parametrize("expected", real_pages("posts"), ids=lambda p: p.name)
def test_real_pages_with_per_post_gold_authors_and_days(expected):
    gold, result = parse_real(expected)
    by_id = {p.post_id: p for p in result.posts}
    for index, annotation in enumerate(gold["gold_standard_annotation"]):
        link = annotation["post_link"]["surface_form"]
        comment = re.search(r"comment[=-](\d+)", link)
        # The opening post is annotated with the topic URL.
        post = by_id[comment.group(1)] if comment else result.posts[index]
        post_id = post.post_id
        user = annotation["user"]["surface_form"]
        # Neowin prints subscribers as "+name"; the "+" is a badge, not part of the name.
        assert user in (post.author.url, post.author.name) or user.lstrip("+") == post.author.name, post_id
        printed = dateparser.parse(annotation["datetime"]["surface_form"])
        if not re.search(r"\d{4}", annotation["datetime"]["surface_form"]):  # "January 30": this year's
            printed = printed.replace(year=post.published_at.year)
        # The page prints the day in the forum's zone; our time is UTC: allow the one-day offset.
        assert abs((post.published_at.date() - printed.date()).days) <= 1, post_id
        gold_words = plain(annotation["post_text"]["surface_form"])
        assert gold_words[:60] in plain(visible_text(post, with_author=True)), post_id
    assert len(result.posts) == len(gold["gold_standard_annotation"])


@needs_shared
@pytest.mark.parametrize("expected", real_pages("page"), ids=lambda p: p.name)
def test_real_pages_with_page_gold_title_starter_and_text(expected):
    gold, result = parse_real(expected)
    truth = gold["ground_truth"]
    assert result.thread.title == truth["title"]
    assert result.posts[0].author.name == truth["author"]
    everything = plain(" ".join(visible_text(p, with_author=True) for p in result.posts))
    own_words = " ".join(" ".join(p.text.split()) for p in result.posts)
    for snippet in truth.get("with", []):
        assert plain(snippet) in everything, snippet
    for chrome in truth.get("without", []):
        if chrome not in WRITTEN_BY_POSTERS.get(expected.name, ()):
            assert chrome not in own_words, chrome


# "without" strings of the benchmark that a poster did write, checked by hand in the page.
WRITTEN_BY_POSTERS = {
    "kerbal-topic-225132.ips5.expected.json": ("Kerbal Network",),  # comment 4398998 names the sub-forum
    "prestashop-topic-1103020.expected.json": ("spinanga-fr.net",),  # a spam link inside comment 3538304
}




@needs_shared
@pytest.mark.parametrize("page", sorted(IPS.glob("*.html")) if IPS.is_dir() else [], ids=lambda p: p.name)
def test_real_pages_quotes_and_reactions_match_the_markup(page):
    """Counted in the raw HTML with plain regular expressions, independently of the parser."""
    raw = page.read_text(encoding="utf-8")
    result = parse_page(page.read_bytes(), "https://forum.example.com/topic/1-x/", CAPTURED)

    def walk(quotes):
        for quote in quotes:
            yield quote
            yield from walk(quote.quotes)

    quotes = [q for p in result.posts for q in walk(p.quotes)]
    assert len(quotes) == len(re.findall(r"<blockquote[^>]*class=[\"'][^\"']*ipsQuote", raw))
    named = re.findall(r"data-ipsquote-username=[\"']([^\"']+)", raw)
    authors = [q.author for q in quotes]
    assert all(authors.count(name) >= named.count(name) for name in named)
    reaction_items = re.findall(r"class=[\"']ipsReact_reactCount[\"']", raw)
    assert sum(len(p.reactions) for p in result.posts) == len(reaction_items)
    assert all(count > 0 for p in result.posts for count in p.reactions.values())
