"""What one pass over a vBulletin page finds (:class:`PageParts`), and one pass over each post (:class:`Raw`)."""

from __future__ import annotations

import re

from lxml import etree

from ..html_text import drop_node, element_text
from ..markup import element_after, has_class, inside
from ..post_blocks import parts_of_other_posts, plausible_name, separate_nested, shared_blocks, with_blocks_inside
from ..values import words as _words
from .common import int_value


_PAGE_TAGS = ("div", "li", "span", "td", "dd", "h1", "form", "input", "ul", "script", "link", "meta", "base", "title")
_POST_TAGS = ("a", "span", "div", "td", "time", "em", "blockquote", "fieldset", "li")

_POST_MESSAGE = re.compile(r"^post_message_(\d+)$")
# A post's id as every generation prints it on the post or its body (3 and 5: post123, 4: post_123).
POST_ANY_ID = re.compile(r"^(?:post_message_|post_?)(\d+)$")
_POST_BLOCK = re.compile(r"^post_(\d+)$")


# The words of a vBulletin 5 post (itemprop "text") and of a comment on a reply ("commentText",
# ``li.b-comment`` in the reply's ``ul.b-comments__comments``, display_contenttype_threadview_comment).
_VB5_TEXT_PROPS = frozenset({"text", "commentText"})


def is_vb5_post(item) -> bool:
    return "b-post" in (item.get("class") or "").split()


def _is_vb5_comment(item) -> bool:
    """Is this vBulletin 5 post a comment on a reply (``li.b-post.b-comment``, numbered "#2.1")?"""
    return "b-comment" in (item.get("class") or "").split()


def _in_stream_list(item) -> bool:
    """Is this vBulletin 5 post an item of an activity stream (``ul.conversation-list.stream-view``:
    a member's profile "Activities", a channel's or a topic's "Latest Activity", search results)?
    Such a list holds posts of several topics, newest first, each headed "X started a topic Y" or
    "X replied to Y": never one topic's page in order. A topic's own posts are ``ul.thread-view``."""
    parent = item.getparent()
    if parent is None or parent.tag != "ul":
        return False
    classes = parent.get("class") or ""
    return "stream-view" in classes and "conversation-list" in classes


def _draws_post_tree(div) -> bool:
    """Is this ``div#links`` vBulletin 3's reply tree (template showthread_list: a script of
    ``writeLink(postid, ...)`` calls, one a post)? vBulletin 3.x threaded and hybrid views have no
    div#posttree: the page shows one post (or one branch), the others only in that tree and in the
    script's ``pd[N]`` cache. A real 3.8.2 board's 16-post thread read as one post, silently."""
    return any("writeLink(" in (script.text or "") for script in div.iter("script"))


# --- The page --------------------------------------------------------------------------------


