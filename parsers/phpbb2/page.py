"""What one pass over a phpBB 2 page finds (:class:`PageParts`), and over each post's rows (:class:`PostParts`).

phpBB 2 has no element around a post: subSilver's ``postrow`` block is two table rows (the
author cell and the message, then the profile buttons) and a spacer row. A post is found by its
``<a name="N">`` anchor in ``span.name``; its rows are the ``tr`` around the anchor and the one after.
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo

from ..clock import UTC, offset_zone
from ..html_text import element_text
from ..markup import has_class, inside, xpath
from ..values import to_int as _int
from ..values import words as _words

_POST_ANCHOR = re.compile(r"^\d+$")
# A member's id in a profile link ("profile.php?mode=viewprofile&u=N").
_PROFILE_USER = re.compile(r"[?&;]u=\d+")
_TOPIC_ID = re.compile(r"[?&;]t=(\d+)")
_START = re.compile(r"[?&;]start=(\d+)")
_PAGE_TITLE = xpath("/html/head/title/text()")
# The no-break spaces between the date and the subject label ("16:18&nbsp;&nbsp; &nbsp;Titel:").
_SUBJECT_GAP = re.compile(r"\xa0[ \t]*\xa0")
_FORUM_LINK = re.compile(r"viewforum|[?&;]f=\d+")
# "All times are GMT + 1 Hour", "Alle Zeiten sind GMT + 5.5 Stunden", "Часовой пояс: GMT + 3".
_ZONE = re.compile(r"\b(?:GMT|UTC)(?:\s*(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})(?:(?P<sep>[.,:])(?P<part>\d{1,2}))?)?")
# phpBB 2.0's lang_main.php names some offsets instead of printing them: "All times are EST
# (Australia)" is GMT + 10 (its $lang['10']), "CET (Europe)" GMT + 1. Translations keep the
# abbreviation and translate the region ("EST (U.S./Kanada)", "WST (Australien)"). phpBB 2 has
# fixed offsets only, so each name is one offset, in minutes; Australia's three are told by their
# region word.
_NAMED_ZONE = re.compile(r"\b(?P<abbr>HST|PST|MST|CST|EST|CET|EET|WST)\s*\((?P<region>[^()]{2,30})\)")
_NAMED_OFFSETS = {"HST": -600, "PST": -480, "MST": -420, "CST": -360, "EST": -300, "CET": 60, "EET": 120}
_AUSTRALIAN_OFFSETS = {"WST": 480, "CST": 570, "EST": 600}


def _named_zone(text: str) -> tzinfo | None:
    """The zone of a footer that names it ("All times are EST (Australia)"), or None."""
    match = _NAMED_ZONE.search(text)
    if match is None:
        return None
    abbr = match.group("abbr")
    if "austral" in match.group("region").casefold():
        minutes = _AUSTRALIAN_OFFSETS.get(abbr)
    else:
        minutes = _NAMED_OFFSETS.get(abbr)
    return None if minutes is None else timezone(timedelta(minutes=minutes))


def _row_of(node):
    """The nearest ``tr`` around ``node``, or None."""
    return next(node.iterancestors("tr"), None)


def _is_post_anchor(name: str | None, href: str | None) -> bool:
    """``<a name="N">`` without an address: the anchor subSilver prints before each post's author."""
    return bool(name) and not href and _POST_ANCHOR.match(name) is not None


def first_anchors(root, limit: int) -> list:
    """The first ``limit`` post anchors of the page, for :func:`parsers.phpbb2.detect`: only the
    page's links are walked (not the spans :class:`PageParts` sorts too)."""
    anchors = []
    for node in root.iter("a"):
        name = node.get("name")
        if name and _is_post_anchor(name, node.get("href")):
            anchors.append(node)
            if len(anchors) == limit:
                break
    return anchors


def reads_as_post(anchor) -> bool:
    """Does the anchor's row hold a message cell, a ``span.postdetails`` and the post's own
    permalink? What detect asks of a page's first posts: of their rows only that (not the edit
    notice, signature and buttons :class:`PostParts` reads, which parse reads once)."""
    row = _row_of(anchor)
    if row is None:
        return False
    body, details, link = _row_marks(row, anchor.get("name"), next(anchor.iterancestors("td"), None))
    return body is not None and details is not None and bool(link)


