"""One Forumotion post read into a :class:`parsers.models.Post`: author, time, edit line, words,
quotes, links, pictures and attachments.

Why the name comes from the profile column: the author line prints a guest's name as bare text
run together with the date ("par Jean le Sam 20 Fév 2021 - 8:02"), and only the column holds
the name alone. Members' names link their profile, ``/uN``: that link gives the id and address.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..budget import check_budget
from ..clock import ForumClock
from ..html_text import drop_node, element_text, inner_html, iter_outside, sanitise
from ..markup import show_real_addresses, top_level_blockquotes
from ..models import Author, Link, Post, Quote
from ..post_blocks import shared_error
from ..quote_authors import say_unread_quote_authors
from ..quote_depth import depth_errors, read_deeper
from ..urls import absolute
from ..values import words as _words
from .edits import EDITED
from .versions import PostParts, classes_of, profile_number

# "X a écrit:", "X wrote:", "X hat folgendes geschrieben:", "X schrieb:" and other language packs.
_WROTE = re.compile(
    r"^(?P<who>.+?)\s+(?:a écrit|wrote|hat folgendes geschrieben|hat geschrieben|schrieb|escribió|ha scritto"
    r"|escreveu|schreef|пишет|написал|napisał|yazdı|írta)\s*:?\s*$", re.S | re.I)  # пишет: forum2x2.ru's quotes
# A printed date that names its year (or a relative day): anything else would need the year guessed.
# The relative days are those the clock reads (parsers.clock), in the languages Forumotion serves
# boards in: forum2x2.ru prints "Сегодня в 10:12", as forumactif.com "Aujourd'hui à 10:12".
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
                       r"|aujourd|hier|today|yesterday|heute|gestern|hoy|ayer|oggi|ieri|vandaag|gisteren|hoje|ontem"
                       r"|сегодня|вчера|сьогодні|вчора|днес|dzisiaj|wczoraj|bugün|dün|idag|igår|i dag|i går"
                       r"|astăzi|dnes|včera|tänään|eilen|tegnap|σήμερα|χθες|hôm nay|hôm qua|اليوم|أمس|امس|امروز|دیروز"
                       r"|今天|昨天|今日|昨日|오늘|어제|היום|אתמול|hari ini|kemarin",
                       re.I)
_SMILEY_PATH = ("/smiles/", "/smilies/", "/fa/i/smiles", "/smileys/")
_QUOTE_SKIP = frozenset({"blockquote", "cite"})


def read_post(parts: PostParts, page_url: str, clock: ForumClock, position: int, errors: list[str]) -> Post | None:
    """The post, or None (with an error) when its block holds no message where its template puts it."""
    post_id = parts.post_id
    if parts.shared:
        author = Author(name=None)
        errors.append(shared_error(post_id))
    else:
        author = _author(parts, page_url)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = read_date(clock, parts.date_text(), f"post {post_id}: publication time", errors)
    message = parts.message
    if message is None:
        errors.append(f"post {post_id}: no message found in its {parts.version} post block; post skipped")
        return None
    edited_at, edited_by = _edit_line(parts.notice_text(), clock, post_id, errors)
    show_real_addresses(message, page_url)
    _drop_code_headers(message)
    if parts.attachbox is not None:
        show_real_addresses(parts.attachbox, page_url)
    quotes = [_quote(bq) for bq in top_level_blockquotes(message)]
    errors.extend(depth_errors(post_id, quotes))
    say_unread_quote_authors(post_id, quotes, errors)
    links, images = _references(message)
    return Post(
        post_id=post_id,
        url=_permalink(parts, page_url),
        position=position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(message, skip=frozenset({"blockquote"})),
        html=sanitise(inner_html(message)),
        quotes=quotes,
        links=links,
        images=images,
        attachments=_attachments(parts.attachbox),
    )


def _drop_code_headers(message) -> None:
    """The header of each code box ("Code:", "Код:", "Code :": ``dl.codebox > dt``), which every
    version prints above the poster's code: the board's words, not the poster's."""
    doomed = [dt for box in message.iter("dl") if "codebox" in (box.get("class") or "")
              for dt in box if dt.tag == "dt"]
    for node in doomed:
        drop_node(node)


