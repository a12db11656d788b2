"""The thread around a XenForo page's posts: id, title, starter, forum, pages."""

from __future__ import annotations

import re
from datetime import datetime

from ..dates import parse_iso
from ..html_text import drop_node, element_text
from ..json_values import as_dict, as_text
from ..markup import json_ld_documents
from ..markup import xpath as _X
from ..models import Author, Thread
from ..pagination import PageAddress, linked_next_page
from ..values import first as _first
from ..values import to_int as _int
from ..values import words as _words
from .common import absolute, author_of, member_id
from .context import Context
from .parts import PageParts
from .posts import colon_offset, time_value


_LINK_NEXT = _X("(/html/head | /html)/link[@rel='next']/@href")
_THREAD_PAGE = re.compile(r"threads/(?:[^/?#&]*\.)?(\d+)(?:/(?:page-(\d+))?)?(?=$|[?#&])")
_OG_TITLE = _X("(/html/head | /html)/meta[@property='og:title']/@content")
_THREAD_ID = re.compile(r"threads/(?:[^/?#]*\.)?(\d+)(?:/|$|[?#])")
_PAGE_IN_URL = re.compile(r"/page-(\d+)/?(?:[?#]|$)")
# A thread's address under a route the board renamed (XenForo's route filters: "t/slug.42/",
# "thema/slug.42/page-3"): a path segment and then the thread's slug and number, ending the path
# but for a page number. Read only after the default route ("threads/") is not found.
_ROUTED_THREAD_ID = re.compile(r"/[^/?#]+/[^/?#]*\.(\d+)/(?:page-\d+/?)?(?=$|[?#])")


def read_thread(root, page: PageParts, url: str, canonical: str | None, context: Context) -> Thread:
    key = root.get("data-content-key") or ""
    match = (re.fullmatch(r"thread-(\d+)", key) or _THREAD_ID.search(canonical or "") or _THREAD_ID.search(url)
             or _ROUTED_THREAD_ID.search(canonical or "") or _ROUTED_THREAD_ID.search(url))
    posting = _json_ld_posting(page.json_ld)
    # JSON-LD values are loosely typed (a true, a number, a list where words belong): words only.
    title = _title(page.titles) or as_text(posting.get("headline")) or _first(_OG_TITLE(root))
    starter, started_at = _description(page.description, context)
    author = as_dict(posting.get("author"))
    if starter is None and as_text(author.get("name")):
        author_url = as_text(author.get("url"))
        starter = Author(name=author["name"], id=member_id(author_url), url=author_url)
    published = as_text(posting.get("datePublished"))
    if started_at is None and published and "T" in published:  # a bare day is not a time
        started_at = parse_iso(colon_offset(published))
    number, count = _page_numbers(page.page_nav, url)
    tags = [_words([element_text(a)]) for dl in page.tag_lists for a in dl.iter("a")
            if "tagItem" in (a.get("class") or "") or "tag" in (a.get("class") or "").split()
            or "/tags/" in (a.get("href") or "")]
    return Thread(
        id=match.group(1) if match else None,
        title=title or None,
        url=_thread_url(canonical or url),
        forum=_breadcrumb((page.breadcrumbs or page.old_breadcrumbs)[:1], title),
        page=number,
        page_count=count,
        starter=starter,
        started_at=started_at,
        tags=list(dict.fromkeys(t for t in tags if t)),
    )


_PREFIX_CLASSES = frozenset({"label", "label-append", "prefix"})


def _title(h1s: list) -> str:
    """The title without its prefix labels (XF2 ``span.label``, XF1 ``span.prefix``), at any depth:
    styles wrap the title, labels and all, in a link to the thread. The labels are dropped from the
    tree (this parse's own)."""
    for h1 in h1s[:1]:
        labels = [node for node in h1.iter() if node is not h1 and node.tag.__class__ is str
                  and not _PREFIX_CLASSES.isdisjoint((node.get("class") or "").split())]
        for label in labels:
            drop_node(label)
        return _words([element_text(h1)])
    return ""


