"""The reader loads nothing remote and shows nothing spoofed.

One hostile archive is written through the project's own write path: a real WARC file (the
thread page, images captured once, again as a revisit, gzip-encoded, as SVG, as a 404) read back
and stored with ``archive.store.store_capture`` / ``archive.ingest.ingest_response``; the thread's
parse result carries bidi overrides in the title, forum, author names, citation, reaction and
editor, a ``javascript:`` URL in every attribute and spelling, and references to a tracker: a
second loopback HTTP server on 127.0.0.2, a host of its own, that counts what it is asked for.

Datasette serves it in process (headers, markup, the archived-image route) and as a real
``forum-archiver serve`` process opened in Debian's Chromium (no request reaches the tracker,
no CSP violation on the reader or on Datasette's own pages, the bidi controls marked in the DOM).
"""

from __future__ import annotations

import asyncio
import gzip
import html
import json
import re
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import lxml.html
import pytest
from conftest import ROOT

from archive.browse.archived_images import IMAGE_CSP
from archive.browse.bidi import isolated, plain
from archive.browse.exposure import exposure_warning, is_loopback
from archive.browse.security_headers import content_security_policy, script_hash
from archive.browse.serve import build, datasette_settings
from archive.ingest import capture_row, ingest_response
from archive.database import open_archive
from archive.store import store_capture
from archive.warc_reader import iter_responses
from archive.warc_writer import Exchange, RevisitOf, RotatingWarcWriter
from parsers.models import Author, PageResult, Post, Quote, Thread

SITE = "forum.example.com"
PAGE_URL = f"https://{SITE}/threads/invoice.9/"
THREAD_ID = f"{SITE}/9"
CAT = f"https://{SITE}/attachments/cat.png"  # captured, then captured again as a revisit
DOG = f"https://{SITE}/attachments/dog.png"  # captured gzip-encoded
DIAGRAM = f"https://{SITE}/attachments/diagram.svg"  # captured, but SVG: never served
GONE = f"https://{SITE}/attachments/gone.png"  # captured as a 404
ESCAPE = f"https://{SITE}/attachments/escape.png"  # a row whose WARC name points outside the folder
START = datetime(2024, 5, 2, 10, 0, tzinfo=timezone.utc)

TITLE = "Invoice \u202efdp.exe"  # shows as "Invoice exe.pdf" unless neutralised
FORUM = ["Home", "News \u2067evil\u2069"]
MALLORY = "Mallory\u202egnp.exe"
ARABIC = "أحمد\u200f"  # an Arabic name with a right-to-left mark, as Arabic writers use it
BOB = "Bob\u200f"  # a Latin name with a right-to-left mark: only there to reorder
CITATION = "Eve\u202b said:"
REACTION = "Like\u202e"
EDITOR = "Eve\u202d"
ARABIC_WORDS = "مرحبا بكم في المنتدى"

# Every way of writing javascript: (and its cousins) into an attribute the sanitiser must defeat.
SCRIPT_URLS = """
<a href="javascript:alert(1)">s1</a>
<a href="JaVaScRiPt:alert(2)">s2</a>
<a href="jav&#x09;ascript:alert(3)">s3</a>
<a href="jav&#x0A;ascript:alert(4)">s4</a>
<a href="&#x20;&#x01;javascript:alert(5)">s5</a>
<a href="   javascript:alert(6)">s6</a>
<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(7)">s7</a>
<a href="vbscript:msgbox(8)">s8</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==">s9</a>
<img src="javascript:alert(10)" alt="s10">
<img src="data:text/html,&lt;script&gt;alert(11)&lt;/script&gt;" alt="s11">
<form action="javascript:alert(12)"><button formaction="javascript:alert(13)">s13</button></form>
<svg><a xlink:href="javascript:alert(14)"><text>s14</text></a></svg>
<blockquote cite="javascript:alert(15)">s15</blockquote>
<iframe src="javascript:alert(16)"></iframe>
<object data="javascript:alert(17)"></object>
<a title="javascript:alert(18)" href="https://ok.example/">s18</a>
<math><a href="javascript:alert(19)">s19</a></math>
<a href="java&amp;#x09;script:alert(20)">s20</a>
<a href="https://ok.example/fine">fine link</a>
"""


