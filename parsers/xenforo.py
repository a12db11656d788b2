"""XenForo 2 and XenForo 1 thread pages (one module: the two share the forum's concepts, not its markup).

XenForo 2 (``<html id="XF">``): posts are ``article[data-content="post-N"][data-author]``, the
words are ``.message-userContent .bbWrapper``, times ``<time class="u-dt">`` with ``datetime``,
``data-timestamp`` (2.2+) or a Unix ``data-time`` (2.1), quotes ``blockquote.bbCodeBlock--quote``
with ``data-quote``/``data-attributes="member: N"``/``data-source="post: N"`` (2.2+) or only a
``/goto/post?id=N`` citation link (2.1).

XenForo 1 (``<html id="XenForo">``): posts are ``li.message[id="post-N"][data-author]``, the words
``blockquote.messageText``, times ``abbr.DateTime[data-time]`` (recent) or ``span.DateTime`` whose
``title`` is the only date ("May 15, 2018 at 4:02 PM", in the forum's zone, which the page's
``serverTimeInfo`` gives), quotes ``div.bbCodeQuote[data-author]`` with an ``.attribution`` line and
``.quoteContainer``. Relative URLs resolve against ``<base href>``, which XenForo 1 always sets.

Text is the poster's own words: quotes, "Click to expand...", edit notices, signatures, like and
reaction bars, link-preview cards (kept as their URL) and code-block captions are left out.
Lookups follow ``parsers/ips.py``: one filtered ``iter`` for the page, one pruned walk per post
that never enters the post body, and precompiled XPath only inside small scopes.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from lxml import etree
from parsel import Selector

from .clock import ENGLISH_MONTHS, hour_of_day
from .dates import from_unix, parse_iso, parse_text_date
from .html_text import drop_node, element_text, inner_html, remove_matching, sanitise
from .markup import class_test, json_ld_documents
from .markup import xpath as _X
from .models import Author, Link, PageResult, Post, Quote, Thread
from .values import first as _first
from .values import to_int as _int
from .values import words as _words

ENGINE = "xenforo"


# Head elements; lxml leaves those after a head <noscript> or script as children of <html> (XenForo 1 pages).
_CANONICAL = _X("(/html/head | /html)/link[@rel='canonical']/@href")
_LINK_NEXT = _X("(/html/head | /html)/link[@rel='next']/@href")
_BASE = _X("(/html/head | /html)/base/@href")
_PAGE_TITLE = _X("(/html/head | /html)/title/text()")
_OG_TITLE = _X("(/html/head | /html)/meta[@property='og:title']/@content")
_ERROR_MESSAGE = _X(f"//*[{class_test('blockMessage')} or {class_test('errorOverlay')} or {class_test('errorPanel')}"
                    f" or @id='pageLogin' or {class_test('errors')}]")
# Inside one post body: what a reader sees that is not the poster's words, or not words at all.
_BODY_CHROME = _X(
    ".//*[contains(@class, 'bbCodeBlock-expandLink') or contains(@class, 'quoteExpand')"
    " or contains(@class, 'messageTextEndMarker') or contains(@class, 'js-selectToQuoteEnd')]"
    " | .//*[contains(@class, 'bbCodeBlock--code') or contains(@class, 'bbCodeCode')]"
    "/*[contains(@class, 'bbCodeBlock-title') or @class = 'type']"
    " | .//script | .//noscript | .//style | .//template"
)
_UNFURLS = _X(".//*[contains(@class, 'bbCodeBlock--unfurl')]")

_POST_ID = re.compile(r"^(?:js-)?post-(\d+)$")
_THREAD_ID = re.compile(r"threads/(?:[^/?#]*\.)?(\d+)(?:/|$|[?#])")
_PAGE_IN_URL = re.compile(r"/page-(\d+)/?(?:[?#]|$)")
_MEMBER_ID = re.compile(r"members/(?:[^/?#]*\.)?(\d+)(?:/|$|[?#])")
_GOTO_POST = re.compile(r"(?:goto/post\?id=|posts/|#post-|post-)(\d+)")
_NUMBER = re.compile(r"\d[\d,.\u00a0\u202f ]*")
_POSITION = re.compile(r"^#\s*(\d[\d,.]*)$")
_SAID = re.compile(r"^(?P<who>.+?)\s+said:?\s*$", re.DOTALL)
_EDITED_BY = re.compile(r"\bby\s+(?P<who>.+?)\s*:", re.DOTALL)
_OFFSET_WITHOUT_COLON = re.compile(r"([+-]\d\d)(\d\d)$")
_SERVER_TODAY = re.compile(r"serverTimeInfo\s*:\s*\{[^}]*?today\s*:\s*(\d+)", re.DOTALL)

# Class tokens of the parts of a post the walk in _PostParts records (and does not walk into).
_POST_ROLES = {
    "bbWrapper": "body", "messageText": "body",
    "message-signature": "signature", "signature": "signature",
    "message-user": "user", "messageUserInfo": "user",
    "message-attribution": "attribution",
    "message-lastEdit": "edit", "editDate": "edit",
    "reactionsBar": "reactions", "likesBar": "likes", "LikeText": "likes",
    "message-attachments": "attachments", "attachedFiles": "attachments",
    "datePermalink": "permalink", "postNumber": "number", "DateTime": "time",
}
_SKIP_POST_PARTS = frozenset({"message-fields", "messageNotices"})  # custom fields, moderator notes
_ROLE_TOKENS = frozenset((*_POST_ROLES, *_SKIP_POST_PARTS))


def detect(doc: Selector) -> bool:
    """True for pages rendered by XenForo 1 or 2."""
    root = doc.root
    if root.get("id") in ("XF", "XenForo") or root.get("data-xf") is not None:
        return True
    # Themes that rename the <html> id still render posts in XenForo's own markup.
    return any(_is_post(node) for node in root.iter("article", "li"))


def _is_post(node) -> bool:
    if node.get("data-author") is None:
        return False
    if node.tag == "article":
        return (node.get("data-content") or "").startswith("post-")
    return bool(_POST_ID.match(node.get("id") or "")) and "message" in (node.get("class") or "").split()


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one XenForo thread page; login walls and error pages come back ``blocked``."""
    root = doc.root
    page = _PageParts(root)
    if not page.posts:
        return _without_posts(root, url, page)
    base = _absolute(url, _first(_BASE(root))) or url
    canonical = _absolute(url, _first(_CANONICAL(root)))
    context = _Context(root, page, base, captured_at)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    thread = result.thread = _thread(root, page, url, canonical, context)
    result.next_page_url = _next_page(root, page, base, thread.page, thread.page_count)
    for index, node in enumerate(page.posts, start=1):
        # A post without a printed number follows the one before it (or takes its place on the page).
        after = result.posts[-1].position + 1 if result.posts else index
        post = _post(node, url, context, index, after, result.errors)
        if post is not None:
            result.posts.append(post)
    if thread.starter is None and thread.page == 1 and result.posts:
        thread.starter = result.posts[0].author
    if thread.started_at is None and thread.page == 1 and result.posts:
        thread.started_at = result.posts[0].published_at
    _quotes_of_posts_on_the_page(result.posts, thread.id)
    return result


