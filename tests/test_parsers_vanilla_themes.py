"""parsers.vanilla on themes that change the discussion page's markup (tests/data/vanilla_themes/).

Each fixture is hand-written from a public template (its header names the file and what it
changes) and holds the expected values, read off the fixture by hand:

- the 2.0 default views (helper_functions.php WriteComment): the author link has no class
  (``UserAnchor($Author)``), the permalink anchors count the posts (``Item_1`` is the discussion),
  and the printed dates are bare words;
- a 2.0 theme of its own (li.AuthorRibbon) with no span.Author either;
- a theme whose discussion.php prints the opening post without a ``#Discussion_N`` item: the page
  must say the opening post is not read.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers import vanilla
from parsers.losses import lost_content
from parsers.registry import parse_page

THEMES = DATA / "vanilla_themes"
CAPTURED = datetime(2024, 5, 1, tzinfo=timezone.utc)


def page(name: str, url: str):
    return parse_page((THEMES / name).read_bytes(), url, CAPTURED, content_type="text/html; charset=UTF-8")


def test_vanilla_2_0_names_link_without_a_class_and_anchors_that_count_posts():
    result = page("classic_2_0_unclassed_author_and_item_numbers.html",
                  "https://garden.example/discussion/42/moss-on-the-north-fence")
    assert result.engine == "vanilla" and result.kind == "thread_page"
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in result.posts] == [
        ("discussion/42", 1, "fernwick", "7"),
        ("1007", 2, "oatley_brum", "12"),
        ("1009", 3, "quillon", "3"),
    ]
    assert result.posts[2].author.url == "https://garden.example/profile/3/quillon"
    # 2.0 prints "March 3" or " 2:15PM": no post time can be read, and each post says so.
    assert [p.published_at for p in result.posts] == [None, None, None]
    assert sorted(result.errors) == sorted(f"post {pid}: no publication time" for pid in ("discussion/42", "1007", "1009"))
    assert lost_content(result) == []


def test_opening_post_outside_a_discussion_item_is_said_to_be_missing():
    result = page("appendix_author_opening_post_without_item.html",
                  "https://plausch.example/discussion/88/hecke-schneiden-im-juni")
    assert [(p.post_id, p.position, p.author.name, p.published_at) for p in result.posts] == [
        ("5001", 2, "pell_marrow", datetime(2021, 6, 1, 9, 30, tzinfo=timezone.utc)),
        ("5002", 3, "hedgeward", datetime(2021, 6, 2, 10, 45, tzinfo=timezone.utc)),
    ]
    assert result.errors == [vanilla.OPENING_POST_UNREAD]
    assert lost_content(result) == [vanilla.OPENING_POST_UNREAD]


def test_a_later_page_without_the_opening_post_is_not_an_error():
    """Page 2 shows comments only (views/discussion/index.php includes the discussion on page 1):
    the same theme's /p2 must not say anything is missing."""
    body = (THEMES / "appendix_author_opening_post_without_item.html").read_bytes()
    body = body.replace(b'<link rel="canonical" href="https://plausch.example/discussion/88/hecke-schneiden-im-juni">',
                        b'<link rel="canonical" href="https://plausch.example/discussion/88/hecke-schneiden-im-juni/p2">')
    result = parse_page(body, "https://plausch.example/discussion/88/hecke-schneiden-im-juni/p2", CAPTURED,
                        content_type="text/html; charset=UTF-8")
    assert [p.post_id for p in result.posts] == ["5001", "5002"]
    assert result.errors == []


def test_vanilla_2_0_theme_without_an_author_span_names_the_first_profile_link():
    result = page("ribbon_2_0_author_outside_author_span.html", "https://orchard.example/discussion/51/compost-too-wet")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.author.url) for p in result.posts] == [
        ("discussion/51", 1, "tansy_row", "31", "https://orchard.example/profile/31/tansy_row"),
        ("610", 2, "burdock", "9", "https://orchard.example/profile/9/burdock"),
    ]
    assert result.errors == ["post discussion/51: no publication time", "post 610: no publication time"]


def test_vanilla_2_0_item_anchor_is_the_posts_own_number():
    """2.0 names the discussion Item_1 and the first comment Item_2: comment 1007 is the second post."""
    result = page("classic_2_0_unclassed_author_and_item_numbers.html",
                  "https://garden.example/discussion/42/moss-on-the-north-fence")
    assert [(p.post_id, p.position) for p in result.posts] == [("discussion/42", 1), ("1007", 2), ("1009", 3)]
