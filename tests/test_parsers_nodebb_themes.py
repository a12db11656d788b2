"""parsers.nodebb on other themes' topic pages read from their markup alone (tests/data/nodebb_themes/).

A page saved with its scripts is read from its embedded topic object whatever the theme; these
fixtures are pages without it. Each is hand-written from a public theme template (its header names
the file and what the theme changes) with the expected values read off it by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

THEMES = DATA / "nodebb_themes"
CAPTURED = datetime(2024, 5, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def test_vanilla_theme_with_empty_date_metas_and_the_times_after_the_words():
    """nodebb-theme-vanilla (and Material) print datePublished/dateModified from fields NodeBB 1.x no
    longer sends: empty; the permalink's time and the editor line below the post give them."""
    body = (THEMES / "vanilla_theme_relative_time_meta_saved_without_scripts.html").read_bytes()
    result = parse_page(body, "https://allot.example/topic/63/sowing-beans-in-april", CAPTURED)
    assert result.engine == "nodebb" and result.kind == "thread_page"
    assert result.errors == []
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.author.url) for p in result.posts] == [
        ("401", 1, "rowan_tilth", "14", "https://allot.example/user/rowan_tilth"),
        ("409", 2, "marl_and_loam", "22", "https://allot.example/user/marl_and_loam"),
    ]
    assert [p.published_at for p in result.posts] == [datetime(2020, 4, 2, 7, 15, tzinfo=UTC),
                                                      datetime(2020, 4, 2, 9, 40, tzinfo=UTC)]
    assert [(p.edited_at, p.edited_by) for p in result.posts] == [
        (None, None), (datetime(2020, 4, 3, 11, 5, tzinfo=UTC), "quern_mod")]
    assert result.posts[1].text == "Now, under fleece. See the first post."
    assert result.thread.title == "Sowing beans in April" and result.thread.forum == ["Vegetables"]
