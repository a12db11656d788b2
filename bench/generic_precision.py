"""Precision and recall of the generic parser alone, the engine parsers switched off.

Why: the generic parser (``parsers/generic``) reads boards no engine parser knows, so its real pages
are few. Run alone (``engine="generic"``) on every page that has an engine parser too, it shows how
often the posts it gives are right, and how many it finds, on pages whose posts are annotated; and
on news pages, that it never makes a thread of an article.

    python bench/generic_precision.py [--shared DIR] [--markdown] [--details]

Pages: every ``X.html`` beside ``X.expected.json`` under the shared fixtures (``../shared/fixtures/real``
by default: forum and news folders) and under ``tests/data`` (hand-written fixtures, scored apart);
the news-bench pages (``news-bench/html/*.html.gz``) and the news samples of ``tests/data`` only
for the claims count.

A gold post is matched (one to one, in page order) by one of ours when all of these hold:

- author: the gold user is our author's name or profile URL (:func:`parsers.evaluate_gold.same_author`);
- date: the printed gold date is within a day of ours (:func:`parsers.evaluate_gold.within_a_day`);
- text start: the first 8 word tokens of the gold text (harvest ``post_text``, hand annotations'
  ``first_60_chars``) are found, in a row, among the first 40 tokens of what a reader sees of our
  post (quotes first, or in reading order: its HTML's text) or of its own words. Page-level gold (tiptopjaw, trafilatura) gives one
  gold post, the opening one: its author and date only.

Precision = our posts that match a gold post / our posts the gold can judge (all of ours on a page
whose gold lists every post; our first N on a page whose gold annotates its first N posts, or
only the opening post). Recall = matched gold posts / gold posts. Pages: thread pages the generic
parser made of news pages (must be 0).

``--details`` lists, after the tables, each post of ours that matched nothing: the page, our
author, date and first words, which test failed, and the gold (or engine) post set against it (the
next unmatched one in page order; for the engine parsers' posts, an unmatched one by the same author,
else the nearest in time), or "(none)" when the gold has none left.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys

import lxml.html
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.evaluate_gold import (capture_time, find_pages, gold_format, page_language, page_record,  # noqa: E402
                                   page_url, read_gold_date, same_author, within_a_day)
from parsers.evaluate_report import percent  # noqa: E402
from parsers.html_text import element_text  # noqa: E402
from parsers.evaluate_text import short, tokens, visible_text  # noqa: E402
from parsers.registry import parse_page  # noqa: E402

ENGINE = "generic"
START_TOKENS = 8
WINDOW = 40
NEWS_FOLDERS = ("news", "news-bench", "news_spider", "aawsat", "aawsat-ar", "arabnews")


@dataclass
class GoldPost:
    user: str | None
    printed: str | None
    text: str | None


@dataclass
class Tally:
    pages: int = 0
    read: int = 0
    output: int = 0
    judged: int = 0
    matched_ours: int = 0
    gold: int = 0
    matched_gold: int = 0
    per_page: list[tuple[str, str, int, int, int, int]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)  # --details: each unmatched post of ours

    @property
    def precision(self) -> float | None:
        return self.matched_ours / self.judged if self.judged else None

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.gold if self.gold else None


def gold_posts(data: dict, fmt: str) -> tuple[list[GoldPost], bool]:
    """The gold posts of an expected file and whether they are every post of the page."""
    if fmt == "harvest":
        posts = []
        for annotation in data["gold_standard_annotation"]:
            surface = {key: (value or {}).get("surface_form") for key, value in annotation.items()}
            opening = (annotation.get("post_text") or {}).get("first_60_chars")
            posts.append(GoldPost(surface.get("user"), surface.get("datetime"), opening or surface.get("post_text")))
        complete = data.get("posts_on_page") in (None, len(posts))
        return posts, complete
    record = page_record(data) if fmt in ("tiptopjaw", "trafilatura") else None
    if record and record.get("author"):
        return [GoldPost(record.get("author"), record.get("publish_date"), None)], False
    return [], False


def starts_within(first: str, text: str) -> bool:
    """The first :data:`START_TOKENS` tokens of ``first`` stand, in a row, among the first
    :data:`WINDOW` tokens of ``text``."""
    wanted, ours = tokens(first)[:START_TOKENS], tokens(text)[:WINDOW]
    return any(ours[start:start + len(wanted)] == wanted for start in range(len(ours) - len(wanted) + 1))


def text_starts(gold: str | None, post) -> bool:
    return not gold or starts_within(gold, visible_text(post)) or starts_within(gold, post.text) \
        or starts_within(gold, reading_order(post))


def reading_order(post) -> str:
    """The post's words and quotes in the order a reader meets them (its HTML's text): a quote in the
    middle of a post ("Hallo @John Sinclair <quote> Habe mir ...") is where the gold's text has it,
    while :func:`visible_text` puts every quote first."""
    if not post.html:
        return ""
    return element_text(lxml.html.fragment_fromstring(post.html, create_parent="div"))


def matches(gold: GoldPost, post, base: str, date_base: datetime, language: str | None) -> bool:
    return not failed_tests(gold, post, base, date_base, language)


def failed_tests(gold: GoldPost, post, base: str, date_base: datetime, language: str | None) -> list[str]:
    """Which of the three tests (author, date, text start) ``post`` fails against ``gold``."""
    failed = []
    if gold.user and not same_author(gold.user, post.author, base):
        failed.append("author")
    if gold.printed:
        day = read_gold_date(gold.printed, date_base, language)
        if not within_a_day(post.published_at, day and day.date()):
            failed.append("date")
    if not text_starts(gold.text, post):
        failed.append("text")
    return failed


def describe(post) -> str:
    """A post of ours in one line: author, time, first words."""
    when = post.published_at.isoformat() if post.published_at else None
    return f"{post.author.name!r} {when} {short(post.text, 70)!r}"


def score_folder(root: Path, tally: Tally, news: Tally, label: str) -> None:
    for expected, html in find_pages(root):
        data = json.loads(expected.read_text(encoding="utf-8"))
        fmt = gold_format(data)
        body = html.read_bytes()
        url = page_url(data, fmt, html, root)
        result = parse_page(body, url, capture_time(data, fmt), engine=ENGINE)
        posts = result.posts if result.kind == "thread_page" else []
        name = f"{label}/{expected.relative_to(root).as_posix()[:-len('.expected.json')]}"
        if fmt == "news" or any(part in NEWS_FOLDERS for part in expected.relative_to(root).parts):
            news.pages += 1
            news.read += result.kind == "thread_page"
            continue
        golds, complete = gold_posts(data, fmt)
        tally.pages += 1
        tally.read += result.kind == "thread_page"
        tally.output += len(posts)
        if not golds:
            tally.per_page.append((name, result.kind, len(posts), 0, 0, 0))
            continue
        judged = posts if complete else posts[:len(golds)]
        times = [p.published_at for p in posts if p.published_at]
        date_base = max(times) if times else capture_time(data, fmt)
        language = page_language(body)
        free = list(range(len(judged)))
        matched = 0
        missed_golds = []
        for gold in golds:
            hit = next((i for i in free if matches(gold, judged[i], url, date_base, language)), None)
            if hit is not None:
                free.remove(hit)
                matched += 1
            else:
                missed_golds.append(gold)
        for index, gold in zip(free, missed_golds + [None] * len(free)):
            post = judged[index]
            if gold is None:
                tally.misses.append(f"{name} #{index + 1}: ours {describe(post)}; gold (none)")
                continue
            failed = ", ".join(failed_tests(gold, post, url, date_base, language))
            tally.misses.append(f"{name} #{index + 1} [{failed}]: ours {describe(post)};"
                                f" gold {gold.user!r} {gold.printed!r} {short(gold.text, 70)!r}")
        tally.judged += len(judged)
        tally.matched_ours += matched
        tally.gold += len(golds)
        tally.matched_gold += matched
        tally.per_page.append((name, result.kind, len(posts), len(judged), len(golds), matched))


@dataclass
class AgainstEngines:
    """The generic parser's posts set against the engine parser's posts of the same pages:
    precision is ``matched / generic_posts``, recall ``matched / engine_posts``."""

    pages: int = 0
    generic_posts: int = 0
    engine_posts: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)  # --details: each unmatched generic post


def same_post(ours, theirs) -> bool:
    """Same author name, times within a minute (or both missing), and the same first words."""
    if (ours.author.name or "").casefold() != (theirs.author.name or "").casefold():
        return False
    if (ours.published_at is None) != (theirs.published_at is None):
        return False
    if ours.published_at and abs((ours.published_at - theirs.published_at).total_seconds()) > 60:
        return False
    return starts_within(ours.text, theirs.text)  # words-less ours: True (an empty run stands anywhere)


def score_against_engines(root: Path, tally: AgainstEngines) -> None:
    """Every page an engine parser reads as a thread page, read again by the generic parser alone.

    Why: the gold of most real pages annotates only the opening post, so few generic posts can be
    judged against it; the engine parsers score 100% on every annotated post, so their output is
    the larger reference (a silver standard, not a gold one). A generic post is right when the
    engine gave a post with the same author, time and first words, matched one to one in order.
    """
    for expected, html in find_pages(root):
        data = json.loads(expected.read_text(encoding="utf-8"))
        fmt = gold_format(data)
        if fmt == "news" or any(part in NEWS_FOLDERS for part in expected.relative_to(root).parts):
            continue
        body, url, captured = html.read_bytes(), page_url(data, fmt, html, root), capture_time(data, fmt)
        engine = parse_page(body, url, captured)
        if engine.kind != "thread_page" or engine.engine == ENGINE:
            continue
        generic = parse_page(body, url, captured, engine=ENGINE)
        ours = generic.posts if generic.kind == "thread_page" else []
        tally.pages += 1
        tally.generic_posts += len(ours)
        tally.engine_posts += len(engine.posts)
        free = list(range(len(engine.posts)))
        missed = []
        for index, post in enumerate(ours):
            hit = next((i for i in free if same_post(post, engine.posts[i])), None)
            if hit is not None:
                free.remove(hit)
                tally.matched += 1
            else:
                missed.append((index, post))
        name = expected.relative_to(root).as_posix()[:-len(".expected.json")]
        for index, post in missed:
            theirs = _nearest(post, [engine.posts[i] for i in free])
            tally.misses.append(f"{name} #{index + 1}: generic {describe(post)}; "
                                + (f"engine {describe(theirs)}" if theirs else "engine (none left)"))


def _nearest(post, candidates: list):
    """Of the engine's unmatched posts, one by the same author (the nearest in time of them),
    else the nearest in time, else the first."""
    if not candidates:
        return None
    same = [c for c in candidates if (c.author.name or "").casefold() == (post.author.name or "").casefold()]
    pool = same or candidates
    if post.published_at is None:
        return pool[0]
    return min(pool, key=lambda c: abs((c.published_at - post.published_at).total_seconds())
               if c.published_at else float("inf"))


def claims_on_news(pages: list[tuple[bytes, str]], news: Tally) -> None:
    captured = datetime(2024, 6, 1, tzinfo=timezone.utc)
    for body, url in pages:
        result = parse_page(body, url, captured, engine=ENGINE)
        news.pages += 1
        news.read += result.kind == "thread_page"


def news_bench(shared: Path) -> list[tuple[bytes, str]]:
    folder = shared / "news-bench"
    if not (folder / "ground-truth.json").is_file():
        return []
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [(gzip.decompress(path.read_bytes()), truth.get(path.name.split(".")[0], {}).get("url", "https://example.org/"))
            for path in sorted((folder / "html").glob("*.html.gz"))]


def news_samples() -> list[tuple[bytes, str]]:
    data = ROOT / "tests" / "data"
    return [(path.read_bytes(), "https://example.org/news/") for path in sorted(data.rglob("*.html"))
            if any(part in NEWS_FOLDERS for part in path.relative_to(data).parts)]


def _row(cells: list[str], markdown: bool) -> str:
    return "| " + " | ".join(cells) + " |" if markdown else "  ".join(cells)


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> list[str]:
    return [_row(header, markdown), *(["|" + "---|" * len(header)] if markdown else []),
            *(_row(cells, markdown) for cells in rows)]


def render(real: Tally, hand: Tally, news: Tally, markdown: bool, silver: AgainstEngines | None = None) -> str:
    lines = []
    if silver is not None and silver.pages:
        lines += _table(["against the engine parsers' posts", "pages", "generic posts", "engine posts", "same post",
                         "precision", "recall"],
                        [["real forum pages an engine reads", str(silver.pages), str(silver.generic_posts),
                          str(silver.engine_posts), str(silver.matched),
                          percent(silver.matched / silver.generic_posts if silver.generic_posts else None),
                          percent(silver.matched / silver.engine_posts if silver.engine_posts else None)]],
                        markdown)
        lines.append("")
    lines += _table(["pages from", "read as thread", "posts output", "posts judged", "matched", "precision",
                     "gold posts", "recall"],
                    [[label, f"{tally.read}/{tally.pages}", str(tally.output), str(tally.judged),
                      str(tally.matched_ours), percent(tally.precision), str(tally.gold), percent(tally.recall)]
                     for label, tally in (("forum pages (real)", real), ("hand-written fixtures (tests/data)", hand))],
                    markdown)
    lines.append("")
    lines.append(f"News pages made thread pages: {news.read} of {news.pages} (must be 0)")
    lines.append("")
    lines += _table(["page", "verdict", "posts", "judged", "gold", "matched"],
                    [[name, kind, str(posts), str(judged), str(gold), str(matched)]
                     for name, kind, posts, judged, gold, matched in real.per_page + hand.per_page], markdown)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "fixtures" / "real"),
                        help="the shared real pages (default: ../shared/fixtures/real beside the project)")
    parser.add_argument("--markdown", action="store_true", help="Markdown tables (as in docs/accuracy.md)")
    parser.add_argument("--details", action="store_true",
                        help="list each post of ours that matched no gold or engine post, with the one set against it")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    real, hand, news, silver = Tally(), Tally(), Tally(), AgainstEngines()
    if shared.is_dir():
        score_folder(shared, real, news, "real")
        score_against_engines(shared, silver)
        claims_on_news(news_bench(shared), news)
    score_folder(ROOT / "tests" / "data", hand, news, "tests/data")
    claims_on_news(news_samples(), news)
    print(render(real, hand, news, args.markdown, silver), end="")
    if args.details:
        print("\nGeneric posts the engine parsers do not give:")
        print("\n".join(silver.misses) or "(none)")
        print("\nPosts of ours no gold post matches:")
        print("\n".join(real.misses + hand.misses) or "(none)")
    return 1 if news.read else 0


if __name__ == "__main__":
    raise SystemExit(main())