class PageParts:
    """Everything page-level the parser reads, found in one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.bodies: list = []
        self.post_blocks: list = []  # li#post_N, div#post_N: the posts of a skin without post_message_N
        self.name_menus: list = []  # vBulletin 3's div#postmenu_N, each post's name box (see vb30_posts)
        self.vb30 = False  # the posts found are vBulletin 3.0's (set by find_posts)
        self.block_like: list = []  # every li and div that is_post_block accepts (see blocks_to_separate)
        self.vb5_items: list = []
        self.stream_items: list = []  # vBulletin 5 posts in an activity stream (see _in_stream_list)
        self.titles: list[tuple[int, object]] = []  # (rank, element): lower ranks are surer
        self.breadcrumb = self.vb5_breadcrumb = self.stats = self.footer = self.tag_cell = None
        self.navbar_spans: list = []
        self.reload_links: list[str] = []
        self.pagination: list = []
        self.page_current = self.page_total = None
        self.thread_inputs: list[str] = []
        self.node_inputs: list[str] = []
        self.json_ld: list[str] = []
        self.time_hints: list = []
        self.errors: list = []
        self.login = False
        # vBulletin 3/4's threaded and hybrid views: div#posttree (the reply tree its script draws)
        # and, in 4, div#threaded_view around it. They show one post or one branch of the thread.
        self.tree_view = False
        self.canonical = self.link_next = self.base = self.og_title = self.page_title = None
        # Each attribute is asked for only by the tags whose tests read it: asking lxml for one
        # costs about as much as the tests themselves, and the page has about a thousand such elements.
        for node in root.iter(*_PAGE_TAGS):
            tag = node.tag
            if tag == "div":
                node_id = node.get("id")
                classes = node.get("class") or ""
                if node_id:
                    if node_id.startswith("edit") and _POST_BLOCK_ID.match(node_id):
                        self.block_like.append(node)  # (is_post_block's test of a div)
                    if node_id.startswith("post_"):
                        if node_id.startswith("post_message_"):
                            self.bodies.append(node)
                        elif _POST_BLOCK.match(node_id):
                            self.post_blocks.append(node)
                    elif node_id.startswith("postmenu_") and node_id[9:].isdigit():
                        self.name_menus.append(node)
                    elif node_id == "footer_time":
                        self.footer = node
                    elif node_id in ("postpagestats_above", "postpagestats") and self.stats is None:
                        self.stats = node
                    elif node_id == "breadcrumb" and self.breadcrumb is None:
                        self.breadcrumb = node
                    elif node_id in ("posttree", "threaded_view") or (node_id == "links" and _draws_post_tree(node)):
                        self.tree_view = True
                if "pagenav" in classes or "pagination" in classes:
                    self.pagination.append(node)
                elif "standard_error" in classes:
                    self.errors.append(node)
                text = node.text
                if text and ("GMT" in text or "UTC" in text or "WEZ" in text):
                    self.time_hints.append(node)
                elif "smallfont" in classes and len(node) and _zone_after_a_child(node):
                    # vBulletin 3's footer line (div.smallfont) in a pack that prints the clock first
                    # ("Текущее время: <span class="time">00:43</span>. Часовой пояс GMT +4."): the
                    # zone is in the text after the span, and every time was read 4 hours off, as UTC.
                    self.time_hints.append(node)
            elif tag == "span":
                classes = node.get("class") or ""
                if "threadtitle" in classes:
                    self.titles.append((1, node))
                elif classes == "navbar":
                    self.navbar_spans.append(node)
                else:
                    node_id = node.get("id")
                    if node_id == "mb_page_current":
                        self.page_current = element_text(node)
                    elif node_id == "mb_page_total":
                        self.page_total = element_text(node)
            elif tag == "li":
                classes = node.get("class") or ""
                node_id = node.get("id")
                if (node_id and _POST_BLOCK_ID.match(node_id)) or ("b-post" in classes and is_vb5_post(node)):
                    self.block_like.append(node)  # (is_post_block's test of an li)
                # "b-post" in the class first: data-node-id is asked of vBulletin 5's posts alone.
                if "b-post" in classes and node.get("data-node-id") and is_vb5_post(node):
                    if _in_stream_list(node):
                        self.stream_items.append(node)
                    else:
                        self.vb5_items.append(node)
                elif node_id and _POST_BLOCK.match(node_id):
                    self.post_blocks.append(node)
                elif "lastnavbit" in classes:
                    # vBulletin 4's breadcrumb ends on the thread's title, in themes that drop .threadtitle too.
                    self.titles.append((3, node))
            elif tag == "td":
                classes = node.get("class") or ""
                if classes == "navbar":
                    strong = node.find("strong")
                    if strong is not None:
                        self.titles.append((3, strong))
                    self.reload_links.extend(a.get("href") for a in node.findall("a") if a.get("href"))
                elif node.get("id") == "tag_list_cell":
                    self.tag_cell = node
                elif classes == "vbmenu_control" and "showthread.php?" in (node.get("title") or ""):
                    # vBulletin 3's page navigation keeps the thread's plain address for its "Go to
                    # page" box (``<td class="vbmenu_control" title="showthread.php?t=N">``), where
                    # a search engine URL add-on rewrote every link of the page.
                    self.reload_links.append(node.get("title"))
                elif classes == "panelsurround":
                    self.errors.append(node)
            elif tag == "h1":
                classes = node.get("class") or ""
                if "threadtitle" in classes:
                    self.titles.append((2, node))
                elif "main-title" in classes and _page_title_module(node):
                    # vBulletin 5 titles every module of the page with an h1.main-title; the
                    # announcement module ("Announcement / No announcement yet.") sits above the
                    # page-title module on a stock thread page, so only the latter names the thread.
                    self.titles.append((2, node))
            elif tag == "dd":
                if node.get("id") == "tag_list_cell":
                    self.tag_cell = node
            elif tag == "form":
                if "pagination" in (node.get("class") or ""):
                    self.pagination.append(node)
            elif tag == "input":
                name, value = node.get("name"), node.get("value") or ""
                if name in ("searchthreadid", "t", "threadid") and value.isdigit():
                    self.thread_inputs.append(value)
                elif name == "nodeid" and value.isdigit():
                    self.node_inputs.append(value)
                elif (name in ("vb_login_username", "vb_login_password")
                      and not (node.get("id") or "").startswith("navbar_")):
                    self.login = True  # a login form on the page itself; every guest page has one in the navbar
            elif tag == "ul":
                if node.get("id") == "breadcrumbs":
                    self.vb5_breadcrumb = node
            elif tag == "script":
                if node.get("type") == "application/ld+json" and node.text:
                    self.json_ld.append(node.text)
            elif tag == "link":
                rel = node.get("rel")
                if rel == "canonical" and self.canonical is None:
                    self.canonical = node.get("href")
                elif rel == "next" and self.link_next is None:
                    self.link_next = node.get("href")
            elif tag == "meta":
                if node.get("property") == "og:title" and self.og_title is None:
                    self.og_title = node.get("content")
            elif tag == "base":
                self.base = self.base or node.get("href")
            elif tag == "title" and self.page_title is None:
                self.page_title = _words([element_text(node)])


# --- One post ------------------------------------------------------------------------------------


class Raw:
    """One post: its elements and what its header says, read in one pass over the post."""

    __slots__ = (
        "attachment_regions",
        "author_fallback",
        "author_node",
        "body",
        "box_texts",
        "clicks",
        "container",
        "date_anchor",
        "date_box",
        "date_boxes",
        "date_text",
        "edit_comment_note",
        "edit_nodes",
        "generation",
        "likes",
        "machine_time",
        "member_menu",
        "number",
        "other_numbers",
        "permalink",
        "post_id",
        "shared",
        "thanks",
        "thumbs",
        "unix_time",
        "votes",
        "vb30",
    )

    def __init__(self, post_id: str, container, body, generation: int) -> None:
        self.post_id, self.container, self.body, self.generation = post_id, container, body, generation
        self.shared = False  # the container holds other posts too (see parsers.post_blocks)
        self.other_numbers: list[str] = []  # posts whose vBulletin 5 number link stands in this block (see read)
        self.vb30 = False  # vBulletin 3.0's postbit (see vb30_posts)
        self.date_text = self.unix_time = self.machine_time = self.permalink = None
        self.date_anchor = None  # the permalink anchor, kept when no date element was found (see date_texts)
        self.date_box = None  # the element date_text is the text of, when that text cannot change (see read)
        self.date_boxes: list | None = None  # see date_texts
        self.box_texts: dict = {}  # the text of each box date_texts has read
        self.number: int | None = None  # the post's number in the thread ("#12")
        self.author_node = self.author_fallback = self.likes = self.thanks = self.thumbs = None
        self.member_menu = None  # vBulletin 3's popup menu of the poster (div#postmenu_N_menu)
        self.votes = None  # vBulletin 5's like count (``li.votecount``), see references.read_reactions
        # DragonByte Tech's "Advanced Post Thanks / Like" counts, one per button (see read_reactions)
        self.clicks: list = []
        self.edit_nodes: list = []
        self.edit_comment_note = None  # the element after the template's <!-- edit note --> (see read)
        self.attachment_regions: list = []

    def read(self) -> None:
        """One pass over the post with its message taken out of it (the message is read on its own)."""
        post_id = self.post_id
        # The names that carry this post's number, made once per post rather than once per element.
        counter_id, anchor_name, menu_id = f"postcount{post_id}", f"post{post_id}", f"postmenu_{post_id}"
        popup_id = f"{menu_id}_menu"
        message_box = self.body.getparent()
        # Where the message stood, for the elements after it (see elements_after; none for a message
        # that is its block)
        following, above = (None, None) if self.body is self.container else (self.body.getnext(), message_box)
        drop_node(self.body)
        date_node = anchor_parent = thead = anchor = profile = None
        for node in self.container.iter(*_POST_TAGS):
            tag = node.tag
            classes = node.get("class") or ""
            if tag == "a":
                node_id, name = node.get("id"), node.get("name")
                if node_id == counter_id:
                    self.number = int_value(name) or self.number
                    self.permalink = self.permalink or node.get("href")
                    if node.get("href"):  # a themed counter that is the permalink too ("#41")
                        anchor = anchor if anchor is not None else node
                elif "postcounter" in classes:
                    self.permalink = node.get("href") or self.permalink
                    anchor = anchor if anchor is not None else node
                    if self.number is None:
                        # vBulletin 4 prints the post's number as the counter's own text ("#3"); a
                        # skin that drops the hidden ``a#postcountN`` keeps it (fxp.co.il): without
                        # it a page's post #3 was position 1 and its poster the thread's starter.
                        self.number = _printed_number(element_text(node))
                elif "b-post__count" in classes:
                    count = element_text(node).lstrip("#")
                    if self.generation == 5 and _is_vb5_comment(self.container):
                        count = count.partition(".")[0]  # a comment on reply #2 is "#2.1": it stands at 2
                    self.number = int_value(count) or self.number
                    href = node.get("href") or ""
                    if f"p={post_id}" in href or f"#post{post_id}" in href:
                        self.permalink = href
                    elif (other := _post_named(href)) is not None:
                        # Another post's number link ("?p=7043#post7043"): its header stands in this
                        # block, whose own was lost (a comment's start tags torn away): nothing here
                        # but what names this post is its own, and that post is not read.
                        self.shared = True
                        self.other_numbers.append(other)
                elif name == anchor_name:
                    anchor_parent = anchor_parent if anchor_parent is not None else node.getparent()
                    anchor = anchor if anchor is not None else node
                elif self.author_node is None and ("bigusername" in classes or has_class(classes, "username")):
                    self.author_node = node
                elif self.generation == 5 and self.votes is None and has_class(classes, "votecount"):
                    self.votes = node
                else:
                    href = node.get("href") or ""
                    if "p=" in href or "#post" in href or "/showpost" in href:
                        if _is_permalink(href, post_id):  # showpost.php?p=N, showthread.php?p=N#postN
                            self.permalink = self.permalink or href
                            anchor = anchor if anchor is not None else node
                    elif (profile is None and self.author_node is None and _MEMBER_LINK.search(href)
                          and not _in_menu(node, self.container) and plausible_name(text := element_text(node))
                          and not _COUNTER_START.match(text)):
                        # A skin's name link without the "username" class (not its avatar). Not one
                        # whose words start with a post's counter ("#42 06.03.2016, 08:10"): a member
                        # link that lost its </a> is reopened by the browser's tree (html5lib) around
                        # the next post's head, and post 7202 was given post 7201's profile under the
                        # name "#42" (fuzz seed 127, ``delete_tags``, vbulletin_themes/vb4_custom_skin).
                        profile = node
            elif tag == "span":
                # Most spans and divs of a post have none of the classes below: substring tests rule them out.
                if not ("date" in classes or "username" in classes or "post_thumbs" in classes
                        or "nodecontrols" in classes or "votecount" in classes or "clickcount" in classes):
                    continue
                if "clickcount" in classes:
                    # DragonByte Tech's "Advanced Post Thanks / Like": each button's count in
                    # ``span.clickcount[data-button][data-postid]`` (its script's hook), in the
                    # post's footer: the counts were lost.
                    if (has_class(classes, "clickcount") and node.get("data-postid") == post_id
                            and (node.get("data-button") or "").strip()):
                        self.clicks.append(node)
                    continue
                if "votecount" in classes:
                    # vBulletin 5.7's like count: ``li#vote-N.b-post-control`` holds it in a
                    # ``span.bubble-content.votecount`` (earlier 5.x: ``li.votecount``, below).
                    if self.generation == 5 and self.votes is None and has_class(classes, "votecount"):
                        self.votes = node
                    continue
                if "nodecontrols" in classes:
                    # vBulletin 4's place for the post's number: a skin that prints it there as bare
                    # text ("#1", no a.postcounter) still numbers the post.
                    if self.number is None and has_class(classes, "nodecontrols") and not len(node):
                        self.number = _printed_number(node.text or "")
                    continue
                if date_node is None and (has_class(classes, "date") or has_class(classes, "postdate")):
                    date_node = node
                elif self.author_node is None and has_class(classes, "username"):
                    self.author_node = node
                elif "post_thumbs" in classes:
                    self.thumbs = node
            elif tag == "div":
                if classes and _has_div_class_word(classes):
                    if thead is None and has_class(classes, "thead"):
                        thead = node
                        continue
                    if date_node is None and has_class(classes, "postdate"):
                        date_node = node
                        continue
                    if self.author_node is None and (has_class(classes, "username") or "b-post__author" in classes
                                                     or (self.generation == 5 and has_class(classes, "author"))):
                        self.author_node = node
                        continue
                    if "vbseo_liked" in classes:
                        self.likes = node
                        continue
                    if has_class(classes, "attachments"):
                        self.attachment_regions.append(node)
                        continue
                    if "b-post__edit" in classes:
                        self.edit_nodes.append(node)
                        continue
                    if date_node is None and "b-post__timestamp" in classes and node.find("time") is None:
                        date_node = node  # a vBulletin 5 comment's printed time, with no <time> nor Unix time
                        continue
                # No class above (or none at all): the boxes vBulletin names by id.
                node_id = node.get("id")
                if not node_id:
                    continue
                if node_id == menu_id and self.author_fallback is None:
                    self.author_fallback = node  # vBulletin 3 guests: the name is the menu holder's text
                elif node_id == popup_id:
                    self.member_menu = node
                elif node_id.startswith("post_thanks_box_"):
                    self.thanks = node
            elif tag == "td":
                if thead is None and has_class(classes, "thead"):
                    thead = node
            elif tag == "time":
                if date_node is None:
                    date_node = node
                    self.machine_time = node.get("datetime")
            elif tag == "em":
                # vBulletin 3's note: <div class="smallfont"><hr /><em>Last edited by …</em></div> (a
                # signature's <em> is not one).
                parent = node.getparent()
                if parent is not None and "smallfont" in (parent.get("class") or ""):
                    self.edit_nodes.append(node)
            elif tag == "blockquote":
                if "lastedited" in classes:
                    self.edit_nodes.insert(0, node)
            elif tag == "li":
                # vBulletin 5's post footer: the like count beside its "Like" control.
                if self.generation == 5 and self.votes is None and has_class(classes, "votecount"):
                    self.votes = node
            elif tag == "fieldset" and not any(inside(node, region) for region in self.attachment_regions):
                self.attachment_regions.append(node)
        if not self.edit_nodes:
            # A style that restyled the edit note's box (no div.smallfont around an <em>, no
            # blockquote.lastedited) keeps the comment the stock postbit templates of 3.x and 4.x print
            # before it, for an edited post alone: the element after it is the note. Its edit was lost.
            self.edit_comment_note = _after_edit_note_comment(self.container)
            if self.edit_comment_note is not None:
                self.edit_nodes.append(self.edit_comment_note)
        if self.thanks is None and self.container.tag == "li":
            # vBulletin 4's thanks hack draws its box as the next ``li`` of the post list
            # (li#post_thanks_box_N), outside the post's own li: its thanks were never counted.
            following = self.container.getnext()
            while following is not None and not isinstance(following.tag, str):
                following = following.getnext()
            if following is not None and following.get("id") == f"post_thanks_box_{post_id}":
                self.thanks = following
        if profile is not None and any(box is not None and inside(profile, box) for box in (
                self.thanks, self.likes, self.thumbs, self.member_menu, *self.edit_nodes)):
            # The member who thanked, liked or edited the post is not its poster: a post whose own
            # name was lost took its only thanker's name (fuzz merge_posts, an Arabic vB3 page). Nor
            # is the poster's popup menu's "View Public Profile" item a name: with the name link's
            # class renamed, a post was given "Посмотреть профиль" as its author (fuzz rename_classes).
            profile = None
        if profile is not None and any(inside(profile, node) for node in elements_after(following, above, self.container)):
            # Every postbit prints the poster before the message: a member link after it is in the
            # signature ("[url=member.php?u=9077]a friend[/url]"; fuzz ``signatures``), no poster.
            profile = None
        if profile is not None and message_box is not None and message_box is not self.container and inside(
                profile, message_box):
            # Nor beside the message in its own box: a skin's "In reply to" or "Liked by" line names
            # another member (fuzz ``other_members_near_header``); the poster is in the user column.
            profile = None
        if self.author_node is not None and self.container is not self.body and _stands_after(
                self.author_node, elements_after(following, above, self.container)):
            # Nor is a name box after the message: a later post's whose block lost its start tags
            # (fuzz ``delete_tags``: a post whose own name link was torn took the next poster's).
            self.author_node = None
        if self.author_node is None and self.author_fallback is None:
            self.author_node = profile
        if date_node is not None:
            self.date_text = element_text(date_node)
        elif anchor_parent is not None:
            self.date_text = element_text(anchor_parent)
            if not self.shared and self.container.tag != "a":
                # Inside a container that holds no other post's message (see parsers.post_blocks): the
                # messages taken out after this one are not in it, and date_texts may reuse its text.
                self.date_box = anchor_parent
        elif thead is not None:
            self.date_text = re.sub(r"#\s*\d+", " ", element_text(thead))
        if date_node is None:
            self.date_anchor = anchor
        if self.shared:  # only what names this post's id is its own (see parsers.post_blocks)
            self.author_node = self.likes = self.thanks = self.thumbs = self.date_anchor = self.votes = None
            self.member_menu = None
            self.clicks = []
            self.edit_nodes, self.attachment_regions = [], []
            self.date_text = element_text(anchor_parent) if anchor_parent is not None else None

    def date_texts(self):
        """Texts that may print the post's date, nearest first: :attr:`date_text`, then, when the
        post has no date element, each box around its permalink anchor up to the post container.

        Themes move the printed date away from the anchor's own box (pocketpc.ch's vB4 "azur"
        prints it in the user column, ``dl.userstats``, beside the "#661" permalink). A box that
        holds the author's name is not read: its text is the member's profile (join date too).

        Each box is found once and its text read once (:meth:`_box_text`): the page's date order
        (:meth:`numeric_date_texts`) and the post's time both go through them, after every post's
        :meth:`read` (the post's boxes no longer change then: only the messages, already out of
        them, are edited).
        """
        if self.date_text:
            yield self.date_text
        for box in self._date_boxes():
            yield self._box_text(box)

    def numeric_date_texts(self):
        """:meth:`date_texts` as ``ForumClock.learn_order`` reads them: it looks for numeric dates
        alone ("08.11.2009", "11-29-2024", "10/05/2006": ``clock._NUMERIC_DATE``), and a box none of
        whose text holds a "-", "." or "/" can print none, so it gives "" unread. Its text is
        looked at in C (every character ``element_text`` gives but spaces and line breaks) instead
        of a walk in Python: the boxes of the vB3 pages that print
        "#1" and "Posted Apr 11, 2020, 1:02 PM" are read only as far as the post's time needs.
        """
        if self.date_text:
            yield self.date_text
        for box in self._date_boxes():
            if box is self.date_box or box in self.box_texts or _may_print_numeric_date(box):
                yield self._box_text(box)
            else:
                yield ""

    def _date_boxes(self) -> list:
        """The boxes :meth:`date_texts` reads after :attr:`date_text`, found on first use."""
        boxes = self.date_boxes
        if boxes is None:
            boxes = self.date_boxes = []
            if self.date_anchor is not None:
                author = self.author_node if self.author_node is not None else self.author_fallback
                for box in self.date_anchor.iterancestors():
                    if box is self.container or (author is not None and inside(author, box)):
                        break
                    boxes.append(box)
        return boxes

    def _box_text(self, box) -> str:
        if box is self.date_box:
            return self.date_text
        text = self.box_texts.get(box)
        if text is None:
            text = self.box_texts[box] = element_text(box)
        return text


def _may_print_numeric_date(box) -> bool:
    """Does the text of ``box`` hold a numeric date's separator ("-", "." or "/")? Its text as one
    string from libxml2 (``"".join(box.itertext())`` at a tenth of its cost or less: no string a piece)."""
    text = etree.tostring(box, method="text", encoding=str, with_tail=False)
    return "." in text or "-" in text or "/" in text


def _zone_after_a_child(div) -> bool:
    """Does the text after one of ``div``'s own children name a zone ("… </span>. Часовой пояс GMT +4.")?
    The tails of its children only: no walk below them."""
    for child in div:
        tail = child.tail
        if tail and ("GMT" in tail or "UTC" in tail or "WEZ" in tail):
            return True
    return False


def _has_div_class_word(classes: str) -> bool:
    """Does a div's class hold a word of one of the classes :meth:`Raw.read` looks for? (Substring
    tests in a row: cheaper than a pattern of alternatives, which tries each word at each position.)"""
    return ("thead" in classes or "postdate" in classes or "username" in classes or "author" in classes
            or "vbseo_liked" in classes or "attachments" in classes or "b-post__edit" in classes
            or "b-post__timestamp" in classes)


def _page_title_module(h1) -> bool:
    """Is this vBulletin 5 ``h1.main-title`` the page's own title: in the page-title module
    (``div.page-title-widget``), or in no module (``div.canvas-widget``) at all? Another module's h1
    is that module's name ("Announcement", "Related Topics"). A few ancestors only: the h1 sits in
    the module's header, two levels below it."""
    node = h1.getparent()
    for _level in range(6):
        if node is None:
            break
        classes = node.get("class") or ""
        if "canvas-widget" in classes:
            return "page-title-widget" in classes
        node = node.getparent()
    return True


