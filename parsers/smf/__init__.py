"""Simple Machines Forum (SMF 1.1, 2.0 and 2.1) topic pages.

Every SMF version marks each post's subject with ``id="subject_N"``; the post around it is
``div#msgN`` (2.1), ``div.post_wrapper`` (2.0) or the ``td.windowbg``/``td.windowbg2`` cell of the
1.x table layout. What is read from each:

- author: ``.poster h4 a`` (2.x; guests: the ``h4`` text), the first ``<b>`` of the author cell (1.x;
  ``<strong>`` in the Babylon theme for 2.0);
  a theme without ``div.poster`` (a Bulma theme: an ``<aside>``): the block's first profile link;
- time: the "« Reply #3 on: March 06, 2016, 05:45:12 AM »" line beside the subject (1.x, 2.0), or
  ``.postinfo a.smalltext`` (2.1), else a bare ``<p>`` after the subject ("Reply #3 on date"), else a
  ``<small>`` inside the subject (dhayzon's Bootstrap theme for 2.0), never the edit notice, read
  in the page's language; SMF 2.1 pages carry the current time
  both as UTC (``<time datetime>``) and as the forum shows it, which gives the forum's UTC offset
  (1.x and 2.0 state none: their times are read as UTC, and the page's errors say so);
- body: ``div.inner`` / ``div#msg_N`` (2.x), ``div.post`` (1.x);
- quotes: ``blockquote.bbc_standard_quote`` with a ``<cite>`` (2.1), or a ``div.quoteheader``
  ("Quote from: X on <date>", linking ``#msgN``) before the quote body (``blockquote`` in 2.0,
  ``div.quote`` in 1.x); they nest;
- edits: ``#modified_N`` ("Last Edit: <date> by X"; a link in 3.0 when the edit history is kept);
  likes: ``li.like_count`` (2.1); the "Like Posts" mod's ``span#like_count_N`` (2.0) as ``{"Like Posts": N}``.

Dates are read by :class:`parsers.clock.ForumClock` (dates among words, as vBulletin prints them) through
:class:`parsers.smf.clock.SmfClock`, which first puts the language packs' month names in English ("25 de
Octubre de 2013", "16 Mart 2018"). The print view (``action=printpage``) has no post ids: unsupported; so is
a theme that prints no subject ids (SychO9's Potato), its messages named in the reason. The page
is read in one pass over a few tag names (:class:`PageParts`), each post in one pass over its own
elements with its message taken out (:meth:`Raw.read`), and the message on its own.
"""

from __future__ import annotations

from datetime import datetime, timezone

from parsel import Selector

from ..budget import check_budget
from ..clock import UNSTATED_ZONE_ERROR
from ..html_text import element_text
from ..markup import page_language
from ..markup import xpath as _X
from ..models import PageResult, Thread
from ..page_head import page_head
from ..pagination import say_short_page
from ..page_index import page_index
from ..urls import absolute, without_session
from .clock import SmfClock
from .parts import PageParts, find_posts, say_unread_messages
from .posts import read_post
from .thread import Pagination, forum_offset, thread_starter, thread_id_of, title_and_forum, topic_url


__all__ = ["ENGINE", "detect", "parse"]

ENGINE = "smf"


# Detection only (asked of the page's index, read once for every engine); parsing reads the page
# in one pass over a few tag names (see PageParts).
_SMF_SCRIPT_WORDS = ("smf_scripturl", "smf_theme_url", "smf_images_url")
_SMF_CREDIT_TITLES = ("Simple Machines Forum", "Simple Machines")
_SMF_CREDIT_HREFS = ("simplemachines.org/about/copyright", "simplemachines.org/about/smf/license")


def claims(root) -> bool:
    """Does the page's head say SMF (its head script's ``smf_scripturl``, ``smf_theme_url`` or
    ``smf_images_url``)? The head's scripts alone, no walk: :func:`parsers.registry.detect_engine`
    asks every engine's ``claims`` before any ``detect``, which asks every script of the page."""
    # SMF's head script (index.template.php): the variables detect() asks every script for.
    return page_head(root).script_says(*_SMF_SCRIPT_WORDS)


