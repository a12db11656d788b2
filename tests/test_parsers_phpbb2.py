"""parsers.phpbb2 on hand-written phpBB 2.0.x pages.

The fixtures: topic 8 of the loopback site tests/data/phpbb2_site/ (subSilver, German language
pack, three pages of three posts) and tests/data/phpbb2/russian_divquotes.html (the post rows of
subSilver with a derived theme's div quotes, Russian language pack, per-visit ``sid`` in every link).
Each file says which public templates it follows. Every expected value below was read off the
fixture's markup by hand.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA
from parsel import Selector

from parsers import phpbb2
from parsers.clock import UNSTATED_ZONE_ERROR, ForumClock
from parsers.dates import parse_text_date
from parsers.phpbb2 import pack_dates
from parsers.phpbb2.pack_dates import PACK_NAMES
from parsers.registry import ENGINES, build_tree, detect_engine, parse_page

SITE = DATA / "phpbb2_site" / "topic-8"
RUSSIAN = DATA / "phpbb2" / "russian_divquotes.html"
BASE = "http://teich.example.de/forum"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
LINKS = "postdays=0&postorder=asc&start="


def parse(path: Path, url: str, markup: str | None = None):
    body = markup.encode("utf-8") if markup is not None else path.read_bytes()
    return parse_page(body, url, CAPTURED, content_type="text/html; charset=UTF-8")


def tree(quotes) -> list:
    """Quotes as (author, citation, text, [nested]) tuples."""
    return [(q.author, q.citation, q.text, tree(q.quotes)) for q in quotes]


@pytest.fixture(scope="module")
def page1():
    return parse(SITE / "start-0.html", f"{BASE}/viewtopic.php?t=8")


@pytest.fixture(scope="module")
def page2():
    return parse(SITE / "start-3.html", f"{BASE}/viewtopic.php?t=8&{LINKS}3")


@pytest.fixture(scope="module")
def page3():
    return parse(SITE / "start-6.html", f"{BASE}/viewtopic.php?t=8&{LINKS}6")


@pytest.fixture(scope="module")
def russian():
    return parse(RUSSIAN, "http://prud.example.ru/forum/viewtopic.php?t=31&start=15")


# --- subSilver, German ---------------------------------------------------------------------------


def test_the_topic_its_forum_and_its_pages(page1, page2, page3):
    for number, result in enumerate((page1, page2, page3), start=1):
        assert (result.kind, result.engine) == ("thread_page", "phpbb2")
        thread = result.thread
        assert (thread.id, thread.title) == ("8", "Filter läuft über")
        assert thread.url == f"{BASE}/viewtopic.php?t=8"
        assert thread.forum == ["Teichfreunde Forum Foren-Übersicht", "Pumpen und Filter"]
        assert (thread.page, thread.page_count) == (number, 3)
        assert result.errors == []
    # "Gehe zu Seite <b>1</b>, <a>2</a>, <a>3</a>  <a>Weiter</a>": the link to the page after the bold one.
    assert page1.next_page_url == f"{BASE}/viewtopic.php?t=8&{LINKS}3"
    assert page2.next_page_url == f"{BASE}/viewtopic.php?t=8&{LINKS}6"
    assert page3.next_page_url is None


def test_posts_positions_and_permalinks(page1, page2, page3):
    posts = page1.posts + page2.posts + page3.posts
    assert [p.post_id for p in posts] == ["801", "802", "803", "804", "805", "806", "807", "808"]
    assert [p.position for p in posts] == [1, 2, 3, 4, 5, 6, 7, 8]  # start=3 and start=6
    assert [p.position_on_page for p in page3.posts] == [1, 2]
    assert page1.posts[0].url == f"{BASE}/viewtopic.php?p=801#801"


def test_members_from_the_profile_button_and_guests(page1, page3):
    jens, heike, birgit = (p.author for p in page1.posts)
    assert (jens.name, jens.id, jens.url) == ("Jens", "5", f"{BASE}/profile.php?mode=viewprofile&u=5")
    assert (heike.name, heike.id, heike.url) == ("Gast_Heike", None, None)
    assert (birgit.name, birgit.id) == ("Birgit", "9")
    assert (page3.posts[0].author.name, page3.posts[0].author.id) == ("Gast_Heike", None)
    assert page1.thread.starter == jens


def test_times_in_the_zone_the_footer_names(page1):
    # "Verfasst am: 06.03.2005, 17:45", "Alle Zeiten sind GMT + 1 Stunde".
    assert [p.published_at for p in page1.posts] == [
        datetime(2005, 3, 6, 16, 45, tzinfo=UTC), datetime(2005, 3, 6, 17, 2, tzinfo=UTC),
        datetime(2005, 3, 7, 8, 30, tzinfo=UTC)]
    assert page1.thread.started_at == datetime(2005, 3, 6, 16, 45, tzinfo=UTC)


def test_the_signature_is_not_the_posters_words(page1):
    post = page1.posts[0]
    assert post.text == "Seit gestern läuft mein Druckfilter über.\nHat jemand eine Idee, woran das liegt?"
    assert "Gruß" not in post.html and "_____" not in post.html


def test_a_quote_table(page1):
    post = page1.posts[2]
    assert tree(post.quotes) == [("Gast_Heike", "Gast_Heike hat folgendes geschrieben:",
                                  "Wahrscheinlich ist der Schwamm zugesetzt.", [])]
    assert post.text == "Oder der Schlauch ist geknickt."
    assert "Schwamm zugesetzt" in post.html  # the html shows the quote, as the page does


def test_nested_quotes_and_the_edit_notice(page2):
    post = page2.posts[0]
    assert tree(post.quotes) == [("Birgit", "Birgit hat folgendes geschrieben:", "Oder der Schlauch ist geknickt.",
                                  [("Gast_Heike", "Gast_Heike hat folgendes geschrieben:",
                                    "Wahrscheinlich ist der Schwamm zugesetzt.", [])])]
    assert post.text == "Es war der Schwamm. Ausgewaschen, läuft wieder."
    # "Zuletzt bearbeitet von Jens am 07.03.2005, 20:40, insgesamt einmal bearbeitet" (GMT + 1).
    assert (post.edited_by, post.edited_at) == ("Jens", datetime(2005, 3, 7, 19, 40, tzinfo=UTC))
    assert "Zuletzt bearbeitet" not in post.html


def test_an_image_and_a_link(page2):
    post = page2.posts[1]
    assert [(i.url, i.text) for i in post.images] == [("http://bilder.example.de/filter.jpg", None)]
    assert [(link.url, link.text) for link in post.links] == [("http://teich.example.de/filter-reinigen", "Filter reinigen")]
    assert post.text == "So sieht mein Filter aus:\n\nAnleitung: Filter reinigen"


def test_the_english_language_pack():
    # The same page as the English pack prints it (lang_english, date format "D M d, Y g:i a").
    markup = (SITE / "start-3.html").read_text(encoding="utf-8")
    for german, english in (("Verfasst am: 07.03.2005, 20:15", "Posted: Mon Mar 07, 2005 8:15 pm"),
                            ("Verfasst am: 08.03.2005, 08:05", "Posted: Tue Mar 08, 2005 8:05 am"),
                            ("Verfasst am: 08.03.2005, 12:00", "Posted: Tue Mar 08, 2005 12:00 pm"),
                            ("Zuletzt bearbeitet von Jens am 07.03.2005, 20:40, insgesamt einmal bearbeitet",
                             "Last edited by Jens on Mon Mar 07, 2005 8:40 pm; edited 1 time in total"),
                            ("Birgit hat folgendes geschrieben:", "Birgit wrote:"),
                            ("Alle Zeiten sind GMT + 1 Stunde", "All times are GMT - 5 Hours"),
                            ("Seite <b>2</b> von <b>3</b>", "Page <b>2</b> of <b>3</b>")):
        assert german in markup
        markup = markup.replace(german, english)
    result = parse(SITE / "start-3.html", f"{BASE}/viewtopic.php?p=805#805", markup)
    first = result.posts[0]
    assert first.published_at == datetime(2005, 3, 8, 1, 15, tzinfo=UTC)  # 8:15 pm at GMT - 5
    assert (first.edited_by, first.edited_at) == ("Jens", datetime(2005, 3, 8, 1, 40, tzinfo=UTC))
    assert first.quotes[0].author == "Birgit"
    # Opened from a post's permalink: the page and positions from "Page 2 of 3" and the page links.
    assert (result.thread.id, result.thread.page, [p.position for p in result.posts]) == ("8", 2, [4, 5, 6])
    assert result.errors == []


# --- Derived theme, Russian ------------------------------------------------------------------------


def test_russian_topic_without_session_ids(russian):
    assert (russian.kind, russian.engine) == ("thread_page", "phpbb2")
    thread = russian.thread
    assert (thread.id, thread.title) == ("31", "Зимовка рыб в пруду")
    assert thread.url == "http://prud.example.ru/forum/viewtopic.php?t=31"
    assert thread.forum == ["Список форумов Садовый пруд", "Рыбы"]
    assert (thread.page, thread.page_count) == (2, 2)
    assert russian.next_page_url is None
    assert russian.errors == []


def test_russian_posts(russian):
    first, guest = russian.posts
    assert [(p.post_id, p.position) for p in russian.posts] == [("1616", 16), ("1617", 17)]
    assert first.url == "http://prud.example.ru/forum/viewtopic.php?p=1616#1616"
    assert (first.author.name, first.author.id, first.author.url) == (
        "Карась", "27", "http://prud.example.ru/forum/profile.php?mode=viewprofile&u=27")
    # "Добавлено: Вс Мар 06, 2005 5:45 pm" in "GMT + 3".
    assert first.published_at == datetime(2005, 3, 6, 14, 45, tzinfo=UTC)
    assert (first.edited_by, first.edited_at) == ("Карась", datetime(2005, 3, 6, 15, 10, tzinfo=UTC))
    assert (guest.author.name, guest.author.id) == ("Гость", None)
    assert guest.published_at == datetime(2005, 3, 7, 6, 5, tzinfo=UTC)


def test_russian_div_quotes_nest(russian):
    post = russian.posts[0]
    assert tree(post.quotes) == [("Лещ", "« Лещ » писал(а):", "Рыбам хватит воздуха?",
                                  [(None, "Цитата:", "Лёд толщиной 30 см.", [])])]
    assert post.text == "Хватит, если оставить полынью.\nВот мой пруд:"
    assert [i.url for i in post.images] == ["http://foto.example.ru/prud-zima.jpg"]  # the smiley left out
    assert "Твери" not in post.html


def _pack_dates():
    """phpBB 2's default format in each pack of parsers.phpbb2.pack_dates, a grid of days and times."""
    day = date(2003, 1, 1)
    while day < date(2009, 1, 1):
        for language, (months, days) in PACK_NAMES.items():
            for hour, minute, meridiem in ((5, 45, "pm"), (12, 0, "am"), (12, 30, "pm"), (1, 5, "am"), (11, 59, "pm")):
                yield language, (f"{days[day.weekday()]} {months[day.month - 1]} {day.day:02d}, {day.year} "
                                 f"{hour}:{minute:02d} {meridiem}")
        day += timedelta(days=13)