_PRINTED_NUMBER = re.compile(r"#?\s*(\d[\d.,\u00a0\u202f]*)")


def _printed_number(text: str) -> int | None:
    """The number of a counter that prints only it ("#3", "#1,204"); none for any other words."""
    match = _PRINTED_NUMBER.fullmatch(text.strip())
    return int_value(match.group(1)) if match else None


def elements_after(following, parent, container) -> list:
    """The elements after a node taken out of ``parent`` inside ``container``: ``following`` (the
    node's next sibling when it was taken out, or None) and its following siblings, and the following
    siblings of ``parent`` and of each of its ancestors below ``container``. Found from these after
    the node is out, for a post with a name box or a name link of no class (neither stands after
    its message in any postbit)."""
    found = [following, *following.itersiblings()] if following is not None else []
    node = parent
    while node is not None and node is not container:
        found.extend(node.itersiblings())
        node = node.getparent()
    return found


def _stands_after(node, after: list) -> bool:
    """Is ``node`` one of the elements ``after`` (:func:`elements_after`) or inside one?"""
    if not after:
        return False
    later = set(after)
    return node in later or any(ancestor in later for ancestor in node.iterancestors())


_MEMBER_LINK = re.compile(r"(?:member\.php\?(?:[^#]*&(?:amp;)?)?u(?:serid)?=\d|/members?/\d)")


