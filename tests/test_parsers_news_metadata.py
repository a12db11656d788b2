"""parsers.news.metadata and parsers.news.body helpers, on small hand-written markup."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest

from parsers.news.body import split_credit, take_figures
from parsers.news.metadata import json_ld_articles, page_metadata
from parsers.news.profile import GENERIC
from parsers.news.titles import agree
from parsers.registry import build_tree, parse_page

CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)


def page(head: str, body: str = "") -> object:
    return build_tree(f"<html lang='en-GB'><head>{head}</head><body>{body}</body></html>")


def test_json_ld_in_a_graph_wins_over_opengraph():
    root = page('''<meta property="og:title" content="SEO title">
      <meta property="article:published_time" content="2020-01-01T00:00:00Z">
      <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Site"},
        {"@type": ["NewsArticle"], "headline": "The real headline", "datePublished": "2024-03-07T07:55:25Z",
         "dateModified": "2024-03-07T12:00:00Z", "articleSection": ["World"], "keywords": ["Iraq", "Iran"],
         "author": [{"@type": "Person", "name": "Maya  Gebeily"}, {"@type": "Organization", "name": "Reuters"}]}]}
      </script>''')
    meta = page_metadata(root, CAPTURED)
    assert meta.title == "The real headline"
    assert meta.authors == ["Maya Gebeily"]  # people first; an organisation only when no person is named
    assert meta.published_at == datetime(2024, 3, 7, 7, 55, 25, tzinfo=timezone.utc)
    assert meta.updated_at == datetime(2024, 3, 7, 12, 0, tzinfo=timezone.utc)
    assert (meta.section, meta.tags, meta.language) == ("World", ["Iraq", "Iran"], "en")


def test_double_escaped_headline_gives_way_to_og_title():
    root = page('''<meta property="og:title" content="Pink hair puzzle">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "&quot;Pink hair&quot; puzzle"}</script>''')
    assert page_metadata(root, CAPTURED).title == "Pink hair puzzle"


def test_textual_json_ld_date_and_meta_authors():
    root = page('''<meta name="author" content="Ann One, Bob Two">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", "datePublished": "20 Nov 2019 08:02 GMT"}</script>''')
    meta = page_metadata(root, CAPTURED)
    assert meta.published_at == datetime(2019, 11, 20, 8, 2, tzinfo=timezone.utc)
    assert meta.authors == ["Ann One", "Bob Two"]


@pytest.mark.parametrize("caption, expected", [
    ("Burning debris near Baghdad airport (Reuters)", ("Burning debris near Baghdad airport", "Reuters")),
    ("Majdal Shams, July 28, 2024. REUTERS/Ammar Awad Purchase Licensing Rights",
     ("Majdal Shams, July 28, 2024.", "REUTERS/Ammar Awad")),
    ("A caption without credit", ("A caption without credit", None)),
    (None, (None, None)),
])
def test_credit_is_split_from_the_caption(caption, expected):
    assert split_credit(caption) == expected


def test_figures_become_images_and_leave_the_body():
    root = page("", '''<article><p>Before.</p>
      <figure><img data-src="/img/a.jpg" src="data:image/gif;base64,R0l"><figcaption>Kadhimi in Baghdad
        <span class="credit">AFP</span></figcaption></figure>
      <figure><img src="https://cdn.example/b.jpg" alt="Gaza City (Reuters)"></figure><p>After.</p></article>''')
    images = take_figures(root, "https://news.example/story/1")
    assert [(i.url, i.caption, i.credit) for i in images] == [
        ("https://news.example/img/a.jpg", "Kadhimi in Baghdad", "AFP"),
        ("https://cdn.example/b.jpg", "Gaza City", "Reuters"),
    ]
    assert root.find(".//figure") is None and "Before.After." in "".join(root.itertext()).replace("\n", "").replace(" ", "")


# --- JSON-LD in every shape ---------------------------------------------------------------

def ld(*documents) -> str:
    return "".join(f'<script type="application/ld+json">{json.dumps(d)}</script>' for d in documents)


@pytest.mark.parametrize("document", [
    {"@type": "NewsArticle", "headline": "H"},
    [{"@type": "WebSite", "name": "S"}, {"@type": "NewsArticle", "headline": "H"}],
    {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": ["NewsArticle", "Thing"], "headline": "H"}]},
    {"@graph": {"@type": "BlogPosting", "headline": "H"}},
    {"@type": "WebPage", "mainEntity": {"@type": "NewsArticle", "headline": "H"}},
    {"@type": "WebPage", "mainEntityOfPage": [{"@type": "Article", "headline": "H"}]},
    {"@graph": [{"@type": "WebPage", "mainEntity": {"@id": "#a"}}, {"@id": "#a", "@type": "NewsArticle", "headline": "H"}]},
    {"@type": "schema:NewsArticle", "headline": "H"},
    {"@type": "http://schema.org/ReportageNewsArticle", "headline": "H"},
])
def test_json_ld_articles_sees_every_shape(document):
    found = json_ld_articles(page(ld(document)))
    assert [a["headline"] for a in found] == ["H"]


ODD_VALUES = [None, "", "  ", "x", 0, -1.5, True, [], {}, [None, 3, "y"], {"@id": "#nowhere"}, {"@id": 7},
              {"@value": "v"}, {"name": ["A", "B"]}, {"@type": ["Person", 3], "name": {"first": "A"}},
              [{"@type": "Organization", "name": 5}, "By"], "2019-11-19T10:32:00", [[["deep"]]]]
PROPERTIES = ["@type", "@id", "@graph", "headline", "name", "author", "creator", "publisher", "datePublished",
              "dateModified", "articleSection", "keywords", "image", "inLanguage", "mainEntity",
              "mainEntityOfPage", "url", "givenName", "familyName"]


@pytest.mark.parametrize("name", PROPERTIES)
def test_no_json_ld_shape_raises(name):
    for value in ODD_VALUES:
        for document in ({"@type": "NewsArticle", name: value},
                         {"@graph": [{"@type": "NewsArticle", "author": {"@id": "#p"}, name: value},
                                     {"@id": "#p", "@type": "Person", name: value}]},
                         [value, {"@type": ["NewsArticle"], "publisher": {name: value}}], value):
            root = page(ld(document))
            page_metadata(root, CAPTURED)
            json_ld_articles(root)


def test_unparsable_and_cyclic_json_ld_is_skipped():
    root = page('<script type="application/ld+json">{not json</script>' + ld(
        {"@graph": [{"@id": "#a", "@type": "NewsArticle", "headline": "H", "mainEntityOfPage": {"@id": "#w"}},
                    {"@id": "#w", "@type": "WebPage", "mainEntity": {"@id": "#a"}}]}))
    assert [a["headline"] for a in json_ld_articles(root)] == ["H"]


# --- titles ------------------------------------------------------------------------------------

def test_the_pages_own_h1_wins_over_an_seo_headline_it_agrees_with():
    root = page('<meta property="og:title" content="Apple’s “new” iPhone is here | TechCrunch">'
                + ld({"@type": "NewsArticle", "headline": "Apple’s new iPhone is here: price, release date and specs"}),
                "<h1>Apple’s “new” iPhone is here</h1>")
    assert page_metadata(root, CAPTURED).title == "Apple’s “new” iPhone is here"  # typography kept


def test_of_several_h1s_the_one_that_agrees_with_the_metadata_is_taken():
    root = page('<meta property="og:title" content="Flaw found in popular router firmware">',
                "<header><h1>Help Net Security</h1></header><article><h1>Flaw found in popular router firmware</h1>"
                "</article><aside><h1>Most read</h1></aside>")
    assert page_metadata(root, CAPTURED).title == "Flaw found in popular router firmware"


@pytest.mark.parametrize("head, title", [
    ('<meta property="og:title" content="Big story | TechCrunch"><meta property="og:site_name" content="TechCrunch">',
     "Big story"),
    ('<meta property="og:title" content="Flaw found in X - Help Net Security">'
     '<link rel="canonical" href="https://www.helpnetsecurity.com/2024/06/03/x/">', "Flaw found in X"),
    ('<meta property="og:title" content="Big story – The Daily Planet">'
     "<title>Other words entirely – The Daily Planet</title>", "Big story"),
    ('<meta property="og:title" content="Daily Planet » Big story"><meta property="og:site_name" content="Daily Planet">',
     "Big story"),
    ('<meta property="og:title" content="Why: a headline with a colon">', "Why: a headline with a colon"),
])
def test_site_names_leave_metadata_titles(head, title):
    root = page(head, "<header><h1>Site logo</h1></header>")
    assert page_metadata(root, CAPTURED).title == title


def test_an_h1_that_agrees_with_nothing_gives_way_to_the_metadata():
    root = page('<meta property="og:title" content="The real headline">', "<h1>Latest news</h1>")
    assert page_metadata(root, CAPTURED).title == "The real headline"


@pytest.mark.parametrize("one, other, same", [
    ("Apple’s new iPhone", "Apple's new iPhone", True),
    ("Apple unveils iPhone 16", "Apple unveils iPhone 16 with a better camera", True),
    ("Iran talks resume in Oman", "Talks with Iran resume in Oman on Saturday", True),
    ("Latest news", "Iran talks resume in Oman", False),
    ("TechCrunch", "Big story", False),
    (None, "Big story", False),
])
def test_agreeing_titles(one, other, same):
    assert agree(one, other) is same


# --- authors and publisher ---------------------------------------------------------------------

def test_author_name_as_a_list_and_people_referenced_by_id():
    root = page(ld({"@graph": [
        {"@type": "Person", "@id": "#person1", "givenName": "Jane", "familyName": "Doe"},
        {"@type": "NewsArticle", "headline": "H", "author": [{"@id": "#person1"}, {"@type": "Person", "name": ["Ann One", "Bob Two"]}],
         "publisher": {"@id": "#org"}},
        {"@type": "NewsMediaOrganization", "@id": "#org", "name": "The Daily Planet"}]}))
    meta = page_metadata(root, CAPTURED)
    assert meta.authors == ["Jane Doe", "Ann One", "Bob Two"]
    assert meta.publisher == "The Daily Planet"


def test_one_byline_string_is_split_and_the_outlet_tail_dropped():
    root = page('<meta property="og:site_name" content="USA TODAY">'
                + ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "By Jane Doe and John Roe, USA TODAY"}}))
    meta = page_metadata(root, CAPTURED)
    assert (meta.authors, meta.publisher) == (["Jane Doe", "John Roe"], "USA TODAY")


def test_an_organisation_is_the_author_only_when_no_person_is_named():
    agency = page(ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Reuters"}}))
    assert page_metadata(agency, CAPTURED).authors == ["Reuters"]
    both = page(ld({"@type": "NewsArticle", "author": [{"@type": "Organization", "name": "Reuters"}, "Maya Gebeily"]}))
    assert page_metadata(both, CAPTURED).authors == ["Maya Gebeily"]


def test_an_empty_name_or_a_date_is_no_author():
    root = page('<meta name="author" content="2019-11-19T10:32:00Z">'
                + ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": ""}, "By", "Nov 19, 2019"]}))
    assert page_metadata(root, CAPTURED).authors == []


def test_the_visible_byline_names_the_people_the_metadata_leaves_out():
    root = page('<meta property="og:site_name" content="The Commercial Appeal">'
                + ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "The Commercial Appeal"}}),
                '<article><h1>H</h1><p class="byline">By Ann Lee and Bo Chen, The Commercial Appeal</p></article>'
                '<article><h1>Next</h1><p class="byline">By Someone Else</p></article>')
    assert page_metadata(root, CAPTURED).authors == ["Ann Lee", "Bo Chen"]


def test_visible_authors_come_from_the_innermost_author_element():
    root = page("", '<div class="author-box"><span class="author-name">Jane Doe</span>'
                    '<span class="author-title">Staff Writer</span></div><div class="comments">'
                    '<span class="comment-author">A commenter</span></div>')
    assert page_metadata(root, CAPTURED).authors == ["Jane Doe"]


def test_metadata_people_win_over_a_different_visible_byline():
    root = page(ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Doe"}}),
                '<h1>H</h1><p class="byline">By Related Author</p>')
    assert page_metadata(root, CAPTURED).authors == ["Jane Doe"]


# --- dates -------------------------------------------------------------------------------------

def test_times_keep_the_offset_the_page_wrote():
    root = page(ld({"@type": "NewsArticle", "datePublished": "2019-11-19T10:32:00-05:00",
                    "dateModified": "2019-11-19T12:00:00"}))
    meta = page_metadata(root, CAPTURED)
    eastern = timezone(timedelta(hours=-5))
    assert meta.published_at == datetime(2019, 11, 19, 15, 32, tzinfo=timezone.utc)  # the same instant
    assert meta.published_at.utcoffset() == timedelta(hours=-5)
    # A naive time takes the offset of the page's other metadata times.
    assert (meta.updated_at, meta.updated_at.utcoffset()) == (datetime(2019, 11, 19, 12, 0, tzinfo=eastern),
                                                             timedelta(hours=-5))


def test_a_naive_time_alone_is_utc():
    root = page('<meta property="article:published_time" content="2019-11-19T10:32:00">')
    meta = page_metadata(root, CAPTURED)
    assert meta.published_at == datetime(2019, 11, 19, 10, 32, tzinfo=timezone.utc)
    assert meta.published_unzoned  # a guess, which the page's errors say (see the parse_page tests below)


@pytest.mark.parametrize("head, unzoned", [
    ('<meta property="article:published_time" content="2019-11-19T10:32:00Z">', False),
    ('<meta property="article:published_time" content="2019-11-19">', False),  # a day is a day
    ('<meta property="article:published_time" content="2019-11-19 20:59:46">', True),
    ('<meta property="article:published_time" content="November 19, 2019, 07:47 PM EST">', False),
    # A naive time beside the page's other times, which share one offset: the page's own offset.
    (ld({"@type": "NewsArticle", "datePublished": "2019-11-19T10:32:00", "dateModified": "2019-11-19T12:00:00+03:00"}),
     False),
])
def test_a_published_time_of_day_with_no_zone_is_marked(head, unzoned):
    assert page_metadata(page(head), CAPTURED).published_unzoned is unzoned


ARTICLE_WORDS = "<p>" + "The council met on the harbour wall and argued about the ferry timetable again. " * 6 + "</p>"


@pytest.mark.parametrize("head, printed, error", [
    ('<meta property="article:published_time" content="2019-11-19T10:32:00">', "", True),
    ('<meta property="article:published_time" content="2019-11-19T10:32:00+01:00">', "", False),
    ("", "<p class='byline'>By Ann One on Monday, November 18th, 2019 at 11:08 a.m.</p>", True),
    ("", "<p class='byline'>By Ann One on Monday, November 18th, 2019 at 11:08 a.m. EST</p>", False),
    ("", "<time class='published' datetime='2019-11-18T11:08:00-05:00'>Nov 18</time>", False),
])
def test_an_article_whose_published_time_was_read_as_utc_says_so(head, printed, error):
    """Before: a time of day the page gives with no zone ("2019-11-19 20:59:46" in a meta tag,
    "at 11:08 a.m." in a byline) was stored as UTC, with nothing to tell it from a time the page
    gave as UTC; the forum parsers said so of their pages, the news parser never did."""
    html = (f"<html lang='en'><head>{head}<title>Ferry row</title></head><body><article><h1>Ferry row</h1>"
            f"{printed}{ARTICLE_WORDS}</article></body></html>")
    result = parse_page(html.encode(), "https://harbour.example/news/ferry-row", CAPTURED, engine="news")
    assert result.kind == "article_page" and result.articles[0].published_at is not None
    said = "https://harbour.example/news/ferry-row: published time read as UTC: the page gives its time of day with no zone"
    assert (said in result.errors) is error, result.errors


def test_a_date_printed_near_the_headline_in_the_pages_language_when_nothing_else_has_one():
    root = build_tree("<html lang='fr'><body><header><span class='date'>Vendredi 31 mai 2024</span></header>"
                      "<article><h1>Titre</h1><div><span class='reading-time'>5 min de lecture</span>"
                      "<span class='publish-date'>Publié le 3 mai 2024 à 14h05</span>"
                      "<span class='date updated'>Mis à jour le 4 mai 2024</span></div><p>Texte.</p></article></body></html>")
    assert page_metadata(root, CAPTURED).published_at is None  # not metadata: the profile reads it
    assert GENERIC.date(GENERIC.published, root, CAPTURED) == datetime(2024, 5, 3, 14, 5, tzinfo=timezone.utc)


@pytest.mark.parametrize("printed", ["13", "13 Aug", "5 Min Read", "3 June 2024"])
def test_what_is_no_whole_past_date_is_not_read_as_the_published_date(printed):
    # A calendar widget's day, a reading time, a date after the capture (2024-06-01).
    root = page("", f"<article><h1>H</h1><span class='date'>{printed}</span></article>")
    assert GENERIC.date(GENERIC.published, root, CAPTURED) is None


def test_a_time_datetime_attribute_keeps_its_offset_in_the_profile():
    root = page("", '<article><h1>H</h1><time datetime="2024-02-19T11:47:00+03:00">19 February</time></article>')
    found = GENERIC.date(GENERIC.published, root, CAPTURED)
    assert (found, found.utcoffset()) == (datetime(2024, 2, 19, 8, 47, tzinfo=timezone.utc), timedelta(hours=3))


def test_a_title_that_only_moves_the_site_name_to_the_front_is_not_a_site_name():
    # linknaija.com: twitter:title is "Site: Headline" beside og:title "Headline: more words".
    root = page('<meta property="og:title" content="BREAKING NEWS: Chelsea sign Kepa from Athletic Bilbao">'
                "<meta name='twitter:title' content='LinkNaija: BREAKING NEWS: Chelsea sign Kepa from Athletic Bilbao'>",
                "<h1>BREAKING NEWS: Chelsea sign Kepa from Athletic Bilbao</h1>")
    assert page_metadata(root, CAPTURED).title == "BREAKING NEWS: Chelsea sign Kepa from Athletic Bilbao"


def test_a_dateline_beside_an_agency_is_no_author():
    # deccanherald.com: JSON-LD names "Reuters"; the byline box reads "Reuters, Washington,".
    root = page(ld({"@type": "NewsArticle", "author": "Reuters"}),
                '<h1>H</h1><div class="author-info"><span class="author">Reuters,</span> '
                '<span class="author">Washington,</span></div>')
    assert page_metadata(root, CAPTURED).authors == ["Reuters"]


def test_a_name_beats_a_login():
    root = page('<meta name="author" content="Kevin Rebong">'
                + ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "kevin-r"}}))
    assert page_metadata(root, CAPTURED).authors == ["Kevin Rebong"]


def test_a_template_zero_date_gives_way_to_the_next_source():
    root = page('<meta property="article:published_time" content="2019-11-19T21:00:00-05:00">'
                + ld({"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}))
    assert page_metadata(root, CAPTURED).published_at == datetime(2019, 11, 20, 2, 0, tzinfo=timezone.utc)


# --- JSON-LD as publishers write it ---------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    # smithsonianmag.com: a comma before "]"; moneycontrol.com: a line break typed inside a string.
    '{"@type": "NewsArticle", "keywords": ["A", "B", ], "datePublished": "2019-11-18T16:06:51-05:00",}',
    '{"@type": "NewsArticle", "articleBody": "One.\n\nTwo.", "datePublished": "2019-11-18T16:06:51-05:00"}',
    '<!-- {"@type": "NewsArticle", "datePublished": "2019-11-18T16:06:51-05:00"} -->',
    '//<![CDATA[\n{"@type": "NewsArticle", "datePublished": "2019-11-18T16:06:51-05:00"}\n//]]>',
])
def test_json_ld_json_refuses_is_read_when_the_repair_is_safe(raw):
    root = page(f'<script type="application/ld+json">{raw}</script>')
    found = page_metadata(root, CAPTURED).published_at
    assert (found, found.utcoffset()) == (datetime(2019, 11, 18, 21, 6, 51, tzinfo=timezone.utc), timedelta(hours=-5))


def test_a_comma_inside_a_string_is_kept():
    root = page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A, ]", "x": [1,],}</script>')
    assert [a["headline"] for a in json_ld_articles(root)] == ["A, ]"]


def test_a_web_page_node_speaks_for_the_article_only_when_there_is_no_article_node():
    # healthline.com: the article is described by a MedicalWebPage only.
    medical = page(ld({"@type": "MedicalWebPage", "headline": "Tips", "author": {"@type": "Person", "name": "Rachael Link, MS, RD"},
                       "datePublished": "2019-11-14T08:00:00.000Z"}))
    meta = page_metadata(medical, CAPTURED)
    assert (meta.authors, meta.published_at) == (["Rachael Link"], datetime(2019, 11, 14, 8, 0, tzinfo=timezone.utc))
    # A Yoast graph: a WebPage with its name and a reference to a one-word Person ("Josh" is a person).
    yoast = page(ld({"@graph": [{"@type": "WebPage", "name": "Introducing Junior - Experience",
                                 "datePublished": "2018-04-09T16:02:25+00:00", "author": {"@id": "#josh"}},
                                {"@type": ["Person"], "@id": "#josh", "name": "Josh"}]}))
    assert page_metadata(yoast, CAPTURED).authors == ["Josh"]
    both = page(ld({"@type": "WebPage", "headline": "Page", "datePublished": "2001-01-01T00:00:00Z", "author": "Page Author"},
                   {"@type": "NewsArticle", "headline": "Story", "datePublished": "2019-11-14T08:00:00Z"}))
    assert page_metadata(both, CAPTURED).published_at == datetime(2019, 11, 14, 8, 0, tzinfo=timezone.utc)
    bare = page(ld({"@type": "WebPage", "name": "Home", "url": "https://example.com/"}))
    assert json_ld_articles(bare) == []


# --- times from several sources ---------------------------------------------------------------------

def test_a_day_alone_gives_way_to_a_time_of_that_day_from_another_source():
    # profootballtalk.nbcsports.com: JSON-LD writes the day only.
    root = page('<meta property="article:published_time" content="2019-11-19T11:21:08+00:00">'
                + ld({"@type": "NewsArticle", "datePublished": "November 19, 2019"}))
    assert page_metadata(root, CAPTURED).published_at == datetime(2019, 11, 19, 11, 21, 8, tzinfo=timezone.utc)


def test_a_time_of_another_day_does_not_replace_a_day():
    root = page('<meta property="article:published_time" content="2019-11-25T11:21:08+00:00">'
                + ld({"@type": "NewsArticle", "datePublished": "2019-11-19"}))
    assert page_metadata(root, CAPTURED).published_at.date() == datetime(2019, 11, 19).date()


def test_microdata_times_keep_their_offset_over_a_day_in_meta():
    # businessinsider.de: <meta name="date"> has the day, a microdata <div> the time and offset.
    root = page('<meta name="date" content="2019-11-13">',
                '<h1>H</h1><div itemprop="datePublished">2019-11-13T23:06:00+01:00</div>')
    found = page_metadata(root, CAPTURED).published_at
    assert (found, found.utcoffset()) == (datetime(2019, 11, 13, 22, 6, tzinfo=timezone.utc), timedelta(hours=1))


def test_a_zone_abbreviation_is_read_with_the_pages_own_offset():
    # moneycontrol.com: "IST" beside dateModified "+05:30" is India's, not Israel's or Ireland's.
    root = page(ld({"@type": "NewsArticle", "datePublished": "01:38:07 PM IST Nov 20, 2019",
                    "dateModified": "2019-11-20T01:41:20+05:30"}))
    found = page_metadata(root, CAPTURED).published_at
    assert found == datetime(2019, 11, 20, 13, 38, 7, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert found.utcoffset() == timedelta(hours=5, minutes=30)


def test_the_printed_time_decides_between_sources_that_disagree():
    # slashgear.com: the same wall clock with two offsets; the byline prints 10:31 pm CST = 04:31 UTC.
    head = ('<meta property="article:published_time" content="2019-11-20T04:31:13+00:00">'
            + ld({"@type": "NewsArticle", "datePublished": "2019-11-20T04:31:13-06:00"}))
    root = page(head, '<article><h1>H</h1><div class="author_date">Chris Davies - Nov 19, 2019, 10:31 pm CST</div>'
                      '<p>Text.</p></article>')
    found = page_metadata(root, CAPTURED).published_at
    assert (found, found.utcoffset()) == (datetime(2019, 11, 20, 4, 31, 13, tzinfo=timezone.utc), timedelta(0))
    # Printed nothing that matches: the most trusted source stands.
    root = page(head, '<article><h1>H</h1><div class="date">Nov 1, 2019, 9:00 am</div><p>Text.</p></article>')
    assert page_metadata(root, CAPTURED).published_at.utcoffset() == timedelta(hours=-6)


def test_a_time_element_the_byline_prints_beats_a_disagreeing_naive_time():
    # zdnet.com: JSON-LD says the 19th 19:31 with no offset; the byline's <time> shows the 18th 19:14 GMT.
    root = page(ld({"@type": "NewsArticle", "datePublished": "2019-11-19 19:31:39"}),
                '<article><h1>H</h1><p class="byline">By Jason Cipriani | <time datetime="2019-11-18 19:14:00">'
                'November 18, 2019 -- 19:14 GMT</time></p><p>Text.</p></article>')
    assert page_metadata(root, CAPTURED).published_at == datetime(2019, 11, 18, 19, 14, tzinfo=timezone.utc)


def test_a_byline_line_around_a_printed_date_gives_way_to_it(monkeypatch):
    # reuters.com: the byline's box runs the names and the date's own spans together
    # ("... Deutsch March 7, 20247:55 AM UTC"); the date is read from its span, never by
    # dateparser's search over the whole line.
    import parsers.news.profile as profile

    def no_search(*args, **kwargs):
        raise AssertionError("the byline line was searched for a date")

    monkeypatch.setattr(profile, "search_dates", no_search)
    head = ('<meta property="article:published_time" content="2024-03-07T07:55:25Z">'
            + ld({"@type": "NewsArticle", "datePublished": "2024-03-07T07:55:25Z"}))
    root = page(head, '<article><h1>H</h1><div class="info-content__author-date"><div>By <a rel="author">Maya '
                      'Gebeily</a></div><time class="dateline"><span class="date-line__date">'
                      'March 7, 2024</span><span class="date-line__date">7:55 AM UTC</span><span class="date-line__date">'
                      'Updated ago</span></time></div><p>Text. <time datetime="2024-03-07T12:07:32Z">Updated 12:07 PM UTC</time>'
                      '</p></article>')
    assert page_metadata(root, CAPTURED).published_at == datetime(2024, 3, 7, 7, 55, 25, tzinfo=timezone.utc)


def test_a_printed_update_time_does_not_decide():
    # chron.com: the only printed time is "Updated 5:27 am CST", marked up as datePublished.
    root = page('<meta property="article:published_time" content="2019-11-20T11:19:29Z">',
                '<article><h1>H</h1><span class="timestamp">Updated <time itemprop="datePublished" '
                'datetime="2019-11-20T11:27:27Z">5:27 am CST, Wednesday, November 20, 2019</time></span><p>T.</p></article>')
    assert page_metadata(root, CAPTURED).published_at == datetime(2019, 11, 20, 11, 19, 29, tzinfo=timezone.utc)


def test_a_time_element_alone_is_left_to_the_profile():
    root = page("", '<article><h1>H</h1><time datetime="2024-02-19T11:47:00+03:00">19 February</time></article>')
    assert page_metadata(root, CAPTURED).published_at is None


def test_a_form_around_the_whole_page_is_no_form():
    # aljazeera.com (ASP.NET) wraps the body in one <form>: its printed time is the article's.
    root = page(ld({"@type": "NewsArticle", "datePublished": "20 Nov 2019 08:02 GMT"}),
                '<form><h1>H</h1><div class="article-duration"><time datetime="Wed Nov 20 2019 08:00:58 GMT+0000">'
                '20 Nov 2019 08:00 GMT</time></div><p>Text.</p></form>')
    assert page_metadata(root, CAPTURED).published_at == datetime(2019, 11, 20, 8, 0, 58, tzinfo=timezone.utc)


# --- the site is no author ------------------------------------------------------------------------

def test_the_site_named_as_author_is_the_publisher():
    # bbc.com: no byline; JSON-LD's author is the outlet itself.
    root = page(ld({"@type": "NewsArticle", "author": {"@type": "NewsMediaOrganization", "name": "BBC News"},
                    "publisher": {"@type": "Organization", "name": "BBC News"}}), "<h1>H</h1>")
    meta = page_metadata(root, CAPTURED)
    assert (meta.authors, meta.publisher) == ([], "BBC News")
    # gto-normativy.ru: a WordPress login named after the site.
    login = page('<link rel="canonical" href="https://gto-normativy.ru/skyrim/">', '<h1>H</h1><meta itemprop="author" content="gto">')
    assert page_metadata(login, CAPTURED).authors == []
    # Another outlet stays; so does a byline that prints the site's name.
    wire = page(ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Reuters"},
                    "publisher": {"@type": "Organization", "name": "BBC News"}}))
    assert page_metadata(wire, CAPTURED).authors == ["Reuters"]
    printed = page('<meta property="og:site_name" content="LinkNaija">', '<h1>H</h1><span class="post-author">LinkNaija</span>')
    assert page_metadata(printed, CAPTURED).authors == ["LinkNaija"]


# --- bylines and dates printed under the headline ------------------------------------------------

POLITIFACT = ('<h1 class="article__title">What is the value of drugs?</h1><p class="article__meta">By '
              '<a class="link" href="/staff/matthew-digby/">Matthew Digby</a>, <a class="link" href="/staff/minh-do/">'
              'Minh Do</a> <span class="article__meta">on Monday, November 18th, 2019 at 11:08 a.m.</span></p>'
              '<p>The body of the article.</p>')


def test_the_line_under_the_headline_that_starts_with_by_is_the_byline():
    root = page("", POLITIFACT)
    assert page_metadata(root, CAPTURED).authors == ["Matthew Digby", "Minh Do"]
    assert GENERIC.date(GENERIC.published, root, CAPTURED).date() == datetime(2019, 11, 18).date()


def test_a_paragraph_that_starts_with_by_far_from_the_headline_is_no_byline():
    root = page("", "<h1>H</h1><p>One.</p><p>Two.</p><p>Three.</p><p>By the way, Anna Smith said so.</p>")
    assert page_metadata(root, CAPTURED).authors == []


def test_the_byline_line_prints_the_date_in_the_pages_declared_language():
    # blog.comwrap.com: <html lang="en"> on a German page, Content-Language "de".
    root = build_tree('<html lang="en"><head><meta http-equiv="content-language" content="de"></head><body>'
                      '<p class="hero__meta"><span>Von <a class="author-link" href="/author/mb">Moritz Bachmann</a></span> '
                      '<span class="about__block">publiziert am 30. Juli 2018</span></p><h1>Take C.A.R.E.</h1>'
                      '<p>Der Text.</p></body></html>')
    assert page_metadata(root, CAPTURED).authors == ["Moritz Bachmann"]
    assert GENERIC.date(GENERIC.published, root, CAPTURED) == datetime(2018, 7, 30, tzinfo=timezone.utc)


def test_a_printed_date_in_its_own_element_beside_the_byline_is_read_whole():
    # quantamagazine.org: "By Carrie Arnold" and "November 15, 2019" in one date-classed box.
    root = page("", '<h1>Cells</h1><div class="post__title__author-date"><h6>By <span>Carrie Arnold</span></h6>'
                    '<p><em>November 15, 2019</em></p></div><p>Text.</p>')
    assert GENERIC.date(GENERIC.published, root, CAPTURED) == datetime(2019, 11, 15, tzinfo=timezone.utc)


def test_an_author_box_that_only_links_the_section_names_no_author():
    # Hand-written after the LBC article page's markup: the box classed as the author container
    # holds only the link to the article's category ("منوعات", miscellany).
    page = """<html lang="ar"><head><meta charset="utf-8"><title>خبر</title>
    <meta property="og:site_name" content="LBCI Lebanon"></head><body><h1>عنوان الخبر</h1>
    <div class="article_details_author_container"><a href="/news/category/29/منوعات/ar">منوعات</a></div>
    <p>نص الخبر.</p></body></html>"""
    meta = page_metadata(build_tree(page), datetime(2026, 1, 8, tzinfo=timezone.utc))
    assert meta.authors == [] and meta.publisher == "LBCI Lebanon"


def test_a_meta_that_gives_its_value_in_value_names_the_site():
    """Advance Local's templates (nj.com, al.com: a page of nj.com, 2016, checked by hand) print
    ``<meta value="NJ.com" name="og:site_name">`` and the byline "Rajeev Dhir | NJ Advance Media
    for NJ.com". Written here with invented names, the site's as short as the real one's (its host
    name "nh" too short to tell it). Before: the site's name unread, "NH.com" (the outlet after
    "for") was taken for a second author. Now the meta's ``value`` names the site."""
    byline = "Jane Roe | NH Advance Media for NH.com"
    paragraph = ("<p>The ferry company said fares would rise in April, the first rise in six years, and that"
                 " the money would pay for a new landing stage.</p>")
    html = ('<html lang="en"><head><title>Ferry fares rise | NH.com</title><meta value="NH.com" name="og:site_name">'
            f'</head><body><h1>Ferry fares rise</h1><a href="/user/jroe/index.html"><span id="avatar_author">{byline}'
            f'</span></a> By <span class="author vcard">'
            f'<a class="bl" href="/user/jroe/posts.html"> {byline} </a></span>'
            f'<br>on December 13, 2016 at 4:51 PM{paragraph * 4}</body></html>')
    result = parse_page(html.encode("utf-8"), "https://www.nh.example/news/2016/12/ferry_fares.html", CAPTURED,
                        engine="news")
    assert result.articles[0].authors == ["Jane Roe"]
    assert page_metadata(build_tree(html), CAPTURED).publisher == "NH.com"


