"""Turning page bytes and HTML fragments into text and safe HTML.

Decoding goes through w3lib's ``html_to_unicode`` (the function Scrapy itself uses for
``response.text``), so a live crawl and an offline replay of the same bytes read the same
characters. Sanitising uses nh3 (a binding to the Rust ``ammonia`` sanitiser).
"""

from __future__ import annotations

import copy
import re

import charset_normalizer
import nh3
from lxml import etree
from w3lib.encoding import html_body_declared_encoding, html_to_unicode

# Elements after which a reader sees a line break.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
# Never drawn: scripts, styles and templates; and the <title>/<desc> of an inline SVG (a tooltip
# and a description, like an image's title; a <title> outside <head> is not shown either); what an
# <iframe>, a <video> or an <audio> holds, which only a browser without them shows ("Your browser
# does not support iframes"), never a poster's words; a ruby's reading (<rt>, with the <rp> brackets
# old browsers show): "障害<rt>しょうがい</rt>" is the word 障害, and read with its reading a title
# came out "障害しょうがいがある人ひと..." (NHK News Web Easy prints one over every kanji).
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "title", "desc", "iframe", "video", "audio",
                        "rt", "rp"))

SAFE_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "blockquote": {"cite"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """Decode a response body the way Scrapy does: BOM, then HTTP charset, then <meta>, then guess.

    The guess (only for pages that declare nothing) is UTF-8 when the bytes are valid UTF-8, else
    charset-normalizer's: old Arabic sites serve windows-1256 without saying so.
    """
    return decode_page(body, content_type)[0]


def decode_page(body: bytes, content_type: str | None = None) -> tuple[str, int]:
    """:func:`decode_body`'s text, and how many of its characters are U+FFFD stand-ins for bytes
    its charset does not have (:func:`undecoded_characters`), counted once: the count scans the
    whole page, and the parse reports it."""
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=guess_encoding)
    if not encoding.replace("-", "").replace("_", "").lower().startswith("utf") and _is_utf8_beyond_ascii(body):
        # A page labelled with a legacy charset whose bytes are valid UTF-8 beyond ASCII is UTF-8:
        # legacy text with letters beyond ASCII is almost never valid UTF-8 (Latin-1's "é" is a byte
        # no UTF-8 sequence starts with; windows-1256's and windows-1251's letters, GBK's and
        # Shift_JIS's pairs break it within a word). Such a page is a copy saved as UTF-8 that kept
        # the label the board served it with (a scraper writing out its decoded text, a corpus
        # stored as UTF-8): "é" must not become "Ã©", nor an Arabic name "ظ…طµط·ظپظ‰".
        return body.decode("utf-8-sig"), 0
    replaced = undecoded_characters(body, text)
    if encoding == "utf-8" and replaced and replaced > len(text) - len(text.encode("ascii", "ignore")) - replaced:
        # Labelled UTF-8 and mostly not: more bytes fail as UTF-8 than form its characters. A
        # server that labels every page UTF-8 in front of a legacy board whose own <meta> names its
        # charset ("ISO-8859-1" on a German vBulletin 4) made each umlaut U+FFFD. The page's own
        # label is read then, when every byte decodes in it. (A UTF-8 page with a stray byte keeps
        # its label: its characters outnumber the byte.)
        declared = html_body_declared_encoding(body)
        if declared and declared != "utf-8":
            try:
                return body.decode(declared), 0
            except (UnicodeDecodeError, LookupError):
                pass
    return text, replaced


_REPLACEMENT_IN_UTF8 = "\ufffd".encode("utf-8")


def undecoded_characters(body: bytes, text: str) -> int:
    """How many characters of ``text`` (``body`` decoded) are U+FFFD stand-ins the decoder put
    for bytes its charset does not have: those a page sends as UTF-8 bytes of U+FFFD itself (a
    board that stored them so) are not counted. Two scans in C, no decoding again."""
    replaced = text.count("\ufffd")
    return replaced - body.count(_REPLACEMENT_IN_UTF8) if replaced else 0


