"""phpBB quotes (``blockquote > div > cite``; ``blockquote.uncited``), nested, with who, when and which post they quote."""

from __future__ import annotations

import re

from ..budget import check_budget
from ..clock import ForumClock
from ..dates import parse_iso
from ..html_text import element_text
from ..markup import top_level_blockquotes
from ..models import Quote
from ..quote_depth import read_deeper
from .common import TOPIC_ID, member_id, words_of


_POST_LINK_ID = re.compile(r"(?:[?&;]p=|#p)(\d+)")
# "X wrote:" in phpBB's language packs (the name is a link in 3.2+, so this is the 3.0 fallback).
# The packs of scripts without spaces may print the verb straight after the name ("X寫道："), and a
# full-width colon; a pack's verb missing here left the quote without its author (Chinese "写入" and
# "寫道", Thai "เขียน", Slovak "píše", Russian "пишет", ...).
_WROTE = re.compile(
    r"^(?P<who>.+?)(?:\s+(?:wrote|hat geschrieben|schrieb|a écrit|escribió|escrito|dijo|ha scritto|schreef|escreveu"
    r"|napisał|писал|пишет|skrev|kirjoitti|napsal|napísal|píše|je napisal|je napisao|írta|yazdı|έγραψε|пише|כתב"
    r"|كتب|نوشته(?: است)?|menulis|đã viết|a scris)"
    r"|\s*(?:写入|写道|寫道|さんが書きました|が書きました|님이 씀|씀|เขียน))"
    r"(?:\s*\([aа]\)|/l?a)?\s*[:\uff1a]?\s*$", re.S | re.I)  # "napisał(a)", "napsal(a)", "napisał/a": both genders
_QUOTE_SKIP = frozenset({"blockquote", "cite"})


def read_quote(blockquote, clock: ForumClock, page_url: str, depth: int = 1) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`).

    ``<blockquote [cite="...p=N"]><div><cite>[<a href=profile>]X[</a>] wrote: [<a data-post-id=N>↑</a>]
    [<span class="responsive-hide">date</span>]</cite>words</div></blockquote>``
    """
    check_budget()
    inner = cite = None
    for child in blockquote:  # its first div and its first cite, in one look at its children
        tag = child.tag
        if tag == "div" and inner is None:
            inner = child
        elif tag == "cite" and cite is None:
            cite = child
    if cite is None and inner is not None:
        cite = next((child for child in inner if child.tag == "cite"), None)
    body = inner if inner is not None else blockquote
    author = author_id = post_id = published = citation = None
    post_href = blockquote.get("cite")
    if cite is not None:
        skipped = set()
        for node in cite.iter("a", "span", "div", "time"):
            tag = node.tag
            if tag == "a":
                href = node.get("href") or ""
                member = member_id(href)  # asked once a link
                if not member and (node.get("data-post-id") or _POST_LINK_ID.search(href)):
                    post_id = node.get("data-post-id") or post_id
                    post_href = href or post_href
                    skipped.add(node)
                    continue
                if member and author is None:
                    author, author_id = words_of(node) or None, member
                    continue
            if tag == "time" or "responsive-hide" in (node.get("class") or ""):
                published = parse_iso(node.get("datetime")) or clock.read(words_of(node))
                skipped.add(node)
        citation = _text_without(cite, skipped) or None
        if author is None and citation:
            match = _WROTE.match(citation)
            author = match.group("who") if match else None
    thread_id = None
    if post_href:
        match = _POST_LINK_ID.search(post_href)
        post_id = post_id or (match.group(1) if match else None)
        match = TOPIC_ID.search(post_href)  # a quote from another topic: "viewtopic.php?t=N&p=M#pM"
        thread_id = match.group(1) if match else None
    author_id = blockquote.get("data-user-id") or author_id
    return Quote(
        author=author,
        author_id=author_id,
        post_id=post_id,
        thread_id=thread_id,
        published_at=published,
        citation=citation,
        text=element_text(body, skip=_QUOTE_SKIP),
        quotes=[read_quote(bq, clock, page_url, depth + 1) for bq in top_level_blockquotes(body)]
        if read_deeper(depth) else [],
    )


def _text_without(element, skipped: set) -> str:
    """The words of a small element, leaving out the ``skipped`` descendants (tails kept)."""
    parts = [element.text or ""]
    stack = [(iter(element), None)]  # its own stack: no recursion limit, however deep the citation
    while stack:
        for child in stack[-1][0]:
            if child not in skipped:
                parts.append(child.text or "")
                if len(child):  # a child without children of its own is read in place
                    stack.append((iter(child), child))
                    break
            parts.append(child.tail or "")
        else:
            owner = stack.pop()[1]
            if owner is not None:
                parts.append(owner.tail or "")
    return " ".join("".join(parts).split())
