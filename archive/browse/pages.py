"""A forum's and an author's activity: the two pages the thread reader links to.

Like :mod:`archive.browse.reader`, pure functions of a ``sqlite3`` connection. A forum is what
``threads.forum`` names (the JSON breadcrumb as stored) on one site; an author is a row of
``authors``. Each page draws posts per day and lists what the posts belong to.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from archive.browse.chart import Bar, bars
from archive.browse.reader import forum_path, rows, web_url

RECENT_POSTS = 200


@dataclass
class ForumView:
    site_id: str
    forum_key: str
    forum: list[str]
    threads: list[dict]  # id, title, posts, first_post, last_post
    posts: int
    chart: list[Bar]


@dataclass
class AuthorView:
    id: str
    site_id: str | None
    name: str | None
    url: str | None
    posts: int
    recent: list[dict]  # id, native_id, thread_id, title, position, published_at, deleted_at, text, rank
    chart: list[Bar]


def forum_view(conn: sqlite3.Connection, site_id: str, forum_key: str) -> ForumView | None:
    """The threads of the forum ``forum_key`` (``threads.forum`` as stored) on ``site_id``, or None."""
    threads = rows(conn, """select t.id, t.title, count(p.id) as posts, min(p.published_at) as first_post,
                                   max(p.published_at) as last_post
                            from threads t left join posts p on p.thread_id = t.id
                            where t.site_id = ? and t.forum = ?
                            group by t.id order by last_post desc, t.title""", [site_id, forum_key])
    if not threads:
        return None
    times = [row[0] for row in conn.execute(
        """select p.published_at from posts p join threads t on t.id = p.thread_id
           where t.site_id = ? and t.forum = ?""", [site_id, forum_key])]
    return ForumView(site_id=site_id, forum_key=forum_key, forum=forum_path(forum_key), threads=threads,
                     posts=len(times), chart=bars(times))


def author_view(conn: sqlite3.Connection, author_id: str) -> AuthorView | None:
    """The author ``author_id`` (``authors.id``) with their posts per day and newest posts, or None."""
    found = rows(conn, "select * from authors where id = ?", [author_id])
    if not found:
        return None
    author = found[0]
    times = [row[0] for row in conn.execute("select published_at from posts where author_id = ?", [author_id])]
    recent = rows(conn, """select p.id, p.native_id, p.thread_id, t.title, p.position, p.published_at,
                                  p.deleted_at, substr(p.text, 1, 300) as text,
                                  (select count(*) from posts q where q.thread_id = p.thread_id
                                   and (q.position < p.position or (q.position = p.position and q.id < p.id))) as rank
                           from posts p left join threads t on t.id = p.thread_id
                           where p.author_id = ? order by p.published_at desc limit ?""",
                  [author_id, RECENT_POSTS])
    return AuthorView(id=author["id"], site_id=author["site_id"], name=author["name"], url=web_url(author["url"]),
                      posts=len(times), recent=recent, chart=bars(times))
