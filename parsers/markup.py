"""Small readers of the lxml tree that several engine parsers share.

Why here: each engine module had its own copy of these few lines; one copy keeps them in step.
"""

from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from .tree_memo import TreeMemo
from .urls import urljoin
from .xml_chars import loads_xml_safe


def xpath(expression: str) -> etree.XPath:
    """A compiled XPath giving plain strings: "smart" strings that know their parent element cost
    an object each, and a page yields thousands."""
    return etree.XPath(expression, smart_strings=False)


def cached_search(pattern: re.Pattern, size: int = 8192, longest: int = 300) -> Callable[[str], bool]:
    """``value -> bool(pattern.search(value))``, remembered for values of at most ``longest``
    characters (a longer one, a ``data:`` address say, is searched each time), up to ``size`` of
    them (then forgotten all at once): the memory stays bounded.

    Why: the generic parser and the forum checks test the class attribute and the link of element
    after element against patterns of words in any case (``re.I`` alternations cost 4 to 16 us a
    search on a 40-character class), and a page repeats a few dozen class values over thousands of
    elements. The answer depends on the string alone, so a remembered one is the search's. A plain
    dict, not ``functools.lru_cache``: this runs for every element, and a second call per test
    cost as much as the lookup."""
    known: dict[str, bool] = {}

    def test(value: str) -> bool:
        answer = known.get(value)
        if answer is None:
            answer = pattern.search(value) is not None
            if len(value) <= longest:
                if len(known) >= size:
                    known.clear()
                known[value] = answer
        return answer

    return test


def class_test(name: str) -> str:
    """XPath test for one class token (``contains(@class, ...)`` alone would match prefixes).

    The plain ``contains(@class, ...)`` comes first: the token test implies it, and it rejects nearly
    every element at once, where the token test builds a normalised string for each (every element
    of the page, for a ``//*`` step)."""
    return f"(contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} '))"


def has_class(classes: str, name: str) -> bool:
    """``name`` is one of the tokens of a class attribute (the substring test first: it is cheap)."""
    return name in classes and name in classes.split()


def inside(node, ancestor) -> bool:
    """``node`` stands somewhere below ``ancestor`` (never below None)."""
    if ancestor is None:
        return False
    for parent in node.iterancestors():
        if parent is ancestor:
            return True
    return False


def element_after(node, closing: str | None = None):
    """The element right after ``node`` among its siblings, past comments and processing
    instructions with nothing but blanks after them; None when text or nothing comes first, or
    the comment ``closing`` ("/ message": the part ``node`` opens is empty).

    Why: parsers that read a template's own comments (vBulletin's ``<!-- message -->`` before a
    post's words) keep a page's comments; another comment a skin or a plugin printed between that
    one and the words ("<!-- google_ad_section_start -->") hid the words: the post was lost."""
    following = node.getnext()
    while following is not None and following.tag.__class__ is not str:
        if (following.tail or "").strip() or (closing is not None and (following.text or "").strip() == closing):
            return None
        following = following.getnext()
    return following


def within_class(node, name: str, tag: str | None = None) -> bool:
    """``node`` stands below an element (of tag ``tag``, any tag without one) that has the class ``name``."""
    ancestors = node.iterancestors(tag) if tag else node.iterancestors()
    return any(has_class(ancestor.get("class") or "", name) for ancestor in ancestors)


# Forumotion (Forumactif, Forumieren) hosts its boards' assets on illiweb.com and declares its
# board data in "_userdata" scripts; its PunBB- and phpBB 2-like versions print those engines' markup.
_FORUMOTION_MARK = re.compile(r"illiweb\.com|forumotion\.|forumactif\.|forumieren\.|\b_userdata\b", re.I)


def is_forumotion(root) -> bool:
    """The page carries Forumotion's markers: its asset host, its ``_userdata`` script, its hosts
    (the FluxBB and phpBB 2 parsers refuse such pages: their markup is Forumotion's look-alike).

    Asked once a tree (the tree as it stands then): both parsers ask it in detection and again
    first thing in their parse, and each search of the scripts' texts cost about 2% of a small
    page's parse."""
    return _forumotion_trees(root)


def _is_forumotion(root) -> bool:
    for node in root.iter("script", "link"):
        address = node.get("src") or node.get("href") or ""
        if _FORUMOTION_MARK.search(address) or (node.tag == "script" and node.text
                                                  and _FORUMOTION_MARK.search(node.text[:20000])):
            return True
    return False


_forumotion_trees: TreeMemo[bool] = TreeMemo("is_forumotion", _is_forumotion)


