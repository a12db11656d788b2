"""The thread around a vBulletin page's posts: id, title, forum, pages, tags, zone and starter."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from ..breadcrumbs import json_ld_crumbs, microdata_crumbs
from ..clock import a_zone_has
from ..dates import from_unix, parse_iso
from ..html_text import element_text
from ..markup import json_ld_documents
from ..markup import xpath as _X
from ..models import Author, PageResult
from ..pagination import PageAddress, last_linked_page, linked_next_page
from ..urls import urljoin, without_session
from ..values import words as _words
from .common import NUMBERS, int_value, profile_id
from .parts import PageParts, Raw


_A_NEXT = _X("//a[@rel='next']/@href")
_THREAD_IN_URL = (
    re.compile(r"[?&]t=(\d+)"),
    re.compile(r"showthread\.php/(\d+)"),
    re.compile(r"showthread\.php\?(\d+)(?=[-&/#]|$)"),  # vBulletin 4 "basic" friendly URLs: showthread.php?145403-title
    re.compile(r"/(\d+)-[^/?#]*?(?:-\d+)?\.html"),  # vBSEO: /forum/name/1234-title.html, -2.html for page 2
    re.compile(r"/threads/(\d+)"),
    re.compile(r"/(\d+)-[^/?#]+(?:/page\d+)?/?(?:[?#]|$)"),  # vBulletin 5: /forum/name/1234-title/page2
)
_PAGE_IN_URL = re.compile(r"(?:[?&]page=|/page-?)(\d+)")
_THREAD_IN_QUERY = re.compile(r"[?&]t=(\d+)(?=$|[&#])")
_THREAD_IN_PATH = re.compile(r"(?:showthread\.php[?/]|/threads/|/)(\d+)-[^/?#&]*(?:/page-?\d+)?/?(?=$|[?#&])")
_NOT_A_PAGE = re.compile(r"[?&](?:p|goto|postid)=|#post")
# vBSEO: "/forum/42-slug.html", page 3 "/forum/42-slug-3.html" (a title ending in a number reads
# as a page too; linked_next_page takes only the page numbered one more, so it costs nothing)
_SEO_THREAD_PAGE = re.compile(r"/(\d+)-[^/?#&]*?(?:-(\d{1,4}))?\.html(?=$|[?#])")
_TWO_NUMBERS = re.compile(r"^\D{0,20}?(\d+)\D{1,12}?(\d+)\s*$")
_TIME_ZONE = re.compile(r"\b(?:GMT|UTC|WEZ)\s*(?:(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?:(?P<sep>[.:,])(?P<part>\d{1,2}))?)?")
_PAGE_PARAM = re.compile(r"(?<=[?&])(?:page|p|pp)=[^&#]*&?")

# --- The zone the footer states ----------------------------------------------------------------


def utc_offset(text: str | None) -> timedelta | None:
    """The offset a footer states: "All times are GMT -5" is -5 hours; "GMT +5.5" and "GMT +5:30" are 5h30."""
    match = _TIME_ZONE.search(text or "")
    if not match:
        return None
    if not match.group("sign"):
        return timedelta(0)
    minutes = int(match.group("hours")) * 60
    part = match.group("part")
    if part:
        minutes += int(part) if match.group("sep") == ":" else round(float("0." + part) * 60)
    minutes = minutes if match.group("sign") == "+" else -minutes
    return timedelta(minutes=minutes) if a_zone_has(minutes) else None


# --- Thread ----------------------------------------------------------------------------------


def page_offset(page: PageParts) -> timedelta | None:
    """The UTC offset the page's times are printed in ("All times are GMT -5"); None when the page
    states none (its times are then read as UTC, and its errors say so). The footer states it; it
    comes after the posts, so the last mention of "GMT" wins over a post's."""
    for node in ([page.footer] if page.footer is not None else []) + page.time_hints[::-1]:
        offset = utc_offset(element_text(node))
        if offset is not None:
            return offset
    return None


