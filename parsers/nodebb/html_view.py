"""A topic page read from its markup alone, for pages without the embedded topic object
(saved without scripts, or themes that drop it).

Two theme generations, keyed on what NodeBB's core partial ``partials/data/topic.tpl`` puts on
every post element whatever the theme: ``data-index``, ``data-pid``, ``data-uid``,
``data-timestamp`` (milliseconds), ``data-username``, ``data-userslug``, ``itemtype=Comment``:

- Persona (NodeBB 1.x-2.x): ``li[component=post]`` holding ``meta[itemprop=datePublished]`` and
  ``meta[itemprop=dateModified]`` (empty when never edited), ``[component=post/content]``,
  ``small[component=post/editor][data-editor]`` with ``span.timeago[title]``, and the net score
  ``[component=post/vote-count][data-votes]``;
- Harmony (NodeBB 3.x): the same ``li``, ``meta[itemprop=dateModified]`` only when edited,
  ``span[component=post/editor]``, and ``meta[itemprop=upvoteCount]``/``downvoteCount``.

With nodebb-plugin-reactions, each reaction is ``[component=post/reaction][data-reaction]``
holding ``small.reaction-emoji-count[data-count]`` (an empty element: the count is in the
attribute), in either theme.

A deleted post has the class ``deleted``; a guest sees "This post is deleted!" (in the board's
language) as its content, bare words without the ``<p>`` of a post's own.
A theme may print its post header inside ``[component=post/content]`` (the name with
``itemprop=author``, the ``post/parent`` reply button, the ``post/editor`` line): those children
are the template's, left out of the post's words and HTML.
"""

from __future__ import annotations

from copy import deepcopy
from datetime import datetime

from ..budget import check_budget
from ..html_text import element_text, inner_html
from ..markup import xpath
from ..models import Author, Post
from ..quote_depth import depth_errors
from ..urls import urljoin
from ..values import first, words
from .addresses import TopicAddress
from .common import as_int, moment, remote_uid
from .content import Body
from .topic_data import DELETED_PLACEHOLDERS, emoji_reactions, votes

# How these are written, each giving what ".//*[@component='x']"-style paths give, in the same order:
# - "descendant::*/@component[. = 'x']/.." (the elements whose attribute is 'x') rather than
#   "descendant::*[@component='x']": libxml2 reads one named attribute of each element, where a
#   predicate comparing an attribute costs it a node-set per element (four to five times as long);
# - "descendant::" rather than ".//" ("/descendant::" for "//"): without a step from every node, text
#   nodes too, to its children (no predicate here counts positions);
# - a trailing "[1]" where only the first is read (after a test for the attribute read, so that it is
#   the first that has one): libxml2 stops there instead of walking on.
_CONTENT = xpath("descendant::*/@component[. = 'post/content']/..")
_PUBLISHED = xpath("descendant::meta/@itemprop[. = 'datePublished']/../@content")
_MODIFIED = xpath("descendant::meta/@itemprop[. = 'dateModified']/../@content")
# The permalink's time.
_TIMEAGO = xpath("descendant::a[contains(@href, '/post/')]//span[contains(@class, 'timeago')]/@title")
_EDITOR = xpath("descendant::*/@component[. = 'post/editor']/..")
_EDIT_TIME = xpath("descendant::span[contains(@class, 'timeago')][@title][1]/@title")
_UPVOTES = xpath("descendant::meta/@itemprop[. = 'upvoteCount']/../@content")
_DOWNVOTES = xpath("descendant::meta/@itemprop[. = 'downvoteCount']/../@content")
_NET_VOTES = xpath("descendant::*/@component[. = 'post/vote-count']/../@data-votes")
_EMOJI_REACTIONS = xpath("descendant::*/@component[. = 'post/reaction']/..")
_EMOJI_COUNT = xpath("descendant::small/@data-count")
_AUTHOR_LINK = xpath("descendant::a[@data-username][1]")
# A theme's own header inside the post's content element (forums.opera.com's theme prints the
# poster's name, group badge, "@parent" reply button and the permalink time and editor line there,
# before the post's HTML): children holding the template's parts, which a post's own HTML never
# has (NodeBB's sanitiser keeps no itemprop, and no component attribute of the post's chrome).
_CHROME_CHILDREN = xpath("*[descendant-or-self::*/@itemprop[. = 'author']"
                         " or descendant-or-self::*/@component[starts-with(., 'post/') or starts-with(., 'user/')]]")
# Around the posts.
TOPIC_ID = xpath("/descendant::*/@data-tid/parent::*[@component='topic']/@data-tid")
TOPIC_TITLE = xpath("/descendant::*/@component[. = 'topic/title']/..")
CRUMBS = xpath("/descendant::*/@itemtype[contains(., 'BreadcrumbList')]/.."
               "/descendant::*/@itemprop[. = 'itemListElement']/..")
