"""parsers.discourse: the crawler view (three generations of markup), the topic JSON and posts.json.

Hand-written pages and JSON live in tests/data/discourse/; each expected value below was read off
the fixture by hand. The real saved pages in ../shared/fixtures/real/discourse/ are checked
against facts counted by hand in their markup (the JSON files have no ground truth file).
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import DATA, REAL_FIXTURES
from lxml import etree
from parsel import Selector

from parsers import discourse
from parsers.registry import build_tree, parse_page

CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
UTC = timezone.utc
HERE = DATA / "discourse"
REAL = REAL_FIXTURES / "discourse"
JSON_TYPE = "application/json; charset=utf-8"


def page(name: str, url: str, captured: datetime = CAPTURED):
    return parse_page((HERE / name).read_bytes(), url, captured)


def api(name: str, url: str, content_type: str | None = JSON_TYPE, folder=HERE):
    return parse_page((folder / name).read_bytes(), url, CAPTURED, content_type=content_type)


def tree(quotes) -> list:
    """Quotes as (author, post_id, thread_id, citation, text, [nested]) tuples."""
    return [(q.author, q.post_id, q.thread_id, q.citation, q.text, tree(q.quotes)) for q in quotes]


def ids_of(url: str) -> list[int]:
    return [int(i) for i in parse_qs(urlsplit(url).query)["post_ids[]"]]


# --- Crawler view, 2023 and later: #post_N, page 2 ------------------------------------------


@pytest.fixture(scope="module")
def modern():
    return page("crawler_2023_page2.html", "https://talk.example/t/rain-barrel-overflow/4321?page=2")


def test_modern_thread_fields(modern):
    assert modern.kind == "thread_page" and modern.engine == "discourse"
    thread = modern.thread
    assert (thread.id, thread.title, thread.url) == ("4321", "Rain barrel overflow",
                                                     "https://talk.example/t/rain-barrel-overflow/4321")
    assert thread.forum == ["Outdoors", "Water"]
    assert thread.tags == ["rain", "diy"]  # not "plumbing" from the related topics
    assert (thread.page, thread.page_count) == (2, 3)
    assert thread.starter is None  # the opening post is on page 1
    assert thread.started_at == datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    assert modern.canonical_url == "https://talk.example/t/rain-barrel-overflow/4321?page=2"
    assert modern.next_page_url == "https://talk.example/t/rain-barrel-overflow/4321?page=3"
    assert modern.follow_urls == []


def test_modern_posts_are_numbered_by_their_post_number(modern):
    assert [p.post_id for p in modern.posts] == ["4321/21", "4321/22", "4321/23"]  # the navigation div is no post
    assert [(p.position, p.position_on_page) for p in modern.posts] == [(21, 1), (22, 2), (23, 3)]
    assert modern.posts[0].url == "https://talk.example/t/rain-barrel-overflow/4321/21"


def test_modern_author_time_edit_and_likes(modern):
    post = modern.posts[0]
    assert (post.author.name, post.author.id, post.author.url) == ("fern_gully", None, "https://talk.example/u/fern_gully")
    assert post.published_at == datetime(2024, 3, 5, 10, 15, tzinfo=UTC)
    assert post.edited_at == datetime(2024, 3, 5, 11, 0, tzinfo=UTC)  # dateModified differs from datePublished
    assert post.edited_by is None
    assert post.reactions == {"Like": 3}
    unedited = modern.posts[1]
    assert unedited.edited_at is None and unedited.reactions == {}


def test_modern_quotes_nest_three_deep_and_stay_out_of_the_text(modern):
    post = modern.posts[0]
    assert post.text == "Yes, fit the diverter before the barrel.\n\nAnd brass fittings, as @willow says."
    assert tree(post.quotes) == [
        ("moss_man", "4321/20", "4321", "moss_man:", "Is that still true with a diverter?", [
            ("old_oak", "4321/3", "4321", "old_oak:", "My grandfather always said that.", [
                (None, None, None, None, "Gutters first, barrels second.", []),
            ]),
        ]),
        ("willow", "999/7", "999", "willow:Hose fittings", "Brass lasts longer than plastic.", []),
    ]
    assert "<blockquote>" in post.html and "Gutters first" in post.html
    assert post.links == [] and post.images == []  # a mention and a smiley only


def test_a_quote_from_another_topic_naming_nobody_takes_the_avatars_username():
    """A quote of a post in another topic as Discourse 2.5 printed it (forum.glamour.de): no
    ``data-username``, the title the avatar and the topic's link, no "name:". The avatar's address
    (``/user_avatar/<host>/<username>/...``) names the member (before: no author)."""
    markup = (HERE / "crawler_2023_page2.html").read_text(encoding="utf-8")
    quoted = '<aside class="quote" data-username="willow" data-post="7" data-topic="999">'
    named = ' willow:<a href="/t/hose-fittings/999/7">'
    assert quoted in markup and named in markup
    changed = markup.replace(quoted, '<aside class="quote" data-post="7" data-topic="999">').replace(
        named, ' <a href="/t/hose-fittings/999/7">')
    result = parse_page(changed.encode(), "https://talk.example/t/rain-barrel-overflow/4321?page=2", CAPTURED)
    quote = result.posts[0].quotes[1]
    assert (quote.author, quote.post_id, quote.text) == ("willow", "999/7", "Brass lasts longer than plastic.")


def test_modern_onebox_lightbox_and_attachment(modern):
    post = modern.posts[1]
    assert post.text == "Here is the kit I used, see the shop page:\n\nmanual.pdf (1.2 MB)"
    assert [(l.url, l.text) for l in post.links] == [
        ("https://shop.example/diverter", "the shop page"),
        ("https://news.example/rain-barrels", "Rain barrels save water"),
    ]
    assert [(i.url, i.text) for i in post.images] == [("https://talk.example/uploads/default/original/1X/barrel.jpeg", "barrel")]
    assert [(a.url, a.text) for a in post.attachments] == [
        ("https://talk.example/uploads/default/original/1X/manual.pdf", "manual.pdf")]
    assert "1600×1200" not in post.html  # the lightbox's file-size line is chrome


def test_post_without_author_is_kept_and_reported(modern):
    post = modern.posts[2]
    assert post.author.name is None and post.published_at == datetime(2024, 3, 7, 7, 0, tzinfo=UTC)
    assert modern.errors == ["post 4321/23: no author name found"]


# --- Crawler view, 2019-2022 and before 2019 ------------------------------------------------


# The 30 tags a fuzzed copy of crawler_2019.html had lost (bench/fuzz_parsers.py --seed 13, "delete 30 tags"):
# byte ranges of the file. Among them post 1's author span and post 2's start tags, so that post 2's
# author span stood after post 1's words in post 1's block.
DELETED_TAGS = [(35, 41), (46, 68), (725, 807), (822, 888), (951, 979), (983, 990), (1107, 1113), (1416, 1422),
                (1433, 1519), (1823, 1904), (1945, 2006), (2574, 2581), (2590, 2596), (2603, 2609), (2617, 2716),
                (2996, 3029), (3042, 3123), (3238, 3264), (3266, 3273), (3315, 3356), (3483, 3588), (3609, 3621),
                (3817, 3823), (3998, 4071), (4199, 4205), (4221, 4252), (4297, 4333), (4392, 4401), (4404, 4411),
                (4412, 4419)]


def test_an_author_after_the_posts_words_is_another_posts():
    """Every crawler-view template names the poster before the post's words: an author span after
    them, in a block whose tags were lost, is the next post's, never this post's poster."""
    original = (DATA / "discourse" / "crawler_2019.html").read_bytes()
    kept, start = [], 0
    for begin, end in DELETED_TAGS:
        assert original[begin:begin + 1] == b"<" and original[end - 1:end] == b">"
        kept.append(original[start:begin])
        start = end
    result = parse_page(b"".join(kept) + original[start:], "https://old.example/t/compost-smells/55", CAPTURED)
    assert [(post.post_id, post.author.name) for post in result.posts] == [("55/1", None)]
    assert "post 55/1: no author name found" in result.errors

def test_2019_markup_posts_without_ids():
    result = page("crawler_2019.html", "https://old.example/t/compost-smells/55")
    thread = result.thread
    assert (thread.id, thread.title, thread.forum, thread.tags) == ("55", "Compost smells", ["Soil"], [])
    assert (thread.page, thread.page_count, result.next_page_url) == (1, 1, None)
    assert (thread.starter.name, thread.started_at) == ("compost_carl", datetime(2020, 6, 1, 12, 0, tzinfo=UTC))
    first, second = result.posts
    assert (first.post_id, first.position, first.author.name) == ("55/1", 1, "compost_carl")  # "#1"
    assert first.edited_at == datetime(2020, 6, 2, 9, 30, tzinfo=UTC)
    assert first.reactions == {"Like": 2}
    assert (second.post_id, second.author.name, second.reactions) == ("55/2", "worm_wendy", {})
    assert second.text == "Probably. Add brown material:\n\nShredded cardboard works."
    # A quote without data-username takes its author from the citation; it quotes post 1 of
    # this page, so it gets that post's id and time. The Markdown quote has no author.
    assert [(q.author, q.post_id, q.published_at, q.text) for q in second.quotes] == [
        ("compost_carl", "55/1", datetime(2020, 6, 1, 12, 0, tzinfo=UTC), "Too much grass?"),
        (None, None, None, "Two parts browns to one part greens."),
    ]
    assert result.errors == []


def test_2023_copy_without_printed_numbers_reads_every_post():
    """A board's copy (HTTrack, 2023) whose crawler-view headers print no span[itemprop=position]:
    a numbered template's page where no post shows its number does not print them, and each
    post's number is its block's id. Every post was read as a torn block: no author, no time."""
    result = page("crawler_2023_copy_without_numbers.html", "https://orchard.example/t/topic/880/2",
                  datetime(2023, 9, 17, tzinfo=UTC))
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.reactions) for p in result.posts] == [
        ("880/1", 1, "orchard_ida", datetime(2021, 9, 5, 8, 12, 40, tzinfo=UTC), {"Like": 4}),
        ("880/2", 2, "grafter_bo", datetime(2021, 9, 5, 10, 47, 3, tzinfo=UTC), {"Like": 1}),
        ("880/3", 3, "orchard_ida", datetime(2021, 9, 6, 19, 30, tzinfo=UTC), {})]
    second = result.posts[1]
    assert second.text == "Pixy keeps it under three metres; St Julien A gives you a tree twice that."
    assert [(q.author, q.post_id, q.text) for q in second.quotes] == [("orchard_ida", "880/1", "Which rootstock")]
    assert result.errors == []


def test_crawler_view_small_action_notices_are_not_posts():
    """A moderator's small actions ("Unlisted", "Listed" after the name, an empty body) were read as
    empty posts by the moderator, the action lost; the JSON view leaves them out, and so does this
    one (their numbers are no unread posts either)."""
    result = page("crawler_2022_small_action_notices.html", "https://marsh.example/t/launch-moved-to-thursday/63")
    assert [(p.post_id, p.position, p.author.name) for p in result.posts] == [
        ("63/1", 1, "reed_warden"), ("63/4", 4, "marsh_owl")]
    assert result.posts[1].text == "Thursday works for us, we will bring the spare rope."
    assert result.errors == []


def test_2017_markup_bold_author_and_interaction_count():
    result = page("crawler_2017.html", "https://older.example/t/seed-swap/12")
    thread = result.thread
    assert (thread.id, thread.title, thread.url) == ("12", "Seed swap", "https://older.example/t/seed-swap/12")
    assert thread.forum == ["Community", "Swaps"] and thread.tags == ["seeds"]
    assert (thread.page, thread.page_count) == (1, 2)
    assert result.next_page_url == "https://older.example/t/seed-swap/12?page=2"
    first, second = result.posts
    assert (first.author.name, first.author.url) == ("seedy_sue", "https://older.example/u/seedy_sue")
    assert (first.position, first.reactions, first.text) == (1, {"Like": 4}, "Anyone have spare tomato seeds?")
    assert second.author.name == "bean_bob"
    assert second.published_at == datetime(2017, 4, 2, 11, 45, tzinfo=UTC)  # +02:00 read as UTC
    assert second.reactions == {}
    assert result.errors == []


def test_question_and_answer_topic_with_printed_dates():
    result = page("crawler_qa.html", "https://q.example/t/wireframe-glow/3030", datetime(2021, 6, 1, tzinfo=UTC))
    assert [(p.post_id, p.author.name) for p in result.posts] == [
        ("3030/1", "Garry_A"), ("3030/2", "mia"), ("3030/3", "Garry_A")]
    # Posts 1 and 3 only print their date ("March 15, 2021, 4:54pm"); post 2 has <time datetime>.
    assert [p.published_at for p in result.posts] == [
        datetime(2021, 3, 15, 16, 54, tzinfo=UTC), datetime(2021, 3, 16, 8, 0, tzinfo=UTC),
        datetime(2021, 3, 17, 9, 30, tzinfo=UTC)]
    assert result.thread.forum == ["Questions"] and result.thread.starter.name == "Garry_A"
    assert result.errors == []


# --- Pages that are not topics --------------------------------------------------------------


def test_not_found_page_is_blocked():
    result = page("not_found.html", "https://talk.example/t/secret/1")
    assert (result.kind, result.engine) == ("blocked", "discourse")
    assert result.reason == "error page: Oops! That page doesn’t exist or is private."


def test_login_wall_is_blocked():
    result = page("login_required.html", "https://private.example/login")
    assert result.kind == "blocked" and result.reason.startswith("login required")


def test_category_list_is_unsupported():
    result = page("category_list.html", "https://talk.example/c/outdoors/water/9")
    assert (result.kind, result.engine) == ("unsupported", "discourse")
    assert result.posts == []


# --- JSON: topic ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def topic():
    return api("topic_4400.json", "https://seeds.example/t/seed-library-rules/4400.json")


def test_topic_json_thread(topic):
    assert (topic.kind, topic.engine) == ("thread_page", "discourse")
    thread = topic.thread
    assert (thread.id, thread.title, thread.url) == ("4400", "Seed library rules",
                                                     "https://seeds.example/t/seed-library-rules/4400")
    assert thread.tags == ["seeds", "library"]  # tag objects, newer versions
    assert (thread.starter.name, thread.starter.id, thread.starter.url) == ("librarian", "10",
                                                                            "https://seeds.example/u/librarian")
    assert thread.started_at == datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    assert (thread.page, thread.page_count) == (1, 3)  # 47 ids in the stream, 20 a page
    assert topic.next_page_url is None and topic.errors == []


def test_topic_json_asks_for_the_rest_of_the_stream_in_batches_of_twenty(topic):
    assert len(topic.follow_urls) == 3  # 47 ids, 4 held (one a notice): 43 to fetch
    assert all(u.startswith("https://seeds.example/t/4400/posts.json?post_ids[]=") for u in topic.follow_urls)
    batches = [ids_of(u) for u in topic.follow_urls]
    assert batches == [list(range(44010, 44030)), list(range(44030, 44050)), [44050, 44051, 44052]]


def test_small_action_notice_is_not_a_post(topic):
    assert [p.post_id for p in topic.posts] == ["44001", "44005", "44007"]  # 44002 "pinned" left out
    assert [(p.position, p.position_on_page) for p in topic.posts] == [(1, 1), (3, 2), (5, 3)]


def test_json_post_fields(topic):
    first = topic.posts[0]
    assert (first.author.name, first.author.id, first.author.url) == ("librarian", "10", "https://seeds.example/u/librarian")
    assert first.url == "https://seeds.example/t/seed-library-rules/4400/1"
    assert first.published_at == datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    assert first.edited_at == datetime(2024, 5, 1, 10, 30, tzinfo=UTC)  # version 3
    assert first.reactions == {"Like": 4}
    assert first.text == "Borrow seeds, grow them, return seeds.\n\nRules are on the old topic."
    assert [(l.url, l.text) for l in first.links] == [("https://seeds.example/t/library-rules-archive/4100", "the old topic")]


def test_json_version_one_is_not_an_edit_and_reactions_hold_the_likes(topic):
    post = topic.posts[1]
    assert post.edited_at is None  # updated_at moved, but the post has one version
    # discourse-reactions' list holds the 2 likes as "heart": actions_summary's 2 are the same people
    assert post.reactions == {"heart": 2, "laughing": 1}  # flags and zero counts left out


def test_wiki_edit_time_and_post_without_post_url(topic):
    wiki = topic.posts[2]
    assert wiki.edited_at == datetime(2024, 5, 4, 12, 0, tzinfo=UTC)  # last_wiki_edit, not updated_at
    assert wiki.url == "https://seeds.example/t/seed-library-rules/4400/5"
    assert wiki.author.name == "gardener_gus"  # an empty display name does not matter
    assert [(l.url, l.text) for l in wiki.links] == [("https://seeds.example/t/opening-hours/4500", "opening hours")]
    assert [(i.url, i.text) for i in wiki.images] == [("https://seeds.example/uploads/default/original/1X/shelf.png", "shelf")]


def test_json_cooked_quotes_nest_and_resolve_post_numbers(topic):
    post = topic.posts[1]
    assert post.text == "Do we have to return the same variety?\n\nThat is what the sign at the door says."
    assert tree(post.quotes) == [
        ("librarian", "44001", "4400", "librarian:", "Borrow seeds, grow them, return seeds.", [
            ("sprout", "4300/9", "4300", "sprout:Seed swap 2023", "We lost track of the beans last year.", [
                (None, None, None, None, "Label every packet.", []),
            ]),
        ]),
        (None, None, None, None, "Seeds are a gift, not a loan.", []),
    ]
    # Post 1 is on this page: the quote gets its time.
    assert post.quotes[0].published_at == datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    assert post.quotes[0].quotes[0].published_at is None


# --- JSON: posts.json, errors, detection ----------------------------------------------------


def test_posts_json_answer_has_posts_and_nothing_to_follow():
    result = api("posts_4400.json", "https://seeds.example/t/4400/posts.json?post_ids[]=44030&post_ids[]=44031")
    assert result.kind == "thread_page" and result.follow_urls == []
    assert (result.thread.id, result.thread.url) == ("4400", "https://seeds.example/t/seed-library-rules/4400")
    assert result.thread.title is None  # posts.json does not carry the title
    assert (result.thread.page, result.thread.page_count) == (2, 3)  # from post number 24 and posts_count 47
    assert [(p.post_id, p.position, p.author.name) for p in result.posts] == [("44030", 24, "sprout"), ("44031", 25, "pea_pod")]
    first, second = result.posts
    assert [(q.author, q.post_id) for q in first.quotes] == [("librarian", "4400/1")]  # post 1 is not here
    assert [(q.author, q.post_id) for q in second.quotes] == [("sprout", "44030")]


def test_json_is_recognised_without_a_content_type():
    result = api("posts_4400.json", "https://seeds.example/t/4400/posts.json", content_type=None)
    assert result.engine == "discourse" and len(result.posts) == 2


def test_error_answer_is_blocked():
    result = api("error_not_found.json", "https://seeds.example/t/9.json")
    assert (result.kind, result.engine) == ("blocked", "discourse")
    assert result.reason == "Discourse error (not_found): The requested URL or resource could not be found."


def test_detect_json_wants_a_post_stream_or_a_discourse_error():
    assert discourse.detect_json({"post_stream": {"posts": []}})
    assert discourse.detect_json({"errors": ["x"], "error_type": "invalid_access"})
    assert not discourse.detect_json({"posts": []})
    assert not discourse.detect_json({"errors": ["x"]})


@pytest.mark.parametrize("url, parts", [
    ("https://f.example/t/some-slug/77", ("https://f.example", "some-slug", "77", None)),
    ("https://f.example/t/some-slug/77/12", ("https://f.example", "some-slug", "77", 12)),
    ("https://f.example/t/77.json", ("https://f.example", None, "77", None)),
    ("https://f.example/t/77/452.json", ("https://f.example", None, "77", 452)),
    ("https://f.example/t/77/posts.json?post_ids[]=1", ("https://f.example", None, "77", None)),
    ("https://f.example/forum/t/some-slug/77.json?page=2", ("https://f.example/forum", "some-slug", "77", None)),
    ("https://f.example/c/general/4", ("https://f.example", None, None, None)),
])
def test_topic_addresses(url, parts):
    address = discourse.TopicAddress(url)
    assert (address.base, address.slug, address.topic_id, address.post_number) == parts


# --- Real saved pages -----------------------------------------------------------------------

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/fixtures/real is absent")


@needs_real
def test_real_docker_crawler_view():
    result = parse_page((REAL / "docker-forums-t144854.html").read_bytes(),
                        "https://forums.docker.com/t/confusing-resolver-structure/144854", CAPTURED)
    assert (result.kind, result.engine, result.errors) == ("thread_page", "discourse", [])
    thread = result.thread
    assert (thread.id, thread.title, thread.forum, thread.tags) == (
        "144854", "Confusing resolver structure", ["Docker Desktop"], ["networking"])
    assert (thread.page, thread.page_count, result.next_page_url) == (1, 1, None)
    # Nine #post_N blocks; the page's preloaded topic JSON gives the real post and user ids.
    assert [p.position for p in result.posts] == list(range(1, 10))
    assert [p.author.name for p in result.posts] == [
        "amondale", "rimelek", "meyay", "amondale", "amondale", "rimelek", "amondale", "meyay", "amondale"]
    assert result.posts[0].post_id == "242934" and result.posts[0].author.id == "74633"
    assert result.posts[0].published_at == datetime(2024, 11, 8, 19, 33, 12, tzinfo=UTC)
    # dateModified differs from datePublished on posts 1 and 7 only.
    assert [p.position for p in result.posts if p.edited_at] == [1, 7]
    # Post 6 quotes post 5 once and post 4 four times, none nested; the quoted words are not its own.
    sixth = result.posts[5]
    assert [(q.author, q.post_id, q.quotes) for q in sixth.quotes] == [
        ("amondale", result.posts[4].post_id, [])] + [("amondale", result.posts[3].post_id, [])] * 4
    assert "docker run -h foo" not in sixth.text and sixth.text.startswith("So the option of docker run")


@needs_real
def test_real_topic_json_asks_for_every_missing_post_once():
    result = api("criticalfallibilism-t2108-post452.json", "https://discuss.criticalfallibilism.com/t/2108/452.json",
                 folder=REAL)
    data = json.loads((REAL / "criticalfallibilism-t2108-post452.json").read_text(encoding="utf-8"))
    stream = data["post_stream"]["stream"]
    assert len(stream) == 446 and len(result.posts) == 20
    assert [p.position for p in result.posts] == list(range(433, 453))
    assert len(result.follow_urls) == math.ceil((446 - 20) / 20) == 22
    asked = [i for url in result.follow_urls for i in ids_of(url)]
    held = {int(p.post_id) for p in result.posts}
    assert sorted(asked) == sorted(set(stream) - held) and len(asked) == len(set(asked)) == 426
    assert all(len(ids_of(url)) == 20 for url in result.follow_urls[:-1]) and len(ids_of(result.follow_urls[-1])) == 6
    thread = result.thread
    assert (thread.id, thread.tags, thread.starter.name) == ("2108", ["bot", "curiosity-blog"], "Elliot")
    assert (thread.page, thread.page_count) == (22, 23)  # the posts start at index 426 of the stream


@needs_real
def test_real_topic_json_quotes():
    result = api("criticalfallibilism-t2108-post452.json", "https://discuss.criticalfallibilism.com/t/2108/452.json",
                 folder=REAL)
    by_number = {p.position: p for p in result.posts}

    def authored(quotes):
        return sum((q.author is not None) + authored(q.quotes) for q in quotes)

    # 27 aside.quote in the cooked HTML: 26 name their author, the one in post 446 does not.
    assert sum(authored(p.quotes) for p in result.posts) == 26
    # Post 448: anonymous45 quoting anonymous117 (aside in aside), the same post again, then two
    # Markdown quotes.
    assert [(q.author, q.post_id, [(n.author, n.post_id) for n in q.quotes]) for q in by_number[448].quotes] == [
        ("anonymous45", "20144", [("anonymous117", "20141")]), ("anonymous45", "20144", []), (None, None, []), (None, None, [])]
    # Post 442: the second quote holds a Markdown quote inside its blockquote.
    assert [(q.author, len(q.quotes)) for q in by_number[442].quotes] == [("Dface", 0), (None, 0), ("Dface", 1)]
    assert by_number[442].quotes[2].quotes[0].text == "Congrats, you killed the man’s spirit."
    # Post 443 quotes post 149, which is not in this answer.
    assert [(q.author, q.post_id) for q in by_number[443].quotes] == [("anonymous45", "2108/149")]
    assert sum(1 for p in result.posts if p.reactions.get("Like")) == 5


@needs_real
def test_real_posts_json():
    result = api("criticalfallibilism-t2144-posts.json", "https://discuss.criticalfallibilism.com/t/2144/posts.json",
                 folder=REAL)
    assert result.kind == "thread_page" and result.follow_urls == [] and result.errors == []
    assert len(result.posts) == 20 and result.thread.id == "2144"
    assert [p.position for p in result.posts] == [1, 2, 3, 4, 5, 6, *range(8, 22)]  # post 7 is gone
    by_number = {p.position: p for p in result.posts}
    # 37 aside.quote, all with a username; three quotes nest one level (posts 14, 17, 18).
    count = sum(len(p.quotes) + sum(len(q.quotes) for q in p.quotes) for p in result.posts)
    assert count == 37 + 3  # plus three Markdown quotes
    for number, outer, inner in ((14, "Eternity", "anonymous45"), (17, "Eternity", "anonymous45"),
                                 (18, "Eternity", "Apricus")):
        assert by_number[number].quotes[0].author == outer and by_number[number].quotes[0].quotes[0].author == inner
    assert [p.position for p in result.posts if p.edited_at] == [9, 14, 19, 20]  # version 2
    assert sum(1 for p in result.posts if p.reactions.get("Like")) == 4


@needs_real
def test_real_sandbox_topic_json():
    result = api("try-discourse-topic-sandbox.json",
                 "https://try.discourse.org/t/this-site-is-a-sandbox-it-is-reset-every-day/57.json", folder=REAL)
    assert [(p.post_id, p.position, p.author.name) for p in result.posts] == [
        ("83", 1, "samsaffron"), ("84", 2, "samsaffron"), ("86", 3, "stienman"), ("226", 14, "splattne")]
    assert [p.reactions for p in result.posts] == [{}, {}, {"Like": 5}, {"Like": 5}]
    assert result.posts[0].edited_at is not None  # version 5
    assert result.posts[0].published_at == datetime(2013, 2, 4, 20, 26, 26, 278000, tzinfo=UTC)  # -05:00
    assert result.follow_urls == []  # the stream holds the four posts it sent
    assert (result.thread.title, result.thread.starter.name) == ("THIS SITE IS A SANDBOX -- it is reset every day",
                                                                 "samsaffron")


REAL_PAGES = sorted(REAL_FIXTURES.rglob("*.html")) if REAL_FIXTURES.is_dir() else []


@needs_real
@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: p.relative_to(REAL_FIXTURES).as_posix())
def test_detection_is_true_for_discourse_pages_only(path):
    doc = Selector(root=build_tree(path.read_text(encoding="utf-8", errors="replace")), type="html")
    assert discourse.detect(doc) == (path.parent.name == "discourse")


API_ANSWERS = sorted(p for p in REAL.glob("*.json") if not p.name.endswith(".expected.json")) if REAL.is_dir() else []


@needs_real
@pytest.mark.parametrize("path", API_ANSWERS, ids=lambda p: p.name)
def test_discourse_json_is_detected(path):
    assert discourse.detect_json(json.loads(path.read_text(encoding="utf-8")))


def test_edited_post_keeps_its_publication_time_not_the_printed_revision_time():
    """Discourse 2019-2022 crawler view: an edited post prints <time itemprop=dateModified> (the last
    revision) and gives its publication time only in a meta[itemprop=datePublished] beside it."""
    result = page("crawler_2020_edited.html", "https://leafy.example/t/repotting-a-fig-tree/8120")
    assert result.kind == "thread_page"
    assert [(p.author.name, p.published_at, p.edited_at) for p in result.posts] == [
        ("fern_fan", datetime(2020, 4, 2, 8, 15, 10, tzinfo=timezone.utc), None),
        ("potting_paul", datetime(2020, 4, 2, 9, 40, 5, tzinfo=timezone.utc),
         datetime(2020, 4, 2, 10, 2, 47, tzinfo=timezone.utc)),
        ("fern_fan", datetime(2020, 4, 3, 17, 30, tzinfo=timezone.utc), None),
    ]


def test_a_migrated_boards_import_dates_are_no_edits_where_the_preloaded_json_says_so():
    """A browser page of a board imported into Discourse (forum.glamour.de's markup: every post's
    dateModified the day the import touched it, 19 of 20 posts with "version":1 in the page's
    preloaded topic JSON). Before: every post edited at the import's date, silently. Now the JSON's
    version decides, as it does on the JSON path: only post 61877, revised, is edited, at its
    updated_at."""
    result = parse_page((DATA / "field_discourse" / "crawler_migrated_board_preloaded_versions.html").read_bytes(),
                        "https://kuestenforum.example/t/tide-tables-for-the-north-shore/5120", CAPTURED)
    assert (result.kind, result.errors) == ("thread_page", [])
    assert [(p.post_id, p.author.name, p.author.id, p.published_at, p.edited_at) for p in result.posts] == [
        ("5120", "kelpie", "311", datetime(2011, 3, 14, 9, 5, 12, tzinfo=UTC), None),
        ("61877", "moth_and_lamp", "77", datetime(2011, 3, 14, 9, 40, 3, tzinfo=UTC),
         datetime(2019, 2, 9, 11, 26, 40, 512000, tzinfo=UTC)),
        ("61880", "kelpie", "311", datetime(2011, 3, 14, 10, 12, 45, tzinfo=UTC), None),
    ]

def test_a_post_whose_classes_a_theme_renamed_is_read_by_its_microdata():
    # crawler_2019 with every class inside the second post's block renamed ("one-" and the class
    # spelled backwards), as a page printing some posts with another template: its body keeps
    # itemprop="articleBody", which is what marks a post's words, so both posts are read (before,
    # the body was looked for by its class "post" too, and the second post was lost silently).
    root = etree.fromstring((HERE / "crawler_2019.html").read_bytes(), etree.HTMLParser(encoding="utf-8"))
    second = root.xpath("//div[contains(@itemtype, 'DiscussionForumPosting')]")[1]
    for node in second.iter(etree.Element):
        if node.get("class"):
            node.set("class", " ".join("one-" + token[::-1] for token in node.get("class").split()))
    result = parse_page(etree.tostring(root, method="html", encoding="utf-8"), "https://old.example/t/compost-smells/55",
                        CAPTURED)
    assert [(post.post_id, post.author.name) for post in result.posts] == [("55/1", "compost_carl"),
                                                                           ("55/2", "worm_wendy")]
    assert result.posts[1].text == "Probably. Add brown material:\n\nShredded cardboard works."
