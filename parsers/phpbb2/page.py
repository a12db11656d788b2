"""What one pass over a phpBB 2 page finds (:class:`PageParts`), and over each post's rows (:class:`PostParts`).

phpBB 2 has no element around a post: subSilver's ``postrow`` block is two table rows (the
author cell and the message, then the profile buttons) and a spacer row. A post is found by its
``<a name="N">`` anchor in ``span.name``; its rows are the ``tr`` around the anchor and the one after.
"""

from __future__ import annotations

import re
from datetime import tzinfo

from ..clock import UTC, offset_zone
from ..html_text import element_text
from ..markup import has_class, inside
from ..values import to_int as _int
from ..values import words as _words

_POST_ANCHOR = re.compile(r"^\d+$")
_TOPIC_ID = re.compile(r"[?&;]t=(\d+)")
_START = re.compile(r"[?&;]start=(\d+)")
_FORUM_LINK = re.compile(r"viewforum|[?&;]f=\d+")
# "All times are GMT + 1 Hour", "Alle Zeiten sind GMT + 5.5 Stunden", "Часовой пояс: GMT + 3".
_ZONE = re.compile(r"\b(?:GMT|UTC)(?:\s*(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})(?:(?P<sep>[.,:])(?P<part>\d{1,2}))?)?")


def _row_of(node):
    """The nearest ``tr`` around ``node``, or None."""
    return next(node.iterancestors("tr"), None)


class PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.anchors, self.numbered_links, self.nav_spans, self.small_spans = [], [], [], []
        self.title_link = None
        self._anchor_holders = None
        for node in root.iter("a", "span"):
            classes = node.get("class") or ""
            if node.tag == "a":
                name, href = node.get("name"), node.get("href")
                if name and not href and _POST_ANCHOR.match(name):
                    self.anchors.append(node)
                elif href:
                    if self.title_link is None and has_class(classes, "maintitle"):
                        self.title_link = node
                    elif "start=" in href and _int(_words(node.itertext())):
                        self.numbered_links.append(node)
            elif has_class(classes, "nav"):
                self.nav_spans.append(node)
            elif has_class(classes, "gensmall"):
                self.small_spans.append(node)
        self.page_title = _words(root.xpath("/html/head/title/text()")[:1])
        self.numbered = set(self.numbered_links)

    def posts(self, limit: int | None = None) -> list["PostParts"]:
        """One :class:`PostParts` per anchor (the first ``limit``), in page order. A row that holds
        another post's anchor too (a lost ``</tr>``) is shared: no author is read from it."""
        rows = [_row_of(anchor) for anchor in self.anchors]
        anchors_in: dict = {}
        for anchor in self.anchors:  # one walk up from each anchor: linear in the page, however many posts
            for ancestor in anchor.iterancestors("tr"):
                anchors_in[ancestor] = anchors_in.get(ancestor, 0) + 1
        parts = []
        for anchor, row in list(zip(self.anchors, rows))[:limit]:
            post = PostParts(anchor, row)
            post.shared = row is None or anchors_in.get(row, 0) > 1
            parts.append(post)
        return parts

    def _around_anchors(self) -> set:
        """Every element that holds a post anchor (computed once)."""
        if self._anchor_holders is None:
            self._anchor_holders = {ancestor for anchor in self.anchors for ancestor in anchor.iterancestors()}
        return self._anchor_holders

    def zone(self) -> tzinfo | None:
        """The zone the footer names ("All times are GMT + 1 Hour"), or None when no footer says."""
        post_rows = {row for row in map(_row_of, self.anchors) if row is not None}
        for span in reversed(self.small_spans):
            text = _words(span.itertext())
            match = _ZONE.search(text) if "GMT" in text or "UTC" in text else None
            if not match or any(row in post_rows for row in span.iterancestors("tr")):
                continue  # words of a post (an edit notice), not the footer
            if not match.group("hours"):
                return UTC
            # "5.5" and "5.75" are fractions of an hour, "5:30" minutes
            zone = offset_zone(match.group("sign"), match.group("hours"), match.group("part"),
                               in_minutes=match.group("sep") == ":")
            if zone is not None:  # "GMT + 30": no zone; the footer is not read
                return zone
        return None

    def breadcrumb(self) -> list[str]:
        """The names of the first ``span.nav`` trail that links a forum (index -> forum)."""
        for span in self.nav_spans:
            links = [a for a in span.iter("a") if a.get("href") and has_class(a.get("class") or "", "nav")]
            forum = [i for i, a in enumerate(links) if _FORUM_LINK.search(a.get("href"))]
            if forum:
                names = [_words(a.itertext()) for a in links[:forum[-1] + 1]]
                return [name for name in names if name]
        return []

    def page_numbers(self) -> tuple[int | None, int | None]:
        """(this page, page count): "Page <b>1</b> of <b>3</b>", else the page links."""
        for span in self.nav_spans:
            if span.find(".//a") is not None:
                continue
            numbers = [_int(_words(b.itertext())) for b in span.iter("b", "strong")]
            if len(numbers) == 2 and all(numbers):
                return numbers[0], numbers[1]
        current, numbers = None, []
        for holder in self.pagination_holders():
            current = current or _current_in(holder)
            numbers += [_int(_words(a.itertext())) for a in holder if a in self.numbered]
        return current, max([current or 0, *(n for n in numbers if n)]) or None

    def pagination_holders(self) -> list:
        """The elements holding numbered page links ("Goto page" lists), in page order."""
        holders: dict = {}
        for link in self.numbered_links:
            parent = link.getparent()
            if parent is not None and parent not in self._around_anchors():
                holders.setdefault(parent, None)
        return list(holders)

    def per_page(self) -> int | None:
        """Posts per page, from a numbered link's ``start=`` ("2" at start=15: 15)."""
        for link in self.numbered_links:
            number, start = _int(_words(link.itertext())), _START.search(link.get("href"))
            if number and number > 1 and start and int(start.group(1)):
                return int(start.group(1)) // (number - 1)
        return None


