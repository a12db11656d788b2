"""What one pass over an SMF page finds (:class:`PageParts`), and one pass over each post (:class:`Raw`)."""

from __future__ import annotations

import re

from ..html_text import drop_node, element_text
from ..markup import has_class, inside
from ..post_blocks import parsed_ids_with, parts_of_other_posts, say_unread_posts, separate_nested, shared_blocks


# h1 to h3 too: a theme may print the subject (``id="subject_N"``) as a heading (a Bulma theme for 2.0: <h1>).
_PAGE_TAGS = ("div", "h1", "h2", "h3", "h4", "h5", "td", "span", "time", "link", "input", "form", "title")
_POST_TAGS = ("div", "h4", "b", "strong", "a", "li", "span", "td")

_SUBJECT_ID = re.compile(r"^subject_(\d+)$")
# Ids of a post's parts, with the post's number: its block, subject, message and edit notice.
MESSAGE_ID = re.compile(r"^msg_(\d+)$")  # the post body's id, which every theme keeps
# The post's anchor (``<a id="msgN">``), which Display.template.php prints before every post.
MESSAGE_ANCHOR_ID = re.compile(r"^msg(\d+)$")
_POST_PART_IDS = frozenset({"msg", "subject_", "msg_", "modified_"})
_HEADER_LINE = re.compile(r"^\s*(?:(?P<label>[^:\d#]*(?:#\s*(?P<number>\d+))?[^:\d]*):)?\s*(?P<when>.*?)\s*$", re.DOTALL)
_REPLY_NUMBER = re.compile(r"#\s*(\d+)")
# A bare date line without the colon of "Reply #3 on: date": "Reply #3 on date" (label, number, rest).
_BARE_HEADER = re.compile(r"^[^\d#:]*#\s*(\d+)\s*(.*)$", re.DOTALL)


def say_unread_messages(root, read: list[str], errors: list[str]) -> None:
    """Say the posts the page names by a message id (``div#msg_N``) or only by its anchor
    (``a#msgN``: a post printed by another template) that were not read. SMF and ElkArte (its
    fork) print both; the page's ids holding "msg" serve both questions (one walk of the page in C)."""
    msg_ids = parsed_ids_with(root, "msg")
    say_unread_posts(root, MESSAGE_ID, "msg_", read, errors, msg_ids)
    say_unread_posts(root, MESSAGE_ANCHOR_ID, "msg", read, errors, msg_ids)


