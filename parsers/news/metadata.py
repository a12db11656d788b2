"""What a news page says about its article: JSON-LD, OpenGraph, <meta>, and its visible headline and byline.

Sources in order of trust: the schema.org ``NewsArticle`` (or kin) in JSON-LD (:mod:`.json_ld`,
any shape), then OpenGraph and ``article:*`` meta tags, then plain ``<meta>``. Three fields are
read as a reader reads them, because metadata is written for machines:

- the title is the page's own ``<h1>`` when it agrees with a metadata title, and metadata titles
  lose the site's name (:mod:`.titles`);
- authors are the people named (:mod:`.byline`); organisations go to ``publisher``, and stand as
  authors only when no person is named anywhere (an agency byline, "Reuters"). The metadata is
  JSON-LD, then the author meta tags, then the microdata article's author items. When it names
  no person, the visible byline of the main article is read (:mod:`.visible`), else a labelled
  "Autor: ..." line its body ends with (:func:`.visible.closing_byline`); when it
  names people, they are kept even if the visible byline differs, as class names are the noisier
  source (a sidebar lists other articles' authors);
- times keep the offset the page wrote ("-05:00" stays): the instant is exact and the page's local
  day is kept. A naive ISO time takes the offset of the page's other metadata times when they
  agree on one, else UTC.

Times are gathered from JSON-LD, ``article:published_time`` and the other date ``<meta>`` names,
and microdata ``itemprop=datePublished``; the most trusted decides, written as precisely as
another source writes it (a day alone gives way to a time of day on that day), and when they
give different times the date printed near the headline decides between them
(:meth:`_TimeReader.choose`). Dates printed only in the page's text are not read here: the
generic profile reads them after the markup's machine-readable dates
(:func:`.visible.printed_date_nodes` in :mod:`.profile`), so a site profile that knows its
printed format and zone is asked first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from lxml import etree

from ..dates import has_clock, names_a_zone, parse_iso_keep_offset, parse_news_date, parse_text_date
from ..html_text import element_text
from ..markup import inside
from ..urls import urlsplit
from .byline import Byline, host_name, is_site, read_byline, starts_as_byline
from .json_ld import ARTICLE_TYPES, JsonLd, json_ld_articles, text, texts, types, url
from .profile import read_printed_date
from .titles import choose_title, shared_site_names
from .visible import byline_texts, closing_byline, main_region, printed_date_nodes, printed_time_nodes

__all__ = ["ARTICLE_TYPES", "Metadata", "json_ld_articles", "page_metadata"]

ORGANISATION_TYPES = frozenset({
    "Organization", "NewsMediaOrganization", "Corporation", "GovernmentOrganization", "NGO",
    "EducationalOrganization", "LocalBusiness", "Brand", "WebSite", "OnlineBusiness", "Project",
})
# <meta> names that carry a byline, in order of trust (NYT writes "byl", Parse.ly "parsely-author").
_AUTHOR_META = ("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator",
                "DC.creator", "citation_author")

# <meta> names that carry the publication time, after JSON-LD, in order of trust: OpenGraph's
# article:published_time, microdata's datePublished, then the names CMSs and Dublin Core use.
_PUBLISHED_META = ("article:published_time", "datePublished", "og:published_time", "pubdate", "publishdate",
                   "publish-date", "publish_date", "parsely-pub-date", "sailthru.date", "dcterms.issued",
                   "DC.date.issued", "dc.date.issued", "dcterms.date", "DC.date", "dc.date", "date",
                   # Dublin Core's creation date (BBC's 2012 pages give no other: the date of the first
                   # related story below the body was taken instead)
                   "dcterms.created", "DC.date.created", "dc.date.created")
_UPDATED_LABEL = re.compile(r"\W*(?:(?:last\s+)?(?:updated|modified|edited|aktualisiert|geändert|mis à jour"
                            r"|actualizado|atualizado|aggiornato|bijgewerkt)\b|(?:son\s+)?güncelle|更新)", re.I)
_ZONE_AT_END = re.compile(r"(?:\dZ|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC)(?:[+-]\d{1,4})?)\s*$")
_UPDATED_META = ("article:modified_time", "dateModified", "og:updated_time", "dcterms.modified", "DC.date.modified")
# //*[@itemprop][not(self::meta)]: from the attributes up, which libxml2 finds several times faster
# than it tests a predicate on every element of the page.
ITEMPROP_NODES = etree.XPath("//@itemprop/parent::*[not(self::meta)]")
# Compiled once: an expression given to .xpath() as text is compiled again at every call.
_CANONICAL = etree.XPath("/html/head/link[@rel='canonical']/@href", smart_strings=False)
# The page's <title> text, its parts as the parser split them (the news parser reads it too).
TITLE_TEXT = etree.XPath("/html/head/title//text()", smart_strings=False)


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
    publisher: str | None = None
    # The published time's source gives a time of day and no zone: read as UTC (see unzoned_time).
    published_unzoned: bool = False


def page_metadata(root, captured_at: datetime, url: str | None = None) -> Metadata:
    """The metadata of the page's own article (see the module docstring for what is read how).
    ``url``: the page's address, whose host names the site where the page names no canonical one."""
    graph = JsonLd.of_page(root)
    meta = _meta_tags(root)
    canonical = _first(_CANONICAL(root)) or meta.get("og:url")
    ld = _main_article(graph.articles(), canonical)
    publisher = _publisher(graph, ld) or meta.get("og:site_name")
    outlets = [n for n in (publisher, meta.get("og:site_name"), meta.get("application-name"),
                           host_name(urlsplit(canonical or url or "").netloc)) if n]
    headings = [(node, " ".join(element_text(node).split())) for node in body_headings(root)]
    headings = [(node, words) for node, words in headings if words and len(words) <= 300]
    title_tag = " ".join("".join(TITLE_TEXT(root)).split()) or None
    metadata_titles = [_ld_title(ld), _microdata_headline(root), meta.get("og:title"), meta.get("twitter:title"),
                       title_tag]
    outlets += shared_site_names(title_tag, metadata_titles[:-1])
    index, title = choose_title([words for _, words in headings], metadata_titles, outlets)
    headline = headings[index][0] if index is not None else (headings[0][0] if headings else None)
    microdata = _microdata(root, ("datePublished", "dateModified"))
    published_raw = [_first_text(ld.get("datePublished"))] + [meta.get(k) for k in _PUBLISHED_META] \
        + microdata["datePublished"]
    updated_raw = [_first_text(ld.get("dateModified"))] + [meta.get(k) for k in _UPDATED_META] \
        + microdata["dateModified"]
    languages = _languages(root, ld, meta)
    shown_time, printed = _shown_time(root, headline, captured_at, languages)
    reader = _TimeReader(published_raw + updated_raw, captured_at, languages)
    image, image_caption = _ld_image(graph, ld.get("image"))
    published_at, published_source = reader.choose_with_source(published_raw, printed, shown_time)
    return Metadata(
        title=title,
        authors=_authors(root, headline, graph, ld, meta, outlets),
        published_at=published_at,
        published_unzoned=unzoned_time(published_at, published_source, reader.naive_offset_shared),
        updated_at=reader.choose(updated_raw),
        section=_first_text(ld.get("articleSection")) or meta.get("article:section"),
        tags=_keywords(ld.get("keywords")) or _split_tags(meta.get("article:tag")) or _keywords(meta.get("keywords")),
        language=_language(root, ld, meta),
        canonical_url=canonical,
        description=meta.get("og:description") or meta.get("description"),
        image=image or meta.get("og:image"),
        image_caption=image_caption,
        publisher=publisher,
    )


