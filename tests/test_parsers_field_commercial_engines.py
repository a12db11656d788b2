"""Markup of commercial-engine boards (vBulletin, XenForo, Invision, Discourse) met on real pages the
parsers had not seen, each reproduced by a small hand-written page in tests/data/field_<engine>/
(no third-party text or markup: each file's header says which kind of board it imitates). Every
expected value was written by hand from the fixture.

Why: a field check on saved pages of unseen boards found these; each test pins the general rule
the fix keys on (what every theme of the engine keeps), so a later change cannot lose it again.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 3, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str):
    return parse_page((DATA / relative).read_bytes(), url, CAPTURED)


# --- XenForo --------------------------------------------------------------------------------


def test_xenforo_california_style_printed_post_numbers_are_the_positions():
    """VerticalScope's "California" XenForo 2 style drops the ``message-attribution`` header: the post
    number is a "#N" link to the post itself (``a.MessageCard__post-position``) beside a schema.org
    ``meta[itemprop=position]``. The page opens at post #2, so its first post is neither post 1 nor
    the thread's opening post: no starter nor start time is taken from it."""
    result = parsed("field_xenforo/california_post_position.html",
                    "https://wagons.example/threads/squeaky-belt-after-cold-start.55501/")
    assert (result.kind, result.engine) == ("thread_page", "xenforo")
    assert result.errors == []
    assert result.thread.id == "55501"
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("7100201", 2, "gravel_gus", "3301", datetime(2024, 2, 10, 13, 15, tzinfo=UTC)),
        ("7100202", 3, "moss_mira", "3417", datetime(2024, 2, 10, 13, 40, 30, tzinfo=UTC)),
        # No "#N" link: the schema.org position says 7 (a "#2" link in the words is another post's).
        ("7100230", 7, "tarmac_ted", "3522", datetime(2024, 2, 12, 0, 5, tzinfo=UTC)),
    ]
    assert result.thread.starter is None and result.thread.started_at is None
    assert [p.text for p in result.posts] == [
        "Check the idler pulley bearing before swapping the belt.",
        "Pulley it was, thanks.",
        "Same fix on mine, #2 saved me a belt.",
    ]


# --- vBulletin ------------------------------------------------------------------------------


def test_vbulletin_nextgen_div_postbit_posts_and_microdata_crumbs():
    """Internet Brands' vBulletin 3.9 "NextGen" style: posts as ``div.tpost`` rows, dates as text in
    GMT, post numbers in ``a#postcountN``, the edit note with its reason. Its crumbs are schema.org
    microdata with ``span.navbar`` left only as a separator: the forum path comes from the microdata
    (the thread's own title in the crumb's ``h1`` is not an item of the list), without the site's
    home, its first crumb, as vBulletin's own crumbs leave it out (navbithome)."""
    result = parsed("field_vbulletin/nextgen_div_postbit_microdata_crumbs.html",
                    "https://www.gliders.example/winch-talk/5512-winch-cable-frayed-at-launch.html")
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert result.errors == []
    assert (result.thread.id, result.thread.title) == ("5512", "Winch cable frayed at launch")
    assert result.thread.forum == ["Airfield Life", "Winch Talk"]
    assert (result.thread.page, result.thread.page_count, result.next_page_url) == (1, 1, None)
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("880101", 1, "ridge_runner", "4410", datetime(2022, 6, 4, 7, 5, tzinfo=UTC)),
        ("880144", 2, "thermal_tess", "5027", datetime(2022, 6, 4, 22, 31, tzinfo=UTC)),
    ]
    first = result.posts[0]
    assert (first.edited_at, first.edited_by) == (datetime(2022, 6, 5, 9, 40, tzinfo=UTC), "ridge_runner")
    assert first.text == "The cable parted at two hundred feet and the drogue came down in the barley."
    assert result.thread.starter.name == "ridge_runner"


