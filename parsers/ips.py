"""Invision Community (IPS 4, with the IPS 5 class names where they differ).

Sources, most robust first: the ``data-quotedata`` JSON on ``#comment-N_wrap`` (author id and
name, Unix time, topic id), ``data-ipsquote-*`` attributes on quotes, ``<time datetime>``, and only
then visible markup. Anything a reader sees that is not the poster's own words (quotes, edit
notices, signatures) is kept out of ``text``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urljoin

from parsel import Selector

from .dates import from_unix, parse_iso, parse_text_date, split_ips_citation
from .html_text import element_text, inner_html, sanitise, without
from .models import Author, PageResult, Post, Quote, Thread

ENGINE = "ips"

_COMMENT_ID = re.compile(r"^elComment_(\d+)$")
_PROFILE_ID = re.compile(r"/profile/(\d+)-")
_TOPIC_ID = re.compile(r"/topic/(\d+)(?:-|/|$)")
_EDITED_BY = re.compile(r"\bby\s+(?P<who>.+?)\s*$", re.S)
# Notices a reader sees inside a post body that are not the poster's words.
_NOT_OWN_WORDS = (
    ".//*[@data-excludequote]"  # "Edited April 18, 2024 by thanosmano"
    " | .//*[@data-role='memberSignature']"
    " | .//script | .//style"
)


def detect(doc: Selector) -> bool:
    """True for pages rendered by Invision Community."""
    return bool(
        doc.css("article[id^=elComment_], [data-controller*='core.front.core'], #ipsLayout_header")
        or doc.xpath("//html[contains(@class, 'ipsApp') or contains(@id, 'ipsApp')]")
        or doc.css("body.ipsApp")
    )


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one IPS topic page; non-topic pages come back ``blocked`` or ``unsupported``."""
    articles = [a for a in doc.css("article") if _COMMENT_ID.match(a.attrib.get("id", ""))]
    if not articles:
        return _without_posts(doc, url)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    result.canonical_url = _absolute(url, doc.css("link[rel=canonical]::attr(href)").get())
    result.thread = _thread(doc, url)
    result.next_page_url = _next_page(doc, url)
    per_page = _int(doc.css("[data-ipspagination-perpage]::attr(data-ipspagination-perpage)").get())
    first_position = (result.thread.page - 1) * per_page if per_page else 0
    for index, article in enumerate(articles, start=1):
        post = _post(article, url, captured_at, first_position + index, result.errors)
        if post is not None:
            result.posts.append(post)
    return result


def _without_posts(doc: Selector, url: str) -> PageResult:
    title = " ".join(doc.css("title::text").get("").split())
    error = doc.css("#elError, #elErrorMessage, [data-role='errorMessage']")
    if error:
        message = " ".join(" ".join(error.css("::text").getall()).split())
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {message or title}"[:500])
    if doc.css("form[action*='do=login'], form[action*='/login/']") and not doc.css("[data-role='commentContent']"):
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {title}")
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"IPS page without posts: {title}")


def _thread(doc: Selector, url: str) -> Thread:
    canonical = doc.css("link[rel=canonical]::attr(href)").get() or url
    match = _TOPIC_ID.search(canonical) or _TOPIC_ID.search(url)
    thread_id = match.group(1) if match else None
    if thread_id is None:
        quotedata = _quotedata(doc.css("[data-quotedata]"))
        thread_id = str(quotedata["contentid"]) if quotedata.get("contentid") else None
    title = " ".join(" ".join(doc.css("h1.ipsType_pageTitle ::text, h1.ipsPageHeader__title ::text").getall()).split())
    if not title:
        title = doc.css("meta[property='og:title']::attr(content)").get()
    return Thread(id=thread_id, title=title or None, url=_topic_url(canonical), forum=_breadcrumb(doc, title),
                  page=_page_number(doc, url), page_count=_page_count(doc))


def _breadcrumb(doc: Selector, title: str | None) -> list[str]:
    """Names of the forums above the thread, outermost first ("All Activity" and the thread left out)."""
    nav = doc.css("nav.ipsBreadcrumb")[:1]
    # IPS 4 marks the list with data-role; IPS 5 with schema.org BreadcrumbList microdata.
    # Themes that drop both keep the "All Activity" link in its own right-floated list.
    items = (nav.css("[data-role=breadcrumbList] > li") or nav.css("ol > li")
             or nav.css("ul:not(.ipsPos_right):not(.ipsBreadcrumb__feed) > li"))
    names: list[str] = []
    for item in items:
        name = " ".join(" ".join(item.css("::text").getall()).split())
        current = not item.css("a") or item.attrib.get("aria-current")
        if name and not (current or name == title):
            names.append(name)
    return names


def _page_count(doc: Selector) -> int:
    pagination = doc.css("ul.ipsPagination")[:1]
    return _int(pagination.attrib.get("data-pages") if pagination else None) or 1


def _page_number(doc: Selector, url: str) -> int:
    active = doc.css("ul.ipsPagination")[:1].css(
        "li.ipsPagination_active a::attr(data-page), li.ipsPagination__active a::attr(data-page)").get()
    from_url = re.search(r"/page/(\d+)", url)
    return _int(active) or (int(from_url.group(1)) if from_url else 1)


def _topic_url(canonical: str | None) -> str | None:
    return re.sub(r"page/\d+/?$", "", canonical) if canonical else None