class PageParts:
    """Everything page-level the parser reads, found in one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.root = root
        self.subjects: list = []
        self.top_subject = self.navigate = self.nav_1x = self.display_head = self.fatal = None
        self.page_links_holders: list = []
        self.times: list = []
        self.topic_values: list[str] = []
        self.login = None
        self.canonical = self.link_next = None
        self.title = ""
        self.bodies: dict[str, object] = {}  # post id -> its message ``div#msg_N``
        self.posters: list = []  # the poster columns (``div.poster``)
        for node in root.iter(*_PAGE_TAGS):
            tag = node.tag
            node_id = node.get("id")
            if node_id:
                if node_id.startswith("subject_"):
                    self.subjects.append(node)
                    continue
                if node_id.startswith("msg_") and tag == "div":
                    match = MESSAGE_ID.match(node_id)
                    if match:
                        self.bodies.setdefault(match.group(1), node)
                elif node_id == "top_subject":
                    self.top_subject = node
                elif node_id == "display_head":
                    self.display_head = node
                elif node_id == "fatal_error":
                    self.fatal = node
                elif node_id == "frmLogin":
                    self.login = node
                elif node_id == "quickModForm" and node.get("action"):
                    self.topic_values.append(node.get("action"))
            if tag == "div" or tag == "td":
                classes = node.get("class") or ""
                if not classes:
                    continue
                # has_class() inlined (the substring test first): this runs for every div and cell of the page.
                if tag == "div" and "poster" in classes and "poster" in classes.split():
                    self.posters.append(node)
                # "middletext" among other classes: SMF 2.0's core theme ("margintop middletext floatleft").
                if ("pagelinks" in classes or classes == "middletext"
                        or (tag == "div" and "middletext" in classes and "middletext" in classes.split())):
                    self.page_links_holders.append(node)
                elif "navigate_section" in classes and self.navigate is None:
                    self.navigate = node
                elif classes == "nav" and self.nav_1x is None and node.find(".//a[@class='nav']") is not None:
                    self.nav_1x = node
            elif tag == "time":
                if node.get("datetime"):
                    self.times.append(node)
            elif tag == "link":
                rel = node.get("rel")
                if rel == "canonical" and self.canonical is None:
                    self.canonical = node.get("href")
                elif rel == "next" and self.link_next is None:
                    self.link_next = node.get("href")
            elif tag == "input":
                if node.get("name") == "topic" and node.get("value"):
                    self.topic_values.append(node.get("value"))
            elif tag == "title" and not self.title:
                self.title = " ".join(element_text(node).split())


class Raw:
    """One post: its elements and what its header says, read in one pass over the post."""

    __slots__ = ("author_holder", "body", "container", "date_text", "edit", "files", "header_edit", "like_posts",
                 "like_posts_button", "likes", "nested_poster", "number", "others", "post_id", "shared", "subject")

    def __init__(self, post_id: str, subject, container, body) -> None:
        self.post_id, self.subject, self.container, self.body = post_id, subject, container, body
        self.date_text: str | None = None
        self.header_edit: str | None = None  # "Last edit: DATE by NAME" printed beside the date (bitcointalk)
        self.number: int | None = None  # "Reply #N"
        self.author_holder = self.edit = self.likes = None
        # The "Like Posts" mod (siddhartha-gupta/SMF-Likes): its count ``span#like_count_N`` and
        # its button ``a#like_N``, printed in div.like_post_box below the message.
        self.like_posts = self.like_posts_button = None
        self.files: list = []
        self.others: list = []  # further elements with this post's subject id
        self.shared = False  # the container holds other posts too (see parsers.post_blocks)
        self.nested_poster = False  # the poster column holds another poster column (another post's)

    def read(self) -> None:
        """The post's parts outside its message, with the message taken out of it (it is read on its own)."""
        drop_node(self.body)
        self._read_header()
        modified = f"modified_{self.post_id}"
        like_count, like_button = f"like_count_{self.post_id}", f"like_{self.post_id}"
        poster = first_bold = None
        for node in self.container.iter(*_POST_TAGS):
            tag = node.tag
            if tag == "div":
                if "poster" in (classes := node.get("class") or "") and "poster" in classes.split():
                    if poster is None:
                        poster = node  # has_class() inlined: this runs for every div of every post
                    elif inside(node, poster):
                        # A poster column inside this post's: another post's, whose ids and start
                        # tags were lost with the end of this column (fuzz seed 1203, 200 tags deleted
                        # from an SMF 2.0 page: the other's profile link was taken as this post's).
                        self.nested_poster = True
                elif node.get("id") == modified:
                    self.edit = node
            elif tag == "h4":
                # The poster column's own h4: one further on in the block is another post's whose
                # start tags were lost (its poster column unread), never this post's author.
                if poster is not None and self.author_holder is None and inside(node, poster):
                    self.author_holder = node
            elif tag == "b" or tag == "strong":
                if first_bold is None:
                    first_bold = node
            elif tag == "a":
                if "dlattach" in (node.get("href") or ""):
                    self.files.append(node)
                elif node.get("id") == like_button:
                    self.like_posts_button = node
                elif node.get("id") == modified:
                    # SMF 3.0 prints the notice as a link (it opens the edit history) once a post's
                    # earlier versions are kept: "<a class="smalltext modified" id="modified_N">".
                    self.edit = node
                elif self.number is None and "message_number" in (node.get("class") or ""):
                    # bitcointalk.org's 1.1 theme prints no "Reply #N" line: the post's place in the
                    # topic is the "#21" link beside its buttons. Without it a page read from a post's
                    # address (topic=N.msgM) that links no later page numbered its posts from 1.
                    match = _REPLY_NUMBER.search(element_text(node))
                    if match and int(match.group(1)) > 0:
                        self.number = int(match.group(1)) - 1
            elif tag == "li":
                if "like_count" in (node.get("class") or ""):
                    self.likes = node
            elif (node_id := node.get("id")) == modified:
                self.edit = node
            elif node_id == like_count and tag == "span":
                self.like_posts = node
        if poster is not None and _follows(poster, self.subject, self.container):
            # Display.template.php prints a post's poster column before its subject: one after it
            # is a later post's, left in this block by a torn page (the closing tags after this
            # post's own column lost), and its name was this post's, silently.
            poster = None
            self.author_holder = None
        if self.author_holder is None:
            if poster is None and not self._in_table_cell():
                # A theme without the poster column's div.poster and h4 (a Bulma theme for 2.0: an
                # <aside> holding "<span><a href="...action=profile;u=N">X</a></span>"): the block's
                # first profile link with words, as $message['member']['link'] prints it (the
                # message, with its quotes, is out of the block by now), before the post's subject
                # as the column stands before the post: one after it is in a later post's column
                # that a torn page left in this block (its name was this post's, silently). 1.x's
                # table cells keep their own rule below.
                self.author_holder = self._profile_link_before_subject()
            elif poster is not None:
                # Without its h4, the poster column's own words are a group, a title, "Posts: 12":
                # only a profile link names the author.
                self.author_holder = next((a for a in poster.iter("a") if "action=profile" in (a.get("href") or "")
                                           and element_text(a)), None)
            elif first_bold is not None:
                # SMF 1.x: the author cell is the cell beside the subject's and the name its first <b>
                # (<strong> in the Babylon theme for 2.0, which keeps 1.x's table layout).
                self.author_holder = self._author_cell_bold()
        if self.nested_poster:  # the name in the column may be the other post's
            self.author_holder = None
        if self.shared:  # only what names this post's id is its own
            self.author_holder = self.likes = None
            self.files = []

    def _profile_link_before_subject(self):
        """The block's first profile link with words before the post's subject (document order)."""
        for node in self.container.iter():
            if node is self.subject:
                return None
            if node.tag == "a" and "action=profile" in (node.get("href") or "") and element_text(node).strip():
                return node
        return None

    def _author_cell_bold(self):
        """SMF 1.x: the first <b> (or <strong>: the Babylon theme for 2.0) of the cell beside the
        subject's (the author cell and the message cell share one row). The container's first <b> alone
        may be another post's author, where a torn page lost that post's subject and the tags between
        the two posts, and the two merged into one cell."""
        for ancestor in self.subject.iterancestors():
            if ancestor is self.container:
                break
            if ancestor.tag != "td":
                continue
            for cell in ancestor.itersiblings("td", preceding=True):
                bold = next(cell.iter("b", "strong"), None)
                if bold is not None:
                    # The ``<a name="msgN">`` before a 1.x post's table: where the last one before this cell
                    # names another post, and this <b> is the first after it, the cell is that post's
                    # author cell (the tags between its name and this post's subject were lost): never
                    # this post's author. A later <b> is a cell of its own, after that post's.
                    anchor = _anchor_before(bold)
                    if (anchor is not None and anchor.get("name") != f"msg{self.post_id}"
                            and next(iter(anchor.xpath("following::*[self::b or self::strong][1]")), None) is bold):
                        return None
                    return bold
        return None

    def _in_table_cell(self) -> bool:
        """Is the subject in a table cell of the post's block (SMF 1.x's layout)?"""
        for ancestor in self.subject.iterancestors():
            if ancestor is self.container:
                return False
            if ancestor.tag == "td":
                return True
        return False

    def _read_header(self) -> None:
        """The date line beside the subject: "« Reply #3 on: date »" (1.x, 2.0) or ``.postinfo a.smalltext`` (2.1);
        else a bare ``<p>`` after the subject, "Reply #3 on date" (a Bulma theme for 2.0)."""
        for subject in (self.subject, *self.others):
            if self._read_header_beside(subject):
                return
        for subject in (self.subject, *self.others):
            line = next((sibling for sibling in subject.itersiblings("p")), None)
            if line is None:
                continue
            text = " ".join(element_text(line).split())
            match = _BARE_HEADER.match(text)
            if match:
                self.number = int(match.group(1))
                text = match.group(2)
            if text:
                self.date_text = text
                return
        self._read_header_within()

    def _read_header_within(self) -> None:
        """The date a theme prints inside the subject element, after the subject's link, in a
        ``<small>`` (dhayzon's Bootstrap theme for 2.0: ``<h5 id="subject_N"><a>subject</a><small><span
        class="badge">Reply 3</span> on DATE</small></h5>``): the small's words less its badge, the
        badge's number the reply's. The subject's own words are never read as a date."""
        small = next(self.subject.iterchildren("small"), None)
        if small is None:
            return
        badge = next(small.iterchildren("span"), None)
        badge_words = " ".join(element_text(badge).split()) if badge is not None else ""
        words = " ".join(element_text(small).split())
        if badge_words and words.startswith(badge_words):
            words = words[len(badge_words):].strip()
            numbers = re.findall(r"\d+", badge_words)
            if len(numbers) == 1:
                self.number = int(numbers[0])
        if words:
            self.date_text = words

    def _read_header_beside(self, subject) -> bool:
        text = None
        for sibling in subject.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            classes = sibling.get("class") or ""
            if has_class(classes, "modified") or sibling.get("id") == f"modified_{self.post_id}":
                # The edit notice beside the subject ("span.smalltext.modified#modified_N", as the
                # Spirate theme prints it after the message): its time is the edit's, never the post's.
                continue
            if "page_number" in classes:
                match = _REPLY_NUMBER.search(element_text(sibling))
                self.number = int(match.group(1)) if match else self.number
            elif "postinfo" in classes or (sibling.tag == "h5" and not classes):
                # 2.1 final: div.postinfo; 2.1's release candidates (RC2, 2019) print the same date
                # link (a.smalltext, "Reply #N - subject" in its title) in a bare <h5>.
                for node in sibling.iter("a", "span", "div"):
                    node_classes = node.get("class") or ""
                    if has_class(node_classes, "smalltext") and "modified" not in node_classes:
                        text = element_text(node)
                        if self.number is None:
                            match = _REPLY_NUMBER.search(node.get("title") or "")
                            self.number = int(match.group(1)) if match else None
                        break
                break
            elif has_class(classes, "smalltext"):
                # bitcointalk.org's 1.1 theme prints an edited post's date as <span class="edited"
                # title="Last edit: DATE by NAME">POSTED</span>, the notice again in span.editplain, and
                # leaves td#modified_N empty: the span's words are the post's time, its title the edit.
                edited = next((span for span in sibling.iter("span") if has_class(span.get("class") or "", "edited")
                               and span.get("title")), None)
                if edited is not None:
                    self.header_edit = edited.get("title")
                    text = element_text(edited)
                else:
                    text = element_text(sibling)
                break
        if text is None:
            return False
        match = _HEADER_LINE.match(text.replace("\u00ab", " ").replace("\u00bb", " "))
        self.date_text = match.group("when") if match else text
        if match and match.group("number"):
            self.number = int(match.group("number"))
        return True


