"""The generic parser: thread pages of boards no engine parser knows, read from their structure.

Why: a forum on an engine without a parser (a proprietary board, a rare engine) would otherwise
come back ``unsupported`` and its posts would be lost to the archive. This parser reads such a
page only when its structure says where each post is, and refuses (``unsupported``, with the reason)
whenever it would have to guess.

It runs in two ways: ``parsers.registry`` calls :func:`read` when no engine claimed a page that
``parsers.forum_evidence`` calls a forum page (it is never in the detection order: :func:`detect`
is always False), and ``engine="generic"`` forces it (:func:`parse`), which checks the evidence itself.

Where the posts come from, the first that gives posts that pass the checks, the longest list winning:

1. microdata ``DiscussionForumPosting``/``Question``/``Comment``/``Answer`` items (their
   ``author``, ``datePublished``/``dateCreated``, ``text``/``articleBody``, the item's own element for
   the rest: see :mod:`.structured`);
2. JSON-LD ``DiscussionForumPosting`` with its ``comment`` list, ``QAPage`` question and answers,
   or authored ``Comment`` objects standing on their own, each given the quotes of its element of
   the page (:mod:`.markup_quotes`: the JSON's words leave them out);
3. repeated sibling blocks that each hold an author and a date
   (:func:`parsers.forum_evidence.post_block_groups`, the same test the verdict uses), each read by
   :func:`parsers.generic.blocks.read_block`, with, in their place, any block of their class a
   theme wraps on its own among them, or leaves unwrapped among wrappers that each hold one
   (:func:`parsers.forum_evidence.wrapped_blocks`).

Microdata replies whose opening post only the JSON-LD describes (XenForo 2) get that opening post
in front, on a thread's first page, when it is older than every reply. A JSON-LD posting that lists
no replies of a thread whose counters say it has some is refused (its replies are on the page in
markup the JSON does not describe).

Refused (``unsupported``, the reason names which): no forum evidence (a news article with reader
comments, a blog, a listing of thread links); a post without an author or a date; post items nested
inside each other; an item naming two different authors; two groups of sibling blocks, one inside the other; fewer than
:data:`parsers.forum_evidence.MIN_POSTS` sibling blocks; posts whose words are mostly link text or
mostly empty; posts that each link, outside their words, to a page of the site no other post links
to (a search page or a list of latest posts: each result links to its own thread).

Post ids: the number in an id attribute that names a post ("post-123", "Comment6702386"), a post
permalink (``#p123``, ``?comment=123``), the schema ``identifier`` or ``url``; a board that gives
none (or numbers that only count the page's posts, 0, 1, 2, ..., which the next page repeats) gets
a derived id, a hash of the thread URL, author and time (first words for a post without a time)
(:func:`parsers.generic.blocks.derived_id`), so a re-crawl finds the same post under the same id.
``position`` is the post's place on the page (the generic parser cannot know the posts of earlier pages).
Times: machine-readable first, printed text read against the capture time, both in the zone the
page's footer states ("All times are GMT -4", :func:`stated_zone`; a machine-readable value with its
own offset keeps it), else taken as UTC, with an error saying so (as :mod:`parsers.phpbb` and
:mod:`parsers.smf` do).

The result says it was read this way: ``engine`` "generic" and ``reason`` "read by the generic
parser from <where>" on the thread page.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta, timezone

from lxml import etree
from parsel import Selector

from ..breadcrumbs import classed_crumbs, json_ld_crumbs, microdata_crumbs
from ..budget import check_budget
from ..clock import ForumClock, offset_zone, unstated_zone_error
from ..forum_evidence import (MIN_POST_WORDS, MIN_POSTS, document_position, forum_evidence, json_ld_texts,
                              names_author_and_date, own_words, post_block_groups, wrapped_blocks)
from ..html_text import element_text
from ..markup import inside, language_tag, xpath
from ..models import Author, PageResult, Post, Thread
from ..page_index import page_index
from ..quote_depth import depth_errors
from ..urls import absolute, replayed_original, urlsplit, without_session
from ..values import first
from .blocks import KHOROS_MESSAGE, POST_ID, BlockPost, derived_id, read_sibling_blocks
from .markup_quotes import add_markup_quotes
from .structured import Refusal, json_ld_opening_post, json_ld_posts, microdata_posts

__all__ = ["ENGINE", "detect", "parse", "read"]

ENGINE = "generic"
MAX_LINK_SHARE = 0.5  # posts whose words are mostly link text are a list of links, not a discussion
_PAGE_NUMBER = re.compile(r"(?:[?&;]page=|/page[-/]?)(\d+)", re.I)
# Compiled once: root.xpath(string) compiles its expression again on every page.
_CANONICAL = xpath("//link[@rel='canonical']/@href")
_NEXT = xpath("//link[@rel='next']/@href | //a[@rel='next']/@href")
# Where the thread's title is, in this order: the page's h1, og:title, <title> (see _title).
_TITLE_SOURCES = ((xpath("//h1"), False), (xpath("//meta[@property='og:title']/@content"), False),
                  (xpath("//title"), True))


def detect(doc: Selector) -> bool:
    """Always False: the generic parser is never picked by detection, only as the fallback for a
    page no engine claims (``parsers.registry``) or by name."""
    return False


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse a page by name (``engine="generic"``): only a page with forum evidence is read."""
    evidence = forum_evidence(doc, url)
    if evidence is None:
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason="generic parser: no evidence that this is a forum discussion"
                                 " (an article, a blog, a listing or a comment box under an article)")
    return read(doc, url, captured_at, evidence)


