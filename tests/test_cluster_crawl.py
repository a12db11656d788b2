"""Three real workers on a real Redis crawl one loopback board: nothing lost, nothing fetched twice
in the normal case, the per-host delay held across workers, robots.txt fetched once, and a worker
killed mid-crawl costs nothing. The shards merge into an archive equal to a replay of all WARCs.

What is counted is counted by the server (``bench/thread_site.py`` logs every request with its
arrival time and User-Agent, which names the worker), never by the crawler's own stats.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from archive.database import RUN_METADATA_TABLES
from crawler.cluster.config import CrawlKeys, connect
from tests.cluster_run import Cluster, ThreadSite, fetches_by_worker
from tests.redis_server import running_redis

THREADS, PAGES, POSTS = 8, 4, 5
DELAY = 0.15  # seconds between two requests to the board, whichever workers send them
# How late a request may leave its worker after Redis granted its start: the worker's reactor may
# be parsing another page first (tens of milliseconds on two busy cores; CI, with the suite's two
# test processes beside the three workers, once measured 156 ms). Between the i-th and the
# (i+k)-th request the server must see at least k * DELAY less this much: the pace is held, each
# arrival is off by at most the jitter, and no burst can make up for it (three requests sent at
# once would miss by 2 * DELAY, more than this).
SEND_JITTER = 0.25
WORKERS = ["w1", "w2", "w3"]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


def board_paths() -> set[str]:
    return board_paths_of(THREADS, PAGES)


def board_paths_of(threads: int, pages: int) -> set[str]:
    return {f"/topic/{t}-bench-thread/" + (f"page/{p}/" if p > 1 else "") for t in range(1, threads + 1)
            for p in range(1, pages + 1)}


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every archive table's rows, sorted (run metadata and full-text indexes left out)."""
    db = sqlite3.connect(path)
    names = [n for (n,) in db.execute("select name from sqlite_master where type = 'table'")
             if "_fts" not in n and n not in RUN_METADATA_TABLES]
    rows = {n: sorted(db.execute(f"select * from [{n}]").fetchall(), key=repr) for n in names}
    db.close()
    return rows


def check_politeness(hits: list[tuple[float, str, str]]) -> None:
    arrivals = sorted(arrived for arrived, _, _ in hits)
    worst = min((arrivals[j] - arrivals[i]) - (j - i) * DELAY
                for i in range(len(arrivals)) for j in range(i + 1, len(arrivals)))
    assert worst >= -SEND_JITTER, worst
    # Over the whole crawl: one request per DELAY at most.
    assert (arrivals[-1] - arrivals[0]) >= (len(arrivals) - 1) * DELAY - SEND_JITTER


def run_cluster(redis_url: str, out: Path, kill_after: int | None = None, site: ThreadSite | None = None,
                workers: list[str] = WORKERS):
    """Seed the board's threads, run the workers until the cluster is done; with ``kill_after``,
    SIGKILL the busiest worker once the board has answered that many page requests. A board
    given is left running; else one is started and stopped."""
    own_site = site is None
    site = site or ThreadSite(THREADS, PAGES, POSTS).start()
    cluster = Cluster(redis_url, out, delay=DELAY)
    victim, killed_at = None, None
    try:
        if own_site:
            cluster.run("cluster", "--redis", redis_url, "reset")
        cluster.seed(site.thread_urls())
        for worker in workers:
            cluster.start(worker)
        if kill_after is not None:
            deadline = time.monotonic() + 120
            while sum("/topic/" in path for _, path, _ in site.log.hits) < kill_after:
                assert time.monotonic() < deadline, "the workers never got going"
                time.sleep(0.05)
            counts = {w: len(f) for w, f in fetches_by_worker(site, WORKERS).items()}
            victim = max(counts, key=counts.get)
            # Killed while it holds requests in flight (not in a pause between two): what the test
            # is about is their way back to the queue.
            server, inflight = connect(redis_url), CrawlKeys("forum").inflight(victim)
            while not server.zcard(inflight):
                assert time.monotonic() < deadline, f"{victim} never had a request in flight"
                time.sleep(0.002)
            killed_at = cluster.kill(victim)
        codes = cluster.wait()
    finally:
        cluster.stop_all()
        if own_site:
            site.stop()
    return site, cluster, codes, victim, killed_at


