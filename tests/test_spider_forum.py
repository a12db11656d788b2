"""crawler.spiders.forum: start URLs from the spider arguments."""

from __future__ import annotations

import pytest
from scrapy.exceptions import UsageError

from crawler.spiders.forum import ForumSpider, thread_urls


def test_url_urls_and_file_combine_in_order_without_duplicates(tmp_path):
    listing = tmp_path / "threads.txt"
    listing.write_text("# my threads\nhttps://f.example/topic/3-c/\n\nhttps://f.example/topic/1-a/  # again\n")
    assert thread_urls("https://f.example/topic/1-a/", "https://f.example/topic/2-b/,", str(listing)) == [
        "https://f.example/topic/1-a/", "https://f.example/topic/2-b/", "https://f.example/topic/3-c/"]


@pytest.mark.parametrize("kwargs, message", [
    ({"url": "ftp://f.example/x"}, r"not http\(s\)"),
    ({"urls_file": "/nonexistent/threads.txt"}, "does not exist"),
])
def test_bad_arguments_are_usage_errors(kwargs, message):
    with pytest.raises(UsageError, match=message):
        thread_urls(kwargs.get("url"), kwargs.get("urls"), kwargs.get("urls_file"))


def test_no_thread_is_a_usage_error_unless_the_seeds_come_from_a_cluster():
    from scrapy.utils.test import get_crawler

    with pytest.raises(UsageError, match="give the thread"):
        ForumSpider.from_crawler(get_crawler(ForumSpider, {"ARCHIVE_ENABLED": False}))
    worker = ForumSpider.from_crawler(get_crawler(ForumSpider, {"ARCHIVE_ENABLED": False,
                                                                "ARCHIVE_CLUSTER": "redis://127.0.0.1:1/0"}))
    assert worker.start_urls == []


def test_unknown_engine_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown engine"):
        ForumSpider(url="https://f.example/topic/1-a/", engine="nosuch")
