"""One phpBB 2 post read into a :class:`parsers.models.Post`: author, time, edit notice, body."""

from __future__ import annotations

import re
from datetime import datetime

from ..clock import ForumClock
from ..html_text import drop_node, element_text, inner_html, iter_outside, sanitise
from ..markup import has_class
from ..markup import show_real_addresses as _absolute
from ..models import Author, Link, Post
from ..post_blocks import shared_error
from ..quote_authors import say_unread_quote_authors
from ..quote_depth import depth_errors
from ..urls import urljoin, without_session
from ..values import words as _words
from .pack_dates import in_english, month_in_english, names_an_own_pack_month, without_weekday
from .page import PostParts
from .quotes import read_quote, top_level_quotes

_USER_ID = re.compile(r"[?&;]u=(\d+)")
# "Last edited by X on <date>; edited N times in total" in phpBB 2's language packs (the editor
# and the date are the two %s of Edited_time_total); other packs: the date is read among the words.
_EDITED = (
    re.compile(r"Last edited by\s+(?P<who>.+?)\s+on\s+(?P<when>.+?)\s*[;,]\s*edited\s+\d+\s+times?\s+in\s+total", re.S),
    re.compile(r"Zuletzt bearbeitet von\s+(?P<who>.+?)\s+am\s+(?P<when>.+?)\s*[;,]\s*insgesamt\b", re.S),
    re.compile(r"Последн\w+ раз редактировалось:?\s+(?P<who>.+?)\s+(?:\((?P<when>[^()]+)\)|в\s+(?P<when2>.+?);)", re.S),
    re.compile(r"Dernière édition par\s+(?P<who>.+?)\s+le\s+(?P<when>.+?)\s*[;,]\s*édité", re.S),
    # lang_italian ("Ultima modifica di X il 09 Set, 2002 - 00:20, modificato 1 volta in totale",
    # as www.azzurra.org/forum printed it, 2004): its date holds a comma of its own.
    re.compile(r"Ultima modifica di\s+(?P<who>.+?)\s+il\s+(?P<when>.+?)\s*[;,]\s*modificat[oa]\s+\d+\s+volt[ae]\b", re.S),
    re.compile(r"Utoljára szerkesztette\s+(?P<who>.+?),\s+(?P<when>.+?),\s*összesen\b", re.S),  # Hungarian
    re.compile(r"แก้ไขครั้งสุดท้ายโดย\s+(?P<who>.+?)\s+เมื่อ\s+(?P<when>.+?)\s*,\s*แก้ไขทั้งหมด", re.S),  # Thai
    # Edited_time_total of lang_turkish, the other Hungarian pack, lang_hebrew and lang_swedish.
    re.compile(r"En son\s+(?P<who>.+?)\s+tarafından\s+(?P<when>.+?)\s+tarihinde\s+değiştirildi", re.S),
    re.compile(r"Legutóbb\s+(?P<who>.+?)\s+szerkesztette\s+\((?P<when>[^()]+)\)", re.S),
    re.compile(r"נערך לאחרונה על-ידי\s+(?P<who>.+?)\s+בתאריך\s+(?P<when>.+?)\s*,\s*סך-הכל", re.S),
    re.compile(r"Senast ändrad av\s+(?P<who>.+?)\s+den\s+(?P<when>.+?)\s*,\s*ändrad totalt", re.S),
    # A modified German board's notice without the editor (the poster), printed in the signature cell.
    re.compile(r"Beitrag zuletzt bearbeitet am\s+(?P<when>.+?)\s*[;,]\s*insgesamt\b", re.S),
)


def clean_url(base: str, href: str) -> str:
    """``href`` made absolute, without phpBB 2's per-visit ``sid=`` (the fragment kept)."""
    absolute = urljoin(base, href.strip())
    if "sid=" not in absolute:
        return absolute
    address, hash_, fragment = absolute.partition("#")
    return (without_session(address) or address) + hash_ + fragment


def read_post(parts: PostParts, page_url: str, clock: ForumClock, labelled: ForumClock, position: int,
              errors: list[str]) -> Post | None:
    post_id = parts.post_id
    author = _author(parts, page_url) if not parts.shared else Author(name=None)
    if parts.shared:
        errors.append(shared_error(post_id))
    if author.name and not any(c.isalnum() for c in author.name):
        author.name = None  # "?????": a name whose letters did not survive the page's decoding
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    published = _read_date(parts.date_text(), clock)
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    body = parts.body
    if body is None:
        errors.append(f"post {post_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(parts, clock, labelled, errors)
    for node in (parts.edit, parts.signature):
        if node is not None:
            drop_node(node)
    if parts.signature_rule is not None:
        _drop_from(parts.signature_rule)
    _drop_chrome(body)
    _absolute(body, page_url)
    html = sanitise(inner_html(body))
    quote_nodes = top_level_quotes(body)
    quotes = [read_quote(node, clock=clock) for node in quote_nodes]
    for node in quote_nodes:
        drop_node(node)
    errors.extend(depth_errors(post_id, quotes))
    say_unread_quote_authors(post_id, quotes, errors)
    links = [Link(a.get("href"), element_text(a) or None) for a in iter_outside(body, ("a",), skip="table")
             if a.get("href") and not a.get("href").startswith(("#", "javascript:"))]
    images = [Link(img.get("src"), img.get("alt")) for img in iter_outside(body, ("img",), skip="table")
              if img.get("src") and "smiles/" not in img.get("src") and "smilies/" not in img.get("src")
              and not img.get("src").startswith("data:")]
    return Post(
        post_id=post_id,
        url=clean_url(page_url, parts.mini_link or f"viewtopic.php?p={post_id}#{post_id}"),
        position=position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body),
        html=html,
        quotes=quotes,
        links=links,
        images=images,
    )


