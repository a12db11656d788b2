"""One post read from its block of the page, for boards no engine parser knows.

Why a reader of its own: the generic parser knows no class names, so each part of a post is found
by what it is, not by what a template calls it:

- author: the first profile link (``parsers.forum_evidence.PROFILE_HREF``), else the first short
  element whose class says author/user/member/account (``AUTHOR_CLASS``); a microdata item gives
  its ``itemprop="author"`` instead;
- date: ``<time datetime>``, microdata/meta ``datePublished``/``dateCreated`` (``content`` or
  ``datetime``), then the printed text (or ``title``) of the first element whose class says
  date/time/posted, read by :class:`parsers.clock.ForumClock` against the capture time, in the
  zone the page states (:func:`parsers.generic.stated_zone`); when it states none, printed times and
  ISO values without an offset are taken as UTC, as :mod:`parsers.phpbb` and :mod:`parsers.smf` do;
- post id: see :func:`post_id_of`;
- body: the element that holds most of the block's words and neither its author nor its date,
  or, when the words are spread over several elements, the block without its author, date,
  signature and buttons (a short post's named body counts its words against the block's less the
  author's and the date's columns: :func:`_label_columns`); never a heading the template gives
  the post's subject in, nor a fieldset's legend;
- edit notice: found, read and kept out of the words by :mod:`parsers.generic.edit_notes`;
- addresses: the permalink, not a button's link to the post (report, edit, quote), and profile
  addresses without the visit's session;
- quotes: each top-level ``blockquote`` of the body (and a div whose class ends in "quote" or
  whose header line says "Originally Posted By: X"), kept out of the poster's own words; its
  author is the ``cite`` inside it, the "X wrote:" / "X schrieb:" / "Quote from: X" line just
  before or inside it, a header "X:" just before it, or a ``data-username``/``data-author`` (and
  the like: :data:`QUOTED_NAME_ATTRIBUTES`) on it (first) or its box (last).

Elements inside a blockquote never give the post's author, date or id (a quote shows another
member's name and time).
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import lru_cache

from lxml import etree

from ..budget import check_budget
from ..clock import ForumClock
from ..dates import parse_iso_keep_offset
from ..forum_evidence import names_profile, says_author, says_date
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import cached_search, inside, show_real_addresses, top_level, xpath
from ..models import Author, Link, Quote
from ..quote_depth import read_deeper
from ..reply_labels import follows_a_reply_label
from ..text_lengths import measure, tree_text_lengths
from ..urls import absolute, replayed_original, urlsplit, without_session
from .edit_notes import EditNote, find_edit_note
from .printed_dates import clock_readable
from .quote_parameters import quote_parameters

# Ids that name a post: letters and then the post's number ("post-123", "js-post-123",
# "Comment6702386", "p77", "msg5"), the whole id. A template's running index
# ("ctl00_Repeater_Comment_0") is not one (see also parsers.generic's running-index check).
# The one-letter prefixes ("p123", "c-5") only stand alone: as the last letter of a longer word
# ("user_17170", "topic_9", "group-3") they name a member, a thread or a widget, not a post.
# German boards' own words for a post and an answer ("beitrag_88", "antwort_423343") count too.
POST_ID = re.compile(r"^(?:[A-Za-z-]*?(?:post|comment|msg|message|reply|entry|answer|question|beitrag|antwort)|[pcr])"
                     r"[-_]?(\d+)$", re.I)
URL_POST_ID = re.compile(r"(?:#|[?&;](?:p|pid|post|postid|comment|commentid|reply|msg|answer)=)[A-Za-z_-]*?(\d{2,})", re.I)
# (memberId=: PistonHeads' profile.asp?h=0&memberId=564199)
AUTHOR_ID = re.compile(r"(?:[?&;](?:u|uid|user|userid|id|member|memberid|showuser)=|[./-])(\d+)(?:[-./][^/]*)?/?$", re.I)
# Parts of a post block that are not the poster's words.
NOT_WORDS = re.compile(r"(signature|sig\b|footer|vote|actions|controls|share|toolbar|buttons|report|reaction|like"
                       r"|avatar|profile|userinfo|user-info|postbit|rank|badge|editedby|lastedit)", re.I)
CITATION = re.compile(r"^\s*(?:quote from:?\s*|zitat von:?\s*|quote:?\s*|zitat:?\s*)?(?P<who>[^\n:]{1,60}?)"
                      r"\s+(?:wrote|writes|said|posted|schrieb|a écrit|escribió|ha scritto|skrev|napisał)\b.*$", re.I | re.S)
QUOTE_FROM = re.compile(r"^\s*(?:quote from|zitat von|originally posted by|quote originally posted by)[:\s]+"
                        r"(?P<who>[^\n]{1,60}?)(?:\s+(?:on|am|at)\s.*)?$", re.I | re.S)
MAX_NAME = 60
NAME_CLASS = re.compile(r"name", re.I)
# A blockquote that is the post's body, not a quote (vBulletin 4 wraps every message in
# blockquote.postcontent).
# "comText"/"postText" (XOOPS NewBB, e107): the words beside a div.comTitle subject line.
BODY_CLASS = re.compile(r"(content|message|postbody|post_body|post-body|restore|comtext|posttext|post_text|post-text)",
                        re.I)
# The patterns as remembered tests of a class value (see parsers.markup.cached_search).
_not_words = cached_search(NOT_WORDS)
_body_class = cached_search(BODY_CLASS)
_name_class = cached_search(NAME_CLASS)


@dataclass
class BlockPost:
    """What one block gives: the parts the generic parser turns into a :class:`parsers.models.Post`."""

    post_id: str | None
    url: str | None
    author: Author | None
    published_at: datetime | None
    text: str
    html: str
    quotes: list[Quote] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Link] = field(default_factory=list)
    link_share: float = 0.0  # the share of the poster's words that is link text
    # The time was read from printed text or an ISO value without an offset, and the page states no
    # zone (read as UTC).
    printed_time: bool = False
    opening: bool = False  # the thread's opening post, whose item holds the replies' items
    # The page's structured data says this is the thread's first post (a microdata item holding
    # its replies', a JSON-LD DiscussionForumPosting or Question beside its comments): only such a
    # post names the thread's starter. A first block on page 1 may be a later post.
    starts_thread: bool = False
    # The pages the block links to outside the poster's words, name and chrome, digits left out
    # (see :func:`pages_linked`): a thread's posts link to the same ones (permalink, reply, quote).
    elsewhere: frozenset = frozenset()
    # The Khoros message links of the block, (thread path, message id, absolute link): which is the
    # post's own is told by the page (its thread, the ids of the posts before it; see
    # :func:`parsers.generic._result`). Empty on other boards.
    message_links: tuple = ()
    # What the page's errors must say of this post (a part of it its markup shows but that was not
    # read: see :mod:`parsers.generic.markup_quotes`).
    notes: list[str] = field(default_factory=list)
    edit_note: EditNote | None = None  # the post's edit notice, read (see parsers.generic.edit_notes)


def read_block(block, url: str, clock: ForumClock, author=None, date=None, body=None) -> BlockPost:
    """The post in ``block``; ``author``, ``date`` and ``body`` are elements a microdata item
    names (``itemprop``), found by looking when not given."""
    return _read_block(block, url, clock, author, date, body)[0]


def read_sibling_blocks(blocks: list, url: str, clock: ForumClock) -> list[BlockPost]:
    """The posts of a page's sibling post blocks, each read by :func:`read_block`, except that a
    post whose words element (:func:`_body_element`, the largest) is not the one the page's posts
    hold their words in (:func:`_page_words_holder`) while it holds one such element beside it is
    read from that one. Why: a short post ("kein vpn.") beside a longer line the theme prints
    outside its words (a reply pointer "In reply to Name's post of May 29", a liked line) lost its
    words to that line, silently; one template prints every post, its words in one element."""
    read = []
    for block in blocks:
        check_budget()
        read.append(_read_block(block, url, clock))
    holder = _page_words_holder([(block, chosen) for block, (_, chosen, _, _) in zip(blocks, read)])
    lines = [_author_line(link) for _, _, _, link in read]
    name_line = _page_kind([line for line in lines if line is not None], _line_kind)
    misplaced = set()  # blocks whose author link stands in a line that names other members elsewhere
    if name_line is not None and any(line is not None and _line_kind(line) != name_line for line in lines):
        other_members = _other_members_lines(blocks, read)
        misplaced = {index for index, line in enumerate(lines) if line is not None
                     and _line_kind(line) != name_line and other_members.get(_line_kind(line), set()) - {index}}
    posts = []
    for index, (block, (post, chosen, labels, author_node)) in enumerate(zip(blocks, read)):
        own = _holder_beside(block, chosen, labels, holder) if holder is not None else None
        poster = (_poster_in_line(block, author_node, name_line, own if own is not None else chosen)
                  if index in misplaced else None)
        if poster is None:
            posts.append(post if own is None else read_block(block, url, clock, body=own))
        elif poster[0] is not None:
            posts.append(read_block(block, url, clock, author=poster[0], body=own))
        else:  # the posters' line holds no poster: none, never the other line's member
            posts.append(replace(read_block(block, url, clock, body=own), author=None))
    return _ids_not_counters(posts, blocks)


def _ids_not_counters(posts: list[BlockPost], blocks: list) -> list[BlockPost]:
    """The posts with the numbers their blocks' anchors give (``<a name="post-188">``), where the
    ids read are the blocks' places on the page (1, 2, 3, ...) and every block has such an anchor
    of its own, another number each. Why: a template that numbers its post blocks by their place
    (Forem's ``div#post_1``, ``div#post_2`` on every page, the post's own number in the anchor
    before it) gave page 2's posts page 1's ids, and the archive keeps one post per id."""
    places = [str(place) for place in range(1, len(posts) + 1)]
    if len(posts) < 2 or [post.post_id for post in posts] != places:
        return posts
    anchored = [_anchor_inside(block) for block in blocks]
    if None in anchored or len(set(anchored)) != len(anchored) or anchored == places:
        return posts
    return [replace(post, post_id=number) for post, number in zip(posts, anchored)]


# A named anchor that is a number alone (PistonHeads: ``<a name="41972911">`` in a block whose id is
# its place, ``div#message1``): read only where the blocks' own ids are their places.
_NUMBER_NAME = re.compile(r"^(\d{3,})$")


def _anchor_inside(block) -> str | None:
    """The number of the one named anchor in ``block`` that names a post (``<a name="post-188">``,
    or a number alone, ``<a name="41972911">``)."""
    numbers = {match.group(1) for anchor in block.iter("a")
               if (match := POST_ID.match(name := anchor.get("name") or "") or _NUMBER_NAME.match(name)) is not None}
    return numbers.pop() if len(numbers) == 1 else None


def _author_line(link):
    """The element around a block's author element when that is a link, else None."""
    return link.getparent() if link is not None and link.tag == "a" else None


