"""Open a WACZ in ReplayWeb.page's packaged embed, in headless Chromium, fully offline.

Why: ReplayWeb.page is the viewer our users open WACZ files in, so "the WACZ is valid" is not
enough; tests must see the archived page actually come back in it. This module is a test helper
(not a test file): ``tests/test_replayweb.py`` uses it on a hand-made WACZ, and it takes any WACZ
path, so the project's own ``forum-archiver wacz`` output can be pointed at it too.

How it works, following https://replayweb.page/docs/embedding:

* ``scripts/install-replayweb`` put the npm package's ``ui.js`` and ``sw.js`` in ``.replayweb/``.
* :func:`serve_replayweb` serves, on 127.0.0.1 and a free port, an ``index.html`` holding
  ``<replay-web-page source=... url=... [ts=...]>``, ``ui.js`` next to it, the service worker at
  ``/replay/sw.js`` (the component's default ``replayBase`` is ``./replay/`` and the worker only
  controls that scope; its generated index page loads ``./ui.js`` from there too, hence
  ``/replay/ui.js``; ``/replay/`` itself gets that same index, see REPLAY_INDEX_HTML), and the
  WACZ. The WACZ is read by HTTP Range requests (the docs: on-demand loading needs a server that
  supports them), so the server answers ``Range: bytes=...`` with 206.
  Service workers need a secure context, and http://127.0.0.1 is one.
* :func:`replayed_page` opens that page in a fresh browser context (its own service worker and
  storage) and waits for the replay frame, which sits inside the component's shadow DOM, in an
  iframe at ``/replay/?source=...``, inside ``<replay-app-main>``'s shadow DOM again, at a
  ``/replay/w/<coll>/[:<hash>/]<ts>mp_/<url>`` URL. Playwright's frame list sees through shadow roots, so
  the frame is found by that URL shape.
* Offline: every context gets a proxy that is a tiny local server which counts and refuses each
  request (Chromium sends everything not to loopback there, the service worker's fetches
  included, which ``page.route`` does not see), and a route that aborts and counts any
  non-loopback request the pages themselves make. :class:`Replayed.blocked` lists both, so a
  test can assert it is empty.
"""

from __future__ import annotations

import contextlib
import html
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
REPLAYWEB = ROOT / ".replayweb"
CHROMIUM = Path("/usr/bin/chromium")

# The replay frame: /replay/w/<collection id>/[:<hash>/]<14-digit ts, or empty>mp_/<archived url>
# (2.5.3 puts a ":<sha256>" segment before the timestamp; older versions had none.)
REPLAY_FRAME = re.compile(r"/replay/w/[^/]+/(?:[^/]*/)?(\d*)mp_/(.+)$")

INDEX_HTML = """<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>ReplayWeb.page test embed</title>
<style>html, body {{ width: 100%; height: 100%; margin: 0; }}</style>
<script src="ui.js"></script>
</head>
<body>
<replay-web-page style="width: 100%; height: 100%" embed="replayonly" replayBase="./replay/"
  source="{source}" url="{url}"{ts}></replay-web-page>
</body>
</html>
"""

# What the service worker itself answers for /replay/ (wabac.js getIndexHtml, serveIndex=1). The
# server answers the same, because the embed's iframe can navigate to /replay/ a moment before the
# freshly registered worker controls it; ReplayWeb.page then keeps that document and only injects
# ui.js into it, so a 404 there left the embed blank for good (seen in about 1 run in 6).
REPLAY_INDEX_HTML = b"""<!doctype html>
<html>
<head><script src="./ui.js"></script></head>
<body>
<replay-app-main></replay-app-main>
</body></html>
"""

# Lazy images below the fold would never load in a headless viewport nobody scrolls; switching
# them to eager loads them as a reader's scrolling would, so "did the archived image come back"
# has an answer for every image.
EAGER_IMAGES_JS = """() => { for (const img of document.images) if (img.loading === 'lazy') img.loading = 'eager'; }"""

IMAGES_JS = """() => [...document.images].map(img => ({
  src: img.currentSrc || img.src, complete: img.complete,
  naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight}))"""


def installed_version() -> str | None:
    """The ReplayWeb.page version ``scripts/install-replayweb`` installed, or None when it has not
    run (tests skip on None rather than fetch it: they run offline)."""
    version = REPLAYWEB / "VERSION"
    if not (version.is_file() and (REPLAYWEB / "ui.js").is_file() and (REPLAYWEB / "sw.js").is_file()):
        return None
    return version.read_text().strip()


