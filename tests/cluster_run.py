"""A cluster of real ``forum-archiver crawl forum`` workers on a real Redis, for the cluster tests
and ``bench/cluster.py``.

Each worker is its own process with its own id, WARC files and shard, as on separate machines;
they share only the Redis server and one WARC folder. The loopback board is
``bench/thread_site.py``'s generated Invision Community threads, whose server logs every request
it answers with its arrival time and User-Agent (the worker id is in it): what the tests count.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ is imported from a clone, as bench/ itself does
    sys.path.insert(0, str(ROOT))

from bench.thread_site import ThreadSite  # noqa: E402

FORUM_ARCHIVER = [sys.executable, "-m", "crawler"]


def worker_agent(worker: str) -> str:
    return f"forum-archiver-test ({worker})"


@dataclass
class Cluster:
    """Workers crawling into ``out`` (warc/, shards/) from the Redis at ``redis_url``."""

    redis_url: str
    out: Path
    delay: float = 0.1
    settings: dict[str, str] = field(default_factory=dict)
    workers: dict[str, subprocess.Popen] = field(default_factory=dict)

    def run(self, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        """``forum-archiver ARGS`` in ``out``."""
        self.out.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([*FORUM_ARCHIVER, *args], cwd=self.out, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        if check:
            assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
        return done

    def seed(self, urls: list[str]) -> str:
        self.out.mkdir(parents=True, exist_ok=True)
        listing = self.out / "seeds.txt"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        return self.run("cluster", "--redis", self.redis_url, "seed", "--file", str(listing)).stdout

    def start(self, worker: str) -> subprocess.Popen:
        settings = {
            "ARCHIVE_CLUSTER": self.redis_url, "ARCHIVE_WORKER_ID": worker, "ARCHIVE_WARC_DIR": "warc",
            "ARCHIVE_SHARD_DB": "shards/{worker}.db", "ARCHIVE_DB": "archive.db", "DOWNLOAD_DELAY": str(self.delay),
            "ARCHIVE_CLUSTER_IDLE_CLOSE": "3", "ARCHIVE_CLUSTER_WORKER_TIMEOUT": "4",
            "USER_AGENT": worker_agent(worker), "LOG_FILE": f"{worker}.log", "LOG_LEVEL": "INFO", **self.settings,
        }
        command = [*FORUM_ARCHIVER, "crawl", "forum", *(part for name, value in settings.items()
                                                        for part in ("-s", f"{name}={value}"))]
        self.out.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(command, cwd=self.out, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.workers[worker] = process
        return process

    def kill(self, worker: str) -> float:
        """SIGKILL: no chance to finish anything. Returns when it happened (time.time())."""
        process = self.workers[worker]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return time.time()

    def wait(self, timeout: float = 180) -> dict[str, int]:
        """Every worker's exit status once all have ended."""
        deadline = time.monotonic() + timeout
        codes = {}
        for worker, process in self.workers.items():
            codes[worker] = process.wait(timeout=max(deadline - time.monotonic(), 1))
        return codes

    def stop_all(self) -> None:
        for process in self.workers.values():
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)

    def log(self, worker: str) -> str:
        path = self.out / f"{worker}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def fetches_by_worker(site: ThreadSite, workers: list[str]) -> dict[str, list[tuple[float, str]]]:
    """(arrival time, path) of every request the site answered, by the worker that sent it."""
    by_agent = {worker_agent(w): w for w in workers}
    found: dict[str, list[tuple[float, str]]] = {w: [] for w in workers}
    for arrived, path, agent in list(site.log.hits):
        found[by_agent[agent]].append((arrived, path))
    return found
