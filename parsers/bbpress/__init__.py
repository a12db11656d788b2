"""bbPress (2.5, 2.6), the WordPress forum plugin, topic pages in its default templates.

bbPress wraps every forum view in ``div#bbpress-forums`` (templates/default/bbpress/*.php); a
topic's posts are in ``ul#topic-N-replies`` (loop-replies.php), the lead post maybe apart in
``ul.bbp-lead-topic`` (content-single-topic-lead.php). How each post is found is in
:mod:`parsers.bbpress.page`, how it is read in :mod:`parsers.bbpress.posts`, the topic around
it in :mod:`parsers.bbpress.thread`. WordPress themes override these templates (a theme's own
``bbpress/loop-single-reply.php``): where they move a post's header, author and date, and what is
then read or said unread, is in :class:`parsers.bbpress.page.PostParts` (fixtures:
tests/data/bbpress_themes/).

What it says it could not read: a post the page names by its id (``post-N``), or by the "post-N"
class of a theme's wrapper, that no post read has; fewer posts than the count line ("Viewing 15
posts - 16 through 30") says the page shows; a first page without the topic's first post (a
theme that prints the lead in its own markup); a time not printed with its time of day ("3 weeks
ago"). Times are read as UTC (WordPress prints them in the site's zone and never names it), and
the page's errors say so. Any other bbPress page (a forum's topic list, a profile) is no topic:
``parsers.forum_evidence`` names it.
"""

from __future__ import annotations

import re
from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..clock import unstated_zone_error
from ..markup import language_tag
from ..models import PageResult, Thread
from ..page_index import page_index
from ..pagination import linked_next_page
from ..post_blocks import say_unread_posts
from ..urls import absolute, without_session
from ..values import words
from .dates import TopicClock
from .page import POST_ID, find_posts, post_traces
from .posts import printed_position, read_post
from .thread import Pagination, title_and_forum, topic_id, topic_page_address, topic_url

__all__ = ["ENGINE", "detect", "parse"]

ENGINE = "bbpress"

ZONE_ERROR = unstated_zone_error("bbPress prints them in the WordPress site's zone, which no page names")
# loop-replies.php's list of a topic's posts (a profile's list of replies is "topic-0-replies").
_TOPIC_REPLIES = re.compile(r"^topic-[1-9]\d*-replies$")


def detect(doc: Selector) -> bool:
    """``#bbpress-forums`` with a post's words, on a topic: its replies list, its lead post shown
    apart, or WordPress's ``single-topic`` body class."""
    index = page_index(doc.root)
    return (index.has_id("bbpress-forums") and index.class_contains("bbp-reply-content", "bbp-topic-content")
            and (index.id_matches(_TOPIC_REPLIES) or index.has_class("bbp-lead-topic", "single-topic")))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one bbPress topic page; any other bbPress page comes back ``unsupported``."""
    root = doc.root
    forums = next((node for node in root.iter() if node.get("id") == "bbpress-forums"), root)
    posts = find_posts(forums)
    if not posts:
        title = " ".join(doc.css("title::text").get("").split())
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"bbPress page without posts: {title}")
    # no page states its zone (see ZONE_ERROR); the day/month order from the page's dates (.dates)
    clock = TopicClock(captured_at, language_tag(root),
                       (words(p.date.itertext()) for p in posts[:50] if p.date is not None))
    canonical = next((without_session(absolute(url, link.get("href").strip())) for link in root.iter("link")
                      if (link.get("rel") or "").lower() == "canonical" and link.get("href")), None)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    pages = Pagination(forums, url)
    title, forum = title_and_forum(root, forums)
    result.thread = Thread(id=topic_id(forums, posts), title=title, url=topic_url(canonical, url), forum=forum,
                           page=pages.page, page_count=pages.count)
    # A theme that restyled the pager keeps WordPress's page addresses (parsers.pagination).
    result.next_page_url = pages.next_url or linked_next_page(root, url, topic_page_address, canonical)
    apart = any(p.lead_apart for p in posts) or pages.replies
    place = 0  # the post's place among the page's posts the count line counts (the lead apart is not)
    for index, parts in enumerate(posts, start=1):
        check_budget()
        if parts.lead_apart:
            position = 1
        else:
            place += 1
            position = _position(parts, pages, place, apart, index)
        result.posts.append(read_post(parts, url, clock, position, index, result.errors))
    say_unread_posts(root, POST_ID, "post-", [post.post_id for post in result.posts], result.errors,
                     ids=post_traces(forums))
    _say_missing(result, pages, place)
    if not pages.threaded and pages.total is not None:
        result.thread.reply_count = pages.total if apart else pages.total - 1
    first = min(result.posts, key=lambda post: post.position)
    if first.position == 1:
        result.thread.starter, result.thread.started_at = first.author, first.published_at
    if clock.read_unzoned:
        result.errors.append(ZONE_ERROR)
    return result


def _position(parts, pages: Pagination, place: int, apart: bool, index: int) -> int:
    """The post's place in the topic: its printed position (a reply's number where the lead is
    apart, so one more), else the count line's first number plus its place, else its place."""
    printed = printed_position(parts)
    if printed is not None:
        return printed + (1 if apart else 0)
    if pages.first is not None and not pages.threaded:
        return pages.first + place - 1 + (1 if apart else 0)
    return index


def _say_missing(result: PageResult, pages: Pagination, read: int) -> None:
    """Fewer posts than the count line says the page shows; a first page without the topic's first post."""
    if pages.shown is not None and not pages.threaded and read < pages.shown:
        result.errors.append(f"page {pages.page}: the page says it shows {pages.shown} posts and {read} were read:"
                             f" {pages.shown - read} may be missing")
    if pages.page == 1 and all(post.position != 1 for post in result.posts):
        result.errors.append("the topic's first post (position 1) was not read: it may be missing"
                             " (a theme that prints it in markup of its own?)")