def test_pack_dates_read_in_english_as_dateparser_reads_them():
    # The clock reads the English names by itself; dateparser, which it used to be handed the
    # pack's names, must give the same time for every one.
    for language, text in _pack_dates():
        clock = ForumClock(CAPTURED, UTC, language)
        english = pack_dates.in_english(text, language)
        assert english != text
        assert clock.read(english) == parse_text_date(text, CAPTURED, "UTC", [language, "en"]), text


def test_pack_dates_leave_other_texts_alone():
    for language, text in (("ru", "Пн Мар 06, 2005 5:45 pm"),  # Monday? The 6th was a Sunday.
                           ("ru", "Вс Мар 06, 2005 13:45 pm"), ("ru", "Вс Фев 30, 2005 5:45 pm"),
                           ("ru", "Вс Мар 06, 2005 17:45"), ("en", "Sun Mar 06, 2005 5:45 pm"),
                           ("uk", "Вс Мар 06, 2005 5:45 pm"), ("de", "06.03.2005, 17:45")):
        assert pack_dates.in_english(text, language) == text


def _hungarian_dates():
    """phpBB 2's default format less its weekday, with each Hungarian month name dateparser reads
    (as the pack prints it, "Máj.", and bare lower case, "máj"), on a spread of days and times."""
    months = "Jan. Febr. Márc. Ápr. Máj. Jún. Júl. Aug. Szept. Okt. Nov. Dec.".split()
    times = ((5, 45, "pm"), (12, 0, "am"), (12, 30, "pm"), (1, 5, "am"), (11, 59, "pm"))
    for number, month in enumerate(months, start=1):
        for index, (hour, minute, meridiem) in enumerate(times):
            day = date(2003 + index, number, 1 + (7 * number + 5 * index) % 28)
            for name in (month, month.rstrip(".").lower()):
                yield f"{name} {day.day:02d}, {day.year} {hour}:{minute:02d} {meridiem}"


