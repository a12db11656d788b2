"""Cluster memory benchmark: Redis memory per million URLs for the shared frontier and dupefilter.

Why: a cluster crawl (``crawler/cluster``, scrapy-redis) keeps every request waiting to be fetched
and the fingerprint of every request already seen in one Redis server, all in RAM. How many URLs
one Redis holds, and when a crawl must shard or switch to a Bloom filter, follows from bytes per
URL, which this measures on a real ``redis-server`` (started through ``tests/redis_server.py``,
persistence off) rather than estimating from Redis's encodings:

- **frontier**: ``--count`` requests pushed into scrapy-redis's own ``PriorityQueue`` (a sorted set
  of pickled request dicts, the project's key ``forum-archiver:forum:requests``), each a real
  ``scrapy.Request`` for a forum thread page (``https://forum-N.example.com/threads/title-words.ID/page-P``)
  with the meta the ``forum`` spider gives a next page (``thread_start``, ``thread_id``,
  ``follows_page``, plus ``depth`` and the ``Referer`` header that Scrapy's spider middlewares add
  before a request reaches the scheduler) and the callback ``parse_thread_page``, encoded by the
  queue itself (``request.to_dict(spider=spider)`` then ``scrapy_redis.picklecompat``);
- **dupefilter**: the same requests' Scrapy fingerprints (``scrapy.utils.request.fingerprint``,
  SHA1, 20 bytes) added to a set, as 40-character hex strings (what scrapy-redis stores) and as
  the raw 20 bytes.

Each figure is the growth of ``used_memory`` (``INFO memory``: what Redis's allocator holds for
data, without the allocator's unreturned pages) from an empty database to the full key, divided by
the count; pushes go through pipelines of ``--batch`` commands. Memory does not vary from run to
run; the push times are one run each (n=1), on whatever else the machine is doing.

    .venv/bin/python bench/cluster_memory.py                # 1,000,000 URLs: about 5 minutes, 1.5 GB RAM (bench and Redis)
    .venv/bin/python bench/cluster_memory.py --count 100000 # a try-out
    .venv/bin/python bench/cluster_memory.py --write-doc    # the table into docs/scale.md, between its markers
"""

from __future__ import annotations

import argparse
import gc
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a clone without installing it
# No benchmark imported from tests/ before this one: the Redis server is started the way the cluster
# tests start theirs, by tests/redis_server.py itself, rather than by a copy of it.
sys.path.insert(0, str(ROOT / "tests"))

import redis  # noqa: E402
import scrapy  # noqa: E402
from scrapy.utils.request import fingerprint  # noqa: E402
from scrapy_redis import picklecompat  # noqa: E402
from scrapy_redis.queue import PriorityQueue  # noqa: E402

from crawler.cluster.config import CrawlKeys  # noqa: E402
from redis_server import running_redis  # noqa: E402

DOC = ROOT / "docs" / "scale.md"
BEGIN = "<!-- bench/cluster_memory.py: begin -->"
END = "<!-- bench/cluster_memory.py: end -->"
MILLION = 1_000_000
HOSTS = 2_000  # forums the URLs are spread over
WORDS = ("iraq", "election", "results", "drone", "strike", "minister", "border", "water", "prices",
         "football", "league", "final", "new", "phone", "battery", "problem", "help", "please", "best",
         "laptop", "under", "budget", "recipe", "bread", "garden", "tomato", "car", "engine", "noise",
         "after", "update", "question", "about", "visa", "travel", "cheap", "flights", "review", "game")


class BenchSpider(scrapy.Spider):
    """Enough of the ``forum`` spider for ``Request.to_dict`` to name the callback by its name."""

    name = "forum"

    def parse_thread_page(self, response):  # never called
        return None


