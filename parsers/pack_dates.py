"""Dates as forum language packs print them, put in English for :class:`parsers.clock.ForumClock`.

Why: SMF 1.x and 2.0 write no ``<html lang>``, nor do phpBB and MyBB pages saved without their head
or themes that drop it, and their language packs print dates with the month's name: "25 de Octubre
de 2013, 12:12:00 pm" (Spanish, "%d de %B de %Y"), "06 marca 2016" (Polish), "16 Mart 2018, 11:45"
(Turkish), "27 Ago 2026 17:04" (phpBB's Spanish "d M Y"). The shared reader finds a day, a month
name and a year only side by side and knows a dozen languages' month names; the rest went to
dateparser, which gave no time, or a wrong one: "Mart" is also the Marquesas time zone's
abbreviation, so "16 Mart 2018, 11:45" read as 21:15 and "10 Mart 2018, 11:25" as 20 October. So,
before the shared reader:

- the "de" (Spanish, Portuguese) or "d'" (Catalan) between a day, a month name and a year is dropped;
- a month name or abbreviation of the tables below becomes its English name. The tables hold only
  names that mean the same month in every language that prints them ("listopad" is November in
  Polish and Czech but October in Croatian: left out, so such a date is not read rather than read
  wrong);
- on a page that names no language, a date of a day, an unknown word and a year is not read at all
  (the post gets an error), never handed to dateparser's guesses; a pack's "Today"/"Yesterday" is
  put in English, and a time after a word still unknown is not read as one of the capture day.

SMF's clock is :class:`parsers.smf.clock.SmfClock`; phpBB and MyBB pages without a language use
:class:`UnnamedLanguageClock`.
"""

from __future__ import annotations

import re
from datetime import datetime

from .clock import MONTHS, ForumClock


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


_ENGLISH_NAMES = frozenset(_ENGLISH)


def unchanged_in_english(text: str | None) -> bool:
    """Does ``text`` come out of the pack steps as printed, with no month :func:`unknown_month`
    refuses? Steps: :func:`without_connectors`, :func:`in_english`, :func:`months_in_english`. True
    for a date an English pack prints ("March 06, 2016, 05:45:12 AM"): no " d", and each of its
    letter runs an English month name as :data:`_ENGLISH` writes it, a weekday name, or a run under
    three letters ("AM", "on") that ``_TRANSLATED`` does not hold. Such names are no key of
    ``_TRANSLATED`` nor ``_SHORT``, a month name is its own English name, and a known month or
    weekday is never an unknown month; the steps touch nothing but letter runs, and a run under
    three letters is only looked up in ``_TRANSLATED`` (the other steps' month slots take three or
    more). tests/test_pack_dates_unchanged.py checks it on every combination of sample words.

    Why: the steps scan the whole text with three regular expressions (a date costs more there than
    in the reading itself); one scan for letter runs answers for the dates of English packs. False
    says nothing: the steps then run as before."""
    if not text or " d" in text:
        return False
    for word in _WORD.findall(text):
        if len(word) < 3:
            if word.lower() in _TRANSLATED:
                return False
        elif word not in _ENGLISH_NAMES and word.lower() not in _WEEKDAYS:
            return False
    return True


def starts_with_date(text: str) -> bool:
    """Does the text open with a whole date (an English weekday may come first) and hold a time of
    day? "06 Марта 2016, 05:45:12", "2011-07-29, 16:44:10", "Fri, 13 October 2017, 21:52:42"."""
    text = months_in_english(in_english(without_connectors(text))) or ""
    match = _DATE_START.match(text)
    if not match or not _TIME_OF_DAY.search(text, match.end()):
        return False
    month = match.group("month") or match.group("month2") or match.group("month3")
    return month is None or month.lower() in _KNOWN


# Month abbreviations as phpBB's and MyBB's language packs print them (phpBB's default "D M d, Y"
# and "d M Y, H:i": "Mié Ago 27, 2026", "27 Ağu 2026, 17:04"), beyond those :data:`parsers.clock.MONTHS`
# knows: Spanish, Portuguese, Italian, Catalan, French, German, Dutch, Turkish, Polish, Russian. Only
# names that mean the same month in every pack that prints them ("lis" is November in Polish and
# Czech, October in Croatian; "lip" July and June): the others stay unread. One line a month.
_SHORT_NAMES = (
    "ene gen oca sty янв",
    "fev fév févr şub lut фев",
    "mär mrt марта мар",
    "abr avr nis kwi апр",
    "mag mai maj мая",
    "giu haz cze июн",
    "lug juil tem июл",
    "ago aoû aou ağu sie авг",
    "set eyl wrz сен",
    "ott out eki paź окт",
    "kas ноя",
    "dic des ara gru дек",
)
_SHORT = {name: _ENGLISH[number] for number, names in enumerate(_SHORT_NAMES) for name in names.split()}
# The month of a date: the word between a day and a year ("27 Ago 2026"), or before a day and a year
# ("Ago 27, 2026"); only that word is translated ("ago", "set" and "out" are English words elsewhere).
_MONTH_SLOT = re.compile(r"(?<![\d.])(\d{1,2}\.?\s+)([^\W\d_]{3,14})(?=\.?,?\s+\d{4}(?!\d))"
                         r"|(?<![^\W\d_])([^\W\d_]{3,14})(?=\.?\s+\d{1,2}(?:st|nd|rd|th)?\.?,?\s+\d{4}(?!\d))")
