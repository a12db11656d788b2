"""Parser speed per engine: pages/s and posts/s of ``parse_page`` over the real pages of each engine.

Why per engine: each engine has its own parser module and its pages differ in size and markup,
so one engine's slowness hides in an average. ``bench/parse.py`` times IPS pages in depth; this
section covers every engine with saved pages in ``../shared/fixtures/real/<engine>/`` (forum
engines and news articles), each against the same baseline measured in the same run on the same
bytes: decoding them (``decode_body``) and building a parsel ``Selector``, the first thing
``parse_page`` does. The figure to compare across machines is the ratio parse time / baseline
time, with ``bench/parse.py``'s target (``TARGET_RATIO``).

Without ``../shared`` the generated IPS pages of ``bench/parse.py`` are timed instead.

    .venv/bin/python bench/parse_engines.py [--quick]
"""

from __future__ import annotations

import json
import math
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsel import Selector  # noqa: E402

from bench import parse  # noqa: E402
from bench.common import (MIN_RUNS, Measure, Row, Section, as_new_visit, in_turns, ratio, section_main,  # noqa: E402
                          verdict)
from bench.profile_parse import where_time_goes  # noqa: E402
from parsers import evaluate  # noqa: E402
from parsers.html_text import decode_body  # noqa: E402
from parsers.registry import parse_page  # noqa: E402

REAL = ROOT.parent / "shared" / "fixtures" / "real"
DATA = ROOT / "tests" / "data"
FIXTURE_URL = "https://forum.example/thread"
WRITTEN_PAGES = 6  # per engine, of its hand-written fixtures
ROUNDS, QUICK_ROUNDS = 7, MIN_RUNS
MIN_SECONDS, QUICK_MIN_SECONDS = 0.3, 0.05  # each timed call loops over the engine's pages this long
QUICK_PAGES = 2  # per engine


@dataclass
class Page:
    name: str
    body: bytes
    url: str
    captured_at: datetime
    posts: int = 0  # what parse_page finds (articles for news pages), counted once before timing


def real_pages(quick: bool) -> dict[str, list[Page]]:
    """Every saved HTML page per engine folder; its URL and capture time from its gold when there is one."""
    engines: dict[str, list[Page]] = {}
    for folder in sorted(p for p in REAL.iterdir() if p.is_dir()):
        paths = sorted(folder.glob("*.html"))[: QUICK_PAGES if quick else None]
        for path in paths:
            expected = path.with_name(path.stem + ".expected.json")
            if expected.exists():
                data = json.loads(expected.read_text(encoding="utf-8"))
                fmt = evaluate.gold_format(data)
                url, captured = evaluate.page_url(data, fmt, path, REAL), evaluate.capture_time(data, fmt)
            else:
                url, captured = "file:///" + path.relative_to(REAL).as_posix(), evaluate.DEFAULT_CAPTURE
            engines.setdefault(folder.name, []).append(Page(path.stem, path.read_bytes(), url, captured))
    return engines


# Pages written torn on purpose (fuzz findings: lost tags, garbage, stray bytes): a torn page may be
# read twice (lxml's tree, then a browser's), so one among an engine's six would time the repair,
# not the engine; and a finding saved there changed which pages an engine was timed on.
TORN_FOLDERS = ("hostile", "broken_markup")


def written_pages(quick: bool, known: set[str]) -> dict[str, list[Page]]:
    """Hand-written fixture pages (``tests/data/<engine>*/``) of the engines with no real saved page,
    grouped by the engine that reads them as a thread page: the engines added from public templates
    only (Discuz!, ProBoards, FluxBB, phpBB 2, ...) are timed too. Pages torn on purpose
    (:data:`TORN_FOLDERS`) are left out."""
    engines: dict[str, list[Page]] = {}
    for path in sorted(p for p in DATA.glob("*/**/*.html")
                       if p.is_file() and p.relative_to(DATA).parts[0] not in TORN_FOLDERS):
        body = path.read_bytes()
        result = parse_page(body, FIXTURE_URL, evaluate.DEFAULT_CAPTURE)
        if result.kind != "thread_page" or result.engine in known or not result.posts:
            continue
        label = f"{result.engine} (written fixtures)"
        if len(engines.get(label, ())) < (QUICK_PAGES if quick else WRITTEN_PAGES):
            engines.setdefault(label, []).append(Page(path.stem, body, FIXTURE_URL, evaluate.DEFAULT_CAPTURE))
    return engines


def generated_pages() -> dict[str, list[Page]]:
    pages = [parse.generated_page(name, positions)
             for name, positions in (("short posts", parse.SHORT_POSTS), ("long posts", parse.LONG_POSTS))]
    return {"ips (generated)": [Page(p.name, p.body, p.url, parse.CAPTURED) for p in pages]}


