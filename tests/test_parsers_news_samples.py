"""The news parser on the sample Asharq Al-Awsat and Arab News pages, against hand-written truth
(tests/data/news_samples.expected.json): the right articles, split apart, nothing of an appended
article in the main body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from archive.store import article_key
from parsers.dates import parse_iso
from parsers.registry import parse_page

PAGES = Path(__file__).parent.parent / "crawler" / "demo_site" / "pages"
BASE = "http://127.0.0.1:8000"
TRUTH = json.loads((DATA / "news_samples.expected.json").read_text(encoding="utf-8"))


def fetch(path: str) -> tuple[bytes, str]:
    """The bytes the sample server sends for ``path``, and their Content-Type."""
    folder = PAGES / path.strip("/")
    if (folder / "index.html").is_file():
        html = (folder / "index.html").read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE)
        return html.encode("utf-8"), "text/html;charset=UTF-8"
    html = (folder / "index.windows-1256.html").read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE)
    return html.encode("windows-1256"), "text/html"  # no charset anywhere, as the server sends it


def parsed(page: dict):
    body, content_type = fetch(page["path"])
    return parse_page(body, BASE + page["path"], parse_iso(page["capture_time"]), content_type=content_type,
                      engine="news")


def words(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.mark.parametrize("page", TRUTH["pages"], ids=lambda p: p["path"].split("/")[2])
def test_page_splits_into_the_right_articles(page):
    result = parsed(page)
    assert result.kind == "article_page", result.reason
    assert [(a.main, a.url) for a in result.articles] == [(w["main"], w["url"]) for w in page["articles"]]
    assert result.errors == []


@pytest.mark.parametrize("page", TRUTH["pages"], ids=lambda p: p["path"].split("/")[2])
def test_article_fields(page):
    for got, want in zip(parsed(page).articles, page["articles"]):
        label = f"{page['path']} {want['url']}"
        assert got.title == want["title"], label
        assert got.summary == want.get("summary", []), label
        for name in ("published_at", "updated_at"):
            if name in want:
                assert getattr(got, name) == (parse_iso(want[name]) if want[name] else None), f"{label} {name}"
        paragraphs = [b.text for b in got.blocks if b.type == "paragraph"]
        assert len(paragraphs) == want["paragraphs"], label
        assert (paragraphs[0], paragraphs[-1]) == (words(want["first_paragraph"]), words(want["last_paragraph"])), label
        if "subheadings" in want:
            assert [b.text for b in got.blocks if b.type == "subheading"] == want["subheadings"], label
        if want["main"]:
            # The English aawsat pages print no byline; their JSON-LD author is the outlet itself,
            # the publisher (its JSON-LD publisher's name, else og:site_name, as written), not an author.
            assert got.authors == want["authors"], label
            if "publisher" in want:
                assert got.publisher == want["publisher"], label
            assert (got.section, got.language) == (want["section"], want["language"]), label
        for image, want_image in zip(got.images, want.get("images", [])):
            # We keep the credit apart from the caption; the truth keeps the caption as shown.
            assert want_image["caption"].startswith(image.caption), label
            assert want_image["credit"].lower() in (image.credit or "").lower(), label


@pytest.mark.parametrize("page", TRUTH["pages"], ids=lambda p: p["path"].split("/")[2])
def test_nothing_of_an_appended_article_or_the_page_chrome_enters_the_main_body(page):
    main = next(a for a in parsed(page).articles if a.main)
    paragraphs = [b.text for b in main.blocks]
    for text in page["not_in_main_body"]:
        if len(text.split()) >= 3:
            assert not any(words(text) in p for p in paragraphs), text
        else:
            assert words(text) not in paragraphs, text


def test_one_article_seen_at_two_urls_has_one_key():
    for first, second in TRUTH["same_article"]:
        pages = {p["path"]: p for p in TRUTH["pages"]}
        keys = {article_key(next(a for a in parsed(pages[path]).articles if a.main).canonical_url)
                for path in (first, second)}
        assert len(keys) == 1
