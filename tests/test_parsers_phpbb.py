"""parsers.phpbb on small hand-written pages, one per markup variant (tests/data/phpbb/), and on
the real saved phpBB pages in ../shared/fixtures/real/phpbb (skipped when that folder is absent).

Each expected value for the hand-written pages was read off the fixture's markup by hand.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import DATA, REAL_FIXTURES
from parsel import Selector

from parsers import phpbb
from parsers.evaluate import plain, read_gold_date, token_f1, visible_text
from parsers.html_text import decode_body
from parsers.registry import build_tree, detect_engine, parse_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc
PHPBB = DATA / "phpbb"
REAL = REAL_FIXTURES / "phpbb"
needs_shared = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/fixtures/real is absent")


def parse(name: str, url: str, captured: datetime = CAPTURED):
    return parse_page((PHPBB / name).read_bytes(), url, captured)


@pytest.fixture(scope="module")
def olympus():
    """phpBB 3.0 prosilver, page 2 of 3, ten posts a page, "All times are UTC - 5 hours [ DST ]"."""
    return parse("phpbb30_prosilver.html", "https://ponds.example/forum/viewtopic.php?f=3&t=4711&start=10")


@pytest.fixture(scope="module")
def modern():
    """phpBB 3.3 prosilver, page 3 of 6, ``<time datetime>``, zone Europe/Berlin."""
    return parse("phpbb33_prosilver.html", "https://ponds.example/forum/viewtopic.php?t=5150&start=20")


@pytest.fixture(scope="module")
def german():
    """A German board whose author line only holds the date; the name is in the profile column."""
    return parse("phpbb_de_profile_author.html", "https://teich.example/viewtopic.php?t=808",
                 datetime(2024, 3, 5, 12, 0, tzinfo=UTC))


# --- phpBB 3.0 ---------------------------------------------------------------------------------


def test_olympus_thread_fields(olympus):
    assert olympus.kind == "thread_page" and olympus.engine == "phpbb"
    thread = olympus.thread
    assert (thread.id, thread.title) == ("4711", "Pond pumps for beginners")
    assert thread.url == "https://ponds.example/forum/viewtopic.php?f=3&t=4711"  # no sid, no start
    assert thread.forum == ["Board index", "Water gardens", "Pumps and filters"]
    assert (thread.page, thread.page_count) == (2, 3)
    assert thread.starter is None  # only page 1 shows the opening post
    assert olympus.next_page_url == "https://ponds.example/forum/viewtopic.php?f=3&t=4711&start=20"
    assert olympus.errors == ["page 2 of 3 holds 3 posts where the board shows 10 a page: 7 may be missing"]


def test_olympus_positions_come_from_the_per_page_script_variable(olympus):
    assert [p.post_id for p in olympus.posts] == ["90011", "90012", "90013"]
    assert [(p.position, p.position_on_page) for p in olympus.posts] == [(11, 1), (12, 2), (13, 3)]


def test_olympus_member_post_and_footer_time_zone(olympus):
    post = olympus.posts[0]
    assert post.url == "https://ponds.example/forum/viewtopic.php?p=90011#p90011"
    assert (post.author.name, post.author.id) == ("Lily Pad", "321")
    assert post.author.url == "https://ponds.example/forum/memberlist.php?mode=viewprofile&u=321"
    # "Fri May 31, 2024 9:05 pm" at UTC-5 plus the DST hour: 01:05 UTC the next day.
    assert post.published_at == datetime(2024, 6, 1, 1, 5, tzinfo=UTC)
    assert (post.edited_at, post.edited_by) == (datetime(2024, 6, 1, 11, 0, tzinfo=UTC), "Pond Admin")


def test_olympus_own_words_leave_out_quotes_signature_notice_and_code_header(olympus):
    post = olympus.posts[0]
    assert post.text == "I would go bigger anyway.\n\nSee the pump guide.\n\nflow = volume / 2"
    for not_words in ("wrote", "litres", "all year", "ponds since", "Last edited", "Select all", "Attachments"):
        assert not_words not in post.text
    assert "<script" not in post.html and "Koi Keeper wrote:" in post.html


def test_olympus_nested_and_uncited_quotes(olympus):
    outer, uncited = olympus.posts[0].quotes
    assert (outer.author, outer.citation, outer.text) == ("Koi Keeper", "Koi Keeper wrote:", "For a small pond, yes.")
    (inner,) = outer.quotes
    assert (inner.author, inner.text, inner.quotes) == ("Frog Prince", "Is 2000 litres an hour enough?", [])
    assert (uncited.author, uncited.citation, uncited.text) == (None, None, "Pumps should run all year.")


def test_olympus_links_images_and_attachments(olympus):
    post = olympus.posts[0]
    assert [(link.url, link.text) for link in post.links] == [("http://pumps.example/guide", "the pump guide")]
    assert [(i.url, i.text) for i in post.images] == [
        ("https://ponds.example/forum/download/file.php?id=555&mode=view", "pond.jpg")]  # the smiley left out
    assert [(a.url, a.text) for a in post.attachments] == [
        ("https://ponds.example/forum/download/file.php?id=556", "pump-sizes.pdf")]
    assert [(i.url, i.text) for i in olympus.posts[2].images] == [("http://photos.example/koi.jpg", "Image")]


def test_olympus_bump_notice_is_not_an_edit(olympus):
    bumped = olympus.posts[2]
    assert (bumped.edited_at, bumped.edited_by) == (None, None)
    assert bumped.text == "Here is mine:"


def test_olympus_guest_is_a_bold_name_without_a_profile(olympus):
    guest = olympus.posts[1]
    assert (guest.author.name, guest.author.id, guest.author.url) == ("Passing Gardener", None, None)
    assert guest.published_at == datetime(2024, 6, 1, 10, 30, tzinfo=UTC)
    assert guest.text == "Thanks, this helped me pick one."


# --- phpBB 3.3 ---------------------------------------------------------------------------------


def test_modern_thread_fields_from_the_list_pagination(modern):
    thread = modern.thread
    assert (thread.id, thread.title, thread.forum) == ("5150", "Winter fish care", ["Board index", "Fish"])
    assert thread.url == "https://ponds.example/forum/viewtopic.php?t=5150"
    assert (thread.page, thread.page_count) == (3, 6)
    assert modern.canonical_url == "https://ponds.example/forum/viewtopic.php?t=5150&start=20"
    assert modern.next_page_url == "https://ponds.example/forum/viewtopic.php?t=5150&start=30"
    assert [(p.position, p.position_on_page) for p in modern.posts] == [(21, 1), (22, 2)]  # data-per-page="10"
    assert modern.errors == ["page 3 of 6 holds 2 posts where the board shows 10 a page: 8 may be missing"]


def test_modern_time_element_wins_and_text_dates_use_the_named_zone(modern):
    post, guest = modern.posts
    assert post.published_at == datetime(2024, 1, 15, 8, 20, tzinfo=UTC)
    # "Mon Jan 15, 2024 10:02 am" in Europe/Berlin (UTC+1 in January).
    assert (post.edited_at, post.edited_by) == (datetime(2024, 1, 15, 9, 2, tzinfo=UTC), "Ice Breaker")
    assert guest.published_at == datetime(2024, 1, 15, 18, 40, tzinfo=UTC)


def test_modern_quote_carries_author_post_and_time(modern):
    (quote,) = modern.posts[0].quotes
    assert (quote.author, quote.author_id, quote.post_id) == ("Cold Toes", "91", "70011")
    assert quote.published_at == datetime(2024, 1, 14, 22, 5, tzinfo=UTC)
    assert (quote.citation, quote.text) == ("Cold Toes wrote:", "Should I break the ice?")


def test_modern_inline_attachment_and_code_box(modern):
    post = modern.posts[0]
    assert post.text == ("Never hit the ice: the shock hurts the fish. Melt a hole with a pan of hot water.\n\n"
                         "The hole after ten minutes\n\nwater 60C, 1 litre")
    assert "Viewed 40 times" not in post.text and "Select all" not in post.text
    assert [(i.url, i.text) for i in post.images] == [
        ("https://ponds.example/forum/download/file.php?id=901", "hole.jpg")]
    assert "sid=" not in post.html


def test_modern_guest_span_username(modern):
    guest = modern.posts[1]
    assert (guest.author.name, guest.author.id, guest.author.url) == ("Drive-by Dan", None, None)
    assert [(link.url, link.text) for link in guest.links] == [
        ("https://ponds.example/forum/viewtopic.php?p=70021#p70021", "this post")]


# --- A German board, author in the profile column ----------------------------------------------


def test_german_author_from_the_profile_column_and_dates_in_german(german):
    first, reply = german.posts
    assert (first.author.name, first.author.id) == ("Teichwirt", "15")
    assert (reply.author.name, reply.author.id) == ("Folienprofi", "16")
    assert first.published_at == datetime(2024, 3, 4, 9, 15, tzinfo=UTC)  # "Mo 4. Mär 2024, 10:15" in Berlin
    assert reply.published_at == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)  # "Heute, 09:30" on the capture day
    assert (first.edited_at, first.edited_by) == (datetime(2024, 3, 4, 10, 0, tzinfo=UTC), "Teichwirt")
    assert german.thread.forum == ["Foren-Übersicht", "Teichbau"]
    assert (german.thread.starter.name, german.thread.started_at) == ("Teichwirt", first.published_at)
    assert (german.thread.page, german.thread.page_count) == (1, 1)
    assert german.next_page_url is None


def test_german_citation_without_a_profile_link(german):
    (quote,) = german.posts[1].quotes
    assert (quote.author, quote.citation, quote.text) == ("Teichwirt", "Teichwirt hat geschrieben:", "Womit klebt ihr?")
    assert german.posts[1].text == "Mit Flüssigfolie, siehe Herstellerseite."


# --- Pages that are not threads ----------------------------------------------------------------


def test_login_wall_is_blocked_with_the_boards_words():
    result = parse("phpbb_login_required.html", "https://ponds.example/forum/viewtopic.php?t=9")
    assert (result.kind, result.engine) == ("blocked", "phpbb")
    assert result.reason == "login required: The board requires you to be registered and logged in to view this topic."


def test_missing_topic_message_is_blocked():
    result = parse("phpbb_error.html", "https://ponds.example/forum/viewtopic.php?t=9")
    assert (result.kind, result.reason) == ("blocked", "error page: The requested topic does not exist.")


def test_forum_listing_is_unsupported_not_an_empty_thread():
    result = parse("phpbb_viewforum.html", "https://ponds.example/forum/viewforum.php?f=3")
    assert (result.kind, result.engine) == ("unsupported", "phpbb")
    assert result.posts == [] and result.thread is None


# --- Detection ---------------------------------------------------------------------------------


def test_detection_on_the_hand_written_pages():
    for page in sorted(PHPBB.glob("*.html")):
        doc = Selector(root=build_tree(decode_body(page.read_bytes())), type="html")
        assert detect_engine(doc) == "phpbb", page.name


@needs_shared
def test_detection_is_true_exactly_for_the_real_phpbb_pages():
    for page in sorted(REAL_FIXTURES.rglob("*.html")):
        doc = Selector(root=build_tree(decode_body(page.read_bytes())), type="html")
        assert phpbb.detect(doc) == (page.parent.name == "phpbb"), page
        if page.parent.name == "phpbb":
            assert detect_engine(doc) == "phpbb", page  # no engine tried earlier claims it


@needs_shared
def test_detection_without_body_id_needs_the_boards_own_scripts():
    """A style may drop ``<body id="phpbb">``: its ``div.post#pN`` posts are then phpBB's only if the
    page links to phpBB's scripts; the Forumotion page has the same post markup and addresses of its own."""
    def detects(page: Path) -> bool:
        text = decode_body(page.read_bytes()).replace('<body id="phpbb"', "<body")
        return phpbb.detect(Selector(root=build_tree(text), type="html"))

    assert detects(REAL / "myoos-viewtopic-167.metro_blue.html")
    assert detects(PHPBB / "phpbb33_prosilver.html")
    assert not detects(REAL_FIXTURES / "forumotion" / "wolfsrebellen-netz-t7.html")