def _anchor_before(node):
    """The last ``<a name="msg...">`` before *node* in the page, if any."""
    for ancestor in (node, *node.iterancestors()):
        for sibling in ancestor.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            anchors = [anchor for anchor in sibling.iter("a") if (anchor.get("name") or "").startswith("msg")]
            if anchors:
                return anchors[-1]
    return None


def _follows(node, anchor, top) -> bool:
    """Whether ``node`` comes after ``anchor``, outside it, in document order, both inside ``top``."""
    for holder in (anchor, *anchor.iterancestors()):
        if holder is top:
            break
        for sibling in holder.itersiblings():
            if sibling is node or inside(node, sibling):
                return True
    return False


def find_posts(page: PageParts) -> list[Raw]:
    """One post per subject id; some 2.0 themes print the subject twice (a phone header and the
    desktop one), and the date line may sit beside either."""
    found: list[tuple[str, object, object, list]] = []  # post id, subject, container, further subjects
    by_id: dict[str, list] = {}
    holders = _Holders(page)
    for subject in page.subjects:
        match = _SUBJECT_ID.match(subject.get("id") or "")
        if not match:
            continue
        post_id = match.group(1)
        if post_id in by_id:
            by_id[post_id].append(subject)
            continue
        by_id[post_id] = others = []
        found.append((post_id, subject, _container(subject, post_id, page, holders), others))
    containers = [container for _id, _subject, container, _others in found]
    # (asked before blocks found inside others are moved out, which puts them in the outer post's div#msgN)
    misplaced = {index for index, (post_id, _subject, container, _others) in enumerate(found)
                 if _in_another_posts_block(container, post_id)}
    separate_nested(containers)
    shared = shared_blocks(containers, [subject for _id, subject, _container, _others in found])
    shared |= parts_of_other_posts(containers, [post_id for post_id, _subject, _container, _others in found],
                                   _POST_PART_IDS)
    raws: list[Raw] = []
    for index, (post_id, subject, container, others) in enumerate(found):
        body = _body(container, post_id)
        if body is None:
            continue
        raw = Raw(post_id, subject, container, body)
        raw.others, raw.shared = others, index in shared or index in misplaced
        raws.append(raw)
    return raws


