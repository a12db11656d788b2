"""News articles from any site: one page, one or more articles.

Generic extraction: the page's JSON-LD / OpenGraph metadata for its own article and trafilatura
for the body (:mod:`.metadata`, :mod:`.body`). A page that carries several articles (sites with
infinite scroll append the next ones to the page) is split: each article container becomes its
own :class:`~parsers.models.Article`; the one whose URL is the page's (or its canonical URL) is
the main one, and no appended article's text ever enters the main body. Sites whose markup needs
more get a profile in this package (:mod:`.aawsat`, :mod:`.arabnews`), picked by host.
"""

from __future__ import annotations

import re
from datetime import datetime
from itertools import chain

from lxml import etree
from parsel import Selector

from ..budget import check_budget
from ..html_text import drop_node, element_text, remove_matching
from ..models import Article, Image, PageResult
from ..page_index import page_index
from ..urls import plausible_host, urljoin, urlsplit
from . import aawsat, arabnews
from .body import element_reading, extract_blocks, split_credit, take_figures
from .byline import Byline, read_byline
from .classed import classed, with_attribute
from .continued import article_pages
from .evidence import RUNNING_TEXT, article_evidence, longest_running_text, unspaced_characters
from .metadata import TITLE_TEXT, Metadata, page_metadata, unzoned_time
from .profile import GENERIC, Profile
from .titles import agree
from .visible import seen_text

ENGINE = "news"
PROFILES: tuple[Profile, ...] = (aawsat.PROFILE, arabnews.PROFILE)
NEVER_BODY = ("script", "style", "noscript", "template", "svg", etree.Comment)
# Where infinite-scroll markup keeps each article's own URL. data-history-url is left out: Drupal
# writes it relative to the real site, which is not where an archived page was fetched from.
_URL_ATTRIBUTES = ("data-url", "data-href", "data-canonical", "itemid")
# Compiled once: an expression given to .xpath() as text is compiled again at every call.
_SITE_NAMES = etree.XPath("/html/head/meta[@property='og:site_name']/@content", smart_strings=False)
_HEADLINE_LINK = etree.XPath("(.//h1//a/@href | .//h2//a/@href)[1]", smart_strings=False)


def detect(doc: Selector) -> bool:
    """True for pages that declare an article or have an article's shape (:mod:`.evidence`)."""
    return article_evidence(doc.root) is not None


def canonical_address(url: str, value: str | None) -> str | None:
    """The page's canonical address, joined to its own. A value written without its scheme but
    starting with the page's own host ("www.elmundo.es/elmundo/2012/...", El Mundo's og:url) names
    that host: joined as a relative path it became ".../espana/www.elmundo.es/elmundo/...", and
    the article's address with it."""
    if not value:
        return None
    host = urlsplit(url).netloc.lower()
    first = value.split("/", 1)[0].lower()
    if host and "://" not in value and not value.startswith("/") and first.removeprefix("www.") == host.removeprefix("www."):
        return urljoin(url, "//" + value)
    joined = urljoin(url, value)
    # A canonical whose host no site can have ("https://.tramino.de", a CMS's template with its
    # site's name left empty) names no page: the article was filed under it, its site ".tramino.de".
    return joined if plausible_host(urlsplit(joined).hostname) else None


# Said of an article whose published time of day the page gives with no zone (the forums' own
# note is parsers.clock.UNSTATED_ZONE_ERROR).
UNZONED_PUBLISHED_TIME = "published time read as UTC: the page gives its time of day with no zone"


