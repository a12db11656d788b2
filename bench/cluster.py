"""Cluster throughput: 1, 2 and 3 workers on one loopback host and on several, against a crawl
without the cluster, with Redis commands per page.

Each configuration crawls the same generated board (``bench/thread_site.py``: Invision Community
threads, keep-alive, served from this process): one host, or the same threads spread over
several loopback addresses (127.0.0.1, 127.0.0.2, ..., which the crawler takes for different
hosts). Politeness is the cluster's, with ``DOWNLOAD_DELAY=0`` and
``CONCURRENT_REQUESTS_PER_DOMAIN`` requests per host in progress across all workers, so the
figures say what the cluster machinery costs and where adding workers helps; they are not a
polite crawl's pace. Pages per second are counted at the server (first to last thread page),
so worker start-up does not count; Redis commands are ``total_commands_processed`` before and
after, per page answered. Configurations are measured in turns (A B C, A B C, ...), medians of
``--runs``. The machine has 2 cores: the workers, the board and Redis share them, so more
workers than cores can only add contention; the several-hosts rows show the per-host limit
lifting, not a speed-up a 2-core machine could give.

Then politeness: three workers of one cluster against three separate crawls (each keeping
``DOWNLOAD_DELAY`` alone) of one host, as the server sees them: mean and smallest gap between two
requests, and the worst shortfall of any run of k requests against k delays (how late a request
left its worker after Redis let it go: the send jitter).

    .venv/bin/python bench/cluster.py                 # 3 runs each; prints a Markdown table
    .venv/bin/python bench/cluster.py --write-doc     # and writes it into docs/scale.md
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.thread_site import ThreadSite  # noqa: E402
from tests.cluster_run import FORUM_ARCHIVER, Cluster  # noqa: E402
from tests.redis_server import running_redis  # noqa: E402

DOC = ROOT / "docs" / "scale.md"
BEGIN, END = "<!-- bench/cluster.py begin -->", "<!-- bench/cluster.py end -->"
PER_HOST = 4  # CONCURRENT_REQUESTS_PER_DOMAIN, across the cluster
POLITE_DELAY = 0.2  # seconds, for the politeness rows


def sites_for(hosts: int, threads: int, pages: int) -> list[ThreadSite]:
    per_host = threads // hosts
    return [ThreadSite(per_host, pages, posts=10, keep_paths=True, host=f"127.0.0.{n + 1}").start()
            for n in range(hosts)]


def pages_per_second(sites: list[ThreadSite]) -> tuple[float, int, int]:
    """(thread pages/s at the servers, thread pages, all requests)."""
    hits = [hit for site in sites for hit in site.log.hits]
    pages = sorted(arrived for arrived, path, _ in hits if "/topic/" in path)
    return (len(pages) - 1) / (pages[-1] - pages[0]), len(pages), len(hits)


def run_plain(out: Path, sites: list[ThreadSite]) -> float:
    """The same board crawled by one ordinary process (no cluster), as the baseline."""
    urls = out / "threads.txt"
    urls.write_text("\n".join(url for site in sites for url in site.thread_urls()) + "\n")
    subprocess.run([*FORUM_ARCHIVER, "crawl", "forum", "-a", f"urls_file={urls}", "-s", "DOWNLOAD_DELAY=0",
                    "-s", "AUTOTHROTTLE_ENABLED=False", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={PER_HOST}",
                    "-s", "ARCHIVE_WARC_DIR=warc", "-s", "ARCHIVE_DB=archive.db", "-s", "LOG_LEVEL=WARNING"],
                   cwd=out, check=True, capture_output=True, timeout=1800)
    return pages_per_second(sites)[0]


def run_cluster(out: Path, redis_url: str, sites: list[ThreadSite], workers: int) -> tuple[float, float]:
    """(thread pages/s, Redis commands per request answered) with ``workers`` workers."""
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    before = client.info("stats")["total_commands_processed"]
    cluster = Cluster(redis_url, out, delay=0.0, settings={
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(PER_HOST), "LOG_LEVEL": "WARNING", "ARCHIVE_CLUSTER_IDLE_CLOSE": "2"})
    cluster.seed([url for site in sites for url in site.thread_urls()])
    try:
        for n in range(workers):
            cluster.start(f"w{n + 1}")
        codes = cluster.wait(timeout=1800)
    finally:
        cluster.stop_all()
    assert all(code == 0 for code in codes.values()), {w: cluster.log(w)[-2000:] for w in codes}
    rate, _, requests = pages_per_second(sites)
    commands = client.info("stats")["total_commands_processed"] - before
    client.close()
    return rate, commands / requests


def window_deficit(arrivals: list[float], delay: float) -> float:
    """The most any run of k consecutive arrivals falls short of k * delay (0 when none does)."""
    arrivals = sorted(arrivals)
    return max(0.0, max((j - i) * delay - (arrivals[j] - arrivals[i])
                        for i in range(len(arrivals)) for j in range(i + 1, len(arrivals))))


def politeness(tmp: Path, redis_url: str, delay: float, threads: int, pages: int) -> list[list[str]]:
    """Three workers of one cluster against three plain crawls side by side (each keeping the delay
    alone), on one host: what the server sees."""
    rows = []
    for label in ("3 cluster workers", "3 separate crawls"):
        site = ThreadSite(threads, pages, posts=10).start()
        out = tmp / f"politeness-{label.split()[1]}"
        out.mkdir()
        try:
            if label.startswith("3 cluster"):
                client = redis.Redis.from_url(redis_url)
                client.flushdb()
                client.close()
                cluster = Cluster(redis_url, out, delay=delay, settings={"LOG_LEVEL": "WARNING"})
                cluster.seed(site.thread_urls())
                try:
                    for n in range(3):
                        cluster.start(f"w{n + 1}")
                    assert set(cluster.wait(timeout=1800).values()) == {0}
                finally:
                    cluster.stop_all()
            else:
                urls = site.thread_urls()
                crawls = []
                for n in range(3):
                    part = out / f"c{n}"
                    part.mkdir()
                    (part / "threads.txt").write_text("\n".join(urls[n::3]) + "\n")
                    crawls.append(subprocess.Popen(
                        [*FORUM_ARCHIVER, "crawl", "forum", "-a", "urls_file=threads.txt", "-s", f"DOWNLOAD_DELAY={delay}",
                         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"], cwd=part,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
                assert all(crawl.wait(timeout=1800) == 0 for crawl in crawls)
        finally:
            site.stop()
        arrivals = sorted(arrived for arrived, _, _ in site.log.hits)
        gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
        rows.append([label, f"{len(arrivals)}", f"{statistics.mean(gaps) * 1000:.0f} ms", f"{min(gaps) * 1000:.0f} ms",
                     f"{window_deficit(arrivals, delay) * 1000:.0f} ms"])
    return rows


def measure(threads: int, pages: int, runs: int, host_counts: list[int], worker_counts: list[int]) -> list[list[str]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="fa-bench-cluster-") as tmp, running_redis(Path(tmp) / "redis") as url:
        for hosts in host_counts:
            rates: dict[str, list[float]] = {}
            ops: dict[str, list[float]] = {}
            for run in range(runs):
                for config in ["plain", *(f"{w}" for w in worker_counts)]:
                    sites = sites_for(hosts, threads, pages)
                    out = Path(tmp) / f"{hosts}-{config}-{run}"
                    out.mkdir()
                    try:
                        if config == "plain":
                            rates.setdefault(config, []).append(run_plain(out, sites))
                        else:
                            rate, per_request = run_cluster(out, url, sites, int(config))
                            rates.setdefault(config, []).append(rate)
                            ops.setdefault(config, []).append(per_request)
                    finally:
                        for site in sites:
                            site.stop()
                    print(f"{hosts} host(s), {config}: {rates[config][-1]:.1f} pages/s", file=sys.stderr)
            plain = statistics.median(rates["plain"])
            rows.append([f"{hosts}", "no cluster (one process)", f"{plain:.1f}", "1.00×", "–"])
            for config in (f"{w}" for w in worker_counts):
                rate = statistics.median(rates[config])
                rows.append([f"{hosts}", f"{config} worker(s)", f"{rate:.1f}", f"{rate / plain:.2f}×",
                             f"{statistics.median(ops[config]):.1f}"])
    return rows


def markdown(rows: list[list[str]], threads: int, pages: int, runs: int) -> str:
    head = ["hosts", "crawl", "thread pages/s", "vs no cluster", "Redis commands per request"]
    lines = [f"{threads} threads of {pages} pages (10 posts each), spread evenly over the hosts; "
             f"`CONCURRENT_REQUESTS_PER_DOMAIN={PER_HOST}`, `DOWNLOAD_DELAY=0`; medians of {runs} runs "
             "in turns; 2 cores shared by the workers, the board and Redis.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def write_doc(table: str, command: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    block = f"{BEGIN}\n`{command}` ({time.strftime('%Y-%m-%d')}):\n\n{table}\n{END}"
    if BEGIN in text:
        start, end = text.index(BEGIN), text.index(END) + len(END)
        text = text[:start] + block + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=60)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hosts", default="1,6", help="host counts, comma-separated (default: 1,6)")
    parser.add_argument("--workers", default="1,2,3", help="worker counts (default: 1,2,3)")
    parser.add_argument("--write-doc", action="store_true", help=f"write the table into {DOC.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    hosts = [int(n) for n in args.hosts.split(",")]
    workers = [int(n) for n in args.workers.split(",")]
    rows = measure(args.threads, args.pages, args.runs, hosts, workers)
    table = markdown(rows, args.threads, args.pages, args.runs)
    with tempfile.TemporaryDirectory(prefix="fa-bench-polite-") as tmp, running_redis(Path(tmp) / "redis") as url:
        polite = politeness(Path(tmp), url, POLITE_DELAY, 12, 5)
    head = ["one host, DOWNLOAD_DELAY=0.2", "requests", "mean gap", "smallest gap", "worst shortfall of k gaps"]
    table += ("\n\nPoliteness across workers, at the server (12 threads of 5 pages, `DOWNLOAD_DELAY=0.2`):\n\n"
              + "| " + " | ".join(head) + " |\n" + "|" + "---|" * len(head) + "\n"
              + "\n".join("| " + " | ".join(row) + " |" for row in polite))
    print(table)
    if args.write_doc:
        write_doc(table, "bench/cluster.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
