"""Invision Community (IPS 4, with the IPS 5 class names where they differ).

Sources, most robust first: the ``data-quotedata`` JSON on ``#comment-N_wrap`` (author id and
name, Unix time, topic id), ``data-ipsquote-*`` attributes on quotes, ``<time datetime>``, the
page's schema.org ``DiscussionForumPosting``, and only then visible markup. Anything a reader sees
that is not the poster's own words (quotes, edit notices, signatures) is kept out of ``text``.

Lookups are precompiled lxml XPath expressions, scoped to one post where they can be: parsing
runs on every page, and whole-document walks with class tests cost more than building the tree.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urljoin

from parsel import Selector

from .dates import from_unix, parse_iso, parse_text_date, split_ips_citation
from .html_text import (
    element_text,
    inner_html,
    iter_outside,
    remove_matching,
    sanitise,
    without,
)
from .markup import class_test, json_ld_documents, top_level_blockquotes
from .markup import xpath as _X
from .models import Author, Link, ListedThread, PageResult, Post, Quote, Thread
from .urls import joined
from .values import first as _first
from .values import to_int as _int
from .values import words as _words

ENGINE = "ips"


# Document level: each is at most one walk of the tree.
_IS_IPS = _X(f"/html[contains(@class, 'ipsApp')] | /html/body[{class_test('ipsApp')}]")
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_LINK_NEXT = _X("/html/head/link[@rel='next']/@href")
_PAGE_TITLE = _X("/html/head/title/text()")
_OG_TITLE = _X("/html/head/meta[@property='og:title']/@content")
_ERROR = _X("//*[@id='elError' or @id='elErrorMessage' or @data-role='errorMessage']")
_ANY_WRAP = _X("//*[@data-commentid]")
_ANY_CONTENT = _X("//*[@data-role='commentContent']")
# Forum listings (a board's or sub-forum's topic list).
_TOPIC_ROWS = _X("//ol[contains(@class, 'cTopicList')]/li[@data-rowid]")
_TOPIC_ROW_LINK = _X(".//h4[contains(@class, 'ipsDataItem_title')]//a[contains(@href, '/topic/')]")
_TOPIC_ROW_NUMBERS = _X(".//ul[contains(@class, 'ipsDataItem_stats')]//*[contains(@class, 'ipsDataItem_stats_number')]/text()")
_TOPIC_ROW_LAST_POST = _X(".//ul[contains(@class, 'ipsDataItem_lastPoster')]//time/@datetime")
_LOGIN_FORM = _X("//form[contains(@action, 'do=login') or contains(@action, '/login/')]")
# Inside one pagination list.
_PAGE_ACTIVE = _X(f"li[{class_test('ipsPagination_active')} or {class_test('ipsPagination__active')}]/a/@data-page")
_PAGE_NEXT = _X(f"li[({class_test('ipsPagination_next')} and not({class_test('ipsPagination_inactive')}))"
                f" or ({class_test('ipsPagination__next')} and not({class_test('ipsPagination__inactive')}))]/a/@href")
# Inside one breadcrumb: IPS 4 marks its list with data-role, IPS 5 uses an <ol>; themes that do
# neither keep "All Activity" in a right-floated list of its own.
_CRUMBS = _X(f"(.//*[@data-role='breadcrumbList']/li | .//ol/li)"
             f" | .//ul[not({class_test('ipsPos_right')}) and not({class_test('ipsBreadcrumb__feed')})]/li")
_CRUMB_MARKED = _X(".//*[@data-role='breadcrumbList'] | .//ol")
# Inside one post (<article>): class names that mark the parts the parser reads. They are
# found in one pass over the post's <div>, <h3> and <ul> elements (see _PostParts): lxml
# filters those tags in C, which is several times faster than an XPath walk per part.
_PART_CLASSES = ("cAuthorPane_author", "ipsEntry__username", "ipsEntry__author-name", "ipsComment_meta",
                 "ipsEntry__meta", "cAuthorPane_mobile", "ipsReact_reactCountOnly", "ipsReact_reactions")
_PROFILE_LINK = _X(".//a[contains(@href, '/profile/')]/@href")
_EDIT_NOTICES = _X(".//*[@data-excludequote]")
_TIME_ATTR = _X(".//time/@datetime")
_QUOTES = frozenset({"blockquote"})

_COMMENT_ID = re.compile(r"^elComment_(\d+)$")
_PROFILE_ID = re.compile(r"/profile/(\d+)-")
_TOPIC_ID = re.compile(r"/topic/(\d+)(?:-|/|$)")
_EDITED_BY = re.compile(r"\bby\s+(?P<who>.+?)\s*$", re.S)
# Notices a reader sees inside a post body that are not the poster's words.
_NOT_OWN_WORDS = _X(
    ".//*[@data-excludequote]"  # "Edited April 18, 2024 by thanosmano"
    " | .//*[@data-role='memberSignature']"
    " | .//script | .//style"
)


def detect(doc: Selector) -> bool:
    """True for pages rendered by Invision Community."""
    root = doc.root
    return bool(_IS_IPS(root)) or any(_COMMENT_ID.match(a.get("id") or "") for a in root.iter("article"))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one IPS topic page; non-topic pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = _PageParts(root)
    if not page.articles:
        return _without_posts(root, url)
    canonical = _first(_CANONICAL(root))
    pagination = page.pagination
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=joined(url, canonical))
    result.thread = _thread(root, page, url, canonical)
    result.next_page_url = _next_page(root, url, pagination)
    per_page = _int(pagination.get("data-ipspagination-perpage")) if pagination is not None else None
    first_position = (result.thread.page - 1) * per_page if per_page else 0
    for index, article in enumerate(page.articles, start=1):
        post = _post(article, url, captured_at, first_position + index, result.errors)
        if post is not None:
            post.position_on_page = index
            result.posts.append(post)
    if result.thread.starter is None and result.thread.page == 1 and result.posts:
        result.thread.starter = result.posts[0].author
        result.thread.started_at = result.thread.started_at or result.posts[0].published_at
    return result


def _without_posts(root, url: str) -> PageResult:
    title = _words(_PAGE_TITLE(root))
    error = _ERROR(root)
    if error:
        message = " ".join(element_text(node) for node in error[:1])
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {_words([message]) or title}"[:500])
    if _LOGIN_FORM(root) and not _ANY_CONTENT(root):
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {title}")
    rows = _TOPIC_ROWS(root)
    if rows:
        return _forum_page(root, url, rows)
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"IPS page without posts: {title}")


def _forum_page(root, url: str, rows) -> PageResult:
    """A board or sub-forum listing: each topic with its reply count and last post time."""
    result = PageResult(kind="forum_page", url=url, engine=ENGINE)
    for row in rows:
        link = _first(_TOPIC_ROW_LINK(row))
        if link is None:
            continue
        numbers = [_int(n) for n in _TOPIC_ROW_NUMBERS(row)]
        result.listed_threads.append(ListedThread(
            url=joined(url, link.get("href")).split("#", 1)[0], id=row.get("data-rowid"),
            title=_words([element_text(link)]) or None, replies=numbers[0] if numbers else None,
            last_post_at=parse_iso(_first(_TOPIC_ROW_LAST_POST(row)))))
    pagination = _first(root.xpath("(//ul[contains(@class, 'ipsPagination')])[not(contains(@class, 'mini'))][1]"))
    result.next_page_url = _next_page(root, url, pagination)
    return result


class _PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names (see _PostParts)."""

    def __init__(self, root) -> None:
        self.articles, self.titles, self.tag_lists, self.json_ld = [], [], [], []
        self.breadcrumb = self.pagination = None
        for node in root.iter("article", "h1", "nav", "ul", "script"):
            tag, classes = node.tag, node.get("class") or ""
            if tag == "article":
                if _COMMENT_ID.match(node.get("id") or ""):
                    self.articles.append(node)
            elif tag == "h1":
                parent = node.getparent()
                if "ipsType_pageTitle" in classes.split() or (
                        parent is not None and "ipsPageHeader__title" in (parent.get("class") or "")):
                    self.titles.append(node)
            elif tag == "nav":
                if self.breadcrumb is None and "ipsBreadcrumb" in classes.split():
                    self.breadcrumb = node
            elif tag == "ul":
                if self.pagination is None and "ipsPagination" in classes.split():
                    self.pagination = node
                elif "ipsTags" in classes:
                    self.tag_lists.append(node)
            elif node.get("type") == "application/ld+json" and node.text:
                self.json_ld.append(node.text)


