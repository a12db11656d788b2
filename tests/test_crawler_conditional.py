"""Conditional requests (``crawler/middlewares/conditional.py``) against a real crawl's archive:
validators for a URL the archive holds, and for an origin it has never captured one lookup in all,
each request marked as unseen so the WARC extension skips its revisit lookup too."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from scrapy import Request

from crawler.demo import SAMPLE_TOPIC
from crawler.middlewares.conditional import META, UNSEEN_META, ConditionalRequests
from parsers.registry import CUT_SHORT


def middleware_with_trace(sample_crawl, tmp_path) -> tuple[ConditionalRequests, list[str], str]:
    db_path = tmp_path / "archive.db"
    shutil.copy(sample_crawl / "archive.db", db_path)
    middleware = ConditionalRequests(str(db_path))
    statements: list[str] = []
    middleware.connection().set_trace_callback(statements.append)
    return middleware, statements, str(db_path)


def test_an_archived_url_goes_out_with_its_validators(sample_crawl, sample_server, tmp_path):
    middleware, statements, db_path = middleware_with_trace(sample_crawl, tmp_path)
    request = Request(sample_server.url(SAMPLE_TOPIC))
    assert middleware.process_request(request) is None
    assert request.headers.get(b"If-None-Match") and META in request.meta and UNSEEN_META not in request.meta
    other = Request(sample_server.url(SAMPLE_TOPIC + "page/9/"))  # same board, never captured: looked up
    middleware.process_request(other)
    assert other.meta[UNSEEN_META] == (db_path, other.url) and b"If-None-Match" not in other.headers
    assert sum("from captures where url = '" in s for s in statements) == 2  # (statements as run, values in)


def test_an_origin_the_archive_never_captured_is_asked_about_once(sample_crawl, tmp_path):
    middleware, statements, db_path = middleware_with_trace(sample_crawl, tmp_path)
    requests = [Request(f"http://new-board.example/topic/{n}/") for n in range(5)]
    for request in requests:
        assert middleware.process_request(request) is None
        assert request.meta[UNSEEN_META] == (db_path, request.url)
        assert b"If-None-Match" not in request.headers and META not in request.meta
    assert len([s for s in statements if "from captures" in s]) == 1


@pytest.mark.parametrize("lost", [CUT_SHORT, "post 504: no post body found; post skipped"],
                         ids=["cut short", "a post passed over"])
def test_a_page_archived_with_part_of_it_not_read_is_fetched_whole_again(sample_crawl, sample_server, tmp_path,
                                                                          lost):
    # The newest capture of the topic's first page as if its download had stopped early, or as if
    # a post of it was not read (its parse says so, parsers/losses.py): asking "changed since?"
    # would get a 304 and keep the page as it was read forever.
    middleware, _statements, db_path = middleware_with_trace(sample_crawl, tmp_path)
    url = sample_server.url(SAMPLE_TOPIC)
    with sqlite3.connect(db_path) as db:
        (newest,) = db.execute("select id from captures where url = ? and status = 200 order by captured_at desc "
                               "limit 1", [url]).fetchone()
        db.execute("update captures set errors = ? where id = ?", [json.dumps([lost]), newest])
    request = Request(url)
    assert middleware.process_request(request) is None
    assert b"If-None-Match" not in request.headers and b"If-Modified-Since" not in request.headers
    assert META not in request.meta
