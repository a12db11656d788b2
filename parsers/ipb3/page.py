"""What one pass over an IP.Board 3 page finds (:class:`PageParts`), and over each post (:class:`PostParts`).

Keyed on what every IP.Board 3 skin keeps, because the skin's templates print it for the board's
JavaScript, its anchors and its microformats: the post block ``div.post_block#post_id_N`` (with
``a#entryN`` inside, and ``<!--post:N-->`` before it), the ``hentry`` classes, the
``ipb.topic.*`` / ``ipb.vars`` script, ``abbr.published``, ``span.author.vcard`` and
``div.entry-content``; cosmetic classes (``row2``, ``ipsType_small``) are never asked for. The few
layout classes read (``h1.ipsType_pagetitle`` for the title, ``p.ipsType_sectiontitle`` for an
error's message) each have a fallback or only decide between two verdicts of a page without posts.
"""

from __future__ import annotations

import re

from lxml import etree

from ..html_text import element_text
from ..markup import has_class
from ..markup import xpath as _X
from ..urls import urljoin
from ..values import words as _words

POST_BLOCK_ID = re.compile(r"^post_id_(\d+)$")
ENTRY_ID = re.compile(r"^entry(\d+)$")
_TITLE = _X("/html/head/title/text()")  # compiled once, not on every page as root.xpath(...) does
_POST_COMMENT = re.compile(r"^\s*post:(\d+)\s*$")
_ERROR_CODE = re.compile(r"\[#\s*([0-9A-Z]+)\s*\]")  # skin_global Error(): "[#10333]"
# The topic view's setup script (skin_topic topicViewTemplate):
#   ipb.topic.topic_id  = 139616;  ipb.topic.start_id  = 20;
#   ipb.topic.counts    = { postTotal: 23, curStart: ipb.topic.start_id, perPage: 20 };
_SCRIPT_NUMBER = {
    "topic_id": re.compile(r"ipb\.topic\.topic_id\s*=\s*(\d+)"),
    "forum_id": re.compile(r"ipb\.topic\.forum_id\s*=\s*(\d+)"),
    "start": re.compile(r"ipb\.topic\.start_id\s*=\s*(\d+)"),
    "total": re.compile(r"postTotal\s*:\s*(\d+)"),
    "per_page": re.compile(r"perPage\s*:\s*(\d+)"),
}


class PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names.

    ``posts`` holds (block, post id) in page order.
    """

    def __init__(self, root) -> None:
        self.posts: list[tuple] = []
        self.crumbs = None
        self.pagination = []
        self.title_heading = None
        self.error_message = self.error_code = None
        self.login_form = None
        self.creator = None  # topicViewTemplate: "Started by <span itemprop="creator">(hovercard)</span>"
        self.link_next = self.canonical_href = None
        self.numbers: dict[str, int] = {}
        self.scripted = False  # a script of the page says "ipb.vars" (skin_global's head script)
        self._canonical: dict[str, str | None] = {}  # canonical(), by the URL it is joined to
        seen = set()
        # Each tag reads only the attributes its test needs (a class-less div or p is nothing here).
        for node in root.iter("div", "ol", "h1", "p", "span", "form", "link", "script"):
            tag = node.tag
            if tag == "div":
                classes = node.get("class")
                if not classes:
                    continue
                if has_class(classes, "post_block") and node not in seen:
                    post_id = _block_post_id(node)
                    if post_id:
                        self.posts.append((node, post_id))
                        seen.add(node)
                elif has_class(classes, "pagination"):
                    self.pagination.append(node)
            elif tag == "ol":
                if self.crumbs is None and (has_class(node.get("class") or "", "breadcrumb")
                                            or node.get("id") == "breadcrumb"):
                    self.crumbs = node
            elif tag == "h1":
                if self.title_heading is None and has_class(node.get("class") or "", "ipsType_pagetitle"):
                    self.title_heading = node
            elif tag == "p":
                classes = node.get("class")
                if not classes:
                    continue
                # skin_global Error(): <p class='ipsType_sectiontitle'>{message}</p> in an ipsBox.
                if self.error_message is None and has_class(classes, "ipsType_sectiontitle"):
                    self.error_message = node
                elif has_class(classes, "pagination"):  # "Page 1 of 1" (p.pagination.no_pages)
                    self.pagination.append(node)
            elif tag == "span":
                if self.creator is None and node.get("itemprop") == "creator":
                    self.creator = node
                # The error code beside the message: <span class="right desc ...">[#10333] </span>.
                if self.error_code is None and "[#" in (node.text or ""):
                    match = _ERROR_CODE.search(node.text)
                    self.error_code = match.group(1) if match else None
            elif tag == "form":
                if self.login_form is None and is_sign_in_form(node):
                    self.login_form = node
            elif tag == "link":
                rel = (node.get("rel") or "").lower()
                if rel == "next" and self.link_next is None:
                    self.link_next = node.get("href")
                elif rel == "canonical" and self.canonical_href is None:
                    self.canonical_href = node.get("href")
            elif tag == "script":
                text = node.text or ""
                self.scripted = self.scripted or "ipb.vars" in text
                if "ipb.topic" in text:
                    for key, pattern in _SCRIPT_NUMBER.items():
                        match = pattern.search(text)
                        if match and key not in self.numbers:
                            self.numbers[key] = int(match.group(1))
        titles = _TITLE(root)
        self.title = _words(titles[:1])
        # A skin without post blocks: its posts by their anchors, on a topic view (its script names
        # the topic) or on a page saved without its scripts (detection asked for anchors of one topic).
        if not self.posts and ("topic_id" in self.numbers or not self.scripted):
            self.posts = posts_by_anchor(root)

    def canonical(self, url: str) -> str | None:
        """The canonical link against ``url``; joined once (the parse asks three times a page)."""
        if url not in self._canonical:
            href = (self.canonical_href or "").strip()
            self._canonical[url] = urljoin(url, href) if href else None
        return self._canonical[url]

    def heading(self) -> str | None:
        return _words(self.title_heading.itertext()) or None if self.title_heading is not None else None

    def error_text(self) -> str | None:
        return _words([element_text(self.error_message)]) or None if self.error_message is not None else None


def is_sign_in_form(form) -> bool:
    """The sign-in form of a sign-in page (``action`` ...section=login&do=process). Not the hidden
    copy skin_global's ``inlineLogin`` prints in ``div#inline_login_form`` on every page a guest sees."""
    action = (form.get("action") or "").replace("&amp;", "&")
    if "section=login" not in action or "do=process" not in action:
        return False
    return not any(holder.get("id") == "inline_login_form" for holder in form.iterancestors("div"))


def _block_post_id(block) -> str | None:
    """The post id of a ``div.post_block``: its ``post_id_N`` id, else the ``a#entryN`` anchor the
    template puts first inside it, else the ``<!--post:N-->`` comment printed just before it."""
    match = POST_BLOCK_ID.match(block.get("id") or "")
    if match:
        return match.group(1)
    for anchor in block.iter("a"):
        match = ENTRY_ID.match(anchor.get("id") or "")
        if match:
            return match.group(1)
    previous = block.getprevious()
    while previous is not None and previous.tag is etree.Comment:
        match = _POST_COMMENT.match(previous.text or "")
        if match:
            return match.group(1)
        previous = previous.getprevious()
    return None


def posts_by_anchor(root) -> list[tuple]:
    """(block, post id) of a topic view whose skin prints no ``div.post_block`` (a skin laying each
    post out as a ``<table>``), found by what the skin keeps: the ``a#entryN`` anchor, which the
    board's "find post" links jump to. The post's block is the element the ``<!--post:N-->``
    comment stands before, else the widest element around the anchor that holds no other post's
    anchor or id while the one around it does (so a page of one post gives none: its block is not
    told from the whole page). Why: without this, every post of such a skin was lost to an
    ``unsupported`` page."""
    found = []
    for anchor in root.iter("a"):
        match = ENTRY_ID.match(anchor.get("id") or "")
        if match:
            block = _commented_block(anchor, match.group(1))
            if block is None:
                block = _widest_own_block(anchor, match.group(1))
            if block is not None and all(block is not other for other, _ in found):
                found.append((block, match.group(1)))
    return found


