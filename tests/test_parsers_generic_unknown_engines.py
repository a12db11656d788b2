"""The generic parser on thread pages of engines the project has no parser for (and on engine
markup read with engine="generic"): every post right, or ``unsupported`` with a reason.

Fixtures: tests/data/generic_unknown/, hand-written from each engine's public templates (each
file's header names them and gives the expected values, checked by hand against the page). The
real pages (../shared/fixtures/real) are read where present.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from parsers.registry import parse_page

from conftest import DATA, REAL_FIXTURES

PAGES = DATA / "generic_unknown"
UTC = timezone.utc


def parse(name: str, url: str, captured: datetime, engine: str | None = None):
    return parse_page((PAGES / name).read_bytes(), url, captured, engine=engine)


# --- Engines without a parser: right posts or an honest refusal -------------------------------


def test_bbpress_topic_whose_date_and_author_stand_apart_is_read_by_bbpress():
    # bbPress puts a post's date in div.bbp-reply-header and its author in the div after it: the
    # generic parser refuses to pair them; parsers.bbpress reads each pair from the templates.
    url = "https://greenhollow.example.org/forums/topic/leaking-shed-roof/"
    result = parse("bbpress_topic.html", url, datetime(2024, 3, 5, 12, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "bbpress")
    posts = result.posts
    assert [(p.post_id, p.position, p.author.name) for p in posts] == [
        ("4120", 1, "Quillmarsh"), ("4123", 2, "Bramblecote"), ("4131", 3, "Quillmarsh")]
    assert [p.published_at for p in posts] == [datetime(2024, 3, 3, 9, 15, tzinfo=UTC),
                                               datetime(2024, 3, 3, 11, 40, tzinfo=UTC),
                                               datetime(2024, 3, 4, 8, 2, tzinfo=UTC)]
    assert posts[0].text.startswith("Our allotment shed drips")
    assert [(q.author, q.text) for q in posts[1].quotes] == [(None, "The felt looks whole from the ground.")]
    assert posts[1].text.startswith("Tar paper first")
    assert (posts[2].edited_by, posts[2].edited_at) == ("Fernwhistle", None)  # "1 day ago": no time
    assert posts[2].text.startswith("Done, the felt went on") and "modified" not in posts[2].text
    assert (result.thread.title, result.thread.forum) == ("Leaking shed roof", ["Forums", "Sheds and Paths"])
    assert len(result.errors) == 1 and result.errors[0].startswith("printed times read as UTC")
    forced = parse("bbpress_topic.html", url, datetime(2024, 3, 5, 12, tzinfo=UTC), engine="generic")
    assert forced.kind == "unsupported" and "generic parser declined" in forced.reason and forced.posts == []


def test_xmb_thread_whose_only_dates_are_printed_and_join_dates_is_refused():
    # XMB prints "posted on 12-3-2024 at 09:15 AM" in a td.smalltxt and "Registered: 2-1-2019"
    # beside the name: no date element, and a join date must never become a post's date.
    url = "https://rustycreek.example.org/forum/viewthread.php?tid=915"
    captured = datetime(2024, 3, 15, tzinfo=UTC)
    detected = parse("xmb_viewthread.html", url, captured)
    # Said to be a forum page no parser reads (XMB's member.php?action=viewpro and u2u.php links),
    # never "no parser recognises this page".
    assert detected.kind == "unsupported" and "XMB topic" in detected.reason, detected.reason
    forced = parse("xmb_viewthread.html", url, captured, engine="generic")
    assert forced.kind == "unsupported" and "generic parser" in forced.reason and forced.posts == []


def test_invision_power_board_1_topic_is_a_forum_page_not_an_article():
    """Invision Power Board 1.x prints none of 2.x's page variables; its footer's "Powered by
    Invision Power Board" link is what every page keeps. Without it a 1.3 topic was a news article."""
    result = parse("ipb13_topic.html", "http://dance.example/forum/index.php?showtopic=2981",
                   datetime(2024, 3, 15, tzinfo=UTC))
    assert (result.kind, result.articles) == ("unsupported", [])
    assert "a forum page no parser reads yet (Invision Power Board footer)" in result.reason