def profile_for(root, url: str, canonical: str | None) -> Profile:
    hosts = {urlsplit(u).netloc.lower() for u in (canonical, url) if u}
    site_name = " ".join(_SITE_NAMES(root)).lower()
    for profile in PROFILES:
        if hosts & set(profile.hosts) or any(name in site_name for name in profile.site_names):
            return profile
    return GENERIC


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse a news page into its articles (main first); a page with no article text is unsupported."""
    root = doc.root
    meta = page_metadata(root, captured_at, url)
    canonical = canonical_address(url, meta.canonical_url)
    profile = profile_for(root, url, canonical)
    for chrome in profile.chrome:
        remove_matching(root, chrome)
    # Read (JSON-LD included) and never body: the extractor would serialise and parse them again,
    # and on pages that carry their app state in scripts they are most of the markup.
    etree.strip_elements(root, *NEVER_BODY, with_tail=False)
    for preface in comment_prefaces(root):
        drop_node(preface)
    result = PageResult(kind="article_page", url=url, engine=ENGINE, canonical_url=canonical)
    containers = [c for c in profile.nodes(profile.containers, root) if _has_text(c)]
    appended = [c for c in containers if _whole_article(c, url)]
    if len(appended) > 1:
        result.articles = _split(appended, url, canonical, meta, profile, captured_at, result.errors)
    elif profile is GENERIC:
        result.articles.append(_generic_article(root, containers, url, canonical, meta, captured_at, result.errors))
    else:
        scope = containers[0] if containers else root
        result.articles.append(_article(scope, url, canonical or url, True, meta, profile, captured_at, result.errors))
    if not any(a.blocks for a in result.articles):
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason="no article text found on the page")
    thin = _no_article_evidence(result.articles[0], meta) or _unrendered_template(result.articles[0])
    if thin:
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=thin)
    later = article_pages(root, url)
    if later:
        result.errors.append(f"{url}: {CONTINUED} {len(later) + 1} pages, the next at {later[0]}: only this page's"
                             " part of it is read")
    return result


# Said of an article the page shows split into pages (.continued): the rest is not read.
CONTINUED = "the article is split into"


# Fewer words than any news brief prints: an error page's line ("Please try again later.").
THIN_ARTICLE_WORDS = 30


def _word_count(text: str) -> int:
    """Words of ``text``: its runs between spaces, each Chinese or Japanese character one word.

    Why: those scripts put no space between words, and a Chinese article of 500 characters
    counted as 5 words was declared an error page's line ("no article")."""
    return sum(max(1, unspaced_characters(run)) for run in text.split())


def _no_article_evidence(article: Article, meta: Metadata) -> str | None:
    """Why a page is no article, when its only text is a line or two and nothing else on it says
    article: no date, byline, canonical address, description or publisher. Why: the news spider
    reads every page a feed lists as an article, and a site's "Database Error" page answering 200
    was stored as an article of 23 characters, the real one lost with the run saying "finished"."""
    words = _word_count(article.text)
    if words >= THIN_ARTICLE_WORDS or meta.published_at or meta.authors or meta.canonical_url \
            or meta.description or meta.publisher:
        return None
    return (f"no article: {words} words, and nothing on the page marks one (no date, byline, canonical"
            " address, description or publisher)")


# An expression a script fills in when it draws the page: AngularJS and Vue "{{ x.title }}",
# Handlebars and Mustache "{{title}}".
_TEMPLATE_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def _unrendered_template(article: Article) -> str | None:
    """Why a page is no article, when its text is mostly template expressions no script filled in:
    an application's shell (a newspaper site on AngularJS, say) whose article is drawn in the
    browser. Read as it is, it was an "article" of two paragraphs of "{{...}}" under the heading of
    an editing panel, and the real article was never asked for."""
    text = article.text
    if "{{" not in text:
        return None
    unfilled = sum(len(match.group()) for match in _TEMPLATE_EXPRESSION.finditer(text))
    if unfilled * 2 < len(text):
        return None
    return ("no article: the page's text is mostly template expressions no script filled in ('{{...}}'):"
            " its article is drawn in the browser, not in the HTML")


def _generic_article(root, containers, url: str, canonical: str | None, meta: Metadata,
                     captured_at: datetime, errors: list[str]) -> Article:
    """The page's one article, read from its ``<article>`` element or from the whole page,
    whichever :func:`.body.body_scope` shows holds the body."""
    candidate = _headline_container(containers)
    if candidate is None:
        return _article(root, url, canonical or url, True, meta, GENERIC, captured_at, errors)
    # The element's pictures are the article's; the rest of the page's only if the whole page is read.
    inner_images = take_figures(candidate, url)
    outer_images = take_figures(root, url)
    title = meta.title or _container_title(candidate)
    whole = extract_blocks(root, url, title)
    inner, scope = element_reading(whole, candidate)
    if scope == "element":
        return _article(candidate, url, canonical or url, True, meta, GENERIC, captured_at, errors,
                        blocks=inner, images=inner_images)
    return _article(root, url, canonical or url, True, meta, GENERIC, captured_at, errors,
                    blocks=whole, images=inner_images + [i for i in outer_images if i not in inner_images])


