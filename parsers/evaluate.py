"""Score the parsers against saved pages that come with ground truth: ``forum-archiver eval DIR``.

Pure: reads ``X.expected.json`` and its sibling ``X.html`` from disk, runs
:func:`parsers.registry.parse_page`, and compares. No network, no database, no clock, so the
same folder always gives the same table. Four ground-truth formats are read (see
``docs/accuracy.md`` for what each field checks and why):

- **harvest** (fhgr/harvest): one annotation per post (user, printed datetime, post text, link).
  A gold post is matched to our post by the post id its link carries, else by order. Hand
  annotations in the same shape cover the first few posts: they give the page's post count in
  ``posts_on_page``, the post's first 60 characters instead of its text (scored as ``opening``),
  the printed time also as ISO (scored as ``time`` where it states its offset), and the page
  gold of the repository the page came from in ``shipped_page_gold`` (scored as trafilatura).
- **tiptopjaw** (web-content-extraction-benchmark): one record per page (title, author,
  publish date, main content, snippets that must / must not be in the content).
- **trafilatura** (trafilatura's evaldata, htmldate's date-only records): ``shipped_page_gold``,
  one record per page (title, author, date, snippets that must / must not be in the content),
  scored as tiptopjaw's fields without ``main_content``; fields the record leaves empty are not scored.
- **news** (fundus, article-extraction-benchmark): one record per article: title, authors and
  publication time compared for equality where the gold has them, the body by token F1. The
  benchmark's own layout (one ``ground-truth.json`` for all pages, gzipped pages in ``html/``) is
  read as well: :func:`parsers.evaluate_gold.find_bench_pages` hands each page over with its
  record and its bytes, and it is scored exactly as an ``X.expected.json`` of the same record.
- **news-sample** (``--news-gold FILE``): hand-checked titles, authors and publication times of
  some of those benchmark pages, keyed by the same keys; see :func:`_score_news_sample`.

**Token F1.** Both texts are lower-cased and split into word tokens with the regex ``\\w+``;
``overlap`` is the size of the multiset intersection of the two token lists (a word counts as
often as it occurs in both). precision = overlap / len(ours), recall = overlap / len(gold),
F1 = 2PR / (P + R); two empty texts score 1, one empty text scores 0. Word tokens make the
score blind to whitespace, punctuation and typographic quotes, which the gold texts render
differently from the page.

**Capture time.** ``parse_page`` gets a fixed capture time so results are deterministic: the
date in the expected JSON (tiptopjaw ``publish_date``, trafilatura ``date``, news
``publishing_date``) when there is one, else :data:`DEFAULT_CAPTURE`. Harvest records no capture
date, and forums print the year only for past years ("January 30"); such gold dates are read
against the newest post time our parser found on the page, which is in the capture year whenever
the page prints a year-less date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .dates import parse_iso
from .evaluate_gold import (
    DEFAULT_CAPTURE,
    BenchPage,
    capture_time,
    document_base,
    find_bench_pages,
    find_pages,
    gold_format,
    news_record,
    normal_url,
    page_language,
    page_record,
    page_url,
    post_id_in,
    read_gold_date,
    same_author,
    within_a_day,
)
from .evaluate_text import f1_note, plain, short, token_f1, token_scores, visible_text
from .registry import parse_page

# What the CLI, the report and the tests read from here (some of it lives in evaluate_text and evaluate_gold).
__all__ = [
    "DEFAULT_CAPTURE", "F1_FIELDS", "F1_THRESHOLD", "HARVEST_FIELDS", "NEWS_FIELDS", "NEWS_F1_THRESHOLD",
    "NEWS_SAMPLE_FIELDS", "TIPTOPJAW_FIELDS", "TRAFILATURA_FIELDS", "VERDICTS", "BodyScore", "Miss", "Verdict",
    "PageOutcome", "Report", "Score", "capture_time", "evaluate_bench_page", "evaluate_dir", "evaluate_page",
    "page_language", "plain", "read_gold_date", "same_author", "same_published", "short", "token_f1",
    "visible_text",
]

F1_THRESHOLD = 0.9  # a post's (or page's) text counts as right at or above this token F1
NEWS_F1_THRESHOLD = 0.95  # an article body counts as right at or above this token F1
HARVEST_FIELDS = ("posts", "author", "date", "time", "text", "opening", "permalink")
TIPTOPJAW_FIELDS = ("title", "starter", "date", "with", "without", "text_f1")
TRAFILATURA_FIELDS = ("title", "starter", "date", "with", "without")
NEWS_FIELDS = ("title", "authors", "date", "body_f1")
NEWS_SAMPLE_FIELDS = ("title", "authors", "published")
F1_FIELDS = ("text", "text_f1", "body_f1")


@dataclass
class Score:
    correct: int = 0
    total: int = 0
    f1s: list[float] = field(default_factory=list)

    def add(self, ok: bool, f1: float | None = None) -> None:
        self.correct += bool(ok)
        self.total += 1
        if f1 is not None:
            self.f1s.append(f1)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    @property
    def mean_f1(self) -> float | None:
        return sum(self.f1s) / len(self.f1s) if self.f1s else None


@dataclass
class Miss:
    page: str
    engine: str
    field: str
    where: str
    expected: str
    found: str


@dataclass
class PageOutcome:
    page: str
    gold: str
    kind: str
    engine: str
    posts: int
    reason: str | None = None


@dataclass
class Verdict:
    """What the pages of one engine and one verdict (``kind``) gave: pages, posts found, and how many
    gold authors and dates (per post and the page's starter) were right."""

    pages: int = 0
    posts: int = 0
    gold_posts: int = 0  # the posts per-post gold (harvest, hand annotations) says those pages show
    authors: Score = field(default_factory=Score)
    dates: Score = field(default_factory=Score)


@dataclass
class BodyScore:
    """Token precision, recall and F1 of one news page's main article body (all 0 when no parser read it)."""

    page: str
    engine: str
    precision: float
    recall: float
    f1: float


AUTHOR_FIELDS = ("author", "starter")
DATE_FIELDS = ("date",)
VERDICTS = ("thread_page", "article_page", "forum_page", "unsupported", "blocked", "skipped", "error")


@dataclass
class Report:
    scores: dict[tuple[str, str, str], Score] = field(default_factory=dict)  # (engine, gold, field)
    pages: list[PageOutcome] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    # (engine that gave the result or "none", verdict): see Verdict. Engines that decline a page
    # (unsupported with their name) are kept apart from pages no engine claimed.
    verdicts: dict[tuple[str, str], Verdict] = field(default_factory=dict)
    forced_engine: str | None = None  # the engine every page was parsed with (``--engine``), if any
    bodies: list[BodyScore] = field(default_factory=list)  # every news page's body, read or not
    # ``--news-gold``: (its pages found in DIR's benchmark layout, its pages); None without it
    news_sample: tuple[int, int] | None = None

    def score(self, engine: str, gold: str, name: str) -> Score:
        return self.scores.setdefault((engine, gold, name), Score())

    def verdict(self, engine: str, kind: str) -> Verdict:
        return self.verdicts.setdefault((engine, kind), Verdict())


def _score_news(page: _PageContext, truth: dict) -> None:
    """Title, authors and publication time equal to the gold where it has them; body token F1."""
    result, article = page.result, _main_article(page)
    if "title" in truth:
        title = article.title if article else None
        page.add("news", "title", plain(title) == plain(truth["title"]), "main article", truth["title"], str(title))
    if "authors" in truth:
        authors = article.authors if article else []
        page.add("news", "authors", authors == truth["authors"], "main article", ", ".join(truth["authors"]),
                 ", ".join(authors))
    if truth.get("publishing_date"):
        gold_time, ours = parse_iso(truth["publishing_date"].replace(" ", "T")), article and article.published_at
        page.add("news", "date", gold_time is not None and ours == gold_time, "main article",
                 truth["publishing_date"], str(ours and ours.isoformat()))
    gold_body = _news_body(truth)
    ours = article.text if article else ""
    precision, recall, f1 = token_scores(gold_body, ours) if result is not None else (0.0, 0.0, 0.0)
    page.report.bodies.append(BodyScore(page.name, page.engine, precision, recall, f1))
    page.add("news", "body_f1", f1 >= NEWS_F1_THRESHOLD, "main article", f"F1 >= {NEWS_F1_THRESHOLD}",
             f1_note(gold_body, ours), f1=f1)


def _main_article(page: _PageContext):
    result = page.result
    return next((a for a in result.articles if a.main), None) if result is not None and result.articles else None


def _collapsed(text: str | None) -> str:
    return " ".join((text or "").split())


def _score_news_sample(page: _PageContext, truth: dict) -> None:
    """The hand-checked sample (``--news-gold``): the main article's title, authors and publication time.

    Stricter than the news fields above, as the sample was checked against the page by hand:
    the title must be equal once whitespace is collapsed (quotes and case as printed); the authors
    the same names in the same order, case-insensitive, whitespace collapsed; the time as
    :func:`same_published` says. A gold ``[]`` or null means the page names no author or time,
    and we must give none. A field the record leaves out is not scored.
    """
    article = _main_article(page)
    if "title" in truth:
        gold, ours = truth["title"], article.title if article else None
        page.add("news-sample", "title", _collapsed(ours) == _collapsed(gold), "main article",
                 "(none)" if gold is None else gold, "(none)" if ours is None else ours)
    if "authors" in truth:
        gold, ours = truth["authors"] or [], article.authors if article else []
        ok = [_collapsed(a).casefold() for a in ours] == [_collapsed(a).casefold() for a in gold]
        page.add("news-sample", "authors", ok, "main article", " | ".join(gold) or "(none)",
                 " | ".join(ours) or "(none)")
    if "published" in truth:
        gold, ours = truth["published"], article.published_at if article else None
        page.add("news-sample", "published", same_published(gold, ours), "main article", str(gold or "(none)"),
                 ours.isoformat() if ours else "(none)")


def same_published(gold: str | None, ours: datetime | None) -> bool:
    """Our ``published_at`` against a hand-checked gold time.

    Compared to the second, both sides (a reader writes no fractions of a second down, and a gold
    copied from a page's metadata keeps its milliseconds: "01:19:34.819Z" is our "01:19:34.819").

    - a time with an offset ("2019-11-19T10:32:00-05:00"): the same instant, and our date in our
      own offset is the gold's date in its offset (a time moved to UTC across midnight is wrong);
    - a time without an offset: the same wall-clock time, in whatever offset we give;
    - a bare day ("2019-11-19"): our date, in our own offset, is that day;
    - null: we give no time.
    """
    if gold is None:
        return ours is None
    if ours is None or not isinstance(gold, str):
        return False
    ours = ours.replace(microsecond=0)  # to the second: hand-written gold leaves fractions out
    try:
        if len(gold.strip()) == 10:
            return ours.date() == date.fromisoformat(gold.strip())
        wanted = datetime.fromisoformat(gold.strip().replace("Z", "+00:00")).replace(microsecond=0)
    except ValueError:
        return False
    if wanted.tzinfo is None:
        return ours.replace(tzinfo=None) == wanted
    return ours.tzinfo is not None and ours == wanted and ours.date() == wanted.date()


def _news_body(truth: dict) -> str:
    """The gold body: fundus's summary, subheadings and paragraphs, or a benchmark's articleBody."""
    if "articleBody" in truth:
        return truth["articleBody"]
    body = truth.get("body") or {}
    parts = list(body.get("summary", []))
    for section in body.get("sections", []):
        parts += section.get("headline", []) + section.get("paragraphs", [])
    return "\n".join(parts)


# --- Scoring ---------------------------------------------------------------------------------


def evaluate_dir(root: Path, engine: str | None = None, news_sample: dict | None = None) -> Report:
    """Score every page under ``root``: ``X.expected.json`` beside ``X.html``, and every page of a
    news benchmark layout (:func:`parsers.evaluate_gold.find_bench_pages`). ``engine`` parses every
    page with that engine (``generic``: the generic parser alone, the engine parsers switched off)
    instead of detecting one. ``news_sample`` is the ``pages`` of a ``--news-gold`` file: hand gold
    for the title, authors and time of benchmark pages, by key."""
    report = Report(forced_engine=engine)
    for expected, html in find_pages(root):
        evaluate_page(expected, html, root, report, engine)
    found = 0
    for page in find_bench_pages(root):
        sample = (news_sample or {}).get(page.key)
        found += sample is not None
        evaluate_bench_page(page, root, report, engine, sample)
    if news_sample is not None:
        report.news_sample = (found, len(news_sample))
    return report


def evaluate_bench_page(page: BenchPage, root: Path, report: Report, forced_engine: str | None = None,
                        sample: dict | None = None) -> None:
    """A benchmark page: its record is the gold of one news expected file, its bytes gzipped or not.

    The page brings its gold dict and a way to read its bytes instead of an expected file's path,
    and from there it takes the same path as :func:`evaluate_page` (:func:`_evaluate`), so the
    (expected, html) pairs of :func:`parsers.evaluate_gold.find_pages`, which the benchmarks in
    ``bench/`` also read, stay as they were."""
    _evaluate(page.name, page.gold, "news", page.body, page_url(page.gold, "news", page.html, root), report,
              forced_engine, sample)


def evaluate_page(expected: Path, html: Path, root: Path, report: Report, forced_engine: str | None = None) -> None:
    """Parse one page and add its scores, outcome and misses to ``report``; never raises for a page."""
    name = expected.relative_to(root).as_posix()[: -len(".expected.json")]
    try:
        data = json.loads(expected.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        report.pages.append(PageOutcome(name, "unknown", "error", "none", 0, f"unreadable gold: {error}"))
        report.verdict("none", "error").pages += 1
        return
    fmt = gold_format(data)
    if fmt == "unknown":
        keys = ", ".join(sorted(data)[:8]) if isinstance(data, dict) else type(data).__name__
        report.pages.append(PageOutcome(name, fmt, "skipped", "none", 0, f"no scorer reads this gold (keys: {keys})"))
        report.verdict("none", "skipped").pages += 1
        return
    _evaluate(name, data, fmt, html.read_bytes, page_url(data, fmt, html, root), report, forced_engine)


def _evaluate(name: str, data: dict, fmt: str, load, url: str, report: Report, forced_engine: str | None,
              sample: dict | None = None) -> None:
    """Read the page's bytes (``load()``), parse them and score them against ``data`` in format ``fmt``."""
    body = b""
    try:
        body = load()
    except (OSError, EOFError) as error:  # a truncated .gz is a BadGzipFile (OSError) or an EOFError
        result, kind, reason = None, "error", f"unreadable page: {error}"
    else:
        try:
            result = parse_page(body, url, capture_time(data, fmt), engine=forced_engine)
            kind, reason = result.kind, result.reason
        except Exception as error:  # a parser crash is a finding to list, not a reason to stop
            result, kind, reason = None, "error", f"parser raised {type(error).__name__}: {error}"
    read = kind in ("thread_page", "article_page")
    engine = result.engine if read and result.engine else "none"
    posts = result.posts if kind == "thread_page" else []
    report.pages.append(PageOutcome(name, fmt, kind, engine, len(posts), reason))
    verdict = report.verdict((result.engine if result is not None else None) or "none", kind)
    verdict.pages += 1
    verdict.posts += len(posts)
    page = _PageContext(name, engine, document_base(body, url), result if read else None, posts, report, verdict)
    if fmt == "news":
        _score_news(page, news_record(data))
        if sample is not None:
            _score_news_sample(page, sample)
    elif fmt == "harvest":
        _score_harvest(page, data["gold_standard_annotation"], data.get("posts_on_page"), page_language(body))
        if page_record(data) is not None:
            _score_page_record(page, "trafilatura", page_record(data))
    else:
        _score_page_record(page, fmt, page_record(data))



def score_other_reading(expected: Path, html: Path, url: str, engine: str, result, report: Report) -> None:
    """Score another tool's reading of a forum page against its gold, with the matching and scoring
    :func:`evaluate_page` gives ours: ``bench/peers.py`` judges its peers so, on one yardstick.

    ``result`` is a thread-page :class:`PageResult` holding the tool's posts, or None for a page
    the tool could not read (every field then counts as wrong).
    """
    data = json.loads(expected.read_text(encoding="utf-8"))
    body = html.read_bytes()
    fmt = gold_format(data)
    posts = result.posts if result is not None else []
    verdict = report.verdict(engine if result is not None else "none", "thread_page" if result is not None else "error")
    verdict.pages += 1
    verdict.posts += len(posts)
    page = _PageContext(html.stem, engine, document_base(body, url), result, posts, report, verdict)
    if fmt == "harvest":
        _score_harvest(page, data["gold_standard_annotation"], data.get("posts_on_page"), page_language(body))
    else:
        _score_page_record(page, fmt, page_record(data))

@dataclass
class _PageContext:
    name: str
    engine: str
    url: str
    result: object | None  # the PageResult when it is a thread page
    posts: list
    report: Report
    verdict: Verdict

    def add(self, gold: str, name: str, ok: bool, where: str = "page", expected: str = "",
            found: str = "", f1: float | None = None) -> None:
        if gold != "news" and name in AUTHOR_FIELDS:
            self.verdict.authors.add(ok and self.result is not None)
        elif gold != "news" and name in DATE_FIELDS:
            self.verdict.dates.add(ok and self.result is not None)
        if self.result is None:
            # Nothing was read, so nothing is right (not even an empty gold text). The page is
            # listed once, under "no parser"; a miss per field would bury the parsed pages' misses.
            self.report.score(self.engine, gold, name).add(False, None if f1 is None else 0.0)
            return
        self.report.score(self.engine, gold, name).add(ok, f1)
        if not ok:
            self.report.misses.append(Miss(self.name, self.engine, name, where, expected, found))


def _score_harvest(page: _PageContext, gold_posts: list[dict], posts_on_page: int | None,
                   language: str | None) -> None:
    """Per-post gold; ``posts_on_page`` is the page's count where the gold annotates only its first posts."""
    posts = page.posts
    wanted = posts_on_page if posts_on_page is not None else len(gold_posts)
    page.verdict.gold_posts += wanted
    page.add("harvest", "posts", len(posts) == wanted, "page", f"{wanted} posts", f"{len(posts)} posts")
    by_id = {str(p.post_id): p for p in posts}
    times = [p.published_at for p in posts if p.published_at]
    date_base = max(times) if times else DEFAULT_CAPTURE
    for index, annotation in enumerate(gold_posts):
        surface = {key: (value or {}).get("surface_form") for key, value in annotation.items()}
        link = surface.get("post_link")
        wanted_id = post_id_in(link)
        if wanted_id:
            post, where = by_id.get(wanted_id), f"post {wanted_id}"
        else:
            post, where = (posts[index] if index < len(posts) else None), f"post #{index + 1} (by order)"
        missing = f"no post {wanted_id}" if wanted_id else f"only {len(posts)} posts"
        _harvest_post(page, post, surface, where, missing, date_base, language)
        _hand_annotated_post(page, post, annotation, where, missing)
        if link:
            page.add("harvest", "permalink", _has_permalink(page, link, wanted_id, post), where,
                     link, f"ids {', '.join(list(by_id)[:6])}{'…' if len(by_id) > 6 else ''}")


def _harvest_post(page: _PageContext, post, surface: dict, where: str, missing: str,
                  date_base: datetime, language: str | None) -> None:
    user, printed, text = surface.get("user"), surface.get("datetime"), surface.get("post_text")
    if user is not None:
        ok = post is not None and same_author(user, post.author, page.url)
        found = missing if post is None else f"{post.author.name} <{post.author.url or 'no url'}>"
        page.add("harvest", "author", ok, where, user, found)
    if printed is not None:
        day = read_gold_date(printed, date_base, language)
        ok = post is not None and within_a_day(post.published_at, day and day.date())
        found = missing if post is None else str(post.published_at and post.published_at.isoformat())
        page.add("harvest", "date", ok, where, f"{printed} (read as {day.date() if day else 'unreadable'})", found)
    if text is not None:
        ours = visible_text(post) if post is not None else ""
        f1 = token_f1(text, ours)
        found = missing if post is None else f1_note(text, ours)
        page.add("harvest", "text", f1 >= F1_THRESHOLD, where, short(text), found, f1=f1)


def _hand_annotated_post(page: _PageContext, post, annotation: dict, where: str, missing: str) -> None:
    """The hand annotations' extra fields: the time as ISO, and the first 60 characters of the
    poster's own words (quotes and citations left out), which ours must begin with.

    An ISO time without an offset is the page's wall clock in a zone it does not state: it gives
    no instant to compare with, so only one that states its offset is scored.
    """
    stamp = (annotation.get("datetime") or {}).get("iso")
    gold_time = _aware_time(stamp)
    if gold_time is not None:
        ok = post is not None and post.published_at == gold_time
        found = missing if post is None else str(post.published_at and post.published_at.isoformat())
        page.add("harvest", "time", ok, where, stamp, found)
    opening = (annotation.get("post_text") or {}).get("first_60_chars")
    if opening is not None:
        ours = plain(post.text) if post is not None else ""
        found = missing if post is None else short(ours, 70)
        page.add("harvest", "opening", ours.startswith(plain(opening)), where, short(opening), found)


def _aware_time(stamp: str | None) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None


def _has_permalink(page: _PageContext, link: str, wanted_id: str | None, post) -> bool:
    """The gold post id among our ids or URLs; a link without an id (the opening post) as a URL."""
    if wanted_id:
        return any(str(p.post_id) == wanted_id or post_id_in(p.url) == wanted_id for p in page.posts)
    if page.result is None:
        return False
    ours = {page.result.thread.url if page.result.thread else None, page.result.canonical_url,
            page.result.url, post.url if post is not None else None}
    return normal_url(link, page.url) in {normal_url(u, page.url) for u in ours if u}


def _score_page_record(page: _PageContext, gold: str, truth: dict) -> None:
    """Page-level gold in tiptopjaw's field names (see :func:`parsers.evaluate_gold.page_record`).

    Tiptopjaw records have every field; a trafilatura field that is absent or empty (pocketpc's
    ``"author": ""``, htmldate's date-only records) has no gold, so ``page_record`` leaves it
    out and it is not scored.
    """
    posts, result = page.posts, page.result
    if "title" in truth:
        title = result.thread.title if result is not None and result.thread else None
        page.add(gold, "title", plain(title) == plain(truth.get("title")), "page", truth.get("title", ""), str(title))
    if "author" in truth:
        starter = posts[0].author.name if posts else None
        page.add(gold, "starter", plain(starter) == plain(truth.get("author")), "post #1",
                 truth.get("author", ""), str(starter))
    if "publish_date" in truth:
        first_time = posts[0].published_at if posts else None
        published = parse_iso(truth.get("publish_date"))
        page.add(gold, "date", within_a_day(first_time, published and published.date()), "post #1",
                 str(truth.get("publish_date")), str(first_time and first_time.isoformat()))
    seen = plain(" ".join(visible_text(p, with_author=True) for p in posts))
    for snippet in truth.get("with", []):
        page.add(gold, "with", plain(snippet) in seen, "posts", short(snippet), "not in the posts' visible text")
    # An empty parse would pass "without" vacuously, so it is only scored when there are posts.
    own = plain(" ".join(p.text or "" for p in posts))
    for snippet in truth.get("without", []) if posts else []:
        page.add(gold, "without", plain(snippet) not in own, "posts", f"not {short(snippet)!r}",
                 "found in a post's own text")
    if gold != "tiptopjaw":
        return
    main = truth.get("main_content", "")
    everything = " ".join(visible_text(p, with_author=True) for p in posts)
    f1 = token_f1(main, everything)
    page.add(gold, "text_f1", f1 >= F1_THRESHOLD, "page", f"F1 >= {F1_THRESHOLD}",
             f1_note(main, everything), f1=f1)
