"""The news parser's one-walk finders give what the XPaths they replace gave, on every saved page.

Why: the generic profile's bylines (:func:`parsers.news.profile.bylines_by_markup`), its date,
section and tag attributes (:func:`parsers.news.profile.attribute_of`), the page's headings and
microdata nodes in the metadata, and the usable date and byline candidates
(:mod:`parsers.news.visible`, whose ancestors are judged once per reading) were XPaths or walks
per candidate; they were rewritten for speed (issue 19) and must find the same elements, in the
same order. Every sample page, and every shared real page when ../shared is present, at the
page and at each of its ``<article>`` elements.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from lxml import etree

from parsers.html_text import decode_body, element_text
from parsers.news import metadata, visible
from parsers.news.profile import GENERIC, attribute_of, bylines_by_markup
from parsers.registry import build_tree

from conftest import DATA, REAL_FIXTURES, ROOT

DEMO_PAGES = ROOT / "crawler" / "demo_site" / "pages"
OUTSIDE = frozenset({"nav", "footer", "aside", "form", "script", "style", "noscript", "template"})
BYLINE_XPATHS = [etree.XPath(e, smart_strings=False) for e in (
    ".//*[@itemprop='author']//*[@itemprop='name']", ".//*[contains(@class, 'byline')]",
    ".//*[contains(@class, 'entry-author')]", ".//a[@rel='author']")]
ATTRIBUTE_XPATHS = {
    ".//meta[@itemprop='datePublished']/@content": attribute_of("meta", "content", itemprop="datePublished"),
    ".//time[@itemprop='datePublished']/@datetime": attribute_of("time", "datetime", itemprop="datePublished"),
    ".//time[@datetime][not(contains(@class, 'updated'))]/@datetime":
        attribute_of("time", "datetime", unless_class="updated"),
    ".//meta[@itemprop='dateModified']/@content": attribute_of("meta", "content", itemprop="dateModified"),
    ".//time[contains(@class, 'updated')]/@datetime": attribute_of("time", "datetime", only_class="updated"),
    ".//meta[@itemprop='articleSection']/@content": attribute_of("meta", "content", itemprop="articleSection"),
    ".//meta[@itemprop='keywords']/@content": attribute_of("meta", "content", itemprop="keywords"),
}


def saved_pages() -> list[Path]:
    pages = [p for base in (DEMO_PAGES, DATA) for p in base.rglob("*.html") if p.is_file()]
    if REAL_FIXTURES.is_dir():
        pages += list(REAL_FIXTURES.glob("*/*.html")) + list((REAL_FIXTURES / "news-bench" / "html").glob("*.html.gz"))
    return sorted(pages)


def scopes():
    """(page name, scope) for every saved page: its root, then each of its <article> elements."""
    for path in saved_pages():
        body = path.read_bytes()
        root = build_tree(decode_body(gzip.decompress(body) if path.name.endswith(".gz") else body))
        yield path.name, root
        for article in root.iter("article"):
            yield f"{path.name} <article>", article


def first_with_text(scope) -> list[str]:
    """What Profile.find asked of the four byline XPaths in turn."""
    return GENERIC.find(tuple(BYLINE_XPATHS), scope)


def test_finders_find_what_their_xpaths_found():
    misses = []
    for name, scope in scopes():
        if GENERIC.find(GENERIC.authors, scope) != first_with_text(scope):
            misses.append(f"{name}: bylines")
        if bylines_by_markup(scope) and not any(element_text(node).strip() for node in bylines_by_markup(scope)):
            misses.append(f"{name}: bylines without text")
        for expression, finder in ATTRIBUTE_XPATHS.items():
            if finder(scope) != etree.XPath(expression, smart_strings=False)(scope):
                misses.append(f"{name}: {expression}")
    assert not misses, misses[:20]


def test_page_walks_find_what_their_xpaths_found():
    misses = []
    for name, root in scopes():
        if root.tag == "article":
            continue
        if metadata.body_headings(root) != root.xpath("//body//h1"):
            misses.append(f"{name}: //body//h1")
        if metadata.ITEMPROP_NODES(root) != root.xpath("//*[@itemprop][not(self::meta)]"):
            misses.append(f"{name}: itemprop nodes")
    assert not misses, misses[:20]


def usable_one_by_one(node, region, headline) -> bool:
    """The candidates' check as it was, walking every ancestor of each candidate."""
    for ancestor in node.iterancestors():
        if ancestor is region:
            break
        # The footer of the <article> that holds the headline is the article's own (its date, its byline).
        if ancestor.tag == "footer" and headline is not None and "comment" not in (ancestor.get("class") or "").lower():
            article = next(ancestor.iterancestors("article"), None)
            if article is not None and any(a is article for a in headline.iterancestors()):
                continue
        if (ancestor.tag in OUTSIDE and not (ancestor.tag == "form" and next(ancestor.iter("h1"), None) is not None)) \
                or "comment" in (ancestor.get("class") or "").lower():
            return False
        outside_headline = headline is not None and not any(a is ancestor for a in headline.iterancestors())
        if ancestor.tag == "article" and outside_headline:
            return False
        # A link around a heading: another article's teaser.
        if ancestor.tag == "a" and next(ancestor.iter("h2", "h3", "h4", "h5", "h6"), None) is not None \
                and (headline is None or outside_headline):
            return False
        # A site's widget or a menu, whether a headline was found or not (never <body>'s layout words).
        tokens = (ancestor.get("class") or "").lower().split()
        words = re.split(r"[\s_-]+", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", ancestor.get("class") or "").lower())
        widget = any(t in WIDGET or t.startswith(("widget_", "widget-")) for t in tokens) or bool(set(words) & MENU)
        if widget and ancestor.tag not in ("body", "html") and (headline is None or outside_headline):
            return False
        # A picture gallery or a related-content box that does not hold the headline.
        if outside_headline and set(words) & ELSEWHERE:
            return False
    return node.tag not in OUTSIDE


WIDGET = {"widget", "sidebar", "sidebar_widget", "widgettitle"}
MENU = {"menu", "navigation", "topnavigation", "navbar", "nav", "topnav", "mainmenu", "topmenu"}
ELSEWHERE = {"gallery", "slideshow", "slides", "carousel", "related", "relatedcontent", "recommended", "recommendations"}


def test_usable_candidates_are_those_of_the_walk_per_candidate():
    misses = []
    for name, region in scopes():
        headline = next(region.iter("h1"), None)
        for with_headline in (None, headline):
            reading = visible.CandidateReading(region, with_headline)
            for node in region.iter(etree.Element):
                if reading.usable(node) != usable_one_by_one(node, region, with_headline):
                    misses.append(f"{name}: {node.tag} {node.get('class')}")
    assert not misses, misses[:20]
