"""vBulletin thread pages: vBulletin 3 (table and div layouts), vBulletin 4 and vBulletin 5.

What each generation prints, and what is read from it:

- **vBulletin 3**: ``<div id="editN">`` / ``<table id="postN">`` (or a themed ``<div id="postN">``)
  around ``<div id="post_message_N">``; the author in ``a.bigusername`` (guests: the plain text
  of ``div#postmenu_N``); the date as text in the header cell beside ``<a name="postN">``
  ("10-05-2006, 01:16 PM", "Today, 03:12 PM", "Posted Apr 11, 2020, 1:02 PM"); quotes as a
  "Quote:" label over a table (or a themed ``div.panel``) with "Originally Posted by <strong>X</strong>"
  and a link to the quoted post; "Last edited by X; date" in an ``<em>`` after the message.
- **vBulletin 4**: ``<li id="post_N" class="postcontainer">``; ``.username``; ``span.date``
  ("08.11.2009, 11:49" with ``span.time``); ``div.bbcode_container > div.bbcode_quote`` with
  ``.bbcode_postedby``; ``blockquote.lastedited`` ("Last edited by X; date", "Geändert von X (date)").
- **vBulletin 5**: ``<li class="b-post" data-node-id data-node-publishdate>`` (a Unix time),
  ``[itemprop=author] .author``, ``.js-post__content-text``, ``a.b-post__count``, ``.b-post__edit``.

Dates are text on vBulletin 3 and 4: they are read in the page's ``<html lang>`` and in the time
zone the footer states ("All times are GMT -5", "Alle Zeitangaben in WEZ +2", "Fuseau horaire
GMT +1"), relative days ("Today", "Gestern") against the capture time (:class:`parsers.clock.ForumClock`).
Numeric dates are read day-first or month-first as the page's own dates prove (a first number
above 12 is a day), else as the language writes them.

Speed: the page is read in one pass over a few tag names (:class:`_PageParts`; an XPath walk
testing ids or classes costs as much as that whole pass), each post in one pass over its own
elements with its message taken out (:meth:`_Raw.read`), and the message on its own.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin

from parsel import Selector

from .clock import ForumClock
from .dates import from_unix, parse_iso
from .html_text import drop_node, element_text, inner_html, sanitise
from .markup import has_class, inside, json_ld_documents, page_language
from .markup import xpath as _X
from .models import Author, Link, PageResult, Post, Quote, Thread
from .urls import absolute, without_session
from .values import words as _words

ENGINE = "vbulletin"


# Document level. Detection reads these; parsing reads the page in one pass (see _PageParts):
# whole-page XPath walks that test ids or classes cost as much as that pass each.
_GENERATOR = _X("/html/head/meta[@name='generator']/@content | /html/body/meta[@name='generator']/@content")
_BODIES = _X("//div[starts-with(@id, 'post_message_')]")
_NODE_ITEMS = _X("//li[@data-node-id]")
_A_NEXT = _X("//a[@rel='next']/@href")
_PAGE_TAGS = ("div", "li", "span", "td", "dd", "h1", "form", "input", "ul", "script", "link", "meta", "base", "title")
_POST_TAGS = ("a", "span", "div", "td", "time", "em", "blockquote", "fieldset")

_POST_MESSAGE = re.compile(r"^post_message_(\d+)$")
_PROFILE_ID = re.compile(r"(?:[?&;]u=|[?&]userid=|/members?/|member\.php/)(\d+)")
_QUOTED_POST = re.compile(r"(?:[?&]p=|#post|[-/]post)(\d+)")
_THREAD_IN_URL = (
    re.compile(r"[?&]t=(\d+)"),
    re.compile(r"showthread\.php/(\d+)"),
    re.compile(r"/(\d+)-[^/?#]*?(?:-\d+)?\.html"),  # vBSEO: /forum/name/1234-title.html, -2.html for page 2
    re.compile(r"/threads/(\d+)"),
    re.compile(r"/(\d+)-[^/?#]+(?:/page\d+)?/?(?:[?#]|$)"),  # vBulletin 5: /forum/name/1234-title/page2
)
_PAGE_IN_URL = re.compile(r"(?:[?&]page=|/page-?)(\d+)")
_NUMBERS = re.compile(r"\d[\d.,\u00a0\u202f]*")
_TWO_NUMBERS = re.compile(r"^\D{0,20}?(\d+)\D{1,12}?(\d+)\s*$")
_QUOTE_LABEL = re.compile(
    r"^(?:quote|zitat|citation|cita|citazione|citaat|citação|cytat|цитата|alıntı|lainaus|idézet|citát|citat|sitat)\s*:$",
    re.IGNORECASE)
_EDITED = re.compile(
    r"^\s*(?P<lead>[^;:(]{2,60}?)\s+(?:by|von|par|door|por|da|av|przez|от)\s+(?P<who>[^;(]+?)\s*(?:;|\()\s*"
    r"(?P<when>[^)]*?)\s*\)?\s*\.?\s*(?:(?:Reason|Grund|Raison|Motif|Motivo|Reden)\s*:.*)?$",
    re.DOTALL | re.IGNORECASE)
_TIME_ZONE = re.compile(r"\b(?:GMT|UTC|WEZ)\s*(?:(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?:(?P<sep>[.:,])(?P<part>\d{1,2}))?)?")
_PAGE_PARAM = re.compile(r"(?<=[?&])(?:page|p|pp)=[^&#]*&?")
_SKIP_IMAGE = ("/smilies/", "/smileys/", "images/misc/", "images/buttons/", "images/statusicon/")

# --- Dates ----------------------------------------------------------------------------------


def utc_offset(text: str | None) -> timedelta | None:
    """The offset a footer states: "All times are GMT -5" is -5 hours; "GMT +5.5" and "GMT +5:30" are 5h30."""
    match = _TIME_ZONE.search(text or "")
    if not match:
        return None
    if not match.group("sign"):
        return timedelta(0)
    minutes = int(match.group("hours")) * 60
    part = match.group("part")
    if part:
        minutes += int(part) if match.group("sep") == ":" else round(float("0." + part) * 60)
    return timedelta(minutes=minutes if match.group("sign") == "+" else -minutes)


# --- Detection -------------------------------------------------------------------------------


def detect(doc: Selector) -> bool:
    """True for pages rendered by vBulletin 3, 4 or 5."""
    root = doc.root
    if root.get("id") == "vbulletin_html":
        return True
    if any("vbulletin" in (content or "").lower() for content in _GENERATOR(root)):
        return True
    return bool(_BODIES(root)) or any(_is_vb5_post(item) for item in _NODE_ITEMS(root))


def _is_vb5_post(item) -> bool:
    return "b-post" in (item.get("class") or "").split()


# --- The page --------------------------------------------------------------------------------


class _PageParts:
    """Everything page-level the parser reads, found in one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.bodies: list = []
        self.vb5_items: list = []
        self.titles: list[tuple[int, object]] = []  # (rank, element): lower ranks are surer
        self.breadcrumb = self.vb5_breadcrumb = self.stats = self.footer = self.tag_cell = None
        self.navbar_spans: list = []
        self.reload_links: list[str] = []
        self.pagination: list = []
        self.page_current = self.page_total = None
        self.thread_inputs: list[str] = []
        self.node_inputs: list[str] = []
        self.json_ld: list[str] = []
        self.time_hints: list = []
        self.errors: list = []
        self.login = False
        self.canonical = self.link_next = self.base = self.og_title = self.page_title = None
        for node in root.iter(*_PAGE_TAGS):
            tag = node.tag
            node_id = node.get("id")
            classes = node.get("class") or ""
            if tag == "div":
                if node_id:
                    if node_id.startswith("post_message_"):
                        self.bodies.append(node)
                    elif node_id == "footer_time":
                        self.footer = node
                    elif node_id in ("postpagestats_above", "postpagestats") and self.stats is None:
                        self.stats = node
                    elif node_id == "breadcrumb" and self.breadcrumb is None:
                        self.breadcrumb = node
                if "pagenav" in classes or "pagination" in classes:
                    self.pagination.append(node)
                elif "standard_error" in classes:
                    self.errors.append(node)
                text = node.text
                if text and ("GMT" in text or "UTC" in text or "WEZ" in text):
                    self.time_hints.append(node)
            elif tag == "span":
                if "threadtitle" in classes:
                    self.titles.append((1, node))
                elif classes == "navbar":
                    self.navbar_spans.append(node)
                elif node_id == "mb_page_current":
                    self.page_current = element_text(node)
                elif node_id == "mb_page_total":
                    self.page_total = element_text(node)
            elif tag == "li":
                if node.get("data-node-id") and _is_vb5_post(node):
                    self.vb5_items.append(node)
            elif tag == "td":
                if classes == "navbar":
                    strong = node.find("strong")
                    if strong is not None:
                        self.titles.append((3, strong))
                    self.reload_links.extend(a.get("href") for a in node.findall("a") if a.get("href"))
                elif node_id == "tag_list_cell":
                    self.tag_cell = node
                elif classes == "panelsurround":
                    self.errors.append(node)
            elif tag == "h1":
                if "threadtitle" in classes or "main-title" in classes:
                    self.titles.append((2, node))
            elif tag == "dd":
                if node_id == "tag_list_cell":
                    self.tag_cell = node
            elif tag == "form":
                if "pagination" in classes:
                    self.pagination.append(node)
            elif tag == "input":
                name, value = node.get("name"), node.get("value") or ""
                if name in ("searchthreadid", "t", "threadid") and value.isdigit():
                    self.thread_inputs.append(value)
                elif name == "nodeid" and value.isdigit():
                    self.node_inputs.append(value)
                elif name in ("vb_login_username", "vb_login_password") and not (node_id or "").startswith("navbar_"):
                    self.login = True  # a login form on the page itself; every guest page has one in the navbar
            elif tag == "ul":
                if node_id == "breadcrumbs":
                    self.vb5_breadcrumb = node
            elif tag == "script":
                if node.get("type") == "application/ld+json" and node.text:
                    self.json_ld.append(node.text)
            elif tag == "link":
                rel = node.get("rel")
                if rel == "canonical" and self.canonical is None:
                    self.canonical = node.get("href")
                elif rel == "next" and self.link_next is None:
                    self.link_next = node.get("href")
            elif tag == "meta":
                if node.get("property") == "og:title" and self.og_title is None:
                    self.og_title = node.get("content")
            elif tag == "base":
                self.base = self.base or node.get("href")
            elif tag == "title" and self.page_title is None:
                self.page_title = _words([element_text(node)])


