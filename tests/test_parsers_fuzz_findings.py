"""What bench/fuzz_parsers.py found with seeds 27 to 32, as small hand-written pages read through
``parse_page``: each fault a real board can produce (a lost tag, a page sent in a charset that lacks
its letters, a few torn bytes), and the rule that now gives a post its own author or none, with
an error, never another post's.

The forum pages are in ``tests/data/hostile`` (each names what it imitates and what went wrong
before); the news page is written below.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from parsers.post_blocks import SHARED_ERROR_MARK
from parsers.registry import parse_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"

# A news article as a torn download leaves it (hand-written, invented words): a few bytes of garbage
# landed in a pull quote and made a tag whose name is those bytes, which lxml's HTML parser keeps as
# an element. Written here, not under tests/data: tests/test_parsers_verdicts.py takes every page
# there outside the news folders for a forum page.
NEWS_PAGE = """<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour ferry returns after winter repairs</title>
<meta property="og:type" content="article">
</head>
<body>
<div class="layout">
<article class="story">
  <h1>Harbour ferry returns after winter repairs</h1>
  <p>The little harbour ferry went back into service on Monday morning after four months in the boatyard, where its hull was scraped, painted and fitted with a new propeller shaft.</p>
  <p>Regular passengers were waiting on the slipway before seven, some with flasks of tea, and the first crossing left two minutes early because everyone had already boarded.</p>
  <blockquote>We missed the old boat more than we expected, said one commuter, who had spent the winter driving the long way round the estuary <qu{garbage}>every single day</qu> and back again.</blockquote>
  <p>The operator said timetables would stay as they were last summer, with an extra evening crossing on Fridays and Saturdays from the first week of June until the end of August.</p>
  <p>A second boat, bought from a lake service in the north, is expected to join the ferry next spring once its engine has been rebuilt and its safety certificate renewed.</p>
