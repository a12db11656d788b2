"""Where each Forumotion version puts a post's parts: one finder per version, one walk per post.

Why per version: a Forumotion board picks one of six "versions" (phpBB2, phpBB3, PunBB, Invision,
ModernBB, AwesomeBB), each with its own ``viewtopic_body`` template, and the same post is a table
row in one and a ``div`` with a profile column in another. What every version keeps (the template
variables are Forumotion's, not the version's): the post block's ``post--N`` class (the "show hidden
message" script toggles it), ``id="pN"`` (AwesomeBB: ``id="post-N"``), the message inside a
class-less ``<div>`` of its own (AwesomeBB: bare in ``div.post-content``, see
:mod:`parsers.forumotion.awesomebb`), the ``signature_div`` beside it and ``dl.attachbox`` after it. The templates read here are the default
``viewtopic_body`` of each version as Forumotion ships it (and as template backups on GitHub quote
them); a board may edit its templates, and a post block none of these finders fits is reported,
never guessed at.
"""

from __future__ import annotations

import re

from ..markup import inside, within_class
from ..urls import replayed_original
from ..values import words as _words
from .awesomebb import split_content

POST_ID = re.compile(r"^p(\d+)$")
POST_CLASS = re.compile(r"(?:^|\s)post--(\d+)(?:\s|$)")

PHPBB2, PHPBB3, INVISION, MODERNBB, PUNBB = "phpBB2", "phpBB3", "Invision", "ModernBB", "PunBB"
AWESOMEBB = "AwesomeBB"
READ = (PHPBB2, PHPBB3, INVISION, MODERNBB, PUNBB, AWESOMEBB)


def classes_of(node) -> list[str]:
    return (node.get("class") or "").split()


def post_blocks(root) -> list:
    """Every post block of the page in document order: an element with ``post--N`` among its
    classes that is not the second row phpBB2 gives each post (its buttons)."""
    blocks = []
    for node in root.iter("div", "tr", "section", "article"):
        classes = node.get("class")
        if classes and "post--" in classes and POST_CLASS.search(classes):
            if node.tag == "tr" and "post" not in classes.split():
                continue  # phpBB2's second row of a post: profile and PM buttons only
            blocks.append(node)
    return blocks


def version_of(block) -> str | None:
    """The Forumotion version whose template printed this post block, or None for one no default
    template prints (a board's own template)."""
    tag, classes = block.tag, classes_of(block)
    if tag == "tr" and "post" in classes and POST_ID.match(block.get("id") or ""):
        return PHPBB2
    if tag == "div" and "post-wrap" in classes:
        # AwesomeBB: div.post-wrap.post--N#post-N; the message in div.post-content, the name in
        # span.post-author-name (div.post-content alone is a common class name: both are asked for).
        names = {f"{node.tag}.{name}" for node in block.iter("div", "span") for name in classes_of(node)}
        return AWESOMEBB if "div.post-content" in names and "span.post-author-name" in names else None
    if tag != "div" or "post" not in classes:
        return None
    names = set()
    for node in block.iter("div", "p", "dl", "h4"):
        names.update(f"{node.tag}.{name}" for name in classes_of(node))
    if "div.postmain" in names and "div.posthead" in names and "div.entry-content" in names:
        return PUNBB
    if not POST_ID.match(block.get("id") or ""):
        return None
    if "div.post-entry" in names and "div.postbody-head" in names:
        return INVISION
    if "div.post-head" in names and "div.postprofile" in names and "div.postbody" in names:
        return MODERNBB
    if "p.author" in names and "div.content" in names:
        return PHPBB3
    return None


def message_div(container):
    """The ``<div>`` that holds the message: the first class-less ``div`` child of its container
    (the templates print ``<div>{postrow.displayed.MESSAGE}</div>``; a vote box may come first)."""
    if container is None:
        return None
    return next((child for child in container if child.tag == "div" and not child.get("class")), None)


