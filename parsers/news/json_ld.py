"""JSON-LD as publishers really write it, read without ever raising.

Why: schema.org lets every property hold a string, a number, an object, a list of any of those,
or a reference (``{"@id": "#person1"}``) to a node written elsewhere on the page, and publishers
use every one of these shapes: ``@graph`` lists, top-level arrays, ``@type`` lists, an article
wrapped in a ``WebPage``'s ``mainEntity``. One unexpected shape (``"name": ["A", "B"]``) once
crashed the whole page. The readers here take any JSON value and return plain strings and dicts.
"""

from __future__ import annotations

import json
import re
from collections import deque
from contextvars import ContextVar

from ..xml_chars import loads_xml_safe, xml_safe_values

# schema.org types that describe an article (https://schema.org/Article and its subtypes).
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
    "BlogPosting", "LiveBlogPosting", "Report", "TechArticle", "ScholarlyArticle", "SocialMediaPosting",
})
# schema.org types of a page (https://schema.org/WebPage and its subtypes): a page with no article
# node may describe its article on its WebPage node (a MedicalWebPage with headline and author).
PAGE_TYPES = frozenset({"WebPage", "MedicalWebPage", "ItemPage", "AboutPage", "CollectionPage", "QAPage",
                        "FAQPage", "ProfilePage", "RealEstateListing", "SearchResultsPage", "ContactPage"})
# Properties through which a page wraps its article in another node (a WebPage's mainEntity).
_WRAPPERS = ("@graph", "mainEntity", "mainEntityOfPage")
_MAX_NODES = 20_000  # a page's JSON-LD is small; this only bounds pathological input


class JsonLd:
    """Every JSON-LD node of a page, and its ``@id`` index to resolve references."""

    def __init__(self, documents: list) -> None:
        self.documents = documents
        self.by_id: dict[str, dict] = {}
        for node in _all_nodes(documents):
            node_id = node.get("@id")
            # A node with more than its @id is the full node; a bare {"@id": ...} is a reference.
            if isinstance(node_id, str) and len(node) > 1 and node_id not in self.by_id:
                self.by_id[node_id] = node

    @classmethod
    def of_page(cls, root) -> JsonLd:
        """The page's JSON-LD, read once per tree: the article verdict (:mod:`.evidence`, during
        engine detection) and then the metadata ask for the same page's, and reading it (a JSON
        parse of every script) cost about as much each time. Nothing is read from a tree after its
        scripts are stripped (the news parser reads its metadata first), and readers never change
        the nodes, so the second answer is what reading again gives."""
        slot = _read.get()
        if slot is not None and slot[0] is root:
            return slot[1]
        documents = []
        # The scripts by lxml's tag filter (``//script[@type='application/ld+json']/text()``: libxml2
        # tested every node of the page); a script's text is one text node, as the XPath read it.
        for script in root.getroottree().getroot().iter("script"):
            raw = script.text if script.get("type") == "application/ld+json" else None
            document = loads_lenient(raw) if raw else None
            if document is not None:
                documents.append(document)
        graph = cls(documents)
        _read.set((root, graph))
        return graph

    def resolve(self, value):
        """``value`` with a reference (``{"@id": "#x"}``) replaced by the node it names, when known."""
        if isinstance(value, dict) and isinstance(value.get("@id"), str):
            full = self.by_id.get(value["@id"])
            if full is not None and full is not value:
                return {**full, **{k: v for k, v in value.items() if v not in (None, "", [], {})}}
        return value

    def nodes(self, value) -> list:
        """``value`` as a flat list of resolved items (strings, numbers, dicts), lists unnested."""
        found, stack = [], [value]
        while stack and len(found) < _MAX_NODES:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif item is not None and not isinstance(item, bool):
                found.append(self.resolve(item))
        return found

    def articles(self) -> list[dict]:
        """Every node whose @type is an article type, in page order: at the top level, in arrays,
        in ``@graph`` and inside ``mainEntity`` / ``mainEntityOfPage`` wrappers (references resolved).
        A page with no article node gives its WebPage nodes that carry a headline (or name) and an
        author or a datePublished: schema.org lets any CreativeWork, a page included, carry them, and some
        publishers describe their article only there (``"@type": "MedicalWebPage"``)."""
        found = self._typed(ARTICLE_TYPES)
        if found:
            return found
        return [node for node in self._typed(PAGE_TYPES)
                if text(node.get("headline") or node.get("name"))
                and (node.get("author") or text(node.get("datePublished")))]

    def _typed(self, kinds: frozenset[str]) -> list[dict]:
        found: list[dict] = []
        seen: set = set()
        stack, visited = list(self.documents), 0
        while stack and visited < _MAX_NODES:
            visited += 1
            item = self.resolve(stack.pop(0))
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict) and _key(item) not in seen:
                seen.add(_key(item))
                if types(item) & kinds:
                    found.append(item)
                stack[:0] = [item[key] for key in _WRAPPERS if isinstance(item.get(key), (dict, list))]
        return found


