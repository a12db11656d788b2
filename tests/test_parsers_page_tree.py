"""parsers/page_tree.py: the tree a page is read from, as a browser shows the page.

The pages are the project's hand-written fixtures (tests/data/), each changed here the way real
servers and themes change pages: a PHP warning printed before ``<html>``, a template's comment
between two parts of a post. Expected values were read by hand from the fixtures (their headers
name them) and are those of the unchanged page.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.page_tree import fragment_tree, page_tree
from parsers.registry import parse_page

UTC = timezone.utc
# What PHP prints before the page on an old board when a function it calls is deprecated.
PHP_WARNING = (b"<br />\n<b>Deprecated</b>:  Function create_function() is deprecated in "
               b"<b>/var/www/forum/includes/functions.php</b> on line <b>4108</b><br />\n")


def test_a_servers_warning_before_the_page_leaves_its_language_and_head():
    """libxml2 starts the tree at the warning, drops ``<html lang>``'s attributes and puts the head
    in the body; the page is read from its ``<html>`` tag, the doctype and comments before it kept
    out of the way."""
    page = '<!DOCTYPE html>\n<html lang="fr" dir="ltr"><head><title>Sujet</title></head><body><p>Mot</p></body></html>'
    root, problems = page_tree(PHP_WARNING.decode() + page)
    assert (dict(root.attrib), [child.tag for child in root], problems) == (
        {"lang": "fr", "dir": "ltr"}, ["head", "body"], [])
    assert root.findtext("head/title") == "Sujet"


def test_an_html_tag_inside_a_script_of_a_page_without_one_is_not_its_start():
    """A page with no ``<html>`` tag of its own whose head script writes one: nothing is cut."""
    root, _ = page_tree('<head><script>var shell = "<html lang=en>";</script></head><body><p>Kept words</p></body>')
    assert root.findtext("body/p") == "Kept words"


def test_vbulletin_day_first_dates_stay_day_first_after_a_servers_warning():
    """The Italian vBulletin 3.0 page (fixture header: posts 5101 and 5102 by Mirta Bossi and
    Gualtiero, "12-10-2005 21:40" and "22:05", read as UTC). With a PHP warning before it, the
    page lost ``lang="it"`` and its dates were read month first: 10 December, silently."""
    body = (DATA / "field_real_variants_more" / "vbulletin" / "vb30_postbit_without_message_ids.html").read_bytes()
    result = parse_page(PHP_WARNING + body, "https://lago.example/forum/showthread.php?t=808", datetime(2006, 1, 1, tzinfo=UTC))
    assert (result.kind, result.engine) == ("thread_page", "vbulletin")
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("5101", "Mirta Bossi", datetime(2005, 10, 12, 21, 40, tzinfo=UTC)),
        ("5102", "Gualtiero", datetime(2005, 10, 12, 22, 5, tzinfo=UTC)),
    ]


def test_an_engine_known_by_its_head_is_still_known_after_a_servers_warning():
    """phpBB's loopback page (tests/data/phpbb_site): with the head in the body the page was
    "no parser recognises this page"; its three posts are read again."""
    body = (DATA / "phpbb_site" / "viewtopic" / "t-5" / "index.html").read_bytes()
    plain = parse_page(body, "http://127.0.0.1/viewtopic.php?t=5", datetime(2024, 6, 1, tzinfo=UTC))
    warned = parse_page(PHP_WARNING + body, "http://127.0.0.1/viewtopic.php?t=5", datetime(2024, 6, 1, tzinfo=UTC))
    assert (warned.kind, warned.engine, len(warned.posts)) == ("thread_page", "phpbb", 3)
    assert [(p.post_id, p.author.name, p.published_at) for p in warned.posts] == [
        (p.post_id, p.author.name, p.published_at) for p in plain.posts]


def post_with_a_comment(fixture: str, before: bytes, after: bytes, post_id: str, url: str):
    """The post ``post_id`` of the fixture read with a comment put where ``before`` meets ``after``
    (a place the page has once)."""
    body = (DATA / fixture).read_bytes()
    assert body.count(before + after) == 1
    result = parse_page(body.replace(before + after, before + b"<!-- quote -->" + after), url,
                        datetime(2024, 6, 1, tzinfo=UTC))
    return next(p for p in result.posts if p.post_id == post_id)


def test_a_comment_between_an_smf_quotes_header_and_its_words_leaves_them_apart():
    """SMF 2.0's core theme (tests/data/field_smf/core_theme_20.html): post 9004 quotes gear_owl
    ("one drop on every roller") and says "Wax works for me in dry weather.". With a comment
    between the quote's header and its blockquote, the header was not found beside the quote and
    "Quote from: gear_owl on March 02, 2009, 08:15:40 AM" stood in the poster's own words."""
    post = post_with_a_comment("field_smf/core_theme_20.html", b"08:15:40 AM</a></div></div>",
                               b'<blockquote class="bbc_standard_quote">one drop', "9004",
                               "http://wheels.example/index.php/topic,4410.0.html")
    assert post.text == "Wax works for me in dry weather."
    assert [(q.author, q.text) for q in post.quotes] == [("gear_owl", "one drop on every roller")]


