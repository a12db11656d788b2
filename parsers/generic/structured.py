"""Posts a page declares in schema.org terms: microdata items and JSON-LD objects.

Why both: many boards (XenForo 2, Discourse, vBulletin 3 skins, Invision) describe their posts as
``DiscussionForumPosting``/``Comment``/``Answer``/``Question``, and that description names the
author, the time and the words without any knowledge of the template. Microdata sits on the post's
own element, so the post's markup (quotes, links) is read from it; JSON-LD stands apart from the
markup, so its posts carry the words the JSON gives (no quotes told apart, the text as the markup).

Items inside an article-like item (a news article's reader comments) or inside a comment section
are never posts (see :mod:`parsers.forum_evidence`).
"""

from __future__ import annotations

import copy
import html as html_lib
import re
from datetime import datetime, timezone

from ..dates import parse_iso_keep_offset
from ..forum_evidence import ARTICLE_LIKE, IN_COMMENT_SECTION, ITEM_TYPES, json_ld_items, schema_types
from ..html_text import element_text, sanitise
from ..markup import inside, xpath
from ..models import Author
from ..page_tree import fragment_tree
from ..urls import absolute
from .blocks import URL_POST_ID, BlockPost, anchor_before, permalink_of, post_id_of, read_block

POSTING_TYPES = ("DiscussionForumPosting", "Question")
REPLY_TYPES = ("Comment", "Answer")
# A JSON-LD WebPage wraps XenForo's DiscussionForumPosting: a page, not an article.
JSON_ARTICLE_LIKE = tuple(t for t in ARTICLE_LIKE if t != "WebPage")


def _any_type(types: tuple[str, ...]) -> str:
    return " or ".join(f"contains(@itemtype, 'schema.org/{t}')" for t in types)


def _not_inside(types: tuple[str, ...]) -> str:
    return " and ".join(f"not(ancestor::*[@itemscope][contains(@itemtype, 'schema.org/{t}')])" for t in types)


# A posting (DiscussionForumPosting, Question) inside a microdata WebPage is still a post: WoltLab
# Suite's header.tpl makes every page's <body> a WebPage item, so Burning Board 4/5/6 posts would all
# be dropped. A Comment/Answer inside a WebPage (or any article-like item) stays a reader comment.
# Compiled once: root.xpath(string) compiles it again on every page.
_ITEMS = xpath(f"//*[@itemscope][({_any_type(POSTING_TYPES)}) and {_not_inside(JSON_ARTICLE_LIKE)}"
               f" or ({_any_type(REPLY_TYPES)}) and {_not_inside(ARTICLE_LIKE)}][not({IN_COMMENT_SECTION})]")


class Refusal(Exception):
    """The page's markup does not let the posts be told apart with confidence; the message says why."""


def microdata_posts(root, url: str, clock) -> list[BlockPost]:
    """The microdata posts of the page, in page order ([] when it declares none).

    An item inside another is read as its own post only when the outer item is a posting or question
    that keeps its words in a ``text``/``articleBody`` property of its own (a thread's opening post
    around its replies; without one it is a container and no post); a reply nested inside a reply
    (threaded comments) is refused: whose words are whose is a guess.
    """
    if not _declares_post_items(root):
        return []
    declared = _ITEMS(root)
    # Each item's properties, read once (a walk of the item and a climb from each property): the
    # tests below and the post's reading ask for them three times over, and nothing here edits the tree.
    item_props = {item: props_of(item) for item in declared}
    authored = [item for item in declared if item_props[item].get("author")]
    if not authored:
        return []
    _refuse_two_authors(authored, item_props)
    _refuse_two_bodies(authored, item_props)
    # An item of the same type as the authored ones but with no author property of its own is a post
    # too (a deleted account's, or one whose markup lost the property): read, with the author its
    # block shows or none (the page's errors then say so), never dropped, and never left inside the
    # item around it, whose id or link would be taken from it.
    authored_types = {item.get("itemtype") for item in authored}
    items = [item for item in declared if item in authored or item.get("itemtype") in authored_types]
    chosen = set(items)
    posts = []
    postings = []  # whether each post is a posting or question item (not a Comment or Answer)
    for item in items:
        inner = [other for other in item.iter() if other is not item and other in chosen]
        props = item_props[item]
        body = next(iter(props.get("text", []) + props.get("articleBody", [])), None)
        if inner and not _is_type(item, POSTING_TYPES):
            raise Refusal("post items nested inside each other (threaded replies)")
        if inner and (body is None or any(inside(other, body) for other in inner)):
            if body is None:
                continue  # a thread's container around its posts, with no words of its own
            raise Refusal("post items nested inside each other (threaded replies)")
        date = next(iter(props.get("datePublished", []) + props.get("dateCreated", [])), None)
        post = read_block(item, url, clock, author=next(iter(props.get("author", [])), None), date=date, body=body)
        untyped = _untyped_posts(item, url)
        if inner or untyped:
            post.post_id, post.url = _own_id_and_link(item, inner + untyped, url)
            around = f"post {post.post_id}" if post.post_id else "the post around it"
            post.notes += [f"post {post_id_of(other, url) or 'with no id'} (an item of no known type with an author"
                           f" or a post id of its own, inside {around}); not read" for other in untyped]
        if inner:
            post.opening = post.starts_thread = True
        post.url = post.url or _prop_url(props, url)
        posts.append(post)
        postings.append(_is_type(item, POSTING_TYPES))
    if posts and postings[0] and not any(postings[1:]):
        # One posting or question followed by comments or answers only: the thread's first post by
        # its type (a board that marks every post a DiscussionForumPosting says nothing of the first).
        posts[0].starts_thread = True
    return posts


