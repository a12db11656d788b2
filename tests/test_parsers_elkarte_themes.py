"""parsers.elkarte on hand-written pages of third-party ElkArte 1.1 themes (tests/data/elkarte_themes/).

leisure_section_wrapper.html: Spuds/Elk_Theme_Leisure wraps each post in ``section.post_wrapper``
(the default theme: ``article``) with the message as ``div.messageContent``.
hydrogenaudio_poster_in_keyinfo.html: smoralis/hydrogenaudio-elkarte-theme with the viewer's
"hide poster area" option (``ul.poster.poster2`` in the date line's ``div.keyinfo``) and a post by
an ignored member (its message printed hidden). Both were read right before; these pages guard it.
Every expected value below was read off the fixture's markup by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

PAGES = DATA / "elkarte_themes"
UTC = timezone.utc
CAPTURED = datetime(2024, 1, 1, tzinfo=UTC)


def parse(name: str, url: str):
    return parse_page((PAGES / name).read_bytes(), url, CAPTURED, content_type="text/html; charset=utf-8")


def test_leisure_posts_in_a_section_wrapper_keep_their_authors_times_and_edit():
    result = parse("leisure_section_wrapper.html", "https://marsh.example/index.php?topic=77.0")
    assert (result.kind, result.engine) == ("thread_page", "elkarte")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("901", 1, "Tansy Tern", "5", datetime(2021, 3, 2, 8, 10, tzinfo=UTC)),
        ("902", 2, "Reedy Rook", None, datetime(2021, 3, 2, 9, 45, tzinfo=UTC)),
        ("903", 3, "Bittern Bo", "8", datetime(2021, 3, 2, 11, 30, tzinfo=UTC)),
    ]
    assert [p.text for p in result.posts] == [
        "Where do the heron nests start this year?",
        "By the old sluice, as always.",
        "Two nests by the sluice, one more by the willow.",
    ]
    assert (result.posts[2].edited_at, result.posts[2].edited_by) == (datetime(2021, 3, 2, 12, 5, tzinfo=UTC), "Tansy Tern")
    assert [p.edited_by for p in result.posts[:2]] == [None, None]
    assert lost_content(result) == []


def test_hydrogenaudio_poster_list_beside_the_date_and_an_ignored_members_post():
    result = parse("hydrogenaudio_poster_in_keyinfo.html", "https://ha.example/index.php?topic=640.15")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("7001", 16, "Opus Olli", "31", datetime(2018, 7, 9, 20, 5, tzinfo=UTC)),
        ("7002", 17, "Lossy Lu", "44", datetime(2018, 7, 9, 21, 15, tzinfo=UTC)),
    ]
    assert [p.text for p in result.posts] == [
        "The 320k file still shows a shelf above 16 kHz.",
        "That shelf is the encoder's lowpass, nothing more.",
    ]
    assert lost_content(result) == []