def read(doc: Selector, url: str, captured_at: datetime, evidence: str) -> PageResult:
    """The thread page, or ``unsupported`` with why the generic parser declined it."""
    root = doc.root
    # No zone at first: the note counts the chosen posts' unzoned times (BlockPost.printed_time), not
    # the clock's read_unzoned, which the routes not taken also set. Only when the chosen posts have
    # such times is the page searched for the zone it states (:func:`stated_zone`, which pages with
    # zoned ISO times never pay), and read again in it when it states one.
    clock = ForumClock(captured_at, None, language_tag(root), labelled=True)
    found, refusals = _routes(root, url, clock)
    inferred = None  # the zone found from the JSON-LD's opening post, if one was
    chosen = max(found, key=lambda pair: len(pair[1]))[1] if found else []
    if any(raw.printed_time for raw in chosen):
        zone = stated_zone(root)
        if zone is None and (offset := declared_offset(root, url, clock, chosen[0])) is not None:
            zone = inferred = timezone(offset)
        if zone is not None:
            clock = ForumClock(captured_at, zone, language_tag(root), labelled=True)
            found, refusals = _routes(root, url, clock)
    if not found:
        why = "; ".join(refusals) or "no post blocks with an author and a date"
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"generic parser declined: {why}")
    where, raws = max(found, key=lambda pair: len(pair[1]))  # max keeps the first of equals
    if where.endswith("microdata post items") and _page_number(url) == 1:
        opening = _missing_opening(root, url, raws, clock)
        if opening is not None:
            add_markup_quotes(root, url, clock, [opening])  # its id, quotes and edit from its element
            opening.starts_thread = True
            raws = [opening, *raws]
            where += " and the JSON-LD opening post"
    if not raws[0].starts_thread and _page_number(url) == 1:
        raws[0].starts_thread = _declared_opening(root, url, raws[0], clock)
    result = _result(root, url, raws, f"read by the generic parser from {where} (evidence: {evidence})")
    if inferred is not None:
        result.errors.append(INFERRED_ZONE_NOTE.format(zone=inferred.tzname(None)))  # "UTC+01:00"
    return result


INFERRED_ZONE_NOTE = ("printed times read at {zone}, the offset of the opening post's printed time from its"
                      " JSON-LD datePublished (the page states no zone: a time on the other side of a"
                      " daylight-saving change may be an hour off)")
