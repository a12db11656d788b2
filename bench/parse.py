"""Parser speed benchmark: how long ``parse_page`` takes on a 25-post Invision Community page.

Why: the crawler and replay parse every archived page, so a slow parser limits replay speed.
Seconds alone mean little across machines, so each page is also timed on a baseline measured in
the same run on the same bytes: decoding them (``decode_body``, as ``parse_page`` does) and
building a parsel ``Selector`` from the text. The target is a whole page parsed in at most
``TARGET_RATIO`` times that baseline; the ratio carries over from one machine to another.

Pages: the real 25-post IPS pages in ``../shared/fixtures/real/ips`` (skipped when absent), and
two pages generated from the sample board in ``crawler/demo_site`` with plain string operations
(never with the parser): "short posts" and "long posts". See ``bench/README.md``.

    .venv/bin/python bench/parse.py [--repeat N] [--json] [--check]
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import re
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a clone without installing it

import lxml  # noqa: E402
import parsel  # noqa: E402
from lxml import etree  # noqa: E402
from parsel import Selector  # noqa: E402

from bench.common import as_new_visit  # noqa: E402
from parsers.html_text import decode_body  # noqa: E402
from parsers.registry import parse_page  # noqa: E402

TARGET_RATIO = 3.0
MIN_SECONDS = 0.2  # each measurement loops over the work at least this long
CAPTURED = datetime(2021, 12, 30, 12, 0, tzinfo=timezone.utc)
CONTENT_TYPE = "text/html; charset=UTF-8"  # every page here is UTF-8; same value for both timings

REAL_IPS = ROOT.parent / "shared" / "fixtures" / "real" / "ips"
MIN_REAL_POSTS = 20

SAMPLE_BASE_URL = "http://127.0.0.1:8000"
SAMPLE_PATH = "/topic/4242-iraqi-officials-prime-minister-survives-assassination-attempt/"
SAMPLE_TOPIC = ROOT / "crawler" / "demo_site" / "pages" / SAMPLE_PATH.strip("/")
GENERATED_POSTS = 25
FIRST_FRESH_ID = 3000001
# Thread positions of the sample's 13 posts (tests/data/sample_thread.expected.json).
SHORT_POSTS = (4, 5, 6, 7)  # jg1 and coorslite21 talking, each quoting the other
LONG_POSTS = (1, 2, 3, 8, 9, 10, 11, 13)  # news articles reposted whole

# One post: its anchors, then <article id="elComment_N"> up to its end (post articles never nest).
POST_BLOCK = re.compile(
    r'(?:<a id="findComment-\d+"></a>\s*)?<a id="comment-(?P<id>\d+)"></a>\s*'
    r'<article id="elComment_(?P=id)"[^>]*>.*?</article>',
    re.S,
)


@dataclass
class Page:
    name: str
    body: bytes
    url: str
    posts: int


@dataclass
class Result:
    page: Page
    baseline: float  # seconds per page: decode_body + Selector build
    parse: float  # seconds per page: parse_page

    @property
    def ratio(self) -> float:
        return self.parse / self.baseline


# --- pages -------------------------------------------------------------------------------------

def count_posts(body: bytes, url: str) -> int:
    return len(parse_page(body, url, CAPTURED, content_type=CONTENT_TYPE).posts)


def real_pages() -> list[Page]:
    """The saved IPS pages from ../shared with at least MIN_REAL_POSTS posts (decided by parsing)."""
    if not REAL_IPS.is_dir():
        print(f"skipping real pages: {os.path.relpath(REAL_IPS, ROOT)} is absent", file=sys.stderr)
        return []
    pages = []
    for path in sorted(REAL_IPS.glob("*.html")):
        body, url = path.read_bytes(), real_url(path)
        posts = count_posts(body, url)
        if posts >= MIN_REAL_POSTS:
            pages.append(Page(f"real {path.stem}", body, url, posts))
    return pages


def real_url(path: Path) -> str:
    """The page's own URL, from its ground-truth file beside it."""
    expected = path.with_name(path.stem + ".expected.json")
    data = json.loads(expected.read_text(encoding="utf-8")) if expected.exists() else {}
    return data.get("url") or data.get("source_url") or f"https://forum.invalid/topic/1-{path.stem}/"


def sample_html(page: int) -> str:
    path = SAMPLE_TOPIC / "index.html" if page == 1 else SAMPLE_TOPIC / "page" / str(page) / "index.html"
    return path.read_text(encoding="utf-8").replace("{{BASE_URL}}", SAMPLE_BASE_URL)


def sample_posts() -> list[tuple[str, str]]:
    """(comment id, HTML block) of each sample post, in thread order (position 1 first)."""
    return [(m.group("id"), m.group(0)) for page in (1, 2, 3) for m in POST_BLOCK.finditer(sample_html(page))]


def renumber(block: str, old_id: str, new_id: int) -> str:
    """The block with every mention of its own comment id replaced: elComment_N, comment-N_wrap,
    data-commentid, contentcommentid, comment=N, and the menu ids. Quotes of other posts keep theirs."""
    return re.sub(rf"(?<!\d){old_id}(?!\d)", str(new_id), block)


def generated_page(name: str, positions: tuple[int, ...]) -> Page:
    """The sample's page 1 with its posts replaced by GENERATED_POSTS copies of the given posts."""
    shell = sample_html(1)
    posts = sample_posts()
    chosen = [posts[position - 1] for position in positions]
    fresh_ids = range(FIRST_FRESH_ID, FIRST_FRESH_ID + GENERATED_POSTS)
    copies = []
    for i, new_id in enumerate(fresh_ids):
        old_id, block = chosen[i % len(chosen)]
        copies.append(renumber(block, old_id, new_id))
    existing = list(POST_BLOCK.finditer(shell))
    html = shell[:existing[0].start()] + "\n\n".join(copies) + shell[existing[-1].end():]
    page = Page(f"generated {name}", html.encode("utf-8"), SAMPLE_BASE_URL + SAMPLE_PATH, GENERATED_POSTS)
    check_generated(page, [str(i) for i in fresh_ids])
    return page


