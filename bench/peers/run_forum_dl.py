"""forum-dl (0.3.0) as a benchmark peer: saved thread pages in, its posts out, no network.

Runs inside ``bench/.venvs/forum-dl`` (Python 3.12+, pydantic<2), started by ``bench/peers.py``;
the commands it answers are in ``protocol.py``.

Entry point, read from forum-dl's source (``extractors/common.py``): every HTML extractor reads
one thread page in ``HtmlExtractor._fetch_thread_page_posts(thread, state)``: it gets the page
from its ``Session``, parses it with BeautifulSoup (lxml), selects the post elements, runs the
engine's ``_extract_thread_page_post`` on each, and looks for embedded files. The public
``posts()`` loops over pages and logs exceptions instead of raising, so the page function is
called directly: one page, and a failure surfaces. forum-dl fetches through ``Session.get``, so
a ``SavedPages`` session hands it the saved bytes for the page's own URL and refuses any other
URL (Discourse's extractor, for one, asks for the topic's ``.json`` API instead).

forum-dl detects the engine by fetching the site's pages (board index, breadcrumbs), which a
single saved page cannot answer, so the extractor is picked by the page's engine, as ours would
be with ``parse_page(..., engine=...)``. A fresh session and extractor are built for each parse
outside the clock (forum-dl's session refuses to fetch one URL twice).
"""

from __future__ import annotations

import requests
from protocol import serve

from forum_dl.extractors.common import ExtractorOptions, PageState, Post, Thread
from forum_dl.extractors.discourse import DiscourseExtractor
from forum_dl.extractors.invision import InvisionExtractor
from forum_dl.extractors.phpbb import PhpbbExtractor
from forum_dl.extractors.simplemachines import SimplemachinesExtractor
from forum_dl.extractors.vbulletin import VbulletinExtractor
from forum_dl.extractors.xenforo import XenforoExtractor
from forum_dl.session import Session, SessionOptions

EXTRACTORS = {
    "ips": InvisionExtractor,
    "xenforo": XenforoExtractor,
    "phpbb": PhpbbExtractor,
    "vbulletin": VbulletinExtractor,
    "smf": SimplemachinesExtractor,
    "discourse": DiscourseExtractor,
}
OPTIONS = SessionOptions(timeout=1, retries=1, retry_sleep=0, retry_sleep_multiplier=1,
                         warc_output="", user_agent="forum-archiver-bench", get_urls=False)


class SavedPages(Session):
    """forum-dl's own session (its caching and bookkeeping), answering from one saved page."""

    def __init__(self, url: str, body: bytes):
        super().__init__(OPTIONS)
        self.saved_url, self.saved_body = url, body

    def _do_get(self, url, *, params={}, headers={}, **kwargs):
        if url != self.saved_url or params:
            raise LookupError(f"forum-dl asked for {url} {params or ''}, not the saved page")
        response = requests.Response()
        response.status_code, response.url, response._content = 200, url, self.saved_body
        response.headers["Content-Type"] = "text/html; charset=utf-8"
        return response


def prepare(body: bytes, url: str, engine: str):
    if engine not in EXTRACTORS:
        raise LookupError(f"forum-dl has no extractor for {engine}")
    extractor = EXTRACTORS[engine](SavedPages(url, body), url, ExtractorOptions(path=False))
    thread = Thread(path=("thread",), url=url, origin=url, data={}, title="")
    return extractor, thread


def parse(body: bytes, url: str, engine: str, prepared) -> list[dict]:
    extractor, thread = prepared
    items = list(extractor._fetch_thread_page_posts(thread, PageState(url=url, page=1)))
    return [post_fields(item) for item in items if isinstance(item, Post)]


def post_fields(post: Post) -> dict:
    return {
        "id": post.subpath[-1] if post.subpath else "",
        "url": post.url,
        "author": post.author,
        "author_url": None,
        "date": post.creation_time,
        "text": post.content,
    }


if __name__ == "__main__":
    serve(parse, prepare)
