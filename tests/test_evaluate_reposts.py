"""``forum-archiver eval --reposts``: precision and recall of repost detection against hand labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, REAL_FIXTURES

from crawler.cli import main as cli
from parsers.evaluate_reposts import evaluate_reposts

LABELS = DATA / "repost_labels.json"


def test_sample_thread_reposts_and_outlets(tmp_path):
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    sample = {"posts": [p for p in labels["posts"] if p["source"] == "sample"]}
    path = tmp_path / "sample_labels.json"
    path.write_text(json.dumps(sample), encoding="utf-8")
    report = evaluate_reposts(path, tmp_path)
    # Posts 1, 2, 3, 8, 9, 10, 11 and 13 paste news; 4 to 7 and 12 are conversation.
    assert (report.true_positive, report.false_positive, report.false_negative, report.true_negative) == (8, 0, 0, 5)
    assert report.outlets_right == report.outlets_total == 6


def test_a_wrong_label_shows_up_as_a_mistake(tmp_path):
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    wrong = [dict(p, repost=not p["repost"]) if p.get("position") == 12 else p
             for p in labels["posts"] if p["source"] == "sample"]
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps({"posts": wrong}), encoding="utf-8")
    report = evaluate_reposts(path, tmp_path)
    assert report.false_negative == 1 and report.recall == pytest.approx(8 / 9)
    assert any("missed repost" in m for m in report.mistakes)


@pytest.mark.skipif(not (REAL_FIXTURES / "ips").is_dir(), reason="../shared/fixtures/real is absent")
def test_precision_and_recall_on_the_sample_and_the_real_posts(capsys):
    assert cli(["eval", str(REAL_FIXTURES), "--reposts", str(LABELS), "--json"]) == 0
    reposts = json.loads(capsys.readouterr().out)["reposts"]
    assert reposts["true_positive"] + reposts["false_positive"] + reposts["false_negative"] + reposts["true_negative"] >= 13 + 40
    assert reposts["precision"] >= 0.95 and reposts["recall"] >= 0.9
    assert not reposts["missing_sources"]


def test_missing_labels_file_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli(["eval", str(Path(__file__).parent / "data"), "--reposts", str(tmp_path / "nope.json")])
    assert exit_info.value.code == 2
    assert "no such labels file" in capsys.readouterr().err
