"""The README's ``forum-archiver check`` recipes, run exactly as written in a folder whose
``data/archive.db`` is a real crawl of a thread with a page missing, then after the plain re-crawl
that fills it."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_crawl, serve_pages
from thread_pages import write_thread

TOPIC = "topic/58-check"


def recipes() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Nothing lost silently", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def run_recipe(line: str, folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(shlex.split(line), cwd=folder, env=env, capture_output=True, text=True, timeout=60)


def test_check_recipes_report_the_gap_and_then_the_complete_thread(tmp_path):
    assert recipes() == ["forum-archiver check data/archive.db", "forum-archiver check data/archive.db --json"]
    site, folder = tmp_path / "site", tmp_path / "run"
    write_thread(site, [(500 + n, f"post {n}") for n in range(6)], topic=TOPIC)  # two pages of three
    page_two = site / TOPIC / "page" / "2" / "index.html"
    saved = page_two.read_bytes()
    page_two.unlink()
    server = serve_pages(site)
    try:
        url = server.url(f"/{TOPIC}/")
        run_crawl([url], folder / "data", lost=True)
        text, as_json = (run_recipe(line, folder) for line in recipes())
        assert (text.returncode, as_json.returncode) == (1, 1)
        assert f"INCOMPLETE {server.url('').split('//')[1].rstrip('/')}/58 History" in text.stdout
        assert "1 of 2 pages; missing page(s) 2" in text.stdout
        assert "NOT FILLED http: " + server.url(f"/{TOPIC}/page/2/") in text.stdout
        assert "1 of 1 thread(s) incomplete; 1 crawl error(s) not filled since (1 http)" in text.stdout
        report = json.loads(as_json.stdout)
        assert report["complete"] is False and report["threads"][0]["missing_pages"] == [2]

        page_two.write_bytes(saved)
        run_crawl([url], folder / "data")
    finally:
        server.stop()
    text, as_json = (run_recipe(line, folder) for line in recipes())
    assert (text.returncode, as_json.returncode) == (0, 0), text.stdout
    assert text.stdout.strip() == "0 of 1 thread(s) incomplete; 0 crawl error(s) not filled since"
    assert json.loads(as_json.stdout)["threads"][0]["pages_archived"] == [1, 2]
