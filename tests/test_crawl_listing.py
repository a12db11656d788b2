"""A board or sub-forum URL: its listing finds the threads, and a re-crawl skips the threads whose
reply count and last post time have not changed."""

from __future__ import annotations

import sqlite_utils
from conftest import run_crawl, warc_uris

LISTING = "/forum/12-political-news/"


def requested(out, skip: set[str]) -> list[str]:
    return warc_uris(out / "warc", "request", skip=skip)


def test_listing_crawl_then_unchanged_threads_are_skipped(sample_server, tmp_path):
    run_crawl([sample_server.url(LISTING)], tmp_path, lost=True)  # three listed threads answer 404
    first = requested(tmp_path, set())
    topic = sample_server.url("/topic/4242-iraqi-officials-prime-minister-survives-assassination-attempt/")
    assert {topic, topic + "page/2/", topic + "page/3/"} <= set(first)
    # The listing's other threads are not served by the sample site: asked for, recorded as errors.
    assert sum("/topic/42" in u and "4242" not in u for u in first) == 3
    db = sqlite_utils.Database(tmp_path / "archive.db")
    assert db["posts"].count == 13
    assert db.execute("select count(*) from crawl_errors where status = 404").fetchone()[0] == 3

    before = {p.name for p in (tmp_path / "warc").glob("*.warc.gz")}
    run_crawl([sample_server.url(LISTING)], tmp_path, lost=True)
    again = [u for u in requested(tmp_path, before) if "robots.txt" not in u]
    # 4242 lists 12 replies and its last post at 2021-12-29T17:26:40Z, as archived: not asked for again.
    assert sample_server.url(LISTING) in again and not any("/topic/4242" in u for u in again)


def test_max_threads_limits_the_threads_taken_from_a_listing(sample_server, tmp_path):
    run_crawl([sample_server.url(LISTING)], tmp_path, "-a", "max_threads=1")
    topics = {u.split("/topic/")[1].split("-")[0] for u in requested(tmp_path, set()) if "/topic/" in u}
    assert topics == {"4242"}


def test_max_age_days_skips_threads_whose_last_post_is_older(sample_server, tmp_path):
    run_crawl([sample_server.url(LISTING)], tmp_path, "-a", "max_age_days=30")  # the sample's posts are from 2021
    assert not any("/topic/" in u for u in requested(tmp_path, set()))
