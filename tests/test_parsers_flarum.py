"""parsers.flarum: forum pages (the flarum-json-payload, else the noscript view) and the JSON:API.

The fixtures in tests/data/flarum_site/ were written by hand from Flarum's templates and
serializers (see its SOURCE.md); every expected value below was read off those files by hand.
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

from parsers import flarum
from parsers.flarum.addresses import DiscussionAddress, mention_target
from parsers.registry import build_tree, parse_page

CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
UTC = timezone.utc
SITE = DATA / "flarum_site"
BASE = "https://forum.example"
TOPIC = f"{BASE}/d/7-garden-shed-roof"
API_TYPE = "application/vnd.api+json"
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())


def body(name: str) -> bytes:
    return (SITE / name).read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE).encode("utf-8")


def page(name: str, url: str):
    return parse_page(body(name), url, CAPTURED)


def api(name: str, url: str, content_type: str | None = API_TYPE):
    return parse_page(body(name), url, CAPTURED, content_type=content_type)


def tree(quotes) -> list:
    """Quotes as (author, post_id, thread_id, citation, text, [nested]) tuples."""
    return [(q.author, q.post_id, q.thread_id, q.citation, q.text, tree(q.quotes)) for q in quotes]


def by_id(result, post_id: str):
    return next(p for p in result.posts if p.post_id == post_id)


@pytest.fixture(scope="module")
def first_page():
    return page("d/7-garden-shed-roof/index.html", TOPIC)


@pytest.fixture(scope="module")
def discussion_answer():
    return api("api/discussions/7.json", f"{BASE}/api/discussions/7")


# --- A 1.x page with its payload ---------------------------------------------------------------


def test_payload_page_thread_fields(first_page):
    assert first_page.kind == "thread_page" and first_page.engine == "flarum"
    thread = first_page.thread
    assert (thread.id, thread.title, thread.url) == ("7", "Garden shed roof leaks", TOPIC)
    assert (thread.forum, thread.tags) == (["Outdoors", "Roofing"], ["diy"])  # primary tags, then the secondary one
    assert (thread.page, thread.page_count, thread.reply_count) == (1, 3, 43)  # 45 post ids; commentCount 44
    assert (thread.starter.name, thread.starter.id, thread.starter.url) == ("birch", "11", f"{BASE}/u/birch")
    assert thread.started_at == datetime(2024, 4, 1, 11, 0, tzinfo=UTC)
    assert first_page.canonical_url == TOPIC
    assert first_page.next_page_url == f"{TOPIC}?page=2"
    assert first_page.follow_urls == []


def test_payload_page_posts_are_the_comments_by_number(first_page):
    # Post 4 (id 7004) is the "discussionRenamed" event: a notice, not a post.
    numbers = [1, 2, 3, *range(5, 21)]
    assert [p.post_id for p in first_page.posts] == [str(7000 + n) for n in numbers]
    assert [p.position for p in first_page.posts] == numbers
    assert [p.position_on_page for p in first_page.posts] == list(range(1, 20))
    assert first_page.posts[0].url == f"{TOPIC}/1"


def test_authors_dates_and_edits(first_page):
    opening, reply, agreed = (by_id(first_page, i) for i in ("7001", "7002", "7003"))
    assert (opening.author.name, opening.author.id, opening.author.url) == ("birch", "11", f"{BASE}/u/birch")
    assert opening.published_at == datetime(2024, 4, 1, 11, 0, tzinfo=UTC)
    assert (opening.edited_at, opening.edited_by) == (None, None)
    assert reply.published_at == datetime(2024, 4, 1, 12, 0, tzinfo=UTC)
    assert (reply.edited_at, reply.edited_by) == (datetime(2024, 4, 1, 12, 30, tzinfo=UTC), "maple")
    assert (agreed.edited_at, agreed.edited_by) == (datetime(2024, 4, 2, 9, 0, tzinfo=UTC), "admin")  # a moderator


def test_post_of_a_deleted_account_is_kept_and_reported(first_page):
    orphan = by_id(first_page, "7008")
    assert (orphan.author.name, orphan.author.id, orphan.author.url) == (None, None, None)
    assert orphan.text == "Old account post."
    assert "post 7008: no author (a deleted account)" in first_page.errors


def test_hidden_post_is_kept_as_served_and_reported(first_page):
    hidden = by_id(first_page, "7006")
    assert (hidden.author.name, hidden.text) == ("spammer_joe", "Cheap roofing at spam.example")
    assert "post 7006: hidden by admin at 2024-04-02T10:00:00+00:00; kept as served" in first_page.errors


def test_likes_and_reactions(first_page):
    assert by_id(first_page, "7001").reactions == {"Like": 2}  # the likes relationship lists two users
    assert by_id(first_page, "7002").reactions == {"Like": 3}  # likesCount 3 beats the one user listed
    # fof/reactions: ids 1 and 2 are named in the payload's resources (thumbsup, heart: 0, left out); 3 is not.
    assert by_id(first_page, "7005").reactions == {"thumbsup": 2, "reaction 3": 1}
    assert by_id(first_page, "7010").reactions == {}


def test_reply_mention_is_a_quote_without_words(first_page):
    reply = by_id(first_page, "7002")
    assert tree(reply.quotes) == [("Birch Tree", "7001", "7", "Birch Tree", "", [])]
    assert reply.quotes[0].published_at == datetime(2024, 4, 1, 11, 0, tzinfo=UTC)  # post 7001 is on this page
    assert reply.quotes[0].author_id == "11"
    # The mention names stay in the words as a reader sees them; a user mention is no shared link.
    assert reply.text == "Birch Tree Try a new ridge cap first. @Willow W. did that last year."
    assert reply.links == []


def test_markdown_quotes_nest_and_stay_out_of_the_text(first_page):
    post = by_id(first_page, "7005")
    assert tree(post.quotes) == [
        ("Oak Leaf", "7003", "7", "Oak Leaf", "Ridge caps are cheap, agreed.", [
            ("Maple", "7002", "7", "Maple", "Try a new ridge cap first.", []),
        ]),
    ]
    assert post.quotes[0].published_at == datetime(2024, 4, 1, 13, 0, tzinfo=UTC)
    assert post.quotes[0].quotes[0].published_at == datetime(2024, 4, 1, 12, 0, tzinfo=UTC)
    assert post.text == "I used butyl tape under mine."
    assert "<blockquote>" in post.html and "<strong>butyl tape</strong>" in post.html


def test_bbcode_quotes_cited_and_uncited(first_page):
    post = by_id(first_page, "7007")
    assert tree(post.quotes) == [
        ("birch", None, None, "birch wrote:", "The roof of my shed leaks at the ridge.", []),
        (None, None, None, None, "Measure twice.", []),
    ]
    assert post.text == "Mine too, every spring."


def test_links_pictures_emoji_and_a_mention_of_another_discussion(first_page):
    opening = by_id(first_page, "7001")
    assert [(link.url, link.text) for link in opening.links] == [("https://example.org/shed-guide", "this guide")]
    assert [(image.url, image.text) for image in opening.images] == [("https://img.example.org/ridge.jpg", "ridge")]
    other = by_id(first_page, "7009")
    assert [(link.url, link.text) for link in other.links] == [("https://example.org/flashing", "flashing tips")]
    assert other.images == []  # the twemoji smiley
    assert tree(other.quotes) == [("Oak Leaf", "312", "3", "Oak Leaf", "", [])]
    assert other.quotes[0].published_at is None


def test_second_and_last_payload_pages():
    second = page("d/7-garden-shed-roof/page-2/index.html", f"{TOPIC}?page=2")
    assert [p.post_id for p in second.posts] == [str(7000 + n) for n in range(21, 41)]
    assert [p.position for p in second.posts] == list(range(21, 41))
    assert (second.thread.page, second.thread.page_count) == (2, 3)
    assert (second.canonical_url, second.next_page_url) == (f"{TOPIC}?page=2", f"{TOPIC}?page=3")
    assert second.thread.starter.name == "birch"  # the discussion's user, from the payload
    across = by_id(second, "7040")
    assert tree(across.quotes) == [("Maple", "7002", "7", "Maple", "Try a new ridge cap first.", [])]
    assert across.quotes[0].published_at is None  # post 7002 is on page 1
    assert (across.author.name, across.text) == ("willow", "Shed note 40 from willow.")
    last = page("d/7-garden-shed-roof/page-3/index.html", f"{TOPIC}?page=3")
    assert [p.post_id for p in last.posts] == ["7041", "7042", "7043", "7044", "7045"]
    assert [p.author.name for p in last.posts] == ["maple", "oak_leaf", "willow", "birch", "maple"]
    assert (last.thread.page, last.thread.page_count, last.next_page_url) == (3, 3, None)


# --- The JSON:API ------------------------------------------------------------------------------


def test_discussion_answer_holds_the_first_twenty_and_points_to_the_rest(discussion_answer, first_page):
    assert discussion_answer.kind == "thread_page" and discussion_answer.engine == "flarum"
    assert [p.to_dict() for p in discussion_answer.posts if p.post_id != "7005"] == \
           [p.to_dict() for p in first_page.posts if p.post_id != "7005"]
    assert discussion_answer.next_page_url == \
        f"{BASE}/api/posts?filter%5Bdiscussion%5D=7&sort=number&page%5Boffset%5D=20"
    thread = discussion_answer.thread
    assert (thread.id, thread.url, thread.page, thread.page_count, thread.reply_count) == ("7", TOPIC, 1, 3, 43)
    assert (thread.forum, thread.tags) == (["Outdoors", "Roofing"], ["diy"])


def test_reactions_without_the_forum_resources_are_named_by_id(discussion_answer):
    assert by_id(discussion_answer, "7005").reactions == {"reaction 1": 2, "reaction 3": 1}


def test_posts_answers_follow_links_next():
    url = f"{BASE}/api/posts?filter%5Bdiscussion%5D=7&sort=number&page%5Boffset%5D=20"
    middle = api("api/posts/7/offset-20.json", url)
    assert [p.post_id for p in middle.posts] == [str(7000 + n) for n in range(21, 41)]
    assert [p.position_on_page for p in middle.posts][:3] == [1, 2, 3]
    assert (middle.thread.id, middle.thread.title, middle.thread.url) == ("7", "Garden shed roof leaks", TOPIC)
    assert (middle.thread.page, middle.thread.page_count) == (2, 3)
    assert middle.next_page_url == f"{BASE}/api/posts?filter%5Bdiscussion%5D=7&sort=number&page%5Boffset%5D=40"
    assert by_id(middle, "7021").author.name == "maple" and by_id(middle, "7021").text == "Shed note 21 from maple."
    last = api("api/posts/7/offset-40.json", url.replace("=20", "=40"))
    assert [p.post_id for p in last.posts] == ["7041", "7042", "7043", "7044", "7045"]
    assert (last.thread.page, last.thread.page_count, last.next_page_url) == (3, 3, None)


@pytest.mark.parametrize("content_type", [API_TYPE, "application/json", None])
def test_api_answers_are_recognised_by_their_resources(content_type):
    result = api("api/discussions/7.json", f"{BASE}/api/discussions/7", content_type)
    assert (result.kind, result.engine, len(result.posts)) == ("thread_page", "flarum", 19)


def test_detect_json_wants_flarum_resources():
    assert flarum.detect_json(json.loads(body("api/discussions/7.json")))
    assert flarum.detect_json(json.loads(body("api/posts/7/offset-40.json")))
    assert flarum.detect_json({"data": {"type": "posts", "id": "1", "attributes": {"contentType": "comment"}}})
    assert not flarum.detect_json({"data": [{"type": "users", "id": "1", "attributes": {}}]})
    assert not flarum.detect_json({"data": {"type": "discussions", "id": "1"}})  # no attributes
    assert not flarum.detect_json({"post_stream": {"posts": []}})  # Discourse
    assert not flarum.detect_json({"errors": [{"status": "404", "code": "not_found"}]})
    for path in sorted((DATA / "discourse_site").rglob("*.json")) + sorted((DATA / "discourse").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert not (isinstance(data, dict) and flarum.detect_json(data)), path


# --- Without a payload: the noscript view ------------------------------------------------------


def test_noscript_view_of_a_1x_page_without_its_payload():
    result = page("noscript/compost_page2_no_payload.html", f"{BASE}/d/3-compost-bins?page=2")
    assert (result.kind, result.engine) == ("thread_page", "flarum")
    assert [p.post_id for p in result.posts] == ["3/21", "3/22", "3/23"]
    assert [p.position for p in result.posts] == [21, 22, 23]
    assert [p.author.name for p in result.posts] == ["Oak Leaf", "Willow W.", None]  # "[deleted]"
    assert all(p.published_at is None and p.author.url is None for p in result.posts)
    thread = result.thread
    assert (thread.id, thread.title, thread.url, thread.page, thread.page_count) == (
        "3", "Compost bins", f"{BASE}/d/3-compost-bins", 2, 3)
    assert result.next_page_url == f"{BASE}/d/3-compost-bins?page=3"
    assert result.canonical_url == f"{BASE}/d/3-compost-bins?page=2"
    nested = result.posts[1]
    assert tree(nested.quotes) == [
        ("Oak Leaf", "312", "3", "Oak Leaf", "Turn the heap every week", [
            ("Birch Tree", "295", "3", "Birch Tree", "Mine smells of ammonia.", []),
        ]),
    ]
    assert nested.text == "Add brown material too: a list."
    assert [(link.url, link.text) for link in nested.links] == [("https://example.org/browns", "a list")]
    assert tree(result.posts[2].quotes) == [
        ("Willow W.", None, None, "Willow W. wrote:", "Add brown material too", [])]
    assert "post 3/23: no author (a deleted account)" in result.errors
    assert any(e.startswith("no flarum-json-payload on this page") for e in result.errors)


def test_noscript_view_never_gives_a_post_the_name_of_the_next_one_in_broken_markup():
    """A stray ``</div>`` (the first post lost its ``div.PostUser`` start tag) puts two posts' bodies
    under one parent: each post takes only the name just before its own body, so the first has none
    (said in the errors), never the second poster's (the fuzzer found it)."""
    result = page("noscript/stray_div_end_two_bodies_one_parent.html", f"{BASE}/d/5-seed-trays")
    assert [p.post_id for p in result.posts] == ["5/1", "5/2", "5/3"]
    assert [p.author.name for p in result.posts] == [None, "Rowan Field", "Elm Grove"]
    assert [p.text for p in result.posts] == ["Soak the trays overnight before sowing.",
                                              "Mine dry out by noon on the windowsill.",
                                              "Cover them with cling film until they sprout."]
    assert "post 5/1: no author name" in result.errors


