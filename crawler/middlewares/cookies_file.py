"""Cookies from a browser's ``cookies.txt``, for crawls that must be logged in.

``ARCHIVE_COOKIES_FILE`` names a Netscape/Mozilla cookies file (the format browser extensions
export, and ``curl -c`` writes). It is loaded once with :class:`http.cookiejar.MozillaCookieJar`:
expired cookies are left out, and an expiry of ``0`` (how curl and several browser extensions
write session cookies, which the standard library would drop as expired in 1970) is read as a
session cookie. Every request is then given the cookies the jar would send to its URL (domain,
path, ``secure`` and expiry rules of the standard library), in its ``Cookie`` header.

The middleware runs after Scrapy's cookies middleware (priority 710 > 700), which rebuilds the
``Cookie`` header from its own jar for every request, retries and redirect hops included, and adds
only the cookies whose name that header lacks. So each cookie is sent once per request, and a
cookie of the same name that the request sets itself or that the site set since (a renewed
session) wins over the file's. The file's cookies never enter Scrapy's jar: handed to it through
``request.cookies`` they were stored again under each request's own path, and sent once per
stored copy. Off when the setting is empty.
"""

from __future__ import annotations

import logging
import time
import urllib.request
from http.cookiejar import DefaultCookiePolicy, LoadError, MozillaCookieJar

from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


def load_cookie_jar(path: str) -> MozillaCookieJar:
    # Host-only cookies (include-subdomains FALSE) go to that exact host only, as in browsers.
    jar = MozillaCookieJar(path, policy=DefaultCookiePolicy(strict_ns_domain=DefaultCookiePolicy.DomainStrictNonDomain))
    try:
        jar.load(ignore_discard=True, ignore_expires=True)
    except (OSError, LoadError) as exc:
        raise NotConfigured(f"ARCHIVE_COOKIES_FILE {path!r} cannot be read as a cookies.txt: {exc}") from exc
    now = time.time()
    for cookie in list(jar):
        if cookie.expires == 0:
            cookie.expires, cookie.discard = None, True  # a session cookie, as curl writes it
        elif cookie.is_expired(now):
            jar.clear(cookie.domain, cookie.path, cookie.name)
    return jar


def cookies_for(jar: MozillaCookieJar, url: str) -> dict[str, str]:
    """The cookies the jar holds for ``url``, name -> value; of two with one name, the one with the
    longer path (the jar lists it first, as browsers send it)."""
    probe = urllib.request.Request(url)
    jar.add_cookie_header(probe)
    found: dict[str, str] = {}
    for part in (probe.get_header("Cookie") or "").split("; "):
        if "=" in part:
            name, value = part.split("=", 1)
            found.setdefault(name, value)
    return found


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
        sent = [value.decode("latin-1") for value in request.headers.getlist("Cookie")]
        present = {pair.split("=", 1)[0].strip() for header in sent for pair in header.split(";") if pair.strip()}
        missing = [f"{name}={value}" for name, value in found.items() if name not in present]
        if missing:
            request.headers["Cookie"] = "; ".join([*sent, *missing])
        return
