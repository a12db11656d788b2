"""parsers.forumotion: the versions a Forumotion board can pick, on hand-written pages and one real page.

The fixtures are the loopback site in tests/data/forumotion_site/ (hand-written from Forumotion's
default viewtopic_body templates; each file says which): topic 7 in the phpBB2 version over two
pages (German, 15 posts a page, the "Gesponserte Inhalte" block after the first post), topic 12 in
ModernBB (French), topic 20 in phpBB3 (English), topic 30 in PunBB (English) and topic 40 in
Invision (German); the AwesomeBB version has its own fixtures and tests
(tests/test_parsers_forumotion_awesomebb.py). The real page is the Invision-version topic of
wolfsrebellen-netz.forumieren.com in ../shared/fixtures/real (skipped when absent). Every expected
value below was read off the pages by hand.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA, REAL_FIXTURES
from parsel import Selector

from parsers import forumotion
from parsers.forumotion import ZONE_ERROR
from parsers.html_text import decode_body
from parsers.registry import ENGINES, build_tree, detect_engine, parse_page

SITE = DATA / "forumotion_site"
BASE = "https://rudel.forumieren.com"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
REAL = REAL_FIXTURES / "forumotion" / "wolfsrebellen-netz-t7.html"
needs_shared = pytest.mark.skipif(not REAL.is_file(), reason="../shared/fixtures/real is absent")


def served(path: str) -> bytes:
    """A fixture page as the loopback server sends it (its {{BASE_URL}} made the site's address)."""
    return (SITE / path.strip("/") / "index.html").read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE).encode()


def page(path: str, captured: datetime = CAPTURED):
    return parse_page(served(path), BASE + path, captured, content_type="text/html; charset=utf-8")


def at(*fields) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def tree(quotes) -> list:
    """Quotes as (author, citation, text, [nested]) tuples."""
    return [(q.author, q.citation, q.text, tree(q.quotes)) for q in quotes]


@pytest.fixture(scope="module")
def phpbb2_1():
    return page("/t7-forums-regeln")


@pytest.fixture(scope="module")
def phpbb2_2():
    return page("/t7p15-forums-regeln")


@pytest.fixture(scope="module")
def modernbb():
    return page("/t12-le-col-de-givre")


@pytest.fixture(scope="module")
def phpbb3():
    return page("/t20-winter-gear")


@pytest.fixture(scope="module")
def invision():
    return page("/t40-fuetterung")


# --- phpBB2 version: two pages, German ----------------------------------------------------------


def test_phpbb2_first_page_thread_and_pagination(phpbb2_1):
    result = phpbb2_1
    assert (result.kind, result.engine, result.errors) == ("thread_page", "forumotion", [ZONE_ERROR])
    thread = result.thread
    assert (thread.id, thread.title, thread.url) == ("7", "Forums-Regeln", f"{BASE}/t7-forums-regeln")
    assert thread.forum == ["Bekanntmachungen", "Rudelregeln"]
    assert (thread.page, thread.page_count) == (1, 2)
    assert result.next_page_url == f"{BASE}/t7p15-forums-regeln"
    assert result.canonical_url == f"{BASE}/t7-forums-regeln"
    assert (thread.starter.name, thread.starter.id, thread.started_at) == ("Wolfsherz", "2", at(2024, 5, 12, 10, 12))


def test_phpbb2_sponsored_block_is_not_a_post(phpbb2_1):
    ids = [p.post_id for p in phpbb2_1.posts]
    assert ids == [str(n) for n in range(101, 116)]  # 15 posts; p0 ("Gesponserte Inhalte") left out
    assert [p.position for p in phpbb2_1.posts] == list(range(1, 16))
    assert not any("Gesponserte" in (p.author.name or "") or "Lebensversicherung" in p.text for p in phpbb2_1.posts)


def test_phpbb2_opening_post_link_and_signature(phpbb2_1):
    post = phpbb2_1.posts[0]
    assert (post.author.name, post.author.id, post.author.url) == ("Wolfsherz", "2", f"{BASE}/u2")
    assert post.published_at == at(2024, 5, 12, 10, 12)
    assert post.url == f"{BASE}/t7-forums-regeln#101"
    assert post.text == ("Willkommen im Rudel!\n\nBitte lest die Netiquette, bevor ihr schreibt."
                         " Streit wird unter den Beteiligten geklärt.")
    assert "Ein Wolf heult nie allein" not in post.text and "Ein Wolf heult nie allein" not in post.html
    assert [(l.url, l.text) for l in post.links] == [("https://regeln.example/netiquette", "Netiquette")]


