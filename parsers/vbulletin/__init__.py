"""vBulletin thread pages: vBulletin 3 (table and div layouts), vBulletin 4 and vBulletin 5.

What each generation prints, and what is read from it:

- **vBulletin 3**: ``<div id="editN">`` / ``<table id="postN">`` (or a themed ``<div id="postN">``)
  around ``<div id="post_message_N">``; the author in ``a.bigusername`` (guests: the plain text
  of ``div#postmenu_N``); the date as text in the header cell beside ``<a name="postN">``
  ("10-05-2006, 01:16 PM", "Today, 03:12 PM", "Posted Apr 11, 2020, 1:02 PM"); quotes as a
  "Quote:" label over a table (or a themed ``div.panel``) with "Originally Posted by <strong>X</strong>"
  and a link to the quoted post; "Last edited by X; date" in an ``<em>`` after the message (in a
  style that restyled its box, the element after the template's ``<!-- edit note -->`` comment).
  A message box written self-closed (``<div id="post_message_N" />words</div>``, forocoches.com)
  is empty in libxml2's tree: its post is skipped, and the page is read again as a browser builds it.
  vBulletin 3.0 printed no message id: each post a ``table.tborder`` with ``div#postmenu_N`` and
  the message as the ``<div>`` after its ``<!-- message -->`` comment (:func:`.parts.vb30_posts`).
- **vBulletin 4**: ``<li id="post_N" class="postcontainer">``; ``.username``; ``span.date``
  ("08.11.2009, 11:49" with ``span.time``); ``div.bbcode_container > div.bbcode_quote`` with
  ``.bbcode_postedby``; ``blockquote.lastedited`` ("Last edited by X; date", "Geändert von X (date)").
  Customised skins keep what vBulletin's own scripts and links need, and that is read when the
  classes are gone: ``li#post_N`` (with ``blockquote.postcontent`` when ``post_message_N`` is gone
  too), the name box ``div#postmenu_N`` or a ``member.php?u=N`` link with words, ``span.postdate``,
  and the date printed beside the ``showpost.php?p=N`` / ``#postN`` permalink or in the user column.
- **vBulletin 5**: ``<li class="b-post" data-node-id data-node-publishdate>`` (a Unix time),
  ``[itemprop=author] .author``, ``.js-post__content-text``, ``a.b-post__count``, ``.b-post__edit``.

Dates are text on vBulletin 3 and 4: they are read in the page's ``<html lang>`` and in the time
zone the footer states ("All times are GMT -5", "Alle Zeitangaben in WEZ +2", "Fuseau horaire
GMT +1"), relative days ("Today", "Gestern") against the capture time (:class:`parsers.clock.ForumClock`);
a page whose footer states no zone has them read as UTC, and its errors say so. vBulletin 5 prints
each post's time beside its Unix time: the zone of its other printed times (edit lines, comments)
is learned from those pairs and the footer's zone, season by season (:mod:`.seasons`).
Numeric dates are read day-first or month-first as the page's own dates prove (a first number
above 12 is a day), else as the language writes them.

Speed: the page is read in one pass over a few tag names (:class:`PageParts`; an XPath walk
testing ids or classes costs as much as that whole pass), each post in one pass over its own
elements with its message taken out (:meth:`Raw.read`), and the message on its own.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from parsel import Selector

from ..budget import check_budget
from ..clock import UNSTATED_ZONE_ERROR, ForumClock
from ..html_text import element_text
from ..markup import page_language
from ..markup import xpath as _X
from ..models import PageResult, Thread
from ..page_head import page_head
from ..post_blocks import ids_with, say_unread_numbered_posts, say_unread_posts
from ..page_index import page_index
from ..quote_times import date_quotes
from ..urls import absolute, urljoin, without_session
from ..values import words as _words
from .parts import POST_ANY_ID, PageParts, closes_empty, find_posts, is_vb5_post
from .placeholders import hidden_error, notices
from .posts import read_post
from .seasons import zone_of
from .thread import (
    first_page_url,
    forum_path,
    next_page,
    numbers_shown,
    page_numbers,
    page_offset,
    printed_offsets,
    read_starter,
    thread_id_of,
    thread_tags,
    thread_title,
    utc_offset,
)


__all__ = ["ENGINE", "detect", "parse", "utc_offset", "without_session"]

ENGINE = "vbulletin"


# Document level. Detection reads these; parsing reads the page in one pass (see PageParts):
# whole-page XPath walks that test ids or classes cost as much as that pass each.
_BODIES = _X("//div[starts-with(@id, 'post_message_')]")
_BY_ID = _X("id($names)")
# vBulletin 3's name menu of each post (``div#postmenu_N``; its popup is ``postmenu_N_menu``).
_NAME_MENUS = _X("//div[starts-with(@id, 'postmenu_') and not(contains(@id, '_menu'))]/@id")
# Every vBulletin 3 and 4 postbit template starts its post with the anchor ``<a name="postN">``
# (the target of "#postN" links), whatever the style does with the rest.
_POST_ANCHORS = _X("//a[starts-with(@name, 'post')]/@name")
_NAME_MENU_ID = re.compile(r"^postmenu_(\d+)$")
_NODE_ITEMS = _X("//li[@data-node-id]")
_HAS_NODE_ITEMS = _X("boolean(//li/@data-node-id)")


# --- Detection -------------------------------------------------------------------------------


# vBulletin 3/4's archive (``archive/index.php/t-N.html``, archive/index.php's own markup): each post a
# ``div.post`` of name, date and plain text, no ids; the page links its full version in
# ``p.largefont`` and credits vBulletin in ``div#copyright``.
_ARCHIVE_FULL_VERSION = _X("/html/body/div[@class='pagebody'][div[@id='copyright'][contains(., 'vBulletin')]]"
                           "/p[@class='largefont']/a[contains(@href, 'showthread') or contains(@href, 'forumdisplay')"
                           " or contains(@href, '/threads/') or contains(@href, '/forums/')]/@href")


# The scripts every vBulletin 3 (vbulletin_global.js) and 4 (vbulletin-core.js) page loads from
# the board's own clientscript folder.
_OWN_SCRIPTS = ("clientscript/vbulletin_global.js", "clientscript/vbulletin-core.js")


def claims(root) -> bool:
    """Does the page's root or its generator meta say vBulletin (``html#vbulletin_html``, ``<meta
    name="generator" content="vBulletin ...">``)? No walk: :func:`parsers.registry.detect_engine`
    asks every engine's ``claims`` before any ``detect``."""
    if root.get("id") == "vbulletin_html":
        return True
    head = page_head(root)  # /html/head/meta[@name='generator']/@content | /html/body/meta[...]/@content
    return any("vbulletin" in content.lower() for content in (*head.generators, *head.body_generators))


