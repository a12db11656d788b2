"""Discuz! X's mobile API thread answer: ``api/mobile/index.php?version=4&module=viewthread&tid=7&page=2``.

The answer (``source/plugin/mobile/api/4/viewthread.php``, the format the Discuz! apps read) is
``{"Version": "4", "Charset": "UTF-8", "Variables": {"thread": {...}, "postlist": [...], "ppp": "10", ...}}``:

- ``thread``: ``tid``, ``subject``, ``replies`` (posts less the first), ``fid``;
- ``postlist[]``: ``pid``, ``author``, ``authorid`` ("0" for a guest), ``anonymous`` ("1": the
  author is hidden), ``dbdateline`` (Unix seconds; ``dateline`` is the printed, relative form),
  ``message`` (the post's HTML, quotes as on the desktop page), ``number``/``position`` (the floor),
  ``first``, and ``attachments`` (``{aid: {url, attachment, filename, isimage}}``, the file at
  ``url + attachment`` against the site root);
- ``ppp``: posts a page.

Times printed inside messages (edit notices, quote lines) are local times of a zone the answer
never states: they are left unread (None), the edit's with an error. A board notice in a message
(``div.locked``, what ``[hide]`` writes) is left out of the words and named in ``errors``.

The page is the URL's ``page=`` (1 without one); the next page is the same URL with ``page`` one up
while the replies say there are more posts.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from ..budget import check_budget
from ..dates import from_unix
from ..json_values import as_dict, as_id, as_int, as_list, as_text
from ..models import Author, Link, PageResult, Post, Thread
from ..page_tree import page_tree
from ..quote_depth import depth_errors
from ..urls import urljoin
from .common import ENGINE, PAGE_IN_QUERY
from .posts import read_message, say_locked

_API_PATH = re.compile(r"/api/mobile/(?:index\.php)?")


def detect_json(data) -> bool:
    """A mobile-API ``viewthread`` answer: ``Variables`` holding a ``thread`` and a ``postlist``."""
    if not isinstance(data, dict):
        return False
    variables = data.get("Variables")
    return (isinstance(variables, dict) and isinstance(variables.get("postlist"), list)
            and isinstance(variables.get("thread"), dict))


def parse_json(data, url: str, captured_at: datetime) -> PageResult:
    variables = as_dict(as_dict(data).get("Variables"))
    thread_data = as_dict(variables.get("thread"))
    result = PageResult(kind="thread_page", url=url, engine=ENGINE)
    thread_id = as_id(thread_data.get("tid"))
    replies = as_int(thread_data.get("replies"))
    per_page = as_int(variables.get("ppp"))
    match = PAGE_IN_QUERY.search(url)
    page = int(match.group(1)) if match and int(match.group(1)) > 0 else 1
    count = max(page, math.ceil((replies + 1) / per_page)) if replies is not None and per_page else page
    site = _site_root(url)
    for index, item in enumerate(as_list(variables.get("postlist")), start=1):
        check_budget()
        post = _post(as_dict(item), index, page, per_page, site, thread_id, result.errors)
        if post is not None:
            result.errors.extend(depth_errors(post.post_id, post.quotes))
            result.posts.append(post)
    result.thread = Thread(id=thread_id, title=as_text(thread_data.get("subject")),
                           url=urljoin(site, f"forum.php?mod=viewthread&tid={thread_id}") if thread_id else None,
                           page=page, page_count=count, reply_count=replies)
    if page == 1 and result.posts and result.posts[0].position == 1:
        result.thread.starter, result.thread.started_at = result.posts[0].author, result.posts[0].published_at
    if page < count:
        result.next_page_url = (PAGE_IN_QUERY.sub(lambda m: m.group(0)[0] + f"page={page + 1}", url) if match
                                else f"{url}{'&' if '?' in url else '?'}page={page + 1}")
    if replies is None or not per_page:
        result.errors.append("the answer gives no reply count or page size: later pages are not known")
    return result


def _site_root(url: str) -> str:
    """The board's address (where ``forum.php`` and ``data/attachment`` are), from the API's."""
    match = _API_PATH.search(url)
    return url[:match.start() + 1] if match else urljoin(url, "./")


def _post(item: dict, index: int, page: int, per_page: int | None, site: str, thread_id: str | None,
          errors: list[str]) -> Post | None:
    post_id = as_id(item.get("pid"))
    if post_id is None:
        errors.append(f"post {index} of the answer has no pid; not read")
        return None
    author_id = as_id(item.get("authorid"))
    name = as_text(item.get("author"))
    if as_text(item.get("anonymous")) == "1" or not name:
        author = Author(name=None)
        errors.append(f"post {post_id}: the answer hides or omits its author")
    else:
        known = author_id not in (None, "0")
        author = Author(name=name, id=author_id if known else None,
                        url=urljoin(site, f"home.php?mod=space&uid={author_id}") if known else None)
    published = from_unix(as_id(item.get("dbdateline")))
    if published is None:
        errors.append(f"post {post_id}: no publication time (dbdateline) found")
    root, _ = page_tree(f"<html><body><div id='discuz-message'>{as_text(item.get('message')) or ''}</div></body></html>")
    body = next((node for node in root.iter("div") if node.get("id") == "discuz-message"), None)
    if body is None:
        errors.append(f"post {post_id}: its message could not be parsed; not read")
        return None
    say_locked(body, post_id, errors)
    message = read_message(body, [], None, site)
    if message.edited_by is not None:
        errors.append(f"post {post_id}: its edit time is not read: the answer prints it in a zone it never states")
    attachments, images = list(message.attachments), list(message.images)
    for attachment in as_dict(item.get("attachments")).values():
        attachment = as_dict(attachment)
        address = (as_text(attachment.get("url")) or "") + (as_text(attachment.get("attachment")) or "")
        if not address:
            continue
        link = Link(urljoin(site, address), as_text(attachment.get("filename")))
        (images if as_text(attachment.get("isimage")) not in (None, "0", "") else attachments).append(link)
    number = as_int(item.get("number")) or as_int(item.get("position"))
    if number is None and per_page:
        number = (page - 1) * per_page + index
    if number is None:
        errors.append(f"post {post_id}: no floor number in the answer; position counted on this page")
    link = f"forum.php?mod=redirect&goto=findpost&ptid={thread_id}&pid={post_id}" if thread_id else \
        f"forum.php?mod=redirect&goto=findpost&pid={post_id}"
    return Post(post_id=post_id, url=urljoin(site, link), position=number or index, position_on_page=index,
                author=author, published_at=published, text=message.text, html=message.html,
                edited_at=message.edited_at, edited_by=message.edited_by, quotes=message.quotes,
                links=message.links, images=images, attachments=attachments)