def printed_offsets(raws: list[Raw], reader) -> list[tuple[datetime, timedelta]]:
    """(Unix time, offset) of each vBulletin 5 post that prints its time in the viewer's zone
    ("01-25-2019, 04:48 PM") beside its Unix time (``data-node-publishdate``): the difference, to
    the quarter hour, for the posts whose printed time holds a year. ``reader`` (a ``ForumClock``
    in UTC, in the page's date order) reads the printed times. Why: the edit lines ("Last edited
    by X; 01-25-2019, 04:55 PM") and comments are printed in that zone; read as UTC, they fell
    hours off, before the post they edit (sneakycrab.com prints UTC-9 in winter, UTC-8 in summer:
    see parsers.vbulletin.seasons).

    A time printed relative ("Today, 03:24 PM", "Yesterday, 04:56 PM", as a page saved the day
    after shows its recent posts) gives its difference from its clock alone, where only one zone
    can have it (-11 h to +12 h: the rest of the day's clock is another zone's too). Why: on such a
    page the samples were the older posts' alone, or none, and the footer's zone (summer time, on
    a December thread) was read for the edits and comments of the recent ones: an hour off, silently
    (the fuzz's relative_dates on forums.sneakycrab.com's markup)."""
    samples = []
    for raw in raws:
        exact = from_unix(raw.unix_time)
        text = raw.date_text or ""
        if exact is None:
            continue
        if not any(len(word) == 4 and word.isdigit() for word in re.split(r"\W+", text)):
            minutes = _clock_difference(text, exact)
            if minutes is not None:
                samples.append((exact, timedelta(minutes=minutes)))
            continue
        wall = reader.local(text)
        if wall is not None:
            minutes = round((wall - exact.replace(tzinfo=None)).total_seconds() / 900) * 15
            if a_zone_has(minutes):
                samples.append((exact, timedelta(minutes=minutes)))
    return samples


# The clock of a printed time without its date ("Today, 03:24 PM", "Yesterday, 16:56").
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])?\.?\s*m?\b", re.I)


def _clock_difference(text: str, exact: datetime) -> int | None:
    """Minutes from UTC of a printed clock against its post's Unix time, to the quarter hour, when
    the clock is the text's only one and the difference is one zone's alone (see printed_offsets)."""
    clocks = _CLOCK.findall(text)
    if len(clocks) != 1:
        return None
    hours, minutes, half = int(clocks[0][0]), int(clocks[0][1]), clocks[0][2].lower()
    if half:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half == "p" else 0)
    if hours > 23 or minutes > 59:
        return None
    printed = hours * 60 + minutes
    difference = (printed - (exact.hour * 60 + exact.minute) + 720) % 1440 - 720  # -12 h to under +12 h
    difference = round(difference / 15) * 15
    return difference if -11 * 60 <= difference <= 12 * 60 else None


def thread_id_of(page: PageParts, canonical: str | None, url: str, raws: list[Raw]) -> str | None:
    if page.thread_inputs:
        return page.thread_inputs[0]
    for candidate in (canonical, url, *page.reload_links):
        for pattern in _THREAD_IN_URL:
            match = pattern.search(candidate or "")
            if match:
                return match.group(1)
    if raws[0].generation == 5 and page.node_inputs:
        return page.node_inputs[0]
    return None


def thread_title(page: PageParts) -> str | None:
    for _rank, node in sorted(page.titles, key=lambda item: item[0]):
        title = _words([element_text(node)])
        if title:
            return title
    return _words([page.og_title or page.page_title or ""]) or None


def forum_path(page: PageParts, title: str | None, root=None, url: str | None = None) -> list[str]:
    """Forum names above the thread, outermost first (the thread itself left out), without the
    site's home: vBulletin 4's ``navbithome``, vBulletin 5's first crumb when it links to the
    site's root (its "Home", before "Forum"), so both versions give the same path.

    Last, for a style that keeps none of vBulletin's crumb markup (Internet Brands' vBulletin 3.9
    "NextGen" styles print the crumbs as schema.org microdata, with ``span.navbar`` only as a
    separator), the page's microdata ``BreadcrumbList``: looked for only then, a walk of the page."""
    names: list[str] = []
    if page.breadcrumb is not None:
        for item in page.breadcrumb.iter("li"):
            classes = item.get("class") or ""
            if "navbit" in classes and "lastnavbit" not in classes and "navbithome" not in classes:
                names.append(_words([element_text(item)]))
    elif (ld := json_ld_crumbs(page.json_ld)):
        names = ld
    elif page.navbar_spans:
        # vBulletin 3 prints the navigation bar above and below the posts: read the first one.
        holder = page.navbar_spans[0].getparent()
        names = [_words([element_text(a)]) for span in page.navbar_spans if span.getparent() is holder
                 for a in span.iter("a")]
    elif page.vb5_breadcrumb is not None:
        for item in page.vb5_breadcrumb.iter("li"):
            link = next(item.iter("a"), None)
            if link is None:
                continue
            if not names and _site_root(link.get("href"), url, page.base):
                continue  # "Home": the site's root, which vBulletin 4 does not print as a crumb either
            names.append(_words([element_text(item)]))
    if not any(names) and root is not None:
        names = microdata_crumbs(root)
        first = next(iter(_FIRST_CRUMB_LINK(root)), None)
        if names and first is not None and (_site_root(first, url, page.base) or _BOARD_INDEX.search(first)):
            names = names[1:]  # the board's home, which vBulletin's own crumbs never count (navbithome)
    return [name for name in names if name and name != title]


