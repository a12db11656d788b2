"""More markup seen on real saved pages of two public archives of boards, checked page by page
(studioetc/theavalanches-forum-archive: Wayback captures of a phpBB 2 and phpBB 3 board;
29th/vanilla-forums-archive: a wget mirror of a Vanilla 3.3 board). Each variant a parser misread is
reproduced by a small hand-written page in tests/data/field_real_archives_more/<engine>/ (invented
names and words; each file's header names the real page it imitates, the template it follows and
what the old code did). Every expected value was written by hand from the fixture.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

CAPTURED = datetime(2021, 3, 7, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc
VANILLA = DATA / "field_real_archives_more" / "vanilla"


# --- Vanilla: lists of other discussions are not posts ------------------------------------------


def test_vanilla_recent_discussions_panel_is_not_the_page_s_discussion():
    """Page 2 of a discussion has no opening post; the "Recent Discussions" panel beside it lists
    other threads as li#Discussion_N.Item. The old code took the panel's first row for the opening
    post: the page became discussion 902, and each row "no message body"."""
    url = "https://lanterns.example.net/discussion/318/lantern-festival-rota/p2"
    result = parse_page((VANILLA / "panel_recent_discussions_page2.html").read_bytes(), url, CAPTURED)
    assert result.kind == "thread_page"
    assert result.engine == "vanilla"
    assert result.errors == []
    assert result.thread.id == "318"
    assert result.thread.url == "https://lanterns.example.net/discussion/318/lantern-festival-rota"
    assert result.thread.page == 2
    assert result.next_page_url is None
    assert [p.post_id for p in result.posts] == ["5120", "5127"]
    assert [p.position for p in result.posts] == [32, 33]  # Item_31, Item_32: comments 31 and 32 after the opening post
    assert [p.author.name for p in result.posts] == ["Quillon Marsh", "Tavi Orrin"]
    assert [p.published_at for p in result.posts] == [
        datetime(2021, 3, 4, 9, 15, tzinfo=UTC),
        datetime(2021, 3, 5, 18, 40, tzinfo=UTC),
    ]
    assert [q.author for q in result.posts[1].quotes] == ["Quillon Marsh"]


def test_vanilla_discussions_list_page_is_not_a_thread():
    """The discussions list (table.DiscussionsTable of tr#Discussion_N.Item rows) holds no post:
    the old code called it a thread page of discussion 318, with a next page and three errors."""
    url = "https://lanterns.example.net/discussions/p2"
    result = parse_page((VANILLA / "discussions_list_table_page2.html").read_bytes(), url, CAPTURED)
    assert result.kind == "unsupported"
    assert result.engine == "vanilla"
    assert result.posts == []
    assert result.errors == []
    assert result.next_page_url is None
    assert lost_content(result) == []
