"""A fast loopback forum for crawl benchmarks: generated Invision Community threads over HTTP/1.1.

Why: a crawl benchmark must measure the crawler, not the server. The demo server
(``crawler/demo_site``) is a ``http.server`` that reads files per request; this one is a plain
asyncio server with keep-alive, in a thread of the benchmark's own process, that assembles each
page from a template prepared once (a join of byte strings), so it costs little of the machine.

The pages come from the sample board the way ``bench/parse.py`` builds its "short posts" page (its
generator is imported, not copied): the sample's page 1 with its posts replaced by copies of the
conversational posts. Here each page keeps the first ``posts`` of them, every post gets an id of
its own (no two pages share one), and the topic URL, canonical link, ``<link rel="next">`` and
the pagination lists are the page's own, so the real ``forum`` spider follows thread ``t`` from
``/topic/<t>-bench-thread/`` to ``/topic/<t>-bench-thread/page/<pages>/`` and stops there.

Every page has an ``ETag`` and a ``Last-Modified``; a request whose ``If-None-Match`` names the
current ETag gets ``304 Not Modified``. The server counts every request it answers (its own log,
independent of the crawler's stats): ``requests``, ``not_modified``, ``bytes_sent``.

    .venv/bin/python bench/thread_site.py --threads 3 --pages 4 --posts 10   # serve until Ctrl-C
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a clone without installing it

from bench.parse import (  # noqa: E402
    FIRST_FRESH_ID, GENERATED_POSTS, POST_BLOCK, SAMPLE_BASE_URL, SAMPLE_PATH, SHORT_POSTS, generated_page,
)

LAST_MODIFIED = "Sat, 20 Nov 2021 10:00:00 GMT"
FIRST_POST_ID = 10_000_001  # post ids of the generated pages count up from here
_PAGE_PATH = re.compile(r"^/topic/(\d+)-bench-thread/(?:page/(\d+)/)?$")
_HEAD_LINKS = re.compile(r'<link rel="(?:canonical|next)" href="[^"]*">|<meta property="og:url" content="[^"]*">')
_PAGINATION = re.compile(r"<ul class='ipsPagination'.*?</ul>", re.S)


def thread_path(thread: int, page: int = 1) -> str:
    return f"/topic/{thread}-bench-thread/" + (f"page/{page}/" if page > 1 else "")


class PageTemplate:
    """A generated topic page cut into literal pieces and slots, filled per (thread, page)."""

    def __init__(self, posts: int) -> None:
        if not 1 <= posts <= GENERATED_POSTS:
            raise ValueError(f"posts per page must be 1 to {GENERATED_POSTS}")
        self.posts = posts
        html = generated_page("short posts", SHORT_POSTS).body.decode("utf-8")
        blocks = list(POST_BLOCK.finditer(html))
        html = html[:blocks[posts - 1].end()] + html[blocks[-1].end():]  # keep the first `posts` posts
        html = _HEAD_LINKS.sub("\x00head\x00", html, count=1)
        html = _HEAD_LINKS.sub("", html)
        html = _PAGINATION.sub("\x00pagination\x00", html)
        html = html.replace(SAMPLE_BASE_URL + SAMPLE_PATH, "\x00thread\x00").replace(SAMPLE_BASE_URL, "\x00base\x00")
        fresh = "|".join(str(i) for i in range(FIRST_FRESH_ID, FIRST_FRESH_ID + posts))
        html = re.sub(rf"(?<!\d)({fresh})(?!\d)", lambda m: f"\x00post{int(m.group(1)) - FIRST_FRESH_ID}\x00", html)
        # Even pieces are literal text, odd pieces are slot names.
        self.pieces = [piece if i % 2 else piece.encode("utf-8") for i, piece in enumerate(html.split("\x00"))]

    def render(self, base_url: str, thread: int, page: int, pages: int) -> bytes:
        page_url = base_url + thread_path(thread, page)
        next_url = base_url + thread_path(thread, page + 1) if page < pages else None
        first_id = FIRST_POST_ID + ((thread - 1) * pages + page - 1) * self.posts
        head = f'<link rel="canonical" href="{page_url}">\n\t<meta property="og:url" content="{page_url}">'
        if next_url:
            head += f'\n\t<link rel="next" href="{next_url}">'
        slots = {
            "head": head,
            "pagination": _pagination(page_url, next_url, page, pages, self.posts),
            "thread": base_url + thread_path(thread),
            "base": base_url,
            **{f"post{i}": str(first_id + i) for i in range(self.posts)},
        }
        return b"".join(piece if isinstance(piece, bytes) else slots[piece].encode("utf-8")
                        for piece in self.pieces)


def _pagination(page_url: str, next_url: str | None, page: int, pages: int, per_page: int) -> str:
    next_item = (f"<li class='ipsPagination_next'><a href='{next_url}' rel=\"next\" data-page='{page + 1}'>Next</a></li>"
                 if next_url else
                 f"<li class='ipsPagination_next ipsPagination_inactive'><a href='{page_url}' data-page='{page}'>Next</a></li>")
    return (f"<ul class='ipsPagination' data-pages='{pages}' data-ipsPagination data-ipsPagination-pages=\"{pages}\" "
            f"data-ipsPagination-perPage='{per_page}'>\n"
            f"<li class='ipsPagination_page ipsPagination_active'><a href='{page_url}' data-page='{page}'>{page}</a></li>\n"
            f"{next_item}\n</ul>")


@dataclass
class RequestLog:
    """What the server answered, counted by the server itself."""

    requests: int = 0
    pages: int = 0  # 200 answers with a thread page
    not_modified: int = 0
    bytes_sent: int = 0
    first_at: float | None = None  # time.perf_counter() of the first request
    last_at: float | None = None
    paths: dict[str, int] = field(default_factory=dict)

    def note(self, path: str, status: int, sent: int, keep_paths: bool) -> None:
        now = time.perf_counter()
        self.first_at = self.first_at or now
        self.last_at = now
        self.requests += 1
        self.pages += status == 200
        self.not_modified += status == 304
        self.bytes_sent += sent
        if keep_paths:
            self.paths[path] = self.paths.get(path, 0) + 1


class ThreadSite:
    """``threads`` IPS threads of ``pages`` pages of ``posts`` posts each, on 127.0.0.1.

    :param version: part of every ETag; change it to make every page "changed"
    :param keep_paths: count requests per path too (for small sites; off for 100k-page runs)
    """

    def __init__(self, threads: int, pages: int, posts: int = 10, version: int = 1, keep_paths: bool = True) -> None:
        self.threads, self.pages, self.version, self.keep_paths = threads, pages, version, keep_paths
        self.template = PageTemplate(posts)
        self.log = RequestLog()
        self.base_url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[asyncio.StreamWriter] = set()

    def thread_urls(self) -> list[str]:
        return [self.base_url + thread_path(t) for t in range(1, self.threads + 1)]

    def reset_log(self) -> RequestLog:
        """The log so far, and a fresh one from now on."""
        log, self.log = self.log, RequestLog()
        return log

    def etag(self, thread: int, page: int) -> str:
        return f'"{thread}-{page}-v{self.version}"'

    def start(self) -> "ThreadSite":
        started = threading.Event()

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            self._server = self._loop.run_until_complete(
                asyncio.start_server(self._handle, "127.0.0.1", 0, backlog=256))
            host, port = self._server.sockets[0].getsockname()[:2]
            self.base_url = f"http://{host}:{port}"
            started.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, name="thread-site", daemon=True)
        self._thread.start()
        started.wait()
        return self

    def stop(self) -> None:
        async def close() -> None:
            self._server.close()
            for connection in list(self._connections):  # keep-alive connections the crawler left open
                connection.close()
            await self._server.wait_closed()
            tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            if tasks:  # each ends on the EOF of its closed connection
                await asyncio.wait(tasks, timeout=5)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> "ThreadSite":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def answer(self, path: str, if_none_match: str | None) -> tuple[int, list[tuple[str, str]], bytes]:
        match = _PAGE_PATH.match(path)
        thread, page = (int(match.group(1)), int(match.group(2) or 1)) if match else (0, 0)
        if not (1 <= thread <= self.threads and 1 <= page <= self.pages):
            return 404, [("Content-Type", "text/plain")], b"not found\n"
        etag = self.etag(thread, page)
        validators = [("ETag", etag), ("Last-Modified", LAST_MODIFIED)]
        if if_none_match == etag:
            return 304, validators, b""
        body = self.template.render(self.base_url, thread, page, self.pages)
        return 200, [("Content-Type", "text/html;charset=UTF-8"), *validators], body

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._connections.add(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, target = lines[0].split(" ")[:2]
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                path = target.split("?", 1)[0]
                status, response_headers, body = self.answer(path, headers.get("if-none-match"))
                reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
                out = [f"HTTP/1.1 {status} {reason}", *(f"{n}: {v}" for n, v in response_headers)]
                if status != 304:
                    out.append(f"Content-Length: {len(body)}")
                payload = ("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + (body if method != "HEAD" else b"")
                writer.write(payload)
                self.log.note(path, status, len(payload), self.keep_paths)
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    return
        finally:
            self._connections.discard(writer)
            writer.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--pages", type=int, default=4, help="pages per thread")
    parser.add_argument("--posts", type=int, default=10, help="posts per page (1-25)")
    args = parser.parse_args(argv)
    with ThreadSite(args.threads, args.pages, args.posts) as site:
        print("\n".join(site.thread_urls()))
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
