"""A Discourse post's cooked body, the same in the JSON API and the HTML view: text, quotes, links, pictures."""

from __future__ import annotations

import re
from datetime import datetime

from ..budget import check_budget
from ..html_text import drop_node, element_text, inner_html, iter_outside, sanitise, without
from ..markup import class_test, top_level
from ..markup import xpath as _X
from ..models import Author, Link, Post, Quote
from ..quote_depth import read_deeper
from ..urls import urljoin
from ..values import first as _first
from ..values import words as _words
from .addresses import PostIds, TopicAddress


# Inside one post body (the tree is this parse's own: chrome is removed in place).
_CHROME = _X(f".//div[{class_test('quote-controls')}] | .//div[{class_test('lightbox-wrapper')}]//div[{class_test('meta')}]"
             " | .//script | .//style")
_TITLE_DIV = _X(f"./div[{class_test('title')}]")
_CITATION_NAME = re.compile(r"^\s*(?P<who>[^:\n]+?)\s*:\s*$")
_QUOTES = frozenset({"blockquote", "aside"})  # quotes and link previews: not the poster's words
_IMAGE_SKIP = ("emoji", "avatar", "site-icon")
# BBCode quote markers the cooker left as words: boards imported from phpBB, vBulletin or SMF keep
# "[quote=“name”]" with typographic quotes (or a bare name after a space), which Discourse's
# BBCode rule does not take, so the quoted words sit in the reply's paragraphs as its own.
# Only a quote that names whom it quotes is taken: a bare "[quote]...[/quote]" inside a sentence
# is as often a member showing the syntax as a quote, and stays words.
_BBCODE_OPEN = re.compile(r"\[quote=(?P<who>[^\]\n]*\w[^\]\n]*)\]", re.IGNORECASE)
_BBCODE_CLOSE = re.compile(r"\[/quote\]", re.IGNORECASE)
_BBCODE_MARKER = re.compile(r"\[quote(?:=[^\]\n]*)?\]|\[/quote\]", re.IGNORECASE)
# A real post quotes a few posts; a body holding more such quotes keeps the rest as printed (each
# one cut copies the paragraph's remaining words: thousands in one paragraph would not end).
_MAX_BBCODE_QUOTES = 100
_BBCODE_WHO_QUOTES = "\"'“”„«»‘’"
_BBCODE_REFERENCE = re.compile(r"^\s*(post|topic):\s*(\d+)\s*$")


# --- The post body, shared by both views -----------------------------------------------------


def post_from_body(body, post_id: str, url: str | None, position: int, author: Author, published: datetime | None,
          edited_at: datetime | None, reactions: dict[str, int], address: TopicAddress, ids: PostIds,
          captured_at: datetime) -> Post:
    for node in _CHROME(body):
        drop_node(node)
    _unrendered_bbcode_quotes(body)
    _absolute_addresses(body, address.origin)
    links, images, attachments = _references(body)
    return Post(
        post_id=post_id, url=url, position=position, author=author, published_at=published,
        edited_at=edited_at, text=element_text(body, skip=_QUOTES), html=sanitise(inner_html(body)),
        reactions=reactions, quotes=[_quote(node, ids) for node in _top_quotes(body)],
        links=links, images=images, attachments=attachments,
    )


def _classes(node) -> list[str]:
    return (node.get("class") or "").split()


def _is_quote_aside(node) -> bool:
    return node.tag == "aside" and "quote" in _classes(node)


def _is_quote(node) -> bool:
    """An ``aside.quote``, or a bare ``blockquote`` (not the body of an ``aside.quote``)."""
    if node.tag == "aside":
        return "quote" in _classes(node)
    parent = node.getparent()
    return node.tag == "blockquote" and not (parent is not None and _is_quote_aside(parent))


def _top_quotes(container) -> list:
    """The quotes in ``container`` not inside another quote or a link preview (one walk that
    enters neither: linear however deep quotes nest). A container without an ``aside`` or a
    ``blockquote`` (most posts) holds none: lxml's own iteration says so without the walk's call
    of :func:`_is_quote_or_aside` for each element."""
    if next(container.iterdescendants("aside", "blockquote"), None) is None:
        return []
    return [node for node in top_level(container, _is_quote_or_aside) if _is_quote(node)]


def _is_quote_or_aside(node) -> bool:
    return node.tag == "aside" or _is_quote(node)