def _is_permalink(href: str, post_id: str) -> bool:
    """A link to this post: ``showpost.php?p=N``, ``showthread.php?p=N#postN``, ``#postN``.

    What :data:`_PERMALINK` says with the post's number in it, without a pattern compiled for each
    post (a crawl sees each post's number once): the address ends with ``#postN``, or a ``[?&;]p=N``
    (N not followed by a digit) comes after a ``showpost.php``/``showthread.php`` with no "#" between
    them. String tests first: most links of a post name another post or none.
    """
    ends_with_anchor = href.endswith((f"#post{post_id}", f"#post{post_id}\n"))  # "$" allows a "\n"
    if f"p={post_id}" not in href and not ends_with_anchor:
        return False
    if not post_id.isdecimal():  # a vBulletin 5 data-node-id that is not a number: as the pattern reads it
        return bool(re.search(_PERMALINK.format(post_id=post_id), href))
    if ends_with_anchor:
        return True
    for match in _POST_PARAMETER.finditer(href):
        if match.group(1) == post_id:
            start = href.rfind("#", 0, match.start()) + 1  # the "#"-free stretch before the parameter
            before = href[start:match.start()]
            if "showpost.php" in before or "showthread.php" in before:
                return True
    return False


_POST_PARAMETER = re.compile(r"[?&;]p=(\d+)")
_POST_FRAGMENT = re.compile(r"#post(\d+)$")
# A link to post N, as a pattern: what _is_permalink tests without compiling it for each post.
_PERMALINK = r"(?:show(?:post|thread)\.php[^#]*[?&;]p={post_id}(?!\d)|#post{post_id}$)"


