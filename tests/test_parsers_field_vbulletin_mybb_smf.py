"""vBulletin, MyBB and SMF markup met on real boards the parsers had not seen, each reproduced by a
small hand-written page in tests/data/field_vbulletin/, field_mybb/ or field_smf/ (no third-party
text: each file's header says which board's markup it imitates, with invented names and words).
Every expected value was written by hand from the fixture.

Why: a field check of saved pages of unseen vBulletin, MyBB and SMF boards found these; each test
pins the general rule the fix keys on (what every theme of the engine keeps), so a later change
cannot lose it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

CAPTURED = datetime(2024, 1, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str, captured: datetime = CAPTURED):
    return parse_page((DATA / relative).read_bytes(), url, captured)


# --- vBulletin -------------------------------------------------------------------------------


VB3_RUSSIAN = "field_vbulletin/vb3_russian_footer_zone_menu_profile_quote.html"
VB3_RUSSIAN_URL = "https://boats.example/showthread.php?t=4400"


def test_vb3_footer_zone_printed_after_the_clock_is_read():
    """The Russian pack prints "Текущее время: <span class="time">00:43</span>. Часовой пояс GMT +4.":
    the zone is in the text after the clock's span, and every time was read as UTC, 4 hours off."""
    result = parsed(VB3_RUSSIAN, VB3_RUSSIAN_URL)
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert not [e for e in result.errors if "read as UTC" in e]
    assert [(p.post_id, p.position, p.published_at) for p in result.posts] == [
        ("8101", 1, datetime(2016, 5, 3, 13, 33, tzinfo=UTC)),
        ("8102", 2, datetime(2016, 6, 9, 16, 58, tzinfo=UTC)),
    ]
    assert result.posts[0].edited_at == datetime(2016, 8, 22, 0, 10, tzinfo=UTC)
    assert result.thread.started_at == datetime(2016, 5, 3, 13, 33, tzinfo=UTC)
    assert (result.thread.id, result.thread.title) == ("4400", "Лодка из ели")
    assert (result.thread.page, result.thread.page_count) == (1, 2)
    assert result.next_page_url == "https://boats.example/showthread.php?t=4400&page=2"


def test_vb3_poster_id_from_the_posts_popup_menu():
    """A style whose name link has no address (``<a class="bigusername">X</a>``) still has the
    poster's profile in the post's popup menu ``div#postmenu_N_menu``: the ids were lost."""
    result = parsed(VB3_RUSSIAN, VB3_RUSSIAN_URL)
    assert [(p.author.name, p.author.id, p.author.url) for p in result.posts] == [
        ("Лесник", "301", "https://boats.example/member.php?u=301"),
        ("Рыбак", "302", "https://boats.example/member.php?u=302"),
    ]
    assert (result.thread.starter.name, result.thread.starter.id) == ("Лесник", "301")


def test_vb3_russian_edit_note_names_the_editor():
    """"Последний раз редактировалось X; 22.08.2016 в 04:10." has no "by": the time was read, the editor lost."""
    first = parsed(VB3_RUSSIAN, VB3_RUSSIAN_URL).posts[0]
    assert first.edited_by == "Лесник"


def test_vb3_quote_template_without_label_is_a_quote():
    """A board's own quote template without the "Quote:" label (wrappers around the citation
    ``div.tcat`` with the view-post link to p=N#postN, then the words' div) is read as a quote and
    kept out of the post's words; the same box in a signature is neither."""
    first, second = parsed(VB3_RUSSIAN, VB3_RUSSIAN_URL).posts
    assert first.text == "Строю лодку из ели, борта уже готовы."
    assert first.quotes == []
    assert second.text == "А мачту из сосны поставишь?"
    [quote] = second.quotes
    assert (quote.author, quote.post_id, quote.text) == ("Лесник", "8101", "Строю лодку из ели, борта уже готовы.")


# --- MyBB ------------------------------------------------------------------------------------


def test_mybb_bootstrap_theme_breadcrumb_list_is_the_forum_path():
    """A Bootstrap theme (BootBB) rewrites MyBB's nav template as ``<ol class="breadcrumb"><li><a>``,
    with no ``span.nav_bit`` and no ``div.navigation``: its threads were filed under no forum."""
    result = parsed("field_mybb/bootstrap_breadcrumb_list.html", "https://kites.example/showthread.php?tid=5120")
    assert (result.kind, result.engine) == ("thread_page", "mybb")
    assert result.thread.forum == ["Kite Archive", "Building", "Frames"]
    assert (result.thread.id, result.thread.title) == ("5120", "Bamboo frame for a box kite")
    assert (result.thread.page, result.thread.page_count) == (1, 1)
    [post] = result.posts
    assert (post.post_id, post.position, post.author.name, post.author.id, post.published_at) == (
        "7001", 1, "reed_maker", "31", datetime(2013, 5, 15, 14, 54, tzinfo=UTC))
