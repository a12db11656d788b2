"""The offline demo: serve the sample forum on 127.0.0.1, crawl it with the real spider, summarise.

The crawl runs as ``python -m scrapy crawl forum`` in its own process, exactly as a user would
run it, with the output folders pointed into ``--out``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crawler.demo_site.server import start_server

SAMPLE_TOPIC = "/topic/4242-iraqi-officials-prime-minister-survives-assassination-attempt/"


def crawl_command(url: str, warc_dir: Path, db_path: Path) -> list[str]:
    """The scrapy command line the demo runs (also used by the tests)."""
    return [
        sys.executable, "-m", "scrapy", "crawl", "forum", "-a", f"url={url}",
        "-s", f"ARCHIVE_WARC_DIR={warc_dir}", "-s", f"ARCHIVE_DB={db_path}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING",
    ]


def scrapy_env() -> dict[str, str]:
    """The environment for a scrapy process: our settings module, whatever the working folder."""
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}


def run_demo(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    warc_dir, db_path = out / "warc", out / "archive.db"
    server = start_server()
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}{SAMPLE_TOPIC}"
    print(f"sample forum at http://{host}:{port}/ ; crawling {url}")
    try:
        done = subprocess.run(crawl_command(url, warc_dir, db_path), env=scrapy_env())
    finally:
        server.shutdown()
        server.server_close()
    if done.returncode != 0:
        print(f"the crawl failed (exit status {done.returncode})", file=sys.stderr)
        return done.returncode
    print(summary(db_path, warc_dir))
    return 0


def summary(db_path: Path, warc_dir: Path) -> str:
    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    count = lambda table: db[table].count  # noqa: E731
    warcs = sorted(warc_dir.glob("*.warc.gz"))
    lines = [
        "",
        "Archived:",
        f"  threads:   {count('threads')}",
        f"  posts:     {count('posts')}",
        f"  quotes:    {count('quotes')}",
        f"  reactions: {count('reactions')} ({db.execute('select coalesce(sum(count), 0) from reactions').fetchone()[0]} in all)",
        f"  captures:  {count('captures')}",
        "Files written:",
        f"  {db_path} ({db_path.stat().st_size:,} bytes)",
        *(f"  {w} ({w.stat().st_size:,} bytes)" for w in warcs),
        "Explore:",
        f"  sqlite-utils {db_path} \"select position, author_name, published_at, substr(text, 1, 60) as text "
        f"from posts order by position\" --table",
        f"  sqlite-utils search {db_path} posts drones --table",
        f"  datasette {db_path}",
    ]
    db.close()
    return "\n".join(lines)