def _row_marks(row, post_id: str, author_cell) -> tuple:
    """(message cell, ``span.postdetails``, permalink href) of a post's row: the cell around its
    first ``span.postbody`` (see :func:`_message_cell`), its first ``span.postdetails`` outside the
    author cell, its first ``...p=N#N`` link.

    ezArena's subSilver prints a ``span.postdetails`` before the dated one, the post's number on the
    page ("<b>Post: <a onclick="link_to_post(N)" href="#">#3</a></b>"), which is passed over, and no
    ``...p=N#N`` link: its ``link_to_post(N)`` stands for the post's own link there."""
    body = details = mini_link = None
    # (a theme may class the cells themselves: Forumer's "fiappleblue" prints td.postbody, the
    # message, and td.postdetails, "Posted: ..." beside the post's own link)
    for node in row.iter("span", "td", "a"):
        if node.tag == "a":
            if mini_link is None:
                href = (node.get("href") or "").strip()
                button = _LINK_TO_POST.match(node.get("onclick") or "")
                if _is_permalink(href, post_id):
                    mini_link = href
                elif button is not None and button.group(1) == post_id:
                    mini_link = f"viewtopic.php?p={post_id}#{post_id}"  # the address phpBB 2 gives the post
            continue
        classes = node.get("class")
        if not classes:
            continue
        if body is None and has_class(classes, "postbody"):
            body = node if node.tag == "td" else _message_cell(node.getparent(), post_id)
        elif (details is None and has_class(classes, "postdetails") and not inside(node, author_cell)
              and node.getparent() is not row  # (the author cell's, its start tag lost: "Joined: ...")
              and not _POST_NUMBER.match(_words(node.itertext()))):
            details = node
        if details is not None and body is not None and mini_link is not None:
            break  # the first of each is read: the rest of the row changes nothing
    return body, details, mini_link


# ezArena's "link to this post" button: <a onclick="link_to_post(5101); return false;" href="#">.
_LINK_TO_POST = re.compile(r"\s*link_to_post\(\s*'?(\d+)'?\s*\)")


# ezArena's "<b>{postrow.L_POST}: <a ...>#{postrow.POST_NUMBER}</a></b>": a label, then the number alone.
_POST_NUMBER = re.compile(r"^[^\d#]{1,30}#\d+$")


def _message_cell(holder, post_id: str):
    """The cell a post's words are read from: the element holding its first ``span.postbody``,
    unless that is the ``<div id="message_N">`` ezArena's and other phpBB 2 premods' templates wrap
    the message in: then the cell around that div, which holds the signature and the edit notice
    after it (``<span class="gensmall">{postrow.EDITED_MESSAGE}</span>``), as stock subSilver's does."""
    if holder is None or holder.tag != "div" or holder.get("id") != f"message_{post_id}":
        return holder
    cell = holder.getparent()
    return cell if cell is not None and cell.tag == "td" else holder


def _real_anchors(anchors: list) -> list:
    """The post anchors less the in-page ordinals some modified boards print beside them
    (``<a name="1"></a><a href="viewtopic.php?p=4203336#4203336">`` in the post whose own anchor is
    ``<a name="4203336">``): an anchor is dropped when its cell holds no permalink of its own but the
    permalink of another anchor of the page. Why: read as posts, they shifted every position and
    took the post's rows from it. (An anchor in another post's author cell, a lost ``</tr>``, is
    kept: its row is shared, and no author is lent.)"""
    names = {anchor.get("name") for anchor in anchors}
    if len(names) < 2:
        return anchors
    kept = []
    for anchor in anchors:
        cell = next(anchor.iterancestors("td"), None)
        name = anchor.get("name")
        if cell is None:
            kept.append(anchor)
            continue
        others = False
        for link in cell.iter("a"):
            href = (link.get("href") or "").strip()
            fragment = href.partition("#")[2]
            if not fragment:
                continue
            if _is_permalink(href, name):
                others = False
                break
            if fragment != name and fragment in names and _is_permalink(href, fragment):
                others = True
        if not others:
            kept.append(anchor)
    return kept


