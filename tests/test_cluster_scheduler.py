"""crawler.cluster: the scheduler's in-flight sets, Scrapy's fingerprints in the shared dupefilter,
walls shared by workers, seeds and rounds, on a real Redis (no crawl: the components alone)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import redis
import scrapy
from scrapy.utils.test import get_crawler

from crawler.cluster.commands import start_round
from crawler.cluster.config import CrawlKeys, cluster_busy, host_key
from crawler.cluster.scheduler import INFLIGHT_META, ClusterScheduler
from crawler.middlewares.errors import PausedRequest
from crawler.middlewares.walls import WallPauseMiddleware
from crawler.spiders.forum import ForumSpider
from parsers.models import PageResult
from tests.redis_server import running_redis


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def server(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


def worker(redis_url: str, name: str, **settings):
    """A crawler with its forum spider and an open cluster scheduler, as worker ``name`` has them."""
    crawler = get_crawler(ForumSpider, {"ARCHIVE_CLUSTER": redis_url, "ARCHIVE_WORKER_ID": name,
                                        "ARCHIVE_ENABLED": False, **settings})
    spider = ForumSpider.from_crawler(crawler)
    crawler.spider = spider
    scheduler = ClusterScheduler.from_crawler(crawler)
    scheduler.open(spider)
    scheduler.admitted = True  # as crawler.cluster.worker does once the worker holds its id
    return crawler, spider, scheduler


def request(spider, url: str, **kwargs) -> scrapy.Request:
    return scrapy.Request(url, callback=spider.parse_thread_page, **kwargs)


def test_a_taken_request_stays_in_flight_until_finished(redis_url, server):
    _, spider, scheduler = worker(redis_url, "a")
    keys = CrawlKeys("forum")
    assert scheduler.enqueue_request(request(spider, "http://board.test/topic/1/", meta={"thread_start": "x"}))
    scheduler.admitted = False  # a worker not (yet) holding its id, maybe a live worker's twin, takes nothing
    assert scheduler.next_request() is None and server.zcard(keys.requests) == 1
    scheduler.admitted = True
    taken = scheduler.next_request()
    assert taken.url == "http://board.test/topic/1/" and taken.meta["thread_start"] == "x"
    assert taken.callback == spider.parse_thread_page  # by name, through Redis
    assert server.zcard(keys.requests) == 0 and server.zcard(keys.inflight("a")) == 1
    scheduler.finish(taken.meta[INFLIGHT_META])
    assert server.zcard(keys.inflight("a")) == 0


def test_a_retry_copy_releases_the_request_it_replaces_once_queued(redis_url, server):
    _, spider, scheduler = worker(redis_url, "a")
    keys = CrawlKeys("forum")
    scheduler.enqueue_request(request(spider, "http://board.test/topic/1/"))
    taken = scheduler.next_request()
    retry = taken.replace(dont_filter=True)  # as Scrapy's RetryMiddleware and redirects copy it
    retry.meta["retry_times"] = 1
    assert scheduler.enqueue_request(retry)
    assert server.zcard(keys.inflight("a")) == 0 and server.zcard(keys.requests) == 1
    again = scheduler.next_request()
    assert again.meta["retry_times"] == 1 and server.zcard(keys.inflight("a")) == 1


def test_a_dead_workers_requests_go_back_to_the_queue_and_are_taken_by_another(redis_url, server):
    _, spider_a, scheduler_a = worker(redis_url, "a")
    _, _, scheduler_b = worker(redis_url, "b")
    for page in (1, 2, 3):
        scheduler_a.enqueue_request(request(spider_a, f"http://board.test/topic/1/page/{page}/", priority=-page))
    first, second = scheduler_a.next_request(), scheduler_a.next_request()  # best priority first
    assert (first.url, second.url) == ("http://board.test/topic/1/page/1/", "http://board.test/topic/1/page/2/")
    # "a" dies with both in flight; "b" puts them back, and takes them in their order.
    assert scheduler_b.requeue("a") == 2
    assert [scheduler_b.next_request().url for _ in range(3)] == [
        "http://board.test/topic/1/page/1/", "http://board.test/topic/1/page/2/", "http://board.test/topic/1/page/3/"]
    assert scheduler_b.next_request() is None
    assert scheduler_b.requeue("a") == 0  # nothing twice


def test_the_dupefilter_uses_scrapys_fingerprints(redis_url, server):
    crawler, spider, scheduler = worker(redis_url, "a")
    first = request(spider, "http://board.test/topic/1/?a=1&b=2")
    assert scheduler.enqueue_request(first)
    # The same request to Scrapy's fingerprinter (query order, a fragment): refused.
    assert not scheduler.enqueue_request(request(spider, "http://board.test/topic/1/?b=2&a=1#post-3"))
    assert scheduler.enqueue_request(request(spider, "http://board.test/topic/1/?a=1&b=3"))
    members = server.smembers(CrawlKeys("forum").dupefilter)
    assert crawler.request_fingerprinter.fingerprint(first).hex().encode() in members
    # Another worker shares the round's dupefilter.
    _, spider_b, scheduler_b = worker(redis_url, "b")
    assert not scheduler_b.enqueue_request(request(spider_b, "http://board.test/topic/1/?a=1&b=2"))


def test_a_request_the_queue_cannot_hold_is_a_recorded_loss(redis_url, server):
    crawler, spider, scheduler = worker(redis_url, "a")
    errors = []
    from crawler.extensions.crawl_errors import crawl_error

    def collect(**error):
        errors.append(error)

    crawler.signals.connect(collect, signal=crawl_error)
    orphan = scrapy.Request("http://board.test/topic/9/", callback=lambda response: None)  # not a spider method
    assert not scheduler.enqueue_request(orphan)
    assert [(e["url"], e["kind"]) for e in errors] == [("http://board.test/topic/9/", "unqueued")]
    # Not marked seen either: seen-and-not-queued would refuse the page for the rest of the round.
    assert server.scard(CrawlKeys("forum").dupefilter) == 0


def test_a_wall_pauses_the_site_for_every_worker(redis_url, server):
    crawler_a, spider_a, _ = worker(redis_url, "a", ARCHIVE_WALL_PAUSE=3600)
    crawler_b, spider_b, _ = worker(redis_url, "b", ARCHIVE_WALL_PAUSE=3600)
    walls_a, walls_b = WallPauseMiddleware.from_crawler(crawler_a), WallPauseMiddleware.from_crawler(crawler_b)
    walled = request(spider_a, "http://board.test/topic/1/")
    walled.meta["page_result"] = PageResult(kind="blocked", url=walled.url, reason="login wall")
    walls_a.process_response(walled, scrapy.http.HtmlResponse(walled.url, body=b"<html></html>", request=walled))
    with pytest.raises(PausedRequest, match="another worker"):
        walls_b.process_request(request(spider_b, "http://board.test/topic/2/"))
    walls_b.process_request(request(spider_b, "http://other.test/topic/2/"))  # other hosts go on
    assert 3500 < server.ttl(host_key("board.test", "wall")) <= 3600  # ARCHIVE_WALL_PAUSE
    # A new round (seeds pushed to an idle cluster) lifts walls that paused a site until further notice.
    server.set(host_key("board.test", "wall"), "login wall")
    server.sadd(CrawlKeys("forum").paused_hosts, "board.test")
    start_round(server, CrawlKeys("forum"))
    walls_fresh = WallPauseMiddleware.from_crawler(worker(redis_url, "c")[0])
    walls_fresh.process_request(request(spider_b, "http://board.test/topic/2/"))


def cli(redis_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler", "cluster", "--redis", redis_url, *args],
                          capture_output=True, text=True, timeout=60)


def test_seeds_start_a_new_round_only_when_the_cluster_is_idle(redis_url, server, tmp_path):
    keys = CrawlKeys("forum")
    server.sadd(keys.dupefilter, "an-old-fingerprint")
    done = cli(redis_url, "seed", "http://board.test/topic/1/", "http://board.test/topic/2/")
    assert done.returncode == 0 and "a new round (1)" in done.stdout, done.stderr
    assert server.scard(keys.dupefilter) == 0  # last round's pages may be asked again
    assert server.lrange(keys.seeds, 0, -1) == [b"http://board.test/topic/1/", b"http://board.test/topic/2/"]
    server.sadd(keys.dupefilter, "this-rounds-fingerprint")
    listing = tmp_path / "threads.txt"
    listing.write_text("# more\nhttp://board.test/topic/3/\n")
    done = cli(redis_url, "seed", "--file", str(listing))
    assert "joining the running round (1)" in done.stdout and server.scard(keys.dupefilter) == 1
    assert cluster_busy(server, keys)
    assert cli(redis_url, "seed", "ftp://board.test/x").returncode == 2
    status = cli(redis_url, "status")
    assert "seeds waiting:    3" in status.stdout and "round 1" in status.stdout
    assert cli(redis_url, "reset").returncode == 0 and not cluster_busy(server, keys)
    assert subprocess.run([sys.executable, "-m", "crawler", "cluster", "--redis", "redis://127.0.0.1:1/0", "status"],
                          capture_output=True, text=True, timeout=60).returncode == 1


def test_a_response_is_done_with_only_once_its_follow_ups_are_queued(redis_url, server):
    """Scrapy's scraper hands a callback's requests to the engine from a queue of its own, so the
    callback's output can end before its next-page request is in Redis: a worker killed then must
    still have the page in flight (else the next page is lost for good)."""
    from crawler.cluster.scheduler import PARENT_META

    _, spider, scheduler = worker(redis_url, "a")
    keys = CrawlKeys("forum")
    scheduler.enqueue_request(request(spider, "http://board.test/topic/1/"))
    page = scheduler.next_request()
    token = page.meta[INFLIGHT_META]
    follow_up = request(spider, "http://board.test/topic/1/page/2/", meta={PARENT_META: token})
    scheduler.expect_child(token)
    scheduler.output_done(token)  # the output ended: the next page is not queued yet
    assert server.zcard(keys.inflight("a")) == 1
    assert scheduler.enqueue_request(follow_up)
    assert server.zcard(keys.inflight("a")) == 0 and server.zcard(keys.requests) == 1
    assert PARENT_META not in scheduler.next_request().meta  # not stored in the queue


def test_a_response_stays_in_flight_until_its_archive_write_is_committed(redis_url, server):
    """The archive writer works behind the spider: a page the spider is done with may not be in
    any WARC yet. A worker killed then must still have it in flight, else the page is lost for good
    (the round's dupefilter has seen it)."""
    _, spider, scheduler = worker(redis_url, "a")
    keys = CrawlKeys("forum")
    scheduler.enqueue_request(request(spider, "http://board.test/topic/1/"))
    page = scheduler.next_request()
    token = page.meta[INFLIGHT_META]
    response_written = scheduler.hold_for_archive(page)
    redirect_hop_written = scheduler.hold_for_archive(page)  # each hop is its own exchange
    scheduler.output_done(token)  # the spider is done with it
    assert server.zcard(keys.inflight("a")) == 1
    assert scheduler.in_flight() == 0  # waiting for the writer only: not a request the engine lost
    response_written()
    assert server.zcard(keys.inflight("a")) == 1
    redirect_hop_written()
    assert server.zcard(keys.inflight("a")) == 0 and scheduler.taken == {}

    # Written before the spider is done with it: it leaves when the spider is.
    scheduler.enqueue_request(request(spider, "http://board.test/topic/2/"))
    second = scheduler.next_request()
    scheduler.hold_for_archive(second)()
    assert server.zcard(keys.inflight("a")) == 1
    scheduler.finish(second.meta[INFLIGHT_META])
    assert server.zcard(keys.inflight("a")) == 0
    assert scheduler.hold_for_archive(request(spider, "http://board.test/topic/3/")) is None  # not taken here
