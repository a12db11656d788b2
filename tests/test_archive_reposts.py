"""archive.reposts: a pasted article is linked to the archived original, reposts of one article are
grouped, and the result does not depend on which page was archived first."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from archive.reposts import containment, shingles
from archive.database import open_archive
from archive.store import store_capture
from parsers.registry import parse_page

PAGES = Path(__file__).parent.parent / "crawler" / "demo_site" / "pages"
NEWS_PATH = "/aawsat/arab-world/3323981-head-irans-quds-force-visited-iraq-after-attack-pm/"
WHEN = datetime(2024, 7, 28, 21, 0, tzinfo=timezone.utc)

TOPIC = """<html><head><link rel="canonical" href="https://board.example/topic/{topic}-news/"></head>
<body class="ipsApp"><h1 class="ipsType_pageTitle">News thread {topic}</h1>{posts}</body></html>"""
POST = """<article id="elComment_{id}" class="cPost ipsComment">
<aside class="cAuthorPane"><h3 class="cAuthorPane_author"><a href="https://board.example/profile/7-yota/">yota</a></h3></aside>
<div id="comment-{id}_wrap" data-commentid="{id}" data-quotedata='{{"userid":7,"username":"yota","timestamp":1636400000}}'>
<div class="ipsComment_meta"><time datetime="2021-11-08T20:00:00Z">Nov 8</time></div>
<div data-role="commentContent">{body}</div></div></article>"""


@pytest.fixture(scope="module")
def article():
    html = (PAGES / NEWS_PATH.strip("/") / "index.html").read_text(encoding="utf-8").replace("{{BASE_URL}}", "http://x")
    result = parse_page(html.encode(), "http://x" + NEWS_PATH, WHEN, content_type="text/html; charset=utf-8", engine="news")
    return html, result, next(a for a in result.articles if a.main)


def forum_page(article, topic: int, first_id: int) -> bytes:
    paragraphs = [b.text for b in article.blocks if b.type == "paragraph"]
    whole = "<p>Head of Iran’s Quds Force Visited Iraq after Attack on PM</p><p>Baghdad - AP —</p>" + \
        "".join(f"<p>{p}</p>" for p in paragraphs)
    excerpt = "<p>Read this, friends.</p><p>2021-11-08 13:45</p>" + "".join(f"<p>{p}</p>" for p in paragraphs[:8])
    chat = "<p>I think the drones came from the east, but who knows what really happened.</p>"
    posts = [POST.format(id=first_id, body=whole), POST.format(id=first_id + 1, body=excerpt),
             POST.format(id=first_id + 2, body=chat)]
    return TOPIC.format(topic=topic, posts="".join(posts)).encode()


def store(db, url: str, body: bytes, engine: str | None = None) -> None:
    result = parse_page(body, url, WHEN, content_type="text/html; charset=utf-8", engine=engine)
    store_capture(db, {"id": f"<urn:uuid:{abs(hash(url))}>", "url": url, "status": 200,
                       "captured_at": WHEN.isoformat(timespec="microseconds")}, result)


def archive_in_order(tmp_path, name: str, article, news_first: bool):
    html, _result, main = article
    db = open_archive(str(tmp_path / name))
    steps = [lambda: store(db, "http://x" + NEWS_PATH, html.encode(), "news"),
             lambda: store(db, "https://board.example/topic/1-news/", forum_page(main, 1, 100)),
             lambda: store(db, "https://board.example/topic/2-news/", forum_page(main, 2, 200))]
    for step in (steps if news_first else steps[1:] + steps[:1]):
        step()
    return db


def test_shingle_containment():
    whole = shingles("one two three four five six seven eight nine ten")
    part = shingles("three four five six seven eight")
    assert containment(whole, part) == 1.0
    assert containment(whole, shingles("completely different words in this text here")) == 0.0


@pytest.mark.parametrize("news_first", [True, False])
def test_reposts_link_to_the_archived_article_and_group_across_threads(tmp_path, article, news_first):
    db = archive_in_order(tmp_path, "a.db", article, news_first)
    key = "english.aawsat.com/arab-world/3323981-head-irans-quds-force-visited-iraq-after-attack-pm"
    rows = list(db.query("select post_id, article_id, similarity, group_id, outlet, comment from reposts "
                         "join posts on posts.id = reposts.post_id order by post_id"))
    assert [r["post_id"] for r in rows] == ["board.example/100", "board.example/101", "board.example/200", "board.example/201"]
    assert all(r["article_id"] == key for r in rows)
    assert all(r["similarity"] >= 0.9 for r in rows)
    assert {r["group_id"] for r in rows} == {"board.example/100#r1"}
    assert db["posts"].get("board.example/102")["news_repost"] == 0
    assert db["posts"].get("board.example/101")["comment"] == "Read this, friends."


def test_archive_order_does_not_change_the_rows(tmp_path, article):
    rows = []
    for news_first in (True, False):
        db = archive_in_order(tmp_path, f"{news_first}.db", article, news_first)
        rows.append(sorted(tuple(r.values()) for r in db.query("select * from reposts")))
    assert rows[0] == rows[1]