BETA_URL = f"{BASE}/d/12-garden-tools"


def test_beta_page_reads_its_inline_payload_and_beta_attribute_names():
    result = page("noscript/beta_garden_tools.html", BETA_URL)
    assert [p.post_id for p in result.posts] == ["121", "122", "123"]
    thread = result.thread
    assert (thread.id, thread.title, thread.url, thread.reply_count) == ("12", "Garden tools", BETA_URL, 2)
    assert (thread.starter.name, thread.started_at) == ("rake", datetime(2017, 5, 2, 8, 0, tzinfo=UTC))
    first, answer, hidden = result.posts
    assert (first.published_at, first.reactions) == (datetime(2017, 5, 2, 8, 0, tzinfo=UTC), {"Like": 1})
    assert (answer.edited_at, answer.edited_by) == (datetime(2017, 5, 2, 9, 20, tzinfo=UTC), "spade")
    assert tree(answer.quotes) == [("rake", "121", "12", "rake", "", [])]  # a beta mention: @rake#121
    assert answer.quotes[0].published_at == datetime(2017, 5, 2, 8, 0, tzinfo=UTC)
    assert hidden.text == "Off-topic link."
    assert "post 123: hidden by admin at 2017-05-03T10:00:00+00:00; kept as served" in result.errors
    assert result.next_page_url is None and thread.page_count == 1