def _next_page(doc: Selector, url: str) -> str | None:
    href = doc.css(
        "ul.ipsPagination li.ipsPagination_next:not(.ipsPagination_inactive) a::attr(href),"
        "ul.ipsPagination li.ipsPagination__next:not(.ipsPagination__inactive) a::attr(href)"
    ).get() or doc.css("link[rel=next]::attr(href)").get()
    absolute = _absolute(url, href)
    return absolute.split("#", 1)[0] if absolute else None  # IPS appends "#comments"


def _post(article: Selector, page_url: str, captured_at: datetime, position: int, errors: list[str]) -> Post | None:
    comment_id = _COMMENT_ID.match(article.attrib["id"]).group(1)
    wrap = article.css(f"#comment-{comment_id}_wrap") or article.css("[data-commentid]")
    quotedata = _quotedata(wrap)
    author = _author(article, quotedata)
    if not author.name:
        errors.append(f"post {comment_id}: no author name found")
    published = parse_iso(_meta_time(article, wrap)) or from_unix(quotedata.get("timestamp"))
    if published is None:
        errors.append(f"post {comment_id}: no publication time found")
    content = article.css("[data-role=commentContent]")
    if not content:
        errors.append(f"post {comment_id}: no post body found; post skipped")
        return None
    body = content[0].root
    edited_at, edited_by = _edit_notice(content[0])
    shown = without(body, _NOT_OWN_WORDS)
    own = without(shown, ".//blockquote")
    quotes = [_quote(bq, published or captured_at) for bq in _top_level_blockquotes(shown)]
    permalink = article.css("a[href*='do=findComment']::attr(href)").get()
    return Post(
        post_id=comment_id,
        url=_absolute(page_url, permalink) or f"{page_url.split('#')[0]}#comment-{comment_id}",
        position=position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(own),
        html=sanitise(inner_html(shown)),
        reactions=_reactions(article),
        quotes=quotes,
    )


def _quotedata(selection) -> dict:
    raw = selection.attrib.get("data-quotedata") if selection else None
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _author(article: Selector, quotedata: dict) -> Author:
    link = article.css(
        "aside.cAuthorPane .cAuthorPane_author a[href*='/profile/'], .cAuthorPane_author a[href*='/profile/'],"
        " .ipsEntry__author-name a[href*='/profile/']"
    )[:1]
    name = quotedata.get("username") or None
    if not name:
        pane = article.css("aside.cAuthorPane .cAuthorPane_author, .cAuthorPane_author, .ipsEntry__author-name")[:1]
        name = " ".join(" ".join(pane.css("::text").getall()).split()) or None
    url = link.attrib.get("href") if link else None
    user_id = quotedata.get("userid")
    if not user_id and url:
        match = _PROFILE_ID.search(url)
        user_id = match.group(1) if match else None
    return Author(name=name, id=str(user_id) if user_id else None, url=url)


def _meta_time(article: Selector, wrap) -> str | None:
    # The comment meta line holds the post's own time; the author pane may hold a join date.
    for scope in (wrap.css(".ipsComment_meta") if wrap else [], article.css(".cAuthorPane_mobile, .ipsEntry__meta")):
        value = scope.css("time::attr(datetime)").get() if scope else None
        if value:
            return value
    return None


def _edit_notice(content: Selector) -> tuple[datetime | None, str | None]:
    for notice in content.css("[data-excludequote]"):
        # "<strong>Edited <time>…</time> by jg1</strong><br>added last line": the reason follows the <strong>.
        headline = notice.css("strong") or notice
        words = " ".join(" ".join(headline[0].css("::text").getall()).split())
        if not words.startswith("Edited"):
            continue
        match = _EDITED_BY.search(words)
        return parse_iso(notice.css("time::attr(datetime)").get()), match.group("who") if match else None
    return None, None


def _top_level_blockquotes(element) -> list:
    return [bq for bq in element.iter("blockquote") if bq is not element and _nearest_blockquote(bq, element)]


def _quote(blockquote, quoting_time: datetime) -> Quote:
    """A quote and the quotes nested in it; ``quoting_time`` resolves a bare "6 hours ago"."""
    attrs = blockquote.attrib
    citation_nodes = blockquote.xpath("./*[contains(@class, 'ipsQuote_citation')]")
    citation = element_text(citation_nodes[0]) if citation_nodes else None
    contents = blockquote.xpath("./*[contains(@class, 'ipsQuote_contents')]")
    body = contents[0] if contents else without(blockquote, "./*[contains(@class, 'ipsQuote_citation')]")
    nested = _top_level_blockquotes(body)
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
        text=element_text(without(body, ".//blockquote")),
        quotes=[_quote(bq, published or quoting_time) for bq in nested],
    )


def _nearest_blockquote(node, top) -> bool:
    """True when no blockquote stands between ``node`` and ``top``."""
    for ancestor in node.iterancestors():
        if ancestor is top:
            return True
        if ancestor.tag == "blockquote":
            return False
    return False


def _reactions(article: Selector) -> dict[str, int]:
    reactions: dict[str, int] = {}
    for item in article.css("ul.ipsReact_reactions li.ipsReact_reactCount"):
        name = item.css("img::attr(alt)").get() or item.css("[title]::attr(title)").get()
        numbers = [t.strip() for t in item.css("::text").getall() if t.strip()]
        count = _int(numbers[-1]) if numbers else None
        if name and count is not None:
            reactions[name.strip()] = count
    return reactions


def _int(value) -> int | None:
    try:
        return int(str(value).strip().replace(",", ""))
    except (TypeError, ValueError):
        return None


def _absolute(base: str, href: str | None) -> str | None:
    return urljoin(base, href.strip()) if href else None