def _headline_container(containers):
    """The ``<article>`` that holds the page's headline, else the one with the most text."""
    if not containers:
        return None
    with_h1 = [c for c in containers if next(c.iter("h1"), None) is not None]
    return (with_h1 or sorted(containers, key=lambda c: -longest_running_text(c)))[0]


def _whole_article(container, page_url: str) -> bool:
    """An article appended to the page (infinite scroll), not a card or a comment: it has its
    own URL, its own headline, and more running text than a teaser."""
    return (_container_url(container, page_url) is not None and _container_title(container) is not None
            and longest_running_text(container) >= RUNNING_TEXT)


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
        if not main and not own_url:
            errors.append(f"appended article {index + 1} has no URL of its own; dropped")
            continue
        articles.append(_article(container, url, (canonical or url) if main else own_url, main,
                                 meta if main else Metadata(publisher=meta.publisher), profile, captured_at, errors))
    articles.sort(key=lambda a: not a.main)
    return articles


def _article(scope, page_url: str, article_url: str, main: bool, meta: Metadata, profile: Profile,
             captured_at: datetime, errors: list[str], blocks: list | None = None,
             images: list[Image] | None = None) -> Article:
    """One article from its container (or from the whole page when it has no container).

    Page metadata (JSON-LD, OpenGraph) speaks for the main article; the container's own markup
    fills what it leaves out, and is all an appended article has. A published time of day given
    with no zone is read as UTC, and ``errors`` says so (:func:`.metadata.unzoned_time`).
    """
    check_budget()
    images = take_figures(scope, page_url) if images is None else images
    summary_nodes = profile.nodes(profile.summary, scope)
    summary = [element_text(node) for node in summary_nodes]
    for node in summary_nodes:
        drop_node(node)
    title = meta.title or _container_title(scope)
    published_at, unzoned = meta.published_at, meta.published_unzoned
    if published_at is None:
        published_at, source = profile.date_with_source(profile.published, scope, captured_at)
        unzoned = unzoned_time(published_at, source)
    if unzoned:
        errors.append(f"{article_url}: {UNZONED_PUBLISHED_TIME}")
    if not images and main and meta.image:
        # No <figure>: the picture the page declares for sharing, with the caption the page shows.
        shown = profile.find(profile.image_caption, scope)
        caption, credit = split_credit(shown[0] if shown else meta.image_caption)
        images = [Image(url=urljoin(page_url, meta.image), caption=caption, credit=credit)]
    return Article(
        url=article_url,
        canonical_url=canonical_address(page_url, meta.canonical_url) if main else article_url,
        main=main,
        site=urlsplit(article_url).netloc.lower() or None,
        language=meta.language or _root_language(scope),
        title=title,
        summary=summary,
        authors=meta.authors or _byline_names(profile.find(profile.authors, scope, read=seen_text), meta.publisher),
        publisher=meta.publisher,
        published_at=published_at,
        updated_at=meta.updated_at or profile.date(profile.updated, scope, captured_at),
        section=meta.section or next(iter(profile.find(profile.section, scope)), None),
        tags=meta.tags or list(dict.fromkeys(profile.find(profile.tags, scope))),
        blocks=extract_blocks(scope, page_url, title) if blocks is None else blocks,
        images=images,
    )


