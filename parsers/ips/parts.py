"""What one pass over an Invision Community page finds (:class:`PageParts`), and one pass over each post (:class:`PostParts`)."""

from __future__ import annotations

from ..markup import inside, xpath as _X
from .common import COMMENT_ID


_DIV_POSTS = _X("//div[starts-with(@id, 'elComment_')]")


# Inside one post (<article>): class names that mark the parts the parser reads. They are
# found in one pass over the post's <div>, <h3> and <ul> elements (see PostParts): lxml
# filters those tags in C, which is several times faster than an XPath walk per part.
_PART_CLASSES = ("cAuthorPane_author", "ipsEntry__username", "ipsEntry__author-name", "ipsComment_meta",
                 "ipsEntry__meta", "cAuthorPane_mobile", "ipsReact_reactCountOnly", "ipsReact_reactions")


class PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names (see PostParts)."""

    def __init__(self, root) -> None:
        self.articles, self.titles, self.tag_lists, self.json_ld = [], [], [], []
        self.breadcrumb = self.pagination = None
        for node in root.iter("article", "h1", "nav", "ul", "script"):
            tag = node.tag
            classes = node.get("class") or ""
            if tag == "article":
                if COMMENT_ID.match(node.get("id") or ""):
                    self.articles.append(node)
            elif tag == "h1":
                parent = node.getparent()
                if ("ipsType_pageTitle" in classes.split() or (
                        parent is not None and "ipsPageHeader__title" in (parent.get("class") or ""))) \
                        and not in_widget(node):
                    self.titles.append(node)
            elif tag == "nav":
                if self.breadcrumb is None and "ipsBreadcrumb" in classes.split():
                    self.breadcrumb = node
            elif tag == "ul":
                if self.pagination is None and "ipsPagination" in classes.split():
                    self.pagination = node
                elif "ipsTags" in classes:
                    self.tag_lists.append(node)
            elif node.get("type") == "application/ld+json" and node.text:
                self.json_ld.append(node.text)
        if not self.articles:
            # A theme that renders the post's block as a <div> keeps its id: IPS's own links
            # (#elComment_N) and scripts need it. Looked for only when no <article> is a post.
            self.articles = [node for node in _DIV_POSTS(root) if COMMENT_ID.match(node.get("id"))]


def in_widget(node) -> bool:
    """Is ``node`` inside a block of IPS's widget areas (``data-role="widgetReceiver"`` holding
    ``[data-blockid]`` blocks)? IPS's block manager needs both, whatever the theme; a widget (a
    slider of featured topics, a "Trending" box) may print its own ``h1.ipsType_pageTitle``
    before the topic's, and that heading names the widget, not the topic."""
    for ancestor in node.iterancestors():
        if ancestor.get("data-blockid") is not None or ancestor.get("data-role") == "widgetReceiver":
            return True
    return False


class PostParts:
    """The elements of one post the parser reads, from a single walk of the post."""

    def __init__(self, article) -> None:
        self.wrap = self.body = None
        # The number of another post whose words' wrap (div#comment-N_wrap) stands in this block:
        # that post's block lost its start, so its header (and name) may stand in this block too.
        self.other_post_wrap: str | None = None
        # Author panes standing after this post's words wrap or words (outside them): IPS prints a
        # post's panes before its words (the desktop aside before the wrap, the phone pane inside
        # the wrap before the words), so these are the next post's, whose block lost its start.
        self.late_panes = []
        # Words standing in this block beside the post's own (a second ``[data-role=commentContent]``,
        # outside the first): another post's, whose block lost its start and its ids. IPS prints
        # one such element a post, whatever the theme (its quoting and editing scripts find it so).
        self.other_words = None
        self._article, self._column = article, False
        self.panes, self.meta, self.phone_meta, self.reaction_lists, self.count_only = [], [], [], [], []
        own_id = COMMENT_ID.match(article.get("id") or "").group(1)
        # An <article> inside this one is another post (or an advertising pseudo-post) whose block
        # lost its markup: none of its parts are this post's.
        nested = _nested_blocks(article)
        others = {node for inner in nested for node in inner.iter()} if nested else ()
        for node in article.iter("div", "h3", "ul"):
            if others and node in others:
                continue
            comment_id = node.get("data-commentid")
            if comment_id is not None and node.tag == "div":
                comment_id = comment_id.strip()
                if comment_id == own_id:
                    if self.wrap is None:
                        self.wrap = node
                elif comment_id and (node.get("id") or "").startswith("comment-"):
                    self.other_post_wrap = comment_id
            if node.get("data-role") == "commentContent":
                if self.body is None:
                    self.body = node
                elif self.other_words is None and not inside(node, self.body):
                    self.other_words = node
                continue
            if node.tag == "h3" and node.get("data-ips-hook") == "postUsername":  # IPS 5's template hook
                (self.late_panes if self._late(node) else self.panes).append(node)
                continue
            classes = node.get("class")
            if not classes or not any(name in classes for name in _PART_CLASSES):
                continue
            if node.tag == "h3":
                (self.late_panes if self._late(node) else self.panes).append(node)
            elif node.tag == "ul":
                if "ipsReact_reactions" in classes:
                    self.reaction_lists.append(node)
            elif "ipsReact_reactCountOnly" in classes:
                self.count_only.append(node)
            elif "cAuthorPane_mobile" in classes:
                self.phone_meta.append(node)
            elif "ipsComment_meta" in classes or "ipsEntry__meta" in classes:
                self.meta.append(node)

    def _late(self, pane) -> bool:
        """Does ``pane`` (met in document order) stand after the post's wrap or words, outside them,
        or in an author column (``aside.cAuthorPane``) after the block's first one?"""
        ancestors = set(pane.iterancestors())
        if any(part is not None and part not in ancestors for part in (self.wrap, self.body)):
            return True
        column = next((node for node in pane.iterancestors("aside") if "cAuthorPane" in (node.get("class") or "")),
                      None)
        return column is not None and column is not self._first_column()

    def _first_column(self):
        if self._column is False:
            self._column = next((node for node in self._article.iter("aside")
                                 if "cAuthorPane" in (node.get("class") or "")), None)
        return self._column


def _nested_blocks(article) -> list:
    """``.//article | .//div[starts-with(@id, 'elComment_')]`` below ``article``, in document order:
    lxml's tag filter and a prefix test, several times faster than libxml2's XPath on a whole post."""
    return [node for node in article.iter("article", "div") if node is not article
            and (node.tag == "article" or (node.get("id") or "").startswith("elComment_"))]
