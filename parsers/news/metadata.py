"""What a news page says about its article in machine-readable form: JSON-LD, OpenGraph, <meta>.

Sources in order of trust: the schema.org ``NewsArticle`` (or kin) in JSON-LD, then OpenGraph
and ``article:*`` meta tags, then plain ``<meta>``. Visible markup is the caller's fallback.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime

from ..dates import parse_iso, parse_text_date
from ..xml_chars import loads_xml_safe

# schema.org types that describe an article (https://schema.org/Article and its subtypes).
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
    "BlogPosting", "LiveBlogPosting", "Report",
})


@dataclass
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    image: str | None = None
    image_caption: str | None = None


def json_ld_articles(root) -> list[dict]:
    """Every JSON-LD object on the page whose @type is an article type, in page order."""
    found = []
    for raw in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = loads_xml_safe(raw)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                types = item.get("@type")
                types = set(types) if isinstance(types, list) else {types}
                if types & ARTICLE_TYPES:
                    found.append(item)
                elif "@graph" in item:
                    stack[:0] = item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]]
    return found


def page_metadata(root, captured_at: datetime) -> Metadata:
    """The metadata of the page's own article."""
    ld = (json_ld_articles(root) or [{}])[0]
    meta = _meta_tags(root)
    return Metadata(
        title=_ld_title(ld) or meta.get("og:title") or meta.get("twitter:title"),
        authors=_ld_authors(ld.get("author")) or _meta_authors(meta),
        published_at=_date(ld.get("datePublished") or meta.get("article:published_time")
                           or meta.get("datePublished") or meta.get("pubdate"), captured_at),
        updated_at=_date(ld.get("dateModified") or meta.get("article:modified_time"), captured_at),
        section=_first_text(ld.get("articleSection")) or meta.get("article:section"),
        tags=_keywords(ld.get("keywords")) or _split_tags(meta.get("article:tag")) or _keywords(meta.get("keywords")),
        language=_language(root, ld, meta),
        canonical_url=_first(root.xpath("/html/head/link[@rel='canonical']/@href")) or meta.get("og:url"),
        description=meta.get("og:description") or meta.get("description"),
        image=_ld_image(ld.get("image"))[0] or meta.get("og:image"),
        image_caption=_ld_image(ld.get("image"))[1],
    )


def _meta_tags(root) -> dict[str, str]:
    tags: dict[str, str] = {}
    for node in root.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        value = node.get("content")
        if key and value and key not in tags:
            tags[key] = " ".join(value.split())
        elif key == "article:tag" and value:
            tags[key] += f",{value.strip()}"
    return tags


def _ld_title(ld: dict) -> str | None:
    headline = _first_text(ld.get("headline") or ld.get("name"))
    # A headline with HTML entities left in it was escaped twice by the publisher ("&quot;..."):
    # the page's own og:title is then the cleaner copy.
    if headline and "&" in headline and html.unescape(headline) != headline:
        return None
    return headline


def _ld_authors(value) -> list[str]:
    """Who wrote the article: the people named, or, when only organisations are (an agency
    byline such as "Reuters"), those."""
    items = value if isinstance(value, list) else [value] if value else []
    people, organisations = [], []
    for item in items:
        if isinstance(item, str):
            people.append(item)
        elif isinstance(item, dict) and item.get("name"):
            (organisations if item.get("@type") == "Organization" else people).append(item["name"])
    return [" ".join(n.split()) for n in dict.fromkeys(people or organisations) if n.strip()]


def _meta_authors(meta: dict[str, str]) -> list[str]:
    raw = meta.get("author") or meta.get("article:author") or ""
    if not raw or raw.startswith("http"):
        return []
    return [name.strip() for name in raw.split(",") if name.strip()]


def _ld_image(value) -> tuple[str | None, str | None]:
    item = value[0] if isinstance(value, list) and value else value
    if isinstance(item, str):
        return item, None
    if isinstance(item, dict):
        return item.get("url") or item.get("contentUrl"), item.get("caption") or item.get("description")
    return None, None


def _date(value, captured_at: datetime) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    # ISO first; publishers also write "20 Nov 2019 08:02 GMT" in JSON-LD.
    return parse_iso(value) or parse_text_date(value, captured_at)


def _keywords(value) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return _split_tags(value)


def _split_tags(value) -> list[str]:
    if not value or not isinstance(value, str):
        return []
    return list(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))


def _language(root, ld: dict, meta: dict[str, str]) -> str | None:
    # Drupal 7 XHTML themes write xml:lang only.
    html_element = root.getroottree().getroot()
    value = (html_element.get("lang") or html_element.get("xml:lang") or _first_text(ld.get("inLanguage"))
             or meta.get("og:locale") or meta.get("content-language"))
    return value.replace("_", "-").split("-")[0].lower() if value else None


def _first_text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return " ".join(str(value).split()) if value else None


def _first(values):
    return values[0] if values else None
