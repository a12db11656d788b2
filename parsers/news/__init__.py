"""News articles from any site: one page, one or more articles.

Generic extraction: the page's JSON-LD / OpenGraph metadata for its own article and trafilatura
for the body (:mod:`.metadata`, :mod:`.body`). A page that carries several articles (sites with
infinite scroll append the next ones to the page) is split: each article container becomes its
own :class:`~parsers.models.Article`; the one whose URL is the page's (or its canonical URL) is
the main one, and no appended article's text ever enters the main body. Sites whose markup needs
more get a profile in this package (:mod:`.aawsat`, :mod:`.arabnews`), picked by host.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from ..dates import parse_iso, parse_text_date
from ..html_text import element_text, remove_matching
from ..models import Article, Image, PageResult
from . import aawsat, arabnews
from .body import extract_blocks, split_credit, take_figures
from .metadata import Metadata, json_ld_articles, page_metadata
from .profile import GENERIC, Profile

ENGINE = "news"
PROFILES: tuple[Profile, ...] = (aawsat.PROFILE, arabnews.PROFILE)
_OG_ARTICLE = etree.XPath("/html/head/meta[@property='og:type' and @content='article']")
_URL_ATTRIBUTES = ("data-url", "data-history-url", "data-href", "data-canonical", "data-path", "itemid")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def detect(doc: Selector) -> bool:
    """True for pages that declare an article (JSON-LD article type or og:type=article)."""
    root = doc.root
    return bool(_OG_ARTICLE(root) or json_ld_articles(root))


def profile_for(root, url: str, canonical: str | None) -> Profile:
    hosts = {urlsplit(u).netloc.lower() for u in (canonical, url) if u}
    site_name = " ".join(root.xpath("/html/head/meta[@property='og:site_name']/@content")).lower()
    for profile in PROFILES:
        if hosts & set(profile.hosts) or any(name in site_name for name in profile.site_names):
            return profile
    return GENERIC


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse a news page into its articles (main first); a page with no article text is unsupported."""
    root = doc.root
    meta = page_metadata(root, captured_at)
    canonical = urljoin(url, meta.canonical_url) if meta.canonical_url else None
    profile = profile_for(root, url, canonical)
    for chrome in profile.chrome:
        remove_matching(root, chrome)
    result = PageResult(kind="article_page", url=url, engine=ENGINE, canonical_url=canonical)
    containers = [c for c in profile.containers(root) if _has_text(c)]
    if len(containers) <= 1:
        scope = containers[0] if containers else root
        article = _article(scope, url, canonical or url, True, meta, profile, captured_at, whole_page=not containers)
        result.articles.append(article)
    else:
        result.articles = _split(containers, url, canonical, meta, profile, captured_at, result.errors)
    if not any(a.blocks for a in result.articles):
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason="no article text found on the page")
    return result


def _split(containers, url, canonical, meta, profile, captured_at, errors) -> list[Article]:
    own = {_normal(u) for u in (url, canonical) if u}
    urls = [_container_url(c, url) for c in containers]
    main_index = next((i for i, u in enumerate(urls) if u and _normal(u) in own), None)
    if main_index is None:
        # Infinite scroll appends after the page's own article: the first one is the page's.
        main_index = 0
        if urls[0]:
            errors.append(f"no article on the page has the page's URL; the first ({urls[0]}) is taken as main")
    articles = []
    for index, (container, own_url) in enumerate(zip(containers, urls)):
        main = index == main_index
        article_url = (canonical or url) if main else own_url
        if not article_url:
            errors.append(f"appended article {index + 1} has no URL of its own; dropped")
            continue
        articles.append(_article(container, url, article_url, main, meta if main else Metadata(), profile,
                                 captured_at, whole_page=False))
    articles.sort(key=lambda a: not a.main)
    return articles


def _article(scope, page_url: str, article_url: str, main: bool, meta: Metadata, profile: Profile,
             captured_at: datetime, whole_page: bool) -> Article:
    """One article from its container (or from the whole page when it has no container)."""
    images = take_figures(scope, page_url)
    summary = [element_text(node) for node in profile.summary(scope)]
    for node in profile.summary(scope):
        node.getparent().remove(node)
    title = meta.title or _container_title(scope)
    published = meta.published_at or _container_date(scope, profile, captured_at, profile.published)
    updated = meta.updated_at or _container_date(scope, profile, captured_at, profile.updated)
    authors = meta.authors or [element_text(node) for node in profile.authors(scope) if element_text(node)]
    blocks = extract_blocks(scope, page_url, title)
    if main and not images and meta.image and whole_page:
        # No <figure> in the markup: the picture the page declares for sharing is the article's.
        caption, credit = split_credit(meta.image_caption)
        images = [Image(url=urljoin(page_url, meta.image), caption=caption, credit=credit)]
    canonical = urljoin(page_url, meta.canonical_url) if main and meta.canonical_url else (None if main else article_url)
    return Article(
        url=article_url, canonical_url=canonical,
        main=main, site=urlsplit(article_url).netloc.lower() or None,
        language=meta.language or _root_language(scope), title=title, summary=summary, authors=authors,
        published_at=published, updated_at=updated, section=meta.section or profile.section_of(scope),
        tags=meta.tags, blocks=blocks, images=images,
    )


def _container_url(container, page_url: str) -> str | None:
    for name in _URL_ATTRIBUTES:
        value = container.get(name)
        if value:
            return urljoin(page_url, value)
    link = container.xpath("(.//h1//a/@href | .//h2//a/@href)[1]")
    return urljoin(page_url, link[0]) if link else None


def _container_title(scope) -> str | None:
    heading = next((h for h in scope.iter("h1", "h2") if element_text(h)), None)
    return element_text(heading) if heading is not None else None


def _container_date(scope, profile: Profile, captured_at: datetime, which) -> datetime | None:
    for node in which(scope):
        value = node.get("datetime") or node.get("content") or element_text(node)
        parsed = parse_iso(value) or parse_text_date(value.translate(_ARABIC_DIGITS), captured_at,
                                                     languages=profile.languages)
        if parsed:
            return parsed
    return None


def _root_language(scope) -> str | None:
    lang = scope.getroottree().getroot().get("lang")
    return lang.split("-")[0].lower() if lang else None


def _has_text(container) -> bool:
    return sum(len(element_text(p)) for p in container.iter("p")) >= 200


def _normal(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}"
