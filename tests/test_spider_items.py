"""A page with more posts than Scrapy's CONCURRENT_ITEMS (crawler/settings.py) still gives every
post as an item, in page order, and every post in the archive.

Why: the project lowers CONCURRENT_ITEMS from Scrapy's 100 to cut the tasks Scrapy starts per
response (docs/settings.md). The setting bounds how many of a response's outputs are in the item
pipelines at once; this checks that a page with more outputs than that loses none and keeps their
order, through a real crawl of generated Invision Community pages of 25 posts.
"""

from __future__ import annotations

import json

import sqlite_utils

from bench.thread_site import FIRST_POST_ID, ThreadSite
from crawler import settings as project_settings
from tests.conftest import run_crawl

POSTS_A_PAGE, PAGES = 25, 2


def test_every_post_of_a_page_longer_than_concurrent_items_is_an_item_in_order(tmp_path):
    assert POSTS_A_PAGE > project_settings.CONCURRENT_ITEMS
    with ThreadSite(threads=1, pages=PAGES, posts=POSTS_A_PAGE) as site:
        [url] = site.thread_urls()
        run_crawl([url], tmp_path, "-O", str(tmp_path / "posts.jsonl"))
    items = [json.loads(line) for line in (tmp_path / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    # The server numbers the posts of its pages one after another from FIRST_POST_ID.
    expected = [str(FIRST_POST_ID + n) for n in range(POSTS_A_PAGE * PAGES)]
    assert [item["post_id"] for item in items] == expected
    # Positions count through the thread, page after page.
    assert [(item["page"], item["position"]) for item in items] == [
        (1 + n // POSTS_A_PAGE, 1 + n) for n in range(POSTS_A_PAGE * PAGES)]
    stored = sorted(row["native_id"] for row in sqlite_utils.Database(tmp_path / "archive.db")["posts"].rows)
    assert stored == sorted(expected)
