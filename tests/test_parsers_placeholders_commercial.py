"""Notices printed in a post's place (deleted, hidden from the viewer, blocked) on vBulletin, IP.Board 3,
XenForo, Invision Community and Discuz!: no real post lost or given another's author, no notice
read as a post or as words, and no loss (:mod:`parsers.losses`) for a notice the board shows every
reader. A post hidden only by the ignore list of the account that fetched the page is a loss: the
board shows it to everyone else, and the archive lacks it.

Fixtures: ``tests/data/field_placeholders/`` (hand-written from each engine's public templates;
each file's header names them and the expected values)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from parsers.losses import lost_content
from parsers.registry import parse_page

DATA = Path(__file__).parent / "data" / "field_placeholders"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)


def _parse(name: str, url: str):
    return parse_page((DATA / name).read_bytes(), url, CAPTURED)


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def test_vbulletin_3_deleted_and_ignored_notices_are_no_posts_and_only_the_viewer_s_ignore_list_a_loss():
    """vBulletin 3's postbit_deleted, postbit_ignore and postbit_ignore_global print a ``table#postN``
    with the poster's name and one line of notice. Each was "its block was not read", and "Showing
    results 1 to 5" made the page "3 may be missing": the crawl exited 1 over notices the board
    shows every reader (a deleted post, a silenced member's). Now only the post hidden by the
    viewer's own ignore list is a loss, said once."""
    result = _parse("vbulletin_3_deleted_and_ignored.html", "https://nib.example/forum/showthread.php?t=910")
    assert result.kind == "thread_page" and result.engine == "vbulletin"
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.text) for p in result.posts] == [
        ("9101", 1, "quill_ada", _utc(2024, 3, 4, 9, 10), "Which nib suits copperplate best?"),
        ("9105", 5, "quill_ada", _utc(2024, 3, 4, 11, 45), "Thanks, the flexible one it is."),
    ]
    hidden = [error for error in result.errors if "notice in its place" in error]
    assert [error.split(":", 1)[0] for error in hidden] == ["post 9103", "post 9104"]
    assert "by sepia_sue, on the ignore list of the member who fetched the page" in hidden[0]
    assert "by loud_lars (a member the board silenced)" in hidden[1]
    assert len(result.errors) == 2
    assert lost_content(result) == [hidden[0]]


def test_vbulletin_4_ignored_notice_is_no_post_and_one_loss():
    """vBulletin 4's postbit_ignore (``li.postbitignored#post_N``) was an unread post block and
    "1 may be missing"; the deletion notice beside it was already known. It links the viewer's
    ignore list: one loss, said once (not also as an unread block and a short page)."""
    result = _parse("vbulletin_4_ignored_notices.html", "https://frond.example/forum/showthread.php?t=730")
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.text) for p in result.posts] == [
        ("7301", 1, "fern_fay", _utc(2024, 5, 6, 8, 20), "Repotting the staghorn this weekend."),
        ("7304", 4, "fern_fay", _utc(2024, 5, 6, 10, 5), "Done, it took the new mount well."),
    ]
    assert result.errors == ["post 7302: a post by moss_max, on the ignore list of the member who fetched the page:"
                             " the page shows a notice in its place, without its words or time; not read"]
    assert lost_content(result) == result.errors


def test_xenforo_2_moderated_and_ignored_posts_keep_their_own_words():
    """XenForo prints the words of a post awaiting approval and of an ignored member's post (the
    style hides them); its notices are no words of the post. The deleted placeholder is no post."""
    result = _parse("xenforo_2_moderated_ignored_deleted.html", "https://suds.example/threads/cold-process-basics.5120/")
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.text) for p in result.posts] == [
        ("51201", 1, "Tallow", _utc(2024, 2, 10, 9), "Rendering the fat twice clears it."),
        ("51202", 2, "Lye_Lou", _utc(2024, 2, 10, 10), "Add the lye to the water, never the reverse."),
        ("51203", 3, "Ash_Al", _utc(2024, 2, 10, 11), "Hardwood ash makes the strongest lye."),
    ]
    assert result.errors == [] and not lost_content(result)


def test_ips_4_ignore_row_and_hidden_notice_are_no_posts_nor_words():
    """Invision Community prints an ignored member's post after its ignore row
    (``div.ipsComment_ignored#elIgnoreComment_N``), and a hidden post with its words for staff."""
    result = _parse("ips_4_ignored_and_hidden.html", "https://wax.example/topic/640-first-burn/")
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.text) for p in result.posts] == [
        ("6401", 1, "wick_wes", _utc(2024, 6, 1, 10), "Trim the wick to a quarter inch."),
        ("6402", 2, "soot_sid", _utc(2024, 6, 1, 11), "Soy wax tunnels less than paraffin."),
        ("6403", 3, "drip_dee", _utc(2024, 6, 1, 12), "Buy my candles here."),
    ]
    assert not lost_content(result)


def test_discuz_touch_blocked_posts_keep_author_and_id_with_the_notice_named():
    """Discuz!'s touch template writes a blocked post's notice as ``div.grey.quote``: it was read as
    a quote of no one. The post keeps its author and id, with no words, and its errors name the notice."""
    result = _parse("discuz_touch_blocked_posts.html",
                    "http://beacon.example.cn/forum.php?mod=viewthread&tid=15&mobile=2")
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.text, p.quotes) for p in result.posts] == [
        ("151", 1, "灯塔守", _utc(2024, 3, 5, 20, 10), "今晚有雾，航标灯提前亮。", []),
        ("152", 2, "浪花", _utc(2024, 3, 5, 20, 31), "", []),
        ("153", 3, "锚链", _utc(2024, 3, 5, 20, 45), "", []),
    ]
    notices = [error for error in result.errors if "the board's notice" in error]
    assert [error.split(":", 1)[0] for error in notices] == ["post 152", "post 153"]
    assert "作者被禁止或删除" in notices[0] and "该帖被管理员或版主屏蔽" in notices[1]
    assert not lost_content(result)


