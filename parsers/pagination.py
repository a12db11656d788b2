"""A thread's next page found by its address, for a page whose pager the parser did not recognise.

Why: each engine's parser reads the pager its templates print (``pageNav-jump--next``,
``li.next``, ``span.current_page``, ``<link rel="next">``). A theme that restyles the pager
renames those classes, and many engines print no ``rel="next"`` at all (MyBB, phpBB, Discuz!,
ProBoards). The parser then saw "page 1 of 1" and gave no next page: the crawl stopped at the
first page and said it had finished, the silent loss this project must never have (found by
renaming the classes around the next page's link, ``bench/fuzz_parsers.py``'s
``rename_pagination``). What every theme keeps is the engine's own page addresses: the pager's
links are built by the engine's router (``page-2``, ``&start=20``, ``topic=7.20``,
``thread-7-2-1.html``), whatever markup holds them.

So each engine that can lose its pager passes a reader of its page addresses, and
:func:`linked_next_page` looks among the page's links for the address of this thread's next
page (by page number, or by the offset of its first post for engines that address pages so).
It never builds an address the page does not link to: a link that is not there means no next
page is known.

The page's size is the other thing a pager tells that no theme changes: a page before the
thread's last is always full, so :func:`say_short_page` has one holding fewer posts than the
board shows a page say how many may be missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lxml import etree

from .urls import urljoin, urlsplit


@dataclass(frozen=True)
class PageAddress:
    """Where an address points within a thread: the thread's id, and the page number (or the
    offset of the page's first post, for engines that address pages so)."""

    thread: str
    place: int


AddressReader = Callable[[str], "PageAddress | None"]

_HREFS = etree.XPath("//a/@href", smart_strings=False)


def linked_next_page(root, url: str, read_address: AddressReader, canonical: str | None = None,
                     base: str | None = None, by_offset: bool = False) -> str | None:
    """The link on the page to this thread's next page (the first such link in document order), as
    an absolute address without its fragment; None when the page links to none.

    The next page is the one numbered one more than this page, or, for engines that address pages
    by the offset of their first post (``by_offset``), the nearest later offset: the step is the
    board's posts per page, which a page whose pager is unknown does not say, and any pager,
    however styled, links the page after this one. Page numbers must follow on exactly: a number
    at the end of a title's words in an address ("iphone-5.html") is no page number, and must
    not send the crawl back to page 1.

    :param url: this page's address (the fetched URL): it says which thread and page this is
    :param read_address: the engine's reader of a page address (None for any other link)
    :param canonical: the page's own canonical address, read when the fetched one is not a page
        address the engine's reader knows (a board behind rewritten or shortened URLs)
    :param base: what the page's relative links resolve against, when not ``url`` (``<base href>``)
    :param by_offset: ``place`` is the offset of a page's first post, not its number
    """
    here = read_address(url) or (read_address(canonical) if canonical else None)
    if here is None:
        return None
    nearest: tuple[int, str] | None = None
    for found, address in _thread_page_links(root, here, url, read_address, canonical, base):
        if not by_offset and found.place == here.place + 1:
            return address.split("#", 1)[0]
        if by_offset and found.place > here.place and (nearest is None or found.place < nearest[0]):
            nearest = (found.place, address.split("#", 1)[0])
    return nearest[1] if nearest else None


def last_linked_page(root, url: str, read_address: AddressReader, canonical: str | None = None,
                     base: str | None = None) -> int | None:
    """The highest page number of this thread that the page links to (its pager's link to the last
    page, however styled), or None when it links to none of its pages.

    Why: a restyled pager ("1 / 64" in bare spans, a forocoches.com vBulletin 3.8 design) left
    the parser reading "page 1 of 1", silently, while the page linked page 64; a page count too low
    hides how much of the thread a crawl has still to fetch. Same arguments as :func:`linked_next_page`."""
    here = read_address(url) or (read_address(canonical) if canonical else None)
    if here is None:
        return None
    return max((found.place for found, _ in _thread_page_links(root, here, url, read_address, canonical, base)),
               default=None)


def _thread_page_links(root, here: PageAddress, url: str, read_address: AddressReader, canonical: str | None,
                       base: str | None):
    """(where, absolute address) of each link on the page to a page of ``here``'s thread, on the board's
    own hosts (the fetched address's, the canonical address's)."""
    hosts = {urlsplit(url).netloc, urlsplit(canonical).netloc if canonical else ""} - {""}
    # Only links that name the thread's id can be its pages: a cheap test before any parse (every
    # link's address in one walk in C, the test in Python: a contains() in the XPath walks slower).
    for href in _HREFS(root):
        if here.thread not in href:
            continue
        # Read as written first (a post's permalink, most of these links, is no page address: no
        # join for it), then as joined, which is what the page links to.
        if read_address(href) is None:
            continue
        address = urljoin(base or url, href.strip())
        if urlsplit(address).netloc not in hosts:
            continue
        found = read_address(address)
        if found is not None and found.thread == here.thread:
            yield found, address


def say_short_page(result, per_page: int | None, placeholders: int = 0) -> None:
    """A page before the thread's last that holds fewer posts than the board shows a page says so.

    Why: a page before the last is always full (the board cuts pages every ``per_page`` posts), so a
    short one lost posts the parser did not recognise: a theme's other template for some posts (a
    first post styled apart, a sponsor's post), or markup it could not read. Found nowhere else:
    the page gives no reference to compare with. Posts hidden from the reader (ignored members,
    moderated ones) are left out of the board's count too, so a page short for that reason is rare;
    the error says "may", and names how many. ``placeholders``: the notices the page shows in the
    place of posts it does not print (a foe's post in phpBB 3.0), which fill a page as posts do.
    """
    thread = result.thread
    read = len(result.posts) + placeholders
    if per_page and thread is not None and thread.page < thread.page_count and read < per_page:
        result.errors.append(f"page {thread.page} of {thread.page_count} holds {read} posts where the board shows "
                             f"{per_page} a page: {per_page - read} may be missing")
