"""parsers/losses.py: the errors that say part of a thread was not read are told from the caveats.

Each check that reports a loss is run for real here and its error must be caught, so a reworded
error cannot turn a loss back into a quiet caveat; the caveats every board has (times read as
UTC, a deleted account) must not be, nor any error of a real saved page (none of them lost part
of its thread: `forum-archiver eval` finds every post of them).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
from conftest import DATA, REAL_FIXTURES
from lxml import etree

from parsers.flarum.api_view import say_posts_missing_from_the_window
from parsers.flarum.documents import ApiDocument
from parsers.losses import lost_content
from parsers.models import Author, PageResult, Post, Thread
from parsers.pagination import say_short_page
from parsers.generic import say_unread_numbered_blocks
from parsers.post_blocks import say_unread_posts
from parsers.registry import CUT_SHORT, parse_page, say_missing_next_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)


def thread_page(page: int, page_count: int, posts: int, errors: list[str] | None = None) -> PageResult:
    return PageResult(kind="thread_page", url="https://forum.example/t/1", engine="phpbb",
                      thread=Thread(id="1", title="T", url=None, page=page, page_count=page_count),
                      posts=[Post(post_id=str(n), url=None, position=n, author=Author(name=f"m{n}"), published_at=CAPTURED,
                                   text="words", html="<p>words</p>") for n in range(1, posts + 1)], errors=errors or [])


def test_a_post_the_page_names_and_no_post_read_has_is_a_loss():
    root = etree.fromstring("<html><body><div id='p41'/><div id='p42'/></body></html>")
    errors: list[str] = []
    say_unread_posts(root, re.compile(r"p(\d+)$"), "p", ["41"], errors)
    assert lost_content(thread_page(1, 1, 1, errors)) == errors and errors[0].startswith("post 42:")


def test_a_numbered_block_the_generic_parser_read_no_post_from_is_a_loss():
    root = etree.fromstring("<html><body><div id='post_41'/><div id='post_42'/><div id='post_43'/></body></html>")
    result = thread_page(1, 1, 0)
    result.posts = thread_page(1, 1, 43).posts[40:42]  # posts 41 and 42 read
    say_unread_numbered_blocks(root, result)
    assert lost_content(result) == result.errors and result.errors[0].startswith("post 43:")

def test_a_short_page_a_cut_page_and_a_next_page_not_linked_are_losses():
    short = thread_page(2, 3, 4)
    say_short_page(short, 10)
    assert lost_content(short) == ["page 2 of 3 holds 4 posts where the board shows 10 a page: 6 may be missing"]
    unlinked = thread_page(1, 3, 10)
    say_missing_next_page(unlinked)
    assert lost_content(unlinked) == ["page 1 of 3: no link to the next page found"]
    assert lost_content(thread_page(1, 1, 3, [CUT_SHORT])) == [CUT_SHORT]


def test_a_post_block_skipped_by_the_engine_is_a_loss():
    # Hand-written (tests/data/hostile): posts 7302 and 7305 lost their anchors, their headers stand
    # in the blocks of 7301 and 7304 (the fixture's header says so).
    page = (DATA / "hostile" / "phpbb_headers_of_other_posts_in_block.html").read_bytes()
    result = parse_page(page, "https://forum.example/viewtopic.php?t=73", CAPTURED)
    assert [error.split(":")[0] for error in lost_content(result)] == ["post 7302", "post 7305"]


def test_posts_a_flarum_discussion_lists_inside_the_held_run_but_the_data_lacks_are_a_loss():
    document = ApiDocument({"data": {"type": "discussions", "id": "7", "relationships": {"posts": {"data": [
        {"type": "posts", "id": str(n)} for n in (701, 702, 703, 704)]}}},
        "included": [{"type": "posts", "id": str(n), "attributes": {"number": n - 700}} for n in (701, 704)]})
    result = thread_page(1, 1, 2)
    assert say_posts_missing_from_the_window(document, document.related_ids(document.data, "posts"),
                                             result.errors) == {"701"}
    assert lost_content(result) == result.errors and result.errors[0].startswith("posts 702, 703:")


def test_caveats_on_what_was_read_are_no_loss():
    caveats = ["printed times read as UTC: the page does not say which zone it prints them in",
               "post 5: no author (a deleted account)", "post 6: no publication time found",
               "post 7: hidden by admin at 2024-01-01T00:00:00+00:00; kept as served"]
    assert lost_content(thread_page(1, 1, 7, caveats)) == []
    # Only thread pages: an unsupported page is already an error of its own (kind "parser").
    assert lost_content(PageResult(kind="unsupported", url="u", reason="x", errors=[CUT_SHORT])) == []


def test_no_real_saved_page_is_read_as_incomplete():
    pages = sorted(REAL_FIXTURES.glob("*/*.html")) if REAL_FIXTURES.is_dir() else []
    if not pages:
        pytest.skip("../shared/fixtures/real is absent")
    incomplete = {}
    for path in pages:
        result = parse_page(path.read_bytes(), "https://forum.example/" + path.name, CAPTURED)
        if lost_content(result):
            incomplete[path.name] = lost_content(result)[:2]
    assert incomplete == {}


def _without_id(path, posts_of, key: str, base: str | None = None) -> bytes:
    """A written API answer (``path``) with its second post's id ``key`` made null."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text.replace("{{BASE_URL}}", base) if base else text)
    posts = posts_of(data)
    assert posts[1][key] is not None  # the fixture's post had one
    posts[1][key] = None
    return json.dumps(data).encode("utf-8")


