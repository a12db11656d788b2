"""The Datasette plugin: the thread reader, forum and author pages, and links to them.

Routes (query parameters, since archive keys hold slashes and colons):

- ``/-/thread?id=<threads.id>``: the thread as its readers saw it;
- ``/-/forum?site=<sites.id>&forum=<threads.forum>``: a forum's threads and posts per day;
- ``/-/author?id=<authors.id>``: an author's posts per day and newest posts;
- ``/-/archived-image?url=<image URL>``: an image a post shows, read from the WARC record that
  captured it (the reader points its ``<img>`` here instead of at the image's server).

Each takes ``db=<database name>`` too, defaulting to the first database served. The threads
table links each title to its reader, each forum to its page, and the authors table each name
to its page (``render_cell``, which also keeps every table row short: stored HTML summarised,
JSON lists on one line, :mod:`archive.browse.cells`); any cell holding bidi controls is shown
isolated, the controls marked. Every response gets the security headers (``asgi_wrapper``), and templates get the
``bidi`` filters. Registered by :mod:`archive.browse.serve`, not by an entry point, so it only
runs where ``forum-archiver serve`` runs it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Forbidden, NotFound, Response
from markupsafe import Markup

from archive.browse.archived_images import IMAGE_CSP, find_image_capture, read_image
from archive.browse.bidi import has_bidi_controls, isolated, isolated_path, plain
from archive.browse.cells import SUMMARISED_COLUMNS, compact_json, human_date, summary
from archive.browse.chart import bar_chart_svg
from archive.browse.pages import author_view, forum_view
from archive.pywb_replay import replay_url
from parsers.dates import parse_iso
from archive.browse.reader import POSTS_PER_VIEW, forum_path, thread_view, web_url
from archive.browse.security_headers import with_security_headers

PLUGIN_NAME = "forum-archiver"


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

    def archived_image(self, url: str) -> str:
        """Where the reader shows the archived copy of the image at ``url``."""
        return self._page("/-/archived-image", url=url)

    def replay(self, capture) -> str | None:
        """The capture's page in pywb, when ``forum-archiver serve --replay`` runs one (its base URL
        is the plugin's ``replay_url``); else None, and the reader shows no "view as archived" link."""
        base = (self.datasette.plugin_config(PLUGIN_NAME) or {}).get("replay_url")
        if not base or capture is None or not capture.url or not capture.captured_at:
            return None
        return replay_url(base, capture.url, parse_iso(capture.captured_at))

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
    images = Links(datasette, db.name).archived_image
    thread = await db.execute_fn(lambda conn: thread_view(conn, thread_id, offset, image_src=images))
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


def warc_dir(datasette, db) -> Path:
    """Where ``db``'s WARC files are: the plugin's ``warc_dir`` (``forum-archiver serve
    --warc-dir``), else the ``warc`` folder beside the database."""
    configured = (datasette.plugin_config(PLUGIN_NAME) or {}).get("warc_dir")
    return Path(configured) if configured else Path(db.path or ".").resolve().parent / "warc"


async def archived_image_page(datasette, request):
    """The bytes of an image the archive captured, with its own Content-Type and a policy that
    lets the response, opened on its own, load and run nothing."""
    db = await _database(datasette, request)
    url = _required(request, "url")
    capture = await db.execute_fn(lambda conn: find_image_capture(conn, url))
    if capture is None:
        raise NotFound("That image was not captured")
    found = await asyncio.to_thread(read_image, warc_dir(datasette, db), capture)
    if found is None:
        raise NotFound("The WARC record of that image is missing or unreadable")
    media_type, body = found
    return Response(body, content_type=media_type,
                    headers={"Content-Security-Policy": IMAGE_CSP, "Cache-Control": "private, max-age=3600"})


@hookimpl
def register_routes():
    return [(r"^/-/thread$", thread_page), (r"^/-/forum$", forum_page), (r"^/-/author$", author_page),
            (r"^/-/archived-image$", archived_image_page)]


@hookimpl
def asgi_wrapper(datasette):
    return with_security_headers


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """``|bidi`` (isolated, controls marked), ``|bidi_path`` (a forum's breadcrumb),
    ``|bidi_plain`` (for ``<title>``) and ``|human_date`` (an ISO time in words)."""
    env.filters["bidi"] = isolated
    env.filters["bidi_path"] = isolated_path
    env.filters["bidi_plain"] = plain
    env.filters["human_date"] = human_date


def _key(value):
    """A row's key column as stored: Datasette hands a render_cell hook a foreign key it has
    expanded (``threads.site_id``) as ``{"value": ..., "label": ...}``."""
    return value["value"] if isinstance(value, dict) else value


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Thread titles link to the reader, forums (shown as their breadcrumb) to their page, author
    names to theirs; stored markup and search-only words are summarised and JSON lists shown on
    one line, so with long text cut short (``truncate_cells_html``) a table row stays a few lines;
    elsewhere a value holding bidi controls is shown isolated with the controls marked."""
    if value is None:
        return None
    keys = row.keys()
    links = Links(datasette, database)
    if table == "threads" and column == "title" and "id" in keys:
        return Markup('<a class="reader-link" href="{}">{}</a>').format(links.thread(_key(row["id"])), isolated(value))
    if table == "threads" and column == "forum" and "site_id" in keys:
        return Markup('<a class="forum-link" href="{}">{}</a>').format(
            links.forum(_key(row["site_id"]), value), isolated_path(forum_path(value)))
    if table == "authors" and column == "name" and "id" in keys:
        return Markup('<a href="{}">{}</a>').format(links.author(_key(row["id"])), isolated(value))
    if isinstance(value, dict) and has_bidi_controls(str(value.get("label"))):
        return _labelled_key(datasette, database, table, column, value)
    if isinstance(value, str) and column in SUMMARISED_COLUMNS and value:
        return summary(column, value)
    compact = compact_json(value)
    if compact is not None:
        return compact
    if isinstance(value, str) and has_bidi_controls(value):
        limit = datasette.setting("truncate_cells_html")  # as Datasette cuts long cells itself
        shown = value[:limit] + "…" if limit and len(value) > limit else value
        return isolated(shown, url=web_url(value) is not None)
    return None


async def _labelled_key(datasette, database: str, table: str, column: str, value: dict) -> Markup:
    """A foreign key Datasette would show as a link labelled with the other row's label (an
    author's name, a thread's title), with the label isolated."""
    keys = await datasette.get_database(database).foreign_keys_for_table(table)
    other = next((key["other_table"] for key in keys if key["column"] == column), None)
    label = isolated(value["label"])
    if other is None:
        return label
    return Markup('<a href="{}">{}</a>&nbsp;<em>{}</em>').format(
        datasette.urls.row(database, other, tilde_encode(str(value["value"]))), label, isolated(value["value"]))
