"""A thread as its readers saw it, built from the archive's rows: what the reader page shows.

Pure functions of a ``sqlite3`` connection and a key, so they are tested without a web server
and Datasette only has to render what they return. Text stays text (the template escapes it, and
isolates names and titles: :mod:`archive.browse.bidi`); the one piece of stored markup shown, a
post's archived HTML, is sanitised again on the way out, whatever the database holds, with
nothing in it left to load from elsewhere (:mod:`archive.browse.post_html`): an image the archive
captured is shown from the archive, any other becomes a link. URLs from the archive become links
only when they are http(s), so a ``javascript:`` URL stays text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from archive.browse.archived_images import find_image_capture
from archive.browse.chart import Bar, bars
from archive.browse.post_html import reader_html

# Posts on one reader page: a whole thread of a few hundred posts, a long one in parts.
POSTS_PER_VIEW = 500


@dataclass
class QuoteView:
    citation: str | None
    author: str | None
    text: str | None
    quoted_post_id: str | None
    depth: int
    quotes: list[QuoteView] = field(default_factory=list)


@dataclass
class RepostView:
    id: str
    headline: str | None
    outlet: str | None
    dateline: str | None
    date_text: str | None
    published_at: str | None
    byline: str | None
    url: str | None
    article_id: str | None
    article_title: str | None
    similarity: float | None
    group_id: str | None


@dataclass
class CaptureView:
    id: str
    url: str | None
    captured_at: str | None
    warc_file: str | None
    warc_offset: int | None
    warc_length: int | None


@dataclass
class PostView:
    id: str
    native_id: str | None
    position: int | None
    page: int | None
    author_name: str | None
    author_id: str | None
    published_at: str | None
    url: str | None
    edited_at: str | None
    edited_by: str | None
    revisions: int
    deleted_at: str | None
    deleted_capture_id: str | None
    text: str | None
    html: str
    quotes: list[QuoteView]
    reactions: list[tuple[str, int]]
    reposts: list[RepostView]
    capture: CaptureView | None


@dataclass
class ThreadView:
    id: str
    site_id: str | None
    title: str | None
    url: str | None
    forum: list[str]
    forum_key: str | None
    page_count: int | None
    starter_id: str | None
    starter_name: str | None
    started_at: str | None
    vanished_at: str | None
    posts: list[PostView]
    chart: list[Bar]
    total: int  # posts archived in the thread; ``posts`` holds those from ``offset`` on, at most ``per_view``
    offset: int = 0
    per_view: int = 0

    @property
    def previous_offset(self) -> int | None:
        return max(self.offset - self.per_view, 0) if self.offset > 0 else None

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.per_view if self.offset + self.per_view < self.total else None


def rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    """Rows as dicts, whatever row factory the connection has."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def web_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None: only those become links."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def forum_path(forum_json: str | None) -> list[str]:
    """The breadcrumb stored as JSON in ``threads.forum``, as a list (empty when unknown)."""
    try:
        value = json.loads(forum_json) if forum_json else []
    except ValueError:
        return [forum_json]
    return [str(part) for part in value] if isinstance(value, list) else [str(value)]


def thread_view(conn: sqlite3.Connection, thread_id: str, offset: int = 0,
                per_view: int = POSTS_PER_VIEW, image_src: Callable[[str], str] | None = None) -> ThreadView | None:
    """The thread ``thread_id`` (``threads.id``) with its posts in thread order, or None.

    A long thread is shown ``per_view`` posts at a time, from ``offset`` (0: the first post);
    the chart always covers the whole thread.

    :param image_src: the local URL that shows the archived copy of an image URL (the plugin's
        route); without it no image is shown, each becomes a link
    """
    found = rows(conn, """select t.*, a.name as starter_name from threads t
                          left join authors a on a.id = t.starter_id where t.id = ?""", [thread_id])
    if not found:
        return None
    thread = found[0]
    window = [thread_id, per_view, max(offset, 0)]
    post_rows = rows(conn, f"""select p.*, (select count(*) from post_revisions r where r.post_id = p.id) as revisions
                               from posts p where p.id in ({_WINDOW}) order by p.position, p.published_at, p.id""",
                     window)
    quotes = _quotes_by_post(conn, window)
    reactions = _reactions_by_post(conn, window)
    reposts = _reposts_by_post(conn, window)
    captures = _captures(conn, window)
    times = [row[0] for row in conn.execute("select published_at from posts where thread_id = ?", [thread_id])]
    archived_src = _archived_image_source(conn, image_src)
    posts = [PostView(
        id=post["id"], native_id=post["native_id"], position=post["position"], page=post["page"],
        author_name=post["author_name"], author_id=post["author_id"], published_at=post["published_at"],
        url=web_url(post["url"]), edited_at=post["edited_at"], edited_by=post["edited_by"],
        revisions=post["revisions"], deleted_at=post["deleted_at"], deleted_capture_id=post["deleted_capture_id"],
        text=post["text"], html=reader_html(post["html"], _page_of(post, captures, thread), archived_src),
        quotes=quotes.get(post["id"], []),
        reactions=reactions.get(post["id"], []), reposts=reposts.get(post["id"], []),
        capture=captures.get(post["capture_id"]),
    ) for post in post_rows]
    return ThreadView(
        id=thread["id"], site_id=thread["site_id"], title=thread["title"], url=web_url(thread["url"]),
        forum=forum_path(thread["forum"]), forum_key=thread["forum"], page_count=thread["page_count"],
        starter_id=thread["starter_id"], starter_name=thread["starter_name"], started_at=thread["started_at"],
        vanished_at=thread["vanished_at"], posts=posts, chart=bars(times),
        total=len(times), offset=max(offset, 0), per_view=per_view,
    )


