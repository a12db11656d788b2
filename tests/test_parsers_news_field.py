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

from parsers.news.body import is_date_line
from parsers.news.date_lines import is_printed_date
from parsers.news import canonical_address
from parsers.news.byline import read_byline
from parsers.news.container import body_container
from parsers.news.profile import read_printed_date
from parsers.news.visible import is_update_stamp, printed_date_nodes
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


def test_a_clock_printed_apart_from_its_day_is_read_with_the_day_beside_it():
    """RIA Novosti (2011) prints "<span class="time">17:08 </span>23/04/2011": the clock alone, in
    the only element a date class names, was read on the capture's day, silently; the line it
    stands in gives the day."""
    article = main_article("clock_span_beside_its_day.html", "https://wire.example/world/20110423/170001.html")
    assert article.published_at == datetime(2011, 4, 23, 17, 8, tzinfo=timezone.utc)


def test_a_line_saying_when_the_article_was_last_updated_is_not_its_publication():
    """CNN Arabic (2013) prints only "Sunday, 18 August 2013, last updated 02:21 (GMT+0400)": read
    as the publication, it gave the update's day at midnight UTC, silently. An update's label in
    the line, with no publication's label before it, makes it the update's line."""
    article = main_article("last_updated_stamp_only.html", "https://arabic.news.example/2013/08/17/library/index.html")
    assert article.title == "افتتاح مكتبة عامة في وسط المدينة"
    assert article.published_at is None


@pytest.mark.parametrize(("line", "update"), [
    ("الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)", True),
    ("Monday 3 June 2024, last updated 10:15", True),
    ("Published June 3, 2024, updated June 5, 2024", False),
    ("June 3, 2024 10:15", False),
])
def test_update_stamps_are_told_from_publication_lines(line, update):
    assert is_update_stamp(line) is update


def test_an_author_meta_naming_the_paper_and_a_teasers_byline_are_no_authors():
    """taz.de (2011): <meta name="author" content="taz, die tageszeitung"> is the paper's name and
    what it is, read as two authors; the page's own byline is in span.author, and a teaser of
    another article (a link around its headings) prints its own."""
    article = main_article("publisher_named_author_meta_and_teaser_byline.html",
                           "https://www.blatt.example/1/leben/artikel/1/der-faehrmann-von-ellersiel/")
    assert article.title == "Der Fährmann von Ellersiel"
    assert article.authors == ["Greta Vogel"]


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


LOGO_PAGE = "logo_headline_and_highfooter_column.html"
LOGO_URL = "http://www.harbour24.example/en/20150512-lighthouse-keepers-return"
LOGO_BODY = ["Keepers", "The", "Each", "Fishermen", "The", "(HARBOUR"]


def _logo_page_variant(old: str, new: str) -> list[str]:
    page = (FIELD / LOGO_PAGE).read_text(encoding="utf-8")
    assert old in page
    (article,) = parse_page(page.replace(old, new).encode(), LOGO_URL, CAPTURED).articles
    return [b.text.split()[0] for b in article.blocks]


def test_a_site_logo_headline_and_a_footer_named_column_leave_the_body_to_its_own_element():
    # Why: France 24's body was read from the whole page ("Text by NEWS WIRES", "Latest update :
    # 2015-05-12", the related story and "COMMENT(S)" as paragraphs): its column's class
    # "highfooter" made the body's element page furniture, and the lines after its logo <h1>
    # (two teasers and the article's own <h1>) were taken for the body's start.
    article = main_article(LOGO_PAGE, LOGO_URL)
    assert article.title == "Lighthouse keepers return to the northern capes"
    assert article.published_at == datetime(2015, 5, 12, tzinfo=timezone.utc)
    assert [b.text.split()[0] for b in article.blocks] == LOGO_BODY
    for furniture in ("Text by", "Latest update", "Date created", "Storm leaves", "COMMENT", "Ferry crews"):
        assert furniture not in article.text