def _in_another_posts_block(container, post_id: str) -> bool:
    """Is the post's block (its ``div.post_wrapper``) inside another post's ``div#msgN``? A torn page
    lost the end of post N and the start of this one: this post's subject and message stand in N's
    wrapper, beside N's poster column, whose member is not this post's poster (fuzz seed 1072,
    garbage over a real page: a post took the poster of the post before it, silently)."""
    for node in (container, *container.iterancestors("div")):
        match = _BLOCK_ID.fullmatch(node.get("id") or "")
        if match is not None:
            return match.group(1) != post_id
    return False


_BLOCK_ID = re.compile(r"msg(\d+)")


class _Holders:
    """How many posts' subjects, and which poster columns, each element of the page holds: asked
    only for a post whose block none of the known shapes names (see :func:`_container`)."""

    def __init__(self, page: PageParts) -> None:
        self.page = page
        self._subjects: dict | None = None
        self._posters: set | None = None

    def subjects(self, node) -> int:
        if self._subjects is None:
            self._subjects = {}
            for subject in self.page.subjects:
                for ancestor in subject.iterancestors():
                    self._subjects[ancestor] = self._subjects.get(ancestor, 0) + 1
        return self._subjects.get(node, 0)

    def has_poster(self, node) -> bool:
        if self._posters is None:
            self._posters = {ancestor for poster in self.page.posters for ancestor in poster.iterancestors()}
        return node in self._posters