def test_three_workers_fetch_every_page_once_at_the_host_pace(redis_url, tmp_path):
    board = ThreadSite(THREADS, PAGES, POSTS).start()
    try:
        first_round_then_a_recrawl(redis_url, tmp_path, board)
    finally:
        board.stop()


def first_round_then_a_recrawl(redis_url: str, tmp_path: Path, board: ThreadSite) -> None:
    Cluster(redis_url, tmp_path / "run").run("cluster", "--redis", redis_url, "reset")
    site, cluster, codes, _, _ = run_cluster(redis_url, tmp_path / "run", site=board)
    assert codes == {w: 0 for w in WORKERS}, {w: cluster.log(w)[-3000:] for w in WORKERS}
    fetched = Counter(path for _, path, _ in site.log.hits)
    assert {path for path in fetched if "/topic/" in path} == board_paths()
    assert [path for path, n in fetched.items() if n > 1] == []  # no page, picture or robots.txt twice
    assert fetched["/robots.txt"] == 1  # one worker fetched it; the others read it from Redis
    by_worker = fetches_by_worker(site, WORKERS)
    assert sum(len(f) for f in by_worker.values()) == len(site.log.hits)
    check_politeness(site.log.hits)
    # Each worker's own WARCs (its id in the names) and its own shard.
    warcs = sorted(p.name for p in (tmp_path / "run" / "warc").glob("*.warc.gz"))
    assert warcs and all(any(f"forum-{w}-" in name for w in WORKERS) for name in warcs)
    assert sorted(p.name for p in (tmp_path / "run" / "shards").glob("*.db")) == [f"{w}.db" for w in WORKERS]
    status = json.loads(cluster.run("cluster", "--redis", redis_url, "status", "--json").stdout)
    assert (status["queued"], status["seeds"]) == (0, 0)
    assert sorted(w["id"] for w in status["workers"]) == WORKERS
    assert all(not w["alive"] and w["in_flight"] == 0 and w["state"] == "stopped: finished" for w in status["workers"])
    assert sum(w["pages"] for w in status["workers"]) == len(site.log.hits)

    # The next round reads the merged archive: each thread is read on from its last page, asked
    # conditionally (304: unchanged), and nothing else is fetched (robots.txt is shared for a day,
    # the pictures are archived already).
    cluster.run("merge", "shards", "--db", "archive.db", "--warc-dir", "warc")
    first_round = site.reset_log()
    _, cluster, codes, _, _ = run_cluster(redis_url, tmp_path / "run", site=board, workers=WORKERS[:2])
    assert set(codes.values()) == {0}, {w: cluster.log(w)[-3000:] for w in WORKERS[:2]}
    assert sorted(path for _, path, _ in site.log.hits) == sorted(f"/topic/{t}-bench-thread/page/{PAGES}/"
                                                                 for t in range(1, THREADS + 1))
    assert site.log.not_modified == THREADS and first_round.not_modified == 0