def _page_kind(nodes: list, kind_of=None) -> tuple | None:
    """The kind (by default the tag and class) shared by two thirds or more of ``nodes`` (at least
    three), else None."""
    kinds: dict = {}
    for node in nodes:
        kind = kind_of(node) if kind_of is not None else (node.tag, node.get("class") or "")
        kinds[kind] = kinds.get(kind, 0) + 1
    kind, count = max(kinds.items(), key=lambda item: item[1], default=(None, 0))
    return kind if len(nodes) >= 3 and count * 3 >= len(nodes) * 2 else None


def _poster_in_line(block, link, name_line: tuple[str, str, int], words) -> tuple | None:
    """Where the page's posters stand in one kind of line (``name_line``, :func:`_line_kind`: the
    element around the profile link read as the author, in two thirds of the blocks) and this
    block's author ``link`` stands in another kind of line, one that names another member than the
    poster in some other block (the caller's test, :func:`_other_members_lines`), while the block
    holds lines of the posters' kind (its ``words`` element aside):
    ``(link,)`` with the one profile link those lines hold, or ``(None,)`` when they hold none or
    several. None when the rule does not apply (a block with no such line: a real page's posts
    are not all printed alike, and declining it lost right posts).

    Why: a guest's post (a bare name in "Posted DATE by NAME") under a theme's "In reply to NAME's
    post" line took that member as its poster, silently (fuzz, ``rename_classes`` on a MyBB page
    read by this fallback): one template prints every post, its poster in one place."""
    words = None if words is block else words  # a block read whole: no element of its own holds the words
    lines = [node for node in block.iter(name_line[0]) if _line_kind(node) == name_line and outside_quotes(node, block)
             and not inside(link, node) and (words is None or (
                 node is not words and not inside(node, words) and not inside(words, node)))]
    if not lines:
        return None
    found = [author for line in lines if (author := find_author(line)) is not None and author.tag == "a"]
    return (found[0] if len(found) == 1 else None,)


def _other_members_lines(blocks: list, read: list) -> dict:
    """The kinds of line (:func:`_line_kind`) that hold, in some block, a profile link that is
    not that block's author, each with the indexes of those blocks: lines that name other members
    ("In reply to NAME's post"), not the poster."""
    kinds: dict = {}
    for index, (block, (_, _, _, author_node)) in enumerate(zip(blocks, read)):
        for node in elements_outside_quotes(block):
            if node.tag == "a" and node is not author_node and node.getparent() is not None \
                    and names_profile(node.get("href") or ""):
                kinds.setdefault(_line_kind(node.getparent()), set()).add(index)
    return kinds


