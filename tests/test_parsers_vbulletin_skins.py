"""parsers.vbulletin on hand-written pages of third-party vBulletin 3/4 skins (tests/data/vbulletin_skins/,
one page per skin and variant, each naming the public source it follows and its expected values).

Every expected value below was read off the fixture's markup by hand: post ids from
``post_message_N``, authors from the name markup, times from the printed date in the footer's zone
(relative days against the capture time), own words from the message less its quotes.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
SKINS = DATA / "vbulletin_skins"
# Read right only from the tree a browser builds: kept with the other pages written broken on purpose,
# which the fuzzer leaves out (bench/fuzz_parsers.py, page_files).
SELF_CLOSED = DATA / "broken_markup" / "vbulletin_forocoches_self_closed_message.html"


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=timezone.utc)


def parse(name: str, url: str):
    return parse_page((SKINS / name).read_bytes(), url, CAPTURED)


def test_a_self_closed_message_box_keeps_its_words():
    """broken_markup/vbulletin_forocoches_self_closed_message.html: the style writes ``<div id="post_message_N" />words</div>``.
    libxml2 closes that div empty, the words after it; a browser puts them inside. Before: every
    post read with no words (and post 8002's quote lost), no error. Now the posts are read from the
    browser's tree, and the page says so."""
    result = parse_page(SELF_CLOSED.read_bytes(), "https://foro.example/showthread.php?t=6061", CAPTURED)
    assert (result.kind, result.engine, result.errors) == ("thread_page", "vbulletin", [])
    assert "html5lib" in (result.reason or "")
    assert (result.thread.id, result.thread.title) == ("6061", "Bomba para estanque")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("8001", 1, "Lirio Azul", "310", at(2016, 3, 14, 12, 16)),  # GMT +1
        ("8002", 2, "Carpa Roja", "522", at(2024, 5, 31, 22, 10)),  # "Ayer, 23:10"
        ("8003", 3, "Lirio Azul", "310", at(2024, 6, 1, 12, 45)),  # "Hoy, 13:45"
    ]
    assert [p.text for p in result.posts] == [
        "Busco una bomba de 3000 litros por hora para el estanque.",
        "Yo tengo una de 2500 y va sobrada.",
        "Gracias, la pido hoy mismo.",
    ]
    assert [(q.author, q.post_id, q.text) for q in result.posts[1].quotes] == [
        ("Lirio Azul", "8001", "Busco una bomba de 3000 litros por hora")]
    assert (result.posts[2].edited_by, result.posts[2].edited_at) == ("Lirio Azul", at(2024, 6, 1, 12, 50))


def test_a_self_closed_message_box_is_said_where_the_browser_tree_is_not_read():
    """The same page read from libxml2's tree alone (``parsers.vbulletin.parse``, no second
    reading): no post is given empty words; each is named as skipped, a loss the crawl reports."""
    from parsel import Selector

    from parsers import vbulletin

    body = SELF_CLOSED.read_text(encoding="utf-8")
    result = vbulletin.parse(Selector(text=body), "https://foro.example/showthread.php?t=6061", CAPTURED)
    assert result.kind == "thread_page" and result.posts == []
    assert [error for error in result.errors if error.endswith("; post skipped")] == [
        f"post {post_id}: its message box div#post_message_{post_id} is written self-closed (<div … />),"
        " its words after it; post skipped" for post_id in ("8001", "8002", "8003")]
    assert result.thread.id == "6061"


def test_an_empty_message_box_of_the_stock_template_is_no_self_closed_one():
    """An empty ``<div id="post_message_N"></div>`` followed by the stock ``<!-- / message -->``
    comment (a post whose words were all an embed the board stripped) is read as it stands, from
    libxml2's tree: not skipped, no error about its box (the other two posts stay self-closed)."""
    from parsel import Selector

    from parsers import vbulletin

    body = SELF_CLOSED.read_text(encoding="utf-8").replace(
        '<div id="post_message_8001" />Busco una bomba de 3000 litros por hora para el estanque.</div>',
        '<div id="post_message_8001"></div>')
    result = vbulletin.parse(Selector(text=body), "https://foro.example/showthread.php?t=6061", CAPTURED)
    assert [(p.post_id, p.author.name, p.text) for p in result.posts] == [("8001", "Lirio Azul", "")]
    assert [error.split(":")[0] for error in result.errors if error.endswith("; post skipped")] == [
        "post 8002", "post 8003"]
    assert not any("8001" in error for error in result.errors)


def test_a_restyled_edit_note_is_read_after_the_templates_comment():
    """vb3_restyled_edit_note.html: the style prints the note in its own ``div.editnote > i``
    between the stock ``<!-- edit note -->`` comments. Before: posts 9102 and 9103 read as never
    edited, with no error. Now 9102's note is read, and 9103's, in words no rule reads, is said."""
    result = parse("vb3_restyled_edit_note.html", "https://wet.example/showthread.php?t=910")
    assert (result.kind, result.thread.id, result.thread.title) == ("thread_page", "910", "Reed bed filter")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("9101", 1, "Reed Warbler", "61", at(2016, 3, 6, 15, 45)),  # GMT -5
        ("9102", 2, "Marsh Tit", "77", at(2016, 3, 8, 1, 30)),
        ("9103", 3, "Reed Warbler", "61", at(2016, 3, 8, 16, 5)),
    ]
    assert [(p.edited_at, p.edited_by) for p in result.posts] == [
        (None, None), (at(2016, 3, 8, 14, 20), "Marsh Tit"), (None, None)]
    assert result.errors == [
        "post 9103: the edit notice's time and editor are not read: 'Last edited by a moderator on March 9'"]
    assert [p.text for p in result.posts][1:] == ["Forty centimetres of pea gravel works for mine.",
                                                  "Thanks, gravel ordered."]
