"""Per-host politeness for the whole cluster, not per worker.

Scrapy's ``DOWNLOAD_DELAY`` and ``CONCURRENT_REQUESTS_PER_DOMAIN`` hold inside one process: three
workers would each keep them and ask a board three times as often. This downloader middleware,
the last one before the download, asks Redis first. A Lua script, atomic on the server and timed by
the server's clock, keeps per host:

- the next allowed start time: a request may start only once ``DOWNLOAD_DELAY`` seconds have
  passed since the host's previous start, whichever worker made it. A request is let go at the
  moment it is granted, never at a time booked in advance: a worker busy parsing could otherwise
  send a booked request late and crowd the next one;
- the requests in progress (a sorted set of leases): at most ``CONCURRENT_REQUESTS_PER_DOMAIN``
  across the cluster; a request over the limit waits ``POLL`` seconds and asks again. A lease is
  released when the response or the failure comes back. It lasts ``ARCHIVE_CLUSTER_WORKER_TIMEOUT``
  seconds and the worker renews it every 2 s while the download runs, so a dead worker's leases
  lapse when it is taken for dead, and its hosts are not held up longer.

A worker keeps no delay of its own (its spider's ``download_delay`` is 0 and AutoThrottle is off),
or a request could leave after the start reserved for it. The host is the URL's host name, as
Scrapy's download slots use.
"""

from __future__ import annotations

import logging
import uuid

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import reactor, task
from twisted.internet.task import deferLater

from crawler.cluster.config import cluster_url, connect, host_key

logger = logging.getLogger(__name__)

LEASE_META = "cluster_host_lease"
POLL = 0.05  # seconds between asks while the host is at its concurrency limit

# KEYS: next-allowed time, leases. ARGV: delay, concurrency, lease seconds, token.
# Returns "0" when the request may start now (its start is recorded), else the seconds to wait
# before asking again ("-1": the host is at its concurrency limit; ask again shortly).
ASK_TO_START = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < next then return string.format('%.6f', next - now) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then return '-1' end
redis.call('SET', KEYS[1], string.format('%.6f', now + tonumber(ARGV[1])), 'EX', 86400)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[4])
redis.call('EXPIRE', KEYS[2], 86400)
return '0'
"""


# KEYS: the leases of the hosts of the requests this worker has in progress. ARGV: lease seconds,
# then one token per key. Pushes each lease's expiry on (only if it is still there: XX).
RENEW = """
local t = redis.call('TIME')
local until_ = tonumber(t[1]) + tonumber(t[2]) / 1000000 + tonumber(ARGV[1])
for i, key in ipairs(KEYS) do redis.call('ZADD', key, 'XX', until_, ARGV[i + 1]) end
return #KEYS
"""
RENEW_EVERY = 2.0  # seconds, as the worker's heartbeat


def sleep(seconds: float):
    return maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class ClusterPoliteness:
    def __init__(self, server, delay: float, concurrency: int, lease: float, stats) -> None:
        self.server = server
        self.delay = delay
        self.concurrency = max(concurrency, 1)
        self.lease = lease
        self.stats = stats
        self.ask = server.register_script(ASK_TO_START)
        self.renew_script = server.register_script(RENEW)
        self.held: dict[str, str] = {}  # lease token -> host, for the requests in progress here
        self.renewal = task.LoopingCall(self.renew)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        url = cluster_url(settings)
        if not url:
            raise NotConfigured
        lease = max(settings.getfloat("ARCHIVE_CLUSTER_WORKER_TIMEOUT"), 3 * RENEW_EVERY)
        return cls(connect(url), settings.getfloat("DOWNLOAD_DELAY"), settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
                   lease, crawler.stats)

    def renew(self) -> None:
        """Keep this worker's leases alive while their requests are in progress: a lease lasts
        ``ARCHIVE_CLUSTER_WORKER_TIMEOUT`` seconds, so a dead worker's leases lapse as soon as it
        is taken for dead, and its hosts are not held up for a whole download timeout."""
        if self.held:
            tokens = list(self.held)
            self.renew_script(keys=[host_key(self.held[t], "leases") for t in tokens], args=[self.lease, *tokens])

    async def process_request(self, request, spider=None):
        host = (urlparse_cached(request).hostname or "").lower()
        token = uuid.uuid4().hex
        keys = [host_key(host, "next"), host_key(host, "leases")]
        waited = 0.0
        while (wait := float(self.ask(keys=keys, args=[self.delay, self.concurrency, self.lease, token]))) != 0:
            pause = POLL if wait < 0 else wait
            await sleep(pause)
            waited += pause
        request.meta[LEASE_META] = (host, token)
        self.held[token] = host
        if not self.renewal.running:
            self.renewal.start(RENEW_EVERY, now=False).addErrback(
                lambda failure: logger.error("cannot renew host leases: %s", failure.getErrorMessage()))
        if waited:
            self.stats.inc_value("cluster/politeness_wait_ms", int(waited * 1000))
        return None

    def release(self, request) -> None:
        lease = request.meta.pop(LEASE_META, None)
        if lease is not None:
            host, token = lease
            self.held.pop(token, None)
            self.server.zrem(host_key(host, "leases"), token)

    def process_response(self, request, response, spider=None):
        self.release(request)
        return response

    def process_exception(self, request, exception, spider=None):
        self.release(request)
        return None
