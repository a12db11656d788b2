"""Hostile pages for the parsers: seeded mutations of saved pages, each parsed and checked.

Why: ``parse_page`` reads whatever bytes a server sent. A parser that raises or stalls on one
page costs the crawl the rest of a thread, and a post given another post's author is a quiet
falsehood in the archive. This module makes hostile variants of real pages (:data:`MUTATIONS`:
byte flips, truncation, torn bytes, deleted tags, NUL runs, control characters, quotes nested
thousands deep, 20,000 nested divs, a post of megabytes, duplicated and merged post blocks,
wrong encodings, JSON values of the wrong type; and what a board's theme changes: class names
renamed or dropped, wrapper divs added, the author block moved after the message, the page nav
restyled, one post printed by another template; a language pack's words in the dates; a
member's signature under every post, linking another member and printing dates; an
advertisement between posts printed in the post's own markup, with no post id; lines that
name other members near a post's header: a reply pointer, who liked it, a member's hover card;
a hidden post's placeholder between posts, in the post's markup under a number of its own,
with no author, time or words; recent posts' dates in the engine's relative words, "Today,
10:14 AM", "5 minutes ago", read at a capture time just after them; changes no reader sees:
template comments, a server's warning before the page, a plugin's part in the head, the page
minified; and the copies tools keep: without its scripts, a web archive's replay, its text saved
as UTF-8 under the board's legacy charset label, its language in ``xml:lang`` or a meta), parses
each, and checks that

- ``parse_page`` returns (never raises) and reports no internal parser error;
- every parse takes under ``SLOW_SECONDS`` of CPU time;
- no post carries the author of a *different* post of the unmutated page (see :func:`author_problems`);
- after a theme's change, every post of the unmutated page comes back with its author and time,
  and the next page with it, or the result says what it did not find (see :func:`drift_problems`):
  the project is judged on boards whose themes no one here has seen, and a post lost or misdated
  silently (or a next page lost, which ends a crawl early) is the worst fault;
- with the dates in another language, every post comes back with its own time, or with none and
  an error (see :func:`date_problems`): never another time;
- with a signature under every post, every post comes back with its own author, time and words,
  never the signer or the signature's words (see :func:`signature_problems`);
- with an advertisement in the post markup between posts, every post comes back with its own
  author, time, words and position, and no post shows the ad's words (see :func:`sponsored_problems`);
- with a line naming other members beside each post's header, every post comes back with its own
  author, time, words and position (see :func:`near_header_problems`);
- with a hidden post's placeholder between posts, every post comes back with its own author, time
  and words, in its order, and the placeholder, if read as a post, with no author and no time
  (see :func:`placeholder_problems`);
- with recent posts' dates printed relative to the reader's clock, every post comes back with its
  own time, or with none and an error: never another time (see :func:`relative_date_problems`);
- after a change no reader sees or a tool's copy, every post comes back with its author, time and
  words, or the result says what it did not find (see :func:`unseen_problems`).

The pages are the project's own samples (``tests/data``, ``crawler/demo_site/pages``) and, when
present, the real saved pages in ``../shared/fixtures/real``. ``tests/test_parsers_fuzz.py``
runs a bounded, seeded share of this in CI; the long run is on request:

    .venv/bin/python bench/fuzz_parsers.py --inputs 10000 --seed 1
    .venv/bin/python bench/fuzz_parsers.py --inputs 2000 --seed 100 --mutations rename_classes,wrap_elements,reorder_blocks

The quote markup below (:data:`QUOTE_MARKUP`) and the post locators (:data:`POST_CONTAINERS`,
:data:`POST_BODIES`) are written by hand from each engine's templates, independently of the
parsers, so that the fuzzer's idea of a post is not the parser's own.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
import time
import unicodedata
from html import escape
from urllib.parse import urljoin
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a clone without installing it

from lxml import etree  # noqa: E402

from parsers.html_text import decode_body  # noqa: E402
from parsers.models import Author, PageResult  # noqa: E402
from parsers.registry import parse_page  # noqa: E402
from parsers.urls import replayed_original, without_session  # noqa: E402

SLOW_SECONDS = 2.0
CAPTURED_AT = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
REAL_PAGES = ROOT.parent / "shared" / "fixtures" / "real"
# Internal failures parse_page catches and reports instead of raising (parsers/registry.py).
PARSER_FAILURE_MARKERS = ("parser error", "parse budget")


# --- Pages ---------------------------------------------------------------------------------------


@dataclass
class Page:
    """A saved page and what the parsers make of it unmutated (the reference for author checks)."""

    name: str
    body: bytes
    url: str
    content_type: str | None
    original: PageResult

    @property
    def engine(self) -> str | None:
        return self.original.engine


def page_files(with_real: bool = True) -> list[Path]:
    """Forum and news pages to mutate: the project's samples, and the real saved pages when present.

    Of the generated 30-page slow thread only its first page is taken (the others are alike). The
    pages written broken on purpose (``tests/data/broken_markup``) are left out: their posts come out
    right only from the browser's tree (``parsers/browser_tree.py``), so a mutation on top may fairly
    cost an author, which the checks here count as a broken promise.
    """
    files = [p for p in sorted((ROOT / "tests" / "data").rglob("*.html"))
             if "slow_thread" not in p.parts and "broken_markup" not in p.parts]
    files += sorted((ROOT / "tests" / "data" / "slow_thread").rglob("9000-slow-thread/index.html"))
    files += sorted((ROOT / "tests" / "data" / "discourse").glob("*.json"))
    files += sorted((ROOT / "crawler" / "demo_site" / "pages").rglob("*.html"))
    if with_real and REAL_PAGES.is_dir():
        files += sorted(p for p in REAL_PAGES.glob("*/*.html") if p.parent.name != "news-bench")
        files += sorted(p for p in REAL_PAGES.glob("discourse/*.json") if not p.name.endswith(".expected.json"))
    return [p for p in files if p.is_file()]  # some sample sites have folders named like pages


def load_page(path: Path) -> Page:
    body = path.read_bytes()
    relative = path.relative_to(REAL_PAGES) if path.is_relative_to(REAL_PAGES) else path.relative_to(ROOT)
    url = f"https://fuzz.example/{relative.as_posix()}"
    content_type = "application/json" if path.suffix == ".json" else None
    return Page(str(relative), body, url, content_type, parse_page(body, url, CAPTURED_AT, content_type=content_type))


def load_pages(with_real: bool = True) -> list[Page]:
    return [load_page(path) for path in page_files(with_real)]


# --- What the fuzzer knows of each engine's markup (by hand, not from the parsers) ---------------


def _class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


POST_CONTAINERS = {
    "ips": "//article[starts-with(@id, 'elComment_')]",
    "xenforo": "//article[starts-with(@data-content, 'post-')] | //li[starts-with(@id, 'post-') and @data-author]",
    "phpbb": f"//div[starts-with(@id, 'p') and {_class('post')}]",
    "vbulletin": "//li[starts-with(@id, 'post_')] | //li[{}]"
                 " | //div[starts-with(@id, 'edit')][.//div[starts-with(@id, 'post_message_')]]".format(_class("b-post")),
    "smf": "//div[starts-with(@id, 'msg') and not(starts-with(@id, 'msg_'))][.//*[starts-with(@id, 'subject_')]]"
           f" | //div[{_class('post_wrapper')}]",
    "mybb": "//div[starts-with(@id, 'post_')] | //table[starts-with(@id, 'post_')]",
    "discourse": f"//div[starts-with(@id, 'post_')] | //div[{_class('crawler-post')}]",
    # Forumotion: div.post#pN (phpBB3, Invision, ModernBB) or tr.post#pN (phpBB2), each with its post--N class.
    "forumotion": f"//*[(self::div or self::tr) and starts-with(@id, 'p') and {_class('post')} and contains(@class, 'post--')]"
                  f" | //div[starts-with(@id, 'post-') and {_class('post-wrap')}]",  # AwesomeBB
    # Discuz!: div#post_N around table#pidN (desktop), div.plc#pidN (touch).
    "discuz": f"//div[starts-with(@id, 'post_')][.//table[starts-with(@id, 'pid')]] | //div[starts-with(@id, 'pid') and {_class('plc')}]",
    # ProBoards: tr.post#post-N (classic table layout) or div.post#post-N (div themes).
    "proboards": f"//*[(self::tr or self::div) and starts-with(@id, 'post-') and {_class('post')}]",
    # FluxBB, PunBB 1.2: div.blockpost#pN; PunBB 1.3+: div.post around div.posthead#pN.
    "fluxbb": f"//div[starts-with(@id, 'p') and {_class('blockpost')}]"
              f" | //div[{_class('post')}][div[starts-with(@id, 'p') and {_class('posthead')}]]",
    # phpBB 2 (subSilver): the row whose author cell holds span.name > a[name=N].
    "phpbb2": "//tr[td/span[@class='name']/a[@name]]",
    # IP.Board 3: div.post_block#post_id_N.
    "ipb3": f"//div[starts-with(@id, 'post_id_') and {_class('post_block')}]",
    # ElkArte (Display.template.php): 1.0's div.windowbg / div.windowbg2, 1.1 and later article.post_wrapper,
    # each holding its div.postarea.
    "elkarte": f"//*[(self::div or self::article) and div[{_class('postarea')}]]",
    # bbPress (templates/default/bbpress/loop-single-reply.php; content-single-topic-lead.php for the
    # lead shown apart) prints a post as TWO siblings and nothing of its own around them (the
    # replies are li.bbp-body's children, one li a thread when threaded): div#post-N.bbp-reply-header
    # (div.bbp-topic-header) with the post's id and date, then the div classed "post-N" by
    # bbp_reply_class() (div#post-N for the lead apart) around div.bbp-reply-author and
    # div.bbp-reply-content. Both are taken: the header is where the id (_post_of) and the date
    # (relative_dates) are, the block where the author box and the words are (reorder_blocks,
    # sponsored_blocks, duplicate_posts); merge_posts finds no pair (a reply's block has no id).
    "bbpress": f"//div[starts-with(@id, 'post-') and ({_class('bbp-reply-header')} or {_class('bbp-topic-header')})]"
               f" | //div[div[{_class('bbp-reply-content')} or {_class('bbp-topic-content')}]"
               f" and (contains(@class, 'post-') or starts-with(@id, 'post-'))]"
               f" | //div[{_class('bbp-topic-header')}]",
}
POST_BODIES = {
    "ips": "//*[@data-role='commentContent']",
    "xenforo": f"//*[{_class('bbWrapper')} or {_class('messageText')}]",
    "phpbb": f"//div[{_class('post')}]//div[{_class('content')}]",
    "vbulletin": f"//div[starts-with(@id, 'post_message_')] | //div[{_class('js-post__content-text')}]",
    # SMF 2.x: div.inner#msg_N inside div.post; 1.x: div.post alone.
    "smf": f"//div[starts-with(@id, 'msg_') and not(contains(substring-after(@id, 'msg_'), '_'))]"
           f" | //div[{_class('post')}][not(.//div[{_class('inner')}])]",
    "mybb": f"//div[{_class('post_body')}]",
    "discourse": "//div[@itemprop='text' or @itemprop='articleBody']",
    # Forumotion's <div>{MESSAGE}</div>: in div.postbody (phpBB2), div.content (phpBB3, ModernBB), div.post-entry (Invision).
    "forumotion": f"//*[{_class('postbody')} or {_class('content')} or {_class('post-entry')}]/div[not(@class)]"
                  f" | //div[{_class('post-wrap')}]//div[{_class('post-content')}]",  # AwesomeBB: the message bare in it
    "ipb3": f"//div[{_class('post')} and {_class('entry-content')}]",
    "discuz": f"//td[starts-with(@id, 'postmessage_')] | //div[starts-with(@id, 'pid')]//div[{_class('message')}]",
    "proboards": f"//*[starts-with(@id, 'post-')]//article//div[{_class('message')}]",
    "fluxbb": f"//div[{_class('postmsg')} and not({_class('postsignature')})] | //div[{_class('entry-content')}]",
    "phpbb2": "//td[span[@class='postbody']]",
    # ElkArte: 1.0's div.inner#msg_N, 1.1 and later section.messageContent#msg_N.
    "elkarte": f"//*[starts-with(@id, 'msg_') and ({_class('inner')} or {_class('messageContent')})]",
    # bbPress loop-single-reply.php: div.bbp-reply-content (content-single-topic-lead.php:
    # div.bbp-topic-content), not the column titles of loop-replies.php's li.bbp-header / li.bbp-footer.
    "bbpress": f"//div[({_class('bbp-reply-content')} or {_class('bbp-topic-content')})"
               f" and not(ancestor::li[{_class('bbp-header')} or {_class('bbp-footer')}])]",
    # The generic parser's pages: MacTechNews' comment text, the hand-written boards' bodies
    # (tests/data/generic: microdata itemprop=text, the sibling board's div.inhalt; tests/data/
    # field_generic: UBB.threads' div.post_inner, XOOPS's div.comText; static exports' div.post-body).
    # A page none of these fits gets the payload in its first paragraphs, which may be the page's
    # own header above the posts, not a post.
    "generic": f"//div[{_class('MtnCommentText')} or {_class('inhalt')} or {_class('post_inner')}"
               f" or {_class('comText')} or {_class('post-body')}] | //*[@itemprop='text']",
}
# One quote level of each engine's markup: (opening, closing); the nested quote goes between.
QUOTE_MARKUP: dict[str, list[tuple[str, str]]] = {
    "ips": [('<blockquote class="ipsQuote" data-ipsquote="" data-ipsquote-username="Deep">'
             '<div class="ipsQuote_citation">Deep said:</div><div class="ipsQuote_contents">', "</div></blockquote>")],
    "xenforo": [('<blockquote class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote" data-quote="Deep">'
                 '<div class="bbCodeBlock-title">Deep said:</div><div class="bbCodeBlock-content">'
                 '<div class="bbCodeBlock-expandContent">', "</div></div></blockquote>"),
                ('<div class="bbCodeBlock bbCodeQuote" data-author="Deep"><aside><div class="attribution type">Deep said:'
                 '</div><blockquote class="quoteContainer"><div class="quote">', "</div></blockquote></aside></div>")],
    "phpbb": [('<blockquote><div><cite>Deep wrote:</cite>', "</div></blockquote>")],
    "vbulletin": [('<div style="margin:20px"><div class="smallfont">Quote:</div><table><tr><td class="alt2">'
                   '<div>Originally Posted by <strong>Deep</strong></div><div style="font-style:italic">',
                   "</div></td></tr></table></div>"),
                  ('<div class="bbcode_container"><div class="bbcode_quote"><div class="quote_container">'
                   '<div class="bbcode_postedby">Originally Posted by <strong>Deep</strong></div><div class="message">',
                   "</div></div></div></div>")],
    "smf": [('<blockquote class="bbc_standard_quote"><cite>Quote from: Deep on May 29, 2024</cite>', "</blockquote>"),
            ('<div class="quoteheader"><a href="index.php?topic=1.msg1#msg1">Quote from: Deep on May 29, 2024</a></div>'
             '<blockquote class="bbc_standard_quote">', '</blockquote><div class="quotefooter"></div>'),
            ('<div class="quoteheader">Quote from: Deep</div><div class="quote">', "</div>")],
    "mybb": [('<blockquote class="mycode_quote"><cite>Deep Wrote:</cite>', "</blockquote>")],
    "discourse": [('<aside class="quote" data-username="deep" data-post="1" data-topic="1"><div class="title">deep:</div>'
                   "<blockquote>", "</blockquote></aside>")],
    "forumotion": [('<blockquote><div><cite>Deep a écrit:</cite>', "</div></blockquote>")],
    "discuz": [('<div class="quote"><blockquote><font size="2"><a href="forum.php?mod=redirect&amp;goto=findpost&amp;pid=1'
                '&amp;ptid=1" target="_blank"><font color="#999999">Deep 发表于 2024-5-29 10:00</font></a></font><br />',
                "</blockquote></div>")],
    "proboards": [('<div class="quote" data-timestamp="1716976800000"><div class="quote_header">Quote from <a href="/user/1"'
                   ' class="user-link user-1">Deep</a> on <abbr class="o-timestamp time" data-timestamp="1716976800000">'
                   'May 29, 2024</abbr></div><div class="quote_body">', "</div></div>")],
    "fluxbb": [('<div class="quotebox"><cite>Deep wrote:</cite><blockquote><div>', "</div></blockquote></div>"),
               ('<blockquote><div class="incqbox"><h4>Deep wrote:</h4>', "</div></blockquote>")],
    "phpbb2": [('<table width="90%" cellspacing="1" cellpadding="3" border="0" align="center"><tr><td><span class="genmed">'
                '<b>Deep wrote:</b></span></td></tr><tr><td class="quote">', "</td></tr></table>"),
               ('<div align="center"><div class="quotetitle">Deep wrote:</div><div class="quotediv">', "</div></div>")],
    # IP.Board 3.4, then 3.0 to 3.3.
    "ipb3": [('<blockquote class="ipsBlockquote" data-author="Deep" data-cid="1" data-time="1716976800">', "</blockquote>"),
             ('<p class="citation">Deep, on 29 May 2024 - 10:00 AM, said:</p><div class="blockquote"><div class="quote">',
              "</div></div>")],
    # ElkArte sources/subs/BBC/Codes.php: with the quoted post's link and date, then with the author alone.
    "elkarte": [('<div class="quoteheader"><a href="index.php?topic=1.msg1#msg1">Quote from: Deep on May 29, 2024, 10:00:00 am'
                 '</a></div><blockquote class="bbc_standard_quote">', "</blockquote>"),
                ('<div class="quoteheader">Quote from: Deep</div><blockquote>', "</blockquote>")],
    # bbPress has no quote markup of its own: the post editor's "b-quote" quicktag (form-reply.php,
    # bbp_the_content()) inserts a plain <blockquote>; a line "Deep wrote:" in it as posters type it.
    "bbpress": [("<blockquote>", "</blockquote>"), ("<blockquote><p>Deep wrote:</p>", "</blockquote>")],
}


def outermost(nodes: list) -> list:
    """The nodes no other node of the list holds."""
    chosen = set(nodes)
    return [n for n in nodes if not any(a in chosen for a in n.iterancestors())]


def _tree(body: bytes):
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    return etree.fromstring(body.replace(b"\x00", b""), parser)


def _html(root) -> bytes:
    return etree.tostring(root.getroottree(), method="html", encoding="utf-8")


def _page_text(page: Page) -> bytes:
    """The page as UTF-8 (the saved bytes may declare another charset)."""
    text = decode_body(page.body, page.content_type)
    return re.sub(r"(?i)charset=[\"']?[\w-]+", "charset=utf-8", text, count=2).encode("utf-8")


# --- Mutations -----------------------------------------------------------------------------------


@dataclass
class Mutant:
    """One hostile variant of a page. ``keeps_posts``: every post block of the page is intact (the
    mutation only touched words, attribute values or whole posts), so every post must come back
    with its own author; otherwise a post may lose its author (with an error) but never take another's."""

    page: Page
    mutation: str
    body: bytes
    keeps_posts: bool
    content_type: str | None = None
    kind: str = ""  # the name of the mutation in MUTATIONS
    # A theme's change (classes renamed, wrappers added, blocks moved): every post of the page must
    # come back as it was, author and time, or the result must say what it did not find (drift_problems).
    theme_drift: bool = False
    # A change no reader sees (comments in the markup, a server's output above the page): every post
    # must come back as it was, its words too, or the result must say what it did not find.
    unseen: bool = False
    # The page's bytes end early (a download or a record that stopped): the posts after the cut are
    # gone, and the result must say the page may be cut short (cut_problems).
    cut: bool = False
    # The page's printed dates are in another language (a language pack): every post must come back
    # with its own time, or with none and an error (date_problems).
    translated: bool = False
    # ... and the page declares the pack's language (<html lang>), which may decide the order of a
    # numeric date's day and month ("03-06-2016"): the same numbers read the other way are no fault.
    language_declared: bool = False
    # A signature under every post (another member's link, dates): every post must come back as it
    # was, author, time and words, or the result must say what it did not find (signature_problems).
    signed: bool = False
    # An advertisement printed in the post's own markup between posts, with no post id: every post
    # must come back as it was, and the ad's words must be no post's (sponsored_problems).
    sponsored: bool = False
    # Lines naming other members near each post's header (a reply pointer, who liked it, a member's
    # hover card): every post must come back as it was, author, time, words and position, or the
    # result must say what it did not find (near_header_problems).
    near_header: bool = False
    # A hidden post's placeholder between posts (its post markup and number, no author, time or
    # words): every post must come back as it was, and the placeholder with no author or time
    # (placeholder_problems).
    placeholder: bool = False
    # Recent posts' dates printed relative to the reader's clock ("Today, 10:14 AM", "5 minutes ago"),
    # read at ``captured_at`` (the capture time they were computed against): every post must come back
    # with its own time, or none and an error (relative_date_problems).
    relative: bool = False
    captured_at: datetime | None = None
    url: str | None = None  # the address the mutant is read at, where not the page's (an archive's copy)

    @property
    def name(self) -> str:
        return f"{self.page.name} [{self.mutation}]"


