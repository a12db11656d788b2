"""Invision Power Board 3 (IP.Board 3.0 to 3.4) topic pages; IPS 4 and 5 are :mod:`parsers.ips`.

What every IP.Board 3 skin keeps, and what this reads (skin_topic ``post()``, ``topicViewTemplate``;
skin_global ``paginationTemplate``, ``userHoverCard``, ``Error``, ``globalTemplate``):

- the page: the ``ipb.vars`` script of every page, and on a topic the ``ipb.topic`` setup script
  (``topic_id``, ``start_id``, ``postTotal``, ``perPage``), from which the page number and count
  come; the title ``h1.ipsType_pagetitle``; the breadcrumb ``ol.breadcrumb``; the pagination
  ``div.pagination`` (``li.page.active``, ``li.next a[rel=next]``, "Page 1 of 3");
- a post: ``div.post_block#post_id_N`` (``a#entryN`` inside, ``<!--post:N-->`` before); its ``h3``
  holds the permalink ``a[rel=bookmark]`` ("#2") and the member's ``span.author.vcard`` link
  (``?showuser=N`` or ``/user/N-slug/``), or the guest's bare name (``h3.guest``);
  ``abbr.published[title]`` is the time (ISO 8601 with its offset); ``div.entry-content`` the words,
  ``p.edit`` at their end ("This post has been edited by <b>X</b>: 12 May 2013 - 10:20 AM");
  ``span.reputation.rep_show`` the reputation total (shown to members only); ``div#attach_wrap``
  the attached files; a hidden (soft-deleted) post, which the page shows a moderator as a note in
  ``div#postsDelete_N``, is left out and ``errors`` says so; a skin that prints no ``div.post_block``
  (each post a ``<table>``) has its posts found by their ``a#entryN`` anchors, each block the element
  after the ``<!--post:N-->`` comment or bounded by its neighbours (:func:`parsers.ipb3.page.posts_by_anchor`);
- quotes (:mod:`parsers.ipb3.quotes`): ``p.citation`` + ``div.blockquote`` up to 3.3,
  ``blockquote.ipsBlockquote[data-author][data-cid][data-time]`` in 3.4;
- the starter: post #1 (a page 1 whose first post shown is a later one names none), on later
  pages the header's "Started by" link.

Dates the page only prints (edit lines, citations, a skin without the ``abbr``'s title) are in the
viewer's zone, which no page names: the zone is learned from the posts whose ``abbr`` shows both the
instant and the printed words; without such a post they are read as UTC and ``errors`` says so.
"Today, 10:20 AM", "Yesterday" and "5 minutes ago" are read against the capture time.
An error page (``Error()``) whose message says the visitor may not see the topic ("Sorry, you
don't have permission for that!"), or the sign-in page, stands in front of the topic: ``blocked``;
another error (a broken link) or IP.Board 3 page without posts is ``unsupported``, never an empty
thread. Search results a skin prints in the topic view's post blocks (3.1's atlas: anchors
included, "#<post id>") are no topic: not claimed when they name several topics, and
``unsupported`` when read without the topic view's ``ipb.topic`` script on the search module's address.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta, timezone

from parsel import Selector

from ..budget import check_budget
from ..clock import UTC, ForumClock, unstated_zone_error
from ..dates import parse_iso
from .. import ips
from ..markup import has_class, language_tag
from ..models import PageResult
from ..page_head import page_head
from ..page_index import page_index
from ..pagination import linked_next_page
from ..post_blocks import link_to_another_post, parts_of_other_posts, say_unread_posts, separate_nested
from ..quote_authors import name_quotes_of_posts_here
from .page import ENTRY_ID, POST_BLOCK_ID, PageParts, PostParts, is_sign_in_form
from .posts import member_link, read_post
from .thread import next_page, read_thread, topic_page_address

__all__ = ["ENGINE", "detect", "parse"]

ENGINE = "ipb3"

ZONE_ERROR = unstated_zone_error("IP.Board 3 prints them in the viewer's zone, and no post shows its exact"
                                 " time beside its printed one")
_ENTRY_LINK = re.compile(r"#entry(\d+)\s*$")  # a post's permalink: .../topic/77-x/page-2#entry5123
# Ids of a post's parts that carry its number (skin_topic post()): what tells a block that holds
# another post's parts (a lost </div>).
_POST_PART_IDS = frozenset({"post_id_", "entry", "postControlsNormal_", "rep_post_", "like_post_", "multiq_"})
# Words of an error message that say the topic is there but not for this visitor.
_WALL_WORDS = ("permission", "log in", "login", "sign in", "signed in", "registered", "members only")


def claims(root) -> bool:
    """Does the page's head hold the ``ipb.vars`` script, is it a page :func:`detect` takes, and one
    Invision Community's ``detect`` (asked before this one) does not? The head alone says no on
    every other page (no walk). :func:`parsers.registry.detect_engine` asks every engine's
    ``claims`` before any ``detect``: an IP.Board 3 page then skips the fourteen ``claims`` after
    this one (together a third of building a small page's tree)."""
    return page_head(root).script_says("ipb.vars") and _is_ipb3_page(root) and not ips.detect(Selector(root=root, type="html"))


def detect(doc: Selector) -> bool:
    """True for an IP.Board 3 page a topic view printed: the ``ipb.vars`` script with a post block
    (``div.post_block#post_id_N`` with its ``a#entryN`` anchor) or the topic view's ``ipb.topic``
    setup script; also IP.Board 3's error page (``Error()``'s ``p.ipsType_sectiontitle``) and
    sign-in page (walls in front of a topic). Other IP.Board 3 pages (the board index, a forum's
    topic list) are left to the fallback. Without the script, the same post blocks or walls on a
    page with globalTemplate's ``body#ipboard_body``, or the post blocks alone (their ids paired)."""
    return _is_ipb3_page(doc.root)


def _is_ipb3_page(root) -> bool:
    """:func:`detect`'s test, of the tree's root."""
    index = page_index(root)
    scripted = index.script_says("ipb.vars")
    if scripted:
        # The topic view's setup script first: the scripts are read already (for ipb.vars above), and
        # every topic page carries it, so the page's ids and classes (two walks of the page, more than
        # half of this test's cost on a small page) are read only for the pages without it.
        if index.script_says("ipb.topic.topic_id"):
            return True
    elif not (index.has_id("ipboard_body") or index.ids_share_a_number("post_id_", "entry")):
        # Without the head's scripts (a copy saved without them, a skin that loads them from a
        # file): globalTemplate's body id, or a post block's id paired with its anchor, below.
        return False
    # Both ids: search results shown as posts (skin_global asForumPosts) print post_id_N without
    # the entryN anchor, and are no topic. The ids first (cheaper), then the class.
    if index.id_matches(POST_BLOCK_ID) and index.id_matches(ENTRY_ID) and index.has_class("post_block"):
        # Not a topic view (no ipb.topic script): a skin that prints search results in the topic
        # view's blocks, anchors included (3.1's atlas), lists posts of several topics; one result
        # is told from a topic only by the topic view's div.topic.hfeed around the posts.
        if len(_topics_linked(root.iter("a"))) >= 2:
            return False
        first = next((node for node in root.iter("div") if POST_BLOCK_ID.match(node.get("id") or "")), None)
        return first is not None and _in_topic_view(first)
    if not scripted and index.id_matches(ENTRY_ID) and len(_topics_linked(root.iter("a"))) < 2:
        # A skin without post blocks (each post a table after its a#entryN anchor) on a page without
        # its scripts: globalTemplate's body id and the posts' anchors, linking one topic.
        return True
    return (scripted or index.has_id("ipboard_body")) and (
        index.has_class("ipsType_sectiontitle") or any(is_sign_in_form(form) for form in root.iter("form")))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one IP.Board 3 topic page; walls and other pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = PageParts(root)
    if not page.posts:
        return _without_posts(page, url)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=page.canonical(url))
    thread = result.thread = read_thread(page, url)
    # A restyled pagination (its classes renamed): the topic's next page linked anywhere.
    result.next_page_url = next_page(page, url) or linked_next_page(root, url, topic_page_address, result.canonical_url,
                                                                     by_offset=True)
    blocks = [block for block, _ in page.posts]
    separate_nested(blocks)
    parts = [PostParts(block, post_id) for block, post_id in page.posts]
    listing = _listing_of_posts(page, parts, url)
    if listing:
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=listing)
    for index in parts_of_other_posts(blocks, [p.post_id for p in parts], _POST_PART_IDS):
        parts[index].shared = True
    for post_parts in parts:
        # Another post's permalink ("#entry5123", its header's "Link to post #23") outside this post's
        # words and signatures: that post's header, its poster's name among it, stands in this block
        # (its own block's start lost: fuzz seed 1174, in the tree a browser builds).
        if link_to_another_post(post_parts.block, post_parts.post_id, _ENTRY_LINK,
                                [post_parts.body, *post_parts.signatures]) is not None:
            post_parts.shared = True
    language = language_tag(root)
    zone = learn_zone(parts, captured_at, language)
    clock = ForumClock(captured_at, zone, language, labelled=True)
    first = page.numbers.get("start", 0)
    for index, post_parts in enumerate(parts, start=1):
        check_budget()
        post = read_post(post_parts, url, clock, first + index, result.errors)
        if post is not None:
            post.position_on_page = index
            result.posts.append(post)
    name_quotes_of_posts_here(result.posts, result.errors)
    if clock.read_unzoned:
        result.errors.append(ZONE_ERROR)
    if thread.page == 1 and result.posts and result.posts[0].position == 1:
        # Only the topic's post #1 names the starter: a hidden first post leaves post #2 first on
        # the page, whose poster is not the starter.
        thread.starter = result.posts[0].author
        thread.started_at = result.posts[0].published_at
    elif page.creator is not None:
        # Later pages name the starter in the topic's header ("Started by X, Jan 14 2024": the
        # date without its time, so started_at is left to page 1).
        thread.starter = member_link(page.creator, url)
    if not result.posts:
        result.errors.append(f"{ENGINE} page without posts: {len(parts)} post block(s), none with its words")
    read = [post.post_id for post in result.posts]
    say_unread_posts(root, POST_BLOCK_ID, "post_id_", read, result.errors)
    # A post printed by another template that kept only its anchor (a#entryN), no div#post_id_N.
    say_unread_posts(root, ENTRY_ID, "entry", read, result.errors)
    return result


