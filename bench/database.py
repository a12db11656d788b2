"""Database speed: posts/s written through the archive's store, and full-text query latency at
one million posts.

Why: every crawled or replayed page ends in ``archive.store.store_capture``, and people search
the archive with FTS5 ``MATCH``; both must hold up as the archive grows to millions of posts.

- **Writes**: ``store_capture`` of parsed pages (``bench/warcs.py`` pages of 25 posts, parsed
  before timing) into a fresh archive, one transaction a capture as the live crawl writes them.
  Baseline, same run, same posts: sqlite-utils ``insert_all`` of the same post rows into a plain
  ``posts`` table of a fresh file (no indexes, no full-text index, no foreign keys), in one call:
  what SQLite and sqlite-utils cost with none of the archive's work (authors, threads, quotes,
  reactions, reposts and their shingles, full-text indexes, a commit a page).
- **Search**: typical queries of 10 to 375,000 hits (a common word, two words, a phrase, a rare
  word, a prefix, an Arabic word, a phrase with a rare word) for their first page of 20 results,
  as ``forum-archiver search`` runs them (``archive/search_query.py``: the most relevant among the
  newest ``DEFAULT_NEWEST`` matches), against an archive of 1,000,000 generated posts (English
  news-like prose with some Arabic, drawn from the words of the sample pages with a Zipf-like
  frequency) and one of the first 10,000 of those posts. Baseline, same run, in turns: the query
  that ranks every match (``posts_fts MATCH ? ... ORDER BY rank LIMIT 20`` joined to ``posts``,
  what ``sqlite-utils search`` does). One ``LIKE`` scan at 1M is shown for context. The 1M-post
  archive is built once (schema from ``open_archive``, rows inserted in bulk through the same
  full-text triggers), cached under ``bench/.cache/``, and brought to the current schema (its
  ``rank`` option) by ``open_archive`` before timing.

    .venv/bin/python bench/database.py [--quick] [--search-only]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import sqlite_utils
from common import Measure, Row, Section, in_turns, ratio, verdict
from parse import CONTENT_TYPE
from warcs import PageMaker, page_place, thread_url

from archive.search import search_extra
from archive.database import open_archive
from archive.search_query import DEFAULT_LIMIT, DEFAULT_NEWEST, search_sql
from archive.store import store_capture
from parsers.registry import parse_page

VERSION = 2  # bump when the generated posts change
CACHE = BENCH / ".cache" / "db"
WRITE_PAGES, QUICK_WRITE_PAGES = 200, 40
BIG, SMALL, QUICK_BIG = 1_000_000, 10_000, 100_000
QUERY_RUNS, QUICK_QUERY_RUNS = 20, 5
PAGES = BENCH.parent / "crawler" / "demo_site" / "pages"
QUERIES = {
    "common word": "minister",
    "two words": "iraqi government",
    "phrase": '"prime minister"',
    "rare word": "reprimanded",
    "prefix": "drone*",
    "Arabic word": "العراق",
    "few hits": '"prime minister" reprimanded',
}
NEWEST_TRIED = (20, 1_000, 5_000, 10_000, 50_000)  # how many newest matches are ranked, for the trade-off row
RARE = QUERIES["rare word"]
RANK_ALL = """select posts.id, posts.author_name, substr(posts.text, 1, 80) from posts_fts
            join posts on posts.rowid = posts_fts.rowid where posts_fts match ? order by rank limit 20"""
COUNT_MATCH = "select count(*) from posts_fts where posts_fts match ?"
COUNT_LIKE = "select count(*) from posts where text like ?"
NEWEST = """select posts.id, posts.author_name, substr(posts.text, 1, 80) from posts_fts
            join posts on posts.rowid = posts_fts.rowid where posts_fts match ? order by posts_fts.rowid desc limit 20"""
# The two passes over the index that a bm25-ranked first page of a phrase cannot skip: finding its
# newest matches, and bm25's own count of the rows holding the phrase (its document frequency, which
# FTS5 gets by running the phrase over the whole index once a query).
NEWEST_MATCHES = "select rowid from posts_fts where posts_fts match :query order by rowid desc limit :newest"
WHEN = datetime(2026, 1, 1, tzinfo=timezone.utc)


# --- writes ------------------------------------------------------------------------------------

def parsed_pages(pages: int) -> list[tuple[dict, object]]:
    """(capture row, parse result) of ``pages`` generated pages, parsed once, before timing."""
    maker, done = PageMaker(25), []
    for index in range(pages):
        thread_id, page = page_place(index)
        url = thread_url(thread_id, page)
        when = (WHEN + timedelta(seconds=index)).isoformat(timespec="microseconds")
        capture = {"id": f"<urn:uuid:bench-{index}>", "url": url, "status": 200, "captured_at": when,
                   "content_type": CONTENT_TYPE}
        done.append((capture, parse_page(maker.body(index), url, WHEN + timedelta(seconds=index),
                                         content_type=CONTENT_TYPE)))
    return done


def store_rate(pages: list) -> float:
    """Posts/s of ``store_capture`` into a fresh archive file."""
    folder = tempfile.mkdtemp(prefix="bench-db-")
    try:
        db = open_archive(os.path.join(folder, "archive.db"))
        start = time.perf_counter()
        for capture, result in pages:
            store_capture(db, capture, result)
        elapsed = time.perf_counter() - start
        db.close()
        return sum(len(result.posts) for _, result in pages) / elapsed
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def plain_rate(rows: list[dict]) -> float:
    """Posts/s of sqlite-utils ``insert_all`` of the same rows into a table with no index or FTS."""
    folder = tempfile.mkdtemp(prefix="bench-db-")
    try:
        db = sqlite_utils.Database(os.path.join(folder, "plain.db"))
        start = time.perf_counter()
        db["posts"].insert_all(rows, pk="id")
        elapsed = time.perf_counter() - start
        db.close()
        return len(rows) / elapsed
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def post_rows(pages: list) -> list[dict]:
    """The posts of the parsed pages as plain rows (the columns the archive stores for a post)."""
    return [{"id": f"{capture['url']}#{post.post_id}", "native_id": post.post_id, "author_name": post.author.name,
             "position": post.position, "url": post.url, "published_at": str(post.published_at),
             "text": post.text, "html": post.html, "capture_id": capture["id"], "captured_at": capture["captured_at"]}
            for capture, result in pages for post in result.posts]


def writes(pages: int, runs: int) -> tuple[list[Row], list[str]]:
    parsed = parsed_pages(pages)
    rows = post_rows(parsed)
    measures = in_turns({"store": lambda: store_rate(parsed), "plain": lambda: plain_rate(rows)},
                        runs=runs, unit="posts/s")
    store, plain = measures["store"], measures["plain"]
    reposts = sum(len(post.embeds) for _, result in parsed for post in result.posts)
    return [Row("posts/s written by store_capture (fresh archive, a commit a page)", store.text(),
                "sqlite-utils insert_all, plain table: " + plain.text(), ratio(store, plain))], [
        (f"Writes: {pages} parsed pages of 25 posts ({len(rows):,} posts, {reposts:,} pasted articles, each "
         f"stored as a repost with its shingles and linked), in turns with the baseline, one warm-up run, "
         f"median of {runs}.")]


# --- search ------------------------------------------------------------------------------------

def vocabulary() -> tuple[list[str], list[str]]:
    """English and Arabic words of the sample pages (the forum topic and the news pages)."""
    english, arabic = [], []
    for path in sorted(PAGES.rglob("*.html")):
        raw = path.read_bytes()  # stored as UTF-8 (the sample server encodes windows-1256 pages itself)
        text = raw.decode("utf-8", "replace")
        text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", text, flags=re.DOTALL)
        english += re.findall(r"\b[A-Za-z][a-z]{1,14}\b", text)
        arabic += re.findall("[\u0621-\u064a]{2,}", text)
    return english, arabic


def generated_posts(count: int, seed: int = 1):
    """``count`` posts of 20 to 150 words, mostly English, one in ten with an Arabic passage."""
    english, arabic = vocabulary()
    rng = random.Random(seed)
    words_en, weights_en = _zipf(english)
    words_ar, weights_ar = _zipf(arabic)
    authors = [f"member{n}" for n in range(2000)]
    for n in range(count):
        words = rng.choices(words_en, weights_en, k=rng.randint(20, 150))
        if n % 10 == 0:
            words += rng.choices(words_ar, weights_ar, k=rng.randint(10, 60))
        text = " ".join(words).capitalize() + "."
        yield (f"bench/{n}", "bench", str(n), f"bench/t{n // 25}", rng.choice(authors), n % 25 + 1, text,
               search_extra(text), (WHEN + timedelta(minutes=n)).isoformat())


def _zipf(words: list[str]) -> tuple[list[str], list[float]]:
    """Distinct words, most frequent first, weighted 1/rank."""
    counts: dict[str, int] = {}
    for word in words:
        counts[word.lower()] = counts.get(word.lower(), 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return ranked, [1 / rank for rank in range(1, len(ranked) + 1)]


def search_archive(posts: int) -> Path:
    """An archive of ``posts`` generated posts (one thread a 25 posts), built once and cached."""
    path = CACHE / f"v{VERSION}-{posts}posts.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    db = open_archive(str(partial))
    db.execute("PRAGMA synchronous=OFF")  # a cache file, rebuilt if a crash leaves it half made
    db.conn.execute("BEGIN")
    db.execute("insert into sites (id, engine) values ('bench', 'ips')")
    db.conn.executemany("insert into threads (id, site_id, native_id) values (?, 'bench', ?)",
                        [(f"bench/t{t}", str(t)) for t in range((posts + 24) // 25)])
    db.conn.executemany(
        "insert into posts (id, site_id, native_id, thread_id, author_name, position, text, search_extra, "
        "published_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", generated_posts(posts))
    db.conn.execute("COMMIT")
    db.execute("PRAGMA optimize")
    db.close()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    print(f"bench: built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def latency(db: sqlite3.Connection, sql: str, params) -> float:
    """Milliseconds of one query, rows fetched."""
    start = time.perf_counter()
    db.execute(sql, params).fetchall()
    return (time.perf_counter() - start) * 1000


def first_page(query: str, newest: int = DEFAULT_NEWEST) -> dict:
    """Parameters of ``search_sql("posts")`` for the first page, as ``forum-archiver search`` sends them."""
    return {"query": query, "limit": DEFAULT_LIMIT, "offset": 0, "newest": newest}


def current_schema(path: Path) -> Path:
    """The cached archive, brought to the current schema (the full-text ``rank`` option) as a user's
    archive is when ``open_archive`` opens it."""
    open_archive(str(path)).close()
    return path


def search(big: int, runs: int) -> tuple[list[Row], list[str]]:
    small_db = sqlite3.connect(current_schema(search_archive(SMALL)))
    big_db = sqlite3.connect(current_schema(search_archive(big)))
    sql = search_sql("posts")
    rows, pooled, ranked_all = [], {"big": [], "big_all": [], "small": [], "small_all": []}, {}
    for name, query in QUERIES.items():
        measures = in_turns({
            "big": lambda query=query: latency(big_db, sql, first_page(query)),
            "big_all": lambda query=query: latency(big_db, RANK_ALL, [query]),
            "small": lambda query=query: latency(small_db, sql, first_page(query)),
            "small_all": lambda query=query: latency(small_db, RANK_ALL, [query]),
        }, runs=runs, unit="ms")
        for key, measure in measures.items():
            pooled[key] += measure.values
        ranked_all[query] = measures["big_all"]
        hits = big_db.execute(COUNT_MATCH, [query]).fetchone()[0]
        rows.append(Row(f"search `{query}` ({name}, {hits:,} hits at {big:,}): first page, median / p95 ms",
                        f"{_both(measures['big'])} ({SMALL:,} posts: {_both(measures['small'])})",
                        f"every match ranked: {_both(measures['big_all'])} ({SMALL:,} posts: "
                        f"{_both(measures['small_all'])})", ratio(measures["big"], measures["big_all"])))
    p95 = _p95(pooled["big"])
    rows.append(Row(f"all searches at {big:,} posts, first page: median / p95 ms",
                    f"{_both(Measure(pooled['big']))} ({SMALL:,} posts: {_both(Measure(pooled['small']))})",
                    f"every match ranked: {_both(Measure(pooled['big_all']))} ({SMALL:,} posts: "
                    f"{_both(Measure(pooled['small_all']))})", Measure([p95 / _p95(pooled["big_all"])], "×"),
                    "p95 ≤ 50 ms", verdict(p95, 50, higher_is_better=False)))
    common = QUERIES["common word"]
    tried = in_turns({f"{n:,}": lambda n=n: latency(big_db, sql, first_page(common, n)) for n in NEWEST_TRIED},
                     runs=5, unit="ms")
    rows.append(Row(f"search `{common}` at {big:,} posts, first page, by how many newest matches are ranked",
                    ", ".join(f"{n}: {m.median:.1f} ms" for n, m in tried.items()),
                    f"every match: {ranked_all[common].median:.0f} ms"))
    like = Measure([latency(big_db, COUNT_LIKE, [f"%{RARE}%"]) for _ in range(3)], "ms")
    fts = Measure([latency(big_db, COUNT_MATCH, [RARE]) for _ in range(3)], "ms")
    rows.append(Row(f"count the posts with `{RARE}` at {big:,} posts: FTS5 MATCH", fts.text(2),
                    f"LIKE '%{RARE}%' scan of every post: " + like.text(0), ratio(fts, like)))
    rows.append(phrase_floor(big_db, big, runs))
    newest = Measure([latency(big_db, NEWEST, [common]) for _ in range(5)], "ms")
    rows.append(Row(f"search `{common}` at {big:,} posts, newest 20 (ORDER BY rowid DESC)", newest.text(2)))
    size = os.path.getsize(search_archive(big)) / 1e9
    return rows, [("Ranking every match costs time in proportion to the hits, not to the archive: ORDER BY "
                   "rank scores every matching post (bm25) before LIMIT 20 applies (SQLite already lets FTS5 "
                   "sort before the join, so taking the top 20 from posts_fts first changes nothing). The "
                   f"first page scores only the newest {DEFAULT_NEWEST:,} matches, taken in one walk of the "
                   "index in rowid order (ORDER BY rowid DESC LIMIT), and sorts their bm25 with SQLite's "
                   "top-N sort instead of FTS5's rank sorter. What is left grows with the hits: bm25 counts "
                   "each phrase's matches over the whole archive once a query, and a phrase or a prefix "
                   "walks every candidate row to find its matches. The phrase's two passes, each timed alone (the row "
                   "'its two passes over the index'), are the floor of its first page while the ranking is "
                   "bm25's: the pooled p95 misses its target on that query only. A word-pair index (a token "
                   "for each pair of adjacent words, which a phrase of two words would match as one token) "
                   "would cut both passes, at the cost of roughly doubling the index; it is not built."),
                  (f"Search: each query {runs} times in turns (first page and every-match ranking, at both "
                   f"sizes) after a warm-up; the pooled row takes every run of every query, and its ratio is "
                   f"of the p95s. The {big:,}-post archive is {size:.1f} GB; SQLite {sqlite3.sqlite_version}.")]


def phrase_floor(big_db: sqlite3.Connection, big: int, runs: int) -> Row:
    """The least a bm25-ranked first page of the phrase query can cost here: its two unavoidable
    passes over the index, each timed alone, against the whole first page timed in turns with them.

    Why: the phrase is the query that misses the p95 target. Its words are each in a third of the
    generated posts, so both passes read two long position lists; no query shape, limit or column
    weighting removes either pass while the ranking stays bm25's."""
    phrase = QUERIES["phrase"]
    measured = in_turns({
        "walk": lambda: latency(big_db, NEWEST_MATCHES, {"query": phrase, "newest": DEFAULT_NEWEST}),
        "count": lambda: latency(big_db, COUNT_MATCH, [phrase]),
        "page": lambda: latency(big_db, search_sql("posts"), first_page(phrase)),
    }, runs=runs, unit="ms")
    walk, count, page = (measured[key].median for key in ("walk", "count", "page"))
    return Row(f"search `{phrase}` at {big:,} posts, first page: its two passes over the index, each alone",
               f"newest matches found, unscored: {walk:.1f} ms + bm25's count of the phrase's rows: "
               f"{count:.1f} ms = {walk + count:.1f} ms",
               f"the first page: {page:.1f} ms", Measure([(walk + count) / page], "×"))


def _both(measure: Measure) -> str:
    return f"{measure.median:.2f} / {_p95(measure.values):.2f} ms"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(quick: bool = False, search_only: bool = False) -> Section:
    rows, notes = ([], []) if search_only else writes(QUICK_WRITE_PAGES if quick else WRITE_PAGES, 2 if quick else 5)
    search_rows, search_notes = search(QUICK_BIG if quick else BIG, QUICK_QUERY_RUNS if quick else QUERY_RUNS)
    return Section("Database", rows + search_rows, notes + search_notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer pages and runs, 100k posts: for trying the bench")
    parser.add_argument("--search-only", action="store_true", help="leave out the write measurements")
    args = parser.parse_args(argv)
    print(run(args.quick, args.search_only).markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
