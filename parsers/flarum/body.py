"""A post's ``contentHtml`` (the same in the API, the payload and the noscript view): the
poster's words, the markup, quotes and mentions, links and pictures.

Flarum writes three kinds of reference to another post (flarum/mentions, flarum/bbcode):

- a reply mention, ``@"Birch Tree"#p7001`` in the source, rendered
  ``<a href="https://forum.example/d/7-garden-shed-roof/1" class="PostMention" data-id="7001">Birch Tree</a>``
  (before 1.0 ``@birch#7001``, the username as the link text). It becomes a quote without words:
  who is answered, which post;
- a Markdown quote made with the quote button, ``> @"Maple"#p7002 Try a new ridge cap first.``,
  rendered ``<blockquote><p><a class="PostMention" data-id="7002" ...>Maple</a> Try a new ridge cap first.</p></blockquote>``:
  a quote whose author and post come from its leading mention; ``>`` nests to any depth;
- a BBCode quote, ``<blockquote><div><cite>birch wrote:</cite>...</div></blockquote>``, or
  ``<blockquote class="uncited"><div>...`` without an author.

A reply mention's name stays in the post's text where the reader sees it ("Birch Tree Try a new
ridge cap first."); a quote's leading mention does not (it is the quote's author).
A mention of a post that is gone is ``<span class="PostMention PostMention--deleted" data-id="N">``:
its name is a placeholder, so the quote has no author. User mentions (``a.UserMention``) and tag
mentions are words of the post, not links it shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..budget import check_budget
from ..html_text import drop_node, element_text, inner_html, iter_outside, sanitise
from ..markup import has_class, show_real_addresses, top_level_blockquotes
from ..models import Link, Quote
from ..page_tree import fragment_tree
from ..quote_depth import read_deeper
from .addresses import mention_target
from .view_bodies import ViewBodies

_QUOTE_TAGS = frozenset({"blockquote"})
_NOT_SHARED_LINKS = ("PostMention", "UserMention", "TagMention")


@dataclass
class PostBody:
    text: str
    html: str
    quotes: list[Quote] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Link] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_body(content_html: str, base: str, views: ViewBodies | None = None) -> PostBody:
    """Read one post's ``contentHtml``; ``base`` makes its addresses absolute. ``views``: the page's
    noscript bodies, one of which is this HTML's tree already (see :mod:`.view_bodies`)."""
    body = views.take(content_html) if views is not None else None
    if body is not None:
        return read_element(body, base)
    body, problems = fragment_tree(content_html)
    return read_element(body, base, problems)


def read_element(body, base: str, problems: list[str] | None = None) -> PostBody:
    """Read a post body element this parse owns (quotes are read by taking their mentions out)."""
    show_real_addresses(body, base + "/")
    links, images = _references(body)
    result = PostBody(text=element_text(body, skip=_QUOTE_TAGS), html=sanitise(inner_html(body)),
                      links=links, images=images, problems=list(problems or []))
    result.quotes = [_quote(node) if node.tag == "blockquote" else _reply(node)
                     for node in _quotes_and_mentions(body)]
    return result


def _is_mention(node) -> bool:
    return node.tag in ("a", "span") and has_class(node.get("class") or "", "PostMention")


def _is_quote_or_mention(node) -> bool:
    return node.tag == "blockquote" or _is_mention(node)


def _quotes_and_mentions(body) -> list:
    """What ``top_level(body, _is_quote_or_mention)`` finds (the outermost quotes and reply mentions,
    in document order), from lxml's own iteration over the three tags they can have instead of a
    Python step for every element of the post: in document order a match is outermost unless it
    stands inside one found before it, and those do not overlap, so this stays linear."""
    found, inside = [], set()
    for node in body.iterdescendants("blockquote", "a", "span"):
        if node not in inside and _is_quote_or_mention(node):
            found.append(node)
            inside.update(node.iterdescendants("blockquote", "a", "span"))
    return found


def _reply(node) -> Quote:
    """A reply mention outside any quote: the post answered, no quoted words."""
    author, post_id, thread_id = _mentioned(node)
    return Quote(author=author, post_id=post_id, thread_id=thread_id, citation=element_text(node) or None, text="")


def _mentioned(node) -> tuple[str | None, str | None, str | None]:
    """(author, post id, discussion id) of a post mention; a deleted post's mention names nobody."""
    deleted = has_class(node.get("class") or "", "PostMention--deleted")
    thread_id, _ = mention_target(node.get("href"))
    return (None if deleted else element_text(node) or None), node.get("data-id") or None, thread_id


def _quote(node, depth: int = 1) -> Quote:
    check_budget()
    cited = _bbcode_body(node)
    if cited is not None:
        body, cite = cited
        citation = element_text(cite) if cite is not None else None
        if cite is not None:
            drop_node(cite)
        quote = Quote(author=_author_of_citation(citation), citation=citation or None)
    else:
        body, quote = node, Quote(author=None)
        mention = _leading_mention(node)
        if mention is not None:
            quote.author, quote.post_id, quote.thread_id = _mentioned(mention)
            quote.citation = element_text(mention) or None
            drop_node(mention)
    quote.text = element_text(body, skip=_QUOTE_TAGS)
    if read_deeper(depth):
        quote.quotes = [_quote(inner, depth + 1) for inner in top_level_blockquotes(body)]
    return quote


def _bbcode_body(node):
    """(the ``<div>`` of a BBCode quote, its ``<cite>`` or None), or None for a Markdown quote."""
    children = [child for child in node if isinstance(child.tag, str)]
    if len(children) != 1 or children[0].tag != "div" or (node.text or "").strip():
        return None
    div = children[0]
    first = next((child for child in div if isinstance(child.tag, str)), None)
    return div, (first if first is not None and first.tag == "cite" and not (div.text or "").strip() else None)


def _author_of_citation(citation: str | None) -> str | None:
    """"birch wrote:" -> "birch" (the last word is the forum's translation of "wrote:")."""
    if not citation or not citation.rstrip().endswith(":") or " " not in citation.strip():
        return None
    return citation.strip().rsplit(" ", 1)[0].strip() or None


def _leading_mention(node):
    """The post mention a quote opens with (``<blockquote><p><a class="PostMention">``), if any."""
    first = next((child for child in node if isinstance(child.tag, str)), None)
    if first is None or (node.text or "").strip():
        return None
    if _is_mention(first):
        return first
    if first.tag != "p" or (first.text or "").strip():
        return None
    inner = next((child for child in first if isinstance(child.tag, str)), None)
    return inner if inner is not None and _is_mention(inner) else None


def _references(body) -> tuple[list[Link], list[Link]]:
    """Links and pictures in the poster's own words (quotes left out; mentions and emoji are no shares)."""
    links, images = [], []
    for node in iter_outside(body, ("a", "img"), skip=_QUOTE_TAGS):
        classes = node.get("class") or ""
        if node.tag == "img":
            src = node.get("src")
            if src and not has_class(classes, "emoji") and not src.startswith("data:"):
                images.append(Link(src, node.get("alt") or None))
            continue
        href = node.get("href")
        if href and not href.startswith("#") and not any(has_class(classes, name) for name in _NOT_SHARED_LINKS):
            links.append(Link(href, element_text(node) or None))
    return links, images