# The first microdata crumb's link: schema.org's itemprop=item, data-vocabulary.org's itemprop=url
# (a vBulletin 4 skin that prints its navbits so, without navbithome: its home is a crumb like the rest).
_FIRST_CRUMB_LINK = _X("(//*[contains(@itemtype, 'BreadcrumbList')]//*[@itemprop='item']/@href"
                       " | //*[contains(@itemtype, 'data-vocabulary.org/Breadcrumb')]//*[@itemprop='url']/@href)[1]")
# vBulletin's home, "index.php", without a query (4.x's "forum.php" with the CMS is a crumb, as in its navbits).
_BOARD_INDEX = re.compile(r"(?:^|/)index\.php$")


def _site_root(href: str | None, url: str | None, base_href: str | None) -> bool:
    """``href`` (against the page's address ``url``) is the site's root: the host's "/", or the
    page's ``<base href>`` when it names a folder (a board that lives in one)."""
    if not href or not url:
        return False
    target = urlsplit(urljoin(url, href.strip()))
    if target.query or target.fragment:
        return False
    if target.path in ("", "/"):
        return True
    if not base_href or not base_href.strip():
        return False
    base = urlsplit(urljoin(url, base_href.strip()))
    return (target.netloc, target.path.rstrip("/")) == (base.netloc, base.path.rstrip("/"))


def page_numbers(page: PageParts, url: str, root=None, canonical: str | None = None,
                 base: str | None = None) -> tuple[int, int]:
    """Page N of M: "Page 1 of 10" (3, 4, in any language), vBulletin 5's page box, else the number
    in the URL, of as many pages as the highest this thread's links on the page (``root``) name."""
    for holder in page.pagination:
        for node in holder.iter("a", "td", "div", "span"):
            classes = node.get("class") or ""
            if not ("popupctrl" in classes or "vbmenu_control" in classes
                    or (node.tag == "div" and node.find("strong") is not None)):
                continue
            match = _TWO_NUMBERS.match(_words([element_text(node)]))
            if match and 1 <= int(match.group(1)) <= int(match.group(2)):
                return int(match.group(1)), int(match.group(2))
    current, total = int_value(page.page_current), int_value(page.page_total)
    if current is None:
        for holder in page.pagination:
            if "pagenav-controls" in (holder.get("class") or ""):
                box = next((i for i in holder.iter("input") if "js-pagenum" in (i.get("class") or "")), None)
                shown = next((s for s in holder.iter("span") if "pagetotal" in (s.get("class") or "")), None)
                current = int_value(box.get("value")) if box is not None else None
                total = int_value(element_text(shown)) if shown is not None else None
                break
    if current and total and current <= total:
        return current, total
    match = _PAGE_IN_URL.search(url)
    number = int(match.group(1)) if match else 1
    last = last_linked_page(root, url, thread_page_address, canonical, base) if root is not None else None
    return number, max(number, last or 0)


def numbers_shown(page: PageParts) -> tuple[int, int] | None:
    """The numbers of the first and the last post the page shows, (16, 30) from "Results 16 to 30 of
    147" above the posts (4), else the title of the current page in the page links ("Showing
    results 16 to 30 of 33"), in any language; None where neither is printed."""
    texts = [element_text(page.stats)] if page.stats is not None else []
    for holder in page.pagination:
        for node in holder.iter("span"):
            classes = node.get("class") or ""
            if "selected" in classes or node.find("strong") is not None:
                anchor = node.find("a")
                texts.append(node.get("title") or (anchor.get("title") if anchor is not None else "") or "")
    for text in texts:
        numbers = [int_value(n) for n in NUMBERS.findall(text)]
        if len(numbers) >= 3 and numbers[0] and numbers[1] and numbers[1] >= numbers[0]:
            return numbers[0], numbers[1]
    return None


