"""Discuz! X (X2.5 to X3.5), and 6/7: the thread page of the default desktop template, the touch (mobile)
template, and the mobile API's ``viewthread`` JSON.

**Desktop** (``template/default/forum/viewthread.htm`` and ``viewthread_node.htm``): each post is a
``div#post_{pid}`` holding ``table#pid{pid}.plhin``; the author is the ``home.php?mod=space&uid=N``
link of a ``div.authi``, the time ``em#authorposton{pid}`` ("发表于 2024-3-5 14:20", or a
``<span title="2024-3-5 14:20:33">3 天前</span>`` whose title is read), the message
``td#postmessage_{pid}`` (``viewthread_node_body.htm``), the signature ``div.sign`` outside it, the
post's number and permalink ``a#postnum{pid}``. The thread id is the page's own
``tid = parseInt('7')`` script, its title ``span#thread_subject``, the breadcrumb ``div#pt .z``, the
pages the ``div.pg`` of ``multi()`` (``strong`` this page, ``a.nxt`` the next, "/ 3 页" the count).

**Touch** (``template/default/touch/forum/viewthread.htm``): ``div.plc#pid{pid}`` with ``ul.authi``
(``li.mtit``: number and author; ``li.mtime``: the time) and ``div.message``; the title is
``div.view_tit``.

**Template packs** (third-party styles; tests/test_parsers_discuz_templates.py): a desktop pack whose
author line is no ``div.authi`` (a "vt" pack's ``div.vt_pi``) has the name's profile link read
beside the post's own ``em#authorposton{pid}``; a touch pack whose ``ul.authi`` holds no
``li.mtit``/``li.mtime`` (Mobanbus h5v1, yingxiao) has the profile link and the time read from that
list. A post whose author or time is printed outside its block (a pack's header for the first post)
is named in ``errors``; a pack whose posts keep none of the ids (ymg6's replies ``div.nei5#pidN``
printing no time) gives no posts, and the page is ``unsupported``.

**Times**: the desktop footer states the board's zone ("GMT+8, 2024-3-8 10:00", the
``$_G[timenow]`` line of ``common/footer.htm``); printed times are read in it. A page that states
none (the touch template's footer does not) has its times read as UTC, and says so in ``errors``.

**Quotes** (``discuzcode``'s ``[quote]``): ``div.quote > blockquote``, the first line a
``font[size=2]`` with "X 发表于 2024-3-5 14:20" and a ``forum.php?mod=redirect&goto=findpost&pid=N&ptid=T``
link; quotes may nest. Edit notices are ``i.pstatus`` ("本帖最后由 X 于 2024-3-5 14:20 编辑") at the
top of the message.

**Discuz! 6 and 7** (``templates/default/viewthread.htm``, checked on a 7.2 board): the block,
``table#pidN``, ``em#authorposton{pid}``, ``a#postnum{pid}`` and ``td#postmessage_{pid}`` are X's;
the author is the ``space.php?uid=N`` link of ``td.postauthor > div.postinfo``, the title
``div#threadtitle > h1``, the breadcrumb ``div#nav``, the pages ``div.pages`` (``a.next``), the zone
the footer's ``div#footlink``; permalinks are ``redirect.php?goto=findpost``. A page whose pager
names later pages but no next link says so in ``errors``. Discuz! 6 (as 1984bbs.com served it in
2010) has no ``div#post_N``: each post is ``div.mainbox.viewthread > table#pidN``, the author the
``space.php?uid=N`` link of ``td.postauthor > cite``, the time bare in ``td.postcontent > div.postinfo``
("1楼 ... 发表于 2010-7-28 14:19", no ``em#authorposton``), the floor ``strong#postnumN``, the message
``div#postmessage_N``, the title the first ``div.mainbox``'s ``h1``; its quotes open with "原帖由
<i>X</i> 于 2010-8-7 14:28 发表" and a findpost link instead of X's ``font[size=2]`` line.

**Mobile API** (``api/mobile/index.php?module=viewthread&tid=7``): see :mod:`.api`.

Detection: the header script every Discuz! X template writes (``discuz_uid = '0'``) and a post block
of either template (or the ``#messagetext`` box of a Discuz! notice page, the touch template's
``div.jump_c``, read as ``blocked``); without that script, a post block of Discuz!'s own markup. A
relative time printed bare ("49 秒前", "昨天 08:18") is read against the capture time; a
``div.locked`` notice in a message (a thread to buy) is taken out and named in ``errors``.
"""

from __future__ import annotations

from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..html_text import element_text
from ..markup import has_class
from ..markup import xpath as _X
from ..models import PageResult
from ..page_head import page_head
from ..page_index import page_index
from ..pagination import linked_next_page
from ..post_blocks import parsed_ids_with, parts_of_other_posts, say_unread_posts, separate_nested
from ..quote_authors import name_quotes_of_posts_here
from ..quote_depth import depth_errors
from ..values import words as _words
from .api import detect_json, parse_json
from .common import ENGINE, POST_BLOCK_ID, TOUCH_BLOCK_ID
from .extras import Extras, sort_text_and_html
from .page import PageParts, iter_post_blocks, thread_page_address
from .posts import read_post

__all__ = ["ENGINE", "claims", "detect", "detect_json", "parse", "parse_json"]

