"""robots.txt fetched once per host for the whole cluster, and shared through Redis.

Scrapy's RobotsTxtMiddleware fetches a host's robots.txt once per process: N workers would ask N
times. This subclass, used in cluster mode in its place, first looks for the host's robots.txt in
Redis. The first worker to need it takes a short lock, fetches it (archived in its WARC as any
exchange), and stores the body there for ``ROBOTS_KEPT`` seconds; the others wait for it and parse
the same bytes. When the fetch fails the lock is dropped, so the next worker tries in its turn; a
worker that waits longer than the download timeout fetches it itself rather than stall.
"""

from __future__ import annotations

import time

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

from crawler.cluster.config import cluster_url, connect, host_key, worker_id
from crawler.cluster.politeness import sleep

ROBOTS_KEPT = 24 * 3600  # seconds a shared robots.txt is trusted (Google's rule of thumb)
WAIT_STEP = 0.1


class ClusterRobotsTxt(RobotsTxtMiddleware):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        url = cluster_url(crawler.settings)
        self.server = connect(url) if url else None
        self.worker = worker_id(crawler.settings)
        self.patience = crawler.settings.getfloat("DOWNLOAD_TIMEOUT") + 10

    async def robot_parser(self, request):
        netloc = urlparse_cached(request).netloc
        if self.server is None or netloc in self._parsers:
            return await super().robot_parser(request)
        body_key, lock_key = host_key(netloc, "robots"), host_key(netloc, "robots-lock")
        deadline = time.monotonic() + self.patience
        while time.monotonic() < deadline:
            body = self.server.get(body_key)
            if body is not None:
                if netloc not in self._parsers:
                    self._parsers[netloc] = build_from_crawler(self._parserimpl, self.crawler, body)
                    self.crawler.stats.inc_value("cluster/robots_shared")
                return await super().robot_parser(request)
            if self.server.set(lock_key, self.worker, nx=True, ex=int(self.patience)):
                try:
                    return await super().robot_parser(request)  # fetches, then _parse_robots shares it
                finally:
                    self.server.delete(lock_key)
            await sleep(WAIT_STEP)
        return await super().robot_parser(request)

    async def _parse_robots(self, response, netloc, request):
        if self.server is not None:
            self.server.set(host_key(netloc, "robots"), response.body, ex=ROBOTS_KEPT)
        await super()._parse_robots(response, netloc, request)