class _Context:
    """What every date and address on the page is read against."""

    def __init__(self, root, page, base: str, captured_at: datetime) -> None:
        self.base = base
        self.captured_at = captured_at
        lang = (root.get("lang") or "").split("-")[0].lower()
        self.language = lang if re.fullmatch(r"[a-z]{2,3}", lang) else "en"
        self.timezone = _server_timezone(page.scripts)

    def text_date(self, text: str | None) -> datetime | None:
        if not text:
            return None
        if self.language == "en":
            fast = _english_date(text, self.timezone)
            if fast is not None:
                return fast
        for languages in ([self.language], ["en"]) if self.language != "en" else (["en"],):
            try:
                parsed = parse_text_date(text, self.captured_at, self.timezone, languages)
            except (ValueError, KeyError):  # a language dateparser does not know
                parsed = None
            if parsed is not None:
                return parsed
        return None


_ENGLISH_DATE = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})(?:,? at (\d{1,2}):(\d\d)(?: ?([AaPp][Mm]))?)?$")


def _english_date(text: str, timezone_name: str) -> datetime | None:
    """XenForo's default English format ("May 15, 2018 at 4:02 PM") without dateparser, which costs
    a millisecond or more per date; anything else (relative days, other formats) returns None."""
    match = _ENGLISH_DATE.match(" ".join(text.split()))
    month = ENGLISH_MONTHS.get(match.group(1).lower()) if match else None
    if month is None:
        return None
    hour, minute = hour_of_day(int(match.group(4) or 0), (match.group(6) or "").lower()), int(match.group(5) or 0)
    if hour is None:
        return None
    try:
        local = datetime(int(match.group(3)), month, int(match.group(2)), hour, minute, tzinfo=ZoneInfo(timezone_name))
    except ValueError:
        return None
    return local.astimezone(timezone.utc)


