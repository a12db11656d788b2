"""Invision Community (IPS 4, with the IPS 5 class names where they differ).

Sources, most robust first: the ``data-quotedata`` JSON on ``#comment-N_wrap`` (author id and
name, Unix time, topic id), ``data-ipsquote-*`` attributes on quotes, ``<time datetime>``, the
page's schema.org ``DiscussionForumPosting``, and only then visible markup. A theme that redraws
the post's frame (no author pane, no meta line, even a ``div`` for the ``article``) still keeps what
IPS's scripts need: ``#elComment_N``, ``data-quotedata``, ``data-role="commentContent"``, the
``?do=findComment&comment=N`` permalink around the ``<time>``, IPS 5's ``data-ips-hook`` names. Anything a reader sees
that is not the poster's own words (quotes, edit notices, signatures) is kept out of ``text``.

Lookups are precompiled lxml XPath expressions, scoped to one post where they can be: parsing
runs on every page, and whole-document walks with class tests cost more than building the tree.
"""

from __future__ import annotations

from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..html_text import element_text
from ..markup import xpath as _X
from ..models import PageResult
from ..page_head import page_head
from ..pagination import say_short_page
from ..post_blocks import parts_of_other_posts, say_unread_posts, separate_nested
from ..urls import joined
from ..values import first as _first
from ..values import to_int as _int
from ..values import words as _words
from .common import ENGINE, COMMENT_ID, POST_NAMING_ID, POST_NAMING_ID_PART
from .listing import forum_page
from .parts import PageParts, PostParts
from .posts import quote_data, read_post
from .thread import json_ld_starter_id, next_page, read_thread


__all__ = ["ENGINE", "detect", "parse"]


# Document level: each is at most one walk of the tree.
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_PAGE_TITLE = _X("/html/head/title/text()")
_ERROR = _X("//*[@id='elError' or @id='elErrorMessage' or @data-role='errorMessage']")
_ANY_CONTENT = _X("//*[@data-role='commentContent']")
# Forum listings (a board's or sub-forum's topic list).
_TOPIC_ROWS = _X("//ol[contains(@class, 'cTopicList')]/li[@data-rowid]")
_LOGIN_FORM = _X("//form[contains(@action, 'do=login') or contains(@action, '/login/')]")


def claims(root) -> bool:
    """Does the page's root say Invision Community (``html.ipsApp`` or ``body.ipsApp``)? A look at
    the root and the body, no walk: :func:`parsers.registry.detect_engine` asks every engine's
    ``claims`` before any ``detect``."""
    # /html[contains(@class, 'ipsApp')] | /html/body[class_test('ipsApp')], of the parts read once for every engine
    head = page_head(root)
    return "ipsApp" in head.html_class or head.body_has_class("ipsApp")


def detect(doc: Selector) -> bool:
    """True for pages rendered by Invision Community."""
    root = doc.root
    return claims(root) or any(COMMENT_ID.match(a.get("id") or "") for a in root.iter("article"))