def _archived_image_source(conn: sqlite3.Connection, image_src: Callable[[str], str] | None):
    """``url -> local URL or None`` for the posts' images, each URL looked up once per view
    (a smiley recurs in every other post)."""
    seen: dict[str, str | None] = {}

    def archived_src(url: str) -> str | None:
        if image_src is None:
            return None
        if url not in seen:
            seen[url] = image_src(url) if find_image_capture(conn, url) else None
        return seen[url]

    return archived_src


def _page_of(post: dict, captures: dict[str, CaptureView], thread: dict) -> str | None:
    """The URL of the page a post was read from, against which its relative URLs resolve."""
    capture = captures.get(post["capture_id"])
    return web_url(capture.url if capture else None) or web_url(post["url"]) or web_url(thread["url"])


# The posts shown, as a subquery (parameters: thread id, count, offset): no list of ids to pass.
_WINDOW = "select id from posts where thread_id = ? order by position, published_at, id limit ? offset ?"


def _quotes_by_post(conn, window: list) -> dict[str, list[QuoteView]]:
    """Each post's quotes as trees: parents before children (depth, then position)."""
    found = rows(conn, f"""select * from quotes where post_id in ({_WINDOW})
                           order by post_id, depth, position, id""", window)
    by_id: dict[str, QuoteView] = {}
    tops: dict[str, list[QuoteView]] = {}
    for quote in found:
        view = QuoteView(citation=quote["citation"], author=quote["quoted_author"], text=quote["text"],
                         quoted_post_id=quote["quoted_post_id"], depth=quote["depth"] or 1)
        by_id[quote["id"]] = view
        parent = by_id.get(quote["parent_id"]) if quote["parent_id"] else None
        if parent is not None:
            parent.quotes.append(view)
        else:
            tops.setdefault(quote["post_id"], []).append(view)
    return tops


def _reactions_by_post(conn, window: list) -> dict[str, list[tuple[str, int]]]:
    result: dict[str, list[tuple[str, int]]] = {}
    for row in rows(conn, f"""select post_id, name, count from reactions where post_id in ({_WINDOW})
                              order by post_id, count desc, name""", window):
        result.setdefault(row["post_id"], []).append((row["name"], row["count"]))
    return result


def _reposts_by_post(conn, window: list) -> dict[str, list[RepostView]]:
    result: dict[str, list[RepostView]] = {}
    for row in rows(conn, f"""select r.*, a.title as article_title from reposts r
                              left join articles a on a.id = r.article_id
                              where r.post_id in ({_WINDOW}) order by r.post_id, r.position""", window):
        result.setdefault(row["post_id"], []).append(RepostView(
            id=row["id"], headline=row["headline"], outlet=row["outlet"], dateline=row["dateline"],
            date_text=row["date_text"], published_at=row["published_at"], byline=row["byline"],
            url=web_url(row["url"]), article_id=row["article_id"], article_title=row["article_title"],
            similarity=row["similarity"], group_id=row["group_id"]))
    return result


def _captures(conn, window: list) -> dict[str, CaptureView]:
    return {row["id"]: CaptureView(id=row["id"], url=row["url"], captured_at=row["captured_at"],
                                   warc_file=row["warc_file"], warc_offset=row["warc_offset"],
                                   warc_length=row["warc_length"])
            for row in rows(conn, f"""select id, url, captured_at, warc_file, warc_offset, warc_length from captures
                                      where id in (select capture_id from posts where id in ({_WINDOW}))""", window)}
