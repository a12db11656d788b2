"""parsers.nodebb: the topic page in two theme generations (Harmony 3.x with its embedded
ajaxify-data, Persona 1.x read from its markup alone) and the read API ``/api/topic/...?page=N``.

The fixtures in tests/data/nodebb_site/ were written by hand from NodeBB's public templates and
OpenAPI spec (see each file's header and api/SOURCE.md); every expected value below was read off
the fixture by hand.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA, REAL_FIXTURES
from parsel import Selector

from parsers import nodebb
from parsers.registry import build_tree, detect_engine, parse_page

UTC = timezone.utc
CAPTURED = datetime(2024, 6, 1, tzinfo=UTC)
SITE = DATA / "nodebb_site"
HARMONY = SITE / "topic" / "31" / "quoting-the-quoted"
API = SITE / "api" / "topic" / "31" / "quoting-the-quoted"
PERSONA = SITE / "topic" / "7" / "which-mower"
GARDEN = "https://garden.example"
LAWN = "https://lawn.example"
TOPIC_31 = f"{GARDEN}/topic/31/quoting-the-quoted"
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())


def html(path: Path, url: str, base: str = GARDEN, strip_ajaxify: bool = False):
    body = path.read_bytes().replace(b"{{BASE_URL}}", base.encode())
    if strip_ajaxify:  # the same page saved without its scripts: read from the markup alone
        body = re.sub(rb'<script id="ajaxify-data".*?</script>', b"", body, flags=re.S)
        assert b"<script id=\"ajaxify-data\"" not in body
    return parse_page(body, url, CAPTURED)


def api(path: Path, url: str, content_type: str | None = "application/json; charset=utf-8"):
    return parse_page(path.read_bytes(), url, CAPTURED, content_type=content_type)


def tree(quotes) -> list:
    """Quotes as (author, post_id, thread_id, citation, text, [nested]) tuples."""
    return [(q.author, q.post_id, q.thread_id, q.citation, q.text, tree(q.quotes)) for q in quotes]


@pytest.fixture(scope="module")
def harmony1():
    return html(HARMONY / "index.html", TOPIC_31)


@pytest.fixture(scope="module")
def harmony2():
    return html(HARMONY / "page-2" / "index.html", f"{TOPIC_31}?page=2")


@pytest.fixture(scope="module")
def api1():
    return api(API / "index.json", f"{GARDEN}/api/topic/31/quoting-the-quoted")


@pytest.fixture(scope="module")
def api2():
    return api(API / "page-2" / "index.json", f"{GARDEN}/api/topic/31/quoting-the-quoted?page=2")


@pytest.fixture(scope="module")
def persona():
    return html(PERSONA / "index.html", f"{LAWN}/topic/7/which-mower", base=LAWN)


# --- Harmony (NodeBB 3.x) page 1, read from its ajaxify-data ----------------------------------


def test_harmony_thread_fields(harmony1):
    assert harmony1.kind == "thread_page" and harmony1.engine == "nodebb"
    thread = harmony1.thread
    assert (thread.id, thread.title, thread.url) == ("31", "Quoting the quoted", TOPIC_31)
    assert thread.forum == ["Outdoors", "Gardening"]  # not Home, not the topic itself
    assert thread.tags == ["compost"]
    assert (thread.page, thread.page_count, thread.reply_count) == (1, 2, 4)
    assert (thread.starter.name, thread.starter.id, thread.starter.url) == ("marigold", "11", f"{GARDEN}/user/marigold")
    assert thread.started_at == datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    assert harmony1.canonical_url == TOPIC_31
    assert harmony1.next_page_url == f"{TOPIC_31}?page=2"  # <link rel="next" href="?page=2">
    assert harmony1.follow_urls == [] and harmony1.errors == []


def test_harmony_posts_ids_positions_authors_dates(harmony1):
    posts = harmony1.posts
    assert [(p.post_id, p.position, p.position_on_page) for p in posts] == [("301", 1, 1), ("302", 2, 2), ("303", 3, 3)]
    assert [(p.author.name, p.author.id) for p in posts] == [("marigold", "11"), ("basil", "12"), ("thyme", "13")]
    assert posts[1].author.url == f"{GARDEN}/user/basil"
    assert posts[0].url == f"{GARDEN}/post/301"
    assert [p.published_at for p in posts] == [datetime(2024, 5, 1, h, 0, tzinfo=UTC) for h in (9, 10, 11)]


def test_harmony_edit_and_votes(harmony1):
    opening, reply, _ = harmony1.posts
    assert (opening.edited_at, opening.edited_by) == (datetime(2024, 5, 1, 9, 30, tzinfo=UTC), "marigold")
    assert (reply.edited_at, reply.edited_by) == (None, None)  # "edited": 0
    assert opening.reactions == {"Upvote": 3}
    assert reply.reactions == {"Upvote": 2, "Downvote": 1}


def test_quote_citation_outside_the_blockquote_is_not_the_posters_words(harmony1):
    reply = harmony1.posts[1]
    assert reply.text == "Every two weeks in summer."
    assert tree(reply.quotes) == [("marigold", "301", "31", "@marigold said in Quoting the quoted:",
                                   "How often should I turn the compost heap?", [])]
    # The quoted post is on this page: its time and poster's id come with the quote.
    assert reply.quotes[0].published_at == datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    assert reply.quotes[0].author_id == "11"
    assert "<blockquote>" in reply.html and "said in" in reply.html  # html keeps what was shown
    assert reply.links == []  # the mention and the citation's /post/ link are not the poster's links


def test_deleted_post_is_kept_without_the_placeholder(harmony1):
    deleted = harmony1.posts[2]
    assert (deleted.post_id, deleted.author.name, deleted.text, deleted.html) == ("303", "thyme", "", "")
    assert deleted.reactions == {}


# --- Harmony page 2: nested quotes, a plain quote, links and pictures --------------------------


def test_page_two_thread_and_positions(harmony2):
    assert (harmony2.thread.page, harmony2.thread.page_count) == (2, 2)
    assert harmony2.next_page_url is None
    assert harmony2.thread.starter is None  # the opening post is on page 1 and 3.x's object names no author
    assert [(p.post_id, p.position, p.position_on_page) for p in harmony2.posts] == [("304", 4, 1), ("305", 5, 2)]


def test_nested_quotes_tree(harmony2):
    post = harmony2.posts[0]
    assert tree(post.quotes) == [
        ("basil", "302", None, "@basil said in Quoting the quoted:", "Every two weeks in summer.", [
            ("marigold", "301", None, "@marigold said in Quoting the quoted:",
             "How often should I turn the compost heap?", []),
        ]),
        (None, None, None, None, "Green then brown.", []),  # Markdown "> ..." without a citation
    ]
    # Posts 301 and 302 are on page 1: no topic id or time can be told from this page.
    assert post.quotes[0].published_at is None
    assert post.text == "Thanks. My grandmother's rule:\n\nSee the guide 🌱"  # the emoji picture's alt is a word


def test_links_and_pictures_leave_out_smileys(harmony2):
    post = harmony2.posts[0]
    assert [(link.url, link.text) for link in post.links] == [("https://compost.example/guide", "the guide")]
    assert [(i.url, i.text) for i in post.images] == [(f"{GARDEN}/assets/uploads/files/1714636700000-heap.jpg", "heap.jpg")]
    assert harmony2.posts[1].reactions == {"Upvote": 1}


# --- Harmony markup without ajaxify-data --------------------------------------------------------


def test_harmony_markup_alone_gives_the_same_posts(harmony1, harmony2):
    for embedded, url, page in ((harmony1, TOPIC_31, HARMONY / "index.html"),
                                (harmony2, f"{TOPIC_31}?page=2", HARMONY / "page-2" / "index.html")):
        markup = html(page, url, strip_ajaxify=True)
        assert markup.errors == []
        assert [p.to_dict() for p in markup.posts] == [p.to_dict() for p in embedded.posts]
        assert markup.next_page_url == embedded.next_page_url
        thread = markup.thread
        assert (thread.id, thread.title, thread.forum, thread.tags, thread.page, thread.page_count, thread.reply_count) \
            == ("31", "Quoting the quoted", ["Outdoors", "Gardening"], ["compost"], embedded.thread.page, 2, 4)


# --- Read API ------------------------------------------------------------------------------------


def test_api_page_one_matches_the_page_and_pages_on_through_the_api(api1, harmony1):
    assert api1.kind == "thread_page" and api1.engine == "nodebb"
    assert api1.next_page_url == f"{GARDEN}/api/topic/31/quoting-the-quoted?page=2"
    assert api1.thread.url == TOPIC_31 and api1.canonical_url is None
    assert [p.to_dict() for p in api1.posts] == [p.to_dict() for p in harmony1.posts]
    assert api1.thread.to_dict() == harmony1.thread.to_dict()


def test_api_last_page(api2, harmony2):
    assert api2.next_page_url is None
    assert (api2.thread.page, api2.thread.page_count) == (2, 2)
    assert [p.to_dict() for p in api2.posts] == [p.to_dict() for p in harmony2.posts]


def test_api_is_recognised_without_a_content_type(api2):
    again = api(API / "page-2" / "index.json", f"{GARDEN}/api/topic/31/quoting-the-quoted?page=2", content_type=None)
    assert again.engine == "nodebb" and [p.post_id for p in again.posts] == ["304", "305"]


def test_detect_json_wants_a_topic_with_pids():
    data = json.loads((API / "index.json").read_text(encoding="utf-8"))
    assert nodebb.detect_json(data)
    assert not nodebb.detect_json({"tid": 31, "posts": []})
    assert not nodebb.detect_json({"posts": [{"pid": 1}]})  # no topic id
    assert not nodebb.detect_json({"post_stream": {"posts": [{"id": 1}]}, "id": 77})  # Discourse


def test_deleted_post_in_the_api_keeps_its_place(api1):
    assert [(p.post_id, p.text) for p in api1.posts][2] == ("303", "")


# --- Persona (NodeBB 1.x) read from its markup ---------------------------------------------------


def test_persona_thread_fields(persona):
    assert persona.kind == "thread_page" and persona.engine == "nodebb" and persona.errors == []
    thread = persona.thread
    assert (thread.id, thread.title, thread.url) == ("7", "Which mower?", f"{LAWN}/topic/7/which-mower")
    assert (thread.forum, thread.tags) == (["Machines"], ["mowers"])  # the tag's "12" is its topic count
    assert (thread.page, thread.page_count, thread.reply_count) == (1, 1, 3)
    assert thread.starter.name == "oakleaf" and thread.started_at == datetime(2021, 1, 1, 12, 0, tzinfo=UTC)
    assert persona.next_page_url is None and persona.canonical_url == f"{LAWN}/topic/7/which-mower"


def test_persona_posts(persona):
    posts = persona.posts
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in posts] == [
        ("70", 1, "oakleaf", "3"), ("71", 2, "pine needle", "4"), ("72", 3, "fern", "5"), ("73", 4, "oakleaf", "3")]
    assert posts[1].author.url == f"{LAWN}/user/pine-needle"  # the profile is the userslug's
    assert [p.published_at.hour for p in posts] == [12, 13, 14, 15]
    assert (posts[0].edited_at, posts[0].edited_by) == (datetime(2021, 1, 1, 13, 30, tzinfo=UTC), "oakleaf")
    assert [p.edited_at for p in posts[1:]] == [None, None, None]  # dateModified is empty
    # Persona shows only the score; a negative score (post 73) is not a count.
    assert [p.reactions for p in posts] == [{"Votes": 4}, {}, {}, {}]
    assert (posts[2].text, posts[2].html) == ("", "")  # "This post is deleted!"


def test_persona_quote_typed_inside_the_blockquote(persona):
    post = persona.posts[1]
    assert tree(post.quotes) == [("oakleaf", "70", "7", "@oakleaf said in Which mower?:",
                                  "Which mower do you use on a steep bank?", [])]
    assert post.text == "A hover mower. This one."
    assert [(link.url, link.text) for link in post.links] == [("https://mowers.example/hover", "This one")]


def test_persona_nested_quote_with_the_inner_citation_inside(persona):
    post = persona.posts[3]
    assert tree(post.quotes) == [
        ("pine-needle", "71", "7", "@pine-needle said in Which mower?:", "A hover mower.", [
            ("oakleaf", "70", "7", "@oakleaf said in Which mower?:", "Which mower do you use on a steep bank?", []),
        ]),
    ]
    assert post.quotes[0].published_at == datetime(2021, 1, 1, 13, 0, tzinfo=UTC)
    assert post.text == "Ordered one, thanks!"


# --- Contract and detection ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["harmony1", "harmony2", "api1", "api2", "persona"])
def test_results_validate_against_the_contract_schema(name, request):
    jsonschema.validate(request.getfixturevalue(name).to_dict(), SCHEMA)


def test_detection_keys_on_what_every_theme_keeps():
    for marker in ('<script id="ajaxify-data" type="application/json">{}</script>',
                   '<script defer src="/forum/assets/nodebb.min.js?v=1"></script>',
                   '<script>var config = JSON.parse(\'{"relative_path":"/forum"}\');</script>',
                   '<ul component="topic" data-tid="9"><li component="post" data-pid="90"></li></ul>'):
        doc = Selector(root=build_tree(f"<html><head>{marker}</head><body></body></html>"), type="html")
        assert detect_engine(doc) == "nodebb", marker
    plain = Selector(root=build_tree('<html><body><div component="post">x</div></body></html>'), type="html")
    assert not nodebb.detect(plain)


def test_login_page_is_blocked_and_category_page_unsupported():
    login = '<html><head><title>Login</title></head><body><script id="ajaxify-data" type="application/json">' \
            '{"template": {"name": "login", "login": true}}</script></body></html>'
    assert parse_page(login.encode(), f"{GARDEN}/login", CAPTURED).kind == "blocked"
    category = '<html><head><title>Gardening</title></head><body><script id="ajaxify-data" type="application/json">' \
               '{"cid": 4, "template": {"name": "category"}, "topics": []}</script></body></html>'
    result = parse_page(category.encode(), f"{GARDEN}/category/4/gardening", CAPTURED)
    assert (result.kind, result.engine) == ("unsupported", "nodebb")


REAL_PAGES = sorted(REAL_FIXTURES.rglob("*.html")) if REAL_FIXTURES.is_dir() else []
needs_real = pytest.mark.skipif(not REAL_FIXTURES.is_dir(), reason="../shared/fixtures/real is absent")


@needs_real
@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: p.relative_to(REAL_FIXTURES).as_posix())
def test_no_shared_real_page_is_taken_for_nodebb(path):
    doc = Selector(root=build_tree(path.read_text(encoding="utf-8", errors="replace")), type="html")
    assert not nodebb.detect(doc)


REAL_JSON = sorted(p for p in REAL_FIXTURES.rglob("*.json") if not p.name.endswith(".expected.json")) \
    if REAL_FIXTURES.is_dir() else []


@needs_real
@pytest.mark.parametrize("path", REAL_JSON, ids=lambda p: p.relative_to(REAL_FIXTURES).as_posix())
def test_no_shared_real_json_is_taken_for_nodebb(path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        pytest.skip("not JSON")
    assert not (isinstance(data, dict) and nodebb.detect_json(data))


# --- Hostile content ----------------------------------------------------------------------------


def test_quotes_nested_2000_deep_are_read_30_deep_and_the_post_says_so():
    level = '<p>@deep said in <a href="/post/301">Quoting the quoted</a>:</p><blockquote>'
    data = json.loads((API / "page-2" / "index.json").read_text(encoding="utf-8"))
    data["posts"][1]["content"] = level * 2000 + "<p>bottom</p>" + "</blockquote>" * 2000 + "<p>my own words</p>"
    result = parse_page(json.dumps(data).encode(), f"{GARDEN}/api/topic/31/quoting-the-quoted?page=2", CAPTURED,
                        content_type="application/json")
    post = result.posts[1]
    assert (post.post_id, post.author.name, post.text) == ("305", "sorrel", "my own words")
    depth, quotes = 0, post.quotes
    while quotes:
        depth, quotes = depth + 1, quotes[0].quotes
    assert depth == 30 and post.quotes[0].author == "deep"
    assert any("post 305: quotes nested 30 levels deep or more" in error for error in result.errors)
    assert result.posts[0].author.name == "marigold"  # the other post is untouched


def test_twenty_thousand_nested_divs_in_a_post_cost_nothing_else():
    data = json.loads((API / "page-2" / "index.json").read_text(encoding="utf-8"))
    data["posts"][0]["content"] = "<div>" * 20000 + "deep divs" + "</div>" * 20000
    result = parse_page(json.dumps(data).encode(), f"{GARDEN}/api/topic/31/quoting-the-quoted?page=2", CAPTURED,
                        content_type="application/json")
    assert [(p.post_id, p.text) for p in result.posts] == [("304", "deep divs"), ("305", "Turning it weekly works for me.")]
