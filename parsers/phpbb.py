"""phpBB 3 (3.0 "prosilver" to 3.3 and the styles built on it).

Sources, most robust first: ``<time datetime>`` in the post's author line (3.2+ styles), the
``data-posttime``/``data-poster-*`` attributes some styles put on ``span.postdetails``, profile
links (``memberlist.php?mode=viewprofile&u=N``), the hidden ``t`` field of the topic search form
(the topic id), and only then printed text. Printed dates are read in the zone the footer names
("All times are <span title="Europe/Paris">UTC+02:00</span>" in 3.1+, "All times are UTC + 1 hour
[ DST ]" in 3.0) and in the page's ``<html lang>`` language, against the capture time.

Markup this reads:

- posts: ``div.post[id=pN]``; the body is ``.postbody .content``; the author and time are in
  ``p.author`` ("by <strong><a>name</a></strong> » Sun Mar 06, 2016 5:45 am") or, in styles whose
  author line only holds the time, in ``dl.postprofile dt``; guests are a ``span.username`` or a
  bare ``<strong>`` name;
- quotes: ``blockquote > div > cite`` ("X wrote:"); 3.2+ adds the quoted member's profile link,
  a link to the quoted post (``data-post-id``, ``viewtopic.php?p=N#pN``) and the quoted post's
  date in ``.responsive-hide``; ``blockquote.uncited`` has no citation. Quotes nest;
- edit notices: ``div.notice`` "Last edited by X on <date>, edited N times in total.";
- left out of the poster's words: the signature, edit notices, the "Code: Select all" header of
  code boxes, attachment boxes (recorded as attachments and images instead);
- pagination: ``.pagination`` (``a[rel=next]`` in 3.1+; in 3.0 the link after the current page's
  ``<strong>``, or the "Next" link of the display options), breadcrumbs ``.crumb`` (3.1+) or
  ``.navlinks .icon-home`` (3.0).

Lookups are done in one pass over a few tag names per page and per post (see ips.py on speed).

:class:`parsers.clock.ForumClock` reads the printed dates (bare dates: the element holds the date alone).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from urllib.parse import urljoin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parsel import Selector

from .clock import UTC, ForumClock
from .dates import from_unix, parse_iso
from .html_text import drop_node, element_text, inner_html, iter_outside, sanitise
from .markup import top_level_blockquotes
from .markup import xpath as _X
from .models import Author, Link, PageResult, Post, Quote, Thread
from .values import first as _first
from .values import to_int as _int
from .values import words as _words

ENGINE = "phpbb"


# Document level.
_IS_PHPBB = _X("/html/body[@id='phpbb']")
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_LINK_NEXT = _X("/html/head/link[@rel='next']/@href")
_PAGE_TITLE = _X("/html/head/title/text()")
_HTML_LANG = _X("/html/@lang | /html/@xml:lang")

_POST_ID = re.compile(r"^p(\d+)$")
_USER_ID = re.compile(r"(?:[?&;]u=|/member(?:list)?[/-]?|-u)(\d+)")
_TOPIC_ID = re.compile(r"(?:[?&;]t=|/t-|-t|/topic)(\d+)")
_POST_LINK_ID = re.compile(r"(?:[?&;]p=|#p)(\d+)")
_START = re.compile(r"(?:[?&;]start=|/start-)(\d+)")
_SID_PARAM = re.compile(r"([?&;])sid=[0-9a-f]{32}(?:[&;]|(?=#)|$)")
_EMPTY_QUERY_PART = re.compile(r"[?&;](?=#|$)")
_START_PARAM = re.compile(r"([?&;])start=\d+(?:[&;]|(?=#)|$)")
_START_PATH = re.compile(r"(?<=/)start-\d+/?$")
_PER_PAGE_JS = re.compile(r"\bper_page\s*=\s*'(\d+)'")
_FOOTER_OFFSET = re.compile(r"(?:UTC|GMT)\s*(?:(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})(?:[:.](?P<minutes>\d{2}))?)?")
_EDITED_EN = re.compile(
    r"Last edited by\s+(?P<who>.+?)\s+on\s+(?P<when>.+?),\s+edited\s+\d+\s+times?\s+in\s+total", re.S)
# What follows the editor's name: "on <date>, edited N times in total." in any language.
_EDIT_TAIL = re.compile(r"^\s*\S+\s+(?P<when>.+),\s*[^,]*\d+[^,]*$", re.S)
# "X wrote:" in phpBB's language packs (the name is a link in 3.2+, so this is the 3.0 fallback).
_WROTE = re.compile(
    r"^(?P<who>.+?)\s+(?:wrote|hat geschrieben|a écrit|escribió|ha scritto|schreef|escreveu|napisał(?:\(a\))?"
    r"|писал(?:\(а\))?|skrev|kirjoitti|napsal|yazdı|έγραψε)\s*:?\s*$", re.S | re.I)

_QUOTES = frozenset({"blockquote"})
_QUOTE_SKIP = frozenset({"blockquote", "cite"})


def detect(doc: Selector) -> bool:
    """True for pages rendered by phpBB 3: ``<body id="phpbb">``, or its ``div.post#pN`` posts."""
    root = doc.root
    if _IS_PHPBB(root):
        return True
    for div in root.iter("div"):
        if _POST_ID.match(div.get("id") or "") and "post" in (div.get("class") or "").split():
            return any("postbody" in (d.get("class") or "").split() for d in div.iter("div"))
    return False


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one phpBB topic page; other pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = _PageParts(root)
    if not page.posts:
        return _without_posts(root, page, url)
    canonical = _first(_CANONICAL(root))
    result = PageResult(kind="thread_page", url=url, engine=ENGINE,
                        canonical_url=_clean_url(url, canonical) if canonical else None)
    clock = ForumClock(captured_at, page.zone(), language_of(root))
    thread = result.thread = _thread(root, page, url, canonical)
    result.next_page_url = _next_page(root, page, url)
    per_page = page.per_page()
    if per_page:
        first_position = (thread.page - 1) * per_page
    else:
        start = _START.search(url)
        first_position = int(start.group(1)) if start else 0
    parts = [_PostParts(div) for div in page.posts]
    clock.learn_order(p.date_text() for p in parts)
    for index, post_parts in enumerate(parts, start=1):
        post = _post(post_parts, url, clock, first_position + index, result.errors)
        if post is not None:
            post.position_on_page = index
            result.posts.append(post)
    if thread.page == 1 and result.posts:
        thread.starter = result.posts[0].author
        thread.started_at = result.posts[0].published_at
    return result