def test_a_column_whose_class_names_a_footer_but_holds_the_headline_is_not_furniture():
    # Without the logo <h1> only the footer-named class is left to get wrong.
    assert _logo_page_variant('<h1><a href="/en/">Harbour 24 - Coastal news every hour</a></h1>',
                              '<a href="/en/">Harbour 24 - Coastal news every hour</a>') == LOGO_BODY


def test_the_lines_after_a_site_logo_headline_are_not_the_start_of_the_body():
    # Without the footer-named class only the logo <h1> is left to get wrong.
    assert _logo_page_variant('class="col-1  highfooter"', 'class="col-1"') == LOGO_BODY


def test_a_real_footer_holding_the_longest_text_is_still_furniture():
    # A class naming a footer still marks furniture when the element holds no headline.
    page = ('<html><head><meta property="og:type" content="article"><title>Quay</title></head><body>'
            '<h1>Quay</h1><div class="story"><p>The quay reopened on Monday after a week of repairs to the stones.</p></div>'
            '<div class="pagefooter"><p>Harbour 24 is a coastal news service written by a small crew of reporters.</p>'
            '<p>It is read in every harbour town along the coast, and on the islands when the ferry runs.</p>'
            '<p>Letters to the editor can be left at the harbour master\'s office or sent by post.</p>'
            '<p>Photographs sent by readers are printed with their names unless they ask otherwise.</p>'
            '<p>Advertising in the tide tables is sold by the month; ask at the office for the rates.</p></div>'
            '</body></html>')
    assert body_container(etree.HTML(page)) is None


def test_co_authors_named_in_brackets_after_the_first_are_authors_of_their_own():
    # Why: Le Monde's byline "Martin Untersinger (avec Damien Leloup et Morgane Tual)" gave the
    # authors "Martin Untersinger (avec Damien Leloup" and "Morgane Tual".
    article = main_article("byline_coauthors_in_brackets.html",
                           "http://www.littoral.example/cotes/article/2015/05/04/les-phares-du-cap-nord_4620001_4400001.html")
    assert article.authors == ["Aurélien Vasseur", "Odile Marchand", "Lucas Fontenelle"]
    assert article.published_at == datetime(2015, 5, 4, 13, 36, 31, tzinfo=timezone(timedelta(hours=2)))
    assert article.updated_at == datetime(2015, 5, 5, 20, 13, 12, tzinfo=timezone(timedelta(hours=2)))
    assert [b.text.split()[0] for b in article.blocks] == ["Les", "Chaque", "Les", "Le"]


@pytest.mark.parametrize(("byline", "people", "organisations"), [
    ("Jane Doe (with John Roe)", ["Jane Doe", "John Roe"], []),
    ("By Jane Doe (with additional reporting by John Roe and Ann Poe)", ["Jane Doe", "John Roe", "Ann Poe"], []),
    ("Hans Muster (mit Eva Beispiel)", ["Hans Muster", "Eva Beispiel"], []),
    ("سامر الحداد (مع ليلى النجار)", ["سامر الحداد", "ليلى النجار"], []),
    ("Jane Doe (AFP)", ["Jane Doe"], ["AFP"]),
    ("Jane Doe (Sports Editor)", ["Jane Doe"], []),
])
def test_bracketed_co_authors_agencies_and_roles_are_not_glued_to_the_name_before(byline, people, organisations):
    read = read_byline(byline)
    assert (read.people, read.organisations) == (people, organisations)


def test_a_labelled_date_line_opening_or_closing_the_body_is_not_a_paragraph():
    # Why: France 24 closed its body with "Date created : 2015-05-12" (class "modification").
    page = ('<html lang="fr"><head><meta property="og:type" content="article"><title>Quai</title></head><body>'
            '<article><h1>Le quai rouvre</h1><div class="corps">'
            '<p>Mis à jour le 05.05.2015 à 20h13</p>'
            '<p>Le quai du port a rouvert lundi après une semaine de travaux sur ses vieilles pierres.</p>'
            '<p>Les pêcheurs ont retrouvé leurs places habituelles dès le matin, avant le lever du jour.</p>'
            '<p>La mairie promet un nouvel éclairage avant l\'hiver, financé par la taxe du port.</p>'
            '<p>Les travaux ont coûté moins que prévu, a précisé l\'adjoint chargé des finances.</p>'
            '<p>Publié le 04.05.2015 à 13h36</p></div></article></body></html>')
    (article,) = parse_page(page.encode(), "https://littoral.example/quai", CAPTURED).articles
    assert [b.text.split()[0] for b in article.blocks] == ["Le", "Les", "La", "Les"]