def test_zone_names_translated_by_the_language_pack():
    """phpBB prints the zone's name from its language pack: "Europa/Berlin" on German boards.
    A January time there is CET (+01:00), whatever offset the footer showed at capture."""
    assert posted_at("Europa/Berlin", "UTC+02:00") == datetime(2009, 1, 21, 4, 42, tzinfo=UTC)
    assert posted_at("Europe/Berlin", "UTC+02:00") == datetime(2009, 1, 21, 4, 42, tzinfo=UTC)
    # A city the pack renames too is not guessed at: the offset the footer prints is read instead.
    assert posted_at("Europa/Wien", "UTC+02:00") == datetime(2009, 1, 21, 3, 42, tzinfo=UTC)


def posted_at(zone_name: str, offset: str) -> datetime:
    page = f"""<html lang="de"><body id="phpbb"><div id="p7" class="post"><div class="postbody">
<p class="author">von <strong><a href="./memberlist.php?mode=viewprofile&amp;u=5">r23</a></strong> &raquo; 21.01.2009, 05:42</p>
<div class="content">Hallo</div></div></div>
<ul><li class="rightside">Alle Zeiten sind <span title="{zone_name}">{offset}</span></li></ul></body></html>"""
    return parse_page(page.encode(), "https://board.example/viewtopic.php?t=3", CAPTURED).posts[0].published_at