def _without_ordinals(anchors: list) -> list:
    """The post anchors less the in-page ordinals of the "Topics Enhanced" mod (Categories
    Hierarchy, ezArena): ``<span class="name"><a name="{postrow.S_NUM_ROW}">`` (1, 2, 3 ... on each
    page) in a row of its own (a ``catHead`` or header row) before each post's own anchor, the
    target of its "next post"/"previous post" buttons. Dropped only when the page's anchors
    alternate that way throughout: the k-th of them is named k, its row reads as no post and the
    anchor after it reads as one. Why: read as posts, each gave three errors and no post."""
    if len(anchors) < 2 or len(anchors) % 2 or anchors[0].get("name") != "1":
        return anchors
    ordinals = set()
    for index in range(0, len(anchors), 2):
        ordinal, post = anchors[index], anchors[index + 1]
        if ordinal.get("name") != str(index // 2 + 1) or reads_as_post(ordinal) or not reads_as_post(post):
            return anchors
        ordinals.add(ordinal)
    return [anchor for anchor in anchors if anchor not in ordinals]


class PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.anchors, self.numbered_links, self.nav_spans, self.small_spans = [], [], [], []
        self.title_link = None
        self._anchor_holders = None
        self._rows: tuple[list, dict] | None = None
        self._page_numbers: tuple[int | None, int | None] | None = None
        for node in root.iter("a", "span"):
            if node.tag == "a":
                name, href = node.get("name"), node.get("href")
                if name and _is_post_anchor(name, href):
                    self.anchors.append(node)
                elif href:
                    if self.title_link is None and has_class(node.get("class") or "", "maintitle"):
                        self.title_link = node
                    elif "start=" in href and _int(_words(node.itertext())):
                        self.numbered_links.append(node)
                continue
            # The substring tests first (has_class splits): most spans are a post's words or names.
            classes = node.get("class")
            if not classes:
                continue
            if "nav" in classes and has_class(classes, "nav"):
                self.nav_spans.append(node)
            elif "gensmall" in classes and has_class(classes, "gensmall"):
                self.small_spans.append(node)
        self.page_title = _words(_PAGE_TITLE(root)[:1])
        self.numbered = set(self.numbered_links)
        self.anchors = _without_ordinals(_real_anchors(self.anchors))

    def posts(self) -> list["PostParts"]:
        """One :class:`PostParts` per anchor, in page order. A row that holds another post's anchor
        too (a lost ``</tr>``) is shared: no author is read from it."""
        rows, anchors_in = self._post_rows()
        parts = []
        for anchor, row in zip(self.anchors, rows):
            post = PostParts(anchor, row)
            post.shared = row is None or anchors_in.get(row, 0) > 1
            parts.append(post)
        return parts

    def _post_rows(self) -> tuple[list, dict]:
        """(each anchor's nearest ``tr``, how many anchors each ``tr`` holds), from one walk up from
        each anchor (linear in the page, however many posts); computed once, for :meth:`posts`
        and :meth:`zone`."""
        if self._rows is None:
            rows, anchors_in = [], {}
            for anchor in self.anchors:
                row = None
                for ancestor in anchor.iterancestors("tr"):
                    if row is None:
                        row = ancestor
                    anchors_in[ancestor] = anchors_in.get(ancestor, 0) + 1
                rows.append(row)
            self._rows = rows, anchors_in
        return self._rows

    def _around_anchors(self) -> set:
        """Every element that holds a post anchor (computed once)."""
        if self._anchor_holders is None:
            self._anchor_holders = {ancestor for anchor in self.anchors for ancestor in anchor.iterancestors()}
        return self._anchor_holders

    def zone(self) -> tzinfo | None:
        """The zone the footer names ("All times are GMT + 1 Hour"), or None when no footer says."""
        post_rows = {row for row in self._post_rows()[0] if row is not None}
        for span in reversed(self.small_spans):
            text = _words(span.itertext())
            match = _ZONE.search(text) if "GMT" in text or "UTC" in text else None
            named = None if match else _named_zone(text)
            if (not match and named is None) or any(row in post_rows for row in span.iterancestors("tr")):
                continue  # words of a post (an edit notice), not the footer
            if named is not None:
                return named
            if not match.group("hours"):
                return UTC
            # "5.5" and "5.75" are fractions of an hour, "5:30" minutes
            zone = offset_zone(match.group("sign"), match.group("hours"), match.group("part"),
                               in_minutes=match.group("sep") == ":")
            if zone is not None:  # "GMT + 30": no zone; the footer is not read
                return zone
        return None

    def breadcrumb(self) -> list[str]:
        """The names of the first ``span.nav`` trail that links a forum (index -> forum)."""
        for span in self.nav_spans:
            links = [a for a in span.iter("a") if a.get("href") and has_class(a.get("class") or "", "nav")]
            forum = [i for i, a in enumerate(links) if _FORUM_LINK.search(a.get("href"))]
            if forum:
                names = [_words(a.itertext()) for a in links[:forum[-1] + 1]]
                return [name for name in names if name]
        return []

    def page_numbers(self) -> tuple[int | None, int | None]:
        """(this page, page count): "Page <b>1</b> of <b>3</b>", else the page links (read once:
        the thread and the next page both ask)."""
        if self._page_numbers is None:
            self._page_numbers = self._read_page_numbers()
        return self._page_numbers

    def _read_page_numbers(self) -> tuple[int | None, int | None]:
        for span in self.nav_spans:
            if span.find(".//a") is not None:
                continue
            bold = list(span.iter("b", "strong"))
            if len(bold) != 2:  # the numbers are read only where the two are
                continue
            numbers = [_int(_words(b.itertext())) for b in bold]
            if all(numbers):
                return numbers[0], numbers[1]
        current, numbers = None, []
        for holder in self.pagination_holders():
            current = current or _current_in(holder)
            numbers += [_int(_words(a.itertext())) for a in holder if a in self.numbered]
        return current, max([current or 0, *(n for n in numbers if n)]) or None

    def pagination_holders(self) -> list:
        """The elements holding numbered page links ("Goto page" lists), in page order."""
        holders: dict = {}
        for link in self.numbered_links:
            parent = link.getparent()
            if parent is not None and parent not in self._around_anchors():
                holders.setdefault(parent, None)
        return list(holders)

    def per_page(self) -> int | None:
        """Posts per page, from a numbered link's ``start=`` ("2" at start=15: 15)."""
        for link in self.numbered_links:
            number, start = _int(_words(link.itertext())), _START.search(link.get("href"))
            if number and number > 1 and start and int(start.group(1)):
                return int(start.group(1)) // (number - 1)
        return None


def _current_in(holder) -> int | None:
    """The current page of a "Goto page <b>1</b>, <a>2</a>" list: its bold number."""
    for node in holder.iter("b", "strong"):
        number = _int(_words(node.itertext()))
        if number and node.find(".//a") is None:
            return number
    return None


class PostParts:
    """The elements of one post, from its anchor's row and the buttons row after it."""

    def __init__(self, anchor, row) -> None:
        self.anchor, self.row = anchor, row
        self.post_id = anchor.get("name")
        self.shared = False
        cell = next(anchor.iterancestors("td"), None)
        # The anchor's cell in its row; none when the anchor stands straight in the row (a torn
        # "<td><span class="name">"): its nearest cell is then the layout cell around every post,
        # whose first span.name and profile link are another post's.
        self.author_cell = cell if cell is None or row is None or inside(cell, row) else None
        self.buttons = None
        self.body = self.details = self.edit = self.signature = self.mini_link = None
        self.signature_rule = None  # the <br> before an inline signature (see _inline_signature)
        self._date_text: str | None = None
        if row is None:
            return
        following = row.getnext()
        while following is not None and following.tag != "tr":
            following = following.getnext()
        if following is not None and not any(a.get("name") is not None for a in following.iterdescendants("a")):
            self.buttons = following  # find(".//a[@name]") is None, without ElementPath's cost
        self.body, self.details, self.mini_link = _row_marks(row, self.post_id, self.author_cell)
        if self.body is not None:
            for child in _cell_children(self.body, self.post_id):
                classes = (child.get("class") or "") if child.tag.__class__ is str else ""
                if child.tag == "span" and has_class(classes, "gensmall") and _words(child.itertext()):
                    self.edit = child
                elif child.tag == "span" and has_class(classes, "postbody") and _starts_with_rule(child):
                    self.signature = child  # "<br />_________________<br />" and the signature
            if self.signature is None:
                self.signature_rule = _inline_signature(self.body)
            if self.edit is None:
                self.edit = _edit_in_signature_row(self.body)

    def date_text(self) -> str:
        """"Posted: Sun Mar 06, 2005 5:45 pm" less its label: the words before the "Post subject" part
        (read once: the page's day/month order is learnt from it before the post is read)."""
        if self._date_text is None:
            self._date_text = self._read_date_text()
        return self._date_text

    def _read_date_text(self) -> str:
        if self.details is None:
            return ""
        # The words before the subject label: subSilver's span.gen, or (boards without it) a run of
        # no-break spaces or the first <b> ("Verfasst am: 20.05.2016 16:18&nbsp;&nbsp; &nbsp;Titel: <b></b>"),
        # or the line break after the date ("Posted: DATE<br /><img />Post subject: ...", ezArena).
        words = []
        for child, text in _texts_before(self.details):
            dated = any(c.isdigit() for c in "".join(words))
            if child is not None and (child.tag == "span" or child.tag in ("b", "br") and dated):
                break
            before, *gap = _SUBJECT_GAP.split(text, 1)
            words.append(before)
            if gap:
                break
        text = _words(words)
        return text.split(": ", 1)[1] if ": " in text else text

    def date_label(self) -> str:
        """The words before the date ("Posted", "Verfasst am", "Добавлено")."""
        text = _words([self.details.text or ""]) if self.details is not None else ""
        return text.split(": ", 1)[0] if ": " in text else ""

    def profile_link(self):
        """The member's profile link: in the author cell (themes that link the name) or the buttons row."""
        for holder in (self.author_cell, self.buttons):
            if holder is None:
                continue
            for anchor in holder.iter("a"):
                href = anchor.get("href") or ""
                if "mode=viewprofile" in href and _PROFILE_USER.search(href):
                    return anchor
        return None


def _cell_children(cell, post_id: str):
    """The children of a post's message cell, where its edit notice and signature are looked for;
    in a cell that wraps the message in ``<div id="message_N">`` (see :func:`_message_cell`), the
    children of its other divs too: OxyGen's subSilverPlus prints ``<div align="right"><span
    class="gensmall">...{EDITED_MESSAGE}...</span><span class="postbody">{SIGNATURE}</span></div>``."""
    message = f"message_{post_id}"
    wrapped = any(child.tag == "div" and child.get("id") == message for child in cell)
    for child in cell:
        if wrapped and child.tag == "div" and child.get("id") != message:
            yield from child
        else:
            yield child


def _texts_before(element):
    """(None, the text of ``element``), then (child, the child's tail) for each child: what a reader
    sees of the element outside its children."""
    yield None, element.text or ""
    for child in element:
        yield child, child.tail or ""


# subSilver's signature line: {postrow.SIGNATURE} is '<br />_________________<br />' and the signature.
SIGNATURE_RULE = "_" * 17


def _edit_in_signature_row(cell):
    """The edit notice a modified board prints in the signature's own row, after the message's
    ("<td valign="bottom">... signature<span class="gensmall"><br>_________________<br>Beitrag
    zuletzt bearbeitet am ...</span></td>"): the row's last ``span.gensmall`` child of a cell,
    with words besides the rule, in a row holding no message and no post anchor. None elsewhere
    (stock subSilver prints the notice in the message's cell)."""
    row = cell.getparent()
    following = row.getnext() if row is not None and row.tag == "tr" else None
    while following is not None and following.tag != "tr":
        following = following.getnext()
    if following is None or any(a.get("name") is not None for a in following.iter("a")):
        return None
    found = None
    for other in following:
        for child in other if other.tag == "td" else ():
            classes = (child.get("class") or "") if isinstance(child.tag, str) else ""
            if child.tag == "span" and has_class(classes, "postbody"):
                return None
            if child.tag == "span" and has_class(classes, "gensmall") and _words(child.itertext()).strip("_ "):
                found = child
    return found


def _inline_signature(cell):
    """The ``<br>`` that opens the signature when the template prints ``{MESSAGE}{SIGNATURE}`` in one
    ``span.postbody`` (stock subSilver): a child ``<br>`` of the cell's last ``span.postbody`` whose
    following text starts with the rule. Why: the signature is not the poster's words of this post."""
    last = None
    for child in cell:
        if child.tag == "span" and has_class(child.get("class") or "", "postbody"):
            last = child
    if last is None:
        return None
    for child in last:
        if child.tag == "br" and (child.tail or "").strip().startswith(SIGNATURE_RULE):
            return child
    return None


def _starts_with_rule(span) -> bool:
    """Do the words of a ``span.postbody`` start with "___" (the line above a signature)? The
    span's raw text is asked first for three underscores, which those words can only come from:
    most such spans are the whole message, which :func:`element_text` would walk to say no."""
    return "".join(span.itertext()).count("_") >= 3 and element_text(span).startswith("___")


def permalinked_post_ids(posts: list[PostParts]) -> list[str]:
    """The numbers N of the posts the post table links to as ``viewtopic.php?p=N#N`` (each post's
    own link beside its date), outside every post's message cell (a post's words may link to any
    post of the board).

    Why: the posts are found by their ``<a name="N">`` anchors; a theme that prints one post without
    it made the parser pass over that post without a word. Its permalink, beside its date in the
    same table, is the trace it leaves (:func:`parsers.post_blocks.say_unread_posts` names it).
    Only the table of the posts' rows is read: a board's blocks elsewhere on the page ("recent
    posts") link to posts of other topics."""
    rows = [parts.row for parts in posts if parts.row is not None]
    table = next(rows[0].iterancestors("table"), None) if rows else None
    if table is None:
        return []
    bodies = {parts.body for parts in posts if parts.body is not None}
    numbers = []
    for link in table.iter("a"):
        href = link.get("href") or ""
        number = href.partition("#")[2]
        if (number.isdigit() and _is_permalink(href, number)
                and not any(cell in bodies for cell in link.iterancestors("td"))):
            numbers.append(number)
    return numbers


def _is_permalink(href: str, post_id: str) -> bool:
    """``viewtopic.php?p=N#N`` (or a rewritten address that names N before ``#N``)."""
    address, hash_, fragment = href.partition("#")
    return bool(hash_) and fragment == post_id and re.search(rf"(?<!\d){post_id}(?!\d)", address) is not None


def topic_id_in(href: str | None) -> str | None:
    match = _TOPIC_ID.search(href or "")
    return match.group(1) if match else None


def start_in(url: str) -> int | None:
    match = _START.search(url or "")
    return int(match.group(1)) if match else None


_VIEW_CHOICE = re.compile(r"[?&;](postorder|postdays)=([^&;#]*)", re.I)
_CHOICE_SELECTS = xpath("//select[@name='postorder' or @name='postdays']")


def partial_view(root, url: str) -> str | None:
    """What makes this page a view that does not start at the topic's first post, or None.

    phpBB 2's viewtopic takes ``postorder=desc`` (newest first) and ``postdays=N`` (only the last
    N days), prints them in its ``select[name=postorder]``/``select[name=postdays]`` and keeps them
    in the pagination links: page 1 of such a view starts at a later post, so its first post is no
    starter and its place on the page no position in the topic.
    """
    choices = {name.lower(): value.lower() for name, value in _VIEW_CHOICE.findall(url or "")}
    for select in _CHOICE_SELECTS(root):
        chosen = next((o for o in select.iter("option") if o.get("selected") is not None), None)
        if chosen is not None and select.get("name") not in choices:
            choices[select.get("name")] = (chosen.get("value") or "").strip().lower()
    if choices.get("postorder") == "desc":
        return "posts shown newest first (postorder=desc)"
    days = _int(choices.get("postdays") or "0")
    if days:
        return f"only the posts of the last {days} days shown (postdays={days})"
    return None
