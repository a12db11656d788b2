"""The thread reader, forum and author pages, served by Datasette in process.

The sample crawl's reader is checked against the hand-written expectations; an archive written
here by hand carries hostile markup in every field the pages show, and none of it may come out
as markup; and the same archive has an edited post with revisions and a deleted post.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date
from urllib.parse import urlencode

import lxml.html
import pytest
import sqlite_utils
from datasette.utils import tilde_encode

from archive.browse.chart import MAX_DAILY_BARS, bar_chart_svg, bars
from archive.browse.reader import thread_view, web_url
from archive.browse.serve import build
from archive.database import open_archive

SITE = "forum.example.com"
THREAD = f"{SITE}/77"
HOSTILE = {
    "title": '<script>alert("title")</script>Thread',
    "text": '<script>alert("text")</script> <img src=x onerror=alert("text-img")> '
            '<a href="javascript:alert(\'text-link\')">me</a>',
    "html": '<p onclick="alert(\'p\')">Hello <script>alert("html")</script><img src="x.png" onerror="alert(\'img\')">'
            '<a href="javascript:alert(\'link\')">link</a><a href="https://ok.example/">fine link</a></p>'
            '<blockquote><div>Eve said:</div><p onmouseover="alert(\'quote\')">quoted</p>'
            '<a href="JaVaScRiPt:alert(\'quote-link\')">x</a></blockquote>',
    "citation": '<script>alert("cite")</script> Eve said:',
    "quote_text": '<img src=x onerror=alert("quote")> and <a href="javascript:alert(1)">this</a>',
    "author": '<b onclick="alert(\'author\')">Mallory</b>',
    "reaction": '<svg onload=alert("reaction")>',
    "url": "javascript:alert('url')",
}


def fetch(datasette, path: str):
    async def get():
        await datasette.invoke_startup()
        return await datasette.client.get(path)

    return asyncio.run(get())


def hostile_archive(path) -> sqlite_utils.Database:
    """An archive whose thread holds hostile markup everywhere, an edited post with one earlier
    revision and a deleted post; stored HTML is left unsanitised on purpose (any database can be served)."""
    db = open_archive(str(path))
    capture = {"id": "<urn:uuid:1>", "url": f"https://{SITE}/t/77", "status": 200, "captured_at": "2024-05-02T10:00:00+00:00",
               "warc_file": "forum-1.warc.gz", "warc_offset": 1234, "warc_length": 999, "site_id": SITE,
               "kind": "thread_page", "thread_id": THREAD, "page": 1}
    db["sites"].insert({"id": SITE, "engine": "xenforo"})
    db["captures"].insert(capture)
    db["captures"].insert({**capture, "id": "<urn:uuid:0>", "captured_at": "2024-05-01T10:00:00+00:00", "warc_offset": 10})
    db["authors"].insert({"id": f"{SITE}/5", "site_id": SITE, "native_id": "5", "name": HOSTILE["author"],
                          "url": HOSTILE["url"]})
    db["authors"].insert({"id": f"{SITE}/6", "site_id": SITE, "native_id": "6", "name": "Eve", "url": None})
    db["threads"].insert({"id": THREAD, "site_id": SITE, "native_id": "77", "title": HOSTILE["title"],
                          "url": HOSTILE["url"], "forum": json.dumps(["Home", "<script>alert('forum')</script>"]),
                          "page_count": 1, "starter_id": f"{SITE}/5", "capture_id": capture["id"],
                          "captured_at": capture["captured_at"]})
    post = {"site_id": SITE, "thread_id": THREAD, "page": 1, "capture_id": capture["id"], "captured_at": capture["captured_at"]}
    db["posts"].insert({**post, "id": f"{SITE}/1", "native_id": "1", "position": 1, "author_id": f"{SITE}/5",
                        "author_name": HOSTILE["author"], "published_at": "2024-04-28T09:00:00+00:00",
                        "url": HOSTILE["url"], "text": HOSTILE["text"], "html": HOSTILE["html"],
                        "edited_at": "2024-04-29T09:00:00+00:00", "edited_by": '<script>alert("editor")</script>'})
    db["posts"].insert({**post, "id": f"{SITE}/2", "native_id": "2", "position": 2, "author_id": f"{SITE}/6",
                        "author_name": "Eve", "published_at": "2024-05-01T12:00:00+00:00", "text": "I take it back.",
                        "html": "<p>I take it back.</p>", "deleted_at": capture["captured_at"],
                        "deleted_capture_id": capture["id"]})
    db["quotes"].insert({"id": f"{SITE}/1#q1", "post_id": f"{SITE}/1", "depth": 1, "position": 1,
                         "quoted_author": "Eve", "citation": HOSTILE["citation"], "text": HOSTILE["quote_text"]})
    db["quotes"].insert({"id": f"{SITE}/1#q1.1", "post_id": f"{SITE}/1", "parent_id": f"{SITE}/1#q1", "depth": 2,
                         "position": 1, "quoted_author": "Mallory", "citation": "Mallory said:", "text": HOSTILE["text"]})
    db["reactions"].insert({"post_id": f"{SITE}/1", "name": HOSTILE["reaction"], "count": 4})
    db["reactions"].insert({"post_id": f"{SITE}/1", "name": "Thanks", "count": 3})
    db["reposts"].insert({"id": f"{SITE}/1#r1", "post_id": f"{SITE}/1", "position": 1, "headline": HOSTILE["title"],
                          "outlet": HOSTILE["author"], "dateline": "Baghdad", "url": HOSTILE["url"], "text": "words",
                          "group_id": f"{SITE}/1#r1"})
    db["articles"].insert({"id": "news.example/a/1", "url": "https://news.example/a/1", "title": "Original headline",
                           "text": "words", "capture_id": capture["id"], "captured_at": capture["captured_at"]})
    db["reposts"].insert({"id": f"{SITE}/1#r2", "post_id": f"{SITE}/1", "position": 2, "headline": "Pasted again",
                          "outlet": "Shafaq News", "text": "words", "article_id": "news.example/a/1", "similarity": 0.93,
                          "group_id": f"{SITE}/1#r1"})
    db["post_revisions"].insert({"id": f"{SITE}/1@2024-05-01", "post_id": f"{SITE}/1", "text": "older words",
                                 "html": HOSTILE["html"], "capture_id": "<urn:uuid:0>",
                                 "captured_at": "2024-05-01T10:00:00+00:00", "replaced_by_capture": capture["id"],
                                 "replaced_at": capture["captured_at"]})
    return db


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    hostile_archive(path).close()
    return build(path)


def assert_no_active_content(page: str) -> lxml.html.HtmlElement:
    """No script of the archive's, no event handler, no javascript: URL anywhere in the DOM."""
    tree = lxml.html.document_fromstring(page)
    for script in tree.iter("script"):
        assert "alert" not in (script.text or "") and not script.get("src", "").startswith("javascript"), \
            lxml.html.tostring(script)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), lxml.html.tostring(element)[:300]
            assert not value.strip().lower().startswith("javascript:"), lxml.html.tostring(element)[:300]
    for tag in ("svg", "img", "iframe", "object", "embed"):
        for element in tree.iter(tag):
            assert not element.xpath("ancestor-or-self::*[@onload or @onerror]")
    return tree


