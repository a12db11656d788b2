"""What a site profile can tell the news parser, and the generic defaults.

A profile names its hosts and gives XPath expressions for the parts generic extraction gets
wrong on that site: the article containers (main first, then any appended by infinite scroll),
page chrome to drop, summary bullets, dates, bylines and the section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


def xpath(expression: str) -> etree.XPath:
    return etree.XPath(expression, smart_strings=False)


_NOTHING = xpath("/..")


@dataclass(frozen=True)
class Profile:
    name: str
    hosts: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    languages: list[str] | None = None
    # Top-level <article> elements, each one article; generic pages rarely have more than one.
    containers: etree.XPath = field(default=xpath("//article[not(ancestor::article)]"))
    chrome: tuple[etree.XPath, ...] = ()
    summary: etree.XPath = _NOTHING
    published: etree.XPath = field(default=xpath(".//time[@datetime]"))
    updated: etree.XPath = _NOTHING
    authors: etree.XPath = field(default=xpath(".//*[contains(@class, 'byline') or @rel='author']"))
    section: etree.XPath = _NOTHING

    def section_of(self, scope) -> str | None:
        values = [" ".join(v.split()) if isinstance(v, str) else " ".join("".join(v.itertext()).split())
                  for v in self.section(scope)]
        return next((v for v in values if v), None)


GENERIC = Profile(name="generic")
