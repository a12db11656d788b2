"""Follow one thread's pages without falling into a trap.

A thread's pagination is followed one "next" link at a time, so a broken or hostile board can
keep a crawl busy for ever: a next link that serves the same page again (an identical-page trap),
relative links that grow a new path each time, a page counter that never ends. A
:class:`ThreadWalk` remembers, for one thread in one run, what each page it accepted looked like,
and refuses a page that

- repeats a page already seen in this walk, byte for byte (same body digest);
- shows exactly the post ids of a page already seen (the same posts under another URL);
- does not advance the page number the parser read (page 3 after page 3, or after page 5);

and it refuses to go on past ``max_pages`` pages in one run (``ARCHIVE_MAX_THREAD_PAGES``).

The refusal reason becomes a ``crawl_errors`` row (kind ``trap`` or ``page_cap``), so the cut is
visible and ``forum-archiver check`` shows the thread as incomplete if pages really are missing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class Refusal:
    kind: str  # "trap" or "page_cap"
    detail: str


@dataclass
class ThreadWalk:
    max_pages: int
    pages: int = 0
    digests: dict[str, str] = field(default_factory=dict)  # body sha1 -> URL first seen at
    post_sets: dict[tuple[str, ...], str] = field(default_factory=dict)  # post ids -> URL
    last_page_number: int | None = None

    def accept(self, url: str, body: bytes | None, post_ids: list[str], page_number: int | None,
               follows_page: int | None, body_digest: str | None = None) -> Refusal | None:
        """Whether the page at ``url`` may be taken into the walk (None) or why not.

        :param body: the page as served, or None when it came as a 304 (its body is an earlier capture's)
        :param follows_page: the page number of the page whose next link led here (None for a
            start page): a next page must have a higher number
        :param body_digest: the body's digest when the archive already took it (its WARC payload
            digest): hashing 40 KB again lets go of the GIL, and getting it back from the archive
            writer's threads cost Scrapy's thread 0.07 ms a page. Every page of one walk comes
            with one or none (archiving is on or off for the whole run).
        """
        digest = (body_digest or hashlib.sha1(body).hexdigest()) if body is not None else None
        if digest is not None and digest in self.digests:
            return Refusal("trap", f"the same page again: its body is identical to {self.digests[digest]}")
        posts = tuple(post_ids)
        if posts and posts in self.post_sets:
            return Refusal("trap", f"the same {len(posts)} post(s) as {self.post_sets[posts]} under another address")
        if follows_page is not None and page_number is not None and page_number <= follows_page:
            return Refusal("trap", f"the next page after page {follows_page} says it is page {page_number}")
        self.pages += 1
        if digest is not None:
            self.digests[digest] = url
        if posts:
            self.post_sets[posts] = url
        self.last_page_number = page_number
        return None

    def next_page_refused(self) -> Refusal | None:
        """Why the walk may not go on to a next page (the page cap), or None."""
        if self.pages >= self.max_pages:
            return Refusal("page_cap", f"{self.max_pages} pages read in this run (ARCHIVE_MAX_THREAD_PAGES): "
                                       "not fetched; the next run reads on from here")
        return None
