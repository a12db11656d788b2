"""parsers.reposts: the word tokens its news-copy test counts."""

from __future__ import annotations

import re

import pytest

from parsers.reposts import word_tokens

# What word_tokens stands in for.
_TOKEN = re.compile(r"[\w'’]+")


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "he said, \"we'll see\" -- and_then: 42 (more)!",
    "i’m sure you’re right… “quoted” — café naïve Straße ½ ² ٣ İstanbul",
    "tabs\tand\nnew\x0blines\x0cand\u00a0nbsp\u2009thin\u3000ideographic",
    "emoji 😀 between words, and 漢字かな mixed with latin",
    "lone \ud800 surrogate and \u200b zero width",
])
def test_word_tokens_are_what_the_regex_finds(text):
    assert [token.decode("utf-8", "surrogatepass") for token in word_tokens(text)] == _TOKEN.findall(text)


def test_word_tokens_on_every_character():
    """Every code point between two letters: in the token or a separator, as the regex says."""
    for start in range(0, 0x110000, 256):
        block = [chr(code) for code in range(start, start + 256) if not 0xD800 <= code <= 0xDFFF]
        text = " ".join(f"x{character}y" for character in block)
        assert [token.decode() for token in word_tokens(text)] == _TOKEN.findall(text), hex(start)
