"""``forum-archiver merge``: the shards of two crawl workers make the archive a replay of all their
WARC files makes, whatever the order of the shards, once; run metadata arrives once; what cannot
be merged is an error. Two real crawls ("workers" w1 and w2) of a loopback site write one WARC
folder and a shard each; w2 crawls later, after a post of a thread both crawl was edited."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlite_utils
from conftest import run_crawl, serve_pages
from test_replay import archive_rows
from thread_pages import TOPIC, write_thread

from archive.check import check_archive
from archive.merge import merge_shards
from archive.replay import replay, responses_in_capture_order
from crawler.cli import main as cli
from crawler.demo import SAMPLE_TOPIC
from crawler.demo_site.server import PAGES

OTHER = "topic/56-other"
MISSING = "/topic/404-gone/"
BEFORE = [(101, "one"), (102, "two"), (103, "three"), (104, "four"), (105, "five")]
AFTER = [(101, "one"), (102, "two, corrected"), (104, "four"), (105, "five"), (106, "six")]  # 102 edited, 103 gone


@dataclass
class Cluster:
    root: Path
    warc: Path  # both workers' WARC files
    w1: Path  # shard of w1: the sample topic and the history thread as first written
    w2: Path  # shard of w2, crawled later: the history thread edited, another thread, a 404


def worker(name: str, root: Path) -> list[str]:
    """Scrapy settings of one worker: its name in its WARC files, its own shard database."""
    return ["-s", f"ARCHIVE_CRAWL_NAME={name}", "-s", f"ARCHIVE_DB={root / 'shards' / f'{name}.db'}"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Cluster:
    root = tmp_path_factory.mktemp("cluster")
    site = root / "site"
    shutil.copytree(PAGES, site)  # the sample forum, with two threads of our own beside it
    write_thread(site, BEFORE)
    write_thread(site, [(201, "alpha"), (202, "beta"), (203, "gamma"), (204, "delta")], topic=OTHER)
    server = serve_pages(site)
    try:
        history = server.url(f"/{TOPIC}/")
        run_crawl([server.url(SAMPLE_TOPIC), history], root, *worker("w1", root))
        write_thread(site, AFTER)
        run_crawl([history, server.url(f"/{OTHER}/"), server.url(MISSING)], root, *worker("w2", root), lost=True)
    finally:
        server.stop()
    return Cluster(root, root / "warc", root / "shards" / "w1.db", root / "shards" / "w2.db")


def run_metadata(db_path: Path) -> dict[str, list[tuple]]:
    """crawl_runs rows, and crawl_errors rows without their id (each database numbers its own)."""
    db = sqlite_utils.Database(db_path)
    errors = db.execute("select crawl_run_id, url, time, kind, status, detail from crawl_errors").fetchall() \
        if db["crawl_errors"].exists() else []
    return {"crawl_runs": sorted(tuple(row.values()) for row in db["crawl_runs"].rows), "crawl_errors": sorted(errors)}


def merged(cluster: Cluster, path: Path, *shard_lists: list[Path]):
    """Merge each list of shards in turn into ``path``; the last summary."""
    summary = None
    for shards in shard_lists:
        summary = merge_shards(shards, path, cluster.warc)
        assert summary.errors == []
    return summary


def test_the_merged_archive_is_a_replay_of_every_workers_warcs(cluster, tmp_path, capsys):
    names = sorted(p.name for p in cluster.warc.glob("*.warc.gz"))
    assert {name.split("-")[0] for name in names} == {"w1", "w2"}
    target = tmp_path / "archive.db"
    assert cli(["merge", str(cluster.w1.parent), "--db", str(target), "--warc-dir", str(cluster.warc)]) == 0
    summary = capsys.readouterr().out
    assert "merged 2 shard(s)" in summary and "errors:           0" in summary and "late arrivals" not in summary
    replayed = tmp_path / "replayed.db"
    assert cli(["replay", str(cluster.warc), "--db", str(replayed), "--quiet"]) == 0
    assert archive_rows(target) == archive_rows(replayed)
    # Replay goes by capture time, not file after file: w2's (later) files named first change nothing.
    backwards = tmp_path / "backwards.db"
    assert replay([str(cluster.warc / name) for name in reversed(names)], str(backwards)).errors == []
    assert archive_rows(backwards) == archive_rows(replayed)
    db = sqlite_utils.Database(target)
    posts = {row["native_id"]: row for row in db.query("select * from posts")}
    assert {"101", "106", "201", "204"} <= set(posts) and len(posts) == 13 + 6 + 4
    # The post both workers captured: w2's later words win, w1's are its revision, 103 is marked gone.
    assert posts["102"]["text"] == "two, corrected"
    (revision,) = db.query("select * from post_revisions")
    assert (revision["post_id"].split("/")[-1], revision["text"]) == ("102", "two")
    assert [native for native, row in posts.items() if row["deleted_at"]] == ["103"]


def split_by_turns(source: Path, first: Path, second: Path) -> list[str]:
    """Deal the records of one WARC file into two, as two workers crawling at once would write them:
    the warcinfo into both, then each capture (response or revisit) with the records after it into one file in turn.
    Whole gzip members are copied as they are. Returns the record ids of the captures, in order."""
    from warcio.archiveiterator import ArchiveIterator

    data, outputs, order = source.read_bytes(), ([], []), []
    with open(source, "rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            start, kind = records.get_record_offset(), record.rec_type
            record.raw_stream.read()
            records.read_to_end(record)
            member = data[start:start + records.get_record_length()]
            if kind in ("response", "revisit"):
                order.append(record.rec_headers.get_header("WARC-Record-ID"))
            for turn, output in enumerate(outputs):
                if kind == "warcinfo" or turn == max(len(order) - 1, 0) % 2:
                    output.append(member)
    first.write_bytes(b"".join(outputs[0]))
    second.write_bytes(b"".join(outputs[1]))
    return order


def test_files_written_at_the_same_time_are_read_in_capture_order(cluster, tmp_path):
    """What replay and merge read through: records interleaved in time across two files come out
    in capture order, whichever file is named first, each file's records in their file order."""
    source = sorted(cluster.warc.glob("w1-*.warc.gz"))[0]
    odd, even = tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"
    order = split_by_turns(source, odd, even)
    assert len(order) > 10
    for paths in ([odd, even], [even, odd]):
        errors = []
        assert [r.record_id for r in responses_in_capture_order(paths, errors)] == order
        assert errors == []


