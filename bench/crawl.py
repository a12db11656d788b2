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
- **full**: the same with the project's defaults (``crawler/settings.py``): gzip level 6 and the
  archive writer in a process of its own (``ARCHIVE_WRITER=process``), off Scrapy's GIL;
- **full, writer thread**: the defaults but the archive writer in a thread of Scrapy's process
  (``ARCHIVE_WRITER=thread``), the default before the writer process was.

Target: full >= 0.85 x parse-only. Also measured: growth (peak memory and pages/s of the full
pipeline at 1k, 10k and 100k pages), incremental re-crawls (requests a re-crawl of unchanged
threads makes, counted by the server) and page requisites (the posts' pictures, avatars, icons
and stylesheet archived with each page: thread pages/s and WARC bytes with the defaults against
``ARCHIVE_REQUISITES=False``, in turns; requisite requests against distinct requisites; requisite
requests of a re-crawl; a section of its own, "Crawl: page requisites"). Every crawl is a real
``scrapy`` process against ``bench/thread_site.py`` on 127.0.0.1, with politeness off (see the
notes of the section).

    .venv/bin/python bench/crawl.py [--quick] [--only comparison,before-after,growth,incremental,requisites]
    .venv/bin/python bench/crawl.py --only requisites --write-doc   # its section into docs/performance.md
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
from dataclasses import dataclass, field
from datetime import datetime, timezone
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
REQUISITE_PAGES = 300  # thread pages per crawl of the requisites part: about 5 minutes in all
REQUISITE_THREAD_PAGES = 20
# Posts a page, each with two pictures of its own (bench/thread_site.py): 5 posts make 10 unique
# pictures and 5 avatars a page, closer to a real thread page than the comparison's single post.
REQUISITE_POSTS = 5
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
    "full, writer thread": {"spider": "forum", "settings": {"ARCHIVE_WRITER": "thread"}},
    "full, no requisites": {"spider": "forum", "settings": {"ARCHIVE_REQUISITES": "False"}},
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
    requisites: int = 0  # requests for the site's requisites (ThreadSite(requisites=True))
    requisite_paths: dict[str, int] = field(default_factory=dict)  # requests per requisite

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
        # The log's end goes into the error: the work folder is removed when the section ends.
        tail = (folder / "crawl.log").read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        raise RuntimeError(f"{config} crawl failed (exit {process.returncode}); the end of its log:\n" + "\n".join(tail))
    return CrawlRun(pages=served.pages, requests=served.requests, seconds=ended - served.first_at,
                    peak_rss=usage.ru_maxrss * 1024, warc_bytes=_warc_bytes(folder / "warc") - before,
                    cpu_seconds=usage.ru_utime + usage.ru_stime, main_thread_cpu=sampler.seconds.get(process.pid, 0.0),
                    requisites=served.requisites, requisite_paths=served.requisite_paths)


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
    configs = ("bare", "parse-only", "full", "full, writer thread")
    rates, runs_of, page_kb = crawl_in_turns(workdir, configs, pages, runs)
    bare, parse_only, full, thread = (rates[name] for name in configs)
    full_ratio = ratio(full, parse_only)
    thread_ratio = ratio(thread, parse_only)
    rss = {name: Measure([r.peak_rss / 2**20 for r in runs_of[name]], "MB") for name in configs}
    cpu = {name: Measure([r.cpu_seconds * 1000 / r.pages for r in runs_of[name]], "ms") for name in configs}
    main = {name: Measure([r.main_thread_cpu * 1000 / r.pages for r in runs_of[name]], "ms") for name in configs}
    rows = [
        Row(f"bare Scrapy, {pages} pages", bare.text()),
        Row("parse-only (forum spider, archiving off)", parse_only.text(), bare.text(), ratio(parse_only, bare)),
        Row("full pipeline (defaults: gzip 6, writer process)", full.text(), parse_only.text(),
            full_ratio, f">= {TARGET}", verdict(full_ratio.median, TARGET)),
        Row("full pipeline with the writer thread (ARCHIVE_WRITER=thread)", thread.text(), parse_only.text(),
            thread_ratio, f">= {TARGET}", verdict(thread_ratio.median, TARGET)),
        Row("full pipeline, writer process vs writer thread", full.text(), thread.text(), ratio(full, thread)),
        Row("peak RSS of the crawl process: bare / parse-only / full / full with the writer thread",
            " / ".join(f"{rss[name].median:.0f}" for name in configs) + " MB"),
        Row("CPU time of the crawl process per page: bare / parse-only / full / full with the writer thread",
            " / ".join(f"{cpu[name].median:.1f}" for name in configs) + " ms"),
        Row("CPU per page, full vs parse-only", cpu["full"].text(), cpu["parse-only"].text(),
            ratio(cpu["full"], cpu["parse-only"])),
        Row("CPU per page in Scrapy's own thread, full (writer process) vs parse-only", main["full"].text(),
            main["parse-only"].text(), ratio(main["full"], main["parse-only"])),
        Row("CPU per page in Scrapy's own thread, writer thread vs parse-only", main["full, writer thread"].text(),
            main["parse-only"].text(), ratio(main["full, writer thread"], main["parse-only"])),
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
        "CPU time and peak RSS come from os.wait4 on the crawl process: with the writer process (the default) the CPU "
        "includes its writer process (reaped by it), and the peak RSS is the larger of the two processes' (not their sum; the writer "
        "process adds its own, about as much again as an idle Python with sqlite-utils and warcio). CPU in "
        "Scrapy's own thread is sampled with psutil every 0.1 s.",
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
        Row("full pipeline now (gzip 6, writer process)", now.text(), before.text(), ratio(now, before)),
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


# --- page requisites ------------------------------------------------------------------------------

REQUISITES_TITLE = "Crawl: page requisites"


def requisites(workdir: Path, quick: bool) -> tuple[list[Row], list[str]]:
    """Thread pages/s, requests and WARC bytes per thread page with requisites (the defaults) and
    without (``ARCHIVE_REQUISITES=False``), in turns on the same requisite-bearing site; requisite
    requests against the site's distinct requisites; then a re-crawl into the last archive."""
    pages = 60 if quick else REQUISITE_PAGES
    runs = 2 if quick else MIN_RUNS
    configs = {"on": "full", "off": "full, no requisites"}
    runs_of: dict[str, list[CrawlRun]] = {name: [] for name in configs}
    kept: list[Path] = []  # the last archive crawled with requisites, for the re-crawl
    with ThreadSite(pages // REQUISITE_THREAD_PAGES, REQUISITE_THREAD_PAGES, REQUISITE_POSTS, keep_paths=False,
                    requisites=True) as site:
        shown = site.requisite_urls()
        distinct = shown["post pictures"] | shown["shared"]
        picture_kb = sum(len(site.requisite(url[len(site.base_url):])[1]) for url in shown["post pictures"]) / 1024
        shared_kb = sum(len(site.requisite(url[len(site.base_url):])[1]) for url in shown["shared"]) / 1024
        page_kb = len(site.template.render(site.base_url, 1, 1, REQUISITE_THREAD_PAGES)) / 1024

        def work_for(name: str):
            def work() -> float:
                folder = workdir / f"requisites-{name}-{len(runs_of[name])}"
                run = crawl(site, configs[name], folder)
                if run.pages != pages:
                    raise RuntimeError(f"requisites {name}: the server sent {run.pages} thread pages, not {pages}")
                runs_of[name].append(run)
                if name == "on" and len(runs_of[name]) == runs:
                    kept.append(folder)
                else:
                    shutil.rmtree(folder)
                return run.rate
            return work

        rates = in_turns({name: work_for(name) for name in configs}, runs=runs, warm_up=False, unit="pages/s")
        first = runs_of["on"][-1]
        again = crawl(site, "full", kept[0])
        shutil.rmtree(kept[0])
    on, off = rates["on"], rates["off"]
    per_page = {name: Measure([r.requests / r.pages for r in runs_of[name]], "requests") for name in configs}
    kb = {name: Measure([r.warc_bytes / r.pages / 1024 for r in runs_of[name]], "KB") for name in configs}
    cpu = {name: Measure([r.cpu_seconds * 1000 / r.pages for r in runs_of[name]], "ms") for name in configs}
    fetched = Measure([r.requisites for r in runs_of["on"]], "requests")
    once = all(r.requisites == len(distinct) and set(r.requisite_paths) == {u[len(site.base_url):] for u in distinct}
               for r in runs_of["on"])
    shared_paths = {url[len(site.base_url):] for url in shown["shared"]}
    most_shared = max(count for r in runs_of["on"] for path, count in r.requisite_paths.items() if path in shared_paths)
    off_requisites = max(r.requisites for r in runs_of["off"])
    rows = [
        Row(f"thread pages/s, requisites off (-s ARCHIVE_REQUISITES=False), {pages} pages", off.text()),
        Row("thread pages/s, requisites on (the defaults)", on.text(), off.text(), ratio(on, off)),
        Row("requests to the forum per thread page, on vs off", per_page["on"].text(1), per_page["off"].text(1),
            ratio(per_page["on"], per_page["off"])),
        Row("WARC KB per thread page, on vs off", kb["on"].text(), kb["off"].text(), ratio(kb["on"], kb["off"])),
        Row("CPU time of the crawl process per thread page, on vs off", cpu["on"].text(), cpu["off"].text(),
            ratio(cpu["on"], cpu["off"])),
        Row("requisite requests of a crawl with requisites on (counted by the server)", fetched.text(0),
            f"{len(distinct):,} distinct requisites on the site ({len(shown['post pictures']):,} post pictures, "
            f"{len(shown['shared'])} shared)", ratio(fetched, Measure([len(distinct)] * len(fetched.values))),
            "each once", "PASS" if once else "MISS"),
        Row(f"requests of one shared requisite (stylesheet, logo, icons, avatars), shown on all {pages} pages",
            f"{most_shared} at most", "", None, "1", "PASS" if most_shared == 1 else "MISS"),
        Row("requisite requests of a crawl with requisites off", f"{off_requisites}", "", None, "0",
            "PASS" if off_requisites == 0 else "MISS"),
        Row("re-crawl of the same site into the same archive, requisites on: requisite requests",
            f"{again.requisites}", f"{first.requisites:,} (first crawl)",
            ratio(Measure([again.requisites]), Measure([first.requisites])), "0",
            "PASS" if again.requisites == 0 else "MISS"),
        Row("that re-crawl: all requests to the forum / WARC bytes written",
            f"{again.requests:,} / {again.warc_bytes:,} B",
            f"{first.requests:,} / {first.warc_bytes:,} B (first crawl)",
            ratio(Measure([again.requests]), Measure([first.requests]))),
    ]
    picture_bytes_per_page = picture_kb / pages
    requisites_per_page = fetched.median / pages
    # WARC bytes a requisite adds beyond its own bytes: its request and response records' headers.
    overhead_kb = (kb["on"].median - kb["off"].median - (picture_kb + shared_kb) / pages) / requisites_per_page
    seconds_per = {name: 1 / (rates[name].median * per_page[name].median) for name in configs}
    notes = [
        f"Site: {pages} thread pages ({pages // REQUISITE_THREAD_PAGES} IPS threads of {REQUISITE_THREAD_PAGES} "
        f"pages, {REQUISITE_POSTS} posts and {page_kb:.0f} KB of HTML a page) from bench/thread_site.py with "
        f"requisites on: each post shows two pictures of its own in its body (PNG, 2.7 to 7.2 KB, unique bytes; "
        f"{picture_bytes_per_page:.1f} KB of pictures a page) and its author's avatar (one of "
        f"{len([u for u in shown['shared'] if '/avatar-' in u])} members, so avatars repeat across pages), and every "
        f"page shows the same stylesheet, logo and five reaction icons ({len(shown['shared'])} shared requisites, "
        f"{shared_kb:.0f} KB in all). Pictures, avatars and icons are served as image/png, the stylesheet as "
        "text/css, each with an ETag, as the pages are.",
        f"Turns: {runs} crawls of each in turns (on, off, on, off, ...), each a fresh `scrapy` process with a fresh "
        "archive and the comparison's bench settings (politeness off, 16 concurrent requests). 'on' is the "
        "project's defaults; 'off' adds `-s ARCHIVE_REQUISITES=False`. Thread pages/s = thread pages the "
        "server sent / seconds from the server's first request to the process's exit; requests (pages and "
        "requisites) and requisite requests are counted by the server. The re-crawl crawls the same unchanged "
        "site again into the last 'on' crawl's archive.",
        "What it means: every requisite is one more request to the forum, so with requisites on a crawl asks "
        f"the forum {per_page['on'].median:.1f} times per thread page instead of {per_page['off'].median:.1f}, "
        f"and thread pages/s is lower by design: {ratio(on, off).median:.2f} x here. Here, at full speed on "
        "loopback, a requisite costs the crawler far less than a page (no parse, no posts to store): "
        f"{seconds_per['on'] * 1000:.0f} ms of crawl per request with requisites against "
        f"{seconds_per['off'] * 1000:.0f} ms without, so pages/s falls less than the requests rise. What a "
        "requisite does cost is the crawl process's CPU: about "
        f"{(cpu['on'].median - cpu['off'].median) / requisites_per_page:.1f} ms a requisite (its request and "
        "response through Scrapy, its payload digest and dedupe look-up, its WARC records and captures row), "
        "which is where the crawl's time goes at full speed. On a real "
        "forum with the project's politeness (DOWNLOAD_DELAY=1.0 per request and AutoThrottle, "
        "CONCURRENT_REQUESTS_PER_DOMAIN=2) the pace is set per request, so a crawl with requisites should take "
        "about as many times longer as it makes requests (an estimate from the request counts, not measured "
        "here).",
        f"WARC bytes grow with the pictures: {kb['on'].median - kb['off'].median:.1f} KB more per thread page, "
        f"of which {picture_bytes_per_page:.1f} KB are the page's own post pictures (stored as served: PNG "
        f"does not gzip), {shared_kb / pages:.2f} KB its share of the shared requisites (each stored once), and "
        f"the rest the WARC request and response records of each requisite (about {overhead_kb:.1f} KB a "
        "requisite, headers and digests).",
        "Dedupe: a shared requisite (stylesheet, logo, icon, avatar) is shown on many pages but requested once "
        "per crawl (Scrapy's duplicate filter), and a re-crawl requests none that the archive holds already "
        "(crawler/middlewares/requisites.py); the re-crawl's own requests are the conditional requests for the "
        "threads' last pages (answered 304).",
    ]
    return rows, notes


PARTS = {"comparison": comparison, "before-after": before_after, "growth": growth, "incremental": incremental,
         "requisites": requisites}
OWN_SECTIONS = {"requisites": REQUISITES_TITLE}  # parts reported in a section of their own


@dataclass
class CrawlSection(Section):
    """The crawl section, followed by the sections of the parts that have their own (``OWN_SECTIONS``):
    ``bench/report.py`` writes what ``markdown()`` gives, so they come out of ``bench/run`` as well."""

    more: list[Section] = field(default_factory=list)

    def markdown(self) -> str:
        texts = [super().markdown()] if self.rows or not self.more else []
        return "\n\n".join(texts + [part.markdown() for part in self.more])


def run(quick: bool = False, parts: tuple[str, ...] = tuple(PARTS), growth_sizes: tuple[int, ...] = GROWTH_SIZES
        ) -> Section:
    section = CrawlSection("Crawl: full pipeline vs parse-only vs bare Scrapy")
    work = Path(tempfile.mkdtemp(prefix="crawl-bench-"))
    try:
        for name in parts:
            started = time.perf_counter()
            rows, notes = (growth(work, quick, growth_sizes) if name == "growth" else PARTS[name](work, quick))
            target = section
            if name in OWN_SECTIONS:
                target = Section(OWN_SECTIONS[name])
                section.more.append(target)
            target.rows += rows
            target.notes += notes + [f"{name.capitalize()} took {time.perf_counter() - started:.0f} s."]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return section


def write_doc(section: Section, command: str, output: Path = ROOT / "docs" / "performance.md") -> None:
    """Put ``section`` (one of ``OWN_SECTIONS``, measured alone) into ``output`` in place of its earlier
    version, or after the crawl section: the rest of the document is left as ``bench/run`` wrote it."""
    from bench.report import commit, machine

    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                             capture_output=True, text=True).stdout.strip()
    section.notes.append(f"Measured alone, not in the run named at the top of this document: `{command}`, "
                         f"{when}, commit {commit()}{' with uncommitted changes' if changed else ''}, {machine()}.")
    text = output.read_text(encoding="utf-8")
    new = section.markdown() + "\n"
    head = f"## {section.title}\n"
    if head in text:  # replace the earlier version, up to the next section
        start = text.index(head)
        end = text.find("\n## ", start)
        text = text[:start] + new + ("" if end < 0 else text[end:])
    else:  # after the crawl section
        end = text.find("\n## ", text.index("## Crawl: full pipeline"))
        text = text + "\n" + new if end < 0 else text[:end + 1] + new + text[end:]
    output.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer pages and runs: for trying the bench itself")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts of {', '.join(PARTS)}")
    parser.add_argument("--growth", default=",".join(map(str, GROWTH_SIZES)),
                        help="pages of each crawl of the growth series (default %(default)s)")
    parser.add_argument("--write-doc", action="store_true",
                        help=f"with --only {','.join(OWN_SECTIONS)}: put that section into docs/performance.md, "
                             "leaving the rest of it as it is")
    args = parser.parse_args(argv)
    parts = tuple(part for part in args.only.split(",") if part)
    unknown = [part for part in parts if part not in PARTS]
    if unknown:
        parser.error(f"unknown part(s): {', '.join(unknown)}")
    if args.write_doc and (args.quick or not parts or any(part not in OWN_SECTIONS for part in parts)):
        parser.error(f"--write-doc takes --only {','.join(OWN_SECTIONS)} and no --quick (quick figures are not "
                     "for publishing; the whole document comes from bench/run)")
    sizes = tuple(int(size) for size in args.growth.split(",") if size)
    section = run(args.quick, parts, sizes)
    print(section.markdown())
    if args.write_doc:
        for part in section.more:
            write_doc(part, "bench/crawl.py " + " ".join(argv if argv is not None else sys.argv[1:]))
        print("bench: wrote docs/performance.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