def _quote(node, ids: PostIds, depth: int = 1) -> Quote:
    """A quote and the quotes nested in it (see :mod:`parsers.quote_depth`)."""
    check_budget()
    if node.tag == "blockquote":  # Markdown "> ...": quoted words without an author
        return Quote(author=None, text=element_text(node, skip=_QUOTES),
                     quotes=[_quote(q, ids, depth + 1) for q in _top_quotes(node)] if read_deeper(depth) else [])
    title = _first(_TITLE_DIV(node))
    citation = _words([element_text(title)]) if title is not None else None
    body = next((child for child in node if child.tag == "blockquote"), None)
    if body is None:
        body = without(node, f"./div[{class_test('title')}]")
    author = node.get("data-username") or None
    if author is None and citation:
        match = _CITATION_NAME.match(citation)
        author = match.group("who") if match else None
    if author is None and title is not None:
        author = _avatar_username(title)
    thread_id = node.get("data-topic") or None
    return Quote(
        author=author, post_id=ids.post_id(thread_id, node.get("data-post")), thread_id=thread_id,
        citation=citation or None, text=element_text(body, skip=_QUOTES),
        quotes=[_quote(q, ids, depth + 1) for q in _top_quotes(body)] if read_deeper(depth) else [],
    )


# A member's uploaded avatar as Discourse serves it: /user_avatar/<host>/<username>/<size>/<upload>.png
# (the username in lower case; a letter avatar's /letter_avatar_proxy/ address names nobody).
_AVATAR_USERNAME = re.compile(r"/user_avatar/[^/]+/([^/]+)/\d+/")


def _avatar_username(title) -> str | None:
    """The quoted member's username from the avatar in a quote's title, where the quote names
    nobody else. Why: a quote of a post in another topic (``aside.quote[data-topic][data-post]``
    without ``data-username``, its title the topic's link) was kept with no author, though the
    avatar's address names the member (forum.glamour.de, Discourse 2.5)."""
    for image in title.iter("img"):
        match = _AVATAR_USERNAME.search(image.get("src") or "")
        if match:
            return match.group(1)
    return None


def _unrendered_bbcode_quotes(body, depth: int = 1, left: list[int] | None = None) -> None:
    """Turn a BBCode quote the cooker left as words into the ``aside.quote`` it would have made.

    The cooker takes "[quote=...]" only at the start of a line: one typed inside a sentence
    ("as said in [quote=“ann, post:3, topic:9”]<br>...<br>[/quote]") or an older board's import
    stays words. A "[quote=name]" in a paragraph of the body itself (its own text or after one of
    its direct children) whose matching "[/quote]" stands in such a paragraph too is taken: the words
    before it stay the reply's, the words between become the quote, the words after the closing
    marker the reply's again. A quote that closes deeper, or never, stays as printed (no guess),
    and so do the openers after it (each later scan would only read again what this one read). A
    quote inside one is read the same way, down to :data:`parsers.quote_depth.MAX_QUOTE_DEPTH`
    levels, and no more than :data:`_MAX_BBCODE_QUOTES` in a post (``left``: how many more it may
    take). The body's children are listed once (lxml counts and indexes children by walking them)."""
    if not any(_first_opener(child) for child in body):
        return  # every post without a "[quote" in its paragraphs' own words: one search of each
    left = [_MAX_BBCODE_QUOTES] if left is None else left
    children = list(body)
    index, node = 0, None
    while left[0] > 0:
        check_budget()
        if node is None:
            if index >= len(children):
                return
            node, index = children[index], index + 1
        found = _first_opener(node)
        if found is None:
            node = None
            continue
        owner, slot, opener = found
        closing = _closing_marker(node, children, index, owner, slot, opener.start())
        if closing is None:
            return
        left[0] -= 1
        used, end, end_owner, end_slot, at = closing
        closer = _BBCODE_CLOSE.match(getattr(end_owner, end_slot), at)
        # The closing cut first: the opener's offset, before it, stays where it was.
        after = _cut(end, end_owner, end_slot, at, closer.end() - at)
        text = getattr(owner, slot) or ""
        if owner is node and slot == "text" and not text[:opener.start()].strip():
            start = node
            node.text = text[opener.end():]
        else:  # words before the opener: they stay the reply's paragraph, the quote starts a new one
            start = _cut(node, owner, slot, opener.start(), opener.end() - opener.start(), keep=True)
            node.addnext(start)
        run = [start, *children[index:index + used]]
        index += used
        aside = body.makeelement("aside", {"class": "quote"})
        _cite(aside, opener.group("who"))
        quoted = aside.makeelement("blockquote", {})
        aside.append(quoted)
        start.addprevious(aside)
        aside.tail, run[-1].tail = run[-1].tail, None
        for member in run:
            quoted.append(member)  # moves it out of the body
        if after is not None:
            aside.addnext(after)
        if read_deeper(depth):
            _unrendered_bbcode_quotes(quoted, depth + 1, left)
        node = after  # the words after "[/quote]" may open the next quote


