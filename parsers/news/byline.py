"""Bylines read as a reader reads them: the people who wrote the article, apart from outlets.

Why: a byline is written for people, not machines. "By Jane Doe and John Roe, USA TODAY",
"A, B, C and D", "Jane Doe | Senior Reporter", "بقلم فلان" all name people, but also roles,
outlets and a leading "By"; JSON-LD ``author`` names carry the same text. Stored as one name,
such a byline makes authors impossible to count or search. :func:`read_byline` splits one byline
text into people and organisations:

- a leading "By" / "Von" / "Par" / "Por" / "Door" / "Av" / "بقلم" ("Written by", "Reporting by") goes;
- names are split at commas, semicolons, "|", "·", a spaced dash (" - "), "&" and the words
  and / und / y / et / و;
- roles go: a piece that is only a role ("Staff Writer", "Senior Reporter"), a comma piece after
  the first that ends in one ("Washington Correspondent"), and a role run around a name
  ("Jane Doe Staff Writer");
- outlets are organisations, not people: a piece equal or close to the site's names (og:site_name,
  publisher, host), a wire agency ("Reuters", "AFP"), a name starting with "The", a one-word
  acronym ("BBC"), or, unless the markup declared a Person, a name ending in an outlet word
  ("... News", "... Times", "... Sentinel"; not "Post" or "Press", which are also surnames);
- a date printed after the names goes (" on Monday, November 18th, 2019", " publiziert am ...");
- dates, URLs, e-mail addresses, a lone "By", a label with no name after it ("回答者：") and
  sentences (over six words) are not names;
- a label with its colon ("Autor:", "著者：", "質問者：") goes as "By" does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

_MARKER = re.compile(
    r"^(?:(?:(?:written|reporting|words|text|story|posted|reported|analysis|photos?|video)\s+)?"
    r"(?:by|von|par|por|door|av|بقلم|كتب|كتبت)(?:\s*:\s*|\s+|$)"
    r"|(?:text|texte|author|autor|auteur|автор|текст)\s*[:：]\s*"
    # Japanese and Chinese labels, written with a colon (often the full-width "："): 著者 / 筆者 /
    # 執筆者 / 作者 (author), 記者 / 记者 (reporter), 文 (words by), 投稿者 (poster), 質問者 (a Q&A
    # page's asker: oshiete.goo.ne.jp's "質問者：name"). 回答者 (answerer) is no author of the page.
    r"|(?:著者|筆者|執筆者|作者|記者|记者|文|投稿者|質問者)\s*[:：]\s*)", re.I)
# Links a byline box runs into its text ("Jose AltoverosView More Articles").
_UI_TEXT = re.compile(r"\s*(?:(?:(?:view|see|read|show)\s+(?:more|all)(?:\s+(?:articles|posts|stories))?"
                      r"|\ball\s+(?:articles|posts|stories))(?:\s+(?:by|of|from)\b.*)?"
                      r"|follow(?:\s+on\s+\w+|\s+@\w+)?|e-?mail\s+the\s+author"
                      # "Alle Artikel von", "Alle Beiträge anzeigen", "Voir tous les articles de"
                      r"|\balle\s+(?:artikel|beiträge)(?:\s+(?:von|anzeigen)\b.*)?"
                      r"|(?:\bvoir\s+)?\btous\s+(?:les|ses)\s+articles(?:\s+de\b.*)?)\s*$", re.I)
# The date a byline line prints after its names: " on Monday, November 18th, 2019 at 11:08 a.m.",
# " on November 14, 2019", " publiziert am 30. Juli 2018", " | Published 3 June 2024".
_MONTHS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_TRAILING_DATE = re.compile(
    r"\s*(?:[|,·•]\s*)?(?:\b(?:on|am|le|el|il)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}(?:st|nd|rd|th)?\.?\s+" + _MONTHS + r"\s+\d{4}).*$"
    r"|\s*(?:[|,·•]\s*)?\b(?:published|posted|updated|publiziert|veröffentlicht|publié|publicado)\b.*$", re.I)
# Co-authors a byline names in brackets after the first: "Martin Untersinger (avec Damien Leloup et
# Morgane Tual)" (Le Monde), "Jane Doe (with John Roe)", "(mit ...)", "(con ...)", "(مع ...)". The
# brackets' names are read as names of their own, not glued to the first ("Martin Untersinger (avec
# Damien Leloup" was one author).
_BRACKETED_WITH = re.compile(r"\s*[(\[]\s*(?:with|avec|mit|con|com|met|med|مع)\s+(?:additional\s+)?"
                             r"(?:reporting\s+(?:by|from)\s+)?(?P<names>[^()\[\]]+?)\s*[)\]]", re.I)
# A wire agency in brackets after a name ("Jane Doe (AFP)") is the agency, not part of the name.
_BRACKETED = re.compile(r"\s*[(\[](?P<inner>[^()\[\]]{2,40})[)\]]")
# A label printed with no name after it ("回答者：", "Author:"): the colon is its last character.
_EMPTY_LABEL = re.compile(r"[^:：]{1,20}[:：]\s*")
_EDITOR_INITIALS = re.compile(r"[a-z]{1,4}(?:\s*[/,]\s*[a-z]{1,5})*")
_STRONG_SEPARATORS = re.compile(r"\s*[;|·•\n]\s*|\s+[-–—]\s+")
_COMMA = re.compile(r"\s*[,،]\s*")
_CONJUNCTION = re.compile(r"\s*&\s*|\s+(?:and|und|y|et|و)\s+", re.I)
_FOR_OUTLET = re.compile(r"\s+(?:for|special to)\s+(?P<outlet>(?:the\s+)?[A-Z].*)$", re.I)
_QUOTES = " \t«»\"'“”‘’()[]<>:-–—.,;|·•*"
# The head of a role: a byline piece ending in one of these describes the person before it.
ROLE_HEADS = frozenset("""writer writers reporter reporters correspondent correspondents editor editors
editor-at-large editor-in-chief
columnist columnists contributor contributors journalist journalists photographer photographers
producer producers analyst analysts critic critics intern interns freelancer staffer staffers
staff bureau chief anchor host presenter researcher
rechtsanwalt rechtsanwältin fachanwalt fachanwältin""".split())
# Words that qualify a role ("Senior", "Political", "White House") and carry no name.
_ROLE_WORDS = ROLE_HEADS | frozenset("""senior junior chief staff political foreign national
international sports business tech technology science health investigative associate assistant
managing deputy executive special news local digital contributing editorial opinion economics
finance culture arts features the of for at and in desk""".split())
AGENCIES = frozenset("""reuters ap afp associatedpress agencefrancepresse bloomberg upi dpa efe ansa
xinhua kyodo anadolu anadoluagency pressassociation pamedia tass wam spa kuna mena aa cnn bbc usatoday
newsdesk webdesk staffreports wirereports wires""".split())
_OUTLET_WORDS = frozenset("""news times herald gazette tribune journal agency media magazine network
newspaper radio television tv channel inc ltd llc group company corporation foundation institute
university association ministry newsroom desk wire wires sentinel courier chronicle examiner
telegraph dispatch inquirer enquirer observer""".split())
_NOT_NAMES = frozenset({"by", "staff", "reports", "report", "admin", "administrator", "updated", "published", "posted",
                        "anonymous", "unknown", "guest", "share", "follow", "author", "authors",
                        # name suffixes and degrees written after a comma ("Ilana Muhlstein, MS, RDN")
                        "jr", "jr.", "sr", "sr.", "phd", "ph.d.", "md", "m.d.", "ms", "ma", "mba", "rd",
                        "rdn", "rn", "cpa", "esq", "esq."})
# A date's words, left when its digits went with a comma ("Tuesday, November 19"): never a name.
_CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december jan feb mar apr jun jul aug sep sept oct
nov dec today yesterday""".split())
CLOSE_RATIO = 0.85  # difflib ratio at which a name is the outlet's, misspelt or spaced differently
_DIGIT = re.compile(r"\d")
_WEB = re.compile(r"https?:|www\.|\S@\S+\.\w", re.I)


