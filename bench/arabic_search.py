"""What plain FTS5 misses on Arabic text, and what the archive's ``search_extra`` forms recover.

Why: the archive indexes extra forms of Arabic words (archive/search.py). This measures the gap
on real text instead of asserting it: the hand-written forum posts of tests/data/arabic_posts.json
(queries and wanted posts listed by hand), and the Arabic news articles the project has (the
sample Asharq Al-Awsat page, and the real LBC page in ../shared when present).

For the articles there is no hand-made gold, so only unambiguous cases are counted: a word made
of a one-letter proclitic (و ف ب ك ل) and the article (ال), or "لل", is the article form with a
prefix, and a reader searching the article form ("العراق" for "والعراق") wants it found; a word
written with vowel marks is wanted by a search for the bare word. Each such occurrence is
searched for, one paragraph per document, in an FTS5 index with and without ``search_extra``.

    .venv/bin/python bench/arabic_search.py
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.search import normalise, search_extra  # noqa: E402
from bench.common import Row, Section  # noqa: E402
from parsers.registry import parse_page  # noqa: E402

POSTS = ROOT / "tests" / "data" / "arabic_posts.json"
ARTICLES = [
    ("sample Asharq Al-Awsat article", ROOT / "crawler/demo_site/pages/aawsat-ar/node/4567890/index.windows-1256.html",
     "https://aawsat.com/node/4567890"),
    ("real LBC article", ROOT.parent / "shared/fixtures/real/news/lbcgroup-898682-2026-01-08.html",
     "https://www.lbcgroup.tv/news/898682"),
]
MARKS = re.compile("[\u064b-\u0652\u0670]")
WORD = re.compile("[\u0621-\u064a\u064b-\u0652\u0670\u0640]+")
PREFIXED_ARTICLE = re.compile("^(?:[وف]?[بكل]|[وف])ال(?=..)|^[وف]?لل(?=..)")


def index(documents: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table plain using fts5(text, tokenize='porter')")
    conn.execute("create virtual table extra using fts5(text, search_extra, tokenize='porter')")
    for rowid, text in enumerate(documents, start=1):
        conn.execute("insert into plain(rowid, text) values (?, ?)", (rowid, text))
        conn.execute("insert into extra(rowid, text, search_extra) values (?, ?, ?)", (rowid, text, search_extra(text)))
    return conn


def found(conn: sqlite3.Connection, table: str, query: str) -> set[int]:
    return {row[0] for row in conn.execute(f"select rowid from {table} where {table} match ?", [f'"{query}"'])}


def wanted_searches(documents: list[str]) -> list[tuple[str, str, int]]:
    """(kind, query, document) for each unambiguous occurrence: a prefixed article form, or a
    vocalised word, and the search a reader would type for it."""
    searches = []
    for rowid, text in enumerate(documents, start=1):
        for word in WORD.findall(text):
            bare = normalise(word)
            if MARKS.search(word):
                searches.append(("vocalised word", bare, rowid))
            if match := PREFIXED_ARTICLE.match(bare):
                stem = bare[match.end():]
                searches.append(("article form with a prefix", "ال" + stem, rowid))
    return searches


def corpus_rows(name: str, documents: list[str]) -> list[Row]:
    conn = index(documents)
    rows = []
    searches = wanted_searches(documents)
    for kind in ("article form with a prefix", "vocalised word"):
        cases = [(query, rowid) for k, query, rowid in searches if k == kind]
        if not cases:
            continue
        plain = sum(rowid in found(conn, "plain", query) for query, rowid in cases)
        extra = sum(rowid in found(conn, "extra", query) for query, rowid in cases)
        rows.append(Row(f"{name}: {kind} ({len(cases)} occurrences)", f"found {extra}/{len(cases)} with search_extra",
                        f"plain FTS5 {plain}/{len(cases)}"))
    return rows


def posts_rows() -> list[Row]:
    data = json.loads(POSTS.read_text(encoding="utf-8"))
    documents = [post["text"] for post in data["posts"]]
    conn = index(documents)
    wanted = plain_hits = extra_hits = extra_all = 0
    for query in data["queries"]:
        expected = {data["posts"].index(post) + 1 for post in data["posts"] if post["id"] in query["expected"]}
        plain, extra = found(conn, "plain", query["query"]), found(conn, "extra", query["query"])
        wanted += len(expected)
        plain_hits += len(plain & expected)
        extra_hits += len(extra & expected)
        extra_all += len(extra)
    return [Row(f"forum posts, {len(data['queries'])} hand-made queries ({wanted} wanted hits)",
                f"recall {extra_hits}/{wanted}, precision {extra_hits}/{extra_all} with search_extra",
                f"plain FTS5 recall {plain_hits}/{wanted}")]


def article_paragraphs(path: Path, url: str) -> list[str]:
    result = parse_page(path.read_bytes(), url, datetime(2026, 1, 8, tzinfo=timezone.utc), content_type="text/html")
    return [block.text for article in result.articles if article.main for block in article.blocks]


def run(quick: bool = False) -> Section:
    section = Section("Arabic full-text search: plain FTS5 against the archive's extra word forms")
    section.rows += posts_rows()
    for name, path, url in ARTICLES:
        if not path.exists():
            section.notes.append(f"{path.name} is absent (../shared not beside the clone): skipped")
            continue
        paragraphs = article_paragraphs(path, url)
        section.rows += corpus_rows(f"{name} ({len(paragraphs)} paragraphs)", paragraphs)
    texts = [p["text"] for p in json.loads(POSTS.read_text(encoding="utf-8"))["posts"]]
    extra_chars = sum(len(search_extra(text) or "") for text in texts)
    section.notes += [
        "A hit counts when the document holding the occurrence is among the results of the search.",
        f"Cost: search_extra adds {extra_chars / sum(map(len, texts)):.0%} to the characters of the forum posts' "
        "text (English text adds nothing).",
    ]
    return section


if __name__ == "__main__":
    print(run("--quick" in sys.argv).markdown())