def test_hostile_markup_never_reaches_the_reader_as_markup(hostile):
    response = fetch(hostile, "/-/thread?" + urlencode({"id": THREAD}))
    assert response.status_code == 200, response.text[:2000]
    tree = assert_no_active_content(response.text)
    shown = tree.text_content()
    # The words are there, as text: the page did render them.
    for value in (HOSTILE["title"], HOSTILE["text"], HOSTILE["citation"], HOSTILE["author"], HOSTILE["reaction"] + " 4"):
        assert value in shown, value
    archived = tree.cssselect("details.archived-html")[0]
    assert "Hello" in archived.text_content() and "fine link" in archived.text_content()
    # The stored <img src="x.png"> is not fetched: it is a link to where it was (resolved against
    # the page the post was read from), as tests/test_browse_security.py checks in detail.
    assert [a.get("href") for a in archived.iter("a") if a.get("href")] == [
        "https://forum.example.com/t/x.png", "https://ok.example/"]
    assert archived.cssselect("a.remote-media")[0].text_content() == "[image: https://forum.example.com/t/x.png]"
    assert not archived.cssselect("img")
    # A javascript: URL is never a link, wherever it was stored.
    assert all(not (a.get("href") or "").lower().startswith("javascript") for a in tree.iter("a"))


@pytest.mark.parametrize("path", [
    "/hostile/threads", "/hostile/authors", "/hostile/posts", "/hostile/reposts",
    "/-/author?" + urlencode({"db": "hostile", "id": f"{SITE}/5"}),
    "/-/forum?" + urlencode({"db": "hostile", "site": SITE, "forum": json.dumps(["Home", "<script>alert('forum')</script>"])}),
])
def test_hostile_markup_stays_text_on_tables_and_activity_pages(hostile, path):
    response = fetch(hostile, path)
    assert response.status_code == 200, response.text[:2000]
    assert_no_active_content(response.text)