@dataclass
class Byline:
    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)

    def add(self, other: Byline) -> None:
        self.people = list(dict.fromkeys(self.people + other.people))
        self.organisations = list(dict.fromkeys(self.organisations + other.organisations))


def read_byline(text, outlets: Iterable[str] = (), declared_person: bool = False) -> Byline:
    """The people and organisations one byline text names, in order.

    ``outlets`` are names of the site (og:site_name, the publisher, the host name): a piece close
    to one of them is the outlet, not a person. ``declared_person`` is set for a schema.org
    ``Person``'s name, whose words are then not read as an outlet's ("John Herald").
    """
    byline = Byline()
    if not isinstance(text, str):
        return byline
    # A line of its own that is a button's label ("SHOW ALL ARTICLES OF<br>Jane Doe", an author
    # box's link) goes, as a whole text that ends with one does.
    text = "\n".join(line for line in unicodedata.normalize("NFC", text).replace("\u00a0", " ").split("\n")
                     if not is_ui_text(line))
    text = _UI_TEXT.sub("", text)
    text = _TRAILING_DATE.sub("", text)
    text = _BRACKETED_WITH.sub(lambda m: "; " + m.group("names"), text)
    text = _BRACKETED.sub(_bracketed, text)
    outlet_keys = [key for key in (_key(o) for o in outlets if isinstance(o, str)) if key]
    for part in _STRONG_SEPARATORS.split(text.strip()):
        if _EMPTY_LABEL.fullmatch(part):
            continue  # "回答者：" with its name left empty (an answer form's template): nobody
        for index, piece in enumerate(_COMMA.split(_strip_marker(part))):
            piece = _strip_marker(piece)
            if index and _is_role(piece.split()[-1:]):
                continue  # "Jane Doe, Washington Correspondent"
            outlet = _FOR_OUTLET.search(piece)
            if outlet:  # "Jane Doe for The Guardian"
                _add_name(byline, outlet.group("outlet"), outlet_keys, False)
                piece = piece[:outlet.start()]
            for name in _CONJUNCTION.split(piece):
                name = _strip_marker(name)
                if _key(name) in AGENCIES:  # "Staff Reports", "Wire Reports": kept whole, as printed
                    _add_name(byline, name, outlet_keys, False)
                    continue
                _add_name(byline, _strip_role(name, keep=2 if declared_person else 1), outlet_keys, declared_person)
    # "Tom DiChristopher | @tdichristopher" (CNBC): a social handle that spells a named author's
    # name is that person's account, not a second author.
    names = [name for name in byline.people if not name.startswith("@")]
    byline.people = [name for name in byline.people if not (name.startswith("@") and _handle_of(name, names))]
    return byline