# --- Parsing ---------------------------------------------------------------------------------


class _Raw:
    """One post: its elements and what its header says, read in one pass over the post."""

    __slots__ = (
        "attachment_regions",
        "author_fallback",
        "author_node",
        "body",
        "container",
        "date_text",
        "edit_nodes",
        "generation",
        "likes",
        "machine_time",
        "number",
        "permalink",
        "post_id",
        "thanks",
        "thumbs",
        "unix_time",
    )

    def __init__(self, post_id: str, container, body, generation: int) -> None:
        self.post_id, self.container, self.body, self.generation = post_id, container, body, generation
        self.date_text = self.unix_time = self.machine_time = self.permalink = None
        self.number: int | None = None  # the post's number in the thread ("#12")
        self.author_node = self.author_fallback = self.likes = self.thanks = self.thumbs = None
        self.edit_nodes: list = []
        self.attachment_regions: list = []

    def read(self) -> None:
        """One pass over the post with its message taken out of it (the message is read on its own)."""
        post_id = self.post_id
        drop_node(self.body)
        date_node = anchor_parent = thead = None
        for node in self.container.iter(*_POST_TAGS):
            tag = node.tag
            classes = node.get("class") or ""
            if tag == "a":
                node_id, name = node.get("id"), node.get("name")
                if node_id == f"postcount{post_id}":
                    self.number = _int(name) or self.number
                    self.permalink = self.permalink or node.get("href")
                elif "postcounter" in classes:
                    self.permalink = node.get("href") or self.permalink
                elif "b-post__count" in classes:
                    self.number = _int(element_text(node).lstrip("#")) or self.number
                    href = node.get("href") or ""
                    if f"p={post_id}" in href or f"#post{post_id}" in href:
                        self.permalink = href
                elif name == f"post{post_id}":
                    anchor_parent = anchor_parent if anchor_parent is not None else node.getparent()
                elif self.author_node is None and ("bigusername" in classes or has_class(classes, "username")):
                    self.author_node = node
            elif tag == "span":
                if date_node is None and has_class(classes, "date"):
                    date_node = node
                elif self.author_node is None and has_class(classes, "username"):
                    self.author_node = node
                elif "post_thumbs" in classes:
                    self.thumbs = node
            elif tag == "div":
                if not classes:
                    if node.get("id") == f"postmenu_{post_id}" and self.author_fallback is None:
                        self.author_fallback = node  # vBulletin 3 guests: the name is the menu holder's text
                    elif (node.get("id") or "").startswith("post_thanks_box_"):
                        self.thanks = node
                    continue
                if thead is None and has_class(classes, "thead"):
                    thead = node
                elif self.author_node is None and (has_class(classes, "username") or "b-post__author" in classes
                                                   or (self.generation == 5 and has_class(classes, "author"))):
                    self.author_node = node
                elif "vbseo_liked" in classes:
                    self.likes = node
                elif has_class(classes, "attachments"):
                    self.attachment_regions.append(node)
                elif "b-post__edit" in classes:
                    self.edit_nodes.append(node)
                elif node.get("id") == f"postmenu_{post_id}" and self.author_fallback is None:
                    self.author_fallback = node
                elif (node.get("id") or "").startswith("post_thanks_box_"):
                    self.thanks = node
            elif tag == "td":
                if thead is None and has_class(classes, "thead"):
                    thead = node
            elif tag == "time":
                if date_node is None:
                    date_node = node
                    self.machine_time = node.get("datetime")
            elif tag == "em":
                # vBulletin 3's note: <div class="smallfont"><hr /><em>Last edited by …</em></div> (a
                # signature's <em> is not one).
                parent = node.getparent()
                if parent is not None and "smallfont" in (parent.get("class") or ""):
                    self.edit_nodes.append(node)
            elif tag == "blockquote":
                if "lastedited" in classes:
                    self.edit_nodes.insert(0, node)
            elif tag == "fieldset" and not any(inside(node, region) for region in self.attachment_regions):
                self.attachment_regions.append(node)
        if date_node is not None:
            self.date_text = element_text(date_node)
        elif anchor_parent is not None:
            self.date_text = element_text(anchor_parent)
        elif thead is not None:
            self.date_text = re.sub(r"#\s*\d+", " ", element_text(thead))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one vBulletin thread page; other vBulletin pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = _PageParts(root)
    raws = _find_posts(page)
    if not raws:
        return _without_posts(page, url)
    base = urljoin(url, page.base.strip()) if page.base and page.base.strip() else url
    for raw in raws:
        raw.read()
    clock = ForumClock(captured_at, timezone(_page_offset(page)), page_language(root), labelled=True)
    clock.learn_order(r.date_text for r in raws[:50])
    canonical = without_session(absolute(url, page.canonical))
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    number, count = _page_numbers(page, url)
    title = _title(page)
    result.thread = Thread(
        id=_thread_id(page, canonical, url, raws), title=title, url=_thread_url(canonical or url, number),
        forum=_breadcrumb(page, title), page=number, page_count=count, tags=_tags(page),
    )
    result.next_page_url = _next_page(root, page, base)
    first_number = _first_number_on_page(page)
    for index, raw in enumerate(raws, start=1):
        position = raw.number or (first_number + index - 1 if first_number else index)
        post = _post(raw, base, url, clock, position, result.errors)
        post.position_on_page = index
        result.posts.append(post)
    _starter(page, result)
    return result