def _without_posts(root, page: _PageParts, url: str) -> PageResult:
    title = _words(_PAGE_TITLE(root))
    if page.message is not None:
        # "Information / The requested topic does not exist.", "You are not authorised to read this forum."
        words = [element_text(node) for node in page.message.iter("p", "h2")]
        return PageResult(kind="blocked", url=url, engine=ENGINE,
                          reason=f"error page: {_words(words[-1:]) or title}"[:500])
    if page.login_form is not None:
        # "The board requires you to be registered and logged in to view this topic."
        said = next((words for words in (_words(p.itertext()) for p in page.login_form.iter("p")) if words), None)
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {said or title}"[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"phpBB page without posts: {title}")


class _PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.posts, self.paginations, self.titles, self.footer_items, self.scripts = [], [], [], [], []
        self.breadcrumb = self.topic_input = self.display_options = self.message = self.login_form = None
        for node in root.iter("div", "h2", "li", "input", "fieldset", "form", "script"):
            tag, classes = node.tag, (node.get("class") or "").split()
            if tag == "div":
                node_id = node.get("id") or ""
                if "post" in classes and _POST_ID.match(node_id):
                    self.posts.append(node)
                elif "pagination" in classes:
                    self.paginations.append(node)
                elif node_id == "message":
                    self.message = node
            elif tag == "h2":
                self.titles.append(node)
            elif tag == "li":
                if self.breadcrumb is None and ("breadcrumbs" in classes or "icon-home" in classes):
                    self.breadcrumb = node
                elif "rightside" in classes:
                    self.footer_items.append(node)
            elif tag == "input":
                if self.topic_input is None and node.get("name") == "t" and node.get("type") == "hidden":
                    self.topic_input = node.get("value")
            elif tag == "fieldset":
                if "display-options" in classes:
                    self.display_options = node
            elif tag == "form":
                action = node.get("action") or ""
                if self.login_form is None and (node.get("id") == "login" or "mode=login" in action):
                    self.login_form = node
            elif not node.get("src") and node.text and "per_page" in node.text:
                self.scripts.append(node.text)

    def zone(self) -> tzinfo:
        """The zone the board prints times in, from the footer ("All times are ..."); UTC if none."""
        for item in self.footer_items:
            text = _words(item.itertext())
            if "UTC" not in text and "GMT" not in text:
                continue
            for span in item.iter("span"):
                name = span.get("title") or ""
                if "/" in name or name == "UTC":
                    try:
                        return ZoneInfo(name)
                    except (ZoneInfoNotFoundError, ValueError):
                        pass
            match = _FOOTER_OFFSET.search(text)
            if not match:
                continue
            offset = timedelta()
            if match.group("hours"):
                offset = timedelta(hours=int(match.group("hours")), minutes=int(match.group("minutes") or 0))
                if match.group("sign") != "+":
                    offset = -offset
            if item.find(".//abbr") is not None:  # 3.0: "[ <abbr>DST</abbr> ]" adds an hour to every time
                offset += timedelta(hours=1)
            return timezone(offset) if offset else UTC
        return UTC

    def per_page(self) -> int | None:
        """Posts per page: ``data-per-page`` (3.1+), the 3.0 ``per_page`` script variable, or the
        ``start=`` of numbered page links."""
        for pagination in self.paginations:
            for node in pagination.iter("input"):
                value = _int(node.get("data-per-page"))
                if value:
                    return value
        for script in self.scripts:
            match = _PER_PAGE_JS.search(script)
            if match and int(match.group(1)):
                return int(match.group(1))
        for pagination in self.paginations:
            for anchor in pagination.iter("a"):
                number, start = _int(_words(anchor.itertext())), _START.search(anchor.get("href") or "")
                if number and number > 1 and start and int(start.group(1)):
                    return int(start.group(1)) // (number - 1)
        return None


