"""Forumotion (forumotion.com, forumactif.com/.org, forumieren.com and boards on their own domains).

Each board picks one of six "versions" (phpBB2, phpBB3, PunBB, Invision, ModernBB, AwesomeBB),
each with its own templates and many themes (:mod:`parsers.forumotion.versions`). Read here: the
default ``viewtopic_body`` of phpBB2 (``tr.post#pN`` table rows), phpBB3 (``div.post#pN`` with
``p.author`` and ``div.content``), PunBB (``div.post`` around ``div.posthead#pN`` and
``div.entry-content``), Invision (``div.post#pN`` with ``div.postbody-head p.author`` and
``div.post-entry``), ModernBB (``div.post#pN`` with ``div.post-head .topic-date``) and AwesomeBB
(``div.post-wrap#post-N`` with ``div.post-content`` and ``aside.post-aside``,
:mod:`parsers.forumotion.awesomebb`). A topic page whose post blocks fit none of these (a board's
own template) comes back ``unsupported`` with a reason saying so: no post is guessed from markup no
template here documents; a single block that fits none on a page of a known version is skipped
with an error, and a page whose blocks have a version's classes but none holds the message where
that version prints it (an edited template that kept the class names) is ``unsupported`` too. The login page and message pages a board shows instead of a topic come back
``blocked`` and ``unsupported`` (:mod:`parsers.forumotion.walls`).

What every version keeps and this parser keys on: the post block's ``post--N`` class and
``id="pN"`` (AwesomeBB: ``id="post-N"``; N the post number, also the ``#N`` anchor of its permalink), ``/tN-slug`` topic and
``/tNpM-slug`` page addresses, ``/uN`` profile links, Forumotion's ``_userdata`` script object
and its illiweb.com assets. The "sponsored content" block Forumotion slips among the posts
(``div.post#p0``, "Gesponserte Inhalte", "Contenu sponsorisé") is an advert, not a post: skipped.

Dates are printed in the board's format and language ("26/10/13, 03:48 pm", "Sam 20 Fév 2021 -
8:02", "Aujourd'hui à 10:12", "Heute um 09:05") and read by :class:`parsers.clock.ForumClock`
(dates among words) against the capture time. The page never states the board's time zone: as
other engines do for a page that names none, the printed wall-clock time is stored as UTC, and
the page's ``errors`` says so. A date
printed without its year (the current year's "Lun 12 Fév - 14:30") is None with an error: the
year is not on the page.
"""

from __future__ import annotations

import re
from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..clock import ForumClock, unstated_zone_error
from ..markup import xpath as _X
from ..markup import page_language
from ..models import PageResult
from ..page_head import page_head
from ..page_index import page_index
from ..pagination import say_short_page
from ..post_blocks import ids_with, link_to_another_post, parts_of_other_posts, say_unread_posts, separate_nested
from ..values import first as _first
from ..values import words as _words
from .posts import read_post
from .thread import Pages, thread_of, title_and_forum, topic_address
from .versions import POST_CLASS, POST_ID, READ, PostParts, post_blocks, version_of
from .walls import wall_of

__all__ = ["ENGINE", "detect", "parse"]

ENGINE = "forumotion"
# AwesomeBB names a post's block "post-501" (the other versions "p501").
AWESOMEBB_POST_ID = re.compile(r"^post-(\d+)$")

_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
# Forumotion's own scripts and assets: illiweb.com (its static host) and the _userdata object every
# page defines for the toolbar.
_HOST = "illiweb.com"
_USERDATA = '_userdata["session_logged_in"]'
# Ids of a post's parts: "p501" (phpBB-like versions), its profile, signature and message buttons,
# and AwesomeBB's wrapper "post-501": another post's wrapper inside a block is that post's, nested
# there by a torn end tag (fuzz seed 1253: the post took the nested one's words and poster).
_POST_PART_IDS = frozenset({"p", "profile", "sig", "pm", "post-"})
_SPONSORED = "0"



