"""One bbPress post read into a :class:`parsers.models.Post`: author, time, edit, words, quotes, position.

- author (includes/replies/template.php ``bbp_get_reply_author_link()``): 2.6 prints
  ``a.bbp-author-link`` (a member's profile, ``/forums/users/<slug>/``) around
  ``span.bbp-author-avatar`` and ``span.bbp-author-name``; a guest's (anonymous) name is the same
  ``span.bbp-author-name`` with no link. 2.5 prints two links, ``a.bbp-author-avatar`` and
  ``a.bbp-author-name``, and a guest's name bare, after the avatar. The member's number is the
  block's ``user-id-N`` class (``bbp_get_reply_class()``; 0 for a guest), the id other engines give
  too; a profile slug is no id;
- time: ``bbp_reply_post_date()``, "%1$s at %2$s" in the site's WordPress date and time formats
  ("March 3, 2024 at 9:15 am" by default, in the site's language). No zone is printed (the site's
  own): read as UTC, and the page's errors say so. A time printed without its time of day, or as
  "3 weeks ago" (a theme calling ``bbp_get_time_since()``), is not read: it would be a guess. How
  the formats and languages are read, and a numeric date's day/month order: :mod:`parsers.bbpress.dates`;
- edit: the revision log appended to the words (``bbp_get_reply_revision_log()``,
  ``ul.bbp-reply-revision-log`` or ``ul.bbp-topic-revision-log``), one ``li`` a revision, oldest
  first ("This reply was modified 1 day ago by X." / "... Reason: Y", in the site's language): the
  editor is the last item's ``bbp-author-name``, whatever the words around it; its time is always
  ``bbp_get_time_since()``'s relative one, read only if printed absolute;
- quotes: WordPress post markup, plain ``<blockquote>``; its author only where its first line
  says "X wrote:" in one of the languages :data:`_WROTE` lists (typed by the poster, or a quote
  plugin's title); a first line like such a head in other words ("X kirjoitti näin:") is the
  quote's citation, its author said not read in the page's errors;
- position: ``bbp-reply-position-P`` (``bbp_get_reply_position()``: the lead post is 1 when it
  is in the replies loop, and the replies count from 1 when it is shown apart), else the page's
  first position (:mod:`parsers.bbpress.thread`) plus the post's place.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..clock import ForumClock
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import has_class, inside, show_real_addresses, top_level_blockquotes
from ..markup import xpath as _X
from ..models import Author, Link, Post, Quote
from ..post_blocks import plausible_name, shared_error
from ..quote_authors import say_unread_quote_authors
from ..quote_depth import depth_errors, read_deeper
from ..urls import absolute, without_session
from ..values import words
from .dates import TopicClock
from .page import (DATE_CLASSES, NAME_CLASSES, POST_CLASS, POST_ID, TIME_OF_DAY, PostParts, classed,
                   is_revision_log, permalink_number)

_USER_ID = re.compile(r"^user-id-(\d+)$")
_POSITION = re.compile(r"^bbp-reply-position-(\d+)$")
# "This reply was modified 1 day ago by X." (English): the words between "modified" and "by".
_EDIT_TIME = re.compile(r"\bmodified\s+(.+?)\s+by\b", re.I)
# A quote's first line "X wrote:" as posters and quote plugins write it, in the languages bbPress
# sites run in ("X schrieb:", "X a écrit :", "X napisał(a):", "X 写道：", "X كتب:"); the name first.
_WROTE = re.compile(
    r"^(.{1,80}?)(?:\s+(?:wrote|said|schrieb|hat geschrieben|a écrit|a ecrit|escribió|escribio|dijo|ha scritto"
    r"|scrisse|schreef|escreveu|disse|napisał|napisała|napsal|napísal|писал|пишет|написал|написала|написав|писав"
    r"|yazdı|skrev|kirjoitti|írta|a scris|έγραψε|כתב|כתבה|كتب|は書きました)|\s*(?:写道|寫道|さんの発言|님이 작성))"
    r"(?:\s*\((?:a|а|la)\)|/l?a)?\s*[:\uff1a]$", re.I)
# A first line that looks like such a head in words none of those is ("X kirjoitti näin:"): a
# name's few words and a colon. Its author is said not read rather than dropped with no word.
_HEAD_LIKE = re.compile(r"^\S+(?:\s+\S+){1,5}\s*[:\uff1a]$")
# Elements below a post's words with an id that may name a post ("post-N"): libxml2 finds the few
# there are, where a Python step an element of the words cost every post of every page.
_POST_NAMED_BELOW = _X("descendant::*[starts-with(@id, 'post-')]")


def read_post(parts: PostParts, page_url: str, clock: ForumClock, position: int, index: int,
              errors: list[str]) -> Post:
    post_id = parts.post_id
    if _holds_another_post(parts):
        author = Author(name=None)
        errors.append(shared_error(post_id))
    else:
        author = _author(parts, page_url)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = _published(parts, clock, errors)
    body = parts.content
    edited_at, edited_by = _edit(parts, clock, errors)
    for node in parts.furniture:  # a theme's header or date printed inside the words (parsers.bbpress.page)
        drop_node(node)
    for node in list(body.iter("script", "style", "noscript")):
        drop_node(node)
    show_real_addresses(body, page_url)
    html = sanitise(inner_html(body))
    found = top_level_blockquotes(body)
    quotes = [_quote(quote, 1) for quote in found]
    errors.extend(depth_errors(post_id, quotes))
    say_unread_quote_authors(post_id, quotes, errors)
    for quote in found:
        drop_node(quote)
    links = [Link(a.get("href"), element_text(a) or None) for a in body.iter("a")
             if a.get("href") and not a.get("href").startswith(("#", "javascript:"))]
    images = [Link(img.get("src"), img.get("alt") or None) for img in body.iter("img")
              if img.get("src") and not img.get("src").startswith("data:")
              and "wp-smiley" not in (img.get("class") or "")]  # WordPress's smileys: page furniture
    return Post(post_id=post_id, url=_permalink(parts, page_url), position=position, position_on_page=index,
                author=author, published_at=published, edited_at=edited_at, edited_by=edited_by,
                text=element_text(body), html=html, quotes=quotes, links=links, images=images)


def printed_position(parts: PostParts) -> int | None:
    """The post's place in the topic from its ``bbp-reply-position-P`` class (see the module)."""
    for name in parts.classes:
        match = _POSITION.match(name)
        if match and int(match.group(1)) > 0:
            return int(match.group(1))
    return None


