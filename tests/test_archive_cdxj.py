"""archive/cdxj.py: the replay index leaves a 304 to its replay copy, and keeps everything else.

The lines are written here by hand, in the form cdxj_indexer writes (urlkey, 14-digit timestamp,
JSON); the real index of a re-crawl is checked through pywb and ReplayWeb.page in
tests/test_replay_recrawl_pywb.py and tests/test_wacz_replayweb.py.
"""

from __future__ import annotations

import json

from archive.cdxj import without_copied_not_modified


def line(key: str, ts: str, **fields) -> str:
    return f"{key} {ts} {json.dumps(fields)}\n"


PAGE = "http://forum.example/t/1"
FIRST = line("example,forum)/t/1", "20240501120000", url=PAGE, mime="text/html", status="200")
NOT_MODIFIED = line("example,forum)/t/1", "20240601120000", url=PAGE, mime="warc/revisit", status="304")
COPY = line("example,forum)/t/1", "20240601120000", url=PAGE, mime="warc/revisit", status="200")
LONE_304 = line("example,forum)/t/2", "20240601120000", url="http://forum.example/t/2", mime="warc/revisit",
                status="304")


def test_a_304_with_its_copy_is_left_out():
    assert without_copied_not_modified([FIRST, COPY, NOT_MODIFIED]) == [FIRST, COPY]


def test_a_304_without_a_copy_stays_listed():
    assert without_copied_not_modified([FIRST, NOT_MODIFIED, LONE_304]) == [FIRST, NOT_MODIFIED, LONE_304]


def test_a_copy_at_another_second_does_not_hide_the_304():
    later = COPY.replace("20240601120000", "20240601120001")
    assert without_copied_not_modified([NOT_MODIFIED, later]) == [NOT_MODIFIED, later]