def test_xenforo_author_name_of_decoder_stand_ins_is_kept_with_an_error():
    """A Chinese board's page whose bytes are windows-1256 but labelled UTF-8 (the fuzzer's "wrong
    encoding"): the poster's name comes out as "??". It has no letter or digit, so it is the
    decoder's stand-ins, not a member's name: kept, but an error names the post."""
    text = (DATA / "field_xenforo/later_post_first_without_page_nav.html").read_text(encoding="utf-8")
    result = parse_page(text.encode("cp1256", "replace"), "https://bbs.example/threads/1594329/", CAPTURED,
                        content_type="text/html; charset=utf-8")
    assert result.kind == "thread_page"
    assert [(p.post_id, p.author.name) for p in result.posts] == [("5521", "??")]
    assert any("post 5521" in error and "no letter or digit" in error for error in result.errors)


def test_vbulletin_counter_text_is_the_post_number_without_postcount_anchor():
    """fxp.co.il's vBulletin 4 skin prints the post's number only as the text of ``a.postcounter``
    ("#11") and drops the hidden ``a#postcountN`` that carries it in the stock postbit. The page is
    the thread's second: its first post is the 11th, not the thread's opening post."""
    result = parsed("field_vbulletin/postcounter_text_without_postcount_anchor.html",
                    "https://www.boards.example/showthread.php?t=30117&page=2")
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert result.thread.id == "30117"
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("9100311", 11, "galgal_sus", "4401", datetime(2024, 2, 12, 21, 7, tzinfo=UTC)),
        ("9100342", 12, "tzipor_laila", "5125", datetime(2024, 2, 13, 7, 45, tzinfo=UTC)),
    ]
    assert result.thread.starter is None and result.thread.started_at is None
    assert [p.text for p in result.posts] == ["Swap the starter capsule before the tube.",
                                              "The capsule did it, no more flicker."]


def test_xenforo_post_number_printed_with_the_language_thousands_separator():
    """XenForo 2 prints a post's number through number(), so with the language's thousands
    separator: "#1 221" (a no-break space) on a French board, "#1.221" on a German one. Read as
    no number at all, the posts of page 62 were numbered by their places on the page (1, 2)."""
    result = parsed("field_xenforo/number_with_language_thousands_separator.html",
                    "https://cabanes.example/threads/le-poele-qui-fume.4410/page-62")
    assert (result.kind, result.engine) == ("thread_page", "xenforo")
    assert result.errors == []
    assert (result.thread.id, result.thread.page, result.thread.page_count) == ("4410", 62, 63)
    assert result.next_page_url == "https://cabanes.example/threads/le-poele-qui-fume.4410/page-63"
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("880411", 1221, "Brindille", "51", datetime(2024, 1, 18, 18, 2, 11, tzinfo=UTC)),
        ("880436", 1222, "Castor_Roux", "77", datetime(2024, 1, 18, 20, 40, tzinfo=UTC)),
    ]
    assert result.thread.starter is None


def test_vbulletin5_thread_title_is_the_page_title_module_not_the_announcement():
    """A stock vBulletin 5 thread page opens with the announcement module, whose h1.main-title
    ("Announcement") precedes the page-title module's h1.main-title naming the thread: every module
    of vBulletin 5 titles itself with that class, so only the page-title module's names the thread."""
    result = parsed("field_vbulletin/vb5_announcement_module_above_page_title.html",
                    "https://kettles.example/forum/small-appliances/4410-kettle-descaling-schedule")
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert (result.thread.id, result.thread.title) == ("4410", "Kettle descaling schedule")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("4410", 1, "ferrule", "103", datetime(2014, 10, 24, 13, 0, 3, tzinfo=UTC)),
        ("4413", 2, "limescale_lou", "4", datetime(2014, 10, 24, 13, 34, 20, tzinfo=UTC)),
    ]
    assert [p.text for p in result.posts] == ["How often should a hard-water kettle be descaled?",
                                              "Monthly, with citric acid."]


