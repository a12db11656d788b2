"""Pages that stand between the crawler and the content, whatever the engine.

Engine parsers recognise their own error and login pages; this module knows the walls put up
in front of any site (Cloudflare and similar bot challenges).
"""

from __future__ import annotations

from parsel import Selector

from .page_index import PageIndex, page_index

_CHALLENGE_TITLES = ("just a moment...", "attention required! | cloudflare", "ddos-guard", "please wait...")


_MARKERS = ("challenge-form", "challenge-running", "/cdn-cgi/challenge-platform/")
_CHALLENGE_IDS = ("challenge-form", "cf-challenge-running", "challenge-running")


def challenge_reason(doc: Selector, text: str, status: int) -> str | None:
    """Why the page is a bot challenge rather than content, or None.

    ``text`` is the decoded page: a substring test rules out almost every page before any tree walk.
    """
    title = " ".join(doc.xpath("/html/head/title/text()").get("").split()).lower()
    if any(marker in text for marker in _MARKERS) and _challenge_markup(page_index(doc.root)):
        return f"Cloudflare challenge (HTTP {status})"
    if title in _CHALLENGE_TITLES and status in (403, 429, 503):
        return f"bot challenge page '{title}' (HTTP {status})"
    return None


def _challenge_markup(index: PageIndex) -> bool:
    """``#challenge-form, #cf-challenge-running, #challenge-running, script[src*='/cdn-cgi/challenge-platform/']``,
    asked of the page's index: sites behind Cloudflare load its challenge script on every page, and
    the index's walks serve the engines' detection next."""
    return index.has_id(*_CHALLENGE_IDS) or index.script_from("/cdn-cgi/challenge-platform/")