def _post_named(href: str) -> str | None:
    """The number of the post ``href`` names ("#postN", "?p=N"), or None. (Asked of a vBulletin 5
    number link that does not name the post it stands in.)"""
    match = _POST_FRAGMENT.search(href) or _POST_PARAMETER.search(href)
    return match.group(1) if match else None


def _in_menu(node, container) -> bool:
    """Inside a list below the post's block (a member menu's "View Profile" item), or in its message."""
    for ancestor in node.iterancestors():
        if ancestor is container:
            return False
        if ancestor.tag in ("li", "ul", "ol", "blockquote"):
            return True
    return False


def _after_edit_note_comment(container):
    """The element right after an ``<!-- edit note -->`` comment in the post (the message already
    taken out), or None: none there, or the closing ``<!-- / edit note -->`` right after it."""
    comments = _EDIT_NOTE_COMMENT(container)
    return element_after(comments[0], "/ edit note") if comments else None


# The comments are found in C: a loop in Python over a post's twenty-odd template comments cost more.
_EDIT_NOTE_COMMENT = etree.XPath("descendant::comment()[normalize-space(.) = 'edit note'][1]")


def closes_empty(body) -> bool:
    """Is this ``div#post_message_N`` written self-closed, its words after it (``<div
    id="post_message_N" />words</div>``)? A browser ignores the "/" of a ``<div/>`` and puts the
    words inside; libxml2 closes the div there, empty, and the words stand after it in the cell.

    Why: forocoches.com's vBulletin 3 style prints its message box so (a public scraper of that
    board, hcort/vBulletinThreadUtils, selects the cell ``td#td_post_N`` instead, "because it's
    empty"): every post was read with no words and no error. Said when the box holds nothing and
    words, or an element, follow it before any comment (the stock template's ``<!-- / message -->``
    follows an empty message)."""
    if len(body) or (body.text or "").strip():
        return False
    if (body.tail or "").strip():
        return True
    following = body.getnext()
    return following is not None and isinstance(following.tag, str)


