"""Re-crawls read on from the last known page: the requests grow with new posts, not with the
length of the thread."""

from __future__ import annotations

import sqlite_utils
from conftest import run_crawl, serve_pages, warc_uris
from test_archive_history import TOPIC, write_thread
from warcio.archiveiterator import ArchiveIterator


def page_requests(out, after: set[str]) -> list[str]:
    return [uri for uri in warc_uris(out / "warc", "request", skip=after) if "/topic/" in uri]


def record_types(out, after: set[str]) -> set[str]:
    types = set()
    for path in sorted((out / "warc").glob("*.warc.gz")):
        if path.name not in after:
            with open(path, "rb") as fh:
                types |= {r.rec_type for r in ArchiveIterator(fh)}
    return types


def test_a_recrawl_reads_on_from_the_last_known_page(tmp_path):
    site, out = tmp_path / "site", tmp_path / "out"
    posts = [(1000 + n, f"post {n}") for n in range(1, 151)]  # 50 pages of 3
    write_thread(site, posts)
    server = serve_pages(site)
    try:
        url = server.url(f"/{TOPIC}/")
        run_crawl([url], out)
        before = {p.name for p in (out / "warc").glob("*.warc.gz")}
        assert len(page_requests(out, set())) == 50
        # Unchanged: one page request, the last page, and the WARC grows by revisit records only.
        run_crawl([url], out)
        assert page_requests(out, before) == [server.url(f"/{TOPIC}/page/50/")]
        assert record_types(out, before) <= {"warcinfo", "request", "revisit"}
        # Two new posts make page 51: the last known page, then the new one.
        write_thread(site, posts + [(1151, "post 151"), (1152, "post 152")])
        before = {p.name for p in (out / "warc").glob("*.warc.gz")}
        run_crawl([url], out)
        assert page_requests(out, before) == [server.url(f"/{TOPIC}/page/50/"), server.url(f"/{TOPIC}/page/51/")]
        # full=1 reads every page again.
        before = {p.name for p in (out / "warc").glob("*.warc.gz")}
        run_crawl([url], out, "-a", "full=1")
        assert len(page_requests(out, before)) == 51
    finally:
        server.stop()
    db = sqlite_utils.Database(out / "archive.db")
    assert db["posts"].count == 152