def first_page_url(address: str, page: int) -> str:
    """The thread's first-page URL: the page markers of vBulletin's URL styles removed."""
    address = without_session(address.split("#", 1)[0])
    address = _PAGE_PARAM.sub("", address).rstrip("?&")
    if page > 1:
        address = re.sub(rf"-{page}\.html(?=$|\?)", ".html", address)
        address = re.sub(rf"/page-?{page}/?(?=$|\?)", "/", address)
        # vBSEO's custom formats end a thread's later pages in "/pageN.html" (LinuxQuestions.org's
        # ".../slug-4175707964/page2.html"): page 2's address was kept as the thread's.
        address = re.sub(rf"/page-?{page}\.html(?=$|\?)", "/", address)
    return address


def next_page(root, page: PageParts, base: str, url: str, canonical: str | None) -> str | None:
    """The pagination's "next" link (``a[rel=next]``; vBulletin 5's next button), else ``<link rel=next>``;
    with none of them, the thread's next page linked anywhere (a restyled page nav)."""
    candidates = [a.get("href") for holder in page.pagination for a in holder.iter("a")
                  if a.get("rel") == "next" or ("js-pagenav-next-button" in (a.get("class") or "")
                                                and not _disabled_button(a))]
    candidates.append(page.link_next)
    if not any(candidates):
        candidates = _A_NEXT(root)  # a themed pagination the page pass did not recognise
    if not any(candidates):
        found = linked_next_page(root, url, thread_page_address, canonical, base)
        return without_session(found) if found else None
    for href in candidates:
        href = (href or "").strip()
        if href and not href.startswith(("javascript:", "#")):
            found = without_session(urljoin(base, href).split("#", 1)[0])
            # The page's own address is no next page (a template's "next" that points back at the page).
            return found if found != url.split("#", 1)[0] else None
    return None


def _disabled_button(anchor) -> bool:
    """vBulletin 5's next button on a thread's last page: kept in the markup, hidden (``h-hide-imp``)
    and aimed at page 0, its href the thread's own address or "#" (a real board's page 1 of 1 gave
    itself as its next page)."""
    return anchor.get("data-page") == "0" or "h-hide-imp" in (anchor.get("class") or "").split()


def thread_page_address(address: str) -> PageAddress | None:
    """The thread and page number a vBulletin page address names (``showthread.php?t=42&page=3``,
    ``showthread.php?42-slug/page3``, ``/threads/42-slug/page3``, vBulletin 5's ``/forum/x/42-slug/page3``,
    vBSEO's ``/forum/42-slug-3.html``; no page: 1); None for other links, a post's (``?p=9``, ``#post9``) and "go to" links too."""
    if _NOT_A_PAGE.search(address):
        return None
    seo = _SEO_THREAD_PAGE.search(address)
    if seo:
        return PageAddress(seo[1], int(seo[2] or 1))
    match = _THREAD_IN_QUERY.search(address) or _THREAD_IN_PATH.search(address)
    if match is None:
        return None
    page = _PAGE_IN_URL.search(address[match.start():])
    return PageAddress(match[1], int(page[1]) if page else 1)


def thread_tags(page: PageParts) -> list[str]:
    if page.tag_cell is None:
        return []
    return list(dict.fromkeys(t for t in (_words([element_text(a)]) for a in page.tag_cell.iter("a")) if t))


def read_starter(page: PageParts, result: PageResult, numbered: set) -> None:
    """The thread's starter and start time: schema.org's DiscussionForumPosting, else the first post
    of page 1 when the page numbers it 1 (``numbered``: the posts whose number the page prints, or
    that follow the number the page's list starts at). By its place on the page alone it is not
    known to be the thread's first: that one may be deleted, or the page sorted another way."""
    thread = result.thread
    for data in json_ld_documents(page.json_ld, "DiscussionForumPosting"):
        author = data.get("author") if isinstance(data, dict) else None
        if isinstance(author, dict) and author.get("name"):
            url = author.get("url")
            thread.starter = Author(name=author["name"], id=profile_id(url), url=url)
            thread.started_at = parse_iso(data.get("datePublished") or data.get("dateCreated"))
            break
    first = result.posts[0] if result.posts else None
    if thread.page == 1 and first is not None and first.position == 1 and first.post_id in numbered:
        thread.starter = thread.starter or first.author
        thread.started_at = thread.started_at or first.published_at
