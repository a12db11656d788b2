"""Cookies from a browser's ``cookies.txt``, for crawls that must be logged in.

``ARCHIVE_COOKIES_FILE`` names a Netscape/Mozilla cookies file (the format browser extensions
export, and ``curl -c`` writes). It is loaded once with :class:`http.cookiejar.MozillaCookieJar`
(expired cookies left out); every request is then given the cookies the jar would send to its URL
(domain, path, ``secure`` and expiry rules of the standard library), unless the request sets a
cookie of that name itself. Scrapy's cookies middleware (priority 700, after this one at 690) takes
them from there and keeps them in its jar as usual. Off when the setting is empty.
"""

from __future__ import annotations

import logging
import urllib.request
from http.cookiejar import DefaultCookiePolicy, LoadError, MozillaCookieJar

from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


def load_cookie_jar(path: str) -> MozillaCookieJar:
    # Host-only cookies (include-subdomains FALSE) go to that exact host only, as in browsers.
    jar = MozillaCookieJar(path, policy=DefaultCookiePolicy(strict_ns_domain=DefaultCookiePolicy.DomainStrictNonDomain))
    try:
        jar.load(ignore_discard=True, ignore_expires=False)
    except (OSError, LoadError) as exc:
        raise NotConfigured(f"ARCHIVE_COOKIES_FILE {path!r} cannot be read as a cookies.txt: {exc}") from exc
    return jar


def cookies_for(jar: MozillaCookieJar, url: str) -> dict[str, str]:
    """The cookies the jar holds for ``url``, name -> value."""
    probe = urllib.request.Request(url)
    jar.add_cookie_header(probe)
    header = probe.get_header("Cookie")
    if not header:
        return {}
    return dict(part.split("=", 1) for part in header.split("; ") if "=" in part)


class CookiesFileMiddleware:
    def __init__(self, jar: MozillaCookieJar) -> None:
        self.jar = jar

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("ARCHIVE_COOKIES_FILE")
        if not path:
            raise NotConfigured
        jar = load_cookie_jar(path)
        logger.info("loaded %d cookie(s) from %s", len(jar), path)
        return cls(jar)

    def process_request(self, request):
        if request.meta.get("dont_merge_cookies"):
            return
        found = cookies_for(self.jar, request.url)
        if not found:
            return
        if isinstance(request.cookies, dict):
            for name, value in found.items():
                request.cookies.setdefault(name, value)
        else:
            names = {cookie.get("name") for cookie in request.cookies}
            request.cookies.extend({"name": name, "value": value} for name, value in found.items() if name not in names)
        return
