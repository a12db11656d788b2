"""The bare spider of the crawl benchmark: fetch thread pages and follow their next-page link, nothing else.

Why: the crawl benchmark needs a baseline of what Scrapy itself costs on the same pages, with
the same settings and the same pagination, so that the ``forum`` spider's parsing and the
archive's writing can be read as ratios of it. This spider finds the next page with one regular
expression over the bytes (the ``<link rel="next">`` the generated pages carry) and keeps nothing.

    python -m scrapy runspider bench/crawl_spiders.py -a urls=URL1,URL2,...
"""

from __future__ import annotations

import re

import scrapy

_NEXT = re.compile(rb'<link rel="next" href="([^"]+)"')


class BareThreadSpider(scrapy.Spider):
    name = "bare_threads"

    def __init__(self, urls: str = "", urls_file: str = "", *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if urls_file:
            with open(urls_file, encoding="utf-8") as lines:
                self.start_urls = [line.strip() for line in lines if line.strip()]
        else:
            self.start_urls = [url for url in urls.split(",") if url]

    async def start(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response):
        found = _NEXT.search(response.body)
        if found:
            yield scrapy.Request(found.group(1).decode("ascii"), callback=self.parse)
