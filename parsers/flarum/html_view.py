"""Flarum's server-rendered view of a discussion: ``<noscript id="flarum-content">``.

Every forum page carries it for readers and robots without JavaScript
(``views/frontend/content.blade.php``), with the discussion's page in it
(``views/frontend/content/discussion.blade.php``), 20 posts a page, ``?page=N``:

- 1.x: ``<div class="container"><h1>title</h1><div>`` then per post ``<article>`` with
  ``<div class="PostUser"><h3 class="PostUser-name">Display Name</h3></div>`` and
  ``<div class="Post-body">contentHtml</div>``, then ``<hr>``; from 1.2 on the head has
  ``<link rel="next">``/``<link rel="prev">`` and a canonical URL with ``?page=N``;
- betas: ``<h2>title</h2>``, per post a plain ``<div>`` with ``<h3>username</h3>`` and the same
  ``div.Post-body``; the next page only as a link in the view (``Next Page &raquo;``).

The view shows no post ids, numbers, times, profiles or likes: those come from the page's
payload (:mod:`parsers.flarum.payload`), preferred whenever present. Without it (a page saved
without its scripts), a post's id stands for its place in the discussion,
``{discussion_id}/{position}``, the position counted 20 a page (event notices, which take a place
in Flarum's count, are not shown, so a position may run short of Flarum's post number); and the
page's errors say what the view lacks.
"""

from __future__ import annotations

from lxml import etree

from ..budget import check_budget
from ..markup import class_test, xpath
from ..models import Author, PageResult, Post, Thread
from ..urls import joined
from ..values import first, words
from .addresses import DiscussionAddress
from .api_view import date_quotes
from .body import read_element
from .common import ENGINE, PAGE_SIZE

# What the view prints for a deleted account (core.lib.username.deleted_text, English).
DELETED_USER = "[deleted]"
_BODIES = xpath(f".//div[{class_test('Post-body')}]")
# Each post's header and each post's body, in the view's order: what every template prints before
# a post's body, ``div.PostUser`` (1.x, around its ``h3.PostUser-name``) or a bare ``h3`` (the
# betas), never one of a post's own words.
_HEADS_AND_BODIES = xpath(f".//div[{class_test('PostUser')}][not(ancestor::div[{class_test('Post-body')}])]"
                          f" | .//h3[not(ancestor::div[{class_test('Post-body')} or {class_test('PostUser')}])]"
                          f" | .//div[{class_test('Post-body')}]")
_TITLE = xpath(".//h1 | .//h2")
_USER_H3 = xpath("./h3")
_NEXT_LINK = xpath(".//a[@href]")


def noscript_content(root):
    """The first element with ``id="flarum-content"`` (the ``<noscript>``), or None. A walk that
    stops there, near the top of the body: an XPath ``//*[@id=...]`` tests every element of the
    page, at several times the cost.

    Betas 5 to 7 (``views/content.blade.php``) gave the view's ``<noscript>`` no id, and printed
    the view bare in ``main.App-content`` for ``?nojs=1``: without the id, the first ``<noscript>``
    that holds posts' bodies (``div.Post-body``) is the view, else the ``App-content`` element that
    holds them."""
    noscripts, bare = [], []
    for node in root.iter(etree.Element):
        if node.get("id") == "flarum-content":
            return node
        if node.tag == "noscript":
            noscripts.append(node)
        elif "App-content" in (node.get("class") or "").split():
            bare.append(node)
    # Only a page without the id (a beta's) pays for looking into these.
    return next((node for node in noscripts + bare if _BODIES(node)), None)


def post_bodies(content) -> list:
    """The view's post bodies (``div.Post-body``), in order."""
    return _BODIES(content)


def shows_posts(content) -> bool:
    """The noscript block holds a discussion's posts (``div.Post-body``), not the index or a profile."""
    return bool(_BODIES(content))