def remote_loads(tracker: str) -> str:
    """Everything a post can make a browser fetch, pointed at the tracker (and the archive's images)."""
    return f"""
<p>Look <img src="{tracker}/pixel.gif?from=img" alt="pixel"></p>
<p><img src="/attachments/cat.png" alt="cat"> <img src="{DOG}" alt="dog">
<img src="{DIAGRAM}" alt="diagram"> <img src="{GONE}" alt="gone">
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt="inline"></p>
<img srcset="{tracker}/srcset.png 2x" src="{tracker}/img-with-srcset.png">
<picture><source srcset="{tracker}/picture.webp"><img src="{tracker}/picture.png"></picture>
<iframe src="{tracker}/frame.html">frame fallback</iframe>
<video src="{tracker}/video.mp4" poster="{tracker}/poster.jpg"><source src="{tracker}/source.webm">video fallback</video>
<audio src="{tracker}/audio.mp3"></audio>
<embed src="{tracker}/embed.swf"><object data="{tracker}/object.swf"></object>
<link rel="stylesheet" href="{tracker}/style.css">
<style>@import url({tracker}/import.css); p {{ background: url({tracker}/style-bg.png) }}</style>
<div style="background-image: url({tracker}/inline-bg.png)">styled</div>
<table background="{tracker}/table-bg.png"><tr><td background="{tracker}/td-bg.png">cell</td></tr></table>
<svg><image href="{tracker}/svg-image.png"/></svg>
<input type="image" src="{tracker}/input.png">
<img src="{tracker}/spoof\u202egnp.exe" alt="">
<a href="{tracker}/clicked-only.html">a link, followed only when clicked</a>
"""


# --- a tiny PNG and the tracker -------------------------------------------------------------------

