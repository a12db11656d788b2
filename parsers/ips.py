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
from .models import Author, Link, PageResult, Post, Quote, Thread

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
            post.position_on_page = index
            result.posts.append(post)
    if result.thread.starter is None and result.thread.page == 1 and result.posts:
        result.thread.starter = result.posts[0].author
        result.thread.started_at = result.thread.started_at or result.posts[0].published_at
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
    title = " ".join(" ".join(doc.css("h1.ipsType_pageTitle ::text, .ipsPageHeader__title h1 ::text").getall()).split())
    posting = _json_ld_posting(doc)
    if not title:
        title = posting.get("headline") or doc.css("meta[property='og:title']::attr(content)").get()
    author = posting.get("author") if isinstance(posting.get("author"), dict) else {}
    starter = Author(name=author.get("name"), id=_profile_id(author.get("url")), url=author.get("url")) \
        if author.get("name") else None
    tags = doc.css("ul.ipsTags a span::text, ul.ipsTags a::attr(data-tag), .ipsTags a.ipsTag span::text").getall()
    return Thread(id=thread_id, title=title or None, url=_topic_url(canonical), forum=_breadcrumb(doc, title),
                  page=_page_number(doc, url), page_count=_page_count(doc), starter=starter,
                  started_at=parse_iso(posting.get("dateCreated") or posting.get("datePublished")),
                  tags=list(dict.fromkeys(t.strip() for t in tags if t.strip())))


def _json_ld_posting(doc: Selector) -> dict:
    """The page's schema.org DiscussionForumPosting (IPS emits one on every topic page), or {}."""
    for raw in doc.css("script[type='application/ld+json']::text").getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if isinstance(item, dict) and item.get("@type") == "DiscussionForumPosting":
                return item
    return {}


def _profile_id(url: str | None) -> str | None:
    match = _PROFILE_ID.search(url or "")
    return match.group(1) if match else None


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
    _show_real_addresses(shown, page_url)
    own = without(shown, ".//blockquote")
    quotes = [_quote(bq, published or captured_at) for bq in _top_level_blockquotes(shown)]
    permalink = article.css("a[href*='do=findComment']::attr(href)").get()
    links, images, attachments = _references(own, page_url)
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
        links=links,
        images=images,
        attachments=attachments,
    )


def _show_real_addresses(element, page_url: str) -> None:
    """Make links absolute and put lazy-loaded images' real address (``data-src``) in ``src``."""
    for image in element.iter("img"):
        if image.get("data-src"):
            image.set("src", image.get("data-src"))
    element.make_links_absolute(page_url, resolve_base_href=False)


def _references(own, page_url: str) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments in the poster's own words (quoted ones belong to the quote).

    Addresses are already absolute (see :func:`_show_real_addresses`).
    """
    links, images, attachments = [], [], []
    for anchor in own.iter("a"):
        href, classes = anchor.get("href"), anchor.get("class") or ""
        if not href or href.startswith("#") or "ipsAttachLink_image" in classes:
            continue  # an attached image's full-size link is recorded with the image below
        # IPS file attachments: <a class="ipsAttachLink" href=".../attachment.php?id=N">name.pdf</a>
        target = attachments if "ipsAttachLink" in classes else links
        target.append(Link(href, element_text(anchor) or None))
    for image in own.iter("img"):
        if image.get("data-emoticon") is not None or "ipsEmoji" in (image.get("class") or ""):
            continue  # smileys are part of the words, not pictures the poster posted
        parent = image.getparent()
        full_size = parent.get("href") if parent is not None and "ipsAttachLink_image" in (parent.get("class") or "") else None
        src = full_size or image.get("src")
        if src and not src.startswith("data:"):
            images.append(Link(src, image.get("alt")))
    return links, images, attachments


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
    # IPS 4: desktop pane (aside) and phone pane share .cAuthorPane_author; IPS 5: .ipsEntry__username.
    link = article.css(
        ".cAuthorPane_author a[href*='/profile/'], .ipsEntry__username a[href*='/profile/'],"
        " .ipsEntry__author-name a[href*='/profile/']"
    )[:1]
    name = quotedata.get("username") or None
    if not name:
        # Guests and deleted members: a name without a profile link.
        pane = article.css(".cAuthorPane_author, .ipsEntry__username, .ipsEntry__author-name")[:1]
        name = " ".join(" ".join(pane.css("::text").getall()).split()) or None
    url = link.attrib.get("href") if link else None
    user_id = quotedata.get("userid") or _profile_id(url)
    return Author(name=name, id=str(user_id) if user_id else None, url=url)


def _meta_time(article: Selector, wrap) -> str | None:
    # The comment meta line holds the post's own time; the author pane may hold a join date.
    for scope in (wrap.css(".ipsComment_meta, .ipsEntry__meta") if wrap else [], article.css(".cAuthorPane_mobile")):
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
    """Reaction name to count. Boards in "reputation count only" mode show one unnamed total."""
    reactions: dict[str, int] = {}
    for item in article.css("ul.ipsReact_reactions li.ipsReact_reactCount"):
        # The name is the image's alt in one layout, a span title in the other.
        name = item.css("img::attr(alt)").get() or item.css("span[title]::attr(title)").get()
        numbers = [t.strip() for t in item.css("::text").getall() if t.strip()]
        count = _int(numbers[-1]) if numbers else None
        if name and count is not None:
            reactions[name.strip()] = count
    total = article.css(".ipsReact_reactCountOnly [data-role=reactCountText]::text, .ipsReact_reactCountOnly ::text")
    numbers = [t.strip() for t in total.getall() if t.strip()]
    if not reactions and numbers and _int(numbers[0]) is not None:
        reactions["Reputation"] = _int(numbers[0])
    return reactions


def _int(value) -> int | None:
    try:
        return int(str(value).strip().replace(",", ""))
    except (TypeError, ValueError):
        return None


def _absolute(base: str, href: str | None) -> str | None:
    return urljoin(base, href.strip()) if href else None

