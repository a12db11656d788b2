"""News parse speed against its floor: ``parse_page`` on article pages, and what its parts cost alone.

Why: issue 19 sets the news goal as parse time <= 5x the time to decode the bytes and build a
parsel ``Selector`` (``bench/parse_engines.py``'s "news" row, same baseline). Whether that can be
met depends on what the parse cannot skip, so each part is timed alone against the same baseline,
in the same run, in turns (``bench/common.py``):

- **parse_page**: the whole call, as ``bench/parse_engines.py`` times it;
- **trafilatura alone**: ``trafilatura.bare_extraction(text, fast=True)`` with the settings the
  news parser uses (no comments, no metadata), on the decoded page: the least any reading by
  trafilatura costs, its own tree included;
- **tree alone**: ``parsers.registry.build_tree`` on the decoded page, which every part below
  (and parse_page) starts from: each part's own cost is its figure minus this one;
- **tree + body**: the tree without scripts and styles (as the news parser strips them), then
  ``parsers.news.body.extract_blocks`` on the whole page: trafilatura's reading as the parser asks
  for it (of the body's element alone where the page shows one, ``parsers.news.container``; else
  of the whole page: its fast path, the full algorithm where the fast one reads too much) and the
  block walk;
- **tree + body's element**: the tree, then ``parsers.news.container.body_container`` alone:
  what finding the element that holds the body costs;
- **tree + forum checks**: the tree, then what ``parse_page`` asks of every page before it may be
  called an article (``detect_engine`` over all engines, ``forum_evidence``);
- **tree + metadata**: the tree, then ``parsers.news.metadata.page_metadata`` (JSON-LD, titles,
  bylines, dates).

Pages: ``../shared/fixtures/real/news`` (the "news" row of ``bench/parse_engines.py``), and with
``--bench`` the 181 pages of ``../shared/fixtures/real/news-bench`` too.

    .venv/bin/python bench/news_speed.py [--quick] [--bench]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402
from parsel import Selector  # noqa: E402

from bench.common import MIN_RUNS, Measure, Row, Section, as_new_visit, in_turns, ratio  # noqa: E402
from bench.news_bench import BENCH, pages as bench_pages  # noqa: E402
from bench.parse_engines import REAL, Page, real_pages  # noqa: E402
from parsers.evaluate import DEFAULT_CAPTURE  # noqa: E402
from parsers.forum_evidence import forum_evidence  # noqa: E402
from parsers.html_text import decode_body  # noqa: E402
from parsers.news import NEVER_BODY  # noqa: E402
from parsers.news.body import extract_blocks  # noqa: E402
from parsers.news.container import body_container  # noqa: E402
from parsers.news.metadata import page_metadata  # noqa: E402
from parsers.registry import build_tree, detect_engine, parse_page  # noqa: E402

TARGET_RATIO = 5.0  # issue 19: a news parse at most 5x decode + Selector
MIN_SECONDS, QUICK_MIN_SECONDS = 0.5, 0.1  # each timed call loops over the pages this long
ROUNDS, QUICK_ROUNDS = 7, MIN_RUNS


def baseline(page: Page) -> None:
    Selector(text=decode_body(page.body), type="html")


def parsing(page: Page) -> None:
    parse_page(page.body, *as_new_visit(page.url, page.captured_at))


def trafilatura_alone(page: Page) -> None:
    import trafilatura

    trafilatura.bare_extraction(decode_body(page.body), url=page.url, fast=True, include_comments=False,
                                include_tables=True, include_images=False, with_metadata=False)


def tree_alone(page: Page) -> None:
    build_tree(decode_body(page.body))


def forum_checks(page: Page) -> None:
    doc = Selector(root=build_tree(decode_body(page.body)), type="html")
    detect_engine(doc)
    forum_evidence(doc, page.url)


def metadata(page: Page) -> None:
    page_metadata(build_tree(decode_body(page.body)), page.captured_at)


def body(page: Page) -> None:
    root = build_tree(decode_body(page.body))
    etree.strip_elements(root, *NEVER_BODY, with_tail=False)
    extract_blocks(root, page.url)


def body_element(page: Page) -> None:
    root = build_tree(decode_body(page.body))
    etree.strip_elements(root, *NEVER_BODY, with_tail=False)
    body_container(root)


PARTS = {"parse_page": parsing, "trafilatura alone (fast, its own tree)": trafilatura_alone,
         "tree alone (build_tree)": tree_alone,
         "tree + body (extract_blocks on the whole page)": body,
         "tree + body's element (body_container)": body_element,
         "tree + forum checks (detect_engine, forum_evidence)": forum_checks,
         "tree + news metadata (page_metadata)": metadata}


def timed(work, pages: list[Page], passes: int):
    def rate() -> float:
        start = time.perf_counter()
        for _ in range(passes):
            for page in pages:
                work(page)
        return passes * len(pages) / (time.perf_counter() - start)
    return rate


def measure(label: str, pages: list[Page], rounds: int, min_seconds: float) -> list[Row]:
    start = time.perf_counter()
    for page in pages:
        parsing(page)
    passes = max(1, round(min_seconds / (time.perf_counter() - start)))
    works = {"baseline": timed(baseline, pages, passes)}
    works.update({name: timed(work, pages, passes) for name, work in PARTS.items()})
    rates: dict[str, Measure] = in_turns(works, runs=rounds, unit="pages/s")
    base = rates["baseline"]
    rows = []
    for name in PARTS:
        cost = ratio(base, rates[name])  # baseline/part pages/s = part time / baseline time
        ms = Measure([1000 / r for r in rates[name].values], "ms/page")
        target = name == "parse_page"
        rows.append(Row(f"{label}: {name}; time / baseline time", ms.text(1),
                        Measure([1000 / r for r in base.values], "ms/page").text(2), cost,
                        f"<= {TARGET_RATIO}" if target else "",
                        ("PASS" if cost.median <= TARGET_RATIO else "MISS") if target else ""))
    return rows


def run(quick: bool = False, bench: bool = False) -> Section:
    rounds, min_seconds = (QUICK_ROUNDS, QUICK_MIN_SECONDS) if quick else (ROUNDS, MIN_SECONDS)
    section = Section("News parse speed against its floor")
    if not REAL.is_dir():
        section.notes.append("skipped: ../shared/fixtures/real is absent")
        return section
    news = real_pages(quick)["news"]
    section.rows += measure(f"news ({len(news)} pages)", news, rounds, min_seconds)
    if bench and BENCH.is_dir():
        pages = [Page(p.name, p.body, p.url, DEFAULT_CAPTURE) for p in bench_pages(quick)]
        section.rows += measure(f"news-bench ({len(pages)} pages)", pages, rounds, min_seconds)
    section.notes = [
        "Baseline: `decode_body(body)` + `parsel.Selector(text=..., type='html')`, as in "
        "`bench/parse_engines.py`. Each part is timed alone over the same pages, all in turns, "
        f"{rounds} rounds; ratio = the part's time / the baseline's, round by round.",
        "The parts overlap parse_page (each builds its own tree); their ratios say what parse_page "
        "cannot go below while it does that part: trafilatura's reading alone, or the checks every page "
        "gets before it may be called an article.",
    ]
    return section


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 pages, shorter rounds: to try the bench itself")
    parser.add_argument("--bench", action="store_true", help="also the 181 pages of news-bench (slow)")
    args = parser.parse_args(argv)
    print(run(quick=args.quick, bench=args.bench).markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