# --- Real pages --------------------------------------------------------------------------------


def real_pages(kind: str) -> list[Path]:
    if not REAL.is_dir():
        return []
    return [p for p in sorted(REAL.glob("*.expected.json"))
            if ("gold_standard_annotation" in json.loads(p.read_text(encoding="utf-8"))) == (kind == "posts")]


def parse_real(expected: Path):
    data = json.loads(expected.read_text(encoding="utf-8"))
    html = expected.with_name(expected.name.replace(".expected.json", ".html"))
    return data, html, parse_page(html.read_bytes(), data.get("source_url") or data.get("url"), CAPTURED)


@needs_shared
@pytest.mark.parametrize("expected", real_pages("posts"), ids=lambda p: p.name)
def test_real_pages_with_per_post_gold_authors_days_and_words(expected):
    gold, _html, result = parse_real(expected)
    assert result.kind == "thread_page" and result.errors == []
    by_id = {p.post_id: p for p in result.posts}
    annotations = gold["gold_standard_annotation"]
    # Hand annotations (myoos) state the page's count, name the user, and give the first 60
    # characters of the poster's own words and the time as ISO; harvest's link each post.
    assert len(result.posts) == gold.get("posts_on_page", len(annotations))
    for index, annotation in enumerate(annotations):
        link = annotation.get("post_link")
        post = by_id[re.search(r"[?&]p=(\d+)", link["surface_form"]).group(1)] if link else result.posts[index]
        user = annotation["user"]["surface_form"]
        if "memberlist.php" in user:
            profile = user.split("&sid=")[0]  # "./memberlist.php?mode=viewprofile&u=N"
            assert post.author.url == urljoin(result.url, profile), post.post_id
        else:
            assert post.author.name == user, post.post_id
        printed = read_gold_date(annotation["datetime"]["surface_form"], CAPTURED, "en")
        # The page prints the board's local day; our time is UTC.
        assert abs((post.published_at.date() - printed.date()).days) <= 1, post.post_id
        if "iso" in annotation["datetime"]:
            assert post.published_at == datetime.fromisoformat(annotation["datetime"]["iso"]), post.post_id
        text = annotation["post_text"]
        if "surface_form" in text:
            # Quotes first, then the poster's words: the order differs where a reply interleaves them.
            assert token_f1(text["surface_form"], visible_text(post)) >= 0.95, post.post_id
        else:
            assert plain(post.text).startswith(plain(text["first_60_chars"])), post.post_id


