"""phpBB 3 (3.0 "prosilver" to 3.3 and the styles built on it).

Sources, most robust first: ``<time datetime>`` in the post's author line (3.2+ styles), the
``data-posttime``/``data-poster-*`` attributes some styles put on ``span.postdetails``, profile
links (``memberlist.php?mode=viewprofile&u=N``), the hidden ``t`` field of the topic search form
(the topic id), and only then printed text. Printed dates are read in the zone the footer names
("All times are <span title="Europe/Paris">UTC+02:00</span>" in 3.1+, "All times are UTC + 1 hour
[ DST ]" in 3.0) and in the page's ``<html lang>`` language, against the capture time; a page
without that footer has them read as UTC, and its errors say so.

Markup this reads:

- posts: ``div.post[id=pN]``, or, in styles without it, the block around any ``pN`` anchor
  (``div.vtouter#pN``, ``<a id="pN">``, subsilver2's ``<a name="pN">`` tables; see ``themes.py``,
  which also reads their names, dates and subsilver2's quotes); the body is ``.postbody .content``; the author and time are in
  ``p.author`` ("by <strong><a>name</a></strong> » Sun Mar 06, 2016 5:45 am") or, in styles whose
  author line only holds the time, in ``dl.postprofile dt``; guests are a ``span.username`` or a
  bare ``<strong>`` name;
- quotes: ``blockquote > div > cite`` ("X wrote:"); 3.2+ adds the quoted member's profile link,
  a link to the quoted post (``data-post-id``, ``viewtopic.php?p=N#pN``) and the quoted post's
  date in ``.responsive-hide``; ``blockquote.uncited`` has no citation. Quotes nest;
- edit notices: ``div.notice`` "Last edited by X on <date>, edited N times in total.";
- thanks: the "Thanks for posts" extension's list (``div#list_thanksN``), counted as reactions
  ``{"Thanks for posts": N}`` and never read as an edit notice; the "Post Love" extension's count
  (``div.postlove span#like_N``) as ``{"Post Love": N}``;
- left out of the poster's words: the signature, edit notices, the "Code: Select all" header of
  code boxes (subsilver2's ``div.codetitle``), attachment boxes and subsilver2's inline
  ``div.attachtitle``/``div.attachcontent`` lines (recorded as attachments and images instead), a
  hide BBCode box's title and, for a visitor who may not see its words, the board's notice in their
  place (``div.hidebox``; ``errors`` then says the post's hidden words were not read);
- placeholders: 3.0's foe notice alone in a post's block (``div.ignore``, S_IGNORE_POST) is no post
  and no lost one, and the errors name it; 3.1+ prints a foe's post, or a soft-deleted one shown to a
  moderator (``div.notice.post_deleted_msg``, said in the errors), whole behind its notice;
- pagination: ``.pagination`` (``a[rel=next]`` in 3.1+; in 3.0 the link after the current page's
  ``<strong>``, or the "Next" link of the display options), breadcrumbs ``.crumb`` (3.1+) or
  ``.navlinks .icon-home`` (3.0).

Lookups are done in one pass over a few tag names per page and per post (see ``parsers/ips/`` on speed).

:class:`parsers.clock.ForumClock` reads the printed dates (bare dates: the element holds the date alone).
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
from ..page_index import PageIndex, page_index
from ..pagination import say_short_page
from ..post_blocks import parts_of_other_posts, say_unread_posts, separate_nested
from ..pack_dates import UnnamedLanguageClock
from ..page_head import page_head
from ..values import first as _first
from ..values import words as _words
from .common import PAGE_TITLE, POST_ID, START, clean_url
from .parts import PERMALINK as _PERMALINK
from .parts import PageParts, PostParts
from .posts import foe_post_error, read_post
from .themes import themed_blocks
from .thread import next_page, read_thread


__all__ = ["ENGINE", "detect", "parse"]

ENGINE = "phpbb"


# Document level.
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
# Ids of a post's parts, with the post's number: div#pN itself, its profile column and its text.
_POST_PART_IDS = frozenset({"p", "profile", "post_content"})
# The prefixes of those ids a style may number otherwise: "CA Black" (3.0) prints its profile column
# as div#profile{S_ROW_COUNT} ("profile0", "profile1"), which named posts 0, 1, ... in every block.
_RENUMBERED_PART_IDS = ("profile", "post_content")


# phpBB's own scripts, which every style links to: the topic, forum, reply, user and moderator
# pages (rewritten topic URLs keep posting.php and ucp.php) and its JavaScript.
_OWN_SCRIPT = re.compile(
    r"(?:^|/)(?:(?:viewtopic|viewforum|posting|ucp|mcp)\.php|forum_fn\.js|assets/javascript/core\.js)(?:[?#]|$)")


def claims(root) -> bool:
    """Does the page's body say phpBB 3 (``body#phpbb``, prosilver and the styles built on it)? No
    walk: :func:`parsers.registry.detect_engine` asks every engine's ``claims`` before any ``detect``."""
    return "phpbb" in page_head(root).body_ids  # /html/body[@id='phpbb']