@pytest.mark.parametrize(("line", "dated"), [
    ("Date created : 2015-05-12", True),
    ("Latest update : 2015-05-12", True),
    ("Posted on March 3, 2019 at 4:05 pm", True),
    ("آخر تحديث: ١٤ تموز ٢٠٢٤ - ١٠:٣٠", True),
    ("Published in 2015 by a small press, the book sold well", False),
    ("Updated 3 hours ago", False),
    ("(HARBOUR 24 with WIRES)", False),
    ("2015-05-12", False),
    # a theme's date badge (a WordPress.com theme's div.post-date > span.entry-month + span.entry-day,
    # bunterepublik.wordpress.com, 2012: "Apr13" was the body's last block): a month and a day and
    # nothing else, short; never a line of words that names a month
    ("Apr13", True),
    ("13. Mai 2012", True),
    ("April showers", False),
    ("March 2012 was cold", False),
])
def test_a_labelled_date_and_time_or_a_months_badge_is_a_date_line(line, dated):
    assert is_date_line(line) is dated


@pytest.mark.parametrize(("line", "dated"), [
    ("Samstag 22.12.2012", True),  # tagesausblick.de's line under its kicker (2012, checked by hand)
    ("Samstag, 3. Dezember 2011 um 14:05 Uhr", True),
    ("jeudi 13 juin 2019", True),
    ("sábado, 4 de mayo de 2019", True),
    ("Samstag ist Markt", False),
])
def test_a_printed_date_may_start_with_its_weekday_in_german_french_or_spanish(line, dated):
    """Before: a German or Spanish weekday was no date word, and "Samstag 22.12.2012" no date."""
    assert is_printed_date(line) is dated



def test_a_picture_gallery_credit_inside_the_body_is_not_the_articles_author():
    # Why: Deutsche Welle's body holds a picture gallery whose last slide ends with the
    # gallery's credit ("Author: Julia Hitz (eg)"); the article's own author is printed only in a
    # label list ("Author Ben Knight"). The gallery's credit was read as the author, with "(eg",
    # and a related story's <span class="date"> beside its author as the published day.
    article = main_article("gallery_credit_inside_body.html",
                           "https://www.harbourwave.example/en/port-town-renames-its-quays/a-52000001")
    assert article.title == "Port town renames its quays after lighthouse keepers"
    assert "Wilma Strandberg" not in " ".join(article.authors)
    assert "Greta Holm" not in article.authors
    # The related story's printed day (12.12.2019) was taken as the article's; the article's own
    # day is printed only in the label list ("Date 19.01.2020").
    assert article.published_at == datetime(2020, 1, 19, tzinfo=timezone.utc)


def test_a_byline_in_a_related_content_box_is_not_the_articles_author():
    page = (FIELD / "gallery_credit_inside_body.html").read_text(encoding="utf-8")
    page = page.replace('<p class="author"> Author: Wilma Strandberg (ws) </p>', "")
    (article,) = parse_page(page.encode(), "https://www.harbourwave.example/en/a-52000001", CAPTURED).articles
    assert "Greta Holm" not in article.authors


def test_an_editors_initials_in_brackets_are_not_part_of_the_name():
    assert read_byline("Wilma Strandberg (ws)").people == ["Wilma Strandberg"]
    assert read_byline("Hans Muster (ha/kp)").people == ["Hans Muster"]


