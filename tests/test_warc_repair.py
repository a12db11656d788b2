"""``forum-archiver warc repair``: a torn WARC (crash mid-write) is cut after its last whole record."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from warcio.archiveiterator import ArchiveIterator

from archive.warc_repair import repair
from crawler.cli import main as cli


def warcio_check(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *map(str, paths)],
                          capture_output=True, text=True)


def record_ends(path: Path) -> list[int]:
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        ends = []
        for record in records:
            records.read_to_end(record)
            ends.append(records.get_record_offset() + records.get_record_length())
        return ends


@pytest.fixture
def crawl_warc(sample_crawl) -> Path:
    (path,) = sorted((sample_crawl / "warc").glob("*.warc.gz"))
    return path


def torn_copy(source: Path, folder: Path, keep: float) -> Path:
    torn = folder / source.name
    data = source.read_bytes()
    torn.write_bytes(data[: int(len(data) * keep)])
    return torn


def test_repair_cuts_a_torn_tail_and_the_rest_replays(crawl_warc, tmp_path, capsys):
    from archive.warc_reader import iter_responses

    # Torn in the middle of the last thread page's record (its pictures come in any order around it).
    last_page = max((r for r in iter_responses(crawl_warc) if r.url.rstrip("/").endswith("page/3")),
                    key=lambda r: r.offset)
    torn = torn_copy(crawl_warc, tmp_path, (last_page.offset + last_page.length // 2) / crawl_warc.stat().st_size)
    repaired = tmp_path / "repaired" / crawl_warc.name
    repaired.parent.mkdir()
    assert cli(["warc", "repair", str(torn), "--out", str(repaired)]) == 0
    out = capsys.readouterr().out
    ends = record_ends(crawl_warc)
    kept = max(end for end in ends if end <= torn.stat().st_size)
    assert f"cut {torn.stat().st_size - kept} bytes of torn tail after offset {kept}" in out
    assert repaired.read_bytes() == crawl_warc.read_bytes()[:kept]
    assert record_ends(repaired) == [end for end in ends if end <= kept]  # every record reads to its end
    done = warcio_check(repaired)
    assert done.returncode == 0, done.stdout + done.stderr

    # Replay of the repaired file: no error, and the same rows as replay of the torn one stored.
    assert cli(["replay", str(repaired), "--db", str(tmp_path / "repaired.db"), "--quiet"]) == 0
    assert "errors:           0" in capsys.readouterr().out
    cli(["replay", str(torn), "--db", str(tmp_path / "torn.db"), "--quiet"])
    assert "unreadable after offset" in capsys.readouterr().out
    posts = sqlite_utils.Database(tmp_path / "repaired.db")["posts"].count
    assert 0 < posts < 13
    assert sqlite_utils.Database(tmp_path / "torn.db")["posts"].count == posts


def test_repair_in_place_and_a_tear_inside_the_gzip_trailer(crawl_warc, tmp_path, capsys):
    torn = tmp_path / crawl_warc.name
    data = crawl_warc.read_bytes()
    torn.write_bytes(data[:-3])  # the last member lost part of its CRC/size trailer
    ends = record_ends(crawl_warc)
    assert cli(["warc", "repair", str(torn)]) == 0
    assert torn.read_bytes() == data[: ends[-2]]
    assert "cut" in capsys.readouterr().out
    assert warcio_check(torn).returncode == 0


def test_an_intact_file_is_left_as_it_is(crawl_warc, tmp_path):
    copy = tmp_path / crawl_warc.name
    shutil.copy(crawl_warc, copy)
    result = repair(copy)
    assert result.cut == 0 and result.records == len(record_ends(crawl_warc))
    assert copy.read_bytes() == crawl_warc.read_bytes()
    assert "nothing cut" in result.summary()


def test_garbage_after_the_last_record_is_cut(crawl_warc, tmp_path):
    torn = tmp_path / crawl_warc.name
    torn.write_bytes(crawl_warc.read_bytes() + b"\x1f\x8b\x08\x00partial")
    result = repair(torn)
    assert torn.read_bytes() == crawl_warc.read_bytes() and result.cut == 11
    assert warcio_check(torn).returncode == 0
