"""README "Many workers: one crawl on Redis": the block run as written, by bash, in a folder of its
own, with ``forum-archiver`` from this venv on PATH. Two things are the test's own: the Redis
port (6379 in the text becomes a free port, so a Redis already on this machine is never touched)
and ``threads.txt``, which lists a loopback board's threads (``bench/thread_site.py``). The server
counts what was fetched; posts are checked against what the board serves (2 threads of 2 pages of
4 posts, post ids counted up from 10000001).
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import redis

from conftest import ROOT
from tests.cluster_run import ThreadSite

BIN = Path(sys.executable).parent


def recipe() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Many workers: one crawl on Redis", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_cluster_recipe_as_written(tmp_path):
    block = recipe()
    assert block.count("6379") == 2 and block.count("forum-archiver crawl forum") == 2
    port = free_port()
    (tmp_path / "data").mkdir()
    site = ThreadSite(2, 2, posts=4).start()
    (tmp_path / "threads.txt").write_text("\n".join(site.thread_urls()) + "\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("ARCHIVE_CLUSTER", None)
    try:
        done = subprocess.run(["bash", "-e", "-c", block.replace("6379", str(port))], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)
    finally:
        site.stop()
        try:
            redis.Redis(port=port).shutdown(nosave=True)
        except redis.ConnectionError:
            pass  # already gone (it is stopped here in any case)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "2 seed(s) queued" in done.stdout and "queued requests:" in done.stdout, done.stdout
    assert "merged 2 shard(s)" in done.stdout and "errors:           0" in done.stdout, done.stdout
    fetched = Counter(path for _, path, _ in site.log.hits)
    assert {p for p in fetched if "/topic/" in p} == {f"/topic/{t}-bench-thread/" + (f"page/{p}/" if p > 1 else "")
                                                       for t in (1, 2) for p in (1, 2)}
    assert max(fetched.values()) == 1  # nothing twice, robots.txt included
    assert {agent for _, _, agent in site.log.hits} <= {"forum-archiver/0.1 (+https://github.com/forum-archiver/forum-archiver)"}
    assert sorted(p.name for p in (tmp_path / "data" / "shards").iterdir() if p.suffix == ".db") == ["w1.db", "w2.db"]
    warcs = sorted(p.name for p in (tmp_path / "data" / "warc").glob("*.warc.gz"))
    assert warcs and all(name.startswith(("forum-w1-", "forum-w2-")) for name in warcs)
    db = sqlite3.connect(tmp_path / "data" / "archive.db")
    ids = sorted(int(n) for (n,) in db.execute("select native_id from posts"))
    assert ids == list(range(10_000_001, 10_000_001 + 2 * 2 * 4))
    assert db.execute("select count(*) from threads").fetchone() == (2,)
