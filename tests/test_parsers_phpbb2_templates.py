"""parsers.phpbb2 on pages of third-party phpBB 2.0.x templates (tests/data/phpbb2_templates/).

Each fixture imitates one public template whose post rows differ from stock subSilver's in what
the parser keys on, and says in its header which repository and file it follows and what the old
code did. Every expected value below was read off the fixture's markup by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.registry import parse_page

TEMPLATES = DATA / "phpbb2_templates"
CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc


def parse(name: str, url: str):
    body = (TEMPLATES / name).read_bytes()
    return parse_page(body, url, CAPTURED, content_type="text/html; charset=UTF-8")


def rows(result) -> list:
    return [(p.post_id, p.position, p.author.name, p.author.id, p.published_at) for p in result.posts]


@pytest.fixture(scope="module")
def ezarena():
    return parse("ezarena_topics_enhanced.html", "http://deich.example.de/forum/viewtopic.php?t=41")


@pytest.fixture(scope="module")
def oxygen():
    return parse("oxygen_subsilverplus.html", "http://phares.example.fr/forum/viewtopic.php?t=310")


@pytest.fixture(scope="module")
def arkamod():
    return parse("arkamod_message_div.html", "http://clay.example.org/forum/viewtopic.php?t=77")


def test_ezarena_topics_enhanced_ordinals_are_not_posts(ezarena):
    # The catHead rows' <a name="1">, "2", "3" (S_NUM_ROW) are no posts; the page is read
    # (link_to_post(N) stands for the missing viewtopic.php?p=N#N link) without an error.
    assert ezarena.kind == "thread_page" and ezarena.engine == "phpbb2"
    assert ezarena.errors == []
    assert rows(ezarena) == [
        ("5101", 1, "Wendelin Quast", "12", datetime(2005, 3, 6, 16, 45, tzinfo=UTC)),
        ("5102", 2, "Ottilie Brandhorst", "19", datetime(2005, 3, 6, 17, 10, tzinfo=UTC)),
        ("5107", 3, "Kunibert", None, datetime(2005, 3, 7, 7, 30, tzinfo=UTC)),
    ]
    assert [p.url for p in ezarena.posts][0] == "http://deich.example.de/forum/viewtopic.php?p=5101#5101"


def test_ezarena_date_from_the_dated_details_not_the_post_number(ezarena):
    # "Post: #1" (the first span.postdetails) is passed over; "Posted: DATE<br />...Post subject:"
    # ends at the line break.
    assert ezarena.posts[0].published_at == datetime(2005, 3, 6, 16, 45, tzinfo=UTC)


def test_ezarena_edit_signature_and_quote_beside_the_message_div(ezarena):
    first, second = ezarena.posts[0], ezarena.posts[1]
    assert first.edited_by == "Wendelin Quast"
    assert first.edited_at == datetime(2005, 3, 7, 8, 2, tzinfo=UTC)
    assert first.text == "Die Schleuse am Nordufer klemmt wieder."  # no signature, no edit line
    quoted = [(q.author, q.text) for q in second.quotes]
    assert quoted == [("Wendelin Quast", "Die Schleuse am Nordufer klemmt wieder.")]
    assert second.text == "Ich bringe morgen das Fett mit."
    assert second.edited_at is None and second.edited_by is None


def test_oxygen_subsilverplus_ordinals_in_the_header_row(oxygen):
    assert oxygen.errors == []
    assert rows(oxygen) == [
        ("4410", 1, "Maelis Corbin", "31", datetime(2006, 1, 11, 4, 20, tzinfo=UTC)),
        ("4412", 2, "Yannick Le Goff", "40", datetime(2006, 1, 11, 14, 45, tzinfo=UTC)),
    ]


def test_oxygen_edit_notice_and_signature_in_the_div_after_the_message(oxygen):
    first, second = oxygen.posts
    assert first.edited_by == "Maelis Corbin"
    assert first.edited_at == datetime(2006, 1, 11, 13, 5, tzinfo=UTC)
    assert first.text == "Le phare de la pointe est rallume."
    assert second.edited_at is None and second.text == "Enfin une bonne nouvelle."


def test_arkamod_edit_notices_beside_the_message_div(arkamod):
    assert arkamod.errors == []
    assert [(p.post_id, p.author.name, p.published_at, p.edited_by, p.edited_at, p.text) for p in arkamod.posts] == [
        ("9301", "Rosalind Pike", datetime(2006, 11, 2, 21, 14, tzinfo=UTC), "Rosalind Pike",
         datetime(2006, 11, 3, 7, 40, tzinfo=UTC), "The kiln reached cone six at last."),
        ("9305", "Ambrose Tally", datetime(2006, 11, 3, 10, 2, tzinfo=UTC), "Fenwick",
         datetime(2006, 11, 3, 11, 15, tzinfo=UTC), "Pictures please!"),
    ]


def test_anchors_outside_the_post_rows_are_not_read():
    # An eXtreme Styles theme prints <a name="N"> before each post's table, in overall_header's
    # layout row that holds every post: nothing tells the posts' rows apart, so no post is read.
    result = parse("xs_tpl_hdr_anchor_outside_rows.html", "http://fen.example.co.uk/forum/viewtopic.php?t=58")
    assert result.kind == "unsupported"
    assert result.posts == []


def test_forumer_template_classing_the_cells_not_spans():
    """A phpBB 2 board on Forumer ("fiappleblue") classes the message cell and the date cell
    themselves (td.postbody, td.postdetails) instead of spans inside them: read as no phpBB 2 topic,
    its page came back a news article, every post lost without an error."""
    result = parse_page((TEMPLATES / "forumer_fiappleblue_classed_cells.html").read_bytes(),
                        "http://boats.example/viewtopic.php?t=88", CAPTURED)
    assert (result.kind, result.engine) == ("thread_page", "phpbb2")
    assert [(p.post_id, p.author.name, p.author.id) for p in result.posts] == [
        ("711", "keel_and_rudder", "31"), ("712", "Tillerman", "8"), ("714", "keel_and_rudder", "31")]
    assert [p.published_at for p in result.posts] == [
        datetime(2010, 6, 2, 23, 1, tzinfo=timezone.utc), datetime(2010, 6, 3, 19, 27, tzinfo=timezone.utc),
        datetime(2010, 6, 7, 12, 42, tzinfo=timezone.utc)]
    assert result.posts[0].text == ("The winter jobs are done: engine serviced, new wipers, a new grease pump, and the"
                                    " rear fenders replaced, which took two of us a whole bank holiday.\nTwo coats"
                                    " of antifoul and she goes back in the water tomorrow.")
    assert not any("Rudder and keel" in p.text for p in result.posts)
    assert result.thread.title == "afloat again at last"