def png(width: int, height: int, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


CAT_PNG, DOG_PNG = png(3, 2), png(5, 4, (20, 120, 20))


class Tracker:
    """A loopback HTTP server on 127.0.0.2 (a host, and so an origin, of its own) that answers
    anything with a pixel and remembers every path it was asked for."""

    def __init__(self) -> None:
        requests = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(CAT_PNG)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
        self.url = f"http://127.0.0.2:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def tracker():
    server = Tracker()
    yield server
    server.stop()


# --- the archive, through the project's write path ------------------------------------------------

def exchange(url: str, body: bytes, content_type: str, status: int = 200, extra: list | None = None) -> Exchange:
    return Exchange(url=url, method="GET", request_headers=[("Host", SITE)], request_body=b"", status=status,
                    reason="OK" if status == 200 else "Not Found", protocol="HTTP/1.1",
                    response_headers=[("Content-Type", content_type), *(extra or [])], response_body=body,
                    ip_address="192.0.2.10")


def hostile_result(tracker_url: str) -> PageResult:
    def post(number: int, author: Author, html_text: str, text: str, **fields) -> Post:
        return Post(post_id=str(number), url=f"{PAGE_URL}#post-{number}", position=number, author=author,
                    published_at=START - timedelta(days=3 - number), text=text, html=html_text, **fields)

    mallory, arabic, bob = Author(MALLORY, "5"), Author(ARABIC, "6"), Author(BOB, "7")
    return PageResult(
        kind="thread_page", url=PAGE_URL, engine="xenforo",
        thread=Thread(id="9", title=TITLE, url=PAGE_URL, forum=FORUM, starter=mallory),
        posts=[
            post(1, mallory, remote_loads(tracker_url), "Look at these pictures.", reactions={REACTION: 2, "Thanks": 1},
                 edited_by=EDITOR, edited_at=START - timedelta(days=1)),
            post(2, arabic, SCRIPT_URLS + f"<p>{ARABIC_WORDS}</p>", ARABIC_WORDS,
                 quotes=[Quote(author="Eve", citation=CITATION, text="quoted words")]),
            post(3, bob, "<p>plain</p>", "plain"),
        ])


def write_archive(folder: Path, tracker_url: str) -> Path:
    """``folder/archive.db`` and ``folder/warc/``: the thread page and the images as real WARC
    records, stored the way a crawl stores them."""
    writer = RotatingWarcWriter(folder / "warc", "forum", run_token="security")
    moment = iter(START + timedelta(minutes=minute) for minute in range(100))
    page = writer.write_exchange(exchange(PAGE_URL, remote_loads(tracker_url).encode(), "text/html; charset=utf-8"),
                                 captured_at=next(moment))
    cat = writer.write_exchange(exchange(CAT, CAT_PNG, "image/png"), captured_at=next(moment))
    writer.write_exchange(exchange(CAT, CAT_PNG, "image/png"), captured_at=next(moment),
                          revisit_of=RevisitOf(record_id=cat.record_id, url=CAT, captured_at=cat.captured_at))
    writer.write_exchange(exchange(DOG, gzip.compress(DOG_PNG), "image/png", extra=[("Content-Encoding", "gzip")]),
                          captured_at=next(moment))
    writer.write_exchange(exchange(DIAGRAM, b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                   "image/svg+xml"), captured_at=next(moment))
    writer.write_exchange(exchange(GONE, b"not here", "image/png", status=404), captured_at=next(moment))
    writer.close()
    db = open_archive(str(folder / "archive.db"))
    for path in writer.files:
        for response in iter_responses(path):
            if response.record_id == page.record_id:
                store_capture(db, capture_row(response), hostile_result(tracker_url))
            else:
                ingest_response(db, response)
    escape = {"id": "<urn:uuid:escape>", "url": ESCAPE, "status": 200, "content_type": "image/png",
              "captured_at": "2024-05-02T11:00:00+00:00", "warc_file": "../archive.db", "warc_offset": 0,
              "warc_length": 10}
    store_capture(db, escape, None)
    db.close()
    return folder / "archive.db"


@pytest.fixture(scope="module")
def archive(tmp_path_factory, tracker) -> Path:
    return write_archive(tmp_path_factory.mktemp("hostile-security"), tracker.url)


@pytest.fixture(scope="module")
def datasette(archive):
    return build(archive)


def fetch(datasette, path: str):
    async def get():
        await datasette.invoke_startup()
        return await datasette.client.get(path)

    return asyncio.run(get())


def reader_path(**params) -> str:
    return "/-/thread?" + urlencode({"id": THREAD_ID, **params})


def image_path(url: str) -> str:
    return "/-/archived-image?" + urlencode({"db": "archive", "url": url})


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


# --- headers ------------------------------------------------------------------------------------------

PAGES = [
    "/", "/archive", "/archive/threads", "/archive/posts", "/archive/authors", "/archive/captures",
    "/archive/threads.json", "/archive/posts.csv", "/archive?" + urlencode({"sql": "select count(*) from posts"}),
    "/archive/most_reacted_posts", "/archive/posts/" + "forum.example.com~2F1", "/-/versions.json",
    "/-/static/app.css", "/no/such/page",
    reader_path(), "/-/forum?" + urlencode({"site": SITE, "forum": json.dumps(FORUM)}),
    "/-/author?" + urlencode({"id": f"{SITE}/5"}),
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_security_headers(datasette, path):
    response = fetch(datasette, path)
    assert response.status_code in (200, 404), (path, response.status_code, response.text[:500])
    assert response.headers["content-security-policy"] == content_security_policy()
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_policy_allows_nothing_remote():
    policy = directives(content_security_policy())
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"][0] == "'self'" and all(source.startswith("'sha256-") for source in policy["script-src"][1:])
    for name in ("font-src", "connect-src", "media-src", "form-action"):
        assert policy[name] == ["'self'"], name
    for name in ("object-src", "frame-src", "frame-ancestors", "base-uri"):
        assert policy[name] == ["'none'"], name
    for values in policy.values():  # no host, scheme wildcard or unsafe script source anywhere
        assert not any(v in ("*", "http:", "https:", "'unsafe-eval'") or "://" in v for v in values), values


@pytest.mark.parametrize("path", ["/", "/archive", "/archive/threads", "/archive/posts?_facet=author_name",
                                  "/archive?" + urlencode({"sql": "select 1"}), "/archive/most_reacted_posts",
                                  "/archive/posts/forum.example.com~2F1", reader_path()])
def test_every_inline_script_datasette_renders_is_hashed_in_the_policy(datasette, path):
    """Datasette's own pages keep working: each inline script they carry may run, none needs an
    inline event handler (which no hash can allow)."""
    response = fetch(datasette, path)
    allowed = set(directives(response.headers["content-security-policy"])["script-src"])
    tree = lxml.html.document_fromstring(response.text)
    inline = [script.text or "" for script in tree.iter("script") if not script.get("src")]
    assert inline, "every Datasette page has at least its menu script"
    assert all(script_hash(text) in allowed for text in inline), [t[:80] for t in inline if script_hash(t) not in allowed]
    handlers = [(el.tag, name) for el in tree.iter() if isinstance(el.tag, str)
                for name in el.attrib if name.startswith("on")]
    assert not handlers


# --- remote loads ---------------------------------------------------------------------------------------

def reader_tree(datasette):
    response = fetch(datasette, reader_path())
    assert response.status_code == 200, response.text[:2000]
    return lxml.html.document_fromstring(response.text)


LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "background", "href", "style")


def test_no_element_of_the_reader_loads_from_elsewhere(datasette, tracker):
    tree = reader_tree(datasette)
    tracker_host = urlsplit(tracker.url).netloc
    for markup in tree.cssselect("details.archived-html"):  # (the page's own chart is an inline SVG)
        found = markup.cssselect("iframe, frame, video, audio, source, embed, object, track, picture, input, svg")
        assert not found, [lxml.html.tostring(element)[:200] for element in found]
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("srcset", "background", "poster", "data", "style"):
            assert element.get(name) is None, (element.tag, name)
        if element.tag == "link":
            assert not urlsplit(element.get("href", "")).netloc, element.get("href")
        if element.tag == "img":
            src = element.get("src", "")
            assert src.startswith("/-/archived-image?") or src.startswith("data:image/"), src
    for style in tree.iter("style"):
        assert tracker_host not in (style.text or "") and "url(" not in (style.text or "")
    # The tracker is named only by links a reader would have to click.
    named = [el for el in tree.iter() if isinstance(el.tag, str)
             for name, value in el.attrib.items() if tracker_host in value]
    assert named and all(el.tag == "a" and "href" in el.attrib for el in named)


def test_remote_images_and_embeds_become_links(datasette, tracker):
    first = reader_tree(datasette).cssselect("li.post")[0]
    links = {a.text_content(): a.get("href") for a in first.cssselect("a.remote-media")}
    t = tracker.url
    expected = {
        f"[image: {t}/pixel.gif?from=img]": f"{t}/pixel.gif?from=img",
        f"[image: {t}/img-with-srcset.png]": f"{t}/img-with-srcset.png",
        f"[image: {t}/picture.png]": f"{t}/picture.png",
        f"[iframe: {t}/frame.html]": f"{t}/frame.html",
        f"[video: {t}/video.mp4]": f"{t}/video.mp4",
        f"[video poster: {t}/poster.jpg]": f"{t}/poster.jpg",
        f"[source: {t}/source.webm]": f"{t}/source.webm",
        f"[audio: {t}/audio.mp3]": f"{t}/audio.mp3",
        f"[embed: {t}/embed.swf]": f"{t}/embed.swf",
        f"[embedded object: {t}/object.swf]": f"{t}/object.swf",
        f"[stylesheet: {t}/style.css]": f"{t}/style.css",
        # Captured, but as SVG (could run script opened on its own) or as a 404: links too.
        f"[image: {DIAGRAM}]": DIAGRAM,
        f"[image: {GONE}]": GONE,
        # A URL shown as text reads as it resolves: its override is marked, not obeyed.
        f"[image: {t}/spoof[RLO]gnp.exe]": f"{t}/spoof%E2%80%AEgnp.exe",
    }
    assert links == expected
    for anchor in first.cssselect("a.remote-media"):
        assert set(anchor.get("rel").split()) >= {"noopener", "noreferrer", "nofollow"}
    words = first.cssselect("details.archived-html")[0].text_content()
    assert "frame fallback" in words and "video fallback" in words and "styled" in words and "cell" in words


def test_captured_images_are_shown_from_the_archive(datasette):
    first = reader_tree(datasette).cssselect("li.post")[0]
    images = {img.get("alt"): img.get("src") for img in first.cssselect("img")}
    # A relative src is resolved against the page the post was read from, then found in the archive.
    assert images["cat"] == image_path(CAT) and images["dog"] == image_path(DOG)
    assert images["inline"].startswith("data:image/gif;base64,")
    assert set(images) == {"cat", "dog", "inline"}
    for src, body in ((images["cat"], CAT_PNG), (images["dog"], DOG_PNG)):
        response = fetch(datasette, src)
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/png" and response.content == body
        # Opened on its own, the image response may load and run nothing.
        assert response.headers["content-security-policy"] == IMAGE_CSP
        assert "sandbox" in IMAGE_CSP and response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", [DIAGRAM, GONE, ESCAPE, "https://forum.example.com/never-captured.png", PAGE_URL])
def test_the_image_route_serves_only_captured_raster_images(datasette, url):
    response = fetch(datasette, image_path(url))
    assert response.status_code == 404
    assert b"alert" not in response.content and response.headers["content-security-policy"] == content_security_policy()


def test_the_warc_folder_can_be_named(archive, tmp_path):
    moved = tmp_path / "elsewhere.db"
    shutil.copyfile(archive, moved)
    assert fetch(build(moved), image_path(CAT).replace("db=archive", "db=elsewhere")).status_code == 404
    named = build(moved, warc_dir=archive.parent / "warc")
    response = fetch(named, image_path(CAT).replace("db=archive", "db=elsewhere"))
    assert response.status_code == 200 and response.content == CAT_PNG


# --- script URLs ------------------------------------------------------------------------------------------

def scheme_of(value: str) -> str:
    """How a browser reads the start of a URL: entities decoded (twice), controls and spaces gone."""
    return re.sub(r"[\x00-\x20\x7f-\x9f]", "", html.unescape(html.unescape(value))).lower()


def script_url_attributes(tree) -> list:
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            read = scheme_of(value)
            inline_image = element.tag == "img" and name == "src" and read.startswith("data:image/")
            if read.startswith(("javascript:", "vbscript:", "livescript:")) or (read.startswith("data:") and not inline_image):
                found.append((element.tag, name, value))
    return found


def test_script_urls_are_dropped_from_every_attribute(datasette):
    tree = reader_tree(datasette)
    assert script_url_attributes(tree) == []
    second = tree.cssselect("li.post")[1].cssselect("details.archived-html")[0]
    # The links' words stay, only their URLs went (images, frames and objects have no words, and
    # the sanitiser drops <svg> and <math> whole).
    for number in (*range(1, 10), 13, 15, 18, 20):
        assert f"s{number}" in second.text_content(), number
    hrefs = [a.get("href") for a in second.iter("a") if a.get("href")]
    assert hrefs == ["https://ok.example/", "https://ok.example/fine"]
    assert not second.cssselect("form, button, iframe, object, svg, math, img")
    assert second.cssselect("blockquote")[0].get("cite") is None


@pytest.mark.parametrize("path", ["/archive/posts", "/archive/posts/forum.example.com~2F2", "/archive/threads",
                                  "/archive/authors", "/-/author?" + urlencode({"id": f"{SITE}/6"})])
def test_script_urls_stay_text_on_datasette_pages(datasette, path):
    response = fetch(datasette, path)
    assert response.status_code == 200
    assert script_url_attributes(lxml.html.document_fromstring(response.text)) == []


# --- bidi ---------------------------------------------------------------------------------------------

OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069\u061c]")