def _thread(root, page: _PageParts, url: str, canonical: str | None) -> Thread:
    title_node, title_link = _title(page)
    title = _words([element_text(title_node)]) if title_node is not None else None
    thread_id = page.topic_input if (page.topic_input or "").isdigit() else None
    for candidate in (canonical, url, title_link):
        if thread_id is None and candidate:
            match = _TOPIC_ID.search(candidate)
            thread_id = match.group(1) if match else None
    topic_url = canonical or title_link
    topic_url = _without_start(_clean_url(url, topic_url)) if topic_url else _without_start(_clean_url(url, url))
    number, count = _page_numbers(page.paginations[:1])
    return Thread(id=thread_id, title=title or _words(_PAGE_TITLE(root)) or None, url=topic_url,
                  forum=_breadcrumb(page.breadcrumb, title), page=number or 1, page_count=max(count or 1, number or 1))


def _title(page: _PageParts):
    """The topic title heading and its link: ``h2.topic-title`` (3.1+), else the first ``h2`` whose
    link leads to the topic (3.0)."""
    fallback = None
    for h2 in page.titles:
        anchor = h2.find(".//a")
        href = anchor.get("href") if anchor is not None else None
        if "topic-title" in (h2.get("class") or ""):
            return h2, href
        if fallback is None and href and ("viewtopic" in href or _TOPIC_ID.search(href)):
            fallback = (h2, href)
    return fallback or (None, None)


def _breadcrumb(item, title: str | None) -> list[str]:
    """Forum names above the topic, outermost first: ``.crumb`` items (3.1+) or the 3.0 links."""
    if item is None:
        return []
    crumbs = [node for node in item.iter("span") if "crumb" in (node.get("class") or "").split()]
    nodes = crumbs or [a for a in item.iter("a")]
    names = []
    for node in nodes:
        name = _words([element_text(node)])
        if name and name != title:
            names.append(name)
    return names


def _page_numbers(paginations) -> tuple[int | None, int | None]:
    """(this page, page count) from a ``.pagination`` block.

    "Page <strong>1</strong> of <strong>2</strong>" where the block prints it (3.0, and 3.1+ on
    single pages or in the page-jump menu); the ``li.active`` item and the highest page link in 3.1+.
    """
    number = count = None
    for pagination in paginations:
        strongs = [_int(_words(s.itertext())) for s in pagination.iter("strong")]
        strongs = [n for n in strongs if n]
        numbers = [n for n in (_int(_words(a.itertext())) for a in pagination.iter("a", "span")) if n]
        for li in pagination.iter("li"):
            if "active" in (li.get("class") or "").split():
                number = _int(_words(li.itertext())) or number
        if number is None and strongs:
            number = strongs[0]
        if len(strongs) >= 2:
            count = strongs[1]
        if numbers or number:
            count = max([count or 0, number or 0, *numbers])
    return number, count