def _thread(root, page: _PageParts, url: str, canonical: str | None) -> Thread:
    canonical = canonical or url
    pagination = page.pagination
    match = _TOPIC_ID.search(canonical) or _TOPIC_ID.search(url)
    thread_id = match.group(1) if match else None
    posting = _json_ld_posting(page.json_ld)
    if thread_id is None:
        wrap = _first(_ANY_WRAP(root))
        quotedata = _quotedata(wrap)
        thread_id = str(quotedata["contentid"]) if quotedata.get("contentid") else None
    title = _words([element_text(h1) for h1 in page.titles[:1]]) or posting.get("headline") or _first(_OG_TITLE(root))
    author = posting.get("author") if isinstance(posting.get("author"), dict) else {}
    starter = Author(name=author["name"], id=_profile_id(author.get("url")), url=author.get("url")) \
        if author.get("name") else None
    tags = [_words([element_text(a)]) or a.get("data-tag", "") for ul in page.tag_lists for a in ul.iter("a")]
    return Thread(
        id=thread_id, title=title or None, url=_topic_url(canonical), forum=_breadcrumb(page.breadcrumb, title),
        page=_page_number(pagination, url), page_count=_page_count(pagination), starter=starter,
        started_at=parse_iso(posting.get("dateCreated") or posting.get("datePublished")),
        tags=list(dict.fromkeys(t for t in tags if t)),
    )