def flip_bytes(page: Page, rng: random.Random) -> Mutant:
    data = bytearray(page.body)
    count = rng.choice((1, 3, 10, 40))
    for _ in range(count):
        at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
    return Mutant(page, f"flip {count} bytes", bytes(data), keeps_posts=False, content_type=page.content_type)


def truncate(page: Page, rng: random.Random) -> Mutant:
    at = rng.randrange(len(page.body))
    return Mutant(page, f"truncate at {at}", page.body[:at], keeps_posts=False, content_type=page.content_type,
                  cut=True)


_TAG = re.compile(rb"<[^<>]{0,300}>")


def splice_garbage(page: Page, rng: random.Random) -> Mutant:
    """Random bytes in place of a stretch of the page (a torn download, a mangled proxy)."""
    start = rng.randrange(len(page.body))
    end = min(len(page.body), start + rng.choice((16, 4096, 200_000)))
    garbage = rng.randbytes(rng.choice((1, 100, 50_000)))
    return Mutant(page, f"garbage over {end - start} bytes", page.body[:start] + garbage + page.body[end:],
                  keeps_posts=False, content_type=page.content_type)


def delete_tags(page: Page, rng: random.Random) -> Mutant:
    tags = list(_TAG.finditer(page.body))
    if not tags:
        return truncate(page, rng)
    count = rng.choice((1, 5, 30, 200))
    doomed = sorted(rng.sample(range(len(tags)), min(count, len(tags))))
    data, last = [], 0
    for index in doomed:
        match = tags[index]
        data.append(page.body[last:match.start()])
        last = match.end()
    data.append(page.body[last:])
    return Mutant(page, f"delete {len(doomed)} tags", b"".join(data), keeps_posts=False, content_type=page.content_type)


def delete_closing_tags(page: Page, rng: random.Random) -> Mutant:
    """Closing tags of the elements posts are made of: the boundaries between posts go."""
    closings = list(re.finditer(rb"</(?:div|article|li|table|td|tr|blockquote)\s*>", page.body))
    if not closings:
        return delete_tags(page, rng)
    count = rng.choice((1, 3, 10, 50))
    doomed = sorted(rng.sample(range(len(closings)), min(count, len(closings))))
    data, last = [], 0
    for index in doomed:
        match = closings[index]
        data.append(page.body[last:match.start()])
        last = match.end()
    data.append(page.body[last:])
    return Mutant(page, f"delete {len(doomed)} closing tags", b"".join(data), keeps_posts=False,
                  content_type=page.content_type)


# Elements whose content is text, not markup: a "<!--" there is words (or script), not a comment.
# Elements whose content is text, and comments (a comment put inside another ends it early: a
# fixture's header comment quoting markup became live markup, another page than the one mutated).
_RAW_TEXT = re.compile(rb"<(script|style|textarea|title|iframe|xmp|noscript)\b.*?</\1\s*>|<!--.*?-->",
                       re.IGNORECASE | re.DOTALL)
_COMMENTS = (b"<!-- -->", b"<!-- end postbody -->", b"<!---->", b"<?php echo $x; ?>", b"<!-- <div class=\"post\"> -->")


def template_comments(page: Page, rng: random.Random) -> Mutant | None:
    """Comments a theme's templates leave between its tags ("<!-- end postbody -->"), and a stray
    "<?php ?>" an HTML parser reads as one: 1 to 40, after tags outside scripts, styles and other
    elements whose content is text. A reader sees nothing of them."""
    if page.content_type:
        return None
    raw = [(m.start(), m.end()) for m in _RAW_TEXT.finditer(page.body)]
    ends = [m.end() for m in _TAG.finditer(page.body)
            if m.group(0).count(b'"') % 2 == 0 and not any(start < m.end() < end for start, end in raw)]
    if not ends:
        return None
    spots = sorted(rng.sample(ends, min(len(ends), rng.choice((1, 5, 40)))), reverse=True)
    body = page.body
    for spot in spots:
        body = body[:spot] + rng.choice(_COMMENTS) + body[spot:]
    return Mutant(page, f"{len(spots)} comments between tags", body, keeps_posts=True, unseen=True)


_HEAD_START = re.compile(rb"<head\b[^>]*>", re.IGNORECASE)
_STRAY_IN_HEAD = (b'<div id="fb-root"></div>', b"&nbsp;", b'<span class="ad-slot"></span>',
                  b'<noscript><img height="1" width="1" src="https://px.example/tr?id=1"/></noscript>')


def stray_in_head(page: Page, rng: random.Random) -> Mutant | None:
    """What a theme or a plugin prints in the head that is no head element (the Facebook SDK's
    ``<div id="fb-root">``, a stray "&nbsp;", a tracking pixel): at the head's top, or after its
    first element. Nothing of a post changes."""
    found = None if page.content_type else _HEAD_START.search(page.body, 0, 200_000)
    if found is None:
        return None
    at = found.end()
    if rng.random() < 0.5:
        first = _TAG.search(page.body, at)
        at = first.end() if first is not None and first.start() < at + 2000 else at
    return Mutant(page, "a stray part in the head", page.body[:at] + rng.choice(_STRAY_IN_HEAD) + page.body[at:],
                  keeps_posts=True, unseen=True)


# A script that runs (no type, or a JavaScript one); a JSON-LD or JSON block is data, not code.
_RUNNING_SCRIPT = re.compile(rb"<script\b(?![^>]*\btype\s*=\s*[\"']?application/(?:ld\+)?json)[^>]*>.*?</script\s*>",
                             re.IGNORECASE | re.DOTALL)
# A page whose posts its code hands to the app (Flarum's beta shell: app.boot({...}) or app.load({...})
# inline): without its scripts it is another page, the noscript view, with no post ids or times.
_POSTS_IN_CODE = re.compile(rb"app\.(?:boot|load)\(\{")


def scripts_removed(page: Page, rng: random.Random) -> Mutant | None:
    """The page as a copy saved without its scripts keeps it (SingleFile, a reader's clean copy, an
    archiver's clean-up), or as a theme prints it that loads the engine's settings from a file:
    every script that runs taken out, data blocks (JSON-LD, JSON) kept. A reader sees the same
    posts, so every engine must know its pages by their markup too, not by an inline script alone."""
    if page.content_type or _POSTS_IN_CODE.search(page.body):
        return None
    body = _RUNNING_SCRIPT.sub(b"", page.body)
    if body == page.body:
        return None
    return Mutant(page, "scripts removed", body, keeps_posts=True, unseen=True)


# The Wayback Machine's replay of a page: what it puts in the head and at the top of the body, and
# the replay address around every link the page shows (see archived_copy).
_REPLAY_TIME = "20160218173937"
_REPLAY_HEAD = (b'<script src="//archive.org/includes/athena.js" type="text/javascript"></script>\n'
                b'<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=1B2M2Y8A" />\n'
                b"<!-- End Wayback Rewrite JS Include -->\n")
_REPLAY_TOOLBAR = (b'<!-- BEGIN WAYBACK TOOLBAR INSERT -->\n<div id="wm-ipp-base" lang="en" style="display:none"></div>'
                   b'<div id="wm-ipp-print">The Wayback Machine - https://web.archive.org/web/' + _REPLAY_TIME.encode()
                   + b"/</div>\n<!-- END WAYBACK TOOLBAR INSERT -->\n")
_LINK_ATTRIBUTE = re.compile(rb"""(\s(?:href|src|action)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_BASE_HREF = re.compile(rb"""<base\b[^>]*\bhref\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


def archived_copy(page: Page, rng: random.Random) -> Mutant | None:
    """The page as the Wayback Machine replays it, read at its replay address: every link, picture
    and form rewritten to ``https://web.archive.org/web/<time>/<the address>``, the archive's
    scripts in the head and its toolbar at the top of the body. A board gone from the web is crawled
    so; its posts, their numbers and authors are the board's, whatever the addresses around them."""
    if page.content_type or not page.url.startswith(("http://", "https://")) or b"{{BASE_URL}}" in page.body:
        return None  # (a loopback site's template, its links not written yet, is no page)
    prefix = f"https://web.archive.org/web/{_REPLAY_TIME}"
    declared = _BASE_HREF.search(page.body)  # what the page's relative links resolve against
    base = urljoin(page.url, declared.group(2).decode("utf-8", "replace").strip()) if declared else page.url

    def replayed(match: re.Match) -> bytes:
        href = match.group(3).decode("utf-8", "replace").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "data:")):
            return match.group(0)
        address = urljoin(base, href.replace("&amp;", "&")).replace("&", "&amp;")
        mode = "im_/" if match.group(1).strip().lower().startswith(b"src") else "/"
        return match.group(1) + match.group(2) + f"{prefix}{mode}{address}".encode("utf-8") + match.group(2)

    body = _LINK_ATTRIBUTE.sub(replayed, page.body)
    head = _HEAD_START.search(body, 0, 200_000)
    if head is not None:
        body = body[:head.end()] + _REPLAY_HEAD + body[head.end():]
    start = _BODY_START.search(body)
    if start is not None:
        body = body[:start.end()] + _REPLAY_TOOLBAR + body[start.end():]
    return Mutant(page, "a web archive's copy", body, keeps_posts=True, unseen=True, url=f"{prefix}/{page.url}")


_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_LANG_ATTRIBUTE = re.compile(rb"""(\s)(?:xml:)?lang\s*=\s*(["'])([^"']*)\2""", re.IGNORECASE)


def language_declared_elsewhere(page: Page, rng: random.Random) -> Mutant | None:
    """The page's language declared as an XHTML theme or a saved copy may declare it: in
    ``xml:lang`` alone, or in a ``<meta http-equiv="Content-Language">`` of the head instead of
    ``<html lang>``. The page's dates are in that language all the same."""
    tag = None if page.content_type else _HTML_TAG.search(page.body, 0, 65536)
    found = _LANG_ATTRIBUTE.search(tag.group(0)) if tag is not None else None
    if found is None or not found.group(3).strip():
        return None
    language = found.group(3)
    attributes = _LANG_ATTRIBUTE.sub(b"", tag.group(0))
    if rng.random() < 0.5:
        new_tag, where = attributes[:-1] + b' xml:lang="' + language + b'">', "xml:lang"
        body = page.body[:tag.start()] + new_tag + page.body[tag.end():]
    else:
        body = page.body[:tag.start()] + attributes + page.body[tag.end():]
        head = _HEAD_START.search(body, tag.start(), tag.start() + 200_000)
        if head is None:
            return None
        meta = b'<meta http-equiv="Content-Language" content="' + language + b'">'
        body = body[:head.end()] + meta + body[head.end():]
        where = "Content-Language"
    return Mutant(page, f"the language declared in {where}", body, keeps_posts=True, unseen=True)


# The charset a board of each script served its pages in, before UTF-8 (by the Unicode name of the
# page's letters beyond ASCII, the most frequent first).
_LEGACY_CHARSETS = (("CYRILLIC", "windows-1251"), ("CJK", "gbk"), ("HIRAGANA", "shift_jis"), ("KATAKANA", "shift_jis"),
                    ("HANGUL", "euc-kr"), ("ARABIC", "windows-1256"), ("GREEK", "windows-1253"),
                    ("HEBREW", "windows-1255"), ("THAI", "windows-874"), ("LATIN", "windows-1250"))
_META_CHARSET = re.compile(rb"""(<meta\b[^>]*?charset\s*=\s*["']?)([\w-]+)""", re.IGNORECASE)


def resaved_as_utf8(page: Page, rng: random.Random) -> Mutant | None:
    """The page's text written out as UTF-8 while its ``<meta>`` keeps the charset the board served
    it in (windows-1256 for Arabic letters, GBK for Chinese, ...): what a scraper that saves its
    decoded text does, and how public corpora store pages. The letters are the page's own."""
    if page.content_type:
        return None
    text = decode_body(page.body)
    scripts = Counter(next((label for key, label in _LEGACY_CHARSETS if unicodedata.name(ch, "").startswith(key)), None)
                      for ch in text if ord(ch) > 127)
    scripts.pop(None, None)
    if not scripts:
        return None
    label = scripts.most_common(1)[0][0].encode("ascii")
    data = text.encode("utf-8")
    if _META_CHARSET.search(data, 0, 5000):
        data = _META_CHARSET.sub(lambda m: m.group(1) + label, data, count=1)
    else:
        head = _HEAD_START.search(data, 0, 200_000)
        if head is None:
            return None
        data = data[:head.end()] + b'<meta charset="' + label + b'">' + data[head.end():]
    return Mutant(page, f"saved as UTF-8, labelled {label.decode()}", data, keeps_posts=True, unseen=True)


