"""The lxml tree of a decoded page, and what the HTML parser gave up on while building it.

Why: libxml2 stops reading a page that nests elements deeper than its limit (2048 levels even
with ``huge_tree``) and returns the tree built so far without raising: a page with 10,000 nested
tags in one post came back as a normal thread page, the posts after that point missing and no
error. Its error log says so. :func:`page_tree` then reads the page again with the elements below
:data:`FLAT_BELOW` levels flattened (:mod:`parsers.deep_nesting`), so that what follows is read,
and says so; anything else the parser gives up on is passed on as a problem.

The tree is the page as a browser shows it: what a server printed before the ``<html>`` tag is
left out (:func:`without_output_before_the_page`), and the registry removes comments before an
engine reads the posts (:func:`without_comments`); a post's HTML given by a script or an API is read
the same way (:func:`fragment_tree`).
"""

from __future__ import annotations

import re

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
    body = xml_safe_page(with_stray_head_content_in_body(without_output_before_the_page(text.strip())))
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


# The page's own start, its <html> start tag, and what may stand before it as written: blanks,
# comments ("<!-- saved from url=... -->"), the XML declaration, the doctype.
_HTML_START = re.compile(r"<html(?=[\s>/])", re.IGNORECASE)
_PROLOGUE = re.compile(r"(?:\s+|<!--.*?-->|<!doctype[^>]*>|<\?xml[^>]*>)*", re.IGNORECASE | re.DOTALL)
_PAGE_PARTS = re.compile(r"<(?:head|body)[\s>/]", re.IGNORECASE)
LONGEST_OUTPUT_BEFORE_THE_PAGE = 65_536  # characters: a server's warnings, never a page of its own


def without_output_before_the_page(text: str) -> str:
    """``text`` without what a server printed before the page's ``<html>`` start tag (PHP's
    "<b>Deprecated</b>: ... on line 4108" on an old board), the prologue (doctype, comments) kept.

    Why: given text or an element before ``<html lang="fr">``, libxml2 starts the tree without it
    and drops the tag's attributes, and text puts the whole head in the body. The page's language
    was lost, and with it the day-month order of its dates: "03/05/2011" read as March 5, silently;
    engines known by their head (Discourse's generator, phpBB's scripts) were not recognised. A
    browser shows that output above the page, outside any post. Cut only when no ``<head>`` or
    ``<body>`` tag comes before the ``<html>`` tag (else that tag is in a script's string) and the
    output is short."""
    start = _HTML_START.search(text)
    if start is None or start.start() == 0:
        return text
    prologue = _PROLOGUE.match(text).end()
    if prologue >= start.start() or start.start() - prologue > LONGEST_OUTPUT_BEFORE_THE_PAGE:
        return text
    if _PAGE_PARTS.search(text, prologue, start.start()):
        return text
    return text[:prologue] + text[start.start():]


# The head's start and end tags, and the start of the body after them. Found by two searches: one
# lazy pattern from the start tag to the end tag walked the head a character at a time (0.43 ms for
# a 16 KB head, a third of building the tree).
_HEAD_START = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
# What a head holds: elements whose content is text (kept whole), comments, the empty head
# elements; anything else, a tag or words, is the body's.
_HEAD_PARTS = re.compile(r"<(script|style|title|noscript|template|textarea)\b.*?</\1\s*>|<!--.*?-->"
                         r"|<(?:meta|link|base)\b[^>]*>|(<[^>]*>)|([^<]+)|(<)", re.IGNORECASE | re.DOTALL)
LONGEST_HEAD = 262_144  # characters: a head longer than this is left as it is
# The start of a head part (after blanks): a comment, an element whose content is text, an empty
# head element; and the end tag of each element whose content is text.
_HEAD_PART_START = re.compile(r"\s*<(?:(!--)|(script|style|title|noscript|template|textarea)\b|(?:meta|link|base)\b)",
                              re.IGNORECASE)
_TEXT_ELEMENT_END = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE)
                     for tag in ("script", "style", "title", "noscript", "template", "textarea")}