def thread_page_requests(spider: BenchSpider, count: int, seed: int = 1):
    """``count`` distinct next-page requests of forum threads, the way the forum spider yields them."""
    rng = random.Random(seed)
    made = 0
    thread_id = 100_000
    while made < count:
        thread_id += rng.randint(1, 40)
        host = f"forum-{rng.randint(1, HOSTS)}.example.com"
        title = "-".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))
        start = f"https://{host}/threads/{title}.{thread_id}/"
        for page in range(2, 2 + rng.randint(1, 40)):
            if made == count:
                break
            previous = start if page == 2 else f"{start}page-{page - 1}"
            yield scrapy.Request(f"{start}page-{page}", callback=spider.parse_thread_page,
                                 headers={"Referer": previous},
                                 meta={"thread_start": start, "thread_id": str(thread_id),
                                       "follows_page": page - 1, "depth": page - 1})
            made += 1


def used_memory(server: redis.Redis) -> int:
    return int(server.info("memory")["used_memory"])


@dataclass
class Result:
    what: str
    count: int
    bytes: int  # growth of used_memory
    encode_seconds: float  # building and encoding the items (client side)
    push_seconds: float  # pipeline round trips, Redis doing the work
    item_bytes: float = 0.0  # mean size of one stored member

    @property
    def per_url(self) -> float:
        return self.bytes / self.count

    def cells(self) -> list[str]:
        return [self.what, f"{self.count:,}", f"{self.bytes / 2**20:,.1f} MiB", f"{self.per_url:,.1f}",
                f"{self.item_bytes:,.1f}", f"{self.per_url * MILLION / 2**20:,.0f} MiB",
                f"{self.per_url * 100 * MILLION / 2**30:,.1f} GiB",
                f"{self.push_seconds:,.1f} s ({self.count / self.push_seconds:,.0f}/s)",
                f"{self.encode_seconds:,.1f} s"]


HEAD = ["Key", "URLs", "used_memory growth", "Bytes per URL", "Bytes per member (payload)",
        "Per 1M URLs", "At 100M URLs (scaled)", "Push time (pipelined)", "Build + encode time (client)"]


def measure_frontier(server: redis.Redis, count: int, batch: int) -> tuple[Result, list[bytes], float]:
    """Push ``count`` requests through scrapy-redis's PriorityQueue, whose ZADDs go into a pipeline
    (the queue is given the pipeline as its server), flushed every ``batch`` requests. Also returns
    the requests' fingerprints and the seconds spent computing them."""
    spider = BenchSpider()
    key = CrawlKeys(spider.name).requests
    pipe = server.pipeline(transaction=False)
    queue = PriorityQueue(pipe, spider, key, serializer=picklecompat)
    fingerprints: list[bytes] = []
    payload = 0
    encode = push = hashing = 0.0
    before = used_memory(server)
    requests = thread_page_requests(spider, count)
    while True:
        started = time.perf_counter()
        chunk = [request for _, request in zip(range(batch), requests)]
        for request in chunk:
            queue.push(request)  # to_dict + pickle, then ZADD buffered in the pipeline
        encode += time.perf_counter() - started
        if not chunk:
            break
        payload += sum(len(args[3]) for args, _ in pipe.command_stack)  # ("ZADD", key, score, data)
        started = time.perf_counter()
        fingerprints += [fingerprint(request) for request in chunk]  # the dupefilter's client work
        hashing += time.perf_counter() - started
        started = time.perf_counter()
        pipe.execute()
        push += time.perf_counter() - started
    assert server.zcard(key) == count, (server.zcard(key), count)
    grown = used_memory(server) - before
    return Result("frontier: scrapy-redis PriorityQueue (sorted set of pickled requests)", count, grown,
                  encode, push, payload / count), fingerprints, hashing


def measure_set(server: redis.Redis, what: str, members: list[bytes], batch: int) -> Result:
    key = CrawlKeys("forum").dupefilter
    server.delete(key)
    before = used_memory(server)
    push = 0.0
    pipe = server.pipeline(transaction=False)
    for start in range(0, len(members), batch):
        for member in members[start:start + batch]:
            pipe.sadd(key, member)
        started = time.perf_counter()
        pipe.execute()
        push += time.perf_counter() - started
    assert server.scard(key) == len(members)
    grown = used_memory(server) - before
    server.delete(key)
    return Result(what, len(members), grown, 0.0, push, sum(map(len, members)) / len(members))


