"""Pages that stand between the crawler and the content, whatever the engine.

Engine parsers recognise their own error and login pages; this module knows the walls put up
in front of any site (Cloudflare and similar bot challenges).
"""

from __future__ import annotations

from parsel import Selector

from .page_index import parsed_tree_has_id

_CHALLENGE_TITLES = ("just a moment...", "attention required! | cloudflare", "ddos-guard", "please wait...")
_CHALLENGE_STATUSES = (403, 429, 503)

_PLATFORM_SCRIPT = "/cdn-cgi/challenge-platform/"
_MARKERS = ("challenge-form", "challenge-running", _PLATFORM_SCRIPT)
_CHALLENGE_IDS = ("challenge-form", "cf-challenge-running", "challenge-running")


def challenge_reason(doc: Selector, text: str, status: int) -> str | None:
    """Why the page is a bot challenge rather than content, or None.

    ``text`` is the decoded page: a substring test rules out almost every page before any tree walk.
    """
    if _has_marker(text) and _challenge_markup(doc.root):
        return f"Cloudflare challenge (HTTP {status})"
    if _ERROR_DETAILS in text and parsed_tree_has_id(doc.root, _ERROR_DETAILS):
        return _cloudflare_error(doc, status)
    if status in _CHALLENGE_STATUSES:  # the title only counts on these statuses: read it only then
        title = " ".join(doc.xpath("/html/head/title/text()").get("").split()).lower()
        if title in _CHALLENGE_TITLES:
            return f"bot challenge page '{title}' (HTTP {status})"
    return None


# Cloudflare's own error pages (1xxx: "Access denied", an IP or a country banned, 1020 a firewall
# rule; 52x: the site behind it not answering) stand in the place of the page, any status.
_ERROR_DETAILS = "cf-error-details"


def _cloudflare_error(doc: Selector, status: int) -> str:
    """"Cloudflare error 1008: Access denied (HTTP 403)" from the error page's code and headline.

    Why: read as no parser's page ("unsupported"), a ban told the crawl nothing of a wall, and
    the next run did not know to try again."""
    code = " ".join(doc.css(".cf-error-code::text").get("").split())
    headline = " ".join(" ".join(doc.css(".cf-subheadline ::text").getall()).split())
    said = f"Cloudflare error {code}".strip() + (f": {headline}" if headline else "")
    return f"{said} (HTTP {status})"[:300]


def _has_marker(text: str) -> bool:
    """Does the page's text hold one of ``_MARKERS``? Every marker holds "challenge" once: each
    place the text says it is checked for the markers around it, in one scan of the page. Asking
    for each marker in turn scanned a page behind Cloudflare (whose script says
    "challenge-platform" on every page) four times, at 0.1 ms a scan on a long page with
    characters beyond Latin-1."""
    position = text.find("challenge")
    while position >= 0:
        for marker in _MARKERS:
            start = position - marker.index("challenge")
            if start >= 0 and text.startswith(marker, start):
                return True
        position = text.find("challenge", position + 1)
    return False


def _challenge_markup(root) -> bool:
    """``#challenge-form, #cf-challenge-running, #challenge-running, script[src*='/cdn-cgi/challenge-platform/']``.

    The script's address is asked first, of the scripts alone: sites behind Cloudflare load its
    challenge script on every page (from an inline script, which passes the text test above), and
    on a page the engines recognise without the page's index (phpBB, IPS, XenForo) building it
    here would cost more than the answer; the ids come from the parser's own table of them.
    """
    if any(_PLATFORM_SCRIPT in (script.get("src") or "") for script in root.iter("script")):
        return True
    return parsed_tree_has_id(root, *_CHALLENGE_IDS)