@needs_shared
@pytest.mark.parametrize("expected", real_pages("page"), ids=lambda p: p.name)
def test_real_pages_with_page_gold_title_starter_and_snippets(expected):
    gold, _html, result = parse_real(expected)
    truth = gold["ground_truth"]
    assert result.errors == []
    assert result.thread.title == truth["title"]
    assert result.posts[0].author.name == truth["author"]
    assert result.posts[0].published_at.date().isoformat() == truth["publish_date"]
    everything = plain(" ".join(visible_text(p, with_author=True) for p in result.posts))
    own_words = " ".join(" ".join(p.text.split()) for p in result.posts)
    for snippet in truth.get("with", []):
        assert plain(snippet) in everything, snippet
    for chrome in truth.get("without", []):
        assert chrome not in own_words, chrome


@needs_shared
@pytest.mark.parametrize("page", sorted(REAL.glob("*.html")) if REAL.is_dir() else [], ids=lambda p: p.name)
def test_real_pages_quotes_match_the_markup(page):
    """Quotes counted in the raw HTML with plain regular expressions, independently of the parser."""
    raw = page.read_text(encoding="utf-8")
    result = parse_page(page.read_bytes(), "https://forum.example/viewtopic.php?t=1", CAPTURED)

    def walk(quotes, depth=1):
        for quote in quotes:
            yield quote, depth
            yield from walk(quote.quotes, depth + 1)

    quotes = [q for p in result.posts for q in walk(p.quotes)]
    assert len(quotes) == len(re.findall(r"<blockquote\b", raw))
    assert sum(1 for q, _ in quotes if q.citation) == len(re.findall(r"<cite\b", raw))
    cited = re.findall(r"<cite>(?:<a [^>]*>)?([^<]+?)(?:</a>)? wrote:", raw)
    authors = [q.author for q, _ in quotes]
    assert sorted(a for a in authors if a) == sorted(cited)
    assert not any(" wrote:" in p.text for p in result.posts)  # citations stay with their quotes


