"""A page's forum path read from its breadcrumbs: schema.org's ``BreadcrumbList`` (JSON-LD or
microdata, or data-vocabulary.org's older ``Breadcrumb`` items), else an element the page classes
as its breadcrumbs.

Why: the engines read their own crumb markup; a board no engine knows (the generic parser) and a
style that drops its engine's crumbs (vBulletin 3.9 "NextGen") still print one of these, and a
thread stored without its forum path cannot be found by its forum. Each function gives the
crumbs' names in order, parent first, the linked ones only (the current page, the thread itself,
is printed unlinked or not at all); [] where the page prints none.
"""

from __future__ import annotations

from lxml import etree

from .html_text import element_text
from .markup import json_ld_documents
from .markup import xpath as _X
from .values import words

_MICRODATA_CRUMB_ITEMS = _X("(//*[contains(@itemtype, 'BreadcrumbList')])[1]//*[@itemprop='itemListElement']")
_MICRODATA_ITEM_LINK = _X("boolean(.//*[@itemprop='item'])")
_MICRODATA_ITEM_NAME = _X(".//*[@itemprop='name']")
# The first element whose class names breadcrumbs ("breadcrumbs", "breadcrumb", "c-breadcrumb").
_CLASSED_CRUMBS = etree.XPath("(//*[contains(translate(@class, 'BREADCUM', 'breadcum'), 'breadcrumb')])[1]")


def microdata_crumbs(root) -> list[str]:
    """The names of the first microdata ``BreadcrumbList``'s linked items (``itemprop=item``), in
    order; without one, those of the page's data-vocabulary.org ``Breadcrumb`` items."""
    names = []
    for item in _MICRODATA_CRUMB_ITEMS(root):
        if not _MICRODATA_ITEM_LINK(item):
            continue
        name = next(iter(_MICRODATA_ITEM_NAME(item)), None)
        if name is not None:
            names.append(words([element_text(name)]))
    return names or data_vocabulary_crumbs(root)


# Each data-vocabulary.org Breadcrumb item's own title (not a nested child item's), in page order,
# where the item links somewhere (itemprop=url).
_VOCABULARY_TITLES = _X("//*[@itemprop='title'][ancestor::*[@itemscope][1]"
                        "[contains(@itemtype, 'data-vocabulary.org/Breadcrumb') and .//*[@itemprop='url']]]")


def data_vocabulary_crumbs(root) -> list[str]:
    """The titles of the page's data-vocabulary.org ``Breadcrumb`` items, in order, each item's own
    (the vocabulary nests an item's child crumb inside it): Google's breadcrumb markup before
    schema.org's, which boards of 2010 to 2020 print (paradisi.de: "Forum", "Gesundheit &
    Ernährung Forum", ...). Why: without it such a board's threads had no forum path."""
    return [name for name in (words([element_text(title)]) for title in _VOCABULARY_TITLES(root)) if name]


def json_ld_crumbs(scripts: list[str]) -> list[str]:
    """The names of the first JSON-LD ``BreadcrumbList``'s linked items, in order (``scripts``: the
    page's JSON-LD texts)."""
    for data in json_ld_documents(scripts, "BreadcrumbList"):
        items = data.get("itemListElement") if isinstance(data, dict) else None
        if isinstance(items, list):
            linked = [i for i in items if isinstance(i, dict) and i.get("item") and i.get("name")]
            return [" ".join(str(i["name"]).split()) for i in linked]
    return []


def classed_crumbs(root) -> list[str]:
    """The link texts, in order, of the first element the page classes as its breadcrumbs
    (PistonHeads: ``<div class="breadcrumbs"><a>PistonHeads</a> » <a>Gassing Station</a> » ...``)."""
    holder = next(iter(_CLASSED_CRUMBS(root)), None)
    if holder is None:
        return []
    return [name for name in (words([element_text(link)]) for link in holder.iter("a")) if name]
