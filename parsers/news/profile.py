"""What a site profile can tell the news parser, and the generic defaults.

A profile names its hosts and gives XPath expressions for the parts generic extraction gets
wrong on that site: the article containers (main first, then any appended by infinite scroll),
page chrome to drop, summary bullets, dates, bylines, section, tags and the picture caption.
Each field is a tuple of expressions tried in order inside one article's scope; the first that
finds something wins. The defaults read schema.org microdata and common class names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from ..dates import parse_iso, parse_text_date

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def xpaths(*expressions: str) -> tuple[etree.XPath, ...]:
    return tuple(etree.XPath(e, smart_strings=False) for e in expressions)


def read_date(text: str, captured_at: datetime, languages: list[str] | None = None) -> datetime | None:
    """A date from an attribute (ISO) or printed text (any digits, any language dateparser knows)."""
    text = " ".join(text.translate(ARABIC_DIGITS).split())
    return parse_iso(text) or parse_text_date(text, captured_at, languages=languages)


def clean_name(text: str) -> str:
    """A byline name without "By", quotes or guillemets around it."""
    text = re.sub(r"^(?:by|par|von)\s+", "", " ".join(text.split()), flags=re.I)
    return text.strip(" «»\"'“”")


@dataclass(frozen=True)
class Profile:
    name: str
    hosts: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    languages: list[str] | None = None
    # Top-level <article> elements, each one article; generic pages rarely have more than one.
    containers: tuple[etree.XPath, ...] = xpaths("//article[not(ancestor::article)]")
    chrome: tuple[etree.XPath, ...] = ()
    summary: tuple[etree.XPath, ...] = ()
    published: tuple[etree.XPath, ...] = xpaths(
        ".//meta[@itemprop='datePublished']/@content", ".//time[@itemprop='datePublished']/@datetime",
        ".//time[@datetime][not(contains(@class, 'updated'))]/@datetime")
    updated: tuple[etree.XPath, ...] = xpaths(
        ".//meta[@itemprop='dateModified']/@content", ".//time[contains(@class, 'updated')]/@datetime")
    authors: tuple[etree.XPath, ...] = xpaths(
        ".//*[@itemprop='author']//*[@itemprop='name']", ".//*[contains(@class, 'byline')]",
        ".//*[contains(@class, 'entry-author')]", ".//a[@rel='author']")
    section: tuple[etree.XPath, ...] = xpaths(".//meta[@itemprop='articleSection']/@content")
    tags: tuple[etree.XPath, ...] = xpaths(".//meta[@itemprop='keywords']/@content")
    image_caption: tuple[etree.XPath, ...] = ()
    date_reader: Callable[[str, datetime], datetime | None] | None = None

    def find(self, expressions: tuple[etree.XPath, ...], scope) -> list[str]:
        """Texts (or attribute values) of the first expression that finds something non-empty."""
        for expression in expressions:
            values = [v if isinstance(v, str) else "".join(v.itertext()) for v in expression(scope)]
            values = [" ".join(v.split()) for v in values if v and v.strip()]
            if values:
                return values
        return []

    def nodes(self, expressions: tuple[etree.XPath, ...], scope) -> list:
        for expression in expressions:
            found = expression(scope)
            if found:
                return found
        return []

    def date(self, expressions: tuple[etree.XPath, ...], scope, captured_at: datetime) -> datetime | None:
        for value in self.find(expressions, scope):
            parsed = (self.date_reader or _generic_date(self.languages))(value, captured_at)
            if parsed:
                return parsed
        return None


def _generic_date(languages):
    return lambda text, captured_at: read_date(text, captured_at, languages)


GENERIC = Profile(name="generic")
