"""trafilatura's discard XPaths of the body it reads, asked in Python: the same elements, in the
same order, without a call into Python for every element.

Why: trafilatura prunes the subtree it reads the body from with ``OVERALL_DISCARD_XPATH``
(share boxes, newsletters, bylines, hidden and comment elements), whose predicates test the
``id``, ``class`` and ``style`` of every element with EXSLT regular expressions. lxml runs each
``re:test`` as a call into Python with its node-set turned into a list, six of them an element:
on the five pages of issue 19's news goal that was 3.3 ms of a 28 ms parse (more than the
metadata), for trees of 80 to 270 elements. The same tests written in Python, each regular
expression asked once per distinct value, take a third of that.

:func:`python_discards` gives callables that answer as the XPaths do (``prune_unwanted_nodes``
calls each with the subtree and reads the list of elements it gets), for the discard lists whose
expressions are the ones read here (checked by digest, as :mod:`.reading` checks its prunes);
trafilatura's own XPaths are asked for any other. Its two plainer lists, of captions and of
teasers (``contains`` tests, no regular expressions), are asked in Python too: lxml's tag filter
finds their six kinds of element, at less than half their cost.

The XPaths' node-set strings are read as libxml2 reads them: ``@id|@class`` is the value of
whichever of the two the element carries first in its attribute list (a node-set's string is its
first node in document order), an absent attribute is the empty string, and ``re:test`` is
Python's ``re.search``, which is what lxml's EXSLT functions run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from trafilatura import xpaths

# The expressions as trafilatura 2.3.1 writes them, by the name of their list (sha256 of each path,
# first 16 hex digits).
_DIGESTS = {"OVERALL_DISCARD_XPATH": ("a837e58a1b1ea116", "c1d5b70b8cd03783"),
            "DISCARD_IMAGE_ELEMENTS": ("cb1ab981e44913f7",), "TEASER_DISCARD_XPATH": ("ebb02f066626551d",)}
# Each re:test of the two paths, in the order written: (attributes, pattern), as read from them.
_RE_TEST = re.compile(r"re:test\(([@\w|-]+),\s*'([^']*)'\)")
_SECTIONS = frozenset({"div", "item", "list", "p", "section", "span"})


class _Searches:
    """``pattern.search(value)`` per distinct value, for one evaluation (class values repeat)."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern, self.answers = pattern, {}

    def __call__(self, value: str) -> bool:
        answer = self.answers.get(value)
        if answer is None:
            answer = self.answers[value] = self.pattern.search(value) is not None
        return answer


def _first(items: list, first: str, second: str) -> str:
    """``@first|@second`` as a string, from an element's ``items()``: the value of whichever of the
    two attributes comes first in its attribute list, "" when it has neither."""
    for name, value in items:
        if name == first or name == second:
            return value
    return ""


def _tests(path: str) -> list[tuple[str, re.Pattern]]:
    return [(attributes, re.compile(pattern)) for attributes, pattern in _RE_TEST.findall(path)]


def _sections_test(path: str) -> Callable:
    """``.//*[self::div or ... or self::span][@data-lp-replacement-content or contains(translate(@role,
    'N', 'n'), 'nav') or contains(@data-component, 'MostPopularStories') or re:test(@id|@class,
    'cookie') or re:test(@id, IDS) or re:test(@class, CLASSES)]``."""
    (_, cookie), (_, ids), (_, classes) = _tests(path)

    def discarded(tree) -> list:
        cookie_in, id_in, class_in = _Searches(cookie), _Searches(ids), _Searches(classes)
        found = []
        for element in tree.iterdescendants(*_SECTIONS):
            items = element.items()
            if not items:
                continue  # no attribute: every test is of one, and no pattern matches ""
            attributes = dict(items)
            if ("data-lp-replacement-content" in attributes
                    or "nav" in attributes.get("role", "").replace("N", "n")
                    or "MostPopularStories" in attributes.get("data-component", "")
                    or cookie_in(_first(items, "id", "class"))
                    or id_in(attributes.get("id", "")) or class_in(attributes.get("class", ""))):
                found.append(element)
        return found
    return discarded


def _hidden_test(path: str) -> Callable:
    """``.//*[@class='comments-title' or starts-with(@id|@class, 'reply-') or re:test(@id|@style,
    'hidden') or contains(@style, 'display:none') or contains(@style, 'display: none') or
    re:test(@id, COMMENT_IDS) or re:test(@class, HIDDEN_CLASSES) or @aria-hidden='true']``."""
    (_, hidden), (_, comment_ids), (_, hidden_classes) = _tests(path)

    def discarded(tree) -> list:
        hidden_in, id_in, class_in = _Searches(hidden), _Searches(comment_ids), _Searches(hidden_classes)
        found = []
        for element in tree.iterdescendants():
            if not isinstance(element.tag, str):
                continue  # a comment or a processing instruction: not an element (``*``)
            items = element.items()
            if not items:
                continue  # no attribute: every test is of one, and no pattern matches ""
            attributes = dict(items)
            classes, style = attributes.get("class"), attributes.get("style", "")
            if (classes == "comments-title" or _first(items, "id", "class").startswith("reply-")
                    or hidden_in(_first(items, "id", "style"))
                    or "display:none" in style or "display: none" in style
                    or id_in(attributes.get("id", "")) or class_in(classes or "")
                    or attributes.get("aria-hidden") == "true"):
                found.append(element)
        return found
    return discarded


def _captions(tree) -> list:
    """``.//*[self::div or ... or self::span][contains(@id, 'caption') or contains(@class, 'caption')]``."""
    return [element for element in tree.iterdescendants(*_SECTIONS)
            if "caption" in (element.get("id") or "") or "caption" in (element.get("class") or "")]


def _teasers(tree) -> list:
    """``.//*[self::div or ... or self::span][contains(translate(@id, 'T', 't'), 'teaser') or
    contains(translate(@class, 'T', 't'), 'teaser')]``."""
    return [element for element in tree.iterdescendants(*_SECTIONS)
            if "teaser" in (element.get("id") or "").replace("T", "t")
            or "teaser" in (element.get("class") or "").replace("T", "t")]


def python_discards() -> dict[str, list[Callable]]:
    """The discard lists asked in Python, by their names in trafilatura (``OVERALL_DISCARD_XPATH``,
    ``DISCARD_IMAGE_ELEMENTS``, ``TEASER_DISCARD_XPATH``), each in trafilatura's order; a list
    whose expressions are not the ones read here is left out."""
    forms = {}
    for name, digests in _DIGESTS.items():
        paths = [expression.path for expression in getattr(xpaths, name)]
        if tuple(hashlib.sha256(path.encode()).hexdigest()[:16] for path in paths) != digests:
            continue
        if name == "OVERALL_DISCARD_XPATH":
            forms[name] = [_sections_test(paths[0]), _hidden_test(paths[1])]
        else:
            forms[name] = [_captions if name == "DISCARD_IMAGE_ELEMENTS" else _teasers]
    return forms
