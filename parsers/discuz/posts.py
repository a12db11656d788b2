"""One Discuz! post block (desktop ``div#post_N`` or touch ``div.plc#pidN``) read into a :class:`Post`."""

from __future__ import annotations

import re

from lxml import etree

from ..budget import check_budget
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import has_class, inside, top_level, within_class
from ..models import Author, Link, Post, Quote
from ..post_blocks import shared_error
from ..quote_depth import read_deeper
from ..urls import urljoin
from ..values import to_int as _int
from ..values import words as _words

from .common import QUOTED_POST, QUOTED_THREAD, names_day_only, read_relative_time, read_time, space_link
from .page import PageParts

# The edit notice's editor. A language pack writes the notice into the post's words when it is
# edited ('post_edit' of source/language/forum/lang_misc.php), so a board keeps the words of the
# pack it ran then: the default Chinese packs, English ("This post was last edited by X at/on"),
# Arabic, Thai, Vietnamese and Russian (the packs of ar-discuz, DiscuzX-Thai, Discuz_X3.5_VN and
# Discuz-X3.1_one-st.ru, whose 'post_edit' says "сообщение изменено X в ..." and 'post_edithtml'
# "Отредактировано: X, ...").
_EDITOR = (re.compile(r"本帖最后由\s*(.+?)\s*于\s*\d{4}"), re.compile(r"本帖最後由\s*(.+?)\s*於\s*\d{4}"),
           re.compile(r"last edited by\s+(.+?)\s+(?:on|at)\s+\d{4}", re.I),
           re.compile(r"تم تعديله بواسطة\s+(.+?)\s+في\s+\d{4}"),
           re.compile(r"แก้ไขล่าสุดโดย\s*(.+?)\s*เมื่อ\s*\d{4}"),
           re.compile(r"Bài được\s+(.+?)\s+sửa lúc\s+\d{4}"),
           re.compile(r"сообщение изменено\s+(.+?)\s+в\s+\d{4}", re.I),
           re.compile(r"Отредактировано:\s*(.+?),\s*\d{4}"))
# A quote's first line, also written by the pack ('post_reply_quote'): "X 发表于 2024-3-5 14:20"
# (zh-cn), "X 發表於 ..." (zh-tw), "X posted on ..." (older English), "Posted by X at ..." (English of
# X3.x), "X رد في ..." (ar), "X ตอบเมื่อ ..." (th), "X gửi lúc ..." (vi), "добавил X в ..." (ru).
_QUOTED_AUTHOR = (re.compile(r"^posted by\s+(.+?)\s+(?:at|on)\s+\d", re.I),
                  re.compile(r"^добавил\s+(.+?)\s+в\s+\d", re.I),
                  re.compile(r"^(.+?)\s+(?:发表于|發表於|posted on|posted at|رد في|ตอบเมื่อ|gửi lúc)\s",
                             re.I))
_ANONYMOUS_IP = re.compile(r"\s*\d{1,3}(?:\.(?:\d{1,3}|\*)){3}(?::\d+)?\s*$")
# Discuz! 6 wrote a quote's first line into the post's own words in another form: "原帖由 [i]X[/i]
# 于 2010-8-7 14:28 发表 [url=redirect.php?goto=findpost&pid=N&ptid=T][img]images/common/back.gif[/img]
# [/url]" (as 1984bbs.com served it, 2010), which old posts keep after a board moves on: the
# blockquote opens with those words, the name in <i>, then the findpost link.
_LEGACY_QUOTE_LEAD = re.compile(r"原帖由\s*$")


