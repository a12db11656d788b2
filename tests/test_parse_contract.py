"""``forum-archiver parse`` prints JSON that validates against the published schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import REAL_FIXTURES

from crawler.cli import main as cli

SCHEMA = json.loads((Path(__file__).parent.parent / "parsers" / "schema" / "parse_result.schema.json").read_text())
PAGES = Path(__file__).parent.parent / "crawler" / "demo_site" / "pages"
TOPIC = PAGES / "topic" / "4242-iraqi-officials-prime-minister-survives-assassination-attempt"


def parse_json(capsys, path: Path, url: str, *extra: str) -> dict:
    assert cli(["parse", str(path), "--url", url, "--captured-at", "2021-12-30T12:00:00Z", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_sample_page_validates_and_holds_its_posts(capsys, expected_thread):
    result = parse_json(capsys, TOPIC / "index.html", "http://127.0.0.1:8000/topic/4242-x/")
    jsonschema.validate(result, SCHEMA)
    assert result["kind"] == "thread_page" and result["engine"] == "ips"
    on_page = [p for p in expected_thread["posts"] if p["page"] == 1]
    assert [p["post_id"] for p in result["posts"]] == [p["post_id"] for p in on_page]
    assert result["next_page_url"].endswith("/page/2/")


def test_blocked_page_validates(capsys):
    result = parse_json(capsys, Path(__file__).parent / "data" / "ips_guest_limit.html", "https://f.example/topic/1-x/")
    jsonschema.validate(result, SCHEMA)
    assert result["kind"] == "blocked"


def test_schema_rejects_a_result_missing_a_field(capsys):
    result = parse_json(capsys, TOPIC / "index.html", "http://127.0.0.1:8000/topic/4242-x/")
    del result["posts"][0]["author"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(result, SCHEMA)


@pytest.mark.skipif(not (REAL_FIXTURES / "ips").is_dir(), reason="../shared/fixtures/real is absent")
@pytest.mark.parametrize("page", sorted((REAL_FIXTURES / "ips").glob("*.html")) if (REAL_FIXTURES / "ips").is_dir() else [],
                         ids=lambda p: p.name)
def test_real_ips_pages_validate(capsys, page):
    result = parse_json(capsys, page, "https://forum.example.com/topic/1-x/")
    jsonschema.validate(result, SCHEMA)
    assert result["kind"] == "thread_page" and result["posts"]


def test_unknown_engine_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli(["parse", str(TOPIC / "index.html"), "--url", "http://x/", "--engine", "nosuch"])
    assert exit_info.value.code == 2


NEWS = REAL_FIXTURES / "news"


@pytest.mark.skipif(not NEWS.is_dir(), reason="../shared/fixtures/real is absent")
@pytest.mark.parametrize("page", sorted(NEWS.glob("*.html")) if NEWS.is_dir() else [], ids=lambda p: p.name)
def test_real_news_pages_validate(capsys, page):
    result = parse_json(capsys, page, "https://news.example.com/2024/article")
    jsonschema.validate(result, SCHEMA)
    assert result["kind"] == "article_page"
    assert [a["main"] for a in result["articles"]][0] is True
