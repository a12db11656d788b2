"""The cluster's scheduler: scrapy-redis's, with Scrapy's fingerprints and nothing lost to a kill.

scrapy-redis keeps the frontier (a priority queue) and the dupefilter in Redis, so every worker
takes requests from one queue and no URL is asked twice in a round. Two things are added:

- **Scrapy's own request fingerprints** in the dupefilter (scrapy-redis hashes method, URL and
  body its own way): the project's fingerprinter, and so its URL rules, decide what counts as the
  same request, as in a crawl on one machine.
- **An in-flight set per worker.** scrapy-redis pops a request and forgets it: a worker killed
  while fetching loses it. Here a Lua script moves the request from the queue into the worker's
  in-flight sorted set in one atomic step, and it leaves that set only once the engine is done
  with it (its response archived and the spider's follow-up requests queued, or its failure
  recorded; :mod:`crawler.cluster.worker` marks that). "Archived" means committed: the archive
  writer works behind the spider (``archive/writer_process.py`` batches its pages), so a response
  the spider is done with may not be in any WARC yet. :meth:`ClusterScheduler.hold_for_archive`
  keeps it in the set until its write is committed (or its failure recorded): a worker killed
  before that loses nothing. When a worker dies, its in-flight set goes
  back into the queue (:meth:`ReliablePriorityQueue.requeue`), so another worker, or the same one
  coming back, fetches those pages: nothing lost, and in the normal case nothing fetched twice.

A retry or a redirect is a copy of the request it replaces and carries its in-flight token
(``request.meta[INFLIGHT_META]``): once the copy is in the queue, the original leaves the in-flight
set. Requests are pickled, as scrapy-redis does: the Redis server must be reachable by the workers
only (docs/cluster.md says how).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
import threading
from typing import Callable

import redis

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from crawler.cluster.config import CrawlKeys, cluster_url, connect, worker_id
from crawler.extensions.crawl_errors import report_error

logger = logging.getLogger(__name__)

INFLIGHT_META = "cluster_inflight"
# On a request a callback yielded: the in-flight token of the response it came from, which is done
# with only once every such request is in the queue.
PARENT_META = "cluster_parent"

# Take the best request from the queue into the in-flight set, atomically (KEYS: queue, in-flight).
POP_INTO_INFLIGHT = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('ZADD', KEYS[2], item[2], item[1])
return item[1]
"""
# Mark a request seen and queue it in one step (KEYS: dupefilter, queue; ARGV: fingerprint, score,
# encoded request): a worker killed between the two would leave it seen and never queued.
QUEUE_UNLESS_SEEN = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""
# Put every request of an in-flight set back into the queue, atomically (KEYS: in-flight, queue).
REQUEUE = """
local items = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #items, 2 do redis.call('ZADD', KEYS[2], items[i + 1], items[i]) end
redis.call('DEL', KEYS[1])
return #items / 2
"""


class FingerprintDupeFilter(RFPDupeFilter):
    """scrapy-redis's Redis-set dupefilter, keyed by Scrapy's own request fingerprints."""

    def __init__(self, server, key: str, fingerprinter, debug: bool = False) -> None:
        super().__init__(server, key, debug)
        self.fingerprinter = fingerprinter

    def request_fingerprint(self, request) -> str:
        return self.fingerprinter.fingerprint(request).hex()


class ReliablePriorityQueue(PriorityQueue):
    """scrapy-redis's priority queue, popping into an in-flight set instead of into thin air."""

    def __init__(self, server, spider, key: str, serializer=None) -> None:
        super().__init__(server, spider, key, serializer)
        self.pop_script = server.register_script(POP_INTO_INFLIGHT)
        self.requeue_script = server.register_script(REQUEUE)
        self.queue_unless_seen_script = server.register_script(QUEUE_UNLESS_SEEN)

    def push_unless_seen(self, request, dupefilter_key: str, fingerprint: str) -> bool:
        """Queue ``request`` unless ``fingerprint`` is in the dupefilter, atomically; whether queued."""
        data = self._encode_request(request)
        return bool(self.queue_unless_seen_script(keys=[dupefilter_key, self.key],
                                                  args=[fingerprint, -request.priority, data]))

    def pop_into(self, inflight_key: str):
        """(request, its encoded form) taken into ``inflight_key``, or (None, None)."""
        data = self.pop_script(keys=[self.key, inflight_key])
        if not data:
            return None, None
        return self._decode_request(data), data

    def requeue(self, inflight_key: str) -> int:
        """Put a worker's in-flight requests back into the queue; how many there were."""
        return int(self.requeue_script(keys=[inflight_key, self.key]))