def _holds_another_post(parts: PostParts) -> bool:
    """Does the post's author column hold another post's header or block (``post-N`` as an id or a
    class, N another number)? Its closing tag was lost, and the names in it may be the next post's
    (fuzz, ``delete_closing_tags``: a guest's bare name gave way to the next member's link). Or
    does its block hold, outside its words, another post's permalink ("#5124" to "#post-5124",
    the header bbPress prints before each post's block)? Then the block holds that post's parts:
    the lead post, its author column's class and its words' block torn (fuzz ``flip_bytes``),
    took the author column of the reply whose header and block fell inside it, silently. Or do its
    words hold another post's header (``div#post-M``, which themes such as Marketify print inside the
    words; a reply's own words hold no ids, as WordPress's filters strip them)? Then the words are
    that post's, found here because their own block lost its class (fuzz seed 1242, stray
    characters: the lead post was given the next reply's words and guest, silently)."""
    for node in _POST_NAMED_BELOW(parts.content):
        found = POST_ID.match(node.get("id"))
        if found and found.group(1) != parts.post_id:
            return True
    for link in parts.block.iter("a"):
        number = permalink_number(link)
        if number is not None and number != parts.post_id and not inside(link, parts.content):
            return True
    column = parts.author
    if column is None:
        return False
    for node in column.iter():
        if not isinstance(node.tag, str) or node is column:
            continue
        found = POST_ID.match(node.get("id") or "") or POST_CLASS.search(node.get("class") or "")
        if found and found.group(1) != parts.post_id:
            return True
    return False