def body_headings(root) -> list:
    """``//body//h1``, in document order, by lxml's tag filter: libxml2 tests every node of the page
    in its XPath machinery for ``//body`` and again for ``//h1``, several times slower."""
    bodies = root.getroottree().getroot().iter("body")
    return list(dict.fromkeys(heading for body in bodies for heading in body.iterdescendants("h1")))


def _main_article(articles: list[dict], canonical: str | None) -> dict:
    """The page's own article: the one whose URL is the canonical URL, else the first with a
    headline, else the first (a page may also describe related articles)."""
    if canonical:
        own = canonical.rstrip("/")
        for article in articles:
            if any(u.rstrip("/") == own for u in (url(article.get("url")), url(article.get("mainEntityOfPage")),
                                                   text(article.get("@id"))) if u):
                return article
    return next((a for a in articles if text(a.get("headline"))), articles[0] if articles else {})


def _publisher(graph: JsonLd, ld: dict) -> str | None:
    for node in graph.nodes(ld.get("publisher")) + graph.nodes(ld.get("sourceOrganization")):
        name = text(node.get("name")) if isinstance(node, dict) else text(node)
        if name and not name.startswith(("http://", "https://")):
            return name
    return None


def _authors(root, headline, graph: JsonLd, ld: dict, meta: dict[str, str], outlets: list[str]) -> list[str]:
    """The people who wrote the article; the organisations named only when no person is. The site
    itself as the metadata's author (BBC News on bbc.com, a "gto" login on gto-normativy.ru) is
    the publisher, not an author: a page with no byline names no author. A wire agency or another
    outlet stays, and so does a visible byline that prints the site's name."""
    found = [_ld_byline(graph, ld.get("author"), outlets), _ld_byline(graph, ld.get("creator"), outlets),
             _meta_byline(meta, outlets)]
    if not any(byline.people for byline in found):
        found.append(_microdata_byline(root, outlets))  # looked for only when the others name nobody
    for byline in found:
        byline.people = [p for p in byline.people if not (_handle(p) and is_site(p, outlets))]
    # A source that names people by their names beats one that gives a login ("kevin-r").
    people = next((b.people for b in found if any(not _handle(p) for p in b.people)), None) \
        or next((b.people for b in found if b.people), [])
    organisations = next((b.organisations for b in found if b.organisations), [])
    organisations = [o for o in organisations if not is_site(o, outlets)]
    if not people:
        visible = Byline()
        for line in byline_texts(root, headline) or closing_byline(main_region(root, headline)):
            visible.add(read_byline(line, outlets))
        people = visible.people
        if organisations:
            # Beside an outlet the metadata names, a one-word visible "name" is a dateline
            # ("Reuters, Washington"), not a reporter.
            people = [p for p in people if len(p.split()) > 1]
        # A byline that prints the site's name ("By LinkNaija") is kept as printed.
        organisations = organisations or visible.organisations
    return people or organisations


