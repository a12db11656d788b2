"""What one pass over a FluxBB/PunBB page finds (:class:`PageParts`), and over each post (:class:`PostParts`)."""

from __future__ import annotations

import re

from ..markup import has_class, within_class
from ..post_blocks import link_to_another_post
from ..markup import xpath as _X
from ..urls import urljoin
from ..values import words as _words

POST_ID = re.compile(r"^p(\d+)$")
_PERMALINK_END = re.compile(r"#p(\d+)\s*$")  # a post's permalink: viewtopic.php?pid=N#pN, post/N/#pN
_TITLE = _X("/html/head/title/text()")  # compiled once, not on every page as root.xpath(...) does
_P_ID_HOLDERS = _X("/descendant::div/@id[starts-with(., 'p')]/..")  # in page order
# Forumotion's markers (see parsers.markup.is_forumotion), as the parser's "unsupported" reason names them.
FORUMOTION = "illiweb.com assets, _userdata scripts or forumotion/forumactif addresses"


class PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names.

    ``posts`` holds (block, post id, layout) in page order: layout "blockpost" is FluxBB and
    PunBB 1.2 (``div.blockpost#pN``), "post" is PunBB 1.3+ (``div.post`` around ``div.posthead#pN``).
    """

    def __init__(self, root) -> None:
        self.posts: list[tuple] = []
        self.pagelinks, self.crumb_lists, self.crumb_spans = [], [], []
        self.message = None
        self.link_next = self.canonical_href = None
        self._canonical: dict[str, str | None] = {}  # canonical(), by the URL it is joined to
        seen = set()
        # Each tag reads only the attributes its test needs: most divs and spans have neither an
        # id nor a class this looks for.
        for node in root.iter("div", "p", "ul", "span", "link"):
            tag = node.tag
            if tag == "div":
                node_id = node.get("id")
                if node_id is None:
                    continue
                post = _post_block(node, node_id, seen)
                if post is not None:
                    self.posts.append(post)
                elif node_id == "msg":
                    self.message = node
            elif tag == "p":
                classes = node.get("class") or ""
                if has_class(classes, "pagelink") or has_class(classes, "paging"):
                    self.pagelinks.append(node)
            elif tag == "ul":
                classes = node.get("class") or ""
                parent = node.getparent()
                if has_class(classes, "crumbs") or (parent is not None and has_class(parent.get("class") or "", "inbox")
                                                     and _in_linkst(parent)):
                    self.crumb_lists.append(node)
            elif tag == "span":
                if has_class(node.get("class") or "", "crumb"):
                    self.crumb_spans.append(node)
            elif tag == "link":
                rel = (node.get("rel") or "").lower()
                if rel == "next" and self.link_next is None:
                    self.link_next = node.get("href")
                elif rel == "canonical" and self.canonical_href is None:
                    self.canonical_href = node.get("href")
        titles = _TITLE(root)
        self.title = _words(titles[:1])

    def canonical(self, url: str) -> str | None:
        """The canonical link against ``url``; joined once (the parse asks twice a page)."""
        if url not in self._canonical:
            href = self.canonical_href
            self._canonical[url] = urljoin(url, href.strip()) if href and href.strip() else None
        return self._canonical[url]


def post_blocks(root):
    """(block, post id, layout) of each post, in page order as :class:`PageParts` finds them, one at a
    time: detection needs only the first three. The divs whose id starts with "p" come from one XPath
    walk, a fraction of a Python walk over every div."""
    seen = set()
    for node in _P_ID_HOLDERS(root):
        post = _post_block(node, node.get("id"), seen)
        if post is not None:
            yield post


def _post_block(node, node_id: str, seen: set):
    """(block, post id, layout) when the ``div`` ``node`` (whose id is ``node_id``) marks a post not
    in ``seen`` (then added to it): ``div.blockpost#pN``, or ``div.posthead#pN`` inside its
    ``div.post``; None for any other div."""
    match = POST_ID.match(node_id)
    if match is None:
        return None
    classes = node.get("class") or ""
    if has_class(classes, "blockpost") and node not in seen:
        seen.add(node)
        return node, match.group(1), "blockpost"
    if has_class(classes, "posthead"):
        block = _post_around(node)
        if block is not None and block not in seen:
            seen.add(block)
            return block, match.group(1), "post"
    return None


def _post_around(head):
    """The ``div.post`` around a PunBB 1.3 ``div.posthead``: its parent in the stock template, a
    few divs out when a theme wrapped the head (``<div class="x"><div class="posthead">``); the
    post is never lost for a wrapper. Only divs are climbed: the posts' list is no post."""
    for parent in head.iterancestors():
        if parent.tag != "div":
            return None
        if has_class(parent.get("class") or "", "post"):
            return parent
    return None


def _in_linkst(inbox) -> bool:
    """``div.linkst > div.inbox``: where FluxBB/PunBB 1.2 put the breadcrumb ``ul``."""
    holder = inbox.getparent()
    return holder is not None and has_class(holder.get("class") or "", "linkst")


class PostParts:
    """The elements of one post the parser reads, from a single walk of its block."""

    def __init__(self, block, post_id: str, layout: str) -> None:
        self.block, self.post_id, self.layout = block, post_id, layout
        self.shared = False
        self.head = self.number = self.author_box = self.body = self.edit = None
        self._date_text: str | None = None  # date_text(), once read
        self.signatures = []
        # Post blocks inside this one (div.blockpost, PunBB 1.3's div.post): a post whose id was torn
        # (one with its id is read on its own), its author box among its rows (fuzz seed 1142).
        self.other_blocks = []
        block_class = "blockpost" if layout == "blockpost" else "post"
        for node in block.iter("h2", "h3", "span", "dt", "li", "div", "p"):
            tag, classes = node.tag, node.get("class") or ""
            if tag in ("h2", "h3") and self.head is None and (tag == "h2" or has_class(classes, "post-ident")):
                self.head = node
            elif tag == "span":
                if self.number is None and (has_class(classes, "conr") or has_class(classes, "post-num")):
                    self.number = node
                elif self.author_box is None and has_class(classes, "post-byline"):
                    self.author_box = node
            elif tag == "dt" and self.author_box is None and within_class(node, "postleft", "div"):
                self.author_box = node
            elif tag == "li" and self.author_box is None and has_class(classes, "username"):
                self.author_box = node
            elif tag == "div":
                if node is not block and block_class in classes and has_class(classes, block_class):
                    self.other_blocks.append(node)
                elif has_class(classes, "postsignature") or has_class(classes, "sig-content"):
                    self.signatures.append(node)
                elif self.body is None and (has_class(classes, "postmsg") or has_class(classes, "entry-content")):
                    self.body = node
            elif tag == "p" and self.edit is None and (has_class(classes, "postedit") or has_class(classes, "lastedit")):
                self.edit = node
        # Another post's permalink outside this post's words (its h2, or its "#2 <a …#p102>" line
        # alone): that post lost its marks (a torn tag) and its rows, its author box among them,
        # stand in this block (see parsers.post_blocks.link_to_another_post).
        self.other_head = link_to_another_post(block, post_id, _PERMALINK_END, [self.body, *self.signatures])

    def permalink_href(self) -> str | None:
        """The href of the head's link to this post (``viewtopic.php?pid=N#pN``, ``post/N/#pN``)."""
        if self.head is None:
            return None
        for anchor in self.head.iter("a"):
            href = (anchor.get("href") or "").strip()
            if href.endswith(f"#p{self.post_id}") and not href.startswith("#"):
                return href
        return None

    def date_text(self) -> str:
        """The permalink's words: the post time as the board prints it. Read once: the parse asks
        for every post's before reading any (to learn the day/month order), then again for each."""
        if self._date_text is None:
            self._date_text = self._read_date_text()
        return self._date_text

    def _read_date_text(self) -> str:
        if self.head is None:
            return ""
        anchor_end = f"#p{self.post_id}"
        for anchor in self.head.iter("a"):
            if (anchor.get("href") or "").strip().endswith(anchor_end):
                return _words(anchor.itertext())
        return ""