def detect(doc: Selector) -> bool:
    """True for pages rendered by vBulletin 3, 4 or 5."""
    root = doc.root
    if claims(root):
        return True
    # The page's ids and classes (read once for every engine) before the walks: vBulletin 3/4's
    # post_message_N, vBulletin 5's li.b-post.
    index = page_index(root)
    if index.has_id("copyright") and index.has_class("pagebody") and _ARCHIVE_FULL_VERSION(root):
        return True
    if index.script_from(*_OWN_SCRIPTS):
        # A page without the generator meta (a board may drop it) and without posts (its index, a
        # portal): its own scripts say vBulletin. Read as no engine's page, a board's index with a
        # long welcome box became a news article dated by the footer's clock.
        return True
    # vBulletin 5's posts carry data-node-id: asking libxml2 whether any li has one (no element list
    # built: 0.02 to 0.15 ms) comes before the page's class list, which no engine before this one may
    # have read (0.1 to 1 ms) on the pages of the engines after it.
    return ((index.has_id_prefix("post_message_") and _has_message_div(root, index))
            or (_HAS_NODE_ITEMS(root) and index.has_class("b-post")
                and any(is_vb5_post(item) for item in _NODE_ITEMS(root))))


def _has_message_div(root, index) -> bool:
    """Is one of the page's ``post_message_N`` ids a ``div``'s (``//div[starts-with(@id, 'post_message_')]``)?

    libxml2's table of ids (XPath's ``id()``) finds the elements of those ids in microseconds; the
    XPath walk over the whole page (0.3 to 0.8 ms) is left for an answer the table leaves open (an id
    first filed for another element, or a tree built without the table)."""
    names = [name for name in index.ids if name.startswith("post_message_")]
    if any(node.tag == "div" and node.get("id") in names for node in _BY_ID(root, names=" ".join(names))):
        return True
    return bool(_BODIES(root))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one vBulletin thread page; other vBulletin pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = PageParts(root)
    raws = find_posts(page)
    if not raws:
        return _without_posts(page, url, root)
    if _in_search_results(root, raws):
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason="vBulletin search results (posts of one or more threads, each under its"
                                 f" thread's title), not a thread's page: {page.page_title or ''}".strip()[:500])
    # A message box written self-closed (.parts.closes_empty) holds none of its words in libxml2's
    # tree: its post is skipped and said so ("…; post skipped"), and parsers.browser_tree reads the
    # page again as a browser builds it, where the box holds its words.
    found = raws
    skipped = [raw.post_id for raw in raws if (raw.body.get("id") or "").startswith("post_message_")
               and closes_empty(raw.body)]
    raws = [raw for raw in raws if raw.post_id not in skipped] if skipped else raws
    base = urljoin(url, page.base.strip()) if page.base and page.base.strip() else url
    for raw in raws:
        raw.read()
    offset, language = page_offset(page), page_language(root)
    zone = timezone(offset) if offset is not None else None
    if any(raw.unix_time for raw in raws):
        # vBulletin 5: each post's Unix time beside its printed time shows the zone its times are
        # printed in at the post's date; the footer's "All times are GMT-8" is the zone when the
        # page was made. Across summer time they differ, and each printed time is read at the
        # offset seen nearest to it in the year (see .seasons).
        samples = printed_offsets(raws, _clock(captured_at, timezone.utc, language, raws))
        if samples and offset is not None:
            samples.append((captured_at, offset))
        zone = zone_of(samples) or zone
    clock = _clock(captured_at, zone, language, raws)
    # A relative canonical (vBulletin 4 prints "showthread.php?t=N" under ``<base href>``) resolves
    # against the base, as the browser does: against the page's own address it named another page.
    canonical = without_session(absolute(base, page.canonical))
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    result.errors.extend(f"post {post_id}: its message box div#post_message_{post_id} is written self-closed"
                         " (<div … />), its words after it; post skipped" for post_id in skipped)
    number, count = page_numbers(page, url, root, canonical, base)
    title = thread_title(page)
    result.thread = Thread(
        id=thread_id_of(page, canonical, url, found), title=title, url=first_page_url(canonical or url, number),
        forum=forum_path(page, title, root, url), page=number, page_count=count, tags=thread_tags(page),
    )
    result.next_page_url = next_page(root, page, base, url, canonical)
    # Threaded and hybrid views number the posts they show ("#1", "#2") in the order of their reply
    # tree, from the branch shown: those are not the posts' places in the thread, nor is its "#1" the
    # thread's first post. The posts are read in the order shown, no starter taken, and the errors say so.
    tree_view = page.tree_view
    shown = None if tree_view else numbers_shown(page)
    first_number = shown[0] if shown else None
    numbered = set()
    for index, raw in enumerate(raws, start=1):
        check_budget()
        number = None if tree_view else raw.number
        position = number or (first_number + index - 1 if first_number else index)
        post = read_post(raw, base, url, clock, position, result.errors)
        post.position_on_page = index
        result.posts.append(post)
        if number or first_number:
            numbered.add(post.post_id)
    if tree_view:
        # The view shows one post (threaded) or one branch (hybrid) and links the rest from its tree,
        # with no next page: the thread's other posts may be missing, and the crawl must say so.
        result.errors.append(f"vBulletin threaded or hybrid view: {len(raws)} post(s) of the thread's reply tree,"
                             " numbered in tree order; their positions are their order on this page, not their"
                             " places in the thread, and the thread's other posts may be missing (the linear"
                             " view shows every post in order)")
    # The notices printed in a post's place (deleted, or hidden from the viewer; see
    # parsers.vbulletin.placeholders) hold no post to read: neither unread nor missing.
    # The page's post ids are read once, here, after every edit the posts made to the tree (each
    # message taken out of its block; scripts and quotes out of the message), for both questions:
    # which notices stand in a post's place, and which named posts went unread. Every id either
    # question reads (post_N, postN) holds "post".
    read_ids = [post.post_id for post in result.posts]
    post_ids = ids_with(root, "post")
    in_place = notices(root, read_ids, post_ids)
    result.errors.extend(hidden_error(notice) for notice in in_place if notice.kind != "deleted")
    say_unread_posts(root, POST_ANY_ID, "post", read_ids + skipped + [notice.post_id for notice in in_place],
                     result.errors, post_ids)
    linked = [number for raw in raws for number in raw.other_numbers]
    if linked:
        # A post whose header (its number link) stands in another post's block, its own block lost:
        # it is not read, and without its id on the page only that link names it.
        say_unread_numbered_posts(linked, read_ids + skipped, result.errors)
    if page.vb30:
        # vBulletin 3.0's posts carry no id but their name box's (div#postmenu_N): a post whose
        # table held no message comment was passed over, and only that id names it.
        say_unread_posts(root, _NAME_MENU_ID, "post", read_ids, result.errors, post_ids)
    if shown and shown[1] - shown[0] + 1 > len(raws) + len(in_place):
        # "Results 16 to 30" counts the posts the page shows: fewer post blocks were found (a theme's
        # other template for some posts), lost without a trace anywhere else on the page.
        count = shown[1] - shown[0] + 1
        read = len(raws) + len(in_place)
        result.errors.append(f"the page shows posts {shown[0]} to {shown[1]} ({count}) and {read} were read:"
                             f" {count - read} may be missing")
    read_starter(page, result, numbered)
    date_quotes(result.posts)  # a quote of a post on this page: that post's time (vBulletin prints none)
    if clock.read_unzoned:
        result.errors.append(UNSTATED_ZONE_ERROR)
    return result


