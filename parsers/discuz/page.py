"""What a Discuz! thread page says around its posts: post blocks, the board's zone, the thread and its pages."""

from __future__ import annotations

import re
from datetime import tzinfo
from functools import cached_property

from ..html_text import element_text
from ..markup import class_test, has_class
from ..markup import xpath as _X
from ..models import Post, Thread
from ..pagination import PageAddress
from ..urls import urljoin
from ..values import first as _first
from ..values import to_int as _int
from ..values import words as _words
from .common import (FOOTER_ZONE, PAGE_IN_QUERY, POST_BLOCK_ID, REWRITTEN_THREAD, THREAD_IN_URL, TOUCH_BLOCK_ID,
                     UTC, zone_of)

# How these are written, each giving what its "//x[...]" form gives, in the same order:
# - "/descendant::x[...]" rather than "//x[...]": without libxml2's step from every node of the page,
#   text nodes too, to its children (no predicate here counts positions);
# - "/descendant::x/@id[. = 'v']/.." (the x whose id is v) rather than "/descendant::x[@id='v']":
#   libxml2 reads one named attribute of each element, where a predicate comparing an attribute
#   costs it a node-set per element (twice as long);
# - a trailing "[1]" where only the first is read: libxml2 stops at it instead of walking on.
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_TID_SCRIPT = _X("/descendant::script[contains(., 'tid = parseInt(')]/text()")
_TID_IN_SCRIPT = re.compile(r"\btid\s*=\s*parseInt\('(\d+)'\)")
_SUBJECT = _X("/descendant::*/@id[. = 'thread_subject']/..")
_TOUCH_TITLE = _X(f"/descendant::div[{class_test('view_tit')}]/text()")
_CRUMBS = _X(f"/descendant::div/@id[. = 'pt']/../descendant::div[{class_test('z')}]/descendant::a")
_TOUCH_FORUM = _X(f"/descendant::div[{class_test('header')}]/h2//a")
_FIRST_PAGER = _X(f"/descendant::div[{class_test('pg')}][1]")
# Discuz! 6 and 7 (templates/default/viewthread.htm): the title div#threadtitle > h1 (a thread
# type's link may stand before it), the breadcrumb div#nav ("Board &raquo; Forum &raquo; Title", the
# title as bare text), the pages div.pages of their multi() (strong, a.next).
_LEGACY_TITLE = _X("/descendant::div/@id[. = 'threadtitle']/../h1"
                   f" | /descendant::div[{class_test('mainbox')}]/h1")  # 6: the first div.mainbox's h1
_LEGACY_CRUMBS = _X("/descendant::div/@id[. = 'nav']/../a")
_LEGACY_NESTED_CRUMBS = _X("/descendant::div/@id[. = 'nav']/../descendant::a")  # 6: div#nav > div > p > a
_LEGACY_PAGER = _X(f"/descendant::div[{class_test('pages')}][1]")
# Discuz! 6/7's scripts as those versions link them (relative, the bare script name).
_LEGACY_SCRIPTS = ("space.php?", "viewthread.php?", "redirect.php?")
# The footer's zone line: div#ft (X2 to X3.5), else its p.xs0, else 6/7's div#footlink; never a
# post's words.
_FOOTER_TEXT = _X("/descendant::div/@id[. = 'ft']/../descendant::text()[contains(., 'GMT')]"
                  " | /descendant::div/@id[. = 'footlink']/../descendant::text()[contains(., 'GMT')]"
                  " | /descendant::p/@class[contains(., 'xs0')]"
                  "/parent::p[not(ancestor::*[starts-with(@id, 'postmessage_')])]/text()[contains(., 'GMT')]")
_REPLIES = _X("/descendant::td[contains(@class, 'pls')]/div[contains(@class, 'hm')]/span[contains(@class, 'xi1')]")
# The divs whose id starts like a post block's (post_N, pidN), and the tables whose id is a post's
# (pidN: Discuz! 6 prints each post as div.mainbox.viewthread > table#pidN, no div#post_N around it),
# in page order.
_POST_ID_HOLDERS = _X("/descendant::div/@id[starts-with(., 'post_') or starts-with(., 'pid')]/.."
                      " | /descendant::table/@id[starts-with(., 'pid')]/..")
