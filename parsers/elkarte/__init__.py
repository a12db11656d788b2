"""ElkArte (1.0, 1.1, 2.0), the fork of SMF 2.0, topic pages.

ElkArte says so in a script on every page it serves (``elk_scripturl``, ``elk_session_id``: where
SMF says ``smf_scripturl``). Each post is found by its message's id (``msg_N``; see
:mod:`parsers.elkarte.page`), and read from its block (themes/default/Display.template.php
``template_messages()``, GenericMessages.template.php ``template_build_poster_div()``):

- author: ``ul.poster a.linklevel1.name`` (``?action=profile;u=N``; a guest's link has no address);
- time: ``h5#info_N``, "Reply #N – <time>" (1.1+; its ``title``, else its ``datetime``, where its
  text shows no time of day: "2 days ago" in a page saved with relative times on), or the date
  printed after the "Reply #N" link (1.0), read in the page's language with SMF's reader
  (:class:`parsers.smf.clock.SmfClock`). ElkArte prints every time in the viewer's zone and
  never says which (sources/Subs.php ``htmlTime()``: ``datetime`` is the same wall clock,
  "Y-m-d H:i", no offset): times are read as UTC, and the page's errors say so;
- position: "Reply #N" is post N+1 (the topic's first post has no number), else the page's offset;
- words: the message, quotes (SMF 2.0's ``div.quoteheader`` + ``blockquote``, nested; read by
  :mod:`parsers.smf.quotes`) taken out; the signature ``div#msg_N_signature`` is outside it;
- edit: ``li#modified_N`` "Last Edit: <date> by X" (1.1+ prints it empty and hidden when unedited);
- likes: ``span.likes_indicator`` (1.1+) or the 1.0 like button's "3 Likes", as ``{"Like": N}``.

Pages, link tree and addresses are SMF 2.0's (:mod:`parsers.elkarte.thread`).
"""

from __future__ import annotations

from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..clock import unstated_zone_error
from ..markup import page_language
from ..models import PageResult, Thread
from ..page_head import page_head
from ..page_index import page_index
from ..pagination import say_short_page
from ..smf.clock import SmfClock
from ..smf.parts import say_unread_messages
from ..smf.thread import topic_url
from ..urls import absolute, without_session
from .page import find_posts
from .posts import post_time, read_post
from .thread import Pagination, thread_id, title_and_forum

__all__ = ["ENGINE", "claims", "detect", "parse"]

ENGINE = "elkarte"

# sources/Subs.php standardTime() and htmlTime(): every time is printed with the forum's and the
# viewer's offsets added, and no page says which (the datetime attribute is that wall clock too).
ZONE_ERROR = unstated_zone_error("ElkArte prints them in the viewer's zone, its <time datetime> too")


def claims(root) -> bool:
    """Does the page's head script name ElkArte's ``elk_scripturl``?"""
    return page_head(root).script_says("elk_scripturl")


def detect(doc: Selector) -> bool:
    """True for pages ElkArte rendered: its script variable anywhere on the page, or a post with the
    ids every ElkArte theme prints for it (Display.template.php: the subject's ``post_subject_N``
    and the message's ``msg_N``; SMF prints ``subject_N``), which a theme that drops the head
    script keeps, and so does a copy of the page saved without its scripts."""
    index = page_index(doc.root)
    return index.script_says("elk_scripturl") or index.ids_share_a_number("post_subject_", "msg_")


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one ElkArte topic page; any other ElkArte page comes back ``unsupported``."""
    root = doc.root
    posts = find_posts(root)
    if not posts:
        title = " ".join(doc.css("title::text").get("").split())
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"ElkArte page without posts: {title}")
    language = page_language(root)
    clock = SmfClock(captured_at, None, language, labelled=True)  # no page states its zone: see ZONE_ERROR
    clock.learn_order(post_time(p)[0] for p in posts[:50])
    canonical = next((without_session(absolute(url, link.get("href"))) for link in root.iter("link")
                      if (link.get("rel") or "").lower() == "canonical" and link.get("href")), None)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    pages = Pagination(root, url)
    title, forum = title_and_forum(root, posts)
    topic = thread_id(root, canonical, url)
    result.thread = Thread(id=topic, title=title, url=topic_url(canonical or url, topic), forum=forum,
                           page=pages.page, page_count=pages.count)
    result.next_page_url = pages.next_url(root, url, canonical)
    for index, parts in enumerate(posts, start=1):
        check_budget()
        result.posts.append(read_post(parts, url, clock, index, pages.start, result.errors))
    read = [post.post_id for post in result.posts]
    say_unread_messages(root, read, result.errors)
    say_short_page(result, pages.per_page)
    first = result.posts[0]
    if first.position == 1:
        result.thread.starter, result.thread.started_at = first.author, first.published_at
    if clock.read_unzoned:
        result.errors.append(ZONE_ERROR)
    return result
