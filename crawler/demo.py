"""The offline demo: serve the sample forum and news on 127.0.0.1, crawl them, summarise.

The crawls run as ``python -m scrapy crawl forum`` and ``... crawl news`` in their own processes,
exactly as a user would run them, with the output folders pointed into ``--out``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crawler.demo_site.server import start_server

SAMPLE_TOPIC = "/topic/4242-iraqi-officials-prime-minister-survives-assassination-attempt/"


SAMPLE_NEWS = {
    "feed": "/aawsat/feed/rss.xml",
    "sitemap": "/arabnews/sitemap.xml",
    # The same Asharq Al-Awsat article at its older URL, and an Arabic page in windows-1256.
    "urls": ("/aawsat/home/article/2160471/iraqi-intelligence-denies-involvement-soleimanis-assassination/",
             "/aawsat-ar/node/4567890/"),
}


def crawl_command(url: str, warc_dir: Path, db_path: Path, spider: str = "forum",
                  arguments: list[str] | None = None) -> list[str]:
    """The scrapy command line the demo runs (also used by the tests).

    :param arguments: spider arguments as ``NAME=VALUE`` strings; default ``url=<url>``
    """
    spider_arguments = [part for argument in (arguments or [f"url={url}"]) for part in ("-a", argument)]
    return [
        sys.executable, "-m", "scrapy", "crawl", spider, *spider_arguments,
        "-s", f"ARCHIVE_WARC_DIR={warc_dir}", "-s", f"ARCHIVE_DB={db_path}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING",
    ]


def news_arguments(base_url: str) -> list[str]:
    """Spider arguments for the sample news: a feed, a sitemap and two direct URLs."""
    return [f"feed={base_url}{SAMPLE_NEWS['feed']}", f"sitemap={base_url}{SAMPLE_NEWS['sitemap']}",
            "urls=" + ",".join(base_url + path for path in SAMPLE_NEWS["urls"])]


def scrapy_env() -> dict[str, str]:
    """The environment for a scrapy process: our settings module, whatever the working folder."""
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}


def run_demo(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    warc_dir, db_path = out / "warc", out / "archive.db"
    server = start_server()
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}{SAMPLE_TOPIC}"
    print(f"sample forum and news at http://{host}:{port}/ ; crawling {url} and the sample news")
    base_url = f"http://{host}:{port}"
    try:
        for command in (crawl_command(url, warc_dir, db_path),
                        crawl_command(url, warc_dir, db_path, "news", news_arguments(base_url))):
            done = subprocess.run(command, env=scrapy_env())
            if done.returncode != 0:
                print(f"the crawl failed (exit status {done.returncode}): {' '.join(command[2:5])}", file=sys.stderr)
                return done.returncode
    finally:
        server.shutdown()
        server.server_close()
    print(summary(db_path, warc_dir))
    return 0


REQUISITES_SQL = ("select count(*) from captures where status = 200 and (content_type like 'image/%' "
                  "or content_type like 'text/css%')")


def summary(db_path: Path, warc_dir: Path) -> str:
    import sqlite_utils

    from archive.database import checkpoint

    db = sqlite_utils.Database(db_path)
    checkpoint(db)  # the crawls did so already; the size printed below is the archive's own
    count = lambda table: db[table].count  # noqa: E731
    warcs = sorted(warc_dir.glob("*.warc.gz"))
    lines = [
        "",
        "Archived:",
        f"  threads:   {count('threads')}",
        f"  posts:     {count('posts')}",
        f"  quotes:    {count('quotes')}",
        f"  reactions: {count('reactions')} ({db.execute('select coalesce(sum(count), 0) from reactions').fetchone()[0]} in all)",
        f"  reposts:   {count('reposts')} posts paste news"
        f" ({db.execute('select count(*) from reposts where article_id is not null').fetchone()[0]} linked to archived articles)",
        f"  articles:  {count('articles')} ({count('article_captures')} article captures,"
        f" {db.execute('select count(*) from article_captures where main = 0').fetchone()[0]} appended by infinite scroll)",
        f"  captures:  {count('captures')}",
        f"  pictures and stylesheets: {db.execute(REQUISITES_SQL).fetchone()[0]} archived with the pages"
        f" ({db.execute('select count(capture_id) from post_media').fetchone()[0]} of the"
        f" {db.execute('select count(*) from post_media').fetchone()[0]} pictures in posts)",
        "Files written:",
        f"  {db_path} ({db_path.stat().st_size:,} bytes)",
        *(f"  {w} ({w.stat().st_size:,} bytes)" for w in warcs),
        "Explore:",
        f"  sqlite-utils {db_path} \"select position, author_name, published_at, substr(text, 1, 60) as text "
        f"from posts order by position\" --table",
        f"  sqlite-utils search {db_path} posts drones --table",
        f"  sqlite-utils {db_path} \"select site, published_at, title from articles order by published_at\" --table",
        f"  sqlite-utils search {db_path} articles الهجوم --table   # Arabic: also finds بالهجوم",
        f"  forum-archiver serve {db_path}   # Datasette with the thread reader",
        f"  forum-archiver serve {db_path} --replay   # and each post's page replayed in pywb",
        f"  forum-archiver wacz {db_path.parent / 'demo.wacz'} --db {db_path}   # a WACZ for ReplayWeb.page",
    ]
    db.close()
    return "\n".join(lines)