API_ANSWERS = [
    # (engine, answer, the post list in it, the id's key, its address)
    ("discourse", "discourse/posts_4400.json", lambda d: d["post_stream"]["posts"], "id",
     "https://seeds.example/t/4400/posts.json", None),
    ("nodebb", "nodebb_site/api/topic/31/quoting-the-quoted/index.json", lambda d: d["posts"], "pid",
     "https://garden.example/api/topic/31/quoting-the-quoted", None),
    ("discuz", "discuz_site/api/viewthread-7-page-1.json", lambda d: d["Variables"]["postlist"], "pid",
     "https://bbs.example/api/mobile/index.php?version=4&module=viewthread&tid=7&page=1", "https://bbs.example"),
    ("vanilla", "vanilla_site/api/v2/comments/42.json", lambda d: d["comments"], "commentID",
     "https://pond.example/api/v2/comments?discussionID=42&page=1&limit=30", "https://pond.example"),
]


@pytest.mark.parametrize("engine, answer, posts_of, key, url, base", API_ANSWERS, ids=[a[0] for a in API_ANSWERS])
def test_a_post_an_api_answer_gives_without_its_id_is_a_loss(engine, answer, posts_of, key, url, base):
    """An API answer's post without its id is not kept (the archive keys posts by id). Before the
    fix its error ended "; skipped", which no loss mark caught: the post was missing from the
    archive and the crawl said "finished"."""
    body = _without_id(DATA / answer, posts_of, key, base)
    if engine == "vanilla":  # the store holds every comment; the API answers a list
        body = json.dumps(json.loads(body)["comments"]).encode("utf-8")
    whole = parse_page(body, url, CAPTURED, content_type="application/json")
    assert whole.kind == "thread_page" and whole.engine == engine
    lost = lost_content(whole)
    assert len(lost) == 1 and lost[0].endswith("; not read"), whole.errors


def test_a_vanilla_comment_without_its_message_body_is_a_loss():
    """A comment item whose body a theme renamed (``div.Message`` gone) is not read: before the fix its
    error "post N: no message body" was no loss, and the crawl said "finished" without the comment."""
    page = DATA / "vanilla_site" / "discussion" / "42" / "pond-liner-leaks" / "index.html"
    html = page.read_text(encoding="utf-8").replace("{{BASE_URL}}", "https://pond.example")
    comment = html.index('id="Comment_')
    body_class = html.index('class="Message', comment)
    renamed = html[:body_class] + 'class="Words' + html[body_class + len('class="Message'):]
    result = parse_page(renamed.encode("utf-8"), "https://pond.example/discussion/42/pond-liner-leaks", CAPTURED)
    assert result.kind == "thread_page" and result.engine == "vanilla"
    assert lost_content(result) == [e for e in result.errors if "no message body" in e] != []
