"""What Discourse's HTML crawler view (no JavaScript) shows of a topic: posts and the topic around them."""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import parse_qs

from lxml import etree

from ..dates import parse_iso, parse_text_date
from ..html_text import element_text
from ..markup import class_test, page_language
from ..markup import xpath as _X
from ..models import Author, PageResult, Post
from ..post_blocks import separate_nested, shared_blocks, shared_error, with_blocks_inside
from ..quote_depth import depth_errors
from ..urls import urljoin, urlsplit
from ..values import first as _first
from ..values import words as _words
from ..xml_chars import loads_xml_safe, xml_safe_values
from .addresses import PostIds, TopicAddress
from .body import post_from_body
from .common import CHUNK, ENGINE, int_value
from .placeholders import clear, deleted_by_author, hidden_by_flags, hidden_error, placeholder_words


_PAGE_TITLE = _X("/html/head/title/text()")
_OG_TITLE = _X("/html/head/meta[@property='og:title']/@content")
_OLD_CRUMBS = _X("//div[@id='breadcrumbs']//*[@itemprop='title' or @itemprop='name']")
_OLD_TAGS = _X(f"//div[{class_test('tags-list')}]//*[@itemprop='name']")
# The metas first, their parent's type after: the same nodes as "//*[contains(@itemtype, ...)]/meta[...]",
# without a contains() for every element of the page (a quarter of the cost on a crawler view).
_TOPIC_PUBLISHED = _X("//meta[@itemprop='datePublished'][contains(../@itemtype, 'DiscussionForumPosting')]/@content")
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

_POST_NUMBER = re.compile(r"^post_(\d+)$")
_DIGITS = re.compile(r"\d+")
_LIKES = re.compile(r"UserLikes:(\d+)")


def without_posts(root, url: str) -> PageResult:
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

    def __init__(self, container, body, numbered: bool = False) -> None:
        self.author = self.author_url = self.time = self.published = self.modified = None
        self.position = self.likes = None
        self.infos = None
        self.posters = 0  # poster elements before the body: one in a post's own block
        self.numbers = 0  # post numbers before the body: one in a post's own block too
        self.headers = 0  # headers before the body (div.crawler-post-meta; div.creator before 2019): one too
        self.nearest_number = None  # the number printed in the last header before the body: the body's own
        after_body = False  # every template names the poster before the post's words, the likes after
        # The templates that print a post's number (``numbered``) put the body beside the header:
        # found inside one of the block's elements, the header's end tag was lost to a torn page,
        # and what follows the body is after it too.
        for child in container if container is not None else ():
            if child is body:
                after_body = True
                continue
            if child.tag.__class__ is not str:
                continue
            for node in child.iter(tag=etree.Element):
                if node is body and numbered:
                    after_body = True
                    continue
                tag = node.tag
                prop = node.get("itemprop")
                if tag == "div" and not after_body and _is_header(node.get("class")):
                    self.headers += 1
                    self.nearest_number = None
                if prop == "author" and self.author is None:
                    # After the body it is another post's, whose own start tags were lost: never
                    # this post's poster.
                    if not after_body:
                        self.author = node
                        self.posters += 1
                elif prop == "author" and not after_body:
                    self.posters += 1
                elif after_body and (prop == "position" or tag == "time" or prop in ("datePublished", "dateModified")):
                    # The header (number, times) stands before the body too: after it, another
                    # post's header, whose block's start tags were lost.
                    continue
                elif prop == "position":
                    self.numbers += 1
                    self.nearest_number = printed_number(node)
                    if self.position is None:
                        self.position = self.nearest_number
                elif tag == "time" and node.get("datetime") and prop == "dateModified":
                    # 2019-2022, an edited post: the printed <time> is the last revision's, the
                    # publication time only a meta[itemprop=datePublished] beside it.
                    self.modified = self.modified or node.get("datetime")
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
                            self.likes = int_value(content)
                    elif prop == "interactionCount" and self.likes is None:
                        match = _LIKES.search(content)
                        self.likes = int(match.group(1)) if match else None
                elif tag == "span" and self.infos is None and "crawler-post-infos" in (node.get("class") or ""):
                    self.infos = node


def _is_header(classes: str | None) -> bool:
    """Is a div of class attribute ``classes`` a post's header in the crawler view?"""
    if not classes or "c" not in classes:
        return False
    tokens = classes.split()
    return "crawler-post-meta" in tokens or "creator" in tokens


