"""crawler.spiders.news: feed and sitemap reading, arguments, and real ``scrapy crawl news`` runs.

The crawls fetch the fixture site in ``tests/data/news_spider`` from a loopback server and check
with warcio what was fetched and archived. They do not depend on article parsing (the news
parser is written elsewhere): only on which exchanges were made, and the items' shape.
"""

from __future__ import annotations

import gzip
import json
import logging
import subprocess
import threading
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import scrapy
from conftest import DATA, ROOT
from scrapy.exceptions import UsageError
from scrapy.http import HtmlResponse, Response, XmlResponse
from warcio.archiveiterator import ArchiveIterator

from crawler.demo import crawl_command, scrapy_env
from crawler.demo_site.server import SampleForumHandler, make_server
from crawler.items import ArticleItem
from crawler.spiders.listings import (
    Entry,
    ListingError,
    listing_body,
    listing_entries,
    newest_first,
    parse_date,
    since_filter,
)
from crawler.spiders.news import NewsSpider
from crawler.spiders.start_urls import start_urls

SITE = DATA / "news_spider"
BASE = "https://gazette.example"
A = "/news/2024/03/01/budget-vote/"
B = "/news/2024/03/05/river-flood/"
C = "/news/2024/03/07/election-date/"
D = "/news/2023/11/20/old-bridge/"
NOT_LISTED = "/news/2024/03/08/not-listed/"  # linked from article C only: never fetched
UTC = timezone.utc


def fixture_xml(path: str, base: str = BASE) -> bytes:
    raw = (SITE / path).read_bytes()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    return raw.replace(b"{{BASE_URL}}", base.encode())


def entries(path: str) -> tuple[str, list[Entry]]:
    return listing_entries(fixture_xml(path), f"{BASE}/{path}")


# --- reading feeds and sitemaps ---------------------------------------------------------------

def test_rss_items_are_articles_with_their_dates():
    kind, found = entries("feeds/rss.xml")
    assert kind == "rss"
    assert found == [
        Entry(BASE + A, datetime(2024, 3, 1, 9, tzinfo=UTC)),
        Entry(BASE + B, datetime(2024, 3, 5, 13, 30, tzinfo=UTC)),     # pubDate with +0100
        Entry(BASE + D, datetime(2023, 11, 20, 8, tzinfo=UTC)),        # permalink <guid>, <dc:date>
    ]


def test_rss_guid_that_is_not_a_permalink_is_no_link_and_rss_1_0_is_read():
    feed = b"""<rss version="2.0"><channel>
      <item><title>no link</title><guid isPermaLink="false">id-7</guid></item>
      <item><link> /relative/story </link><pubDate>not a date</pubDate></item>
      <item><link>mailto:desk@gazette.example</link></item>
    </channel></rss>"""
    assert listing_entries(feed, BASE + "/feeds/x.xml") == ("rss", [Entry(BASE + "/relative/story")])
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><link>https://gazette.example/</link></channel>
      <item><link>https://gazette.example/a</link><dc:date>2024-01-02</dc:date></item></rdf:RDF>"""
    assert listing_entries(rdf, BASE + "/rdf") == ("RDF", [Entry(BASE + "/a", datetime(2024, 1, 2, tzinfo=UTC))])


def test_atom_entries_resolve_against_xml_base_and_skip_other_link_relations():
    kind, found = entries("feeds/atom.xml")
    assert kind == "feed"
    assert found == [
        Entry(BASE + C, datetime(2024, 3, 7, 6, tzinfo=UTC)),       # relative href, xml:base; <updated> only
        Entry(BASE + B, datetime(2024, 3, 5, 13, 30, tzinfo=UTC)),  # <published> wins over <updated>
    ]


def test_urlset_entries_are_articles_dated_by_lastmod_or_news_publication_date():
    kind, found = entries("sitemaps/articles.xml")
    assert kind == "urlset"
    assert found == [Entry(BASE + A, datetime(2024, 3, 1, tzinfo=UTC)),
                     Entry(BASE + C, datetime(2024, 3, 7, 6, tzinfo=UTC))]


