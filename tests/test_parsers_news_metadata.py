"""parsers.news.metadata and parsers.news.body helpers, on small hand-written markup."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from parsers.news.body import split_credit, take_figures
from parsers.news.metadata import page_metadata
from parsers.registry import build_tree

CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)


def page(head: str, body: str = "") -> object:
    return build_tree(f"<html lang='en-GB'><head>{head}</head><body>{body}</body></html>")


def test_json_ld_in_a_graph_wins_over_opengraph():
    root = page('''<meta property="og:title" content="SEO title">
      <meta property="article:published_time" content="2020-01-01T00:00:00Z">
      <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Site"},
        {"@type": ["NewsArticle"], "headline": "The real headline", "datePublished": "2024-03-07T07:55:25Z",
         "dateModified": "2024-03-07T12:00:00Z", "articleSection": ["World"], "keywords": ["Iraq", "Iran"],
         "author": [{"@type": "Person", "name": "Maya  Gebeily"}, {"@type": "Organization", "name": "Reuters"}]}]}
      </script>''')
    meta = page_metadata(root, CAPTURED)
    assert meta.title == "The real headline"
    assert meta.authors == ["Maya Gebeily"]  # people first; an organisation only when no person is named
    assert meta.published_at == datetime(2024, 3, 7, 7, 55, 25, tzinfo=timezone.utc)
    assert meta.updated_at == datetime(2024, 3, 7, 12, 0, tzinfo=timezone.utc)
    assert (meta.section, meta.tags, meta.language) == ("World", ["Iraq", "Iran"], "en")


def test_double_escaped_headline_gives_way_to_og_title():
    root = page('''<meta property="og:title" content="Pink hair puzzle">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "&quot;Pink hair&quot; puzzle"}</script>''')
    assert page_metadata(root, CAPTURED).title == "Pink hair puzzle"


def test_textual_json_ld_date_and_meta_authors():
    root = page('''<meta name="author" content="Ann One, Bob Two">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", "datePublished": "20 Nov 2019 08:02 GMT"}</script>''')
    meta = page_metadata(root, CAPTURED)
    assert meta.published_at == datetime(2019, 11, 20, 8, 2, tzinfo=timezone.utc)
    assert meta.authors == ["Ann One", "Bob Two"]


@pytest.mark.parametrize("caption, expected", [
    ("Burning debris near Baghdad airport (Reuters)", ("Burning debris near Baghdad airport", "Reuters")),
    ("Majdal Shams, July 28, 2024. REUTERS/Ammar Awad Purchase Licensing Rights",
     ("Majdal Shams, July 28, 2024.", "REUTERS/Ammar Awad")),
    ("A caption without credit", ("A caption without credit", None)),
    (None, (None, None)),
])
def test_credit_is_split_from_the_caption(caption, expected):
    assert split_credit(caption) == expected


def test_figures_become_images_and_leave_the_body():
    root = page("", '''<article><p>Before.</p>
      <figure><img data-src="/img/a.jpg" src="data:image/gif;base64,R0l"><figcaption>Kadhimi in Baghdad
        <span class="credit">AFP</span></figcaption></figure>
      <figure><img src="https://cdn.example/b.jpg" alt="Gaza City (Reuters)"></figure><p>After.</p></article>''')
    images = take_figures(root, "https://news.example/story/1")
    assert [(i.url, i.caption, i.credit) for i in images] == [
        ("https://news.example/img/a.jpg", "Kadhimi in Baghdad", "AFP"),
        ("https://cdn.example/b.jpg", "Gaza City", "Reuters"),
    ]
    assert root.find(".//figure") is None and "Before.After." in "".join(root.itertext()).replace("\n", "").replace(" ", "")