def test_hungarian_months_read_in_english_as_the_clock_read_them_before():
    # The clock read these through dateparser; with the English month it reads them by itself, and
    # must give the same time for every one.
    for text in _hungarian_dates():
        english = pack_dates.month_in_english(text, "hu")
        assert english != text
        assert ForumClock(CAPTURED, UTC, "hu").read(english) == ForumClock(CAPTURED, UTC, "hu").read(text), text


def test_hungarian_months_leave_other_texts_alone():
    for language, text in (("hu", "Máj. 32, 2016 11:02 pm"), ("hu", "Máj. 07, 2016 13:02 pm"),
                           ("hu", "Mai 07, 2016 11:02 pm"), ("de", "Máj. 07, 2016 11:02 pm"),
                           ("hu", "Szomb. Máj. 07, 2016 11:02 pm"), ("hu", "2016-05-07 23:02")):
        assert pack_dates.month_in_english(text, language) == text


def test_hungarian_pack_dates_are_read():
    # tests/data/field_phpbb2/phpbb2/hungarian_pack_default_dates.html: "Elküldve: Hétf. Márc. 07, 2016
    # 10:30 pm" and the rest, "Minden időpont GMT + 1 óra" (checked by hand). The months are read by the
    # clock itself now, where each date cost a dateparser call (bench/parse_engines.py times it).
    page = DATA / "field_phpbb2" / "phpbb2" / "hungarian_pack_default_dates.html"
    result = parse_page(page.read_bytes(), "http://gepek.example/forum/viewtopic.php?t=2208",
                        datetime(2016, 6, 2, 7, 13, tzinfo=UTC))
    assert [p.published_at for p in result.posts] == [
        datetime(2016, 3, 7, 21, 30, tzinfo=UTC), datetime(2016, 3, 12, 8, 5, tzinfo=UTC),
        datetime(2016, 5, 5, 17, 40, tzinfo=UTC)]
    assert result.posts[2].edited_at == datetime(2016, 5, 7, 22, 2, tzinfo=UTC)
    assert result.errors == []