def small_action_number(body, container) -> int | None:
    """The number of a small-action notice ("Unlisted", "Closed", "Pinned globally" printed after
    the poster's name, no words of its own), or None for a post. Why: the crawler view prints a
    moderator's action as a post block whose body is empty; read as a post, it was an empty post by
    the moderator, the action lost. The JSON view leaves such notices out (``post_type`` 3 with no
    ``cooked``), and so does this one."""
    # (asked of every post: the first non-blank text ends the walk, where reading the body's text would not)
    if container is None or next((t for t in body.itertext() if t.strip()), None) is not None \
            or next(body.iter("img", "iframe", "video"), None) is not None:
        return None
    creator = next((node for node in container.iter(tag=etree.Element) if node.get("itemprop") == "author"), None)
    if creator is None:
        return None
    # The creator's own words outside its elements: the name is in its link, a full name in "(...)".
    loose = _words([creator.text or ""] + [child.tail or "" for child in creator])
    if not loose or (loose.startswith("(") and loose.endswith(")")):
        return None
    match = _POST_NUMBER.match(container.get("id") or "")
    if match:
        return int(match.group(1))
    position = next((node for node in container.iter(tag=etree.Element) if node.get("itemprop") == "position"), None)
    return printed_number(position) if position is not None else None


def printed_number(node) -> int | None:
    """The post number a header element prints ("#12", "12")."""
    return int_value(_first(_DIGITS.findall("".join(node.itertext()))))


def _container(body):
    """The post's own element: ``#post_N``, a ``.crawler-post``, or the old per-post microdata block."""
    for ancestor in body.iterancestors("div"):
        # (a class token: a header's div.crawler-post-meta around a body is a torn block's, not the post's own)
        if _POST_NUMBER.match(ancestor.get("id") or "") or "crawler-post" in (ancestor.get("class") or "").split() \
                or ancestor.get("itemscope") is not None:
            return ancestor
    return body.getparent()


def blocks_of_posts(bodies: list) -> tuple[list, set[int]]:
    """Each post body's container, with those nested in another's separated, and the indexes of
    the posts whose container is not their own alone (see :mod:`parsers.post_blocks`)."""
    containers = [_container(body) for body in bodies]
    separate_nested(with_blocks_inside(containers, ("div",), _is_post_block))
    return containers, shared_blocks(containers, bodies)


def _is_post_block(node) -> bool:
    """A post's own block (``div#post_N``, ``div.crawler-post``), whether or not its body is still there."""
    return _POST_NUMBER.match(node.get("id") or "") is not None or "crawler-post" in (node.get("class") or "").split()


def html_post(body, container, own: bool, index: int, page: int, address: TopicAddress, thread_url: str | None,
               ids: PostIds, user_ids: dict, captured_at: datetime, languages: list[str], errors: list[str],
               numbered: bool = False, revisions: dict | None = None) -> Post | None:
    """One post of the crawler view; ``own`` is false when ``container`` holds other posts too, and
    then nothing is read from it (its number neither: the post is numbered by its place).
    ``numbered``: the page's template prints every post's number (``div.crawler-post`` blocks,
    2019 on; ``div.creator`` headers, 2016 to 2018); a post of its own block that shows none is not
    read (None, with an error). ``revisions``: post number to its last revision's time (None: never
    revised) from the page's preloaded JSON, which decides over ``dateModified`` where it has the post."""
    meta = _PostMeta(container if own else None, body, numbered)
    match = _POST_NUMBER.match(container.get("id") or "") if own else None
    if (match and (meta.position != int(match.group(1)) if meta.position is not None else numbered)) \
            or (numbered and (meta.posters > 1 or meta.numbers > 1 or meta.headers > 1)):
        # div#post_42 around the header of post 43 (span[itemprop=position] 43), or around a header
        # without the number every div.crawler-post header prints, or a block with two posts'
        # headers before the body (two posters, or two numbers where one poster lost its tags, or
        # two header elements where one lost its poster's tags and the other its number's, fuzz
        # seed 1003): the block lost its end tag and holds a later post, whose own block start was
        # lost; not read as its own block. A header stands before its post's body: the number in
        # the header nearest the body is the body's own (numbered by its place, the words of post 3
        # were filed under post 1, whose body was lost).
        nearest = meta.nearest_number if meta.headers > 1 else None
        own, match, meta = False, None, _PostMeta(None, body)
        meta.position = nearest
    if own and not match and meta.position is None and numbered:
        # Every such template prints the post's number (span[itemprop=position]; 2023 on, #post_N
        # too): a post showing none lost its header's tags to a torn page, and its place on
        # the page is no number (a post before it may be lost with its block, as in a fuzzed page
        # whose post 1 went whole: post 2 came back as post 1, with post 1's number).
        errors.append(f"the post at place {index} of the page: no post number found (its header is torn); not read")
        return None
    number = int(match.group(1)) if match else meta.position or (page - 1) * CHUNK + index
    post_id = ids.post_id(address.topic_id, number) or str(number)
    if not own:
        errors.append(shared_error(post_id))
    author = _html_author(meta, address, user_ids)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = parse_iso(meta.time) or parse_iso(meta.published)
    if published is None and meta.infos is not None:
        printed = _words([element_text(meta.infos, skip=frozenset({"span"}))])
        published = parse_text_date(printed, captured_at, languages=languages) if printed else None
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    if revisions and number in revisions:
        edited_at = revisions[number]
    else:
        modified = parse_iso(meta.modified)
        edited_at = modified if modified and published and abs((modified - published).total_seconds()) >= 1 else None
    reactions = {"Like": meta.likes} if meta.likes else {}
    url = f"{thread_url}/{number}" if thread_url else None
    shown = placeholder_words(body)
    if shown is not None and (deleted_by_author(shown) or hidden_by_flags(shown)):
        # Words printed in place of the post's own (see .placeholders): the post is kept with none.
        if hidden_by_flags(shown):
            errors.append(hidden_error(post_id))
        clear(body)
    post = post_from_body(body, post_id, url, number, author, published, edited_at, reactions, address, ids, captured_at)
    errors.extend(depth_errors(post_id, post.quotes))
    return post