@needs_shared
def test_openoffice_nests_quotes_two_deep():
    result = parse_page((REAL / "openoffice-viewtopic-82202.html").read_bytes(),
                        "https://forum.openoffice.org/en/forum/viewtopic.php?f=5&t=82202", CAPTURED)
    post = next(p for p in result.posts if p.post_id == "431582")
    (outer,) = post.quotes
    (inner,) = outer.quotes
    assert (outer.author, inner.author) == ("RoryOF", "John_Ha")
    assert inner.text == "All versions of MS Word later than about 2007 can open .odt files."
    assert outer.text.startswith("Indeed, John, but the majority of MS Office users")
    assert post.text.startswith("The same majority works with hidden file name suffix.")
    # "All times are UTC + 1 hour [ DST ]": the printed 5:45 am is 03:45 UTC.
    assert result.posts[0].published_at == datetime(2016, 3, 6, 3, 45, tzinfo=UTC)
    assert (result.thread.page, result.thread.page_count) == (1, 2)
    assert result.next_page_url == "https://forum.openoffice.org/en/forum/viewtopic.php?f=5&t=82202&start=30"
    edited = next(p for p in result.posts if p.post_id == "429800")
    assert (edited.edited_at, edited.edited_by) == (datetime(2018, 4, 8, 11, 0, tzinfo=UTC), "John_Ha")
    assert [a.text for a in edited.images] == ["MS files.png"]