_PAGE_COUNT = re.compile(r"(\d+)")
_VIEWTHREAD = re.compile(r"(?:mod=viewthread|viewthread\.php)")
_NOT_A_PAGE = re.compile(r"[?&](?:authorid|pid|ordertype|action)=")
_FLOOR_NUMBER = re.compile(r"^#?\s*(\d+)\s*#?")  # "5#", "#5"
# Post numbers Discuz!'s default Chinese language pack prints by name ($postno): the first four floors.
_FLOOR_NAMES = {"楼主": 1, "沙发": 2, "板凳": 3, "地板": 4}


class PageParts:
    """The page-level parts the parser reads."""

    def __init__(self, root, url: str, captured_at=None) -> None:
        self.root, self.url = root, url
        self.captured_at = captured_at  # what a relative time ("49 秒前") is read against
        self.posts = self.post_blocks(root)
        # Discuz! 6/7 (a post's author cell td.postauthor, X's is td.pls): their own addresses
        # (viewthread.php, redirect.php) and page parts. Any post's cell says it: a page whose first
        # post a theme prints with other classes lost its pager (and its next page) when only the
        # first post was asked. A theme that renames that class too still links the scripts of 6/7
        # by their bare names (X's are home.php?mod=space and forum.php?mod=viewthread): without
        # them, such a page lost its next page with no word.
        self.legacy = any(has_class(cell.get("class") or "", "postauthor") for post in self.posts
                          for cell in post.iter("td")) or bool(self.posts and _links_legacy_script(root))
        canonical = _first(_CANONICAL(root))
        self.canonical = urljoin(url, canonical) if canonical else None
        self.page, self.page_count, self.next_page_url = self._pages()
        self.thread_id = self._thread_id()

    @staticmethod
    def post_blocks(root) -> list:
        """The post blocks in document order: desktop ``div#post_N`` holding ``table#pidN``, touch ``div.plc#pidN``."""
        return list(iter_post_blocks(root))

    @staticmethod
    def post_id(node) -> str:
        node_id = node.get("id") or ""
        match = POST_BLOCK_ID.match(node_id) or TOUCH_BLOCK_ID.match(node_id)
        return match.group(1)

    def zone(self, errors: list[str]) -> tzinfo:
        """The zone printed times are in: the footer's "GMT+8"; UTC (said in ``errors``) without one."""
        for text in _FOOTER_TEXT(self.root):
            match = FOOTER_ZONE.search(text)
            if match:
                zone = zone_of(match.group(1))
                if zone is not None:
                    return zone
        errors.append("times read as UTC: the page states no time zone (Discuz!'s desktop footer prints 'GMT+N')")
        return UTC

    def _thread_id(self) -> str | None:
        for script in _TID_SCRIPT(self.root):
            match = _TID_IN_SCRIPT.search(script)
            if match:
                return match.group(1)
        for candidate in (self.url, self.canonical or ""):
            match = THREAD_IN_URL.search(candidate)
            if match:
                return match.group(1)
        return None

    def _pages(self) -> tuple[int, int, str | None]:
        """(this page, page count, next page's address) from the first ``div.pg`` of ``multi()``."""
        number = count = None
        next_url = None
        for pager in _FIRST_PAGER(self.root) or (_LEGACY_PAGER(self.root) if self.legacy else []):
            for node in pager.iter("a", "strong", "span", "label"):
                if node.tag == "strong":
                    number = _int(_words(node.itertext()))
                elif node.tag == "a" and _is_next(node.get("class") or "") and node.get("href"):
                    next_url = urljoin(self.url, node.get("href")).split("#", 1)[0]
                elif node.tag == "span" and node.get("title"):
                    found = _PAGE_COUNT.findall(node.get("title"))  # "共 3 页"
                    count = max([count or 0] + [int(n) for n in found[:1]])
                elif node.tag == "a":
                    value = _int(_words(node.itertext()).strip(". "))  # "... 12" on the last-page link
                    if value is not None:
                        count = max(count or 0, value)
            if number:
                count = max(count or 0, number)
        if number is None:
            number = self._page_in_url()
        return number, max(count or 1, number), next_url

    def _page_in_url(self) -> int:
        match = REWRITTEN_THREAD.search(self.url)
        if match:
            return int(match.group(2)) or 1
        match = PAGE_IN_QUERY.search(self.url)
        return int(match.group(1)) if match and int(match.group(1)) > 0 else 1

    def thread(self) -> Thread:
        title = None
        subject = _first(_SUBJECT(self.root))
        if subject is not None:
            title = _words([element_text(subject)]) or None
        if title is None and self.legacy:
            title = _words([element_text(h) for h in _LEGACY_TITLE(self.root)[:1]]) or None
        if title is None:
            title = _words(_TOUCH_TITLE(self.root)) or None
        forum = [name for name in (_words([element_text(a)]) for a in _crumbs(self.root, self.legacy)) if name]
        return Thread(id=self.thread_id, title=title, url=self.thread_url(), forum=forum, page=self.page,
                      page_count=self.page_count, reply_count=self._replies())

    def thread_url(self) -> str | None:
        """The thread's first page, in the address style the page was fetched with."""
        match = REWRITTEN_THREAD.search(self.url)
        if match:
            return self.url[:match.start()] + f"/thread-{match.group(1)}-1-1.html"
        if self.thread_id is None:
            return None
        if self.legacy:
            return urljoin(self.url, f"viewthread.php?tid={self.thread_id}")
        return self._board_script(f"mod=viewthread&tid={self.thread_id}")

    def _replies(self) -> int | None:
        """The reply count page 1 of the desktop template shows beside the title ("查看: 120 | 回复: 4")."""
        if self.page != 1:
            return None
        counts = _REPLIES(self.root)
        return _int(_words(counts[1].itertext())) if len(counts) == 2 else None

    def permalink(self, post_id: str) -> str:
        if self.legacy:  # Discuz! 6/7's redirect.php, as their "copy the post's link" button gives
            thread = f"&ptid={self.thread_id}" if self.thread_id else ""
            return urljoin(self.url, f"redirect.php?goto=findpost{thread}&pid={post_id}")
        if self.thread_id is None:
            return self._board_script(f"mod=redirect&goto=findpost&pid={post_id}")
        return self._board_script(f"mod=redirect&goto=findpost&ptid={self.thread_id}&pid={post_id}")

    def _board_script(self, query: str) -> str:
        """``urljoin(url, "forum.php?" + query)``, the join done once a page: a join never changes
        the query (a plain ``a=1&b=2`` one), so it is the joined ``forum.php`` with the query added."""
        return self._forum_php + "?" + query

    @cached_property
    def _forum_php(self) -> str:
        return urljoin(self.url, "forum.php")

    @staticmethod
    def floor_number(text: str) -> int | None:
        """The post's number from its floor label: "5#", "<em>5</em>#", or a default name ("沙发")."""
        text = text.strip()
        match = _FLOOR_NUMBER.match(text)
        if match:
            return int(match.group(1))
        return _FLOOR_NAMES.get(text)

    def settle_positions(self, posts: list[Post], errors: list[str]) -> None:
        """Posts whose number the page did not print get their neighbour's, counted on; a page that
        prints none is counted from 1 (and, past page 1, says so)."""
        known = [(i, p.position) for i, p in enumerate(posts) if p.position]
        if not known:
            if self.page > 1 and posts:
                errors.append(f"page {self.page}: no post numbers printed; positions counted from 1 on this page")
            for i, post in enumerate(posts, start=1):
                post.position = i
            return
        for i, post in enumerate(posts):
            if not post.position:
                j, number = min(known, key=lambda pair: abs(pair[0] - i))
                post.position = max(1, number + i - j)


