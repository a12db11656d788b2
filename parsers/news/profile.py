"""What a site profile can tell the news parser, and the generic defaults.

A profile names its hosts and gives XPath expressions for the parts generic extraction gets
wrong on that site: the article containers (main first, then any appended by infinite scroll),
page chrome to drop, summary bullets, dates, bylines, section, tags and the picture caption.
Each field is a tuple of expressions tried in order inside one article's scope; the first that
finds something wins. An expression is a compiled XPath or any callable that takes the scope and
returns elements or strings. The defaults read schema.org microdata and common class names; for
the published date, then the ``<time>``s a reader sees with the article (:func:`.visible.article_times`),
the date printed nearest the headline (:func:`.visible.printed_date_nodes`), the byline's line
when it prints one (:func:`.visible.byline_date_nodes`), a labelled date, a dated byline line and,
last of all, a line beside the headline that is a date alone (:func:`.visible.headline_date_lines`),
read in the languages the page declares (``<html lang>``, Content-Language, og:locale) and English
when the profile names none.
Times written with an offset keep it (:func:`parsers.dates.parse_iso_keep_offset`); printed times
with no zone are read as UTC, as nothing on the page says otherwise, and the page's errors say so
(:func:`.metadata.unzoned_time`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from dateparser.search import search_dates

from lxml import etree

from ..dates import parse_iso_keep_offset, parse_news_date, parse_text_date
from ..html_text import element_text
from ..levant_months import levant_months_as_read
from .classed import classed, with_attribute
from .visible import (article_times, byline_date_nodes, dated_byline_dates, headline_date_lines, labelled_date_texts,
                      page_languages, printed_date_nodes, source_line_dates)

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def plain_date_text(text: str, languages: list[str] | None = None) -> str:
    """A printed date's text as the date readers take it: Western digits, whitespace collapsed,
    Iraqi/Levantine month names as the ones dateparser reads (:mod:`parsers.levant_months`)."""
    return levant_months_as_read(" ".join(text.translate(ARABIC_DIGITS).split()), languages)


# A compiled XPath, or a function of the scope that returns elements or strings.
Finder = Callable[[object], list]


def xpaths(*expressions: str) -> tuple[Finder, ...]:
    return tuple(etree.XPath(e, smart_strings=False) for e in expressions)


def read_date(text: str, captured_at: datetime, languages: list[str] | None = None) -> datetime | None:
    """A date from an attribute (ISO, its offset kept) or printed text (any digits, any language
    dateparser knows)."""
    text = plain_date_text(text, languages)
    return parse_iso_keep_offset(text) or dotted_day_first(text) or parse_text_date(text, captured_at, languages=languages)


# A date written with dots, day first ("19.01.2020", "Le 04.05.2015 à 13h36", "Date 05.01.2020 10:30").
_DOTTED = re.compile(r"(?<![\w.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})(?![\d.])"
                     r"(?:[,\s]+(?:à|a|um|at|-|–|\|)?\s*(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?")
# Anything that may name a zone: then the printed text is left to the readers that keep zones.
_ZONE_HINT = re.compile(r"\b(?:GMT|UTC)\b|[+-]\d{2}:?\d{2}\b|\b[A-Z]{2,4}T\b|\b(?:am|pm|a\.m\.|p\.m\.)", re.I)


def dotted_day_first(text: str) -> datetime | None:
    """A date printed with dots, read day first whatever the page's language: 05.01.2020 is the
    5th of January on Deutsche Welle's English pages, Le Monde's and every other page that writes
    dates with dots (dateparser's English read it as the 1st of May: a wrong day, silently; a
    page's "lang=en" theme on a French site read Le Monde's "04.05.2015 à 13h36" as the 5th of
    April). The printed time, if any, is UTC, as for any printed time with no zone; text naming a
    zone or am/pm is left to the other readers."""
    found = _DOTTED.search(text or "")
    if found is None or _ZONE_HINT.search(text):
        return None
    try:
        return datetime(int(found["year"]), int(found["month"]), int(found["day"]), int(found["hour"] or 0),
                        int(found["minute"] or 0), int(found["second"] or 0), tzinfo=timezone.utc)
    except ValueError:  # 31.02.2020, 25:00
        return None


# A whole date inside a line of text: a month word and a day and a year in either order
# ("November 18th, 2019", "30. Juli 2018", "3 de junio de 2024"), or all digits, with the time
# of day and zone that may follow ("at 11:08 a.m.", "-- 19:14 GMT", "à 14h05").
_DATE_SPAN = re.compile(
    r"(?:(?P<lead>[^\W\d_]{3,}\.?,?\s+)?[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r"(?:[,:]?\s*(?:at|um|à|a las|alle|-+|\|)?\s*\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[apAP]\.?\s?[mM]\.?)?"
    r"(?:\s*(?:[A-Z]{2,4}T?|GMT[+-]\d{1,4}))?)?")


def read_printed_date(text: str, captured_at: datetime, languages: list[str] | None = None) -> datetime | None:
    """:func:`read_date`, or else the date inside a labelled line ("Published June 3, 2024",
    "By Jane Doe on Monday, November 18th, 2019 at 11:08 a.m.", "publiziert am 30. Juli 2018"):
    first a whole date in the line (:data:`_DATE_SPAN`, read by
    :func:`parsers.dates.parse_news_date`, its zone kept), else dateparser's search. A time
    with no zone is UTC; a day with no time is midnight UTC of that day. Arabic letters on a
    page that declares no language are read as Arabic (English alone reads no Arabic month)."""
    if languages is None and text and _ARABIC_LETTER.search(text):
        languages = ["ar", "en"]
    found = read_date(text, captured_at, languages)
    if found is None and text:
        plain = plain_date_text(text, languages)
        for span in _DATE_SPAN.finditer(plain):
            found = parse_news_date(span.group(0), captured_at, languages)
            if found is None and span.group("lead"):  # "published November 29, ...": a label, no weekday
                found = parse_news_date(span.group(0)[len(span.group("lead")):], captured_at, languages)
            if found is not None:
                break
    if found is not None or not text:
        return found if found is None or _before_capture(found, captured_at) else None
    # A day, a month and a year, all printed: a month and a year alone ("06 2018" in "Mai 06 2018"
    # read as English) took the capture's day of the month, a date the page never printed.
    settings = {"RELATIVE_BASE": captured_at.astimezone(timezone.utc).replace(tzinfo=None),
                "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    plain = plain_date_text(text, languages)
    try:
        hits = search_dates(plain, languages=languages or ["en"], settings=settings)
    except ValueError:  # a language dateparser does not know (a broken <html lang>): read it as English
        hits = search_dates(plain, languages=["en"], settings=settings)
    if not hits or _YEAR_ALONE.fullmatch(hits[0][0]):
        # A year alone is no day: dateparser completes it with the capture's month and day
        # ("30. Juli 2018" read as English found only "2018"; "31.02.2020" only "2020"), silently.
        return None
    when = hits[0][1]
    when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when
    return when if _before_capture(when, captured_at) else None


_YEAR_ALONE = re.compile(r"\W*\d{4}\W*")


def _before_capture(value: datetime, captured_at: datetime) -> bool:
    # Nothing on a page was published after the page was fetched (a day's grace for zones).
    return captured_at is None or value <= captured_at + timedelta(days=1)


def attribute_of(tag: str, attribute: str, itemprop: str | None = None, only_class: str | None = None,
                 unless_class: str | None = None) -> Finder:
    """A finder of the ``attribute`` values of the ``tag`` elements below the scope, those with
    ``itemprop`` and a class attribute holding ``only_class`` (or not holding ``unless_class``)
    alone: ``.//meta[@itemprop='keywords']/@content``, ``.//time[contains(@class, 'updated')]/@datetime``,
    ``.//time[@datetime][not(contains(@class, 'updated'))]/@datetime``, in document order.

    Why: libxml2's ``.//meta`` tests every node of the scope in its XPath machinery (0.2 ms each on
    a large page, and the generic profile asks up to seven), lxml's tag filter a few times faster."""
    def find(scope) -> list[str]:
        found = []
        for node in scope.iterdescendants(tag):
            value, classes = node.get(attribute), node.get("class") or ""
            if value is None or (itemprop is not None and node.get("itemprop") != itemprop):
                continue
            if (only_class is None or only_class in classes) and (unless_class is None or unless_class not in classes):
                found.append(value)
        return found
    return find