def _without_posts(page: _PageParts, url: str) -> PageResult:
    """vBulletin's message pages ("You are not logged in or you do not have permission…", "Invalid Thread
    specified") are walls; any other page of the forum is not a thread."""
    title = page.page_title or ""
    if page.errors:
        message = _words([element_text(page.errors[0])]) or title
        reason = f"login required: {message}" if page.login else f"error page: {message}"
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=reason[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"vBulletin page without posts: {title}")


def _find_posts(page: _PageParts) -> list[_Raw]:
    raws: list[_Raw] = []
    seen: set[str] = set()
    for body in page.bodies:
        match = _POST_MESSAGE.match(body.get("id") or "")
        # Some themes repeat the previous post's id on an advertising block: the first one is the post.
        if not match or match.group(1) in seen:
            continue
        post_id = match.group(1)
        seen.add(post_id)
        container = _container(body, post_id)
        raws.append(_Raw(post_id, container, body, 4 if container.tag == "li" else 3))
    if raws:
        return raws
    for item in page.vb5_items:
        post_id = item.get("data-node-id")
        body = next((div for div in item.iter("div") if "js-post__content-text" in (div.get("class") or "")
                     or div.get("itemprop") == "text"), None)
        if not post_id or post_id in seen or body is None:
            continue
        seen.add(post_id)
        raw = _Raw(post_id, item, body, 5)
        raw.unix_time = item.get("data-node-publishdate")
        raws.append(raw)
    return raws


