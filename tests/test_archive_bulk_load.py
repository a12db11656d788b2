"""archive.bulk_load: at a bulk load's end the full-text indexes are built while the reposts are
linked (a thread and a connection of their own: issue 19, replay on both CPUs), and are the indexes
the schema builds in place. The rows and links of a whole replay: ``tests/test_replay_bulk.py``."""

from __future__ import annotations

import shutil
import threading

import sqlite_utils
from test_archive_fts_build import built_in_place, index_tables, unindexed  # noqa: F401 (a fixture)

from archive import bulk_load, fts_build
from archive.repost_links import Linking


def test_the_indexes_are_built_while_the_reposts_are_linked(unindexed, tmp_path, monkeypatch):  # noqa: F811
    in_place = tmp_path / "in_place.db"
    shutil.copy(unindexed, in_place)
    linking, building = threading.Event(), threading.Event()
    rank, link = fts_build.rank_function, Linking.finish

    def rank_once_linking(table):  # called by the build, in its thread, once an index is filled
        building.set()
        linking.wait(10)
        return rank(table)

    def link_once_building(self):
        linking.set()
        assert building.wait(10), "the full-text indexes were not being built while the reposts were linked"
        link(self)

    monkeypatch.setattr(fts_build, "rank_function", rank_once_linking)
    monkeypatch.setattr(Linking, "finish", link_once_building)
    db = sqlite_utils.Database(unindexed)
    bulk_load.finish(db)
    assert not db[bulk_load.MARKER].exists()
    assert db.execute("select count(*) from reposts where group_id is not null").fetchone()[0] == 60
    db.close()
    assert index_tables(unindexed) == built_in_place(in_place)