def test_a_page_without_the_zone_is_read_as_utc_and_says_so():
    markup = (SITE / "start-0.html").read_text(encoding="utf-8").replace("Alle Zeiten sind GMT + 1 Stunde", "")
    result = parse(SITE / "start-0.html", f"{BASE}/viewtopic.php?t=8", markup)
    assert result.posts[0].published_at == datetime(2005, 3, 6, 17, 45, tzinfo=UTC)
    assert result.errors == [UNSTATED_ZONE_ERROR]  # the same note as every engine's


# --- Detection and contract --------------------------------------------------------------------


def detect(markup: str | bytes) -> bool:
    text = markup.decode("utf-8") if isinstance(markup, bytes) else markup
    return phpbb2.detect(Selector(root=build_tree(text), type="html"))


def test_every_fixture_is_detected_as_phpbb2():
    for path in [*SITE.glob("*.html"), RUSSIAN]:
        assert detect_engine(Selector(root=build_tree(path.read_text(encoding="utf-8")), type="html")) == "phpbb2", path


def test_forumotion_pages_with_phpbb2_markup_are_refused():
    markup = (SITE / "start-0.html").read_text(encoding="utf-8")
    assert detect(markup)
    for marker in ('<script src="https://illiweb.com/rs3/47/frm/lang/de.js"></script>',
                   '<script type="text/javascript">_userdata["username"] = "Anonymous";</script>'):
        assert not detect(markup.replace("</head>", marker + "</head>"))
    # Forumotion's own post links ("/t8-filter#801") do not name the post before its "#N".
    forumotion_links = markup.replace('href="viewtopic.php?p=', 'href="/t8-filter?x=').replace("?x=801#801", "#801")
    assert not detect(forumotion_links.replace("?x=802#802", "#802").replace("?x=803#803", "#803"))


def test_other_engines_pages_are_not_claimed():
    others = [p for p in DATA.rglob("*.html") if p.is_file() and not {"phpbb2", "phpbb2_site", "phpbb2_templates"} & set(p.parts)]
    assert len(others) > 50
    for path in others:  # phpBB 3 styles (prosilver, subsilver2...), FluxBB, Forumotion, every other engine
        assert not detect(path.read_bytes()), path
    # The "phpBB 2 topic" fingerprint of forum_evidence (no post anchors) is not a page this reads.
    assert not detect('<html><body><a href="viewtopic.php?t=12">Pump</a><span class="postdetails">Posted: today</span>'
                      '<span class="postbody">Words</span></body></html>')


def test_two_posts_in_one_row_lend_each_other_no_author():
    # A lost </tr>: post 802's anchor ends up in post 801's row.
    markup = (SITE / "start-0.html").read_text(encoding="utf-8")
    broken = markup.replace('<b>Jens</b></span>', '<b>Jens</b></span><span class="name"><a name="809"></a><b>Eve</b></span>', 1)
    result = parse(SITE / "start-0.html", f"{BASE}/viewtopic.php?t=8", broken)
    authors = {p.post_id: p.author.name for p in result.posts}
    assert authors["801"] is None and authors["809"] is None
    assert any(error.startswith("post 801: its block of the page holds other posts too") for error in result.errors)


def test_engine_is_registered_before_news():
    names = list(ENGINES)
    assert names.index("phpbb2") < names.index("news")


def test_the_forumotion_sites_pages_are_not_claimed_even_without_their_markers():
    # Forumotion's phpBB 2- and PunBB-like versions: refused by their scripts, and by their own
    # post links ("/t12-title#N") when a copy has lost the scripts.
    for path in sorted((DATA / "forumotion_site").rglob("*.html")):
        markup = path.read_text(encoding="utf-8")
        assert not detect(markup), path
        for marker in ("illiweb", "_userdata", "forumactif", "forumotion"):
            markup = markup.replace(marker, "elsewhere")
        assert not detect(markup), path


def test_every_result_validates_against_the_schema(page1, page2, page3, russian):
    for result in (page1, page2, page3, russian):
        jsonschema.validate(result.to_dict(), SCHEMA)


def test_a_post_printed_without_its_anchor_is_said_not_read():
    """A theme that prints one post's author cell without subSilver's ``<a name="802">`` (the anchor
    the parser finds posts by) made the parser pass over that post: before the fix the page came
    back with posts 801 and 803 and no error. The post's permalink beside its date
    (``viewtopic.php?p=802#802``, in the posts' table, outside every post's words) names it now."""
    html = (SITE / "start-0.html").read_text(encoding="utf-8")
    without = html.replace('<span class="name"><a name="802"></a><b>Gast_Heike</b>', '<span class="name"><b>Gast_Heike</b>')
    assert without != html
    result = parse(SITE / "start-0.html", f"{BASE}/viewtopic.php?t=8", markup=without)
    assert [post.post_id for post in result.posts] == ["801", "803"]
    assert [e for e in result.errors if e.startswith("post 802:")] == [
        "post 802: its block was not read (the page names it by its id; its markup fits no post this parser reads)"]


def test_a_link_to_another_post_in_a_posts_words_is_no_lost_post(page1):
    """A post's words may link to any post of the board (``viewtopic.php?p=9999#9999``): that is no
    post of this page, and says nothing of one lost."""
    html = (SITE / "start-0.html").read_text(encoding="utf-8")
    body = html.index('<span class="postbody">', html.index('<a name="801">'))
    linked = html[:body] + '<span class="postbody"><a href="viewtopic.php?p=9999#9999">see there</a></span>' + html[body:]
    result = parse(SITE / "start-0.html", f"{BASE}/viewtopic.php?t=8", markup=linked)
    assert [post.post_id for post in result.posts] == [post.post_id for post in page1.posts]
    assert result.errors == page1.errors
