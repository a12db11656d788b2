"""Crawl benchmark: pages/s of the whole pipeline (Scrapy, parse, WARC, SQLite), next to its baselines.

Why: archiving must not make the crawl much slower than fetching and parsing alone. Seconds
depend on the machine, so every figure is a ratio against a crawl measured in the same run on the
same pages, taken in turns (A B C A B C ...) so that a busy spell slows each alike:

- **bare**: Scrapy fetching the pages and following their next-page link, nothing else
  (``bench/crawl_spiders.py``);
- **parse-only**: the ``forum`` spider with archiving off (it parses each page itself to follow
  pagination);
- **full, before**: the ``forum`` spider with WARC + SQLite as the archive first wrote them: gzip
  level 9 (warcio's) and every write in Scrapy's own thread (``ARCHIVE_WARC_GZIP_LEVEL=9``,
  ``ARCHIVE_WRITE_QUEUE=0``);
- **full**: the same with the project's defaults (``crawler/settings.py``).

Target: full >= 0.85 x parse-only. Also measured: growth (peak memory and pages/s of the full
pipeline at 1k, 10k and 100k pages) and incremental re-crawls (requests a re-crawl of unchanged
threads makes, counted by the server). Every crawl is a real ``scrapy`` process against
``bench/thread_site.py`` on 127.0.0.1, with politeness off (see the notes of the section).

    .venv/bin/python bench/crawl.py [--quick] [--only comparison,growth,incremental]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a clone without installing it

from bench.common import MIN_RUNS, Measure, Row, Section, in_turns, ratio, verdict  # noqa: E402
from bench.thread_site import ThreadSite  # noqa: E402
from crawler import settings as project_settings  # noqa: E402
from crawler.demo import scrapy_env  # noqa: E402

TARGET = 0.85  # full pipeline pages/s over parse-only pages/s
COMPARISON_PAGES = 2000
COMPARISON_THREAD_PAGES = 20  # pages per thread: 100 threads of 20 pages
# One post a page (about 41 KB, most of it the IPS page around the posts): with 25 posts, storing
# a page in SQLite takes about 0.1 s on this 2-CPU machine, and 5 x 2,000-page crawls of each
# configuration would take far longer than the section's budget.
COMPARISON_POSTS = 1
BEFORE_AFTER_PAGES = 500  # pages per crawl of the before/after comparison
GROWTH_POSTS = 1
GROWTH_THREAD_PAGES = 50
# 100k pages take about 20 minutes here (the full pipeline stores about 90 pages/s): run them with
# --growth 1000,10000,100000.
GROWTH_SIZES = (1_000, 10_000)
INCREMENTAL_LENGTHS = (1, 10, 100)
CONCURRENCY = 16
# Politeness off: the bench measures the crawler, and the server is ours, on loopback.
BENCH_SETTINGS = {
    "DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "ROBOTSTXT_OBEY": "False",
    "CONCURRENT_REQUESTS": str(CONCURRENCY), "CONCURRENT_REQUESTS_PER_DOMAIN": str(CONCURRENCY),
    "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": "False", "RETRY_ENABLED": "False",
}
# With archiving off, the wall middleware parses every page to look for walls, and the spider then
# parses it again: switched off here so that parse-only parses each page once, as the full
# pipeline does (there the middleware reads the archive's parse).
WITHOUT_WALL_PARSE = json.dumps({**project_settings.DOWNLOADER_MIDDLEWARES,
                                 "crawler.middlewares.walls.WallPauseMiddleware": None})
CONFIGS = {
    "bare": {"spider": None, "settings": {"ARCHIVE_ENABLED": "False", "DOWNLOADER_MIDDLEWARES": WITHOUT_WALL_PARSE}},
    "parse-only": {"spider": "forum", "settings": {"ARCHIVE_ENABLED": "False",
                                                   "DOWNLOADER_MIDDLEWARES": WITHOUT_WALL_PARSE}},
    "full, before": {"spider": "forum", "settings": {"ARCHIVE_WARC_GZIP_LEVEL": "9", "ARCHIVE_WRITE_QUEUE": "0"}},
    "full": {"spider": "forum", "settings": {}},
}


@dataclass
class CrawlRun:
    pages: int  # 200 pages the server sent
    requests: int  # every request the server answered
    seconds: float  # from the server's first request to the crawl process's exit
    peak_rss: int  # bytes, the crawl process's maximum resident set
    warc_bytes: int
    cpu_seconds: float = 0.0  # user + system time of the crawl process, all its threads
    main_thread_cpu: float = 0.0  # of its main thread alone (Scrapy's reactor), sampled with psutil

    @property
    def rate(self) -> float:
        return self.pages / self.seconds


def crawl(site: ThreadSite, config: str, folder: Path, urls: list[str] | None = None,
          extra: dict[str, str] | None = None) -> CrawlRun:
    """One crawl of ``urls`` (default: every thread of ``site``) as a scrapy process; the archive
    (WARC folder and database) goes into ``folder``, which is kept for re-crawls."""
    folder.mkdir(parents=True, exist_ok=True)
    urls_file = folder / "urls.txt"
    urls_file.write_text("\n".join(urls or site.thread_urls()) + "\n", encoding="utf-8")
    spider = CONFIGS[config]["spider"]
    settings = {**BENCH_SETTINGS, "ARCHIVE_WARC_DIR": str(folder / "warc"), "ARCHIVE_DB": str(folder / "archive.db"),
                **CONFIGS[config]["settings"], **(extra or {})}
    command = [sys.executable, "-m", "scrapy"]
    command += (["crawl", spider] if spider else ["runspider", str(ROOT / "bench" / "crawl_spiders.py")])
    command += ["-a", f"urls_file={urls_file}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    before = _warc_bytes(folder / "warc")
    site.reset_log()
    with open(folder / "crawl.log", "ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=scrapy_env(), stdout=log, stderr=log)
        sampler = ThreadTimes(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
    ended = time.perf_counter()
    served = site.reset_log()
    if process.returncode != 0 or served.first_at is None:
        raise RuntimeError(f"{config} crawl failed (exit {process.returncode}); see {folder / 'crawl.log'}")
    return CrawlRun(pages=served.pages, requests=served.requests, seconds=ended - served.first_at,
                    peak_rss=usage.ru_maxrss * 1024, warc_bytes=_warc_bytes(folder / "warc") - before,
                    cpu_seconds=usage.ru_utime + usage.ru_stime, main_thread_cpu=sampler.seconds.get(process.pid, 0.0))


class ThreadTimes:
    """CPU seconds of each thread of a running process, polled with psutil until it exits.

    Why: whether the archive's writer thread can keep up on a second core shows in how much CPU
    the main (reactor) thread spends per page, next to its spend in a parse-only crawl."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        import psutil

        self.seconds: dict[int, float] = {}
        self._process = psutil.Process(pid)
        self._every = every
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="thread-times", daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        import psutil

        while not self._done.is_set():
            try:
                for thread in self._process.threads():
                    self.seconds[thread.id] = thread.user_time + thread.system_time
            except psutil.Error:
                return
            self._done.wait(self._every)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def _warc_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.warc.gz")) if folder.is_dir() else 0


