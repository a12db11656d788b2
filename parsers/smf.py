"""Simple Machines Forum (SMF 1.1, 2.0 and 2.1) topic pages.

Every SMF version marks each post's subject with ``id="subject_N"``; the post around it is
``div#msgN`` (2.1), ``div.post_wrapper`` (2.0) or the ``td.windowbg``/``td.windowbg2`` cell of the
1.x table layout. What is read from each:

- author: ``.poster h4 a`` (2.x; guests: the ``h4`` text), the first ``<b>`` of the author cell (1.x);
- time: the "« Reply #3 on: March 06, 2016, 05:45:12 AM »" line beside the subject (1.x, 2.0), or
  ``.postinfo a.smalltext`` (2.1), read in the page's language; SMF 2.1 pages carry the current time
  both as UTC (``<time datetime>``) and as the forum shows it, which gives the forum's UTC offset;
- body: ``div.inner`` / ``div#msg_N`` (2.x), ``div.post`` (1.x);
- quotes: ``blockquote.bbc_standard_quote`` with a ``<cite>`` (2.1), or a ``div.quoteheader``
  ("Quote from: X on <date>", linking ``#msgN``) before the quote body (``blockquote`` in 2.0,
  ``div.quote`` in 1.x); they nest;
- edits: ``#modified_N`` ("Last Edit: <date> by X"); likes: ``li.like_count`` (2.1).

Dates are read by :class:`parsers.clock.ForumClock` (dates among words, as vBulletin prints them). The page
is read in one pass over a few tag names (:class:`_PageParts`), each post in one pass over its own
elements with its message taken out (:meth:`_Raw.read`), and the message on its own.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin

from parsel import Selector

from .clock import ForumClock
from .dates import parse_iso
from .html_text import drop_node, element_text, inner_html, sanitise
from .markup import has_class, inside, page_language
from .markup import xpath as _X
from .models import Author, Link, PageResult, Post, Quote, Thread
from .urls import absolute, without_session

ENGINE = "smf"


# Detection only; parsing reads the page in one pass over a few tag names (see _PageParts).
_SMF_SCRIPT = _X("//script[contains(., 'smf_scripturl') or contains(., 'smf_theme_url') or contains(., 'smf_images_url')]")
_SMF_CREDIT = _X("//a[@title='Simple Machines Forum' or @title='Simple Machines'"
                 " or contains(@href, 'simplemachines.org/about/copyright') or contains(@href, 'simplemachines.org/about/smf/license')]")
_PAGE_TAGS = ("div", "h4", "h5", "td", "span", "time", "link", "input", "form", "title")
_POST_TAGS = ("div", "h4", "b", "a", "li", "span", "td")

_SUBJECT_ID = re.compile(r"^subject_(\d+)$")
_TOPIC = re.compile(r"topic[=,/-](\d+)")
_TOPIC_START = re.compile(r"topic[=,]\d+\.(\d+)(?![\d.])")
_MSG = re.compile(r"msg[=_]?(\d+)")
_PROFILE_ID = re.compile(r"[?;&]u=(\d+)|/profile/(?:u-)?(\d+)")
_HEADER_LINE = re.compile(r"^\s*(?:(?P<label>[^:\d#]*(?:#\s*(?P<number>\d+))?[^:\d]*):)?\s*(?P<when>.*?)\s*$", re.DOTALL)
_REPLY_NUMBER = re.compile(r"#\s*(\d+)")
_EDITED = re.compile(r"^[^:]{1,40}:\s*(?P<when>.+?)(?:\s+(?:by|von|par|door|por|da|przez|av|di)\s+(?P<who>.+?))?"
                     r"\s*(?:(?:Reason|Grund|Raison|Motivo)\s*:.*)?$", re.DOTALL)
_CITATION = re.compile(r"^(?P<label>[^:]{1,40}):\s*(?P<who>.+)\s+(?:on|am|le|el|il|op|em|dnia|den|på)\s+(?P<when>.*\d.*)$", re.DOTALL)
_CITATION_AUTHOR_ONLY = re.compile(r"^[^:]{1,40}:\s*(?P<who>.+?)\s*$", re.DOTALL)
_STARTER = re.compile(r"^\S+(?:\s+\S+)?\s+(?:by|von|par|por|da|door|av)\s+(?P<who>.+?),\s+(?P<when>.*\d.*)$", re.DOTALL)
_READ_TIMES = re.compile(r"\s*\(\s*[^\W\d_][^()\d]*\s[\d.,\s]+\s*[^\W\d_][^()\d]*\)\s*$")
_NUMBER = re.compile(r"\d+")


def detect(doc: Selector) -> bool:
    """True for pages rendered by Simple Machines Forum."""
    root = doc.root
    return bool(_SMF_SCRIPT(root) or _SMF_CREDIT(root))


class _PageParts:
    """Everything page-level the parser reads, found in one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.subjects: list = []
        self.top_subject = self.navigate = self.nav_1x = self.display_head = self.fatal = None
        self.page_links_holders: list = []
        self.times: list = []
        self.topic_values: list[str] = []
        self.login = None
        self.canonical = self.link_next = None
        self.title = ""
        for node in root.iter(*_PAGE_TAGS):
            tag = node.tag
            node_id = node.get("id")
            if node_id:
                if node_id.startswith("subject_"):
                    self.subjects.append(node)
                    continue
                if node_id == "top_subject":
                    self.top_subject = node
                elif node_id == "display_head":
                    self.display_head = node
                elif node_id == "fatal_error":
                    self.fatal = node
                elif node_id == "frmLogin":
                    self.login = node
                elif node_id == "quickModForm" and node.get("action"):
                    self.topic_values.append(node.get("action"))
            if tag == "div" or tag == "td":
                classes = node.get("class") or ""
                if not classes:
                    continue
                if "pagelinks" in classes or classes == "middletext":
                    self.page_links_holders.append(node)
                elif "navigate_section" in classes and self.navigate is None:
                    self.navigate = node
                elif classes == "nav" and self.nav_1x is None and node.find(".//a[@class='nav']") is not None:
                    self.nav_1x = node
            elif tag == "time":
                if node.get("datetime"):
                    self.times.append(node)
            elif tag == "link":
                rel = node.get("rel")
                if rel == "canonical" and self.canonical is None:
                    self.canonical = node.get("href")
                elif rel == "next" and self.link_next is None:
                    self.link_next = node.get("href")
            elif tag == "input":
                if node.get("name") == "topic" and node.get("value"):
                    self.topic_values.append(node.get("value"))
            elif tag == "title" and not self.title:
                self.title = " ".join(element_text(node).split())


