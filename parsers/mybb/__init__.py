"""MyBB (1.8, with the 1.6 table layout where it differs).

MyBB prints no machine-readable times: post dates are text in the board's date format
("2019-02-23, 09:14 PM", "02-23-2019, 09:14 PM", "05-30-24, 09:14 PM"), or relative ("Yesterday,
09:14 PM", "5 hours ago") with, in the later 1.8 language packs, the absolute date in the ``title`` of a
``<span>`` around the relative part. The span's title is read in place of its words. Day/month order
comes from a printed day past the 12th, else from the dates printed near the capture time (the
titles of "Today" and "5 hours ago", the footer's "Current time"), else from the page's language.
The board's time zone is not printed; the footer's "Current time: ..." gives it when the page was
captured the same day (its offset from the capture time, to the quarter hour); otherwise times are
read as UTC, MyBB's default zone, and the page's errors say so.

What every MyBB theme keeps, and this reads (``tests/data/mybb_layouts`` holds the variants):

- posts: ``#post_N`` (``div.post`` of the 1.8 postbit and of postbit_classic, ``table`` in 1.6,
  ``article`` holding its ``#pid_N`` in the Adaptive Theme Framework, whose date is ``time.post_date``)
  with ``.post_body#pid_N``; threaded mode (``showthread.php?mode=threaded``) shows one of them and
  lists the thread's tree as plain links, which are no posts;
- the author: ``.post_author .largetext a`` (a bare name for guests), else the first profile link
  with words (``member.php?action=profile&uid=N``, ``user-N.html``, Google SEO's ``User-name``) in
  the author box or the post outside its message, for themes that drop the span; the id from the
  link, else from the post's "Find" button (``search.php?action=finduser&uid=N``);
- the time ``.post_date``; the post's number in the thread the "#N" (or "#1,234") link to
  ``#pidN`` of ``.post_head``, which is also its permalink in every URL scheme;
- quotes: ``blockquote.mycode_quote > cite`` ("<span> (date)</span>X Wrote: <a class="quick_jump"
  href="...#pidN">"); unattributed quotes cite "Quote:"; quotes nest;
- edit notices: ``.post_edit .edited_post`` "(This post was last modified: <date> by <a>X</a>. ...)";
- likes (plugins): Thank You/Like's ``span#tyl_data_N``, Simple Likes' ``div.likebar#post_likes_N``;
- left out of the poster's words: the signature, the edit notice, "Code:" titles of code blocks,
  attachment lists (recorded as attachments and images instead);
- pagination: ``.pagination`` (not the forum's own in the breadcrumb) with
  ``.pagination_current`` and ``a.pagination_next`` (else the link numbered one past the current
  page); breadcrumbs ``.navigation .nav_bit``; the thread's id from the search box's ``tid``, the
  URL, else the thread's own Reply/Print/Send buttons; its URL without the post, page or view.
"""

from __future__ import annotations

import re
from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..clock import UNSTATED_ZONE_ERROR, ForumClock
from ..html_text import element_text
from ..markup import language_tag
from ..markup import xpath as _X
from ..models import PageResult
from ..page_index import page_index
from ..post_blocks import parts_of_other_posts, say_unread_posts, separate_nested
from ..pack_dates import UnnamedLanguageClock
from ..page_head import page_head
from ..pagination import linked_next_page
from ..urls import urljoin
from ..values import first as _first
from ..values import words as _words
from .common import PAGE_TITLE, POST_ID
from .parts import PageParts, PostParts
from .posts import read_post
from .thread import current_time_text, day_first_near, next_page_link, read_thread, thread_page_address, zone


__all__ = ["ENGINE", "detect", "parse"]

ENGINE = "mybb"


