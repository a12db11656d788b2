"""Leave login credentials out of the WARC request records, when asked to.

WARC practice keeps request headers as sent, ``Cookie`` and ``Authorization`` included: they
document what the page was fetched as. A logged-in crawl whose WARC files are to be shared would
hand its session (or password, for Basic auth) to everyone who reads them. With
``ARCHIVE_WARC_REDACT_CREDENTIALS = True`` the WARC request record of every exchange has the
values of :data:`CREDENTIAL_HEADERS` replaced by :data:`REDACTED`; the request itself is sent
unchanged, and each WARC's warcinfo says that redaction was on.

The WARC extension (``crawler/extensions/warc_archive.py``) builds the request record from the
request alone, so :class:`CredentialRedactionMiddleware` marks each request with
:data:`REDACT_CREDENTIALS_META`; a spider may also set that meta key on single requests (a login
request) while the setting is off. Request bodies (a login form's password) are not redacted.
"""

from __future__ import annotations

from scrapy.exceptions import NotConfigured

CREDENTIAL_HEADERS = frozenset({"cookie", "authorization", "proxy-authorization"})
REDACTED = "[redacted]"
REDACT_CREDENTIALS_META = "archive_redact_credentials"


def redact_credentials(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``headers`` with the value of every credential header (any case) replaced by :data:`REDACTED`."""
    return [(name, REDACTED if name.lower() in CREDENTIAL_HEADERS else value) for name, value in headers]


class CredentialRedactionMiddleware:
    """Marks every request for credential redaction in its WARC record (off: NotConfigured)."""

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("ARCHIVE_WARC_REDACT_CREDENTIALS"):
            raise NotConfigured
        return cls()

    def process_request(self, request):
        request.meta.setdefault(REDACT_CREDENTIALS_META, True)
        return None
