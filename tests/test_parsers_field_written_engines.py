"""Markup of real boards on the engines with hand-written fixtures only (IP.Board 3, Discuz!,
phpBB 2, Flarum) that the parsers misread, each reproduced by a small hand-written page in
tests/data/field_<engine>/ (invented names and words; each file's header names the board and
engine version it imitates). Every expected value was written by hand from the fixture.

Why: a check on real pages of these engines found a board index read as a news article, a
Discuz! 7 thread read without authors, zone or next page, and phpBB 2 posts whose signatures,
authors and dates were lost; each test pins the rule the fix keys on, so no later change loses it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 1, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str, **kwargs):
    return parse_page((DATA / relative).read_bytes(), url, CAPTURED, **kwargs)


# --- IP.Board 3 ------------------------------------------------------------------------------


def test_ipb3_board_index_saying_og_article_is_a_forum_page_not_an_article():
    """IP.Board 3.4.6's board index declares og:type=article; its ipb.vars head script and
    body#ipboard_body mark it a forum page: unsupported with the reason, never an article."""
    result = parsed("field_ipb3/board_index_og_article.html", "https://kettle.example.org/forum/")
    assert result.kind == "unsupported"
    assert "Invision Power Board 3 page" in result.reason
    assert result.posts == []


def test_phpbb2_board_index_saying_og_article_is_a_forum_page_not_an_article():
    """The same hole on phpBB 2: a board index whose header says og:type=article. The "Powered by
    phpBB" footer link (a.copyright to phpbb.com) marks it a forum page."""
    result = parsed("field_phpbb2/phpbb2/board_index_og_article.html", "http://sheds.example.org/forum/index.php")
    assert result.kind == "unsupported"
    assert "(phpBB footer)" in result.reason
    assert result.posts == []


# --- Discuz! 7 -------------------------------------------------------------------------------

DISCUZ7_URL = "http://cha.example.cn/bbs/viewthread.php?tid=80412&extra=page%3D1"


def test_discuz7_thread_reads_authors_zone_title_breadcrumb_and_next_page():
    """Discuz! 7.2's viewthread.htm: the author in td.postauthor > div.postinfo (space.php?uid=N),
    the zone in div#footlink ("GMT+8"), the title div#threadtitle > h1, the breadcrumb div#nav and
    the pager div.pages with a.next."""
    result = parsed("field_discuz/discuz72_thread_p1.html", DISCUZ7_URL)
    assert (result.kind, result.engine) == ("thread_page", "discuz")
    assert result.errors == []
    base = "http://cha.example.cn/bbs/"
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.author.url, p.published_at)
            for p in result.posts] == [
        ("910001", 1, "青石板", "3301", base + "space.php?uid=3301", datetime(2010, 3, 5, 7, 31, tzinfo=UTC)),
        ("910007", 2, "watercress", "4412", base + "space.php?uid=4412", datetime(2010, 3, 5, 8, 18, tzinfo=UTC)),
        ("910015", 3, "柳叶刀", "5520", base + "space.php?uid=5520", datetime(2010, 3, 6, 1, 5, tzinfo=UTC)),
    ]
    # the signature (div.signatures) left out
    assert result.posts[1].text == "用一根细绳把盖钮和壶把系起来，老办法，很管用。"
    assert result.posts[0].url == base + "redirect.php?goto=findpost&ptid=80412&pid=910001"
    thread = result.thread
    assert (thread.id, thread.title, thread.forum, thread.page, thread.page_count) == (
        "80412", "茶壶的盖子总是掉", ["茶话小站", "厨房杂谈"], 1, 3)
    assert thread.url == base + "viewthread.php?tid=80412"
    assert thread.starter.name == "青石板"
    assert result.next_page_url == base + "viewthread.php?tid=80412&extra=page%3D1&page=2"


# --- phpBB 2 ---------------------------------------------------------------------------------