def _handle(name: str) -> bool:
    return " " not in name and (name.islower() or any(c in name for c in "_-0123456789"))


def _ld_byline(graph: JsonLd, value, outlets: list[str]) -> Byline:
    byline = Byline()
    for item in graph.nodes(value):
        if not isinstance(item, dict):
            byline.add(read_byline(text(item), outlets))
            continue
        kinds = types(item)
        names = texts(item.get("name")) or [" ".join(texts([item.get("givenName"), item.get("additionalName"),
                                                             item.get("familyName")]))]
        for name in names:
            byline.add(_typed_byline(name, kinds, outlets))
    return byline


def _typed_byline(name: str, kinds: set[str], outlets: list[str]) -> Byline:
    """The byline of an author item of ``kinds`` (schema.org types) named ``name``: every name an
    organisation's where the item says it is one, else read as a person's (declared one by a Person type)."""
    if kinds & ORGANISATION_TYPES:
        read = read_byline(name, outlets)
        return Byline(organisations=read.organisations + read.people)
    return read_byline(name, outlets, declared_person="Person" in kinds)


# Microdata authors (``<div itemprop="author" itemscope itemtype=".../Person">``), found from the
# attributes up as ITEMPROP_NODES is.
_MICRODATA_AUTHORS = etree.XPath("//@itemprop/parent::*[@itemprop='author']")
_MICRODATA_NAME = etree.XPath(".//*[@itemprop='name']")


