"""MyBB quotes (``blockquote.mycode_quote`` with its ``cite``), nested, with who, when and which post they quote."""

from __future__ import annotations

import re
from datetime import datetime

from ..budget import check_budget
from ..clock import UTC, ForumClock
from ..html_text import element_text
from ..markup import top_level_blockquotes
from ..models import Quote
from ..quote_depth import read_deeper
from ..values import words as _words
from .common import THREAD_ID
from .parts import printed, span_titles_text


_QUOTED_POST = re.compile(r"(?:[?&;#]pid=?|post-)(\d+)")
# "X Wrote:" in MyBB's language packs; "Quote:" alone is an unattributed quote. Arabic packs print
# "X كتب:" ("كتبت:" for a woman on some boards): without it an Arabic quote had no author.
# Slavic packs print both genders ("написал(а):", "napisał(a):", "написав(ла):"), CJK packs may glue
# the verb to the name and use a full-width colon ("X寫道："): such a quote had no author.
_WROTE = re.compile(r"^(?P<who>.+?)(?:\s+(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|napisał"
                    r"|написал|написав|napsal|napísal|skrev|kirjoitti|yazdı|έγραψε|كتبت?|írta|נכתב|כתב|نوشته(?: است)?"
                    r"|đã viết|menulis|пише|пишет)"
                    r"|\s*(?:写道|寫道|写入|님의 말|さんの投稿|さんが書きました))"
                    r"(?:\s*\((?:a|а|ла)\)|/l?a)?\s*[:\uff1a]?\s*$", re.S | re.I)
_QUOTE_SKIP = frozenset({"blockquote", "cite"})


def read_quote(blockquote, clock: ForumClock, depth: int = 1) -> Quote:
    """``<blockquote class="mycode_quote"><cite><span> (date)</span>X Wrote: <a class="quick_jump"
    href="...#pidN"></a></cite>words</blockquote>``, and the quotes nested in it (see
    :mod:`parsers.quote_depth`)."""
    check_budget()
    cite = next((child for child in blockquote if child.tag == "cite"), None)
    author = published = citation = thread_id = None
    post_id = blockquote.get("data-pid") or None
    dateline = blockquote.get("data-dateline")
    if dateline and dateline.isdigit():
        published = datetime.fromtimestamp(int(dateline), tz=UTC)
    if cite is not None:
        words = [cite.text or ""]
        for child in cite:
            if not isinstance(child.tag, str):  # a comment (or a processing instruction): no words
                words.append(child.tail or "")
                continue
            if child.tag == "span" and published is None:
                published = clock.read(printed(span_titles_text(child)))
            elif child.tag == "a":
                href = child.get("href") or ""
                match = _QUOTED_POST.search(href)
                post_id = post_id or (match.group(1) if match else None)
                match = THREAD_ID.search(href)  # "showthread.php?tid=N&pid=M#pidM"
                thread_id = thread_id or (match.group(1) if match else None)
            if child.tag not in ("span", "a"):
                words.append(_words(child.itertext()))
            words.append(child.tail or "")
        citation = " ".join("".join(words).split()) or None
        match = _WROTE.match(citation or "")
        author = match.group("who") if match else None
    return Quote(
        author=author,
        author_id=blockquote.get("data-uid") or None,
        post_id=post_id,
        thread_id=thread_id,
        published_at=published,
        citation=citation,
        text=element_text(blockquote, skip=_QUOTE_SKIP),
        quotes=[read_quote(bq, clock, depth + 1) for bq in top_level_blockquotes(blockquote)]
        if read_deeper(depth) else [],
    )
