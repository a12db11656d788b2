"""The shared reader of printed dates (parsers.clock.ForumClock), on the shapes the engines print.

Bare dates are what phpBB and MyBB print in an element of their own; labelled dates are what
vBulletin and SMF print among words. Every expected time here was worked out by hand from the
printed text, the zone and the capture time.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from conftest import DATA

from parsers.clock import ENGLISH_MONTHS, MONTHS, ForumClock, day_counted_dates, hour_of_day
from parsers.registry import parse_page

UTC = timezone.utc
NOON = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)  # the capture time of the bare-date cases
MIDNIGHT = datetime(2024, 6, 1, tzinfo=UTC)  # the capture time of the labelled-date cases


def labelled(language: str = "en", offset: timedelta = timedelta(0)) -> ForumClock:
    return ForumClock(MIDNIGHT, timezone(offset), language, labelled=True)


# --- Bare dates (phpBB, MyBB) --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "zone", "language", "want"), [
    ("Sun Mar 06, 2016 5:45 am", timezone(timedelta(hours=2)), "en-gb", datetime(2016, 3, 6, 3, 45, tzinfo=UTC)),
    ("17 Jul 2011 17:51", UTC, "en-gb", datetime(2011, 7, 17, 17, 51, tzinfo=UTC)),
    ("2019-02-23, 09:14 PM", UTC, "en", datetime(2019, 2, 23, 21, 14, tzinfo=UTC)),
    ("05-06-2019, 09:14 PM", UTC, "en", datetime(2019, 5, 6, 21, 14, tzinfo=UTC)),  # MyBB's m-d-Y
    ("05-06-2019, 09:14 PM", UTC, "en-gb", datetime(2019, 6, 5, 21, 14, tzinfo=UTC)),
    ("23.02.2019 21:14", UTC, "en", datetime(2019, 2, 23, 21, 14, tzinfo=UTC)),
    ("Yesterday, 11:30 pm", timezone(timedelta(hours=-4)), "en", datetime(2024, 6, 1, 3, 30, tzinfo=UTC)),
    ("2 hours ago", UTC, "en", datetime(2024, 6, 1, 10, 0, tzinfo=UTC)),
    ("not a date", UTC, "en", None),
])
def test_forum_clock(text, zone, language, want):
    assert ForumClock(NOON, zone, language).read(text) == want


def test_forum_clock_learns_day_first_from_the_page():
    clock = ForumClock(NOON, UTC, "en")
    clock.learn_order(["05-06-2019, 09:14 PM", "23-02-2019, 10:00 AM"])
    assert clock.read("05-06-2019, 09:14 PM") == datetime(2019, 6, 5, 21, 14, tzinfo=UTC)


@pytest.mark.parametrize(("text", "want"), [
    ("March 6th, 2016, 5:45 PM", datetime(2016, 3, 6, 17, 45, tzinfo=UTC)),  # phpBB 3.3 "D M d, Y g:i a" variants
    ("Sat 01 Jun 2024, 10:00", datetime(2024, 6, 1, 10, 0, tzinfo=UTC)),
    ("» Sun Mar 06, 2016 5:45 am", datetime(2016, 3, 6, 5, 45, tzinfo=UTC)),  # the author line's arrow
    ("(Sun Mar 06, 2016 5:45 am)", datetime(2016, 3, 6, 5, 45, tzinfo=UTC)),
    ("Mar 06, 2016 @ 5:45 a.m.", datetime(2016, 3, 6, 5, 45, tzinfo=UTC)),
    ("Mar 06, 2016 12:10 am", datetime(2016, 3, 6, 0, 10, tzinfo=UTC)),  # 12 am is just after midnight
    ("Mar 06, 2016 12:10 pm", datetime(2016, 3, 6, 12, 10, tzinfo=UTC)),
    ("2019-02-23 09:14:33", datetime(2019, 2, 23, 9, 14, 33, tzinfo=UTC)),
    ("23/02/2019 9:14 pm", datetime(2019, 2, 23, 21, 14, tzinfo=UTC)),  # a day above 12 is a day, whatever the language
    ("", None),
    (None, None),
])
def test_bare_dates_in_english(text, want):
    assert ForumClock(NOON, UTC, "en").read(text) == want


def test_bare_dates_in_the_forum_zone_follow_summer_time():
    paris = ForumClock(NOON, ZoneInfo("Europe/Paris"), "fr")
    assert paris.read("17 Jan 2016 17:51") == datetime(2016, 1, 17, 16, 51, tzinfo=UTC)  # UTC+1 in winter
    assert paris.read("17 Jul 2016 17:51") == datetime(2016, 7, 17, 15, 51, tzinfo=UTC)  # UTC+2 in summer


def test_bare_dates_in_another_language_go_to_dateparser():
    assert ForumClock(NOON, UTC, "de").read("17. Juli 2011, 17:51") == datetime(2011, 7, 17, 17, 51, tzinfo=UTC)


def test_bare_order_dots_settle_day_first():
    clock = ForumClock(NOON, UTC, "en")
    clock.learn_order(["on 04.05.2019 10:00"])
    assert clock.day_first
    assert clock.read("04-05-2019 10:00") == datetime(2019, 5, 4, 10, 0, tzinfo=UTC)


def test_bare_order_month_first_proven_by_the_page():
    clock = ForumClock(NOON, UTC, "en-gb")
    assert clock.day_first  # British English writes the day first...
    clock.learn_order([None, "no date here", "02-23-2019, 09:14 PM"])
    assert not clock.day_first  # ...unless the page shows a month-first date


# --- Dates among words (vBulletin, SMF) ----------------------------------------------------------


def test_clock_reads_common_shapes():
    clock = labelled("en", timedelta(hours=-4))
    assert clock.read("Feb 14, 2026 | 9:05 pm") == datetime(2026, 2, 15, 1, 5, tzinfo=UTC)
    assert clock.read("Posted Apr 11, 2020, 1:02 PM") == datetime(2020, 4, 11, 17, 2, tzinfo=UTC)
    assert clock.read("Yesterday, 12:05 AM") == datetime(2024, 5, 30, 4, 5, tzinfo=UTC)
    assert clock.read("2019-07-18 05:57") == datetime(2019, 7, 18, 9, 57, tzinfo=UTC)
    assert clock.read("") is None and clock.read("no date at all") is None


def test_clock_day_order_from_the_page_and_the_language():
    assert labelled("en").read("03-04-2020, 10:00") == datetime(2020, 3, 4, 10, 0, tzinfo=UTC)
    proven = labelled("en")
    proven.learn_order(["25-12-2019, 10:00"])
    assert proven.read("03-04-2020") == datetime(2020, 4, 3, tzinfo=UTC)
    assert labelled("fr").read("10/05/2006, 13h16") == datetime(2006, 5, 10, 13, 16, tzinfo=UTC)
    assert labelled("en").read("08.11.2009, 11:49") == datetime(2009, 11, 8, 11, 49, tzinfo=UTC)  # dots: day first


def test_clock_falls_back_to_dateparser():
    assert labelled("en").read("3 hours ago") == datetime(2024, 5, 31, 21, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "language", "want"), [
    ("10-05-2006, 01:16 PM", "en", datetime(2006, 10, 5, 13, 16, tzinfo=UTC)),  # vBulletin 3, m-d-Y
    ("10-05-06, 01:16 PM", "en", datetime(2006, 10, 5, 13, 16, tzinfo=UTC)),  # two-digit year
    ("10-05-98", "en", datetime(1998, 10, 5, tzinfo=UTC)),
    ("Today, 03:12 PM", "en", datetime(2024, 6, 1, 15, 12, tzinfo=UTC)),
    ("Gestern, 15:48", "de", datetime(2024, 5, 31, 15, 48, tzinfo=UTC)),
    ("Aujourd'hui, 13h16", "fr", datetime(2024, 6, 1, 13, 16, tzinfo=UTC)),
    ("hier, 13h16", "fr", datetime(2024, 5, 31, 13, 16, tzinfo=UTC)),
    ("« Reply #3 on: March 06, 2016, 05:45:12 AM »", "en", datetime(2016, 3, 6, 5, 45, 12, tzinfo=UTC)),  # SMF 1.x, 2.0
    ("Quote from: coorslite21 on 6 März 2016, 17:45", "de", datetime(2016, 3, 6, 17, 45, tzinfo=UTC)),
    ("le 12 juillet 2015 à 09:30", "fr", datetime(2015, 7, 12, 9, 30, tzinfo=UTC)),
    ("the 3rd of June 2021", "en", datetime(2021, 6, 3, tzinfo=UTC)),
    ("12:30 AM, June 3rd, 2021", "en", datetime(2021, 6, 3, tzinfo=UTC)),  # the time of day is looked for after the date
])
def test_labelled_dates(text, language, want):
    assert labelled(language).read(text) == want


def test_labelled_hier_is_yesterday_only_in_french():
    # "hier" is French for yesterday; in an English page it is no relative day (and no date at all).
    assert labelled("fr").read("hier à 10:00") == datetime(2024, 5, 31, 10, 0, tzinfo=UTC)
    assert labelled("en").local("hierarchy 10:00") is None


def test_labelled_relative_days_use_the_forum_clock():
    # Captured at 00:00 UTC is 20:00 the day before on a GMT -4 board: its "Today" is 31 May.
    assert labelled("en", timedelta(hours=-4)).read("Today, 09:00 PM") == datetime(2024, 6, 1, 1, 0, tzinfo=UTC)


def test_labelled_local_is_the_wall_clock_shown():
    clock = labelled("en", timedelta(hours=5, minutes=30))
    assert clock.local("Jan 2, 2020, 10:00 AM") == datetime(2020, 1, 2, 10, 0)
    assert clock.read("Jan 2, 2020, 10:00 AM") == datetime(2020, 1, 2, 4, 30, tzinfo=UTC)


def test_labelled_order_ignores_year_first_dates():
    clock = labelled("en")
    clock.learn_order(["2019-12-25 10:00", "04-05-2019"])
    assert not clock.day_first
    assert clock.read("04-05-2019") == datetime(2019, 4, 5, tzinfo=UTC)


def test_impossible_days_do_not_read():
    assert labelled("en").local("Feb 30, 2020") is None
    assert ForumClock(NOON, UTC, "en").read("Feb 30, 2020 10:00") is None


# --- Shared pieces ---------------------------------------------------------------------------------


def test_hour_of_day():
    assert hour_of_day(9, "") == 9 and hour_of_day(21, "") == 21
    assert hour_of_day(12, "am") == 0 and hour_of_day(12, "pm") == 12
    assert hour_of_day(1, "pm") == 13 and hour_of_day(11, "am") == 11
    assert hour_of_day(13, "pm") is None and hour_of_day(0, "am") is None


def test_month_names():
    assert ENGLISH_MONTHS["sept"] == 9 and ENGLISH_MONTHS["may"] == 5 and len(set(ENGLISH_MONTHS.values())) == 12
    assert all(MONTHS[name] == number for name, number in ENGLISH_MONTHS.items())
    assert MONTHS["märz"] == 3 and MONTHS["déc"] == 12 and MONTHS["mei"] == 5 and "märz" not in ENGLISH_MONTHS


@pytest.mark.parametrize("text", ["#12", "# 12", "#2019", "#661"])
def test_post_numbers_are_never_dates(text):
    # A permalink's post number ("#12") beside the date: dateparser read it as a December.
    assert labelled("en").read(text) is None
    assert ForumClock(datetime(2024, 6, 1, tzinfo=UTC)).read(text) is None


def test_a_text_read_again_reads_the_same_and_follows_a_settled_day_month_order():
    """Each printed date is read once a page for each day/month order: MyBB settles the order
    after reading its first dates, and a text read before must then read the new way."""
    clock = ForumClock(datetime(2024, 6, 1, tzinfo=timezone.utc), None, "en")
    assert clock.local("03/04/2024, 10:00") == datetime(2024, 3, 4, 10, 0)
    assert clock.local("03/04/2024, 10:00") == datetime(2024, 3, 4, 10, 0)
    clock.day_first = True
    assert clock.local("03/04/2024, 10:00") == datetime(2024, 4, 3, 10, 0)
    assert clock.read("03/04/2024, 10:00") == datetime(2024, 4, 3, 10, 0, tzinfo=timezone.utc)
    assert clock.read_unzoned


@pytest.mark.parametrize("labelled", [False, True])
@pytest.mark.parametrize("text", ["2026 17:04", "2026, 5:04 pm", "2026 at 17:04:59"])
def test_a_year_and_a_time_without_day_or_month_is_no_date(text, labelled):
    """What is left of "27 Ago 2026 17:04" when a reader drops "27 Ago" as a label: dateparser
    would fill the day and month in from the capture time (10 September), a plausible wrong date."""
    clock = ForumClock(datetime(2026, 9, 10, 12, tzinfo=timezone.utc), labelled=labelled)
    assert clock.local(text) is None
    # A date with its day and month still reads, and so does a time of today.
    assert clock.local("7 Sep 2026 17:04") == datetime(2026, 9, 7, 17, 4)
    assert clock.local("Today 17:04") == datetime(2026, 9, 10, 17, 4)


@pytest.mark.parametrize("text, expected", [
    # vBulletin's Arabic language packs print the a.m./p.m. phrases as "ص" and "م": 22:15, not 10:15.
    ("03-12-2024, 10:15 م", datetime(2024, 12, 3, 22, 15)),
    ("03-12-2024, 10:15 ص", datetime(2024, 12, 3, 10, 15)),
    ("03-12-2024, 12:05 ص", datetime(2024, 12, 3, 0, 5)),
    ("03-12-2024, 12:05 م", datetime(2024, 12, 3, 12, 5)),
    ("اليوم, 09:40 م", datetime(2026, 12, 1, 21, 40)),
    # "م" after a year is "AD" (ميلادي), no time of day's mark; a word starting with it is no mark either.
    ("03-12-2024 م, 10:15", datetime(2024, 12, 3, 10, 15)),
    ("03-12-2024, 10:15 مشاركة", datetime(2024, 12, 3, 10, 15)),
    # Persian packs: "ب.ظ" after noon, "ق.ظ" before it.
    ("03-12-2024, 05:27 ب.ظ", datetime(2024, 12, 3, 17, 27)),
    ("03-12-2024, 12:10 ق.ظ", datetime(2024, 12, 3, 0, 10)),
])
def test_arabic_and_persian_day_halves_among_words(text, expected):
    clock = ForumClock(datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc), None, "ar", labelled=True)
    assert clock.local(text) == expected


# --- Arabic boards: Syriac month names, "today"/"yesterday", pages that name no language -------------

BAGHDAD = timezone(timedelta(hours=3))


@pytest.mark.parametrize(("text", "language", "want"), [
    # An Iraqi/Levantine pack's month ("أيار" is May), and "م" the afternoon mark: 22:15 in Baghdad.
    ("15 أيار 2024 - 10:15 م", "ar", datetime(2024, 5, 15, 19, 15, tzinfo=UTC)),
    # Among a post's words, a two-word month ("تشرين الثاني" is November).
    ("كتبه أبو علي في 3 تشرين الثاني 2023 الساعة 08:05 م", "ar", datetime(2023, 11, 3, 17, 5, tzinfo=UTC)),
    # The bare-alef "اب" (August) beside a number, and "ص" the morning mark.
    ("15 اب 2024 10:15 ص", "ar", datetime(2024, 8, 15, 7, 15, tzinfo=UTC)),
    # An Egyptian/Gulf pack's name is read where it stands too.
    ("الثلاثاء 14 مايو 2024 10:15 م", "ar", datetime(2024, 5, 14, 19, 15, tzinfo=UTC)),
    # A page that names no language but prints Arabic: the capture (00:00 UTC) is 03:00 on 1 June in
    # Baghdad, so "today" is 1 June and "yesterday" 31 May.
    ("اليوم, 10:15 م", None, datetime(2024, 6, 1, 19, 15, tzinfo=UTC)),
    ("أمس، 09:40 ص", None, datetime(2024, 5, 31, 6, 40, tzinfo=UTC)),
    ("15 تموز 2024 - 10:15 م", None, datetime(2024, 7, 15, 19, 15, tzinfo=UTC)),
])
def test_arabic_boards_dates_with_syriac_months_and_relative_days(text, language, want):
    clock = ForumClock(MIDNIGHT, BAGHDAD, language, labelled=True)
    assert clock.read(text) == want


def test_syriac_month_names_are_not_read_on_a_persian_page():
    # In Persian "تموز" and "آب" are words of their own ("آب" is water): no month is read from them.
    assert ForumClock(MIDNIGHT, BAGHDAD, "fa", labelled=True).read("15 آب 2024 - 10:15") is None


def test_a_bare_arabic_date_on_a_page_without_a_language():
    # phpBB-like bare dates: the whole text is the date, read in Arabic though the page names none.
    clock = ForumClock(NOON, timezone.utc, None)
    assert clock.read("15 حزيران 2024، 10:15 م") == datetime(2024, 6, 15, 22, 15, tzinfo=UTC)


# --- Language packs' dates (bench/fuzz_parsers.py --mutations translate_dates) ------------------


def test_a_number_over_12_is_the_day_whatever_the_pages_order():
    # "03/14/10 07:21 PM" (UBB's m/d/y) on a page declaring Swedish, whose order is day first: no
    # 14th month, so it is the 14th of March. It was read as month 14, then by dateparser as
    # 14 October 2003.
    for clock in (labelled("sv"), ForumClock(NOON, UTC, "sv")):
        assert clock.day_first
        assert clock.read("03/14/10 07:21 PM") == datetime(2010, 3, 14, 19, 21, tzinfo=UTC)
    # Both numbers 12 or under: the page's order decides, two-digit year or four.
    assert ForumClock(NOON, UTC, "sv").read("03/04/10 07:21") == datetime(2010, 4, 3, 7, 21, tzinfo=UTC)
    assert ForumClock(NOON, UTC, "en").read("03/04/10 07:21 PM") == datetime(2010, 3, 4, 19, 21, tzinfo=UTC)


def test_a_month_word_of_a_language_not_named_gives_no_time_never_the_capture_month():
    # A Swedish pack's "mån maj 23, 2016 4:04 pm" on a page declaring English: a reader that drops
    # the words it cannot read kept "23, 2016 4:04 pm", which dateparser read in the capture's month
    # (June). An Italian "dom set 14, 2013" likewise, and a post counter beside an unread month
    # ("#1 05 set 2018 10:44") became the month: January.
    clock = ForumClock(NOON, UTC, "en")
    for text in ("23, 2016 4:04 pm", "# \u00bf set 14, 2013 18:02", "#1 05 set 2018 10:44", "mån maj 23, 2016 4:04 pm"):
        assert clock.read(text) is None, text
    # What is left has one number for both the day and the month: Hungarian dateparser read
    # "07, 2016 11:02 pm" as 7 July, even told to require the month.
    assert ForumClock(NOON, UTC, "hu").read("07, 2016 11:02 pm") is None
    # In the pack's own language the same dates read right, the post counter left out.
    assert ForumClock(NOON, UTC, "sv").read("mån maj 23, 2016 4:04 pm") == datetime(2016, 5, 23, 16, 4, tzinfo=UTC)
    assert ForumClock(NOON, UTC, "it").read("#1 03 mar 2019 08:15") == datetime(2019, 3, 3, 8, 15, tzinfo=UTC)


@pytest.mark.parametrize("language, text, want", [
    ("fi", "Eilen klo 16.02", datetime(2024, 5, 31, 16, 2, tzinfo=UTC)),
    ("fi", "Tänään klo 9.15", datetime(2024, 6, 1, 9, 15, tzinfo=UTC)),
    ("da", "I går kl. 16.02", datetime(2024, 5, 31, 16, 2, tzinfo=UTC)),
    ("de", "Gestern um 16.02", datetime(2024, 5, 31, 16, 2, tzinfo=UTC)),
    ("fi", "15.05.2018 klo 16.02", datetime(2018, 5, 15, 16, 2, tzinfo=UTC)),
    ("de", "16.02.2018 um 10:15", datetime(2018, 2, 16, 10, 15, tzinfo=UTC)),  # a dotted date stays a date
])
def test_a_clock_time_printed_with_a_dot_after_the_packs_time_word(language, text, want):
    # Finnish, Danish and Norwegian packs print "klo 16.02" / "kl. 16.02": dateparser read no time
    # (the capture's 12:00 came back) and the labelled reader read midnight, both silently.
    assert ForumClock(NOON, UTC, language).read(text) == want
    assert labelled(language).read(text) == want


def test_a_time_printed_in_a_form_not_read_gives_no_time_never_the_days_midnight():
    # "اليوم, 8.١٥ ص" (today, a clock in mixed digits with a dot): the day was read and the time
    # not, and the post was dated at midnight, silently.
    assert labelled("ar").read("اليوم, 8.١٥ ص") is None
    assert labelled("ar").read("اليوم, 08:15 ص") == datetime(2024, 6, 1, 8, 15, tzinfo=UTC)
    assert labelled("en").read("Yesterday") == datetime(2024, 5, 31, tzinfo=UTC)  # a day alone is its day


# --- Dates counted in days or coarser ------------------------------------------------------------
# tests/data/phpbb/phpbb33_prosilver.html (hand-written, phpBB 3.3 prosilver, zone Europe/Berlin):
# guest post 70022 prints its time as bare text, "Mon Jan 15, 2024 7:40 pm", with no <time>. Here
# that text is replaced by a relative one, as a theme or language pack prints a post days old.
PROSILVER_33 = DATA / "phpbb" / "phpbb33_prosilver.html"
PRINTED_70022 = b"Mon Jan 15, 2024 7:40 pm"
NOON_JUNE_1 = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)  # 14:00 in Berlin


def _prosilver_70022_printed(text: str):
    body = PROSILVER_33.read_bytes()
    assert body.count(PRINTED_70022) == 1
    result = parse_page(body.replace(PRINTED_70022, text.encode()),
                        "https://ponds.example/forum/viewtopic.php?t=5150&start=20", NOON_JUNE_1)
    return result, next(post for post in result.posts if post.post_id == "70022")


def test_a_date_counted_in_days_is_read_and_said_to_have_no_time_of_day():
    """"2 days ago": the day is read (30 May, at the capture's wall clock, 14:00 in Berlin), and
    the page's errors say its time of day is the capture's, which the page does not print."""
    result, post = _prosilver_70022_printed("2 days ago")
    assert post.published_at == datetime(2024, 5, 30, 12, 0, tzinfo=timezone.utc)
    notes = [error for error in result.errors if "counted in days" in error]
    assert notes == ['1 printed date(s) counted in days with no time of day ("2 days ago"): read as that day'
                     " at the capture's time of day, which the page does not print"]


def test_a_date_counted_in_weeks_is_no_date():
    """"3 weeks ago" names no day: no time, and the post's error says so."""
    result, post = _prosilver_70022_printed("3 weeks ago")
    assert post.published_at is None
    assert "post 70022: no publication time found" in result.errors


def test_dates_with_their_time_of_day_get_no_note():
    result, post = _prosilver_70022_printed("Yesterday 7:40 pm")
    assert post.published_at == datetime(2024, 5, 31, 17, 40, tzinfo=timezone.utc)
    assert not any("counted in days" in error for error in result.errors)


def test_day_counted_dates_are_collected_only_while_asked():
    clock = ForumClock(NOON_JUNE_1, timezone.utc)
    with day_counted_dates() as counted:
        assert clock.read("2 days ago") == datetime(2024, 5, 30, 12, 0, tzinfo=timezone.utc)
        assert clock.read("5 hours ago") == datetime(2024, 6, 1, 7, 0, tzinfo=timezone.utc)
    assert counted == {"2 days ago"}
    assert ForumClock(NOON_JUNE_1, timezone.utc).read("3 days ago") is not None  # outside: nothing collected