def _server_timezone(scripts: list[str]) -> str:
    """XenForo 1 prints dates in the forum's zone; ``serverTimeInfo.today`` (local midnight, Unix) gives its offset."""
    for text in scripts:
        match = _SERVER_TODAY.search(text)
        if match:
            seconds = -(int(match.group(1)) % 86400)
            if seconds < -12 * 3600:
                seconds += 86400
            if seconds % 3600 == 0:
                hours = seconds // 3600
                # POSIX sign: Etc/GMT-1 is one hour ahead of UTC.
                return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return "UTC"


class _PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.posts, self.titles, self.breadcrumbs, self.old_breadcrumbs, self.tag_lists = [], [], [], [], []
        self.page_nav = self.description = None
        self.json_ld, self.scripts = [], []
        self.template = root.get("data-template")
        for node in root.iter("article", "li", "h1", "ul", "div", "fieldset", "p", "dl", "script"):
            tag = node.tag
            if tag == "script":
                text = node.text or ""
                if node.get("type") == "application/ld+json":
                    self.json_ld.append(text)
                elif "serverTimeInfo" in text:
                    self.scripts.append(text)
                continue
            classes = node.get("class")
            if tag in ("article", "li") and node.get("data-author") is not None:
                if _is_post(node) and "deleted" not in (classes or "").split():
                    self.posts.append(node)
                continue
            if tag == "div" and node.get("id") == "content" and self.template is None:
                self.template = " ".join((classes or "").split())  # XenForo 1: the template's name
            if tag == "p" and node.get("id") == "pageDescription":
                self.description = node
                continue
            if tag == "h1":
                parent = node.getparent()
                if "p-title-value" in (classes or "").split() or (
                        parent is not None and "titleBar" in (parent.get("class") or "").split()):
                    self.titles.append(node)
                continue
            if not classes:
                continue
            tokens = classes.split()
            if "p-breadcrumbs" in tokens:
                self.breadcrumbs.append(node)
            elif "breadcrumb" in tokens:  # XenForo 1's fieldset; XF2 themes wrap ul.p-breadcrumbs in one
                self.old_breadcrumbs.append(node)
            elif self.page_nav is None and ("pageNav" in tokens or "PageNav" in tokens):
                self.page_nav = node
            elif self.description is None and "p-description" in tokens:
                self.description = node
            elif "tagList" in tokens:
                self.tag_lists.append(node)


def _without_posts(root, url: str, page: _PageParts) -> PageResult:
    """A page without posts: a login wall or an error page (blocked), or another XenForo page (unsupported).

    XenForo names the template it rendered: ``<html data-template>`` (XF2), ``div#content``'s class (XF1).
    Every XF1 page carries a hidden login form, so only the template and the message decide.
    """
    title = _words(_PAGE_TITLE(root))
    template = (page.template or "").split()
    messages = _ERROR_MESSAGE(root)
    message = _words([element_text(messages[0])]) if messages else ""
    asks_login = re.search(r"\blog(?:ged)?[- ]?in\b", message, re.IGNORECASE) is not None
    if any("login" in name for name in template) or (asks_login and any("error" in name for name in template)):
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {message or title}"[:500])
    if any(name in ("error", "no_permission") or name.startswith("error_") for name in template):
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {message or title}"[:500])
    what = f" ({' '.join(template)})" if template else ""
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"XenForo page without posts{what}: {title}")


