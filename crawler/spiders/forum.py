"""The ``forum`` spider: every page of each thread it is given, by the engine's pagination.

    scrapy crawl forum -a url=THREAD_URL
    scrapy crawl forum -a urls=URL1,URL2
    scrapy crawl forum -a urls_file=threads.txt   (one URL a line, # comments allowed)
    scrapy crawl forum -a url=THREAD_URL -a engine=ips   (skip engine detection)

The spider only fetches and follows. Archiving and parsing happen in the WARC extension, which
leaves the parse result in ``response.meta["page_result"]``; the spider parses itself only when
that extension is switched off. It follows a next-page link only when it stays on the same
host and the page it leads to belongs to the same thread.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import UsageError

from crawler.spiders.start_urls import start_urls
from parsers.registry import ENGINES, parse_page


class ForumSpider(scrapy.Spider):
    name = "forum"

    def __init__(self, url: str | None = None, urls: str | None = None, urls_file: str | None = None,
                 engine: str | None = None, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.start_urls = thread_urls(url, urls, urls_file)
        if engine is not None and engine not in ENGINES:
            raise UsageError(f"unknown engine {engine!r}; known engines: {', '.join(ENGINES)}")
        self.engine = engine

    async def start(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_thread_page, meta={"thread_start": url})

    def parse_thread_page(self, response):
        result = response.meta.get("page_result")
        if result is None and "archive_capture_id" not in response.meta:
            result = parse_page(response.body, response.url, datetime.now(timezone.utc),
                                content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
                                status=response.status, engine=self.engine)
        if result is None:
            return
        expected_thread = response.meta.get("thread_id")
        thread_id = result.thread.id if result.thread else None
        if expected_thread and thread_id != expected_thread:
            self.logger.warning("%s belongs to thread %s, not %s: not following it", response.url,
                                thread_id, expected_thread)
            return
        yield {
            "url": response.url,
            "kind": result.kind,
            "capture_id": response.meta.get("archive_capture_id"),
            "thread_id": thread_id,
            "page": result.thread.page if result.thread else None,
            "posts": len(result.posts),
            "reason": result.reason,
            "errors": result.errors,
        }
        if result.kind != "thread_page":
            return
        for next_url in filter(None, [result.next_page_url, *result.follow_urls]):
            if urlsplit(next_url).netloc == urlsplit(response.url).netloc:
                yield response.follow(next_url, callback=self.parse_thread_page,
                                      meta={"thread_start": response.meta["thread_start"], "thread_id": thread_id})


def thread_urls(url: str | None, urls: str | None, urls_file: str | None) -> list[str]:
    """The thread URLs from the spider arguments, in order, without duplicates."""
    return start_urls(url, urls, urls_file, required="the thread(s) to crawl")
