"""The sample-forum server in this process with a test's own handler, for the engine crawl tests
whose boards address pages by query string (``?page=N``, ``viewtopic.php?t=N``) or answer an API."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crawler.demo_site.server import SampleForumHandler, make_server


@contextmanager
def serving(site: Path, handler: type[SampleForumHandler], **attrs) -> Iterator[str]:
    """Serve ``site`` with ``handler`` on a free 127.0.0.1 port until the block ends; yields the base
    URL. ``attrs`` are set on the server, for a handler that reads them (``self.server.<name>``)."""
    server = make_server(0, site)
    server.RequestHandlerClass = handler
    for name, value in attrs.items():
        setattr(server, name, value)
    threading.Thread(target=server.serve_forever, name=f"{site.name}-server", daemon=True).start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


class PageQueryHandler(SampleForumHandler):
    """The sample server's handler with ``_send_page_n``: ``<path>?page=N`` from ``<path>/page-N/index.html``."""

    def _send_page_n(self, path: str, page: str, modified: bool = False) -> None:
        found = self._page_file(f"{path.rstrip('/')}/page-{page}")
        if found is None:
            return self._send(404, b"<html><body>no such page</body></html>", "text/html;charset=UTF-8")
        return self._send(200, self._render(found), "text/html;charset=UTF-8", modified=found if modified else None)