def outermost_articles(scope) -> list:
    """The page's ``<article>`` elements that are in no other ``<article>``, in document order:
    ``//article[not(ancestor::article)]``, by lxml's tag filter (libxml2 tested every node of
    the page for the XPath's ``//article``)."""
    return [article for article in scope.getroottree().getroot().iter("article")
            if next(article.iterancestors("article"), None) is None]


# The generic profile's byline elements, in order of trust, as these XPaths find them:
# .//*[@itemprop='author']//*[@itemprop='name'], .//*[contains(@class, 'byline')],
# .//*[contains(@class, 'entry-author')], .//a[@rel='author'].


def bylines_by_markup(scope) -> list:
    """The elements of the first of the four kinds above that holds some text: microdata author
    names, elements classed byline, then entry-author, then ``rel=author`` links. What asking the
    four XPaths in turn until one finds text (:meth:`Profile.find`) gives.

    Why: libxml2 tests the ``contains(@class, ...)`` predicates on every element of the scope, a
    millisecond or more each on a large page that names no author in its metadata (LBCI: 3.8 ms
    for the four); a Python walk for the four cost 2 ms there. Each kind is found here only when
    the ones before it hold no text, by :mod:`.classed` (a class part no class of the page holds
    costs nothing)."""
    for nodes in _byline_kinds(scope):
        if any(element_text(node).strip() for node in nodes):
            return nodes
    return []