# --- the comparison -----------------------------------------------------------------------------

def crawl_in_turns(workdir: Path, configs: tuple[str, ...], pages: int, runs: int
                   ) -> tuple[dict[str, Measure], dict[str, list[CrawlRun]], float]:
    """``runs`` crawls of ``pages`` pages with each configuration, in turns; (pages/s, the runs,
    KB of a page)."""
    threads = pages // COMPARISON_THREAD_PAGES
    runs_of: dict[str, list[CrawlRun]] = {name: [] for name in configs}
    with ThreadSite(threads, COMPARISON_THREAD_PAGES, COMPARISON_POSTS, keep_paths=False) as site:
        page_kb = len(site.template.render(site.base_url, 1, 1, COMPARISON_THREAD_PAGES)) / 1024

        def work_for(name: str):
            def work() -> float:
                folder = workdir / f"comparison-{name.replace(', ', '-')}-{len(runs_of[name])}"
                run = crawl(site, name, folder)
                shutil.rmtree(folder)
                if run.pages != pages:
                    raise RuntimeError(f"{name}: the server sent {run.pages} pages, not {pages}")
                runs_of[name].append(run)
                return run.rate
            return work

        rates = in_turns({name: work_for(name) for name in configs}, runs=runs, warm_up=False, unit="pages/s")
    return rates, runs_of, page_kb