def check_generated(page: Page, want_ids: list[str]) -> None:
    result = parse_page(page.body, page.url, CAPTURED, content_type=CONTENT_TYPE)
    got_ids = [post.post_id for post in result.posts]
    if got_ids != want_ids:
        sys.exit(f"bench: the {page.name} page parses to {len(got_ids)} posts, not {len(want_ids)} "
                 f"with fresh ids {want_ids[0]}..{want_ids[-1]} (errors: {result.errors}); "
                 "has the sample board's markup changed?")


def all_pages() -> list[Page]:
    return [*real_pages(), generated_page("short posts", SHORT_POSTS), generated_page("long posts", LONG_POSTS)]


# --- timing ------------------------------------------------------------------------------------

def loop_seconds(work, loops: int) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(loops):
        work()
    return time.perf_counter() - start


def loops_for(work) -> int:
    """How many calls of ``work`` in a row take at least MIN_SECONDS."""
    loops = 1
    while (elapsed := loop_seconds(work, loops)) < MIN_SECONDS:
        loops = max(loops + 1, math.ceil(loops * MIN_SECONDS * 1.1 / elapsed))
    return loops


def seconds_per_call(works: list, repeat: int) -> list[float]:
    """Best of ``repeat`` measurements of one call of each work, after a warm-up call.

    Each measurement lasts >= MIN_SECONDS; the works take turns, so a machine busy with something
    else for a while slows all of them alike and their ratio holds.
    """
    for work in works:
        work()
    loops = [loops_for(work) for work in works]
    best = [math.inf] * len(works)
    for _ in range(repeat):
        for i, work in enumerate(works):
            best[i] = min(best[i], loop_seconds(work, loops[i]) / loops[i])
    return best


def measure(page: Page, repeat: int) -> Result:
    def baseline():
        Selector(text=decode_body(page.body, CONTENT_TYPE), type="html")

    def parse():
        parse_page(page.body, *as_new_visit(page.url, CAPTURED), content_type=CONTENT_TYPE)

    return Result(page, *seconds_per_call([baseline, parse], repeat))


# --- report ------------------------------------------------------------------------------------

def summary(results: list[Result], repeat: int) -> dict:
    baseline = sum(r.baseline for r in results)
    parse = sum(r.parse for r in results)
    posts = sum(r.page.posts for r in results)
    ratio = parse / baseline
    return {
        "date": datetime.now(timezone.utc).date().isoformat(),
        "python": platform.python_version(),
        "lxml": lxml.__version__,
        "libxml2": ".".join(map(str, etree.LIBXML_VERSION)),
        "parsel": parsel.__version__,
        "cpus": os.cpu_count(),
        "repeat": repeat,
        "min_seconds_per_measurement": MIN_SECONDS,
        "baseline": "decode_body + parsel Selector(text, type='html')",
        "pages": [
            {"page": r.page.name, "kb": round(len(r.page.body) / 1024, 1), "posts": r.page.posts,
             "baseline_ms": round(r.baseline * 1000, 2), "parse_ms": round(r.parse * 1000, 2),
             "ratio": round(r.ratio, 2)}
            for r in results
        ],
        "total": {"pages": len(results), "posts": posts, "pages_per_s": round(len(results) / parse, 1),
                  "posts_per_s": round(posts / parse), "ratio": round(ratio, 2)},
        "target_ratio": TARGET_RATIO,
        "pass": ratio <= TARGET_RATIO,
    }


def mark(ratio: float) -> str:
    return "PASS" if ratio <= TARGET_RATIO else "FAIL"


def table(report: dict) -> str:
    total = report["total"]
    lines = [
        f"parse_page benchmark, {report['date']}: Python {report['python']}, lxml {report['lxml']} "
        f"(libxml2 {report['libxml2']}), parsel {report['parsel']}; one thread ({report['cpus']} CPUs)",
        f"best of {report['repeat']}, each measurement >= {report['min_seconds_per_measurement']} s; "
        "baseline = decode_body + Selector(type='html') build, same bytes, same run",
        "",
        f"{'page':<44} {'KB':>6} {'posts':>5} {'baseline ms':>11} {'parse ms':>9} {'ratio':>6}",
    ]
    for row in report["pages"]:
        lines.append(f"{row['page']:<44} {row['kb']:>6.0f} {row['posts']:>5} {row['baseline_ms']:>11.1f} "
                     f"{row['parse_ms']:>9.1f} {row['ratio']:>6.2f}  {mark(row['ratio'])}")
    lines += [
        "",
        f"total: {total['pages']} pages, {total['posts']} posts: {total['pages_per_s']} pages/s, "
        f"{total['posts_per_s']} posts/s",
        f"overall ratio parse/baseline {total['ratio']:.2f} (target <= {report['target_ratio']}): "
        f"{'PASS' if report['pass'] else 'FAIL'}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="measurements per page, the best is kept (default 5)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 when the overall ratio exceeds {TARGET_RATIO}")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    results = [measure(page, args.repeat) for page in all_pages()]
    report = summary(results, args.repeat)
    print(json.dumps(report, indent=2) if args.json else table(report))
    return 1 if args.check and not report["pass"] else 0


if __name__ == "__main__":
    sys.exit(main())