def _line_kind(node) -> tuple[str, str, int]:
    """An element's tag, its class, and how many siblings of that tag and class stand before it: a
    theme whose lines carry no class ("<div>" head, "<div>" reply line) tells them by their order."""
    tag, classes = node.tag, node.get("class") or ""
    before = sum(1 for sibling in node.itersiblings(preceding=True)
                 if sibling.tag == tag and (sibling.get("class") or "") == classes)
    return tag, classes, before


def _page_words_holder(chosen: list) -> tuple[str, str] | None:
    """The tag and class of the element that holds the words in two thirds or more of the blocks
    read from an element of their own (at least three), ``chosen`` being (block, its words element)
    pairs; None when no kind does. A block read whole (no element held most of its words) names no
    kind: it holds every element of its own, the page's words element too."""
    return _page_kind([node for block, node in chosen if node is not block])


def _holder_beside(block, chosen, labels: list, holder: tuple[str, str]):
    """The one element of ``block`` of the page's words kind (``holder``) outside quotes and holding
    no label, when ``block``'s words element is another element that does not hold it: the post's
    words in the page's own place. None otherwise (the block itself read as the words, or no such
    element, or several)."""
    if chosen is block or (chosen.tag, chosen.get("class") or "") == holder:
        return None
    tag, classes = holder
    found = [node for node in block.iter(tag) if (node.get("class") or "") == classes
             and outside_quotes(node, block) and not any(inside(label, node) for label in labels)]
    if len(found) != 1 or inside(found[0], chosen):
        return None
    return found[0]


def _read_block(block, url: str, clock: ForumClock, author=None, date=None, body=None) -> tuple:
    """:func:`read_block`'s post, with the element its words were read from, its labels and its author element."""
    outside = elements_outside_quotes(block)  # read once: every finder below looks outside quotes
    date_node = date if date is not None else find_date(block, outside)
    author_node = author if author is not None else find_author(block, outside, date_node)
    published_at = time_of(date_node, clock)
    unzoned = published_at is not None and not clock.zone_stated and not _printed_in_utc(date_node) and not any(
        _has_offset(value) for value in (date_node.get("datetime"), date_node.get("content")))
    labels = [n for n in (author_node, date_node) if n is not None]
    chosen = body if body is not None else _body_element(block, labels)
    note = find_edit_note(outside, chosen, labels, clock)
    # A name naming another member than the block does is another post's: no author (and the
    # generic parser then declines the page, see parsers.generic._doubt).
    clash = names_another_member(author_node, block)
    return BlockPost(
        post_id=post_id_of(block, url, outside),
        message_links=khoros_links(outside, url),
        url=permalink_of(block, url, outside),
        author=None if clash else with_member_id(author_of(author_node, url), author_node, block),
        published_at=published_at,
        printed_time=unzoned,
        elsewhere=pages_linked(block, outside, chosen, author_node, url),
        edit_note=note,
        **body_of(block, chosen, labels, url, [note.node] if note else []),
    ), chosen, labels, author_node


_DIGIT_RUN = re.compile(r"\d+")
_QUERY_KEY = re.compile(r"(?:^|[&;])([^=&;]+)=")
# Query parameters that name a topic: kept with their value (a thread's posts all name the same).
_TOPIC_PARAMETER = re.compile(r"(?:^|[&;])((?:t|tid|topic|topicid|showtopic|thread|threadid)=\d+)", re.I)
# Links to files and attachments (a post's attachment list may sit outside its words).
_FILE_LINK = re.compile(r"attach|\.(?:jpe?g|png|gif|webp|pdf|zip|rar|7z|txt|mp[34])$", re.I)


