"""Typed records that every parser returns: the parse contract.

The JSON form of these records (``PageResult.to_dict()``) is the stable contract printed by
``forum-archiver parse`` and described by ``parsers/schema/parse_result.schema.json``; the
field table lives in ``docs/parse-contract.md``. Keep the three in step.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .requisites import Requisite

PAGE_KINDS = ("thread_page", "forum_page", "article_page", "blocked", "unsupported")


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with an explicit UTC offset, or None (the contract never emits naive times)."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError(f"naive datetime in a parse result: {value!r}")
    return value.isoformat()


@dataclass
class Author:
    name: str | None
    id: str | None = None
    url: str | None = None


@dataclass
class Quote:
    """A quoted passage inside a post; ``quotes`` holds the quotes nested inside it."""

    author: str | None
    author_id: str | None = None
    post_id: str | None = None
    thread_id: str | None = None
    published_at: datetime | None = None
    citation: str | None = None
    text: str = ""
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "author": self.author,
            "author_id": self.author_id,
            "post_id": self.post_id,
            "thread_id": self.thread_id,
            "published_at": iso(self.published_at),
            "citation": self.citation,
            "text": self.text,
            "quotes": [q.to_dict() for q in self.quotes],
        }


def every_quote(quotes: list[Quote]):
    """Each of ``quotes`` and every quote nested in them, a quote before the quotes inside it.

    Why a stack and not a recursive inner function: a function defined inside another that calls
    itself holds itself in its closure, a reference cycle only the garbage collector frees, with
    all it holds (a page's posts, elements and so its whole tree): a collection in the middle of
    later pages, milliseconds each, and the trees kept in memory until then."""
    stack = list(reversed(quotes))
    while stack:
        quote = stack.pop()
        yield quote
        stack.extend(reversed(quote.quotes))


@dataclass
class Link:
    """A link, image or attachment in a post: where it points and what a reader sees of it."""

    url: str
    text: str | None = None


@dataclass
class Post:
    post_id: str
    url: str | None
    position: int
    author: Author
    published_at: datetime | None
    text: str
    html: str
    position_on_page: int | None = None
    edited_at: datetime | None = None
    edited_by: str | None = None
    reactions: dict[str, int] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Link] = field(default_factory=list)
    attachments: list[Link] = field(default_factory=list)
    embeds: list[dict] = field(default_factory=list)
    news_repost: bool = False
    comment: str | None = None  # the poster's words beside a reposted article (see parsers.reposts)

    def to_dict(self) -> dict:
        return {
            "post_id": self.post_id,
            "url": self.url,
            "position": self.position,
            "position_on_page": self.position_on_page,
            "author": asdict(self.author),
            "published_at": iso(self.published_at),
            "edited_at": iso(self.edited_at),
            "edited_by": self.edited_by,
            "text": self.text,
            "html": self.html,
            "reactions": dict(self.reactions),
            "quotes": [q.to_dict() for q in self.quotes],
            "links": [{"url": link.url, "text": link.text} for link in self.links],
            "images": [{"url": image.url, "alt": image.text} for image in self.images],
            "attachments": [{"url": a.url, "name": a.text} for a in self.attachments],
            "embeds": list(self.embeds),
            "news_repost": self.news_repost,
            "comment": self.comment,
        }


@dataclass
class Thread:
    id: str | None
    title: str | None
    url: str | None
    forum: list[str] = field(default_factory=list)
    page: int = 1
    page_count: int = 1
    starter: Author | None = None
    started_at: datetime | None = None
    tags: list[str] = field(default_factory=list)
    # Replies the engine says the thread has (posts less the first), where a page shows it: what
    # the archive's post count is checked against (forum-archiver check).
    reply_count: int | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "url": self.url, "forum": list(self.forum),
            "page": self.page, "page_count": self.page_count, "reply_count": self.reply_count,
            "starter": asdict(self.starter) if self.starter else None,
            "started_at": iso(self.started_at), "tags": list(self.tags),
        }


@dataclass
class Block:
    """One piece of an article body, in reading order."""

    type: str  # "paragraph", "subheading", "quote", "list" (items one a line) or "table" (rows one a line, cells " | ")
    text: str


@dataclass
class Image:
    url: str
    caption: str | None = None
    credit: str | None = None


@dataclass
class Article:
    """A news article. ``main`` is the page's own article; the others were appended to it
    (infinite scroll) and are never part of its body."""

    url: str
    canonical_url: str | None
    main: bool
    site: str | None
    language: str | None
    title: str | None
    summary: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published_at: datetime | None = None  # with the page's own UTC offset
    updated_at: datetime | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    def to_dict(self) -> dict:
        return {
            "url": self.url, "canonical_url": self.canonical_url, "main": self.main, "site": self.site,
            "language": self.language, "title": self.title, "summary": list(self.summary),
            "authors": list(self.authors), "publisher": self.publisher, "published_at": iso(self.published_at),
            "updated_at": iso(self.updated_at), "section": self.section, "tags": list(self.tags),
            "text": self.text, "blocks": [asdict(b) for b in self.blocks],
            "images": [asdict(i) for i in self.images],
        }


@dataclass
class ListedThread:
    """A thread as a forum's listing shows it: enough to tell whether it changed since the archive saw it."""

    url: str
    id: str | None
    title: str | None
    replies: int | None
    last_post_at: datetime | None

    def to_dict(self) -> dict:
        return {"url": self.url, "id": self.id, "title": self.title, "replies": self.replies,
                "last_post_at": iso(self.last_post_at)}


@dataclass
class PageResult:
    """What one fetched page turned out to be.

    ``errors`` records every place where the page did not fit the parser (a post without an
    author, a time that would not parse): the archive stores them instead of guessing.
    ``reason`` says why a page is not content (``blocked``, ``unsupported``); on a thread page it
    says how a parser without an engine of its own read it (the generic parser: "read by the
    generic parser from 45 sibling post blocks ...") and is None for engine parsers.
    """

    kind: str
    url: str
    engine: str | None = None
    canonical_url: str | None = None
    next_page_url: str | None = None
    # Further URLs that hold the rest of this thread, beyond the next page (the Discourse API
    # lists every post id, fetched in batches): the spider fetches them all.
    follow_urls: list[str] = field(default_factory=list)
    thread: Thread | None = None
    posts: list[Post] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    listed_threads: list[ListedThread] = field(default_factory=list)
    reason: str | None = None
    errors: list[str] = field(default_factory=list)
    # The page's own stylesheets, icons and pictures, read from the parse's tree before any engine
    # edits it, when the caller asks (``parse_page(..., requisites=True)``: the crawler, which
    # fetches them; :func:`parsers.requisites.page_requisites`). None when not asked: not part of
    # the parse contract, not stored.
    requisites: list[Requisite] | None = None

    def __post_init__(self) -> None:
        if self.kind not in PAGE_KINDS:
            raise ValueError(f"unknown page kind {self.kind!r}")

    def to_dict(self) -> dict:
        if self.kind == "forum_page":
            return {"kind": self.kind, "engine": self.engine, "url": self.url, "next_page_url": self.next_page_url,
                    "threads": [t.to_dict() for t in self.listed_threads], "errors": list(self.errors)}
        if self.kind == "article_page":
            return {"kind": self.kind, "engine": self.engine, "url": self.url, "canonical_url": self.canonical_url,
                    "articles": [a.to_dict() for a in self.articles], "errors": list(self.errors)}
        if self.kind != "thread_page":
            return {"kind": self.kind, "url": self.url, "engine": self.engine,
                    "reason": self.reason, "errors": list(self.errors)}
        return {
            "kind": self.kind,
            "engine": self.engine,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "next_page_url": self.next_page_url,
            "follow_urls": list(self.follow_urls),
            "thread": self.thread.to_dict() if self.thread else None,
            "posts": [p.to_dict() for p in self.posts],
            "reason": self.reason,
            "errors": list(self.errors),
        }
