"""A Vanilla post body (``div.Message``, or an API ``body``): its text, safe html, quotes, links, pictures.

Vanilla quotes come in three shapes, all read into one tree:

- the Quotes plugin and the BBCode/HTML formats (2.0 and later):
  ``<blockquote class="Quote UserQuote" rel="alice"><div class="QuoteAuthor"><a href="/profile/alice">alice</a>
  said:</div><div class="QuoteText">...</div></blockquote>``, nested by putting one inside another's ``QuoteText``;
  in the Markdown format the author line is the quote's first line instead (``_markdown_said_line``);
- the rich editor's quote embed (2.8 and later, Keystone/Foundation themes): ``div.embedExternal.embedQuote``
  holding ``.embedQuote-userName``, a ``<time datetime>`` inside a link to the quoted post
  (``/discussion/comment/1502#Comment_1502``) and the quoted words in ``.embedQuote-excerpt``; its
  ``div.js-embed[data-embedjson]`` wrapper, where there is one, carries the same as JSON;
- a plain quote without an author: the rich editor's ``blockquote.blockquote`` (lines in
  ``p.blockquote-line``) or a Markdown ``>`` ``<blockquote>``.
"""

from __future__ import annotations

import json

from ..budget import check_budget
from ..dates import parse_iso
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import has_class, show_real_addresses, top_level
from ..models import Link, Quote
from ..page_tree import fragment_tree
from ..quote_depth import read_deeper
from ..values import words
from .addresses import comment_id_in, discussion_id_in, opening_post_id
from .common import as_dict, as_id, as_text

_SAID_SUFFIXES = (" said:", " wrote:", " said", " wrote")


class Body:
    """What one post body holds; the element is edited in place (quotes are taken out of it)."""

    def __init__(self, element, base: str) -> None:
        show_real_addresses(element, base + "/")
        self.html = sanitise(inner_html(element))
        quote_nodes = top_level(element, is_quote)
        self.quotes = [read_quote(node) for node in quote_nodes]
        for node in quote_nodes:
            drop_node(node)
        self.text = element_text(element)
        self.links, self.images = references(element)


def is_quote(node) -> bool:
    """A quote of any of the three shapes (the module docstring), or a ``js-embed`` wrapper of a quote embed."""
    if node.tag == "blockquote":
        return True
    classes = node.get("class") or ""
    if node.tag != "div" or not classes:
        return False
    if has_class(classes, "embedQuote"):
        return True
    return has_class(classes, "js-embed") and _embed_data(node).get("embedType") == "quote"