def _links_legacy_script(root) -> bool:
    """Does the page link one of Discuz! 6/7's scripts (:data:`_LEGACY_SCRIPTS`) outside any post's
    words (a member may paste another board's address)?

    Why a walk over the links in Python: the XPath
    ``/descendant::a[starts-with(@href, ...)][not(ancestor::*[starts-with(@id, 'postmessage_')])][1]``
    walked every node of the page, at several times the cost, on every Discuz! X page."""
    for link in root.getroottree().iter("a"):
        href = link.get("href")
        if href is not None and href.startswith(_LEGACY_SCRIPTS) and not any(
                (ancestor.get("id") or "").startswith("postmessage_") for ancestor in link.iterancestors()):
            return True
    return False


def iter_post_blocks(root):
    """:meth:`PageParts.post_blocks` one at a time: detection asks for the first only. The divs
    whose id starts like a block's come from one XPath walk (a Python walk over every div took twice
    as long); each is then tested as before."""
    for node in _POST_ID_HOLDERS(root):
        node_id = node.get("id")
        if node_id.startswith("post_"):
            match = POST_BLOCK_ID.match(node_id)
            if match and _holds_id(node, "table", f"pid{match.group(1)}"):
                yield node
        elif node_id.startswith("pid") and TOUCH_BLOCK_ID.match(node_id):
            if node.tag == "table":
                if _is_legacy_table(node):
                    yield node
            elif has_class(node.get("class") or "", "plc"):
                yield node