def detect(doc: Selector) -> bool:
    """True for pages rendered by phpBB 3: ``<body id="phpbb">``, or its ``div.post#pN`` posts (or,
    in other styles, post anchors ``pN`` with a message box) on a page that links to phpBB's own scripts.

    The scripts are asked for because phpBB 2's markup lives on in other engines: Forumotion
    boards print ``div.post#pN > div.postbody`` too, with addresses of their own (``/t7-``, ``/post``).
    """
    root = doc.root
    if claims(root):
        return True
    # The page's index (read once for every engine) first: without a "pN" id the walk below never
    # ends early, so the verdict is the last line's, whose tests are asked cheapest first: a post
    # anchor, phpBB 3's scripts, a frame id or a hint class somewhere (for the walk's hint). The ids
    # are searched joined (one regex call, not one a value: pages carry thousands of ids).
    index = page_index(root)
    if not _POST_ANCHOR.search("\x00".join(index.ids)) and (not _POST_ANCHOR.search("\x00".join(_ANCHOR_NAMES(root)))
                                                          or not _links_to_own_scripts(index, _PHPBB3_SCRIPT)
                                                          or not (index.has_id(*_SUBSILVER_FRAME)
                                                                  or index.has_class(*_HINT_CLASSES))):
        return False
    # Both ways to a True verdict below need links to phpBB's own scripts: none, no walk.
    own_scripts = _links_to_own_scripts(index)
    if not own_scripts and not _links_to_own_scripts(index, _PHPBB3_SCRIPT):
        return False
    hint = False
    for div in root.iter("div"):
        div_id = div.get("id")
        if div_id and POST_ID.match(div_id):
            if "post" in (div.get("class") or "").split():
                has_body = any("postbody" in (d.get("class") or "").split() for d in div.iter("div"))
                return has_body and own_scripts
            hint = True  # a post id on a div without the "post" class (Absolution's div.vtouter)
        elif not hint:
            hint = div_id in _SUBSILVER_FRAME or not _HINT_CLASSES.isdisjoint((div.get("class") or "").split())
    # Styles without prosilver's markup (themes.py), hinted at by the loop above (only then the
    # page-wide walks, which would cost every other engine's page): a post anchor ("pN": an id or
    # an <a name>, known to be there by the first test), scripts only phpBB 3 has, and a post
    # block with its message box.
    return hint and _links_to_own_scripts(index, _PHPBB3_SCRIPT) and bool(themed_blocks(root, anchors_only=True)[0])