def read_post(node, post_id: str, page: PageParts, zone, shared: bool, errors: list[str]) -> Post:
    parts = _TouchParts(node, post_id) if _is_touch_block(node) else _DesktopParts(node, post_id)
    if shared or parts.author_is_uncertain:
        errors.append(shared_error(post_id))
        author = Author(name=None)
    else:
        author = parts.author(page.url)
        if not author.name:
            errors.append(f"post {post_id}: no author name found")
        elif not any(character.isalnum() for character in author.name):
            # "???": what a page decoded with the wrong charset shows of a name; kept, but said
            errors.append(f"post {post_id}: the author's name {author.name!r} has no letter or digit (wrong charset?)")
    published = read_time(parts.date_text(), zone)
    if published is None:
        printed = parts.date_text()
        published = read_relative_time(printed, page.captured_at, zone)
        if published is not None and names_day_only(printed):
            errors.append(f"post {post_id}: only its day is printed ({_words([printed])!r}); its time is that day's midnight")
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body
    if body is None:
        # A post a moderator blocked, or whose author is banned, prints the board's notice in place
        # of its message (viewthread_node_body: ``div.pcb > div.locked``, "提示: 该帖被管理员或版主屏蔽").
        notice = next((_words(box.itertext())[:200] for box in node.iter("div")
                       if has_class(box.get("class") or "", "locked")), None)
        errors.append(f"post {post_id}: the board's notice {notice!r} is shown in place of its message"
                      " (words it hides are not on the page); its text is empty" if notice else
                      f"post {post_id}: no message found (hidden, banned or paid?); its text is empty")
    else:
        say_locked(body, post_id, errors)
        say_notices_beside(node, body, post_id, errors)
    message = read_message(body, parts.attachment_boxes, zone, page.url) if body is not None else Message()
    if message.notice and (message.edited_at is None or message.edited_by is None):
        # A pack whose edit notice the patterns above do not know: what is unread is said.
        errors.append(f"post {post_id}: edit notice {message.notice!r}: "
                      + ("its editor is not read" if message.edited_at is not None else
                         "its time is not read" if message.edited_by is not None else "not understood"))
    return Post(post_id=post_id, url=parts.permalink(page), position=parts.number() or 0, author=author,
                published_at=published, edited_at=message.edited_at, edited_by=message.edited_by,
                text=message.text, html=message.html, reactions=_reactions(node, post_id), quotes=message.quotes,
                links=message.links, images=message.images, attachments=message.attachments)


class Message:
    """What a message holds: the poster's own words (quotes and edit notice left out) and the rest."""

    def __init__(self) -> None:
        self.text = self.html = ""
        self.edited_at = self.edited_by = None
        self.notice = ""  # the edit notice's words, when the message has one
        self.quotes: list[Quote] = []
        self.links: list[Link] = []
        self.images: list[Link] = []
        self.attachments: list[Link] = []


def read_message(body, boxes: list, zone, page_url: str) -> Message:
    """Read (and edit in place) a message element: addresses made real, the edit notice and the
    template's chrome taken out, quotes read and taken out, then the words and references."""
    message = Message()
    _real_addresses(body, page_url)
    for box in boxes:
        _real_addresses(box, page_url)
    message.edited_at, message.edited_by, message.notice = _edit_notice(body, zone)
    _drop_chrome(body)
    quote_nodes = top_level(body, _is_quote)
    message.quotes = [_quote(q, zone, page_url) for q in quote_nodes]
    for quote_node in quote_nodes:
        drop_node(quote_node)
    message.links, message.images, message.attachments = _references(body, boxes)
    message.text, message.html = element_text(body), sanitise(inner_html(body))
    return message


def _is_touch_block(node) -> bool:
    """Touch blocks are div.plc#pidN; desktop ones div#post_N (Discuz! 6's table#pidN)."""
    return node.tag == "div" and node.get("id", "").startswith("pid")


