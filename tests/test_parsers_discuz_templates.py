"""parsers.discuz on third-party template packs (styles) that override viewthread_node.htm or the
touch viewthread.htm: each post must come with its own author and time, or an error naming it.

The fixtures in tests/data/discuz_templates/ are hand-written from the packs' public templates (each
file's header names the template and what Discuz! prints into it); every expected value below was
read off the fixture by hand.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from conftest import DATA

from parsers.registry import parse_page

PACKS = DATA / "discuz_templates"
UTC = timezone.utc
CST = timezone(timedelta(hours=8))


def parsed(name: str, url: str, captured: datetime):
    return parse_page((PACKS / name).read_bytes(), url, captured, content_type="text/html; charset=utf-8")


def authors_and_times(result) -> list:
    return [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts]


def test_a_desktop_pack_whose_author_line_is_no_div_authi():
    """The "vt" pack prints the name's space link beside em#authorposton{pid} in div.vt_pi."""
    result = parsed("vt_pack_author_line.html", "https://teahouse.example.org/forum.php?mod=viewthread&tid=880",
                    datetime(2023, 4, 6, 2, tzinfo=UTC))
    assert result.kind == "thread_page" and result.engine == "discuz"
    assert authors_and_times(result) == [
        ("9101", "tea_walker", "41", datetime(2023, 4, 2, 9, 15, tzinfo=CST)),
        ("9102", "lanternfish", "57", datetime(2023, 4, 3, 21, 40, 12, tzinfo=CST)),
        ("9103", "匿名", None, datetime(2023, 4, 4, 8, 5, tzinfo=CST)),
    ]
    assert result.errors == []


def test_a_pack_printing_no_post_times_is_not_read_as_posts():
    """The ymg6 pack: replies div.nei5#pidN without any time, the first post without author or time."""
    result = parsed("ymg6_nei5_replies.html", "https://claybench.example.com/forum.php?mod=viewthread&tid=311",
                    datetime(2023, 5, 1, 2, tzinfo=UTC))
    assert result.kind == "unsupported"
    assert result.posts == []


def test_a_touch_pack_with_a_reply_line_in_ul_authi():
    """yingxiao_toutiao2_m: li.grey.mbn holds the floor, the space link and the time; the first post's
    list is empty and the header's author and time (outside its block) are not taken for it."""
    result = parsed("toutiao_touch_authi_line.html", "https://snackmap.example.net/forum.php?mod=viewthread&tid=640&mobile=2",
                    datetime(2023, 6, 2, tzinfo=UTC))
    assert authors_and_times(result) == [
        ("5501", None, None, None),
        ("5502", "skewer_sue", "18", datetime(2023, 6, 1, 20, 2, 44, tzinfo=UTC)),
        ("5503", "noodle_ned", "25", datetime(2023, 6, 1, 20, 30, tzinfo=UTC)),
    ]
    assert "post 5501: no author name found" in result.errors
    assert "post 5501: no publication time found" in result.errors
    assert not [e for e in result.errors if e.startswith(("post 5502", "post 5503"))]


def test_a_touch_pack_with_author_and_time_in_two_list_lines():
    """Mobanbus h5v1: li.grey holds the name's link, li.grey.rela the floor and the time."""
    result = parsed("mobanbus_touch_authi_list.html", "https://reedorgan.example.org/forum.php?mod=viewthread&tid=77&mobile=2",
                    datetime(2022, 11, 5, 12, tzinfo=UTC))
    assert authors_and_times(result) == [
        ("6201", None, None, None),
        ("6202", "reed_pipe", "71", datetime(2022, 11, 3, 7, 45, tzinfo=UTC)),
        ("6203", "moss_cat", "72", datetime(2022, 11, 4, 18, 20, 5, tzinfo=UTC)),
    ]
    assert "post 6201: no author name found" in result.errors
    assert "post 6201: no publication time found" in result.errors
    assert any(e.startswith("times read as UTC") for e in result.errors)


def test_a_touch_block_holding_another_posts_author_list_names_no_author():
    """A lost closing tag leaves the next reply's div.display (href="#replybtn_6203") and its ul.authi
    inside block 6202: 6202 must not be given moss_cat, nor a name it cannot be sure of."""
    markup = (PACKS / "mobanbus_touch_authi_list.html").read_text(encoding="utf-8")
    swallowed = markup.replace(
        '<div class="message" id="isfirst">Scrape the tip lightly to raise it.</div>\n       </div>\n  </div>\n'
        '   <div class="bus_sd bus_replybd plc cl" id="pid6203">',
        '<div class="message" id="isfirst">Scrape the tip lightly to raise it.</div>\n'
        '   <div class="bus_sd bus_replybd cl">')
    assert swallowed != markup
    result = parse_page(swallowed.encode(), "https://reedorgan.example.org/forum.php?mod=viewthread&tid=77&mobile=2",
                        datetime(2022, 11, 5, 12, tzinfo=UTC), content_type="text/html; charset=utf-8")
    post = next(p for p in result.posts if p.post_id == "6202")
    assert post.author.name is None and post.published_at is None
    assert any(e.startswith("post 6202:") for e in result.errors)