def test_phpbb2_guest_post(phpbb2_1):
    guest = phpbb2_1.posts[2]
    assert (guest.post_id, guest.author.name, guest.author.id, guest.author.url) == ("103", "Wanderer", None, None)
    assert guest.published_at == at(2024, 5, 12, 12, 2)


def test_phpbb2_nested_german_quotes_and_edit_line(phpbb2_1):
    quoting = phpbb2_1.posts[1]
    assert tree(quoting.quotes) == [("Wolfsherz", "Wolfsherz hat folgendes geschrieben:",
                                     "Streit wird unter den Beteiligten geklärt.", [])]
    assert quoting.text == "Einverstanden, das gilt auch für die Plauderecke."
    post = phpbb2_1.posts[3]
    assert tree(post.quotes) == [
        ("Nachtwind", "Nachtwind hat folgendes geschrieben:", "Einverstanden, das gilt auch für die Plauderecke.",
         [("Wolfsherz", "Wolfsherz hat folgendes geschrieben:", "Streit wird unter den Beteiligten geklärt.", [])])]
    assert post.text == "Gäste dürfen mitlesen, schreiben nur im Gästebuch."
    assert (post.edited_by, post.edited_at) == ("lupa", at(2024, 5, 13, 8, 40))
    assert "bearbeitet" not in post.text


def test_phpbb2_yesterday(phpbb2_1):
    last = phpbb2_1.posts[-1]
    assert (last.post_id, last.author.name, last.published_at) == ("115", "Nachtwind", at(2024, 5, 31, 23, 10))


def test_phpbb2_second_page(phpbb2_2):
    result = phpbb2_2
    assert (result.kind, result.errors) == ("thread_page", [ZONE_ERROR])
    assert (result.thread.id, result.thread.url, result.thread.page, result.thread.page_count) == (
        "7", f"{BASE}/t7-forums-regeln", 2, 2)
    assert result.next_page_url is None
    assert result.thread.starter is None  # the opening post is on page 1
    assert [(p.post_id, p.position, p.position_on_page, p.author.name) for p in result.posts] == [
        ("116", 16, 1, "Wolfsherz"), ("117", 17, 2, "lupa"), ("118", 18, 3, "Wanderer"), ("119", 19, 4, "Graufell")]
    assert [p.published_at for p in result.posts] == [
        at(2024, 6, 1, 9, 5), at(2024, 6, 1, 10, 12), at(2024, 6, 1, 11, 2), at(2024, 6, 1, 11, 47)]  # "Heute um"


def test_phpbb2_picture_smiley_and_attachment(phpbb2_2):
    post = phpbb2_2.posts[1]
    assert [(i.url, i.text) for i in post.images] == [
        ("https://i.servimg.com/u/f39/18/56/19/19/revier10.jpg", "Revierkarte")]  # the smiley left out
    assert [(a.url, a.text) for a in post.attachments] == [(f"{BASE}/download?id=17", "rudelkarte.pdf")]
    assert post.text == "Hier die Karte unseres Reviers:\n\nDie Karte hängt auch als PDF an."
    assert "gez. Admin lupa" not in post.text  # the signature
    assert phpbb2_2.posts[2].author.id is None  # the guest again


# --- ModernBB version: French, relative dates ---------------------------------------------------


def test_modernbb_thread(modernbb):
    assert (modernbb.kind, modernbb.engine) == ("thread_page", "forumotion")
    thread = modernbb.thread
    assert (thread.id, thread.title, thread.forum) == ("12", "Le col de Givre", ["Le monde", "Les montagnes du nord"])
    assert (thread.page, thread.page_count, modernbb.next_page_url) == (1, 1, None)
    assert [p.post_id for p in modernbb.posts] == ["201", "202", "203", "204", "205"]  # "Contenu sponsorisé" skipped


def test_modernbb_dates_relative_and_yearless(modernbb):
    assert [p.published_at for p in modernbb.posts] == [
        at(2024, 5, 31, 19, 36), at(2024, 5, 31, 22, 1), at(2024, 6, 1, 10, 12), at(2024, 6, 1, 11, 30), None]
    # "Sam 1 Juin - 11:45": the year is not printed, so it is not guessed.
    assert modernbb.errors == ["post 205: publication time printed without a year: 'Sam 1 Juin - 11:45'", ZONE_ERROR]


