"""Faults found by checking real thread pages saved in public web-content-extraction and
web-archive corpora (boilerplate-removal benchmarks, offline mirrors), each reproduced by a small
hand-written page in tests/data/field_<engine>/ (invented names and words; each file's header says
which kind of board and engine version it imitates). Every expected value was written by hand
from the fixture.

Why: such corpora keep pages as a reader saw them (mirrored, or saved from a browser), not as a
crawler of this project fetched them; each test pins the general rule the fix keys on, so a later
change cannot lose it again.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 1, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str):
    return parse_page((DATA / relative).read_bytes(), url, CAPTURED)


def test_codebox_keeps_the_lines_of_the_posted_script():
    """A post's code box (``<pre>``) keeps its lines in the post's text: a script of three lines
    read as one line of words is not what was posted (and cannot be run or searched by line).
    Found on an HTTrack mirror of a phpBB 3.2 board; every engine's code boxes are ``<pre>``."""
    result = parsed("field_phpbb/codebox_lines_httrack.html",
                    "https://batch.example/forum/viewtopic.php?p=7001")
    assert result.kind == "thread_page" and result.engine == "phpbb"
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("7001", "pebble_pat", datetime(2019, 3, 3, 8, 15, tzinfo=UTC)),
        ("7002", "moss_mo", datetime(2019, 3, 3, 9, 40, tzinfo=UTC)),
    ]
    assert result.posts[0].text == (
        "Three lines do it:\n\n"
        "@echo off\n"
        "set tray=%~dp0tray.lst\n"
        'call :tidy "%tray%"\n\n'
        "Tell me if it fails on your machine."
    )
    assert result.posts[1].text == "Works here, on two old laptops."


def test_text_inside_pre_keeps_lines_and_outside_still_collapses():
    """The rule itself, on a bare fragment: newlines inside ``<pre>`` (and its children) are line
    breaks; source newlines outside it are formatting and still collapse to spaces."""
    from lxml import html

    from parsers.html_text import element_text

    node = html.fragment_fromstring(
        "<div>two\nwords<pre><code>a = 1\nb = 2</code>\n<b>c</b> = 3\r\n</pre>after\nit</div>")
    assert element_text(node) == "two words\na = 1\nb = 2\nc = 3\n\nafter it"
    bare = html.fragment_fromstring("<pre>x\ny</pre>")
    assert element_text(bare) == "x\ny"