def find_posts(page: PageParts) -> list[Raw]:
    raws: list[Raw] = []
    seen: set[str] = set()
    for body in page.bodies:
        match = _POST_MESSAGE.match(body.get("id") or "")
        # Some themes repeat the previous post's id on an advertising block: the first one is the post.
        if not match or match.group(1) in seen:
            continue
        post_id = match.group(1)
        seen.add(post_id)
        container = _container(body, post_id)
        generation = 4 if container.tag == "li" else 3
        if generation == 4:
            _drop_additions(body)
        raw = Raw(post_id, container, body, generation)
        raw.shared = _in_another_posts_block(body, container, post_id)
        raws.append(raw)
    if raws:
        return _own_blocks(raws, page.block_like)
    if not page.vb5_items:
        raws = _skinned_posts(page.post_blocks)
        if not raws:
            raws = vb30_posts(page.name_menus)
            page.vb30 = bool(raws)
        if raws:
            return _own_blocks(raws, page.block_like)
    separate_nested(page.vb5_items)
    for item in page.vb5_items:
        post_id = item.get("data-node-id")
        body = next((div for div in item.iter("div") if "js-post__content-text" in (div.get("class") or "")
                     or div.get("itemprop") in _VB5_TEXT_PROPS), None)
        if not post_id or post_id in seen or body is None:
            continue
        seen.add(post_id)
        raw = Raw(post_id, item, body, 5)
        raw.unix_time = item.get("data-node-publishdate")
        raws.append(raw)
    return _own_blocks(raws, page.block_like)


