"""Every callback of the project's spiders passes Scrapy's own "generator with a return value"
check (a value returned from a generator callback is silently lost). The crawl switches the check
off (WARN_ON_GENERATOR_RETURN_VALUE, docs/settings.md) because Scrapy repeats it on every response;
this test runs it once instead, over every method of every spider the project ships."""

from __future__ import annotations

import inspect

from scrapy.utils.misc import is_generator_with_return_value
from scrapy.utils.project import get_project_settings
from scrapy.spiderloader import SpiderLoader

from crawler import settings as project_settings


def spider_methods():
    loader = SpiderLoader.from_settings(get_project_settings())
    for name in loader.list():
        spider = loader.load(name)
        for attribute, function in inspect.getmembers(spider, inspect.isfunction):
            if function.__module__.startswith("crawler."):
                yield f"{name}.{attribute}", function


def test_the_crawl_switches_the_repeated_check_off():
    assert project_settings.WARN_ON_GENERATOR_RETURN_VALUE is False


def test_no_spider_generator_returns_a_value():
    checked = dict(spider_methods())
    # The callbacks the spiders name: all of them are among the methods checked.
    assert {"forum.parse_thread_page", "forum.requisite_archived", "news.parse_article"} <= set(checked), sorted(checked)
    assert [name for name, function in checked.items() if is_generator_with_return_value(function)] == []
