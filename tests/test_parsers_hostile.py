"""Hostile pages: every way the fuzzer (bench/fuzz_parsers.py) made a parser raise, stall or give a
post another post's author, as a small page of each engine, read through ``parse_page``.

The pages below are hand-written: each engine's post markup cut down to what its parser reads
(author, time, body), with ``{inner}`` where a lost closing tag puts the next post's block.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timezone

import pytest

from parsers.budget import DEFAULT_SECONDS
from parsers.clock import UNSTATED_ZONE_ERROR
from parsers.dates import parse_text_date
from parsers.models import Quote
from parsers.quote_depth import MAX_QUOTE_DEPTH, quote_depth
from parsers.registry import parse_page
from parsers.xml_chars import loads_xml_safe

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
ENGINES = ("ips", "xenforo", "phpbb", "vbulletin", "smf", "mybb", "discourse")
# Engines whose pages below print times as text and state no zone: their errors say so.
UNZONED_PAGES = {"phpbb", "vbulletin", "smf", "mybb"}


# --- Hand-written pages: (page around the posts, one post, an author's name markup) --------------

PAGES = {
    "ips": (
        '<html class="ipsApp" lang="en"><head><title>Topic</title></head><body>{posts}</body></html>',
        '<article id="elComment_{id}" class="cPost ipsComment">{inner}'
        '<aside><h3 class="cAuthorPane_author">{author}</h3></aside>'
        "<div data-commentid=\"{id}\" data-quotedata='{quotedata}'>"
        '<div class="ipsComment_meta"><time datetime="2024-05-01T10:00:00Z">1 May</time></div>'
        '<div data-role="commentContent"><p>{body}</p></div></div></article>',
        '<a href="https://ips.example/profile/{uid}-{name}/">{name}</a>',
    ),
    "xenforo": (
        '<html id="XF" lang="en"><head><title>Thread</title></head><body>{posts}</body></html>',
        '<article class="message message--post" data-author="{name}" data-content="post-{id}" id="js-post-{id}">{inner}'
        '<div class="message-inner"><div class="message-cell message-cell--user"><section class="message-user">'
        '<h4 class="message-name">{author}</h4></section></div>'
        '<div class="message-cell message-cell--main"><header class="message-attribution">'
        '<time class="u-dt" datetime="2024-05-01T10:00:00+0000" data-time="1714557600">May 1</time></header>'
        '<div class="message-userContent"><article class="message-body"><div class="bbWrapper">{body}</div>'
        "</article></div></div></div></article>",
        '<a href="/members/{name}.{uid}/" class="username" data-user-id="{uid}">{name}</a>',
    ),
    "phpbb": (
        '<html lang="en-gb"><head><title>Topic</title></head><body id="phpbb">'
        '<h2 class="topic-title"><a href="./viewtopic.php?t=5">Topic</a></h2>{posts}</body></html>',
        '<div id="p{id}" class="post bg2">{inner}<div class="inner"><div class="postbody">'
        '<p class="author"><a href="./viewtopic.php?p={id}#p{id}">Post</a> by {author} » Sun Mar 06, 2016 5:45 am</p>'
        '<div class="content">{body}</div></div><dl class="postprofile"><dt>{author}</dt></dl></div></div>',
        '<strong><a href="./memberlist.php?mode=viewprofile&amp;u={uid}" class="username">{name}</a></strong>',
    ),
    "vbulletin": (
        '<html id="vbulletin_html" lang="en"><head><title>Thread</title></head><body>'
        '<ol id="posts">{posts}</ol></body></html>',
        '<li class="postbitlegacy postcontainer" id="post_{id}">{inner}'
        '<div class="posthead"><span class="date">08-11-2009, <span class="time">11:49 AM</span></span></div>'
        '<div class="userinfo">{author}</div><div class="postbody"><div class="content"><div id="post_message_{id}">'
        '<blockquote class="postcontent restore">{body}</blockquote></div></div></div></li>',
        '<a class="username" href="member.php?u={uid}">{name}</a>',
    ),
    "smf": (
        '<html lang="en"><head><title>Topic</title><script>var smf_scripturl = "https://smf.example/index.php";</script>'
        '</head><body><div id="forumposts">{posts}</div></body></html>',
        '<div class="windowbg" id="msg{id}">{inner}<div class="post_wrapper"><div class="poster"><h4>{author}</h4></div>'
        '<div class="postarea"><div class="keyinfo"><div id="subject_{id}" class="subject_title">'
        '<a href="https://smf.example/index.php?msg={id}">Re: Topic</a></div><div class="postinfo">'
        '<a href="https://smf.example/index.php?msg={id}" class="smalltext">May 29, 2024, 10:00:00 AM</a></div></div>'
        '<div class="post"><div class="inner" id="msg_{id}">{body}</div></div></div></div></div>',
        '<a href="https://smf.example/index.php?action=profile;u={uid}">{name}</a>',
    ),
    "mybb": (
        '<html lang="en"><head><title>Thread</title><script>var my_post_key = "k";</script></head>'
        "<body>{posts}</body></html>",
        '<div class="post" id="post_{id}">{inner}<div class="post_author"><span class="largetext">{author}</span></div>'
        '<div class="post_content"><div class="post_head"><span class="post_date">02-23-2019, 09:14 PM</span></div>'
        '<div class="post_body scaleimages" id="pid_{id}">{body}</div></div></div>',
        '<a href="https://mybb.example/member.php?action=profile&amp;uid={uid}">{name}</a>',
    ),
    "discourse": (
        '<html lang="en"><head><meta name="generator" content="Discourse 3.2.0"><title>Topic</title>'
        '<link rel="canonical" href="https://d.example/t/topic/9"></head>'
        '<body><div id="main-outlet">{posts}</div></body></html>',
        '<div id="post_{id}" class="topic-body crawler-post" itemprop="comment" itemscope'
        ' itemtype="http://schema.org/Comment">{inner}<div class="crawler-post-meta">{author}<span class="crawler-post-infos">'
        '<time itemprop="datePublished" datetime="2024-05-01T10:00:00Z">May 1</time>'
        '<span itemprop="position">{id}</span></span></div>'
        '<div class="post" itemprop="text">{body}</div></div>',
        '<span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person">'
        '<a itemprop="url" href="https://d.example/u/{name}"><span itemprop="name">{name}</span></a></span>',
    ),
}
# One quote level of each engine's markup, as its parser's fixtures write it.
QUOTES = {
    "ips": ('<blockquote class="ipsQuote" data-ipsquote-username="Cy"><div class="ipsQuote_citation">Cy said:</div>'
            '<div class="ipsQuote_contents">', "</div></blockquote>"),
    "xenforo": ('<blockquote class="bbCodeBlock bbCodeBlock--quote" data-quote="Cy"><div class="bbCodeBlock-title">Cy said:'
                '</div><div class="bbCodeBlock-content"><div class="bbCodeBlock-expandContent">', "</div></div></blockquote>"),
    "phpbb": ("<blockquote><div><cite>Cy wrote:</cite>", "</div></blockquote>"),
    "vbulletin": ('<div class="bbcode_container"><div class="bbcode_quote"><div class="quote_container">'
                  '<div class="bbcode_postedby">Originally Posted by <strong>Cy</strong></div><div class="message">',
                  "</div></div></div></div>"),
    "smf": ('<blockquote class="bbc_standard_quote"><cite>Quote from: Cy on May 28, 2024</cite>', "</blockquote>"),
    "mybb": ('<blockquote class="mycode_quote"><cite>Cy Wrote:</cite>', "</blockquote>"),
    "discourse": ('<aside class="quote" data-username="cy" data-post="1" data-topic="9"><div class="title">cy:</div>'
                  "<blockquote>", "</blockquote></aside>"),
}


def post(engine: str, number: int, name: str | None, body: str, inner: str = "") -> str:
    """Post ``number`` (1, 2, ...) by ``name`` (None: its author markup is missing)."""
    _page, template, author = PAGES[engine]
    post_id = number if engine == "discourse" else 100 + number
    quotedata = json.dumps({"userid": number, "username": name}) if name else "{}"
    return template.format(id=post_id, inner=inner, body=body, quotedata=quotedata,
                           author=author.format(uid=number, name=name) if name else "",
                           name=name or "")


def page(engine: str, *posts: str) -> bytes:
    return PAGES[engine][0].format(posts="".join(posts)).encode("utf-8")


def parse(engine: str, body: bytes, **options):
    url = {"ips": "https://ips.example/topic/5-topic/", "xenforo": "https://xf.example/threads/topic.9/",
           "phpbb": "https://bb.example/viewtopic.php?t=5", "vbulletin": "https://vb.example/showthread.php?t=9",
           "smf": "https://smf.example/index.php?topic=9.0", "mybb": "https://mybb.example/thread-9.html",
           "discourse": "https://d.example/t/topic/9"}[engine]
    return parse_page(body, url, CAPTURED, **options)


def authors(result) -> dict[str, str | None]:
    return {p.post_id: p.author.name for p in result.posts}


def test_the_hand_written_pages_read_as_their_engine():
    for engine in ENGINES:
        result = parse(engine, page(engine, post(engine, 1, "Ann", "Hello."), post(engine, 2, "Bob", "Hi.")))
        assert (result.kind, result.engine) == ("thread_page", engine), (engine, result.reason)
        assert list(authors(result).values()) == ["Ann", "Bob"], engine
        assert [p.text for p in result.posts] == ["Hello.", "Hi."], engine


# --- Characters lxml refuses (ValueError: All strings must be XML compatible) -------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_control_characters_in_words_and_links_are_left_out(engine):
    # Before: the engines that edit their tree (drop a quote, rewrite a link) raised ValueError.
    body = ('Mind\x02 the\x0b gap&#2;&#x1F;.<a href="https://news.example/\x0ba&#x0b;b">the\x08 news</a>'
            '<img src="/p\x0b.png" alt="a\x1fpicture">\ufffe' + QUOTES[engine][0] + "Quoted\x02 words." + QUOTES[engine][1])
    result = parse(engine, page(engine, post(engine, 1, "Ann\x02", body), post(engine, 2, "Bob", "Hi\x0cthere.")))
    assert (result.kind, result.reason) == ("thread_page", None)
    first, second = result.posts
    assert list(authors(result).values()) == ["Ann", "Bob"]
    assert first.text.startswith("Mind the gap.the news")
    assert "https://news.example/ab" in [link.url for link in first.links]
    assert first.quotes[0].text == "Quoted words."
    assert second.text == "Hithere."
    dumped = json.dumps(result.to_dict())
    assert not any(f"\\u{code:04x}" in dumped for code in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE))


def test_control_characters_and_lone_surrogates_in_discourse_json():
    # Before: "\ud800" in a username raised UnicodeEncodeError (the profile URL), "\u0002" in
    # cooked HTML ValueError.
    topic = {"id": 9, "slug": "topic", "title": "Topic\u0002", "post_stream": {"posts": [
        {"id": 11, "post_number": 1, "username": "ann\ud800", "created_at": "2024-05-01T10:00:00Z",
         "cooked": "<p>Mind\u0002 the\u000b gap.</p><aside class=\"quote\" data-username=\"bob\"><blockquote>"
                   "<p>Old\u0002 words</p></blockquote></aside>"},
        {"id": 12, "post_number": 2, "username": "bob", "created_at": "2024-05-01T11:00:00Z", "cooked": "<p>Hi.</p>"}]}}
    result = parse_page(json.dumps(topic).encode(), "https://d.example/t/topic/9.json", CAPTURED,
                        content_type="application/json")
    assert (result.kind, result.thread.title) == ("thread_page", "Topic")
    assert [p.author.name for p in result.posts] == ["ann", "bob"]
    assert result.posts[0].author.url == "https://d.example/u/ann"
    assert (result.posts[0].text, result.posts[0].quotes[0].text) == ("Mind the gap.", "Old words")


def test_discourse_json_with_values_of_other_types():
    # Before: a number where a list belongs raised TypeError ("'int' object is not iterable"),
    # dicts in the stream "unhashable type", a list as username "quote_from_bytes() expected bytes".
    topic = {"id": 9, "title": ["not", "words"], "tags": 5, "details": {"created_by": {"username": 7}},
             "post_stream": {"stream": [11, {"id": 3}, [4], True, 12, 13], "posts": [
                 {"id": 11, "post_number": 1, "username": ["ann"], "name": "Ann", "created_at": 1714557600,
                  "cooked": 42, "actions_summary": 5, "reactions": {"heart": 1}, "post_url": ["x"]},
                 {"id": 12, "post_number": 2, "username": "bob", "created_at": "2024-05-01T11:00:00Z",
                  "cooked": "<p>Hi.</p>", "actions_summary": [{"id": 2, "count": 3}]}]}}
    result = parse_page(json.dumps(topic).encode(), "https://d.example/t/topic/9.json", CAPTURED,
                        content_type="application/json")
    assert result.kind == "thread_page", result.reason
    assert [(p.author.name, p.published_at is None, p.reactions) for p in result.posts] == [
        ("Ann", True, {}), ("bob", False, {"Like": 3})]
    assert result.thread.title is None and result.thread.tags == []
    assert result.follow_urls == ["https://d.example/t/9/posts.json?post_ids[]=13"]


def test_json_nested_deeper_than_the_decoder_goes_is_not_a_document():
    result = parse_page(b"{" + b'"a":[' * 100_000 + b"1" + b"]" * 100_000 + b"}", "https://d.example/t/9.json",
                        CAPTURED, content_type="application/json")
    assert result.kind == "unsupported" and "parser error" not in result.reason


# --- Nesting: quotes in quotes, tags in tags ----------------------------------------------------


def nested(engine: str, depth: int) -> str:
    opening, closing = QUOTES[engine]
    return opening * depth + "The deepest words." + closing * depth


@pytest.mark.parametrize("engine", ENGINES)
def test_quotes_nested_500_deep_are_read_30_deep_and_the_post_says_so(engine):
    # Before: RecursionError in every engine (quotes read recursively, and every tree walk).
    started = time.thread_time()  # the parse's CPU: a busy machine stretches wall time
    result = parse(engine, page(engine, post(engine, 1, "Ann", nested(engine, 500) + "My answer."),
                                post(engine, 2, "Bob", "Hi.")))
    assert time.thread_time() - started < 2
    assert result.kind == "thread_page", result.reason
    first = result.posts[0]
    assert quote_depth(first.quotes) == MAX_QUOTE_DEPTH
    assert first.quotes[0].author.lower() == "cy" and "My answer." in first.text
    assert f"post {first.post_id}: quotes nested {MAX_QUOTE_DEPTH} levels deep or more" in " ".join(result.errors)
    assert "The deepest words." in first.html  # kept, in the post's markup
    assert list(authors(result).values()) == ["Ann", "Bob"]
    json.dumps(result.to_dict())


def test_quote_depth_counts_levels():
    leaf = Quote(author="c")
    assert quote_depth([]) == 0
    assert quote_depth([Quote(author="a", quotes=[Quote(author="b", quotes=[leaf])]), leaf]) == 3


@pytest.mark.parametrize("engine", ENGINES)
def test_a_post_1500_elements_deep_is_read_whole(engine):
    # Below the HTML parser's limit (2048 levels), above Python's recursion limit: the tree walks
    # (the post's text, its parts) used to recurse.
    deep = "<div><span>" * 750 + "Deep down." + "</span></div>" * 750
    result = parse(engine, page(engine, post(engine, 1, "Ann", deep), post(engine, 2, "Bob", "Hi.")))
    assert result.kind == "thread_page", result.reason
    assert result.posts[0].text == "Deep down." and result.posts[1].text == "Hi."
    assert result.errors == ([UNSTATED_ZONE_ERROR] if engine in UNZONED_PAGES else [])


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_nested_past_the_html_parsers_limit_is_read_whole_and_says_so(engine):
    # Before: libxml2 stopped reading at 2048 levels and the page came back a normal thread page,
    # the posts after that point missing and no error.
    deep = "<div>" * 10_001 + "Deep down." + "</div>" * 10_001 + " My words."
    started = time.thread_time()  # the parse's CPU: a busy machine stretches wall time
    result = parse(engine, page(engine, post(engine, 1, "Ann", deep), post(engine, 2, "Bob", "Hi.")))
    assert time.thread_time() - started < 2
    assert result.kind == "thread_page"
    assert [(p.author.name, " ".join(p.text.split())) for p in result.posts] == [
        ("Ann", "Deep down. My words."), ("Bob", "Hi.")]
    [said] = [error for error in result.errors if "HTML parser" in error]
    assert said.startswith("the page nests elements deeper than the HTML parser's limit (line 1, column ")
    assert said.endswith("): what is nested below 1000 levels is read flat")


def test_nesting_read_flat_keeps_the_words_and_what_follows():
    from parsers.deep_nesting import flattened

    body = b"<div><p>a<b>b</b></p>" + b"<blockquote>" * 5 + b"x<br>y" + b"</blockquote>" * 5 + b"<li>1<li>2</div>tail"
    assert flattened(body, 3) == b"<div><p>a<b>b</b></p><blockquote><blockquote>x<br>y</blockquote></blockquote><li>1<li>2</div>tail"
    script = b"<script>if (a <div> b) {}</script>" + b"<div>" * 4 + b"z" + b"</div>" * 4
    assert flattened(script, 2) == b"<script>if (a <div> b) {}</script><div><div>z</div></div>"


def test_smf_quotes_2000_deep_in_a_24_kb_page_read_in_linear_time():
    # Before: each quote was tested against every quote found and all its ancestors: 60 s.
    quote = '<div class="quoteheader">Quote from: Cy</div><div class="quote">'
    body = quote * 2000 + "deep" + "</div>" * 2000
    started = time.thread_time()  # the parse's CPU: a busy machine stretches wall time
    result = parse("smf", page("smf", post("smf", 1, "Ann", body)))
    assert time.thread_time() - started < 2
    assert result.kind == "thread_page" and quote_depth(result.posts[0].quotes) == MAX_QUOTE_DEPTH


# --- A post never takes another post's author -----------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("own_author", [True, False], ids=["author shown", "author missing"])
def test_the_next_post_inside_this_one_never_lends_it_its_author(engine, own_author):
    # A lost closing tag puts post 2's block at the start of post 1's. Before: the first author
    # element inside post 1's block was post 2's (IPS: its quote data; phpBB, MyBB: its author line).
    second = post(engine, 2, "Bob", "Hi.")
    first = post(engine, 1, "Ann" if own_author else None, "Hello.", inner=second)
    result = parse(engine, page(engine, first))
    assert result.kind == "thread_page"
    first_id, second_id = ("9/1", "9/2") if engine == "discourse" else ("101", "102")
    # vBulletin's posts are <li>s: an <li> closes the one before it, so post 1's words end up
    # outside its block, with nothing left to tie an author to them.
    expected = "Ann" if own_author and engine != "vbulletin" else None
    assert authors(result) == {first_id: expected, second_id: "Bob"}
    if expected is None:
        assert f"post {first_id}: no author name found" in result.errors


# A part of post 2 (named with post 2's number) left inside post 1's block when post 2's own block
# lost its markup: post 2 is gone, its author line is not.
ORPHANED_PARTS = {
    "phpbb": '<dl class="postprofile" id="profile102"><dt><a href="./memberlist.php?mode=viewprofile&amp;u=2"'
             ' class="username">Bob</a></dt></dl>',
    "vbulletin": '<div class="userinfo" id="postmenu_102"><a class="username" href="member.php?u=2">Bob</a></div>',
    "smf": '<div id="msg102"><div class="poster"><h4><a href="https://smf.example/index.php?action=profile;u=2">Bob</a>'
           "</h4></div></div>",
    "mybb": '<div class="post_author" id="post_meta_102"><span class="largetext">'
            '<a href="https://mybb.example/member.php?action=profile&amp;uid=2">Bob</a></span></div>',
}


@pytest.mark.parametrize("engine", sorted(ORPHANED_PARTS))
def test_a_part_of_another_post_inside_this_ones_block_lends_it_no_author(engine):
    # Before: with its own author line gone, post 1 took Bob's, left in its block (the fuzzer
    # found it deleting tags on the real phpBB and vBulletin pages).
    result = parse(engine, page(engine, post(engine, 1, None, "Hello.", inner=ORPHANED_PARTS[engine])))
    assert result.kind == "thread_page"
    assert [(p.post_id, p.author.name) for p in result.posts] == [("101", None)]
    assert "post 101: no author name found" in result.errors
    if engine != "smf":  # SMF reads the author from div.post_wrapper, which the part is not in
        assert "post 101: its block of the page holds other posts too" in " ".join(result.errors)


def test_ips_reads_no_part_of_an_article_inside_a_posts_block():
    # Before: post 1's own comment wrap had lost its data-commentid, so the first one in its block,
    # another post's (in an <article> whose id was garbled), gave post 1 that post's author. The
    # garbled id still names post 102 (post_blocks: a stray character in an id), so post 101's
    # block holds another post: its author is not read from it, and the errors say so (never Bob).
    other = ('<article id="elCom\ufffdment_102"><aside><h3 class="cAuthorPane_author">'
             '<a href="https://ips.example/profile/2-Bob/">Bob</a></h3></aside>'
             "<div data-commentid=\"102\" data-quotedata='{\"userid\": 2, \"username\": \"Bob\"}'>"
             '<div data-role="commentContent"><p>Hi.</p></div></div></article>')
    first = post("ips", 1, "Ann", "Hello.", inner=other).replace('data-commentid="101"', "")
    result = parse("ips", page("ips", first))
    assert [(p.post_id, p.author.name, p.text) for p in result.posts] == [("101", None, "Hello.")]
    assert "post 101: no author name found" in result.errors
    assert any(error.startswith("post 101: its block of the page holds other posts too") for error in result.errors)


def test_phpbb_never_takes_the_author_of_a_quote_in_the_message():
    # Before: with the profile column's end tag and the author's link lost, the message fell inside
    # the column and its quote's citation gave the post the quoted member as author (the fuzzer,
    # deleting tags on the real Raspberry Pi forum page).
    quote = ('<blockquote><div><cite><a href="./memberlist.php?mode=viewprofile&amp;u=9" class="username">Quoted Quinn'
             "</a> wrote:</cite>Old words.</div></blockquote>New words.")
    block = ('<div id="p101" class="post bg2"><div class="inner"><dl class="postprofile" id="profile101"><dt>Ann</dt>'
             '<div class="postbody"><p class="author">Sun Mar 06, 2016 5:45 am</p>'
             f'<div class="content">{quote}</div></div></div></div>')
    result = parse("phpbb", page("phpbb", block))
    assert [(p.post_id, p.author.name, p.text) for p in result.posts] == [("101", None, "New words.")]
    assert result.posts[0].quotes[0].author == "Quoted Quinn"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_link_python_cannot_read_is_kept_as_written(engine):
    # Before: urljoin raised "ValueError: Invalid IPv6 URL" on a host in brackets never closed.
    body = '<a href="http://[fe80::1/x">odd</a> and <img src="//[broken/p.png" alt="p">'
    result = parse(engine, page(engine, post(engine, 1, "Ann", body)))
    assert result.kind == "thread_page", result.reason
    assert "http://[fe80::1/x" in [link.url for link in result.posts[0].links]


SHARED_BLOCKS = {
    # Two posts whose parser finds no block of their own: it walks up from the message to an
    # element that holds both posts.
    "vbulletin": ('<html id="vbulletin_html"><head><title>T</title></head><body><div id="posts"><div class="x">'
                  '<a class="username" href="member.php?u=1">Ann</a><div id="post_message_301">Hello.</div>'
                  '<a class="username" href="member.php?u=2">Bob</a><div id="post_message_302">Hi.</div>'
                  "</div></div></body></html>"),
    "smf": ('<html><head><title>T</title><script>var smf_scripturl = "x";</script></head><body><div id="all">'
            '<div class="box"><div class="poster"><h4><a href="?action=profile;u=1">Ann</a></h4></div>'
            '<h5 id="subject_401">Hello</h5><div class="inner" id="msg_401">Hello.</div></div>'
            '<div class="box"><div class="poster"><h4><a href="?action=profile;u=2">Bob</a></h4></div>'
            '<h5 id="subject_402">Re: Hello</h5><div class="inner" id="msg_402">Hi.</div></div></div></body></html>'),
    "discourse": ('<html><head><meta name="generator" content="Discourse 3.2.0"><title>T</title></head><body>'
                  '<div itemscope itemtype="http://schema.org/DiscussionForumPosting">'
                  '<span itemprop="author"><span itemprop="name">ann</span></span>'
                  '<div class="post" itemprop="text">Hello.</div>'
                  '<span itemprop="author"><span itemprop="name">bob</span></span>'
                  '<div class="post" itemprop="text">Hi.</div>'
                  "</div></body></html>"),
}


@pytest.mark.parametrize("engine", sorted(SHARED_BLOCKS))
def test_a_block_around_several_posts_lends_none_of_them_an_author(engine):
    # Before: every post took the first author in the shared block (Ann wrote both posts).
    result = parse(engine, SHARED_BLOCKS[engine].encode())
    assert result.kind == "thread_page"
    assert [p.text for p in result.posts] == ["Hello.", "Hi."]
    assert [p.author.name for p in result.posts] == [None, None]
    for p in result.posts:
        assert f"post {p.post_id}: its block of the page holds other posts too" in " ".join(result.errors)


# --- No stall, no exception -----------------------------------------------------------------------


def test_a_parse_past_its_budget_is_an_unsupported_result_that_says_so():
    body = page("phpbb", post("phpbb", 1, "Ann", "Hello."))
    assert DEFAULT_SECONDS == 10
    assert parse("phpbb", body).kind == "thread_page"
    result = parse("phpbb", body, budget_seconds=0)
    assert (result.kind, result.engine) == ("unsupported", "phpbb")
    assert result.reason == "parse budget of 0 s exceeded in the phpbb parser"
    assert result.errors == [result.reason]


def test_an_exception_inside_a_parser_is_an_unsupported_result_naming_it():
    # Called with little stack left, the parser raises RecursionError somewhere inside: the
    # result says so instead of raising (and a crawl goes on with its next page).
    body = page("xenforo", post("xenforo", 1, "Ann", nested("xenforo", MAX_QUOTE_DEPTH)))

    def with_stack_left(frames: int):
        depth = len(_frames())
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(depth + frames)
        try:
            return parse("xenforo", body)
        finally:
            sys.setrecursionlimit(limit)

    assert with_stack_left(1000).kind == "thread_page"
    result = with_stack_left(40)  # quotes read 30 deep take more
    assert result.kind == "unsupported"
    assert result.reason.startswith("parser error in ") and "RecursionError" in result.reason
    assert result.errors == [result.reason]


def _frames() -> list:
    frames, frame = [], sys._getframe()
    while frame is not None:
        frames.append(frame)
        frame = frame.f_back
    return frames


def test_an_unknown_engine_is_still_a_usage_error():
    with pytest.raises(ValueError, match="unknown engine"):
        parse_page(b"<html></html>", "https://x.example/", CAPTURED, engine="nope")


def test_an_unknown_page_language_reads_dates_in_english():
    # Before: dateparser raised ValueError ("Unknown language(s): 'ef'") from a flipped <html lang>.
    assert parse_text_date("May 5th 2016 5pm", CAPTURED, languages=["ef"]) == datetime(2016, 5, 5, 17, tzinfo=timezone.utc)
    body = page("vbulletin", post("vbulletin", 1, "Ann", "Hello.")).replace(b'lang="en"', b'lang="ef"')
    result = parse("vbulletin", body)
    assert result.kind == "thread_page" and result.posts[0].published_at is not None


# --- JSON-LD of the wrong types (bench/fuzz_parsers.py json_ld_types) ------------------------------

IPS_WITH_JSON_LD = (
    '<html class="ipsApp" lang="en"><head><title>Topic</title>'
    '<script type="application/ld+json">{"@context": "http://schema.org", "@type": "DiscussionForumPosting",'
    ' "headline": ["not", "a string"], "datePublished": 1.5e308,'
    ' "author": {"@type": "Person", "name": ["Ann"], "url": true}}</script></head><body>'
    + PAGES["ips"][1].format(id=5001, inner="", author='<a href="https://ips.example/profile/7-ann/">Ann</a>',
                             quotedata="{}", body="Hello") + "</body></html>")


def test_ips_json_ld_values_of_other_types_are_not_read():
    result = parse_page(IPS_WITH_JSON_LD.encode(), "https://ips.example/topic/12-x/", CAPTURED)
    assert result.kind == "thread_page", result.reason
    # The list in "headline" is no title (the page has no <h1> or og:title); the JSON-LD's list and
    # number give no starter nor start, and the first post shown is not known to be the topic's
    # first (IPS prints no post numbers; no data-ips-first-post here): none.
    assert result.thread.title is None
    assert result.thread.starter is None and result.thread.started_at is None
    assert [(p.post_id, p.author.name) for p in result.posts] == [("5001", "Ann")]


GENERIC_JSON_LD_NAMELESS = """<html lang="en"><head><title>Pump noise</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "DiscussionForumPosting",
 "headline": "Pump noise", "url": "https://pumps.example/t/1", "identifier": "1",
 "author": {"@type": "Person", "name": ["Marta"], "url": "https://pumps.example/people/marta/"},
 "datePublished": "2024-05-01T10:00:00Z", "text": "My pump hums at night. Is that normal?",
 "comment": [{"@type": "Comment", "identifier": "2", "author": {"@type": "Person", "name": "Olu"},
   "datePublished": "2024-05-01T11:00:00Z", "text": "Mine too, it is the bearing."}]}</script>
</head><body><h1>Pump noise</h1></body></html>"""


def test_a_generic_post_whose_json_ld_name_is_not_words_has_an_error_naming_it():
    result = parse_page(GENERIC_JSON_LD_NAMELESS.encode(), "https://pumps.example/t/1", CAPTURED)
    if result.kind != "thread_page":
        # Refused as a whole (a post without an author) is as honest as a post with an error.
        assert "without an author" in (result.reason or ""), result.reason
        return
    nameless = [p for p in result.posts if not p.author.name]
    assert nameless and all(any(p.post_id in e and "no author name" in e for e in result.errors) for p in nameless)


def test_json_surrogate_escapes_alone_are_taken_out_and_pairs_kept():
    # A pair ("\ud83d\ude00", an emoji) decodes to one character and stays; a lone half goes,
    # and a "\\" before the "u" (an escaped backslash, then words) does not pair.
    assert loads_xml_safe('{"a": "\\ud83d\\ude00!"}') == {"a": "\U0001F600!"}
    assert loads_xml_safe('{"a": "x\\ud83dy"}') == {"a": "xy"}
    assert loads_xml_safe('{"a": "\\ude00\\ud83d"}') == {"a": ""}
    assert loads_xml_safe('{"a": "\\\\ud83d\\ude00"}') == {"a": "\\ud83d"}
    assert loads_xml_safe('{"\\ud83d": ["\\ud83d\\\\ude00"]}') == {"": ["\\ude00"]}


def test_json_backspace_and_form_feed_escapes_are_taken_out():
    # "\b" and "\f" decode to U+0008 and U+000C, which lxml refuses in any string set into a tree;
    # an escaped backslash before the letter ("\\b") is words, and stays.
    assert loads_xml_safe('{"a": "x\\by\\fz"}') == {"a": "xyz"}
    assert loads_xml_safe('{"a": "\\\\b"}') == {"a": "\\b"}
    assert loads_xml_safe('{"a": "\\ud83d\\ude00 \\f"}') == {"a": "\U0001F600 "}