def test_edits_revisions_and_deletions_are_marked(hostile):
    tree = lxml.html.document_fromstring(fetch(hostile, "/-/thread?" + urlencode({"id": THREAD})).text)
    first, second = tree.cssselect("li.post")
    edited = first.cssselect(".mark.edited")[0]
    assert edited.text_content() == 'edited at 29 Apr 2024, 09:00 UTC by <script>alert("editor")</script>'
    assert edited.cssselect("time")[0].get("datetime") == edited.cssselect("time")[0].get("title") == \
        "2024-04-29T09:00:00+00:00"
    revisions = first.cssselect("a.revisions")[0]
    assert revisions.text_content().strip() == "1 earlier revision"
    assert revisions.get("href") == "/hostile/post_revisions?" + urlencode({"post_id": f"{SITE}/1"})
    assert "deleted" in second.get("class") and not first.cssselect(".mark.deleted")
    deleted = second.cssselect(".mark.deleted")[0]
    assert "missing from its page since 2 May 2024, 10:00 UTC" in deleted.text_content()
    assert deleted.cssselect("time")[0].get("datetime") == "2024-05-02T10:00:00+00:00"
    capture = first.cssselect("p.capture")[0]
    assert "forum-1.warc.gz @ 1234" in capture.text_content()
    assert capture.cssselect("a")[0].get("href") == "/hostile/captures/~3Curn~3Auuid~3A1~3E"
    depths = [int(q.get("data-depth")) for q in first.cssselect(".quotes blockquote.quote")]
    assert depths == [1, 2]
    assert first.cssselect(".quotes blockquote.quote blockquote.quote cite")[0].text_content() == "Mallory said:"


def test_a_repost_card_links_the_archived_article(hostile):
    tree = lxml.html.document_fromstring(fetch(hostile, "/-/thread?" + urlencode({"id": THREAD})).text)
    linked, = [card for card in tree.cssselect("aside.repost") if card.get("data-repost-id") == f"{SITE}/1#r2"]
    assert linked.cssselect(".headline")[0].text_content() == "Pasted again"
    assert linked.cssselect(".outlet")[0].text_content() == "Shafaq News"
    article = linked.cssselect("a.article")[0]
    assert article.text_content() == "Original headline" and "similarity 0.93" in linked.text_content()
    assert article.get("href") == "/hostile/articles/" + tilde_encode("news.example/a/1")
    assert "Original headline" in fetch(hostile, article.get("href")).text
    unlinked = tree.cssselect("aside.repost")[0]
    assert "not found among the archived articles" in unlinked.text_content()


def test_capture_and_revision_links_lead_to_the_rows(hostile):
    capture = fetch(hostile, "/hostile/captures/~3Curn~3Auuid~3A1~3E")
    assert capture.status_code == 200 and "forum-1.warc.gz" in capture.text
    revisions = fetch(hostile, "/hostile/post_revisions?" + urlencode({"post_id": f"{SITE}/1"}))
    assert revisions.status_code == 200 and "older words" in revisions.text


def test_unknown_thread_and_missing_id_are_not_found(hostile):
    assert fetch(hostile, "/-/thread?id=nowhere/1").status_code == 404
    assert fetch(hostile, "/-/thread").status_code == 404
    assert fetch(hostile, "/-/author?id=nobody").status_code == 404
    assert fetch(hostile, "/-/thread?db=nosuchdb&id=x").status_code == 404


@pytest.fixture(scope="module")
def sample(sample_crawl):
    datasette = build(sample_crawl / "archive.db")
    thread_id = sqlite_utils.Database(sample_crawl / "archive.db").execute("select id from threads").fetchone()[0]
    return datasette, thread_id


def test_reader_shows_the_sample_thread_as_expected(sample, sample_crawl, expected_thread):
    datasette, thread_id = sample
    response = fetch(datasette, "/-/thread?" + urlencode({"id": thread_id}))
    assert response.status_code == 200
    tree = lxml.html.document_fromstring(response.text)
    posts = tree.cssselect("li.post")
    expected = expected_thread["posts"]
    assert [p.cssselect(".author")[0].text_content() for p in posts] == [e["author"]["name"] for e in expected]
    assert [p.get("id") for p in posts] == [f"post-{e['post_id']}" for e in expected]
    assert [int(p.cssselect(".page")[0].text) for p in posts] == [e["page"] for e in expected]
    for post, want in zip(posts, expected):
        reactions = {li.get("data-name"): int(li.get("data-count")) for li in post.cssselect("li.reaction")}
        assert reactions == want["reactions"]
        assert bool(post.cssselect(".mark.edited")) == bool(want["edited_at"])
        assert len(post.cssselect("aside.repost")) == int(want["news_repost"])
    warcs = {path.name for path in (sample_crawl / "warc").glob("*.warc.gz")}
    files = {p.cssselect("p.capture .warc")[0].text.split(" @ ")[0] for p in posts}
    assert files <= warcs and files


def test_threads_table_links_titles_to_the_reader(sample):
    datasette, thread_id = sample
    tree = lxml.html.document_fromstring(fetch(datasette, "/archive/threads").text)
    link = tree.cssselect("a.reader-link")[0]
    assert link.get("href") == "/-/thread?" + urlencode({"db": "archive", "id": thread_id})
    assert fetch(datasette, link.get("href")).status_code == 200