class PostParts:
    """The elements of one post block the parser reads, found the way its version's template
    places them (see the module docstring)."""

    def __init__(self, block, version: str) -> None:
        self.block, self.version = block, version
        match = POST_ID.match(block.get("id") or "")
        self.post_id = match.group(1) if match else POST_CLASS.search(block.get("class") or "").group(1)
        self.name_node = self.author_line = self.date_node = self.content = self.message = None
        self.attachbox = None
        self.notices: list = []  # elements that hold the "last edited by" line, if the post has one
        self.notice_after = None  # or: the element whose tail and following siblings hold it
        self.edit_line = ""  # or: its words, where the template prints it bare among the message's (AwesomeBB)
        self.shared = False
        getattr(self, "_" + version.lower())()
        if self.content is not None and self.attachbox is None:
            self.attachbox = next((node for node in self.content.iter("dl") if "attachbox" in classes_of(node)), None)

    # --- one finder per version ---------------------------------------------------------------

    def _phpbb2(self) -> None:
        """``tr.post#pN``: ``span.name`` in the first cell; the subject and date in the second
        cell's ``span.postdetails`` (the date after the clock icon); ``div.postbody > div`` the
        message; ``span.gensmall`` after it the edit line. The profile column's own
        ``span.postdetails`` (rank, "Anmeldedatum: 02.02.24") is never the date: a theme that
        renamed its ``poster-profile`` still prints it in the cell of the post's ``<a name="N">``."""
        profile = self._phpbb2_profile_cell()
        for node in self.block.iter("span", "div"):
            classes = classes_of(node)
            if node.tag == "span":
                if self.name_node is None and "name" in classes:
                    self.name_node = node
                elif (self.date_node is None and "postdetails" in classes and "poster-profile" not in classes
                      and not inside(node, profile)):
                    self.date_node = node
                elif "gensmall" in classes and self.content is not None and not inside(node, self.content):
                    self.notices.append(node)
            elif self.content is None and "postbody" in classes:
                self.content = node
        self.message = message_div(self.content)

    def _phpbb2_profile_cell(self):
        """The cell of the post's anchor (``<a name="N">`` before the name): the profile column."""
        for anchor in self.block.iter("a"):
            if anchor.get("name") == self.post_id and not anchor.get("href"):
                return next(anchor.iterancestors("td"), None)
        return None

    def _phpbb3(self) -> None:
        """``div.post#pN``: ``p.author`` ("par <name> le <date>"); ``div.content > div`` the message;
        the edit line after ``div.content``; ``div.postprofile dt strong`` the name alone."""
        for node in self.block.iter("p", "div", "dt"):
            classes = classes_of(node)
            if node.tag == "p" and self.author_line is None and "author" in classes:
                self.author_line = node
            elif node.tag == "div" and self.content is None and "content" in classes:
                self.content = node
            elif node.tag == "dt" and self.name_node is None and within_class(node, "postprofile"):
                # The strong around {POSTER_NAME}: a member's holds the /uN profile link; a theme
                # may print another strong (a rank, a title) before it in the same dt.
                strongs = list(node.iter("strong"))
                self.name_node = next((s for s in strongs if _links_profile(s)), strongs[0] if strongs else None)
        self.message = message_div(self.content)
        self.notice_after = self.content

    def _invision(self) -> None:
        """``div.post#pN``: the name alone in the profile column's pop-up menu button; ``p.author``
        in ``div.postbody-head``; ``div.post-entry > div`` the message, the edit line after it."""
        for node in self.block.iter("p", "div"):
            classes = classes_of(node)
            if node.tag == "p" and self.author_line is None and "author" in classes:
                self.author_line = node
            elif node.tag == "div":
                if self.content is None and "post-entry" in classes:
                    self.content = node
                elif self.name_node is None and "popmenubutton" in classes and within_class(node, "postprofile"):
                    self.name_node = node
        self.message = message_div(self.content)
        self.notice_after = self.message

    def _modernbb(self) -> None:
        """``div.post#pN``: ``div.postprofile-name``; ``div.topic-date`` the date alone;
        ``div.postbody > div.content > div`` the message; ``div.edited-message`` the edit line."""
        for node in self.block.iter("div"):
            classes = classes_of(node)
            if self.name_node is None and "postprofile-name" in classes:
                self.name_node = node
            elif self.date_node is None and "topic-date" in classes:
                self.date_node = node
            elif self.content is None and "content" in classes and within_class(node, "postbody"):
                self.content = node
            elif "edited-message" in classes:
                self.notices.append(node)
        self.message = message_div(self.content)

    def _punbb(self) -> None:
        """``div.post.post--N`` (the ``id="pN"`` is on its ``div.posthead``): the subject and date in
        the head's ``h2``; ``h4.username``; ``div.entry-content > div > div`` the message, the edit
        line in the ``p`` after it; the signature in ``div.sig-content``."""
        for node in self.block.iter("div", "h2", "h4"):
            classes = classes_of(node)
            if node.tag == "h2" and self.date_node is None and within_class(node, "posthead"):
                self.date_node = node
            elif node.tag == "h4" and self.name_node is None and "username" in classes:
                self.name_node = node
            elif node.tag == "div" and self.content is None and "entry-content" in classes:
                self.content = node
        self.message = message_div(message_div(self.content))
        if self.message is not None:
            self.notice_after = self.message.getparent()

    def _awesomebb(self) -> None:
        """``div.post-wrap.post--N``: ``span.post-author-name`` in ``aside.post-aside``;
        ``span.post-date`` the date alone (in ``div.post-footer``, or in the header's ``h2`` in
        later revisions of the template); ``div.post-content`` the message, with the edit line,
        ``div.attachbox`` and ``div.post-signature`` after it (see :mod:`parsers.forumotion.awesomebb`)."""
        second_content = False
        for node in self.block.iter("span", "div"):
            classes = classes_of(node)
            if node.tag == "div" and "post-content" in classes:
                if self.content is None:
                    self.content = node
                elif not inside(node, self.content):
                    second_content = True
            elif self.name_node is None and "post-author-name" in classes:
                self.name_node = node
            elif self.date_node is None and "post-date" in classes and not inside(node, self.content):
                self.date_node = node
        if self.content is not None:
            self.message, self.edit_line, self.attachbox = split_content(self.content)
            # The template prints the name beside the message, both in the post's div.post-body: a
            # name in another div.post-body (or outside any, where the message has one) is the next
            # post's, whose body a lost closing tag ran into this block where this post's own name
            # markup is torn: no name is read from this block. So where the block holds a second
            # message (div.post-content, one a post): another post's, whose name the found one may
            # be, whatever classes a theme renamed around them (fuzz seed 172, rename_classes: with
            # div.post-body's class dropped, the bodies' test saw one body).
            if self.name_node is not None and (
                    second_content or _post_body(self.name_node) is not _post_body(self.content)):
                self.shared = True

    # --- what the parts say --------------------------------------------------------------------

    def notice_text(self) -> str:
        """The words of the edit line's place in the template ("" where the post has none)."""
        texts = [_visible(node) for node in self.notices]
        if self.edit_line:
            texts.append(self.edit_line)
        if self.notice_after is not None:
            texts.append(after_text(self.notice_after))
        return _words(texts)

    def name_text(self) -> str:
        return _words([_visible(self.name_node)]) if self.name_node is not None else ""

    def date_text(self) -> str:
        """The printed post time, as the template places it (words around it left in: the clock
        reads dates among words)."""
        if self.version == PHPBB2:
            node = self.date_node
            if node is None:
                return ""
            icons = [child for child in node if child.tag == "img"]
            # "Sujet: Re: Title  <img clock/>Sam 20 Fév 2021 - 8:02": the date follows the last icon.
            if len(icons) >= 2:
                return _words([icons[-1].tail or ""])
            # A theme that took an icon out: the date is still printed last, after the subject link
            # (or the clock icon). Never the span's whole text: the subject ("Treffen am
            # 01.06.2023") may hold a date of its own, which the clock would read as the post's.
            elements = [child for child in node if isinstance(child.tag, str) and child.tag != "br"]
            return _words([elements[-1].tail or ""]) if elements else _words(node.itertext())
        if self.version in (MODERNBB, AWESOMEBB):
            # The date as text among the template's icons (their words, "access_time", left out).
            node = self.date_node
            if node is None:
                return ""
            text = _words([node.text or ""] + [child.tail or "" for child in node])
            if not text and self.version == AWESOMEBB:
                # A theme that links the date ("<a href=#N>Today at 10:15</a>"): the words inside.
                text = _words(node.itertext())
            return text
        if self.version == PUNBB:
            # "<strong>#1</strong> <a href=...#N>Subject</a> Mon May 27, 2024 7:45 pm": after the subject link.
            node = self.date_node
            links = [child for child in node if child.tag == "a"] if node is not None else []
            return _words([links[-1].tail or ""]) if links else ""
        line = self.author_line
        if line is None:
            return ""
        # "<img/> par <name> le <date>": the date follows the name; a guest's name is bare text.
        elements = [child for child in line if child.tag.__class__ is str and child.tag != "img"]
        if elements:
            return _words([elements[-1].tail or ""])
        text = _words(line.itertext())
        name = self.name_text()
        return text.split(name, 1)[1] if name and name in text else ""


