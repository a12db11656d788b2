"""Honest verdicts (issue 14): a forum page is never an article, an article never a forum page.

The classifier runs over every sample page (always) and every shared real page (skipped when
../shared is absent). The small pages below, one per kind of forum evidence, are hand-written
for these tests; they are not copies of real pages.
"""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from parsel import Selector

from parsers.forum_evidence import (AUTHOR_CLASS, AUTHOR_WORDS, DATE_CLASS, DATE_WORDS, PROFILE_HREF, PROFILE_WORDS,
                                    author_and_date_holders, forum_evidence, matching_values, names_author_and_date,
                                    post_block_groups)
from parsers.html_text import decode_body
from parsers.registry import build_tree
from parsers.registry import parse_page

from conftest import DATA, REAL_FIXTURES, ROOT

CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
FORUM_REASON = "a forum page no parser reads yet"
DEMO_PAGES = ROOT / "crawler" / "demo_site" / "pages"
NEWS_SAMPLES = ("aawsat", "aawsat-ar", "arabnews", "news_spider", "news_shapes", "news_bench_mini", "news_field")
SHARED_NEWS = ("news", "news-bench")


def sample_pages() -> list[Path]:
    return sorted(p for base in (DEMO_PAGES, DATA) for p in base.rglob("*.html") if p.is_file())


# Hand-written pages that are no forum thread (tests/data/generic): an article with reader comments,
# a blog post with its comments, a listing of thread links.
NOT_FORUM_SAMPLES = ("news_with_comments.html", "blog_with_comments.html", "listing.html")


def is_news_sample(path: Path) -> bool:
    return any(part in NEWS_SAMPLES for part in path.parts) or (
        path.parent.name == "generic" and path.name in NOT_FORUM_SAMPLES)


def shared_pages() -> list[tuple[str, Path]]:
    if not REAL_FIXTURES.is_dir():
        return []
    pages = [(p.parent.name, p) for p in sorted(REAL_FIXTURES.glob("*/*.html"))]
    return pages + [("news-bench", p) for p in sorted((REAL_FIXTURES / "news-bench" / "html").glob("*.html.gz"))]


def shared_url(path: Path) -> str:
    """The page's own URL from its ground truth (the news parser and the Forumotion test read it)."""
    if path.name.endswith(".gz"):
        truth = json.loads((REAL_FIXTURES / "news-bench" / "ground-truth.json").read_text(encoding="utf-8"))
        return truth.get(path.name.split(".")[0], {}).get("url", "https://example.org/")
    expected = path.with_name(path.name.split(".")[0] + ".expected.json")
    if expected.exists():
        return json.loads(expected.read_text(encoding="utf-8")).get("source_url") or "https://example.org/"
    return "https://example.org/" + path.stem


def assert_forum_verdict(result, label: str) -> None:
    """A forum page: a thread page with posts (or one that says it found none), a listing, a wall,
    a page its engine declines, or unsupported with the forum evidence named."""
    assert result.kind != "article_page", f"{label}: forum page read as an article"
    if result.kind == "thread_page":
        assert result.posts or any("without posts" in e for e in result.errors), f"{label}: silent empty thread"
    if result.kind == "unsupported":
        assert result.engine or FORUM_REASON in result.reason, f"{label}: {result.reason}"