def test_a_wordpress_entry_footer_gives_its_published_time_and_a_byline_without_its_screen_reader_label():
    """tests/data/news_shapes/wordpress_twentysixteen_entry_footer.html (its header names the
    markup): Twenty Sixteen's <time class="entry-date published updated"> is the post's date, and
    its byline's <span class="screen-reader-text">Autor </span> no part of the name."""
    from pathlib import Path
    page = (Path(__file__).parent / "data" / "news_shapes" / "wordpress_twentysixteen_entry_footer.html").read_bytes()
    result = parse_page(page, "https://lizenzen.example/2014/03/20/neue-regeln-fuer-bildzitate/", CAPTURED, engine="news")
    article = result.articles[0]
    assert (article.authors, article.published_at) == (["ilse"], datetime(2014, 3, 20, 15, 27, 5, tzinfo=timezone.utc))
    assert [block.text[:22] for block in article.blocks] == ["Wer ein Foto zitieren ", "Für Blogs ändert sich "]


def test_a_byline_with_a_screen_reader_label_and_an_attribute_xml_refuses_is_still_read():
    """A Vue template's ``@click`` attribute on the byline's link (no XML name): the byline's
    copy without its screen-reader label is made from the tree itself, never by serialising it."""
    from parsers.news.visible import seen_text
    root = build_tree('<html><body><span class="byline"><span class="screen-reader-text">Autor </span>'
                      ' <a @click="follow" href="/author/ilse/">ilse</a> und Jan</span></body></html>')
    assert seen_text(root.find(".//span")) == "ilse und Jan"