class _DesktopParts:
    """``div#post_N`` of ``viewthread_node.htm`` (X), or of 6/7's ``viewthread.htm``, which keeps
    the block, ``table#pidN``, ``em#authorposton{pid}``, ``a#postnum{pid}`` and the message's id."""

    author_is_uncertain = False  # its parts are found by the post's own ids (see _TouchParts)

    def __init__(self, node, post_id: str) -> None:
        self.post_id = post_id
        self.body = self.date = self.postnum = self.info = None
        self.authis, self.guest_boxes, self.attachment_boxes = [], [], []
        body_id, date_id, number_id = f"postmessage_{post_id}", f"authorposton{post_id}", f"postnum{post_id}"
        for child in node.iter("td", "em", "a", "div", "strong", "cite"):
            tag, child_id = child.tag, child.get("id") or ""
            if child_id == body_id:  # td.t_f (X2 to X3.5); a div in older templates
                self.body = child
            elif tag == "em":
                if child_id == date_id:
                    self.date = child
            elif tag == "a" or tag == "strong":  # 6 prints the floor as strong#postnumN ("1楼")
                if child_id == number_id:
                    self.postnum = child
            elif tag == "cite":
                if within_class(child, "postauthor", "td"):
                    # Discuz! 6: td.postauthor > cite holds the space.php?uid=N link, or a guest's name.
                    self.authis.append(child)
                    self.guest_boxes.append(child)
            elif tag == "div":
                classes = child.get("class")
                if not classes:
                    continue
                if has_class(classes, "authi"):
                    self.authis.append(child)
                elif has_class(classes, "postinfo") and within_class(child, "postauthor", "td"):
                    # Discuz! 6/7: td.postauthor > div.postinfo holds the space.php?uid=N link,
                    # or a guest's bare name.
                    self.authis.append(child)
                    self.guest_boxes.append(child)
                elif has_class(classes, "postinfo") and self.info is None and within_class(child, "postcontent", "td"):
                    # Discuz! 6: td.postcontent > div.postinfo prints "1楼 ... 发表于 2010-7-28 14:19"
                    # with no em#authorposton around the time.
                    self.info = child
                elif has_class(classes, "pattl") or has_class(classes, "postattachlist"):
                    self.attachment_boxes.append(child)
                elif has_class(classes, "pi") and within_class(child, "pls", "td"):
                    self.guest_boxes.append(child)

    def author(self, page_url: str) -> Author:
        for box in self.authis:
            author = _profile_author(box, page_url)
            if author is not None:
                return author
        # A guest or an anonymous post: the side column's "匿名 <em>1.2.3.*</em>", the IP left out.
        for box in self.guest_boxes:
            if box.find(".//div") is None:
                name = _name_without_ip(box)
                if name:
                    return Author(name=name)
        line = self._author_line()
        if line is not None:
            # A pack's author line that is no div.authi (a "vt" pack's div.vt_pi: the name's link,
            # then em#authorposton{pid}): the profile link with words beside the post's own time.
            author = _profile_author(line, page_url)
            if author is not None:
                return author
        for box in [*self.authis, line]:  # the author line: "匿名&nbsp; <em id="authorposton7">...", no side column
            if box is not None and self.date is not None and self.date.getparent() is box:
                name = _words([box.text or ""])  # the words before the first element: the name
                if name:
                    return Author(name=name)
        return Author(name=None)

    def _author_line(self):
        """The element holding this post's em#authorposton{pid} (the line every template prints the
        time in, the name beside it), when it is no div.authi already asked and holds none of the
        message (a line, not the whole post)."""
        if self.date is None:
            return None
        line = self.date.getparent()
        if line is None or line in self.authis or line.tag in ("td", "table", "tr"):
            return None
        if self.body is not None and (line is self.body or any(a is line for a in self.body.iterancestors())):
            return None
        return line

    def date_text(self) -> str:
        return _date_text(self.date if self.date is not None else self.info)

    def number(self) -> int | None:
        if self.postnum is None:
            return None
        return PageParts.floor_number(_words(self.postnum.itertext()))

    def permalink(self, page: PageParts) -> str:
        href = self.postnum.get("href") if self.postnum is not None else None
        if href and "goto=findpost" in href:
            return urljoin(page.url, href)
        return page.permalink(self.post_id)