def _permalink(parts: PostParts, page_url: str) -> str:
    """The post's subject link (``/t7-forums-regeln#655``: Forumotion anchors a post by its number),
    else the page's address with that anchor."""
    wanted = f"#{parts.post_id}"
    for anchor in parts.block.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href.endswith(wanted) and not href.startswith("#"):
            return absolute(page_url, href)
    return page_url.split("#", 1)[0] + wanted


def read_date(clock: ForumClock, text: str, what: str, errors: list[str]) -> datetime | None:
    """A printed date, or None with an error: unreadable, or printed without its year (Forumotion's
    "Lun 12 Fév - 14:30" of the current year: which year is not on the page)."""
    text = " ".join((text or "").split())
    if not text:
        errors.append(f"{what} not found")
        return None
    if not _HAS_YEAR.search(text):
        errors.append(f"{what} printed without a year: {text[:80]!r}")
        return None
    value = clock.read(text)
    if value is None:
        errors.append(f"{what} unreadable: {text[:80]!r}")
    return value


def _author(parts: PostParts, page_url: str) -> Author:
    """The name from the profile column; id and address from a ``/uN`` link around it (or in the
    author line); a guest has neither."""
    name = parts.name_text() or None
    containers = [node for node in (parts.name_node, parts.author_line) if node is not None]
    anchor = next((a for node in containers for a in node.iter("a") if profile_number(a.get("href"))), None)
    if anchor is not None:
        name = name or _words(anchor.itertext()) or None
    if not name and parts.author_line is not None:
        name = _words("".join(s.itertext()) for s in parts.author_line.iter("strong")) or None
    if anchor is None:
        return Author(name=name)
    profile = anchor.get("href").strip()
    return Author(name=name, id=profile_number(profile), url=absolute(page_url, profile))


def _edit_line(text: str, clock: ForumClock, post_id: str, errors: list[str]) -> tuple[datetime | None, str | None]:
    for pattern in EDITED:
        match = pattern.search(text)
        if match:
            when = read_date(clock, match.group("when"), f"post {post_id}: edit time", errors)
            return when, match.group("who").strip() or None
    if any(character.isdigit() for character in text):
        # Words with a number where the edit line goes, in a language pack EDITED does not know
        # ("Última edición por X el ..."): the edit is lost, and said, not left silent.
        errors.append(f"post {post_id}: edit line {text[:80]!r} not understood")
    return None, None


def _quote(blockquote, depth: int = 1) -> Quote:
    """``<blockquote><div><cite>X a écrit:</cite>words</div></blockquote>`` and the quotes nested in it."""
    check_budget()
    cite = next((node for node in iter_outside(blockquote, ("cite",), skip="blockquote")), None)
    citation = _words(cite.itertext()) if cite is not None else None
    author = author_id = None
    if cite is not None:
        link = next((a for a in cite.iter("a") if profile_number(a.get("href"))), None)
        if link is not None:
            author = _words(link.itertext()) or None
            author_id = profile_number(link.get("href"))
        match = _WROTE.match(citation or "")
        author = author or (match.group("who").strip() if match else None)
    return Quote(
        author=author,
        author_id=author_id,
        post_id=None,
        thread_id=None,
        published_at=None,
        citation=citation or None,
        text=element_text(blockquote, skip=_QUOTE_SKIP),
        quotes=[_quote(inner, depth + 1) for inner in top_level_blockquotes(blockquote)] if read_deeper(depth) else [],
    )


def _references(message) -> tuple[list[Link], list[Link]]:
    """Links and pictures of the poster's own words (quoted ones belong to the quote); smileys
    (Forumotion's ``/smiles/`` pictures, marked ``longdesc``) are left out."""
    links, images = [], []
    for anchor in iter_outside(message, ("a",), skip="blockquote"):
        href = (anchor.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:")):
            links.append(Link(href, element_text(anchor) or None))
    for image in iter_outside(message, ("img",), skip="blockquote"):
        src = (image.get("src") or "").strip()
        if not src or src.startswith("data:") or image.get("longdesc") is not None or any(p in src for p in _SMILEY_PATH):
            continue
        images.append(Link(src, image.get("alt")))
    return links, images


def _attachments(attachbox) -> list[Link]:
    """``dl.attachbox``: each ``dl.file`` links its download with the file's name."""
    if attachbox is None:
        return []
    found = []
    for anchor in attachbox.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href and "postlink" in classes_of(anchor):
            found.append(Link(href, _words(anchor.itertext()) or None))
    return found
