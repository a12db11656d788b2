"""History across re-crawls: edited posts keep their old words, deleted posts are marked, never
removed, and a thread that answers 404 is marked vanished. Two real crawls of a loopback server
whose pages change between them, and a replay of both crawls' WARCs."""

from __future__ import annotations

import shutil

import sqlite_utils
from conftest import run_crawl, serve_pages, warc_uris
from test_replay import archive_rows
from thread_pages import TOPIC, write_thread

from crawler.cli import main as cli

def test_edits_deletions_and_vanished_threads_are_history(tmp_path):
    site, out = tmp_path / "site", tmp_path / "out"
    first = [(101, "one"), (102, "two"), (103, "three"), (104, "four"), (105, "five")]
    write_thread(site, first)
    server = serve_pages(site)
    try:
        url = server.url(f"/{TOPIC}/")
        run_crawl([url], out)
        # Between the runs: post 102 is edited, post 103 deleted, post 106 added.
        write_thread(site, [(101, "one"), (102, "two, corrected"), (104, "four"), (105, "five"), (106, "six")])
        run_crawl([url], out, "-a", "full=1")  # the edit is on page 1: read every page again
        shutil.rmtree(site / TOPIC)  # and then the thread vanishes: asked for and not there
        run_crawl([url], out, lost=True)
    finally:
        server.stop()
    db = sqlite_utils.Database(out / "archive.db")
    posts = {row["native_id"]: row for row in db.query("select * from posts")}
    assert set(posts) == {"101", "102", "103", "104", "105", "106"}  # nothing removed
    assert posts["102"]["text"] == "two, corrected"
    (revision,) = list(db.query("select * from post_revisions"))
    assert (revision["post_id"].split("/")[-1], revision["text"]) == ("102", "two")
    assert revision["captured_at"] < revision["replaced_at"]
    assert posts["103"]["deleted_at"] is not None
    assert [p for p, row in posts.items() if row["deleted_at"]] == ["103"]
    assert db.execute("select vanished_at from threads").fetchone()[0] is not None
    replayed = tmp_path / "replayed.db"
    assert cli(["replay", str(out / "warc"), "--db", str(replayed), "--quiet"]) == 0
    assert archive_rows(replayed) == archive_rows(out / "archive.db")


def test_a_default_recrawl_reads_only_the_pages_that_can_have_changed(tmp_path):
    """Posts are added at the end: a plain re-crawl reads the last known page and any new one,
    and still keeps the edit and marks the deletion made there."""
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(101, "one"), (102, "two"), (103, "three"), (104, "four"), (105, "five")])
    server = serve_pages(site)
    try:
        url = server.url(f"/{TOPIC}/")
        run_crawl([url], out)
        first_files = {p.name for p in (out / "warc").glob("*.warc.gz")}
        # Post 104 edited, 105 deleted, 106 and 107 added: only page 2 (and no page 3) changes.
        write_thread(site, [(101, "one"), (102, "two"), (103, "three"), (104, "four, edited"), (106, "six"),
                            (107, "seven")])
        run_crawl([url], out)
    finally:
        server.stop()
    asked = [uri for uri in warc_uris(out / "warc", "request", skip=first_files) if "/topic/" in uri]
    assert asked == [server.url(f"/{TOPIC}/page/2/")]
    db = sqlite_utils.Database(out / "archive.db")
    posts = {row["native_id"]: row for row in db.query("select * from posts")}
    assert set(posts) == {"101", "102", "103", "104", "105", "106", "107"}
    assert posts["104"]["text"] == "four, edited"
    assert [r["text"] for r in db.query("select text from post_revisions")] == ["four"]
    assert [p for p, row in posts.items() if row["deleted_at"]] == ["105"]