_DISCUZ_WORD = "discuz_uid"  # in a script of every Discuz! X page
# "//div[@id='messagetext']": the divs whose id is that, read by the attribute's name (see .page).
_MESSAGE_BOX = _X("/descendant::div/@id[. = 'messagetext']/..")
# The touch template's notice ("抱歉，本帖要求阅读权限高于 200 才能浏览"): div.jump_c, where the
# desktop template writes div#messagetext.
_TOUCH_NOTICE = _X("/descendant::div[@class = 'jump_c']")
# The ids a post's parts carry with its pid (used to tell a block that swallowed another post's parts).
_POST_PART_IDS = frozenset({"pid", "postmessage_", "authorposton", "postnum", "favatar", "userinfo"})


def claims(root) -> bool:
    """Does the page's head hold Discuz!'s settings script, and is it a page :func:`detect` takes?
    The head alone says no on every other page (no walk): :func:`parsers.registry.detect_engine`
    asks every engine's ``claims`` before any ``detect``, and a Discuz! page then skips the
    fourteen ``detect`` before this one."""
    # The head's settings script of every Discuz! X page ("var STYLEID = '1', ..., discuz_uid = '0'").
    return page_head(root).script_says(_DISCUZ_WORD) and _shows_posts_or_notice(root)


def detect(doc: Selector) -> bool:
    """True for Discuz! X thread pages (desktop or touch) and Discuz! notice pages; and, without the
    settings script (a theme that loads it from a file, a copy saved without its scripts), for a
    page with a post block of Discuz!'s own markup (:func:`_discuz_post_block`)."""
    root = doc.root
    index = page_index(root)  # the page's scripts and ids, read once for every engine
    if index.script_says(_DISCUZ_WORD):
        return _shows_posts_or_notice(root)
    return index.has_id_prefix("pid") and _discuz_post_block(root)


def _discuz_post_block(root) -> bool:
    """Does the page hold a post block no other engine prints? The desktop block pairs
    ``div#post_N`` with its ``table#pidN`` and Discuz! 6's ``table#pidN`` holds ``td.postauthor``
    (:func:`.page.iter_post_blocks`); of the touch template's ``div.plc#pidN`` blocks, one must hold
    the author line ``ul.authi`` too, which every touch pack read here keeps (a pack may print the
    first post's author in its header instead)."""
    for block in iter_post_blocks(root):
        if block.tag != "div" or block.get("id", "").startswith("post_"):
            return True
        if any(has_class(node.get("class") or "", "authi") for node in block.iter()):
            return True
    return False


def _shows_posts_or_notice(root) -> bool:
    return next(iter_post_blocks(root), None) is not None or bool(_MESSAGE_BOX(root) or _TOUCH_NOTICE(root))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one Discuz! thread page; a notice page ("请先登录") comes back ``blocked``."""
    root = doc.root
    page = PageParts(root, url, captured_at)
    if not page.posts:
        box = _MESSAGE_BOX(root) or _TOUCH_NOTICE(root)
        if box:
            said = _words([element_text(box[0])])[:300]
            return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"Discuz! notice: {said}")
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason="a Discuz! page without posts")
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=page.canonical)
    zone = page.zone(result.errors)
    thread = result.thread = page.thread()
    # A restyled pager (its classes renamed): the thread's next page linked anywhere.
    result.next_page_url = page.next_page_url or linked_next_page(root, url, thread_page_address, page.canonical)
    separate_nested(page.posts)
    ids = [page.post_id(node) for node in page.posts]
    shared = parts_of_other_posts(page.posts, ids, _POST_PART_IDS)
    extras = Extras(root, page.posts)
    for index, node in enumerate(page.posts, start=1):
        check_budget()
        extras.take_floor_replies(node, ids[index - 1], result.errors)
        post = read_post(node, ids[index - 1], page, zone, index - 1 in shared, result.errors)
        box = extras.sort_box(node)
        if box is not None:
            # The classified-info fields the poster filled in come before the message.
            sort_text, sort_html = sort_text_and_html(box)
            post.text = "\n\n".join(part for part in (sort_text, post.text) if part)
            post.html = sort_html + post.html
        post.position_on_page = index
        result.errors.extend(depth_errors(post.post_id, post.quotes))
        result.posts.append(post)
    name_quotes_of_posts_here(result.posts, result.errors)
    # Only a first post whose floor the page prints as 1 (its postnum "1#", "楼主") names the
    # starter: settle_positions counts a page that prints no floors from 1, a guess.
    printed_first = bool(result.posts) and result.posts[0].position == 1
    page.settle_positions(result.posts, result.errors)
    if thread.page == 1 and printed_first:
        thread.starter = result.posts[0].author
        thread.started_at = result.posts[0].published_at
    read = [post.post_id for post in result.posts]
    # One walk of the page's ids for both questions: those holding "p" hold every id either asks about.
    page_ids = parsed_ids_with(root, "p")
    say_unread_posts(root, POST_BLOCK_ID, "post_", read, result.errors,  # desktop: div#post_123
                     [value for value in page_ids if "post_" in value])
    say_unread_posts(root, TOUCH_BLOCK_ID, "pid", read, result.errors,  # touch: div.plc#pid123 (desktop's sits inside)
                     [value for value in page_ids if "pid" in value])
    return result
