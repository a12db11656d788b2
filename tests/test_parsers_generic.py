"""The generic parser (parsers/generic) on hand-written boards and the one real page it reads.

The pages in tests/data/generic/ are hand-written for these tests (each says so in its header and
names the markup it imitates); the expected values below were written by hand from those pages.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import jsonschema
import pytest
from parsel import Selector

from parsers.clock import UNSTATED_ZONE_ERROR, ForumClock
from parsers.dates import parse_text_date
from parsers.generic import read
from parsers.generic.blocks import derived_id
from parsers.generic.printed_dates import clock_readable
from parsers.models import Author
from parsers.registry import ENGINES, parse_page

from conftest import DATA, REAL_FIXTURES, ROOT

PAGES = DATA / "generic"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
SCHEMA = json.loads((ROOT / "parsers" / "schema" / "parse_result.schema.json").read_text())
UTC = timezone.utc


def parse(name: str, url: str = "https://board.example.org/thread/3310.html", engine: str | None = None,
          html: str | None = None):
    body = html.encode() if html is not None else (PAGES / name).read_bytes()
    return parse_page(body, url, CAPTURED, engine=engine)


def test_generic_is_named_but_never_detected():
    assert "generic" in ENGINES and list(ENGINES)[-1] == "generic"
    assert not ENGINES["generic"].detect(Selector(text=(PAGES / "sibling_board.html").read_text()))


def test_json_ld_board():
    result = parse("jsonld_board.html", "https://pumps.example.org/threads/rainwater-tank-overflow-4471/")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert result.reason.startswith("read by the generic parser from 3 JSON-LD posts")
    assert "JSON-LD DiscussionForumPosting" in result.reason
    assert [p.post_id for p in result.posts] == ["90001", "90002", "90003"]
    assert [p.author.name for p in result.posts] == ["marta_k", "Olu", "marta_k"]
    assert result.posts[1].author.url == "https://pumps.example.org/people/olu/"
    assert [p.published_at for p in result.posts] == [
        datetime(2024, 3, 2, 8, 15, tzinfo=UTC), datetime(2024, 3, 2, 9, 40, tzinfo=UTC),
        datetime(2024, 3, 3, 17, 5, tzinfo=UTC)]
    assert result.posts[1].text == "Check that the outlet sits below the lid seam. Mine was fitted two centimetres too high."
    assert result.posts[2].url == "https://pumps.example.org/threads/rainwater-tank-overflow-4471/#post-90003"
    assert result.thread.id == "4471" and result.thread.title == "Rainwater tank overflow"
    assert result.canonical_url == "https://pumps.example.org/threads/rainwater-tank-overflow-4471/"
    assert result.errors == []


def test_microdata_question_and_answers():
    result = parse("microdata_qa.html", "https://bakers.example.org/questions/5120/sourdough")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert result.reason.startswith("read by the generic parser from 3 microdata post items (evidence: microdata QAPage)")
    assert [p.post_id for p in result.posts] == ["5120", "5121", "5124"]
    assert [(p.author.name, p.author.id) for p in result.posts] == [("Hannah B", "311"), ("ferment_fan", "87"),
                                                                   ("Tomasz", "402")]
    assert result.posts[0].author.url == "https://bakers.example.org/users/311/hannah-b"
    assert [p.published_at for p in result.posts] == [
        datetime(2023, 11, 14, 21, 2, tzinfo=UTC), datetime(2023, 11, 14, 22, 30, tzinfo=UTC),
        datetime(2023, 11, 15, 7, 45, tzinfo=UTC)]
    assert result.posts[0].text == ("I feed my starter once a day with rye flour. Since last week it smells like"
                                    " nail polish remover by the evening.\n\nIs it dying, or is something else going on?")
    answer = result.posts[1]
    assert answer.text == "That smell means the yeast is hungry. Feed it twice a day, or use a little more flour at each feed."
    (quote,) = answer.quotes
    assert (quote.author, quote.citation, quote.text) == ("Hannah B", "Hannah B wrote:",
                                                          "it smells like nail polish remover by the evening")
    assert "Share" not in answer.text


def test_sibling_blocks_of_a_proprietary_board():
    result = parse("sibling_board.html", "https://haustechnik.example.org/heizung/pfeift-nach-entlueften-3310.html")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert result.reason == ("read by the generic parser from 3 sibling post blocks .beitrag"
                             " (evidence: 3 sibling post blocks .beitrag with author and date)")
    assert [p.post_id for p in result.posts] == ["20417", "20418", "20421"]
    assert [p.position for p in result.posts] == [1, 2, 3]
    assert [(p.author.name, p.author.id) for p in result.posts] == [("Kalle", "57"), ("Sabine R.", "12"), ("Kalle", "57")]
    # Printed "12.03.2024 14:05" without a zone: day first (the page is German), taken as UTC.
    assert [p.published_at for p in result.posts] == [
        datetime(2024, 3, 12, 14, 5, tzinfo=UTC), datetime(2024, 3, 12, 15, 30, tzinfo=UTC),
        datetime(2024, 3, 13, 9, 12, tzinfo=UTC)]
    assert result.errors == [f"{UNSTATED_ZONE_ERROR} (3 of 3 posts' times)"]
    last = result.posts[2]
    assert last.text == "Danke, habe auf 1,8 bar aufgefüllt und das Pfeifen ist weg. Erledigt."
    (quote,) = last.quotes
    assert (quote.author, quote.text) == ("Sabine R.", "füll mal etwas Wasser nach.")
    assert "Kalle" not in result.posts[0].text and "12.03.2024" not in result.posts[0].text
    assert result.thread.title == "Heizung pfeift nach Entlüften" and result.thread.id == "3310"
    jsonschema.validate(result.to_dict(), SCHEMA)
    assert result.to_dict()["reason"] == result.reason


def test_engine_parsers_leave_reason_empty_on_thread_pages():
    page = ROOT / "crawler" / "demo_site" / "pages" / "topic" / \
        "4242-iraqi-officials-prime-minister-survives-assassination-attempt" / "index.html"
    result = parse_page(page.read_bytes(), "http://127.0.0.1:8000/topic/4242-x/", CAPTURED)
    assert result.engine == "ips" and result.to_dict()["reason"] is None


def test_a_board_without_ids_gets_stable_derived_ids():
    html = (PAGES / "sibling_board.html").read_text(encoding="utf-8")
    for number in ("20417", "20418", "20421"):
        html = html.replace(f' id="msg{number}"', "")
    url = "https://haustechnik.example.org/heizung/pfeift-nach-entlueften-3310.html"
    first, again = parse("", url, html=html), parse("", url, html=html)
    ids = [p.post_id for p in first.posts]
    assert ids == [p.post_id for p in again.posts]
    assert len(set(ids)) == 3 and all(i.startswith("g") and len(i) == 17 for i in ids)
    assert ids[0] == derived_id(url, Author("Kalle"), datetime(2024, 3, 12, 14, 5, tzinfo=UTC), "any words")
    assert any("ids derived" in e for e in first.errors)
    # An edit changes a post's words, not its id: the next crawl updates the post, never adds it again.
    edited = html.replace("Woran kann das liegen?", "Woran kann das liegen? (Nachtrag: Druck jetzt 1,5 bar)")
    assert edited != html
    assert [p.post_id for p in parse("", url, html=edited).posts] == ids
    # Numbers that only count the page's posts (a template's loop index) are no ids either.
    counted = (PAGES / "sibling_board.html").read_text(encoding="utf-8")
    for index, number in enumerate(("20417", "20418", "20421")):
        counted = counted.replace(f'id="msg{number}"', f'id="post-{index}"')
    assert [p.post_id for p in parse("", url, html=counted).posts] == ids


def test_a_double_post_of_one_author_and_minute_gets_two_derived_ids():
    when = datetime(2024, 3, 12, 14, 5, tzinfo=UTC)
    url = "https://board.example/t/3310"
    once, twice = derived_id(url, Author("Kalle"), when, "a"), derived_id(url, Author("Kalle"), when, "a", occurrence=2)
    assert once != twice and derived_id(url, Author("Kalle"), when, "b") == once
    # Without a time, the words tell posts apart.
    assert derived_id(url, Author("Kalle"), None, "first words") != derived_id(url, Author("Kalle"), None, "other")


@pytest.mark.parametrize("name,kind", [("news_with_comments.html", "article_page"),
                                       ("blog_with_comments.html", "article_page"),
                                       ("listing.html", "unsupported")])
def test_pages_that_are_not_threads_are_never_generic_threads(name, kind):
    result = parse(name)
    assert result.kind == kind and result.engine != "generic"
    forced = parse(name, engine="generic")
    assert (forced.kind, forced.engine) == ("unsupported", "generic")
    assert forced.reason.startswith("generic parser: no evidence that this is a forum discussion")


def test_a_block_without_a_date_makes_it_refuse():
    html = (PAGES / "sibling_board.html").read_text(encoding="utf-8").replace(
        '<span class="postdate">12.03.2024 15:30</span>', '<span class="postdate">gestern irgendwann</span>')
    result = parse("", html=html)
    assert result.kind == "unsupported" and result.engine is None
    assert result.reason.startswith("a forum page no parser reads yet (3 sibling post blocks .beitrag with author and date);"
                                    " generic parser declined: 3 sibling post blocks .beitrag: 1 of 3 posts without a readable date")


def test_nested_post_items_make_it_refuse():
    reply = ('<div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">{0}</span>'
             '<time itemprop="datePublished" datetime="2024-01-0{1}T10:00:00Z">Jan {1}</time>'
             '<div itemprop="text">Reply number {1} with enough words to be a post of its own here.</div>{2}</div>')
    nested = reply.format("ann", 1, reply.format("bob", 2, reply.format("cy", 3, "")))
    result = parse("", html=f"<html><body>{nested}</body></html>", engine="generic")
    assert result.kind == "unsupported"
    assert "post items nested inside each other" in result.reason


def test_too_few_sibling_blocks_are_not_read():
    html = (PAGES / "sibling_board.html").read_text(encoding="utf-8")
    start = html.index('  <div class="beitrag" id="msg20421">')
    html = html[:start] + html[html.index("</div>\n</div>\n<div class=\"footer\"", start) + 7:]
    result = parse("", html=html, engine="generic")
    assert result.kind == "unsupported" and result.engine == "generic"


def test_read_names_its_evidence():
    doc = Selector(text=(PAGES / "sibling_board.html").read_text(encoding="utf-8"))
    result = read(doc, "https://h.example.org/t/3310", CAPTURED, "EVIDENCE")
    assert result.reason.endswith("(evidence: EVIDENCE)")


@pytest.mark.skipif(not (REAL_FIXTURES / "other").is_dir(), reason="../shared/fixtures/real is absent")
def test_mactechnews_proprietary_board():
    page = REAL_FIXTURES / "other" / "mactechnews-338679.html"
    url = "https://www.mactechnews.de/forum/discussion/kein-App-Store-mehr-ueber-Mobile-Daten-mit-iOS-13--338679.html"
    result = parse_page(page.read_bytes(), url, datetime(2019, 10, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert len(result.posts) == 45 == len({p.post_id for p in result.posts})
    first = result.posts[0]
    # Page gold (trafilatura): author macbacchi, 2019-09-28; the block prints "28.09.19" "12:44", id Comment6702386.
    assert (first.post_id, first.author.name, first.published_at) == (
        "6702386", "macbacchi", datetime(2019, 9, 28, 12, 44, tzinfo=UTC))
    assert first.text.startswith("hallo, hat jemand eine idee was ich anders machen könnte?")
    assert "Hilfreich?" not in first.text
    assert (result.posts[1].author.name, result.posts[1].published_at) == (
        "th3Chris", datetime(2019, 9, 28, 13, 39, tzinfo=UTC))
    assert result.thread.id == "338679"


def test_microdata_replies_get_the_json_ld_opening_post_in_front():
    # XenForo 2's way, written here by hand: the opening post in JSON-LD (inside a WebPage), the
    # replies as microdata Comment items.
    opening = {"@context": "https://schema.org", "@type": "WebPage", "mainEntity": {
        "@type": "DiscussionForumPosting", "headline": "Pond pump hums", "datePublished": "2024-04-01T10:00:00+00:00",
        "author": {"@type": "Person", "name": "ann", "url": "https://b.example.org/members/ann.1/"},
        "text": "My pond pump hums but moves no water since the frost.",
        "interactionStatistic": {"@type": "InteractionCounter", "interactionType": "https://schema.org/CommentAction",
                                 "userInteractionCount": 2}}}
    reply = ('<article id="js-post-{0}" itemscope itemtype="https://schema.org/Comment">'
             '<a itemprop="author" href="/members/{1}/">{1}</a><time itemprop="datePublished" datetime="{2}">x</time>'
             '<div itemprop="text">{3}</div></article>')
    html = (f'<html><head><script type="application/ld+json">{json.dumps(opening)}</script></head><body>'
            + reply.format(11, "bob", "2024-04-01T11:00:00+00:00", "The impeller is probably stuck with ice grit.")
            + reply.format(12, "ann", "2024-04-02T09:00:00+00:00", "It was: cleaned it and it pumps again.")
            + "</body></html>")
    result = parse("", "https://b.example.org/threads/pond-pump-hums.77/", html=html)
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert result.reason.startswith("read by the generic parser from 2 microdata post items and the JSON-LD opening post")
    assert [(p.author.name, p.published_at.hour) for p in result.posts] == [("ann", 10), ("bob", 11), ("ann", 9)]
    assert [p.post_id for p in result.posts][1:] == ["11", "12"]
    assert result.posts[0].text == "My pond pump hums but moves no water since the frost."


def test_author_is_the_name_link_not_the_letter_avatar_before_it():
    # Hand-written: boards draw a letter avatar linking to the same profile before the name link.
    block = ('<div class="post" id="post-{n}"><a class="avatar" href="/members/{who}.{u}/"><span>{letter}</span></a>'
             '<a class="username" href="/members/{who}.{u}/">{who}</a><time datetime="2024-05-0{n}T10:00:00Z">'
             'May {n}</time><div class="content">Words number {n} of this reply, long enough to be a post body'
             ' and not a line of navigation.</div></div>')
    posts = "".join(block.format(n=n, who=who, u=u, letter=who[0]) for n, who, u in
                    ((1, "Moe", 7), (2, "Jane", 8), (3, "Mira", 9)))
    page = f"<html><body><h1>Letter avatars</h1><div class='thread'>{posts}</div></body></html>".encode()
    result = parse_page(page, "https://letters.example/t/5", CAPTURED, engine="generic")
    assert (result.kind, [p.author.name for p in result.posts]) == ("thread_page", ["Moe", "Jane", "Mira"])


def test_microdata_author_inside_its_profile_link_keeps_the_profile():
    """Q&A microdata whose itemprop=author Person sits inside the poster's profile link: the author's
    URL (and id) come from that link."""
    result = parse("microdata_linked_authors.html", "https://careboard.example.org/posts/Joint-Health/Knee-clicks/show/4410")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert [(p.author.name, p.author.id, p.author.url, p.published_at) for p in result.posts] == [
        ("stairclimber", "501", "https://careboard.example.org/personal_pages/user/501",
         datetime(2019, 4, 26, 14, 0, tzinfo=UTC)),
        ("Dr. Ada Moss", "77", "https://careboard.example.org/personal_pages/user/77",
         datetime(2019, 4, 27, 14, 0, tzinfo=UTC)),
        ("hiker_jo", "612", "https://careboard.example.org/personal_pages/user/612",
         datetime(2019, 4, 29, 16, 0, tzinfo=UTC)),
    ]


def _dashed_dates():
    """"Mon 04-Mar-19 10:15:00" (parsers.generic.printed_dates): a grid of days, times and years."""
    day = date(2000, 1, 1)
    while day < date(2024, 1, 1):
        for clock_time in ("00:00:00", "10:15", "12:30:59", "23:59:59"):
            yield f"{day:%a %d-%b-%y} {clock_time}"
        day += timedelta(days=29)


def test_dashed_dates_are_read_as_dateparser_reads_them():
    # The clock reads the rewritten dates by itself; dateparser, which it used to be handed the
    # printed ones, must give the same time for every one.
    for text in _dashed_dates():
        rewritten = clock_readable(text, ForumClock(CAPTURED, None, "en", labelled=True))
        assert rewritten != text
        clock = ForumClock(CAPTURED, None, "en", labelled=True)
        assert clock.read(rewritten) == parse_text_date(text, CAPTURED, "UTC", ["en"]), text
        assert clock.read_unzoned


def test_dashed_dates_left_to_dateparser_when_unsure():
    clock = ForumClock(CAPTURED, None, "en", labelled=True)
    for text in ("Tue 04-Mar-19 10:15:00",  # the 4th was a Monday
                 "Mon 04-Mar-68 10:15:00",  # 2068: dateparser reads 1968
                 "Wed 05-Jun-24 10:15:00",  # the capture's year
                 "Mon 04-Mar-19 24:15:00", "Mon 04-Mär-19 10:15:00", "Thu 30-Feb-23 10:15:00", "Mon 04-Mar-2019 10:15"):
        assert clock_readable(text, clock) == text
    assert clock_readable("Mon 04-Mar-19 10:15:00", ForumClock(CAPTURED, None, "de", labelled=True)).startswith("Mon")


def _days_and_months():
    """"Tuesday 9th June" and its variants (parsers.generic.printed_dates), over a leap year."""
    day, weekdays = date(2020, 1, 1), ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    while day < date(2021, 1, 1):
        suffix = "th" if 10 <= day.day <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
        weekday = weekdays[day.toordinal() % 7]  # any weekday: dateparser reads none beside a day and month
        for month in (f"{day:%B}", f"{day:%b}"):
            yield f"{weekday} {day.day}{suffix} {month}"
            yield f"{weekday[:3]} {day.day} {month}"
            yield f"{day.day}{suffix} {month}"
        day += timedelta(days=7)


@pytest.mark.parametrize("captured", [CAPTURED, datetime(2023, 1, 1, 0, 0, 0, 5, tzinfo=UTC),
                                      datetime(2024, 2, 29, 13, tzinfo=UTC), datetime(2023, 12, 31, 23, 59, tzinfo=UTC)])
def test_days_without_a_year_are_read_as_dateparser_reads_them(captured):
    for text in _days_and_months():
        clock = ForumClock(captured, None, "en", labelled=True)
        rewritten = clock_readable(text, clock)
        if rewritten == text:  # the 29th of February of a year without one: left to dateparser
            assert "29" in text and "Feb" in text
            continue
        assert clock.read(rewritten) == parse_text_date(text, captured, "UTC", ["en"]), text


def test_days_without_a_year_left_to_dateparser_when_unsure():
    clock = ForumClock(CAPTURED, None, "en", labelled=True)
    for text in ("Tuesday 9st June", "Tuesday 9th JUNE", "tuesday 9th June", "Someday 9th June", "9th Juni",
                 "Tuesday 31st June", "Tuesday 9th June 2020", "Tuesday 9th June 10:15", "9th Sept"):
        assert clock_readable(text, clock) == text


def test_a_bare_name_beside_the_date_is_the_author_not_a_member_the_post_links():
    """Posters printed as bare names (span.author) beside the date; a mention in the words and a
    signature link to other members' profiles. The old code took the first profile link anywhere
    in the block: the signer and the member mentioned, silently."""
    result = parse("bare_name_authors_mentions.html", "https://haustechnik.example.org/heizung/pfeift-nach-entlueften-3310.html")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert [p.author.name for p in result.posts] == ["Kalle", "Sabine R.", "Kalle"]
    assert [p.published_at for p in result.posts] == [
        datetime(2024, 3, 12, 14, 5, tzinfo=UTC), datetime(2024, 3, 12, 15, 30, tzinfo=UTC),
        datetime(2024, 3, 13, 9, 12, tzinfo=UTC)]
    assert "Ottokar" in result.posts[1].text


def test_post_blocks_numbered_by_place_take_a_bare_number_anchor_as_their_id():
    """PistonHeads numbers its post blocks by their place (div#message1, #message2 on every page)
    and names each post by a bare number (<a name="41972911">): the places were read as the ids, so
    page 2's posts would have page 1's ids, and the archive keeps one post per id. The anchors'
    numbers are the ids (the same page as above, its blocks so written)."""
    html = (PAGES / "sibling_board.html").read_text(encoding="utf-8")
    for place, number in enumerate(("20417", "20418", "20421"), start=1):
        html = html.replace(f'<div class="beitrag" id="msg{number}">',
                            f'<div class="beitrag" id="message{place}"><a name="{number}"></a>')
    assert html.count('<a name="204') == 3
    result = parse_page(html.encode(), "https://haustechnik.example.org/heizung/pfeift-nach-entlueften-3310.html",
                        datetime(2024, 3, 20, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert [p.post_id for p in result.posts] == ["20417", "20418", "20421"]
    assert [p.author.name for p in result.posts] == ["Kalle", "Sabine R.", "Kalle"]