@pytest.mark.parametrize(("line", "authors", "published"), [
    # an old blog theme's <small> under the headline (jovelstefan.de, 2011, checked by hand)
    ("<small>11.09.2011, 16:20 von Ilse Brandt</small>", ["Ilse Brandt"], datetime(2011, 9, 11, 16, 20, tzinfo=timezone.utc)),
    ("<p>Posted on March 3, 2019 by Jane Roe</p>", ["Jane Roe"], datetime(2019, 3, 3, tzinfo=timezone.utc)),
    ("<p>Saturday, 4 May 2019 by Jane Roe and John Doe</p>", ["Jane Roe", "John Doe"],
     datetime(2019, 5, 4, tzinfo=timezone.utc)),
    # words that only hold a year and "by" are no byline
    ("<p>In 2019 the ferry by the harbour closed for the winter</p>", [], None),
    ("<p>Written in May 2019 by the river</p>", [], None),
])
def test_a_line_under_the_headline_that_prints_the_date_and_then_the_byline(line, authors, published):
    """Before: neither the date nor the author was read, and the line was the body's first paragraph."""
    paragraphs = "".join(f"<p>Paragraph {n} tells of the harbour, its ferries and the people who wait for them"
                         " on the quay in every kind of weather.</p>" for n in range(4))
    page = (f'<html lang="de"><head><title>Gefällt mir</title><link rel="canonical" href="https://blog.example/x/">'
            f'</head><body><div class="post"><h1>Gefällt mir</h1>{line}{paragraphs}</div></body></html>')
    (article,) = parse_page(page.encode("utf-8"), "https://blog.example/x/", CAPTURED, engine="news").articles
    assert (article.authors, article.published_at) == (authors, published)
    assert article.blocks[0].text.startswith("Paragraph 0") is bool(authors)