def test_a_second_merge_adds_nothing(cluster, tmp_path):
    target = tmp_path / "archive.db"
    first = merged(cluster, target, [cluster.w1, cluster.w2])
    rows, metadata = archive_rows(target), run_metadata(target)
    again = merged(cluster, target, [cluster.w1, cluster.w2])
    assert first.merged > 0 and first.runs == 2 and first.crawl_errors > 0
    assert (again.new, again.merged, again.runs, again.crawl_errors, again.late) == (0, 0, 0, 0, 0)
    assert again.listed == first.listed
    assert archive_rows(target) == rows and run_metadata(target) == metadata


def test_the_order_of_the_shards_does_not_matter(cluster, tmp_path):
    """Named in either order, or merged one at a time in the order they were crawled: the same rows."""
    at_once, reversed_args, one_by_one = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    merged(cluster, at_once, [cluster.w1, cluster.w2])
    merged(cluster, reversed_args, [cluster.w2, cluster.w1])
    last = merged(cluster, one_by_one, [cluster.w1], [cluster.w2])
    assert last.late == 0
    for other in (reversed_args, one_by_one):
        assert archive_rows(other) == archive_rows(at_once)
        assert run_metadata(other) == run_metadata(at_once)


def test_a_shard_merged_after_newer_captures_is_counted_as_late(cluster, tmp_path):
    target = tmp_path / "archive.db"
    late = merged(cluster, target, [cluster.w2], [cluster.w1])
    # w1's two pages of the history thread (5 posts, 3 a page) are older than w2's, merged first.
    assert late.late == 2 and len(late.late_threads) == 1
    assert "late arrivals:    2 capture(s) of 1 thread(s)" in late.render()
    assert "`forum-archiver replay`" in late.render()