def _untyped_posts(item, url: str) -> list:
    """The items inside ``item`` whose type is no schema.org type's name and that have an author of
    their own or a post's id: a reply whose type a torn tag lost (``itemscope ite&#127;mtype="...Answer"``,
    or a zero-width space inside "schema.org/Answer") is such an item. Never read as a post
    (whose words a typeless item holds is a guess), and never lent to the post around it: its
    ``id="post_7003"`` is not the question's id."""
    return [node for node in item.iter() if node is not item and isinstance(node.tag, str)
            and node.get("itemscope") is not None and not _SCHEMA_TYPE.fullmatch((node.get("itemtype") or "").strip())
            and (props_of(node).get("author") or post_id_of(node, url))]


_SCHEMA_TYPE = re.compile(r"https?://schema\.org/[A-Za-z]+/?")


def _declares_post_items(root) -> bool:
    """Does some ``itemscope`` element's ``itemtype`` name one of the types :data:`_ITEMS` asks for?
    A test of the item types alone (one walk of the attributes, 3-6 us on a small page), which
    most pages fail: :data:`_ITEMS`, whose predicates run for every element of the page, cost up
    to eight times as much to find nothing."""
    item_types = "\x00".join(ITEM_TYPES(root))
    return any(f"schema.org/{name}" in item_types for name in POSTING_TYPES + REPLY_TYPES)


def _refuse_two_authors(items: list, item_props: dict) -> None:
    """Refuse the page when one item names two different people (a broken tag left another post's
    author inside it): whose words are whose would be a guess. ``item_props``: each item's
    :func:`props_of`."""
    for item in items:
        names = {" ".join(" ".join(author.itertext()).split()) for author in item_props[item].get("author", [])} - {""}
        if len(names) > 1:
            raise Refusal(f"a {_type_name(item)} item naming {len(names)} different authors")


def _refuse_two_bodies(items: list, item_props: dict) -> None:
    """Refuse the page when one item holds two bodies (``text``/``articleBody`` properties, neither
    inside the other): a reply whose item's start tag was lost leaves its words, and its header's
    post id, to the item around it, and the reply was gone with no word (a question read as the
    lost answer's number, the answer's words nowhere)."""
    for item in items:
        bodies = item_props[item].get("text", []) + item_props[item].get("articleBody", [])
        if len(bodies) > 1 and any(not inside(other, first) and not inside(first, other)
                                   for first in bodies[:1] for other in bodies[1:]):
            raise Refusal(f"a {_type_name(item)} item holding {len(bodies)} bodies (another post's words inside it)")


def _type_name(item) -> str:
    return (item.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1] or "post"


def _own_id_and_link(item, inner: list, url: str) -> tuple[str | None, str | None]:
    """The post id and permalink of an opening post whose item holds its replies' items (a
    ``Question`` around its ``Answer`` items): read from the item without them, so that the first
    reply's ``id="post_123"`` or permalink is never taken for the opening post's.

    Nor is a comment on it: Q&A sites print the comments on a question inside it (Stack Exchange's
    ``li#comment-13300001``, Question2Answer's ``div#c456``, each with a ``#comment...`` link), no
    items of their own; a question's own number is its ``data-questionid`` where the page gives one."""
    pruned = copy.deepcopy(item)
    # (with the anchor that numbers a reply just before its item: its number is the reply's; the
    # anchors are held in a list, so that each element keeps its one proxy, and its id, while paired)
    anchors = [node.getprevious() for node in inner if anchor_before(node)]
    doomed = {id(node) for node in inner + anchors}
    twins = [twin for original, twin in zip(item.iter(), pruned.iter()) if id(original) in doomed]
    twins += [node for node in pruned.iter() if node is not pruned and _COMMENT_ID.match(node.get("id") or "")]
    for twin in twins:  # removed after the walk: removing during it would shift the pairing
        if twin.getparent() is not None:
            twin.getparent().remove(twin)
    asked = next((value for value in _QUESTION_IDS(pruned) if value.isdigit()), None)
    return asked or post_id_of(pruned, url), permalink_of(pruned, url)


