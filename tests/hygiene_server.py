"""The sample forum on two loopback hosts, plus routes for the crawl-hygiene tests.

Run as ``python tests/hygiene_server.py``; prints ``listening on http://127.0.0.1:PORT`` and serves
the same routes on ``http://127.0.0.2:PORT`` too: a second *host* (not just a second port) for
off-host redirects. Routes:

- the sample topic (``/topic/4242-.../``), as a forum that puts session ids in URLs renders it:
  every link to the topic carries a fresh session id, in turn ``?s=`` (vBulletin, IPB),
  ``?sid=`` (phpBB), ``?PHPSESSID=`` (SMF, MyBB), ``;jsessionid=`` (Java) and ``?osCsid=``;
- ``/hop/offsite/``: 302 to the sample topic on 127.0.0.2; ``/hop/loop/N/``: 302 to N+1, forever;
  ``/hop/javascript/``, ``/hop/ftp/``, ``/hop/mailto/``: 302 to a non-http Location;
- ``/drip/``: headers, then one byte of body a second (``DRIP_SIZE`` bytes in all);
- ``/retry-after/long/``: 429 with ``Retry-After: 7200``, every time;
- ``/cookie/...``: a page naming the Cookie header(s) it received; ``/cookie/redirect/`` 302s to
  one, ``/cookie/flaky/`` answers 503 (``Retry-After: 1``) the first time;
- ``/seen/``: JSON list of every request so far: ``[host, path, [Cookie headers]]``.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.demo_site.server import PAGES, SampleForumHandler  # noqa: E402

OTHER_HOST = "127.0.0.2"
DRIP_SIZE = 600  # bytes, one a second: ten minutes, far past any sensible download timeout
SESSION_STYLES = (
    "?s={hex}",
    "?sid={hex}",
    "?PHPSESSID={hex}",
    ";jsessionid={upper}",
    "?osCsid={hex}",
)

_seen: list[list] = []
_seen_lock = threading.Lock()
_session_counter = itertools.count(1)


def _session_suffix() -> str:
    """The next session-id decoration of a link: a new style and a new 32-hex id each time."""
    number = next(_session_counter)
    token = f"{number:032x}"
    return SESSION_STYLES[number % len(SESSION_STYLES)].format(hex=token, upper=token.upper())


class HygieneHandler(SampleForumHandler):
    def do_GET(self) -> None:  # noqa: N802
        route = self.path.split("?")[0]
        with _seen_lock:
            _seen.append([self.server.server_address[0], self.path, self.headers.get_all("Cookie") or []])
        if route == "/seen/":
            with _seen_lock:
                body = json.dumps(_seen).encode()
            return self._plain(200, body, content_type="application/json")
        if route == "/hop/offsite/":
            port = self.server.server_address[1]
            return self._redirect(f"http://{OTHER_HOST}:{port}/topic/4242-iraqi-officials-prime-minister-"
                                  "survives-assassination-attempt/")
        loop = re.fullmatch(r"/hop/loop/(\d+)/", route)
        if loop:
            return self._redirect(f"/hop/loop/{int(loop.group(1)) + 1}/")
        if route == "/hop/javascript/":
            return self._redirect("javascript:alert(document.cookie)")
        if route == "/hop/ftp/":
            return self._redirect("ftp://127.0.0.1/pub/archive.zip")
        if route == "/hop/mailto/":
            return self._redirect("mailto:admin@example.com")
        if route == "/drip/":
            return self._drip()
        if route == "/retry-after/long/":
            return self._plain(429, b"<html><body>come back in two hours</body></html>", [("Retry-After", "7200")])
        if route == "/cookie/redirect/":
            return self._redirect("/cookie/after-redirect/")
        if route == "/cookie/flaky/" and self._hits(route) == 1:
            return self._plain(503, b"<html><body>busy</body></html>", [("Retry-After", "1")])
        if route.startswith("/cookie/"):
            cookies = self.headers.get_all("Cookie") or []
            received = "".join(f"<li class='cookie'>{html.escape(c)}</li>" for c in cookies)
            return self._plain(200, f"<html><body><ul>{received}</ul></body></html>".encode(),
                               [("Set-Cookie", "forum_visit=1; path=/")])
        return super().do_GET()

    def _render(self, page: Path, encoding: str = "utf-8") -> bytes:
        """The page with a fresh session id on every link to the topic, as session-in-URL forums do."""
        text = super()._render(page, "utf-8").decode("utf-8")
        topic_link = re.compile(r"""href=(["'])(""" + re.escape(self._base_url()) + r"""/topic/[^"'?#;]*/)\1""")
        return topic_link.sub(lambda m: f"href={m.group(1)}{m.group(2)}{html.escape(_session_suffix())}{m.group(1)}",
                              text).encode(encoding)

    def _hits(self, route: str) -> int:
        with _seen_lock:
            return sum(1 for _, path, _ in _seen if path.split("?")[0] == route)

    def _redirect(self, location: str) -> None:
        self._plain(302, b"", [("Location", location)])

    def _drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(DRIP_SIZE))
        self.end_headers()
        self.wfile.flush()
        for _ in range(DRIP_SIZE):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(1)

    def _plain(self, status: int, body: bytes, extra=(), content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def finish(self) -> None:
        # The drip's client gives up mid-body: nothing to report.
        try:
            super().finish()
        except (OSError, ValueError):
            pass

    def handle(self) -> None:
        try:
            super().handle()
        except (OSError, ValueError):
            pass


def serve(host: str, port: int) -> ThreadingHTTPServer:
    """A hygiene server on ``host:port`` (port 0: a free one), serving in a background thread."""
    server = ThreadingHTTPServer((host, port), HygieneHandler)
    server.pages = PAGES
    server.verbose = False
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"hygiene-{host}", daemon=True).start()
    return server


def main() -> None:
    port = serve("127.0.0.1", 0).server_address[1]
    serve(OTHER_HOST, port)  # the same port on another loopback address: another host
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