class _TouchParts:
    """``div.plc#pidN`` of ``touch/forum/viewthread.htm``."""

    def __init__(self, node, post_id: str) -> None:
        self.post_id = post_id
        self.body = self.mtit = self.mtime = None
        self.authi = None  # ul.authi: a pack's author list without li.mtit/li.mtime (see author)
        self.attachment_boxes = []
        # Another post's author line or time in this block: a lost closing tag (the message's
        # </div>, the avatar's) leaves the next post's div.display inside this block while its
        # div.plc#pidN closes early around its avatar alone, so separate_nested cannot move it.
        # Its li.mtit came after this post's own and used to replace it: this post took the next
        # poster's name and time, silently.
        self.holds_other_parts = False
        self.mtit_is_own = self.mtime_is_own = False
        for child in node.iter("div", "li", "ul"):
            classes = child.get("class") or ""
            if child.tag == "div" and self.body is None and has_class(classes, "message"):
                self.body = child
            elif child.tag == "li" and (has_class(classes, "mtit") or has_class(classes, "mtime")):
                self._take_line(child, "mtit" if has_class(classes, "mtit") else "mtime", node)
            elif child.tag == "ul" and (has_class(classes, "img_one") or has_class(classes, "post_attlist")):
                self.attachment_boxes.append(child)
            elif child.tag == "ul" and has_class(classes, "authi"):
                owner = _display_owner(child, node)
                # Every touch pack prints the author list before the message: one after it is a
                # later post's, whose block lost its start (its div.display and the message's
                # </div> torn: the lead post, which shows no list of its own, took the third
                # post's poster and time; fuzz seed 1061, delete_tags).
                after_message = self.body is not None and not inside(child, self.body)
                if self.authi is not None or after_message or (owner is not None and owner != self.post_id):
                    self.holds_other_parts = True
                else:
                    self.authi = child

    def _take_line(self, line, kind: str, node) -> None:
        """Keep ``line`` (an li.mtit or li.mtime) as this post's unless it is another post's: its
        div.display names another post (X3.5 writes href="#replybtn_{pid}" on it), or this post's
        line of that kind was already found (a post block holds one of each)."""
        owner = _display_owner(line, node)
        if owner is not None and owner != self.post_id:
            self.holds_other_parts = True
        elif getattr(self, kind) is None:
            setattr(self, kind, line)
            setattr(self, f"{kind}_is_own", owner == self.post_id)
        else:
            self.holds_other_parts = True

    @property
    def author_is_uncertain(self) -> bool:
        """The block holds another post's author line or time, and nothing names this one's as its
        own: the name read could be the other post's."""
        return self.holds_other_parts and not self.mtit_is_own

    def _name_box(self):
        if self.mtit is None:
            return None
        return next((s for s in self.mtit.iter("span") if has_class(s.get("class") or "", "z")), None)

    def _packs_list(self):
        """The block's ul.authi when the pack prints no li.mtit/li.mtime in it (Mobanbus h5v1's
        li.grey "<b><a space>name</a></b>" and li.grey.rela "5# 2024-3-5 14:20"; yingxiao's
        li.grey.mbn "<em>5#</em><b><a space>name</a></b> 2024-3-5 14:20"), else None."""
        if self.mtit is not None or self.mtime is not None or self.holds_other_parts:
            return None
        return self.authi

    def author(self, page_url: str) -> Author:
        box = self._name_box()
        if box is None:
            listed = self._packs_list()
            author = _profile_author(listed, page_url) if listed is not None else None
            return author if author is not None else Author(name=None)
        anchor = box.find(".//a")
        if anchor is not None:
            href = anchor.get("href") or ""
            is_profile, user_id = space_link(href)
            if is_profile:
                return Author(name=_words(anchor.itertext()) or None, id=user_id, url=urljoin(page_url, href))
            return Author(name=_name_without_ip(anchor) or None)  # "游客 <em>1.2.3.*</em>"
        return Author(name=_name_without_ip(box) or None)

    def date_text(self) -> str:
        listed = self._packs_list()
        if listed is not None:
            # A profile link's words are the name, never the time: left out ("2024" in a name).
            titled = [s.get("title") for s in listed.iter("span") if s.get("title")]
            return titled[0] if titled else _words(_UNLINKED_TEXTS(listed))
        if self.mtime is None or (self.holds_other_parts and not self.mtime_is_own):
            return ""
        titled = [s.get("title") for s in self.mtime.iter("span") if s.get("title")]
        if titled:
            return titled[0]
        return " ".join(t for t in [self.mtime.text or ""] + [c.tail or "" for c in self.mtime])

    def number(self) -> int | None:
        if self.mtit is None:
            return None
        label = next((s for s in self.mtit.iter("span") if has_class(s.get("class") or "", "y")), None)
        return PageParts.floor_number(_words(label.itertext())) if label is not None else None

    def permalink(self, page: PageParts) -> str:
        return page.permalink(self.post_id)


# The text nodes below an element outside its links, each apart. Why apart: the touch templates
# print a post's view and reply counts as bare <em>s right before its time ("<span class="y">
# <em>3</em><i></i><em>1</em></span>49&nbsp;秒前"); read as one text, with the span's class lost
# (a theme's own names), the digits ran together, "3149 秒前", and the post was dated 52 minutes
# early, silently (fuzz rename_classes). A profile link's words are the name, never the time.
_UNLINKED_TEXTS = etree.XPath(".//text()[not(ancestor::a)]", smart_strings=False)