def test_a_worker_killed_mid_crawl_loses_nothing_and_merge_equals_replay(redis_url, tmp_path):
    out = tmp_path / "run"
    site, cluster, codes, victim, killed_at = run_cluster(redis_url, out, kill_after=10)
    survivors = [w for w in WORKERS if w != victim]
    assert codes[victim] == -9
    assert all(codes[w] == 0 for w in survivors), {w: cluster.log(w)[-3000:] for w in survivors}
    fetched = Counter(path for _, path, _ in site.log.hits)
    assert {path for path in fetched if "/topic/" in path} == board_paths()  # nothing lost
    # A page fetched twice can only be one the killed worker had fetched and not finished with:
    # taken back from its in-flight set by a survivor, after the kill.
    by_worker = fetches_by_worker(site, WORKERS)
    for path in (p for p, n in fetched.items() if n > 1):
        first, *later = sorted((arrived, worker) for worker, found in by_worker.items()
                               for arrived, p in found if p == path)
        assert first[1] == victim and first[0] < killed_at, (path, first)
        assert all(worker in survivors and arrived > killed_at for arrived, worker in later), (path, later)
    twice = sum(n - 1 for n in fetched.values() if n > 1)
    assert twice <= 4, fetched  # at most what was in progress at the kill (2 per host, with their requisites)
    check_politeness(site.log.hits)
    assert "back in the queue" in "".join(cluster.log(w) for w in survivors)

    # A worker killed mid-write may leave its last WARC torn: repaired first, as docs/cluster.md says.
    for warc in sorted((out / "warc").glob(f"forum-{victim}-*.warc.gz")):
        cluster.run("warc", "repair", str(warc))
    merged = cluster.run("merge", "shards", "--db", "archive.db", "--warc-dir", "warc")
    db = sqlite3.connect(out / "archive.db")
    assert db.execute("select count(*), count(distinct native_id) from posts").fetchone() == (
        THREADS * PAGES * POSTS, THREADS * PAGES * POSTS), merged.stdout  # every post exactly once
    assert db.execute("select count(distinct thread_id) from posts").fetchone() == (THREADS,)
    db.close()
    again = cluster.run("merge", "shards", "--db", "archive.db", "--warc-dir", "warc")
    replay = cluster.run("replay", "warc", "--db", "replayed.db", "--quiet", check=False)
    assert replay.returncode == 0, replay.stderr[-2000:]
    assert table_rows(out / "archive.db") == table_rows(out / "replayed.db"), (merged.stdout, again.stdout)
    assert cluster.run("check", "archive.db", check=False).returncode == 0



def test_a_worker_killed_before_its_pages_are_written_loses_none_of_them(redis_url, tmp_path):
    """The archive writer works behind the spider (in batches), so a worker can be done with a
    page that is in no WARC and no shard yet. Killed then, the page was lost for good, the run of
    the survivors "finished" (CI once merged 155 of 160 posts). Here the worker's shard is held
    locked by another connection, as a slow disk or a backup would: its writer waits, the
    page must stay in the worker's in-flight set, and the worker back under its id fetches it again."""
    site = ThreadSite(1, 3, POSTS).start()  # 15 posts: at least the 13 its pages say the topic has
    out = tmp_path / "run"
    # Room in the writer's queue for every page, so the crawl goes on while the writer waits.
    cluster = Cluster(redis_url, out, delay=DELAY, settings={"ARCHIVE_DB_BUSY_TIMEOUT": "120",
                                                             "ARCHIVE_WRITE_QUEUE": "256",
                                                             "ARCHIVE_CLUSTER_WORKER_TIMEOUT": "4"})
    server, keys = connect(redis_url), CrawlKeys("forum")
    shard = out / "shards" / "solo.db"
    try:
        cluster.run("cluster", "--redis", redis_url, "reset")
        cluster.start("solo")
        deadline = time.monotonic() + 60
        while not (server.exists(keys.alive("solo")) and "Spider opened" in cluster.log("solo")):
            assert time.monotonic() < deadline, cluster.log("solo")[-3000:]
            time.sleep(0.05)
        lock = sqlite3.connect(shard, isolation_level=None, timeout=30)
        lock.execute("begin immediate")  # the writer's next batch waits for this
        cluster.seed(site.thread_urls())
        while {path for _, path, _ in site.log.hits if "/topic/" in path} != board_paths_of(1, 3):
            assert time.monotonic() < deadline, (site.log.hits, cluster.log("solo")[-1500:])
            time.sleep(0.05)
        time.sleep(2.0)  # the spider has long been done with every page (milliseconds each)
        assert server.zcard(keys.inflight("solo")) >= 3  # old: 0 (done with, never written)
        killed_at = cluster.kill("solo")
        lock.rollback()
        lock.close()
        time.sleep(max(0.0, killed_at + 4.5 - time.time()))  # its heartbeat has expired
        cluster.start("solo")
        assert cluster.wait()["solo"] == 0, cluster.log("solo")[-3000:]
    finally:
        cluster.stop_all()
        site.stop()
    assert "had in flight when it last stopped are back in the queue" in cluster.log("solo")
    fetched = Counter(path for _, path, _ in site.log.hits if "/topic/" in path)
    assert fetched == {path: 2 for path in board_paths_of(1, 3)}
    for warc in sorted((out / "warc").glob("*.warc.gz")):
        cluster.run("warc", "repair", str(warc))
    cluster.run("merge", "shards", "--db", "archive.db", "--warc-dir", "warc")
    db = sqlite3.connect(out / "archive.db")
    assert db.execute("select count(*), count(distinct native_id) from posts").fetchone() == (3 * POSTS, 3 * POSTS)
    db.close()
    assert cluster.run("check", "archive.db", check=False).returncode == 0



