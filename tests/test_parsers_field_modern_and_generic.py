"""Markup of real boards on the engines checked by helper h24 (Discourse, NodeBB, Vanilla, Flarum,
Discuz!, and boards read by the generic parser) that the parsers misread, each reproduced by a
small hand-written page in tests/data/field_<engine>/ (invented names and words; each file's
header names the kind of board it imitates). Every expected value was written by hand from the
fixture.

Why: a Discourse board imported from phpBB (discourse.urho3d.io's topic JSON) keeps BBCode quotes
the importer wrote with typographic quotes ("[quote=“name”]...[/quote]"); Discourse's cooker does
not take them, so the quoted member's words stood in the reply as the replier's own, with no
quote and no word about it; discourse.slicer.org's topics hold the same words where a member typed
the quote inside a sentence, which the cooker never takes. A ziggit.dev crawler page (Discourse 2026.2) saved by a download cut
short inside post 18's header gave posts 1 to 17 and said nothing: the posts after 17 on that page
were lost with no word. moz.com's Q&A (NodeBB 1.x, its own theme) shows guests the newest reply
first: the replies' positions (data-index + 1) were their ranks in that order, not their places in
the topic, with no word. Each test pins the rule.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import CUT_SHORT, parse_page

CAPTURED = datetime(2024, 1, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str, **kwargs):
    return parse_page((DATA / relative).read_bytes(), url, CAPTURED, **kwargs)


# --- Discourse: BBCode quotes the cooker left as words -------------------------------------------

IMPORTED_JSON_URL = "https://lamps.example.org/t/harbour-lamps/77.json"


def test_discourse_json_bbcode_quote_left_as_words_is_a_quote():
    """Post 11 opens its paragraph with "[quote=“lantern_keeper”]" and closes it after a smiley
    image: the two quoted lines are a quote by lantern_keeper, the next paragraph the reply."""
    result = parsed("field_discourse/imported_bbcode_quotes_left_as_words.json", IMPORTED_JSON_URL)
    assert (result.kind, result.engine, result.errors) == ("thread_page", "discourse", [])
    reply = result.posts[1]
    assert (reply.post_id, reply.author.name, reply.position) == ("11", "tide_clerk", 2)
    assert reply.published_at == datetime(2015, 3, 2, 9, 20, tzinfo=UTC)
    assert reply.text == "The tide gauge shares their cable."
    [quote] = reply.quotes
    assert quote.author == "lantern_keeper"
    assert quote.text == "The harbour lamps flicker every evening at six.\nDoes anyone know why?"


def test_discourse_json_bbcode_quote_over_paragraphs_with_post_reference():
    """Post 12's quote runs over two paragraphs and names "post:2, topic:77": the quote is
    tide_clerk's post 11 (number 2 of this topic, with its time), and the words after "[/quote]" in
    the same paragraph are the reply's."""
    result = parsed("field_discourse/imported_bbcode_quotes_left_as_words.json", IMPORTED_JSON_URL)
    reply = result.posts[2]
    assert (reply.post_id, reply.author.name) == ("12", "lantern_keeper")
    assert reply.text == "That explains the six o'clock dip."
    [quote] = reply.quotes
    assert (quote.author, quote.post_id, quote.thread_id) == ("tide_clerk", "11", "77")
    assert quote.published_at == datetime(2015, 3, 2, 9, 20, tzinfo=UTC)
    assert quote.text == "The tide gauge shares their cable.\n\nIt draws current at each reading."


def test_discourse_json_unclosed_bbcode_quote_stays_as_printed():
    """Post 13 opens a quote it never closes: nothing is guessed, the words stay as printed."""
    result = parsed("field_discourse/imported_bbcode_quotes_left_as_words.json", IMPORTED_JSON_URL)
    reply = result.posts[3]
    assert (reply.post_id, reply.author.name, reply.quotes) == ("13", "net_mender", [])
    assert reply.text == "[quote=“tide_clerk”]a gauge on the same line\n\nOurs is wired apart."


def test_discourse_json_bare_bbcode_quote_in_a_sentence_stays_as_printed():
    """Post 17 shows the syntax, "[quote]your words[/quote]", naming nobody: words, not a quote."""
    result = parsed("field_discourse/imported_bbcode_quotes_left_as_words.json", IMPORTED_JSON_URL)
    reply = result.posts[7]
    assert (reply.post_id, reply.quotes) == ("17", [])
    assert reply.text == "Wrap the old words in [quote]your words[/quote] to quote them."


def test_discourse_json_bbcode_quote_inside_a_quote():
    """Post 14 quotes lantern_keeper's reply with tide_clerk's quote still in it: two levels."""
    result = parsed("field_discourse/imported_bbcode_quotes_left_as_words.json", IMPORTED_JSON_URL)
    reply = result.posts[4]
    assert (reply.post_id, reply.text) == ("14", "Fixed it with a second cable.")
    [outer] = reply.quotes
    assert (outer.author, outer.text) == ("lantern_keeper", "That explains the six o'clock dip.")
    [inner] = outer.quotes
    assert (inner.author, inner.text, inner.quotes) == ("tide_clerk", "The tide gauge shares their cable.", [])


