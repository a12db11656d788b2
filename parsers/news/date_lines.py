"""Lines that only print a date: a body's printed publication line, a theme's date badge, the
date half of a line under the headline.

Why apart: the body (:mod:`.body`, which drops such lines at its start and end) and the byline
reader (:mod:`.visible`, which reads "11.09.2011, 16:20 von NAME") both ask it, and the byline
reader comes before the body in the import order.
"""

from __future__ import annotations

import re

# The labels of a printed publication or update date, in the languages the project meets.
_DATE_LABEL = re.compile(
    r"\s*(?:date\s+(?:created|published|modified|updated)|(?:latest|last)\s+updated?|updated(?:\s+on)?"
    r"|published(?:\s+on)?|posted(?:\s+on)?|first\s+published(?:\s+on)?|created(?:\s+on)?"
    r"|(?:dernière\s+)?mise?\s+à\s+jour(?:\s+le)?|publié(?:\s+le)?|aktualisiert(?:\s+am)?|veröffentlicht(?:\s+am)?"
    r"|publicado(?:\s+el)?|actualizado(?:\s+el)?|تاريخ\s+النشر|تاريخ\s+التحديث|نشر\s+في|آخر\s+تحديث|تم\s+النشر|نشر|تحديث)"
    r"\s*[:：]?", re.I)
# Words a printed date and time may hold: months and weekdays (English, French, German, Spanish,
# Arabic with the Levantine names), "at"/"à"/"um", am/pm and zone names.
_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:mon|tue|wed|thu|fri|sat|sun)\b\.?"
    r"|\b(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|octubre|noviembre|diciembre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b"
    r"|\b(?:at|à|a|um|on|le|el|am|de|del|pm|a\.m\.|p\.m\.|utc|gmt|cet|cest|est|edt|h|uhr)\b"
    r"|(?<!\w)(?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
    r"|كانون|الثاني|الأول|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|اب|أيلول|ايلول|تشرين|الساعة"
    r"|السبت|الأحد|الاحد|الإثنين|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|صباحا|مساء|ص|م)(?!\w)",
    re.I)
_DIGITS = re.compile(r"[0-9٠-٩]")
_DATE_CHARACTERS = re.compile(r"[0-9٠-٩\s.,:/\-–+()،h|•]*", re.I)


def without_date_label(text: str) -> str:
    """``text`` without the label of a printed date it starts with ("Publié le 29 juin 2019" ->
    "29 juin 2019"), for the date readers, which take a date alone."""
    label = _DATE_LABEL.match(text)
    return text[label.end():].strip() if label else text


def is_printed_date(text: str) -> bool:
    """Does ``text`` print a date and nothing else: after its label, if any ("Posted on"), only
    the words of a date and time (months, weekdays, "at", am/pm) and their digits? "11.09.2011,
    16:20", "Posted on March 3, 2019"; never "In 2019 the ferry"."""
    label = _DATE_LABEL.match(text)
    rest = _DATE_WORDS.sub(" ", text[label.end():] if label else text)
    return bool(_DIGITS.search(rest)) and bool(_DATE_CHARACTERS.fullmatch(rest))


def is_date_line(text: str) -> bool:
    """A line that only says when the article was published or updated ("Date created :
    2015-05-12", "Latest update : 2015-05-12", "Mis à jour le 05.05.2015 à 20h13", "آخر تحديث:
    ١٤ تموز ٢٠٢٤"): the page's metadata printed as a paragraph, not the body's (France 24 ended
    its body with one). Asked of the body's first and last blocks only; a label is required (or
    the line is a short badge that names a month), and nothing but a date and a time may follow it."""
    if len(text) > 70:
        return False
    if _DATE_LABEL.match(text) is None and (len(text) > _LONGEST_BADGE or not _MONTH_NAME.search(text)):
        # ... unless a theme's date badge, a month and a day and nothing else ("Apr13": WordPress
        # themes print <div class="post-date"><span>Apr</span><span>13</span></div> in the article)
        return False
    return is_printed_date(text)


_LONGEST_BADGE = 24
# A month's name or its abbreviation at the start of a word (English, German, French, Spanish).
_MONTH_NAME = re.compile(r"(?<![^\W\d_])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mär|mai|okt|dez|janv|févr"
                         r"|avr|juil|août|déc|ene|abr|ago|dic)", re.I)