_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
# Threaded mode's tree (showthread_threadedbox's showthread_threaded_bit: each other post of the tree
# a link "...&mode=threaded" in a div indented by its depth), as every theme's copy of it prints it.
_TREE_LINKS = _X("//div[contains(@style, 'margin-left')]/a[contains(@href, 'mode=threaded')]/@href")
_LINKED_POST = re.compile(r"(?:[?&;]pid=|-post-)(\d+)")
# MyBB's error template: a table of two rows, the board's name as title and the message.
_ERROR_MESSAGE = _X("//table[contains(@class, 'tborder')][count(.//tr) = 2]"
                    "[.//td[contains(@class, 'thead')]]//td[contains(@class, 'trow1')]")
_BODY_ID = re.compile(r"^pid_(\d+)$")
# Ids of a post's parts, with the post's number: div#post_N itself, its message, its meta line, its edit notice.
_POST_PART_IDS = frozenset({"post_", "pid_", "post_meta_", "edited_by_"})
# A post's anchor (``a#pidN``, ``a[name=pidN]``) and its message (``div#pid_N``), in every postbit.
_ANCHOR_OR_MESSAGE_ID = re.compile(r"^pid_?(\d+)$")


def claims(root) -> bool:
    """Does the page's head say MyBB (its header script's ``my_post_key`` or ``MyBBEditor``)? The
    head's scripts alone, no walk: :func:`parsers.registry.detect_engine` asks every engine's
    ``claims`` before any ``detect``."""
    return page_head(root).script_says("my_post_key", "MyBBEditor")


# The "lite" archive (archive/index.php/thread-N.html): no header script, posts without ids, and a
# "Full Version:" link to the thread above them; claimed so that it is said to be unsupported, and why.
_ARCHIVE_VIEW = _X("/html/body//div[@id='fullversion'][a[contains(@href, 'showthread.php') or contains(@href, 'thread-')"
                   " or contains(@href, 'Thread-')]]")


def detect(doc: Selector) -> bool:
    """True for pages rendered by MyBB: its header script (``my_post_key``), ``#post_N`` posts
    holding a ``.post_body#pid_N``, or the archive view's "Full Version" link."""
    root = doc.root
    if claims(root):
        return True
    index = page_index(root)  # read once for every engine: a page without a pid_N id or a post_body class is not MyBB's
    if index.has_id("fullversion") and _ARCHIVE_VIEW(root):
        return True
    if not (index.id_matches(_BODY_ID) and index.has_class("post_body")):
        return False
    for div in root.iter("div"):
        if _BODY_ID.match(div.get("id") or "") and "post_body" in (div.get("class") or "").split():
            return any(POST_ID.match(a.get("id") or "") for a in div.iterancestors("div", "table", "article"))
    return False


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one MyBB thread page; other pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = PageParts(root)
    if not page.posts:
        return _without_posts(root, page, url)
    canonical = _first(_CANONICAL(root))
    result = PageResult(kind="thread_page", url=url, engine=ENGINE,
                        canonical_url=urljoin(url, canonical) if canonical else None)
    thread = result.thread = read_thread(root, page, url, canonical)
    next_link = next_page_link(page)
    result.next_page_url = (urljoin(url, next_link).split("#", 1)[0] if next_link else
                            # a restyled pagination (its classes renamed): the thread's next page linked anywhere
                            linked_next_page(root, url, thread_page_address, result.canonical_url))
    separate_nested(page.posts)
    parts = [PostParts(node) for node in page.posts]
    for index in parts_of_other_posts(page.posts, [p.post_id for p in parts], _POST_PART_IDS):
        parts[index].shared = True
    if any(p.author_box is not None for p in parts):  # the theme prints one: a post without it lost it
        for post_parts in parts:
            post_parts.box_lost = post_parts.author_box is None
    elif any(p.shows_status() for p in parts):
        # No author box on the page (a theme without one, or every box's class torn), but the theme
        # prints a member's online status: a post without one is a guest's, whose lone member link
        # is a theme's hover card of another member, never its poster (see posts._member_marks).
        # Why: with every post's box renamed, a guest post took a hover card's member, silently
        # (fuzz seed 124, ``rename_classes``).
        for post_parts in parts:
            post_parts.status_shown = True
    day_first = day_first_near([current_time_text(page), *(t for p in parts for t in p.date_titles())], captured_at)
    language = language_tag(root)
    board_zone = zone(page, captured_at, day_first, language)
    # A page that names no language may print a pack's month names: read as the packs print them.
    clock = (ForumClock if language else UnnamedLanguageClock)(captured_at, board_zone, language)
    if day_first is not None:
        clock.day_first = day_first
    clock.learn_order(p.date_text() for p in parts)  # a date the page prints with a day past 12 settles it
    deleted = []  # deletion notices, as vBulletin's and XenForo's: no post to read, none missing
    for index, post_parts in enumerate(parts, start=1):
        check_budget()
        if post_parts.deletion_notice:
            deleted.append(post_parts.post_id)
            continue
        post = read_post(post_parts, url, clock, index, result.errors)
        if post is not None:
            result.posts.append(post)
            if "deleted_post" in (post_parts.node.get("class") or "").split():
                # A soft-deleted post shown whole to a moderator (its class " unapproved_post deleted_post").
                result.errors.append(f"post {post.post_id}: soft-deleted (shown to a moderator); kept as served")
    read = [post.post_id for post in result.posts] + deleted
    say_unread_posts(root, POST_ID, "post_", read, result.errors)
    # A post printed by another template that kept its anchor (a#pidN) or its message (div#pid_N)
    # but no div#post_N.
    say_unread_posts(root, _ANCHOR_OR_MESSAGE_ID, "pid", read, result.errors)
    say_tree_posts_elsewhere(root, result)
    # Page 1's first post, not the reply that threaded mode (showthread.php?mode=threaded&pid=N) shows.
    if thread.page == 1 and result.posts and result.posts[0].position == 1:
        thread.starter = result.posts[0].author
        thread.started_at = result.posts[0].published_at
    if clock.read_unzoned:
        result.errors.append(UNSTATED_ZONE_ERROR)
    return result


