"""parsers/markup.py ``language_tag`` and ``page_language``: the language a page declares, which its
printed dates are read in (month names, and the day/month order of "03/05/2011").

An XHTML page may declare it in ``xml:lang`` alone (phpBB 3.0's prosilver prints both ``lang`` and
``xml:lang``; a theme or a saved copy may keep only the second), or in a
``<meta http-equiv="Content-Language">``. libxml2's HTML parser keeps ``xml:lang`` as an attribute
of that name, prefix and all, so the XPath ``@xml:lang`` and the namespaced name never found it:
such a page was read as English. The fixtures' expected values were read from their markup by hand
(each file's header comment gives them).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.markup import language_tag, page_language
from parsers.registry import build_tree, parse_page

UTC = timezone.utc
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("html, tag", [
    ('<html lang="cs-CZ">', "cs-cz"),
    ('<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="cs-CZ">', "cs-cz"),
    ('<html lang=" en-GB ">', "en-gb"),
    ('<html lang="" xml:lang="de">', "de"),
    ('<html><head><meta http-equiv="Content-Language" content="pl, en"><title>t</title></head>', "pl"),
    ("<html>", None),
])
def test_the_declared_language_is_read_wherever_the_page_declares_it(html, tag):
    root = build_tree(f"{html}<head><title>t</title></head><body><p>x</p></body></html>")
    assert language_tag(root) == tag
    assert page_language(root) == (tag.split("-")[0] if tag else None)


def declared_in_xml_lang_only(path: str) -> bytes:
    """The fixture with its ``<html lang="...">`` written as ``xml:lang`` alone."""
    body = (DATA / path).read_bytes()
    start = body.index(b"<html")
    end = body.index(b">", start)
    tag = body[start:end]
    if b"xml:lang=" in tag:
        tag = tag.replace(b' lang="', b' data-lang="')
    else:
        tag = tag.replace(b' lang="', b' xml:lang="')
    assert b' lang="' not in tag and b"xml:lang=" in tag
    return body[:start] + tag + body[end:]


def test_a_czech_page_declaring_xml_lang_alone_keeps_its_dates():
    """phpBB 3.0 in Czech: "12 led 2010 15:27" at UTC + 1 is post 8201's time, 14:27 UTC. Read as
    English, no post of the page had a time."""
    url = "https://keramika.example/viewtopic.php?f=2&t=77"
    result = parse_page(declared_in_xml_lang_only("field_edit_notices/phpbb30_czech_plain_editor.html"), url, CAPTURED)
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    assert [(p.post_id, p.published_at) for p in result.posts] == [
        ("8201", datetime(2010, 1, 12, 14, 27, tzinfo=UTC)), ("8202", datetime(2010, 1, 13, 7, 10, tzinfo=UTC))]


def test_a_french_page_declaring_xml_lang_alone_reads_its_day_first():
    """vBulletin in French prints "03/05/2011" for the 3rd of May; read as English, it was the 5th
    of March, silently."""
    body = declared_in_xml_lang_only("field_vbulletin/message_additions.html")
    result = parse_page(body, "https://forum.example/showthread.php?t=70", CAPTURED)
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert [p.published_at.date() for p in result.posts][:2] == [datetime(2011, 5, 3).date(), datetime(2011, 5, 4).date()]