def test_beta_noscript_view_names_usernames_with_their_profiles():
    stripped = re.sub(rb"flarum\.core\.app\.load\(\{.*?\}\);", b"", body("noscript/beta_garden_tools.html"), flags=re.S)
    result = parse_page(stripped, BETA_URL, CAPTURED)
    assert [(p.post_id, p.author.name, p.author.url) for p in result.posts] == [
        ("12/1", "rake", f"{BASE}/u/rake"), ("12/2", "spade", f"{BASE}/u/spade"), ("12/3", "rake", f"{BASE}/u/rake")]
    assert (result.thread.title, result.thread.starter.name) == ("Garden tools", "rake")
    assert result.posts[1].text == "rake A stirrup hoe."


def test_flarum_page_without_a_discussion_is_unsupported():
    index = (b'<!doctype html><html><head><title>Shed Talk</title></head><body><div id="flarum-loading"'
             b' style="display: none">Loading...</div><noscript id="flarum-content"><div class="container">'
             b'<h2>All Discussions</h2><ul><li><a href="https://forum.example/d/7-garden-shed-roof">Garden shed'
             b' roof leaks</a></li></ul></div></noscript><script id="flarum-json-payload" type="application/json">'
             b'{"apiDocument":{"data":[{"type":"discussions","id":"7","attributes":{"title":"Garden shed roof leaks"}}]}}'
             b'</script></body></html>')
    result = parse_page(index, f"{BASE}/", CAPTURED)
    assert (result.kind, result.engine) == ("unsupported", "flarum")
    assert "shows no discussion" in result.reason


