"""MyBB (1.8, with the 1.6 table layout where it differs).

MyBB prints no machine-readable times: post dates are text in the board's date format
("2019-02-23, 09:14 PM", "02-23-2019, 09:14 PM"), or relative ("Yesterday, 09:14 PM",
"5 hours ago") with the absolute date in the ``title`` of a ``<span>`` around the relative part.
The span's title is read in place of its words. The board's time zone is not printed; the footer's
"Current time: ..." gives it when the page was captured the same day (its offset from the capture
time, to the quarter hour); otherwise times are read as UTC, MyBB's default zone.

Markup this reads:

- posts: ``div.post#post_N`` (1.8; ``table#post_N`` in 1.6) with ``.post_body#pid_N``; the author
  is ``.post_author .largetext a`` (a bare name for guests), the time ``.post_date``, the post's
  number in the thread the "#N" permalink of ``.post_head``;
- quotes: ``blockquote.mycode_quote > cite`` ("<span> (date)</span>X Wrote: <a class="quick_jump"
  href="...#pidN">"); unattributed quotes cite "Quote:"; quotes nest;
- edit notices: ``.post_edit .edited_post`` "(This post was last modified: <date> by <a>X</a>. ...)";
- left out of the poster's words: the signature, the edit notice, "Code:" titles of code blocks,
  attachment lists (recorded as attachments and images instead);
- pagination: ``.pagination`` (not the forum's own in the breadcrumb) with
  ``.pagination_current`` and ``a.pagination_next``; breadcrumbs ``.navigation .nav_bit``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin

from parsel import Selector

from .clock import UTC, ForumClock
from .html_text import drop_node, element_text, inner_html, sanitise
from .markup import language_tag, top_level_blockquotes
from .markup import xpath as _X
from .models import Author, Link, PageResult, Post, Quote, Thread
from .values import first as _first
from .values import to_int as _int
from .values import words as _words

ENGINE = "mybb"


_MYBB_SCRIPT = _X("/html/head/script[contains(., 'my_post_key') or contains(., 'MyBBEditor')]")
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_PAGE_TITLE = _X("/html/head/title/text()")
# MyBB's error template: a table of two rows, the board's name as title and the message.
_ERROR_MESSAGE = _X("//table[contains(@class, 'tborder')][count(.//tr) = 2]"
                    "[.//td[contains(@class, 'thead')]]//td[contains(@class, 'trow1')]")

_POST_ID = re.compile(r"^post_(\d+)$")
_BODY_ID = re.compile(r"^pid_(\d+)$")
_USER_ID = re.compile(r"(?:[?&;]uid=|user-)(\d+)")
_THREAD_ID = re.compile(r"(?:[?&;]tid=|thread-)(\d+)")
_QUOTED_POST = re.compile(r"(?:[?&;#]pid=?|post-)(\d+)")
_POST_NUMBER = re.compile(r"^#\s*(\d+)$")
_PAGE_IN_URL = re.compile(r"(?:-page-\d+(?=\.html)|[?&;]page=\d+|/page-\d+/?$)")
# "X Wrote:" in MyBB's language packs; "Quote:" alone is an unattributed quote.
_WROTE = re.compile(r"^(?P<who>.+?)\s+(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|napisał"
                    r"|написал|skrev|kirjoitti|napsal|yazdı|έγραψε)\s*:?\s*$", re.S | re.I)
_YEAR = re.compile(r"\d{4}")

_QUOTES = frozenset({"blockquote"})
_QUOTE_SKIP = frozenset({"blockquote", "cite"})


def detect(doc: Selector) -> bool:
    """True for pages rendered by MyBB: its header script (``my_post_key``), or ``#post_N`` posts
    holding a ``.post_body#pid_N``."""
    root = doc.root
    if _MYBB_SCRIPT(root):
        return True
    for div in root.iter("div"):
        if _BODY_ID.match(div.get("id") or "") and "post_body" in (div.get("class") or "").split():
            return any(_POST_ID.match(a.get("id") or "") for a in div.iterancestors("div", "table"))
    return False


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one MyBB thread page; other pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = _PageParts(root)
    if not page.posts:
        return _without_posts(root, page, url)
    canonical = _first(_CANONICAL(root))
    result = PageResult(kind="thread_page", url=url, engine=ENGINE,
                        canonical_url=urljoin(url, canonical) if canonical else None)
    clock = ForumClock(captured_at, _zone(page, captured_at), language_tag(root))
    thread = result.thread = _thread(root, page, url, canonical)
    next_link = page.pagination_link("pagination_next")
    result.next_page_url = urljoin(url, next_link).split("#", 1)[0] if next_link else None
    parts = [_PostParts(node) for node in page.posts]
    clock.learn_order(p.date_text() for p in parts)
    for index, post_parts in enumerate(parts, start=1):
        post = _post(post_parts, url, clock, index, result.errors)
        if post is not None:
            result.posts.append(post)
    if thread.page == 1 and result.posts:
        thread.starter = result.posts[0].author
        thread.started_at = result.posts[0].published_at
    return result


