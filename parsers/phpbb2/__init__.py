"""phpBB 2.0.x (subSilver and the themes derived from it, which keep its post rows).

subSilver has no element around a post: ``viewtopic_body.tpl`` prints each one as table rows. What
every derived theme keeps, and what this reads:

- the post: ``span.name > a[name=N]`` (N the post id) then ``<b>name</b>``, in the author cell of the
  post's ``tr``; the message is the cell holding ``span.postbody``, whose ``span.postdetails`` reads
  "Posted: Sun Mar 06, 2005 5:45 pm   Post subject: ..." beside the ``viewtopic.php?p=N#N`` link;
- the author: the name in ``span.name``; the member's id from the ``profile.php?mode=viewprofile&u=N``
  button in the row after it (guests have no profile);
- quotes: ``bbcode.tpl`` closes the ``span.postbody``, prints a ``table`` whose first row is
  "<span class="genmed"><b>X wrote:</b></span>" ("Quote:" when unattributed) and whose second is
  ``td.quote``, then opens a new ``span.postbody``; derived themes print ``div.quotetitle`` +
  ``div.quotediv``. Quotes nest;
- left out of the poster's words: the signature (the last ``span.postbody``, "_________________"
  then the signature), the edit notice ``span.gensmall`` ("Last edited by X on <date>; edited N times
  in total"), the "Code:" title of code tables;
- premods' templates (ezArena, OxyGen, ArkaMod; tests/data/phpbb2_templates/): the message wrapped in
  ``<div id="message_N">`` (the cell around it is read, for the signature and edit notice beside
  it), the "Topics Enhanced" mod's in-page ordinals ``<a name="1">``, ``"2"``... before each post
  (not posts), its "Post: #3" ``span.postdetails`` before the dated one, a date line ending at ``<br />``;
- the page: ``a.maintitle`` (title, topic link), the ``span.nav`` trail (index -> forum), "Page
  <b>1</b> of <b>3</b>", "Goto page <b>1</b>, <a>2</a>, <a>3</a>  <a>Next</a>" (the next page is the
  link to the page after the bold one, whatever "Next" is in the board's language).

Times are read in the zone the footer names ("All times are GMT + 1 Hour"); a page without it is
read as UTC and says so in ``errors``. Checked against phpBB 2.0.x's templates/subSilver
(viewtopic_body.tpl, bbcode.tpl), a derived theme's bbcode.tpl, and the German and Russian language packs.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree
from parsel import Selector

from ..budget import check_budget
from ..clock import UNSTATED_ZONE_ERROR, ForumClock
from ..markup import is_forumotion, language_tag
from ..models import PageResult, Thread
from ..page_index import page_index
from ..post_blocks import say_unread_numbered_posts
from ..urls import urljoin
from .page import (PageParts, first_anchors, partial_view, permalinked_post_ids, reads_as_post, start_in,
                   topic_id_in)
from .posts import clean_url, read_post

__all__ = ["ENGINE", "claims", "detect", "parse"]

ENGINE = "phpbb2"


# A span whose class names "postdetails": every post row :func:`detect` takes has one, and libxml2
# says whether a page has any without a Python step an element.
_DETAILS_SPAN = etree.XPath("boolean(/descendant::span/@class[contains(., 'postdetails')])")


def claims(root) -> bool:
    """:func:`detect`'s test, behind a cheap gate (a ``span`` whose class holds "postdetails"),
    asked with the other engines' ``claims``: phpBB 2's head carries no signature of its own, and
    without this a phpBB 2 page went through the fourteen ``detect`` before this one (0.2 ms on
    a small page, most of building its tree) before its own. :func:`parsers.registry.detect_engine` asks
    every engine's ``claims`` before any ``detect``."""
    return bool(_DETAILS_SPAN(root)) and _is_topic_page(root)


def detect(doc: Selector) -> bool:
    """True for a phpBB 2 topic page: a post anchor whose row holds ``span.postbody``,
    ``span.postdetails`` and the post's own ``...p=N#N`` link, on a page without Forumotion's
    markers (its phpBB 2-like version prints the same rows, with ``/t7-title#N`` links)."""
    return _is_topic_page(doc.root)