@pytest.mark.parametrize(("printed", "languages", "expected"), [
    ("Date 05.01.2020", ["en"], datetime(2020, 1, 5, tzinfo=timezone.utc)),
    ("05.01.2020 10:30", ["en"], datetime(2020, 1, 5, 10, 30, tzinfo=timezone.utc)),
    ("Le 04.05.2015 à 13h36", ["en"], datetime(2015, 5, 4, 13, 36, tzinfo=timezone.utc)),
    ("Publié le 04.05.2015 à 13h36", ["fr", "en"], datetime(2015, 5, 4, 13, 36, tzinfo=timezone.utc)),
    ("19.01.2020", ["en"], datetime(2020, 1, 19, tzinfo=timezone.utc)),
])
def test_a_date_printed_with_dots_is_read_day_first_in_any_language(printed, languages, expected):
    # Why: dateparser's English read "05.01.2020" as the 1st of May. Dates written with dots are
    # day first (Deutsche Welle's English pages, Le Monde), whatever language the page declares.
    assert read_printed_date(printed, CAPTURED, languages) == expected


def test_an_english_page_printing_a_dotted_day_has_that_day():
    page = ('<html lang="en"><head><meta property="og:type" content="article"><title>Quay</title></head><body>'
            '<h1>Quay reopens after repairs</h1><p><span class="date">05.01.2020</span></p><div class="story">'
            '<p>The quay reopened on Monday after a week of repairs to the old stones along its edge.</p>'
            '<p>Fishermen were back at their usual places before dawn, glad of the shelter it gives.</p>'
            '<p>The council promised new lamps before the winter, paid for by the harbour dues.</p>'
            '<p>The repairs cost less than expected, the councillor in charge of the budget said.</p></div></body></html>')
    (article,) = parse_page(page.encode(), "https://harbourwave.example/quay", CAPTURED).articles
    assert article.published_at == datetime(2020, 1, 5, tzinfo=timezone.utc)


def test_the_labelled_day_of_a_facts_list_is_read_only_when_nothing_else_prints_a_date():
    page = (FIELD / "gallery_credit_inside_body.html").read_text(encoding="utf-8")
    dated = page.replace('<h4 class="artikel">Coast</h4>', '<h4 class="artikel">Coast</h4><time datetime="2020-01-18T09:00:00Z">18.01.2020</time>')
    (article,) = parse_page(dated.encode(), "https://www.harbourwave.example/en/a-52000001", CAPTURED).articles
    assert article.published_at == datetime(2020, 1, 18, 9, 0, tzinfo=timezone.utc)
    ambiguous = page.replace("19.01.2020\n</li>", "05.01.2020\n</li>")
    (article,) = parse_page(ambiguous.encode(), "https://www.harbourwave.example/en/a-52000001", CAPTURED).articles
    assert article.published_at == datetime(2020, 1, 5, tzinfo=timezone.utc)


@pytest.mark.parametrize("printed", ["30. Juli 2018", "31.02.2020", "posted 2019"])
def test_a_year_alone_found_in_a_printed_line_is_no_day(printed):
    # Why: read as English, "30. Juli 2018" gave dateparser's search only "2018", which it
    # completed with the capture's month and day (2018-09-01 for a page captured on 1 September):
    # a wrong day, silently. No day is printed that it can read.
    assert read_printed_date(printed, CAPTURED, ["en"]) is None


def test_the_name_link_after_the_posters_avatar_under_the_headline_is_the_author():
    # Why: dealdoktor.de's user deals (WordPress) print the poster's avatar, a profile link with no
    # class and the date under the headline: no "By", no author class, no microdata; authors was [].
    page = "wordpress_avatar_name_link_byline.html"
    url = "https://www.sparfuchs.example/user-deals/deals/lebensmittel/zwei-dosen-trinkschokolade/"
    article = main_article(page, url)
    assert article.authors == ["KaffeeKarl"]
    assert article.published_at == datetime(2021, 3, 12, 8, 41, tzinfo=timezone.utc)
    assert len(article.blocks) == 5
    # Without the avatar the link is only a link: nobody is named.
    plain = (FIELD / page).read_text(encoding="utf-8").replace('class="avatar avatar-19"', 'class="userpic"')
    (article,) = parse_page(plain.encode(), url, CAPTURED).articles
    assert article.authors == []


RECHTSBLICK = "https://www.rechtsblick.example/recht-gesetz/kein-anspruch-auf-gartenhaus-im-vorgarten-810001"


