"""What one pass over a MyBB page finds (:class:`PageParts`), and one pass over each post (:class:`PostParts`)."""

from __future__ import annotations

import re

from .common import POST_ID

# A numeric date with a two-digit year, as the "m-d-y", "d-m-y", "m.d.y" and "d.m.y" date formats
# of MyBB's settings print it ("05-30-24"): PHP's "y" is the year in the century.
_SHORT_YEAR = re.compile(r"(?<![\d.:/-])(\d{1,2})([-./])(\d{1,2})\2(\d{2})(?![\d.:/-])")
_LESS_THAN = re.compile(r"^\s*Less than\s+(?=1 minute ago)", re.I)


class PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.posts, self.paginations, self.crumbs = [], [], []
        self.active_crumb = self.thread_input = self.current_time = self.login_form = None
        self.navigation = None
        # a theme's ``ol.breadcrumb`` (or ``div.breadcrumb``) in place of the stock navigation
        self.breadcrumb_list = None
        # Each element is asked only for the attributes its tag's tests read, and a class is split
        # into its tokens only when it holds a word looked for: a page has hundreds of these elements.
        # <article> too: a theme may print the post's block as one (the Adaptive Theme Framework's
        # postbit: "<article class="post classic" id="post_N">"), holding its message div#pid_N
        # (another engine's "<article id="post_1">", Discourse's, holds none: not a MyBB post).
        for node in root.iter("div", "table", "article", "span", "input", "ol", "ul"):
            tag = node.tag
            if tag == "div" or tag == "table" or tag == "article":
                node_id = node.get("id")
                if node_id and node_id.startswith("post_") and POST_ID.match(node_id) and (
                        tag != "article" or node.find(f".//div[@id='pid_{node_id[5:]}']") is not None):
                    self.posts.append(node)
                elif tag == "div":
                    classes = node.get("class")
                    if not classes or ("pagination" not in classes and "navigation" not in classes
                                       and "breadcrumb" not in classes):
                        continue
                    classes = classes.split()
                    if "pagination" in classes and "pagination_breadcrumb" not in classes:
                        self.paginations.append(node)
                    elif "navigation" in classes and self.navigation is None:
                        self.navigation = node
                    elif "breadcrumb" in classes and self.breadcrumb_list is None:
                        # sinister.ly's "modern" theme: ``<div class="breadcrumb"><ul><li><a>``.
                        self.breadcrumb_list = node
            elif tag == "span":
                classes = (node.get("class") or "").split()
                if "nav_bit" in classes:
                    self.crumbs.append(node)
                elif "active" in classes and self.active_crumb is None and _inside_class(node, "navigation"):
                    self.active_crumb = node
                elif node.get("id") == "current_time":
                    self.current_time = node
            elif tag == "ol" or tag == "ul":
                # Bootstrap themes (BootBB on sampforum.blast.hk) print the nav template's crumbs as
                # ``<ol class="breadcrumb"><li><a>``: no span.nav_bit, no div.navigation, no forum path.
                if self.breadcrumb_list is None and "breadcrumb" in (node.get("class") or ""):
                    self.breadcrumb_list = node
            elif tag == "input":
                name, value = node.get("name"), node.get("value")
                if name == "tid" and self.thread_input is None and (value or "").isdigit():
                    self.thread_input = value
                elif name == "action" and value == "do_login" and self.login_form is None and not any(
                        a.get("id") == "quick_login" for a in node.iterancestors("div")):
                    self.login_form = node  # the login box of "You do not have permission", not the header's

    def pagination_link(self, name: str) -> str | None:
        for pagination in self.paginations:
            for anchor in pagination.iter("a"):
                if name in (anchor.get("class") or "").split() and anchor.get("href"):
                    return anchor.get("href")
        return None


def _date_around(edit, block):
    """The element whose words are the post's date in MyBB 1.6 (no ``.post_date``): the edit
    notice's parent, or, where a theme wrapped the notice in a ``div`` of its own ("date, time
    <div class="x"><span id="edited_by_N">"), the nearest element up to two levels further out
    that holds words besides the notice: the wrapper holds none, and the date was lost (and with
    it, the only day past the 12th that told the page's day/month order)."""
    parent = edit.getparent()
    notice = "".join(edit.itertext()).split()
    holder = parent
    for _ in range(3):
        if holder is None or holder is block:
            break
        if "".join(holder.itertext()).split() != notice:  # words besides the notice: the date's
            return holder
        holder = holder.getparent()
    return parent


# The online status images of MyBB's default image sets (images/buddy_online.png, buddy_offline,
# buddy_away; .gif in 1.6), which postbit_online, postbit_offline and postbit_away print.
_STATUS_IMAGE = re.compile(r"(?:^|/)buddy_(?:online|offline|away)\.(?:png|gif)(?:$|\?)", re.I)


# Invisible format characters (zero-width spaces and joiners, bidirectional controls, the BOM),
# which no file name holds: a hostile or torn page's, read past in an image's address.
_FORMAT_CHARACTERS = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def is_status_image(image) -> bool:
    """An ``<img>`` of a member's online status: classed ``buddy_status`` (1.8), or one of the
    default status images by its file name, which a theme that renamed the class keeps (format
    characters in the address aside: "buddy_offline.png" followed by a right-to-left override
    hid a member's status, and a guest's post then took a hover card's member, fuzz seed 20240601)."""
    return "buddy_status" in (image.get("class") or "").split() or bool(
        _STATUS_IMAGE.search(_FORMAT_CHARACTERS.sub("", image.get("src") or "").strip()))