def test_phpbb2_subsilver_signature_in_the_message_span_is_left_out():
    """Stock subSilver prints {MESSAGE}{SIGNATURE} in one span.postbody: the signature, after
    "<br />_________________<br />", is not the poster's words."""
    result = parsed("field_phpbb2/phpbb2/subsilver_inline_signature.html",
                    "http://sheds.example.org/forum/viewtopic.php?t=4410")
    assert (result.kind, result.engine, result.errors) == ("thread_page", "phpbb2", [])
    texts = {p.post_id: p.text for p in result.posts}
    assert texts["5127"] == "Damp air will bloom the lacquer. Wait for a dry day and warm the panel first...lol"
    assert "spanner" not in result.posts[1].html
    assert texts["5120"] == "Is it daft to paint a front wing in the garage with the door open while it rains?"
    next_page = "http://sheds.example.org/forum/viewtopic.php?t=4410&postdays=0&postorder=asc&start=15"
    assert result.next_page_url == next_page


def test_phpbb2_modified_board_ordinal_anchors_name_span_and_date_without_span_gen():
    """A modified board prints ordinal anchors (<a name="1">) beside the real ones, the author's
    anchor beside span.name, and the date in span.postdetails without span.gen: the posts are the
    anchors whose row holds their own viewtopic.php?p=N#N, each with its name and time."""
    result = parsed("field_phpbb2/phpbb2/modified_ordinal_anchors.html", "http://kiez.example.de/viewtopic.php?t=7711")
    assert (result.kind, result.engine) == ("thread_page", "phpbb2")
    assert result.errors == []
    profile = "http://kiez.example.de/profile.php?mode=viewprofile&u="
    assert [(p.post_id, p.position, p.author.name, p.author.url, p.published_at) for p in result.posts] == [
        ("4170001", 1, "Möwe", profile + "422", datetime(2016, 5, 20, 15, 5, tzinfo=UTC)),
        ("4170007", 2, "Bootsmann", profile + "13016", datetime(2016, 5, 20, 15, 18, tzinfo=UTC)),
        ("4170012", 3, "Möwe", profile + "422", datetime(2016, 5, 20, 16, 40, tzinfo=UTC)),
    ]
    assert result.posts[0].text == "Wer fährt am Samstag mit dem Zug?\nAbfahrt wäre um acht."
    assert result.posts[1].text == "Ich bringe zwei mit."
    assert result.thread.starter.name == "Möwe"


# --- Flarum ----------------------------------------------------------------------------------


def test_flarum_post_without_user_relationship_is_not_a_deleted_account():
    """Only ``"user": {"data": null}`` is a deleted account. A post without the relationship (an
    answer asked with include=posts, not posts.user) and a user linked but not included are said so,
    the linked user's id kept."""
    result = parsed("field_flarum/posts_users_linked_absent_null.json",
                    "https://tea.example.org/api/posts?filter%5Bdiscussion%5D=31&sort=number",
                    content_type="application/vnd.api+json")
    assert (result.kind, result.engine) == ("thread_page", "flarum")
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("501", "steeped_sam", "7"), ("502", None, "9"), ("503", None, None), ("504", None, None)]
    assert result.errors == [
        "post 502: the author's name is not in the answer (user 9 is linked but not included)",
        "post 503: no author in the answer (it has no user relationship: the API was not asked to include"
        " the posts' users)",
        "post 504: no author (a deleted account)",
    ]


def test_phpbb2_modified_board_quote_label_quote_time_and_edit_notice_in_signature_cell():
    """The same board labels quotes "<b>Zitat - </b>X hat folgendes geschrieben:" (the author is X),
    opens each with "(Datum Originalbeitrag: 20.05.2016 16:05 GMT +1)" (the quoted post's time, not
    its words) and prints the edit notice in the signature's cell."""
    result = parsed("field_phpbb2/phpbb2/modified_ordinal_anchors.html", "http://kiez.example.de/viewtopic.php?t=7711")
    post = result.posts[1]
    [quote] = post.quotes
    assert (quote.author, quote.published_at, quote.text) == (
        "Hafenkran", datetime(2016, 5, 20, 15, 5, tzinfo=UTC), "Wer bringt am Samstag die Thermoskanne mit?")
    assert quote.citation == ("Zitat - Hafenkran hat folgendes geschrieben: "
                              "(Datum Originalbeitrag: 20.05.2016 16:05 GMT +1)")
    assert (post.edited_at, post.edited_by) == (datetime(2016, 5, 20, 15, 21, tzinfo=UTC), None)
    assert result.posts[0].edited_at is None and result.posts[0].quotes == []
