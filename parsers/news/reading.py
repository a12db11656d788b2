"""trafilatura's fast reading of a tree made for it, without the work done only for other trees.

Why: trafilatura's reading of the body's element is a quarter of a news parse (issue 19). Handed
a tree, ``bare_extraction`` first copies it (the caller's tree must stay as it was), copies it
again once cleaned (a backup for the comparison with other extractors, which fast mode never
makes), and when the body it read is short (under 3,000 characters) reads the tree's whole text
with its ``html2txt`` (another copy, another pass of its XPaths) to see whether that body is a
small part of the page, in which case it tries a wider reading. Before all that, it prunes
comment sections and appended articles from the tree with two XPaths that test regular
expressions on every element (a seventh of its time), where most trees have no id or class they
could match. The news parser hands it a copy made for this one reading
(:func:`.extractor_tree.contents_copy`), so the first copy guards nothing and the second serves
nothing; whether the body is a small part of the page can mostly be told from the tree's own
text (:func:`most_text`); and a prune is made only when an id or class of the tree holds a part
of a name it looks for.

:func:`fast_body` takes trafilatura's own steps, in its order, for the one set of settings the
parser reads bodies with (fast, no comments, the default balance, nothing filtered by language
or duplicates), as trafilatura 2.3.1 takes them (``bare_extraction`` and
``trafilatura_sequence``). Wherever that reading would go on to anything else (a body too short,
which trafilatura rescues from the raw text; a body that is a small part of the page; a tree
with scripts, which trafilatura checks for forum markup; other settings; another version of
trafilatura), ``bare_extraction`` reads a fresh copy from the start: the body is always the one
trafilatura gives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from copy import copy

import trafilatura
from lxml import etree
from trafilatura import main_extractor
from trafilatura.core import ESCALATION_MAX_LENGTH, ESCALATION_PAGE_SHARE
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import Extractor
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from .discard import python_discards

FOLLOWED_VERSION = "2.3.1"  # the trafilatura whose steps fast_body takes
_ELEMENTS = etree.XPath("count(descendant-or-self::*)")
# trafilatura_sequence's two prunes of the raw tree match only an element whose id or class holds
# one of these parts, as their expressions (checked by digest) read: re:test(@id or @class,
# 'mvp-post-add-(?:box|wrap)|infinite-?scroll'), contains(@class, 'elementor-share-buttons');
# re:test(@id, '^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)'), re:test(@class,
# '^[Cc]omment(?!ary)|(?:article|post)-comments'). A prune of a tree with none of them changes nothing.


def _parts(expressions, parts: tuple[str, ...], digest: str) -> tuple[str, ...]:
    """``parts`` when ``expressions`` are the ones read above (else none: the prune is always made)."""
    source = "\0".join(expression.path for expression in expressions)
    return parts if hashlib.sha256(source.encode()).hexdigest()[:16] == digest else ()


_PRUNES = (
    (RAW_TREE_PRUNE_XPATH,
     _parts(RAW_TREE_PRUNE_XPATH, ("mvp-post-add-", "infinite", "elementor-share-buttons"), "06426494c87a26ac")),
    (REMOVE_COMMENTS_AND_LISTS_XPATH,
     _parts(REMOVE_COMMENTS_AND_LISTS_XPATH, ("omment", "comol", "disqus_thread"), "9cc18d34e6e2d258")),
)
_NAMES = etree.XPath("descendant-or-self::*/@id | descendant-or-self::*/@class", smart_strings=False)


def fast_body(make_tree: Callable[[], etree._Element], options: Extractor):
    """``bare_extraction(make_tree(), options=options).body`` (None where it gives no document),
    with trafilatura's steps taken here when ``options`` are the parser's fast reading; ``make_tree``
    gives a new tree at each call, which the reading may change."""
    tree = make_tree()
    if not _followed(options) or next(tree.iter("script"), None) is not None:
        return _bare_body(tree, options)
    # trafilatura_sequence: its forum check finds no script, so comments and lists are pruned too.
    names = "\0".join(_NAMES(tree))
    for expressions, parts in _PRUNES:
        if not parts or any(part in names for part in parts):
            prune_unwanted_nodes(tree, expressions)
    body, text = _extract_content(convert_tags(tree_cleaning(copy(tree), options), options, options.url), options)
    if len(text) < options.min_extracted_size or _small_part(text, tree):
        return _bare_body(make_tree(), options)  # rescued from the raw text, or read again more widely
    # bare_extraction's own checks: no comments were read, and no size limit nor language is set.
    if len(text) < options.min_output_size and 0 < options.min_output_comm_size:
        return None
    return body


_DISCARDS = python_discards()  # the lists whose expressions :mod:`.discard` reads, by name
_TRAFILATURA_DISCARDS = {name: getattr(main_extractor, name) for name in _DISCARDS}


def _extract_content(tree, options: Extractor):
    """trafilatura's ``extract_content``, its discard XPaths asked in Python (:mod:`.discard`:
    the same elements, at a third of their cost, which was a seventh of a news parse).

    ``extract_content`` reads the lists from its module when it prunes, so they are set there for
    this call and trafilatura's own put back after it; a reading by trafilatura in another thread
    meanwhile asks the Python forms, which answer as its own do."""
    for name, forms in _DISCARDS.items():
        setattr(main_extractor, name, forms)
    try:
        return extract_content(tree, options)
    finally:
        for name, expressions in _TRAFILATURA_DISCARDS.items():
            setattr(main_extractor, name, expressions)


def most_text(tree) -> int:
    """At most how many characters trafilatura's ``html2txt`` gives for ``tree``. It reads the text
    of the tree's ``<body>`` (or of the tree), drops elements (keeping their tails) and control
    characters, puts a space before each block element's text and tail, and joins the words with
    single spaces. So its characters other than spaces are some of the text's, and its words are
    the text's, each cut in two at most by each space it put in (two an element): at most the
    text with its white space collapsed, plus one, plus two an element."""
    body = tree.find(".//body")
    scope = body if body is not None else tree
    return len(" ".join(scope.text_content().split())) + 1 + 2 * int(_ELEMENTS(scope))


def _small_part(text: str, tree) -> bool:
    """trafilatura_sequence's test for a wider reading: a body under 3,000 characters that is less
    than a fifth of the page's text. The bound (:func:`most_text`) answers for most bodies;
    ``html2txt`` is asked where it cannot."""
    if not 0 < len(text) < ESCALATION_MAX_LENGTH or len(text) >= ESCALATION_PAGE_SHARE * most_text(tree):
        return False
    return len(text) < ESCALATION_PAGE_SHARE * len(trafilatura.html2txt(tree))


def _followed(options: Extractor) -> bool:
    """Whether the steps above are trafilatura's for these settings."""
    return (trafilatura.__version__ == FOLLOWED_VERSION and options.fast and not options.comments
            and options.focus == "balanced" and not options.dedup and not options.lang
            and not options.with_metadata and not options.max_tree_size)


def _bare_body(tree, options: Extractor):
    document = trafilatura.bare_extraction(tree, options=options)
    return document.body if document is not None else None