_QUARTER_HOUR = timedelta(minutes=15)
_LONGEST_OFFSET = timedelta(hours=14)


def declared_offset(root, url: str, clock: ForumClock, first: BlockPost) -> timedelta | None:
    """The UTC offset the page prints its times in, from the one post whose time it gives twice:
    the opening post's printed time (read as UTC) less its JSON-LD ``DiscussionForumPosting``'s
    ``datePublished`` with its offset, when both name the same author and the difference is a
    whole quarter hour (within a minute: the JSON-LD may give minutes only), not zero, and no more
    than fourteen hours. None otherwise.

    Why: a board that prints its local time and states no zone (Mumsnet Talk: "Tue 16-Jun-20
    16:12:14", the JSON-LD "2020-06-16T15:12Z") had every post's time read as UTC, an hour late
    all summer; the page itself says by how much."""
    opening = json_ld_opening_post(root, url, clock)
    if (opening is None or opening.printed_time or opening.published_at is None or first.published_at is None
            or opening.author is None or first.author is None or not opening.author.name
            or opening.author.name != first.author.name):
        return None
    difference = first.published_at - opening.published_at
    offset = round(difference / _QUARTER_HOUR) * _QUARTER_HOUR
    if not offset or abs(offset) > _LONGEST_OFFSET or abs(difference - offset) > timedelta(minutes=1):
        return None
    return offset


_NAMED_POST = re.compile(r"post (\w+)\b")  # the post an error names first ("post 7003 (...); not read")


def say_unread_numbered_blocks(root, result: PageResult) -> None:
    """Add an error for each element whose id has the prefix the posts read take their ids from
    ("post_" of ``div#post_7468547``; :data:`POST_ID`'s shape, at least two posts read under it)
    and a number that no post read has: a post, or a comment under one, that the route read
    leaves out.

    Why: a Q&A board of its own engine (MedHelp) prints comments under an answer in
    ``div#post_N.comment_ctn`` blocks, inside the answer's microdata item but outside its words:
    the route reads the question and its answers, and a comment was dropped without a word. The
    id, a number of the same series, is its trace (as for the engines:
    :func:`parsers.post_blocks.say_unread_posts`)."""
    read = {post.post_id for post in result.posts}
    series: dict[str, set[str]] = {}
    for value in page_index(root).ids:
        match = POST_ID.match(value)
        if match and match.group(1).strip("0"):
            series.setdefault(value[:match.start(1)], set()).add(match.group(1))
    named = {match.group(1) for error in result.errors if (match := _NAMED_POST.match(error))}
    unread: set[str] = set()
    for numbers in series.values():
        if len(numbers & read) >= 2:
            unread |= numbers - read
    for number in sorted(unread, key=lambda n: (len(n), n)):
        if number not in named:
            result.errors.append(f"post {number}: its block was not read (the page names it by its id, in the"
                                 " series of the posts read; its markup fits no post this parser reads)")


# "All times are GMT -4. The time now is ...", "Alle Zeitangaben in WEZ +2", "All times are UTC+01:00",
# "Alle Zeiten sind UTC+1 Stunde", "Toutes les heures sont au format UTC+1": the footer line of the
# vBulletin, phpBB and IP.Board families, which their forks and copies keep.
_ZONE_LINE = re.compile(r"(?:all times are|alle zeitangaben in|alle zeiten sind|toutes les heures sont"
                        r"|tutti gli orari sono|todas las horas son|fuseau horaire)[^.\n]{0,20}?"
                        r"\b(?:GMT|UTC|WEZ)(?:\s*(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})"
                        r"(?:(?P<sep>[.:,])(?P<part>\d{1,2}))?)?(?![\d:])", re.I)
_ZONE_WORDS = ("GMT", "UTC", "WEZ")


