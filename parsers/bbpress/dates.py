"""A bbPress post's printed time, in any language a WordPress site runs in.

``bbp_get_reply_post_date()`` prints ``sprintf( _x( '%1$s at %2$s', 'date at time' ), date, time )``:
the date in the site's WordPress ``date_format`` and the time in its ``time_format``, month names
translated by WordPress into the site's language, and the "at" by bbPress's language pack (or
left English where a pack leaves it untranslated: the German 2.5 pack does). Every site picks its
own formats, so one page's dates may read "3. Januar 2025 at 9:05", "03/01/2025 at 09:05",
"3 januari 2025 kl. 09:05" or "8 janvier 2025 à 19 h 45". Read here:

- with the shared clock (:class:`parsers.clock.ForumClock`) in the page's ``<html lang>``;
- failing that, without the pack's word between the date and the time ("kl.", "στις") and with
  "19 h 45" written "19:45": the shared reader does not know every language's connector;
- failing that, on a page that says it is English or names no language (themes print
  lang="en-US" whatever the site's language), in the languages whose month names the text holds
  (dateparser's own month tables), or in Chinese/Japanese/Korean for a date written with their
  year/month/day signs;
- a numeric date with a slash or a dash ("03/01/2025": WordPress offers both "m/d/Y" and "d/m/Y"
  whatever the language) is read in the order the page proves (a day past 12 on the page, or one
  order putting a post after the page was saved: :func:`parsers.clock.order_of_numbers`); where
  nothing proves it and the day and month are both 12 or less, the time is not read (it would be
  a guess, a month or more off) and the caller says so.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from ..clock import ForumClock, order_of_numbers

# "03/01/2025", "1-3-25": a numeric date whose order the separator does not tell (dots are day first).
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")
# The date's last digit, the pack's words, then the time: "2025 kl. 09:05", "2025 à 19 h 45 min".
_CONNECTOR = re.compile(r"^(?P<date>.*\d[.,]?)\s+(?P<words>[^\d\s][^\d]{0,12}?)\s*"
                        r"(?P<h>\d{1,2})\s*(?:[:.]|\s*h\s*)(?P<m>\d{2})(?:\s*min\.?)?(?P<rest>(?:\s+\S+)?)\s*$")
# A time printed "19 h 45" with no connector word before it.
_SPACED_H = re.compile(r"(?<!\d)(\d{1,2})\s+h\s+(\d{2})(?:\s*min\.?)?(?!\d)")
_CJK_DATE = re.compile(r"\d\s*年\s*\d{1,2}\s*月|\d\s*년\s*\d{1,2}\s*월")
# Languages WordPress sites run in whose month names dateparser knows, tried for a page marked English.
_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt", "pl", "ru", "tr", "sv", "da", "nb", "fi", "cs", "sk", "hu", "ro",
              "el", "uk", "bg", "hr", "sr", "sl", "lt", "lv", "et", "ca", "id", "vi", "he", "ar", "fa")
_WORD = re.compile(r"[^\W\d_]{3,}")
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")


class TopicClock(ForumClock):
    """The page's clock (no zone stated: see the package), with the day/month order of its numeric
    dates proven or not (``order_proven``)."""

    def __init__(self, captured_at: datetime, language: str | None, texts) -> None:
        super().__init__(captured_at, None, language)
        texts = [text for text in texts if text]
        self.learn_order(texts)
        found = order_of_numbers(((int(a), int(b), _full_year(y), True) for text in texts
                                  for a, _separator, b, y in _NUMERIC.findall(text)), self.local_now.date())
        self.order_proven = found is not None
        if found is not None:
            self.day_first = found
        self.captured_at = captured_at
        self._others: dict[str, ForumClock] = {}

    def read_printed(self, printed: str) -> tuple[datetime | None, str | None]:
        """(the UTC time, None), or (None, why it is not read) for a date whose order is open."""
        text = printed
        match = _NUMERIC.search(text)
        if match:
            first, second = int(match.group(1)), int(match.group(3))
            if first != second and first <= 12 and second <= 12 and not self.order_proven:
                return None, (f"its date {printed!r} reads day first and month first and nothing on the page"
                              " settles which, so it is not read")
            day_first = first > 12 or (second <= 12 and self.day_first)
            day, month = (first, second) if day_first else (second, first)
            iso = f"{_full_year(match.group(4))}-{month:02d}-{day:02d}"
            text = f"{text[:match.start()]}{iso}{text[match.end():]}"
        return self._read_any(text), None

    def _read_any(self, text: str) -> datetime | None:
        found = self.read(text)
        plain = _without_connector(text)
        if found is None and plain != text:
            found = self.read(plain)
        if found is None and self.primary == "en":
            for language in _languages_of(plain):
                other = self._others.setdefault(language, ForumClock(self.captured_at, None, language))
                found = other.read(plain) or other.read(text)
                if found is not None:
                    self.read_unzoned = True
                    break
        return found


def _without_connector(text: str) -> str:
    """The date and the time with the pack's word between them left out ("kl.", "στις", "à"), the
    time written "H:MM" ("19 h 45 min" too)."""
    match = _CONNECTOR.match(" ".join(text.split()))
    if match is None:
        return _SPACED_H.sub(r"\1:\2", text)
    return f"{match.group('date')} {int(match.group('h'))}:{match.group('m')}{match.group('rest')}"


def _languages_of(text: str) -> list[str]:
    """The languages whose month names the text holds (Chinese, Japanese, Korean for their signs)."""
    if _CJK_DATE.search(text):
        return ["ko"] if "년" in text else ["zh", "ja"]
    months = _month_languages()
    found: list[str] = []
    for word in _WORD.findall(text.lower()):
        for language in months.get(word, ()):
            if language not in found:
                found.append(language)
    return sorted(found, key=_LANGUAGES.index)


@lru_cache(maxsize=1)
def _month_languages() -> dict[str, tuple[str, ...]]:
    """Each month name (lower case) dateparser knows in :data:`_LANGUAGES`, and its languages."""
    from dateparser.languages.loader import default_loader

    found: dict[str, list[str]] = {}
    for language in _LANGUAGES:
        info = default_loader.get_locale(language).info
        for key in _MONTH_KEYS:
            for name in info.get(key, ()):
                if len(name) >= 3 and language not in found.setdefault(name.lower(), []):
                    found[name.lower()].append(language)
    return {name: tuple(languages) for name, languages in found.items()}


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year
