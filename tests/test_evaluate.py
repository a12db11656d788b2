"""``forum-archiver eval``: scores checked by hand on tiny pages written here, and one run over the real pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REAL_FIXTURES

from crawler.cli import main as cli
from parsers import evaluate
from parsers.evaluate import evaluate_dir, token_f1

TOPIC = "https://forum.example/topic/7-hello-world/"


def post(comment_id: int, user_id: int, name: str, when: str, body: str) -> str:
    """One IPS 4 post with the markup the parser trusts most (quotedata, <time datetime>)."""
    quotedata = json.dumps({"userid": user_id, "username": name, "contentid": 7})
    return f"""
<article id="elComment_{comment_id}" class="cPost ipsComment">
  <aside><h3 class="cAuthorPane_author"><a href="https://forum.example/profile/{user_id}-{name}/">{name}</a></h3></aside>
  <div id="comment-{comment_id}_wrap" data-commentid="{comment_id}" data-quotedata='{quotedata}'>
    <div class="ipsComment_meta"><a href="{TOPIC}?do=findComment&amp;comment={comment_id}"><time datetime="{when}">x</time></a></div>
    <div data-role="commentContent">{body}</div>
  </div>
</article>"""


QUOTE = """<blockquote class="ipsQuote" data-ipsquote data-ipsquote-username="alice" data-ipsquote-timestamp="1700000000">
  <div class="ipsQuote_citation">On 11/14/2023 at 10:13 PM, alice said:</div>
  <div class="ipsQuote_contents"><p>the quick brown fox</p></div></blockquote>"""

CAROL = "<p>hello new world again</p><p>it's \"fine\"</p>"

# Three posts. What a reader sees of each (quotes included), as word tokens:
#   101 alice  2023-11-14  "the quick brown fox"
#   102 bob    2023-11-15  "On 11/14/2023 at 10:13 PM, alice said: the quick brown fox" + "jumps over the lazy dog"
#   103 carol  2023-11-20  "hello new world again" + 'it's "fine"'
PAGE = f"""<!DOCTYPE html><html><head><title>Hello world - Example Forum</title>
<link rel="canonical" href="{TOPIC}"></head><body class="ipsApp">
<h1 class="ipsType_pageTitle">Hello world</h1>
{post(101, 1, "alice", "2023-11-14T22:13:20Z", "<p>the quick brown fox</p>")}
{post(102, 2, "bob", "2023-11-15T10:00:00Z", QUOTE + "<p>jumps over the lazy dog</p>")}
{post(103, 3, "carol", "2023-11-20T08:00:00Z", CAROL)}
</body></html>"""


def annotation(user: str, when: str, text: str, link: str) -> dict:
    return {"user": {"surface_form": user}, "datetime": {"surface_form": when},
            "post_text": {"surface_form": text}, "post_link": {"surface_form": link}}


HARVEST = {"source_url": TOPIC, "gold_standard_annotation": [
    # The opening post: linked by the topic URL, so matched by order; author as a profile URL.
    annotation("https://forum.example/profile/1-alice", "November 14, 2023", "the quick brown fox", TOPIC),
    # "+" is a badge; the year-less "November 20" is read in the newest post's year: 5 days off -> wrong date.
    annotation("+bob", "November 20", "On 11/14/2023 at 10:13 PM, alice said: the quick brown fox jumps over the lazy dog",
               "comment-102"),
    # Wrong author; text: gold "hello brave new world it s fine", ours "hello new world again it s fine":
    # 6 shared tokens of 7 and 7, F1 = 2*6/(7+7) = 0.857 < 0.9 -> wrong text.
    annotation("https://forum.example/profile/9-mallory/", "November 20, 2023", "hello brave new world it's fine",
               f"{TOPIC}?do=findComment&comment=103"),
]}

TIPTOPJAW = {"url": TOPIC, "ground_truth": {
    "title": "Hello   world",            # right once whitespace is collapsed
    "author": "Alice Smith",             # wrong: the starter is "alice"
    "publish_date": "2023-11-15",        # right: 2023-11-14T22:13Z is within a day
    "main_content": "alice\nthe quick brown fox",
    "with": ["quick brown fox", "it’s “fine”", "not on the page"],  # 2 of 3 (typographic quotes straightened)
    "without": ["Sign in to reply", "lazy dog"],                     # 1 of 2: "lazy dog" is bob's own words
}}

# Word tokens a reader sees on the page, author names included (for text_f1):
# alice(1) the quick brown fox(4) bob(1) on 11 14 2023 at 10 13 pm alice said(10) the quick brown fox(4)
# jumps over the lazy dog(5) carol(1) hello new world again(4) it s fine(3) = 33.
PAGE_TOKENS = 33


def write(folder: Path, stem: str, gold: dict, html: str = PAGE) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.html").write_text(html, encoding="utf-8")
    (folder / f"{stem}.expected.json").write_text(json.dumps(gold), encoding="utf-8")


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    write(tmp_path / "ips", "topic-7", HARVEST)
    write(tmp_path / "ips", "topic-7-page", TIPTOPJAW)
    write(tmp_path / "news", "article", {"V1": {"title": "A story", "publishing_date": "2024-03-07 07:55:25+00:00",
                                                "body": {"summary": [], "sections": []}}},
          "<html><head><title>A story</title></head><body><article><p>Words.</p></article></body></html>")
    write(tmp_path / "other", "board", TIPTOPJAW, "<html><head><title>Board</title></head><body><p>hi</p></body></html>")
    (tmp_path / "other" / "topic.json").write_text("{}")                     # Discourse-style JSON, no gold: ignored
    (tmp_path / "other" / "lonely.expected.json").write_text(json.dumps(HARVEST))  # gold without a page: ignored
    return tmp_path


def score(report, engine: str, gold: str, field: str) -> tuple[int, int]:
    found = report.scores[(engine, gold, field)]
    return found.correct, found.total


# --- Token F1 --------------------------------------------------------------------------------


def test_token_f1_by_hand():
    assert token_f1("The cat sat.", "the CAT sat") == 1.0
    assert token_f1("hello brave new world", "hello new world again") == 0.75  # overlap 3 of 4 and 4
    assert token_f1("a a b", "a b b") == pytest.approx(2 / 3)  # multiset overlap: one "a" and one "b"
    assert token_f1("Don’t stop", "don't stop") == 1.0  # \w+ splits both into don, t, stop
    assert token_f1("x y", "z") == 0.0
    assert token_f1("", "") == 1.0 and token_f1("words", "") == 0.0


# --- Harvest format --------------------------------------------------------------------------


def test_harvest_scores_by_hand(gold_dir):
    report = evaluate_dir(gold_dir)
    assert score(report, "ips", "harvest", "posts") == (1, 1)
    assert score(report, "ips", "harvest", "author") == (2, 3)
    assert report.scores[("ips", "harvest", "author")].accuracy == pytest.approx(0.667, abs=1e-3)
    assert score(report, "ips", "harvest", "date") == (2, 3)
    assert score(report, "ips", "harvest", "text") == (2, 3)
    assert report.scores[("ips", "harvest", "text")].mean_f1 == pytest.approx((1 + 1 + 12 / 14) / 3)
    assert score(report, "ips", "harvest", "permalink") == (3, 3)


def test_harvest_misses_say_what_was_expected_and_found(gold_dir):
    misses = [m for m in evaluate_dir(gold_dir).misses if m.page == "ips/topic-7"]
    by_field = {(m.field, m.where): m for m in misses}
    assert set(by_field) == {("date", "post 102"), ("author", "post 103"), ("text", "post 103")}
    assert by_field[("date", "post 102")].expected == "November 20 (read as 2023-11-20)"
    assert by_field[("date", "post 102")].found.startswith("2023-11-15T10:00")
    assert "carol" in by_field[("author", "post 103")].found
    assert by_field[("text", "post 103")].found.startswith("F1 0.857")
    assert by_field[("text", "post 103")].found.endswith("missing: brave; extra: again")


def test_a_gold_post_id_we_do_not_have_is_a_miss_not_a_guess(tmp_path):
    gold = {"source_url": TOPIC, "gold_standard_annotation": [
        annotation("alice", "November 14, 2023", "the quick brown fox", "comment-101"),
        annotation("bob", "November 15, 2023", "jumps over the lazy dog", "comment-999"),
    ]}
    write(tmp_path, "topic", gold)
    report = evaluate_dir(tmp_path)
    assert score(report, "ips", "harvest", "posts") == (0, 1)  # 3 parsed, 2 in the gold
    for field in ("author", "date", "text", "permalink"):
        assert score(report, "ips", "harvest", field) == (1, 2), field
    assert any(m.where == "post 999" and m.found == "no post 999" for m in report.misses)


# --- Tiptopjaw format ------------------------------------------------------------------------


def test_tiptopjaw_scores_by_hand(gold_dir):
    report = evaluate_dir(gold_dir)
    assert score(report, "ips", "tiptopjaw", "title") == (1, 1)
    assert score(report, "ips", "tiptopjaw", "starter") == (0, 1)
    assert score(report, "ips", "tiptopjaw", "date") == (1, 1)
    assert score(report, "ips", "tiptopjaw", "with") == (2, 3)
    assert score(report, "ips", "tiptopjaw", "without") == (1, 2)
    # main_content has 5 tokens, all on the page: F1 = 2*5 / (5 + 33).
    assert report.scores[("ips", "tiptopjaw", "text_f1")].mean_f1 == pytest.approx(10 / (5 + PAGE_TOKENS))
    assert score(report, "ips", "tiptopjaw", "text_f1") == (0, 1)


# --- Hand annotations and trafilatura page gold -------------------------------------------------

# Hand annotations in harvest's shape: the first posts only (the page's count in posts_on_page),
# the first 60 characters of the poster's own words, the time also as ISO, and the page gold the
# page's repository shipped. Against PAGE:
#   alice: ISO 23:13:20+01:00 is 22:13:20Z, her time -> right; opens "the quick brown fox" -> right
#   bob: a naive ISO states no zone -> no time scored; his own words (the quote left out) open "jumps" -> right
#   carol: opens "hello new world", not "hello brave" -> wrong opening
HAND = {"source_url": TOPIC, "annotated_by": "hand", "posts_on_page": 3, "gold_standard_annotation": [
    {"user": {"surface_form": "alice"}, "datetime": {"surface_form": "November 14, 2023", "iso": "2023-11-14T23:13:20+01:00"},
     "post_text": {"first_60_chars": "the quick brown"}},
    {"user": {"surface_form": "bob"}, "datetime": {"surface_form": "November 15, 2023", "iso": "2023-11-15T10:00"},
     "post_text": {"first_60_chars": "jumps over the"}},
    {"user": {"surface_form": "carol"}, "datetime": {"surface_form": "November 20, 2023", "iso": "2023-11-20T08:00"},
     "post_text": {"first_60_chars": "hello brave"}},
], "shipped_page_gold": {"title": "Hello world", "author": "", "date": "2023-11-14", "with": ["lazy dog", "absent words"],
                         "without": ["Sign in to reply"]}}


def test_hand_annotations_score_count_opening_time_and_the_shipped_page_gold(tmp_path):
    write(tmp_path / "ips", "topic-7", HAND)
    report = evaluate_dir(tmp_path)
    assert [(p.gold, p.kind) for p in report.pages] == [("harvest", "thread_page")]
    assert score(report, "ips", "harvest", "posts") == (1, 1)  # 3 posts, as posts_on_page says
    assert score(report, "ips", "harvest", "author") == (3, 3)
    assert score(report, "ips", "harvest", "date") == (3, 3)
    assert score(report, "ips", "harvest", "time") == (1, 1)
    assert score(report, "ips", "harvest", "opening") == (2, 3)
    assert ("ips", "harvest", "text") not in report.scores and ("ips", "harvest", "permalink") not in report.scores
    assert score(report, "ips", "trafilatura", "title") == (1, 1)
    assert ("ips", "trafilatura", "starter") not in report.scores  # "author": "" is no gold
    assert score(report, "ips", "trafilatura", "date") == (1, 1)
    assert score(report, "ips", "trafilatura", "with") == (1, 2)
    assert score(report, "ips", "trafilatura", "without") == (1, 1)
    (miss,) = [m for m in report.misses if m.field == "opening"]
    assert (miss.where, miss.expected) == ("post #3 (by order)", "hello brave")


def test_trafilatura_page_gold_alone_scores_what_it_has(tmp_path):
    write(tmp_path / "ips", "topic-7", {"source_url": TOPIC, "shipped_page_gold": {"date": "2023-11-15", "file": "x.html"}})
    report = evaluate_dir(tmp_path)
    assert [(p.gold, p.kind, p.engine) for p in report.pages] == [("trafilatura", "thread_page", "ips")]
    assert {key[2] for key in report.scores} == {"date"}
    assert score(report, "ips", "trafilatura", "date") == (1, 1)
    assert evaluate.capture_time({"shipped_page_gold": {"date": "2023-11-15"}}, "trafilatura").isoformat() \
        == "2023-11-15T00:00:00+00:00"


def test_a_gold_format_no_scorer_reads_is_skipped_with_its_keys(tmp_path):
    write(tmp_path / "ips", "topic-7", {"labels": [1, 2], "version": 3})
    report = evaluate_dir(tmp_path)
    (page,) = report.pages
    assert (page.gold, page.kind, page.engine) == ("unknown", "skipped", "none")
    assert page.reason == "no scorer reads this gold (keys: labels, version)"
    assert report.scores == {}


# --- Pages no parser reads -------------------------------------------------------------------


def test_pages_without_a_parser_are_counted_not_fatal(gold_dir):
    report = evaluate_dir(gold_dir)
    outcomes = {p.page: (p.gold, p.kind, p.engine) for p in report.pages}
    assert outcomes == {
        "ips/topic-7": ("harvest", "thread_page", "ips"),
        "ips/topic-7-page": ("tiptopjaw", "thread_page", "ips"),
        "news/article": ("news", "unsupported", "none"),
        "other/board": ("tiptopjaw", "unsupported", "none"),
    }
    # Pages no parser read score zero under "none": forum fields and news fields alike.
    assert score(report, "none", "tiptopjaw", "title") == (0, 1)
    assert score(report, "none", "tiptopjaw", "with") == (0, 3)
    assert ("none", "tiptopjaw", "without") not in report.scores  # an empty parse would pass it vacuously
    assert score(report, "none", "news", "title") == (0, 1)
    assert score(report, "none", "news", "date") == (0, 1)


NEWS_PAGE = """<html lang="en"><head><title>Site</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Rates held steady",
 "datePublished": "2024-03-07T07:55:25Z", "author": [{"@type": "Person", "name": "Ann Writer"}]}</script>
