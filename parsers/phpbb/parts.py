"""What one pass over a phpBB page finds (:class:`PageParts`, the zone its footer names included), and one pass over each post (:class:`PostParts`)."""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import chain
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..clock import UTC, a_zone_has
from ..markup import inside
from ..markup import xpath as _X
from ..values import to_int as _int
from ..values import words as _words
from .common import POST_ID, START, words_of
from .themes import names_two_members, themed_blocks, themed_body


_PER_PAGE_JS = re.compile(r"\bper_page\s*=\s*'(\d+)'")
_JUMP_LINKS = _X("//a[starts-with(normalize-space(@onclick), 'jumpto(')]")
# subsilver2's overall_header.html: ``<p class="breadcrumbs"><a href="{U_INDEX}">{L_INDEX}</a> &#187;
# <a href="{navlinks.U_VIEW_FORUM}">…</a></p>``, no ``li.breadcrumbs``: asked only of a page without one.
_SUBSILVER_CRUMBS = _X("//p[contains(concat(' ', normalize-space(@class), ' '), ' breadcrumbs ')]")
# The Arabic pack (timezones UTC_OFFSET 'التوقيت العالمي%1$s') prints "UTC" as "التوقيت العالمي":
# without it an Arabic footer named no zone, and every time was read as UTC (hours off, with an error).
_UTC_WORDS = ("UTC", "GMT", "التوقيت العالمي")
_FOOTER_OFFSET = re.compile(
    rf"(?:{'|'.join(_UTC_WORDS)})\s*(?:(?P<sign>[+\-\u2212])\s*(?P<hours>\d{{1,2}})(?:[:.](?P<minutes>\d{{2}}))?)?")
# phpBB's language packs translate the zone the footer names ("Europa/Berlin" on German boards):
# the region word is turned back into IANA's. A city the pack renames too ("Europa/Wien") stays
# unknown, and the footer's offset is read instead.
_REGIONS = {
    "europa": "Europe", "amerika": "America", "américa": "America", "amérique": "America",
    "afrika": "Africa", "áfrica": "Africa", "afrique": "Africa", "asien": "Asia", "ásia": "Asia", "asie": "Asia",
    "azië": "Asia", "australien": "Australia", "austrália": "Australia", "australie": "Australia",
    "australië": "Australia", "pazifik": "Pacific", "pacífico": "Pacific", "pacifico": "Pacific",
    "pacifique": "Pacific", "atlantik": "Atlantic", "atlántico": "Atlantic", "atlântico": "Atlantic",
    "atlantico": "Atlantic", "atlantique": "Atlantic", "antarktis": "Antarctica", "antártida": "Antarctica",
    "antartide": "Antarctica", "antarctique": "Antarctica", "arktis": "Arctic", "ártico": "Arctic",
    "artico": "Arctic", "arctique": "Arctic",
}


class PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.root = root
        self.posts, self.paginations, self.titles, self.footer_items, self.scripts = [], [], [], [], []
        self.breadcrumb = self.topic_input = self.display_options = self.message = self.login_form = None
        for node in root.iter("div", "h2", "li", "input", "fieldset", "form", "script"):
            # Class tokens are split only where a substring test says a wanted one may be there:
            # a page has thousands of divs, few of them posts.
            # A div's id is read only for a post's class: the error box (div#message) matters only on
            # pages without such posts, and is looked for there (see _message_box).
            tag, classes = node.tag, node.get("class") or ""
            if tag == "div":
                if "post" in classes and "post" in classes.split() and POST_ID.match(node.get("id") or ""):
                    self.posts.append(node)
                elif "pagination" in classes and "pagination" in classes.split():
                    self.paginations.append(node)
            elif tag == "h2":
                self.titles.append(node)
            elif tag == "li":
                if ("breadcrumbs" in classes or "icon-home" in classes or "rightside" in classes):
                    tokens = classes.split()
                    if self.breadcrumb is None and ("breadcrumbs" in tokens or "icon-home" in tokens):
                        self.breadcrumb = node
                    elif "rightside" in tokens:
                        self.footer_items.append(node)
            elif tag == "input":
                if self.topic_input is None and node.get("name") == "t" and node.get("type") == "hidden":
                    self.topic_input = node.get("value")
            elif tag == "fieldset":
                if "display-options" in classes and "display-options" in classes.split():
                    self.display_options = node
            elif tag == "form":
                action = node.get("action") or ""
                if self.login_form is None and (node.get("id") == "login" or "mode=login" in action):
                    self.login_form = node
            elif not node.get("src"):
                text = node.text  # read once: an inline script's text may be long, and is decoded at each read
                if text and "per_page" in text:
                    self.scripts.append(text)
        if not self.paginations:
            # A theme's pager as a list (SiteSplat's BBOOTS: ul.pagination with "Page <strong>48</strong>
            # of <strong>58</strong>" and li.active): page 48 was read as page 1 of 1, its first post
            # as the topic's opening one.
            self.paginations = [ul for ul in root.iter("ul") if "pagination" in (ul.get("class") or "").split()] \
                or _jump_link_lists(root)
        if self.breadcrumb is None:
            self.breadcrumb = next(iter(_SUBSILVER_CRUMBS(root)), None)
        # Post ids, and the posts of styles without prosilver's div.post#pN (see themes.py).
        self.post_ids = [POST_ID.match(div.get("id")).group(1) for div in self.posts]
        self.block_errors: list[str] = []
        self.themed = not self.posts
        if self.themed:
            self.message = _message_box(root)  # before themed_blocks, as the walk above would have
            self.posts, self.post_ids, self.block_errors = themed_blocks(root)

    def zone(self) -> tzinfo | None:
        """The zone the board prints times in, from the footer ("All times are ..."); None when the
        page names none (its times are then read as UTC, and the page's errors say so)."""
        for item in chain(self.footer_items or _datetime_lines(self.root), _zone_title_parents(self.root),
                          _footer_list_items(self.root)):
            text = _words(item.itertext())
            if not any(word in text for word in _UTC_WORDS):
                continue
            for span in item.iter("span"):
                name = span.get("title") or ""
                if "/" in name or name == "UTC":
                    zone = _named_zone(name)
                    if zone is not None:
                        return zone
            match = _FOOTER_OFFSET.search(text)
            if not match:
                continue
            offset = timedelta()
            if match.group("hours"):
                offset = timedelta(hours=int(match.group("hours")), minutes=int(match.group("minutes") or 0))
                if match.group("sign") != "+":
                    offset = -offset
            if item.find(".//abbr") is not None:  # 3.0: "[ <abbr>DST</abbr> ]" adds an hour to every time
                offset += timedelta(hours=1)
            if not a_zone_has(offset // timedelta(minutes=1)):
                continue  # no zone is that far from UTC: a stray digit after the offset
            return timezone(offset) if offset else UTC
        return None

    def per_page(self) -> int | None:
        """Posts per page: ``data-per-page`` (3.1+), the 3.0 ``per_page`` script variable, or the
        ``start=`` of numbered page links."""
        for pagination in self.paginations:
            for node in pagination.iter("input"):
                value = _int(node.get("data-per-page"))
                if value:
                    return value
        for script in self.scripts:
            match = _PER_PAGE_JS.search(script)
            if match and int(match.group(1)):
                return int(match.group(1))
        for pagination in self.paginations:
            for anchor in pagination.iter("a"):
                number, start = _int(words_of(anchor)), START.search(anchor.get("href") or "")
                if number and number > 1 and start and int(start.group(1)):
                    return int(start.group(1)) // (number - 1)
        return None


def _jump_link_lists(root) -> list:
    """The page lists of a style without prosilver's ``div.pagination`` (subsilver2 and its kin):
    the element around phpBB 3.0's "Go to page" link, whose ``jumpto()`` every 3.0 style calls, and
    which is followed by the page numbers ("<b><a onclick="jumpto()…">Go to page</a> <strong>1</strong>,
    <a href="…start=15">2</a>… <a>Next</a></b>"). Without them the pages after the first were never
    read. Looked for only when the page has no ``div.pagination``."""
    return [anchor.getparent() for anchor in _JUMP_LINKS(root) if anchor.getparent() is not None]


def _footer_list_items(root):
    """The list items of the page's footer (prosilver's ``div#page-footer``, a theme's ``<footer>``
    or an element whose class or id names a footer), lazily, for a theme that prints the zone's line
    in a list item of its own ("<li><i class="icon icon-time"></i> All times are UTC </li>", a
    Raspberry Pi forum's theme, in its ``footer#colophon``) instead of ``li.rightside``: its times
    were read as UTC, with an error saying the page names no zone. Only a footer's: a list in a
    post whose markup a theme restyled ("20:00 GMT+5") is the poster's."""
    yield from _FOOTER_LIST_ITEMS(root)  # (a generator: the walk is made only when the zone is still unknown)


# //li inside a <footer> or an element whose id or class holds "footer" (in any case), in page
# order: found by libxml2, not by a Python test of every list item's ancestors.
_FOOTER_LIST_ITEMS = _X("//li[ancestor::footer or ancestor::*[contains(translate(concat(@id, ' ', @class),"
                        " 'FOTER', 'foter'), 'footer')]]")


def _datetime_lines(root):
    """subsilver2 prints the zone above and below the posts, not in a footer list item:
    ``//p[contains(@class, 'datetime')]``, in document order, by lxml's iteration (libxml2's
    XPath walk with a predicate cost twice as much)."""
    return (p for p in root.iter("p") if "datetime" in (p.get("class") or ""))


def _message_box(root):
    """phpBB's information box (``div#message``: "The requested topic does not exist."): the last
    such div, unless it is a pagination block (as :class:`PageParts` sorts divs). Read only on a
    page without ``div.post#pN`` posts: it is what such a page says instead."""
    message = None
    for div in root.iter("div"):
        if div.get("id") == "message":
            classes = div.get("class") or ""
            if not ("pagination" in classes and "pagination" in classes.split()):
                message = div
    return message


def _zone_title_parents(root):
    """The elements around a ``span[title]`` naming an IANA zone ("All times are <span
    title="America/Los Angeles">UTC-07:00</span>", 3.1+'s ``S_TIMEZONE``), wherever a theme prints
    it (SiteSplat's BBOOTS: in a ``small.pull-right``, no ``li.rightside``): read after the footer
    list and subsilver2's lines, lazily. Without it the times were read as UTC, 7 to 8 hours off."""
    for span in root.iter("span"):
        if "/" in (span.get("title") or "") and span.getparent() is not None:
            yield span.getparent()


@lru_cache(maxsize=256)  # a board names one zone on every page; a name ZoneInfo does not know costs a file lookup
def _named_zone(name: str) -> ZoneInfo | None:
    """The IANA zone a footer names, in English or with its region word translated (see ``_REGIONS``);
    phpBB prints the city's underscores as spaces ("America/Los Angeles")."""
    region, slash, city = name.partition("/")
    candidates = [name, name.replace(" ", "_")]
    if slash and region.casefold() in _REGIONS:
        candidates.append(f"{_REGIONS[region.casefold()]}/{city.replace(' ', '_')}")
    for candidate in candidates:
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


# The class names PostParts looks for (in any of its tags): a class attribute is read further only
# where one of its names is one of these, asked by one set test of its split names (cheaper than
# a regular expression's search for any of them, and the split is what the tests after it read).
_POST_PART_CLASSES = frozenset(
    ("author", "content", "notice", "signature", "postprofile", "attachbox", "postdetails", "ignore",
     "postlove", "like", "liked", "post"))
# The "Post Love" extension's box (2.x ``div.postlove``) and heart (``span.like``/``span.liked``, 1.x too).
_POST_LOVE_CLASSES = frozenset(("postlove", "like", "liked"))
# What the printed time of an author line leaves out: "by <strong>X</strong> » " (3.1+ wraps it),
# the "Post" icon label and screen-reader text.
_NOT_DATE_CLASSES = frozenset({"responsive-hide", "sr-only", "imageset", "username", "username-coloured"})
# A post's own link: "viewtopic.php?p=N#pN" (3.1+), "#pN" (3.0), what every style keeps (themes.py).
PERMALINK = re.compile(r"#p(\d+)$")


def is_thanks_list(notice) -> bool:
    """Whether a ``div.notice`` is the "Thanks for posts" extension's (gfksx/ThanksForPosts) list
    of a post's thankers: it stands in ``div#list_thanksN``, the id the extension's scripts update
    in every style; or a notice holding a ``dl`` (its thankers listed in a ``dd``), which no edit
    notice has (for copies of the extension's template without that id). Its words name the post's
    author and, where the board shows them, the times of the thanks: read as an edit notice it
    made the author the post's editor."""
    parent = notice.getparent()
    return ((parent is not None and (parent.get("id") or "").startswith("list_thanks"))
            or notice.find(".//dd") is not None)


class PostParts:
    """The elements of one post the parser reads, from a single walk of the post."""

    def __init__(self, div, post_id: str, themed: bool = False) -> None:
        self.div = div
        self.post_id = post_id
        # A block found from its anchor (themes.py): its parts are read without prosilver's classes.
        self.themed = themed
        self.author_line = self.content = self.profile = self.details = self.attachbox = None
        self.notices, self.signatures = [], []
        # The "Thanks for posts" extension's list of the post's thankers (see posts.thanks_count).
        self.thanks = None
        # The "Post Love" extension's box or heart is in the block (see references.post_love_reactions).
        self.post_love = False
        # "This post was deleted by X on <date>." (3.1+ soft deletion, on a page a moderator saved).
        self.deletion_notice = None
        # 3.0's notice in place of a foe's post, when the block holds nothing else (see below).
        self.foe_notice = None
        self.shared = False  # the post's block holds a part of another post (see parsers.post_blocks)
        # Numbers of the other posts whose header (permalink) stands in this block (see _foreign_headers).
        self.other_posts: list[str] = []
        # ``div.post`` wrappers inside the block, once the posts found inside others are moved out:
        # posts whose id was lost (see parsers.phpbb.parse).
        self.wrappers: list = []
        self._date_text: str | None = None
        # The block's one author line, where its permalinks name this post alone (asked below):
        # nothing in it names a post without a block (see parsers.phpbb._unread_posts).
        self.own_line = None
        no_part_class = _POST_PART_CLASSES.isdisjoint
        author_lines = []
        boxes = 0  # message boxes and profile columns past the first: another post's parts may be here
        for node in div.iter("p", "div", "dl", "span"):
            classes = node.get("class")
            if not classes:
                continue
            classes = classes.split()
            if no_part_class(classes):  # most of a post's elements carry none of these names
                continue
            if not self.post_love and not _POST_LOVE_CLASSES.isdisjoint(classes):
                self.post_love = True
            tag = node.tag
            if tag == "p":
                if "author" in classes:
                    author_lines.append(node)
            elif tag == "div":
                if self.content is None and "content" in classes:
                    self.content = node
                elif "notice" in classes:
                    if is_thanks_list(node):
                        self.thanks = node
                    elif "post_deleted_msg" not in classes:
                        self.notices.append(node)
                    elif self.deletion_notice is None:
                        self.deletion_notice = node
                elif "signature" in classes:
                    self.signatures.append(node)
                elif "content" in classes:
                    boxes += 1
                elif self.foe_notice is None and "ignore" in classes:
                    self.foe_notice = node
                elif "post" in classes and node is not div:
                    self.wrappers.append(node)
            elif tag == "dl":
                if self.profile is None and "postprofile" in classes:
                    self.profile = node
                elif self.attachbox is None and "attachbox" in classes:
                    self.attachbox = node
                elif "postprofile" in classes:
                    boxes += 1
            elif self.details is None and "postdetails" in classes:
                self.details = node
        self.author_line = author_lines[0] if author_lines else None
        # 3.1+ prints a foe's post, or a soft-deleted one shown to a moderator, whole behind a hidden
        # "div.ignore#post_hiddenN": its words are there. 3.0's S_IGNORE_POST prints the notice alone
        # ("<div class="ignore">This post was made by <strong>X</strong> who is currently on your
        # ignore list. Display this post.</div>", no author line, no message): a placeholder.
        if self.foe_notice is not None and (self.content is not None or author_lines):
            self.foe_notice = None
        if self.content is None and self.foe_notice is None:
            # A renamed message box; not prosilver's .postbody, which holds the author line too.
            body = themed_body(div)
            if body is not None and not (self.author_line is not None and inside(self.author_line, body)):
                self.content, self.themed = body, True
        # Another post's header may stand in this block: its links are read only where the walk
        # saw a second author line, message box or profile column, or where the author line's
        # permalink is another post's (most prosilver posts have none of these: one walk less a
        # post), and in every block found from its anchor (themes.py), which may have grown past
        # its post's when the next post's anchor was lost (subsilver2's "#pN" subject links).
        if themed and names_two_members(div):
            self.shared = True  # another post's header stands in the block: its name is not this post's
        if themed or boxes or len(author_lines) > 1:
            foreign = True
        elif author_lines:
            foreign = _names_another_post(author_lines[0], post_id)
            if not foreign:
                self.own_line = author_lines[0]
        else:
            foreign = False
        if foreign:
            permalinks = [a for a in div.iter("a") if "#p" in (a.get("href") or "")]
            if permalinks:
                self._foreign_headers(permalinks, author_lines)

    def _foreign_headers(self, permalinks: list, author_lines: list) -> None:
        """Note the other posts whose permalink (``#pM``) stands in this block outside its message,
        signatures, notices and quotes: their headers, left in this block by a lost anchor or tag
        (a torn page, a style's wrapper). The author line is then the first one that is not
        another post's (none if every one is): a lost ``<p class="author">`` or post anchor must
        not give this post the next one's time, nor its profile column's name (read_post)."""
        stops = {node for node in (self.content, *self.signatures, *self.notices) if node is not None}
        foreign: dict = {}
        for link in permalinks:
            match = PERMALINK.search(link.get("href"))
            if match is None or match.group(1) == self.post_id:
                continue
            for ancestor in link.iterancestors():
                if ancestor is self.div:
                    foreign[link] = match.group(1)
                    break
                if ancestor in stops or ancestor.tag == "blockquote":
                    break
        if not foreign:
            return
        self.other_posts = sorted(set(foreign.values()), key=int)
        own = [line for line in author_lines
               if not any(link in foreign for link in line.iterdescendants("a"))]
        self.author_line = own[0] if own else None
        self._date_text = None

    def date_text(self) -> str:
        """The printed post time of the author line ("Sun Mar 06, 2016 5:45 am"); read once (the
        page's day/month order is learnt from it before the post is read)."""
        if self._date_text is None:
            self._date_text = self._read_date_text()
        return self._date_text

    def _read_date_text(self) -> str:
        line = self.author_line
        if line is None:
            return ""
        parts: list[str] = [line.text or ""]
        # A walk with its own stack (children still to read, and whose tail follows them): the
        # line may hold a whole broken post, nested past Python's recursion limit. A child with no
        # children of its own (the date's <time>, an icon) is read in place, without a stack entry.
        stack = [(iter(line), None)]
        while stack:
            for child in stack[-1][0]:
                if child.tag.__class__ is str:
                    classes = child.get("class")
                    if not classes or _NOT_DATE_CLASSES.isdisjoint(classes.split()):
                        parts.append(child.text or "")
                        if len(child):
                            stack.append((iter(child), child))
                            break
                parts.append(child.tail or "")
            else:
                owner = stack.pop()[1]
                if owner is not None:
                    parts.append(owner.tail or "")
        text = " ".join("".join(parts).split())
        if "\u00bb" in text:
            text = text.rsplit("\u00bb", 1)[1]
        return text.strip(" ,-|")


def _names_another_post(line, post_id: str) -> bool:
    """An author line whose permalink ("#pN") is another post's."""
    own = f"#p{post_id}"
    for link in line.iter("a"):
        href = link.get("href")
        if href and "#p" in href and not href.endswith(own) and PERMALINK.search(href):
            return True
    return False
