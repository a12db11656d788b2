"""One post of a Vanilla discussion page: the discussion itself or one comment.

What every Vanilla theme keeps (2.0 classic, "2011 Compatibility", Bittersweet, Keystone,
Foundation's legacy discussion view) and what this module reads:

- the opening post ``div#Discussion_42.Item.ItemDiscussion`` (page 1 only) and the comments
  ``li#Comment_1007.Item.ItemComment`` in ``ul.MessageList.Comments``;
- the author ``span.Author a.Username`` (``/profile/alice``; 2.0-2.1 wrote ``/profile/7/alice``,
  newer versions add ``data-userid="7"``); 2.0's ``UserAnchor()`` wrote the link without a class,
  read as the first profile link showing a name above the body;
- the time ``span.DateCreated time[datetime]`` ("2019-03-03T09:15:00+00:00"), inside the
  permalink, whose ``name="Item_3"`` says the comment is the discussion's third (on 2.0's
  ``li.Item.Comment`` items, that it is the discussion's third post);
- the edit notice ``span.DateUpdated`` ("edited March 3 by <a class="Username">mod_kim</a>", with
  its own ``<time datetime>``; no "by" when the author edited it);
- the body ``div.Message`` (``userContent`` since 2.3);
- the Reactions plugin's ``div.Reactions a.ReactButton`` ("<span class="Count">3</span>
  <span class="ReactLabel">Like</span>"; buttons without a count are nobody's reaction yet).
"""

from __future__ import annotations

import re
from copy import copy
from datetime import datetime, timedelta

from lxml import etree

from ..clock import UTC, ForumClock
from ..dates import parse_iso
from ..markup import class_test, has_class, inside
from ..markup import xpath as _X
from ..models import Author, Post
from ..urls import absolute
from ..values import first, to_int, words
from .addresses import DiscussionAddress, comment_id_in, discussion_id_in, opening_post_id, profile_id_in
from .body import Body
from .common import COMMENTS_PER_PAGE, has_token

_MESSAGE = _X(f".//div[{class_test('Message')}]")
_USERNAME_IN = _X(f".//a[{class_test('Username')}]")


def is_item(node, classes: str) -> bool:
    """A post item: ``#Discussion_N`` or ``#Comment_N`` with the class ``Item``, ``ItemDiscussion``
    or ``ItemComment`` (``classes``, its class attribute; the token test splits where XPath's
    normalize-space() does, as the XPath this replaced did)."""
    node_id = node.get("id")
    return (node_id is not None and node_id.startswith(("Discussion_", "Comment_"))
            and any(has_token(classes, name) for name in ("Item", "ItemDiscussion", "ItemComment")))


def read_item(item, index_on_page: int, address: DiscussionAddress, clock: ForumClock,
              errors: list[str]) -> Post | None:
    """The post of one ``#Discussion_N`` or ``#Comment_N`` item; None (and an error) without a body."""
    kind, _, number = item.get("id").partition("_")
    if not number.isdigit():
        return None
    post_id = opening_post_id(number) if kind == "Discussion" else number
    message = first([m for m in _MESSAGE(item) if _owner(m) is item])
    if message is None:
        errors.append(f"post {post_id}: no message body; not read")
        return None
    header = _Header(item, message)
    created = header.created
    permalink = _permalink(created, address.base)
    if _names_another_post(permalink, kind, number):
        # A broken page: this post's header is gone and the next post's (inside it) came first.
        errors.append(f"post {post_id}: the header above its body is another post's ({permalink}); not read")
        created = permalink = None
        author = Author(name=None)
    elif header.torn:
        # Another post's header stands between this post's and the body: the body may be that one's.
        errors.append(f"post {post_id}: another post's header stands between its own and the body below it;"
                      " not read")
        author = Author(name=None)
    else:
        author = _author(header, address)
    if not author.name:
        errors.append(f"post {post_id}: no author name")
    published = _time(created, clock)
    if published is None:
        errors.append(f"post {post_id}: no publication time")
    if kind == "Comment":
        url = permalink if comment_id_in(permalink) == number else address.comment_url(number)
        position = _position(created, address.page, index_on_page, _numbers_posts(item.get("class")))
    else:
        url, position = address.discussion_url(number), 1
    edited_at, edited_by = _edit(header.updated, author, clock, created) if created is not None else (None, None)
    if header.updated is not None and edited_by is None:
        title = first([n.get("title") for n in header.updated.iter() if n.get("title")]) or ""
        errors.append(f"post {post_id}: the editor in the edit notice {title[:80]!r} is not read")
    body = Body(message, address.base)
    return Post(post_id=post_id, url=url, position=position, author=author, published_at=published,
                edited_at=edited_at, edited_by=edited_by, text=body.text, html=body.html,
                reactions=_reactions(item), quotes=body.quotes, links=body.links, images=body.images)


