"""parsers.shared_post_ids: posts that come back under one id, on pages damaged by hand in the test
(each damage is one replace of the fixture's text, checked against the fixture by eye)."""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

CAPTURED = datetime(2025, 5, 1, tzinfo=timezone.utc)


def test_two_posts_under_one_id_are_both_left_out_and_said_not_read():
    """A flipped byte gives post_4's article (post 8404, gannet_rue) the id of post_5 (8405, skua_bel).
    Before: both came back as post 8405, so the archive kept only one of them under that id, silently."""
    page = (DATA / "discourse" / "app_view_reactions_plugin.html").read_text(encoding="utf-8")
    damaged = page.replace('data-post-id="8404"', 'data-post-id="8405"')
    assert damaged.count('data-post-id="8405"') == 2
    result = parse_page(damaged.encode("utf-8"), "https://shore.example.com/t/tide-tables-for-the-spit/915", CAPTURED)
    assert [(p.post_id, p.author.name) for p in result.posts] == [
        ("8401", "tern_aldo"), ("8402", "skua_bel"), ("8403", "tern_aldo")]
    said = [e for e in result.errors if e.startswith("post 8405:")]
    assert said and said == lost_content(result)[-1:]


def test_a_post_printed_twice_is_kept_once_without_an_error():
    """The same article twice in a row (a theme or proxy that repeats a block): one post, no error."""
    page = (DATA / "hostile" / "ips_post_block_without_its_id.html").read_text(encoding="utf-8")
    start = page.index("<a id='comment-71703'>")
    end = page.index("</article>", start) + len("</article>")
    doubled = page[:end] + "\n" + page[start:end] + page[end:]
    result = parse_page(doubled.encode("utf-8"), "https://hives.example/topic/717-winter-feeding/", CAPTURED)
    assert [p.post_id for p in result.posts] == ["71701", "71703"]
    assert [e.split(":")[0] for e in result.errors] == ["post 71702"]  # the page's own damage, nothing more