def _thread(root, page: _PageParts, url: str, canonical: str | None, context: _Context) -> Thread:
    key = root.get("data-content-key") or ""
    match = re.fullmatch(r"thread-(\d+)", key) or _THREAD_ID.search(canonical or "") or _THREAD_ID.search(url)
    posting = _json_ld_posting(page.json_ld)
    title = _title(page.titles) or posting.get("headline") or _first(_OG_TITLE(root))
    starter, started_at = _description(page.description, context)
    if starter is None and isinstance(posting.get("author"), dict) and posting["author"].get("name"):
        author_url = posting["author"].get("url")
        starter = Author(name=posting["author"]["name"], id=_member_id(author_url), url=author_url)
    if started_at is None and "T" in str(posting.get("datePublished") or ""):  # a bare day is not a time
        started_at = parse_iso(_colon_offset(posting["datePublished"]))
    number, count = _page_numbers(page.page_nav, url)
    tags = [_words([element_text(a)]) for dl in page.tag_lists for a in dl.iter("a")
            if "tagItem" in (a.get("class") or "") or "tag" in (a.get("class") or "").split()
            or "/tags/" in (a.get("href") or "")]
    return Thread(
        id=match.group(1) if match else None,
        title=title or None,
        url=_thread_url(canonical or url),
        forum=_breadcrumb((page.breadcrumbs or page.old_breadcrumbs)[:1], title),
        page=number,
        page_count=count,
        starter=starter,
        started_at=started_at,
        tags=list(dict.fromkeys(t for t in tags if t)),
    )


def _title(h1s: list) -> str:
    """The title without its prefix label (XF2 ``span.label``, XF1 ``span.prefix``)."""
    for h1 in h1s[:1]:
        parts = [h1.text or ""]
        for child in h1:
            classes = (child.get("class") or "").split() if child.tag.__class__ is str else []
            if not any(c in ("label", "label-append", "prefix") for c in classes):
                parts.append(element_text(child))
            parts.append(child.tail or "")
        return _words(parts)
    return ""


def _json_ld_posting(scripts: list[str]) -> dict:
    """The page's schema.org DiscussionForumPosting (itself or a WebPage's mainEntity), or {}."""
    for data in json_ld_documents(scripts, "DiscussionForumPosting"):
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if not isinstance(item, dict):
                continue
            for candidate in (item, item.get("mainEntity")):
                if isinstance(candidate, dict) and candidate.get("@type") == "DiscussionForumPosting":
                    return candidate
    return {}


def _description(node, context: _Context) -> tuple[Author | None, datetime | None]:
    """Starter and start time from the line under the title (XF2 ``.p-description``, XF1 ``#pageDescription``)."""
    if node is None:
        return None, None
    starter = None
    for user in node.iter("a", "span"):
        if "username" in (user.get("class") or "").split():
            starter = _author_of(user, None, context.base)
            break
    when = next((_time_value(t, context) for t in node.iter("time", "abbr", "span")
                 if t.tag == "time" or "DateTime" in (t.get("class") or "").split()), None)
    return starter, when


def _breadcrumb(navs: list, title: str | None) -> list[str]:
    """Forum names above the thread, outermost first (the thread itself left out)."""
    names: list[str] = []
    for nav in navs:
        if "breadcrumb" in (nav.get("class") or "").split():  # XenForo 1: fieldset.breadcrumb > .crumbs > .crust
            items = [node for node in nav.iter("span", "li") if "crust" in (node.get("class") or "").split()]
        else:
            items = [li for li in nav.iter("li")]
        for item in items:
            named = next((n for n in item.iter("span") if n.get("itemprop") in ("name", "title")), None)
            if named is None:
                named = next((a for a in item.iter("a")), item)
            name = _words([element_text(named)])
            if name and name != title:
                names.append(name)
    return names


def _page_numbers(nav, url: str) -> tuple[int, int]:
    from_url = _PAGE_IN_URL.search(url.split("#")[0])
    number = int(from_url.group(1)) if from_url else 1
    count = 1
    if nav is not None:
        if nav.get("data-page") is not None:  # XenForo 1
            number = _int(nav.get("data-page")) or number
            count = _int(nav.get("data-last")) or count
        else:
            for li in nav.iter("li"):
                classes = (li.get("class") or "").split()
                if "pageNav-page" not in classes:
                    continue
                value = _int(_words([element_text(li)]))
                if value is None:
                    continue
                count = max(count, value)
                if "pageNav-page--current" in classes:
                    number = value
    return number, max(count, number)


def _thread_url(address: str | None) -> str | None:
    if not address:
        return None
    return re.sub(r"page-\d+/?$", "", address.split("#")[0])


