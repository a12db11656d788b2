"""The note every engine adds when it read printed times in a zone the page never stated.

Why: forum pages print times in the board's zone (or the viewer's). Where the page states it (a
footer's "All times are ...", SMF 2.1's ``<time datetime>`` beside the printed clock, MyBB's
"Current time", a post's exact time beside its printed one) the parsers read it; where it does not,
the printed times are read as UTC, and a board in UTC+3 then gets every post three hours off. Only
the note (:data:`parsers.clock.UNSTATED_ZONE_ERROR`, once a page) says so.

Each engine: a page that states its zone (no note) and the same page, or another, that does not
(the note, once, and the dates as before: the printed wall-clock time taken as UTC). Expected values
were read off the fixtures by hand; the page without a stated zone is often the stated one with its
zone statement cut out, so that the two differ by that statement alone.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from conftest import DATA

from parsers import fluxbb, forumotion, xenforo
from parsers.clock import UNSTATED_ZONE_ERROR, ForumClock
from parsers.registry import parse_page

UTC = timezone.utc
NOON = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def at(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def parse(path: str, url: str, captured: datetime = NOON, cut: tuple[str, ...] = (), engine: str | None = None):
    """The fixture parsed, with each text of ``cut`` (which must be there) taken out first."""
    markup = (DATA / path).read_text(encoding="utf-8")
    for text in cut:
        assert text in markup, text
        markup = markup.replace(text, "")
    return parse_page(markup.encode("utf-8"), url, captured, content_type="text/html; charset=utf-8", engine=engine)


def dates(result) -> list[tuple[str, datetime | None, datetime | None]]:
    return [(p.post_id, p.published_at, p.edited_at) for p in result.posts]


# --- The clock ------------------------------------------------------------------------------------


def test_the_clock_flags_only_printed_times_read_in_an_unstated_zone():
    unstated = ForumClock(NOON, None)
    assert not unstated.read_unzoned
    assert unstated.read("not a date at all") is None and not unstated.read_unzoned  # nothing read
    assert unstated.read("Sun Mar 06, 2016 5:45 am") == at(2016, 3, 6, 5, 45)  # the wall-clock time as UTC
    assert unstated.read_unzoned
    stated = ForumClock(NOON)
    assert stated.read("Sun Mar 06, 2016 5:45 am") == at(2016, 3, 6, 5, 45) and not stated.read_unzoned


# --- phpBB 3 --------------------------------------------------------------------------------------

PHPBB30 = ("phpbb/phpbb30_prosilver.html", "https://ponds.example/forum/viewtopic.php?f=3&t=4711&start=10")


def test_phpbb_footer_zone_stated_no_note():
    result = parse(*PHPBB30)
    assert result.errors == ["page 2 of 3 holds 3 posts where the board shows 10 a page: 7 may be missing"]
    # "Fri May 31, 2024 9:05 pm" under "All times are UTC - 5 hours [ DST ]" (UTC-4)
    assert dates(result)[0] == ("90011", at(2024, 6, 1, 1, 5), at(2024, 6, 1, 11, 0))


def test_phpbb_without_the_footer_zone_the_note():
    result = parse(*PHPBB30, cut=("All times are UTC - 5 hours",))
    assert result.errors == [
        "page 2 of 3 holds 3 posts where the board shows 10 a page: 7 may be missing",
        UNSTATED_ZONE_ERROR,
    ]
    assert dates(result)[0] == ("90011", at(2024, 5, 31, 21, 5), at(2024, 6, 1, 7, 0))


# --- vBulletin ------------------------------------------------------------------------------------

VB3 = ("vbulletin/vb3_variants.html", "https://vb3.example/forum/showthread.php?t=4321&page=2", at(2024, 6, 1))


def test_vbulletin_footer_zone_stated_no_note():
    result = parse(*VB3)
    assert result.errors == ["the page shows posts 16 to 30 (15) and 3 were read: 12 may be missing"]
    # "05-10-2006, 01:16 PM" under "All times are GMT -5."
    assert dates(result)[1] == ("9017", at(2006, 5, 10, 18, 16), None)


def test_vbulletin_without_the_footer_zone_the_note():
    result = parse(*VB3, cut=("All times are GMT -5. ",))
    assert result.errors == [
        "the page shows posts 16 to 30 (15) and 3 were read: 12 may be missing",
        UNSTATED_ZONE_ERROR,
    ]
    assert dates(result)[1] == ("9017", at(2006, 5, 10, 13, 16), None)


# --- SMF ------------------------------------------------------------------------------------------


def test_smf21_clock_beside_its_utc_time_no_note():
    # "<time datetime="2024-06-01T00:00:00Z">May 31, 2024, 08:00:00 PM</time>": the forum prints UTC-4.
    result = parse("smf/smf21_variants.html", "https://smf21.example/index.php?topic=600.15", at(2024, 6, 1))
    assert result.errors == ["page 2 of 3 holds 2 posts where the board shows 15 a page: 13 may be missing"]
    assert dates(result)[1] == ("6017", at(2024, 5, 31, 13, 15), None)


def test_smf1_states_no_zone_the_note():
    result = parse("smf/smf1_variants.html", "https://smf1.example/index.php?topic=55.0")
    assert result.errors == [UNSTATED_ZONE_ERROR]
    # "April 04, 2020, 09:22:51 AM", "Last Edit: April 04, 2020, 10:00:00 AM": as printed, as UTC
    assert dates(result)[0] == ("5501", at(2020, 4, 4, 9, 22, 51), at(2020, 4, 4, 10, 0))


# --- MyBB -----------------------------------------------------------------------------------------


def test_mybb_current_time_gives_the_zone_no_note():
    # "Current time: 06-01-2024, 02:00 PM" captured at noon UTC: the board prints UTC+2.
    result = parse("mybb/mybb18_default.html", "https://anglers.example/thread-314-page-2.html")
    assert result.errors == []
    assert dates(result)[1] == ("5002", at(2024, 5, 30, 21, 0), None)


def test_mybb_without_current_time_the_note():
    result = parse("mybb/mybb16_table.html", "http://reels.example/showthread.php?tid=12")
    assert result.errors == [UNSTATED_ZONE_ERROR]
    # "23-02-2019, 21:14", "(This post was last modified: 24-02-2019, 09:30 ...)": as printed, as UTC
    assert dates(result)[0] == ("301", at(2019, 2, 23, 21, 14), at(2019, 2, 24, 9, 30))


# --- phpBB 2 and IP.Board 3: tests/test_parsers_phpbb2.py and tests/test_parsers_ipb3.py ------------
# (test_a_page_without_the_zone_is_read_as_utc_and_says_so, the German pages' errors == [];
# saved34's learned zone without a note, cited32's note)


# --- FluxBB and Forumotion: the zone is never stated; the note only when a printed time was read ---


def test_fluxbb_note_after_the_posts_once():
    result = parse("fluxbb/punbb12_oxygen.html", "http://reed.example.net/viewtopic.php?id=77&p=2")
    assert result.errors == [fluxbb.ZONE_ERROR]
    assert fluxbb.ZONE_ERROR.startswith(UNSTATED_ZONE_ERROR)


def test_fluxbb_no_printed_time_no_note():
    markup = (DATA / "fluxbb/punbb12_oxygen.html").read_text(encoding="utf-8")
    # every permalink's words (the post's time) left out, and the edit notices with theirs
    markup = re.sub(r'(href="viewtopic\.php\?pid=\d+#p\d+">)[^<]*', r"\1", markup)
    markup = re.sub(r'<p class="postedit">.*?</p>', "", markup, flags=re.S)
    result = parse_page(markup.encode("utf-8"), "http://reed.example.net/viewtopic.php?id=77&p=2", NOON,
                        content_type="text/html; charset=utf-8")
    assert result.posts and all(p.published_at is None for p in result.posts)
    assert fluxbb.ZONE_ERROR not in result.errors


def test_forumotion_no_printed_time_no_note():
    markup = (DATA / "forumotion_site/t12-le-col-de-givre/index.html").read_text(encoding="utf-8")
    markup = re.sub(r'<div class="topic-date">.*?</div>', '<div class="topic-date"></div>', markup)
    markup = re.sub(r'<div class="edited-message">.*?</div>', "", markup)
    base = "http://127.0.0.1:8000"
    result = parse_page(markup.replace("{{BASE_URL}}", base).encode("utf-8"), base + "/t12-le-col-de-givre", NOON,
                        content_type="text/html; charset=utf-8")
    assert result.posts and all(p.published_at is None for p in result.posts)
    assert forumotion.ZONE_ERROR not in result.errors
    assert forumotion.ZONE_ERROR.startswith(UNSTATED_ZONE_ERROR)


# --- Vanilla --------------------------------------------------------------------------------------

VANILLA = ("field_vanilla/record_meta_userquote.html", "https://community.example.com/discussion/9000/x/p2")


def test_vanilla_machine_times_and_the_display_offset_no_note():
    # <time title="5 March 2021 at 10:15AM" datetime="2021-03-05T09:15:00+00:00">: the board prints UTC+1,
    # which the printed-only edit time "Edited 5 March 2021 at 10:40AM." is read in.
    result = parse(*VANILLA)
    assert result.errors == []
    assert dates(result)[0] == ("9001", at(2021, 3, 5, 9, 15), at(2021, 3, 5, 9, 40))


def test_vanilla_printed_times_only_the_note():
    result = parse(*VANILLA, cut=(' datetime="2021-03-05T09:15:00+00:00"', ' datetime="2021-03-05T10:02:00+00:00"'))
    assert result.errors == [UNSTATED_ZONE_ERROR]
    # the titles "5 March 2021 at 10:15AM" and "Edited ... 10:40AM." as printed, as UTC
    assert dates(result)[0] == ("9001", at(2021, 3, 5, 10, 15), at(2021, 3, 5, 10, 40))


# --- Generic --------------------------------------------------------------------------------------


def test_generic_machine_times_no_note():
    result = parse("generic/jsonld_board.html", "https://board.example/t/1", engine="generic")
    assert result.errors == []


def test_generic_printed_times_the_note_with_its_count():
    url = "https://haustechnik.example.org/heizung/pfeift-nach-entlueften-3310.html"
    result = parse("generic/sibling_board.html", url, at(2024, 6, 1))
    assert result.errors == [f"{UNSTATED_ZONE_ERROR} (3 of 3 posts' times)"]
    assert result.posts[0].published_at == at(2024, 3, 12, 14, 5)  # "12.03.2024 14:05"


# --- XenForo (XF2 in tests/test_parsers_xenforo_themes.py) ----------------------------------------

XF1 = ("xenforo_themes/xf1_default.html", "https://radio.example/forum/threads/valve-amp-hum.812/", at(2015, 3, 4, 12))


def test_xenforo1_server_time_states_the_zone_no_note():
    assert parse(*XF1).errors == []


def test_xenforo1_without_server_time_the_note_names_no_version():
    # (nor the clock its recent times print beside their Unix time, which says the zone too)
    result = parse(*XF1, cut=("serverTimeInfo: { now: 1425470400, today: 1425427200, todayDow: 3 }",
                              ' data-timestring="12:00 PM"', ' data-timestring="6:55 AM"'))
    assert result.errors == [xenforo.ZONE_ERROR]
    assert xenforo.ZONE_ERROR.startswith(UNSTATED_ZONE_ERROR) and "XenForo 2" not in xenforo.ZONE_ERROR
    # the forum's zone was UTC: its printed dates read the same
    assert dates(result) == dates(parse(*XF1))


def test_xenforo1_without_server_time_its_recent_times_state_the_zone():
    """A copy saved without scripts: the recent times' elements print "12:00 PM" for 12:00 UTC."""
    result = parse(*XF1, cut=("serverTimeInfo: { now: 1425470400, today: 1425427200, todayDow: 3 }",))
    assert result.errors == []
    assert dates(result) == dates(parse(*XF1))