def test_a_comment_in_a_posts_html_from_a_script_leaves_its_citation_apart():
    """NodeBB's loopback page 2 of topic 31 (tests/data/nodebb_site): post 304's HTML, given in the
    page's ajaxify-data script, cites basil ("@basil said in Quoting the quoted:") before its
    blockquote, then says "Thanks. My grandmother's rule:". With a comment between the citation and
    the blockquote, the citation was not found beside the quote and stood in the poster's words: a
    post's HTML from a script or an API is read with its comments removed too."""
    post = post_with_a_comment("nodebb_site/topic/31/quoting-the-quoted/page-2/index.html",
                               b'href=\\"/post/302\\">Quoting the quoted<\\/a>:<\\/p>', b"\\n<blockquote>", "304",
                               "http://127.0.0.1/topic/31/quoting-the-quoted?page=2")
    assert post.text == "Thanks. My grandmother's rule:\n\nSee the guide 🌱"  # the emoji picture's alt is a word
    assert [(q.author, q.text) for q in post.quotes] == [("basil", "Every two weeks in summer."),
                                                         (None, "Green then brown.")]


def test_a_fragment_is_read_without_its_comments():
    div, problems = fragment_tree("<p>One<!-- a note --> two</p><!-- between --><blockquote>Three</blockquote>")
    assert (div.tag, [child.tag for child in div], div[0].text, problems) == ("div", ["p", "blockquote"], "One two", [])


def test_a_div_or_words_printed_in_the_head_go_to_the_top_of_the_body():
    """A theme that prints the Facebook SDK's ``<div id="fb-root">`` (or a stray "&nbsp;") in its
    head: the head ended there, its later elements were read in the body and ``<body id>``'s
    attributes were dropped. They stay where the page put them; the stray part heads the body."""
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><div id="fb-root"></div>&nbsp;<title>Topic</title>'
            '<meta name="generator" content="Discourse 3.2"><script>var s = "<div>";</script></head>'
            '<body id="phpbb" class="section-viewtopic"><div class="post">Words</div></body></html>')
    root, _ = page_tree(page)
    head, body = root.find("head"), root.find("body")
    assert [child.tag for child in head] == ["meta", "title", "meta", "script"]
    assert head[2].get("content") == "Discourse 3.2"
    assert (body.get("id"), body.get("class")) == ("phpbb", "section-viewtopic")
    assert [(child.tag, child.get("id") or child.get("class")) for child in body] == [("div", "fb-root"), ("div", "post")]


def test_an_engine_known_by_its_head_is_still_known_with_a_div_in_its_head():
    """The Discourse crawler view of tests/data/discourse/crawler_2019.html with the SDK's div at
    the top of its head: the generator meta was read in the body, and the page was read by the
    generic parser (or declined) instead of Discourse's."""
    body = (DATA / "discourse" / "crawler_2019.html").read_bytes()
    url = "https://forum.example/t/some-topic/55"
    plain = parse_page(body, url, datetime(2024, 6, 1, tzinfo=UTC))
    head = body.index(b"<head>") + len(b"<head>")
    moved = parse_page(body[:head] + b'<div id="fb-root"></div>' + body[head:], url, datetime(2024, 6, 1, tzinfo=UTC))
    assert (plain.engine, moved.engine) == ("discourse", "discourse")
    assert [(p.post_id, p.author.name, p.published_at) for p in moved.posts] == [
        (p.post_id, p.author.name, p.published_at) for p in plain.posts]


def test_a_head_is_left_as_written_only_when_it_holds_head_parts_alone():
    """Whether a head holds anything but head parts is asked part by part (a script's content to
    its end tag in one search): a pattern matching the whole head at once walked every script a
    character at a time, 0.33 ms for a 16 KB head. The answers, written by hand for each head."""
    from parsers.page_tree import with_stray_head_content_in_body

    def left_as_written(head: str) -> bool:
        page = f"<html><head>{head}</head><body><p>x</p></body></html>"
        return with_stray_head_content_in_body(page) == page

    for head in ("", "  \n", '<meta charset="utf-8"><title>T</title><!-- c --><script>var a = "<div>";</script>\n',
                 "<SCRIPT type=x>a</SCRIPT ><LINK rel=icon href=/i.png><BASE href=/>", "<style>p>b{}</style>",
                 "<noscript><img src=p.gif></noscript><template><div>t</div></template><!---->"):
        assert left_as_written(head), head
    for head in ('<meta a=b><div id="fb-root"></div>', "<title>T</title>&nbsp;", "words", "<!-->x",
                 "<script>never closed", "<!-- never closed", "<meta never closed", "<span>", "a < b"):
        assert not left_as_written(head), head
