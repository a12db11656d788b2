"""Fast replay (parse workers, bulk load of an empty archive) gives the rows of a record-by-record
replay, full-text indexes and repost links included; a bulk load cut short is finished by the
next replay; a parse worker that dies costs no record."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils
from conftest import ROOT
from test_archive_reposts import NEWS_PATH, PAGES, forum_page
from test_replay import archive_rows

from archive.bulk_load import MARKER
from archive.check import check_archive
from archive.database import FULL_TEXT
from archive.parse_pool import Parser
from archive.replay import replay
from archive.warc_reader import iter_responses
from archive.warc_writer import RotatingWarcWriter
from parsers.registry import parse_page

sys.path.insert(0, str(ROOT / "bench"))
import warcs

WHEN = datetime(2024, 7, 28, 21, 0, tzinfo=timezone.utc)
BASE = "http://x"


@pytest.fixture(scope="module")
def news_warc(tmp_path_factory) -> list[str]:
    """A news article, two threads reposting it (one page captured twice, a post edited between),
    the article captured again: reposts linked and grouped, a revision, articles replaced."""
    html = (PAGES / NEWS_PATH.strip("/") / "index.html").read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE)
    article = next(a for a in parse_page(html.encode(), BASE + NEWS_PATH, WHEN, content_type="text/html",
                                         engine="news").articles if a.main)
    first = forum_page(article, 1, 100)
    edited = first.replace(b"who knows what really happened", b"who knows what happened, really")
    folder = tmp_path_factory.mktemp("news") / "warc"
    ticks, ids = iter(range(10**6)), iter(range(10**6))
    writer = RotatingWarcWriter(folder, "news", clock=lambda: WHEN + timedelta(minutes=next(ticks)),
                                make_id=lambda: f"<urn:uuid:{uuid.UUID(int=10**9 + next(ids))}>")
    try:
        for url, body in [("https://board.example/topic/1-news/", first), (BASE + NEWS_PATH, html.encode()),
                          ("https://board.example/topic/2-news/", forum_page(article, 2, 200)),
                          ("https://board.example/topic/1-news/", edited), (BASE + NEWS_PATH, html.encode())]:
            writer.write_exchange(warcs.exchange(url, body))
    finally:
        writer.close()
    return sorted(str(p) for p in folder.glob("*.warc.gz"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("generated") / "warc"
    warcs.build(folder, 24, 4, max_size=150_000)  # several files; pasted articles reposted across pages
    return sorted(str(p) for p in folder.glob("*.warc.gz"))


def full_text_rows(db_path: Path) -> dict[str, list]:
    """For every full-text index, which rows each of a set of its words finds (through MATCH),
    after FTS5's own check that the index agrees with its table; and the indexes' definitions."""
    db = sqlite_utils.Database(db_path)
    found = {}
    for table in FULL_TEXT:
        fts = db[table].detect_fts()
        db.execute(f"insert into [{fts}] ([{fts}], rank) values ('integrity-check', 1)")
        words = sorted({word for (text,) in db.execute(f"select text from [{table}] order by rowid limit 40")
                        for word in (text or "").split() if word.isalpha()})[:60]
        found[table] = [(word, db.execute(f"select t.id from [{table}] t join [{fts}] f on f.rowid = t.rowid "
                                          f"where [{fts}] match ? order by t.id", [f'"{word}"']).fetchall())
                        for word in words]
        assert any(rows for _, rows in found[table]) or not words, table
    # The same index, triggers and ranking as the schema makes them.
    found["schema"] = sorted(db.execute("select type, name, sql from sqlite_master where name like '%fts%' "
                                        "or type = 'trigger'").fetchall())
    found["config"] = {table: db.execute(f"select * from [{table}_fts_config] order by k").fetchall()
                       for table in FULL_TEXT}
    return found


def test_fast_replay_gives_the_rows_of_a_replay_record_by_record(generated, news_warc, sample_crawl, tmp_path):
    paths = [*generated, *news_warc, *sorted(str(p) for p in (sample_crawl / "warc").glob("*.warc.gz"))]
    fast = replay(paths, str(tmp_path / "fast.db"), jobs=2)
    slow = replay(paths, str(tmp_path / "slow.db"), jobs=1, bulk=False)
    assert (fast.records, fast.pages, fast.posts, fast.errors) == (slow.records, slow.pages, slow.posts, slow.errors)
    rows = archive_rows(tmp_path / "fast.db")
    assert rows == archive_rows(tmp_path / "slow.db")
    assert MARKER not in rows
    linked = sqlite_utils.Database(tmp_path / "fast.db").execute(
        "select count(*), count(article_id), count(distinct group_id) from reposts").fetchone()
    assert linked[0] > linked[2] > 1 and linked[1] >= 4  # reposts grouped, and linked to the article
    assert len(rows["post_revisions"]) >= 1
    assert full_text_rows(tmp_path / "fast.db") == full_text_rows(tmp_path / "slow.db")


KILLED_REPLAY = """
import os, signal, sys
from archive.replay import replay

def progress(stats):
    if stats.records == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)

replay(sys.argv[3:], sys.argv[1], batch_size=5, progress=progress, progress_every=1, jobs=2)
"""


def test_a_bulk_load_cut_short_is_finished_by_the_next_replay(generated, news_warc, tmp_path):
    paths = [*generated, *news_warc]
    db_path = tmp_path / "killed.db"
    done = subprocess.run([sys.executable, "-c", KILLED_REPLAY, str(db_path), "20", *paths],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == -9, done.stderr
    db = sqlite_utils.Database(db_path)
    assert db[MARKER].exists() and 0 < db["captures"].count < 20
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    # `forum-archiver check` says so until the next replay, and not after it.
    unfinished = check_archive(db_path)
    assert unfinished.unfinished_bulk_load and not unfinished.complete
    assert "UNFINISHED REPLAY" in unfinished.render()

    stats = replay(paths, str(db_path), jobs=2)
    assert stats.errors == []
    assert not check_archive(db_path).unfinished_bulk_load
    clean = tmp_path / "clean.db"
    replay(paths, str(clean), jobs=1, bulk=False)
    assert archive_rows(db_path) == archive_rows(clean)
    assert full_text_rows(db_path) == full_text_rows(clean)


def dies_on_page_two(response, engine):
    """A parse that kills its worker process on the second generated page, as a crash in a C
    library would (module-level: the workers receive it by name)."""
    if response.url.rstrip("/").endswith("page/2"):
        os._exit(3)
    from archive.ingest import parse_response
    return parse_response(response, engine)


def test_a_parse_worker_that_dies_costs_no_record(generated):
    responses = [r for path in generated for r in iter_responses(path)][:8]
    with Parser(None, jobs=2, parse=dies_on_page_two) as parser:
        results = list(parser.parsed(responses))
    assert [item.record_id for item, _ in results] == [r.record_id for r in responses]
    dead = [(item.url, result) for item, result in results if result.kind == "unsupported"]
    assert len(dead) == 1 and dead[0][0].rstrip("/").endswith("page/2")
    assert "worker process died" in dead[0][1].reason
    assert len(parser.worker_deaths) == 1 and "page/2" in parser.worker_deaths[0]
    assert all(result.kind == "thread_page" for item, result in results if item.url != dead[0][0])