def comparison(workdir: Path, quick: bool) -> tuple[list[Row], list[str]]:
    pages = 100 if quick else COMPARISON_PAGES
    runs = 2 if quick else MIN_RUNS
    configs = ("bare", "parse-only", "full")
    rates, runs_of, page_kb = crawl_in_turns(workdir, configs, pages, runs)
    bare, parse_only, full = (rates[name] for name in configs)
    full_ratio = ratio(full, parse_only)
    rss = {name: Measure([r.peak_rss / 2**20 for r in runs_of[name]], "MB") for name in configs}
    cpu = {name: Measure([r.cpu_seconds * 1000 / r.pages for r in runs_of[name]], "ms") for name in configs}
    main = {name: Measure([r.main_thread_cpu * 1000 / r.pages for r in runs_of[name]], "ms") for name in configs}
    rows = [
        Row(f"bare Scrapy, {pages} pages", bare.text()),
        Row("parse-only (forum spider, archiving off)", parse_only.text(), bare.text(), ratio(parse_only, bare)),
        Row("full pipeline (defaults: gzip 6, writer thread)", full.text(), parse_only.text(),
            full_ratio, f">= {TARGET}", verdict(full_ratio.median, TARGET)),
        Row("peak RSS of the crawl process: bare / parse-only / full",
            " / ".join(f"{rss[name].median:.0f}" for name in configs) + " MB"),
        Row("CPU time of the crawl process per page: bare / parse-only / full",
            " / ".join(f"{cpu[name].median:.1f}" for name in configs) + " ms"),
        Row("CPU per page, full vs parse-only", cpu["full"].text(), cpu["parse-only"].text(),
            ratio(cpu["full"], cpu["parse-only"])),
        Row("CPU per page in Scrapy's own thread, full vs parse-only", main["full"].text(), main["parse-only"].text(),
            ratio(main["full"], main["parse-only"])),
    ]
    notes = [
        f"Comparison: {pages} pages per crawl ({pages // COMPARISON_THREAD_PAGES} IPS threads of "
        f"{COMPARISON_THREAD_PAGES} pages, {COMPARISON_POSTS} post and {page_kb:.0f} KB a page, generated by "
        f"bench/thread_site.py), {runs} crawls of each configuration in turns, each a fresh `scrapy` process "
        "with a fresh archive. pages/s = pages the server sent / seconds from the server's first request to the "
        "process's exit (so interpreter start-up is left out, and the writer's final drain is counted).",
        f"Politeness off for the bench: AUTOTHROTTLE_ENABLED=False, DOWNLOAD_DELAY=0, ROBOTSTXT_OBEY=False, "
        f"CONCURRENT_REQUESTS=CONCURRENT_REQUESTS_PER_DOMAIN={CONCURRENCY}, retries off; the server is "
        "an asyncio HTTP/1.1 server with keep-alive in the benchmark's own process. Parse-only and bare run "
        "without the wall middleware's own parse (with archiving off it parses each page a second time).",
    ]
    return rows, notes


def before_after(workdir: Path, quick: bool) -> tuple[list[Row], list[str]]:
    pages = 100 if quick else BEFORE_AFTER_PAGES
    runs = 1 if quick else MIN_RUNS
    configs = ("full, before", "full")
    rates, runs_of, _ = crawl_in_turns(workdir, configs, pages, runs)
    before, now = rates["full, before"], rates["full"]
    kb = {name: Measure([r.warc_bytes / r.pages / 1024 for r in runs_of[name]], "KB") for name in configs}
    cpu = {name: Measure([r.cpu_seconds * 1000 / r.pages for r in runs_of[name]], "ms") for name in configs}
    main = {name: Measure([r.main_thread_cpu * 1000 / r.pages for r in runs_of[name]], "ms") for name in configs}
    rows = [
        Row(f"full pipeline as first written (gzip 9, writes in Scrapy's thread), {pages} pages", before.text()),
        Row("full pipeline now (gzip 6, writer thread)", now.text(), before.text(), ratio(now, before)),
        Row("CPU time per page, now vs before", cpu["full"].text(), cpu["full, before"].text(),
            ratio(cpu["full"], cpu["full, before"])),
        Row("WARC KB per page, gzip 9", kb["full, before"].text()),
        Row("WARC KB per page, gzip 6", kb["full"].text(), kb["full, before"].text(), ratio(kb["full"], kb["full, before"])),
    ]
    notes = [f"Before/after: {pages} pages per crawl, {runs} crawls of each in turns; 'before' is "
             "ARCHIVE_WARC_GZIP_LEVEL=9 ARCHIVE_WRITE_QUEUE=0, what the archive did before these settings existed."]
    return rows, notes


# --- growth --------------------------------------------------------------------------------------