def test_discourse_json_bbcode_quote_typed_inside_a_paragraph():
    """Posts 15 and 16 open a quote after their own words, inside a paragraph (the cooker takes
    "[quote]" only at a line's start): the words before stay the reply's, the quoted line is the
    quote (post 4 of topic 77 is net_mender's post 13), and in post 16 the sentence's end after
    "[/quote]" is the reply's too."""
    result = parsed("field_discourse/imported_bbcode_quotes_left_as_words.json", IMPORTED_JSON_URL)
    fifteenth, sixteenth = result.posts[5:7]
    assert (fifteenth.post_id, fifteenth.author.name) == ("15", "lantern_keeper")
    assert fifteenth.text == "Not needed at all.\n\nThen the cable is not the cause."
    [quote] = fifteenth.quotes
    assert (quote.author, quote.post_id, quote.text) == ("net_mender", "13", "Ours is wired apart.")
    assert quote.published_at == datetime(2015, 3, 4, 11, 30, tzinfo=UTC)
    assert (sixteenth.post_id, sixteenth.author.name) == ("16", "net_mender")
    assert sixteenth.text == "I measured the\n\n, and it draws little."
    [quote] = sixteenth.quotes
    assert (quote.author, quote.post_id, quote.text) == ("tide_clerk", "11", "gauge shares their cable")


def test_discourse_crawler_view_bbcode_quote_left_as_words_is_a_quote():
    """The crawler view prints the same cooked words: post 2's quote of pier_warden is a quote, the
    line after "[/quote]<br>" its own words; authors, positions and times as printed."""
    result = parsed("field_discourse/crawler_imported_bbcode_quote.html",
                    "https://lamps.example.org/t/ferry-timetable/81")
    assert (result.kind, result.engine, result.errors) == ("thread_page", "discourse", [])
    first, reply = result.posts
    assert (first.author.name, first.position, first.quotes) == ("pier_warden", 1, [])
    assert (reply.author.name, reply.position) == ("gull_counter", 2)
    assert reply.published_at == datetime(2016, 4, 10, 8, 15, tzinfo=UTC)
    assert reply.text == "Only on weekdays, the Sunday boat is later."
    [quote] = reply.quotes
    assert (quote.author, quote.text) == ("pier_warden", "The morning ferry leaves at ten past seven now.")


def test_discourse_crawler_page_cut_short_inside_a_post_says_so():
    """A download cut short inside post 3's header: posts 1 and 2 read as printed (post 1's time
    from its <time> without itemprop), page 1 of 2 with the next page, and the errors name post 3's
    block, which holds no words: the posts after it on this page are not there to read."""
    result = parsed("field_discourse/crawler_cut_short_in_post_header.html",
                    "https://clay.example.net/t/kiln-schedule/905")
    assert (result.kind, result.engine) == ("thread_page", "discourse")
    first, second = result.posts
    assert (first.post_id, first.author.name, first.position) == ("905/1", "glaze_ada", 1)
    assert first.published_at == datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    assert (second.post_id, second.author.name, second.position) == ("905/2", "wheel_bo", 2)
    assert second.published_at == datetime(2026, 5, 4, 10, 30, tzinfo=UTC)
    assert result.next_page_url == "https://clay.example.net/t/kiln-schedule/905?page=2"
    assert (result.thread.page, result.thread.page_count) == (1, 2)
    # ... and the page as a whole says it ends before its </html> (parsers.registry.cut_short).
    assert result.errors == ["post 3: its block holds no post body (the page may be cut short); not read", CUT_SHORT]


# --- NodeBB: a board that shows guests the newest reply first --------------------------------

NEWEST_FIRST_URL = "https://clay.example.com/forum/q/topic/410/kiln-vents-in-winter"


def test_nodebb_board_default_newest_first_says_positions_are_not_the_topics():
    """The head's settings give guests "topicPostSort":"newest_to_oldest": data-index 1 is the
    topic's latest reply (13:00), data-index 2 the one before (11:00). Authors, ids and times as
    printed, the opening post still the starter, the sidebar's related question no post, and the
    errors say the replies' positions are their places in that order."""
    result = parsed("field_nodebb/newest_first_board_default.html", NEWEST_FIRST_URL)
    assert (result.kind, result.engine) == ("thread_page", "nodebb")
    opening, latest, earlier = result.posts
    assert (opening.post_id, opening.author.name, opening.author.id, opening.position) == ("410", "glaze_wren", "21", 1)
    assert (latest.post_id, latest.author.name, latest.published_at) == (
        "2207", "slip_cutter", datetime(2019, 1, 10, 13, 0, tzinfo=UTC))
    assert (earlier.post_id, earlier.author.name, earlier.published_at) == (
        "2206", "wedge_ko", datetime(2019, 1, 10, 11, 0, tzinfo=UTC))
    assert result.thread.starter.name == "glaze_wren"
    assert result.thread.forum == ["Firing"]
    assert result.errors == ["replies shown newest first: their positions are their places in that order,"
                             " not in the topic"]


def test_nodebb_sort_chosen_in_the_address_overrides_the_boards_default():
    """"?sort=oldest_to_newest" in the address: the topic's own order, no error; "?sort=most_votes":
    ranks by votes, said."""
    result = parsed("field_nodebb/newest_first_board_default.html", NEWEST_FIRST_URL + "?sort=oldest_to_newest")
    assert result.errors == []
    result = parsed("field_nodebb/newest_first_board_default.html", NEWEST_FIRST_URL + "?sort=most_votes")
    assert result.errors == ["replies shown by votes: their positions are their places in that order,"
                             " not in the topic"]