class _Raw:
    """One post: its elements and what its header says, read in one pass over the post."""

    __slots__ = ("author_holder", "body", "container", "date_text", "edit", "files", "likes", "number", "others",
                 "post_id", "subject")

    def __init__(self, post_id: str, subject, container, body) -> None:
        self.post_id, self.subject, self.container, self.body = post_id, subject, container, body
        self.date_text: str | None = None
        self.number: int | None = None  # "Reply #N"
        self.author_holder = self.edit = self.likes = None
        self.files: list = []
        self.others: list = []  # further elements with this post's subject id

    def read(self) -> None:
        """The post's parts outside its message, with the message taken out of it (it is read on its own)."""
        drop_node(self.body)
        self._read_header()
        modified = f"modified_{self.post_id}"
        poster = first_bold = None
        for node in self.container.iter(*_POST_TAGS):
            tag = node.tag
            if tag == "div":
                if poster is None and has_class(node.get("class") or "", "poster"):
                    poster = node
                elif node.get("id") == modified:
                    self.edit = node
            elif tag == "h4":
                if poster is not None and self.author_holder is None:
                    self.author_holder = node
            elif tag == "b":
                if first_bold is None:
                    first_bold = node
            elif tag == "a":
                if "dlattach" in (node.get("href") or ""):
                    self.files.append(node)
            elif tag == "li":
                if "like_count" in (node.get("class") or ""):
                    self.likes = node
            elif node.get("id") == modified:
                self.edit = node
        if self.author_holder is None:
            if poster is not None:
                self.author_holder = next((a for a in poster.iter("a") if "action=profile" in (a.get("href") or "")), poster)
            else:
                # SMF 1.x: the author cell is the post's first cell and the name its first <b>.
                self.author_holder = first_bold

    def _read_header(self) -> None:
        """The date line beside the subject: "« Reply #3 on: date »" (1.x, 2.0) or ``.postinfo a.smalltext`` (2.1)."""
        for subject in (self.subject, *self.others):
            if self._read_header_beside(subject):
                return

    def _read_header_beside(self, subject) -> bool:
        text = None
        for sibling in subject.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            classes = sibling.get("class") or ""
            if "page_number" in classes:
                match = _REPLY_NUMBER.search(element_text(sibling))
                self.number = int(match.group(1)) if match else self.number
            elif "postinfo" in classes:
                for node in sibling.iter("a", "span", "div"):
                    node_classes = node.get("class") or ""
                    if has_class(node_classes, "smalltext") and "modified" not in node_classes:
                        text = element_text(node)
                        if self.number is None:
                            match = _REPLY_NUMBER.search(node.get("title") or "")
                            self.number = int(match.group(1)) if match else None
                        break
                break
            elif has_class(classes, "smalltext"):
                text = element_text(sibling)
                break
        if text is None:
            return False
        match = _HEADER_LINE.match(text.replace("\u00ab", " ").replace("\u00bb", " "))
        self.date_text = match.group("when") if match else text
        if match and match.group("number"):
            self.number = int(match.group("number"))
        return True


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one SMF topic page; other SMF pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = _PageParts(root)
    raws = _find_posts(page)
    if not raws:
        return _without_posts(page, url)
    for raw in raws:
        raw.read()
    language = page_language(root)
    clock = ForumClock(captured_at, timezone(_forum_offset(page, captured_at, language)), language, labelled=True)
    clock.learn_order(r.date_text for r in raws[:50])
    canonical = without_session(absolute(url, page.canonical))
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    pages = _Pagination(page, url)
    title, forum = _title_and_forum(page)
    thread_id = _thread_id(page, canonical, url, raws)
    result.thread = Thread(id=thread_id, title=title, url=_topic_url(canonical or url, thread_id), forum=forum,
                           page=pages.page, page_count=pages.count)
    result.next_page_url = pages.next_url(page, url)
    for index, raw in enumerate(raws, start=1):
        if raw.number is not None:
            position = raw.number + 1
        elif pages.start is not None:
            position = pages.start + index
        else:
            position = index
        post = _post(raw, url, clock, position, result.errors)
        post.position_on_page = index
        result.posts.append(post)
    _starter(page, result, clock)
    return result


