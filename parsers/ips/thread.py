"""The topic around an Invision Community page's posts: id, title, starter, forum, pages, tags."""

from __future__ import annotations

import re

from ..dates import parse_iso
from ..html_text import element_text
from ..json_values import as_dict, as_text
from ..markup import class_test, json_ld_documents
from ..markup import xpath as _X
from ..models import Author, Thread
from ..pagination import PageAddress, linked_next_page
from ..urls import joined
from ..values import first as _first
from ..values import to_int as _int
from ..values import words as _words
from .parts import PageParts
from .posts import profile_id, quote_data


_LINK_NEXT = _X("/html/head/link[@rel='next']/@href")
_OG_TITLE = _X("/html/head/meta[@property='og:title']/@content")
_ANY_WRAP = _X("//*[@data-commentid]")
# Inside one pagination list.
_PAGE_ACTIVE = _X(f"li[{class_test('ipsPagination_active')} or {class_test('ipsPagination__active')}]/a/@data-page")
_PAGE_NEXT = _X(f"li[({class_test('ipsPagination_next')} and not({class_test('ipsPagination_inactive')}))"
                f" or ({class_test('ipsPagination__next')} and not({class_test('ipsPagination__inactive')}))]/a/@href")
# Inside one breadcrumb: IPS 4 marks its list with data-role, IPS 5 uses an <ol>; themes that do
# neither keep "All Activity" in a right-floated list of its own.
_CRUMBS = _X(f"(.//*[@data-role='breadcrumbList']/li | .//ol/li)"
             f" | .//ul[not({class_test('ipsPos_right')}) and not({class_test('ipsBreadcrumb__feed')})]/li")
_CRUMB_MARKED = _X(".//*[@data-role='breadcrumbList'] | .//ol")
_TOPIC_ID = re.compile(r"/topic/(\d+)(?:-|/|$)")
# A board whose pagination is not "SEO" (``data-ipsPagination-seoPagination='false'``) numbers its
# pages with a ``page`` query parameter (``/topic/70/?page=4``) instead of ``/page/4/``.
_PAGE_IN_PATH = re.compile(r"page/(\d+)/?$")
_PAGE_IN_QUERY = re.compile(r"[?&]page=(\d+)(?=&|#|$)")
_TOPIC_PAGE = re.compile(r"/topic/(\d+)(?:-[^/?#&]*)?/?(?:page/(\d+)/?)?(?=$|[?#&])")
_NOT_A_PAGE = re.compile(r"[?&](?:do|comment)=")


def read_thread(root, page: PageParts, url: str, canonical: str | None) -> Thread:
    canonical = canonical or url
    pagination = page.pagination
    match = _TOPIC_ID.search(canonical) or _TOPIC_ID.search(url)
    thread_id = match.group(1) if match else None
    posting = _json_ld_posting(page.json_ld)
    if thread_id is None:
        wrap = _first(_ANY_WRAP(root))
        quotedata = quote_data(wrap)
        thread_id = str(quotedata["contentid"]) if quotedata.get("contentid") else None
    title = _words([element_text(h1) for h1 in page.titles[:1]]) or as_text(posting.get("headline")) \
        or _first(_OG_TITLE(root))
    # JSON-LD values may be of any type (a list for a name, a number for a URL): only words are read.
    author = as_dict(posting.get("author"))
    author_url = as_text(author.get("url"))
    starter = Author(name=author["name"], id=profile_id(author_url), url=author_url) \
        if as_text(author.get("name")) else None
    tags = [_words([element_text(a)]) or a.get("data-tag", "") for ul in page.tag_lists for a in ul.iter("a")]
    return Thread(
        id=thread_id, title=title or None, url=_topic_url(canonical), forum=_breadcrumb(page.breadcrumb, title),
        page=_page_number(pagination, url), page_count=_page_count(pagination), starter=starter,
        started_at=parse_iso(as_text(posting.get("dateCreated")) or as_text(posting.get("datePublished"))),
        tags=list(dict.fromkeys(t for t in tags if t)),
        reply_count=_count(posting.get("commentCount")),
    )


def _count(value) -> int | None:
    """A JSON-LD count ("12" or 12) as a whole number, or None for anything else."""
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    return int(text) if text.isdigit() else None


def json_ld_starter_id(page: PageParts) -> str | None:
    """The member id of the topic's author in its JSON-LD (``author.url``: IPS 4 writes the profile
    link there, often without the name), or None."""
    author = as_dict(_json_ld_posting(page.json_ld).get("author"))
    return profile_id(as_text(author.get("url")))


def _json_ld_posting(scripts: list[str]) -> dict:
    """The page's schema.org DiscussionForumPosting (IPS emits one on every topic page), or {}."""
    for data in json_ld_documents(scripts, "DiscussionForumPosting"):
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and item.get("@type") == "DiscussionForumPosting":
                return item
    return {}


def _breadcrumb(nav, title: str | None) -> list[str]:
    """Names of the forums above the thread, outermost first ("All Activity" and the thread left out)."""
    if nav is None:
        return []
    items = _CRUMBS(nav)
    if _CRUMB_MARKED(nav):
        items = [li for li in items if li.getparent().tag == "ol" or li.getparent().get("data-role") == "breadcrumbList"]
    names: list[str] = []
    for item in items:
        name = _words([element_text(item)])
        current = not item.findall(".//a") or item.get("aria-current")
        if name and not (current or name == title):
            names.append(name)
    return names


def _page_count(pagination) -> int:
    return (_int(pagination.get("data-pages")) if pagination is not None else None) or 1


def _page_number(pagination, url: str) -> int:
    active = _int(_first(_PAGE_ACTIVE(pagination))) if pagination is not None else None
    from_url = re.search(r"/page/(\d+)", url) or _PAGE_IN_QUERY.search(url)
    return active or (int(from_url.group(1)) if from_url else 1)


def _topic_url(canonical: str | None) -> str | None:
    """The topic's first-page address, the same on every page: the archive finds a thread again by
    it, so neither ``page/4/`` nor ``?page=4`` may stay in it."""
    if not canonical:
        return None
    without = _PAGE_IN_QUERY.sub(lambda m: m.group(0)[0] if m.group(0)[0] == "?" else "", canonical)
    return _PAGE_IN_PATH.sub("", without.replace("?&", "?")).removesuffix("?")


def next_page(root, url: str, pagination, canonical: str | None = None) -> str | None:
    href = (_first(_PAGE_NEXT(pagination)) if pagination is not None else None) or _first(_LINK_NEXT(root))
    if href is None and pagination is None:
        # No pagination found (a theme that restyled it): the topic's next page linked anywhere.
        return linked_next_page(root, url, topic_page_address, canonical)
    absolute = joined(url, href)
    return absolute.split("#", 1)[0] if absolute else None  # IPS appends "#comments"


def topic_page_address(address: str) -> PageAddress | None:
    """The topic and page number an IPS page address names (``/topic/42-slug/page/3/``,
    ``/topic/42-slug/?page=3``; no page: 1); None for other links, a comment's
    (``?do=findComment&comment=9``) and the last or unread post's (``?do=getNewComment``) too."""
    match = _TOPIC_PAGE.search(address)
    if match is None or _NOT_A_PAGE.search(address):
        return None
    in_query = _PAGE_IN_QUERY.search(address)
    return PageAddress(match[1], int(match[2] or (in_query[1] if in_query else 1)))