def _next_page(root, page: _PageParts, base: str, number: int, count: int) -> str | None:
    nav = page.page_nav
    href = None
    if nav is not None:
        if nav.get("data-baseurl") and nav.get("data-sentinel"):  # XenForo 1
            if number < count:
                href = nav.get("data-baseurl").replace(nav.get("data-sentinel"), str(number + 1))
        else:
            href = next((a.get("href") for a in nav.iter("a") if a.get("href") and (
                "pageNav-jump--next" in (a.get("class") or "") or "pageNavSimple-el--next" in (a.get("class") or ""))),
                None)
            if href is None and number >= count:
                return None
    if href is None and nav is None:
        href = _first(_LINK_NEXT(root))
    address = _absolute(base, href)
    return address.split("#", 1)[0] if address else None


class _PostParts:
    """The parts of one post, from a walk that never enters the post body or the parts it records."""

    def __init__(self, post) -> None:
        self.body = None
        self.user = self.attribution = self.edit = self.reactions = self.likes = None
        self.permalink = self.number = None
        self.attachments, self.times = [], []
        self._walk(post)

    def _walk(self, node) -> None:
        for child in node:
            classes = child.get("class")
            tokens = classes.split() if classes else ()
            # One set test (in C) rules out almost every element before any token is looked up.
            if _ROLE_TOKENS.isdisjoint(tokens):
                if len(child):
                    self._walk(child)
                continue
            role = None
            for token in tokens:
                if token in _SKIP_POST_PARTS or _POST_ROLES.get(token) == "signature":
                    role = "skip"
                    break
                role = role or _POST_ROLES.get(token)
            if role is None:
                if len(child):
                    self._walk(child)
            elif role == "body":
                if self.body is None:
                    self.body = child
            elif role == "attachments":
                self.attachments.append(child)
            elif role == "time":
                self.times.append(child)
            elif role != "skip" and getattr(self, role) is None:
                # user pane, attribution, edit notice, reaction and like bars, permalink, post number:
                # read later within their own element, never walked here
                setattr(self, role, child)


def _post(node, page_url: str, context: _Context, index: int, fallback_position: int,
          errors: list[str]) -> Post | None:
    post_id = (node.get("data-content") or "").removeprefix("post-") or _POST_ID.match(node.get("id")).group(1)
    parts = _PostParts(node)
    author = _post_author(node, parts, context.base)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    time_node = _post_time_node(parts)
    published = _time_value(time_node, context) if time_node is not None else None
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(parts.edit, author.name, context)
    # The tree is this parse's own (the registry builds one per page): edit the body in place.
    remove_matching(body, _BODY_CHROME)
    _show_real_addresses(body, context.base)
    html = sanitise(inner_html(body))
    for card in _UNFURLS(body):
        _unfurl_to_link(card)
    quote_nodes = _top_level_quotes(body)
    quotes = [_quote(q) for q in quote_nodes]
    for quote_node in quote_nodes:
        drop_node(quote_node)
    links, images, attachments = _references(body, parts.attachments, context.base)
    position = _position(parts)
    return Post(
        post_id=post_id,
        url=_permalink(parts, post_id, page_url, context.base),
        position=position if position is not None else fallback_position,
        position_on_page=index,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body),
        html=html,
        reactions=_reactions(parts),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _post_author(node, parts: _PostParts, base: str) -> Author:
    user = None
    if parts.user is not None:
        user = next((n for n in parts.user.iter("a", "span", "bdi")
                     if "username" in (n.get("class") or "").split()), None)
    author = _author_of(user, node.get("data-author"), base) if user is not None else None
    if author is None:
        author = Author(name=(node.get("data-author") or "").strip() or None)
    return author


def _author_of(user, name: str | None, base: str) -> Author:
    """A member from a ``.username`` element: name, ``data-user-id`` (0 for guests), profile link."""
    href = user.get("href") if user.tag == "a" else None
    url = _absolute(base, href) if href and not href.startswith(("#", "javascript:")) else None
    user_id = user.get("data-user-id") or _member_id(url)
    name = (name or "").strip() or _words([element_text(user)]) or None
    return Author(name=name, id=user_id if user_id and user_id != "0" else None, url=url)


def _member_id(url: str | None) -> str | None:
    match = _MEMBER_ID.search(url or "")
    return match.group(1) if match else None


