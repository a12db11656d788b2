"""The sample forum plus routes that misbehave, for crawl tests of bad input.

Run as ``python tests/fault_server.py``; prints ``listening on http://127.0.0.1:PORT``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.demo_site.server import SampleForumHandler, make_server  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


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
        return super().do_GET()

    def _raw(self, status: int, body: bytes, extra=()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    server = make_server(0)
    server.RequestHandlerClass = FaultyForumHandler
    host, port = server.server_address[:2]
    print(f"listening on http://{host}:{port}", flush=True)
    server.serve_forever()