def test_modernbb_opening_post_picture_and_link(modernbb):
    post = modernbb.posts[0]
    assert (post.author.name, post.author.id) == ("Rol-Vunshi", "3")
    assert post.text == "Le col de Givre ferme aux premières neiges.\n\nVoir aussi les règles du rudel avant de partir."
    assert [(i.url, i.text) for i in post.images] == [
        ("https://i.servimg.com/u/f12/11/22/33/44/col_de10.jpg", "Le col sous la neige")]
    assert [(l.url, l.text) for l in post.links] == [(f"{BASE}/t7-forums-regeln", "les règles du rudel")]
    assert "tribun des cols" not in post.text


def test_modernbb_french_quotes_edit_and_guest(modernbb):
    edited = modernbb.posts[1]
    assert tree(edited.quotes) == [("Rol-Vunshi", "Rol-Vunshi a écrit:", "Le col de Givre ferme aux premières neiges.", [])]
    assert (edited.edited_by, edited.edited_at) == ("Mulos", at(2024, 6, 1, 9, 20))  # "le Aujourd'hui à 09:20"
    guest = modernbb.posts[2]
    assert (guest.author.name, guest.author.id, guest.author.url) == ("Voyageur", None, None)
    nested = modernbb.posts[3]
    assert tree(nested.quotes) == [("Mulos", "Mulos a écrit:", "Et il rouvre quand la glace fond.", [
        ("Rol-Vunshi", "Rol-Vunshi a écrit:", "Le col de Givre ferme aux premières neiges.", [])])]
    assert nested.text == "Exactement, et les Linnorms dorment encore à ce moment-là."


# --- phpBB3 and Invision versions, PunBB unread -------------------------------------------------


def test_phpbb3_english(phpbb3):
    assert (phpbb3.kind, phpbb3.errors) == ("thread_page", [ZONE_ERROR])
    assert (phpbb3.thread.id, phpbb3.thread.title, phpbb3.thread.forum) == ("20", "Winter gear", ["Outdoors", "Equipment"])
    first, second = phpbb3.posts
    assert (first.author.name, first.author.id, first.published_at) == ("Skadi", "3", at(2024, 5, 27, 19, 45))
    assert (first.edited_by, first.edited_at) == ("Skadi", at(2024, 5, 27, 20, 2))
    assert first.text == "Which boots do you wear above the tree line?\nMine leak at the seams."
    assert (second.author.name, second.author.id, second.published_at) == ("Passer-by", None, at(2024, 6, 1, 10, 12))
    assert tree(second.quotes) == [("Skadi", "Skadi wrote:", "Mine leak at the seams.", [])]
    assert second.text == "Wax the seams twice a season; it works for me."


def test_invision_german(invision):
    assert (invision.kind, invision.errors) == ("thread_page", [ZONE_ERROR])
    assert (invision.thread.id, invision.thread.title, invision.thread.forum) == (
        "40", "Fütterung im Winter", ["Wildtiere", "Fütterung"])
    first, second = invision.posts
    assert (first.author.name, first.author.id, first.published_at) == ("lupa", "1", at(2024, 5, 30, 8, 15))
    assert (first.edited_by, first.edited_at) == ("lupa", at(2024, 5, 30, 9, 0))
    assert first.text == "Wer füttert dieses Jahr an der Nordhütte?"
    assert (second.author.name, second.author.id, second.published_at) == ("Jäger aus dem Tal", None, at(2024, 6, 1, 9, 5))
    assert tree(second.quotes) == [("lupa", "lupa hat folgendes geschrieben:", "Wer füttert dieses Jahr an der Nordhütte?", [])]


def test_punbb_english():
    result = page("/t30-trail-log")
    assert (result.kind, result.engine, result.errors) == ("thread_page", "forumotion", [ZONE_ERROR])
    assert (result.thread.id, result.thread.title, result.thread.forum) == ("30", "Trail log", ["Outdoors", "Trip reports"])
    first, second = result.posts  # the "Sponsored content" block between them left out
    assert (first.post_id, first.author.name, first.author.id, first.published_at) == (
        "401", "Skadi", "3", at(2024, 5, 27, 19, 45))
    assert (first.edited_by, first.edited_at) == ("Skadi", at(2024, 5, 28, 6, 0))
    assert first.text == "Day one: snow above the lake, tracks of a lynx by the hut."  # no signature
    assert (second.post_id, second.author.name, second.published_at) == ("402", "Bjorn", at(2024, 5, 31, 21, 15))
    assert tree(second.quotes) == [("Skadi", "Skadi wrote:", "tracks of a lynx by the hut.", [])]
    assert second.text == "Saw them too on Thursday."