def _json_ld_posting(scripts: list[str]) -> dict:
    """The page's schema.org DiscussionForumPosting (IPS emits one on every topic page), or {}."""
    for data in json_ld_documents(scripts, "DiscussionForumPosting"):
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if isinstance(item, dict) and item.get("@type") == "DiscussionForumPosting":
                return item
    return {}


def _breadcrumb(nav, title: str | None) -> list[str]:
    """Names of the forums above the thread, outermost first ("All Activity" and the thread left out)."""
    if nav is None:
        return []
    items = _CRUMBS(nav)
    if _CRUMB_MARKED(nav):
        items = [li for li in items if li.getparent().tag == "ol" or li.getparent().get("data-role") == "breadcrumbList"]
    names: list[str] = []
    for item in items:
        name = _words([element_text(item)])
        current = not item.findall(".//a") or item.get("aria-current")
        if name and not (current or name == title):
            names.append(name)
    return names


def _page_count(pagination) -> int:
    return (_int(pagination.get("data-pages")) if pagination is not None else None) or 1


def _page_number(pagination, url: str) -> int:
    active = _int(_first(_PAGE_ACTIVE(pagination))) if pagination is not None else None
    from_url = re.search(r"/page/(\d+)", url)
    return active or (int(from_url.group(1)) if from_url else 1)


def _topic_url(canonical: str | None) -> str | None:
    return re.sub(r"page/\d+/?$", "", canonical) if canonical else None


def _next_page(root, url: str, pagination) -> str | None:
    href = (_first(_PAGE_NEXT(pagination)) if pagination is not None else None) or _first(_LINK_NEXT(root))
    absolute = joined(url, href)
    return absolute.split("#", 1)[0] if absolute else None  # IPS appends "#comments"


