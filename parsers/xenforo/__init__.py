"""XenForo 2 and XenForo 1 thread pages (one module: the two share the forum's concepts, not its markup).

XenForo 2 (``<html id="XF">``): posts are ``article[data-content="post-N"][data-author]``, the
words are ``.message-userContent .bbWrapper``, times ``<time class="u-dt">`` with ``datetime``,
``data-timestamp`` (2.2+) or a Unix ``data-time`` (2.1), quotes ``blockquote.bbCodeBlock--quote``
with ``data-quote``/``data-attributes="member: N"``/``data-source="post: N"`` (2.2+) or only a
``/goto/post?id=N`` citation link (2.1).

XenForo 1 (``<html id="XenForo">``): posts are ``li.message[id="post-N"][data-author]``, the words
``blockquote.messageText``, times ``abbr.DateTime[data-time]`` (recent) or ``span.DateTime`` whose
``title`` is the only date ("May 15, 2018 at 4:02 PM", in the forum's zone, which the page's
``serverTimeInfo`` gives), quotes ``div.bbCodeQuote[data-author]`` with an ``.attribution`` line and
``.quoteContainer``. Relative URLs resolve against ``<base href>``, which XenForo 1 always sets.
The "Post Ratings" add-on's ``ul.dark_postrating_outputlist`` ("Funny x 2") gives reactions by kind.

Styles (third-party and custom) rename or restructure all of this; what they keep, because
XenForo's JavaScript and BB code renderer produce or need it, is what the parser keys on first:
``data-author`` with the post's number, ``.username``/``/members/name.N/`` links, ``.bbWrapper``/
``.messageText``, the ``<time>`` inside the post's permalink. A style that prints dates as text gets
them read from ``meta[itemprop=datePublished]``, XenForo's lightbox caption, or the printed date in
the post's frame (``posts._published``).

Text is the poster's own words: quotes, "Click to expand...", edit notices, signatures, like and
reaction bars, link-preview cards (kept as their URL) and code-block captions are left out.
Lookups follow ``parsers/ips/``: one filtered ``iter`` for the page, one pruned walk per post
that never enters the post body, and precompiled XPath only inside small scopes.
"""

from __future__ import annotations

import re
from datetime import datetime

from parsel import Selector

from ..budget import check_budget
from ..clock import unstated_zone_error
from ..html_text import element_text
from ..markup import class_test
from ..markup import xpath as _X
from ..models import PageResult
from ..post_blocks import say_unread_posts, separate_nested
from ..quote_authors import name_quotes_of_posts_here
from ..values import first as _first
from ..values import words as _words
from .common import POST_ID, absolute
from .context import Context
from .parts import PageParts, is_post
from .posts import read_post, quotes_of_posts_on_the_page
from .thread import next_page, read_thread


__all__ = ["ENGINE", "detect", "parse"]

ENGINE = "xenforo"


# Head elements; lxml leaves those after a head <noscript> or script as children of <html> (XenForo 1 pages).
_CANONICAL = _X("(/html/head | /html)/link[@rel='canonical']/@href")
_BASE = _X("(/html/head | /html)/base/@href")
_PAGE_TITLE = _X("(/html/head | /html)/title/text()")
# The page's message, never XenForo 2's "JavaScript is disabled" notice, which every page prints
# first, a div.blockMessage.u-noJsOnly in <noscript>: an error page's reason was that notice, and a
# login wall's message ("You must be logged-in to do that.") was never read (bhf.io, UI.X Dark).
_ERROR_MESSAGE = _X(f"//*[{class_test('blockMessage')} or {class_test('errorOverlay')} or {class_test('errorPanel')}"
                    f" or @id='pageLogin' or {class_test('errors')}]"
                    f"[not(ancestor-or-self::noscript) and not({class_test('u-noJsOnly')})]")


def claims(root) -> bool:
    """Does the page's root say XenForo (``html#XF``, ``html#XenForo``, ``html[data-xf]``)? No walk:
    :func:`parsers.registry.detect_engine` asks every engine's ``claims`` before any ``detect``."""
    return root.get("id") in ("XF", "XenForo") or root.get("data-xf") is not None


def detect(doc: Selector) -> bool:
    """True for pages rendered by XenForo 1 or 2."""
    root = doc.root
    if claims(root):
        return True
    # Themes that rename the <html> id still render posts in XenForo's own markup.
    # Every engine's page after XenForo's in the registry is asked this: an XPath over the attribute
    # alone says no in C on a page without data-author (most), before elements are looked at in Python.
    if not _HAS_DATA_AUTHOR(root):
        return False
    # data-author asked here first: a call of is_post for every div of every other engine's page costs more.
    return any(node.get("data-author") is not None and is_post(node)
               for node in root.iter("article", "li", "div", "section"))


_HAS_DATA_AUTHOR = _X("boolean(//@data-author)")