# A weekday's name before a whole date, in a pack's language ("Mié", "Çar", "Ср"): the English shapes
# know only English ones. Only before a whole date: "Today, 17:04" keeps its word.
_LEADING_WORD = re.compile(r"^([^\W\d_]{2,12})\.?,?\s+(?=\d{1,2}\.?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"
                           r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?\.?,?\s+\d{4}|\d{1,4}[-./]\d{1,2}[-./]\d{2,4})")


# "Today" and "Yesterday" as phpBB's and MyBB's packs print them before a time ("Gestern, 10:04"):
# read as English they were dropped, and the time taken for one of the capture day. Words of one
# meaning in every pack that prints them ("ieri" is yesterday in Italian and Romanian alike).
_RELATIVE_DAY_NAMES = (
    "heute hoy aujourd'hui aujourd\u2019hui oggi hoje vandaag dzisiaj dziś сегодня bugün idag dnes tänään "
    "σήμερα сьогодні днес danas avui hoxe astăzi azi",
    "gestern ayer hier ieri ontem gisteren wczoraj вчера dün igår včera eilen χθες вчора jučer juče ahir onte",
)
_RELATIVE_DAY = {word: ("Today", "Yesterday")[back] for back, words in enumerate(_RELATIVE_DAY_NAMES)
                 for word in words.split()}
_LEADING_DAY = re.compile(r"^\s*([^\W\d_][^\s,\d]*)(?=\s*,?\s*\d{1,2}[:.h]\d{2})")


def relative_day_in_english(text: str) -> str:
    """A pack's "Today"/"Yesterday" before a time of day in English ("Gestern, 10:04" ->
    "Yesterday, 10:04"); any other text as printed."""
    match = _LEADING_DAY.match(text)
    if match is None:
        return text
    english = _RELATIVE_DAY.get(match[1].lower())
    return english + text[match.end():] if english else text


def months_in_english(text: str | None) -> str | None:
    """The month name or abbreviation of a day-month-year date in English ("27 Ago 2026 17:04" ->
    "27 August 2026 17:04", "Çar Ağu 27, 2026" -> "Çar August 27, 2026"); other words as printed."""
    if not text or not any(c.isdigit() for c in text):
        return text

    def english(match: re.Match) -> str:
        word = match[2] or match[3]
        lowered = word.lower()
        name = _TRANSLATED.get(lowered) or _SHORT.get(lowered)
        if name is None:
            name = _ENGLISH[MONTHS[lowered] - 1] if lowered in MONTHS else word
        return (match[1] or "") + name

    return _MONTH_SLOT.sub(english, text)


def without_foreign_weekday(text: str) -> str:
    """The text less a leading word that is no English weekday nor month ("Mié 27 August 2026")."""
    match = _LEADING_WORD.match(text)
    if match is None:
        return text
    word = match[1].lower()
    if word in _KNOWN or word in _WEEKDAYS or word[:3] in _WEEKDAYS:
        return text
    return text[match.end():]


# A time of day after words and no date: "Today, 10:04", or words of a pack the reader does not
# know ("Gestern, um 10:04"), which dateparser drops to read the time as one of the capture day.
_WORDS_THEN_TIME = re.compile(r"^(?P<words>\D*?)\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?$", re.I)
_ENGLISH_DAY_WORDS = frozenset(("today", "yesterday", "at"))


def _unknown_day_word(text: str) -> bool:
    """Is the text a time of day after a word that is no English "today", "yesterday" or "at"?"""
    match = _WORDS_THEN_TIME.match(text)
    return match is not None and bool(set(_WORD.findall(match["words"].lower())) - _ENGLISH_DAY_WORDS)


class UnnamedLanguageClock(ForumClock):
    """A :class:`ForumClock` for a page that does not name its language (no ``<html lang>``: saved
    without its head, or a theme that drops it), of an engine whose language packs print month
    names (phpBB, MyBB).

    Why: such a page's dates are read as English, and dateparser guessed at the rest: "16 Mart 2018,
    11:45" (Turkish) read as 16 September 21:15 ("Mart" is also the Marquesas time zone), "27 Ago
    2026" gave no time. Month names and abbreviations the packs print are read in English first
    (:func:`months_in_english`, names of one meaning only), a weekday in the pack's language is
    dropped, and a day, a word that is still no known month and a year is not read at all (the
    post gets an error) rather than guessed.

    The words are put in English inside :meth:`_read_local`, the step :meth:`ForumClock.local` runs
    once per printed text (and day/month order): a date printed again is not translated again."""

    def _read_local(self, text: str | None) -> datetime | None:
        text = months_in_english(text)
        if text and unknown_month(text):
            return None
        if text:
            text = " ".join(text.split()).strip(" ,;|()[]\u00bb\u00ab")
            text = relative_day_in_english(without_foreign_weekday(text))
            if _unknown_day_word(text):
                return None
        return super()._read_local(text)


def _month_word(word: str) -> bool:
    lowered = word.lower()
    return lowered in _KNOWN or lowered in _TRANSLATED