def test_vbulletin_4_skin_without_message_box_reads_no_notice_as_a_post():
    """A vBulletin 4 skin without ``div#post_message_N`` is read from each ``li#post_N``'s
    ``blockquote.postcontent`` (or ``div.content``): the ignore notice became moss_max's post
    "Remove user from ignore list", the deletion notice spore_sal's post "Reason advertising"."""
    result = _parse("vbulletin_4_skin_without_message_box_notices.html",
                    "https://frond.example/forum/showthread.php?t=730")
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.text) for p in result.posts] == [
        ("7301", 1, "fern_fay", _utc(2024, 5, 6, 8, 20), "Repotting the staghorn this weekend."),
        ("7304", 4, "fern_fay", _utc(2024, 5, 6, 10, 5), "Done, it took the new mount well."),
    ]
    assert result.errors == ["post 7302: a post by moss_max, on the ignore list of the member who fetched the page:"
                             " the page shows a notice in its place, without its words or time; not read"]
    assert lost_content(result) == result.errors


def test_discuz_desktop_blocked_posts_name_the_notice_in_place_of_the_message():
    """Discuz! X3's desktop template prints ``div.pcb > div.locked`` in place of a blocked post's
    message: the post kept its author and id with no words, and the error said only "no message
    found (hidden, banned or paid?)". It now names the notice the page shows."""
    result = _parse("discuz_x3_blocked_posts.html", "https://mochi.example.cn/forum.php?mod=viewthread&tid=880")
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.text, p.quotes) for p in result.posts] == [
        ("8801", 1, "砚台", _utc(2024, 3, 6, 0, 30), "墨要慢慢磨。", []),
        ("8802", 2, "宣纸", _utc(2024, 3, 6, 1, 0), "", []),
        ("8803", 3, "狼毫", _utc(2024, 3, 6, 1, 45), "", []),
    ]
    assert result.errors == [
        "post 8802: the board's notice '提示: 作者被禁止或删除 内容自动屏蔽' is shown in place of its message"
        " (words it hides are not on the page); its text is empty",
        "post 8803: the board's notice '提示: 该帖被管理员或版主屏蔽' is shown in place of its message"
        " (words it hides are not on the page); its text is empty",
    ]
    assert not lost_content(result)


def test_ipb3_ignored_member_post_is_read_from_its_hidden_wrap():
    """IP.Board 3's skin_topic post() prints an ignored member's post whole (``div.post_wrap`` with
    ``style='display: none'``) after a ``div.post_ignore`` notice ("You have chosen to ignore all
    posts from: <hovercard>") inside ``div.post_block``. Built from tests/data/ipb3's 3.2 page (kept
    there: every other folder's pages must not be IP.Board 3's, see test_parsers_ipb3), koi_carl ignored."""
    page = (DATA.parent / "ipb3" / "ipb32_citations.html").read_text(encoding="utf-8")
    before = "\t\t<a id='entry8801'></a>\n\t\t<div class='post_wrap' >"
    assert before in page
    page = page.replace(before, (
        "\t\t<a id='entry8801'></a>\n\t\t\t<div class='post_ignore'>\n\t\t\t\tYou have chosen to ignore all posts from:"
        " <a hovercard-ref=\"member\" hovercard-id=\"56\" class=\"_hovertrigger url fn name \""
        " href='http://koiclub.example.org/index.php?/user/56-koi-carl/' title='View Profile'>koi_carl</a>."
        " <a href='#entry8801' title='View this post' style='display: none' id='unhide_post_8801'>View Post</a>"
        "\n\t\t\t</div>\n\t\t<div class='post_wrap' style='display: none'>"))
    result = parse_page(page.encode("utf-8"), "http://koiclub.example.org/index.php?/topic/315-koi-in-winter/page__st__20",
                        CAPTURED)
    assert [(p.post_id, p.position, p.author.name, p.text) for p in result.posts] == [
        ("8801", 21, "koi_carl", "My koi stopped eating at 8 °C."),
        ("8802", 22, "Guest_Pia", "That is normal below 10 °C."),
        ("8803", 23, "mira_k", "Stop feeding until spring, see the feeding chart."),
    ]
    assert not lost_content(result)


def test_xenforo_1_ignored_and_moderated_posts_keep_their_own_words():
    """XenForo 1 prints an ignored member's post (``li.message.ignored``) and a moderated one whole;
    the moderation notice is no words of the post, and the deleted placeholder is no post."""
    result = _parse("xenforo_1_ignored_moderated_deleted.html",
                    "https://tackle.example/community/threads/tying-a-clinch-knot.412/")
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.text) for p in result.posts] == [
        ("4121", 1, "Reel_Rae", _utc(2024, 6, 1, 10), "Wet the line before you pull it tight."),
        ("4122", 2, "Bait_Ben", _utc(2024, 6, 1, 11), "Five turns hold better than seven."),
        ("4123", 3, "Lure_Lin", _utc(2024, 6, 1, 12), "Palomar is easier with cold hands."),
    ]
    assert result.errors == [] and not lost_content(result)