</article>
</div>
</body>
</html>
"""
GARBAGE = "\ufffd(]\u02e1\ufffd\u03b5"  # '(' and ']' are what lxml refuses in a new element's name


def read(name: str, url: str):
    return parse_page((HOSTILE / name).read_bytes(), url, CAPTURED)


def test_discuz_touch_post_never_takes_the_author_line_of_the_next_post_in_its_block():
    # Seeds 29 and 30, discuz_site/touch-9 [delete 30 tags]: post 902 was given Ivan (post 903).
    result = read("discuz_touch_next_author_line_in_block.html",
                  "https://ufer.example/forum.php?mod=viewthread&tid=77&mobile=2")
    assert result.engine == "discuz" and result.kind == "thread_page"
    posts = {post.post_id: post for post in result.posts}
    assert list(posts) == ["711", "712", "713", "714", "715"]
    assert posts["711"].author.name == "Wasseramsel"
    # Its own line is named by its own div.display (href="#replybtn_712"): kept, with its own time.
    assert posts["712"].author.name == "Uferlaeufer"
    assert posts["712"].published_at == datetime(2024, 4, 20, 8, 25, tzinfo=timezone.utc)
    # No href on div.display: two author lines in one block cannot be told apart; neither is taken.
    assert posts["714"].author.name is None
    assert posts["714"].published_at is None
    assert any(error.startswith("post 714:") and SHARED_ERROR_MARK in error for error in result.errors)
    # The posts whose block closed around their avatar alone keep no one's name.
    assert posts["713"].author.name is None and posts["715"].author.name is None
    named = {post.author.name for post in result.posts} - {None}
    assert named == {"Wasseramsel", "Uferlaeufer"}


def test_discuz_touch_page_read_whole_still_names_every_poster():
    # The rule above leaves a well-formed touch page as it was.
    result = parse_page((Path(__file__).resolve().parent / "data" / "discuz_site" / "touch-9" / "index.html").read_bytes(),
                        "https://hb.example/forum.php?mod=viewthread&tid=9&mobile=2", CAPTURED)
    assert [post.author.name for post in result.posts] == ["夜猫子", "游客", "Ivan"]
    assert not any(SHARED_ERROR_MARK in error for error in result.errors)


def test_ips_names_lost_to_a_charset_are_kept_but_said():
    # Seed 29, field_ips/edit_line_not_english [wrong encoding: windows-1256 labelled UTF-8]:
    # "????????" for a Cyrillic name, with no error.
    result = read("ips_names_lost_to_a_charset.html", "https://pchely.example/topic/6161-ulej/")
    assert result.engine == "ips"
    assert [post.author.name for post in result.posts] == ["?????????", "???????", "bee_keeper"]
    for post_id in ("80201", "80202"):
        assert any(error.startswith(f"post {post_id}:") and "no letter or digit" in error for error in result.errors)
    assert not any(error.startswith("post 80203:") for error in result.errors)


def test_news_article_with_a_garbage_tag_in_a_quote_is_read_whole():
    # Seed 30, news/aljazeera-2019-afghanistan-helicopter [garbage over 16 bytes]: a parser error.
    page = NEWS_PAGE.format(garbage=GARBAGE).encode("utf-8")
    result = parse_page(page, "https://paper.example/2024/harbour-ferry", CAPTURED)
    assert result.kind == "article_page", result.reason
    assert not result.errors
    blocks = result.articles[0].blocks
    assert [block.type for block in blocks] == ["paragraph", "paragraph", "quote", "paragraph", "paragraph"]
    quote = blocks[2].text
    assert "every single day" in quote and quote.endswith("and back again.")


def test_phpbb2_posts_merged_by_lost_tags_share_an_inline_signature_without_a_parser_error():
    """Tags deleted from the project's own subSilver page (the fuzzer's ``delete_tags``, drawn with
    ``random.Random(20)``) merge two posts' blocks, and both find the same inline signature: the
    second found it already taken out, and the whole page was a parser error (AttributeError)."""
    import random
    import sys

    from conftest import DATA, ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import fuzz_parsers as fuzz

    page = fuzz.load_page(DATA / "field_phpbb2" / "phpbb2" / "subsilver_inline_signature.html")
    mutant = fuzz.delete_tags(page, random.Random(20))
    result = parse_page(mutant.body, page.url, CAPTURED)
    assert not any("parser error" in error for error in result.errors), result.errors
    assert result.kind == "thread_page" and result.engine == "phpbb2"


def test_smf1_post_never_takes_the_author_cell_of_the_post_before_a_tear():
    # Seed 32, real/smf/bpdfamily-topic-343886.smf1.html [garbage over 4096 bytes]: post 13106609
    # was named "once removed" (the post before's author) instead of "franniefay".
    result = read("smf_torn_author_cells.html", "https://kelp.example/index.php?topic=77.0")
    assert result.kind == "thread_page" and result.engine == "smf"
    posts = {post.post_id: post for post in result.posts}
    assert sorted(posts) == ["9102", "9104", "9105"]  # 9101 and 9103 lost their subjects
    # Its own author cell is whole, beside its subject: its own name, though the cell before it
    # (post 9101's, whose subject and message were torn away) merged into the same block.
    assert posts["9102"].author.name == "Brackenlow"
    # Its author cell was torn away up to after its name: the only name left is post 9103's.
    assert posts["9104"].author.name is None
    assert "post 9104: no author name found" in result.errors
    assert posts["9105"].author.name == "Gullstone"
    assert not any(error.startswith(("post 9102:", "post 9105:")) for error in result.errors)
    named = {post.author.name for post in result.posts} - {None}
    assert not named & {"Mossfinch", "Tidewren"}


def test_phpbb_names_lost_to_a_charset_are_kept_but_said():
    """The project's own prosilver page as the fuzzer's ``wrong_encoding`` leaves it (drawn with
    ``random.Random(0)``: windows-1256 bytes labelled UTF-8): every Cyrillic letter is "?", the
    posters' names and the month names too. Post 8202 was named "????" with no error at all, and its
    "13 ??? 2010, 08:10" read as 13 June, the capture's month."""
    import random
    import sys

    from conftest import DATA, ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import fuzz_parsers as fuzz

    page = fuzz.load_page(DATA / "field_phpbb" / "edit_notice_date_after_name.html")
    mutant = fuzz.wrong_encoding(page, random.Random(0))
    assert "windows-1256" in mutant.name
    result = parse_page(mutant.body, page.url, CAPTURED, mutant.content_type)
    assert result.engine == "phpbb"
    assert [post.author.name for post in result.posts] == ["?????", "????"]
    for post_id in ("8201", "8202"):
        assert any(error.startswith(f"post {post_id}:") and "no letter or digit" in error for error in result.errors)
    # "13 ??? 2010, 08:10": its month lost too, so no time (with an error), never the capture's month.
    assert [post.published_at for post in result.posts] == [None, None]
    assert "post 8202: no publication time found" in result.errors
    # The same page as it was sent: names, and no such error.
    whole = parse_page(page.body, page.url, CAPTURED, page.content_type)
    assert [post.author.name for post in whole.posts] == ["Рыбак", "Щука"]
    assert not any("no letter or digit" in error for error in whole.errors)


