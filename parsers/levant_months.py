"""The Syriac month names Iraq and the Levant print, as the names dateparser reads.

Why: Iraqi, Syrian, Lebanese, Jordanian and Palestinian boards and outlets print "14 تموز 2023"
and "كانون الثاني" where Egypt and the Gulf print "14 يوليو 2023" and "يناير". dateparser's
Arabic knows only the second set, so a date with a Syriac month came back as no date at all (a
news page without a published time, a forum post without a time). Some outlets print both names
("آب/أغسطس", "أغسطس/آب", "تموز (يوليو)"): the pair is one month. The bare-alef spelling "اب" is a
month only beside a number: as a word alone it is "father".

Read only on pages that declare Arabic or no language: in Persian "تموز" is a word, not a month.
"""

from __future__ import annotations

import re

_AS_READ = {"كانون الثاني": "يناير", "شباط": "فبراير", "اذار": "مارس", "نيسان": "ابريل", "ايار": "مايو",
            "حزيران": "يونيو", "تموز": "يوليو", "اب": "اغسطس", "ايلول": "سبتمبر",
            "تشرين الاول": "اكتوبر", "تشرين الثاني": "نوفمبر", "كانون الاول": "ديسمبر"}
# The alef forms with hamza or madda, written as bare alef (as most people type them).
BARE_ALEFS = str.maketrans("آأإ", "ااا")
_MONTH = re.compile(
    r"(?:(?<![^\W\d_])[^\W\d_]+\s*/\s*)?"
    r"(?<![^\W\d_])(?P<month>(?:كانون|تشرين)\s+(?:ال)?(?:ثاني|[أا]ول)|شباط|[آأا]ذار|نيسان|[أا]يار|حزيران|تموز|آب"
    r"|(?<=\d\s)اب|اب(?=\s+\d)|[أا]يلول)(?![^\W\d_])"
    r"(?:\s*/\s*[^\W\d_]+(?![^\W\d_])|\s*\(\s*[^\W\d_]+\s*\))?")


def _as_read(match: re.Match) -> str:
    name = " ".join(match["month"].translate(BARE_ALEFS).split()).replace("ال ", "ال")
    name = re.sub(r"^(كانون|تشرين) (?!ال)", r"\1 ال", name)
    return _AS_READ[name]


def holds_arabic_letters(text: str) -> bool:
    """Does the text hold a letter of the Arabic block (the script of Arabic, Persian, Urdu)?

    One regex search in C (none at all for an ASCII text), not a Python step a character: the
    clock asks it of every printed date it reads, and on SMF pages it was 4% of the parse."""
    return not text.isascii() and _ARABIC_BLOCK.search(text) is not None


_ARABIC_BLOCK = re.compile("[\u0600-\u06ff]")


def levant_months_as_read(text: str, languages: list[str] | None = None) -> str:
    """``text`` with each Syriac month name (and the pair around one) put as the Egyptian/Gulf name
    dateparser reads; unchanged on a page whose declared languages leave Arabic out."""
    if (languages and "ar" not in languages) or not holds_arabic_letters(text):
        return text
    return _MONTH.sub(_as_read, text)