def _is_utf8_beyond_ascii(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def guess_encoding(body: bytes) -> str | None:
    """The encoding of undeclared bytes: UTF-8 if they decode as such, else charset-normalizer's best guess."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # Judge by the non-ASCII bytes alone: on a mostly-English page the ASCII drowns them out.
    # Scripts of their own (Arabic, Cyrillic, ...) come as runs of such bytes, one run a word;
    # Latin accents come one at a time inside ASCII words, and then windows-1252 is the web's
    # usual legacy encoding (as HTML5 assumes for unlabelled Western pages).
    runs = _HIGH_BYTE_RUNS.findall(body)
    if sum(map(len, runs)) / len(runs) < 1.8:
        return "cp1252"
    best = charset_normalizer.from_bytes(b" ".join(runs)).best()
    return best.encoding if best is not None else None


_HIGH_BYTE_RUNS = re.compile(rb"[\x80-\xff]+")


def element_text(element, skip: frozenset[str] = frozenset()) -> str:
    """Visible text of an lxml element: block elements become line breaks, runs of spaces collapse.

    Paragraphs that only hold spaces or ``&nbsp;`` (IPS pads posts with them) disappear.
    Elements whose tag is in ``skip`` (say ``{"blockquote"}``) are left out, the text after them
    kept: the same as reading a copy without them, without making the copy.
    """
    if element.tag.__class__ is not str:
        # A comment or a processing instruction (a template's "<!-- -->", a stray "<?php ?>")
        # prints nothing; its ``text`` is its source, never the page's words.
        return ""
    if not len(element) and element.tag != "pre":
        # No children (a link, a name, a date): its own text, whitespace collapsed, is all the walk
        # below would give; it runs for every link of every post.
        return " ".join((element.text or "").replace("\u200b", "").split())
    skipped = _SKIP_TAGS | skip if skip else _SKIP_TAGS
    parts: list[str] = [element.text or ""]
    add = parts.append

    # Line breaks are marked with "\x00" while collecting: newlines inside the text are source
    # formatting, and become spaces in one pass at the end. This runs on every post of every page.
    # The walk keeps its own stack (children still to read, the element they belong to, whether
    # it is a block): a tree 2,000 elements deep must not exhaust Python's recursion limit.
    # Inside <pre> (a post's code box) the source's newlines are the reader's line breaks: a
    # batch file or a stack trace read as one line is no longer the code that was posted. Each
    # stack entry carries whether its children are inside a <pre>.
    pre = element.tag == "pre"
    if pre and parts[0]:
        parts[0] = _pre_lines(parts[0])
    stack = [(iter(element), None, False, pre)]
    while stack:
        children, owner, block, pre = stack[-1]
        for child in children:
            tag = child.tag
            if tag.__class__ is str and tag not in skipped:
                if tag == "br":
                    add("\x00")
                elif tag == "img":
                    words = picture_words(child)
                    if words:
                        add(words)
                else:
                    is_block = tag in _BLOCK_TAGS
                    if is_block:
                        add("\x00")
                    child_pre = pre or tag == "pre"
                    text = child.text  # read once: each read decodes the node's text anew
                    if text:
                        add(_pre_lines(text) if child_pre else text)
                    if len(child):
                        stack.append((iter(child), child, is_block, child_pre))
                        break  # read the child's children first; its tail follows them
                    if is_block:
                        add("\x00")
            tail = child.tail
            if tail:
                add(_pre_lines(tail) if pre else tail)
        else:
            stack.pop()
            if owner is not None:
                if block:
                    add("\x00")
                tail = owner.tail
                if tail:
                    add(_pre_lines(tail) if stack and stack[-1][3] else tail)
    # One str.split() over the whole text collapses every whitespace run, NBSP and source newlines
    # included ("\x00" is not whitespace, so the line marks survive); C-speed, unlike a regex.
    flat = " ".join("".join(parts).replace("\u200b", "").split())
    if "\x00" not in flat:  # one line (no block, no <br>): already what the lines below would give
        return flat
    lines = flat.replace(" \x00", "\x00").replace("\x00 ", "\x00").split("\x00")
    kept: list[str] = []
    for line in lines:  # at most one empty line between paragraphs
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


def picture_words(image) -> str | None:
    """What a picture in the text says as words, which is its ``alt``, for the two kinds of picture
    that stand for what the writer typed: a formula's LaTeX source (the boards' [tex] and [math]
    codes and math sites render each formula by a LaTeX image service: codecogs, mimeTeX,
    WordPress's latex.php, a board's own latexrender) and an emoji drawn as a picture (its alt is
    the character). Without them a post read "The reason is that ; and ." where it said
    "|a|<1 => a^n -> 0", and "(In , the advantage is significant)" where it said "(In 🇫🇷, ...)".
    None for every other picture (smileys' ":)" or "smile", photos: their alt is no word of the
    writer's)."""
    alt = image.get("alt")
    if not alt or not alt.strip():
        return None
    source = image.get("src") or ""
    if _FORMULA_SERVICE.search(source) or _FORMULA_CLASS.search(image.get("class") or ""):
        return " ".join(alt.split())
    alt = alt.strip()
    if len(alt) <= 16 and _EMOJI_ALONE.fullmatch(alt) and not alt.isascii():
        return alt  # an emoji the poster typed, drawn as a picture: its alt is the character itself
    return None


# Addresses of LaTeX image services and board renderers, and the classes boards give their pictures.
_FORMULA_SERVICE = re.compile(r"codecogs\.com/|mimetex|mathtex|latex\.php|latexrender|latex2/|/cgi-bin/mathtex"
                              r"|[?&]cht=tx\b|/png\.latex|/gif\.latex|/svg\.latex|quicklatex\.com/", re.I)
_FORMULA_CLASS = re.compile(r"(?<![\w-])(?:tex|latex|mathtex|mimetex|ql-img-inline-formula)(?![\w-])", re.I)
# An alt that is emoji alone ("🇫🇷", "👍🏽", "❤️", "#️⃣"): boards draw the emoji a poster typed as a
# picture (XenForo's smilie--emoji, IPS's ipsEmoji, NodeBB's and WordPress's emoji images) whose alt
# is the character; a smiley's alt (":)", "smile") is no such character, and is left out.
_EMOJI_ALONE = re.compile("(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u2190-\u21FF"
                          "\u3030\u303D\u3297\u3299\u00A9\u00AE\u2122\u200D\uFE0F\u20E3#*0-9])+")


def _pre_lines(text: str) -> str:
    """Preformatted text with its newlines as the walk's line marks (kept through the collapse)."""
    return text.replace("\r\n", "\n").replace("\n", "\x00")


def without(element, xpath: str):
    """A copy of ``element`` with every node matching ``xpath`` removed (tails kept)."""
    clone = copy.deepcopy(element)
    for node in clone.xpath(xpath):
        drop_node(node)
    return clone


def remove_matching(element, xpath) -> None:
    """Remove, in place, every node under ``element`` that ``xpath`` (a string or compiled XPath) matches.

    For trees the caller owns and will not read again: cheaper than :func:`without`'s copy.
    """
    nodes = xpath(element) if callable(xpath) else element.xpath(xpath)
    for node in nodes:
        drop_node(node)


def drop_node(node) -> None:
    """Remove ``node`` from its tree, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def inner_html(element) -> str:
    """The markup inside ``element`` (its children and text, not its own tag)."""
    # One serialisation of the whole element, then its own tags cut off: far cheaper than one
    # tostring() per child on long posts.
    markup = etree.tostring(element, encoding="unicode", method="html", with_tail=False)
    start = markup.find(">") + 1
    end = markup.rfind("</")
    return markup[start:end] if end >= start else markup[start:]


# One sanitiser built once: nh3.clean() builds the same one from its options on every call, which
# costs about as much as cleaning a short post (and sanitise runs on every post of every page).
_SANITISER = nh3.Cleaner(attributes=SAFE_ATTRIBUTES, link_rel="noopener noreferrer nofollow")


def sanitise(fragment: str) -> str:
    """Markup safe to show in a browser: scripts, styles, event handlers and unknown attributes go."""
    return _SANITISER.clean(fragment).strip()


def iter_outside(element, tags: tuple[str, ...], skip: str | frozenset[str]):
    """Descendants of ``element`` with one of ``tags``, except those inside a ``skip`` element (a tag,
    or a set of tags), in document order (a ``skip`` element itself is yielded when it has one of ``tags``).

    Found by lxml's own iteration (no Python step for an element of neither kind): each outermost
    ``skip`` element's descendants of those tags are set aside once, so it stays linear in the
    tree's size however deep it nests.
    """
    if not tags:
        return
    skipped = (skip,) if isinstance(skip, str) else tuple(skip)
    inside: set = set()
    for node in element.iterdescendants(*skipped) if skipped else ():
        if node not in inside:
            inside.update(node.iterdescendants(*skipped, *tags))
    for node in element.iterdescendants(*tags):
        if node not in inside:
            yield node