def _without_posts(page: _PageParts, url: str) -> PageResult:
    """SMF's login wall (``form#frmLogin``) and error page (``#fatal_error``, 1.x: "An Error Has Occurred!")."""
    title = page.title
    if page.login is not None:
        notice = next((p for p in page.login.iter("p", "div") if "information" in (p.get("class") or "")), None)
        message = " ".join(element_text(notice).split()) if notice is not None else ""
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {message or title}"[:500])
    if page.fatal is not None:
        message = " ".join(element_text(page.fatal).split())
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {message or title}"[:500])
    if "error" in title.lower():
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {title}"[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"SMF page without posts: {title}")


def _find_posts(page: _PageParts) -> list[_Raw]:
    """One post per subject id; some 2.0 themes print the subject twice (a phone header and the
    desktop one), and the date line may sit beside either."""
    raws: list[_Raw] = []
    by_id: dict[str, _Raw] = {}
    for subject in page.subjects:
        match = _SUBJECT_ID.match(subject.get("id") or "")
        if not match:
            continue
        post_id = match.group(1)
        if post_id in by_id:
            by_id[post_id].others.append(subject)
            continue
        container = _container(subject, post_id)
        body = _body(container, post_id)
        if body is None:
            continue
        by_id[post_id] = raw = _Raw(post_id, subject, container, body)
        raws.append(raw)
    return raws


def _container(subject, post_id: str):
    """``div#msgN`` (2.1), ``div.post_wrapper`` (2.0) or the 1.x ``td.windowbg*`` cell around the post."""
    for ancestor in subject.iterancestors():
        classes = ancestor.get("class") or ""
        if ancestor.get("id") == f"msg{post_id}" or "post_wrapper" in classes:
            return ancestor
        if ancestor.tag == "td" and classes.startswith("windowbg"):
            return ancestor
    parent = subject.getparent()
    return parent.getparent() if parent is not None and parent.getparent() is not None else subject


def _body(container, post_id: str):
    inner = post = None
    wanted = f"msg_{post_id}"
    for div in container.iter("div"):
        if div.get("id") == wanted:
            return div
        classes = div.get("class")
        if not classes:
            continue
        if inner is None and has_class(classes, "inner"):
            inner = div
        elif post is None and has_class(classes, "post"):
            post = div
    return inner if inner is not None else post


