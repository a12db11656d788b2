"""Pages as the tools that save or replay them keep them: without their scripts, and as a web archive
replays them. Each engine knows its pages by their posts' markup, and reads the board's addresses
inside the archive's.

**Without scripts.**

A copy made by SingleFile, a reader's clean copy or an archiver's clean-up keeps a page's markup
and drops its scripts; so does a theme that loads the engine's settings from a file instead of
printing them in the head. Discuz!, ElkArte, SMF, ProBoards, IP.Board 3 and Forumotion knew their
pages by such a script alone, and these pages came back "no parser recognises this page", every
post lost (ElkArte's went to the generic parser, which gave a guest's post to "Logged", the IP
line of the poster list). Each engine now also asks for the ids every theme of it prints for
every post, two of them carrying the same number (SMF's ``subject_N`` with ``msg_N``, ElkArte's
``post_subject_N`` with ``msg_N``, Discuz!'s ``div#post_N`` around ``table#pidN``, IP.Board 3's
``post_id_N`` with ``a#entryN``, Forumotion's ``post--N`` class with its ``pN``), or ProBoards'
own time (``abbr[data-timestamp]`` in milliseconds).

**A web archive's replay.** The Wayback Machine replays a page at
``https://web.archive.org/web/<time>/<the board's address>`` and rewrites every link it shows so:
a board gone from the web is crawled from there. Numbers read from an address must be the board's.

Every expected value below was read off the fixtures' markup by hand (their headers say so); the
fuzzer's ``scripts_removed`` and ``archived_copy`` check every page of tests/data and ../shared
against its own parse (tests/test_parsers_fuzz.py).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc
# A script that runs (no type or a JavaScript one); JSON-LD and JSON data blocks are kept.
RUNNING_SCRIPT = re.compile(r"<script\b(?![^>]*\btype\s*=\s*[\"']?application/(?:ld\+)?json)[^>]*>.*?</script\s*>",
                            re.IGNORECASE | re.DOTALL)


def without_scripts(path: str, url: str, captured_at: datetime = CAPTURED):
    markup = (DATA / path).read_text(encoding="utf-8")
    stripped = RUNNING_SCRIPT.sub("", markup)
    assert stripped != markup and "<script" not in stripped.lower()  # the page had scripts, none is left
    return parse_page(stripped.encode("utf-8"), url, captured_at, content_type="text/html; charset=utf-8")


def posts_of(result) -> list[tuple]:
    return [(p.post_id, p.author.name if p.author else None, p.published_at) for p in result.posts]


@pytest.mark.parametrize("path, url, engine, expected", [
    # SMF 2.1 in Turkish, the board at UTC+3 (its header clock)
    ("field_smf/turkish_month_names.html", "https://forum.example/index.php?topic=70.15", "smf", [
        ("701", "ayse_k", datetime(2018, 3, 10, 8, 25, tzinfo=UTC)),
        ("702", "mert_y", datetime(2018, 3, 16, 8, 45, tzinfo=UTC)),
        ("703", "guest_can", datetime(2018, 2, 4, 10, 34, tzinfo=UTC))]),
    # ElkArte 1.0: div.inner#msg_N, h5#info_N; "Today at 08:30:00 am" against the capture day
    ("elkarte/elkarte10_topic.html", "https://veg.example/forum/index.php?topic=58.0", "elkarte", [
        ("611", "Pip Parsnip", datetime(2014, 3, 12, 16, 5, 6, tzinfo=UTC)),
        ("612", "Lost Lettuce", datetime(2014, 3, 13, 8, 30, tzinfo=UTC)),
        ("613", "Pip Parsnip", datetime(2014, 3, 13, 21, 45, tzinfo=UTC))]),
    # ProBoards v5, classic table layout: times from data-timestamp (Unix milliseconds)
    ("field_proboards/v5_quote_header_in_body.html", "https://tea.proboards.com/thread/88/kettle-descaling", "proboards", [
        ("9001", "Marta Steep", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        ("9002", "Passing Pouring", datetime(2023, 11, 14, 23, 13, 20, tzinfo=UTC)),
        ("9003", "Olo Infuser", datetime(2023, 11, 15, 0, 13, 20, tzinfo=UTC))]),
    # IP.Board 3.4 in a skin whose posts are tables after their a#entryN anchors
    ("ipb3_skins/tabled_posts.html", "http://allot.example.com/topic/31-winter-kale/", "ipb3", [
        ("4401", "Marrow Mae", datetime(2014, 11, 3, 9, 14, tzinfo=UTC)),
        ("4402", "Sprout_visitor", datetime(2014, 11, 3, 10, 2, tzinfo=UTC)),
        ("4403", "Leek Lars", datetime(2014, 11, 4, 18, 40, tzinfo=UTC))]),
])
def test_a_page_saved_without_its_scripts_gives_the_same_posts(path, url, engine, expected):
    result = without_scripts(path, url, datetime(2014, 3, 13, 23, 0, tzinfo=UTC) if engine == "elkarte" else CAPTURED)
    assert (result.kind, result.engine) == ("thread_page", engine)
    assert posts_of(result) == expected


def test_discuz_touch_and_forumotion_pages_without_their_scripts_are_still_theirs():
    touch = without_scripts("discuz_site/touch-9/index.html", "https://lake.example/forum.php?mod=viewthread&tid=9&mobile=2")
    assert (touch.kind, touch.engine) == ("thread_page", "discuz")
    assert [p.post_id for p in touch.posts] == ["901", "902", "903"]
    assert touch.posts[0].author.name == "夜猫子"
    punbb = without_scripts("forumotion_site/t30-trail-log/index.html", "https://trail.forumotion.com/t30-trail-log")
    assert (punbb.kind, punbb.engine) == ("thread_page", "forumotion")
    assert [(p.post_id, p.author.name) for p in punbb.posts] == [("401", "Skadi"), ("402", "Bjorn")]


def test_the_generic_parser_takes_a_guests_name_not_the_line_beside_it():
    """ElkArte's poster list (``ul.poster``) holds a guest's name in ``a.name`` with no profile
    address and, below it, the IP line ``li.poster_ip`` ("Logged"). With no profile link, the
    generic parser took the innermost author-class element, that line: post 4106 came back by
    "Logged". The name-classed element inside the poster list is the name."""
    markup = (DATA / "elkarte/elkarte11_topic_page2.html").read_bytes()
    result = parse_page(markup, "https://orchard.example/index.php?topic=310.4", CAPTURED, engine="generic")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert [(p.post_id, p.author.name) for p in result.posts] == [
        ("4105", "Moss Maple"), ("4106", "Wandering Wren"), ("4107", "Fennel Frank"), ("4108", "Moss Maple")]


REPLAY = "https://web.archive.org/web/20160218173937"
LINK = re.compile(r"""(\s(?:href|src|action)=)(["'])(.*?)\2""")


def replayed(path: str, url: str):
    """The page as the archive replays it (its links rewritten around the addresses they resolve
    to), read at its replay address."""
    from parsers.urls import urljoin
    markup = (DATA / path).read_text(encoding="utf-8")
    rewritten = LINK.sub(lambda m: m.group(1) + m.group(2) + (
        m.group(3) if m.group(3).startswith(("#", "javascript:")) else f"{REPLAY}/{urljoin(url, m.group(3))}") + m.group(2),
        markup)
    assert rewritten.count(REPLAY) > 3
    return parse_page(rewritten.encode("utf-8"), f"{REPLAY}/{url}", CAPTURED, content_type="text/html; charset=utf-8")


def test_a_forumotion_member_is_known_by_a_profile_link_the_archive_rewrote():
    """A Forumotion member's name is the ``/uN`` link of the profile column, after the rank: with the
    link rewritten to the archive's address it was not known as a profile link, and the rank
    before it stood as the name ("Moderator", "Member"), silently."""
    result = replayed("forumotion_templates/phpbb3_rank_before_name.html", "https://ridge.forumotion.com/t33-ice-on-the-ridge")
    assert (result.kind, result.engine) == ("thread_page", "forumotion")
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("601", "Eisvogel", "4"), ("602", "Reifkante", "9"), ("603", "Wanderfalke", None)]
    assert result.posts[0].author.url == f"{REPLAY}/https://ridge.forumotion.com/u4"  # fetchable from the archive


def test_a_generic_thread_id_is_the_boards_number_not_the_captures_time():
    """The generic parser names a thread by the longest number of its address: in the archive's
    address that was the capture's time (20160218173937), the same for every thread of that day."""
    result = replayed("field_generic/question_wraps_answers.html",
                      "https://healthtalk.example/posts/Ankle/swim-after-sprain/show/4040")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert result.thread.id == "4040"
    assert [p.post_id for p in result.posts][:2] == ["topic-4040", "7001"]