def _without_posts(root, page: _PageParts, url: str) -> PageResult:
    title = _words(_PAGE_TITLE(root))
    if page.login_form is not None:
        # "You do not have permission to access this page. This could be because of ..."
        form = next(page.login_form.iterancestors("form"), None)
        said = next((_words([element_text(td)]) for td in (form if form is not None else page.login_form).iter("td")
                     if "trow1" in (td.get("class") or "")), "")
        said = said.split(". ", 1)[0].split("\n", 1)[0].rstrip(".")
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {said or title}"[:500])
    message = _first(_ERROR_MESSAGE(root))
    if message is not None:
        return PageResult(kind="blocked", url=url, engine=ENGINE,
                          reason=f"error page: {_words([element_text(message)]) or title}"[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"MyBB page without posts: {title}")


class _PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.posts, self.paginations, self.crumbs = [], [], []
        self.active_crumb = self.thread_input = self.current_time = self.login_form = None
        self.navigation = None
        for node in root.iter("div", "table", "span", "input"):
            tag, classes = node.tag, (node.get("class") or "").split()
            if tag in ("div", "table") and _POST_ID.match(node.get("id") or ""):
                self.posts.append(node)
            elif tag == "div":
                if "pagination" in classes and "pagination_breadcrumb" not in classes:
                    self.paginations.append(node)
                elif "navigation" in classes and self.navigation is None:
                    self.navigation = node
            elif tag == "span":
                if "nav_bit" in classes:
                    self.crumbs.append(node)
                elif "active" in classes and self.active_crumb is None and _inside_class(node, "navigation"):
                    self.active_crumb = node
                elif node.get("id") == "current_time":
                    self.current_time = node
            elif tag == "input":
                name, value = node.get("name"), node.get("value")
                if name == "tid" and self.thread_input is None and (value or "").isdigit():
                    self.thread_input = value
                elif name == "action" and value == "do_login" and self.login_form is None and not any(
                        a.get("id") == "quick_login" for a in node.iterancestors("div")):
                    self.login_form = node  # the login box of "You do not have permission", not the header's

    def pagination_link(self, name: str) -> str | None:
        for pagination in self.paginations:
            for anchor in pagination.iter("a"):
                if name in (anchor.get("class") or "").split() and anchor.get("href"):
                    return anchor.get("href")
        return None


def _inside_class(node, name: str) -> bool:
    return any(name in (a.get("class") or "").split() for a in node.iterancestors("div"))


def _zone(page: _PageParts, captured_at: datetime):
    """The board's offset from UTC, from the footer's "Current time: ..." read against the capture
    time (to the quarter hour); UTC when the page has none or was not captured when it says."""
    if page.current_time is None:
        return UTC
    label = page.current_time.find("strong")  # "<strong>Current time:</strong> 2026-03-05, 12:41 PM"
    text = _span_titles_text(page.current_time, skip=label)
    shown = ForumClock(captured_at).read(text)
    if shown is None:
        return UTC
    difference = shown - captured_at
    if not _YEAR.search(text):  # "Today, 12:41 PM": only the time of day is known
        while difference > timedelta(hours=14):
            difference -= timedelta(days=1)
        while difference < timedelta(hours=-12):
            difference += timedelta(days=1)
    if not timedelta(hours=-12) <= difference <= timedelta(hours=14):
        return UTC
    quarters = round(difference / timedelta(minutes=15))
    return timezone(timedelta(minutes=15 * quarters)) if quarters else UTC


def _thread(root, page: _PageParts, url: str, canonical: str | None) -> Thread:
    title = _words([element_text(page.active_crumb)]) if page.active_crumb is not None else None
    thread_id = page.thread_input
    for candidate in (canonical, url):
        if thread_id is None and candidate:
            match = _THREAD_ID.search(candidate)
            thread_id = match.group(1) if match else None
    number, count = _page_numbers(page.paginations[:1])
    first_page = page.pagination_link("pagination_first")
    if first_page is None and number and number > 1:
        first_page = next((a.get("href") for pagination in page.paginations[:1] for a in pagination.iter("a")
                           if _words(a.itertext()) == "1"), None)
    if canonical:
        thread_url = _PAGE_IN_URL.sub("", urljoin(url, canonical).split("#", 1)[0])
    elif first_page:
        thread_url = urljoin(url, first_page).split("#", 1)[0]
    else:
        thread_url = _PAGE_IN_URL.sub("", url.split("#", 1)[0])
    forum = [name for name in (_words([element_text(crumb)]) for crumb in _crumbs(page)) if name and name != title]
    return Thread(id=thread_id, title=title or _words(_PAGE_TITLE(root)) or None, url=thread_url, forum=forum,
                  page=number or 1, page_count=max(count or 1, number or 1))


def _crumbs(page: _PageParts) -> list:
    """The breadcrumb items: ``span.nav_bit`` (1.8), else the links of ``.navigation`` (1.6), never
    the forum's own page list that 1.8 tucks into the breadcrumb."""
    if page.crumbs or page.navigation is None:
        return page.crumbs
    return [a for a in page.navigation.iter("a")
            if not any("pagination" in (d.get("class") or "") for d in a.iterancestors("div"))]


def _page_numbers(paginations) -> tuple[int | None, int | None]:
    """(this page, page count): ``.pagination_current`` and the highest page number shown."""
    number = count = None
    for pagination in paginations:
        for node in pagination.iter("span", "a"):
            value = _int(_words(node.itertext()))
            if value is None:
                pages = re.search(r"\((\d+)\)", _words(node.itertext()))  # "Pages (2):"
                value = int(pages.group(1)) if pages and "pages" in (node.get("class") or "") else None
            if value is None:
                continue
            if "pagination_current" in (node.get("class") or ""):
                number = value
            count = max(count or 0, value)
    return number, count


class _PostParts:
    """The elements of one post the parser reads, from a single walk of the post."""

    def __init__(self, node) -> None:
        self.node = node
        self.post_id = _POST_ID.match(node.get("id")).group(1)
        self.author_box = self.date = self.body = self.edit = self.head = None
        self.signatures, self.attachment_boxes = [], []
        for child in node.iter("div", "span", "td", "fieldset"):
            classes = child.get("class")
            if child.tag == "fieldset":
                self.attachment_boxes.append(child)
                continue
            if not classes and child.tag != "span":
                continue
            classes = (classes or "").split()
            if child.tag == "span":
                if self.date is None and "post_date" in classes:
                    self.date = child
                elif self.edit is None and ("post_edit" in classes or (child.get("id") or "").startswith("edited_by_")):
                    self.edit = child
            elif self.body is None and "post_body" in classes:
                self.body = child
            elif self.author_box is None and "post_author" in classes:
                self.author_box = child
            elif self.head is None and "post_head" in classes:
                self.head = child
            elif "signature" in classes:
                self.signatures.append(child)
        if self.date is None and self.edit is not None:
            # 1.6: "<span class="smalltext">date, time <span id="edited_by_N">...</span></span>"
            self.date = self.edit.getparent()

    def date_text(self) -> str:
        """The printed post time, the edit notice left out and relative words replaced by the
        absolute date in their ``title``."""
        if self.date is None:
            return ""
        return _span_titles_text(self.date, skip=self.edit)


def _span_titles_text(element, skip=None) -> str:
    """The words of a small element with each titled ``<span>`` read as its title ("Yesterday" ->
    "02-23-2019"), leaving out ``skip``."""
    parts = [element.text or ""]

    def walk(node) -> None:
        for child in node:
            if child is skip:
                pass
            elif child.tag == "span" and child.get("title"):
                parts.append(" " + child.get("title") + " ")
            elif child.tag.__class__ is str:
                parts.append(child.text or "")
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def _post(parts: _PostParts, page_url: str, clock: ForumClock, index: int, errors: list[str]) -> Post | None:
    post_id = parts.post_id
    author = _author(parts, page_url)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = clock.read(parts.date_text())
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(parts.edit, clock)
    _show_real_addresses(body, page_url)
    for box in parts.attachment_boxes:
        _show_real_addresses(box, page_url)
    _drop_chrome(body)
    quotes = [_quote(bq, clock) for bq in top_level_blockquotes(body)]
    links, images, attachments = _references(body, parts.attachment_boxes)
    number, permalink = _number_and_permalink(parts, page_url)
    return Post(
        post_id=post_id,
        url=permalink,
        position=number or index,
        position_on_page=index,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body, skip=_QUOTES),
        html=sanitise(inner_html(body)),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _author(parts: _PostParts, page_url: str) -> Author:
    box = parts.author_box if parts.author_box is not None else parts.node
    for span in box.iter("span"):
        if "largetext" not in (span.get("class") or "").split():
            continue
        anchor = span.find(".//a")
        name = _words(span.itertext()) or None
        if anchor is None or not anchor.get("href"):
            return Author(name=name)  # a guest: the name without a profile link
        url = urljoin(page_url, anchor.get("href"))
        match = _USER_ID.search(url)
        return Author(name=name, id=match.group(1) if match else None, url=url)
    return Author(name=None)


def _number_and_permalink(parts: _PostParts, page_url: str) -> tuple[int | None, str]:
    """The post's number in the thread ("#4") and its own link, from the post head."""
    for anchor in (parts.head if parts.head is not None else parts.node).iter("a"):
        href = anchor.get("href") or ""
        if f"pid{parts.post_id}" in href or f"post-{parts.post_id}" in href:
            match = _POST_NUMBER.match(_words(anchor.itertext()))
            return (int(match.group(1)) if match else None), urljoin(page_url, href)
    return None, urljoin(page_url, f"showthread.php?pid={parts.post_id}#pid{parts.post_id}")


def _edit_notice(edit, clock: ForumClock) -> tuple[datetime | None, str | None]:
    """"(This post was last modified: <date> by <a>X</a>. Edited N times in total.)" -> (time, X).

    Any language: the editor is the link; the date follows the first colon, less the last word ("by").
    """
    if edit is None:
        return None, None
    anchor = edit.find(".//a")
    if anchor is None:
        return None, None
    before = []
    for node in anchor.itersiblings(preceding=True):
        before.append(node.tail or "")
        before.append(_span_titles_text(node) if node.tag.__class__ is str else "")
    parent = anchor.getparent()
    before.append(parent.text or "")
    lead = " ".join("".join(reversed(before)).split())
    when = lead.split(":", 1)[1] if ":" in lead else lead
    when = when.rsplit(None, 1)[0] if len(when.split()) > 1 else when
    return clock.read(when), _words(anchor.itertext()) or None


def _drop_chrome(body) -> None:
    """Remove, in place, what a post body shows that the poster did not write: "Code:" titles
    of code blocks and the empty floats MyBB pads bodies with."""
    doomed = []
    for node in body.iter("div"):
        classes = (node.get("class") or "").split()
        if "codeblock" in classes:
            doomed.extend(child for child in node if child.tag == "div" and "title" in (child.get("class") or ""))
        elif "float_right" in classes and not _words(node.itertext()) and len(node) == 0:
            doomed.append(node)
    for node in doomed:
        drop_node(node)


def _show_real_addresses(element, page_url: str) -> None:
    """Absolute addresses; pictures MyBB serves through its image proxy get their original one."""
    for node in element.iter("a", "img"):
        if node.tag == "img":
            value = node.get("data-original-url") or node.get("src")
            attribute = "src"
        else:
            value, attribute = node.get("href"), "href"
        if value and not value.startswith(("#", "data:", "mailto:", "javascript:")):
            node.set(attribute, urljoin(page_url, value.strip()))


def _references(body, boxes: list) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments of the poster's own words; quoted ones belong to the quote.

    ``attachment.php?aid=N`` links are attachments (a thumbnail inside one makes it a picture,
    linked at full size); smileys are left out.
    """
    links, images, attachments = [], [], []
    for container in [body, *boxes]:
        for node in container.iter("a", "img"):
            if any(a.tag == "blockquote" for a in node.iterancestors()):
                continue
            if node.tag == "a":
                href = node.get("href")
                if not href or href.startswith(("#", "javascript:")):
                    continue
                if "attachment.php" in href:
                    thumbnail = node.find(".//img")
                    if thumbnail is not None:
                        images.append(Link(href, thumbnail.get("alt") or thumbnail.get("title")))
                    else:
                        attachments.append(Link(href, _words(node.itertext()) or None))
                elif container is body:
                    links.append(Link(href, element_text(node) or None))
            else:
                src, classes = node.get("src"), node.get("class") or ""
                parent = node.getparent()
                if not src or src.startswith("data:") or "smilie" in classes:
                    continue
                if parent is not None and parent.tag == "a" and "attachment.php" in (parent.get("href") or ""):
                    continue  # recorded with its link above
                if "attachment" in classes or container is body:
                    images.append(Link(src, node.get("alt") or None))
    return links, images, attachments


def _quote(blockquote, clock: ForumClock) -> Quote:
    """``<blockquote class="mycode_quote"><cite><span> (date)</span>X Wrote: <a class="quick_jump"
    href="...#pidN"></a></cite>words</blockquote>``, and the quotes nested in it."""
    cite = next((child for child in blockquote if child.tag == "cite"), None)
    author = published = citation = thread_id = None
    post_id = blockquote.get("data-pid") or None
    dateline = blockquote.get("data-dateline")
    if dateline and dateline.isdigit():
        published = datetime.fromtimestamp(int(dateline), tz=UTC)
    if cite is not None:
        words = [cite.text or ""]
        for child in cite:
            if child.tag == "span" and published is None:
                published = clock.read(_span_titles_text(child))
            elif child.tag == "a":
                href = child.get("href") or ""
                match = _QUOTED_POST.search(href)
                post_id = post_id or (match.group(1) if match else None)
                match = _THREAD_ID.search(href)  # "showthread.php?tid=N&pid=M#pidM"
                thread_id = thread_id or (match.group(1) if match else None)
            if child.tag not in ("span", "a"):
                words.append(_words(child.itertext()))
            words.append(child.tail or "")
        citation = " ".join("".join(words).split()) or None
        match = _WROTE.match(citation or "")
        author = match.group("who") if match else None
    return Quote(
        author=author,
        author_id=blockquote.get("data-uid") or None,
        post_id=post_id,
        thread_id=thread_id,
        published_at=published,
        citation=citation,
        text=element_text(blockquote, skip=_QUOTE_SKIP),
        quotes=[_quote(bq, clock) for bq in top_level_blockquotes(blockquote)],
    )


