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

With ``requisites=True`` (off by default, so the pages of the other benchmarks do not change) the
pages carry page requisites as a forum's do, and the server serves them: in each post's body two
pictures of its own (PNGs of 3 to 7 KB, unique bytes per post; the second an IPS attached image),
each post's avatar from a small set of members (so avatars repeat across pages), and on every page
the same stylesheet, logo and five reaction icons. Requisites have ETags and answer
``If-None-Match`` as pages do; the log counts requests for them apart (``requisites``,
``requisite_paths``). Without the option, the URLs the sample page names (its stylesheet, logo and
reaction icons) answer 404, as before.

    .venv/bin/python bench/thread_site.py --threads 3 --pages 4 --posts 10   # serve until Ctrl-C
    .venv/bin/python bench/thread_site.py --requisites                       # pages with pictures
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import struct
import sys
import threading
import time
import zlib
from functools import lru_cache
from http import HTTPStatus
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

# --- requisites (ThreadSite(requisites=True)) ---
AUTHORS = 8  # members whose avatars the posts show: post id modulo AUTHORS
PICTURES_PER_POST = 2
STYLESHEET = "/uploads/css_built_1/framework.css"  # the sample's own stylesheet and logo URLs
LOGO = "/uploads/monthly_2019_05/logo.png.8c1f6e2b.png"
REACTIONS = ("haha", "like", "pow", "thanks", "upvote")  # the sample's; each post shows all five
UPLOADS = "/uploads/monthly_2021_11/"
_AVATAR_SRC = re.compile(r'(<img src=")data:image/svg\+xml,[^"]*(")')
_COMMENT_CONTENT = re.compile(r'(<div data-role="commentContent"[^>]*>)')
_REQUISITE_PATH = re.compile(
    r"^(?:" + re.escape(STYLESHEET) + "|" + re.escape(LOGO) + r"|/uploads/reactions/react_(?P<reaction>[a-z]+)\.png"
    + "|" + re.escape(UPLOADS) + r"(?:avatar-(?P<avatar>\d+)|post-(?P<post>\d+)-(?P<picture>\d+))\.png)$")


def thread_path(thread: int, page: int = 1) -> str:
    return f"/topic/{thread}-bench-thread/" + (f"page/{page}/" if page > 1 else "")


class PageTemplate:
    """A generated topic page cut into literal pieces and slots, filled per (thread, page)."""

    def __init__(self, posts: int, requisites: bool = False) -> None:
        if not 1 <= posts <= GENERATED_POSTS:
            raise ValueError(f"posts per page must be 1 to {GENERATED_POSTS}")
        self.posts = posts
        self.requisites = requisites
        html = generated_page("short posts", SHORT_POSTS).body.decode("utf-8")
        blocks = list(POST_BLOCK.finditer(html))
        html = html[:blocks[posts - 1].end()] + html[blocks[-1].end():]  # keep the first `posts` posts
        if requisites:
            html = _with_requisites(html)
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
        if self.requisites:
            for i in range(self.posts):
                slots[f"avatar{i}"] = f"{base_url}{UPLOADS}avatar-{(first_id + i) % AUTHORS}.png"
                slots[f"pictures{i}"] = _pictures(base_url, first_id + i)
        return b"".join(piece if isinstance(piece, bytes) else slots[piece].encode("utf-8")
                        for piece in self.pieces)


def _with_requisites(html: str) -> str:
    """The page with slots for each post's avatar and pictures, and the reactions every page shows."""
    blocks = list(POST_BLOCK.finditer(html))
    pieces, at = [], 0
    for i, block in enumerate(blocks):
        text = _AVATAR_SRC.sub(lambda m: f"{m.group(1)}\x00avatar{i}\x00{m.group(2)}", block.group(0))
        text = _COMMENT_CONTENT.sub(lambda m: f"{m.group(1)}\n\x00pictures{i}\x00", text, count=1)
        extra = "".join(
            f'\n\t\t\t\t<li class="ipsReact_reactCount"><span data-ipstooltip="" title="{name.capitalize()}"><span>'
            f'<img src="{SAMPLE_BASE_URL}/uploads/reactions/react_{name}.png" alt="{name.capitalize()}" loading="lazy">'
            f"</span><span>1</span></span></li>" for name in REACTIONS if f"/react_{name}.png" not in text)
        text = text.replace('<ul class="ipsReact_reactions">', '<ul class="ipsReact_reactions">' + extra, 1)
        pieces += [html[at:block.start()], text]
        at = block.end()
    html = "".join(pieces) + html[at:]
    # The topic starter's avatar, above the posts: the first member's.
    html = _AVATAR_SRC.sub(lambda m: f"{m.group(1)}{SAMPLE_BASE_URL}{UPLOADS}avatar-0.png{m.group(2)}", html)
    return html