def test_a_microdata_author_naming_the_sites_desk_gives_way_to_the_bodys_closing_author_line():
    # Why: juraforum.de names its author only in microdata (<meta itemprop="name"
    # content="JuraForum.de-Redaktion">, the site's desk) and ends the body "Autor: Rechtsanwalt
    # ..."; authors was [].
    article = main_article("microdata_desk_author_closing_autor_line.html", RECHTSBLICK)
    assert article.authors == ["Tilman Kornblum"]
    assert article.publisher == "Rechtsblick.de"
    assert article.published_at == datetime(2023, 3, 9, 14, 5, 11, tzinfo=timezone.utc)
    assert article.blocks[-3].text == "Autor: Rechtsanwalt Tilman Kornblum"


def test_a_microdata_person_named_only_in_a_meta_is_the_author():
    page = (FIELD / "microdata_desk_author_closing_autor_line.html").read_text(encoding="utf-8")
    named = page.replace('content="Rechtsblick.de-Redaktion"', 'content="Greta Lindqvist"')
    (article,) = parse_page(named.encode(), RECHTSBLICK, CAPTURED).articles
    assert article.authors == ["Greta Lindqvist"]


def test_an_author_label_inside_the_body_is_not_its_closing_byline():
    page = (FIELD / "microdata_desk_author_closing_autor_line.html").read_text(encoding="utf-8")
    inside = page.replace("Quelle: © www.rechtsagentur.example - Rechtsnews für Ihre Kanzleiseite<br/><br/>", "")
    inside = inside.replace(" Tilman Kornblum</div>",
                            " Tilman Kornblum<br/><br/>Quelle: © www.rechtsagentur.example</div>")
    (article,) = parse_page(inside.encode(), RECHTSBLICK, CAPTURED).articles
    assert article.authors == []


def test_a_japanese_asker_label_goes_and_an_empty_answerer_label_names_nobody():
    # Why: oshiete.goo.ne.jp gave the authors ['質問者：<name>', '回答者：']: the asker's label with its
    # full-width colon was kept, and the empty answer form's label was taken for a name.
    article = main_article("japanese_qa_labelled_asker_empty_answer_form.html",
                           "https://oshiete.goo.example/qa/12000001.html")
    assert article.authors == ["しずかなかえる"]


def test_a_printed_date_is_read_whole_or_not_at_all():
    """The question's "質問日時：<time>2021/05/20 22:45</time>" (no datetime) is 2021-05-20 22:45, read
    as UTC (the page names no zone). Before: dateparser's search of the labelled line found the
    clock alone and completed it with the capture's day, 2025-01-31 22:45, silently; a date is now
    read only with its day, month and year all printed."""
    article = main_article("japanese_qa_labelled_asker_empty_answer_form.html",
                           "https://oshiete.goo.example/qa/12000001.html")
    assert article.published_at == datetime(2021, 5, 20, 22, 45, tzinfo=timezone.utc)


def test_a_canonical_address_written_without_its_scheme_names_the_pages_host():
    """El Mundo (2012) writes og:url as "www.elmundo.es/elmundo/2012/...": joined as a relative path,
    the article's address became ".../espana/www.elmundo.es/elmundo/...". (Hand-written page,
    invented words.)"""
    page = ("<html lang='es'><head><title>Lluvias en la costa | El Diario</title>"
            "<meta property='og:type' content='article'/>"
            "<meta property='og:url' content='www.diario.example/2012/10/28/espana/1351388909.html'/>"
            "<meta property='article:published_time' content='2012-10-28T10:00:00+01:00'/></head><body>"
            "<article><h1>Lluvias en la costa</h1>"
            + "".join(f"<p>Párrafo {i} sobre las lluvias que cayeron durante la noche en la costa norte.</p>" for i in range(6))
            + "</article></body></html>").encode("utf-8")
    result = parse_page(page, "http://www.diario.example/2012/10/28/espana/1351388909.html", CAPTURED)
    assert result.canonical_url == "http://www.diario.example/2012/10/28/espana/1351388909.html"
    assert [a.canonical_url for a in result.articles if a.main] == [result.canonical_url]


