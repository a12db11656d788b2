"""parsers.discourse.app_reactions: likes and reactions of a topic saved from a browser (app view).

Fixtures in tests/data/discourse/ written by hand from discourse/discourse's post menu and
discourse/discourse-reactions' counter, list and state panel (see their headers); each expected
value below was read off the fixture by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

CAPTURED = datetime(2025, 5, 1, tzinfo=timezone.utc)
HERE = DATA / "discourse"
LIKES_URL = "https://stones.example.net/t/moss-on-north-walls/660"
PLUGIN_URL = "https://shore.example.com/t/tide-tables-for-the-spit/915"
SPLIT_ERROR = ("post 8401: 5 reactions (heart, laughing) without each one's count (the app prints only the"
               " total); left out")


def _parsed(name: str, url: str, html: str | None = None):
    body = html.encode() if html is not None else (HERE / name).read_bytes()
    return parse_page(body, url, CAPTURED)


def test_core_like_counts_read_per_post():
    """The like-count button beside each post's heart: 3, none (no button), 1 (the reader's own
    post: the count then the heart icon)."""
    result = _parsed("app_view_likes_widget.html", LIKES_URL)
    assert [(p.post_id, p.author.name, p.reactions) for p in result.posts] == [
        ("7301", "moss_ferri", {"Like": 3}), ("7302", "lichen_ovo", {}), ("7303", "moss_ferri", {"Like": 1})]
    assert lost_content(result) == []


def test_reactions_plugin_counts_read_per_post():
    """Only-like: the total is the likes; one reaction listed: the total is its; the open state
    panel: each reaction's count; several listed with only the total: said, not split."""
    result = _parsed("app_view_reactions_plugin.html", PLUGIN_URL)
    assert [(p.post_id, p.author.name, p.reactions) for p in result.posts] == [
        ("8401", "tern_aldo", {}), ("8402", "skua_bel", {"Like": 4}), ("8403", "tern_aldo", {"open_mouth": 2}),
        ("8404", "gannet_rue", {"heart": 2, "clap": 1}), ("8405", "skua_bel", {})]
    assert SPLIT_ERROR in result.errors
    assert lost_content(result) == []  # a count left unsplit is no post lost: no incomplete crawl


def _glimmer_item(post_id: str, name: str) -> str:
    """discourse-reactions' Glimmer list item (components/discourse-reactions/reactions-list-emoji.gjs):
    no id, the emoji (replaceEmoji ":name:") alone until hovered."""
    return (f'<div class="discourse-reactions-list-emoji" role="button"><img width="20" height="20"'
            f' src="./files/{name}.png" title=":{name}:" class="emoji" alt=":{name}:" loading="lazy"></div>')


@pytest.mark.parametrize("post_id,name", [("8403", "open_mouth"), ("8401", "heart")])
def test_reactions_plugin_glimmer_list_items_named_by_their_emoji(post_id, name):
    """The newer list items carry no id: the reaction's name is the emoji's alt."""
    html = (HERE / "app_view_reactions_plugin.html").read_text(encoding="utf-8")
    start = html.index(f'<div class="discourse-reactions-list-emoji" id="discourse-reactions-list-emoji-{post_id}-{name}">')
    end = html.index("</div></div></div></div></div>", start) + len("</div></div></div></div></div>")
    result = _parsed("", PLUGIN_URL, html[:start] + _glimmer_item(post_id, name) + html[end:])
    assert [p.reactions for p in result.posts] == [
        {}, {"Like": 4}, {"open_mouth": 2}, {"heart": 2, "clap": 1}, {}]
    assert SPLIT_ERROR in result.errors


def test_like_count_of_an_unfolded_post_is_not_this_posts():
    """A like count inside a post the reader unfolded (section.embedded-posts) is that post's."""
    html = (HERE / "app_view_likes_widget.html").read_text(encoding="utf-8")
    anchor = '<div class="regular contents"><div class="cooked"><p>Moss holds water'
    unfolded = ('<section class="embedded-posts top topic-body"><div class="reply" data-post-id="7301">'
                '<nav class="post-controls"><button class="widget-button like-count">3</button></nav></div></section>')
    result = _parsed("", LIKES_URL, html.replace(anchor, unfolded + anchor))
    assert [p.reactions for p in result.posts] == [{"Like": 3}, {}, {"Like": 1}]