def _json_ld_posting(scripts: list[str]) -> dict:
    """The page's schema.org DiscussionForumPosting (itself or a WebPage's mainEntity), or {}."""
    for data in json_ld_documents(scripts, "DiscussionForumPosting"):
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if not isinstance(item, dict):
                continue
            for candidate in (item, item.get("mainEntity")):
                if isinstance(candidate, dict) and candidate.get("@type") == "DiscussionForumPosting":
                    return candidate
    return {}


def _description(node, context: Context) -> tuple[Author | None, datetime | None]:
    """Starter and start time from the line under the title (XF2 ``.p-description``, XF1 ``#pageDescription``)."""
    if node is None:
        return None, None
    starter = None
    for user in node.iter("a", "span"):
        if "username" in (user.get("class") or "").split():
            starter = author_of(user, None, context.base)
            break
    when = next((time_value(t, context) for t in node.iter("time", "abbr", "span")
                 if t.tag == "time" or "DateTime" in (t.get("class") or "").split()), None)
    return starter, when


def _breadcrumb(navs: list, title: str | None) -> list[str]:
    """Forum names above the thread, outermost first (the thread itself left out)."""
    names: list[str] = []
    for nav in navs:
        if "breadcrumb" in (nav.get("class") or "").split():  # XenForo 1: fieldset.breadcrumb > .crumbs > .crust
            items = [node for node in nav.iter("span", "li") if "crust" in (node.get("class") or "").split()]
        else:
            items = [li for li in nav.iter("li")]
        for item in items:
            named = next((n for n in item.iter("span") if n.get("itemprop") in ("name", "title")), None)
            if named is None:
                named = next((a for a in item.iter("a")), item)
            name = _words([element_text(named)])
            if name and name != title:
                names.append(name)
    return names


def _page_numbers(nav, url: str) -> tuple[int, int]:
    from_url = _PAGE_IN_URL.search(url.split("#")[0])
    number = int(from_url.group(1)) if from_url else 1
    count = 1
    if nav is not None:
        if nav.get("data-page") is not None:  # XenForo 1
            number = _int(nav.get("data-page")) or number
            count = _int(nav.get("data-last")) or count
        else:
            for li in nav.iter("li"):
                classes = (li.get("class") or "").split()
                if "pageNav-page" not in classes:
                    continue
                value = _int(_words([element_text(li)]))
                if value is None:
                    continue
                count = max(count, value)
                if "pageNav-page--current" in classes:
                    number = value
    return number, max(count, number)


def _thread_url(address: str | None) -> str | None:
    if not address:
        return None
    return re.sub(r"page-\d+/?$", "", address.split("#")[0])


def next_page(root, page: PageParts, base: str, number: int, count: int, page_url: str,
              canonical: str | None) -> str | None:
    """The page nav's "next" link (XenForo 1: its base address with the next number), else
    ``<link rel="next">``, else, when a theme restyled the page nav, the thread's next page
    linked anywhere on the page (:mod:`parsers.pagination`)."""
    nav = page.page_nav
    href = None
    if nav is not None:
        if nav.get("data-baseurl") and nav.get("data-sentinel"):  # XenForo 1
            if number < count:
                href = nav.get("data-baseurl").replace(nav.get("data-sentinel"), str(number + 1))
        else:
            href = next((a.get("href") for a in nav.iter("a") if a.get("href") and (
                "pageNav-jump--next" in (a.get("class") or "") or "pageNavSimple-el--next" in (a.get("class") or ""))),
                None)
            if href is None and number >= count:
                return None
    if href is None:
        href = _first(_LINK_NEXT(root)) if nav is None else None
        if href is None:  # a page nav restyled (not found, or its "next" link renamed): the next page linked anywhere
            return linked_next_page(root, page_url, thread_page_address, canonical, base)
    address = absolute(base, href)
    return address.split("#", 1)[0] if address else None


def thread_page_address(address: str) -> PageAddress | None:
    """The thread and page number a XenForo page address names (``/threads/slug.42/page-3``,
    ``index.php?threads/42/``; no page: 1); None for other links, a post's (``/post-9``) too."""
    match = _THREAD_PAGE.search(address)
    return PageAddress(match[1], int(match[2] or 1)) if match else None
