"""Arabic-aware full-text search: the extra word forms indexed beside the text.

Why: SQLite's FTS5 tokenizers split on spaces and punctuation and nothing more, while Arabic
writes its conjunctions, prepositions and article as prefixes of the word: "والعراق" ("and
Iraq"), "بالعراق" ("in Iraq") and "للعراق" ("for Iraq") are three tokens, none of them
"العراق" or "عراق", so a search for Iraq misses them all. FTS5 also treats the short vowel
marks (harakat) and the tatweel as separators, cutting a vocalised word into pieces, and the
alef with hamza ("أ", "إ", "آ") is a different letter from the bare alef most people type.

No tokenizer shipped with SQLite fixes this, and a custom tokenizer would have to be loaded into
every program that opens the archive (``sqlite-utils``, Datasette, the ``sqlite3`` shell). So
the archive keeps the text as written and indexes, in an extra ``search_extra`` column of each
searched table, the other forms of its Arabic words: without marks and tatweel, with the alef
forms unified, and without their prefixes (with the article put back on where the preposition
"ل" had swallowed it). A search for "العراق" or "عراق" then finds all the forms above, in any
program, with plain FTS5 ``MATCH``. Measured in ``docs/search.md``.

Left out on purpose: suffixes (pronouns, plurals, feminine endings) and full stemming, which
conflate words that differ in meaning; a search with the prefix ("والعراق") still matches only
that exact form, since queries are not rewritten.
"""

from __future__ import annotations

import re

# Short vowels, shadda, sukun, dagger alef and the other Quranic marks; tatweel (U+0640).
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_ARABIC_WORD = re.compile("[\u0621-\u064a\u0660-\u0669\u0671-\u06d3\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
# Proclitics, in the order they attach: a conjunction (و "and", ف "so"), then a preposition
# (ب "in", ك "like", ل "for"), then the article (ال). ل + ال is written "لل" (the alef drops).
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
_ARTICLE = "ال"
MIN_STEM = 2  # letters left after the article comes off; shorter remnants are not words
MIN_BARE_STEM = 3  # letters left after a one-letter prefix comes off (without the article)


def normalise(word: str) -> str:
    """The word without vowel marks and tatweel, with every alef form written as bare alef."""
    return _MARKS.sub("", word).translate(_ALEFS)


def word_forms(word: str) -> set[str]:
    """Forms a reader may search for that the word, as written, does not match in FTS5: the
    normalised word, and each reading of it with its prefixes taken off one layer at a time
    ("وبالعراق": "بالعراق", "العراق", "عراق"). A word that merely starts with a prefix letter
    ("بغداد") gains a harmless non-word ("غداد"); no real form is lost."""
    bare = normalise(word)
    forms = {bare}
    for rest in _without_conjunction(bare):
        forms.add(rest)
        for after in _without_preposition(rest):
            forms.add(after)
            if after.startswith(_ARTICLE) and len(after) - len(_ARTICLE) >= MIN_STEM:
                forms.add(after[len(_ARTICLE):])
        if rest.startswith("لل") and len(rest) - 2 >= MIN_STEM:
            forms.update({_ARTICLE + rest[2:], rest[2:]})
    forms.discard(word)
    return forms


def _without_conjunction(word: str) -> list[str]:
    """The word itself, and without its leading conjunction when it may have one."""
    if word[:1] in _CONJUNCTIONS and len(word) - 1 >= MIN_BARE_STEM:
        return [word, word[1:]]
    return [word]


def _without_preposition(word: str) -> list[str]:
    """The word itself, and without a leading preposition when it may have one (always when the
    article follows it, as in "بالعراق")."""
    if word[:1] in _PREPOSITIONS:
        rest = word[1:]
        if rest.startswith(_ARTICLE) and len(rest) - len(_ARTICLE) >= MIN_STEM or len(rest) >= MIN_BARE_STEM:
            return [word, rest]
    return [word]


def search_extra(*texts: str | None) -> str | None:
    """The ``search_extra`` value for a row whose searched columns hold ``texts``: each extra form
    once, in order of first appearance; None when the texts have no Arabic word needing one."""
    seen: dict[str, None] = {}
    for text in texts:
        if not text or _no_arabic(text):
            continue
        for match in _ARABIC_WORD.finditer(text):
            for form in sorted(word_forms(match.group(0))):
                seen.setdefault(form, None)
    return " ".join(seen) or None


def _no_arabic(text: str) -> bool:
    """True when ``text`` has no Arabic letter, by a test in C: most text is ASCII, or Latin with
    typographic quotes and dashes, which Windows-1252 encodes, and Windows-1252 has no Arabic
    letter (scanning with the word pattern costs several times as much)."""
    if text.isascii():
        return True
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
