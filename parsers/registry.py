"""Pick the parser for a page and run it: the one entry point the crawler and replay call.

``parse_page`` is a pure function of (bytes, URL, capture time, Content-Type, HTTP status): no
network, no database, no clock. Engines are tried in ``ENGINES`` order unless one is named.
Each call builds its own tree, and an engine's ``parse`` may edit that tree as it reads it.
"""

from __future__ import annotations

import json
from datetime import datetime

from lxml import etree
from parsel import Selector

from . import blocked, discourse, ips, mybb, news, phpbb, smf, vbulletin, xenforo
from .html_text import decode_body
from .models import PageResult, Post
from .reposts import KNOWN_OUTLETS, find_reposts

# Forum engines first, news last: a forum page may also declare og:type=article.
ENGINES = {module.ENGINE: module for module in (ips, xenforo, phpbb, vbulletin, smf, mybb, discourse, news)}


# A plain lxml HTML tree, built as parsel builds its own, but without lxml.html's element classes:
# their Python-level class lookup runs for every element the parsers touch.
_HTML_PARSER = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)


def build_tree(text: str):
    """The lxml tree of a decoded page (an empty <html/> for a page lxml cannot read)."""
    body = text.strip().replace("\x00", "").encode("utf-8")
    root = etree.fromstring(body, parser=_HTML_PARSER) if body else None
    return root if root is not None else etree.fromstring(b"<html/>")


def detect_engine(doc: Selector) -> str | None:
    """The name of the first engine whose markup signature the page carries."""
    for name, module in ENGINES.items():
        if module.detect(doc):
            return name
    return None


def parse_page(body: bytes, url: str, captured_at: datetime, content_type: str | None = None,
               status: int = 200, engine: str | None = None, outlets: tuple[str, ...] = ()) -> PageResult:
    """Parse one fetched page into a :class:`PageResult`.

    :param body: the decoded-transfer body (Content-Encoding already undone), as bytes
    :param url: the URL the page was fetched from (relative links resolve against it)
    :param captured_at: the capture (WARC) time; relative dates resolve against it
    :param content_type: the Content-Type header, for the charset
    :param status: the HTTP status code
    :param engine: force an engine by name instead of detecting it
    :param outlets: news outlets to recognise in reposts, beyond :data:`parsers.reposts.KNOWN_OUTLETS`
    """
    if captured_at.tzinfo is None:
        raise ValueError("captured_at must be timezone-aware")
    text = decode_body(body, content_type)
    if not text.strip():
        return PageResult(kind="unsupported", url=url, reason=f"empty body (HTTP {status})")
    data = _json_document(text, content_type)
    if data is not None:
        return _parse_json(data, url, captured_at, status, engine, outlets)
    doc = Selector(root=build_tree(text), type="html")
    challenge = blocked.challenge_reason(doc, text, status)
    if challenge:
        return PageResult(kind="blocked", url=url, reason=challenge)
    if engine is not None and engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    name = engine or detect_engine(doc)
    if name is None:
        title = " ".join(doc.css("title::text").get("").split())
        return PageResult(kind="unsupported", url=url, reason=f"no parser recognises this page (HTTP {status}): {title}")
    result = ENGINES[name].parse(doc, url, captured_at)
    if result.kind == "thread_page":
        mark_reposts(result.posts, KNOWN_OUTLETS + tuple(outlets))
    if result.kind == "thread_page" and status >= 400:
        result.errors.append(f"HTTP {status} page parsed as a thread page")
    if result.kind == "article_page" and status >= 400:
        # An error page in a news crawl still has "text"; it is not an article.
        return PageResult(kind="unsupported", url=url, engine=result.engine,
                          reason=f"HTTP {status}: an error page, not an article")
    if result.kind == "unsupported" and status >= 400:
        result.reason = f"HTTP {status}: {result.reason}"
    return result


def mark_reposts(posts: list[Post], outlets: tuple[str, ...]) -> None:
    """Fill each post's ``embeds``, ``news_repost`` and ``comment`` from the news pasted in it."""
    for post in posts:
        comment, reposts = find_reposts(post.text, post.links, post.published_at, outlets)
        post.embeds = [repost.to_dict() for repost in reposts]
        post.news_repost = bool(reposts)
        post.comment = comment


def _json_document(text: str, content_type: str | None):
    """The decoded JSON of an API response (a dict), or None for anything else."""
    if "json" not in (content_type or "").lower() and not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _parse_json(data: dict, url: str, captured_at: datetime, status: int, engine: str | None,
                outlets: tuple[str, ...]) -> PageResult:
    """API responses (Discourse's topic JSON): engines that read JSON expose detect_json/parse_json."""
    for name, module in ENGINES.items():
        if hasattr(module, "parse_json") and (engine == name or (engine is None and module.detect_json(data))):
            result = module.parse_json(data, url, captured_at)
            if result.kind == "thread_page":
                mark_reposts(result.posts, KNOWN_OUTLETS + tuple(outlets))
            return result
    return PageResult(kind="unsupported", url=url, reason=f"JSON that no parser reads (HTTP {status})")