def _post_time_node(parts: _PostParts):
    """XF2: the first <time> of the attribution header; XF1: the permalink's DateTime, else the first one."""
    for container in (parts.attribution, parts.permalink):
        if container is None:
            continue
        for candidate in container.iter("time", "abbr", "span"):
            if candidate.tag == "time" or "DateTime" in (candidate.get("class") or "").split():
                return candidate
    return parts.times[0] if parts.times else None


def _time_value(node, context: _Context) -> datetime | None:
    """Machine-readable first: Unix ``data-timestamp``/``data-time``, ``datetime``; then the printed date."""
    for attribute in ("data-timestamp", "data-time"):
        value = (node.get(attribute) or "").strip()
        if value.isdigit():
            return from_unix(value)
    value = parse_iso(_colon_offset(node.get("datetime")))
    if value is not None:
        return value
    date = node.get("data-date-string") or node.get("data-datestring") or node.get("data-date")
    clock = node.get("data-time-string") or node.get("data-timestring")
    if date and clock:
        value = context.text_date(f"{date} {clock}")
        if value is not None:
            return value
    return context.text_date(node.get("title")) or context.text_date(_words([element_text(node)]))


def _colon_offset(value: str | None) -> str | None:
    """"2020-04-19T00:01:11-0700" as Python 3.10 reads it ("-07:00")."""
    return _OFFSET_WITHOUT_COLON.sub(r"\1:\2", value.strip()) if value else value


def _edit_notice(notice, author_name: str | None, context: _Context) -> tuple[datetime | None, str | None]:
    """"Last edited: <time>" (the author's own edit, by XenForo's template) or "Last edited by a moderator: ..."."""
    if notice is None:
        return None, None
    time_node = next((t for t in notice.iter("time", "abbr", "span")
                      if t.tag == "time" or "DateTime" in (t.get("class") or "").split()), None)
    when = _time_value(time_node, context) if time_node is not None else None
    words = _words([element_text(notice)])
    match = _EDITED_BY.search(words)
    if match:
        return when, match.group("who")
    return when, author_name if words.lower().startswith("last edited:") else None


def _position(parts: _PostParts) -> int | None:
    """The post number the forum prints ("#12"): XF2 in the attribution header, XF1 in ``a.postNumber``."""
    candidates = [parts.number] if parts.number is not None else []
    if parts.attribution is not None:
        candidates += parts.attribution.iter("a", "li")
    for node in candidates:
        text = (node.text or "").strip()
        if text.startswith("#"):
            match = _POSITION.match(" ".join(text.split()))
            if match:
                return _int(match.group(1).replace(".", ""))
    return None


def _permalink(parts: _PostParts, post_id: str, page_url: str, base: str) -> str:
    """The post's own link: one that names its id, else the page address with the post's anchor."""
    containers = [c for c in (parts.attribution, parts.permalink, parts.number) if c is not None]
    for container in containers:
        for anchor in container.iter("a"):
            href = anchor.get("href") or ""
            if re.search(rf"(?:post-|posts/|#post-){post_id}(?:\D|$)", href):
                return _absolute(base, href)
    return f"{page_url.split('#')[0]}#post-{post_id}"


def _show_real_addresses(element, base: str) -> None:
    """Make links and images absolute; lazy-loaded images get their real address (``data-src``) in ``src``."""
    for node in element.iter("a", "img"):
        attribute = "href" if node.tag == "a" else "src"
        value = node.get(attribute)
        if node.tag == "img" and node.get("data-src") and (not value or value.startswith("data:")):
            value = node.get("data-src")
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:", "javascript:")):
            value = _join(base, value.strip())
        if value:
            node.set(attribute, value)


def _unfurl_to_link(card) -> None:
    """A link-preview card is XenForo's rendering of a bare URL the poster wrote: keep the URL."""
    address = card.get("data-url") or next((a.get("href") for a in card.iter("a") if a.get("href")), None)
    link = etree.Element("a", href=address) if address else etree.Element("span")
    link.text = address or ""
    link.tail = card.tail
    parent = card.getparent()
    if parent is not None:
        parent.replace(card, link)


def _is_quote(node) -> bool:
    classes = node.get("class")
    if not classes:
        return False
    tokens = classes.split()
    return "bbCodeBlock--quote" in tokens or "bbCodeQuote" in tokens


