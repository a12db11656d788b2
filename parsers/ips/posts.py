"""One Invision Community post read into a :class:`parsers.models.Post`: author, times, edit notice, reactions, body."""

from __future__ import annotations

import re
from datetime import datetime

from ..dates import from_unix, parse_iso
from ..edit_notices import editor_not_read
from ..html_text import element_text, inner_html, remove_matching, sanitise
from ..markup import top_level_blockquotes
from ..markup import xpath as _X
from ..models import Author, Post
from ..post_blocks import shared_error
from ..quote_depth import depth_errors
from ..urls import joined
from ..values import author_name_errors
from ..values import first as _first
from ..values import to_int as _int
from ..values import words as _words
from ..xml_chars import loads_xml_safe
from .common import COMMENT_ID, QUOTES
from .parts import PostParts
from .quotes import quote
from .references import read_references, show_real_addresses


_PROFILE_LINK = _X(".//a[contains(@href, '/profile/')]/@href")
_EDIT_NOTICES = _X(".//*[@data-excludequote]")
_TIME_ATTR = _X(".//time/@datetime")
_PROFILE_ID = re.compile(r"/profile/(\d+)-")
_EDITED_BY = re.compile(r"\bby\s+(?P<who>.+?)\s*$", re.S)
# The edit line's own time: a <time> straight inside its <strong>, as the template writes it.
_STAMP_IN_LINE = _X("./time/@datetime")
# Notices a reader sees inside a post body that are not the poster's words.
_NOT_OWN_WORDS = _X(
    ".//*[@data-excludequote]"  # "Edited April 18, 2024 by thanosmano"
    " | .//*[@data-role='memberSignature']"
    " | .//script | .//style"
    # A spoiler's toggle, "Reveal hidden contents" (the words it hides stay): the board's label,
    # which stood in three posts' words on a real IPS 4.7 board.
    " | .//*[contains(@class, 'ipsSpoiler_header') or contains(@class, 'ipsSpoiler__header')]"
)


