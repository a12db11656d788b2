"""News articles pasted into forum posts: told apart from the poster's own words by their shape.

Members of news boards paste whole articles, often with the outlet's tag ("{Political: Al Furat
News}", "Shafaq News/"), a byline ("BY RICK MORAN NOV 07, 2021 3:59 PM ET"), a dateline
("AMMAN, JORDAN —", "Baghdad / The National News Center") or a bare timestamp line, and usually
the headline first. Conversation looks different: first person, questions, short. This module
reads those signs from the text alone; it knows no particular post. A post whose words are
mostly a quote of another member is conversation (quotes are not in a post's own text).

Decision, per post: an article starts at the first line that carries a mark of news copy (outlet
tag, byline, dateline, timestamp), or at a headline just above one; what comes before it is the
poster's comment. Without any such mark a post is a repost only when it reads like news copy
throughout: long, several paragraphs, many reporting verbs and almost no first person.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from datetime import datetime

from .dates import parse_text_date
from .models import Link

# Outlets named in bylines and credits; users extend it with the ARCHIVE_NEWS_OUTLETS setting.
KNOWN_OUTLETS = (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Al Jazeera", "BBC", "CNN",
    "Al Furat News", "Al-Furat News", "Shafaq News", "Rudaw", "Kurdistan24", "Iraqi News Agency", "INA",
    "Alsumaria", "Al Sumaria", "Baghdad Today", "Asharq Al-Awsat", "Arab News", "The National",
    "Al-Monitor", "Al-Hurra", "Alhurra", "VOA", "Voice of America", "The New Arab", "Xinhua", "Anadolu",
)

_BRACE_TAG = re.compile(r"^\{\s*(?:[^{}:]{1,30}:\s*)?(?P<outlet>[^{}]{2,60}?)\s*\}\s*")
_SLASH_TAG = re.compile(r"^(?P<outlet>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s?/\s+(?=\S)")
_DATELINE_OUTLET = re.compile(r"^(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s+/\s+(?P<outlet>[A-Z][\w .'’-]{2,60})$")
_CAPS_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+){0,3})\s*[—–-]+\s*(?P<rest>.*)$")
_BYLINE = re.compile(r"^(?:BY|By)\s+(?P<who>[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){1,3}?)"
                     r"(?:\s+(?P<when>(?:[A-Z][a-z]{2,8}|[A-Z]{3})\.?\s+\d{1,2},?\s+\d{4}.*))?$")
_PUBLISHED = re.compile(r"^(?:Published|Updated|Posted)\s+(?:on\s+)?(?P<when>.*\d{4}.*)$", re.I)
_TIMESTAMP = re.compile(r"^(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
                        r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}(?:\s+\d{1,2}:\d{2}\s*[AP]M)?)$")
_FILE_CAPTION = re.compile(r"^FILE(?: PHOTO)?:")
_SELF_REFERENCE = re.compile(
    r"\bAs (?P<a>(?:The )?[A-Z][\w-]+(?: [A-Z][\w-]+){0,3}) reported\b"
    r"|\b(?:told|to|with) (?P<b>(?:the )?[A-Z][\w-]+(?: [A-Z][\w-]+){0,2}) website\b"
    r"|\bin an interview with (?P<c>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2})\b")
_SOURCE_LINE = re.compile(r"^(?:Source|Via|Credit)\s*[:\-]\s*(?P<outlet>[^\n]{2,60})$", re.M | re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|I'm|I’m|I've|I’ve|we|us|our|you|your|you're|you’re|IMHO|lol)\b")
_REPORTING_WORDS = frozenset("said says told added stated announced reported revealed confirmed stressed noted "
                             "explained".split())
_FIRST_PERSON_WORDS = frozenset("i me my mine i'm i’m i've i’ve we us our you your you're you’re imho lol".split())
# A word token is a run of word characters and apostrophes (``[\w'’]+``; ``\w`` is what
# ``str.isalnum`` says, and "_"). Found without a regex (see :func:`word_tokens`): every ASCII byte that
# cannot be in one becomes a space, in one C pass over the UTF-8 bytes.
_ASCII = bytes(range(128))
_ASCII_SEPARATORS = bytes(code for code in range(128) if not (chr(code).isalnum() or chr(code) in "_'"))
_SEPARATORS_TO_SPACES = bytes.maketrans(_ASCII_SEPARATORS, b" " * len(_ASCII_SEPARATORS))
_REPORTING_TOKENS = frozenset(word.encode() for word in _REPORTING_WORDS)
_FIRST_PERSON_TOKENS = frozenset(word.encode() for word in _FIRST_PERSON_WORDS)
_QUOTED = re.compile(r"[“\"][^”\"]{0,600}[”\"]")

# How much text makes an article, and what news copy looks like without any mark of it.
MIN_MARKED_WORDS = 80
MIN_UNMARKED_WORDS = 250
MIN_UNMARKED_PARAGRAPHS = 4
MAX_FIRST_PERSON = 0.01  # share of words outside quoted speech
MIN_REPORTING = 0.006  # reporting verbs per word
MAX_COMMENT_WORDS = 150


@dataclass
class Repost:
    """One news article pasted into a post."""

    headline: str | None
    outlet: str | None
    dateline: str | None
    date_text: str | None
    published_at: datetime | None
    byline: str | None
    url: str | None
    text: str

    def to_dict(self) -> dict:
        data = asdict(self)
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        return {"type": "news_article", **data}


@dataclass
class _Marks:
    outlet: str | None = None
    dateline: str | None = None
    date_text: str | None = None
    byline: str | None = None
    first: int | None = None  # index of the first marked line


def find_reposts(text: str, links: list[Link] = (), posted_at: datetime | None = None,
                 outlets: tuple[str, ...] = KNOWN_OUTLETS) -> tuple[str | None, list[Repost]]:
    """Split a post's own text into the poster's comment and the news articles pasted in it.

    :returns: (the comment, or None when there is none; the reposts, empty for conversation)
    """
    # The post's words, counted up to the most either reading below needs: one split serves both
    # (the lines below hold the same words).
    words = len(text.split(None, max(MIN_MARKED_WORDS, MIN_UNMARKED_WORDS)))
    if words < min(MIN_MARKED_WORDS, MIN_UNMARKED_WORDS):
        # Too short for either reading below (a marked article needs MIN_MARKED_WORDS words, an
        # unmarked one MIN_UNMARKED_WORDS): most posts are, and need no line-by-line look.
        return None, []
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return None, []
    marks = _marks(lines[:8])
    if marks.first is not None:
        start = marks.first - 1 if marks.first > 0 and _is_headline(lines[marks.first - 1]) else marks.first
        comment_lines, article_lines = lines[:start], lines[start:]
        if _words(" ".join(comment_lines)) > MAX_COMMENT_WORDS or _words(" ".join(article_lines)) < MIN_MARKED_WORDS:
            return None, []
    elif words >= MIN_UNMARKED_WORDS and _reads_like_news(lines):
        comment_lines, article_lines = [], lines
    else:
        return None, []
    headline = article_lines[0] if _is_headline(article_lines[0]) and not _is_mark(article_lines[0]) else None
    # Outlet tags only open an article: the first lines are the only ones to clean.
    body = "\n\n".join(_strip_marks(line) if index < 8 else line
                         for index, line in enumerate(article_lines) if line != headline)
    repost = Repost(
        headline=_undouble(headline) if headline else None,
        outlet=marks.outlet or _named_outlet(body, outlets),
        dateline=marks.dateline,
        date_text=marks.date_text,
        published_at=parse_text_date(marks.date_text, posted_at) if marks.date_text and posted_at else None,
        byline=marks.byline,
        url=_source_url(links, headline),
        text=body.strip(),
    )
    return ("\n".join(comment_lines) or None), [repost]


def _marks(lines: list[str]) -> _Marks:
    marks = _Marks()
    for index, line in enumerate(lines):
        found = True
        if match := _BRACE_TAG.match(line):
            marks.outlet = marks.outlet or match.group("outlet").strip()
        elif match := _DATELINE_OUTLET.match(line):
            marks.dateline, marks.outlet = match.group("place"), marks.outlet or match.group("outlet").strip()
        elif (match := _SLASH_TAG.match(line)) and _words(line) > 12:
            marks.outlet = marks.outlet or match.group("outlet").strip()
        elif match := _BYLINE.match(line):
            marks.byline = match.group("who")
            marks.date_text = marks.date_text or match.group("when")
        elif match := _PUBLISHED.match(line):
            marks.date_text = marks.date_text or match.group("when")
        elif _TIMESTAMP.match(line):
            marks.date_text = marks.date_text or line
        elif (match := _CAPS_DATELINE.match(line)) and len(match.group("place")) >= 4:
            marks.dateline = match.group("place").strip(" ,")
        elif _FILE_CAPTION.match(line):
            pass  # a pasted photo caption: news copy, no field to fill
        else:
            found = False
        if found and marks.first is None:
            marks.first = index
    return marks


def _is_mark(line: str) -> bool:
    return bool(_BRACE_TAG.match(line) or _DATELINE_OUTLET.match(line) or _BYLINE.match(line)
                or _PUBLISHED.match(line) or _TIMESTAMP.match(line) or _FILE_CAPTION.match(line))


def _is_headline(line: str) -> bool:
    """A title-like line: short, no sentence-ending full stop, not a question to the reader."""
    words = _words(line)
    return 3 <= words <= 40 and not line.endswith((".", "?", "!", ":", ",")) and not _FIRST_PERSON.search(line)


def _reads_like_news(lines: list[str]) -> bool:
    """In paragraphs, full of reporting verbs, almost no first person outside quoted speech (the
    caller has made sure the post is long: MIN_UNMARKED_WORDS words).

    Cheapest tests first (verbs by set lookup): this runs on every long post of every page, and
    most long posts are opinions that fail at the verbs.
    """
    if len(lines) < MIN_UNMARKED_PARAGRAPHS:
        return False
    text = " ".join(lines)
    # No reporting verb anywhere, not even inside quoted speech: the rate below is 0, no need to
    # tokenise. (Taking quoted speech out only puts spaces in, so it cannot make up a word without
    # one; "according to" needs "according".)
    lowered = text.lower()
    if MIN_REPORTING > 0 and "according" not in lowered and not any(w in lowered for w in _REPORTING_WORDS):
        return False
    # One pass over the words outside quoted speech gives both rates.
    outside = _QUOTED.sub(" ", text).lower()
    tokens = word_tokens(outside)
    # map() over the set's __contains__ counts at C speed (a generator costs a Python step a word).
    reporting = sum(map(_REPORTING_TOKENS.__contains__, tokens)) + outside.count("according to")
    if reporting / max(len(tokens), 1) < MIN_REPORTING:
        return False
    first_person = sum(map(_FIRST_PERSON_TOKENS.__contains__, tokens))
    return first_person / max(len(tokens), 1) <= MAX_FIRST_PERSON


def word_tokens(text: str) -> list[bytes]:
    """The word tokens of ``text`` (runs of ``[\\w'’]``), UTF-8 encoded, in order.

    Why not ``re.findall``: the regex steps through a long post character by character, three
    times slower than this. Every character that is in no token becomes a space (the ASCII ones
    by one byte translation, the few distinct others each by one ``str.replace``), and a split
    on the spaces gives the runs. ``\\w`` in a str pattern is ``str.isalnum()`` or "_".
    """
    if not text.isascii():
        # The distinct characters beyond ASCII: the text's UTF-8 with its ASCII bytes deleted.
        beyond = text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")
        for character in set(beyond):
            if not character.isalnum() and character != "’":
                text = text.replace(character, " ")
    return text.encode("utf-8", "surrogatepass").translate(_SEPARATORS_TO_SPACES).split()


def _strip_marks(line: str) -> str:
    """The line without a leading outlet tag ("{Political: Al Furat News} Iran announced...")."""
    for pattern in (_BRACE_TAG, _SLASH_TAG):
        match = pattern.match(line)
        if match and _words(line) > 12:
            return line[match.end():]
    return line


def _named_outlet(body: str, outlets: tuple[str, ...]) -> str | None:
    """The outlet the article names as itself: "As The Gateway Pundit reported", "told Al-Hurra
    website", a "Source: Rudaw" line, or a known outlet in the opening credit ("BAGHDAD (Reuters) -").

    An outlet merely mentioned ("writing in the Saudi Arab News daily", a photo credit) is not
    taken: the article quotes it, it did not publish it.
    """
    # A substring test first: the pattern is costly to run over every long post.
    has_reference = " reported" in body or " website" in body or "interview with" in body
    for match in _SELF_REFERENCE.finditer(body) if has_reference else ():
        name = next(group for group in match.groups() if group)
        return re.sub(r"^the\s+(?=\S+$)", "", name, flags=re.I)
    source = _SOURCE_LINE.search(body)
    if source:
        return source.group("outlet").strip()
    opening = body.split("\n\n", 1)[0][:300]
    match = _opening_credit(outlets).search(opening)
    return match.group("outlet") if match else None


@functools.lru_cache(maxsize=8)
def _opening_credit(outlets: tuple[str, ...]) -> re.Pattern:
    """ "BAGHDAD (Reuters) -", "Rudaw: ..." for any of ``outlets`` (compiled once per list)."""
    names = "|".join(re.escape(name) for name in sorted(outlets, key=len, reverse=True))
    return re.compile(rf"(?:^|\()\s*(?P<outlet>{names})\s*(?:\)|[-—–:]\s)")


def _undouble(headline: str) -> str:
    """A headline pasted twice on one line ("X X") once."""
    half = len(headline) // 2
    first, second = headline[:half].strip(), headline[half:].strip()
    return first if first and first == second else headline


def _source_url(links: list[Link], headline: str | None) -> str | None:
    if headline:
        for link in links:
            if link.text and _undouble(headline).lower().startswith(link.text.lower()[:40]):
                return link.url
    return None


def _words(text: str) -> int:
    return len(text.split())