# Tags around which blanks are never drawn: between two of them a browser shows nothing of "\n  ".
_BLOCKS = (rb"(?:div|p|ul|ol|li|table|thead|tbody|tfoot|tr|td|th|blockquote|article|section|header|footer|"
           rb"aside|nav|main|h[1-6]|dl|dt|dd|form|fieldset|hr|br)")
_BETWEEN_BLOCKS = re.compile(rb"(</?" + _BLOCKS + rb"\b[^<>]*>)(\s*)(?=</?" + _BLOCKS + rb"\b)", re.IGNORECASE)
_KEEPS_BLANKS = re.compile(rb"<(pre|textarea|script|style|xmp)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def block_whitespace(page: Page, rng: random.Random) -> Mutant | None:
    """The page minified (the blanks between block tags taken out, as minifiers and CDNs do) or
    pretty-printed (a newline and an indent put between them): a browser draws the same page."""
    if page.content_type:
        return None
    kept = [(m.start(), m.end()) for m in _KEEPS_BLANKS.finditer(page.body)]
    minify = rng.random() < 0.5
    blank = rng.choice((b"\n", b"\n    ", b" ", b"\r\n\t"))

    def replaced(match: re.Match) -> bytes:
        if any(start < match.start() < end for start, end in kept):
            return match.group(0)
        return match.group(1) + (b"" if minify else blank)

    body = _BETWEEN_BLOCKS.sub(replaced, page.body)
    if body == page.body:
        return None
    return Mutant(page, "minified" if minify else "pretty-printed", body, keeps_posts=True, unseen=True)


_SERVER_OUTPUT = (
    b"<br />\n<b>Deprecated</b>:  Function create_function() is deprecated in <b>/var/www/forum/includes/"
    b"functions.php</b> on line <b>4108</b><br />\n",
    b"\nWarning: Cannot modify header information - headers already sent by (output started at "
    b"/home/board/public_html/config.php:1) in /home/board/public_html/index.php on line 12\n",
    b"<div style=\"color:red\">Notice: Undefined index: sid</div>\n",
)


def output_before_page(page: Page, rng: random.Random) -> Mutant | None:
    """What a server prints before the page (PHP's warnings on an old board): a browser shows it
    above the page; the page's language, head and posts are the page's own."""
    if page.content_type or not re.search(rb"<html[\s>]", page.body[:65536], re.IGNORECASE):
        return None
    return Mutant(page, "a server's warning before the page", rng.choice(_SERVER_OUTPUT) + page.body,
                  keeps_posts=True, unseen=True)


def nul_runs(page: Page, rng: random.Random) -> Mutant:
    data = page.body
    for _ in range(rng.choice((1, 5, 20))):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + b"\x00" * rng.choice((1, 16, 5000)) + data[at:]
    return Mutant(page, "NUL runs anywhere", data, keeps_posts=False, content_type=page.content_type)


# Characters no reader sees and XML refuses (C0 controls but tab, LF and CR; U+FFFE, U+FFFF), raw
# or as references: the parsers must read a page with them as the page without them.
_CONTROL_CHARACTERS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32))] + ["\ufffe", "\uffff"]
_CONTROL_REFERENCES = ["&#2;", "&#x0b;", "&#12;", "&#xFFFE;", "&#65535;", "&#x1f;", "&#0002;", "&#X1F;"]
# Characters that are text (a reader may see them): before <body>, they start the body early.
_STRAY_CHARACTERS = ["\x7f", "\x85", "\u200b", "\u202e", "\ufffd", "&#0;", "&#xD800;", "&#x110000;", "&#127;"]
# Where a control character goes without touching a post's markup: after a tag (words), or at the
# start of an attribute value that is a link, a name or words (never an id or a class).
_TEXT_SPOT = re.compile(rb">")
_VALUE_SPOT = re.compile(rb"""(?<![\w-])(?:href|src|title|alt|data-author|data-quote|data-username|content)=["']""")


def control_characters(page: Page, rng: random.Random) -> Mutant:
    text = _page_text(page) if page.content_type is None else page.body
    spots = [m.end() for m in _TEXT_SPOT.finditer(text)] + [m.end() for m in _VALUE_SPOT.finditer(text)]
    if page.content_type is not None:  # JSON: inside the strings ("cooked" HTML, names)
        spots = [m.end() for m in re.finditer(rb'":\s*"', text)]
    if not spots:
        return flip_bytes(page, rng)
    chosen = sorted(rng.sample(spots, min(len(spots), rng.choice((5, 50, 500)))), reverse=True)
    data = text
    for at in chosen:
        if page.content_type is not None:
            insert = rng.choice(["\\u0002", "\\u000b", "\\u0000", "\\ufffe", "\\ud800", "\\u001f"]).encode()
        elif rng.random() < 0.3:
            insert = rng.choice(_CONTROL_REFERENCES).encode()
        else:
            insert = "".join(rng.choice(_CONTROL_CHARACTERS) for _ in range(rng.choice((1, 3)))).encode("utf-8")
        data = data[:at] + insert + data[at:]
    return Mutant(page, f"control characters at {len(chosen)} places", data, keeps_posts=True,
                  content_type=page.content_type)


def stray_characters(page: Page, rng: random.Random) -> Mutant:
    """Characters that are text to an HTML parser (DEL, U+FFFD, direction marks), anywhere."""
    data = page.body
    for _ in range(rng.choice((1, 10, 100))):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice(_STRAY_CHARACTERS).encode("utf-8") + data[at:]
    return Mutant(page, "stray characters anywhere", data, keeps_posts=False, content_type=page.content_type)


_ODD_VALUES = [None, True, 0, -1, 1e308, float("nan"), "", "x" * 300, [], {}, [None, {"id": {}}], {"a": [1]},
               "\u0002\ufffe"]


def swap_values(data, rng: random.Random, odd_values: list) -> None:
    """Put odd values in place of 1, 5 or 30 of the values anywhere inside ``data``, in place."""
    holders = []
    stack = [data]
    while stack:
        value = stack.pop()
        keys = range(len(value)) if isinstance(value, list) else list(value) if isinstance(value, dict) else ()
        for key in keys:
            holders.append((value, key))
            stack.append(value[key])
    for holder, key in rng.sample(holders, min(len(holders), rng.choice((1, 5, 30)))):
        holder[key] = copy.deepcopy(rng.choice(odd_values))


def json_types(page: Page, rng: random.Random) -> Mutant | None:
    """A JSON answer with values swapped for values of other types (a number for a string, a list
    for a number...): what a changed or broken API may send."""
    if page.content_type is None:
        return None
    data = json.loads(page.body)
    swap_values(data, rng, _ODD_VALUES)
    return Mutant(page, "JSON values of other types", json.dumps(data).encode(), keeps_posts=False,
                  content_type=page.content_type)


_JSON_LD = re.compile(rb'(<script[^>]*application/ld\+json[^>]*>)(.*?)(</script>)', re.S | re.I)


def json_ld_types(page: Page, rng: random.Random) -> Mutant | None:
    """A page's JSON-LD with values swapped for values of other types (a list for an author's name,
    an object for a date...), the shapes publishers' plugins write, and some no one should."""
    scripts = list(_JSON_LD.finditer(page.body)) if page.content_type is None else []
    readable = []
    for match in scripts:
        try:
            readable.append((match, json.loads(match.group(2))))
        except ValueError:
            continue
    if not readable:
        return None
    match, data = rng.choice(readable)
    swap_values(data, rng, _ODD_VALUES + [["A", ["B"]], {"@id": "#missing"}, {"name": ["x", 1]}])
    # NaN and huge floats written as JSON allows them (Python's json writes NaN; pages do too).
    body = page.body[:match.start(2)] + json.dumps(data).encode() + page.body[match.end(2):]
    return Mutant(page, "JSON-LD values of other types", body, keeps_posts=False)


def wrong_encoding(page: Page, rng: random.Random) -> Mutant:
    text = _page_text(page).decode("utf-8")
    choice = rng.randrange(5)
    if choice == 0:
        data, content_type, what = text.encode("utf-16-le"), None, "UTF-16 without a BOM"
    elif choice == 1:
        data, content_type, what = text.encode("utf-16"), "text/html; charset=utf-8", "UTF-16 labelled UTF-8"
    elif choice == 2:
        data, content_type, what = text.encode("utf-8"), "text/html; charset=shift_jis", "UTF-8 labelled Shift_JIS"
    elif choice == 3:
        data, content_type = text.encode("cp1256", "replace"), "text/html; charset=utf-8"
        what = "windows-1256 labelled UTF-8"
    else:
        data, content_type, what = text.encode("utf-8"), "text/html; charset=x-no-such-charset", "unknown charset"
    return Mutant(page, f"wrong encoding: {what}", data, keeps_posts=False, content_type=content_type)


def _with_payload_in_a_body(page: Page, rng: random.Random, payload: str, mutation: str,
                            keeps_posts: bool) -> Mutant | None:
    """The page with ``payload`` (raw markup) at the start of one post body (of a paragraph of an
    article, on a news page)."""
    if page.content_type is not None:
        return None
    if "one inside another" in (page.original.reason or ""):
        # A page whose post blocks lxml's tree nests where a browser's does not (the registry reads
        # it from the browser's tree): written out again from lxml's tree, its blocks are nested in
        # its markup too, and it is another page. No payload is put in it this way.
        return None
    root = _tree(_page_text(page))
    xpath = POST_BODIES.get(page.engine or "", "//article//p | //main//p")
    bodies = root.xpath(xpath) or root.xpath("//p") or root.xpath("//body")
    # A body without words nor media may be no post's: Discourse's crawler view prints a moderator's
    # action ("Unlisted") as a post block with an empty body, which words put in it make a post.
    worded = [body for body in bodies if "".join(body.itertext()).strip() or next(body.iter("img"), None) is not None]
    bodies = worded or bodies
    if not bodies:
        return None
    body = rng.choice(bodies[:3])
    body.text = "FUZZ-PAYLOAD-HERE" + (body.text or "")
    data = _html(root).replace(b"FUZZ-PAYLOAD-HERE", payload.encode("utf-8"), 1)
    return Mutant(page, mutation, data, keeps_posts=keeps_posts)


def nested_quotes(page: Page, rng: random.Random, depth: int | None = None, variant: int | None = None) -> Mutant | None:
    """Quotes in the engine's own markup, nested ``depth`` deep, in one post body: every post must
    come back (deeper than the HTML parser's limit, 2048 elements, the page is read again flat)."""
    markups = QUOTE_MARKUP.get(page.engine or "")
    if not markups:
        return None
    opening, closing = markups[variant if variant is not None else rng.randrange(len(markups))]
    depth = depth or rng.choice((50, 300, 900, 2000))
    payload = opening * depth + "The deepest words." + closing * depth
    return _with_payload_in_a_body(page, rng, payload, f"quotes nested {depth} deep", keeps_posts=True)


def nested_divs(page: Page, rng: random.Random, depth: int = 20_000) -> Mutant | None:
    payload = "<div>" * depth + "Deep down." + "</div>" * depth
    return _with_payload_in_a_body(page, rng, payload, f"{depth} nested divs", keeps_posts=True)


def long_post(page: Page, rng: random.Random) -> Mutant | None:
    """One post of some megabyte: many paragraphs, links and pictures (the parse must stay linear)."""
    count = rng.choice((500, 2_500))
    payload = "".join(f'<p>Words {i} <a href="https://news.example/{i}">link {i}</a> <img src="/i/{i}.png"></p>'
                      for i in range(count))
    return _with_payload_in_a_body(page, rng, payload, f"a post of {count} paragraphs with links", keeps_posts=True)


def words_with_nuls(page: Page, rng: random.Random) -> Mutant | None:
    payload = "Before\x00\x00 the\x00 NULs" + "\x00" * rng.choice((1, 100, 10_000)) + "after them.\x02\x0b\x1f"
    return _with_payload_in_a_body(page, rng, payload, "NUL runs and control characters in a post", keeps_posts=True)


def _containers(page: Page, root) -> list:
    xpath = POST_CONTAINERS.get(page.engine or "")
    return outermost(root.xpath(xpath)) if xpath else []


def duplicate_posts(page: Page, rng: random.Random) -> Mutant | None:
    if page.content_type is not None:
        return None
    root = _tree(_page_text(page))
    containers = _containers(page, root)
    if not containers:
        return None
    for container in rng.sample(containers, min(len(containers), rng.choice((1, 3)))):
        container.addnext(copy.deepcopy(container))
    return Mutant(page, "duplicated post blocks", _html(root), keeps_posts=True)


def _drop_words_of(container, name: str, keep_inside) -> None:
    """Remove, from ``container`` (never inside ``keep_inside``), the elements that show only ``name``."""
    wanted = author_key(Author(name))
    if not wanted:
        return
    doomed = [node for node in container.iter(etree.Element)
              if node is not container and author_key(Author(" ".join(node.itertext()))) == wanted
              and not any(a is keep_inside for a in node.iterancestors())]
    for node in outermost(doomed):
        parent = node.getparent()
        if parent is not None:
            node.tail = None
            parent.remove(node)
    for attribute in ("data-quotedata", "data-poster-name"):  # (XenForo's data-author marks the post itself)
        container.attrib.pop(attribute, None)


def _post_of(container, posts: list):
    """The post of the unmutated page that ``container`` holds: the one whose id (its digits) is in
    the container's own id, else in the id of an element inside it; None if none is."""
    def number(post):
        digits = re.findall(r"\d+", post.post_id)
        return digits[-1] if digits else None

    for ids in ([container.get("id"), container.get("data-content"), container.get("data-node-id")],
                [node.get("id") for node in container.iter(etree.Element) if node.get("id")]):
        for post in posts:
            wanted = number(post)
            if wanted and any(value and re.search(rf"(?<!\d){wanted}(?!\d)", value) for value in ids):
                return post
    return None


def merge_posts(page: Page, rng: random.Random) -> Mutant | None:
    """Post B's block moved inside post A's (the one before it: a lost closing tag), at its start or
    its end, and mostly post A's author taken out too: the boundary is gone, and the nearest author
    element to post A's body is post B's."""
    if page.content_type is not None or page.original.kind != "thread_page":
        return None
    root = _tree(_page_text(page))
    containers = _containers(page, root)
    pairs = [(a, b, post_a) for a, b in zip(containers, containers[1:])
             if (post_a := _post_of(a, page.original.posts)) is not None
             and _post_of(b, page.original.posts) not in (None, post_a)]
    if not pairs:
        return None
    first, second, post = rng.choice(pairs)
    at_start = rng.random() < 0.5
    if at_start:
        first.insert(0, second)
    else:
        first.append(second)
    removed = rng.random() < 0.8
    if removed:
        _drop_words_of(first, post.author.name or "", keep_inside=second)
    what = f"the next post moved into post {post.post_id} (at its {'start' if at_start else 'end'})"
    return Mutant(page, what + (", its author taken out" if removed else ""), _html(root), keeps_posts=False)


# --- Theme drift: what a board's theme changes, and every engine must survive or report ---------

# Class tokens a theme keeps: the hooks of the engines' own JavaScript ("js-" in XenForo and
# vBulletin 5, which their scripts look up), whatever the theme renames around them.
_KEPT_CLASS_PREFIXES = ("js-",)
# A class token that ends in a number after a dash or underscore ("post--504", "user-12") is written
# by the engine from its data, one value a post, like an id: a theme renames the template's word
# for all posts or none, never one post's number (renaming it made pages no theme makes).
_NUMBERED_CLASS = re.compile(r"[-_]\d+$")
# Where a wrapper <div> may stand (its parent: an element that holds blocks), and what it may
# wrap. Never a table's rows or cells, a list's items or the document's frame (every HTML parser,
# browsers included, moves a <div> there elsewhere: no theme can print it), nor anything inside a
# paragraph, a phrase or a link (a <div> there closes the <p>: not what a theme's wrapper does).
_FLOW_PARENTS = frozenset({"div", "article", "section", "main", "aside", "header", "footer", "nav", "li", "td",
                           "th", "dd", "blockquote", "form", "body", "figure", "fieldset"})
_WRAPPABLE = frozenset({"div", "article", "section", "aside", "header", "footer", "nav", "ul", "ol", "dl", "table",
                        "form", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "span", "strong", "b",
                        "img", "time", "cite", "em", "i", "small", "abbr", "figure"})