_COMMENT_ID = re.compile(r"^(?:comment|c)[-_]?\d+$", re.I)
_QUESTION_IDS = xpath("descendant-or-self::*/@data-questionid")


def own_props(item, name: str) -> list:
    """The elements of ``item`` with ``itemprop=name`` that belong to it, not to an item nested in it."""
    return props_of(item).get(name, [])


def props_of(item) -> dict[str, list]:
    """:func:`own_props` of every property name at once, from one walk of the item: a post asks
    for five of them, and each walk of the item cost as much as the other four."""
    props: dict[str, list] = {}
    for node in item.iter():
        value = node.get("itemprop") if node is not item and isinstance(node.tag, str) else None
        if not value:
            continue
        owner = next((a for a in node.iterancestors() if a.get("itemscope") is not None), None)
        if owner is item:
            for name in dict.fromkeys(value.split()):
                props.setdefault(name, []).append(node)
    return props


def _is_type(item, types: tuple[str, ...]) -> bool:
    return any(f"schema.org/{t}" in (item.get("itemtype") or "") for t in types)


def _prop_url(props: dict, url: str) -> str | None:
    """The address an item's ``url`` property gives (``props``: the item's :func:`props_of`)."""
    node = next(iter(props.get("url", [])), None)
    return absolute(url, node.get("href") or node.get("content")) if node is not None else None


# --- JSON-LD ---------------------------------------------------------------------------------


def json_ld_posts(root, url: str, clock=None) -> list[BlockPost]:
    """The posts the page's JSON-LD declares: each ``DiscussionForumPosting`` with its ``comment``
    list, a ``QAPage``'s question with its answers, or a list of authored comments standing on
    their own; none inside an article. A time without an offset is read in ``clock``'s zone (see
    :func:`_json_time`)."""
    posts: list[BlockPost] = []
    seen: set[int] = set()
    for item, in_article in _items(root):
        types = schema_types(item)
        if in_article or id(item) in seen:
            continue
        if types & {"DiscussionForumPosting", "Question"}:
            replies = _as_list(item.get("comment")) + _as_list(item.get("acceptedAnswer")) + \
                _as_list(item.get("suggestedAnswer"))
            unlisted = _reply_count(item)
            if not replies and unlisted:
                raise Refusal(f"the JSON-LD describes the opening post only, of a thread with {unlisted} replies")
            opening = None
            for entry in [item, *replies]:
                if isinstance(entry, dict):
                    seen.add(id(entry))
                    post = _json_post(entry, url, root, clock)
                    post.starts_thread = entry is item
                    if opening is not None and _same_words(post, opening):
                        # The opening post listed again as its own first comment (Invision): the
                        # comment's entry is kept, it carries the post's id.
                        post.starts_thread = opening.starts_thread
                        posts[posts.index(opening)] = post
                        opening = post
                        continue
                    opening = opening or post
                    posts.append(post)
        elif types & set(REPLY_TYPES) and item.get("author"):
            seen.add(id(item))
            posts.append(_json_post(item, url, root, clock))
    return posts


def _items(root):
    """JSON-LD objects with whether they sit in a real article (a WebPage around them does not count)."""
    return json_ld_items(root, JSON_ARTICLE_LIKE)


def json_ld_opening_post(root, url: str, clock=None) -> BlockPost | None:
    """The opening post a page's JSON-LD ``DiscussionForumPosting`` describes (XenForo 2 declares its
    first post so, and its replies as microdata ``Comment`` items), or None."""
    for item, in_article in _items(root):
        if not in_article and "DiscussionForumPosting" in schema_types(item):
            return _json_post(item, url, root, clock)
    return None


def _same_words(post: BlockPost, other: BlockPost) -> bool:
    """The same author (by name or profile URL), the same time (within a minute: Invision's JSON-LD
    gives the opening post a second apart from its comment entry) and the same words."""
    if post.author is None or other.author is None or not post.text or post.text != other.text:
        return False
    same_author = (post.author.url and post.author.url == other.author.url) or \
        (post.author.name and post.author.name == other.author.name)
    if post.published_at is None or other.published_at is None:
        return bool(same_author) and post.published_at == other.published_at
    return bool(same_author) and abs((post.published_at - other.published_at).total_seconds()) <= 60


