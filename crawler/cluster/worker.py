"""A cluster worker's life: heartbeat, seeds, dead workers' pages, and the end of a round.

:class:`ClusterWorker` (an extension) does, every ``HEARTBEAT`` seconds:

- renews the worker's heartbeat key, which expires ``ARCHIVE_CLUSTER_WORKER_TIMEOUT`` seconds after
  the last beat; a worker whose key expired is dead;
- turns waiting seeds (``forum-archiver cluster seed``) into the spider's start requests, which go
  into the shared queue;
- puts a dead worker's in-flight requests back into the queue (the same happens at start for this
  worker's own, left by an earlier life with the same ``ARCHIVE_WORKER_ID``).

When the worker has nothing to do it stays up while the cluster still has work anywhere (queued
requests, seeds, another worker's requests in flight), and ends once the whole cluster has been idle
for ``ARCHIVE_CLUSTER_IDLE_CLOSE`` seconds (0: never; a long-running worker waits for the next seeds).
A second worker started with the id of a live one is refused (finish reason ``worker_id_in_use``).

:class:`FinishedRequests` (a spider middleware, and a downloader middleware for failures) tells the
scheduler when a request is done with, so it leaves the worker's in-flight set only then.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.cluster.config import CrawlKeys, cluster_busy, cluster_url, worker_id, written_db
from crawler.cluster.scheduler import INFLIGHT_META, PARENT_META
from crawler.requisites import site_of

logger = logging.getLogger(__name__)

HEARTBEAT = 2.0  # seconds between beats (and between looks for seeds and dead workers)
SEEDS_PER_BEAT = 100  # seeds turned into requests per beat at most
PAGES_KEPT = 2 * 3600  # seconds the per-minute page counters are kept (for `cluster status`)


class ClusterWorker:
    def __init__(self, crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.worker = worker_id(settings)
        self.timeout = max(settings.getfloat("ARCHIVE_CLUSTER_WORKER_TIMEOUT"), 3 * HEARTBEAT)
        self.idle_close = settings.getfloat("ARCHIVE_CLUSTER_IDLE_CLOSE")
        self.scheduler = None
        self.server = None
        self.keys: CrawlKeys | None = None
        self.spider = None
        self.beat: task.LoopingCall | None = None
        self.idle_since: float | None = None
        self.refused = False
        self.closing = False
        self.sites_retried: set[str] = set()  # see retry_failed

    @classmethod
    def from_crawler(cls, crawler):
        if not cluster_url(crawler.settings):
            raise NotConfigured
        worker = cls(crawler)
        crawler.signals.connect(worker.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(worker.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(worker.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(worker.response_downloaded, signal=signals.response_downloaded)
        return worker

    def spider_opened(self, spider) -> None:
        self.spider = spider
        if not hasattr(spider, "seed_request"):
            logger.error("the %s spider does not run as a cluster worker (the forum spider does)", spider.name)
            self.refused = True
            stop_crawl(self.crawler, "cluster_unsupported")
            return
        # DOWNLOAD_DELAY is kept between a host's requests by the cluster (crawler/cluster/politeness.py);
        # a delay of the worker's own would only push a request past the start reserved for it.
        spider.download_delay = 0
        self.scheduler = self.crawler.engine.scheduler
        self.server = self.scheduler.server
        self.keys = CrawlKeys(spider.name)
        if not self.server.set(self.keys.alive(self.worker), os.getpid(), nx=True, px=int(self.timeout * 1000)):
            logger.error("another worker with the id %s is running (ARCHIVE_WORKER_ID): stopping", self.worker)
            self.refused = True
            stop_crawl(self.crawler, "worker_id_in_use")
            return
        self._describe("crawling")
        back = self.scheduler.requeue(self.worker)
        self.scheduler.admitted = True
        if back:
            logger.warning("%d request(s) this worker had in flight when it last stopped are back in the queue", back)
            self.crawler.stats.inc_value("cluster/requeued", back)
        logger.info("cluster worker %s: queue %s, shard %s", self.worker, self.keys.requests,
                    written_db(self.crawler.settings))
        self.beat = task.LoopingCall(self.heartbeat)
        self.beat.start(HEARTBEAT, now=True).addErrback(self._beat_failed)

    def _describe(self, state: str) -> None:
        self.server.hset(self.keys.workers, self.worker, json.dumps({
            "host": socket.gethostname(), "pid": os.getpid(), "state": state, "at": time.time(),
            "shard": written_db(self.crawler.settings), "warc_dir": self.crawler.settings.get("ARCHIVE_WARC_DIR"),
        }))

    def heartbeat(self) -> None:
        self.server.set(self.keys.alive(self.worker), os.getpid(), px=int(self.timeout * 1000))
        self.take_seeds()
        self.recover_dead_workers()
        # Scrapy asks an idle spider again only every 5 s; a beat looks every 2 s.
        engine = self.crawler.engine
        if not self.closing and engine.spider_is_idle() and self.round_over():
            self.closing = True
            stop_crawl(self.crawler, "finished")

    def _beat_failed(self, failure) -> None:
        """A Redis error in a beat: without a heartbeat the other workers would take this worker's
        pages while it still fetches them, so the worker stops (its pages go back to the queue)."""
        logger.error("cluster heartbeat failed: %s; stopping this worker", failure.getErrorMessage())
        self.crawler.stats.set_value("cluster/heartbeat_error", failure.getErrorMessage())
        stop_crawl(self.crawler, "cluster_unreachable")

    def take_seeds(self) -> int:
        """Turn up to ``SEEDS_PER_BEAT`` waiting seeds into the spider's start requests (queued in Redis)."""
        seeds: list[str] = []
        while len(seeds) < SEEDS_PER_BEAT:
            seed = self.server.lpop(self.keys.seeds)
            if seed is None:
                break
            seeds.append(seed.decode("utf-8"))
            # Past the dupefilter: a seed pushed while a long round still runs (last hour's round)
            # must still look at its thread, whose resume page the round has seen already.
            self.crawler.engine.crawl(self.spider.seed_request(seeds[-1]).replace(dont_filter=True))
        if seeds:
            self.crawler.stats.inc_value("cluster/seeds", len(seeds))
            self.retry_failed(seeds)
        return len(seeds)

    def retry_failed(self, seeds: list[str]) -> None:
        """Ask again for what earlier rounds failed to fetch on the seeds' sites (the forum spider's
        ``retry_requests``, read from the merged archive, ``ARCHIVE_DB``), once a site in this
        worker's life. Without it a failed picture, or a failed page of a thread no seed names
        again, stayed an open error for ever. The requests pass the round's shared dupefilter, so
        of several workers taking seeds of one site, one fetches each."""
        sites = {site_of(url) for url in seeds} - self.sites_retried
        self.sites_retried |= sites
        if sites:
            for request in self.spider.retry_requests(sites, set(seeds)):
                self.crawler.engine.crawl(request)

    def recover_dead_workers(self) -> None:
        for name in self.server.hkeys(self.keys.workers):
            other = name.decode("utf-8")
            if other == self.worker or self.server.exists(self.keys.alive(other)):
                continue
            back = self.scheduler.requeue(other)
            if back:
                logger.warning("worker %s stopped beating: its %d request(s) in flight are back in the queue",
                               other, back)
                self.crawler.stats.inc_value("cluster/requeued", back)

    def release_stale(self) -> None:
        """The engine is idle, so nothing this worker took is still in progress: any request
        left in its in-flight set was done with unseen (a path the middleware missed). It leaves
        the set, so the cluster can end the round; counted as ``cluster/released_unseen``."""
        stale = self.scheduler.in_flight()
        if stale:
            logger.warning("%d request(s) were done with unseen; taking them out of the in-flight set", stale)
            self.crawler.stats.inc_value("cluster/released_unseen", stale)
            self.scheduler.finish_all()

    def spider_idle(self, spider) -> None:
        if self.refused:
            return
        if not self.round_over():
            raise DontCloseSpider

    def round_over(self) -> bool:
        """Called with this worker's engine idle: whether the whole cluster has been idle for
        ``ARCHIVE_CLUSTER_IDLE_CLOSE`` seconds, so this worker may end."""
        self.release_stale()
        if self.take_seeds() or cluster_busy(self.server, self.keys):
            self.idle_since = None
            return False
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if self.idle_close <= 0 or now - self.idle_since < self.idle_close:
            return False
        logger.info("the cluster has been idle for %.0f s (ARCHIVE_CLUSTER_IDLE_CLOSE): this worker ends",
                    now - self.idle_since)
        return True

    def response_downloaded(self, response, request, spider) -> None:
        minute = int(time.time() // 60)
        pipe = self.server.pipeline(transaction=False)
        pipe.incr(self.keys.pages(minute))
        pipe.expire(self.keys.pages(minute), PAGES_KEPT)
        pipe.hincrby(self.keys.worker_pages, self.worker, 1)
        pipe.execute()

    def spider_closed(self, spider, reason) -> None:
        if self.beat is not None and self.beat.running:
            self.beat.stop()
        if self.refused or self.server is None:
            return
        left = self.scheduler.requeue(self.worker)  # requests not finished when it stopped (a shutdown)
        if left:
            logger.warning("%d request(s) not finished by this worker are back in the queue", left)
        self._describe(f"stopped: {reason}")
        self.server.delete(self.keys.alive(self.worker))


def stop_crawl(crawler, reason: str) -> None:
    """Close the spider with ``reason`` (Scrapy 2.14 and later: ``close_spider_async``)."""
    engine = crawler.engine
    if hasattr(engine, "close_spider_async"):
        deferred_from_coro(engine.close_spider_async(reason=reason))
    else:
        engine.close_spider(crawler.spider, reason)


class FinishedRequests:
    """Marks a request done with, for the scheduler's in-flight set.

    As a spider middleware (closest to the engine): once the spider's output for a response has
    ended and each follow-up request it yielded is in the shared queue (each carries its parent's
    token to the scheduler), or the callback failed. As a
    downloader middleware (closest to the engine): when the download failed for good (retries and
    redirects come back through the scheduler, which releases the request they replace)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        if not cluster_url(crawler.settings):
            raise NotConfigured
        return cls(crawler)

    @property
    def scheduler(self):
        return self.crawler.engine.scheduler

    def finish(self, request) -> None:
        token = request.meta.get(INFLIGHT_META)
        if token is not None and self.scheduler is not None:
            self.scheduler.finish(token)

    async def process_spider_output(self, response, result, spider=None):
        token = response.request.meta.get(INFLIGHT_META) if response.request is not None else None
        try:
            async for item in result:
                if token is not None and isinstance(item, Request):
                    if item.meta.get(INFLIGHT_META) == token:
                        del item.meta[INFLIGHT_META]  # a new request built from the response's meta
                    item.meta[PARENT_META] = token
                    self.scheduler.expect_child(token)
                yield item
        finally:
            if token is not None:
                self.scheduler.output_done(token)

    def process_spider_exception(self, response, exception, spider=None):
        token = response.request.meta.get(INFLIGHT_META) if response.request is not None else None
        if token is not None:
            self.scheduler.output_done(token)

    def process_exception(self, request, exception, spider=None):
        self.finish(request)