# Some id or anchor name is a post's (``POST_ID.match``: "^p(\d+)$", its "$" allowing a final "\n"),
# asked of the values joined by NULs (which no attribute holds) in one search: vBulletin pages name
# an anchor for every post, and a match call per name cost more than the search.
_POST_ANCHOR = re.compile(r"(?:^|\x00)p\d+\n?(?=\x00|\Z)")
# Every <a name> below the root (what the page index's ``anchor_names`` holds), by one XPath: on the
# pages of the engines asked after this one (SMF's, which have no "pN" id), nothing else reads the
# page's links, and the index's walk over them cost 0.2 to 0.4 ms a page against 0.02 to 0.1 ms.
_ANCHOR_NAMES = _X("descendant-or-self::a/@name")
# subsilver2's page frame (its posts are tables with <a name="pN"> anchors).
_SUBSILVER_FRAME = frozenset({"wrapheader", "wrapcentre", "pagecontent"})
# A post's div without its id (the id on an inner anchor), subsilver2's message box.
_HINT_CLASSES = frozenset({"post", "postbody"})
# The scripts only phpBB 3 has: FluxBB and PunBB print viewtopic.php and viewforum.php too, and
# their posts are div#pN.blockpost with a div.postbody, like the styles detect() reads by anchors.
# A static copy of a board may have renamed each address with a query to the script's name and a
# number ("memberlist-45369.php", "posting-43664.php"): the name is still phpBB 3's.
_PHPBB3_SCRIPT = re.compile(
    r"(?:^|/)(?:(?:posting|ucp|mcp|memberlist)(?:-\d+)?\.php|forum_fn\.js|assets/javascript/core\.js)(?:[?#]|$)")


def _links_to_own_scripts(index: PageIndex, pattern: re.Pattern = _OWN_SCRIPT) -> bool:
    """Does a link, form, script or stylesheet of the page point at one of ``pattern``'s scripts?"""
    return any(pattern.search(address.strip()) for address in index.addresses)


_POST_NAMED = re.compile(r"(?:^|[#?&;])p=?(\d+)")


def _names_a_post(wrapper) -> bool:
    """Does a post's wrapper still name its post, by an id ("p7302") or a permalink ("#p7302",
    "?p=7302"): then the page's check of the posts it names says it was not read."""
    return any(POST_ID.match(node.get("id") or "") or _POST_NAMED.search(node.get("href") or "")
               for node in wrapper.iter() if isinstance(node.tag, str))


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one phpBB topic page; other pages come back ``blocked`` or ``unsupported``."""
    root = doc.root
    page = PageParts(root)
    if not page.posts:
        return _without_posts(root, page, url)
    canonical = _first(_CANONICAL(root))
    result = PageResult(kind="thread_page", url=url, engine=ENGINE,
                        canonical_url=clean_url(url, canonical) if canonical else None)
    language = language_tag(root)
    # A page that names no language may print a pack's month names: read as the packs print them.
    clock = (ForumClock if language else UnnamedLanguageClock)(captured_at, page.zone(), language)
    thread = result.thread = read_thread(root, page, url, canonical)
    result.next_page_url = next_page(root, page, url)
    per_page = page.per_page()
    if per_page:
        first_position = (thread.page - 1) * per_page
    else:
        start = START.search(url)
        first_position = int(start.group(1)) if start else 0
    result.errors.extend(page.block_errors)
    separate_nested(page.posts)
    parts = [PostParts(block, post_id, page.themed) for block, post_id in zip(page.posts, page.post_ids)]
    for index in parts_of_other_posts(page.posts, [p.post_id for p in parts], _part_ids(root, parts)):
        parts[index].shared = True
    for post_parts in parts:
        # A div.post wrapper inside a post's block, the posts found inside others moved out, is a
        # post whose id was lost, whose names are not this post's: a torn page gave a post the
        # profile link of the next post, whose wrapper its block swallowed and whose anchor's id
        # was torn, silently (fuzz flip_bytes).
        if post_parts.wrappers:
            post_parts.shared = True
        # (a wrapper that names its post is said by _unread_posts)
        if any(not _names_a_post(wrapper) for wrapper in post_parts.wrappers):
            result.errors.append(f"post {post_parts.post_id}: its block holds another post's wrapper (a div.post whose"
                                 " id was lost): that post may be missing")
    result.errors.extend(_unread_posts(root, parts))
    clock.learn_order(p.date_text() for p in parts)
    foes = []
    for index, post_parts in enumerate(parts, start=1):
        check_budget()
        if post_parts.foe_notice is not None:
            foes.append(post_parts.post_id)
            result.errors.append(foe_post_error(post_parts))
            continue
        post = read_post(post_parts, url, clock, first_position + index, result.errors)
        if post is not None:
            post.position_on_page = index
            result.posts.append(post)
    say_unread_posts(root, POST_ID, "p", [post.post_id for post in result.posts] + foes, result.errors)
    say_short_page(result, per_page, len(foes))
    # The first block's own post (not the next one's, where the first was a foe's notice or not read).
    if thread.page == 1 and result.posts and result.posts[0].position_on_page == 1:
        thread.starter = result.posts[0].author
        thread.started_at = result.posts[0].published_at
    if clock.read_unzoned:
        result.errors.append(UNSTATED_ZONE_ERROR)
    return result


def _part_ids(root, parts: list[PostParts]) -> frozenset[str]:
    """The prefixes of :data:`_POST_PART_IDS` that name a post's part on this page. In "CA Black",
    whose profile columns are div#profile0, div#profile1, ... (the row's number, S_ROW_COUNT, from
    0), every block held "another post's" profile: each post was said to share its block, and none
    was given its author. So "profile" and "post_content" are left out where the page numbers them
    from 0 (phpBB has no post 0) and no post carries one with its own number; a torn page's
    "profile102" left in post 101's block still names post 102."""
    index = page_index(root)
    return frozenset(prefix for prefix in _POST_PART_IDS if prefix not in _RENUMBERED_PART_IDS
                     or not index.has_id(prefix + "0") or index.has_id(*(prefix + p.post_id for p in parts)))