def _container(body, post_id: str):
    """The element around the whole post: ``li#post_N`` (4); on 3, ``div#editN`` around ``table#postN``
    (or a themed ``div#postN``), since boxes such as the thanks list follow the table inside it."""
    wanted = (f"post_{post_id}", f"post{post_id}")
    found = None
    for ancestor in body.iterancestors():
        ancestor_id = ancestor.get("id")
        if ancestor_id == f"edit{post_id}":
            return ancestor
        if found is None and ancestor_id in wanted:
            if ancestor.tag == "li":
                return ancestor
            found = ancestor
    if found is not None:
        return found
    # No known container: the message's grandparent, so that the message itself can be taken out of it.
    parent = body.getparent()
    grandparent = parent.getparent() if parent is not None else None
    return grandparent if grandparent is not None else parent


def _post(raw: _Raw, base: str, page_url: str, clock: ForumClock, position: int, errors: list[str]) -> Post:
    post_id, body = raw.post_id, raw.body
    author = _author(raw, base)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = from_unix(raw.unix_time) or clock.read(raw.date_text) or parse_iso(raw.machine_time)
    if published is None:
        errors.append(f"post {post_id}: no publication time found"
                      + (f" (could not read {raw.date_text!r})" if raw.date_text else ""))
    edited_at, edited_by = _edit_notice(raw, clock)
    for node in list(body.iter("script", "style", "noscript")):
        drop_node(node)
    _show_real_addresses(body, base)
    html = sanitise(inner_html(body))
    found = _top_level_quotes(body)
    quotes = [_quote(node, box) for node, box in found]
    for node, _box in found:
        drop_node(node)
    links, images, attachments = _references(body, raw, base)
    permalink = without_session(absolute(base, raw.permalink)) if raw.permalink else None
    return Post(
        post_id=post_id,
        url=permalink or f"{page_url.split('#')[0]}#post{post_id}",
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


def _author(raw: _Raw, base: str) -> Author:
    node = raw.author_node if raw.author_node is not None else raw.author_fallback
    if node is None:
        return Author(name=None)
    name = _words([element_text(node)]) or None
    link = node if node.tag == "a" else next((a for a in node.iter("a") if a.get("href")), None)
    url = without_session(absolute(base, link.get("href"))) if link is not None else None
    if url and not _PROFILE_ID.search(url) and "member" not in url:
        url = None  # an avatar or popup link, not a profile
    return Author(name=name, id=_profile_id(url), url=url)


def _edit_notice(raw: _Raw, clock: ForumClock) -> tuple[datetime | None, str | None]:
    """Editor and time of "Last edited by X; date" (3: ``<em>``; 4: ``blockquote.lastedited``; 5: ``.b-post__edit``)."""
    for node in raw.edit_nodes:
        match = _EDITED.match(element_text(node))
        if match:
            return clock.read(match.group("when")), match.group("who").strip() or None
    return None, None


# --- Quotes ----------------------------------------------------------------------------------


def _top_level_quotes(element) -> list[tuple]:
    """(the node to remove, the quote box) for each quote in ``element`` not inside another quote."""
    found = []
    for div in element.iter("div"):
        if div is element:
            continue
        box = _quote_box(div)
        if box is not None and not any(inside(div, outer) for outer, _ in found):
            found.append((div, box))
    return found


def _quote_box(div):
    """The box of a quote when ``div`` is one: vBulletin 4/5 ``div.bbcode_container`` holding a
    ``div.bbcode_quote``, or vBulletin 3's wrapper (a "Quote:" label, then a table or a panel)."""
    classes = div.get("class") or ""
    if "bbcode_container" in classes:
        for child in div:
            if child.tag == "div" and "bbcode_quote" in (child.get("class") or ""):
                return child
        return None
    first = next((child for child in div if isinstance(child.tag, str)), None)
    if first is None or first.tag != "div":
        return None
    box = first.getnext()
    while box is not None and not isinstance(box.tag, str):
        box = box.getnext()
    if box is None or box.tag not in ("table", "div"):
        return None
    label = _words([element_text(first)])
    if len(label) > 25 or not label.endswith(":") or "code" in label.lower():
        return None
    if box.tag == "table" or _QUOTE_LABEL.match(label):
        return box
    return None


def _quote(node, box) -> Quote:
    """A quote and those nested in it. Quote boxes give no time; the post link gives the quoted post."""
    citation_node, contents = _quote_parts(box)
    citation = _words([element_text(citation_node)]) if citation_node is not None else None
    author = post_id = None
    if citation_node is not None:
        strong = next(citation_node.iter("strong", "b"), None)
        author = _words([element_text(strong)]) if strong is not None else None
        if not author and citation:
            author = re.sub(r"^.*?\b(?:by|von|par|de)\s+", "", citation, flags=re.IGNORECASE) or None
        for anchor in citation_node.iter("a"):
            match = _QUOTED_POST.search(anchor.get("href") or "")
            if match:
                post_id = match.group(1)
                break
    nested = _top_level_quotes(contents)
    quotes = [_quote(inner, inner_box) for inner, inner_box in nested]
    for inner, _box in nested:
        drop_node(inner)
    return Quote(author=author or None, author_id=None, post_id=post_id, thread_id=None, published_at=None,
                 citation=citation, text=element_text(contents), quotes=quotes)


def _quote_parts(box):
    """(citation element or None, contents element) of a quote box."""
    if box.tag == "table":
        box = next(box.iter("td"), box)
    holder = box
    for child in box:
        if child.tag == "div" and "quote_container" in (child.get("class") or ""):
            holder = child  # vBulletin 4/5
            break
    citation = contents = None
    for child in holder:
        if not isinstance(child.tag, str):
            continue
        classes = child.get("class") or ""
        if "bbcode_postedby" in classes:
            citation = child
        elif has_class(classes, "message"):
            contents = child
    if citation is None and contents is None:
        # vBulletin 3: <div>Originally Posted by <strong>X</strong> <a …></div><div style="font-style:italic">…</div>
        divs = [child for child in holder if child.tag == "div"]
        if len(divs) >= 2 and next(divs[0].iter("strong", "b"), None) is not None:
            citation, contents = divs[0], divs[1]
    if contents is None:
        contents = holder
        for child in list(holder):
            if child is citation or (child.tag == "div" and "bbcode_quote_container" in (child.get("class") or "")):
                drop_node(child)
    return citation, contents


# --- Links, images, attachments, reactions ---------------------------------------------------


def _show_real_addresses(element, base: str) -> None:
    """Make links and image addresses absolute (vBulletin pages resolve them against ``<base href>``)."""
    for node in element.iter("a", "img"):
        attribute = "href" if node.tag == "a" else "src"
        value = (node.get("data-src") or node.get(attribute)) if node.tag == "img" else node.get(attribute)
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:", "javascript:")):
            value = urljoin(base, value.strip())
        if value:
            node.set(attribute, value)


def _references(body, raw: _Raw, base: str) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, pictures and attachments in the poster's own words (quotes are already out of ``body``),
    and the files attached below the message (vBulletin 4 ``div.attachments``, vBulletin 3 fieldsets)."""
    links, images, attachments = [], [], []
    for node in body.iter("a", "img"):
        if node.tag == "a":
            href = node.get("href")
            if not href or href.startswith(("#", "javascript:")):
                continue
            if "attachment" in href:
                if next(node.iter("img"), None) is None:
                    attachments.append(Link(without_session(href), element_text(node) or None))
                continue  # an attached picture's full-size link is recorded with the picture
            links.append(Link(href, element_text(node) or None))
        else:
            src = node.get("src")
            if _is_picture(node, src):
                parent = node.getparent()
                full = parent.get("href") if parent is not None and parent.tag == "a" and "attachment" in (parent.get("href") or "") else None
                images.append(Link(without_session(full or src), node.get("alt") or None))
    for region in raw.attachment_regions:
        for node in region.iter("a", "img"):
            if node.tag == "a":
                href = absolute(base, node.get("href"))
                if href and next(node.iter("img"), None) is None:
                    attachments.append(Link(without_session(href), element_text(node) or None))
            else:
                parent = node.getparent()
                src = absolute(base, parent.get("href") if parent is not None and parent.tag == "a" else None) \
                    or absolute(base, node.get("src"))
                if src and _is_picture(node, node.get("src")):
                    images.append(Link(without_session(src), node.get("alt") or None))
    return links, images, attachments


def _is_picture(img, src: str | None) -> bool:
    """A picture the poster posted, not a smiley or a forum icon."""
    if not src or src.startswith("data:"):
        return False
    return "inlineimg" not in (img.get("class") or "") and not any(part in src for part in _SKIP_IMAGE)


def _reactions(raw: _Raw) -> dict[str, int]:
    """vBSEO likes ("A, B and 2 others like this"), the thanks hack's box, thumbs-up counts."""
    reactions: dict[str, int] = {}
    if raw.likes is not None:
        count = 0
        for anchor in raw.likes.iter("a"):
            numbers = _NUMBERS.findall(element_text(anchor))
            count += (_int(numbers[0]) or 0) if numbers else 1
        if count:
            reactions["Like"] = count
    if raw.thanks is not None:
        numbers = _NUMBERS.findall(element_text(raw.thanks))
        count = _int(numbers[0]) if numbers else sum(1 for a in raw.thanks.iter("a") if "member" in (a.get("href") or ""))
        if count:
            reactions["Thanks"] = count
    if raw.thumbs is not None:
        tool = next((s for s in raw.thumbs.iter("span") if has_class(s.get("class") or "", "tool")), None)
        count = _int(element_text(tool)) if tool is not None else None
        if count:
            reactions["Thumbs up"] = count
    return reactions


# --- Thread ----------------------------------------------------------------------------------


def _page_offset(page: _PageParts) -> timedelta:
    # The footer states the zone; it comes after the posts, so the last mention of "GMT" wins over a post's.
    for node in ([page.footer] if page.footer is not None else []) + page.time_hints[::-1]:
        offset = utc_offset(element_text(node))
        if offset is not None:
            return offset
    return timedelta(0)


def _thread_id(page: _PageParts, canonical: str | None, url: str, raws: list[_Raw]) -> str | None:
    if page.thread_inputs:
        return page.thread_inputs[0]
    for candidate in (canonical, url, *page.reload_links):
        for pattern in _THREAD_IN_URL:
            match = pattern.search(candidate or "")
            if match:
                return match.group(1)
    if raws[0].generation == 5 and page.node_inputs:
        return page.node_inputs[0]
    return None


def _title(page: _PageParts) -> str | None:
    for _rank, node in sorted(page.titles, key=lambda item: item[0]):
        title = _words([element_text(node)])
        if title:
            return title
    return _words([page.og_title or page.page_title or ""]) or None


def _breadcrumb(page: _PageParts, title: str | None) -> list[str]:
    """Forum names above the thread, outermost first (the thread itself left out)."""
    names: list[str] = []
    if page.breadcrumb is not None:
        for item in page.breadcrumb.iter("li"):
            classes = item.get("class") or ""
            if "navbit" in classes and "lastnavbit" not in classes and "navbithome" not in classes:
                names.append(_words([element_text(item)]))
    elif (ld := _json_ld_crumbs(page.json_ld)):
        names = ld
    elif page.navbar_spans:
        # vBulletin 3 prints the navigation bar above and below the posts: read the first one.
        holder = page.navbar_spans[0].getparent()
        names = [_words([element_text(a)]) for span in page.navbar_spans if span.getparent() is holder
                 for a in span.findall("a")]
    elif page.vb5_breadcrumb is not None:
        for item in page.vb5_breadcrumb.iter("li"):
            if next(item.iter("a"), None) is not None:
                names.append(_words([element_text(item)]))
    return [name for name in names if name and name != title]


def _json_ld_crumbs(scripts: list[str]) -> list[str]:
    for data in json_ld_documents(scripts, "BreadcrumbList"):
        items = data.get("itemListElement") if isinstance(data, dict) else None
        if isinstance(items, list):
            linked = [i for i in items if isinstance(i, dict) and i.get("item") and i.get("name")]
            return [" ".join(str(i["name"]).split()) for i in linked]
    return []


def _page_numbers(page: _PageParts, url: str) -> tuple[int, int]:
    """Page N of M: "Page 1 of 10" (3, 4, in any language), vBulletin 5's page box, else the URL."""
    for holder in page.pagination:
        for node in holder.iter("a", "td", "div", "span"):
            classes = node.get("class") or ""
            if not ("popupctrl" in classes or "vbmenu_control" in classes
                    or (node.tag == "div" and node.find("strong") is not None)):
                continue
            match = _TWO_NUMBERS.match(_words([element_text(node)]))
            if match and 1 <= int(match.group(1)) <= int(match.group(2)):
                return int(match.group(1)), int(match.group(2))
    current, total = _int(page.page_current), _int(page.page_total)
    if current is None:
        for holder in page.pagination:
            if "pagenav-controls" in (holder.get("class") or ""):
                box = next((i for i in holder.iter("input") if "js-pagenum" in (i.get("class") or "")), None)
                shown = next((s for s in holder.iter("span") if "pagetotal" in (s.get("class") or "")), None)
                current = _int(box.get("value")) if box is not None else None
                total = _int(element_text(shown)) if shown is not None else None
                break
    if current and total and current <= total:
        return current, total
    match = _PAGE_IN_URL.search(url)
    number = int(match.group(1)) if match else 1
    return number, number


def _first_number_on_page(page: _PageParts) -> int | None:
    """The first post's number: "Results 16 to 30 of 147" above the posts (4), else the title of the
    current page in the page links ("Showing results 16 to 30 of 33"), in any language: the first number."""
    texts = [element_text(page.stats)] if page.stats is not None else []
    for holder in page.pagination:
        for node in holder.iter("span"):
            classes = node.get("class") or ""
            if "selected" in classes or node.find("strong") is not None:
                anchor = node.find("a")
                texts.append(node.get("title") or (anchor.get("title") if anchor is not None else "") or "")
    for text in texts:
        numbers = [_int(n) for n in _NUMBERS.findall(text)]
        if len(numbers) >= 3 and numbers[0]:
            return numbers[0]
    return None


def _thread_url(address: str, page: int) -> str:
    """The thread's first-page URL: the page markers of vBulletin's URL styles removed."""
    address = without_session(address.split("#", 1)[0])
    address = _PAGE_PARAM.sub("", address).rstrip("?&")
    if page > 1:
        address = re.sub(rf"-{page}\.html(?=$|\?)", ".html", address)
        address = re.sub(rf"/page-?{page}/?(?=$|\?)", "/", address)
    return address


def _next_page(root, page: _PageParts, base: str) -> str | None:
    """The pagination's "next" link (``a[rel=next]``; vBulletin 5's next button), else ``<link rel=next>``."""
    candidates = [a.get("href") for holder in page.pagination for a in holder.iter("a")
                  if a.get("rel") == "next" or "js-pagenav-next-button" in (a.get("class") or "")]
    candidates.append(page.link_next)
    if not any(candidates):
        candidates = _A_NEXT(root)  # a themed pagination the page pass did not recognise
    for href in candidates:
        href = (href or "").strip()
        if href and not href.startswith(("javascript:", "#")):
            return without_session(urljoin(base, href).split("#", 1)[0])
    return None


def _tags(page: _PageParts) -> list[str]:
    if page.tag_cell is None:
        return []
    return list(dict.fromkeys(t for t in (_words([element_text(a)]) for a in page.tag_cell.iter("a")) if t))


def _starter(page: _PageParts, result: PageResult) -> None:
    """The thread's starter and start time: schema.org's DiscussionForumPosting, else the first post of page 1."""
    thread = result.thread
    for data in json_ld_documents(page.json_ld, "DiscussionForumPosting"):
        author = data.get("author") if isinstance(data, dict) else None
        if isinstance(author, dict) and author.get("name"):
            url = author.get("url")
            thread.starter = Author(name=author["name"], id=_profile_id(url), url=url)
            thread.started_at = parse_iso(data.get("datePublished") or data.get("dateCreated"))
            break
    if thread.page == 1 and result.posts and result.posts[0].position == 1:
        first = result.posts[0]
        thread.starter = thread.starter or first.author
        thread.started_at = thread.started_at or first.published_at


# --- Small helpers ---------------------------------------------------------------------------


def _profile_id(url: str | None) -> str | None:
    match = _PROFILE_ID.search(url or "")
    return match.group(1) if match else None


def _int(value) -> int | None:
    try:
        return int(re.sub(r"[\s.,\u00a0\u202f]", "", str(value)))
    except (TypeError, ValueError):
        return None


