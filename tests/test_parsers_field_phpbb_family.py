"""phpBB 3, phpBB 2, FluxBB/PunBB, Forumotion, ProBoards and IP.Board 3 markup met on real boards
(or the gaps such boards showed), each reproduced by a small hand-written page in
tests/data/field_<engine>/ (no third-party text: each file's header says which kind of board it
imitates, with invented names and words). Every expected value was written by hand from the fixture.

Why: a field check of saved pages of unseen boards of these engines found these; each test pins the
general rule the fix keys on (what every theme of the engine keeps), so a later change cannot lose it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

UTC = timezone.utc


def parsed(relative: str, url: str, captured: datetime):
    return parse_page((DATA / relative).read_bytes(), url, captured)


# --- phpBB 3.0, subsilver2's own BBCode: inline attachments and code boxes -----------------------


def test_phpbb_subsilver2_inline_attachment_and_code_headers_are_not_the_posters_words():
    """subsilver2 prints an inline attachment as ``div.attachtitle`` ("Attachment:") and
    ``div.attachcontent`` (the picture, then "name [ size | Viewed N times ]"; for a file its icon,
    its link, "[size]" and "Downloaded N times"), and a code box as ``div.codetitle`` ("Code:"), all
    inside the post's ``div.postbody``. They stood in the post's words; the file's link was a link and
    its type icon an image. Now the words are the poster's, the file an attachment, the picture an image."""
    result = parsed("field_phpbb/subsilver2_inline_attachment_code.html",
                    "https://lanterns.example/forum/viewtopic.php?f=4&t=61", datetime(2009, 11, 30, 19, 0, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    # "All times are UTC [ DST ]": phpBB 3.0 adds the hour to every printed time.
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("301", "Wren Ashdown", "45", datetime(2009, 11, 3, 21, 20, tzinfo=UTC)),
        ("302", "Tamsin Vale", "16", datetime(2009, 11, 5, 6, 45, tzinfo=UTC)),
    ]
    first, second = result.posts
    assert first.text == "Mine folds flat for the post.\n\nGlue only at the seams."
    assert [(i.url, i.text) for i in first.images] == [
        ("https://lanterns.example/forum/download/file.php?id=77", "folded.jpg")]
    assert first.attachments == []
    assert second.text == ("My folding plan:\n\nfold 1: corner to corner\nfold 2: edge to middle\n\n"
                           "Then the candle cup.\n\nplan.txt")
    assert [(a.url, a.text) for a in second.attachments] == [
        ("https://lanterns.example/forum/download/file.php?id=78", "plan.txt")]
    assert second.images == [] and second.links == []
    [quote] = second.quotes
    assert (quote.author, quote.text) == ("Wren Ashdown", "Glue only at the seams.")


# --- phpBB 3.0 saved by a site copier that renamed its addresses ---------------------------------


def test_phpbb_static_copy_with_renamed_script_addresses_is_read_as_phpbb():
    """A static copy of a phpBB 3.0 board renamed each address with a query to the script's name and
    a number ("memberlist-5120.php", "posting-3301.php", "viewtopic-2211.php"). subsilver2 (3.0)
    has no ``body#phpbb`` and no "pN" ids, and detection asked for links to phpBB 3's own scripts by
    their exact names: the page came back ``unsupported`` ("phpBB footer"), none of its posts read.
    The copy's names are read as the scripts' (the number stands where the query was)."""
    url = "http://rowers.example/phpBB3/viewtopic-2210.php"
    result = parsed("field_phpbb/subsilver2_static_copy_renamed_links.html", url,
                    datetime(2010, 1, 12, 9, 0, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "phpbb")
    assert (result.thread.title, result.thread.page, result.thread.page_count) == ("Winter sculls", 2, 4)
    assert result.next_page_url == "http://rowers.example/phpBB3/viewtopic-2211.php"
    # Page 2 at 10 posts a page: the 11th and 12th posts. "UTC [ DST ]": an hour off every time.
    assert [(p.post_id, p.position, p.author.name, p.published_at) for p in result.posts] == [
        ("812", 11, "Oar Keeper", datetime(2010, 1, 9, 17, 5, tzinfo=UTC)),
        ("815", 12, "Cox Ellery", datetime(2010, 1, 10, 7, 30, tzinfo=UTC)),
    ]
    assert result.posts[1].text == "Salt and a broom."
    [quote] = result.posts[1].quotes
    assert (quote.author, quote.text) == ("Oar Keeper", "Ice on the slipway again.")
    assert result.thread.starter is None  # page 2: its first post is not the topic's