def _in_another_posts_block(body, container, post_id: str) -> bool:
    """Does the message ``body``, found in no block of its own (``container`` is the message's
    grandparent, see :func:`_container`), stand inside another post's block (``li#post_M``,
    ``div#editM``)? Then that post's name box may be in its container, and none of it is this post's.

    Why: with the next post's ``<li>`` start and this post's closing tags deleted, post 7210's
    message (its own block has no name) stood inside post 7209's ``li``, below its name box: post
    7210 took post 7209's poster, silently (fuzz seed 127, ``delete_tags``, a skin without the
    ``username`` class)."""
    if container.get("id") in (f"post_{post_id}", f"post{post_id}", f"edit{post_id}"):
        return False
    for ancestor in body.iterancestors():
        if is_post_block(ancestor) and ancestor.get("id"):
            return _BLOCK_NUMBER.search(ancestor.get("id")).group(0) != post_id
    return False


def _drop_additions(body) -> None:
    """Take out of vBulletin 4's ``div#post_message_N`` what the board put beside the message,
    when none of it is words.

    The template puts the message in the div's ``blockquote.postcontent`` and nothing else there;
    a board may add its own beside it (a French science board: a "-----" line and an empty ad slot
    after the first post's message), which is not the poster's. Those go when nothing beside the
    blockquote holds a letter or a digit; anything that does is kept where it is, as the post's,
    since words are never dropped on a guess. A div without that blockquote is left alone."""
    box = next((child for child in body if child.tag == "blockquote"
                and has_class(child.get("class") or "", "postcontent")
                and "lastedited" not in (child.get("class") or "")), None)
    if box is None:
        return
    others = [child for child in body if child is not box]
    # A comment's own text is never shown (and lxml's itertext refuses one); its tail is.
    shown = [text for child in others if isinstance(child.tag, str) for text in child.itertext()]
    beside = [body.text or "", box.tail or ""] + shown + [child.tail or "" for child in others]
    if any(character.isalnum() for text in beside for character in text):
        return
    for child in others:
        body.remove(child)
    body.text = None if body.text and body.text.strip() else body.text
    box.tail = None if box.tail and box.tail.strip() else box.tail


def _skinned_posts(blocks: list) -> list[Raw]:
    """The posts of a vBulletin 4 skin that dropped ``div#post_message_N``: each ``li#post_N`` (or
    ``div#post_N``) with its message box, ``blockquote.postcontent`` (not the "last edited" one),
    else ``div.content``. A block without either is left out, and so is a notice printed in a post's
    place (``li.postbitdeleted``, whose ``div.content`` holds the deletion reason, ``li.postbitignored``,
    whose ``blockquote.postcontent`` holds the ignore list's link; see :mod:`.placeholders`)."""
    raws, seen = [], set()
    for block in blocks:
        post_id = _POST_BLOCK.match(block.get("id")).group(1)
        classes = block.get("class") or ""
        if post_id in seen or has_class(classes, "postbitdeleted") or has_class(classes, "postbitignored"):
            continue
        body = content = None
        for node in block.iter("blockquote", "div"):
            classes = node.get("class") or ""
            if node.tag == "blockquote":
                if has_class(classes, "postcontent") and "lastedited" not in classes:
                    body = node
                    break
            elif content is None and has_class(classes, "content"):
                content = node
        body = body if body is not None else content
        if body is None:
            continue
        seen.add(post_id)
        raws.append(Raw(post_id, block, body, 4))
    return raws


