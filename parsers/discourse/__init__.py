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

A page saved from a browser after the app drew the topic, with no crawler view left in it, is
read from the app's post stream instead (:mod:`.app_view`; its likes and reactions,
:mod:`.app_reactions`).

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
``version`` is above 1 (``last_wiki_edit``, else ``updated_at``), also in the crawler view of a
browser page that preloads the topic; else when the crawler view's ``dateModified`` (the last
revision's time) differs from ``datePublished``; Discourse does not say
who edited. Likes are ``{"Like": N}`` (``actions_summary`` id 2); a post with the
discourse-reactions plugin's list has its counts under their emoji names instead (the likes among
them, as "heart" or the site's like emoji). Small-action notices ("pinned", "closed": ``post_type``
3 with no text) are not posts. Category names are not in the topic JSON, so ``forum`` stays empty
there.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..markup import class_test, has_class
from ..markup import xpath as _X
from ..models import PageResult, Thread
from ..page_head import page_head
from ..pagination import PageAddress, linked_next_page
from ..quote_times import date_quotes
from ..urls import joined, urljoin, urlsplit
from ..values import first as _first
from .addresses import PostIds, TopicAddress
from .app_view import ARTICLES as APP_ARTICLES
from .app_view import parse_app_view
from .common import CHUNK, ENGINE, int_value, revision_time, str_value
from .html_view import (
    blocks_of_posts,
    html_post,
    page_languages,
    page_number_of,
    preloaded_topic,
    printed_number,
    small_action_number,
    topic_forum_path,
    topic_published,
    topic_tags,
    topic_title,
    without_posts,
)
from .json_api import parse_json


__all__ = ["ENGINE", "detect", "detect_json", "parse", "parse_json"]


# Document level.
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_HEAD_NEXT = _X("/html/head/link[@rel='next']/@href")
# A post's words: the crawler view's microdata body, by its itemprop alone (a page that prints some
# posts with other classes keeps it; looked for with its class "post" too, such a post was lost
# silently), never one inside another (a quoted post's, if a template ever marks one).
_BODIES = _X("//div[(@itemprop='text' or @itemprop='articleBody')"
             " and not(ancestor::div[@itemprop='text' or @itemprop='articleBody'])]")
# The bodies _BODIES leaves out: each inside another post's body, where a torn page put it (a body
# that lost its end tag runs over the next post's block); its words are read as that post's.
_NESTED_BODIES = _X("//div[(@itemprop='text' or @itemprop='articleBody')"
                    " and ancestor::div[@itemprop='text' or @itemprop='articleBody']]")
_NAV_NEXT = _X("//div[@role='navigation']//a[@rel='next']/@href")
# A post's block (div#post_N, or the older microdata block of a post) holding no post body: the
# page was cut short (a truncated download ends inside a post's header) or the template changed.
# The pager's div.crawler-post (role=navigation) is no post.
_BLOCKS_WITHOUT_BODY = _X(
    f"//div[(starts-with(@id, 'post_') or ({class_test('crawler-post')} and (contains(@itemtype, 'DiscussionForumPosting')"
    " or contains(@itemtype, 'Comment')))) and not(@role = 'navigation')]"
    "[not(.//div[@itemprop='text' or @itemprop='articleBody'])]"
)
_TOPIC_TITLE = _X("//div[@id='topic-title']")
# A post's block or header as the templates that print every post's number (in
# span[itemprop=position]) make them: div.crawler-post (2019 on; the pager is one too), or
# div.creator around b[itemprop=author] (2016 to 2018).
_NUMBERED_TEMPLATE = _X(f"(//div[{class_test('crawler-post')}]"
                        f" | //div[{class_test('creator')}]//b[@itemprop='author'])[1]")
_POST_BLOCK_ID = re.compile(r"^post_(\d+)$")
# Each post's number as the numbered templates print it in its header, outside any post's words.
_PRINTED_NUMBERS = _X("//span[@itemprop='position'][not(ancestor::div[@itemprop='text' or @itemprop='articleBody'])]")


# --- Detection -------------------------------------------------------------------------------


def claims(root) -> bool:
    """Does the page's head say Discourse (its generator meta, or its own head metas)? No walk:
    :func:`parsers.registry.detect_engine` asks every engine's ``claims`` before any ``detect``."""
    head = page_head(root)  # the head's metas, read once for every engine
    return (any(value.startswith("Discourse") for value in head.generators)
            or head.has_meta("discourse_theme_id", "discourse_current_homepage"))


def detect(doc: Selector) -> bool:
    """True for pages rendered by Discourse (see :func:`claims`: its head is all it takes)."""
    return claims(doc.root)


def detect_json(data: dict) -> bool:
    """Topic JSON, posts.json, or a Discourse error answer (``{"errors": [...], "error_type": ...}``)."""
    stream = data.get("post_stream")
    if isinstance(stream, dict) and isinstance(stream.get("posts"), list):
        return True
    return isinstance(data.get("errors"), list) and isinstance(data.get("error_type"), str)