def _owner(node):
    """The post item a node belongs to (a comment list never sits inside a post, but be sure)."""
    return next((a for a in node.iterancestors() if (a.get("id") or "").startswith(("Discussion_", "Comment_"))), None)


class _Header:
    """The nodes of a post's header, the part of the item above its body (``div.Message``), found in
    one walk: the author, the dates and the edit notice are there. On a broken page the next post
    may end up inside this one (a lost closing tag, its id mangled); its header comes after this
    body and must never lend this post its author, so the walk stops at the body."""

    def __init__(self, item, message) -> None:
        self.created = None  # span.DateCreated or a.Permalink: the first one
        self.updated = None  # span.DateUpdated, the edit notice: the first one
        self.username_before_created = None  # the first Username above ``created``
        self.usernames: list = []  # every Username above the body
        self.author_box = None  # the first ``.Author`` above the body (2.0's holds an unclassed name link)
        self.profile_link = None  # the first profile link above the body that shows a name
        self.torn = False  # another post's item or permalink stands between the header and the body
        self.message = message
        undated = None  # the first created-looking node that holds no time: the fallback
        undated_username = None
        kind, _, own = (item.get("id") or "").partition("_")
        for node in item.iter():
            if node is message:
                break
            if (node is not item and (node.get("id") or "").startswith(("Discussion_", "Comment_"))) or (
                    node.tag == "a" and has_class(node.get("class") or "", "Permalink")
                    and _names_another_post(node.get("href"), kind, own)):
                # Another post's item or header stands between this post's header and its body (a
                # lost end tag): what follows is that post's. A post whose own name link was torn
                # took the next poster's name (fuzz delete_tags).
                self.torn = True
                break
            if node.tag == "a" and self.profile_link is None and _names_a_profile(node):
                self.profile_link = node
            classes = node.get("class") or ""
            if not classes:
                continue
            if self.created is None and _is_created(classes):
                # Some themes (College Confidential's) put a bare comment-number permalink
                # ("<span class=CommentNumber><a class=Permalink name=Item_1>#1</a>") above the
                # header: it holds no time, and taking it would lose the post's time and the
                # display offset its <time title datetime> shows. Take the first one with a time.
                if _holds_time(node):
                    self.created = node
                    self.username_before_created = self.usernames[0] if self.usernames else None
                elif undated is None:
                    undated = node
                    undated_username = self.usernames[0] if self.usernames else None
            if self.updated is None and has_class(classes, "DateUpdated"):
                self.updated = node
            if node.tag in ("a", "span") and has_class(classes, "Username"):
                self.usernames.append(node)
            if self.author_box is None and has_class(classes, "Author"):
                self.author_box = node
        if self.created is None and undated is not None:
            self.created, self.username_before_created = undated, undated_username

    def author_link(self):
        """The first ``Username`` above the post's time (every template writes the author before
        it; without a time, above its body): the author's name leads the post's header.

        Some themes (MoneySavingExpert's, and other hosted Vanilla 3 sites) repeat the dates in a
        ``div.Meta.RecordMeta`` line above the author block; then no name precedes the first time,
        and the author is the first ``Username`` above the body that is not an edit notice's editor.

        Vanilla 2.0's ``UserAnchor($Author)`` writes the name link without a class
        (``span.Author > a[href=/profile/7/fernwick]``): with no ``Username`` above the body, the
        author is the first profile link in the header's ``.Author`` that shows a name (the photo
        link before it shows only an image), else the first such link above the body (a 2.0 theme's
        own box: "li.AuthorRibbon")."""
        if not self.usernames:
            return self._unclassed_name()
        if self.created is None:
            return self.usernames[0] if self.usernames else None
        if self.username_before_created is not None:
            return self.username_before_created
        return next((node for node in self.usernames if not any(_is_updated(a) for a in node.iterancestors())), None)

    def _unclassed_name(self):
        boxed = next((a for a in self._author_box_links() if _names_a_profile(a)), None)
        return boxed if boxed is not None else self.profile_link

    def _author_box_links(self):
        """The links of the ``.Author`` box above the body: a box that lost its end tag holds the
        body, whose links (a quote's "@name said:") are never the author's (fuzz seed 1087: a post
        whose name link was torn took the quoted member's name)."""
        if self.author_box is None:
            return
        for link in self.author_box.iter("a"):
            if inside(link, self.message):
                return
            yield link


def _names_a_profile(link) -> bool:
    """A link to a member's profile ("/profile/7/fernwick") that shows a name, not only a photo."""
    return "/profile/" in (link.get("href") or "") and bool(words(link.itertext()))


