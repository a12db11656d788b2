"""One SMF post read into a :class:`parsers.models.Post`: author, times, edit notice, body."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from ..clock import ForumClock
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..models import Author, Post
from ..post_blocks import nested_block_error, shared_error
from ..quote_depth import depth_errors
from ..urls import absolute, without_session
from .parts import Raw
from .quotes import read_quote, remove_quote, top_level_quotes
from .references import read_reactions, read_references, show_real_post_addresses


_PROFILE_ID = re.compile(r"[?;&]u=(\d+)|/profile/(?:u-)?(\d+)")
# "بواسطة" is the Arabic pack's "by" ("آخر تحرير: <date> بواسطة X"): without it, no editor nor time.
# "由" is the Chinese packs' (index.chinese-simplified: last_edit_by "上次编辑: %1$s 由 %2$s"), "od"
# Czech, "oleh" Indonesian, "από" Greek, "від" Ukrainian, "توسط" Persian: a pack's word missing here
# left the edit without its editor (now an error says so).
_EDITED = re.compile(r"^[^:]{1,40}:\s*(?P<when>.+?)"
                     r"(?:\s+(?:by|von|par|door|por|da|przez|av|di|írta|от|بواسطة|由|od|oleh|από|від|توسط)\s+(?P<who>.+?))?"
                     r"\s*(?:(?:Reason|Grund|Raison|Motivo)\s*:.*)?$", re.DOTALL)


# Words after the edit's time of day ("… 06:00:00 由 Zoé"): the editor's name behind a pack's "by".
_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}")
_DATE_END = re.compile(r".*?(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\b\.?)?")
_NAME_AFTER_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?\s+\S+\s+\S")


def read_post(raw: Raw, page_url: str, clock: ForumClock, position: int, errors: list[str]) -> Post:
    post_id, body = raw.post_id, raw.body
    author = _author(raw, page_url)
    if raw.shared:
        errors.append(shared_error(post_id))
    if raw.nested_poster:
        errors.append(nested_block_error(post_id, "a div.poster"))
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = clock.read(raw.date_text)
    if published is None:
        errors.append(f"post {post_id}: no publication time found"
                      + (f" (could not read {raw.date_text!r})" if raw.date_text else ""))
    edited_at, edited_by = _edit_notice(raw, clock)
    if (raw.edit is not None or raw.header_edit) and (edited_at is None or edited_by is None):
        notice = " ".join((element_text(raw.edit) if raw.edit is not None else "").split())
        notice = notice or " ".join((raw.header_edit or "").split())
        if edited_at is None and _TIME_OF_DAY.search(notice):
            errors.append(f"post {post_id}: the edit notice's time is not read: {notice[:80]!r}")
        elif edited_by is None and _NAME_AFTER_TIME.search(notice):
            errors.append(f"post {post_id}: the edit notice's editor is not read (its words after the time name"
                          " no pack's 'by' the reader knows)")
    for node in list(body.iter("script", "style", "noscript")):
        drop_node(node)
    show_real_post_addresses(body, page_url)
    html = sanitise(inner_html(body))
    found = top_level_quotes(body)
    quotes = [read_quote(quote, clock, published) for quote in found]
    errors.extend(depth_errors(post_id, quotes))
    for quote in found:
        remove_quote(quote)
    links, images, attachments = read_references(body, raw, page_url)
    return Post(
        post_id=post_id,
        url=_permalink(raw, page_url),
        position=position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body),
        html=html,
        reactions=read_reactions(raw),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


_LABEL = re.compile(r"[:：]\s*$")


def _author(raw: Raw, page_url: str) -> Author:
    holder = raw.author_holder
    if holder is None:
        return Author(name=None)
    link = holder if holder.tag == "a" else _name_link(holder)
    name = " ".join(element_text(link if link is not None else holder).split()) or None
    if name and (_LABEL.search(name) or name.isdigit()):
        name = None  # a label ("Posts:") where the name markup is missing, never a name
    href = link.get("href") if link is not None else None
    if href and href.strip().startswith(("https://", "http://")):
        page_url = ""  # an address written whole takes nothing from the page's: cached across pages
    url, user_id = _profile(page_url, href) if link is not None else (None, None)
    return Author(name=name, id=user_id, url=url)


def _name_link(holder):
    """The link in the poster's ``h4`` that names the author: the profile link with words, else the first
    link with words. A member's online icon comes first in SMF 2.0's h4 and, where the viewer may send
    personal messages, is a link of its own (``action=pm;sa=send;u=N`` around an image): never the name."""
    first = None
    for anchor in holder.iter("a"):
        href = anchor.get("href")
        if not href or not "".join(element_text(anchor).split()):
            continue
        if "profile" in href:
            return anchor
        if first is None:
            first = anchor
    return first


@lru_cache(maxsize=4096)  # a page links the same few posters' profiles post after post
def _profile(page_url: str, href: str | None) -> tuple[str | None, str | None]:
    """(profile address, member id) of an author's link; no address for a link that is no profile's."""
    url = without_session(absolute(page_url, href))
    match = _PROFILE_ID.search(url or "")
    user_id = (match.group(1) or match.group(2)) if match else None
    if url and not user_id and "profile" not in url:
        url = None
    return url, user_id


def _edit_notice(raw: Raw, clock: ForumClock) -> tuple[datetime | None, str | None]:
    """"« Last Edit: March 06, 2016, 06:00:00 AM by admin »" in ``#modified_N``, else the one a theme
    prints beside the post's date (bitcointalk.org: the date's title, see :meth:`Raw._read_header_beside`)."""
    notice = element_text(raw.edit) if raw.edit is not None else ""
    if not notice.strip():
        notice = raw.header_edit or ""
    return read_edit_notice(notice, clock)


def read_edit_notice(notice: str, clock: ForumClock) -> tuple[datetime | None, str | None]:
    """(time, editor) of an edit notice's words, "« Last Edit: <date> by X »" in a language pack's
    words (also ElkArte's, which kept SMF 2.0's ``last_edit_by``: :mod:`parsers.elkarte.posts`)."""
    text = " ".join(notice.replace("\u00ab", " ").replace("\u00bb", " ").split())
    match = _EDITED.match(text) if text else None
    if not match:
        return None, None
    who, when = match.group("who"), match.group("when")
    edited = clock.read(when)
    if edited is None and who is None:
        # A pack's "by" the pattern does not know ("על ידי", "작성자:"): the date ends at its time
        # of day (and its day half); the editor stays unread (the caller says so).
        end = _DATE_END.match(when)
        edited = clock.read(end.group(0)) if end else None
    return edited, who.strip() if who else None


def _permalink(raw: Raw, page_url: str) -> str:
    """The subject's link (``topic=N.msgM#msgM`` or ``?msg=M``), else the page address with ``#msgM``."""
    for anchor in raw.subject.iter("a"):
        href = anchor.get("href") or ""
        if raw.post_id in href:
            return without_session(absolute(page_url, href))
    return f"{page_url.split('#')[0]}#msg{raw.post_id}"