def say_tree_posts_elsewhere(root, result: PageResult) -> None:
    """Threaded mode (``showthread.php?mode=threaded``) shows one post and links the thread's others
    from its tree, with no next page: a crawl started at such an address read that one post and
    finished. The errors name the posts the tree links and the page does not hold."""
    shown = {post.post_id for post in result.posts}
    elsewhere = sorted({match.group(1) for href in _TREE_LINKS(root) if (match := _LINKED_POST.search(href))} - shown,
                       key=int)
    if elsewhere:
        result.errors.append(f"MyBB threaded mode: the page shows {len(shown)} post(s) of the thread and links"
                             f" {len(elsewhere)} other(s) from its tree (posts {', '.join(elsewhere[:10])}),"
                             " which may be missing: the linear view (showthread.php?tid=N) shows every post in order")


def _without_posts(root, page: PageParts, url: str) -> PageResult:
    title = _words(PAGE_TITLE(root))
    full_version = _first(_ARCHIVE_VIEW(root))
    if full_version is not None:
        link = next((a.get("href") for a in full_version.iter("a") if a.get("href")), "")
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason=f"MyBB archive view: its posts carry no ids; read the full version {link}".strip()[:500])
    if page.login_form is not None:
        # "You do not have permission to access this page. This could be because of ..."
        form = next(page.login_form.iterancestors("form"), None)
        said = next((_words([element_text(td)]) for td in (form if form is not None else page.login_form).iter("td")
                     if "trow1" in (td.get("class") or "")), "")
        said = said.split(". ", 1)[0].split("\n", 1)[0].rstrip(".")
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {said or title}"[:500])
    message = _first(_ERROR_MESSAGE(root))
    if message is not None:
        return PageResult(kind="blocked", url=url, engine=ENGINE,
                          reason=f"error page: {_words([element_text(message)]) or title}"[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"MyBB page without posts: {title}")
