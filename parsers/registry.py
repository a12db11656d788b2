"""Pick the parser for a page and run it: the one entry point the crawler and replay call.

``parse_page`` is a pure function of (bytes, URL, capture time, Content-Type, HTTP status): no
network, no database, no clock but its time budget (:mod:`parsers.budget`). It never raises on
any bytes: a parser bug or a stall costs that page's content only (see ``parse_page``).
Engines are tried in ``ENGINES`` order unless one is named: each engine module has ``ENGINE`` (its
name), ``detect(doc)`` and ``parse(doc, url, captured_at)``, and may have ``claims(root)``, a test of
the page's root and head alone that implies ``detect`` (see :func:`detect_engine`). Each call builds
its own tree, and an engine's ``parse`` may edit that tree as it reads it.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from parsel import Selector

from . import blocked
from . import ips
from . import ipb3
from . import xenforo
from . import phpbb
from . import vbulletin
from . import elkarte
from . import smf
from . import mybb
from . import discourse
from . import vanilla
from . import nodebb
from . import flarum
from . import forumotion
from . import fluxbb
from . import phpbb2
from . import discuz
from . import proboards
from . import bbpress
from . import news
from . import generic
from .browser_tree import MAX_BYTES as BROWSER_MAX_BYTES
from .browser_tree import NESTED_BLOCKS_NOTE, NO_BROWSER_TREE, better_reading, browser_tree, mixed_up_posts
from .budget import DEFAULT_SECONDS, BudgetExceeded, time_budget
from .clock import day_counted_dates, day_counted_error
from .forum_evidence import forum_evidence, nested_post_blocks
from .html_text import decode_page
from .models import PageResult, Post
from .page_tree import READ_COMMENTS, page_tree, without_comments
from .reposts import KNOWN_OUTLETS, find_reposts
from .requisites import tree_requisites
from .shared_post_ids import drop_posts_sharing_an_id
from .tree_memo import TreeMemo
from .values import garbled_name_errors
from .xml_chars import loads_xml_safe

# Forum engines first, news last: a forum page may also declare og:type=article. One engine a line,
# in the order they are tried.
ENGINES = {module.ENGINE: module for module in (
    ips,
    ipb3,
    xenforo,
    phpbb,
    vbulletin,
    elkarte,  # before smf: a fork of SMF 2.0 whose pages say elk_scripturl, never smf_scripturl
    smf,
    mybb,
    discourse,
    vanilla,
    nodebb,
    flarum,
    forumotion,
    fluxbb,
    phpbb2,
    discuz,
    proboards,
    bbpress,  # WordPress's forums: before news, since SEO plugins give its topics og:type=article
    news,
    generic,  # never detected (its detect() is False): the fallback below, or named
)}


def build_tree(text: str):
    """The lxml tree of a decoded page (an empty <html/> for a page lxml cannot read)."""
    return page_tree(text)[0]


def detect_engine(doc: Selector, news_too: bool = True) -> str | None:
    """The name of the first engine whose markup signature the page carries (with ``news_too``
    False, of the forum engines only: :func:`parse_page` asks the news test last, see ``_parse_tree``).

    Two rounds. First the engines that can tell their pages without a walk (``claims``: an id or
    class on ``<html>`` or ``<body>``, a generator meta, a head script, an id from libxml2's table
    of ids; then, on their own pages only, the post check their ``detect`` makes) are asked that,
    in ``ENGINES`` order. Only a page none of them claims goes through every ``detect`` in order,
    whose negative answers walk the page (on a vBulletin page, the engines before vBulletin cost as
    much as a third of building the tree). The answer is the same as asking every ``detect`` in order as
    long as no page carries one engine's root signature and another engine's posts.
    """
    root = doc.root
    for name, module in ENGINES.items():
        claims = getattr(module, "claims", None)
        if claims is not None and claims(root):
            return name
    for name, module in ENGINES.items():
        if (news_too or name != news.ENGINE) and module.detect(doc):
            return name
    return None


def parse_page(body: bytes, url: str, captured_at: datetime, content_type: str | None = None,
               status: int = 200, engine: str | None = None, outlets: tuple[str, ...] = (),
               budget_seconds: float | None = DEFAULT_SECONDS, requisites: bool = False) -> PageResult:
    """Parse one fetched page into a :class:`PageResult`. It never raises on any bytes.

    :param body: the decoded-transfer body (Content-Encoding already undone), as bytes
    :param url: the URL the page was fetched from (relative links resolve against it)
    :param captured_at: the capture (WARC) time; relative dates resolve against it
    :param content_type: the Content-Type header, for the charset
    :param status: the HTTP status code
    :param engine: force an engine by name instead of detecting it
    :param outlets: news outlets to recognise in reposts, beyond :data:`parsers.reposts.KNOWN_OUTLETS`
    :param budget_seconds: the parse's time budget (see :mod:`parsers.budget`); None for none
    :param requisites: also read the page's stylesheets, icons and pictures into
        ``result.requisites`` (:func:`parsers.requisites.tree_requisites`), from the tree this
        parse builds anyway: the crawler fetches them, and a second tree of every page cost it
        2 ms a page

    A parser bug (any exception) or a parse past its budget comes back as an ``unsupported``
    result that says so in ``reason`` and ``errors``: it costs this page's content, never the crawl,
    and the capture keeps the bytes for a later replay. Only a usage error raises ``ValueError``
    (a naive ``captured_at``, an unknown ``engine``).
    """
    if captured_at.tzinfo is None:
        raise ValueError("captured_at must be timezone-aware")
    if engine is not None and engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    step = _Step()
    with time_budget(budget_seconds):
        try:
            return _parse(body, url, captured_at, content_type, status, engine, outlets, step, requisites)
        except BudgetExceeded:
            return _failure(url, step, f"parse budget of {budget_seconds:g} s exceeded in {step.doing}")
        except Exception as exc:  # noqa: BLE001 - a parser bug must cost one page, never the crawl
            return _failure(url, step, f"parser error in {step.doing}: {type(exc).__name__}: {str(exc)[:200]}"
                                       f" (at {_where(exc)})")
        finally:
            TreeMemo.forget_trees()  # the page's tree is freed now, while it is still in the caches


class _Step:
    """What the parse is doing (and with which engine), for the result of a failure."""

    def __init__(self) -> None:
        self.doing = "decoding"
        self.engine: str | None = None

    def now(self, doing: str, engine: str | None = None) -> None:
        self.doing, self.engine = doing, engine or self.engine


def _failure(url: str, step: _Step, reason: str) -> PageResult:
    return PageResult(kind="unsupported", url=url, engine=step.engine, reason=reason, errors=[reason])


def _where(exc: BaseException) -> str:
    """The innermost line of this package the exception passed through ("smf/quotes.py:64")."""
    package = Path(__file__).parent
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).is_relative_to(package)]
    frame = frames[-1] if frames else None
    return f"{Path(frame.filename).relative_to(package).as_posix()}:{frame.lineno}" if frame else "?"


def _parse(body: bytes, url: str, captured_at: datetime, content_type: str | None, status: int,
           engine: str | None, outlets: tuple[str, ...], step: _Step, requisites: bool) -> PageResult:
    text, undecoded = decode_page(body, content_type)
    if not text or text.isspace():  # not text.strip(): a copy of the whole page to test
        return PageResult(kind="unsupported", url=url, reason=f"empty body (HTTP {status})")
    data = _json_document(text, content_type)
    if data is not None:
        step.now("the JSON parsers")
        return _parse_json(data, url, captured_at, status, engine, outlets, step)
    step.now("building the tree")
    root, tree_problems = page_tree(text)
    # Read before any engine runs: an engine's parse may edit the tree.
    page_requisites = tree_requisites(root, url) if requisites else None
    with day_counted_dates() as day_counted:
        result = _parse_tree(Selector(root=root, type="html"), text, url, captured_at, status, engine, outlets, step)
        if mixed_up_posts(result) and result.engine in ENGINES:
            # Posts lxml's tree mixed up: read the page again as a browser builds it (parsers.browser_tree).
            step.now("reading the browser's tree")
            browser_root = browser_tree(text)
            if browser_root is not None:
                again = _parse_tree(Selector(root=browser_root, type="html"), text, url, captured_at, status,
                                    result.engine, outlets, step)
                result = better_reading(result, again)
            else:
                result.errors.append(NO_BROWSER_TREE.format(lxml=mixed_up_posts(result),
                                                            max_bytes=BROWSER_MAX_BYTES))
    result.errors.extend(tree_problems)
    if day_counted and result.kind == "thread_page":
        result.errors.append(day_counted_error(day_counted))
    if result.kind == "thread_page" and cut_short(text):
        result.errors.append(CUT_SHORT)
    if result.kind == "thread_page":
        result.errors.extend(garbled_name_errors(result.posts, result.errors))
    if undecoded and result.kind in ("thread_page", "article_page"):
        result.errors.append(UNDECODED.format(count=undecoded))
    result.requisites = page_requisites
    return result


def _parse_tree(doc: Selector, text: str, url: str, captured_at: datetime, status: int, engine: str | None,
                outlets: tuple[str, ...], step: _Step) -> PageResult:
    step.now("engine detection")
    challenge = blocked.challenge_reason(doc, text, status)
    if challenge:
        return PageResult(kind="blocked", url=url, reason=challenge)
    name = engine or detect_engine(doc, news_too=False)
    result = None
    if name is None and engine is None:
        # A forum no engine reads may still declare og:type=article: it is never an article. So its
        # forum evidence is asked first, and the news test (news is the last engine asked) only of a
        # page without any: on a forum page of no known engine it cost half as much as the evidence.
        evidence = forum_evidence(doc, url)
        note = None
        nested = 0 if evidence else nested_post_blocks(doc.root)
        if nested:
            # Post blocks lxml's tree put one inside another (a template that leaves an element open):
            # the page is read again as a browser builds it, where they stand one after another.
            step.now("reading the browser's tree")
            browser_root = browser_tree(text)
            again = Selector(root=browser_root, type="html") if browser_root is not None else None
            evidence = forum_evidence(again, url) if again is not None else None
            if not evidence:
                # Post blocks one inside another are a forum's, even where the browser's tree shows
                # no run of them either: never a news article.
                prefix = f"HTTP {status}: " if status >= 400 else ""
                return PageResult(kind="unsupported", url=url, reason=(
                    f"{prefix}a forum page no parser reads yet ({nested} post blocks with an author and a date,"
                    " one inside another in lxml's tree): "
                    + ("the tree a browser builds shows no run of posts either" if again is not None
                       else f"too large to read again as a browser builds it (over {BROWSER_MAX_BYTES:,} bytes)")))
            doc, note = again, NESTED_BLOCKS_NOTE.format(blocks=nested)
        if not evidence and news.detect(doc):
            name = news.ENGINE
        if evidence:
            # The generic parser reads it when the page's structure says where each post is.
            step.now("the generic parser", generic.ENGINE)
            without_comments(doc.root)
            result = generic.read(doc, url, captured_at, evidence)
            if note and result.kind == "thread_page":
                result.reason = f"{result.reason}; {note}"
            if result.kind != "thread_page":
                prefix = f"HTTP {status}: " if status >= 400 else ""
                return PageResult(kind="unsupported", url=url,
                                  reason=f"{prefix}a forum page no parser reads yet ({evidence}); {result.reason}")
            name = generic.ENGINE
    if name is None:
        title = " ".join(doc.css("title::text").get("").split())
        return PageResult(kind="unsupported", url=url, reason=f"no parser recognises this page (HTTP {status}): {title}")
    if result is None:  # not read by the fallback above
        step.now(f"the {name} parser", name)
        if name not in READ_COMMENTS and name != news.ENGINE:
            without_comments(doc.root)
        result = ENGINES[name].parse(doc, url, captured_at)
    if result.kind == "thread_page" and not result.posts and not any("without posts" in e for e in result.errors):
        result.errors.append(f"{name} page without posts: no post block found")
    if result.kind == "thread_page":
        drop_posts_sharing_an_id(result)
        say_missing_next_page(result)
        step.now("repost detection")
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


# Bytes the page's charset does not have, each read as U+FFFD: a page whose charset label is wrong
# (windows-1256 bytes labelled UTF-8) gives posts of stand-ins, which is not the text that was posted.
UNDECODED = ("{count} character(s) of the page are not in the charset it was read in (each read as U+FFFD): "
             "the words and names holding them are garbled (a wrong charset label?)")
CUT_SHORT = ("the page ends before its </html>: it may be cut short (a download or a record that stopped "
             "early), and the posts after the last one read, and its next page, may be missing")
_END_TAG_WITHIN = 4096  # characters from the end: what forum templates print after </html> is a comment or two


def cut_short(text: str) -> bool:
    """Does the page end before its ``</html>``? Every forum engine's templates close the document
    (of the 349 saved pages only the one cut short on purpose does not), so a thread page without
    it stopped early: a server that dropped the connection without a length to check, or a record
    copied short. Its last posts are gone without a trace in the tree, which lxml closes quietly.
    The tag as most pages write it is looked for first: lowercasing the tail (of a page in Chinese,
    say) cost more than the rest of this step. A "</html>" in a comment (a template's note near the
    top of a short page) is no end of the document."""
    tail = text[-_END_TAG_WITHIN:]
    at = tail.rfind("</html>")
    if at < 0:
        return "</html>" not in tail.lower()
    start = len(text) - len(tail)
    while at >= 0:
        if not _in_comment(text, start + at):
            return False
        at = tail.rfind("</html>", 0, at)
    return True


def _in_comment(text: str, at: int) -> bool:
    """Does ``text[at]`` stand inside an HTML comment? (A short page cut short may still hold
    "</html>" in a template's comment near its top, which is no end of the document.)"""
    opened = text.rfind("<!--", 0, at)
    return opened >= 0 and text.rfind("-->", opened, at) < 0


def say_missing_next_page(result: PageResult) -> None:
    """A thread page that counts more pages than its own number, with no next page found, says so:
    a crawl would stop at it without a word, the thread's later pages never fetched."""
    thread = result.thread
    if (thread is not None and result.next_page_url is None and thread.page < thread.page_count
            and not any("next page" in error for error in result.errors)):
        result.errors.append(f"page {thread.page} of {thread.page_count}: no link to the next page found")


def mark_reposts(posts: list[Post], outlets: tuple[str, ...]) -> None:
    """Fill each post's ``embeds``, ``news_repost`` and ``comment`` from the news pasted in it."""
    for post in posts:
        comment, reposts = find_reposts(post.text, post.links, post.published_at, outlets)
        post.embeds = [repost.to_dict() for repost in reposts]
        post.news_repost = bool(reposts)
        post.comment = comment


def _json_document(text: str, content_type: str | None):
    """The decoded JSON of an API response (a dict, or a list: Vanilla's comments API answers one; its
    strings made XML-safe), or None for anything else."""
    if "json" not in (content_type or "").lower() and not text.lstrip().startswith("{"):
        return None
    try:
        data = loads_xml_safe(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the decoder goes
        return None
    return data if isinstance(data, (dict, list)) else None


def _parse_json(data: dict, url: str, captured_at: datetime, status: int, engine: str | None,
                outlets: tuple[str, ...], step: _Step) -> PageResult:
    """API responses (Discourse's topic JSON): engines that read JSON expose detect_json/parse_json."""
    for name, module in ENGINES.items():
        if not isinstance(data, dict) and not getattr(module, "READS_JSON_LISTS", False):
            continue  # a JSON list goes only to the engines that say they read one
        if hasattr(module, "parse_json") and (engine == name or (engine is None and module.detect_json(data))):
            step.now(f"the {name} JSON parser", name)
            result = module.parse_json(data, url, captured_at)
            if result.kind == "thread_page":
                mark_reposts(result.posts, KNOWN_OUTLETS + tuple(outlets))
            return result
    return PageResult(kind="unsupported", url=url, reason=f"JSON that no parser reads (HTTP {status})")