def test_phpbb_post_never_takes_the_profile_column_of_a_post_whose_header_is_in_its_block():
    """Found by bench/fuzz_parsers.py (tests/data/phpbb_themes/inner_anchor.html [delete 30 tags],
    rng seeds 131, 199 and 362): lost tags leave the next post's header (its author line, whose
    permalink is "#pN", and its profile column) inside a post's block, its own anchor gone. The
    post took that profile column's name (and, when its own author line was lost, that post's
    time), and the other post was lost, all with no error."""
    result = read("phpbb_headers_of_other_posts_in_block.html", "https://roof.example/viewtopic.php?t=730")
    assert result.engine == "phpbb" and result.kind == "thread_page"
    posts = {post.post_id: post for post in result.posts}
    assert list(posts) == ["7301", "7303", "7304"]
    # Its own time (its own author line comes first); no one's name, and the error says why.
    assert posts["7301"].author.name is None
    assert posts["7301"].published_at == datetime(2023, 9, 2, 7, 10, tzinfo=timezone.utc)
    assert any(error.startswith("post 7301:") and SHARED_ERROR_MARK in error and "7302" in error
               for error in result.errors)
    # Its only author line is post 7305's: neither that time nor that name.
    assert posts["7304"].author.name is None and posts["7304"].published_at is None
    assert "post 7304: no publication time found" in result.errors
    # The posts whose anchor was lost are said to be skipped.
    for lost, holder in (("7302", "7301"), ("7305", "7304")):
        assert any(error.startswith(f"post {lost}:") and f"post {holder}'s block" in error
                   and error.endswith("post skipped") for error in result.errors)
    assert posts["7303"].author.name == "Quillmere"
    assert not any(error.startswith("post 7303:") for error in result.errors)
    named = {post.author.name for post in result.posts} - {None}
    assert named == {"Quillmere"}


def test_phpbb_inner_anchor_page_with_lost_tags_gives_no_post_another_posts_author():
    """The same fault on the project's own page, as the fuzzer drew it (``delete_tags`` with
    ``random.Random(seed)``): each post comes back with its own author, or none."""
    import random
    import sys

    from conftest import DATA, ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import fuzz_parsers as fuzz

    page = fuzz.load_page(DATA / "phpbb_themes" / "inner_anchor.html")
    own = {post.post_id: post.author.name for post in page.original.posts}
    assert own == {"9051": "Liner Lou", "9052": "Helpful Stranger", "9060": "Liner Lou"}
    for seed in (131, 199, 362):
        mutant = fuzz.delete_tags(page, random.Random(seed))
        result = parse_page(mutant.body, page.url, CAPTURED)
        assert result.engine == "phpbb"
        for post in result.posts:
            assert post.author.name in (own[post.post_id], None), (seed, post.post_id, post.author.name)
            if post.author.name is None:
                assert any(error.startswith(f"post {post.post_id}:") for error in result.errors), seed