def _post(raw: _Raw, page_url: str, clock: ForumClock, position: int, errors: list[str]) -> Post:
    post_id, body = raw.post_id, raw.body
    author = _author(raw, page_url)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = clock.read(raw.date_text)
    if published is None:
        errors.append(f"post {post_id}: no publication time found"
                      + (f" (could not read {raw.date_text!r})" if raw.date_text else ""))
    edited_at, edited_by = _edit_notice(raw, clock)
    for node in list(body.iter("script", "style", "noscript")):
        drop_node(node)
    _show_real_addresses(body, page_url)
    html = sanitise(inner_html(body))
    found = _top_level_quotes(body)
    quotes = [_quote(quote, clock, published) for quote in found]
    for quote in found:
        _remove_quote(quote)
    links, images, attachments = _references(body, raw, page_url)
    return Post(
        post_id=post_id,
        url=_permalink(raw, page_url),
        position=position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body),
        html=html,
        reactions=_reactions(raw),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _author(raw: _Raw, page_url: str) -> Author:
    holder = raw.author_holder
    if holder is None:
        return Author(name=None)
    link = holder if holder.tag == "a" else next((a for a in holder.iter("a") if a.get("href")), None)
    name = " ".join(element_text(link if link is not None else holder).split()) or None
    url = without_session(absolute(page_url, link.get("href"))) if link is not None else None
    match = _PROFILE_ID.search(url or "")
    user_id = (match.group(1) or match.group(2)) if match else None
    if url and not user_id and "profile" not in url:
        url = None
    return Author(name=name, id=user_id, url=url)


def _edit_notice(raw: _Raw, clock: ForumClock) -> tuple[datetime | None, str | None]:
    """"« Last Edit: March 06, 2016, 06:00:00 AM by admin »" in ``#modified_N``."""
    if raw.edit is None:
        return None, None
    text = " ".join(element_text(raw.edit).replace("\u00ab", " ").replace("\u00bb", " ").split())
    match = _EDITED.match(text) if text else None
    if not match:
        return None, None
    who = match.group("who")
    return clock.read(match.group("when")), who.strip() if who else None


def _permalink(raw: _Raw, page_url: str) -> str:
    """The subject's link (``topic=N.msgM#msgM`` or ``?msg=M``), else the page address with ``#msgM``."""
    for anchor in raw.subject.iter("a"):
        href = anchor.get("href") or ""
        if raw.post_id in href:
            return without_session(absolute(page_url, href))
    return f"{page_url.split('#')[0]}#msg{raw.post_id}"


# --- Quotes ----------------------------------------------------------------------------------


class _QuoteNodes:
    """A quote's body with the header before it (2.0, 1.x) or the ``<cite>`` inside it (2.1), and 2.0's footer."""

    __slots__ = ("body", "footer", "header")

    def __init__(self, body) -> None:
        self.body = body
        self.header = self.footer = None
        first = next((child for child in body if isinstance(child.tag, str)), None)
        if first is not None and first.tag == "cite":
            self.header = first
        else:
            previous = body.getprevious()
            if previous is not None and "quoteheader" in (previous.get("class") or ""):
                self.header = previous
        following = body.getnext()
        if following is not None and "quotefooter" in (following.get("class") or ""):
            self.footer = following


def _is_quote_body(node) -> bool:
    classes = node.get("class") or ""
    if node.tag == "blockquote":
        return "code" not in classes
    return node.tag == "div" and "quote" in classes.split()


def _top_level_quotes(element) -> list[_QuoteNodes]:
    found: list[_QuoteNodes] = []
    for node in element.iter("blockquote", "div"):
        if node is element or not _is_quote_body(node):
            continue
        if any(inside(node, outer.body) for outer in found):
            continue
        found.append(_QuoteNodes(node))
    return found


def _remove_quote(quote: _QuoteNodes) -> None:
    for node in (quote.header, quote.body, quote.footer):
        if node is not None:
            drop_node(node)