def read_quote(node, depth: int = 1) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`)."""
    check_budget()
    classes = node.get("class") or ""
    if node.tag == "div":
        quote, inner = _embed_quote(node)
    elif has_class(classes, "Quote") or has_class(classes, "UserQuote"):
        quote, inner = _plugin_quote(node)
    else:
        quote, inner = Quote(author=None), node
    nested = top_level(inner, is_quote)
    if read_deeper(depth):
        quote.quotes = [read_quote(q, depth + 1) for q in nested]
    for q in nested:
        drop_node(q)
    quote.text = element_text(inner)
    return quote


def _plugin_quote(node) -> tuple[Quote, object]:
    """``blockquote.Quote``: the author line "alice said:" (``.QuoteAuthor``), the words in ``.QuoteText``."""
    author_line = next((c for c in node if has_class(c.get("class") or "", "QuoteAuthor")), None)
    inner = next((c for c in node if has_class(c.get("class") or "", "QuoteText")), None)
    if author_line is None and inner is None:
        author_line = _unlabelled_author_line(node)
    citation = words([element_text(author_line)]) if author_line is not None else None
    author = node.get("rel") or None
    post_id = thread_id = None
    if author_line is not None:
        for link in author_line.iter("a"):
            href = link.get("href") or ""
            if "/profile/" in href and author is None:
                author = words([element_text(link)]) or None
            post_id = post_id or comment_id_in(href)
            thread_id = thread_id or (discussion_id_in(href) if "/discussion/comment/" not in href else None)
    if author is None and citation:
        author = next((citation[: -len(s)].strip() for s in _SAID_SUFFIXES if citation.endswith(s)), None)
    if author is None and author_line is None and inner is not None:
        author, citation = _markdown_said_line(inner)
    if inner is None:  # a quote written by hand: everything but the author line
        inner = node
        if author_line is not None:
            drop_node(author_line)
    if post_id is None and thread_id is not None:
        post_id = opening_post_id(thread_id)
    return Quote(author=author, post_id=post_id, thread_id=thread_id, citation=citation or None), inner


def _markdown_said_line(inner) -> tuple[str | None, str | None]:
    """The author of a Markdown-format quote, and its "@alice said:" line taken out of ``inner``.

    In the Markdown input format the Quotes plugin writes ``> @alice said:`` above the quoted
    lines, and Vanilla's Markdown renders every ``>`` as ``<blockquote class="UserQuote"><div
    class="QuoteText">``, so the author stands only in the first paragraph:
    ``<p><a href="/profile/alice">@alice</a> said:<br />words...</p>`` (seen on a real Vanilla 3.3
    board). Only a paragraph that opens with a profile link followed by just "said:"/"wrote:"
    and a line break (or the paragraph's end) counts; anything else leaves the quote without one."""
    first = next((c for c in inner if isinstance(c.tag, str)), None)
    if first is None or first.tag != "p" or (inner.text or "").strip() or (first.text or "").strip():
        return None, None
    parts = [c for c in first if isinstance(c.tag, str)]
    link = parts[0] if parts else None
    if link is None or link.tag != "a" or "/profile/" not in (link.get("href") or ""):
        return None, None
    said = (link.tail or "").strip()
    following = parts[1] if len(parts) > 1 else None
    if said not in ("said:", "wrote:") or (following is not None and following.tag != "br"):
        return None, None
    name = words([element_text(link)]).lstrip("@").strip() or None
    citation = words([element_text(link), said])
    link.tail = None
    drop_node(link)
    if following is not None:
        drop_node(following)
    return name, citation


def _unlabelled_author_line(node):
    """The first child of a ``blockquote.Quote`` when it is an author line without the
    ``QuoteAuthor`` class: hosted Vanilla 3 themes write ``<div class="blockquote-content"><a
    href="/profile/alice">alice</a> wrote: <a class="QuoteLink" href="/discussion/comment/9">»</a></div>``
    and the quoted words in a second ``div.blockquote-content``. Only a line that links a profile
    and ends in "wrote:"/"said:" (after the "»" link) counts: a quote's own first paragraph never does."""
    children = [c for c in node if isinstance(c.tag, str)]
    if len(children) < 2:
        return None
    line = children[0]
    if not any("/profile/" in (a.get("href") or "") for a in line.iter("a")):
        return None
    said = words([element_text(line)]).rstrip("»").strip()
    return line if said.endswith(_SAID_SUFFIXES[:2]) else None


def _embed_quote(node) -> tuple[Quote, object]:
    """The rich editor's quote embed: its JSON where the wrapper carries it, else its rendered header."""
    data = _embed_data(node) or _embed_data(node.getparent())
    user = as_dict(data.get("insertUser"))
    names = [words([element_text(n)]) for n in node.iter("span") if has_class(n.get("class") or "", "embedQuote-userName")]
    author = as_text(user.get("name")) or next((n for n in names if n), None)
    times = [t for t in node.iter("time") if t.get("datetime")]
    published = parse_iso(as_text(data.get("dateInserted"))) or (parse_iso(times[0].get("datetime")) if times else None)
    url = as_text(data.get("url"))
    if url is None and times:
        link = next((a for a in times[0].iterancestors("a")), None)
        url = link.get("href") if link is not None else None
    record_type, record_id = as_text(data.get("recordType")), as_id(data.get("recordID"))
    thread_id = as_id(data.get("discussionID")) or discussion_id_in(url if "/discussion/comment/" not in (url or "") else None)
    if record_type == "discussion" and record_id:
        thread_id = thread_id or record_id
        post_id = opening_post_id(record_id)
    else:
        post_id = (record_id if record_type == "comment" else None) or comment_id_in(url)
        if post_id is None and thread_id:
            post_id = opening_post_id(thread_id)
    inner = next((d for d in node.iter("div") if has_class(d.get("class") or "", "embedQuote-excerpt")), None)
    if inner is None:
        inner = next((d for d in node.iter("div", "blockquote") if has_class(d.get("class") or "", "embedQuote-body")), node)
    header = next((d for d in node.iter("div") if has_class(d.get("class") or "", "embedText-header")), None)
    citation = words([author, times[0].text if times else None]) if author else None
    if header is not None and inner is node:
        drop_node(header)
    if inner is node and header is None and as_text(data.get("body")):
        # Not rendered on the server (only a link to the quoted comment stands in the page): the
        # quoted words are the JSON's ``body``, HTML of the quoted post.
        inner, _ = fragment_tree(as_text(data.get("body")) or "")
    return Quote(author=author, author_id=as_id(user.get("userID")), post_id=post_id, thread_id=thread_id,
                 published_at=published, citation=citation or None), inner


def _embed_data(node) -> dict:
    """The decoded ``data-embedjson`` of a ``js-embed`` wrapper ({} for anything else)."""
    raw = node.get("data-embedjson") if node is not None else None
    if not raw:
        return {}
    try:
        return as_dict(json.loads(raw))
    except ValueError:
        return {}


def references(element) -> tuple[list[Link], list[Link]]:
    """Links and pictures in the poster's own words (quotes already taken out).

    A rich-editor picture is ``<a class="embedImage-link" href="full.png"><img class="embedImage-img" ...></a>``:
    the link's address is the full-size picture, and the link is no link of its own. Emoji
    (``img.emoji``) are not pictures the poster posted.
    """
    links, images = [], []
    for node in element.iter("a", "img"):
        if node.tag == "img":
            if has_class(node.get("class") or "", "emoji") or has_class(node.get("class") or "", "ProfilePhoto"):
                continue
            parent = node.getparent()
            wrapper = parent if parent is not None and parent.tag == "a" else None
            src = (wrapper.get("href") if wrapper is not None else None) or node.get("src")
            if src and not src.startswith("data:"):
                images.append(Link(src, node.get("alt")))
            continue
        href = node.get("href")
        if not href or href.startswith(("#", "javascript:")) or any(child.tag == "img" for child in node.iter()):
            continue
        links.append(Link(href, element_text(node) or None))
    return links, images