def _parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single ``bytes=`` range, clipped to ``size``; None if unsatisfiable.
    wabac.js only ever asks for one range at a time."""
    match = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", header)
    if not match or match.group(1) == match.group(2) == "":
        return None
    start, end = match.groups()
    if start == "":
        length = int(end)
        if length == 0:
            return None
        return max(0, size - length), size - 1
    first = int(start)
    last = min(int(end), size - 1) if end else size - 1
    if first >= size or last < first:
        return None
    return first, last


class _SiteHandler(BaseHTTPRequestHandler):
    """Serves the fixed set of paths in ``server.files`` (path -> file or bytes), with Range."""

    protocol_version = "HTTP/1.1"
    TYPES = {".js": "application/javascript", ".html": "text/html; charset=utf-8",
             ".wacz": "application/wacz+zip", ".json": "application/json"}

    def log_message(self, format, *args):  # noqa: A002 - quiet; requests are recorded instead
        pass

    def do_HEAD(self):
        self._serve(body=False)

    def do_GET(self):
        self._serve(body=True)

    def _serve(self, body: bool):
        path = unquote(urlsplit(self.path).path)
        self.server.requests.append((self.command, path, self.headers.get("Range")))
        source = self.server.files.get(path)
        if source is None:
            self._reply(404, b"not found", "text/plain")
            return
        data = source if isinstance(source, bytes) else None
        size = len(data) if data is not None else source.stat().st_size
        ctype = self.TYPES.get(".html" if path.endswith("/") else Path(path).suffix, "application/octet-stream")
        headers = {"Accept-Ranges": "bytes", "Cache-Control": "no-store"}
        first, last, status = 0, size - 1, 200
        if self.headers.get("Range"):
            span = _parse_range(self.headers["Range"], size)
            if span is None:
                self._reply(416, b"", "text/plain", {"Content-Range": f"bytes */{size}"})
                return
            (first, last), status = span, 206
            headers["Content-Range"] = f"bytes {first}-{last}/{size}"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(last - first + 1))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not body or size == 0:
            return
        if data is not None:
            self.wfile.write(data[first:last + 1])
            return
        with open(source, "rb") as fh:
            fh.seek(first)
            remaining = last - first + 1
            while remaining:
                chunk = fh.read(min(remaining, 1 << 16))
                if not chunk:
                    break
                self.wfile.write(chunk)
                remaining -= len(chunk)

    def _reply(self, status: int, payload: bytes, ctype: str, extra: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)


class _RefusingProxyHandler(BaseHTTPRequestHandler):
    """The context's proxy: records what the browser tried to reach outside loopback and refuses
    it, so a leak is both prevented and visible (an aborted DNS lookup would only be the former)."""

    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args):  # noqa: A002
        pass

    def _refuse(self):
        self.server.refused.append(f"{self.command} {self.path}")
        self.send_response(403, "offline test: no internet")
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_CONNECT = _refuse


class _QuietServer(ThreadingHTTPServer):
    """The browser drops connections mid-response whenever the embed reloads its iframe; that is
    not an error worth a traceback on stderr."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def _thread_server(handler, **attrs):
    """A ThreadingHTTPServer on 127.0.0.1:<free port> in a daemon thread, shut down on exit."""
    server = _QuietServer(("127.0.0.1", 0), handler)
    for name, value in attrs.items():
        setattr(server, name, value)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Site:
    """A running embed site: ``base`` is its http://127.0.0.1:<port> origin."""

    base: str
    requests: list = field(default_factory=list)

    @property
    def index(self) -> str:
        return self.base + "/index.html"

    def wacz_range_requests(self) -> list:
        """(method, path, Range) of each request for the WACZ that asked for a byte range."""
        return [r for r in self.requests if r[1].endswith(".wacz") and r[2]]