def _theme_tree(page: Page):
    """(tree, post containers, post bodies) of an HTML thread page, None for others: a theme's
    change is measured against the posts the unmutated page gives."""
    if page.content_type is not None or page.original.kind != "thread_page" or not page.original.posts:
        return None
    root = _tree(_page_text(page))
    containers = _containers(page, root)
    xpath = POST_BODIES.get(page.engine or "")
    bodies = outermost(root.xpath(xpath)) if xpath else []
    if not containers and not bodies:
        return None
    return root, containers, bodies


def _posts_region(containers: list, bodies: list) -> list:
    """The elements a theme's post template makes: the post containers and all they hold, or,
    for an engine without a container locator (the generic parser's pages), the elements around
    each post body up to three levels out."""
    if containers:
        return [node for container in containers for node in container.iter(etree.Element)]
    region = []
    for body in bodies:
        region.extend(body.iter(etree.Element))
        region.extend(list(body.iterancestors())[:3])
    return region


def rename_classes(page: Page, rng: random.Random) -> Mutant | None:
    """1 to 3 class tokens of the posts' markup renamed to invented names, or dropped, wherever
    they occur on the page: what a new theme does. Never an id, a ``data-*`` or microdata
    attribute, a ``<time>``, a script or JSON (every theme keeps those), nor the class tokens the
    engine's own JavaScript looks up (:data:`_KEPT_CLASS_PREFIXES`) or that carry a post's number
    (:data:`_NUMBERED_CLASS`)."""
    found = _theme_tree(page)
    if found is None:
        return None
    root, containers, bodies = found
    tokens = sorted({token for node in _posts_region(containers, bodies) for token in (node.get("class") or "").split()
                     if not token.startswith(_KEPT_CLASS_PREFIXES) and not _NUMBERED_CLASS.search(token)})
    if not tokens:
        return None
    chosen = rng.sample(tokens, min(len(tokens), rng.choice((1, 2, 3))))
    renamed = {token: (f"thm{rng.randrange(10**6)}-{rng.choice(('box', 'row', 'cell', 'x'))}"
                       if rng.random() < 0.6 else None) for token in chosen}
    for node in root.iter(etree.Element):
        classes = node.get("class")
        if not classes or not any(token in classes for token in renamed):
            continue
        kept = [renamed.get(token, token) for token in classes.split()]
        node.set("class", " ".join(token for token in kept if token))
    what = ", ".join(f"{token}->{new}" if new else f"{token} dropped" for token, new in renamed.items())
    return Mutant(page, f"classes renamed: {what}", _html(root), keeps_posts=False, theme_drift=True)


def _wrappable(node) -> bool:
    parent = node.getparent()
    return (node.tag in _WRAPPABLE and parent is not None and parent.tag in _FLOW_PARENTS
            and not any(a.tag in ("p", "span", "a", "pre", "code") for a in node.iterancestors()))


def _wrap(nodes: list, name: str) -> None:
    """Put ``nodes`` (siblings, in order) inside a new ``div.<name>`` where the first one stood."""
    first = nodes[0]
    wrapper = etree.Element("div", {"class": name})
    first.addprevious(wrapper)
    wrapper.tail = nodes[-1].tail
    for node in nodes:
        tail = node.tail
        wrapper.append(node)
        node.tail = tail
    nodes[-1].tail = None


def wrap_elements(page: Page, rng: random.Random) -> Mutant | None:
    """Wrapper ``div``s a theme adds: around 1 to 3 elements inside the posts' markup, around
    whole post containers, or around the whole list of posts (never where no HTML parser keeps
    a div: in a table's rows, a list's items, a paragraph; see :data:`_FLOW_PARENTS`)."""
    found = _theme_tree(page)
    if found is None:
        return None
    root, containers, bodies = found
    name = f"theme-x{rng.randrange(1000)}"
    choice = rng.random()
    if choice < 0.2 and len(containers) > 1:
        parent = containers[0].getparent()
        siblings = [c for c in containers if c.getparent() is parent]
        if parent is not None and len(siblings) > 1 and _wrappable(siblings[0]):
            children = list(parent)
            run = children[children.index(siblings[0]):children.index(siblings[-1]) + 1]
            _wrap(run, name)
            return Mutant(page, f"the post list wrapped in div.{name}", _html(root), keeps_posts=False,
                          theme_drift=True)
    if choice < 0.4 and containers:
        chosen = [c for c in rng.sample(containers, min(len(containers), rng.choice((1, 3)))) if _wrappable(c)]
        for container in chosen:
            _wrap([container], name)
        if chosen:
            return Mutant(page, f"{len(chosen)} post containers wrapped in div.{name}", _html(root), keeps_posts=False,
                          theme_drift=True)
    outer = set(containers)
    candidates = [node for node in dict.fromkeys(_posts_region(containers, bodies))
                  if node not in outer and _wrappable(node)]
    if not candidates:
        return None
    chosen = rng.sample(candidates, min(len(candidates), rng.choice((1, 2, 3))))
    wrapped = []
    for node in chosen:
        if node.getparent() is not None:
            wrapped.append(f"{node.tag}.{(node.get('class') or '').split(' ')[0]}")
            _wrap([node], name)
    return Mutant(page, f"wrapped in div.{name}: {', '.join(wrapped)}", _html(root), keeps_posts=False,
                  theme_drift=True)


# Each engine's author block in its default theme (by hand, from the templates): what
# reorder_blocks moves after the post's message.
AUTHOR_BLOCKS = {
    "phpbb": f"//dl[{_class('postprofile')}]",
    "smf": f"//div[{_class('poster')}]",
    "mybb": f"//div[{_class('post_author')}]",
    "xenforo": f"//div[{_class('message-cell--user')}]",
    "ips": f"//aside[{_class('cAuthorPane')}]",
    "vbulletin": f"//div[{_class('userinfo')} or {_class('b-userinfo')}]",
    "discourse": f"//div[{_class('crawler-post-meta')}]",
    "fluxbb": f"//div[{_class('postleft')}]",
    "forumotion": f"//div[{_class('postprofile')}]",
    "ipb3": f"//div[{_class('author_info')}]",
    "elkarte": f"//ul[{_class('poster')}]",  # GenericMessages.template.php template_build_poster_div()
    # bbPress loop-single-reply.php's div.bbp-reply-author (content-single-topic-lead.php's
    # div.bbp-topic-author), not loop-replies.php's column title "Author" in li.bbp-header.
    "bbpress": f"//div[({_class('bbp-reply-author')} or {_class('bbp-topic-author')})"
               f" and not(ancestor::li[{_class('bbp-header')} or {_class('bbp-footer')}])]",
}


def reorder_blocks(page: Page, rng: random.Random) -> Mutant | None:
    """In 1 to 3 posts, the author block (:data:`AUTHOR_BLOCKS`) moved after the post's message,
    as some themes print it (forum.awd.ru's phpBB style): the same elements, in another order."""
    found = _theme_tree(page)
    xpath = AUTHOR_BLOCKS.get(page.engine or "")
    if found is None or xpath is None:
        return None
    root, containers, bodies = found
    in_body = {node for body in bodies for node in body.iter(etree.Element)}
    moves = []
    for container in containers:
        authors = [a for a in container.xpath("." + xpath) if a not in in_body]
        own_bodies = [b for b in bodies if any(a is container for a in b.iterancestors())]
        if not authors or not own_bodies:
            continue
        author, body = authors[0], own_bodies[0]
        # The message's ancestor (or itself) that stands beside the author block.
        beside = next((n for n in (body, *body.iterancestors()) if n.getparent() is author.getparent()), None)
        parent = author.getparent()
        if beside is not None and beside is not author and parent.index(beside) > parent.index(author):
            moves.append((author, beside))  # (already after it: phpBB 3.0's prosilver, nothing to move)
    if not moves:
        return None
    chosen = rng.sample(moves, min(len(moves), rng.choice((1, 3))))
    for author, beside in chosen:
        tail = author.tail
        previous = author.getprevious()
        parent = author.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + (tail or "")
        else:
            parent.text = (parent.text or "") + (tail or "")
        author.tail = None
        beside.addnext(author)
    return Mutant(page, f"author block moved after the message in {len(chosen)} posts", _html(root),
                  keeps_posts=False, theme_drift=True)


def rename_pagination(page: Page, rng: random.Random) -> Mutant | None:
    """The page nav restyled, as a theme does: every class token of the links to the next page and
    of their four nearest ancestors renamed to invented names (wherever else the tokens occur), and
    half the time ``rel="next"`` left out too, the head's ``<link>`` and the pager's own (many
    engines print neither). A parser
    must still give the next page, from the board's page addresses the links keep
    (:mod:`parsers.pagination`), or say it did not find it: a next page lost silently ends a
    crawl at page 1 that reports itself finished.

    Only on pages whose unmutated parse gives the page's canonical address, and at that address,
    unmutated and mutated: a real crawl fetches the board's own addresses, and the fuzzer's
    (``https://fuzz.example/<file>``) is no board's page address. The loopback sites' page
    templates (``{{BASE_URL}}`` links) are left out: they are no page as a board serves it."""
    if (page.content_type is not None or page.original.kind != "thread_page" or not page.original.canonical_url
            or b"{{BASE_URL}}" in page.body):
        return None
    home = page.original.canonical_url
    return restyled_page_nav(Page(page.name, page.body, home, None, parse_page(page.body, home, CAPTURED_AT)), rng)


def restyled_page_nav(page: Page, rng: random.Random, drop_link_next: bool | None = None) -> Mutant | None:
    """:func:`rename_pagination`'s change, on ``page`` as parsed at its own address (``page.url``):
    None when its parse gives no next page. ``drop_link_next``: leave out ``rel="next"``, the
    head's and the pager's (None: half the time, by ``rng``)."""
    original = page.original
    if original.kind != "thread_page" or not original.next_page_url:
        return None
    root = _tree(_page_text(page))
    nav = set()
    for anchor in _links_to_next_page(root, page):
        nav.add(anchor)
        nav.update(list(anchor.iterancestors())[:4])
    tokens = sorted({token for node in nav for token in (node.get("class") or "").split()})
    renamed = {token: f"thm{rng.randrange(10**6)}-nav" for token in tokens}
    for node in root.iter(etree.Element):
        classes = node.get("class")
        if classes and any(token in renamed for token in classes.split()):
            node.set("class", " ".join(renamed.get(token, token) for token in classes.split()))
    dropped = 0
    # Only where a link in the page leads there too: a page whose head alone names its next page
    # (a page cut short) cannot be read without it, theme or not.
    if nav and (drop_link_next if drop_link_next is not None else rng.random() < 0.5):
        for link in list(root.iter("link")):
            if (link.get("rel") or "").strip().lower() == "next" and link.getparent() is not None:
                link.getparent().remove(link)
                dropped += 1
        for anchor in root.iter("a"):  # the pager's own rel="next", which a rewritten pager template loses
            if (anchor.get("rel") or "").strip().lower() == "next":
                del anchor.attrib["rel"]
                dropped += 1
    if not renamed and not dropped:
        return None
    what = f"{len(renamed)} page nav classes renamed" + (", rel=next dropped" if dropped else "")
    return Mutant(page, what, _html(root), keeps_posts=False, theme_drift=True)


def _links_to_next_page(root, page: Page) -> list:
    """The ``<a>`` elements under ``root`` that lead to the unmutated page's next page (compared
    without a session id and a fragment, which parsers drop from the address)."""
    wanted = without_session(page.original.next_page_url)
    if not wanted:
        return []
    return [anchor for anchor in root.iter("a") if (anchor.get("href") or "").strip()
            and without_session(urljoin(page.url, anchor.get("href").strip()).split("#", 1)[0]) == wanted]


def restyle_one_post(page: Page, rng: random.Random) -> Mutant | None:
    """Every class inside one post container renamed to invented names, the page's other posts
    untouched: a theme that prints some posts with another template (a first post styled apart, a
    highlighted answer, a staff member's post). The post must still be read, or the result must
    say it was not (its id, microdata and ``<time>`` stay, as every theme keeps them). The page's
    pager is left as it is where a post's container holds it (a change of its own,
    :func:`rename_pagination`)."""
    found = _theme_tree(page)
    if found is None:
        return None
    root, containers, _bodies = found
    if len(containers) < 2:
        return None
    container = rng.choice(containers)
    pager = {node for anchor in _links_to_next_page(container, page) for node in (anchor, *anchor.iterancestors())}
    renamed = 0
    for node in container.iter(etree.Element):
        classes = node.get("class")
        if not classes or node in pager:
            continue
        node.set("class", " ".join(f"one{rng.randrange(10**4)}-{token[::-1]}" for token in classes.split()))
        renamed += 1
    if not renamed:
        return None
    return Mutant(page, f"one post's {renamed} classed elements renamed", _html(root), keeps_posts=False,
                  theme_drift=True)


# --- Language packs ------------------------------------------------------------------------------

# The English words of printed dates and what eleven language packs print instead: the month (its
# name, then its abbreviation), the day of the week (likewise), "Today" and "Yesterday". Polish and
# Russian packs print a month in the genitive, as in a date. "xx" is no language at all: no parser
# can read its months, so its dates must be given up with an error, never guessed.
_ENGLISH = {
    "months": "January February March April May June July August September October November December".split(),
    "months_short": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    "days": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "days_short": "Mon Tue Wed Thu Fri Sat Sun".split(),
    "relative": ["Today", "Yesterday"],
}
LANGUAGE_PACKS = {
    "de": ("Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
           "Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez",
           "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag", "Mo Di Mi Do Fr Sa So", "Heute Gestern"),
    "fr": ("janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
           "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
           "lundi mardi mercredi jeudi vendredi samedi dimanche", "lun. mar. mer. jeu. ven. sam. dim.",
           "Aujourd'hui Hier"),
    "es": ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
           "ene feb mar abr may jun jul ago sep oct nov dic",
           "lunes martes miércoles jueves viernes sábado domingo", "lun mar mié jue vie sáb dom", "Hoy Ayer"),
    "pt": ("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
           "jan fev mar abr mai jun jul ago set out nov dez",
           "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
           "seg ter qua qui sex sáb dom", "Hoje Ontem"),
    "it": ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
           "gen feb mar apr mag giu lug ago set ott nov dic",
           "lunedì martedì mercoledì giovedì venerdì sabato domenica", "lun mar mer gio ven sab dom", "Oggi Ieri"),
    "nl": ("januari februari maart april mei juni juli augustus september oktober november december",
           "jan feb mrt apr mei jun jul aug sep okt nov dec",
           "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag", "ma di wo do vr za zo", "Vandaag Gisteren"),
    "pl": ("stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
           "sty lut mar kwi maj cze lip sie wrz paź lis gru",
           "poniedziałek wtorek środa czwartek piątek sobota niedziela", "pon wt śr czw pt sob niedz",
           "Dzisiaj Wczoraj"),
    "tr": ("Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
           "Oca Şub Mar Nis May Haz Tem Ağu Eyl Eki Kas Ara",
           "Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar", "Pzt Sal Çar Per Cum Cmt Paz", "Bugün Dün"),
    "ru": ("января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
           "янв фев мар апр мая июн июл авг сен окт ноя дек",
           "понедельник вторник среда четверг пятница суббота воскресенье", "Пн Вт Ср Чт Пт Сб Вс",
           "Сегодня Вчера"),
    "sv": ("januari februari mars april maj juni juli augusti september oktober november december",
           "jan feb mar apr maj jun jul aug sep okt nov dec",
           "måndag tisdag onsdag torsdag fredag lördag söndag", "mån tis ons tor fre lör sön", "Idag Igår"),
    "fi": ("tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta"
           " lokakuuta marraskuuta joulukuuta", "tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu",
           "maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai", "ma ti ke to pe la su", "Tänään Eilen"),
    "cs": ("ledna února března dubna května června července srpna září října listopadu prosince",
           "led úno bře dub kvě čvn čvc srp zář říj lis pro",
           "pondělí úterý středa čtvrtek pátek sobota neděle", "po út st čt pá so ne", "Dnes Včera"),
    "hu": ("január február március április május június július augusztus szeptember október november december",
           "jan. febr. márc. ápr. máj. jún. júl. aug. szept. okt. nov. dec.",
           "hétfő kedd szerda csütörtök péntek szombat vasárnap", "H K Sze Cs P Szo V", "Ma Tegnap"),
    "ro": ("ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie",
           "ian. feb. mar. apr. mai iun. iul. aug. sept. oct. nov. dec.",
           "luni marți miercuri joi vineri sâmbătă duminică", "lun. mar. mie. joi vin. sâm. dum.", "Azi Ieri"),
    "uk": ("січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
           "січ лют бер кві тра чер лип сер вер жов лис гру",
           "понеділок вівторок середа четвер п'ятниця субота неділя", "Пн Вт Ср Чт Пт Сб Нд", "Сьогодні Вчора"),
    "el": ("Ιανουαρίου Φεβρουαρίου Μαρτίου Απριλίου Μαΐου Ιουνίου Ιουλίου Αυγούστου Σεπτεμβρίου Οκτωβρίου"
           " Νοεμβρίου Δεκεμβρίου", "Ιαν Φεβ Μαρ Απρ Μαΐ Ιουν Ιουλ Αυγ Σεπ Οκτ Νοε Δεκ",
           "Δευτέρα Τρίτη Τετάρτη Πέμπτη Παρασκευή Σάββατο Κυριακή", "Δευ Τρι Τετ Πεμ Παρ Σαβ Κυρ", "Σήμερα Χθες"),
    "ar": ("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
           "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
           "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد", "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد",
           "اليوم أمس"),
    "xx": ("Brumo Kelvast Ondrip Sapwell Tiriq Vaskel Worble Yandrit Zemmish Quorrel Plindo Marvex",
           "Bru Kel Ond Sap Tir Vas Wor Yan Zem Quo Pli Mav",
           "Duvvel Trennik Olsbar Fennic Garrow Hilpet Jostra", "Duv Tre Ols Fen Gar Hil Jos", "Nowish Erstday"),
}
# "5 hours ago" as each pack prints it: the phrase around the number, and the units (minute, hour,
# day, week, month, year) in the plural, which packs print after any number.
AGO_PHRASES = {
    "de": ("vor {n} {unit}", "Minuten Stunden Tagen Wochen Monaten Jahren"),
    "fr": ("il y a {n} {unit}", "minutes heures jours semaines mois ans"),
    "es": ("hace {n} {unit}", "minutos horas días semanas meses años"),
    "pt": ("há {n} {unit}", "minutos horas dias semanas meses anos"),
    "it": ("{n} {unit} fa", "minuti ore giorni settimane mesi anni"),
    "nl": ("{n} {unit} geleden", "minuten uur dagen weken maanden jaar"),
    "pl": ("{n} {unit} temu", "minut godzin dni tygodni miesięcy lat"),
    "tr": ("{n} {unit} önce", "dakika saat gün hafta ay yıl"),
    "ru": ("{n} {unit} назад", "минут часов дней недель месяцев лет"),
    "sv": ("för {n} {unit} sedan", "minuter timmar dagar veckor månader år"),
    "fi": ("{n} {unit} sitten", "minuuttia tuntia päivää viikkoa kuukautta vuotta"),
    "cs": ("před {n} {unit}", "minutami hodinami dny týdny měsíci lety"),
    "hu": ("{n} {unit} ezelőtt", "perccel órával nappal héttel hónappal évvel"),
    "ro": ("acum {n} {unit}", "minute ore zile săptămâni luni ani"),
    "uk": ("{n} {unit} тому", "хвилин годин днів тижнів місяців років"),
    "el": ("πριν από {n} {unit}", "λεπτά ώρες μέρες εβδομάδες μήνες χρόνια"),
    "ar": ("منذ {n} {unit}", "دقائق ساعات أيام أسابيع أشهر سنوات"),
    "xx": ("{n} {unit} zorpen", "blips glonks dorvs wemps mulps yarns"),
}
_AGO = re.compile(r"\b(\d+|an?|one) (minute|hour|day|week|month|year)s? ago\b", re.I)
_AGO_UNITS = ("minute", "hour", "day", "week", "month", "year")
# Packs that print the clock on 24 hours with a dot after their word for "at" (Finnish "klo 16.04").
DOTTED_CLOCKS = {"fi": "klo"}
# A clock time without seconds (those a pack prints as they are), never a zone's offset ("UTC+03:30").
_CLOCK_12 = re.compile(r"(?<![\d:.+\-\u2212])(?<![+\-\u2212]\s)(\d{1,2}):(\d{2})(?![:\d])(?:\s*([AaPp])\.?\s?[Mm]\.?(?![^\W\d_]))?")