def vb30_posts(menus: list) -> list[Raw]:
    """The posts of vBulletin 3.0's postbit, which prints no ``post_message_N`` (3.5 added it, and
    ``table#postN`` with it): each post is a ``table.tborder`` holding the poster's name box
    ``div#postmenu_N``, the date beside ``<a name="postN">`` in its ``td.thead``, and the message as
    the bare ``<div>`` after the template's ``<!-- message -->`` comment (the signature follows in
    its own ``<!-- sig -->`` div, the edit note in ``<!-- edit note -->``). A name box whose table
    holds no such message, or several, is left out (the page says so: see the package's parse)."""
    raws, seen = [], set()
    for menu in menus:
        post_id = menu.get("id")[len("postmenu_"):]
        table = next(menu.iterancestors("table"), None)
        if post_id in seen or table is None:
            continue
        bodies = [element_after(comment, "/ message") for comment in table.iter(etree.Comment)
                  if (comment.text or "").strip() == "message"]
        if len(bodies) != 1 or bodies[0] is None or bodies[0].tag != "div" or bodies[0].get("id"):
            continue
        seen.add(post_id)
        raw = Raw(post_id, table, bodies[0], 3)
        raw.vb30 = True
        raws.append(raw)
    return raws


def _own_blocks(raws: list[Raw], block_like: list) -> list[Raw]:
    """The posts with each container holding one post (see :mod:`parsers.post_blocks`); a post
    whose container is not its own alone, or holds a part of another post, is marked ``shared``.
    ``block_like``: the page's elements that :func:`is_post_block` accepts (:class:`PageParts`)."""
    containers = [raw.container for raw in raws]
    # Only blocks the page names as a post's are moved: a message found in no block of its own (its
    # container is the message's grandparent) stays where it stands, so that the block around it, of
    # another post that also holds the rest of this one (its name), is seen as shared below.
    named = [raw.container for raw in raws if is_post_block(raw.container)
             or raw.container.get("id") in (f"post_{raw.post_id}", f"post{raw.post_id}")]
    separate_nested(blocks_to_separate(named, block_like))
    shared = shared_blocks(containers, [raw.body for raw in raws])
    for index in shared | parts_of_other_posts(containers, [raw.post_id for raw in raws], _POST_PART_IDS):
        raws[index].shared = True
    return raws


def blocks_to_separate(named: list, block_like: list) -> list:
    """``with_blocks_inside(named, ("li", "div"), is_post_block)``: the blocks to separate. When
    none of the page's post blocks (``block_like``, found by the page's one pass: since then the
    tree has only lost elements or moved vBulletin 5's posts, and none gained an id or a class)
    stands inside a named block, that is the named blocks alone, each once; the walk that asks
    every li and div of every post (over a quarter of finding the posts) is left for a page that
    nests blocks."""
    chosen = set(named)
    if any(ancestor in chosen for node in block_like for ancestor in node.iterancestors()):
        return with_blocks_inside(named, ("li", "div"), is_post_block)
    return list(dict.fromkeys(named))


_POST_BLOCK_ID = re.compile(r"^(?:post_|edit)\d+$")
_BLOCK_NUMBER = re.compile(r"\d+$")
_COUNTER_START = re.compile(r"^#\s*\d+(?!\S)")
# Ids of a post's parts, with the post's number (3 and 4): its blocks, message, menu and counter.
_POST_PART_IDS = frozenset({"post_", "post", "edit", "post_message_", "postmenu_", "postcount"})


def is_post_block(node) -> bool:
    """A post's own block, whether or not its message is still there: ``li#post_N`` (4), ``div#editN``
    (3), ``li.b-post`` (5)."""
    tag = node.tag
    if tag == "li":
        node_id = node.get("id")
        if node_id and _POST_BLOCK_ID.match(node_id):
            return True
        classes = node.get("class")
        return bool(classes and "b-post" in classes and "b-post" in classes.split())
    if tag != "div":
        return False
    node_id = node.get("id")
    return bool(node_id) and node_id.startswith("edit") and bool(_POST_BLOCK_ID.match(node_id))


def _container(body, post_id: str):
    """The element around the whole post: ``li#post_N`` (4); on 3, ``div#editN`` around ``table#postN``
    (or a themed ``div#postN``), since boxes such as the thanks list follow the table inside it."""
    wanted, edit_id = (f"post_{post_id}", f"post{post_id}"), f"edit{post_id}"
    found = None
    for ancestor in body.iterancestors():
        ancestor_id = ancestor.get("id")
        if ancestor_id == edit_id:
            return ancestor
        if found is None and ancestor_id in wanted:
            if ancestor.tag == "li":
                return ancestor
            found = ancestor
    if found is not None:
        return found
    # No known container: the message's grandparent, so that the message itself can be taken out of it.
    parent = body.getparent()
    grandparent = parent.getparent() if parent is not None else None
    return grandparent if grandparent is not None else parent
