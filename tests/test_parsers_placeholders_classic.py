"""Placeholders printed where a post would be (deleted, ignored, unapproved, hidden), on phpBB 3,
MyBB, SMF and Discourse pages: no real post lost or given another's author, date or words; no
placeholder read as a post with invented or empty author, or with a notice's words; no loss reported
for a notice the board always shows (:mod:`parsers.losses`).

The rule, as vBulletin 4's ``li.postbitdeleted``, XenForo's ``message--deleted`` and NodeBB's
deleted posts keep it: a deletion notice that holds no post (no words, no time) is no post and no lost
one; a post the engine keeps in its place (with author, number and time) stays a post, with empty
words; a post whose words the board still has but hides from this reader is said in the page's
errors: as a loss where only the reader's own setting hides it (phpBB 3.0's foe notice: the member
who fetched the page ignores its poster), in words that are no loss where the board's moderation
does (a Discourse post hidden after flags).

Fixtures: tests/data/field_placeholders/, written by hand from each engine's templates; every
expected value below was read off them by hand.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from conftest import DATA

from parsers.losses import lost_content
from parsers.registry import parse_page

HERE = DATA / "field_placeholders"
UTC = timezone.utc


def parse(name: str, url: str, captured: datetime, content_type: str | None = None):
    return parse_page((HERE / name).read_bytes(), url, captured, content_type=content_type)


def rows(result) -> list[tuple]:
    return [(p.post_id, p.position, p.author.name, p.author.id, p.published_at, p.text) for p in result.posts]


# --- phpBB 3 ------------------------------------------------------------------------------------


def test_phpbb30_foe_notice_is_no_post_and_a_loss_said_once():
    result = parse("phpbb_30_foe_post.html", "https://ponds.example/forum/viewtopic.php?f=3&t=4711&start=3",
                   datetime(2024, 6, 3, tzinfo=UTC))
    assert rows(result) == [
        ("90031", 4, "Koi Keeper", "77", datetime(2024, 6, 2, 12, 10, tzinfo=UTC), "A sponge filter keeps the pump quiet."),
        ("90033", 6, "Lily Pad", "321", datetime(2024, 6, 2, 13, 40, tzinfo=UTC), "Mine hums less since I moved it."),
    ]
    # Said as a loss (the board has the post; the archive does not), and only once: the full page
    # (3 a page) is not counted short too.
    assert result.errors == ["post 90032: a post by Grumpy Heron, on the ignore list of the member who fetched the"
                             " page: the page shows its notice in its place, without its words or time; not read"]
    assert lost_content(result) == result.errors
    assert result.next_page_url == "https://ponds.example/forum/viewtopic.php?f=3&t=4711&start=6"


def test_phpbb30_foe_notice_in_the_first_post_names_no_starter():
    result = parse("phpbb_30_foe_first_post.html", "https://ponds.example/forum/viewtopic.php?f=3&t=4711",
                   datetime(2024, 6, 3, tzinfo=UTC))
    assert rows(result) == [
        ("90021", 2, "Koi Keeper", "77", datetime(2024, 6, 1, 10, 30, tzinfo=UTC), "A sponge filter keeps the pump quiet."),
    ]
    assert (result.thread.page, result.thread.starter, result.thread.started_at) == (1, None, None)
    assert [error.split(":", 1)[0] for error in result.errors] == ["post 90020"]
    assert lost_content(result) == result.errors


def test_phpbb33_moderator_view_keeps_hidden_posts_whole_and_says_the_soft_deletion():
    result = parse("phpbb_33_moderator_view_hidden_posts.html", "https://ponds.example/forum/viewtopic.php?t=5150&start=4",
                   datetime(2024, 2, 3, tzinfo=UTC))
    assert rows(result) == [
        ("70031", 5, "Cold Toes", "91", datetime(2024, 1, 16, 6, 15, tzinfo=UTC), "The pond froze over again last night."),
        ("70032", 6, "Mud Skipper", "93", datetime(2024, 1, 16, 6, 30, tzinfo=UTC), "Buy my pond heaters, cheap!"),
        ("70033", 7, "Grumpy Heron", "95", datetime(2024, 1, 16, 6, 45, tzinfo=UTC), "Fish are overrated anyway."),
        ("70034", 8, "New Newt", "97", datetime(2024, 1, 16, 7, 5, tzinfo=UTC), "First post here: is a bubbler enough?"),
    ]
    assert all(post.edited_by is None for post in result.posts)  # the deletion notice is no edit notice
    assert result.errors == ["post 70032: soft-deleted (This post was deleted by Pond Warden on Tue Jan 16, 2024"
                             " 8:00 am. Reason: off topic); kept as served"]
    assert lost_content(result) == []


# --- MyBB 1.8 -----------------------------------------------------------------------------------


def test_mybb18_deletion_notice_is_no_post_and_no_loss():
    result = parse("mybb_18_deleted_ignored_unapproved.html", "https://anglers.example/thread-314-page-3.html",
                   datetime(2024, 6, 1, 14, tzinfo=UTC))
    assert [(post_id, position, name, uid, text) for post_id, position, name, uid, _, text in rows(result)] == [
        ("5101", 21, "Hook Harry", "40", "Dawn is the best time for carp."),
        ("5103", 23, "Loud Lou", "88", "Carp fishing is boring, try pike."),
        ("5104", 24, "Spam Spinner", "99", "Cheap rods at my shop!"),
        ("5105", 25, "Reel Rita", "42", "Thanks Harry, I will try dawn."),
    ]
    assert [post.published_at.strftime("%H:%M") for post in result.posts] == ["09:00", "10:30", "11:00", "11:45"]
    assert result.errors == ["post 5104: soft-deleted (shown to a moderator); kept as served"]
    assert lost_content(result) == []


# --- SMF 2.0 ------------------------------------------------------------------------------------


def test_smf20_ignored_prompt_and_unapproved_post_keep_their_own_words():
    result = parse("smf_20_ignored_and_unapproved.html", "https://smf20.example/index.php?topic=321.20",
                   datetime(2016, 3, 10, tzinfo=UTC))
    assert rows(result) == [
        ("3021", 21, "gear_owl", "5", datetime(2016, 3, 9, 8, 0, tzinfo=UTC), "Wipe the chain before you oil it."),
        ("3022", 22, "rust_bucket", "6", datetime(2016, 3, 9, 9, 30, tzinfo=UTC), "Oil is a scam, run it dry."),
        ("3023", 23, "new_spoke", "7", datetime(2016, 3, 9, 10, 45, tzinfo=UTC), "Does wax work in the rain?"),
    ]
    assert lost_content(result) == []


# --- Discourse ----------------------------------------------------------------------------------


def test_discourse_json_deleted_and_flag_hidden_posts_are_kept_without_the_notice():
    result = parse("discourse_json_deleted_and_hidden.json", "https://garden.example/t/compost-heat/880.json",
                   datetime(2024, 4, 3, tzinfo=UTC), content_type="application/json")
    at = [datetime(2024, 4, 2, h, m, tzinfo=UTC) for h, m in ((7, 0), (7, 30), (8, 10), (8, 45), (9, 20))]
    assert rows(result) == [
        ("8801", 1, "compost_carl", "31", at[0], "Is 60 degrees hot enough to kill seeds?"),
        ("8802", 2, "worm_wendy", "32", at[1], ""),
        ("8803", 3, "leaf_larry", "33", at[2], ""),
        ("8804", 4, "old_mulch", "34", at[3], ""),
        ("8805", 5, "compost_carl", "31", at[4], "Thanks, I will turn it weekly."),
    ]
    assert [post.html for post in result.posts[1:4]] == ["", "", ""]
    assert result.errors == ["post 8803: hidden after members flagged it; its words are not served to this reader"
                             " (kept without them)"]
    assert lost_content(result) == []


def test_discourse_crawler_view_withdrawn_and_flagged_posts_are_kept_without_the_notice():
    result = parse("discourse_crawler_withdrawn_and_flagged.html",
                   "https://talk.example/t/rain-barrel-overflow/4321?page=3", datetime(2024, 4, 3, tzinfo=UTC))
    assert [(p.post_id, p.position, p.author.name, p.published_at, p.text) for p in result.posts] == [
        ("4321/41", 41, "fern_gully", datetime(2024, 3, 10, 9, 0, tzinfo=UTC), "The overflow pipe froze again."),
        ("4321/42", 42, "moss_man", datetime(2024, 3, 10, 9, 30, tzinfo=UTC), ""),
        ("4321/43", 43, "sly_seller", datetime(2024, 3, 10, 10, 0, tzinfo=UTC), ""),
        ("4321/44", 44, "willow", datetime(2024, 3, 10, 10, 45, tzinfo=UTC), ""),
        ("4321/45", 45, "fern_gully", datetime(2024, 3, 10, 11, 15, tzinfo=UTC), "Wrapped it in foam, fixed."),
    ]
    assert result.errors == ["post 4321/43: hidden after members flagged it; its words are not served to this"
                             " reader (kept without them)"]
    assert lost_content(result) == []


def test_discourse_app_view_post_deleted_by_its_author_is_kept_without_the_notice():
    # The browser app view (tests/data/field_discourse/browser_app_view_saved.html) as the app draws
    # post #2 once kiln_bo deleted it: its cooked words replaced by js.post.deleted_by_author_simple.
    html = (DATA / "field_discourse" / "browser_app_view_saved.html").read_text(encoding="utf-8")
    shown = '<div class="cooked"><p>Start with a matte white, it hides uneven coats.</p></div>'  # not post #4's quote of it
    assert html.count(shown) == 1
    html = html.replace(shown, '<div class="cooked"><p>(post deleted by author)</p></div>')
    result = parse_page(html.encode(), "https://clay.example.org/t/which-glaze-for-a-first-firing/812",
                        datetime(2024, 6, 1, tzinfo=UTC))
    deleted = next(post for post in result.posts if post.post_id == "5102")
    assert (deleted.position, deleted.author.name, deleted.author.id, deleted.text, deleted.html) == (
        2, "kiln_bo", "93", "", "")
    assert lost_content(result) == []


def test_discourse_json_post_a_moderator_deleted_is_kept_as_served_to_staff_and_said():
    # The fixture's last post as staff are served it once a moderator deleted it: its words intact.
    data = json.loads((HERE / "discourse_json_deleted_and_hidden.json").read_text(encoding="utf-8"))
    data["post_stream"]["posts"][4]["deleted_at"] = "2024-04-02T10:00:00.000Z"
    result = parse_page(json.dumps(data).encode(), "https://garden.example/t/compost-heat/880.json",
                        datetime(2024, 4, 3, tzinfo=UTC), content_type="application/json")
    last = result.posts[4]
    assert (last.post_id, last.author.name, last.text) == ("8805", "compost_carl", "Thanks, I will turn it weekly.")
    assert "post 8805: deleted by a moderator at 2024-04-02T10:00:00.000Z; kept as served" in result.errors
    assert lost_content(result) == []


# --- NodeBB ---------------------------------------------------------------------------------------


def test_nodebb_html_deleted_post_placeholder_in_another_language_is_no_words():
    # tests/data/nodebb_site/topic/7/which-mower (Persona) as a German board prints post 72 to a guest:
    # "[[topic:post_is_deleted]]" in NodeBB's public/language/de/topic.json.
    page = DATA / "nodebb_site" / "topic" / "7" / "which-mower" / "index.html"
    html = page.read_text(encoding="utf-8").replace("{{BASE_URL}}", "https://lawn.example")
    parts = html.split('itemprop="text">')  # the contents of posts 70, 71, 72 and 73
    assert parts[3].lstrip().startswith("This post is deleted!")
    parts[3] = parts[3].replace("This post is deleted!", "Dieser Beitrag wurde gelöscht!", 1)
    html = 'itemprop="text">'.join(parts)
    result = parse_page(html.encode(), "https://lawn.example/topic/7/which-mower", datetime(2021, 1, 2, tzinfo=UTC))
    deleted = result.posts[2]
    assert (deleted.post_id, deleted.position, deleted.author.name, deleted.text, deleted.html) == (
        "72", 3, "fern", "", "")
    assert deleted.published_at == datetime(2021, 1, 1, 14, 0, tzinfo=UTC)
    assert lost_content(result) == []