def test_sitemapindex_entries_are_sitemaps_to_fetch():
    kind, found = entries("sitemaps/index.xml")
    assert kind == "sitemapindex"
    assert [(e.url, e.sitemap) for e in found] == [(BASE + "/sitemaps/articles.xml", True),
                                                   (BASE + "/sitemaps/archive.xml.gz", True)]
    assert found[1].date == datetime(2024, 3, 5, 14, tzinfo=UTC)


def test_gzip_sitemap_file_is_gunzipped_and_plain_xml_passes_through():
    gz = gzip.compress(fixture_xml("sitemaps/archive.xml.gz"))
    body = listing_body(Response(BASE + "/sitemaps/archive.xml.gz", body=gz))
    assert listing_entries(body, BASE + "/sitemaps/archive.xml.gz") == ("urlset", [
        Entry(BASE + D, datetime(2023, 11, 20, tzinfo=UTC)), Entry(BASE + B, datetime(2024, 3, 5, 14, tzinfo=UTC))])
    plain = fixture_xml("sitemaps/articles.xml")  # what is left once Scrapy undid Content-Encoding: gzip
    assert listing_body(XmlResponse(BASE + "/sitemaps/articles.xml.gz", body=plain)) == plain
    with pytest.raises(ListingError, match="cannot gunzip"):
        listing_body(Response(BASE + "/s.xml.gz", body=b"\x1f\x8b\x08" + b"\x00" * 20))


@pytest.mark.parametrize("body, message", [
    (b"", "empty body"),
    (b"just some text", "not XML"),
    (b"\x00\x01\x02", "not XML"),
    (b"<html><body><p>Soft 404</p></body></html>", r"neither a feed nor a sitemap \(root element <html>\)"),
])
def test_unreadable_listings_are_listing_errors(body, message):
    with pytest.raises(ListingError, match=message):
        listing_entries(body, BASE + "/feed.xml")


def test_broken_xml_keeps_what_can_be_recovered():
    truncated = fixture_xml("feeds/rss.xml")[:-60]  # cut inside the last item
    kind, found = listing_entries(truncated, BASE + "/feeds/rss.xml")
    assert kind == "rss" and [e.url for e in found][:2] == [BASE + A, BASE + B]


def test_entities_are_not_expanded():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/passwd">]>
      <rss><channel><item><link>https://gazette.example/&e;</link></item></channel></rss>"""
    _, found = listing_entries(bomb, BASE + "/feed.xml")
    assert all("root:" not in e.url for e in found)


@pytest.mark.parametrize("text, expected", [
    ("2024-03-01", datetime(2024, 3, 1, tzinfo=UTC)),
    ("2024-03", datetime(2024, 3, 1, tzinfo=UTC)),
    ("2024", datetime(2024, 1, 1, tzinfo=UTC)),
    ("2024-03-01T10:00:00Z", datetime(2024, 3, 1, 10, tzinfo=UTC)),
    ("2024-03-01T12:00:00+02:00", datetime(2024, 3, 1, 10, tzinfo=UTC)),
    ("Fri, 01 Mar 2024 10:00:00 GMT", datetime(2024, 3, 1, 10, tzinfo=UTC)),
    ("Fri, 01 Mar 2024 05:00:00 -0500", datetime(2024, 3, 1, 10, tzinfo=UTC)),
    ("2024-13-01", None),
    ("next Tuesday", None),
    ("", None),
])
def test_feed_and_sitemap_dates(text, expected):
    assert parse_date(text) == expected


def test_limit_takes_the_newest_dated_entries_first_then_undated_ones():
    pool = [Entry("https://g.example/old", datetime(2023, 1, 1, tzinfo=UTC)), Entry("https://g.example/undated"),
            Entry("https://g.example/new", datetime(2024, 5, 1, tzinfo=UTC)),
            Entry("https://g.example/mid", datetime(2024, 2, 1, tzinfo=UTC))]
    assert [e.url.rsplit("/", 1)[1] for e in newest_first(pool, 2)] == ["new", "mid"]
    assert [e.url.rsplit("/", 1)[1] for e in newest_first(pool, 10)] == ["new", "mid", "old", "undated"]
    since = since_filter(pool, datetime(2024, 2, 1, tzinfo=UTC))
    assert [e.url.rsplit("/", 1)[1] for e in since] == ["undated", "new", "mid"]


# --- the spider's callbacks, on real Scrapy responses -----------------------------------------