def _handle_of(handle: str, names: list[str]) -> bool:
    """Does ``handle`` ("@tdichristopher") hold the first or last name of one of ``names``?"""
    letters = "".join(ch for ch in handle.casefold() if ch.isalpha())
    return any(len(part) >= 3 and part in letters
               for name in names for word in (name.split()[0], name.split()[-1])
               if (part := "".join(ch for ch in word.casefold() if ch.isalpha())))


def _bracketed(match: re.Match) -> str:
    """A bracketed wire agency ("Jane Doe (AFP)") becomes a name of its own, a bracketed role
    ("Jane Doe (Sports Editor)") and an editor's initials ("Julia Hitz (eg)") go; anything else
    stays as printed. Each was glued to the name before it ("Jane Doe (AFP", "Julia Hitz (eg")."""
    inner = match.group("inner")
    if _key(inner) in AGENCIES:
        return "; " + inner
    if _EDITOR_INITIALS.fullmatch(inner.strip()):
        return ""  # "Julia Hitz (eg)", "(ha/kp)": the desk's initials, no name
    words = inner.split()
    return "" if words and all(w.casefold() in _ROLE_WORDS for w in words) and _is_role(words) else match.group(0)


def is_ui_text(text: str) -> bool:
    """Is ``text`` only a byline box's button ("Follow @StevenMufson", "View all articles"), no name?"""
    return _UI_TEXT.fullmatch(text) is not None


def starts_as_byline(text: str) -> bool:
    """Whether ``text`` starts with a byline's marker ("By ", "Von ", "Written by", "بقلم")."""
    return bool(_MARKER.match(text.strip(_QUOTES))) and bool(_strip_marker(text))


def is_outlet(name: str, outlets: Iterable[str] = ()) -> bool:
    """True when ``name`` is close to one of the site's names, or is a wire agency."""
    keys = [k for k in (_key(o) for o in outlets) if k]
    return _key(name) in AGENCIES or _close_to_outlet(_key(name), keys)


def is_site(name: str, outlets: Iterable[str] = ()) -> bool:
    """True when ``name`` is the site itself: close to one of its names (og:site_name, publisher,
    host name), or a one-word lower-case login equal to the host name or its first hyphenated
    part ("gto" on gto-normativy.ru). A wire agency or another outlet is not the site."""
    keys = [k for k in (_key(o) for o in outlets) if k]
    if _close_to_outlet(_key(name), keys):
        return True
    plain = name.strip()
    return (" " not in plain and plain.islower()
            and any(plain == o.lower() or plain == o.lower().split("-")[0] for o in outlets if isinstance(o, str)))