def _profile_author(element, page_url: str) -> Author | None:
    """The author named by the first link with words below ``element`` that is a member's profile
    link (:func:`parsers.discuz.common.space_link`), or None."""
    for anchor in element.iter("a"):
        href = anchor.get("href") or ""
        is_profile, user_id = space_link(href)
        if is_profile and _words(anchor.itertext()):
            return Author(name=_words(anchor.itertext()), id=user_id, url=urljoin(page_url, href))
    return None


def _display_owner(line, node) -> str | None:
    """The post id named by the div.display around ``line`` inside the block ``node``
    (href="#replybtn_{pid}"), or None when no such div names one (older touch styles write no href)."""
    for ancestor in line.iterancestors("div"):
        href = ancestor.get("href") or ""
        if href.startswith("#replybtn_"):
            return href[len("#replybtn_"):] or None
        if ancestor is node:
            break
    return None


def _name_without_ip(element) -> str:
    """An element's words less the ``<em>`` holding the poster's IP ("匿名 <em>1.2.3.*</em>") and
    less comments (a plugin hook's "<!-- ... -->" in a guest's side column: no words of the name)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag != "em":
            parts.append(_words(child.itertext()))
        parts.append(child.tail or "")
    return _ANONYMOUS_IP.sub("", _words(parts))


def _date_text(element) -> str:
    """A time element's date: the ``title`` of its ``<span>`` (relative times) or its own words."""
    if element is None:
        return ""
    for span in element.iter("span"):
        if span.get("title"):
            return span.get("title")
    return _words(element.itertext())


def _is_quote(node) -> bool:
    return node.tag == "div" and has_class(node.get("class") or "", "quote")


def _quote(node, zone, page_url: str, depth: int = 1) -> Quote:
    """``<div class="quote"><blockquote><font size="2"><a href="...findpost&pid=N&ptid=T"><font color=
    "#999999">X 发表于 2024-3-5 14:20</font></a></font><br />words</blockquote></div>``, its nested quotes read first."""
    check_budget()
    box = node.find("blockquote")
    box = box if box is not None else node
    header = next((c for c in box if c.tag == "font" and c.get("size") == "2"), None)
    author = post_id = thread_id = published = citation = None
    if header is None:
        author, post_id, thread_id, published, citation = _legacy_citation(box, zone)
    if header is not None:
        citation = _words(header.itertext()) or None
        anchor = header.find(".//a")
        href = anchor.get("href") if anchor is not None else ""
        if href:
            match = QUOTED_POST.search(href)
            post_id = match.group(1) if match else None
            match = QUOTED_THREAD.search(href)
            thread_id = match.group(1) if match else None
        match = next((m for m in (p.match(citation or "") for p in _QUOTED_AUTHOR) if m), None)
        author = match.group(1) if match else None
        published = read_time(citation, zone)
        following = header.getnext()
        if following is not None and following.tag == "br" and not (header.tail or "").strip():
            drop_node(following)
        drop_node(header)
    nested = top_level(box, _is_quote) if read_deeper(depth) else []
    inner = [_quote(q, zone, page_url, depth + 1) for q in nested]
    for quote_node in nested:
        drop_node(quote_node)
    return Quote(author=author, post_id=post_id, thread_id=thread_id, published_at=published, citation=citation,
                 text=element_text(box), quotes=inner)


def _legacy_citation(box, zone):
    """(author, post id, thread id, time, citation) of a Discuz! 6/7 quote's first line ("原帖由
    <i>X</i> 于 2010-8-7 14:28 发表 <a href="...findpost&pid=N&ptid=T"><img></a><br />"), taken out
    of ``box``; all None when the quote does not open so."""
    name = box[0] if len(box) else None
    if name is None or name.tag != "i" or not _LEGACY_QUOTE_LEAD.search(box.text or ""):
        return None, None, None, None, None
    anchor = name.getnext()
    if anchor is None or anchor.tag != "a" or "findpost" not in (anchor.get("href") or ""):
        return None, None, None, None, None
    citation = _words([box.text or "", _words(name.itertext()), name.tail or ""]) or None
    href = anchor.get("href") or ""
    post_match, thread_match = QUOTED_POST.search(href), QUOTED_THREAD.search(href)
    following = anchor.getnext()
    if following is not None and following.tag == "br" and not (anchor.tail or "").strip():
        drop_node(following)
    box.text = ""
    name.tail = ""
    author = _words(name.itertext()) or None
    drop_node(name)
    drop_node(anchor)
    return (author, post_match.group(1) if post_match else None, thread_match.group(1) if thread_match else None,
            read_time(citation, zone), citation)