def _author(header: _Header, address: DiscussionAddress) -> Author:
    """The post's author: the header's author link (see :meth:`_Header.author_link`)."""
    link = header.author_link()
    if link is None:
        return Author(name=None)
    url = absolute(address.base + "/", link.get("href"))
    name = words(link.itertext()) or None
    return Author(name=name, id=link.get("data-userid") or profile_id_in(url), url=url)


def _names_another_post(permalink: str | None, kind: str, number: str) -> bool:
    """The header's permalink is another post's: "/discussion/comment/1005" above comment 1004, or
    any comment's above the discussion."""
    if not permalink:
        return False
    comment = comment_id_in(permalink)
    if kind == "Comment":
        return comment is not None and comment != number
    return comment is not None or discussion_id_in(permalink) not in (None, number)


def _is_created(classes: str) -> bool:
    """``span.DateCreated`` (around the permalink), or the ``a.Permalink`` itself."""
    return has_class(classes, "DateCreated") or has_class(classes, "Permalink")


def _holds_time(node) -> bool:
    """A ``time`` element, or a printed ``title``, at or under ``node``: what :func:`_time` reads."""
    return any(n.tag == "time" or n.get("title") for n in node.iter())


def _is_updated(node) -> bool:
    return has_class(node.get("class") or "", "DateUpdated")


def _time(holder, clock: ForumClock) -> datetime | None:
    """``time[datetime]`` inside ``holder``; else its printed ``title`` ("March 3, 2019 9:15AM") in the page's zone."""
    if holder is None:
        return None
    stamp = first([t for t in holder.iter("time") if t.get("datetime")])
    if stamp is not None:
        return parse_iso(stamp.get("datetime"))
    printed = first([n.get("title") for n in holder.iter() if n.get("title")])
    return clock.read(printed) if printed else None


def _permalink(created, base: str) -> str | None:
    link = first([a for a in created.iter("a") if a.get("href")]) if created is not None else None
    return absolute(base + "/", link.get("href")) if link is not None else None


def _numbers_posts(classes: str | None) -> bool:
    """Is this a Vanilla 2.0 comment item (``li.Item.Comment``, where 2.1 and later write
    ``li.Item.ItemComment``), whose ``Item_N`` anchor counts the posts, not the comments? 2.0's
    ``WriteComment()`` (applications/vanilla/views/discussion/helper_functions.php) names it
    ``'Item_'.($CurrentOffset+1)``, the discussion itself being ``Item_1`` (offset 0) and the first
    comment ``Item_2``; 2.1's names the first comment ``Item_1``."""
    return has_token(classes, "Comment") and not has_token(classes, "ItemComment")


def _position(created, page: int, index_on_page: int, numbers_posts: bool = False) -> int:
    """1 + the comment's number in the discussion: the permalink's ``name="Item_3"`` where the page
    writes it (on 2.0 pages, ``numbers_posts``, the number is the post's own), else counted from the
    page number at Vanilla's default 30 comments a page."""
    anchor = first([a.get("name") for a in created.iter("a") if (a.get("name") or "").startswith("Item_")]) \
        if created is not None else None
    number = to_int(anchor.partition("_")[2]) if anchor else None
    if number is not None:
        return number if numbers_posts else number + 1
    return 1 + (page - 1) * COMMENTS_PER_PAGE + index_on_page


# The edit notice's title, sprintf(t('Edited %s by %s.'), date, name), as the locales of
# vanilla/locales write it: (prefix, separator) around the date, the name last. English is the
# engine's own; vf_es "Editado %s por %s.", vf_fr "%s modifié par %s.", vf_de "Von %s bearbeitet %s."
# (the German swaps the words, not the values: the date still comes first).
_EDITED_BY = tuple(re.compile(rf"^{re.escape(prefix)}(?P<when>.+?){re.escape(separator)}(?P<who>.+?)\.?$", re.S)
                   for prefix, separator in (("Edited ", " by "), ("Editado ", " por "), ("", " modifié par "),
                                             ("Von ", " bearbeitet ")))