def growth(work: Path, quick: bool, sizes: tuple[int, ...] = GROWTH_SIZES) -> tuple[list[Row], list[str]]:
    sizes = (100, 300) if quick else sizes
    results: dict[int, CrawlRun] = {}
    for size in sizes:
        threads = size // GROWTH_THREAD_PAGES
        with ThreadSite(threads, GROWTH_THREAD_PAGES, GROWTH_POSTS, keep_paths=False) as site:
            folder = work / f"growth-{size}"
            results[size] = crawl(site, "full", folder)
            shutil.rmtree(folder)
        if results[size].pages != size:
            raise RuntimeError(f"growth: the server sent {results[size].pages} pages, not {size}")
    first = sizes[0]
    base_rate = Measure([results[first].rate], "pages/s")
    base_rss = Measure([results[first].peak_rss / 2**20], "MB")
    rows = []
    for size in sizes:
        rate = Measure([results[size].rate], "pages/s")
        rss = Measure([results[size].peak_rss / 2**20], "MB")
        rows.append(Row(f"growth: full pipeline, {size:,} pages, pages/s", rate.text(),
                        base_rate.text() + f" ({first:,} pages)", ratio(rate, base_rate)))
        rows.append(Row(f"growth: full pipeline, {size:,} pages, peak RSS", rss.text(0),
                        base_rss.text(0) + f" ({first:,} pages)", ratio(rss, base_rss)))
    notes = [f"Growth: one crawl per size (not {MIN_RUNS}: the series must fit its time budget), threads of "
             f"{GROWTH_THREAD_PAGES} pages of {GROWTH_POSTS} post (about 41 KB a page), full pipeline with "
             "the defaults; peak RSS is the crawl process's ru_maxrss (os.wait4). The baseline is the smallest "
             f"crawl of the series. Sizes {', '.join(f'{size:,}' for size in sizes)}: 100,000 pages take about "
             "20 minutes on this machine; `bench/crawl.py --growth 1000,10000,100000` runs them."]
    return rows, notes


# --- incremental -------------------------------------------------------------------------------

def incremental(work: Path, quick: bool) -> tuple[list[Row], list[str]]:
    lengths = (1, 10) if quick else INCREMENTAL_LENGTHS
    rows = []
    for length in lengths:
        with ThreadSite(1, length, COMPARISON_POSTS) as site:
            folder = work / f"incremental-{length}"
            first = crawl(site, "full", folder)
            again = crawl(site, "full", folder)
            shutil.rmtree(folder)
        first_requests = Measure([first.requests], "requests")
        again_requests = Measure([again.requests], "requests")
        rows.append(Row(f"incremental: re-crawl of an unchanged {length}-page thread", again_requests.text(0),
                        first_requests.text(0) + " (first crawl)", ratio(again_requests, first_requests),
                        "constant", "PASS" if again.requests <= 2 else "MISS"))
        rows.append(Row(f"incremental: WARC bytes written by that re-crawl", f"{again.warc_bytes:,} B",
                        f"{first.warc_bytes:,} B (first crawl)",
                        ratio(Measure([again.warc_bytes]), Measure([first.warc_bytes]))))
    notes = ["Incremental: one thread crawled, then crawled again unchanged into the same archive; requests "
             "are counted by the server (bench/thread_site.py), not taken from Scrapy's stats. The re-crawl "
             "reads on from the last known page with a conditional request (If-None-Match), answered 304 and "
             "archived as a revisit record."]
    return rows, notes


PARTS = {"comparison": comparison, "before-after": before_after, "growth": growth, "incremental": incremental}


def run(quick: bool = False, parts: tuple[str, ...] = tuple(PARTS), growth_sizes: tuple[int, ...] = GROWTH_SIZES
        ) -> Section:
    section = Section("Crawl: full pipeline vs parse-only vs bare Scrapy")
    work = Path(tempfile.mkdtemp(prefix="crawl-bench-"))
    try:
        for name in parts:
            started = time.perf_counter()
            rows, notes = (growth(work, quick, growth_sizes) if name == "growth" else PARTS[name](work, quick))
            section.rows += rows
            section.notes += notes + [f"{name.capitalize()} took {time.perf_counter() - started:.0f} s."]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer pages and runs: for trying the bench itself")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts of {', '.join(PARTS)}")
    parser.add_argument("--growth", default=",".join(map(str, GROWTH_SIZES)),
                        help="pages of each crawl of the growth series (default %(default)s)")
    args = parser.parse_args(argv)
    parts = tuple(part for part in args.only.split(",") if part)
    unknown = [part for part in parts if part not in PARTS]
    if unknown:
        parser.error(f"unknown part(s): {', '.join(unknown)}")
    sizes = tuple(int(size) for size in args.growth.split(",") if size)
    print(run(args.quick, parts, sizes).markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