def read_noscript(content, url: str, address: DiscussionAddress, canonical: str | None,
                  next_url: str | None) -> PageResult:
    """The posts of the noscript view (no payload): names and words only; ``next_url`` is the
    head's ``<link rel="next">``, else the view's own link is looked for."""
    page = address.page or DiscussionAddress(canonical or url).page or \
        (1 + address.near // PAGE_SIZE if address.near else 1)
    if canonical and not address.slug and DiscussionAddress(canonical).discussion_id == address.discussion_id:
        address.slug = DiscussionAddress(canonical).slug
    thread_url = address.discussion_url(None)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    for index, (place, header, body) in enumerate(_places(content, page, result.errors), start=1):
        check_budget()
        result.posts.append(_post(body, header, index, place, address, thread_url, result.errors))
    date_quotes(result.posts)
    if result.posts:
        result.errors.append("no flarum-json-payload on this page: post ids stand for positions"
                             " (discussion/position), and the view shows no times, profiles or likes")
    title = first(_TITLE(content))
    result.next_page_url = next_url or view_next_link(content, url, page)
    result.thread = Thread(id=address.discussion_id, title=_text(title) or None, url=thread_url, page=page,
                           page_count=page + 1 if result.next_page_url else page)
    if page == 1 and result.posts:
        result.thread.starter = result.posts[0].author
    return result


def view_next_link(content, url: str, page: int) -> str | None:
    """The view's own "Next Page »" link: the one whose address asks for ``page=N+1``."""
    return next_link_of(view_links(content), url, page)


def view_links(content) -> list[str]:
    """The addresses of the view's links, in order (where :func:`next_link_of` looks for the next page)."""
    return [a.get("href") for a in _NEXT_LINK(content)]


def next_link_of(hrefs: list[str], url: str, page: int) -> str | None:
    """Of ``hrefs`` (:func:`view_links`), the first whose address asks for ``page=N+1``."""
    for href in hrefs:
        target = joined(url, href)
        if DiscussionAddress(target).page == page + 1:
            return target
    return None


def _places(content, page: int, errors: list[str]) -> list[tuple[int, object, object]]:
    """(position in the discussion, its header or None, body) of each post body of the view, counted by the headers
    the template prints before each body, so a post whose body is not found (its class
    lost to a torn page) keeps its place and is said to be lost: counted by the bodies alone, the
    next post took its number, with that post's own name and words (fuzz seed 70: post 2, Rowan
    Field's, came back as 5/1, Hazel Root's place, with no error)."""
    places, place, named = [], (page - 1) * PAGE_SIZE, False
    for node in _HEADS_AND_BODIES(content):
        if "Post-body" not in (node.get("class") or "").split():  # a header
            if named:
                errors.append(f"the post at place {place} of the discussion ({_text(previous)}): no post body found"
                              "; not read")
            place, named, previous = place + 1, True, node
        elif named:
            places.append((place, previous, node))
            named = False
        else:  # a body with no name heading of its own before it: a post of its own place still
            place += 1
            places.append((place, None, node))
    if named:
        errors.append(f"the post at place {place} of the discussion ({_text(previous)}): no post body found; not read")
    return places


def _post(body, header, index: int, position: int, address: DiscussionAddress, thread_url: str | None,
          errors: list[str]) -> Post:
    post_id = f"{address.discussion_id}/{position}" if address.discussion_id else str(position)
    name_node = _name_before(body)
    if name_node is not None and header is not None and name_node is not header and header not in name_node.iterancestors():
        # The name beside the body is not the header the body was counted by (a torn page: fuzz
        # flip_bytes, a body's class attribute left open over the next post's words): another post's.
        name_node = None
    name = _text(name_node) if name_node is not None else None
    is_beta = name_node is not None and name_node.getparent() is body.getparent()
    if name == DELETED_USER:
        name = None
        errors.append(f"post {post_id}: no author (a deleted account)")
    elif not name:
        errors.append(f"post {post_id}: no author name")
    # The betas print the username (a profile is /u/{username}); 1.x prints the display name.
    author = Author(name=name or None, url=address.profile(name) if is_beta and name else None)
    read = read_element(body, address.base)
    return Post(post_id=post_id, url=None, position=position, position_on_page=index, author=author,
                published_at=None, text=read.text, html=read.html, quotes=read.quotes, links=read.links,
                images=read.images)


def _name_before(body):
    """The post's name: the ``h3`` (betas) or ``div.PostUser``'s ``h3`` (1.x) just before its body,
    among the siblings back to the previous post's body. Why not any name in the body's parent: in
    broken markup (a stray ``</div>`` closing the ``<article>``) two posts' bodies end up under one
    parent, and the first name there would be given to both."""
    for sibling in body.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str):
            continue
        classes = sibling.get("class") or ""
        if sibling.tag == "h3":
            return sibling
        if sibling.tag == "div" and "Post-body" in classes.split():
            return None  # the previous post's body: this one has no name of its own
        if sibling.tag == "div" and "PostUser" in classes.split():
            return first(_USER_H3(sibling))
    return None


def _text(node) -> str:
    return words([node.xpath("string()")]) if node is not None else ""
