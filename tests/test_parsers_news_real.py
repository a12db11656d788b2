"""The news parser on the real Arabic article in ../shared/fixtures/real/news (LBCI, from fundus's
test data): the values below were read from the page by hand; the body is fundus's own gold."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from conftest import REAL_FIXTURES

from parsers.registry import parse_page

PAGE = REAL_FIXTURES / "news" / "lbcgroup-898682-2026-01-08.html"
URL = "https://www.lbcgroup.tv/news/lifestyle/898682/"

pytestmark = pytest.mark.skipif(not PAGE.is_file(), reason="../shared/fixtures/real/news is absent")


def test_arabic_article_as_a_reader_sees_it():
    result = parse_page(PAGE.read_bytes(), URL, datetime(2026, 1, 8, 12, tzinfo=timezone.utc))
    assert result.kind == "article_page", result.reason
    (article,) = result.articles
    # The <h1> prints the quoted words in quotation marks (&quot;...&quot;): typography kept.
    assert article.title == '"شعر وردي يُشعل السخرية"… لغز لون شعر دونالد ترامب يربك الجمهور وخبير يشرح السبب'
    assert article.language == "ar"
    # JSON-LD datePublished 2026-01-08T11:42:50+00:00, which the page writes in UTC.
    assert article.published_at == datetime(2026, 1, 8, 11, 42, 50, tzinfo=timezone.utc)
    # No person is named: the author box holds only the section link (منوعات), and the
    # microdata author "LBCI" is the outlet.
    assert article.authors == []
    gold = next(iter(json.loads(PAGE.with_name(PAGE.stem + ".expected.json").read_text(encoding="utf-8")).values()))
    paragraphs = [p for section in gold["body"]["sections"] for p in section["paragraphs"]]
    ours = [block.text for block in article.blocks if block.type == "paragraph"]
    assert ours[0] == " ".join(paragraphs[0].split()) and ours[-1] == " ".join(paragraphs[-1].split())
    assert len(ours) == len(paragraphs)
