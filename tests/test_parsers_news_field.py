"""The news parser on hand-written pages after the markup of real article pages it had never seen
(tests/data/news_field; each file's header names the page it imitates). Expected values are
written by hand from the pages (tests/test_parsers_verdicts.py also checks each is read as an
article, never as a forum page).

Why: Iraqi and Levantine outlets print dates with the Syriac month names ("تموز", "آب",
"كانون الثاني"), sometimes beside the Egyptian name ("آب/اغسطس"); dateparser's Arabic reads only
the Egyptian ones, so a page whose only date was printed that way had no published time. CNN
Arabic printed its date in class="cnn_strytmstmp", and camelCase classes ("articleDate") were
not read as naming a date either."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from conftest import DATA
from lxml import etree

from parsers.news.profile import read_printed_date
from parsers.news.visible import printed_date_nodes
from parsers.registry import parse_page

FIELD = DATA / "news_field"
CAPTURED = datetime(2024, 9, 1, tzinfo=timezone.utc)


def main_article(page: str, url: str):
    result = parse_page((FIELD / page).read_bytes(), url, CAPTURED)
    assert result.kind == "article_page", result.reason
    return next(a for a in result.articles if a.main)


def test_an_iraqi_page_printing_a_syriac_month_in_arabic_digits_has_its_published_time():
    article = main_article("iraqi_printed_syriac_month.html", "https://rafidain-naba.example/news/40213")
    assert article.title == "افتتاح جسر الكرادة الجديد"
    assert article.published_at == datetime(2024, 7, 14, 10, 30, tzinfo=timezone.utc)
    assert article.authors == []
    assert [b.text.split()[0] for b in article.blocks] == ["افتتحت", "وقال", "وأضاف"]
    assert "الأكثر قراءة" not in article.text and "مشاهدة" not in article.text


def test_a_month_printed_as_its_levantine_and_egyptian_names_keeps_the_printed_offset_time():
    article = main_article("levant_month_pair_gmt_offset.html", "https://anbaa.example/2013/middle_east/8/21/souq")
    assert article.title == "مزارعون يعيدون فتح سوق الحبوب في البلدة"
    assert article.published_at == datetime(2013, 8, 21, 14, 0, tzinfo=timezone(timedelta(hours=4)))
    assert [b.text.split()[0] for b in article.blocks] == ["حمص،", "وقال", "وأكد"]


@pytest.mark.parametrize(("printed", "expected"), [
    ("3 كانون الثاني 2024", datetime(2024, 1, 3, tzinfo=timezone.utc)),
    ("3 كانون ثاني 2024", datetime(2024, 1, 3, tzinfo=timezone.utc)),
    ("4 شباط 2020", datetime(2020, 2, 4, tzinfo=timezone.utc)),
    ("1 آذار 2021", datetime(2021, 3, 1, tzinfo=timezone.utc)),
    ("الاحد 1 ايار 2022", datetime(2022, 5, 1, tzinfo=timezone.utc)),
    ("نشر في 30 حزيران 2021", datetime(2021, 6, 30, tzinfo=timezone.utc)),
    ("5 اب 2021", datetime(2021, 8, 5, tzinfo=timezone.utc)),
    ("أغسطس/آب 28, 2013", datetime(2013, 8, 28, tzinfo=timezone.utc)),
    ("تموز (يوليو) 14، 2023", datetime(2023, 7, 14, tzinfo=timezone.utc)),
    ("18 أيلول 2019 14:05", datetime(2019, 9, 18, 14, 5, tzinfo=timezone.utc)),
    ("12 تشرين الأول 2022 - 09:15", datetime(2022, 10, 12, 9, 15, tzinfo=timezone.utc)),
    ("٢ كانون الأول ٢٠٢٢", datetime(2022, 12, 2, tzinfo=timezone.utc)),
])
def test_syriac_month_names_are_read(printed, expected):
    assert read_printed_date(printed, CAPTURED, ["ar", "en"]) == expected


def test_a_date_printed_in_an_element_whose_class_runs_timestamp_together_is_the_published_time():
    # Why: the page's only date sat in class="cnn_strytmstmp", which no date class word matched.
    article = main_article("run_together_timestamp_class.html", "https://akhbar.example/2013/world/8/15/library")
    assert article.published_at == datetime(2013, 8, 15, 9, 40, tzinfo=timezone(timedelta(hours=4)))
    assert [b.text.split()[0] for b in article.blocks] == ["عمّان،", "وقالت", "وأضافت"]


@pytest.mark.parametrize(("classes", "dated"), [
    ("articleDate", True), ("NewsDate", True), ("publishTime", True), ("storytimestamp", True),
    ("cnn_strytmstmp", True), ("lastUpdated", False), ("dateModified", False), ("NewsTitle", False),
])
def test_camel_case_and_run_together_date_classes_print_the_date(classes, dated):
    page = (f'<html><body><h1>Bridge reopens</h1><div class="{classes}">March 3, 2021 10:15</div>'
            '<p>The old bridge over the river reopened on Wednesday after a year of repairs.</p></body></html>')
    root = etree.HTML(page)
    assert (printed_date_nodes(root) != []) is dated


def test_an_arabic_date_on_a_page_declaring_no_language_is_read_as_arabic():
    # Why: with no <html lang> the date was read as English only, which knows no Arabic month.
    assert read_printed_date("الخميس 5 أيلول 2019 - 11:20", CAPTURED, None) == datetime(
        2019, 9, 5, 11, 20, tzinfo=timezone.utc)
    assert read_printed_date("5 سبتمبر 2019", CAPTURED, None) == datetime(2019, 9, 5, tzinfo=timezone.utc)


def test_a_persian_page_is_not_given_arabic_months():
    # "تموز" is a Persian word too: only pages that declare Arabic (or nothing) get the months.
    from parsers.news.profile import plain_date_text

    assert plain_date_text("28 تموز 2023", ["fa", "en"]) == "28 تموز 2023"
    assert plain_date_text("28 تموز 2023", ["ar", "en"]) == "28 يوليو 2023"


def test_the_comment_policy_printed_just_above_the_comments_widget_is_not_the_body():
    # Why: CNN Arabic's comment policy sat in a bare <div> beside the body's paragraphs, just
    # above <div class="fb-comments">, and came out as the article's last two paragraphs.
    article = main_article("comment_policy_above_fb_comments.html", "https://anbaa.example/2013/middle_east/8/21/souq")
    assert [b.text.split()[0] for b in article.blocks] == ["حمص،", "وقال", "وأكد"]
    assert "التعليقات" not in article.text and "الآراء الواردة" not in article.text


def test_a_last_paragraph_right_above_the_comments_is_kept():
    # The article's own last paragraph, not in a wrapper of its own, stays even when the
    # comments widget follows it directly.
    page = ('<html><head><meta property="og:type" content="article"><title>Ferry</title></head><body>'
            '<div class="story"><h1>Ferry service resumes</h1>'
            '<p>The small car ferry across the bay resumed service on Monday after a month of repairs to its ramp.</p>'
            '<div><p>Commuters who had driven the long way round said the crossing saved them almost an hour.</p>'
            '<p>The council thanked them for their patience and promised a timetable by the end of the week.</p>'
            '<p>Fares are unchanged, and season tickets bought before the closure will be extended by a month.</p>'
            '<p>The ferry company said a second boat would join the route in the spring if demand holds up.</p></div>'
            '<div id="comments"></div></div></body></html>')
    (article,) = parse_page(page.encode(), "https://courier.example/ferry", CAPTURED).articles
    assert [b.text.split()[0] for b in article.blocks] == ["The", "Commuters", "The", "Fares", "The"]