@pytest.mark.parametrize(("value", "expected"), [
    ("www.x.example/c.html", "https://www.x.example/c.html"),
    ("x.example/c.html", "https://x.example/c.html"),
    ("c/d.html", "https://www.x.example/a/c/d.html"),
    ("/c.html", "https://www.x.example/c.html"),
    ("other.example/c.html", "https://www.x.example/a/other.example/c.html"),
])
def test_canonical_address_joins_a_schemeless_own_host(value, expected):
    assert canonical_address("https://www.x.example/a/b.html", value) == expected


def test_a_chinese_headline_agrees_with_its_title_and_dublin_core_dates_are_read():
    """BBC Chinese (2012): a headline written without spaces was one "word" that never agreed with
    the <title> around it, so a masthead's heading ("浏览协助", accessibility help) was the title;
    and with no date but Dublin Core's dcterms.created, the first related story's day was taken."""
    article = main_article("cjk_headline_dublin_core_dates.html", "https://news.example/news/2012/12/121210_park.shtml")
    assert article.title == "市政府宣布扩建城北公园"
    assert article.published_at == datetime(2012, 12, 10, 9, 24, 1, tzinfo=timezone.utc)
    assert article.updated_at == datetime(2012, 12, 10, 10, 41, 47, tzinfo=timezone.utc)


def test_a_date_with_a_colon_after_its_year_keeps_its_time_and_zone():
    """CNNMoney prints "First published November 29, 2016: 3:33 AM ET": the colon after the year
    stopped the time from being read, and the article was published at midnight UTC, silently."""
    article = main_article("related_links_and_year_colon_date.html",
                           "https://money.example/2016/11/29/news/ferry-strike/index.html")
    assert article.published_at == datetime(2016, 11, 29, 3, 33, tzinfo=timezone(timedelta(hours=-5)))
    assert article.published_at.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(("printed", "expected"), [
    ("November 29, 2016: 8:18 AM ET", datetime(2016, 11, 29, 13, 18, tzinfo=timezone.utc)),
    ("First published November 29, 2016: 3:33 AM ET", datetime(2016, 11, 29, 8, 33, tzinfo=timezone.utc)),
    ("Posted Monday, November 18th, 2019 at 11:08 AM EST", datetime(2019, 11, 18, 16, 8, tzinfo=timezone.utc)),
])
def test_printed_dates_with_a_label_or_a_colon_after_the_year_are_read_whole(printed, expected):
    assert read_printed_date(printed, CAPTURED) == expected


def test_lines_that_only_link_to_another_story_are_not_the_body():
    """"<a>Related: River port crews plan a strike</a>" (CNN) and "<strong>Related:</strong>
    <a>The new race...</a>" (NBC) are pointers to other stories; the extractor kept them as body
    paragraphs. A "Related:" line in the page's own words (no link holds them) stays."""
    article = main_article("related_links_and_year_colon_date.html",
                           "https://money.example/2016/11/29/news/ferry-strike/index.html")
    texts = [block.text for block in article.blocks]
    assert [block.type for block in article.blocks] == ["subheading"] + ["paragraph"] * 5
    assert texts[0] == "Heads up, passengers: crossings may be slow on Tuesday."
    assert texts[1].startswith("Several hundred deckhands") and texts[-1].startswith("Passengers were told")
    assert texts[3].startswith("Related: the union's own words were read out at the gate")
    assert not any("River port crews plan a strike" in text or "fastest river ferry" in text for text in texts)


def test_a_microdata_headline_is_the_title_where_no_other_metadata_title_agrees():
    """The New York Daily News marks its <h1> itemprop="headline" in the article's microdata item,
    and its <title> is a shorter form: no heading agreed with a metadata title, and the article
    had no title, silently."""
    article = main_article("microdata_headline_and_related_class_links.html",
                           "https://coast.example/news/sea-wall-repairs-late-1.2913255")
    assert article.title == ("Harbour master warns sea wall repairs are three months late as winter tides "
                             "approach: \u2018We cannot wait for the council\u2019")


