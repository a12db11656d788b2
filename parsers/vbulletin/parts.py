"""What one pass over a vBulletin page finds (:class:`_PageParts`), and one pass over each post (:class:`_Raw`)."""

from __future__ import annotations

import re

from ..html_text import drop_node, element_text
from ..markup import has_class, inside
from ..post_blocks import parts_of_other_posts, plausible_name, separate_nested, shared_blocks, with_blocks_inside
from ..values import words as _words
from .common import _int


_PAGE_TAGS = ("div", "li", "span", "td", "dd", "h1", "form", "input", "ul", "script", "link", "meta", "base", "title")
_POST_TAGS = ("a", "span", "div", "td", "time", "em", "blockquote", "fieldset")

_POST_MESSAGE = re.compile(r"^post_message_(\d+)$")
_POST_BLOCK = re.compile(r"^post_(\d+)$")


def _is_vb5_post(item) -> bool:
    return "b-post" in (item.get("class") or "").split()


# --- The page --------------------------------------------------------------------------------


class _PageParts:
    """Everything page-level the parser reads, found in one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.bodies: list = []
        self.post_blocks: list = []  # li#post_N, div#post_N: the posts of a skin without post_message_N
        self.vb5_items: list = []
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
        self.canonical = self.link_next = self.base = self.og_title = self.page_title = None
        for node in root.iter(*_PAGE_TAGS):
            tag = node.tag
            node_id = node.get("id")
            classes = node.get("class") or ""
            if tag == "div":
                if node_id:
                    if node_id.startswith("post_"):
                        if node_id.startswith("post_message_"):
                            self.bodies.append(node)
                        elif _POST_BLOCK.match(node_id):
                            self.post_blocks.append(node)
                    elif node_id == "footer_time":
                        self.footer = node
                    elif node_id in ("postpagestats_above", "postpagestats") and self.stats is None:
                        self.stats = node
                    elif node_id == "breadcrumb" and self.breadcrumb is None:
                        self.breadcrumb = node
                if "pagenav" in classes or "pagination" in classes:
                    self.pagination.append(node)
                elif "standard_error" in classes:
                    self.errors.append(node)
                text = node.text
                if text and ("GMT" in text or "UTC" in text or "WEZ" in text):
                    self.time_hints.append(node)
            elif tag == "span":
                if "threadtitle" in classes:
                    self.titles.append((1, node))
                elif classes == "navbar":
                    self.navbar_spans.append(node)
                elif node_id == "mb_page_current":
                    self.page_current = element_text(node)
                elif node_id == "mb_page_total":
                    self.page_total = element_text(node)
            elif tag == "li":
                if node.get("data-node-id") and _is_vb5_post(node):
                    self.vb5_items.append(node)
                elif node_id and _POST_BLOCK.match(node_id):
                    self.post_blocks.append(node)
                elif "lastnavbit" in classes:
                    # vBulletin 4's breadcrumb ends on the thread's title, in themes that drop .threadtitle too.
                    self.titles.append((3, node))
            elif tag == "td":
                if classes == "navbar":
                    strong = node.find("strong")
                    if strong is not None:
                        self.titles.append((3, strong))
                    self.reload_links.extend(a.get("href") for a in node.findall("a") if a.get("href"))
                elif node_id == "tag_list_cell":
                    self.tag_cell = node
                elif classes == "panelsurround":
                    self.errors.append(node)
            elif tag == "h1":
                if "threadtitle" in classes or "main-title" in classes:
                    self.titles.append((2, node))
            elif tag == "dd":
                if node_id == "tag_list_cell":
                    self.tag_cell = node
            elif tag == "form":
                if "pagination" in classes:
                    self.pagination.append(node)
            elif tag == "input":
                name, value = node.get("name"), node.get("value") or ""
                if name in ("searchthreadid", "t", "threadid") and value.isdigit():
                    self.thread_inputs.append(value)
                elif name == "nodeid" and value.isdigit():
                    self.node_inputs.append(value)
                elif name in ("vb_login_username", "vb_login_password") and not (node_id or "").startswith("navbar_"):
                    self.login = True  # a login form on the page itself; every guest page has one in the navbar
            elif tag == "ul":
                if node_id == "breadcrumbs":
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


class _Raw:
    """One post: its elements and what its header says, read in one pass over the post."""

    __slots__ = (
        "attachment_regions",
        "author_fallback",
        "author_node",
        "body",
        "container",
        "date_anchor",
        "date_text",
        "edit_nodes",
        "generation",
        "likes",
        "machine_time",
        "number",
        "permalink",
        "post_id",
        "shared",
        "thanks",
        "thumbs",
        "unix_time",
    )

    def __init__(self, post_id: str, container, body, generation: int) -> None:
        self.post_id, self.container, self.body, self.generation = post_id, container, body, generation
        self.shared = False  # the container holds other posts too (see parsers.post_blocks)
        self.date_text = self.unix_time = self.machine_time = self.permalink = None
        self.date_anchor = None  # the permalink anchor, kept when no date element was found (see date_texts)
        self.number: int | None = None  # the post's number in the thread ("#12")
        self.author_node = self.author_fallback = self.likes = self.thanks = self.thumbs = None
        self.edit_nodes: list = []
        self.attachment_regions: list = []

    def read(self) -> None:
        """One pass over the post with its message taken out of it (the message is read on its own)."""
        post_id = self.post_id
        drop_node(self.body)
        date_node = anchor_parent = thead = anchor = profile = None
        for node in self.container.iter(*_POST_TAGS):
            tag = node.tag
            classes = node.get("class") or ""
            if tag == "a":
                node_id, name = node.get("id"), node.get("name")
                if node_id == f"postcount{post_id}":
                    self.number = _int(name) or self.number
                    self.permalink = self.permalink or node.get("href")
                    if node.get("href"):  # a themed counter that is the permalink too ("#41")
                        anchor = anchor if anchor is not None else node
                elif "postcounter" in classes:
                    self.permalink = node.get("href") or self.permalink
                    anchor = anchor if anchor is not None else node
                elif "b-post__count" in classes:
                    self.number = _int(element_text(node).lstrip("#")) or self.number
                    href = node.get("href") or ""
                    if f"p={post_id}" in href or f"#post{post_id}" in href:
                        self.permalink = href
                elif name == f"post{post_id}":
                    anchor_parent = anchor_parent if anchor_parent is not None else node.getparent()
                    anchor = anchor if anchor is not None else node
                elif self.author_node is None and ("bigusername" in classes or has_class(classes, "username")):
                    self.author_node = node
                else:
                    href = node.get("href") or ""
                    if "p=" in href or "#post" in href or "/showpost" in href:
                        if _is_permalink(href, post_id):  # showpost.php?p=N, showthread.php?p=N#postN
                            self.permalink = self.permalink or href
                            anchor = anchor if anchor is not None else node
                    elif (profile is None and self.author_node is None and _MEMBER_LINK.search(href)
                          and not _in_menu(node, self.container) and plausible_name(element_text(node))):
                        profile = node  # a skin's name link without the "username" class (not its avatar)
            elif tag == "span":
                if date_node is None and (has_class(classes, "date") or has_class(classes, "postdate")):
                    date_node = node
                elif self.author_node is None and has_class(classes, "username"):
                    self.author_node = node
                elif "post_thumbs" in classes:
                    self.thumbs = node
            elif tag == "div":
                if not classes:
                    if node.get("id") == f"postmenu_{post_id}" and self.author_fallback is None:
                        self.author_fallback = node  # vBulletin 3 guests: the name is the menu holder's text
                    elif (node.get("id") or "").startswith("post_thanks_box_"):
                        self.thanks = node
                    continue
                if thead is None and has_class(classes, "thead"):
                    thead = node
                elif date_node is None and has_class(classes, "postdate"):
                    date_node = node
                elif self.author_node is None and (has_class(classes, "username") or "b-post__author" in classes
                                                   or (self.generation == 5 and has_class(classes, "author"))):
                    self.author_node = node
                elif "vbseo_liked" in classes:
                    self.likes = node
                elif has_class(classes, "attachments"):
                    self.attachment_regions.append(node)
                elif "b-post__edit" in classes:
                    self.edit_nodes.append(node)
                elif node.get("id") == f"postmenu_{post_id}" and self.author_fallback is None:
                    self.author_fallback = node
                elif (node.get("id") or "").startswith("post_thanks_box_"):
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
            elif tag == "fieldset" and not any(inside(node, region) for region in self.attachment_regions):
                self.attachment_regions.append(node)
        if self.author_node is None and self.author_fallback is None:
            self.author_node = profile
        if date_node is not None:
            self.date_text = element_text(date_node)
        elif anchor_parent is not None:
            self.date_text = element_text(anchor_parent)
        elif thead is not None:
            self.date_text = re.sub(r"#\s*\d+", " ", element_text(thead))
        if date_node is None:
            self.date_anchor = anchor
        if self.shared:  # only what names this post's id is its own (see parsers.post_blocks)
            self.author_node = self.likes = self.thanks = self.thumbs = self.date_anchor = None
            self.edit_nodes, self.attachment_regions = [], []
            self.date_text = element_text(anchor_parent) if anchor_parent is not None else None

    def date_texts(self):
        """Texts that may print the post's date, nearest first: :attr:`date_text`, then, when the
        post has no date element, each box around its permalink anchor up to the post container.

        Themes move the printed date away from the anchor's own box (pocketpc.ch's vB4 "azur"
        prints it in the user column, ``dl.userstats``, beside the "#661" permalink). A box that
        holds the author's name is not read: its text is the member's profile (join date too).
        """
        if self.date_text:
            yield self.date_text
        if self.date_anchor is None:
            return
        author = self.author_node if self.author_node is not None else self.author_fallback
        for box in self.date_anchor.iterancestors():
            if box is self.container or (author is not None and inside(author, box)):
                return
            yield element_text(box)


_MEMBER_LINK = re.compile(r"(?:member\.php\?(?:[^#]*&(?:amp;)?)?u(?:serid)?=\d|/members?/\d)")


def _is_permalink(href: str, post_id: str) -> bool:
    """A link to this post: ``showpost.php?p=N``, ``showthread.php?p=N#postN``, ``#postN``.

    String tests first (what the pattern needs to match): most links of a post name another post or none.
    """
    if f"p={post_id}" not in href and not href.endswith((f"#post{post_id}", f"#post{post_id}\n")):  # "$" allows a "\n"
        return False
    return bool(re.search(rf"(?:show(?:post|thread)\.php[^#]*[?&;]p={post_id}(?!\d)|#post{post_id}$)", href))


def _in_menu(node, container) -> bool:
    """Inside a list below the post's block (a member menu's "View Profile" item), or in its message."""
    for ancestor in node.iterancestors():
        if ancestor is container:
            return False
        if ancestor.tag in ("li", "ul", "ol", "blockquote"):
            return True
    return False


def _find_posts(page: _PageParts) -> list[_Raw]:
    raws: list[_Raw] = []
    seen: set[str] = set()
    for body in page.bodies:
        match = _POST_MESSAGE.match(body.get("id") or "")
        # Some themes repeat the previous post's id on an advertising block: the first one is the post.
        if not match or match.group(1) in seen:
            continue
        post_id = match.group(1)
        seen.add(post_id)
        container = _container(body, post_id)
        raws.append(_Raw(post_id, container, body, 4 if container.tag == "li" else 3))
    if raws:
        return _own_blocks(raws)
    if not page.vb5_items:
        raws = _skinned_posts(page.post_blocks)
        if raws:
            return _own_blocks(raws)
    separate_nested(page.vb5_items)
    for item in page.vb5_items:
        post_id = item.get("data-node-id")
        body = next((div for div in item.iter("div") if "js-post__content-text" in (div.get("class") or "")
                     or div.get("itemprop") == "text"), None)
        if not post_id or post_id in seen or body is None:
            continue
        seen.add(post_id)
        raw = _Raw(post_id, item, body, 5)
        raw.unix_time = item.get("data-node-publishdate")
        raws.append(raw)
    return _own_blocks(raws)


def _skinned_posts(blocks: list) -> list[_Raw]:
    """The posts of a vBulletin 4 skin that dropped ``div#post_message_N``: each ``li#post_N`` (or
    ``div#post_N``) with its message box, ``blockquote.postcontent`` (not the "last edited" one),
    else ``div.content``. A block without either is left out."""
    raws, seen = [], set()
    for block in blocks:
        post_id = _POST_BLOCK.match(block.get("id")).group(1)
        if post_id in seen:
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
        raws.append(_Raw(post_id, block, body, 4))
    return raws


def _own_blocks(raws: list[_Raw]) -> list[_Raw]:
    """The posts with each container holding one post (see :mod:`parsers.post_blocks`); a post
    whose container is not its own alone, or holds a part of another post, is marked ``shared``."""
    containers = [raw.container for raw in raws]
    separate_nested(with_blocks_inside(containers, ("li", "div"), _is_post_block))
    shared = shared_blocks(containers, [raw.body for raw in raws])
    for index in shared | parts_of_other_posts(containers, [raw.post_id for raw in raws], _POST_PART_IDS):
        raws[index].shared = True
    return raws


_POST_BLOCK_ID = re.compile(r"^(?:post_|edit)\d+$")
# Ids of a post's parts, with the post's number (3 and 4): its blocks, message, menu and counter.
_POST_PART_IDS = frozenset({"post_", "post", "edit", "post_message_", "postmenu_", "postcount"})


def _is_post_block(node) -> bool:
    """A post's own block, whether or not its message is still there: ``li#post_N`` (4), ``div#editN``
    (3), ``li.b-post`` (5)."""
    tag = node.tag
    if tag == "li":
        node_id, classes = node.get("id"), node.get("class")
        return bool(node_id and _POST_BLOCK_ID.match(node_id)) or bool(classes and "b-post" in classes
                                                                        and "b-post" in classes.split())
    if tag != "div":
        return False
    node_id = node.get("id")
    return bool(node_id) and node_id.startswith("edit") and bool(_POST_BLOCK_ID.match(node_id))


def _container(body, post_id: str):
    """The element around the whole post: ``li#post_N`` (4); on 3, ``div#editN`` around ``table#postN``
    (or a themed ``div#postN``), since boxes such as the thanks list follow the table inside it."""
    wanted = (f"post_{post_id}", f"post{post_id}")
    found = None
    for ancestor in body.iterancestors():
        ancestor_id = ancestor.get("id")
        if ancestor_id == f"edit{post_id}":
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