# --- Addresses, contract, detection ----------------------------------------------------------


@pytest.mark.parametrize("url, parts", [
    ("https://forum.example/d/7-garden-shed-roof", ("https://forum.example", "7", "garden-shed-roof", None, 0)),
    ("https://forum.example/d/7-garden-shed-roof?page=2", ("https://forum.example", "7", "garden-shed-roof", 2, 0)),
    ("https://forum.example/d/7/12", ("https://forum.example", "7", None, None, 0)),
    ("https://example.com/forum/d/7-x", ("https://example.com/forum", "7", "x", None, 0)),
    ("https://forum.example/api/discussions/7", ("https://forum.example", "7", None, None, 0)),
    ("https://forum.example/api/posts?filter%5Bdiscussion%5D=7&page%5Boffset%5D=40",
     ("https://forum.example", "7", None, None, 40)),
    ("https://forum.example/api/posts?filter[discussion]=7&page[offset]=20",
     ("https://forum.example", "7", None, None, 20)),
])
def test_discussion_addresses(url, parts):
    address = DiscussionAddress(url)
    assert (address.base, address.discussion_id, address.slug, address.page, address.offset) == parts


def test_mention_targets():
    assert mention_target("https://forum.example/d/7-garden-shed-roof/2") == ("7", 2)
    assert mention_target("https://forum.example/d/12/1") == ("12", 1)
    assert mention_target("https://forum.example/u/willow") == (None, None)