def run(count: int = MILLION, batch: int = 10_000) -> tuple[list[Result], str]:
    with tempfile.TemporaryDirectory(prefix="cluster-memory-") as folder:
        with running_redis(Path(folder)) as url:
            server = redis.Redis.from_url(url)
            version = server.info("server")["redis_version"]
            allocator = server.info("memory").get("mem_allocator", "?")
            frontier, raw, hashing = measure_frontier(server, count, batch)
            server.flushall()
            gc.collect()
            started = time.perf_counter()
            hexed = [fp.hex().encode() for fp in raw]
            hex_seconds = time.perf_counter() - started
            results = [frontier]
            for what, members in (("dupefilter: set of 40-char hex fingerprints (scrapy-redis)", hexed),
                                  ("dupefilter: set of raw 20-byte fingerprints", raw)):
                results.append(measure_set(server, what, members, batch))
            results[1].encode_seconds = hashing + hex_seconds
            results[2].encode_seconds = hashing
            server.close()
    where = (f"redis-server {version} ({allocator}), redis-py {metadata.version('redis')}, "
             f"scrapy-redis {metadata.version('scrapy-redis')}, Scrapy {metadata.version('scrapy')}, "
             f"Python {sys.version.split()[0]}")
    return results, where


def markdown(results: list[Result], where: str, batch: int) -> str:
    lines = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    lines += ["| " + " | ".join(result.cells()) + " |" for result in results]
    frontier, hexed, raw = results
    lines += [
        "",
        f"- {where}; pipelines of {batch:,} commands; memory is `INFO memory` `used_memory`, from an empty "
        "database to the full key; \"at 100M\" multiplies bytes per URL by 100M (the hash tables double "
        "in steps, so a real 100M set lands within a few percent of it).",
        f"- Raw 20-byte fingerprints take {raw.per_url:,.1f} bytes per URL against {hexed.per_url:,.1f} for hex: "
        f"{1 - raw.per_url / hexed.per_url:.0%} less. Most of a member's cost is Redis's own per-entry "
        "overhead (hash table entry and bucket, string header, allocator rounding), not the fingerprint.",
        f"- A waiting request is {frontier.item_bytes:,.0f} bytes of pickle and costs {frontier.per_url:,.0f} "
        "bytes of Redis memory (the member string plus the sorted set's skiplist node and dict entry).",
        "- Push time is the pipelines' round trips with Redis doing the work, one run (n=1); build + encode "
        "is the client's work: for the frontier making the `scrapy.Request` objects and encoding them, for "
        "the dupefilter Scrapy's `fingerprint()` of each request (and `bytes.hex()` for hex).",
    ]
    return "\n".join(lines)


def write_doc(table: str, command: str, output: Path = DOC) -> None:
    """Put the table between the markers of ``output``, with the command, date, commit and machine."""
    from bench.report import commit, machine

    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                             capture_output=True, text=True).stdout.strip()
    note = (f"Measured by `{command}`, {when}, commit {commit()}"
            f"{' with uncommitted changes' if changed else ''}, {machine()}.")
    text = output.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{output.name} has no {BEGIN} ... {END} markers")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    output.write_text(text[:start] + "\n" + note + "\n\n" + table + "\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=MILLION, help="URLs to push (default %(default)s)")
    parser.add_argument("--batch", type=int, default=10_000, help="commands per pipeline (default %(default)s)")
    parser.add_argument("--write-doc", action="store_true",
                        help="put the table into docs/scale.md between its markers (only with the default count)")
    args = parser.parse_args(argv)
    if args.count < 1 or args.batch < 1:
        parser.error("--count and --batch must be positive")
    if args.write_doc and args.count != MILLION:
        parser.error("--write-doc publishes the 1,000,000-URL figures: leave --count at its default")
    results, where = run(args.count, args.batch)
    table = markdown(results, where, args.batch)
    print(table)
    if args.write_doc:
        write_doc(table, "bench/cluster_memory.py " + " ".join(argv if argv is not None else sys.argv[1:]))
        print("bench: wrote docs/scale.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