@pytest.mark.parametrize("path", sample_pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_sample_page_verdict(path):
    result = parse_page(path.read_bytes(), "https://example.org/" + path.parent.name + "/", CAPTURED)
    if is_news_sample(path):
        assert result.kind not in ("thread_page", "forum_page"), result.kind
        assert FORUM_REASON not in (result.reason or "")
    else:
        assert_forum_verdict(result, str(path))


@pytest.mark.parametrize("folder,path", shared_pages(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_shared_page_verdict(folder, path):
    body = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    result = parse_page(body, shared_url(path), CAPTURED)
    if folder in SHARED_NEWS:
        assert result.kind not in ("thread_page", "forum_page"), result.kind
        assert forum_evidence(Selector(text=body.decode("utf-8", "replace")), shared_url(path)) is None
    else:
        assert_forum_verdict(result, path.name)
        if result.kind == "unsupported":
            assert FORUM_REASON in result.reason


def test_shared_fixtures_cover_unsupported_forums():
    if not REAL_FIXTURES.is_dir():
        pytest.skip("shared fixtures absent")
    folders = {folder for folder, _ in shared_pages()}
    assert {"forumotion", "other", "news", "news-bench"} <= folders
    assert len([p for folder, p in shared_pages() if folder in SHARED_NEWS]) >= 150


def test_thread_page_without_posts_says_so():
    # A XenForo thread page whose one post block lost its words (no BB code wrapper, no body element).
    # (The shared villagersandheroes page once served here; its posts are read since issue 14.)
    page = ('<html id="XF" data-template="thread_view"><head><title>T</title></head><body>'
            '<article class="message message--post js-post" data-author="Ann" data-content="post-1" id="js-post-1">'
            '<div class="message-inner"><h4 class="message-name"><a class="username" href="/members/ann.1/">Ann</a>'
            '</h4></div></article></body></html>').encode()
    result = parse_page(page, "https://forum.example/threads/t.1/", CAPTURED)
    assert result.kind == "thread_page" and not result.posts
    assert "xenforo page without posts: no post block found" in result.errors


# --- hand-written pages, one per kind of evidence -------------------------------------------------

ARTICLE_HEAD = '<meta property="og:type" content="article"><title>Topic</title>'
BODY_TEXT = "<p>" + "The pump stopped working after the storm and the filter is full of leaves. " * 3 + "</p>"


def page(head: str = "", body: str = "") -> str:
    return f"<html><head>{ARTICLE_HEAD}{head}</head><body>{body}</body></html>"


def json_ld(data) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def authored_comment(name: str) -> dict:
    return {"@type": "Comment", "author": {"@type": "Person", "name": name}, "text": "I agree."}


def post_block(name: str, day: int) -> str:
    return (f'<div class="entry"><a href="/members/{name}.1/">{name}</a>'
            f'<time datetime="2024-05-0{day}">May {day}</time>{BODY_TEXT}</div>')


EVIDENCE_PAGES = {
    "JSON-LD DiscussionForumPosting": page(json_ld({"@context": "https://schema.org", "@type": "DiscussionForumPosting",
                                                    "headline": "Pump", "author": {"name": "ann"}}), BODY_TEXT),
    "JSON-LD QAPage": page(json_ld({"@context": "https://schema.org", "@type": "QAPage",
                                    "mainEntity": {"@type": "Question", "name": "Pump?"}}), BODY_TEXT),
    "JSON-LD list of 3 authored comments": page(json_ld([authored_comment(n) for n in ("ann", "bob", "cy")]), BODY_TEXT),
    "microdata DiscussionForumPosting": page(body='<div itemscope itemtype="https://schema.org/DiscussionForumPosting">'
                                              + BODY_TEXT + "</div>"),
    "Forumotion topic": page('<script>_board["Forumotion"] = "Forumieren";</script>',
                             '<div class="postprofile">ann</div>' + BODY_TEXT),
    "Discuz! board": page("<script>var discuz_uid = '0';</script>", BODY_TEXT),
    "Khoros/Lithium community": page(body='<div class="lia-message-view-forum-message">' + BODY_TEXT + "</div>"),
    "FluxBB/PunBB topic": page(body='<div id="punviewtopic" class="pun"><a href="viewtopic.php?id=4">Pump</a>'
                                    + BODY_TEXT + "</div>"),
    "phpBB 2 topic": page(body='<a href="viewtopic.php?t=12">Pump</a><span class="postdetails">Posted: today</span>'
                               '<span class="postbody">' + BODY_TEXT + "</span>"),
    "Invision Power Board 3 topic": page("<script>ipb.vars['board_url'] = '/';</script>",
                                         '<div class="post_block">' + BODY_TEXT + "</div>"),
    "vBulletin page": page('<meta name="generator" content="vBulletin 4.2.5">', BODY_TEXT),
    "MesDiscussions.Net topic": page(body='<div class="mesdiscussions" id="mesdiscussions">' + BODY_TEXT + "</div>"),
    "Kunena topic": page('<meta property="og:type" content="article">', '<div id="kunena" class="layout">' + BODY_TEXT + "</div>"),
    # HealthUnlocked (2020): the opening post in div.post-container, its replies in
    # div.post-responses-list, each div#post-resp-N, a reply's answers nested in its block.
    "HealthUnlocked post": page('<meta property="og:type" content="article">',
                                '<div class="post-container"><a href="/user/ann">ann</a>' + BODY_TEXT + "</div>"
                                '<div class="post-responses-list"><div class="top-level-comment" id="post-resp-1001">'
                                '<a href="/user/bob">bob</a><p>Same here.</p><div class="sub-comment" id="post-resp-1002">'
                                '<a href="/user/ann">ann</a><p>Thanks.</p></div></div></div>'),
    # Phorum 5 (emerald template): div#phorum around the page, read.php?F,T,M message links.
    "Phorum page": page(body='<div id="phorum"><a href="read.php?2,736,737#msg-737">Re: Pump</a>' + BODY_TEXT
                             + '<div id="footer-plug">powered by <a href="http://www.phorum.org/">Phorum</a></div></div>'),
    "2ch-style read.cgi thread": page(body='<a href="//quiet.example/test/read.cgi/pumps/1570005180/l50">50</a>'
                                           '<span class="uid">ID:qWbN2xTr0</span>' + BODY_TEXT),
    "3 sibling post blocks .entry with author and date": page(body="<div>" + "".join(
        post_block(name, day) for day, name in enumerate(("ann", "bob", "cy"), 1)) + "</div>"),
}


@pytest.mark.parametrize("evidence", EVIDENCE_PAGES)
def test_forum_evidence_is_named(evidence):
    html = EVIDENCE_PAGES[evidence]
    assert forum_evidence(Selector(text=html), "https://board.example.org/t7-pump") == evidence
    result = parse_page(html.encode(), "https://board.example.org/t7-pump", CAPTURED)
    if evidence in GENERIC_READS:  # the generic parser reads the posts its structure shows
        assert (result.kind, result.engine) == ("thread_page", "generic")
        assert result.reason == f"read by the generic parser from {GENERIC_READS[evidence]} (evidence: {evidence})"
        return
    assert result.kind == "unsupported"
    if result.engine is None:  # the vBulletin parser itself declines its page without posts
        # The generic parser declined too (these pages show no post with an author and a date), and says why.
        assert result.reason.startswith(f"{FORUM_REASON} ({evidence}); generic parser declined: ")



def test_a_healthunlocked_post_without_replies_is_known_by_its_page_data():
    """No replies, so no responses list: the page's __NEXT_DATA__ still holds the post as
    "singlePost", beside div.post-container."""
    html = page('<meta property="og:type" content="article">'
                '<script id="__NEXT_DATA__" type="application/json">{"props": {"pageProps": {"singlePost": {"id": 7}}}}'
                "</script>", '<div class="post-container"><a href="/user/ann">ann</a>' + BODY_TEXT + "</div>")
    assert forum_evidence(Selector(text=html), "https://board.example.org/t7-pump") == "HealthUnlocked post"

# Evidence pages whose posts the generic parser reads, with where it says it read them from.
GENERIC_READS = {"3 sibling post blocks .entry with author and date": "3 sibling post blocks .entry"}


NEWS_WITH_COMMENTS = page(
    json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm floods the valley",
             "datePublished": "2024-05-01T10:00:00Z", "author": {"@type": "Person", "name": "Reporter"},
             "comment": [authored_comment(n) for n in ("ann", "bob", "cy", "dee")]}),
    "<article><h1>Storm floods the valley</h1>" + BODY_TEXT * 6 + "</article>"
    '<ol class="comment-list">' + "".join(
        f'<li itemscope itemtype="https://schema.org/Comment"><span itemprop="author">{name}</span>'
        f'<a href="/author/{name}/">{name}</a><time datetime="2024-05-02">May 2</time><p>Terrible news.</p></li>'
        for name in ("ann", "bob", "cy", "dee")) + "</ol>")


def test_news_article_with_its_comments_stays_an_article():
    assert forum_evidence(Selector(text=NEWS_WITH_COMMENTS), "https://news.example.org/storm") is None
    result = parse_page(NEWS_WITH_COMMENTS.encode(), "https://news.example.org/storm", CAPTURED)
    assert result.kind == "article_page"


def test_related_article_teasers_are_not_posts():
    teaser = ('<li><a href="/a/{0}">Headline {0}</a><span class="authorName">Writer</span>'
              '<time datetime="2024-05-01">May 1</time><p>' + "An excerpt of the article. " * 4 + "</p></li>")
    html = page(body="".join('<div class="TeaserList"><ul>' + teaser.format(i) + teaser.format(i + 1) + "</ul></div>"
                             for i in range(3)))
    assert forum_evidence(Selector(text=html), "https://news.example.org/storm") is None


def test_board_printing_each_post_as_anchored_table_rows_is_a_forum_not_an_article():
    """A proprietary board prints a post as three table rows, the first anchored <tr id="m5104"> with
    the poster's profile link and "14.05.2020, 18:02": no block wraps a post, and its longest message
    passes for an article's running text. The anchored rows are forum evidence."""
    path = DATA / "generic" / "post_rows_board.html"
    url = "https://club.example.org/forum/?tnr=1&mnr=5100&fv=1"
    html = path.read_text(encoding="utf-8")
    assert forum_evidence(Selector(text=html), url) == "3 post rows tr#m5104... with author and date"
    result = parse_page(path.read_bytes(), url, CAPTURED)
    assert result.kind == "unsupported"
    assert result.reason.startswith(f"{FORUM_REASON} (3 post rows tr#m5104... with author and date); "
                                    "generic parser declined: ")


def test_reader_comments_anchored_under_an_article_stay_an_article():
    """Comments anchored "comment-NNN" with a profile link and a date, below an article that holds most
    of the page's text, outside any comment section the template names: still an article."""
    comments = "".join(
        f'<div id="comment-{900 + n}"><a href="/user/{name}">{name}</a> <span>02.05.2024, 10:0{n}</span>'
        f"<p>{'I live two streets away and the water reached our door as well. ' * 2}</p></div>"
        for n, name in enumerate(("ann", "bob", "cy")))
    html = page('<meta property="og:type" content="article">',
                "<article><h1>Storm floods the valley</h1>" + BODY_TEXT * 8 + "</article><div>" + comments + "</div>")
    assert forum_evidence(Selector(text=html), "https://news.example.org/storm") is None
    assert parse_page(html.encode(), "https://news.example.org/storm", CAPTURED).kind == "article_page"


def test_board_printing_each_post_as_a_header_row_and_a_message_row_is_a_forum_not_an_article():
    """A proprietary board (guest view) prints a post as a header row, the poster's name in
    div.thread-profile-box and "erstellt: 03. Mar 2019, <span class=time>", then a tr.posting-row with
    the message: no ids, no profile links, no block per post, and a long opening post."""
    path = DATA / "generic" / "post_header_rows_board.html"
    url = "https://www.sound.example/viewthread-84-5120.html"
    assert forum_evidence(Selector(text=path.read_text(encoding="utf-8")), url) == \
        "3 post header rows with author and date"
    result = parse_page(path.read_bytes(), url, CAPTURED)
    assert result.kind == "unsupported"
    assert result.reason.startswith(f"{FORUM_REASON} (3 post header rows with author and date); ")



@pytest.mark.parametrize("name,evidence", [
    ("printed_time_header_rows_board.html", "3 post header rows with author and date"),
    ("printed_date_post_blocks_board.html", "3 sibling post blocks .discussion-post with author and printed date"),
], ids=["header rows, bare time", "blocks, bare date"])
def test_boards_printing_each_posts_date_as_bare_text_are_forums_not_articles(name, evidence):
    """Boards of their own engines that print a post's date as bare text ("9:00am On Apr 24" in
    the header row; "Nov 20, 2019 11:26 PM" after the poster's link), with no <time> and no class
    that says date: each page was a news article of every post's words run together (before),
    and is now a forum page no parser reads, said so."""
    path = DATA / "generic" / name
    url = "https://board.example/thread/4402117"
    assert forum_evidence(Selector(text=path.read_text(encoding="utf-8")), url) == evidence
    result = parse_page(path.read_bytes(), url, CAPTURED)
    assert result.kind == "unsupported"
    assert result.reason.startswith(f"{FORUM_REASON} ({evidence}); ")


def test_a_live_blog_declared_as_an_article_stays_an_article():
    """A publisher's live blog: entries by reporters (author-classed bylines) each printing its time
    ("10:32 am"), holding most of the page's text, the page declaring a LiveBlogPosting. Without
    the declaration these entries would read as a board's posts; with it, the page is an article."""
    entry = ('<div class="entry"><span class="entry-author">Reporter {n}</span> <span>10:3{n} am</span>'
             "<p>" + "Crews reopened the valley road after the water went down overnight. " * 2 + "</p></div>")
    body = "<h1>Storm live</h1><div class='entries'>" + "".join(entry.format(n=n) for n in range(4)) + "</div>"
    declared = page(json_ld({"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Storm live"}),
                    body)
    assert forum_evidence(Selector(text=declared), "https://news.example.org/live") is None
    assert forum_evidence(Selector(text=page("", body)), "https://news.example.org/live") == \
        "4 sibling post blocks .entry with author and printed date"

def test_columns_of_teasers_with_bylines_and_printed_dates_stay_an_article():
    """Four columns of related-article teasers below a short article, each teaser with its byline
    (an author-classed element), its day as bare text and a summary, the columns holding most of
    the page's text: each column is a list of such items, not a post, and the page an article."""
    teaser = ('<li class="teaser"><a href="/opinion/{n}">Headline number {n}</a>'
              '<div class="teaser-authorName"><a href="/people/writer-{n}">Writer {n}</a></div>'
              '<div class="teaser-day">Tuesday November 19, 2019</div>'
              '<div class="teaser-summary">' + "A summary of the related piece, long enough to read as words. " * 2
              + "</div></li>")
    columns = "".join(f'<div class="columns"><ul>{"".join(teaser.format(n=f"{c}{n}") for n in range(3))}</ul></div>'
                      for c in range(4))
    html = page("", "<article><h1>Storm floods the valley</h1>" + BODY_TEXT + "</article><aside>" + columns + "</aside>")
    assert forum_evidence(Selector(text=html), "https://news.example.org/storm") is None
    assert parse_page(html.encode(), "https://news.example.org/storm", CAPTURED).kind == "article_page"

# --- The quick readings of the forum checks give what the plain tests give ------------------------

@pytest.mark.parametrize("pattern,words", [(AUTHOR_CLASS, AUTHOR_WORDS), (DATE_CLASS, DATE_WORDS),
                                           (PROFILE_HREF, PROFILE_WORDS)], ids=["author", "date", "profile"])
def test_matching_values_is_the_patterns_search(pattern, words):
    values = ["post-author", "PostAuthor", "byline", "Date", "x-TIME-y", "posted", "", "/u/42", "/U/42",
              "/users/7", "memberlist.php", "nav", "uſer-box", "nicK", "nic\u212a", "Ünterschrift time",
              "profile", "MITGLIED", "benutzer/9", "showuser=3", "accounts", "datum", "zeit"]
    assert matching_values(values, pattern, words) == {v for v in values if pattern.search(v)}
    assert matching_values([], pattern, words) == set()


def holder_pages() -> list[Path]:
    """Pages with post blocks and pages without: every sample page, and the shared news pages."""
    shared = sorted((REAL_FIXTURES / "news").glob("*.html")) if REAL_FIXTURES.is_dir() else []
    return sample_pages() + shared


@pytest.mark.parametrize("path", holder_pages(), ids=lambda p: p.name)
def test_author_and_date_holders_are_the_blocks_names_author_and_date_accepts(path):
    root = build_tree(decode_body(path.read_bytes()))
    holders = author_and_date_holders(root)
    below_body = [e for body in root.iter("body") for e in body.iterdescendants() if isinstance(e.tag, str)]
    assert {e for e in below_body if names_author_and_date(e)} == holders & set(below_body)


# --- Too few author or date markers on the page: no group, and no walk -----------------------------

def _board(posts: int) -> str:
    post = ("<div class='entry'><a href='/members/{n}'>Name{n}</a>"
            " <time datetime='2024-03-0{n}'>March {n}</time>"
            "<p>" + "Words of the post and more words about the matter at hand. " * 4 + "</p></div>")
    return "<html><body><div id='thread'>" + "".join(post.format(n=n) for n in range(1, posts + 1)) + "</div></body></html>"


def test_a_board_of_three_posts_has_its_group_and_two_have_none():
    """Three blocks, each with a profile link and a <time>: the group of three; two blocks are two
    author markers, fewer than a group needs, so the page index's count alone answers."""
    three, two = build_tree(_board(3)), build_tree(_board(2))
    assert [(classes, len(blocks)) for classes, blocks in post_block_groups(three)] == [("entry", 3)]
    assert post_block_groups(two) == []
    assert author_and_date_holders(two)  # the holders are there: the count, not the walk, says no group