def _author(parts: PostParts, page_url: str) -> Author:
    """The name in ``span.name`` (the bare name: subSilver links the profile from the buttons row);
    the id and profile from that ``profile.php?mode=viewprofile&u=N`` link. Guests have none."""
    holder = next(parts.anchor.iterancestors("span"), None)
    if holder is None or not has_class(holder.get("class") or "", "name"):
        # Modified boards print the anchor beside span.name, not in it (<a name="N"></a><span
        # class="name">...): the cell's span.name, else (a theme that renamed it) the anchor's own
        # line, never the whole cell with the rank and "Joined:" (see _anchor_line).
        holder = _name_span(parts.author_cell)
        holder = _anchor_line(parts.anchor, parts.author_cell) if holder is None else holder
    name = _words(holder.itertext()) if holder is not None else ""
    profile = parts.profile_link()
    if profile is None:
        return Author(name=name or None)
    url = clean_url(page_url, profile.get("href"))
    return Author(name=name or _words(profile.itertext()) or None, id=_USER_ID.search(url).group(1), url=url)


# The inline elements subSilver's name line is made of (<span class="name"><a name="N"></a><b>X</b>).
_NAME_LINE = frozenset({"span", "b", "strong", "font", "i", "em", "u", "nobr", "a"})
_LINE_BREAKS = frozenset({"br", "div", "p", "table", "hr", "ul", "ol", "dl"})


def _anchor_line(anchor, cell):
    """The name where a theme without ``span.name`` prints it: the inline element holding the post's
    anchor (``<span class="x"><a name="N"></a><b>X</b></span>``), or the one right after it
    (``<a name="N"></a><span class="x">X</span>``); None when that element runs past a line
    (``<br>``, a block): the cell holds the rank, "Joined:" and the place after the name, and no
    theme makes those part of it, so an error beats the whole cell as a name."""
    if cell is None:
        return None
    holder = anchor
    for parent in anchor.iterancestors():
        if parent is cell or parent.tag not in _NAME_LINE:
            break
        holder = parent
    if holder is anchor:
        if _words([anchor.tail or ""]):
            return None  # a bare name in the cell's text: no element says where it ends
        holder = anchor.getnext()
        if holder is None or holder.tag not in _NAME_LINE:
            return None
    if any(node.tag in _LINE_BREAKS for node in holder.iter()):
        return None
    return holder


def _read_date(text: str, clock: ForumClock) -> datetime | None:
    """A printed date: with its pack's names in English when the pack is known, else (phpBB 2's
    default format) without its weekday, which the reader may not know, else as printed; None for
    the names of a pack dateparser misreads that its table did not take."""
    english = in_english(text, clock.primary)
    if english == text and names_an_own_pack_month(text):
        return None  # a pack's names the table did not take: dateparser misreads them
    # The default format less its weekday first: the weekday adds nothing to the date, and one the
    # reader does not know ("Szomb.") cost a dateparser call that failed (a millisecond or two a date).
    rest = without_weekday(text) if english == text else None
    value = clock.read(month_in_english(rest, clock.primary)) if rest else None
    return value if value is not None else clock.read(english)


def _name_span(cell):
    """The first ``span.name`` of the author cell, or None."""
    if cell is None:
        return None
    return next((span for span in cell.iter("span") if has_class(span.get("class") or "", "name")), None)


def _edit_notice(parts: PostParts, clock: ForumClock, labelled: ForumClock,
                 errors: list[str]) -> tuple[datetime | None, str | None]:
    if parts.edit is None:
        return None, None
    words = _words([element_text(parts.edit)])
    for pattern in _EDITED:
        match = pattern.search(words)
        if match:
            when = match.groupdict().get("when") or match.groupdict().get("when2")
            edited_at = _read_date(when, clock) or (None if names_an_own_pack_month(when) else labelled.read(when))
            if edited_at is None:
                errors.append(f"post {parts.post_id}: edit time in {words[:80]!r} is not read")
            return edited_at, (match.groupdict().get("who") or "").strip() or None
    # A language pack this does not know: the time among the words, never a guessed editor.
    edited_at = None if names_an_own_pack_month(words) else labelled.read(words)
    errors.append(f"post {parts.post_id}: the editor's name in {words[:80]!r} is not read")
    return edited_at, None


def _drop_from(node) -> None:
    """Remove ``node``, its tail and every sibling after it: an inline signature, to its span's end.
    Nothing when it is out of the tree already: two posts whose blocks broken markup merged find
    the same signature, and the first took it out."""
    parent = node.getparent()
    if parent is None:
        return
    doomed = [node, *node.itersiblings()]
    for sibling in doomed:
        parent.remove(sibling)


def _drop_chrome(body) -> None:
    """The "Code:" title row of subSilver's code tables: words the poster did not write."""
    doomed = []
    for cell in body.iter("td"):
        if not has_class(cell.get("class") or "", "code"):
            continue
        row = cell.getparent()
        table = row.getparent() if row is not None else None
        first = next((r for r in table if r.tag == "tr"), None) if table is not None else None
        if first is not None and first is not row and first not in doomed:
            doomed.append(first)
    for row in doomed:
        drop_node(row)
