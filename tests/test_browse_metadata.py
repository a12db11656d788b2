"""The Datasette metadata: every table and column described, and every canned query runs.

The description check reads a freshly created archive, so a column added to the schema without
a description here fails it. The canned queries run through Datasette itself, on a real crawl
of the sample topic, and their answers are checked against the hand-written expectations.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter

import pytest
import sqlite_utils
import yaml
from conftest import ROOT

from archive.browse.serve import METADATA, METADATA_DATABASE, build, metadata_for
from archive.errors import ensure_errors_table
from archive.database import open_archive

# Described ahead of the schema: full-text search columns that may not be there yet.
MAY_BE_MISSING = {"search_extra"}


def fetch(datasette, path: str):
    async def get():
        await datasette.invoke_startup()
        return await datasette.client.get(path)

    return asyncio.run(get())


@pytest.fixture(scope="module")
def described() -> dict:
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"][METADATA_DATABASE]


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory) -> dict[str, list[str]]:
    db = open_archive(str(tmp_path_factory.mktemp("fresh") / "archive.db"))
    ensure_errors_table(db)
    fts = {name for name in db.table_names() if "_fts" in name}
    return {name: list(db[name].columns_dict) for name in db.table_names() if name not in fts}


def test_every_table_and_column_of_a_fresh_archive_has_a_description(described, fresh_schema):
    tables = described["tables"]
    missing = [f"{table}.{column}" for table, columns in fresh_schema.items() for column in columns
               if not (tables.get(table, {}).get("columns", {}).get(column) or "").strip()]
    undescribed_tables = [table for table in fresh_schema if not (tables.get(table, {}).get("description") or "").strip()]
    assert not undescribed_tables, f"tables without a description: {undescribed_tables}"
    assert not missing, f"columns without a description: {missing}"


def test_nothing_is_described_that_the_schema_does_not_have(described, fresh_schema):
    tables = described["tables"]
    assert set(tables) <= set(fresh_schema), f"described but not in the schema: {set(tables) - set(fresh_schema)}"
    stale = [f"{table}.{column}" for table, meta in tables.items() for column in meta.get("columns", {})
             if column not in fresh_schema[table] and column not in MAY_BE_MISSING]
    assert not stale, f"described columns the schema lacks: {stale}"


def test_labels_facets_and_sort_columns_name_real_columns(described, fresh_schema):
    for table, meta in described["tables"].items():
        named = [meta["label_column"]] if "label_column" in meta else []
        named += meta.get("facets", []) + meta.get("sortable_columns", [])
        assert set(named) <= set(fresh_schema[table]), f"{table}: {set(named) - set(fresh_schema[table])}"
    labelled = {table: meta.get("label_column") for table, meta in described["tables"].items()}
    assert labelled["threads"] == "title" and labelled["authors"] == "name"
    assert "outlet" in described["tables"]["reposts"]["facets"] and "name" in described["tables"]["reactions"]["facets"]


def test_the_metadata_covers_the_tables_docs_database_md_lists(described):
    documented = set(re.findall(r"^\| `(\w+)` \|", (ROOT / "docs" / "database.md").read_text(encoding="utf-8"), re.MULTILINE))
    assert documented, "docs/database.md lists its tables in a Markdown table"
    assert documented == set(described["tables"])


def test_the_database_block_follows_the_served_file_name():
    renamed = metadata_for("rebuilt")["databases"]
    assert set(renamed) == {"rebuilt"} and "posts" in renamed["rebuilt"]["tables"]
    assert set(metadata_for(METADATA_DATABASE)["databases"]) == {METADATA_DATABASE}


@pytest.fixture(scope="module")
def sample_datasette(sample_crawl):
    return build(sample_crawl / "archive.db")


def query(datasette, name: str, **params) -> list[dict]:
    arguments = "".join(f"&{key}={value}" for key, value in params.items())
    response = fetch(datasette, f"/archive/{name}.json?_shape=array{arguments}")
    assert response.status_code == 200, response.text[:2000]
    return response.json()


def test_every_canned_query_runs_on_the_sample_crawl(sample_datasette, described):
    db = sqlite_utils.Database(sample_datasette.files[0])
    thread_id = db.execute("select id from threads").fetchone()[0]
    params = {"thread_timeline": {"thread_id": thread_id}, "author_posts": {"author": "jg1"}}
    for name in described["queries"]:
        rows = query(sample_datasette, name, **params.get(name, {}))
        assert rows, f"canned query {name} returned no rows on the sample crawl"


def test_thread_timeline_lists_the_posts_in_order(sample_datasette, sample_crawl, expected_thread):
    thread_id = sqlite_utils.Database(sample_crawl / "archive.db").execute("select id from threads").fetchone()[0]
    rows = query(sample_datasette, "thread_timeline", thread_id=thread_id)
    assert [(row["position"], row["author_name"]) for row in rows] == \
        [(post["position"], post["author"]["name"]) for post in expected_thread["posts"]]
    assert [row["reactions"] for row in rows] == [sum(post["reactions"].values()) for post in expected_thread["posts"]]


def test_most_reacted_posts_and_who_quotes_whom(sample_datasette, expected_thread):
    top = query(sample_datasette, "most_reacted_posts")[0]
    best = max(expected_thread["posts"], key=lambda post: sum(post["reactions"].values()))
    assert (top["position"], top["author_name"], top["reactions"]) == \
        (best["position"], best["author"]["name"], sum(best["reactions"].values()))

    pairs = Counter()

    def count(quoter: str, quotes: list[dict]) -> None:
        for quote in quotes:
            pairs[(quoter, quote["author"])] += 1
            count(quoter, quote["quotes"])

    for post in expected_thread["posts"]:
        count(post["author"]["name"], post["quotes"])
    rows = query(sample_datasette, "who_quotes_whom")
    assert {(row["quoter"], row["quoted"]): row["quotes"] for row in rows} == dict(pairs)


def test_author_posts_and_reposts_by_outlet(sample_datasette, expected_thread):
    jg1 = [post for post in expected_thread["posts"] if post["author"]["name"] == "jg1"]
    rows = query(sample_datasette, "author_posts", author="jg1")
    assert sorted(row["position"] for row in rows) == sorted(post["position"] for post in jg1)
    outlets = query(sample_datasette, "reposts_by_outlet")
    assert sum(row["reposts"] for row in outlets) == sum(post["news_repost"] for post in expected_thread["posts"])