def test_crawl_errors_and_runs_of_the_shards_arrive_once(cluster, tmp_path):
    target = tmp_path / "archive.db"
    merged(cluster, target, [cluster.w1, cluster.w2], [cluster.w2])
    w1, w2, archive = run_metadata(cluster.w1), run_metadata(cluster.w2), run_metadata(target)
    assert archive["crawl_runs"] == sorted(w1["crawl_runs"] + w2["crawl_runs"])
    assert archive["crawl_errors"] == sorted(w1["crawl_errors"] + w2["crawl_errors"])
    assert [(kind, status) for _, url, _, kind, status, _ in archive["crawl_errors"] if url.endswith(MISSING)] \
        == [("http", 404)]
    assert [error["url"] for error in check_archive(target).open_errors if error["url"].endswith(MISSING)]


def test_a_missing_warc_file_fails_the_merge_and_is_named(cluster, tmp_path, capsys):
    warc = tmp_path / "warc"
    shutil.copytree(cluster.warc, warc)
    gone = sorted(warc.glob("w2-*.warc.gz"))[0]
    gone.unlink()
    target = tmp_path / "archive.db"
    assert cli(["merge", str(cluster.w1), str(cluster.w2), "--db", str(target), "--warc-dir", str(warc)]) == 1
    out = capsys.readouterr().out
    assert f"{gone.name}: no such WARC file in {warc}" in out and "errors:           1" in out
    db = sqlite_utils.Database(target)  # the rest is merged: w1's posts are there
    assert db.execute("select count(*) from posts where native_id in ('101', '102')").fetchone()[0] == 2
    # Once the file is back, merging again fills in what was missing.
    shutil.copy(cluster.warc / gone.name, gone)
    assert cli(["merge", str(cluster.w1), str(cluster.w2), "--db", str(target), "--warc-dir", str(warc)]) == 0
    reference = tmp_path / "reference.db"
    merged(cluster, reference, [cluster.w1, cluster.w2])
    assert archive_rows(target) == archive_rows(reference)


def test_a_record_its_file_lacks_is_an_error(cluster, tmp_path, capsys):
    """A WARC file cut short (here: at its half) loses captures the shard lists: each file says how many."""
    warc = tmp_path / "warc"
    shutil.copytree(cluster.warc, warc)
    torn = sorted(warc.glob("w1-*.warc.gz"))[0]
    torn.write_bytes(torn.read_bytes()[: torn.stat().st_size // 2])
    target = tmp_path / "archive.db"
    assert cli(["merge", str(cluster.w1), str(cluster.w2), "--db", str(target), "--warc-dir", str(warc)]) == 1
    out = capsys.readouterr().out
    (tear,) = [line for line in out.splitlines() if "unreadable after offset" in line]
    (lost,) = [line for line in out.splitlines() if "not found in the file" in line]
    assert torn.name in tear and torn.name in lost and str(cluster.w1) in lost
    assert "errors:           2" in out


def test_a_shard_that_is_not_an_archive_is_refused_before_anything_is_written(cluster, tmp_path, capsys):
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database at all\n" * 100)
    empty = tmp_path / "empty.db"
    sqlite_utils.Database(empty)["other"].insert({"a": 1})
    target = tmp_path / "archive.db"
    for shard in (bogus, empty):
        assert cli(["merge", str(cluster.w1), str(shard), "--db", str(target), "--warc-dir", str(cluster.warc)]) == 1
        assert f"{shard}: not an archive database" in capsys.readouterr().err
    assert not target.exists()
    with pytest.raises(SystemExit) as usage:
        cli(["merge", str(tmp_path / "nope.db"), "--db", str(target), "--warc-dir", str(cluster.warc)])
    assert usage.value.code == 2