def test_topic_whose_replies_print_their_age_not_a_date_is_a_forum_page_not_an_article():
    """V2EX's topics say og:type=article, and each reply (div#r_N with the member's link) prints its
    age ("4 小时 55 分钟前"), not a date, in a few Chinese words: the rows were not taken for posts
    (a printed date with its year, and 40 characters of words, were required), and the topic was a
    news article. An age is a printed date; a CJK character counts as two."""
    result = parse("v2ex_topic_relative_ages.html", "https://community.example/t/664539",
                   datetime(2020, 4, 21, 8, tzinfo=UTC))
    assert (result.kind, result.articles) == ("unsupported", [])
    assert "a forum page no parser reads yet (4 post rows div#r_8855735" in result.reason


KUNENA_URL = "https://hillapiary.example.net/index.php/forum/hives/2203-swarm-in-march"


def test_kunena_topic_posts_quotes_and_signature():
    result = parse("kunena_topic.html", KUNENA_URL, datetime(2024, 3, 15, 12, tzinfo=UTC))
    assert result.kind == "thread_page" and result.engine == "generic"
    posts = result.posts
    assert [p.post_id for p in posts] == ["5501", "5504", "5510"]
    assert [p.author.name for p in posts] == ["Juniper", "Tobin Reed", "Juniper"]
    assert posts[0].author.url == "https://hillapiary.example.net/index.php/forum/user/31-juniper"
    assert [p.published_at for p in posts] == [datetime(2024, 3, 12, 14, 5, tzinfo=UTC),
                                              datetime(2024, 3, 12, 16, 20, tzinfo=UTC),
                                              datetime(2024, 3, 13, 7, 45, tzinfo=UTC)]
    assert "Our beehive swarmed twice this week" in posts[0].text
    [quote] = posts[1].quotes
    assert quote.author == "Juniper"
    assert quote.text.startswith("Our beehive swarmed twice this week")
    assert "Put a bait hive with old comb" in posts[1].text and "Our beehive" not in posts[1].text
    assert "The bait hive worked" in posts[2].text
    assert "member since" not in posts[2].text and "bee diary" not in posts[2].text  # the signature


def test_kunena_edit_notice_outside_the_words_names_its_editor_and_time():
    # div.alert "Last edit: 12 Mar 2024 18:02 by <a href=/forum/user/7-moss>Moss</a>", the time in
    # its title: before, it stood outside the words and was dropped, the edit lost with no error.
    result = parse("kunena_topic.html", KUNENA_URL, datetime(2024, 3, 15, 12, tzinfo=UTC))
    edited = result.posts[1]
    assert (edited.edited_by, edited.edited_at) == ("Moss", datetime(2024, 3, 12, 18, 2, tzinfo=UTC))
    assert "Last edit" not in edited.text
    assert [(p.edited_by, p.edited_at) for p in (result.posts[0], result.posts[2])] == [(None, None)] * 2
    assert not any("edit notice" in error for error in result.errors)


# --- Engine markup read by the generic parser (engine="generic") ------------------------------


IPS_URL = "https://tinkerhollow.example.com/topic/812-lantern-flickers/"


def ips_page():
    return parse("ips4_jsonld_quotes.html", IPS_URL, datetime(2024, 5, 4, tzinfo=UTC), engine="generic")


def test_json_ld_posts_get_the_quotes_of_their_markup():
    # Invision's JSON-LD leaves every quote out of a post's text: the quote and the member it names
    # are read from the post's article#elComment_N.
    result = ips_page()
    assert result.kind == "thread_page" and "JSON-LD" in result.reason
    posts = result.posts
    assert [p.author.name for p in posts] == ["Harrowby", "Pellinore", "Harrowby"]
    assert posts[0].quotes == [] and posts[2].quotes == []
    [quote] = posts[1].quotes
    assert quote.author == "Harrowby"  # the attribute, not "14 hours ago, Harrowby" from the line
    assert quote.text == "The lantern flickers only when the kettle runs."
    assert posts[1].text.startswith("Shared neutral with the kettle socket")