def dotted_clock(match: re.Match, word: str) -> str:
    """"4:04 pm" as a pack with :data:`DOTTED_CLOCKS` prints it: "klo 16.04"."""
    hour, minute, half = int(match.group(1)), match.group(2), (match.group(3) or "").lower()
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return f"{word} {hour}.{minute}"
# Text the packs never touch: scripts, styles, the page's own data, and a post's code.
_UNTRANSLATED = {"script", "style", "textarea", "code", "pre", "template"}


def _date_words(language: str) -> dict[str, str]:
    """English date word -> the pack's word."""
    months, months_short, days, days_short, relative = (words.split() for words in LANGUAGE_PACKS[language])
    pairs = {}
    for english, translated in ((_ENGLISH["months"], months), (_ENGLISH["months_short"], months_short),
                                (_ENGLISH["days"], days), (_ENGLISH["days_short"], days_short),
                                (_ENGLISH["relative"], relative)):
        pairs.update({word: into for word, into in zip(english, translated) if word not in pairs})
    pairs["Sept"] = pairs["Sep"]
    return pairs


def translate_dates(page: Page, rng: random.Random) -> Mutant | None:
    """The page as a language pack prints it: every English month, weekday, "Today",
    "Yesterday" and "N hours ago" (:data:`AGO_PHRASES`) in its text and its ``title`` attributes
    (tooltips that show a full date) put in one of :data:`LANGUAGE_PACKS`' languages, with the
    clock as that pack prints it (:data:`DOTTED_CLOCKS`), and half the time ``<html lang>`` set to it, as the
    pack does (a board whose pack sets no ``lang`` is as common). The machine-readable times stay
    (``datetime``, ``data-*``, scripts, JSON), as every pack keeps them. Each post must come back
    with its own time, or with none and an error that says so: never another time (see
    :func:`date_problems`); the invented language's dates can only be given up."""
    if page.content_type is not None or page.original.kind != "thread_page" or not page.original.posts:
        return None
    language = rng.choice(sorted(LANGUAGE_PACKS))
    words = _date_words(language)
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b\.?")

    phrase, units = AGO_PHRASES[language]
    units_by_english = dict(zip(_AGO_UNITS, units.split()))

    def ago(match: re.Match) -> str:
        number = match.group(1) if match.group(1).isdigit() else "1"
        return phrase.format(n=number, unit=units_by_english[match.group(2).lower()])

    def translated(text: str | None) -> str | None:
        if not text:
            return text
        text = pattern.sub(lambda m: words[m.group(1)], _AGO.sub(ago, text))
        if language in DOTTED_CLOCKS:
            text = _CLOCK_12.sub(lambda m: dotted_clock(m, DOTTED_CLOCKS[language]), text)
        return text

    root = _tree(_page_text(page))
    changed = 0
    for node in root.iter(etree.Element):
        if any(ancestor.tag in _UNTRANSLATED for ancestor in node.iterancestors()):
            continue
        for name in ("tail",) if node.tag in _UNTRANSLATED else ("text", "tail"):
            before = getattr(node, name)
            after = translated(before)
            if after != before:
                setattr(node, name, after)
                changed += 1
        if node.tag not in _UNTRANSLATED and node.get("title"):
            node.set("title", translated(node.get("title")))
    if not changed:
        return None
    lang_set = language != "xx" and rng.random() < 0.5
    if lang_set:
        root.set("lang", language)
    return Mutant(page, f"dates in language {language}" + (" (lang set)" if lang_set else ""), _html(root),
                  keeps_posts=False, translated=True, language_declared=lang_set)


# --- Signatures ----------------------------------------------------------------------------------

# A member's profile address as each engine prints it (by hand, from the templates): a signature
# that links another member is what a board's posts carry on every page.
PROFILE_LINKS = {
    "phpbb": "./memberlist.php?mode=viewprofile&u=9077",
    "phpbb2": "profile.php?mode=viewprofile&u=9077",
    "xenforo": "/members/quillon-varda.9077/",
    "vbulletin": "member.php?u=9077",
    "smf": "index.php?action=profile;u=9077",
    "mybb": "member.php?action=profile&uid=9077",
    "ips": "/profile/9077-quillon-varda/",
    "ipb3": "index.php?showuser=9077",
    "fluxbb": "profile.php?id=9077",
    "forumotion": "/u9077",
    "proboards": "/user/9077",
    "discuz": "home.php?mod=space&uid=9077",
    "discourse": "/u/quillon_varda",
    "elkarte": "index.php?action=profile;u=9077",
    # bbPress bbp_get_user_profile_url() with pretty permalinks: <forums root>/users/<user_nicename>/.
    "bbpress": "/forums/users/quillon-varda/",
}
# Each engine's signature wrapper (by hand, from the templates); others print div.signature.
SIGNATURE_WRAPPERS = {
    "xenforo": '<aside class="message-signature"><div class="bbWrapper">{}</div></aside>',
    "ips": '<div data-role="memberSignature" class="ipsType_richText">{}</div>',
    "fluxbb": '<div class="postsignature postmsg"><hr />{}</div>',
    "vbulletin": '<div class="signaturecontainer">{}</div>',
}
SIGNER = "Quillon Varda"  # the invented member a signature names (no page has this name)


def signatures(page: Page, rng: random.Random) -> Mutant | None:
    """A signature under every post, after its words, as members set them: a link to another
    member's profile (in the board's own address form, :data:`PROFILE_LINKS`), and dates that are
    no post's ("Member since March 14, 2014", "Last seen: 3 hours ago"), as BBCode prints them, in the
    engine's signature wrapper (:data:`SIGNATURE_WRAPPERS`) or, half the time, a plain
    ``div.signature`` a theme prints. Every post must come back with its own author, time and
    words (the signature is no part of them), or the result must say what it did not find."""
    found = _theme_tree(page)
    if found is None:
        return None
    root, _containers, bodies = found
    if not bodies:
        return None
    profile = PROFILE_LINKS.get(page.engine or "", "/members/9077/")
    # What BBCode makes of a member's signature: words and plain links, never a <time> or a class.
    inner = (f'<a href="{profile}" target="_blank">{SIGNER}</a> taught me to solder.<br />'
             f'Member since March 14, 2014 · Last seen: 3 hours ago')
    own = rng.random() < 0.5 and page.engine in SIGNATURE_WRAPPERS
    markup = SIGNATURE_WRAPPERS[page.engine].format(inner) if own else f'<div class="signature">{inner}</div>'
    for body in bodies:
        body.addnext(etree.fromstring(markup, etree.HTMLParser()).find(".//body")[0])
    what = "the engine's signature" if own else "a div.signature"
    return Mutant(page, f"{what} under each of {len(bodies)} posts", _html(root), keeps_posts=False, signed=True)


# --- Advertisements between posts ---------------------------------------------------------------

# The ad's words (no page has AD_MARK), and the advertiser's address its links lead to.
AD_MARK = "Brindlecote"
AD_WORDS = f"Sponsored: {AD_MARK} hinge oil keeps gates quiet for forty winters"
AD_LINK = "https://ads.example/click?campaign=brindlecote"
# What an ad manager's copy of the post template keeps of each element: its look, no post's data.
_AD_KEPT_ATTRIBUTES = frozenset({"class", "style"})


def sponsored_blocks(page: Page, rng: random.Random) -> Mutant | None:
    """An advertisement between posts printed in the post's own markup, as ad managers do (phpBB's
    ads extension "after the first post", vBulletin's ``ad_showthread_firstpost``, XenForo's
    "message"-styled ads, IPS's advertising pseudo-post, AdSense blocks a theme prints as a post):
    a copy of a post container (:data:`POST_CONTAINERS`: its element, its classes, its inner
    layout, the author column and message box included) with no id and nothing that names a post
    or a member (only ``class`` and ``style`` kept, without a class token that carries a post's
    number, :data:`_NUMBERED_CLASS`: no ``data-*``, microdata, anchors' names), no
    ``<time>``, no script or form, its links and pictures the advertiser's, its message box
    (:data:`POST_BODIES`) holding the ad's words alone, and every other word in it the ad's too
    (:data:`AD_WORDS`, the author box's included). After the first post (the common place), or
    after 1 to 3 posts drawn at random. Every post of the page must come back with its own author,
    time, words and position, and no post may show the ad's words, or the result must say what it
    did not find (see :func:`sponsored_problems`)."""
    found = _theme_tree(page)
    if found is None:
        return None
    root, containers, _bodies = found
    if not containers:
        return None
    after = containers[:1] if rng.random() < 0.5 else rng.sample(containers, min(len(containers), rng.choice((1, 3))))
    xpath = POST_BODIES.get(page.engine or "")
    for container in after:
        ad = copy.deepcopy(container)
        for box in outermost(ad.xpath(xpath)) if xpath else []:
            # The message box holds the ad alone: no quotes, attachments or code of a post's.
            for child in list(box):
                box.remove(child)
            box.text = AD_WORDS
        for node in list(ad.iter()):
            if not isinstance(node.tag, str) or node.tag in ("script", "style", "time", "form", "input", "textarea",
                                                             "button", "select", "noscript"):
                if node is not ad and node.getparent() is not None:
                    node.getparent().remove(node)  # (its tail goes with it: words of the post's)
                continue
            for name in [name for name in node.attrib if name not in _AD_KEPT_ATTRIBUTES]:
                del node.attrib[name]
            if node.get("class"):
                # A post's number in a class ("post--504") names the post, like its id: no ad has it.
                node.set("class", " ".join(t for t in node.get("class").split() if not _NUMBERED_CLASS.search(t)))
            if node.tag == "a":
                node.set("href", AD_LINK)
            elif node.tag == "img":
                node.set("src", "https://ads.example/banner.png")
                node.set("alt", "Sponsored")
            if node.text and node.text.strip():
                node.text = AD_WORDS
            if node is not ad and node.tail and node.tail.strip():
                node.tail = AD_WORDS
        ad.tail = container.tail
        container.addnext(ad)
    where = "after the first post" if after == containers[:1] else f"after {len(after)} posts"
    return Mutant(page, f"a sponsored block in the post markup {where}", _html(root), keeps_posts=False,
                  sponsored=True)


# --- Other members named near a post's header ----------------------------------------------------

# Members a theme names beside a post's own poster (no page has these names), each with the number
# its profile address carries in the engine's form (:func:`member_link`).
OTHER_MEMBERS = [("Tobin Marsh", 9081), ("Odalys Wrenfield", 9082), ("Petrik Sallow", 9083),
                 ("Maren Oakhurst", 9084)]
# Each engine's post header, where a theme's member hover card (a mini profile) goes (by hand, from
# the templates): the author block of :data:`AUTHOR_BLOCKS`, and the header cells of the engines
# that print the poster in a table cell or another block.
POST_HEADERS = {
    **AUTHOR_BLOCKS,
    "xenforo": f"//div[{_class('message-cell--user')} or {_class('messageUserInfo')}]",
    "vbulletin": f"//div[{_class('userinfo')} or {_class('b-userinfo')}] | //td[div[starts-with(@id, 'postmenu_')]]",
    "discourse": f"//div[{_class('crawler-post-meta')} or {_class('topic-meta-data')}]",
    "discuz": f"//td[{_class('pls')}]",
    "proboards": f"//td[{_class('left-panel')}] | //div[{_class('mini-profile')}]",
    "phpbb2": "//td[span[@class='name']]",
}
# Where a block <div> may not stand beside a post body (a table's frame): the line goes inside it.
_TABLE_FRAME = frozenset({"td", "th", "tr", "tbody", "thead", "table"})


def member_link(engine: str | None, name: str, number: int) -> str:
    """``name``'s profile address in ``engine``'s own form: :data:`PROFILE_LINKS`' with its member."""
    slug = name.lower().replace(" ", "-")
    return (PROFILE_LINKS.get(engine or "", "/members/9077/").replace("quillon-varda", slug)
            .replace("quillon_varda", slug.replace("-", "_")).replace("9077", str(number)))


def _member(engine: str | None, member: tuple[str, int]) -> str:
    return f'<a href="{member_link(engine, *member)}">{member[0]}</a>'


def reply_line(engine: str | None, member: tuple[str, int]) -> str:
    """A reply pointer as themes print it between a post's header and its words: Discourse's and
    NodeBB's "Reply to @Name", XenForo's "Name said" pointer, "In reply to Name's post"."""
    link = _member(engine, member)
    words = {"discourse": f"Reply to @{link} · 2 hours ago",
             "xenforo": f"{link} said: · May 29, 2024 at 10:14 AM"}.get(
        engine or "", f"In reply to {link}'s post of May 29, 2024, 10:14 AM")
    return f'<div class="reply-to">{words}</div>'


def liked_line(engine: str | None, first: tuple[str, int], second: tuple[str, int], thanks: bool) -> str:
    """Who liked or thanked the post, as vBulletin's thanks add-on, phpBB's thanks-for-posts
    extension and XenForo's reactions bar print it: other members' links, and when."""
    one, two = _member(engine, first), _member(engine, second)
    words = (f"Thanks from: {one} (03-29-2015), {two} (Yesterday, 09:12 PM)" if thanks
             else f"Liked by {one}, {two} and 3 others · liked 3 hours ago")
    return f'<div class="post-likes">{words}</div>'