def comment_prefaces(root) -> list:
    """The notes a page prints between the article's last paragraph and its comments widget
    (CNN Arabic: its comment policy, "الآراء الواردة أدناه لا تعبر عن رأي الموقع", in a bare
    ``<div>`` beside the body's paragraphs, just above ``<div class="fb-comments">``).

    Why: the note sits in the body's element with no class naming comments, so the extractor keeps
    it as the body's last paragraphs. A block is such a note when the next element after it is a
    comments widget (class ``fb-comments`` / ``comments``, id ``comments`` / ``disqus_thread``),
    it is a wrapper (not a paragraph of the body itself) of at most :data:`_PREFACE_PARAGRAPHS`
    short paragraphs, and the article's own paragraphs run before it in the same parent."""
    widgets = [n for n in classed(root, "comments") if _COMMENTS_CLASS.intersection((n.get("class") or "").split())]
    index = page_index(root)
    for name in ("comments", "disqus_thread"):
        if index.has_id(name):  # the page's ids are read already: most pages are not searched
            widgets += with_attribute(root, "id", name)
    prefaces = []
    for widget in widgets:
        preface = widget.getprevious()
        if preface is None or preface.tag not in ("div", "section") or not _is_preface(preface):
            continue
        if any(sibling.tag == "p" for sibling in preface.itersiblings(preceding=True)):
            prefaces.append(preface)
    return prefaces


_COMMENTS_CLASS = frozenset({"fb-comments", "comments"})
_PREFACE_PARAGRAPHS = 3
_PREFACE_LENGTH = 600


def _is_preface(node) -> bool:
    paragraphs = list(node.iter("p"))
    return 0 < len(paragraphs) <= _PREFACE_PARAGRAPHS and len(element_text(node)) <= _PREFACE_LENGTH \
        and not any(child.tag in ("h1", "h2", "figure", "article") for child in node.iterdescendants())


def _byline_names(texts: list[str], publisher: str | None) -> list[str]:
    """The people the container's bylines name; its organisations only when no person is named."""
    byline = Byline()
    for text in texts:
        byline.add(read_byline(text, outlets=[publisher] if publisher else []))
    return byline.people or byline.organisations


def _container_url(container, page_url: str) -> str | None:
    for name in _URL_ATTRIBUTES:
        value = container.get(name)
        if value:
            return urljoin(page_url, value)
    link = _HEADLINE_LINK(container)
    return urljoin(page_url, link[0]) if link else None


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LONGEST_TITLE = 300  # characters: a longer text is a paragraph, not a headline


def _container_title(scope) -> str | None:
    """The title of an article whose page gives none in its metadata: the heading, or the element
    classed as a title or headline ("div.headline", "td.articleTitle"), that agrees with the page's
    ``<title>``; else the first ``<h1>`` or ``<h2>`` a reader sees.

    Why: an old page without metadata titles took its first ``<h1>``/``<h2>`` whatever it was: a
    hidden comment form's "Please log in" (its headline a ``div.headline``), a section's label
    ("Security") above the headline's ``<h4>``, silently."""
    page_title = " ".join("".join(TITLE_TEXT(scope.getroottree().getroot())).split())
    if page_title:
        # Headings first, then the classed elements that hold none (a "title-area" wrapper around the
        # <h1> holds its date line too: its words would agree and bring the date into the title).
        headings = scope.iter(*_HEADINGS)
        classed = (node for node in scope.iter("div", "span", "td", "p", "font", "b", "strong")
                   if _TITLE_CLASS.search(node.get("class") or "") and next(node.iter(*_HEADINGS), None) is None)
        for node in chain(headings, classed):
            text = element_text(node)
            if text and len(text) <= _LONGEST_TITLE and agree(text, page_title) and not _hidden(node):
                return text
    heading = next((h for h in scope.iter("h1", "h2") if element_text(h) and not _hidden(h)), None)
    return element_text(heading) if heading is not None else None


_TITLE_CLASS = re.compile(r"title|headline", re.IGNORECASE)
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(node) -> bool:
    """Is ``node`` hidden from a reader by its own markup or an ancestor's (``style="display: none"``,
    the ``hidden`` attribute)?"""
    return any(element.get("hidden") is not None or _HIDING_STYLE.search(element.get("style") or "")
               for element in (node, *node.iterancestors()))


def _root_language(scope) -> str | None:
    lang = scope.getroottree().getroot().get("lang")
    return lang.split("-")[0].lower() if lang else None


def _has_text(container) -> bool:
    return sum(len(element_text(p)) for p in container.iter("p")) >= 200


def _normal(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}"