def _top_level_quotes(element) -> list:
    """Quotes in ``element`` that no other quote below ``element`` holds."""
    found: list = []

    def walk(node) -> None:
        for child in node:
            if child.tag.__class__ is not str:
                continue
            if _is_quote(child):
                found.append(child)
            elif len(child):
                walk(child)

    walk(element)
    return found


def _quote(node) -> Quote:
    """One quote (XF2 ``blockquote.bbCodeBlock--quote`` or XF1 ``.bbCodeQuote``) and the quotes inside it."""
    attrs = node.attrib
    citation_node = _own_part(node, ("bbCodeBlock-title", "attribution"))
    content = _own_part(node, ("bbCodeBlock-expandContent", "quote"))
    if content is None:
        content = _own_part(node, ("bbCodeBlock-content",))
    citation, source_post = _citation(citation_node)
    author = attrs.get("data-quote") or attrs.get("data-author")
    if not author and citation:
        said = _SAID.match(citation)
        author = said.group("who") if said else citation.rstrip(": ").strip() if citation.endswith(":") else None
    member = re.search(r"member:\s*(\d+)", attrs.get("data-attributes") or "")
    source = re.search(r"^post:\s*(\d+)", attrs.get("data-source") or "")
    if content is None:  # a bare quote: its own children, less the citation
        content = node
        if citation_node is not None:
            drop_node(citation_node)
    inner_quotes = _top_level_quotes(content)
    nested = [_quote(inner) for inner in inner_quotes]
    for inner in inner_quotes:
        drop_node(inner)
    return Quote(
        author=author.strip() if author else None,
        author_id=member.group(1) if member else None,
        post_id=source.group(1) if source else source_post,
        citation=citation or None,
        text=element_text(content),
        quotes=nested,
    )


def _own_part(quote, names: tuple[str, ...], depth: int = 3):
    """The first element below ``quote`` with one of the class ``names``, not inside a nested quote."""
    for child in quote:
        if child.tag.__class__ is not str or _is_quote(child):
            continue
        if any(name in names for name in (child.get("class") or "").split()):
            return child
        if depth > 1 and len(child):
            found = _own_part(child, names, depth - 1)
            if found is not None:
                return found
    return None


def _citation(node) -> tuple[str | None, str | None]:
    """The citation as written ("PMc said:", XF1 "baldgye:" without its "↑" jump link) and the post it jumps to."""
    if node is None:
        return None, None
    post_id = None
    for anchor in node.iter("a"):
        href = anchor.get("href") or ""
        selector = anchor.get("data-content-selector") or ""
        match = _GOTO_POST.search(href) or _GOTO_POST.search(selector)
        if match and post_id is None:
            post_id = match.group(1)
    parts = [node.text or ""]
    for child in node:
        if child.tag.__class__ is not str:
            parts.append(child.tail or "")
            continue
        jump = child.tag == "a" and "AttributionLink" in (child.get("class") or "")
        if not jump:
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return _words(parts) or None, post_id


def _references(body, attachment_lists: list, base: str) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments in the poster's own words (quotes are already out of ``body``)."""
    links, images, attachments = [], [], []
    for anchor in body.iter("a"):
        href = anchor.get("href")
        if not href or href.startswith(("#", "javascript:")):
            continue
        if any(img.get("class") and _is_picture(img) for img in anchor.iter("img")):
            continue  # a lightbox link around a picture: recorded with the picture below
        target = attachments if "/attachments/" in href else links
        target.append(Link(href, _words([element_text(anchor)]) or None))
    for frame in body.iter("iframe"):  # embedded media ([MEDIA] and s9e embeds): the address of what was embedded
        src = frame.get("src") or frame.get("data-src")
        if src and not src.startswith(("about:", "javascript:")):
            links.append(Link(_absolute(base, src), None))
    for image in body.iter("img"):
        if not _is_picture(image):
            continue
        parent = image.getparent()
        full_size = parent.get("href") if parent is not None and parent.tag == "a" and (
            "js-lbImage" in (parent.get("class") or "") or "LbTrigger" in (parent.get("class") or "")) else None
        src = full_size or image.get("data-url") or image.get("src")
        if src and not src.startswith("data:"):
            images.append(Link(_absolute(base, src), image.get("alt")))
    for container in attachment_lists:
        for item in container.iter("li"):
            anchor = next((a for a in item.iter("a") if a.get("href")), None)
            if anchor is None:
                continue
            href = _absolute(base, anchor.get("href"))
            name_node = next((n for n in item.iter("span", "h6", "div")
                              if "file-name" in (n.get("class") or "") or n.tag == "h6"), None)
            name = _words([element_text(name_node)]) if name_node is not None else None
            thumbnail = next(iter(item.iter("img")), None)
            if thumbnail is not None:
                images.append(Link(href, name or thumbnail.get("alt")))
            else:
                attachments.append(Link(href, name or _words([element_text(anchor)]) or None))
    return links, images, attachments