def test_bidi_overrides_are_marked_in_names_titles_forums_and_citations(datasette):
    tree = reader_tree(datasette)
    assert tree.findtext(".//title") == "Invoice [RLO]fdp.exe"
    h1 = tree.cssselect("h1")[0]
    assert h1.text_content() == "Invoice [RLO]fdp.exe" and h1.cssselect("bdi")
    assert h1.cssselect("span.bidi-control")[0].get("title") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert tree.cssselect("p.crumbs a")[-1].text_content() == "Home › News [RLI]evil[PDI]"
    authors = [a.text_content() for a in tree.cssselect("li.post .author")]
    assert authors == ["Mallory[RLO]gnp.exe", ARABIC, "Bob[RLM]"]
    assert tree.cssselect("li.post .author bdi")[1].text == ARABIC  # the Arabic name, mark and all, as written
    assert tree.cssselect("blockquote.quote cite")[0].text_content() == "Eve[RLE] said:"
    assert "Like[RLO] 2" in [li.text_content() for li in tree.cssselect("li.reaction")]
    assert "by Eve[LRO]" in tree.cssselect(".mark.edited")[0].text_content()
    for element in tree.cssselect("title, h1, p.crumbs, p.meta, .post-head, cite, li.reaction, a.remote-media"):
        assert not OVERRIDES.search(element.text_content()), lxml.html.tostring(element)[:300]
    assert ARABIC_WORDS in tree.cssselect("li.post")[1].cssselect("div.words")[0].text_content()
    assert tree.cssselect("li.post")[1].cssselect("div.words")[0].get("dir") == "auto"


