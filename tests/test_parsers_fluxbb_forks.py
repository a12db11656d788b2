"""parsers.fluxbb on the forks of FluxBB/PunBB (tests/data/fluxbb_forks/): FeatherBB keeps FluxBB
1.5's viewtopic markup and is read; ModernBB (later Luna) rewrote it in Bootstrap rows and must not
be claimed. Each fixture's header names the fork's template and the values written by hand."""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

FORKS = DATA / "fluxbb_forks"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(name: str, url: str):
    return parse_page((FORKS / name).read_bytes(), url, CAPTURED, content_type="text/html; charset=utf-8")


def test_featherbb_posts_authors_dates_and_edit():
    result = parsed("featherbb_default.html", "https://tinker.example/topic/31/brass-hinges-turning-green/")
    assert result.kind == "thread_page" and result.engine == "fluxbb"
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("310", 1, "Ilse Vantwerp", "4", datetime(2024, 5, 6, 8, 30, tzinfo=UTC)),
        ("311", 2, "Wandering Ferris", None, datetime(2024, 5, 6, 10, 45, tzinfo=UTC)),
        ("312", 3, "Odo Krantz", "9", datetime(2024, 5, 7, 12, 0, tzinfo=UTC)),
    ]
    first, _, third = result.posts
    assert (first.edited_by, first.edited_at) == ("Ilse Vantwerp", datetime(2024, 5, 6, 9, 0, tzinfo=UTC))
    assert first.url == "https://tinker.example/post/310/#p310"
    assert [q.author for q in third.quotes] == ["Ilse Vantwerp"]
    assert third.text == "That is verdigris; it wipes off."  # no quote, no signature "Krantz out"


def test_modernbb_rows_are_not_read_as_fluxbb_posts():
    result = parsed("modernbb_core.html", "https://allot.example/viewtopic.php?id=14")
    assert result.engine != "fluxbb"
    assert result.kind == "unsupported" and not result.posts
    assert "a forum page no parser reads yet (FluxBB/PunBB topic)" in result.reason