def test_a_board_template_no_version_prints_is_unsupported():
    body = served("/t12-le-col-de-givre").replace(b'class="postbody"', b'class="corps"')
    result = parse_page(body, BASE + "/t12-le-col-de-givre", CAPTURED)
    assert (result.kind, result.engine, result.posts) == ("unsupported", "forumotion", [])
    assert "own template" in result.reason  # all six versions' default templates are read (AwesomeBB: its own tests)


def test_one_block_no_template_prints_is_skipped_with_an_error():
    # Post 203's block lost its head (a theme's edit, a torn page): it fits no template, and is not guessed at.
    text = served("/t12-le-col-de-givre").decode()
    head = text.index('<div class="post-head">', text.index('<div id="p203"'))
    text = text[:head] + '<div class="head">' + text[head + len('<div class="post-head">'):]
    result = parse_page(text.encode(), BASE + "/t12-le-col-de-givre", CAPTURED)
    assert [p.post_id for p in result.posts] == ["201", "202", "204", "205"]
    assert "post 203: its block fits no Forumotion version's template; post skipped" in result.errors


def test_every_result_fits_the_schema(phpbb2_1, phpbb2_2, modernbb, phpbb3, invision):
    for result in (phpbb2_1, phpbb2_2, modernbb, phpbb3, invision, page("/t30-trail-log")):
        jsonschema.validate(result.to_dict(), SCHEMA)


def test_registered_and_detected_strictly():
    assert "forumotion" in ENGINES
    for path in ("/t7-forums-regeln", "/t12-le-col-de-givre", "/t20-winter-gear", "/t40-fuetterung", "/t30-trail-log"):
        doc = Selector(root=build_tree(decode_body(served(path))), type="html")
        assert detect_engine(doc) == "forumotion", path
    # The post--N class alone is a plain class name (a BEM modifier): without Forumotion's scripts
    # and assets it is not Forumotion, nor with an id of another number.
    for bare in ('<html><body><div class="post post--1"><div class="postbody"><div>Hi</div></div></div></body></html>',
                 '<html><body><div id="p2" class="post post--1"><div class="postbody"><div>Hi</div></div></div></body></html>'):
        assert not forumotion.detect(Selector(root=build_tree(bare), type="html"))
    # Its number paired with the block's id (pN), as every Forumotion template prints it, is: a copy
    # of a topic saved without its scripts (it was "no parser recognises this page").
    paired = '<html><body><div id="p1" class="post post--1"><div class="postbody"><div>Hi</div></div></div></body></html>'
    assert forumotion.detect(Selector(root=build_tree(paired), type="html"))


# --- The real page --------------------------------------------------------------------------------


@needs_shared
def test_real_wolfsrebellen_page():
    url = "https://wolfsrebellen-netz.forumieren.com/t7-forums-regeln"
    result = parse_page(REAL.read_bytes(), url, CAPTURED)
    assert (result.kind, result.engine, result.errors) == ("thread_page", "forumotion", [ZONE_ERROR])
    assert (result.thread.id, result.thread.title, result.thread.url) == ("7", "Forums-Regeln", url)
    assert result.thread.forum == ["Bekanntmachung - Copyright - Wegweiser", "Wolfsrebellen - Wegweiser", "Forums-Regeln"]
    # Three posts by lupa; the fourth block, p0 "Gesponserte Inhalte", is an advert.
    assert [(p.post_id, p.author.name) for p in result.posts] == [("7", "lupa"), ("655", "lupa"), ("702", "lupa")]
    # "am 26/10/13, 03:48 pm": no zone on the page, the wall-clock time kept as UTC (as phpBB and SMF do).
    assert [p.published_at for p in result.posts] == [
        at(2013, 10, 26, 15, 48), at(2014, 5, 26, 7, 41), at(2014, 5, 30, 23, 17)]
    assert result.posts[0].text.startswith("Forums - Regeln\n\nWir pflegen hier ein sehr freundschaftliches")
    assert result.posts[2].text.startswith("30.05.2014 23:07:56 ]b]3. Nachtrag[/b]")
    assert "ich bin nicht da" not in result.posts[2].text  # its signature
    assert result.posts[2].images == []  # only a smiley (longdesc) in the post
    assert result.next_page_url is None and (result.thread.page, result.thread.page_count) == (1, 1)
    jsonschema.validate(result.to_dict(), SCHEMA)