def test_xenforo_edit_notice_editor_from_the_template_phrase_in_any_pack():
    """XenForo's post template prints "last_edited" before the edit time when the poster edited the
    post and "last_edited_by_moderator" when a moderator did; neither names a member. In a Russian
    pack the poster's own edit ("Последнее редактирование:") gave no editor, and the English
    "Last edited by a moderator:" gave the editor "a moderator". The poster is the editor of their
    own edit in a known pack's words; a moderator's edit has none (the moderator is not named)."""
    result = parsed("field_xenforo/edit_notice_language_pack_phrases.html",
                    "https://les.example/threads/pech-dymit-zimoj.3120/")
    assert (result.kind, result.engine) == ("thread_page", "xenforo")
    assert result.errors == []
    assert [(p.post_id, p.position, p.author.name, p.edited_at, p.edited_by) for p in result.posts] == [
        ("610001", 1, "Ёлка_Лесная", datetime(2023, 12, 2, 7, 30, tzinfo=UTC), "Ёлка_Лесная"),
        ("610007", 2, "Бобр", datetime(2023, 12, 2, 9, 0, tzinfo=UTC), None),
        ("610009", 3, "Сова", datetime(2023, 12, 3, 6, 5, tzinfo=UTC), None),
    ]
    assert [p.text for p in result.posts] == ["Печь дымит, когда на улице мороз.", "Проверьте тягу и заслонку.",
                                              "У меня помог новый колпак."]


def test_ips_edit_line_editor_where_the_pack_keeps_the_phrase_shape():
    """IPS's edit line is its "date_edited" phrase, "Edited %s by %s": the edit's <time>, one word,
    the editor's name. Only English "Edited ... by" gave an editor; German "Bearbeitet <time> von X"
    and French "Modifié <time> par X" gave none. A line that puts the name elsewhere (before its
    verb, Turkish-style) still gives none, not a word of the phrase."""
    result = parsed("field_ips/edit_line_editor_in_language_packs.html",
                    "https://kraeuter.example/topic/812-basilikum-im-winter/")
    assert (result.kind, result.engine) == ("thread_page", "ips")
    assert result.errors == [
        "post 9006: the edit notice's editor is not read: '5. November 2023 tarihinde Çınar tarafından düzenlendi'"]
    assert [(p.post_id, p.author.name, p.edited_at, p.edited_by) for p in result.posts] == [
        ("9001", "Wurzelsepp", datetime(2023, 11, 4, 9, 12, tzinfo=UTC), "Kräuterhexe"),
        ("9004", "Lavande", datetime(2023, 11, 4, 10, 40, tzinfo=UTC), "Lavande"),
        ("9006", "Çınar", datetime(2023, 11, 5, 8, 5, tzinfo=UTC), None),
    ]
    assert [p.text for p in result.posts] == ["Mein Basilikum wird im Winter gelb.", "Plus de lumière, moins d'eau.",
                                              "Pflanzenlampe hilft."]


def test_vbulletin5_path_without_home_crumb_and_vote_count_as_likes():
    """vBulletin 5's breadcrumb begins with the site-root crumb "Home", which vBulletin 4's path
    leaves out (its ``navbithome``): the path began "Home", "Forum". vBulletin 5 counts a post's
    likes in the footer's ``li.votecount``, which no reaction was read from; it is the engine's
    "Like" count, as vBulletin 3 and 4 likes are."""
    result = parsed("field_vbulletin/vb5_home_crumb_and_vote_count.html",
                    "https://kettles.example/forum/small-appliances/4410-kettle-descaling-schedule")
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert result.errors == []
    assert (result.thread.id, result.thread.title) == ("4410", "Kettle descaling schedule")
    assert result.thread.forum == ["Forum", "Small Appliances"]
    assert [(p.post_id, p.position, p.author.name, p.reactions) for p in result.posts] == [
        ("4410", 1, "ferrule", {"Like": 3}),
        ("4413", 2, "limescale_lou", {}),
    ]
    assert [p.text for p in result.posts] == ["How often should a hard-water kettle be descaled?",
                                              "Monthly, with citric acid."]


