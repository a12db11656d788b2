"""The lxml tree of a decoded page, and what the HTML parser gave up on while building it.

Why: libxml2 stops reading a page that nests elements deeper than its limit (2048 levels even
with ``huge_tree``) and returns the tree built so far without raising: a page with 10,000 nested
tags in one post came back as a normal thread page, the posts after that point missing and no
error. Its error log says so. :func:`page_tree` then reads the page again with the elements below
:data:`FLAT_BELOW` levels flattened (:mod:`parsers.deep_nesting`), so that what follows is read,
and says so; anything else the parser gives up on is passed on as a problem.
"""

from __future__ import annotations

from lxml import etree

from .deep_nesting import flattened
from .xml_chars import xml_safe_page

FLAT_BELOW = 1000  # levels: far below the parser's limit, far beyond any page's own nesting

# A plain lxml HTML tree, built as parsel builds its own, but without lxml.html's element classes:
# their Python-level class lookup runs for every element the parsers touch.
_HTML_PARSER = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)


def page_tree(text: str) -> tuple[etree._Element, list[str]]:
    """(root, problems): the tree of ``text`` (an empty ``<html/>`` for a page lxml cannot read),
    and what of the page is not in it as written, if anything (see the module's docstring).

    Characters lxml refuses are taken out first (see :mod:`parsers.xml_chars`).
    """
    body = xml_safe_page(text.strip())
    if not body:
        return etree.fromstring(b"<html/>"), []
    root, fatal = _parse(body)
    problems = []
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in fatal):
        where = next(entry for entry in fatal if entry.type_name == "ERR_RESOURCE_LIMIT")
        for levels in (FLAT_BELOW, FLAT_BELOW // 4):
            flat_root, flat_fatal = _parse(flattened(body, levels))
            if not any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in flat_fatal):
                root, fatal = flat_root, flat_fatal
                problems.append(f"the page nests elements deeper than the HTML parser's limit (line {where.line},"
                                f" column {where.column}): what is nested below {levels} levels is read flat")
                break
    problems += [_said(entry) for entry in fatal]
    return (root if root is not None else etree.fromstring(b"<html/>")), problems


def _parse(body: bytes):
    root = etree.fromstring(body, parser=_HTML_PARSER)
    return root, [entry for entry in _HTML_PARSER.error_log if entry.level_name == "FATAL"]


def _said(entry) -> str:
    if entry.type_name == "ERR_RESOURCE_LIMIT":
        what = "the page nests elements deeper than the HTML parser's limit"
    else:
        what = f"the HTML parser gave up ({entry.message.strip()})"
    return f"{what} at line {entry.line}, column {entry.column}: the rest of the page is missing"
