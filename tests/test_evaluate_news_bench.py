"""``forum-archiver eval`` on the news benchmark layout (``ground-truth.json`` beside ``html/``) and
``--news-gold``: scores worked out by hand on tests/data/news_bench_mini, and one run over the real bench."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import DATA, REAL_FIXTURES

from crawler.cli import main as cli
from parsers.evaluate import evaluate_dir, same_published
from parsers.evaluate_gold import find_bench_pages
from parsers.evaluate_report import body_rows

MINI = DATA / "news_bench_mini"
SAMPLE = MINI / "sample-gold.json"
REAL_BENCH = REAL_FIXTURES / "news-bench"
A = "aaaa0000000000000000000000000000000000000000000000000000000000a1"
B = "bbbb0000000000000000000000000000000000000000000000000000000000b2"
C = "cccc0000000000000000000000000000000000000000000000000000000000c3"

# Word tokens (lower-cased \w+) of the three pages, by hand:
#   A: gold = our text = 17 + 16 tokens                          -> P 1, R 1, F1 1
#   B: gold "the town library will stay open until nine in the evening on weekdays from the first of
#      april onwards" = 19 tokens; ours adds "the council pays for the extra staff out of its culture
#      budget this year" = 14 tokens: overlap 19, P 19/33, R 1, F1 2*19/(19+33) = 38/52
#   C: a cookie wall no parser reads                             -> 0, 0, 0
P_B, F1_B = 19 / 33, 38 / 52


def tally(report, engine: str, gold: str, field: str) -> tuple[int, int]:
    found = report.scores[(engine, gold, field)]
    return found.correct, found.total


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    """The mini bench copied, page A gzipped as the real bench stores its pages, and a gold key without a page."""
    root = tmp_path / "mini-bench"
    shutil.copytree(MINI, root)
    page = root / "html" / f"{A}.html"
    (root / "html" / f"{A}.html.gz").write_bytes(gzip.compress(page.read_bytes()))
    page.unlink()
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    truth["dddd" + "0" * 60] = {"articleBody": "no page for this one", "url": "https://gone.example/"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_the_layout_is_found_gzipped_or_not_and_a_key_without_a_page_is_skipped(bench):
    pages = find_bench_pages(bench.parent)
    assert [(p.name, p.key, p.html.name) for p in pages] == [
        ("mini-bench/aaaa000000000000", A, f"{A}.html.gz"), ("mini-bench/bbbb000000000000", B, f"{B}.html"),
        ("mini-bench/cccc000000000000", C, f"{C}.html")]
    assert pages[0].body().startswith(b"<!DOCTYPE html>\n<!-- Hand-written")
    assert pages[0].gold == {A: json.loads((MINI / "ground-truth.json").read_text(encoding="utf-8"))[A]}
    # The bench folder as DIR itself: pages named by its own name.
    assert [p.name for p in find_bench_pages(bench)][0] == "mini-bench/aaaa000000000000"


def test_a_ground_truth_of_another_shape_is_not_a_bench(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "x.html").write_text("<p>x</p>")
    (tmp_path / "ground-truth.json").write_text(json.dumps({"x": {"title": "no articleBody"}}))
    assert find_bench_pages(tmp_path) == []


def test_bench_pages_are_scored_as_news_gold_by_hand(bench):
    report = evaluate_dir(bench)
    outcomes = {p.page: (p.gold, p.kind, p.engine) for p in report.pages}
    assert outcomes == {"mini-bench/aaaa000000000000": ("news", "article_page", "news"),
                        "mini-bench/bbbb000000000000": ("news", "article_page", "news"),
                        "mini-bench/cccc000000000000": ("news", "unsupported", "none")}
    # No title/author/date gold in the bench: only the body is scored.
    assert set(report.scores) == {("news", "news", "body_f1"), ("none", "news", "body_f1")}
    read = report.scores[("news", "news", "body_f1")]
    assert (read.correct, read.total) == (1, 2) and read.mean_f1 == pytest.approx((1 + F1_B) / 2)
    assert tally(report, "none", "news", "body_f1") == (0, 1)
    bodies = {b.page[-16:-12]: (b.precision, b.recall, b.f1) for b in report.bodies}
    assert bodies["aaaa"] == (1.0, 1.0, 1.0)
    assert bodies["bbbb"] == pytest.approx((P_B, 1.0, F1_B))
    assert bodies["cccc"] == (0.0, 0.0, 0.0)
    (row,) = body_rows(report)
    assert (row["folder"], row["pages"], row["not_read"], row["at_threshold"]) == ("mini-bench", 3, 1, 1)
    assert row["precision"] == pytest.approx((1 + P_B) / 3)
    assert row["recall"] == pytest.approx(2 / 3)
    assert row["f1"] == pytest.approx((1 + F1_B) / 3)
    # The miss says P, R and the words the gold lacks; the cookie wall is under "No parser", not a miss.
    (miss,) = report.misses
    assert (miss.page, miss.field) == ("mini-bench/bbbb000000000000", "body_f1")
    assert miss.found.startswith("F1 0.731 (P 0.58, R 1.00); missing: -; extra: the council pays")


def test_cli_prints_the_news_bodies_table(bench, capsys):
    assert cli(["eval", str(bench)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    head = lines.index("News bodies: main article against the gold body, token P/R/F1 (a page not read scores 0)")
    assert lines[head + 2].split() == ["mini-bench", "3", "1", f"{(1 + P_B) / 3:.3f}", "0.667",
                                       f"{(1 + F1_B) / 3:.3f}", "1", "(33.3%)"]
    assert "No parser: pages not read as threads or articles (1, of them news: 1)" in out
    assert cli(["eval", str(bench), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["news_bodies"][0]["pages"] == 3 and len(data["news_body_pages"]) == 3
    assert "news_sample" not in data


# --- --news-gold ------------------------------------------------------------------------------
# The real parser on the hand-written pages. What it must read, from the pages by hand: A: title
# "Harbour bridge reopens after repairs", authors Ann Writer and Bob Reporter, published
# 2019-11-19T23:32:00-05:00 (JSON-LD, offset kept); B: title "The town's library extends its hours"
# (straight apostrophe), no author, published on 2021-03-02.


def test_news_gold_scores_title_authors_and_time_by_hand(bench):
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))["pages"]
    report = evaluate_dir(bench, news_sample=sample)
    assert report.news_sample == (3, 4)  # eeee... is not in the bench
    # A: title right (whitespace), authors right (case, whitespace), time: the gold's instant, but
    #    the gold's day (the 20th, in UTC) is not the page's own (the 19th, at -05:00): wrong. B: curly apostrophe in the gold: wrong title; no author
    #    and none given: right; a bare day, ours that day: right. C: not read: all wrong, no misses.
    assert tally(report, "news", "news-sample", "title") == (1, 2)
    assert tally(report, "news", "news-sample", "authors") == (2, 2)
    assert tally(report, "news", "news-sample", "published") == (1, 2)
    for field in ("title", "authors", "published"):
        assert tally(report, "none", "news-sample", field) == (0, 1)
    misses = {(m.page[-16:-12], m.field): (m.expected, m.found) for m in report.misses if m.field != "body_f1"}
    assert misses == {
        ("aaaa", "published"): ("2019-11-20T04:32:00+00:00", "2019-11-19T23:32:00-05:00"),
        ("bbbb", "title"): ("The town\u2019s library extends its hours", "The town's library extends its hours"),
    }


def test_cli_news_gold_table_and_bad_file(bench, tmp_path, capsys):
    assert cli(["eval", str(bench), "--news-gold", str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    head = lines.index("News gold (--news-gold): title, authors, published of the main article "
                       "(3 of its 4 pages found)")
    assert [line.split() for line in lines[head + 2: head + 5]] == [
        ["title", "1", "3", "33.3%"], ["authors", "2", "3", "66.7%"], ["published", "1", "3", "33.3%"]]
    assert cli(["eval", str(bench), "--news-gold", str(SAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["news_sample"]["pages_found"] == 3 and data["news_sample"]["fields"][1] == {
        "field": "authors", "correct": 2, "total": 3, "accuracy": pytest.approx(2 / 3)}
    (tmp_path / "bad.json").write_text('{"pages": [1]}')
    for gold in (tmp_path / "missing.json", tmp_path / "bad.json"):
        with pytest.raises(SystemExit) as stop:
            cli(["eval", str(bench), "--news-gold", str(gold)])
        assert stop.value.code == 2
    capsys.readouterr()


def test_same_published_rules():
    minus5 = timezone(timedelta(hours=-5))
    local = datetime(2019, 11, 19, 23, 32, tzinfo=minus5)
    utc = local.astimezone(timezone.utc)  # 2019-11-20T04:32Z
    assert same_published("2019-11-19T23:32:00-05:00", local)
    assert not same_published("2019-11-19T23:32:00-05:00", utc)              # same instant, another day
    assert same_published("2019-11-20T04:32:00Z", utc)
    assert not same_published("2019-11-19T23:31:00-05:00", local)            # same day, another instant
    assert same_published("2019-11-19", local) and not same_published("2019-11-19", utc)
    assert same_published("2019-11-19T23:32:00", local)                      # no offset: the wall clock
    assert same_published("2019-11-19T23:32:00-05:00", local.replace(microsecond=893000))  # to the second
    assert same_published("2019-11-20T04:32:00.819Z", utc.replace(microsecond=819000))  # gold with milliseconds
    assert same_published("2019-11-20T04:32:00.819Z", utc)
    assert not same_published("2019-11-20T04:32:01.819Z", utc)
    assert same_published(None, None) and not same_published(None, local) and not same_published("2019-11-19", None)


@pytest.mark.skipif(not REAL_BENCH.is_dir(), reason="../shared/fixtures/real/news-bench is absent")
def test_the_real_bench_scores_all_181_pages(capsys):
    assert cli(["eval", str(REAL_BENCH), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["pages"]) == 181 and len(data["news_body_pages"]) == 181
    assert sum(r["total"] for r in data["scores"] if r["field"] == "body_f1") == 181
    assert data["news_bodies"][0]["pages"] == 181