def _reply_count(item: dict) -> int:
    """The replies a posting's ``interactionStatistic`` (CommentAction/ReplyAction) or
    ``commentCount``/``answerCount`` says it has."""
    counts = [item.get("commentCount"), item.get("answerCount")]
    for counter in _as_list(item.get("interactionStatistic")):
        if any(a in str(counter.get("interactionType")) for a in ("CommentAction", "ReplyAction")):
            counts.append(counter.get("userInteractionCount"))
    numbers = [int(c) for c in counts if isinstance(c, int) or (isinstance(c, str) and c.isdigit())]
    return max(numbers, default=0)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if isinstance(value, dict) else []


def _json_time(value: str | None, clock) -> tuple[datetime | None, bool]:
    """The UTC time of a JSON-LD ``datePublished``/``dateCreated``, and whether it was read as UTC
    for want of a zone (the ``printed_time`` of :class:`BlockPost`).

    A value without an offset ("2024-11-29T09:03:00") is the board's wall clock, as the microdata
    route reads it (:func:`parsers.generic.blocks.time_of`): in the zone the page states
    (``clock.zone``), else UTC with the page's unstated-zone error. Before, such a value was taken
    as UTC with no error, and a board whose JSON-LD writes local times was hours off, silently.
    A value with an offset or "Z" keeps it. No clock: UTC, as :func:`parse_iso` reads it.
    1970-01-01T00:00:00 (UTC, or naive in any zone) is a template's empty date, not the post's: None."""
    parsed = parse_iso_keep_offset(value, None)
    if parsed is None:
        return None, False
    if parsed.tzinfo is not None:
        when = parsed.astimezone(timezone.utc)
        return (None if when.timestamp() == 0 else when), False
    if parsed.replace(tzinfo=timezone.utc).timestamp() == 0:
        return None, False
    if clock is None:
        return parsed.replace(tzinfo=timezone.utc), False
    return parsed.replace(tzinfo=clock.zone).astimezone(timezone.utc), not clock.zone_stated


def _json_post(entry: dict, url: str, root, clock=None) -> BlockPost:
    author = _json_author(entry.get("author"), url)
    if author is not None and not author.name and author.url:
        author.name = _linked_name(root, author.url, url)
    when, unzoned = _json_time(_text(entry.get("datePublished")) or _text(entry.get("dateCreated")), clock)
    text = html_lib.unescape(_text(entry.get("text")) or _text(entry.get("articleBody")) or "")
    if _MARKUP.search(text):
        # The post's HTML, not its words (Apache Answer's QAPage: "<p>Sorry for my English...</p>"):
        # read as a post's markup is, its tags never part of the words.
        fragment, _problems = fragment_tree(text)
        return BlockPost(post_id=_json_post_id(entry), url=_json_link(entry), author=author, published_at=when,
                         text=element_text(fragment), html=sanitise(text), printed_time=unzoned)
    text = "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    html = "".join(f"<p>{html_lib.escape(part)}</p>" for part in text.split("\n") if part)
    return BlockPost(post_id=_json_post_id(entry), url=_json_link(entry), author=author, published_at=when, text=text,
                     html=html, printed_time=unzoned)


# A tag of a post's markup in a JSON-LD post's text: the text is the post's HTML ("a<b and c>d" is words).
_MARKUP = re.compile(r"</?(?:p|br|a|div|span|h[1-6]|ul|ol|li|blockquote|pre|code|strong|em|img|table|tr|td|hr)"
                     r"(?:\s[^<>]*)?/?>", re.I)


def _json_link(entry: dict) -> str | None:
    return _text(entry.get("url")) or _text(entry.get("@id"))


def _json_post_id(entry: dict) -> str | None:
    identifier = entry.get("identifier")
    if isinstance(identifier, (str, int)) and str(identifier).strip():
        return str(identifier)
    link = _json_link(entry)
    match = URL_POST_ID.search(link) if link else None
    return match.group(1) if match else None


def _linked_name(root, profile: str, url: str) -> str | None:
    """The name the page prints on a link to ``profile`` (Invision's JSON-LD gives some authors
    by their profile URL alone)."""
    for link in root.iter("a"):
        if absolute(url, link.get("href")) == profile:
            name = " ".join("".join(link.itertext()).split())
            if 0 < len(name) <= 60:
                return name
    return None


def _json_author(value, url: str) -> Author | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return Author(name=" ".join(value.split()) or None) if value.strip() else None
    if not isinstance(value, dict):
        return None
    name = _text(value.get("name"))
    profile = absolute(url, _text(value.get("url")) or (_text(value.get("@id")) if "/" in str(value.get("@id")) else None))
    if not name and not profile:
        return None
    match = re.search(r"(\d+)(?:-[^/]*)?/?$", profile or "")
    return Author(name=" ".join(name.split()) if name else None, id=match.group(1) if match else None, url=profile)


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