def hover_card(engine: str | None, member: tuple[str, int]) -> str:
    """A member hover card (a mini profile) a theme prints inside the post header: another
    member's name linked, when they joined, how many posts they wrote."""
    return (f'<div class="member-card">{_member(engine, member)}'
            '<div>Joined: Mar 2015</div><div>Posts: 1,204</div><div>Last seen: Today, 08:41 AM</div></div>')


def near_header_letters() -> list[str]:
    """The letters and digits (:func:`letters`) of every line :func:`other_members_near_header`
    may print, longest first: what a post's words may hold besides its own."""
    texts = set()
    for engine in ("discourse", "xenforo", None):
        for member in OTHER_MEMBERS:
            texts.update((reply_line(engine, member), hover_card(engine, member)))
            for other in OTHER_MEMBERS:
                texts.update(liked_line(engine, member, other, thanks) for thanks in (False, True))
    return sorted({letters(" ".join(_element(text).itertext())) for text in texts}, key=len, reverse=True)


def letters(text: str | None) -> str:
    """A text's letters and digits, folded: its words whatever the spaces and punctuation."""
    return "".join(c for c in (text or "").casefold() if c.isalnum())


def _element(markup: str):
    return etree.fromstring(markup, etree.HTMLParser()).find(".//body")[0]


NEAR_HEADER_PLACES = ("reply", "liked before", "liked after", "card first", "card last")


def other_members_near_header(page: Page, rng: random.Random, place: str | None = None) -> Mutant | None:
    """In every post, one of three lines that name OTHER members (in the board's own profile
    address form, :func:`member_link`) beside the post's header, with a date-like text, drawn at
    random per post: a reply pointer between the header and the words (:func:`reply_line`), who
    liked or thanked the post before or after its words (:func:`liked_line`), or a member hover
    card inside the post's header (:data:`POST_HEADERS`, :func:`hover_card`). Every post must keep
    its author, time, words (the line may be read into them or not) and position, or the result
    must say what it did not find (see :func:`near_header_problems`). ``place``: one of
    :data:`NEAR_HEADER_PLACES` for every post (a card where a post has no header: none)."""
    found = _theme_tree(page)
    if found is None:
        return None
    root, containers, bodies = found
    if not bodies:
        return None
    header_xpath = POST_HEADERS.get(page.engine or "")
    in_body = {node for body in bodies for node in body.iter(etree.Element)}
    counts = Counter()
    for body in bodies:
        container = next((c for c in containers if any(a is c for a in body.iterancestors())), None)
        headers = ([h for h in container.xpath(" | ".join("." + part.strip() for part in header_xpath.split("|")))
                    if h not in in_body] if container is not None and header_xpath else [])
        if place is not None:
            choice, where = (place.split(" ") + [""])[:2]
            if choice == "card" and not headers:
                continue
        else:
            choice = rng.choice(["reply", "liked"] + (["card"] if headers else []))
            where = ("first" if rng.random() < 0.5 else "last") if choice == "card" else (
                ("after" if rng.random() < 0.5 else "before") if choice == "liked" else "")
        inside = body.tag in _TABLE_FRAME or (body.getparent() is not None and body.getparent().tag in _TABLE_FRAME)
        if choice == "card":
            header = headers[0]
            card = _element(hover_card(page.engine, rng.choice(OTHER_MEMBERS)))
            if where == "first":
                header.insert(0, card)
                card.tail, header.text = header.text, None
            else:
                header.append(card)
        else:
            line = _element(reply_line(page.engine, rng.choice(OTHER_MEMBERS)) if choice == "reply"
                            else liked_line(page.engine, *rng.sample(OTHER_MEMBERS, 2), rng.random() < 0.5))
            after = where == "after"
            if inside and after:
                body.append(line)
            elif inside:
                body.insert(0, line)
                line.tail, body.text = body.text, None
            elif after:
                line.tail, body.tail = body.tail, None
                body.addnext(line)
            else:
                body.addprevious(line)
        counts[choice] += 1
    if not counts:
        return None
    what = ", ".join(f"{counts[name]} {name}" for name in ("reply", "liked", "card") if counts[name])
    return Mutant(page, f"other members near the header ({what})", _html(root), keeps_posts=False,
                  near_header=True)


# --- A moderated post's placeholder between posts ------------------------------------------------

PLACEHOLDER_MARK = "Quenwick"  # an invented word no page has: what tells the placeholder's words
PLACEHOLDER_WORDS = f"This post was hidden by a moderator ({PLACEHOLDER_MARK} review queue)."
PLACEHOLDER_NUMBER = 987650  # the hidden posts' numbers (no page has a post numbered so)
MOST_PLACEHOLDERS = 2  # the most placeholders one mutant prints
# A value that is more than an id or an address (IPS's data-quotedata JSON names the poster): dropped.
_NOT_AN_ADDRESS = re.compile(r"[\s{}\[\]\"]")
_PLACEHOLDER_DROPPED = frozenset({"script", "style", "time", "form", "input", "textarea", "button", "select",
                                  "noscript", "img", "picture", "svg", "abbr"})


def moderated_placeholders(page: Page, rng: random.Random) -> Mutant | None:
    """A hidden post's placeholder between posts, as boards print a post a moderator hid or a
    member deleted, in the post's own markup: IPS's "This content has been hidden", vBulletin 5's
    hidden post, a deleted post's stub. A copy of a post container (:data:`POST_CONTAINERS`) after
    1 or 2 posts drawn at random, under a post number of its own (:data:`PLACEHOLDER_NUMBER` on:
    every id, anchor name, permalink and data value that carried the copied post's number, and
    is no more than an id or an address, carries it), with no author, no time and no other words:
    its message box (:data:`POST_BODIES`) holds :data:`PLACEHOLDER_WORDS` alone, every other word,
    picture and ``<time>`` is gone, links other
    than its permalink lose their address, and attributes that name no post number go (``data-author``
    and the like), but ``class`` and ``style``. Every real post must keep its author, time and
    words, and the placeholder may come back as a post only with no author and no time, or the
    result must say what it did not find (see :func:`placeholder_problems`)."""
    found = _theme_tree(page)
    if found is None:
        return None
    root, containers, _bodies = found
    if not containers:
        return None
    xpath = POST_BODIES.get(page.engine or "")
    made = 0
    for container in rng.sample(containers, min(len(containers), rng.choice(range(1, MOST_PLACEHOLDERS + 1)))):
        post = _post_of(container, page.original.posts)
        digits = re.findall(r"\d+", post.post_id) if post is not None else []
        if not digits:
            continue
        own = re.compile(rf"(?<!\d){digits[-1]}(?!\d)")
        number = str(PLACEHOLDER_NUMBER + made)
        hidden = copy.deepcopy(container)
        for box in outermost(hidden.xpath(xpath)) if xpath else []:
            for child in list(box):
                box.remove(child)
            box.text = PLACEHOLDER_WORDS
        boxes = {node for box in (outermost(hidden.xpath(xpath)) if xpath else []) for node in box.iter()}
        for node in list(hidden.iter()):
            if not isinstance(node.tag, str) or node.tag in _PLACEHOLDER_DROPPED:
                if node is not hidden and node.getparent() is not None:
                    node.getparent().remove(node)  # (its tail goes with it)
                continue
            for name, value in list(node.attrib.items()):
                if own.search(value) and not _NOT_AN_ADDRESS.search(value):
                    node.set(name, own.sub(number, value))
                elif name == "class":
                    node.set(name, " ".join(t for t in value.split() if not _NUMBERED_CLASS.search(t)))
                elif name != "style":
                    del node.attrib[name]
            if node not in boxes:
                node.text = None
            if node is not hidden and node.getparent() not in boxes:
                node.tail = None
        hidden.tail = container.tail
        container.addnext(hidden)
        made += 1
    if not made:
        return None
    return Mutant(page, f"{made} hidden post placeholder{'s' if made > 1 else ''} between posts", _html(root),
                  keeps_posts=False, placeholder=True)


# --- Recent posts' dates printed relative to the reader's clock ----------------------------------

# How each engine prints a recent post's date in English (by hand, from the templates and language
# packs), with the board's own clock ({clock}, as the page printed it) kept: "Today" and "Yesterday"
# ({day}), XenForo's weekday within the week, and "N minutes ago" ({n}) where the engine prints it.
#   day:   the form of a post of the reader's today or yesterday; None: the engine prints those days
#          in a form without the minute (IPS 4's "3 hours ago"), so no mutant is made then.
#   ago:   the form of a post less than ``ago_under`` seconds old (None: the engine has none);
#          {date} and {clock} are the absolute date and clock as the page printed them.
#   exact_after: below it (and past ``ago_under``) the engine prints a form without the minute
#          (MyBB's "2 hours ago" under 12 hours): no mutant is made then.
#   week:  a post of the last week printed "Monday at 5:39 PM" (XenForo 1 and 2).
#   comma: the engine prints relative dates only under a date format whose date part ends in ", "
#          (phpBB: phpbb/datetime.php, only a format with the '|' wrapper, as '|d M Y|, H:i').
RELATIVE_FORMS = {
    # XenForo 1 (DateTime abbr, phrases "Today at", "Yesterday at", "x minutes ago") and 2
    # (date_time: today_at_x, yesterday_at_x, day_x_at_time_y, x_minutes_ago; <time datetime> kept).
    "xenforo": dict(day="{day} at {clock}", ago="{n} minutes ago", ago_under=3600, week=True),
    # phpbb/datetime.php: AGO under an hour, then TODAY / YESTERDAY in place of the |...| part.
    "phpbb": dict(day="{day}, {clock}", ago="{n} minutes ago", ago_under=3601, comma=True),
    # vBulletin 3/4 vbdate() with "Yesterday / Today" on: "Today, 10:30 AM" (vB4: span.date "Today,").
    "vbulletin": dict(day="{day}, {clock}"),
    # SMF timeformat(): $txt['today'] = '<strong>Today</strong> at ' before the time part.
    "smf": dict(day="<strong>{day}</strong> at {clock}"),
    # MyBB 1.8 my_date('relative'): rel_time '<span title="{date}{clock}">N minutes ago</span>' under an
    # hour, hours under 12, then today_rel '<span title="{date}">Today</span>' and the time.
    "mybb": dict(day='<span title="{date}">{day}</span>, {clock}', ago='<span title="{date}, {clock}">{n} minutes ago</span>',
                 ago_under=3600, exact_after=43200),
    # IP.Board 3 getDate() with relative dates on: "Today, 10:30 AM", "20 minutes ago" (abbr title kept).
    "ipb3": dict(day="{day}, {clock}", ago="{n} minutes ago", ago_under=3600),
    # FluxBB / PunBB format_time(): $lang_common['Today'] and the time after a space.
    "fluxbb": dict(day="{day} {clock}"),
    # IPS 4 <time datetime> kept, text "N minutes ago"; its other recent forms keep no minute.
    "ips": dict(day=None, ago="{n} minutes ago", ago_under=3600),
    # ProBoards abbr.time[data-timestamp] kept, "Today at 10:30am"; Forumotion "Today at 10:30 am".
    "proboards": dict(day="{day} at {clock}"),
    "forumotion": dict(day="{day} at {clock}"),
    # ElkArte standardTime(): $txt['today'] = 'Today at %1$s' (1.0: '<strong>Today</strong> at '); with
    # relative times on, elk_relativeTime.js prints $txt['rt_minutes'] '%s minutes ago' in the <time>
    # under an hour (datetime kept), then 'An hour ago', '%s hours ago' (no minute).
    "elkarte": dict(day="{day} at {clock}", ago="{n} minutes ago", ago_under=3600),
    # bbPress loop-single-reply.php bbp_reply_post_date($reply_id, $humanize): absolute by default; a
    # theme that humanizes it prints bbp_get_time_since() ("5 minutes ago", then "1 hour, 5 minutes
    # ago", "1 day, 2 hours ago": never a "Today at"), with no machine-readable time left.
    "bbpress": dict(day=None, ago="{n} minutes ago", ago_under=3600),
}
_MONTH_WORDS = _ENGLISH["months"] + _ENGLISH["months_short"] + ["Sept"]
_DATE_WORD = "|".join(sorted(_MONTH_WORDS + _ENGLISH["days"] + _ENGLISH["days_short"], key=len, reverse=True))
_DATE_TOKEN = rf"(?:(?:{_DATE_WORD})\b\.?|\d{{1,4}}(?:st|nd|rd|th)?(?![\d:]))"
# An absolute date as English boards print it before the clock: words and numbers of a date, and the
# separators and connector between it and the clock ("Sat Jun 01, 2024 ", "05-29-2024, ", "29 May 2024 - ").
_DATE_SPAN = re.compile(rf"(?<![\w:]){_DATE_TOKEN}(?:[\s,./\-\u2013]+{_DATE_TOKEN})*(?P<sep>[\s,./\-\u2013]*(?:(?:at|@|-|\u2013)\s+)?)",
                        re.I)
_CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<half>[AaPp])\.?\s?[Mm]\.?(?![^\W\d_]))?")
_NO_TEXT = frozenset({"script", "style", "textarea", "template", "noscript"})


@dataclass
class PrintedDate:
    """Where a post's absolute date stands in its markup, and the local time it prints."""

    owner: object  # the element whose .text or .tail holds the date
    attr: str  # "text" or "tail"
    start: int  # the date's start in that string
    end: int  # where the clock starts (same string), or the string's end (clock in the next text)
    clock: str  # the clock as printed ("10:14 AM")
    clock_here: bool  # the clock follows in the same string
    date: str  # the date as printed, without the separator before the clock ("05-29-2024")
    separator: str
    local: datetime  # the printed time, naive
    offset: timedelta  # local - UTC
    title_only: bool = False  # XenForo 2's <time>: the text a date alone, the clock in its title


def _texts(element, skip) -> list[tuple[object, str]]:
    """(element, "text" | "tail") in document order under ``element``, none inside ``skip``."""
    out = []

    def walk(node):
        if not isinstance(node.tag, str) or node in skip or node.tag in _NO_TEXT:
            return
        out.append((node, "text"))
        for child in node:
            walk(child)
            out.append((child, "tail"))
    walk(element)
    return out