def _html_author(meta: _PostMeta, address: TopicAddress, user_ids: dict) -> Author:
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


def preloaded_topic(root, topic_id: str | None) -> dict:
    """Discourse's preloaded topic JSON on browser pages (``{"topic_N": "<json>"}``), or {}."""
    raw = _first(_PRELOADED(root))
    if not raw or not topic_id or f"topic_{topic_id}" not in raw:
        return {}
    try:
        # Only the topic's value is decoded: the rest of the object (the site's settings, its
        # custom HTML) is three times its size. The key, with its quotes bare, can stand nowhere
        # else: the other values are JSON strings, whose quotes are escaped.
        key = re.search(f'"topic_{re.escape(topic_id)}"\\s*:\\s*', raw)
        inner = _JSON.raw_decode(raw, key.end())[0] if key else json.loads(raw).get(f"topic_{topic_id}")
        data = loads_xml_safe(inner) if isinstance(inner, str) else xml_safe_values(inner)
    except (ValueError, AttributeError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


_JSON = json.JSONDecoder()


def topic_title(root, block) -> str | None:
    """The ``#topic-title`` heading (the page's first ``<h1>`` before 2019), else og:title or <title>."""
    heading = _first(_TITLE_H1(block)) if block is not None else _first(_ANY_H1(root))
    if heading is not None:
        title = _words([element_text(heading)])
        if title:
            return title
    title = _first(_OG_TITLE(root)) or _words(_PAGE_TITLE(root))
    return _words([title]) if title else None


def topic_forum_path(root, block, title: str | None) -> list[str]:
    """Category names, parent first: the BreadcrumbList under the title (``#breadcrumbs`` before 2019)."""
    if block is not None:
        nodes = _CRUMB_NAMES(block) or _CATEGORY_NAMES(block)
    else:
        nodes = _OLD_CRUMBS(root)
    names = [_words([element_text(n)]) for n in nodes]
    return [n for n in dict.fromkeys(names) if n and n != title]


def topic_tags(root, block) -> list[str]:
    nodes = _TAG_LINKS(block) if block is not None else _OLD_TAGS(root)
    return list(dict.fromkeys(t for t in (_words([element_text(n)]) for n in nodes) if t))


def topic_published(root) -> datetime | None:
    """The topic's start time from its DiscussionForumPosting microdata (2023 and later)."""
    return parse_iso(_first(_TOPIC_PUBLISHED(root)))


def page_languages(root) -> list[str]:
    lang = page_language(root) or ""
    return [lang] if lang and lang != "en" and lang.isalpha() else ["en"]


def page_number_of(url: str | None) -> int | None:
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get("page")
    return int_value(values[0]) if values else None