def _edit(notice, author: Author, clock: ForumClock, created=None) -> tuple[datetime | None, str | None]:
    """(time, editor) of the "edited ..." notice. Vanilla names the editor only when it is not the
    author ("Edited March 3, 2019 10:02AM by mod_kim."); without a name the author edited. A
    locale's title (``_EDITED_BY``: "Von <date> bearbeitet mod_kim.") names its editor the same
    way; a non-English title no pattern reads gives no editor (the caller says so), since it may
    name one the reader cannot see.

    A notice without a machine time prints the board's display zone, which the page never names;
    the post's own ``<time title="4 December 2016 at 12:38AM" datetime="2016-12-03T23:38:33+00:00">``
    shows that zone's offset, taken off the printed edit time. ``notice`` is the header's
    ``span.DateUpdated``."""
    if notice is None:
        return None, None
    # The title may sit on an inner span ("<span class=DateUpdated><span title='Edited ...'>").
    title = first([n.get("title") for n in notice.iter() if n.get("title")]) or ""
    english = not title or title.startswith("Edited ")
    # A locale's "Edited %s by %s." (the English one is read as it always was, below).
    named = None if english else next((m for m in (p.match(title) for p in _EDITED_BY[1:]) if m), None)
    if named is not None:
        printed, titled_name = named["when"].strip(), named["who"].strip() or None
    else:
        printed, titled_name = (title.removeprefix("Edited ").split(" by ")[0].rstrip(".") if title else ""), None
    machine = any(t.get("datetime") for t in notice.iter("time"))
    offset = None if machine else _display_offset(created, clock)
    reader = clock if offset is None else _zone_shown(clock)
    date_first = printed != title and not machine
    # Vanilla's own "Edited March 3, 2019 10:02AM by mod_kim.": its date is read first, since the
    # whole title is no date and costs dateparser milliseconds to say so.
    when = reader.read(printed) if date_first else None
    if when is None:
        when = _time(notice, reader)
    if when is None and printed and not date_first:
        when = reader.read(printed)
    if when is not None and offset is not None:
        when -= offset
    editor = first(_USERNAME_IN(notice))
    name = (words(editor.itertext()) if editor is not None else None) or titled_name
    if not name and printed and english and " by " in title:
        # No editor link: the title names the editor ("Edited April 20, 2020 5:55PM by CCadmin_Sorin."
        # on College Confidential's theme, where a moderator edited a member's comment).
        name = title.split(" by ", 1)[1].strip().rstrip(".") or None
    if not name and not english:
        # A locale's title this does not know may name another editor: not the author by guess.
        return when, None
    return when, name or author.name


def _display_offset(created, clock: ForumClock) -> timedelta | None:
    """How far the board's printed times run ahead of UTC, from one ``time`` that has both a printed
    ``title`` and a machine ``datetime`` (to the quarter hour); None when no post time shows it
    (printed times are then read as UTC, and the page's errors say so)."""
    stamp = first([t for t in created.iter("time") if t.get("datetime") and t.get("title")]) \
        if created is not None else None
    if stamp is None:
        return None
    # The wall-clock time against the machine one: a comparison, not a time read into UTC.
    printed, machine = clock.local(stamp.get("title")), parse_iso(stamp.get("datetime"))
    if printed is None or machine is None:
        return None
    quarters = round((printed - machine.astimezone(UTC).replace(tzinfo=None)).total_seconds() / 900)
    return timedelta(minutes=15 * quarters) if abs(quarters) <= 14 * 4 else None


def _zone_shown(clock: ForumClock) -> ForumClock:
    """``clock`` for times its caller shifts by the display offset a post's own time shows: the
    zone is then known, so reading them is not reading in an unstated zone (the copy's reads leave
    ``clock.read_unzoned`` as it was)."""
    reader = copy(clock)
    reader.zone_stated = True
    return reader


def _reactions(item) -> dict[str, int]:
    """Reaction name to count from the Reactions plugin's buttons (see the module docstring)."""
    reactions: dict[str, int] = {}
    for button in _react_buttons(item):
        if _owner(button) is not item:
            continue
        count = to_int(words(t for n in _with_class(button, "Count") for t in n.itertext()))
        label = words(t for n in _with_class(button, "ReactLabel") for t in n.itertext()) or button.get("title")
        if count and label:
            reactions[label] = reactions.get(label, 0) + count
    return reactions


def _react_buttons(item) -> list:
    """``.//*[class ~= Reactions]//a[class ~= ReactButton]`` of a post item, in document order, asked
    in Python: the XPath tests the class of every element of the item, where the item's links are
    few and lxml finds them by tag (a third of the XPath's time on the saved pages)."""
    buttons = []
    for anchor in item.iterdescendants("a"):
        if has_token(anchor.get("class"), "ReactButton") and _inside_reactions(anchor, item):
            buttons.append(anchor)
    return buttons


def _inside_reactions(anchor, item) -> bool:
    """Is there a ``Reactions`` element between ``anchor`` and ``item`` (neither of them)?"""
    for ancestor in anchor.iterancestors():
        if ancestor is item:
            return False
        if has_token(ancestor.get("class"), "Reactions"):
            return True
    return False


def _with_class(button, name: str) -> list:
    """``.//*[class ~= name]`` of a reaction button, asked in Python: a button holds two or three
    elements, and each XPath call costs more than walking them (a post shows every reaction's button)."""
    return [node for node in button.iterdescendants(etree.Element) if has_token(node.get("class"), name)]
