"""The first page of a ranked full-text search, quick at millions of rows.

Why: ``ORDER BY rank`` scores every matching row with bm25 before ``LIMIT`` applies, so a word
found in a third of a million posts costs half a second however few results are shown
(docs/performance.md, "Database"). FTS5 walks a query's matches in rowid order without sorting,
so :data:`SEARCH_SQL` takes the ``newest`` matches in one walk (``ORDER BY rowid DESC LIMIT``),
scores only those, and keeps the best: the most relevant among the matches the archive stored
last. A row's rowid grows as rows are stored, so "newest" means archived last (a crawl stores as
it goes, a replay in WARC order), which for a forum crawled as it is written is the order of
posting. ``newest=None`` scores every match, as ``ORDER BY rank`` does; a query with fewer matches
than ``newest`` is ranked whole either way. Scores are bm25 with the index's column weights
(``RANK_WEIGHTS``, the same as its stored ``rank``), so word rarity still counts over the whole
archive.

It orders by ``bm25(...)`` rather than by ``rank``: for ``ORDER BY rank`` FTS5 runs a sort of its
own, which measured about 1.7 times slower than SQLite's top-N sort of the same scores
(docs/search.md, "Options measured and left out").

``forum-archiver search`` runs it (crawler/cli.py).
"""

from __future__ import annotations

import sqlite3

from archive.database import RANK_WEIGHTS

# How many of the newest matches are ranked when a query has more. At a million posts, ranking
# 10,000 matches of a common word takes tens of milliseconds (docs/search.md has the figures).
DEFAULT_NEWEST = 10_000
DEFAULT_LIMIT = 20
SEARCHABLE = tuple(RANK_WEIGHTS)

# :query is FTS5 query syntax; :newest how many of the newest matches are scored (-1: all of them).
# Equal scores come newest first, so a page is the same on every run.
SEARCH_SQL = """select best.rank, {table}.* from (
  select rowid, score as rank from (
    select rowid, {score} as score from {table}_fts where {table}_fts match :query
    order by rowid desc limit :newest
  ) order by score, rowid desc limit :limit offset :offset
) as best join {table} on {table}.rowid = best.rowid
order by best.rank, best.rowid desc"""


def search_sql(table: str) -> str:
    """:data:`SEARCH_SQL` for one of the :data:`SEARCHABLE` tables."""
    if table not in SEARCHABLE:
        raise ValueError(f"no full-text index on {table!r}; searchable: {', '.join(SEARCHABLE)}")
    score = f"bm25({table}_fts, {', '.join(f'{weight:.1f}' for weight in RANK_WEIGHTS[table])})"
    return SEARCH_SQL.format(table=table, score=score)


def search(connection: sqlite3.Connection, query: str, table: str = "posts", limit: int = DEFAULT_LIMIT,
           offset: int = 0, newest: int | None = DEFAULT_NEWEST) -> list[dict]:
    """Rows of ``table`` matching the FTS5 ``query``, best first, each with its ``rank``.

    :param query: FTS5 query syntax (words, ``"a phrase"``, ``prefix*``, ``NEAR``, column filters)
    :param limit: rows returned (one page)
    :param offset: rows skipped, for later pages (still among the same ``newest`` matches)
    :param newest: rank only this many of the matches archived last; None ranks every match
    """
    cursor = connection.execute(search_sql(table), {"query": query, "limit": limit, "offset": offset,
                                                    "newest": -1 if newest is None else max(newest, 1)})
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# What a one-line result shows of each table's row, after its rank: who or what, when, and the text.
SUMMARY = {"posts": ("id", "author_name", "published_at"), "quotes": ("post_id", "quoted_author"),
           "articles": ("url", "title", "published_at"), "reposts": ("post_id", "outlet", "headline")}
SUMMARY_TEXT = 100  # characters of the row's text shown


def render(row: dict, table: str) -> str:
    """One line for a person: rank, the row's summary columns, and the start of its text."""
    text = " ".join((row.get("text") or "").split())
    cells = [f"{row['rank']:.2f}", *(str(row.get(column) or "") for column in SUMMARY[table]), text[:SUMMARY_TEXT]]
    return "  ".join(cells)
