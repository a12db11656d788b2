"""One ElkArte post read into a :class:`parsers.models.Post`: author, number, times, edit, words, quotes, likes.

The quotes are SMF 2.0's markup, which ElkArte kept (sources/subs/BBC/Codes.php: ``div.quoteheader``
"Quote from: X on <date>", a link to ``topic=N.msgM#msgM``, before a ``blockquote``): they are read
by :mod:`parsers.smf.quotes`. So is the edit notice ("Last Edit: <date> by X", the language file's
``last_edit_by``), by SMF's reading of it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from ..clock import ForumClock
from ..html_text import drop_node, element_text, inner_html, sanitise
from ..markup import show_real_addresses
from ..models import Author, Link, Post
from ..post_blocks import shared_error
from ..quote_authors import say_unread_quote_authors
from ..quote_depth import depth_errors
from ..smf.posts import read_edit_notice
from ..smf.quotes import read_quote, remove_quote, top_level_quotes
from ..urls import absolute, urljoin, without_session
from ..values import words
from .page import PostParts

_PROFILE_ID = re.compile(r"[?;&]u=(\d+)")
_REPLY_NUMBER = re.compile(r"#\s*(\d+)")
_NUMBER = re.compile(r"\d+")
# A printed time that shows the time of day ("March 14, 2016, 09:05:11 pm", "Today at 01:15:00 am").
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
# htmlTime()'s data-timestamp: Unix seconds, ASCII digits only (a torn page may hold any other).
_UNIX_SECONDS = re.compile(r"[0-9]{1,11}")


def post_time(parts: PostParts) -> tuple[str, str | None]:
    """(the printed date, the ``<time datetime>`` beside it). ElkArte's htmlTime() (sources/Subs.php)
    prints ``datetime="Y-m-d H:i"``: the same wall clock as the text (the forum's and the viewer's
    offsets already added), to the minute, with no zone. 1.0 prints the text alone after the
    "Reply #N" link."""
    if parts.info is None:
        return "", None
    stamp = parts.time
    if stamp is not None:
        return words(stamp.itertext()), stamp.get("datetime")
    link = next(parts.info.iter("a"), None)
    printed = "".join(parts.info.itertext())
    label = "".join(link.itertext()) if link is not None else ""
    if label:  # the "Reply #N" link's words are no part of the date
        printed = printed.replace(label, "", 1)
    return words([printed]).strip(" \u2013-\u00ab\u00bb"), None


def read_post(parts: PostParts, page_url: str, clock: ForumClock, index: int, start: int | None,
              errors: list[str]) -> Post:
    post_id = parts.post_id
    if parts.shared:
        errors.append(shared_error(post_id))
    author = Author(name=None) if parts.shared else _author(parts, page_url)
    if not author.name:
        errors.append(f"post {post_id}: no author name found")
    printed, stamp = post_time(parts)
    published = _published(parts, printed, stamp, clock)
    if published is None:
        errors.append(f"post {post_id}: no publication time found"
                      + (f" (could not read {printed!r})" if printed else ""))
    edited_at, edited_by = _edit(parts, clock, errors)
    body = parts.body
    for node in list(body.iter("script", "style", "noscript")):
        drop_node(node)
    show_real_addresses(body, page_url)
    for node in [a for a in body.iter("a") if "codeoperation" in (a.get("class") or "")]:
        drop_node(node)  # the code box's "[Select]" link: page chrome
    html = sanitise(inner_html(body))
    found = top_level_quotes(body)
    quotes = [read_quote(quote, clock, published) for quote in found]
    errors.extend(depth_errors(post_id, quotes))
    say_unread_quote_authors(post_id, quotes, errors)
    for quote in found:
        remove_quote(quote)
    links, images = _references(body)
    attachments = _attachments(parts, page_url, images)
    number = _reply_number(parts)
    if number is not None:
        position = number + 1
    elif start is not None:
        position = start + index
    else:
        position = index
    return Post(
        post_id=post_id,
        url=_permalink(parts, page_url),
        position=position,
        position_on_page=index,
        author=author,
        published_at=published,
        edited_at=edited_at,
        edited_by=edited_by,
        text=element_text(body),
        html=html,
        reactions=_likes(parts),
        quotes=quotes,
        links=links,
        images=images,
        attachments=attachments,
    )


def _published(parts: PostParts, printed: str, stamp: str | None, clock: ForumClock) -> datetime | None:
    """The printed time where it shows the time of day (it has the seconds); else the ``<time>``'s
    ``title`` where that does, else its ``datetime`` (to the minute). With relative times on
    (todayMod 3) ElkArte's theme script rewrites each ``<time data-timestamp>``'s words once the
    page has loaded ("2 days ago", "A month ago", "Letzte Woche"), so a page saved from a browser
    carries them: read against the capture time they were off by hours to weeks, with no error.
    htmlTime() puts the standard time in the ``title`` when relative times are on.

    Words that disagree with the ``datetime`` beside them give way to it: "Today at 01:15:00 am"
    read against a capture time in another day than the viewer's (htmlTime() prints both from one
    wall clock, so only a misread day makes them differ)."""
    exact = _stamp_time(parts, stamp, clock)
    if _TIME_OF_DAY.search(printed) or not stamp:
        return _agreeing(clock.read(printed), exact) or exact
    node = parts.time
    title = words([node.get("title") or ""]) if node is not None else ""
    if _TIME_OF_DAY.search(title):
        published = _agreeing(clock.read(title), exact)
        if published is not None:
            return published
    return exact or clock.read(printed)


def _agreeing(read: datetime | None, exact: datetime | None) -> datetime | None:
    """``read`` (from the words) unless the ``<time>`` beside them shows another minute."""
    if read is None or exact is None or read.replace(second=0, microsecond=0) == exact.replace(second=0):
        return read
    return None


def _stamp_time(parts: PostParts, stamp: str | None, clock: ForumClock) -> datetime | None:
    """The ``<time datetime>`` (to the minute) with the seconds of its ``data-timestamp``: htmlTime()
    prints both from one number (``date('Y-m-d H:i', $timestamp)``), so where they show the same
    minute the timestamp's seconds are the post's. Without them a post whose words are in a language
    no reader knows came back up to 59 seconds early, with no error."""
    published = clock.read(stamp) if stamp else None
    node = parts.time
    number = (node.get("data-timestamp") or "").strip() if node is not None else ""
    if published is None or not _UNIX_SECONDS.fullmatch(number):
        return published
    shown = datetime.fromtimestamp(int(number), timezone.utc).replace(tzinfo=None)
    if shown.replace(second=0) == clock.local(stamp):
        return published + timedelta(seconds=shown.second)
    return published


def _author(parts: PostParts, page_url: str) -> Author:
    """The poster list's name link: a member's links to ``?action=profile;u=N``; a guest's has no address."""
    link = parts.author_link
    if link is None:
        return Author(name=None)
    name = words(link.itertext()) or None
    href = link.get("href")
    if not href:
        return Author(name=name)
    url = without_session(absolute(page_url, href))
    match = _PROFILE_ID.search(url or "")
    return Author(name=name, id=match.group(1) if match else None, url=url)


