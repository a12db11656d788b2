"""Every link the served archive offers leads somewhere, and the tables read well.

A link checker walks the pages of ``forum-archiver serve`` (through Datasette's in-process
client, as tests/test_browse_metadata.py does) breadth-first from the index, every table, the
thread reader, the author and forum pages and each canned query, and fails on any 4xx or 5xx,
naming the page each broken link was found on. Beside it, one test per fix of the issue's link
check and table readability: forum links built from an expanded foreign key, sorting by ``id``,
the posts table's row height, the index's promise of canned queries, dates in words, and
metadata descriptions that stay true under plain Datasette.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
import sqlite_utils
import yaml
from conftest import ROOT
from test_browse_metadata import fetch

from archive.browse.cells import compact_json, human_date
from archive.browse.serve import METADATA, build

MAX_URLS = 400
# Links of one shape (path, parameter names, and the values of Datasette's own ``_`` parameters)
# checked at most this many times, so a facet or filter link repeated per row does not use up
# the budget before the other kinds of link are reached.
PER_SHAPE = 3
HOST = "localhost"  # what Datasette's client puts in absolute URLs
# FTS5 shadow tables (hidden by Datasette) key their rows by a BLOB, and Datasette 0.65's row
# links cannot address a BLOB key: a Datasette limitation, not a page of the archive's.
FTS_SHADOW = re.compile(r"^/[^/]+/[^/?]+_fts_[^/?]+/")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def internal(href: str, page: str) -> str | None:
    """``href`` on ``page`` as a same-host path with its query, or None (elsewhere, an
    anchor on the same page, a .json or .csv export, an FTS shadow row)."""
    parts = urlsplit(urljoin(f"http://{HOST}{page}", href))
    if parts.scheme not in ("http", "https") or parts.netloc != HOST:
        return None
    if parts.path.endswith((".json", ".csv")) or FTS_SHADOW.match(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def shape(path: str) -> tuple:
    parts = urlsplit(path)
    return parts.path, tuple(sorted((name, value if name.startswith("_") else "")
                                    for name, value in parse_qsl(parts.query, keep_blank_values=True)))


async def check_links(datasette, seeds: list[str], limit: int = MAX_URLS) -> tuple[list[str], list[tuple]]:
    """Breadth-first from ``seeds``: (URLs fetched, [(status, URL, page it was found on)])."""
    await datasette.invoke_startup()
    queue = deque((seed, "(start)") for seed in seeds)
    seen, shapes, fetched, broken = set(), Counter(), [], []
    while queue and len(fetched) < limit:
        url, found_on = queue.popleft()
        if url in seen or shapes[shape(url)] >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape(url)] += 1
        fetched.append(url)
        response = await datasette.client.get(url)
        if response.status_code >= 400:
            broken.append((response.status_code, url, found_on))
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        parser = Links()
        parser.feed(response.text)
        queue.extend((path, url) for path in map(lambda href: internal(href, url), parser.found)
                     if path and path not in seen)
    return fetched, broken


@pytest.fixture(scope="module")
def archive_db(sample_crawl) -> Path:
    return sample_crawl / "archive.db"


@pytest.fixture(scope="module")
def datasette(archive_db):
    return build(archive_db)


def seeds(db_path: Path) -> list[str]:
    db = sqlite_utils.Database(db_path)
    thread_id, site_id, forum = db.execute("select id, site_id, forum from threads").fetchone()
    author_id, author_name = db.execute("select id, name from authors order by id").fetchone()
    queries = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["archive"]["queries"]
    params = {"thread_timeline": {"thread_id": thread_id}, "author_posts": {"author": author_name}}
    tables = [name for name in db.table_names() if "_fts" not in name]
    return ["/", "/archive", *(f"/archive/{table}" for table in tables),
            f"/-/thread?{urlencode({'db': 'archive', 'id': thread_id})}",
            f"/-/author?{urlencode({'db': 'archive', 'id': author_id})}",
            f"/-/forum?{urlencode({'db': 'archive', 'site': site_id, 'forum': forum})}",
            *(f"/archive/{name}" + (f"?{urlencode(params[name])}" if name in params else "") for name in queries)]


def test_every_internal_link_answers(datasette, archive_db):
    fetched, broken = asyncio.run(check_links(datasette, seeds(archive_db)))
    report = "\n".join(f"{status} {url}  (found on {page})" for status, url, page in broken)
    assert not broken, f"{len(broken)} of {len(fetched)} links broken:\n{report}"
    assert len(fetched) >= 150, f"the walk reached only {len(fetched)} pages"
    assert {"/-/thread", "/-/author", "/-/forum"} <= {urlsplit(url).path for url in fetched}


def test_the_link_checker_reports_a_broken_link_and_where_it_was(datasette):
    """The checker itself: a page of the walk that 404s is reported with the page linking it."""
    fetched, broken = asyncio.run(check_links(datasette, ["/-/thread?id=no-such-thread"], limit=5))
    assert broken == [(404, "/-/thread?id=no-such-thread", "(start)")] and fetched


def test_the_forum_cell_links_to_the_forum_page_by_the_site_key(datasette, archive_db):
    site_id, forum = sqlite_utils.Database(archive_db).execute("select site_id, forum from threads").fetchone()
    page = fetch(datasette, "/archive/threads").text
    href = re.search(r'<a class="forum-link" href="([^"]+)">', page).group(1).replace("&amp;", "&")
    assert dict(parse_qsl(urlsplit(href).query)) == {"db": "archive", "site": site_id, "forum": forum}
    assert fetch(datasette, href).status_code == 200
    assert "Home › Iraq News › Political News" in re.sub(r"<[^>]+>", "", page), "the forum shown as its breadcrumb"


@pytest.mark.parametrize("table", ["threads", "posts", "authors", "reposts", "quotes", "captures", "reactions"])
def test_every_sort_a_table_offers_works(datasette, table):
    page = fetch(datasette, f"/archive/{table}").text
    sorts = set(re.findall(r'href="(/archive/[^"?]+\?(?:[^"]*&amp;)?_sort(?:_desc)?=[^"&]+)"', page))
    assert sorts or table == "reactions", f"{table}: no sort links found"
    failing = [(url, fetch(datasette, url.replace("&amp;", "&")).status_code) for url in sorts]
    assert [entry for entry in failing if entry[1] != 200] == []
    if table != "reactions":
        assert fetch(datasette, f"/archive/{table}?_sort_desc=id").status_code == 200


def test_the_posts_table_shows_markup_and_json_compactly(datasette):
    page = fetch(datasette, "/archive/posts").text
    cells = dict.fromkeys(("html", "links", "embeds", "text"), "")
    for column in cells:
        cells[column] = max(re.findall(rf'<td class="col-{column} [^"]*">(.*?)</td>', page, re.DOTALL), key=len)
    assert "&lt;" not in cells["html"] and "HTML," in cells["html"], "no escaped markup in the html column"
    assert 'class="json-list' in cells["links"] and 'class="json-list' in cells["embeds"]
    assert all(len(re.sub(r"<[^>]+>", "", cell)) < 400 for cell in cells.values()), \
        {column: len(cell) for column, cell in cells.items()}
    assert 'class="readable-columns"' in page


def test_the_readable_columns_link_shows_thread_author_time_and_text(datasette):
    page = fetch(datasette, "/archive/posts").text
    href = re.search(r'<a class="readable-columns" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    readable = fetch(datasette, "/archive/posts" + href).text
    columns = re.findall(r'<th [^>]*data-column="([a-z_]+)"', readable)
    assert set(columns) == {"id", "thread_id", "author_id", "published_at", "text"}, columns


def test_the_index_promises_only_what_it_shows(datasette):
    index = fetch(datasette, "/").text
    assert "canned queries below" not in index
    assert "canned queries" in index and 'href="/archive"' in index
    database = fetch(datasette, "/archive").text
    assert 'id="queries"' in database
    queries = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["archive"]["queries"]
    assert all(f'href="/archive/{name}"' in database for name in queries)


def test_the_reader_author_and_forum_pages_show_dates_in_words(datasette, archive_db):
    db = sqlite_utils.Database(archive_db)
    thread_id, site_id, forum, started = db.execute("select id, site_id, forum, started_at from threads").fetchone()
    author_id = db.execute("select author_id from posts where author_id is not null").fetchone()[0]
    pages = {"reader": f"/-/thread?{urlencode({'id': thread_id})}",
             "author": f"/-/author?{urlencode({'id': author_id})}",
             "forum": f"/-/forum?{urlencode({'site': site_id, 'forum': forum})}"}
    for name, url in pages.items():
        html = fetch(datasette, url).text
        times = re.findall(r'<time datetime="([^"]+)" title="([^"]+)">([^<]+)</time>', html)
        assert times, f"{name}: no <time> elements"
        assert all(iso == title and words == human_date(iso) and not re.match(r"\d{4}-\d\d-\d\dT", words)
                   for iso, title, words in times), name
        assert not re.search(r">[^<]*\d{4}-\d\d-\d\dT\d\d:\d\d[^<]*<", html), f"{name}: a raw ISO time is shown"
    assert f'<time datetime="{started}" title="{started}">7 Nov 2021, 21:14 UTC</time>' in fetch(
        datasette, pages["reader"]).text


@pytest.mark.parametrize(("value", "words"), [
    ("2021-11-07T21:14:37+00:00", "7 Nov 2021, 21:14 UTC"),
    ("2021-11-07T21:14:37Z", "7 Nov 2021, 21:14 UTC"),
    ("2026-12-02T21:27:57.348438+00:00", "2 Dec 2026, 21:27 UTC"),
    ("2021-11-07T21:14:37+03:00", "7 Nov 2021, 21:14 +03:00"),
    ("2021-11-07T21:14:37-05:30", "7 Nov 2021, 21:14 -05:30"),
    ("2021-11-07", "7 Nov 2021"),
    ("NOV 07, 2021 3:59 PM ET", "NOV 07, 2021 3:59 PM ET"),
    (None, ""),
])
def test_human_date(value, words):
    assert human_date(value) == words


def test_compact_json_names_items_and_counts_the_rest():
    assert str(compact_json("[]")) == '<span class="json-list empty" title="[]">–</span>'
    shown = str(compact_json('[{"url": "https://a.example/", "text": "<b>A</b>"}, {"url": "https://b.example/"},'
                             ' "c", "d", "e"]'))
    assert "&lt;b&gt;A&lt;/b&gt;" in shown and "https://b.example/" in shown and "(+2 more)" in shown
    assert "<b>" not in shown
    assert compact_json('{"a": 1}') is None and compact_json("[not json") is None and compact_json(3) is None


def plain_datasette(db: Path, path: str) -> str:
    """``path`` as plain ``datasette DB --metadata archive/browse/metadata.yaml`` serves it, in a
    process of its own (the plugin is registered in this one)."""
    done = subprocess.run([str(Path(sys.executable).parent / "datasette"), str(db), "--metadata", str(METADATA),
                           "--get", path], capture_output=True, text=True, timeout=60, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_descriptions_are_true_under_plain_datasette(archive_db):
    page = plain_datasette(archive_db, "/archive/threads")
    assert "reader-link" not in page and "/-/thread" not in page, "plain Datasette has no reader"
    description = re.search(r'<div class="metadata-description">(.*?)</div>', page, re.DOTALL).group(1)
    assert "Under forum-archiver serve" in description, "the reader is promised only where it is served"
    described = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    texts = [described["description"], *(meta.get("description", "") + meta.get("description_html", "")
                                          for meta in described["databases"]["archive"]["tables"].values())]
    unqualified = [text for text in texts if re.search(r"reader|/-/", text) and "forum-archiver serve" not in text]
    assert unqualified == []
    index = plain_datasette(archive_db, "/")
    assert "canned queries below" not in index