def _quote(quote: _QuoteNodes, clock: ForumClock, quoting_time: datetime | None) -> Quote:
    citation = " ".join(element_text(quote.header).split()) if quote.header is not None else None
    author = when = post_id = thread_id = None
    if citation:
        match = _CITATION.match(citation)
        if match:
            author, when = match.group("who").strip(), match.group("when")
        elif (match := _CITATION_AUTHOR_ONLY.match(citation)):
            author = match.group("who").strip()
        for anchor in quote.header.iter("a"):
            href = anchor.get("href") or ""
            msg = _MSG.search(href)
            topic = _TOPIC.search(href)
            post_id = post_id or (msg.group(1) if msg else None)
            thread_id = thread_id or (topic.group(1) if topic else None)
    if quote.header is not None and quote.header.getparent() is quote.body:
        drop_node(quote.header)
    nested = _top_level_quotes(quote.body)
    published = clock.read(when) if when else None
    inner = [_quote(q, clock, published or quoting_time) for q in nested]
    for q in nested:
        _remove_quote(q)
    return Quote(author=author or None, author_id=None, post_id=post_id, thread_id=thread_id, published_at=published,
                 citation=citation or None, text=element_text(quote.body), quotes=inner)


# --- Links, images, attachments, likes -------------------------------------------------------


def _show_real_addresses(element, base: str) -> None:
    """Absolute link and image addresses; the code boxes' "[Select]" links (page chrome) go."""
    chrome = []
    for node in element.iter("a", "img"):
        if node.tag == "a" and "codeoperation" in (node.get("class") or ""):
            chrome.append(node)
            continue
        attribute = "href" if node.tag == "a" else "src"
        value = (node.get("data-src") or node.get(attribute)) if node.tag == "img" else node.get(attribute)
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:", "javascript:")):
            value = urljoin(base, value.strip())
        if value:
            node.set(attribute, value)
    for node in chrome:
        drop_node(node)


def _references(body, raw: _Raw, base: str) -> tuple[list[Link], list[Link], list[Link]]:
    """Links and pictures in the poster's own words; files attached below the message (``action=dlattach``)."""
    links, images, attachments = [], [], []
    for node in body.iter("a", "img"):
        if node.tag == "a":
            href = node.get("href")
            if not href or href.startswith(("#", "javascript:")):
                continue
            if "action=dlattach" in href:
                if next(node.iter("img"), None) is None:
                    attachments.append(Link(without_session(href), element_text(node) or None))
                continue
            links.append(Link(href, element_text(node) or None))
        elif _is_picture(node):
            parent = node.getparent()
            full = parent.get("href") if parent is not None and parent.tag == "a" and "dlattach" in (parent.get("href") or "") else None
            images.append(Link(without_session(full or node.get("src")), node.get("alt") or None))
    for anchor in raw.files:
        # A thumbnail (its <img> is itself served by dlattach) is a picture; any other link is the file.
        href = without_session(absolute(base, anchor.get("href")))
        thumbnail = next((img for img in anchor.iter("img") if "dlattach" in (img.get("src") or "")), None)
        if thumbnail is not None:
            if all(image.url != href for image in images):
                images.append(Link(href, thumbnail.get("alt") or None))
        elif all(a.url != href for a in attachments) and all(image.url != href for image in images):
            attachments.append(Link(href, " ".join(element_text(anchor).split()) or None))
    return links, images, attachments


def _is_picture(img) -> bool:
    src = img.get("src") or ""
    classes = img.get("class") or ""
    return bool(src) and not src.startswith("data:") and "smiley" not in classes and "/Smileys/" not in src


def _reactions(raw: _Raw) -> dict[str, int]:
    """SMF 2.1 likes: "1 person likes this.", "You and 2 others like this."."""
    if raw.likes is None:
        return {}
    text = element_text(raw.likes)
    numbers = [int(n) for n in _NUMBER.findall(text)]
    count = (numbers[0] if numbers else 0) + (1 if text.lower().startswith("you") else 0)
    return {"Like": count} if count else {}


# --- Thread ----------------------------------------------------------------------------------


def _forum_offset(page: _PageParts, captured_at: datetime, language: str | None) -> timedelta:
    """SMF 2.1 prints the current time as UTC in ``datetime`` and as the forum's clock in the text."""
    for node in page.times[:3]:
        utc = parse_iso(node.get("datetime"))
        shown = ForumClock(captured_at, language=language, labelled=True).local(element_text(node))
        if utc is None or shown is None:
            continue
        minutes = round((shown - utc.replace(tzinfo=None)).total_seconds() / 900) * 15
        if abs(minutes) <= 14 * 60:
            return timedelta(minutes=minutes)
    return timedelta(0)