def _edit(parts: PostParts, clock: ForumClock, errors: list[str]) -> tuple[datetime | None, str | None]:
    """"Last Edit: March 01, 2017, 12:45:00 pm by X" in ``li#modified_N`` (1.1+ prints the item
    empty and hidden for a post never edited: no edit)."""
    notice = words(parts.edit.itertext()) if parts.edit is not None else ""
    if not notice:
        return None, None
    edited_at, edited_by = read_edit_notice(notice, clock)
    if edited_at is None or edited_by is None:
        errors.append(f"post {parts.post_id}: the edit notice is not fully read: {notice[:80]!r}")
    return edited_at, edited_by


def _reply_number(parts: PostParts) -> int | None:
    """"Reply #N" (the language file's ``reply_number``) in the date line; the topic's first post has none."""
    if parts.info is None:
        return None
    link = next(parts.info.iter("a"), None)
    match = _REPLY_NUMBER.search(words(link.itertext())) if link is not None else None
    return int(match.group(1)) if match else None


def _likes(parts: PostParts) -> dict[str, int]:
    """The post's likes: the number in ``span.likes_indicator`` (1.1+) or the 1.0 button's words."""
    if parts.likes is None:
        return {}
    numbers = _NUMBER.findall(words(parts.likes.itertext()))
    count = int(numbers[0]) if numbers else 0
    return {"Like": count} if count else {}


def _references(body) -> tuple[list[Link], list[Link]]:
    """Links and pictures of the poster's own words (quotes are out by now); smileys left out."""
    links = [Link(a.get("href"), element_text(a) or None) for a in body.iter("a")
             if a.get("href") and not a.get("href").startswith(("#", "javascript:"))]
    images = [Link(img.get("src"), img.get("alt") or None) for img in body.iter("img")
              if img.get("src") and not img.get("src").startswith("data:") and "smiley" not in (img.get("class") or "")]
    return links, images


def _attachments(parts: PostParts, page_url: str, images: list[Link]) -> list[Link]:
    """The files attached below the message (``#msg_N_footer``: each file's ``a.attachment_name``,
    ``?action=dlattach;topic=N.0;attach=M``). A picture's ``img.attachment_image`` (its thumbnail,
    in a link to the picture, or the picture itself) goes to ``images``, as the picture it shows."""
    files: list[Link] = []
    if parts.files is None:
        return files
    for node in parts.files.iter("a", "img"):
        if node.tag == "img":
            holder = node.getparent()
            held = holder is not None and holder.tag == "a" and "dlattach" in (holder.get("href") or "")
            source = holder.get("href") if held else node.get("src")
            url = without_session(absolute(page_url, (source or "").strip())) if source else None
            if url and all(image.url != url for image in images):
                images.append(Link(url, node.get("alt") or None))
            continue
        href = node.get("href") or ""
        if "dlattach" not in href or next(node.iter("img"), None) is not None:
            continue
        url = without_session(absolute(page_url, href.strip()))
        if all(file.url != url for file in files):
            files.append(Link(url, words(node.itertext()) or None))
    return files


def _permalink(parts: PostParts, page_url: str) -> str:
    """The date line's link (``topic=N.msgM#msgM``), else the page address with ``#msgM``."""
    link = next(parts.info.iter("a"), None) if parts.info is not None else None
    if link is not None and link.get("href") and parts.post_id in link.get("href"):
        return without_session(urljoin(page_url, link.get("href").strip()))
    return f"{page_url.split('#')[0]}#msg{parts.post_id}"