@contextlib.contextmanager
def serve_replayweb(wacz_path: str | Path, url: str, ts: str | None = None):
    """Serve the embed page for ``wacz_path`` showing ``url`` (at 14-digit ``ts`` if given) on
    127.0.0.1; yields a :class:`Site`. The WACZ is served from where it lies, not copied."""
    if installed_version() is None:
        raise RuntimeError(".replayweb/ is missing or incomplete: run scripts/install-replayweb")
    wacz_path = Path(wacz_path).resolve()
    wacz_name = "archive.wacz"
    ts_attr = f' ts="{html.escape(ts)}"' if ts else ""
    index = INDEX_HTML.format(source=html.escape(wacz_name), url=html.escape(url), ts=ts_attr).encode()
    files = {
        "/": index,
        "/index.html": index,
        "/ui.js": REPLAYWEB / "ui.js",
        "/replay/": REPLAY_INDEX_HTML,
        "/replay/index.html": REPLAY_INDEX_HTML,
        "/replay/ui.js": REPLAYWEB / "ui.js",
        "/replay/sw.js": REPLAYWEB / "sw.js",
        "/" + wacz_name: wacz_path,
        "/favicon.ico": b"",
    }
    requests: list = []
    with _thread_server(_SiteHandler, files=files, requests=requests) as server:
        yield Site(base=f"http://127.0.0.1:{server.server_address[1]}", requests=requests)


@dataclass
class Replayed:
    """What ReplayWeb.page showed: the replay frame's URL, visible text, images, and every
    request that tried to leave 127.0.0.1 (refused), for tests to assert on."""

    frame_url: str
    text: str
    images: list[dict]
    blocked: list[str]
    wacz_range_requests: int
    console: list[str]

    @property
    def loaded_images(self) -> list[dict]:
        """Images that decoded (naturalWidth > 0): the archived bytes came back as an image."""
        return [img for img in self.images if img["naturalWidth"] > 0]

    @property
    def broken_images(self) -> list[dict]:
        """Images fetched through the replay that finished without decoding: not in the WACZ, or
        not an image there. (Inline data: images are left out: they never touch the archive, and
        an SVG without its own width reports naturalWidth 0 though it shows.)"""
        return [img for img in self.images
                if img["complete"] and img["naturalWidth"] == 0 and not img["src"].startswith("data:")]


def _is_loopback(url: str) -> bool:
    """True for this machine's URLs and for ones that are no network at all (data:, blob:)."""
    host = urlsplit(url).hostname or ""
    return host in ("127.0.0.1", "localhost", "::1") or not url.startswith(("http:", "https:", "ws:", "wss:"))


def _replay_frame(page, url: str):
    """The frame replaying ``url`` (matched loosely: ReplayWeb.page may normalise the URL)."""
    want = url.rstrip("/").split("://", 1)[-1]
    for frame in page.frames:
        match = REPLAY_FRAME.search(frame.url)
        if match and match.group(2).rstrip("/").split("://", 1)[-1] == want:
            return frame
    return None


@contextlib.contextmanager
def offline_context(browser, **context_options):
    """A new context of ``browser`` that cannot reach past 127.0.0.1; yields (context, blocked).

    Two fences, both counted in ``blocked`` (a list, filled as requests are refused):
    a proxy that is a local server answering every request 403 (Chromium sends all non-loopback
    traffic of the context there, service-worker fetches included, which routes do not see), and
    a route aborting non-loopback requests of the pages (so they fail fast, before any proxy)."""
    with _thread_server(_RefusingProxyHandler, refused=[]) as proxy:
        context = browser.new_context(
            proxy={"server": f"http://127.0.0.1:{proxy.server_address[1]}", "bypass": "127.0.0.1,localhost"},
            **context_options,
        )
        blocked = proxy.refused  # the proxy appends here; the route below too

        def guard(route):
            if _is_loopback(route.request.url):
                route.continue_()
            else:
                blocked.append(f"{route.request.method} {route.request.url}")
                route.abort("internetdisconnected")

        try:
            context.route("**/*", guard)
            yield context, blocked
        finally:
            context.close()