@pytest.mark.parametrize("name, url, content_type", [
    ("d/7-garden-shed-roof/index.html", TOPIC, None),
    ("d/7-garden-shed-roof/page-2/index.html", f"{TOPIC}?page=2", None),
    ("d/7-garden-shed-roof/page-3/index.html", f"{TOPIC}?page=3", None),
    ("api/discussions/7.json", f"{BASE}/api/discussions/7", API_TYPE),
    ("api/posts/7/offset-20.json", f"{BASE}/api/posts?filter%5Bdiscussion%5D=7&page%5Boffset%5D=20", API_TYPE),
    ("noscript/compost_page2_no_payload.html", f"{BASE}/d/3-compost-bins?page=2", None),
    ("noscript/beta_garden_tools.html", BETA_URL, None),
])
def test_results_validate_against_the_contract_schema(name, url, content_type):
    result = parse_page(body(name), url, CAPTURED, content_type=content_type).to_dict()
    jsonschema.validate(result, SCHEMA)
    assert result["kind"] == "thread_page" and result["posts"]


FLARUM_PAGES = sorted(SITE.rglob("*.html"))
FIELD = DATA / "field_flarum"  # Flarum pages written after real boards' markup (tests/test_parsers_field_*.py)
NEWEST = DATA / "field_newest"  # each engine's newest release, Flarum's named "flarum_*" (test_parsers_newest_versions.py)
OTHER_PAGES = sorted(p for p in DATA.rglob("*.html") if p.is_file() and SITE not in p.parents and FIELD not in p.parents
                     and not (p.parent == NEWEST and p.name.startswith("flarum_")))
REAL_PAGES = sorted(p for p in REAL_FIXTURES.rglob("*.html") if p.is_file()) if REAL_FIXTURES.is_dir() else []


@pytest.mark.parametrize("path", FLARUM_PAGES, ids=lambda p: p.relative_to(SITE).as_posix())
def test_flarum_pages_are_detected(path):
    doc = Selector(root=build_tree(path.read_text(encoding="utf-8")), type="html")
    assert flarum.detect(doc)


@pytest.mark.parametrize("path", OTHER_PAGES + REAL_PAGES, ids=lambda p: p.name)
def test_no_other_page_is_taken_for_flarum(path):
    doc = Selector(root=build_tree(path.read_text(encoding="utf-8", errors="replace")), type="html")
    assert not flarum.detect(doc)