def test_pages_a_worker_could_not_archive_go_back_to_the_queue_for_another(redis_url, tmp_path):
    """w1's shard stays locked past its busy timeout: its archive turns unwritable and it stops
    (archive_locked). The pages it fetched and could not archive were done with, so they
    left the cluster's queue for good: counted lost in w1's stats, fetched by no one again. Now
    they stay in w1's in-flight set and go back to the queue when it stops; w2 archives them."""
    site = ThreadSite(1, 3, POSTS).start()
    out = tmp_path / "run"
    cluster = Cluster(redis_url, out, delay=DELAY, settings={"ARCHIVE_DB_BUSY_TIMEOUT": "1",
                                                             "ARCHIVE_WRITE_QUEUE": "256"})
    server, keys = connect(redis_url), CrawlKeys("forum")
    try:
        cluster.run("cluster", "--redis", redis_url, "reset")
        cluster.start("w1")
        deadline = time.monotonic() + 60
        while not (server.exists(keys.alive("w1")) and "Spider opened" in cluster.log("w1")):
            assert time.monotonic() < deadline, cluster.log("w1")[-3000:]
            time.sleep(0.05)
        lock = sqlite3.connect(out / "shards" / "w1.db", isolation_level=None, timeout=30)
        lock.execute("begin immediate")  # held until w1 has given up
        cluster.seed(site.thread_urls())
        assert cluster.workers["w1"].wait(timeout=60) != 0, cluster.log("w1")[-3000:]
        lock.rollback()
        lock.close()
        assert "Spider closed (archive_locked)" in cluster.log("w1")
        assert {path for _, path, _ in site.log.hits if "/topic/" in path} == board_paths_of(1, 3)
        cluster.start("w2")
        assert cluster.wait()["w2"] == 0, cluster.log("w2")[-3000:]
    finally:
        cluster.stop_all()
        site.stop()
    assert "not finished by this worker are back in the queue" in cluster.log("w1")
    cluster.run("merge", "shards", "--db", "archive.db", "--warc-dir", "warc")
    db = sqlite3.connect(out / "archive.db")
    assert db.execute("select count(*), count(distinct native_id) from posts").fetchone() == (3 * POSTS, 3 * POSTS)
    db.close()