# --- HTML crawler view -----------------------------------------------------------------------


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """One crawler-view topic page; other Discourse pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    bodies = _BODIES(root)
    if not bodies:
        # Saved from a browser after the app drew the topic: its post stream, not a crawler view.
        articles = APP_ARTICLES(root)
        return parse_app_view(root, articles, url, captured_at) if articles else without_posts(root, url)
    canonical = _first(_CANONICAL(root))
    address = TopicAddress(urljoin(url, canonical) if canonical else url)
    if address.topic_id is None:
        address = TopicAddress(url)
    topic_id = address.topic_id
    thread_url = address.topic_url(address.slug, topic_id)
    page = page_number_of(url) or page_number_of(canonical) or 1
    preloaded = preloaded_topic(root, topic_id)
    streamed = [p for p in (preloaded.get("post_stream") or {}).get("posts", []) if isinstance(p, dict)]
    numbers = {n: str_value(p.get("id")) for p in streamed
               if (n := int_value(p.get("post_number"))) is not None and p.get("id")}
    user_ids = {p.get("username"): str_value(p.get("user_id")) for p in streamed
                if p.get("username") and p.get("user_id") is not None}
    # The preloaded posts' versions say which were revised; the crawler view's dateModified moves
    # without a revision too (a board's migration stamped every post of forum.glamour.de).
    revisions = {n: revision_time(p) for p in streamed if (n := int_value(p.get("post_number"))) is not None}
    ids = PostIds(topic_id, numbers)
    languages = page_languages(root)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=joined(url, canonical))
    containers, shared = blocks_of_posts(bodies)
    printed_numbers = _PRINTED_NUMBERS(root)
    # A numbered template's page where no post shows its number in its header but every post's
    # block carries it in its id (div#post_N: forums.pythonic.guru's copy of 2023, its headers
    # without span[itemprop=position]) does not print them there: every post read as torn lost its
    # author, time and likes. (Blocks without ids keep the rule: a post showing no number is torn.)
    numbered = _is_numbered_template(root, bodies) and not (
        not printed_numbers and all(_POST_BLOCK_ID.match(container.get("id") or "") for container in containers))
    actions: set[int] = set()  # the numbers of small-action notices, left out as the JSON view does
    for index, (body, container) in enumerate(zip(bodies, containers), start=1):
        check_budget()
        action = small_action_number(body, container) if index - 1 not in shared else None
        if action is not None:
            actions.add(action)
            continue
        post = html_post(body, container, index - 1 not in shared, index, page, address, thread_url, ids, user_ids,
                          captured_at, languages, result.errors, numbered, revisions)
        if post is None:
            continue
        post.position_on_page = index
        result.posts.append(post)
    date_quotes(result.posts)
    for _ in _NESTED_BODIES(root):
        result.errors.append("a post body inside another post's body (the page is torn): its words are read as"
                             " that post's; not read")
    if numbered:
        _say_unread_numbers(printed_numbers, result, topic_id, ids, actions)
    for block in _BLOCKS_WITHOUT_BODY(root):
        number = _POST_BLOCK_ID.match(block.get("id") or "")
        which = f"post {number.group(1)}" if number else "a post block"
        result.errors.append(f"{which}: its block holds no post body (the page may be cut short); not read")
    next_href = _first(_HEAD_NEXT(root)) or _first(_NAV_NEXT(root))
    next_url = joined(url, next_href)
    result.next_page_url = (next_url.split("#", 1)[0] if next_url else
                            # no "next page" link where the crawler view puts it: one linked anywhere
                            linked_next_page(root, url, topic_page_address, result.canonical_url))
    count = int_value(preloaded.get("posts_count"))
    page_count = max(page, math.ceil(count / CHUNK)) if count else (page + 1 if result.next_page_url else page)
    title_block = _first(_TOPIC_TITLE(root))
    title = topic_title(root, title_block)
    starter, started_at = None, topic_published(root)
    first = next((p for p in result.posts if p.position == 1), None)
    if first is not None:
        starter, started_at = first.author, started_at or first.published_at
    result.thread = Thread(
        id=topic_id, title=title, url=thread_url, forum=topic_forum_path(root, title_block, title), page=page,
        page_count=page_count, starter=starter, started_at=started_at, tags=topic_tags(root, title_block),
    )
    return result


def _is_numbered_template(root, bodies) -> bool:
    """Whether the page is one of the crawler templates that print every post's number
    (:data:`_NUMBERED_TEMPLATE`). A body inside a ``div.crawler-post`` answers at once, as on
    nearly every page; only a page where none is asks the XPath, whose walk of the whole page
    cost 2% of a Discourse page's parse."""
    for body in bodies:
        if any(has_class(node.get("class") or "", "crawler-post") for node in body.iterancestors("div")):
            return True
    return bool(_NUMBERED_TEMPLATE(root))


def _say_unread_numbers(printed_numbers: list, result: PageResult, topic_id: str | None, ids: PostIds,
                        actions: set[int] = frozenset()) -> None:
    """A post whose header (with its number) is on the page and that no post read has: its body
    and its block's start tags were lost to a torn page (seen on the 2017 template: the header then
    sits in the post before's block, after its body), and nothing else would tell it was there."""
    read = {post.position for post in result.posts} | set(actions)
    for node in printed_numbers:
        number = printed_number(node)
        if number is not None and number not in read:
            read.add(number)
            post_id = ids.post_id(topic_id, number) or str(number)
            result.errors.append(f"post {post_id}: its header is on the page but no body of it was found; not read")


def topic_page_address(address: str) -> PageAddress | None:
    """The topic and page number a Discourse crawler-view address names (``/t/slug/905?page=3``,
    ``/t/905``; no page: 1); None for other links: a post's (``/t/slug/905/17``), a JSON answer's."""
    topic = TopicAddress(address)
    if topic.topic_id is None or topic.post_number is not None or ".json" in urlsplit(address).path:
        return None
    return PageAddress(topic.topic_id, page_number_of(address) or 1)