def test_paragraphs_that_are_one_link_classed_related_are_not_the_body():
    article = main_article("microdata_headline_and_related_class_links.html",
                           "https://coast.example/news/sea-wall-repairs-late-1.2913255")
    texts = [block.text for block in article.blocks]
    assert len(texts) == 4
    assert texts[0].startswith("The harbour master told the town council on Tuesday")
    assert texts[2].startswith("Council officers said the contractor")
    assert texts[3].startswith("\u201cThe tide will not wait for the council,\u201d")
    assert not any("Fish market floods" in text or "Quarry above the bay" in text for text in texts)


def test_a_zone_name_written_right_after_an_iso_clock_is_its_zone():
    """The Chicago Tribune writes <time datetime="2016-12-13T15:45:00CST">: read as UTC, six hours
    early, silently."""
    article = main_article("zone_name_after_iso_clock.html",
                           "https://lakeside.example/news/ct-lake-ferry-winter-20161213-story.html")
    assert article.published_at == datetime(2016, 12, 13, 21, 45, tzinfo=timezone.utc)
    assert article.published_at.utcoffset() == timedelta(hours=-6)


def test_an_iso_time_in_the_title_of_the_printed_date_gives_its_zone():
    """The Herald Sun prints "March 13, 2015 9:00PM" (no zone) in an element whose title is
    "2015-03-13T21:00:00+11:00": read as UTC, eleven hours late, silently."""
    article = main_article("iso_time_in_date_title.html",
                           "https://bayside.example/news/tram-drivers/story-fni0fha6-1227261886014")
    assert article.published_at == datetime(2015, 3, 13, 10, 0, tzinfo=timezone.utc)
    assert article.published_at.utcoffset() == timedelta(hours=11)
    assert article.authors == ["Corin Wakefield"]


def test_a_line_labelled_lire_that_only_links_another_article_is_not_the_body():
    article = main_article("lire_label_link_line.html",
                           "https://ville.example/article/2015/05/04/marche-couvert_4627068.html")
    texts = [block.text for block in article.blocks]
    assert len(texts) == 3 and texts[1].startswith("Les travaux doivent commencer en septembre")
    assert not any("verrière du marché couvert s'effondre" in text for text in texts)


def test_a_body_marked_in_several_sections_is_read_whole():
    """CNBC marks each section of its body <div class="group" itemprop="articleBody">: the
    extractor's fast reading took the first mark alone (the real page lost five of its six
    sections, silently); here the page's whole reading took a rail of teasers instead."""
    article = main_article("split_article_body_sections.html", "https://lakenews.example/2016/12/20/grain.html")
    paragraphs = [block.text for block in article.blocks if block.type == "paragraph"]
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("Lake shipping on the northern route fell for a third year")
    assert paragraphs[2].startswith("On the one hand, the northern port")
    assert paragraphs[-1] == "\u201cWhen the last grain ship leaves the lake, it will leave from the north,\u201d the harbour master said."
    assert not any("ferry operators" in block.text or "rowing club" in block.text for block in article.blocks)


def test_a_social_handle_spelling_the_authors_name_is_no_second_author():
    article = main_article("split_article_body_sections.html", "https://lakenews.example/2016/12/20/grain.html")
    assert article.authors == ["Marit Osgood"]


@pytest.mark.parametrize(("byline", "people"), [
    ("Tom Quarrie | @tquarrie", ["Tom Quarrie"]),
    ("Jane Smith \u00b7 @jsmith", ["Jane Smith"]),
    ("By Ann Lee and @bobwren", ["Ann Lee", "@bobwren"]),  # another person's handle
    ("@onlyhandle", ["@onlyhandle"]),
])
def test_handles_are_dropped_only_beside_the_name_they_spell(byline, people):
    assert read_byline(byline).people == people


def test_a_microdata_time_whose_attribute_gives_the_day_and_text_the_time_has_the_time():
    """Today.com: <time itemprop="datePublished" content="2016-12-22">2016-12-22T15:36:00.000Z</time>:
    the day alone was read, midnight UTC, silently."""
    article = main_article("time_content_day_text_iso_and_bare_related_label.html",
                           "https://morning.example/home/lakeside-cottage-t106323")
    assert article.published_at == datetime(2016, 12, 22, 15, 36, tzinfo=timezone.utc)