_HARBOUR_PARAGRAPHS = "".join(f"<p>Paragraph {n} tells of the harbour, its ferries and the people who wait for"
                              " them on the quay in every kind of weather.</p>" for n in range(4))


@pytest.mark.parametrize(("lang", "article", "published"), [
    # a CMS's metadata line just above the headline (sebastian-kurz.at, 2019, checked by hand)
    ("de", '<div class="x-article__metadata"> 30.07.2019 </div><h1>Wasser und Wind</h1>' + _HARBOUR_PARAGRAPHS,
     datetime(2019, 7, 30, tzinfo=timezone.utc)),
    # Contao's news reader, its logo an <h1> too (scs78.de, 2018)
    ("de", '<h1><a href="/"><img src="logo.png" alt="Club"></a></h1><div class="layout_full"><h1>Warm war es</h1>'
     '<p class="info">10.06.2018 22:00  </p>' + _HARBOUR_PARAGRAPHS + "</div>",
     datetime(2018, 6, 10, 22, 0, tzinfo=timezone.utc)),
    # a SPIP theme: the headline in a header box, the date after the box (revolutionpermanente.fr, 2019)
    ("fr", '<div class="header-articulo"><h4>Justice</h4><h1>Le port attend</h1><p>Le chapeau de l\'article.</p>'
     '</div><p class="fecha-articulo"><span>jeudi 13 juin 2019</span></p>' + _HARBOUR_PARAGRAPHS,
     datetime(2019, 6, 13, tzinfo=timezone.utc)),
    # an update's line is no publication date; a line of words holding a year is no date line
    ("fr", '<h1>Le port attend</h1><p class="maj">Mis à jour le 14 juin 2019</p>' + _HARBOUR_PARAGRAPHS, None),
    ("en", "<h1>The port waits</h1><p>In 2019 the ferry stopped.</p>" + _HARBOUR_PARAGRAPHS, None),
    # a date line farther down is the body's, not the headline's
    ("en", "<h1>The port waits</h1>" + _HARBOUR_PARAGRAPHS + "<p>3 March 2019</p>", None),
])
def test_a_date_on_a_line_of_its_own_beside_the_headline_is_the_published_date(lang, article, published):
    """Before: pages that print their date on a line of its own beside the headline, with no class
    a finder knows, no ``<time>`` and no metadata, had no date."""
    page = (f'<html lang="{lang}"><head><title>Port</title></head><body><div class="page">{article}</div>'
            '</body></html>')
    (found,) = parse_page(page.encode("utf-8"), "https://port.example/a/", CAPTURED, engine="news").articles
    assert found.published_at == published


