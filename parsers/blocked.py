"""Pages that stand between the crawler and the content, whatever the engine.

Engine parsers recognise their own error and login pages; this module knows the walls put up
in front of any site (Cloudflare and similar bot challenges).
"""

from __future__ import annotations

from parsel import Selector

_CHALLENGE_TITLES = ("just a moment...", "attention required! | cloudflare", "ddos-guard", "please wait...")


def challenge_reason(doc: Selector, status: int) -> str | None:
    """Why the page is a bot challenge rather than content, or None."""
    title = " ".join(doc.css("title::text").get("").split()).lower()
    if doc.css("#challenge-form, #cf-challenge-running, #challenge-running, script[src*='/cdn-cgi/challenge-platform/']"):
        return f"Cloudflare challenge (HTTP {status})"
    if title in _CHALLENGE_TITLES and status in (403, 429, 503):
        return f"bot challenge page '{title}' (HTTP {status})"
    return None
