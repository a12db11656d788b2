"""The discussion-level parts of a Vanilla page: title, breadcrumbs, tags, pager, canonical URL.

The pager is ``div.Pager.NumberedPager`` (above and below the comments) with ``a.Next[rel=next]``
and one link a page ("/discussion/42/pond-liner-leaks/p3"); the head repeats the next page as
``<link rel="next">`` on newer versions. Breadcrumbs are ``span.Breadcrumbs span.CrumbLabel``
(the first, ``CrumbLabel-HomeCrumb``, is the site's home); tags are ``div.InlineTags a``.
"""

from __future__ import annotations

from ..markup import class_test
from ..markup import xpath as _X
from ..urls import joined
from ..values import first, words
from .addresses import page_of

_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_HEAD_NEXT = _X("/html/head/link[@rel='next']/@href")
_PAGER_NEXT = _X(f"//*[{class_test('Pager')}]//a[@rel='next' or {class_test('Next')}]/@href")
_PAGER_LINKS = _X(f"//*[{class_test('Pager')}]//a/@href")
_TITLE = _X(f"//*[@id='Item_0' or {class_test('PageTitle')}]//h1 | //h1")
_OG_TITLE = _X("/html/head/meta[@property='og:title']/@content")
_CRUMBS = _X(f"//*[{class_test('Breadcrumbs')}]//*[{class_test('CrumbLabel')}"
             f" and not({class_test('CrumbLabel-HomeCrumb')}) and not({class_test('HomeCrumb')})]")
_TAGS = _X(f"//*[{class_test('InlineTags')}]//a")


def canonical(root, url: str) -> str | None:
    return joined(url, first(_CANONICAL(root)))


def next_page(root, url: str) -> str | None:
    href = first(_HEAD_NEXT(root)) or first(_PAGER_NEXT(root))
    next_url = joined(url, href)
    return next_url.split("#", 1)[0] if next_url else None


def page_count(root, url: str, page: int, next_url: str | None) -> int:
    """The highest page the pager links to (at least this page, and the next one when there is one)."""
    pages = [p for href in _PAGER_LINKS(root) if (p := page_of(joined(url, href))) is not None]
    return max([page, *pages, *([page + 1] if next_url else [])])


def title(root) -> str | None:
    heading = first([t for node in _TITLE(root) if (t := words(node.itertext()))])
    return heading or words(_OG_TITLE(root)[:1]) or None


def forum_path(root, thread_title: str | None) -> list[str]:
    names = [words(n.itertext()) for n in _CRUMBS(root)]
    names = [n for n in dict.fromkeys(names) if n and n != thread_title]
    return names


def tags(root) -> list[str]:
    return [t for t in dict.fromkeys(words(a.itertext()) for a in _TAGS(root)) if t]
