"""forumscraper (0.1.21) as a benchmark peer: saved thread pages in, its posts out, no network.

Runs inside ``bench/.venvs/forumscraper`` (Python 3.12+), started by ``bench/peers.py``; the
commands it answers are in ``protocol.py``.

Entry point, read from forumscraper's source (``extractors/common.py``): ``Extractor.get_thread
(url, rq=html)`` identifies the engine from the page and runs that engine's thread extractor on
the given HTML instead of fetching it (``get_first_html`` wraps ``rq`` in a reliq tree). With
``output=Outputs.data`` the thread comes back in ``state["data"]["threads"]`` instead of being
written to files; ``thread_pages_max=1`` stops it from following the "next page" link. Failures
raise (the default ``undisturbed=False``). The clock covers decoding the bytes (UTF-8, as every
saved page is) and that one call.
"""

from __future__ import annotations

from protocol import serve

from forumscraper import Extractor, Outputs

EXTRACTOR = Extractor(output=Outputs.data | Outputs.threads, thread_pages_max=1)
TEXT_KEYS = ("content", "text", "body")  # the post body's key differs per engine
ID_KEYS = ("id", "postid")


def parse(body: bytes, url: str, engine: str) -> list[dict]:
    """forumscraper's posts of one page, as the protocol's plain dicts (``engine`` is not used:
    forumscraper identifies the engine itself)."""
    state = EXTRACTOR.get_thread(url, rq=body.decode("utf-8", "replace"))
    threads = state["data"]["threads"] if state else []
    if not threads:
        raise LookupError("forumscraper did not recognise the page as a thread of an engine it knows")
    return [post_fields(post) for post in threads[0].get("posts", [])]


def post_fields(post: dict) -> dict:
    user = post.get("user")
    if isinstance(user, dict):  # vBulletin: {"name": ..., "link": ..., ...}
        author, author_url = user.get("name"), user.get("link") or user.get("user_link")
    else:
        author, author_url = user, post.get("user_link")
    return {
        "id": str(next((post[key] for key in ID_KEYS if post.get(key)), "")),
        "url": None,
        "author": author,
        "author_url": author_url or None,
        "date": post.get("date"),
        "text": next((post[key] for key in TEXT_KEYS if post.get(key)), ""),
    }


if __name__ == "__main__":
    serve(parse)