def show_real_addresses(element, base: str) -> None:
    """Make links and image addresses absolute (against the page's ``<base href>`` where it has
    one), putting lazy-loaded images' real address (``data-src``) in ``src``."""
    for node in element.iter("a", "img"):
        attribute = "href" if node.tag == "a" else "src"
        value = (node.get("data-src") or node.get(attribute)) if node.tag == "img" else node.get(attribute)
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:", "javascript:")):
            value = urljoin(base, value.strip())
        if value:
            node.set(attribute, value)


def top_level(element, matches) -> list:
    """The elements below ``element`` that ``matches`` accepts and that no accepted element below
    ``element`` holds, in document order: the quotes of a post, each with its own nested quotes
    left inside it.

    One walk with its own stack that never enters what it found: linear in the tree's size, and
    not bound by Python's recursion limit, however deep a page nests its quotes.
    """
    found = []
    stack = [iter(element)]
    while stack:
        for node in stack[-1]:
            if node.tag.__class__ is not str:
                continue
            if matches(node):
                found.append(node)
            elif len(node):
                stack.append(iter(node))
                break
        else:
            stack.pop()
    return found


def first_in_walk(element, found, passed_over=None):
    """The first element below ``element``, in document order, that ``found`` accepts, never
    looking at or inside an element ``passed_over`` accepts; None when there is none.

    One walk with its own stack, as :func:`top_level`'s: not bound by Python's recursion limit,
    however deep a torn page nests its elements."""
    stack = [iter(element)]
    while stack:
        for node in stack[-1]:
            if node.tag.__class__ is not str or (passed_over is not None and passed_over(node)):
                continue
            if found(node):
                return node
            if len(node):
                stack.append(iter(node))
                break
        else:
            stack.pop()
    return None


def top_level_blockquotes(element) -> list:
    """The blockquotes inside ``element`` that no other blockquote inside it holds, in document order
    (what :func:`top_level` finds for ``blockquote``), found by lxml's own iteration instead of a
    Python step for every element of the post (most posts and quotes hold none or one).

    In document order a blockquote is outermost unless it stands inside an outermost one found
    before it; those do not overlap, so listing the blockquotes inside each keeps this linear in
    the post's size, however deep quotes nest.
    """
    found, inner = [], set()
    for quote in element.iterdescendants("blockquote"):
        if quote not in inner:
            found.append(quote)
            inner.update(quote.iterdescendants("blockquote"))
    return found


def language_tag(root) -> str | None:
    """The whole language tag the page declares, lower-cased ("en-gb"), or None: its ``<html lang>``,
    else its ``xml:lang`` (an XHTML page; libxml2's HTML parser keeps the name as written, prefix
    and all, so the XPath ``@xml:lang`` never found it), else its head's
    ``<meta http-equiv="Content-Language">`` (the first of a list). phpBB and MyBB read day/month
    order from the region ("en-gb" is day first, "en-us" month first), and every engine reads its
    printed dates in the language: an XHTML page saying only ``xml:lang="cs"`` had its Czech months
    read as English, that is not at all."""
    html = root.getroottree().getroot()
    value = html.get("lang") or html.get("xml:lang")
    if not value:
        head = html.find("head")
        meta = next((node for node in (head if head is not None else ()) if node.tag == "meta"
                     and (node.get("http-equiv") or "").strip().lower() == "content-language"), None)
        value = (meta.get("content") or "").split(",")[0] if meta is not None else None
    return value.strip().lower() if value and value.strip() else None


def page_language(root) -> str | None:
    """The primary subtag of the language the page declares (:func:`language_tag`; "en" for "en-US")."""
    tag = language_tag(root)
    return (tag.split("-")[0].split("_")[0].strip() or None) if tag else None


def json_ld_documents(scripts: list[str], marker: str):
    """The decoded JSON-LD scripts that mention ``marker`` (a schema.org type such as
    "BreadcrumbList"), in page order; scripts that do not decode are passed over. Their strings
    are made XML-safe (JSON escapes such as "\\u0002" pass the page's own clean-up).

    The text test comes first: decoding every script of a page costs more than the page's posts.
    """
    for raw in scripts:
        if marker not in raw:
            continue
        try:
            yield loads_xml_safe(raw)
        except (ValueError, RecursionError):
            continue


def embedded_address(frame) -> str | None:
    """The address an ``<iframe>`` embeds (a video, a map): its ``src``, or the lazy loaders'
    ``data-src`` (s9e's Media Embed: ``data-s9e-mediaembed-src``); None for a blank frame. The
    engines keep it among a post's links: the sanitised HTML drops the frame, and a post that is
    only a video kept nothing of it."""
    src = frame.get("src") or frame.get("data-src") or frame.get("data-s9e-mediaembed-src")
    return src if src and not src.startswith(("about:", "javascript:", "data:")) else None
