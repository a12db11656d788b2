"""The topic around a FluxBB/PunBB page's posts: id, title, forum, pages, next page."""

from __future__ import annotations

import re

from ..html_text import element_text
from ..models import Thread
from ..pagination import PageAddress
from ..urls import urljoin
from ..values import to_int as _int
from ..values import words as _words
from .page import PageParts

# viewtopic.php?id=N (FluxBB, PunBB), and PunBB 1.3+'s rewritten topic addresses (topic/N/, topic3.html).
_TOPIC_ID = re.compile(r"(?:viewtopic\.php\?(?:[^#]*?[&;])?id=|/topic/|/topic(?=\d+[.-]))(\d+)")
_TOPIC_IN_QUERY = re.compile(r"viewtopic\.php\?(?:[^#]*?&)?id=(\d+)(?=$|[&#])")
_PAGE_IN_QUERY = re.compile(r"[?&]p=(\d+)(?=$|[&#])")
_TOPIC_IN_PATH = re.compile(r"/topic/(\d+)(?:/[^/?#&]*)?/?(?:page/(\d+)/?)?(?=$|[?#&])")
_NOT_A_PAGE = re.compile(r"[?&](?:pid|action)=|/post/")
_SEPARATORS = " \u00bb\u203a\u2192>|:\u00a0"


def read_thread(page: PageParts, url: str) -> Thread:
    names, links = _crumbs(page)
    title = names[-1] if names else None
    thread_id = topic_url = None
    for candidate in (url, links[-1] if links else None, page.canonical(url), page.link_next):
        match = _TOPIC_ID.search(candidate or "")
        if match:
            thread_id = match.group(1)
            break
    if links and links[-1] and _TOPIC_ID.search(links[-1]):
        topic_url = urljoin(url, links[-1].strip()).split("#", 1)[0]
    elif thread_id:
        topic_url = urljoin(url, f"viewtopic.php?id={thread_id}")
    number, count = _page_numbers(page)
    return Thread(id=thread_id, title=title or _title_from_head(page.title), url=topic_url,
                  forum=names[:-1], page=number or 1, page_count=max(count or 1, number or 1))


def _crumbs(page: PageParts) -> tuple[list[str], list[str | None]]:
    """Names (outermost first, the topic last) and links of the first breadcrumb trail."""
    items = []
    if page.crumb_lists:
        items = [li for li in page.crumb_lists[0] if li.tag == "li"]
    elif page.crumb_spans:
        trail = page.crumb_spans[0].getparent()
        items = [span for span in page.crumb_spans if span.getparent() is trail]
    names, links = [], []
    for item in items:
        name = element_text(item).replace("\n", " ").strip(_SEPARATORS)
        if not name:
            continue
        anchor = item.find(".//a")
        names.append(" ".join(name.split()))
        links.append(anchor.get("href") if anchor is not None else None)
    return names, links


def _title_from_head(title: str) -> str | None:
    """FluxBB 1.4+ titles its pages "Topic / Forum / Board"; no guess for other shapes."""
    parts = [part.strip() for part in title.split(" / ")] if title else []
    return parts[0] if len(parts) == 3 and parts[0] else None


def _page_numbers(page: PageParts) -> tuple[int | None, int | None]:
    """(this page, page count) from the first page list: the current page is its ``<strong>``."""
    for pagelink in page.pagelinks[:1]:
        current = next((n for n in (_int(_words(s.itertext())) for s in pagelink.iter("strong")) if n), None)
        numbers = [n for n in (_int(_words(a.itertext())) for a in pagelink.iter("a")) if n]
        return current, max([current or 0, *numbers]) or None
    return None, None


def topic_page_address(address: str) -> PageAddress | None:
    """The topic and page number a FluxBB/PunBB page address names (``viewtopic.php?id=42&p=3``,
    PunBB's SEF ``/topic/42/slug/page/3/``; no page: 1); None for other links, a post's
    (``?pid=9``, ``/post/9/``) and the new or last post's (``action=new``) too."""
    if _NOT_A_PAGE.search(address):
        return None
    match = _TOPIC_IN_QUERY.search(address)
    if match:
        page = _PAGE_IN_QUERY.search(address)
        return PageAddress(match[1], int(page[1]) if page else 1)
    match = _TOPIC_IN_PATH.search(address)
    return PageAddress(match[1], int(match[2] or 1)) if match else None


def next_page(page: PageParts, url: str) -> str | None:
    href = None
    for pagelink in page.pagelinks:
        href = next((a.get("href") for a in pagelink.iter("a") if (a.get("rel") or "").lower() == "next"), None)
        if href:
            break
    href = href or page.link_next
    if not href:
        current, _count = _page_numbers(page)
        for pagelink in page.pagelinks[:1]:
            href = next((a.get("href") for a in pagelink.iter("a")
                         if current and _int(_words(a.itertext())) == current + 1), None)
    if not href or not href.strip() or href.strip().startswith("#"):
        return None
    return urljoin(url, href.strip()).split("#", 1)[0]