def _unread_posts(root, parts: list[PostParts]) -> list[str]:
    """An error for each post whose header the page shows but that has no block of its own (its
    anchor or its block's tag lost): its author line (``p.author``, whose permalink is "#pN") stands
    in another post's block (:attr:`PostParts.other_posts`) or outside every block. Such a post is
    not read, and the result must say so rather than lose it silently."""
    own = {p.post_id for p in parts}
    lost: dict[str, str | None] = {}
    for post_parts in parts:
        for number in post_parts.other_posts:
            if number not in own:
                lost.setdefault(number, post_parts.post_id)
    # A post's one author line, whose permalinks PostParts found to name that post alone, names no other.
    read = {p.own_line for p in parts if p.own_line is not None}
    for line in root.iter("p"):
        classes = line.get("class")
        if not classes or "author" not in classes or line in read or "author" not in classes.split():
            continue
        for link in line.iter("a"):
            match = _PERMALINK.search(link.get("href") or "")
            if match and match.group(1) not in own:
                lost.setdefault(match.group(1), None)
    return [f"post {number}: its header stands "
            + (f"in post {holder}'s block" if holder else "outside every post's block")
            + ", without a block of its own (its anchor lost?); post skipped" for number, holder in lost.items()]


def _without_posts(root, page: PageParts, url: str) -> PageResult:
    title = _words(PAGE_TITLE(root))
    if page.message is not None:
        # "Information / The requested topic does not exist.", "You are not authorised to read this forum."
        words = [element_text(node) for node in page.message.iter("p", "h2")]
        return PageResult(kind="blocked", url=url, engine=ENGINE,
                          reason=f"error page: {_words(words[-1:]) or title}"[:500])
    if page.login_form is not None:
        # "The board requires you to be registered and logged in to view this topic."
        said = next((words for words in (_words(p.itertext()) for p in page.login_form.iter("p")) if words), None)
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {said or title}"[:500])
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"phpBB page without posts: {title}")
