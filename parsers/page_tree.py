"""The lxml tree of a decoded page, and what the HTML parser gave up on while building it.

Why: libxml2 stops reading a page that nests elements deeper than its limit (2048 levels even
with ``huge_tree``) and returns the tree built so far without raising: a page with 10,000 nested
tags in one post came back as a normal thread page, the posts after that point missing. Its error
log says so; :func:`page_tree` passes that on, so the result can carry it as an error.
"""

from __future__ import annotations

from lxml import etree

from .xml_chars import xml_safe_page

# A plain lxml HTML tree, built as parsel builds its own, but without lxml.html's element classes:
# their Python-level class lookup runs for every element the parsers touch.
_HTML_PARSER = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)


def page_tree(text: str) -> tuple[etree._Element, list[str]]:
    """(root, problems): the tree of ``text`` (an empty ``<html/>`` for a page lxml cannot read),
    and why part of the page is missing from it, if it is (see the module's docstring).

    Characters lxml refuses are taken out first (see :mod:`parsers.xml_chars`).
    """
    body = xml_safe_page(text.strip())
    root = etree.fromstring(body, parser=_HTML_PARSER) if body else None
    problems = [_said(entry) for entry in _HTML_PARSER.error_log if entry.level_name == "FATAL"] if body else []
    return (root if root is not None else etree.fromstring(b"<html/>")), problems


def _said(entry) -> str:
    if entry.type_name == "ERR_RESOURCE_LIMIT":
        what = "the page nests elements deeper than the HTML parser's limit"
    else:
        what = f"the HTML parser gave up ({entry.message.strip()})"
    return f"{what} at line {entry.line}, column {entry.column}: the rest of the page is missing"