def count(page: Page) -> int:
    result = parse_page(page.body, page.url, page.captured_at)
    return len(result.posts) or len(result.articles)


def rate(work, pages: list[Page], passes: int) -> float:
    """Pages/s of ``passes`` calls of ``work`` on every page in a row."""
    start = time.perf_counter()
    for _ in range(passes):
        for page in pages:
            work(page)
    return passes * len(pages) / (time.perf_counter() - start)


def baseline(page: Page) -> None:
    Selector(text=decode_body(page.body), type="html")


def parsing(page: Page) -> None:
    parse_page(page.body, *as_new_visit(page.url, page.captured_at))


def measure(pages: list[Page], rounds: int, min_seconds: float) -> dict[str, Measure]:
    """Pages/s of the baseline and of parse_page on ``pages``, in turns."""
    once = len(pages) / rate(parsing, pages, 1)
    passes = max(1, math.ceil(min_seconds / once))
    return in_turns({"baseline": lambda: rate(baseline, pages, passes),
                     "parse": lambda: rate(parsing, pages, passes)}, runs=rounds, unit="pages/s")


def row(label: str, pages: list[Page], measured: dict[str, Measure], target: bool) -> Row:
    parsed, base = measured["parse"], measured["baseline"]
    per_page = sum(p.posts for p in pages) / len(pages)
    posts = Measure([r * per_page for r in parsed.values], "posts/s")
    cost = ratio(base, parsed)  # rates in turns: baseline/parse pages/s = parse time / baseline time
    kb = sum(len(p.body) for p in pages) / len(pages) / 1024
    return Row(f"{label}: {len(pages)} page(s) (~{kb:.0f} KB), {sum(p.posts for p in pages)} posts; "
               "parse time / baseline time",
               f"{parsed.text()}, {posts.median:,.0f} posts/s", base.text(), cost,
               f"<= {parse.TARGET_RATIO}" if target else "",
               verdict(cost.median, parse.TARGET_RATIO, higher_is_better=False) if target else "")


def run(quick: bool = False) -> Section:
    rounds, min_seconds = (QUICK_ROUNDS, QUICK_MIN_SECONDS) if quick else (ROUNDS, MIN_SECONDS)
    engines = real_pages(quick) if REAL.is_dir() else generated_pages()
    engines.update(written_pages(quick, {name.split()[0] for name in engines}))
    section = Section(f"Parse speed per engine{' (quick)' if quick else ''}")
    forum_pages: list[Page] = []
    profiles: list[str] = []
    for engine, pages in engines.items():
        for page in pages:
            page.posts = count(page)
        section.rows.append(row(engine, pages, measure(pages, rounds, min_seconds), engine != "news"))
        if section.rows[-1].verdict == "MISS":
            profile = where_time_goes([(p.body, p.url, p.captured_at) for p in pages], 0.5 if quick else 2.0)
            profiles.append(f"Target missed on {engine}; where the time goes (pyinstrument, "
                            f"`bench/profile_parse.py`): {profile}.")
        if engine != "news":
            forum_pages += pages
    if len(engines) > 1:
        section.rows.append(row("all forum engines", forum_pages, measure(forum_pages, rounds, min_seconds),
                                False))
    source = ("every saved HTML page in `../shared/fixtures/real/<engine>/` (Discourse's saved JSON API "
              "answers are left out: they have no HTML to build a Selector from)" if REAL.is_dir() else
              "`../shared/fixtures/real` is absent: the generated IPS pages of `bench/parse.py` only")
    section.notes = [
        f"Pages: {source}{'; at most 2 per engine (quick)' if quick else ''}. News rows count articles "
        "as posts.",
        "Baseline: `decode_body(body)` + `parsel.Selector(text=..., type='html')` on the same pages, "
        "the first thing `parse_page` does with the bytes. Parse: `parse_page(body, url, captured_at)`, "
        "the whole call (engine detection, posts, quotes, links, repost detection).",
        f"Each figure: median of {rounds} rounds, baseline and parse in turns after a warm-up, each call "
        f"looping over the engine's pages for at least {min_seconds} s. Ratio = parse time / baseline "
        f"time, round by round. The target (<= {parse.TARGET_RATIO}) is `bench/parse.py`'s, set for "
        "IPS pages and held by every forum engine (issue 14); news has its own (issue 19).",
        "Engines with no real saved page are timed on their hand-written fixtures (`tests/data/`), "
        f"at most {WRITTEN_PAGES} pages each, marked so.",
        *profiles,
    ]
    return section


def main(argv: list[str] | None = None) -> int:
    return section_main(run, __doc__, "2 pages per engine, shorter rounds", argv)


if __name__ == "__main__":
    sys.exit(main())
