"""Hostile markup in one post costs nothing else: a real crawl of a thread whose posts hold
control characters and quotes nested two thousand deep stores every page and every post, each
with its own author."""

from __future__ import annotations

import sqlite_utils
from conftest import run_crawl, serve_pages
from thread_pages import write_thread

TOPIC = "topic/59-hostile"
CONTROL = 'see <a href="http://example.com/a\x0bb">this\x02link</a> and \x01\x1f\x7f words'
NESTED_QUOTE = ('<blockquote class="ipsQuote" data-ipsquote="" data-ipsquote-username="deep">'
                '<div class="ipsQuote_citation">deep said:</div><div class="ipsQuote_contents">')


def deep_quotes(depth: int) -> str:
    return NESTED_QUOTE * depth + "bottom" + "</div></blockquote>" * depth + " my own words"


def test_control_characters_and_deep_nesting_leave_every_post_and_page_stored(tmp_path):
    site, out = tmp_path / "site", tmp_path / "out"
    texts = {800: "plain", 801: CONTROL, 802: "after the control characters",
             803: deep_quotes(2000), 804: "after the deep quotes", 805: "<div>" * 20000 + "deep divs" + "</div>" * 20000,
             806: "after the deep divs", 807: "last page"}
    write_thread(site, sorted(texts.items()), topic=TOPIC)  # three pages of three, two and ... posts
    server = serve_pages(site)
    try:
        run_crawl([server.url(f"/{TOPIC}/")], out)
    finally:
        server.stop()
    db = sqlite_utils.Database(out / "archive.db")
    rows = {row["native_id"]: row for row in db.query("select native_id, author_name, text, page from posts")}
    assert set(rows) == {str(n) for n in texts}
    # Authors as written in the pages: member{id % 7 + 1} (tests/thread_pages.py).
    assert {n: rows[str(n)]["author_name"] for n in texts} == {n: f"member{n % 7 + 1}" for n in texts}
    assert [rows[str(n)]["page"] for n in sorted(texts)] == [1, 1, 1, 2, 2, 2, 3, 3]
    assert "this" in rows["801"]["text"] and "link" in rows["801"]["text"] and "\x02" not in rows["801"]["text"]
    assert rows["803"]["text"].endswith("my own words")
    assert rows["806"]["text"] == "after the deep divs"
    assert not db["crawl_errors"].exists() or db["crawl_errors"].count == 0