def test_xenforo1_server_time_in_summer_reads_winter_posts_in_the_countrys_winter_time():
    """A British board (lang "en-GB") captured in June: serverTimeInfo's local midnight says UTC+1
    (summer time), while its posts of 2 March were printed in winter time (UTC+0). Before: read
    at the fixed +1, an hour early, silently (a German board's copy showed it: musiker-board.de,
    saved in April, its January posts). Now the country's zone with that offset then, Europe/London,
    reads each printed time with its own season's offset."""
    markup = (DATA / XF1[0]).read_text(encoding="utf-8")
    server = "serverTimeInfo: { now: 1425470400, today: 1425427200, todayDow: 3 }"
    assert server in markup and 'lang="en-US"' in markup
    summer = markup.replace(server, "serverTimeInfo: { now: 1433926800, today: 1433890800, todayDow: 3 }")
    result = parse_page(summer.replace('lang="en-US"', 'lang="en-GB"').encode("utf-8"), XF1[1], at(2015, 6, 10, 9))
    assert result.errors == []
    assert dates(result)[:2] == [("6001", at(2015, 3, 2, 7, 40), None), ("6002", at(2015, 3, 2, 8, 5), None)]
    # A tag naming no country keeps the offset shown (nothing says which zone of +1 it is).
    unnamed = parse_page(summer.replace('lang="en-US"', 'lang="en"').encode("utf-8"), XF1[1], at(2015, 6, 10, 9))
    assert dates(unnamed)[0] == ("6001", at(2015, 3, 2, 6, 40), None)
