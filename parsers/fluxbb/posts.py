"""One FluxBB/PunBB post read into a :class:`parsers.models.Post`: author, number, times, edit notice, body."""

from __future__ import annotations

import re
from datetime import datetime

from ..clock import ForumClock
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import has_class, inside, show_real_addresses
from ..models import Author, Post
from ..post_blocks import shared_error
from ..quote_authors import say_unread_quote_authors
from ..quote_depth import depth_errors
from ..urls import urljoin
from ..values import words as _words
from .page import PostParts
from .quotes import QUOTE_TAGS, read_quote, top_level_quotes
from .references import references

# profile.php?id=N, and PunBB 1.3+'s rewritten user addresses (user/N/, user3.html).
USER_ID = re.compile(r"(?:profile\.php\?(?:[^#]*?[&;])?id=|/user/|/user(?=\d+\.html))(\d+)")
_NUMBER = re.compile(r"(\d[\d\s.,\u00a0]*)")
_NOT_DIGIT = re.compile(r"\D")
# "Last edited by X (2024-01-02 10:00:00)" in the language packs of FluxBB and PunBB.
_EDIT_LABELS = ("Last edited by", "Dernière modification par", "Derniere modification par", "Modifié par",
                "Zuletzt bearbeitet von", "Zuletzt geändert von", "Última edición por", "Ultima modifica di",
                "Ultima modifica da", "Laatst bewerkt door", "Ostatnio edytowany przez", "Отредактировано",
                "Последний раз редактировалось", "Naposledy upravil", "Senast redigerad av",
                # fluxbb/langs */topic.php 'Last edit': Turkish, Greek, Japanese, Korean, Hebrew.
                "Son düzenleyen", "Τελευταία επεξεργασία από", "編集者", "고친이", "נערך לאחרונה על ידי")
_EDIT = re.compile(r"^(?P<lead>.*?)\s*\((?P<when>[^()]*)\)\s*$", re.S)


def read_post(parts: PostParts, page_url: str, clock: ForumClock, index: int, errors: list[str]) -> Post | None:
    post_id = parts.post_id
    author = _author(parts, page_url) if not parts.shared else Author(name=None)
    if parts.shared:
        errors.append(shared_error(post_id))
    if author.name and not any(c.isalnum() for c in author.name):
        author.name = None  # "?????": a name whose letters did not survive the page's decoding
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = clock.read(parts.date_text())
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(parts, clock, errors)
    for node in [parts.edit, *parts.signatures]:
        if node is not None and inside(node, body):
            drop_node(node)  # PunBB 1.3+ keeps both inside the message
    show_real_addresses(body, page_url)
    _drop_code_titles(body)
    quotes = [read_quote(node) for node in top_level_quotes(body)]
    errors.extend(depth_errors(post_id, quotes))
    say_unread_quote_authors(post_id, quotes, errors)
    links, images = references(body)
    number = _number(parts)
    href = parts.permalink_href()
    return Post(
        post_id=post_id,
        url=urljoin(page_url, href) if href else urljoin(page_url, f"viewtopic.php?pid={post_id}#p{post_id}"),
        position=number or index,
        position_on_page=index,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body, skip=QUOTE_TAGS),
        html=sanitise(inner_html(body)),
        quotes=quotes,
        links=links,
        images=images,
    )


def _drop_code_titles(body) -> None:
    """The "Code:" title (the pack's word: "Kod:", "Code :") PunBB 1.2 and FluxBB 1.2 print above a
    code box (``div.codebox > div.incqbox > h4``, then the ``pre``): the board's words, which stood
    in the poster's. FluxBB 1.4+ and PunBB 1.3+ print none."""
    doomed = []
    for box in body.iter("div"):
        if has_class(box.get("class") or "", "codebox"):
            for inner in box:
                if inner.tag == "div" and has_class(inner.get("class") or "", "incqbox"):
                    doomed.extend(child for child in inner if child.tag == "h4")
    for node in doomed:
        drop_node(node)


def _author(parts: PostParts, page_url: str) -> Author:
    """The poster: the profile link of the author box, else its bare name (a guest)."""
    box = parts.author_box
    if box is None:
        return Author(name=None)
    anchor = next((a for a in box.iter("a") if USER_ID.search(a.get("href") or "")), None)
    if anchor is not None:
        url = urljoin(page_url, anchor.get("href").strip())
        return Author(name=_words(anchor.itertext()) or None, id=USER_ID.search(url).group(1), url=url)
    strong = next(iter(box.iter("strong")), None)  # "Reply by <strong>Guest</strong>" (1.3+), dt > strong
    return Author(name=_words((strong if strong is not None else box).itertext()) or None)


def opens_topic(parts: PostParts) -> bool:
    """Is this the topic's first post by the page's own marks: its printed number 1, or the class
    the template gives the topic's first post (FluxBB 1.4+ ``firstpost``; PunBB 1.3+ ``topicpost``,
    its ``firstpost`` marking only the first post of each page)? Why: the first post shown on
    page 1 is not always the topic's (a page opened at a post), and its poster is then not the starter."""
    classes = parts.block.get("class") or ""
    mark = "firstpost" if parts.layout == "blockpost" else "topicpost"
    return _number(parts) == 1 or has_class(classes, mark)


def _number(parts: PostParts) -> int | None:
    """The post's number in the topic: "#3" (``span.conr``) or "3" (``span.post-num``)."""
    if parts.number is None:
        return None
    match = _NUMBER.search(_words(parts.number.itertext()))
    if not match:
        return None
    digits = _NOT_DIGIT.sub("", match.group(1))
    return int(digits) if digits and int(digits) > 0 else None


def _edit_notice(parts: PostParts, clock: ForumClock, errors: list[str]) -> tuple[datetime | None, str | None]:
    """"Last edited by X (2024-01-02 10:00:00)" -> (time, X); the editor only after a known label."""
    if parts.edit is None:
        return None, None
    words = _words([element_text(parts.edit)])
    match = _EDIT.match(words)
    if not match:
        errors.append(f"post {parts.post_id}: edit notice not understood: {words[:80]!r}")
        return None, None
    when = clock.read(match.group("when"))
    lead = match.group("lead")
    label = next((label for label in _EDIT_LABELS if lead.casefold().startswith(label.casefold())), None)
    who = lead[len(label):].strip(" :") if label else ""
    if not who:
        errors.append(f"post {parts.post_id}: the editor's name in {words[:80]!r} is not read")
    if when is None:
        errors.append(f"post {parts.post_id}: edit time in {words[:80]!r} is not read")
    return when, who or None