def read_post(article, page_url: str, captured_at: datetime, position: int, errors: list[str],
          shared: bool = False, parts: PostParts | None = None, panes_on_page: bool = False) -> Post | None:
    """One post; ``shared``: its block holds a part of another post (see :mod:`parsers.post_blocks`),
    so no author is read from it; ``parts``: its :class:`PostParts`, when the caller walked it already;
    ``panes_on_page``: another post of the page has an author pane (see :func:`_frame_profile_link`)."""
    comment_id = COMMENT_ID.match(article.get("id")).group(1)
    parts = parts if parts is not None else PostParts(article)
    quotedata = quote_data(parts.wrap)
    body = parts.body if parts.body is not None else _body_elsewhere(article)
    other = _wrap_of_another_post(body, article, comment_id)
    if other is not None:
        errors.append(f"post {comment_id}: the words in its block are post {other}'s (in its #comment-{other}_wrap),"
                      " and none of its own (a torn page?); post skipped")
        errors.append(f"post {other}: its words stand in post {comment_id}'s block, its own block's start lost;"
                      " not read")
        return None
    shared = (shared or parts.other_post_wrap is not None or parts.other_words is not None
              or _late_heading_only(parts, quotedata))
    author = _author(parts.panes, quotedata, article, body, panes_on_page) if not shared else Author(name=None)
    if shared:
        errors.append(shared_error(comment_id))
    errors.extend(author_name_errors(comment_id, author.name))
    published = parse_iso(_meta_time(parts)) or from_unix(quotedata.get("timestamp")) \
        or parse_iso(_frame_time(article, body, comment_id))
    if published is None:
        errors.append(f"post {comment_id}: no publication time found")
    if body is None:
        errors.append(f"post {comment_id}: no post body found; post skipped")
        return None
    edited_at, edited_by = _edit_notice(body, comment_id, errors)
    # The tree is this parse's own (the registry builds one per page): edit the post body in place.
    remove_matching(body, _NOT_OWN_WORDS)
    shown = body
    show_real_addresses(shown, page_url)
    quotes = [quote(bq, published or captured_at) for bq in top_level_blockquotes(shown)]
    errors.extend(depth_errors(comment_id, quotes))
    permalink = _permalink(parts, comment_id, article, body)
    links, images, attachments = read_references(shown)
    return Post(
        post_id=comment_id,
        url=joined(page_url, permalink) or f"{page_url.split('#')[0]}#comment-{comment_id}",
        position=position,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(shown, skip=QUOTES),
        html=sanitise(inner_html(shown)),
        reactions=_reactions(parts),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _late_heading_only(parts: PostParts, quotedata: dict) -> bool:
    """Is the only author pane in the block one standing after the post's words (the next post's,
    its block's start lost), with no name in the post's own quote data?

    Why: with this post's name markup and the next post's ``<article>`` start and ids deleted, the
    next post's heading stood in this block after its words: the post took the next post's name,
    silently (fuzz seed 127, ``delete_tags``)."""
    return bool(parts.late_panes) and not parts.panes and not quotedata.get("username")


def _wrap_of_another_post(body, article, comment_id: str) -> str | None:
    """The number of another post whose wrap (``div#comment-N_wrap[data-commentid=N]``, which IPS
    writes around every post's words for its quoting script) holds ``body`` inside ``article``,
    else None.

    Why: garbage spliced over a page (a torn download) from inside post A's header to inside post
    B's left B's header, wrap and words in A's block, under A's id and A's ``data-ips-first-post``:
    post A came back with B's words and B's name, silently (fuzz seed 75, ``ips5_header_only``)."""
    if body is None:
        return None
    for ancestor in body.iterancestors():
        if ancestor is article:
            return None
        value = ancestor.get("data-commentid")
        if value is not None:
            value = value.strip()
            return value if value and value != comment_id else None
    return None


def _permalink(parts: PostParts, comment_id: str, article, body) -> str | None:
    """The post's own "?do=findComment&comment=N" link: in the meta line, else anywhere in the post wrap,
    else anywhere in the post's frame outside its words.

    Checked against the post id: a quote's citation in the body may link to another post.
    """
    wanted = f"comment={comment_id}"
    containers = parts.meta + parts.phone_meta + ([parts.wrap] if parts.wrap is not None else [])
    for container in containers:
        for anchor in container.iter("a"):
            href = anchor.get("href")
            if href and "do=findComment" in href and (href.endswith(wanted) or f"{wanted}&" in href):
                return href
    # A theme that draws its own header outside the wrap: the date link there.
    for anchor in (a for a in _outside(article, body) if a.tag == "a"):
        href = anchor.get("href")
        if href and "do=findComment" in href and (href.endswith(wanted) or f"{wanted}&" in href):
            return href
    return None


def quote_data(wrap) -> dict:
    raw = wrap.get("data-quotedata") if wrap is not None else None
    if not raw:
        return {}
    try:
        data = loads_xml_safe(raw)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _author(panes: list, quotedata: dict, article, body, panes_on_page: bool = False) -> Author:
    """IPS 4: desktop pane (aside) and phone pane share .cAuthorPane_author; IPS 5: .ipsEntry__username
    (``data-ips-hook="postUsername"``). A theme that renames the pane still keeps the quote data
    (IPS's quoting reads it) and a profile link in the post's frame."""
    url = next((href for pane in panes for href in _PROFILE_LINK(pane)), None)
    name = quotedata.get("username") or None
    if not name and panes:
        # Guests and deleted members: a name without a profile link.
        name = _words([element_text(panes[0])]) or None
    if not panes:
        user_id = quotedata.get("userid")
        link = _frame_profile_link(article, body, name, user_id, any_link=not panes_on_page)
        if link is not None:
            url = link.get("href")
            name = name or _words([element_text(link)]) or None
    user_id = quotedata.get("userid") or profile_id(url)
    return Author(name=name, id=str(user_id) if user_id else None, url=url)


def _outside(article, body):
    """The elements of the post's frame, in document order: not its words (quotes, edit notice,
    signature), and not another post's block nested in it."""
    inner = set(body.iter()) if body is not None else set()
    for node in article.iter():
        if node in inner or node.tag.__class__ is not str:
            continue
        yield node


def _frame_profile_link(article, body, name: str | None, user_id, any_link: bool = True) -> object | None:
    """The author's profile link outside the post's words: the one with the member's id (from the
    quote data) or name, else (``any_link``) the first that shows a name (not an avatar) before the words.

    Why ``any_link`` is off where other posts of the page have author panes: the first link is the
    rule of a theme that renamed every pane; on a page whose theme prints panes, a post without one
    lost its name markup, and the link before its words is someone else's (a reply pointer, a
    "liked by" line, a hover card: the fuzzer's ``other_members_near_header`` on a torn page gave
    the post that member's name, silently).

    Why "before": IPS and its themes print a post's author above its words; a name link after
    them is the next post's, whose block lost its start (with both posts' name headings and the
    next post's ids deleted, a post took the next post's name, silently: fuzz seed 127,
    ``delete_tags``), or a signature's."""
    first = None
    after = set(_after(article, body))
    for node in _outside(article, body):
        if node.tag != "a" or "/profile/" not in (node.get("href") or ""):
            continue
        words = _words([element_text(node)])
        if not words:
            continue
        if (user_id and profile_id(node.get("href")) == str(user_id)) or (name and words == name):
            return node
        if node not in after:
            first = first if first is not None else node
    return None if user_id or name or not any_link else first


def _after(article, body):
    """The ``<a>`` elements of ``article`` after ``body`` (none without a body), in document order."""
    if body is None:
        return
    inner, seen = set(body.iter("a")), False
    for node in article.iter(body.tag, "a"):
        if node is body:
            seen = True
        elif seen and node.tag == "a" and node not in inner:
            yield node


def _frame_time(article, body, comment_id: str) -> str | None:
    """A theme's own header: the ``<time>`` in the post's permalink (``?do=findComment&comment=N``),
    else the first ``<time datetime>`` outside the post's words."""
    first = None
    for node in _outside(article, body):
        if node.tag != "time" or not node.get("datetime"):
            continue
        parent = node.getparent()
        while parent is not None and parent is not article:
            href = parent.get("href") if parent.tag == "a" else None
            if href and "findComment" in href and f"comment={comment_id}" in href:
                return node.get("datetime")
            parent = parent.getparent()
        first = first if first is not None else node.get("datetime")
    return first


def _body_elsewhere(article):
    """The words in a theme that dropped ``data-role="commentContent"``: the first rich-text block
    (IPS 4 ``ipsType_richText``, IPS 5 ``ipsRichText``) that is not the signature."""
    for node in article.iter("div", "section"):
        classes = (node.get("class") or "").split()
        if "ipsType_richText" in classes or "ipsRichText" in classes:
            ancestors = [a for a in node.iterancestors() if a is not article]
            if node.get("data-role") == "memberSignature" or any(
                    a.get("data-role") == "memberSignature" or a.tag == "blockquote" for a in ancestors):
                continue
            return node
    return None


def _meta_time(parts: PostParts) -> str | None:
    # The comment meta line holds the post's own time; the desktop author pane may hold a join date.
    for container in parts.meta + parts.phone_meta:
        value = _first(_TIME_ATTR(container))
        if value:
            return value
    return None


# The word a pack's "date_edited" phrase ("Edited %s by %s") puts between the edit's time and the
# editor's name, where the phrase keeps that shape: "Bearbeitet <time> von X", "Modifié <time> par X",
# "Изменено <time> пользователем X", "Editado <time> por X", "Bewerkt <time> door X",
# "Edytowane <time> przez X", "Modificato <time> da X", "Redigerad <time> av X".
# Arabic packs: "تم التعديل <time> بواسطة X".
_EDITOR_WORDS = frozenset({"by", "von", "par", "пользователем", "por", "door", "przez", "da", "av", "af", "od",
                           "بواسطة"})


def _edit_notice(content, comment_id: str, errors: list[str]) -> tuple[datetime | None, str | None]:
    """The edit line's time and editor. IPS writes it from one template in every language: the
    board's "date_edited" phrase ("Edited %s by %s": the edit's ``<time>``, then the editor's name)
    inside the ``<strong>`` of a ``data-excludequote`` element. The time is read in any language;
    the name where the phrase keeps English's shape: a word or two, the ``<time>``, one word of
    :data:`_EDITOR_WORDS`, the name to the end ("Изменено <time> пользователем Кнехт"). A pack that
    words it otherwise (the name first, a longer link) may put the name anywhere, as bare text (the
    template escapes it, no link): none is read, and ``errors`` says so (it was dropped silently)."""
    for notice in _EDIT_NOTICES(content):
        # "<strong>Edited <time>…</time> by jg1</strong><br>added last line": the reason follows the <strong>.
        headline = notice.find(".//strong")
        words = _words([element_text(headline if headline is not None else notice)])
        if words.startswith("Edited"):
            match = _EDITED_BY.search(words)
            when, editor = parse_iso(_first(_TIME_ATTR(notice))), match.group("who") if match else None
        else:
            stamp = _first(_STAMP_IN_LINE(headline)) if headline is not None else None
            if not stamp:
                continue
            when, editor = parse_iso(stamp), _editor_after_time(headline)
        if editor is None:
            errors.append(editor_not_read(comment_id, words))
        return when, editor
    return None, None


def _editor_after_time(headline) -> str | None:
    """The name after "<words> <time> <editor word>" in the edit line's ``<strong>``, else None."""
    children = list(headline)
    if len(children) != 1 or children[0].tag != "time":
        return None
    lead = (headline.text or "").split()
    if not 1 <= len(lead) <= 2 or any(ch.isdigit() for word in lead for ch in word):
        return None
    after = (children[0].tail or "").split()
    if len(after) < 2 or after[0].casefold() not in _EDITOR_WORDS:
        return None
    return " ".join(after[1:])


def _reactions(parts: PostParts) -> dict[str, int]:
    """Reaction name to count. Boards in "reputation count only" mode show one unnamed total."""
    reactions: dict[str, int] = {}
    items = [li for ul in parts.reaction_lists for li in ul
             if li.tag == "li" and "ipsReact_reactCount" in (li.get("class") or "").split()]
    for item in items:
        # The name is the image's alt in one layout, a span title in the other.
        name = next((node.get("alt") if node.tag == "img" else node.get("title")
                     for node in item.iter("img", "span") if node.get("alt" if node.tag == "img" else "title")), None)
        numbers = "".join(item.itertext()).split()
        count = _int(numbers[-1]) if numbers else None
        if name and count is not None:
            reactions[name.strip()] = count
    if not reactions and parts.count_only:
        total = _int(_words(parts.count_only[0].itertext()))
        if total is not None:
            reactions["Reputation"] = total
    return reactions


def profile_id(url: str | None) -> str | None:
    match = _PROFILE_ID.search(url or "")
    return match.group(1) if match else None