# What publishers wrap JSON-LD in or leave in it that JSON refuses: HTML comments and CDATA
# markers around it (XHTML habits), and a comma before a closing bracket (templates that loop).
_WRAPPING = re.compile(r"^\s*(?:<!--|<!\[CDATA\[|//\s*<!\[CDATA\[)|(?:-->|\]\]>|//\s*\]\]>)\s*$")
_STRING_OR_TRAILING_COMMA = re.compile(r'("(?:[^"\\]|\\.)*")|,(\s*[}\]])', re.S)


def loads_lenient(raw: str):
    """The JSON-LD document in ``raw``, or None; never raises.

    Strict JSON first; when that fails, the same text without wrapping comments or CDATA markers,
    without commas before a closing bracket (outside strings), and with raw control characters
    (a line break typed inside an ``articleBody``) accepted inside strings. Each repair only
    removes what JSON has no meaning for, so a document that parses is the one the page meant.
    """
    if not isinstance(raw, str) or not raw.strip():
        return None
    try:
        return loads_xml_safe(raw)
    except (ValueError, RecursionError):
        pass
    repaired = _WRAPPING.sub("", raw.strip())
    repaired = _STRING_OR_TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(2), repaired)
    try:
        return xml_safe_values(json.loads(repaired, strict=False))
    except (ValueError, RecursionError):
        return None


def _key(node: dict):
    # A node and the references to it are one node (a WebPage and its article may name each other).
    node_id = node.get("@id")
    return ("@id", node_id) if isinstance(node_id, str) else ("object", id(node))


def _all_nodes(documents: list):
    """Every object in the documents, in page order (one walk with its own queue: JSON may nest deep)."""
    queue, visited = deque(documents), 0
    while queue and visited < _MAX_NODES:
        visited += 1
        item = queue.popleft()
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            queue.extend(v for v in item.values() if isinstance(v, (dict, list)))


# The JSON-LD of the tree last read (one slot, per thread and task, as parsers.page_index keeps
# the page's index): nothing outlives the next page.
_read: ContextVar[tuple[object, JsonLd] | None] = ContextVar("news_json_ld", default=None)


def json_ld_articles(root) -> list[dict]:
    """Every JSON-LD object on the page whose @type is an article type, in page order."""
    return JsonLd.of_page(root).articles()


def types(node) -> set[str]:
    """The node's @type names without their vocabulary ("schema:NewsArticle", "http://schema.org/Article")."""
    if not isinstance(node, dict):
        return set()
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


def text(value) -> str | None:
    """The first words in ``value`` (a string, a number, a list, or a ``{"@value": ...}`` object),
    whitespace collapsed; None when it holds none."""
    return next(iter(texts(value, limit=1)), None)


def texts(value, limit: int = _MAX_NODES) -> list[str]:
    """Every string (or number) in ``value``, whitespace collapsed, in order (the first ``limit``)."""
    found, stack = [], [value]
    while stack and len(found) < limit:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict) and "@value" in item:
            stack.insert(0, item["@value"])
        elif isinstance(item, str) and item.strip():
            found.append(" ".join(item.split()))
        elif isinstance(item, (int, float)) and not isinstance(item, bool):
            found.append(str(item))
    return found


def url(value) -> str | None:
    """A URL from a string or from an object's ``url`` / ``contentUrl`` / ``@id``."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip():
            return item.strip()
        if isinstance(item, dict):
            found = text(item.get("url")) or text(item.get("contentUrl")) or text(item.get("@id"))
            if found:
                return found
    return None