def _microdata_byline(root, outlets: list[str]) -> Byline:
    """The authors the page's microdata article names, asked when JSON-LD and the meta tags name
    no person (the last source): each ``itemprop=author`` element of an article's item (its nearest
    ``itemscope`` above is of an article type, not a comment or a review), its ``itemprop=name``
    read from a ``<meta content>`` or its text, as the item's type says, Person or organisation.

    Why: juraforum.de names its author only in a hidden ``<meta itemprop="name" content="...">``,
    which the visible byline's reading (text only) never saw. There it is the site's own desk
    ("JuraForum.de-Redaktion"), which :func:`_authors` then drops as the site, as it does a
    JSON-LD author naming the site."""
    byline = Byline()
    for node in _MICRODATA_AUTHORS(root):
        if not _in_article_item(node):
            continue
        named = _MICRODATA_NAME(node) if node.get("itemscope") is not None else []
        source = named[0] if named else node
        name = source.get("content") if source.tag == "meta" else " ".join(element_text(source).split())
        if not name:
            continue
        byline.add(_typed_byline(name, _item_types(node), outlets))
    return byline


_MICRODATA_HEADLINES = etree.XPath("//@itemprop/parent::*[@itemprop='headline']")


def _microdata_headline(root) -> str | None:
    """The headline of the page's microdata article (``itemprop=headline`` whose nearest item is of
    an article type), from a ``<meta content>`` or the element's text: as trusted as JSON-LD's.

    Why: the New York Daily News marks its ``<h1>`` so, and its ``<title>`` is a shorter form of
    the headline; with no JSON-LD and OpenGraph title read, no heading agreed with a metadata
    title and the article had none, silently."""
    for node in _MICRODATA_HEADLINES(root):
        if not _in_article_item(node):
            continue
        value = node.get("content") if node.tag == "meta" else element_text(node)
        words = " ".join((value or "").split())
        if words and len(words) <= 300:
            return words
    return None


def _in_article_item(node) -> bool:
    """Is the microdata item ``node`` belongs to (its nearest ``itemscope`` above) of an article
    type, not a comment's, a review's or a teaser's?"""
    scope = next((a for a in node.iterancestors() if a.get("itemscope") is not None), None)
    return scope is not None and bool(_item_types(scope) & ARTICLE_TYPES)


def _item_types(node) -> set[str]:
    """A microdata item's types without their vocabulary ("https://schema.org/NewsArticle" -> NewsArticle)."""
    return {value.rstrip("/").rsplit("/", 1)[-1] for value in (node.get("itemtype") or "").split()}


def _meta_byline(meta: dict[str, str], outlets: list[str]) -> Byline:
    """The byline of the first author meta that names people. A value one of whose names is the
    site ("taz, die tageszeitung" on taz.de: the paper's name and what it is) is the publisher's
    name, not a list of authors: read as one, the description after the comma became a reporter."""
    byline = Byline()
    for key in _AUTHOR_META:
        read = read_byline(meta.get(key), outlets)
        if read.people and any(is_site(name, outlets) for name in read.organisations):
            continue
        byline.add(read)
        if byline.people:
            break
    return byline


def _meta_tags(root) -> dict[str, str]:
    """The page's metas by name. A meta without ``content`` may give its value in ``value``: the
    templates of Advance Local's sites (nj.com, al.com, ...) print ``<meta name="og:site_name"
    value="NJ.com">``, and without it their bylines' "for NJ.com" was read as a second author."""
    tags: dict[str, str] = {}
    for node in root.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop") or node.get("http-equiv", "").lower()
        value = node.get("content")
        if value is None:
            value = node.get("value")
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


def _ld_image(graph: JsonLd, value) -> tuple[str | None, str | None]:
    items = graph.nodes(value)
    item = items[0] if items else None
    if isinstance(item, dict):
        return url(item), text(item.get("caption")) or text(item.get("description"))
    return text(item), None