def test_vbulletin_romanian_today_and_yesterday_before_the_time():
    """vBulletin prints a recent post's date with its pack's "today"/"yesterday" phrase: Romanian
    "Astăzi, 10:15" and "Ieri, 21:40". "Ieri" was read but "Astăzi" was not (the post had no time,
    with an error). Both are days of the capture in the board's stated zone (GMT -5)."""
    result = parsed("field_vbulletin/romanian_today_yesterday_dates.html",
                    "https://albine.example/forum/showthread.php?t=7710")
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert result.errors == []
    assert [(p.post_id, p.position, p.author.name, p.published_at) for p in result.posts] == [
        ("880030", 1, "Matca_Mare", datetime(2024, 2, 27, 14, 5, tzinfo=UTC)),
        ("880025", 2, "Fagure", datetime(2024, 2, 29, 2, 40, tzinfo=UTC)),
        ("880021", 3, "Apicultor_Ion", datetime(2024, 2, 29, 15, 15, tzinfo=UTC)),
    ]
    assert result.thread.forum == ["Apicultură"]


def test_starter_only_from_a_post_known_to_be_the_first():
    """Page 1's first post is the thread's first only when the page says so: its printed number
    (XenForo, vBulletin) or IPS 5's ``data-ips-first-post``. A page 1 whose first post was deleted or
    hidden, a permalink view, a sorted view opens with a later post; taken by its place on the page,
    that post's poster was named the thread's starter, silently. Without the number: no starter."""
    xenforo = parsed("field_xenforo/page_one_without_post_numbers.html",
                     "https://cabanes.example/threads/le-poele-qui-fume.4410/")
    assert (xenforo.kind, xenforo.engine, xenforo.thread.page) == ("thread_page", "xenforo", 1)
    assert [(p.post_id, p.author.name) for p in xenforo.posts] == [("880411", "Brindille"), ("880436", "Castor_Roux")]
    assert (xenforo.thread.starter, xenforo.thread.started_at) == (None, None)

    vbulletin = parsed("field_vbulletin/vb3_skin_without_post_numbers.html",
                       "https://paddle.example/forum/showthread.php?t=500")
    assert (vbulletin.kind, vbulletin.engine, vbulletin.thread.page) == ("thread_page", "vbulletin", 1)
    assert [(p.post_id, p.published_at) for p in vbulletin.posts] == [
        ("1004", datetime(2011, 3, 12, 10, 15, tzinfo=UTC)), ("1007", datetime(2011, 3, 12, 11, 40, tzinfo=UTC))]
    assert vbulletin.posts[0].author.name == "kayak_kurt"
    assert (vbulletin.thread.starter, vbulletin.thread.started_at) == (None, None)

    # A vBulletin 4 skin printing the number as bare text in span.nodecontrols ("#1") numbers the post.
    numbered = parsed("field_vbulletin/message_additions.html", "https://pond.example/showthread.php?t=70")
    assert [(p.post_id, p.position) for p in numbered.posts] == [("7001", 1), ("7002", 2)]
    assert numbered.thread.starter.name == "Pondkeeper"

    # IPS 4 prints no post numbers and this page no JSON-LD: the first post shown names no starter.
    ips = parsed("field_ips/edit_line_editor_in_language_packs.html",
                 "https://kraeuter.example/topic/812-basilikum-im-winter/")
    assert (ips.kind, ips.engine, ips.thread.page) == ("thread_page", "ips", 1)
    assert ips.posts[0].author.name == "Wurzelsepp"
    assert (ips.thread.starter, ips.thread.started_at) == (None, None)


def test_vbulletin_author_name_of_decoder_stand_ins_says_so():
    """A page saved in another charset than its own: a poster's name came out as "????". As
    XenForo, IPS and phpBB say through ``author_name_errors``, vBulletin now says the name has no
    letter or digit (a wrong character encoding?); the post keeps no name (a symbol is no member's)."""
    result = parsed("field_vbulletin/vb3_skin_without_post_numbers.html",
                    "https://paddle.example/forum/showthread.php?t=500")
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("1004", "kayak_kurt", "31"), ("1007", None, "44")]
    assert ("post 1007: author name '????' has no letter or digit (a wrong character encoding?)"
            in result.errors)
    assert [p.text for p in result.posts] == ["Butyl tape under the rim worked for me.",
                                              "Mine still leaks at the bow hatch."]
