"""Asharq Al-Awsat: english.aawsat.com and the Arabic aawsat.com.

- Infinite scroll: each article sits in ``div.article-scroll-item`` with its own absolute URL in
  ``data-url`` (``data-history-url`` is relative to the real site, not to where the page was
  fetched from, so it is not used).
- The caption is repeated around the picture (``field--name-field-image-caption``,
  ``photo-caption-mobile``); it is the picture's caption, never body text. The archive theme
  (``/home/article/...``) has no <figure>, only the caption field.
- "TT" / "20" are font-size controls.
- Arabic pages print the date as "الاثنين - ٨ نوفمبر ٢٠٢١ مـ - ٣ ربيع الآخر ١٤٤٣ هـ" (Gregorian, then
  Hijri) and the time as "١٦:٤٥ بتوقيت السعودية" (Saudi time, UTC+3); the byline is
  "بغداد - «الشرق الأوسط»" (dateline, then the author in guillemets).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from .profile import Profile, outermost_articles, read_date, xpaths

SAUDI_TIME = timezone(timedelta(hours=3), "AST")
_GREGORIAN = re.compile(r"(\d{1,2}\s+\S+\s+\d{4})")
_TIME = re.compile(r"(\d{1,2}:\d{2})")


def read_aawsat_date(text: str, captured_at: datetime) -> datetime | None:
    """ISO attributes as they are; Arabic printed dates: the Gregorian part, the time, Saudi time."""
    plain = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    day = _GREGORIAN.search(plain.split("مـ")[0]) if "مـ" in plain or "هـ" in plain else None
    if day is None:
        return read_date(text, captured_at, ["en", "ar"])
    clock = _TIME.search(plain[day.end():])
    saudi = "السعودية" in plain
    printed = f"{day.group(1)} {clock.group(1) if clock else ''}" + (" +0300" if saudi else "")
    when = read_date(printed, captured_at, ["ar"])
    # Kept in Saudi time, as the page prints it: the same instant, the page's own day.
    return when.astimezone(SAUDI_TIME) if when is not None and saudi else when


PROFILE = Profile(
    name="aawsat",
    hosts=("english.aawsat.com", "aawsat.com", "www.aawsat.com"),
    site_names=("asharq al-awsat", "الشرق الأوسط"),
    languages=["en", "ar"],
    containers=(*xpaths("//div[contains(@class, 'article-scroll-item')]"), outermost_articles),
    chrome=xpaths("//div[contains(@class, 'font-size-controls')]", "//div[contains(@class, 'issue-number')]"),
    published=xpaths(".//time[@datetime]/@datetime", ".//span[@property='dc:date']/@content",
                     ".//*[contains(@class, 'post-date')]"),
    authors=xpaths(".//*[contains(@class, 'author-name')]", ".//*[contains(@class, 'byline')]"),
    section=xpaths("//ol[contains(@class, 'breadcrumb')]/li[last()]"),
    tags=xpaths(".//*[contains(@class, 'field--name-field-tags')]//a", ".//*[contains(@class, 'node-tags')]//a"),
    image_caption=xpaths(".//*[contains(@class, 'field-name-field-image-caption')]",
                         ".//*[contains(@class, 'field--name-field-image-caption')]"),
    date_reader=read_aawsat_date,
)