def stated_zone(root):
    """The fixed zone the page says its times are printed in, or None when it says none. The last
    statement wins: the footer's comes after the posts, a post that mentions one comes before it.

    Why: a vBulletin 4 skin's microdata writes the board's wall clock without an offset
    ("2024-11-29T09:03"), and the printed times of these boards are local too; read as UTC, every
    post of a board at GMT -4 was four hours early, with nothing to say so. The page's text is
    serialised once (libxml2, a fraction of a millisecond) and the line looked for around each
    "GMT"/"UTC"/"WEZ" in it: an XPath test of every text node cost five times as much."""
    text = etree.tostring(root, method="text", encoding="unicode")
    best = None  # (where, match)
    for word in _ZONE_WORDS:
        at = text.find(word)
        while at >= 0:
            start = max(0, at - 80)
            window = " ".join(text[start:at + 12].split())
            for match in _ZONE_LINE.finditer(window):
                if best is None or at > best[0]:
                    best = (at, match)
            at = text.find(word, at + 3)
    if best is None:
        return None
    match = best[1]
    if not match.group("sign"):
        return timezone.utc
    return offset_zone(match.group("sign"), match.group("hours"), match.group("part"),
                       in_minutes=match.group("sep") == ":")


def _routes(root, url: str, clock: ForumClock) -> tuple[list[tuple[str, list[BlockPost]]], list[str]]:
    """The posts each route gives that pass the checks, as (where, posts), and why the others failed.

    A route is not read to the end once it cannot win: :func:`read` takes the longest list, the
    first of equals, so a later route that finds no more posts than one already found is left
    (a Q&A page's microdata answers were read again as sibling blocks, a third of its parse). What
    is left out is never used: the refusals only say why a page with no route found was declined."""
    found: list[tuple[str, list[BlockPost]]] = []
    refusals: list[str] = []
    for source, route in (("microdata", _microdata), ("JSON-LD", _json_ld), ("sibling blocks", _blocks)):
        check_budget()
        beat = max((len(posts) for _, posts in found), default=0)
        try:
            posts, where = route(root, url, clock, beat)
        except Refusal as refusal:
            refusals.append(f"{source}: {refusal}")
            continue
        if not posts:
            continue
        problem = _doubt(posts, url)
        if problem:
            refusals.append(f"{where}: {problem}")
            continue
        found.append((where, posts))
    return found, refusals


def _khoros_ids(raws: list[BlockPost], url: str, canonical: str | None) -> None:
    """Give Khoros posts the message id their own link carries. The thread is the page's address
    (``/t5/<board>/<slug>/td-p/<id>`` or ``/m-p/<id>``), else its canonical one (a copy saved
    elsewhere); a post's links to messages of that thread name its own, and a reply's "In response
    to" the one it answers, an earlier post's on this page: of two, the one no earlier post has is
    its own. A parent on an earlier page leaves two: the id stays unknown (derived, with the error)."""
    page = KHOROS_MESSAGE.search(urlsplit(url).path) or KHOROS_MESSAGE.search(urlsplit(canonical or "").path)
    if page is None:
        return
    thread = page.group("thread")
    earlier: set[str] = set()
    for raw in raws:
        if raw.post_id is None and raw.message_links:
            links = {message: link for path, message, link in reversed(raw.message_links) if path == thread}
            left = set(links) - earlier if len(links) > 1 else set(links)
            if len(left) == 1:
                raw.post_id = left.pop()
                raw.url = raw.url or links[raw.post_id]
        if raw.post_id is not None:
            earlier.add(raw.post_id)


def _declared_opening(root, url: str, first: BlockPost, clock: ForumClock) -> bool:
    """Is ``first`` the opening post the page's JSON-LD ``DiscussionForumPosting`` describes (the same
    author by name or profile, the same time within a minute)? XenForo 2 and Invision declare their
    first post so while the posts are read from their blocks: then the first block names the starter."""
    opening = json_ld_opening_post(root, url, clock)
    if opening is None or opening.author is None or first.author is None:
        return False
    if opening.published_at is None or first.published_at is None:
        return False
    same_author = (opening.author.name and opening.author.name == first.author.name) or \
        (opening.author.url and opening.author.url == first.author.url)
    return bool(same_author) and abs((opening.published_at - first.published_at).total_seconds()) <= 60


