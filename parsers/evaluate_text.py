"""How ``forum-archiver eval`` compares texts: word tokens, token F1, the words one side lacks."""

from __future__ import annotations

import re
from collections import Counter


_WORDS = re.compile(r"\w+")
_TYPOGRAPHIC = str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")


# --- Text measures ---------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return _WORDS.findall((text or "").lower())


def token_f1(gold: str, ours: str) -> float:
    """Token F1 as defined in the module docstring."""
    return token_scores(gold, ours)[2]


def token_scores(gold: str, ours: str) -> tuple[float, float, float]:
    """(precision, recall, F1) over word tokens; recall alone tells "our text holds the gold"."""
    gold_tokens, our_tokens = tokens(gold), tokens(ours)
    if not gold_tokens and not our_tokens:
        return 1.0, 1.0, 1.0
    overlap = sum((Counter(gold_tokens) & Counter(our_tokens)).values())
    if overlap == 0:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / len(our_tokens), overlap / len(gold_tokens)
    return precision, recall, 2 * precision * recall / (precision + recall)


def f1_note(gold: str, ours: str) -> str:
    """F1 with precision and recall and the words that cost them, for the misses listing."""
    precision, recall, f1 = token_scores(gold, ours)
    return f"F1 {f1:.3f} (P {precision:.2f}, R {recall:.2f}); {_word_diff(gold, ours)}"


def plain(text: str) -> str:
    """Whitespace collapsed and typographic quotes straightened, as the benchmarks' snippets are."""
    return " ".join((text or "").translate(_TYPOGRAPHIC).split())


def quote_text(quote) -> str:
    """A quote as a reader sees it: citation line, the quotes nested in it, then its words."""
    return " ".join([quote.citation or "", *map(quote_text, quote.quotes), quote.text or ""])


def visible_text(post, with_author: bool = False) -> str:
    """What a reader sees of a post: (its author,) each quote's citation and words, its own words."""
    parts = [post.author.name or ""] if with_author else []
    return " ".join([*parts, *map(quote_text, post.quotes), post.text or ""])


def _word_diff(gold: str, ours: str, limit: int = 8) -> str:
    """The words F1 lost, in reading order: what a developer looks for in the page."""
    gold_tokens, our_tokens = tokens(gold), tokens(ours)
    missing = _unmatched(gold_tokens, Counter(our_tokens), limit)
    extra = _unmatched(our_tokens, Counter(gold_tokens), limit)
    return f"missing: {' '.join(missing) or '-'}; extra: {' '.join(extra) or '-'}"


def _unmatched(words: list[str], other: Counter, limit: int) -> list[str]:
    """Tokens of ``words`` left over once each is paired with an occurrence in ``other``.

    Pairing in reading order puts the leftovers where they are on the page: text the gold
    stops before shows up as the words after that point, not as common words from the start.
    """
    left, out = other.copy(), []
    for word in words:
        if left[word]:
            left[word] -= 1
        elif len(out) < limit:
            out.append(word)
        else:
            return out + ["…"]
    return out


def short(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