</head><body><article><h1>Rates held steady</h1>
<p>The central bank kept its rates unchanged on Thursday, as markets had expected for several weeks.</p>
<p>Officials said inflation was slowing but not yet where they wanted it, and that they would wait.</p>
</article></body></html>"""


def test_news_fields_are_scored_against_the_gold(tmp_path):
    gold = {"V1": {"title": "Rates held steady", "authors": ["Ann Writer", "Bob Other"],
                   "publishing_date": "2024-03-07 07:55:25+00:00",
                   "body": {"summary": [], "sections": [{"headline": [], "paragraphs": [
                       "The central bank kept its rates unchanged on Thursday, as markets had expected for several weeks.",
                       "Officials said inflation was slowing but not yet where they wanted it, and that they would wait."]}]}}}
    write(tmp_path / "news", "rates", gold, NEWS_PAGE)
    report = evaluate_dir(tmp_path)
    assert score(report, "news", "news", "title") == (1, 1)
    assert score(report, "news", "news", "authors") == (0, 1)  # one of the two gold authors is missing
    assert score(report, "news", "news", "date") == (1, 1)
    assert score(report, "news", "news", "body_f1") == (1, 1)
    assert report.scores[("news", "news", "body_f1")].mean_f1 == 1.0


def test_a_parser_that_raises_is_listed_as_an_error(gold_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(evaluate, "parse_page", broken)
    report = evaluate_dir(gold_dir)
    assert {p.kind for p in report.pages} == {"error"}
    assert all("boom" in p.reason for p in report.pages)


def test_capture_time_is_the_gold_date_or_the_fixed_default():
    assert evaluate.capture_time(TIPTOPJAW, "tiptopjaw").isoformat() == "2023-11-15T00:00:00+00:00"
    assert evaluate.capture_time({"V1": {"publishing_date": "2024-03-07 07:55:25+00:00"}}, "news").isoformat() \
        == "2024-03-07T07:55:25+00:00"
    assert evaluate.capture_time(HARVEST, "harvest") == evaluate.DEFAULT_CAPTURE


def test_gold_dates_are_read_in_the_page_language():
    base = evaluate.DEFAULT_CAPTURE
    assert evaluate.read_gold_date("08.11.2009, 11:49", base, "de").date().isoformat() == "2009-11-08"
    assert evaluate.read_gold_date("10/05/2006, 13h16", base, "fr").date().isoformat() == "2006-05-10"
    assert evaluate.read_gold_date("Sun Mar 06, 2016 5:45 am", base, "en").date().isoformat() == "2016-03-06"


# --- Per engine and per verdict ---------------------------------------------------------------


def test_verdict_rows_count_pages_posts_authors_and_dates_by_hand(gold_dir):
    report = evaluate_dir(gold_dir)
    ips = report.verdicts[("ips", "thread_page")]
    # topic-7 (harvest) and topic-7-page (tiptopjaw): the same 3-post page twice.
    assert (ips.pages, ips.posts, ips.gold_posts) == (2, 6, 3)
    # Authors: harvest 2 of 3 (mallory is not carol) + tiptopjaw starter 0 of 1 ("Alice Smith" is not alice).
    assert (ips.authors.correct, ips.authors.total) == (2, 4)
    # Dates: harvest 2 of 3 (bob's "November 20" is 5 days off) + tiptopjaw date 1 of 1.
    assert (ips.dates.correct, ips.dates.total) == (3, 4)
    none = report.verdicts[("none", "unsupported")]
    # news/article and other/board: no parser; the board's starter and date count as wrong, the
    # news page's fields are not forum authors or dates.
    assert (none.pages, none.posts, none.authors.total, none.authors.correct, none.dates.total) == (2, 0, 1, 0, 1)
    assert set(report.verdicts) == {("ips", "thread_page"), ("none", "unsupported")}


def test_a_forced_engine_parses_every_page_with_it(gold_dir, tmp_path):
    generic_dir = tmp_path / "forced"
    write(generic_dir / "board", "sibling", {"source_url": "https://h.example.org/t/3310.html", "gold_standard_annotation": [
        {"user": {"surface_form": "Kalle"}, "datetime": {"surface_form": "12.03.2024 14:05"}}]},
        (Path(__file__).parent / "data" / "generic" / "sibling_board.html").read_text(encoding="utf-8"))
    write(generic_dir / "ips", "topic-7", HARVEST)
    report = evaluate_dir(generic_dir, engine="generic")
    assert report.forced_engine == "generic"
    # The sibling board is read by the generic parser; the IPS page (no schema.org, no sibling blocks
    # with a profile link and a date class) is declined by it, never read by the IPS parser.
    assert {(p.page, p.kind, p.engine) for p in report.pages} == {
        ("board/sibling", "thread_page", "generic"), ("ips/topic-7", "unsupported", "none")}
    assert (report.verdicts[("generic", "thread_page")].posts, report.verdicts[("generic", "unsupported")].pages) == (3, 1)
    assert score(report, "generic", "harvest", "author") == (1, 1)


def test_cli_prints_the_verdict_table_and_takes_an_engine(gold_dir, capsys):
    assert cli(["eval", str(gold_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("By engine and verdict\n")
    row = next(line for line in out.splitlines() if line.split()[:2] == ["ips", "thread_page"])
    assert row.split()[2:] == ["2", "6", "3", "2/4", "(50.0%)", "3/4", "(75.0%)"]
    assert cli(["eval", str(gold_dir), "--engine", "generic", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["forced_engine"] == "generic" and all(v["engine"] != "ips" for v in data["verdicts"])
    with pytest.raises(SystemExit) as stop:
        cli(["eval", str(gold_dir), "--engine", "nosuch"])
    assert stop.value.code == 2
    capsys.readouterr()


def test_hand_written_fixtures_have_gold_the_eval_reads(capsys):
    """tests/data/generic holds hand-written boards with hand gold: ``forum-archiver eval tests/data``
    scores them apart from the real pages."""
    report = evaluate_dir(Path(__file__).parent / "data")
    generic = [p for p in report.pages if p.page.startswith("generic/")]
    assert {(p.page, p.kind, p.engine, p.posts) for p in generic} == {
        ("generic/jsonld_board", "thread_page", "generic", 3), ("generic/microdata_qa", "thread_page", "generic", 3),
        ("generic/sibling_board", "thread_page", "generic", 3)}
    for field in ("author", "date", "time", "opening", "posts"):
        right, total = score(report, "generic", "harvest", field)
        assert right == total > 0, field


# --- The command -----------------------------------------------------------------------------


def test_cli_plain_table_and_misses(gold_dir, capsys):
    assert cli(["eval", str(gold_dir)]) == 0
    out = capsys.readouterr().out
    assert "Accuracy" in out and "Misses" in out
    row = next(line for line in out.splitlines() if line.split()[:3] == ["ips", "harvest", "author"])
    assert row.split()[3:6] == ["2", "3", "66.7%"]
    assert "news/article" in out


def test_cli_markdown(gold_dir, capsys):
    assert cli(["eval", str(gold_dir), "--markdown"]) == 0
    out = capsys.readouterr().out
    assert "| ips | harvest | author | 2 | 3 | 66.7% |  |" in out
    assert "| ips | harvest | text | 2 | 3 | 66.7% | 0.952 |" in out


def test_cli_json(gold_dir, capsys):
    assert cli(["eval", str(gold_dir), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {(r["engine"], r["gold"], r["field"]): r for r in data["scores"]}
    assert (rows[("ips", "tiptopjaw", "with")]["correct"], rows[("ips", "tiptopjaw", "with")]["total"]) == (2, 3)
    assert {"page": "news/article", "gold": "news", "kind": "unsupported", "engine": "none", "posts": 0} \
        .items() <= next(p for p in data["pages"] if p["page"] == "news/article").items()
    assert data["default_capture"] == "2024-06-01T00:00:00+00:00"


def test_cli_bad_usage_exits_2(tmp_path, capsys):
    for argv in (["eval", str(tmp_path / "missing")], ["eval", str(tmp_path)],
                 ["eval", str(tmp_path), "--json", "--markdown"]):
        with pytest.raises(SystemExit) as stop:
            cli(argv)
        assert stop.value.code == 2, argv
    capsys.readouterr()


# --- The real pages --------------------------------------------------------------------------


@pytest.mark.skipif(not REAL_FIXTURES.is_dir(), reason="../shared/fixtures/real is absent")
def test_real_pages_give_ips_rows(capsys):
    assert cli(["eval", str(REAL_FIXTURES), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(row["engine"] == "ips" and row["total"] > 0 for row in data["scores"])