def test_a_related_label_left_alone_is_not_the_body():
    article = main_article("time_content_day_text_iso_and_bare_related_label.html",
                           "https://morning.example/home/lakeside-cottage-t106323")
    texts = [block.text for block in article.blocks]
    assert len(texts) == 4 and texts[-1].startswith("The listing agents said")


def test_a_follow_button_in_an_element_classed_for_authors_is_no_byline():
    """The Washington Post's "tweet-authors" box holds only its Twitter button, "Follow @Name",
    and was asked before the byline: the author was "Follow @StevenMufson", silently."""
    article = main_article("follow_button_in_author_class.html",
                           "https://valleypost.example/business/2015/03/18/ferry-fare_story.html")
    assert article.authors == ["Ilse Brandvold"]


def test_a_chinese_source_line_under_the_headline_gives_the_published_time_said_unzoned():
    article = main_article("cjk_source_line_beside_headline.html",
                           "https://kuaixun.hekou-zq.example/2019/0926/1540.shtml")
    assert article.title == "江畔机械中标港口起重机项目；北岸船厂签下两艘渡轮"
    assert article.published_at == datetime(2019, 9, 26, 12, 11, tzinfo=timezone.utc)
    result = parse_page((FIELD / "cjk_source_line_beside_headline.html").read_bytes(),
                        "https://kuaixun.hekou-zq.example/2019/0926/1540.shtml", CAPTURED)
    assert any("published time read as UTC" in error for error in result.errors)


def test_a_chinese_labelled_date_beside_the_editor_gives_the_published_day():
    article = main_article("cjk_labelled_date_beside_editor.html",
                           "https://www.bincheng-news.example/news/view/id/327.html")
    assert article.title == "南湖街道调研小微企业服务中心"
    assert article.published_at == datetime(2019, 3, 6, tzinfo=timezone.utc)


def test_the_date_in_the_articles_own_footer_is_its_published_time():
    article = main_article("cjk_date_in_the_articles_own_footer.html", "http://www.hubin-sb.example/news/6017.html")
    assert article.title == "湖滨市金融系统开展金融知识普及月活动"
    assert article.published_at == datetime(2019, 9, 23, 14, 34, 5, tzinfo=timezone.utc)
    assert article.blocks[-1].text.startswith("下一步，湖滨市金融系统将把金融知识宣传教育作为一项长期工作")


def test_a_japanese_page_with_ruby_readings_and_a_clock_in_kanji():
    url = "https://easy-news.example/news/easy/ne2024120411451/ne2024120411451.html"
    result = parse_page((FIELD / "japanese_ruby_readings_clock_in_kanji.html").read_bytes(), url,
                        datetime(2024, 12, 5, tzinfo=timezone.utc))
    assert result.kind == "article_page", result.reason
    (article,) = result.articles
    assert article.title == "川の水で畑をつくった村 今年もお米がとれた"
    assert article.blocks[0].text == "山の中にある小さな村では、雨が少なくて、畑で野菜をつくることができませんでした。"
    assert article.published_at == datetime(2024, 12, 4, 19, 23, tzinfo=timezone.utc)
    assert f"{url}: published time read as UTC: the page gives its time of day with no zone" in result.errors


def test_a_turkish_update_line_under_the_headline_is_not_the_published_time():
    url = "https://www.kiyi-gazetesi.example/gundem/liman-genisletme-ihalesine-sekiz-teklif-4332"
    result = parse_page((FIELD / "turkish_update_time_under_headline.html").read_bytes(), url,
                        datetime(2026, 10, 3, tzinfo=timezone.utc))
    (article,) = result.articles
    offset = timezone(timedelta(hours=3))
    assert article.published_at == datetime(2026, 10, 2, 22, 20, tzinfo=offset)
    assert article.updated_at == datetime(2026, 10, 2, 22, 34, 53, tzinfo=offset)
