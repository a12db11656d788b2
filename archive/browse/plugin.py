"""The Datasette plugin: the thread reader, forum and author pages, and links to them.

Routes (query parameters, since archive keys hold slashes and colons):

- ``/-/thread?id=<threads.id>``: the thread as its readers saw it;
- ``/-/forum?site=<sites.id>&forum=<threads.forum>``: a forum's threads and posts per day;
- ``/-/author?id=<authors.id>``: an author's posts per day and newest posts.

Each takes ``db=<database name>`` too, defaulting to the first database served. The threads
table links each title to its reader, each forum to its page, and the authors table each name
to its page (``render_cell``). Registered by :mod:`archive.browse.serve`, not by an entry point,
so it only runs where ``forum-archiver serve`` runs it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Forbidden, NotFound, Response
from markupsafe import Markup, escape

from archive.browse.chart import bar_chart_svg
from archive.browse.pages import author_view, forum_view
from archive.browse.reader import POSTS_PER_VIEW, thread_view


class Links:
    """URLs of the archive's pages and rows in one served database, for the templates."""

    def __init__(self, datasette, database: str) -> None:
        self.datasette, self.database = datasette, database

    def _page(self, path: str, **params) -> str:
        query = urlencode({"db": self.database, **{k: v for k, v in params.items() if v is not None}})
        return f"{self.datasette.urls.path(path)}?{query}"

    def thread(self, thread_id: str, post_native_id: str | None = None, rank: int = 0, offset: int = 0) -> str:
        """The reader of a thread; with a post, the part of it that shows the post (``rank``: how
        many posts come before it) and an anchor to it."""
        offset = offset or rank // POSTS_PER_VIEW * POSTS_PER_VIEW
        url = self._page("/-/thread", id=thread_id, offset=offset or None)
        return f"{url}#post-{post_native_id}" if post_native_id else url

    def forum(self, site_id: str, forum_key: str) -> str:
        return self._page("/-/forum", site=site_id, forum=forum_key)

    def author(self, author_id: str) -> str:
        return self._page("/-/author", id=author_id)

    def row(self, table: str, key: str) -> str:
        return self.datasette.urls.row(self.database, table, tilde_encode(str(key)))

    def rows(self, table: str, **filters) -> str:
        return f"{self.datasette.urls.table(self.database, table)}?{urlencode(filters)}"


async def _database(datasette, request):
    """The database named by ``?db=`` (or the first served), after the usual view checks."""
    try:
        db = datasette.get_database(request.args.get("db") or None)
    except KeyError:
        raise NotFound("No such database") from None
    for action, resource in (("view-instance", None), ("view-database", db.name)):
        if not await datasette.permission_allowed(request.actor, action, resource=resource, default=True):
            raise Forbidden(f"{action} denied")
    return db


async def _render(datasette, request, template: str, db, **context) -> Response:
    links = Links(datasette, db.name)
    html = await datasette.render_template(template, {"links": links, "database_name": db.name,
                                                      "chart_svg": bar_chart_svg, **context}, request=request)
    return Response.html(html)


def _required(request, name: str) -> str:
    value = request.args.get(name)
    if not value:
        raise NotFound(f"Give ?{name}=")
    return value


async def thread_page(datasette, request):
    db = await _database(datasette, request)
    thread_id = _required(request, "id")
    offset = int(request.args["offset"]) if request.args.get("offset", "").isdigit() else 0
    thread = await db.execute_fn(lambda conn: thread_view(conn, thread_id, offset))
    if thread is None:
        raise NotFound(f"No thread {thread_id}")
    return await _render(datasette, request, "thread.html", db, thread=thread)


async def forum_page(datasette, request):
    db = await _database(datasette, request)
    site_id, forum_key = _required(request, "site"), _required(request, "forum")
    forum = await db.execute_fn(lambda conn: forum_view(conn, site_id, forum_key))
    if forum is None:
        raise NotFound("No threads in that forum")
    return await _render(datasette, request, "forum.html", db, forum=forum)


async def author_page(datasette, request):
    db = await _database(datasette, request)
    author_id = _required(request, "id")
    author = await db.execute_fn(lambda conn: author_view(conn, author_id))
    if author is None:
        raise NotFound(f"No author {author_id}")
    return await _render(datasette, request, "author.html", db, author=author)


@hookimpl
def register_routes():
    return [(r"^/-/thread$", thread_page), (r"^/-/forum$", forum_page), (r"^/-/author$", author_page)]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Thread titles link to the reader, forums to their page, author names to theirs."""
    if value is None or table not in ("threads", "authors"):
        return None
    keys = row.keys()
    links = Links(datasette, database)
    if table == "threads" and column == "title" and "id" in keys:
        return Markup('<a class="reader-link" href="{}">{}</a>').format(links.thread(row["id"]), value)
    if table == "threads" and column == "forum" and "site_id" in keys:
        return Markup('<a href="{}">{}</a>').format(links.forum(row["site_id"], value), value)
    if table == "authors" and column == "name" and "id" in keys:
        return Markup('<a href="{}">{}</a>').format(links.author(row["id"]), escape(value))
    return None