def _missing_opening(root, url: str, raws: list[BlockPost], clock: ForumClock) -> BlockPost | None:
    """The JSON-LD opening post when the microdata items leave it out: it has an author and a time,
    earlier than every item's, and no item has the same author and time. Its time, when it has no
    offset, is read in ``clock``'s zone, as the items' are."""
    opening = json_ld_opening_post(root, url, clock)
    if opening is None or opening.author is None or opening.published_at is None or not opening.text:
        return None
    for raw in raws:
        if raw.published_at is None or raw.published_at <= opening.published_at:
            return None
    return opening


# Each route gives (posts, where); [] when it finds no more than ``beat`` posts (see _routes).
def _microdata(root, url, clock, beat: int):
    posts = microdata_posts(root, url, clock)
    return posts, f"{len(posts)} microdata post items"


def _json_ld(root, url, clock, beat: int):
    posts = json_ld_posts(root, url, clock)
    if len(posts) <= beat:
        return [], ""
    add_markup_quotes(root, url, clock, posts)  # the JSON's words leave its quotes out
    return posts, f"{len(posts)} JSON-LD posts"


def _blocks(root, url, clock, beat: int):
    groups = post_block_groups(root)
    if not groups or len(groups[0][1]) <= beat:
        return [], ""
    classes, blocks = groups[0]
    for other_classes, others in groups[1:]:
        if any(inside(a, b) or inside(b, a) for a in blocks[:3] for b in others):
            raise Refusal(f"sibling blocks .{classes.split()[0]} and .{other_classes.split()[0]}"
                          " nested inside each other")
    nested = sum(_holds_a_post_block_of_its_class(block, classes.split()[0]) for block in blocks)
    if nested:
        raise Refusal(f"{nested} of {len(blocks)} sibling blocks .{classes.split()[0]} hold another post block of"
                      " their class (a threaded list, or a block whose end tags were lost)")
    wrapped = wrapped_blocks(blocks)  # a post a theme wraps on its own reads as its siblings do
    where = f"{len(blocks)} sibling post blocks .{classes.split()[0]}"
    if wrapped:
        parent = blocks[0].getparent()
        unwrapped = sum(block.getparent() is parent for block in wrapped)
        if len(wrapped) > unwrapped:
            where += f" and {len(wrapped) - unwrapped} of their class in a wrapper of its own"
        if unwrapped:
            where += f" and {unwrapped} of the class they wrap standing among them unwrapped"
        blocks = sorted(blocks + wrapped, key=document_position)
    posts = read_sibling_blocks(blocks, url, clock)
    return posts, where


def _holds_a_post_block_of_its_class(block, first_class: str) -> bool:
    """Does ``block`` hold an element of its own class (its first) that names an author and a date
    and has words of its own, as a post's block, while the block has words of its own beside it?
    (A utility class, "clearfix", may class a post's header inside it too, the author and date
    without words, or the box of its message, with an edit note's editor and a date: the block
    then has no words beside it.)

    Why: a post block that lost its end tags holds the next posts' blocks, and read whole it was
    one post of their parts: an id of its own, another post's poster and a third one's words, the
    posts inside it said unread (fuzz ``delete_tags`` on MacTechNews' page). A threaded list, each
    reply's block inside the one it answers, is the same puzzle: whose words are whose, read from
    a block that holds others, would be a guess."""
    words = None
    for node in block.iterdescendants():
        classes = node.get("class") if isinstance(node.tag, str) else None
        if not classes or first_class not in classes.split() or not names_author_and_date(node):
            continue
        inner = own_words(node)
        if words is None:
            words = own_words(block)
        if inner >= MIN_POST_WORDS and words - inner >= MIN_POST_WORDS:
            return True
    return False