def _edit_notice(body, zone):
    """``<i class="pstatus"> 本帖最后由 X 于 2024-3-5 14:20 编辑 </i>`` (X) or 6/7's bracketed one (see
    _is_bracketed_notice) -> (time, X, its words), removed from the body; (None, None, "") without one."""
    for node in body.iter("i"):
        bracketed = _is_bracketed_notice(node)
        if bracketed or has_class(node.get("class") or "", "pstatus"):
            words = _words(node.itertext())
            editor = next((m.group(1) for m in (p.search(words) for p in _EDITOR) if m), None)
            if bracketed:
                _drop_brackets(node)
            following = node.getnext()
            if following is not None and following.tag == "br" and not (node.tail or "").strip():
                drop_node(following)
            drop_node(node)
            return read_time(words, zone), editor, words
    return None, None, ""


def _is_bracketed_notice(node) -> bool:
    """Discuz! 6 and 7 wrote the edit notice into the post's BBCode as "[[i] 本帖最后由 X 于 2010-2-8
    21:48 编辑 [/i]]" (a 2010 1984bbs.com page; the same words in Discuz! 7 database dumps), which
    renders as ``[<i> ... </i>]``: an <i> without a class between "[" and "]" whose words a pack's
    edit notice pattern knows (a board moved on to X keeps these in old posts). One in a quote is
    the quoted post's."""
    if node.get("class") or not (node.tail or "").lstrip().startswith("]"):
        return False
    previous = node.getprevious()
    before = previous.tail if previous is not None else node.getparent().text
    if not (before or "").rstrip().endswith("["):
        return False
    words = _words(node.itertext())
    return any(p.search(words) for p in _EDITOR) and next(node.iterancestors("blockquote"), None) is None


def _drop_brackets(node) -> None:
    """Take the "[" before and the "]" after a bracketed edit notice out of the words."""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = previous.tail.rstrip()[:-1]
    else:
        parent = node.getparent()
        parent.text = parent.text.rstrip()[:-1]
    node.tail = node.tail.lstrip()[1:]


def say_locked(body, post_id: str, errors: list[str]) -> None:
    """Take out the board's own notice in a message (``div.locked``: a thread to buy, a reply only
    its author may see, a post banned by a moderator, ``[hide]`` words behind credits or a reply,
    "以下内容需要积分高于 N 才可浏览" over words the reader may see) and say so, so its words
    ("本主题需向作者支付 5 金钱 才能浏览") never pass for what the poster wrote, and a reader of the
    archive knows words may be missing.

    The touch (mobile) template writes the notices of a blocked post as ``div.grey.quote`` in place
    of the words ("提示: 该帖被管理员或版主屏蔽", a post a moderator blocked; "提示: 作者被禁止或删除
    内容自动屏蔽", a banned or deleted author's): no quote (a quote is ``div.quote`` around a
    ``blockquote``), and it was read as one, of no one."""
    for node in list(body.iter("div")):
        classes = node.get("class") or ""
        if (has_class(classes, "locked") or _is_touch_notice(node, classes)) and node.getparent() is not None:
            said = _words(node.itertext())[:200]
            errors.append(f"post {post_id}: the board's notice {said!r} was left out of its words"
                          " (words it hides are not on the page)")
            drop_node(node)


def say_notices_beside(node, body, post_id: str, errors: list[str]) -> None:
    """Say the board's notice (``div.locked``) that a desktop template prints in the post's block
    beside its message rather than in it: a thread sold for credits shows its free words in the
    message and, after it in ``div.pcb``, "本主题需向作者支付 15 天使币 才能浏览" (the pay box of
    X3's viewthread templates, as an X5 board served it, 2026). Outside the message, the notice
    never reached the post's words, and nothing said that the words it hides are missing."""
    for box in node.iter("div"):
        if has_class(box.get("class") or "", "locked") and not inside(box, body):
            said = _words(box.itertext())[:200]
            errors.append(f"post {post_id}: the board's notice {said!r} stands beside its words"
                          " (words it hides are not on the page)")