# The search module's address ("index.php?app=core&module=search&do=search&search_term=...", the
# "View New Content" and a member's "Find content" lists): posts of many topics, never one topic.
_SEARCH_MODULE = re.compile(r"[?&;]module=search(?:[&;#]|$)", re.I)
_TOPIC_IN_LINK = re.compile(r"(?:[?&;]showtopic=|/topic/|[?&;]t=)(\d+)")


def _listing_of_posts(page: PageParts, parts: list[PostParts], url: str) -> str | None:
    """Why these post blocks are no topic's posts, or None. A topic view prints its ``ipb.topic``
    setup script; a page without it whose posts' permalinks name several topics, or the search
    module's page, lists posts of many topics (search results "as posts": a skin such as 3.1's
    atlas prints them in the topic view's ``div.post_block`` with its ``a#entryN`` anchor, each
    under its topic's breadcrumb, "#N" the post's id, not its number)."""
    if "topic_id" in page.numbers:
        return None
    topics = _topics_linked(post.bookmark for post in parts if post.bookmark is not None)
    if len(topics) > 1 or _SEARCH_MODULE.search(url):
        return (f"IP.Board 3 list of posts of {len(topics) or 'unknown'} topic(s) (search results or a"
                " member's content), not a topic page")
    if not any(_in_topic_view(post.block) for post in parts[:1]):
        # One topic's posts, no setup script, and not inside the topic view's div.topic.hfeed: a
        # search with one result looks just so ("#N" its post id), and would be read as a topic
        # whose posts' numbers are their ids.
        return ("IP.Board 3 posts without the topic view's marks (no ipb.topic script, no div.topic.hfeed"
                " around them): not told apart from search results shown as posts")
    return None