def _is_topic_page(root) -> bool:
    # The page's classes (read once for every engine) first: a post's row holds both span classes.
    index = page_index(root)
    if not index.has_class("postbody") or not index.has_class("postdetails"):
        return False
    anchors = first_anchors(root, 3)  # not the whole PageParts: parse() builds that, once
    if not anchors or is_forumotion(root):
        return False
    return any(reads_as_post(anchor) for anchor in anchors)


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one phpBB 2 topic page; a page without posts comes back ``unsupported``."""
    root = doc.root
    if is_forumotion(root):
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason="a Forumotion page")
    page = PageParts(root)
    posts = page.posts()
    if not posts:
        return PageResult(kind="unsupported", url=url, engine=ENGINE,
                          reason=f"phpBB 2 page without posts: {page.page_title}"[:500])
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    zone = page.zone()
    language = language_tag(root) or _label_language(posts)
    clock = ForumClock(captured_at, zone, language)
    labelled = ForumClock(captured_at, zone, language, labelled=True)
    thread = result.thread = _thread(page, url)
    result.next_page_url = _next_page(page, url)
    first = _first_place(page, url)
    clock.learn_order(p.date_text() for p in posts)
    for index, parts in enumerate(posts, start=1):
        check_budget()
        post = read_post(parts, url, clock, labelled, first + index, result.errors)
        if post is not None:
            post.position_on_page = index
            result.posts.append(post)
    # A post named only by its permalink (parsers.phpbb2.page.permalinked_post_ids).
    say_unread_numbered_posts(permalinked_post_ids(posts), [post.post_id for post in result.posts], result.errors)
    partial = partial_view(root, url)
    if partial:
        result.errors.append(f"{partial}: the page does not start at the topic's first post; positions"
                             " counted on the page are not the posts' places in the topic, no starter read")
    elif thread.page == 1 and result.posts and result.posts[0].position == 1:
        thread.starter = result.posts[0].author
        thread.started_at = result.posts[0].published_at
    if clock.read_unzoned or labelled.read_unzoned:
        result.errors.append(UNSTATED_ZONE_ERROR)
    return result


# subSilver pages carry no <html lang>; the label of the post time says which language pack
# printed the dates ("Добавлено: Вс Мар 06, 2005"), for the month and day names.
_LABEL_LANGUAGES = {"posted": "en", "verfasst am": "de", "добавлено": "ru", "posté le": "fr", "publicado": "es",
                    "inviato": "it", "geplaatst": "nl", "wysłany": "pl", "napsal": "cs", "gönderildi": "tr"}


def _label_language(posts) -> str | None:
    for parts in posts[:3]:
        language = _LABEL_LANGUAGES.get(parts.date_label().casefold())
        if language:
            return language
    return None


def _first_place(page: PageParts, url: str) -> int:
    """How many posts of the topic come before the page's first one.

    The address's ``start=`` says it, unless the page prints another page: a saved page whose
    address kept the entity of a link ("viewtopic.php?t=66&amp;start=30", a Wayback Machine
    capture) was served as page 1, phpBB 2 reading no start, and its posts were given places 31
    on; the page's own "Page <b>1</b> of <b>3</b>" wins then."""
    first = start_in(url)
    if first is None and page.title_link is not None:
        # The topic title links to the page shown (U_VIEW_TOPIC, "...&start=15&postdays=0..."),
        # also for a page asked for by one of its posts (viewtopic.php?p=N, a "last post" link):
        # a last page links no later page whose start= would give the posts per page.
        first = start_in(page.title_link.get("href"))
    printed, per_page = page.page_numbers()[0], page.per_page()
    if first is not None and not (printed and per_page and first // per_page + 1 != printed):
        return first
    number = printed or 1
    return (number - 1) * per_page if per_page and number > 1 else 0


def _thread(page: PageParts, url: str) -> Thread:
    title_href = page.title_link.get("href") if page.title_link is not None else None
    title = " ".join("".join(page.title_link.itertext()).split()) if page.title_link is not None else None
    thread_id = topic_id_in(url) or topic_id_in(title_href)
    if thread_id is None:
        thread_id = next((topic_id_in(a.get("href")) for a in page.numbered_links if topic_id_in(a.get("href"))), None)
    topic_url = None
    if thread_id:
        base = clean_url(url, title_href) if title_href else url
        topic_url = urljoin(base.split("?", 1)[0], f"?t={thread_id}")
    number, count = page.page_numbers()
    forum = page.breadcrumb()
    if not title and " - " in page.page_title:  # "<Site> :: View topic - <title>"
        title = page.page_title.split(" - ", 1)[1].strip() or None
    return Thread(id=thread_id, title=title or None, url=topic_url, forum=forum, page=number or 1,
                  page_count=max(count or 1, number or 1))


def _next_page(page: PageParts, url: str) -> str | None:
    current, _count = page.page_numbers()
    if not current:
        return None
    for holder in page.pagination_holders():
        for anchor in holder:
            if anchor in page.numbered and "".join(anchor.itertext()).strip() == str(current + 1):
                return clean_url(url, anchor.get("href")).split("#", 1)[0]
    return None
