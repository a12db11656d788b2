"""Replay: the WARCs alone rebuild the live crawl's database, and replaying again adds nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlite_utils
from warcio.archiveiterator import ArchiveIterator

from archive.database import RUN_METADATA_TABLES
from archive.warc_reader import WarcReadError, iter_responses
from crawler.cli import main as cli


def archive_rows(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every archive table (FTS shadow tables and run metadata aside), sorted."""
    db = sqlite_utils.Database(db_path)
    tables = [t for t in db.table_names() if "_fts" not in t and t not in RUN_METADATA_TABLES]
    return {t: sorted(tuple(row.values()) for row in db[t].rows) for t in tables}


def test_replay_into_an_empty_database_reproduces_the_crawl(sample_crawl, tmp_path, capsys):
    replayed = tmp_path / "replayed.db"
    warcs = sorted(str(p) for p in (sample_crawl / "warc").glob("*.warc.gz"))
    assert cli(["replay", *warcs, "--db", str(replayed)]) == 0
    summary = capsys.readouterr().out
    assert "thread pages:     3 (13 posts)" in summary
    live, again = archive_rows(sample_crawl / "archive.db"), archive_rows(replayed)
    assert set(live) == set(again)
    for table in live:
        assert again[table] == live[table], table
    assert len(live["posts"]) == 13


def test_replaying_twice_adds_nothing(sample_crawl, tmp_path):
    replayed = tmp_path / "twice.db"
    folder = str(sample_crawl / "warc")
    cli(["replay", folder, "--db", str(replayed), "--quiet"])
    first = archive_rows(replayed)
    cli(["replay", folder, "--db", str(replayed), "--quiet"])
    assert archive_rows(replayed) == first


def test_truncated_warc_keeps_what_it_can_and_says_where_it_broke(sample_crawl, tmp_path, capsys):
    source = sorted((sample_crawl / "warc").glob("*.warc.gz"))[0]
    broken = tmp_path / source.name
    shutil.copy(source, broken)
    data = broken.read_bytes()
    # Torn in the middle of the last thread page's record (requisites come in any order around it).
    last_page = max((r for r in iter_responses(source) if r.url.rstrip("/").endswith("page/3")), key=lambda r: r.offset)
    broken.write_bytes(data[: last_page.offset + last_page.length // 2])
    db_path = tmp_path / "partial.db"
    cli(["replay", str(broken), "--db", str(db_path), "--quiet"])
    out = capsys.readouterr().out
    assert "unreadable after offset" in out
    db = sqlite_utils.Database(db_path)
    assert 0 < db["posts"].count < 13


def test_replay_of_a_missing_file_is_a_usage_error(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit) as exit_info:
        cli(["replay", str(tmp_path / "nope.warc.gz"), "--db", str(tmp_path / "x.db")])
    assert exit_info.value.code == 2


def test_progress_reports_records_rate_and_errors(sample_crawl, tmp_path):
    from archive.replay import replay

    lines = []
    stats = replay(sorted(str(p) for p in (sample_crawl / "warc").glob("*.warc.gz")), str(tmp_path / "p.db"),
                   progress=lambda s: lines.append(s.progress_line()), progress_every=1)
    # robots.txt, three thread pages and their 17 requisites (a stylesheet, 16 pictures)
    assert len(lines) == stats.records == 21
    assert lines[-1].startswith("21 records, 3 pages (") and "pages/s), 13 posts, 0 errors" in lines[-1]


def test_a_tear_anywhere_but_between_records_is_reported(sample_crawl, tmp_path):
    """Cut the file at many points, and in each record's last dozen bytes (its closing blank
    lines and gzip trailer, where warcio alone sees a whole record and stops quietly): reading
    says where it broke, unless the cut falls exactly between two records, where every record
    before it is read whole."""
    source = sorted((sample_crawl / "warc").glob("*.warc.gz"))[0]
    data = source.read_bytes()
    starts = [r.offset for r in iter_responses(source)]
    with open(source, "rb") as fh:
        records = ArchiveIterator(fh)
        ends = set()
        for record in records:
            records.read_to_end(record)
            ends.add(records.get_record_offset() + records.get_record_length())
    cuts = sorted(set(range(1, len(data), 149)) | {end - back for end in ends for back in range(0, 13)})
    torn = tmp_path / "torn.warc.gz"
    for cut in cuts:
        torn.write_bytes(data[:cut])
        read = []
        try:
            read.extend(r.offset for r in iter_responses(torn))
        except WarcReadError as exc:
            assert "unreadable after offset" in str(exc)
            assert cut not in ends, cut
            continue
        assert cut in ends or cut == len(data), cut
        assert read == [start for start in starts if start < cut], cut
