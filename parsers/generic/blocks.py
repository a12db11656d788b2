"""One post read from its block of the page, for boards no engine parser knows.

Why a reader of its own: the generic parser knows no class names, so each part of a post is found
by what it is, not by what a template calls it:

- author: the first profile link (``parsers.forum_evidence.PROFILE_HREF``), else the first short
  element whose class says author/user/member/account (``AUTHOR_CLASS``); a microdata item gives
  its ``itemprop="author"`` instead;
- date: ``<time datetime>``, microdata/meta ``datePublished``/``dateCreated`` (``content`` or
  ``datetime``), then the printed text (or ``title``) of the first element whose class says
  date/time/posted, read by :class:`parsers.clock.ForumClock` against the capture time. Boards this
  parser reads state no zone: printed times are taken as UTC, as :mod:`parsers.phpbb` and
  :mod:`parsers.smf` do when a page names none;
- post id: see :func:`post_id_of`;
- body: the element that holds most of the block's words and neither its author nor its date,
  or, when the words are spread over several elements, the block without its author, date,
  signature and buttons;
- quotes: each top-level ``blockquote`` of the body, kept out of the poster's own words; its
  author is the ``cite`` inside it or the "X wrote:" / "X schrieb:" / "Quote from: X" line just
  before or inside it.

Elements inside a blockquote never give the post's author, date or id (a quote shows another
member's name and time).
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from ..clock import ForumClock
from ..dates import parse_iso
from ..forum_evidence import names_profile, says_author, says_date
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import cached_search, show_real_addresses, top_level
from ..models import Author, Link, Quote
from ..quote_depth import read_deeper
from ..text_lengths import measure, tree_text_lengths
from ..urls import absolute, urlsplit
from .printed_dates import clock_readable

# Ids that name a post: letters and then the post's number ("post-123", "js-post-123",
# "Comment6702386", "p77", "msg5"), the whole id. A template's running index
# ("ctl00_Repeater_Comment_0") is not one (see also parsers.generic's running-index check).
# The one-letter prefixes ("p123", "c-5") only stand alone: as the last letter of a longer word
# ("user_17170", "topic_9", "group-3") they name a member, a thread or a widget, not a post.
POST_ID = re.compile(r"^(?:[A-Za-z-]*?(?:post|comment|msg|message|reply|entry|answer|question)|[pcr])[-_]?(\d+)$", re.I)
URL_POST_ID = re.compile(r"(?:#|[?&;](?:p|pid|post|postid|comment|commentid|reply|msg|answer)=)[A-Za-z_-]*?(\d{2,})", re.I)
AUTHOR_ID = re.compile(r"(?:[?&;](?:u|uid|user|userid|id|member|showuser)=|[./-])(\d+)(?:[-./][^/]*)?/?$", re.I)
# Parts of a post block that are not the poster's words.
NOT_WORDS = re.compile(r"(signature|sig\b|footer|vote|actions|controls|share|toolbar|buttons|report|reaction|like"
                       r"|avatar|profile|userinfo|user-info|postbit|rank|badge|editedby|lastedit)", re.I)
CITATION = re.compile(r"^\s*(?:quote from:?\s*|zitat von:?\s*|quote:?\s*|zitat:?\s*)?(?P<who>[^\n:]{1,60}?)"
                      r"\s+(?:wrote|writes|said|posted|schrieb|a écrit|escribió|ha scritto|skrev|napisał)\b.*$", re.I | re.S)
QUOTE_FROM = re.compile(r"^\s*(?:quote from|zitat von|originally posted by|quote originally posted by)[:\s]+"
                        r"(?P<who>[^\n]{1,60}?)(?:\s+(?:on|am|at)\s.*)?$", re.I | re.S)
MAX_NAME = 60
NAME_CLASS = re.compile(r"name", re.I)
# A blockquote that is the post's body, not a quote (vBulletin 4 wraps every message in
# blockquote.postcontent).
BODY_CLASS = re.compile(r"(content|message|postbody|post_body|post-body|restore)", re.I)
# The patterns as remembered tests of a class value (see parsers.markup.cached_search).
_not_words = cached_search(NOT_WORDS)
_body_class = cached_search(BODY_CLASS)
_name_class = cached_search(NAME_CLASS)


@dataclass
class BlockPost:
    """What one block gives: the parts the generic parser turns into a :class:`parsers.models.Post`."""

    post_id: str | None
    url: str | None
    author: Author | None
    published_at: datetime | None
    text: str
    html: str
    quotes: list[Quote] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Link] = field(default_factory=list)
    link_share: float = 0.0  # the share of the poster's words that is link text
    printed_time: bool = False  # the time was read from printed text, in no stated zone (read as UTC)
    opening: bool = False  # the thread's opening post, whose item holds the replies' items


def read_block(block, url: str, clock: ForumClock, author=None, date=None, body=None) -> BlockPost:
    """The post in ``block``; ``author``, ``date`` and ``body`` are elements a microdata item
    names (``itemprop``), found by looking when not given."""
    outside = elements_outside_quotes(block)  # read once: every finder below looks outside quotes
    author_node = author if author is not None else find_author(block, outside)
    date_node = date if date is not None else find_date(block, outside)
    published_at = time_of(date_node, clock)
    return BlockPost(
        post_id=post_id_of(block, url, outside),
        url=permalink_of(block, url, outside),
        author=author_of(author_node, url),
        published_at=published_at,
        printed_time=published_at is not None and not any(
            parse_iso(value) for value in (date_node.get("datetime"), date_node.get("content"))),
        **body_of(block, body, [n for n in (author_node, date_node) if n is not None], url),
    )


def outside_quotes(node, block) -> bool:
    """Is ``node`` outside every quote between it and ``block``?"""
    for ancestor in node.iterancestors():
        if ancestor is block:
            return True
        if ancestor.tag in ("blockquote", "div") and _is_quote(ancestor):
            return False
    return True


def elements_outside_quotes(block) -> list:
    """The elements of ``block`` (itself included) that :func:`outside_quotes` keeps, in document
    order: one walk that never enters a quote, instead of a climb to the block from every element
    each finder asks about (a post of a few thousand elements was read four times over)."""
    found = [block] if outside_quotes(block, block) else []
    stack = [iter(block)]
    while stack:
        for node in stack[-1]:
            if not isinstance(node.tag, str):
                continue
            found.append(node)
            if len(node) and not (node.tag in ("blockquote", "div") and _is_quote(node)):
                stack.append(iter(node))
                break
        else:
            stack.pop()
    return found


def find_author(block, outside: list | None = None):
    """The block's author element: its first profile link, else its first short author-class element.

    Of the links to that first profile, the one with the longest words: boards put a letter avatar
    ("M", an image's alt) before the name link, to the same address. ``outside``: the block's
    :func:`elements_outside_quotes`, when the caller has them."""
    outside = elements_outside_quotes(block) if outside is None else outside
    first_href, chosen, chosen_name = None, None, ""
    for link in outside:
        if link.tag != "a":
            continue
        href = link.get("href") or ""
        if names_profile(href):
            name = " ".join(element_text(link).split())
            if not 0 < len(name) <= MAX_NAME or not is_name(name):
                continue
            if first_href is None:
                first_href = href
            if href == first_href and len(name) > len(chosen_name):
                chosen, chosen_name = link, name
    if chosen is not None:
        return chosen
    labelled = []
    for node in outside:
        if says_author(node.get("class") or ""):
            name = " ".join(element_text(node).split())
            if 0 < len(name) <= MAX_NAME:
                labelled.append(node)
    # "username"/"AccountName" before "userinfo"/"usertitle": the element that holds the name alone.
    named = [node for node in labelled if _name_class(node.get("class") or "")]
    # Else an element with no other author-class element inside it: "dt.author" rather than the
    # "td.userinfo" around it, which also holds the member's title and join date.
    innermost = [node for node in labelled if not any(other is not node and node in other.iterancestors()
                                                      for other in labelled)]
    return (named or innermost or labelled or [None])[0]


# What a profile link says when it is a button, not the member's name: the Something Awful Forums
# print "Profile", "Message", "Post History" and a "?" ("show posts by this user") beside each post,
# all linking to addresses with the member's id, while the name itself stands in a dt.author.
LINK_LABELS = frozenset({"profile", "view profile", "message", "send message", "private message", "pm",
                         "post history", "posts", "find posts", "view posts", "homepage", "website"})


def is_name(text: str) -> bool:
    """Whether a profile link's words can be a member's name: a letter or digit in them, and not a
    button's label (:data:`LINK_LABELS`)."""
    return any(ch.isalnum() for ch in text) and text.lower() not in LINK_LABELS


def find_date(block, outside: list | None = None):
    """The block's date element: ``<time>``, a ``datePublished``/``dateCreated`` property, else the
    first element whose class says date/time/posted and that holds a digit (outside quotes, all)."""
    outside = elements_outside_quotes(block) if outside is None else outside
    for node in outside:
        if node.tag == "time":
            return node
    for node in outside:
        if node.get("itemprop") in ("datePublished", "dateCreated"):
            return node
    for node in outside:
        if says_date(node.get("class") or "") and re.search(r"\d", element_text(node) + (node.get("title") or "")):
            return node
    return None


def author_of(node, url: str) -> Author | None:
    """The author an element names: a link (name and profile URL), a microdata Person (its
    ``name`` and ``url`` properties) or plain text; None for none or an empty one."""
    if node is None:
        return None
    named = [n for n in node.iter() if isinstance(n.tag, str) and n.get("itemprop") == "name"]
    name_node = named[0] if named else node
    name = " ".join((name_node.get("content") or element_text(name_node)).split())[:200] or None
    link = node if node.tag == "a" else next((a for a in node.iter("a") if a.get("href")), None)
    if link is None:
        # A microdata author inside its profile link: <a href="/user/17"><span itemprop="author">.
        link = next((a for a in node.iterancestors("a") if names_profile(a.get("href") or "")), None)
    profile = absolute(url, link.get("href")) if link is not None else None
    profile = profile or absolute(url, next((n.get("href") or n.get("content") for n in node.iter()
                                             if isinstance(n.tag, str) and n.get("itemprop") == "url"), None))
    if not name and not profile:
        return None
    match = AUTHOR_ID.search(profile or "")
    return Author(name=name, id=match.group(1) if match else None, url=profile)


def time_of(node, clock: ForumClock) -> datetime | None:
    """The UTC time a date element states: machine-readable first, then its printed text."""
    if node is None:
        return None
    for value in (node.get("datetime"), node.get("content")):
        parsed = parse_iso(value)
        if parsed is not None:
            return parsed
    # Text nodes joined with spaces: "<span>28.09.19</span><span>12:44</span>" is two parts, not "28.09.1912:44".
    for value in (" ".join(" ".join(node.itertext()).split()), node.get("title")):
        if value and re.search(r"\d", value) or value and re.search(r"(?i)today|yesterday|ago|heute|gestern", value):
            parsed = clock.read(clock_readable(value, clock))
            if parsed is not None:
                return parsed
    return None


def post_id_of(block, url: str, outside: list | None = None) -> str | None:
    """The post's id as the markup gives it, or None (the caller then derives one).

    In this order: the block's own id when it is a bare number (``<div id="91744077" class="post">``)
    or its ``data-post``/``data-post-id``/``data-pid``; an id attribute of the block or of an element
    in it (outside quotes) that names a post ("post-123", "Comment6702386"); the ``#fragment`` or
    ``p=``/``comment=`` parameter of a link in the block that points at this page. The number is kept.
    """
    own = block.get("id") or ""
    if own.isdigit() and len(own) >= 2:  # the post block itself is numbered: <div id="91744077" class="post">
        return own
    for name in ("data-post", "data-post-id", "data-pid"):
        if (block.get(name) or "").isdigit():
            return block.get(name)
    outside = elements_outside_quotes(block) if outside is None else outside
    for node in outside:
        if node.get("id"):
            match = POST_ID.match(node.get("id"))
            if match:
                return match.group(1)
    here = urlsplit(url).path
    for node in outside:
        href = node.get("href")
        if href and (href.startswith("#") or urlsplit(absolute(url, href) or "").path == here):
            match = URL_POST_ID.search(href)
            if match:
                return match.group(1)
    return None


def permalink_of(block, url: str, outside: list | None = None) -> str | None:
    """The link in the block that points at this post (a fragment or post parameter), absolute."""
    for node in elements_outside_quotes(block) if outside is None else outside:
        if node.get("href") and URL_POST_ID.search(node.get("href")):
            return absolute(url, node.get("href"))
    return None


def derived_id(thread_url: str, author: Author | None, published_at: datetime | None, text: str) -> str:
    """A post id for a board whose markup gives none: a hash of the thread URL (without page or
    fragment), the author, the time and the first 200 characters of the words. The same post gives
    the same id on every crawl and on every page it shows on (a position would shift when a post
    before it is deleted); "g" marks it as derived."""
    base = thread_url.split("#", 1)[0]
    key = "\x1f".join((base, author.name or author.url or "" if author else "",
                       published_at.isoformat() if published_at else "", " ".join(text.split())[:200]))
    return "g" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# --- Body and quotes -------------------------------------------------------------------------


def body_of(block, body, labels: list, url: str) -> dict:
    """The poster's words, markup, quotes, links and images, from ``body`` or the block itself."""
    chosen = body if body is not None else _body_element(block, labels)
    node = copy.deepcopy(chosen)
    if chosen is block:
        _drop_labels(node, block, labels)
    show_real_addresses(node, url)
    for junk in [n for n in node.iter("script", "style", "noscript", "form", "button")]:
        drop_node(junk)
    for junk in [n for n in node.iter() if isinstance(n.tag, str) and n.tag != "blockquote"
                 and _not_words(n.get("class") or "")]:
        if junk.getparent() is not None:
            drop_node(junk)
    quotes = [quote_of(q, 1) for q in quote_blocks(node)]
    html = sanitise(inner_html(node))
    for quote in quote_blocks(node):
        _drop_citation_before(quote)
        drop_node(quote)
    text = element_text(node)
    link_text = sum(len(" ".join(element_text(a).split())) for a in node.iter("a"))
    links = [Link(a.get("href"), " ".join(element_text(a).split()) or None) for a in node.iter("a")
             if (a.get("href") or "").startswith(("http://", "https://"))]
    images = [Link(i.get("src"), i.get("alt")) for i in node.iter("img") if (i.get("src") or "").startswith("http")]
    share = link_text / len(text) if text else 1.0
    return {"text": text, "html": html, "quotes": quotes, "links": links, "images": images, "link_share": share}


def _body_element(block, labels: list):
    """The element holding the post's words: the largest element a body class names ("content",
    "message", "postbody") that holds at least 30% of the block's words, else the largest element
    with no label inside it that holds most of them, else the block itself (labels are then
    dropped from a copy).

    One pass: each element's text length is summed from its children's (a post nesting 20,000
    elements must not cost a text walk per element)."""
    lengths = _text_lengths(block)
    around_labels = {a for label in labels for a in label.iterancestors()}
    in_labels = {n for label in labels for n in label.iter()}
    # Words body_of drops anyway (a signature, the post's footer, vote buttons: NOT_WORDS) count for
    # no element: a short reply above a long signature (inSided's div.post__footer > div.signature)
    # is still the post's words, not the whole block with its profile column.
    in_chrome: set = set()
    for chrome in _outermost_chrome(block, around_labels | in_labels):
        in_chrome.update(chrome.iter())
        length = lengths.get(chrome, 0)
        for ancestor in chrome.iterancestors():
            lengths[ancestor] = lengths.get(ancestor, 0) - length
            if ancestor is block:
                break
    total = lengths.get(block, 0) - sum(lengths.get(n, 0) for n in labels)
    best, best_length = None, 0
    named, named_length = None, 0  # the largest element a body class names ("content", "message")
    for node in block.iter():
        if not isinstance(node.tag, str) or node is block or node.tag in ("blockquote", "a", "script", "style"):
            continue
        classes = node.get("class") or ""
        if node in around_labels or node in in_labels or node in in_chrome or _not_words(classes):
            continue
        length = lengths.get(node, 0)
        if length > best_length:
            best, best_length = node, length
        if length > named_length and _body_class(classes):
            named, named_length = node, length
    # A named body holding a good part of the words beats the profile column around it (rank, joined).
    if named is not None and named_length * 10 >= total * 3:
        return named
    if best is not None and best_length * 10 >= total * 6:
        return best
    return block


def _outermost_chrome(block, near_labels: set) -> list:
    """The outermost elements of ``block`` whose class NOT_WORDS names, none holding or inside a label."""
    found: list = []
    inside: set = set()
    for node in block.iter():
        if node is block or not isinstance(node.tag, str) or node in inside:
            continue
        if node not in near_labels and _not_words(node.get("class") or ""):
            found.append(node)
            inside.update(node.iter())
    return found


def _text_lengths(block) -> dict:
    """Characters of text (blanks left out) inside each element of ``block``, a dict of its own
    (:func:`_body_element` edits it), from the lengths measured once for the block's whole tree
    (:mod:`parsers.text_lengths`: the forum checks measured the same elements just before)."""
    measured = tree_text_lengths(block)
    if block not in measured:  # not in the tree whose lengths are kept: measured on its own
        return measure(block)
    return {node: measured[node] for node in block.iter()}


def _drop_labels(node, block, labels: list) -> None:
    """Drop from ``node`` (a copy of ``block``) the copies of ``labels``."""
    originals = list(block.iter())
    copies = list(node.iter())
    if len(originals) != len(copies):
        return
    for original, twin in zip(originals, copies):
        if any(original is label for label in labels) and twin.getparent() is not None:
            drop_node(twin)


def quote_of(node, depth: int) -> Quote:
    """A blockquote: its citation and author, its own words, the quotes nested in it."""
    citation_node = next((c for c in node.iter("cite")), None)
    citation = " ".join(element_text(citation_node).split()) if citation_node is not None else None
    if citation is None:
        citation = _citation_before(node)
    inner = copy.deepcopy(node)
    for cite in list(inner.iter("cite")):
        drop_node(cite)
    nested = [quote_of(q, depth + 1) for q in quote_blocks(inner)] if read_deeper(depth) else []
    for quote in quote_blocks(inner) if read_deeper(depth) else []:
        drop_node(quote)
    text = element_text(inner)
    if citation is None:
        first, _, rest = text.partition("\n")
        if CITATION.match(first) or QUOTE_FROM.match(first):
            citation, text = first.strip(), rest.strip()
    return Quote(author=_cited_author(citation), citation=citation, text=text, quotes=nested)


def quote_blocks(element) -> list:
    """The quotes of ``element``: its blockquotes that no other quote inside it holds, leaving out
    a blockquote that is the post's body (``BODY_CLASS``), whose quotes are looked for inside it."""
    return top_level(element, _is_quote)


# A quote some boards write as a div: a class word that is "quote" or ends in it ("forumQuote",
# "bbcode_quote", "post-quote"), its citation line ("alice said:") a sibling just before it.
QUOTE_DIV = re.compile(r"^[a-z_-]*quote$", re.I)


def _is_quote(node) -> bool:
    tag = node.tag
    if tag == "div":
        classes = node.get("class") or ""
        return _quote_div_class(classes) if len(classes) <= 300 else _is_quote_div_class(classes)
    return tag == "blockquote" and not _body_class(node.get("class") or "")


def _is_quote_div_class(classes: str) -> bool:
    """A div of these classes is a quote (see :func:`_is_quote`)."""
    return any(QUOTE_DIV.match(word) for word in classes.split()) and not _body_class(classes)


# Remembered per class value, as parsers.markup.cached_search (short values only: bounded memory).
_quote_div_class = lru_cache(maxsize=8192)(_is_quote_div_class)


def _citation_before(node) -> str | None:
    """The "X wrote:" line printed just before a blockquote (its previous sibling or the text before it)."""
    previous = node.getprevious()
    text = element_text(previous) if previous is not None else (node.getparent().text or "" if node.getparent() is not None else "")
    if previous is not None and previous.tail and previous.tail.strip():
        text = previous.tail
    line = " ".join(text.split())
    return line if line and len(line) <= 120 and (CITATION.match(line) or QUOTE_FROM.match(line)) else None


def _drop_citation_before(node) -> None:
    previous = node.getprevious()
    if previous is not None and not (previous.tail or "").strip():
        line = " ".join(element_text(previous).split())
        if line and len(line) <= 120 and (CITATION.match(line) or QUOTE_FROM.match(line)):
            drop_node(previous)


def _cited_author(citation: str | None) -> str | None:
    if not citation:
        return None
    for pattern in (QUOTE_FROM, CITATION):
        match = pattern.match(citation)
        if match:
            return match.group("who").strip(" \"'“”") or None
    return None