# Tags: Persona 1.x writes the topic count inside the tag's link ("mowers 12"); both themes put
# the name alone in data-tag. (The elements of component topic/tags, with those whose class holds "tags".)
TAG_NAMES = xpath("(/descendant::*/@component[. = 'topic/tags']/.. | /descendant::*/@class[contains(., 'tags')]/..)"
                  "/descendant::a/@href[contains(., '/tags/')]/../descendant::*/@data-tag")
POST_COUNT = xpath("/descendant::*/@component[. = 'topic/post-count']/..")
PAGE_NUMBERS = xpath("/descendant::*/@component[. = 'pagination']/../descendant::a/@data-page")


def markup_post(block, order: int, address: TopicAddress, errors: list[str]) -> Post:
    """One post element; ``order`` is its place on the page (used when it has no ``data-index``)."""
    check_budget()
    pid = block.get("data-pid")
    index = as_int(block.get("data-index"))
    author = _author(block, address)
    if not author.name:
        errors.append(f"post {pid}: no author name found")
    published = moment(first(_PUBLISHED(block)) or first(_TIMEAGO(block)), block.get("data-timestamp"))
    if published is None:
        errors.append(f"post {pid}: no publication time found")
    edited_at, edited_by = _edit(block, published)
    content = first(_CONTENT(block))
    markup = _own_markup(content) if content is not None else ""
    deleted = "deleted" in (block.get("class") or "").split()
    # The placeholder is "[[topic:post-is-deleted]]" translated into the board's language ("Dieser
    # Beitrag wurde gelöscht!"): bare words, where the markdown a post's own words go through always
    # gives elements (<p>), also in the whole deleted post a moderator is shown.
    if deleted and content is not None and (element_text(content) in DELETED_PLACEHOLDERS or not len(content)):
        markup = ""
    body = Body(markup, address.base)
    upvotes, downvotes = first(_UPVOTES(block)), first(_DOWNVOTES(block))
    if upvotes is not None or downvotes is not None:
        reactions = votes(upvotes, downvotes)
    else:
        net = as_int(first(_NET_VOTES(block)))
        reactions = {"Votes": net} if net and net > 0 else {}  # Persona shows only the score
    reactions.update(emoji_reactions((node.get("data-reaction"), first(_EMOJI_COUNT(node)))
                                     for node in _EMOJI_REACTIONS(block)))
    post = Post(
        post_id=pid, url=address.post_url(pid), position=index + 1 if index is not None and index >= 0 else order,
        author=author, published_at=published, edited_at=edited_at, edited_by=edited_by, text=body.text,
        html=body.html, reactions=reactions, quotes=body.quotes, links=body.links, images=body.images,
    )
    errors.extend(depth_errors(pid, post.quotes))
    return post


def _own_markup(content) -> str:
    """The post's HTML: the content element's, without a theme header printed inside it."""
    chrome = _CHROME_CHILDREN(content)
    if not chrome:
        return inner_html(content)
    copy = deepcopy(content)
    for child in _CHROME_CHILDREN(copy):
        tail, previous, parent = child.tail or "", child.getprevious(), child.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(child)
    return inner_html(copy)


def _author(block, address: TopicAddress) -> Author:
    name, slug = block.get("data-username"), block.get("data-userslug")
    uid = as_int(block.get("data-uid")) or remote_uid(block.get("data-uid"))
    if not name:
        link = first(_AUTHOR_LINK(block))
        if link is not None:
            linked = link.get("data-uid")
            name, uid = link.get("data-username"), uid or as_int(linked) or remote_uid(linked)
    if not uid:
        return Author(name=name or None)
    return Author(name=name or None, id=str(uid), url=address.profile(slug) if slug else None)


def _edit(block, published: datetime | None) -> tuple[datetime | None, str | None]:
    """The last edit's time and editor: ``dateModified`` (empty, or absent, when never edited),
    else the editor line's time; the editor is named by ``data-editor`` (a userslug), or by the
    line's words after "edited by" on English pages ("Last edited by marigold")."""
    editor = first(_EDITOR(block))
    edited_at = moment(first(_MODIFIED(block)), None)
    if edited_at is None and editor is not None:
        edited_at = moment(first(_EDIT_TIME(editor)), None)
    if edited_at is None or (published is not None and abs((edited_at - published).total_seconds()) < 1):
        return None, None
    if editor is None:
        return edited_at, None
    line = words([element_text(editor)])
    named = line.split("edited by", 1)[1].strip() if "edited by" in line else ""
    return edited_at, named or editor.get("data-editor") or None


def breadcrumb(root, page_title: str | None, base: str) -> list[str]:
    """Category names from the BreadcrumbList: not Home (its link is the site root), not the topic."""
    names = []
    for item in CRUMBS(root):
        link = next(item.iter("a"), None)
        href = urljoin(base + "/", link.get("href")) if link is not None and link.get("href") else None
        name = words([element_text(item)])
        if href is None or href.rstrip("/") == base.rstrip("/") or not name or name == page_title:
            continue
        names.append(name)
    return list(dict.fromkeys(names))