def replayed_page(browser, wacz_path: str | Path, url: str, ts: str | None = None,
                  timeout: float = 45.0, wait_for_text: str | None = None,
                  image_timeout: float = 15.0) -> Replayed:
    """Load ``wacz_path`` in ReplayWeb.page in ``browser`` (a Playwright Chromium) and return
    what the replay of ``url`` shows once it has loaded and its images have settled.

    ``wait_for_text``: keep waiting (up to ``timeout``) until the replayed text contains it,
    for pages that fill in after load. Images get at most ``image_timeout`` more to settle
    (those still loading then are reported with ``complete`` False). A fresh context per call,
    so no service worker or cached archive carries over between calls. Raises TimeoutError with
    diagnostics (frames, console, the embed's own error message) when the replay frame never
    shows. With a browser not launched with CHROMIUM_ARGS, ``blocked`` can also hold Chromium's
    own autofill calls on pages with forms."""
    deadline = time.monotonic() + timeout
    # The site outlives the context, so the service worker never sees the server vanish under it.
    with serve_replayweb(wacz_path, url, ts) as site, offline_context(browser) as (context, blocked):
        console: list[str] = []
        page = context.new_page()
        page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda err: console.append(f"pageerror: {err}"))
        page.goto(site.index, wait_until="load", timeout=timeout * 1000)

        frame = text = None
        while time.monotonic() < deadline:
            frame = _replay_frame(page, url)
            if frame is not None:
                try:
                    frame.wait_for_load_state("load", timeout=max(1.0, deadline - time.monotonic()) * 1000)
                    text = frame.evaluate("() => document.body ? document.body.innerText : ''")
                except Exception:  # the frame navigated or was replaced while loading: look again
                    text = None
                if text and (wait_for_text is None or wait_for_text in text):
                    break
            page.wait_for_timeout(200)
        else:
            raise TimeoutError(_diagnose(page, url, timeout, console, site, text))

        frame.evaluate(EAGER_IMAGES_JS)
        images = frame.evaluate(IMAGES_JS)
        image_deadline = min(deadline, time.monotonic() + image_timeout)
        while any(not img["complete"] for img in images) and time.monotonic() < image_deadline:
            page.wait_for_timeout(200)
            images = frame.evaluate(IMAGES_JS)
        return Replayed(frame_url=frame.url, text=text, images=images,
                        blocked=list(blocked),
                        wacz_range_requests=len(site.wacz_range_requests()), console=console)


def replayed_text(browser, wacz_path: str | Path, url: str, ts: str | None = None, timeout: float = 45.0,
                  **options) -> str:
    """The visible text of ``url`` as ReplayWeb.page replays it from ``wacz_path`` (options as for
    :func:`replayed_page`). Use replayed_page to also assert nothing was fetched from outside."""
    return replayed_page(browser, wacz_path, url, ts=ts, timeout=timeout, **options).text


def replayed_images(browser, wacz_path: str | Path, url: str, ts: str | None = None, timeout: float = 45.0,
                    **options) -> list[dict]:
    """The images of the replayed ``url`` that decoded (naturalWidth > 0)."""
    return replayed_page(browser, wacz_path, url, ts=ts, timeout=timeout, **options).loaded_images


def _diagnose(page, url: str, timeout: float, console: list[str], site: Site, text) -> str:
    """Why the replay frame did not show: the frames there were, the embed's error text, console."""
    try:
        embed_text = page.evaluate("""() => {
          const el = document.querySelector('replay-web-page');
          return el && el.shadowRoot ? el.shadowRoot.textContent.trim() : '(no shadow root)';
        }""")
    except Exception as exc:  # noqa: BLE001 - diagnostics only
        embed_text = f"(could not read: {exc})"
    frames = "\n  ".join(f.url for f in page.frames)
    logs = "\n  ".join(console[-20:])
    served = "\n  ".join(f"{m} {p} {r or ''}" for m, p, r in site.requests[-20:])
    return (f"ReplayWeb.page did not show {url} within {timeout} s (last text: {text!r}).\n"
            f"embed says: {embed_text!r}\nframes:\n  {frames}\nconsole:\n  {logs}\nserved:\n  {served}")


# A form on an archived page (a forum's search or login box) makes Chromium itself ask
# content-autofill.googleapis.com for field predictions; seen on the sample forum's pages. The
# fence refuses and counts that too, but it is the browser's doing, not the archive's, so the
# autofill server is pointed at a closed loopback port. (Not --disable-features: a second copy of
# that switch replaces Playwright's own list, which turns HTTPS-Upgrades back on, among others.)
CHROMIUM_ARGS = [
    "--autofill-server-url=http://127.0.0.1:9/",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


@contextlib.contextmanager
def launch_chromium():
    """Headless Debian Chromium via Playwright (no Playwright browser download), for callers
    without a browser fixture of their own (others can pass ``args=CHROMIUM_ARGS`` to theirs).
    Host resolution is cut for anything but loopback, a second fence behind the per-context
    proxy of :func:`offline_context`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "REPLAYWEB", "Replayed", "installed_version", "launch_chromium",
           "offline_context", "replayed_images", "replayed_page", "replayed_text", "serve_replayweb"]