@pytest.mark.parametrize(("before", "article", "published"), [
    # a WordPress theme's footer: the core "recent posts" widget, each entry with its day
    # (wara-enforcement.org, theme "nyx", 2019, checked by hand); the article's own day unmarked
    ('<div id="footer"><ul class="sidebar_widget three"><li class="widget widget_recent_entries">'
     '<h2 class="widgettitle">Les dernières actualités</h2><ul><li><a href="/autre/">Une autre affaire</a>'
     ' <span class="post-date">09/09/2019</span></li><li><a href="/encore/">Encore une</a>'
     ' <span class="post-date">05/07/2019</span></li></ul></li></ul></div>',
     '<h3>Un braconnier condamné</h3><div class="post_detail"><div class="post_detail_item">27 Sep 2016</div></div>',
     None),
    # a Drupal theme's sidebar of coming events before the article (sonntag-sachsen.de, 2019)
    ('<div class="col"><div class="widget_events"><ul class="description"><li><span><time'
     ' datetime="2019-12-11T00:00:00+01:00">11.12.2019</time></span></li></ul><ul class="description"><li><span>'
     '<time datetime="2019-12-09T00:00:00+01:00">09.12.2019</time></span></li></ul></div></div>',
     '<h1>Der Chor hat einen Leiter</h1><p><time datetime="2019-06-07T09:00:00+02:00">7. Juni 2019</time></p>',
     datetime(2019, 6, 7, 7, 0, tzinfo=timezone.utc)),
    # the day the site serves the page, in its top menu (sonntag-sachsen.de)
    ('<div class="topnavigation"><div class="menu block-menu"><ul><li class="first leaf date"><strong>Montag,'
     ' 09.12.2019</strong></li><li class="leaf"><a href="/abo">Abo</a></li></ul></div></div>',
     "<h1></h1><h2>Der Chor hat einen Leiter</h2>", None),
    # a page builder's "post info" widget prints the article's own date: still read
    ("", '<h1>Der Chor hat einen Leiter</h1><div class="elementor-widget elementor-widget-post-info"><time'
     ' datetime="2019-06-07T09:00:00+02:00">7. Juni 2019</time></div>', datetime(2019, 6, 7, 7, 0, tzinfo=timezone.utc)),
])
def test_a_widgets_or_a_menus_date_is_never_the_articles(before, article, published):
    """Before: the first ``<time>`` or dated element of the page was the article's date, wherever
    it stood: a footer's list of recent posts, a sidebar's coming concert, the top menu's day of
    serving (silent wrong dates). A site's widget (``widget``, ``widget_*``, ``sidebar`` class
    tokens) and a menu or navigation bar never hold the article's date."""
    page = (f'<html lang="de"><head><title>T</title></head><body class="one-sidebar sidebar-first">{before}'
            f'<div class="main">{article}{_HARBOUR_PARAGRAPHS}</div></body></html>')
    (found,) = parse_page(page.encode("utf-8"), "https://weekly.example/a/", CAPTURED, engine="news").articles
    assert found.published_at == published


