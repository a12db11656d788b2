"""parsers.forumotion on boards' own edits of the versions' viewtopic_body templates.

The fixtures (tests/data/forumotion_templates/) are hand-written pages, each imitating one edit a
board or a theme maker makes to a stock template (Etana/template keeps Forumotion's stock
templates, ``src/<version>/viewtopic_body.tpl``); each file's header names the template, the edit,
and the values read off the page by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.registry import parse_page

TEMPLATES = DATA / "forumotion_templates"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=timezone.utc)


def page(name: str, url: str):
    return parse_page((TEMPLATES / name).read_bytes(), url, CAPTURED, content_type="text/html; charset=utf-8")


@pytest.fixture(scope="module")
def subject_icon_removed():
    return page("phpbb2_subject_icon_removed.html", "https://sturm.forumieren.com/t9-treffen")


def test_phpbb2_one_icon_date_is_not_read_from_the_subject(subject_icon_removed):
    """phpBB2 with the "post" icon taken out of span.postdetails: the date after the clock icon,
    never the "01.06.2023" of the subject before it (the old code read the span's whole text)."""
    result = subject_icon_removed
    assert result.kind == "thread_page" and result.engine == "forumotion"
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("401", "Sturmfeder", "5", at(2024, 5, 11, 9, 40)),
        ("402", "Mondlicht", "8", at(2024, 5, 11, 18, 5)),
        ("403", "Sturmfeder", "5", at(2024, 5, 12, 7, 15)),
    ]


def test_phpbb2_one_icon_page_says_nothing_is_lost(subject_icon_removed):
    assert [e for e in subject_icon_removed.errors if "UTC" not in e] == []


@pytest.fixture(scope="module")
def rank_before_name():
    return page("phpbb3_rank_before_name.html", "https://ridge.forumotion.com/t33-ice-on-the-ridge")


def test_phpbb3_rank_strong_before_the_name_is_not_the_author(rank_before_name):
    """phpBB3 with the rank moved into the profile column's dt, in a strong before the name's: the
    member's name is the strong holding the /uN link (the old code took the first strong, the rank)."""
    result = rank_before_name
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("601", "Eisvogel", "4", at(2024, 5, 28, 18, 10)),
        ("602", "Reifkante", "9", at(2024, 5, 29, 8, 5)),
        ("603", "Wanderfalke", None, at(2024, 5, 29, 9, 40)),
    ]
    first, second = result.posts[0], result.posts[1]
    assert (first.edited_by, first.edited_at) == ("Eisvogel", at(2024, 5, 28, 18, 30))
    assert [(q.author, q.text) for q in second.quotes] == [("Eisvogel", "Take crampons.")]
    assert [e for e in result.errors if "UTC" not in e] == []
