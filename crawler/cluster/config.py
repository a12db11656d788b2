"""Where a cluster lives: the Redis connection, the worker's id, its shard, the key names, and whether work is left.

Every Redis key the project uses is named here, so the worker, the scheduler and
``forum-archiver cluster`` cannot disagree about them. Keys of one crawl start with
``forum-archiver:<spider>:``; per-host politeness keys with ``forum-archiver:host:<host>:``, because
a host's limits hold whatever spider asks it. Several clusters share one Redis server by using
different database numbers in ``ARCHIVE_CLUSTER`` (``redis://host:6379/1``).
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass

import redis

PREFIX = "forum-archiver"


def cluster_url(settings) -> str:
    """The Redis URL of the cluster, or "" for a crawl on one machine."""
    return (settings.get("ARCHIVE_CLUSTER") or "").strip()


def connect(url: str) -> redis.Redis:
    """A client of the cluster's Redis that returns bytes (requests are pickled) and waits at most
    30 s for an answer, then fails loudly rather than hanging a worker."""
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, health_check_interval=30)


def worker_id(settings) -> str:
    """``ARCHIVE_WORKER_ID``, or ``<host name>-<process id>``: letters, digits, ``.``, ``_`` and ``-``
    only, since it goes into file names and Redis keys."""
    chosen = (settings.get("ARCHIVE_WORKER_ID") or "").strip() or f"{socket.gethostname()}-{os.getpid()}"
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", chosen)


def written_db(settings) -> str:
    """The database this crawl writes: ``ARCHIVE_DB``, or a cluster worker's shard
    (``ARCHIVE_SHARD_DB`` with ``{worker}`` filled in). A worker reads ``ARCHIVE_DB``, the merged
    archive, to know where each thread stopped and which captures to ask about conditionally."""
    if not cluster_url(settings):
        return settings.get("ARCHIVE_DB")
    return settings.get("ARCHIVE_SHARD_DB").replace("{worker}", worker_id(settings))


@dataclass(frozen=True)
class CrawlKeys:
    """The Redis keys of one spider's crawl across the cluster."""

    spider: str

    def key(self, *parts: str) -> str:
        return ":".join((PREFIX, self.spider, *parts))

    @property
    def requests(self) -> str:  # scrapy-redis's priority queue (a sorted set of pickled requests)
        return self.key("requests")

    @property
    def dupefilter(self) -> str:  # fingerprints of the requests of this round (a set)
        return self.key("dupefilter")

    @property
    def seeds(self) -> str:  # start URLs waiting for a worker (a list)
        return self.key("seeds")

    @property
    def workers(self) -> str:  # worker id -> what it said about itself when it started (a hash)
        return self.key("workers")

    @property
    def round(self) -> str:  # the round's number and start (a hash)
        return self.key("round")

    @property
    def paused_hosts(self) -> str:  # hosts that put up a wall in this round (a set; each has a wall key)
        return self.key("walled")

    def inflight(self, worker: str) -> str:  # requests a worker took and has not finished (a sorted set)
        return self.key("inflight", worker)

    def alive(self, worker: str) -> str:  # the worker's heartbeat (expires when it stops beating)
        return self.key("alive", worker)

    def pages(self, minute: int) -> str:  # responses archived in one minute, all workers together
        return self.key("pages", str(minute))

    @property
    def worker_pages(self) -> str:  # worker id -> responses archived (a hash)
        return self.key("worker-pages")


def host_key(host: str, part: str) -> str:
    """A per-host key: ``next`` (next allowed request time), ``leases`` (requests in progress),
    ``robots`` (the shared robots.txt), ``wall`` (the site's pause)."""
    return ":".join((PREFIX, "host", host.lower(), part))


def cluster_busy(server: redis.Redis, keys: CrawlKeys) -> bool:
    """Whether the crawl has work left anywhere: queued requests, seeds, or a worker's requests in
    flight (a dead worker's too: they go back to the queue). A worker ends, and a new round starts,
    only when it has none."""
    if server.zcard(keys.requests) or server.llen(keys.seeds):
        return True
    return any(server.zcard(keys.inflight(name.decode("utf-8"))) for name in server.hkeys(keys.workers))