def _doubt(posts: list[BlockPost], url: str) -> str | None:
    """Why these posts are not to be trusted, or None."""
    no_author = sum(p.author is None for p in posts)
    if no_author:
        return f"{no_author} of {len(posts)} posts without an author"
    no_date = sum(p.published_at is None for p in posts)
    if no_date:
        return f"{no_date} of {len(posts)} posts without a readable date"
    empty = sum(not p.text.strip() and not p.quotes for p in posts)
    if empty * 2 > len(posts):
        return f"{empty} of {len(posts)} posts without words"
    links = sorted(p.link_share for p in posts)[len(posts) // 2]
    if links > MAX_LINK_SHARE:
        return "the posts' words are mostly link text (a list of links, not a discussion)"
    apart = _apart(posts, url)
    if len(posts) >= MIN_POSTS and apart * 4 >= len(posts) * 3:
        return (f"{apart} of {len(posts)} posts each link to a page no other post links to: posts of"
                " several threads (search results or a list of latest posts), not one thread")
    return None


def _apart(posts: list[BlockPost], url: str) -> int:
    """How many posts link (outside their words, see :func:`parsers.generic.blocks.pages_linked`)
    to a page of the site no other post links to: a thread's posts share their links' pages, the
    results of a search each link to their own thread."""
    pages = site_pages(posts, url)
    counts: dict[str, int] = {}
    for linked in pages:
        for page in linked:
            counts[page] = counts.get(page, 0) + 1
    return sum(any(counts[page] == 1 for page in linked) for linked in pages)


def site_pages(posts: list[BlockPost], url: str) -> list[set[str]]:
    """Each post's linked pages on the site's host: the page address's host when the posts link to
    it, else the host they link to most (a page kept or parsed at another address than its board's,
    "www." or not: its links still name the board, and its search results were read as one thread)."""
    hosts: dict[str, int] = {}
    for post in posts:
        for host, _ in post.elsewhere:
            hosts[host] = hosts.get(host, 0) + 1
    site = urlsplit(url).netloc
    if site not in hosts and hosts:
        site = max(hosts, key=lambda host: (hosts[host], host))
    return [{page for host, page in post.elsewhere if host == site} for post in posts]


def _result(root, url: str, raws: list[BlockPost], reason: str) -> PageResult:
    canonical = without_session(absolute(url, first(_CANONICAL(root))))
    thread_url = (canonical or url).split("#", 1)[0]
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical, reason=reason)
    next_link = first(_NEXT(root))
    result.next_page_url = absolute(url, next_link)
    page = _page_number(url)
    title = _title(root)
    result.thread = Thread(id=_thread_id(thread_url), title=title, url=thread_url, page=page,
                           page_count=max(page, 1), forum=_forum_path(root, title))
    _khoros_ids(raws, url, canonical)
    ids = [raw.post_id for raw in raws]
    repeated = {i for i in ids if i is not None and ids.count(i) > 1}
    if _running_index(ids, page):
        repeated = set(ids)
    derived = 0
    seen: dict[tuple, int] = {}  # (author, time) -> posts of them so far: a double post's occurrence
    for index, raw in enumerate(raws, start=1):
        post_id = raw.post_id
        if post_id is None and raw.opening and page == 1:
            # The opening post around its replies (a Question and its Answers) with no number of
            # its own: the thread's, stable across crawls (a hash of its words would not be).
            post_id = f"topic-{result.thread.id}"
        if post_id is None or post_id in repeated:
            who = (raw.author.name or raw.author.url) if raw.author else None
            seen[(who, raw.published_at)] = occurrence = seen.get((who, raw.published_at), 0) + 1
            post_id = derived_id(thread_url, raw.author, raw.published_at, raw.text, occurrence)
            derived += 1
        # Without the visit's session ("?sid=...", "?s=..."): the same post's address on every crawl.
        post = Post(post_id=post_id, url=without_session(raw.url), position=index, position_on_page=index,
                    author=raw.author or Author(name=None), published_at=raw.published_at, text=raw.text,
                    html=raw.html, quotes=raw.quotes, links=raw.links, images=raw.images)
        if raw.edit_note is not None:
            post.edited_by, post.edited_at = raw.edit_note.edited_by, raw.edit_note.edited_at
            result.errors.extend(raw.edit_note.errors(post_id))
        result.errors.extend(depth_errors(post_id, raw.quotes))
        result.errors.extend(raw.notes)
        if raw.author is None or not raw.author.name:
            result.errors.append(f"post {post_id}: no author name found")
        result.posts.append(post)
    say_unread_numbered_blocks(root, result)
    if derived:
        result.errors.append(f"{derived} of {len(raws)} posts without an id in the markup:"
                             " ids derived from the thread URL, author and time (first words where no time)")
    printed = sum(raw.printed_time for raw in raws)
    if printed:
        result.errors.append(unstated_zone_error(f"{printed} of {len(raws)} posts' times"))
    # The starter only from a post the page's structured data marks as the thread's first: the
    # first of a page's sibling blocks may be a later post (the first hidden or deleted, a
    # reversed order, a page opened at a post), and its poster is then not the starter.
    opener = raws[0].starts_thread and page == 1
    result.thread.starter = result.posts[0].author if opener else None
    result.thread.started_at = result.posts[0].published_at if opener else None
    return result