class _TimeReader:
    """Reads the page's machine-readable times, in the page's own offset (see :meth:`choose`)."""

    def __init__(self, values: list, captured_at: datetime, languages: list[str]) -> None:
        self.captured_at, self.languages = captured_at, languages
        iso = [parse_iso_keep_offset(v) for v in values if isinstance(v, str) and _has_zone(v)]
        self.offsets = tuple(dict.fromkeys(t.utcoffset() for t in iso if t is not None))
        # A naive ISO time takes the offset the page's aware times share, when they agree on one.
        self.naive_offset = timezone(self.offsets[0]) if len(self.offsets) == 1 else timezone.utc
        self.naive_offset_shared = len(self.offsets) == 1  # a naive ISO time takes the page's offset

    def choose(self, values: list, printed=None, shown: list = ()) -> datetime | None:
        """:meth:`choose_with_source`'s time."""
        return self.choose_with_source(values, printed, shown)[0]

    def choose_with_source(self, values: list, printed=None, shown: list = ()) -> tuple[datetime | None, str | None]:
        """The time of the most trusted of ``values`` (sources in order of trust), written as
        precisely as another source writes it: a day alone ("2019-11-19", "November 19, 2019")
        gives way to the first time of day (±1 day, zones apart) another source gives, and a
        time with no offset to another source's same wall clock with its offset.

        When the sources give different times of day, the page's printed date (``printed()``:
        the printed time, read in its zone) decides: the first source that shows the same
        instant or the same wall clock to the minute (the same day when only a day is printed)
        wins. "04:31-06:00" in JSON-LD beside "04:31+00:00" in OpenGraph, under a printed
        "Nov 19, 2019, 10:31 pm CST", is 04:31 UTC.

        ``shown`` (the ``<time datetime>`` nearest the headline) is the least trusted source,
        and is never the only one: alone, it is the profile's to read."""
        read = [(found, value) for value in values if (found := self.read(value)) is not None]
        if not read:
            return None, None
        read += [(found, value) for value in shown if (found := self.read(value)) is not None]
        best, raw = read[0]
        for other, other_raw in read[1:]:
            if not has_clock(raw) and has_clock(other_raw) and abs(other.date() - best.date()) <= timedelta(days=1):
                best, raw = other, other_raw
            elif (has_clock(raw) and not _has_zone(raw) and _has_zone(other_raw)
                  and other.replace(tzinfo=None, second=0) == best.replace(tzinfo=None, second=0)):
                best, raw = other, other_raw
        timed = [(found, value) for found, value in read if has_clock(value)]
        if printed is not None and len({found for found, _ in timed}) > 1:
            for shown, text in printed():
                match = next(((t, value) for t, value in timed if _shows(shown, has_clock(text), t)), None)
                if match is not None:
                    return match
        return best, raw

    def read(self, value) -> datetime | None:
        if not value or not isinstance(value, str):
            return None
        # ISO first, its offset kept; publishers also write "20 Nov 2019 08:02 GMT" in JSON-LD.
        found = (parse_iso_keep_offset(value, self.naive_offset)
                 or parse_news_date(value, self.captured_at, self.languages, self.offsets)
                 or parse_text_date(value, self.captured_at, languages=self.languages))
        return found if found is not None and _plausible(found) else None


def unzoned_time(found: datetime | None, source: str | None, naive_offset_shared: bool = False) -> bool:
    """Whether ``found``, read from the text ``source``, is a time of day the page gives with no
    zone, and so was read as UTC: a guess the page's errors say ("2019-11-19 20:59:46" in a meta
    tag, "Posted 11:08 am, Nov 18" under the headline). A day alone is a day, no guess; a naive
    ISO time that took the offset the page's other times share (``naive_offset_shared``) is the
    page's own, and so is any offset but UTC's (a site profile's reader knows its site's zone)."""
    if found is None or found.utcoffset() or not has_clock(source) or names_a_zone(source):
        return False
    return not (naive_offset_shared and parse_iso_keep_offset(source, naive_offset=None) is not None)


def _shows(printed: datetime, with_clock: bool, found: datetime) -> bool:
    if not with_clock:
        return found.date() == printed.date()
    minute = timedelta(seconds=60)
    return abs(found - printed) < minute or abs(found.replace(tzinfo=None) - printed.replace(tzinfo=None)) < minute


