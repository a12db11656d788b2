"""Arab News (www.arabnews.com).

- Summary bullets sit above the body in ``field-name-field-summary`` ("• Lull allowed talks to
  resume..."); they are the summary, not body text.
- Infinite scroll: each article is a ``div.article-item`` with its own absolute URL in ``data-url``;
  appended ones carry schema.org microdata (``datePublished`` and ``articleSection`` as <meta>).
- "Updated 3 sec ago" is a ``time.timeago`` with the absolute time in ``datetime``; it is the
  updated time, the published time is only in the microdata.
- "Short Url" boxes and "Follow" buttons are chrome.
"""

from __future__ import annotations

from .profile import Profile, outermost_articles, xpaths

PROFILE = Profile(
    name="arabnews",
    hosts=("www.arabnews.com", "arabnews.com"),
    site_names=("arab news",),
    languages=["en"],
    containers=(*xpaths("//div[contains(@class, 'article-item')][@data-url]"), outermost_articles),
    chrome=xpaths("//*[contains(@class, 'short-url')]", "//*[contains(@class, 'follow-button')]",
                  "//*[contains(@class, 'entry-follow')]"),
    summary=xpaths(".//div[contains(@class, 'field-name-field-summary')]//li"),
    published=xpaths(".//meta[@itemprop='datePublished']/@content", ".//time[contains(@class, 'date-published')]/@datetime"),
    updated=xpaths(".//time[contains(@class, 'timeago')]/@datetime", ".//meta[@itemprop='dateModified']/@content"),
)