def test_json_ld_opening_post_gets_the_id_of_its_element():
    result = ips_page()
    assert [p.post_id for p in result.posts] == ["9001", "9004", "9007"]
    assert not any("without an id" in error for error in result.errors)


BOARD_URL = "https://cellarcrafts.example.org/topic/77-cork/"


def board():
    return parse("quote_boxes_board.html", BOARD_URL, datetime(2024, 6, 12, tzinfo=UTC), engine="generic")


def test_quote_boxes_board_authors_and_times():
    result = board()
    assert result.kind == "thread_page"
    assert [p.post_id for p in result.posts] == ["301", "302", "304", "305", "306"]
    assert [p.author.name for p in result.posts] == ["Ostrander", "Wilhelmina", "Quarrender", "Ostrander", "Wilhelmina"]
    assert [p.published_at for p in result.posts] == [
        datetime(2024, 6, 10, 18, 0, tzinfo=UTC), datetime(2024, 6, 10, 19, 15, tzinfo=UTC),
        datetime(2024, 6, 10, 21, 40, tzinfo=UTC), datetime(2024, 6, 11, 7, 30, tzinfo=UTC),
        datetime(2024, 6, 11, 9, 0, tzinfo=UTC)]


def test_a_quote_names_its_member_in_an_attribute():
    # XenForo 2's blockquote[data-quote]: its title says "hat gesagt", which no citation pattern knows.
    [named] = board().posts[1].quotes
    assert named.author == "Ostrander"
    assert "Which glue holds cork tiles" in named.text and named.quotes == []
    assert board().posts[1].text.startswith("Contact cement, and seal the wall first.")


def test_a_quote_attribute_comes_before_its_citation_line():
    # Invision's "9 hours ago, Quarrender said:" read by the pattern gave "9 hours ago, Quarrender".
    [quote] = board().posts[3].quotes
    assert quote.author == "Quarrender"
    assert quote.text == "A bitumen primer did it for my cellar"


def test_a_style_box_around_a_quote_s_words_is_no_quote_inside_it():
    [boxed] = board().posts[2].quotes
    assert boxed.author == "Wilhelmina"
    assert boxed.text == "Contact cement, and seal the wall first."
    assert boxed.quotes == []


def test_an_edit_line_inside_the_words_is_read_and_left_out_of_them():
    result = board()
    edited = result.posts[3]
    assert edited.edited_at == datetime(2024, 6, 11, 8, 5, tzinfo=UTC)
    assert edited.edited_by is None  # the name is bare text after "by": not guessed
    assert "post 305: the edit notice's editor is not read: 'Edited June 11 by Ostrander'" in result.errors
    assert edited.text == "Bitumen primer it is, then. I will do two coats this weekend and report back on the tiles."


def test_an_edit_line_naming_its_editor_in_an_attribute_and_an_empty_placeholder():
    # NodeBB prints [component=post/editor] on every post: "last edited by oakleaf" with
    # data-editor and a timeago title on the edited one, "last edited by" with data-editor="" and
    # title="" on the others (no edit, and no error to say).
    page = DATA / "nodebb_site" / "topic" / "7" / "which-mower" / "index.html"
    result = parse_page(page.read_bytes(), "https://example.org/topic/7/which-mower", datetime(2021, 2, 1, tzinfo=UTC),
                        engine="generic")
    posts = result.posts
    assert (posts[0].edited_by, posts[0].edited_at) == ("oakleaf", datetime(2021, 1, 1, 13, 30, tzinfo=UTC))
    assert [(p.edited_by, p.edited_at) for p in posts[1:]] == [(None, None)] * (len(posts) - 1)
    assert not any("edit notice" in error for error in result.errors)


