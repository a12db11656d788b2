"""parsers/edit_notices.py and the engines' edit-notice readers: an edit notice in a language pack
whose words no reader knows keeps its time, names its editor only from the board's own markup (one
member link, one bold name), and otherwise says in the errors that the editor is not read, never
dropping it silently nor guessing it. That caveat is no loss (the page is not incomplete).
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA
from lxml import html as lxml_html

from parsers.edit_notices import EDITOR_NOT_READ, editor_not_read, notice_not_read, one_marked_name
from parsers.losses import lost_content
from parsers.registry import parse_page

UTC = timezone.utc
NOTICES = DATA / "field_edit_notices"
UNSTATED_ZONE = "printed times read as UTC: the page does not say which zone it prints them in"


def _profile(href: str) -> bool:
    return "member.php" in href


def _notice(markup: str):
    return lxml_html.fragment_fromstring(markup, create_parent="div")


# --- the language-free rule --------------------------------------------------------------------


def test_one_member_link_or_one_bold_name_is_the_editor():
    assert one_marked_name(_notice('Naposledy upravil <a href="member.php?u=4">Jíl</a>; 1.2.2020'), _profile) == "Jíl"
    assert one_marked_name(_notice("Naposledy upravil <b>Jíl</b>; 1.2.2020"), _profile) == "Jíl"
    # A link elsewhere than a profile is no name; the bold one is.
    assert one_marked_name(_notice('<a href="showthread.php?t=9">Téma</a> <strong>Jíl</strong>'), _profile) == "Jíl"


def test_two_names_a_bold_phrase_or_no_markup_name_no_editor():
    two = 'upravili <a href="member.php?u=4">Jíl</a> a <a href="member.php?u=5">Písek</a>'
    assert one_marked_name(_notice(two), _profile) is None
    assert one_marked_name(_notice("<b>Naposledy upravil Jíl; 1.2.2020</b>"), _profile) is None
    assert one_marked_name(_notice("Naposledy upravil Jíl; 1.2.2020"), _profile) is None


def test_the_error_names_the_post_and_the_notice():
    assert editor_not_read("12", "  Naposledy upravil   Jíl; 1.2.2020 ") == (
        "post 12: the edit notice's editor is not read: 'Naposledy upravil Jíl; 1.2.2020'")
    assert editor_not_read("12") == f"post 12: {EDITOR_NOT_READ}"
    assert notice_not_read("12", "Naposledy upravil Jíl; 1.2.2020") == (
        "post 12: the edit notice's time and editor are not read: 'Naposledy upravil Jíl; 1.2.2020'")


# --- vBulletin 4: the stock note prints the editor as bare text ---------------------------------


def test_vbulletin4_unknown_pack_note_editor_from_markup_or_said():
    """The Czech-style note names its editor as bare text (post 6101): the time is read and the
    missing editor said; a style that links (6102) or bolds (6103) the name gives it in any
    language. Before, all three editors were None and the errors said nothing of them."""
    result = parse_page((NOTICES / "vb4_czech_pack_edit_notes.html").read_bytes(),
                        "https://hrnce.example/forum/showthread.php?88-Glazura-na-hlinene-hrnce",
                        datetime(2011, 4, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("6101", "Lucerna", "21", datetime(2011, 3, 12, 9, 0, tzinfo=UTC)),
        ("6102", "Kovářík", "22", datetime(2011, 3, 12, 11, 30, tzinfo=UTC)),
        ("6103", "Lucerna", "21", datetime(2011, 3, 13, 7, 45, tzinfo=UTC)),
    ]
    assert [(p.edited_at, p.edited_by) for p in result.posts] == [
        (datetime(2011, 3, 12, 10, 15, tzinfo=UTC), None),
        (datetime(2011, 3, 13, 8, 40, tzinfo=UTC), "Lucerna"),
        (datetime(2011, 3, 14, 19, 5, tzinfo=UTC), "Kovářík"),
    ]
    assert result.errors == [
        "post 6101: the edit notice's editor is not read: 'Naposledy upravil Kovářík; 12.03.2011 v 10:15.'",
        UNSTATED_ZONE,
    ]
    assert lost_content(result) == []  # a caveat on a post read, not part of the thread missing


def test_vbulletin5_note_in_unknown_words_is_said():
    """vBulletin 5's ``.b-post__edit`` prints no ``span.time``: a note in words no reader knows
    gave neither time nor editor, and no error. It is now said (and still no loss)."""
    page = (DATA / "vbulletin" / "vb5_variants.html").read_text("utf-8")
    english = "Last edited by Inky; 05-01-2024, 07:15 AM."
    assert english in page
    page = page.replace(english, "Naposledy upravil Inky; 05-01-2024, 07:15.")
    result = parse_page(page.encode("utf-8"), "https://vb5.example/forum/hardware/9900-printer-help",
                        datetime(2024, 6, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    said = [e for e in result.errors if "edit notice" in e]
    assert len(said) == 1 and said[0].endswith(
        "the edit notice's time and editor are not read: 'Naposledy upravil Inky; 05-01-2024, 07:15.'")
    assert all((p.edited_at, p.edited_by) == (None, None) for p in result.posts)
    assert lost_content(result) == []


# --- Invision Community 4: the name is bare text inside the line's <strong> ---------------------


def test_ips4_edit_line_in_unknown_pack_says_the_editor_is_not_read():
    """Posts 70201 (an editor word the reader does not know) and 70202 (the name before the time)
    keep their edit times and say their editors are not read; the English line (70203) names its
    editor. Before, both editors were None with no error."""
    result = parse_page((NOTICES / "ips4_edit_line_name_first.html").read_bytes(),
                        "https://hlina.example/topic/402-pec-na-drevo/", datetime(2019, 6, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "ips")
    assert [(p.post_id, p.author.name, p.published_at, p.edited_at, p.edited_by) for p in result.posts] == [
        ("70201", "Hrnčíř", datetime(2019, 5, 2, 8, 0, tzinfo=UTC), datetime(2019, 5, 2, 9, 15, tzinfo=UTC), None),
        ("70202", "Glazurka", datetime(2019, 5, 2, 10, 0, tzinfo=UTC), datetime(2019, 5, 2, 10, 30, tzinfo=UTC),
         None),
        ("70203", "Hrnčíř", datetime(2019, 5, 3, 6, 0, tzinfo=UTC), datetime(2019, 5, 3, 6, 20, tzinfo=UTC),
         "Hrnčíř"),
    ]
    assert result.errors == [
        "post 70201: the edit notice's editor is not read: 'Upraveno 2. května 2019 uživatelem Glazurka'",
        "post 70202: the edit notice's editor is not read: 'Glazurka 2. května 2019 tarihinde düzenledi'",
    ]
    assert lost_content(result) == []


# --- phpBB 3.0: the editor bare to a reader who may not view profiles ----------------------------


def test_phpbb30_plain_editor_in_unknown_pack_is_said():
    """phpBB's Czech 'Naposledy upravil(a) %2$s dne %3$s, …' with the editor bare (post 8201): no
    reader finds its name or date, and the errors now say so; the linked editor (8202) is read in
    any language. Before, 8201's edit was dropped, time and editor, silently."""
    result = parse_page((NOTICES / "phpbb30_czech_plain_editor.html").read_bytes(),
                        "https://hlina.example/forum/viewtopic.php?f=4&t=650", datetime(2010, 2, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    assert [(p.post_id, p.author.name, p.author.id, p.published_at, p.edited_at, p.edited_by)
            for p in result.posts] == [
        ("8201", "Točník", "7", datetime(2010, 1, 12, 14, 27, tzinfo=UTC), None, None),
        ("8202", "Hlinka", "9", datetime(2010, 1, 13, 7, 10, tzinfo=UTC), datetime(2010, 1, 13, 7, 30, tzinfo=UTC),
         "Hlinka"),
    ]
    assert result.errors == [
        "post 8201: the edit notice's time and editor are not read: "
        "'Naposledy upravil(a) Hlinka dne 14 led 2010 09:05, celkem upraveno 1 x.'"]
    assert lost_content(result) == []


# --- MyBB: the editor bare when the board has no member for it (user id 0) ------------------------


def test_mybb_edit_notice_without_a_profile_link_is_said():
    """MyBB's postbit_editedby prints ``build_profile_link(editusername, edituid)``, a bare name for
    user id 0. The Hungarian page's notice with its editor link taken out: nothing is read, and the
    errors now say so (before, the edit was dropped silently)."""
    page = (DATA / "field_mybb" / "hungarian_edit_notice_without_by_word.html").read_text("utf-8")
    linked = '08:00 <a href="https://anglers.example/user-42.html">Reel Rita</a>.)'
    assert linked in page
    page = page.replace(linked, "08:00 Reel Rita.)")
    result = parse_page(page.encode("utf-8"), "https://anglers.example/thread-314-page-2.html",
                        datetime(2024, 6, 1, 19, 0, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "mybb")
    assert [(p.post_id, p.edited_at, p.edited_by) for p in result.posts] == [("5001", None, None), ("5002", None, None)]
    assert result.errors == ["post 5001: the edit notice's time and editor are not read: "
                             "'(Ezt a bejegyzést utoljára módosította: Ma, 08:00 Reel Rita.)'"]
    assert lost_content(result) == []


# --- ProBoards: the editor is a member link; without it, said ------------------------------------


def test_proboards_edit_notice_without_a_member_link_is_said():
    """ProBoards prints "Last Edit: <abbr> by <a href="/user/N">X</a>" (public scrapers read the
    editor's id from that link). A notice whose editor has no member link keeps its time and says
    the editor is not read; before, the editor was dropped silently."""
    page = (DATA / "proboards_site" / "thread" / "12" / "pike-on-the-fly" / "index.html").read_text("utf-8")
    linked = 'by <a class="user-link user-7 group-2" href="/user/7" data-id="7">Kari</a></div>'
    assert page.count(linked) == 1
    page = page.replace(linked, "by Kari</div>").replace("{{BASE_URL}}", "https://pike.example")
    result = parse_page(page.encode("utf-8"), "https://pike.example/thread/12/pike-on-the-fly",
                        datetime(2024, 6, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "proboards")
    assert [(p.post_id, p.edited_at, p.edited_by) for p in result.posts][-1] == (
        "1203", datetime(2024, 3, 5, 16, 30, tzinfo=UTC), None)
    assert "post 1203: the edit notice's editor is not read: 'Last Edit: Mar 5, 2024 16:30:00 GMT by Kari'" \
        in result.errors
    assert lost_content(result) == []
