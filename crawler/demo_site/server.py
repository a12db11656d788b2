"""A loopback HTTP server for the sample Invision Community board in ``pages/``.

It behaves like the real thing where the archive cares: absolute URLs (the ``{{BASE_URL}}``
placeholder becomes ``http://127.0.0.1:PORT``), gzip when the client accepts it, two
``Set-Cookie`` headers per page, ``?do=findComment&comment=N`` permalinks that redirect to the
page holding the comment, conditional requests (an ``ETag`` that hashes the body sent, answered
with 304 on a matching ``If-None-Match``; ``Last-Modified`` from the file's mtime, answered with 304
on an ``If-Modified-Since`` at least as recent when no ``If-None-Match`` is sent), a ``robots.txt``, RSS and sitemap XML files, Arabic pages in
windows-1256 with no declared charset (``index.windows-1256.html``), the pictures and stylesheet
under ``pages/uploads/`` (page requisites), and 404 pages. Run it on its own with
``python -m crawler.demo_site.server [--port N]``; it prints its address on the first line.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PAGES = Path(__file__).with_name("pages")
# A folder holding this file instead of index.html is served as windows-1256 without a charset.
LEGACY_PAGE = "index.windows-1256.html"
ROBOTS = b"User-agent: *\nDisallow: /login/\n"
_SAFE_PATH = re.compile(r"^[A-Za-z0-9/_.-]*$")
_COMMENT_ANCHOR = 'id="elComment_{}"'
# Files under pages/uploads/ served as they are (pictures drawn by scripts/make-demo-images).
STATIC_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".css": "text/css; charset=utf-8"}


class SampleForumHandler(BaseHTTPRequestHandler):
    server_version = "SampleForum/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # keep test output quiet
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        if parts.path == "/robots.txt":
            return self._send(200, ROBOTS, "text/plain; charset=utf-8")
        query = parse_qs(parts.query)
        if query.get("do") == ["findComment"] and query.get("comment"):
            return self._redirect_to_comment(parts.path, query["comment"][0])
        static = self._static_file(parts.path)
        if static is not None:
            return self._send(200, static.read_bytes(), STATIC_TYPES[static.suffix], modified=static)
        if parts.path.endswith(".xml"):
            feed = self._xml_file(parts.path)
            if feed is not None:
                return self._send(200, self._render(feed), "application/xml; charset=utf-8", modified=feed)
        legacy = self._page_file(parts.path, LEGACY_PAGE)
        if legacy is not None:
            # An Arabic page as old Arabic sites serve it: windows-1256 bytes, no charset anywhere.
            return self._send(200, self._render(legacy, "windows-1256"), "text/html", modified=legacy)
        page = self._page_file(parts.path)
        if page is None:
            return self._send(404, b"<html><head><title>Not found</title></head><body>"
                                   b"<div id='elError'>Sorry, we couldn't find that!</div></body></html>",
                              "text/html;charset=UTF-8")
        return self._send(200, self._render(page), "text/html;charset=UTF-8", modified=page)

    def _page_file(self, path: str, name: str = "index.html") -> Path | None:
        if not _SAFE_PATH.match(path) or ".." in path:
            return None
        root = self.server.pages
        candidate = root / path.strip("/") / name if path.strip("/") else root / name
        return candidate if candidate.is_file() else None

    def _static_file(self, path: str) -> Path | None:
        """A picture or stylesheet under ``pages/uploads/`` (the posts' images, reactions, the CSS)."""
        if not _SAFE_PATH.match(path) or ".." in path or not path.startswith("/uploads/"):
            return None
        candidate = self.server.pages / path.strip("/")
        return candidate if candidate.suffix in STATIC_TYPES and candidate.is_file() else None

    def _xml_file(self, path: str) -> Path | None:
        if not _SAFE_PATH.match(path) or ".." in path:
            return None
        candidate = self.server.pages / path.strip("/")
        return candidate if candidate.is_file() else None

    def _redirect_to_comment(self, path: str, comment_id: str) -> None:
        topic = self.server.pages / path.strip("/")
        for page in sorted(topic.glob("**/index.html")):
            if _COMMENT_ANCHOR.format(comment_id) in page.read_text(encoding="utf-8"):
                target = "/" + page.parent.relative_to(self.server.pages).as_posix() + "/"
                return self._send(301, b"", "text/html;charset=UTF-8",
                                  extra=[("Location", f"{self._base_url()}{target}#comment-{comment_id}")])
        return self._send(404, b"<html><body><div id='elError'>No such comment</div></body></html>",
                          "text/html;charset=UTF-8")

    def _render(self, page: Path, encoding: str = "utf-8") -> bytes:
        return page.read_text(encoding="utf-8").replace("{{BASE_URL}}", self._base_url()).encode(encoding)

    def _base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def _send(self, status: int, body: bytes, content_type: str, extra: list[tuple[str, str]] = (),
              modified: Path | None = None) -> None:
        headers = [("Content-Type", content_type)]
        if body and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
            headers.append(("Vary", "Accept-Encoding"))
        validators = []
        if status == 200:
            validators.append(("ETag", '"%s"' % hashlib.sha1(body).hexdigest()[:20]))
            if modified is not None:
                validators.append(("Last-Modified", email.utils.formatdate(int(modified.stat().st_mtime), usegmt=True)))
            if self._not_modified(dict(validators)):
                status, body = 304, b""
                headers = [h for h in headers if h[0] != "Content-Type"]
        headers += validators
        headers += [
            *([("Content-Length", str(len(body)))] if status != 304 else []),
            # Two cookies as IPS sets them: repeated headers must survive archiving.
            ("Set-Cookie", "ips4_IPSSessionFront=d41d8cd98f00b204; path=/; HttpOnly"),
            ("Set-Cookie", "ips4_guestTime=1636329600; path=/; HttpOnly"),
            *extra,
        ]
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _not_modified(self, validators: dict[str, str]) -> bool:
        """True when the request's If-None-Match (or else If-Modified-Since) matches the page."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or validators.get("ETag") in tags
        since, last_modified = self.headers.get("If-Modified-Since"), validators.get("Last-Modified")
        if since is None or last_modified is None:
            return False
        try:
            return email.utils.parsedate_to_datetime(last_modified) <= email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False


def make_server(port: int = 0, pages: Path = PAGES, verbose: bool = False) -> ThreadingHTTPServer:
    """A sample-forum server bound to 127.0.0.1 (not yet serving); port 0 picks a free port."""
    server = ThreadingHTTPServer(("127.0.0.1", port), SampleForumHandler)
    server.pages = Path(pages)
    server.verbose = verbose
    server.daemon_threads = True
    return server


def start_server(port: int = 0, pages: Path = PAGES, verbose: bool = False) -> ThreadingHTTPServer:
    """Start the sample forum in a background thread; ``server.server_address`` has the port."""
    server = make_server(port, pages, verbose)
    threading.Thread(target=server.serve_forever, name="sample-forum", daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the sample forum on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--pages", default=str(PAGES), help="folder of pages to serve (default: the sample forum)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    server = make_server(args.port, Path(args.pages), args.verbose)
    host, port = server.server_address[:2]
    print(f"listening on http://{host}:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
