"""crawler.items: the items carry the parse contract's fields, and Scrapy's exporters write them."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import datetime, timezone

import pytest
from itemadapter import ItemAdapter, is_item
from scrapy.exporters import JsonLinesItemExporter

from crawler.items import ArticleItem, CsvItemExporter, PostItem
from parsers.models import Article, Author, Block, PageResult, Post, Quote, Thread

UTC = timezone.utc
WHERE_POST = ["thread_id", "thread_title", "thread_url", "page", "engine", "page_url", "capture_id"]
WHERE_ARTICLE = ["page_url", "capture_id"]


def sample_page() -> PageResult:
    post = Post(post_id="77", url="https://f.example/topic/5-x/?do=findComment&comment=77", position=4,
                position_on_page=1, author=Author("Smith, Jr.", "12", "https://f.example/profile/12-smith/"),
                published_at=datetime(2021, 11, 9, 18, 35, 7, tzinfo=UTC), text="Agreed.",
                html="<blockquote>Drones?</blockquote><p>Agreed.</p>", reactions={"Thanks": 3},
                quotes=[Quote(author="jg1", citation="jg1 said:", text="Drones?")])
    thread = Thread(id="5", title="Drones", url="https://f.example/topic/5-x/", forum=["Iraq"], page=2, page_count=3)
    return PageResult(kind="thread_page", url="https://f.example/topic/5-x/page/2/", engine="ips", thread=thread,
                      posts=[post])


def sample_article() -> Article:
    return Article(url="https://n.example/a/1", canonical_url="https://n.example/a/1", main=True, site="n.example",
                   language="en", title="Budget vote", authors=["A. Writer"], tags=["economy", "vote, budget"],
                   published_at=datetime(2024, 3, 1, 9, tzinfo=timezone.utc),
                   blocks=[Block("paragraph", "First."), Block("paragraph", "Second.")])


def test_item_fields_are_the_contract_fields_then_where_they_were_read():
    page = sample_page()
    post_fields = [f.name for f in dataclasses.fields(PostItem)]
    assert post_fields == [*page.posts[0].to_dict(), *WHERE_POST]
    article_fields = [f.name for f in dataclasses.fields(ArticleItem)]
    assert article_fields == [*sample_article().to_dict(), *WHERE_ARTICLE]


def test_post_item_is_the_post_as_the_contract_prints_it_with_its_thread():
    page = sample_page()
    item = PostItem.from_post(page.posts[0], page, page.url, "<urn:uuid:1>")
    assert is_item(item)
    exported = ItemAdapter(item).asdict()
    assert {k: exported[k] for k in page.posts[0].to_dict()} == page.posts[0].to_dict()
    assert {k: exported[k] for k in WHERE_POST} == {
        "thread_id": "5", "thread_title": "Drones", "thread_url": "https://f.example/topic/5-x/", "page": 2,
        "engine": "ips", "page_url": "https://f.example/topic/5-x/page/2/", "capture_id": "<urn:uuid:1>"}
    assert exported["published_at"] == "2021-11-09T18:35:07+00:00"


def test_article_item_is_the_article_as_the_contract_prints_it():
    article = sample_article()
    item = ArticleItem.from_article(article, "https://n.example/a/1?ref=feed", None)
    assert ItemAdapter(item).asdict() == {**article.to_dict(), "page_url": "https://n.example/a/1?ref=feed",
                                          "capture_id": None}
    assert item.text == "First.\n\nSecond."


def test_a_contract_field_the_item_does_not_declare_fails_at_once():
    page = sample_page()
    with pytest.raises(TypeError, match="unexpected keyword argument 'mood'"):
        PostItem(**page.posts[0].to_dict(), mood="happy")


def test_jsonl_export_keeps_nested_fields_as_json():
    page = sample_page()
    out = io.BytesIO()
    exporter = JsonLinesItemExporter(out, ensure_ascii=False)
    exporter.export_item(PostItem.from_post(page.posts[0], page, page.url, "<urn:uuid:1>"))
    line = json.loads(out.getvalue().decode("utf-8"))
    assert line["author"] == {"name": "Smith, Jr.", "id": "12", "url": "https://f.example/profile/12-smith/"}
    assert line["quotes"][0]["citation"] == "jg1 said:" and line["reactions"] == {"Thanks": 3}


def test_csv_export_writes_lists_and_mappings_as_json_text():
    page = sample_page()
    out = io.BytesIO()
    exporter = CsvItemExporter(out)
    exporter.start_exporting()
    exporter.export_item(PostItem.from_post(page.posts[0], page, page.url, "<urn:uuid:1>"))
    exporter.finish_exporting()
    [row] = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert list(row) == [f.name for f in dataclasses.fields(PostItem)]
    assert json.loads(row["author"])["name"] == "Smith, Jr."  # a comma in a name survives
    assert json.loads(row["reactions"]) == {"Thanks": 3} and json.loads(row["quotes"])[0]["author"] == "jg1"
    assert row["text"] == "Agreed." and row["published_at"] == "2021-11-09T18:35:07+00:00"
    assert row["news_repost"] == "False" and row["comment"] == ""

    out = io.BytesIO()
    exporter = CsvItemExporter(out)
    exporter.start_exporting()
    exporter.export_item(ArticleItem.from_article(sample_article(), "https://n.example/a/1", None))
    exporter.finish_exporting()
    [row] = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert json.loads(row["tags"]) == ["economy", "vote, budget"] and json.loads(row["authors"]) == ["A. Writer"]
