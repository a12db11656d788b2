"""``forum-archiver cluster``: push seeds to a cluster, watch it, empty it.

    forum-archiver cluster --redis redis://HOST:6379/0 seed URL... [--file FILE]
    forum-archiver cluster --redis redis://HOST:6379/0 status [--json]
    forum-archiver cluster --redis redis://HOST:6379/0 reset

``--redis`` defaults to ``$ARCHIVE_CLUSTER``. Seeds pushed while the cluster is idle start a new
*round*: the dupefilter of the last round is emptied (else every page asked last time would be
refused as a duplicate) and walls that paused a site until further notice are lifted. Seeds pushed
while a round runs join it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field

import redis

from crawler.cluster.config import PREFIX, CrawlKeys, cluster_busy, connect, host_key
from crawler.spiders.start_urls import check_http, start_urls


def add_parser(commands) -> None:
    cluster = commands.add_parser("cluster", help="seed, watch or empty a crawl cluster (scrapy-redis on Redis)")
    cluster.add_argument("--redis", default=os.environ.get("ARCHIVE_CLUSTER", ""), metavar="URL",
                         help="the cluster's Redis, redis://HOST:PORT/DB (default: $ARCHIVE_CLUSTER)")
    cluster.add_argument("--spider", default="forum", help="the spider the workers run (default: forum)")
    actions = cluster.add_subparsers(dest="cluster_command", required=True)
    seed = actions.add_parser("seed", help="queue thread or board URLs for the workers")
    seed.add_argument("urls", nargs="*", metavar="URL")
    seed.add_argument("--file", metavar="FILE", help="one URL a line (# comments allowed)")
    status = actions.add_parser("status", help="queue, seeds, workers, hosts waiting, pages per minute")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    actions.add_parser("reset", help="empty the queue, seeds, dupefilter and in-flight sets of the spider")


def run(args, parser: argparse.ArgumentParser) -> int:
    if not args.redis:
        parser.error("name the cluster's Redis: --redis redis://HOST:PORT/DB (or set ARCHIVE_CLUSTER)")
    server = connect(args.redis)
    keys = CrawlKeys(args.spider)
    try:
        server.ping()
        if args.cluster_command == "seed":
            return seed(server, keys, args, parser)
        if args.cluster_command == "status":
            report = cluster_status(server, keys)
            if args.json:
                json.dump(asdict(report), sys.stdout, indent=2)
                print()
            else:
                print(report.render())
            return 0
        reset(server, keys)
        print(f"emptied the {args.spider} crawl's queue, seeds, dupefilter and in-flight sets")
        return 0
    except redis.RedisError as exc:
        print(f"forum-archiver cluster: {args.redis}: {exc}", file=sys.stderr)
        return 1


def seed(server: redis.Redis, keys: CrawlKeys, args, parser) -> int:
    from scrapy.exceptions import UsageError

    try:
        # URLs as given (a comma is part of a URL here), then the file's lines.
        check_http(args.urls)
        urls = list(dict.fromkeys([*args.urls, *start_urls(None, None, args.file)]))
    except UsageError as exc:
        parser.error(str(exc))
    if not urls:
        parser.error("give URLs to seed, or --file FILE")
    new_round = not cluster_busy(server, keys)
    if new_round:
        start_round(server, keys)
    server.rpush(keys.seeds, *urls)
    number = int(server.hget(keys.round, "number") or 0)
    print(f"{len(urls)} seed(s) queued for the {keys.spider} spider, "
          f"{'a new' if new_round else 'joining the running'} round ({number})")
    return 0


def start_round(server: redis.Redis, keys: CrawlKeys) -> None:
    """Forget the last round's fingerprints and its until-further-notice walls."""
    walled = [host.decode() for host in server.smembers(keys.paused_hosts)]
    pipe = server.pipeline()
    pipe.delete(keys.dupefilter, keys.paused_hosts, *(host_key(host, "wall") for host in walled))
    pipe.hincrby(keys.round, "number", 1)
    pipe.hset(keys.round, "started", time.time())
    pipe.execute()


def reset(server: redis.Redis, keys: CrawlKeys) -> None:
    names = [name.decode() for name in server.hkeys(keys.workers)]
    server.delete(keys.requests, keys.seeds, keys.dupefilter, keys.paused_hosts,
                  *(keys.inflight(name) for name in names))


@dataclass
class WorkerStatus:
    id: str
    alive: bool
    state: str
    host: str
    in_flight: int
    pages: int


@dataclass
class ClusterStatus:
    spider: str
    round: int
    queued: int
    seeds: int
    seen: int  # fingerprints in this round's dupefilter
    pages_last_minute: int
    pages_per_minute_5: float  # average over the last five whole minutes
    hosts_waiting: list[str] = field(default_factory=list)  # next allowed start still ahead
    hosts_walled: list[str] = field(default_factory=list)
    workers: list[WorkerStatus] = field(default_factory=list)

    def render(self) -> str:
        lines = [
            f"cluster of the {self.spider} spider, round {self.round}",
            f"  queued requests:  {self.queued}",
            f"  seeds waiting:    {self.seeds}",
            f"  seen this round:  {self.seen}",
            f"  pages per minute: {self.pages_last_minute} this minute, {self.pages_per_minute_5:.1f} "
            "a minute over the last 5",
            f"  hosts waiting for their turn: {len(self.hosts_waiting)}"
            + (f" ({', '.join(self.hosts_waiting[:10])})" if self.hosts_waiting else ""),
            f"  hosts paused after a wall: {len(self.hosts_walled)}"
            + (f" ({', '.join(self.hosts_walled[:10])})" if self.hosts_walled else ""),
            f"  workers seen: {len(self.workers)} ({sum(w.alive for w in self.workers)} alive)",
        ]
        lines.extend(f"    {w.id}: {'alive' if w.alive else 'gone'}, {w.state}, on {w.host}, "
                     f"{w.in_flight} in flight, {w.pages} pages" for w in self.workers)
        return "\n".join(lines)


def cluster_status(server: redis.Redis, keys: CrawlKeys) -> ClusterStatus:
    (now_s, now_us) = server.time()
    now = now_s + now_us / 1e6
    minute = int(now // 60)
    counts = server.mget([keys.pages(m) for m in range(minute - 5, minute + 1)])
    per_minute = [int(c or 0) for c in counts]
    pages_done = {k.decode(): int(v) for k, v in server.hgetall(keys.worker_pages).items()}
    workers = []
    for name, described in sorted(server.hgetall(keys.workers).items()):
        worker, info = name.decode(), json.loads(described)
        workers.append(WorkerStatus(worker, bool(server.exists(keys.alive(worker))), info.get("state", ""),
                                    info.get("host", ""), server.zcard(keys.inflight(worker)),
                                    pages_done.get(worker, 0)))
    waiting = []
    for key in server.scan_iter(match=f"{PREFIX}:host:*:next", count=1000):
        value = server.get(key)
        if value is not None and float(value) > now:
            waiting.append(key.decode()[len(f"{PREFIX}:host:"):-len(":next")])
    return ClusterStatus(
        spider=keys.spider, round=int(server.hget(keys.round, "number") or 0),
        queued=server.zcard(keys.requests), seeds=server.llen(keys.seeds), seen=server.scard(keys.dupefilter),
        pages_last_minute=per_minute[-1], pages_per_minute_5=sum(per_minute[:-1]) / 5,
        hosts_waiting=sorted(waiting),
        hosts_walled=sorted(h.decode() for h in server.smembers(keys.paused_hosts)
                            if server.exists(host_key(h.decode(), "wall"))),
        workers=workers)
