"""parsers.ips on hand-written pages imitating Invision Community theme overrides of the topic
post templates (postContainer, post) found in public repositories (tests/data/ips_theme_overrides/,
one file per override; each file's header names the template it follows and the values expected,
read off the page by hand).

Why: a theme may move the author column after the words, add a member's join date as a <time>,
or print a "like" blurb naming other members after the words; each post must still come back with
its own author and date, from what IPS's scripts need (elComment_N, data-quotedata, the
?do=findComment permalink), never a neighbour's name or the join date.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.registry import parse_page

THEMES = DATA / "ips_theme_overrides"
UTC = timezone.utc


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# file: page URL, (topic id, title),
# posts: (post id, author, author id, published, edited at, edited by, text starts with)
CASES = {
    "ips4_author_column_right": (
        "https://kiln.example/topic/3310-glaze-crawling-on-the-rim/", ("3310", "Glaze crawling on the rim"),
        [
            ("70101", "Oda Kern", "901", at(2022, 3, 14, 8, 0), None, None, "My glaze pulls back"),
            ("70102", "Studio Visitor", None, at(2022, 3, 14, 9, 30), None, None, "Dust or grease"),
            ("70103", "Bram Lutz", "902", at(2022, 3, 15, 18, 45), at(2022, 3, 15, 19, 10), "Bram Lutz",
             "Apply it thinner"),
        ],
    ),
    "ips41_popular_flag_like_blurb": (
        "https://lens.example/topic/880-fungus-in-an-old-prime-lens/", ("880", "Fungus in an old prime lens"),
        [
            ("5101", "Mateo Rask", "77", at(2016, 2, 3, 14, 0), None, None, "Found fungus threads"),
            ("5102", "Lens Tinkerer", None, at(2016, 2, 3, 15, 30), None, None, "Only if it has not etched"),
            ("5103", "Iris", "78", at(2016, 2, 4, 9, 5), at(2016, 2, 4, 9, 20), "Iris", "Mine cleaned up"),
        ],
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    url, topic, posts = CASES[request.param]
    result = parse_page((THEMES / f"{request.param}.html").read_bytes(), url, at(2024, 7, 10))
    return request.param, url, result, topic, posts


def test_every_fixture_file_has_a_case():
    assert sorted(p.stem for p in THEMES.glob("*.html")) == sorted(CASES)


def test_fixtures_say_they_are_hand_written():
    for path in THEMES.glob("*.html"):
        assert "Hand-written fixture (invented names and words) imitating" in path.read_text(encoding="utf-8")[:400]


def test_topic_and_no_errors(case):
    name, _, result, (topic_id, title), _ = case
    assert (result.kind, result.engine) == ("thread_page", "ips"), name
    assert (result.thread.id, result.thread.title) == (topic_id, title)
    assert result.errors == [], name


def test_each_post_has_its_own_author_and_date(case):
    name, _, result, _, posts = case
    found = [(p.post_id, p.author.name, p.author.id, p.published_at, p.edited_at, p.edited_by) for p in result.posts]
    assert found == [expected[:6] for expected in posts], name


def test_own_words_and_permalinks(case):
    name, url, result, _, posts = case
    for post, expected in zip(result.posts, posts):
        assert post.text.startswith(expected[6]), (name, post.post_id, post.text)
        assert "Edited" not in post.text and "like this" not in post.text
        assert post.url == f"{url}?do=findComment&comment={post.post_id}"
        if expected[2] is not None:  # a member's profile link, never a liker's
            assert f"/profile/{expected[2]}-" in (post.author.url or "")
        else:
            assert post.author.url is None