def _current_in(holder) -> int | None:
    """The current page of a "Goto page <b>1</b>, <a>2</a>" list: its bold number."""
    for node in holder.iter("b", "strong"):
        number = _int(_words(node.itertext()))
        if number and node.find(".//a") is None:
            return number
    return None


class PostParts:
    """The elements of one post, from its anchor's row and the buttons row after it."""

    def __init__(self, anchor, row) -> None:
        self.anchor, self.row = anchor, row
        self.post_id = anchor.get("name")
        self.shared = False
        self.author_cell = next(anchor.iterancestors("td"), None)
        self.buttons = None
        self.body = self.details = self.edit = self.signature = self.mini_link = None
        if row is None:
            return
        following = row.getnext()
        while following is not None and following.tag != "tr":
            following = following.getnext()
        if following is not None and following.find(".//a[@name]") is None:
            self.buttons = following
        for node in row.iter("span", "a"):
            classes = node.get("class") or ""
            if node.tag == "a":
                href = (node.get("href") or "").strip()
                if self.mini_link is None and _is_permalink(href, self.post_id):
                    self.mini_link = href
            elif has_class(classes, "postbody") and self.body is None:
                self.body = node.getparent()
            elif has_class(classes, "postdetails") and self.details is None and not inside(node, self.author_cell):
                self.details = node
        if self.body is not None:
            for child in self.body:
                classes = (child.get("class") or "") if child.tag.__class__ is str else ""
                if child.tag == "span" and has_class(classes, "gensmall") and _words(child.itertext()):
                    self.edit = child
                elif child.tag == "span" and has_class(classes, "postbody") and element_text(child).startswith("___"):
                    self.signature = child  # "<br />_________________<br />" and the signature

    def date_text(self) -> str:
        """"Posted: Sun Mar 06, 2005 5:45 pm" less its label: the words before the "Post subject" part."""
        if self.details is None:
            return ""
        words = [self.details.text or ""]
        for child in self.details:
            if child.tag == "span":
                break
            words.append(child.tail or "")
        text = _words(words)
        return text.split(": ", 1)[1] if ": " in text else text

    def date_label(self) -> str:
        """The words before the date ("Posted", "Verfasst am", "Добавлено")."""
        text = _words([self.details.text or ""]) if self.details is not None else ""
        return text.split(": ", 1)[0] if ": " in text else ""

    def profile_link(self):
        """The member's profile link: in the author cell (themes that link the name) or the buttons row."""
        for holder in (self.author_cell, self.buttons):
            if holder is None:
                continue
            for anchor in holder.iter("a"):
                href = anchor.get("href") or ""
                if "mode=viewprofile" in href and re.search(r"[?&;]u=\d+", href):
                    return anchor
        return None


def _is_permalink(href: str, post_id: str) -> bool:
    """``viewtopic.php?p=N#N`` (or a rewritten address that names N before ``#N``)."""
    address, hash_, fragment = href.partition("#")
    return bool(hash_) and fragment == post_id and re.search(rf"(?<!\d){post_id}(?!\d)", address) is not None


def topic_id_in(href: str | None) -> str | None:
    match = _TOPIC_ID.search(href or "")
    return match.group(1) if match else None


def start_in(url: str) -> int | None:
    match = _START.search(url or "")
    return int(match.group(1)) if match else None