def _next_page(root, page: _PageParts, url: str) -> str | None:
    href = None
    for pagination in page.paginations:
        for anchor in pagination.iter("a"):
            parent = anchor.getparent()
            if anchor.get("rel") == "next" or (parent is not None and parent.tag == "li"
                                               and "next" in (parent.get("class") or "").split()):
                href = anchor.get("href")
                break
        if href:
            break
        # 3.0: "<strong>1</strong><span class="page-sep">, </span><a href="...start=30">2</a>"
        for strong in pagination.iter("strong"):
            parent = strong.getparent()
            if parent is None or parent.tag != "span":
                continue
            following = next((s for s in strong.itersiblings() if s.tag == "a"), None)
            if following is not None:
                href = following.get("href")
                break
        if href:
            break
    if not href and page.display_options is not None:
        anchor = next((a for a in page.display_options.iter("a") if "right-box" in (a.get("class") or "")), None)
        href = anchor.get("href") if anchor is not None else None
    href = href or _first(_LINK_NEXT(root))
    return _clean_url(url, href).split("#", 1)[0] if href and not href.startswith("#") else None


class _PostParts:
    """The elements of one post the parser reads, from a single walk of the post."""

    def __init__(self, div) -> None:
        self.div = div
        self.post_id = _POST_ID.match(div.get("id")).group(1)
        self.author_line = self.content = self.profile = self.details = self.attachbox = None
        self.notices, self.signatures = [], []
        for node in div.iter("p", "div", "dl", "span"):
            classes = node.get("class")
            if not classes:
                continue
            classes = classes.split()
            tag = node.tag
            if tag == "p":
                if self.author_line is None and "author" in classes:
                    self.author_line = node
            elif tag == "div":
                if self.content is None and "content" in classes:
                    self.content = node
                elif "notice" in classes and "post_deleted_msg" not in classes:
                    self.notices.append(node)
                elif "signature" in classes:
                    self.signatures.append(node)
            elif tag == "dl":
                if self.profile is None and "postprofile" in classes:
                    self.profile = node
                elif self.attachbox is None and "attachbox" in classes:
                    self.attachbox = node
            elif self.details is None and "postdetails" in classes:
                self.details = node

    def date_text(self) -> str:
        """The printed post time of the author line ("Sun Mar 06, 2016 5:45 am")."""
        line = self.author_line
        if line is None:
            return ""
        parts: list[str] = [line.text or ""]

        def walk(node) -> None:
            for child in node:
                if child.tag.__class__ is str:
                    classes = (child.get("class") or "").split()
                    # "by <strong>X</strong> » " (3.1+ wraps it), the "Post" icon label and screen-reader text.
                    if not ({"responsive-hide", "sr-only", "imageset", "username", "username-coloured"} & set(classes)):
                        parts.append(child.text or "")
                        walk(child)
                parts.append(child.tail or "")

        walk(line)
        text = " ".join("".join(parts).split())
        if "\u00bb" in text:
            text = text.rsplit("\u00bb", 1)[1]
        return text.strip(" ,-|")