def _pictures(base_url: str, post_id: int) -> str:
    """A post's own pictures, as IPS marks them up: an embedded image, then an attached one."""
    first, second = (f"{base_url}{UPLOADS}post-{post_id}-{k}.png" for k in (1, 2))
    return (f'<p><img src="{first}" class="ipsImage" alt="post-{post_id}-1.png" loading="lazy"></p>\n'
            f'<p><a href="{second}" class="ipsAttachLink ipsAttachLink_image"><img data-fileid="{post_id}" '
            f'src="{second}" class="ipsImage ipsImage_thumbnailed" alt="post-{post_id}-2.png" '
            'loading="lazy"></a></p>\n')


def png(width: int, height: int, seed: int | str) -> bytes:
    """A real RGB PNG of seeded noise: ``width * height * 3`` bytes that deflate cannot shrink, as
    photographs' compressed bytes cannot be shrunk again (a WARC's gzip gains nothing on them)."""
    rows = random.Random(seed).randbytes(width * height * 3)
    raw = b"".join(b"\x00" + rows[y * width * 3:(y + 1) * width * 3] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


@lru_cache(maxsize=64)
def shared_requisite(path: str) -> tuple[str, bytes]:
    """(Content-Type, bytes) of a requisite every page shows: the stylesheet, logo, icons, avatars."""
    if path == STYLESHEET:
        rules = "".join(f".ipsBench_{i} {{ margin: {i % 7}px; padding: {i % 5}px {i % 3}px; "
                        f"color: #{i * 2654435761 % 0xFFFFFF:06x}; }}\n" for i in range(400))
        return "text/css", rules.encode("ascii")
    if path == LOGO:
        return "image/png", png(120, 30, path)
    if path.startswith("/uploads/reactions/"):
        return "image/png", png(16, 16, path)
    return "image/png", png(32, 32, path)  # an avatar


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
    requisites: int = 0  # requests for a requisite the site serves (ThreadSite(requisites=True)), 200 or 304
    not_modified: int = 0
    bytes_sent: int = 0
    first_at: float | None = None  # time.perf_counter() of the first request
    last_at: float | None = None
    paths: dict[str, int] = field(default_factory=dict)
    requisite_paths: dict[str, int] = field(default_factory=dict)  # requests per requisite, always kept
    # With keep_paths: (time.time() the request was read, path, User-Agent) of every request, in order.
    hits: list[tuple[float, str, str]] = field(default_factory=list)

    def note(self, path: str, status: int, sent: int, keep_paths: bool, kind: str = "page",
             agent: str = "", arrived: float = 0.0) -> None:
        """``kind``: "page" (a thread page), "requisite" (one the site serves) or "other" (a 404)."""
        now = time.perf_counter()
        self.first_at = self.first_at or now
        self.last_at = now
        self.requests += 1
        self.pages += status == 200 and kind == "page"
        if kind == "requisite":
            self.requisites += 1
            self.requisite_paths[path] = self.requisite_paths.get(path, 0) + 1
        self.not_modified += status == 304
        self.bytes_sent += sent
        if keep_paths:
            self.paths[path] = self.paths.get(path, 0) + 1
            self.hits.append((arrived, path, agent))


class ThreadSite:
    """``threads`` IPS threads of ``pages`` pages of ``posts`` posts each, on 127.0.0.1.

    :param version: part of every ETag; change it to make every page "changed"
    :param keep_paths: count requests per path too (for small sites; off for 100k-page runs)
    :param requisites: pages carry pictures, avatars, icons and a stylesheet, and the site serves them
    :param host: the loopback address to listen on (127.0.0.2 and up are other hosts to a crawler)
    """

    def __init__(self, threads: int, pages: int, posts: int = 10, version: int = 1, keep_paths: bool = True,
                 requisites: bool = False, host: str = "127.0.0.1") -> None:
        self.threads, self.pages, self.version, self.keep_paths = threads, pages, version, keep_paths
        self.posts, self.requisites, self.host = posts, requisites, host
        self.template = PageTemplate(posts, requisites)
        self.log = RequestLog()
        self.base_url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[asyncio.StreamWriter] = set()
        self.fail_once: set[str] = set()  # paths answered 503 at their next request (fault tests)

    def thread_urls(self) -> list[str]:
        return [self.base_url + thread_path(t) for t in range(1, self.threads + 1)]

    def reset_log(self) -> RequestLog:
        """The log so far, and a fresh one from now on."""
        log, self.log = self.log, RequestLog()
        return log

    def etag(self, thread: int, page: int) -> str:
        return f'"{thread}-{page}-v{self.version}"'

    def requisite_urls(self) -> dict[str, set[str]]:
        """Every requisite the pages show, by kind: "post pictures" (unique per post) and "shared"
        (stylesheet, logo, reaction icons, the avatars the posts use). Empty without requisites."""
        if not self.requisites:
            return {}
        posts = range(FIRST_POST_ID, FIRST_POST_ID + self.threads * self.pages * self.posts)
        pictures = {f"{self.base_url}{UPLOADS}post-{post}-{k}.png" for post in posts
                    for k in range(1, PICTURES_PER_POST + 1)}
        avatars = {0, *(post % AUTHORS for post in posts)}
        shared = {self.base_url + STYLESHEET, self.base_url + LOGO,
                  *(f"{self.base_url}/uploads/reactions/react_{name}.png" for name in REACTIONS),
                  *(f"{self.base_url}{UPLOADS}avatar-{author}.png" for author in avatars)}
        return {"post pictures": pictures, "shared": shared}

    def requisite(self, path: str) -> tuple[str, bytes] | None:
        """(Content-Type, bytes) of the requisite at ``path``; None when the site has no such one."""
        match = _REQUISITE_PATH.match(path) if self.requisites else None
        if match is None:
            return None
        if match.group("reaction") is not None and match.group("reaction") not in REACTIONS:
            return None
        if match.group("avatar") is not None and int(match.group("avatar")) >= AUTHORS:
            return None
        if match.group("post") is not None:
            post, picture = int(match.group("post")), int(match.group("picture"))
            last = FIRST_POST_ID + self.threads * self.pages * self.posts
            if not (FIRST_POST_ID <= post < last and 1 <= picture <= PICTURES_PER_POST):
                return None
            size = 30 + (post * 7 + picture * 13) % 20  # 30 to 49 pixels square: 2.7 to 7.2 KB
            return "image/png", png(size, size, f"{post}-{picture}-v{self.version}")
        return shared_requisite(path)

    def start(self) -> "ThreadSite":
        started = threading.Event()

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            self._server = self._loop.run_until_complete(
                asyncio.start_server(self._handle, self.host, 0, backlog=256))
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
        return self._answer(path, if_none_match)[:3]

    def _answer(self, path: str, if_none_match: str | None) -> tuple[int, list[tuple[str, str]], bytes, str]:
        """(status, headers, body, kind): kind "page", "requisite" (one the site serves) or "other"."""
        if path in self.fail_once:
            self.fail_once.discard(path)
            return 503, [("Content-Type", "text/plain")], b"busy, try again later\n", "other"
        match = _PAGE_PATH.match(path)
        thread, page = (int(match.group(1)), int(match.group(2) or 1)) if match else (0, 0)
        if not match and self.requisites and (found := self.requisite(path)) is not None:
            content_type, body = found
            etag = f'"{zlib.crc32(body):08x}-v{self.version}"'
            validators = [("ETag", etag), ("Last-Modified", LAST_MODIFIED)]
            if if_none_match == etag:
                return 304, validators, b"", "requisite"
            return 200, [("Content-Type", content_type), *validators], body, "requisite"
        if not (1 <= thread <= self.threads and 1 <= page <= self.pages):
            return 404, [("Content-Type", "text/plain")], b"not found\n", "other"
        etag = self.etag(thread, page)
        validators = [("ETag", etag), ("Last-Modified", LAST_MODIFIED)]
        if if_none_match == etag:
            return 304, validators, b"", "page"
        body = self.template.render(self.base_url, thread, page, self.pages)
        return 200, [("Content-Type", "text/html;charset=UTF-8"), *validators], body, "page"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._connections.add(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                arrived = time.time()
                lines = head.decode("latin-1").split("\r\n")
                method, target = lines[0].split(" ")[:2]
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                path = target.split("?", 1)[0]
                status, response_headers, body, kind = self._answer(path, headers.get("if-none-match"))
                reason = HTTPStatus(status).phrase
                out = [f"HTTP/1.1 {status} {reason}", *(f"{n}: {v}" for n, v in response_headers)]
                if status != 304:
                    out.append(f"Content-Length: {len(body)}")
                payload = ("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + (body if method != "HEAD" else b"")
                writer.write(payload)
                self.log.note(path, status, len(payload), self.keep_paths, kind, headers.get("user-agent", ""), arrived)
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
    parser.add_argument("--requisites", action="store_true", help="pages with pictures, avatars, icons, a stylesheet")
    args = parser.parse_args(argv)
    with ThreadSite(args.threads, args.pages, args.posts, requisites=args.requisites) as site:
        print("\n".join(site.thread_urls()))
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