def _container(subject, post_id: str, page: PageParts, holders: _Holders):
    """``div#msgN`` (2.1), ``div.post_wrapper`` (2.0) or the 1.x ``td.windowbg*`` cell around the post;
    else the block that holds the post's message (``div#msg_N``, which every theme keeps) and its poster
    column. SMF 2.0's own "core" theme prints neither 2.0 shape: ``div.clearfix.windowbg`` around the
    poster column and ``div.postarea``, where the subject sits three levels below and the message
    beside it, so the subject's grandparent held no message and every post was dropped. A theme whose
    subject's grandparent holds the message but not the poster column (SMFTricks' Redsy: div.postarea
    in a Bootstrap column beside div.poster, the edit notice after div.postarea) lost every author and
    edit notice: the block is taken up to the poster column there too."""
    block_id = f"msg{post_id}"
    for ancestor in subject.iterancestors():
        classes = ancestor.get("class") or ""
        if "post_wrapper" in classes or ancestor.get("id") == block_id:
            return ancestor
        if classes.startswith("windowbg") and ancestor.tag == "td":
            return ancestor
    parent = subject.getparent()
    block = parent.getparent() if parent is not None and parent.getparent() is not None else subject
    body = page.bodies.get(post_id)
    if body is None:
        return block
    if inside(body, block):
        if not page.posters or holders.has_poster(block) or holders.subjects(block) > 1:
            return block
        lowest = block  # the message is here, the poster column beside it further out
    else:
        body_holders = set(body.iterancestors())
        lowest = next((a for a in subject.iterancestors() if a in body_holders), None)
        if lowest is None or holders.subjects(lowest) > 1:
            return block  # the message is not beside this subject alone: left to the known shapes
    # The poster column beside the message: up a few levels, never into a block of other posts. A
    # page without any div.poster (a Bulma theme for 2.0: an <aside>): the block holding a profile
    # link outside the message.
    columns = bool(page.posters)
    candidate = lowest
    for _level in range(3):
        if holders.has_poster(candidate) if columns else _has_profile_link(candidate, body):
            return candidate
        parent = candidate.getparent()
        if parent is None or holders.subjects(parent) > 1:
            break
        candidate = parent
    found = holders.has_poster(candidate) if columns else _has_profile_link(candidate, body)
    return candidate if found else lowest


def _has_profile_link(block, body) -> bool:
    """Does ``block`` hold a member's profile link with words outside the post's message ``body``?"""
    return any("action=profile" in (a.get("href") or "") and element_text(a).strip() and not inside(a, body)
               for a in block.iter("a"))


def _body(container, post_id: str):
    inner = post = None
    wanted = f"msg_{post_id}"
    for div in container.iter("div"):
        if div.get("id") == wanted:
            return div
        classes = div.get("class")
        if not classes:
            continue
        # has_class() inlined (the substring test first): this runs for every div of every post.
        if inner is None and "inner" in classes and "inner" in classes.split():
            inner = div
        elif post is None and "post" in classes and "post" in classes.split():
            post = div
    return inner if inner is not None else post
