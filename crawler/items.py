"""The items the spiders yield: one :class:`PostItem` per forum post, one :class:`ArticleItem` per news article.

Feed exports turn them into files with no extra code (``-O posts.jsonl``, ``-O posts.csv``). They
are an export: the archive (WARC files and ``archive.db``) stays the source of truth, and an item
names the WARC record it was read from (``capture_id``, as ``posts.capture_id``).

Each item carries the fields of the parse contract (``Post.to_dict()`` and ``Article.to_dict()``
in parsers/models.py, docs/parse-contract.md) and, after them, where it was read. They are
dataclasses, as the parse records are: the fields are declared once, typed, in a fixed order (the
columns of a CSV export), and building one from a ``to_dict()`` with a field it does not declare
fails at once, so the items cannot drift from the contract unnoticed.

CSV cannot hold nested values: :class:`CsvItemExporter` writes each list and mapping (``author``,
``quotes``, ``reactions``, ``tags``, ...) as JSON text; the spiders register it for ``csv`` feeds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from scrapy.exporters import CsvItemExporter as ScrapyCsvItemExporter

from parsers.models import Article, PageResult, Post


@dataclass
class PostItem:
    """One forum post, as the parse contract's ``posts[]`` (docs/parse-contract.md), with its thread."""

    post_id: str
    url: str | None
    position: int
    position_on_page: int | None
    author: dict  # {name, id, url}
    published_at: str | None
    edited_at: str | None
    edited_by: str | None
    text: str
    html: str
    reactions: dict = field(default_factory=dict)
    quotes: list = field(default_factory=list)
    links: list = field(default_factory=list)
    images: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    embeds: list = field(default_factory=list)
    news_repost: bool = False
    comment: str | None = None
    # Where it was read.
    thread_id: str | None = None
    thread_title: str | None = None
    thread_url: str | None = None
    page: int | None = None
    engine: str | None = None
    page_url: str | None = None
    capture_id: str | None = None

    @classmethod
    def from_post(cls, post: Post, result: PageResult, page_url: str, capture_id: str | None) -> PostItem:
        thread = result.thread
        return cls(**post.to_dict(), thread_id=thread.id if thread else None,
                   thread_title=thread.title if thread else None, thread_url=thread.url if thread else None,
                   page=thread.page if thread else None, engine=result.engine, page_url=page_url,
                   capture_id=capture_id)


@dataclass
class ArticleItem:
    """One news article, as the parse contract's ``articles[]`` (docs/parse-contract.md)."""

    url: str
    canonical_url: str | None
    main: bool
    site: str | None
    language: str | None
    title: str | None
    summary: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    publisher: str | None = None
    published_at: str | None = None
    updated_at: str | None = None
    section: str | None = None
    tags: list = field(default_factory=list)
    text: str = ""
    blocks: list = field(default_factory=list)
    images: list = field(default_factory=list)
    # Where it was read.
    page_url: str | None = None
    capture_id: str | None = None

    @classmethod
    def from_article(cls, article: Article, page_url: str, capture_id: str | None) -> ArticleItem:
        return cls(**article.to_dict(), page_url=page_url, capture_id=capture_id)


def read_from(response) -> str | None:
    """The id of the WARC record a response's parse was read from (``captures.id``, as
    ``posts.capture_id``): the exchange's own record, or for a revisit (a 304, or a body identical
    to an earlier capture's) the record holding the body. None when the archive is switched off."""
    meta = response.meta
    return meta.get("archive_read_from") or meta.get("archive_capture_id")


class CsvItemExporter(ScrapyCsvItemExporter):
    """Scrapy's CSV exporter, with lists and mappings written as JSON text (Scrapy joins a list of
    strings with commas, which an author "Smith, Jr." would break, and writes a dict's repr)."""

    def serialize_field(self, field, name, value):
        if isinstance(value, (dict, list, tuple)):
            return json.dumps(value, ensure_ascii=False)
        return super().serialize_field(field, name, value)


# The spiders' custom_settings: CSV feeds through the exporter above.
FEED_EXPORTERS = {"csv": "crawler.items.CsvItemExporter"}