def test_a_worker_back_under_its_id_takes_back_what_it_had_in_flight(redis_url, tmp_path):
    """One worker, killed, restarted under the same ARCHIVE_WORKER_ID: refused while its old
    heartbeat lives (it could be a live twin), then back, with its requests in flight requeued at
    once, and the board finished with nothing lost."""
    site = ThreadSite(3, PAGES, POSTS).start()
    # A heartbeat that outlives the twin's start-up (a few seconds; over 10 on a machine at load 10,
    # when a 10 s heartbeat had expired before the twin asked) even on a slow machine.
    heartbeat = 20
    cluster = Cluster(redis_url, tmp_path / "run", delay=DELAY,
                      settings={"ARCHIVE_CLUSTER_WORKER_TIMEOUT": str(heartbeat)})
    try:
        cluster.run("cluster", "--redis", redis_url, "reset")
        cluster.seed(site.thread_urls())
        cluster.start("solo")
        deadline = time.monotonic() + 60
        while sum("/topic/" in path for _, path, _ in site.log.hits) < 5:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        killed_at = cluster.kill("solo")
        twin = cluster.start("solo")
        assert twin.wait(timeout=60) == 3  # stopped: worker_id_in_use
        assert "another worker with the id solo is running" in cluster.log("solo")
        time.sleep(max(0.0, killed_at + heartbeat + 0.5 - time.time()))  # the old heartbeat has expired
        cluster.start("solo")
        assert cluster.wait()["solo"] == 0, cluster.log("solo")[-3000:]
    finally:
        cluster.stop_all()
        site.stop()
    assert "had in flight when it last stopped are back in the queue" in cluster.log("solo")
    paths = {f"/topic/{t}-bench-thread/" + (f"page/{p}/" if p > 1 else "") for t in range(1, 4)
             for p in range(1, PAGES + 1)}
    assert {path for _, path, _ in site.log.hits if "/topic/" in path} == paths



def test_a_failed_page_of_a_thread_no_seed_names_again_is_read_by_the_next_round(redis_url, tmp_path):
    """Round 1: page 2 of thread 1 answers 503 (no retries), so its page 3 is never reached either.
    Round 2 is seeded with thread 2 only (the listing of newest threads a user seeds from no longer
    names thread 1): no worker asked for thread 1 again, and its error stayed open for ever. Now a
    worker taking a seed asks again, once a site, for what earlier rounds failed to fetch there, as
    the merged archive tells (crawler/cluster/worker.py, retry_failed)."""
    site = ThreadSite(2, 3, POSTS).start()
    cluster = Cluster(redis_url, tmp_path / "run", delay=DELAY, settings={"RETRY_TIMES": "0"})
    failed = "/topic/1-bench-thread/page/2/"
    try:
        cluster.run("cluster", "--redis", redis_url, "reset")
        site.fail_once.add(failed)
        cluster.seed(site.thread_urls())
        cluster.start("w1")
        assert cluster.wait()["w1"] == 1, cluster.log("w1")[-3000:]  # a page lost: exit 1
        cluster.run("merge", "shards", "--db", "archive.db", "--warc-dir", "warc")
        assert cluster.run("check", "archive.db", check=False).returncode == 1
        first_round = site.reset_log()
        assert failed in {path for _, path, _ in first_round.hits}

        cluster.workers.clear()
        cluster.seed(site.thread_urls()[1:])
        cluster.start("w1")
        assert cluster.wait()["w1"] == 0, cluster.log("w1")[-3000:]
    finally:
        cluster.stop_all()
        site.stop()
    asked = sorted(path for _, path, _ in site.log.hits if path.startswith("/topic/1-"))
    assert asked == [failed, "/topic/1-bench-thread/page/3/"]  # old: [] (thread 1 not seeded)
    cluster.run("merge", "shards", "--db", "archive.db", "--warc-dir", "warc")
    report = cluster.run("check", "archive.db", check=False)
    assert report.returncode == 0, report.stdout

def test_losing_redis_stops_a_worker_loudly(tmp_path):
    """Redis gone mid-crawl: the worker stops at once with exit status 3 (finish reason
    cluster_unreachable), never a hang and never a clean exit."""
    import redis

    site = ThreadSite(6, PAGES, POSTS).start()
    try:
        with running_redis(tmp_path / "redis") as url:
            cluster = Cluster(url, tmp_path / "run", delay=DELAY)
            cluster.seed(site.thread_urls())
            cluster.start("w1")
            deadline = time.monotonic() + 60
            while len(site.log.hits) < 6:
                assert time.monotonic() < deadline
                time.sleep(0.05)
            redis.Redis.from_url(url).shutdown(nosave=True)
            try:
                assert cluster.wait(timeout=60) == {"w1": 3}
            finally:
                cluster.stop_all()
    finally:
        site.stop()
    assert "'finish_reason': 'cluster_unreachable'" in cluster.log("w1")
