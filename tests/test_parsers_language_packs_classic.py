"""SMF, MyBB and phpBB pages as their language packs print them, each reproduced by a small
hand-written page in tests/data/field_smf/, field_mybb/ or field_phpbb/ (no third-party text: each
file's header says which engine version and which pack file's strings it imitates, with invented
names and words). Every expected value was written by hand from the fixture.

Why: a check of these engines' language packs (their date formats, quote headers and edit notices)
found these; each test pins the general rule the fix keys on, so a later change cannot lose it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from lxml import html as lxml_html

from conftest import DATA

from parsers.clock import ForumClock
from parsers.mybb.quotes import read_quote as read_mybb_quote
from parsers.phpbb.quotes import read_quote
from parsers.registry import parse_page

UTC = timezone.utc
CAPTURED = datetime(2024, 7, 1, tzinfo=UTC)


def parsed(relative: str, url: str, captured: datetime = CAPTURED):
    return parse_page((DATA / relative).read_bytes(), url, captured)


# --- phpBB -----------------------------------------------------------------------------------


def test_phpbb_chinese_edit_notice_date_with_its_own_comma_keeps_its_time():
    """The Traditional Chinese pack's default date format "Y年 M j日, H:i" holds a comma, and its
    edit notice ends with the count after a full-width comma ("最後由 X 於 2024年 6月 1日, 07:40
    編輯，總共編輯了 2 次。"): the notice was cut at the date's own comma and the edit read at the
    day's midnight, silently. Its quotes ("X 寫道:") had no author."""
    result = parsed("field_phpbb/chinese_traditional_edit_notice_comma_date.html",
                    "https://fish.example/viewtopic.php?f=4&t=812")
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    assert [(p.post_id, p.author.name, p.published_at, p.edited_at, p.edited_by) for p in result.posts] == [
        ("5501", "藍燈魚", datetime(2024, 5, 31, 13, 5, tzinfo=UTC),
         datetime(2024, 5, 31, 23, 40, tzinfo=UTC), "管理小蝦"),
        ("5502", "水草阿明", datetime(2024, 6, 1, 1, 15, tzinfo=UTC), None, None),
        ("5503", "藍燈魚", datetime(2024, 6, 2, 15, 50, tzinfo=UTC),
         datetime(2024, 6, 2, 16, 10, tzinfo=UTC), "藍燈魚"),
    ]
    quote = result.posts[1].quotes[0]
    assert (quote.author, quote.text, [inner.author for inner in quote.quotes]) == (
        "藍燈魚", "燈要開幾個小時才好？", ["Reef Walker"])
    assert result.posts[1].text == "我開十小時。"
    assert not result.errors


def test_phpbb_quote_header_verbs_of_more_packs():
    """phpBB 3.0 prints a quote's author as words ("X wrote:"), in the pack's verb: the Simplified
    Chinese "写入", Thai "เขียน", Slovak "píše", Russian "пишет" (phpBB 2) and Korean "씀" (phpBB 2)
    packs' verbs were not known, and the quote kept no author."""
    clock = ForumClock(CAPTURED, UTC, None)
    for citation, author in (("Lan Yu 写入:", "Lan Yu"), ("Somchai K เขียน:", "Somchai K"),
                             ("Jano Mrkva píše:", "Jano Mrkva"), ("Пётр Лодкин пишет:", "Пётр Лодкин"),
                             ("Park Minsu 씀:", "Park Minsu"), ("Lan Yu 寫道：", "Lan Yu")):
        block = lxml_html.fragment_fromstring(f"<blockquote><div><cite>{citation}</cite>Made up words.</div></blockquote>")
        quote = read_quote(block, clock, "https://fish.example/viewtopic.php?t=1")
        assert (quote.author, quote.text) == (author, "Made up words."), citation


def test_phpbb_edit_notice_whose_date_is_not_read_keeps_its_editor_and_says_so():
    """A notice naming its editor and printing a time the reader cannot place (a pack's notice shape
    not known) gave neither editor nor error: the editor is kept and the page's errors say the
    edit time was not read. Same page as above, the notice's words reworded by hand."""
    page = (DATA / "field_phpbb/chinese_traditional_edit_notice_comma_date.html").read_text(encoding="utf-8")
    page = page.replace("於 2024年 6月 1日, 07:40 編輯，總共編輯了 2 次。", "編輯了 2 次 (07:40 某天)")
    result = parse_page(page.encode("utf-8"), "https://fish.example/viewtopic.php?f=4&t=812", CAPTURED)
    first = result.posts[0]
    assert (first.edited_at, first.edited_by) == (None, "管理小蝦")
    assert any(error.startswith("post 5501:") and "edit notice" in error for error in result.errors)


# --- SMF -------------------------------------------------------------------------------------


def test_smf_chinese_pack_edit_by_word_and_quote_date_of_unknown_shape():
    """SMF 2.0 with the Simplified Chinese pack: the edit line's "by" is "由" ("上次编辑: <date> 由 X"),
    which the edit reader did not know (no editor, no error); a quote header whose date the reader
    cannot place ("引用自: 小明 于 2016年03月05日, 22:10:00") took the whole rest, date included, for
    its author. A name's own number ("Team 2 于 …") stays in the name."""
    result = parsed("field_smf/chinese_pack_quote_and_edit_words.html",
                    "https://yugang.example/index.php?topic=77.0", datetime(2024, 1, 1, 23, 0, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "smf")
    assert [(p.post_id, p.author.name, p.published_at, p.edited_at, p.edited_by) for p in result.posts] == [
        ("901", "小红", datetime(2016, 3, 6, 5, 45, 12, tzinfo=UTC), datetime(2016, 3, 6, 6, 0, tzinfo=UTC),
         "管理员阿强"),
        ("902", "老王", datetime(2024, 1, 1, 10, 15, tzinfo=UTC), None, None),
    ]
    assert [(q.author, q.post_id, q.text) for p in result.posts for q in p.quotes] == [
        ("小明", "900", "一周换一次。"), ("Team 2", "800", "水温要一样。")]
    assert [p.text for p in result.posts] == ["我两周换一次。", "好的。"]


def test_smf_edit_line_with_an_unknown_by_word_keeps_its_time_and_says_the_editor_is_unread():
    """A pack's "by" of two words or a label ("על ידי", "작성자:") left the whole rest to the date
    reader: neither time nor editor, and no error. The time ends at its clock; the page's errors say
    the editor was not read. Same page as above, the edit line reworded by hand."""
    page = (DATA / "field_smf/chinese_pack_quote_and_edit_words.html").read_text(encoding="utf-8")
    page = page.replace("上次编辑: 2016-03-06, 06:00:00 由 管理员阿强", "上次编辑: 2016-03-06, 06:00:00 编辑者为 某人 管理员阿强")
    result = parse_page(page.encode("utf-8"), "https://yugang.example/index.php?topic=77.0",
                        datetime(2024, 1, 1, 23, 0, tzinfo=UTC))
    first = result.posts[0]
    assert (first.edited_at, first.edited_by) == (datetime(2016, 3, 6, 6, 0, tzinfo=UTC), None)
    assert any(error.startswith("post 901:") and "editor is not read" in error for error in result.errors)


# --- MyBB ------------------------------------------------------------------------------------


def test_mybb_edit_notice_without_a_by_word_keeps_its_time_and_quote_verbs():
    """MyBB 1.8 with a Hungarian pack and board settings ("Y-m-d", "H:i", "Ma"/"Tegnap"): the edit
    notice's pack string has no word between the date and the editor's link, and the reader dropped
    the date's last word as the "by": "Ma, 08:00" lost its time and the edit was read at midnight,
    silently. The quotes ("X írta:") had no author."""
    result = parsed("field_mybb/hungarian_edit_notice_without_by_word.html",
                    "https://anglers.example/thread-314-page-2.html", datetime(2024, 6, 1, 19, 0, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "mybb")
    assert [(p.post_id, p.author.name, p.published_at, p.edited_at, p.edited_by) for p in result.posts] == [
        ("5001", "Reel Rita", datetime(2024, 6, 1, 2, 14, tzinfo=UTC), datetime(2024, 6, 1, 13, 0, tzinfo=UTC),
         "Reel Rita"),
        ("5002", "Visitor Val", datetime(2024, 5, 31, 4, 0, tzinfo=UTC), None, None),
    ]
    quote = result.posts[0].quotes[0]
    assert (quote.author, quote.published_at, quote.post_id) == (
        "Hook Harry", datetime(2024, 5, 31, 3, 15, tzinfo=UTC), "4990")
    assert [(inner.author, inner.published_at) for inner in quote.quotes] == [
        ("Net Nell", datetime(2024, 5, 29, 12, 0, tzinfo=UTC))]
    assert not result.errors


def test_mybb_quote_header_verbs_of_both_genders_and_cjk():
    """Slavic packs print both genders ("написал(а):", "napisał(a):", "napsal(a):"), CJK ones a verb
    that may follow the name without a space and a full-width colon: these quotes had no author."""
    clock = ForumClock(CAPTURED, UTC, None)
    for citation, author in (("Пётр Лодкин написал(а):", "Пётр Лодкин"), ("Ola Wędka napisał(a):", "Ola Wędka"),
                             ("Jan Prut napsal(a):", "Jan Prut"), ("Лан Юй написав(ла):", "Лан Юй"),
                             ("Lan Yu 写道:", "Lan Yu"), ("藍燈魚寫道：", "藍燈魚"), ("Minh Anh đã viết:", "Minh Anh")):
        block = lxml_html.fragment_fromstring(
            f'<blockquote class="mycode_quote"><cite>{citation} <a href="post-7.html#pid7" class="quick_jump"></a>'
            "</cite>Made up words.</blockquote>")
        quote = read_mybb_quote(block, clock)
        assert (quote.author, quote.post_id, quote.text) == (author, "7", "Made up words."), citation