def pages_linked(block, outside: list, body, author_node, url: str) -> frozenset:
    """The pages the block links to, as (host, page) pairs, outside the poster's words, the author's name,
    profile links, attachments and the parts NOT_WORDS names (signature, footer buttons), each as
    its address with every run of digits left out and only the query's keys, but for a parameter
    naming the topic, kept whole ("/t5/Apple/Slug/m-p/#", "/index.php?p&showtopic&view&showtopic=12"):
    a thread's posts give the same ones (permalink, reply and quote buttons), a search result or a
    list of latest posts gives each post its own thread's address. Which host is the site's is
    decided over all the posts (:func:`parsers.generic.site_pages`)."""
    if body is block:
        return frozenset()
    skip = set()
    for node in (body, author_node):
        if node is not None:
            skip.update(node.iter("a"))
    found = set()
    in_chrome: dict = {}  # element -> whether it or an element around it below the block is chrome
    for node in outside:
        if node.tag != "a" or node in skip:
            continue
        href = (node.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")) or names_profile(href):
            continue
        parts = urlsplit(absolute(url, href) or "")
        if not parts.netloc or _FILE_LINK.search(parts.path):
            continue
        if _in_chrome(node, block, in_chrome):
            continue
        keys = "&".join(sorted(_QUERY_KEY.findall(parts.query)) + sorted(_TOPIC_PARAMETER.findall(parts.query)))
        found.add((parts.netloc, _DIGIT_RUN.sub("#", parts.path) + ("?" + keys if keys else "")))
    return frozenset(found)


def _in_chrome(node, block, known: dict) -> bool:
    """Whether ``node`` or one of its ancestors below ``block`` has a class NOT_WORDS names. ``known``
    keeps the answers of the elements climbed through: a block's links share their ancestors, whose
    classes are then read once."""
    climbed = []
    answer = False
    while node is not None and node is not block:
        seen = known.get(node)
        if seen is not None:
            answer = seen
            break
        climbed.append(node)
        if _not_words(node.get("class") or ""):
            answer = True
            break
        node = node.getparent()
    for element in climbed:
        known[element] = answer
    return answer


def outside_quotes(node, block) -> bool:
    """Is ``node`` outside every quote between it and ``block``?"""
    for ancestor in node.iterancestors():
        if ancestor is block:
            return True
        if ancestor.tag in ("blockquote", "div") and _is_quote(ancestor):
            return False
    return True


def elements_outside_quotes(block) -> list:
    """The elements of ``block`` (itself included) that :func:`outside_quotes` keeps, in document
    order: one walk that never enters a quote, instead of a climb to the block from every element
    each finder asks about (a post of a few thousand elements was read four times over)."""
    found = [block] if outside_quotes(block, block) else []
    # The quotes' insides first, from the block's divs and blockquotes alone (lxml's tag filter),
    # then every element but those, in one pass of lxml's own iteration: no Python step per
    # element to decide where to go (most posts hold no quote).
    in_quotes: set = set()
    for node in block.iterdescendants("div", "blockquote"):
        if node not in in_quotes and len(node) and _is_quote(node):
            in_quotes.update(node.iterdescendants())
    if not in_quotes:
        found.extend(block.iterdescendants(etree.Element))
    else:
        found.extend(node for node in block.iterdescendants(etree.Element) if node not in in_quotes)
    return found


def find_author(block, outside: list | None = None, date_node=None):
    """The block's author element: its first profile link, else its first short author-class element.

    Of the links to that first profile, the one with the longest words: boards put a letter avatar
    ("M", an image's alt) before the name link, to the same address. ``outside``: the block's
    :func:`elements_outside_quotes`, when the caller has them.

    One exception, given the post's date element: when every profile link comes after the date
    and an author-class element stands before it, that element is the author. Why: a board that
    prints its poster as a bare name ("span.author", no profile link) beside the date, in a post
    whose words mention another member by a profile link, or under a signature linking one, gave
    the post to that member, silently (the mention or the signer is never in the post's header)."""
    outside = elements_outside_quotes(block) if outside is None else outside
    first_href, chosen, chosen_name = None, None, ""
    for link in outside:
        if link.tag != "a":
            continue
        href = link.get("href") or ""
        if names_profile(href):
            name = " ".join(element_text(link).split())
            if not 0 < len(name) <= MAX_NAME or not is_name(name) or follows_a_reply_label(link):
                continue
            if first_href is None:
                first_href = href
            if href == first_href and len(name) > len(chosen_name):
                chosen, chosen_name = link, name
    # The profile link stands unless it comes after the date: only then are the author-class
    # elements read (their words, each a walk of the element, were read for every post before).
    at = None
    if chosen is not None:
        at = _place(date_node, block) if date_node is not None else None
        if at is None or (place := _place(chosen, block)) is None or place < at:
            return chosen
    labelled = []
    for node in outside:
        if says_author(node.get("class") or ""):
            name = " ".join(element_text(node).split())
            if 0 < len(name) <= MAX_NAME:
                labelled.append(node)
    if chosen is not None:
        holders = set(date_node.iterancestors())  # an element around the date holds more than a name
        labelled = [node for node in labelled if (place := _place(node, block)) is not None and place < at
                    and node not in holders and chosen not in node.iter("a")]
        if not labelled:
            return chosen
    # "username"/"AccountName" before "userinfo"/"usertitle": the element that holds the name alone.
    named = [node for node in labelled if _name_class(node.get("class") or "")]
    if not named and chosen is None:
        # A guest's name classed "name" alone inside the poster list ("ul.poster a.name", no
        # profile link), which also holds lines of its own ("li.poster_ip": "Logged"): the
        # innermost author-class element below would be such a line, not the name.
        named = [inner for node in labelled for inner in node.iterdescendants(etree.Element)
                 if _name_class(inner.get("class") or "")
                 and 0 < len(" ".join(element_text(inner).split())) <= MAX_NAME]
    # Else an element with no other author-class element inside it: "dt.author" rather than the
    # "td.userinfo" around it, which also holds the member's title and join date.
    innermost = [node for node in labelled if not any(other is not node and node in other.iterancestors()
                                                      for other in labelled)]
    return (named or innermost or labelled or [None])[0]


def _place(node, block) -> tuple[int, ...] | None:
    """Where ``node`` stands in ``block`` as the child numbers from the block down (tuples sort in
    document order, an element before the elements inside it); None for a node outside the block."""
    path = []
    while node is not block:
        parent = node.getparent()
        if parent is None:
            return None
        path.append(parent.index(node))
        node = parent
    return tuple(reversed(path))


# What a profile link says when it is a button, not the member's name: the Something Awful Forums
# print "Profile", "Message", "Post History" and a "?" ("show posts by this user") beside each post,
# all linking to addresses with the member's id, while the name itself stands in a dt.author.
LINK_LABELS = frozenset({"profile", "view profile", "message", "send message", "private message", "pm",
                         "post history", "posts", "find posts", "view posts", "homepage", "website"})


def is_name(text: str) -> bool:
    """Whether a profile link's words can be a member's name: a letter or digit in them, and not a
    button's label (:data:`LINK_LABELS`)."""
    return any(ch.isalnum() for ch in text) and text.lower() not in LINK_LABELS


def find_date(block, outside: list | None = None):
    """The block's date element: ``<time>``, a ``datePublished``/``dateCreated`` property, else the
    first element whose class says date/time/posted and that holds a digit (outside quotes, all)."""
    outside = elements_outside_quotes(block) if outside is None else outside
    for node in outside:
        if node.tag == "time":
            return node
    for node in outside:
        if node.get("itemprop") in ("datePublished", "dateCreated"):
            return node
    for node in outside:
        if says_date(node.get("class") or "") and re.search(r"\d", element_text(node) + (node.get("title") or "")):
            return node
    return None


def author_of(node, url: str) -> Author | None:
    """The author an element names: a link (name and profile URL), a microdata Person (its
    ``name`` and ``url`` properties) or plain text; None for none or an empty one."""
    if node is None:
        return None
    named = [n for n in node.iter() if isinstance(n.tag, str) and n.get("itemprop") == "name"]
    name_node = named[0] if named else node
    name = " ".join((name_node.get("content") or element_text(name_node)).split())[:200] or None
    link = node if node.tag == "a" else next((a for a in node.iter("a") if a.get("href")), None)
    if link is None:
        # A microdata author inside its profile link: <a href="/user/17"><span itemprop="author">.
        link = next((a for a in node.iterancestors("a") if names_profile(a.get("href") or "")), None)
    profile = absolute(url, link.get("href")) if link is not None else None
    profile = profile or absolute(url, next((n.get("href") or n.get("content") for n in node.iter()
                                             if isinstance(n.tag, str) and n.get("itemprop") == "url"), None))
    if not name and not profile:
        return None
    profile = without_session(profile)  # "memberlist.php?mode=viewprofile&u=5&sid=...": the same member on every visit
    match = AUTHOR_ID.search(profile or "")
    return Author(name=name, id=match.group(1) if match else None, url=profile)


# The attributes in which boards name a member's number on the poster's link or the post's block
# (WoltLab's ``<article ... data-user-id="651842" itemtype=".../DiscussionForumPosting">``, XenForo's
# and Vanilla's ``<a class="username" data-user-id="7">``); 0 is a guest's.
_MEMBER_ID_ATTRIBUTES = ("data-user-id", "data-userid", "data-member-id", "data-author-id")


def with_member_id(author: Author | None, author_node, block) -> Author | None:
    """``author`` with the member number the page gives in an attribute where its profile link
    carries none: on the author's element (or its link), else on the post's block itself, never
    on an element inside the post (a quote names the member it quotes so).

    Why: a WoltLab board's posts, read from their schema.org microdata, name each poster's profile
    by a slug ("/user/651842-name/" reads, "/mitglieder/name/" does not) and their number only in
    the block's ``data-user-id``: every poster had no id, and two members of one name were one."""
    if author is None or author.id is not None or not author.name:
        return author
    link = None if author_node is None or author_node.tag == "a" else next(author_node.iter("a"), None)
    for node in (author_node, link, block):
        value = _member_id(node) if node is not None else None
        if value is not None:
            return replace(author, id=value)
    return author


def names_another_member(author_node, block) -> bool:
    """Do the author's element (or its link) and the post's block both give a member number
    (:data:`_MEMBER_ID_ATTRIBUTES`), and different ones?

    Why: a block that names its poster's number (a WoltLab post's ``data-user-id``) and holds a
    name naming another member holds another post's name: a torn page (garbage over a post's end
    and the next post's start) left the next post's author box in it, and the post was given that
    member, silently (fuzz seed 1239)."""
    if author_node is None:
        return False
    link = author_node if author_node.tag == "a" else next(author_node.iter("a"), None)
    named = next((value for node in (author_node, link) if node is not None
                  for value in (_member_id(node),) if value is not None), None)
    own = _member_id(block)
    return named is not None and own is not None and named != own


def _member_id(node) -> str | None:
    """The member number an element gives in one of :data:`_MEMBER_ID_ATTRIBUTES`, or None."""
    for attribute in _MEMBER_ID_ATTRIBUTES:
        value = (node.get(attribute) or "").strip()
        if value.isdigit() and value.isascii() and int(value) > 0:
            return value
    return None


# Compiled once (time_of runs for every post): what a printed time holds.
_A_DIGIT = re.compile(r"\d")
_RELATIVE_DAY = re.compile(r"(?i)today|yesterday|ago|heute|gestern")


def time_of(node, clock: ForumClock) -> datetime | None:
    """The UTC time a date element states: machine-readable first, then its printed text."""
    if node is None:
        return None
    for value in (node.get("datetime"), node.get("content")):
        # A value without an offset is the board's wall clock ("2024-11-29T09:03", as vBulletin 4's
        # microdata writes it): read in the zone the page states, UTC when it states none.
        parsed = parse_iso_keep_offset(value, clock.zone)
        if parsed is not None:
            return parsed.astimezone(timezone.utc)
    for value in _printed_values(node):
        if value and (_A_DIGIT.search(value) or _RELATIVE_DAY.search(value)):
            if _NAMES_UTC.search(value):
                wall = clock.local(clock_readable(value, clock))
                if wall is not None:
                    return wall.replace(tzinfo=timezone.utc)
            parsed = clock.read(clock_readable(value, clock))
            if parsed is not None:
                return parsed
    return None


# A printed time that says it is UTC ("2010-01-27 15:34 UTC", "5 Jan 2011, 10:15 am (GMT)", words after
# it too: "2022-03-05 08:40 UTC (in reply to #2)"): static copies of boards (opendcl/forum-archive's
# SMF export, sjzhu/gtg-forum-backup) print every post's time so. Read in UTC whatever zone the
# page's footer states, and no time read for want of a zone. An offset after it ("UTC+2", "GMT -5
# Hours") is not this: the clock reads such a text as it always did.
_NAMES_UTC = re.compile(r"\d(?:\s*[ap]\.?\s?m\.?)?\s*\(?(?:UTC|GMT)\)?(?!\w|\s*[+\-\u2212]\s*\d)", re.I)


def _printed_values(node) -> tuple:
    """The texts a date element prints its time in: its text, then its title. Text nodes joined with
    spaces: "<span>28.09.19</span><span>12:44</span>" is two parts, not "28.09.1912:44"."""
    return " ".join(" ".join(node.itertext()).split()), node.get("title")


def _printed_in_utc(node) -> bool:
    """Does the date element print its time as UTC itself (:data:`_NAMES_UTC`)?"""
    return node is not None and any(value and _NAMES_UTC.search(value) for value in _printed_values(node))


def _has_offset(value: str | None) -> bool:
    """An ISO 8601 value that names its offset ("...Z", "...+01:00"); False for a naive one or none."""
    parsed = parse_iso_keep_offset(value, None)
    return parsed is not None and parsed.tzinfo is not None


def post_id_of(block, url: str, outside: list | None = None) -> str | None:
    """The post's id as the markup gives it, or None (the caller then derives one).

    In this order: the block's own id when it is a bare number (``<div id="91744077" class="post">``)
    or its ``data-post``/``data-post-id``/``data-pid``; an id attribute of the block or of an element
    in it (outside quotes) that names a post ("post-123", "Comment6702386"); the ``#fragment`` or
    ``p=``/``comment=`` parameter of a link in the block that points at this page. The number is kept.
    An ``<a name="PostN">`` just before the block (:func:`anchor_before`) comes before the links.
    """
    own = block.get("id") or ""
    if own.isdigit() and len(own) >= 2:  # the post block itself is numbered: <div id="91744077" class="post">
        return own
    for name in ("data-post", "data-post-id", "data-pid"):
        if (block.get(name) or "").isdigit():
            return block.get(name)
    outside = elements_outside_quotes(block) if outside is None else outside
    for node in outside:
        if node.get("id"):
            match = POST_ID.match(node.get("id"))
            if match:
                return match.group(1)
    here = urlsplit(url).path
    anchored = anchor_before(block)  # before links: a reply's first link may be to the post it answers
    if anchored:
        # ... where it names a post the block links to, or the block links to none: an anchor that
        # names none of them was moved there (a table left open, a browser sets the next post's
        # anchor before it, and every anchor after it stands one post late). Then a link to a post
        # on this page gives the number, or none does (the id is derived, never another post's).
        named = [match.group(1) for node in outside if (href := node.get("href"))
                 and (match := URL_POST_ID.search(href))]
        if not named or anchored in named:
            return anchored
        return _first_post_here(outside, url, here)
    if KHOROS_MESSAGE.search(here):
        # A Khoros thread: its links' "#M<n>" is a board-wide counter, not the message id; the id
        # is read from the message links by the page (parsers.generic._result).
        return None
    return _first_post_here(outside, url, here)


def _first_post_here(outside: list, url: str, here: str) -> str | None:
    """The post number of the block's first link to a post on this page (a ``#fragment``, or this
    page's path with a post parameter)."""
    for node in outside:
        href = node.get("href")
        # The number first: joining the address is the dearer test, and most links name no post.
        match = URL_POST_ID.search(href) if href else None
        if match and (href.startswith("#") or urlsplit(absolute(url, href) or "").path == here):
            return match.group(1)
    return None


def khoros_links(outside: list, url: str) -> tuple:
    """The block's links to Khoros (Lithium) messages, ``/t5/<board>/<slug>/m-p/<id>#M<n>`` (a
    thread's first message ``/td-p/<id>``): (the thread's path, the message id, the link), in
    page order. A post's subject links to its own message, a reply's "In response to" to the one
    it answers."""
    found = []
    for node in outside:
        href = node.get("href")
        if not href or "-p/" not in href:
            continue
        link = absolute(url, href)
        match = KHOROS_MESSAGE.search(urlsplit(link or "").path)
        if match:
            found.append((match.group("thread"), match.group("id"), link))
    return tuple(found)


# A Khoros message path: the thread (/t5/<board>/<slug>, maybe under a folder) and the message id
# after its view ("m-p" a message, "td-p" a thread's first, "ba-p"/"ta-p"/"qaq-p"... other boards').
KHOROS_MESSAGE = re.compile(r"(?P<thread>/t5/[^/]+/[^/]+)/[a-z]{1,4}-p/(?P<id>\d+)(?:/|$)")


def anchor_before(block) -> str | None:
    """The post number of an ``<a name="Post18850">`` standing just before the block: UBB.threads 7
    and vBulletin 2-era templates put the post's anchor there, outside the post's table; an empty
    ``<span id="antwort_423343" class="anker">`` too (paradisi.de, before each answer's item, whose
    ids were derived)."""
    previous = block.getprevious()
    if previous is None or previous.tag not in ("a", "span") or len(previous) or (previous.text or "").strip():
        return None
    match = POST_ID.match(previous.get("name") or previous.get("id") or "")
    return match.group(1) if match else None


def permalink_of(block, url: str, outside: list | None = None) -> str | None:
    """The link in the block that points at this post (a fragment or post parameter), absolute.

    Of links to different posts, the one whose number the block's own anchor or ids carry: a
    reply's subject line may link first to the post it answers (UBB.threads 7's "[Re: X]"), and
    that is another post's address."""
    links = []  # (href, post number)
    for node in elements_outside_quotes(block) if outside is None else outside:
        href = node.get("href")
        match = URL_POST_ID.search(href) if href else None
        if match:
            links.append((href, match.group(1)))
    if not links:
        return None
    # A button's address names the post too ("?do=reportComment&comment=301", Invision's report
    # link before its permalink): the post's address is a link that does nothing to it.
    links = [link for link in links if not ACTION_LINK.search(link[0])] or links
    if any(number != links[0][1] for _, number in links):
        own = {anchor_before(block)} | {digits for value in _IDS(block) for digits in _DIGITS.findall(value)}
        for href, number in links:
            if number in own:
                return absolute(url, href)
    return absolute(url, links[0][0])


# A link that acts on the post (report, edit, delete, quote, reply): Invision's "do=reportComment",
# phpBB's "mode=edit"/"mode=quote", vBulletin's "do=newreply".
ACTION_LINK = re.compile(r"[?&;](?:do|action|mode)=(?:report|edit|delete|quote|reply|newreply)", re.I)
_IDS = xpath(".//@id")  # the block's id attributes, its own included
_DIGITS = re.compile(r"\d{2,}")


def derived_id(thread_url: str, author: Author | None, published_at: datetime | None, text: str,
               occurrence: int = 1) -> str:
    """A post id for a board whose markup gives none: a hash of the thread URL (without page or
    fragment), the author, the time and, for a second post of the same author and time on the page
    (a double post), its ``occurrence``. The same post gives the same id on every crawl and on every
    page it shows on (a position would shift when a post before it is deleted); "g" marks it as
    derived. Its words count only for a post without a time.

    Why not the words always: an edited post then came back under a new id on the next crawl, and
    the archive held it twice, the old words as another post."""
    base = replayed_original(thread_url).split("#", 1)[0]
    who = author.name or author.url or "" if author else ""
    what = (published_at.isoformat() + (f"\x1f{occurrence}" if occurrence > 1 else "") if published_at
            else "\x1f" + " ".join(text.split())[:200])
    key = "\x1f".join((base, who, what))
    return "g" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# --- Body and quotes -------------------------------------------------------------------------


def body_of(block, body, labels: list, url: str, notices: list = ()) -> dict:
    """The poster's words, markup, quotes, links and images, from ``body`` or the block itself,
    without ``notices`` (the post's edit notice, read apart)."""
    chosen = body if body is not None else _body_element(block, labels)
    node = copy.deepcopy(chosen)
    if chosen is block:
        _drop_labels(node, block, labels + list(notices))
    elif notices:
        _drop_labels(node, chosen, list(notices))
    show_real_addresses(node, url)
    # A fieldset's legend is the template's label (vBulletin 4's attachment box "Miniaturansichten
    # angehängter Grafiken"), no poster's words.
    for junk in [n for n in node.iter("script", "style", "noscript", "form", "button", "legend")]:
        drop_node(junk)
    for junk in [n for n in node.iter() if isinstance(n.tag, str) and n.tag != "blockquote"
                 and _not_words(n.get("class") or "")] + _subject_lines(node):
        if junk.getparent() is not None:
            drop_node(junk)
    found = quote_blocks(node)  # read once: reading the quotes and the markup leave the copy as it is
    quotes = [quote_of(q, 1) for q in found]
    html = sanitise(inner_html(node))
    for quote in found:
        _drop_citation_before(quote)
        _drop_label_before(quote)
        drop_node(quote)
    text = element_text(node)
    link_text, links = 0, []
    for a in node.iter("a"):  # each link's words read once, for the share and the link
        words = " ".join(element_text(a).split())
        link_text += len(words)
        href = a.get("href")
        if (href or "").startswith(("http://", "https://")):
            links.append(Link(href, words or None))
    images = [Link(i.get("src"), i.get("alt")) for i in node.iter("img") if (i.get("src") or "").startswith("http")]
    share = link_text / len(text) if text else 1.0
    return {"text": text, "html": html, "quotes": quotes, "links": links, "images": images, "link_share": share}


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SUBJECT_CLASS = re.compile(r"(title|subject)", re.I)


def _subject_lines(node) -> list:
    """The heading the template gives the post's subject in (vBulletin 4's ``h2.title`` "AW: <topic>"),
    when it comes before every word of ``node`` (a copy of the body, a tree of its own): the
    board's line, not the poster's. A titled heading after words is the poster's (a link card's
    ``h3.contentRow-header`` in XenForo's unfurl, whose link it holds)."""
    for heading in node.iter(*_HEADINGS):
        if SUBJECT_CLASS.search(heading.get("class") or "") and not any(
                text.strip() for text in _TEXT_BEFORE(heading)):
            return [heading]
    return []


_TEXT_BEFORE = xpath("preceding::text()")


def _body_element(block, labels: list):
    """The element holding the post's words: the largest element a body class names ("content",
    "message", "postbody") that holds at least 30% of the block's words, else the largest element
    with no label inside it that holds most of them, else the block itself (labels are then
    dropped from a copy).

    Each element's text length is looked up in the lengths measured once for the page
    (:mod:`parsers.text_lengths`), less the chrome inside it; the block's elements are read in one
    pass (its chrome and the candidates with their classes), where a copy of the block's lengths
    and three walks (chrome, candidates, each reading every class) cost a tenth of a post's reading."""
    lengths = tree_text_lengths(block)
    if block not in lengths:  # not in the tree whose lengths are kept: measured on its own
        lengths = measure(block)
    around_labels: set = set()  # the labels' ancestors below the block (the loop reads no others)
    for label in labels:
        for ancestor in label.iterancestors():
            if ancestor is block:
                break
            around_labels.add(ancestor)
    in_labels = {n for label in labels for n in label.iter()}
    # Words body_of drops anyway (a signature, the post's footer, vote buttons: NOT_WORDS) count for
    # no element: a short reply above a long signature (inSided's div.post__footer > div.signature)
    # is still the post's words, not the whole block with its profile column.
    chrome: list = []  # the outermost elements NOT_WORDS names, none holding or inside a label
    in_chrome: set = set()
    candidates: list = []  # (element, classes) that may hold the words
    for node in block.iterdescendants(etree.Element):
        if node in in_chrome:
            continue
        classes = node.get("class") or ""
        near = node in around_labels or node in in_labels
        if _not_words(classes):
            if not near:
                chrome.append(node)
                in_chrome.update(node.iter())
            continue
        if not near and node.tag not in ("blockquote", "a", "script", "style"):
            candidates.append((node, classes))
    less: dict = {}  # element -> its length less the chrome inside it, where it holds chrome
    for found in chrome:
        length = lengths.get(found, 0)
        for ancestor in found.iterancestors():
            less[ancestor] = less.get(ancestor, lengths.get(ancestor, 0)) - length
            if ancestor is block:
                break

    def length_of(node) -> int:
        """The node's length less its chrome; 0 outside the block (as a copy of the block's lengths gave)."""
        if node in less:
            return less[node]
        return lengths.get(node, 0) if node is block or inside(node, block) else 0

    total = length_of(block) - sum(length_of(n) for n in labels)
    best, best_length = None, 0
    named, named_length = None, 0  # the largest element a body class names ("content", "message")
    for node, classes in candidates:
        length = less.get(node)
        if length is None:
            length = lengths.get(node, 0)
        if length > best_length:
            best, best_length = node, length
        if length > named_length and _body_class(classes):
            named, named_length = node, length
    # A named body holding a good part of the words beats the profile column around it (rank, joined).
    if named is not None and named_length * 10 >= total * 3:
        return named
    # A short post ("Thanks") beside a long profile column: the words of the columns around the
    # author and the date (Invision 4's aside.ipsComment_author "Newbie Members 5 posts", its
    # div.ipsComment_meta "Report post Posted") are not the post's; of the rest, the named body
    # holds a good part. Before, the block was the body, and the post's words began with its
    # author's rank.
    if named is not None:
        columns = _label_columns(block, labels, named)
        beside = sum(length_of(column) for column in columns) - sum(  # the labels: out of total already
            length_of(label) for label in labels if any(label is c or inside(label, c) for c in columns))
        if named_length * 10 >= (total - beside) * 3:
            return named
    if best is not None and best_length * 10 >= total * 6:
        return best
    return block


def _label_columns(block, labels: list, body) -> list:
    """The outermost element around each label, below ``block``, that holds neither ``body`` nor
    another label (the label itself when its parent holds one); the author's other links to the
    same profile (an avatar, a second name for phones) count as the author's label, each with its
    own column (Invision 4 shows the name in two panes). Each column once, none inside another."""
    starts = list(labels)
    for label in labels:
        href = label.get("href") if label.tag == "a" else None
        if href:
            starts += [a for a in block.iter("a") if a is not label and a.get("href") == href]
    columns: list = []
    for start in starts:
        others = [other for other in labels if other is not start]
        column = start
        for ancestor in start.iterancestors():
            if ancestor is block or inside(body, ancestor) or any(inside(other, ancestor) for other in others):
                break
            column = ancestor
        if not any(column is seen or inside(column, seen) for seen in columns):
            columns = [seen for seen in columns if not inside(seen, column)] + [column]
    return columns


def _drop_labels(node, block, labels: list) -> None:
    """Drop from ``node`` (a copy of ``block``) the copies of ``labels``."""
    originals = list(block.iter())
    copies = list(node.iter())
    if len(originals) != len(copies):
        return
    for original, twin in zip(originals, copies):
        if any(original is label for label in labels) and twin.getparent() is not None:
            drop_node(twin)


def quote_of(node, depth: int) -> Quote:
    """A blockquote: its citation and author, its own words, the quotes nested in it.

    A quote box that only wraps one quote (XOOPS: ``div.xoopsQuote > blockquote``) is that quote,
    not an empty quote around a nested one."""
    node = _unwrapped(node)
    citation_node = next((c for c in node.iter("cite")), None)
    citation = " ".join(element_text(citation_node).split()) if citation_node is not None else None
    if citation is None:
        citation = _citation_before(node)
    inner = copy.deepcopy(node)
    for cite in list(inner.iter("cite")):
        drop_node(cite)
    inner_quotes = quote_blocks(inner) if read_deeper(depth) else []  # read once: quote_of leaves ``inner`` as it is
    nested = [quote_of(q, depth + 1) for q in inner_quotes]
    for quote in inner_quotes:
        drop_node(quote)
    text = element_text(inner)
    if citation is None:
        first, _, rest = text.partition("\n")
        if CITATION.match(first) or QUOTE_FROM.match(first):
            citation, text = first.strip(), rest.strip()
    if not text and len(nested) == 1 and nested[0].citation is None and nested[0].author is None:
        # A style's box around the quote's words (bogleheads' phpBB extension: blockquote > div >
        # cite + div.imcger-quote), no quote of its own: its words are this quote's.
        text, nested = nested[0].text, nested[0].quotes
    # SMF's quote tag printed as its parameters ("author=X link=topic=T.msgM#msgM date=E wrote:"):
    # read before the "X wrote:" pattern, which would take the whole run of parameters for the name.
    smf = quote_parameters(citation)
    cited = smf.author if smf else _cited_author(citation)
    author = _named_by_attribute(node) or cited or _named_by_attribute(node.getparent())
    if smf is None:
        return Quote(author=author, citation=citation, text=text, quotes=nested)
    return Quote(author=author, post_id=smf.post_id, thread_id=smf.thread_id, published_at=smf.published_at,
                 citation=citation, text=text, quotes=nested)


# Attributes in which a quote box names the quoted member: Discourse's aside.quote[data-username],
# XenForo 2's blockquote[data-quote], Invision 4's blockquote[data-ipsquote-username].
QUOTED_NAME_ATTRIBUTES = ("data-username", "data-author", "data-quote", "data-ipsquote-username")


def _named_by_attribute(holder) -> str | None:
    """The quoted member a quote box (or the box around it) names in an attribute.

    The quote's own attribute comes before its citation line: the line is read by a pattern, and
    "14 hours ago, cork1958 said:" (Invision) gave "14 hours ago, cork1958"; the box around it only
    after the line (Discourse's ``aside.quote[data-username] > div.title + blockquote`` prints
    "name:", no "wrote")."""
    if holder is None:
        return None
    for name in QUOTED_NAME_ATTRIBUTES:
        value = " ".join((holder.get(name) or "").split())
        if value and len(value) <= MAX_NAME:
            return value
    return None


def _unwrapped(node):
    """``node``'s only child when that child is a quote and ``node`` has no words of its own."""
    while len(node) == 1 and isinstance(node[0].tag, str) and _is_quote(node[0]) \
            and not (node.text or "").strip() and not (node[0].tail or "").strip():
        node = node[0]
    return node


def quote_blocks(element) -> list:
    """The quotes of ``element``: its blockquotes that no other quote inside it holds, leaving out
    a blockquote that is the post's body (``BODY_CLASS``), whose quotes are looked for inside it."""
    return top_level(element, _is_quote)


# A quote some boards write as a div: a class word that is "quote" or ends in it ("forumQuote",
# "bbcode_quote", "post-quote"), its citation line ("alice said:") a sibling just before it.
QUOTE_DIV = re.compile(r"^[a-z_-]*quote$", re.I)


def _is_quote(node) -> bool:
    tag = node.tag
    if tag == "div":
        classes = node.get("class") or ""
        return (_quote_div_class(classes) if len(classes) <= 300 else _is_quote_div_class(classes)) \
            or _headed_quote(node)
    return tag == "blockquote" and not _body_class(node.get("class") or "")


# The header of a quote box whose class does not say "quote" (UBB.threads 7's div.ubbcode-block >
# div.ubbcode-header, which also heads code boxes: "Code:").
HEADER_CLASS = re.compile(r"(head|title|cite)", re.I)
_header_class = cached_search(HEADER_CLASS)


def _headed_quote(node) -> bool:
    """A div whose first child is a header line "Originally Posted By: X" / "Quote from X" / "Zitat
    von X" (:data:`QUOTE_FROM`) followed by the quoted words: UBB.threads 7 writes its quotes so
    (``div.ubbcode-block``), and without this the quoted member's words were read as the poster's.
    Only a header-class child (head/title/cite) counts: a post's own first line "I wrote ..." is not
    a citation."""
    if len(node) < 2:
        return False
    first = node[0]
    classes = first.get("class") if isinstance(first.tag, str) else None
    if not classes or not _header_class(classes):
        return False
    line = " ".join("".join(first.itertext()).split())
    return 0 < len(line) <= 120 and QUOTE_FROM.match(line) is not None


def _is_quote_div_class(classes: str) -> bool:
    """A div of these classes is a quote (see :func:`_is_quote`)."""
    return any(QUOTE_DIV.match(word) for word in classes.split()) and not _body_class(classes)


# Remembered per class value, as parsers.markup.cached_search (short values only: bounded memory).
_quote_div_class = lru_cache(maxsize=8192)(_is_quote_div_class)


def _citation_before(node) -> str | None:
    """The "X wrote:" line printed just before a blockquote (its previous sibling or the text before it)."""
    previous = node.getprevious()
    text = element_text(previous) if previous is not None else (node.getparent().text or "" if node.getparent() is not None else "")
    if previous is not None and previous.tail and previous.tail.strip():
        text = previous.tail
    line = " ".join(text.split())
    if line and len(line) <= 120 and (CITATION.match(line) or QUOTE_FROM.match(line)):
        return line
    return line if _is_name_header(previous, text) else None


def _drop_citation_before(node) -> None:
    previous = node.getprevious()
    if previous is not None and not (previous.tail or "").strip():
        line = " ".join(element_text(previous).split())
        if line and len(line) <= 120 and (CITATION.match(line) or QUOTE_FROM.match(line)) \
                or _is_name_header(previous, line):
            drop_node(previous)


# "amondale:": the quoted member's name and a colon, alone in a quote box's header.
NAME_LINE = re.compile(r"^\s*(?P<who>[^\n:]{1,60}?)\s*:\s*$")


def _is_name_header(previous, text: str) -> bool:
    """Is ``previous`` (the element before a blockquote) a header that names the quoted member, as
    Discourse's ``aside.quote > div.title`` "amondale:" does? A header-class element
    (:data:`HEADER_CLASS`) holding only a name and a colon: a paragraph of the poster's own ending
    in a colon is no header."""
    return (previous is not None and _header_class(previous.get("class") or "")
            and NAME_LINE.match(" ".join(text.split())) is not None)


# A bare label a board prints before a quote box ("Quote:" of XOOPS's text sanitizer, _QUOTEC).
QUOTE_LABEL = re.compile(r"(?:^|\s)(?:quote|zitat|citation|cita|citazione|citaat|cytat)\s*:\s*$", re.I)


def _drop_label_before(node) -> None:
    """Cut a bare "Quote:" label from the text just before a quote: it is the board's, not the poster's."""
    previous = node.getprevious()
    parent = node.getparent()
    if previous is not None:
        if previous.tail and QUOTE_LABEL.search(previous.tail):
            previous.tail = QUOTE_LABEL.sub("", previous.tail)
    elif parent is not None and parent.text and QUOTE_LABEL.search(parent.text):
        parent.text = QUOTE_LABEL.sub("", parent.text)


def _cited_author(citation: str | None) -> str | None:
    if not citation:
        return None
    for pattern in (QUOTE_FROM, CITATION, NAME_LINE):
        match = pattern.match(citation)
        if match:
            return match.group("who").strip(" \"'“”") or None
    return None
