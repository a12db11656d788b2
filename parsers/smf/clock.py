"""The SMF page's clock: :class:`parsers.clock.ForumClock` reading the month names SMF's language packs print.

Why: SMF 1.x and 2.0 write no ``<html lang>``, and their language packs print dates with the month's
name: "25 de Octubre de 2013, 12:12:00 pm" (Spanish, "%d de %B de %Y"), "06 marca 2016" (Polish),
"16 Mart 2018, 11:45" (Turkish). The shared reader finds a day, a month name and a year only side
by side and knows a dozen languages' month names; the rest went to dateparser, which gave no time,
or a wrong one: "Mart" is also the Marquesas time zone's abbreviation, so "16 Mart 2018, 11:45" read
as 21:15 and "10 Mart 2018, 11:25" as 20 October. So, before the shared reader:

- the "de" (Spanish, Portuguese) or "d'" (Catalan) between a day, a month name and a year is dropped;
- a month name of the table below becomes its English name. The table holds only names that mean
  the same month in every language that prints them ("listopad" is November in Polish and Czech but
  October in Croatian: left out, so such a date is not read rather than read wrong);
- on a page that names no language, a date of a day, an unknown word and a year is not read at all
  (the post gets an error), never handed to dateparser's guesses.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..clock import MONTHS, ForumClock


_ENGLISH = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December")

# Month names as SMF language packs print them (nominative, and the genitive or partitive their
# date formats use), beyond those :data:`parsers.clock.MONTHS` knows. One line a month.
_NAMES = (
    "janeiro stycznia styczeń ledna leden januára siječnja siječanj января январь січня януари ocak tammikuuta "
    "ianuarie gener január ιανουαρίου",
    "fevereiro lutego luty února únor februára veljače veljača февраля февраль лютого февруари şubat helmikuuta "
    "februarie febrer február φεβρουαρίου",
    "março marca marzec března březen ožujka ožujak марта март березня mart maaliskuuta martie marts març maret "
    "március μαρτίου",
    "kwietnia kwiecień dubna duben apríla travnja travanj апреля апрель квітня април nisan huhtikuuta aprilie "
    "április απριλίου",
    "maio maja maj května květen mája svibnja svibanj мая май травня mayıs toukokuuta maig május μαΐου",
    "junho czerwca czerwiec června červen júna lipnja lipanj июня июнь червня юни haziran kesäkuuta iunie juny "
    "június ιουνίου",
    "julho lipca lipiec července červenec júla srpnja srpanj июля июль липня юли temmuz heinäkuuta iulie juliol "
    "július ιουλίου",
    "sierpnia sierpień srpna srpen augusta kolovoza kolovoz августа август серпня ağustos elokuuta augusti agost "
    "agustus augusztus αυγούστου",
    "setembro września wrzesień září septembra rujna rujan сентября сентябрь вересня септември eylül syyskuuta "
    "septembrie setembre szeptember σεπτεμβρίου",
    "outubro października październik října říjen októbra октября октябрь жовтня октомври ekim lokakuuta "
    "octombrie október οκτωβρίου",
    "novembro novembra studenoga studenog studeni ноября ноябрь листопада ноември kasım marraskuuta noiembrie "
    "νοεμβρίου",
    "dezembro grudnia grudzień prosince prosinec decembra prosinca prosinac декабря декабрь грудня декември "
    "aralık joulukuuta decembrie desembre desember δεκεμβρίου",
)
_TRANSLATED = {name: _ENGLISH[number] for number, names in enumerate(_NAMES) for name in names.split()}
_KNOWN = frozenset(MONTHS) | {name.lower() for name in _ENGLISH}

_WORD = re.compile(r"[^\W\d_]+")
_CONNECTED = re.compile(r"(?<!\d)(\d{1,2})\.?\s+(?:de\s+|del\s+|d['\u2019]\s*)([^\W\d_]{3,14})\.?,?\s+(?:de\s+)?(\d{4})(?!\d)")
# A day, a word and a year ("16 Mart 2018", "Mart 16, 2018"): a date whose month is that word.
_DAY_WORD_YEAR = re.compile(r"(?<![\d.])\d{1,2}\.?\s+([^\W\d_]{3,14})\.?,?\s+\d{4}(?!\d)"
                            r"|(?<![^\W\d_])([^\W\d_]{3,14})\.?\s+\d{1,2}(?:st|nd|rd|th)?\.?,?\s+\d{4}(?!\d)")
_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}")
_DATE_START = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,4}[-./]\d{1,2}[-./]\d{2,4}(?!\d)"
    r"|\d{1,2}\.?\s+(?P<month>[^\W\d_]{3,14})\.?,?\s+\d{4}(?!\d)"
    r"|(?P<month2>[^\W\d_]{3,14})\.?\s+\d{1,2}(?:st|nd|rd|th)?\.?,?\s+\d{4}(?!\d)"
    r"|\d{4}\.?\s+(?P<month3>[^\W\d_]{3,14})\.?\s+\d{1,2}(?!\d))", re.IGNORECASE)
_WEEKDAYS = frozenset(("mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
                       "thursday", "friday", "saturday", "sunday"))


def without_connectors(text: str | None) -> str | None:
    """"25 de Octubre de 2013, 12:12:00 pm" -> "25 Octubre 2013, 12:12:00 pm" (known month names only)."""
    if not text or " d" not in text:
        return text
    return _CONNECTED.sub(lambda m: f"{m[1]} {m[2]} {m[3]}" if _month_word(m[2]) else m[0], text)


def in_english(text: str | None) -> str | None:
    """The month names of the table written in English ("16 Mart 2018" -> "16 March 2018")."""
    if not text or not any(c.isdigit() for c in text):
        return text
    return _WORD.sub(lambda m: _TRANSLATED.get(m[0].lower(), m[0]), text)


def unknown_month(text: str) -> bool:
    """Does the text print a day, a word that is no month name the reader knows, and a year?"""
    for match in _DAY_WORD_YEAR.finditer(text):
        word = (match[1] or match[2]).lower()
        if word not in _KNOWN and word not in _WEEKDAYS:
            return True
    return False


def starts_with_date(text: str) -> bool:
    """Does the text open with a whole date (an English weekday may come first) and hold a time of
    day? "06 Марта 2016, 05:45:12", "2011-07-29, 16:44:10", "Fri, 13 October 2017, 21:52:42"."""
    text = in_english(without_connectors(text)) or ""
    match = _DATE_START.match(text)
    if not match or not _TIME_OF_DAY.search(text, match.end()):
        return False
    month = match.group("month") or match.group("month2") or match.group("month3")
    return month is None or month.lower() in _KNOWN


def _month_word(word: str) -> bool:
    lowered = word.lower()
    return lowered in _KNOWN or lowered in _TRANSLATED


class SmfClock(ForumClock):
    """A :class:`ForumClock` that reads SMF's language packs' dates (see the module's docstring)."""

    def local(self, text: str | None) -> datetime | None:
        text = in_english(without_connectors(text))
        if text and self.primary == "en" and unknown_month(text):
            return None  # a month name in a language the page does not name: no guess
        return super().local(text)