def claims(root) -> bool:
    """Does the page's head load Forumotion's scripts or assets, and is it a page :func:`detect`
    takes? The head alone says no on every other engine's page (no walk);
    :func:`parsers.registry.detect_engine` asks every engine's ``claims`` before any ``detect``,
    and a Forumotion page then skips the eleven ``detect`` before this one."""
    # Forumotion's scripts or stylesheets in the page's head (what _hosted() looks for in the whole page).
    head = page_head(root)
    return ((head.script_from(_HOST) or head.script_says(_USERDATA) or head.links_to(_HOST))
            and _is_forumotion_page(root))


def detect(doc: Selector) -> bool:
    """True for Forumotion topic pages: a ``post--N`` post block on a page with Forumotion's own
    scripts or assets (the ``post--N`` class alone is not enough: it is a plain class name), and
    for the login and message pages such a board shows instead of a topic."""
    return _is_forumotion_page(doc.root)


def _is_forumotion_page(root) -> bool:
    # Forumotion's scripts and links first, from the page's index (its scripts and links, read once
    # for every engine), then the walk for the post blocks. The page's class list (a walk of every
    # class attribute, which cost a Forumotion page more than both) only when there is no block:
    # a page whose classes hold no "post--" at all may be a wall, one with other "post--" classes
    # is not the engine's (every block has "post--" in its class, so any block says it has one).
    index = page_index(root)
    if not _hosted(index):
        # A copy saved without its scripts, of a theme without Forumotion's stylesheet links.
        return index.class_contains("post--") and _numbered_as_forumotion_numbers_them(root)
    if post_blocks(root):
        return True
    return not index.class_contains("post--") and wall_of(root) is not None


def _numbered_as_forumotion_numbers_them(root) -> bool:
    """Does a post block carry its number twice, in its ``post--N`` class and in the id of itself
    or of an element inside it (``pN``; AwesomeBB's ``post-N``)? Every Forumotion template prints
    both; another site's ``post--`` class (a BEM modifier) is no number paired with an id."""
    for block in post_blocks(root)[:3]:
        match = POST_CLASS.search(block.get("class") or "")
        wanted = {f"p{match.group(1)}", f"post-{match.group(1)}"} if match else set()
        if any(node.get("id") in wanted for node in block.iter()):
            return True
    return False