def _is_legacy_table(table) -> bool:
    """Discuz! 6's post block (``templates/default/viewthread.htm`` as 1984bbs.com served it in 2010):
    ``table#pidN`` with its author cell ``td.postauthor``, straight in a ``div.mainbox``. 7.2 and X
    wrap the same table in ``div#post_N``, the block read instead."""
    for ancestor in table.iterancestors("div"):
        if POST_BLOCK_ID.match(ancestor.get("id") or ""):
            return False
    return any(has_class(cell.get("class") or "", "postauthor") for cell in table.iter("td"))


def _holds_id(node, tag: str, wanted: str) -> bool:
    """Does ``node`` hold (or is it) a ``tag`` element whose id is ``wanted``?"""
    for inner in node.iter(tag):
        if inner.get("id") == wanted:
            return True
    return False


def _is_next(classes: str) -> bool:
    """The next-page link of ``multi()``: ``a.nxt`` in X, ``a.next`` in 6 and 7."""
    return has_class(classes, "nxt") or has_class(classes, "next")


def _crumbs(root, legacy: bool = False) -> list:
    """Breadcrumb links less the thread's own (desktop ``div#pt``; 6/7's ``div#nav``), or the touch
    header's forum link."""
    found = _CRUMBS(root) or ((_LEGACY_CRUMBS(root) or _LEGACY_NESTED_CRUMBS(root)) if legacy else [])
    links = [a for a in found
             if "viewthread" not in (a.get("href") or "") and "/thread-" not in "/" + (a.get("href") or "")]
    return links or _TOUCH_FORUM(root)


def thread_page_address(address: str) -> PageAddress | None:
    """The thread and page number a Discuz! page address names (``thread-42-3-1.html``,
    ``forum.php?mod=viewthread&tid=42&page=3``, Discuz! 7's ``viewthread.php?tid=42&page=3``; no
    page: 1); None for other links: a post's (``pid``), one author's posts only (``authorid``),
    the reversed order (``ordertype``), reply and other forms."""
    match = REWRITTEN_THREAD.search(address)
    if match:
        return PageAddress(match[1], int(match[2]))
    if not _VIEWTHREAD.search(address) or _NOT_A_PAGE.search(address):
        return None
    match = THREAD_IN_URL.search(address)
    if match is None:
        return None
    page = PAGE_IN_QUERY.search(address)
    return PageAddress(match[1], int(page[1]) if page else 1)