def xml_response(path: str, body: bytes | None = None) -> XmlResponse:
    url = f"{BASE}/{path}"
    kind = "feed" if path.startswith("feeds/") else "sitemap"
    return XmlResponse(url, body=fixture_xml(path) if body is None else body,
                       request=scrapy.Request(url, meta={"news_listing": kind}))


def requested(results) -> list[tuple[str, str]]:
    return [(r.url.removeprefix(BASE), r.callback.__name__) for r in results]


def test_listing_queues_articles_once_across_feeds_and_direct_urls():
    spider = NewsSpider(url=BASE + A, feed=f"{BASE}/feeds/rss.xml,{BASE}/feeds/atom.xml")
    assert requested(spider.parse_listing(xml_response("feeds/rss.xml"))) == [
        (B, "parse_article"), (D, "parse_article")]  # A is a direct URL
    assert requested(spider.parse_listing(xml_response("feeds/atom.xml"))) == [(C, "parse_article")]


def test_sitemap_index_fetches_each_sitemap_once():
    spider = NewsSpider(sitemap=f"{BASE}/sitemaps/index.xml,{BASE}/sitemaps/articles.xml")
    assert requested(spider.parse_listing(xml_response("sitemaps/index.xml"))) == [
        ("/sitemaps/archive.xml.gz", "parse_listing")]  # articles.xml is a start point already


def test_since_skips_old_sitemap_entries_and_old_sitemaps_in_an_index():
    spider = NewsSpider(sitemap=BASE + "/sitemaps/index.xml", since="2024-03-06")
    assert requested(spider.parse_listing(xml_response("sitemaps/index.xml"))) == [
        ("/sitemaps/articles.xml", "parse_listing")]  # archive.xml.gz: lastmod 2024-03-05
    assert requested(spider.parse_listing(xml_response("sitemaps/articles.xml"))) == [(C, "parse_article")]


def test_with_a_limit_entries_wait_for_the_crawl_to_go_idle():
    spider = NewsSpider(feed=BASE + "/feeds/rss.xml", limit="2")
    assert list(spider.parse_listing(xml_response("feeds/rss.xml"))) == []
    assert sorted(spider._pool) == sorted([BASE + A, BASE + B, BASE + D])


@pytest.mark.parametrize("body", [b"", b"\x00", b"<<<>>>", b'{"json": true}', b"<html><body>Soft 404</body></html>",
                                  b"\x1f\x8b\x08\x00 not really gzip"])
def test_bad_listing_is_a_logged_error_not_a_crash(body, caplog):
    spider = NewsSpider(feed=BASE + "/feeds/rss.xml")
    with caplog.at_level(logging.ERROR):
        results = list(spider.parse_listing(xml_response("feeds/rss.xml", body=body)))
    assert results == []
    assert any(r.levelno == logging.ERROR and "cannot read feed" in r.getMessage() for r in caplog.records)


def test_article_item_without_the_archive_extension(caplog):
    spider = NewsSpider(url=BASE + A)
    page = HtmlResponse(BASE + A, body=(SITE / A.strip("/") / "index.html").read_bytes(),
                        headers={"Content-Type": "text/html; charset=utf-8"}, request=scrapy.Request(BASE + A))
    [item] = list(spider.parse_article(page))
    assert isinstance(item, ArticleItem) and item.main
    assert item.page_url == BASE + A and item.capture_id is None and item.title and item.text
    pdf = Response(BASE + "/a.pdf", body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"},
                   request=scrapy.Request(BASE + "/a.pdf"))
    with caplog.at_level(logging.INFO):
        assert list(spider.parse_article(pdf)) == []  # no article: logged and counted (news/pages/not_parsed)
    assert any("no article at " + BASE + "/a.pdf: not_parsed: not an HTML page (application/pdf)" in r.getMessage()
               for r in caplog.records)


# --- arguments ----------------------------------------------------------------------------------