@pytest.mark.parametrize("path, shown", [
    ("/archive/threads", "Invoice [RLO]fdp.exe"),
    ("/archive/authors", "Mallory[RLO]gnp.exe"),
    ("/archive/posts", "Mallory[RLO]gnp.exe"),
    ("/archive/quotes", "Eve[RLE] said:"),
    ("/-/forum?" + urlencode({"site": SITE, "forum": json.dumps(FORUM)}), "Invoice [RLO]fdp.exe"),
    ("/-/author?" + urlencode({"id": f"{SITE}/5"}), "Mallory[RLO]gnp.exe"),
])
def test_bidi_overrides_are_marked_on_datasette_and_activity_pages(datasette, path, shown):
    response = fetch(datasette, path)
    assert response.status_code == 200, response.text[:1000]
    tree = lxml.html.document_fromstring(response.text)
    marked = [bdi.text_content() for bdi in tree.iter("bdi")]
    assert shown in marked
    for element in tree.iter("td", "h1", "title", "a"):
        if "<" not in (element.text_content() or "")[:1]:
            assert not OVERRIDES.search(element.text_content()), lxml.html.tostring(element)[:300]


def test_arabic_text_is_isolated_not_altered():
    assert str(isolated("مرحبا")) == '<bdi dir="auto">مرحبا</bdi>'
    assert plain("مرحبا\u200f (1)") == "مرحبا\u200f (1)"  # a mark in Arabic text is the writer's
    assert plain("abc\u200f") == "abc[RLM]"  # in Latin text it can only reorder
    assert plain("https://ex.example/\u200fmoc", url=True) == "https://ex.example/[RLM]moc"
    assert plain("مرحبا\u202e") == "مرحبا[RLO]"
    assert str(isolated("<b>\u2066x")) == ('<bdi dir="auto">&lt;b&gt;<span class="bidi-control" '
                                           'title="U+2066 LEFT-TO-RIGHT ISOLATE">[LRI]</span>x</bdi>')