def _shown_time(root, headline, captured_at: datetime, languages: list[str]):
    """What the main article's region shows of its date: the ``datetime`` of its ``<time>`` element
    nearest the headline (a list of at most one), and a generator function of (printed time, text)
    for its printed dates (:func:`.visible.printed_date_nodes`), nearest first, read only if asked.
    The printed dates are found only then too (:func:`.visible.printed_time_nodes`): most pages'
    sources agree on the time, and never ask."""
    region = main_region(root, headline)
    first_time = next((n.get("datetime") for n in printed_time_nodes(region) if n.get("datetime")), None)

    def printed():
        nodes = printed_date_nodes(region)
        for node in nodes[:3]:
            text = " ".join(element_text(node).split())
            if _byline_around_a_date(node, text, nodes):
                continue
            parent = node.getparent()
            line = " ".join(element_text(parent).split()) if parent is not None else ""
            if _UPDATED_LABEL.match(text) or (len(line) <= 120 and _UPDATED_LABEL.match(line)):
                continue  # "Updated 5:27 am CST": when it was changed, not published
            when = read_printed_date(text, captured_at, languages)
            if when is not None:
                yield when, text

    return ([first_time] if first_time else []), printed


def _byline_around_a_date(node, text: str, nodes: list) -> bool:
    """A byline line holding another of the printed dates (Reuters: "By Maya Gebeily and Anthony
    Deutsch March 7, 20247:55 AM UTCUpdated ago", its date in a ``<span>`` of its own): the date
    is read from that element. The line runs the names and the date together, which only
    dateparser's search reads (10 to 20 ms, most of the metadata's time on such a page), and
    what it finds there is the inner element's date or a misreading of it."""
    return starts_as_byline(text) and any(other is not node and inside(other, node) for other in nodes)


def _has_zone(value: str) -> bool:
    """Whether a written time ends with its offset ("Z", "+01:00", "+0530", "GMT"), not a bare
    wall clock or a day."""
    return bool(_ZONE_AT_END.search(value))


def _microdata(root, props: tuple[str, ...]) -> dict[str, list[str]]:
    """Values of microdata elements ``itemprop=prop`` other than <meta> (read with the meta tags),
    for each of ``props``: a ``<time datetime>``, a ``content`` attribute, else the element's text
    when short; the first three elements of each. One walk of the tree for all of them."""
    nodes: dict[str, list] = {prop: [] for prop in props}
    for node in ITEMPROP_NODES(root):
        found = nodes.get(node.get("itemprop"))
        if found is not None:
            found.append(node)
    values: dict[str, list[str]] = {}
    for prop, found in nodes.items():
        values[prop] = []
        for node in found[:3]:
            given = node.get("datetime") or node.get("content")
            shown = " ".join("".join(node.itertext()).split()) if not given or not has_clock(given) else ""
            # The attribute may give the day alone while the element shows the time (Today.com:
            # content="2016-12-22", "2016-12-22T15:36:00.000Z" as its text): both are read, and
            # the day gives way to the time (:class:`_TimeReader`).
            for value in dict.fromkeys(v for v in (given, shown) if v):
                if len(value) <= 80:
                    values[prop].append(value)
    return values


def _plausible(value: datetime) -> bool:
    # Templates left empty write "0001-01-01T00:00:00Z" (Go's zero time) or the Unix epoch.
    return value.year >= 1800 and value != datetime(1970, 1, 1, tzinfo=timezone.utc)


def _keywords(value) -> list[str]:
    if isinstance(value, list):
        return list(dict.fromkeys(texts(value)))
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


def _languages(root, ld: dict, meta: dict[str, str]) -> list[str]:
    """The languages the page says it is in (``<html lang>``, Content-Language, og:locale, JSON-LD
    inLanguage; a German blog may keep its theme's ``lang="en"``), and English, for dateparser."""
    html_element = root.getroottree().getroot()
    found = []
    for value in (html_element.get("lang"), html_element.get("xml:lang"), meta.get("content-language"),
                  meta.get("og:locale"), _first_text(ld.get("inLanguage"))):
        code = (value or "").replace("_", "-").split("-")[0].strip().lower()
        if code.isalpha() and len(code) in (2, 3):
            found.append(code)
    return list(dict.fromkeys(found + ["en"]))


def _first_text(value) -> str | None:
    return text(value)


def _first(values):
    return values[0] if values else None
