"""parsers.fluxbb on hand-written pages of FluxBB 1.5 and PunBB 1.2 / 1.3-1.4.

The fixtures: topic 5 of the loopback site tests/data/fluxbb_site/ (FluxBB 1.5, style Air, French,
three pages) and two single pages in tests/data/fluxbb/ (PunBB 1.2 Oxygen in English, PunBB 1.3/1.4
in German). Each file says which public templates it follows. Every expected value below was read
off the fixture's markup by hand.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA
from parsel import Selector

from parsers import fluxbb
from parsers.registry import ENGINES, build_tree, detect_engine, parse_page

SITE = DATA / "fluxbb_site" / "topic-5"
PAGES = DATA / "fluxbb"
BASE = "https://bassins.example.fr/forum"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc
SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
ZONE_NOTE = ("printed times read as UTC: the page does not say which zone it prints them in (FluxBB and PunBB"
             " print them in the viewer's zone)")


def parse(path: Path, url: str):
    """The page read by this engine (which engine the registry picks is tested on its own, below)."""
    return parse_page(path.read_bytes(), url, CAPTURED, content_type="text/html; charset=utf-8", engine="fluxbb")


def tree(quotes) -> list:
    """Quotes as (author, citation, text, [nested]) tuples."""
    return [(q.author, q.citation, q.text, tree(q.quotes)) for q in quotes]


@pytest.fixture(scope="module")
def page1():
    return parse(SITE / "page-1.html", f"{BASE}/viewtopic.php?id=5")


@pytest.fixture(scope="module")
def page2():
    return parse(SITE / "page-2.html", f"{BASE}/viewtopic.php?id=5&p=2")


@pytest.fixture(scope="module")
def page3():
    return parse(SITE / "page-3.html", f"{BASE}/viewtopic.php?id=5&p=3")


@pytest.fixture(scope="module")
def punbb12():
    return parse(PAGES / "punbb12_oxygen.html", "http://reed.example.net/viewtopic.php?id=77&p=2")


@pytest.fixture(scope="module")
def punbb13():
    return parse(PAGES / "punbb13_german.html", "https://teich.example.de/forum/viewtopic.php?id=12")


# --- FluxBB 1.5 (Air, French) ------------------------------------------------------------------


def test_the_topic_its_forum_and_its_pages(page1, page2, page3):
    for number, result in enumerate((page1, page2, page3), start=1):
        assert (result.kind, result.engine) == ("thread_page", "fluxbb")
        thread = result.thread
        assert (thread.id, thread.title) == ("5", "Bassin qui fuit après l'hiver")
        assert thread.url == f"{BASE}/viewtopic.php?id=5"
        assert thread.forum == ["Index", "Jardin aquatique"]
        assert (thread.page, thread.page_count) == (number, 3)
    assert page1.next_page_url == f"{BASE}/viewtopic.php?id=5&p=2"
    assert page2.next_page_url == f"{BASE}/viewtopic.php?id=5&p=3"
    assert page3.next_page_url is None


def test_posts_numbers_and_permalinks(page1, page2, page3):
    posts = page1.posts + page2.posts + page3.posts
    assert [p.post_id for p in posts] == ["101", "102", "103", "104", "105", "106", "107", "108"]
    assert [p.position for p in posts] == [1, 2, 3, 4, 5, 6, 7, 8]  # the "#N" of each post's head
    assert [p.position_on_page for p in page2.posts] == [1, 2, 3]
    assert page2.posts[0].url == f"{BASE}/viewtopic.php?pid=104#p104"


def test_members_and_a_guest(page1, page3):
    member, guest, moderator = (p.author for p in page1.posts)
    assert (member.name, member.id, member.url) == ("Élodie", "2", f"{BASE}/profile.php?id=2")
    assert (guest.name, guest.id, guest.url) == ("Visiteur Paul", None, None)
    assert (moderator.name, moderator.id) == ("Marc", "3")
    assert (page3.posts[1].author.name, page3.posts[1].author.id) == ("Anonyme", None)
    assert page1.thread.starter == member
    assert page1.thread.started_at == datetime(2024, 3, 2, 9, 15, tzinfo=UTC)


def test_times_are_read_as_utc_and_the_page_says_so(page1, page3):
    assert [p.published_at for p in page1.posts] == [
        datetime(2024, 3, 2, 9, 15, tzinfo=UTC), datetime(2024, 3, 2, 11, 40, 12, tzinfo=UTC),
        datetime(2024, 3, 3, 8, 5, 44, tzinfo=UTC)]
    assert page1.errors == [ZONE_NOTE]


def test_hier_and_aujourdhui_are_read_against_the_capture_time(page3):
    # "Hier 22:01:33" and "Aujourd'hui 10:12:00", captured on 2024-06-01 at 12:00 UTC.
    assert [p.published_at for p in page3.posts] == [
        datetime(2024, 5, 31, 22, 1, 33, tzinfo=UTC), datetime(2024, 6, 1, 10, 12, tzinfo=UTC)]


def test_a_quote_is_left_out_of_the_posters_words(page1):
    post = page1.posts[2]
    assert post.text == "C'est beaucoup. Faites le test du seau."
    assert tree(post.quotes) == [("Élodie", "Élodie a écrit :",
                                  "mon bassin perd deux centimètres par jour depuis le gel.", [])]
    assert "Marc — bassin" not in post.text and "Marc — bassin" not in post.html  # the signature
    assert "mon bassin perd" in post.html  # the html shows the quote, as the page does


def test_nested_quotes_and_the_edit_notice(page2):
    post = page2.posts[0]
    assert tree(post.quotes) == [("Visiteur Paul", "Visiteur Paul a écrit :", "Vérifiez la bâche.",
                                  [("Élodie", "Élodie a écrit :", "Une idée ?", [])])]
    assert post.text == "Paul a raison : la bâche d'abord, la pompe ensuite."
    assert (post.edited_by, post.edited_at) == ("Marc", datetime(2024, 3, 4, 19, 2, 10, tzinfo=UTC))
    assert "Dernière modification" not in post.html


def test_an_image_a_link_and_a_signature(page2):
    post = page2.posts[1]
    assert [(i.url, i.text) for i in post.images] == [("http://images.example.org/bache-dechiree.jpg", "bâche déchirée")]
    assert [(link.url, link.text) for link in post.links] == [
        ("http://boutique.example.org/kit-epdm", "la boutique du bassin")]  # not the signature's blog
    assert post.text == ("Trouvé : une déchirure sous la troisième pierre. Photo :\n\n"
                         "Kit de réparation commandé chez la boutique du bassin.")
    assert "mon blog" not in post.html


def test_smileys_are_not_images(page1):
    assert page1.posts[1].images == []
    assert page1.posts[1].text == "Vérifiez la bâche près des pierres du bord"


# --- PunBB 1.2 (Oxygen, English) ---------------------------------------------------------------


def test_punbb12_topic_and_pages(punbb12):
    assert (punbb12.kind, punbb12.engine) == ("thread_page", "fluxbb")
    thread = punbb12.thread
    assert (thread.id, thread.title, thread.forum) == ("77", "Pump hums but no flow", ["Index", "Pumps and filters"])
    assert thread.url == "http://reed.example.net/viewtopic.php?id=77"
    assert (thread.page, thread.page_count) == (2, 2)
    assert punbb12.next_page_url is None
    assert [(p.post_id, p.position) for p in punbb12.posts] == [("9001", 26), ("9002", 27)]


def test_punbb12_incqbox_quotes_nest(punbb12):
    post = punbb12.posts[0]
    assert tree(post.quotes) == [("newt_nora", "newt_nora wrote:", "Sounds like a stuck impeller.",
                                  [("heron_hal", "heron_hal wrote:", "It hums for a second and stops.", [])])]
    assert post.text == "It was the impeller. Cleaned it and it runs."
    assert "pond log" not in post.text and post.links == []  # the signature


def test_punbb12_today_and_yesterday(punbb12):
    post, guest = punbb12.posts
    assert post.published_at == datetime(2024, 5, 31, 20, 47, 30, tzinfo=UTC)
    assert (post.edited_by, post.edited_at) == ("heron_hal", datetime(2024, 6, 1, 8, 2, 11, tzinfo=UTC))
    assert guest.published_at == datetime(2024, 6, 1, 9, 15, 2, tzinfo=UTC)
    assert (guest.author.name, guest.author.id, guest.author.url) == ("drifter", None, None)
    assert [(i.url, i.text) for i in guest.images] == [("http://pumps.example.com/impeller.jpg",
                                                        "http://pumps.example.com/impeller.jpg")]
    assert [link.url for link in guest.links] == ["http://pumps.example.com/impeller-guide"]


# --- PunBB 1.3/1.4 (German) --------------------------------------------------------------------


def test_punbb13_topic_from_the_crumbs_and_paging(punbb13):
    assert (punbb13.kind, punbb13.engine) == ("thread_page", "fluxbb")
    thread = punbb13.thread
    assert (thread.id, thread.title) == ("12", "Teichfolie kleben")
    assert thread.forum == ["Gartenteich-Forum", "Bau und Technik"]
    assert (thread.page, thread.page_count) == (1, 2)
    assert punbb13.next_page_url == "https://teich.example.de/forum/viewtopic.php?id=12&p=2"
    assert punbb13.canonical_url == "https://teich.example.de/forum/viewtopic.php?id=12"


def test_punbb13_posts(punbb13):
    first, guest = punbb13.posts
    assert (first.post_id, first.position, first.url) == (
        "310", 1, "https://teich.example.de/forum/viewtopic.php?pid=310#p310")
    assert (first.author.name, first.author.id) == ("Käthe", "7")
    assert first.published_at == datetime(2023, 11, 5, 14, 20, tzinfo=UTC)
    assert (first.edited_by, first.edited_at) == ("Käthe", datetime(2023, 11, 5, 15, 2, 45, tzinfo=UTC))
    # The edit notice and the signature stand inside div.entry-content in 1.3+: both left out.
    assert first.text == "Welcher Kleber hält auf EPDM-Folie? Die Naht löst sich an der Böschung."
    assert "Bremen" not in first.html and "Zuletzt" not in first.html
    assert (guest.author.name, guest.author.id, guest.position) == ("Gast_Uwe", None, 2)
    assert tree(guest.quotes) == [("Käthe", "Käthe schrieb:", "Die Naht löst sich an der Böschung.", [])]
    assert guest.text == "Nur Nahtband für EPDM nehmen, so wie hier."
    assert [(link.url, link.text) for link in guest.links] == [("http://teich.example.de/nahtband", "so wie hier")]


# --- Detection and contract --------------------------------------------------------------------


def detect(markup: str | bytes) -> bool:
    text = markup.decode("utf-8") if isinstance(markup, bytes) else markup
    return fluxbb.detect(Selector(root=build_tree(text), type="html"))


def test_every_fixture_is_detected_as_fluxbb():
    for path in [*SITE.glob("*.html"), *PAGES.glob("*.html")]:
        assert detect_engine(Selector(root=build_tree(path.read_text(encoding="utf-8")), type="html")) == "fluxbb", path


def test_forumotion_pages_with_punbb_markup_are_refused():
    markup = (SITE / "page-1.html").read_text(encoding="utf-8")
    assert detect(markup)
    for marker in ('<script src="https://illiweb.com/rs3/47/frm/lang/fr.js"></script>',
                   '<script type="text/javascript">var _userdata = {"username": "Anonymous"};</script>',
                   '<link rel="stylesheet" href="https://bassins.forumactif.com/1-ltr.css" />'):
        assert not detect(markup.replace("</head>", marker + "</head>"))


def test_other_engines_pages_are_not_claimed():
    others = [p for p in DATA.rglob("*.html") if p.is_file() and not {"fluxbb", "fluxbb_site", "fluxbb_forks"} & set(p.parts)]
    assert len(others) > 50
    for path in others:  # phpBB 3 styles (prosilver, subsilver2...), phpBB 2, Forumotion, every other engine
        assert not detect(path.read_bytes()), path
    # A post block without the post's own permalink in its head is not enough.
    block = ('<div id="p4" class="blockpost"><h2><span>Today</span></h2><div class="postleft"><dl><dt><strong>a'
             '</strong></dt></dl></div><div class="postmsg"><p>Words</p></div></div>')
    assert not detect(f"<html><body><div id='punviewtopic' class='pun'>{block}</div></body></html>")


def test_an_info_message_without_posts_is_blocked():
    markup = ('<html><body><div id="punviewtopic" class="pun"><div id="msg" class="block"><h2><span>Info</span></h2>'
              '<div class="box"><div class="inbox"><p>Bad request. The link you followed is incorrect or outdated.</p>'
              '</div></div></div></div></body></html>').encode()
    result = parse_page(markup, f"{BASE}/viewtopic.php?id=999", CAPTURED, engine="fluxbb")
    assert (result.kind, result.engine) == ("blocked", "fluxbb")
    assert result.reason == "error page: Bad request. The link you followed is incorrect or outdated."


def test_a_post_inside_another_posts_block_gets_no_author():
    # A lost </div>: post 102's block inside post 101's. Post 101 keeps its own author (its
    # block is its own once 102 is moved out); neither takes the other's.
    markup = (SITE / "page-1.html").read_text(encoding="utf-8")
    start, end = markup.index('<div id="p102"'), markup.index('<div id="p103"')
    second = markup[start:end]
    broken = markup[:start] + markup[end:]
    broken = broken.replace('<p>Une idée ?</p>', '<p>Une idée ?</p>' + second, 1)
    result = parse_page(broken.encode(), f"{BASE}/viewtopic.php?id=5", CAPTURED, engine="fluxbb")
    authors = {p.post_id: p.author.name for p in result.posts}
    assert authors["102"] in ("Visiteur Paul", None) and authors["101"] in ("Élodie", None)


def _counting_post_parts(monkeypatch) -> list[str]:
    """The post ids of every :class:`parsers.fluxbb.page.PostParts` the parser builds, in order."""
    built: list[str] = []

    class Counting(fluxbb.PostParts):
        def __init__(self, block, post_id, layout):
            built.append(post_id)
            super().__init__(block, post_id, layout)

    monkeypatch.setattr(fluxbb, "PostParts", Counting)
    return built


def test_the_parse_takes_the_post_parts_detection_read(monkeypatch):
    """Detection (``claims``) reads the first post's parts to tell a FluxBB page; the parse takes
    them instead of walking that block again: one walk a post in all (before, the first post's
    block was walked twice)."""
    built = _counting_post_parts(monkeypatch)
    result = parse_page((SITE / "page-1.html").read_bytes(), f"{BASE}/viewtopic.php?id=5", CAPTURED)
    assert result.engine == "fluxbb"
    assert sorted(built) == sorted(p.post_id for p in result.posts)


def test_parts_read_before_a_nested_block_was_moved_out_are_read_again(monkeypatch):
    """A lost </div> puts post 102's block inside post 101's: detection read 101's parts with 102's
    block inside them, so once the parse has moved 102 out, 101's parts are read again: the page
    reads as it does when the engine is named (no detection)."""
    markup = (SITE / "page-1.html").read_text(encoding="utf-8")
    start, end = markup.index('<div id="p102"'), markup.index('<div id="p103"')
    broken = markup[:start] + markup[end:]
    broken = broken.replace('<p>Une idée ?</p>', '<p>Une idée ?</p>' + markup[start:end], 1).encode()
    url = f"{BASE}/viewtopic.php?id=5"
    named = parse_page(broken, url, CAPTURED, engine="fluxbb")
    built = _counting_post_parts(monkeypatch)
    detected = parse_page(broken, url, CAPTURED)
    assert detected.engine == "fluxbb"
    assert built.count("101") == 2  # detection's, then the parse's own after the move
    assert [p.to_dict() for p in detected.posts] == [p.to_dict() for p in named.posts]
    assert detected.errors == named.errors


def test_engine_is_registered_before_news():
    names = list(ENGINES)
    assert names.index("fluxbb") < names.index("news")


def test_the_forumotion_sites_pages_are_not_claimed_even_without_their_markers():
    # Forumotion's phpBB 2- and PunBB-like versions: refused by their scripts, and by their own
    # post links ("/t12-title#N") when a copy has lost the scripts.
    for path in sorted((DATA / "forumotion_site").rglob("*.html")):
        markup = path.read_text(encoding="utf-8")
        assert not detect(markup), path
        for marker in ("illiweb", "_userdata", "forumactif", "forumotion"):
            markup = markup.replace(marker, "elsewhere")
        assert not detect(markup), path


def test_every_result_validates_against_the_schema(page1, page2, page3, punbb12, punbb13):
    for result in (page1, page2, page3, punbb12, punbb13):
        jsonschema.validate(result.to_dict(), SCHEMA)