def _author(parts: PostParts, page_url: str) -> Author:
    """The name :class:`parsers.bbpress.page.PostParts` found (``bbp_get_reply_author_link()``'s
    ``bbp-author-name``, wherever the theme printed it), its profile link and the block's ``user-id-N``."""
    column = parts.author
    name_node = parts.name
    if name_node is None:
        if column is None:
            return Author(name=None)
        # 2.5 prints a guest's name bare, after the avatar and a <br>: the column's own text
        return Author(name=plausible_name(words([column.text, *(child.tail for child in column)])))
    name = words(name_node.itertext()) or None
    link = name_node if name_node.tag == "a" else next(name_node.iterancestors("a"), None)
    href = (link.get("href") or "").strip() if link is not None else ""
    if not href:
        return Author(name=name)  # a guest: no profile
    user = next((m.group(1) for c in parts.classes if (m := _USER_ID.match(c))), None)
    return Author(name=name, id=user if user and user != "0" else None,
                  url=without_session(absolute(page_url, href)))


def _published(parts: PostParts, clock: TopicClock, errors: list[str]) -> datetime | None:
    """The post's printed time, read as :mod:`parsers.bbpress.dates` says; an error where it is not."""
    node = parts.date
    if node is None and parts.author is not None:
        node = next((n for n in parts.author.iter() if isinstance(n.tag, str)
                     and classed(n, DATE_CLASSES)), None)
    printed = words(node.itertext()) if node is not None else ""
    if not printed:
        errors.append(f"post {parts.post_id}: no publication time found")
        return None
    if not TIME_OF_DAY.search(printed):
        errors.append(f"post {parts.post_id}: its time is printed without the time of day ({printed[:60]!r}),"
                      " so it is not read (it would be a guess)")
        return None
    published, why = clock.read_printed(printed)
    if why:
        errors.append(f"post {parts.post_id}: {why}")
    elif published is None:
        errors.append(f"post {parts.post_id}: no publication time found (could not read {printed[:60]!r})")
    return published


def _edit(parts: PostParts, clock: ForumClock, errors: list[str]) -> tuple[datetime | None, str | None]:
    """The revision log's last (newest) item: its editor, and its time where printed absolute.
    The log is taken out of the post's words either way."""
    logs = [node for node in parts.content.iter("ul") if is_revision_log(node)]
    if not logs:
        return None, None
    items = [li for li in logs[-1].iter("li")]
    edited_at = edited_by = None
    if items:
        last = items[-1]
        name = next((n for n in last.iter("span", "a") if classed(n, NAME_CLASSES)), None)
        edited_by = words(name.itertext()) if name is not None else None
        notice = words(last.itertext())
        when = _EDIT_TIME.search(notice)
        if when and TIME_OF_DAY.search(when.group(1)):
            edited_at = clock.read(when.group(1))
        if edited_by is None:
            errors.append(f"post {parts.post_id}: the revision log's editor is not read: {notice[:80]!r}")
    for log in logs:
        drop_node(log)
    return edited_at, edited_by


def _quote(node, depth: int) -> Quote:
    """A ``<blockquote>``: its author only where its first line says "X wrote:"."""
    author = citation = None
    first = next((child for child in node if isinstance(child.tag, str)), None)
    if first is not None and first.tag != "blockquote":
        line = words(first.itertext())
        match = _WROTE.match(line)
        if match:
            author, citation = match.group(1), line
            drop_node(first)
        elif len(line) <= 60 and _HEAD_LIKE.match(line) and first.getnext() is not None:
            citation = line  # said by say_unread_quote_authors
            drop_node(first)
    inner = top_level_blockquotes(node) if read_deeper(depth) else []
    quotes = [_quote(q, depth + 1) for q in inner]
    for q in inner:
        drop_node(q)
    return Quote(author=author, citation=citation, text=element_text(node), quotes=quotes)


def _permalink(parts: PostParts, page_url: str) -> str:
    """The header's permalink "#N" (``bbp_reply_url()``), else the page address with ``#post-N``."""
    header = parts.header
    for link in header.iter("a") if header is not None else ():
        href = (link.get("href") or "").strip()
        if href and (has_class(link.get("class") or "", "bbp-reply-permalink")
                     or has_class(link.get("class") or "", "bbp-topic-permalink")):
            return without_session(absolute(page_url, href))
    return f"{page_url.split('#')[0]}#post-{parts.post_id}"