def host_name(host: str | None) -> str | None:
    """The name a host stands for ("www.usatoday.com" -> "usatoday", "www.bbc.co.uk" -> "bbc")."""
    labels = [label for label in (host or "").lower().split(":")[0].split(".") if label and label != "www"]
    if len(labels) < 2:
        return labels[0] if labels else None
    if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2:  # co.uk, com.au
        return labels[-3]
    return labels[-2]


def _add_name(byline: Byline, name: str, outlet_keys: list[str], declared_person: bool) -> None:
    name = name.strip(_QUOTES)
    words = name.split()
    if (not words or len(words) > 6 or len(name) > 60 or _DIGIT.search(name) or _WEB.search(name)
            or name.casefold() in _NOT_NAMES or all(w.casefold() in _ROLE_WORDS for w in words)
            or all(w.casefold().strip(".") in _CALENDAR for w in words)):
        return
    if _is_organisation(name, words, outlet_keys, declared_person):
        if name not in byline.organisations:
            byline.organisations.append(name)
    elif name not in byline.people:
        byline.people.append(name)


def _is_organisation(name: str, words: list[str], outlet_keys: list[str], declared_person: bool) -> bool:
    key = _key(name)
    if key in AGENCIES or _close_to_outlet(key, outlet_keys):
        return True
    if words[0].casefold() == "the" and len(words) > 1:
        return True
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5:
        return True  # BBC, WAM, KUNA
    acronym = words[0].isupper() and 3 <= len(words[0]) <= 5 and not all(w.isupper() for w in words)
    if acronym and len(words) <= 3:
        return True  # "CNN Business", "NBC Sports" (an all-capitals byline, "STEVE PEOPLES", is a person)
    outlet_word = words[-1].casefold().strip(".") in _OUTLET_WORDS
    # A declared Person may be called Herald; "NJ Advance Media" declared a Person is still an outlet.
    return outlet_word and (not declared_person or len(words) >= 3)


def _close_to_outlet(key: str, outlet_keys: list[str]) -> bool:
    for outlet in outlet_keys:
        shorter, longer = sorted((key, outlet), key=len)
        if not shorter:
            continue
        if shorter == longer or (len(shorter) >= 4 and shorter in longer and len(shorter) >= len(longer) / 2):
            return True
        if len(shorter) >= 5 and _similar(key, outlet):
            return True
    return False


def _similar(key: str, outlet: str) -> bool:
    """difflib's ratio >= :data:`CLOSE_RATIO`, its cheap upper bounds asked first (difflib's own
    idiom): most names are far from the outlet's, and the full ratio was a sixth of a news page's
    metadata."""
    matcher = SequenceMatcher(None, key, outlet)
    return (matcher.real_quick_ratio() >= CLOSE_RATIO and matcher.quick_ratio() >= CLOSE_RATIO
            and matcher.ratio() >= CLOSE_RATIO)


def _strip_marker(text: str) -> str:
    text = text.strip(_QUOTES)
    while True:
        stripped = _MARKER.sub("", text, count=1).strip(_QUOTES)
        if stripped == text:
            return text
        text = stripped


def _is_role(words: list[str]) -> bool:
    return bool(words) and words[-1].casefold().strip(".,") in ROLE_HEADS


def _strip_role(name: str, keep: int = 1) -> str:
    """"Jane Doe Staff Writer" -> "Jane Doe"; "Senior Reporter Jane Doe" -> "Jane Doe". At least
    ``keep`` words stay: a schema.org Person's "Ann Writer" is a surname, not a role."""
    words = name.split()
    end = len(words)
    while end > keep and words[end - 1].casefold() in _ROLE_WORDS:
        end -= 1
    if end < len(words) and any(w.casefold() in ROLE_HEADS for w in words[end:]):
        words = words[:end]
    start = 0
    while start < len(words) - keep and words[start].casefold() in _ROLE_WORDS:
        start += 1
    if start and any(w.casefold() in ROLE_HEADS for w in words[:start]):
        words = words[start:]
    return " ".join(words)


def _key(name: str) -> str:
    """A name compared without case, spaces, punctuation or accents ("Asharq AL-awsat" -> "asharqalawsat")."""
    if not isinstance(name, str):
        return ""
    return _plain_key(name)


@lru_cache(maxsize=4096)
def _plain_key(name: str) -> str:
    # Cached: a page's outlet names are keyed again for every title segment and byline name.
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())