def _holds_head_parts_only(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold head parts and blanks only (most heads)? Part by part, each
    part's end found by one search (a script's end tag, a comment's "-->"), never a character at a
    time: a pattern matching the whole head at once walked every script's characters (0.33 ms for
    a 16 KB head)."""
    at = start
    while True:
        part = _HEAD_PART_START.match(text, at, end)
        if part is None:
            return not text[at:end].strip()
        if part.group(1):  # a comment
            close = text.find("-->", part.end(), end)
            at = close + 3
        elif part.group(2):  # script, style, title, ...: to its end tag
            found = _TEXT_ELEMENT_END[part.group(2).lower()].search(text, part.end(), end)
            close = found.end() if found else -1
            at = close
        else:  # meta, link, base
            close = text.find(">", part.end(), end)
            at = close + 1
        if close < 0:
            return False


def with_stray_head_content_in_body(text: str) -> str:
    """``text`` with what a theme or a plugin printed in the ``<head>`` that is no head element (a
    Facebook SDK's ``<div id="fb-root">``, a stray "&nbsp;") moved to the start of the body.

    Why: such a part ends the head where it stands, for libxml2 as for a browser, and the head's
    elements after it (the generator meta, the engine's scripts, the canonical link) were read in
    the body, where detection does not look for them; and libxml2, unlike a browser, then drops the
    ``<body id="phpbb">`` tag's attributes. Discourse and phpBB pages came back read by the
    generic parser or not at all. A browser shows that part at the top of the page; so it stands
    there, before the body's own content, and the head keeps its elements."""
    start = _HEAD_START.search(text, 0, LONGEST_HEAD)
    end = _HEAD_END.search(text, start.end(), LONGEST_HEAD) if start is not None else None
    if end is None or _holds_head_parts_only(text, start.end(), end.start()):
        return text
    stray = []
    kept = []
    for part in _HEAD_PARTS.finditer(text, start.end(), end.start()):
        tag, words, lone = part.group(2, 3, 4)
        if tag is not None or lone is not None or (words is not None and words.strip()):
            stray.append(part.group(0))
        else:
            kept.append(part.group(0))
    if not stray:
        return text
    body = _BODY_START.search(text, end.end())
    if body is None:
        return text
    return (text[:start.end()] + "".join(kept) + text[end.start():body.end()] + "".join(stray)
            + text[body.end():])


def _parse(body: bytes):
    root = etree.fromstring(body, parser=_HTML_PARSER)
    return root, [entry for entry in _HTML_PARSER.error_log if entry.level_name == "FATAL"]


def _said(entry) -> str:
    if entry.type_name == "ERR_RESOURCE_LIMIT":
        what = "the page nests elements deeper than the HTML parser's limit"
    else:
        what = f"the HTML parser gave up ({entry.message.strip()})"
    return f"{what} at line {entry.line}, column {entry.column}: the rest of the page is missing"


# Engines whose parsers read a template's comments: vBulletin's "<!-- edit note -->" and the
# "<!-- message -->" before a post's words in old skins, IP.Board 3's "<!-- ... -->" markers beside
# a post's anchor, XenForo 1's comment after a post's last part.
READ_COMMENTS = frozenset({"vbulletin", "ipb3", "xenforo"})


def without_comments(root) -> None:
    """Remove the comments and processing instructions of ``root``'s tree, the text after each
    kept in its place: what a browser shows.

    Why: a theme's templates leave comments anywhere ("<!-- end postbody -->"), and a stray
    "<?php ?>" is parsed as one. A comment is a node of the tree like an element, so a parser
    asking for the element before a quote (``getprevious()``), the first child of a header or the
    text at the start of a date's element met the comment instead: an SMF quote's header stood in
    the poster's words, a signature was read as the post's, a date's text was empty. Removing them
    once, before an engine reads the page, answers all such questions as the page shows them."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)


def fragment_tree(html: str):
    """(a ``<div>`` holding an HTML fragment in a tree of its own, what the HTML parser gave up on):
    a post's HTML as a JSON API or a page's script gives it (Discourse's ``cooked``, Flarum's
    ``contentHtml``, NodeBB's and Vanilla's bodies), read as :func:`page_tree` reads a page, its
    comments removed as :func:`without_comments` does for a page's posts.

    The ``body``'s first ``div`` child is found by lxml's own iteration: ``find`` goes through
    ElementPath's Python, a fifth of this call on a short post."""
    root, problems = page_tree(f"<html><body><div>{html}</div></body></html>")
    body = next(root.iterchildren("body"), None)
    div = next(body.iterchildren("div"), None) if body is not None else None
    if div is None:
        return etree.fromstring(b"<div/>"), problems
    without_comments(div)
    return div, problems