def _in_topic_view(block) -> bool:
    """Is ``block`` inside the topic view's ``div.topic.hfeed`` (skin_topic topicViewTemplate)?"""
    for holder in block.iterancestors("div"):
        classes = holder.get("class") or ""
        if has_class(classes, "topic") and has_class(classes, "hfeed"):
            return True
    return False


def _topics_linked(anchors) -> set[str]:
    """The topics the posts' permalinks (``a[rel=bookmark]``) among ``anchors`` name."""
    topics = set()
    for anchor in anchors:
        if (anchor.get("rel") or "").lower() == "bookmark":
            match = _TOPIC_IN_LINK.search(anchor.get("href") or "")
            if match:
                topics.add(match.group(1))
    return topics


def learn_zone(parts: list[PostParts], captured_at: datetime, language: str | None) -> timezone | None:
    """The zone the page prints its times in, from the posts whose ``abbr.published`` carries both
    the instant (``title``) and the printed words with a year ("12 May 2013 - 10:20 AM"): the most
    common difference, to the quarter hour. None when no post shows both."""
    reader = ForumClock(captured_at, UTC, language, labelled=True)
    offsets = Counter()
    for post in parts:
        if post.published is None:
            continue
        exact = parse_iso((post.published.get("title") or "").strip() or None)
        printed = post.date_text()
        if exact is None or not any(len(w) == 4 and w.isdigit() for w in printed.replace(",", " ").split()):
            continue
        wall = reader.local(printed)
        if wall is None:
            continue
        minutes = round((wall - exact.astimezone(UTC).replace(tzinfo=None)).total_seconds() / 900) * 15
        if abs(minutes) < 15 * 60:
            offsets[minutes] += 1
    if not offsets:
        return None
    minutes = offsets.most_common(1)[0][0]
    return UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


def _without_posts(page: PageParts, url: str) -> PageResult:
    """A wall (the error page, the sign-in form) is ``blocked``; any other page ``unsupported``."""
    said = page.error_text()
    if said:
        code = f"[#{page.error_code}] " if page.error_code else ""
        wall = page.login_form is not None or any(word in said.lower() for word in _WALL_WORDS)
        kind = "blocked" if wall else "unsupported"
        return PageResult(kind=kind, url=url, engine=ENGINE, reason=f"IP.Board 3 error page: {code}{said}"[:500])
    if page.login_form is not None:
        return PageResult(kind="blocked", url=url, engine=ENGINE,
                          reason=f"login required: IP.Board 3 sign-in form ({page.title})"[:500])
    what = "topic page" if "topic_id" in page.numbers else "page"
    return PageResult(kind="unsupported", url=url, engine=ENGINE,
                      reason=f"IP.Board 3 {what} without posts: {page.heading() or page.title}"[:500],
                      errors=[f"{ENGINE} page without posts: no post block found"])
