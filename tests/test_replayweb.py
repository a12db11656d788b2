"""A WACZ opened in ReplayWeb.page, the viewer users read our archives in, in headless Chromium.

Why: a WACZ can validate and still not replay (wrong index, pages list, content types), and the
only judge that matters is the viewer. So a small WARC is written here with warcio (one HTML
page with a known sentence, one PNG it shows, and the request records a crawler writes), turned
into a WACZ by py-wacz (``wacz create --detect-pages``, as ``scripts/install-replay`` installs
it), served with ReplayWeb.page's own embed on 127.0.0.1 (``tests/replayweb.py``), and the test
checks the sentence shows and the image decodes, with nothing fetched from the internet.

Skips, with the reason, when a piece installed by the setup scripts is missing: ``.replayweb/``
(``scripts/install-replayweb``), Debian's Chromium (``scripts/install-browser``), or
``.venv-replay`` (``scripts/install-replay``). The tests never download anything themselves.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from replayweb import CHROMIUM, ROOT, installed_version, launch_chromium, offline_context, replayed_page

WACZ_CLI = ROOT / ".venv-replay" / "bin" / "wacz"
PAGE_URL = "http://forum.example/t/1-quiet-harbour"
IMAGE_URL = "http://forum.example/img/gull.png"
SENTENCE = "The lighthouse keeper counted seventeen gulls before breakfast."
WARC_DATE = "2024-05-01T12:00:00Z"
TS = "20240501120000"

pytestmark = [
    pytest.mark.skipif(installed_version() is None,
                       reason="no .replayweb/ (ReplayWeb.page): run scripts/install-replayweb"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run scripts/install-browser"),
    pytest.mark.skipif(not WACZ_CLI.exists(), reason="no .venv-replay/bin/wacz (py-wacz): run scripts/install-replay"),
]


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour RGB PNG, written by hand (no Pillow in the venv): its size is what the
    browser must report back as naturalWidth once the archived bytes decode."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def write_warc(path: Path) -> None:
    """Response + request records for the page and its image (the page also shows a second,
    lazy image the WARC lacks). The image request carries the page as Referer: that is how
    ``wacz create --detect-pages`` tells a page from a resource."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>Quiet harbour</title></head>
<body><h1>Quiet harbour</h1><p>{SENTENCE}</p>
<img id="gull" src="/img/gull.png" alt="a gull" width="24" height="16">
<img id="lost" src="/img/never-archived.png" alt="not in the archive" loading="lazy"></body></html>""".encode()
    resources = [(PAGE_URL, "text/html; charset=utf-8", page, None),
                 (IMAGE_URL, "image/png", png(24, 16, (200, 40, 40)), PAGE_URL)]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body, referer in resources:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            response = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                 warc_headers_dict={"WARC-Date": WARC_DATE})
            writer.write_record(response)
            headers = [("Host", "forum.example"), ("User-Agent", "forum-archiver-test")]
            if referer:
                headers.append(("Referer", referer))
            path_part = "/" + url.split("/", 3)[3]
            request = writer.create_warc_record(
                url, "request",
                http_headers=StatusAndHeaders(f"GET {path_part} HTTP/1.1", headers, is_http_request=True),
                warc_headers_dict={"WARC-Date": WARC_DATE,
                                   "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")})
            writer.write_record(request)


@pytest.fixture(scope="module")
def wacz(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("replayweb")
    warc = folder / "harbour.warc.gz"
    write_warc(warc)
    out = folder / "harbour.wacz"
    run = subprocess.run([str(WACZ_CLI), "create", "-o", str(out), str(warc), "--detect-pages"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    with zipfile.ZipFile(out) as zf:
        pages = [json.loads(line) for line in zf.read("pages/pages.jsonl").decode().splitlines()[1:]]
    assert [p["url"] for p in pages] == [PAGE_URL], "py-wacz detected the page (the image is not one)"
    return out


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as chromium:
        yield chromium


def test_the_archived_page_and_its_image_show_in_replaywebpage(browser, wacz):
    replayed = replayed_page(browser, wacz, PAGE_URL, ts=TS, timeout=45)
    assert SENTENCE in replayed.text, replayed
    assert f"{TS}mp_/{PAGE_URL}" in replayed.frame_url, "the replay is of the capture asked for"
    gulls = [img for img in replayed.loaded_images if img["src"].endswith(IMAGE_URL)]
    assert [(g["naturalWidth"], g["naturalHeight"]) for g in gulls] == [(24, 16)], replayed.images
    # The check has teeth: the one image the WARC lacks is reported, not counted as loaded.
    assert [img["src"].rsplit("/", 1)[-1] for img in replayed.broken_images] == ["never-archived.png"]
    assert replayed.blocked == [], "nothing may be fetched from the internet"
    assert replayed.wacz_range_requests > 0, "ReplayWeb.page reads the WACZ by HTTP Range, on demand"


def test_without_a_timestamp_the_latest_capture_shows(browser, wacz):
    replayed = replayed_page(browser, wacz, PAGE_URL, timeout=45)
    assert SENTENCE in replayed.text
    assert replayed.blocked == []


def test_the_offline_fence_refuses_and_counts_internet_requests(browser):
    """The zero in ``blocked == []`` above means something only if a request out would land in it:
    here one from the page (caught by the route) and one past routes (caught by the proxy)."""
    with offline_context(browser) as (context, blocked):
        page = context.new_page()
        with pytest.raises(Exception, match="ERR_"):
            page.goto("http://example.com/tracker.gif", timeout=10_000)
        assert blocked == ["GET http://example.com/tracker.gif"]
        context.unroute("**/*")  # now only the proxy stands between the page and the internet
        with pytest.raises(Exception, match="ERR_"):
            page.goto("https://example.org/font.woff2", timeout=10_000)
        assert set(blocked[1:]) == {"CONNECT example.org:443"}  # Chromium may retry a tunnel once