class _PostParts:
    """The elements of one post the parser reads, from a single walk of the post."""

    def __init__(self, article) -> None:
        self.wrap = self.body = None
        self.panes, self.meta, self.phone_meta, self.reaction_lists, self.count_only = [], [], [], [], []
        for node in article.iter("div", "h3", "ul"):
            if self.wrap is None and node.get("data-commentid") is not None:
                self.wrap = node
            if self.body is None and node.get("data-role") == "commentContent":
                self.body = node
                continue
            classes = node.get("class")
            if not classes or not any(name in classes for name in _PART_CLASSES):
                continue
            if node.tag == "h3":
                self.panes.append(node)
            elif node.tag == "ul":
                if "ipsReact_reactions" in classes:
                    self.reaction_lists.append(node)
            elif "ipsReact_reactCountOnly" in classes:
                self.count_only.append(node)
            elif "cAuthorPane_mobile" in classes:
                self.phone_meta.append(node)
            elif "ipsComment_meta" in classes or "ipsEntry__meta" in classes:
                self.meta.append(node)


def _post(article, page_url: str, captured_at: datetime, position: int, errors: list[str]) -> Post | None:
    comment_id = _COMMENT_ID.match(article.get("id")).group(1)
    parts = _PostParts(article)
    quotedata = _quotedata(parts.wrap)
    author = _author(parts.panes, quotedata)
    if not author.name:
        errors.append(f"post {comment_id}: no author name found")
    published = parse_iso(_meta_time(parts)) or from_unix(quotedata.get("timestamp"))
    if published is None:
        errors.append(f"post {comment_id}: no publication time found")
    body = parts.body
    if body is None:
        errors.append(f"post {comment_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(body)
    # The tree is this parse's own (the registry builds one per page): edit the post body in place.
    remove_matching(body, _NOT_OWN_WORDS)
    shown = body
    _show_real_addresses(shown, page_url)
    quotes = [_quote(bq, published or captured_at) for bq in top_level_blockquotes(shown)]
    permalink = _permalink(parts, comment_id)
    links, images, attachments = _references(shown)
    return Post(
        post_id=comment_id,
        url=joined(page_url, permalink) or f"{page_url.split('#')[0]}#comment-{comment_id}",
        position=position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(shown, skip=_QUOTES),
        html=sanitise(inner_html(shown)),
        reactions=_reactions(parts),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _permalink(parts: _PostParts, comment_id: str) -> str | None:
    """The post's own "?do=findComment&comment=N" link: in the meta line, else anywhere in the post wrap.

    Checked against the post id: a quote's citation in the body may link to another post.
    """
    wanted = f"comment={comment_id}"
    containers = parts.meta + parts.phone_meta + ([parts.wrap] if parts.wrap is not None else [])
    for container in containers:
        for anchor in container.iter("a"):
            href = anchor.get("href")
            if href and "do=findComment" in href and (href.endswith(wanted) or f"{wanted}&" in href):
                return href
    return None


def _quotedata(wrap) -> dict:
    raw = wrap.get("data-quotedata") if wrap is not None else None
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _author(panes: list, quotedata: dict) -> Author:
    # IPS 4: desktop pane (aside) and phone pane share .cAuthorPane_author; IPS 5: .ipsEntry__username.
    url = next((href for pane in panes for href in _PROFILE_LINK(pane)), None)
    name = quotedata.get("username") or None
    if not name and panes:
        # Guests and deleted members: a name without a profile link.
        name = _words([element_text(panes[0])]) or None
    user_id = quotedata.get("userid") or _profile_id(url)
    return Author(name=name, id=str(user_id) if user_id else None, url=url)


def _meta_time(parts: _PostParts) -> str | None:
    # The comment meta line holds the post's own time; the desktop author pane may hold a join date.
    for container in parts.meta + parts.phone_meta:
        value = _first(_TIME_ATTR(container))
        if value:
            return value
    return None


def _edit_notice(content) -> tuple[datetime | None, str | None]:
    for notice in _EDIT_NOTICES(content):
        # "<strong>Edited <time>…</time> by jg1</strong><br>added last line": the reason follows the <strong>.
        headline = notice.find(".//strong")
        words = _words([element_text(headline if headline is not None else notice)])
        if not words.startswith("Edited"):
            continue
        match = _EDITED_BY.search(words)
        return parse_iso(_first(_TIME_ATTR(notice))), match.group("who") if match else None
    return None, None


def _show_real_addresses(element, page_url: str) -> None:
    """Make links absolute and put lazy-loaded images' real address (``data-src``) in ``src``."""
    for node in element.iter("a", "img"):
        attribute = "href" if node.tag == "a" else "src"
        value = node.get("data-src") or node.get(attribute) if node.tag == "img" else node.get(attribute)
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:")):
            value = urljoin(page_url, value.strip())
        if value:
            node.set(attribute, value)


def _references(shown) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments in the poster's own words (quoted ones belong to the quote).

    Addresses are already absolute (see :func:`_show_real_addresses`).
    """
    links, images, attachments = [], [], []
    for anchor in iter_outside(shown, ("a",), skip="blockquote"):
        href, classes = anchor.get("href"), anchor.get("class") or ""
        if not href or href.startswith("#") or "ipsAttachLink_image" in classes:
            continue  # an attached image's full-size link is recorded with the image below
        # IPS file attachments: <a class="ipsAttachLink" href=".../attachment.php?id=N">name.pdf</a>
        target = attachments if "ipsAttachLink" in classes else links
        target.append(Link(href, element_text(anchor) or None))
    for image in iter_outside(shown, ("img",), skip="blockquote"):
        if image.get("data-emoticon") is not None or "ipsEmoji" in (image.get("class") or ""):
            continue  # smileys are part of the words, not pictures the poster posted
        parent = image.getparent()
        full_size = parent.get("href") if parent is not None and "ipsAttachLink_image" in (parent.get("class") or "") else None
        src = full_size or image.get("src")
        if src and not src.startswith("data:"):
            images.append(Link(src, image.get("alt")))
    return links, images, attachments


def _quote(blockquote, quoting_time: datetime) -> Quote:
    """A quote and the quotes nested in it; ``quoting_time`` resolves a bare "6 hours ago"."""
    attrs = blockquote.attrib
    citation_node = contents = None
    for child in blockquote:
        classes = child.get("class") or "" if child.tag.__class__ is str else ""
        if citation_node is None and "ipsQuote_citation" in classes:
            citation_node = child
        elif contents is None and "ipsQuote_contents" in classes:
            contents = child
    citation = element_text(citation_node) if citation_node is not None else None
    body = contents if contents is not None else without(blockquote, "./*[contains(@class, 'ipsQuote_citation')]")
    when_text, who = split_ips_citation(citation or "")
    published = from_unix(attrs.get("data-ipsquote-timestamp"))
    if published is None and when_text:
        published = parse_text_date(when_text, quoting_time)
    return Quote(
        author=attrs.get("data-ipsquote-username") or who,
        author_id=attrs.get("data-ipsquote-userid") or None,
        post_id=attrs.get("data-ipsquote-contentcommentid") or None,
        thread_id=attrs.get("data-ipsquote-contentid") or None,
        published_at=published,
        citation=citation,
        text=element_text(body, skip=_QUOTES),
        quotes=[_quote(bq, published or quoting_time) for bq in top_level_blockquotes(body)],
    )


def _reactions(parts: _PostParts) -> dict[str, int]:
    """Reaction name to count. Boards in "reputation count only" mode show one unnamed total."""
    reactions: dict[str, int] = {}
    items = [li for ul in parts.reaction_lists for li in ul
             if li.tag == "li" and "ipsReact_reactCount" in (li.get("class") or "").split()]
    for item in items:
        # The name is the image's alt in one layout, a span title in the other.
        name = next((node.get("alt") if node.tag == "img" else node.get("title")
                     for node in item.iter("img", "span") if node.get("alt" if node.tag == "img" else "title")), None)
        numbers = "".join(item.itertext()).split()
        count = _int(numbers[-1]) if numbers else None
        if name and count is not None:
            reactions[name.strip()] = count
    if not reactions and parts.count_only:
        total = _int(_words(parts.count_only[0].itertext()))
        if total is not None:
            reactions["Reputation"] = total
    return reactions


def _profile_id(url: str | None) -> str | None:
    match = _PROFILE_ID.search(url or "")
    return match.group(1) if match else None