def _title_and_forum(page: _PageParts) -> tuple[str | None, list[str]]:
    """The topic's title and the boards above it, from the link tree (the topic is its last item)."""
    if page.navigate is not None:
        names = [" ".join(element_text(li).replace("\u25ba", " ").split()).strip("»›> ").strip()
                 for li in page.navigate.iter("li")]
    elif page.nav_1x is not None:
        names = [" ".join(element_text(a).split()) for a in page.nav_1x.iter("a") if a.get("class") == "nav"]
    else:
        names = []
    names = [n for n in names if n]
    title = _top_subject(page)
    if names and (title is None or names[-1] == title):
        title = title or names[-1]
        names = names[:-1]
    return title or page.title or None, names


def _top_subject(page: _PageParts) -> str | None:
    if page.top_subject is None:
        return None
    text = " ".join(element_text(page.top_subject).split())
    if _READ_TIMES.search(text):
        # 1.x and 2.0: "Topic: Title  (Read 1050 times)"
        text = _READ_TIMES.sub("", text)
        text = re.sub(r"^(?:\S+\s+)?[^:\s]{1,20}:\s+", "", text, count=1)
    return text or None


def _thread_id(page: _PageParts, canonical: str | None, url: str, raws: list[_Raw]) -> str | None:
    for candidate in (canonical, url, *page.topic_values):
        if candidate and candidate.isdigit():
            return candidate
        match = _TOPIC.search(candidate or "")
        if match:
            return match.group(1)
    for anchor in raws[0].subject.iter("a"):
        match = _TOPIC.search(anchor.get("href") or "")
        if match:
            return match.group(1)
    return None


def _topic_url(address: str, thread_id: str | None) -> str:
    """The topic's first page: ``topic=N.0`` for SMF's own URL styles, else the address without its fragment."""
    address = without_session(address.split("#", 1)[0])
    if thread_id:
        address = re.sub(rf"topic=({thread_id})\.\d+(?:;all)?", r"topic=\1.0", address)
        address = re.sub(rf"topic,({thread_id})\.\d+\.html", r"topic,\1.0.html", address)
    return address


class _Pagination:
    """Page N of M and the next page, from the page links ("Pages: [1] 2 3", ``span.current_page``)."""

    def __init__(self, page: _PageParts, url: str) -> None:
        self.links: dict[int, str] = {}
        self.per_page: int | None = None
        current = None
        # The links are printed above and below the posts: the first holder with page links is enough.
        for holder in page.page_links_holders:
            for node in holder.iter("a", "span", "strong", "b"):
                text = element_text(node).strip()
                if not text.isdigit():
                    continue
                classes = node.get("class") or ""
                if node.tag == "a":
                    if node.get("href") and ("navPages" in classes or "nav_page" in classes or not classes):
                        self.links.setdefault(int(text), node.get("href"))
                elif current is None and (node.tag != "span" or "current_page" in classes):
                    current = int(text)  # 2.1: span.current_page; 1.x and 2.0: "[<b>1</b>]"
            if self.links or current is not None:
                break
        match = _TOPIC_START.search(url)
        url_start = int(match.group(1)) if match else None
        self._per_page()
        if current is None and url_start is not None and self.per_page:
            current = url_start // self.per_page + 1
        self.page = current or 1
        self.count = max([self.page, *self.links])
        if url_start is not None:
            self.start = url_start
        elif self.per_page:
            self.start = (self.page - 1) * self.per_page
        else:
            self.start = 0 if self.page == 1 else None

    def _per_page(self) -> None:
        for number, href in self.links.items():
            match = _TOPIC_START.search(href)
            if match and number > 1 and int(match.group(1)) > 0:
                self.per_page = int(match.group(1)) // (number - 1)
                return

    def next_url(self, page: _PageParts, url: str) -> str | None:
        href = self.links.get(self.page + 1) or (page.link_next if self.page < self.count else None)
        return without_session(urljoin(url, href.strip()).split("#", 1)[0]) if href and href.strip() else None


def _starter(page: _PageParts, result: PageResult, clock: ForumClock) -> None:
    """Page 1's first post, else SMF 2.1's "Started by X, <date>" under the title."""
    thread = result.thread
    if thread.page == 1 and result.posts and result.posts[0].position == 1:
        thread.starter, thread.started_at = result.posts[0].author, result.posts[0].published_at
        return
    line = page.display_head.find("p") if page.display_head is not None else None
    match = _STARTER.match(" ".join(element_text(line).split())) if line is not None else None
    if match:
        thread.starter = Author(name=match.group("who"))
        thread.started_at = clock.read(match.group("when"))


# --- Small helpers ---------------------------------------------------------------------------