def _inside_class(node, name: str) -> bool:
    return any(name in (a.get("class") or "").split() for a in node.iterancestors("div"))


class PostParts:
    """The elements of one post the parser reads, from a single walk of the post."""

    def __init__(self, node) -> None:
        self.node = node
        self.post_id = POST_ID.match(node.get("id")).group(1)
        self.shared = False  # the post's block holds a part of another post (see parsers.post_blocks)
        self.box_lost = False  # no author box where the page's other posts have one (set by the page)
        # no author box on the page, but a post shows a member's online status (set by the page)
        self.status_shown = False
        self.author_box = self.date = self.body = self.edit = self.head = None
        self.signatures, self.attachment_boxes = [], []
        self.likers = None  # the Thank You/Like plugin's list of the post's likers (span#tyl_data_N)
        self.like_bar = None  # the Simple Likes plugin's bar (div.likebar#post_likes_N)
        boxes = {"post_author": 0, "author_information": 0}  # one of each a post, where a theme has them
        for child in node.iter("div", "span", "td", "fieldset", "time"):
            tag = child.tag
            # A date after the message's start is a later post's (every postbit prints the date
            # before the message): the block lost that post's start and head tags.
            if tag == "time":  # the Adaptive Theme Framework's "<time class="post_date">" (no span)
                if self.date is None and self.body is None and "post_date" in (child.get("class") or "").split():
                    self.date = child
                continue
            if tag == "fieldset":
                self.attachment_boxes.append(child)
                continue
            classes = child.get("class")
            if not classes and tag != "span":
                continue
            classes = (classes or "").split()
            if tag == "span":
                if self.date is None and "post_date" in classes:
                    if self.body is None:
                        self.date = child
                elif self.edit is None and ("post_edit" in classes or (child.get("id") or "").startswith("edited_by_")):
                    self.edit = child
                elif self.likers is None and child.get("id") == f"tyl_data_{self.post_id}":
                    self.likers = child
            elif self.body is None and "post_body" in classes:
                self.body = child
            elif "post_author" in classes or "author_information" in classes:
                for name in boxes:
                    boxes[name] += name in classes
                if self.author_box is None and "post_author" in classes:
                    self.author_box = child
            elif self.head is None and "post_head" in classes:
                self.head = child
            elif "signature" in classes:
                self.signatures.append(child)
            elif self.like_bar is None and "likebar" in classes and child.get("id") == f"post_likes_{self.post_id}":
                self.like_bar = child
        # A second author box (or its inner part) in the block is another post's whose own block
        # lost its start tag: its profile link must not become this post's author.
        self.shared = any(count > 1 for count in boxes.values())
        # postbit_deleted_member: what a member is shown of a soft-deleted post ("div.post.deleted_post_hidden
        # #post_N": the poster's name and "This post has been deleted.", no date, no message; any
        # "deleted_post..." class on a block without a message). The board holds no words for the
        # page to have lost (moderators get the whole post instead, classed "deleted_post").
        self.deletion_notice = self.body is None and any(
            token.startswith("deleted_post") for token in (node.get("class") or "").split())
        if self.date is None and self.edit is not None:
            # 1.6: "<span class="smalltext">date, time <span id="edited_by_N">...</span></span>"
            self.date = _date_around(self.edit, node)

    def shows_status(self) -> bool:
        """Does the post show a member's online status (``img.buddy_status``, build_postbit's
        postbit_online, postbit_offline or postbit_away) before its message, outside it?"""
        for node in self.node.iter("img", "div"):
            if node is self.body:
                return False
            if node.tag == "img" and is_status_image(node):
                return True
        return False

    def date_titles(self) -> list[str]:
        """The absolute dates MyBB 1.8 writes in the ``title`` of the relative ones of the post's
        date line ("Today", "5 hours ago"), its edit notice's included."""
        if self.date is None:
            return []
        return [span.get("title") for span in self.date.iter("span") if span.get("title")]

    def date_text(self) -> str:
        """The printed post time, the edit notice left out and relative words replaced by the
        absolute date in their ``title``."""
        if self.date is None:
            return ""
        return printed(span_titles_text(self.date, skip=self.edit))


def printed(text: str) -> str:
    """A date as MyBB printed it, with a two-digit year written out ("05-30-24" -> "05-30-2024";
    years from 70 on are 19xx), so that day/month order is read as for any other numeric date, and
    "Less than 1 minute ago" (the English pack's rel_less_than) read as the minute it rounds up to."""
    text = _LESS_THAN.sub("", text)
    return _SHORT_YEAR.sub(lambda m: f"{m[1]}{m[2]}{m[3]}{m[2]}{'19' if int(m[4]) >= 70 else '20'}{m[4]}", text)


def span_titles_text(element, skip=None) -> str:
    """The words of a small element with each titled ``<span>`` read as its title ("Yesterday" ->
    "02-23-2019"), leaving out ``skip``."""
    parts = [element.text or ""]
    stack = [(iter(element), None)]  # its own stack: a broken page may nest its date line deep
    while stack:
        for child in stack[-1][0]:
            if child is skip:
                pass
            elif child.tag == "span" and child.get("title"):
                parts.append(" " + child.get("title") + " ")
            elif child.tag.__class__ is str:
                parts.append(child.text or "")
                stack.append((iter(child), child))
                break
            parts.append(child.tail or "")
        else:
            owner = stack.pop()[1]
            if owner is not None:
                parts.append(owner.tail or "")
    return " ".join("".join(parts).split())
