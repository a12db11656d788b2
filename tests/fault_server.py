"""The sample forum plus routes that misbehave, for crawl tests of bad input.

Run as ``python tests/fault_server.py``; prints ``listening on http://127.0.0.1:PORT``.
"""

from __future__ import annotations

import email.utils
import gzip
import socket
import struct
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.demo import SAMPLE_TOPIC  # noqa: E402
from crawler.demo_site.server import PAGES, SampleForumHandler, make_server  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
# Sizes the politeness tests rely on: DOWNLOAD_MAXSIZE there sits between the sample pages
# (under 100 kB) and these.
LARGE_PAGE_SIZE = 400_000
BOMB_INFLATED_SIZE = 4_000_000
OK_PAGE = b"<html><head><title>Recovered</title></head><body><p>served on retry</p></body></html>"

_hits: dict[str, int] = {}
_hits_lock = threading.Lock()


def _hit(key: str) -> int:
    """How many times ``key`` (path and query) was requested, this one included."""
    with _hits_lock:
        _hits[key] = _hits.get(key, 0) + 1
        return _hits[key]


class FaultyForumHandler(SampleForumHandler):
    def do_GET(self) -> None:  # noqa: N802
        route = self.path.split("?")[0]
        if route == "/faults/bad-gzip/":
            # Says gzip, is not: must be recorded as undecodable, not crash or vanish.
            return self._raw(200, b"<html><body>plain text</body></html>", [("Content-Encoding", "gzip")])
        if route == "/faults/server-error/":
            return self._raw(500, (DATA / "ips_guest_limit.html").read_bytes())
        if route == "/faults/cloudflare/":
            return self._raw(503, (DATA / "cloudflare_challenge.html").read_bytes())
        if route == "/faults/guest-limit/":
            return self._raw(403, (DATA / "ips_guest_limit.html").read_bytes())
        if route == "/faults/too-many-requests/":
            # 429 with Retry-After in seconds, then the page.
            if _hit(self.path) == 1:
                return self._raw(429, b"<html><body>slow down</body></html>", [("Retry-After", "1")])
            return self._raw(200, OK_PAGE)
        if route == "/faults/unavailable/":
            # 503 with Retry-After as an HTTP date, then the page.
            if _hit(self.path) == 1:
                when = email.utils.formatdate(time.time() + 1, usegmt=True)
                return self._raw(503, b"<html><body>maintenance</body></html>", [("Retry-After", when)])
            return self._raw(200, OK_PAGE)
        if route == "/faults/hang/":
            # Answers long after any sensible DOWNLOAD_TIMEOUT.
            time.sleep(4)
            return self._raw(200, OK_PAGE)
        if route == "/faults/reset/":
            # Headers and part of the body, then a TCP reset.
            return self._reset_mid_body()
        if route == "/faults/truncated/":
            # Announces 5000 bytes, sends 1000, closes cleanly.
            return self._raw(200, b"<html><body>" + b"x" * 988, content_length=5000)
        if route == "/faults/windows-1256/":
            # An IPS topic page in windows-1256 with no charset in the headers or the page.
            return self._raw(200, self._windows_1256_topic(), content_type="text/html")
        if route == "/faults/gzip-bomb/":
            # A few kB of gzip that inflate to megabytes.
            return self._raw(200, gzip.compress(b"\0" * BOMB_INFLATED_SIZE, mtime=0), [("Content-Encoding", "gzip")])
        if route == "/faults/large/":
            return self._raw(200, b"<html><body>" + b"a" * LARGE_PAGE_SIZE + b"</body></html>")
        return super().do_GET()

    def _reset_mid_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "10000")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"<html><body>" + b"y" * 2000)
        self.wfile.flush()
        time.sleep(0.1)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def finish(self) -> None:
        # Faulty routes leave the socket closed or the client gone: nothing to report.
        try:
            super().finish()
        except (OSError, ValueError):
            pass

    def handle(self) -> None:
        try:
            super().handle()
        except (OSError, ValueError):
            pass

    def _windows_1256_topic(self) -> bytes:
        """The sample topic's first page with its charset removed and an Arabic headline added to
        the first post, encoded in windows-1256."""
        html = (PAGES / SAMPLE_TOPIC.strip("/") / "index.html").read_text(encoding="utf-8")
        html = html.replace('<meta charset="utf-8">', "", 1).replace(
            "<strong>Tensions Escalate", "<strong>نجاة رئيس الوزراء العراقي من محاولة اغتيال</strong><br>"
            "<strong>Tensions Escalate", 1)
        return html.replace("{{BASE_URL}}", self._base_url()).encode("windows-1256")

    def _raw(self, status: int, body: bytes, extra=(), content_type: str = "text/html; charset=utf-8",
             content_length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if content_length is None else content_length))
        for name, value in extra:
            self.send_header(name, value)
        if content_length is not None:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    server = make_server(0)
    server.RequestHandlerClass = FaultyForumHandler
    host, port = server.server_address[:2]
    print(f"listening on http://{host}:{port}", flush=True)
    server.serve_forever()