# --- serving beyond loopback --------------------------------------------------------------------------

@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
                                            ("127.0.0.2", True), ("0.0.0.0", False), ("::", False),
                                            ("192.168.1.20", False), ("archive.example.org", False)])
def test_only_loopback_hosts_go_without_a_warning(host, loopback):
    assert is_loopback(host) is loopback
    assert (exposure_warning(host) is None) is loopback


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def forum_archiver() -> list[str]:
    script = Path(sys.executable).parent / "forum-archiver"
    return [str(script)] if script.exists() else [sys.executable, "-m", "crawler"]


def test_serve_on_another_address_warns_before_listening(archive):
    """192.0.2.1 (TEST-NET-1) is no address of this machine: the warning is printed, then binding
    fails, so nothing ever listens beyond loopback."""
    process = subprocess.Popen([*forum_archiver(), "serve", str(archive), "--host", "192.0.2.1", "--port", str(free_port())],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        _, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert "WARNING: serving on 192.0.2.1" in errors
    assert "run read-only SQL" in errors and "--setting default_allow_sql off" in errors
    assert "datasette-auth-passwords" in errors
    assert process.returncode != 0


def test_the_warning_names_settings_that_work(archive):
    locked = build(archive, settings=datasette_settings([("default_allow_sql", "off")]))
    assert fetch(locked, "/archive?" + urlencode({"sql": "select * from posts"})).status_code == 403
    assert fetch(locked, reader_path()).status_code == 200
    assert fetch(locked, "/archive/most_reacted_posts").status_code == 200
    with pytest.raises(ValueError, match="not a Datasette setting"):
        datasette_settings([("allow_everything", "on")])
    with pytest.raises(ValueError, match="on/off"):
        datasette_settings([("default_allow_sql", "perhaps")])


def test_serve_refuses_unknown_settings(archive):
    done = subprocess.run([*forum_archiver(), "serve", str(archive), "--setting", "allow_everything", "on"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2 and "allow_everything is not a Datasette setting" in done.stderr


# --- in Chromium ----------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
needs_debian_chromium = pytest.mark.skipif(
    shutil.which("apt-get") is None, reason="not Debian: scripts/install-browser has no apt-get to install Chromium with")


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"forum-archiver serve exited ({process.returncode}): {process.stdout.read()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"forum-archiver serve did not answer {url} within {seconds} s")


@pytest.fixture(scope="module")
def served(archive):
    """``forum-archiver serve`` on the hostile archive, on a free loopback port; yields its base URL
    and a function returning what it has printed so far (read once it is stopped)."""
    port = free_port()
    process = subprocess.Popen([*forum_archiver(), "serve", str(archive), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/-/versions.json", process)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    """Debian's Chromium, with a fresh profile and its background networking off."""
    assert CHROMIUM.exists(), "no /usr/bin/chromium: scripts/setup installs it (scripts/install-browser)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS)
        yield context
        context.close()


# Collected in the page before any of its own scripts run: CSP violations, whatever they block.
WATCH_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));"""

READ_DOM = r"""() => {
  const controls = /[\u202A-\u202E\u2066-\u2069\u061C]/;
  const shown = [...document.querySelectorAll('h1, p.crumbs, .post-head, cite, li.reaction, a.remote-media')];
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const read = attr.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
      const inlineImage = el.tagName === 'IMG' && attr.name === 'src' && read.startsWith('data:image/');
      if (/^(javascript|vbscript|livescript):/.test(read) || (read.startsWith('data:') && !inlineImage)) {
        bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
  }
  const bdiOf = text => [...document.querySelectorAll('.author bdi')].find(b => b.textContent === text);
  return {
    title: document.title,
    h1: document.querySelector('h1').innerText,
    authors: [...document.querySelectorAll('li.post .author')].map(a => a.textContent),
    overridden: shown.filter(el => controls.test(el.textContent)).map(el => el.outerHTML.slice(0, 200)),
    scriptUrls: bad,
    arabicDirection: getComputedStyle(bdiOf(%(arabic)s)).direction,
    latinDirection: getComputedStyle(bdiOf('Bob[RLM]')).direction,
    archivedImages: [...document.querySelectorAll('img.archived-image')].map(i => [i.alt, i.naturalWidth, i.naturalHeight]),
  };
}"""


def open_page(context, url: str, requests: list[str]):
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(WATCH_VIOLATIONS)
    response = page.goto(url, wait_until="networkidle")
    return page, response


@needs_debian_chromium
def test_chromium_reader_fetches_nothing_from_the_tracker(served, chromium, tracker):
    base, _ = served
    requests: list[str] = []
    page, response = open_page(chromium, f"{base}{reader_path()}", requests)
    try:
        assert response.status == 200
        assert response.headers["content-security-policy"] == content_security_policy()
        for summary in page.locator("details.archived-html summary").all():
            summary.click()  # open the archived markup too, images, embeds and all
        page.wait_for_load_state("networkidle")
        time.sleep(0.5)
        dom = page.evaluate(READ_DOM.replace("%(arabic)s", repr(ARABIC)))
        violations = page.evaluate("window.__violations")
    finally:
        page.close()
    tracker_host = urlsplit(tracker.url).netloc
    assert tracker.requests == [], "the tracker was asked for " + ", ".join(tracker.requests)
    assert not [url for url in requests if tracker_host in url]
    assert all(url.startswith(base + "/") or url.startswith("data:") for url in requests), requests
    assert violations == [], "nothing was even tried that the policy had to block"
    assert sorted(dom["archivedImages"]) == [["cat", 3, 2], ["dog", 5, 4]]
    assert dom["scriptUrls"] == []
    assert dom["title"] == dom["h1"] == "Invoice [RLO]fdp.exe"
    assert dom["authors"] == ["Mallory[RLO]gnp.exe", ARABIC, "Bob[RLM]"]
    assert dom["overridden"] == []
    assert dom["arabicDirection"] == "rtl" and dom["latinDirection"] == "ltr"
    # The control: the same browser does load an image from the tracker when a page without the
    # policy asks, so the zero above counts. (An image in a blank page, not a visit: a visit makes
    # the browser ask the tracker for a /favicon.ico of its own, at a moment of its choosing, which
    # landed in the next test's count.)
    control = chromium.new_page()
    try:
        control.set_content(f'<img src="{tracker.url}/control.png">', wait_until="load")
    finally:
        control.close()
    seen = list(tracker.requests)
    tracker.requests.clear()
    assert seen == ["/control.png"]


@needs_debian_chromium
@pytest.mark.parametrize("path, ready", [
    ("/archive/threads", "table.rows-and-columns"),
    ("/archive?" + urlencode({"sql": "select author_name, count(*) from posts group by author_name"}), ".CodeMirror"),
    ("/archive", ".CodeMirror"),
    ("/archive/posts/forum.example.com~2F1", "table"),
    ("/-/author?" + urlencode({"id": f"{SITE}/5"}), "svg.posts-chart"),
])
def test_chromium_runs_datasette_pages_without_csp_violations(served, chromium, tracker, path, ready):
    base, _ = served
    requests: list[str] = []
    page, response = open_page(chromium, base + path, requests)
    try:
        assert response.status == 200
        assert response.headers["content-security-policy"] == content_security_policy()
        page.wait_for_selector(ready)  # .CodeMirror: the inline editor script ran
        violations = page.evaluate("window.__violations")
        shown = page.evaluate("() => document.body.innerText")
    finally:
        page.close()
    assert violations == []
    assert not OVERRIDES.search(shown)
    assert tracker.requests == [] and all(url.startswith(base + "/") or url.startswith("data:") for url in requests)


def test_serving_on_loopback_prints_no_warning(served):
    _, process = served
    assert process.poll() is None
    # The start line is all it has printed; read it without stopping the server.
    line = process.stdout.readline()
    assert line.startswith("serving ") and "WARNING" not in line
