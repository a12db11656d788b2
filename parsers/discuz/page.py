"""What a Discuz! thread page says around its posts: post blocks, the board's zone, the thread and its pages."""

from __future__ import annotations

import re
from datetime import tzinfo

from ..html_text import element_text
from ..markup import class_test, has_class
from ..markup import xpath as _X
from ..models import Post, Thread
from ..urls import urljoin
from ..values import first as _first
from ..values import to_int as _int
from ..values import words as _words
from .common import (FOOTER_ZONE, PAGE_IN_QUERY, POST_BLOCK_ID, REWRITTEN_THREAD, THREAD_IN_URL, TOUCH_BLOCK_ID,
                     UTC, zone_of)

_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_TID_SCRIPT = _X("//script[contains(., 'tid = parseInt(')]/text()")
_TID_IN_SCRIPT = re.compile(r"\btid\s*=\s*parseInt\('(\d+)'\)")
_SUBJECT = _X("//*[@id='thread_subject']")
_TOUCH_TITLE = _X(f"//div[{class_test('view_tit')}]/text()")
_CRUMBS = _X(f"//div[@id='pt']//div[{class_test('z')}]//a")
_TOUCH_FORUM = _X(f"//div[{class_test('header')}]/h2//a")
_PAGERS = _X(f"//div[{class_test('pg')}]")
# The footer's zone line: div#ft (X2 to X3.5), else its p.xs0; never a post's words.
_FOOTER_TEXT = _X("//div[@id='ft']//text()[contains(., 'GMT')]"
                  " | //p[contains(@class, 'xs0')][not(ancestor::*[starts-with(@id, 'postmessage_')])]"
                  "/text()[contains(., 'GMT')]")
_REPLIES = _X("//td[contains(@class, 'pls')]/div[contains(@class, 'hm')]/span[contains(@class, 'xi1')]")
_PAGE_COUNT = re.compile(r"(\d+)")
# Post numbers Discuz!'s default Chinese language pack prints by name ($postno): the first four floors.
_FLOOR_NAMES = {"楼主": 1, "沙发": 2, "板凳": 3, "地板": 4}


class PageParts:
    """The page-level parts the parser reads."""

    def __init__(self, root, url: str) -> None:
        self.root, self.url = root, url
        self.posts = self.post_blocks(root)
        canonical = _first(_CANONICAL(root))
        self.canonical = urljoin(url, canonical) if canonical else None
        self.page, self.page_count, self.next_page_url = self._pages()
        self.thread_id = self._thread_id()

    @staticmethod
    def post_blocks(root) -> list:
        """The post blocks in document order: desktop ``div#post_N`` holding ``table#pidN``, touch ``div.plc#pidN``."""
        blocks = []
        for node in root.iter("div"):
            node_id = node.get("id") or ""
            match = POST_BLOCK_ID.match(node_id)
            if match:
                if any(table.get("id") == f"pid{match.group(1)}" for table in node.iter("table")):
                    blocks.append(node)
            elif TOUCH_BLOCK_ID.match(node_id) and has_class(node.get("class") or "", "plc"):
                blocks.append(node)
        return blocks

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
        for pager in _PAGERS(self.root)[:1]:
            for node in pager.iter("a", "strong", "span", "label"):
                text = _words(node.itertext())
                if node.tag == "strong":
                    number = _int(text)
                elif node.tag == "a" and has_class(node.get("class") or "", "nxt") and node.get("href"):
                    next_url = urljoin(self.url, node.get("href")).split("#", 1)[0]
                elif node.tag == "span" and node.get("title"):
                    found = _PAGE_COUNT.findall(node.get("title"))  # "共 3 页"
                    count = max([count or 0] + [int(n) for n in found[:1]])
                elif node.tag == "a":
                    value = _int(text.strip(". "))  # "... 12" on the last-page link
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
        if title is None:
            title = _words(_TOUCH_TITLE(self.root)) or None
        forum = [name for name in (_words([element_text(a)]) for a in _crumbs(self.root)) if name]
        return Thread(id=self.thread_id, title=title, url=self.thread_url(), forum=forum, page=self.page,
                      page_count=self.page_count, reply_count=self._replies())

    def thread_url(self) -> str | None:
        """The thread's first page, in the address style the page was fetched with."""
        match = REWRITTEN_THREAD.search(self.url)
        if match:
            return self.url[:match.start()] + f"/thread-{match.group(1)}-1-1.html"
        if self.thread_id is None:
            return None
        return urljoin(self.url, f"forum.php?mod=viewthread&tid={self.thread_id}")

    def _replies(self) -> int | None:
        """The reply count page 1 of the desktop template shows beside the title ("查看: 120 | 回复: 4")."""
        counts = _REPLIES(self.root)
        return _int(_words(counts[1].itertext())) if self.page == 1 and len(counts) == 2 else None

    def permalink(self, post_id: str) -> str:
        if self.thread_id is None:
            return urljoin(self.url, f"forum.php?mod=redirect&goto=findpost&pid={post_id}")
        return urljoin(self.url, f"forum.php?mod=redirect&goto=findpost&ptid={self.thread_id}&pid={post_id}")

    @staticmethod
    def floor_number(text: str) -> int | None:
        """The post's number from its floor label: "5#", "<em>5</em>#", or a default name ("沙发")."""
        text = text.strip()
        match = re.match(r"^#?\s*(\d+)\s*#?", text)
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


def _crumbs(root) -> list:
    """Breadcrumb links less the thread's own (desktop ``div#pt``), or the touch header's forum link."""
    links = [a for a in _CRUMBS(root)
             if "viewthread" not in (a.get("href") or "") and "/thread-" not in "/" + (a.get("href") or "")]
    return links or _TOUCH_FORUM(root)