@pytest.mark.parametrize(("canonical", "expected"), [
    ("https://.tramino.de", None),  # a CMS template's host with the site's name left out (oberstdorf-resort.de, 2018)
    ("https://tramino..de/x", None),
    ("https://www.oberstdorf.example/blog/kraeuter.html", "https://www.oberstdorf.example/blog/kraeuter.html"),
    ("/blog/kraeuter.html", "https://www.oberstdorf.example/blog/kraeuter.html"),
    ("http://127.0.0.1:8000/blog/kraeuter.html", "http://127.0.0.1:8000/blog/kraeuter.html"),
])
def test_a_canonical_address_whose_host_no_site_can_have_is_not_the_articles(canonical, expected):
    """Before: the article was filed under "https://.tramino.de", its site ".tramino.de"."""
    page = (f'<html lang="de"><head><title>Kräuter</title><link rel="canonical" href="{canonical}"></head>'
            f'<body><h1>Kräuter</h1>{_HARBOUR_PARAGRAPHS}</body></html>')
    url = "https://www.oberstdorf.example/blog/kraeuter.html"
    result = parse_page(page.encode("utf-8"), url, CAPTURED, engine="news")
    (article,) = result.articles
    assert result.canonical_url == expected
    assert (article.url, article.site) == (expected or url, urlsplit(expected or url).netloc)


