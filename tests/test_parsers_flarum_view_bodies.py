"""parsers.flarum.view_bodies: the noscript view's post bodies stand for the payload's posts' HTML
only when they are that HTML's tree; every other post is read from the payload's HTML, as before.

The fixture (tests/data/field_flarum/view_differs_from_payload.html) was written by hand from
Flarum 1.8's templates; its view differs from its payload on purpose (one post reworded, two
swapped, one written with ``&quot;``). Every expected value was read off the fixture by hand.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

from conftest import DATA

from parsers.flarum.body import read_body
from parsers.flarum.html_view import noscript_content, post_bodies
from parsers.flarum.view_bodies import ViewBodies
from parsers.page_tree import page_tree
from parsers.registry import parse_page

PAGE = DATA / "field_flarum" / "view_differs_from_payload.html"
URL = "https://hinge.example/d/12-creaky-hinges"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)


def _payload_html() -> dict[str, str]:
    """Each post's contentHtml, by post id, from the fixture's payload."""
    text = PAGE.read_text(encoding="utf-8")
    payload = json.loads(re.search(r'id="flarum-json-payload" type="application/json">(.*?)</script>', text, re.S).group(1))
    return {r["id"]: r["attributes"]["contentHtml"] for r in payload["apiDocument"]["included"] if r["type"] == "posts"}


def test_each_post_keeps_the_payloads_words_where_the_view_differs():
    result = parse_page(PAGE.read_bytes(), URL, CAPTURED)
    assert result.kind == "thread_page" and result.engine == "flarum" and result.errors == []
    got = [(p.post_id, p.position, p.author.name, p.published_at.hour, p.text) for p in result.posts]
    assert got == [
        ("9101", 1, "quill", 8, "Hinges creak after rain. See this oil."),
        ("9102", 2, "tamsin", 9, "Oil them twice a year."),  # the view says "once"
        ("9103", 3, "bram", 10, "Mine rusted through, both of them."),  # the view prints it after 9104's
        ("9104", 4, "quill", 11, "Try brass ones next time."),
        ("9105", 5, "tamsin", 12, 'She said "grease" works.'),
    ]
    assert [link.url for link in result.posts[0].links] == ["https://tools.example/oil"]
    assert [(q.author, q.post_id, q.text) for q in result.posts[3].quotes] == [
        ("Bram Oakes", "9103", "Mine rusted through, both of them.")]
    # Whichever body was read, each post is what its payload HTML alone gives (the old code's path).
    html = _payload_html()
    for post in result.posts:
        alone = read_body(html[post.post_id], "https://hinge.example")
        assert (post.text, post.html, post.links, post.images) == (alone.text, alone.html, alone.links, alone.images)
        assert [(q.author, q.post_id, q.text) for q in post.quotes] == [(q.author, q.post_id, q.text) for q in alone.quotes]


def test_a_view_body_is_handed_out_only_for_its_own_html_and_once():
    root, _ = page_tree(PAGE.read_text(encoding="utf-8"))
    views = ViewBodies(post_bodies(noscript_content(root)))
    html = _payload_html()
    assert views.take(html["9102"]) is None  # reworded in the view
    assert views.take(html["9105"]) is None  # &quot; writes back as '"': not certainly the same
    same = views.take(html["9101"])
    assert same is not None and same.text is None and same[-1].tail is None  # the template's spaces cut
    assert views.take(html["9101"]) is None  # each body once
    assert views.take(html["9104"]) is not None and views.take(html["9103"]) is not None  # by HTML, not place


def test_a_body_inside_another_body_is_never_handed_out():
    root, _ = page_tree('<html><body><noscript id="flarum-content"><div class="Post-body">\n <p>Outer words.</p>'
                        '<div class="Post-body"><p>Inner words.</p></div>\n</div></noscript></body></html>')
    views = ViewBodies(post_bodies(noscript_content(root)))
    assert views.take("<p>Inner words.</p>") is None
    assert views.take('<p>Outer words.</p><div class="Post-body"><p>Inner words.</p></div>') is None