def _is_picture(image) -> bool:
    """A picture the poster posted: not a smiley, an emoji or a link card's favicon."""
    tokens = (image.get("class") or "").split()
    return not any(t in ("smilie", "mceSmilie", "smilie--emoji", "bbCodeBlockUnfurl-icon") or t.startswith("smilie")
                   for t in tokens)


def _reactions(parts: _PostParts) -> dict[str, int]:
    """Reaction name to count, read from "X, Y and 3 others" (the bar names the people, not the counts).

    One reaction type shown: all the people count for it. Several types: the bar does not say who
    gave which, so the total is kept as ``{"Reactions": N}``. XenForo 1 and 2.0 show likes only.
    """
    if parts.reactions is not None:
        bar = parts.reactions
        names: list[str] = []
        for image in bar.iter("img"):
            name = (image.get("alt") or image.get("title") or "").strip()
            if name and name not in names:
                names.append(name)
        if not names:  # reactions drawn without an image: the span's title names them
            names = list(dict.fromkeys(s.get("title").strip() for s in bar.iter("span")
                                       if "reaction" in (s.get("class") or "").split() and s.get("title")))
        people = next((n for n in bar.iter("a", "span") if any(
            c in ("reactionsBar-link", "reactionsBar-reactors") for c in (n.get("class") or "").split())), None)
        total = _people(people) if people is not None else 0
        if not total:
            return {}
        return {names[0]: total} if len(names) == 1 else {"Reactions": total}
    if parts.likes is not None:
        # The element whose children are the names (XF1 .LikeText, XF2.0 a link holding <bdi>s).
        likes = next((n for n in parts.likes.iter() if n.tag.__class__ is str and any(
            c.tag in ("bdi",) or "username" in (c.get("class") or "") for c in n)), parts.likes)
        total = _people(likes)
        return {"Like": total} if total else {}
    return {}


def _people(node) -> int:
    """How many people "<bdi>A</bdi>, <bdi>B</bdi> and 3 others" names: one per name, plus the numbers said."""
    total = 0
    texts = [node.text or ""]
    for child in node:
        if child.tag.__class__ is not str:
            texts.append(child.tail or "")
            continue
        words = _words([element_text(child)])
        # XenForo 1 links "3 others" to the list of likers: a number, not a name.
        if child.tag == "a" and ("OverlayTrigger" in (child.get("class") or "") or "/likes" in (child.get("href") or "")):
            texts.append(words)
        elif child.tag in ("bdi", "a", "span") and words:
            total += 1
        texts.append(child.tail or "")
    for number in _NUMBER.findall(" ".join(texts)):
        total += _int(re.sub(r"[,.\s\u00a0\u202f]", "", number)) or 0
    return total


def _quotes_of_posts_on_the_page(posts: list[Post], thread_id: str | None) -> None:
    """A quote of a post shown on the same page takes that post's time and thread (XenForo quotes carry neither)."""
    times = {post.post_id: post.published_at for post in posts}

    def fill(quotes: list[Quote]) -> None:
        for quote in quotes:
            if quote.post_id in times:
                quote.published_at = quote.published_at or times[quote.post_id]
                quote.thread_id = quote.thread_id or thread_id
            fill(quote.quotes)

    for post in posts:
        fill(post.quotes)


def _absolute(base: str, href: str | None) -> str | None:
    return _join(base, href.strip()) if href else None


@lru_cache(maxsize=4096)
def _join(base: str, href: str) -> str:
    """``urljoin``, remembered: the same member and thread links recur on every page."""
    return urljoin(base, href)