def parse(doc: Selector, url: str, captured_at: datetime) -> PageResult:
    """Parse one XenForo thread page; login walls and error pages come back ``blocked``."""
    root = doc.root
    page = PageParts(root)
    if not page.posts:
        return _without_posts(root, url, page)
    if not _is_thread_view(page.template):
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=(
            f"XenForo {page.template} page, not a thread: its {len(page.posts)} posts may come from"
            f" several threads: {_words(_PAGE_TITLE(root))}")[:500])
    base = absolute(url, _first(_BASE(root))) or url
    canonical = absolute(url, _first(_CANONICAL(root)))
    context = Context(root, page, base, captured_at)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=canonical)
    thread = result.thread = read_thread(root, page, url, canonical, context)
    result.next_page_url = next_page(root, page, base, thread.page, thread.page_count, url, canonical)
    separate_nested(page.posts)
    numbered: set = set()
    for index, node in enumerate(page.posts, start=1):
        check_budget()
        # A post without a printed number follows the one before it (or takes its place on the page).
        after = result.posts[-1].position + 1 if result.posts else index
        post = read_post(node, url, context, index, after, result.errors, numbered)
        if post is not None:
            result.posts.append(post)
    say_unread_posts(root, POST_ID, "post-", [post.post_id for post in result.posts] + page.deleted, result.errors)
    several = _threads_of_permalinks(result.posts)
    if len(several) > 1:
        return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=(
            f"XenForo {page.template or 'page'}: its posts' own links name {len(several)} threads"
            f" ({', '.join(sorted(several)[:5])}), not one thread: {_words(_PAGE_TITLE(root))}")[:500])
    # The first post read is the thread's first only if its printed number says so: a permalink
    # (``posts/N/``) lands on a later page whose address names no page, and a page 1 whose first
    # post was deleted, or that is sorted another way, opens with a later post. Its place on the
    # page says nothing.
    first = result.posts[0] if result.posts and thread.page == 1 and result.posts[0].position == 1 \
        and result.posts[0].post_id in numbered else None
    if thread.starter is None and first is not None:
        thread.starter = first.author
    if thread.started_at is None and first is not None:
        thread.started_at = first.published_at
    quotes_of_posts_on_the_page(result.posts, thread.id)
    name_quotes_of_posts_here(result.posts, result.errors)
    if context.read_unzoned:
        result.errors.append(ZONE_ERROR)
    if context.unread_titles:
        result.errors.append(f"{len(context.unread_titles)} dates read to the day only (the time in their"
                             f" titles not read, such as {context.unread_titles[0]!r})")
    return result


_PERMALINK_THREAD = re.compile(r"threads/(?:[^/?#]*\.)?(\d+)/(?:post-\d+|#post-\d+)")


def _threads_of_permalinks(posts) -> set[str]:
    """The thread ids the posts' own links name (``threads/slug.12/post-345``). On a thread's
    page they all name that thread; a home page, portal or blog add-on that prints the first
    posts of several threads in XenForo's post markup links each post into its own thread,
    whatever its template is called (one such template, a "home blog" add-on's, is named
    ``thread_home_blog_…``)."""
    found = set()
    for post in posts:
        match = _PERMALINK_THREAD.search(post.url or "")
        if match:
            found.add(match.group(1))
    return found


def _is_thread_view(template: str | None) -> bool:
    """May the page's posts be one thread's? XenForo names the template it rendered (XF2's
    ``<html data-template>``, XF1's ``div#content`` class), and every view of a thread's posts is a
    ``thread_view*`` one. A page node, portal or widget page (``pagenode_container``) shows the
    first posts of several threads in the same post markup: read as a thread, they would be another
    thread's posts under this page's title. A style that drops the name leaves the page read."""
    names = (template or "").split()
    return not names or any("thread" in name for name in names)


# XenForo 1 and 2 both print the viewer's zone; XF1 states it (``serverTimeInfo``), XF2 does not.
ZONE_ERROR = unstated_zone_error("XenForo prints them in the viewer's zone, and a guest's is the board's default")


def _without_posts(root, url: str, page: PageParts) -> PageResult:
    """A page without posts: a login wall or an error page (blocked), or another XenForo page (unsupported).

    XenForo names the template it rendered: ``<html data-template>`` (XF2), ``div#content``'s class (XF1).
    Every XF1 page carries a hidden login form, so only the template and the message decide.
    """
    title = _words(_PAGE_TITLE(root))
    template = (page.template or "").split()
    messages = _ERROR_MESSAGE(root)
    message = _words([element_text(messages[0])]) if messages else ""
    asks_login = re.search(r"\blog(?:ged)?[- ]?in\b", message, re.IGNORECASE) is not None
    if any("login" in name for name in template) or (asks_login and any("error" in name for name in template)):
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"login required: {message or title}"[:500])
    if any(name in ("error", "no_permission") or name.startswith("error_") for name in template):
        return PageResult(kind="blocked", url=url, engine=ENGINE, reason=f"error page: {message or title}"[:500])
    what = f" ({' '.join(template)})" if template else ""
    return PageResult(kind="unsupported", url=url, engine=ENGINE, reason=f"XenForo page without posts{what}: {title}")
