"""The discussion-level parts of a Vanilla page: its post items, title, breadcrumbs, tags, pager, canonical URL.

The pager is ``div.Pager.NumberedPager`` (above and below the comments) with ``a.Next[rel=next]``
and one link a page ("/discussion/42/pond-liner-leaks/p3"); the head repeats the next page as
``<link rel="next">`` on newer versions. Breadcrumbs are ``span.Breadcrumbs span.CrumbLabel``
(the first, ``CrumbLabel-HomeCrumb``, is the site's home); tags are ``div.InlineTags a``.

Discussion lists hold ``#Discussion_N.Item`` rows that are other threads, not posts: the
"Recent Discussions" panel module beside a discussion (``ul.PanelInfo.PanelDiscussions.DataList``,
applications/vanilla/views/modules/discussions.php), and the discussions and categories pages
(``table.DataTable.DiscussionsTable`` and ``ul.DataList.Discussions``). Their rows are left out,
so a page 2 (no opening post of its own) keeps its own discussion id and a list page reads as no
discussion at all.
"""

from __future__ import annotations

from lxml import etree

from ..markup import class_test
from ..markup import xpath as _X
from ..urls import joined
from ..values import first, words
from .addresses import page_of
from .common import has_token, in_order
from .html_view import is_item

_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_HEAD_NEXT = _X("/html/head/link[@rel='next']/@href")
_OG_TITLE = _X("/html/head/meta[@property='og:title']/@content")
_NEXT_IN = _X(f".//a[@rel='next' or {class_test('Next')}]/@href")
_LINKS_IN = _X(".//a/@href")
_CRUMBS_IN = _X(f".//*[{class_test('CrumbLabel')}"
                f" and not({class_test('CrumbLabel-HomeCrumb')}) and not({class_test('HomeCrumb')})]")
_TAGS_IN = _X(".//a")
# Class tokens of the lists of discussions (see the module docstring); the list page's body also
# says "Discussions", but a body holds the discussion page's posts too, so it is not asked.
_DISCUSSION_LISTS = ("PanelDiscussions", "DiscussionsTable", "Discussions")


class PageParts:
    """The page's post items, and its pagers (``.Pager``), breadcrumbs (``.Breadcrumbs``) and tag
    lists (``.InlineTags``), found in one walk of the page before any post is read. (An XPath step
    over every element for each cost several times this walk: libxml2 evaluates a predicate on
    every element slowly.) What is read inside a holder is asked of that element alone, when
    asked: reading a post takes its quotes out of the tree, and a holder inside one is then gone."""

    def __init__(self, root) -> None:
        self._root = root
        self._in_page = {root: True}  # element -> still in the page (see _still_in_page)
        self.items: list = []  # in document order, see html_view.is_item
        pagers, breadcrumbs, tag_lists = _Outermost(), _Outermost(), _Outermost()
        discussion_lists = _Outermost()
        for node in root.iter(etree.Element):
            classes = node.get("class")
            if not classes:
                continue
            if "Discussions" in classes and node.tag != "body" and _lists_discussions(classes):
                discussion_lists.add(node)
            if "Item" in classes and is_item(node, classes) and not discussion_lists.holds(node):
                self.items.append(node)
            if "Pager" in classes and has_token(classes, "Pager"):
                pagers.add(node)
            if "Breadcrumbs" in classes and has_token(classes, "Breadcrumbs"):
                breadcrumbs.add(node)
            if "InlineTags" in classes and has_token(classes, "InlineTags"):
                tag_lists.add(node)
        self.pagers, self.breadcrumbs, self.tag_lists = pagers.found, breadcrumbs.found, tag_lists.found

    def next_page(self, url: str) -> str | None:
        """The head's ``<link rel="next">``, else the pager's ``a[rel=next]``/``a.Next``."""
        href = first(_HEAD_NEXT(self._root)) or _first_in(self._in_tree(self.pagers), _NEXT_IN)
        next_url = joined(url, href)
        return next_url.split("#", 1)[0] if next_url else None

    def page_count(self, url: str, page: int, next_url: str | None) -> int:
        """The highest page the pager links to (at least this page, and the next one when there is one)."""
        # The pager is printed above and below the comments: each address is read once (urljoin is slow).
        hrefs = dict.fromkeys(href for pager in self._in_tree(self.pagers) for href in _LINKS_IN(pager))
        pages = [p for href in hrefs if (p := page_of(joined(url, href))) is not None]
        return max([page, *pages, *([page + 1] if next_url else [])])

    def forum_path(self, thread_title: str | None) -> list[str]:
        names = [words(n.itertext()) for n in in_order(self._in_tree(self.breadcrumbs), _CRUMBS_IN)]
        names = [n for n in dict.fromkeys(names) if n and n != thread_title]
        return names

    def tags(self) -> list[str]:
        links = in_order(self._in_tree(self.tag_lists), _TAGS_IN)
        return [t for t in dict.fromkeys(words(a.itertext()) for a in links) if t]

    def _in_tree(self, holders: list) -> list:
        """The holders still in the page (not inside a quote a post's reading took out)."""
        return [holder for holder in holders if self._still_in_page(holder)]

    def _still_in_page(self, node) -> bool:
        """Is ``node`` below the page's root? Walked up to an element already answered, and the
        answer kept for every element passed: linear however many holders there are."""
        passed = []
        while node not in self._in_page:
            passed.append(node)
            parent = node.getparent()
            if parent is None:  # the top of a subtree taken out of the page
                self._in_page[node] = False
                break
            node = parent
        answer = self._in_page[node]
        for element in passed:
            self._in_page[element] = answer
        return answer


class _Outermost:
    """The elements of one kind that no other of that kind holds, in document order: one inside
    another finds nothing the outer one does not (``//*[holder]//a`` gives each link once). The
    elements inside each are set aside once (the outermost ones do not overlap): linear however
    deep holders nest."""

    def __init__(self) -> None:
        self.found: list = []
        self._inside: set = set()

    def add(self, node) -> None:
        if node not in self._inside:
            self.found.append(node)
            self._inside.update(node.iterdescendants(etree.Element))

    def holds(self, node) -> bool:
        """Is ``node`` inside one of the elements found?"""
        return node in self._inside


def _lists_discussions(classes: str) -> bool:
    return any(has_token(classes, name) for name in _DISCUSSION_LISTS)


def _first_in(holders: list, found_in):
    """The first value ``found_in`` finds inside any of ``holders`` (in document order: the holders
    are, and one inside another finds nothing the outer one does not find first)."""
    return next((value for holder in holders for value in found_in(holder)), None)


def canonical(root, url: str) -> str | None:
    return joined(url, first(_CANONICAL(root)))


def title(root) -> str | None:
    """The first ``h1`` with words, else the ``og:title``. Most themes print it in ``#Item_0`` or
    ``.PageTitle``, but a theme may move it, and the first ``h1`` of the page is the discussion's."""
    heading = next((t for node in root.iter("h1") if (t := words(node.itertext()))), None)
    return heading or words(_OG_TITLE(root)[:1]) or None