def test_phpbb_subsilver2_block_grown_over_the_post_before_never_takes_its_author():
    """tests/data/phpbb_themes/subsilver2.html as the fuzzer's ``delete_tags`` leaves it (drawn with
    ``random.Random(27)``: 200 tags lost, post 771's anchor among them). Post 772's block, found from
    its anchor, grew up to the posts' table, which begins with post 771's header: post 772 was
    given Algae Al (post 771's author) and post 771's time, with no error. Post 771's subject link
    ("#p771") in that block now says the block is not 772's alone."""
    import random
    import sys

    from conftest import DATA, ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import fuzz_parsers as fuzz

    page = fuzz.load_page(DATA / "phpbb_themes" / "subsilver2.html")
    assert [post.author.name for post in page.original.posts] == ["Algae Al", "Pond Visitor", "Waterboatman 2016"]
    mutant = fuzz.delete_tags(page, random.Random(27))
    result = parse_page(mutant.body, page.url, CAPTURED)
    assert result.engine == "phpbb"
    posts = {post.post_id: post for post in result.posts}
    assert list(posts) == ["772"]
    assert posts["772"].author.name is None and posts["772"].published_at is None
    assert any(error.startswith("post 772:") and SHARED_ERROR_MARK in error for error in result.errors)
    assert any(error.startswith("post 771:") and error.endswith("post skipped") for error in result.errors)


def test_mybb16_edit_notice_wrapped_by_a_theme_keeps_the_date_before_it():
    """tests/data/mybb/mybb16_table.html as the fuzzer's ``wrap_elements`` leaves it (drawn with
    ``random.Random(9)``): a theme's ``<div>`` around post 301's edit notice ("23-02-2019, 21:14
    <div><span id="edited_by_301">"). MyBB 1.6 has no ``.post_date``: the date is the words
    around the notice, and the wrapper has none. Post 301 lost its date (with an error), and
    with it the page's only day past the 12th: post 302's "05-03-2019" was read as 3 May, with no
    error, where the page prints 5 March."""
    import random
    import sys

    from conftest import DATA, ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import fuzz_parsers as fuzz

    page = fuzz.load_page(DATA / "mybb" / "mybb16_table.html")
    mutant = fuzz.wrap_elements(page, random.Random(9))
    assert b'<div class="theme-x474"><span id="edited_by_301">' in mutant.body
    result = parse_page(mutant.body, page.url, CAPTURED)
    assert result.engine == "mybb"
    assert [post.published_at for post in result.posts] == [datetime(2019, 2, 23, 21, 14, tzinfo=timezone.utc),
                                                          datetime(2019, 3, 5, 8, 0, tzinfo=timezone.utc)]
    assert [post.published_at for post in result.posts] == [post.published_at for post in page.original.posts]


def test_vbulletin_thanker_is_never_the_poster_of_a_post_that_lost_its_name():
    """tests/data/arabic_packs/vb3_arabic.html as the fuzzer's ``merge_posts`` leaves it (drawn
    with ``random.Random(53)``): post 7102 moved inside post 7101's container, and 7101's name
    link taken out. 7101's only member link left is in its thanks box ("الأعضاء الذين قالوا شكراً
    …: سلوان الكرخي"), and that thanker was given as 7101's poster, with no error. A thanker,
    liker or editor is never the poster: 7101 has no author, and an error says so."""
    import random
    import sys

    from conftest import DATA, ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import fuzz_parsers as fuzz

    page = fuzz.load_page(DATA / "arabic_packs" / "vb3_arabic.html")
    mutant = fuzz.merge_posts(page, random.Random(53))
    result = parse_page(mutant.body, page.url, CAPTURED)
    assert result.engine == "vbulletin"
    authors = {post.post_id: post.author.name for post in result.posts}
    assert authors["7101"] is None and authors["7102"] == "سلوان الكرخي"
    assert "post 7101: no author name found" in result.errors
