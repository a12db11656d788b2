"""parsers/requisites.py: a page's requisites, read from the parse's own tree or from a tree of their own.

The crawler asks ``parse_page(..., requisites=True)`` so that the page's stylesheets and pictures
come from the tree the parse builds anyway; whatever reads them, the list must be the one the
page names. The expected addresses below were read off the pages by hand: the first page of the
sample thread (crawler/demo_site/pages/topic/4242-.../index.html) has one picture in a post
(``img.ipsImage``), a stylesheet, the logo, a sponsor banner, four reaction icons, and avatars
that are ``data:`` URIs (not fetchable).
"""

from __future__ import annotations

from datetime import datetime, timezone

from test_crawl_requisites import TOPIC_PAGE

from parsers.registry import parse_page
from parsers.requisites import ICON, PAGE_IMAGE, POST_IMAGE, STYLESHEET as STYLESHEET_KIND, page_requisites

CAPTURED = datetime(2021, 11, 8, 12, 0, tzinfo=timezone.utc)
HOST = "http://127.0.0.1:8000"
TOPIC_URL = HOST + "/topic/4242-iraqi-officials/"
POST_PICTURE = "/uploads/monthly_2021_11/38eb8f35-3965-43f2-bd6c-31f55562dbd1-860x475.jpg"
OTHER_PICTURES = ["/uploads/monthly_2019_05/logo.png.8c1f6e2b.png", "/uploads/reactions/react_thanks.png",
                  "/uploads/reactions/react_upvote.png", "/uploads/sponsors/crypto-rewards.png",
                  "/uploads/reactions/react_haha.png", "/uploads/reactions/react_pow.png"]
STYLESHEET = "/uploads/css_built_1/framework.css"

# Written for this test: a <base>, a stylesheet, two icons, a data: picture (not fetchable), a
# lazy-loaded one with a placeholder, and a picture whose file name is Arabic on a windows-1256
# page that names its charset only in the Content-Type header.
ARABIC_PAGE = ('<html><head><title>t</title><base href="/sub/"><link rel="stylesheet" href="s.css">'
               '<link rel="shortcut icon" href="/f.ico"><link rel="apple-touch-icon" href="/touch.png"></head>'
               '<body><img src="data:image/png;base64,AA"><img src="p.gif" data-src="\u0635\u0648\u0631\u0629.jpg">'
               '</body></html>').encode("cp1256")
ARABIC_TYPE = "text/html; charset=windows-1256"


def sample_page() -> bytes:
    """The sample thread as its server sends it (crawler/demo_site/server.py fills in the host)."""
    return TOPIC_PAGE.read_text(encoding="utf-8").replace("{{BASE_URL}}", HOST).encode("utf-8")


def test_the_parse_reads_the_sample_threads_requisites_post_pictures_first():
    body = sample_page()
    result = parse_page(body, TOPIC_URL, CAPTURED, "text/html; charset=utf-8", requisites=True)
    assert result.kind == "thread_page" and result.requisites is not None
    found = page_requisites(body, TOPIC_URL, result, "text/html; charset=utf-8")
    assert [(r.url.removeprefix(HOST), r.kind) for r in found] == [
        (POST_PICTURE, POST_IMAGE), (STYLESHEET, STYLESHEET_KIND), *((path, PAGE_IMAGE) for path in OTHER_PICTURES)]


def test_a_parse_that_read_them_and_one_that_did_not_give_the_same_list():
    body = sample_page()
    read = parse_page(body, TOPIC_URL, CAPTURED, "text/html", requisites=True)
    not_read = parse_page(body, TOPIC_URL, CAPTURED, "text/html")
    assert not_read.requisites is None
    assert page_requisites(body, TOPIC_URL, read, "text/html") == page_requisites(body, TOPIC_URL, not_read, "text/html")


def test_addresses_resolve_against_base_and_decode_with_the_headers_charset():
    result = parse_page(ARABIC_PAGE, "https://f.example/t/1", CAPTURED, ARABIC_TYPE, requisites=True)
    found = [(r.url, r.kind) for r in page_requisites(ARABIC_PAGE, "https://f.example/t/1", result, ARABIC_TYPE)]
    assert found == [
        ("https://f.example/sub/s.css", STYLESHEET_KIND),
        ("https://f.example/f.ico", ICON),
        ("https://f.example/touch.png", ICON),
        ("https://f.example/sub/p.gif", PAGE_IMAGE),
        # "صورة" in UTF-8, percent-encoded, as a browser asks for it.
        ("https://f.example/sub/%D8%B5%D9%88%D8%B1%D8%A9.jpg", PAGE_IMAGE),
    ]


def test_an_empty_body_gives_only_the_posts_own_pictures():
    """The spider passes no bytes for a non-200 page: its page part is not fetched, even when the
    parse read one."""
    body = sample_page()
    result = parse_page(body, TOPIC_URL, CAPTURED, "text/html", requisites=True)
    found = page_requisites(b"", TOPIC_URL, result, "text/html")
    assert [(r.url.removeprefix(HOST), r.kind) for r in found] == [(POST_PICTURE, POST_IMAGE)]


def test_a_json_answer_is_not_searched_for_markup():
    body = b'{"post_stream": {"posts": [{"cooked": "<img src=\\"/uploads/x.png\\">"}]}}'
    result = parse_page(body, "https://f.example/t/1.json", CAPTURED, "application/json", requisites=True)
    assert page_requisites(body, "https://f.example/t/1.json", result, "application/json") == []