def _local_time(clock: re.Match, utc: datetime, span: str) -> tuple[datetime, timedelta] | None:
    """The printed local time of ``utc`` that the clock and the date words show, in a zone of the
    world (a whole quarter hour from UTC, at most 14 hours), or None when none fits."""
    hour, minute = int(clock["h"]), int(clock["m"])
    if clock["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if clock["half"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    if clock["s"] is not None and int(clock["s"]) != utc.second:
        return None
    drift = (hour * 60 + minute - (utc.hour * 60 + utc.minute)) % 1440
    numbers = {int(n) for n in re.findall(r"\d+", span)}
    words = {w.lower().rstrip(".") for w in re.findall(r"[A-Za-z]+\.?", span)}
    for minutes in (drift, drift - 1440):
        if abs(minutes) > 14 * 60 or minutes % 15:
            continue
        local = (utc + timedelta(minutes=minutes)).replace(tzinfo=None)
        month_names = {_ENGLISH["months"][local.month - 1].lower(), _ENGLISH["months_short"][local.month - 1].lower()}
        if (local.day in numbers and (local.year in numbers or local.year % 100 in numbers)
                and (local.month in numbers or words & month_names or (local.month == 9 and "sept" in words))):
            return local, timedelta(minutes=minutes)
    return None


def printed_date(container, skip, utc: datetime) -> PrintedDate | None:
    """The first absolute date in ``container`` (outside ``skip``: the post's words) printed with its
    clock that shows ``utc`` in some zone: a date and a clock in one text, a date with its clock in
    the next text (vBulletin 4's span.date and span.time), or a ``<time>``/``abbr`` whose text is
    the date alone and whose ``title`` is the date with the clock (XenForo 2)."""
    texts = _texts(container, skip)
    for index, (owner, attr) in enumerate(texts):
        string = getattr(owner, attr) or ""
        if attr == "text" and owner.get("title") and len(owner) == 0:
            title = owner.get("title")
            whole = _DATE_SPAN.fullmatch(string.strip())
            span = _DATE_SPAN.search(title)
            clock = _CLOCK.match(title, span.end()) if span else None
            if whole and clock and (found := _local_time(clock, utc, span.group(0))):
                return PrintedDate(owner, attr, 0, len(string), clock.group(0), False, string.strip(),
                                   span["sep"], *found, title_only=True)
        for span in _DATE_SPAN.finditer(string):
            clock, here = _CLOCK.match(string, span.end()), True
            if clock is None and not string[span.end():].strip():
                following = next((getattr(o, a) for o, a in texts[index + 1:] if (getattr(o, a) or "").strip()), "")
                clock, here = _CLOCK.match(following, len(following) - len(following.lstrip())), False
            if clock is None:
                continue
            found = _local_time(clock, utc, span.group(0))
            if found:
                date = span.group(0)[: len(span.group(0)) - len(span["sep"])]
                return PrintedDate(owner, attr, span.start(), span.end() if here else len(string), clock.group(0),
                                   here, date, span["sep"], *found)
    return None


def _splice(owner, attr: str, before: str, markup: str, after: str) -> None:
    """Put ``markup`` (text and elements) between ``before`` and ``after`` in ``owner``'s text or tail."""
    fragment = _element(f"<span>{markup}</span>")
    children = list(fragment)
    setattr(owner, attr, before + (fragment.text or "") + ("" if children else after))
    if not children:
        return
    parent, at = (owner, 0) if attr == "text" else (owner.getparent(), owner.getparent().index(owner) + 1)
    for offset, child in enumerate(children):
        parent.insert(at + offset, child)
    children[-1].tail = (children[-1].tail or "") + after


def relative_form(rules: dict, utc: datetime, local: datetime, now_utc: datetime, now_local: datetime):
    """("ago" | "day" | "week" | "absolute" | None, words) for a post printed at ``local`` (``utc``)
    read at ``now``: the engine's form, "absolute" when it prints the date as it is, None when it
    prints a form without the minute (no exact answer)."""
    seconds = (now_utc - utc).total_seconds()
    if seconds < 60:
        return None, ""
    if seconds < rules.get("ago_under", 0):
        return ("ago", "") if rules.get("ago") and seconds % 60 == 0 and seconds >= 120 else (None, "")
    days = (now_local.date() - local.date()).days
    if days <= 1 and seconds < rules.get("exact_after", 0):
        return None, ""
    if days in (0, 1):
        return ("day", ("Today", "Yesterday")[days]) if rules.get("day") else (None, "")
    if 2 <= days <= 6 and rules.get("week"):
        return "week", _ENGLISH["days"][local.weekday()]
    return "absolute", ""


RELATIVE_KINDS = ("ago", "today", "yesterday", "week")


def relative_dates(page: Page, rng: random.Random, kind: str | None = None) -> Mutant | None:
    """Recent posts' dates as the engine prints them to a reader soon after (:data:`RELATIVE_FORMS`):
    the page read at a capture time drawn just after its latest post (``kind``: some minutes, the
    same day, the next day, or, XenForo, within the week, in the page's own zone: the one its
    printed clock shows against the post's time), and every post whose date the engine would
    print relative at that time rewritten so ("Today, 10:14 AM", "<strong>Today</strong> at
    10:14:03 AM", "5 minutes ago"), its clock as printed, the machine-readable times
    (``<time datetime>``, ``data-time``, a ``title`` with the date) left as the engine leaves them.
    Made only where every post the engine would print relative gets a form that keeps the minute
    (none then reads "2 hours ago", "A moment ago"), on English pages. Each post must come back
    with its own time, or none and an error: never another time (see :func:`relative_date_problems`)."""
    rules = RELATIVE_FORMS.get(page.engine or "")
    found = _theme_tree(page) if rules else None
    if found is None:
        return None
    root, containers, bodies = found
    if (root.get("lang") or "en").lower()[:2] != "en" or not containers:
        return None
    skip = set(bodies)
    dated = []  # (post, its PrintedDate or None)
    for container in containers:
        post = _post_of(container, page.original.posts)
        if post is not None and post.published_at is not None:
            dated.append((post, container, printed_date(container, skip, post.published_at)))
    located = [(post, container, where) for post, container, where in dated if where is not None]
    if not located:
        return None
    latest = max(located, key=lambda item: item[0].published_at)
    target = latest[2]
    if rules.get("comma") and target.separator.strip() != ",":
        return None  # a phpBB format without the '|' wrapper: never printed relative
    kinds = [k for k in RELATIVE_KINDS if (k == "ago" and rules.get("ago")) or (k in ("today", "yesterday") and rules.get("day"))
             or (k == "week" and rules.get("week"))]
    kind = kind or rng.choice(kinds)
    if kind not in kinds:
        return None
    local = target.local
    if kind == "ago":
        now_local = local + timedelta(minutes=rng.randint(2, 59))
    else:
        days = {"today": 0, "yesterday": 1, "week": rng.randint(2, 6)}[kind]
        day_start = datetime.combine(local.date() + timedelta(days=days), datetime.min.time())
        earliest = max(day_start, local + timedelta(seconds=max(rules.get("ago_under", 60), rules.get("exact_after", 0), 60)))
        latest_time = day_start + timedelta(days=1, seconds=-60)
        if earliest > latest_time:
            return None
        now_local = earliest + timedelta(minutes=rng.randint(0, int((latest_time - earliest).total_seconds() // 60)))
    now_utc = (now_local - target.offset).replace(tzinfo=timezone.utc)
    changes = []
    for post, _container, where in dated:
        if post.published_at > now_utc:
            return None
        if where is None:
            form, _ = relative_form(rules, post.published_at, (post.published_at + target.offset).replace(tzinfo=None),
                                    now_utc, now_local)
            if form != "absolute":
                return None  # a recent post whose date this fuzzer cannot find: it would be printed relative
            continue
        form, word = relative_form(rules, post.published_at, where.local, now_utc, now_local)
        if form is None:
            return None
        if form == "absolute":
            continue
        if rules.get("comma") and where.separator.strip() != ",":
            return None
        if form == "ago" and not (where.clock_here or where.title_only):
            return None  # (the clock in an element of its own: this fuzzer does not take it out)
        changes.append((where, form, word, int((now_utc - post.published_at).total_seconds() // 60)))
        owner = where.owner
        if (page.engine == "xenforo" and where.title_only and owner.tag == "span"
                and "DateTime" in (owner.get("class") or "").split()):
            # XenForo 1 prints a date of the last week as abbr.DateTime with its Unix time and strings
            # (an older one as span.DateTime[title]): helper_datetime's relative form.
            owner.tag = "abbr"
            owner.set("data-time", str(int(post.published_at.timestamp())))
            owner.set("data-diff", str(int((now_utc - post.published_at).total_seconds())))
            owner.set("data-datestring", where.date)
            owner.set("data-timestring", where.clock)
    if not changes:
        return None
    for where, form, word, minutes in changes:
        values = {"day": word, "clock": escape(where.clock), "date": escape(where.date), "n": minutes}
        string = getattr(where.owner, where.attr) or ""
        if form == "ago":
            markup = rules["ago"].format(**values)
        else:
            form_of_day = rules["day"]
            if where.separator.strip() == "," and "{day}, " in form_of_day:
                form_of_day = form_of_day.replace("{day}, ", "{day}" + escape(where.separator))  # vB4's ",&nbsp;"
            markup = form_of_day.format(**values)
            if not where.clock_here and not where.title_only:
                markup = markup.split(escape(where.clock))[0]  # the clock stays in its own element
        if where.title_only:
            _splice(where.owner, where.attr, "", markup, "")
        else:
            end = where.end + len(where.clock) if where.clock_here else where.end
            _splice(where.owner, where.attr, string[:where.start], markup, string[end:])
    what = ", ".join(sorted({form for _, form, _, _ in changes}))
    return Mutant(page, f"{len(changes)} dates printed relative ({what}) read at {now_utc:%Y-%m-%d %H:%M}", _html(root),
                  keeps_posts=False, captured_at=now_utc, relative=True)


MUTATIONS: dict[str, Callable[[Page, random.Random], Mutant | None]] = {
    "flip_bytes": flip_bytes,
    "truncate": truncate,
    "splice_garbage": splice_garbage,
    "delete_tags": delete_tags,
    "delete_closing_tags": delete_closing_tags,
    "nul_runs": nul_runs,
    "control_characters": control_characters,
    "stray_characters": stray_characters,
    "wrong_encoding": wrong_encoding,
    "json_types": json_types,
    "json_ld_types": json_ld_types,
    "nested_quotes": nested_quotes,
    "nested_divs": nested_divs,
    "words_with_nuls": words_with_nuls,
    "long_post": long_post,
    "duplicate_posts": duplicate_posts,
    "merge_posts": merge_posts,
    "rename_classes": rename_classes,
    "wrap_elements": wrap_elements,
    "reorder_blocks": reorder_blocks,
    "rename_pagination": rename_pagination,
    "restyle_one_post": restyle_one_post,
    "translate_dates": translate_dates,
    "signatures": signatures,
    "sponsored_blocks": sponsored_blocks,
    "other_members_near_header": other_members_near_header,
    "moderated_placeholders": moderated_placeholders,
    "relative_dates": relative_dates,
    "template_comments": template_comments,
    "output_before_page": output_before_page,
    "block_whitespace": block_whitespace,
    "stray_in_head": stray_in_head,
    "scripts_removed": scripts_removed,
    "archived_copy": archived_copy,
    "resaved_as_utf8": resaved_as_utf8,
    "language_declared_elsewhere": language_declared_elsewhere,
}


# --- Checks --------------------------------------------------------------------------------------


def author_key(author: Author | None) -> str | None:
    """An author's name reduced to what survives a control character or a lost space: ASCII
    letters and digits, lower case (all letters and digits for names without ASCII ones)."""
    name = (author.name if author is not None else None) or ""
    folded = name.casefold()
    return "".join(c for c in folded if c.isascii() and c.isalnum()) or "".join(c for c in folded if c.isalnum()) or None


def words_key(text: str | None) -> str:
    """The first words of a text, as letters and digits only: enough to tell posts apart."""
    return "".join(c for c in (text or "").casefold() if c.isalnum())[:40]


def _another_posts_words(post, original: PageResult, author: str) -> bool:
    """``post`` shows the words of another post of the unmutated page by ``author``: it is that post
    under a wrong number (its own number lost, the engine numbered it by its place)."""
    words = words_key(post.text)
    return len(words) >= 10 and any(
        other.post_id != post.post_id and author_key(other.author) == author and words_key(other.text).startswith(words)
        for other in original.posts)


def author_problems(original: PageResult, result: PageResult,
                    keeps_posts: bool) -> tuple[list[str], list[str], list[str]]:
    """(posts carrying another post's author, other broken promises, posts under another's number)
    of a mutant's parse.

    A post is matched to the unmutated page by its id. It may keep its author; if its block was
    damaged (``keeps_posts`` false) it may instead come back without an author (with an error) or
    with a name no post of the page had (the name itself was mutated). It must never come back
    with the name of another post's author that differs from its own, unless it shows that other
    post's words too: then the words kept their author, and the post its number was lost (the
    third list; a broken promise too when ``keeps_posts``). When ``keeps_posts``, every post must
    come back, with its own author.
    """
    if original.kind != "thread_page" or not original.posts:
        return [], [], []
    own: dict[str, str | None] = {}
    for post in original.posts:
        own.setdefault(post.post_id, author_key(post.author))
    names = {key for key in own.values() if key}
    mismatches: list[str] = []
    broken: list[str] = []
    renumbered: list[str] = []
    if result.kind != "thread_page":
        if keeps_posts:
            broken.append(f"page came back {result.kind}: {result.reason}")
        return mismatches, broken, renumbered
    for post in result.posts:
        if post.post_id not in own:
            if keeps_posts:
                broken.append(f"post {post.post_id} is not on the unmutated page")
            continue
        expected, got = own[post.post_id], author_key(post.author)
        if got == expected:
            continue
        if got is None:
            if keeps_posts:
                broken.append(f"post {post.post_id} lost its author {expected!r}")
            elif not any(post.post_id in error for error in result.errors):
                broken.append(f"post {post.post_id} has no author and no error says so")
        elif got in names and _another_posts_words(post, original, got):
            renumbered.append(f"post {post.post_id} shows another post's words and author ({post.author.name!r})")
            if keeps_posts:
                broken.append(renumbered[-1])
        elif got in names:
            mismatches.append(f"post {post.post_id} has another post's author {post.author.name!r} (its own: {expected!r})")
        elif keeps_posts:
            broken.append(f"post {post.post_id}: author {expected!r} became {post.author.name!r}")
    if keeps_posts:
        missing = set(own) - {post.post_id for post in result.posts}
        if missing:
            broken.append(f"posts lost: {sorted(missing)[:5]}")
    return mismatches, broken, renumbered


_POST_NUMBER = re.compile(r"\d+")


def drift_problems(original: PageResult, result: PageResult, skip: set[str] = frozenset()) -> list[str]:
    """The posts of the unmutated page that a theme's change (``Mutant.theme_drift``) lost or
    changed silently: each must come back under its id with the same author (:func:`author_key`)
    and the same ``published_at``, or the result must say something is missing: the page not a
    thread page (unsupported, an error page), or an error the unmutated page did not have that
    names this post (its id, whole, before the error's colon) or no post at all (a page-wide one:
    "printed times read as UTC: ..."). The next page must come back too, or a new error must say
    the next page was not found.
    Posts in ``skip`` (already counted: another's author, renumbered) are left out."""
    if original.kind != "thread_page" or not original.posts or result.kind != "thread_page":
        return []
    had = set(original.errors)
    new_errors = [error for error in result.errors if error not in had]
    page_wide = any(not _POST_NUMBER.search(error.split(":", 1)[0]) for error in new_errors)
    if page_wide:
        return []
    problems = []
    next_page = replayed_original(original.next_page_url or "")  # (a mutant of an archive's copy: its address)
    if (next_page and replayed_original(result.next_page_url or "") != next_page
            and not any("next page" in error for error in new_errors)):
        problems.append(f"next page {original.next_page_url} became {result.next_page_url}, no error")
    heads = [error.split(":", 1)[0] for error in new_errors]
    came_back = {}
    for post in result.posts:
        came_back.setdefault(post.post_id, post)
    for post in original.posts:
        whole = re.compile(rf"(?<![\w/]){re.escape(post.post_id)}(?![\w/])")
        if post.post_id in skip or any(whole.search(head) for head in heads):
            continue
        got = came_back.get(post.post_id)
        if got is None:
            problems.append(f"post {post.post_id} lost, and no error says so")
        elif author_key(got.author) != author_key(post.author):
            problems.append(f"post {post.post_id}: author {post.author.name!r} became {got.author.name!r}, no error")
        elif got.published_at != post.published_at:
            problems.append(f"post {post.post_id}: time {post.published_at} became {got.published_at}, no error")
    return problems


def unseen_problems(original: PageResult, result: PageResult, skip: set[str] = frozenset()) -> list[str]:
    """What a change no reader sees (``Mutant.unseen``) did silently: a post lost or given another
    author or time (as :func:`drift_problems` tells), or its words changed, with no new error
    naming it."""
    problems = drift_problems(original, result, skip)
    if original.kind != "thread_page" or result.kind != "thread_page":
        return problems
    heads = [error.split(":", 1)[0] for error in result.errors if error not in set(original.errors)]
    said = {line.split(" ")[1].rstrip(":") for line in problems}
    came_back = {}
    for post in result.posts:
        came_back.setdefault(post.post_id, post)
    for post in original.posts:
        got = came_back.get(post.post_id)
        if got is None or post.post_id in skip or post.post_id in said or got.text == post.text:
            continue
        whole = re.compile(rf"(?<![\w/]){re.escape(post.post_id)}(?![\w/])")
        if not any(whole.search(head) for head in heads):
            problems.append(f"post {post.post_id}: its words changed, no error ({post.text[:60]!r} became "
                            f"{got.text[:60]!r})")
    return problems


def signature_problems(original: PageResult, result: PageResult, skip: set[str] = frozenset()) -> list[str]:
    """What a signature under every post (``Mutant.signed``) did silently: a post lost or given
    another author or time (as :func:`drift_problems` tells), or the signature's words read as
    the post's (its signer, :data:`SIGNER`, in a post's words that had none)."""
    problems = drift_problems(original, result, skip)
    had = {post.post_id for post in original.posts if SIGNER in (post.text or "")}
    problems += [f"post {post.post_id}: the signature's words read as the post's" for post in result.posts
                 if post.post_id not in had and SIGNER in (post.text or "")]
    said = {line.split(" ")[1].rstrip(":") for line in problems}
    if result.kind == "thread_page":  # (a post of the page whose author became the signer is said once)
        problems += [f"post {post.post_id}: the signer {SIGNER!r} read as its author" for post in result.posts
                     if post.author is not None and post.author.name == SIGNER and post.post_id not in said]
    return problems


def _unexplained_posts(original: PageResult, result: PageResult, skip: set[str],
                       problems: list[str]) -> list[tuple]:
    """(post, the same post on the unmutated page or None) for each post of ``result`` that still
    has to be checked: none when either page is no thread page or a new error names the whole
    page; else those no new error names and no problem in ``problems`` names already."""
    if original.kind != "thread_page" or result.kind != "thread_page":
        return []
    new_errors = [error for error in result.errors if error not in set(original.errors)]
    heads = [error.split(":", 1)[0] for error in new_errors]
    if any(not _POST_NUMBER.search(head) for head in heads):
        return []

    def said(post_id: str) -> bool:
        whole = re.compile(rf"(?<![\w/]){re.escape(post_id)}(?![\w/])")
        return any(whole.search(head) for head in heads)

    said_already = {line.split(" ")[1].rstrip(":") for line in problems}
    own = {}
    for post in original.posts:
        own.setdefault(post.post_id, post)
    return [(post, own.get(post.post_id)) for post in result.posts
            if post.post_id not in skip and post.post_id not in said_already and not said(post.post_id)]


def sponsored_problems(original: PageResult, result: PageResult, skip: set[str] = frozenset()) -> list[str]:
    """What an advertisement in the post markup (``Mutant.sponsored``) did silently: a post lost or
    given another author or time (as :func:`drift_problems` tells), another post's words or
    another position, or the ad's words (:data:`AD_WORDS`) read as a post's, where no new error
    names the post (or the whole page)."""
    problems = drift_problems(original, result, skip)
    for post, before in _unexplained_posts(original, result, skip, problems):
        if AD_MARK in (post.text or "") + ((post.author.name or "") if post.author is not None else ""):
            problems.append(f"post {post.post_id}: the ad's words read as a post's")
        elif before is None:
            continue
        elif words_key(post.text) != words_key(before.text):
            problems.append(f"post {post.post_id}: words {words_key(before.text)!r} became {words_key(post.text)!r}")
        elif before.position is not None and post.position != before.position:
            problems.append(f"post {post.post_id}: position {before.position} became {post.position}")
    return problems


def near_header_problems(original: PageResult, result: PageResult, skip: set[str] = frozenset()) -> list[str]:
    """What lines naming other members near a post's header (``Mutant.near_header``) did silently:
    a post lost or given another author or time (as :func:`drift_problems` tells: one of
    :data:`OTHER_MEMBERS` as a poster among them), its own words gone (the line may be read into
    them or not, anywhere: the post's whole words must still be in them once the lines are taken
    out, :func:`near_header_letters`), or another position, where no new
    error names the post (or the whole page)."""
    problems = drift_problems(original, result, skip)
    lines = near_header_letters()

    def without_lines(text: str | None) -> str:
        kept = letters(text)
        for line in lines:
            kept = kept.replace(line, "")
        return kept

    for post, before in _unexplained_posts(original, result, skip, problems):
        if before is None:
            continue
        if letters(before.text) not in without_lines(post.text):
            problems.append(f"post {post.post_id}: words {words_key(before.text)!r} became {words_key(post.text)!r}")
        elif before.position is not None and post.position != before.position:
            problems.append(f"post {post.post_id}: position {before.position} became {post.position}")
    return problems


def placeholder_problems(original: PageResult, result: PageResult, skip: set[str] = frozenset()) -> list[str]:
    """What a hidden post's placeholder between posts (``Mutant.placeholder``) did silently: a post
    lost or given another author or time (as :func:`drift_problems` tells), other words (the
    placeholder's, :data:`PLACEHOLDER_WORDS`, among them), or a place that is not after the place
    of the post before it (a hidden post holds a place on the board, so the posts' numbers may
    grow: a parser that counts the posts numbers the ones after it one further, and one that
    reckons a page's first number from how many posts a page holds numbers them all further; but
    their order stays, and posts that shared a place keep sharing one: vBulletin 5 gives a comment
    on a reply, "#2.1", its reply's place); or a post the unmutated page did not have (the
    placeholder read as a post) with an author or a time, which can only be another post's or
    made up, where no new error names the post (or the whole page)."""
    problems = drift_problems(original, result, skip)
    placed = []  # (position before, position now, post id) of the posts whose words were kept
    for post, before in _unexplained_posts(original, result, skip, problems):
        if before is None:
            if post.author is not None and post.author.name:
                problems.append(f"post {post.post_id} (not on the unmutated page) given the author {post.author.name!r}")
            elif post.published_at is not None:
                problems.append(f"post {post.post_id} (not on the unmutated page) given the time {post.published_at}")
        elif PLACEHOLDER_MARK in (post.text or "") and PLACEHOLDER_MARK not in (before.text or ""):
            problems.append(f"post {post.post_id}: the placeholder's words read as the post's")
        elif words_key(post.text) != words_key(before.text):
            problems.append(f"post {post.post_id}: words {words_key(before.text)!r} became {words_key(post.text)!r}")
        elif before.position is not None:
            placed.append((before.position, post.position, post.post_id))
    placed.sort(key=lambda item: item[0])
    for (earlier_was, earlier, earlier_id), (was, now, post_id) in zip(placed, placed[1:]):
        if now is None or earlier is None or (now != earlier if was == earlier_was else now <= earlier):
            relation = "not at" if was == earlier_was else "not after"
            problems.append(f"post {post_id}: position {was} became {now}, {relation} post {earlier_id}'s {earlier}")
    return problems


def cut_problems(original: PageResult, result: PageResult) -> list[str]:
    """What a page cut short lost with no word: posts of the whole page missing, or its next page,
    while the result is still a thread page with no error but those of the whole page, none saying
    the page may be cut short."""
    if (original.kind != "thread_page" or result.kind != "thread_page" or set(result.errors) - set(original.errors)
            or any("cut short" in error for error in result.errors)):
        return []
    kept = {post.post_id for post in result.posts}
    lost = [post.post_id for post in original.posts if post.post_id not in kept]
    problems = [f"posts {lost[:5]} lost, and no error says the page may be cut short"] if lost else []
    if original.next_page_url and result.next_page_url != original.next_page_url:
        problems.append(f"next page {original.next_page_url} lost, and no error says the page may be cut short")
    return problems


def date_problems(original: PageResult, result: PageResult, order_may_change: bool = False) -> list[str]:
    """What a page in another language (``Mutant.translated``) did to its posts' times: a post
    with a time other than its own, which no error excuses (the pack changed words, never the
    time), or a post whose time is gone while no new error names it or the whole page.
    ``order_may_change``: the page now declares a language that prints the day first, so a
    numeric date read with its day and month the other way round is its reading in that language."""
    if original.kind != "thread_page" or result.kind != "thread_page":
        return []
    new_errors = [error for error in result.errors if error not in set(original.errors)]
    heads = [error.split(":", 1)[0] for error in new_errors]
    page_wide = any(not _POST_NUMBER.search(head) for head in heads)
    own = {post.post_id: post.published_at for post in original.posts}
    problems = []
    for post in result.posts:
        expected = own.get(post.post_id)
        if expected is None or post.published_at == expected:
            continue
        if post.published_at is not None:
            if not (order_may_change and day_and_month_swapped(expected, post.published_at)):
                problems.append(f"post {post.post_id}: time {expected} read as {post.published_at}")
        elif not page_wide and not any(re.search(rf"(?<![\w/]){re.escape(post.post_id)}(?![\w/])", head)
                                       for head in heads):
            problems.append(f"post {post.post_id}: time {expected} lost, and no error says so")
    return problems


def relative_date_problems(reference: PageResult, result: PageResult, skip: set[str] = frozenset()) -> list[str]:
    """What dates printed relative to the reader's clock (``Mutant.relative``) did: a post given
    another time, whatever the errors say (the engine printed the same minute in other words), or
    a post lost, given another author, or its time lost, where no new error names it (or the whole
    page). ``reference``: the unmutated page read at the mutant's capture time (a page that
    already printed some dates relative reads them against it)."""
    problems = [line for line in date_problems(reference, result) if line.split(" ")[1].rstrip(":") not in skip]
    said = {line.split(" ")[1].rstrip(":") for line in problems}
    return problems + [line for line in drift_problems(reference, result, skip | said)
                       if line.startswith("next page") or line.split(" ")[1].rstrip(":") not in said]


def day_and_month_swapped(expected: datetime, got: datetime) -> bool:
    """Whether ``got`` is ``expected`` with the day and month of its printed (local) date swapped,
    in some zone of the world (the page's own is not known here)."""
    for minutes in range(-14 * 60, 14 * 60 + 1, 15):
        local = expected + timedelta(minutes=minutes)
        try:
            swapped = local.replace(month=local.day, day=local.month)
        except ValueError:
            continue
        if swapped - timedelta(minutes=minutes) == got:
            return True
    return False


def can_catch_a_mismatch(page: Page) -> bool:
    """The page has posts by at least two authors: only then can a swapped author show."""
    return page.original.kind == "thread_page" and len({author_key(p.author) for p in page.original.posts} - {None}) >= 2


# --- Runs ----------------------------------------------------------------------------------------


@dataclass
class Finding:
    kind: str  # "exception", "parser failure", "slow", "author mismatch", "broken promise", "renumbered",
    # "silent drift", "silent cut", "wrong date", "signature", "sponsored", "near header",
    # "placeholder", "relative date"
    mutant: str
    detail: str


@dataclass
class Report:
    inputs: int = 0
    exceptions: int = 0
    parser_failures: int = 0
    slow: int = 0
    mismatches: int = 0
    broken: int = 0
    renumbered: int = 0
    drift: int = 0
    cuts: int = 0
    dates: int = 0
    signatures: int = 0
    sponsored: int = 0
    near_header: int = 0
    placeholders: int = 0
    relative: int = 0
    posts_compared: int = 0
    slowest: float = 0.0
    slowest_name: str = ""
    by_mutation: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"inputs:                 {self.inputs}",
            f"exceptions raised:      {self.exceptions}",
            f"parser failures caught: {self.parser_failures}",
            f"parses over {SLOW_SECONDS:g} s:       {self.slow}",
            f"author mismatches:      {self.mismatches}",
            f"broken promises:        {self.broken}",
            f"posts under a lost number (words and author kept together): {self.renumbered}",
            f"silent drift (theme changes: a post lost or changed, no error): {self.drift}",
            f"silent cuts (a page cut short: posts or its next page lost, no error): {self.cuts}",
            f"wrong dates (a language pack's dates: a post given another time, or its time lost with no error): {self.dates}",
            f"signatures (a post's author, time or words changed by its signature, no error): {self.signatures}",
            f"sponsored blocks (an ad in the post markup: a post changed or the ad read, no error): {self.sponsored}",
            f"other members near the header (a post's author, time, words or place changed, no error): {self.near_header}",
            f"hidden post placeholders (a post changed, or the placeholder given an author or time, no error): {self.placeholders}",
            f"relative dates (a recent post's date in the engine's relative words: another time, or lost with no error): {self.relative}",
            f"posts compared:         {self.posts_compared}",
            f"slowest parse:          {self.slowest:.2f} s ({self.slowest_name})",
        ]



# The checks of the mutations that keep every post (the Mutant flag that asks for one, the check,
# the Report counter it adds to, the findings' label); posts already counted as author mismatches or
# renumbered are left out of them.
POST_CHECKS = (("theme_drift", drift_problems, "drift", "silent drift"),
               ("unseen", unseen_problems, "drift", "silent drift"),
               ("signed", signature_problems, "signatures", "signature"),
               ("sponsored", sponsored_problems, "sponsored", "sponsored"),
               ("near_header", near_header_problems, "near_header", "near header"),
               ("placeholder", placeholder_problems, "placeholders", "placeholder"))


def check(mutant: Mutant, report: Report) -> PageResult | None:
    """Parse one mutant, add what went wrong to ``report``, and return the result (None if it raised)."""
    report.inputs += 1
    report.by_mutation[mutant.kind or mutant.mutation.split(" ")[0]] += 1
    # The parse's own CPU time (it runs in this thread): a busy machine (CI's two cores shared by
    # the test workers) stretches wall time past SLOW_SECONDS without the parse doing more work.
    start = time.thread_time()
    try:
        result = parse_page(mutant.body, mutant.url or mutant.page.url, mutant.captured_at or CAPTURED_AT,
                            content_type=mutant.content_type)
    except Exception as exc:  # noqa: BLE001 - counting them is the point
        report.exceptions += 1
        report.findings.append(Finding("exception", mutant.name, f"{type(exc).__name__}: {exc}"[:300]))
        return None
    seconds = time.thread_time() - start
    if seconds > report.slowest:
        report.slowest, report.slowest_name = seconds, mutant.name
    if seconds > SLOW_SECONDS:
        report.slow += 1
        report.findings.append(Finding("slow", mutant.name, f"{seconds:.1f} s"))
    said = " ".join(filter(None, [result.reason or "", *result.errors]))
    if any(marker in said for marker in PARSER_FAILURE_MARKERS):
        report.parser_failures += 1
        report.findings.append(Finding("parser failure", mutant.name, (result.reason or said)[:300]))
    mismatches, broken, renumbered = author_problems(mutant.page.original, result, mutant.keeps_posts)
    report.renumbered += len(renumbered)
    report.findings += [Finding("renumbered", mutant.name, r) for r in renumbered]
    report.posts_compared += len(result.posts) if mutant.page.original.kind == "thread_page" else 0
    report.mismatches += len(mismatches)
    report.broken += len(broken)
    report.findings += [Finding("author mismatch", mutant.name, m) for m in mismatches]
    report.findings += [Finding("broken promise", mutant.name, b) for b in broken]
    counted = {re.match(r"post (\S+)", line).group(1) for line in mismatches + renumbered}
    for flag, check, counter, label in POST_CHECKS:
        if getattr(mutant, flag):
            found = check(mutant.page.original, result, counted)
            setattr(report, counter, getattr(report, counter) + len(found))
            report.findings += [Finding(label, mutant.name, d) for d in found]
    if mutant.cut:
        cuts = cut_problems(mutant.page.original, result)
        report.cuts += len(cuts)
        report.findings += [Finding("silent cut", mutant.name, c) for c in cuts]
    if mutant.translated:
        dates = date_problems(mutant.page.original, result, mutant.language_declared)
        report.dates += len(dates)
        report.findings += [Finding("wrong date", mutant.name, d) for d in dates]
    if mutant.relative:
        page = mutant.page
        reference = parse_page(page.body, page.url, mutant.captured_at, content_type=page.content_type)
        relative = relative_date_problems(reference, result, counted)
        report.relative += len(relative)
        report.findings += [Finding("relative date", mutant.name, d) for d in relative]
    return result


def mutants(pages: list[Page], count: int, seed: int, names: list[str] | None = None):
    """``count`` mutants, seeded: page and mutation drawn in turn (forum pages twice as often)."""
    rng = random.Random(seed)
    forum = [p for p in pages if p.original.kind == "thread_page"]
    weighted = pages + forum
    names = names or list(MUTATIONS)
    made = 0
    while made < count:
        page = rng.choice(weighted)
        name = rng.choice(names)
        mutant = MUTATIONS[name](page, rng)
        if mutant is not None:
            mutant.kind = name
            made += 1
            yield mutant


def run(pages: list[Page], count: int, seed: int, names: list[str] | None = None, progress=None) -> Report:
    report = Report()
    for index, mutant in enumerate(mutants(pages, count, seed, names), start=1):
        check(mutant, report)
        if progress and index % 500 == 0:
            progress(f"{index} inputs, {report.exceptions} exceptions, {report.parser_failures} failures, "
                     f"{report.slow} slow, {report.mismatches} mismatches")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=2000, help="how many mutated pages to parse")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mutation", "--mutations", action="append", type=_mutation_names,
                        help="only these mutations (repeat it, or give several split by commas): "
                             + ", ".join(sorted(MUTATIONS)))
    parser.add_argument("--no-real", action="store_true", help="leave out ../shared/fixtures/real")
    parser.add_argument("--show", type=int, default=20, help="findings to print")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pages = load_pages(with_real=not args.no_real)
    print(f"{len(pages)} pages ({sum(can_catch_a_mismatch(p) for p in pages)} with posts by two authors or more)")
    names = [name for group in args.mutation for name in group] if args.mutation else None
    report = run(pages, args.inputs, args.seed, names, progress=lambda line: print(line, flush=True))
    print("\n".join(report.lines()))
    print(f"seconds:                {time.perf_counter() - started:.0f}")
    print("by mutation:            " + ", ".join(f"{k} {v}" for k, v in sorted(report.by_mutation.items())))
    for finding in report.findings[:args.show]:
        print(f"- {finding.kind}: {finding.mutant}: {finding.detail}")
    failed = (report.exceptions + report.parser_failures + report.slow + report.mismatches + report.broken
              + report.drift + report.cuts + report.dates + report.signatures + report.sponsored
              + report.near_header + report.placeholders + report.relative)
    return 1 if failed else 0


def _mutation_names(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in MUTATIONS]
    if unknown:
        raise argparse.ArgumentTypeError(f"no mutation {', '.join(unknown)} (there are: {', '.join(sorted(MUTATIONS))})")
    return names


if __name__ == "__main__":
    sys.exit(main())
