"""A real ``scrapy crawl forum`` of two small SMF topics on a loopback server, in one run.

tests/data/smf_site/ holds an SMF 2.1 topic in three pages (``/smf/topic/77/``, ``…/start-3/``,
``…/start-6/``; the next page named by ``<link rel="next">`` and the page links) and an SMF 1.1
topic in two (``/oldboard/topic/55/``, ``…/start-2/``; "Pages: [1] 2"). The crawl must follow both
to their last page and store every post with its author.
"""

from __future__ import annotations

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, serve_pages, warc_uris

SITE = DATA / "smf_site"
SMF21 = "/smf/topic/77/"
SMF1 = "/oldboard/topic/55/"
SMF21_POSTS = [  # (msg id, position, author, author id, published), read off the pages by hand; the forum prints UTC-5
    ("9701", 1, "Ada", "7", "2024-03-01T14:00:00+00:00"),
    ("9702", 2, "Bob", "8", "2024-03-01T15:30:00+00:00"),
    ("9703", 3, "Cleo", "9", "2024-03-03T01:15:00+00:00"),
    ("9704", 4, "Ada", "7", "2024-03-03T12:00:00+00:00"),
    ("9705", 5, "Guest Gina", None, "2024-03-04T18:45:00+00:00"),
    ("9706", 6, "Bob", "8", "2024-03-05T23:00:00+00:00"),
    ("9707", 7, "Dan", "10", "2024-03-06T16:11:11+00:00"),
    ("9708", 8, "Ada", "7", "2024-03-08T02:30:00+00:00"),
]
SMF1_POSTS = [
    ("5501", 1, "Moss", "11", "2020-04-04T09:22:51+00:00"),
    ("5502", 2, "Reed", "12", "2020-04-05T10:00:00+00:00"),
    ("5503", 3, "Moss", "11", "2020-04-06T23:30:00+00:00"),
]


@pytest.fixture(scope="module")
def server():
    server = serve_pages(SITE)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawl(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("smf-crawl")
    run_crawl([server.url(SMF21), server.url(SMF1)], out)
    return out


def test_the_crawl_followed_both_topics_to_their_last_page(crawl, server):
    fetched = set(warc_uris(crawl / "warc", pages_only=True))
    pages = {server.url(SMF21), server.url(SMF21 + "start-3/"), server.url(SMF21 + "start-6/"),
             server.url(SMF1), server.url(SMF1 + "start-2/")}
    assert fetched - {server.url("/robots.txt")} == pages


def posts_of(db, topic: str) -> list[dict]:
    return list(db.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_id, p.published_at, p.text"
        " from posts p join threads t on t.id = p.thread_id left join authors a on a.id = p.author_id"
        " where t.native_id = ? order by p.position", [topic]))


def test_the_database_holds_every_smf21_post_with_its_author(crawl):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = posts_of(db, "77")
    assert [(r["native_id"], r["position"], r["author_name"], r["author_id"], r["published_at"]) for r in rows] == SMF21_POSTS
    assert [r["page"] for r in rows] == [1, 1, 1, 2, 2, 2, 3, 3]
    assert rows[5]["text"] == "Quiet and cheap."  # Gina's quoted words are not Bob's
    assert all("keeps fish" not in r["text"] for r in rows)  # signatures
    (quote,) = db.query("select q.quoted_author, q.quoted_post_id, q.quoted_at from quotes q"
                        " join posts p on p.id = q.post_id where p.native_id = '9706'")
    assert (quote["quoted_author"], quote["quoted_post_id"], quote["quoted_at"]) == (
        "Guest Gina", "9705", "2024-03-04T18:45:00+00:00")


def test_the_database_holds_every_smf1_post_with_its_author(crawl):
    db = sqlite_utils.Database(crawl / "archive.db")
    rows = posts_of(db, "55")
    assert [(r["native_id"], r["position"], r["author_name"], r["author_id"], r["published_at"]) for r in rows] == SMF1_POSTS
    assert [r["page"] for r in rows] == [1, 1, 2]


def test_threads_and_captures(crawl, server):
    db = sqlite_utils.Database(crawl / "archive.db")
    threads = {r["native_id"]: r for r in db.query("select native_id, title, page_count from threads")}
    assert (threads["77"]["title"], threads["77"]["page_count"]) == ("Filters", 3)
    assert (threads["55"]["title"], threads["55"]["page_count"]) == ("Clear water", 2)
    captures = list(db.query("select engine, kind from captures where url != ?", [server.url("/robots.txt")]))
    assert len(captures) == 5 and all((c["engine"], c["kind"]) == ("smf", "thread_page") for c in captures)