def _first_opener(node):
    """(node, "text" or "tail", the match) of the first "[quote=...]" in a paragraph's own words."""
    if node.tag != "p":
        return None
    for owner, slot, text in _text_slots(node):
        match = _BBCODE_OPEN.search(text)
        if match:
            return owner, slot, match
    return None


def _text_slots(paragraph):
    """(owner, "text" or "tail", value) of a paragraph's own text and its direct children's tails."""
    yield paragraph, "text", paragraph.text or ""
    for child in paragraph:
        yield child, "tail", child.tail or ""


def _closing_marker(first, children: list, index: int, owner, slot: str, offset: int):
    """(how many of ``children[index:]`` the quote opened at ``offset`` of ``owner``'s ``slot`` in
    ``first`` runs over, the paragraph holding its "[/quote]", the node and slot holding it, its
    offset), or None. Quotes opened inside count, so an inner "[quote]...[/quote]" stays inside
    the outer quote."""
    depth = 0
    begun = False
    for used, paragraph in _run(first, children, index):
        if paragraph.tag != "p":
            continue  # a list or a code box between: part of the quote, its text not read for markers
        for node, where, text in _text_slots(paragraph):
            start = 0
            if not begun:
                if node is not owner or where != slot:
                    continue  # the words before the opener
                begun, start = True, offset
            for marker in _BBCODE_MARKER.finditer(text, start):  # lazily: the scan ends at the closing
                depth += 1 if marker.group(0)[1] != "/" else -1
                if depth == 0:
                    return used, paragraph, node, where, marker.start()
    return None


def _run(first, children: list, index: int):
    """(how many of ``children[index:]`` come before it, node): ``first``, then ``children[index:]``."""
    yield 0, first
    for used in range(index, len(children)):
        yield used - index + 1, children[used]


def _cut(paragraph, owner, slot: str, at: int, skip: int, keep: bool = False):
    """Cut ``paragraph`` at offset ``at`` of ``owner``'s text or tail, leaving out the ``skip``
    characters of the marker there: what follows moves to a new paragraph, returned (None when
    only spaces follow, unless ``keep``)."""
    text = getattr(owner, slot) or ""
    setattr(owner, slot, text[:at])
    after = paragraph.makeelement("p", {})
    after.text = text[at + skip:].lstrip()
    following = list(paragraph) if slot == "text" else list(owner.itersiblings())
    for node in following:
        after.append(node)
    if not keep and not after.text.strip() and not len(after):
        return None
    return after


def _cite(aside, who: str | None) -> None:
    """The quoted member and post from "[quote=“name, post:3, topic:12”]" (or "=name")."""
    if not who:
        return
    name, *references = who.strip().strip(_BBCODE_WHO_QUOTES).split(",")
    name = name.strip().strip(_BBCODE_WHO_QUOTES).strip()
    if name:
        aside.set("data-username", name)
    for reference in references:
        match = _BBCODE_REFERENCE.match(reference.strip(_BBCODE_WHO_QUOTES))
        if match:
            aside.set(f"data-{match.group(1)}", match.group(2))


def _absolute_addresses(body, origin: str) -> None:
    for node in body.iter("a", "img"):
        attribute = "href" if node.tag == "a" else "src"
        value = node.get(attribute)
        if value and not value.startswith(("http://", "https://", "#", "data:", "mailto:")):
            node.set(attribute, urljoin(origin + "/", value.strip()))


def _references(body) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments in the poster's own words; a link preview counts as its link."""
    links, images, attachments = [], [], []
    for node in iter_outside(body, ("a", "img", "aside"), skip=_QUOTES):
        classes = _classes(node)
        if node.tag == "aside":
            if "onebox" in classes:
                href = node.get("data-onebox-src") or next((a.get("href") for a in node.iter("a") if a.get("href")), None)
                heading = next((h for h in node.iter("h3", "h4") if element_text(h)), None)
                if href:
                    links.append(Link(href, element_text(heading) if heading is not None else None))
            continue
        if node.tag == "img":
            if any(name in classes for name in _IMAGE_SKIP):
                continue  # smileys and avatars are not pictures the poster posted
            parent = next((a for a in node.iterancestors("a") if "lightbox" in _classes(a)), None)
            src = parent.get("href") if parent is not None else node.get("src")
            if src and not src.startswith("data:"):
                images.append(Link(src, node.get("alt")))
            continue
        href = node.get("href")
        if not href or href.startswith("#") or any(c in classes for c in ("mention", "anchor", "lightbox")):
            continue
        target = attachments if "attachment" in classes else links
        target.append(Link(href, element_text(node) or None))
    return links, images, attachments