_NOT_NOTICE = frozenset({"attachbox", "signature_div", "vote", "profile-icons", "postprofile"})


def after_text(node) -> str:
    """The words after ``node`` among its siblings (its tail included), leaving out attachments,
    signatures and vote boxes: where a template prints ``{postrow.displayed.EDITED_MESSAGE}`` bare."""
    parts = [node.tail or ""]
    for sibling in node.itersiblings():
        if sibling.tag.__class__ is str and not (_NOT_NOTICE & set(classes_of(sibling))):
            parts.append(" ".join(sibling.itertext()))
        parts.append(sibling.tail or "")
    return _words(parts)


def _post_body(node):
    """The nearest element above ``node`` classed ``post-body`` (AwesomeBB's body of one post), or None."""
    return next((parent for parent in node.iterancestors() if "post-body" in classes_of(parent)), None)


def _visible(node) -> str:
    return " ".join("".join(t for t in node.itertext()).split())


# A member's profile address, "/u7" or "/u7-name" (its number the group): how Forumotion links a name.
PROFILE = re.compile(r"^(?:https?://[^/]+)?/u(\d+)(?:[-/?#]|$)")


def profile_number(href: str | None) -> str | None:
    """The member's number of a profile link (:data:`PROFILE`), in a web archive's copy too (the
    link rewritten to ``https://web.archive.org/web/<time>/https://board/u7``); None for another link."""
    match = PROFILE.match(replayed_original((href or "").strip()))
    return match.group(1) if match else None


def _links_profile(node) -> bool:
    """Does ``node`` hold a link to a member's profile (:data:`PROFILE`)?"""
    return any(profile_number(a.get("href")) for a in node.iter("a"))
