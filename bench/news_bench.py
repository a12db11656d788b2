"""News article bodies: ``parse_page`` against trafilatura on the 181 pages of the scrapinghub benchmark.

Why: the news parser's body is what ``forum-archiver eval`` scores on ``news-bench`` (token F1
against ``articleBody``, ``parsers/evaluate.py``); the figure only means something next to the
best-known extractor run on the same bytes, in the same run. For each page of
``../shared/fixtures/real/news-bench`` (read by :func:`parsers.evaluate_gold.find_bench_pages`):

- **ours**: the main article's text from ``parse_page(body, url, DEFAULT_CAPTURE)``;
- **trafilatura**: ``trafilatura.extract(body, url=url)``, default settings;
- **trafilatura, favor_precision**: the same with ``favor_precision=True``;
- **trafilatura, with_metadata**: the same with ``with_metadata=True``: the body and also the
  title, author and date (htmldate), which is the whole of what ``parse_page`` does for a news
  page, so the speed goal ("at or under trafilatura's own cost") is judged against this one.

Accuracy (one call per page and tool, which is also the warm-up): mean token precision, recall
and F1 over all pages (``parsers.evaluate_text.token_scores``; empty output scores 0), pages at
F1 >= 0.95 (the eval's threshold), pages not read (empty output). Speed: milliseconds per page
over all pages, the three tools taking turns (``bench/common.py``'s ``in_turns``), and the ratio
ours / trafilatura round by round. ``parse_page`` does more than find the body (title, authors,
dates, blocks, images, the check that the page is not a forum), so a ratio above 1 is expected.

Without ``../shared`` the section is skipped with a message.

    .venv/bin/python bench/news_bench.py [--quick]
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import MIN_RUNS, Measure, Row, Section, in_turns, ratio, section_main  # noqa: E402
from parsers.evaluate import DEFAULT_CAPTURE, NEWS_F1_THRESHOLD  # noqa: E402
from parsers.evaluate_gold import find_bench_pages  # noqa: E402
from parsers.evaluate_text import token_scores  # noqa: E402
from parsers.registry import parse_page  # noqa: E402

BENCH = ROOT.parent / "shared" / "fixtures" / "real" / "news-bench"
SHOWN = "../shared/fixtures/real/news-bench"  # BENCH as the docs name it, relative to the repository
TITLE = "News bodies: parse_page against trafilatura (scrapinghub article-extraction-benchmark)"
QUICK_PAGES = 20


@dataclass
class Page:
    name: str
    body: bytes
    url: str
    gold: str


def pages(quick: bool) -> list[Page]:
    found = find_bench_pages(BENCH)[: QUICK_PAGES if quick else None]
    out = []
    for page in found:
        record = page.gold[page.key]
        url = record.get("url") or "file:///" + page.html.name
        out.append(Page(page.name, page.body(), url, record["articleBody"]))
    return out


def ours(page: Page) -> str:
    result = parse_page(page.body, page.url, DEFAULT_CAPTURE)
    article = next((a for a in result.articles if a.main), None)
    return article.text if article else ""


def trafilatura_default(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.body, url=page.url) or ""


def trafilatura_precision(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.body, url=page.url, favor_precision=True) or ""


def trafilatura_metadata(page: Page) -> str:
    import trafilatura

    document = trafilatura.bare_extraction(page.body, url=page.url, with_metadata=True)
    return (document.text or "") if document is not None else ""


TOOLS = {"forum-archiver parse_page": ours, "trafilatura": trafilatura_default,
         "trafilatura favor_precision": trafilatura_precision, "trafilatura with_metadata": trafilatura_metadata}


@dataclass
class Accuracy:
    precision: float
    recall: float
    f1: float
    at_threshold: int
    not_read: int
    pages: int

    def means(self) -> str:
        return f"P {self.precision:.3f} / R {self.recall:.3f} / F1 {self.f1:.3f}"


def accuracy(tool, bench: list[Page]) -> Accuracy:
    scores, empty = [], 0
    for page in bench:
        try:
            text = tool(page)
        except Exception:  # an extractor that raises on a page has not read it
            text = ""
        empty += not text.strip()
        scores.append(token_scores(page.gold, text) if text.strip() else (0.0, 0.0, 0.0))
    n = len(scores)
    return Accuracy(sum(s[0] for s in scores) / n, sum(s[1] for s in scores) / n, sum(s[2] for s in scores) / n,
                    sum(s[2] >= NEWS_F1_THRESHOLD for s in scores), empty, n)


def per_page_ms(tool, bench: list[Page]):
    def work() -> float:
        start = time.perf_counter()
        for page in bench:
            try:
                tool(page)
            except Exception:
                pass
        return 1000 * (time.perf_counter() - start) / len(bench)
    return work


def run(quick: bool = False) -> Section:
    if not BENCH.is_dir():
        message = f"skipped: {SHOWN} is absent (the benchmark's pages live in ../shared)"
        return Section(TITLE + ": skipped", notes=[message])
    bench = pages(quick)
    scored = {name: accuracy(tool, bench) for name, tool in TOOLS.items()}  # also the warm-up
    times: dict[str, Measure] = in_turns({name: per_page_ms(tool, bench) for name, tool in TOOLS.items()},
                                         runs=MIN_RUNS, warm_up=False, unit="ms")
    n = len(bench)
    ours_name, rows = "forum-archiver parse_page", []
    for name in ("trafilatura", "trafilatura favor_precision", "trafilatura with_metadata"):
        mine, theirs = scored[ours_name], scored[name]
        rows += [
            Row(f"mean token P / R / F1, {n} pages (vs {name})", mine.means(), theirs.means()),
            Row(f"pages at F1 >= {NEWS_F1_THRESHOLD} (vs {name})", f"{mine.at_threshold}/{n}",
                f"{theirs.at_threshold}/{n}"),
            Row(f"pages not read, empty output (vs {name})", str(mine.not_read), str(theirs.not_read)),
            Row(f"time per page (vs {name})", times[ours_name].text(1), times[name].text(1),
                ratio(times[ours_name], times[name])),
        ]
    which = f"quick: the first {QUICK_PAGES}" if quick else "all"
    notes = [
        f"Pages: {n} of {SHOWN} ({which}), "
        "decompressed once; the URL is the gold's. Figure: forum-archiver's main article text from "
        "`parse_page(body, url, DEFAULT_CAPTURE)`; baseline: `trafilatura.extract(body, url=url)` (default "
        "settings, `favor_precision=True`, or `with_metadata=True`: body, title, author and date, the same "
        "job as parse_page), same bytes, same run.",
        "Token P/R/F1 as `forum-archiver eval` computes them (lower-cased `\\w+` tokens, multiset overlap) "
        "against the gold `articleBody`; a page with empty output scores 0 and counts as not read.",
        f"Time: each tool over all {n} pages once per round, the four in turns, {MIN_RUNS} rounds; "
        "ratio = ours / trafilatura per round. parse_page also reads the title, authors, dates, blocks and "
        "images and checks that the page is not a forum page.",
    ]
    return Section(TITLE, rows, notes)


if __name__ == "__main__":
    if not BENCH.is_dir():
        print(f"news_bench: skipped, {SHOWN} is absent (the benchmark's pages live in ../shared)")
        sys.exit(0)
    sys.exit(section_main(run, __doc__, f"the first {QUICK_PAGES} pages only: to try the bench itself"))