def test_start_points_combine(tmp_path):
    listing = tmp_path / "articles.txt"
    listing.write_text(f"# picked by hand\n{BASE}{A}\n\n{BASE}{B}  # again below\n{BASE}{B}\n")
    spider = NewsSpider(url=BASE + C, urls_file=str(listing), feed=f"{BASE}/f.xml, {BASE}/f.xml",
                        sitemap=BASE + "/s.xml", limit="5", since="2024-01-31")
    assert spider.start_urls == [BASE + C, BASE + A, BASE + B]
    assert spider.feed_urls == [BASE + "/f.xml"] and spider.sitemap_urls == [BASE + "/s.xml"]
    assert spider.limit == 5 and spider.since == datetime(2024, 1, 31, tzinfo=UTC)
    assert spider.engine == "news"
    assert NewsSpider(feed=BASE + "/f.xml").start_urls == []
    assert start_urls(None, None, None) == []


@pytest.mark.parametrize("kwargs, message", [
    ({}, "give the article"),
    ({"urls": " , "}, "give the article"),
    ({"url": "ftp://gazette.example/a"}, r"not http\(s\) URLs: ftp://"),
    ({"feed": "gazette.example/rss"}, r"feed: not http\(s\) URLs"),
    ({"sitemap": "file:///tmp/sitemap.xml"}, r"sitemap: not http\(s\) URLs"),
    ({"urls_file": "/nonexistent/articles.txt"}, "does not exist"),
    ({"feed": BASE + "/f.xml", "limit": "0"}, "limit must be a whole number"),
    ({"feed": BASE + "/f.xml", "limit": "ten"}, "limit must be a whole number"),
    ({"feed": BASE + "/f.xml", "limit": "-3"}, "limit must be a whole number"),
    ({"feed": BASE + "/f.xml", "since": "2024-3-1"}, "since must be a date as YYYY-MM-DD"),
    ({"feed": BASE + "/f.xml", "since": "2024-02-30"}, "since must be a date as YYYY-MM-DD"),
    ({"feed": BASE + "/f.xml", "since": "yesterday"}, "since must be a date as YYYY-MM-DD"),
    ({"url": BASE + A, "limit": "3"}, "limit and since choose among feed and sitemap entries"),
    ({"url": BASE + A, "since": "2024-01-01"}, "limit and since choose among feed and sitemap entries"),
])
def test_bad_arguments_are_usage_errors(kwargs, message):
    with pytest.raises(UsageError, match=message):
        NewsSpider(**kwargs)