@pytest.mark.parametrize(("time", "published"), [
    # a SPIP theme's <time> whose datetime is the day it was last changed (paris-luttes.info, 2019, by hand)
    ('<time datetime="2019-07-03T10:18:46Z">Publié le 29 juin 2019</time>', datetime(2019, 6, 29, tzinfo=timezone.utc)),
    # a day apart is the zones': the stated time, to the second, stays
    ('<time datetime="2019-07-03T23:30:00Z">4 juillet 2019</time>', datetime(2019, 7, 3, 23, 30, tzinfo=timezone.utc)),
    ('<time datetime="2019-07-03T10:00:00+02:00">3 juillet 2019</time>', datetime(2019, 7, 3, 8, 0, tzinfo=timezone.utc)),
    ('<time datetime="2019-07-03T10:00:00+02:00">il y a trois jours</time>', datetime(2019, 7, 3, 8, 0, tzinfo=timezone.utc)),
])
def test_a_time_whose_printed_day_is_days_from_its_datetime_is_read_as_printed(time, published):
    """Before: the ``datetime`` always won, and an article was dated four days late, silently."""
    page = (f'<html lang="fr"><head><title>Grenades</title></head><body><h1>Grenades</h1><div class="time">{time}</div>'
            f'{_HARBOUR_PARAGRAPHS}</body></html>')
    (article,) = parse_page(page.encode("utf-8"), "https://luttes.example/a", CAPTURED, engine="news").articles
    assert article.published_at == published


@pytest.mark.parametrize(("lang", "date", "published"), [
    # wienbadminton.at (2018, checked by hand): the day in a span of its own between the month and the year
    ("de", '<span class="date">Mai<span>06</span>2018</span>', datetime(2018, 5, 6, tzinfo=timezone.utc)),
    # read as English, "Mai" is no month: "06 2018" is no whole date, never June with the capture's day
    ("en", '<span class="date">Mai<span>06</span>2018</span>', None),
    ("en", '<span class="date">June 2018</span>', None),
])
def test_a_date_whose_parts_stand_in_elements_of_their_own_is_read_with_them_apart(lang, date, published):
    """Before: the parts ran together ("Mai062018", no year a reader finds), and the article had no date."""
    page = (f'<html lang="{lang}"><head><title>Come Together</title></head><body><h1>Come Together</h1>'
            f'<p class="copyright">{date}</p>{_HARBOUR_PARAGRAPHS}</body></html>')
    (article,) = parse_page(page.encode("utf-8"), "https://club.example/news/1", CAPTURED, engine="news").articles
    assert article.published_at == published