def _hosted(index) -> bool:
    """The page carries Forumotion's scripts or assets: what every version's pages keep, whatever
    the template (its post markup, a login form or a message block alone are anybody's)."""
    return bool(index.script_from(_HOST) or index.link_tag_to(_HOST) or index.script_says(_USERDATA))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one Forumotion topic page of a version read here; others come back ``unsupported``."""
    root = doc.root
    blocks = [block for block in post_blocks(root) if _number(block) != _SPONSORED]
    if not blocks:
        wall = wall_of(root) if _hosted(page_index(root)) else None
        if wall is not None:
            return PageResult(kind=wall[0], url=url, engine=ENGINE, reason=wall[1])
        title = _words("".join(t.itertext()) for t in root.iter("title"))
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason=f"Forumotion page without posts: {title}"[:500])
    # Each block's version, read before separate_nested moves a block out of another.
    versions = [version_of(block) for block in blocks]
    if not any(version in READ for version in versions):
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason="Forumotion topic in a version whose post markup this parser does not read (not the"
                                 " phpBB2, phpBB3, PunBB, Invision, ModernBB or AwesomeBB default template: a"
                                 " board's own template)")
    canonical = _first(_CANONICAL(root))
    canonical = canonical.strip() if canonical else None
    topic_id, start, _first_page = topic_address(canonical if topic_address(url)[0] is None else url)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical or None)
    pages = Pages(root, url, topic_id, start)
    title, forum = title_and_forum(root)
    result.thread = thread_of(root, url, canonical, pages, title, forum)
    result.next_page_url = pages.next_url
    separate_nested(blocks)
    for block, version in zip(blocks, versions):
        if version not in READ:  # a block its page's template does not print (broken markup): never guessed at
            result.errors.append(f"post {_number(block) or '?'}: its block fits no Forumotion version's"
                                 " template; post skipped")
    readable = [(block, version) for block, version in zip(blocks, versions) if version in READ]
    blocks = [block for block, _version in readable]
    parts = [PostParts(block, version) for block, version in readable]
    for index in parts_of_other_posts(blocks, [p.post_id for p in parts], _POST_PART_IDS):
        parts[index].shared = True
    for post_parts in parts:
        if _holds_other_rows(post_parts):
            post_parts.shared = True
    clock = ForumClock(captured_at, None, page_language(root), labelled=True)
    clock.learn_order(p.date_text() for p in parts[:50])
    for index, post_parts in enumerate(parts, start=1):
        check_budget()
        post = read_post(post_parts, url, clock, start + index, result.errors)
        if post is not None:
            post.position_on_page = index
            result.posts.append(post)
    if parts and not result.posts:
        # Every block has the classes of a version's post but none holds the message where that
        # version's template prints it: a board's own template (an edited viewtopic_body that kept
        # the class names), not a topic without posts.
        names = ", ".join(sorted({p.version for p in parts}))
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason=f"Forumotion topic whose {len(parts)} post blocks hold no message where the {names}"
                                 " template prints it (a board's own template)")
    if clock.read_unzoned:
        result.errors.append(ZONE_ERROR)
    # A page before the last holds as many posts as its pagination's offsets step by (a torn page
    # whose middle was garbled lost three posts with no error, its next page linked as ever).
    say_short_page(result, pages.per_page)
    if pages.page == 1 and result.posts:
        result.thread.starter = result.posts[0].author
        result.thread.started_at = result.posts[0].published_at
    read = [post.post_id for post in result.posts]
    # One walk of the page's ids for both questions: those holding "p" hold every id either asks about.
    page_ids = ids_with(root, "p")
    # phpBB2, phpBB3, PunBB, Invision, ModernBB: p501
    say_unread_posts(root, POST_ID, "p", read, result.errors, page_ids)
    say_unread_posts(root, AWESOMEBB_POST_ID, "post-", read, result.errors,  # AwesomeBB: post-501
                     [value for value in page_ids if "post-" in value])
    return result


ZONE_ERROR = unstated_zone_error("Forumotion prints them in the board's zone, or the member's")


_CLASSED_BELOW = _X(".//*[contains(@class, 'post--')]")
# Another post's marks a torn page may leave in a block, outside the message: its buttons
# ("/post?p=118&mode=quote": quote, edit, delete) and its permalink ("/t50-the-long-winter#503").
_OTHER_POST_LINK = re.compile(r"[?&]p=(\d+)&(?:amp;)?mode=|#(\d+)$")


def _holds_other_rows(post_parts) -> bool:
    """The block holds an element classed ``post--M`` of another post M (phpBB2's buttons row of
    post M, whose own ``tr.post#pM`` a lost tag took away), or, outside the post's message, M's
    buttons or permalink (all a torn page kept of M's wrapper): M's rows, its name among them,
    stand in this block, and no name found there is surely this post's."""
    block, number, content = post_parts.block, post_parts.post_id, post_parts.content
    for node in _CLASSED_BELOW(block):
        match = POST_CLASS.search(node.get("class") or "")
        if match and match.group(1) != number:
            return True
    return link_to_another_post(block, number, _OTHER_POST_LINK, [content]) is not None


def _number(block) -> str | None:
    """The post number of a block: its ``id="pN"``, else its ``post--N`` class (PunBB puts the id inside)."""
    match = POST_ID.match(block.get("id") or "") or POST_CLASS.search(block.get("class") or "")
    return match.group(1) if match else None