class ClusterScheduler(RedisScheduler):
    """scrapy-redis's scheduler with the fingerprint dupefilter and the in-flight set."""

    def __init__(self, server, crawler) -> None:
        super().__init__(server, persist=True)
        self.crawler = crawler
        self.worker = worker_id(crawler.settings)
        self.taken: dict[str, bytes] = {}  # in-flight token -> the encoded request in the in-flight set
        # in-flight token -> archive writes of its exchanges not committed yet (hold_for_archive)
        self.archiving: dict[str, int] = {}
        self.done_but_archiving: set[str] = set()  # tokens finished with, whose writes are pending
        # The archive writer's thread releases holds (hold_for_archive) while the reactor takes and finishes.
        self.lock = threading.Lock()
        # in-flight token -> [follow-up requests yielded and not yet queued, whether the output ended]
        self.outputs: dict[str, list] = {}
        self.keys: CrawlKeys | None = None
        # Set by the worker once it holds its id's heartbeat: a twin started under the id of a live
        # worker must not take requests into that worker's in-flight set before it is refused.
        self.admitted = False

    @classmethod
    def from_crawler(cls, crawler):
        server = connect(cluster_url(crawler.settings))
        server.ping()  # an unreachable Redis stops the worker at once, with the error
        scheduler = cls(server, crawler)
        scheduler.stats = crawler.stats
        return scheduler

    def open(self, spider) -> None:
        self.spider = spider
        self.keys = CrawlKeys(spider.name)
        self.queue = ReliablePriorityQueue(self.server, spider, self.keys.requests)
        self.df = FingerprintDupeFilter(self.server, self.keys.dupefilter, self.crawler.request_fingerprinter,
                                        debug=self.crawler.settings.getbool("DUPEFILTER_DEBUG"))
        if len(self.queue):
            logger.info("joining the crawl: %d request(s) in the shared queue", len(self.queue))

    @property
    def inflight_key(self) -> str:
        return self.keys.inflight(self.worker)

    def enqueue_request(self, request) -> bool:
        """Queue ``request`` in Redis (unless the round has seen it); a retry or redirect copy
        releases the request it replaces once it is queued itself."""
        replaced = request.meta.pop(INFLIGHT_META, None)
        parent = request.meta.pop(PARENT_META, None)
        try:
            queued = self.push(request)
        except (redis.RedisError, ValueError, TypeError, AttributeError, pickle.PicklingError) as exc:
            # Not in the shared queue means never fetched: a lost page, said so (exit status 1).
            logger.error("cannot queue %s in the cluster: %s: %s", request.url, type(exc).__name__, exc)
            report_error(self.crawler, request, kind="unqueued",
                         detail=f"could not be stored in the cluster queue: {type(exc).__name__}: {exc}")
            queued = False
        if replaced is not None:
            self.finish(replaced)
        if parent is not None:
            self.child_queued(parent)
        return queued

    def push(self, request) -> bool:
        """scrapy-redis's enqueue: into the queue unless the round's dupefilter has seen it, the
        fingerprint and the request written in one atomic step."""
        if request.dont_filter:
            self.queue.push(request)
        elif not self.queue.push_unless_seen(request, self.df.key, self.df.request_fingerprint(request)):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        if not self.admitted:
            return None
        request, data = self.queue.pop_into(self.inflight_key)
        if request is None:
            return None
        token = hashlib.sha1(data).hexdigest()
        with self.lock:
            self.taken[token] = data
        request.meta[INFLIGHT_META] = token
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def finish(self, token: str) -> None:
        """The request behind ``token`` is done with: out of the worker's in-flight set, at once or,
        while an archive write of its exchanges is pending, once the last is committed."""
        with self.lock:
            if token in self.archiving:
                self.done_but_archiving.add(token)
                return
            data = self.taken.pop(token, None)
        if data is not None:
            self.server.zrem(self.inflight_key, data)

    def hold_for_archive(self, request) -> Callable[[], None] | None:
        """An exchange of ``request`` is queued for the archive writer: the request stays in flight
        until the returned callable is called (by the writer's thread, once the write is committed
        or its failure recorded). None for a request this worker did not take from the queue."""
        token = request.meta.get(INFLIGHT_META)
        if token is None:
            return None
        with self.lock:
            if token not in self.taken:
                return None
            self.archiving[token] = self.archiving.get(token, 0) + 1
        return functools.partial(self.archived, token)

    def archived(self, token: str) -> None:
        """One archive write for ``token`` has ended; the request leaves the in-flight set if it
        was done with and this was its last write."""
        with self.lock:
            left = self.archiving.get(token, 0) - 1
            if left > 0:
                self.archiving[token] = left
                return
            self.archiving.pop(token, None)
            if token not in self.done_but_archiving:
                return
            self.done_but_archiving.discard(token)
        self.finish(token)

    def expect_child(self, token: str) -> None:
        """The response behind ``token`` yielded one more request, not queued yet."""
        self.outputs.setdefault(token, [0, False])[0] += 1

    def child_queued(self, token: str) -> None:
        output = self.outputs.get(token)
        if output is not None:
            output[0] -= 1
            self.finish_output_if_complete(token)

    def output_done(self, token: str) -> None:
        """The spider's output for the response behind ``token`` has ended. Scrapy hands a
        callback's requests to the engine from a queue of its own, after the output has ended: the
        response is done with once the last of them is in the shared queue, not before."""
        self.outputs.setdefault(token, [0, False])[1] = True
        self.finish_output_if_complete(token)

    def finish_output_if_complete(self, token: str) -> None:
        pending, ended = self.outputs[token]
        if ended and pending <= 0:
            del self.outputs[token]
            self.finish(token)

    def finish_all(self) -> None:
        """Every request taken is done with (those whose archive writes are pending leave the
        in-flight set once committed)."""
        self.outputs.clear()
        with self.lock:
            tokens = list(self.taken)
        for token in tokens:
            self.finish(token)

    def in_flight(self) -> int:
        """Requests taken and not done with (not counting those waiting only for their archive writes)."""
        with self.lock:
            return len(self.taken) - len(self.done_but_archiving)

    def requeue(self, worker: str) -> int:
        """Put ``worker``'s in-flight requests back into the queue (it died, or this is it, back)."""
        return self.queue.requeue(self.keys.inflight(worker))