def _clock(captured_at: datetime, zone, language: str | None, raws) -> ForumClock:
    """The reader of the page's printed dates, in ``zone`` (None: unstated) and its date order."""
    clock = ForumClock(captured_at, zone, language, labelled=True)
    if clock.primary == "ar":
        # vBulletin's stock date format is "m-d-Y", and Arabic packs keep it ("قديم 05-28-2023,
        # 04:28 AM" on Arabic boards): a page whose dates do not prove an order is read month first,
        # not day first as the language's own custom would have it ("05-04-2016" is 4 May).
        clock.day_first = False
    clock.learn_order(text for r in raws[:50] for text in r.numeric_date_texts())
    return clock


def _in_search_results(root, raws) -> bool:
    """Are the posts the items of vBulletin 4's search results (``ol#searchbits``, the list its
    script reads; "Find all posts by X" prints each post there with its ``post_message_N``)?
    libxml2's table of ids answers without a walk of the page (no page index either: an element the
    table names that the tree no longer holds, taken out with a post's additions, is no ancestor of
    a post's block; an ``<a name>`` the table names is no list)."""
    lists = [node for node in _BY_ID(root, names="searchbits") if node.tag in ("ol", "ul", "div")]
    return any(ancestor in lists for ancestor in raws[0].container.iterancestors())


