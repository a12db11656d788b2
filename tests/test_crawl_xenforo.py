"""A real ``scrapy crawl forum`` of two small XenForo threads on a loopback server.

tests/data/xenforo_site/ holds a XenForo 2 thread of three pages (/threads/paper-jams.700/, its
``pageNav-jump--next`` links root-relative) and a XenForo 1 thread of two pages under /forum/
(relative links against ``<base href>``, the next page only in the PageNav's ``data-baseurl``).
"""

from __future__ import annotations

import json

import pytest
import sqlite_utils
from conftest import DATA, run_crawl, serve_pages

SITE = DATA / "xenforo_site"
XF2_THREAD = "/threads/paper-jams.700/"
XF1_THREAD = "/forum/threads/old-faxes.800/"


@pytest.fixture(scope="module")
def xenforo_server():
    server = serve_pages(SITE)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawl(xenforo_server, tmp_path_factory):
    out = tmp_path_factory.mktemp("xenforo-crawl")
    run_crawl([xenforo_server.url(XF2_THREAD), xenforo_server.url(XF1_THREAD)], out)
    return sqlite_utils.Database(out / "archive.db")


def test_the_crawl_followed_each_thread_to_its_last_page(crawl, xenforo_server):
    fetched = {row["url"]: (row["kind"], row["engine"], row["page"])
               for row in crawl.query("select url, kind, engine, page from captures where status = 200")}
    base = xenforo_server.base_url
    assert fetched == {
        base + "/robots.txt": (None, None, None),
        base + XF2_THREAD: ("thread_page", "xenforo", 1),
        base + XF2_THREAD + "page-2": ("thread_page", "xenforo", 2),
        base + XF2_THREAD + "page-3": ("thread_page", "xenforo", 3),
        base + XF1_THREAD: ("thread_page", "xenforo", 1),
        base + XF1_THREAD + "page-2": ("thread_page", "xenforo", 2),
    }
    errors = [row["errors"] for row in crawl.query("select errors from captures where kind = 'thread_page'")]
    assert all(not e or json.loads(e) == [] for e in errors)


def test_every_post_is_stored_with_its_author(crawl):
    rows = list(crawl.query(
        "select p.native_id, p.position, p.page, p.author_name, a.native_id as author_native_id, p.published_at,"
        " p.text, t.native_id as thread from posts p join threads t on t.id = p.thread_id"
        " left join authors a on a.id = p.author_id order by t.native_id, p.position"))
    got = [(r["thread"], r["native_id"], r["position"], r["page"], r["author_name"], r["author_native_id"])
           for r in rows]
    assert got == [
        ("700", "7001", 1, 1, "Ink Jet", "77"),
        ("700", "7002", 2, 1, "Paper Pat", "78"),
        ("700", "7003", 3, 1, "Visitor Vic", None),
        ("700", "7004", 4, 2, "Ink Jet", "77"),
        ("700", "7005", 5, 2, "Toner Tom", "88"),
        ("700", "7006", 6, 2, "Paper Pat", "78"),
        ("700", "7007", 7, 3, "Ink Jet", "77"),
        ("800", "8001", 1, 1, "Fax Fan", "11"),
        ("800", "8002", 2, 1, "Paper Pat", "12"),
        ("800", "8003", 3, 2, "Guest Gus", None),
    ]
    by_id = {r["native_id"]: r for r in rows}
    assert by_id["7001"]["published_at"] == "2024-05-01T08:00:00+00:00"
    # XenForo 1 printed dates, read in the forum's zone (UTC-5, from serverTimeInfo).
    assert by_id["8001"]["published_at"] == "2015-03-02T12:40:00+00:00"
    assert by_id["8003"]["published_at"] == "2015-03-04T02:15:00+00:00"
    assert by_id["7002"]["text"] == "Feed it less." and by_id["8002"]["text"] == "The paper fades."


def test_threads_quotes_edits_and_reactions_are_stored(crawl):
    threads = {r["native_id"]: r for r in crawl.query("select * from threads")}
    assert (threads["700"]["title"], json.loads(threads["700"]["forum"]), threads["700"]["page_count"]) == (
        "Paper jams", ["Forums", "Printers"], 3)
    assert (threads["800"]["title"], json.loads(threads["800"]["forum"]), threads["800"]["page_count"]) == (
        "Old faxes", ["Forums", "Office Gear"], 2)
    quotes = {(q["native_id"], q["quoted_author"], q["quoted_post_id"], q["quoted_at"], q["text"])
              for q in crawl.query("select p.native_id, q.* from quotes q join posts p on p.id = q.post_id")}
    assert quotes == {
        ("7002", "Ink Jet", "7001", "2024-05-01T08:00:00+00:00", "My printer eats paper."),
        ("7007", "Paper Pat", "7006", None, "Or the paper."),  # quoted from the page before: no time on this page
        ("8002", "Fax Fan", "8001", "2015-03-02T12:40:00+00:00", "Anyone still own a thermal fax?"),
    }
    edited = list(crawl.query("select native_id, edited_at, edited_by from posts where edited_at is not null"))
    assert [(r["native_id"], r["edited_at"], r["edited_by"]) for r in edited] == [
        ("7004", "2024-05-02T08:30:00+00:00", "Ink Jet")]
    reactions = {(r["native_id"], r["name"], r["count"]) for r in crawl.query(
        "select p.native_id, r.name, r.count from reactions r join posts p on p.id = r.post_id")}
    assert reactions == {("7001", "Like", 3), ("8002", "Like", 1)}