# Seconds between a topic's creation time and its first post's, both written by one request.
_SAME_REQUEST = 60


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one IPS topic page; non-topic pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = PageParts(root)
    if not page.articles:
        return _without_posts(root, url)
    app = content_app(page.articles[0])
    if app and app != "forums":
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=(
            f"IPS {app} page, not a forum topic: its {len(page.articles)} comments are on a {app} item"
            f" (a blog entry, gallery image, file or record), whose own words are not a comment:"
            f" {_words(_PAGE_TITLE(root))}")[:500])
    canonical = _first(_CANONICAL(root))
    pagination = page.pagination
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=joined(url, canonical))
    result.thread = read_thread(root, page, url, canonical)
    result.next_page_url = next_page(root, url, pagination, result.canonical_url)
    per_page = _int(pagination.get("data-ipspagination-perpage")) if pagination is not None else None
    shown_apart = first_post_shown_apart(page.articles)
    if per_page is None and result.thread.page > 1:
        per_page = unprinted_page_size(result, len(page.articles) - (shown_apart is not None))
    first_position = (result.thread.page - 1) * per_page if per_page else 0
    separate_nested(page.articles)
    numbers = [COMMENT_ID.match(article.get("id")).group(1) for article in page.articles]
    shared = parts_of_other_posts(page.articles, numbers, frozenset({"elComment_"}))
    first = None
    walked = [PostParts(article) for article in page.articles]
    panes_on_page = any(parts.panes for parts in walked)
    for index, article in enumerate(page.articles, start=1):
        check_budget()
        post = read_post(article, url, captured_at, first_position + index, result.errors, index - 1 in shared,
                         walked[index - 1], panes_on_page)
        if post is not None:
            post.position_on_page = index
            result.posts.append(post)
            if first is None and (article.get("data-ips-first-post") is not None or article is shown_apart):
                first = post
                # The topic's first post heads every page of a question topic: it is post 1.
                post.position = 1
    say_unread_posts(root, POST_NAMING_ID, POST_NAMING_ID_PART, [post.post_id for post in result.posts], result.errors)
    say_short_page(result, per_page)
    # The starter is the topic's (JSON-LD), else that of the post known to be the topic's first: the
    # one IPS 5 marks (``data-ips-first-post``), or the one by the JSON-LD's author (a profile link
    # without a name) at its creation time (the topic's and its first post's times are stamped in
    # one request, a second apart at most: neowin.net's 19:10:49 and 19:10:50). IPS prints no post
    # numbers, and the first post on page 1 is not the topic's first when that was deleted or
    # hidden, or the page is sorted another way.
    thread = result.thread
    if first is None and thread.starter is None and thread.started_at is not None:
        starter_id = json_ld_starter_id(page)
        first = next((p for p in result.posts if starter_id and p.author.id == starter_id
                      and p.published_at is not None
                      and abs((p.published_at - thread.started_at).total_seconds()) <= _SAME_REQUEST), None)
    if thread.starter is None and first is not None:
        thread.starter = first.author
        thread.started_at = thread.started_at or first.published_at
    return result


def content_app(article) -> str | None:
    """The IPS application whose item the comment belongs to, as IPS writes it for its quoting
    script on the comment's wrap (``data-commentapp``, or ``contentapp`` in ``data-quotedata``):
    "forums" for a topic's posts. Blog entries, gallery images, downloads, Pages records and
    calendar events print their comments in the same ``article#elComment_N`` markup; read as a
    topic, the item's own words (its first "post") were lost, its first comment taken for the
    topic's opening post, and the item's id (the quote data's ``contentid``) taken for a topic's,
    merging it with the forum topic of that number. None when the page does not say."""
    for node in article.iter("div"):
        app = node.get("data-commentapp")
        if app:
            return app.strip().lower() or None
        if node.get("data-quotedata"):
            value = quote_data(node).get("contentapp")
            return (value.strip().lower() or None) if isinstance(value, str) else None
    return None


def unprinted_page_size(result: PageResult, posts: int) -> int | None:
    """The board's page size for a later page whose pagination does not print it (IPS prints
    ``data-ipsPagination-perPage`` only with its script-driven pagination): a page before the
    topic's last is full, so its own count of posts is the size. On the last page it cannot be
    known: the posts' positions are then counted from the page's first, which the errors say.
    Why: numbered 1, 2, 3 on every page, page 2's posts took page 1's positions, and a reader
    that orders a topic by position mixed the two pages."""
    thread = result.thread
    if thread.page < thread.page_count:
        return posts or None
    result.errors.append(f"page {thread.page} (the last) prints no page size: its posts' positions are counted"
                         " from its first post, not their places in the topic")
    return None


def first_post_shown_apart(articles: list):
    """The topic's first post when the page shows it apart from the others: IPS 4 prints a question
    topic's question (its first post) above the answers on every page, outside the comment feed
    (``data-role="commentFeed"``) that holds them. It was numbered as the page's first answer
    (post 26 on page 2), and no starter was taken from it. None when the page shows no such post."""
    if len(articles) < 2:
        return None
    in_feed = [any(a.get("data-role") == "commentFeed" for a in article.iterancestors()) for article in articles]
    return articles[0] if not in_feed[0] and all(in_feed[1:]) else None


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
        return forum_page(root, url, rows)
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"IPS page without posts: {title}")