def detect(doc: Selector) -> bool:
    """True for pages rendered by Simple Machines Forum: its script variables, its credit link, or
    its posts' ids."""
    index = page_index(doc.root)
    return (index.script_says(*_SMF_SCRIPT_WORDS) or not index.link_titles.isdisjoint(_SMF_CREDIT_TITLES)
            or index.links_to(*_SMF_CREDIT_HREFS) or _smf_post_ids(index))


def _smf_post_ids(index) -> bool:
    """Does a post carry the ids every SMF theme prints for it (Display.template.php): its subject's
    ``subject_N`` with its message's ``msg_N`` or its anchor ``msgN`` (an id in 2.x, a name in 1.1)?
    SMF's own scripts (quick edit, quick reply) and its permalinks need them, so a theme keeps them
    where it drops the head script and the credit, and so does a copy saved without its scripts.
    ElkArte, the fork read before SMF, prints ``post_subject_N`` instead."""
    subjects = index.numbered_ids("subject_")
    if not subjects:
        return False
    anchors = {name[3:] for name in index.anchor_names if name.startswith("msg")}
    return not (subjects.isdisjoint(index.numbered_ids("msg_")) and subjects.isdisjoint(index.numbered_ids("msg"))
                and subjects.isdisjoint(anchors))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one SMF topic page; other SMF pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = PageParts(root)
    raws = find_posts(page)
    if not raws:
        return _without_posts(page, url)
    for raw in raws:
        raw.read()
    language = page_language(root)
    offset = forum_offset(page, captured_at, language)
    clock = SmfClock(captured_at, timezone(offset) if offset is not None else None, language, labelled=True)
    clock.learn_order(r.date_text for r in raws[:50])
    canonical = without_session(absolute(url, page.canonical))
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    pages = Pagination(page, url)
    title, forum = title_and_forum(page)
    thread_id = thread_id_of(page, canonical, url, raws)
    result.thread = Thread(id=thread_id, title=title, url=topic_url(canonical or url, thread_id), forum=forum,
                           page=pages.page, page_count=pages.count)
    result.next_page_url = pages.next_url(page, url, root)
    for index, raw in enumerate(raws, start=1):
        check_budget()
        if raw.number is not None:
            position = raw.number + 1
        elif pages.start is not None:
            position = pages.start + index
        else:
            position = index
        post = read_post(raw, url, clock, position, result.errors)
        post.position_on_page = index
        result.posts.append(post)
    read = [post.post_id for post in result.posts]
    say_unread_messages(root, read, result.errors)
    say_short_page(result, pages.per_page)
    thread_starter(page, result, clock)
    if clock.read_unzoned:
        result.errors.append(UNSTATED_ZONE_ERROR)
    return result


# SMF 2.x's print view (Printpage.template.php): "Title: / Post by: X on <date>" headers with no post ids.
_PRINT_POSTS = _X("/html/body/div[@id='posts']/div[@class='postheader'] | /html/body/div[@id='posts']/div[@class='postbody']")


def _without_posts(page: PageParts, url: str) -> PageResult:
    """SMF's login wall (``form#frmLogin``), error page (``#fatal_error``, 1.x: "An Error Has Occurred!") and
    print view (``action=printpage``), whose posts carry no ids: said so, rather than "without posts"."""
    title = page.title
    if "action=printpage" in url or _PRINT_POSTS(page.root):
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason="SMF print view (action=printpage): its posts carry no ids or permalinks;"
                                 " read the topic's own pages (index.php?topic=N.0) instead")
    if page.login is not None:
        notice = next((p for p in page.login.iter("p", "div") if "information" in (p.get("class") or "")), None)
        message = " ".join(element_text(notice).split()) if notice is not None else ""
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {message or title}"[:500])
    if page.fatal is not None:
        message = " ".join(element_text(page.fatal).split())
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {message or title}"[:500])
    if page.bodies:
        # A theme that drops the subject ids every post is keyed on (SychO9's "Potato" prints none):
        # its messages (div#msg_N) are on the page but cannot be told apart for sure; said so, and which.
        shown = ", ".join(f"msg_{post_id}" for post_id in list(page.bodies)[:10])
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason=f"SMF theme without subject ids (subject_N): {len(page.bodies)} message(s) not read"
                                 f" ({shown}): {title}"[:500])
    if "error" in title.lower():
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {title}"[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"SMF page without posts: {title}")


# --- Small helpers ---------------------------------------------------------------------------