def test_a_post_s_address_is_its_permalink_not_its_report_button():
    # Each post links first to "?do=reportComment&comment=N", then to "?do=findComment&comment=N".
    assert [p.url for p in board().posts] == [f"{BOARD_URL}?do=findComment&comment={n}" for n in (301, 302, 304, 305, 306)]


def test_a_short_post_beside_its_profile_column():
    assert board().posts[4].text == "Good luck!"  # not "Wilhelmina Old Hand Members 3,120 posts Report post ..."


# --- Real pages (engine="generic"), where the shared fixtures are present ---------------------


def real(folder: str, name: str, url: str, captured: datetime):
    page = REAL_FIXTURES / folder / name
    return parse_page(page.read_bytes(), url, captured, engine="generic")


@pytest.mark.skipif(not (REAL_FIXTURES / "vbulletin").is_dir(), reason="../shared/fixtures/real is absent")
def test_vbulletin_4_subject_line_and_edit_notice_are_not_the_post_s_words():
    result = real("vbulletin", "drwindows-16340.vb4.html",
                  "https://www.drwindows.de/windows-7-allgemein/16340-zufall-entdeckte-problemloesungen.html",
                  datetime(2019, 10, 1, tzinfo=UTC))
    first = result.posts[0]
    # The page: h2.title "Durch Zufall entdeckte Problemlösungen", then the words "Serwas, ...", then
    # blockquote.postcontent.lastedited "Geändert von MK204 (08.11.2009 um 13:53 Uhr)".
    assert (first.post_id, first.author.name) == ("136533", "MK204")
    assert first.text.startswith("Serwas,")
    assert "Geändert von" not in first.text
    assert "post 136533: the edit notice's time and editor are not read: " \
           "'Geändert von MK204 (08.11.2009 um 13:53 Uhr)'" in result.errors


@pytest.mark.skipif(not (REAL_FIXTURES / "ips").is_dir(), reason="../shared/fixtures/real is absent")
def test_invision_short_post_words_without_the_author_column():
    result = real("ips", "utorrent-topic-23012.html", "https://forum.utorrent.com/topic/23012-check-on-startup/",
                  datetime(2020, 1, 1, tzinfo=UTC))
    last = result.posts[4]
    # The page: article#elComment_158296, RobMan, <p>Thanks</p> beside "Newbie", "Members", "5 posts".
    assert (last.post_id, last.author.name, last.text) == ("158296", "RobMan", "Thanks")


@pytest.mark.skipif(not (REAL_FIXTURES / "ips").is_dir(), reason="../shared/fixtures/real is absent")
def test_invision_json_ld_posts_keep_their_quotes():
    result = real("ips", "neowin-topic-1393830.html", "https://www.neowin.net/forum/topic/1393830-hello-everyone/",
                  datetime(2020, 4, 5, tzinfo=UTC))
    post = result.posts[8]
    # The page: post 598535667 quotes blockquote.ipsQuote[data-ipsquote-username="cork1958"].
    assert post.post_id == "598535667"
    assert [quote.author for quote in post.quotes] == ["cork1958"]
    assert post.quotes[0].text.startswith("Hello and welcome.")


@pytest.mark.skipif(not (REAL_FIXTURES / "phpbb").is_dir(), reason="../shared/fixtures/real is absent")
def test_addresses_leave_the_visit_s_session_out():
    result = real("phpbb", "bogleheads-viewtopic-425337.html",
                  "https://www.bogleheads.org/forum/viewtopic.php?t=425337", datetime(2024, 3, 1, tzinfo=UTC))
    # The page links post 7732260 as "./viewtopic.php?p=7732260&sid=e1852c74...#p7732260".
    assert result.posts[0].url == "https://www.bogleheads.org/forum/viewtopic.php?p=7732260#p7732260"
    # and its poster as "./memberlist.php?mode=viewprofile&u=123344&sid=e1852c74...".
    poster = result.posts[4].author
    assert (poster.name, poster.id, poster.url) == (
        "changingtimes", "123344", "https://www.bogleheads.org/forum/memberlist.php?mode=viewprofile&u=123344")
    # Its phpBB extension wraps a quote's words in div.imcger-quote: one quote, no empty one inside.
    assert [(q.author, q.quotes) for q in result.posts[4].quotes] == [("nhs76", [])]