def _post(parts: _PostParts, page_url: str, clock: ForumClock, position: int, errors: list[str]) -> Post | None:
    post_id = parts.post_id
    author = _author(parts, page_url)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = _published(parts, clock)
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.content
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(parts.notices, clock)
    _show_real_addresses(body, page_url)
    if parts.attachbox is not None:
        _show_real_addresses(parts.attachbox, page_url)
    _drop_chrome(body)
    quotes = [_quote(bq, clock, page_url) for bq in top_level_blockquotes(body)]
    links, images, attachments = _references(body, parts.attachbox)
    return Post(
        post_id=post_id,
        url=_permalink(parts, page_url),
        position=position,
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
    """The poster: ``data-poster-*`` attributes, else the author line, else the profile column."""
    details = parts.details
    name = details.get("data-poster-name") if details is not None else None
    user_id = details.get("data-poster-id") if details is not None else None
    user_id = user_id if user_id and user_id != "1" else None  # 1 is phpBB's "Anonymous" user
    profile = None
    for container in (parts.author_line, parts.profile):
        if container is None:
            continue
        found_name, found_url = _name_in(container)
        if found_name or found_url:
            name, profile = name or found_name, found_url
            break
    profile = _clean_url(page_url, profile) if profile else None
    if user_id is None and profile:
        match = _USER_ID.search(profile)
        user_id = match.group(1) if match else None
    return Author(name=name or None, id=user_id, url=profile)


def _name_in(container) -> tuple[str | None, str | None]:
    """(name, profile href) of the member named in an author line or a profile column's ``dt``."""
    fallback = None
    for node in container.iter("a", "span", "strong"):
        tag, classes = node.tag, node.get("class") or ""
        if tag == "a":
            href = node.get("href")
            if href and ("username" in classes or "mode=viewprofile" in href):
                text = _words(node.itertext())
                if text:  # not the avatar's link
                    return text, href
        elif tag == "span":
            if "username" in classes:  # a guest, or a deleted member: a name without a profile
                text = _words(node.itertext())
                if text:
                    return text, None
        elif fallback is None and node.find(".//a") is None:
            fallback = _words(node.itertext()) or None  # 3.0 guests: "by <strong>Name</strong> »"
    return fallback, None


def _published(parts: _PostParts, clock: ForumClock) -> datetime | None:
    line = parts.author_line
    if line is not None:
        for node in line.iter("time"):
            value = parse_iso(node.get("datetime"))
            if value:
                return value
    if parts.details is not None:
        value = from_unix(parts.details.get("data-posttime"))
        if value:
            return value
    return clock.read(parts.date_text())


def _edit_notice(notices: list, clock: ForumClock) -> tuple[datetime | None, str | None]:
    """("Last edited by X on <date>, edited N times in total.") -> (time, X); (None, None) if none.

    The editor is the notice's name link (any language); the time is the text after it, less
    its first word ("on") and the last clause ("edited N times in total").
    """
    for notice in notices:
        if not (notice.text or "").strip() and len(notice) and notice[0].tag == "br":
            continue  # "<br /><br />Last bumped by X on <date>.": a bump, not an edit
        words = _words([element_text(notice)])
        if words.startswith("Last bumped"):
            continue
        match = _EDITED_EN.search(words)
        if match:
            return clock.read(match.group("when")), match.group("who")
        name = next((node for node in notice.iter("a", "span")
                     if node.tag == "a" or "username" in (node.get("class") or "")), None)
        if name is None:
            continue
        tail = _EDIT_TAIL.match(" ".join((name.tail or "").split()))
        if tail:
            return clock.read(tail.group("when")), _words(name.itertext()) or None
    return None, None


def _drop_chrome(body) -> None:
    """Remove what a reader sees in a post body that the poster did not write, in place: code box
    headers ("Code: Select all") and the name/size/download count line of inline attachments."""
    doomed = []
    for node in body.iter("dl", "div"):
        classes = (node.get("class") or "").split()
        if "codebox" in classes:
            header = next((child for child in node if child.tag in ("dt", "p")), None)
            if header is not None:
                doomed.append(header)
        elif node.tag == "dl" and "file" in classes:
            doomed.extend(dd for dd in node if dd.tag == "dd" and dd.find(".//em") is None)
    for node in doomed:
        drop_node(node)


def _permalink(parts: _PostParts, page_url: str) -> str:
    wanted = f"p={parts.post_id}"
    line = parts.author_line
    if line is not None:
        for anchor in line.iter("a"):
            href = anchor.get("href") or ""
            if wanted in href or href.endswith(f"#p{parts.post_id}"):
                if href.startswith("#"):
                    break
                return _clean_url(page_url, href)
    return _clean_url(page_url, f"./viewtopic.php?p={parts.post_id}#p{parts.post_id}")


def _show_real_addresses(element, page_url: str) -> None:
    """Absolute links and image addresses (and quotes' ``cite``), without phpBB's per-visit ``sid``."""
    for node in element.iter("a", "img", "blockquote"):
        attribute = {"a": "href", "img": "src"}.get(node.tag, "cite")
        value = node.get(attribute)
        if value and not value.startswith(("#", "data:", "mailto:", "javascript:")):
            node.set(attribute, _clean_url(page_url, value))


def _references(body, attachbox) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments of the poster's own words (quoted ones belong to the quote).

    Attached files (``dl.file`` with a download link) are attachments; attached pictures
    (``dl.file dt.attach-image img``, ``dl.thumbnail`` linking the full size) are images; smileys
    are left out. Addresses are already absolute (see :func:`_show_real_addresses`).
    """
    links, images, attachments = [], [], []
    attached = set()
    for box in [body, attachbox] if attachbox is not None else [body]:
        for dl in iter_outside(box, ("dl",), skip="blockquote"):
            classes = (dl.get("class") or "").split()
            if "thumbnail" in classes:
                anchor, image = dl.find(".//a"), dl.find(".//img")
                if anchor is not None and anchor.get("href"):
                    images.append(Link(anchor.get("href"), image.get("alt") if image is not None else None))
                attached.update(dl.iter("a", "img"))
            elif "file" in classes:
                for image in dl.iter("img"):  # the picture itself, not the file type icon
                    parent = image.getparent()
                    if image.get("src") and ("postimage" in (image.get("class") or "")
                                             or "attach-image" in (parent.get("class") or "")):
                        images.append(Link(image.get("src"), image.get("alt")))
                for anchor in dl.iter("a"):
                    if anchor.get("href"):
                        attachments.append(Link(anchor.get("href"), _words(anchor.itertext()) or None))
                attached.update(dl.iter("a", "img"))
    for anchor in iter_outside(body, ("a",), skip="blockquote"):
        href = anchor.get("href")
        if href and not href.startswith(("#", "javascript:")) and anchor not in attached:
            links.append(Link(href, element_text(anchor) or None))
    for image in iter_outside(body, ("img",), skip="blockquote"):
        src = image.get("src")
        if image in attached or not src or src.startswith("data:") or "smilies" in (image.get("class") or ""):
            continue
        images.append(Link(src, image.get("alt")))
    return links, images, attachments


def _quote(blockquote, clock: ForumClock, page_url: str) -> Quote:
    """A quote and the quotes nested in it.

    ``<blockquote [cite="...p=N"]><div><cite>[<a href=profile>]X[</a>] wrote: [<a data-post-id=N>↑</a>]
    [<span class="responsive-hide">date</span>]</cite>words</div></blockquote>``
    """
    inner = next((child for child in blockquote if child.tag == "div"), None)
    cite = next((child for child in blockquote if child.tag == "cite"), None)
    if cite is None and inner is not None:
        cite = next((child for child in inner if child.tag == "cite"), None)
    body = inner if inner is not None else blockquote
    author = author_id = post_id = published = citation = None
    post_href = blockquote.get("cite")
    if cite is not None:
        skipped = set()
        for node in cite.iter("a", "span", "div", "time"):
            classes = node.get("class") or ""
            href = node.get("href") or ""
            to_post = node.get("data-post-id") or _POST_LINK_ID.search(href)
            if node.tag == "a" and to_post and not _USER_ID.search(href):
                post_id = node.get("data-post-id") or post_id
                post_href = href or post_href
                skipped.add(node)
            elif node.tag == "a" and _USER_ID.search(href) and author is None:
                author, author_id = _words(node.itertext()) or None, _USER_ID.search(href).group(1)
            elif node.tag == "time" or "responsive-hide" in classes:
                published = parse_iso(node.get("datetime")) or clock.read(_words(node.itertext()))
                skipped.add(node)
        citation = _text_without(cite, skipped) or None
        if author is None and citation:
            match = _WROTE.match(citation)
            author = match.group("who") if match else None
    thread_id = None
    if post_href:
        match = _POST_LINK_ID.search(post_href)
        post_id = post_id or (match.group(1) if match else None)
        match = _TOPIC_ID.search(post_href)  # a quote from another topic: "viewtopic.php?t=N&p=M#pM"
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
        quotes=[_quote(bq, clock, page_url) for bq in top_level_blockquotes(body)],
    )


def _text_without(element, skipped: set) -> str:
    """The words of a small element, leaving out the ``skipped`` descendants (tails kept)."""
    parts = [element.text or ""]

    def walk(node) -> None:
        for child in node:
            if child not in skipped:
                parts.append(child.text or "")
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def language_of(root) -> str | None:
    """The ``<html lang>`` of a page, lower-cased ("en-gb"), or None."""
    value = _first(_HTML_LANG(root))
    return value.strip().lower() if value and value.strip() else None


# --- Small helpers -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # the same profile and topic links recur on every page
def _clean_url(base: str, href: str) -> str:
    """``href`` made absolute, without phpBB's per-visit ``sid=<32 hex digits>`` (fragment kept:
    post permalinks are ``...?p=N#pN``; callers drop it from page URLs)."""
    href = href.strip()
    absolute = href if href.startswith(("http://", "https://")) else urljoin(base, href)
    if "sid=" not in absolute:
        return absolute
    # A regular expression rather than parse_qsl/urlencode: it runs for every link of every post,
    # and it leaves the rest of the address exactly as the forum wrote it.
    return _EMPTY_QUERY_PART.sub("", _SID_PARAM.sub(r"\1", absolute))


def _without_start(url: str) -> str:
    """A topic URL without its page offset (``start=N``, or a path's ``start-N/``) or fragment:
    the topic's first page."""
    url = _EMPTY_QUERY_PART.sub("", _START_PARAM.sub(r"\1", url.split("#", 1)[0]))
    return _START_PATH.sub("", url)