def _byline_kinds(scope):
    yield [node for node in with_attribute(scope, "itemprop", "name") if _below_author(node, scope)]
    yield classed(scope, "byline")
    yield classed(scope, "entry-author")
    yield [node for node in with_attribute(scope, "rel", "author") if node.tag == "a"]


def _below_author(node, scope) -> bool:
    """Whether an ancestor of ``node`` below ``scope`` is a microdata author."""
    for ancestor in node.iterancestors():
        if ancestor is scope:
            return False
        if ancestor.get("itemprop") == "author":
            return True
    return False


@dataclass(frozen=True)
class Profile:
    name: str
    hosts: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    languages: list[str] | None = None
    # Top-level <article> elements, each one article; generic pages rarely have more than one.
    containers: tuple[Finder, ...] = (outermost_articles,)
    chrome: tuple[Finder, ...] = ()
    summary: tuple[Finder, ...] = ()
    published: tuple[Finder, ...] = (
        attribute_of("meta", "content", itemprop="datePublished"),
        attribute_of("time", "datetime", itemprop="datePublished"),
        # WordPress's themes print an unrevised post's <time class="entry-date published updated">
        attribute_of("time", "datetime", only_class="published"),
        article_times, printed_date_nodes, byline_date_nodes,
        labelled_date_texts, dated_byline_dates, headline_date_lines, source_line_dates)
    updated: tuple[Finder, ...] = (attribute_of("meta", "content", itemprop="dateModified"),
                                   attribute_of("time", "datetime", only_class="updated"))
    authors: tuple[Finder, ...] = (bylines_by_markup,)
    section: tuple[Finder, ...] = (attribute_of("meta", "content", itemprop="articleSection"),)
    tags: tuple[Finder, ...] = (attribute_of("meta", "content", itemprop="keywords"),)
    image_caption: tuple[Finder, ...] = ()
    date_reader: Callable[[str, datetime], datetime | None] | None = None

    def find(self, expressions: tuple[Finder, ...], scope, read=None) -> list[str]:
        """Texts (or attribute values) of the first expression that finds something non-empty;
        ``read(element)`` gives an element's value instead of its text where it gives one."""
        for expression in expressions:
            # element_text, not itertext: "<h6>By Jane Doe</h6><p>November 15, 2019</p>" is two lines.
            values = [v if isinstance(v, str) else (read and read(v)) or element_text(v) for v in expression(scope)]
            values = [" ".join(v.split()) for v in values if v and v.strip()]
            if values:
                return values
        return []

    def nodes(self, expressions: tuple[Finder, ...], scope) -> list:
        for expression in expressions:
            found = expression(scope)
            if found:
                return found
        return []

    def date(self, expressions: tuple[Finder, ...], scope, captured_at: datetime) -> datetime | None:
        return self.date_with_source(expressions, scope, captured_at)[0]

    def date_with_source(self, expressions: tuple[Finder, ...], scope,
                         captured_at: datetime) -> tuple[datetime | None, str | None]:
        """The first date the finders give, and the text or attribute value it was read from."""
        for value in self.find(expressions, scope, read=_stamped_time):
            parsed = (self.date_reader or _generic_date(self.languages or page_languages(scope)))(value, captured_at)
            if parsed:
                return parsed, value
        return None, None


def _stamped_time(node) -> str | None:
    """The ISO time with its offset that an element printing a date carries in its ``datetime``,
    ``content`` or ``title`` (the Herald Sun: ``<li class="date-and-time"
    title="2015-03-13T21:00:00+11:00">March 13, 2015 9:00PM</li>``): the printed words name no
    zone, and read as UTC they were 11 hours late, silently."""
    for attribute in ("datetime", "content", "title"):
        value = (node.get(attribute) or "").strip()
        stamped = parse_iso_keep_offset(value, naive_offset=None) if "T" in value else None
        if stamped is not None and stamped.tzinfo is not None:
            return value
    return _unglued_date_text(node)


def _unglued_date_text(node) -> str | None:
    """A date element's words with a space where one inline element's letters or digits run into
    the next one's (``<span class="date">Mai<span>06</span>2018</span>`` is "Mai 06 2018", which
    the readers read, not "Mai062018", which none did: the article had no date); None where no
    such join is in it (the element's text as it is read elsewhere)."""
    if not len(node):
        return None
    pieces = [piece for piece in node.itertext() if piece.strip()]
    glued = any(left[-1:].isalnum() and right[:1].isalnum() for left, right in zip(pieces, pieces[1:]))
    return " ".join(" ".join(pieces).split()) if glued and len(pieces) <= 8 else None


def _generic_date(languages):
    return lambda text, captured_at: read_printed_date(text, captured_at, languages)


GENERIC = Profile(name="generic")