def _without_posts(page: PageParts, url: str, root) -> PageResult:
    """vBulletin's message pages ("You are not logged in or you do not have permission…", "Invalid Thread
    specified") are walls; its archive view names its full version; vBulletin 3.0's posts whose message
    was not found (their name menus, no message ids nor message comments) are named as posts left
    unread; any other page of the forum is not a thread."""
    title = page.page_title or ""
    full_version = next(iter(_ARCHIVE_FULL_VERSION(root)), None)
    if full_version:
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason=("vBulletin archive view: its posts carry no ids; read the full version"
                                  f" {urljoin(url, full_version.strip())}")[:500])
    if page.stream_items:
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason="vBulletin 5 activity stream (posts of one or more topics, newest first),"
                                 f" not a topic's page: {title}"[:500])
    if page.errors:
        message = _words([element_text(page.errors[0])]) or title
        reason = f"login required: {message}" if page.login else f"error page: {message}"
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=reason[:500])
    menus = {name for name in _NAME_MENUS(root) if name[len("postmenu_"):].isdigit()}
    if menus:
        # vBulletin 3.0's postbit: each post's name menu, its message a bare div (3.5 added the id)
        # that no "message" comment marked either (see .parts.vb30_posts).
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason=(f"vBulletin posts whose messages carry no post_message_N id (vBulletin 3.0's"
                                  f" postbit), not read: {len(menus)} posts on {title}")[:500])
    anchored = list(dict.fromkeys(name[len("post"):] for name in _POST_ANCHORS(root) if name[len("post"):].isdigit()))
    if anchored:
        # A style whose postbit keeps the anchor but none of the message boxes and ids read here (a
        # board's own mobile style prints each message in a bare div): posts, not read.
        named = ", ".join(anchored[:5]) + (", ..." if len(anchored) > 5 else "")
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason=(f"vBulletin posts in a postbit this parser cannot read (no post_message_N box):"
                                  f" {len(anchored)} posts named by their anchors ({named}) on {title}")[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"vBulletin page without posts: {title}")