def test_forem_topic_whose_sections_lxml_nests_is_read_from_the_browsers_tree():
    """A Forem board's theme leaves each post's div open before its section's end tag: libxml2
    nests every post's section in the one before, a browser shows them one after another. The
    page (og:type=article) came back a news article with no post and no error; it is now read
    from the browser's tree, and the posts keep the numbers of their anchors, not the places
    their blocks' ids count (div#post_1 again on page 2)."""
    result = parse("forem_topic_page2_sections_left_open.html",
                   "http://lathe.example/forums/help/topics/tailstock-drifts?page=2", datetime(2014, 8, 10, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert "lxml's tree put 3 post blocks one inside another" in result.reason
    assert [(post.post_id, post.author.name, post.published_at, post.text) for post in result.posts] == [
        ("5120", "lathe_lena", datetime(2014, 7, 9, 8, 2, 11, tzinfo=UTC),
         "The tailstock drifts back a millimetre every time I drill deeper than an inch."),
        ("5123", "spindle_sam", datetime(2014, 7, 9, 11, 40, tzinfo=UTC),
         "Check the clamp lever under the bed: if it is loose the whole tailstock walks."),
        ("5131", "lathe_lena", datetime(2014, 7, 10, 19, 15, 30, tzinfo=UTC),
         "Tightened it a quarter turn and the drift is gone. Thanks.")]
    assert any(error.startswith("printed times read as UTC") for error in result.errors)


def test_2ch_style_read_cgi_thread_is_a_forum_page_under_any_address():
    """5ch's threads (read.cgi, anonymous posters, dates in words) carried no evidence the
    generic reader knows: a real thread of 20 posts was a news article. Its address says read.cgi
    and a thread key; saved elsewhere, its read.cgi links and each poster's daily "uid" say it."""
    captured = datetime(2019, 10, 3, tzinfo=UTC)
    for url in ("https://quiet.5ch.example/test/read.cgi/lanterns/1570005180/",
                "http://127.0.0.1:8080/saved/thread.html"):
        result = parse("read_cgi_thread.html", url, captured)
        assert (result.kind, result.articles, result.posts) == ("unsupported", [], []), url
        assert "a forum page no parser reads yet (2ch-style read.cgi thread)" in result.reason, result.reason


def test_mesdiscussions_topic_is_a_forum_page_not_an_article():
    """MesDiscussions.Net (forum.hardware.fr) dates a post in words in an unclassed div and names
    its poster in a <b> without a profile link: a real topic of 14 posts was a news article. Every
    view keeps div#mesdiscussions and the posts' td.messCase1/td.messCase2."""
    result = parse("mesdiscussions_topic.html",
                   "https://forum.example.fr/hfr/Hardware/Materiels/ventilateur-sujet_777_1.htm",
                   datetime(2016, 3, 17, tzinfo=UTC))
    assert (result.kind, result.articles, result.posts) == ("unsupported", [], [])
    assert "a forum page no parser reads yet (MesDiscussions.Net topic)" in result.reason, result.reason


def test_news_page_linking_a_read_cgi_thread_stays_an_article():
    """A news or blog page that links to a 5ch thread (as summary blogs do) is no thread: the
    read.cgi link alone, without a poster's "uid" or the old thread list, says nothing."""
    page = (DATA / "news_field" / "cjk_headline_dublin_core_dates.html").read_bytes()
    url = "https://news.example.jp/articles/2024/0311.html"
    link = b'<p>Thread: <a href="https://quiet.5ch.example/test/read.cgi/lanterns/1570005180/">read.cgi</a></p>'
    linked = page.replace(b"</body>", link + b"</body>")
    assert linked != page
    before, after = (parse_page(body, url, datetime(2024, 3, 12, tzinfo=UTC)) for body in (page, linked))
    assert before.kind == "article_page"
    assert (after.kind, [a.title for a in after.articles]) == ("article_page", [a.title for a in before.articles])


@pytest.mark.parametrize("name", ["vbulletin2_session_first_thread.html", "vbulletin2_announcement.html"])
def test_vbulletin_2_pages_whose_links_carry_the_session_first_are_forum_pages(name):
    """vBulletin 2's reply links were looked for as "newreply.php?action=newreply"; a board that
    puts the session id first ("newreply.php?s=...&action=newreply") was not found, and a real
    thread of 15 posts and an announcement page (no reply link at all) were news articles. The
    reply link with its parameters in any order, and vBulletin 2's profile link
    (member.php?action=getinfo&userid=N), say vBulletin."""
    result = parse(name, "http://cellar.example.com/forums/showthread.php?threadid=121263", datetime(2004, 9, 1, tzinfo=UTC))
    assert (result.kind, result.articles, result.posts) == ("unsupported", [], [])
    assert "a forum page no parser reads yet (vBulletin page)" in result.reason, result.reason


@pytest.mark.parametrize("name", ["hacker_news_item_2026.html", "hacker_news_item_2011.html"])
def test_hacker_news_item_pages_are_forum_pages_not_articles(name):
    """A Hacker News item is a story and its comment thread: its rows print the poster's user?id=
    link and an age in span.comhead, which no reader here knew, and two real threads (12 and 49
    comments, the 2026 and 2011 markup) were news articles of menus and comments' words."""
    result = parse(name, "https://news.ycombinator.com/item?id=48110200", datetime(2026, 9, 5, 23, tzinfo=UTC))
    assert (result.kind, result.articles, result.posts) == ("unsupported", [], [])
    assert "a forum page no parser reads yet (Hacker News (news.arc) page)" in result.reason, result.reason


def test_a_post_block_holding_another_post_block_of_its_class_is_refused_not_read_as_one_post():
    """generic_unknown/reply_block_lost_its_end_tags.html: post 4102's name lost its span's start
    tag and its block its end tags, so 4103's block stands inside 4102's. Before: 4102 was given
    4103's poster ("Eisvogel"), with no error of its own. A block that holds another post block of
    its class (with words of its own beside it) is a threaded list or torn markup: the generic
    parser declines the page and says why; nothing is read as a post of another post's parts."""
    result = parse("reply_block_lost_its_end_tags.html",
                   "https://www.mauersegler.example/forum/discussion/wlan-bricht-ab--4100.html",
                   datetime(2021, 3, 13, tzinfo=UTC))
    assert (result.kind, result.posts) == ("unsupported", [])
    assert "a forum page no parser reads yet (5 sibling post blocks .BoardReply with author and date)" in result.reason
    assert "1 of 5 sibling blocks .BoardReply hold another post block of their class" in result.reason



@pytest.mark.parametrize("page, url", [
    ("asgaros_topic_two_posts.html", "https://gartenfreunde.example/support/topic/gartentor-klemmt-im-winter/"),
    ("wp_discussion_board_topic_one_reply.html",
     "https://claycircle.example/discussion-topics/how-do-i-price-my-first-pottery-commission/"),
    ("forumengine_thread_one_reply.html", "https://support.ferngate.example/thread/new-plugin-packages-for-the-directory-theme/"),
])
def test_wordpress_forum_plugin_topics_are_forum_pages_never_articles(page, url):
    """Asgaros Forum, WP Discussion Board and ForumEngine print a topic in the theme's single view (an
    <article> or a schema.org Article with a title): a topic was read as a news article, its posts'
    words (Asgaros) or its reply (WP Discussion Board, ForumEngine) lost with no error. Their
    fingerprints make it a forum page."""
    result = parse(page, url, datetime(2024, 6, 1, tzinfo=UTC))
    assert result.kind == "unsupported"
    assert result.reason.startswith("a forum page no parser reads yet (WordPress forum page")