def test_forum_and_author_pages_draw_posts_per_day(sample, expected_thread):
    datasette, thread_id = sample
    reader = lxml.html.document_fromstring(fetch(datasette, "/-/thread?" + urlencode({"id": thread_id})).text)
    forum_href = reader.cssselect("p.crumbs a")[-1].get("href")
    forum = lxml.html.document_fromstring(fetch(datasette, forum_href).text)
    assert forum.cssselect("h1")[0].text_content() == " › ".join(expected_thread["thread"]["forum"])
    counts = [int(rect.get("data-count")) for rect in forum.cssselect("svg.posts-chart rect.bar")]
    assert sum(counts) == len(expected_thread["posts"])
    jg1 = reader.xpath("//a[@class='author'][string()='jg1']")[0].get("href")
    author = lxml.html.document_fromstring(fetch(datasette, jg1).text)
    days = {rect.get("data-day"): int(rect.get("data-count")) for rect in author.cssselect("svg.posts-chart rect.bar")}
    want = {}
    for post in expected_thread["posts"]:
        if post["author"]["name"] == "jg1":
            want[post["published_at"][:10]] = want.get(post["published_at"][:10], 0) + 1
    assert {day: count for day, count in days.items() if count} == want
    assert len(author.cssselect("ol.author-posts li")) == sum(want.values())


def test_bars_fill_empty_days_and_switch_to_months_for_long_spans():
    daily = bars(["2021-11-07T21:14:37+00:00", "2021-11-09T18:00:00+00:00", "2021-11-09T23:00:00+00:00", None,
                  "6 hours ago", "2021-13-45T00:00:00"])
    assert [(bar.label, bar.count) for bar in daily] == [("2021-11-07", 1), ("2021-11-08", 0), ("2021-11-09", 2)]
    start = date(2020, 1, 31)
    monthly = bars([start.isoformat(), date(2021, 3, 10).isoformat(), date(2021, 3, 20).isoformat()])
    assert (date(2021, 3, 20) - start).days >= MAX_DAILY_BARS
    assert [bar.label for bar in monthly][:2] == ["2020-01", "2020-02"] and monthly[-1].label == "2021-03"
    assert len(monthly) == 15 and monthly[-1].count == 2 and sum(bar.count for bar in monthly) == 3
    assert "No dated posts" in bar_chart_svg([])
    assert bar_chart_svg(daily).count('<rect class="bar"') == 3


def test_only_web_urls_become_links():
    assert web_url("https://example.com/a") == "https://example.com/a"
    assert web_url(" JavaScript:alert(1)") is None and web_url("data:text/html,x") is None and web_url(None) is None


def test_thread_view_is_a_pure_function_of_the_database(tmp_path):
    db = hostile_archive(tmp_path / "a.db")
    view = thread_view(db.conn, THREAD)
    assert [post.position for post in view.posts] == [1, 2]
    assert view.posts[0].quotes[0].quotes[0].citation == "Mallory said:"
    assert "<script" not in view.posts[0].html and "onerror" not in view.posts[0].html
    assert thread_view(db.conn, "nope") is None


def test_a_long_thread_is_read_in_parts(tmp_path):
    db = hostile_archive(tmp_path / "a.db")
    first = thread_view(db.conn, THREAD, offset=0, per_view=1)
    second = thread_view(db.conn, THREAD, offset=1, per_view=1)
    assert [post.position for post in first.posts] == [1] and [post.position for post in second.posts] == [2]
    assert (first.previous_offset, first.next_offset, first.total) == (None, 1, 2)
    assert (second.previous_offset, second.next_offset) == (0, None)
    assert [len(p.quotes) for p in first.posts + second.posts] == [1, 0]
    assert [len(p.reactions) for p in first.posts + second.posts] == [2, 0]
    assert first.posts[0].capture.warc_offset == 1234 and second.posts[0].capture.warc_offset == 1234
    assert sum(bar.count for bar in second.chart) == 2, "the chart covers the whole thread"


def test_the_reader_pages_through_a_thread_from_an_offset(hostile):
    tree = lxml.html.document_fromstring(fetch(hostile, "/-/thread?" + urlencode({"id": THREAD, "offset": 1})).text)
    assert [li.get("data-position") for li in tree.cssselect("li.post")] == ["2"]
    assert "posts 2–2 of 2" in tree.cssselect("p.parts")[0].text_content()
    assert tree.cssselect("a[rel=prev]")[0].get("href") == "/-/thread?" + urlencode({"db": "hostile", "id": THREAD})
    whole = lxml.html.document_fromstring(fetch(hostile, "/-/thread?" + urlencode({"id": THREAD})).text)
    assert not whole.cssselect("p.parts") and len(whole.cssselect("li.post")) == 2