def _running_index(ids: list[str | None], page: int) -> bool:
    """The "ids" count the posts of the page (0, 1, 2, ... or, past the first page, 1, 2, 3, ...):
    a template's loop index, which page 2 repeats; not ids. A thread's own post numbers
    ("post_1" ... on its first page) are kept."""
    if len(ids) < 2 or not all(i is not None and i.isdigit() for i in ids):
        return False
    numbers = [int(i) for i in ids]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and (
        numbers[0] == 0 or (numbers[0] == 1 and page > 1))


def _page_number(url: str) -> int:
    match = _PAGE_NUMBER.search(url)
    return int(match.group(1)) if match and 0 < int(match.group(1)) < 100000 else 1


def _thread_id(thread_url: str) -> str:
    """The thread's number in its URL (the longest run of digits of its path), else a hash of the URL
    without its page: the archive keys threads by id, and the same thread must get the same one."""
    parts = urlsplit(replayed_original(thread_url))
    numbers = re.findall(r"\d{2,}", parts.path)
    if numbers:
        return max(reversed(numbers), key=len)  # the longest; of equals the last ("/2024-title.91732/")
    for name in ("t", "topic", "thread", "id", "tid", "topic_id", "thread_id", "threadid"):
        match = re.search(rf"(?:^|[?&;]){name}=(\d+)", parts.query)
        if match:
            return match.group(1)
    stable = _PAGE_NUMBER.sub("", thread_url)
    return "g" + hashlib.sha1(stable.encode("utf-8")).hexdigest()[:16]


def _forum_path(root, title: str | None) -> list[str]:
    """The forums above the thread, from the page's schema.org breadcrumbs (JSON-LD, then
    microdata), else from the element it classes as its breadcrumbs; the thread's own title, where
    a crumb repeats it (or the title starts with the last crumb), is not a forum. Why: a board no
    engine knows stored its threads with no forum path, silently (PistonHeads' ``div.breadcrumbs``,
    WoltLab's microdata ``BreadcrumbList``)."""
    names = [name for name in json_ld_crumbs(json_ld_texts(root)) or microdata_crumbs(root) or classed_crumbs(root)
             if name and name != title]
    if names and title and title.startswith(names[-1]):
        names.pop()  # the thread's own crumb, linked, under a title that goes on with the site's name
    return names


def _title(root) -> str | None:
    """The page's ``h1``, else ``og:title``, else ``<title>`` without the site's " | Forum | Site"
    trail (boards put the thread's title first; a " - " may be part of the title, so only "|" splits)."""
    for expression, is_title in _TITLE_SOURCES:
        values = expression(root)
        if values:
            value = values[0] if isinstance(values[0], str) else element_text(values[0])
            value = " ".join(value.split())
            if is_title and " | " in value:
                value = value.split(" | ", 1)[0].strip()
            if value:
                return value
    return None
