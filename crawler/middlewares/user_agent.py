"""The User-Agent, naming a contact when ``ARCHIVE_CONTACT`` is set.

Replaces Scrapy's UserAgentMiddleware (same priority, 500). With ``ARCHIVE_CONTACT`` (an email
address or a URL) every request says ``forum-archiver/0.1 (+CONTACT)``, so a site's
administrator can reach whoever runs the crawl; without it, ``USER_AGENT`` (which names the
project's URL) is used. A request's own User-Agent header, or the spider's ``user_agent``
attribute, still wins, as with Scrapy's middleware.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware

PRODUCT = "forum-archiver/0.1"


def contact_user_agent(contact: str, default: str) -> str:
    contact = (contact or "").strip()
    return f"{PRODUCT} (+{contact})" if contact else default


class ContactUserAgentMiddleware(UserAgentMiddleware):
    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        middleware = cls(contact_user_agent(settings.get("ARCHIVE_CONTACT", ""), settings.get("USER_AGENT")))
        middleware.crawler = crawler
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware
