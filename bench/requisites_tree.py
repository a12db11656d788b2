"""What the crawl spends a page on its parse and its requisites: read from the parse's own tree
(``parse_page(..., requisites=True)``, what the crawler does) against a second tree of the page
(``page_requisites`` of a result that did not read them, what it did before).

Why: the crawl's CPU in Scrapy's thread is what bounds its pages/s (``bench/crawl.py``), and a
second lxml tree of every page, built only to find its stylesheets and pictures, was its largest
single item. Both ways run in the same run, in turns (``bench/common.py``), on the pages
``bench/thread_site.py`` serves to ``bench/crawl.py``: 1 post and 41 KB a page (the crawl
comparison's), with the requisites of ``--requisites`` (avatars, icons, pictures in posts), and
10 posts a page. The lists the two ways give are checked equal first.

    .venv/bin/python bench/requisites_tree.py [--quick]
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import MIN_RUNS, Row, Section, in_turns, ratio, section_main  # noqa: E402
from bench.thread_site import PageTemplate  # noqa: E402
from parsers.registry import parse_page  # noqa: E402
from parsers.requisites import page_requisites  # noqa: E402

BASE_URL = "http://127.0.0.1:8000"
PAGE_URL = BASE_URL + "/topic/1-bench/"
CONTENT_TYPE = "text/html; charset=utf-8"
CAPTURED = datetime(2026, 1, 1, tzinfo=timezone.utc)
SHAPES = ((1, False), (1, True), (10, True))  # (posts a page, with thread_site's requisites)
ROUNDS, QUICK_ROUNDS = 9, MIN_RUNS
PAGES = 9  # pages of each shape (3 threads x 3 pages)


def pages_of(posts: int, requisites: bool) -> list[bytes]:
    template = PageTemplate(posts, requisites=requisites)
    return [template.render(BASE_URL, thread, page, 20) for thread in range(3) for page in range(1, 4)]


def second_tree(pages: list[bytes]) -> list:
    return [page_requisites(body, PAGE_URL, parse_page(body, PAGE_URL, CAPTURED, CONTENT_TYPE), CONTENT_TYPE)
            for body in pages]


def parse_tree(pages: list[bytes]) -> list:
    return [page_requisites(body, PAGE_URL, parse_page(body, PAGE_URL, CAPTURED, CONTENT_TYPE, requisites=True),
                            CONTENT_TYPE) for body in pages]


def rate_of(work, pages: list[bytes]):
    def rate() -> float:
        start = time.perf_counter()
        work(pages)
        return len(pages) / (time.perf_counter() - start)
    return rate


def run(quick: bool = False) -> Section:
    section = Section("Crawl: a page's requisites from the parse's own tree vs a second tree")
    for posts, requisites in SHAPES:
        pages = pages_of(posts, requisites)
        if second_tree(pages) != parse_tree(pages):
            raise AssertionError(f"the two ways found different requisites ({posts} posts a page)")
        rates = in_turns({"second tree": rate_of(second_tree, pages), "parse's tree": rate_of(parse_tree, pages)},
                         runs=QUICK_ROUNDS if quick else ROUNDS, unit="pages/s")
        label = (f"parse + requisites, {posts} post(s) and {len(pages[0]) // 1024} KB a page"
                 f"{' with pictures, avatars and icons' if requisites else ''}: parse's tree vs second tree")
        section.rows.append(Row(label, rates["parse's tree"].text(), rates["second tree"].text(),
                                ratio(rates["second tree"], rates["parse's tree"])))
    section.notes = [
        f"{PAGES} pages of each shape from bench/thread_site.py, each way in turns, "
        f"{QUICK_ROUNDS if quick else ROUNDS} rounds; the ratio is the time a page takes with the "
        "parse's tree over its time with a second tree (below 1: cheaper). The two ways' lists are "
        "checked equal before timing.",
    ]
    return section


if __name__ == "__main__":
    sys.exit(section_main(run, __doc__, f"{QUICK_ROUNDS} rounds instead of {ROUNDS}"))