def test_no_start_point_is_a_usage_error_from_scrapy_crawl(tmp_path):
    done = subprocess.run(news_command(tmp_path), env=scrapy_env(), cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode != 0
    assert "give the article(s), feed(s) or sitemap(s) to crawl" in done.stderr


# --- real crawls ----------------------------------------------------------------------------------

class NewsSiteHandler(SampleForumHandler):
    """The sample server on the fixture site, plus ``*.xml.gz`` sent as a gzip file (no Content-Encoding)."""

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.endswith(".xml.gz"):
            source = self._xml_file(path)
            if source is not None:
                xml = gzip.decompress(source.read_bytes()).replace(b"{{BASE_URL}}", self._base_url().encode())
                body = gzip.compress(xml, mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", "application/x-gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()


@pytest.fixture(scope="module")
def news_site():
    server = make_server(0, SITE)
    server.RequestHandlerClass = NewsSiteHandler
    thread = threading.Thread(target=server.serve_forever, name="news-site", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def news_command(out: Path, *args: str) -> list[str]:
    """The demo's crawl command line (same settings), for the ``news`` spider and ``args``."""
    command = crawl_command("-", out / "warc", out / "archive.db")
    at = command.index("url=-")
    del command[at - 1:at + 1]
    command[command.index("forum")] = "news"
    return [*command, *args]


def news_crawl(out: Path, *args: str) -> dict:
    """Run ``scrapy crawl news`` with ``args``; what the WARC holds and the items it yielded."""
    items = out / "items.jsonl"
    done = subprocess.run([*news_command(out, *args), "-O", str(items)], env=scrapy_env(), cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "cannot read" not in done.stderr and "cannot fetch" not in done.stderr, done.stderr[-3000:]
    responses = []
    for path in sorted((out / "warc").glob("news-*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, check_digests=True):
                if record.rec_type == "response":
                    responses.append((record.rec_headers.get_header("WARC-Target-URI"),
                                      record.rec_headers.get_header("WARC-Record-ID"),
                                      record.http_headers.get_statuscode(), record.content_stream().read()))
    return {"responses": responses, "items": [json.loads(line) for line in items.read_text().splitlines()],
            "stderr": done.stderr}


def paths(crawl: dict, base: str) -> list[str]:
    """The response URLs as paths, sorted, duplicates kept."""
    return sorted(url.removeprefix(base) for url, *_ in crawl["responses"])


def check_items(crawl: dict, base: str, articles: set[str]) -> None:
    """Article items: one main article per article response, each naming that response's WARC record."""
    records = {url.removeprefix(base): record_id for url, record_id, *_ in crawl["responses"]}
    main = {item["page_url"].removeprefix(base): item for item in crawl["items"] if item["main"]}
    assert len(main) == sum(item["main"] for item in crawl["items"]) and set(main) == articles
    for item in crawl["items"]:
        assert item["capture_id"] == records[item["page_url"].removeprefix(base)]
        assert item["title"] and item["text"]


def test_crawl_of_two_feeds_fetches_every_entry_once(news_site, tmp_path):
    crawl = news_crawl(tmp_path, "-a", f"feed={news_site}/feeds/rss.xml,{news_site}/feeds/atom.xml")
    assert paths(crawl, news_site) == sorted(["/robots.txt", "/feeds/rss.xml", "/feeds/atom.xml", A, B, C, D])
    assert all(status == "200" for _, _, status, _ in crawl["responses"])
    check_items(crawl, news_site, {A, B, C, D})
    feed = next(body for url, _, _, body in crawl["responses"] if url.endswith("/feeds/rss.xml"))
    assert f"<link>{news_site}{A}</link>".encode() in feed  # archived as served (placeholder replaced)


def test_crawl_of_sitemap_index_with_a_gzip_sitemap(news_site, tmp_path):
    crawl = news_crawl(tmp_path, "-a", f"sitemap={news_site}/sitemaps/index.xml")
    assert paths(crawl, news_site) == sorted(["/robots.txt", "/sitemaps/index.xml", "/sitemaps/articles.xml",
                                              "/sitemaps/archive.xml.gz", A, B, C, D])
    gz = next(body for url, _, _, body in crawl["responses"] if url.endswith(".xml.gz"))
    assert gz[:2] == b"\x1f\x8b" and D.encode() in gzip.decompress(gz)  # the gzip file itself is archived
    check_items(crawl, news_site, {A, B, C, D})


def test_crawl_combines_urls_file_url_feed_and_sitemap_without_duplicates(news_site, tmp_path):
    listing = tmp_path / "articles.txt"
    listing.write_text(f"# by hand\n{news_site}{A}\n{news_site}{B}   # also in the feeds\n")
    crawl = news_crawl(tmp_path, "-a", f"urls_file={listing}", "-a", f"url={news_site}{C}",
                       "-a", f"feed={news_site}/feeds/rss.xml,{news_site}/feeds/atom.xml",
                       "-a", f"sitemap={news_site}/sitemaps/index.xml,{news_site}/sitemaps/articles.xml")
    assert paths(crawl, news_site) == sorted([
        "/robots.txt", "/feeds/rss.xml", "/feeds/atom.xml", "/sitemaps/index.xml", "/sitemaps/articles.xml",
        "/sitemaps/archive.xml.gz", A, B, C, D])
    check_items(crawl, news_site, {A, B, C, D})


def test_crawl_with_limit_fetches_the_newest_entries_only(news_site, tmp_path):
    crawl = news_crawl(tmp_path, "-a", f"feed={news_site}/feeds/rss.xml,{news_site}/feeds/atom.xml",
                       "-a", f"sitemap={news_site}/sitemaps/index.xml", "-a", "limit=2")
    articles = [p for p in paths(crawl, news_site) if p.startswith("/news/")]
    assert articles == sorted([B, C])  # 2024-03-05 and 2024-03-07; never NOT_LISTED, linked from C
    check_items(crawl, news_site, {B, C})


def test_crawl_with_since_skips_older_entries(news_site, tmp_path):
    crawl = news_crawl(tmp_path, "-a", f"feed={news_site}/feeds/rss.xml,{news_site}/feeds/atom.xml",
                       "-a", "since=2024-03-02", "-a", f"url={news_site}{D}")
    assert paths(crawl, news_site) == sorted(["/robots.txt", "/feeds/rss.xml", "/feeds/atom.xml", B, C, D])
    assert NOT_LISTED not in " ".join(u for u, *_ in crawl["responses"])