def _is_touch_notice(node, classes: str) -> bool:
    return has_class(classes, "grey") and has_class(classes, "quote") and node.find(".//blockquote") is None


# Discuz! 6/7's pop-up menu of an attachment or an attached picture (showMenu() shows "{id}_menu"
# on hover): div.t_attach#attach_N_menu / #aimg_N_menu, hidden, with the download count and the
# upload time ("下載次數: 9549", "2014-12-29 09:54 PM").
_ATTACHMENT_MENU = re.compile(r"^(?:attach|aimg)_\d+_menu$")


def _drop_chrome(body) -> None:
    """Remove what a message shows that the poster did not write: image menus (``div.tip``; 6/7's
    ``div#attach_N_menu``), the
    "复制代码" of code blocks, the attachment-permission box, scripts, and the anti-copying
    "jammer" a board may switch on (discuzcode's ``jammer()``: after line breaks, random
    characters in ``<font class="jammer">`` (X) or ``<font style="font-size:0px">`` (7), or in
    ``<span style="display:none">``, which no reader sees)."""
    doomed = []
    for node in body.iter("div", "em", "script", "span", "font"):
        classes = node.get("class") or ""
        if node.tag == "font":
            # Discuz! 7's jammer: <font style="font-size:0px;color:#FFF">: words no reader sees either.
            if has_class(classes, "jammer") or "font-size:0px" in "".join((node.get("style") or "").split()).lower():
                doomed.append(node)
            continue
        if node.tag == "span" and "".join((node.get("style") or "").split()).lower().rstrip(";") == "display:none":
            doomed.append(node)
            continue
        if node.tag == "div" and (has_class(classes, "tip") or has_class(classes, "attach_nopermission")
                                  or _ATTACHMENT_MENU.match(node.get("id") or "")):
            doomed.append(node)
        elif node.tag == "em" and "copycode" in (node.get("onclick") or ""):
            doomed.append(node)
        elif node.tag == "script" or (node.tag == "span" and has_class(classes, "atips_close")):
            doomed.append(node)
    for node in doomed:
        if node.getparent() is not None:
            drop_node(node)


def _real_addresses(element, page_url: str) -> None:
    """Absolute addresses; attached pictures get their real file (``zoomfile``/``file``), not the
    lazy-load placeholder in ``src``."""
    for node in element.iter("a", "img"):
        if node.tag == "img":
            value, attribute = node.get("zoomfile") or node.get("file") or node.get("src"), "src"
        else:
            value, attribute = node.get("href"), "href"
        if value and not value.startswith(("#", "data:", "mailto:", "javascript:")):
            node.set(attribute, urljoin(page_url, value.strip()))


def _is_attachment(href: str) -> bool:
    return "mod=attachment" in href or "/attachment.php" in href


def _references(body, boxes: list) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, pictures and attachments of the poster's own words and the post's attachment list;
    smileys (``smilieid``) and the template's icons (``static/image/``) are left out."""
    links, images, attachments = [], [], []
    seen_images = set()
    for container in [body, *boxes]:
        for node in container.iter("a", "img"):
            if node.tag == "a":
                href = node.get("href") or ""
                if not href or href.startswith(("#", "javascript:")):
                    continue
                if _is_attachment(href):
                    if node.find(".//img") is None:
                        attachments.append(Link(href, _words(node.itertext()) or None))
                elif container is body:
                    links.append(Link(href, element_text(node) or None))
            else:
                src = node.get("src") or ""
                if not src or src.startswith("data:") or node.get("smilieid") or "/static/image/" in src:
                    continue
                if src in seen_images:
                    continue
                seen_images.add(src)
                images.append(Link(src, node.get("alt") or node.get("title") or None))
    return links, images, attachments


def _reactions(node, post_id: str) -> dict[str, int]:
    """The post's support/against counts (``span#review_support_N``), where the board shows them."""
    reactions = {}
    kinds = {f"review_{kind}_{post_id}": kind for kind in ("support", "against")}
    for span in node.iter("span"):
        kind = kinds.get(span.get("id") or "")
        if kind is not None:
            count = _int(_words(span.itertext()))
            if count:
                reactions[kind] = count
    return reactions