def _commented_block(anchor, post_id: str):
    """The element around ``anchor`` that the ``<!--post:N-->`` comment stands before (scripts and
    other comments between them allowed: 3.1 prints a script there), or None."""
    for holder in anchor.iterancestors():
        previous = holder.getprevious()
        while previous is not None and (previous.tag is etree.Comment or previous.tag == "script"):
            if previous.tag is etree.Comment:
                match = _POST_COMMENT.match(previous.text or "")
                if match:
                    return holder if match.group(1) == post_id and not _holds_another(holder, post_id) else None
            previous = previous.getprevious()
    return None


def _widest_own_block(anchor, post_id: str):
    """The widest element around ``anchor`` holding no other post's anchor or id, if the element
    around that one holds another post's (else None: no other post bounds it)."""
    found = anchor.getparent()
    if found is None or _holds_another(found, post_id):
        return None
    while found.getparent() is not None and not _holds_another(found.getparent(), post_id):
        found = found.getparent()
    return found if found.getparent() is not None else None


def _holds_another(element, post_id: str) -> bool:
    """Does ``element`` hold another post's ``a#entryN`` anchor or ``post_id_N`` id?"""
    for node in element.iter():
        if node.tag.__class__ is not str:
            continue
        match = ENTRY_ID.match(node.get("id") or "") or POST_BLOCK_ID.match(node.get("id") or "")
        if match and match.group(1) != post_id:
            return True
    return False


class PostParts:
    """The elements of one post the parser reads, from a single walk of its block.

    skin_topic ``post()``: ``h3`` (``.guest`` for a guest) holds ``span.post_id`` (the
    ``a[rel=bookmark]`` permalink, "#2") and ``span.author.vcard`` (the member's hovercard link);
    ``div.post_body`` holds ``p.posted_info`` ("Posted <abbr class="published" title=ISO>...</abbr>"),
    ``div.post.entry-content`` (the words, with ``p.edit`` at their end), the reputation bar and
    ``div.signature``.
    """

    def __init__(self, block, post_id: str) -> None:
        self.block, self.post_id = block, post_id
        self.shared = False
        self.head = self.author_box = self.bookmark = self.posted = self.published = None
        self.body = self.edit = self.reputation = None
        self.signatures = []
        # skin_topic softDeletedPostBit: div.post_body#postsDelete_N holds the moderators' note
        # ("Deleted by X ...") as its entry-content, the post itself (if at all) is hidden after it.
        self.deleted = False
        deleted_id = f"postsDelete_{post_id}"
        for node in block.iter("h3", "span", "a", "p", "abbr", "div"):
            tag, classes = node.tag, node.get("class") or ""
            if tag == "h3":
                if self.head is None:
                    self.head = node
            elif tag == "span":
                if self.author_box is None and has_class(classes, "author") and has_class(classes, "vcard"):
                    self.author_box = node
                elif self.reputation is None and has_class(classes, "rep_show"):
                    self.reputation = node
            elif tag == "a":
                if self.bookmark is None and (node.get("rel") or "").lower() == "bookmark":
                    self.bookmark = node
            elif tag == "p":
                if self.posted is None and has_class(classes, "posted_info"):
                    self.posted = node
                elif self.edit is None and has_class(classes, "edit"):
                    self.edit = node
            elif tag == "abbr":
                if self.published is None and has_class(classes, "published"):
                    self.published = node
            elif tag == "div":
                if node.get("id") == deleted_id:
                    self.deleted = True
                if has_class(classes, "signature"):
                    self.signatures.append(node)
                elif self.body is None and has_class(classes, "entry-content"):
                    self.body = node

    def date_text(self) -> str:
        """The post time as the board prints it: the ``abbr``'s words, else the posted line's."""
        if self.published is not None:
            return _words(self.published.itertext())
        return _words(self.posted.itertext()) if self.posted is not None else ""
