"""Discourse: the topic JSON API and the HTML crawler view (the page served without JavaScript).

**JSON** (``/t/{id}.json``, ``/t/{slug}/{id}.json``, ``/t/{id}/{post_number}.json``): the topic's
``post_stream.posts`` hold up to 20 posts and ``post_stream.stream`` every post id of the topic.
:func:`parse_json` returns the posts it holds and, in ``follow_urls``, the
``/t/{id}/posts.json?post_ids[]=A&post_ids[]=B...`` requests (20 ids each) that fetch the rest; a
``posts.json`` response returns its posts and nothing to follow. The post's ``cooked`` HTML is
read like the crawler view's post body.

**HTML crawler view**: the ``<noscript>`` block of a normal page, or the whole page a crawler
user agent gets. Three generations of markup, all anchored on the post body
``div.post[itemprop=text]`` (``itemprop=articleBody`` before 2023):

- 2023 and later: ``div#post_N.topic-body.crawler-post`` (``itemprop=comment``, or
  ``suggestedAnswer``/``acceptedAnswer`` on Q&A topics), ``span.creator[itemprop=author]`` with
  ``span[itemprop=name]``, ``<time datetime>`` (or only a printed date), ``meta[itemprop=dateModified]``,
  ``span[itemprop=position]``, a LikeAction ``userInteractionCount``;
- 2019-2022: the same inside ``div.topic-body.crawler-post[itemtype=DiscussionForumPosting]``
  without ids, position as ``#N``;
- before 2019: ``div[itemtype=DiscussionForumPosting]`` with ``div.creator`` and
  ``b[itemprop=author]``, likes as ``meta[itemprop=interactionCount][content=UserLikes:N]``.

Pagination is ``?page=N`` (``<link rel=next>`` in the head, ``a[rel=next]`` in the page), 20 posts
a page. The crawler view names posts by their number in the topic only: a post's id is the real
one when the page carries Discourse's preloaded topic JSON (``#data-preloaded``, browser pages),
else ``{topic_id}/{post_number}`` (the post's address, ``/t/{slug}/{topic_id}/{post_number}``),
which is unique on the site as the archive needs.

Quotes are ``aside.quote[data-username][data-post][data-topic]`` with a ``.title`` citation
("name:") and a ``blockquote`` body, nested to any depth; a bare ``blockquote`` (Markdown ``>``)
is a quote without an author. ``data-post`` is a post *number*: a quote's ``post_id`` is the
quoted post's id when this page holds that post (and then its ``published_at`` is that post's
time; Discourse quotes carry none), else ``{topic_id}/{post_number}``. Link previews
(``aside.onebox``) are kept out of the poster's words and recorded as links.

Authors are usernames (``/u/{username}``); the JSON also gives the numeric user id, the crawler
view only on browser pages that preload the topic. A post counts as edited when its JSON
``version`` is above 1 (``last_wiki_edit``, else ``updated_at``), or when the crawler view's
``dateModified`` (the last revision's time) differs from ``datePublished``; Discourse does not say
who edited. Likes are ``{"Like": N}`` (``actions_summary`` id 2), discourse-reactions plugin
counts are added under their emoji names. Small-action notices ("pinned", "closed": ``post_type``
3 with no text) are not posts. Category names are not in the topic JSON, so ``forum`` stays empty
there.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from urllib.parse import parse_qs, urljoin, urlsplit
from urllib.parse import quote as url_quote

from lxml import etree
from parsel import Selector

from .dates import parse_iso, parse_text_date
from .html_text import drop_node, element_text, inner_html, sanitise, without
from .markup import class_test
from .markup import xpath as _X
from .models import Author, Link, PageResult, Post, Quote, Thread
from .urls import joined
from .values import first as _first
from .values import words as _words

ENGINE = "discourse"
CHUNK = 20  # posts a crawler-view page shows, and post ids asked for in one posts.json request
_LIKE_ACTION = 2  # actions_summary id of "like"
_SMALL_ACTION = 3  # post_type of "closed this topic"-style notices: not posts


# Document level.
_GENERATOR = _X("/html/head/meta[@name='generator']/@content")
_DISCOURSE_META = _X("/html/head/meta[@name='discourse_theme_id' or @name='discourse_current_homepage']")
_LANG = _X("/html/@lang")
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_HEAD_NEXT = _X("/html/head/link[@rel='next']/@href")
_PAGE_TITLE = _X("/html/head/title/text()")
_OG_TITLE = _X("/html/head/meta[@property='og:title']/@content")
_BODIES = _X(f"//div[(@itemprop='text' or @itemprop='articleBody') and {class_test('post')}]")
_NAV_NEXT = _X("//div[@role='navigation']//a[@rel='next']/@href")
_TOPIC_TITLE = _X("//div[@id='topic-title']")
_OLD_CRUMBS = _X("//div[@id='breadcrumbs']//*[@itemprop='title' or @itemprop='name']")
_OLD_TAGS = _X(f"//div[{class_test('tags-list')}]//*[@itemprop='name']")
_TOPIC_PUBLISHED = _X("//*[contains(@itemtype, 'DiscussionForumPosting')]/meta[@itemprop='datePublished']/@content")
_PRELOADED = _X("//div[@id='data-preloaded']/@data-preloaded")
_NOT_FOUND = _X(f"//div[{class_test('page-not-found')}]")
_NOT_FOUND_TITLE = _X(".//h1 | .//h2")
_LOGIN = _X(f"//*[{class_test('login-welcome')} or {class_test('login-required')} or @id='login-form']"
            " | //form[contains(@action, '/session')]")
_ANY_H1 = _X("//h1")
# Inside the #topic-title block.
_TITLE_H1 = _X(".//h1")
_CRUMB_NAMES = _X(f".//*[contains(@itemtype, 'BreadcrumbList')]//*[{class_test('category-name')}]"
                  f" | .//*[contains(@itemtype, 'BreadcrumbList')]//*[@itemprop='name']")
_CATEGORY_NAMES = _X(f".//*[{class_test('category-name')}]")
_TAG_LINKS = _X(f".//a[{class_test('discourse-tag')}]")
# Inside one post body (the tree is this parse's own: chrome is removed in place).
_CHROME = _X(f".//div[{class_test('quote-controls')}] | .//div[{class_test('lightbox-wrapper')}]//div[{class_test('meta')}]"
             " | .//script | .//style")
_TITLE_DIV = _X(f"./div[{class_test('title')}]")

_POST_NUMBER = re.compile(r"^post_(\d+)$")
_DIGITS = re.compile(r"\d+")
_LIKES = re.compile(r"UserLikes:(\d+)")
_CITATION_NAME = re.compile(r"^\s*(?P<who>[^:\n]+?)\s*:\s*$")
_QUOTES = frozenset({"blockquote", "aside"})  # quotes and link previews: not the poster's words
_IMAGE_SKIP = ("emoji", "avatar", "site-icon")
_HTML_PARSER = etree.HTMLParser(recover=True, encoding="utf-8")


# --- Detection -------------------------------------------------------------------------------


def detect(doc: Selector) -> bool:
    """True for pages rendered by Discourse (its generator meta, or its own head metas)."""
    root = doc.root
    return any(value.startswith("Discourse") for value in _GENERATOR(root)) or bool(_DISCOURSE_META(root))


def detect_json(data: dict) -> bool:
    """Topic JSON, posts.json, or a Discourse error answer (``{"errors": [...], "error_type": ...}``)."""
    stream = data.get("post_stream")
    if isinstance(stream, dict) and isinstance(stream.get("posts"), list):
        return True
    return isinstance(data.get("errors"), list) and isinstance(data.get("error_type"), str)


# --- Addresses -------------------------------------------------------------------------------


class _TopicAddress:
    """The parts of a topic URL: site base (with a subfolder install's path), slug, id, post number.

    ``/t/{slug}/{id}``, ``/t/{id}``, ``/t/{slug}/{id}/{n}``, ``/t/{id}/{n}``, each maybe ``.json``,
    and ``/t/{id}/posts.json``.
    """

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        path = parts.path
        at = path.find("/t/")
        self.base = self.origin + (path[:at] if at >= 0 else "")
        self.slug = self.topic_id = self.post_number = None
        if at < 0:
            return
        segments = [s for s in path[at + 3:].split("/") if s]
        if segments and segments[-1].endswith(".json"):
            segments[-1] = segments[-1][: -len(".json")]
        if segments and segments[0].isdigit():
            self.topic_id = segments[0]
            rest = segments[1:]
        elif len(segments) > 1 and segments[1].isdigit():
            self.slug, self.topic_id = segments[0], segments[1]
            rest = segments[2:]
        else:
            return
        if rest and rest[0].isdigit():
            self.post_number = int(rest[0])

    def topic_url(self, slug: str | None, topic_id: str | None) -> str | None:
        if not topic_id:
            return None
        return f"{self.base}/t/{slug}/{topic_id}" if slug else f"{self.base}/t/{topic_id}"

    def profile(self, username: str | None) -> str | None:
        return f"{self.base}/u/{url_quote(username)}" if username else None


class _PostIds:
    """Post number to post id, for the posts this page holds; ``{topic}/{number}`` for any other."""

    def __init__(self, topic_id: str | None, numbers: dict[int, str]) -> None:
        self.topic_id, self.numbers = topic_id, numbers

    def post_id(self, topic_id: str | None, number) -> str | None:
        number = _int(number)
        if number is None or not topic_id:
            return None
        if topic_id == self.topic_id and number in self.numbers:
            return self.numbers[number]
        return f"{topic_id}/{number}"


# --- JSON ------------------------------------------------------------------------------------


def parse_json(data: dict, url: str, captured_at: datetime) -> PageResult:
    """A topic JSON or posts.json answer; Discourse's error answers come back ``blocked``."""
    stream = data.get("post_stream")
    if not isinstance(stream, dict) or not isinstance(stream.get("posts"), list):
        errors = data.get("errors") or []
        message = "; ".join(str(e) for e in errors) or "no message"
        return PageResult(kind="blocked", url=url, engine=ENGINE,
                          reason=f"Discourse error ({data.get('error_type')}): {message}"[:500])
    address = _TopicAddress(url)
    raw_posts = [p for p in stream["posts"] if isinstance(p, dict)]
    topic_id = _str(data.get("id")) or next((_str(p.get("topic_id")) for p in raw_posts if p.get("topic_id")), None) \
        or address.topic_id
    slug = data.get("slug") or next((p.get("topic_slug") for p in raw_posts if p.get("topic_slug")), None) \
        or address.slug
    thread_url = address.topic_url(slug, topic_id)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    ids = _PostIds(topic_id, {n: _str(p.get("id")) for p in raw_posts
                              if (n := _int(p.get("post_number"))) is not None and p.get("id") is not None})
    for index, raw in enumerate(raw_posts, start=1):
        post = _json_post(raw, index, address, thread_url, ids, captured_at, result.errors)
        if post is not None:
            post.position_on_page = len(result.posts) + 1
            result.posts.append(post)
    _date_quotes(result.posts)
    page, page_count = _json_pages(data, stream, raw_posts)
    result.thread = Thread(
        id=topic_id, title=data.get("title") or None, url=thread_url, forum=[], page=page,
        page_count=page_count, starter=_json_starter(data, address), started_at=parse_iso(data.get("created_at")),
        tags=_json_tags(data.get("tags")),
    )
    first = next((p for p in result.posts if p.position == 1), None)
    if first is not None:
        result.thread.starter = result.thread.starter or first.author
        result.thread.started_at = result.thread.started_at or first.published_at
    if isinstance(stream.get("stream"), list) and topic_id:
        result.follow_urls = _batch_urls(address, topic_id, stream["stream"], raw_posts)
    return result


def _json_post(raw: dict, index: int, address: _TopicAddress, thread_url: str | None, ids: _PostIds,
               captured_at: datetime, errors: list[str]) -> Post | None:
    post_id = _str(raw.get("id"))
    if post_id is None:
        errors.append("a post without an id; skipped")
        return None
    cooked = raw.get("cooked") or ""
    if raw.get("post_type") == _SMALL_ACTION and not cooked.strip():
        return None  # "closed this topic", "pinned globally": a notice in the stream, not a post
    number = _int(raw.get("post_number"))
    username = raw.get("username") or None
    author = Author(name=username or raw.get("name") or None, id=_str(raw.get("user_id")),
                    url=address.profile(username))
    if not author.name:
        errors.append(f"post {post_id}: no author name")
    published = parse_iso(raw.get("created_at"))
    if published is None:
        errors.append(f"post {post_id}: no publication time")
    edited_at = None
    if (_int(raw.get("version")) or 1) > 1:
        edited_at = parse_iso(raw.get("last_wiki_edit")) or parse_iso(raw.get("updated_at"))
    if raw.get("post_url"):
        url = urljoin(address.origin + "/", raw["post_url"])
    else:
        url = f"{thread_url}/{number}" if thread_url and number else None
    body = _fragment(cooked)
    return _post(body, post_id, url, number or index, author, published, edited_at, _json_reactions(raw),
                 address, ids, captured_at)


def _fragment(cooked: str):
    """The ``<div>`` holding a post's cooked HTML, in a plain lxml tree of its own."""
    root = etree.fromstring(f"<html><body><div>{cooked}</div></body></html>".encode(), _HTML_PARSER)
    body = root.find("body") if root is not None else None
    div = body.find("div") if body is not None else None
    return div if div is not None else etree.fromstring(b"<div/>")


def _json_reactions(raw: dict) -> dict[str, int]:
    reactions: dict[str, int] = {}
    for action in raw.get("actions_summary") or []:
        if isinstance(action, dict) and action.get("id") == _LIKE_ACTION and (_int(action.get("count")) or 0) > 0:
            reactions["Like"] = _int(action["count"])
    # The discourse-reactions plugin: [{"id": "heart", "type": "emoji", "count": 2}, ...]
    for reaction in raw.get("reactions") or []:
        if isinstance(reaction, dict) and reaction.get("id") and (_int(reaction.get("count")) or 0) > 0:
            reactions[str(reaction["id"])] = _int(reaction["count"])
    return reactions


def _json_starter(data: dict, address: _TopicAddress) -> Author | None:
    details = data.get("details") if isinstance(data.get("details"), dict) else {}
    creator = details.get("created_by") if isinstance(details.get("created_by"), dict) else None
    if not creator or not (creator.get("username") or creator.get("name")):
        return None
    username = creator.get("username") or None
    return Author(name=username or creator.get("name"), id=_str(creator.get("id")), url=address.profile(username))


def _json_tags(tags) -> list[str]:
    """Tag names: plain strings, or ``{"name": ...}`` objects in newer versions."""
    names = []
    for tag in tags or []:
        name = tag.get("name") or tag.get("slug") if isinstance(tag, dict) else tag
        if isinstance(name, str) and name:
            names.append(name)
    return list(dict.fromkeys(names))


def _json_pages(data: dict, stream: dict, raw_posts: list[dict]) -> tuple[int, int]:
    """Page N of M in crawler-view pages of 20: exact from the stream; a posts.json answer has no
    stream, so its page is estimated from its first post number and the topic's post count."""
    ids = stream.get("stream")
    if isinstance(ids, list) and ids:
        first = raw_posts[0].get("id") if raw_posts else None
        index = ids.index(first) if first in ids else 0
        return index // CHUNK + 1, max(1, math.ceil(len(ids) / CHUNK))
    count = _int(data.get("posts_count")) or next((_int(p.get("posts_count")) for p in raw_posts
                                                    if p.get("posts_count")), None)
    numbers = [n for p in raw_posts if (n := _int(p.get("post_number")))]
    page_count = max(1, math.ceil(count / CHUNK)) if count else 1
    page = (min(numbers) - 1) // CHUNK + 1 if numbers else 1
    return page, max(page_count, page)


def _batch_urls(address: _TopicAddress, topic_id: str, stream: list, raw_posts: list[dict]) -> list[str]:
    """posts.json requests for the stream's posts this answer does not hold, 20 ids each."""
    held = {p.get("id") for p in raw_posts}
    missing = [post_id for post_id in dict.fromkeys(stream) if isinstance(post_id, int) and post_id not in held]
    return [f"{address.base}/t/{topic_id}/posts.json?" + "&".join(f"post_ids[]={i}" for i in missing[at:at + CHUNK])
            for at in range(0, len(missing), CHUNK)]


# --- HTML crawler view -----------------------------------------------------------------------


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """One crawler-view topic page; other Discourse pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    bodies = _BODIES(root)
    if not bodies:
        return _without_posts(root, url)
    canonical = _first(_CANONICAL(root))
    address = _TopicAddress(urljoin(url, canonical) if canonical else url)
    if address.topic_id is None:
        address = _TopicAddress(url)
    topic_id = address.topic_id
    thread_url = address.topic_url(address.slug, topic_id)
    page = _page_number(url) or _page_number(canonical) or 1
    preloaded = _preloaded_topic(root, topic_id)
    numbers = {n: _str(p.get("id")) for p in (preloaded.get("post_stream") or {}).get("posts", [])
               if isinstance(p, dict) and (n := _int(p.get("post_number"))) is not None and p.get("id")}
    user_ids = {p.get("username"): _str(p.get("user_id")) for p in (preloaded.get("post_stream") or {}).get("posts", [])
                if isinstance(p, dict) and p.get("username") and p.get("user_id") is not None}
    ids = _PostIds(topic_id, numbers)
    languages = _languages(root)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=joined(url, canonical))
    for index, body in enumerate(bodies, start=1):
        post = _html_post(body, index, page, address, thread_url, ids, user_ids, captured_at, languages, result.errors)
        post.position_on_page = index
        result.posts.append(post)
    _date_quotes(result.posts)
    next_href = _first(_HEAD_NEXT(root)) or _first(_NAV_NEXT(root))
    next_url = joined(url, next_href)
    result.next_page_url = next_url.split("#", 1)[0] if next_url else None
    count = _int(preloaded.get("posts_count"))
    page_count = max(page, math.ceil(count / CHUNK)) if count else (page + 1 if result.next_page_url else page)
    title_block = _first(_TOPIC_TITLE(root))
    title = _title(root, title_block)
    starter, started_at = None, _topic_published(root)
    first = next((p for p in result.posts if p.position == 1), None)
    if first is not None:
        starter, started_at = first.author, started_at or first.published_at
    result.thread = Thread(
        id=topic_id, title=title, url=thread_url, forum=_breadcrumb(root, title_block, title), page=page,
        page_count=page_count, starter=starter, started_at=started_at, tags=_tags(root, title_block),
    )
    return result


def _without_posts(root, url: str) -> PageResult:
    title = _words(_PAGE_TITLE(root))
    missing = _first(_NOT_FOUND(root))
    if missing is not None:
        heading = _first(_NOT_FOUND_TITLE(missing))
        message = _words([element_text(heading if heading is not None else missing)])
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {message or title}"[:500])
    if _LOGIN(root) or urlsplit(url).path.rstrip("/").endswith("/login"):
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {title}"[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"Discourse page without posts: {title}"[:500])


class _PostMeta:
    """What the crawler view says about one post outside its body, from one walk of its container."""

    def __init__(self, container, body) -> None:
        self.author = self.author_url = self.time = self.published = self.modified = None
        self.position = self.likes = None
        self.infos = None
        for child in container:
            if child is body or child.tag.__class__ is not str:
                continue
            for node in child.iter(tag=etree.Element):
                tag = node.tag
                prop = node.get("itemprop")
                if prop == "author" and self.author is None:
                    self.author = node
                elif prop == "position" and self.position is None:
                    self.position = _int(_first(_DIGITS.findall("".join(node.itertext()))))
                elif tag == "time" and self.time is None and node.get("datetime"):
                    self.time = node.get("datetime")
                elif tag == "meta":
                    content = node.get("content") or ""
                    if prop == "datePublished" and self.published is None:
                        self.published = content
                    elif prop == "dateModified" and self.modified is None:
                        self.modified = content
                    elif prop == "userInteractionCount" and self.likes is None:
                        interaction = node.getparent().find("meta[@itemprop='interactionType']")
                        if interaction is None or "Like" in (interaction.get("content") or ""):
                            self.likes = _int(content)
                    elif prop == "interactionCount" and self.likes is None:
                        match = _LIKES.search(content)
                        self.likes = int(match.group(1)) if match else None
                elif tag == "span" and self.infos is None and "crawler-post-infos" in (node.get("class") or ""):
                    self.infos = node


def _container(body):
    """The post's own element: ``#post_N``, a ``.crawler-post``, or the old per-post microdata block."""
    for ancestor in body.iterancestors("div"):
        if _POST_NUMBER.match(ancestor.get("id") or "") or "crawler-post" in (ancestor.get("class") or "") \
                or ancestor.get("itemscope") is not None:
            return ancestor
    return body.getparent()


def _html_post(body, index: int, page: int, address: _TopicAddress, thread_url: str | None, ids: _PostIds,
               user_ids: dict, captured_at: datetime, languages: list[str], errors: list[str]) -> Post:
    container = _container(body)
    meta = _PostMeta(container, body)
    match = _POST_NUMBER.match(container.get("id") or "")
    number = int(match.group(1)) if match else meta.position or (page - 1) * CHUNK + index
    post_id = ids.post_id(address.topic_id, number) or str(number)
    author = _html_author(meta, address, user_ids)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = parse_iso(meta.time) or parse_iso(meta.published)
    if published is None and meta.infos is not None:
        printed = _words([element_text(meta.infos, skip=frozenset({"span"}))])
        published = parse_text_date(printed, captured_at, languages=languages) if printed else None
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    modified = parse_iso(meta.modified)
    edited_at = modified if modified and published and abs((modified - published).total_seconds()) >= 1 else None
    reactions = {"Like": meta.likes} if meta.likes else {}
    url = f"{thread_url}/{number}" if thread_url else None
    return _post(body, post_id, url, number, author, published, edited_at, reactions, address, ids, captured_at)


def _html_author(meta: _PostMeta, address: _TopicAddress, user_ids: dict) -> Author:
    node = meta.author
    if node is None:
        return Author(name=None)
    named = next((n for n in node.iter(tag=etree.Element) if n.get("itemprop") == "name"), None)
    inner = next(node.iter("a"), None)
    # Before 2019 the author is <a href="/u/name"><b itemprop="author">name</b></a>.
    anchor = inner if inner is not None else next(node.iterancestors("a"), None)
    shown = named if named is not None else inner if inner is not None else node
    name = _words([element_text(shown)])
    href = anchor.get("href") if anchor is not None else None
    url = urljoin(address.base + "/", href) if href else address.profile(name or None)
    return Author(name=name or None, id=user_ids.get(name), url=url if name else None)


def _preloaded_topic(root, topic_id: str | None) -> dict:
    """Discourse's preloaded topic JSON on browser pages (``{"topic_N": "<json>"}``), or {}."""
    raw = _first(_PRELOADED(root))
    if not raw or not topic_id or f"topic_{topic_id}" not in raw:
        return {}
    try:
        outer = json.loads(raw)
        inner = outer.get(f"topic_{topic_id}")
        data = json.loads(inner) if isinstance(inner, str) else inner
    except (ValueError, AttributeError):
        return {}
    return data if isinstance(data, dict) else {}


def _title(root, block) -> str | None:
    """The ``#topic-title`` heading (the page's first ``<h1>`` before 2019), else og:title or <title>."""
    heading = _first(_TITLE_H1(block)) if block is not None else _first(_ANY_H1(root))
    if heading is not None:
        title = _words([element_text(heading)])
        if title:
            return title
    title = _first(_OG_TITLE(root)) or _words(_PAGE_TITLE(root))
    return _words([title]) if title else None


def _breadcrumb(root, block, title: str | None) -> list[str]:
    """Category names, parent first: the BreadcrumbList under the title (``#breadcrumbs`` before 2019)."""
    if block is not None:
        nodes = _CRUMB_NAMES(block) or _CATEGORY_NAMES(block)
    else:
        nodes = _OLD_CRUMBS(root)
    names = [_words([element_text(n)]) for n in nodes]
    return [n for n in dict.fromkeys(names) if n and n != title]


def _tags(root, block) -> list[str]:
    nodes = _TAG_LINKS(block) if block is not None else _OLD_TAGS(root)
    return list(dict.fromkeys(t for t in (_words([element_text(n)]) for n in nodes) if t))


def _topic_published(root) -> datetime | None:
    """The topic's start time from its DiscussionForumPosting microdata (2023 and later)."""
    return parse_iso(_first(_TOPIC_PUBLISHED(root)))


def _languages(root) -> list[str]:
    lang = (_first(_LANG(root)) or "").split("-")[0].lower()
    return [lang] if lang and lang != "en" and lang.isalpha() else ["en"]


def _page_number(url: str | None) -> int | None:
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get("page")
    return _int(values[0]) if values else None


# --- The post body, shared by both views -----------------------------------------------------


def _post(body, post_id: str, url: str | None, position: int, author: Author, published: datetime | None,
          edited_at: datetime | None, reactions: dict[str, int], address: _TopicAddress, ids: _PostIds,
          captured_at: datetime) -> Post:
    for node in _CHROME(body):
        drop_node(node)
    _absolute_addresses(body, address.origin)
    links, images, attachments = _references(body)
    return Post(
        post_id=post_id, url=url, position=position, author=author, published_at=published,
        edited_at=edited_at, text=element_text(body, skip=_QUOTES), html=sanitise(inner_html(body)),
        reactions=reactions, quotes=[_quote(node, ids) for node in _top_quotes(body)],
        links=links, images=images, attachments=attachments,
    )


def _date_quotes(posts: list[Post]) -> None:
    """Quotes carry no time: give a quote of a post on this page that post's time."""
    times = {post.post_id: post.published_at for post in posts}

    def walk(quotes: list[Quote]) -> None:
        for quote in quotes:
            if quote.published_at is None and quote.post_id in times:
                quote.published_at = times[quote.post_id]
            walk(quote.quotes)

    for post in posts:
        walk(post.quotes)


def _classes(node) -> list[str]:
    return (node.get("class") or "").split()


def _is_quote_aside(node) -> bool:
    return node.tag == "aside" and "quote" in _classes(node)


def _is_quote(node) -> bool:
    """An ``aside.quote``, or a bare ``blockquote`` (not the body of an ``aside.quote``)."""
    if node.tag == "aside":
        return "quote" in _classes(node)
    parent = node.getparent()
    return node.tag == "blockquote" and not (parent is not None and _is_quote_aside(parent))


def _top_quotes(container) -> list:
    """The quotes in ``container`` not inside another quote or a link preview."""
    found = []
    for node in container.iter("aside", "blockquote"):
        if node is container or not _is_quote(node):
            continue
        for ancestor in node.iterancestors():
            if ancestor is container:
                found.append(node)
                break
            if ancestor.tag == "aside" or (ancestor.tag == "blockquote" and _is_quote(ancestor)):
                break
    return found


def _quote(node, ids: _PostIds) -> Quote:
    if node.tag == "blockquote":  # Markdown "> ...": quoted words without an author
        return Quote(author=None, text=element_text(node, skip=_QUOTES),
                     quotes=[_quote(q, ids) for q in _top_quotes(node)])
    title = _first(_TITLE_DIV(node))
    citation = _words([element_text(title)]) if title is not None else None
    body = next((child for child in node if child.tag == "blockquote"), None)
    if body is None:
        body = without(node, f"./div[{class_test('title')}]")
    author = node.get("data-username") or None
    if author is None and citation:
        match = _CITATION_NAME.match(citation)
        author = match.group("who") if match else None
    thread_id = node.get("data-topic") or None
    return Quote(
        author=author, post_id=ids.post_id(thread_id, node.get("data-post")), thread_id=thread_id,
        citation=citation or None, text=element_text(body, skip=_QUOTES),
        quotes=[_quote(q, ids) for q in _top_quotes(body)],
    )


def _absolute_addresses(body, origin: str) -> None:
    for node in body.iter("a", "img"):
        attribute = "href" if node.tag == "a" else "src"
        value = node.get(attribute)
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:")):
            node.set(attribute, urljoin(origin + "/", value.strip()))


def _outside_quotes(node, body) -> bool:
    for ancestor in node.iterancestors():
        if ancestor is body:
            return True
        if ancestor.tag in _QUOTES:
            return False
    return False


def _references(body) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments in the poster's own words; a link preview counts as its link."""
    links, images, attachments = [], [], []
    for node in body.iter("a", "img", "aside"):
        if not _outside_quotes(node, body):
            continue
        classes = _classes(node)
        if node.tag == "aside":
            if "onebox" in classes:
                href = node.get("data-onebox-src") or next((a.get("href") for a in node.iter("a") if a.get("href")), None)
                heading = next((h for h in node.iter("h3", "h4") if element_text(h)), None)
                if href:
                    links.append(Link(href, element_text(heading) if heading is not None else None))
            continue
        if node.tag == "img":
            if any(name in classes for name in _IMAGE_SKIP):
                continue  # smileys and avatars are not pictures the poster posted
            parent = next((a for a in node.iterancestors("a") if "lightbox" in _classes(a)), None)
            src = parent.get("href") if parent is not None else node.get("src")
            if src and not src.startswith("data:"):
                images.append(Link(src, node.get("alt")))
            continue
        href = node.get("href")
        if not href or href.startswith("#") or any(c in classes for c in ("mention", "anchor", "lightbox")):
            continue
        target = attachments if "attachment" in classes else links
        target.append(Link(href, element_text(node) or None))
    return links, images, attachments


# --- Small helpers ---------------------------------------------------------------------------


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip().replace(",", ""))
    except (TypeError, ValueError):
        return None


def _str(value) -> str | None:
    return None if value is None or value == "" else str(value)


