"""The article's title as the page shows it: its own ``<h1>``, without the site's name.

Why: the titles in metadata are written for search engines and sharing. JSON-LD ``headline``
is often an SEO title that differs from the headline readers see, and ``og:title`` and
``<title>`` carry the site's name (" | TechCrunch", "- Help Net Security"). The page's ``<h1>``
is what a reader calls the title, but a page may have several (the logo, a section name, the
next article), so an ``<h1>`` is taken only when it agrees with a metadata title:

- two titles agree when, compared as words (case, quotes, dashes and punctuation ignored), they
  are equal, the shorter is the start of the longer (at least three words, or half of it), or
  they share at least 60% of the longer one's distinct words;
- a site name is a separator-delimited (| – — - : · ») first or last segment equal or close to
  og:site_name, the JSON-LD publisher, the host's name ("helpnetsecurity.com"), or to the segment
  ``<title>`` adds to (or shares at its end with) a metadata title.

The ``<h1>`` keeps its typography (curly quotes, dashes); only white space is collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .byline import is_outlet

_SEPARATOR = re.compile(r"(\s+[|–—\-:·»/]\s+|\s*\|\s*|\s*·\s*|\s*»\s*|:\s+)")
# A word; in Chinese and Japanese, written without spaces, each character is one (a headline
# there is one run of characters: "港特首梁振英就住宅违建事件道歉" never agreed with its <title>
# "港特首梁振英就住宅违建事件道歉 - BBC中文网 - 两岸三地", and a masthead's heading was the title).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[^\W{_CJK}]+|[{_CJK}]")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def segments(title: str) -> list[str]:
    """The title's parts between site-name separators, separators kept at odd positions."""
    return _SEPARATOR.split(title)


def strip_site_name(title: str | None, site_names: Iterable[str]) -> str | None:
    """``title`` without a leading or trailing segment that names the site."""
    if not title:
        return title
    names = [n for n in site_names if n]
    parts = segments(title)
    while len(parts) > 2 and is_outlet(parts[-1], names):
        parts = parts[:-2]
    while len(parts) > 2 and is_outlet(parts[0], names):
        parts = parts[2:]
    return "".join(parts).strip() or title


def shared_site_names(title_tag: str | None, titles: Iterable[str]) -> list[str]:
    """Segments that ``<title>`` adds to a metadata title ("X | Site" beside "X"), or shares
    at its end with one ("X - Site" beside "Y - Site"): the site's name as the site writes it."""
    if not title_tag:
        return []
    tag_parts = segments(title_tag)
    found = []
    for title in titles:
        if not title or title == title_tag:
            continue
        if title_tag.startswith(title) and _SEPARATOR.match(title_tag[len(title):]):
            found.extend(p for p in segments(title_tag[len(title):])[2::2] if p.strip())
        parts = segments(title)
        if len(parts) > 2 and len(tag_parts) > 2 and parts[-1] == tag_parts[-1] and parts[0] != tag_parts[0]:
            found.append(parts[-1])
    # A site name is short beside the headline: a long shared segment is the headline itself
    # ("Site: Headline" beside "Headline").
    return list(dict.fromkeys(f.strip() for f in found
                              if f.strip() and len(f.split()) <= 5 and len(f) * 2 < len(title_tag)))


def agree(one: str | None, other: str | None) -> bool:
    """Whether two titles are the same headline (see the module docstring for the rule)."""
    a, b = words(one), words(other)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if longer[:len(shorter)] == shorter and (len(shorter) >= 3 or len(shorter) * 2 >= len(longer)):
        return True
    return len(set(a) & set(b)) >= 0.6 * max(len(set(a)), len(set(b)))


def words(title: str | None) -> list[str]:
    if not title:
        return []
    plain = unicodedata.normalize("NFKC", title).translate(_TYPOGRAPHY).casefold()
    return _WORD.findall(plain.replace("'", ""))


def choose_title(headings: list[str], metadata_titles: list[str | None], site_names: Iterable[str]) -> tuple[int | None, str | None]:
    """The title and, when it is one of ``headings`` (the page's ``<h1>`` texts, in order), its index.

    ``metadata_titles`` are in order of trust (JSON-LD headline, og:title, twitter:title,
    ``<title>``); the first with words gives the title when no heading agrees with any of them.
    The last one (``<title>``) alone is only used to recognise a heading, never as the title.
    """
    names = list(site_names)
    cleaned = [strip_site_name(t, names) for t in metadata_titles if t]
    for index, heading in enumerate(headings):
        if any(agree(heading, title) for title in cleaned) and not is_outlet(heading, names):
            return index, heading
    trusted = [strip_site_name(t, names) for t in metadata_titles[:-1] if t]
    return None, next((t for t in trusted if t), None)
